"""The properties the lookups read, as plain strings: rdflib's namespace attribute lookup costs
more than a dict lookup, and a page of claims reads them thousands of times."""

from __future__ import annotations

from rdflib.namespace import RDF

from graph.namespaces import DCTERMS, DG, RDFS, SKOS

TYPE = str(RDF.type)
LABEL = str(RDFS.label)
COMMENT = str(RDFS.comment)
PREF_LABEL = str(SKOS.prefLabel)
ALT_LABEL = str(SKOS.altLabel)
DEFINITION = str(SKOS.definition)
BROADER = str(SKOS.broader)
TITLE = str(DCTERMS.title)
DATE = str(DCTERMS.date)
LANGUAGE = str(DCTERMS.language)
PUBLISHER = str(DCTERMS.publisher)

CLAIMANT, ADDRESSEE, TOPIC, MADE_AT = (
    str(DG.claimant),
    str(DG.addressee),
    str(DG.topic),
    str(DG.madeAt),
)
CLAIM_DATE, STATEMENT, REITERATES = str(DG.date), str(DG.statement), str(DG.reiterates)
IN_BUNDLE, POSITION, ORIGIN = str(DG.inBundle), str(DG.position), str(DG.origin)
CAMEO, PLOVER, NEGATED, CONFIDENCE = (
    str(DG.cameoCode),
    str(DG.ploverType),
    str(DG.negated),
    str(DG.confidence),
)
REPORTED_BY, EVIDENCE, DOCUMENT, REPORTING_SIDE = (
    str(DG.reportedBy),
    str(DG.evidence),
    str(DG.document),
    str(DG.reportingSide),
)
QUOTE, START, END = str(DG.quote), str(DG.start), str(DG.end)
SPEECH_MODE, STANCE, RELAYED_BY = str(DG.speechMode), str(DG.stance), str(DG.relayedBy)
AFFIRMED_ONLY_BY, DATE_ON_OR_BEFORE = str(DG.affirmedOnlyBy), str(DG.dateOnOrBefore)
OBJECTS_TO, REFERS_TO, SAME_SPEECH_ACT = (
    str(DG.objectsTo),
    str(DG.refersTo),
    str(DG.sameSpeechAct),
)
PUBLISHER_NAME, URL, FILE_NAME, SHA256, REPORTS_ON = (
    str(DG.publisherName),
    str(DG.url),
    str(DG.fileName),
    str(DG.sha256),
    str(DG.reportsOn),
)
START_DATE, END_DATE, PLACE, PARTICIPANT, SIDE, HOST, PART_OF, FOLLOWS_UP = (
    str(DG.startDate),
    str(DG.endDate),
    str(DG.place),
    str(DG.participant),
    str(DG.side),
    str(DG.host),
    str(DG.partOf),
    str(DG.followsUp),
)
COUNTRY, ORGANIZATION = str(DG.country), str(DG.organization)
HOLDER, POST = str(DG.holder), str(DG.post)

#: Names of a resource, in the order a display name is looked for.
NAME_PROPERTIES = (LABEL, PREF_LABEL, TITLE)

#: REST type names of the classes of actors and engagements.
ACTOR_TYPES = {
    "person": str(DG.Person),
    "state": str(DG.State),
    "organization": str(DG.Organization),
}
MEETING_TYPES = {
    "summit": str(DG.Summit),
    "call": str(DG.Call),
    "strategic_dialogue": str(DG.StrategicDialogue),
    "meeting": str(DG.Meeting),
    "visit": str(DG.Visit),
    "press_conference": str(DG.PressConference),
    "briefing": str(DG.Briefing),
    "letter_exchange": str(DG.LetterExchange),
}
#: REST names of the speech modes and stances of evidence (ontology individuals).
SPEECH_MODES = {
    str(DG.directQuote): "direct_quote",
    str(DG.translation): "translation",
    str(DG.reportedSpeech): "reported_speech",
    str(DG.summary): "summary",
}
STANCES = {str(DG.affirms): "affirms", str(DG.reportsOtherSide): "reports_other_side"}
CLAIM_TYPES = {
    "demand": str(DG.Demand),
    "red_line": str(DG.RedLine),
    "commitment": str(DG.Commitment),
    "consensus": str(DG.Consensus),
}


def type_name(classes: list, table: dict[str, str]) -> str | None:
    """The REST type name of the first class in ``classes`` that ``table`` knows."""
    known = {iri: name for name, iri in table.items()}
    names = sorted(known[str(c)] for c in classes if str(c) in known)
    return names[0] if names else None

#: The properties of a status event (the commitment ledger).
STATUS_KIND, STATUS_OF, BUNDLE_MEMBER, ASSERTED_BY = (
    str(DG.statusKind),
    str(DG.statusOf),
    str(DG.bundleMember),
    str(DG.assertedBy),
)
EVENT_DATE, EVENT_STATEMENT, EVENT_EVIDENCE, SUPERSEDED_BY, REVIEW_STATUS = (
    str(DG.eventDate),
    str(DG.eventStatement),
    str(DG.eventEvidence),
    str(DG.supersededBy),
    str(DG.reviewStatus),
)
#: REST names of the kinds of status event (ontology individuals), in the order a status ties
#: on one day are broken (the later in this order wins: an end outweighs a restatement).
STATUS_KINDS = {
    str(DG.reaffirmed): "reaffirmed",
    str(DG.implemented): "implemented",
    str(DG.accusedOfBreach): "accused_of_breach",
    str(DG.disputed): "disputed",
    str(DG.superseded): "superseded",
    str(DG.withdrawn): "withdrawn",
    str(DG.moot): "moot",
}
