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


def test_jobs_bad_inputs_each_end_as_one_row_and_a_rerun_resumes(tmp_path, settings,
                                                                 samples_dir, nlp):
    """Unreadable files in a folder, a WARC file cut short and garbage lines in a URL list
    each end as one stored row with a status; nothing stops the batch; reruns add no row."""
    import io
    from collections import Counter

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    names = _pages(samples_dir)[:4]
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / names[0]).write_bytes((samples_dir / names[0]).read_bytes())
    (folder / "empty.html").write_bytes(b"")
    (folder / "link.html").symlink_to(tmp_path / "later.html")     # not saved yet
    crawl = tmp_path / "crawl.warc.gz"
    with open(crawl, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for k, name in enumerate(names[1:]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example.org/{k}", "response", http_headers=headers,
                payload=io.BytesIO((samples_dir / name).read_bytes())))
    crawl.write_bytes(crawl.read_bytes()[:-100])                  # the last record cut short
    urls = tmp_path / "urls.txt"
    urls.write_bytes(b"# saved by hand\n\nnot a url\nhttps://\nhttps://example.org/caf\xe9\n")
    db = store.connect(tmp_path / "s.db")
    out = tmp_path / "out" / "incidents.csv"
    inputs = [str(folder), str(crawl), str(urls)]

    first = run_job(inputs, settings, db, out, nlp=nlp)
    rows = store.input_rows(db)
    assert len(rows) == first.inputs == 9
    assert Counter(r["fetch_status"] for r in rows) == {"ok": 3, "read_error": 3,
                                                        "invalid_url": 3}
    assert all(r["fetch_error"] for r in rows if r["fetch_status"] != "ok")
    assert {r["url"] for r in rows if r["fetch_status"] == "read_error"} == {
        (folder / "empty.html").resolve().as_uri(), (tmp_path / "later.html").resolve().as_uri(),
        "https://news.example.org/2"}
    assert first.exit_code == 1 and first.counts["extract"]["ok"] == 3
    with open(out.with_name("incidents_inputs.csv"), newline="", encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    assert sorted((r["url"], r["fetch_status"]) for r in exported) == sorted(
        (r["url"], r["fetch_status"]) for r in rows)

    again = run_job(inputs, settings, db, out, nlp=nlp)
    assert again.counts["fetch"] == {} and again.skipped["fetch"] == 9
    assert len(store.input_rows(db)) == 9

    (tmp_path / "later.html").write_bytes((samples_dir / names[0]).read_bytes()
                                          .replace(b"<title>", b"<title>Saved later: "))
    fixed = run_job(inputs, settings, db, out, nlp=nlp, retry_failed=True)
    assert fixed.counts["fetch"]["ok"] == 1 and fixed.counts["fetch"]["read_error"] == 2
    rows = {r["url"]: r for r in store.input_rows(db)}
    assert len(rows) == 9
    assert rows[(tmp_path / "later.html").resolve().as_uri()]["fetch_status"] == "ok"


def test_jobs_a_repaired_warc_file_leaves_no_row_for_its_old_broken_part(tmp_path, settings):
    """A WARC part that could not be read is a ``read_error`` row keyed by its offset; once
    the file is repaired, a rerun with --retry-failed stores its record and drops that row."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from pipeline.jobs import fetch_inputs

    crawl = tmp_path / "crawl.warc.gz"
    starts = []
    with open(crawl, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for k in range(3):
            starts.append(fh.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example.org/{k}", "response", http_headers=headers,
                payload=io.BytesIO(f"<html><p>story {k}</p></html>".encode() * 4)))
    good = crawl.read_bytes()
    broken = bytearray(good)
    broken[starts[1] + 40:starts[1] + 80] = b"\x55" * 40     # the second record's header
    crawl.write_bytes(bytes(broken))
    db = store.connect(tmp_path / "s.db")
    part = f"{crawl.resolve().as_uri()}#offset={starts[1]}"

    fetch_inputs([str(crawl)], settings, db)
    rows = {r["url"]: r["fetch_status"] for r in store.input_rows(db)}
    assert rows == {"https://news.example.org/0": "ok", part: "read_error",
                    "https://news.example.org/2": "ok"}

    fetch_inputs([str(crawl)], settings, db)                    # still broken: kept
    assert part in {r["url"] for r in store.input_rows(db)}

    crawl.write_bytes(good)
    fetch_inputs([str(crawl)], settings, db, retry_failed=True)
    rows = {r["url"]: r["fetch_status"] for r in store.input_rows(db)}
    assert rows == {f"https://news.example.org/{k}": "ok" for k in range(3)}


def test_jobs_a_component_failing_on_one_article_fails_that_input_only(tmp_path, settings,
                                                                       samples_dir, nlp):
    """A bug in one annotation component that shows on one article: that input's row says
    which component raised, the other articles are annotated and grouped as usual, the job
    exits 1, and the next run (bug fixed) annotates the failed article again."""
    from spacy.language import Language

    names = _pages(samples_dir)[:3]
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes((samples_dir / name).read_bytes())
    poisoned = folder / names[1]
    poisoned.write_bytes(poisoned.read_bytes().replace(b"<p>", b"<p>Zebrafish tanks. ", 1))

    broken = {"on": True}

    @Language.component("test_jobs_breaks_on_zebrafish")
    def breaks_on_zebrafish(doc):
        if broken["on"] and "Zebrafish tanks" in doc.text:
            raise ValueError("cannot read this one")
        return doc

    nlp.add_pipe("test_jobs_breaks_on_zebrafish")
    try:
        db = store.connect(tmp_path / "s.db")
        out = tmp_path / "out" / "incidents.csv"
        first = run_job([str(folder)], settings, db, out, nlp=nlp)
        rows = {r["url"]: r for r in store.input_rows(db)}
        bad = rows[poisoned.resolve().as_uri()]
        assert bad["kind"] == "error"
        assert bad["annotate_error"] == ("test_jobs_breaks_on_zebrafish: ValueError: "
                                         "cannot read this one")
        assert all(r["kind"] in ("incident", "vulnerability", "none")
                   for u, r in rows.items() if u != poisoned.resolve().as_uri())
        assert first.counts["annotate"]["error"] == 1 and first.failed_inputs == 1
        assert first.exit_code == 1
        with open(out.with_name("incidents_inputs.csv"), newline="", encoding="utf-8") as fh:
            exported = {r["url"]: r for r in csv.DictReader(fh)}
        assert "ValueError" in exported[poisoned.resolve().as_uri()]["annotate_error"]

        broken["on"] = False          # the bug is fixed: the next run annotates it, only it
        second = run_job([str(folder)], settings, db, out, nlp=nlp)
        assert sum(second.counts["annotate"].values()) == 1
        assert second.counts["annotate"]["error"] == 0 and second.exit_code == 0
        assert store.input_rows(db)[0]["annotate_error"] is None
    finally:
        nlp.remove_pipe("test_jobs_breaks_on_zebrafish")


def test_annotate_jsonl_writes_a_line_with_the_error_for_a_text_a_component_fails_on(
        tmp_path, settings):
    import json

    import spacy
    from spacy.language import Language

    from pipeline.jobs import annotate_jsonl
    from pipeline.nlp.extensions import register_extensions

    @Language.component("test_jobs_rejects_empty_lines")
    def rejects(doc):
        if "\n\n\n" in doc.text:
            raise RuntimeError("three newlines")
        return doc

    register_extensions()
    blank = spacy.blank("en")
    blank.add_pipe("test_jobs_rejects_empty_lines")
    texts = tmp_path / "in.jsonl"
    texts.write_text("\n".join(json.dumps({"id": str(k), "text": t}) for k, t in enumerate(
        ["One fine text.", "A bad\n\n\ntext.", "Another fine text."])) + "\n", encoding="utf-8")
    report = annotate_jsonl(texts, tmp_path / "out.jsonl", settings, nlp=blank)
    assert report == (3, 1) and report.exit_code == 1
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [x["id"] for x in lines] == ["0", "1", "2"]
    assert [x.get("error") for x in lines] == [
        None, "test_jobs_rejects_empty_lines: RuntimeError: three newlines", None]


def test_annotate_a_text_too_long_for_the_tokenizer_fails_that_text_only(tmp_path, settings):
    import json

    import spacy

    from pipeline.jobs import annotate_jsonl
    from pipeline.nlp.extensions import register_extensions

    register_extensions()
    blank = spacy.blank("en")
    blank.max_length = 50
    texts = tmp_path / "in.jsonl"
    texts.write_text("\n".join(json.dumps({"id": str(k), "text": t}) for k, t in enumerate(
        ["Short.", "word " * 40, "Also short."])) + "\n", encoding="utf-8")
    assert annotate_jsonl(texts, tmp_path / "out.jsonl", settings, nlp=blank) == (3, 1)
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [x["id"] for x in lines] == ["0", "1", "2"]
    assert lines[1]["error"].startswith("tokenizer: ValueError:") and "error" not in lines[0]


def test_read_text_records_reads_a_bom_and_names_bad_lines_clearly(tmp_path):
    from pipeline.errors import InputError
    from pipeline.jobs import read_text_records

    good = tmp_path / "bom.jsonl"
    good.write_bytes(b'\xef\xbb\xbf{"id": "1", "text": "The port said systems were down."}\n')
    assert [a.article_id for a in read_text_records(good)] == ["1"]   # was a JSON error
    cases = {
        b'{"id": "1", "text": "Caf\xe9"}\n': "x.jsonl:1: not UTF-8 (invalid continuation byte "
                                            "at byte 24): save the file as UTF-8",
        b'["x"]\n': 'string "id" and "text" (and an ISO "date" if any): a JSON list, not an '
                    "object",
        b'{"id": "1", "title": "t"}\n': '(and an ISO "date" if any): "text" missing',
    }
    for raw, message in cases.items():
        bad = tmp_path / "x.jsonl"
        bad.write_bytes(raw)
        with pytest.raises(InputError) as info:
            list(read_text_records(bad))
        assert str(info.value).endswith(message), str(info.value)


def test_annotate_jsonl_refuses_an_output_it_cannot_write_before_loading_a_model(tmp_path,
                                                                                settings):
    from pipeline.errors import OutputError
    from pipeline.jobs import annotate_jsonl

    texts = tmp_path / "in.jsonl"
    texts.write_text('{"id": "1", "text": "The port said systems were down."}\n',
                     encoding="utf-8")
    (tmp_path / "a-file").write_text("in the way", encoding="utf-8")

    class NoModel:
        def __call__(self, *a, **k):
            raise AssertionError("the model must not be needed")

    with pytest.raises(OutputError, match="a-file is a file, not a folder"):
        annotate_jsonl(texts, tmp_path / "a-file" / "out.jsonl", settings, nlp=NoModel())
    with pytest.raises(OutputError, match=r"is a folder: give the file to write, e\.g\. .*"
                                          r"records\.jsonl"):
        annotate_jsonl(texts, tmp_path, settings, nlp=NoModel())
