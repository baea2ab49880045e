"""entity_rulers: the organisation-shape rules (``org_rules``) against preset model entities,
on invented texts."""
from __future__ import annotations

import pytest
import spacy

from pipeline.nlp import entities


@pytest.fixture(scope="module")
def org_rules():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("incident_span_ruler", name="org_rules", config={
        "annotate_ents": True, "spans_key": None, "overwrite": False,
        "ents_filter": {"@misc": "incident_rule_ents_filter.v1"}})
    ruler.add_patterns(entities.load_patterns("org_rules"))
    return ruler, nlp


def run(org_rules, text, preset=()):
    ruler, nlp = org_rules
    doc = nlp.make_doc(text)
    spans, pos = [], 0
    for sub, label in preset:
        start = text.index(sub, pos)
        pos = start + len(sub)
        spans.append(doc.char_span(start, pos, label=label))
    doc.ents = spans
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
