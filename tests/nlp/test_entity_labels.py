"""entity_labels: the last span fixes, on invented texts with preset entities."""
from __future__ import annotations

import pytest
import spacy

from nlp_testkit import preset_ents

import pipeline.nlp.entities  # noqa: F401  (registers the components)


def labels_rule(text, preset):
    nlp = spacy.blank("en")
    comp = nlp.add_pipe("entity_labels")
    doc = nlp.make_doc(text)
    preset_ents(doc, preset)
    return [(e.text, e.label_) for e in comp(doc).ents]


@pytest.mark.parametrize("text, preset, expected", [
    # the model stops at the possessive
    ("St Ebba's Chapel lost its roof fund to a phishing scam.", [("St Ebba", "ORG")],
     [("St Ebba's Chapel", "ORG")]),
    # a title-case headline ends at the institution word
    ("St Ebba's Chapel Loses Roof Fund To Scam", [("St Ebba", "PERSON")],
     [("St Ebba's Chapel", "ORG")]),
    # read whole, as a place
    ("Staff at St Oswin's Hospital used paper records.", [("St Oswin's Hospital", "LOC")],
     [("St Oswin's Hospital", "ORG")]),
    # cut into a place and an organisation
    ("Pupils at St Cuthbert's Catholic Primary School were sent home.",
     [("St Cuthbert's", "LOC"), ("Catholic Primary School", "ORG")],
     [("St Cuthbert's Catholic Primary School", "ORG")]),
])
def test_entity_labels_institutions_named_after_a_saint_are_whole(text, preset, expected):
    assert labels_rule(text, preset) == expected


def test_entity_labels_a_saint_without_an_institution_word_is_left_alone():
    assert labels_rule("St Peter's in Rome was crowded.", [("St Peter", "PERSON")]) == [
        ("St Peter", "PERSON")]
    assert labels_rule("Visitors to St Ebba's said nothing.", [("St Ebba", "ORG")]) == [
        ("St Ebba", "ORG")]


def labels_with_heads(text, preset):
    from pipeline.nlp.entity_data import load_org_heads
    nlp = spacy.blank("en")
    comp = nlp.add_pipe("entity_labels")
    comp.add_foreign_heads(load_org_heads())
    doc = nlp.make_doc(text)
    preset_ents(doc, preset)
    return [(e.text, e.label_) for e in comp(doc).ents]


@pytest.mark.parametrize("text, preset, expected", [
    # a number is no name
    ("Data of up to 310,000 members was taken.", [("310,000", "LOC")], []),
    # an organisation head the model left out
    ("In Manitoba, the Red Fern Valley School Board said it was hit.",
     [("Manitoba", "GPE"), ("Red Fern Valley School", "ORG")],
     [("Manitoba", "GPE"), ("Red Fern Valley School Board", "ORG")]),
    # a department named by a list of common words
    ("It was published by the Department for Culture, Media and Sport on Monday.",
     [("Department for Culture", "ORG")],
     [("Department for Culture, Media and Sport", "ORG")]),
    # a domain name
    ("Czech retailer Nakupovat.cz has told users to reset passwords.", [],
     [("Nakupovat.cz", "ORG")]),
    # a number in brackets glued to the name
    ("The group GhostBrigade21(7) claimed the attack.", [], [("GhostBrigade21(7)", "ORG")]),
    # a sentence-opening company noun
    ("Retailer Corrig Home has admitted the breach.", [("Retailer Corrig Home", "ORG")],
     [("Corrig Home", "ORG")]),
    # an institution of another language read as a place
    ("The Klinikum Nordhafen in Kiel cancelled operations.",
     [("Klinikum Nordhafen", "LOC"), ("Kiel", "GPE")],
     [("Klinikum Nordhafen", "ORG"), ("Kiel", "GPE")]),
    # a hyphenated French place name keeps its particles
    ("The town hall of Villiers-sur-Orne was hit.", [("Villiers", "GPE")],
     [("Villiers-sur-Orne", "GPE")]),
])
def test_entity_labels_names_made_whole_and_numbers_dropped(text, preset, expected):
    assert labels_with_heads(text, preset) == expected


@pytest.mark.parametrize("text, preset", [
    # a list of names after a ministry stays a list
    ("The Ministry of Defence, Google and Apple signed it.",
     [("Ministry of Defence", "ORG"), ("Google", "ORG"), ("Apple", "ORG")]),
    # a head word that starts the next name
    ("The Orwell School Board Games Club met.", [("Orwell School", "ORG")]),
    # names that open with a company noun
    ("Exchange Bank of Sonoma said it.", [("Exchange Bank of Sonoma", "ORG")]),
    ("Bank Leumi said it.", [("Bank Leumi", "ORG")]),
    # an English or settlement head stays a place
    ("They met at Ville Platte.", [("Ville Platte", "GPE")]),
    ("Police Road was closed.", [("Police Road", "LOC")]),
])
def test_entity_labels_span_fixes_leave_lists_and_real_names(text, preset):
    assert labels_with_heads(text, preset) == preset


