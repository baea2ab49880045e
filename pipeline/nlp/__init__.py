"""The NLP stage: a spaCy pipeline whose components fill the annotation record.

``load_nlp(settings)`` builds it: the entity layer (an installed official pipeline or the one
shipped in ``models/nlp``, plus the gazetteer ruler), then our components in order::

    incident_orgs -> attack_type_classifier -> affected_services -> quoted_experts

Each component declares what it reads and writes (``nlp.analyze_pipes()`` shows it).
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

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

    nlp = load_base(settings)
    nlp.add_pipe("incident_orgs")
    nlp.add_pipe("attack_type_classifier", config={
        "model_dir": str(Path(settings.paths.models) / "attack_types"),
        "threshold": settings.annotate.attack_type_threshold,
    })
    nlp.add_pipe("affected_services")
    nlp.add_pipe("quoted_experts")
    return nlp


def model_version(nlp: Language) -> str:
    """Names and versions of the models behind the annotations, for provenance."""
    parts = [f"{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"]
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            version = getattr(nlp.get_pipe(name), "version", None)
            if version:
                parts.append(f"{name}-{version}")
    return "+".join(parts)


__all__ = ["COMPONENTS", "load_nlp", "model_version"]
