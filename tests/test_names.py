"""Name resolution: what people type finds the one resource they mean, or says why not."""

import pytest
from rdflib import Graph

from ros_kg.errors import AmbiguousNameError, NameNotFoundError, WrongKindError
from ros_kg.names import NameIndex
from ros_kg.namespaces import ROS, ROSID


@pytest.fixture(scope="module")
def index(shipped_graph: Graph) -> NameIndex:
    return NameIndex.build(shipped_graph)


@pytest.mark.parametrize(
    ("typed", "local"),
    [
        ("Enschede", "enschede"),
        ("enschede", "enschede"),
        ("GM0153", "enschede"),
        ("gm0153", "enschede"),
        ("hof van twente", "hof-van-twente"),
        ("Hof-van-Twente", "hof-van-twente"),
        ("VRO", "vro"),
        ("I&W", "ienw"),
        ("IenW", "ienw"),
        ("SHE", "spoorzone-hengelo-enschede"),
        ("RSIA", "rsia"),
        ("universitat munster", "universitaet-muenster"),
        ("rosid:borne", "borne"),
        ("https://w3id.org/ros-kg/id/almelo", "almelo"),
    ],
)
def test_a_name_label_abbreviation_code_or_iri_finds_the_resource(
    index: NameIndex, typed: str, local: str
) -> None:
    assert index.resolve(typed) == ROSID[local]


def test_bo_mirt_names_the_2026_meeting_by_its_full_name(index: NameIndex) -> None:
    assert index.resolve("BO MIRT november 2026") == ROSID["bo-mirt-2026"]


def test_an_ambiguous_name_lists_the_candidates(index: NameIndex) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        index.resolve("Nota Ruimte")
    message = str(caught.value)
    assert "voorontwerp-nota-ruimte" in message
    assert "ontwerp-nota-ruimte" in message


def test_an_unknown_name_offers_the_nearest_matches(index: NameIndex) -> None:
    with pytest.raises(NameNotFoundError, match=r"did you mean.*Enschede"):
        index.resolve("Enschde")


def test_a_name_of_the_wrong_kind_says_what_it_is(index: NameIndex) -> None:
    with pytest.raises(WrongKindError, match="needs an actor"):
        index.resolve_kind("Wonen", [ROS.Actor], "an actor", lang="en")
    assert index.resolve_kind("Borne", [ROS.Actor], "an actor") == ROSID.borne


def test_the_index_read_in_bulk_from_oxigraph_equals_the_one_read_triple_by_triple() -> None:
    """The Oxigraph store is read a property at a time; the memory store through rdflib's API."""
    from ros_kg.store import load_graph

    bulk = NameIndex.build(load_graph(store="oxigraph"))
    one_by_one = NameIndex.build(load_graph(store="memory"))
    assert len(bulk.by_key) > 300
    assert bulk.by_key == one_by_one.by_key
    assert bulk.shown.keys() == one_by_one.shown.keys()
    assert bulk.types == one_by_one.types
    assert bulk.superclasses == one_by_one.superclasses
