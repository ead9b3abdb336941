"""Stage ``segment``: paragraphs -> tokens and sentences, tuned for Indonesian news.

Rule-based and fast: one regular expression tokenises (URLs, e-mails, @handles, #hashtags,
abbreviations from ``resources/segment/``, initials, numbers with Indonesian separators such as
``1.250.000``, ``4,7``, ``10.00``, ``23/11/2021``, currency prefixes ``Rp5.000``, hyphenated words
``pro-Rusia``, ``Mi-17``), then a boundary pass splits sentences after ``. ! ? …`` (with the closing
quotes and brackets that follow them) when the next token starts a new sentence. A paragraph
break always ends a sentence.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from warta.cache import compile_pattern
from warta.model import Document, Sentence, Span, Token
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["SegmentStage", "segment_text", "tokenize"]

_FINAL = {".", "!", "?", "…"}
_CLOSERS = {")", "]", "”", "’", "»", "}", "''"}
_OPENERS_START = set("“‘«([{\"'`")
#: quote marks that may open or close: a closer when glued to the sentence-final mark before it
_AMBIGUOUS_QUOTES = {'"', "'"}
#: a list-item marker on its own at the start of a sentence: "1." "a." "IV."
_LIST_MARKER = re.compile(r"^(?:\d{1,3}|[a-zA-Z]|[IVXivx]{1,4})$")


def _read_list(name: str) -> list[str]:
    text = (resources.files("warta") / "resources" / "segment" / name).read_text("utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(_read_list("abbreviations.txt"))


@cache
def _sentence_final_abbreviations() -> frozenset[str]:
    return frozenset(_read_list("sentence_final_abbreviations.txt"))


def _literal_trie(words: list[str], tails: dict[str, str]) -> str:
    """One regex for the alternation ``w1 tail1 | w2 tail2 | ...`` written as a trie (shared
    prefixes factored out), so a position is tested against the first letters once instead of
    against every word. ``words`` are longest first, and at every node the longer continuations
    are tried before the word that ends there: the match is the one the plain alternation gives."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node.setdefault("", tails[word])

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in node.items() if ch != ""]
        if "" in node:
            alts.append(node[""])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


@cache
def _token_re(email: bool = True) -> re.Pattern[str]:
    """The tokeniser; ``email=False`` leaves out the e-mail branch (for text without an ``@``,
    where it can never match but is tried at every word)."""
    # longest first, then alphabetical: the same pattern string in every process (set order is not)
    abbrevs = sorted(set(_read_list("abbreviations.txt")), key=lambda a: (-len(a), a))
    # "Dr." may be glued to the next word ("Dr.Budi"); "RT/RW" must end at a word boundary
    abbrev = _literal_trie(abbrevs, {a: "" if a.endswith(".") else r"(?!\w)" for a in abbrevs})
    email_branch = r"| (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)" if email else ""
    return compile_pattern(
        r"""
        (?P<url>(?:https?://|www\.)[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’])
      """
        + email_branch
        + r"""
      | (?P<social>(?<!\w)[@#][^\W_]\w*)
      | (?P<abbrev>(?<![\w.])"""
        + abbrev
        + r""")
      | (?P<initials>(?<![\w.])(?:[A-Z]\.){2,}(?!\w)|(?<![\w.])[A-Z]\.(?=\s[A-Z]))
      | (?P<currency>(?<!\w)(?:Rp|US\$|S\$|RM)(?=\s?\d)|[$€£¥])
      | (?P<number>\d+(?:[.,:/]\d+)+(?:-an)?(?![\w]))
      | (?P<word>\w+(?:[-'’]\w+)*)
      | (?P<ellipsis>\.{2,}|…)
      | (?P<quotes>``|'')
      | (?P<dash>-{2,}|[—–])
      | (?P<other>\S)
        """,
        re.VERBOSE,
    )


@cache
def _letter_labels() -> frozenset[str]:
    return frozenset(_read_list("letter_labels.txt"))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with offsets shifted by ``offset``."""
    tokens: list[Token] = []
    n = len(text)
    labels = _letter_labels()
    for m in _token_re("@" in text).finditer(text):
        start, end = m.span()
        if (
            end - start == 2
            and text[start].isupper()
            and text[start + 1] == "."
            and tokens
            and (tokens[-1].text.lower() in labels)
        ):
            # "Grup H." / "inisial I.": a label letter, then a full stop
            tokens.append(Token(start + offset, start + 1 + offset, text[start], space_after=False))
            start += 1
        tokens.append(
            Token(start + offset, end + offset, text[start:end], space_after=end < n and text[end].isspace())
        )
    return tokens


def _starts_sentence(tok: str) -> bool:
    first = tok[0]
    return first.isupper() or first.isdigit() or first in _OPENERS_START


def _split(tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentence boundaries within one paragraph's tokens, as [start, end) token ranges."""
    bounds = []
    start = 0
    n = len(tokens)
    dquote_open = False
    sf_abbrevs = _sentence_final_abbreviations()
    i = 0
    while i < n:
        text = tokens[i].text
        if text == '"':
            dquote_open = not dquote_open
        is_final = text in _FINAL or text.startswith("..") or text in sf_abbrevs
        if not is_final:
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j].text
            if nxt in _FINAL or nxt.startswith("..") or nxt in _CLOSERS:
                j += 1
            elif nxt in _AMBIGUOUS_QUOTES and tokens[j - 1].end == tokens[j].start:
                # glued to the final mark: 'kuat."' closes the quote
                dquote_open = dquote_open and nxt != '"'
                j += 1
            elif nxt == '"' and dquote_open:
                dquote_open = False
                j += 1
            else:
                break
        if j >= n:
            break
        nxt = tokens[j].text
        ellipsis = text == "…" or text.startswith("..")
        list_marker = text == "." and i == start + 1 and _LIST_MARKER.match(tokens[start].text) is not None
        # "Budi, S.H. M.H." / "Dr. H." - a chain of abbreviations does not end here
        chain = text in sf_abbrevs and nxt in _abbreviations()
        if (
            _starts_sentence(nxt)
            and not (ellipsis and not nxt[0].isupper())
            and not list_marker
            and not chain
        ):
            bounds.append((start, j))
            start = j
        i = j
    if start < n:
        bounds.append((start, n))
    return bounds


def segment_text(text: str, paragraphs: list[Span]) -> tuple[list[Token], list[Sentence]]:
    """Tokens and sentences of ``text`` whose paragraphs are ``paragraphs``."""
    all_tokens: list[Token] = []
    sentences: list[Sentence] = []
    for p_index, para in enumerate(paragraphs):
        tokens = tokenize(text[para.start : para.end], para.start)
        if not tokens:
            continue
        if tokens:
            tokens[-1].space_after = True
        base = len(all_tokens)
        all_tokens.extend(tokens)
        for a, b in _split(tokens):
            s, e = tokens[a].start, tokens[b - 1].end
            sentences.append(
                Sentence(s, e, text[s:e], token_start=base + a, token_end=base + b, paragraph=p_index)
            )
    return all_tokens, sentences


class SegmentStage(Stage):
    name = "segment"
    requires = ("text", "paragraphs")
    provides = ("tokens", "sentences")

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        _token_re()
        _token_re(False)

    def __call__(self, doc: Document) -> None:
        doc.tokens, doc.sentences = segment_text(doc.text, doc.paragraphs)
