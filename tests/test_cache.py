"""The user cache: the knowledge base and the entities lexicon are built once, then read back."""

from __future__ import annotations

import json
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
    # a new digest (an edited data file, a new version) builds again; the newest KEEP entries stay
    assert cache.cached("thing", "d2", build) == {"a": 2}
    assert cache.cached("thing", "d1", build) == {"a": 1}  # another checkout's data: still there
    for n in range(3, 3 + cache.KEEP):
        assert cache.cached("thing", f"d{n}", build) == {"a": n}
    kept = sorted(p.name for p in tmp_path.glob("*.pickle"))
    assert kept == [f"thing-d{n}.pickle" for n in range(3, 3 + cache.KEEP)]


def test_broken_or_off_cache_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-d1.pickle").write_bytes(b"not a pickle")
    assert cache.cached("thing", "d1", lambda: 7) == 7
    assert cache.cached("thing", "d1", lambda: 8) == 7  # rewritten by the first call
    monkeypatch.setenv("WARTA_CACHE_DIR", "off")
    assert cache.cached("other", "d1", lambda: 9) == 9
    assert not (tmp_path / "other-d1.pickle").exists()


def test_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("WARTA_CACHE_DIR", str(blocker / "sub"))  # a directory under a file
    assert cache.cached("thing", "d1", lambda: 3) == 3
    assert cache.cached("thing", "d1", lambda: 4) == 4  # nothing kept, nothing broken
    assert cache.resource_digest(["kb"]) == cache.resource_digest(["kb"])
    monkeypatch.setattr(cache, "_programs", None)
    monkeypatch.setattr(cache, "_new_programs", {})
    assert cache.compile_pattern(r"(\d+) tahun", re.I) == re.compile(r"(\d+) tahun", re.I)
    cache._write_programs()  # what runs at exit: no error either
    assert blocker.read_text() == "x"


def test_digest_follows_data_and_code() -> None:
    plain = cache.resource_digest(["kb"])
    assert plain == cache.resource_digest(["kb"])
    assert plain != cache.resource_digest(["kb"], ["warta.kb._load"])
    assert plain != cache.resource_digest(["kb", "ner"])


def test_pickled_knowledge_base_and_lexicon_equal_the_built_ones() -> None:
    kb = build_kb()
    shared = build_kb()
    cache._share_equal(shared)  # what cached() does before writing
    again = pickle.loads(pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == shared == kb
    assert again.entries["region/32.73"].geo == kb.entries["region/32.73"].geo
    lex = _build_without_kb()
    shared_lex = _build_without_kb()
    cache._share_equal(shared_lex)
    assert pickle.loads(pickle.dumps(shared_lex, protocol=pickle.HIGHEST_PROTOCOL)) == lex
    # equal names are one object now, so the pickle holds each once
    bandung = next(k for k in shared_lex.place_country if k == ("bandung",))
    assert any(k is bandung for k in shared_lex.gazetteer)


def test_sharing_keeps_containers_and_merges_equal_values() -> None:
    inner = [1, 2]
    a, b = "ab"[:1] + "c", "a" + "bc"[1:]  # equal strings, two objects
    value = {"x": (a, "d"), "y": (b, "d"), "lists": [inner, inner], "set": {a, "e"}}
    assert value["x"] is not value["y"]
    cache._share_equal(value)
    assert value["x"] is value["y"]
    assert value["x"][0] is value["y"][0]
    assert value["lists"][0] is value["lists"][1] is inner  # mutable containers keep their identity
    assert value == {"x": ("ac", "d"), "y": ("ac", "d"), "lists": [[1, 2], [1, 2]], "set": {"ac", "e"}}


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


def test_digest_is_remembered_and_follows_an_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "pkg" / "resources" / "things"
    data.mkdir(parents=True)
    (data / "a.tsv").write_text("satu\t1\n")
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache.resources, "files", lambda _pkg: tmp_path / "pkg")
    first = cache.resource_digest(["things"])
    assert first == cache.resource_digest(["things"])
    assert [p.read_text() for p in (tmp_path / "cache" / "digests").iterdir()] == [first]
    (data / "a.tsv").write_text("satu\t2\n")  # same size, new contents and modification time
    os.utime(data / "a.tsv", ns=(1, 1))
    second = cache.resource_digest(["things"])
    assert second != first
    monkeypatch.setenv("WARTA_CACHE_DIR", "off")
    assert cache.resource_digest(["things"]) == second  # the same digest, hashed from the contents


def test_compiled_pattern_is_the_same_from_the_cache(tmp_path: Path) -> None:
    """A pattern read back in another process equals ``re.compile``'s (Pattern equality compares
    the compiled code), and matches the same."""
    code = (
        "import json, re\n"
        "from warta import cache\n"
        "from warta.stages.amounts import _amount_re\n"
        "rx = _amount_re()\n"
        "text = 'Harga naik Rp 1,5 triliun, atau 12 persen, dari 300 ribu ton.'\n"
        "print(json.dumps([rx == re.compile(rx.pattern, re.X), [m.group() for m in rx.finditer(text)],"
        " len(cache._new_programs)]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), "WARTA_CACHE_DIR": str(tmp_path)}
    first, second = (
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True
            ).stdout
        )
        for _ in range(2)
    )
    found = [True, ["Rp 1,5 triliun", "12 persen", "300 ribu ton"]]
    assert first[:2] == second[:2] == found
    assert first[2] > 0  # compiled, and written at exit
    assert second[2] == 0  # read back: nothing new
    assert len(list(tmp_path.glob("regex-*.marshal"))) == 1


def test_broken_pattern_cache_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_programs", None)
    path = cache._programs_file()
    assert path is not None
    path.write_bytes(b"\x00garbage")
    path.chmod(0o600)
    assert cache.compile_pattern(r"(?P<a>\d+)-(?P<b>\w+)", re.I) == re.compile(r"(?P<a>\d+)-(?P<b>\w+)", re.I)
    monkeypatch.setattr(cache, "_programs", {(r"\d+", 0): (0, [1, 2, 3], 0, {}, ())})  # a bad program
    assert cache.compile_pattern(r"\d+").fullmatch("42")
