"""NER evaluation: per-label P/R/F1 on the held-out test splits, and throughput (``make eval-nlp``).

    .venv/bin/python scripts/eval_nlp.py [--model auto|PATH|PACKAGE] [--sets uner_en_pud,...]
                                         [--speed-mb 1.0] [--no-speed] [--json out/eval_nlp.json]
    .venv/bin/python scripts/eval_nlp.py --speed-models models/nlp,DIR [--rounds 3]
                                         (throughput of several pipelines, interleaved)

For every test split in ``../shared/corpora/ner/<set>/test.jsonl`` (UNER English-PUD — news and
Wikipedia — first) the raw text is annotated and predicted entities are matched to the gold
spans exactly (character offsets + label). Two configurations:

* ``model``       the statistical pipeline alone (+ sentencizer), no rules;
* ``model+rules`` ``pipeline.nlp.entities.load_base`` — what the product runs.

The gold label set is PERSON ORG GPE LOC; THREAT_ACTOR predictions are scored as ORG (the corpora
label named groups ORG), MALWARE/CVE/NORP predictions are ignored. "spans" is label-blind F1.

CASIE probe (cyber news, silver, recall only): share of name-like Organization/Person event
arguments in the first ``--casie-docs`` CASIE articles that overlap a predicted ORG/THREAT_ACTOR
resp. PERSON entity.

Throughput: words (whitespace-separated) per wall-clock second and per CPU-second (the one-core
figure, robust to other processes on a shared machine) of ``load_base`` (and of the whole
``load_nlp`` pipeline when it can be built) over the first ``--speed-mb`` MB of CASIE article
text (evaluation-only use of CASIE), one thread, ``nlp.pipe(batch_size=32)``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import spacy  # noqa: E402

from pipeline.nlp import entities  # noqa: E402
from pipeline.settings import load_settings  # noqa: E402

TEST_SETS = ["uner_en_pud", "uner_en_ewt", "gum_ner", "wikigold", "crossner", "wnut17", "btc"]
GOLD_LABELS = ("PERSON", "ORG", "GPE", "LOC")
SCORE_AS = {"THREAT_ACTOR": "ORG"}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predicted(doc) -> set[tuple[int, int, str]]:
    out = set()
    for ent in doc.ents:
        label = SCORE_AS.get(ent.label_, ent.label_)
        if label in GOLD_LABELS:
            out.add((ent.start_char, ent.end_char, label))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_gold": n_gold}


def score(nlp, records: list[dict]) -> dict:
    tp, npred, ngold = Counter(), Counter(), Counter()
    span_tp = span_pred = span_gold = 0
    texts = [r["text"] for r in records]
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=64)):
        gold = {(s["start"], s["end"], s["label"]) for s in rec["spans"]
                if s["label"] in GOLD_LABELS}
        pred = predicted(doc)
        for _, _, lab in gold:
            ngold[lab] += 1
        for _, _, lab in pred:
            npred[lab] += 1
        for _, _, lab in gold & pred:
            tp[lab] += 1
        gs, ps = {(a, b) for a, b, _ in gold}, {(a, b) for a, b, _ in pred}
        span_tp += len(gs & ps)
        span_pred += len(ps)
        span_gold += len(gs)
    out = {"all": prf(sum(tp.values()), sum(npred.values()), sum(ngold.values())),
           "spans": prf(span_tp, span_pred, span_gold)}
    for lab in GOLD_LABELS:
        out[lab] = prf(tp[lab], npred[lab], ngold[lab])
    return out


NON_NAMES = {"The", "A", "An", "It", "They", "He", "She", "We", "I", "You", "This", "That",
             "Its", "Their", "His", "Her", "Our", "Some", "Many", "Users", "Customers", "Hackers"}


def casie_probe(nlp, shared: Path, n_docs: int) -> dict:
    """Silver recall on cyber news: name-like CASIE Organization/Person event arguments that
    overlap a predicted entity of the right label (recall only; CASIE is evaluation-only data)."""
    path = shared / "corpora" / "casie" / "dev.jsonl"
    if not path.exists():
        return {}
    docs = read_jsonl(path)[:n_docs]
    want = {"Organization": {"ORG", "THREAT_ACTOR"}, "Person": {"PERSON"}}
    hit, total = Counter(), Counter()
    for rec, doc in zip(docs, nlp.pipe((r["text"] for r in docs), batch_size=16)):
        args = {}
        for ev in rec.get("events", []):
            for a in ev.get("arguments", []):
                t = a["text"]
                if a.get("entity_type") in want and t[:1].isupper() \
                        and t.split()[0] not in NON_NAMES:
                    args[(a["start"], a["end"])] = a["entity_type"]
        for (start, end), typ in args.items():
            total[typ] += 1
            if any(e.start_char < end and start < e.end_char and e.label_ in want[typ]
                   for e in doc.ents):
                hit[typ] += 1
    return {typ: {"recall": round(hit[typ] / total[typ], 4) if total[typ] else 0.0,
                  "n": total[typ]} for typ in want} | {"docs": len(docs)}


def statistical_only(target: str):
    """The chosen statistical pipeline with sentence boundaries but without our rulers."""
    if target == "blank":
        return None
    if Path(target).exists():
        nlp = spacy.load(target)
    else:
        nlp = spacy.load(target, exclude=["lemmatizer"])
    if not any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("entity_labels", last=True)
    return nlp


def speed_texts(shared: Path, mb: float) -> list[str]:
    path = shared / "corpora" / "casie" / "dev.jsonl"
    texts, size = [], 0
    if path.exists():
        for rec in read_jsonl(path):
            texts.append(rec["text"])
            size += len(rec["text"].encode("utf-8"))
            if size >= mb * 1e6:
                break
        return texts
    for name in TEST_SETS:  # fallback: test sentences glued into pseudo-articles
        recs = read_jsonl(shared / "corpora" / "ner" / name / "test.jsonl")
        for i in range(0, len(recs), 40):
            texts.append(" ".join(r["text"] for r in recs[i:i + 40]))
            size += len(texts[-1].encode("utf-8"))
            if size >= mb * 1e6:
                return texts
    return texts


def throughput(nlp, texts: list[str], batch_size: int = 32) -> dict[str, float]:
    words = sum(len(t.split()) for t in texts)
    for _ in nlp.pipe(texts[:5]):  # warm-up (lazy tables)
        pass
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    # words per CPU-second is the one-core figure; wall-clock is lower on a busy machine
    return {"words": words, "mb": round(sum(len(t.encode()) for t in texts) / 1e6, 2),
            "seconds": round(secs, 2), "words_per_s": round(words / secs),
            "cpu_seconds": round(cpu, 2), "words_per_cpu_s": round(words / cpu),
            "loadavg_1min": round(os.getloadavg()[0], 2)}


def compare_speed(args) -> int:
    """``--speed-models``: words per CPU-second of ``load_base`` for each pipeline, measured in
    alternating rounds in one process (a shared machine's load hits all of them alike)."""
    settings = load_settings()
    texts = speed_texts(args.shared, args.speed_mb)
    pipes = {m: entities.load_base(settings.replace("annotate", spacy_model=m))
             for m in args.speed_models.split(",")}
    rounds: dict[str, list[dict]] = {m: [] for m in pipes}
    for _ in range(args.rounds):
        for m, nlp in pipes.items():
            rounds[m].append(throughput(nlp, texts))
    report = {}
    for m, rs in rounds.items():
        best = max(rs, key=lambda r: r["words_per_cpu_s"])
        report[m] = {"best_words_per_cpu_s": best["words_per_cpu_s"],
                     "rounds_words_per_cpu_s": [r["words_per_cpu_s"] for r in rs],
                     "words": best["words"], "loadavg_1min": [r["loadavg_1min"] for r in rs]}
        print(f"{m}: best {best['words_per_cpu_s']} words/CPU-s over {len(rs)} rounds "
              f"{report[m]['rounds_words_per_cpu_s']} ({best['words']} words)", flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"speed_compare": report}, indent=1), encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


