"""Pipeline stages. Each module holds one stage; stages share only :mod:`warta.model`.

A stage is a class with ``name``, ``requires`` and ``provides`` (names of :class:`Document`
fields) and ``__call__(doc)``. :mod:`warta.pipeline` owns their order.
"""
