"""Five SPARQL queries shaped like the competency questions (data/queries), on synthetic data.

They name replica 1 of the generator (``-r1`` slugs), which every generated file has, and
use the asserted classes (dg:Demand, not dg:Claim) so that engines without our inferred
graph (rdflib-endpoint over the plain file) give the same answers.
"""

from __future__ import annotations

PROLOGUE = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX actor: <https://w3id.org/diplograph/id/actor/>
PREFIX meeting: <https://w3id.org/diplograph/id/meeting/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

QUERIES: dict[str, str] = {
    "participants": """SELECT ?person ?label WHERE {
  meeting:2021-03-18-anchorage-dialogue-r1 dg:participant ?person .
  ?person rdfs:label ?label . FILTER(lang(?label) = "en")
} ORDER BY ?person""",
    "red-lines-april-2024": """SELECT ?claim ?statement WHERE {
  ?claim a dg:RedLine ; dg:date ?date ; dg:statement ?statement ;
         dg:claimant actor:mfa-senior-official-north-american-affairs-2024-r1 .
  FILTER(?date >= "2024-04-01"^^xsd:date && ?date < "2024-05-01"^^xsd:date)
} ORDER BY ?claim""",
    "wang-yi-demands": """SELECT ?claim ?statement ?quote WHERE {
  ?claim a dg:Demand ; dg:claimant actor:wang-yi-r1 ; dg:addressee actor:united-states ;
         dg:date "2023-06-19"^^xsd:date ; dg:statement ?statement .
  OPTIONAL { ?claim dg:evidence/dg:quote ?quote }
} ORDER BY ?claim""",
    "commitments-reported-by-china": """SELECT DISTINCT ?claim ?statement WHERE {
  ?claim a dg:Commitment ; dg:claimant actor:joe-biden-r1 ; dg:statement ?statement ;
         dg:evidence/dg:reportingSide actor:china .
} ORDER BY ?claim""",
    "consensus-by-meeting": """SELECT ?meeting (COUNT(?claim) AS ?n) WHERE {
  ?claim a dg:Consensus ; dg:madeAt ?meeting .
} GROUP BY ?meeting ORDER BY DESC(?n) ?meeting LIMIT 20""",
}


def text(name: str) -> str:
    return PROLOGUE + QUERIES[name]
