"""CPU time of each annotate-stage component, and the gazetteer scan against a token Matcher.

    python scripts/bench_nlp.py [--inputs out/eval_records/inputs.jsonl] [--repeats 4]

``--inputs`` is a JSONL of ``{"id", "text"}`` records (``make eval-records`` writes the 46 gold
texts there; any text records work). Each pipe runs over all documents ``--repeats`` times and
the minimum CPU time is reported (the machine is shared and noisy; the minimum is the least
disturbed run). The last block times the ``gazetteer_ruler``'s ``<name> <keyword>`` rules as an
array scan (shipped) and as the spaCy ``Matcher`` rule they replace, and checks both give the
same entities.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from spacy.matcher import Matcher

from pipeline.jobs import read_text_records
from pipeline.nlp import load_nlp
from pipeline.nlp.annotate import _doc
from pipeline.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=Path, default=REPO / "out/eval_records/inputs.jsonl")
    ap.add_argument("--repeats", type=int, default=4)
    args = ap.parse_args()
    arts = list(read_text_records(args.inputs))
    words = sum(len(a.text.split()) for a in arts)
    nlp = load_nlp(load_settings())
    nlp("Acme Corp said it was hit by ransomware.")
    times: dict[str, list[float]] = {}
    for _ in range(args.repeats):
        c = time.process_time()
        docs = [_doc(nlp, a) for a in arts]
        times.setdefault("make_doc", []).append(time.process_time() - c)
        for name, proc in nlp.pipeline:
            c = time.process_time()
            docs = (list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe")
                    else [proc(d) for d in docs])
            times.setdefault(name, []).append(time.process_time() - c)
    total = sum(min(v) for v in times.values())
    print(f"{len(arts)} texts, {words} words, min of {args.repeats} runs per component")
    for name, v in sorted(times.items(), key=lambda kv: -min(kv[1])):
        print(f"  {name:24s} {min(v) * 1000:7.0f} ms  {100 * min(v) / total:5.1f}%")
    print(f"  {'sum':24s} {total * 1000:7.0f} ms  -> {words / total:,.0f} words per CPU-second")

    gaz = nlp.get_pipe("gazetteer_ruler")
    matcher = Matcher(nlp.vocab)
    for key, (_label, rest, firsts) in gaz._groups.items():
        matcher.add(key, [[{"ORTH": {"IN": sorted(set(firsts))}}, *rest] if firsts else rest])
    strings = nlp.vocab.strings
    fresh = [nlp.make_doc(a.text) for a in arts]
    scan_t, match_t = [], []
    for _ in range(args.repeats * 3):
        c = time.process_time()
        scanned = [sorted(gaz._rule_matches(d)) for d in fresh]
        scan_t.append(time.process_time() - c)
        c = time.process_time()
        matched = [sorted((strings[m], s, e) for m, s, e in matcher(d)) for d in fresh]
        match_t.append(time.process_time() - c)
    print(f"gazetteer <name> <keyword> rules: array scan {min(scan_t) * 1000:.1f} ms, "
          f"token Matcher {min(match_t) * 1000:.1f} ms, same matches: {scanned == matched}")
    return 0 if scanned == matched else 1


if __name__ == "__main__":
    raise SystemExit(main())
