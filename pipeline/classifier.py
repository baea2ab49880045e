"""Attack-type classifier: text -> multi-label attack types (data/taxonomy.json) + incident kind.

One scikit-learn ``Pipeline`` runs from raw text to per-label calibrated probabilities:

    FeatureUnion(word TF-IDF 1-2 grams, char_wb TF-IDF 2-5 grams, keyword-cue counts)
      -> CalibratedLinearOVR (one LogisticRegression per label, Platt-calibrated on
         out-of-fold decision values; the same out-of-fold probabilities tune per-label
         thresholds)

Besides the taxonomy labels the classifier learns one extra column, ``__incident__`` (the text
reports a cyber incident). The incident kind (:class:`IncidentKind`) is decided from it and
from the labels: incident labels -> INCIDENT, only ``vulnerability_disclosure`` -> VULNERABILITY,
nothing -> NONE. ``other_unknown`` is never learned directly: it is given to an incident with
no other incident label.

Public verbs: :func:`build_pipeline`, :func:`train`, :func:`evaluate`, :func:`predict`,
:func:`classify`, :func:`save_model`, :func:`load_model`, :func:`load_examples`; the retrain
workflow and quality gate (:func:`retrain`, :func:`cross_validate`, :func:`suggest_labels`,
:class:`TrainReport`) live in :mod:`pipeline.classifier_retrain` and are importable from here.

Loading labelled data (taxonomy, examples, VCDB, training data, evaluation sets) lives in
:mod:`pipeline.classifier_data`; its public names are re-exported here.

Training data (licences allow it): the team-written examples in ``data/labels/*.jsonl`` and
VCDB summaries (CC BY-SA 4.0, "VERIS Community Database (VCDB), Verizon RISK Team"), read from
``../shared/corpora/vcdb/dev.jsonl`` at training time (never committed; its sha256 is in the
model card). CASIE, THN and Hackmageddon are evaluation-only.
"""
from __future__ import annotations

import hashlib
import json
import math
import platform
import re
import subprocess
import warnings
import weakref
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from pipeline.classifier_data import (
    DATA_PARAMS, DEFAULT_VCDB_PATH, LABELS_DIR, REPO_DIR, SHARED_CORPORA, TAXONOMY_PATH,
    UNKNOWN_LABEL, VCDB_CREDIT, VULN_LABEL, Example, casie_eval_set, example_kind, file_sha256,
    gather_training_data, gold_eval_set, hackmageddon_eval_set, load_examples, load_taxonomy,
    load_vcdb, shared_eval_sets, shipped_data_files, taxonomy_labels, vcdb_labels,
)
from pipeline.errors import ConfigError, InputError, ModelError
from pipeline.classifier_rules import (
    _DENIABLE, _EXPLOIT_DENIAL_RE, _exploitation_rows, account_taken_rows, attack_on_systems,
    denial_rows, money_taken_headline, money_taken_rows, other_malware_named, possibility_rows,
    ransomware_actor_rows, ransomware_denied_rows, skimming_code_rows,
    supplier_rows, title_tells_intrusion, unsupported_rows,
)
from pipeline.sentences import split_sentences
from pipeline.classifier_gate import (
    ASSET_MIN_CHARS, ATTACK_TITLE, CHECK_MIN_CHARS, everyday_sense_only, genre_title, names_cyber_terms,
    negated_cyber_cause, reports_cyber_event, tells_asset_event,
)
from pipeline.records import IncidentKind, LabelScore

DEFAULT_MODEL_DIR = REPO_DIR / "models" / "attack_types"
INCIDENT_COL = "__incident__"
MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
CARD_FILE = "MODEL_CARD.md"

DEFAULT_PARAMS: dict[str, Any] = {
    "word_ngram_max": 2,
    "word_min_df": 2,
    "word_max_features": 50_000,
    "char_ngram_min": 3,
    "char_ngram_max": 5,
    "char_max_features": 0,         # 0: no char n-grams (slow, and they fit the source style)
    "max_chars": 6000,          # long articles: the lead of the text carries the story
    "C": 2.0,
    "class_weight": "balanced",
    "cv": 3,                    # internal folds for calibration + threshold tuning
    "threshold_on": "news",     # "news": tune on non-VCDB out-of-fold rows; "all"
    "threshold_min": 0.25,
    "threshold_max": 0.75,
    # how a label's threshold is picked from its F1 curve over the grid threshold_min ..
    # threshold_max (step 0.025; see select_threshold): "plateau" = the centre of the plateau
    # of the F1 curve smoothed over +-threshold_window grid steps, within threshold_tol of its
    # best (steadier between retrains: see scripts/threshold_stability.py; the shipped
    # model's rule); "best" = the raw argmax (the rule of earlier models: on the
    # flat curves of the out-of-fold rows it jumps, e.g. ransomware 0.275 <-> 0.4, when a
    # few examples are added)
    "threshold_select": "plateau",
    "threshold_window": 2,
    "threshold_tol": 0.005,
    "seed": 0,
    "cue_weight": 1.0,          # cue features are scaled up so the regulariser lets them count
    "augment": 5000,            # pseudo-articles composed from snippets (see augment())
    "augment_draw": "stable",   # how they are drawn (see augment(); "stream" = earlier models)
    # bagging: average the linear models fitted on this many pseudo-article draws (seeds
    # seed .. seed+bags-1; see CalibratedLinearOVR). One linear model per label all the same,
    # so prediction costs what a single fit costs; training costs bags x. 1 = one draw.
    "bags": 3,
    # data weights and VCDB caps (defaults in classifier_data.DATA_PARAMS)
    "vcdb_weight": DATA_PARAMS["vcdb_weight"],
    "team_weight": DATA_PARAMS["team_weight"],
    "user_weight": DATA_PARAMS["user_weight"],
    "vcdb_max": DATA_PARAMS["vcdb_max"],
    "vcdb_group_cap": DATA_PARAMS["vcdb_group_cap"],
    "incident_threshold": 0.5,  # p(__incident__) for an incident with no specific label
    "none_veto": 0.2,           # below this p(__incident__) weak labels are dropped -> NONE
    "strong_label": 0.85,       # ... unless a label is at least this sure
    # ... or it is vulnerability_exploitation at p >= this in an advisory (vulnerability_
    # disclosure fired): "a flaw ... is being exploited in the wild" stays an advisory that
    # reports exploitation, unless a sentence denies it (1.01 = off)
    "advisory_exploitation_p": 0.5,
    "cue_gate_chars": 600,      # texts this long need a cue match for a label (0: off)
    "cue_ensemble": True,       # per label: keyword cues may lower the bar (see _tune_label)
    "cue_alpha_grid": (0.75, 0.5, 0.25, 0.0),
    "keyword_long_chars": 600,  # the keyword rule: >= 1 cue match below this length, else >= 2
    # focus rule (texts >= focus_chars; see _focus_filter): a label must be supported in the
    # title, in the focus_lead sentences from where the article first reports an attack, in a
    # sentence naming the victim, or in >= focus_repeat sentences. focus_lead 0 = off.
    "focus_chars": 600,
    "focus_lead": 3,
    "focus_repeat": 3,
    "focus_min_p": 0.5,         # a sentence supports a label at p >= max(threshold, this)
    "focus_cue_p": 0.3,         # ... or, in the lead, by a cue match at p >= this
    "focus_relative": 0.7,      # and its whole-text p must reach this x the top label's p
    # labels with a "requires" list in the taxonomy (account_takeover: accounts, credentials,
    # keys, logins ...) stand only when the text names one of them or p >= strong_label
    "use_requires": True,
    # a label whose whole-text p reaches focus_doc_p needs no anchor sentence: the article is
    # about it as a whole, even when no single sentence is sure of it (a scam story told over
    # many short sentences). Not data_breach: VCDB, which sets its breach flag on 73% of its
    # summaries, makes whole-text data_breach p high on most incident reports (see
    # label_pos_weight), so there it is no sign of the article's theme. 1.01 = off.
    "focus_doc_p": 0.95,
    "focus_doc_p_skip": ("data_breach",),
    # labels whose supporting sentences must name one of their cues, unless the sentence's p
    # reaches focus_nocue_p. Off: for data_breach it raised THN precision (0.41 -> 0.52) but cost
    # CASIE data_breach recall (F1 0.70 -> 0.61), whose breaches are often told in other words.
    "focus_cue_labels": (),
    "focus_nocue_p": 1.01,
    # label-specific reweighting: {label: {source: factor}} multiplies, in that label's column
    # only, the weight of the rows from that source that are positive for it (e.g. VCDB's
    # breach-heavy summaries for data_breach); empty = off. Sources: "vcdb", "augmented",
    # or a data file's name. data_breach: VCDB's "data disclosure" flag is set on 73% of its
    # summaries, which taught the model "incident => data breach" (THN precision 0.41); half
    # weight on those positives raises it (THN 0.45, gold records P 0.79 -> 0.81) at a cost in
    # recall on CASIE, which labels every passing mention of a breach.
    "label_pos_weight": {"data_breach": {"vcdb": 0.5}},
}


# --------------------------------------------------------------------------- fast cue matching
# Python's ``re`` tries every alternative of a cue pattern at every position. ``fast``
# (pipeline.regex_prefix) tries the pattern only where one of its literal anchors occurs, or
# behind a lookahead for the characters a match can start with: the same matches, found
# without trying every position.
from pipeline.regex_prefix import (  # noqa: E402
    fast, first_chars as _first_chars, sre_c as _re_consts, sre_p as _re_parser,
)

_REPEATS = tuple(r for r in (_re_consts.MAX_REPEAT, _re_consts.MIN_REPEAT,
                             getattr(_re_consts, "POSSESSIVE_REPEAT", None)) if r is not None)


def _req_seq(items) -> set[str] | None:
    """Strings one of which every match of the parsed sequence ``items`` contains (None:
    unknown). Candidates: runs of literals, non-optional groups, branches whose every
    alternative has such strings, repeats of at least one; the best has the longest
    shortest string."""
    cands: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _re_consts.LITERAL:
            run.append(chr(av))
            continue
        if run:
            cands.append({"".join(run)})
            run = []
        found = None
        if op is _re_consts.SUBPATTERN:
            _group, add, rm, p = av
            if not (add or rm):
                found = _req_seq(p.data)
        elif op is _re_consts.BRANCH:
            parts = [_req_seq(p.data) for p in av[1]]
            if all(parts):
                found = set().union(*parts)
        elif op in _REPEATS and av[0] >= 1:
            found = _req_seq(av[2].data)
        if found:
            cands.append(found)
    if run:
        cands.append({"".join(run)})
    if not cands:
        return None
    return max(cands, key=lambda c: (min(map(len, c)), -len(c)))


_REQUIRED: dict[tuple[str, int], tuple[str, ...] | None] = {}


def required_strings(pat: "re.Pattern[str]") -> tuple[str, ...] | None:
    """Strings one of which every match of ``pat`` contains (a text containing none of them
    has no match), or None when unknown (flags, unparsable, or a string shorter than 2)."""
    key = (pat.pattern, pat.flags)
    if key not in _REQUIRED:
        out = None
        flags = pat.flags & ~re.UNICODE
        if not flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE):
            try:
                parsed = _re_parser.parse(pat.pattern, flags)
                req = None if parsed.state.flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE) \
                    else _req_seq(parsed.data)
            except Exception:  # noqa: BLE001 - unknown construct: no pre-check
                req = None
            if req and min(map(len, req)) >= 2:
                # a string containing another one of the set adds nothing to the test
                out = tuple(sorted(r for r in req if not any(o != r and o in r for o in req)))
        _REQUIRED[key] = out
    return _REQUIRED[key]


# texts up to this length test the required strings before running a cue pattern (longer
# texts contain one of them nearly always: the test would only add time)
_PRECHECK_CHARS = 1500

# --------------------------------------------------------------------------- estimators

_CUE_CACHE: dict[tuple[str, str], list[list[int]]] = {}
_CUE_CACHE_CHARS = [0]            # characters of text held as keys
_CUE_CACHE_MAX_CHARS = 20_000_000
_CUE_LOG = [min(1.0, math.log1p(c) / math.log1p(8)) for c in range(64)]


def _cue_log(c: int) -> float:
    """``min(1, log1p(c) / log1p(8))``, the count feature of :class:`CueFeatures`."""
    return _CUE_LOG[c] if c < 64 else min(1.0, math.log1p(c) / math.log1p(8))


