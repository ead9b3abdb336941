"""The user cache directory: data that is slow to build at start-up, kept between processes.

``$WARTA_CACHE_DIR``, else ``$XDG_CACHE_HOME/warta`` or ``~/.cache/warta``; ``WARTA_CACHE_DIR=off``
keeps nothing. Every entry is keyed by the package version and a hash of the files it was built
from, so an edited data file or a new release never reads a stale entry; deleting the directory is
always safe. A read-only or broken cache is never an error: the data is then built as without one.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import gc
import hashlib
import marshal
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["cache_dir", "cached", "compile_pattern", "resource_digest"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """``$WARTA_CACHE_DIR``, else ``$XDG_CACHE_HOME/warta`` or ``~/.cache/warta``; None when off."""
    explicit = os.environ.get("WARTA_CACHE_DIR")
    if explicit:
        return None if explicit.lower() in {"off", "none", "0"} else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warta"


def resource_digest(
    folders: Iterable[str], modules: Iterable[str] = (), suffixes: tuple[str, ...] = (".tsv", ".txt")
) -> str:
    """A hash of the package version, of the package's data files under ``resources/<folder>``
    (names and contents) and of the source of ``modules`` (the code that builds from them, so an
    edited rule is never hidden by an old entry): the key of anything built from them.

    Hashing the contents costs 10–20 ms for the entities' 3.5 MB at every start, so the digest is
    remembered under the cache directory by the files' paths, sizes and modification times (an
    edited file changes them): the contents are hashed again only when one of those changed."""
    sources = _sources(folders, modules, suffixes)
    stamp = _stamp(sources)
    memo = _memo_path(stamp) if stamp is not None else None
    if memo is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            if _own_file(memo):
                known = memo.read_text("ascii").strip()
                if len(known) == 24:
                    return known
    from warta._version import __version__

    h = hashlib.blake2b(__version__.encode(), digest_size=12)
    for name, item in sources:
        if name:
            h.update(name.encode())
        h.update(item.read_bytes())
    digest = h.hexdigest()
    if memo is not None:
        _write_bytes(memo, digest.encode("ascii"), keep=_MEMOS)
    return digest


def _sources(
    folders: Iterable[str], modules: Iterable[str], suffixes: tuple[str, ...]
) -> list[tuple[str, Any]]:
    """``(name, file)`` of what :func:`resource_digest` hashes, in order (modules unnamed)."""
    import importlib.util

    out: list[tuple[str, Any]] = []
    for module in modules:
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            out.append(("", Path(spec.origin)))
    root = resources.files("warta") / "resources"
    for folder in folders:
        for item in sorted((root / folder).iterdir(), key=lambda p: p.name):
            if item.name.endswith(suffixes):
                out.append((item.name, item))
    return out


def _stamp(sources: list[tuple[str, Any]]) -> str | None:
    """A hash of the files' paths, sizes and modification times; None when they are not plain
    files (a zipped package: then the contents are hashed every time)."""
    from warta._version import __version__

    h = hashlib.blake2b(__version__.encode(), digest_size=12)
    for name, item in sources:
        if not isinstance(item, Path):
            return None
        try:
            st = item.stat()
        except OSError:
            return None
        h.update(f"{name}\0{item}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode())
    return h.hexdigest()


def _memo_path(stamp: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / "digests" / stamp


def cached(name: str, digest: str, build: Callable[[], T]) -> T:
    """``build()``'s result, pickled under the cache directory as ``<name>-<digest>.pickle`` on the
    first call and read back from there by later processes."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{digest}.pickle"
    try:
        if not _own_file(path):
            raise FileNotFoundError(path)
        data = path.read_bytes()
        enabled = gc.isenabled()
        gc.disable()  # the collector would walk the half-built containers again and again (x2)
        try:
            value: T = pickle.loads(data)  # our own file (mode 0600), written below
            # kept for the life of the process: out of the collector's sight, or every later
            # collection walks the half-million objects again (0.1 s of a process's start-up)
            gc.freeze()
        finally:
            if enabled:
                gc.enable()
        return value
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    _share_equal(value)
    _write(folder, path, value)
    return value


_ATOMS = (str, int, float, bool, type(None))


def _share_equal(value: Any) -> None:
    """Make equal strings and equal tuples (or frozensets) of plain values one object, in place.

    A built lexicon holds the same "IDN" or ``("kota", "bandung")`` in thousands of places as
    separate objects; the pickle stores each again and reading it creates each again. Shared, they
    are written once and read back as references: a third less to read (the knowledge base and the
    lexicon, 0.05 s per process). Only equal immutable values are merged; containers and objects
    keep their identity (they are changed in place, their hashes unchanged)."""
    memo: dict[Any, Any] = {}
    seen: set[int] = set()

    def one(x: Any) -> Any:
        t = type(x)
        if t is str:
            return memo.setdefault(x, x)
        if t in _ATOMS:
            return x
        if t is tuple or t is frozenset:
            if id(x) in rebuilt:
                return rebuilt[id(x)][1]
            new = t(one(y) for y in x)
            if all(type(y) in _ATOMS or id(y) in plain for y in new):
                new = memo.setdefault((t, new), new)
                plain.add(id(new))
            rebuilt[id(x)] = (x, new)  # (x kept alive: its id stays its own)
            return new
        if id(x) in seen:
            return x
        seen.add(id(x))
        if t is list:
            x[:] = [one(y) for y in x]
        elif t is dict:
            items = [(one(k), one(v)) for k, v in x.items()]
            x.clear()
            x.update(items)
        elif t is set:
            items = [one(y) for y in x]
            x.clear()
            x.update(items)
        else:
            for name in getattr(t, "__slots__", ()):
                if hasattr(x, name):
                    object.__setattr__(x, name, one(getattr(x, name)))
        return x

    plain: set[int] = set()
    rebuilt: dict[int, tuple[Any, Any]] = {}
    try:
        one(value)
    except (TypeError, AttributeError, RecursionError):
        return  # not a plain tree of containers: pickled as built


