"""The layering of ``architecture.toml`` holds for every import of every module under ``src/warta``."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
RULES = tomllib.loads((ROOT / "architecture.toml").read_text("utf-8"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(name: str, source: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every warta import in the source of module ``name``, relative ones resolved."""
    package = name if is_package else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from warta.stages import times" imports the module warta.stages.times
            out += [(node.lineno, target)]
            out += [
                (node.lineno, f"{target}.{a.name}") for a in node.names if target in {"warta", "warta.stages"}
            ]
    return [(line, m) for line, m in out if m == "warta" or m.startswith("warta.")]


def _inside(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def layer_of(module: str) -> int:
    best = (-1, -1)
    for i, layer in enumerate(RULES["layer"]):
        for prefix in layer["modules"]:
            if _inside(module, prefix) and len(prefix) > best[1]:
                best = (i, len(prefix))
    return best[0]


def _island(module: str) -> str | None:
    """``warta.stages.times`` for ``warta.stages.times.rules``; None outside the island package."""
    package = RULES["island"]["package"]
    if not module.startswith(package + "."):
        return None
    return ".".join(module.split(".")[: len(package.split(".")) + 1])


def violations(name: str, source: str, *, is_package: bool = False) -> list[str]:
    """The rules module ``name`` (of ``source``) breaks, one line each."""
    mine = layer_of(name)
    found = []
    for line, target in imports_of(name, source, is_package=is_package):
        where = f"{name}:{line} imports {target}"
        theirs = layer_of(target)
        if theirs > mine:
            layers = RULES["layer"]
            found.append(f"{where} (layer {layers[theirs]['name']!r} above {layers[mine]['name']!r})")
        island, other = _island(name), _island(target)
        shared = any(_inside(target, s) for s in RULES["island"]["shared"])
        if island and other and island != other and not shared and not _inside(island, target):
            found.append(f"{where} (a stage imports another stage)")
        for rule in RULES.get("forbid", []):
            if _inside(name, rule["from"]) and any(_inside(target, t) for t in rule["to"]):
                found.append(f"{where} ({rule['reason']})")
    return found


MODULES = sorted((SRC / "warta").rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    assert [str(p) for p in MODULES if layer_of(_module_name(p)) < 0] == []


@pytest.mark.parametrize("path", MODULES, ids=[_module_name(p) for p in MODULES])
def test_imports_follow_the_layers(path: Path) -> None:
    source = path.read_text("utf-8")
    assert violations(_module_name(path), source, is_package=path.name == "__init__.py") == []


@pytest.mark.parametrize(
    ("module", "source", "why"),
    [
        ("warta.stages.times.probe", "from warta.store import open_store\n", "layer 'storage and export'"),
        ("warta.stages.times.probe", "def f():\n    from warta.cli import main\n", "layer 'edges'"),
        ("warta.stages.times.probe", "from warta.api import app\n", "layer 'edges'"),
        ("warta.stages.times.probe", "from warta.web.views import router\n", "layer 'edges'"),
        ("warta.stages.times.probe", "from warta.stages.entities import merge\n", "another stage"),
        ("warta.stages.times.probe", "from warta.stages import quotes\n", "another stage"),
        ("warta.stages.times.probe", "from ...stages.events import EventsStage\n", "another stage"),
        ("warta.stages.keywords", "from warta.stages.summary import summarise\n", "another stage"),
        ("warta.model.probe", "from warta.settings import Settings\n", "layer 'language data"),
        ("warta.store.probe", "from warta.stages.events import codes\n", "never runs or imports analysis"),
        ("warta.web.probe", "from warta.pipeline import Pipeline\n", "read only through the store"),
    ],
)
def test_a_broken_rule_is_caught(module: str, source: str, why: str) -> None:
    found = violations(module, source)
    assert found, source
    assert any(why in v for v in found), found


def test_allowed_imports_pass() -> None:
    ok = (
        "from warta.model import Document\nfrom warta.stages.base import Stage\n"
        "from warta.stages.times import rules\nfrom . import values\nfrom warta.lang.numbers import MONTHS\n"
    )
    assert violations("warta.stages.times.probe", ok) == []
    assert (
        violations("warta.cli.probe", "from warta.store import open_store\nfrom warta import Pipeline\n")
        == []
    )


def _sizes(path: Path) -> tuple[int, list[tuple[str, int, int, str]]]:
    """(module lines, [(function, first line, lines, def line text)])."""
    source = path.read_text("utf-8")
    lines = source.splitlines()
    funcs = [
        (n.name, n.lineno, (n.end_lineno or n.lineno) - n.lineno + 1, lines[n.lineno - 1])
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    return len(lines), funcs


def test_functions_and_modules_stay_small() -> None:
    limits = RULES["limits"]
    too_long = []
    for path in MODULES:
        n_lines, funcs = _sizes(path)
        name = _module_name(path)
        if n_lines > limits["module_lines"] and name not in limits["long_modules"]:
            too_long.append(f"{name}: {n_lines} lines > {limits['module_lines']}")
        for func, line, length, text in funcs:
            if length > limits["function_lines"] and limits["marker"] not in text:
                too_long.append(f"{name}:{line} {func}: {length} lines > {limits['function_lines']}")
    assert too_long == []


def test_every_exception_is_still_needed() -> None:
    """A listed exception that no longer applies is removed (so the list in the docs stays true)."""
    limits = RULES["limits"]
    for name in limits["long_modules"]:
        path = SRC.joinpath(*name.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        assert _sizes(path)[0] > limits["module_lines"], f"{name} is short now: drop it from long_modules"
    docs = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    for path in MODULES:
        for func, _line, _length, text in _sizes(path)[1]:
            if limits["marker"] in text:
                assert f"`{func}`" in docs, (
                    f"{_module_name(path)}.{func} is not listed in docs/architecture.md"
                )
