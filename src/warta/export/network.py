"""An actor network (``Store.network``) as CSV (one row per edge) or GraphML (nodes and edges).

Both carry the same facts as the JSON answer: node id, name, type, country, article count; edge
source, target, kind (``co``: named in the same articles; ``acts``: events from source to target),
PLOVER type (acts only) and weight (articles or events).
"""

from __future__ import annotations

import csv
import io
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["EDGE_COLUMNS", "network_csv", "network_graphml"]

EDGE_COLUMNS = ("source", "source_name", "target", "target_name", "kind", "type", "weight")
_NODE_KEYS = (("name", "string"), ("type", "string"), ("country", "string"), ("articles", "int"))
_EDGE_KEYS = (("kind", "string"), ("type", "string"), ("weight", "int"))


def network_csv(graph: dict[str, Any]) -> str:
    names = {n["id"]: n.get("name") or "" for n in graph.get("nodes", [])}
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(EDGE_COLUMNS)
    for e in graph.get("edges", []):
        src, tgt = e["source"], e["target"]
        out.writerow(
            [src, names.get(src, ""), tgt, names.get(tgt, ""), e["kind"], e.get("type") or "", e["weight"]]
        )
    return buf.getvalue()


def _data(key: str, value: Any) -> str:
    return "" if value is None or value == "" else f'<data key="{key}">{escape(str(value))}</data>'


def network_graphml(graph: dict[str, Any]) -> str:
    """GraphML 1.0 (a directed graph: ``co`` edges are written once, source < target)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ]
    for name, kind in _NODE_KEYS:
        lines.append(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for name, kind in _EDGE_KEYS:
        lines.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    lines.append('  <graph id="warta" edgedefault="directed">')
    for n in graph.get("nodes", []):
        data = "".join(_data(k, n.get(k)) for k, _ in _NODE_KEYS)
        lines.append(f"    <node id={quoteattr(str(n['id']))}>{data}</node>")
    for i, e in enumerate(graph.get("edges", [])):
        data = "".join(_data(f"e_{k}", e.get(k)) for k, _ in _EDGE_KEYS)
        ends = f"source={quoteattr(str(e['source']))} target={quoteattr(str(e['target']))}"
        lines.append(f'    <edge id="x{i}" {ends}>{data}</edge>')
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)
