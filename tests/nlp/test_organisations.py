"""incident_orgs: one record per organisation, roles and victims, on short team-written texts.

Docs come from a blank English pipeline + sentencizer; entities are set by hand (or left out,
to check the token rules that cover NER misses), so no trained model is needed.
"""
from __future__ import annotations

import json

import pytest
import spacy
from nlp_testkit import orgs_pipeline, run_orgs, victims

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.organisations import IncidentOrgs, make_incident_orgs, org_key  # noqa: F401
from pipeline.records import Organisation


@pytest.fixture(scope="module")
def nlp():
    return orgs_pipeline()


run = run_orgs


def by_name(doc) -> dict[str, Organisation]:
    return {o.name: o for o in doc._.organisations}


# ----------------------------------------------------------------------------- normalisation
@pytest.mark.parametrize("name, key", [
    ("Marks & Spencer", "marks and spencer"),
    ("The Marks and Spencer plc", "marks and spencer"),
    ("Marks & Spencer's", "marks and spencer"),
    ("Acme Widgets, Inc.", "acme widgets"),
    ("Scotty\u2019s Holdings, LLC", "scotty holdings"),
    ("Siemens AG", "siemens"),
])
def test_organisations_key_is_normalised(name, key):
    assert org_key(name) == key


def test_organisations_key_stable_across_articles(nlp):
    one = run(nlp, "Marks & Spencer plc said its online orders were suspended after a cyber "
                   "attack.", [("Marks & Spencer plc", "ORG")])
    two = run(nlp, "Hackers hit the retailer Marks and Spencer last week, it said.",
              [("Marks and Spencer", "ORG")])
    assert [o.key for o in one._.organisations] == [o.key for o in two._.organisations] == [
        "marks and spencer"]


def test_organisations_acronym_defined_in_text_is_an_alias(nlp):
    text = ("Marks & Spencer (M&S) has restored its click-and-collect service after a "
            "cyberattack crippled its online operations. M&S's shares rose. M&S said customer "
            "data was not taken.")
    doc = run(nlp, text, [("Marks & Spencer", "ORG"), ("M&S", "ORG")])
    assert len(doc._.organisations) == 1
    org = doc._.organisations[0]
    assert (org.name, org.aliases, org.role) == ("Marks & Spencer", ("M&S",), "victim")
    assert len(org.mentions) == 4
    for m in org.mentions:
        assert text[m.start_char:m.end_char] == m.text
    assert not [k for k in doc.user_data if str(k).startswith("incident_orgs")]  # no caches left


def test_organisations_legal_suffix_possessive_and_leading_the(nlp):
    text = ("Acme Widgets Ltd confirmed a data breach on Tuesday. The Acme Widgets network was "
            "taken offline and Acme Widgets' customers were told to change passwords.")
    doc = run(nlp, text, [("Acme Widgets Ltd", "ORG"), ("The Acme Widgets", "ORG"),
                          ("Acme Widgets'", "ORG")])
    assert [o.key for o in doc._.organisations] == ["acme widgets"]
    assert doc._.organisations[0].name == "Acme Widgets Ltd"


def test_organisations_short_form_joins_longer_name(nlp):
    text = ("Northrop Grumman said hackers breached a supplier network. A Northrop spokesperson "
            "said the company was investigating.")
    doc = run(nlp, text, [("Northrop Grumman", "ORG"), ("Northrop", "ORG")])
    assert [(o.name, o.aliases) for o in doc._.organisations] == [
        ("Northrop Grumman", ("Northrop",))]


def test_organisations_acronym_by_initials(nlp):
    text = ("The National Cyber Security Centre is helping the bank. The NCSC said the "
            "attack was contained.")
    doc = run(nlp, text, [("National Cyber Security Centre", "ORG"), ("NCSC", "ORG")])
    ncsc = by_name(doc)["National Cyber Security Centre"]
    assert ncsc.aliases == ("NCSC",)
    assert ncsc.role == "authority"


# ----------------------------------------------------------------------------- roles
NEWS = ("Brightwater Utilities was hit by a ransomware attack on Monday, the regional water "
        "company said. The attack disrupted Brightwater Utilities' billing systems and customer "
        "portal. Researchers at Kestrel Labs, a security firm, said the attackers exploited a "
        "flaw in Norvale Software's remote-access product. Norvale Software released a patch "
        "in March. The FBI is investigating, a spokesperson told Reuters.")
NEWS_ENTS = [("Brightwater Utilities", "ORG"), ("Kestrel Labs", "ORG"),
             ("Norvale Software", "ORG"), ("FBI", "ORG", "agency"), ("Reuters", "ORG")]


def test_organisations_roles_in_a_news_paragraph(nlp):
    doc = run(nlp, NEWS, NEWS_ENTS, title="Ransomware attack hits Brightwater Utilities")
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles == {"Brightwater Utilities": "victim", "Kestrel Labs": "security_firm",
                     "Norvale Software": "vendor", "FBI": "authority", "Reuters": "other"}


def test_organisations_expert_employer_and_public_bodies(nlp):
    text = ("Hackers breached the Glenmoor Council website on Sunday, the council said. "
            "\"This was a targeted attack,\" said Jane Doe, principal analyst at Quorvex. "
            "The Australian Cyber Security Centre and the state of Victoria are helping.")
    doc = run(nlp, text, [("Glenmoor Council", "ORG"), ("Quorvex", "ORG"),
                          ("Australian Cyber Security Centre", "ORG")])
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles["Glenmoor Council"] == "victim"
    assert roles["Quorvex"] == "security_firm"
    assert roles["Australian Cyber Security Centre"] == "authority"
    assert roles["state of Victoria"] == "authority"


def test_organisations_impersonated_brand_is_not_a_victim(nlp):
    text = ("A phishing campaign sends fake Streamflix login pages to steal Streamflix "
            "credentials, researchers at Kestrel Labs said. Streamflix has 90 million "
            "subscribers.")
    doc = run(nlp, text, [("Streamflix", "ORG"), ("Kestrel Labs", "ORG")],
              title="Streamflix phishing scam spreads ransomware")
    assert victims(doc) == []
    assert by_name(doc)["Streamflix"].role == "other"


def test_organisations_vulnerability_report_has_no_victim(nlp):
    text = ("Researchers at Kestrel Labs found a critical vulnerability in Norvale Software's "
            "router firmware that lets attackers take over devices. Norvale Software has "
            "released an update, and Kestrel Labs urged users to install it.")
    doc = run(nlp, text, [("Kestrel Labs", "ORG"), ("Norvale Software", "ORG")],
              title="Critical flaw found in Norvale routers")
    assert victims(doc) == []
    assert {o.name: o.role for o in doc._.organisations} == {
        "Kestrel Labs": "security_firm", "Norvale Software": "vendor"}


def test_organisations_background_incident_is_not_a_victim(nlp):
    text = ("Harbour Credit Union said on Friday that attackers breached its online banking "
            "system and stole member records. Harbour Credit Union is notifying members. "
            "The incident is reminiscent of the 2016 attack on Tesco Bank, in which money was "
            "taken from accounts.")
    doc = run(nlp, text, [("Harbour Credit Union", "ORG"), ("Tesco Bank", "ORG")])
    assert victims(doc) == ["Harbour Credit Union"]
    assert by_name(doc)["Tesco Bank"].role == "other"


def test_organisations_victim_found_without_ner(nlp):
    """No entities at all: the token rules still find the victim and the other bodies."""
    text = ("Payday lender Quidmore Finance has suffered a data breach affecting 40,000 "
            "customers. Quidmore Finance said hackers accessed names and email addresses. "
            "The Information Commissioner's Office has been informed.")
    doc = run(nlp, text, title="Quidmore Finance suffers data breach")
    assert victims(doc) == ["Quidmore Finance"]
    assert by_name(doc)["Information Commissioner's Office"].role == "authority"


def test_organisations_noisy_statistical_ner_is_checked(nlp):
    """A trained NER may tag a company as PERSON and acronyms, countries or common words as
    ORG: the component checks entities like its own rules."""
    text = ("Attackers broke into the systems of the shipbuilder Marlow, the company said. "
            "A spokesman for Marlow said the U.K. unit was not affected. Attackers used a "
            "flaw in the ISP router. Marlow has notified the ICO.")
    doc = run(nlp, text, [("Marlow", "PERSON"), ("U.K.", "ORG"), ("Attackers", "ORG"),
                          ("ISP", "ORG"), ("ICO", "ORG")], title="Hackers hit shipbuilder Marlow")
    names = {o.name: o.role for o in doc._.organisations}
    assert names.get("Marlow") == "victim"
    assert names.get("ICO") == "authority"
    assert not {"U.K.", "Attackers", "ISP"} & set(names)


def test_organisations_round_up_lists_every_victim(nlp):
    text = ("A memory leak at the content delivery network exposed data of big brands like "
            "Uber, Fitbit and OKCupid, researchers said.")
    doc = run(nlp, text, [("Uber", "ORG"), ("Fitbit", "ORG"), ("OKCupid", "ORG")])
    assert sorted(victims(doc)) == ["Fitbit", "OKCupid", "Uber"]


def test_organisations_names_only_in_headline_are_not_listed(nlp):
    doc = run(nlp, "The city council said its email system was offline after a ransomware "
                   "attack.", title="Ransomware hits Exampletown Council")
    assert all("Exampletown" not in o.name for o in doc._.organisations)


def test_organisations_person_after_speech_verb_or_title_is_no_organisation(nlp):
    """A trained NER may tag a person as ORG: names after a speech verb and a job title, or
    before an apposition with a job title, are people wherever they occur."""
    text = ("Quidmore Finance confirmed a data breach. \"Customers should expect phishing "
            "calls,\" explains analyst Henrike Vossberg of the Utrecht consultancy Molenveld "
            "Security. Vossberg said contractor accounts are a common entry point. Tobias "
            "Marr, CTO of Alderwick Labs, said the data will be sold.")
    doc = run(nlp, text, [("Quidmore Finance", "ORG"), ("Henrike Vossberg", "ORG"),
                          ("Utrecht", "ORG"), ("Molenveld Security", "ORG"),
                          ("Vossberg", "ORG"), ("Tobias Marr", "ORG"), ("Alderwick Labs", "ORG")])
    names = {o.name for o in doc._.organisations}
    assert names == {"Quidmore Finance", "Molenveld Security", "Alderwick Labs"}


def test_organisations_vendor_whose_own_systems_were_breached_is_the_victim(nlp):
    text = ("Hundreds of shops lost card payments after a software update for Parcelin "
            "terminals was found to contain malware.\nParcelin, whose tills are used by 3,000 "
            "shops, told customers the update had been tampered with. The company said an "
            "attacker had gained access to part of its software build environment. Parcelin "
            "said it has rebuilt its build pipeline.")
    doc = run(nlp, text, [("Parcelin", "ORG")],
              title="Shops lose card payments after Parcelin update carries malware")
    assert victims(doc) == ["Parcelin"]


def test_organisations_vulnerable_product_vendor_is_still_a_vendor(nlp):
    text = ("Researchers at Kestrel Labs found a flaw in Norvale Software's routers. Attackers "
            "could gain access to their admin panels. Norvale Software released a patch.")
    doc = run(nlp, text, [("Kestrel Labs", "ORG"), ("Norvale Software", "ORG")])
    assert by_name(doc)["Norvale Software"].role == "vendor"


def test_organisations_group_calling_itself_x_is_an_attacker(nlp):
    text = ("A ransomware group calling itself Quietmoth has claimed the attack on Northvale "
            "Hospital. Groups such as Quietmoth steal data before encrypting it.")
    doc = run(nlp, text, [("Quietmoth", "ORG"), ("Northvale Hospital", "ORG")])
    assert by_name(doc)["Quietmoth"].role == "attacker"
    assert doc._.threat_actors == ["Quietmoth"]


def test_organisations_companies_helping_the_response_are_security_firms(nlp):
    text = ("Ransomware crippled the computers of Glenmoor City on Thursday. Glenmoor City is "
            "working with the FBI, Microsoft and Cisco cybersecurity officials to restore its "
            "systems. \"Our team is working with support from Microsoft,\" the city said.")
    doc = run(nlp, text, [("Glenmoor City", "ORG"), ("FBI", "ORG", "agency"),
                          ("Microsoft", "ORG"), ("Cisco", "ORG")])
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles == {"Glenmoor City": "victim", "FBI": "authority",
                     "Microsoft": "security_firm", "Cisco": "security_firm"}


def test_organisations_parent_speaking_through_a_spokesperson_is_no_security_firm(nlp):
    text = ("Fraudsters stole the W-2 forms of Norcastle Defense staff in a phishing scam. "
            "Norcastle Defense, recently acquired by management consulting giant Brevitas, "
            "informed employees. A Brevitas spokesperson said: \"Our employees are a priority.\"")
    doc = run(nlp, text, [("Norcastle Defense", "ORG"), ("Brevitas", "ORG")])
    assert by_name(doc)["Brevitas"].role == "other"
    assert victims(doc) == ["Norcastle Defense"]


def test_organisations_town_whose_officials_speak_is_an_organisation(nlp):
    text = ("Ransomware hit Harlow County's computers on Monday. Steve Baum, Brackley's safety "
            "director, said the city is using the incident to train employees. Brackley has "
            "15,000 residents.")
    doc = run(nlp, text, [("Harlow County", "ORG"), ("Brackley", "GPE")])
    assert victims(doc) == ["Harlow County"]
    assert by_name(doc)["Brackley"].role == "other"
    plain = run(nlp, "Ransomware hit Harlow County's computers. Brackley has 15,000 residents.",
                [("Harlow County", "ORG"), ("Brackley", "GPE")])
    assert "Brackley" not in by_name(plain)  # a place, not an organisation


def test_organisations_name_introduced_with_known_as_and_its_alias(nlp):
    text = ("Hackers targeted the staff of a presidential campaign. The candidate's party, known "
            "as \"Nouvelle Voie!\" or \"New Path\", said it had been hit by phishing attacks. "
            "Officials said Nouvelle Voie! does not use email for confidential files.")
    doc = run(nlp, text)
    orgs = by_name(doc)
    assert orgs["Nouvelle Voie!"].aliases == ("New Path",)
    assert victims(doc) == ["Nouvelle Voie!"]


def test_organisations_coordinated_names_are_split(nlp):
    text = ("A phishing campaign targeted the activist groups Stand for the Commons and Open Wire "
            "Press, researchers at Kestrel Labs said. Stand for the Commons and Open Wire Press "
            "staff were sent fake login pages. Hackers targeted Stand for the Commons and Open Wire "
            "Press again in May.")
    doc = run(nlp, text, [("Open Wire Press", "ORG"), ("Kestrel Labs", "ORG")])
    names = {o.name for o in doc._.organisations}
    assert {"Stand for the Commons", "Open Wire Press"} <= names
    assert not any(" and " in n for n in names)


def test_organisations_vendors_named_in_a_list_or_apposition(nlp):
    text = ("A flaw in a custom web server affects cameras from over 300 vendors, including "
            "Lumacam, Vistaro and Okeli. The flaw is not in Webbly itself: Hostrix \u2013 the "
            "company that develops Webbly \u2013 can do nothing to fix it, researchers at "
            "Kestrel Labs said.")
    doc = run(nlp, text, [("Lumacam", "ORG"), ("Vistaro", "ORG"), ("Okeli", "ORG"),
                          ("Kestrel Labs", "ORG")])
    roles = {o.name: o.role for o in doc._.organisations}
    assert {roles.get(n) for n in ("Lumacam", "Vistaro", "Okeli", "Hostrix")} == {"vendor"}
    assert victims(doc) == []


def test_organisations_name_with_lower_case_head_noun(nlp):
    text = ("Hackers hit the Harbour Point casino on Friday, stealing guest records. Patients of "
            "the Kelso Ridge hospital were not affected. Top hospital officials said the "
            "Glenmoor police station is investigating.")
    doc = run(nlp, text, [("Harbour Point", "ORG")])
    names = {o.name: o.role for o in doc._.organisations}
    assert names.get("Harbour Point casino") == "victim"
    assert "Kelso Ridge hospital" in names and "Glenmoor police station" in names
    assert not any(n.startswith("Top") for n in names)


# ----------------------------------------------------------------------------- other languages
# Team-written articles. The English NER is what the pipeline runs on every language, so the
# entities given here are the kind of noise it produces (capitalised German nouns as ORG,
# surnames as MALWARE, places as ORG).
def test_organisations_german_victim_from_head_word_and_victim_cue(nlp):
    text = ("Bad Ellingen. Die Stadtwerke Ellingen sind Opfer eines Cyberangriffs geworden. "
            "Nach Angaben des Unternehmens ist die Wasserversorgung nicht betroffen. Die "
            "Polizei hat die Ermittlungen aufgenommen. \u201eWir arbeiten mit Hochdruck an der "
            "Wiederherstellung\u201c, sagte Sprecherin Anna Kessler. Der IT-Sicherheitsfirma "
            "Grauwacht Security zufolge kommen solche Angriffe h\u00e4ufig vor.")
    doc = run(nlp, text, [("Angaben des Unternehmens", "ORG"), ("Ermittlungen", "ORG"),
                          ("Anna Kessler", "ORG")],
              title="Hackerangriff auf Stadtwerke Ellingen", lang="de")
    assert victims(doc) == ["Stadtwerke Ellingen"]
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles.get("Grauwacht Security") == "security_firm"
    assert not {"Angaben des Unternehmens", "Ermittlungen", "Anna Kessler"} & set(roles)


def test_organisations_french_acronym_definition_and_victim_cue(nlp):
    text = ("La R\u00e9gie des eaux de Montclair (REM) a \u00e9t\u00e9 victime d'une "
            "cyberattaque dans la nuit de dimanche. Les serveurs de la REM ont \u00e9t\u00e9 "
            "chiffr\u00e9s par un ran\u00e7ongiciel. \u00ab Les attaquants visent les services "
            "publics \u00bb, explique Paul Girard, consultant au sein du cabinet Vigie Num\u00e9rique. "
            "L'Agence nationale de la s\u00e9curit\u00e9 des syst\u00e8mes d'information (Anssi) "
            "a \u00e9t\u00e9 inform\u00e9e.")
    doc = run(nlp, text, [("REM", "ORG"), ("Paul Girard", "ORG")],
              title="Montclair : la r\u00e9gie des eaux paralys\u00e9e par une cyberattaque",
              lang="fr")
    orgs = by_name(doc)
    assert victims(doc) == ["R\u00e9gie des eaux de Montclair"]
    assert orgs["R\u00e9gie des eaux de Montclair"].aliases == ("REM",)
    assert orgs["Vigie Num\u00e9rique"].role == "security_firm"
    assert orgs["Agence nationale de la s\u00e9curit\u00e9 des syst\u00e8mes d'information"].role == "authority"
    assert "Paul Girard" not in orgs


def test_organisations_italian_victim_and_person_is_no_malware(nlp):
    text = ("Il Comune di Valmora \u00e8 stato colpito da un attacco ransomware. I sistemi "
            "del Comune di Valmora sono fermi da luned\u00ec. \u00abNon paghiamo il riscatto\u00bb, "
            "ha dichiarato il sindaco Luca Ferri. \u00abGli enti locali sono bersagli facili\u00bb, "
            "ha spiegato Giulia Conti, analista della societ\u00e0 di sicurezza informatica "
            "Faro Digitale.")
    doc = run(nlp, text, [("Conti", "MALWARE")], lang="it")
    assert victims(doc) == ["Comune di Valmora"]
    assert by_name(doc)["Faro Digitale"].role == "security_firm"
    assert doc._.malware == []


