"""The SPARQL endpoint: protocol, result formats, the runner, the worker pool and its workers.

``worker``, ``eval`` and ``graph.write.update_plan`` run in the worker processes: they import
only pyoxigraph, so this package's ``__init__`` imports nothing.
"""
