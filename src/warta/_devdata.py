"""Where the development data lives, for ``scripts/``, ``benchmarks/`` and the tests.

Not used at run time: warta never reads ``../shared``; only the scripts that train its models and
the benchmarks that measure them do.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shared_dir"]


def shared_dir(root: Path) -> Path:
    """``$WARTA_SHARED``, else the nearest ``shared/`` with a ``data/`` folder above checkout ``root``.

    Searching upwards finds ``../shared`` for a checkout beside it and for a git worktree nested
    one level deeper; when there is none, ``root/../shared`` is returned (callers report it missing).
    """
    env = os.environ.get("WARTA_SHARED")
    if env:
        return Path(env)
    for parent in root.resolve().parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared"
    return root.resolve().parent / "shared"
