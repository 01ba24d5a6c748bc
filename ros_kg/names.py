"""Turns what a person types (a label, an abbreviation, a CBS code, an IRI) into a resource.

Matching ignores case, accents, punctuation and spacing, so "hof van twente", "Hof-van-Twente"
and "HOF VAN TWENTE" all find the same municipality, and "I&W" and "IenW" both find the ministry.
"""

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeGuard

from rdflib import Graph, URIRef
from rdflib.term import Node

from ros_kg.errors import AmbiguousNameError, NameNotFoundError, WrongKindError
from ros_kg.labels import Labels, literal_texts, local_name
from ros_kg.namespaces import RDF, RDFS, ROS, ROSID, SKOS

_NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, ROS.cbsCode)


def normalise(text: str) -> str:
    """Fold a name to the form used for matching.

    Examples:
        >>> normalise("Hof van Twente")
        'hofvantwente'
        >>> normalise("Universität Münster") == normalise("universitat munster")
        True
        >>> normalise("I&W")
        'i&w'
        >>> normalise("Spoorzone Hengelo\u2013Enschede") == normalise("spoorzone hengelo-enschede")
        True
    """
    folded = text.casefold()
    if not folded.isascii():  # ASCII has no accents to strip: most names, at a third the cost
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _IGNORED.sub("", folded)


_IGNORED = re.compile(r"[\s\-\u2010-\u2015_.,'\u2018\u2019()/:]+")


def _nameable(subject: object) -> TypeGuard[URIRef]:
    """Only the project's own resources and terms are things a person names in a command.

    The labels the ontology gives to reused terms (``org:member``, ``skos:inScheme``) would
    otherwise turn up as suggestions for a mistyped municipality.
    """
    return isinstance(subject, URIRef) and str(subject).startswith((str(ROSID), str(ROS)))


@dataclass
class NameIndex:
    """Every name of every named resource in a graph, folded for matching.

    It keeps what resolving needs (names, labels, types and the class hierarchy) and no
    reference to the graph, so that it can be cached between runs (:mod:`ros_kg.cache`).
    """

    labels: Labels
    by_key: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    shown: dict[str, str] = field(default_factory=dict)
    types: dict[Node, set[Node]] = field(default_factory=dict)
    superclasses: dict[Node, set[Node]] = field(default_factory=dict)

    @classmethod
    def build(cls, graph: Graph) -> "NameIndex":
        """Index the labels, alternative labels, codes and local names of ``graph``."""
        from ros_kg.network import subject_objects  # read in bulk where the store can

        index = cls(Labels(graph))
        for predicate in _NAME_PREDICATES:
            for subject, _language, text in literal_texts(graph, predicate):
                if _nameable(subject):
                    index._add(text, subject)
        for subject, kind in subject_objects(graph, RDF.type):
            index.types.setdefault(subject, set()).add(kind)
        for subject in index.types:
            if isinstance(subject, URIRef) and str(subject).startswith(str(ROSID)):
                index._add(local_name(subject), subject)
        for subclass, superclass in subject_objects(graph, RDFS.subClassOf):
            index.superclasses.setdefault(subclass, set()).add(superclass)
        return index

    def _closure(self, kinds: set[Node]) -> set[Node]:
        found, todo = set(kinds), list(kinds)
        while todo:
            for parent in self.superclasses.get(todo.pop(), ()):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    def _add(self, name: str, subject: URIRef) -> None:
        key = normalise(name)
        if key:
            self.by_key[key].add(subject)
            self.shown.setdefault(key, name)

    def resolve(self, name: str, *, lang: str = "nl") -> URIRef:
        """Return the one resource ``name`` denotes.

        Tries, in order: an exact name, a full or ``rosid:``-prefixed IRI, and a unique
        resource whose name contains the words typed.

        Raises:
            AmbiguousNameError: several resources fit; the message lists them.
            NameNotFoundError: nothing fits; the message offers the nearest names.
        """
        key = normalise(name)
        exact = self.by_key.get(key, set())
        if len(exact) == 1:
            return next(iter(exact))
        if len(exact) > 1:
            raise AmbiguousNameError(self._ambiguity(name, exact, lang))
        by_iri = self._by_iri(name.strip())
        if by_iri is not None:
            return by_iri
        containing = {
            s for k, subjects in self.by_key.items() if key and key in k for s in subjects
        }
        if len(containing) == 1:
            return next(iter(containing))
        if containing:
            raise AmbiguousNameError(self._ambiguity(name, containing, lang))
        raise NameNotFoundError(self._not_found(name))

    def resolve_kind(
        self, name: str, kinds: Iterable[URIRef], expected: str, *, lang: str = "nl"
    ) -> URIRef:
        """Resolve ``name`` and check that it is an instance of one of ``kinds`` (or a subclass).

        Raises:
            WrongKindError: the name resolves to something else; the message says what it is
                and what the command expects.
        """
        node = self.resolve(name, lang=lang)
        types = self.types.get(node, set())
        if self._closure(types) & set(kinds):
            return node
        named: list[Node] = [t for t in types if _nameable(t)] or list(types)
        what = ", ".join(sorted(self.labels(t, lang) for t in named)) or "untyped"
        raise WrongKindError(
            f"'{self.labels(node, lang)}' is a {what}, but this command needs {expected}"
        )

    def _by_iri(self, text: str) -> URIRef | None:
        if text.startswith("rosid:"):
            text = str(ROSID) + text.removeprefix("rosid:")
        if text.startswith(("http://", "https://", "urn:")):
            node = URIRef(text)
            if node in self.types or self.labels.has(node):
                return node
        return None

    def _ambiguity(self, name: str, subjects: set[URIRef], lang: str) -> str:
        ranked = sorted(subjects, key=lambda s: self.labels(s, lang).casefold())
        listed = "; ".join(f"{self.labels(s, lang)} ({local_name(s)})" for s in ranked[:12])
        more = f" and {len(ranked) - 12} more" if len(ranked) > 12 else ""
        return f"'{name}' fits {len(ranked)} resources: {listed}{more}. Be more specific."

    def _not_found(self, name: str) -> str:
        close = difflib.get_close_matches(normalise(name), list(self.by_key), n=5, cutoff=0.6)
        if not close:
            return f"nothing is called '{name}'"
        suggestions = ", ".join(f"'{self.shown[k]}'" for k in close)
        return f"nothing is called '{name}'; did you mean {suggestions}?"
