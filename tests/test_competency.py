"""Competency questions: what policy advisors ask of the ROS Twente graph, answers written out.

Each test poses one question as a SPARQL query over the shipped graph (ontology, ``graph_data/``
and the derived ``ros:dependsOn`` shortcuts, as :func:`ros_kg.store.load_graph` returns it) and
compares the result with the answer that the deck or the named public source gives. Parameters
are bound with ``initBindings``, never pasted into the query text.
"""

from datetime import date

import pytest
from rdflib import Graph, Literal
from rdflib.query import ResultRow
from rdflib.term import Identifier

from ros_kg.namespaces import ROS, XSD
from ros_kg.store import load_graph

PREFIXES = """
PREFIX ros:     <https://w3id.org/ros-kg/def#>
PREFIX rosid:   <https://w3id.org/ros-kg/id/>
PREFIX org:     <http://www.w3.org/ns/org#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX foaf:    <http://xmlns.com/foaf/0.1/>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
"""

MUNICIPALITIES = {
    "almelo",
    "borne",
    "dinkelland",
    "enschede",
    "haaksbergen",
    "hellendoorn",
    "hengelo",
    "hof-van-twente",
    "losser",
    "oldenzaal",
    "rijssen-holten",
    "tubbergen",
    "twenterand",
    "wierden",
}
INITIATING_CITIES = {"almelo", "hengelo", "enschede"}
JOINED_2024 = MUNICIPALITIES - INITIATING_CITIES
MINISTRIES_2025 = {"vro", "ienw", "ez", "lvvn"}
ADOPTING_BODIES = {f"raad-{m}" for m in MUNICIPALITIES} | {"ps-overijssel", "ab-vechtstromen"}
BUILDING_BLOCK_FOR = {f"omgevingsvisie-{m}" for m in MUNICIPALITIES} | {
    "omgevingsvisie-overijssel",
    "waterbeheerprogramma-vechtstromen-volgend",
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    """The shipped graph as every command sees it: ontology, data and derived shortcuts."""
    return load_graph()


def rows(graph: Graph, query: str, **bindings: Identifier) -> list[tuple[Identifier | None, ...]]:
    """Run a SELECT query with bound parameters and return its rows as plain tuples."""
    found: list[tuple[Identifier | None, ...]] = []
    for row in graph.query(PREFIXES + query, initBindings=bindings):
        assert isinstance(row, ResultRow)
        found.append(tuple(row))
    return found


def local(node: object) -> str:
    """The last segment of an IRI (``rosid:enschede`` -> ``enschede``), or the value as text."""
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def column(graph: Graph, query: str, **bindings: Identifier) -> set[str]:
    """The local names in the first column of a query's result."""
    return {local(row[0]) for row in rows(graph, query, **bindings)}


def on(day: str) -> Literal:
    """An ``xsd:date`` literal, for binding a date parameter."""
    return Literal(date.fromisoformat(day), datatype=XSD.date)


def number(node: object) -> int:
    """The integer value of a typed literal."""
    assert isinstance(node, Literal)
    value = node.toPython()
    assert isinstance(value, int)
    return value


# ---------------------------------------------------------------- who takes part, since when


def test_who_made_the_2023_ruimtelijk_bod(graph: Graph) -> None:
    query = "SELECT ?who WHERE { rosid:ruimtelijk-bod dcterms:creator ?who }"
    assert column(graph, query) == {"almelo", "hengelo", "enschede", "overijssel"}


def test_who_took_the_initiative_in_2023(graph: Graph) -> None:
    query = """
        SELECT ?member WHERE {
          ?m org:member ?member ; org:organization rosid:ros-samenwerking ;
             org:role ros:Initiatiefnemer ; ros:startDate ?start .
          FILTER(YEAR(?start) = 2023)
        }"""
    assert column(graph, query) == INITIATING_CITIES | {"overijssel"}


def test_which_municipalities_joined_in_2024(graph: Graph) -> None:
    query = """
        SELECT ?member WHERE {
          ?m org:member ?member ; org:organization rosid:ros-samenwerking ;
             org:role ros:Aansluiter ; ros:startDate ?start .
          ?member a ros:Gemeente .
          FILTER(YEAR(?start) = 2024)
        }"""
    answer = column(graph, query)
    assert answer == JOINED_2024
    assert len(answer) == 11


def test_which_other_party_joined_in_2024(graph: Graph) -> None:
    query = """
        SELECT ?member WHERE {
          ?m org:member ?member ; org:organization rosid:ros-samenwerking ; ros:startDate ?start .
          FILTER NOT EXISTS { ?member a ros:Gemeente }
          FILTER(YEAR(?start) = 2024)
        }"""
    assert column(graph, query) == {"vechtstromen"}


def test_which_ministries_take_part_since_2025(graph: Graph) -> None:
    query = """
        SELECT ?ministry ?abbreviation WHERE {
          ?m org:member ?ministry ; org:organization rosid:ros-samenwerking ;
             org:role ros:Rijkspartner ; ros:startDate ?start .
          ?ministry a ros:Ministerie ; org:subOrganizationOf rosid:rijk .
          FILTER(YEAR(?start) = 2025)
        }"""
    assert column(graph, query) == MINISTRIES_2025


AT_THE_TABLE = [
    ("2022-06-01", set()),
    ("2023-06-01", INITIATING_CITIES | {"overijssel"}),
    ("2025-06-01", MUNICIPALITIES | {"overijssel", "vechtstromen"} | MINISTRIES_2025),
    ("2026-06-01", MUNICIPALITIES | {"overijssel", "vechtstromen", "ienw", "ez", "lvvn", "bzk"}),
]


@pytest.mark.parametrize(("as_of", "expected"), AT_THE_TABLE)
def test_who_was_at_the_table_as_of(graph: Graph, as_of: str, expected: set[str]) -> None:
    query = """
        SELECT DISTINCT ?member WHERE {
          ?m org:member ?member ; org:organization rosid:ros-samenwerking ; ros:startDate ?start .
          OPTIONAL { ?m ros:endDate ?end }
          FILTER(?start <= ?asOf && (!BOUND(?end) || ?end > ?asOf))
        }"""
    assert column(graph, query, asOf=on(as_of)) == expected


def test_what_happened_to_vro_in_2026(graph: Graph) -> None:
    query = """
        SELECT ?event ?from ?into ?date WHERE {
          ?event a org:ChangeEvent ; org:originalOrganization rosid:vro ;
                 org:originalOrganization ?from ; org:resultingOrganization ?into ; ros:date ?date .
        }"""
    [(event, original, resulting, day)] = rows(graph, query)
    assert (local(event), local(original), local(resulting)) == ("vro-naar-bzk-2026", "vro", "bzk")
    assert day == on("2026-02-23")
    ends = "SELECT ?end WHERE { rosid:lid-ros-vro ros:endDate ?end }"
    starts = "SELECT ?start WHERE { rosid:lid-ros-bzk ros:startDate ?start }"
    assert rows(graph, ends) == rows(graph, starts) == [(on("2026-02-23"),)]


def test_ez_was_renamed_not_replaced(graph: Graph) -> None:
    query = """
        SELECT ?event WHERE {
          ?event a org:ChangeEvent ; org:originalOrganization rosid:ez ;
                 org:resultingOrganization rosid:ez .
          rosid:ez skos:altLabel "EZK" .
        }"""
    assert column(graph, query) == {"ez-wordt-ezk-2026"}


def test_who_founded_techland(graph: Graph) -> None:
    query = """
        SELECT ?founder WHERE {
          ?m org:member ?founder ; org:organization rosid:techland ; org:role ros:Oprichter .
        }"""
    assert column(graph, query) == {"ihk-nord-westfalen", "twente-board", "oost-nl"}


def test_who_are_partners_of_techland(graph: Graph) -> None:
    query = """
        SELECT ?partner WHERE {
          ?m org:member ?partner ; org:organization rosid:techland ; org:role ros:Lid .
        }"""
    assert column(graph, query) == {
        "stadt-muenster",
        "enschede",
        "euregio",
        "universitaet-muenster",
        "universiteit-twente",
        "fh-muenster",
        "saxion",
    }


def test_who_founded_novel_t(graph: Graph) -> None:
    query = """
        SELECT ?founder WHERE {
          ?m org:member ?founder ; org:organization rosid:novel-t ; org:role ros:Oprichter .
        }"""
    assert column(graph, query) == {
        "universiteit-twente",
        "saxion",
        "regio-twente",
        "enschede",
        "overijssel",
    }


def test_samentwente_has_the_14_municipalities_and_succeeded_regio_twente(graph: Graph) -> None:
    members = "SELECT ?m WHERE { [] org:member ?m ; org:organization rosid:samentwente }"
    assert column(graph, members) == MUNICIPALITIES
    successor = """
        SELECT ?into WHERE {
          [] a org:ChangeEvent ; org:originalOrganization rosid:regio-twente ;
             org:resultingOrganization ?into .
        }"""
    assert column(graph, successor) == {"samentwente"}


def test_which_governing_bodies_belong_to_province_and_water_board(graph: Graph) -> None:
    query = """
        SELECT ?body ?abbreviation WHERE {
          ?body a ros:Bestuursorgaan ; org:unitOf ?of ; skos:altLabel ?abbreviation .
          VALUES ?of { rosid:overijssel rosid:vechtstromen }
          FILTER(STRLEN(?abbreviation) = 2)
        }"""
    assert {(local(b), str(a)) for b, a in rows(graph, query)} == {
        ("ps-overijssel", "PS"),
        ("gs-overijssel", "GS"),
        ("ab-vechtstromen", "AB"),
        ("db-vechtstromen", "DB"),
    }


# ---------------------------------------------------------------- official identifiers


def test_every_municipality_has_a_tooi_iri_and_cbs_code(graph: Graph) -> None:
    query = "SELECT ?m ?tooi ?code WHERE { ?m a ros:Gemeente ; ros:tooi ?tooi ; ros:cbsCode ?code }"
    found = rows(graph, query)
    assert {local(m) for m, _, _ in found} == MUNICIPALITIES
    assert len(found) == 14
    for _, tooi, code in found:
        assert str(tooi) == f"https://identifier.overheid.nl/tooi/id/gemeente/{str(code).lower()}"
    codes = {local(m): str(c) for m, _, c in found}
    assert codes["enschede"] == "GM0153"
    assert codes["hof-van-twente"] == "GM1735"


def test_codes_of_the_rijk_province_and_water_board(graph: Graph) -> None:
    query = """
        SELECT ?body ?code WHERE {
          ?body ros:cbsCode ?code .
          { ?body a ros:Ministerie } UNION { ?body a ros:Provincie }
          UNION { ?body a ros:Waterschap }
        }"""
    assert {(local(b), str(c)) for b, c in rows(graph, query)} == {
        ("vro", "MNRE1171"),
        ("ienw", "MNRE1130"),
        ("ez", "MNRE1045"),
        ("lvvn", "MNRE1153"),
        ("bzk", "MNRE1034"),
        ("overijssel", "PV23"),
        ("vechtstromen", "WS0663"),
    }


def test_almelo_has_no_wikidata_item_and_says_why(graph: Graph) -> None:
    without = """
        SELECT ?m WHERE { ?m a ros:Gemeente FILTER NOT EXISTS { ?m ros:wikidata ?item } }"""
    assert column(graph, without) == {"almelo"}
    why = """
        SELECT ?why WHERE { rosid:almelo rdfs:comment ?why FILTER(LANG(?why) = "en") }"""
    [(comment,)] = rows(graph, why)
    assert "Q988" in str(comment)


# ---------------------------------------------------------------- documents and decisions


def test_what_novi_leads_to(graph: Graph) -> None:
    query = "SELECT DISTINCT ?later WHERE { ?later (ros:buildsOn|ros:elaborates)+ rosid:novi }"
    assert column(graph, query) == {
        "contourennotitie-nota-ruimte",
        "voorontwerp-nota-ruimte",
        "ontwerp-nota-ruimte",
        "verstedelijkingsstrategie",
        "concept-ros",
        "ros",
        "uitvoeringsagenda",
    }


def test_what_the_ros_elaborates_and_builds_on(graph: Graph) -> None:
    assert column(graph, "SELECT ?d WHERE { rosid:ros ros:elaborates ?d }") == {
        "ontwerp-nota-ruimte"
    }
    assert column(graph, "SELECT ?d WHERE { rosid:ros ros:buildsOn ?d }") == {
        "verstedelijkingsstrategie",
        "concept-ros",
    }


def test_the_bod_becomes_the_rsia_which_the_contourennotitie_includes(graph: Graph) -> None:
    query = """
        SELECT ?agenda ?memo WHERE {
          rosid:ruimtelijk-bod ros:becomes ?agenda . ?memo dcterms:hasPart ?agenda .
        }"""
    assert [(local(a), local(m)) for a, m in rows(graph, query)] == [
        ("rsia", "contourennotitie-nota-ruimte")
    ]


def test_what_the_ros_is_a_building_block_for(graph: Graph) -> None:
    query = "SELECT ?plan WHERE { rosid:ros ros:buildingBlockFor ?plan }"
    assert column(graph, query) == BUILDING_BLOCK_FOR
    basis = "SELECT ?what WHERE { rosid:ros ros:basisFor ?what }"
    assert column(graph, basis) == {"gebiedsontwikkelingen-en-projecten"}


def test_what_twente_was_designated_as_and_on_which_condition(graph: Graph) -> None:
    query = """
        SELECT ?designation ?type ?condition ?document WHERE {
          ?designation a ros:Aanwijzing ; ros:designatedArea rosid:twente ;
              ros:designationType ?type ; ros:condition ?condition ; ros:statedIn ?document .
        }"""
    assert {tuple(local(v) for v in row) for row in rows(graph, query)} == {
        (
            "aanwijzing-initieerregio-twente",
            "Initieerregio",
            "economische-groei",
            "voorontwerp-nota-ruimte",
        ),
        (
            "bevestiging-initieerregio-2025",
            "Initieerregio",
            "economische-groei",
            "ontwerp-nota-ruimte",
        ),
    }
    confirms = "SELECT ?d WHERE { rosid:bevestiging-initieerregio-2025 ros:confirms ?d }"
    assert column(graph, confirms) == {"aanwijzing-initieerregio-twente"}


def test_where_the_large_scale_housing_locations_are(graph: Graph) -> None:
    query = """
        SELECT ?area ?type ?municipality WHERE {
          ?designation a ros:Aanwijzing ; ros:designatedArea ?area ; ros:designationType ?type ;
              ros:statedIn rosid:ontwerp-nota-ruimte .
          ?area ros:concerns ?municipality .
          VALUES ?type { ros:NationaleWoningbouwlocatie ros:RegionaleWoningbouwlocatie }
        }"""
    assert {tuple(local(v) for v in row) for row in rows(graph, query)} == {
        ("spoorzone-hengelo-enschede", "NationaleWoningbouwlocatie", "hengelo"),
        ("spoorzone-hengelo-enschede", "NationaleWoningbouwlocatie", "enschede"),
        ("locatie-almelo", "RegionaleWoningbouwlocatie", "almelo"),
        ("locatie-borne", "RegionaleWoningbouwlocatie", "borne"),
    }


def test_twente_was_not_a_novex_area(graph: Graph) -> None:
    query = """
        SELECT ?statement WHERE {
          ?statement a ros:Uitspraak ; ros:concerns rosid:twente , rosid:novex-aanwijzing .
        }"""
    assert column(graph, query) == {"uitspraak-witte-vlek"}


def test_what_comes_after_the_bo_mirt_of_november_2026(graph: Graph) -> None:
    query = """
        SELECT ?next ?status WHERE {
          ?next prov:wasInformedBy rosid:bo-mirt-2026 ; ros:status ?status .
        }"""
    found = rows(graph, query)
    assert {local(n) for n, _ in found} == (
        {f"vaststelling-ros-{m}" for m in MUNICIPALITIES}
        | {"vaststelling-ros-overijssel", "vaststelling-ros-vechtstromen"}
    )
    assert {local(s) for _, s in found} == {"Gepland"}
    when = "SELECT ?date WHERE { rosid:bo-mirt-2026 ros:date ?date }"
    assert rows(graph, when) == [(on("2026-11-01"),)]


def test_which_bodies_still_have_to_adopt_the_ros(graph: Graph) -> None:
    query = """
        SELECT ?body WHERE {
          ?decision a ros:Besluit ; ros:object rosid:ros ; ros:decidedBy ?body ;
              ros:status ?status .
          FILTER(?status != ros:Gereed)
        }"""
    answer = column(graph, query)
    assert answer == ADOPTING_BODIES
    assert len(answer) == 16


def test_what_is_planned_for_2026_as_the_deck_states(graph: Graph) -> None:
    query = """
        SELECT ?item ?asOf WHERE {
          ?item ros:date ?date ; ros:status ros:Gepland ; ros:statusAsOf ?asOf .
          FILTER(YEAR(?date) = 2026)
        }"""
    found = rows(graph, query)
    assert {local(i) for i, _ in found} == {
        "concept-ros",
        "gemeenteraadsverkiezingen-2026",
        "consultatieronde-voorjaar-2026",
        "bo-mirt-2026",
        "ros",
        "uitvoeringsagenda",
        "start-uitvoeringsagenda-2026",
    }
    assert {a for _, a in found} == {on("2025-12-01")}


def test_the_timeline_runs_from_novi_to_the_final_ros(graph: Graph) -> None:
    query = """
        SELECT ?item WHERE {
          ?item ros:date ?date .
          VALUES ?item { rosid:novi rosid:voorontwerp-nota-ruimte rosid:bo-mirt-2024
                         rosid:ontwerp-nota-ruimte rosid:concept-ros
                         rosid:consultatieronde-voorjaar-2026 rosid:bo-mirt-2026 }
        } ORDER BY ?date"""
    assert [local(row[0]) for row in rows(graph, query)] == [
        "novi",
        "voorontwerp-nota-ruimte",
        "bo-mirt-2024",
        "ontwerp-nota-ruimte",
        "concept-ros",
        "consultatieronde-voorjaar-2026",
        "bo-mirt-2026",
    ]


def test_who_is_consulted_in_spring_2026(graph: Graph) -> None:
    query = "SELECT ?body WHERE { rosid:consultatieronde-voorjaar-2026 ros:participant ?body }"
    expected = (
        {f"raad-{m}" for m in MUNICIPALITIES}
        | {f"college-{m}" for m in MUNICIPALITIES}
        | {"ps-overijssel", "gs-overijssel", "ab-vechtstromen", "db-vechtstromen"}
    )
    assert column(graph, query) == expected
    season = """
        SELECT ?p ?l WHERE {
          rosid:consultatieronde-voorjaar-2026 ros:datePrecision ?p ; ros:dateLabel ?l .
        }"""
    assert {(local(p), str(label)) for p, label in rows(graph, season)} == {
        ("Seizoen", "voorjaar 2026"),
        ("Seizoen", "spring 2026"),
    }


# ---------------------------------------------------------------- targets


def test_the_2050_homes_target_in_each_document(graph: Graph) -> None:
    query = """
        SELECT ?document ?value ?comparator WHERE {
          ?target a ros:Doel ; ros:quantity ros:Woningen ; ros:horizonYear "2050"^^xsd:gYear ;
              ros:statedIn ?document ; ros:value ?value ; ros:comparator ?comparator .
        }"""
    assert {(local(d), number(v), local(c)) for d, v, c in rows(graph, query)} == {
        ("ruimtelijk-bod", 60000, "Precies"),
        ("concept-ros", 80000, "Precies"),
        ("concept-ros", 60000, "MeerDan"),
        ("afspraak-verstedelijkingsstrategie-2024", 69000, "Precies"),
    }


def test_the_bod_targets_of_2023(graph: Graph) -> None:
    query = """
        SELECT ?quantity ?value ?comparator WHERE {
          ?target ros:statedIn rosid:ruimtelijk-bod ; ros:quantity ?quantity ; ros:value ?value ;
              ros:comparator ?comparator ; ros:area rosid:twentse-steden .
        }"""
    assert {(local(q), number(v), local(c)) for q, v, c in rows(graph, query)} == {
        ("Inwoners", 100000, "Precies"),
        ("Woningen", 60000, "Precies"),
        ("Banen", 55000, "Minstens"),
    }
    net = """
        SELECT ?note WHERE {
          rosid:doel-bod-woningen-2050 rdfs:comment ?note FILTER(LANG(?note) = "nl")
        }"""
    assert "Netto" in str(rows(graph, net)[0][0])


@pytest.mark.parametrize(
    ("quantity", "change"), [("Inwoners", 20000), ("Woningen", 20000), ("Banen", 10000)]
)
def test_change_between_the_bod_and_the_2050_direction(
    graph: Graph, quantity: str, change: int
) -> None:
    query = """
        SELECT ?change WHERE {
          ?bod ros:statedIn rosid:ruimtelijk-bod ; ros:quantity ?quantity ; ros:value ?before ;
               ros:horizonYear ?year .
          ?direction ros:statedIn rosid:concept-ros ; ros:quantity ?quantity ; ros:value ?after ;
               ros:horizonYear ?year ; ros:comparator ros:Precies .
          BIND(?after - ?before AS ?change)
        }"""
    bound = ROS[quantity]
    assert [number(row[0]) for row in rows(graph, query, quantity=bound)] == [change]


def test_the_position_paper_adds_a_plus_without_new_numbers(graph: Graph) -> None:
    query = """
        SELECT ?value ?comparator WHERE {
          ?t ros:statedIn rosid:position-paper-2024 ; ros:value ?value ;
             ros:comparator ?comparator .
        }"""
    assert [(number(v), local(c)) for v, c in rows(graph, query)] == [(100000, "MeerDan")]


def test_the_national_housing_targets_conflict(graph: Graph) -> None:
    query = """
        SELECT ?value ?other WHERE {
          ?a ros:conflictsWith ?b ; ros:value ?value ; ros:quantity ros:Woningen .
          ?b ros:value ?other .
        }"""
    assert {(number(a), number(b)) for a, b in rows(graph, query)} == {
        (1000000, 900000),
        (900000, 1000000),
    }


def test_the_rsia_investment_need(graph: Graph) -> None:
    query = """
        SELECT ?value WHERE {
          ?t ros:quantity ros:Investering ; ros:statedIn rosid:rsia ; ros:value ?value .
        }"""
    assert [number(row[0]) for row in rows(graph, query)] == [22_000_000_000]


# ---------------------------------------------------------------- dependencies


def test_what_the_schaalsprong_depends_on(graph: Graph) -> None:
    query = """
        SELECT ?dependee ?kind ?basis WHERE {
          ?d a ros:Afhankelijkheid ; ros:dependent rosid:schaalsprong ; ros:dependee ?dependee ;
             ros:dependencyKind ?kind ; ros:basis ?basis .
        }"""
    assert {tuple(local(v) for v in row) for row in rows(graph, query)} == {
        ("economische-groei", "VoorwaardeSoort", "aanwijzing-initieerregio-twente")
    }


def test_what_housing_depends_on(graph: Graph) -> None:
    query = """
        SELECT ?dependee ?kind ?basis WHERE {
          ?d ros:dependent rosid:opgave-woningbouw ; ros:dependee ?dependee ;
             ros:dependencyKind ?kind ; ros:basis ?basis .
        }"""
    assert {tuple(local(v) for v in row) for row in rows(graph, query)} == {
        ("voldoende-water", "Water", "opgave-randvoorwaarden"),
        ("voldoende-energie", "Energie", "opgave-randvoorwaarden"),
    }


def test_who_depends_on_the_rijk_for_funding(graph: Graph) -> None:
    query = """
        SELECT ?dependent ?basis WHERE {
          ?d ros:dependee rosid:rijk ; ros:dependencyKind ros:Financiering ;
             ros:dependent ?dependent ; ros:basis ?basis .
        }"""
    assert {(local(a), local(b)) for a, b in rows(graph, query)} == {
        ("ros-samenwerking", "novex-aanwijzing"),
        ("rsia", "contourennotitie-nota-ruimte"),
        ("almelo", "rsia"),
        ("hengelo", "rsia"),
        ("enschede", "rsia"),
        ("overijssel", "rsia"),
    }


def test_who_depends_on_the_rijk_for_a_designation(graph: Graph) -> None:
    query = """
        SELECT ?dependent ?basis WHERE {
          ?d ros:dependee rosid:rijk ; ros:dependencyKind ros:AanwijzingNodig ;
             ros:dependent ?dependent ; ros:basis ?basis .
        }"""
    assert {(local(a), local(b)) for a, b in rows(graph, query)} == {
        ("ros-samenwerking", "aanwijzing-initieerregio-twente"),
        ("ros-samenwerking", "novex-aanwijzing"),
        ("spoorzone-hengelo-enschede", "aanwijzing-she"),
        ("enschede", "aanwijzing-she"),
        ("hengelo", "aanwijzing-she"),
        ("almelo", "aanwijzing-almelo"),
        ("borne", "aanwijzing-borne"),
    }


def test_the_final_ros_depends_on_the_bo_mirt_and_on_16_adoptions(graph: Graph) -> None:
    approval = """
        SELECT ?dependee WHERE {
          ?d ros:dependent rosid:ros ; ros:dependee ?dependee ; ros:dependencyKind ros:Goedkeuring .
        }"""
    assert column(graph, approval) == {"bo-mirt-2026"}
    adoption = """
        SELECT ?body WHERE {
          ?d ros:dependent rosid:ros ; ros:dependee ?body ; ros:dependencyKind ros:Vaststelling ;
             ros:basis ?decision .
          ?decision ros:decidedBy ?body ; ros:object rosid:ros .
        }"""
    assert column(graph, adoption) == ADOPTING_BODIES


def test_the_ros_is_a_policy_frame_below_the_draft_nota_ruimte(graph: Graph) -> None:
    query = """
        SELECT ?dependee WHERE {
          ?d ros:dependent rosid:ros ; ros:dependee ?dependee ;
             ros:dependencyKind ros:Beleidskader .
        }"""
    assert column(graph, query) == {"ontwerp-nota-ruimte"}


def test_which_plans_wait_for_the_ros(graph: Graph) -> None:
    query = "SELECT ?plan WHERE { ?d ros:dependent ?plan ; ros:dependee rosid:ros }"
    assert column(graph, query) == BUILDING_BLOCK_FOR | {"uitvoeringsagenda"}


def test_what_is_affected_downstream_when_the_bo_mirt_2026_stalls(graph: Graph) -> None:
    query = "SELECT DISTINCT ?affected WHERE { ?affected ros:dependsOn+ rosid:bo-mirt-2026 }"
    assert column(graph, query) == {"ros", "uitvoeringsagenda"} | BUILDING_BLOCK_FOR


def test_economic_growth_needs_knowledge_across_the_border(graph: Graph) -> None:
    query = """
        SELECT ?dependee ?kind WHERE {
          ?d ros:dependent rosid:economische-groei ; ros:dependee ?dependee ;
             ros:dependencyKind ?kind ; ros:basis rosid:bevinding-landsgrenzen .
        }"""
    assert {(local(a), local(k)) for a, k in rows(graph, query)} == {
        ("techland", "Samenwerking"),
        ("universiteit-twente", "Kennis"),
        ("universitaet-muenster", "Kennis"),
    }


def test_mobility_depends_on_national_infrastructure(graph: Graph) -> None:
    query = """
        SELECT ?dependee WHERE {
          ?d ros:dependent rosid:opgave-daily-urban-system ; ros:dependee ?dependee ;
             ros:dependencyKind ros:Bereikbaarheid .
        }"""
    assert column(graph, query) == {"ienw"}


# ---------------------------------------------------------------- themes and statements


def test_the_themes_of_the_ros(graph: Graph) -> None:
    query = """
        SELECT ?label WHERE {
          ?theme a ros:Thema ; skos:inScheme rosid:themas ; skos:prefLabel ?label .
          FILTER(LANG(?label) = "nl")
        }"""
    assert {str(row[0]) for row in rows(graph, query)} == {
        "Wonen",
        "Economie",
        "Landschap",
        "Mobiliteit",
        "Klimaat, energie en water",
    }


def test_the_opgaven_and_their_themes(graph: Graph) -> None:
    query = """
        SELECT ?opgave ?theme WHERE {
          ?opgave a ros:Opgave ; ros:statedIn rosid:concept-ros ; ros:theme ?theme .
        }"""
    found = rows(graph, query)
    assert {local(o) for o, _ in found} == {
        "opgave-woningbouw",
        "opgave-landschap",
        "opgave-economie",
        "opgave-daily-urban-system",
        "opgave-klimaatadaptatie",
        "opgave-randvoorwaarden",
    }
    assert ("opgave-daily-urban-system", "thema-mobiliteit") in {
        (local(o), local(t)) for o, t in found
    }


def test_the_development_principles_and_where_they_apply(graph: Graph) -> None:
    query = "SELECT ?p ?area WHERE { ?p a ros:Ontwikkelprincipe ; ros:concerns ?area }"
    assert {(local(p), local(a)) for p, a in rows(graph, query)} == {
        ("principe-concentratie", "twentse-steden"),
        ("principe-concentratie", "dynamische-knopen"),
        ("principe-kernen-buitengebied", "kernen-buitengebied"),
    }


def test_the_eight_lessons_learned(graph: Graph) -> None:
    query = "SELECT ?b WHERE { ?b a ros:Bevinding ; dcterms:source rosid:bron-deck-bevindingen }"
    assert len(column(graph, query)) == 8
    border = """
        SELECT ?who WHERE { rosid:bevinding-landsgrenzen ros:concerns ?who . ?who a ?kind .
                            FILTER(?kind = ros:GrensoverschrijdendePartner) }"""
    assert column(graph, border) == {"techland"}


# ---------------------------------------------------------------- sources and disagreements


def test_the_novex_disagreement_is_queryable(graph: Graph) -> None:
    query = """
        SELECT ?value ?source ?otherValue ?otherSource WHERE {
          ?claim ros:about rosid:novex-aanwijzing ; ros:conflictsWith ?other ;
                 ros:claimedValue ?value ; dcterms:source ?source .
          ?other ros:claimedValue ?otherValue ; dcterms:source ?otherSource .
          FILTER(?value > ?otherValue)
        }"""
    found = {(number(v), local(s), number(ov), local(os)) for v, s, ov, os in rows(graph, query)}
    assert (17, "bron-deck-herkomst", 16, "bron-novex-programma") in found
    assert {(v, ov) for v, _, ov, _ in found} == {(17, 16)}


def test_three_claims_on_the_homes_to_build_by_2030(graph: Graph) -> None:
    query = """
        SELECT DISTINCT ?value WHERE {
          ?claim a ros:Bewering ; ros:about rosid:programma-woningbouw-2022 ;
                 ros:claimedValue ?value ; ros:conflictsWith ?other .
        }"""
    assert {number(row[0]) for row in rows(graph, query)} == {1_000_000, 900_000, 981_000}


def test_the_pbl_shrinkage_claim_stands_beside_its_non_confirmation(graph: Graph) -> None:
    query = """
        SELECT ?claim ?source WHERE {
          ?claim ros:about rosid:pbl-prognose-2022 ; ros:conflictsWith ?other ;
                 dcterms:source ?source .
        }"""
    assert {(local(c), local(s)) for c, s in rows(graph, query)} == {
        ("bewering-pbl-krimp-presentatie", "bron-deck-herkomst"),
        ("bewering-pbl-krimp-niet-gevonden", "bron-pbl-cbs-prognose-2022"),
    }


def test_which_designations_only_the_deck_supports(graph: Graph) -> None:
    query = """
        SELECT ?designation WHERE {
          ?designation a ros:Aanwijzing .
          FILTER NOT EXISTS { ?designation dcterms:source ?s . ?s foaf:page ?page }
        }"""
    assert column(graph, query) == {
        "aanwijzing-initieerregio-twente",
        "aanwijzing-almelo",
        "aanwijzing-borne",
    }


def test_where_the_she_designation_comes_from(graph: Graph) -> None:
    query = """
        SELECT ?source ?page WHERE {
          rosid:aanwijzing-she dcterms:source ?source .
          OPTIONAL { ?source foaf:page ?page }
        }"""
    found = {local(s): p for s, p in rows(graph, query)}
    assert set(found) == {
        "bron-deck-resultaten-2025",
        "bron-rijksoverheid-2025-06-12",
        "bron-gemeente-nu-2025-09",
    }
    assert found["bron-deck-resultaten-2025"] is None
    assert str(found["bron-gemeente-nu-2025-09"]).startswith("https://www.gemeente.nu/")


def test_every_deck_section_is_part_of_the_deck(graph: Graph) -> None:
    query = "SELECT ?section WHERE { ?s dcterms:isPartOf rosid:bron-deck ; ros:section ?section }"
    sections = {str(row[0]) for row in rows(graph, query)}
    assert len(sections) == 13
    assert {"2023: Twente in actie!", "Resultaten 2025", "Bevindingen"} <= sections


def test_no_resource_lacks_a_source(graph: Graph) -> None:
    query = """
        SELECT ?thing WHERE {
          ?thing a ?kind .
          FILTER(STRSTARTS(STR(?thing), STR(rosid:)) && ?kind != ros:Bron)
          FILTER NOT EXISTS { ?thing dcterms:source ?source . ?source a ros:Bron }
        }"""
    assert column(graph, query) == set()
