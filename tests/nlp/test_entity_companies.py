"""entity_companies: the product test shared by the company rules of ``person_rules``."""
from __future__ import annotations

import pytest
import spacy

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
