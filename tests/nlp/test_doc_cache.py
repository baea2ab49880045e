import gc
import weakref

import spacy

from pipeline.nlp import doc_cache


def test_doc_text_is_the_doc_text_built_once_and_dropped_with_the_doc():
    nlp = spacy.blank("en")
    doc = nlp("Acme Corp said it was hit by ransomware.  Twice.")
    first = doc_cache.doc_text(doc)
    assert first == doc.text
    assert doc_cache.doc_text(doc) is first  # not joined again from the tokens
    other = nlp("Another article.")
    assert doc_cache.doc_text(other) == "Another article."  # one entry per Doc
    assert "incident_orgs.text" not in doc.user_data and not doc.user_data  # nothing serialised
    n = len(doc_cache._DOC_TEXTS)
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    # the entry goes with its Doc (other tests' Docs may be collected at the same moment)
    assert gone() is None and len(doc_cache._DOC_TEXTS) <= n - 1
    assert doc_cache.doc_text(other) == "Another article."
