"""SPARQL text: the one lexer for query form, prologue and paging, and the guard on query cost."""
