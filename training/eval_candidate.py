"""``make eval-records`` with a candidate NER pipeline instead of the shipped ``models/nlp``.

    .venv/bin/python training/eval_candidate.py --model out/nlp_train_vec1/model/model-best
                                                [--out out/eval_records_candidate] [--passes 3]

Runs ``scripts/eval_records.py`` unchanged (same inputs, scorer, timing of whole annotate
passes) with ``settings.annotate.spacy_model`` set to ``--model`` for this process only, so a
freshly trained model can be judged on the product's gold records before it replaces
``models/nlp``. Nothing in the repository or the settings files is modified.
"""
from __future__ import annotations

import argparse
import dataclasses
import runpy
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="trained spaCy pipeline directory")
    ap.add_argument("--out", type=Path, default=REPO / "out" / "eval_records_candidate")
    ap.add_argument("--passes", type=int, default=3)
    args, rest = ap.parse_known_args()
    if not (args.model / "config.cfg").exists():
        raise SystemExit(f"{args.model}: not a spaCy pipeline directory")
    sys.path.insert(0, str(REPO))
    import pipeline.settings as settings_module

    shipped = settings_module.load_settings
    model = str(args.model.resolve())

    def load_settings(user_file=None):
        settings = shipped(user_file)
        return dataclasses.replace(
            settings, annotate=dataclasses.replace(settings.annotate, spacy_model=model))

    settings_module.load_settings = load_settings
    print(f"spacy_model = {model}", flush=True)
    sys.argv = [str(REPO / "scripts" / "eval_records.py"), "--out", str(args.out),
                "--passes", str(args.passes), *rest]
    try:
        runpy.run_path(sys.argv[0], run_name="__main__")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
