"""Who changed what: every write to the store recorded as a ``prov:Activity``.

An activity lands in the ``audit`` named graph (``graph.namespaces.AUDIT_GRAPH``) in the same
transaction as the write it records (``graph.write.commit``), so a refused write records
nothing and a recorded one happened. ``actor`` says who acts in this context (a token's name
on the server, the local user on the command line); ``record`` builds an activity from the
write's delta; ``trail`` reads activities back; ``revert`` undoes one through the validated
write path.
"""
