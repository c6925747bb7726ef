"""Web pages for people: server-rendered HTML over the same lookups as the REST routes."""
