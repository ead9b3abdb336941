"""Stage ``clean``: raw input (text or HTML) -> cleaned body text and metadata.

HTML goes through trafilatura (body + title, date, site name, URL). Text is normalised to
Unicode NFC with one paragraph per line, page furniture removed (``resources/clean/artefacts.txt``),
the dateline ("Jakarta, CNN Indonesia --") turned into ``source``/``place`` and the trailing
reporter code ("(rds)") into ``byline``. ``published`` is only ever taken from input metadata
or the page, never guessed.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
import unicodedata
from functools import cache
from importlib import resources

from warta.cache import compile_pattern
from warta.errors import InputError
from warta.model import Document
from warta.stages.base import Stage

__all__ = ["CleanStage", "clean_text", "extract_html"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INLINE_ARTEFACTS = re.compile(
    r"\s*(?:ADVERTISEMENT\s*)?SCROLL TO (?:CONTINUE|RESUME)(?: WITH)? CONTENT\s*|\s*\bADVERTISEMENT\b\s*"
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
# a reporter code: "(rds)", "(rah/rah)", "(ant/ugo)", "(b)", "(embun)" - lower-case letters only, at the
# very end, alone or after the last sentence's final mark
_BYLINE = re.compile(r"(?:^|(?<=[\s.!?\"”’)]))\(\s*([a-z]{1,8}(?:\s*/\s*[a-z]{1,8}){0,3})\s*\)\s*$")
# a wire or reporter credit closing the last sentence: "... kata dia. [Antara]", "(Reuters)", "(Tri)"
_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\"”’])\s)(?:\[\s*([A-Z][\w .&-]{0,30}?)\s*\]|\(\s*([A-Z][A-Za-z.]{0,15})\s*\))\s*$"
)
_BYLINE_NAMED = re.compile(
    r"^(?:penulis|reporter|pewarta|editor|redaktur|kontributor)\s*:\s*(.{2,60})$", re.IGNORECASE
)
# "--", "—", "–", "-", and "- -" as tokenised corpora (IndoSum) write "--"
_DASH = r"\s*(?:-\s?-|—|–|-)\s*"


@cache
def _artefact_patterns() -> re.Pattern[str]:
    text = (resources.files("warta") / "resources" / "clean" / "artefacts.txt").read_text("utf-8")
    alts = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return compile_pattern("|".join(f"(?:{a})" for a in alts), re.IGNORECASE)


@cache
def _outlets() -> dict[str, str]:
    text = (resources.files("warta") / "resources" / "clean" / "outlets.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            written, canonical = line.split("\t")
            out[written.lower()] = canonical
    return out


@cache
def _dateline_patterns() -> list[re.Pattern[str]]:
    names = sorted(_outlets(), key=len, reverse=True)
    outlet = "(?P<outlet>" + "|".join(re.escape(n) for n in names) + r"|[A-Za-z0-9]+\.(?:com|co\.id|id|co))"
    place = r"(?P<place>[A-Z][A-Za-z'.]*(?:[ -][A-Z][A-Za-z'.]*){0,3})"
    flags = re.IGNORECASE
    return [
        # Jakarta, CNN Indonesia -- / JAKARTA, KOMPAS.com - / Jakarta, detikcom -
        compile_pattern(rf"^{place}\s?,\s*{outlet}{_DASH}", flags),
        # Jakarta (ANTARA News) - / JAKARTA (Pos Kota) –
        compile_pattern(rf"^{place}\s*\(\s*{outlet}\s*\){_DASH}", flags),
        # Liputan6.com, Jakarta - / Suara.com, Jakarta -
        compile_pattern(rf"^{outlet}\s*,\s*{place}{_DASH}", flags),
        # Rimanews- / Suara.com- / Liputan6.com -
        compile_pattern(rf"^{outlet}{_DASH}(?=[A-Z\"“'])", flags),
    ]


# "Jakarta -" / "SPANYOL -" / "PRANCIS –": a place alone, capitalised, then a dash and a capital
_PLACE_ONLY = re.compile(r"^(?P<place>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\s*(?:--|—|–|-)\s+(?=[A-Z\"“'])")


def _line_is_artefact(line: str) -> bool:
    return _artefact_patterns().fullmatch(line) is not None


def clean_text(raw: str) -> list[str]:
    """Normalise ``raw`` to NFC paragraphs: one per non-empty line, furniture removed."""
    if _ENTITY.search(raw):
        raw = html_lib.unescape(raw)  # "&amp;" in text exported from a CMS
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    paragraphs = []
    for raw_line in text.split("\n"):
        line = _SPACES.sub(" ", raw_line).strip()
        if not line or _line_is_artefact(line):
            continue
        line = _INLINE_ARTEFACTS.sub(" ", line).strip()
        if line:
            paragraphs.append(line)
    return paragraphs


def _looks_like_place(name: str) -> bool:
    """'Jakarta', 'SPANYOL', 'AMERIKA SERIKAT' - not an acronym such as 'PSSI' or 'KPK'."""
    if not name.isupper():
        return True
    return all(sum(ch in "AEIOU" for ch in word) >= 2 for word in name.split())


def _take_dateline(paragraphs: list[str]) -> tuple[str | None, str | None]:
    """Strip a dateline from the first paragraph; return (outlet, place)."""
    if not paragraphs:
        return None, None
    first = paragraphs[0]
    for pattern in _dateline_patterns():
        m = pattern.match(first)
        if m and len(first) > m.end():
            groups = m.groupdict()
            written = groups.get("outlet")
            outlet = _outlets().get(written.lower(), written) if written else None
            place = groups.get("place")
            paragraphs[0] = first[m.end() :].lstrip()
            return outlet, place.strip().title() if place else None
    m = _PLACE_ONLY.match(first)
    if m and len(first) > m.end() + 20 and _looks_like_place(m.group("place")):
        paragraphs[0] = first[m.end() :].lstrip()
        return None, m.group("place").title()
    return None, None


def _take_byline(paragraphs: list[str]) -> str | None:
    """Remove a trailing reporter code or 'Penulis: X' line; return it."""
    byline = None
    while paragraphs:
        last = paragraphs[-1]
        named = _BYLINE_NAMED.match(last)
        if named:
            byline = byline or named.group(1).strip()
            paragraphs.pop()
            continue
        m = _BYLINE.search(last) or _CREDIT.search(last)
        if m:
            code = next(g for g in m.groups() if g)
            byline = byline or re.sub(r"\s*/\s*", "/", code.strip())
            rest = last[: m.start()].rstrip()
            if rest:
                paragraphs[-1] = rest
            else:
                paragraphs.pop()
            continue
        break
    return byline


def extract_html(html: str, *, source: str | None = None) -> dict[str, str | None]:
    """Body text and metadata of an HTML page, by trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None:
        raise InputError("no article text found in the HTML page", source=source)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = data.get("text") or ""
    if len(body.strip()) < 1:
        raise InputError("no article text found in the HTML page", source=source)
    return {
        "text": body,
        "title": data.get("title"),
        "url": data.get("url"),
        "source": data.get("sitename"),
        "published": data.get("date"),
        "author": data.get("author"),
    }


