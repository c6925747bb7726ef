"""The data-access layer of the REST API: run the named queries of ``graph/queries`` with bound
values and assemble plain dicts, so routers never see SPARQL and the SPARQL never sees a request.

Lists are fetched in two steps whatever their size: one query selects (and the caller pages) the
matching resources, one more fetches the fields of just that page, keyed by resource. A request
therefore costs a fixed handful of queries, never one per item.
"""
