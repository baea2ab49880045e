"""The SQLite store: the only module with SQL, and the state that makes reruns resume.

Tables (see ``_MIGRATIONS``):

``fetches``      one row per input URL (its status is the row's status), keyed by cleaned URL
``pages``        the fetched page, compressed (raw bytes and decoded HTML), keyed by URL
``articles``     extracted text and metadata, keyed by ``article_id``, linked to a fetch URL
``annotations``  the annotated record as JSON, keyed by ``article_id``
``organisations``, ``quotes``  the annotation's organisations and quotes, one row each
``incidents``, ``incident_articles``  the grouped incidents
``runs``         one row per job run: settings digest, model version, counts

Every write is an upsert by a deterministic id, so rerunning the same input never duplicates a
row, and each fetch is committed as soon as it is stored, so a killed run loses at most the
page in flight.
"""
from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

from .errors import StoreError
from .records import (AnnotatedArticle, Article, Expert, ExtractStatus, FetchResult, FetchStatus,
                      Incident, IncidentKind, LabelScore, Mention, Organisation, Quote, Service,
                      fetch_failed_transiently, to_plain)


def _m1(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE fetches (
            url TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            status TEXT NOT NULL,
            final_url TEXT,
            http_status INTEGER,
            error TEXT,
            fetched_at TEXT,
            content_type TEXT,
            charset TEXT,
            raw_sha256 TEXT,
            redirects TEXT NOT NULL DEFAULT '[]',
            attempts INTEGER NOT NULL DEFAULT 0,
            elapsed_s REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE pages (
            url TEXT PRIMARY KEY REFERENCES fetches(url) ON DELETE CASCADE,
            html_z BLOB,
            raw_z BLOB
        );
        CREATE TABLE articles (
            article_id TEXT PRIMARY KEY,
            fetch_url TEXT NOT NULL,
            url TEXT NOT NULL,
            status TEXT NOT NULL,
            source_sha256 TEXT,
            canonical_url TEXT,
            title TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            modified TEXT,
            site TEXT,
            description TEXT,
            language TEXT,
            text TEXT NOT NULL DEFAULT '',
            extractor TEXT NOT NULL DEFAULT '',
            error TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX articles_fetch_url ON articles(fetch_url);
        CREATE TABLE annotations (
            article_id TEXT PRIMARY KEY REFERENCES articles(article_id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            model_version TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            record TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE organisations (
            article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, key)
        );
        CREATE INDEX organisations_key ON organisations(key);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            direct INTEGER NOT NULL,
            speaker TEXT,
            role TEXT,
            affiliation TEXT,
            speaker_type TEXT NOT NULL,
            PRIMARY KEY (article_id, start_char, end_char)
        );
        CREATE TABLE incidents (
            incident_id TEXT PRIMARY KEY,
            group_key TEXT NOT NULL,
            victim TEXT NOT NULL,
            victim_key TEXT NOT NULL,
            record TEXT NOT NULL,
            first_reported TEXT,
            last_reported TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE incident_articles (
            incident_id TEXT NOT NULL REFERENCES incidents(incident_id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            PRIMARY KEY (incident_id, article_id)
        );
        CREATE TABLE runs (
            run_id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            command TEXT NOT NULL,
            settings_digest TEXT,
            model_version TEXT,
            counts TEXT NOT NULL DEFAULT '{}'
        );
        """
    )


_MIGRATIONS = (_m1,)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating it and its folder if needed) and migrate the store at ``path``.

    ``":memory:"`` gives a throw-away store.
    """
    if str(path) != ":memory:" and Path(path).is_dir():
        raise StoreError(f"the store {path} is a folder: pass the store file, e.g. --db "
                         f"{Path(path) / 'incidents.db'}")
    try:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path), timeout=30)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the store {path}: {exc}. Move the file away to start a "
                         "new store, or pass another --db") from None
    except (FileExistsError, NotADirectoryError):   # a file where its folder should be
        in_way = next(p for p in Path(path).parents if p.exists() and not p.is_dir())
        raise StoreError(f"cannot create the store {path}: {in_way} is a file, not a folder. "
                         "Pass another --db") from None
    except OSError as exc:   # its folder cannot be created (permissions, a read-only disk)
        raise StoreError(f"cannot create the store {path}: {exc.strerror or exc}. Pass another "
                         "--db") from None
    return db


def migrate(db: sqlite3.Connection) -> int:
    """Apply the migrations the file has not seen; returns the schema version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(_MIGRATIONS):
        raise StoreError(f"the store has schema version {version}, newer than this program "
                         f"({len(_MIGRATIONS)}): upgrade cyber-incident-pipeline")
    for number, step in enumerate(_MIGRATIONS[version:], start=version + 1):
        with db:
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
    return len(_MIGRATIONS)


# ----------------------------------------------------------------------------- fetches
def upsert_fetch(db: sqlite3.Connection, result: FetchResult) -> None:
    """Store one fetch result (and its page) and commit."""
    raw = getattr(result, "raw", None)
    with db:
        db.execute(
            """INSERT INTO fetches (url, source, status, final_url, http_status, error,
                   fetched_at, content_type, charset, raw_sha256, redirects, attempts,
                   elapsed_s, updated_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(url) DO UPDATE SET source=excluded.source, status=excluded.status,
                   final_url=excluded.final_url, http_status=excluded.http_status,
                   error=excluded.error, fetched_at=excluded.fetched_at,
                   content_type=excluded.content_type, charset=excluded.charset,
                   raw_sha256=excluded.raw_sha256, redirects=excluded.redirects,
                   attempts=excluded.attempts, elapsed_s=excluded.elapsed_s,
                   updated_at=excluded.updated_at""",
            (result.url, result.source, result.status.value, result.final_url,
             result.http_status, result.error,
             result.fetched_at.isoformat() if result.fetched_at else None,
             result.content_type, result.charset, result.raw_sha256,
             json.dumps(list(result.redirects)), result.attempts, result.elapsed_s, _now()),
        )
        if result.html is not None or raw is not None:
            db.execute(
                "INSERT OR REPLACE INTO pages (url, html_z, raw_z) VALUES (?,?,?)",
                (result.url,
                 zlib.compress(result.html.encode("utf-8")) if result.html is not None else None,
                 zlib.compress(raw) if raw is not None else None),
            )


def forget_stale_parts(db: sqlite3.Connection, warc: str, seen: set[str]) -> int:
    """Delete the rows of a WARC file's broken parts (``<warc>#offset=N``) that a complete
    new reading of the file (``seen``: every URL it gave) no longer has: the file was
    repaired or replaced, and its records now have rows of their own."""
    prefix = warc + "#offset="   # a key range, so that the primary-key index is used
    rows = db.execute("SELECT url FROM fetches WHERE url >= ? AND url < ?",
                      (prefix, prefix[:-1] + ">")).fetchall()
    stale = [r["url"] for r in rows if r["url"] not in seen]
    with db:
        db.executemany("DELETE FROM fetches WHERE url = ?", [(u,) for u in stale])
    return len(stale)


def upsert_fetches(db: sqlite3.Connection, results: Iterable[FetchResult]) -> int:
    n = 0
    for result in results:
        upsert_fetch(db, result)
        n += 1
    return n


def finished_urls(db: sqlite3.Connection, *, retry_failed: bool = False) -> set[str]:
    """URLs that a rerun must not fetch again: every stored URL, or with ``retry_failed``
    every stored URL except transient failures (timeouts, connection and 5xx errors, 408 and
    429 answers)."""
    rows = db.execute("SELECT url, status, http_status FROM fetches").fetchall()
    if not retry_failed:
        return {r["url"] for r in rows}
    return {r["url"] for r in rows
            if not fetch_failed_transiently(FetchStatus(r["status"]), r["http_status"])}


def _fetch_from_row(row: sqlite3.Row, html: str | None) -> FetchResult:
    return FetchResult(
        source=row["source"], url=row["url"], status=FetchStatus(row["status"]),
        final_url=row["final_url"], http_status=row["http_status"], error=row["error"],
        fetched_at=datetime.fromisoformat(row["fetched_at"]) if row["fetched_at"] else None,
        content_type=row["content_type"], charset=row["charset"], html=html,
        raw_sha256=row["raw_sha256"], redirects=tuple(json.loads(row["redirects"])),
        attempts=row["attempts"], elapsed_s=row["elapsed_s"],
    )


_FETCH_WITH_HTML = "SELECT f.*, p.html_z FROM fetches f LEFT JOIN pages p ON p.url = f.url"


def _html(row: sqlite3.Row) -> str | None:
    return zlib.decompress(row["html_z"]).decode("utf-8") if row["html_z"] else None


def iter_fetches(db: sqlite3.Connection, *, with_html: bool = True) -> Iterator[FetchResult]:
    """Stored fetch results (with their decoded HTML unless ``with_html`` is false)."""
    query = _FETCH_WITH_HTML if with_html else "SELECT f.*, NULL AS html_z FROM fetches f"
    for row in db.execute(query + " ORDER BY f.url").fetchall():
        yield _fetch_from_row(row, _html(row))


def get_fetch(db: sqlite3.Connection, url: str) -> FetchResult | None:
    """One stored fetch result with its decoded HTML."""
    row = db.execute(_FETCH_WITH_HTML + " WHERE f.url = ?", (url,)).fetchone()
    return _fetch_from_row(row, _html(row)) if row else None


def status_counts(db: sqlite3.Connection, table: str = "fetches") -> dict[str, int]:
    if table not in {"fetches", "articles"}:
        raise ValueError(table)
    return {r[0]: r[1] for r in db.execute(
        f"SELECT status, COUNT(*) FROM {table} GROUP BY status ORDER BY status")}


# ----------------------------------------------------------------------------- articles
def article_is_current(db: sqlite3.Connection, fetch_url: str, source_sha256: str | None,
                       extractor: str) -> bool:
    """True when the page at ``fetch_url`` was already extracted from the same bytes by the
    same extractor version."""
    row = db.execute(
        "SELECT 1 FROM articles WHERE fetch_url = ? AND extractor = ? AND source_sha256 IS ?",
        (fetch_url, extractor, source_sha256)).fetchone()
    return row is not None


def upsert_article(db: sqlite3.Connection, article: Article, *, fetch_url: str,
                   source_sha256: str | None = None) -> None:
    with db:
        # a page re-extracted to another article id (its canonical URL changed) replaces the old
        db.execute("DELETE FROM articles WHERE fetch_url = ? AND article_id != ?",
                   (fetch_url, article.article_id))
        db.execute(
            """INSERT INTO articles (article_id, fetch_url, url, status, source_sha256,
                   canonical_url, title, authors, published, modified, site, description,
                   language, text, extractor, error, updated_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(article_id) DO UPDATE SET fetch_url=excluded.fetch_url,
                   url=excluded.url, status=excluded.status,
                   source_sha256=excluded.source_sha256, canonical_url=excluded.canonical_url,
                   title=excluded.title, authors=excluded.authors,
                   published=excluded.published, modified=excluded.modified,
                   site=excluded.site, description=excluded.description,
                   language=excluded.language, text=excluded.text,
                   extractor=excluded.extractor, error=excluded.error,
                   updated_at=excluded.updated_at""",
            (article.article_id, fetch_url, article.url, article.status.value, source_sha256,
             article.canonical_url, article.title, json.dumps(list(article.authors)),
             _iso(article.published), _iso(article.modified), article.site,
             article.description, article.language, article.text, article.extractor,
             article.error, _now()),
        )


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        article_id=row["article_id"], url=row["url"], status=ExtractStatus(row["status"]),
        text=row["text"], canonical_url=row["canonical_url"], title=row["title"],
        authors=tuple(json.loads(row["authors"])), published=_date(row["published"]),
        modified=_date(row["modified"]), site=row["site"], description=row["description"],
        language=row["language"], extractor=row["extractor"], error=row["error"],
    )


def iter_articles(db: sqlite3.Connection, *, ok_only: bool = False) -> Iterator[Article]:
    query = "SELECT * FROM articles"
    if ok_only:
        query += " WHERE status = 'ok'"
    for row in db.execute(query + " ORDER BY article_id"):
        yield _article_from_row(row)


def article_fetch_urls(db: sqlite3.Connection) -> dict[str, str]:
    """fetch URL -> article id."""
    return {r[0]: r[1] for r in db.execute("SELECT fetch_url, article_id FROM articles")}


# ----------------------------------------------------------------------------- annotations
def annotation_is_current(db: sqlite3.Connection, article_id: str, text_sha256: str,
                          model_version: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM annotations WHERE article_id = ? AND text_sha256 = ? AND model_version = ? "
        "AND kind != 'error'",   # a failed annotation is tried again by the next run
        (article_id, text_sha256, model_version)).fetchone()
    return row is not None


def upsert_annotation(db: sqlite3.Connection, record: AnnotatedArticle, *,
                      text_sha256: str) -> None:
    with db:
        db.execute(
            """INSERT OR REPLACE INTO annotations (article_id, kind, model_version, text_sha256,
                   record, updated_at) VALUES (?,?,?,?,?,?)""",
            (record.article_id, "error" if record.error else record.kind.value,
             record.model_version, text_sha256,
             json.dumps(to_plain(record), ensure_ascii=False), _now()),
        )
        db.execute("DELETE FROM organisations WHERE article_id = ?", (record.article_id,))
        db.executemany(
            "INSERT OR REPLACE INTO organisations (article_id, key, name, role, aliases) "
            "VALUES (?,?,?,?,?)",
            [(record.article_id, o.key, o.name, o.role, json.dumps(list(o.aliases)))
             for o in record.organisations])
        db.execute("DELETE FROM quotes WHERE article_id = ?", (record.article_id,))
        db.executemany(
            "INSERT OR REPLACE INTO quotes (article_id, start_char, end_char, text, direct, "
            "speaker, role, affiliation, speaker_type) VALUES (?,?,?,?,?,?,?,?,?)",
            [(record.article_id, q.start_char, q.end_char, q.text, int(q.direct), q.speaker,
              q.role, q.affiliation, q.speaker_type) for q in record.quotes])


def annotation_from_plain(data: dict) -> AnnotatedArticle:
    """Inverse of ``to_plain`` for an AnnotatedArticle."""
    def org(d: dict) -> Organisation:
        return Organisation(name=d["name"], key=d["key"], role=d["role"],
                            aliases=tuple(d["aliases"]),
                            mentions=tuple(Mention(**m) for m in d.get("mentions", ())))

    def label(d: dict) -> LabelScore:
        return LabelScore(label=d["label"], score=d["score"],
                          evidence=tuple(tuple(e) for e in d.get("evidence", ())))

    return AnnotatedArticle(
        article_id=data["article_id"], kind=IncidentKind(data["kind"]),
        organisations=tuple(org(o) for o in data["organisations"]),
        attack_types=tuple(label(a) for a in data["attack_types"]),
        services=tuple(Service(**s) for s in data["services"]),
        compromised_data=tuple(data["compromised_data"]),
        quotes=tuple(Quote(**q) for q in data["quotes"]),
        threat_actors=tuple(data["threat_actors"]), malware=tuple(data["malware"]),
        cves=tuple(data["cves"]), model_version=data["model_version"],
        error=data.get("error"),
    )


def iter_annotations(db: sqlite3.Connection) -> Iterator[AnnotatedArticle]:
    for row in db.execute("SELECT record FROM annotations ORDER BY article_id"):
        yield annotation_from_plain(json.loads(row["record"]))


# ----------------------------------------------------------------------------- incidents
def replace_incidents(db: sqlite3.Connection, incidents: Iterable[Incident]) -> int:
    """Replace the stored incidents by a fresh grouping (grouping is global and cheap)."""
    n = 0
    with db:
        db.execute("DELETE FROM incident_articles")
        db.execute("DELETE FROM incidents")
        for inc in incidents:
            db.execute(
                """INSERT INTO incidents (incident_id, group_key, victim, victim_key, record,
                       first_reported, last_reported, updated_at) VALUES (?,?,?,?,?,?,?,?)""",
                (inc.incident_id, inc.group_key, inc.victim, inc.victim_key,
                 json.dumps(to_plain(inc), ensure_ascii=False), _iso(inc.first_reported),
                 _iso(inc.last_reported), _now()))
            db.executemany("INSERT INTO incident_articles (incident_id, article_id) VALUES (?,?)",
                           [(inc.incident_id, a) for a in inc.article_ids])
            n += 1
    return n


def _incident_from_plain(d: dict) -> Incident:
    return Incident(
        incident_id=d["incident_id"], victim=d["victim"], victim_key=d["victim_key"],
        group_key=d["group_key"], attack_types=tuple(d["attack_types"]),
        services=tuple(d["services"]), experts=tuple(Expert(**e) for e in d["experts"]),
        first_reported=_date(d["first_reported"]), last_reported=_date(d["last_reported"]),
        article_ids=tuple(d["article_ids"]), urls=tuple(d["urls"]), titles=tuple(d["titles"]),
        victim_aliases=tuple(d["victim_aliases"]), other_victims=tuple(d["other_victims"]),
    )


def iter_incidents(db: sqlite3.Connection) -> Iterator[Incident]:
    for row in db.execute("SELECT record FROM incidents ORDER BY first_reported, incident_id"):
        yield _incident_from_plain(json.loads(row["record"]))


def input_rows(db: sqlite3.Connection) -> list[dict]:
    """One row per input: fetch status, extraction status, article kind and incident."""
    rows = db.execute(
        """SELECT f.source, f.url, f.status AS fetch_status, f.http_status, f.error AS fetch_error,
                  a.article_id, a.status AS extract_status, a.error AS extract_error,
                  a.title, a.published,
                  n.kind, json_extract(n.record, '$.error') AS annotate_error, ia.incident_id
           FROM fetches f
           LEFT JOIN articles a ON a.fetch_url = f.url
           LEFT JOIN annotations n ON n.article_id = a.article_id
           LEFT JOIN incident_articles ia ON ia.article_id = a.article_id
           ORDER BY f.source, f.url""").fetchall()
    return [dict(r) for r in rows]


# ----------------------------------------------------------------------------- runs
def start_run(db: sqlite3.Connection, command: str, *, settings_digest: str = "",
              model_version: str = "") -> int:
    with db:
        cur = db.execute(
            "INSERT INTO runs (started_at, command, settings_digest, model_version) "
            "VALUES (?,?,?,?)", (_now(), command, settings_digest, model_version))
    return int(cur.lastrowid)


def finish_run(db: sqlite3.Connection, run_id: int, counts: dict) -> None:
    with db:
        db.execute("UPDATE runs SET finished_at = ?, counts = ? WHERE run_id = ?",
                   (_now(), json.dumps(counts), run_id))


__all__ = [
    "annotation_from_plain", "annotation_is_current", "article_fetch_urls", "article_is_current",
    "connect", "finish_run", "finished_urls", "get_fetch", "input_rows", "iter_annotations", "iter_articles",
    "iter_fetches", "iter_incidents", "migrate", "replace_incidents", "start_run",
    "status_counts", "upsert_annotation", "upsert_article", "upsert_fetch", "upsert_fetches",
]
