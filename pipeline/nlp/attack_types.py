"""spaCy component "attack_type_classifier": attack-type labels + incident kind for a Doc.

Sets ``doc._.attack_types`` (``list[LabelScore]`` above the per-label thresholds, by score,
each with the sentence offsets that support it) and ``doc._.incident_kind`` (a value of
:class:`pipeline.records.IncidentKind`). The scikit-learn model lives in
``models/attack_types`` (``pipeline.classifier.save_model`` / ``load_model``); it is loaded in
``initialize``, in ``from_disk``, or lazily from ``model_dir`` on the first Doc.

Articles in a non-English language (``doc._.language``) that the multilingual cue lexicon
knows (``data/attack_cues_i18n.json``: de, fr, it, es, nl) are labelled from its cues
(:mod:`pipeline.classifier_lexicon`); the lexicon is loaded with the model and written by
``to_disk`` next to it (``lexicon_i18n.json``). ``lexicon_path = ""`` turns it off.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import classifier
from pipeline.classifier_lexicon import CueLexicon, load_lexicon
from pipeline.errors import ModelError
from pipeline.nlp.extensions import register_extensions
from pipeline.records import IncidentKind


@Language.factory(
    "attack_type_classifier",
    requires=["doc.sents", "doc._.organisations"],
    assigns=["doc._.attack_types", "doc._.incident_kind"],
    default_config={
        "model_dir": "models/attack_types",
        "threshold": 0.0,
        "min_score": 0.0,
        "max_evidence": 2,
        "batch_size": 32,
        "lexicon_path": "data/attack_cues_i18n.json",
        "victim_focus": True,
    },
)
def make_attack_type_classifier(nlp: Language, name: str, model_dir: str, threshold: float,
                                min_score: float, max_evidence: int,
                                batch_size: int, lexicon_path: str,
                                victim_focus: bool = True) -> "AttackTypeClassifier":
    """``threshold`` > 0 overrides every per-label threshold of the model; ``min_score`` drops
    labels scoring below it in addition to the model's own thresholds. ``victim_focus``: the
    sentences naming a victim (``doc._.organisations``, role "victim", set by incident_orgs)
    count as reporting the incident when the classifier decides which labels of a long
    article stand (``pipeline.classifier._focus_filter``)."""
    register_extensions()
    return AttackTypeClassifier(nlp, name, model_dir=model_dir, threshold=threshold,
                                min_score=min_score, max_evidence=max_evidence,
                                batch_size=batch_size, lexicon_path=lexicon_path,
                                victim_focus=victim_focus)


LEXICON_FILE = "lexicon_i18n.json"


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``[(s.start_char, s.end_char) for s in doc.sents]``, read from token arrays instead of
    building a Span per sentence (same boundaries: a sentence starts at token 0 and at every
    token with sent_start == 1)."""
    if "sents" in doc.user_hooks or len(doc) == 0:
        return [(s.start_char, s.end_char) for s in doc.sents]
    if not doc.has_annotation("SENT_START"):
        list(doc.sents)  # raises spaCy's own error (E030)
    arr = doc.to_array([IDX, LENGTH, SENT_START]).astype(np.int64)
    idx, length, start = arr[:, 0], arr[:, 1], arr[:, 2]
    starts = [0] + (np.flatnonzero(start[1:] == 1) + 1).tolist()
    ends = starts[1:] + [len(doc)]
    return [(int(idx[s]), int(idx[e - 1] + length[e - 1])) for s, e in zip(starts, ends)]


def victim_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the mentions of the victim organisations (``doc._.organisations``
    with role "victim"); empty when incident_orgs did not run."""
    orgs = getattr(doc._, "organisations", None) or []
    return [(m.start_char, m.end_char) for o in orgs if getattr(o, "role", "") == "victim"
            for m in getattr(o, "mentions", ())]


class AttackTypeClassifier:
    def __init__(self, nlp: Language, name: str = "attack_type_classifier", *,
                 model_dir: str = "models/attack_types", threshold: float = 0.0,
                 min_score: float = 0.0, max_evidence: int = 2, batch_size: int = 32,
                 lexicon_path: str = "data/attack_cues_i18n.json", victim_focus: bool = True):
        self.nlp = nlp
        self.victim_focus = bool(victim_focus)
        self.name = name
        self.model_dir = model_dir
        self.threshold = float(threshold)
        self.min_score = float(min_score)
        self.max_evidence = int(max_evidence)
        self.batch_size = int(batch_size)
        self.lexicon_path = lexicon_path
        self.model: classifier.AttackTypeModel | None = None
        self.lexicon: CueLexicon | None = None

    # -- model loading ------------------------------------------------------------------
    def _resolve(self, model_dir: str | Path) -> Path:
        path = Path(model_dir)
        if not path.is_absolute() and not path.exists():
            repo_path = classifier.REPO_DIR / path
            if repo_path.exists():
                return repo_path
        return path

    def _set_model(self, model: classifier.AttackTypeModel) -> None:
        if self.threshold > 0:
            model.thresholds = {**{l: self.threshold for l in model.labels},
                                classifier.INCIDENT_COL:
                                    model.thresholds.get(classifier.INCIDENT_COL, 0.5)}
        self.model = model

    def load(self, model_dir: str | Path | None = None) -> "AttackTypeClassifier":
        self._set_model(classifier.load_model(self._resolve(model_dir or self.model_dir)))
        self._ensure_lexicon()
        return self

    def _ensure_lexicon(self) -> None:
        if self.lexicon is None and self.lexicon_path:
            self.lexicon = load_lexicon(self._resolve(self.lexicon_path))

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None, model_dir: str | None = None) -> None:
        self.load(model_dir)

    def _ensure(self) -> classifier.AttackTypeModel:
        if self.model is None:
            self.load()
        assert self.model is not None
        return self.model

    # -- processing ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                self._annotate(batch)
                yield from batch
                batch = []
        if batch:
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        model = self._ensure()
        self._ensure_lexicon()
        # Doc.text joins every token's text on each access: read it once per Doc
        texts = [d.text for d in docs]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        for d in docs:
            d._.attack_types = []
            d._.incident_kind = IncidentKind.NONE.value
        if not todo:
            return
        sentences = [sentence_spans(docs[i]) for i in todo]
        todo_texts = [texts[i] for i in todo]
        todo = [docs[i] for i in todo]
        results = classifier.classify(model, todo_texts, sentences=sentences,
                                      max_evidence=self.max_evidence,
                                      languages=[d._.language for d in todo],
                                      titles=[d._.title for d in todo], lexicon=self.lexicon,
                                      focus_spans=[victim_spans(d) for d in todo]
                                      if self.victim_focus else None)
        for doc, res in zip(todo, results):
            doc._.attack_types = [ls for ls in res.labels if ls.score >= self.min_score]
            doc._.incident_kind = res.kind.value

    # -- serialisation ------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        model = self._ensure()
        classifier.save_model(model, Path(path))
        if self.lexicon is not None:
            (Path(path) / LEXICON_FILE).write_text(self.lexicon.to_json(), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "AttackTypeClassifier":
        path = Path(path)
        if (path / classifier.META_FILE).is_file():
            self._set_model(classifier.load_model(path))
            if (path / LEXICON_FILE).is_file():
                self.lexicon = load_lexicon(path / LEXICON_FILE)
        else:
            raise ModelError(f"no attack-type model in {path}: run `incidents retrain`")
        return self


__all__ = ["AttackTypeClassifier", "make_attack_type_classifier"]