@pytest.mark.parametrize("lang, text, victim", [
    ("es", "El Ayuntamiento de Villaseca ha sido v\u00edctima de un ciberataque que ha "
           "paralizado sus servicios en l\u00ednea. Los sistemas del Ayuntamiento de Villaseca "
           "siguen ca\u00eddos.", "Ayuntamiento de Villaseca"),
    ("nl", "De Gemeente Zoutevoort is getroffen door een cyberaanval. De systemen van de "
           "Gemeente Zoutevoort liggen plat, aldus een woordvoerder.", "Gemeente Zoutevoort"),
])
def test_organisations_spanish_and_dutch_victims(nlp, lang, text, victim):
    assert victims(run(nlp, text, lang=lang)) == [victim]


def test_organisations_english_rules_unchanged_for_english_text(nlp):
    """The language cues apply only to articles in that language."""
    text = "Die Stadtwerke Ellingen sind Opfer eines Cyberangriffs geworden."
    assert victims(run(nlp, text, lang="en")) == []


# ----------------------------------------------------------------------------- actors, malware, CVEs
def test_organisations_threat_actors_malware_and_cves(nlp):
    text = ("APT28, also known as Fancy Bear, used WannaCry and Mimikatz against the ministry. "
            "WannaCry spread through CVE-2017-0144; cve-2017-0144 was patched in 2017. "
            "APT28 denied it.")
    doc = run(nlp, text, [("APT28", "THREAT_ACTOR"), ("Fancy Bear", "THREAT_ACTOR"),
                          ("WannaCry", "MALWARE"), ("Mimikatz", "MALWARE"),
                          ("CVE-2017-0144", "CVE")])
    assert doc._.threat_actors == ["APT28", "Fancy Bear"]
    assert doc._.malware == ["WannaCry", "Mimikatz"]
    assert doc._.cves == ["CVE-2017-0144"]
    actors = [o for o in doc._.organisations if o.role == "attacker"]
    assert [(o.name, set(o.aliases)) for o in actors] == [("APT28", {"Fancy Bear"})]
    assert all(o.name not in {"WannaCry", "Mimikatz"} for o in doc._.organisations)


def test_organisations_actors_and_malware_found_by_patterns_without_ner(nlp):
    text = ("The utility was infected by a polymorphic malware known as GLIMMER in May. "
            "Later the 'Crypdrop' ransomware encrypted its servers. Researchers blame the "
            "Obsidian Lynx hacking group. A man accused of running the scheme, Tomas Varga, "
            "was charged on Friday.")
    doc = run(nlp, text)
    assert doc._.malware == ["GLIMMER", "Crypdrop"]
    assert doc._.threat_actors == ["Obsidian Lynx", "Tomas Varga"]
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles.get("Obsidian Lynx") == "attacker"
    assert "Tomas Varga" not in roles  # people are threat actors, not organisations


# ----------------------------------------------------------------------------- component
def test_organisations_factory_config_and_serialisation(tmp_path):
    register_extensions()
    roles = tmp_path / "roles.json"
    roles.write_text(json.dumps({"security_firm": [["Kestrel Labs"]]}), encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    comp = nlp.add_pipe("incident_orgs", config={"roles_path": str(roles)})
    assert isinstance(comp, IncidentOrgs)
    assert comp.gazetteer.role("kestrel labs") == "security_firm"
    assert comp.gazetteer.role("fbi") is None  # only the given file is used
    comp.to_disk(tmp_path / "saved")
    fresh = spacy.blank("en").add_pipe("incident_orgs")
    assert fresh.gazetteer.role("fbi") == "authority"  # shipped default
    fresh.from_disk(tmp_path / "saved")
    assert fresh.gazetteer.role("fbi") is None and fresh.gazetteer.role("kestrel labs")
    # the language cue files travel with a saved pipeline
    assert {p.name for p in (tmp_path / "saved").glob("org_cues_*.json")} >= {
        "org_cues_de.json", "org_cues_fr.json", "org_cues_it.json"}
    assert {"de", "es", "fr", "it", "nl"} <= set(fresh.cues)


def test_organisations_organisation_first_named_in_a_background_incident_is_other(nlp):
    """An organisation first named in an earlier or comparison incident ("Elsewhere, ...",
    "the 2019 ransomware attack on ...") is not a victim of the article's news, even when
    it is named again later in a sentence about ransom."""
    text = ("Ransomware shut down the computers of Pellham County on Monday, county officials "
            "said. Pellham County refused to pay the ransom. Elsewhere, the same ransomware "
            "attacked the city of Norbridge, disabling its online bill payments. Asked "
            "whether Norbridge paid the ransom, a spokeswoman declined to comment. Experts "
            "compared it to the 2019 ransomware attack on Fenwick Water Authority.")
    doc = run(nlp, text, [("Pellham County", "ORG"), ("Norbridge", "GPE"),
                          ("Fenwick Water Authority", "ORG")])
    assert victims(doc) == ["Pellham County"]
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles.get("city of Norbridge", roles.get("Norbridge", "other")) != "victim"
    assert roles["Fenwick Water Authority"] != "victim"



def test_organisations_victims_own_security_product_vendor_is_a_vendor(nlp):
    """A security company named as the maker of the victim's own security software is a
    vendor; the same kind of company commenting on the attack stays a security firm."""
    text = ("Ransomware hit the computers of the Marlow Transit Authority on Tuesday. "
            "Kaspersky, the antivirus software used by the authority's computers, pushed an "
            "update to block the malware. Researchers at Sophos said the strain was new.")
    doc = run(nlp, text, [("Marlow Transit Authority", "ORG"), ("Kaspersky", "ORG"),
                          ("Sophos", "ORG")])
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles["Kaspersky"] == "vendor"
    assert roles["Sophos"] == "security_firm"
    assert victims(doc) == ["Marlow Transit Authority"]


def test_organisations_insider_access_names_the_hospital_and_its_health_board(nlp):
    """An insider breach: the hospital the headline names after "breach at" and the health
    board that "has been made aware of" staff inappropriately accessing records are both
    victims, although no hacking verb is used."""
    title = "Data breach at Kelvinside after nurse viewed patient files"
    text = ("Patients had their addresses viewed by a member of staff at Kelvinside Infirmary, "
            "police said. Dr Ruth Mair, medical director for NHS Glenmore said: \"NHS Glenmore "
            "has been made aware of a member of staff inappropriately accessing patient "
            "records.\" Police Scotland is investigating.")
    doc = run(nlp, text, [("Kelvinside Infirmary", "ORG"), ("NHS Glenmore", "ORG"),
                          ("Police Scotland", "ORG")], title=title)
    assert sorted(victims(doc)) == ["Kelvinside Infirmary", "NHS Glenmore"]
    assert by_name(doc)["Police Scotland"].role == "authority"


def test_organisations_place_named_power_plant_is_an_organisation_and_victim(nlp):
    """"the former Dunmore nuclear power plant" is a named facility even though its first
    word is a place; malware that "downed systems at the site of" it makes it a victim.
    "a Dunmore hospital" (no determiner naming one facility) stays no name."""
    text = ("A worm spread across the region on Tuesday. The worm even downed systems at the "
            "site of the former Dunmore nuclear power plant, forcing staff to work by hand. "
            "Patients at a Dunmore hospital were not affected.")
    doc = run(nlp, text, [("Dunmore", "GPE")])
    names = {o.name for o in doc._.organisations}
    assert "Dunmore nuclear power plant" in names
    assert "Dunmore hospital" not in names
    assert victims(doc) == ["Dunmore nuclear power plant"]


def test_organisations_agency_whose_website_was_booby_trapped_is_a_victim(nlp):
    """A watering-hole attack: the regulator whose own website was booby-trapped is a victim
    (an authority is a victim only on plain attack evidence; this is plain)."""
    text = ("Attackers went after banks in Ruritania through a watering hole. The website of "
            "the Ruritanian Banking Supervision Authority was booby-trapped for months and "
            "served malware to visiting bank employees, researchers at Quellfort Security said.")
    doc = run(nlp, text, [("Ruritanian Banking Supervision Authority", "ORG"),
                          ("Quellfort Security", "ORG")])
    assert victims(doc) == ["Ruritanian Banking Supervision Authority"]
    assert by_name(doc)["Quellfort Security"].role == "security_firm"


def test_organisations_background_incident_told_at_the_name_even_in_the_lead(nlp):
    """"the 2016 ransomware attack on X" / "the X hacks committed last year" in the opening
    sentence: X is a background victim (other); the organisation the news is about is the
    victim."""
    text = ("The crew behind the 2016 ransomware attack on the Harlow Union Party has "
            "targeted the Greenway Policy Institute, officials said. The Greenway Policy "
            "Institute said it did not pay the ransom. Investigators linked the group to the "
            "Harlow Union Party hacks committed last year.")
    doc = run(nlp, text, [("Greenway Policy Institute", "ORG"), ("Harlow Union Party", "ORG")])
    assert victims(doc) == ["Greenway Policy Institute"]
    assert by_name(doc)["Harlow Union Party"].role == "other"



# ----------------------------------------------------------------------------- people, parts
@pytest.fixture(scope="module")
def nlp_surnames():
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("incident_orgs", config={"surname_persons": True})
    return nlp


def test_organisations_surname_that_speaks_and_is_he_is_no_organisation(nlp, nlp_surnames):
    """With ``surname_persons``, a surname used alone, tagged ORG by the NER, that speaks and
    that "he" refers to is a person; a one-word company that speaks and is "it" stays an
    organisation. (Off by default: the surname stays listed.)"""
    text = ("Researchers at Brightwell Labs found an unprotected storage server belonging to "
            "Fenwick Travel. The records could be read by anyone, according to Okonjo. He "
            "said the files included scanned passports. Pellmore said it had not been "
            "affected.")
    ents = [("Brightwell Labs", "ORG"), ("Fenwick Travel", "ORG"), ("Okonjo", "ORG"),
            ("Pellmore", "ORG")]
    assert "Okonjo" in by_name(run(nlp, text, ents))
    doc = run(nlp_surnames, text, ents)
    names = by_name(doc)
    assert "Okonjo" not in names
    assert "Pellmore" in names
    assert names["Brightwell Labs"].role == "security_firm"


def test_organisations_spokesman_for_a_company_is_not_the_company(nlp_surnames):
    """"A spokesman for X says he ..." : "he" is the spokesman, X stays an organisation."""
    text = ("Hackers copied design files from Carrow last week. A spokesman for Carrow "
            "said he could not comment further. Carrow said the files were old.")
    doc = run(nlp_surnames, text, [("Carrow", "ORG")])
    assert victims(doc) == ["Carrow"]


def test_organisations_gazetteer_company_that_speaks_of_his_account_stays(nlp_surnames):
    """A one-word name the entity gazetteer knows as a company ("Robinhood said his account
    had been accessed") stays an organisation: "his" is the customer, not the name. The
    platform of one person's account ("his account at X was taken over") is no victim."""
    text = ("A customer lost $40,000 after his account at Quillbank was taken over. Quillbank "
            "said his account had been accessed with a stolen password.")
    doc = run(nlp_surnames, text, [("Quillbank", "ORG", "company")])
    assert by_name(doc)["Quillbank"].role == "other"


def test_organisations_unit_introduced_with_its_is_no_extra_victim(nlp):
    """"members of its Oversight Board": a part of the organisation named before, listed with
    its own name but not as a second victim."""
    text = ("Thieves took two laptops from the Norland Transit Authority that held contact "
            "details of members of its Oversight Board. The authority said the laptops were "
            "encrypted. Members of the Oversight Board have been told.")
    doc = run(nlp, text, [("Norland Transit Authority", "ORG")])
    assert victims(doc) == ["Norland Transit Authority"]
    assert by_name(doc)["Oversight Board"].role == "other"


def test_organisations_gang_listing_victims_on_its_leak_site(nlp):
    """Every organisation a gang lists on its leak site is a victim."""
    text = ("The Harrowgate ransomware gang has listed Brenwick Dental, Ostler Foods and "
            "Hadley Cross Town Council on its leak site. Ostler Foods confirmed that some of "
            "its file servers were encrypted last weekend.")
    doc = run(nlp, text, [("Brenwick Dental", "ORG"), ("Ostler Foods", "ORG"),
                          ("Hadley Cross Town Council", "ORG")])
    assert sorted(victims(doc)) == ["Brenwick Dental", "Hadley Cross Town Council",
                                    "Ostler Foods"]


def test_organisations_counterfeit_app_story_has_no_organisation_victim(nlp):
    """A fake copy of a bank's app on an app store: the bank is impersonated (found even
    though the NER missed it), and no organisation is taken as the victim by salience."""
    text = ("A counterfeit version of the Harbour Mutual banking app stayed on the Playfield "
            "app store for eleven days and was downloaded 8,000 times. Harbour Mutual said "
            "customers who entered their details in the fake app should call its fraud line. "
            "Playfield removed the app.")
    doc = run(nlp, text, [("Playfield", "ORG")], title="Fake banking app removed")
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles.get("Harbour Mutual") == "other"
    assert victims(doc) == []


@pytest.mark.parametrize("text, ents, expected", [
    # a vendor's appliance let intruders in: the council is the victim, not the vendor
    ("A flaw in the remote-access appliance sold by Quorvex Systems let intruders into the "
     "network of Dunmere County Council last month. Quorvex released a fix on Tuesday. "
     "Incident responders from Halvard Cyber are assisting the council.",
     [("Quorvex Systems", "ORG"), ("Dunmere County Council", "ORG"), ("Halvard Cyber", "ORG")],
     {"Dunmere County Council": "victim", "Quorvex Systems": "vendor",
      "Halvard Cyber": "security_firm"}),
    # a brand impersonated by scammers is no victim when nobody's systems were attacked
    ("Scammers posing as Orvane Energy have been calling pensioners and asking for bank "
     "details. Orvane Energy said it never asks customers for card numbers by phone.",
     [("Orvane Energy", "ORG")], {"Orvane Energy": "other"}),
    # a security company whose own portal was broken into is the victim
    ("Fairhold Security, which sells firewall software to small businesses, said hackers "
     "broke into its customer portal and copied licence keys. The company has hired Marrow "
     "Forensics to investigate.",
     [("Fairhold Security", "ORG"), ("Marrow Forensics", "ORG")],
     {"Fairhold Security": "victim", "Marrow Forensics": "security_firm"}),
    # police named by a word of its name, the hospital the victim
    ("St Aldric Hospital diverted ambulances on Monday after a cyberattack took down its "
     "patient records system. Detectives from the Marlow Constabulary are investigating.",
     [("St Aldric Hospital", "ORG"), ("Marlow Constabulary", "ORG")],
     {"St Aldric Hospital": "victim", "Marlow Constabulary": "authority"}),
    # a firm named after a place: the whole name, not the place
    ("Intruders reached the build servers of Lumacore, the company said. Researchers at "
     "Kettle Point Security first noticed the tampered updates.",
     [("Lumacore", "ORG"), ("Kettle Point", "GPE")],
     {"Lumacore": "victim", "Kettle Point Security": "security_firm"}),
    # the owner of an exposed database; the researcher's employer a security firm
    ("A database belonging to the marketing company Brightpoll was left open to the internet "
     "without a password, exposing the email addresses of 3 million people. It was found by "
     "Maren Holt, a researcher at Skylark Security.",
     [("Brightpoll", "ORG"), ("Maren Holt", "PERSON"), ("Skylark Security", "ORG")],
     {"Brightpoll": "victim", "Skylark Security": "security_firm"}),
    # a response firm the NER missed, named only after "has engaged"; a processor in apposition
    ("Calder University took its campus network offline after ransomware spread between file "
     "servers. The university has engaged Northgate Incident Response. It learned of the "
     "problem from its payment processor, Ledgerline.",
     [("Calder University", "ORG")],
     {"Calder University": "victim", "Northgate Incident Response": "security_firm",
      "Ledgerline": "other"}),
    # the criminals "locked its billing computers": the board's own systems; a self-named
    # group is the attacker; a police crime unit is an authority even when "working with" it
    ("The Ashby Valley Water Board says it will not pay the criminals who locked its billing "
     "computers last Tuesday. The attack has been claimed by a group calling itself Tidecall. "
     "The board is working with the National Crime Unit.",
     [("National Crime Unit", "ORG")],
     {"Ashby Valley Water Board": "victim", "Tidecall": "attacker",
      "National Crime Unit": "authority"}),
])
def test_organisations_roles_in_team_written_articles(nlp, text, ents, expected):
    roles = {o.name: o.role for o in run(nlp, text, ents)._.organisations}
    assert {n: roles.get(n) for n in expected} == expected


# ----------------------------------------------------------------------------- fast scans
# The speed-ups must find exactly what the plain patterns find (team-written strings).
_SCAN_TEXTS = [
    "Hackers broke into its build servers last week, the company said.",
    "Officials said the cyberattack on Wexmoor Borough Council disrupted its phones.",
    "The Velstrand Water Authority was hit by ransomware; Mr. Okafor said. Okafor said it "
    "again.\nPrior said nothing, said Ruane.",
    "an unknown party had gained access to some of its customer databases, it said",
    "\u0130stanbul-based Kesterel Bank (KB) is working closely with Brugwerk Security.",
    "A SPOOFED Kestrel login page stole passwords; criminals posed as the bank's IT desk.",
    "The long s \u017fpoof and the dotless \u0131 stay handled; threat actors hit Norrvik.",
    "",
]


def test_anchored_patterns_find_what_the_plain_patterns_find():
    from pipeline.nlp import org_candidates as oc, org_context as ctx, org_persons as op
    from pipeline.nlp import org_roles as roles, organisations as og, victims as vi
    from pipeline.regex_prefix import Anchored

    pairs = [(p, Anchored(p.pattern)) for p in (
        roles.SECURITY_LEFT, roles.VENDOR_LEFT, ctx.LURE_LEFT, vi._ATTACK_WORD, vi._BACKGROUND,
        vi._OWN_BREACH, roles.RESPONSE_HELP, og._CVE, oc._KNOWN_AS, op._PERSON_LEFT)]
    pairs += [(p, Anchored(p.pattern)) for p, _w in vi.VICTIM_LEFT]
    for fast, anchored in pairs:
        assert isinstance(fast, Anchored) and fast.anchors, fast.pattern.pattern[:40]
        plain = anchored.pattern
        for text in _SCAN_TEXTS:
            for sub in (text, text[10:], text[:-7]):
                assert [m.span() for m in fast.finditer(sub)] == [
                    m.span() for m in plain.finditer(sub)]
                found, expected = fast.search(sub), plain.search(sub)
                assert (found and found.span()) == (expected and expected.span())


def test_alone_surname_scan_and_form_scanner_match_the_plain_patterns():
    from pipeline.nlp import org_candidates as oc, org_persons as op

    for text in _SCAN_TEXTS + ["O'Neil-Hart said so.", "x.\nDee said it", "Dr Who. Prof Lind"]:
        assert [m.span() for m in op._alone_surname_matches(text)] == [
            m.span() for m in op._ALONE_SURNAME.finditer(text)]
    gaz = oc.RoleGazetteer.from_dict({"vendor": [["Kestrel", "Kestrel Bank"], "KB"],
                                      "security_firm": ["Brugwerk Security", "Brugwerk"]})
    for text in _SCAN_TEXTS + ["Kestrel Banking and Kestrel Bank-owned KBs", "xKB KB-1 KB"]:
        assert [m.span() for m in gaz.find_orgs(text)] == [
            m.span() for m in gaz.pattern.finditer(text)]


def test_lexicon_context_patterns_are_wrapped_once_in_org_lexicon():
    from pipeline.nlp import org_candidates as oc, org_context as ctx, org_lexicon as lex
    from pipeline.nlp import org_roles as roles, victims as vi
    from pipeline.regex_prefix import Anchored

    for name in ("SECURITY_LEFT", "VENDOR_LEFT", "MEDIA_LEFT", "LURE_LEFT", "RESPONSE_HELP"):
        assert isinstance(getattr(lex, name), Anchored), name
        users = [m for m in (oc, ctx, roles, vi) if hasattr(m, name)]
        assert users, name
        for m in users:  # the same object, not a second wrap
            assert getattr(m, name) is getattr(lex, name), (m.__name__, name)
    assert vi.VICTIM_LEFT is lex.VICTIM_LEFT and oc.VICTIM_LEFT is lex.VICTIM_LEFT


def test_self_named_group_pattern_is_shared_and_plain():
    import re

    from pipeline.nlp import org_threats as ot
    from pipeline.nlp.org_lexicon import SELF_NAMED_GROUP

    text = "The attack was claimed by a group calling itself \u201cTidecall\u201d on Monday."
    assert isinstance(SELF_NAMED_GROUP, re.Pattern)  # finditer(text, pos, endpos) works
    assert [m.group(1) for m in SELF_NAMED_GROUP.finditer(text, 20, len(text))] == ["Tidecall"]
    assert not list(SELF_NAMED_GROUP.finditer(text, 40))  # endpos/pos are honoured
    assert any(getattr(p, "pattern", p) is SELF_NAMED_GROUP for p in ot.ACTOR_PATTERNS)


# ----------------------------------------------------------------------------- typed roles (session 4)
def test_organisation_speaking_through_officials_is_not_a_security_firm(nlp):
    # "X officials" says X speaks for itself; a city department is no security firm, even in a
    # sentence that also names a person with a comma
    doc = run(nlp, "Ransomware hit the city of Lakeside on Thursday. According to the city's "
                   "chief operating officer, Mara Quint, Lakeside Records Management officials "
                   "were told of problems with billing applications, she said.",
              [("Lakeside Records Management", "ORG"), ("Mara Quint", "PERSON")])
    assert by_name(doc)["Lakeside Records Management"].role != "security_firm"
    # security officials and researchers still point to a security firm
    doc = run(nlp, "Greyfin Labs researchers found the flaw in the routers, the firm said.",
              [("Greyfin Labs", "ORG")])
    assert by_name(doc)["Greyfin Labs"].role == "security_firm"


def test_maker_introduced_as_a_company_called_x_is_a_vendor(nlp):
    doc = run(nlp, "Researchers found a flaw in the Brisa smart heater. The remote-control "
                   "module it uses was created by a company called Fernhollow, which also ships "
                   "parts for boilers.", [("Fernhollow", "ORG")])
    assert by_name(doc)["Fernhollow"].role == "vendor"
    doc = run(nlp, "A vulnerability affects routers designed by Quellwerk, researchers said.",
              [("Quellwerk", "ORG")])
    assert by_name(doc)["Quellwerk"].role == "vendor"


def test_search_engines_are_platforms_and_tools_are_no_organisations(nlp):
    doc = run(nlp, "A simple search with Shodan revealed that 40,000 cameras are exposed. "
                   "The intruders ran PowerShell commands and the EternalBlue exploit against "
                   "Norvik Freight, whose systems were encrypted.",
              [("Shodan", "ORG"), ("PowerShell", "ORG"), ("EternalBlue", "ORG"),
               ("Norvik Freight", "ORG")])
    orgs = by_name(doc)
    assert orgs["Shodan"].role == "other"
    assert "PowerShell" not in orgs and "EternalBlue" not in orgs and "Norvik Freight" in orgs
    doc = run(nlp, "The malware abuses the Google Cloud Messaging (GCM) platform to receive "
                   "commands.", [("Google Cloud Messaging", "ORG"), ("GCM", "ORG")])
    assert not doc._.organisations


def test_place_before_based_is_no_organisation(nlp):
    # the NER may read "Oslo" in "Oslo-based" as an organisation: it is where a firm sits
    doc = run(nlp, "\u201cThe figure is low,\u201d said Jo Park, co-founder of the Oslo-based "
                   "security software firm Nettvakt.", [("Oslo", "ORG"), ("Nettvakt", "ORG")])
    assert "Oslo" not in by_name(doc) and "Nettvakt" in by_name(doc)


def test_security_descriptor_then_a_place_gives_the_place_no_role(nlp):
    doc = run(nlp, "Velkor Labs, a cybersecurity and antivirus provider in Tallinn, said in a "
                   "statement that it had found the flaw.", [("Velkor Labs", "ORG"),
                                                             ("Tallinn", "ORG")])
    assert by_name(doc)["Velkor Labs"].role == "security_firm"
    assert "Tallinn" not in by_name(doc) or by_name(doc)["Tallinn"].role != "security_firm"


def test_an_organisation_revealing_that_is_no_security_firm(nlp):
    doc = run(nlp, "Ferrovia Rail reset every customer password after a breach. Last week, "
                   "Brightwater Airways revealed that 20,000 more passengers may have had their "
                   "card details stolen.", [("Ferrovia Rail", "ORG"),
                                            ("Brightwater Airways", "ORG")])
    assert by_name(doc)["Brightwater Airways"].role != "security_firm"


def test_common_nouns_opening_a_sentence_are_no_organisations(nlp):
    doc = run(nlp, "Ransomware hit the Tarvo Clinic. Authorities found that access to the "
                   "records had been blocked. Investigators said the attack began in May.",
              [("Tarvo Clinic", "ORG")])
    assert set(by_name(doc)) == {"Tarvo Clinic"}


def test_universities_and_media_groups_are_other_not_security_firms(nlp):
    doc = run(nlp, "The backdoor was found by Tobi Berg, a cryptography and security researcher "
                   "at the University of Lakemont, who said it was serious. Harbour Security "
                   "Media Group first reported the flaw.",
              [("University of Lakemont", "ORG"), ("Harbour Security Media Group", "ORG"),
               ("Tobi Berg", "PERSON")])
    orgs = by_name(doc)
    assert orgs["University of Lakemont"].role == "other"
    assert orgs["Harbour Security Media Group"].role == "other"


def test_a_search_engine_used_to_find_exposed_devices_is_no_victim(nlp):
    doc = run(nlp, "Thousands of Wi-Fi cameras can be hijacked, researchers warn. A simple "
                   "search with Censys revealed that there are 185,000 vulnerable cameras out "
                   "there, ready to be hijacked by attackers.", [("Censys", "ORG")])
    assert "Censys" in by_name(doc) and victims(doc) == []


def test_events_documents_appliances_and_their_acronyms_are_no_organisations(nlp):
    doc = run(nlp, "Kestrel Labs researchers presented the bug at the Security Analyst Summit "
                   "(SAS) in May. The Velora Security Advisory lists the affected Adaptive "
                   "Security Appliance models, and the Global Network Security Report counts "
                   "40,000 of them.",
              [("Kestrel Labs", "ORG"), ("Security Analyst Summit", "ORG"), ("SAS", "ORG"),
               ("Velora Security Advisory", "ORG"), ("Adaptive Security Appliance", "ORG"),
               ("Global Network Security Report", "ORG")])
    assert set(by_name(doc)) == {"Kestrel Labs"}


def test_fin7_and_carbanak_are_two_groups(nlp):
    # MITRE ATT&CK tracks them separately (G0046, G0008): one is no alias of the other
    doc = run(nlp, "Morvane Labs tied the campaign to the FIN7 hacking group. FIN7 is also "
                   "associated with the infamous Carbanak gang, the researchers said.",
              [("Morvane Labs", "ORG"), ("FIN7", "THREAT_ACTOR"), ("Carbanak", "THREAT_ACTOR")])
    actors = {o.name: o for o in doc._.organisations if o.role == "attacker"}
    assert "FIN7" in actors and not any("Carbanak" in a for a in actors["FIN7"].aliases)
    assert any(org_key(n) == "carbanak" or org_key(n) == "carbanak gang" for n in actors)


def test_outlet_given_a_statement_is_media(nlp):
    doc = run(nlp, "Card data was stolen at Lakeview stores. \u201cWe take this seriously,\u201d "
                   "Howard Rees, a spokesman for Lakeview Holding, said in a statement to "
                   "Courierline.", [("Lakeview Holding", "ORG"), ("Howard Rees", "PERSON")])
    orgs = by_name(doc)
    assert "Courierline" in orgs and orgs["Courierline"].role == "other"  # media -> other
    # sending an e-mail to someone names no outlet
    doc = run(nlp, "The malware sends an email to the Quarkbot author every time it runs.")
    assert "Quarkbot" not in by_name(doc)


def test_job_titles_with_of_are_no_organisations(nlp):
    doc = run(nlp, "A ransom note appeared on the screens, said Ravi Menon, Deputy Commissioner "
                   "of Police (DCP) for the zone. The Harbourline Trust was hit.",
              [("Ravi Menon", "PERSON"), ("Harbourline Trust", "ORG")])
    names = set(by_name(doc))
    assert "Harbourline Trust" in names
    assert not names & {"Deputy Commissioner of Police", "Police", "DCP"}


def test_company_with_a_region_is_the_regional_company(nlp):
    doc = run(nlp, "\u201cThe stakes are high,\u201d commented Marc Agnew, Vice President, "
                   "Corvasat Europe.", [("Corvasat", "ORG"), ("Marc Agnew", "PERSON")])
    assert "Corvasat Europe" in by_name(doc)


def test_dedupe_keeps_one_candidate_per_region_by_rank_then_length():
    from pipeline.nlp.org_candidates import Candidate, _dedupe

    text = "Acme Bank of Norwich and Vexlock hit Brightpath Inc yesterday"
    def cand(sub, source, label="ORG"):
        s = text.index(sub)
        return Candidate(s, s + len(sub), sub, label=label, source=source)

    cands = [cand("Acme Bank", "rule:head"), cand("Acme Bank of Norwich", "rule:head"),
             cand("Norwich", "ent", "GPE"), cand("Vexlock", "rule:actor"),
             cand("Vexlock", "ent"), cand("Brightpath Inc", "gazetteer"),
             cand("Brightpath", "ent")]
    blocked = [(text.index("yesterday"), len(text))]
    kept = _dedupe(cands, blocked)
    assert [(c.text, c.source, c.label) for c in kept] == [
        ("Acme Bank", "rule:head", "ORG"),     # the entity "Norwich" outranks a longer rule span
        ("Norwich", "ent", "GPE"),
        ("Vexlock", "ent", "THREAT_ACTOR"),    # NER span, relabelled by the actor rule
        ("Brightpath", "ent", "ORG")]          # entities outrank the gazetteer
    # a blocked region (a person's name, say) keeps no candidate
    assert _dedupe([cand("Brightpath", "ent")], [(text.index("Brightpath"),
                                                   text.index("Brightpath") + 4)]) == []


def test_acronym_prefilter_never_hides_a_spelled_out_name():
    """org_candidates looks an acronym up only among names with a word starting with its
    first letter; every name _acronym_of accepts must be among them (or long texts would lose
    acronyms the short ones find)."""
    import random
    from pipeline.nlp.org_names import _acronym_head, _acronym_of, _word_initials
    words = ["National", "Cyber", "Security", "Centre", "of", "the", "and", "Department",
             "Justice", "US", "Onslow", "Water", "Sewer", "Authority", "ß-Bank", "Éire", "&",
             "Marks", "Spencer", "x-ray", "3M", "Colorado", "Transportation", "for"]
    acrs = ["NCSC", "DOJ", "CDOT", "ONWASA", "M&S", "SB", "XR", "3M", "us", "NC-SC", "SSB"]
    rnd = random.Random(3)
    hits = 0
    for _ in range(3000):
        name = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 5)))
        for acr in acrs:
            if _acronym_of(acr, name):
                hits += 1
                assert _acronym_head(acr) in _word_initials(name), (acr, name)
    assert hits > 50
    assert _acronym_of("NCSC", "National Cyber Security Centre")


