#!/usr/bin/env python3
"""`make eval-group`: how well articles about the same incident are grouped.

Gold: the 46 gold records (dev). Two gold incident articles report the same incident when
their gold victims share a name or alias (case and punctuation ignored); the groups are the
connected components (the gold README lists them: Wonga x3, IHG x3, CDOT x2, DocuSign x2, ...).
Articles with no gold victim belong to no incident. Prediction: the product's annotate stage
on the same texts (CASIE publication dates as article dates), then ``group_incidents``.

Scores, over pairs of articles: precision (pairs we put together that gold puts together),
recall (gold pairs we put together) and F1; also the share of gold incident articles that are
in some predicted incident, and each gold group with the predicted groups of its articles.

``--casie N`` also annotates and groups the first N CASIE dev articles (no gold: a
sanity report of group sizes and of the largest groups, to spot articles chained into one
incident that are not about it; every group of 2+ articles goes to ``casie_groups.txt`` in
``--out`` for hand review). CASIE is evaluation-only data; nothing of it is stored.

    python scripts/eval_group.py [--shared ../shared] [--casie 702] [--out out/eval_group]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.group import group_incidents  # noqa: E402
from pipeline.nlp import load_nlp  # noqa: E402
from pipeline.nlp.annotate import annotate  # noqa: E402
from pipeline.records import Article, ExtractStatus  # noqa: E402
from pipeline.settings import load_settings  # noqa: E402


def _norm(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.casefold()).strip()


def _casie_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat((raw or "").replace("_", "-")[:10])
    except ValueError:
        return None


def _article(obj: dict) -> Article:
    return Article(article_id=str(obj["id"]), url=obj.get("url") or "", text=obj["text"],
                   status=ExtractStatus.OK, title=obj.get("title"),
                   published=_casie_date(obj.get("date")), language="en", extractor="input")


def gold_groups(gold: list[dict]) -> list[set[str]]:
    """Connected components of gold articles sharing a victim name or alias."""
    names = {g["id"]: {_norm(n) for v in g.get("victims", []) for n in (v["name"], *v["aliases"])}
             for g in gold}
    parent = {i: i for i, n in names.items() if n}

    def find(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in combinations(sorted(parent), 2):
        if names[a] & names[b]:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    comps: dict[str, set[str]] = {}
    for i in parent:
        comps.setdefault(find(i), set()).add(i)
    return list(comps.values())


def _pairs(groups: list[set[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def score(gold: list[set[str]], pred: list[set[str]]) -> dict:
    gp, pp = _pairs(gold), _pairs(pred)
    tp = len(gp & pp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    in_gold = set().union(*gold) if gold else set()
    in_pred = set().union(*pred) if pred else set()
    return {"pairs_gold": len(gp), "pairs_pred": len(pp), "pairs_both": tp,
            "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold_articles": len(in_gold),
            "gold_articles_in_an_incident": round(len(in_gold & in_pred) / len(in_gold), 3)
            if in_gold else 1.0}


def run(articles: list[Article], settings, nlp) -> tuple[list, float, list]:
    c0 = time.process_time()
    records = list(annotate(articles, nlp, batch_size=settings.annotate.batch_size,
                            batch_chars=settings.annotate.batch_chars))
    incidents = group_incidents(zip(articles, records), settings)
    return incidents, time.process_time() - c0, records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--casie", type=int, default=702,
                        help="CASIE dev articles for the group-size sanity report (0: skip)")
    parser.add_argument("--out", type=Path, default=REPO / "out" / "eval_group")
    args = parser.parse_args()
    gold_path = args.shared / "corpora/gold_records/dev.jsonl"
    casie_path = args.shared / "corpora/casie/dev.jsonl"
    if not gold_path.exists() or not casie_path.exists():
        print(f"eval-group needs {gold_path} and {casie_path} (../shared is absent)",
              file=sys.stderr)
        return 2
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    casie = [json.loads(line) for line in casie_path.open(encoding="utf-8") if line.strip()]
    by_id = {str(c["id"]): c for c in casie}
    seed = args.shared / "examples/mns-click-and-collect.txt"
    if seed.exists():
        by_id["seed-mns"] = {"id": "seed-mns", "title": None, "date": None,
                             "text": seed.read_text(encoding="utf-8").split("\nComentarios 0")[0]}
    gold = [g for g in gold if g["id"] in by_id]

    settings = load_settings()
    nlp = load_nlp(settings)
    articles = [_article(by_id[g["id"]]) for g in gold]
    incidents, cpu, _ = run(articles, settings, nlp)
    pred = [set(inc.article_ids) for inc in incidents]
    golds = gold_groups(gold)
    report = {"gold_records_dev": score(golds, pred)}
    s = report["gold_records_dev"]
    print(f"gold records dev ({len(gold)} articles, {len(golds)} gold incidents, "
          f"{len(incidents)} predicted; {cpu:.1f} CPU-s): pairs P {s['precision']:.3f} "
          f"R {s['recall']:.3f} F1 {s['f1']:.3f} ({s['pairs_both']} of {s['pairs_gold']} gold "
          f"pairs, {s['pairs_pred']} predicted); gold incident articles in an incident: "
          f"{s['gold_articles_in_an_incident']:.3f}")
    where = {a: k for k, g in enumerate(pred) for a in g}
    names = {g["id"]: (g["victims"][0]["name"] if g.get("victims") else "-") for g in gold}
    for g in sorted(golds, key=len, reverse=True):
        if len(g) < 2:
            break
        parts = Counter(where.get(a, -1) for a in g)
        mark = "ok" if len(parts) == 1 and -1 not in parts else "SPLIT"
        print(f"  {mark:5} {names[min(g)]!r}: {sorted(g)} -> predicted groups "
              f"{dict(parts)} (-1: in none)")
    for k, g in enumerate(pred):
        owners = {min(gg) for a in g for gg in golds if a in gg}
        if len(owners) > 1:
            print(f"  MERGED predicted group {incidents[k].victim!r}: {sorted(g)}")

    if args.casie:
        sub = [_article(c) for c in casie[:args.casie] if c.get("text")]
        incs, cpu, records = run(sub, settings, nlp)
        sizes = Counter(len(i.article_ids) for i in incs)
        print(f"CASIE dev {len(sub)} articles ({cpu:.0f} CPU-s): {len(incs)} incidents, "
              f"sizes {dict(sorted(sizes.items()))}")
        titles = {a.article_id: (a.title or a.text[:80]).replace("\n", " ") for a in sub}
        for inc in sorted(incs, key=lambda i: -len(i.article_ids))[:8]:
            if len(inc.article_ids) < 3:
                break
            print(f"  {inc.victim!r} ({len(inc.article_ids)} articles, "
                  f"{inc.first_reported} .. {inc.last_reported}):")
            for a in inc.article_ids:
                print(f"      {a}: {titles[a][:100]}")
        # every incident of 2+ articles, for hand review (titles, labels, named culprits)
        recs = {a.article_id: r for a, r in zip(sub, records)}
        lines = []
        for inc in sorted(incs, key=lambda i: (-len(i.article_ids), i.incident_id)):
            if len(inc.article_ids) < 2:
                break
            lines.append(f"== {inc.victim!r} {inc.first_reported} .. {inc.last_reported}")
            for a in inc.article_ids:
                r = recs[a]
                culprits = ", ".join((*r.threat_actors, *r.malware)[:4])
                lines.append(f"   {a} {[ls.label for ls in r.attack_types]} [{culprits}] "
                             f"{titles[a][:100]}")
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "casie_groups.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        report["casie_dev"] = {"articles": len(sub), "incidents": len(incs),
                               "sizes": {str(k): v for k, v in sorted(sizes.items())}}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "metrics.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
