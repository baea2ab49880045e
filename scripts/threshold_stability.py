"""How much do the attack-type classifier's per-label thresholds move between retrains?

A user who adds or corrects a few labels and runs ``incidents retrain`` should not see
unrelated labels change behaviour. This script fits the classifier the way ``retrain`` does
(same training data, same params) once on all rows and ``--runs`` times with a random
``--drop`` fraction of the training rows left out (seed = run number), keeps each fit's
out-of-fold probabilities, and then tunes the per-label thresholds from them with each
threshold-selection method (``threshold_select`` in pipeline.classifier.DEFAULT_PARAMS:
"best" = argmax of the raw F1 curve, the method of the shipped model; "plateau" = centre of
the plateau of the smoothed F1 curve). It prints, per label and method, the thresholds of
the runs and their spread (max - min), plus the mean absolute move from the all-rows fit.

Both methods are applied to the same fits, so the difference is the selection alone.
Fits are cached in ``--cache`` (re-running only re-tunes). ``--augment-draw stream`` refits
with the pseudo-articles of earlier models, which were all redrawn when any row changed
(their fits are cached in ``--cache`` itself, the stable draw's in ``--cache``/stable). Training reads VCDB from
../shared (licence allows training); CASIE, THN and Hackmageddon are not touched.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice .venv/bin/python \
        scripts/threshold_stability.py --runs 5 --drop 0.01
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from pipeline import classifier as C
from pipeline.classifier_data import DEFAULT_VCDB_PATH, gather_training_data, taxonomy_labels


def fit_arrays(examples, p) -> dict[str, np.ndarray]:
    """Train like ``retrain`` and return what threshold tuning reads."""
    arrays: dict = {}
    model = C.train(examples, p, arrays=arrays)
    return {**{k: arrays[k] for k in ("oof", "Y", "w", "news", "K")},
            "thresholds_trained": np.array([model.thresholds.get(l, np.nan)
                                            for l in model.labels])}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--drop", type=float, default=0.01, help="fraction of rows left out per run")
    ap.add_argument("--cache", default="out/threshold_stability")
    ap.add_argument("--methods", default="best,plateau")
    ap.add_argument("--json", help="write the thresholds per method and run here")
    ap.add_argument("--augment-draw", default=C.DEFAULT_PARAMS["augment_draw"],
                    choices=C.AUGMENT_DRAW,
                    help="how pseudo-articles are drawn (see classifier.augment): 'stable' "
                         "(consistent hashing, the default) or 'stream' (earlier models, all "
                         "redrawn when any row changes); fits are cached per draw")
    ap.add_argument("--bags", type=int, default=C.DEFAULT_PARAMS["bags"],
                    help="pseudo-article draws averaged per fit (params 'bags'; 1 = the single "
                         "fit of models before session 7); fits are cached per value")
    ap.add_argument("--cached-only", action="store_true",
                    help="no new fits: tune on the runs already in --cache")
    args = ap.parse_args(argv)
    p = {**C.DEFAULT_PARAMS, "augment_draw": args.augment_draw, "bags": args.bags}
    # fits of the earlier 'stream' draw stay where they were cached before the option existed
    cache = Path(args.cache) if args.augment_draw == "stream" else Path(args.cache) / args.augment_draw
    if args.bags > 1:
        cache = cache.with_name(f"{cache.name}-bags{args.bags}")
    cache.mkdir(parents=True, exist_ok=True)
    labels = taxonomy_labels()
    examples = None
    fits = {}
    for r in [-1] + list(range(args.runs)):
        name = "all" if r < 0 else f"drop{args.drop}-seed{r}"
        f = cache / f"{name}.npz"
        if not f.is_file() and args.cached_only:
            continue
        if not f.is_file():
            if examples is None:
                examples, _ = gather_training_data((), vcdb_path=DEFAULT_VCDB_PATH, params=p)
            rows = examples if r < 0 else [
                e for e, keep in zip(examples, np.random.default_rng(r).random(len(examples))
                                     >= args.drop) if keep]
            t0 = time.time()
            np.savez_compressed(f, **fit_arrays(rows, p))
            print(f"fit {name}: {len(rows)} rows, {time.time() - t0:.0f} s", file=sys.stderr,
                  flush=True)
        fits[name] = dict(np.load(f))
    names = list(fits)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for method in args.methods.split(","):
        pm = {**p, "threshold_select": method}
        out[method] = {}
        for name in names:
            a = fits[name]
            th, alphas = C.tune_thresholds(a["oof"], a["Y"], a["w"], a["news"], a["K"],
                                           labels, pm)
            out[method][name] = {l: (th[l], alphas.get(l)) for l in th}
    if "all" not in fits or len(fits) < 2:
        print("need the all-rows fit and at least one run", file=sys.stderr)
        return 2
    print(f"per-label thresholds: all rows, then {len(names) - 1} runs each dropping "
          f"{args.drop:.0%} of the rows; (t, cue factor); spread = max - min over all "
          f"{len(names)} fits; move = mean |t - t_all|")
    summary = {}
    for method, by_run in out.items():
        print(f"\n== threshold_select={method}")
        spreads, moves, changed = [], [], 0
        for l in by_run["all"]:
            ts = [by_run[n][l][0] for n in names]
            spread = max(ts) - min(ts)
            move = float(np.mean([abs(t - ts[0]) for t in ts[1:]]))
            changed += sum(by_run[n][l] != by_run["all"][l] for n in names[1:])
            spreads.append(spread)
            moves.append(move)
            cells = " ".join(f"{by_run[n][l][0]:.3f}" + (f"/{by_run[n][l][1]:g}"
                                                           if by_run[n][l][1] is not None else "")
                             for n in names)
            print(f"{l:<30} spread {spread:.3f} move {move:.3f}  {cells}")
        summary[method] = {"mean_spread": round(float(np.mean(spreads)), 4),
                           "max_spread": round(float(np.max(spreads)), 4),
                           "mean_move": round(float(np.mean(moves)), 4),
                           "changed_label_runs": changed}
        print(f"mean spread {summary[method]['mean_spread']:.3f}, max spread "
              f"{summary[method]['max_spread']:.3f}, mean move {summary[method]['mean_move']:.3f}, "
              f"(label, run) pairs whose threshold or cue factor changed: {changed} of "
              f"{len(by_run['all']) * (len(names) - 1)}")
    if args.json:
        Path(args.json).write_text(json.dumps({"thresholds": out, "summary": summary},
                                              indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
