"""The user cache: the knowledge base and the entities lexicon are built once, then read back."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from warta import cache
from warta.kb import _build as build_kb
from warta.stages.entities.lexicon import _build_without_kb

SRC = Path(__file__).resolve().parents[1] / "src"


def test_cached_builds_once_then_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": len(calls)}

    assert cache.cached("thing", "d1", build) == {"a": 1}
    assert cache.cached("thing", "d1", build) == {"a": 1}
    assert len(calls) == 1
    # a new digest (an edited data file, a new version) builds again and drops the old entry
    assert cache.cached("thing", "d2", build) == {"a": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing-d2.pickle"]


def test_broken_or_off_cache_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-d1.pickle").write_bytes(b"not a pickle")
    assert cache.cached("thing", "d1", lambda: 7) == 7
    assert cache.cached("thing", "d1", lambda: 8) == 7  # rewritten by the first call
    monkeypatch.setenv("WARTA_CACHE_DIR", "off")
    assert cache.cached("other", "d1", lambda: 9) == 9
    assert not (tmp_path / "other-d1.pickle").exists()


def test_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("WARTA_CACHE_DIR", str(blocker / "sub"))  # a directory under a file
    assert cache.cached("thing", "d1", lambda: 3) == 3


def test_digest_follows_data_and_code() -> None:
    plain = cache.resource_digest(["kb"])
    assert plain == cache.resource_digest(["kb"])
    assert plain != cache.resource_digest(["kb"], ["warta.kb._load"])
    assert plain != cache.resource_digest(["kb", "ner"])


def test_pickled_knowledge_base_and_lexicon_equal_the_built_ones() -> None:
    kb = build_kb()
    again = pickle.loads(pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == kb
    assert again.entries["region/32.73"].geo == kb.entries["region/32.73"].geo
    lex = _build_without_kb()
    assert pickle.loads(pickle.dumps(lex, protocol=pickle.HIGHEST_PROTOCOL)) == lex


def test_second_process_reads_the_cache(tmp_path: Path) -> None:
    code = (
        "from warta.stages.entities.lexicon import lexicon\n"
        "lex = lexicon()\n"
        "print(lex.kb.aliases('kb:person/joko-widodo')[:2], lex.countries[('as',)])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), "WARTA_CACHE_DIR": str(tmp_path)}
    outs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True
        ).stdout
        for _ in range(2)
    ]
    assert outs[0] == outs[1] == "['Joko Widodo', 'Jokowi'] USA\n"
    names = sorted(p.name.split("-")[0] for p in tmp_path.glob("*.pickle"))
    assert names == ["kb", "lexicon"]


def test_a_file_others_may_write_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    assert cache.cached("thing", "d1", lambda: 1) == 1
    path = tmp_path / "thing-d1.pickle"
    path.write_bytes(pickle.dumps(99))
    path.chmod(0o666)  # world-writable: someone else could have put code in it
    assert cache.cached("thing", "d1", lambda: 2) == 2
