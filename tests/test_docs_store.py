"""Docs that cannot rot: every API route, store command and table is documented."""

from __future__ import annotations

from pathlib import Path

from warta.api.routes import router
from warta.store import TABLES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_api_route_is_documented() -> None:
    text = (DOCS / "api.md").read_text("utf-8")
    for route in router.routes:
        path = getattr(route, "path", "")
        assert path in text, f"{path} missing from docs/api.md"


def test_every_table_and_command_is_documented() -> None:
    text = (DOCS / "store.md").read_text("utf-8")
    for table in (*TABLES, "article_entities", "article_countries", "_migrations"):
        assert f"`{table}`" in text, f"table {table} missing from docs/store.md"
    for command in ("warta ingest", "warta serve", "warta export", "--records", "--update", "--batch-size"):
        assert command in text, f"{command} missing from docs/store.md"
