"""Settings: shipped defaults (``settings.cfg``) first, a user file on top, CLI flags last.

``load_settings(path)`` returns a frozen :class:`Settings`; functions take it explicitly.
"""
from __future__ import annotations

import configparser
import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from .errors import ConfigError

DEFAULTS_FILE = Path(__file__).with_name("settings.cfg")


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = "cyber-incident-pipeline/0.1"
    concurrency: int = 16
    per_host_concurrency: int = 2
    per_host_delay: float = 0.0
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    obey_robots: bool = True
    verify_tls: bool = True
    allow_private: bool = False
    max_retry_after: float = 120.0
    max_crawl_delay: float = 30.0
    threads: int = 4


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    include_comments: bool = False
    favor_precision: bool = True
    min_text_chars: int = 200
    second_extractor: bool = True


@dataclass(frozen=True, slots=True)
class AnnotateSettings:
    spacy_model: str = "auto"
    batch_size: int = 32
    batch_chars: int = 200_000
    attack_type_threshold: float = 0.0


@dataclass(frozen=True, slots=True)
class GroupSettings:
    max_days_apart: int = 45
    followup_days: int = 365


@dataclass(frozen=True, slots=True)
class PathSettings:
    db: str = "data/incidents.db"
    models: str = "models"


@dataclass(frozen=True, slots=True)
class Settings:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    annotate: AnnotateSettings = field(default_factory=AnnotateSettings)
    group: GroupSettings = field(default_factory=GroupSettings)
    paths: PathSettings = field(default_factory=PathSettings)

    def digest(self) -> str:
        """A short hash of every value, recorded with each run."""
        blob = json.dumps(dataclasses.asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def replace(self, section: str, **changes: Any) -> "Settings":
        """A copy with some keys of one section changed (used for CLI flags)."""
        changes = {k: v for k, v in changes.items() if v is not None}
        if not changes:
            return self
        current = getattr(self, section)
        return dataclasses.replace(self, **{section: dataclasses.replace(current, **changes)})


def _coerce(value: str, kind: Any, where: str) -> Any:
    try:
        if kind is bool:
            low = value.strip().lower()
            if low in {"1", "true", "yes", "on"}:
                return True
            if low in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        return kind(value.strip())
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a valid {kind.__name__}") from None


def _apply(settings: Settings, parser: configparser.ConfigParser, origin: str) -> Settings:
    for section in parser.sections():
        if section not in Settings.__dataclass_fields__:
            raise ConfigError(f"{origin}: unknown section [{section}]; known: "
                              + ", ".join(Settings.__dataclass_fields__))
        cls = type(getattr(settings, section))
        hints = get_type_hints(cls)
        changes = {}
        for key, raw in parser.items(section):
            if key not in hints:
                raise ConfigError(f"{origin}: unknown key {key!r} in [{section}]; known: "
                                  + ", ".join(hints))
            changes[key] = _coerce(raw, hints[key], f"{origin} [{section}] {key}")
        settings = settings.replace(section, **changes)
    group = settings.group
    if group.followup_days <= group.max_days_apart:
        # (group.py gives a follow-up the longer window only when it is longer: a smaller
        # value would switch follow-ups off without a word)
        raise ConfigError(f"{origin} [group] followup_days: {group.followup_days} must be "
                          f"greater than max_days_apart ({group.max_days_apart})")
    return settings


def _read(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(path, encoding="utf-8") as fh:
            parser.read_file(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc.strerror}") from None
    except configparser.Error as exc:
        raise ConfigError(f"settings file {path} is not valid INI: {exc}") from None
    return parser


def load_settings(user_file: str | Path | None = None) -> Settings:
    """Shipped defaults, then ``user_file`` (only the keys it sets)."""
    settings = _apply(Settings(), _read(DEFAULTS_FILE), str(DEFAULTS_FILE))
    if user_file is not None:
        settings = _apply(settings, _read(Path(user_file)), str(user_file))
    return settings


__all__ = ["AnnotateSettings", "ExtractSettings", "FetchSettings", "GroupSettings",
           "PathSettings", "Settings", "load_settings"]
