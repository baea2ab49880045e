"""load_nlp / model_version: what decides that stored annotations are out of date."""
from __future__ import annotations

import spacy

import pipeline.nlp as nlp_pkg
from pipeline.nlp import model_version


def _version_with_data(monkeypatch, data_dir):
    monkeypatch.setattr(nlp_pkg, "_DATA_DIR", data_dir)
    nlp_pkg._rules_digest.cache_clear()
    try:
        return model_version(spacy.blank("en"))
    finally:
        nlp_pkg._rules_digest.cache_clear()


def test_model_version_changes_when_a_lexicon_changes(tmp_path, monkeypatch):
    (tmp_path / "gazetteers").mkdir()
    lexicon = tmp_path / "gazetteers" / "quotes_de.json"
    lexicon.write_text('{"verbs": ["sagte"]}', encoding="utf-8")
    before = _version_with_data(monkeypatch, tmp_path)
    assert before == _version_with_data(monkeypatch, tmp_path)  # stable while nothing changes
    lexicon.write_text('{"verbs": ["sagte", "erklärte"]}', encoding="utf-8")
    assert _version_with_data(monkeypatch, tmp_path) != before


def test_model_version_changes_with_the_component_config():
    plain = spacy.blank("en")
    with_sentencizer = spacy.blank("en")
    with_sentencizer.add_pipe("sentencizer", config={"punct_chars": ["."]})
    assert model_version(plain) != model_version(with_sentencizer)
