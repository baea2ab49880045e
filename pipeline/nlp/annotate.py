"""The only place a spaCy ``Doc`` becomes an :class:`AnnotatedArticle`."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..records import AnnotatedArticle, Article, IncidentKind
from . import model_version


def _doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.title = article.title
    doc._.language = article.language or "en"
    return doc


def to_record(doc: Doc, article_id: str, version: str) -> AnnotatedArticle:
    """Read the components' extension attributes into a plain record."""
    def items(name: str) -> tuple:
        return tuple(getattr(doc._, name) or ())

    return AnnotatedArticle(
        article_id=article_id,
        kind=IncidentKind(doc._.incident_kind or IncidentKind.NONE.value),
        organisations=items("organisations"),
        attack_types=items("attack_types"),
        services=items("services"),
        compromised_data=items("compromised_data"),
        quotes=items("quotes"),
        threat_actors=items("threat_actors"),
        malware=items("malware"),
        cves=items("cves"),
        model_version=version,
    )


def annotate(articles: Iterable[Article], nlp: Language, *,
             batch_size: int = 32) -> Iterator[AnnotatedArticle]:
    """One record per article, in input order (articles are expected to be ``ok``)."""
    version = model_version(nlp)
    pairs = ((_doc(nlp, a), a.article_id) for a in articles)
    for doc, article_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_record(doc, article_id, version)


__all__ = ["annotate", "to_record"]
