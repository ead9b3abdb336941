"""The article text as HTML with annotations highlighted; every piece of text is escaped."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

__all__ = ["Highlight", "annotated_html", "highlights"]

#: outer to inner when two annotations start at the same place
_RANK = {"quote": 0, "entity": 1, "time": 2, "amount": 3}


@dataclass(slots=True)
class Highlight:
    start: int
    end: int
    kind: str  # quote | entity | time | amount
    title: str
    subtype: str = ""
    href: str | None = None


def highlights(record: dict[str, Any], entity_ids: dict[str, str]) -> list[Highlight]:
    """Highlights for every entity mention, time, amount and quote of a warta/1 record."""
    out: list[Highlight] = []
    names = {e.get("id"): e.get("name") for e in record.get("entities", [])}
    for ent in record.get("entities", []):
        bits = [ent.get("name"), ent.get("type"), ent.get("country"), ent.get("sector"), ent.get("title")]
        title = " · ".join(str(b) for b in bits if b)
        corpus_id = entity_ids.get(ent.get("id", ""))
        href = f"/entities/{quote(corpus_id, safe='')}" if corpus_id else None
        for m in ent.get("mentions", []):
            out.append(Highlight(m["start"], m["end"], "entity", title, str(ent.get("type", "OTHER")), href))
    for t in record.get("times", []):
        out.append(Highlight(t["start"], t["end"], "time", f"TIMEX3 {t.get('type')} {t.get('value')}"))
    for a in record.get("amounts", []):
        unit = f" {a['unit']}" if a.get("unit") else ""
        kind = f" ({a['kind']})" if a.get("kind") else ""
        out.append(Highlight(a["start"], a["end"], "amount", f"{a.get('value')}{unit}{kind}"))
    for q in record.get("quotes", []):
        speaker = names.get(q.get("speaker")) or q.get("speaker_text") or "?"
        cue = f" ({q['cue']})" if q.get("cue") else ""
        out.append(Highlight(q["start"], q["end"], "quote", f"{speaker}{cue}"))
    return out


def _open(h: Highlight) -> str:
    title = html.escape(h.title, quote=True)
    if h.kind == "entity":
        cls = f"ent ent-{h.subtype.lower()}"
        attrs = f'class="{cls}" data-type="{html.escape(h.subtype, quote=True)}" title="{title}"'
        if h.href:
            return f'<a {attrs} href="{html.escape(h.href, quote=True)}">'
        return f"<span {attrs}>"
    return f'<span class="{h.kind}" title="{title}">'


def _close(h: Highlight) -> str:
    return "</a>" if h.kind == "entity" and h.href else "</span>"


def annotated_html(text: str, marks: list[Highlight]) -> Markup:
    """``text`` escaped, with properly nested tags for ``marks`` (a crossing span is clipped)."""
    valid = [h for h in marks if 0 <= h.start < h.end <= len(text)]
    valid.sort(key=lambda h: (h.start, -h.end, _RANK.get(h.kind, 9)))
    out: list[str] = []
    stack: list[Highlight] = []
    pos = 0
    for h in valid:
        while stack and stack[-1].end <= h.start:
            top = stack.pop()
            out.append(html.escape(text[pos : top.end]))
            out.append(_close(top))
            pos = top.end
        end = min(h.end, stack[-1].end) if stack else h.end
        if end <= h.start or (stack and stack[-1].kind == "entity" and h.kind == "entity"):
            continue
        out.append(html.escape(text[pos : h.start]))
        pos = h.start
        out.append(_open(h))
        stack.append(Highlight(h.start, end, h.kind, h.title, h.subtype, h.href))
    while stack:
        top = stack.pop()
        out.append(html.escape(text[pos : top.end]))
        out.append(_close(top))
        pos = top.end
    out.append(html.escape(text[pos:]))
    return Markup("".join(out))
