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
    out = tmp_path / "o" / "incidents.csv"
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "s.db"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("incident_id,victim,")
    assert (tmp_path / "o" / "incidents_inputs.csv").exists()


def test_cli_fetch_of_an_empty_url_list_says_no_inputs_were_found(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("# nothing yet\n\n", encoding="utf-8")
    result = runner.invoke(app, ["fetch", str(urls), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "No inputs found" in result.output
    assert "0 inputs, 0 failed" in result.output
