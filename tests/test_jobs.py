"""The whole job over a local HTTP server and over saved pages: stores every input once,
resumes, and does no work twice."""
from __future__ import annotations

import csv
import functools
import http.server
import threading

import pytest

from pipeline import store
from pipeline.jobs import run_job
from pipeline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    from pipeline.settings import load_settings
    return load_nlp(load_settings())


@pytest.fixture()
def sample_server(samples_dir):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(samples_dir))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _pages(samples_dir):
    return sorted(p.name for p in samples_dir.glob("*.html"))


@pytest.mark.network
def test_jobs_run_over_http_stores_every_input_once_and_resumes(
        tmp_path, settings, samples_dir, sample_server, nlp):
    names = _pages(samples_dir)[:3]
    url_file = tmp_path / "urls.txt"
    url_file.write_text("# three sample pages and a missing one\n"
                        + "".join(f"{sample_server}/{n}\n" for n in names)
                        + f"{sample_server}/missing.html\nnot a url\n", encoding="utf-8")
    s = settings.replace("fetch", allow_private=True, obey_robots=False, retries=0)
    db = store.connect(tmp_path / "s.db")
    out = tmp_path / "out" / "incidents.csv"

    first = run_job([str(url_file)], s, db, out, nlp=nlp)
    rows = store.input_rows(db)
    assert len(rows) == 5 == first.inputs
    statuses = sorted(r["fetch_status"] for r in rows)
    assert statuses == ["http_4xx", "invalid_url", "ok", "ok", "ok"]
    assert first.failed_inputs == 2 and first.exit_code == 1
    assert first.counts["extract"]["ok"] == 3
    assert sum(first.counts["annotate"].values()) == 3

    second = run_job([str(url_file)], s, db, out, nlp=nlp)
    assert second.counts["fetch"] == {} and second.skipped["fetch"] == 5
    assert second.counts.get("extract", {}) == {} and second.skipped["extract"] == 3
    assert second.counts.get("annotate", {}) == {} and second.skipped["annotate"] == 3
    assert len(store.input_rows(db)) == 5
    with open(out.with_name("incidents_inputs.csv"), newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 5


def test_jobs_local_pages_rerun_does_no_work_twice(tmp_path, settings, samples_dir, nlp):
    db = store.connect(tmp_path / "s.db")
    out = tmp_path / "incidents.csv"
    first = run_job([str(samples_dir)], settings, db, out, nlp=nlp)
    n = len(_pages(samples_dir))
    assert first.inputs == n and sum(first.counts["fetch"].values()) == n
    again = run_job([str(samples_dir)], settings, db, out, nlp=nlp)
    assert again.skipped["fetch"] == n and not again.counts["fetch"]
    assert not again.counts.get("extract") and not again.counts.get("annotate")
    assert again.incidents == first.incidents
