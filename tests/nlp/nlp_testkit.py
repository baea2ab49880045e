"""Helpers shared by the rule-component tests (imported as a plain module: pytest puts
tests/nlp on sys.path)."""
from __future__ import annotations

from spacy.tokens import Doc


def preset_ents(doc: Doc, preset) -> Doc:
    """Give ``doc`` the entities ``(substring, label)``, found in text order — the entities a
    statistical NER left before the rule under test runs."""
    spans, pos = [], 0
    for sub, label in preset:
        start = doc.text.index(sub, pos)
        pos = start + len(sub)
        span = doc.char_span(start, pos, label=label)
        assert span is not None, sub   # the substring must fall on token boundaries
        spans.append(span)
    doc.ents = spans
    return doc
