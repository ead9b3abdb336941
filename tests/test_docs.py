"""The reference docs cover every CLI option, setting and output field; the schema only grew."""

from __future__ import annotations

import argparse
import copy
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import shared_path
from warta import validate
from warta.cli.main import build_parser
from warta.schema import schema

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _analyze_parser() -> argparse.ArgumentParser:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    parser: argparse.ArgumentParser = sub.choices["analyze"]
    return parser


def test_every_analyze_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    parser = _analyze_parser()
    options = [s for a in parser._actions for s in a.option_strings if s not in {"-h", "--help"}]
    assert "--format" in options
    missing = [o for o in options if not re.search(rf"`{re.escape(o)}[ `]", text)]
    assert not missing, f"docs/cli.md does not mention {missing}"
    for action in parser._actions:
        for choice in action.choices or ():
            if action.option_strings and action.dest != "help":
                assert f"{action.option_strings[-1]} {choice}" in text, (
                    f"{action.option_strings[-1]} {choice}"
                )
    assert "--version" in text


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text("utf-8")
    shipped = tomllib.loads((resources.files("warta") / "resources" / "defaults.toml").read_text("utf-8"))
    missing = [name for name in shipped if f"`{name}`" not in text]
    assert not missing, f"docs/settings.md does not mention {missing}"


def _field_names(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            names.add(name)
            names |= _field_names(sub)
        for key in ("items", "$defs", "allOf", "oneOf"):
            if key in node:
                names |= _field_names(node[key])
        for sub in node.get("$defs", {}).values():
            names |= _field_names(sub)
    elif isinstance(node, list):
        for sub in node:
            names |= _field_names(sub)
    return names


def test_every_output_field_is_documented() -> None:
    text = (DOCS / "output.md").read_text("utf-8")
    missing = sorted(n for n in _field_names(schema()) if f"`{n}`" not in text)
    assert not missing, f"docs/output.md does not mention {missing}"


def _without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items() if k not in {"description", "title"}}
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node


def _only_grew(original: Any, ours: Any, where: str = "#") -> list[str]:
    """Problems where ``ours`` is not ``original`` plus added properties (descriptions may differ)."""
    if isinstance(original, dict) and isinstance(ours, dict):
        problems = []
        for key, value in original.items():
            if key in {"description", "title"}:
                continue
            if key not in ours:
                problems.append(f"{where}/{key}: missing")
            elif key == "properties":
                for name, sub in value.items():
                    if name not in ours[key]:
                        problems.append(f"{where}/properties/{name}: missing")
                    else:
                        problems += _only_grew(sub, ours[key][name], f"{where}/properties/{name}")
            else:
                problems += _only_grew(value, ours[key], f"{where}/{key}")
        extra = set(ours) - set(original) - {"properties", "description", "title"}
        problems += [f"{where}/{key}: new constraint" for key in extra]
        return problems
    if _without_descriptions(original) != _without_descriptions(ours):
        return [f"{where}: changed"]
    return []


def test_shipped_schema_only_adds_fields_to_the_original() -> None:
    original = json.loads(shared_path("schema", "warta-1.schema.json").read_text("utf-8"))
    problems = _only_grew(original, schema())
    assert not problems, problems


def test_records_without_the_added_fields_are_still_valid(seed_record: dict[str, Any]) -> None:
    record = copy.deepcopy(seed_record)
    validate(record)
    del record["paragraphs"]
    for key in ("place", "story", "meta"):
        record["document"].pop(key, None)
    jsonschema.validate(record, schema())


def test_our_records_satisfy_the_original_schema(seed_record: dict[str, Any]) -> None:
    original = json.loads(shared_path("schema", "warta-1.schema.json").read_text("utf-8"))
    jsonschema.validate(seed_record, original)


@pytest.mark.parametrize("doc", ["cli.md", "settings.md", "output.md"])
def test_docs_exist(doc: str) -> None:
    assert (DOCS / doc).stat().st_size > 1000