def test_entity_spans_no_sentence_break_after_an_abbreviated_title():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_sents")
    doc = nlp('"It was never locked," police spokesperson Sgt. Marielle Dufour said. It fell.')
    assert [s.text for s in doc.sents] == [
        '"It was never locked," police spokesperson Sgt. Marielle Dufour said.', "It fell."]


def test_entity_spans_acronym_glued_to_an_acronym_is_no_gazetteer_match():
    from pipeline.nlp import entities
    nlp = entities.add_rules(spacy.blank("en"))
    doc = nlp("The Paris hospitals authority AP-HP said so. HP said it too.")
    assert [(e.text, e.label_) for e in doc.ents if "HP" in e.text] == [("HP", "ORG")]
    assert doc.ents[-1].start_char == doc.text.rindex("HP said")


@pytest.mark.parametrize("text, preset, expected", [
    ("A retired teacher, a 71-year-old man from Kestwick, lost his savings.",
     [("Kestwick", "ORG")], [("Kestwick", "GPE")]),
    # an acronym, an employer after a job noun
    ("An officer from CBI said so.", [("CBI", "ORG")], [("CBI", "ORG")]),
    ("An engineer from Brightwell said so.", [("Brightwell", "ORG")],
     [("Brightwell", "ORG")]),
])
def test_entity_labels_homes_and_communes_are_places(text, preset, expected):
    assert labels_with_heads(text, preset) == expected


@pytest.mark.parametrize("text, preset, expected", [
    # a French hospital cut by the model into a "person" after its head phrase
    ("The Centre Hospitalier de Vaulx-Merlieu was still in degraded mode on Friday.",
     [("Hospitalier de", "PERSON")], [("Centre Hospitalier de Vaulx-Merlieu", "ORG")]),
    # a Spanish agency of which the model kept the head only
    ("The Agencia Andaluza de Protección Civil has been notified.", [("Agencia", "ORG")],
     [("Agencia Andaluza de Protección Civil", "ORG")]),
    # an elided article in the name, no entity at all
    ("Patients of the Hôpital d'Orvillers were moved.", [],
     [("Hôpital d'Orvillers", "ORG")]),
    # a sports club named with its abbreviation
    ("The ticket site of club UD Montaraz-Sur was hacked.", [("Sur", "ORG")],
     [("UD Montaraz-Sur", "ORG")]),
])
def test_entity_spans_names_after_a_head_of_another_language(text, preset, expected):
    assert labels_with_heads(text, preset) == expected


@pytest.mark.parametrize("text, preset", [
    # an English head, and a gazetteer-style name reaching out of the run, stay
    ("Police Road in Vaulx was closed.", [("Police Road", "LOC"), ("Vaulx", "GPE")]),
    # a club abbreviation without a name after it
    ("He played for the UD in 1990.", []),
    # abbreviations that are no club's: an agency before a role and a person, a currency
    ("ASD Director-General Ruth Kenward said the agency responded.",
     [("Ruth Kenward", "PERSON")]),
    ("The thieves took USD Tether tokens.", []),
    ("Files were copied to an SD Memory stick.", []),
])
def test_entity_spans_heads_of_another_language_need_a_name(text, preset):
    assert labels_with_heads(text, preset) == preset


def test_entity_spans_name_after_a_head_ends_at_a_role_word():
    text = "Klinikum Haldern Director Jens Vogt said the hospital was hit."
    assert labels_with_heads(text, [("Jens Vogt", "PERSON")]) == [
        ("Klinikum Haldern", "ORG"), ("Jens Vogt", "PERSON")]


def test_entity_spans_profession_plural_in_a_title_case_line_needs_a_name():
    # a Title-Case subheading: "Gangs Target Contractors" is no partnership
    words = {"gangs": -11.0, "target": -9.0, "why": -8.0}
    text = "Why Phishing Gangs Target Contractors\nThe attackers pick small firms."
    assert labels_with_words(text, [], words) == []
    # a name in a headline still is one; a common word outside a headline too
    assert labels_with_words("Penwarden Quayle Solicitors Hit By Attack", [], words) == [
        ("Penwarden Quayle Solicitors", "ORG")]


def test_entity_spans_club_abbreviation_before_a_common_word_is_no_club():
    # "CD" opens club names ("CD Montaraz"), but "CD Player" is a device
    words = {"player": -9.0, "the": -3.0}
    assert labels_with_words("The files sat on a CD Player.", [], words) == []
    assert labels_with_words("Fans of CD Montaraz were told.", [], words) == [
        ("CD Montaraz", "ORG")]


