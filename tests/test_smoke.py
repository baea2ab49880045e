"""The main job on the bundled samples, as `make run` runs it: the acceptance checks of the
first issue (the M&S story understood, one row per incident, no comment-widget residue)."""
from __future__ import annotations

import csv
import json
import re

import pytest
from lxml import html as lxml_html

from pipeline import store
from pipeline.jobs import run_job
from pipeline.nlp import load_nlp
from pipeline.records import stable_id

WIDGET = re.compile(r"comment|coment|komment|reacti|disqus|discussion|respond", re.I)


def _widget_lines(path) -> set[str]:
    """Text lines of every comment-widget element of a page (by its id/class)."""
    tree = lxml_html.fromstring(path.read_bytes())
    lines = set()
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        names = f"{el.get('id', '')} {el.get('class', '')}"
        if WIDGET.search(names):
            for line in el.text_content().splitlines():
                line = " ".join(line.split())
                if len(line) >= 4:
                    lines.add(line)
    return lines


@pytest.fixture(scope="module")
def run(tmp_path_factory, samples_dir):
    from pipeline.settings import load_settings
    settings = load_settings()
    tmp = tmp_path_factory.mktemp("smoke")
    db = store.connect(tmp / "s.db")
    out = tmp / "incidents.csv"
    summary = run_job([str(samples_dir)], settings, db, out, nlp=load_nlp(settings))
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return summary, db, out, rows


def _article_id(db, name):
    for row in store.input_rows(db):
        if row["url"].endswith("/" + name):
            return row["article_id"]
    raise AssertionError(f"{name} not stored")


def test_smoke_every_sample_is_fetched_and_extracted(run, samples_dir):
    summary, db, _, _ = run
    n = len(list(samples_dir.glob("*.html")))
    rows = store.input_rows(db)
    assert len(rows) == n == summary.inputs
    assert {r["fetch_status"] for r in rows} == {"ok"}
    assert {r["extract_status"] for r in rows} == {"ok"}
    assert summary.exit_code == 0


def test_smoke_mns_story_is_understood(run):
    _, db, _, rows = run
    aid = _article_id(db, "mns-click-and-collect.html")
    mns = [r for r in rows if aid in r["article_ids"]]
    assert len(mns) == 1, "the M&S story must be exactly one incident"
    row = mns[0]
    assert row["victim"] == "Marks & Spencer"
    assert "M&S" in row["victim_aliases"]
    assert "ransomware" in row["attack_types"].split("; ")
    assert "click-and-collect" in row["affected_services"]
    assert "Emma Richardson (cybersecurity consultant)" in row["experts"].split("; ")


def test_smoke_same_incident_from_two_sites_is_one_row(run):
    _, db, _, rows = run
    a = _article_id(db, "northbridge-health-ransomware-gazette.html")
    b = _article_id(db, "northbridge-health-ransomware-healthitpulse.html")
    both = [r for r in rows if a in r["article_ids"] or b in r["article_ids"]]
    assert len(both) == 1
    assert both[0]["n_articles"] == "2" and "Northbridge Health" in both[0]["victim"]


def test_smoke_non_incident_pages_make_no_row(run):
    _, db, _, rows = run
    kinds = {r["url"].rsplit("/", 1)[-1]: r["kind"] for r in store.input_rows(db)}
    for name in ("aurora-x7-phone-review.html", "eastmoor-council-budget.html"):
        aid = _article_id(db, name)
        assert not [r for r in rows if aid in r["article_ids"]], name
        assert kinds[name] == "none", name
    assert kinds["corvane-velora-vpn-advisory.html"] == "vulnerability"


def test_smoke_no_comment_widget_line_in_any_output(run, samples_dir):
    _, db, out, _ = run
    texts = {a.url: a.text for a in store.iter_articles(db)}
    outputs = out.read_text(encoding="utf-8") + out.with_suffix(".jsonl").read_text(
        encoding="utf-8")
    checked = 0
    for page in sorted(samples_dir.glob("*.html")):
        widget = _widget_lines(page)
        for text in texts.values():
            lines = {" ".join(line.split()) for line in text.splitlines()}
            leaked = widget & lines
            assert not leaked, f"{page.name}: {sorted(leaked)[:3]}"
        for line in widget:
            if len(line) >= 12:
                assert line not in outputs, f"{page.name}: {line!r} in the exports"
        checked += len(widget)
    assert checked > 20  # the samples do carry widgets in several languages
    assert "Sé el primero en comentar este artículo." not in json.dumps(texts, ensure_ascii=False)


def test_smoke_ids_are_deterministic(run):
    _, db, _, _ = run
    for article in store.iter_articles(db):
        assert article.article_id == stable_id(article.canonical_url or article.url)


# data/samples/README.md: "Expected outcome for the whole set"
EXPECTED_VICTIMS = {
    "mns-click-and-collect.html": ("Marks & Spencer", "ransomware"),
    "northbridge-health-ransomware-gazette.html": ("Northbridge Health", "ransomware"),
    "stadtwerke-hohenbrueck-ransomware-de.html": ("Stadtwerke Hohenbrück", "ransomware"),
    "transports-vaubrun-ddos-fr.html": ("Vaubrun", "ddos"),
    "harbourline-insurance-data-breach.html": ("Harbourline Insurance", "data_breach"),
    "kestrel-bank-account-takeover.html": ("Kestrel Community Bank", "account_takeover"),
    "pinewood-outdoor-card-skimming.html": ("Pinewood Outdoor", "card_skimming"),
    "tillwise-pos-supply-chain.html": ("Tillwise", None),
    "brightpath-recruitment-exposed-bucket.html": ("Brightpath Recruitment",
                                                   "accidental_exposure"),
    "cooperativa-valdarno-bec-truffa-it.html": ("Cooperativa Agricola Valdarno",
                                                "phishing_social_engineering"),
    "greyfield-telecom-insider-sim-swap.html": ("Greyfield Telecom", "insider_misuse"),
}


def test_smoke_every_cyber_sample_is_its_incident_in_any_language(run):
    _, db, _, rows = run
    assert len(rows) == 11  # ten single-article incidents and the two-article Northbridge one
    for name, (victim, attack_type) in EXPECTED_VICTIMS.items():
        aid = _article_id(db, name)
        mine = [r for r in rows if aid in r["article_ids"]]
        assert len(mine) == 1, name
        assert victim in mine[0]["victim"], (name, mine[0]["victim"])
        if attack_type:
            assert attack_type in mine[0]["attack_types"].split("; "), (name, mine[0])
