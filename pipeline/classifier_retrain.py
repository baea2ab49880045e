"""Retrain workflow of the attack-type classifier: train on shipped + user data, score, and
replace the shipped model only when no pinned floor drops (the quality gate).

Public verbs: :func:`retrain` (train, score on out-of-fold / cross-validation / the evaluation
sets present, check floors, write ``models/attack_types`` with its model card),
:func:`cross_validate`, :func:`suggest_labels` (texts the model is least sure about) and the
gate helpers :func:`floors_from_scores`, :func:`check_floors`, :func:`noise_eps`.
All of them stay importable from :mod:`pipeline.classifier`.
"""
from __future__ import annotations

import math
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from sklearn.model_selection import GroupKFold

from pipeline.classifier import (
    DEFAULT_MODEL_DIR, DEFAULT_PARAMS, INCIDENT_COL, AttackTypeModel, classify, dedupe,
    evaluate, load_meta, save_model, score_sets, train,
)
from pipeline.classifier_data import (
    DEFAULT_VCDB_PATH, UNKNOWN_LABEL, VULN_LABEL, Example, example_kind,
    gather_training_data, shared_eval_sets, taxonomy_labels,
)
from pipeline.errors import RegressionError

FLOOR_EPS = 0.02               # the gate ignores drops smaller than this (noise)
FLOOR_MIN_SUPPORT = 20


@dataclass
class TrainReport:
    """What ``retrain`` did: scores, gate verdict, where the model went."""

    model_dir: Path
    scores: dict[str, Any]
    floors: dict[str, float]
    previous_floors: dict[str, float]
    regressions: list[str]
    replaced: bool
    data: list[dict[str, Any]]
    model: AttackTypeModel | None = None

    def format(self) -> str:
        return self.table()

    def table(self) -> str:
        lines = []
        for name, sc in self.scores.items():
            lines.append(f"== {name}: micro P/R/F1 {sc['micro']['precision']:.3f} / "
                         f"{sc['micro']['recall']:.3f} / {sc['micro']['f1']:.3f}, "
                         f"macro F1 {sc['macro_f1']:.3f} (n={sc['n']})")
            lines.append(f"{'label':<30}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}")
            for l, v in sc["labels"].items():
                if v["support"] or v["precision"]:
                    lines.append(f"{l:<30}{v['precision']:>7.3f}{v['recall']:>7.3f}"
                                 f"{v['f1']:>7.3f}{v['support']:>9}")
        if self.regressions:
            lines.append("REGRESSIONS: " + "; ".join(self.regressions))
        lines.append(("model written to " if self.replaced else "model NOT replaced: ")
                     + str(self.model_dir))
        return "\n".join(lines)


def noise_eps(n: int, eps: float = FLOOR_EPS) -> float:
    """Allowed drop below a score measured on ``n`` items: max(eps, 0.5/sqrt(n))."""
    return max(eps, 0.5 / math.sqrt(max(n, 1)))


def floors_from_scores(scores: Mapping[str, Any], eps: float = FLOOR_EPS) -> dict[str, float]:
    """Pinned floors = score minus noise (the noise shrinks with the number of items)."""
    floors = {}
    for name, sc in scores.items():
        e = noise_eps(sc.get("n", 0), eps)
        floors[f"{name}/micro_f1"] = round(max(0.0, sc["micro"]["f1"] - e), 3)
        floors[f"{name}/macro_f1"] = round(max(0.0, sc["macro_f1"] - e), 3)
        for l, v in sc["labels"].items():
            if v["support"] >= FLOOR_MIN_SUPPORT:
                floors[f"{name}/{l}/f1"] = round(max(0.0, v["f1"] - noise_eps(v["support"], eps)), 3)
    return floors


def check_floors(scores: Mapping[str, Any], floors: Mapping[str, float]) -> list[str]:
    """Names of pinned floors the new scores fall below (metrics not measured are skipped)."""
    out = []
    for key, floor in sorted(floors.items()):
        parts = key.split("/")
        sc = scores.get(parts[0])
        if sc is None:
            continue
        if parts[1] == "micro_f1":
            value = sc["micro"]["f1"]
        elif parts[1] == "macro_f1":
            value = sc["macro_f1"]
        else:
            lab = sc["labels"].get(parts[1])
            if lab is None or lab["support"] == 0:
                continue
            value = lab["f1"]
        if value < floor:
            out.append(f"{key} {value:.3f} < floor {floor:.3f}")
    return out


EvalSets = Mapping[str, tuple[Sequence[Example], Sequence[str]]]


