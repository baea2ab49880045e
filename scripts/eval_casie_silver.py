#!/usr/bin/env python3
"""`make eval-casie-silver`: silver checks of ``affected_services`` and ``quoted_experts`` on the
CASIE dev articles that are NOT in the gold records (error analysis beyond the 46 gold texts).

The whole annotate stage runs (as scripts/eval_records.py builds it: default settings,
``load_nlp``, ``annotate``), single-threaded and under ``nice``, over
../shared/corpora/casie/dev.jsonl minus the 45 CASIE ids of the gold records (and, by default,
minus texts over 4,500 characters: the gold records' eligibility rule).  The article texts are
read from ../shared at evaluation time only; nothing of them is stored in the repository (the
outputs go to out/, which is git-ignored).  CASIE has no licence: evaluation and error analysis
only, never training data.

(a) compromised data vs CASIE ``Compromised-Data`` arguments of realis-``Actual`` events, a
    silver recall/precision proxy.  Texts match as the gold scorer matches compromised data
    (shared/tools/eval_records.py: stop-words and plural -s dropped, shared tokens >= 50 % of the
    shorter text, greedy one-to-one per article); CASIE spans with the same tokens count once.
    CASIE's notion differs from the gold README's: CASIE marks every event mention's argument,
    including umbrella words and anaphora ("data", "the information", "them", "it"), accounts
    and containers ("user accounts", "a database", "files", "records"), for every event type
    (phishing, ransom, breach, ...) and also data of background incidents that are Actual; the
    gold records list each distinct data TYPE stolen/exposed/accessed in the reported incident(s),
    as the article names it ("names", "Social Security numbers"), and leave out data said not to
    be affected.  So two rows are printed: all CASIE spans, and "specific" spans (spans made only
    of umbrella/anaphoric/container words removed from gold and prediction alike).  Neither is
    the gold metric: precision is a lower bound (CASIE misses many list items and its realis
    labels are noisy), recall is the useful number.
(b) quotes, a silver consistency check: every direct quotation (a "..." or \u201c...\u201d
    pair with >= 4 words inside) with a speech verb (the gold README's list) in its sentence or
    the next one.  Reported: the share of them that we return as a quote (our quotes cover >= 50 %
    of its characters), the share of those with a speaker (name or mention), and the
    speaker_type mix.  N random attributions (seeded; quote head, speaker, mention, role,
    affiliation, speaker_type, the sentence) are written for hand review, drawn from ALL our
    quotes (so headlines, titles and scare quotes taken as quotes show up too), plus a sample
    of the silver quotations we miss, plus a sample of services / compromised data with their
    sentence.  Reported speech gets a cruder proxy: sentences without quotation marks that hold
    a speech verb of that list (not after to/not/is/was/as/what) and at least 6 words; the share
    that overlaps one of our quotes, and a sample of the others (reported_misses.txt; many are
    "according to"-style or non-speech uses the gold rules leave out, so read it, do not chase
    100 %).

    python scripts/eval_casie_silver.py [--shared ../shared] [--out out/casie_silver]
        [--sample 80] [--seed 13] [--max-chars 4500] [--limit N] [--reuse]
"""
from __future__ import annotations

import os

# one thread (2 shared cores): before numpy / torch / thinc are imported
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# the gold README's speech verbs (selection rule for "direct quote with a speech verb")
SPEECH_VERB = re.compile(
    r"\b(said|says|say|told|tells|explained|explains|added|adds|stated|states|wrote|writes|noted|"
    r"notes|warned|warns|commented|claimed|claims|argued|insisted|acknowledged|admitted|alleged)\b")
