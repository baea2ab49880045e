"""Attack-type classifier: training, calibration, thresholds, persistence, gate, evidence."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from pipeline import classifier as C
from pipeline.errors import InputError, ModelError, RegressionError
from pipeline.records import IncidentKind, LabelScore

# A tiny team-written dataset (original sentences, written for these tests).
_RW = ["Ransomware encrypted the hospital's servers and the attackers demanded a ransom in bitcoin.",
       "The city paid a ransom after ransomware locked its billing systems.",
       "A ransomware gang encrypted files at the factory and posted stolen data on its leak site.",
       "Schools closed after a ransomware attack encrypted the district's computers.",
       "The ransomware operators demanded $2 million to decrypt the company's files.",
       "Ransomware hit the logistics firm, encrypting servers in three countries."]
_PH = ["Employees received phishing emails with a link to a fake login page.",
       "A phishing campaign impersonated the bank and asked customers for their passwords.",
       "The spear-phishing email carried a malicious attachment posing as an invoice.",
       "Staff were tricked by a phishing message that appeared to come from the CEO.",
       "Phishing texts pretending to be the postal service asked victims to pay a fee.",
       "A phishing attack on the payroll clerk exposed staff tax forms."]
_DB = ["Hackers stole the personal data of two million customers in a data breach.",
       "The breach exposed names, addresses and Social Security numbers of patients.",
       "A database with customer records was accessed by an unauthorised party.",
       "The retailer disclosed a data breach affecting email addresses and order histories.",
       "Personal information of members was stolen from the insurer's systems.",
       "The data breach leaked passport numbers of hotel guests."]
_VD = ["The vendor patched a critical vulnerability in its VPN software.",
       "Researchers disclosed a flaw in the router firmware; an update fixes it.",
       "A security update addresses two bugs in the browser rated high severity.",
       "The advisory describes a remote code execution vulnerability, CVE-2024-1234.",
       "The maintainers fixed a denial-of-service flaw reported by a researcher.",
       "Security researchers found a bug in the smart lock and the maker released a patch."]
_NO = ["The company launched a new laptop with a longer battery life.",
       "The council approved the budget for road repairs next year.",
       "Shares rose after the firm reported strong quarterly revenue.",
       "The football club signed a new sponsorship deal.",
       "The airline added new routes to southern Europe for the summer.",
       "The start-up raised $20 million in a funding round."]
# bags=1: one fit keeps these tests fast; bagging has its own test (bags=2)
TINY_PARAMS = {"cv": 3, "augment": 60, "char_max_features": 2000, "word_min_df": 1,
               "threshold_min": 0.2, "threshold_max": 0.8, "bags": 1}


def _tiny_examples() -> list[C.Example]:
    out = []
    for texts, labels, kind in ((_RW, ("ransomware",), "incident"),
                                (_PH, ("phishing_social_engineering",), "incident"),
                                (_DB, ("data_breach",), "incident"),
                                (_VD, ("vulnerability_disclosure",), "vulnerability"),
                                (_NO, (), "none")):
        for i, t in enumerate(texts):
            out.append(C.Example(text=t, labels=labels, kind=kind, id=f"{kind}-{labels}-{i}",
                                 weight=1.0, source="tiny", group=t))
    return out


@pytest.fixture(scope="module")
def tiny_model() -> C.AttackTypeModel:
    return C.train(_tiny_examples(), TINY_PARAMS)


def _write_jsonl(path: Path, examples) -> Path:
    path.write_text("".join(json.dumps({"id": e.id, "text": e.text, "labels": list(e.labels),
                                        "kind": e.kind}) + "\n" for e in examples))
    return path


def test_classifier_pipeline_outputs_calibrated_probabilities(tiny_model):
    P = tiny_model.proba(["Ransomware encrypted the servers of the clinic.", "A new phone."])
    assert P.shape == (2, len(tiny_model.labels) + 1)
    assert np.all((P >= 0) & (P <= 1))
    j = tiny_model.labels.index("ransomware")
    assert P[0, j] > P[1, j]


def test_classifier_thresholds_cover_labels_and_are_bounded(tiny_model):
    for label in tiny_model.labels:
        if label != C.UNKNOWN_LABEL:
            assert TINY_PARAMS["threshold_min"] <= tiny_model.thresholds[label] <= TINY_PARAMS["threshold_max"]
    assert C.INCIDENT_COL in tiny_model.thresholds


def test_classifier_predicts_labels_and_kind(tiny_model):
    texts = ["Attackers encrypted the company's servers with ransomware and demanded a ransom.",
             "The vendor released a patch for a critical vulnerability in its firewall.",
             "The bakery opened a second shop on the high street."]
    res = C.classify(tiny_model, texts)
    assert [ls.label for ls in res[0].labels][:1] == ["ransomware"]
    assert res[0].kind is IncidentKind.INCIDENT
    assert res[1].kind is IncidentKind.VULNERABILITY
    assert "vulnerability_disclosure" in [ls.label for ls in res[1].labels]
    assert res[2].kind is IncidentKind.NONE and res[2].labels == ()
    scores = [ls.score for ls in res[0].labels]
    assert scores == sorted(scores, reverse=True)


def test_classifier_evidence_offsets_are_sentences_inside_the_text(tiny_model):
    text = ("The company opened a new office in Leeds. Later that month, ransomware encrypted "
            "its file servers and the attackers demanded a ransom. Staff worked from paper.")
    [labels] = C.predict(tiny_model, [text])
    rw = next(ls for ls in labels if ls.label == "ransomware")
    assert rw.evidence
    for start, end in rw.evidence:
        assert 0 <= start < end <= len(text)
    assert any("ransomware" in text[s:e] for s, e in rw.evidence)
    assert all(isinstance(ls, LabelScore) for ls in labels)


def test_classifier_save_load_roundtrip_keeps_predictions_and_meta(tiny_model, tmp_path):
    C.save_model(tiny_model, tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "meta.json").read_text())
    for key in ("versions", "labels", "thresholds", "trained_at", "git_sha"):
        assert key in meta
    assert {"sklearn", "numpy", "python"} <= set(meta["versions"])
    loaded = C.load_model(tmp_path / "m")
    texts = ["Hackers stole customer records in a data breach.", "Phishing emails hit staff."]
    assert np.allclose(loaded.proba(texts), tiny_model.proba(texts))
    assert (tmp_path / "m" / "MODEL_CARD.md").is_file()


def test_classifier_load_refuses_other_sklearn_version(tiny_model, tmp_path):
    C.save_model(tiny_model, tmp_path / "m")
    meta_path = tmp_path / "m" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["versions"]["sklearn"] = "0.0.1"
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"run `incidents retrain`"):
        C.load_model(tmp_path / "m")


def test_classifier_load_missing_model_says_what_to_do(tmp_path):
    with pytest.raises(ModelError, match=r"run `incidents retrain`"):
        C.load_model(tmp_path / "nothing")


def _retrain_tiny(tmp_path, files, **kw):
    kw.setdefault("eval_sets", {})
    return C.retrain(files, tmp_path / "model", include_shipped=False, vcdb_path=None,
                     params=TINY_PARAMS, **kw)


_CHECK = [C.Example(text=t, labels=labels, kind="incident") for t, labels in (
    ("Ransomware encrypted the museum's computers and a ransom note appeared.", ("ransomware",)),
    ("The ransomware attack locked the shipping company's servers.", ("ransomware",)),
    ("Criminals deployed ransomware and demanded a ransom from the council.", ("ransomware",)),
    ("Staff were sent phishing emails linking to a fake login page.", ("phishing_social_engineering",)),
    ("Hackers stole personal data of customers in a data breach.", ("data_breach",)))]


def test_classifier_retrain_gate_refuses_a_dropped_floor(tmp_path):
    good = _write_jsonl(tmp_path / "good.jsonl", _tiny_examples())
    check = {"check": (_CHECK, ["ransomware", "phishing_social_engineering", "data_breach"])}
    report = _retrain_tiny(tmp_path, [good], eval_sets=check)
    assert report.scores["check"]["labels"]["ransomware"]["f1"] > 0.8
    assert report.replaced and (tmp_path / "model" / "model.joblib").is_file()
    before = (tmp_path / "model" / "meta.json").read_text()
    # relabel every ransomware example as phishing: the ransomware floor must drop
    broken = [C.Example(text=e.text, labels=("phishing_social_engineering",), kind=e.kind,
                        id=e.id, group=e.group) if "ransomware" in e.labels else e
              for e in _tiny_examples()]
    bad = _write_jsonl(tmp_path / "bad.jsonl", broken)
    with pytest.raises(RegressionError, match=r"check/micro_f1 [0-9.]+ < floor"):
        _retrain_tiny(tmp_path, [bad], eval_sets=check)
    assert (tmp_path / "model" / "meta.json").read_text() == before
    forced = _retrain_tiny(tmp_path, [bad], eval_sets=check, allow_regression=True)
    assert forced.replaced and forced.regressions


def test_classifier_corrected_labels_change_predictions(tmp_path):
    article = ("Customers of the streaming service reported that attackers logged into their "
               "accounts using passwords leaked elsewhere and changed their email addresses.")
    base = _write_jsonl(tmp_path / "base.jsonl", _tiny_examples())
    _retrain_tiny(tmp_path, [base], allow_regression=True)
    before = C.predict(C.load_model(tmp_path / "model"), [article])[0]
    assert "account_takeover" not in [ls.label for ls in before]
    corrected = tmp_path / "corrected.csv"
    corrected.write_text("article_id,text,attack_types,corrected_attack_types\n"
                         f"a1,\"{article}\",data_breach,account_takeover\n")
    _retrain_tiny(tmp_path, [base, corrected], allow_regression=True)
    after = C.predict(C.load_model(tmp_path / "model"), [article])[0]
    assert "account_takeover" in [ls.label for ls in after]


def test_classifier_load_examples_rejects_unknown_labels(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": "Something happened.", "labels": ["alien_attack"]}) + "\n")
    with pytest.raises(InputError, match="unknown label 'alien_attack'"):
        C.load_examples(path)


def test_classifier_csv_export_without_text_uses_lookup(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text("incident_id,article_ids,attack_types,corrected_attack_types\n"
                    "i1,a1;a2,ransomware,ransomware;data_breach\n")
    ex = C.load_examples(path, text_lookup=lambda ids: {i: f"text of {i}" for i in ids})
    assert [e.text for e in ex] == ["text of a1", "text of a2"]
    assert ex[0].labels == ("ransomware", "data_breach")
    with pytest.raises(InputError, match="article_ids"):
        C.load_examples(path)


def test_classifier_suggest_labels_orders_by_margin(tiny_model):
    texts = {"sure": "Ransomware encrypted the servers and the gang demanded a ransom.",
             "odd": "The incident involved systems.", "none": "The bakery sells bread."}
    out = C.suggest_labels(texts, tiny_model, n=2)
    assert len(out) == 2
    assert out[0][1] <= out[1][1]
    assert all(i in texts for i, _ in out)


def test_classifier_vcdb_mapping_follows_taxonomy():
    tax = C.load_taxonomy()
    rec = {"actions": {"malware": ["Ransomware", "Backdoor"], "social": ["Phishing"]},
           "data_disclosure": "Yes", "integrity": []}
    assert set(C.vcdb_labels(rec, tax)) == {"ransomware", "malware",
                                            "phishing_social_engineering", "data_breach"}
    assert C.vcdb_labels({"actions": {"hacking": ["Unknown"]}}, tax) == (C.UNKNOWN_LABEL,)


def test_classifier_score_sets_micro_macro():
    res = C.score_sets([{"a"}, {"b"}], [{"a"}, {"a"}], ["a", "b"])
    assert res["labels"]["a"]["precision"] == 0.5 and res["labels"]["b"]["recall"] == 0.0
    assert res["micro"]["f1"] == pytest.approx(0.5)
    assert res["macro_f1"] == pytest.approx((2 / 3 + 0) / 2, abs=1e-3)


def test_classifier_taxonomy_labels_have_definitions_and_cues():
    tax = C.load_taxonomy()
    assert len(tax["labels"]) == 16
    for label, spec in tax["labels"].items():
        assert spec["definition"] and "\n" not in spec["definition"]
        assert label == C.UNKNOWN_LABEL or spec["cues"]


# --------------------------------------------------------------------------- multilingual cues
# Team-written snippets (original text, invented organisations), one per language and kind.
_I18N_INCIDENTS = [
    ("de", "Die Stadtwerke Lindenau sind Opfer eines Cyberangriffs geworden. Unbekannte haben "
           "Server der Verwaltung mit einem Erpressungstrojaner verschlüsselt und verlangen ein "
           "Lösegeld. Das Kundenportal ist seit Montag nicht erreichbar.", {"ransomware"}),
    ("fr", "Le site de la mairie de Castelnoir a été rendu inaccessible mardi par une attaque "
           "par déni de service. Des hacktivistes ont revendiqué la saturation des serveurs, "
           "et la commune a porté plainte.", {"ddos"}),
    ("it", "Un'azienda vinicola di Montalto è stata vittima di una truffa: i criminali, "
           "fingendosi un fornitore, hanno inviato una e-mail fraudolenta con un IBAN "
           "modificato. La società ha sporto denuncia alla polizia postale.",
     {"fraud_scam", "phishing_social_engineering"}),
    ("es", "La clínica Santa Marta ha sufrido una fuga de datos: un ciberataque expuso los datos "
           "personales de 12.000 pacientes, según ha confirmado la dirección, que ha denunciado "
           "los hechos ante la policía.", {"data_breach"}),
    ("nl", "Het ziekenhuis in Veldhoven is getroffen door een cyberaanval met ransomware. "
           "Systemen zijn versleuteld en de criminelen eisen losgeld; de politie doet "
           "onderzoek.", {"ransomware"}),
]
_I18N_NONE = [
    ("de", "Der Gemeinderat von Lindenau hat am Dienstag den Haushalt für das kommende Jahr "
           "beschlossen. Mehr Geld fließt in Schulen und in die Sanierung der Brücke."),
    ("fr", "Le club de rugby de Castelnoir a remporté son troisième match de la saison devant "
           "quatre mille spectateurs, grâce à un essai dans les dernières minutes."),
    ("it", "La cantina di Montalto ha presentato il nuovo vino rosso alla fiera di Verona; "
           "le prime bottiglie saranno in vendita da novembre."),
    ("es", "El ayuntamiento inaugurará en primavera un nuevo parque con zonas de juego y un "
           "carril bici que conectará los barrios del norte."),
    # cyber-flavoured, but no incident: a law, a funding round, a product launch
    ("de", "Der Bundestag hat ein neues IT-Sicherheitsgesetz beschlossen. Betreiber kritischer "
           "Infrastrukturen müssen Cyberangriffe künftig innerhalb von 24 Stunden melden."),
    ("fr", "La start-up lyonnaise spécialisée dans la détection du phishing a levé 12 millions "
           "d'euros auprès de fonds d'investissement pour recruter quarante ingénieurs."),
    ("es", "La empresa presentó su nuevo antivirus para teléfonos móviles, que promete bloquear "
           "el phishing y las aplicaciones maliciosas."),
]


def test_lexicon_labels_non_english_incidents_with_evidence():
    from pipeline.classifier_lexicon import load_lexicon
    lex = load_lexicon()
    for lang, text, want in _I18N_INCIDENTS:
        res = lex.classify(text, lang)
        got = {ls.label for ls in res.labels}
        assert res.kind is IncidentKind.INCIDENT, (lang, res)
        assert got == want, (lang, got)
        for ls in res.labels:
            assert ls.evidence and all(0 <= s < e <= len(text) for s, e in ls.evidence)


def test_lexicon_keeps_non_incident_non_english_news_out():
    from pipeline.classifier_lexicon import load_lexicon
    lex = load_lexicon()
    for lang, text in _I18N_NONE:
        res = lex.classify(text, lang)
        assert res.kind is IncidentKind.NONE and res.labels == (), (lang, res)


def test_lexicon_vulnerability_news_and_language_support():
    from pipeline.classifier_lexicon import load_lexicon
    lex = load_lexicon()
    text = ("Der Hersteller Norvik hat eine Sicherheitslücke in seinen Routern geschlossen. "
            "Das Sicherheitsupdate behebt die Schwachstelle CVE-2025-1111; Angriffe sind "
            "bisher nicht bekannt.")
    res = lex.classify(text, "de")
    assert res.kind is IncidentKind.VULNERABILITY
    assert [ls.label for ls in res.labels] == ["vulnerability_disclosure"]
    assert lex.supports("de") and lex.supports("fr-FR") and not lex.supports("en")
    assert not lex.supports("ja") and not lex.supports(None)


def test_classify_routes_by_language(tiny_model):
    from pipeline.classifier_lexicon import load_lexicon
    lex = load_lexicon()
    de = _I18N_INCIDENTS[0][1]
    en = "Ransomware encrypted the servers of the clinic and the gang demanded a ransom."
    res = C.classify(tiny_model, [de, en], languages=["de", "en"], lexicon=lex)
    assert res[0].kind is IncidentKind.INCIDENT
    assert [ls.label for ls in res[0].labels] == ["ransomware"]
    assert res[1].labels and res[1].labels[0].label == "ransomware"
    # without a language the German text goes to the (English) model as before
    plain = C.classify(tiny_model, [de, en])
    assert plain[1].labels == res[1].labels


def test_cue_ensemble_tuning_lowers_the_bar_only_when_keywords_help():
    # positives the model scores low but whose keywords fire: a cue factor recovers them
    p = np.array([0.9, 0.8, 0.15, 0.15, 0.15, 0.2, 0.2, 0.1])
    y = np.array([1, 1, 1, 1, 1, 0, 0, 0])
    k = np.array([1, 1, 1, 1, 1, 0, 0, 1], dtype=bool)
    w = np.ones(len(p))
    t, a = C._tune_label(p, y, w, k, 0.25, 0.75, (0.75, 0.5, 0.25, 0.0))
    assert a is not None
    pred = (p >= t) | (k & (p >= a * t))
    assert pred[:5].all() and not pred[5:7].any()
    # keywords that fire on negatives only: no cue factor
    t2, a2 = C._tune_label(p, y, w, ~k, 0.25, 0.75, (0.75, 0.5, 0.25, 0.0))
    assert a2 is None


def test_keyword_matrix_needs_two_matches_in_long_texts(tiny_model):
    cues = C._cues_of(tiny_model)
    labels = tiny_model.labels
    short = "Ransomware hit the depot."
    long_one = short + " The depot reopened. " * 40
    long_two = "Ransomware hit the depot. A ransom was demanded." + " The depot reopened." * 40
    K = C.keyword_matrix(cues, [short, long_one, long_two], labels)
    j = labels.index("ransomware")
    assert K[:, j].tolist() == [True, False, True]


def test_fast_cue_patterns_find_exactly_the_same_matches():
    """The first-character lookahead is a speed-up only: same spans on every cue pattern."""
    import re
    tax = C.load_taxonomy()
    pats = [re.compile("|".join(f"(?:{c})" for c in v["cues"]))
            for v in tax["labels"].values() if v.get("cues")]
    pats += [re.compile(c) for v in tax["labels"].values() for c in v.get("cues", [])]
    texts = [
        "ransomware encrypted files on 3 servers; a data breach exposed customers' data.",
        "the website was knocked offline by a 1.2 tbps ddos. phishing e-mails, bec scams.",
        "a former employee who was fired downloaded records. laptops were stolen from a car.",
        "$ 4.5 million was stolen; stole $3m. cve-2024-1234 exploited in the wild (zero-day attack).",
        "misconfigured s3 bucket, publicly accessible. magecart skimmer on point-of-sale systems.",
        "", "x", "ddosddos breachedbreach hackers\nhacked\u2019s intruders é",
    ]
    for p in pats:
        fast = C.fast(p)
        for t in texts:
            assert [m.span() for m in fast.finditer(t)] == [m.span() for m in p.finditer(t)], \
                (p.pattern, t)
    for p in pats[:3]:
        assert C.fast(p) is not p  # the shipped cues get anchors or the lookahead


def test_fast_pattern_leaves_patterns_it_cannot_analyse_alone():
    import re

    from pipeline.regex_prefix import fast_pattern
    for pat in (r"(?i)abc", r"a?", r".x", r"[^a]b", r"(?i:ab)c", r"(?:x|y?)"):
        p = re.compile(pat)
        assert fast_pattern(p) is p, pat
    assert C._first_chars(r"\bfoo|bar\b") is not None


def test_label_pos_weight_scales_one_label_column_of_one_source():
    labels = ["data_breach", "ddos"]
    ex = [C.Example(text="a", labels=("data_breach",), source="vcdb"),
          C.Example(text="b", labels=("data_breach",), source="team.jsonl"),
          C.Example(text="c", labels=("ddos",), source="vcdb")]
    Y = np.array([[1, 0, 1], [1, 0, 1], [0, 1, 1]])
    w = np.array([1.0, 4.0, 1.0])
    assert C._column_weights(ex, Y, labels, w, {}) is w
    W = C._column_weights(ex, Y, labels, w, {"data_breach": {"vcdb": 0.5}})
    assert W.shape == (3, 3)
    assert W[:, 0].tolist() == [0.5, 4.0, 1.0]      # only the VCDB breach row, only its column
    assert W[:, 1].tolist() == w.tolist() and W[:, 2].tolist() == w.tolist()
    with pytest.raises(InputError):
        C._column_weights(ex, Y, labels, w, {"nonsense": {"vcdb": 0.5}})


def _focus_case(model, rows):
    """Per-sentence probability rows for the focus rule: {sentence: {label: p}}, others 0."""
    PS = np.zeros((max(rows) + 1, len(model.labels) + 1))
    for r, probs in rows.items():
        for label, p in probs.items():
            PS[r, model.labels.index(label)] = p
    return PS


def test_focus_rule_drops_a_label_only_mentioned_in_passing(tiny_model):
    m = tiny_model
    j_rw, j_ph = m.labels.index("ransomware"), m.labels.index("phishing_social_engineering")
    # sentence 0 reports the ransomware attack; sentence 9 is advice that mentions phishing
    PS = _focus_case(m, {0: {"ransomware": 0.95}, 9: {"phishing_social_engineering": 0.95},
                         12: {}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_rw, j_ph]] = 0.9
    kept = C._focus_filter(m, [j_rw, j_ph], PS, {}, p_doc, None, set(), set(), 3, 3)
    assert kept == [j_rw]
    # the same phishing sentence names the victim: it reports the incident, the label stands
    kept = C._focus_filter(m, [j_rw, j_ph], PS, {}, p_doc, None, set(), {9}, 3, 3)
    assert kept == [j_rw, j_ph]
    # a cue in the title anchors it too
    kept = C._focus_filter(m, [j_rw, j_ph], PS, {}, p_doc, None,
                           {"phishing_social_engineering"}, set(), 3, 3)
    assert kept == [j_rw, j_ph]


def test_focus_rule_lead_starts_where_the_attack_is_first_reported(tiny_model):
    m = tiny_model
    j_rw, j_db = m.labels.index("ransomware"), m.labels.index("data_breach")
    # two sentences of background, then the attack (data breach), then the ransomware detail
    PS = _focus_case(m, {2: {"data_breach": 0.9}, 4: {"ransomware": 0.9}, 20: {}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_rw, j_db]] = 0.9
    assert C._focus_filter(m, [j_rw, j_db], PS, {}, p_doc, None, set(), set(), 3, 3) \
        == [j_rw, j_db]
    assert C._focus_filter(m, [j_rw, j_db], PS, {}, p_doc, None, set(), set(), 2, 3) == [j_db]


def test_focus_rule_keeps_repeated_labels_and_the_best_when_none_is_anchored(tiny_model):
    m = tiny_model
    j_rw, j_db = m.labels.index("ransomware"), m.labels.index("data_breach")
    j_vd = m.labels.index("vulnerability_disclosure")
    rows = {0: {"ransomware": 0.9}}
    rows.update({r: {"data_breach": 0.9} for r in (10, 14, 18)})
    PS = _focus_case(m, rows)
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_rw, j_db, j_vd]] = [0.7, 0.8, 0.9]
    # data_breach is supported in three sentences: it stays; vulnerability_disclosure is the
    # kind's business, never filtered here
    assert C._focus_filter(m, [j_rw, j_db, j_vd], PS, {}, p_doc, None, set(), set(), 3, 3) \
        == [j_rw, j_db, j_vd]
    # nothing anchored (no sentence supports any label): the best-scoring label stays
    PS0 = np.zeros((15, len(m.labels) + 1))
    assert C._focus_filter(m, [j_rw, j_db], PS0, {}, p_doc, None, set(), set(), 3, 3) == [j_db]


def test_focus_rule_drops_secondary_labels_far_below_the_main_one(tiny_model):
    m = tiny_model
    j_rw, j_db = m.labels.index("ransomware"), m.labels.index("data_breach")
    PS = _focus_case(m, {0: {"ransomware": 0.9, "data_breach": 0.9}, 10: {}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_rw, j_db]] = [0.95, 0.5]
    assert m.params.get("focus_relative", C.DEFAULT_PARAMS["focus_relative"]) == 0.7
    assert C._focus_filter(m, [j_rw, j_db], PS, {}, p_doc, None, set(), set(), 3, 3) == [j_rw]
    p_doc[j_db] = 0.8  # close to the main label: both stand
    assert C._focus_filter(m, [j_rw, j_db], PS, {}, p_doc, None, set(), set(), 3, 3) \
        == [j_rw, j_db]
    # ... unless the title names it
    p_doc[j_db] = 0.5
    assert C._focus_filter(m, [j_rw, j_db], PS, {}, p_doc, None, {"data_breach"}, set(), 3, 3) \
        == [j_rw, j_db]


def test_focus_rule_denials_and_advisories(tiny_model):
    m = tiny_model
    j_db, j_vd = m.labels.index("data_breach"), m.labels.index("vulnerability_disclosure")
    j_ve = m.labels.index("vulnerability_exploitation")
    lows = ["the vendor patched a flaw in its vpn.",
            "it said it was not aware of any exploitation in the wild.",
            "there is no evidence that customer data was accessed.",
            "the hackers copied customer records."]
    assert C.denial_rows(lows) == {1, 2}
    # an advisory whose only exploitation sentence denies exploitation: no incident label
    PS = _focus_case(m, {1: {"vulnerability_exploitation": 0.9}, 12: {}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_ve, j_vd]] = [0.85, 0.99]
    assert C._focus_filter(m, [j_ve, j_vd], PS, {}, p_doc, None, set(), set(), 3, 3) \
        == [j_ve, j_vd]
    assert C._focus_filter(m, [j_ve, j_vd], PS, {}, p_doc, None, set(), set(), 3, 3,
                           denials={1}) == [j_vd]
    # a denied breach does not anchor data_breach, a reported one does
    PS = _focus_case(m, {2: {"data_breach": 0.9}, 12: {}})
    p_doc[[j_db]] = 0.9
    assert C._focus_filter(m, [j_db, j_ve], PS, {}, p_doc, None, set(), set(), 3, 3,
                           denials={2}) == [j_db]  # nothing anchored: the best label stays
    PS = _focus_case(m, {2: {"data_breach": 0.9}, 3: {}, 12: {}})
    assert C._focus_filter(m, [j_db, j_ve], PS, {}, p_doc, None, set(), set(), 3, 3) \
        == [j_db]


def test_focus_rule_an_advisory_with_an_intrusion_title_keeps_no_questioned_label(tiny_model):
    """The advisory's best incident label is chosen among those some sentence can support:
    ransomware only asked about ("it did not say whether ransomware was involved") is none."""
    m = tiny_model
    j_db, j_rw = m.labels.index("data_breach"), m.labels.index("ransomware")
    j_vd, j_ve = m.labels.index("vulnerability_disclosure"), m.labels.index("vulnerability_exploitation")
    lows = ["the security firm said hackers had broken into its network."] \
        + ["the firm publishes research on flaws."] * 5 \
        + ["it did not say whether ransomware was involved."] \
        + ["the flaw affects routers."]
    PS = _focus_case(m, {0: {"data_breach": 0.3}, 6: {"ransomware": 0.3},
                         7: {"vulnerability_disclosure": 0.6}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_db, j_rw, j_vd, j_ve]] = [0.7, 0.8, 0.6, 0.75]
    kept = C._focus_filter(m, [j_db, j_rw, j_ve, j_vd], PS, {j_rw: {6}}, p_doc, None, set(),
                           set(), 3, 3, blocked=C.unsupported_rows(lows), title_intrusion=True)
    assert kept == [j_db, j_vd]
    # every label the intrusion could be of only questioned or denied: of unknown type
    kept = C._focus_filter(m, [j_rw, j_ve, j_vd], PS, {j_rw: {6}}, p_doc, None, set(),
                           set(), 3, 3, blocked=C.unsupported_rows(lows), title_intrusion=True)
    assert kept == [j_vd, m.labels.index("other_unknown")]


@pytest.mark.parametrize("low,label,blocked", [
    ("there is no ransom note, no leak site and no hacker in a hoodie.", "ransomware", True),
    ("it did not say whether a ransom had been demanded.", "ransomware", True),
    ("invoice fraud caused more losses last year than ransomware.", "ransomware", True),
    ("the gang encrypted the servers and demanded a ransom.", "ransomware", False),
    ("the firm asked its host to take the fake site down.", "ddos", True),
    ("the phishing page was taken offline on friday.", "ddos", True),
    ("a flood of junk traffic took the council's website down.", "ddos", False),
])
def test_sentences_that_deny_or_compare_ransomware_or_take_a_fake_site_down(low, label,
                                                                           blocked):
    """Such a sentence cannot anchor the label (a BEC story comparing its losses with
    ransomware's, a smishing story whose fake site was taken down were labelled ransomware
    and ddos by that one sentence)."""
    assert (0 in C.unsupported_rows([low])[label]) is blocked


def test_focus_rule_a_ransomware_comparison_anchors_nothing(tiny_model):
    m = tiny_model
    j_rw, j_fr = m.labels.index("ransomware"), m.labels.index("fraud_scam")
    lows = ["criminals hijacked the finance manager's mailbox and sent new bank details."] \
        + ["customers paid the invoices."] * 6 \
        + ["such fraud caused more losses last year than ransomware."]
    PS = _focus_case(m, {0: {"fraud_scam": 0.95}, 7: {"ransomware": 0.95}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_rw, j_fr]] = [0.8, 0.99]
    flags = {j_rw: {7}, j_fr: {0}}
    kept = C._focus_filter(m, [j_rw, j_fr], PS, flags, p_doc, None, set(), {7}, 3, 3,
                           blocked=C.unsupported_rows(lows))
    assert kept == [j_fr]


@pytest.mark.parametrize("title,told", [
    ("Security firm Orrin says hackers stole its red-team tools", True),
    ("Borough council hit by ransomware attack", True),
    ("Garden retailer's booking systems were hacked, it confirms", True),
    ("Router flaw could let hackers steal passwords", False),
    # the month is no modal
    ("Council hit by ransomware in May, audit finds", True),
    ("Council Systems May Have Been Hacked", False),
    ("Vendor patches VPN flaw found by security firm", False),
])
def test_title_tells_an_intrusion(title, told):
    assert C.title_tells_intrusion(title) is told


def test_focus_rule_an_advisory_whose_title_tells_an_intrusion_stays_an_incident(tiny_model):
    """A security firm known for finding flaws reports hackers stole its tools: the advisory
    words make vulnerability_disclosure fire, no sentence anchors the breach on its own, and
    the title tells the intrusion: the best incident label (not the exploitation) stays."""
    m = tiny_model
    j_db, j_vd = m.labels.index("data_breach"), m.labels.index("vulnerability_disclosure")
    j_ve = m.labels.index("vulnerability_exploitation")
    PS = _focus_case(m, {0: {"data_breach": 0.3}, 7: {"vulnerability_disclosure": 0.6}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_db, j_vd, j_ve]] = [0.75, 0.6, 0.8]
    args = (m, [j_db, j_ve, j_vd], PS, {}, p_doc, None, set(), set(), 3, 3)
    assert C._focus_filter(*args) == [j_vd]
    assert C._focus_filter(*args, title_intrusion=True) == [j_db, j_vd]


@pytest.mark.parametrize("low,label,blocked", [
    ("the outage is unrelated to the ransomware attack the port suffered in march.",
     "ransomware", True),
    ("it is separate from last year's ransomware incident at the clinic.", "ransomware", True),
    ("we do not yet know whether customers' data was taken.", "data_breach", True),
    ("the firm is checking if any patient records were copied.", "data_breach", True),
    ("the hackers copied patient records from the file server.", "data_breach", False),
    # the negator must govern the ransomware noun: a ransom not paid, files that could not be
    # opened or a sum not told affirm the attack
    ("the trust said it did not pay the ransom to the gang.", "ransomware", False),
    ("nurses could not open files encrypted by the ransomware.", "ransomware", False),
    ("the port has not said how much ransom the criminals demanded.", "ransomware", False),
    ("the museum said the outage was not a ransomware attack.", "ransomware", True),
    ("the carrier said no files were encrypted.", "ransomware", True),
    ("it would not say whether a ransom had been demanded.", "ransomware", True),
])
def test_sentences_that_set_ransomware_apart_or_ask_about_data(low, label, blocked):
    """History ("unrelated to the ransomware attack it suffered in March") and an open
    question ("whether customers' data was taken") anchor neither label."""
    assert (0 in C.unsupported_rows([low])[label]) is blocked


def test_focus_rule_a_label_only_questioned_leaves_the_type_unknown(tiny_model):
    """When no label is anchored, the best one stayed even if every sentence naming it only
    asked about it ("it did not say whether ransomware was involved"): now the incident is of
    unknown type."""
    m = tiny_model
    j_rw, j_unk = m.labels.index("ransomware"), m.labels.index("other_unknown")
    lows = ["the water company said a cyber attack had disrupted its billing systems."] \
        + ["customers were asked to be patient."] * 5 \
        + ["it did not say whether ransomware was involved."]
    PS = _focus_case(m, {6: {"ransomware": 0.95}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[j_rw] = 0.8
    blocked = C.unsupported_rows(lows)
    kept = C._focus_filter(m, [j_rw], PS, {j_rw: {6}}, p_doc, None, set(), set(), 3, 3,
                           blocked=blocked)
    assert kept == [j_unk]
    # a ransomware sentence that is not questioned still leaves ransomware the best guess
    kept = C._focus_filter(m, [j_rw], PS, {j_rw: {5, 6}}, p_doc, None, set(), set(), 3, 3,
                           blocked=blocked)
    assert kept == [j_rw]


_CUE_TEXTS = ["Ransomware encrypted files on 3 servers; a data breach exposed customers' data. " * 9,
              "The website was knocked offline by a DDoS. Phishing e-mails, BEC scams.",
              "Nothing happened here.", "", "ransomware " * 70 + "phishing"]


def test_cue_features_are_the_documented_formula():
    """CueFeatures per label: min(1, log1p(count) / log1p(8)), any match, a match in the lead."""
    import math
    cues = C.CueFeatures(lead_chars=100).fit(_CUE_TEXTS)
    M = cues.transform(_CUE_TEXTS).toarray()
    for row, text in zip(M, _CUE_TEXTS):
        expected = []
        for starts in cues.matches(text):
            c = len(starts)
            expected += [min(1.0, math.log1p(c) / math.log1p(8)), 1.0 if c else 0.0,
                         1.0 if any(s < 100 for s in starts) else 0.0]
        assert row.tolist() == expected


def test_cue_rows_from_memoised_matches_equal_a_fresh_search():
    cues = C.CueFeatures().fit(_CUE_TEXTS)
    model = C.AttackTypeModel(pipeline=None, labels=list(cues.labels_) + ["no_such_label"],
                              thresholds={}, params={})
    sents = [s.strip() for t in _CUE_TEXTS for s in t.split(".")]
    lows = [s.lower() for s in sents]
    found = [cues.matches(s) for s in sents]
    for j in range(len(model.labels)):
        assert C._cue_rows(model, cues, j, lows, found) == C._cue_rows(model, cues, j, lows)
    assert any(C._cue_rows(model, cues, j, lows) for j in range(len(cues.labels_)))


def test_required_strings_precheck_never_drops_a_match():
    """``required_strings``: every match contains one of them, so CueFeatures may skip a
    pattern on a short text that contains none; matches are those of the plain pattern."""
    import re
    tax = C.load_taxonomy()
    pats = [re.compile("|".join(f"(?:{c})" for c in v["cues"]))
            for v in tax["labels"].values() if v.get("cues")]
    pats += [re.compile(c) for v in tax["labels"].values() for c in v.get("cues", [])]
    texts = [t.lower() for t in _CUE_TEXTS + _RW + _PH + _DB] + [
        "pii and phi leaked; 3 tbps ddos; w-2 forms; took advantage of an old flaw.",
        "laptops were stolen from a car. cve-2024-1234. the build servers were tampered with."]
    checked = 0
    for p in pats:
        req = C.required_strings(p)
        for t in texts:
            if req is not None and p.search(t):
                checked += 1
                assert any(r in t for r in req), (p.pattern, t)
    assert checked > 20
    assert C.required_strings(re.compile(r"ab|c?")) is None  # an optional branch: unknown
    assert C.required_strings(re.compile(r"(?i)ransom")) is None
    assert C.required_strings(re.compile(r"\bdata (?:breach|leak)s?")) == ("data ",)
    cues = C.CueFeatures().fit(texts)
    for t in texts:
        C._CUE_CACHE.clear()
        assert cues.matches(t) == [[m.start() for m in C.fast(p).finditer(t.lower())]
                                   if p is not None else [] for p in cues.patterns_]


def test_unsupported_rows_credential_stuffing_and_hypotheticals():
    lows = ["attackers logged in with passwords stolen from other websites.",
            "the passwords were obtained from breaches at unrelated companies.",
            "customers had reused passwords from elsewhere.",
            "the flaw could allow attackers to steal customer data.",
            "the backdoor is capable of exfiltrating files to a remote server.",
            "the hackers copied the customer database and leaked it online.",
            "names and addresses may have been accessed."]
    rows = C.unsupported_rows(lows)
    assert rows["data_breach"] == {0, 1, 2, 3, 4}
    # what a flaw could do is no exploitation; replayed credentials are no breach only
    assert rows["vulnerability_exploitation"] == {3, 4}
    # a campaign that aims to steal credentials has taken over no account yet
    aims = ["the new campaign aims to steal streaming-service passwords.",
            "the intruders used stolen passwords to log in to 400 accounts."]
    assert C.unsupported_rows(aims)["account_takeover"] == {0}


def test_focus_rule_breach_wording_about_other_websites_does_not_anchor(tiny_model):
    m = tiny_model
    j_db, j_rw = m.labels.index("data_breach"), m.labels.index("ransomware")
    PS = _focus_case(m, {0: {"ransomware": 0.9}, 1: {"data_breach": 0.9},
                         5: {"data_breach": 0.9}, 7: {"data_breach": 0.9}, 12: {}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_rw, j_db]] = [0.95, 0.9]
    assert C._focus_filter(m, [j_rw, j_db], PS, {}, p_doc, None, set(), set(), 3, 3) \
        == [j_rw, j_db]
    assert C._focus_filter(m, [j_rw, j_db], PS, {}, p_doc, None, set(), set(), 3, 3,
                           blocked={"data_breach": {1}}) == [j_rw]


def test_lexicon_reset_passwords_are_no_account_takeover():
    from pipeline.classifier_lexicon import load_lexicon
    lex = load_lexicon()
    it = ("La cooperativa è stata vittima di un attacco informatico: un messaggio di phishing ha "
          "ingannato il contabile e i truffatori hanno dirottato tre bonifici verso un conto "
          "estero. La polizia postale indaga. Tutti i dipendenti hanno dovuto reimpostare le "
          "password e le credenziali del portale.")
    res = lex.classify(it, "it")
    got = {ls.label for ls in res.labels}
    assert "phishing_social_engineering" in got and "account_takeover" not in got
    stolen = ("Criminali informatici hanno usato credenziali rubate per accedere ai conti di "
              "centinaia di clienti della banca, che ha confermato l'attacco.")
    assert "account_takeover" in {ls.label for ls in lex.classify(stolen, "it").labels}


def test_focus_cue_labels_need_a_cue_in_the_supporting_sentence(tiny_model):
    m = tiny_model
    j_db, j_rw = m.labels.index("data_breach"), m.labels.index("ransomware")
    PS = _focus_case(m, {0: {"ransomware": 0.9}, 1: {"data_breach": 0.9}, 12: {}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_rw, j_db]] = [0.95, 0.9]
    flags = {j_rw: {0}, j_db: set()}  # no sentence names a data_breach cue
    assert C._focus_filter(m, [j_rw, j_db], PS, flags, p_doc, None, set(), set(), 3, 3) \
        == [j_rw, j_db]
    strict = C.AttackTypeModel(pipeline=m.pipeline, labels=m.labels, thresholds=m.thresholds,
                               params={**m.params, "focus_cue_labels": ["data_breach"]})
    assert C._focus_filter(strict, [j_rw, j_db], PS, flags, p_doc, None, set(), set(), 3, 3) \
        == [j_rw]
    flags[j_db] = {1}
    assert C._focus_filter(strict, [j_rw, j_db], PS, flags, p_doc, None, set(), set(), 3, 3) \
        == [j_rw, j_db]


def test_cue_memo_is_bounded_by_the_text_it_holds(monkeypatch):
    cues = C.CueFeatures().fit(["ransomware hit the hospital", "a phishing email"])
    monkeypatch.setattr(C, "_CUE_CACHE_MAX_CHARS", 100)
    C._CUE_CACHE.clear()
    C._CUE_CACHE_CHARS[0] = 0
    for k in range(20):
        cues.matches(f"article {k}: " + "ransomware encrypted the servers. " * 2)
    assert 0 < len(C._CUE_CACHE) <= 2 and C._CUE_CACHE_CHARS[0] <= 100 + 80


def test_requires_matrix_uses_the_taxonomy_concepts_of_account_takeover():
    labels = C.taxonomy_labels()
    j = labels.index("account_takeover")
    texts = ["The firm said an unauthorized party was able to access its computer network.",
             "Attackers logged in to the payroll portal with a stolen password.",
             "The mayor's social media account was hijacked to post a fake offer."]
    R = C.requires_matrix(texts, labels)
    assert R[:, j].tolist() == [False, True, True]
    # labels without a "requires" list are never gated
    assert R[:, labels.index("ransomware")].all()


def test_decision_drops_a_label_whose_required_concept_is_absent_unless_sure(tiny_model):
    labels = tiny_model.labels
    j = labels.index("account_takeover")
    P = np.zeros((3, len(labels) + 1))
    P[:, -1] = 0.99                       # all three read as incidents
    P[:, j] = [0.6, 0.6, 0.95]            # above the threshold; the last one very sure
    model = C.AttackTypeModel(pipeline=tiny_model.pipeline, labels=labels,
                              thresholds={**tiny_model.thresholds, "account_takeover": 0.3},
                              params=tiny_model.params)
    R = np.ones((3, len(labels)), dtype=bool)
    R[[0, 2], j] = False                  # texts 0 and 2 name no account or credential
    B, kinds = C._decide_matrix(model, P, None, R)
    assert B[:, j].tolist() == [0, 1, 1]
    # the incident stays, of unknown type
    assert B[0, labels.index("other_unknown")] == 1 and kinds[0] is IncidentKind.INCIDENT
    B2, _ = C._decide_matrix(model, P, None, None)
    assert B2[:, j].tolist() == [1, 1, 1]


def test_hackmageddon_eval_set_since_keeps_rows_from_that_date(tmp_path):
    rows = [{"id": "a", "description": "Ransomware hits a port.", "attack_norm": "malware",
             "source": "gabrierys/hackmageddon", "date_reported": "2023-06-02"},
            {"id": "b", "description": "Ransomware hits a mill.", "attack_norm": "ransomware",
             "source": "gabrierys/hackmageddon", "date_reported": "2024-02-11"},
            {"id": "c", "description": "A flood of traffic.", "attack_norm": "ddos",
             "source": "sdomialo/DeNexus", "date_reported": "2021-01-05"}]
    (tmp_path / "hackmageddon").mkdir()
    (tmp_path / "hackmageddon" / "dev.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows))
    ex, _, _ = C.hackmageddon_eval_set(tmp_path)
    assert [e.id for e in ex] == ["a", "b"]
    ex, _, _ = C.hackmageddon_eval_set(tmp_path, since="2024-01-01")
    assert [(e.id, e.labels) for e in ex] == [("b", ("ransomware",))]


def test_focus_rule_keeps_a_label_the_whole_text_is_sure_of(tiny_model):
    m = tiny_model
    j_rw, j_ph = m.labels.index("ransomware"), m.labels.index("phishing_social_engineering")
    j_db = m.labels.index("data_breach")
    # sentence 0 reports ransomware; no sentence alone is sure of phishing or of a breach
    PS = _focus_case(m, {0: {"ransomware": 0.95}, 12: {}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_rw, j_ph, j_db]] = [0.99, 0.97, 0.97]
    assert C._param(m, "focus_doc_p") == 0.95
    kept = C._focus_filter(m, [j_rw, j_ph, j_db], PS, {}, p_doc, None, set(), set(), 3, 3)
    # phishing is what the whole article is about; data_breach's whole-text score is not
    # enough on its own (VCDB's breach prior)
    assert kept == [j_rw, j_ph]
    p_doc[j_ph] = 0.9  # merely likely: it needs an anchor sentence like any other label
    assert C._focus_filter(m, [j_rw, j_ph], PS, {}, p_doc, None, set(), set(), 3, 3) == [j_rw]


def test_phishing_cues_name_deception_without_the_word_phishing():
    tax = C.load_taxonomy()
    cues = C.CueFeatures({k: v["cues"] for k, v in tax["labels"].items()}).fit([])
    k = cues.labels_.index("phishing_social_engineering")
    hits = ["A scam campaign tries to trick people into paying a fake fee.",
            "Callers posing as the bank's fraud team asked for one-time codes.",
            "Messages that appeared to come from the tax office duped staff into opening a form.",
            "Fraudsters pretending to be the chief executive asked for a wire transfer."]
    misses = ["The outage is posing a threat to the harvest.",
              "The company said the trick to good coffee is fresh beans."]
    assert all(cues.matches(t)[k] for t in hits)
    assert not any(cues.matches(t)[k] for t in misses)


def test_plateau_threshold_selection_prefers_a_broad_plateau_to_a_narrow_spike():
    grid = C._threshold_grid(0.25, 0.75)
    rng = np.random.default_rng(0)
    f1 = 0.55 + rng.uniform(-0.01, 0.01, len(grid))        # noisy low curve
    f1[2] = 0.74                                            # one-point spike at 0.30
    f1[11:19] = 0.70 + rng.uniform(-0.003, 0.003, 8)       # broad plateau 0.525 .. 0.70
    assert C.select_threshold(grid, f1, "best") == 0.3
    t = C.select_threshold(grid, f1, "plateau")
    assert 0.55 <= t <= 0.675                               # inside the plateau, not its edge
    # nudging the plateau's values by less than the tolerance leaves the choice in place
    f1b = f1.copy()
    f1b[11:19] += rng.uniform(-0.002, 0.002, 8)
    assert C.select_threshold(grid, f1b, "plateau") == t
    with pytest.raises(ValueError):
        C.select_threshold(grid, f1, "nope")


def test_threshold_select_is_a_training_param_and_best_keeps_the_old_rule():
    assert C.DEFAULT_PARAMS["threshold_select"] == "plateau"  # retrains keep steady thresholds
    rng = np.random.default_rng(1)
    y = (rng.random(400) < 0.3).astype(int)
    p = np.clip(0.35 * y + rng.random(400) * 0.6, 0, 1)
    w = np.ones(400)
    # "best" = the raw argmax of the F1 curve on the grid
    grid = C._threshold_grid(0.25, 0.75)
    curve = C._f1_curve(p >= grid[:, None], y, w)
    assert C._best_threshold(p, y, w, 0.25, 0.75) == C.select_threshold(grid, curve, "best")
    assert C._best_threshold(p, y, w, 0.25, 0.75, "plateau") == \
        C.select_threshold(grid, curve, "plateau")
    # the cue-factor tuning accepts the same rule and keeps a factor only when keywords help
    k = (y == 1) & (rng.random(400) < 0.8)
    t, a = C._tune_label(p, y, w, k, 0.25, 0.75, (0.75, 0.5, 0.25, 0.0), select="plateau")
    assert a is not None and 0.25 <= t <= 0.75
    t2, a2 = C._tune_label(p, y, w, (y == 0) & (rng.random(400) < 0.5), 0.25, 0.75,
                           (0.75, 0.5, 0.25, 0.0), select="plateau")
    assert a2 is None


class _FixedProbaModel(C.AttackTypeModel):
    """The tiny model's pipeline and cues with fixed probabilities per text (``by_word``: the
    first key found in a text gives its row), to drive the public classify path."""

    def __init__(self, base: C.AttackTypeModel, by_word: dict[str, dict[str, float]],
                 **params):
        super().__init__(pipeline=base.pipeline, labels=base.labels,
                         thresholds={**base.thresholds, "account_takeover": 0.3},
                         params={**base.params, **params})
        self.by_word = by_word

    def proba(self, texts):
        P = np.zeros((len(texts), len(self.labels) + 1))
        for i, t in enumerate(texts):
            for word, probs in self.by_word.items():
                if word in t:
                    for label, p in probs.items():
                        P[i, -1 if label == C.INCIDENT_COL else self.labels.index(label)] = p
                    break
        return P


def test_requires_gate_keeps_the_intrusion_an_incident_of_unknown_type(tiny_model):
    # the model reads an intrusion as account_takeover; the text names no account, credential
    # or login, and no attack-type cue: the type goes, the incident stays (group.py exports
    # only incidents)
    m = _FixedProbaModel(tiny_model, {"access": {"account_takeover": 0.45,
                                                 C.INCIDENT_COL: 0.98}})
    texts = ["Unknown attackers gained access to the internal systems of the regional water "
             "utility.",
             "Unknown attackers gained access to the mailbox of the utility's director."]
    res = C.classify(m, texts)
    assert [[l.label for l in r.labels] for r in res] == [["other_unknown"],
                                                          ["account_takeover"]]
    assert [r.kind for r in res] == [IncidentKind.INCIDENT, IncidentKind.INCIDENT]
    # without the gate the model's label stands
    off = _FixedProbaModel(tiny_model, m.by_word, use_requires=False)
    assert [l.label for l in C.classify(off, texts[:1])[0].labels] == ["account_takeover"]
    # a text that reads as no incident stays none (the veto is not bypassed)
    low = _FixedProbaModel(tiny_model, {"access": {"account_takeover": 0.45,
                                                   C.INCIDENT_COL: 0.1}})
    assert C.classify(low, texts[:1])[0].kind is IncidentKind.NONE


def test_requires_gate_reads_the_title_and_social_media_takeover_wording():
    labels = C.taxonomy_labels()
    j = labels.index("account_takeover")
    texts = ["Acme said attackers gained access to the CEO's X profile and posted scam links.",
             "Cybercriminals took control of the mayor's Facebook page.",
             "Hackers seized control of the museum's official channel and streamed a scam.",
             "The attackers posted a fake giveaway on Tuesday, the company said.",
             "Attackers took control of the company's servers in a high-profile attack."]
    R = C.requires_matrix(texts, labels)
    assert R[:, j].tolist() == [True, True, True, False, False]
    R = C.requires_matrix(texts[3:4], labels, titles=["Hackers hijack Acme CEO's X account"])
    assert R[0, j]


def test_model_stores_the_requires_of_the_taxonomy_it_was_trained_with(tmp_path):
    import copy
    tax = copy.deepcopy(C.load_taxonomy())
    for spec in tax["labels"].values():
        spec.pop("requires", None)
    tax["labels"]["ransomware"]["requires"] = ["zzzneverzzz"]
    m = C.train(_tiny_examples()[:30] + _tiny_examples()[-8:], {**TINY_PARAMS, "augment": 0},
                taxonomy=tax)
    assert m.params["requires"] == {"ransomware": ["zzzneverzzz"]}
    labels = m.labels
    R = C.requires_matrix(["Ransomware hit it; a stolen password."], labels, C.model_requires(m))
    assert not R[0, labels.index("ransomware")] and R[0, labels.index("account_takeover")]
    C.save_model(m, tmp_path / "m")
    assert C.load_model(tmp_path / "m").params["requires"] == {"ransomware": ["zzzneverzzz"]}
    # a model saved without the lists reads the taxonomy file (the shipped model's case)
    old = C.AttackTypeModel(pipeline=m.pipeline, labels=labels, thresholds=m.thresholds,
                            params={k: v for k, v in m.params.items() if k != "requires"})
    assert set(C.model_requires(old)) == set(C.label_requires())


@pytest.mark.parametrize("requires, what", [(["log[- in"], "not a valid regular expression"),
                                            ("password", "must be a list")])
def test_malformed_requires_raise_config_error_naming_file_and_label(tmp_path, requires, what):
    from pipeline.errors import ConfigError
    tax = C.load_taxonomy()
    tax["labels"]["account_takeover"]["requires"] = requires
    path = tmp_path / "tax.json"
    path.write_text(json.dumps(tax))
    with pytest.raises(ConfigError, match=what) as err:
        C.label_requires(path)
    assert str(path) in str(err.value) and "account_takeover" in str(err.value)
    with pytest.raises(ConfigError, match="account_takeover"):
        C.train(_tiny_examples(), TINY_PARAMS, taxonomy=tax)


def test_load_model_rejects_a_malformed_stored_requires_list(tiny_model, tmp_path):
    from pipeline.errors import ConfigError
    bad = C.AttackTypeModel(pipeline=tiny_model.pipeline, labels=tiny_model.labels,
                            thresholds=tiny_model.thresholds,
                            params={**tiny_model.params,
                                    "requires": {"account_takeover": ["log[- in"]}})
    C.save_model(bad, tmp_path / "m")
    with pytest.raises(ConfigError, match="account_takeover"):
        C.load_model(tmp_path / "m")


def test_unknown_threshold_select_fails_before_the_fit(monkeypatch):
    from pipeline.errors import ConfigError
    monkeypatch.setattr(C, "build_pipeline", lambda *a, **k: pytest.fail("fit started"))
    with pytest.raises(ConfigError, match="threshold_select"):
        C.train(_tiny_examples(), {**TINY_PARAMS, "threshold_select": "platue"})


def test_models_saved_before_the_new_rules_keep_them_off(tiny_model):
    params = {k: v for k, v in tiny_model.params.items()
              if k not in ("use_requires", "focus_doc_p")}
    old = C.AttackTypeModel(pipeline=tiny_model.pipeline, labels=tiny_model.labels,
                            thresholds=tiny_model.thresholds, params=params)
    assert C._param(old, "use_requires") is False and C._param(old, "focus_doc_p") > 1
    assert C._param(tiny_model, "use_requires") is True
    assert C._param(tiny_model, "focus_doc_p") == 0.95
    m = _FixedProbaModel(tiny_model, {"access": {"account_takeover": 0.45,
                                                 C.INCIDENT_COL: 0.98}})
    m.params = {k: v for k, v in m.params.items() if k not in ("use_requires", "focus_doc_p")}
    text = "Unknown attackers gained access to the internal systems of the water utility."
    assert [l.label for l in C.classify(m, [text])[0].labels] == ["account_takeover"]


def test_whole_text_anchor_does_not_override_a_denied_exploitation(tiny_model):
    m = tiny_model
    j_vd = m.labels.index("vulnerability_disclosure")
    j_vx = m.labels.index("vulnerability_exploitation")
    PS = _focus_case(m, {12: {}})
    p_doc = np.zeros(len(m.labels) + 1)
    p_doc[[j_vd, j_vx]] = [0.99, 0.99]
    assert C._focus_filter(m, [j_vd, j_vx], PS, {}, p_doc, None, set(), set(), 3, 3) \
        == [j_vd, j_vx]
    # sentence 1 says the flaw has not been exploited: the whole-text score no longer anchors
    blocked = {"vulnerability_exploitation": {1}}
    assert C._focus_filter(m, [j_vd, j_vx], PS, {}, p_doc, None, set(), set(), 3, 3,
                           blocked=blocked) == [j_vd]
    # through classify: an advisory that keeps saying the flaw is not exploited is no incident
    adv = ("Citrix released patches for CVE-2026-3333, a critical flaw in NetScaler ADC. "
           "The company said it is not aware of any exploitation of the flaw. "
           "There is no evidence the vulnerability has been exploited in attacks, Citrix said. "
           "Administrators should apply the update, the advisory said. "
           "No exploitation in the wild has been detected so far, the company added. ") * 2
    # (the key spans two sentences: only the whole text is sure, no sentence alone)
    fm = _FixedProbaModel(tiny_model, {"said. Admin": {"vulnerability_disclosure": 0.99,
                                                     "vulnerability_exploitation": 0.99,
                                                     C.INCIDENT_COL: 0.3},
                                       "": {}})
    fm.thresholds = {**fm.thresholds, "vulnerability_disclosure": 0.5,
                     "vulnerability_exploitation": 0.5}
    r = C.classify(fm, [adv])[0]
    assert [l.label for l in r.labels] == ["vulnerability_disclosure"]
    assert r.kind is IncidentKind.VULNERABILITY


def test_train_hands_evaluation_scripts_the_rows_its_thresholds_were_tuned_on():
    # scripts/eval_classify.py and scripts/threshold_stability.py read these instead of
    # rebuilding them: the out-of-fold decision must be the one train scored
    arrays: dict = {}
    m = C.train(_tiny_examples(), TINY_PARAMS, arrays=arrays)
    n = m.meta["n_examples"]
    assert len(arrays["examples"]) == n and arrays["oof"].shape == (n, len(m.labels) + 1)
    assert arrays["Y"].shape[0] == arrays["K"].shape[0] == len(arrays["w"]) == n
    B, _ = C._decide_matrix(m, arrays["oof"], arrays["K"], arrays["R"])
    G = arrays["Y"][:, :-1] | C._unknown_col(arrays["Y"], m.labels)
    assert C._scores_from_arrays(m.labels, B, G) == m.meta["oof"]


def test_decision_keeps_the_exploitation_an_advisory_reports(tiny_model):
    """Advisory news reads as no incident (low p(incident)), which drops weak incident labels;
    an advisory that says its flaw is exploited keeps vulnerability_exploitation (the
    taxonomy: disclosure "unless combined with exploitation") and stays an advisory."""
    labels = tiny_model.labels
    j_vd, j_ve = labels.index("vulnerability_disclosure"), labels.index("vulnerability_exploitation")
    j_rw = labels.index("ransomware")
    P = np.zeros((3, len(labels) + 1))
    P[:, -1] = 0.1                        # p(incident) below none_veto (0.2)
    P[:, j_vd] = 0.95
    P[:, j_ve] = [0.8, 0.4, 0.8]
    P[2, j_vd] = 0.0                      # text 2: no advisory
    P[:, j_rw] = 0.6
    model = C.AttackTypeModel(pipeline=tiny_model.pipeline, labels=labels,
                              thresholds={**tiny_model.thresholds, "vulnerability_exploitation":
                                          0.3, "ransomware": 0.3, "vulnerability_disclosure": 0.3},
                              params=tiny_model.params)
    assert C._param(model, "advisory_exploitation_p") == 0.5
    B, kinds = C._decide_matrix(model, P)
    assert B[0, j_ve] == 1 and B[0, j_vd] == 1 and kinds[0] is IncidentKind.VULNERABILITY
    assert B[0, j_rw] == 0                # other weak incident labels still go
    assert B[1, j_ve] == 0 and kinds[1] is IncidentKind.VULNERABILITY  # exploitation unsure
    assert not B[2].any() and kinds[2] is IncidentKind.NONE  # no advisory: nothing is kept
    off = C.AttackTypeModel(pipeline=model.pipeline, labels=labels, thresholds=model.thresholds,
                            params={**model.params, "advisory_exploitation_p": 1.01})
    assert C._decide_matrix(off, P)[0][0, j_ve] == 0
    # 0 keeps the reported exploitation at any p (it is no "off" value: review finding)
    zero = C.AttackTypeModel(pipeline=model.pipeline, labels=labels, thresholds=model.thresholds,
                             params={**model.params, "advisory_exploitation_p": 0})
    B, kinds = C._decide_matrix(zero, P)
    assert B[0, j_ve] == 1 and B[1, j_ve] == 1 and kinds[1] is IncidentKind.VULNERABILITY


def test_advisory_exploitation_needs_a_sentence_that_reports_it(tiny_model):
    cues = C._cues_of(tiny_model)
    j_ve = tiny_model.labels.index("vulnerability_exploitation")
    said = C._advisory_reports_exploitation
    assert said(tiny_model, cues, "Vendor X patched a critical flaw in its VPN. The flaw is "
                "being actively exploited in the wild, the agency said.", j_ve)
    # denied, or only possible: no exploitation
    assert not said(tiny_model, cues, "Vendor X patched a critical flaw in its VPN. There is "
                    "no evidence that it has been exploited.", j_ve)
    assert not said(tiny_model, cues, "Vendor X patched a flaw that could be exploited by "
                    "remote attackers to run code.", j_ve)
    # a denial of data access is no denial of the exploitation
    assert said(tiny_model, cues, "Attackers exploited an unpatched flaw in the council's web "
                "platform to deface its site. No personal data was accessed.", j_ve)
    assert not said(tiny_model, cues, "Vendor X patched a critical flaw in its VPN. It is not "
                    "known to have been exploited.", j_ve)
    # ... also in the same sentence as the exploitation
    assert said(tiny_model, cues, "Vendor X patched the flaw on Monday. It was exploited in the "
                "wild, but no customer data was accessed.", j_ve)
    assert C._exploitation_rows(["it was exploited in the wild, but no customer data was "
                                 "accessed."]) == {0}
    assert not C._exploitation_rows(["the flaw has not been exploited in the wild."])


def test_stable_augment_redraws_few_pseudo_articles_when_examples_change():
    examples = _tiny_examples() + [
        C.Example(text=f"Filler news item number {i} about the weather.", labels=(), kind="none",
                  id=f"f{i}", source="tiny", group=f"f{i}") for i in range(40)]
    a = C.augment(examples, 400, seed=0)
    assert a == C.augment(examples, 400, seed=0)             # deterministic
    fewer = [ex for k, ex in enumerate(examples) if k != 3]  # one example removed
    same_stable = sum(x.text == y.text for x, y in zip(a, C.augment(fewer, 400, seed=0)))
    same_stream = sum(x.text == y.text for x, y in zip(
        C.augment(examples, 400, seed=0, draw="stream"),
        C.augment(fewer, 400, seed=0, draw="stream")))
    assert same_stable >= 0.85 * 400 > same_stream
    # every pseudo-article still carries the labels of its parts and its first part's group
    for ex in a:
        assert ex.source == "augmented" and ex.group
    with pytest.raises(C.ConfigError):
        C.augment(examples, 10, draw="shuffle")


def test_new_cues_read_defi_exploits_malspam_and_hijacked_accounts():
    tax = C.load_taxonomy()
    cues = C.CueFeatures({k: v["cues"] for k, v in tax["labels"].items()}).fit([])

    def hit(label, text):
        return bool(cues.matches(text)[cues.labels_.index(label)])

    ve = "vulnerability_exploitation"
    # "exploit" as the noun of a crypto theft
    assert hit(ve, "Lending protocol Foo suffers a $4 million exploit.")
    assert hit(ve, "The bridge lost funds in a flash-loan exploit last week.")
    assert hit(ve, "The DeFi platform fell victim to a smart contract exploit.")
    # ... not the exploit code of an advisory, nor the verb
    assert not hit(ve, "A researcher published a working exploit for the router flaw.")
    assert not hit(ve, "The platform lost $3 million after attackers exploit a bug.")
    ph = "phishing_social_engineering"
    assert hit(ph, "A malspam wave drops a banking trojan.")
    assert hit(ph, "Staff opened a malicious attachment sent in a spam email.")
    assert hit(ph, "Emails disguised as parcel notices carried the malware.")
    assert not hit(ph, "The spam filter was updated.")
    at = "account_takeover"
    assert hit(at, "The Facebook page of the tourist board is hacked.")
    assert hit(at, "The email account of an office manager had been accessed by an outsider.")
    assert not hit(at, "The company's network was accessed by an unauthorized party.")


def test_malware_beside_ransomware_needs_a_non_ransomware_malware_named(tiny_model):
    """The taxonomy's malware is non-ransomware malware: a ransomware story that calls the
    ransomware "the virus" or "malware" gets ransomware only; one that names the trojan which
    dropped it gets both (``requires_with`` in data/taxonomy.json)."""
    m = tiny_model
    j_rw, j_mw = m.labels.index("ransomware"), m.labels.index("malware")
    assert "ransomware" in C.model_requires_with(m)["malware"]
    texts = ["Ransomware hit the county's computers. The virus encrypted files on 200 machines "
             "and the malware spread within hours.",
             "An Emotet trojan infection dropped ransomware that encrypted the county's files.",
             "A banking malware infected 200 machines at the county."]
    P = np.zeros((3, len(m.labels) + 1))
    P[:, -1] = 0.99
    P[:2, j_rw] = 0.95
    P[:, j_mw] = 0.9
    model = C.AttackTypeModel(pipeline=m.pipeline, labels=m.labels,
                              thresholds={**m.thresholds, "malware": 0.3, "ransomware": 0.3},
                              params={**m.params, "focus_lead": 0, "cue_gate_chars": 0})
    model.proba = lambda ts: P[[texts.index(t) for t in ts]]  # fixed scores, real rules
    got = [{ls.label for ls in c.labels} for c in C.classify(model, texts, evidence=False)]
    assert got == [{"ransomware"}, {"malware", "ransomware"}, {"malware"}]
    # the title counts as named
    got = C.classify(model, texts[:1], evidence=False, titles=["Loader delivers ransomware"])
    assert {ls.label for ls in got[0].labels} == {"ransomware", "malware"}


def test_descriptive_wording_of_a_non_ransomware_malware_keeps_malware(tiny_model):
    """"password-stealing malware" before the ransomware names a second, non-ransomware kind
    (review repro: only ransomware came out); "file-encrypting malware" or a bare "malware"
    in a ransomware story is the ransomware itself. A saved model whose stored lists predate
    the wording (the shipped one) applies the taxonomy file's patterns for the same pair too,
    but gets no pair it was saved without."""
    m = tiny_model
    j_rw, j_mw = m.labels.index("ransomware"), m.labels.index("malware")
    texts = ["Attackers first infected the network of Acme Corp with password-stealing malware "
             "in March, then deployed LockBit ransomware in May, encrypting its servers.",
             "Banking malware on a clerk's PC came first; ransomware followed a month later.",
             "Ransomware hit the county. The file-encrypting malware locked 200 machines.",
             "Ransomware hit the county. The malware locked 200 machines."]
    P = np.zeros((len(texts), len(m.labels) + 1))
    P[:, -1] = 0.99
    P[:, j_rw] = 0.95
    P[:, j_mw] = 0.6                      # below strong_label: the rule decides
    old_lists = {"malware": {"ransomware": ["trojan\\w*|\\bstealers?\\b"]}}
    for stored in (m.params["requires_with"], old_lists):
        model = C.AttackTypeModel(pipeline=m.pipeline, labels=m.labels,
                                  thresholds={**m.thresholds, "malware": 0.3, "ransomware": 0.3},
                                  params={**m.params, "focus_lead": 0, "cue_gate_chars": 0,
                                          "requires_with": stored})
        model.proba = lambda ts: P[[texts.index(t) for t in ts]]
        got = [{ls.label for ls in c.labels} for c in C.classify(model, texts, evidence=False)]
        assert got == [{"ransomware", "malware"}, {"ransomware", "malware"}, {"ransomware"},
                       {"ransomware"}]
    merged = C.merged_requires_with(old_lists, C.requires_with_lists(C.load_taxonomy()))
    assert merged["malware"]["ransomware"][0] == old_lists["malware"]["ransomware"][0]
    assert len(merged["malware"]["ransomware"]) > 1
    assert C.merged_requires_with({}, {"malware": {"ransomware": ["x"]}}) == {}


def test_requires_with_is_compiled_once_per_loaded_model(tiny_model, monkeypatch):
    m = C.AttackTypeModel(pipeline=tiny_model.pipeline, labels=tiny_model.labels,
                          thresholds=tiny_model.thresholds, params=dict(tiny_model.params))
    first = C.model_requires_with(m)
    calls = []
    real = C.compile_requires
    monkeypatch.setattr(C, "compile_requires",
                        lambda lists: calls.append(sorted(lists)) or real(lists))
    for _ in range(3):
        C.classify(m, ["Ransomware and a trojan hit the clinic's servers."], evidence=False)
    assert C.model_requires_with(m) is first
    # no requires_with list ({other label: patterns}) was compiled again
    assert ["ransomware"] not in calls
    # another model object, or new stored lists, is compiled anew — with the same output
    other = C.AttackTypeModel(pipeline=m.pipeline, labels=m.labels, thresholds=m.thresholds,
                              params=dict(m.params))
    assert C.model_requires_with(other) is not first
    assert {l: {o: p.pattern for o, p in v.items()} for l, v in
            C.model_requires_with(other).items()} == \
        {l: {o: p.pattern for o, p in v.items()} for l, v in first.items()}
    m.params["requires_with"] = {"malware": {"ransomware": ["loader"]}}
    assert "loader" in C.model_requires_with(m)["malware"]["ransomware"].pattern


def test_malformed_requires_with_is_a_config_error_naming_the_label():
    with pytest.raises(C.ConfigError, match="'malware'.*requires_with"):
        C.requires_with_lists({"labels": {"malware": {"requires_with": ["trojan"]}}}, "tax.json")
    with pytest.raises(C.ConfigError, match="tax.json: label 'malware'"):
        C.requires_with_lists({"labels": {"malware": {"requires_with": {"ransomware": ["("]}}}},
                              "tax.json")


def test_bagged_model_is_one_linear_model_averaging_its_draws():
    """bags=K: K fits over K pseudo-article draws, stored as ONE Pipeline whose classifier
    holds one LogisticRegression per label with the mean coefficients of the K fits; the
    fast path and scikit-learn's predict_proba agree; thresholds are tuned on the out-of-fold
    rows of all draws, each draw weighted 1/K."""
    p = {**TINY_PARAMS, "augment": 30, "bags": 2}
    arrays: dict = {}
    m = C.train(_tiny_examples(), p, arrays=arrays)
    clf = m.pipeline.named_steps["clf"]
    assert type(clf) is C.CalibratedLinearOVR and clf.n_bags == 2 and m.params["bags"] == 2
    n = len(_tiny_examples())
    assert len(arrays["examples"]) == n + 2 * 30
    assert arrays["oof"].shape == (n + 60, len(m.columns))
    assert np.allclose(arrays["w"][n:], 0.5) and np.allclose(arrays["w"][:n], 1.0)
    # the averaged coefficients: refit each draw's model by hand and compare
    X = m.pipeline[:-1].transform([ex.text for ex in arrays["examples"]])
    j = m.labels.index("ransomware")
    y = arrays["Y"][:, j]
    bags = np.array([-1] * n + [0] * 30 + [1] * 30)
    coefs = [clf._lr().fit(X[(bags == -1) | (bags == b)], y[(bags == -1) | (bags == b)],
                           sample_weight=np.ones(int(((bags == -1) | (bags == b)).sum())))
             .coef_ for b in (0, 1)]
    assert np.allclose(clf.estimators_[j].coef_, np.mean(coefs, axis=0), atol=1e-6)
    texts = ["Ransomware encrypted the council's servers.", "The bakery opened a new shop."]
    assert np.allclose(m.proba(texts), m.pipeline.predict_proba(texts))
    # a single draw (bags=1) is the model of earlier sessions: no bag weights
    arrays1: dict = {}
    m1 = C.train(_tiny_examples(), {**p, "bags": 1}, arrays=arrays1)
    assert m1.pipeline.named_steps["clf"].n_bags == 1 and len(arrays1["examples"]) == n + 30
    assert np.allclose(arrays1["w"], 1.0)


def test_bags_must_be_positive():
    from pipeline.errors import ConfigError
    with pytest.raises(ConfigError, match="bags"):
        C.train(_tiny_examples(), {**TINY_PARAMS, "bags": 0})


def test_loss_theft_cues_and_requires_need_a_loss_not_just_paper_records():
    """Paper records are what a hospital falls back on during a cyber attack: only a loss,
    theft or disposal of them is loss_theft_physical; 'stolen files' is a data theft."""
    tax = C.load_taxonomy()
    cues = C.CueFeatures({k: v["cues"] for k, v in tax["labels"].items()}).fit([])
    k_lt, k_db = cues.labels_.index("loss_theft_physical"), cues.labels_.index("data_breach")
    worm = ("The worm infected devices at the hospital, forcing staff to use paper records.")
    assert not cues.matches(worm.lower())[k_lt]
    for lost in ("Boxes of paper records were stolen from the storage unit.",
                 "A courier lost paper records of 300 patients.",
                 "Paper files with patient names were found dumped behind the clinic."):
        assert cues.matches(lost.lower())[k_lt], lost
    claim = "The gang claimed it had stolen files from Oldmere Bank, demanding the bank pay."
    assert not cues.matches(claim.lower())[k_lt]
    assert cues.matches(claim.lower())[k_db]
    assert cues.matches("it had stolen 40gb from the bank.")[k_db]
    assert cues.matches("the hack had compromised athletes' applications.")[k_db]
    labels = C.taxonomy_labels(tax)
    R = C.requires_matrix([worm, "A laptop with patient data was stolen from a car."], labels,
                          C.label_requires())
    j = labels.index("loss_theft_physical")
    assert R[:, j].tolist() == [False, True]


def test_general_news_gate_short_articles_need_an_information_asset():
    """600-1,499 characters without a computer-security term: general news unless the text
    names some information or equipment (records, results, a laptop, an email …); a
    blackmail by post names neither. Shorter texts are never judged; longer ones need a
    computer-security term (the earlier rule)."""
    blackmail = ("A man from Dunmore has been jailed after he threatened to publish private "
                 "letters written by a local businessman unless he was paid 20,000 pounds. ") * 5
    misdelivery = ("A clinic has apologised to 212 patients after letters with their blood test "
                   "results were posted to the wrong addresses by a clerk. ") * 5
    assert 600 <= len(blackmail) < 1500 and 600 <= len(misdelivery) < 1500
    assert C._general_news(blackmail)
    assert not C._general_news(misdelivery)
    assert not C._general_news(blackmail, "Blackmailer copied the businessman's files")
    assert not C._general_news(blackmail[:590])           # too short to judge
    assert C._general_news(misdelivery * 3)               # full length: needs a cyber term
    assert not C._general_news(misdelivery * 3, "Clinic hit by data breach")


def test_advisory_exploitation_must_be_told_as_having_happened(tiny_model):
    """A flaw class named (cross-site scripting, a zero-day) or what attackers *can* do
    through the flaw is no reported exploitation; a flaw used, exploited or exploited in the
    wild is."""
    cues = C._cues_of(tiny_model)
    j_ve = tiny_model.labels.index("vulnerability_exploitation")
    said = C._advisory_reports_exploitation
    for text in ("Velt patched a cross-site scripting vulnerability in its ticketing platform.",
                 "A zero-day vulnerability in the Talon mail server was patched on Monday.",
                 "Attackers can take control of the controllers through an authentication flaw. "
                 "Sorell has released patched firmware.",
                 "An attacker exploiting the flaw could read every file. A fix is out."):
        assert not said(tiny_model, cues, text, j_ve), text
    for text in ("Velt patched the flaw after attackers exploited it to steal session cookies.",
                 "Hackers used the flaw to break into the insurer's network. A patch is out.",
                 "The bug has been exploited in the wild and could let attackers run code."):
        assert said(tiny_model, cues, text, j_ve), text
    # the title counts
    assert said(tiny_model, cues, "Velt patched the flaw on Monday.", j_ve,
                "Hackers exploited Velt flaw before the fix")


def test_decision_an_advisory_whose_only_incident_label_is_an_unreported_exploitation(
        tiny_model):
    """An advisory the model also reads as an incident ("hackers could exploit the flaw …,
    the maker released a patch") whose only incident label is vulnerability_exploitation,
    with no sentence reporting an exploitation, is an advisory; an incident with another
    label keeps its exploitation (this rule does not judge it)."""
    m = tiny_model
    labels = m.labels
    j_vd, j_ve, j_db = (labels.index(l) for l in ("vulnerability_disclosure",
                                                  "vulnerability_exploitation", "data_breach"))
    texts = ["Hackers could exploit a flaw in the thermostats to take over the devices. The "
             "maker released a patch after being told about the vulnerability.",
             "Hackers stole customer records from the shop. They could exploit a flaw in its "
             "web shop software, which the maker has since patched."]
    P = np.zeros((2, len(labels) + 1))
    P[:, -1] = 0.97
    P[:, j_vd], P[:, j_ve] = 0.9, 0.41
    P[1, j_db] = 0.9
    model = C.AttackTypeModel(pipeline=m.pipeline, labels=labels,
                              thresholds={**m.thresholds, "vulnerability_exploitation": 0.25,
                                          "vulnerability_disclosure": 0.5, "data_breach": 0.35},
                              params={**m.params, "focus_lead": 0, "cue_gate_chars": 0})
    model.proba = lambda ts: P[[texts.index(t) for t in ts]]
    first, second = C.classify(model, texts, evidence=False)
    assert first.kind is IncidentKind.VULNERABILITY
    assert [ls.label for ls in first.labels] == ["vulnerability_disclosure"]
    assert second.kind is IncidentKind.INCIDENT
    assert {ls.label for ls in second.labels} == {"data_breach", "vulnerability_disclosure",
                                                  "vulnerability_exploitation"}


def test_fraud_beside_ransomware_or_phishing_needs_a_fraud_of_its_own(tiny_model):
    """fraud_scam's requires_with (data/taxonomy.json): beside ransomware a ransom paid is the
    ransomware's extortion; beside phishing, data handed to a fake chief executive is no
    fraud — money wired or taken, fraudulent transactions, a fake shop or an investment scam
    are."""
    m = tiny_model
    assert set(C.model_requires_with(m)["fraud_scam"]) == {"ransomware",
                                                           "phishing_social_engineering"}
    j_rw, j_ph, j_fr = (m.labels.index(l) for l in ("ransomware", "phishing_social_engineering",
                                                    "fraud_scam"))
    cases = [
        ("The district paid 250,000 dollars in bitcoin to the gang behind the ransomware "
         "attack, which had threatened to leak student records.", (j_rw,), {"ransomware"}),
        ("Ransomware encrypted the bank's servers; a week later customers reported fraudulent "
         "transactions on their cards.", (j_rw,), {"ransomware", "fraud_scam"}),
        ("A phishing email from a fake chief executive tricked payroll into sending the W-2 "
         "forms of 900 workers to fraudsters, who may file fake tax returns.", (j_ph,),
         {"phishing_social_engineering"}),
        ("A finance officer wired 310,000 euros to fraudsters after an email that appeared to "
         "come from the chief executive.", (j_ph,), {"phishing_social_engineering",
                                                     "fraud_scam"}),
        ("Phishing messages lured victims to a fake investment platform; they lost their "
         "savings.", (j_ph,), {"phishing_social_engineering", "fraud_scam"}),
        ("Search ads for a trading platform led to a wallet-draining phishing site.", (j_ph,),
         {"phishing_social_engineering", "fraud_scam"}),
        ("Fraudsters took orders on a fake online shop and never delivered.", (),
         {"fraud_scam"}),
    ]
    texts = [t for t, _, _ in cases]
    P = np.zeros((len(texts), len(m.labels) + 1))
    P[:, -1] = 0.99
    P[:, j_fr] = 0.8                              # below strong_label does not matter here
    for i, (_, main, _) in enumerate(cases):
        for j in main:
            P[i, j] = 0.95
    model = C.AttackTypeModel(pipeline=m.pipeline, labels=m.labels,
                              thresholds={**m.thresholds, "fraud_scam": 0.3, "ransomware": 0.3,
                                          "phishing_social_engineering": 0.3},
                              params={**m.params, "focus_lead": 0, "cue_gate_chars": 0})
    model.proba = lambda ts: P[[texts.index(t) for t in ts]]
    got = [{ls.label for ls in c.labels} for c in C.classify(model, texts, evidence=False)]
    assert got == [want for _, _, want in cases]


def test_loss_theft_requires_a_lost_or_stolen_asset():
    """loss_theft_physical needs a thing lost, stolen, left or thrown away (a laptop, a drive,
    paper files …; information lost or misplaced), or a physical event (burglary, disposal,
    tampering): a data theft ('stole patient names') with a laptop named elsewhere is not."""
    labels = C.taxonomy_labels()
    j = labels.index("loss_theft_physical")
    texts = {"Hackers broke into the network and stole patient names. The intrusion was noticed "
             "when an employee saw unusual activity on her laptop.": False,
             "The attackers stole 2 million customer records.": False,
             "A laptop holding pupils' grades was stolen from a teacher's car.": True,
             "A computer disc with the details of 370,000 customers, including 8.3 million "
             "policy numbers, has been lost.": True,
             "Patient information from the hospital was lost on a train.": True,
             "Staff misplaced a folder of customer letters.": True,
             "The clinic was broken into overnight.": True,
             "Old patient charts were found in a dumpster behind the surgery.": True}
    R = C.requires_matrix(list(texts), labels, C.label_requires())
    assert R[:, j].tolist() == list(texts.values())


def test_requires_matrix_checks_only_candidate_cells():
    labels = C.taxonomy_labels()
    j = labels.index("loss_theft_physical")
    texts = ["Hackers stole patient names.", "A laptop was stolen from a car."]
    full = C.requires_matrix(texts, labels, C.label_requires())
    cand = np.zeros((2, len(labels)), dtype=bool)
    cand[0, j] = True
    part = C.requires_matrix(texts, labels, C.label_requires(), candidates=cand)
    assert part[0, j] == full[0, j] == False  # noqa: E712
    assert part[1].all()                      # not a candidate: left True, never read


def test_malware_beside_phishing_needs_malware_told_as_an_event(tiny_model):
    """malware's requires_with for phishing (data/taxonomy.json): a phishing story that only
    says laptops were checked or scanned for malware gets phishing only; malware installed,
    delivered or dropped by the lure, a family named, or malware named again (the title
    counts) keeps both."""
    m = tiny_model
    assert "phishing_social_engineering" in C.model_requires_with(m)["malware"]
    j_ph, j_mw = (m.labels.index(l) for l in ("phishing_social_engineering", "malware"))
    cases = [
        ("An email posing as the payroll provider asked staff to confirm their logins; three "
         "entered their passwords. Staff laptops were checked for malware.",
         {"phishing_social_engineering"}),
        ("A phishing email carried an attachment that installed malware on two office "
         "computers.", {"phishing_social_engineering", "malware"}),
        ("Staff were tricked by a phishing email into opening a document that dropped the "
         "Qakbot trojan.", {"phishing_social_engineering", "malware"}),
    ]
    texts = [t for t, _ in cases]
    P = np.zeros((len(texts), len(m.labels) + 1))
    P[:, -1] = 0.99
    P[:, j_ph] = 0.95
    P[:, j_mw] = 0.8
    model = C.AttackTypeModel(pipeline=m.pipeline, labels=m.labels,
                              thresholds={**m.thresholds, "malware": 0.3,
                                          "phishing_social_engineering": 0.3},
                              params={**m.params, "focus_lead": 0, "cue_gate_chars": 0})
    model.proba = lambda ts: P[[texts.index(t) for t in ts]]
    got = [{ls.label for ls in c.labels} for c in C.classify(model, texts, evidence=False)]
    assert got == [want for _, want in cases]
    got = C.classify(model, texts[:1], evidence=False, titles=["Phishing lure spreads malware"])
    assert {ls.label for ls in got[0].labels} == {"phishing_social_engineering", "malware"}


def test_data_stolen_from_a_device_is_no_physical_loss():
    """'a password stolen from an employee's laptop' is data taken from a device, not a device
    taken: loss_theft_physical's requires does not match it; a device stolen from a car or
    an office still does."""
    labels = C.taxonomy_labels()
    j = labels.index("loss_theft_physical")
    texts = {"Attackers logged into the donor database with a password stolen from an "
             "employee's laptop.": False,
             "Credentials taken from a contractor's computer let the intruders in.": False,
             "A laptop was stolen from the office overnight.": True,
             "Thieves stole two laptops from a nurse's car.": True}
    R = C.requires_matrix(list(texts), labels, C.label_requires())
    assert R[:, j].tolist() == list(texts.values())


def test_accidental_exposure_beside_an_advisory_needs_an_error(tiny_model):
    """accidental_exposure's requires_with for vulnerability_disclosure (data/taxonomy.json):
    a flaw that 'lets attackers in' is no error of the organisation's; a misconfigured or
    unsecured database, mail sent to the wrong people or a mistake told is."""
    m = tiny_model
    assert "vulnerability_disclosure" in C.model_requires_with(m)["accidental_exposure"]
    j_v, j_a = (m.labels.index(l) for l in ("vulnerability_disclosure", "accidental_exposure"))
    cases = [
        ("Researchers found a flaw in the school's student portal. The flaw lets attackers in "
         "without a password.", {"vulnerability_disclosure"}),
        ("A misconfigured cloud bucket held 40,000 customer files; the firm fixed the flaw.",
         {"vulnerability_disclosure", "accidental_exposure"}),
        ("A software bug sent the statements of 900 members to the wrong addresses.",
         {"vulnerability_disclosure", "accidental_exposure"}),
    ]
    texts = [t for t, _ in cases]
    P = np.zeros((len(texts), len(m.labels) + 1))
    P[:, -1] = 0.99
    P[:, j_v] = 0.9
    P[:, j_a] = 0.8
    model = C.AttackTypeModel(pipeline=m.pipeline, labels=m.labels,
                              thresholds={**m.thresholds, "accidental_exposure": 0.3,
                                          "vulnerability_disclosure": 0.3},
                              params={**m.params, "focus_lead": 0, "cue_gate_chars": 0})
    model.proba = lambda ts: P[[texts.index(t) for t in ts]]
    got = [{ls.label for ls in c.labels} for c in C.classify(model, texts, evidence=False)]
    assert got == [want for _, want in cases]


def test_fraud_beside_ransomware_or_phishing_counts_gift_card_and_fake_invoice_payments():
    """A fraud of its own beside a ransomware or phishing story: residents told by scam calls
    to pay bills with gift cards, customers who paid fake invoices — not a ransom paid, not
    W-2 forms sent to a fake chief executive."""
    pats = C.compile_requires(C.requires_with_lists(C.load_taxonomy())["fraud_scam"])
    told = ("Scam calls asked residents to pay their water bills with gift cards.",
            "At least four customers paid fake invoices sent from the hijacked mailbox.",
            "The emails asked customers to pay outstanding balances to a new bank account.",
            "Invoice fraud costs small firms more than ransomware does.")
    for other in ("ransomware", "phishing_social_engineering"):
        for text in told:
            assert pats[other].search(text.lower()), (other, text)
    for text in ("The hospital paid the ransom in bitcoin after a week.",
                 "Payroll staff e-mailed employees' W-2 forms to a fraudster posing as the CEO."):
        assert not pats["ransomware"].search(text.lower())
        assert not pats["phishing_social_engineering"].search(text.lower())


@pytest.mark.parametrize("low,way_in", [
    ("the outage followed a ransomware attack on its payroll provider.", True),
    ("the leak originated at a third-party debt collection agency, the bank said.", True),
    ("criminals injected a card skimmer into a third-party analytics script.", True),
    ("the plans were stolen from the servers of an engineering contractor.", True),
    ("hackers got in through a compromised software vendor.", True),
    ("it is checking whether the records came from a third-party lab.", False),
    ("firms could be attacked through a supplier, the agency warned.", False),
    ("the council said it would review its suppliers.", False),
])
def test_supplier_told_as_the_way_in(low, way_in):
    assert (0 in C.supplier_rows([low])) is way_in


def test_a_supplier_way_in_adds_supply_chain(tiny_model):
    """The model's supply_chain score is low on invented texts that tell a supplier as the way
    in; an incident that tells it gets the label, with the sentence as evidence."""
    m = tiny_model
    text = ("Ransomware encrypted files on the servers of Brackwell Foods on Monday. "
            "The attack began at a third-party payroll provider, the company said.")
    c = C.classify(m, [text])[0]
    assert c.kind is IncidentKind.INCIDENT
    sc = [l for l in c.labels if l.label == "supply_chain"]
    assert sc and any(text[s:e].startswith("The attack began") for s, e in sc[0].evidence)
    plain = C.classify(m, [text.replace("at a third-party payroll provider", "on Sunday")])[0]
    assert "supply_chain" not in [l.label for l in plain.labels]


@pytest.mark.parametrize("low,told", [
    ("thieves siphoned $1.8 million from the credit union over a weekend.", True),
    ("about $9 million in tokens was drained from the exchange's hot wallet.", True),
    ("a parish council was conned out of £31,000 by a caller posing as its bank.", True),
    ("the fraudulent transfers were made between friday and monday, police said.", True),
    ("the gang used cloned cards to withdraw cash at atms in six countries.", True),
    ("criminals logged in and spent the members' stored voucher balances.", True),
    ("the co-operative lost rs 4.2 crore in a cyber attack on its payment server.", True),
    # not money taken: a ransom, a business loss, a denial, advice, a possibility, the future
    ("the hospital paid a $40,000 ransom to get its files back.", False),
    ("the retailer lost $3 million in sales while its tills were down.", False),
    ("the bank said it has not detected any unauthorised transactions.", False),
    ("there is no indication that criminals got their hands on cash.", False),
    ("customers should check their statements for fraudulent purchases.", False),
    ("the stolen cards could be used for fraudulent purchases.", False),
    ("nobody will lose money because of this, the council leader said.", False),
    # a loss of trade after an attack, money spent on the victim's own response
    ("the mill lost £12 million in orders after the cyber attack stopped its looms.", False),
    ("the brewer lost $4m in revenue through the hack.", False),
    ("the bakery chain spent heavily on credit monitoring for its staff.", False),
    # a payment into a new account is a fraud only when the sentence says so
    ("the pensions were paid into a new account after the trust changed banks.", False),
    ("fraudsters posing as the builder had the invoice paid into a new account.", True),
    ("the rent was redirected to a different account set up by the scammers.", True),
])
def test_money_taken_told_as_having_happened(low, told):
    assert (0 in C.money_taken_rows([low])) is told


@pytest.mark.parametrize("low,told", [
    ("scammers took over the charity's email account and wrote to its donors.", True),
    ("the attacker got in through a compromised api key belonging to a reseller.", True),
    ("a login for the ticketing system was compromised, the club said.", True),
    ("the intruders broke into 4,000 customer accounts in a week.", True),
    ("the hackers used stolen staff credentials to reach the payroll portal.", True),
    ("the emails were designed to hijack their accounts.", False),
    ("the firm found no evidence that anyone broke into customer accounts.", False),
    ("a flaw could let attackers take over accounts.", False),
    ("servers were left exposed with weak passwords.", False),
    ("taking into account last year's figures, losses rose.", False),
    # police seizing a channel or accounts, house keys, no account taken over
    ("officers later seized the gang's telegram channel and froze two bank accounts.", False),
    ("regulators seized bank accounts holding the proceeds.", False),
    ("the burglars used stolen keys to get into the depot.", False),
    ("the intruders used a stolen ssh key to reach the build server.", True),
])
def test_account_taken_over_told_as_having_happened(low, told):
    assert (0 in C.account_taken_rows([low])) is told


@pytest.mark.parametrize("low,told", [
    ("malicious code was inserted in the checkout page of the shop.", True),
    ("attackers injected a script into the payment form.", True),
    ("the payment page had been tampered with for three weeks.", True),
    ("malicious code on the site could reach the payment page, the researcher warned.", False),
    # a payment system hit by an attack is no payment page with code planted in it
    ("the grocer's payment systems were knocked out by a malicious attack.", False),
    ("card payment processing was halted by malicious activity on the network.", False),
    ("a rogue script was found in the checkout of the web shop.", True),
])
def test_code_planted_in_a_payment_page(low, told):
    assert (0 in C.skimming_code_rows([low])) is told


def test_labels_told_outright_are_added_to_an_incident(tiny_model):
    """The tiny model knows ransomware, phishing and data breaches only: money taken, an
    account taken over and code planted in a payment page add their labels to an incident;
    the same text with the taking told as a possibility does not."""
    m = tiny_model
    text = ("Hackers stole customer data from the servers of Dunmore Outdoor. The criminals "
            "took over the store's admin account and siphoned $120,000 from gift card "
            "balances. Malicious code was inserted in the checkout page.")
    c = C.classify(m, [text])[0]
    got = {l.label for l in c.labels}
    assert c.kind is IncidentKind.INCIDENT
    assert {"fraud_scam", "account_takeover", "card_skimming"} <= got, got
    maybe = ("Hackers stole customer data from the servers of Dunmore Outdoor. A flaw could "
             "let criminals take over admin accounts and siphon money.")
    got = {l.label for l in C.classify(m, [maybe])[0].labels}
    assert not {"fraud_scam", "account_takeover", "card_skimming"} & got, got


def test_ransomware_denied_in_a_short_text_is_dropped(tiny_model, monkeypatch):
    """A short text (no focus rule) whose every ransomware sentence rules it out ("a wiper
    rather than ransomware", "no ransom demand"): the model's ransomware label goes, and the
    incident is of unknown type when nothing else is left."""
    m = tiny_model
    text = ("Tollan Freight's servers were wiped on Monday; the attackers used a "
            "wiper rather than ransomware, the agency said, and there was no ransom demand.")
    c = C.classify(m, [text])[0]
    assert c.kind is IncidentKind.INCIDENT
    assert "ransomware" not in [l.label for l in c.labels]
    assert "other_unknown" in [l.label for l in c.labels]
    # without the denial rows, the model's ransomware label stands
    monkeypatch.setattr(C, "ransomware_denied_rows", lambda lows, cue: set())
    c = C.classify(m, [text])[0]
    assert "ransomware" in [l.label for l in c.labels]


@pytest.mark.parametrize("text", [
    "The servers of Tollan Freight were hit by a ransomware attack on Monday, although no "
    "ransom note has been found yet.",
    "Ransomware encrypted the servers of Tollan Freight on Monday, and it is not yet known "
    "whether the gang has demanded a ransom.",
])
def test_ransomware_told_as_fact_stays_beside_a_denied_note_or_demand(tiny_model, text):
    """A short text whose one ransomware sentence tells the attack as a fact and denies or asks
    only about the note or the demand keeps ransomware: only a sentence whose every cue falls
    inside the denied or questioned phrase is unsupported."""
    c = C.classify(tiny_model, [text])[0]
    assert "ransomware" in [l.label for l in c.labels]


def test_ransomware_denied_rows_need_every_cue_inside_the_denial():
    import re
    cue = re.compile(r"\bransom\w*|\bencrypt\w*")
    lows = ["the firm was hit by a ransomware attack, although no ransom note has been found.",
            "there was no ransom note and no files were encrypted.",
            "the gang used a wiper rather than ransomware."]
    assert C.ransomware_denied_rows(lows, cue) == {1, 2}


@pytest.mark.parametrize("text,told", [
    ("An IT attack on Sunday forced staff to check in passengers by hand.", True),
    ("The attack had hit a booking system run by an outside partner.", True),
    ("It is not our own systems that were attacked, the spokesman said.", True),
    ("Hackers could attack the system if it is left unpatched.", False),
    ("The striker's attack on goal was saved.", False),
])
def test_an_attack_on_systems_is_a_cyber_event(text, told):
    assert C.attack_on_systems(text) is told


def test_an_advisory_drops_labels_its_sentences_only_say_could_happen(tiny_model):
    """An advisory whose malware sentence only says what the flaw could let an attacker do
    reports no malware; a title naming the malware, or a sentence telling it installed, keeps
    it."""
    m = tiny_model
    cues = C._cues_of(m)
    j_mw, j_vexp = m.labels.index("malware"), m.labels.index("vulnerability_exploitation")
    j_vd = m.labels.index("vulnerability_disclosure")
    advisory = ("The agency issued an advisory on flaws in Kestrel card terminals, which could "
                "allow an attacker to install malicious software. Owners should update the "
                "firmware.")

    def row():
        r = np.zeros(len(m.labels), dtype=int)
        r[[j_mw, j_vd]] = 1
        return r
    r = row()
    C._drop_possible_labels(m, cues, advisory, "", r, j_vexp)
    assert not r[j_mw] and r[j_vd]
    r = row()
    C._drop_possible_labels(m, cues, advisory, "Malware found on card terminals", r, j_vexp)
    assert r[j_mw]
    r = row()
    told = advisory + " Attackers installed malicious software on 300 terminals last month."
    C._drop_possible_labels(m, cues, told, "", r, j_vexp)
    assert r[j_mw]


def test_malware_beside_card_skimming_needs_another_kind_named():
    assert not C.other_malware_named("malicious code was inserted in the payment page.")
    assert C.other_malware_named("a remote access trojan was found next to the skimmer.")


@pytest.mark.parametrize("low,actor_only", [
    ("these bugs have long been a favourite of ransomware affiliates.", True),
    ("both flaws are classic tools for ransomware operators, the researcher said.", True),
    ("a ransomware gang encrypted the council's servers.", False),
    ("the ransomware operators demanded $2 million.", False),
    ("ransomware hit the hospital on monday.", False),
])
def test_ransomware_named_only_as_a_kind_of_attacker(low, actor_only):
    assert (0 in C.ransomware_actor_rows([low])) is actor_only


def test_a_short_advisory_naming_ransomware_only_as_its_users_drops_it(tiny_model):
    m = tiny_model
    cues = C._cues_of(m)
    j_rw, j_vd = m.labels.index("ransomware"), m.labels.index("vulnerability_disclosure")
    j_vexp = m.labels.index("vulnerability_exploitation")
    text = ("Vendor Orrin fixed 40 flaws on Tuesday, one already used in attacks. Such bugs have "
            "long been a favourite of ransomware affiliates, a researcher said.")
    row = np.zeros(len(m.labels), dtype=int)
    row[[j_rw, j_vd, j_vexp]] = 1
    assert C._drop_possible_labels(m, cues, text, "", row, j_vexp)
    assert not row[j_rw] and row[j_vexp]
    told = text + " A ransomware gang encrypted a hospital's servers through the flaw."
    row = np.zeros(len(m.labels), dtype=int)
    row[[j_rw, j_vd, j_vexp]] = 1
    assert not C._drop_possible_labels(m, cues, told, "", row, j_vexp)
    assert row[j_rw]
