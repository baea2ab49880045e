"""The only place a spaCy ``Doc`` becomes an :class:`AnnotatedArticle`."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

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


def _failed(nlp: Language, doc: Doc, article_id: str, version: str) -> AnnotatedArticle | None:
    """Run the pipeline on one Doc, component by component; a record naming the component
    that raised, or None when none did (the Doc is then annotated)."""
    for name, proc in nlp.pipeline:
        try:
            doc = proc(doc)
        except Exception as exc:  # noqa: BLE001 - any bug in a component is this item's error
            msg = f"{name}: {type(exc).__name__}: {exc}"
            return AnnotatedArticle(article_id=article_id, model_version=version,
                                    error=msg[:500])
    return None


def annotate(articles: Iterable[Article], nlp: Language, *,
             batch_size: int = 32) -> Iterator[AnnotatedArticle]:
    """One record per article, in input order (articles are expected to be ``ok``).

    A component that raises on an article does not stop the batch: that article's record
    carries ``error`` (which component, which exception) and empty fields; the others are
    annotated as usual."""
    version = model_version(nlp)
    batch_size = max(1, batch_size)
    pending = iter(articles)
    while chunk := list(islice(pending, batch_size)):
        pairs = [(_doc(nlp, a), a.article_id) for a in chunk]
        try:
            done = list(nlp.pipe(pairs, as_tuples=True, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - find the article(s) at fault, one at a time
            for article in chunk:
                doc = _doc(nlp, article)
                failed = _failed(nlp, doc, article.article_id, version)
                yield failed or to_record(doc, article.article_id, version)
            continue
        for doc, article_id in done:
            yield to_record(doc, article_id, version)


__all__ = ["annotate", "to_record"]
