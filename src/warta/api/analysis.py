"""Analysis requests run on their own executor, so a slow ``POST /api/analyze`` never blocks reads.

Sync routes share one thread pool (anyio's, 40 threads): if analyses ran there, enough slow ones
would take every thread and searches would wait behind them. Analyses run instead on
``ANALYSIS_THREADS`` threads of their own, one pipeline call at a time per thread, with at most
``ANALYSIS_QUEUE`` waiting; past that a request gets ``503 BusyError`` at once.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from warta.errors import BusyError

__all__ = ["ANALYSIS_QUEUE", "ANALYSIS_THREADS", "AnalysisExecutor"]

ANALYSIS_THREADS = 1
ANALYSIS_QUEUE = 16
T = TypeVar("T")


class AnalysisExecutor:
    def __init__(self, threads: int = ANALYSIS_THREADS, queue: int = ANALYSIS_QUEUE) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="warta-analysis")
        self._slots = threading.BoundedSemaphore(threads + queue)

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        if not self._slots.acquire(blocking=False):
            raise BusyError("too many analyses waiting; try again shortly")
        try:
            return await asyncio.wrap_future(self._pool.submit(func, *args))
        finally:
            self._slots.release()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
