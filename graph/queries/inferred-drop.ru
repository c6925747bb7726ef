# The whole inferred graph dropped before a remote engine derives it again.
DROP SILENT GRAPH <https://w3id.org/diplograph/graph/inferred>
