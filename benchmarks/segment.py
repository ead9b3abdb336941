"""Sentence-boundary and token F1 of warta's segmenter next to spaCy's blank Indonesian pipeline.

Data: Universal Dependencies Indonesian in ``../shared/data/ud/`` (GSD dev/test, PUD test) and
warta's own hand-annotated news paragraphs in ``tests/fixtures/segment/*.json``.

UD sentences are joined into documents of ``--doc-sentences`` consecutive sentences (one
paragraph, sentences separated by a space) rebuilt from the tokens and ``SpaceAfter=No``, so
gold token and sentence offsets are exact. Tokens are compared as character spans of the
surface tokens (a multiword token counts once, by its surface form). A sentence boundary is the
character offset where a sentence ends (a document's last one is not counted).

GSD's old release has some blocks whose ``# text`` holds several sentences; a boundary we
predict *inside* a gold block right after ``. ! ?`` before a capitalised token is counted as
"ambiguous" and left out of the lenient score (the strict score counts it as a false positive).

    .venv/bin/python benchmarks/segment.py [--ud ../shared/data/ud] [--doc-sentences 10]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warta._devdata import shared_dir
from warta.model import Span
from warta.stages.segment import segment_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "segment"


@dataclass
class Doc:
    text: str
    tokens: list[tuple[int, int]] = field(default_factory=list)
    #: sentence ends (character offsets), last one included
    ends: list[int] = field(default_factory=list)
    #: possible extra boundaries inside gold sentences (GSD multi-sentence blocks)
    ambiguous: set[int] = field(default_factory=set)


def read_conllu(path: Path) -> Iterator[list[tuple[str, bool]]]:
    """Sentences as lists of (surface form, space after) - multiword tokens by their surface."""
    sent: list[tuple[str, bool]] = []
    skip_until = 0
    for raw in path.open(encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line:
            if sent:
                yield sent
            sent, skip_until = [], 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        tid = cols[0]
        if "." in tid:
            continue  # empty node
        space = "SpaceAfter=No" not in cols[9]
        if "-" in tid:
            last = int(tid.split("-")[1])
            sent.append((cols[1], space))
            skip_until = last
            continue
        if int(tid) <= skip_until:
            continue
        sent.append((cols[1], space))
    if sent:
        yield sent


def ud_documents(path: Path, size: int) -> list[Doc]:
    docs: list[Doc] = []
    sents = list(read_conllu(path))
    for i in range(0, len(sents), size):
        doc = Doc("")
        parts: list[str] = []
        pos = 0
        for sent in sents[i : i + size]:
            if parts:
                parts.append(" ")
                pos += 1
            for k, (form, space) in enumerate(sent):
                doc.tokens.append((pos, pos + len(form)))
                parts.append(form)
                pos += len(form)
                if k + 1 < len(sent):
                    if form in {".", "!", "?"} and sent[k + 1][0][:1].isupper():
                        doc.ambiguous.add(pos)
                    if space:
                        parts.append(" ")
                        pos += 1
            doc.ends.append(pos)
        doc.text = "".join(parts)
        docs.append(doc)
    return docs


def fixture_documents(folder: Path) -> list[Doc]:
    """Hand-annotated paragraphs: {"text", "sentences": [str], "tokens": [[str, ...] per sentence]}."""
    docs = []
    for path in sorted(folder.glob("*.json")):
        for item in json.loads(path.read_text("utf-8")):
            doc = Doc(item["text"])
            pos = 0
            for sentence in item["sentences"]:
                start = doc.text.index(sentence, pos)
                pos = start + len(sentence)
                doc.ends.append(pos)
            pos = 0
            for tok in (t for sent in item["tokens"] for t in sent):
                start = doc.text.index(tok, pos)
                pos = start + len(tok)
                doc.tokens.append((start, pos))
            docs.append(doc)
    return docs


def warta_segment(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    paragraphs, pos = [], 0
    for para in text.split("\n"):
        if para.strip():
            lead = len(para) - len(para.lstrip())
            body = para.strip()
            paragraphs.append(Span(pos + lead, pos + lead + len(body), body))
        pos += len(para) + 1
    tokens, sentences = segment_text(text, paragraphs)
    return [(t.start, t.end) for t in tokens], [s.end for s in sentences]


def spacy_segmenter() -> object:
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    return nlp


def spacy_segment(nlp: object, text: str) -> tuple[list[tuple[int, int]], list[int]]:
    doc = nlp(text)  # type: ignore[operator]
    tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    ends = []
    for s in doc.sents:
        toks = [t for t in s if not t.is_space]
        if toks:
            ends.append(toks[-1].idx + len(toks[-1].text))
    return tokens, ends


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[Doc], segment: object) -> dict[str, float]:
    tok_tp = tok_pred = tok_gold = 0
    b_tp = b_pred = b_gold = b_amb = 0
    for doc in docs:
        tokens, ends = segment(doc.text)  # type: ignore[operator]
        gold_tokens = set(doc.tokens)
        tok_tp += len(gold_tokens & set(tokens))
        tok_pred += len(tokens)
        tok_gold += len(gold_tokens)
        gold = set(doc.ends[:-1])
        pred = {e for e in ends if e < len(doc.text.rstrip())} - {doc.ends[-1]}
        b_tp += len(gold & pred)
        b_gold += len(gold)
        b_pred += len(pred)
        b_amb += len((pred - gold) & doc.ambiguous)
    _, _, tok_f = f1(tok_tp, tok_pred, tok_gold)
    sp, sr, sf = f1(b_tp, b_pred, b_gold)
    _, _, lf = f1(b_tp, b_pred - b_amb, b_gold)
    return {"tok_f1": tok_f, "sent_p": sp, "sent_r": sr, "sent_f1": sf, "lenient_f1": lf, "ambiguous": b_amb}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = shared_dir(ROOT)
    parser.add_argument("--ud", default=str(shared / "data" / "ud"))
    parser.add_argument("--doc-sentences", type=int, default=10)
    parser.add_argument("--no-spacy", action="store_true")
    args = parser.parse_args(argv)

    sets: list[tuple[str, list[Doc]]] = []
    ud = Path(args.ud)
    for name, file in (
        ("UD GSD dev", "id_gsd-ud-dev.conllu"),
        ("UD GSD test", "id_gsd-ud-test.conllu"),
        ("UD PUD test", "id_pud-ud-test.conllu"),
    ):
        if (ud / file).exists():
            sets.append((name, ud_documents(ud / file, args.doc_sentences)))
        else:
            print(f"note: {ud / file} missing, skipped", file=sys.stderr)
    sets.append(("warta news fixtures", fixture_documents(FIXTURES)))

    systems: list[tuple[str, object]] = [("warta", warta_segment)]
    if not args.no_spacy:
        try:
            nlp = spacy_segmenter()
            systems.append(("spaCy blank id + sentencizer", lambda text: spacy_segment(nlp, text)))
        except ImportError:
            print(
                "note: spaCy not installed (pip install 'warta[bench]'), reference skipped", file=sys.stderr
            )

    header = (
        f"{'data':<20} {'system':<29} {'docs':>5} {'token F1':>9} {'sent P':>7} {'sent R':>7} {'sent F1':>8}"
    )
    header += f" {'lenient F1':>10} {'ambig.':>6}"
    print(header)
    print("-" * len(header))
    for name, docs in sets:
        for sys_name, fn in systems:
            s = score(docs, fn)
            print(
                f"{name:<20} {sys_name:<29} {len(docs):>5} {s['tok_f1']:>9.4f} {s['sent_p']:>7.4f} "
                f"{s['sent_r']:>7.4f} {s['sent_f1']:>8.4f} {s['lenient_f1']:>10.4f} {s['ambiguous']:>6.0f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