def _same_line(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())

    return norm(a) == norm(b)


def derive_id(text: str) -> str:
    """A stable id from the cleaned text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class CleanStage(Stage):
    """Raw input to cleaned text, paragraphs, outlet, place and byline."""

    name = "clean"
    requires = ()
    #: ``title``, ``url`` and ``published`` are given with the input; an HTML page fills them when missing
    provides = ("text", "paragraphs", "source", "byline", "place", "id", "title", "url", "published")

    def __call__(self, doc: Document) -> None:
        raw = doc.raw
        author = None
        if doc.raw_format == "html":
            meta = extract_html(raw)
            raw = meta["text"] or ""
            doc.title = doc.title or meta["title"]
            doc.url = doc.url or meta["url"]
            doc.source = doc.source or meta["source"]
            doc.published = doc.published or meta["published"]
            author = meta["author"]
        paragraphs = clean_text(raw)
        if paragraphs and doc.title and len(paragraphs) > 1 and _same_line(paragraphs[0], doc.title):
            paragraphs.pop(0)  # the headline repeated at the top of the body
        if not paragraphs:
            raise InputError("empty article: no text after cleaning")
        outlet, place = _take_dateline(paragraphs)
        byline = _take_byline(paragraphs) or author
        if not paragraphs:
            raise InputError("empty article: no text after cleaning")
        doc.source = doc.source or outlet
        doc.place = place
        doc.byline = byline
        text = "\n".join(paragraphs)
        doc.text = text
        pos = 0
        doc.paragraphs = []
        for para in paragraphs:
            doc.paragraphs.append(doc.span(pos, pos + len(para)))
            pos += len(para) + 1
        if not doc.id:
            doc.id = derive_id(text)