CURLY = re.compile(r"\u201c([^\u201c\u201d]*)\u201d")
WORD = re.compile(r"\w+")
# a sentence ends at . ! ? (optionally followed by a closing mark) before a space and a capital
# or an opening mark, or at a line break
SENT_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019']?\s+(?=[A-Z\"\u201c\u2018'])|\n+")
# CASIE compromised-data spans that name no data type (umbrella words, anaphora, containers)
UMBRELLA = {"data", "information", "info", "detail", "details", "them", "it", "this", "that",
            "these", "those", "thi", "record", "file", "database", "list", "account", "stolen",
            "sensitive", "personal", "private", "confidential", "customer", "user", "users",
            "customers", "other", "more", "such", "which", "what", "everything", "anything",
            "something", "content", "contents", "copy", "copie", "dump", "access", "system",
            "server", "some", "many", "much", "all", "their", "its", "his", "her", "our", "your",
            "compromised", "exposed", "leaked", "large", "amount", "trove", "cache", "set",
            "internal", "own", "company", "employee", "member", "patient", "client", "people",
            "million", "thousand", "hundred", "new", "old", "raw", "valuable", "critical"}


def load_scorer(shared: Path):
    """The gold scorer's text matching (read from ../shared at evaluation time)."""
    spec = importlib.util.spec_from_file_location("_gold_scorer", shared / "tools/eval_records.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- inputs / annotate
def select_articles(shared: Path, max_chars: int, limit: int | None) -> list[dict]:
    gold_ids = {json.loads(line)["id"]
                for line in (shared / "corpora/gold_records/dev.jsonl").open(encoding="utf-8")
                if line.strip()}
    out = []
    with (shared / "corpora/casie/dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj["id"] in gold_ids or (max_chars and len(obj["text"]) > max_chars):
                continue
            out.append(obj)
    return out[:limit] if limit else out


def run_pipeline(articles: list[dict], out: Path) -> dict[str, dict]:
    """Annotate with the product pipeline; records (with character offsets) by id."""
    from pipeline.jobs import read_text_records
    from pipeline.nlp import load_nlp
    from pipeline.nlp.annotate import annotate
    from pipeline.settings import load_settings

    inputs = out / "inputs.jsonl"
    with inputs.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"id": a["id"], "text": a["text"], "title": a.get("title"),
                                 "url": a.get("url")}, ensure_ascii=False) + "\n")
    settings = load_settings()
    nlp = load_nlp(settings)
    c0 = time.process_time()
    recs = {}
    for r in annotate(list(read_text_records(inputs)), nlp,
                      batch_size=settings.annotate.batch_size,
                      batch_chars=settings.annotate.batch_chars):
        recs[r.article_id] = {
            "id": r.article_id, "error": r.error,
            "services": [{"text": s.text, "start": s.start_char, "end": s.end_char,
                          "status": s.status} for s in r.services],
            "compromised_data": list(r.compromised_data),
            "quotes": [{"quote": q.text, "start": q.start_char, "end": q.end_char,
                        "direct": q.direct, "speaker": q.speaker,
                        "speaker_mention": q.speaker_mention, "role": q.role,
                        "affiliation": q.affiliation, "speaker_type": q.speaker_type}
                       for q in r.quotes],
        }
    print(f"annotated {len(recs)} articles in {time.process_time() - c0:.1f} CPU-s",
          file=sys.stderr)
    with (out / "records.jsonl").open("w", encoding="utf-8") as fh:
        for r in recs.values():
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return recs


# --------------------------------------------------------------------------- helpers
def sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, s = [], 0
    for m in SENT_END.finditer(text):
        if m.start() > s:
            bounds.append((s, m.start()))
        s = m.end()
    if s < len(text):
        bounds.append((s, len(text)))
    return bounds


def sentence_at(bounds: list[tuple[int, int]], i: int) -> int:
    for k, (s, e) in enumerate(bounds):
        if s <= i < e or i < s:
            return k
    return len(bounds) - 1


