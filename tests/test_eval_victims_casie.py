"""scripts/eval_victims_casie.py: the key of the cached entity-layer Docs."""
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("eval_victims_casie",
                                                  REPO / "scripts" / "eval_victims_casie.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tree(tmp_path):
    for name, text in {"pipeline/nlp/entities.py": "a", "pipeline/nlp/entity_persons.py": "b",
                       "pipeline/nlp/features.py": "c", "pipeline/nlp/quotes.py": "d",
                       "data/gazetteers/entities_rules.jsonl": "{}",
                       "data/gazetteers/org_cues_de.json": "{}",
                       "data/gazetteers/services.jsonl": "{}"}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


@pytest.mark.parametrize("changed, same", [
    ("pipeline/nlp/entity_persons.py", False),   # any entity module, not only entities.py
    ("pipeline/nlp/entities.py", False),
    ("data/gazetteers/org_cues_de.json", False),   # person_rules reads the head words
    ("pipeline/nlp/quotes.py", True),              # runs after the cached layer
    ("data/gazetteers/services.jsonl", True),
])
def test_eval_victims_casie_cache_key_follows_the_entity_code(script, tree, changed, same):
    key = script._cache_key(["a1"], ["ner"], ["text"], "blank", repo=tree)
    (tree / changed).write_text("edited")
    assert (script._cache_key(["a1"], ["ner"], ["text"], "blank", repo=tree) == key) is same


def test_eval_victims_casie_cache_key_follows_texts_and_model(script, tree):
    key = script._cache_key(["a1"], ["ner"], ["text"], "blank", repo=tree)
    assert script._cache_key(["a1"], ["ner"], ["other text"], "blank", repo=tree) != key
    model = tree / "models" / "nlp"
    model.mkdir(parents=True)
    (model / "config.cfg").write_text("[nlp]")
    assert script._cache_key(["a1"], ["ner"], ["text"], str(model), repo=tree) != key


def test_eval_victims_casie_cache_files_cover_the_entity_modules(script):
    names = {f.name for f in script._cache_files("blank")}
    assert {"entities.py", "entity_persons.py", "entity_companies.py", "entity_labels.py",
            "features.py", "extensions.py"} <= names
