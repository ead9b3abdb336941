"""Preloaded by the forkserver of local worker pools: builds a pipeline from the current
settings once, so every worker forked from it starts with the models already loaded (shared,
copy-on-write) and its initializer's ``Pipeline(settings)`` only reuses them.

Never raises: a failure here only means the workers load the models themselves.
"""

from __future__ import annotations


def _warm() -> None:
    try:
        from warta.pipeline import Pipeline
        from warta.settings import load_settings

        Pipeline(load_settings())
    except Exception:  # best effort: the initializer reports real errors
        pass


_warm()