def _own_file(path: Path) -> bool:
    """A pickle runs code when read: only a file this user wrote and nobody else may change."""
    st = path.stat()
    getuid = getattr(os, "getuid", None)
    return (getuid is None or st.st_uid == getuid()) and not st.st_mode & 0o022


#: entries of one name kept (the newest): checkouts of different versions of the data on one
#: machine (branches, worktrees) share the directory without rebuilding each other's away
KEEP = 4


def _write(folder: Path, path: Path, value: Any) -> None:
    """Pickle ``value`` to ``path``; drop all but the ``KEEP`` newest entries of the same name."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    if _write_bytes(path, data):
        _keep_newest(folder, f"{path.name.rsplit('-', 1)[0]}-*.pickle")


def _keep_newest(folder: Path, pattern: str) -> None:
    """Delete all but the ``KEEP`` newest files of ``folder`` matching ``pattern``."""
    with contextlib.suppress(OSError):
        entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)


#: remembered digests kept (each a 24-byte file; the oldest go first)
_MEMOS = 64


def _write_bytes(path: Path, data: bytes, keep: int | None = None) -> bool:
    """Write atomically (another process may write the same entry meanwhile), mode 0600; then keep
    only the newest ``keep`` files of the directory. False when it is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        if keep is not None:
            files = sorted(path.parent.iterdir(), key=lambda p: p.stat().st_mtime_ns)
            for old in files[:-keep]:
                old.unlink(missing_ok=True)
    except OSError:
        return False
    return True


# -- compiled regular expressions ---------------------------------------------------------------
#: (pattern, flags) -> the arguments ``_sre.compile`` takes after the pattern; None until read
_programs: dict[tuple[str, int], tuple[Any, ...]] | None = None
_new_programs: dict[tuple[str, int], tuple[Any, ...]] = {}
_used_programs: set[tuple[str, int]] = set()


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` for the few large patterns the stages build at start-up
    (the times atoms, amounts, the tokeniser: 45 ms of parsing and compiling in every process).

    The compiled program (``re``'s own compilation, step for step) is remembered under the cache
    directory, keyed by the interpreter (``sys.version``, ``_sre.MAGIC``) and the pattern itself,
    and handed to ``_sre.compile`` again by later processes: the same Pattern (equal to
    ``re.compile``'s, code included), without the parse. Anything unexpected (another interpreter,
    a broken entry) falls back to ``re.compile``."""
    key = (pattern, int(flags))
    programs = _read_programs()
    known = programs.get(key)
    if known is not None:
        try:
            _used_programs.add(key)
            return _sre.compile(pattern, *known)  # type: ignore[no-any-return]
        except (TypeError, ValueError, RuntimeError):
            programs.pop(key, None)
    try:
        args = _program(pattern, int(flags))
        compiled: re.Pattern[str] = _sre.compile(pattern, *args)
    except Exception:  # private API of re: whatever changed, compile as usual
        return re.compile(pattern, flags)
    if _programs_file() is not None:
        if not _new_programs:
            atexit.register(_write_programs)
        _new_programs[key] = args
    return compiled


def _program(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after the pattern (CPython ≥ 3.11)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # the opcodes are int subclasses (named constants): plain ints for marshal, same values
    code = [int(c) for c in code]
    return (int(flags | p.state.flags), code, p.state.groups - 1, dict(groupindex), tuple(indexgroup))


def _programs_file() -> Path | None:
    """One file per interpreter build (``sys.version`` names the release and the build: a bug fix
    in ``re``'s compiler in a patch release is never hidden by programs of the one before)."""
    folder = cache_dir()
    if folder is None or not hasattr(_sre, "MAGIC"):
        return None
    build = hashlib.blake2b(f"{sys.version}{_sre.MAGIC}".encode(), digest_size=6).hexdigest()
    return folder / f"regex-{sys.implementation.cache_tag}-{build}.marshal"


def _read_programs() -> dict[tuple[str, int], tuple[Any, ...]]:
    global _programs  # noqa: PLW0603 - read once per process
    if _programs is None:
        _programs = {}
        path = _programs_file()
        if path is not None:
            with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
                if _own_file(path):
                    table = marshal.loads(path.read_bytes())
                    if isinstance(table, dict):
                        _programs = table
    return _programs


#: programs kept in the file (patterns built from edited data files leave old ones behind: past
#: this many, only those this process used are kept)
_MAX_PROGRAMS = 64


def _write_programs() -> None:
    """At exit: add this process's new programs to the file (atomically; a concurrent writer's
    additions may be lost, which only costs that process's patterns one more compilation)."""
    path = _programs_file()
    if path is None or not _new_programs:
        return
    table = dict(_read_programs())
    table.update(_new_programs)
    if len(table) > _MAX_PROGRAMS:
        table = {k: v for k, v in table.items() if k in _used_programs or k in _new_programs}
    with contextlib.suppress(ValueError):
        if _write_bytes(path, marshal.dumps(table)):
            _keep_newest(path.parent, "regex-*.marshal")  # other interpreters' files: the newest few
    _new_programs.clear()
