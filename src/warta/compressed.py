"""Compressed inputs, read streaming: gzip (standard library) and Zstandard (``warta[zst]``).

Zstandard comes from the standard library's ``compression.zstd`` on Python ≥ 3.14 and from its
backport ``backports.zstd`` (the same module, by the same authors) before that.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import zlib
from pathlib import Path
from typing import IO, Any

from warta.errors import MissingDependencyError

__all__ = ["COMPRESSED", "READ_ERRORS", "inner_suffix", "open_binary", "open_text", "sniff_compression"]

#: file suffix -> compression
COMPRESSED = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd"}
_MAGIC = {b"\x1f\x8b": "gzip", b"\x28\xb5\x2f\xfd": "zstd"}


def _zstd() -> Any:
    try:
        from compression import zstd  # Python >= 3.14
    except ImportError:
        try:
            from backports import zstd
        except ImportError:
            raise MissingDependencyError("backports.zstd", "zst") from None
    return zstd


def _errors() -> tuple[type[BaseException], ...]:
    found: list[type[BaseException]] = [OSError, EOFError, zlib.error]
    with contextlib.suppress(MissingDependencyError):  # without zstd, no zstd errors to expect
        found.append(_zstd().ZstdError)
    return tuple(found)


#: what reading a damaged or truncated compressed stream raises (OSError covers BadGzipFile)
READ_ERRORS = _errors()


def inner_suffix(path: Path) -> tuple[str, str | None]:
    """(suffix of the content, compression): ``a.jsonl.gz`` -> (".jsonl", "gzip")."""
    suffix = path.suffix.lower()
    compression = COMPRESSED.get(suffix)
    if compression is None:
        return suffix, None
    return Path(path.stem).suffix.lower(), compression


def sniff_compression(head: bytes) -> str | None:
    """The compression a stream's first bytes announce, if any."""
    return next((name for magic, name in _MAGIC.items() if head.startswith(magic)), None)


def open_binary(source: str | Path | IO[bytes], compression: str | None) -> IO[bytes]:
    """A binary stream of the decompressed content."""
    if compression is None:
        return source if not isinstance(source, str | Path) else Path(source).open("rb")
    if compression == "gzip":
        return gzip.open(source, "rb")  # type: ignore[return-value]
    stream: IO[bytes] = _zstd().open(source, "rb")
    return stream


def open_text(source: str | Path | IO[bytes], compression: str | None) -> IO[str]:
    """A text stream (UTF-8, BOM dropped, bad bytes replaced) of the decompressed content."""
    return io.TextIOWrapper(open_binary(source, compression), encoding="utf-8-sig", errors="replace")
