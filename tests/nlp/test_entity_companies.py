"""entity_companies: the product test shared by the company rules of ``person_rules``."""
from __future__ import annotations

import pytest
import spacy

from nlp_testkit import preset_ents

from pipeline.nlp.entity_companies import ProductNames


@pytest.mark.parametrize("text, name, product", [
    ("Users of Quillmail 4.2 should update.", "Quillmail", True),
    ("The Quillmail email client crashed.", "Quillmail", True),
    ("Orvane patched its Quillmail app.", "Quillmail", True),
    ("Older versions of Quillmail are affected.", "Quillmail", True),
    ("Quillmail said hackers broke into its network.", "Quillmail", False),
    ("Quillmail said so.", "Nowhere", False),
])
def test_entity_companies_product_names(text, name, product):
    doc = spacy.blank("en")(text)
    assert ProductNames(doc)(name) is product


def test_entity_companies_product_names_read_the_doc_once():
    doc = spacy.blank("en")("Quillmail 4.2 and Orvane: Quillmail again.")
    products = ProductNames(doc)
    assert products("Quillmail") and not products("Orvane")
    orths = products._orths
    assert products("Quillmail") and products._orths is orths   # answered from the cache


# ---------------------------------------------------------------- names the text calls a company
def relabel(person_rules, text, preset):
    nlp, rules = person_rules
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    preset_ents(doc, preset)
    return [(e.text, e.label_) for e in rules(doc).ents]


@pytest.mark.parametrize("text, preset, expected", [
    # the subject of an attack on it, with no entity, read as a person or as a place
    ("Wexmoor Gas has been hit by a cyber attack, the company said.", [],
     [("Wexmoor Gas", "ORG")]),
    ("Corrandale Dairies, which runs 12 plants in Munster, says it has been hit by "
     "ransomware.", [("Munster", "GPE")], [("Corrandale Dairies", "ORG"), ("Munster", "GPE")]),
    ("Brevitrans says it was targeted by hackers. Brevitrans reopened.",
     [("Brevitrans", "PERSON"), ("Brevitrans", "PERSON")],
     [("Brevitrans", "ORG"), ("Brevitrans", "ORG")]),
    ("Ostrella Tessuti confirmed a ransomware attack on Monday.",
     [("Ostrella Tessuti", "LOC")], [("Ostrella Tessuti", "ORG")]),
    # the first word of an organisation named in full
    ("Patients of Velmora Health were told. Velmora apologised.",
     [("Velmora Health", "ORG"), ("Velmora", "PERSON")],
     [("Velmora Health", "ORG"), ("Velmora", "ORG")]),
    # trade nouns that only fit a business
    ("German freight forwarder Lindtrans says deliveries resumed.", [("Lindtrans", "PERSON")],
     [("Lindtrans", "ORG")]),
    ("Defence electronics maker Castro Velari lost data.", [("Castro Velari", "PERSON")],
     [("Castro Velari", "ORG")]),
])
def test_entity_companies_names_the_text_calls_a_company(person_rules, text, preset,
                                                         expected):
    assert relabel(person_rules, text, preset) == expected


@pytest.mark.parametrize("text, preset", [
    # people: a known given name, a surname, no attack on them, prefixed surnames
    ("Amanda Orrick has been hit by a cyber attack on her phone.", [("Amanda Orrick", "PERSON")]),
    ("Olufemi Adebayo was hit by a car.", [("Olufemi Adebayo", "PERSON")]),
    ("Taiwo Okafor said it was a good year.", [("Taiwo Okafor", "PERSON")]),
    ("Researchers from Cork met DeVries in Cork.", [("Cork", "GPE"), ("DeVries", "PERSON"),
                                                  ("Cork", "GPE")]),
    ("The Harbour Trust named McAllister. McAllister said no.",
     [("Harbour Trust", "ORG"), ("McAllister", "PERSON"), ("McAllister", "PERSON")]),
    # a place the model reads both ways is still a place when the gazetteer knows it
    ("Flights from Dublin resumed. Dublin said so.", [("Dublin", "GPE"), ("Dublin", "PERSON")]),
])
def test_entity_companies_people_and_places_stay(person_rules, text, preset):
    got = relabel(person_rules, text, preset)
    assert [label for _t, label in got] == [label for _t, label in preset]


