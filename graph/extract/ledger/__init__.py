"""Status events: what became of a claim, proposed from a readout's words (issue 18).

``cues`` (lexicons by kind, English and Chinese) -> ``detect`` (sentences, spans, who asserts
it, when) -> ``targets`` (the stored claim or bundle it concerns) -> records and RDF.
"""