# ----------------------------------------------------------------------------- generalisation
# (rules found by reading errors of scripts/eval_victims_casie.py; team-written texts)
@pytest.mark.parametrize("text, ents, title, victim", [
    # the name as the modifier of the incident noun
    ("The Privacy Commissioner said the Larkmoor Airways data breach might involve a vast "
     "amount of personal data. The Privacy Commissioner has opened an inquiry. The Privacy "
     "Commissioner asked for a report.",
     [("Larkmoor Airways", "ORG"), ("Privacy Commissioner", "ORG")], None, "Larkmoor Airways"),
    # ... also in the headline
    ("The gang leaked ten episodes of the series on Filedrop. It said it had given Brindle "
     "Studios a deadline. Filedrop removed the files. Filedrop said it acts fast.",
     [("Brindle Studios", "ORG"), ("Filedrop", "ORG")],
     "Episodes leaked after Brindle Studios extortion attempt fails",
     "Brindle Studios"),
    # refusing or declining to pay a ransom, paying an amount
    ("The hackers released the files because Brindle Studios didn't want to pay a ransom "
     "demand, they wrote on Filedrop. Filedrop removed the post. Filedrop said it acts fast.",
     [("Brindle Studios", "ORG"), ("Filedrop", "ORG")], None, "Brindle Studios"),
    ("In February, Oakhurst Medical Center paid a $17,000 ransom in bitcoin, the hackers "
     "wrote on Filedrop. Filedrop removed the post. Filedrop said it acts fast.",
     [("Oakhurst Medical Center", "ORG"), ("Filedrop", "ORG")], None,
     "Oakhurst Medical Center"),
])
def test_organisations_incident_noun_modifiers_and_ransom_payers_are_victims(
        nlp, text, ents, title, victim):
    doc = run(nlp, text, ents, title=title)
    assert victims(doc) == [victim]


def test_organisations_products_and_named_threats_are_no_victims(nlp):
    """"thousands of X databases were wiped" names a product; "the X flaw", "a new strain of
    ransomware, X," name a threat: none of them is the organisation attacked."""
    text = ("Days after thousands of Quarrydb databases were wiped by ransomware, attackers "
            "turned to other servers. The Glimmerbleed flaw was still found in 200,000 devices. "
            "A new strain of ransomware, Kestrix, has infected hundreds of mining rigs.")
    doc = run(nlp, text, [("Quarrydb", "ORG"), ("Glimmerbleed", "ORG"), ("Kestrix", "ORG")],
              title="Ransomware attacks hit databases")
    assert victims(doc) == []


def test_organisations_firm_reporting_a_leak_is_no_victim(nlp):
    """A firm that published the report ("according to a report by X ... X said") is no victim
    without a plain victim pattern."""
    text = ("Thousands of mobile apps leaked passwords and emails, according to a report by "
            "Vantora. Vantora said the leaking servers were misconfigured.")
    doc = run(nlp, text, [("Vantora", "ORG")], title="Apps leak user data")
    assert victims(doc) == []
    assert by_name(doc)["Vantora"].role == "security_firm"


def test_organisations_no_fallback_victim_when_a_more_salient_one_was_ruled_out(nlp):
    """The agency plainly the subject of the story (data stolen from it, "X breach" in the
    headline) is the victim; a less salient organisation is never taken in its place."""
    text = ("Officials warned that data stolen from the Office of Personnel Management could be "
            "used in phishing. The Office of Personnel Management said it had notified staff. "
            "The Counterintelligence Executive said attacks were rising.")
    doc = run(nlp, text, [("Office of Personnel Management", "ORG"),
                          ("Counterintelligence Executive", "ORG")],
              title="Feds at risk after Office of Personnel Management breach")
    assert "Counterintelligence Executive" not in victims(doc)
    assert victims(doc) == ["Office of Personnel Management"]


# ----------------------------------------------------------------------------- review fixes
def test_organisations_security_firms_listed_as_commenters_are_no_round_up(nlp):
    """"Security firms such as X said" / "Cyber firms including X and Y said" list commenting
    firms, not victims: the organisation plainly hit stays the victim."""
    for firms in ("Security firms such as Tresorit Labs", "Cyber firms including Tresorit Labs "
                  "and Hexaware Security"):
        text = ("A ransomware attack shut down Colonial Pipeline on Friday, halting fuel "
                f"supplies to the East Coast. {firms} said the ransomware was sold by a "
                "criminal gang.")
        doc = run(nlp, text, [("Colonial Pipeline", "ORG"), ("Tresorit Labs", "ORG"),
                              ("Hexaware Security", "ORG")])
        assert victims(doc) == ["Colonial Pipeline"], firms


def test_organisations_relative_clause_with_a_negation_is_no_hit(nlp):
    """"X, which said it was not hacked" denies the attack."""
    text = ("A ransomware outbreak crippled shipping giant Maersk on Tuesday. Walmart, which "
            "said it was not hacked, has increased monitoring of its systems.")
    doc = run(nlp, text, [("Maersk", "ORG"), ("Walmart", "ORG")])
    assert victims(doc) == ["Maersk"]


def test_organisations_maker_context_needs_a_list_of_names(nlp):
    """"devices from dozens of departments at X" is no maker of devices: X stays the victim."""
    text = ("The worm infected devices from dozens of departments at Springfield General "
            "Hospital on Monday, forcing staff to use paper records. The hospital said it was "
            "investigating the attack.")
    doc = run(nlp, text, [("Springfield General Hospital", "ORG")])
    assert victims(doc) == ["Springfield General Hospital"]
    # a backdoor planted in a maker's products: the maker was breached (supply chain)
    text = ("Hackers planted a backdoor in software products from Solvane, which thousands of "
            "agencies use. The agencies are checking their networks.")
    doc = run(nlp, text, [("Solvane", "ORG")])
    assert by_name(doc)["Solvane"].role != "vendor"
    # a list of names after "the likes of" / "its" still names makers
    text = ("The flaw lets attackers hijack routers made by the likes of Asteron, Dlinko and "
            "Zyrex, researchers said.")
    doc = run(nlp, text, [("Asteron", "ORG"), ("Dlinko", "ORG"), ("Zyrex", "ORG")])
    assert {o.role for o in doc._.organisations} == {"vendor"}


def test_organisations_round_up_after_a_theft_from_the_listed_kind(nlp):
    """"card data was stolen from franchised locations that include A, B and C": a round-up
    of victims without an attack participle after the head noun."""
    text = ("Dalemont Hotels Group says card data was stolen from franchised locations that "
            "include Holmwood Inn, Candora Suites and Staylane Suites.")
    doc = run(nlp, text, [("Dalemont Hotels Group", "ORG"), ("Holmwood Inn", "ORG"),
                          ("Candora Suites", "ORG"), ("Staylane Suites", "ORG")])
    assert {"Holmwood Inn", "Candora Suites", "Staylane Suites"} <= set(victims(doc))


def test_organisations_looks_like_is_no_lure(nlp):
    """"It looks like X has suffered another data breach" names the victim, not a bait."""
    text = ("It looks like Uber has suffered another data breach. The ride-hailing company "
            "said hackers accessed the data of 57 million users and drivers.")
    doc = run(nlp, text, [("Uber", "ORG")])
    assert victims(doc) == ["Uber"]