@pytest.mark.parametrize("text, preset", [
    # an attacker, active voice; a title-case headline; the city of a place
    ("It is how Russians hacked the party committee.", []),
    ("Tasmanian Shipbuilder Hacked, Refuses to Pay Ransom", []),
    ("The city of Orrin Falls, Ore., was hit with a ransomware attack.", [("Orrin Falls", "LOC")]),
])
def test_entity_companies_no_company_from_attackers_or_headlines(person_rules, text, preset):
    assert relabel(person_rules, text, preset) == preset


@pytest.mark.parametrize("text, preset", [
    # a column that reports on attacks
    ("Earlier this month, Peppered Salt reported on a surge in attacks.", []),
])
def test_entity_companies_threats_and_publishers_stay(person_rules, text, preset):
    assert relabel(person_rules, text, preset) == preset


@pytest.mark.parametrize("text, preset, expected", [
    ("Files were stolen from Welsh insurer Carreg Mutual after it refused to pay.", [],
     [("Carreg Mutual", "ORG")]),
    ("The retailer Brennock said so.", [], [("Brennock", "ORG")]),
    # a weekday, a given name, a longer capitalised run
    ("The firm Monday said so.", [], []),
    ("The startup Brennock Labs Ireland North said so.", [], []),
])
def test_entity_companies_unfound_name_after_a_company_noun(person_rules, text, preset,
                                                            expected):
    assert relabel(person_rules, text, preset) == expected


@pytest.mark.parametrize("text, preset", [
    # a place or a person that opens a longer organisation name stays
    ("Shares on the Vantor Stock Exchange fell. Traders in Vantor said so.",
     [("Vantor Stock Exchange", "ORG"), ("Vantor", "LOC")]),
    ("He joined the Ravindra Institute of Physics. Ravindra founded it.",
     [("Ravindra Institute of Physics", "ORG"), ("Ravindra", "PERSON")]),
])
def test_entity_companies_first_words_of_long_names_and_places_stay(person_rules, text,
                                                                    preset):
    assert relabel(person_rules, text, preset) == preset


@pytest.mark.parametrize("text, preset, expected", [
    # a company noun before a name the model read as a place, and its other mentions
    ("Singapore-based crypto exchange Vantrelix said funds were drained. Vantrelix will "
     "cover the loss.", [("Vantrelix", "LOC"), ("Vantrelix", "PERSON")],
     [("Vantrelix", "ORG"), ("Vantrelix", "ORG")]),
    # industries named by what they make; a carrier after a business modifier
    ("The Brno steelmaker Moravská Huť halted production.", [],
     [("Moravská Huť", "ORG")]),
    ("Customers of low-cost carrier SkyVarna lost their points.", [],
     [("SkyVarna", "ORG")]),
    # an appositive whose head is a hyphenated compound or follows one
    ("Quorvane, a start-up that sorts alerts, raised $60 million.", [],
     [("Quorvane", "ORG")]),
    ("Skerrowind, a London-based startup, raised $9 million.", [("London", "GPE")],
     [("Skerrowind", "ORG"), ("London", "GPE")]),
])
def test_entity_companies_company_nouns_name_companies(person_rules, text, preset, expected):
    assert relabel(person_rules, text, preset) == expected


@pytest.mark.parametrize("text, preset, expected", [
    # an organisation speaking of itself as "it" (and its bare mentions)
    ("Vellacourt said it would add two-factor logins. Vellacourt apologised.",
     [("Vellacourt", "PERSON")], [("Vellacourt", "ORG"), ("Vellacourt", "ORG")]),
    ('Tessavore said in a statement that it was "not aware" of any abuse.',
     [("Tessavore", "PERSON")], [("Tessavore", "ORG")]),
    ("Brenmoor said on Thursday that it expected to reopen withdrawals.",
     [("Brenmoor", "PERSON")], [("Brenmoor", "ORG")]),
    # "it" as something else, or a person's pronoun in the sentence
    ("Tarrowby said it was too early to say.", [("Tarrowby", "PERSON")],
     [("Tarrowby", "PERSON")]),
    ("Quennock said it would take weeks before he could return.", [("Quennock", "PERSON")],
     [("Quennock", "PERSON")]),
])
def test_entity_companies_it_as_the_speaker(person_rules, text, preset, expected):
    assert relabel(person_rules, text, preset) == expected


def test_entity_companies_tail_of_a_foreign_name_before_its_spokesperson(person_rules):
    # the organisation, not its last word
    text = '"It was never locked," Sûreté du Vercors spokesperson Paul Aubrac said.'
    got = relabel(person_rules, text, [("Paul Aubrac", "PERSON")])
    assert ("Sûreté du Vercors", "ORG") in got and ("Vercors", "ORG") not in got
