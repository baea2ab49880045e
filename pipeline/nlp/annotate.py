"""The only place a spaCy ``Doc`` becomes an :class:`AnnotatedArticle`."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from ..records import AnnotatedArticle, Article, IncidentKind
from . import model_version


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The BLAS libraries loaded in this process (numpy's OpenBLAS does the entity model's
    matrix products, see ``load_nlp``)."""
    return ThreadpoolController()


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


def _error(article_id: str, version: str, stage: str, exc: Exception) -> AnnotatedArticle:
    msg = f"{stage}: {type(exc).__name__}: {exc}"
    return AnnotatedArticle(article_id=article_id, model_version=version, error=msg[:500])


def _alone(nlp: Language, article: Article, version: str) -> AnnotatedArticle:
    """One article through the pipeline, component by component (each the way ``nlp.pipe``
    calls it): its record, or a record naming the component that raised."""
    try:
        doc = _doc(nlp, article)
    except Exception as exc:  # noqa: BLE001 - e.g. a text longer than nlp.max_length
        return _error(article.article_id, version, "tokenizer", exc)
    for name, proc in nlp.pipeline:
        try:
            doc = next(iter(proc.pipe([doc]))) if hasattr(proc, "pipe") else proc(doc)
        except Exception as exc:  # noqa: BLE001 - any bug in a component is this item's error
            return _error(article.article_id, version, name, exc)
    return to_record(doc, article.article_id, version)


def _batches(articles: Iterable[Article], size: int, chars: int) -> Iterator[list[Article]]:
    """Consecutive batches of at most ``size`` articles that end once their texts reach
    ``chars`` characters (a batch holds at least one article; ``chars`` <= 0: no limit)."""
    batch: list[Article] = []
    total = 0
    for article in articles:
        batch.append(article)
        total += len(article.text or "")
        if len(batch) >= size or (chars > 0 and total >= chars):
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def annotate(articles: Iterable[Article], nlp: Language, *, batch_size: int = 32,
             batch_chars: int = 200_000) -> Iterator[AnnotatedArticle]:
    """One record per article, in input order (articles are expected to be ``ok``).
    Articles go through spaCy in batches of ``batch_size`` that also end at ``batch_chars``
    characters of text: the entity model's memory grows with the characters of a batch.

    A text the tokenizer refuses (longer than ``nlp.max_length``) or a component that raises
    on an article does not stop the batch: that article's record carries ``error`` (which
    stage, which exception) and empty fields; the others are annotated as usual."""
    version = model_version(nlp)
    batch_size = max(1, batch_size)
    for chunk in _batches(articles, batch_size, batch_chars):
        records: list[AnnotatedArticle | None] = [None] * len(chunk)
        pairs = []
        for k, article in enumerate(chunk):
            try:
                pairs.append((_doc(nlp, article), k))
            except Exception as exc:  # noqa: BLE001 - this article only
                records[k] = _error(article.article_id, version, "tokenizer", exc)
        # one BLAS thread: a batch's matrices are too small for more to pay; extra threads
        # mostly wait, and burn the CPU time that other processes (or workers) could use
        with _blas().limit(limits=1, user_api="blas"):
            try:
                for doc, k in nlp.pipe(pairs, as_tuples=True, batch_size=len(chunk)):
                    records[k] = to_record(doc, chunk[k].article_id, version)
            except Exception:  # noqa: BLE001 - find the article(s) at fault, one at a time
                for _, k in pairs:  # (a Doc nlp.pipe gave back went through every component)
                    if records[k] is None:
                        records[k] = _alone(nlp, chunk[k], version)
        yield from records


__all__ = ["annotate", "to_record"]
