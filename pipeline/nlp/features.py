"""``brown_feats``: word-cluster features for our own NER model.

The component writes, for every token, the Brown-cluster id of the word into ``token.lemma_``
(``"c806"``; ``"c-"`` when unknown) and a bucket of its unigram log-probability into
``token.tag_`` (``"p10"``; ``"p-"`` when unknown). The NER's ``MultiHashEmbed`` hashes LEMMA and
TAG next to NORM/PREFIX/SUFFIX/SHAPE, so the model sees distributional knowledge about words it
never saw in its gold training data. It is listed in ``[training] annotating_components`` and
must come before ``tok2vec`` — our pipeline has no lemmatizer or tagger, so nothing else uses
these attributes.

The two tables come from Explosion's ``spacy-lookups-data`` package (MIT; Brown clusters and
log-probabilities for 1 M English word types). :meth:`BrownFeatures.initialize` keeps the
``max_words`` most frequent words and stores them in ``nlp.vocab.lookups``, so they are saved
with the model (``vocab/lookups.bin``) and ``spacy-lookups-data`` is needed only for training.

Importing this module registers the factory; ``spacy.load("models/nlp")`` needs that import.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

CLUSTER_TABLE = "lexeme_cluster"
PROB_TABLE = "lexeme_prob"
UNKNOWN_CLUSTER = "c-"
UNKNOWN_PROB = "p-"


def _lookups_data_dir() -> Path:
    try:
        import spacy_lookups_data
    except ImportError:  # pragma: no cover - training-only dependency
        raise ImportError("brown_feats.initialize needs the training extra: "
                          "pip install 'spacy-lookups-data==1.0.5' (or pip install -e '.[train]')"
                          ) from None
    return Path(spacy_lookups_data.__file__).parent / "data"


def _read_gz_json(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def prob_bucket(logprob: float | None, n_buckets: int) -> str:
    if logprob is None:
        return UNKNOWN_PROB
    return f"p{min(int(-logprob), n_buckets - 1)}"


class BrownFeatures:
    """Writes cluster ids into ``token.lemma_`` and log-prob buckets into ``token.tag_``."""

    def __init__(self, nlp: Language, name: str = "brown_feats", *, n_buckets: int = 20):
        self.vocab = nlp.vocab
        self.name = name
        self.n_buckets = n_buckets
        self._tables: tuple | None = None
        self._cache: dict[int, tuple[int, int]] = {}  # orth id -> (lemma id, tag id)

    def _get_tables(self):
        if self._tables is None:
            lookups = self.vocab.lookups
            if not (lookups.has_table(CLUSTER_TABLE) and lookups.has_table(PROB_TABLE)):
                raise ValueError("brown_feats has no tables: run nlp.initialize() with "
                                 "spacy-lookups-data installed, or load a trained model")
            self._tables = (lookups.get_table(CLUSTER_TABLE), lookups.get_table(PROB_TABLE))
        return self._tables

    def _features(self, text: str, lower: str) -> tuple[int, int]:
        clusters, probs = self._get_tables()
        c = clusters.get(text)
        if c is None:
            c = clusters.get(lower)
        p = probs.get(text)
        if p is None:
            p = probs.get(lower)
        strings = self.vocab.strings
        return (strings.add(f"c{c}" if c is not None else UNKNOWN_CLUSTER),
                strings.add(prob_bucket(p, self.n_buckets)))

    def __call__(self, doc: Doc) -> Doc:
        cache = self._cache
        if len(cache) > 500_000:
            cache.clear()
        for tok in doc:
            feats = cache.get(tok.orth)
            if feats is None:
                feats = cache[tok.orth] = self._features(tok.text, tok.lower_)
            tok.lemma, tok.tag = feats
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128):
        for doc in stream:
            yield self(doc)

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   max_words: int = 250_000, data_dir: str | None = None) -> None:
        """Load the most frequent ``max_words`` words' clusters and log-probs into the vocab."""
        base = Path(data_dir) if data_dir else _lookups_data_dir()
        probs = _read_gz_json(base / "en_lexeme_prob.json.gz")
        clusters = _read_gz_json(base / "en_lexeme_cluster.json.gz")
        keep = sorted(probs, key=probs.get, reverse=True)[:max_words]
        lookups = self.vocab.lookups
        for table in (CLUSTER_TABLE, PROB_TABLE):
            if lookups.has_table(table):
                lookups.remove_table(table)
        ct = lookups.add_table(CLUSTER_TABLE)
        pt = lookups.add_table(PROB_TABLE)
        for w in keep:
            pt[w] = round(float(probs[w]), 2)
            c = clusters.get(w)
            if c:  # 0 means "no cluster" in the source table
                ct[w] = int(c)
        self._tables = None
        self._cache.clear()


@Language.factory("brown_feats", assigns=["token.lemma", "token.tag"],
                  default_config={"n_buckets": 20})
def make_brown_feats(nlp: Language, name: str, n_buckets: int) -> BrownFeatures:
    return BrownFeatures(nlp, name, n_buckets=n_buckets)


__all__ = ["BrownFeatures", "make_brown_feats", "prob_bucket"]
