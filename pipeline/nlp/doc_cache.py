"""Per-Doc values that several components read, computed once per Doc.

``doc_text(doc)`` is ``doc.text``: spaCy joins every token's text (and trailing space) on each
access to ``Doc.text``, and ``incident_orgs``, ``affected_services`` and ``quoted_experts`` all
read the text many times. The text is kept in a weak-keyed table, not in ``doc.user_data``: it
goes away with the Doc and is never serialised with it. A Doc's text does not change (the
retokenizer keeps it), so the entry never goes stale.
"""
from __future__ import annotations

import weakref

from spacy.tokens import Doc

_DOC_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    text = _DOC_TEXTS.get(doc)
    if text is None:
        text = _DOC_TEXTS[doc] = doc.text
    return text


__all__ = ["doc_text"]