class CueFeatures(TransformerMixin, BaseEstimator):
    """Counts of each label's keyword cues (regexes from the taxonomy), as dense features.

    Per label: log1p(count) scaled to [0, 1] (saturates at 8 matches), count present,
    present in the lead (first ``lead_chars``
    characters). Robust across text lengths and sources, unlike raw n-grams.
    """

    def __init__(self, cues: Mapping[str, Sequence[str]] | None = None, lead_chars: int = 500):
        self.cues = cues
        self.lead_chars = lead_chars

    def fit(self, X, y=None):
        cues = self.cues if self.cues is not None else {
            k: v["cues"] for k, v in load_taxonomy()["labels"].items()}
        self.labels_ = list(cues)
        # texts are lower-cased once; case-insensitive matching in `re` is much slower
        self.patterns_ = [re.compile("|".join(f"(?:{c})" for c in cues[l]))
                          if cues[l] else None for l in self.labels_]
        self.cue_key_ = hashlib.sha256(json.dumps(cues, sort_keys=True).encode()).hexdigest()
        return self

    def _key(self) -> str:
        if not hasattr(self, "cue_key_"):
            self.cue_key_ = hashlib.sha256(repr([p.pattern if p else None for p in
                                                 self.patterns_]).encode()).hexdigest()
        return self.cue_key_

    def cached(self, text: str) -> bool:
        """Whether :meth:`matches` of ``text`` is memoised."""
        return (self._key(), text) in _CUE_CACHE

    def matches(self, text: str) -> list[list[int]]:
        """Start offsets of each label's cue matches in ``text`` (memoised per process:
        cross-validation and evidence scoring see the same texts many times)."""
        key = (self._key(), text)
        hit = _CUE_CACHE.get(key)
        if hit is None:
            low = text.lower()
            short = len(low) <= _PRECHECK_CHARS
            hit = []
            for p in self.patterns_:
                if p is None:
                    hit.append([])
                    continue
                req = required_strings(p) if short else None
                if req is not None and not any(r in low for r in req):
                    hit.append([])  # no string every match needs: no match
                    continue
                hit.append([m.start() for m in fast(p).finditer(low)])
            if len(_CUE_CACHE) > 50_000 or _CUE_CACHE_CHARS[0] > _CUE_CACHE_MAX_CHARS:
                _CUE_CACHE.clear()   # bounded in entries and in the text it holds
                _CUE_CACHE_CHARS[0] = 0
            _CUE_CACHE[key] = hit
            _CUE_CACHE_CHARS[0] += len(text)
        return hit


    def transform(self, X):
        rows = []
        lead_chars = self.lead_chars
        for text in X:
            feats = []
            for starts in self.matches(text):
                c = len(starts)
                if c:  # finditer starts ascend: the first match is the earliest
                    feats += [_cue_log(c), 1.0, 1.0 if starts[0] < lead_chars else 0.0]
                else:
                    feats += [0.0, 0.0, 0.0]
            rows.append(feats)
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), -1))

    def get_feature_names_out(self, input_features=None):
        return np.array([f"cue_{l}_{s}" for l in self.labels_ for s in ("log", "any", "lead")])


class _Truncate(TransformerMixin, BaseEstimator):
    def __init__(self, max_chars: int = 6000):
        self.max_chars = max_chars

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return [str(t)[: self.max_chars] if self.max_chars else str(t) for t in X]


def _sigmoid_fit(scores: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Platt scaling: logistic regression of y on the decision value."""
    if len(set(y.tolist())) < 2:
        return 0.0, 0.0
    lr = LogisticRegression(C=1e4, max_iter=1000)
    lr.fit(scores.reshape(-1, 1), y, sample_weight=w)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


class CalibratedLinearOVR(ClassifierMixin, BaseEstimator):
    """One-vs-rest LogisticRegression per output column with Platt calibration learned on
    out-of-fold decision values; keeps those out-of-fold probabilities (``oof_proba_``).

    Bagging (``n_bags`` > 1, rows tagged by ``bags`` in :meth:`fit`): rows with bag -1 are
    shared (the real examples), rows with bag k belong to draw k only (pseudo-articles of
    draw k, see :func:`augment`). Per column, one LogisticRegression is fitted per draw on the
    shared rows + that draw's rows, and the column's model is their average: the mean of the
    coefficients and intercepts (one linear model, so prediction costs what one fit costs).
    The out-of-fold decision values are those of the same average, fitted per fold, on every
    row; Platt scaling is fitted on them with each draw's rows at 1/n_bags weight."""

    def __init__(self, C: float = 4.0, class_weight: str | None = "balanced", cv: int = 4,
                 seed: int = 0, max_iter: int = 2000, n_bags: int = 1):
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.seed = seed
        self.max_iter = max_iter
        self.n_bags = n_bags

    def _lr(self):
        return LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                  dual=True, max_iter=self.max_iter, random_state=self.seed)

    def fit(self, X, Y, sample_weight=None, groups=None, bags=None):
        """``sample_weight``: one weight per row, or an (n, k) array of per-column weights
        (label-specific reweighting, see ``label_pos_weight`` in :data:`DEFAULT_PARAMS`).
        ``bags``: per row, -1 (shared) or the draw 0 .. n_bags-1 it belongs to (bagging)."""
        Y = np.asarray(Y, dtype=int)
        n, k = Y.shape
        w_all = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        n_bags = int(getattr(self, "n_bags", 1) or 1)
        if bags is None or n_bags == 1:   # one fit: every row shared
            bags, n_bags = np.full(n, -1), 1
        return self._fit_bagged(X, Y, w_all, groups, np.asarray(bags, dtype=int), n_bags)

    def _fit_bagged(self, X, Y, w_all, groups, bags, n_bags):
        n, k = Y.shape
        if bags.shape != (n,) or bags.min() < -1 or bags.max() >= n_bags:
            raise ConfigError(f"bags must tag each of the {n} rows with -1 .. {n_bags - 1}")
        self.classes_ = np.arange(k)
        self.estimators_ = []
        self.platt_ = []
        self.oof_proba_ = np.zeros((n, k))
        if groups is None:
            groups = np.arange(n)
        folds = list(GroupKFold(n_splits=min(self.cv, len(set(groups))))
                     .split(np.zeros(n), groups=groups)) if self.cv > 1 else []
        in_bag = [(bags == -1) | (bags == b) for b in range(n_bags)]
        # Platt and the caller's threshold tuning see each draw at 1/n_bags weight, so the
        # pseudo-articles weigh, all draws together, what one draw weighs in a single fit
        calib = np.where(bags == -1, 1.0, 1.0 / n_bags)

        def avg_fit(rows, y, w):
            """The mean of one fit per draw on ``rows`` (None: a draw lacks a class)."""
            coefs, icpts, est = [], [], None
            for b in range(n_bags):
                r = rows & in_bag[b]
                if len(set(y[r].tolist())) < 2:
                    return None
                est = self._lr().fit(X[r], y[r], sample_weight=w[r])
                coefs.append(est.coef_)
                icpts.append(est.intercept_)
            est.coef_ = np.mean(coefs, axis=0)
            est.intercept_ = np.mean(icpts, axis=0)
            return est

        for j in range(k):
            y = Y[:, j]
            w = w_all[:, j] if w_all.ndim == 2 else w_all
            pos = int(y.sum())
            if pos == 0 or pos == n:
                self.estimators_.append(float(pos > 0))
                self.platt_.append((0.0, 0.0))
                self.oof_proba_[:, j] = float(pos > 0)
                continue
            oof = np.zeros(n)
            ok = bool(folds)
            for tr, te in folds:
                rows = np.zeros(n, dtype=bool)
                rows[tr] = True
                est = avg_fit(rows, y, w)
                if est is None:
                    ok = False
                    break
                oof[te] = est.decision_function(X[te])
            est = avg_fit(np.ones(n, dtype=bool), y, w)
            if est is None:  # a draw without both classes: one fit on all rows
                est = self._lr().fit(X, y, sample_weight=w)
            if not ok:  # too few positives to calibrate: in-sample Platt, weak but defined
                oof = est.decision_function(X)
            a, b = _sigmoid_fit(oof, y, w * calib)
            self.estimators_.append(est)
            self.platt_.append((a, b))
            self.oof_proba_[:, j] = 1.0 / (1.0 + np.exp(-(a * oof + b)))
        return self

    def decision_function(self, X):
        out = np.zeros((X.shape[0], len(self.estimators_)))
        for j, est in enumerate(self.estimators_):
            if not isinstance(est, float):
                out[:, j] = est.decision_function(X)
        return out

    def predict_proba(self, X):
        d = self.decision_function(X)
        out = np.zeros_like(d)
        for j, (est, (a, b)) in enumerate(zip(self.estimators_, self.platt_)):
            out[:, j] = est if isinstance(est, float) else 1.0 / (1.0 + np.exp(-(a * d[:, j] + b)))
        return out

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)


def build_pipeline(params: Mapping[str, Any] | None = None, *,
                   taxonomy: Mapping[str, Any] | None = None) -> Pipeline:
    """Text -> per-column calibrated probabilities (columns = taxonomy labels + __incident__)."""
    p = {**DEFAULT_PARAMS, **(params or {})}
    taxonomy = taxonomy or load_taxonomy()
    cues = {k: list(v.get("cues", [])) for k, v in taxonomy["labels"].items()}
    word = TfidfVectorizer(ngram_range=(1, p["word_ngram_max"]), min_df=p["word_min_df"],
                           max_features=p["word_max_features"], sublinear_tf=True,
                           lowercase=True, strip_accents="unicode", dtype=np.float32)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(p["char_ngram_min"], p["char_ngram_max"]),
                           min_df=max(2, p["word_min_df"]), max_features=p["char_max_features"],
                           sublinear_tf=True, lowercase=True, dtype=np.float32)
    parts = [("word", word)] + ([("char", char)] if p["char_max_features"] else []) \
        + [("cues", CueFeatures(cues))]
    features = FeatureUnion(parts, transformer_weights={"cues": p["cue_weight"]})
    return Pipeline([("truncate", _Truncate(p["max_chars"])), ("features", features),
                     ("clf", CalibratedLinearOVR(C=p["C"], class_weight=p["class_weight"],
                                                 cv=p["cv"], seed=p["seed"],
                                                 n_bags=int(p.get("bags") or 1)))])


# --------------------------------------------------------------------------- model

@dataclass
class AttackTypeModel:
    """A fitted pipeline with its label order, per-label thresholds and metadata."""

    pipeline: Pipeline
    labels: list[str]                      # taxonomy labels, in column order
    thresholds: dict[str, float]
    params: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return self.labels + [INCIDENT_COL]

    @property
    def version(self) -> str:
        return str(self.meta.get("model_version", ""))

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        """Per-column calibrated probabilities (n_texts, labels + 1).

        Same arithmetic as ``pipeline.predict_proba`` (truncate -> FeatureUnion -> one
        ``X @ coef.T + intercept`` per column -> Platt), without scikit-learn's per-call input
        validation, which cost more than the arithmetic on one article (16 columns x 2 calls
        per Doc). Pipelines of another shape fall back to ``predict_proba``."""
        texts = list(texts)
        steps = _fast_steps(self.pipeline)
        if steps is None:
            return self.pipeline.predict_proba(texts)
        truncate, parts, clf = steps
        X = truncate.transform(texts)
        Xs = [t.transform(X) if w is None else t.transform(X) * w for t, w in parts]
        M = sparse.hstack(Xs).tocsr() if any(sparse.issparse(x) for x in Xs) \
            else np.concatenate(Xs, axis=1)
        out = np.zeros((M.shape[0], len(clf.estimators_)))
        for j, (est, (a, b)) in enumerate(zip(clf.estimators_, clf.platt_)):
            if isinstance(est, float):
                out[:, j] = est
                continue
            d = np.reshape(M @ est.coef_.T + est.intercept_, (-1,))
            out[:, j] = 1.0 / (1.0 + np.exp(-(a * d + b)))
        return out


