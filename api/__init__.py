"""The diplograph web application: REST API, SPARQL endpoint and pages."""
