"""Models of the REST API, one module per resource family: the public contract, documented
field by field, from which the OpenAPI document is generated.

Field names are the contract of issue 4 (``claimant``, ``reported_by``, ``evidence``...); fields
added beside them (``claimants``, ``reporting_sides``...) only ever add, never rename. The
request body of an ingest, with its limits, is beside its route (``api/routers/ingest.py``).
"""
