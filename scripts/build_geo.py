"""Build the map's boundary files under src/warta/web/static/geo/ (run once; the output is committed).

    python scripts/build_geo.py WORLD_ATLAS_COUNTRIES_50M_JSON INDONESIA_38_PROVINCES_GEOJSON

- world countries: Natural Earth 1:50m Admin 0 (public domain) as TopoJSON in the ``world-atlas``
  npm package 2.0.2 (``countries-50m.json``, ISC), decoded here; ids become ISO 3166-1 alpha-3
  (pycountry, from the numeric code).
- Indonesian provinces: "Indonesia GeoJSON & TopoJSON Maps (38 Provinces)" by Deny Herianto (CC BY 4.0,
  GitHub denyherianto/indonesia-geojson-topojson-maps-with-38-provinces); ids become Kemendagri
  province codes (the four provinces split from Papua in 2022 get 93-96 from their names).

Both are simplified (Douglas-Peucker) and rounded so that the package data stays small; see
src/warta/web/static/geo/LICENSE.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "warta" / "web" / "static" / "geo"
PAPUA = {"Papua Selatan": "93", "Papua Tengah": "94", "Papua Pegunungan": "95", "Papua Barat Daya": "96"}
Ring = list[list[float]]


def _perp(p: list[float], a: list[float], b: list[float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return float(((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5)
    return float(abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / (dx * dx + dy * dy) ** 0.5)


def simplify(points: Ring, tol: float) -> Ring:
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, index = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, index = d, k
        if best > tol and index > 0:
            keep[index] = True
            stack += [(i, index), (index, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def unwrap(ring: Ring) -> Ring:
    """A ring that crosses the antimeridian made continuous (its far part goes past ±180°),
    so that no edge runs across the whole map."""
    out = [list(ring[0])]
    for lon, lat in ring[1:]:
        prev, x = out[-1][0], lon
        while x - prev > 180:
            x -= 360
        while x - prev < -180:
            x += 360
        out.append([x, lat])
    return out


def _ring(ring: Ring, tol: float, digits: int) -> Ring | None:
    out = simplify(unwrap(ring), tol)
    out = [[round(x, digits), round(y, digits)] for x, y in out]
    dedup = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    return dedup if len(dedup) >= 4 else None


def _polygons(geom: dict[str, Any]) -> list[list[Ring]]:
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["coordinates"])
    return []


def shrink(geom: dict[str, Any], tol: float, digits: int) -> dict[str, Any] | None:
    polys = []
    for poly in _polygons(geom):
        rings = [r for r in (_ring(ring, tol, digits) for ring in poly) if r]
        if rings and rings[0]:
            polys.append(rings)
    if not polys:
        return None
    return {"type": "MultiPolygon", "coordinates": polys}


def topo_features(topo: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Decode a quantized TopoJSON geometry collection into GeoJSON features."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append([x * sx + tx, y * sy + ty])
        arcs.append(pts)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    feats = []
    for g in topo["objects"][name]["geometries"]:
        if g["type"] == "Polygon":
            coords: Any = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            coords = [[ring(r) for r in poly] for poly in g["arcs"]]
        else:
            continue
        feats.append({"id": g.get("id"), "properties": g.get("properties") or {}, "geometry": coords})
    return feats


def countries(path: Path) -> dict[str, Any]:
    import pycountry

    out = []
    for f in topo_features(json.loads(path.read_text("utf-8")), "countries"):
        c = pycountry.countries.get(numeric=str(f["id"]).zfill(3)) if f["id"] else None
        iso3 = (
            c.alpha_3
            if c
            else {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}.get(
                f["properties"].get("name", ""), ""
            )
        )
        geom = shrink({"type": "MultiPolygon", "coordinates": f["geometry"]}, 0.08, 2)
        if geom and iso3:
            out.append(
                {
                    "type": "Feature",
                    "id": iso3,
                    "properties": {"name": f["properties"]["name"]},
                    "geometry": geom,
                }
            )
    return {"type": "FeatureCollection", "features": sorted(out, key=lambda f: f["id"])}


def provinces(path: Path) -> dict[str, Any]:
    out = []
    for f in json.loads(path.read_text("utf-8"))["features"]:
        name = f["properties"]["PROVINSI"]
        code = PAPUA.get(name, f["properties"]["KODE_PROV"])
        geom = shrink(f["geometry"], 0.01, 3)
        if geom:
            out.append({"type": "Feature", "id": code, "properties": {"name": name}, "geometry": geom})
    return {"type": "FeatureCollection", "features": sorted(out, key=lambda f: f["id"])}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in (("countries", countries(Path(argv[0]))), ("provinces", provinces(Path(argv[1])))):
        target = OUT / f"{name}.json"
        target.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), "utf-8")
        print(f"{target}: {len(data['features'])} features, {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
