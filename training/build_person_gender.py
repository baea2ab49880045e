#!/usr/bin/env python3
"""Build ``data/gazetteers/person_gender.jsonl``: the usual gender of common US first names,
for ``quoted_experts`` ("she said" goes back to the woman named last, not to the last man).

Source: the US Census 1990 first-name lists (public domain) as shipped in the MIT-licensed
``names`` package (github.com/treyhunner/names; in the ``[train]`` extra, needed only here).
A name gets ``f`` or ``m`` when its share among one sex is at least ``--ratio`` (default 10)
times its share among the other (a name on one list only counts as 0 on the other); names
used by both (Jordan, Casey, Jean) get no entry, so the text alone decides for them.

    python training/build_person_gender.py [--out data/gazetteers/person_gender.jsonl]
        [--ratio 10]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_gazetteer import census_names  # noqa: E402  (the one reader of the Census lists)
NOTICE = ("Usual gender of first names: US Census 1990 first-name lists (public domain; via the "
          "MIT-licensed `names` package, github.com/treyhunner/names), a name kept when its "
          "share among one sex is at least {ratio}x its share among the other. Built by "
          "training/build_person_gender.py.")


def _shares(fname: str) -> dict[str, float]:
    return dict(census_names(fname, "build_person_gender"))


def genders(ratio: float) -> dict[str, str]:
    female, male = _shares("dist.female.first"), _shares("dist.male.first")
    out = {}
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= ratio * m and f > 0:
            out[name] = "f"
        elif m >= ratio * f and m > 0:
            out[name] = "m"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=REPO / "data" / "gazetteers" / "person_gender.jsonl")
    parser.add_argument("--ratio", type=float, default=10.0)
    args = parser.parse_args()
    table = genders(args.ratio)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"notice": NOTICE.format(ratio=int(args.ratio))}) + "\n")
        for name, g in table.items():
            fh.write(json.dumps({"first_name": name, "gender": g}) + "\n")
    print(f"{args.out}: {len(table)} names "
          f"({sum(g == 'f' for g in table.values())} f, {sum(g == 'm' for g in table.values())} m)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
