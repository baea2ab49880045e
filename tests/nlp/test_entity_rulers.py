"""entity_rulers: the organisation-shape rules (``org_rules``) against preset model entities,
on invented texts."""
from __future__ import annotations

import pytest
import spacy

from nlp_testkit import preset_ents

from pipeline.nlp import entity_data, entity_rulers  # noqa: F401  (registers incident_span_ruler)


@pytest.fixture(scope="module")
def org_rules():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("incident_span_ruler", name="org_rules", config={
        "annotate_ents": True, "spans_key": None, "overwrite": False,
        "ents_filter": {"@misc": "incident_rule_ents_filter.v1"}})
    ruler.add_patterns(entity_data.load_patterns("org_rules"))
    return ruler, nlp


def run(org_rules, text, preset=()):
    ruler, nlp = org_rules
    doc = nlp.make_doc(text)
    preset_ents(doc, preset)
    return [(e.text, e.label_) for e in ruler(doc).ents]


def test_entity_rulers_ampersand_keeps_the_model_organisations_it_joins(org_rules):
    # the model read "Brackley Bowls" and "Social Club"; the one-word-each-side "&" rule cut
    # out "Bowls & Social"
    text = "Fake invoices: Brackley Bowls & Social Club falls for scam"
    assert run(org_rules, text, [("Brackley Bowls", "ORG"), ("Social Club", "ORG")]) == [
        ("Brackley Bowls & Social Club", "ORG")]
    assert ("Brackley Bowls & Social", "ORG") in run(
        org_rules, "Brackley Bowls & Social said so.", [("Brackley Bowls", "ORG")])
    # people are not taken in, and two people's names joined by "&" are no organisation
    # ("Hardcastle & Rita" was an ORG that cut both names)
    text = "The paper by Tom Hardcastle & Rita Vane was cited."
    assert run(org_rules, text, [("Tom Hardcastle", "PERSON"), ("Rita Vane", "PERSON")]) == [
        ("Tom Hardcastle", "PERSON"), ("Rita Vane", "PERSON")]


@pytest.mark.parametrize("text, org", [
    ("Milk was delayed by an attack on the Thornfield Dairy Co-operative, the union said.",
     "Thornfield Dairy Co-operative"),
    ("Members of the Ashcombe Co-op were told to reset passwords.", "Ashcombe Co-op"),
    ("Hollin Breweries' pubs took cash only.", "Hollin Breweries"),
    ("Staff at Pellow Bakeries were paid late.", "Pellow Bakeries"),
    ("The Wendle Dairy Cooperative paid the ransom.", "Wendle Dairy Cooperative"),
    ("Pupils at Oakridge Primary School were sent home.", "Oakridge Primary School"),
    ("Parents of Tamsworth High School pupils were emailed.", "Tamsworth High School"),
])
def test_entity_rulers_cooperatives_and_trade_plurals_are_organisations(org_rules, text, org):
    assert (org, "ORG") in run(org_rules, text)


@pytest.mark.parametrize("text, org", [
    ("Customers of Brackley Water could not pay bills.", "Brackley Water"),
    ("Tessamoor Apothecary closed 40 pharmacies.", "Tessamoor Apothecary"),
    ("Data of Lagomar Sistemi was leaked.", "Lagomar Sistemi"),
    ("Ostfeld Logistik restored its systems.", "Ostfeld Logistik"),
])
def test_entity_rulers_utility_and_foreign_trade_heads_end_company_names(org_rules, text, org):
    assert (org, "ORG") in run(org_rules, text)


@pytest.mark.parametrize("text", [
    "Residents Told To Boil Drinking Water",
    "Tap Water Is Safe, Says Council",
])
def test_entity_rulers_water_descriptions_are_no_names(org_rules, text):
    assert not [e for e in run(org_rules, text) if "Water" in e[0]]


def test_entity_rulers_water_and_sewer_authority_is_whole():
    from pipeline.nlp import entities
    nlp = entities.add_rules(spacy.blank("en"))
    doc = nlp("The Brackley Water and Sewer Authority's servers were hit by ransomware.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Brackley Water and Sewer Authority", "ORG")]


def test_entity_rulers_and_joins_no_two_complete_names():
    from pipeline.nlp import entities
    nlp = entities.add_rules(spacy.blank("en"))
    doc = nlp("He joined the Royal Society and Royal Astronomical Society in 1902.")
    assert ("Royal Society and Royal Astronomical Society", "ORG") not in [
        (e.text, e.label_) for e in doc.ents]
    doc = nlp("It was licensed to Kawasaki Heavy Industries in 1969.")
    assert ("Kawasaki Heavy Industries", "ORG") in [(e.text, e.label_) for e in doc.ents]