def test_organisations_other_attacks_without_a_named_object_are_no_background(nlp):
    """"the FBI is checking whether other attacks are linked" does not make the sentence
    that names the victim a background one."""
    text = ("Police are investigating a series of incidents in the county. Officers said the "
            "investigation could take months. Hackers breached Greenfield Credit Union on "
            "Friday and stole customer data; the FBI is checking whether other attacks are "
            "linked.")
    doc = run(nlp, text, [("Greenfield Credit Union", "ORG"), ("FBI", "ORG")])
    assert victims(doc) == ["Greenfield Credit Union"]


def test_organisations_name_before_a_report_noun_is_no_breach_modifier(nlp):
    """"the Verizon data breach report" names a report's publisher, not a breach of Verizon."""
    text = ("Hackers breached the network of Acme Health last week. Stolen credentials were "
            "behind most incidents in the Verizon data breach report, experts said.")
    doc = run(nlp, text, [("Acme Health", "ORG"), ("Verizon", "ORG")])
    assert victims(doc) == ["Acme Health"]


def test_organisations_legal_demand_to_hand_over_is_no_extortion(nlp):
    """"The Justice Department demanded that X hand over encryption keys" is no ransom
    demand."""
    text = ("Hackers stole 40,000 student records from the Smallville School District, "
            "officials said. The Justice Department demanded that Applon hand over encryption "
            "keys for the suspect's phone.")
    doc = run(nlp, text, [("Smallville School District", "ORG"),
                          ("Justice Department", "ORG"), ("Applon", "ORG")])
    assert victims(doc) == ["Smallville School District"]


def test_organisations_title_case_headline_list_takes_only_known_names(nlp):
    """"Microsoft, Google Say Hackers Targeted Election Campaigns": the list is "Microsoft,
    Google"; "Say Hackers Targeted" is another clause, no headline hit of the list."""
    text = ("Hackers linked to Iran and China targeted the personal email accounts of campaign "
            "staff, according to security teams at Microsoft and Google. No breach was "
            "detected.")
    doc = run(nlp, text, [("Microsoft", "ORG"), ("Google", "ORG")],
              title="Microsoft, Google Say Hackers Targeted Election Campaigns")
    assert victims(doc) == []
    # a list of known names still shares the headline's hit, also with a Title Case "And"
    text = ("Google and Facebook said they were conned out of $100 million by a man who posed "
            "as a supplier. Google said it recovered most of the money.")
    doc = run(nlp, text, [("Google", "ORG"), ("Facebook", "ORG")],
              title="Google And Facebook Hit By $100M Cyber Attack")
    assert sorted(victims(doc)) == ["Facebook", "Google"]


def test_organisations_headline_investigator_is_no_victim(nlp):
    """"X investigates ransomware attack on Y": Y is the victim, not X."""
    text = ("A ransomware attack disrupted Riverside Hospital on Monday. Microsoft said its "
            "engineers are helping the hospital. Microsoft said the recovery could take weeks.")
    doc = run(nlp, text, [("Riverside Hospital", "ORG"), ("Microsoft", "ORG")],
              title="Microsoft investigates ransomware attack on Riverside Hospital")
    assert victims(doc) == ["Riverside Hospital"]


@pytest.mark.parametrize("sentence", [
    "Pellcorp won't pay bug bounties to people who hack its systems.",
    "Pellcorp declined to pay the researcher who reported the flaw.",
    "Pellcorp is rarely targeted by such hackers, experts said.",
    "Pellcorp paid a ransom-sized bounty to the researcher who found the flaw.",
])
def test_organisations_paying_without_a_ransom_and_rare_targets_are_no_victims(nlp, sentence):
    """"won't pay bug bounties", "declined to pay the researcher", "is rarely targeted" and
    "a ransom-sized bounty" are no victim patterns."""
    text = ("Hackers breached Norvane Bank on Friday and stole card data. " + sentence)
    doc = run(nlp, text, [("Norvane Bank", "ORG"), ("Pellcorp", "ORG")])
    assert victims(doc) == ["Norvane Bank"]


def test_organisations_vulnerability_story_needs_a_plain_victim_pattern(nlp):
    """In an advisory without an incident, the maker quoted about its flaw is no victim."""
    text = ("A vulnerability was disclosed in the Quillon messaging client. Exploiting the "
            "flaw may allow an attacker to run code, Quillon said in an advisory.")
    doc = run(nlp, text, [("Quillon", "ORG")], title="Code execution flaw found in Quillon")
    assert victims(doc) == []


def test_organisations_brand_used_as_bait_is_no_victim(nlp):
    """Phishing that imitates a brand's login page, or messages "claiming to be from" an
    agency: the brand and the agency are impersonated, not attacked."""
    text = ("A phishing campaign lured Streamly users to a legitimate looking Streamly login "
            "page. The fake pages targeted Streamly's customers and their cards. Fraudsters sent "
            "texts claiming to be from the Revenue Office. Streamly said it never asks for "
            "card numbers.")
    doc = run(nlp, text, [("Streamly", "ORG"), ("Revenue Office", "ORG")],
              title="Streamly phishing campaign targeted card data")
    assert victims(doc) == []


def test_organisations_new_jersey_center_is_no_authority():
    """"New" opens "New Zealand" but not every name: a New Jersey clinic is no agency."""
    from pipeline.nlp.org_roles import _name_role
    assert _name_role("New Jersey Spine Center") is None
    assert _name_role("New Zealand Transport Agency") == "authority"
    assert _name_role("National Cyber Security Centre") == "authority"


def test_organisations_systems_as_subject_and_round_up_lists_make_victims(nlp):
    """"some X computers were infected" names X as the victim; "institutions including A, B,
    C and D" in an attack sentence makes every listed organisation a victim."""
    text = ("Some Colvane Department of Roads computers were infected with ransomware on "
            "Wednesday, the Colvane Department of Roads said. The FBI said the FBI is helping. "
            "Institutions affected by the ransomware include Harwick Health, Orlen Freight "
            "and Dunmoor Oil, few of which paid the ransom.")
    doc = run(nlp, text, [("Colvane Department of Roads", "ORG"), ("FBI", "ORG"),
                          ("Harwick Health", "ORG"), ("Orlen Freight", "ORG"),
                          ("Dunmoor Oil", "ORG")])
    assert sorted(victims(doc)) == ["Colvane Department of Roads", "Dunmoor Oil",
                                    "Harwick Health", "Orlen Freight"]


def test_organisations_clipped_compound_is_a_short_form(nlp):
    """"Mat-Su" clips each part of "Matanuska-Susitna": one organisation."""
    text = ("Matanuska-Susitna Borough declared a disaster after ransomware encrypted its "
            "servers. Mat-Su staff went back to typewriters.")
    doc = run(nlp, text, [("Matanuska-Susitna Borough", "ORG"), ("Mat-Su", "ORG")])
    org = by_name(doc)["Matanuska-Susitna Borough"]
    assert "Mat-Su" in org.aliases


def test_organisations_names_in_a_list_are_no_expert_affiliations(nlp):
    """"... locations that include Holiday Inn, Holiday Inn Express and Candlewood Suites":
    "Holiday Inn, Holiday Inn Express" is a list, not "Jo Smith, analyst at X"."""
    text = ("Dalemont Hotels Group says card data was stolen from franchised locations that "
            "include Holiday Inn, Holiday Inn Express and Candlewood Suites.")
    doc = run(nlp, text, [("Dalemont Hotels Group", "ORG"), ("Holiday Inn", "ORG"),
                          ("Holiday Inn Express", "ORG"), ("Candlewood Suites", "ORG")])
    roles = {o.name: o.role for o in doc._.organisations}
    assert "security_firm" not in roles.values()


def test_organisations_listed_names_the_ner_took_for_places_are_victims(nlp):
    """Names labelled GPE that are no known place ("Celvaro", "Tundix"), listed as plainly
    attacked, are victims; a real place in the same list ("Kuala Lumpur") is not."""
    text = ("Telecommunications providers caught by the breach include Celvaro, Tundix, "
            "Kuala Lumpur and Orvix Mobile, reports suggest.")
    doc = run(nlp, text, [("Celvaro", "GPE"), ("Tundix", "GPE"), ("Kuala Lumpur", "GPE"),
                          ("Orvix Mobile", "ORG")])
    assert sorted(victims(doc)) == ["Celvaro", "Orvix Mobile", "Tundix"]


def test_organisations_company_whose_ceo_speaks_is_no_security_firm(nlp):
    """"X CEO Jo Marsh says" is the organisation speaking for itself, not an expert's firm."""
    text = ("Personal data of candidates was exposed in a leak, Jobvance CEO Suresh Tan says "
            "in an email. Jobvance said it is enhancing its security measures.")
    doc = run(nlp, text, [("Jobvance", "ORG"), ("Suresh Tan", "PERSON")])
    assert by_name(doc)["Jobvance"].role != "security_firm"


@pytest.mark.parametrize("title", [
    "Jobvance confirms hit by data leak",
    "Jobvance suffers data breach",
    "Jobvance hit by ransomware",
])
def test_organisations_headline_grammar_names_the_victim(nlp, title):
    """Headlines drop the auxiliary: "X hit by", "X confirms hit by", "X suffers breach"."""
    text = ("Jobvance is informing clients by email whether their data was involved. Kelmar "
            "Analytics said Kelmar Analytics had seen the files online. Kelmar Analytics said "
            "the files are still online.")
    doc = run(nlp, text, [("Jobvance", "ORG"), ("Kelmar Analytics", "ORG")], title=title)
    assert victims(doc) == ["Jobvance"]


def test_organisations_makers_of_attacked_devices_are_vendors(nlp):
    """"the attack on printers from X, Y and Z": the makers, not the targets."""
    text = ("Researchers tested the destruction attack on printers from Brotherton, Kanmoro "
            "and Lexwell, and verified that they are vulnerable.")
    doc = run(nlp, text, [("Brotherton", "ORG"), ("Kanmoro", "ORG"), ("Lexwell", "ORG")],
              title="Printers can be attacked over the network")
    assert victims(doc) == []
    assert {o.role for o in doc._.organisations} == {"vendor"}


def test_organisations_hyphen_compound_and_report_publisher_are_no_victims(nlp):
    """"attacks on Internet-exposed servers" does not name "Internet"; "according to X's
    Security Report" makes X the firm behind the figures."""
    text = ("The attacks are happening via brute-force attacks on Tarnet-exposed database "
            "servers. Half of businesses were hit by ransom attacks, according to Radvale's "
            "Global Application Security Report.")
    doc = run(nlp, text, [("Tarnet", "ORG"), ("Radvale", "ORG")],
              title="Ransom attacks hit database servers")
    assert victims(doc) == []
    assert by_name(doc)["Radvale"].role == "security_firm"


def test_organisations_relative_clause_and_inverted_list_make_victims(nlp):
    """"X in the UK, which confirmed that it was attacked"; "among the first organisations to
    be impacted by the worm is X"; "X ... over the past few years" is background."""
    text = ("Among the first large organisations to be impacted by the worm is the Harland "
            "Health Service in the UK, which has publicly confirmed that it was attacked. "
            "Patient records are safe, it said. Over the past few years, retailers such as "
            "Tarvey have battled malware on tills.")
    doc = run(nlp, text, [("Harland Health Service", "ORG", "agency"), ("Tarvey", "ORG")])
    assert victims(doc) == ["Harland Health Service"]


def test_organisations_spaceless_gazetteer_name_keeps_its_role(nlp):
    """"TheDarkOverlord" is the gazetteer's "The Dark Overlord" written without spaces."""
    text = ("TheDarkOverlord leaked the episodes after Larson Studios refused to pay the "
            "ransom. The Dark Overlord said more studios were hacked.")
    doc = run(nlp, text, [("TheDarkOverlord", "ORG"), ("The Dark Overlord", "ORG"),
                          ("Larson Studios", "ORG")])
    assert victims(doc) == ["Larson Studios"]
    assert {o.role for o in doc._.organisations if "Overlord" in o.name} == {"attacker"}


def test_organisations_known_vendor_of_an_exploited_product_is_no_victim(nlp):
    """A gazetteer vendor whose product's zero-day is exploited is the vendor, not the
    victim, unless a plain victim pattern names it."""
    text = ("Attackers are exploiting a zero-day vulnerability in Microsoft Office to install "
            "malware, researchers said. Microsoft said it is investigating the attacks.")
    doc = run(nlp, text, [("Microsoft", "ORG")], title="Attacks detected with new Office flaw")
    assert victims(doc) == []
    assert by_name(doc)["Microsoft"].role == "vendor"


def test_organisations_headline_list_subject_hit_is_a_victim(nlp):
    """"Google, Facebook hit by $100M cyber attack": each listed subject of the headline."""
    text = ("Google and Facebook said they were conned out of $100 million by a man who posed "
            "as a supplier. Google said it recovered most of the money.")
    doc = run(nlp, text, [("Google", "ORG"), ("Facebook", "ORG")],
              title="Google, Facebook hit by $100M cyber attack")
    assert sorted(victims(doc)) == ["Facebook", "Google"]


def test_organisations_name_taken_for_a_place_is_kept_in_an_organisation_context(nlp):
    """A LOC/GPE entity that is no known place, in a vendor context ("printers from
    manufacturers including X"), is listed; a real place in the same list is not."""
    text = ("The flaws affect printers from manufacturers including Delmark, Konora and "
            "Kyoto, researchers said.")
    doc = run(nlp, text, [("Delmark", "ORG"), ("Konora", "LOC"), ("Kyoto", "GPE")])
    names = by_name(doc)
    assert "Konora" in names and "Kyoto" not in names


def test_organisations_software_kinds_and_listed_lures_are_no_victims(nlp):
    """"platforms such as X and Y" name software; "emails purporting to be from companies we
    trust such as A and B" and "fake correspondence from C" name bait."""
    text = ("Criminals went after other development platforms such as Elastibase and "
            "Coachdb, encrypting data and demanding a ransom. Phishing emails purporting to "
            "be from companies we trust such as Amazor and Paypine, and fake correspondence "
            "from Revenue Bureau, are stealing card numbers.")
    doc = run(nlp, text, [("Elastibase", "ORG"), ("Coachdb", "ORG"), ("Amazor", "ORG"),
                          ("Paypine", "ORG"), ("Revenue Bureau", "ORG")],
              title="Ransom attacks spread to new platforms")
    assert victims(doc) == []


def test_organisations_other_incidents_are_background_and_fixers_are_vendors(nlp):
    """"a group linked to other incidents, including the hacking of X" is background; "fixed
    by X" makes X the vendor; "X Says Hit By Cyberattack" names the victim."""
    text = ("The federation said it has become the victim of a cyberattack by a group linked "
            "to other incidents, including the hacking of the Dovrel Anti-Doping Agency. The "
            "International Athletics Federation said athletes' records were accessed. The "
            "flaw used was fixed by Apachon.")
    doc = run(nlp, text, [("Dovrel Anti-Doping Agency", "ORG"),
                          ("International Athletics Federation", "ORG"), ("Apachon", "ORG")],
              title="International Athletics Federation Says Hit By Cyberattack")
    assert victims(doc) == ["International Athletics Federation"]
    assert by_name(doc)["Apachon"].role == "vendor"


def test_organisations_adverbs_extortion_targets_and_units_are_victims(nlp):
    """"X was particularly badly hit", "demanding Y pay a ransom", "data of passengers of Z
    and its unit W had been accessed without authorisation"."""
    text = ("The worm spread fast across Europe. The UK's Health Service Agency was particularly "
            "badly hit by the attack. Separately, the hackers are demanding Applon pay a ransom "
            "by Friday. Data of passengers of Cathway and its unit Dragonair had been accessed "
            "without authorisation, Cathway said.")
    doc = run(nlp, text, [("Health Service Agency", "ORG", "agency"), ("Applon", "ORG"),
                          ("Cathway", "ORG"), ("Dragonair", "ORG")])
    assert sorted(victims(doc)) == ["Applon", "Cathway", "Dragonair", "Health Service Agency"]


def test_organisations_plural_gazetteer_name_and_peoples(nlp):
    """"Fancy Bears" is the gazetteer's "Fancy Bear" (an attacker); "South Koreans" is a
    people, no organisation."""
    text = ("Hacking groups such as Fancy Bears leaked emails stolen from the Dorval Party. "
            "South Koreans are disproportionately hit by ransomware, the study found.")
    doc = run(nlp, text, [("Fancy Bears", "ORG"), ("Dorval Party", "ORG"),
                          ("South Koreans", "GPE")])
    names = by_name(doc)
    assert names["Fancy Bears"].role == "attacker"
    assert "South Koreans" not in names


def test_organisations_software_named_in_an_advisory_is_no_victim(nlp):
    """In a vulnerability story, a name used for software ("the Quirrel Windows client",
    "webmail software Quirrel") is no victim."""
    text = ("Users of open source webmail software Quirrel are open to remote code execution "
            "due to a bug. The Quirrel Windows client stored passwords in plain text, and "
            "attackers could exploit it.")
    doc = run(nlp, text, [("Quirrel", "ORG")], title="Quirrel opens users to attacks")
    assert victims(doc) == []


def test_organisations_gang_names_are_attackers_and_word_fragments_no_victims(nlp):
    """"the Turkish Crime Family" names itself as a gang (an attacker, listed as a threat
    actor); "Zero" cut from "Zero-Day" is no organisation attacked."""
    text = ("Hackers calling themselves the Ankaran Crime Family are demanding Applon pay a "
            "ransom, and the Ankaran Crime Family said it holds 300 million accounts. A "
            "Zero-Day flaw is being targeted in the wild.")
    doc = run(nlp, text, [("Ankaran Crime Family", "ORG"), ("Applon", "ORG"), ("Zero", "ORG")],
              title="Zero-Day attacks hit Applon")
    assert victims(doc) == ["Applon"]
    assert by_name(doc)["Ankaran Crime Family"].role == "attacker"
    assert "Ankaran Crime Family" in doc._.threat_actors


def test_organisations_lists_after_an_attack_participle_and_a_place_are_victims(nlp):
    """"disrupting car factories, global shipper X and Y"; "institutions including A, the B
    in the UK, C and D": every listed organisation."""
    text = ("The worm has affected 200,000 computers since Friday, disrupting car factories, "
            "global shipper Fedmax Corp and Petrolia. Institutions hit by the ransomware "
            "include the Harbour Health Service in the UK, Orlen Freight and Dunmoor Oil.")
    doc = run(nlp, text, [("Fedmax Corp", "ORG"), ("Petrolia", "ORG"),
                          ("Harbour Health Service", "ORG"), ("Orlen Freight", "ORG"),
                          ("Dunmoor Oil", "ORG")])
    assert sorted(victims(doc)) == ["Dunmoor Oil", "Fedmax Corp", "Harbour Health Service",
                                    "Orlen Freight", "Petrolia"]