def _fast_steps(pipe: Any) -> tuple[Any, list[tuple[Any, Any]], "CalibratedLinearOVR"] | None:
    """(truncate step, [(transformer, weight)], classifier) of a pipeline built by
    :func:`build_pipeline`, or None when it has another shape."""
    try:
        names = [n for n, _ in pipe.steps]
        if names != ["truncate", "features", "clf"]:
            return None
        truncate, features, clf = (s for _, s in pipe.steps)
        if not (isinstance(truncate, _Truncate) and isinstance(features, FeatureUnion)
                and type(clf) is CalibratedLinearOVR):
            return None
        if any(t in ("drop", "passthrough", None) for _, t in features.transformer_list):
            return None
        from sklearn.utils._set_output import _get_output_config
        if _get_output_config("transform", features)["dense"] != "default":
            return None  # pandas/polars output configured: let scikit-learn handle it
        weights = features.transformer_weights or {}
        parts = [(t, weights.get(n)) for n, t in features.transformer_list]
        if not all(isinstance(e, float) or (getattr(e, "coef_", None) is not None
                                            and e.coef_.shape[0] == 1)
                   for e in clf.estimators_):
            return None
        return truncate, parts, clf
    except (AttributeError, TypeError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Classification:
    """The classifier's answer for one text."""

    labels: tuple[LabelScore, ...]
    kind: IncidentKind
    scores: dict[str, float]
    incident_score: float


def _targets(examples: Sequence[Example], labels: list[str]) -> np.ndarray:
    Y = np.zeros((len(examples), len(labels) + 1), dtype=int)
    idx = {l: i for i, l in enumerate(labels)}
    for r, ex in enumerate(examples):
        for l in ex.labels:
            if l in idx and l != UNKNOWN_LABEL:
                Y[r, idx[l]] = 1
        Y[r, -1] = int(example_kind(ex) == IncidentKind.INCIDENT.value)
    return Y


def _f1w(pred: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    tp = float((w * (pred & (y == 1))).sum())
    fp = float((w * (pred & (y == 0))).sum())
    fn = float((w * (~pred & (y == 1))).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _tune_label(p: np.ndarray, y: np.ndarray, w: np.ndarray, k: np.ndarray, lo: float,
                hi: float, alphas: Sequence[float], select: str = "best", window: int = 2,
                tol: float = 0.005) -> tuple[float, float | None]:
    """Threshold t and cue factor alpha of one label, tuned on out-of-fold probabilities:
    the label fires when p >= t, or when its keyword rule fires (``k``) and p >= alpha * t.
    alpha None = the model alone; a cue factor is kept only when it raises the F1 by > 0.002.

    ``select="best"`` (the rule of models trained before "plateau"): the best raw (t, alpha)
    pair on the grid.
    ``select="plateau"``: per alpha the F1 curve over t is smoothed (see
    :func:`select_threshold`); alpha is chosen by the best smoothed F1, kept only when it
    beats the model alone by more than ``tol`` (a smaller gain is a tie, and ties go to the
    simpler rule, so the cue factor does not come and go between retrains), and t is the
    centre of that curve's plateau."""
    if select != "best":
        grid = _threshold_grid(lo, hi)
        if y.sum() == 0:
            return round(float(hi), 3), None
        plain = _smooth(_f1_curve(p >= grid[:, None], y, w), window)
        best_a, best_curve = None, plain
        for a in alphas:
            curve = _smooth(_f1_curve((p >= grid[:, None]) | (k & (p >= a * grid[:, None])),
                                      y, w), window)
            if curve.max() > best_curve.max() + max(0.002, tol):
                best_a, best_curve = float(a), curve
        return select_threshold(grid, best_curve, "plateau", window=0, tol=tol), best_a
    t = _best_threshold(p, y, w, lo, hi)
    best_a, best_f = None, _f1w(p >= t, y, w)
    for a in alphas:
        for tt in np.arange(lo, hi + 1e-9, 0.025):
            f = _f1w((p >= tt) | (k & (p >= a * tt)), y, w)
            if f > best_f + 0.002:
                best_a, best_f, t = float(a), f, round(float(tt), 3)
    return t, best_a


def keyword_matrix(cues: "CueFeatures", texts: Sequence[str], labels: Sequence[str],
                   long_chars: int = 600, only: Iterable[str] | None = None) -> np.ndarray:
    """The keyword rule per text and label: >= 1 cue match in a text shorter than
    ``long_chars``, >= 2 in a longer one (the baseline printed by ``make eval-classify``).
    ``only``: compute these labels' columns (the others stay False) and match just their
    patterns unless the text's matches are already memoised."""
    idx = {l: j for j, l in enumerate(labels)}
    K = np.zeros((len(texts), len(labels)), dtype=bool)
    wanted = None if only is None else set(only)
    for i, text in enumerate(texts):
        need = 1 if len(text) < long_chars else 2
        if wanted is None or cues.cached(text):
            pairs = zip(cues.labels_, cues.matches(text))
        else:
            low = text.lower()
            pairs = ((l, [m.start() for m in fast(p).finditer(low)] if p is not None
                      else [])
                     for l, p in zip(cues.labels_, cues.patterns_) if l in wanted)
        for l, starts in pairs:
            if l in idx and (wanted is None or l in wanted) and len(starts) >= need:
                K[i, idx[l]] = True
    return K


# Labels whose definition names a concept the text must mention ("requires" in
# data/taxonomy.json): account_takeover is the use of accounts, credentials or keys; an
# intruder "gaining access to the network" with none of them named is an incident of unknown
# type, not a hijacked account. A model stores the lists of the taxonomy it was trained with
# (params["requires"]); models saved without them read the taxonomy file (cached per path and
# mtime).
_REQUIRES_CACHE: dict[tuple[str, float], dict[str, "re.Pattern[str]"]] = {}
_COMPILED_REQUIRES: dict[str, dict[str, "re.Pattern[str]"]] = {}


def requires_lists(taxonomy: Mapping[str, Any], source: str | Path = "the taxonomy"
                   ) -> dict[str, list[str]]:
    """The raw ``requires`` lists of a taxonomy, per label that has one, validated: each must
    be a list of strings that compile as regular expressions, else :class:`ConfigError`
    naming ``source`` (the file) and the label."""
    out: dict[str, list[str]] = {}
    for label, spec in (taxonomy.get("labels") or {}).items():
        req = spec.get("requires") if isinstance(spec, Mapping) else None
        if req is None:
            continue
        if not isinstance(req, list) or not all(isinstance(c, str) and c for c in req):
            raise ConfigError(f"{source}: label {label!r}: 'requires' must be a list of "
                              f"non-empty regular-expression strings, got {req!r}")
        for c in req:
            try:
                re.compile(c)
            except re.error as exc:
                raise ConfigError(f"{source}: label {label!r}: 'requires' pattern {c!r} is "
                                  f"not a valid regular expression ({exc})") from exc
        if req:
            out[label] = list(req)
    return out


def compile_requires(lists: Mapping[str, Sequence[str]]) -> dict[str, "re.Pattern[str]"]:
    """Per label: one pattern (matched against lower-cased text) from its ``requires`` list."""
    key = json.dumps({l: list(v) for l, v in lists.items()}, sort_keys=True)
    if key not in _COMPILED_REQUIRES:
        if len(_COMPILED_REQUIRES) > 32:
            _COMPILED_REQUIRES.clear()
        _COMPILED_REQUIRES[key] = {l: re.compile("|".join(f"(?:{c})" for c in v))
                                   for l, v in lists.items() if v}
    return _COMPILED_REQUIRES[key]


def label_requires(path: str | Path = TAXONOMY_PATH) -> dict[str, "re.Pattern[str]"]:
    """Per label with a ``requires`` list in the taxonomy file: one compiled pattern (matched
    against the lower-cased text). A malformed list raises :class:`ConfigError`."""
    path = Path(path)
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        return {}
    if key not in _REQUIRES_CACHE:
        lists = requires_lists(load_taxonomy(path), path)
        _REQUIRES_CACHE.clear()
        _REQUIRES_CACHE[key] = compile_requires(lists)
    return _REQUIRES_CACHE[key]


def model_requires(model: "AttackTypeModel") -> dict[str, "re.Pattern[str]"]:
    """The ``requires`` patterns of the taxonomy ``model`` was trained with (stored in its
    params); the taxonomy file's for models saved before they were stored."""
    lists = model.params.get("requires")
    if lists is None:
        return label_requires()
    return compile_requires(lists)


def requires_with_lists(taxonomy: Mapping[str, Any], source: str | Path = "the taxonomy"
                        ) -> dict[str, dict[str, list[str]]]:
    """The ``requires_with`` maps of a taxonomy, validated: per label, {other label: patterns}
    — when both labels are given, the label stands only when the title or text matches one
    of the patterns (malware beside ransomware needs a non-ransomware malware kind named).
    A malformed entry raises :class:`ConfigError` naming ``source`` and the label."""
    out: dict[str, dict[str, list[str]]] = {}
    for label, spec in (taxonomy.get("labels") or {}).items():
        rw = spec.get("requires_with") if isinstance(spec, Mapping) else None
        if rw is None:
            continue
        if not isinstance(rw, Mapping):
            raise ConfigError(f"{source}: label {label!r}: 'requires_with' must map labels to "
                              f"lists of regular-expression strings, got {rw!r}")
        for other, pats in rw.items():
            requires_lists({"labels": {label: {"requires": pats}}}, source)
        out[label] = {o: list(v) for o, v in rw.items() if v}
    return out


_REQUIRES_WITH_CACHE: dict[tuple[str, float], dict[str, dict[str, list[str]]]] = {}
# per loaded model (by identity): (weak reference, its stored lists object, taxonomy key,
# compiled patterns) — classify runs once per Doc, so the patterns are compiled once per model
_MODEL_REQUIRES_WITH: dict[int, tuple[Any, Any, Any, dict[str, dict[str, "re.Pattern[str]"]]]] = {}


def _taxonomy_requires_with() -> tuple[Any, dict[str, dict[str, list[str]]]]:
    """The taxonomy file's ``requires_with`` lists (validated) and its (path, mtime) key;
    ``(None, {})`` when the file cannot be read."""
    try:
        key = (str(TAXONOMY_PATH), TAXONOMY_PATH.stat().st_mtime)
    except OSError:
        return None, {}
    if key not in _REQUIRES_WITH_CACHE:
        _REQUIRES_WITH_CACHE.clear()
        _REQUIRES_WITH_CACHE[key] = requires_with_lists(load_taxonomy(TAXONOMY_PATH),
                                                        TAXONOMY_PATH)
    return key, _REQUIRES_WITH_CACHE[key]


def merged_requires_with(stored: Mapping[str, Mapping[str, Sequence[str]]] | None,
                         current: Mapping[str, Mapping[str, Sequence[str]]]
                         ) -> dict[str, dict[str, list[str]]]:
    """The ``requires_with`` lists a model applies: those stored with it, each (label, other
    label) pair widened by the patterns the taxonomy file lists for the same pair now (the
    rule runs after the tuned decision and is no part of training, so a wording added to the
    taxonomy later — "password-stealing malware" — counts as named for a shipped model too;
    a pair the model was saved without is not added, a stored pattern is never dropped).
    A model saved before the lists were stored (``stored`` None) takes the taxonomy's."""
    if stored is None:
        return {l: {o: list(v) for o, v in others.items()} for l, others in current.items()}
    out = {l: {o: list(v) for o, v in others.items()} for l, others in stored.items()}
    for label, others in current.items():
        for other, pats in others.items():
            have = out.get(label, {}).get(other)
            if have is not None:
                have.extend(p for p in pats if p not in have)
    return out


def model_requires_with(model: "AttackTypeModel") -> dict[str, dict[str, "re.Pattern[str]"]]:
    """The ``requires_with`` patterns the model applies (:func:`merged_requires_with` of its
    params' lists and the taxonomy file's), compiled per label and other label — once per
    loaded model (cached by identity; recompiled only when its params' lists object or the
    taxonomy file changes)."""
    stored = model.params.get("requires_with")
    tax_key, current = _taxonomy_requires_with()
    entry = _MODEL_REQUIRES_WITH.get(id(model))
    if entry is not None and entry[0]() is model and entry[1] is stored \
            and entry[2] == tax_key:
        return entry[3]
    lists = merged_requires_with(stored, current)
    compiled = {l: compile_requires(v) for l, v in lists.items()}
    ident = id(model)
    ref = weakref.ref(model, lambda _r, k=ident: _MODEL_REQUIRES_WITH.pop(k, None))
    _MODEL_REQUIRES_WITH[ident] = (ref, stored, tax_key, compiled)
    return compiled


def requires_matrix(texts: Sequence[str], labels: Sequence[str],
                    requires: Mapping[str, "re.Pattern[str]"] | None = None,
                    max_chars: int | None = None,
                    titles: Sequence[str | None] | None = None,
                    candidates: np.ndarray | None = None) -> np.ndarray | None:
    """Per text and label: True unless the label requires a concept (``requires``, default
    the taxonomy file's) that neither the text (its first ``max_chars`` characters) nor its
    title (``titles``, when given) names. None when no label requires anything.
    ``candidates`` (texts x labels, optional): only these cells are checked, the others are
    left True (the decision reads a cell only where the label fired)."""
    requires = label_requires() if requires is None else requires
    cols = [(j, requires[l]) for j, l in enumerate(labels) if l in requires]
    if not cols:
        return None
    R = np.ones((len(texts), len(labels)), dtype=bool)
    cols = [(j, fast(pat)) for j, pat in cols]  # same matches, scanned from literal anchors
    for i, text in enumerate(texts):
        low = str(text)[:max_chars].lower() if max_chars else str(text).lower()
        title = titles[i] if titles is not None and i < len(titles) else None
        if title:
            low = str(title).lower() + "\n" + low
        for j, pat in cols:
            if candidates is None or candidates[i, j]:
                R[i, j] = pat.search(low) is not None
    return R


def _cues_of(model: "AttackTypeModel") -> "CueFeatures":
    return dict(model.pipeline.named_steps["features"].transformer_list)["cues"]


def _best_threshold(p: np.ndarray, y: np.ndarray, w: np.ndarray, lo: float, hi: float,
                    select: str = "best", window: int = 2, tol: float = 0.005) -> float:
    """The threshold of one label on the grid lo .. hi (step 0.025) from out-of-fold
    probabilities ``p``, gold ``y`` and weights ``w`` (see :func:`select_threshold`)."""
    if y.sum() == 0:
        return hi
    if select != "best":
        grid = _threshold_grid(lo, hi)
        return select_threshold(grid, _f1_curve(p >= grid[:, None], y, w), select,
                                window=window, tol=tol)
    best, best_f = 0.5, -1.0
    for t in np.arange(lo, hi + 1e-9, 0.025):
        pred = p >= t
        tp = float((w * (pred & (y == 1))).sum())
        fp = float((w * (pred & (y == 0))).sum())
        fn = float((w * (~pred & (y == 1))).sum())
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best_f + 1e-9:
            best, best_f = float(t), f
    return round(best, 3)


THRESHOLD_SELECT = ("best", "plateau")


def _threshold_grid(lo: float, hi: float, step: float = 0.025) -> np.ndarray:
    return np.round(np.arange(lo, hi + 1e-9, step), 3)


def _f1_curve(pred: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted F1 of each row of the boolean matrix ``pred`` (thresholds x examples)."""
    pos = (y == 1)
    tp = (pred & pos) @ w
    fp = (pred & ~pos) @ w
    fn = (~pred & pos) @ w
    den = 2 * tp + fp + fn
    return np.where(tp > 0, 2 * tp / np.where(den > 0, den, 1.0), 0.0)


def _smooth(f1: np.ndarray, window: int) -> np.ndarray:
    """Mean of each point and its ``window`` neighbours on either side (fewer at the ends)."""
    f1 = np.asarray(f1, dtype=float)
    if window <= 0 or len(f1) < 2:
        return f1
    c = np.concatenate([[0.0], np.cumsum(f1)])
    idx = np.arange(len(f1))
    a, b = np.maximum(idx - window, 0), np.minimum(idx + window + 1, len(f1))
    return (c[b] - c[a]) / (b - a)


def select_threshold(grid: Sequence[float], f1: Sequence[float], select: str = "plateau", *,
                     window: int = 2, tol: float = 0.005) -> float:
    """Pick a threshold from an F1 curve (``f1[i]`` = F1 at threshold ``grid[i]``).

    ``"best"``: the first grid point with the highest F1 (the rule of earlier models).
    On the out-of-fold rows a label's curve is often flat with small bumps, so its argmax
    jumps between retrains when a few examples are added (ransomware 0.275 <-> 0.4).

    ``"plateau"`` (stable): (1) smooth the curve with a moving average over ``window`` grid
    points on either side, so a narrow spike made by a handful of examples does not win over
    a broad high region; (2) take the grid points whose smoothed F1 is within ``tol`` of the
    smoothed best — the plateau; when they form several runs, the run holding the best
    point; (3) return the middle of that run (the lower middle when even). A few added or
    removed examples move the curve by less than ``tol`` almost everywhere, so the plateau's
    edges, and its centre, move little; the centre also keeps a margin from both edges."""
    grid = np.asarray(grid, dtype=float)
    f1 = np.asarray(f1, dtype=float)
    if select == "best":
        return round(float(grid[int(np.argmax(f1 > f1.max() - 1e-9))]), 3)
    if select != "plateau":
        raise ValueError(f"unknown threshold_select {select!r} (best, plateau)")
    s = _smooth(f1, window)
    i_best = int(np.argmax(s))
    near = s >= s[i_best] - tol
    a = i_best
    while a > 0 and near[a - 1]:
        a -= 1
    b = i_best
    while b + 1 < len(s) and near[b + 1]:
        b += 1
    return round(float(grid[(a + b) // 2]), 3)


def dedupe(examples: Iterable[Example]) -> list[Example]:
    """Later examples with the same normalised text replace earlier ones (corrections win)."""
    by_key: dict[str, Example] = {}
    for ex in examples:
        by_key[_text_key(ex.text)] = ex
    return list(by_key.values())


def augment(examples: Sequence[Example], n: int, *, seed: int = 0,
            draw: str = "stable") -> list[Example]:
    """Pseudo-articles: a labelled snippet joined with 1-3 unlabelled (kind none) snippets and
    sometimes a second labelled one, labels = union. Teaches the model that a long text
    carries the labels of its parts (news articles are long, most training texts are short).
    Each pseudo-article is grouped with its first snippet, so out-of-fold scores stay honest.

    ``draw="stable"``: pseudo-article i takes its shape (how many parts, which pool, the
    order) from its own random stream (seed, i), and each snippet by consistent hashing: the
    snippets of a pool sit at hashed points of a ring (from their text, several points each),
    and a draw takes the snippet at or after a random point. Adding, removing or correcting a
    few examples then changes only the pseudo-articles whose draws fall next to them, instead
    of redrawing all of them (``draw="stream"``, the rule of earlier models: one random stream
    indexing the pools, so any change to the data shifted every later draw), which moved the
    thresholds tuned on these rows between retrains."""
    if n <= 0:
        return []
    if draw not in AUGMENT_DRAW:
        raise ConfigError(f"unknown augment_draw {draw!r} ({', '.join(AUGMENT_DRAW)})")
    fillers = [ex for ex in examples if example_kind(ex) == "none"]
    labelled = [ex for ex in examples if example_kind(ex) != "none"]
    if not fillers or not labelled:
        return []
    team = [ex for ex in labelled if ex.source != "vcdb"]
    if draw == "stable":
        rings = {id(pool): _Ring(pool) for pool in (fillers, labelled, team) if pool}

        def pick(pool, rng):
            return rings[id(pool)].pick(float(rng.random()))
    else:
        stream = np.random.default_rng(seed)

        def pick(pool, rng):
            return pool[int(rng.integers(len(pool)))]
    out = []
    for i in range(n):
        rng = np.random.default_rng([seed, i]) if draw == "stable" else stream
        pool = team if team and rng.random() < 0.6 else labelled
        first = pick(pool, rng)
        parts = [first] + [pick(fillers, rng) for _ in range(int(rng.integers(1, 4)))]
        if rng.random() < 0.35:
            parts.append(pick(labelled, rng))
        order = [parts[0]] + list(rng.permutation(parts[1:])) if rng.random() < 0.7 \
            else list(rng.permutation(parts))
        labels = tuple(sorted({l for ex in parts for l in ex.labels}))
        kinds = {example_kind(ex) for ex in parts}
        kind = "incident" if "incident" in kinds else ("vulnerability" if "vulnerability" in kinds
                                                        else "none")
        out.append(Example(text=" ".join(ex.text for ex in order), labels=labels, kind=kind,
                           id=f"aug-{i}", weight=float(np.mean([ex.weight for ex in parts])),
                           source="augmented", group=first.group or f"aug-{i}"))
    return out


AUGMENT_DRAW = ("stable", "stream")


class _Ring:
    """Consistent hashing over examples: each sits at ``points`` hashed positions in [0, 1)
    (from its normalised text); :meth:`pick` returns the example at or after a position."""

    def __init__(self, pool: Sequence[Example], points: int = 8):
        marks = []
        for k, ex in enumerate(pool):
            key = _text_key(ex.text)
            for v in range(points):
                h = hashlib.sha256(f"{key}:{v}".encode()).digest()
                marks.append((int.from_bytes(h[:8], "big") / 2.0 ** 64, k))
        marks.sort()
        self.pos = np.array([m[0] for m in marks])
        self.idx = [m[1] for m in marks]
        self.pool = list(pool)

    def pick(self, u: float) -> Example:
        j = int(np.searchsorted(self.pos, u, side="left")) % len(self.pos)
        return self.pool[self.idx[j]]


def _text_key(text: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().lower().encode()).hexdigest()


def train(examples: Sequence[Example], params: Mapping[str, Any] | None = None, *,
          taxonomy: Mapping[str, Any] | None = None,
          arrays: dict[str, Any] | None = None) -> AttackTypeModel:
    """Fit the pipeline; per-label thresholds are tuned on its out-of-fold probabilities.
    ``arrays`` (a dict, for evaluation scripts) receives what the tuning read: the training
    rows (``examples``, after de-duplication and pseudo-articles), targets ``Y``, weights
    ``w``, the news-style mask ``news``, keyword rule ``K``, requires gate ``R`` (or None)
    and out-of-fold probabilities ``oof``."""
    p = {**DEFAULT_PARAMS, **(params or {})}
    if p["threshold_select"] not in THRESHOLD_SELECT:  # fail before the fit, not after it
        raise ConfigError(f"unknown threshold_select {p['threshold_select']!r} "
                          f"({', '.join(THRESHOLD_SELECT)})")
    tax_source = "the taxonomy passed to train" if taxonomy else TAXONOMY_PATH
    taxonomy = taxonomy or load_taxonomy()
    # the gate of *this* taxonomy, validated, and stored with the model (see model_requires)
    p["requires"] = requires_lists(taxonomy, tax_source)
    p["requires_with"] = requires_with_lists(taxonomy, tax_source)
    labels = taxonomy_labels(taxonomy)
    examples = dedupe(examples)
    if len(examples) < 8:
        raise InputError(f"need at least 8 labelled examples to train, got {len(examples)}")
    n_bags = 1 if p.get("bags") is None else int(p["bags"])
    if n_bags < 1:
        raise ConfigError(f"bags must be >= 1, got {p.get('bags')!r}")
    draw = p.get("augment_draw") or "stream"
    # bagging: draw b's pseudo-articles use seed + b; draw 0 is the single fit's draw
    draws = [augment(examples, p["augment"], seed=p["seed"] + b, draw=draw)
             for b in range(n_bags)]
    bags = np.array([-1] * len(examples) + [b for b, d in enumerate(draws) for _ in d])
    for b, d in enumerate(draws):
        if n_bags > 1:
            d = [replace(ex, id=f"{ex.id}-b{b}") for ex in d]
        examples = examples + d
    texts = [ex.text for ex in examples]
    Y = _targets(examples, labels)
    w = np.array([ex.weight for ex in examples], dtype=float)
    groups = np.array([ex.group or f"_{i}" for i, ex in enumerate(examples)])
    pipe = build_pipeline(p, taxonomy=taxonomy)
    fit_kw = {"clf__bags": bags} if n_bags > 1 else {}
    pipe.fit(texts, Y, clf__sample_weight=_column_weights(examples, Y, labels, w,
                                                          p.get("label_pos_weight")),
             clf__groups=groups, **fit_kw)
    if n_bags > 1:  # threshold tuning weighs each draw at 1/n_bags, as Platt did
        w = w * np.where(bags == -1, 1.0, 1.0 / n_bags)
    oof = pipe.named_steps["clf"].oof_proba_
    news = np.array([ex.source != "vcdb" for ex in examples])
    K = keyword_matrix(pipe.named_steps["features"].transformer_list[-1][1], texts, labels,
                       p["keyword_long_chars"])
    thresholds, alphas = tune_thresholds(oof, Y, w, news, K, labels, p)
    thresholds[INCIDENT_COL] = float(p["incident_threshold"])
    p = {**p, "cue_alpha": alphas}
    model = AttackTypeModel(pipeline=pipe, labels=labels, thresholds=thresholds, params=p)
    R = requires_matrix(texts, labels, compile_requires(p["requires"]),
                        max_chars=p.get("max_chars") or None) \
        if p.get("use_requires", True) else None
    model.meta["oof"] = _scores_from_arrays(
        labels, _decide_matrix(model, oof, K, R)[0], Y[:, :-1] | _unknown_col(Y, labels))
    if arrays is not None:
        arrays.update(examples=examples, Y=Y, w=w, news=news, K=K, R=R, oof=oof)
    model.meta["n_examples"] = len(examples)
    model.meta["label_counts"] = {l: int(Y[:, j].sum()) for j, l in enumerate(labels)}
    return model


def tune_thresholds(oof: np.ndarray, Y: np.ndarray, w: np.ndarray, news: np.ndarray,
                    K: np.ndarray, labels: Sequence[str], params: Mapping[str, Any]
                    ) -> tuple[dict[str, float], dict[str, float]]:
    """Per-label thresholds and cue factors from out-of-fold probabilities ``oof`` (rows x
    labels+1), targets ``Y``, row weights ``w``, the news-style row mask ``news`` and the
    keyword rule ``K``; ``params["threshold_select"]`` picks the selection rule (see
    :func:`select_threshold`)."""
    p = {**DEFAULT_PARAMS, **params}
    sel = {"select": p["threshold_select"], "window": int(p["threshold_window"]),
           "tol": float(p["threshold_tol"])}
    n = len(w)
    # thresholds: tuned on the out-of-fold probabilities of the news-style examples (team
    # snippets, pseudo-articles, user data) when a label has enough of them there, since news
    # is what the model reads; else on all examples
    thresholds, alphas = {}, {}
    for j, l in enumerate(labels):
        if l == UNKNOWN_LABEL:
            continue
        rows = news if p["threshold_on"] == "news" and Y[news, j].sum() >= 10 \
            else np.ones(n, dtype=bool)
        t_plain = _best_threshold(oof[rows, j], Y[rows, j], w[rows], p["threshold_min"],
                                  p["threshold_max"], **sel)
        thresholds[l] = t_plain
        if p.get("cue_ensemble"):
            t, a = _tune_label(oof[rows, j], Y[rows, j], w[rows], K[rows, j],
                               p["threshold_min"], p["threshold_max"], p["cue_alpha_grid"],
                               **sel)
            # a cue factor must also hold on the other source (VCDB summaries when tuned on
            # news-style rows): keywords that help only the rows they were tuned on are dropped
            other = ~rows if (~rows).any() else None
            if a is not None and (other is None or Y[other, j].sum() < 10 or _f1w(
                    (oof[other, j] >= t) | (K[other, j] & (oof[other, j] >= a * t)),
                    Y[other, j], w[other]) >= _f1w(oof[other, j] >= t_plain, Y[other, j],
                                                   w[other]) - 0.002):
                thresholds[l], alphas[l] = t, a
    return thresholds, alphas


def _column_weights(examples: Sequence[Example], Y: np.ndarray, labels: list[str],
                    w: np.ndarray, label_pos_weight: Mapping[str, Mapping[str, float]] | None
                    ) -> np.ndarray:
    """Row weights ``w``, or per-column weights when ``label_pos_weight`` names a label: the
    positive rows of that label from the given sources get ``factor`` x their weight in that
    label's column only. Thresholds are still tuned with the plain row weights."""
    if not label_pos_weight:
        return w
    unknown = set(label_pos_weight) - set(labels)
    if unknown:
        raise InputError(f"label_pos_weight names unknown labels: {sorted(unknown)}")
    W = np.repeat(w[:, None], Y.shape[1], axis=1)
    src = np.array([ex.source for ex in examples])
    for label, by_source in label_pos_weight.items():
        j = labels.index(label)
        for source, factor in by_source.items():
            rows = (src == source) & (Y[:, j] == 1)
            W[rows, j] *= float(factor)
    return W


def _unknown_col(Y: np.ndarray, labels: list[str]) -> np.ndarray:
    """Gold other_unknown: incidents with no specific incident label."""
    out = np.zeros_like(Y[:, :-1])
    j_unk = labels.index(UNKNOWN_LABEL)
    specific = [j for j, l in enumerate(labels) if l not in (UNKNOWN_LABEL, VULN_LABEL)]
    out[:, j_unk] = (Y[:, -1] == 1) & (Y[:, specific].sum(axis=1) == 0)
    return out


def _label_thresholds(model: AttackTypeModel) -> tuple[np.ndarray, np.ndarray]:
    """Per label: its threshold, and the lower one its keyword rule allows (cue factor x
    threshold; infinite for a label without a cue factor)."""
    alpha = model.params.get("cue_alpha") or {}
    t = np.array([model.thresholds.get(l, 1.01) for l in model.labels])
    t_cue = np.array([alpha[l] * t[j] if l in alpha else np.inf
                      for j, l in enumerate(model.labels)])
    return t, t_cue


def _candidates(model: AttackTypeModel, P: np.ndarray) -> np.ndarray:
    """Per text and label: whether the label can fire in :func:`_decide_matrix` (its
    probability reaches its threshold, or its cue factor x threshold)."""
    t, t_cue = _label_thresholds(model)
    return P[:, : len(model.labels)] >= np.minimum(t, t_cue)


def _decide_matrix(model: AttackTypeModel, P: np.ndarray,
                   K: np.ndarray | None = None,
                   R: np.ndarray | None = None,
                   gated: set[int] | None = None) -> tuple[np.ndarray, list[IncidentKind]]:
    """Probabilities (n, labels+1) -> binary label matrix and kinds (the decision rule).
    ``K``: the keyword rule per text and label; with the model's cue factors a label whose
    keywords fire needs only p >= alpha * threshold. ``R``: per text and label, whether the
    text names the concept the label requires (see :func:`requires_matrix`); a label whose
    concept is absent stands only at p >= ``strong_label``; when that leaves no incident label,
    the text is still an incident, of unknown type (the label's evidence of an intrusion stays,
    only its type is unsupported), and its row index is added to ``gated``."""
    labels, p = model.labels, model.params
    n = P.shape[0]
    B = np.zeros((n, len(labels)), dtype=int)
    kinds = []
    j_unk, j_vuln = labels.index(UNKNOWN_LABEL), labels.index(VULN_LABEL)
    t, t_cue = _label_thresholds(model)
    alpha = p.get("cue_alpha") or {}
    adv_p = _param(model, "advisory_exploitation_p")
    adv_p = 1.01 if adv_p is None else float(adv_p)   # 0 keeps it at any p; None: off
    for i in range(n):
        probs, p_inc = P[i, :-1], P[i, -1]
        fired = probs >= t
        if K is not None and alpha:
            fired |= K[i] & (probs >= t_cue)
        fired[j_unk] = False
        removed = np.zeros_like(fired)
        if R is not None:
            allowed = R[i] | (probs >= p["strong_label"])
            removed = fired & ~allowed
            removed[j_vuln] = False
            fired &= allowed
        specific = fired.copy()
        specific[j_vuln] = False
        j_vexp = labels.index("vulnerability_exploitation")
        if specific.any() and p_inc < p["none_veto"] and probs[specific].max() < p["strong_label"]:
            # weak incident labels on a text that reads like no incident; but an advisory that
            # reports its flaw exploited ("is being exploited in the wild") keeps the
            # exploitation (the taxonomy: disclosure "unless combined with exploitation"), as
            # an advisory (kind vulnerability, below)
            keep_vexp = bool(fired[j_vuln] and specific[j_vexp] and probs[j_vexp] >= adv_p)
            fired[specific] = False
            specific[:] = False
            if keep_vexp:
                fired[j_vexp] = specific[j_vexp] = True
        if specific.any() and fired[j_vuln] and p_inc < model.thresholds[INCIDENT_COL] \
                and np.flatnonzero(specific).tolist() == [j_vexp]:
            kind = IncidentKind.VULNERABILITY  # an advisory that reports exploitation
        elif specific.any():
            kind = IncidentKind.INCIDENT
        elif removed.any() and p_inc >= p["none_veto"] and not (
                fired[j_vuln] and p_inc < model.thresholds[INCIDENT_COL]):
            # the requires gate removed the type, not the incident: unknown type (an advisory
            # that reads as no incident stays an advisory, as with exploitation above)
            kind = IncidentKind.INCIDENT
            fired[j_unk] = True
            if gated is not None:
                gated.add(i)
        elif p_inc >= model.thresholds[INCIDENT_COL] and not fired[j_vuln]:
            kind = IncidentKind.INCIDENT
            fired[j_unk] = True
        elif fired[j_vuln]:
            kind = IncidentKind.VULNERABILITY
        else:
            kind = IncidentKind.NONE
        B[i] = fired
        kinds.append(kind)
    return B, kinds


def classify(model: AttackTypeModel, texts: Sequence[str], *,
             sentences: Sequence[Sequence[tuple[int, int]]] | None = None,
             evidence: bool = True, max_evidence: int = 2,
             languages: Sequence[str | None] | None = None, lexicon: Any = None,
             titles: Sequence[str | None] | None = None,
             focus_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
             ) -> list[Classification]:
    """Labels above their thresholds (sorted by score) with evidence sentences, and the kind.

    With ``languages`` and a multilingual ``lexicon``
    (:class:`pipeline.classifier_lexicon.CueLexicon`), texts in a non-English language the
    lexicon knows are labelled from its cues; all others by the model. ``titles`` and
    ``focus_spans`` (per text: character spans naming the victim) help the focus rule decide
    which labels the reported incident carries (see :func:`_focus_filter`)."""
    texts = [str(t) for t in texts]
    routed = [i for i, lang in enumerate(languages or [])
              if lexicon is not None and i < len(texts) and lexicon.supports(lang)]
    # the English cyber-vocabulary check (classifier_gate) is for English (or unknown) texts
    english = [not languages or i >= len(languages) or (languages[i] or "en") == "en"
               for i in range(len(texts))]
    if not routed:
        return _classify_model(model, texts, sentences=sentences, evidence=evidence,
                               max_evidence=max_evidence, titles=titles,
                               focus_spans=focus_spans, english=english)
    out: list[Classification | None] = [None] * len(texts)
    for i in routed:
        res = lexicon.classify(texts[i], languages[i],
                               title=titles[i] if titles is not None else None,
                               sentences=sentences[i] if sentences is not None else None,
                               max_evidence=max_evidence if evidence else 0)
        out[i] = Classification(labels=res.labels, kind=res.kind, scores=res.scores,
                                incident_score=res.incident_score)
    rest = [i for i in range(len(texts)) if out[i] is None]
    if rest:
        for i, c in zip(rest, _classify_model(
                model, [texts[i] for i in rest], evidence=evidence, max_evidence=max_evidence,
                sentences=[sentences[i] for i in rest] if sentences is not None else None,
                titles=[titles[i] for i in rest] if titles is not None else None,
                focus_spans=[focus_spans[i] for i in rest] if focus_spans is not None
                else None, english=[english[i] for i in rest])):
            out[i] = c
    return out  # type: ignore[return-value]


def _classify_model(model: AttackTypeModel, texts: list[str], *,
                    sentences: Sequence[Sequence[tuple[int, int]]] | None = None,
                    evidence: bool = True, max_evidence: int = 2,
                    titles: Sequence[str | None] | None = None,
                    focus_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
                    english: Sequence[bool] | None = None,
                    ) -> list[Classification]:
    if not texts:
        return []
    P = model.proba(texts)
    cues: CueFeatures = _cues_of(model)
    alpha = model.params.get("cue_alpha") or {}
    # the keyword rule only matters for labels with a cue factor (the others need p >= inf):
    # run just their patterns (a long text's full-text matches are not cached by transform)
    K = keyword_matrix(cues, texts, model.labels, model.params.get("keyword_long_chars", 600),
                       only=alpha) if alpha else None
    R = requires_matrix(texts, model.labels, model_requires(model),
                        max_chars=model.params.get("max_chars") or None, titles=titles,
                        candidates=_candidates(model, P)) \
        if _param(model, "use_requires") else None
    gated: set[int] = set()
    B, kinds = _decide_matrix(model, P, K, R, gated)
    out = []
    j_unk, j_vuln = model.labels.index(UNKNOWN_LABEL), model.labels.index(VULN_LABEL)
    j_vexp = model.labels.index("vulnerability_exploitation")
    gate = int(model.params.get("cue_gate_chars", 0) or 0)
    focus_len = int(_param(model, "focus_chars") or 0) if _param(model, "focus_lead") else 0
    cue_idx = {l: k for k, l in enumerate(cues.labels_)}
    specific_j = [j for j, l in enumerate(model.labels) if l not in (UNKNOWN_LABEL, VULN_LABEL)]
    max_chars = model.params.get("max_chars") or None
    decided = []
    for i, text in enumerate(texts):
        found = None
        title = str(titles[i]) if titles is not None and titles[i] else ""
        if gate and len(text) >= gate:
            # a long article must name a label's cue somewhere for the label to stand; a title
            # that names an attack counts ("Hackers post council payroll after breach"), one
            # that only names data does not ("Apps fail to secure users' data")
            named = bool(title) and (ATTACK_TITLE.search(title) is not None
                                     or title_tells_intrusion(title))
            found = cues.matches(title + "\n" + text[:max_chars] if named else text[:max_chars])
            for j, l in enumerate(model.labels):
                k = cue_idx.get(l)
                if B[i, j] and l != UNKNOWN_LABEL and k is not None and not found[k] \
                        and P[i, j] < model.params["strong_label"]:
                    B[i, j] = 0
        if B[i, j_unk] and i not in gated:
            # (a text whose type the requires gate removed reported an intrusion already)
            found = found if found is not None else cues.matches(text[:max_chars])
            if not any(found) and not _tells_incident(text[:max_chars], title):
                # an incident of unknown type must at least name a cyber event somewhere (an
                # attack on its systems, money or an account taken count)
                B[i, j_unk] = 0
                kinds[i] = IncidentKind.NONE
        if kinds[i] is not IncidentKind.NONE and (english is None or english[i]) \
                and _general_news(text, titles[i] if titles is not None else None,
                                  incident=kinds[i] is IncidentKind.INCIDENT
                                  and not B[i, j_vuln]):
            # general news the model reads as an incident (a plague case, a prison scandal,
            # a blackmail by post, a gadget review): see _general_news
            B[i, :] = 0
            kinds[i] = IncidentKind.NONE
        if B[i, j_vuln] and kinds[i] is IncidentKind.INCIDENT and (english is None or english[i]) \
                and not (focus_len and len(text) >= focus_len):
            # a short advisory (long ones have the focus rule): an incident label whose every
            # cue sentence only says what the flaw could let attackers do ("could allow an
            # attacker to install malicious software") or denies it reports no incident of
            # that type
            dropped = _drop_possible_labels(model, cues, text[:max_chars], title, B[i], j_vexp)
        else:
            dropped = False
        if B[i, j_vexp] and B[i, j_vuln] and (
                kinds[i] is IncidentKind.VULNERABILITY
                or not any(B[i, j] for j in specific_j if j != j_vexp)) \
                and not _advisory_reports_exploitation(
                    model, cues, text, j_vexp, titles[i] if titles is not None else None):
            # an advisory that denies exploitation, only says it could happen or names the
            # flaw's class: no exploitation; with no other incident label, no incident either
            # ("hackers could exploit the flaw ..., the maker released a patch")
            B[i, j_vexp] = 0
        if dropped and B[i, j_vexp] and not any(B[i, j] for j in specific_j if j != j_vexp):
            # a short advisory left with the exploitation it reports: an advisory, as in
            # _decide_matrix ("Patch Tuesday: two zero-days, one used in attacks")
            kinds[i] = IncidentKind.VULNERABILITY
        if kinds[i] is IncidentKind.INCIDENT and not B[i, j_unk] and not any(
                B[i, j] for j in range(len(model.labels)) if j not in (j_unk, j_vuln)):
            if not B[i, j_vuln] and (english is None or english[i]) and _tells_taking(
                    text[:max_chars], title):
                # money or an account taken: an incident, of a type the rules below name
                B[i, j_unk] = 1
            else:
                # the cue gate removed every incident label: no incident is left to report
                kinds[i] = IncidentKind.VULNERABILITY if B[i, j_vuln] else IncidentKind.NONE
        decided.append([j for j in range(len(model.labels)) if B[i, j]])
    # sentences of labelled texts, scored by the model in one batch. They serve the focus rule
    # (long texts: every label must be anchored in the sentences that report the incident, see
    # _focus_filter) and the evidence. Evidence alone needs only the cue sentences of a label
    # when it has at least k of them.
    focus_lead = int(_param(model, "focus_lead") or 0)
    focus_chars = int(_param(model, "focus_chars") or 0)
    ev_rows: dict[int, tuple[list[tuple[int, int]], dict[int, set[int] | None]]] = {}
    wanted: list[tuple[int, int]] = []
    focus_texts: dict[int, list[str]] = {}  # text -> its lower-cased sentences
    for i, text in enumerate(texts):
        if not (decided[i] and text.strip()):
            continue
        focus = bool(focus_lead) and len(text) >= focus_chars \
            and any(j in specific_j for j in decided[i])
        if not (evidence or focus):
            continue
        spans = list(sentences[i]) if sentences is not None else split_sentences(text)
        spans = [(s, e) for s, e in spans if 0 <= s < e <= len(text)][:200]
        if not spans:
            continue
        lows = [text[s:e].lower() for s, e in spans]
        found = None
        if focus or all(cues.cached(text[s:e]) for s, e in spans):
            # every sentence goes to the model (focus) or its cue matches are memoised: the
            # matches the model's CueFeatures computes (and memoises) give the cue rows too
            found = [cues.matches(text[s:e]) for s, e in spans]
        flags = {j: _cue_rows(model, cues, j, lows, found) for j in decided[i]}
        if focus or any(rows is None or len(rows) < max_evidence for rows in flags.values()):
            needed = range(len(spans))
        else:
            needed = sorted(set().union(*flags.values()))
        if focus:
            focus_texts[i] = lows
        ev_rows[i] = (spans, flags)
        wanted.extend((i, r) for r in needed)
    title_rows = [i for i in sorted(focus_texts) if titles is not None and titles[i]]
    batch = [texts[i][slice(*ev_rows[i][0][r])] for i, r in wanted] \
        + [str(titles[i]) for i in title_rows]  # type: ignore[index]
    P_batch = model.proba(batch) if batch else None
    row_probs: dict[int, dict[int, Any]] = {}
    for n, (i, r) in enumerate(wanted):
        row_probs.setdefault(i, {})[r] = P_batch[n]
    title_probs = {i: P_batch[len(wanted) + n] for n, i in enumerate(title_rows)}
    for i in sorted(focus_texts):
        spans, flags = ev_rows[i]
        title = str(titles[i]) if titles is not None and titles[i] else ""
        victims = _victim_rows(spans, focus_spans[i]) if focus_spans is not None else set()
        kept = _focus_filter(model, decided[i], np.array([row_probs[i][r] for r in
                                                          range(len(spans))]),
                             flags, P[i], title_probs.get(i), _title_cues(cues, title),
                             victims, focus_lead, int(_param(model, "focus_repeat") or 0),
                             blocked=unsupported_rows(focus_texts[i]),
                             title_intrusion=bool(title) and title_tells_intrusion(title))
        for j in set(decided[i]) - set(kept):
            B[i, j] = 0
        for j in set(kept) - set(decided[i]):
            B[i, j] = 1   # other_unknown: the only labels were denied or questioned
            flags.setdefault(j, set())
        decided[i] = kept
        if kinds[i] is IncidentKind.INCIDENT and not any(j in specific_j or j == j_unk
                                                         for j in kept):
            kinds[i] = IncidentKind.VULNERABILITY  # an advisory: no incident label anchored
    requires_with = model_requires_with(model) if _param(model, "use_requires") else {}
    for label, others in requires_with.items():
        # a label given beside another needs its own concept named (malware beside
        # ransomware: a non-ransomware malware kind or family, not "the virus" that
        # encrypted the files)
        j = model.labels.index(label) if label in model.labels else None
        if j is None:
            continue
        for i, text in enumerate(texts):
            if not B[i, j]:
                continue
            title = str(titles[i]) if titles is not None and titles[i] else ""
            low = None
            for other, pat in others.items():
                jo = model.labels.index(other) if other in model.labels else None
                if jo is None or not B[i, jo]:
                    continue
                if low is None:
                    low = (title + "\n" + text[:max_chars]).lower()
                if not fast(pat).search(low):
                    B[i, j] = 0
                    decided[i] = [k for k in decided[i] if k != j]
                    break
    j_sc = model.labels.index("supply_chain") if "supply_chain" in model.labels else None
    for i, text in enumerate(texts):
        if j_sc is None or B[i, j_sc] or kinds[i] is not IncidentKind.INCIDENT \
                or not (english is None or english[i]):
            continue
        # a supplier told as the way in ("a cyber attack on its pathology provider") is a
        # supply-chain incident, however low the model's score (see supplier_rows)
        spans = ev_rows[i][0] if i in ev_rows else split_sentences(text[:max_chars])
        rows = supplier_rows([text[s:e].lower() for s, e in spans])
        title = str(titles[i]) if titles is not None and titles[i] else ""
        if rows or (title and supplier_rows([title.lower()])):
            B[i, j_sc] = 1
            decided[i] = [*decided[i], j_sc]
            if i in ev_rows:
                ev_rows[i][1][j_sc] = rows
    for i, text in enumerate(texts):
        if kinds[i] is not IncidentKind.INCIDENT or not (english is None or english[i]):
            continue
        spans = ev_rows[i][0] if i in ev_rows else split_sentences(text[:max_chars])
        title = str(titles[i]) if titles is not None and titles[i] else ""
        lows = [text[s:e].lower() for s, e in spans]
        added = _told_labels(model, cues, lows, title, B[i], i in focus_texts)
        for j, rows in added.items():
            decided[i] = [*decided[i], j] if B[i, j] else [k for k in decided[i] if k != j]
            if i in ev_rows and B[i, j]:
                ev_rows[i][1][j] = rows
    if not evidence:
        ev_rows = {}
    for i, text in enumerate(texts):
        chosen = decided[i]
        scores = {l: float(P[i, j]) for j, l in enumerate(model.labels) if j != j_unk}
        scores[UNKNOWN_LABEL] = float(P[i, -1]) if B[i, j_unk] else 0.0
        ev: dict[int, tuple[tuple[int, int], ...]] = {}
        if i in ev_rows:
            spans, flags = ev_rows[i]
            ev = _evidence(model, spans, flags, row_probs[i], chosen, max_evidence)
        labels = tuple(sorted((LabelScore(model.labels[j], round(scores[model.labels[j]], 4),
                                          ev.get(j, ())) for j in chosen),
                              key=lambda ls: (-ls.score, ls.label)))
        out.append(Classification(labels=labels, kind=kinds[i], scores=scores,
                                  incident_score=float(P[i, -1])))
    return out


# labels a sentence tells outright, however low the model's score: money taken is a fraud,
# an account taken over an account takeover, code planted in a payment page card skimming
# (label, rows of the text's sentences, whether the title tells it)
_TOLD_LABELS = (
    ("fraud_scam", money_taken_rows, money_taken_headline),
    ("account_takeover", account_taken_rows, lambda low: bool(account_taken_rows([low]))),
    ("card_skimming", skimming_code_rows, lambda low: bool(skimming_code_rows([low]))))


def _lower_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (:func:`split_sentences`), lower-cased."""
    return [text[s:e].lower() for s, e in split_sentences(text)]


def _tells_taking(text: str, title: str = "") -> bool:
    """Whether ``text`` (or ``title``) tells money or an account taken as having happened."""
    lows = _lower_sentences(text)
    low_title = title.lower()
    return bool(money_taken_rows(lows) or account_taken_rows(lows)) or bool(low_title) and (
        money_taken_headline(low_title) or bool(account_taken_rows([low_title])))


def _tells_incident(text: str, title: str = "") -> bool:
    """Whether an English text with no label cue still names a cyber event: an attack on
    systems ("an IT attack", "the attack hit a system supplied by a partner"), money or an
    account taken."""
    return attack_on_systems(title + "\n" + text) or _tells_taking(text, title)


# labels an advisory keeps whatever its sentences' mood: a data breach or a phishing lure that
# an advisory names is mostly one that happened
_ADVISORY_KEEPS = (UNKNOWN_LABEL, VULN_LABEL, "data_breach", "phishing_social_engineering")


def _drop_possible_labels(model: AttackTypeModel, cues: CueFeatures, text: str, title: str,
                          row: np.ndarray, j_vexp: int) -> bool:
    """In a short advisory (``row``: the text's label row, changed in place; long texts have the
    focus rule, :func:`_focus_filter`), drop each incident label
    (not the exploitation, which the advisory check decides, nor those in ``_ADVISORY_KEEPS``:
    malware, card skimming, DDoS …) that has cue sentences, all of
    which only tell a possibility or a denial (:func:`possibility_rows`; for ransomware also
    sentences naming it only as a kind of attacker, :func:`ransomware_actor_rows`: "a favourite
    of ransomware affiliates"), and no cue in the title. Returns whether a label was dropped."""
    labels = model.labels
    lows = _lower_sentences(text)
    possible = possibility_rows(lows)
    tcues = _title_cues(cues, title)
    dropped = False
    for j, l in enumerate(labels):
        if not row[j] or l in _ADVISORY_KEEPS or j == j_vexp or l in tcues:
            continue
        rows = _cue_rows(model, cues, j, lows)
        if rows and rows <= (possible | ransomware_actor_rows(lows) if l == "ransomware"
                             else possible):
            row[j] = 0
            dropped = True
    return dropped


def _told_labels(model: AttackTypeModel, cues: CueFeatures, lows: list[str], title: str,
                 row: np.ndarray, focused: bool) -> dict[int, set[int]]:
    """Label changes of an English incident that its sentences (``lows``) tell outright; ``row``
    (its label row) is changed in place. Returns {label index: evidence rows} for each label
    added or removed.

    * money taken, an account taken over, code planted in a payment page add ``fraud_scam``,
      ``account_takeover``, ``card_skimming`` (see :data:`_TOLD_LABELS`);
    * beside card skimming, ``malware`` stands only when a non-skimming malware kind is named
      (:func:`other_malware_named`: the skimming code is the taxonomy's card skimming);
    * in a text the focus rule did not read (``focused`` False: short texts), ``ransomware``
      whose every cue sentence denies, questions or compares it ("a wiper rather than
      ransomware", "did not say whether there was a ransom demand") and whose title names
      none is dropped, as the focus rule does for long texts;
    * ``other_unknown`` goes when an incident label other than ``supply_chain`` is left, and
      comes when none is."""
    labels = model.labels
    changed: dict[int, set[int]] = {}
    low_title = title.lower()
    for label, rows_of, in_title in _TOLD_LABELS:
        j = labels.index(label) if label in labels else None
        if j is None or row[j]:
            continue
        rows = rows_of(lows)
        if rows or (low_title and in_title(low_title)):
            row[j] = 1
            changed[j] = rows
    j_cs, j_mw = labels.index("card_skimming"), labels.index("malware")
    if row[j_cs] and row[j_mw] and not other_malware_named(low_title + "\n" + " ".join(lows)):
        row[j_mw] = 0
        changed[j_mw] = set()
    j_rw = labels.index("ransomware")
    denied = False
    if row[j_rw] and not focused and "ransomware" not in _title_cues(cues, title):
        rows = _cue_rows(model, cues, j_rw, lows)
        cue = cues.patterns_[cues.labels_.index("ransomware")] if rows else None
        if rows and rows <= ransomware_denied_rows(lows, cue):
            row[j_rw] = 0
            changed[j_rw] = set()
            denied = True
    j_unk = labels.index(UNKNOWN_LABEL)
    # (a supplier as the way in tells how, not what: "other_unknown, supply_chain" stays)
    specific = [j for j, l in enumerate(labels)
                if row[j] and l not in (UNKNOWN_LABEL, VULN_LABEL, "supply_chain")]
    if row[j_unk] and specific:
        row[j_unk] = 0
        changed[j_unk] = set()
    elif denied and not specific:
        row[j_unk] = 1   # every label was denied: an incident of unknown type
        changed[j_unk] = set()
    return changed


def _general_news(text: str, title: str | None = None, *, incident: bool = True) -> bool:
    """Whether an English article is general news, whatever the model says of it: a
    full-length one (``CHECK_MIN_CHARS``) that names no computer-security term, or a shorter
    one (``ASSET_MIN_CHARS`` on) that names neither such a term nor an information asset
    (records, files, data, a laptop, an email, a system …) together with something happening
    (stolen, sent to, viewed, in error …; see
    :func:`~pipeline.classifier_gate.tells_asset_event`). A full-length
    article read as an ``incident`` (and not as an advisory too: advisory news names the flaw,
    not an event) must also report a cyber event
    (:func:`~pipeline.classifier_gate.reports_cyber_event`): technology named in passing
    (laptops, servers, software, patient data) or one teaser line is not enough. The title
    counts as part of the text. At any length, an article is general news when its cue words
    are all in an everyday sense, when a cyber cause is ruled out and neither a security term
    nor an information asset with something happening to it is left
    (:func:`~pipeline.classifier_gate.negated_cyber_cause`), or when its title names a genre
    (review, results, funding …) and no attack. Otherwise texts under ``ASSET_MIN_CHARS`` are
    not judged by vocabulary: incident
    summaries tell data incidents in few, everyday words (of VCDB's summaries under 600
    characters the model calls incidents, 50 name no cyber term, no asset and no event word:
    medication handed to the wrong veteran, trade secrets sold), and no general-news page of
    the extraction benchmark that short is vetoed by such a check."""
    whole = text + "\n" + title if title else text
    if everyday_sense_only(whole) or negated_cyber_cause(whole):
        # at any length: the cue words are all in an everyday sense (a kidnapper's ransom, a
        # flu virus, a river that breached its banks), or a cyber cause is ruled out ("a
        # faulty update, not a cyber attack") and no security term is left
        return True
    if incident and title and genre_title(title) and not title_tells_intrusion(title):
        # a review, op-ed, explainer, survey, company results, funding round or strategy
        # launch whose title tells no intrusion: about cyber security, no attack reported
        return True
    if len(text) < ASSET_MIN_CHARS:
        return False
    if not (names_cyber_terms(text) or (title and names_cyber_terms(title))):
        return len(text) >= CHECK_MIN_CHARS or not tells_asset_event(
            text + "\n" + title if title else text)
    return incident and len(text) >= CHECK_MIN_CHARS and not reports_cyber_event(text, title)


# decision rules added after models were already saved: a model whose params lack the key was
# trained (and its thresholds tuned) without the rule, so for it the rule is off
_OFF_WHEN_MISSING: dict[str, Any] = {"use_requires": False, "focus_doc_p": 1.01}


def _param(model: AttackTypeModel, key: str) -> Any:
    """A decision parameter of the model, or its default (models trained before it existed;
    the rules in ``_OFF_WHEN_MISSING`` are off for them)."""
    if key in _OFF_WHEN_MISSING:
        return model.params.get(key, _OFF_WHEN_MISSING[key])
    return model.params.get(key, DEFAULT_PARAMS.get(key))


def _victim_rows(spans: Sequence[tuple[int, int]],
                 marks: Sequence[tuple[int, int]] | None) -> set[int]:
    """Rows of the sentences ``spans`` that contain one of the character spans ``marks``
    (mentions of the victim)."""
    out: set[int] = set()
    for ms, me in marks or ():
        for r, (s, e) in enumerate(spans):
            if s <= ms < e:
                out.add(r)
                break
    return out


def _title_cues(cues: CueFeatures, title: str) -> set[str]:
    """Labels with a cue match in the title."""
    if not title:
        return set()
    return {l for l, starts in zip(cues.labels_, cues.matches(title)) if starts}


def _advisory_reports_exploitation(model: AttackTypeModel, cues: CueFeatures, text: str,
                                   j_vexp: int, title: str | None = None) -> bool:
    """Whether an advisory labelled vulnerability_exploitation says its flaw was exploited: a
    sentence (or the title) reports exploitation as having happened — an exploit verb, "in
    the wild", a flaw used or abused, an attack through a flaw — without only saying it could
    happen, and no sentence denies it ("no evidence it has been exploited"; "no personal data
    was accessed" denies a breach, not the exploitation). A flaw class
    named ("a cross-site scripting flaw", "a zero-day vulnerability was patched") is no
    exploitation."""
    lows = _lower_sentences(text)
    if title:
        lows.insert(0, str(title).lower())
    if not lows or any(_EXPLOIT_DENIAL_RE.search(low) for low in lows):
        return False
    if not _has_cue_pattern(model, cues, j_vexp):
        return True  # a model without cues for the label: its probability decides
    return bool(_exploitation_rows(lows))


def _focus_filter(model: AttackTypeModel, chosen: list[int], PS: np.ndarray,
                  flags: Mapping[int, set[int] | None], p_doc: np.ndarray,
                  p_title: np.ndarray | None, title_cues: set[str], victim_rows: set[int],
                  lead: int, repeat: int, denials: set[int] = frozenset(),
                  blocked: Mapping[str, set[int]] | None = None,
                  title_intrusion: bool = False) -> list[int]:
    """The labels of a long article that are anchored in the sentences reporting its incident.

    News articles mention other attack types in passing (background, advice, comparisons,
    vendor statistics); those mentions make the whole-text model fire. A label of an incident
    (not ``vulnerability_disclosure``, not ``other_unknown``) stands when

    * a sentence of the *lead* supports it: the title, or one of the ``lead`` sentences from
      the first sentence that reports any attack (a sentence whose own probability reaches a
      label's threshold; within the first 2 x ``lead`` sentences, else from the top) on — support = the sentence's probability reaches the label's
      threshold, or a cue of the label matches it and its probability is >= ``focus_cue_p``;
    * a sentence naming the victim (``victim_rows``) has the label's probability above the
      threshold; or
    * at least ``repeat`` sentences support it (the article keeps talking about it); or
    * its whole-text probability reaches ``focus_doc_p`` (the article as a whole is about it,
      e.g. a scam told over many short sentences none of which is sure on its own), except
      for the labels in ``focus_doc_p_skip`` (data_breach: see :data:`DEFAULT_PARAMS`) and
      for a label some sentence of which cannot support it (``denials``, ``blocked``: an
      advisory that says the flaw has not been exploited is not about an exploitation, however
      sure the whole-text model is).

    A sentence's probability supports a label when it reaches the label's threshold and
    ``focus_min_p`` (one sentence is a short text; the thresholds were tuned for whole texts).

    A sentence that denies a breach or an exploitation (``denials``, see :func:`denial_rows`)
    supports neither ``data_breach`` nor ``vulnerability_exploitation``.

    When no incident label is anchored, the best-scoring one stays (the text was judged an
    incident; its main type is still the best guess), but not a label whose every cue
    sentence cannot support it ("it did not say whether ransomware was involved"): with no
    other label, the type is ``other_unknown`` — unless ``vulnerability_disclosure`` is
    among the labels: then the article is an advisory and no incident label stays, except when
    the title tells an intrusion as having happened (``title_intrusion``, see
    :func:`title_tells_intrusion`: "Security firm says hackers stole its testing tools" is an
    incident at a firm known for finding flaws): then the best incident label other than
    ``vulnerability_exploitation`` stays. An anchored label whose whole-text
    probability is below ``focus_relative`` x the top label's (vulnerability_disclosure
    included) is dropped too, unless the title supports it: a long article reports one
    incident, and its secondary types need nearly the support of its main one. ``PS``: per-sentence probabilities
    (rows = sentences, columns = labels + incident)."""
    labels = model.labels
    spec = [j for j in chosen if labels[j] not in (UNKNOWN_LABEL, VULN_LABEL)]
    if not spec or PS.size == 0:
        return chosen
    spec_all = [j for j, l in enumerate(labels) if l not in (UNKNOWN_LABEL, VULN_LABEL)]
    t = np.array([model.thresholds.get(l, 1.01) for l in labels])
    t = np.maximum(t, float(_param(model, "focus_min_p") or 0.0))
    sup = PS[:, : len(labels)] >= t
    deniable = [j for j, l in enumerate(labels) if l in _DENIABLE]
    for r in denials:
        if r < sup.shape[0]:
            sup[r, deniable] = False
    unsup: dict[int, set[int]] = {j: set(denials) for j in deniable}
    for l, rows_l in (blocked or {}).items():
        if l in labels:
            j = labels.index(l)
            unsup[j] = unsup.get(j, set()) | set(rows_l)
            for r in rows_l:
                if r < sup.shape[0]:
                    sup[r, j] = False
    for l in _param(model, "focus_cue_labels") or ():
        # a sentence supports this label only when it names one of its cues
        j = labels.index(l) if l in labels else None
        if j is not None and flags.get(j) is not None:
            keep_rows = np.zeros(sup.shape[0], dtype=bool)
            keep_rows[[r for r in flags[j] if r < sup.shape[0]]] = True
            sup[:, j] &= keep_rows | (PS[:, j] >= float(_param(model, "focus_nocue_p") or 1.01))
    attack = sup[:, spec_all].any(axis=1)
    start = int(np.argmax(attack)) if attack.any() else 0
    if start >= 2 * lead:
        start = 0  # the first attack sentence is far down: the lead is the article's top
    window = set(range(start, start + lead))
    cue_p = float(_param(model, "focus_cue_p") or 0.0)
    doc_p = float(_param(model, "focus_doc_p") or 1.01)
    doc_p_skip = set(_param(model, "focus_doc_p_skip") or ())
    n_rows = sup.shape[0]
    keep: list[int] = []
    titled: set[int] = set()
    for j in spec:
        rows = set(np.flatnonzero(sup[:, j]).tolist())
        cue_rows = {r for r in (flags.get(j) or set()) & window if PS[r, j] >= cue_p
                    and r not in unsup.get(j, ())}
        in_title = labels[j] in title_cues or (p_title is not None and p_title[j] >= t[j])
        if in_title:
            titled.add(j)
        if (in_title or bool(rows & window) or bool(cue_rows) or bool(rows & victim_rows)
                or len(rows) >= repeat or (p_doc[j] >= doc_p and labels[j] not in doc_p_skip
                                           and not any(r < n_rows for r in unsup.get(j, ())))):
            keep.append(j)
    if not keep:
        # a label whose every cue sentence cannot support it ("it did not say whether
        # ransomware was involved") is no best guess: the text is of unknown type
        best_of = [j for j in spec if not (flags.get(j) and unsup.get(j)
                                           and set(flags[j]) <= unsup[j])]
        if not best_of and not any(labels[j] == VULN_LABEL for j in chosen):
            return [j for j in chosen if j not in spec] + [labels.index(UNKNOWN_LABEL)]
        if any(labels[j] == VULN_LABEL for j in chosen):
            # an advisory, unless its title tells an intrusion: then its best label other than
            # the exploitation (which the advisory's own check decides) stays, of those some
            # sentence can support
            if not title_intrusion:
                return [j for j in chosen if j not in spec]
            best_of = [j for j in best_of if labels[j] != "vulnerability_exploitation"]
            if not best_of:
                # the intrusion is told, every label it could be of is denied or questioned
                # ("no personal information was taken by the hacker"): of unknown type
                return [j for j in chosen if j not in spec] + (
                    [labels.index(UNKNOWN_LABEL)] if any(
                        labels[j] != "vulnerability_exploitation" for j in spec) else [])
        keep = [max(best_of, key=lambda j: p_doc[j])]
    rel = float(_param(model, "focus_relative") or 0.0)
    if rel > 0:
        top = max(p_doc[j] for j in chosen if labels[j] != UNKNOWN_LABEL)
        keep = [j for j in keep if j in titled or p_doc[j] >= rel * top] \
            or [max(keep, key=lambda j: p_doc[j])]
    return [j for j in chosen if j in keep or j not in spec]


def _has_cue_pattern(model: AttackTypeModel, cues: CueFeatures, j: int) -> bool:
    """Whether label ``j`` of ``model`` has a cue pattern in ``cues``."""
    label = model.labels[j]
    return label in cues.labels_ and cues.patterns_[cues.labels_.index(label)] is not None


def _cue_rows(model: AttackTypeModel, cues: CueFeatures, j: int,
              lows: list[str], found: list[list[list[int]]] | None = None) -> set[int] | None:
    """Rows of the lower-cased sentences ``lows`` with a cue of label ``j`` (None: the label
    has no cue pattern). ``found``: ``cues.matches`` of each sentence, when already known."""
    if not _has_cue_pattern(model, cues, j):
        return None
    k = cues.labels_.index(model.labels[j])
    pat = cues.patterns_[k]
    if found is not None:
        return {r for r, f in enumerate(found) if f[k]}
    pat = fast(pat)
    return {r for r, low in enumerate(lows) if pat.search(low)}


def _evidence(model, spans: list[tuple[int, int]], flags: dict[int, set[int] | None],
              probs: dict[int, Any], chosen: list[int],
              k: int) -> dict[int, tuple[tuple[int, int], ...]]:
    """Per chosen label: its k best sentences, those with cue matches first, then by the
    model's sentence-level score (``probs``: row -> probabilities, for the rows that can
    rank in the top k)."""
    out = {}
    for j in chosen:
        label = model.labels[j]
        col = -1 if label == UNKNOWN_LABEL else j
        rows = flags[j] or set()
        ranked = sorted(probs, key=lambda r: (-(1 if r in rows else 0), -probs[r][col], r))
        out[j] = tuple(sorted(spans[r] for r in ranked[:k]))
    return out


def predict(model: AttackTypeModel, texts: Sequence[str], **kw) -> list[list[LabelScore]]:
    """Attack-type labels per text (above per-label thresholds, by score, with evidence)."""
    return [list(c.labels) for c in classify(model, texts, **kw)]


# --------------------------------------------------------------------------- scoring

def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_sets(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]],
               label_space: Sequence[str]) -> dict[str, Any]:
    """Per-label and micro/macro P/R/F1 of label sets (restricted to ``label_space``).

    A prediction left empty by the restriction becomes other_unknown when that label is in the
    space (the data set knows no finer type for it)."""
    space = list(label_space)
    per = {l: [0, 0, 0] for l in space}
    for g, p in zip(gold, pred):
        g, p = set(g) & set(space), set(p) & set(space)
        if not p and UNKNOWN_LABEL in space:
            p = {UNKNOWN_LABEL}
        for l in space:
            per[l][0] += int(l in g and l in p)
            per[l][1] += int(l not in g and l in p)
            per[l][2] += int(l in g and l not in p)
    out = {"labels": {}}
    for l, (tp, fp, fn) in per.items():
        out["labels"][l] = {**prf(tp, fp, fn), "support": tp + fn}
    tp, fp, fn = (sum(v[i] for v in per.values()) for i in range(3))
    out["micro"] = prf(tp, fp, fn)
    present = [l for l in space if out["labels"][l]["support"] > 0]
    out["macro_f1"] = round(sum(out["labels"][l]["f1"] for l in present) / len(present), 4) \
        if present else 0.0
    out["n"] = len(gold)
    return out


def _scores_from_arrays(labels, B, G) -> dict[str, Any]:
    gold = [[labels[j] for j in np.flatnonzero(row)] for row in G]
    pred = [[labels[j] for j in np.flatnonzero(row)] for row in B]
    return score_sets(gold, pred, labels)


def evaluate(model: AttackTypeModel, examples: Sequence[Example],
             label_space: Sequence[str] | None = None) -> dict[str, Any]:
    """P/R/F1 per label, micro and macro, of the model on labelled examples."""
    space = list(label_space or model.labels)
    preds = classify(model, [ex.text for ex in examples], evidence=False)
    gold = []
    for ex in examples:
        g = set(ex.labels)
        if not (g - {VULN_LABEL, UNKNOWN_LABEL}) and example_kind(ex) == "incident":
            g.add(UNKNOWN_LABEL)
        gold.append(g)
    return score_sets(gold, [[ls.label for ls in c.labels] for c in preds], space)


# --------------------------------------------------------------------------- persistence

def _versions() -> dict[str, str]:
    import joblib
    import scipy
    import sklearn
    return {"python": platform.python_version(), "sklearn": sklearn.__version__,
            "numpy": np.__version__, "scipy": scipy.__version__, "joblib": joblib.__version__}


def _git_sha() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_DIR, capture_output=True,
                              text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def save_model(model: AttackTypeModel, out_dir: str | Path) -> Path:
    """Write model.joblib + meta.json (+ MODEL_CARD.md) into ``out_dir``."""
    import joblib
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = dict(model.meta)
    meta.setdefault("trained_at", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    meta.update({"versions": _versions(), "labels": model.labels,
                 "thresholds": model.thresholds, "params": _jsonable(model.params),
                 "format": 1})
    meta.setdefault("git_sha", _git_sha())
    meta.setdefault("model_version", "attack_types-" + meta["trained_at"][:19].replace(":", ""))
    model.meta = meta
    joblib.dump({"pipeline": model.pipeline, "labels": model.labels,
                 "thresholds": model.thresholds, "params": model.params},
                out_dir / MODEL_FILE, compress=3)
    (out_dir / META_FILE).write_text(json.dumps(_jsonable(meta), indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")
    (out_dir / CARD_FILE).write_text(model_card(meta), encoding="utf-8")
    return out_dir


def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (np.floating, np.integer)):
        return obj.item()
    return obj


def load_meta(model_dir: str | Path) -> dict[str, Any] | None:
    path = Path(model_dir) / META_FILE
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ModelError(f"{path} is corrupt ({exc}): run `incidents retrain`") from exc


def _check_stored_gate(model: AttackTypeModel, model_dir: Path, key: str, shape: str,
                       check) -> None:
    """Validate a gate stored in the model's params (``requires``/``requires_with``) with the
    taxonomy's own checker, naming the model file."""
    stored = model.params.get(key)
    if stored is None:
        return
    if not isinstance(stored, Mapping):
        raise ConfigError(f"{model_dir / MODEL_FILE}: params '{key}' must map labels to "
                          f"{shape}, got {stored!r}")
    check({"labels": {l: {key: v} for l, v in stored.items()}}, model_dir / MODEL_FILE)


def load_model(model_dir: str | Path = DEFAULT_MODEL_DIR) -> AttackTypeModel:
    """Load our own model files; library version mismatch -> ModelError ("run `incidents retrain`")."""
    import joblib
    import sklearn
    from sklearn.exceptions import InconsistentVersionWarning
    model_dir = Path(model_dir)
    meta = load_meta(model_dir)
    if meta is None or not (model_dir / MODEL_FILE).is_file():
        raise ModelError(f"no attack-type model in {model_dir}: run `incidents retrain`")
    trained = meta.get("versions", {}).get("sklearn")
    if trained != sklearn.__version__:
        raise ModelError(f"attack-type model trained with scikit-learn {trained}, installed "
                         f"{sklearn.__version__}: run `incidents retrain`")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", InconsistentVersionWarning)
            blob = joblib.load(model_dir / MODEL_FILE)
    except InconsistentVersionWarning as exc:
        raise ModelError(f"attack-type model in {model_dir} is from another scikit-learn "
                         f"version ({exc}): run `incidents retrain`") from exc
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means a broken model
        raise ModelError(f"cannot load {model_dir / MODEL_FILE} ({exc}): run `incidents retrain`") from exc
    model = AttackTypeModel(pipeline=blob["pipeline"], labels=list(blob["labels"]),
                            thresholds=dict(blob["thresholds"]), params=dict(blob["params"]),
                            meta=meta)
    if _param(model, "use_requires"):
        # a malformed stored gate is a ConfigError now, not a re.error on the first article
        _check_stored_gate(model, model_dir, "requires", "pattern lists", requires_lists)
        model_requires(model)
        _check_stored_gate(model, model_dir, "requires_with", "{label: patterns}",
                           requires_with_lists)
        model_requires_with(model)
    return model


def model_card(meta: Mapping[str, Any]) -> str:
    lines = ["# Attack-type classifier — model card", "",
             f"- model version: `{meta.get('model_version', '')}`",
             f"- trained at: {meta.get('trained_at', '')} (git {meta.get('git_sha', '')[:12]})",
             f"- library versions: {json.dumps(meta.get('versions', {}))}",
             f"- training examples: {meta.get('n_examples', '?')}"]
    bags = int((meta.get("params") or {}).get("bags") or 1)
    if bags > 1:
        lines.append(f"- bagging: {bags} fits over {bags} pseudo-article draws (seeds "
                     f"{(meta.get('params') or {}).get('seed', 0)}..+{bags - 1}), their linear "
                     "models averaged into one (coefficients and intercepts), Platt-calibrated "
                     "and thresholded on the out-of-fold probabilities of that average")
    lines += ["", "## Training data", ""]
    for d in meta.get("data", []):
        lines.append(f"- `{d['path']}`: {d['n']} examples, sha256 `{d['sha256']}`"
                     + (f" — {d['credit']}" if d.get("credit") else ""))
    lines += ["", "CASIE, THN and Hackmageddon were used for evaluation only (no licence).",
              "VCDB summaries: " + VCDB_CREDIT + ". The model is trained on them; VCDB text is "
              "not redistributed in this repository.", "",
              "## Scores", "", "| set | micro P | micro R | micro F1 | macro F1 | n |",
              "|---|---:|---:|---:|---:|---:|"]
    for name, sc in meta.get("scores", {}).items():
        m = sc.get("micro", {})
        lines.append(f"| {name} | {m.get('precision', 0):.3f} | {m.get('recall', 0):.3f} | "
                     f"{m.get('f1', 0):.3f} | {sc.get('macro_f1', 0):.3f} | {sc.get('n', '')} |")
    lines += ["", "## Pinned floors (the retrain gate)", ""]
    for k, v in sorted(meta.get("floors", {}).items()):
        lines.append(f"- {k}: {v}")
    lines += ["", "## Per-label thresholds", "",
              "Tuned on the out-of-fold probabilities of the training data (never on CASIE, "
              "THN or Hackmageddon). A label with a cue factor also fires when its keyword "
              "rule fires (>= 1 cue match in a text under 600 characters, >= 2 otherwise) and "
              "its probability reaches factor x threshold.", ""]
    alpha = (meta.get("params") or {}).get("cue_alpha") or {}
    for k, v in sorted(meta.get("thresholds", {}).items()):
        lines.append(f"- {k}: {v}" + (f" (cue factor {alpha[k]})" if k in alpha else ""))
    if meta.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in meta["notes"]]
    lines += ["", "## Non-English articles", "",
              "Articles whose language (`doc._.language`) is German, French, Italian, Spanish "
              "or Dutch are labelled by the cue lexicon `data/attack_cues_i18n.json` (team-"
              "written), not by this model; see `pipeline/classifier_lexicon.py`."]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- retrain + gate
# The retrain workflow lives in pipeline.classifier_retrain; its names stay importable from here
# (resolved lazily: that module imports this one).
_RETRAIN_NAMES = {"FLOOR_EPS", "FLOOR_MIN_SUPPORT", "EvalSets", "TrainReport", "check_floors",
                  "cross_validate", "floors_from_scores", "noise_eps", "retrain",
                  "suggest_labels"}


def __getattr__(name: str):
    if name in _RETRAIN_NAMES:
        from pipeline import classifier_retrain
        return getattr(classifier_retrain, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AttackTypeModel", "Classification", "CueFeatures", "CalibratedLinearOVR", "Example",
    "TrainReport", "build_pipeline", "classify", "cross_validate", "evaluate",
    "gather_training_data", "load_examples", "load_model", "load_taxonomy", "load_vcdb",
    "predict", "retrain", "save_model", "score_sets", "select_threshold", "shared_eval_sets",
    "split_sentences", "suggest_labels", "tune_thresholds",
    "train",
    # re-exported from pipeline.classifier_data
    "DATA_PARAMS", "DEFAULT_VCDB_PATH", "LABELS_DIR", "REPO_DIR", "SHARED_CORPORA",
    "TAXONOMY_PATH", "UNKNOWN_LABEL", "VCDB_CREDIT", "VULN_LABEL", "casie_eval_set",
    "example_kind", "file_sha256", "gold_eval_set", "hackmageddon_eval_set",
    "shipped_data_files", "taxonomy_labels", "vcdb_labels",
]
