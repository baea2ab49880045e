"""Cyber-incident news pipeline: article URLs in, structured incident records and a CSV out.

Stages, data flowing one way: fetch -> extract -> annotate -> group -> store -> export.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .records import (AnnotatedArticle, Article, Expert, ExtractStatus, FetchResult, FetchStatus,
                      Incident, IncidentKind, LabelScore, Mention, Organisation, Quote, Service)

__all__ = [
    "AnnotatedArticle", "Article", "Expert", "ExtractStatus", "FetchResult", "FetchStatus",
    "Incident", "IncidentKind", "LabelScore", "Mention", "Organisation", "Quote", "Service",
    "__version__",
]
