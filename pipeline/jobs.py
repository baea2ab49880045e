"""Batch jobs that chain the stages over the store: the store is the state, so every job
resumes where an earlier (interrupted) one stopped and never redoes finished work.

    fetch_inputs     inputs -> fetches            (skips URLs already stored)
    extract_pending  fetches -> articles          (skips pages extracted from the same bytes)
    annotate_pending articles -> annotations      (skips texts annotated by the same models)
    group_stored     annotations -> incidents     (cheap, recomputed globally)
    run_job          all of the above, then the CSV/JSONL exports
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from sqlite3 import Connection
from typing import IO, NamedTuple

from . import store
from .errors import InputError, OutputError
from .records import Article, ExtractStatus, FetchStatus, Incident
from .settings import Settings

Progress = Callable[[str, str], None]   # (stage, status) after each item


def _noop(stage: str, status: str) -> None:
    return None


def exit_code(failed: int, total: int) -> int:
    """0 all items ok, 1 some failed, 126 when at least 99 % failed."""
    if not total or not failed:
        return 0
    return 126 if failed / total >= 0.99 else 1


@dataclass
class JobSummary:
    """What one job did; ``counts[stage][status]`` counts items handled by this run, and
    ``skipped`` the items an earlier run had already finished."""

    counts: dict[str, Counter] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)
    urls: set[str] = field(default_factory=set)
    failed_inputs: int = 0
    incidents: int = 0
    outputs: dict[str, str] = field(default_factory=dict)

    @property
    def inputs(self) -> int:
        return len(self.urls)

    @property
    def exit_code(self) -> int:
        return exit_code(self.failed_inputs, self.inputs)


def fetch_inputs(inputs: Sequence[str], settings: Settings, db: Connection, *,
                 retry_failed: bool = False, stdin: IO[str] | None = None,
                 progress: Progress = _noop, summary: JobSummary | None = None) -> JobSummary:
    """Fetch (or read) every input not stored yet and store each result as it arrives."""
    from .fetch import fetch_many
    from .inputs import iter_inputs

    summary = summary or JobSummary()
    counts = summary.counts.setdefault("fetch", Counter())
    done = store.finished_urls(db, retry_failed=retry_failed)
    warcs: set[str] = set()  # the WARC files read in this job

    def pending(items: Iterable) -> Iterator:
        for item in items:
            summary.urls.add(item.url)
            if item.warc:
                warcs.add(item.warc)
            if item.url in done:
                summary.skipped["fetch"] += 1
                progress("fetch", "skipped")
                continue
            yield item

    for result in fetch_many(pending(iter_inputs(inputs, stdin=stdin)), settings):
        store.upsert_fetch(db, result)
        counts[result.status.value] += 1
        progress("fetch", result.status.value)
    for warc in warcs:  # each was read to its end: drop the rows of parts no longer broken
        store.forget_stale_parts(db, warc, summary.urls)
    return summary


def count_failures(db: Connection, summary: JobSummary) -> int:
    """How many of this job's inputs failed to fetch, to extract or to annotate."""
    failed = 0
    for row in store.input_rows(db):
        if row["url"] in summary.urls and (
                row["fetch_status"] != FetchStatus.OK.value
                or row["extract_status"] not in (None, ExtractStatus.OK.value)
                or row["kind"] == "error"):
            failed += 1
    summary.failed_inputs = failed
    return failed


