"""The NLP stage: a spaCy pipeline whose components fill the annotation record.

``load_nlp(settings)`` builds it: the entity layer (an installed official pipeline or the one
shipped in ``models/nlp``, plus the gazetteer ruler), then our components in order::

    incident_orgs -> attack_type_classifier -> affected_services -> quoted_experts

Each component declares what it reads and writes (``nlp.analyze_pipes()`` shows it).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from thinc.api import use_ops

from ..settings import Settings
from .extensions import register_extensions

COMPONENTS = ("incident_orgs", "attack_type_classifier", "affected_services", "quoted_experts")


def load_nlp(settings: Settings) -> Language:
    """The full annotation pipeline for ``settings`` (raises ModelError when a model is
    missing or incompatible)."""
    register_extensions()
    # importing the modules registers the factories (also declared as entry points)
    from . import attack_types, organisations, quotes, services  # noqa: F401
    from .entities import load_base

    # the entity model's matrix products through numpy (OpenBLAS) rather than thinc's default
    # BLIS: twice as fast on x86-64 for the tok2vec's shapes, the same annotations
    # (scripts/eval_records.py; annotate.py keeps OpenBLAS on one thread)
    with use_ops("numpy", use_blis=False):
        nlp = load_base(settings)
    nlp.add_pipe("incident_orgs", config={"surname_persons": True})  # "Diachenko said": a person
    nlp.add_pipe("attack_type_classifier", config={
        "model_dir": str(Path(settings.paths.models) / "attack_types"),
        "threshold": settings.annotate.attack_type_threshold,
    })
    nlp.add_pipe("affected_services")
    nlp.add_pipe("quoted_experts")
    return nlp


_PACKAGE_DIR = Path(__file__).resolve().parents[1]
_DATA_DIR = _PACKAGE_DIR.parent / "data"


@lru_cache(maxsize=1)
def _rules_digest() -> str:
    """A digest of what shapes annotations besides the trained weights: the annotation code
    (``pipeline/nlp``, the classifier) and the lexicons and gazetteers it reads from data/."""
    roots = [(_PACKAGE_DIR, [*(_PACKAGE_DIR / "nlp").glob("*.py"),
                             *_PACKAGE_DIR.glob("classifier*.py")]),
             (_DATA_DIR, [*_DATA_DIR.glob("*.json"), *(_DATA_DIR / "gazetteers").rglob("*")])]
    h = hashlib.sha256()
    for root, files in roots:
        for path in sorted(files):
            if path.is_file():
                h.update(path.relative_to(root).as_posix().encode() + b"\0")
                h.update(path.read_bytes())
    return h.hexdigest()[:10]


def model_version(nlp: Language) -> str:
    """Names and versions of the models behind the annotations, for provenance, and a digest of
    the rules, lexicons and settings around them: when any of these change, the stored
    annotations are out of date and the next run annotates again."""
    parts = [f"{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"]
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            version = getattr(nlp.get_pipe(name), "version", None)
            if version:
                parts.append(f"{name}-{version}")
    config = hashlib.sha256(nlp.config.to_str().encode()).hexdigest()[:6]
    parts.append(f"rules-{_rules_digest()}{config}")
    return "+".join(parts)


__all__ = ["COMPONENTS", "load_nlp", "model_version"]
