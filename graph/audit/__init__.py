"""Who changed what: every write to the store recorded as a ``prov:Activity``.

An activity lands in the ``audit`` named graph (``graph.namespaces.AUDIT_GRAPH``) with the
write it records, by the same ``replace_graphs`` call (``graph.write.commit``), so a refused
write records nothing and a recorded one happened: in the same transaction on the stores that
keep the trail as a named graph, by the crash-safe steps of ``graph.store.trail`` on the
embedded store, which keeps it in a store of its own. ``actor`` says who acts in this context
(a token's name on the server, the local user on the command line); ``record`` builds an
activity from the write's delta; ``trail`` reads activities back; ``revert`` undoes one through
the validated write path.
"""