def quotations(text: str) -> list[tuple[int, int]]:
    """Inner spans of "..." / \u201c...\u201d pairs with >= 4 words (straight marks pair up
    in order inside a paragraph)."""
    spans = [(m.start(1), m.end(1)) for m in CURLY.finditer(text)]
    for para in re.finditer(r"[^\n]+", text):
        p = para.group()
        # a straight mark opens after a space/bracket/start and before a non-space; it closes
        # otherwise (so one stray mark does not shift every later pair)
        open_at = None
        for m in re.finditer('"', p):
            i = m.start()
            opens = (i == 0 or p[i - 1] in " \t\xa0([—–-") and i + 1 < len(p) and \
                not p[i + 1].isspace()
            if open_at is None:
                if opens:
                    open_at = i
            elif not opens or i + 1 >= len(p):
                spans.append((para.start() + open_at + 1, para.start() + i))
                open_at = None
            else:
                open_at = i
    return sorted((s, e) for s, e in spans if len(WORD.findall(text[s:e])) >= 4)


def covered(span: tuple[int, int], quotes: list[dict]) -> float:
    s, e = span
    hit = [0] * (e - s)
    for q in quotes:
        for i in range(max(s, q["start"]), min(e, q["end"])):
            hit[i - s] = 1
    return sum(hit) / max(1, e - s)


def context(text: str, bounds, s: int, e: int, limit: int = 600) -> str:
    k0, k1 = sentence_at(bounds, s), sentence_at(bounds, max(s, e - 1))
    a, b = bounds[k0][0], bounds[min(k1, len(bounds) - 1)][1]
    snippet = text[a:b].replace("\n", " / ")
    return snippet if len(snippet) <= limit else snippet[:limit] + " …"


def specific(stokens, t: str) -> bool:
    toks = set(stokens(t))
    return bool(toks - UMBRELLA)


# --------------------------------------------------------------------------- (a) compromised data
def eval_compromised(articles, recs, sc) -> dict:
    rows = {"all": [0, 0, 0], "specific": [0, 0, 0]}   # tp, n_pred, n_gold
    per_article = {}
    for a in articles:
        gold, seen = [], set()
        for ev in a.get("events", []):
            if ev.get("realis") != "Actual":
                continue
            for arg in ev.get("arguments", []):
                if arg.get("role") != "Compromised-Data":
                    continue
                key = tuple(sorted(sc.stokens(arg["text"]).elements()))
                if key and key not in seen:
                    seen.add(key)
                    gold.append(arg["text"])
        pred = recs[a["id"]]["compromised_data"]
        for name, keep in (("all", lambda t: True), ("specific", lambda t: specific(sc.stokens, t))):
            g = [t for t in gold if keep(t)]
            p = [t for t in pred if keep(t)]
            pairs = sc.greedy(len(p), len(g),
                              lambda i, j: sc.overlap_shorter(sc.stokens(p[i]), sc.stokens(g[j])),
                              0.5)
            rows[name][0] += len(pairs)
            rows[name][1] += len(p)
            rows[name][2] += len(g)
            if name == "specific":
                matched_p = {i for i, _ in pairs}
                matched_g = {j for _, j in pairs}
                per_article[a["id"]] = {
                    "missed": [g[j] for j in range(len(g)) if j not in matched_g],
                    "extra": [p[i] for i in range(len(p)) if i not in matched_p]}
    res = {}
    for name, (tp, n_p, n_g) in rows.items():
        P = tp / n_p if n_p else 1.0
        R = tp / n_g if n_g else 1.0
        res[name] = {"P": P, "R": R, "F1": 2 * P * R / (P + R) if P + R else 0.0,
                     "tp": tp, "n_pred": n_p, "n_gold": n_g}
    return res, per_article