def retrain(data_files: Sequence[str | Path] | None = (), out_dir: str | Path = DEFAULT_MODEL_DIR,
            *, allow_regression: bool = False,
            eval_sets: EvalSets | Callable[[], EvalSets] | str | None = "auto",
            include_shipped: bool = True, vcdb_path: str | Path | None = DEFAULT_VCDB_PATH,
            params: Mapping[str, Any] | None = None, cv_folds: int = 0,
            text_lookup=None, log: Callable[[str], None] | None = None) -> TrainReport:
    """Train on shipped + given data, score, and replace ``out_dir`` unless a floor drops.

    Scores: ``oof`` (the internal out-of-fold predictions of training, always), ``cv`` (an
    outer k-fold cross-validation when ``cv_folds`` > 1) and each evaluation set present.
    ``eval_sets="auto"`` scores the evaluation sets present in ../shared (none when absent).
    The floors pinned in the current model's meta.json are checked; a drop raises
    :class:`RegressionError` unless ``allow_regression``.
    """
    log = log or (lambda s: None)
    out_dir = Path(out_dir)
    data_files = list(data_files or ())
    if eval_sets == "auto":
        eval_sets = shared_eval_sets
    p = {**DEFAULT_PARAMS, **(params or {})}
    examples, data = gather_training_data(data_files, include_shipped=include_shipped,
                                          vcdb_path=vcdb_path, params=p, text_lookup=text_lookup)
    log(f"training on {len(examples)} examples from {len(data)} files")
    model = train(examples, p)
    scores: dict[str, Any] = {"oof": model.meta.pop("oof")}
    if cv_folds > 1:
        scores["cv"] = cross_validate(examples, p, folds=cv_folds)
    if callable(eval_sets):
        eval_sets = eval_sets()
    for name, (ex, space) in (eval_sets or {}).items():
        log(f"scoring on {name} ({len(ex)} examples)")
        scores[name] = evaluate(model, ex, space)
    old = load_meta(out_dir) or {}
    previous_floors = dict(old.get("floors", {}))
    regressions = check_floors(scores, previous_floors)
    new_floors = floors_from_scores(scores)
    if not allow_regression:
        for k, v in previous_floors.items():
            new_floors[k] = max(v, new_floors.get(k, v))
    report = TrainReport(model_dir=out_dir, scores=scores, floors=new_floors,
                         previous_floors=previous_floors, regressions=regressions,
                         replaced=False, data=data, model=model)
    if regressions and not allow_regression:
        raise RegressionError(
            "retrained attack-type model scores below pinned floors: " + "; ".join(regressions)
            + f". The model in {out_dir} was kept; fix the data or pass --allow-regression")
    model.meta.update({"scores": scores, "floors": new_floors, "data": data,
                       "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".attack_types-", dir=out_dir.parent))
    try:
        save_model(model, tmp)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    report.replaced = True
    return report


def cross_validate(examples: Sequence[Example], params: Mapping[str, Any] | None = None, *,
                   folds: int = 5, label_space: Sequence[str] | None = None,
                   score_only: Callable[[Example], bool] | None = None) -> dict[str, Any]:
    """Grouped k-fold CV of the whole training procedure; scores the held-out folds
    (restricted to examples where ``score_only`` is true, if given)."""
    examples = dedupe(examples)
    groups = np.array([ex.group or f"_{i}" for i, ex in enumerate(examples)])
    gold, pred = [], []
    labels = taxonomy_labels()
    for tr, te in GroupKFold(n_splits=folds).split(np.zeros(len(examples)), groups=groups):
        model = train([examples[i] for i in tr], params)
        test = [examples[i] for i in te if score_only is None or score_only(examples[i])]
        for ex, c in zip(test, classify(model, [ex.text for ex in test], evidence=False)):
            g = set(ex.labels)
            if not (g - {VULN_LABEL, UNKNOWN_LABEL}) and example_kind(ex) == "incident":
                g.add(UNKNOWN_LABEL)
            gold.append(g)
            pred.append([ls.label for ls in c.labels])
    return score_sets(gold, pred, label_space or labels)


def suggest_labels(texts_by_id: Mapping[str, str], model: AttackTypeModel,
                   n: int = 20) -> list[tuple[str, float]]:
    """The ``n`` texts the model is least sure about: smallest margin between any label's
    probability (or the incident probability) and its threshold. Ascending margin."""
    ids = list(texts_by_id)
    if not ids:
        return []
    P = model.proba([texts_by_id[i] for i in ids])
    t = np.array([model.thresholds.get(l, 1.01) for l in model.labels]
                 + [model.thresholds[INCIDENT_COL]])
    margins = np.abs(P - t)
    j_unk = model.labels.index(UNKNOWN_LABEL)
    margins[:, j_unk] = np.inf
    m = margins.min(axis=1)
    order = sorted(range(len(ids)), key=lambda i: (m[i], ids[i]))
    return [(ids[i], round(float(m[i]), 4)) for i in order[:n]]


__all__ = ["FLOOR_EPS", "FLOOR_MIN_SUPPORT", "EvalSets", "TrainReport", "check_floors",
           "cross_validate", "floors_from_scores", "noise_eps", "retrain", "suggest_labels"]
