"""entity_labels: the last span fixes, on invented texts with preset entities."""
from __future__ import annotations

import pytest
import spacy


def labels_rule(text, preset):
    nlp = spacy.blank("en")
    comp = nlp.add_pipe("entity_labels")
    doc = nlp.make_doc(text)
    spans, pos = [], 0
    for sub, label in preset:
        start = text.index(sub, pos)
        pos = start + len(sub)
        spans.append(doc.char_span(start, pos, label=label))
    doc.ents = spans
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