def table(name: str, rows: dict[str, dict]) -> str:
    lines = [f"### {name}", "",
             "| config | P | R | F | spans F | PERSON P/R/F | ORG P/R/F | GPE P/R/F | LOC P/R/F |",
             "|---|---|---|---|---|---|---|---|---|"]
    for config, s in rows.items():
        cells = [config, *(f"{100 * s['all'][k]:.1f}" for k in "prf"),
                 f"{100 * s['spans']['f']:.1f}"]
        for lab in GOLD_LABELS:
            cells.append(" / ".join(f"{100 * s[lab][k]:.1f}" for k in "prf"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="spacy_model setting (default: settings)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--sets", default=",".join(TEST_SETS))
    ap.add_argument("--split", default="test", help="test (report) or dev (for development)")
    ap.add_argument("--speed-mb", type=float, default=1.0)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--casie-docs", type=int, default=300,
                    help="CASIE cyber-news documents for the silver recall probe (0: skip)")
    ap.add_argument("--no-plain", action="store_true", help="skip the model-without-rules run")
    ap.add_argument("--json", type=Path, default=REPO / "out" / "eval_nlp.json")
    ap.add_argument("--speed-models", default=None, metavar="DIR,DIR,...",
                    help="only compare load_base throughput of these pipelines (same process, "
                         "same text, rounds interleaved; best round per model reported)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    spacy.util.fix_random_seed(0)
    if args.speed_models:
        return compare_speed(args)

    settings = load_settings()
    if args.model:
        settings = settings.replace("annotate", spacy_model=args.model)
    target = entities.resolve_model(settings)
    t0 = time.perf_counter()
    full = entities.load_base(settings)
    load_s = time.perf_counter() - t0
    plain = None if args.no_plain else statistical_only(target)
    print(f"model: {target} ({entities.model_version(full)}); pipeline: {full.pipe_names}; "
          f"load_base {load_s:.2f} s", flush=True)

    report: dict = {"model": target, "version": entities.model_version(full),
                    "pipeline": full.pipe_names, "load_seconds": round(load_s, 2), "sets": {}}
    for name in [s for s in args.sets.split(",") if s]:
        path = args.shared / "corpora" / "ner" / name / f"{args.split}.jsonl"
        if not path.exists():
            print(f"skip {name}: {path} not found", flush=True)
            continue
        records = read_jsonl(path)
        rows = {}
        if plain is not None:
            rows["model"] = score(plain, records)
        rows["model+rules"] = score(full, records)
        report["sets"][name] = rows
        print(table(f"{name}/{args.split} ({len(records)} sentences)", rows) + "\n", flush=True)

    if args.casie_docs:
        report["casie_recall"] = {}
        for config, nlp in (("model", plain), ("model+rules", full)):
            if nlp is not None:
                report["casie_recall"][config] = casie_probe(nlp, args.shared, args.casie_docs)
                print(f"CASIE silver recall ({config}): {report['casie_recall'][config]}",
                      flush=True)

    if not args.no_speed:
        texts = speed_texts(args.shared, args.speed_mb)
        report["speed"] = {"load_base": throughput(full, texts)}
        try:
            from pipeline.nlp import load_nlp  # the whole annotate pipeline (lead's module)
            whole = load_nlp(settings)
            report["speed"]["load_nlp"] = throughput(whole, texts)
        except Exception as exc:  # noqa: BLE001 - optional: other stages may not exist yet
            report["speed"]["load_nlp"] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
        for k, v in report["speed"].items():
            print(f"throughput {k}: {v}", flush=True)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
