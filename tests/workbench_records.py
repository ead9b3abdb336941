"""A small corpus written by hand for the workbench tests (timelines, network, map, stories, pages).

40 articles dated 2024-01-01 … 2024-03-31: one article every third day, then a burst of 8
articles on 2024-03-10 (the Bekasi flood story, three outlets); a three-article debate story with
events between Prabowo Subianto and Anies Baswedan; a pronoun actor ("dia" → Joko Widodo); places
resolved to a city, a regency, provinces and countries; one article without a title; summaries and
keywords. Every record validates against warta/1.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from warta import validate

#: name, type, country, key
PEOPLE = {
    "jokowi": ("Joko Widodo", "PERSON", "IDN", "kb:person/joko-widodo"),
    "prabowo": ("Prabowo Subianto", "PERSON", "IDN", "kb:person/prabowo-subianto"),
    "anies": ("Anies Baswedan", "PERSON", "IDN", "kb:person/anies-baswedan"),
    "kpk": ("Komisi Pemberantasan Korupsi", "ORGANIZATION", "IDN", "kb:org/komisi-pemberantasan-korupsi"),
    "bnpb": ("Badan Nasional Penanggulangan Bencana", "ORGANIZATION", "IDN", "n:organization:bnpb:IDN"),
    "bekasi": ("Kota Bekasi", "LOCATION", "IDN", "kb:region/32.75"),
    "jabar": ("Jawa Barat", "LOCATION", "IDN", "kb:region/32"),
    "bandung": ("Kabupaten Bandung", "LOCATION", "IDN", "kb:region/32.04"),
    "surabaya": ("Kota Surabaya", "LOCATION", "IDN", "kb:region/35.78"),
    "jakarta": ("Daerah Khusus Ibukota Jakarta", "LOCATION", "IDN", "kb:region/31"),
    "malaysia": ("Malaysia", "LOCATION", "MYS", "kb:country/MYS"),
}
OUTLETS = ("Kompas", "Detik", "CNN Indonesia")
START = date(2024, 1, 1)
FLOOD_DAY = "2024-03-10"


def _geo(key: str) -> dict[str, Any] | None:
    """The place the entities stage gives a knowledge-base location (warta/1 ``entities[].geo``)."""
    from dataclasses import asdict

    from warta import kb

    entry = kb.entry(key)
    return asdict(entry.geo) if entry is not None and entry.geo is not None else None


def _span(text: str, part: str, after: int = 0) -> dict[str, Any]:
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def _record(
    aid: str,
    day: str,
    sentences: list[str],
    who: dict[str, str],
    *,
    title: str | None,
    outlet: str,
    story: str,
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """``who``: person key → the form written in the text (its first occurrence is the mention)."""
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(_span(text, s, pos))
        pos = spans[-1]["end"]
    entities, local = [], {}
    for i, (k, form) in enumerate(who.items(), 1):
        name, type_, country, key = PEOPLE[k]
        local[k] = f"e{i}"
        entities.append(
            {"id": f"e{i}", "name": name, "type": type_, "country": country, "sector": None, "title": None}
            | {"key": key, "mentions": [_span(text, form)]}
            | ({"geo": _geo(key)} if type_ == "LOCATION" else {})
        )
    out_events = []
    for n, ev in enumerate(events, 1):
        trig = _span(text, ev["trigger"])

        def actor(k: str | None, form: str | None = None) -> dict[str, Any] | None:
            if k is None:
                return None
            country = PEOPLE[k][2]
            return {"entity": local[k], "text": form or who[k], "country": country, "sector": None}

        out_events.append(
            {
                "id": f"v{n}",
                "type": ev["type"],
                "mode": None,
                "source": actor(ev["source"], ev.get("source_text")),
                "target": actor(ev.get("target")),
                "date": ev.get("date"),
                "date_source": "clause" if ev.get("date") else "none",
                "location": local.get(ev["location"]) if ev.get("location") else None,
                "status": ev.get("status", "asserted"),
                "trigger": trig,
                "sentence": 0,
            }
        )
    rec = {
        "schema": "warta/1",
        "document": {"id": aid, "title": title, "text": text, "published": day, "source": outlet}
        | {"language": "id", "story": story},
        "paragraphs": [{"start": 0, "end": len(text), "text": text}],
        "sentences": spans,
        "entities": entities,
        "times": [],
        "quotes": [],
        "events": out_events,
        "amounts": [],
        "summary": [0, len(sentences) - 1] if len(sentences) > 1 else [0],
        "keywords": ["banjir", "Bekasi"] if "banjir" in text.lower() else ["politik"],
    }
    validate(rec)
    return rec


def _flood(i: int) -> dict[str, Any]:
    sentences = [
        f"Banjir kembali merendam ratusan rumah di Kota Bekasi, Jawa Barat, pada laporan ke-{i + 1}.",
        "Badan Nasional Penanggulangan Bencana mengirim bantuan perahu dan makanan.",
        "Warga Kabupaten Bandung juga bersiap menghadapi hujan deras.",
    ]
    who = {"bekasi": "Kota Bekasi", "jabar": "Jawa Barat", "bnpb": "Badan Nasional Penanggulangan Bencana"}
    who["bandung"] = "Kabupaten Bandung"
    events = [
        {
            "type": "AID",
            "source": "bnpb",
            "trigger": "mengirim bantuan",
            "location": "bekasi",
            "date": FLOOD_DAY,
        }
    ]
    title = None if i == 0 else f"Banjir Rendam Bekasi, Laporan {i + 1}"
    return _record(
        f"wb-flood-{i}",
        FLOOD_DAY,
        sentences,
        who,
        title=title,
        outlet=OUTLETS[i % 3],
        story="s-banjir-bekasi",
        events=events,
    )


def _debate(i: int, day: str) -> dict[str, Any]:
    sentences = [
        "Prabowo Subianto menuduh Anies Baswedan menyebarkan data keliru dalam debat di Kota Surabaya.",
        "Anies Baswedan membantah tuduhan itu.",
        "Presiden Joko Widodo mengatakan dia akan bertemu Prabowo pekan depan.",
    ]
    who = {"prabowo": "Prabowo Subianto", "anies": "Anies Baswedan", "jokowi": "Joko Widodo"}
    who["surabaya"] = "Kota Surabaya"
    events = [
        {"type": "ACCUSE", "source": "prabowo", "target": "anies", "trigger": "menuduh", "date": day},
        {"type": "REJECT", "source": "anies", "target": "prabowo", "trigger": "membantah"},
        {
            "type": "CONSULT",
            "source": "jokowi",
            "source_text": "dia",
            "target": "prabowo",
            "trigger": "bertemu",
        }
        | {"status": "planned"},
    ]
    return _record(
        f"wb-debate-{i}",
        day,
        sentences,
        who,
        title=f"Debat Capres di Surabaya ({i + 1})",
        outlet=OUTLETS[i % 3],
        story="s-debat-surabaya",
        events=events,
    )


def _daily(i: int, day: str) -> dict[str, Any]:
    sentences = [
        "Komisi Pemberantasan Korupsi memeriksa pejabat di Daerah Khusus Ibukota Jakarta.",
        "Pemeriksaan berkaitan dengan kerja sama dengan perusahaan dari Malaysia.",
    ]
    who = {"kpk": "Komisi Pemberantasan Korupsi", "jakarta": "Daerah Khusus Ibukota Jakarta"}
    who["malaysia"] = "Malaysia"
    return _record(
        f"wb-daily-{i}",
        day,
        sentences,
        who,
        title=f"KPK Periksa Pejabat, Hari ke-{i + 1}",
        outlet=OUTLETS[i % 3],
        story=f"s-daily-{i}",
    )


def corpus() -> list[dict[str, Any]]:
    """The 40 records (29 daily, 3 debate, 8 flood)."""
    out = []
    for i in range(29):  # every third day from 2024-01-01: 2024-01-01 … 2024-03-25 (and 03-10)
        day = START + timedelta(days=3 * i)
        out.append(_daily(i, day.isoformat()))
    for i, day in enumerate(("2024-02-05", "2024-02-05", "2024-02-06")):
        out.append(_debate(i, day))
    out += [_flood(i) for i in range(8)]
    return out
