"""Helpers shared by the rule-component tests (imported as a plain module: pytest puts
tests/nlp on sys.path)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.organisations import IncidentOrgs  # noqa: F401  (registers the factory)
from pipeline.nlp.services import make_affected_services  # noqa: F401  (registers the factory)
from pipeline.records import Service


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


def orgs_pipeline():
    """A blank English pipeline with a sentencizer and ``incident_orgs``."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("incident_orgs")
    return nlp


def run_orgs(nlp, text, ents=(), title=None, lang="en"):
    """Annotate ``text`` (in language ``lang``) with :func:`orgs_pipeline`'s ``nlp``; ``ents``
    are (surface, label) or (surface, label, hint) and mark every occurrence of the surface."""
    doc = nlp.make_doc(text)
    doc._.title = title
    doc._.language = lang
    doc = nlp.get_pipe("sentencizer")(doc)
    spans = []
    for ent in ents:
        surface, label, hint = (tuple(ent) + ("",))[:3]
        start = 0
        while (i := text.find(surface, start)) >= 0:
            span = doc.char_span(i, i + len(surface))
            assert span is not None, surface
            if not any(span.start < s.end and s.start < span.end for s in spans):
                spans.append(Span(doc, span.start, span.end, label=label, span_id=hint))
            start = i + len(surface)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return nlp.get_pipe("incident_orgs")(doc)


def victims(doc) -> list[str]:
    """The names of the organisations ``incident_orgs`` made victims, in its order."""
    return [o.name for o in doc._.organisations if o.role == "victim"]


def services_pipeline():
    """A blank English pipeline with a sentencizer and ``affected_services``."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("affected_services")
    return nlp


def run_services(nlp, text, language="en") -> dict[str, str]:
    """The services :func:`services_pipeline`'s ``nlp`` finds in ``text`` (in ``language``):
    text -> status, each a :class:`Service` whose offsets give its text."""
    doc = nlp.make_doc(text)
    doc._.language = language
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    for s in doc._.services:
        assert isinstance(s, Service)
        assert text[s.start_char:s.end_char] == s.text
    return {s.text: s.status for s in doc._.services}
