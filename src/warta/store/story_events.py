"""Story-level events: one act reported by several articles of one story is one row.

Within one story (``document.story``; an article without a story is a story of its own) the
events with the same PLOVER type, the same source and target actors and the same status are one
act; ``story_events`` holds one row per act with every event that tells it as its sources
(``events.story_event`` points to it). An actor is compared by its entity key, else by its
normalised text and country, else by its country. The act's date is the best-sourced date among
its reports (the event's own clause, then the attribution, dateline, publication).

The table is derived data: every write refreshes the stories it touches, in the same transaction
(:func:`refresh`), and migration ``0007_story_events`` built it for stored records.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import Any

from warta.model import normalise_name
from warta.store.dialect import Tx
from warta.store.schema import columns

__all__ = ["act_rows", "group_of", "refresh"]

_DATE_RANK = {"clause": 0, "attribution": 1, "dateline": 2, "publication": 3}
_MEMBER = (
    "SELECT v.article_id, v.local_id, v.num, v.type, v.mode, v.status, v.date, v.date_source, "
    "v.mentions, v.source, v.source_id, v.source_key, v.source_country, v.source_sector, "
    "v.target, v.target_id, v.target_key, v.target_country, v.target_sector, v.location, "
    "v.sentence_text, a.story, a.date AS article_date FROM events v JOIN articles a ON a.id = v.article_id "
)


def group_of(article_id: str, story: str | None) -> str:
    """The group an article's events are deduplicated in: its story, else the article alone."""
    return story or f"a:{article_id}"


def _actor(ev: dict[str, Any], role: str) -> str:
    if ev.get(f"{role}_key"):
        return str(ev[f"{role}_key"])
    country = ev.get(f"{role}_country") or ""
    text = normalise_name(ev.get(role) or "")
    if text:
        return f"t:{text}:{country}"
    return f"c:{country}" if country else ""


def _rank(ev: dict[str, Any]) -> tuple[Any, ...]:
    source = ev.get("date_source")
    date_rank = _DATE_RANK.get(source or "", 2.5 if ev.get("date") else 4)
    return (date_rank, ev.get("article_date") or "9999", ev["article_id"], ev.get("num") or 0)


def _first(members: list[dict[str, Any]], name: str) -> Any:
    return next((m[name] for m in members if m.get(name) is not None), None)


def _common(members: list[dict[str, Any]], name: str) -> Any:
    counts = Counter(m[name] for m in members if m.get(name))
    return min(counts, key=lambda v: (-counts[v], str(v))) if counts else None


def _act(group: str, signature: tuple[str, ...], members: list[dict[str, Any]]) -> dict[str, Any]:
    members.sort(key=_rank)
    rep = members[0]
    dates = [m["article_date"] for m in members if m.get("article_date")]
    row: dict[str, Any] = {
        "id": "se-" + hashlib.sha1("\x1f".join((group, *signature)).encode("utf-8")).hexdigest()[:16],
        "group_key": group,
        "story": rep.get("story"),
        "type": rep["type"],
        "mode": _common(members, "mode"),
        "status": rep.get("status"),
        "date": _first(members, "date"),
        "date_source": rep.get("date_source") if rep.get("date") else _first(members, "date_source"),
        "location": _common(members, "location"),
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
        "articles": len({m["article_id"] for m in members}),
        "events": len(members),
        "mentions": sum(int(m.get("mentions") or 1) for m in members),
        "article_id": rep["article_id"],
        "local_id": rep["local_id"],
        "sentence_text": rep.get("sentence_text"),
    }
    for role in ("source", "target"):
        for suffix in ("", "_id", "_key", "_country", "_sector"):
            row[role + suffix] = rep.get(role + suffix) or _first(members, role + suffix)
    return row


def act_rows(
    group: str, events: Iterable[dict[str, Any]]
) -> list[tuple[dict[str, Any], list[tuple[str, str]]]]:
    """The acts among one group's events: (story_events row, [(article_id, local_id), ...])."""
    acts: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for ev in events:
        signature: tuple[str, ...] = (
            str(ev["type"]),
            _actor(ev, "source"),
            _actor(ev, "target"),
            str(ev.get("status") or ""),
        )
        acts.setdefault(signature, []).append(ev)
    out = []
    for signature, members in sorted(acts.items()):
        row = _act(group, signature, members)
        out.append((row, [(m["article_id"], m["local_id"]) for m in members]))
    return out


def refresh(tx: Tx, groups: Iterable[str]) -> None:
    """Recompute the story events of ``groups`` (story ids or ``a:<article id>``)."""
    cols = columns("story_events", tx.dialect)
    insert = f"INSERT INTO story_events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    for group in sorted(set(groups)):
        if group.startswith("a:"):
            events = tx.q(_MEMBER + "WHERE a.id = ? AND a.story IS NULL", [group[2:]])
        else:
            events = tx.q(_MEMBER + "WHERE a.story = ?", [group])
        tx.run("DELETE FROM story_events WHERE group_key = ?", [group])
        links: list[tuple[str, str, str]] = []
        rows = []
        for row, members in act_rows(group, events):
            rows.append([row[c] for c in cols])
            links.extend((row["id"], aid, lid) for aid, lid in members)
        if rows:
            tx.many(insert, rows)
            tx.many("UPDATE events SET story_event = ? WHERE article_id = ? AND local_id = ?", links)