@pytest.mark.parametrize("text, preset, expected", [
    # names of partnerships with a profession plural, read as a place or a person
    ("She is a partner at Quennell Daubeny Architects in Hove.",
     [("Quennell Daubeny Architects", "LOC"), ("Hove", "GPE")],
     [("Quennell Daubeny Architects", "ORG"), ("Hove", "GPE")]),
    ("Ashcombe Fairley Accountants said files were encrypted.",
     [("Ashcombe Fairley", "PERSON")], [("Ashcombe Fairley Accountants", "ORG")]),
    ("Staff at Penwarden Solicitors worked from home.", [],
     [("Penwarden Solicitors", "ORG")]),
    # a plural trade word of another language before the name
    ("Customers of Pharmacies Vautrelle, a chain of 30 shops, were turned away.", [],
     [("Pharmacies Vautrelle", "ORG")]),
    ('"We are sorry," said Laboratoires Quesnoy chief executive Anne Quesnoy.',
     [("Laboratoires Quesnoy", "PERSON"), ("Anne Quesnoy", "PERSON")],
     [("Laboratoires Quesnoy", "ORG"), ("Anne Quesnoy", "PERSON")]),
])
def test_entity_spans_profession_and_trade_plurals_make_organisations(text, preset, expected):
    assert labels_with_heads(text, preset) == expected


def test_entity_spans_profession_plural_after_an_organisation_is_left_alone():
    # the name before the plural is a gazetteer-style ORG: a description, not a partnership
    text = "Acme Widgets Ltd Engineers went on strike."
    assert labels_with_heads(text, [("Acme Widgets Ltd", "ORG")]) == [
        ("Acme Widgets Ltd", "ORG")]


def labels_with_words(text, preset, words):
    """entity_labels with a tiny word-probability table (``{lower: log-prob}``): which
    lower-case words are frequent English words."""
    from pipeline.nlp import features
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.vocab.lookups.add_table(features.PROB_TABLE, words)
    comp = nlp.add_pipe("entity_labels")
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    preset_ents(doc, preset)
    return [(e.text, e.label_) for e in comp(doc).ents]


_WORDS = {"supporters": -12.0, "owners": -11.0, "energy": -10.0, "rangers": -12.5}


@pytest.mark.parametrize("text, preset, expected", [
    # initials alone, a field noun, an opening plural people noun, a minister's portfolio
    ("The co-founder posted on X.", [("X.", "PERSON")], []),
    ("Cybersecurity company Glasmoor Networks said so.",
     [("Cybersecurity", "ORG"), ("Glasmoor Networks", "ORG")], [("Glasmoor Networks", "ORG")]),
    ("It was shut. Supporters' group Peña Roja asked why.",
     [("Supporters", "ORG"), ("Peña Roja", "ORG")], [("Peña Roja", "ORG")]),
    ("It was fixed. Owners will receive an update.", [("Owners", "PERSON")], []),
    ("Ghana's Minister for Energy confirmed it.", [("Ghana", "GPE"), ("Energy", "ORG")],
     [("Ghana", "GPE")]),
])
def test_entity_spans_common_nouns_are_no_names(text, preset, expected):
    assert labels_with_words(text, preset, _WORDS) == expected


@pytest.mark.parametrize("text, preset", [
    # a person's initials with a name, an unknown word, a plural inside a sentence
    ("J.R. Hartley said so.", [("J.R. Hartley", "PERSON")]),
    ("It rained. Quorvers said it would pay.", [("Quorvers", "ORG")]),
    ("The club said the Supporters were angry.", [("Supporters", "ORG")]),
    ("The Minister for Brexit Opportunities spoke.", [("Brexit Opportunities", "ORG")]),
])
def test_entity_spans_common_nouns_leave_names(text, preset):
    assert labels_with_words(text, preset, _WORDS) == preset


@pytest.mark.parametrize("text, preset, expected", [
    # a hyphenated place name with a particle that the model left out
    ("Residents in Aberwen-on-Teifi were told to wait.", [], [("Aberwen-on-Teifi", "GPE")]),
    ("The towns of Saint-Josse-ten-Moer and Evermoor were hit.", [("Evermoor", "GPE")],
     [("Saint-Josse-ten-Moer", "GPE"), ("Evermoor", "GPE")]),
    # a one-word "person" among places in a list
    ("The municipalities of Evermoor, Vorselaar and Koekelmoor were hit.",
     [("Evermoor", "GPE"), ("Vorselaar", "GPE"), ("Koekelmoor", "PERSON")],
     [("Evermoor", "GPE"), ("Vorselaar", "GPE"), ("Koekelmoor", "GPE")]),
])
def test_entity_spans_hyphenated_places_and_place_lists(text, preset, expected):
    assert labels_rule(text, preset) == expected


@pytest.mark.parametrize("text, preset", [
    # no particle: a compound of two names; a person beside a person and a place
    ("The Anglo-Saxon tale was told.", []),
    ("Evermoor, Jane Hollis and Koekelmoor met.",
     [("Evermoor", "GPE"), ("Jane Hollis", "PERSON"), ("Koekelmoor", "PERSON")]),
    # the "and" joins another pair: "Hollis and Varga, Evermoor and the US"
    ("Hollis and Varga, Evermoor and the US differ.",
     [("Varga", "PERSON"), ("Evermoor", "GPE"), ("US", "GPE")]),
])
def test_entity_spans_hyphenated_places_and_place_lists_leave_others(text, preset):
    assert labels_rule(text, preset) == preset