# --------------------------------------------------------------------------- (b) quotes
def eval_quotes(articles, recs) -> tuple[dict, list, list]:
    n_silver = n_returned = n_direct = n_speaker = 0
    types: Counter = Counter()
    missed = []
    for a in articles:
        text = a["text"]
        bounds = sentence_bounds(text)
        qs = recs[a["id"]]["quotes"]
        for s, e in quotations(text):
            k = sentence_at(bounds, e - 1)
            window = text[bounds[sentence_at(bounds, s)][0]:
                          bounds[min(k + 1, len(bounds) - 1)][1]]
            # the speech verb must be outside the quotation itself
            outside = window.replace(text[s:e], " ")
            if not SPEECH_VERB.search(outside):
                continue
            n_silver += 1
            hits = [q for q in qs if min(e, q["end"]) > max(s, q["start"])]
            if covered((s, e), qs) >= 0.5:
                n_returned += 1
                n_direct += any(q["direct"] for q in hits)
                best = max(hits, key=lambda q: min(e, q["end"]) - max(s, q["start"]))
                has = bool(best["speaker"] or best["speaker_mention"])
                n_speaker += has
                types[best["speaker_type"] if has else "(no speaker)"] += 1
            else:
                missed.append({"id": a["id"], "quote": text[s:e][:160],
                               "context": context(text, bounds, s, e)})
    # reported speech: sentences with no quotation mark and a speech verb (the README's list)
    # that is not an infinitive/passive/negated use; the share that overlaps one of our quotes
    n_rep = n_rep_hit = 0
    rep_missed = []
    for a in articles:
        text = a["text"]
        qs = recs[a["id"]]["quotes"]
        for s, e in sentence_bounds(text):
            sent = text[s:e]
            if re.search("[\"\u201c\u201d]", sent) or len(WORD.findall(sent)) < 6:
                continue
            m = SPEECH_VERB.search(sent)
            if not m or re.search(r"\b(?:to|not|n't|never|is|are|was|were|be|been|as|what)\s+$",
                                  sent[:m.start()]):
                continue
            n_rep += 1
            if any(min(e, q["end"]) > max(s, q["start"]) for q in qs):
                n_rep_hit += 1
            else:
                rep_missed.append({"id": a["id"], "quote": sent[:160], "context": sent})
    res_rep = {"silver_reported_sentences": n_rep,
               "reported_returned": n_rep_hit / n_rep if n_rep else 0.0}
    res = {**res_rep, "silver_quotations": n_silver,
           "returned": n_returned / n_silver if n_silver else 0.0,
           "returned_as_direct": n_direct / n_silver if n_silver else 0.0,
           "with_speaker": n_speaker / n_returned if n_returned else 0.0,
           "speaker_type_mix": dict(types.most_common())}
    all_quotes = []
    for a in articles:
        text = a["text"]
        bounds = sentence_bounds(text)
        for q in recs[a["id"]]["quotes"]:
            all_quotes.append({"id": a["id"], "quote": q["quote"][:120],
                               "direct": q["direct"], "speaker": q["speaker"],
                               "mention": q["speaker_mention"], "role": q["role"],
                               "affiliation": q["affiliation"],
                               "speaker_type": q["speaker_type"],
                               "context": context(text, bounds, q["start"], q["end"])})
    return res, all_quotes, missed, rep_missed


