"""Every namespace ros-kg uses, in one place, so that no IRI is spelled out in code."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

ROS = Namespace("https://w3id.org/ros-kg/def#")
"""The project's own terms (ontology/ros.ttl)."""

ROSID = Namespace("https://w3id.org/ros-kg/id/")
"""The project's instances (graph_data/*.ttl)."""

SH = Namespace("http://www.w3.org/ns/shacl#")
TOOI = Namespace("https://identifier.overheid.nl/tooi/id/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "ros": ROS,
    "rosid": ROSID,
    "org": Namespace(str(ORG)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "foaf": Namespace(str(FOAF)),
    "rdfs": Namespace(str(RDFS)),
    "rdf": Namespace(str(RDF)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "sh": SH,
}
"""Prefixes bound on every graph ros-kg builds, so exports and messages read the same."""

__all__ = [
    "DCTERMS",
    "FOAF",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "ROS",
    "ROSID",
    "SH",
    "SKOS",
    "TOOI",
    "WD",
    "XSD",
]
