from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_cli_has_the_commands_users_need():
    assert {"run", "fetch", "extract", "annotate", "export", "retrain",
            "suggest-labels"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_is_documented_in_the_readme(repo_dir, command):
    readme = (repo_dir / "README.md").read_text(encoding="utf-8")
    assert f"### incidents {command}" in readme


def test_cli_bad_settings_file_is_a_clear_usage_error(tmp_path):
    cfg = tmp_path / "bad.cfg"
    cfg.write_text("[fetch]\nconcurrency = many\n", encoding="utf-8")
    result = runner.invoke(app, ["export", "--config", str(cfg), "--db", str(tmp_path / "s.db"),
                                 "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "Error:" in result.output and "concurrency" in result.output


def test_cli_annotate_rejects_malformed_input_naming_the_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "1", "text": "ok"}) + "\n{not json}\n", encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(src), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2, result.output
    assert "in.jsonl:2" in result.output


def test_cli_export_on_an_empty_store_writes_headers(tmp_path):
    from pipeline import store
    store.connect(tmp_path / "s.db").close()
    out = tmp_path / "o" / "incidents.csv"
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "s.db"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("incident_id,victim,")
    assert (tmp_path / "o" / "incidents_inputs.csv").exists()


@pytest.mark.parametrize("command", [["export", "-o", "OUT"], ["suggest-labels"]])
def test_cli_reading_commands_refuse_a_store_that_does_not_exist(tmp_path, command):
    # a mistyped --db is no empty store: nothing is created, the error names the path
    missing = tmp_path / "typo.db"
    args = [a.replace("OUT", str(tmp_path / "o" / "incidents.csv")) for a in command]
    result = runner.invoke(app, args + ["--db", str(missing)])
    assert result.exit_code == 2, result.output
    assert "no store at --db" in result.output and "typo.db" in result.output
    assert not missing.exists()


def test_cli_fetch_of_an_empty_url_list_says_no_inputs_were_found(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("# nothing yet\n\n", encoding="utf-8")
    result = runner.invoke(app, ["fetch", str(urls), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "No inputs found" in result.output
    assert "0 inputs, 0 failed" in result.output


def _damaged_store(path):
    """A store whose header and schema read fine but whose later pages are garbage."""
    from pipeline import store
    from pipeline.records import FetchResult, FetchStatus
    from datetime import datetime, timezone

    db = store.connect(path)
    for i in range(300):
        url = f"https://news.example.org/story-{i}"
        store.upsert_fetch(db, FetchResult(
            source=url, url=url, status=FetchStatus.HTTP_4XX, http_status=404, error="x" * 200,
            fetched_at=datetime(2026, 1, 2, tzinfo=timezone.utc)))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 40 * page   # the tables' root pages come first, their rows after
    data[30 * page:len(data) - page] = bytes([0xA5]) * (len(data) - 31 * page)
    path.write_bytes(bytes(data))


def test_cli_a_damaged_store_is_a_clear_error_not_a_traceback(tmp_path):
    db = tmp_path / "s.db"
    _damaged_store(db)
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "o" / "x.csv")])
    assert result.exit_code == 1, result.output
    assert "Error: the store (--db) is damaged" in result.output
    assert "Traceback" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("output, message", [
    ("a-file/incidents.csv", "a-file is a file, not a folder"),
    ("out-folder", "is a folder: give the file to write, e.g."),
])
def test_cli_run_with_an_output_that_cannot_be_written_stops_before_any_work(
        tmp_path, output, message):
    (tmp_path / "a-file").write_text("in the way", encoding="utf-8")
    (tmp_path / "out-folder").mkdir()
    urls = tmp_path / "urls.txt"
    urls.write_text("not a url\n", encoding="utf-8")
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["run", str(urls), "--db", str(db), "-o",
                                 str(tmp_path / output)])
    assert result.exit_code == 2, result.output
    assert "Error: " in result.output and message in " ".join(result.output.split())
    import sqlite3
    assert sqlite3.connect(db).execute("SELECT count(*) FROM fetches").fetchone()[0] == 0


def test_cli_export_to_a_folder_or_an_unwritable_place_is_a_clear_error(tmp_path):
    (tmp_path / "a-file").write_text("in the way", encoding="utf-8")
    for output, message in ((tmp_path, "is a folder"),
                            (tmp_path / "a-file" / "x.csv", "a-file is a file, not a folder")):
        result = runner.invoke(app, ["export", "--db", str(tmp_path / "s.db"), "-o", str(output)])
        assert result.exit_code == 2, result.output
        assert message in " ".join(result.output.split())


def test_cli_annotate_help_names_every_input_field_the_readme_names(repo_dir):
    readme = (repo_dir / "README.md").read_text(encoding="utf-8")
    section = readme.split("### incidents annotate", 1)[1].split("###", 1)[0]
    result = runner.invoke(app, ["annotate", "--help"], env={"COLUMNS": "200"})
    for field in ("id", "text", "title", "url", "date", "language"):
        assert f"`{field}`" in section or f'"{field}"' in section
        assert field in result.output, field


def test_cli_suggest_labels_finds_the_shipped_model_from_another_folder(tmp_path, monkeypatch):
    # annotation finds models/ of the installation from any folder; suggest-labels said
    # "no attack-type model in models/attack_types" unless run from the repository
    from pipeline import store
    store.connect(tmp_path / "s.db").close()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["suggest-labels", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "article_id" in result.output


def test_cli_extract_of_a_paywall_page_reports_status_blocked_with_exit_1(tmp_path):
    # the README's promise; it was "Error: cannot read ...: blocked (paywall)", exit 2, no JSON
    page = tmp_path / "wall.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Port hit by attack"
        "</title></head><body><article><h1>Port hit by attack</h1><p>The port said on Monday "
        "that its booking systems were down.</p><div class='paywall'><h2>Subscribe to continue "
        "reading</h2><p>This article is for subscribers only. Already a subscriber? Log in."
        "</p></div></article></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "--json"])
    assert result.exit_code == 1, result.output
    obj = json.loads(result.stdout)
    assert (obj["status"], obj["error"], obj["text"]) == ("blocked", "paywall", "")
    assert obj["title"] == "Port hit by attack"