def extract_pending(settings: Settings, db: Connection, *, progress: Progress = _noop,
                    summary: JobSummary | None = None) -> JobSummary:
    """Extract every stored page that was not extracted from the same bytes by this
    extractor version."""
    from .extract import extract_article, extractor_name

    summary = summary or JobSummary()
    counts = summary.counts.setdefault("extract", Counter())
    version = extractor_name(settings)
    for fetched in store.iter_fetches(db, with_html=False):
        if fetched.status is not FetchStatus.OK:
            continue
        source = fetched.raw_sha256 or ""
        if store.article_is_current(db, fetched.url, source, version):
            summary.skipped["extract"] += 1
            progress("extract", "skipped")
            continue
        article = extract_article(store.get_fetch(db, fetched.url), settings)
        store.upsert_article(db, article, fetch_url=fetched.url, source_sha256=source)
        counts[article.status.value] += 1
        progress("extract", article.status.value)
    return summary


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def annotate_pending(settings: Settings, db: Connection, *, nlp=None,
                     progress: Progress = _noop,
                     summary: JobSummary | None = None) -> JobSummary:
    """Annotate every extracted article whose text or models changed since it was annotated."""
    from .nlp import load_nlp, model_version
    from .nlp.annotate import annotate

    summary = summary or JobSummary()
    counts = summary.counts.setdefault("annotate", Counter())
    articles = list(store.iter_articles(db, ok_only=True))
    if not articles:
        return summary
    nlp = nlp or load_nlp(settings)
    version = model_version(nlp)
    todo = []
    for article in articles:
        if store.annotation_is_current(db, article.article_id, text_digest(article.text),
                                       version):
            summary.skipped["annotate"] += 1
            progress("annotate", "skipped")
        else:
            todo.append(article)
    digests = {a.article_id: text_digest(a.text) for a in todo}
    for record in annotate(todo, nlp, batch_size=settings.annotate.batch_size,
                           batch_chars=settings.annotate.batch_chars):
        store.upsert_annotation(db, record, text_sha256=digests[record.article_id])
        status = "error" if record.error else record.kind.value
        counts[status] += 1
        progress("annotate", status)
    return summary


def read_text_records(path: str | Path) -> Iterator[Article]:
    """Articles from a JSONL file of ``{"id", "text"}`` objects (optional ``title``, ``url``,
    ``date``, ``language``; the language is detected from the text when absent); a malformed
    line raises InputError naming the line."""
    from .metadata import detect_language

    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                # a byte-order mark from Windows tools is no part of the first object
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}:{lineno}: not UTF-8 ({exc.reason} at byte "
                                 f"{exc.start}): save the file as UTF-8") from None
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise TypeError(f"a JSON {type(obj).__name__}, not an object")
                missing = [k for k in ("id", "text") if k not in obj]
                if missing:
                    raise KeyError(" and ".join(f'"{k}"' for k in missing) + " missing")
                article_id, text = str(obj["id"]), obj["text"]
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
                published = date.fromisoformat(str(obj["date"])[:10]) if obj.get("date") else None
            except (ValueError, KeyError, TypeError) as exc:
                why = exc.args[0] if isinstance(exc, KeyError) else exc
                raise InputError(f"{path}:{lineno}: expected a JSON object with string "
                                 f'"id" and "text" (and an ISO "date" if any): {why}') from None
            yield Article(article_id=article_id, url=obj.get("url") or "", text=text,
                          status=ExtractStatus.OK, title=obj.get("title"), published=published,
                          language=obj.get("language") or detect_language(text),
                          extractor="input")


class AnnotateReport(NamedTuple):
    written: int   # records written (one per input line)
    failed: int    # of which a component raised on the text (the record carries "error")

    @property
    def exit_code(self) -> int:
        return exit_code(self.failed, self.written)


def annotate_jsonl(in_path: str | Path, out_path: str | Path, settings: Settings, *,
                   nlp=None) -> AnnotateReport:
    """``incidents annotate``: records (gold-record field names) for texts you already have;
    a text a component fails on still gets its line, with ``error`` set."""
    from .nlp import load_nlp
    from .nlp.annotate import annotate

    articles = list(read_text_records(in_path))  # a malformed line fails before any work
    out = Path(out_path)
    check_output(out, "records.jsonl")
    nlp = nlp or load_nlp(settings)
    n = failed = 0
    try:
        with open(out, "w", encoding="utf-8") as fh:
            for record in annotate(articles, nlp, batch_size=settings.annotate.batch_size,
                                   batch_chars=settings.annotate.batch_chars):
                fh.write(json.dumps(record.to_gold_format(), ensure_ascii=False) + "\n")
                n += 1
                failed += record.error is not None
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    return AnnotateReport(n, failed)


