"""What the routers and the web pages share, so that no router imports another and no page
calls a route handler.

One module per resource (``actors``, ``claims``, ``meetings``...) holds its list and detail
functions: a router declares a route's parameters and response model and calls the function of
its resource; a page calls the same function for the same data. They take keyword arguments
only, so reordering a route's parameters can never silently change what a page asks, and raise
``HTTPException`` (404) for an id that names nothing, as the routes answer. ``listing`` is the
run every list shares; ``views`` and ``writes`` are what two routers each share (a graph view
with its HTTP errors; a validated write with its HTTP answers).
"""
