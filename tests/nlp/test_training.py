"""training/fetch_vectors.py: the pure steps, on a tiny hand-made wink JSON (offline, no npm)."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
from pathlib import Path

import numpy
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
import fetch_vectors  # noqa: E402

WORDS = ["the", "company", "firm", "paris", "london", "hackers"]
VECS = {"the": [1.0, 0.0, 0.0], "company": [0.0, 1.0, 0.1], "firm": [0.0, 0.9, 0.2],
        "paris": [0.0, 0.0, 1.0], "london": [0.1, 0.0, 0.9], "hackers": [-1.0, 0.0, 0.0]}


def wink_json(words=WORDS, vecs=VECS) -> bytes:
    # the package's layout: floats, then the L2 norm (l2NormIndex) and the word index (wordIndex)
    table = {w: list(vecs[w]) + [float(numpy.linalg.norm(vecs[w])), i]
             for i, w in enumerate(words)}
    return json.dumps({"precision": 8, "l2NormIndex": 3, "wordIndex": 4, "size": len(words),
                       "dimensions": 3, "words": words, "vectors": table,
                       "unkVector": [0, 0, 0]}).encode()


def test_read_wink_keeps_file_order_and_drops_norm_and_index():
    words, vectors = fetch_vectors.read_wink(io.BytesIO(wink_json()))
    assert words == WORDS
    assert vectors.shape == (6, 3) and vectors.dtype == numpy.float32
    assert vectors[WORDS.index("firm")].tolist() == pytest.approx([0.0, 0.9, 0.2])


def test_read_wink_rejects_a_wrong_size():
    data = json.loads(wink_json())
    data["size"] = 7
    with pytest.raises(ValueError):
        fetch_vectors.read_wink(io.BytesIO(json.dumps(data).encode()))


def test_pruned_words_map_to_the_nearest_kept_vector():
    _, vectors = fetch_vectors.read_wink(io.BytesIO(wink_json()))
    rows, sims = fetch_vectors.nearest_rows(vectors, n_rows=4, n_keys=6, batch=1)
    assert rows[:4].tolist() == [0, 1, 2, 3] and sims[:4].tolist() == [1, 1, 1, 1]
    assert WORDS[rows[WORDS.index("london")]] == "paris"
    assert sims[WORDS.index("london")] > 0.9
    # "hackers" points away from everything kept: its best cosine is low (<= 0)
    assert sims[WORDS.index("hackers")] <= 0.0


def test_casings_of_a_lower_cased_word():
    assert fetch_vectors.casings("fbi") == ["fbi", "Fbi", "FBI"]
    assert fetch_vectors.casings("o'neil") == ["o'neil", "O'neil"]      # long: no upper case
    assert fetch_vectors.casings("mcdonald") == ["mcdonald", "Mcdonald"]
    assert fetch_vectors.casings("2019") == ["2019"]


def test_cased_forms_only_for_proper_nouns_when_probs_are_given():
    probs = {"microsoft": -12.8, "Microsoft": -10.5, "recruitment": -13.1, "Recruitment": -15.5,
             "fbi": -15.1, "FBI": -11.9, "Fbi": -19.0}
    assert fetch_vectors.casings("microsoft", probs) == ["microsoft", "Microsoft"]
    assert fetch_vectors.casings("recruitment", probs) == ["recruitment"]
    assert fetch_vectors.casings("fbi", probs) == ["fbi", "FBI"]
    # a word no table knows keeps all its forms
    assert fetch_vectors.casings("zzyzxville", probs) == ["zzyzxville", "Zzyzxville"]


def test_token_casings_find_their_word_after_saving(tmp_path):
    import spacy

    _, vectors = fetch_vectors.read_wink(io.BytesIO(wink_json()))
    rows, _ = fetch_vectors.nearest_rows(vectors, n_rows=4, n_keys=6)
    table = fetch_vectors.build_vectors(WORDS, vectors[:4], rows)
    assert table.shape == (4, 3) and len(table.strings) == 0       # hashes only, no strings
    nlp = spacy.blank("en")
    nlp.vocab.vectors = table
    nlp.to_disk(tmp_path / "vec")
    loaded = spacy.load(tmp_path / "vec")
    doc = loaded("London FIRM firm Firm unknownword")
    # what spaCy's StaticVectors does: rows of the tokens' keys (vectors.attr), -1 = zero vector
    found = loaded.vocab.vectors.find(keys=doc.to_array(loaded.vocab.vectors.attr)).tolist()
    assert found == [3, 2, 2, 2, -1]    # London -> paris's row, FIRM/firm/Firm -> firm
    assert loaded.vocab.vectors.data[2].tolist() == pytest.approx(vectors[2].tolist())


def test_pca_keeps_the_main_direction():
    rng = numpy.random.default_rng(0)
    base = rng.normal(size=(200, 1))
    vectors = numpy.hstack([base * 10, rng.normal(size=(200, 2)) * 0.1]).astype("float32")
    reduced = fetch_vectors.pca(vectors, 1, 200)
    assert reduced.shape == (200, 1)
    assert abs(numpy.corrcoef(reduced[:, 0], vectors[:, 0])[0, 1]) > 0.99
    assert fetch_vectors.pca(vectors, 3, 200) is vectors


def test_verify_checks_both_npm_digests(tmp_path):
    path = tmp_path / "x.tgz"
    path.write_bytes(b"tarball bytes")
    sha1 = hashlib.sha1(b"tarball bytes").hexdigest()
    sha512 = base64.b64encode(hashlib.sha512(b"tarball bytes").digest()).decode()
    fetch_vectors.verify(path, sha1, sha512)
    with pytest.raises(SystemExit):
        fetch_vectors.verify(path, sha1, sha512[:-4] + "AAA=")
    with pytest.raises(SystemExit):
        fetch_vectors.verify(path, "0" * 40, sha512)