def test_organisations_list_after_an_attack_participle_takes_only_names(nlp):
    """The list after "hitting"/"crippling" holds only names (a short description before one:
    "the Canadian town of X"): software before a product noun ("attacks hitting openly
    accessible X and Y deployments", X missed by the NER) and a name after arbitrary words
    ("affecting the way shoppers pay at Z") are no victims."""
    text = ("Ransom notes followed attacks hitting openly accessible Quarrydb and Mongrel "
            "deployments.")
    doc = run(nlp, text, [("Mongrel", "ORG")])
    assert victims(doc) == []
    text = ("Hackers breached Holloway Bank on Monday and stole card data. A second wave of the "
            "attacks is affecting the way shoppers pay at Tarnview.")
    doc = run(nlp, text, [("Holloway Bank", "ORG"), ("Tarnview", "ORG")])
    assert victims(doc) == ["Holloway Bank"]
    text = ("The ransomware outbreak spread on Monday, crippling hospitals, the Canadian town of "
            "Ardleigh and Verlo Freight, officials said.")
    doc = run(nlp, text, [("Ardleigh", "GPE"), ("Verlo Freight", "ORG")])
    assert sorted(victims(doc)) == ["Verlo Freight", "town of Ardleigh"]


def test_organisations_a_law_firm_speaking_for_a_client_is_no_fallback_victim(nlp):
    """No organisation is plainly attacked: the law firm whose partner comments is not taken
    as the victim for being the most salient name; a law firm plainly breached still is."""
    text = ("Ransomware hit a hospital in Ohio on Monday. Elena Dorsey, a partner at the law "
            "firm Kaplan Rhodes, said the attack was serious.")
    doc = run(nlp, text, [("Elena Dorsey", "PERSON"), ("Kaplan Rhodes", "ORG")])
    assert victims(doc) == []
    text = "Hackers breached the law firm Kaplan Rhodes and stole client files, the firm said."
    doc = run(nlp, text, [("Kaplan Rhodes", "ORG")])
    assert victims(doc) == ["Kaplan Rhodes"]


@pytest.mark.parametrize("text,name", [
    ("A distributed denial-of-service attack knocked the website of the Ministry of Foreign "
     "Affairs of Veltravia offline on Tuesday.", "Ministry of Foreign Affairs of Veltravia"),
    ("Hackers defaced the website of the Lindenbrook Police Department on Saturday, posting a "
     "political message.", "Lindenbrook Police Department"),
    ("A DDoS attack took down the websites of the Ministry of Justice of Ardovia for several "
     "hours.", "Ministry of Justice of Ardovia"),
])
def test_organisations_a_body_whose_website_is_attacked_is_the_victim(nlp, text, name):
    """An agency is a victim only when plainly attacked: its website defaced or knocked
    offline is that (not a mere mention: it stays an authority otherwise)."""
    doc = run(nlp, text, [(name, "ORG")])
    assert victims(doc) == [name]


def test_organisations_a_city_or_state_name_ends_at_the_full_stop(nlp):
    """"the state of X. The attack ..." names "state of X", not "state of X. The"."""
    text = ("Hackers took down the website of the state of North Rhine-Westphalia. The attack "
            "lasted several hours.")
    doc = run(nlp, text, [])
    assert [o.name for o in doc._.organisations] == ["state of North Rhine-Westphalia"]


def test_organisations_the_client_that_hired_responders_is_no_helper(nlp):
    """"Her team was hired by X after ransomware halted production": X hired the responders
    and is the victim; "X has hired Y to investigate" still makes Y the helper."""
    text = ("Nadia Rahman is incident response lead at Tidewater Cyber. Her team was hired by "
            "Castlebrook Foods after ransomware halted production at three of its plants.")
    doc = run(nlp, text, [("Tidewater Cyber", "ORG"), ("Castlebrook Foods", "ORG")])
    assert victims(doc) == ["Castlebrook Foods"]
    text = ("Ransomware halted production at three plants of Castlebrook Foods. The company "
            "has hired Tidewater Cyber to investigate.")
    doc = run(nlp, text, [("Tidewater Cyber", "ORG"), ("Castlebrook Foods", "ORG")])
    assert victims(doc) == ["Castlebrook Foods"]
    assert {o.name: o.role for o in doc._.organisations}["Tidewater Cyber"] == "security_firm"


@pytest.mark.parametrize("text,name", [
    ("Criminals ran a phishing operation that impersonated the delivery firm ParcelPoint, "
     "sending texts about missed parcels to millions of people.", "ParcelPoint"),
    ("A phishing campaign impersonating the tax authority Revenue Office has targeted "
     "thousands of taxpayers.", "Revenue Office"),
])
def test_organisations_a_brand_impersonated_with_its_description_is_no_victim(nlp, text, name):
    """"impersonating the delivery firm X": X is the bait, not the victim (the gold rules);
    a plainly breached X stays a victim."""
    doc = run(nlp, text, [(name, "ORG")])
    assert victims(doc) == []
    doc = run(nlp, f"Hackers breached {name} and stole customer data.", [(name, "ORG")])
    assert victims(doc) == [name]


_SUPPLIER = [("Quillpay", "ORG"), ("Harrow Bank", "ORG"), ("Delmont Insurance", "ORG"),
             ("Kelby Group", "ORG"), ("Radio Tarn", "ORG", "media")]


@pytest.mark.parametrize("after", [
    "Among the customers affected are Harrow Bank, Delmont Insurance and the Kelby Group.",
    "Among those hit were Harrow Bank, Delmont Insurance and the Kelby Group.",
    "Harrow Bank, Delmont Insurance and the Kelby Group were among the clients affected.",
    "Harrow Bank, Delmont Insurance and the Kelby Group had staff data stolen in the attack.",
    "Its clients, including Harrow Bank, Delmont Insurance and the Kelby Group, were also "
    "affected.",
    "Other customers exposed by the Quillpay payroll data breach include Harrow Bank, Delmont "
    "Insurance and the Kelby Group.",
])
def test_organisations_affected_clients_of_a_breached_supplier_are_victims(nlp, after):
    """A supplier is breached and its named affected clients are victims too (the supplier
    stays one): "among the clients affected were A, B", "A and B were among those hit", "A
    and B had data stolen", "its clients, including A and B, were also affected"."""
    text = "The payroll provider Quillpay was hit by ransomware on Monday. " + after
    doc = run(nlp, text, _SUPPLIER)
    assert sorted(victims(doc)) == ["Delmont Insurance", "Harrow Bank", "Kelby Group",
                                    "Quillpay"]


@pytest.mark.parametrize("after", [
    "Quillpay, whose customers include Harrow Bank and Delmont Insurance, said it was "
    "investigating.",
    "The firm counts Harrow Bank and Delmont Insurance among its customers.",
    "Quillpay provides payroll services to clients including Harrow Bank and Delmont "
    "Insurance.",
    "Among its customers are Harrow Bank and Delmont Insurance.",
])
def test_organisations_clients_merely_named_as_customers_are_no_victims(nlp, after):
    """A supplier's customers named in its description, not as affected, stay "other"."""
    text = "The payroll provider Quillpay was hit by ransomware on Monday. " + after
    doc = run(nlp, text, _SUPPLIER)
    assert victims(doc) == ["Quillpay"]


def test_organisations_media_client_plainly_affected_is_a_victim(nlp):
    """A broadcaster the gazetteer knows as media is a victim when plainly named as affected
    ("clients including Radio Tarn ... were affected"); one that only reports stays out."""
    text = ("The payroll provider Quillpay was hit by ransomware on Monday. Customers including "
            "Radio Tarn, Harrow Bank and Delmont Insurance were affected.")
    doc = run(nlp, text, _SUPPLIER)
    assert sorted(victims(doc)) == ["Delmont Insurance", "Harrow Bank", "Quillpay",
                                    "Radio Tarn"]
    text = ("The payroll provider Quillpay was hit by ransomware on Monday, Radio Tarn "
            "reported.")
    doc = run(nlp, text, _SUPPLIER)
    assert victims(doc) == ["Quillpay"]


def test_organisations_a_victim_finding_its_own_breach_is_no_security_firm(nlp):
    """"X discovered the attack months later" and "a spokesman for X said" are a victim
    speaking of its own incident (X stays the victim); "Y discovered a new ransomware campaign"
    and "Jo Marsh, an analyst at Y, said" still make Y a security firm."""
    title = "Corvel Outdoor falls victim to cyber attack on staff records"
    text = ("A hacker gained access to internal systems holding the details of 20,000 staff. "
            "Corvel Outdoor discovered the attack three months later. A spokesman for Corvel "
            "Outdoor said: \"We cannot comment on operational matters.\"")
    doc = run(nlp, text, [("Corvel Outdoor", "ORG")], title=title)
    assert victims(doc) == ["Corvel Outdoor"]
    text = ("Quarry Labs discovered a new ransomware campaign aimed at hospitals. Jo Marsh, an "
            "analyst at Quarry Labs, said the campaign was spreading.")
    doc = run(nlp, text, [("Quarry Labs", "ORG"), ("Jo Marsh", "PERSON")])
    assert by_name(doc)["Quarry Labs"].role == "security_firm"
    assert victims(doc) == []


def test_organisations_agreeing_to_pay_the_ransom_marks_the_victim(nlp):
    """"web provider X agreed to pay the ransomware in instalments": X (a provider, not a
    product vendor) is the victim; agreeing to pay a fine is no attack."""
    text = ("Ransomware locked more than 150 servers that the web provider Halvio hosted. "
            "Halvio agreed to pay the ransomware in three instalments, and Halvio said most "
            "servers were back.")
    doc = run(nlp, text, [("Halvio", "ORG")])
    assert victims(doc) == ["Halvio"]
    text = ("Regulators said the web provider Halvio had broken data rules after a "
            "ransomware outbreak at a rival. Halvio agreed to pay the fine.")
    doc = run(nlp, text, [("Halvio", "ORG")])
    assert victims(doc) == []


def test_organisations_a_supplier_leaking_its_clients_data_makes_them_victims(nlp):
    """"Glassport was leaking customer HTTPS sessions for A, B and C": every listed client is
    a victim; clients whose traffic a supplier merely carries are not."""
    ents = [("Glassport", "ORG"), ("Harrow Bank", "ORG"), ("Delmont Insurance", "ORG"),
            ("Kelby Group", "ORG")]
    text = ("A parsing bug at the content network Glassport went unnoticed for months. Through "
            "the bug, Glassport was leaking customer HTTPS sessions for Harrow Bank, Delmont "
            "Insurance and Kelby Group.")
    doc = run(nlp, text, ents)
    # (review fixes, session 7: the supplier leaking what it held is a victim next to them)
    assert sorted(victims(doc)) == ["Delmont Insurance", "Glassport", "Harrow Bank",
                                    "Kelby Group"]
    text = ("A parsing bug at the content network Glassport leaked memory for months. "
            "Glassport carries the traffic of Harrow Bank and Delmont Insurance.")
    doc = run(nlp, text, ents)
    assert "Harrow Bank" not in victims(doc) and "Delmont Insurance" not in victims(doc)


def test_organisations_sustaining_attacks_marks_the_victim(nlp):
    """"X sustained three ransomware attacks" names X as attacked; "sustained heavy losses"
    does not."""
    doc = run(nlp, "Delmont Clinic was hit by ransomware in March. Harrow Hospital sustained "
                   "three ransomware attacks this spring, officials said.",
              [("Harrow Hospital", "ORG"), ("Delmont Clinic", "ORG")])
    assert sorted(victims(doc)) == ["Delmont Clinic", "Harrow Hospital"]
    doc = run(nlp, "Harrow Hospital sustained heavy losses this spring, officials said.",
              [("Harrow Hospital", "ORG")])
    assert victims(doc) == []


def test_organisations_the_salience_victim_is_named_in_the_headline_or_lead(nlp):
    """When nothing is plainly attacked, the most salient organisation is taken as the victim
    only when the headline or the lead names it: a site first named further down (where the
    malware is posted) is not; a school named in the lead is."""
    text = ("Ransomware disrupted classes at a school in Ohio on Monday. Teachers went back to "
            "paper. The ransomware kit used is sold on the forum Tarvo Hub, where buyers pay for "
            "the ransomware in bitcoin. Tarvo Hub also lists phishing kits and stolen card data.")
    doc = run(nlp, text, [("Tarvo Hub", "ORG")])
    assert victims(doc) == []
    text = ("Ransomware disrupted classes at Ardmore Academy on Monday. Teachers went back to "
            "paper. The ransomware kit used is sold on a forum, where buyers pay in bitcoin.")
    doc = run(nlp, text, [("Ardmore Academy", "ORG")])
    assert victims(doc) == ["Ardmore Academy"]


def test_organisations_an_attackers_record_and_a_past_breach_are_background(nlp):
    """Organisations named only in an attacker's record ("the group, also said to be behind
    the hack of Y", "a suspect in attacks on Z") or in "a past breach at Y" are no victims of
    this article's incident; the organisation this article reports hit stays the victim, and
    one plainly hit in the same words without the record ("Hackers were behind the hack of
    Y") still is."""
    ents = [("Norvale Athletics", "ORG"), ("Tarn Party", "ORG"), ("Quell Agency", "ORG"),
            ("Ash Crew", "ORG")]
    text = ("Norvale Athletics was hit by a cyberattack from the Ash Crew group, the federation "
            "said on Monday. The Ash Crew group was also said to be behind the hack of the "
            "Tarn Party, and it is a suspect in attacks on the Quell Agency.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Norvale Athletics"]
    text = ("Hackers claim to hold 500 million Norvale accounts, Norvale Athletics said. Some "
            "of the passwords matched data leaked in a past breach at Tarn Party.")
    doc = run(nlp, text, ents)
    assert "Tarn Party" not in victims(doc)
    text = ("Tarn Party was hit by a cyberattack on Monday. Police said the Ash Crew group was "
            "behind the hack of the Tarn Party.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Tarn Party"]


def test_organisations_a_brand_whose_customers_are_phished_is_the_bait(nlp):
    """"scammers are targeting Harrow Bank and Delmont Savings customers" (a phishing story):
    the banks are the bait, not victims; "sites built to mimic those of X" likewise. A bank
    whose own staff are phished and whose systems are breached stays a victim."""
    ents = [("Harrow Bank", "ORG"), ("Delmont Savings", "ORG")]
    text = ("The public was warned on Friday as phishing scammers are targeting Harrow Bank and "
            "Delmont Savings customers. The emails ask for card details.")
    doc = run(nlp, text, ents)
    assert victims(doc) == []
    text = ("Researchers found 300 phishing sites registered to mimic those of Harrow Bank, "
            "the report said.")
    doc = run(nlp, text, ents)
    assert victims(doc) == []
    text = ("A phishing campaign targeting Harrow Bank employees let hackers breach Harrow "
            "Bank's payment systems.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Harrow Bank"]


def test_organisations_the_recipient_of_a_breach_report_is_no_victim(nlp):
    """"reported the data breach to X" names a regulator, "compared the breach to Y" a
    comparison: neither is attacked; "the breach at Z" still names the victim."""
    ents = [("Dunmore Rail", "ORG"), ("Data Protection Board", "ORG"), ("Glintwell", "ORG")]
    text = ("Dunmore Rail forced customers to reset their passwords after a data breach. The "
            "company has reported the data breach to the Data Protection Board. Some experts "
            "compared the breach to Glintwell.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Dunmore Rail"]
    text = "Hackers stole card data in the breach at Glintwell, officials said."
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Glintwell"]


def test_organisations_an_agency_listed_among_the_attacked_is_a_victim(nlp):
    """An agency the gazetteer knows as an authority, listed among the organisations an
    attack disrupted ("disrupting car factories, the shipper X and Britain's Y"), is a victim
    like the others; an agency only named as investigating stays an authority."""
    ents = [("Fedmax Corp", "ORG"), ("Health Protection Agency", "ORG", "agency"),
            ("Britain", "GPE")]
    text = ("The worm has affected 200,000 computers since Friday, disrupting car factories, "
            "global shipper Fedmax Corp and Britain's Health Protection Agency, among others.")
    doc = run(nlp, text, ents)
    assert sorted(victims(doc)) == ["Fedmax Corp", "Health Protection Agency"]
    text = ("The worm has affected 200,000 computers since Friday, disrupting car factories and "
            "global shipper Fedmax Corp, officials said. Britain's Health Protection Agency is "
            "investigating.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Fedmax Corp"]
    assert by_name(doc)["Health Protection Agency"].role == "authority"


def test_organisations_names_sharing_a_product_noun_are_software(nlp):
    """"attacks hitting Quarrydb, Mongrel and Hadoop servers": several names before one
    product noun are software, not victims; one organisation's servers ("attacks hitting
    Harrow Bank servers") still make it the victim."""
    ents = [("Quarrydb", "ORG"), ("Mongrel", "ORG"), ("Hadoop", "ORG"), ("Harrow Bank", "ORG")]
    doc = run(nlp, "Ransom notes followed attacks hitting Quarrydb, Mongrel and Hadoop servers "
                   "this week.", ents)
    assert victims(doc) == []
    doc = run(nlp, "Ransom notes followed a wave of attacks on Quarrydb, Mongrel and Hadoop "
                   "installations.", ents)
    assert victims(doc) == []
    doc = run(nlp, "Ransom notes followed attacks hitting Harrow Bank servers this week.", ents)
    assert victims(doc) == ["Harrow Bank"]


