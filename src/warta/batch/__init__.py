"""Batch processing: the single-article pipeline mapped over a stream of records.

:func:`run_batch` runs in-process (``workers=1``) or over a pool of worker processes with the
output order kept and memory bounded; :mod:`warta.batch.dask` maps the same function over Dask
bag partitions (``pip install 'warta[dask]'``).
"""

from warta.batch.local import BatchItem, run_batch

__all__ = ["BatchItem", "run_batch"]
