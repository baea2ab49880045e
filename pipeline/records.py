"""Records passed between stages: frozen dataclasses of plain values.

Data flows one way: ``fetch -> extract -> annotate -> group -> store -> export``.

``FetchResult``  one per input (URL, saved page, WARC record); ``status`` says what happened.
``Article``      the main text and metadata of one fetched page.
``AnnotatedArticle``  organisations (victims marked), attack types, services, quotes.
``Incident``     articles about the same incident, grouped.

Per-item failure is a status, never an exception. No spaCy, lxml, numpy or pandas object
crosses a stage boundary: every field holds ``str``, ``int``, ``float``, ``bool``, dates,
enums or tuples of records.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


class FetchStatus(str, enum.Enum):
    """How fetching one input ended. Values are stored as-is in SQLite and the CSV."""

    OK = "ok"
    INVALID_URL = "invalid_url"
    DNS_ERROR = "dns_error"
    CONNECT_ERROR = "connect_error"
    TIMEOUT = "timeout"
    TLS_ERROR = "tls_error"
    HTTP_4XX = "http_4xx"
    HTTP_5XX = "http_5xx"
    TOO_LARGE = "too_large"
    UNSUPPORTED_TYPE = "unsupported_type"
    ROBOTS_DENIED = "robots_denied"
    REDIRECT_LOOP = "redirect_loop"
    BLOCKED = "blocked"
    PRIVATE_ADDRESS = "private_address"
    READ_ERROR = "read_error"
    DUPLICATE = "duplicate"

    @property
    def transient(self) -> bool:
        """Statuses worth retrying with ``--retry-failed`` (with 408/429 answers: see
        :func:`fetch_failed_transiently`)."""
        return self in _TRANSIENT


_TRANSIENT = {FetchStatus.DNS_ERROR, FetchStatus.CONNECT_ERROR, FetchStatus.TIMEOUT,
              FetchStatus.HTTP_5XX, FetchStatus.READ_ERROR}
# 4xx answers that mean "not now" rather than "never": request timeout, too many requests
TRANSIENT_4XX = frozenset({408, 429})


def fetch_failed_transiently(status: FetchStatus, http_status: int | None) -> bool:
    """A failure worth retrying with ``--retry-failed``: a transient status, or a 408/429
    answer (the server asked us to come back later)."""
    return status.transient or (status is FetchStatus.HTTP_4XX and http_status in TRANSIENT_4XX)


class ExtractStatus(str, enum.Enum):
    OK = "ok"
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    NOT_ARTICLE = "not_article"
    BLOCKED = "blocked"
    SKIPPED_FETCH_FAILED = "skipped_fetch_failed"


class IncidentKind(str, enum.Enum):
    """What an article reports: an incident, a vulnerability advisory, or neither."""

    INCIDENT = "incident"
    VULNERABILITY = "vulnerability"
    NONE = "none"


def stable_id(text: str) -> str:
    """Deterministic 16-hex-digit id (sha256 prefix)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One input, fetched (or read from disk / a WARC record), with its outcome.

    ``source`` is the input exactly as the user gave it; ``url`` the cleaned URL used as the
    identity of the fetch (for local files, a ``file://`` URL).
    """

    source: str
    url: str
    status: FetchStatus
    final_url: str | None = None
    http_status: int | None = None
    error: str | None = None
    fetched_at: datetime | None = None
    content_type: str | None = None
    charset: str | None = None
    html: str | None = None
    raw_sha256: str | None = None
    redirects: tuple[str, ...] = ()
    attempts: int = 0
    elapsed_s: float = 0.0
    raw: bytes | None = field(default=None, repr=False, compare=False)  # body bytes as received

    @property
    def fetch_id(self) -> str:
        return stable_id(self.url)

    @property
    def ok(self) -> bool:
        return self.status is FetchStatus.OK


@dataclass(frozen=True, slots=True)
class Article:
    """The main text of a page and its metadata."""

    article_id: str
    url: str
    status: ExtractStatus
    text: str = ""
    canonical_url: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    modified: date | None = None
    site: str | None = None
    description: str | None = None
    language: str | None = None
    extractor: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is ExtractStatus.OK


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of ``Article.text`` with a label and a normalised form."""

    text: str
    label: str
    start_char: int
    end_char: int
    norm: str = ""


@dataclass(frozen=True, slots=True)
class Organisation:
    """One organisation of an article, with every surface form it takes there.

    ``key`` is the normalised name used to group incidents across articles; ``role`` is one of
    victim | attacker | vendor | authority | security_firm | other.
    """

    name: str
    key: str
    role: str = "other"
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class LabelScore:
    """An attack-type label with its probability and the evidence sentences (char offsets)."""

    label: str
    score: float
    evidence: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Service:
    """An affected service, system or operation: ``status`` is disrupted | compromised |
    restored | unclear."""

    text: str
    start_char: int
    end_char: int
    status: str = "unclear"


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted (``direct``) or reported speech and who said it.

    ``speaker_type`` is expert | victim_representative | authority | attacker | other.
    """

    text: str
    start_char: int
    end_char: int
    direct: bool = True
    speaker: str | None = None
    speaker_mention: str | None = None
    role: str | None = None
    affiliation: str | None = None
    speaker_type: str = "other"
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    article_id: str
    kind: IncidentKind = IncidentKind.NONE
    organisations: tuple[Organisation, ...] = ()
    attack_types: tuple[LabelScore, ...] = ()
    services: tuple[Service, ...] = ()
    compromised_data: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    threat_actors: tuple[str, ...] = ()
    malware: tuple[str, ...] = ()
    cves: tuple[str, ...] = ()
    model_version: str = ""
    # set when a pipeline component raised on this article: "<component>: <Error>: <message>";
    # the other fields are then empty and the next run annotates the article again
    error: str | None = None

    @property
    def victims(self) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if o.role == "victim")

    def to_gold_format(self) -> dict[str, Any]:
        """The record as ``incidents annotate`` prints it: field names of the gold records
        (shared/corpora/gold_records/README.md)."""
        def org(o: Organisation) -> dict[str, Any]:
            return {"name": o.name, "aliases": list(o.aliases), "role": o.role}

        return {
            "id": self.article_id,
            "kind": self.kind.value,
            "victims": [{"name": o.name, "aliases": list(o.aliases)} for o in self.victims],
            "organisations": [org(o) for o in self.organisations],
            "attack_types": [ls.label for ls in self.attack_types],
            "attack_type_scores": {ls.label: round(ls.score, 4) for ls in self.attack_types},
            "affected_services": [{"text": s.text, "status": s.status} for s in self.services],
            "compromised_data": list(self.compromised_data),
            "quotes": [
                {"quote": q.text, "direct": q.direct, "speaker": q.speaker,
                 "speaker_mention": q.speaker_mention, "role": q.role,
                 "affiliation": q.affiliation, "speaker_type": q.speaker_type}
                for q in self.quotes
            ],
            "threat_actors": list(self.threat_actors),
            "malware": list(self.malware),
            "cves": list(self.cves),
            "model_version": self.model_version,
        } | ({"error": self.error} if self.error else {})


@dataclass(frozen=True, slots=True)
class Expert:
    """A quoted person, as listed for an incident."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    speaker_type: str = "other"
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Incident:
    incident_id: str
    victim: str
    victim_key: str
    group_key: str
    attack_types: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    experts: tuple[Expert, ...] = ()
    first_reported: date | None = None
    last_reported: date | None = None
    article_ids: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    victim_aliases: tuple[str, ...] = ()
    other_victims: tuple[str, ...] = ()


def to_plain(obj: Any) -> Any:
    """Record -> JSON-ready value (enums to values, dates to ISO strings, tuples to lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj


__all__ = [
    "AnnotatedArticle", "Article", "Expert", "ExtractStatus", "FetchResult", "FetchStatus",
    "Incident", "IncidentKind", "LabelScore", "Mention", "Organisation", "Quote", "Service",
    "stable_id", "to_plain",
]