def group_stored(settings: Settings, db: Connection) -> list[Incident]:
    """Group every stored annotation into incidents and replace the stored incidents."""
    from .group import group_incidents

    articles = {a.article_id: a for a in store.iter_articles(db, ok_only=True)}
    pairs = [(articles[r.article_id], r) for r in store.iter_annotations(db)
             if r.article_id in articles]
    incidents = group_incidents(pairs, settings)
    store.replace_incidents(db, incidents)
    return incidents


def export_outputs(db: Connection, out_csv: str | Path) -> dict[str, str]:
    """The incidents CSV, and beside it the incidents JSONL and the per-input status CSV."""
    from .export import export_csv, export_inputs_csv, export_jsonl

    out_csv = Path(out_csv)
    jsonl = out_csv.with_suffix(".jsonl")
    inputs_csv = out_csv.with_name(out_csv.stem + "_inputs.csv")
    incidents = list(store.iter_incidents(db))
    try:
        export_csv(incidents, out_csv)
        export_jsonl(incidents, jsonl)
        export_inputs_csv(store.input_rows(db), inputs_csv)
    except OSError as exc:
        raise OutputError(f"cannot write {exc.filename or out_csv}: {exc.strerror or exc}. "
                          "The store keeps everything: run `incidents export -o` with another "
                          "path") from None
    return {"csv": str(out_csv), "jsonl": str(jsonl), "inputs": str(inputs_csv)}


def check_output(out_csv: str | Path, example: str = "incidents.csv") -> None:
    """Fail before any work when the outputs cannot be written: ``out_csv`` is a folder, or
    its folder cannot be created or written to (a test file is created and removed)."""
    out_csv = Path(out_csv)
    if out_csv.is_dir():
        raise OutputError(f"-o {out_csv} is a folder: give the file to write, e.g. "
                          f"{out_csv / example}")
    try:
        out_csv.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_csv.parent, prefix=".incidents-write-test-"):
            pass
    except (FileExistsError, NotADirectoryError):
        in_way = next(p for p in out_csv.parents if p.exists() and not p.is_dir())
        raise OutputError(f"cannot write -o {out_csv}: {in_way} is a file, not a folder") \
            from None
    except OSError as exc:
        raise OutputError(f"cannot write to the folder of -o {out_csv}: "
                          f"{exc.strerror or exc}") from None


def run_job(inputs: Sequence[str], settings: Settings, db: Connection, out_csv: str | Path, *,
            retry_failed: bool = False, stdin: IO[str] | None = None, nlp=None,
            progress: Progress = _noop) -> JobSummary:
    """The whole job: fetch -> extract -> annotate -> group -> store -> export."""
    check_output(out_csv)
    run_id = store.start_run(db, "run", settings_digest=settings.digest())
    summary = fetch_inputs(inputs, settings, db, retry_failed=retry_failed, stdin=stdin,
                           progress=progress)
    extract_pending(settings, db, progress=progress, summary=summary)
    annotate_pending(settings, db, nlp=nlp, progress=progress, summary=summary)
    summary.incidents = len(group_stored(settings, db))
    summary.outputs = export_outputs(db, out_csv)
    count_failures(db, summary)
    store.finish_run(db, run_id, {stage: dict(c) for stage, c in summary.counts.items()}
                     | {"skipped": dict(summary.skipped), "incidents": summary.incidents})
    return summary


__all__ = ["AnnotateReport", "JobSummary", "annotate_jsonl", "annotate_pending", "check_output",
           "count_failures",
           "exit_code", "export_outputs", "extract_pending", "fetch_inputs", "group_stored",
           "read_text_records", "run_job", "text_digest"]
