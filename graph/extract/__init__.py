"""Extraction: from a new readout to claims with evidence, ready to validate and ingest.

``Extractor(kb).extract(text, DocumentMeta(...))`` gives the claim records and, through
``Extraction.graph()``, the RDF; ``graph.extract.ingest`` validates and writes it; the
evaluation against the gold claims is ``graph.extract.evaluate``. See pipeline.py for the
stages and lexicon.py for the cue words of the genre.
"""
