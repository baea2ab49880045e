from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from pipeline.export import COLUMNS, INPUT_COLUMNS, export_csv, export_inputs_csv, export_jsonl, neutralise
from pipeline.records import Expert, Incident


def _incident(**kw):
    base = dict(incident_id="i1", victim="Marks & Spencer", victim_key="marks and spencer",
                group_key="marks and spencer|2025-08-20", attack_types=("ransomware",),
                services=("click-and-collect service", "online ordering"),
                experts=(Expert("Emma Richardson", "cybersecurity consultant", None, "expert",
                                "This wasn't just a website outage"),),
                first_reported=date(2025, 8, 20), last_reported=date(2025, 8, 21),
                article_ids=("a1", "a2"), urls=("https://x.example/1", "https://y.example/2"),
                titles=("M&S restores click-and-collect", "M&S back"),
                victim_aliases=("M&S",))
    base.update(kw)
    return Incident(**base)


def test_export_csv_quotes_with_semicolons_stay_whole(tmp_path):
    experts = (Expert("Ana Ruiz", "analyst", "Torre Cyber", "expert", "Patch now; then rotate keys"),
               Expert("Dana Holt", "spokesperson"),   # no quote text: listed, not quoted
               Expert("Li Wei", None, "Kestrel Bank", "victim_representative", "We are on it"))
    out = tmp_path / "incidents.csv"
    export_csv([_incident(experts=experts)], out)
    [row] = _read(out)
    assert row["experts"] == ("Ana Ruiz (analyst, Torre Cyber); Dana Holt (spokesperson); "
                              "Li Wei (Kestrel Bank)")
    assert row["expert_quotes"].split(" | ") == [
        "Ana Ruiz: “Patch now; then rotate keys”", "Li Wei: “We are on it”"]


def _read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_csv_one_row_per_incident_with_joined_lists(tmp_path):
    out = tmp_path / "o" / "incidents.csv"
    assert export_csv([_incident(), _incident(incident_id="i2", victim="Acme")], out) == 2
    rows = _read(out)
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["victim"] == "Marks & Spencer"
    assert rows[0]["affected_services"] == "click-and-collect service; online ordering"
    assert rows[0]["experts"] == "Emma Richardson (cybersecurity consultant)"
    assert rows[0]["expert_quotes"] == "Emma Richardson: “This wasn't just a website outage”"
    assert rows[0]["urls"] == "https://x.example/1; https://y.example/2"
    assert rows[0]["first_reported"] == "2025-08-20" and rows[0]["n_articles"] == "2"


@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\tcmd", "\rcmd"])
def test_export_csv_neutralises_formula_cells(tmp_path, evil):
    out = tmp_path / "incidents.csv"
    export_csv([_incident(victim=evil, titles=(evil,))], out)
    row = _read(out)[0]
    assert row["victim"] in ("'" + evil, "'" + evil.rstrip())
    assert row["titles"].startswith("'")


def test_export_neutralise_leaves_plain_text_and_numbers():
    assert neutralise("Acme") == "Acme"
    assert neutralise(3) == 3
    assert neutralise("") == ""


def test_export_empty_csv_still_has_header(tmp_path):
    out = tmp_path / "incidents.csv"
    assert export_csv([], out) == 0
    assert out.read_text(encoding="utf-8").strip() == ",".join(COLUMNS)


def test_export_jsonl_keeps_lists(tmp_path):
    out = tmp_path / "incidents.jsonl"
    assert export_jsonl([_incident()], out) == 1
    obj = json.loads(out.read_text(encoding="utf-8"))
    assert obj["services"] == ["click-and-collect service", "online ordering"]
    assert obj["experts"][0]["name"] == "Emma Richardson"
    assert obj["first_reported"] == "2025-08-20"


def test_export_inputs_csv_one_row_per_input(tmp_path):
    out = tmp_path / "inputs.csv"
    rows = [{"source": "u1", "url": "https://a/1", "fetch_status": "ok"},
            {"source": "=bad", "url": "https://a/2", "fetch_status": "http_4xx",
             "http_status": 404}]
    assert export_inputs_csv(rows, out) == 2
    got = _read(out)
    assert [r["fetch_status"] for r in got] == ["ok", "http_4xx"]
    assert got[1]["source"] == "'=bad"
    assert list(got[0]) == list(INPUT_COLUMNS)
    assert INPUT_COLUMNS.index("extract_error") == INPUT_COLUMNS.index("extract_status") + 1
    # a status code stays an integer beside rows that have none (not "404.0")
    assert [r["http_status"] for r in got] == ["", "404"]


def test_export_rejects_unknown_columns(tmp_path):
    with pytest.raises(ValueError, match="unknown columns"):
        export_csv([], tmp_path / "x.csv", columns=("victim", "colour"))
