"""Reported speech: a sentence's clause governed by a speech word, outside direct quotes.

Four shapes, the first that fits a sentence wins:

* ``X mengatakan (bahwa|,|:) <content>`` — a verb from the lexicon; ``weak`` verbs (menyampaikan,
  mengungkapkan…) need ``bahwa``/``,``/``:`` or a clause with a subject and a verb after them;
* ``<content>, kata X.`` / ``<content>, ujarnya.`` — a bare cue after a comma, followed by a name,
  a pronoun, a generic speaker word or (with -nya) nothing;
* ``Menurut X, <content>`` / ``Kata X, <content>`` / ``Dikatakannya, <content>`` at the start;
* ``<content>, menurut X.`` at the end.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from warta.model import Document, Token
from warta.stages.quotes.direct import Cue
from warta.stages.quotes.lexicon import Lexicon

__all__ = ["ReportedQuote", "find_reported"]

_AUX = {
    "akan", "telah", "sudah", "tidak", "tak", "belum", "bisa", "dapat", "harus", "sedang", "masih",
    "adalah", "merupakan", "perlu", "ingin", "mau", "hanya", "pernah", "sempat", "mampu", "boleh",
    "kerap", "sering", "selalu", "terus", "enggan", "wajib",
}  # fmt: skip
#: a copula marks a clause even after a long subject (`menyebut salah satu … yang ditangkap adalah …`)
_COPULA = {"adalah", "merupakan"}
#: negation before a speech verb: `tidak secara khusus mengatakan …` reports nothing said
_NEGATION = {"tidak", "tak", "belum", "bukan", "enggan"}
#: denials keep their content when negated (`tidak membantah bahwa …` = admits)
_DENIALS = {"membantah", "menampik", "menyangkal", "memungkiri", "mengelak"}
_SUBJECT_START = {"pihaknya", "ia", "dia", "mereka", "kami", "saya", "para", "seluruh", "semua", "kita"}
_NOT_AFTER = {
    "untuk",
    "agar",
    "supaya",
    "guna",
    "dalam",
    "dengan",
    "sambil",
    "tanpa",
    "bisa",
    "dapat",
    "ingin",
}
_DIRECTIVES = {
    "meminta", "mengimbau", "mendesak", "memerintahkan", "menginstruksikan", "mengajak", "berharap",
    "menyuruh", "menugaskan", "mengharapkan", "agar", "supaya",
}  # fmt: skip
_ADJUNCT = {"kepada", "pada", "di", "saat", "ketika", "dalam", "usai", "seusai", "melalui", "lewat", "via"}
_NOT_CONTENT = {
    "hal",
    "demikian",
    "begitu",
    "itu",
    "ini",
    "tersebut",
    "soal",
    "terkait",
    "tentang",
    "mengenai",
}
_DAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
_NON_SOURCE = {
    "rencana",
    "jadwal",
    "aturan",
    "ketentuan",
    "pasal",
    "undang-undang",
    "hukum",
    "agama",
    "kabar",
}
_OPENERS = set("“\"‘'«„")
_FINAL = {".", "!", "?", "…"}


@dataclass(slots=True)
class ReportedQuote:
    start: int
    end: int
    paragraph: int
    cue: Cue


#: words of verb form that are no verb (`menyampaikan protes terkait …`, `protes melalui …`)
_NOT_VERBS = frozenset(
    (
        "terkait", "tersebut", "terhadap", "termasuk", "terutama", "terakhir", "tertentu", "terbaru",
        "terbesar", "melalui", "mengenai", "menurut", "menuju", "menjelang", "dirinya", "diri",
    )
)  # fmt: skip


def _verbish(word: str) -> bool:
    low = word.lower()
    return low in _AUX or (len(low) > 5 and low.startswith(("me", "di", "ber", "ter")))


def _clause_like(toks: list[Token]) -> bool:
    """``Shoigu menyebut [Rusia telah melihat …]``, ``menjelaskan [kerja sama itu dapat …]``."""
    if len(toks) < 3:
        return False
    for k in range(1, min(7, len(toks))):
        if toks[k].text.lower() in _AUX and toks[k - 1].text.lower() != "yang":
            return True
    for k in range(7, min(13, len(toks) - 1)):
        if toks[k].text.lower() in _COPULA and toks[k - 1].text.lower() != "yang":
            return True
    # `menjelaskan [penahanan suku bunga ini dilakukan …]`: a demonstrative closes the subject
    for k in range(1, min(8, len(toks) - 1)):
        nxt = toks[k + 1].text
        if toks[k].text.lower() in ("ini", "itu", "tersebut") and (_verbish(nxt) or nxt.lower() == "karena"):
            return True
    first = toks[0].text
    if not (first[:1].isupper() or first.lower() in _SUBJECT_START):
        # `menyebut [pelaku terancam hukuman …]`: a short common-noun subject and its verb
        second = toks[1].text
        return (
            first.isalpha()
            and not first.endswith("nya")  # `menekankan [pentingnya membangun …]`: no subject
            and second.islower()
            and _verbish(second)
            and second not in _NOT_VERBS
        )
    return any(_verbish(t.text) for t in toks[1:9])


def _open_at_end(toks: list[Token]) -> bool:
    """Whether a “ opened after the last ” in ``toks`` is still open."""
    last_open = max((k for k, t in enumerate(toks) if t.text == "“"), default=-1)
    last_close = max((k for k, t in enumerate(toks) if t.text == "”"), default=-1)
    return last_open > last_close


def _content(toks: list[Token], doc: Document) -> tuple[int, int] | None:
    """Offsets of ``toks`` minus closing punctuation, or None when too short to be a claim.

    A closing mark stays when it closes a partial quote inside the clause (``membahas “…”``)."""
    while toks and (toks[-1].text in _FINAL or toks[-1].text in ",;:" or toks[-1].text in '”"’'):
        if toks[-1].text == "”" and _open_at_end(toks[:-1]):
            break
        toks = toks[:-1]
    while toks and toks[0].text in ",:;":
        toks = toks[1:]
    words = [t for t in toks if any(c.isalnum() for c in t.text)]
    if len(words) < 3:
        return None
    return toks[0].start, toks[-1].end


def _skip_adjunct(toks: list[Token], i: int) -> int:
    """Index after `kepada wartawan di Jakarta, Senin (1/1),` that may follow a speech verb."""
    for j in range(i, min(len(toks), i + 20)):
        if toks[j].text.lower() == "bahwa":
            return j + 1
    j = i
    while j < len(toks) and j < i + 20:
        if toks[j].text == ",":
            nxt = toks[j + 1].text if j + 1 < len(toks) else ""
            if nxt.lower() in _DAYS or nxt[:1].isdigit() or nxt == "(":
                j += 1
                continue
            return j + 1
        j += 1
    return i  # no comma closes the adjunct: the content starts right after the verb


def _pre_verb(doc: Document, lex: Lexicon, toks: list[Token], i: int) -> tuple[int, int] | None:
    word = toks[i].text
    kind = lex.verb_kind(word)
    if i > 0 and toks[i - 1].text.lower() in _NOT_AFTER:
        return None
    # `Ia meminta polisi segera mengungkap …`: a speech verb inside a request is no report
    if any(t.text.lower() in _DIRECTIVES for t in toks[:i]):
        return None
    if word.lower() not in _DENIALS and any(t.text.lower() in _NEGATION for t in toks[max(0, i - 3) : i]):
        return None
    j = i + 1
    # `menyebut jika …`: news Indonesian uses jika/kalau for bahwa after a speech verb
    marked = j < len(toks) and toks[j].text.lower() in (",", ":", "bahwa", "jika", "kalau")
    bahwa = False
    while j < len(toks) and toks[j].text.lower() in (",", ":", "bahwa"):
        bahwa = bahwa or toks[j].text.lower() == "bahwa"
        j += 1
    if j < len(toks) and toks[j].text in _OPENERS:
        return None  # the cue of a direct quote
    if not marked and j < len(toks) and toks[j].text.lower() in _ADJUNCT:
        j = _skip_adjunct(toks, j)
        marked = True
    if not bahwa and j < len(toks) and toks[j].text.lower() in _NOT_CONTENT:
        return None
    rest = toks[j:]
    if kind == "weak" and not marked and not _clause_like(rest):
        return None
    if (
        kind in ("strong", "opinion")
        and not marked
        and rest
        and rest[0].text.lower() in ("kepada", "sebagai")
    ):
        return None
    return _content(rest, doc)


def _phrase_to_comma(toks: list[Token], i: int) -> int | None:
    """Index of the first comma after ``i`` (the end of ``Menurut X,``), within 12 tokens."""
    for j in range(i + 1, min(len(toks), i + 14)):
        if toks[j].text == ",":
            return j
        if toks[j].text in _OPENERS:
            return None
    return None


def _parenthetical(toks: list[Token], i: int) -> int | None:
    """``Sinergitas itu, imbuhnya, …`` / ``Jika …, menurut dia, …``: index of the closing comma."""
    if i < 2 or toks[i - 1].text != ",":
        return None
    for j in range(i + 1, min(len(toks) - 3, i + 6)):
        if toks[j].text == ",":
            return j
        if not toks[j].text[:1].isalnum():
            return None
    return None


def _sentence(  # noqa: C901, PLR0912 — too long, to split (issue #15)
    doc: Document, lex: Lexicon, toks: list[Token], para: int, sent_start: int
) -> ReportedQuote | None:
    at_start = toks[0].start == sent_start
    for i, tok in enumerate(toks):
        low = tok.text.lower()
        kind = lex.verb_kind(tok.text)
        # <content>, imbuhnya, <content> / <content>, menurut X, <content>
        if kind == "post" or low in ("menurut", "menurutnya"):
            close = _parenthetical(toks, i)
            if close is not None:
                span = _content(toks, doc)
                if span:
                    cue = Cue(tok.text, tok.start, tok.end, (tok.end, toks[close].start), subject=False)
                    return ReportedQuote(span[0], span[1], para, cue)
        # Menurut X, <content> / Kata X, <content> / Dikatakannya, <content>
        lead = at_start and (
            i == 0
            or (toks[i - 1].text == "," and i <= 4)
            or (i == 1 and toks[0].text.lower() in ("seperti", "sebagaimana"))
        )
        if lead and (low in ("menurut", "menurutnya", "kata", "ujar") or kind == "passive"):
            comma: int | None
            if low.endswith("nya") and i + 1 < len(toks) and toks[i + 1].text == ",":
                comma = i + 1
            elif low == "menurutnya":
                comma = i  # `Menurutnya inflasi …` with no comma
            else:
                comma = _phrase_to_comma(toks, i)
            if low == "menurut" and i + 1 < len(toks) and toks[i + 1].text.lower() in _NON_SOURCE:
                comma = None
            if comma is not None:
                span = _content(toks[comma + 1 :], doc)
                if span:
                    cue = Cue(
                        tok.text,
                        tok.start,
                        tok.end,
                        (tok.end, max(tok.end, toks[comma].start)),
                        subject=False,
                    )
                    return ReportedQuote(span[0], span[1], para, cue)
        # <content>, menurut X.
        if low == "menurut" and i > 2 and toks[i - 1].text == ",":
            span = _content(toks[:i], doc)
            if span:
                cue = Cue(tok.text, tok.start, tok.end, (tok.end, toks[-1].end), subject=False)
                return ReportedQuote(span[0], span[1], para, cue)
        # <content>, kata X.
        if kind == "post" and i > 2 and toks[i - 1].text == ",":
            nxt = toks[i + 1].text if i + 1 < len(toks) else "."
            ok = (
                nxt[:1].isupper()
                or lex.speakers.get(nxt.lower()) in ("pronoun", "generic")
                or (low.endswith("nya") and not nxt[:1].isalnum())
                or (low.endswith("nya") and nxt.lower() in _ADJUNCT)
            )
            if ok and toks[i - 2].text not in "”\"’'":
                span = _content(toks[:i], doc)
                if span:
                    cue = Cue(tok.text, tok.start, tok.end, (tok.end, toks[-1].end), subject=False)
                    return ReportedQuote(span[0], span[1], para, cue)
        # `<topic> dinilainya belum kuat`: a passive speech verb with -nya inside the clause
        if kind == "passive" and low.endswith("nya") and i >= 2 and toks[i - 1].text != ",":
            span = _content(toks, doc)
            if span:
                cue = Cue(tok.text, tok.start, tok.end, (tok.end, tok.end), subject=False)
                return ReportedQuote(span[0], span[1], para, cue)
        # X mengatakan (bahwa) <content>
        if kind in ("strong", "weak", "opinion") and i > 0:
            span = _pre_verb(doc, lex, toks, i)
            if span:
                cue = Cue(tok.text, tok.start, tok.end, (toks[0].start, tok.start), subject=True)
                return ReportedQuote(span[0], span[1], para, cue)
    return None


def find_reported(doc: Document, lex: Lexicon, quoted: list[tuple[int, int]]) -> list[ReportedQuote]:
    """One reported quote per sentence at most; tokens inside direct quotes are not looked at.

    ``quoted`` holds the direct quotes' ``[start, end)`` including their marks; a reported clause
    stops before a direct quote that opens inside it.
    """
    out: list[ReportedQuote] = []
    quoted = sorted(quoted)
    starts = [a for a, _ in quoted]
    reach = list(accumulate((b for _, b in quoted), max))  # the furthest end of quoted[:i + 1]
    first = 0
    for s_idx, sent in enumerate(doc.sentences):
        # only the quotes that overlap this sentence (linear in the article, not sentences x quotes)
        while first < len(quoted) and reach[first] <= sent.start:
            first += 1
        local = [q for q in quoted[first : bisect_left(starts, sent.end)] if q[1] > sent.start]
        toks = doc.sentence_tokens(s_idx)
        if local:
            toks = [t for t in toks if not any(a <= t.start < b for a, b in local)]
        if len(toks) < 4:
            continue
        # cut the sentence at the first direct quote it contains (after the cue, if any)
        found = _sentence(doc, lex, toks, sent.paragraph, sent.start)
        if found is None:
            continue
        for a, _b in local:
            if found.start < a < found.end:
                found.end = a
                while found.end > found.start and not doc.text[found.end - 1].isalnum():
                    found.end -= 1
        if found.end - found.start > 10:
            out.append(found)
    return out
