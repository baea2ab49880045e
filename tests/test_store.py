from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from pipeline import store
from pipeline.errors import StoreError
from pipeline.records import (AnnotatedArticle, Article, ExtractStatus, FetchResult, FetchStatus,
                              Incident, IncidentKind, LabelScore, Mention, Organisation, Quote,
                              Service)


def _fetch(url: str, status: FetchStatus = FetchStatus.OK, html: str | None = "<p>x</p>"):
    return FetchResult(source=url, url=url, status=status, html=html, raw_sha256="abc",
                       fetched_at=datetime(2025, 1, 2, tzinfo=timezone.utc), attempts=1)


def test_store_migrates_and_reopens(tmp_path):
    path = tmp_path / "sub" / "s.db"
    db = store.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()
    db = store.connect(path)  # migrating again is a no-op
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1


def test_store_refuses_newer_schema(tmp_path):
    path = tmp_path / "s.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    with pytest.raises(StoreError, match="newer than this program"):
        store.connect(path)


def test_store_refuses_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        store.connect(path)


def test_store_fetch_upsert_is_idempotent_and_keeps_html():
    db = store.connect(":memory:")
    store.upsert_fetch(db, _fetch("https://a.example/1"))
    store.upsert_fetch(db, _fetch("https://a.example/1"))
    rows = list(store.iter_fetches(db))
    assert len(rows) == 1
    assert rows[0].html == "<p>x</p>" and rows[0].status is FetchStatus.OK
    assert store.get_fetch(db, "https://a.example/1").fetched_at.year == 2025
    assert store.get_fetch(db, "https://nope.example/") is None


def test_store_finished_urls_and_retry_failed():
    db = store.connect(":memory:")
    store.upsert_fetch(db, _fetch("https://a.example/ok"))
    store.upsert_fetch(db, _fetch("https://a.example/t", FetchStatus.TIMEOUT, None))
    store.upsert_fetch(db, _fetch("https://a.example/404", FetchStatus.HTTP_4XX, None))
    store.upsert_fetch(db, replace(_fetch("https://a.example/429", FetchStatus.HTTP_4XX, None),
                                   http_status=429))
    assert store.finished_urls(db) == {"https://a.example/ok", "https://a.example/t",
                                       "https://a.example/404", "https://a.example/429"}
    # a transient failure is retried (a 429 "too many requests" too), a 404 is not
    assert store.finished_urls(db, retry_failed=True) == {"https://a.example/ok",
                                                          "https://a.example/404"}


def _article(aid="a1", text="Acme was hit by ransomware."):
    return Article(article_id=aid, url="https://a.example/1", status=ExtractStatus.OK,
                   text=text, title="T", published=date(2025, 5, 1), authors=("A B",),
                   extractor="x-1")


def _record(aid="a1"):
    org = Organisation(name="Acme Corp", key="acme", role="victim", aliases=("Acme",),
                       mentions=(Mention("Acme", "ORG", 0, 4, "acme"),))
    return AnnotatedArticle(
        article_id=aid, kind=IncidentKind.INCIDENT, organisations=(org,),
        attack_types=(LabelScore("ransomware", 0.9, ((0, 27),)),),
        services=(Service("email", 0, 5, "disrupted"),), compromised_data=("names",),
        quotes=(Quote("It is bad", 1, 10, True, "Jane Roe", None, "analyst", "Acme",
                      "expert", "said"),), model_version="m-1")


def test_store_article_and_annotation_roundtrip():
    db = store.connect(":memory:")
    store.upsert_fetch(db, _fetch("https://a.example/1"))
    store.upsert_article(db, _article(), fetch_url="https://a.example/1", source_sha256="abc")
    assert store.article_is_current(db, "https://a.example/1", "abc", "x-1")
    assert not store.article_is_current(db, "https://a.example/1", "abc", "x-2")
    assert list(store.iter_articles(db)) == [_article()]
    store.upsert_annotation(db, _record(), text_sha256="t1")
    store.upsert_annotation(db, _record(), text_sha256="t1")
    assert list(store.iter_annotations(db)) == [_record()]
    assert store.annotation_is_current(db, "a1", "t1", "m-1")
    assert not store.annotation_is_current(db, "a1", "t1", "m-2")
    assert db.execute("SELECT COUNT(*) FROM organisations").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 1


def test_store_reextraction_to_a_new_article_id_replaces_the_old_row():
    db = store.connect(":memory:")
    store.upsert_fetch(db, _fetch("https://a.example/1"))
    store.upsert_article(db, _article("old"), fetch_url="https://a.example/1")
    store.upsert_article(db, _article("new"), fetch_url="https://a.example/1")
    assert [a.article_id for a in store.iter_articles(db)] == ["new"]


def test_store_incidents_replace_and_input_rows():
    db = store.connect(":memory:")
    store.upsert_fetch(db, _fetch("https://a.example/1"))
    store.upsert_fetch(db, _fetch("https://a.example/2", FetchStatus.HTTP_4XX, None))
    store.upsert_article(db, _article(), fetch_url="https://a.example/1")
    store.upsert_annotation(db, _record(), text_sha256="t")
    inc = Incident(incident_id="i1", victim="Acme Corp", victim_key="acme",
                   group_key="acme|2025-05-01", attack_types=("ransomware",),
                   first_reported=date(2025, 5, 1), article_ids=("a1",))
    assert store.replace_incidents(db, [inc]) == 1
    assert store.replace_incidents(db, [inc]) == 1
    assert list(store.iter_incidents(db)) == [inc]
    rows = {r["url"]: r for r in store.input_rows(db)}
    assert rows["https://a.example/1"]["incident_id"] == "i1"
    assert rows["https://a.example/1"]["kind"] == "incident"
    assert rows["https://a.example/2"]["fetch_status"] == "http_4xx"
    assert rows["https://a.example/2"]["article_id"] is None


def test_store_input_rows_say_why_an_extraction_failed():
    db = store.connect(":memory:")
    store.upsert_fetch(db, _fetch("https://a.example/gone"))
    store.upsert_article(db, replace(_article(), url="https://a.example/gone",
                                     status=ExtractStatus.NOT_ARTICLE,
                                     error="soft_404: the page says it was not found"),
                         fetch_url="https://a.example/gone")
    (row,) = store.input_rows(db)
    assert (row["extract_status"], row["extract_error"]) == (
        "not_article", "soft_404: the page says it was not found")


def test_store_runs_are_recorded():
    db = store.connect(":memory:")
    run_id = store.start_run(db, "run", settings_digest="s", model_version="m")
    store.finish_run(db, run_id, {"fetch": {"ok": 2}})
    row = db.execute("SELECT * FROM runs").fetchone()
    assert row["finished_at"] and '"ok": 2' in row["counts"]


def test_store_with_a_file_where_its_folder_should_be_is_a_clear_error(tmp_path):
    (tmp_path / "notes").write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes is a file, not a folder\. Pass another --db"):
        store.connect(tmp_path / "notes" / "sub" / "s.db")


def test_store_that_is_a_folder_is_a_clear_error(tmp_path):
    # was "unable to open database file. Move the file away ..."
    with pytest.raises(StoreError, match=r"is a folder: pass the store file, e\.g\. --db "):
        store.connect(tmp_path)