def dump(path: Path, items: list[dict], keys: list[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for n, it in enumerate(items, 1):
            fh.write(f"## {n}. article {it['id']}\n")
            for k in keys:
                fh.write(f"  {k}: {it.get(k)!r}\n")
            fh.write(f"  context: {it.get('context')}\n\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "out" / "casie_silver")
    parser.add_argument("--sample", type=int, default=80, help="attributions dumped (default 80)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-chars", type=int, default=4500,
                        help="skip longer texts, as the gold selection did (0 = keep all)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--reuse", action="store_true",
                        help="score out/.../records.jsonl again instead of annotating")
    args = parser.parse_args()
    if not (args.shared / "corpora/casie/dev.jsonl").exists():
        print(f"eval-casie-silver needs {args.shared}/corpora/casie (../shared is absent)",
              file=sys.stderr)
        return 2
    try:
        os.nice(10)
    except OSError:
        pass
    args.out.mkdir(parents=True, exist_ok=True)
    sc = load_scorer(args.shared)
    articles = select_articles(args.shared, args.max_chars, args.limit)
    rec_path = args.out / "records.jsonl"
    if args.reuse and rec_path.exists():
        recs = {r["id"]: r for r in map(json.loads, rec_path.open(encoding="utf-8"))}
        articles = [a for a in articles if a["id"] in recs]
    else:
        recs = run_pipeline(articles, args.out)
    errors = sum(1 for r in recs.values() if r.get("error"))

    cd, cd_articles = eval_compromised(articles, recs, sc)
    qres, all_quotes, missed, rep_missed = eval_quotes(articles, recs)

    rng = random.Random(args.seed)
    sample = rng.sample(all_quotes, min(args.sample, len(all_quotes)))
    dump(args.out / "quote_attributions.txt", sample,
         ["quote", "direct", "speaker", "mention", "role", "affiliation", "speaker_type"])
    dump(args.out / "quote_misses.txt", rng.sample(missed, min(args.sample // 2, len(missed))),
         ["quote"])
    # (drawn from a generator of its own, so the other dumps stay as they were)
    rng2 = random.Random(args.seed + 1)
    dump(args.out / "reported_misses.txt",
         rng2.sample(rep_missed, min(args.sample // 2, len(rep_missed))), ["quote"])
    # services and compromised data of random articles that have some, with their sentences
    svc_items = []
    by_id = {a["id"]: a for a in articles}
    with_out = [i for i in sorted(recs) if recs[i]["services"] or recs[i]["compromised_data"]
                or cd_articles.get(i, {}).get("missed")]
    for i in rng.sample(with_out, min(args.sample // 2, len(with_out))):
        text = by_id[i]["text"]
        bounds = sentence_bounds(text)
        for s in recs[i]["services"]:
            svc_items.append({"id": i, "kind": "service", "text": s["text"], "status": s["status"],
                              "context": context(text, bounds, s["start"], s["end"], 400)})
        for t in recs[i]["compromised_data"]:
            pos = text.find(t)
            svc_items.append({"id": i, "kind": "data", "text": t, "status": None,
                              "context": context(text, bounds, pos, pos + len(t), 400)
                              if pos >= 0 else None})
        for t in cd_articles.get(i, {}).get("missed", []):
            pos = text.find(t)
            svc_items.append({"id": i, "kind": "data MISSED (CASIE)", "text": t, "status": None,
                              "context": context(text, bounds, pos, pos + len(t), 400)
                              if pos >= 0 else None})
    dump(args.out / "services_sample.txt", svc_items, ["kind", "text", "status"])

    n_q = sum(len(r["quotes"]) for r in recs.values())
    n_s = sum(len(r["services"]) for r in recs.values())
    metrics = {"articles": len(articles), "errors": errors, "quotes_predicted": n_q,
               "services_predicted": n_s, "compromised_data": cd, "quotes": qres}
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")

    print(f"CASIE dev minus gold ids: {len(articles)} articles ({errors} with errors); "
          f"{n_q} quotes, {n_s} services predicted")
    print("compromised data vs CASIE Compromised-Data (realis Actual), overlap matching:")
    for name, r in cd.items():
        print(f"  {name:9s} P {r['P']:.3f}  R {r['R']:.3f}  F1 {r['F1']:.3f}  "
              f"(tp {r['tp']}, pred {r['n_pred']}, CASIE {r['n_gold']})")
    print(f"quotes: {qres['silver_quotations']} direct quotations with a speech verb; "
          f"returned {qres['returned']:.3f} (as direct {qres['returned_as_direct']:.3f}), "
          f"with a speaker {qres['with_speaker']:.3f}")
    print(f"  speaker types of returned: {qres['speaker_type_mix']}")
    print(f"reported speech: {qres['silver_reported_sentences']} sentences without quotation "
          f"marks with a speech verb; returned (overlapping one of our quotes) "
          f"{qres['reported_returned']:.3f}")
    print(f"hand-review files: {args.out}/quote_attributions.txt, quote_misses.txt, "
          f"reported_misses.txt, services_sample.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