def test_organisations_helpers_as_the_subject_work_with_the_victim(nlp):
    """"Federal officials, Norcrest and Delphix are working with the city of Ashbury": the
    city is the one helped (the victim), not a helper; "The city of Ashbury is working with
    Norcrest" still makes Norcrest a helper."""
    ents = [("Norcrest", "ORG"), ("Delphix", "ORG")]
    text = ("Ransomware struck municipal computers on Thursday. Federal officials, Norcrest and "
            "Delphix are working with the city of Ashbury to resolve the attack.")
    doc = run(nlp, text, ents)
    roles = {o.name: o.role for o in doc._.organisations}
    assert roles["city of Ashbury"] != "security_firm"
    assert roles["Norcrest"] == roles["Delphix"] == "security_firm"
    text = ("Ransomware encrypted computers of the city of Ashbury on Thursday. The city of "
            "Ashbury is working with Norcrest and Delphix to resolve the attack.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["city of Ashbury"]
    assert by_name(doc)["Norcrest"].role == "security_firm"


def test_organisations_a_place_locating_or_qualifying_is_no_victim(nlp):
    """"hit the town of Ardleigh in Manitoba": Manitoba locates the town; "data leaks at
    Manitoba companies": it qualifies them; neither makes the place (here read as an ORG by
    the NER) a victim. The town of Ardleigh stays one."""
    ents = [("Ardleigh", "GPE"), ("Manitoba", "ORG")]
    text = ("Hackers hit the town of Ardleigh in Manitoba with ransomware on Monday. Data leaks "
            "at Manitoba companies have risen this year, officials said.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["town of Ardleigh"]


def test_organisations_a_place_before_a_generic_noun_is_a_description(nlp):
    """An entity span that is only places or nationalities before a lower-case noun ("UK
    university", "Florida school district") describes an organisation and is neither listed
    nor a victim; "Marlow Keys school district" (another capitalised word) is a name."""
    ents = [("UK university", "ORG"), ("Harrow College", "ORG"),
            ("Marlow Keys school district", "ORG")]
    text = ("A second UK university has been hit by ransomware this week, after the attack on "
            "Harrow College.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Harrow College"]
    assert "UK university" not in by_name(doc)
    text = "Ransomware hit the Marlow Keys school district on Monday."
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Marlow Keys school district"]


def test_organisations_a_brand_named_as_bait_in_the_headline_is_no_victim(nlp):
    """Headline "Fake Harbour Rail receipts spread banking malware": Harbour Rail is the bait
    even when the body only names it; a headline naming it as hit keeps it a victim."""
    ents = [("Harbour Rail", "ORG")]
    text = ("Emails carrying a receipt that looks like one from Harbour Rail are spreading "
            "banking malware, researchers said. Harbour Rail customers should not open them.")
    doc = run(nlp, text, ents, title="Fake Harbour Rail receipts spread banking malware")
    assert victims(doc) == []
    text = ("Harbour Rail said on Monday that hackers stole customer data, and Harbour Rail "
            "customers should reset their passwords.")
    doc = run(nlp, text, ents, title="Harbour Rail hit by data breach")
    assert victims(doc) == ["Harbour Rail"]


def test_organisations_an_attack_that_could_happen_is_no_incident(nlp):
    """A flaw's impact ("would enable remote attacks on all Quarrynet nodes", "allows an
    attacker with network access to compromise Quarrynet") names no victim; attacks that
    happened ("launched attacks on all Quarrynet nodes", "allowed attackers to compromise
    Quarrynet servers last week") do."""
    ents = [("Quarrynet", "ORG"), ("Tessaly Labs", "ORG")]
    for text in ("Tessaly Labs found two flaws in the software, and the flaws would enable "
                 "remote attacks on all Quarrynet nodes.",
                 "Tessaly Labs found a flaw that allows an attacker with network access to "
                 "compromise Quarrynet."):
        doc = run(nlp, text, ents)
        assert victims(doc) == []
    text = "On Monday hackers launched attacks on all Quarrynet nodes, disrupting payments."
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Quarrynet"]


@pytest.mark.parametrize("text,ents", [
    ("Phishing texts are now so convincing that even bank staff struggle to spot them. Paul "
     "Marsh, retail fraud director at Harrow Banking Group, said customers should call their "
     "bank.", [("Harrow Banking Group", "ORG"), ("Paul Marsh", "PERSON")]),
    ("Half of small firms hit by ransomware paid the ransom, a survey commissioned by Tarvo "
     "Insurance found. Tarvo Insurance polled 500 firms in May.", [("Tarvo Insurance", "ORG")]),
])
def test_organisations_an_experts_employer_or_a_report_publisher_is_no_salience_victim(
        nlp, text, ents):
    """When nothing is plainly attacked, the employer of a commenting expert or the publisher
    of a report is not taken as the victim for being the most salient name."""
    doc = run(nlp, text, ents)
    assert victims(doc) == []


def test_organisations_a_victims_communications_director_is_no_expert(nlp):
    """"director of communications at X" speaks for X: X stays the (salience) victim of the
    headline's hack, not a commenting expert's employer."""
    text = ("A server was breached by an unknown attacker last week. According to Jo Pike, "
            "director of communications at Harrow Statistics Office, no personal data was "
            "taken by the hacker.")
    doc = run(nlp, text, [("Harrow Statistics Office", "ORG"), ("Jo Pike", "PERSON")],
              title="The Harrow Statistics Office site was hacked by an unknown attacker")
    assert victims(doc) == ["Harrow Statistics Office"]
    assert by_name(doc)["Harrow Statistics Office"].role == "victim"


# review fixes (session 7)
@pytest.mark.parametrize("text,names,expected", [
    ("Attacks hitting Vantor Bank and Colbry Insurance servers over the weekend encrypted "
     "customer databases.", ["Vantor Bank", "Colbry Insurance"],
     ["Vantor Bank", "Colbry Insurance"]),
    ("Hackers breached Marlow General Hospital and St Agnes Hospital databases and stole the "
     "records of 80,000 patients.", ["Marlow General Hospital", "St Agnes Hospital"],
     ["Marlow General Hospital", "St Agnes Hospital"]),
    ("Hackers compromised Tarvin Stores, Oldcastle Pharmacy and Greenway Market point-of-sale "
     "installations and stole card numbers.",
     ["Tarvin Stores", "Oldcastle Pharmacy", "Greenway Market"],
     ["Tarvin Stores", "Oldcastle Pharmacy", "Greenway Market"]),
    ("Ransomware crippled the Northgate Hospital and Elm Park Hospital servers on Saturday.",
     ["Northgate Hospital", "Elm Park Hospital"], ["Northgate Hospital", "Elm Park Hospital"]),
    ("Hackers breached the Ashcombe, Treloar and Pinnington databases and stole 2 million "
     "customer records. Ashcombe said payment card data was not affected.",
     ["Ashcombe", "Treloar", "Pinnington"], ["Ashcombe", "Treloar", "Pinnington"]),
    # the look-alike the software-list rule was written for stays software
    ("Ransom notes followed attacks hitting MongoDB, Elasticsearch and Hadoop servers this "
     "week.", ["MongoDB", "Elasticsearch", "Hadoop"], []),
    ("Attackers breached Confluence, Jira and Bitbucket servers left open to the internet.",
     ["Confluence", "Jira", "Bitbucket"], []),
])
def test_organisations_organisations_systems_listed_before_a_product_noun_are_victims(
        nlp, text, names, expected):
    """Several organisations' systems ("Vantor Bank and Colbry Insurance servers", "the
    Ashcombe, Treloar and Pinnington databases ... Ashcombe said") make each a victim: only
    names that look like products ("MongoDB, Elasticsearch and Hadoop servers") are
    software."""
    doc = run(nlp, text, [(n, "ORG") for n in names])
    assert sorted(victims(doc)) == sorted(expected)


def test_organisations_responders_finding_the_attack_on_another_organisation_are_no_victim(
        nlp):
    """"Incident responders from Sentrafield found the attack on Gorsedale University": the
    responder finds another organisation's incident (security firm, not victim); a victim
    finding its own attack ("Corvel Outdoor found the attack three months later") stays the
    victim."""
    text = ("Incident responders from Sentrafield found the attack on Gorsedale University "
            "while investigating a separate alert. Sentrafield said the attackers had been "
            "inside the network since October. The university said research data may have "
            "been stolen.")
    doc = run(nlp, text, [("Sentrafield", "ORG"), ("Gorsedale University", "ORG")])
    assert victims(doc) == ["Gorsedale University"]
    assert by_name(doc)["Sentrafield"].role == "security_firm"
    text = ("Hackers stole card data from the online shop of Corvel Outdoor in March. Corvel "
            "Outdoor found the attack three months later.")
    doc = run(nlp, text, [("Corvel Outdoor", "ORG")])
    assert victims(doc) == ["Corvel Outdoor"]


@pytest.mark.parametrize("text", [
    "Hackers encrypted the computers of the town of Elmstead on Monday. Beazley agreed to pay "
    "the ransom on the town's behalf, officials said.",
    "Hackers encrypted the computers of the town of Elmstead on Monday. Beazley agreed to pay "
    "the ransom on behalf of the town, officials said.",
])
def test_organisations_an_insurer_paying_the_ransom_for_the_victim_is_no_victim(nlp, text):
    """"Beazley agreed to pay the ransom on the town's behalf": the insurer pays for the
    victim and is not one; "Halvio agreed to pay the ransom" still marks Halvio (below)."""
    doc = run(nlp, text, [("Beazley", "ORG")])
    assert "Beazley" not in victims(doc)
    assert victims(doc) == ["town of Elmstead"]
    doc = run(nlp, "Ransomware encrypted files at a web host on Monday. Halvio agreed to pay "
                   "the ransom in three instalments.", [("Halvio", "ORG")])
    assert victims(doc) == ["Halvio"]


@pytest.mark.parametrize("text,name,victim", [
    ("Ransomware hit the Westbury school district on Monday, forcing classes to be cancelled. "
     "The district said student records may have been stolen.", "Westbury school district",
     True),
    ("A cyberattack on Oldham council's website left residents unable to pay council tax "
     "online for two days.", "Oldham council", True),
    ("Leicester city council said a cyber incident had forced it to shut down its IT systems. "
     "The council said emergency services were not affected.", "Leicester city council",
     False),
])
def test_organisations_a_town_and_a_public_body_noun_is_a_name(nlp, text, name, victim):
    """A town or city before a lower-case public-body noun ("Westbury school district",
    "Oldham council", "Leicester city council") names that body: it is listed (and the victim
    when attacked); a state before it ("a Florida school district") only describes."""
    doc = run(nlp, text, [(name, "ORG"), ("Westbury", "GPE"), ("Oldham", "GPE"),
                          ("Leicester", "GPE")])
    assert name in by_name(doc)
    if victim:
        assert victims(doc) == [name]
    text = ("Ransomware hit a Florida school district on Monday, forcing classes to be "
            "cancelled.")
    doc = run(nlp, text, [("Florida school district", "ORG")])
    assert doc._.organisations == []


def test_organisations_the_attacks_a_suspect_is_named_for_in_the_lead_are_the_incident(nlp):
    """"A Russian national who is a suspect in attacks on Ostrava Bank and Greyport Insurance
    was extradited": with no other organisation hit, those attacks are the article's incident
    and both names of the list are victims alike; an attacker's record next to this article's
    victim stays background (negative)."""
    ents = [("Ostrava Bank", "ORG"), ("Greyport Insurance", "ORG"), ("Norvale Athletics", "ORG"),
            ("Quell Agency", "ORG")]
    text = ("A Russian national who is a suspect in attacks on Ostrava Bank and Greyport "
            "Insurance was extradited to the United States on Friday. Prosecutors say he helped "
            "steal 12 million dollars from the two companies' customers in 2022.")
    doc = run(nlp, text, ents)
    assert sorted(victims(doc)) == ["Greyport Insurance", "Ostrava Bank"]
    text = ("A hacker who is a suspect in attacks on the Quell Agency was charged on Friday. "
            "Prosecutors say he hacked Norvale Athletics and stole its customer data in May.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Norvale Athletics"]


def test_organisations_a_supplier_leaking_its_clients_data_is_a_victim_next_to_them(nlp):
    """"Veltrix Networks was leaking customer HTTPS sessions for Orlan Bank, Pellucid Travel
    and Mistral Ticketing": the supplier leaking what it held is a victim next to all three
    clients; a supplier merely carrying their traffic is no victim of its own (negative)."""
    ents = [("Veltrix Networks", "ORG"), ("Veltrix", "ORG"), ("Orlan Bank", "ORG"),
            ("Pellucid Travel", "ORG"), ("Mistral Ticketing", "ORG"), ("Greyhaven Labs", "ORG")]
    text = ("A bug at the content delivery company Veltrix Networks was leaking customer HTTPS "
            "sessions for Orlan Bank, Pellucid Travel and Mistral Ticketing for nearly two "
            "weeks. Researchers at Greyhaven Labs found that cookies and login tokens from the "
            "three sites were exposed in cached pages. Veltrix said the flaw had been fixed.")
    doc = run(nlp, text, ents)
    assert sorted(victims(doc)) == ["Mistral Ticketing", "Orlan Bank", "Pellucid Travel",
                                    "Veltrix Networks"]
    assert by_name(doc)["Greyhaven Labs"].role == "security_firm"
    text = ("Hackers stole the customer records of Orlan Bank in a breach on Monday. Veltrix "
            "Networks was carrying the traffic for Orlan Bank, Pellucid Travel and Mistral "
            "Ticketing.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Orlan Bank"]


def test_organisations_the_last_name_of_a_list_of_organisations_is_one_too(nlp):
    """"sessions for Orlan Bank, Pellucid Travel and Mistral Ticketing" with only the first two
    found by the NER: the last list item is an organisation too (a victim like the others); a
    place closing such a list ("... and New York") is not listed."""
    ents = [("Veltrix Networks", "ORG"), ("Orlan Bank", "ORG"), ("Pellucid Travel", "ORG")]
    text = ("A bug at the content delivery company Veltrix Networks was leaking customer HTTPS "
            "sessions for Orlan Bank, Pellucid Travel and Mistral Ticketing for nearly two "
            "weeks.")
    doc = run(nlp, text, ents)
    assert "Mistral Ticketing" in victims(doc)
    text = ("Hackers breached the offices of Orlan Bank, Pellucid Travel and New York on "
            "Monday.")
    doc = run(nlp, text, ents + [("New York", "GPE")])
    assert "New York" not in by_name(doc)


def test_organisations_names_listed_with_the_salience_victim_share_its_standing(nlp):
    """"Ransomware encrypted Ashvale Council and Brindley Council servers": with no plain
    victim pattern, the salience victim's list partner is a victim too (both names of one list
    alike); an organisation named apart from it ("Brindley Council offered help") is not."""
    ents = [("Ashvale Council", "ORG"), ("Brindley Council", "ORG"),
            ("National Cyber Security Centre", "ORG")]
    text = ("Ransomware encrypted Ashvale Council and Brindley Council servers overnight, leaving "
            "residents unable to pay bills online. Both councils said they had reported the "
            "attack to the National Cyber Security Centre.")
    doc = run(nlp, text, ents)
    assert sorted(victims(doc)) == ["Ashvale Council", "Brindley Council"]
    assert by_name(doc)["National Cyber Security Centre"].role == "authority"
    text = ("Ransomware encrypted Ashvale Council servers overnight, leaving residents unable to "
            "pay bills online. Brindley Council offered its help.")
    doc = run(nlp, text, ents)
    assert victims(doc) == ["Ashvale Council"]
    # clients given as examples of a supplier's customers are not drawn in with the first one
    text = ("Norvale Hosting, which hosts email for clients such as Ashvale Council and Brindley "
            "Council, said hackers stole files from its own systems.")
    doc = run(nlp, text, ents)
    assert "Brindley Council" not in victims(doc)


# ----------------------------------------------------------------------------- session 8 review
def test_organisations_famous_or_listed_past_breaches_are_a_comparison(nlp):
    """"the highly publicized Orvane and Kestrel Social breaches" opening a story about
    passwords: Orvane is a comparison, not a victim (Kestrel Social, named in the headline,
    stays one); the same for several breaches named together with a plural head."""
    ents = [("Orvane", "ORG"), ("Kestrel Social", "ORG"), ("Tallis Mail", "ORG"),
            ("Pellor", "ORG")]
    text = ("Last year brought massive password dumps, resulting from the highly publicized "
            "Orvane and Kestrel Social breaches that exposed millions of passwords. Researchers "
            "at Pellor found that most leaked Kestrel Social passwords were easy to crack.")
    doc = run(nlp, text, ents, title="Kestrel Social breach: weak passwords are the norm")
    assert victims(doc) == ["Kestrel Social"]
    text = ("Hackers broke into Brindle Freight's network on Monday and stole shipping records. "
            "Analysts compared it with the Orvane and Tallis Mail hacks, which exposed "
            "customer passwords.")
    doc = run(nlp, text, ents + [("Brindle Freight", "ORG")])
    assert victims(doc) == ["Brindle Freight"]


def test_organisations_a_product_named_through_its_maker_is_no_victim(nlp):
    """"a breach of the Starfall Legends creator": the game is a product; its maker, named
    next, is the victim."""
    text = ("A breach of the Starfall Legends creator has exposed credentials for forum users. "
            "Quillbyte, the force behind that popular mobile game, said that a flaw in its "
            "forum software let hackers steal the data.")
    doc = run(nlp, text, [("Starfall Legends", "ORG"), ("Quillbyte", "ORG")])
    assert victims(doc) == ["Quillbyte"]


def test_organisations_the_sender_a_spam_pretends_to_be_is_a_lure(nlp):
    """"spam disguised as a payment confirmation email from X": X is impersonated."""
    text = ("Hackers infected thousands of computers this week. The attack starts with spam "
            "disguised as a payment confirmation email from Corvair Air, and the attachment "
            "installs banking malware.")
    doc = run(nlp, text, [("Corvair Air", "ORG")])
    assert victims(doc) == []


def test_organisations_a_sender_whose_own_server_was_taken_over_is_the_victim(nlp):
    """The messages pretend to come from X because attackers took over X's own mail system:
    X is attacked, not only impersonated; a brand the same spam merely imitates is not."""
    text = ("Ostler Seeds, a family-run garden supplier, said criminals took over its webmail "
            "accounts last weekend. Messages disguised as delivery updates from Ostler Seeds "
            "then asked gardeners to re-enter their card details. Separately, texts posing as "
            "a parcel notice from Dunmore Post are circulating.")
    doc = run(nlp, text, [("Ostler Seeds", "ORG"), ("Dunmore Post", "ORG")],
              title="Fake delivery updates from Ostler Seeds sent after its webmail was hijacked")
    assert victims(doc) == ["Ostler Seeds"]


def test_organisations_its_after_an_appositive_refers_to_the_name_it_describes(nlp):
    """"X, a Devon garden supplier, said hackers took over its mail server": "its" is X's,
    not the place's in the appositive, so X's own breach outweighs the lure of the spam sent
    in its name."""
    text = ("Ostler Seeds, a Devon garden supplier, said criminals took over its mail server "
            "last weekend. Messages disguised as delivery updates from Ostler Seeds then asked "
            "gardeners to re-enter their card details.")
    doc = run(nlp, text, [("Ostler Seeds", "ORG"), ("Devon", "GPE")],
              title="Fake delivery updates from Ostler Seeds after mail server attack")
    assert victims(doc) == ["Ostler Seeds"]


def test_organisations_a_game_whose_players_are_phished_is_no_victim(nlp):
    """"Skyreach Online players are being targeted with phishing emails": a game, not a
    victim by salience."""
    text = ("Skyreach Online players are being targeted with phishing emails that promise free "
            "in-game pets. The emails lead to a fake login page.")
    doc = run(nlp, text, [("Skyreach Online", "ORG")])
    assert victims(doc) == []


def test_organisations_a_vendor_whose_product_has_flaws_is_no_victim(nlp):
    """"X has had two vulnerabilities which would allow hackers to retrieve stored passwords"
    (a vulnerability story): the maker of the flawed client, not a victim."""
    text = ("NimbusVPN has had two vulnerabilities which would allow hackers to retrieve stored "
            "passwords. One of the two was fixed, and users are advised to update NimbusVPN.")
    doc = run(nlp, text, [("NimbusVPN", "ORG")], title="NimbusVPN leaked passwords, now patched")
    assert victims(doc) == []
    assert by_name(doc)["NimbusVPN"].role == "vendor"


@pytest.mark.parametrize("word", ["Everything", "Nobody"])
def test_organisations_an_indefinite_pronoun_is_no_organisation(nlp, word):
    text = (f"The town paid the ransom last month. \"{word} is encrypted now,\" the mayor said "
            "about the hack.")
    doc = run(nlp, text, [(word, "ORG")])
    assert word not in by_name(doc)


@pytest.mark.parametrize("name", ["Internet of Things", "TVs", "Internet Relay Chat"])
def test_organisations_technology_words_are_no_organisation(nlp, name):
    text = f"Hackers can now attack {name} to steal data, researchers showed."
    doc = run(nlp, text, [(name, "ORG")], title=f"Ransomware hits {name}")
    assert name not in by_name(doc)


def test_organisations_a_possessive_product_is_not_the_name_of_its_owner(nlp):
    """"Loginly's Secure Notes" (a product) does not take over "Loginly", named alone in the
    same text; "Harbin's Brewhouse" (an organisation word closing it) is a name."""
    ents = [("Loginly\u2019s Secure Notes", "ORG"), ("Loginly", "ORG")]
    text = ("Loginly said hackers stole customer data from its servers. Loginly\u2019s Secure Notes "
            "feature was also exposed, Loginly said.")
    doc = run(nlp, text, ents)
    assert "Loginly" in by_name(doc)
    assert victims(doc) == ["Loginly"]
    ents = [("Harbin", "ORG"), ("Harbin's Brewhouse", "ORG")]
    text = ("Harbin's Brewhouse said a scammer stole employee tax forms. Harbin said it was "
            "sorry.")
    doc = run(nlp, text, ents)
    assert [o.name for o in doc._.organisations] == ["Harbin's Brewhouse"]


def test_organisations_the_source_after_according_to_is_no_victim(nlp):
    """"phones that fell victim to the malware, according to Tessel's report": Tessel is where
    the figure comes from, not a victim."""
    text = ("The new strains of the Vortalock malware surged in December. Thousands of phones "
            "fell victim to Vortalock, according to Tessel's report, and their owners were asked "
            "for a ransom.")
    doc = run(nlp, text, [("Tessel", "ORG"), ("Vortalock", "MALWARE")],
              title="Vortalock ransomware variants surge")
    assert "Tessel" not in victims(doc)


def test_organisations_the_outlet_writing_is_no_victim(nlp):
    """"We at Newsgrid can not confirm", "Newsgrid exclusively reported on a vendor selling
    accounts": the outlet, not a victim by salience."""
    text = ("Last week Newsgrid exclusively reported on a vendor selling a million stolen game "
            "accounts on the dark web. We at Newsgrid can not confirm the data is genuine.")
    doc = run(nlp, text, [("Newsgrid", "ORG")], title="Stolen game accounts sold on dark web")
    assert victims(doc) == []


def test_organisations_a_name_opening_with_a_kind_of_threat_is_no_organisation(nlp):
    """A report's title ("our latest report, Ransomware Crews Pivot Hard: ...") or a trend
    ("the Malware of Devices (MoD)") is no organisation, nor its acronym; a name closed by an
    organisation word stays one ("Ransomware Response Institute")."""
    text = ("Attackers are shifting to more disruptive attacks, which we examine in our latest "
            "report, Ransomware Crews Pivot Hard: New Wave of Attacks Locks Business Services. "
            "Experts now warn of the Malware of Devices (MoD), where hackers hijack home "
            "cameras. The Ransomware Response Institute said hospitals were hit.")
    doc = run(nlp, text, [("Ransomware Crews Pivot Hard", "ORG"), ("Malware of Devices", "ORG"),
                          ("MoD", "ORG"), ("Ransomware Response Institute", "ORG")],
              title="Ransomware disrupting business operations")
    names = by_name(doc)
    assert "Ransomware Crews Pivot Hard" not in names and "Malware of Devices" not in names
    assert "MoD" not in names
    assert "Ransomware Response Institute" in names


@pytest.mark.parametrize("name, text", [
    ("W-2", "At last count, 110 organizations have reported phishing attacks targeting W-2 "
            "records, placing taxpayers at risk."),
    ("Sports Medical Exemption", "The federation said the hack had compromised athletes' "
                                 "Sports Medical Exemption applications stored on its "
                                 "servers."),
])
def test_organisations_data_and_protocol_names_are_no_organisations(nlp, name, text):
    doc = run(nlp, text, [(name, "ORG")], title="Phishing attacks hit thousands")
    assert name not in by_name(doc)


def test_organisations_the_names_in_a_leaks_tally_are_victims(nlp):
    """A leaked database tallied by organisation: "led by Harlow Freight, with 10,113
    personnel records exposed in the dump, followed by Corvane Mutual with 8,153 leaked
    employee records and Dallow Paints with 6,382"."""
    ents = [("Harlow Freight", "ORG"), ("Corvane Mutual", "ORG"), ("Dallow Paints", "ORG")]
    text = ("A marketing database leaked online holds details of staff at thousands of firms. "
            "The leading organisation is Harlow Freight, with 10,113 personnel records exposed "
            "in the leak. It is followed by Corvane Mutual with 8,153 leaked employee records "
            "and Dallow Paints with 6,382. Next in the leaked list is the Tessary Parcel "
            "Service (TPS) with 4,739 records.")
    doc = run(nlp, text, ents + [("Tessary Parcel Service", "ORG"), ("TPS", "ORG")],
              title="Marketing database leak exposes staff details")
    assert sorted(victims(doc)) == ["Corvane Mutual", "Dallow Paints", "Harlow Freight",
                                    "Tessary Parcel Service"]


@pytest.mark.parametrize("people", ["Argentinians", "Bulgarian Colombians"])
def test_organisations_a_people_is_no_organisation(nlp, people):
    """"the data of thousands of Argentinians was exposed": a people, not a victim
    organisation ("The Guardian" and its like stay names)."""
    text = (f"Hackers exposed the data of thousands of {people} in a breach at Velmora Credit, "
            "the lender said. The Guardian reported the breach first.")
    doc = run(nlp, text, [(people, "ORG"), ("Velmora Credit", "ORG"), ("The Guardian", "ORG")])
    assert people not in by_name(doc)
    assert "Velmora Credit" in victims(doc)
    assert "guardian" in {o.key for o in doc._.organisations}


def test_organisations_researchers_listed_after_their_kind_are_security_firms(nlp):
    """"security researchers Dana Holt, CipherWatch, MalHunters and others": the names of
    the list are researchers, not victims by salience."""
    text = ("Locky activity fell sharply last month, according to observers such as security "
            "researchers Dana Holt, CipherWatch, MalHunters and others. The ransomware was "
            "spread by spam.")
    doc = run(nlp, text, [("CipherWatch", "ORG"), ("MalHunters", "ORG")],
              title="Locky ransomware activity goes down")
    assert victims(doc) == []
    assert by_name(doc)["CipherWatch"].role == "security_firm"


def test_organisations_a_headline_word_goes_to_the_organisation_named_so(nlp):
    """"Data breach at Velmora" names Velmora Airways (called "Velmora" in the text), not
    Velmora House, its headquarters, which merely shares the first word."""
    ents = [("Velmora Airways", "ORG"), ("Velmora House", "ORG"), ("Velmora", "ORG")]
    text = ("The Legislative Council has decided to take action on the massive data breach at "
            "Velmora Airways, which has affected the personal information of 9.4 million "
            "customers. Velmora revealed on Oct 23 that it discovered suspicious activity on its "
            "computer network. On Monday morning, eight officers from the police went to "
            "Velmora House, the airline's headquarters at the airport.")
    doc = run(nlp, text, ents, title="Legco set to act on massive data breach at Velmora")
    assert victims(doc) == ["Velmora Airways"]


def test_organisations_every_eligible_member_of_a_roundup_list_is_a_victim(nlp):
    """"affected institutions including the Harlow Health Board (...), the National Health
    Service in the UK, Corbel Freight and Marrow Logistics": the public body, which scores low
    on its name, is a victim like the other members of the list named later in a long story."""
    ents = [("Corbel Freight", "ORG"), ("National Health Service", "ORG"),
            ("Marrow Logistics", "ORG"), ("UK", "GPE"), ("Harlow Health Board", "ORG"),
            ("Elliptic", "ORG")]
    text = ("The hackers behind last month's global ransomware attack have moved their bitcoin, "
            "analysts said. The wallets held about $92,000, a small sum for an attack on 300,000 "
            "computers. Analysts at Elliptic said the criminals were careful. The ransom was set "
            "at $300 in bitcoin per computer, rising to $600 after three days. Refusal to pay "
            "was promised to result in the loss of data. With affected institutions including "
            "the Harlow Health Board (which said it stopped the ransomware from running), the "
            "National Health Service in the UK, Corbel Freight and Marrow Logistics, few "
            "initially paid up.")
    doc = run(nlp, text, ents, title="Cyberattackers claim just $92,000 from ransom demands")
    assert sorted(victims(doc)) == ["Corbel Freight", "Harlow Health Board", "Marrow Logistics",
                                    "National Health Service"]


def test_organisations_the_maker_that_fixed_the_exploited_flaw_is_a_vendor(nlp):
    """"a zero-day in the Struts framework, disclosed and immediately fixed last month by X":
    the maker of the exploited product, not the salience victim."""
    text = ("Ransomware gangs made over $100,000 in a few weeks. According to researchers, the "
            "groups are using a zero-day in the Struts web framework, disclosed and immediately "
            "fixed last month by Quarrel. The flaw lets an attacker run commands on the server.")
    doc = run(nlp, text, [("Quarrel", "ORG")],
              title="Ransomware gang made $100,000 by exploiting a zero-day")
    assert victims(doc) == []
    assert by_name(doc)["Quarrel"].role == "vendor"


def test_organisations_another_organisations_experience_is_a_comparison(nlp):
    """"the cost of not paying can be steep, as the city of Harrowgate found this year": a
    comparison in a story about Millbrook, not a second victim."""
    ents = [("Millbrook", "GPE"), ("city of Harrowgate", "ORG"), ("Harrowgate", "GPE")]
    text = ("Two ransomware attacks hit the city of Millbrook in April, locking its police "
            "servers. Ransoms look small, but the cost of avoiding payment can be steep, as the "
            "city of Harrowgate found this year. An attacker demanded a $50,000 ransom to "
            "restore the Harrowgate's systems, but the city ended up paying $2.7 million to "
            "contractors.")
    doc = run(nlp, text, ents, title="Ransomware attacks hit Millbrook again")
    assert "city of Harrowgate" not in victims(doc)


def test_organisations_a_tool_named_with_its_acronym_is_a_product(nlp):
    """"The Online Student Grant Application (OSGA) tool was taken offline after a breach":
    the tool is a product, not the salience victim."""
    text = ("The Online Student Grant Application (OSGA) tool was taken offline in March after "
            "suspicious activity was found, and will stay down for weeks, officials said after "
            "the breach.")
    doc = run(nlp, text, [("Online Student Grant Application", "ORG"), ("OSGA", "ORG")],
              title="OSGA tool taken offline after breach report")
    assert victims(doc) == []


def test_organisations_a_person_introduced_by_a_people_noun_is_no_organisation(nlp):
    """"one GhostAdmin user named Travik, who infected his own computer": a person in every
    mention ("Travik's computer"), not a victim organisation."""
    text = ("The researchers were able to access one botnet user named Travik who managed to "
            "infect his own computer with the malware. They found screenshots of Travik's "
            "computer and stolen data from a lottery company.")
    doc = run(nlp, text, [("Travik", "ORG")], title="Botnet malware discovered")
    assert "Travik" not in by_name(doc)


def test_organisations_an_outage_with_a_physical_cause_is_no_attack_on_it(nlp):
    """"Hexnet suffered a day-long outage due to a cut fiber" in a ransomware story about a
    school district: the internet provider is not a victim of the attack."""
    ents = [("Hexnet", "ORG"), ("Monroe Valley School District", "ORG")]
    text = ("Monroe Valley School District was the victim of a ransomware attack last week. Just "
            "as the district was bringing computers back, Hexnet suffered a day-long outage due "
            "to a cut fiber, which made things worse.")
    doc = run(nlp, text, ents, title="Ransomware hammers school district")
    assert victims(doc) == ["Monroe Valley School District"]


def test_organisations_a_list_split_applies_past_the_first_and(nlp):
    """"Harcourt Kemp and Birch Security and Cedar Ticketing" with the first two found by the
    NER: after the split at the first "and" the remainder "Birch Security and Cedar Ticketing"
    is split as a list too, so the last item is listed on its own (the recursion used to drop
    the entities and kept "Birch Security and Cedar Ticketing" as one name)."""
    ents = [("Harcourt Kemp", "ORG"), ("Birch Security", "ORG")]
    text = ("Hackers stole customer records from Harcourt Kemp and Birch Security and Cedar "
            "Ticketing on Monday.")
    doc = run(nlp, text, ents)
    names = by_name(doc)
    assert "Cedar Ticketing" in names
    assert not any(" and " in n for n in names)


@pytest.mark.parametrize("ents", [[], [("Logistics", "ORG"), ("Payments", "ORG")]])
def test_organisations_a_job_field_opening_a_sentence_is_no_firm(nlp, ents):
    """"Logistics analyst Dana Whitlow of Fernhill Partners said", "Payments researchers at
    Corvane said": a word that opens its sentence before a job noun and a name is the field of
    the job, not an employer (whether the NER or the token rules offer it); a name the text
    also writes alone inside a sentence stays an organisation (negative)."""
    text = ("Hackers broke into the booking system of Stenmoor Haulage on Friday, the company "
            "said. Logistics analyst Dana Whitlow of Fernhill Partners said the timing was "
            "painful. Payments researchers at Corvane said card data was not taken.")
    doc = run(nlp, text, ents + [("Stenmoor Haulage", "ORG"), ("Fernhill Partners", "ORG"),
                                 ("Dana Whitlow", "PERSON"), ("Corvane", "ORG")])
    names = by_name(doc)
    assert "Logistics" not in names and "Payments" not in names
    assert names["Fernhill Partners"].role != "victim" and victims(doc) == ["Stenmoor Haulage"]
    text = ("Kelvane researcher Ada Brooks said the malware was new. Hackers broke into the "
            "booking system of Stenmoor Haulage on Friday, according to Kelvane.")
    doc = run(nlp, text, [("Kelvane", "ORG"), ("Stenmoor Haulage", "ORG"),
                          ("Ada Brooks", "PERSON")])
    assert by_name(doc)["Kelvane"].role == "security_firm"


@pytest.mark.parametrize("opening", ["Ransomware", "Malware", "Hackers"])
def test_organisations_a_threat_word_opening_a_sentence_is_no_victim(nlp, opening):
    """"Ransomware shut down the town of Edlow's computer systems": the kind of threat that
    opens the sentence is no organisation (and no victim); the town is the victim."""
    text = (f"{opening} shut down the town of Edlow's computer systems on Sunday, forcing the "
            "library to close. The town said it had disconnected its servers.")
    doc = run(nlp, text)
    assert opening not in by_name(doc)
    assert victims(doc) == ["town of Edlow"]


def test_organisations_a_public_body_hit_is_the_victim_unless_it_acts_as_one(nlp):
    """A body named by its kind ("Dunmere Harbour Authority") that the article reports on
    with no plain victim pattern is the salience victim like any organisation; one that
    investigates, warns or is told of the attack stays an authority (negatives)."""
    ents = [("Dunmere Harbour Authority", "ORG")]
    text = ("Ferry passengers in Dunmere paid cash on Monday after a cyber attack knocked out "
            "ticket machines. The Dunmere Harbour Authority said sailings ran to schedule "
            "because its navigation systems are separate from its office network. The "
            "Dunmere Harbour Authority carries 9,000 passengers a day. The authority said the "
            "attack was discovered early on Sunday. The Dunmere Harbour Authority said season "
            "tickets would be extended by a week.")
    doc = run(nlp, text, ents,
              title="Dunmere Harbour Authority ticket machines down after cyber attack")
    assert victims(doc) == ["Dunmere Harbour Authority"]
    for acts in ("The Dunmere Harbour Authority urged passengers to report suspicious "
                 "calls.",
                 "The Dunmere Harbour Authority warned ferry operators to check their "
                 "systems.",
                 "Operators reported the attack to the Dunmere Harbour Authority."):
        text = ("Ferry operators in Dunmere took bookings by phone on Monday after a cyber "
                "attack knocked out their ticket machines. " + acts)
        doc = run(nlp, text, ents, title="Dunmere Harbour Authority: ferry ticket machines "
                                         "down after cyber attack")
        assert victims(doc) == [], acts
        assert by_name(doc)["Dunmere Harbour Authority"].role == "authority"


def test_organisations_a_manager_speaking_for_the_company_is_no_expert(nlp):
    """"said Ewan Moffat, operations manager at Corran Coaches, describing the week in which a
    cyber attack knocked out the company's booking system": the staff of the organisation
    speak for it when the headline names it, so it is no commenting firm (and the story's
    victim); the managing director of a firm the headline does not name, commenting, is still
    an expert's employer (negative)."""
    ents = [("Ewan Moffat", "PERSON"), ("Corran Coaches", "ORG")]
    text = ("\u201cWe had no idea who was travelling,\u201d said Ewan Moffat, operations manager "
            "at Corran Coaches, describing the week in which a cyber attack knocked out the "
            "company's booking system. The family-run operator said it had turned passengers "
            "away.")
    doc = run(nlp, text, ents, title="Corran Coaches describes week without bookings")
    assert by_name(doc)["Corran Coaches"].role == "victim"
    ents = [("Ewan Moffat", "PERSON"), ("Corran Partners", "ORG"), ("Dunvale Foods", "ORG")]
    text = ("Hackers broke into the payroll system of Dunvale Foods on Monday, the company said. "
            "\u201cPayroll is a common target,\u201d said Ewan Moffat, managing director of "
            "Corran Partners.")
    doc = run(nlp, text, ents, title="Dunvale Foods payroll hacked")
    assert by_name(doc)["Corran Partners"].role == "security_firm"


def test_organisations_a_trade_supplier_and_its_own_app_are_no_vendor_evidence(nlp):
    """"Gas supplier Tanhurst Power" sells gas, not software, and "ransomware knocked Pelham
    Dairies' app offline" is the company's own app hit: neither makes a vendor, both are the
    victims; "a flaw in Corvel's app" and "the trojan infects Corvel's operating system"
    still do (negatives)."""
    ents = [("Tanhurst Power", "ORG")]
    text = ("Gas supplier Tanhurst Power has locked 20,000 customer accounts after criminals "
            "used passwords leaked from other websites to log in and change bank details. "
            "Tanhurst Power said the attackers redirected refunds to their own accounts.")
    doc = run(nlp, text, ents, title="Tanhurst Power customers' accounts hijacked")
    assert victims(doc) == ["Tanhurst Power"]
    ents = [("Pelham Dairies", "ORG")]
    text = ("Three weeks after ransomware knocked Pelham Dairies' app and click-and-collect "
            "offline, more details have emerged about how the attack unfolded. The attackers "
            "logged into a remote access portal. Pelham said in a statement that it had "
            "disabled all dormant accounts.")
    doc = run(nlp, text, ents, title="Infamous Pelham hack: what went wrong at the dairy")
    assert victims(doc) == ["Pelham Dairies"]
    ents = [("Corvel", "ORG"), ("Pelham Dairies", "ORG")]
    text = ("Hackers used a flaw in Corvel's app to break into Pelham Dairies on Monday. "
            "Pelham Dairies said its orders were delayed.")
    doc = run(nlp, text, ents)
    assert by_name(doc)["Corvel"].role == "vendor"
    text = ("A banking trojan that infects Corvel's operating system stole passwords from "
            "customers of Pelham Dairies. Pelham Dairies said its orders were delayed.")
    doc = run(nlp, text, ents)
    assert by_name(doc)["Corvel"].role == "vendor"


def test_organisations_an_organisation_described_as_a_regulator_is_an_authority(nlp):
    """"Energy regulator Kormac has written to X" and "Kormac's director of retail said":
    described as a regulator, it is an authority, not a commenting security firm."""
    ents = [("Kormac", "ORG"), ("Tanhurst Power", "ORG"), ("Simon Achter", "PERSON")]
    text = ("Energy regulator Kormac has written to Tanhurst Power to ask why it did not "
            "require two-factor authentication, after criminals hijacked thousands of customer "
            "accounts. Kormac's director of retail, Simon Achter, said: \u201cSuppliers hold "
            "customers' money.\u201d")
    doc = run(nlp, text, ents, title="Kormac questions Tanhurst Power over account hijacking")
    assert by_name(doc)["Kormac"].role == "authority"


@pytest.mark.parametrize("name, ents", [
    ("Fairhaven Golf & Country Club", [("Golf & Country", "ORG")]),
    ("St Olave's Church", [("St Olave", "ORG"), ("Church", "ORG")]),
    ("Brackley Heritage Trust", [("Brackley Heritage", "ORG")]),
])
def test_organisations_clubs_churches_and_trusts_are_named_in_full(nlp, name, ents):
    """A club, church or trust named with its head word is listed under its whole name even
    when the NER cut it ("Golf & Country" of "Fairhaven Golf & Country Club")."""
    text = (f"{name} paid \u00a367,000 to fraudsters after its treasurer was tricked by an "
            "email. The money has not been recovered.")
    doc = run(nlp, text, ents)
    assert victims(doc) == [name]


def test_organisations_the_publisher_of_a_survey_named_as_a_body_is_no_security_firm(nlp):
    """"according to a survey by the Association of Village Shops": a trade body publishing
    figures is a source (role other), not a security firm; "a report by Corvane" still is (negative)."""
    ents = [("Association of Village Shops", "ORG"), ("Corvane", "ORG")]
    text = ("Half of small shops have no cyber insurance, according to a survey by the "
            "Association of Village Shops. The survey of 900 shops found that 38% had seen a phishing email.")
    doc = run(nlp, text, ents)
    assert by_name(doc)["Association of Village Shops"].role == "other"
    text = ("Half of small shops have no cyber insurance, according to a survey by Corvane. "
            "The survey of 900 shops found that 38% had seen a phishing email.")
    doc = run(nlp, text, ents)
    assert by_name(doc)["Corvane"].role == "security_firm"


def test_organisations_a_firm_named_as_the_source_of_figures_is_no_victim(nlp):
    """"Ransom payments fell by 28%, according to payments analysis firm Corlight": the firm
    the figures come from is no victim of a trend story, however often it is named."""
    ents = [("Corlight", "ORG")]
    text = ("Ransomware payments fell by 28% in the first nine months of the year, according "
            "to payments analysis firm Corlight. The firm said more victims were restoring "
            "from backups and refusing to pay. Corlight said the median payment had fallen to "
            "about $150,000.")
    doc = run(nlp, text, ents, title="Ransomware payments fell as more victims refused to pay")
    assert victims(doc) == []


def test_organisations_a_statistics_piece_about_a_kind_has_no_salience_victim(nlp):
    """"Schools spent £8m recovering from cyber attacks, figures show" names no organisation:
    the school it cites as the biggest spender is an example, not the victim; the same text
    under a headline naming the school makes it the victim (negative)."""
    ents = [("Harnley Academy", "ORG")]
    text = ("Schools in England spent at least \u00a38 million recovering from cyber attacks "
            "over three years, according to figures obtained through freedom of information "
            "requests. Harnley Academy spent the most, at \u00a3900,000, after a ransomware "
            "attack in March. The figures cover specialist recovery firms and new equipment.")
    doc = run(nlp, text, ents, title="Schools spent \u00a38m recovering from cyber attacks, "
                                     "figures show")
    assert victims(doc) == []
    doc = run(nlp, text, ents, title="Harnley Academy spent \u00a3900,000 recovering from "
                                     "cyber attack")
    assert victims(doc) == ["Harnley Academy"]


def test_organisations_a_cyber_incident_is_an_incident_for_the_salience_victim(nlp):
    """"Tarrow Bakeries suspends click-and-collect after cyber incident": the company's own
    word for an attack is an incident report, so the chain it names is the victim."""
    ents = [("Tarrow Bakeries", "ORG")]
    text = ("High street bakery chain Tarrow Bakeries has suspended click-and-collect orders "
            "and its app after what it described as a \"cyber incident\". Customers reported "
            "on Friday that the app would not load. The company said its stores remained open.")
    doc = run(nlp, text, ents,
              title="Tarrow Bakeries suspends click-and-collect after cyber incident")
    assert victims(doc) == ["Tarrow Bakeries"]


def test_organisations_an_app_working_again_after_an_attack_is_the_owners_own(nlp):
    """"Pelham Dairies' app is working again, nine days after a ransomware attack": the
    company's own app restored, no vendor evidence; the company is the victim."""
    ents = [("Pelham Dairies", "ORG")]
    text = ("Pelham Dairies' app is working again, nine days after a ransomware attack forced "
            "the chain to suspend click-and-collect orders. Customers can once more order "
            "milk for collection.")
    doc = run(nlp, text, ents, title="Dairy chain's app back online after attack")
    assert by_name(doc)["Pelham Dairies"].role == "victim"


# ------------------------------------------------------------- review 9: victim recall (invented)
def test_organisations_maker_described_before_its_attacked_name_is_the_victim(nlp):
    """A maker word just before the name ("robotics supplier X", "game developer X") only
    describes the firm when the sentence reports the firm itself attacked: victim, not vendor."""
    doc = run(nlp, "Hackers broke into the network of Lyon-based robotics supplier Korvath "
                   "Dynamics and stole design files, officials said on Tuesday.",
              [("Korvath Dynamics", "ORG")],
              title="Robotics supplier hit by cyber espionage")
    assert victims(doc) == ["Korvath Dynamics"]
    doc = run(nlp, "Police arrested a former contractor over the theft of source code from "
                   "mobile game developer Tinfoil Owl Games, which confirmed the breach.",
              [("Tinfoil Owl Games", "ORG")], title="Contractor arrested over game code leak")
    assert by_name(doc)["Tinfoil Owl Games"].role == "victim"
    # a flaw in its product keeps the maker a vendor
    doc = run(nlp, "Hackers exploited a flaw in routers from network equipment supplier "
                   "Korvath Dynamics to break into the council's systems.",
              [("Korvath Dynamics", "ORG")], title="Council hit by cyber attack")
    assert by_name(doc)["Korvath Dynamics"].role != "victim"


def test_organisations_files_stolen_from_a_described_owner(nlp):
    """"files stolen from Welsh insurer X": up to three words of description between
    "from" and the name."""
    doc = run(nlp, "Police in Cardiff are investigating. The gang set a deadline last week.\n\n"
                   "Criminals have published files stolen from Welsh insurer Dyfrig Mutual "
                   "after the deadline passed.",
              [("Dyfrig Mutual", "ORG"), ("Cardiff", "GPE")],
              title="Hackers post customer files")
    assert victims(doc) == ["Dyfrig Mutual"]


def test_organisations_incident_affected_own_platform_is_no_vendor_evidence(nlp):
    """"The incident affected X's member billing platform": its own system, not a product."""
    doc = run(nlp, "Marsh Valley Power Cooperative is investigating a cybersecurity incident. "
                   "The incident affected Marsh Valley Power Cooperative's member billing "
                   "platform, which remains offline.",
              [("Marsh Valley Power Cooperative", "ORG")],
              title="Electric co-op gives update on outage")
    assert victims(doc) == ["Marsh Valley Power Cooperative"]


def test_organisations_networks_of_companies_including_a_and_b(nlp):
    """"breached the networks of at least two regional banks, including A and B": a
    round-up of the ones hit."""
    doc = run(nlp, "State-backed hackers breached the networks of at least two regional "
                   "banks, including Fenwick Savings and Orla Credit, and read internal email, "
                   "the agency said.",
              [("Fenwick Savings", "ORG"), ("Orla Credit", "ORG")],
              title="Spies hacked banks, agency says")
    assert sorted(victims(doc)) == ["Fenwick Savings", "Orla Credit"]


def test_organisations_lead_subject_described_by_the_headline_is_the_salience_victim(nlp):
    """With no organisation plainly attacked, the first organisation of the lead that the
    headline describes by its kind ("School district loses ...") is the victim; one the
    headline does not describe is not."""
    text = ("Ridgeford Unified School District wired $1.8 million to a bank account it "
            "believed belonged to a building contractor.\n\nThe money has not been "
            "recovered, a spokesperson said. The FBI called it a business email compromise "
            "scam.")
    ents = [("Ridgeford Unified School District", "ORG"), ("FBI", "ORG")]
    doc = run(nlp, text, ents, title="School district loses $1.8 million in email scam")
    assert victims(doc) == ["Ridgeford Unified School District"]
    doc = run(nlp, text, ents, title="Fraudsters grow bolder with email scams")
    assert victims(doc) == []


def test_organisations_employer_of_the_reporting_speaker_is_no_second_victim(nlp):
    """The body whose director reports the intrusion is no victim beside the firm plainly
    hit."""
    doc = run(nlp, "Chinese state hackers broke into the network of Tilburg lens maker Optivar "
                   "and stole technical drawings, the agency KSVD said on Tuesday.\n\n"
                   "\"This fits a pattern of espionage against our high-tech sector,\" said "
                   "KSVD director Marit Claes.",
              [("Optivar", "ORG"), ("KSVD", "ORG"), ("Marit Claes", "PERSON")],
              title="Lens maker hit by cyber espionage, KSVD says")
    assert victims(doc) == ["Optivar"]


@pytest.mark.parametrize("title, text, ents, victim", [
    # the euphemism "network incident"
    ("Town computers down after 'network incident'",
     "Town of Ferncliff offices remained closed on Tuesday as officials worked to recover from "
     "what they called a \"network incident\".\n\nResidents could not pay water bills.",
     [("Town of Ferncliff", "ORG")], "Town of Ferncliff"),
    # data taken through a flaw: an incident, not a vulnerability story
    ("Health board says lab results viewed in file transfer hack",
     "Harbour Valley Health says the personal information of 40,000 patients was taken when "
     "hackers exploited a flaw in the file transfer software it used.",
     [("Harbour Valley Health", "ORG")], "Harbour Valley Health"),
])
def test_organisations_incident_told_by_euphemism_or_data_taken_through_a_flaw(
        nlp, title, text, ents, victim):
    """"what they called a network incident" and "the personal information ... was taken
    when hackers exploited a flaw" report an incident, so the salient organisation is the
    victim."""
    assert victims(run(nlp, text, ents, title=title)) == [victim]


def test_organisations_place_alone_is_no_short_form_of_its_police(nlp):
    """"A Dorset care home" names a place, not Dorset Police: the place stays out of the police
    cluster, so the police do not take the lead and the care home is the salience victim."""
    doc = run(nlp, "A Dorset care home has apologised after a laptop holding residents' records "
                   "was stolen from a staff member's car.\n\nBrackenwood House Care Home said "
                   "the theft was reported to Dorset Police.",
              [("Dorset", "GPE"), ("Brackenwood House Care Home", "ORG"),
               ("Dorset Police", "ORG")],
              title="Care home apologises after laptop with records stolen")
    assert "Dorset" not in by_name(doc)["Dorset Police"].aliases
    assert victims(doc) == ["Brackenwood House Care Home"]


def test_organisations_no_place_number_or_yardstick_victims(nlp):
    """A known place that only locates ("In Wales, the X said", "patients in Cumbria", "the
    hack of Leeds payroll software firm X") is no victim, whatever label it got, nor is a
    number the NER took for a name, nor the incident a breach is measured against ("the
    largest breach since X")."""
    doc = run(nlp, "Cinderfell Health has confirmed that hackers stole records of up to 640,000 "
                   "patients in Cumbria, one of the largest health data breaches since "
                   "Quorvex.\n\nIn Wales, the Tylwyth Board said it had also been hit.",
              [("Cinderfell Health", "ORG"), ("640,000", "ORG"), ("Cumbria", "ORG"),
               ("Quorvex", "ORG"), ("Wales", "ORG"), ("Tylwyth Board", "ORG")],
              title="Cinderfell Health confirms data breach affecting patients in Cumbria")
    found = victims(doc)
    assert "Cinderfell Health" in found
    assert not {"640,000", "Cumbria", "Quorvex", "Wales"} & set(found)
    doc = run(nlp, "Three airlines said passenger data was taken in the hack of Leeds "
                   "reservations software firm Tarnlink.",
              [("Leeds", "ORG"), ("Tarnlink", "ORG")], title="Airlines hit by Tarnlink hack")
    assert victims(doc) == ["Tarnlink"]


def test_organisations_big_vendor_whose_own_mailboxes_were_read_is_the_victim(nlp):
    """A known vendor whose own staff's mail was read by a state actor is the victim, even
    with a long subject before the verb and a flaw named only to deny it."""
    doc = run(nlp, "Microsoft said on Friday that hackers linked to a foreign intelligence "
                   "service had gained access to the email accounts of some of its senior "
                   "executives. The hackers used a password spray attack against an old test "
                   "account.\n\n\"The attack was not the result of a vulnerability in "
                   "Microsoft products,\" the company said.",
              [("Microsoft", "ORG")], title="Microsoft says state hackers read its executives' emails")
    assert victims(doc) == ["Microsoft"]


def test_organisations_software_firm_that_shut_down_its_system_after_an_attack(nlp):
    """"software provider X shut down its dealer system following a cyber attack": X's own
    system, the victim (not a vendor, not the firm whose CEO comments)."""
    doc = run(nlp, "Hundreds of garages went back to paper after software provider Partwise shut "
                   "down its workshop management system following a cyber attack on Monday.\n\n"
                   "\"We have engaged outside experts,\" Partwise CEO Lena Hart said.",
              [("Partwise", "ORG"), ("Lena Hart", "PERSON")],
              title="Garage software outage hits 900 workshops")
    assert victims(doc) == ["Partwise"]


def test_organisations_vendor_denying_a_breach_of_its_platform_is_no_victim(nlp):
    """The Snowflake-2024 pattern: customer records stolen "from its X instance" with stolen
    credentials, and X insists its platform was not breached: the customer is the victim."""
    doc = run(nlp, "Cloud database firm Glacierline insists its platform was not breached after "
                   "retailer Pennyworth Stores said hackers had stolen 20 million customer "
                   "records from its Glacierline instance.",
              [("Glacierline", "ORG"), ("Pennyworth Stores", "ORG")],
              title="Vendor blames customer as breach row grows")
    assert victims(doc) == ["Pennyworth Stores"]


@pytest.mark.parametrize("title, text, ents, not_victim", [
    # the source a figure is cited from
    ("Police warn of surge in parcel text scams",
     "Tarrowby Police are warning residents about a rise in parcel delivery text scams.\n\n"
     "Victims lost $3.1 million to the scam last year, according to the Fairtrade Office's "
     "Scamline.",
     [("Tarrowby Police", "ORG"), ("Fairtrade Office", "ORG")], "Fairtrade Office"),
    # a cyber agency commenting on a hacking group's claims
    ("Hacktivists claim attack on water controllers",
     "The Ostmark National Cyber Directorate said claims by a hacking group to have breached "
     "controllers at several water facilities were exaggerated.",
     [("Ostmark National Cyber Directorate", "ORG")], "Ostmark National Cyber Directorate"),
    # a product named by its maker and a number; the maker of the flawed models
    ("Router maker won't patch old models used in botnet",
     "A botnet is exploiting a flaw in discontinued models from networking firm Tavlink.\n\n"
     "Researchers said the botnet is used for password-spraying attacks against Macrosoft 365 "
     "accounts.",
     [("Tavlink", "ORG"), ("Macrosoft", "ORG")], "Macrosoft"),
])
def test_organisations_sources_agencies_and_products_are_no_salience_victims(
        nlp, title, text, ents, not_victim):
    """Not victims: the source a figure is cited from ("according to the X's Scamline"), a
    national cyber agency speaking about claims, a platform named through a versioned product
    ("attacks against X 365 accounts"), the maker of the flawed models."""
    found = victims(run(nlp, text, ents, title=title))
    assert not_victim not in found
    assert "Tavlink" not in found


def test_organisations_platform_where_data_was_posted_does_not_block_the_victim(nlp):
    """A known platform named as where stolen data circulates ("on a Telegram channel") does
    not outrank the hospital the lead is about."""
    doc = run(nlp, "Patient records from Pune's Sahyadri Care Hospital have been circulating on "
                   "a Telegram channel for a week, according to doctors.\n\nThe hospital said "
                   "it was checking whether the data came from a third-party lab.",
              [("Sahyadri Care Hospital", "ORG"), ("Telegram", "ORG"), ("Pune", "GPE")],
              title="Hospital's data leaked on Telegram, doctors say")
    assert victims(doc) == ["Sahyadri Care Hospital"]


@pytest.mark.parametrize("verb", ["said", "insisted"])
def test_organisations_victim_sparing_some_systems_stays_victim(nlp, verb):
    """A firm plainly hit that says some other system of its own was not compromised is no
    vendor denying a breach: 'said' is no denial, and a denial from one hit in the text and
    the headline does not undo the hit."""
    doc = run(nlp, "Intruders broke into the network of Corvale Bakeries and stole staff records, "
                   "the company said on Monday. Corvale Bakeries " + verb + " its payment "
                   "systems had not been compromised.",
              [("Corvale Bakeries", "ORG")], title="Corvale Bakeries hit by cyber attack")
    assert victims(doc) == ["Corvale Bakeries"]


def test_organisations_an_unknown_word_before_a_job_noun_stays_a_firm(nlp):
    """"Velquorra researcher Jo Bell said": a name opening its sentence before a job noun is
    the employer unless it is a known field word or one the text writes in lower case; never
    capitalised mid-sentence is no evidence of a common word."""
    doc = run(nlp, "Ransomware hit Harbourline Foods on Monday, the company said. Velquorra "
                   "researcher Jo Bell said the gang had hit 40 firms this year.",
              [("Harbourline Foods", "ORG"), ("Velquorra", "ORG"), ("Jo Bell", "PERSON")])
    assert by_name(doc)["Velquorra"].role == "security_firm"
    assert victims(doc) == ["Harbourline Foods"]


@pytest.mark.parametrize("title, name, describes", [
    ("School district loses $1.8m to fraudsters", "Lakeview Public Schools", True),
    ("NHS trust apologises after data leak", "Marlowe NHS Trust", True),
    ("Regional airport hit by cyber attack", "Dunmere Airport", True),
    ("Kelbrook city computers down after network incident", "City of Kelbrook", True),
    ("Lakeview Public Schools hit by ransomware", "Lakeview Public Schools", True),
    # a word shared by chance is no description of the organisation's kind
    ("Hacker group claims attack on port", "Vortanu Group", False),
    ("New ransomware strain spreads", "New Avenue Bank", False),
    ("Cyber attack hits data firm", "Cyber Data Solutions", False),
])
def test_organisations_title_describes_only_by_name_or_kind(title, name, describes):
    """The headline describes the lead's organisation (which then needs less standing) when it
    names it or shares a kind word with it, not any word of three letters."""
    from pipeline.nlp.victims import _title_describes
    assert _title_describes(title, name) is describes


@pytest.mark.parametrize("shortest_first", [True, False])
def test_organisations_gazetteer_role_does_not_depend_on_key_order(nlp, monkeypatch,
                                                                  shortest_first):
    """"AFP" is Agence France-Presse (media) in the gazetteer, "Australian Federal Police" an
    authority: the longer name decides, whatever order the set ``Cluster.keys`` iterates in
    (it followed PYTHONHASHSEED)."""
    from pipeline.nlp import org_clusters

    keys = org_clusters.Cluster.keys.fget
    monkeypatch.setattr(org_clusters.Cluster, "keys", property(
        lambda cl: sorted(keys(cl), key=len, reverse=not shortest_first)))
    text = ("The Australian Federal Police (AFP) said it was investigating. A spokesperson for "
            "the AFP declined to comment on the cyber attack on Acme Bank.")
    doc = run(nlp, text, [("Australian Federal Police", "ORG"), ("AFP", "ORG"),
                          ("Acme Bank", "ORG")])
    org = by_name(doc)["Australian Federal Police"]
    assert "AFP" in org.aliases
    assert org.role == "authority"
