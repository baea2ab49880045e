"""pipeline.nlp.annotate: how the annotate stage runs the pipeline (BLAS threads, thinc ops)."""
from __future__ import annotations

import numpy  # noqa: F401  (loads numpy's BLAS, as the pipeline does)
import pytest
import spacy
from spacy.language import Language
from thinc.api import get_current_ops
from threadpoolctl import threadpool_info, threadpool_limits

import pipeline.nlp.entities as entities
from pipeline.nlp import load_nlp
from pipeline.nlp.annotate import annotate
from pipeline.nlp.extensions import register_extensions
from pipeline.records import Article, ExtractStatus
from pipeline.settings import load_settings


def _blas_threads() -> dict[str, int]:
    return {lib["filepath"]: lib["num_threads"] for lib in threadpool_info()
            if lib["user_api"] == "blas"}


def _article(article_id: str, text: str) -> Article:
    return Article(article_id=article_id, url="", text=text, status=ExtractStatus.OK)


def test_annotate_runs_the_pipeline_on_one_blas_thread_and_restores_the_setting():
    if not _blas_threads():
        pytest.skip("no BLAS library loaded in this process")
    seen: list[dict[str, int]] = []

    @Language.component("test_blas_probe")
    def probe(doc):
        seen.append(_blas_threads())
        return doc

    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("test_blas_probe")
    with threadpool_limits(limits=2, user_api="blas"):   # the caller's own setting
        before = _blas_threads()
        records = list(annotate([_article("a", "Acme was hacked."), _article("b", "Beta.")],
                                nlp, batch_size=1))
        after = _blas_threads()
    assert [(r.article_id, r.error) for r in records] == [("a", None), ("b", None)]
    assert len(seen) == 2 and all(set(threads.values()) == {1} for threads in seen)
    assert set(before.values()) == {2}
    assert {lib: after[lib] for lib in before} == before   # the caller's setting is back


def test_load_nlp_builds_the_entity_model_on_numpy_matrix_products(monkeypatch):
    def tiny_base(settings):   # a trainable thinc model in place of the shipped one
        nlp = spacy.blank("en")
        nlp.add_pipe("tok2vec")
        nlp.initialize()
        return nlp

    monkeypatch.setattr(entities, "load_base", tiny_base)
    nlp = load_nlp(load_settings())
    ops = nlp.get_pipe("tok2vec").model.ops
    assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False
    assert getattr(get_current_ops(), "use_blis", True) is True  # only inside load_nlp


def test_long_texts_end_a_batch_and_every_article_keeps_its_record_in_order():
    # spaCy's entity model holds ~3 KB per character of a batch: a few long pages in one batch
    # could take gigabytes, so a batch also ends at batch_chars characters
    batches: list[int] = []

    @Language.component("test_batch_probe")
    def probe(doc):
        batches[-1] += 1
        return doc

    class CountingBlank:  # a blank pipeline that notes where each nlp.pipe call starts
        def __init__(self):
            self.nlp = spacy.blank("en")
            self.nlp.add_pipe("test_batch_probe")

        def __getattr__(self, name):
            return getattr(self.nlp, name)

        def pipe(self, *args, **kwargs):
            batches.append(0)
            return self.nlp.pipe(*args, **kwargs)

    register_extensions()
    nlp = CountingBlank()
    texts = ["short one.", "x " * 600, "short two.", "short three.", "y " * 700, "z."]
    articles = [_article(f"a{i}", t) for i, t in enumerate(texts)]
    records = list(annotate(articles, nlp, batch_size=4, batch_chars=1000))
    assert [r.article_id for r in records] == [a.article_id for a in articles]
    assert all(r.error is None for r in records)
    # 10 + 1200 chars ends the first batch; then 10 + 12 + 1400; then the last
    assert batches == [2, 3, 1]
    batches.clear()
    list(annotate(articles, nlp, batch_size=4, batch_chars=0))  # 0: by count only
    assert batches == [4, 2]
