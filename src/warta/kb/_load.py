"""Reading the knowledge base's TSV files into a :class:`~warta.kb.KnowledgeBase`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from importlib import resources
from typing import Any

from warta.kb._entries import Entry, KnowledgeBase, Office
from warta.model import Geo

__all__ = ["build"]

Split = Callable[[str], tuple[str, ...]]
_PREFIXES = ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota ")
#: how likely an entry is, among those sharing an alias (lower first)
_RANK = {
    "country": 0,
    "org": 1,
    "person": 1,
    "province": 2,
    "place": 3,
    "city": 4,
    "regency": 5,
    "world": 6,
    "district": 9,
}


def _lines(name: str) -> list[list[str]]:
    text = (resources.files("warta") / "resources" / "kb" / name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _col(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _slug(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


class _Builder:
    """Mutable drafts of the entries (a dict per entry), frozen into :class:`Entry` at the end."""

    def __init__(self, split: Split) -> None:
        self.split = split
        self.drafts: dict[str, dict[str, Any]] = {}
        self.hidden: set[tuple[str, str]] = set()  # (entry id, alias) never searched for in the text
        self.shown: set[tuple[str, str]] = set()  # (entry id, alias) searched for although the entry is not

    def add(self, ident: str, name: str, aliases: list[str], **fields: Any) -> dict[str, Any]:
        if name.startswith("~"):
            name = name[1:]
            self.hidden.add((ident, name))
        draft = self.drafts.setdefault(ident, {"id": ident, "name": name, "aliases": [], **fields})
        for raw in aliases:
            alias = raw.strip()
            if not alias or "(" in alias:
                continue
            if alias.startswith("~"):
                alias = alias[1:]
                self.hidden.add((ident, alias))
            if alias != draft["name"] and alias not in draft["aliases"]:
                draft["aliases"].append(alias)
        return draft


def _countries(b: _Builder, kb: KnowledgeBase) -> None:
    curated = {_col(r, 0): r for r in _lines("country_names.tsv")}
    for row in _lines("countries.tsv"):
        iso3, name_id, english = _col(row, 0), _col(row, 2), _col(row, 3)
        cur = curated.pop(iso3, None)
        plain = [n for n in (name_id, *english.split("|")) if n and "," not in n]
        name = _col(cur, 1) if cur else (plain[0] if plain else name_id)
        names = [name_id, *english.split("|")] + (_col(cur, 2).split("|") if cur else [])
        b.add(f"country/{iso3}", name, [n for n in names if "," not in n], type="LOCATION", kind="country",
              country=iso3, geo=Geo("country", iso3))  # fmt: skip
        for adj in _col(cur, 3).split("|") if cur else []:
            if adj:
                kb.adjectives[b.split(adj)] = iso3
    for iso3, row in curated.items():  # codes pycountry lacks (Kosovo)
        b.add(f"country/{iso3}", _col(row, 1), _col(row, 2).split("|"), type="LOCATION", kind="country",
              country=iso3, geo=Geo("country", iso3))  # fmt: skip


def _regions(b: _Builder) -> dict[str, dict[str, Any]]:
    provinces: dict[str, str] = {}
    by_code: dict[str, dict[str, Any]] = {}
    for row in _lines("regions.tsv"):
        code, name, kind = _col(row, 0), _col(row, 1), _col(row, 2)
        lat, lon, pop = _float(_col(row, 3)), _float(_col(row, 4)), _col(row, 5)
        aliases = []
        if kind == "province":
            provinces[code] = name
            aliases = [f"Provinsi {name}"]
            geo = Geo("province", "IDN", code, name, lat=lat, lon=lon)
        else:
            bare = next((name[len(p) :] for p in _PREFIXES if name.startswith(p)), name)
            aliases = [
                bare,
                f"Kab. {bare}" if kind == "regency" else f"Kota {bare}",
                f"{bare} {'Kota' if kind == 'city' else ''}".strip(),
            ]
            geo = Geo(kind, "IDN", code[:2], provinces.get(code[:2]), code, name, lat, lon)
        by_code[code] = b.add(
            f"region/{code}", name, aliases, type="LOCATION", kind=kind, country="IDN", geo=geo,
            population=int(pop or 0),
        )  # fmt: skip
    regencies = {c: d["name"] for c, d in by_code.items() if "." in c}
    for row in _lines("districts.tsv"):
        code, name = _col(row, 0), _col(row, 1)
        reg = by_code.get(code[:5])
        if reg is None:
            continue
        g = reg["geo"]
        geo = Geo(
            "regency",
            "IDN",
            g.province_code,
            g.province,
            g.regency_code,
            regencies.get(code[:5]),
            g.lat,
            g.lon,
        )
        b.add(
            f"district/{code}",
            name,
            [f"Kecamatan {name}"],
            type="LOCATION",
            kind="district",
            country="IDN",
            geo=geo,
        )
    return by_code


def _world(b: _Builder) -> dict[tuple[str, str], dict[str, Any]]:
    """World cities by (ISO3, lower-cased name), the most populous namesake."""
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    countries = {
        a.lower() for d in b.drafts.values() if d.get("kind") == "country" for a in (d["name"], *d["aliases"])
    }
    for row in _lines("world_places.tsv"):
        gid, name, iso3, kind = _col(row, 0), _col(row, 1), _col(row, 2), _col(row, 3)
        lat, lon, pop = _float(_col(row, 4)), _float(_col(row, 5)), int(_col(row, 6) or 0)
        geo = Geo("province", iso3) if kind == "state" else Geo("city", iso3, lat=lat, lon=lon)
        # "Ho Chi Minh City" is written "Ho Chi Minh" too (not "Kuwait City": that is the country's name)
        short = name[: -len(" City")] if name.endswith(" City") and pop >= 1_000_000 else ""
        aliases = [short] if short and short.lower() not in countries else []
        draft = b.add(f"city/{gid}", name, aliases, type="LOCATION", kind="world", country=iso3, geo=geo,
                      population=pop + (10_000_000 if kind == "capital" else 0))  # fmt: skip
        old = by_name.get((iso3, name.lower()))
        if old is None or old["population"] < draft["population"]:
            by_name[(iso3, name.lower())] = draft
    return by_name


def _places(
    b: _Builder, regions: dict[str, dict[str, Any]], world: dict[tuple[str, str], dict[str, Any]]
) -> None:
    for row in _lines("places.tsv"):
        name, aliases, iso3, kind, see = (_col(row, i) for i in range(5))
        names = [a for a in aliases.split("|") if a]
        if iso3 == "IDN" and see in regions and kind not in ("site", "area"):
            b.add(regions[see]["id"], regions[see]["name"], [name, *names])
            b.shown.update((regions[see]["id"], n) for n in (name, *names))
            continue
        if iso3 == "IDN" and see in regions:  # a site or part of a city (Monas, Senayan): its own place
            g = regions[see]["geo"]
            geo = Geo("point", "IDN", g.province_code, g.province, g.regency_code, g.regency, g.lat, g.lon)
            b.add(
                f"place/{_slug(name)}",
                name,
                names,
                type="LOCATION",
                kind="place",
                country="IDN",
                population=1,
                geo=geo,
            )
            continue
        city = None
        if iso3 and kind in ("city", "capital", "province"):
            city = next(
                (world[(iso3, n.lower())] for n in (see, name, *names) if (iso3, n.lower()) in world), None
            )
        if city is not None:
            old = city["name"]
            city["name"] = name  # the Indonesian exonym names the entity
            b.add(city["id"], name, [old, *names])
            city["kind"] = "place"
            b.shown.update((city["id"], n) for n in (name, *names))
            continue
        precision = {"city": "city", "capital": "city", "province": "province"}.get(kind, "point")
        place_geo: Geo | None = (
            Geo("country" if kind in ("region", "sea") and iso3 else precision, iso3 or None)
            if iso3
            else None
        )
        b.add(
            f"place/{_slug(name)}", name, names, type="LOCATION", kind="place", country=iso3 or None,
            geo=place_geo, population=1,
        )  # fmt: skip
        # curated names of two words or more are searched for ("Semenanjung Korea", "Laut Merah")
        b.shown.update((f"place/{_slug(name)}", n) for n in (name, *names) if len(b.split(n)) > 1)


def _institutions(b: _Builder) -> None:
    for row in _lines("institutions.tsv"):
        ident, name, aliases, typ, country, sector, flags = (_col(row, i) for i in range(7))
        b.add(ident, name, aliases.split("|"), type=typ or "ORGANIZATION", kind="org",
              country=country.rstrip("*") or None, sector=sector or None, generic=country.endswith("*"),
              alt="alt" in flags.split(","))  # fmt: skip


def _people(b: _Builder, kb: KnowledgeBase) -> None:
    weak: set[tuple[str, ...]] = set()
    for row in _lines("people.tsv"):
        ident, name, aliases, country, sector, roles = (_col(row, i) for i in range(6))
        offices = []
        for role in roles.split(";"):
            title, _, dates = role.partition("@")
            if title:
                start, _, end = dates.partition("/")
                offices.append(Office(b.split(title), start, end))
        draft = b.add(ident, name, aliases.split("|"), type="PERSON", kind="person", country=country or None,
                      sector=sector or None, offices=tuple(offices))  # fmt: skip
        weak.update(b.split(a) for (i, a) in b.hidden if i == ident and " " not in a)
        if " " not in name and name not in draft["aliases"]:
            weak.add(b.split(name))  # a one-word name (Sugiono, Wiranto) needs an office or a full mention
    kb.weak_aliases = frozenset(weak)


#: a hyphen between two capitalised words of a name
_HYPHEN = re.compile(r"(\b[A-Z]\w+)-([A-Z]\w+)")


def build(kb: KnowledgeBase, split: Split) -> None:
    """Fill ``kb`` from the shipped files."""
    b = _Builder(split)
    _countries(b, kb)
    regions = _regions(b)
    world = _world(b)
    _places(b, regions, world)
    _institutions(b)
    _people(b, kb)
    for draft in b.drafts.values():
        # "Timor-Leste", "Soekarno-Hatta" are also written "Timor - Leste": the spaced form is an alias
        spaced = [_HYPHEN.sub(r"\1 - \2", a) for a in (draft["name"], *draft["aliases"]) if _HYPHEN.search(a)]
        draft["aliases"] = tuple(dict.fromkeys([*draft["aliases"], *spaced]))
        ent = Entry(**draft)
        kb.entries[ent.id] = ent
        for alias in (ent.name, *ent.aliases):
            words = split(alias)
            kb.by_alias.setdefault(words, []).append(ent)
            if (ent.id, alias) in b.hidden or ent.alt:
                continue
            if (ent.id, alias) in b.shown or ent.kind not in (
                "place",
                "world",
                "district",
                "regency",
                "city",
            ):
                kb.matchable.setdefault(words, ent.type)
    for entries in kb.by_alias.values():
        entries.sort(key=lambda e: (e.alt, _RANK.get(e.kind, 5), -e.population))
    kb.terms = frozenset(r[0].strip() for r in _lines("terms.txt"))
    kb.patterns = {split(_col(r, 0)): _col(r, 1) for r in _lines("patterns.tsv")}
    kb.offices = {split(_col(r, 0)): split(_col(r, 1)) for r in _lines("offices.tsv")}
