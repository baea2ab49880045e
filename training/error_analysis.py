"""NER error analysis on the DEV splits (never on a test split): where ORG/PERSON lose.

    .venv/bin/python training/error_analysis.py [--model DIR] [--sets uner_en_ewt,gum_ner,wikigold]
                                                [--examples 25] [--json out/nlp_errors.json]
                                                [--sample 150 --seed 0]

For each dev set it scores (exact character span + label, like ``scripts/eval_nlp.py``):

* ``model``          the statistical pipeline alone;
* ``model+rules``    ``load_base`` (what the product runs);
* ``-<component>``   ``load_base`` with one rule component switched off (gazetteer_ruler,
                     org_rules, person_rules, gap_ruler): a rule that lowers dev F per label
                     shows up as a *higher* score without it;

and buckets every ORG / PERSON error of ``model+rules``: a gold span predicted with another
label (confusion, e.g. ORG->GPE), predicted with a wrong boundary (overlap, same label),
overlapping a wrong-label span, or missed; every false-positive ORG / PERSON by what the gold
has there. Rule-made spans are attributed by their ``ent_id_`` (``rule:legal_suffix``,
``agency`` ...). ``--sample N`` also writes N ORG and N PERSON errors drawn at random (seeded)
from the pooled dev sets, each with the gold and predicted spans around it and the corpus, to
classify by hand (``errors_sample`` in the JSON; the bucket examples are the first ones
in corpus order, which over-represents the first documents). Test splits are never read.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from eval_nlp import GOLD_LABELS, SCORE_AS, prf, read_jsonl, statistical_only  # noqa: E402

from pipeline.nlp import entities  # noqa: E402
from pipeline.settings import load_settings  # noqa: E402

RULE_COMPONENTS = ("gazetteer_ruler", "org_rules", "person_rules", "gap_ruler")


def pred_spans(doc) -> dict[tuple[int, int], tuple[str, str]]:
    out = {}
    for ent in doc.ents:
        label = SCORE_AS.get(ent.label_, ent.label_)
        if label in GOLD_LABELS:
            out[(ent.start_char, ent.end_char)] = (label, ent.ent_id_ or "model")
    return out


def score_docs(records, docs) -> dict:
    tp, npred, ngold = Counter(), Counter(), Counter()
    for rec, doc in zip(records, docs):
        gold = {(s["start"], s["end"], s["label"]) for s in rec["spans"]
                if s["label"] in GOLD_LABELS}
        pred = {(a, b, lab) for (a, b), (lab, _) in pred_spans(doc).items()}
        for *_, lab in gold:
            ngold[lab] += 1
        for *_, lab in pred:
            npred[lab] += 1
        for *_, lab in gold & pred:
            tp[lab] += 1
    out = {"all": prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))}
    for lab in GOLD_LABELS:
        out[lab] = prf(tp[lab], npred[lab], ngold[lab])
    return out


def buckets(records, docs, n_examples: int) -> dict:
    """Error buckets of gold ORG/PERSON (recall side) and predicted ORG/PERSON (precision)."""
    miss = defaultdict(Counter)
    fp = defaultdict(Counter)
    fp_source = defaultdict(Counter)
    tp_source = defaultdict(Counter)
    examples = defaultdict(list)
    for rec, doc in zip(records, docs):
        text = rec["text"]
        gold = {(s["start"], s["end"]): s["label"] for s in rec["spans"]
                if s["label"] in GOLD_LABELS}
        pred = pred_spans(doc)
        for (a, b), lab in gold.items():
            if lab not in ("ORG", "PERSON"):
                continue
            if (a, b) in pred:
                plab, src = pred[(a, b)]
                if plab == lab:
                    tp_source[lab][src] += 1
                    continue
                kind = f"label->{plab}"
            else:
                over = [(pa, pb, pl) for (pa, pb), (pl, _) in pred.items() if pa < b and a < pb]
                if not over:
                    kind = "missed"
                elif any(pl == lab for *_, pl in over):
                    kind = "boundary"
                else:
                    kind = "boundary+label->" + over[0][2]
            miss[lab][kind] += 1
            if len(examples[f"{lab} {kind}"]) < n_examples:
                examples[f"{lab} {kind}"].append(f"{text[a:b]!r} in …{text[max(0, a - 40):b + 40]!r}")
        for (a, b), (plab, src) in pred.items():
            if plab not in ("ORG", "PERSON") or gold.get((a, b)) == plab:
                continue
            if (a, b) in gold:
                kind = f"gold {gold[(a, b)]}"
            else:
                over = [(ga, gb, gl) for (ga, gb), gl in gold.items() if ga < b and a < gb]
                kind = ("boundary" if any(gl == plab for *_, gl in over)
                        else f"overlaps {over[0][2]}" if over else "no gold")
            fp[plab][kind] += 1
            fp_source[plab][src] += 1
            key = f"FP {plab} {kind} [{src}]"
            if len(examples[key]) < n_examples:
                examples[key].append(f"{text[a:b]!r} in …{text[max(0, a - 40):b + 40]!r}")
    return {"missed_gold": {k: dict(v.most_common()) for k, v in miss.items()},
            "false_pos": {k: dict(v.most_common()) for k, v in fp.items()},
            "fp_source": {k: dict(v.most_common()) for k, v in fp_source.items()},
            "tp_source": {k: dict(v.most_common()) for k, v in tp_source.items()},
            "examples": examples}


def error_list(name, records, docs) -> list[dict]:
    """Every ORG/PERSON error (gold side and prediction side) with its neighbourhood."""
    out = []
    for rec, doc in zip(records, docs):
        text = rec["text"]
        gold = {(s["start"], s["end"]): s["label"] for s in rec["spans"]
                if s["label"] in GOLD_LABELS}
        pred = pred_spans(doc)
        seen = set()
        for (a, b), lab in list(gold.items()) + [(k, v[0]) for k, v in pred.items()]:
            if lab not in ("ORG", "PERSON") or gold.get((a, b)) == (pred.get((a, b)) or
                                                                   ("",))[0]:
                continue
            lo = min([a] + [x for (x, y) in list(gold) + list(pred) if x < b and a < y])
            hi = max([b] + [y for (x, y) in list(gold) + list(pred) if x < b and a < y])
            if (lo, hi) in seen:
                continue
            seen.add((lo, hi))
            out.append({
                "set": name, "label": lab,
                "gold": [f"{text[x:y]}/{g}" for (x, y), g in sorted(gold.items())
                         if x < hi and lo < y],
                "pred": [f"{text[x:y]}/{p}<{src}>" for (x, y), (p, src) in sorted(pred.items())
                         if x < hi and lo < y],
                "context": text[max(0, lo - 60):hi + 60]})
    return out


def fmt(s: dict) -> str:
    return "  ".join(f"{lab} {100 * s[lab]['f']:.1f}" for lab in ("all", *GOLD_LABELS))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--sets", default="uner_en_ewt,gum_ner,wikigold")
    ap.add_argument("--examples", type=int, default=25)
    ap.add_argument("--no-ablation", action="store_true")
    ap.add_argument("--sample", type=int, default=0,
                    help="N random ORG and N random PERSON errors (with context) into the JSON")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, default=REPO / "out" / "nlp_errors.json")
    args = ap.parse_args()
    settings = load_settings()
    if args.model:
        settings = settings.replace("annotate", spacy_model=args.model)
    target = entities.resolve_model(settings)
    full = entities.load_base(settings)
    plain = statistical_only(target)
    report = {"model": target, "sets": {}}
    pooled_records, pooled_docs, errs = [], [], []
    for name in args.sets.split(","):
        records = read_jsonl(args.shared / "corpora" / "ner" / name / "dev.jsonl")
        texts = [r["text"] for r in records]
        rows = {"model": score_docs(records, plain.pipe(texts, batch_size=64))}
        docs = list(full.pipe(texts, batch_size=64))
        rows["model+rules"] = score_docs(records, docs)
        if not args.no_ablation:
            for comp in RULE_COMPONENTS:
                with full.select_pipes(disable=[comp]):
                    rows[f"-{comp}"] = score_docs(records, full.pipe(texts, batch_size=64))
        print(f"## {name}/dev ({len(records)} sentences)")
        for k, v in rows.items():
            print(f"  {k:18s} {fmt(v)}")
        report["sets"][name] = {"scores": rows}
        pooled_records += records
        pooled_docs += docs
        if args.sample:
            errs += error_list(name, records, docs)
    b = buckets(pooled_records, pooled_docs, args.examples)
    report["buckets"] = b
    for key in ("missed_gold", "false_pos", "fp_source", "tp_source"):
        print(f"## {key} (pooled dev, model+rules)")
        for lab, cnt in b[key].items():
            print(f"  {lab}: {cnt}")
    if args.sample:
        import random
        rng = random.Random(args.seed)
        report["errors_sample"] = {
            lab: rng.sample(pool, min(args.sample, len(pool)))
            for lab in ("ORG", "PERSON")
            for pool in [[e for e in errs if e["label"] == lab]]}
        report["errors_total"] = dict(Counter(e["label"] for e in errs))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.json} (examples per bucket there)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
