"""The ``incidents`` command line: a thin typer layer over the library.

Each command: settings -> one library call -> a summary -> an exit code.
Exit codes: 0 all items ok; 1 some items failed (or a library error); 2 usage error;
126 at least 99 % of the items failed; 130 interrupted (what was stored is kept).
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import InputError, PipelineError
from .settings import Settings, load_settings

app = typer.Typer(
    name="incidents",
    help="Turn cyber-incident news articles into structured records and a CSV of incidents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="Settings file (INI) overriding the shipped defaults, key by key.")]
DbOpt = Annotated[Optional[Path], typer.Option(
    "--db", help="SQLite store (default: paths.db in the settings, data/incidents.db).")]
RetryFailedOpt = Annotated[bool, typer.Option(
    "--retry-failed", help="Fetch again inputs whose earlier fetch failed transiently.")]
InsecureOpt = Annotated[bool, typer.Option("--insecure", help="Do not verify TLS.")]
IgnoreRobotsOpt = Annotated[bool, typer.Option("--ignore-robots", help="Do not obey robots.txt.")]
AllowPrivateOpt = Annotated[bool, typer.Option(
    "--allow-private", help="Allow private, loopback and link-local addresses.")]
ConcurrencyOpt = Annotated[Optional[int], typer.Option(help="Concurrent requests in all.")]
PerHostOpt = Annotated[Optional[int], typer.Option(help="Concurrent requests per host.")]
SpacyModelOpt = Annotated[Optional[str], typer.Option(
    "--spacy-model", help="spaCy pipeline for entities: auto, a package name or a path.")]


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Library errors become ``Error: ...`` and their exit code, without a traceback."""
    try:
        yield
    except PipelineError as exc:
        err.print(f"[bold red]Error:[/] {exc}", highlight=False)
        raise typer.Exit(exc.exit_code) from None
    except sqlite3.DatabaseError as exc:   # a store damaged past its header: seen on first use
        err.print(f"[bold red]Error:[/] the store (--db) is damaged: {exc}. Restore a backup, "
                  "or move the file away and rerun to start a new store", highlight=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("Interrupted: what was stored so far is kept; rerun the same command to "
                  "resume.")
        raise typer.Exit(130) from None


def _db(settings: Settings, db: Path | None, *, existing: bool = False):
    """Open the store; ``existing``: commands that only read it (export, suggest-labels) fail
    on a path with no store, so a mistyped --db is not read as an empty store."""
    from . import store
    path = Path(db or settings.paths.db)
    if existing and not path.exists():
        raise InputError(f"no store at --db {path}: give the store that `incidents run` or "
                         "`incidents fetch` wrote (default data/incidents.db; `make run` uses "
                         "out/incidents.db)")
    return store.connect(path)


class _Progress:
    """A live line per stage with counts and rate (on stderr, only on a terminal)."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = {}
        self.started = time.monotonic()
        self.live = err.is_terminal
        self._progress = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> "_Progress":
        if self.live:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      TimeElapsedColumn(), console=err, transient=False)
            self._progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def __call__(self, stage: str, status: str) -> None:
        counts = self.counts.setdefault(stage, Counter())
        counts[status] += 1
        if self._progress is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=None)
        done = sum(counts.values())
        ok = counts.get("ok", 0) + counts.get("incident", 0) + counts.get("vulnerability", 0) \
            + counts.get("none", 0)
        skipped = counts.get("skipped", 0)
        failed = done - ok - skipped
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self._progress.update(self._tasks[stage], description=(
            f"{stage:<9} {done:>6} done  ok {ok}  failed {failed}  skipped {skipped}  "
            f"{rate:6.1f}/s"))


def _summary_table(summary) -> None:
    table = Table(title="Summary", show_lines=False)
    table.add_column("stage")
    table.add_column("status")
    table.add_column("count", justify="right")
    for stage, counts in summary.counts.items():
        for status, n in sorted(counts.items()):
            table.add_row(stage, status, str(n))
        if summary.skipped.get(stage):
            table.add_row(stage, "already done (skipped)", str(summary.skipped[stage]))
    err.print(table)
    if summary.inputs == 0:
        err.print("[yellow]No inputs found[/yellow] (empty URL list, or no .html/.warc files in "
                  "the folders given): nothing was fetched.")


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(
        help="URLs, files of URLs (one per line, # comments), .html files or folders, "
             ".warc/.warc.gz files, or - for URLs on stdin.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Incidents CSV to write.")]
    = Path("out/incidents.csv"),
    db: DbOpt = None,
    config: ConfigOpt = None,
    retry_failed: RetryFailedOpt = False,
    insecure: InsecureOpt = False,
    ignore_robots: IgnoreRobotsOpt = False,
    allow_private: AllowPrivateOpt = False,
    concurrency: ConcurrencyOpt = None,
    per_host: PerHostOpt = None,
    spacy_model: SpacyModelOpt = None,
) -> None:
    """The whole job: fetch, extract, annotate, group, store and export.

    Writes the incidents CSV, the same incidents as JSONL beside it, and
    <name>_inputs.csv with one row and a status per input. Rerunning resumes.

    Example: incidents run data/samples -o out/incidents.csv
    """
    from .jobs import run_job

    with _errors():
        settings = _flags(config, insecure, ignore_robots, allow_private, concurrency, per_host)
        settings = settings.replace("annotate", spacy_model=spacy_model)
        conn = _db(settings, db)
        with _Progress() as progress:
            summary = run_job(inputs, settings, conn, output, retry_failed=retry_failed,
                              stdin=sys.stdin if "-" in inputs else None, progress=progress)
        _summary_table(summary)
        err.print(f"{summary.inputs} inputs, {summary.failed_inputs} failed, "
                  f"{summary.incidents} incidents -> {summary.outputs['csv']} "
                  f"(also {summary.outputs['jsonl']}, {summary.outputs['inputs']})")
        raise typer.Exit(summary.exit_code)


def _flags(config, insecure, ignore_robots, allow_private, concurrency, per_host) -> Settings:
    """Settings from the files, then the fetch flags given on the command line."""
    return load_settings(config).replace(
        "fetch",
        verify_tls=False if insecure else None,
        obey_robots=False if ignore_robots else None,
        allow_private=True if allow_private else None,
        concurrency=concurrency,
        per_host_concurrency=per_host,
    )


@app.command()
def fetch(
    inputs: Annotated[list[str], typer.Argument(
        help="URLs, files of URLs, .html files or folders, .warc(.gz) files, or -.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    retry_failed: RetryFailedOpt = False,
    insecure: InsecureOpt = False,
    ignore_robots: IgnoreRobotsOpt = False,
    allow_private: AllowPrivateOpt = False,
    concurrency: ConcurrencyOpt = None,
    per_host: PerHostOpt = None,
) -> None:
    """Fetch inputs into the store (one row with a status per input); resumable.

    Example: incidents fetch urls.txt --db data/incidents.db
    """
    from .jobs import count_failures, fetch_inputs

    with _errors():
        settings = _flags(config, insecure, ignore_robots, allow_private, concurrency, per_host)
        conn = _db(settings, db)
        with _Progress() as progress:
            summary = fetch_inputs(inputs, settings, conn, retry_failed=retry_failed,
                                   stdin=sys.stdin if "-" in inputs else None,
                                   progress=progress)
        count_failures(conn, summary)
        _summary_table(summary)
        err.print(f"{summary.inputs} inputs, {summary.failed_inputs} failed")
        raise typer.Exit(summary.exit_code)


@app.command()
def extract(
    page: Annotated[Path, typer.Argument(help="A saved HTML page.", exists=True,
                                         dir_okay=False, readable=True)],
    url: Annotated[Optional[str], typer.Option(help="The page's URL, if known.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print text and metadata as JSON.")]
    = False,
    config: ConfigOpt = None,
) -> None:
    """Print the main text of a saved page (no menus, banners, teasers or comments).

    Example: incidents extract data/samples/mns-click-and-collect.html --json
    """
    from .extract import extract_html
    from .fetch import fetch_many
    from .inputs import iter_inputs
    from .records import FetchStatus, to_plain

    with _errors():
        settings = load_settings(config)
        # the same reading and charset decoding as `incidents run` on a saved page
        fetched = next(fetch_many(iter_inputs([str(page)]), settings))
        # a wall page is read: the extraction reports it as status blocked (exit 1)
        readable = fetched.ok or fetched.status is FetchStatus.BLOCKED
        if not readable or fetched.html is None:
            raise InputError(f"cannot read {page}: {fetched.status.value}"
                             + (f" ({fetched.error})" if fetched.error else ""))
        article = extract_html(fetched.html, url=url or fetched.url, settings=settings)
        if as_json:
            out.print_json(json.dumps(to_plain(article), ensure_ascii=False))
        else:
            if article.text:
                typer.echo(article.text)
        if not article.ok:
            err.print(f"status: {article.status.value}"
                      + (f" ({article.error})" if article.error else ""))
            raise typer.Exit(1)


@app.command()
def annotate(
    input_file: Annotated[Path, typer.Argument(
        help='JSONL, one article a line: {"id", "text"} plus optional title, url, date, '
             'language (ISO 639-1; detected when absent).',
        exists=True, dir_okay=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="JSONL of records to write.")]
    = Path("out/records.jsonl"),
    config: ConfigOpt = None,
    spacy_model: SpacyModelOpt = None,
) -> None:
    """Annotate texts you already have; writes one record per line (gold-record fields:
    victims, organisations, attack_types, affected_services, compromised_data, quotes,
    threat_actors, malware, cves).

    Example: incidents annotate articles.jsonl -o records.jsonl
    """
    from .jobs import annotate_jsonl

    with _errors():
        settings = load_settings(config).replace("annotate", spacy_model=spacy_model)
        report = annotate_jsonl(input_file, output, settings)
        err.print(f"{report.written} records -> {output}"
                  + (f" ({report.failed} failed: see their \"error\")" if report.failed else ""))
    if report.exit_code:
        raise typer.Exit(report.exit_code)


@app.command()
def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="Incidents CSV to write.")]
    = Path("out/incidents.csv"),
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Group the stored annotations into incidents and write the CSV (plus JSONL and the
    per-input status CSV beside it).

    Example: incidents export -o out/incidents.csv --db data/incidents.db
    """
    from .jobs import check_output, export_outputs, group_stored

    with _errors():
        settings = load_settings(config)
        check_output(output)
        conn = _db(settings, db, existing=True)
        incidents = group_stored(settings, conn)
        outputs = export_outputs(conn, output)
        err.print(f"{len(incidents)} incidents -> {outputs['csv']}")


@app.command()
def retrain(
    data: Annotated[Optional[list[Path]], typer.Option(
        "--data", help="Labelled JSONL or CSV (repeatable); default: the shipped data/labels.")]
    = None,
    out_dir: Annotated[Optional[Path], typer.Option(
        "--out", help="Model folder to write (default: models/attack_types).")] = None,
    allow_regression: Annotated[bool, typer.Option(
        "--allow-regression", help="Replace the model even if a pinned floor drops.")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Retrain the attack-type classifier; refuses to replace the model if a score floor drops.

    --data takes JSONL ({"text", "labels", "kind"}) or CSV (text + attack_types or
    corrected_attack_types, ";"-separated), including an exported incidents CSV with a
    corrected column (article texts then come from the store).

    Example: incidents retrain --data my_labels.csv
    """
    from . import classifier, store

    with _errors():
        settings = load_settings(config)

        def texts_from_store(ids):
            """Article texts for labelled rows that name stored articles (exported CSVs)."""
            wanted = set(ids)
            conn = _db(settings, db)
            return {a.article_id: a.text for a in store.iter_articles(conn)
                    if a.article_id in wanted}

        report = classifier.retrain(
            data or None, out_dir or Path(settings.paths.models) / "attack_types",
            allow_regression=allow_regression, text_lookup=texts_from_store, log=err.print)
        out.print(report.format())


@app.command("suggest-labels")
def suggest_labels(
    n: Annotated[int, typer.Option("-n", help="How many articles to list.")] = 20,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List the stored articles the attack-type model is least sure about, to label next.

    Example: incidents suggest-labels -n 20 --db data/incidents.db
    """
    from . import classifier, store

    with _errors():
        settings = load_settings(config)
        conn = _db(settings, db, existing=True)
        articles = {a.article_id: a for a in store.iter_articles(conn, ok_only=True)}
        models = Path(settings.paths.models)
        if not models.is_absolute() and not models.exists():
            models = classifier.REPO_DIR / models   # as annotation finds it, from any folder
        model = classifier.load_model(models / "attack_types")
        texts = {aid: a.text for aid, a in articles.items()}
        table = Table("article_id", "margin", "title", "url")
        for aid, margin in classifier.suggest_labels(texts, model, n):
            a = articles[aid]
            table.add_row(aid, f"{margin:.3f}", a.title or "", a.url)
        out.print(table)


def main() -> None:  # pragma: no cover - console entry point alias
    app(prog_name="incidents")


__all__ = ["app"]
