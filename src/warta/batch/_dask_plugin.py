"""The Dask worker plugin that builds the pipeline when a worker starts (imported with distributed)."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from warta.settings import Settings

__all__ = ["PipelinePlugin"]


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline in each worker as it starts: the models are loaded once per worker,
    before its first partition, and reused by every partition after it."""

    name = "warta-pipeline"

    def __init__(self, settings: Settings, stages: tuple[str, ...] | None) -> None:
        self.settings = settings
        self.stages = stages

    def setup(self, worker: Any) -> None:
        from warta.batch.dask import _pipeline

        _pipeline(self.settings, self.stages)
