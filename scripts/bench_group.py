#!/usr/bin/env python3
"""`make bench-group`: CPU time of ``group_incidents`` on N synthetic annotated articles
(random victims among N/6 invented company names, plus a few very frequent ones, dates over
two years), to show grouping stays near-linear in the batch size (candidates come from an
index of victim names and dates, not from all pairs).

    python scripts/bench_group.py [--sizes 5000 20000] [--seed 1]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.group import group_incidents  # noqa: E402
from pipeline.nlp.organisations import org_key  # noqa: E402
from pipeline.records import (AnnotatedArticle, Article, ExtractStatus, IncidentKind,  # noqa: E402
                              LabelScore, Organisation)
from pipeline.settings import load_settings  # noqa: E402

LABELS = ("ransomware", "data_breach", "ddos", "phishing_social_engineering")


def synthetic(n: int, rng: random.Random) -> list[tuple[Article, AnnotatedArticle]]:
    names = [f"Company {rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}{i} Ltd"
             for i in range(max(1, n // 6))] + ["Microsoft", "Google", "Acme Bank"]
    out = []
    for i in range(n):
        victim = rng.choice(names)
        article = Article(article_id=str(i), url=f"https://news.example/{i}",
                          status=ExtractStatus.OK, text="...", title=f"{victim} reports attack",
                          published=date(2024, 1, 1) + timedelta(days=rng.randrange(730)))
        rec = AnnotatedArticle(article_id=str(i), kind=IncidentKind.INCIDENT,
                               organisations=(Organisation(name=victim, key=org_key(victim),
                                                           role="victim"),),
                               attack_types=(LabelScore(rng.choice(LABELS), 0.9),))
        out.append((article, rec))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = load_settings()
    for n in args.sizes:
        pairs = synthetic(n, random.Random(args.seed))
        c0 = time.process_time()
        incidents = group_incidents(pairs, settings)
        cpu = time.process_time() - c0
        print(f"{n:>7,} articles -> {len(incidents):,} incidents in {cpu:.2f} CPU-s "
              f"({n / max(cpu, 1e-9):,.0f} articles per CPU-second)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
