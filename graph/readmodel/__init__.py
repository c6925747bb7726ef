"""Read models: answers kept ready in memory and brought up to date by the write that changes
them, so a first request costs what a repeated one does (``graph.readmodel.build``)."""
