"""What the REST routers and the web pages share: one function per list and per detail.

A router declares a route's parameters and response model and calls the function of its
resource here; a page calls the same function for the same data. Every function takes keyword
arguments only, so reordering a route's parameters can never silently change what a page asks.
The functions raise ``HTTPException`` (404) for an id that names nothing, as the routes answer.
"""
