"""quoted_experts: every quote form of the gold rules, on short articles written by the team.

Docs come from a blank English pipeline + sentencizer; PERSON entities and the article's
organisations are set by hand, so no trained model is needed.
"""
from __future__ import annotations

import re

import pytest
import spacy

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.quotes import make_quoted_experts  # noqa: F401  (registers the factory)
from pipeline.records import Organisation, Quote


@pytest.fixture(scope="module")
def nlp():
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def quoter(nlp):
    return nlp.add_pipe("quoted_experts")


def org(name, role, *aliases):
    return Organisation(name=name, key=name.lower(), role=role, aliases=tuple(aliases))


def run(nlp, quoter, text, orgs=(), persons=(), language="en", ents_by_label=()):
    doc = nlp.make_doc(text)
    doc._.language = language
    for name in nlp.pipe_names:
        if name != "quoted_experts":
            doc = nlp.get_pipe(name)(doc)
    ents = []
    for p, label in [(p, "PERSON") for p in persons] + list(ents_by_label):
        for m in re.finditer(re.escape(p), text):
            span = doc.char_span(m.start(), m.end(), label=label)
            if span is not None:
                ents.append(span)
    doc.ents = spacy.util.filter_spans(ents)
    doc._.organisations = list(orgs) if orgs is not None else None
    return quoter(doc)._.quotes


def find(quotes, fragment) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]


def test_quotes_component_declares_its_contract(nlp, quoter):
    meta = nlp.get_pipe_meta("quoted_experts")
    assert set(meta.requires) == {"doc.ents", "doc.sents", "doc._.organisations"}
    assert meta.assigns == ["doc._.quotes"]


def test_quotes_single_marks_with_apostrophes_speaker_after_verb_role_before_name(nlp, quoter):
    text = ("Northwind Grocers restored its home delivery service after a ransomware attack. "
            "'This wasn't just a website outage - it was a breakdown in the store's core "
            "operations,' explains cybersecurity consultant Priya Natarajan. 'When systems this "
            "interconnected go down, restoring service isn't about rebooting servers.'")
    quotes = run(nlp, quoter, text, orgs=[org("Northwind Grocers", "victim")])
    assert len(quotes) == 2
    first, second = quotes
    assert first.text == ("This wasn't just a website outage - it was a breakdown in the store's "
                          "core operations")        # trailing comma dropped, apostrophes kept
    assert second.text.startswith("When systems this interconnected")
    for q in quotes:
        assert q.direct and q.speaker == "Priya Natarajan"
        assert q.role == "cybersecurity consultant"
        assert q.speaker_type == "expert" and q.affiliation is None
        assert text[q.start_char:q.end_char] == q.text


def test_quotes_straight_marks_name_with_apposition_after_quote(nlp, quoter):
    text = ('Hackers stole customer records from Brightwater Bank. "Banks remain a favourite '
            'target because the data sells well," said Tomasz Kowal, head of research at '
            'Redline Labs.')
    quotes = run(nlp, quoter, text,
                 orgs=[org("Brightwater Bank", "victim"), org("Redline Labs", "security_firm")])
    q = find(quotes, "favourite target")
    assert q.speaker == "Tomasz Kowal"
    assert q.role == "head of research"
    assert q.affiliation == "Redline Labs"
    assert q.speaker_type == "expert"
    assert q.cue == "said"


def test_quotes_curly_marks_tag_before_quote_with_colon(nlp, quoter):
    text = ("Harbour City Council confirmed the outage. Mayor Lena Ortiz said: “Our payment "
            "portal will stay offline until the investigation is complete.”")
    quotes = run(nlp, quoter, text, orgs=[org("Harbour City Council", "victim")],
                 persons=["Lena Ortiz"])
    q = find(quotes, "payment portal")
    assert q.direct and q.speaker == "Lena Ortiz"
    assert q.role == "Mayor"


def test_quotes_paragraph_reopening_the_quotation_gives_two_quotes(nlp, quoter):
    text = ('Fenwick Energy issued the following statement: "We detected unusual activity on '
            'our billing platform on Monday and took it offline as a precaution.\n'
            '"Customers can still pay by phone and no card details were taken."')
    quotes = run(nlp, quoter, text, orgs=[org("Fenwick Energy", "victim")])
    assert [q.text for q in quotes] == [
        "We detected unusual activity on our billing platform on Monday and took it offline "
        "as a precaution.",
        "Customers can still pay by phone and no card details were taken.",
    ]
    for q in quotes:
        assert q.speaker == "Fenwick Energy"
        assert q.speaker_type == "victim_representative"


def test_quotes_split_by_speech_tag_and_short_name_back_resolution(nlp, quoter):
    text = ("Chief Executive Marta Olsen said the clinic paid no ransom. “We restored every "
            "system from backups,” Olsen said. “Patient care was never interrupted.”")
    quotes = run(nlp, quoter, text, orgs=[org("Riverside Clinic", "victim")])
    texts = [q.text for q in quotes]
    assert "We restored every system from backups" in texts
    assert "Patient care was never interrupted." in texts
    for q in quotes:
        assert q.speaker == "Marta Olsen"
        assert q.role == "Chief Executive"


def test_quotes_reported_speech_said_that_and_researcher_apposition(nlp, quoter):
    text = ("Ines Duarte, a researcher at Bluefin Security, said that the attackers reused "
            "passwords stolen in an earlier breach. The company declined to say how many "
            "accounts were affected.")
    quotes = run(nlp, quoter, text, orgs=[org("Bluefin Security", "security_firm")])
    assert len(quotes) == 1      # "declined to say" is not speech
    q = quotes[0]
    assert not q.direct
    assert q.text == "the attackers reused passwords stolen in an earlier breach"
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Ines Duarte", "researcher", "Bluefin Security", "expert")


def test_quotes_description_speaker_is_not_a_name(nlp, quoter):
    text = ("Orchard Telecom suffered a breach. In a statement a spokesperson for the company "
            "told us: “We are working closely with the police and have informed customers.”")
    quotes = run(nlp, quoter, text, orgs=[org("Orchard Telecom", "victim")])
    q = find(quotes, "working closely")
    assert q.speaker is None
    assert q.speaker_mention == "a spokesperson for the company"
    assert q.role == "spokesperson"
    assert q.affiliation == "Orchard Telecom"
    assert q.speaker_type == "victim_representative"


def test_quotes_pronoun_resolves_to_person_named_earlier(nlp, quoter):
    text = ("Dana Whitfield, chief information officer of Lakeside County, described the "
            "attack to councillors. \"We isolated the affected servers within the hour,\" "
            "she said.")
    quotes = run(nlp, quoter, text, orgs=[org("Lakeside County", "victim")],
                 persons=["Dana Whitfield"])
    q = find(quotes, "isolated the affected servers")
    assert q.speaker == "Dana Whitfield"
    assert q.role == "chief information officer"
    assert q.affiliation == "Lakeside County"
    assert q.speaker_type == "victim_representative"


def test_quotes_organisation_speaker_and_it_back_reference(nlp, quoter):
    text = ("Equinor Retail said it had found no evidence that payment data was taken. "
            "It added that the online shop would reopen on Friday.")
    quotes = run(nlp, quoter, text, orgs=[org("Equinor Retail", "victim")])
    assert [q.direct for q in quotes] == [False, False]
    assert quotes[0].text == "it had found no evidence that payment data was taken"
    assert quotes[1].text == "the online shop would reopen on Friday"
    for q in quotes:
        assert q.speaker == "Equinor Retail"
        assert q.speaker_type == "victim_representative"
    assert quotes[1].speaker_mention == "It"


def test_quotes_inverted_tag_and_authority_role(nlp, quoter):
    text = ("The group behind the attack is known to target hospitals, said Detective "
            "Inspector Omar Haddad of Westshire Police.")
    quotes = run(nlp, quoter, text, orgs=[org("Westshire Police", "authority")],
                 persons=["Omar Haddad"])
    q = quotes[0]
    assert q.text == "The group behind the attack is known to target hospitals"
    assert q.speaker == "Omar Haddad" and q.speaker_type == "authority"


def test_quotes_partial_quote_inside_reported_speech_gives_two_records(nlp, quoter):
    text = ("Security minister Alan Pryce said the government was \"as sure as it can be\" "
            "that the intrusion came from abroad.")
    quotes = run(nlp, quoter, text, persons=["Alan Pryce"])
    fragment = [q for q in quotes if q.direct][0]
    assert fragment.text == "as sure as it can be"
    clause = [q for q in quotes if not q.direct][0]
    assert clause.text.startswith("the government was") and "abroad" in clause.text
    assert {fragment.speaker, clause.speaker} == {"Alan Pryce"}
    assert clause.speaker_type == "authority"


def test_quotes_ignore_infinitives_scare_quotes_and_missing_orgs(nlp, quoter):
    text = ('Police urged residents to change their passwords. The "new normal" is here, '
            "according to analysts.")
    assert run(nlp, quoter, text, orgs=None) == []


def test_quotes_subject_lines_are_not_speech(nlp, quoter):
    text = ('Staff received emails with the subject line "Your parcel could not be delivered '
            'today," or "Your invoice for March is now overdue," and several opened them.')
    quotes = run(nlp, quoter, text, orgs=[org("Marlow Council", "victim")])
    assert all("parcel" not in q.text and "invoice" not in q.text for q in quotes)


def test_quotes_colon_statement_without_marks_is_one_direct_quote(nlp, quoter):
    text = ("Kestrel Foods issued a statement on Tuesday: Our payroll provider was the victim "
            "of a phishing attack. Employee tax forms were sent to an unknown party. We are "
            "working with the police.\nThe firm employs 900 people.")
    quotes = run(nlp, quoter, text, orgs=[org("Kestrel Foods", "victim")])
    assert len(quotes) == 1
    q = quotes[0]
    assert q.direct and q.text.startswith("Our payroll provider") and q.text.endswith("police.")
    assert q.speaker == "Kestrel Foods" and q.speaker_type == "victim_representative"


def test_quotes_ransom_notes_and_attacker_messages_are_attacker_speech(nlp, quoter):
    text = ("The ransomware locked every file at Dunmore Logistics. A ransom note left on the "
            'screens read: "Your files are encrypted. Pay 2 bitcoin within 72 hours or lose them '
            'forever." The hackers later wrote on Twitter that they had copied the customer '
            "database.")
    quotes = run(nlp, quoter, text, orgs=[org("Dunmore Logistics", "victim")])
    assert [q.direct for q in quotes] == [True, False]
    note, tweet = quotes
    assert note.speaker is None and note.speaker_mention == "A ransom note"
    assert tweet.text == "they had copied the customer database"
    assert {note.speaker_type, tweet.speaker_type} == {"attacker"}


# --------------------------------------------------------------------------- speaker type
def test_quotes_speaker_type_from_role_words_when_org_roles_are_missing(nlp, quoter):
    # no organisation roles at all: the speaker's own title decides
    text = ("Harlow Dental was hit by ransomware last week. \"We have never seen a crew move "
            "this fast,\" said Mira Kaplan, a threat researcher at Quillfeather Labs. Police "
            "spokesman Tom Reyes said that officers were questioning two suspects. Board member "
            "Ann Lowe said that the practice had cancelled every appointment on Monday.")
    quotes = run(nlp, quoter, text, orgs=[org("Harlow Dental", "victim")],
                 persons=["Mira Kaplan", "Tom Reyes", "Ann Lowe"])
    by = {q.speaker: q for q in quotes}
    assert by["Mira Kaplan"].speaker_type == "expert"
    assert by["Mira Kaplan"].affiliation == "Quillfeather Labs"
    assert by["Tom Reyes"].speaker_type == "authority"
    assert by["Ann Lowe"].speaker_type == "victim_representative"


def test_quotes_possessive_affiliation_and_company_ceo_speaks_for_the_victim(nlp, quoter):
    text = ("Acme Bank was hit by ransomware. The company's CEO, Jane Doe, said that the bank "
            "had restored all its systems within two days. \"These are several of the many "
            "attacks we are currently observing,\" Brightline's Nick Varga wrote.")
    quotes = run(nlp, quoter, text,
                 orgs=[org("Acme Bank", "victim"), org("Brightline", "security_firm")],
                 persons=["Jane Doe", "Nick Varga"])
    ceo = find(quotes, "restored all its systems")
    assert (ceo.speaker, ceo.role, ceo.affiliation, ceo.speaker_type) == (
        "Jane Doe", "CEO", "Acme Bank", "victim_representative")
    expert = find(quotes, "currently observing")
    assert (expert.speaker, expert.affiliation, expert.speaker_type) == (
        "Nick Varga", "Brightline", "expert")


def test_quotes_capitalised_state_is_part_of_a_title_not_a_speech_verb(nlp, quoter):
    text = ("Ruritania's Minister of State for Security Paul Brenner said that the attack came "
            "from a foreign intelligence service.")
    quotes = run(nlp, quoter, text, orgs=[], persons=["Paul Brenner"])
    q = quotes[0]
    assert q.role == "Minister of State for Security" and q.speaker_type == "authority"


def test_quotes_victims_it_agency_and_sibling_bodies_speak_for_the_victim(nlp, quoter):
    text = ("The Ferris County Department of Roads was hit by ransomware. \"No payment will be "
            "made,\" said Lena Ortiz, a spokeswoman for the Office of Information Technology. "
            "Ferris County Board chairman Abe Kline said that the board would review its "
            "backups.")
    quotes = run(nlp, quoter, text,
                 orgs=[org("Ferris County Department of Roads", "victim"),
                       org("Office of Information Technology", "authority"),
                       org("Ferris County Board", "other")],
                 persons=["Lena Ortiz", "Abe Kline"])
    assert find(quotes, "No payment").speaker_type == "victim_representative"
    kline = find(quotes, "review its backups")
    assert kline.affiliation == "Ferris County Board"
    assert kline.speaker_type == "victim_representative"


def test_quotes_organisation_speaker_type_from_its_name_when_its_role_is_unknown(nlp, quoter):
    text = ("Several camera models are affected. Greyhat Security Labs said that the flaw lets "
            "anyone read the video stream without a password.")
    quotes = run(nlp, quoter, text, orgs=[org("Greyhat Security Labs", "other")])
    assert quotes[0].speaker == "Greyhat Security Labs"
    assert quotes[0].speaker_type == "expert"


# --------------------------------------------------------------------------- other languages
def test_quotes_german_low_quotes_tag_after_with_compound_title_and_continuation(nlp, quoter):
    text = ("Die Stadtwerke Eichenau sind Opfer eines Cyberangriffs geworden. „Wir haben alle "
            "Verbindungen nach außen gekappt\", sagte Unternehmenssprecherin Petra Lang am "
            "Montag. Die Versorgung sei nicht gefährdet. „Niemand muss sich Sorgen machen.“ "
            "„Versorger sind attraktive Ziele für Erpresser“, sagte Tobias Kern, Professor für "
            "IT-Sicherheit an der Hochschule Waldau.")
    quotes = run(nlp, quoter, text, orgs=[org("Stadtwerke Eichenau", "victim")],
                 language="de")
    first = find(quotes, "Verbindungen nach außen")
    assert first.text == "Wir haben alle Verbindungen nach außen gekappt"
    assert (first.speaker, first.role, first.affiliation, first.speaker_type) == (
        "Petra Lang", "Unternehmenssprecherin", "Stadtwerke Eichenau", "victim_representative")
    assert find(quotes, "Niemand muss").speaker == "Petra Lang"   # continuation
    expert = find(quotes, "attraktive Ziele")
    assert (expert.speaker, expert.role, expert.affiliation, expert.speaker_type) == (
        "Tobias Kern", "Professor für IT-Sicherheit", "Hochschule Waldau", "expert")


def test_quotes_german_reported_speech_with_dass_and_tag_before_quote(nlp, quoter):
    text = ("Polizeisprecher Jan Berger sagte, dass die Täter vermutlich aus dem Ausland "
            "agierten. Berger erklärte: „Wir ermitteln in alle Richtungen.“")
    quotes = run(nlp, quoter, text, orgs=[org("Klinikum Nordheide", "victim")], language="de")
    rep = [q for q in quotes if not q.direct][0]
    assert rep.text == "die Täter vermutlich aus dem Ausland agierten"
    assert rep.speaker == "Jan Berger" and rep.speaker_type == "authority"
    direct = find(quotes, "alle Richtungen")
    assert direct.direct and direct.speaker == "Jan Berger"


def test_quotes_french_guillemets_with_spaces_org_speaker_and_apposition(nlp, quoter):
    text = ("Le site des Transports de Belrive (TBR) était inaccessible lundi. « Nous avons "
            "constaté un volume de connexions anormal », a indiqué lundi soir la direction de "
            "TBR dans un communiqué. « Ce type d'attaque ne permet pas de voler des données », "
            "explique Claire Morel, consultante en cybersécurité au sein du cabinet Vigie "
            "Conseil. Les contrôleurs ont fait preuve de « souplesse » envers les voyageurs.")
    quotes = run(nlp, quoter, text,
                 orgs=[Organisation(name="Transports de Belrive", key="tbr", role="victim",
                                    aliases=("TBR",))], language="fr")
    assert all("souplesse" not in q.text for q in quotes)   # a scare quote is no speech
    org_q = find(quotes, "volume de connexions")
    assert org_q.text == "Nous avons constaté un volume de connexions anormal"
    assert org_q.speaker == "Transports de Belrive"
    assert org_q.speaker_mention == "la direction de TBR"
    assert org_q.speaker_type == "victim_representative"
    expert = find(quotes, "voler des données")
    assert (expert.speaker, expert.role, expert.affiliation, expert.speaker_type) == (
        "Claire Morel", "consultante en cybersécurité", "Vigie Conseil", "expert")


def test_quotes_french_parenthesised_affiliation_and_que_clause(nlp, quoter):
    text = ("Selon la mairie, aucune donnée n'a été volée. Le chercheur Paul Girard "
            "(Orbis Sécurité) a déclaré que l'attaque visait d'abord les serveurs de messagerie.")
    quotes = run(nlp, quoter, text, orgs=[org("Mairie de Valbonne", "victim")], language="fr")
    assert len(quotes) == 1     # "selon" (according to) is not annotated
    q = quotes[0]
    assert q.text == "l'attaque visait d'abord les serveurs de messagerie"
    assert (q.speaker, q.affiliation, q.speaker_type) == ("Paul Girard", "Orbis Sécurité",
                                                          "expert")


def test_quotes_italian_role_before_name_refers_to_the_victim_and_che_clause(nlp, quoter):
    text = ("I truffatori hanno inviato una comunicazione di «variazione delle coordinate "
            "bancarie» all'ufficio contabilità. «Le email erano perfette, con il logo e la "
            "firma», ha spiegato il presidente della cooperativa, Marco Bellini. La cooperativa "
            "ha fatto sapere che il portale dei soci è stato sospeso per alcune ore. «Basta una "
            "regola semplice per bloccarli», ha dichiarato Sara Fontana, analista della società "
            "di sicurezza informatica Torre Nera di Siena.")
    quotes = run(nlp, quoter, text, orgs=[org("Cooperativa Agricola del Sasso", "victim")],
                 language="it")
    assert all("coordinate bancarie" not in q.text for q in quotes)
    pres = find(quotes, "email erano perfette")
    assert (pres.speaker, pres.role, pres.affiliation, pres.speaker_type) == (
        "Marco Bellini", "presidente", "Cooperativa Agricola del Sasso", "victim_representative")
    rep = [q for q in quotes if not q.direct][0]
    assert rep.text == "il portale dei soci è stato sospeso per alcune ore"
    assert rep.speaker == "Cooperativa Agricola del Sasso"
    assert rep.speaker_mention == "La cooperativa"
    expert = find(quotes, "regola semplice")
    assert (expert.speaker, expert.role, expert.affiliation, expert.speaker_type) == (
        "Sara Fontana", "analista", "Torre Nera", "expert")


def test_quotes_spanish_spokesperson_of_the_company_and_dijo_que(nlp, quoter):
    text = ("Transportes Ribera sufrió un ataque de ransomware. «Hemos restablecido todos los "
            "sistemas esenciales», ha explicado la portavoz de la compañía, Lucía Romero. El "
            "experto Javier Molina (Ciberlab Consultores) dijo que los atacantes usaron "
            "credenciales robadas.")
    quotes = run(nlp, quoter, text, orgs=[org("Transportes Ribera", "victim")], language="es")
    rep = find(quotes, "Hemos restablecido")
    assert (rep.speaker, rep.role, rep.affiliation, rep.speaker_type) == (
        "Lucía Romero", "portavoz", "Transportes Ribera", "victim_representative")
    said = [q for q in quotes if not q.direct][0]
    assert said.text == "los atacantes usaron credenciales robadas"
    assert (said.speaker, said.affiliation, said.speaker_type) == (
        "Javier Molina", "Ciberlab Consultores", "expert")


def test_quotes_dutch_low_quotes_spokesperson_and_zei_dat_with_van_affiliation(nlp, quoter):
    text = ("Het ziekenhuis werd getroffen door ransomware. „We hebben alle systemen offline "
            "gehaald”, zei woordvoerder Anke de Vries. Beveiligingsonderzoeker Pieter Jansen van "
            "Noordlicht Security zei dat de aanvallers via een leverancier binnenkwamen.")
    quotes = run(nlp, quoter, text, orgs=[org("Ziekenhuis Amstelland", "victim")],
                 language="nl")
    spoke = find(quotes, "systemen offline")
    assert (spoke.speaker, spoke.role, spoke.speaker_type) == (
        "Anke de Vries", "woordvoerder", "victim_representative")
    said = [q for q in quotes if not q.direct][0]
    assert said.text == "de aanvallers via een leverancier binnenkwamen"
    assert (said.speaker, said.affiliation, said.speaker_type) == (
        "Pieter Jansen", "Noordlicht Security", "expert")


def test_quotes_lexicons_travel_with_the_component(nlp, quoter, tmp_path):
    quoter.to_disk(tmp_path)
    assert {"de", "fr", "it", "es", "nl"} <= {p.stem.split("_")[1]
                                             for p in tmp_path.glob("quotes_*.json")}
    other = nlp.get_pipe("quoted_experts").__class__(nlp, "q2", 4, 3, 4, 400)
    other.from_disk(tmp_path)
    assert set(other.lexicons) >= {"de", "fr", "it", "es", "nl"}
    assert other.genders == quoter.genders and other.genders["Anna"] == "f"


def test_quotes_lexicon_name_whose_surname_is_a_malware_name(nlp, quoter):
    text = ("«Basta una regola semplice per bloccarli», ha dichiarato Federica Conti, analista "
            "della società di sicurezza informatica Torre Nera.")
    quotes = run(nlp, quoter, text, orgs=[org("Cooperativa Sasso", "victim")], language="it",
                 ents_by_label=[("Conti", "MALWARE")])
    assert (quotes[0].speaker, quotes[0].affiliation) == ("Federica Conti", "Torre Nera")


# --------------------------------------------------------------------------- affiliation
def test_quotes_affiliation_from_of_phrase_parentheses_and_comma_closed_apposition(nlp, quoter):
    text = ("Fenwick Mutual confirmed the breach. \"Names and IBANs together are exactly what "
            "fraudsters need,\" explains analyst Sanne Dekker of the Delft consultancy Brugwerk "
            "Security. Joris Maas (Northgate Labs) said that the attackers reused an old "
            "exploit. According to Dr Amara Obi, a lecturer in cyber security at Lakeside "
            "University, call centres are a favourite target. \"The gangs advertise openly,\" "
            "Dr Obi said.")
    quotes = run(nlp, quoter, text,
                 orgs=[org("Fenwick Mutual", "victim"), org("Brugwerk Security", "security_firm"),
                       org("Northgate Labs", "security_firm"),
                       org("Lakeside University", "other")],
                 persons=["Sanne Dekker", "Joris Maas", "Amara Obi"])
    assert find(quotes, "exactly what").affiliation == "Brugwerk Security"
    maas = find(quotes, "reused an old exploit")
    assert (maas.speaker, maas.affiliation, maas.speaker_type) == (
        "Joris Maas", "Northgate Labs", "expert")
    obi = find(quotes, "advertise openly")
    assert (obi.speaker, obi.role, obi.affiliation, obi.speaker_type) == (
        "Amara Obi", "lecturer in cyber security", "Lakeside University", "expert")


def test_quotes_pronoun_skips_names_inside_the_quote_and_descriptions_keep_their_own_body(
        nlp, quoter):
    text = ("Priya Shah, a cloud architect at Corliss Consulting, said that the problem stems "
            "from temporary changes. \"Teams open up access on a Friday night and nobody goes "
            "back,\" she said, adding that scanning would catch such mistakes. The Dutch "
            "consumer association said it was studying whether customers could claim damages.")
    quotes = run(nlp, quoter, text,
                 orgs=[org("Harbour Mutual", "victim"), org("Corliss Consulting", "security_firm")],
                 persons=["Priya Shah", "Teams"], ents_by_label=[("Dutch", "NORP")])
    assert find(quotes, "Teams open up").speaker == "Priya Shah"
    assert find(quotes, "scanning would catch").speaker == "Priya Shah"
    assoc = find(quotes, "claim damages")
    assert assoc.speaker is None and assoc.affiliation is None and assoc.speaker_type == "other"


def test_quotes_title_before_name_with_a_body_word_and_a_title_taken_for_an_org(nlp, quoter):
    text = ("Hillcrest School District was hit by ransomware. The director explained the "
            "options to Hillcrest School Board members on Monday. Board member Dan Royce said "
            "that staff training should be a priority. \"A case was registered at the central "
            "station,\" said Deputy Commissioner of Police (Zone 4) Asha Rao.")
    quotes = run(nlp, quoter, text,
                 orgs=[org("Hillcrest School District", "victim"),
                       org("Hillcrest School Board", "other"),
                       org("Deputy Commissioner of Police", "authority")],
                 persons=["Dan Royce", "Asha Rao"])
    royce = find(quotes, "staff training")
    assert (royce.affiliation, royce.speaker_type) == ("Hillcrest School Board",
                                                        "victim_representative")
    rao = find(quotes, "case was registered")
    assert (rao.role, rao.affiliation, rao.speaker_type) == (
        "Deputy Commissioner of Police (Zone 4)", None, "authority")


def test_quotes_german_subject_after_the_verb_takes_role_from_the_first_mention(nlp, quoter):
    text = ("Jonas Weber, Professor an der Hochschule Talheim, hält den Fall für typisch. "
            "Außerdem sagte Weber, dass die Netze von der Büro-IT getrennt sein müssen.")
    quotes = run(nlp, quoter, text, orgs=[org("Stadtwerke Talheim", "victim")], language="de")
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text == "die Netze von der Büro-IT getrennt sein müssen"
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Jonas Weber", "Professor", "Hochschule Talheim", "expert")


def test_quotes_subject_before_a_quoted_predicate_is_no_second_record(nlp, quoter):
    text = ("In a letter to parents, principal Dana Greer explained that the school's survey "
            "“asks students to name peers who have been bullied or have bullied others.”")
    quotes = run(nlp, quoter, text, orgs=[org("Brookfield High School", "victim")],
                 persons=["Dana Greer"])
    assert [q.direct for q in quotes] == [True]
    assert quotes[0].speaker == "Dana Greer" and quotes[0].text.startswith("asks students")


def test_quotes_elected_official_title_is_role_and_authority(nlp, quoter):
    text = ("The Larchfield water utility was hit by ransomware on Monday. Local councillor "
            "Dev Patel said residents deserved a full account of what went wrong. "
            "Joanna Reeve, the MP for the area, said the breach was entirely avoidable.")
    orgs = [org("Larchfield Water", "victim")]
    quotes = run(nlp, quoter, text, orgs=orgs, persons=["Dev Patel", "Joanna Reeve"])
    q = find(quotes, "residents deserved")
    assert (q.speaker, q.role, q.speaker_type) == ("Dev Patel", "Local councillor", "authority")
    q = find(quotes, "entirely avoidable")
    assert q.speaker == "Joanna Reeve" and q.role == "MP for the area"
    assert q.speaker_type == "authority"


def test_quotes_who_runs_clause_describes_a_speaker_without_title(nlp, quoter):
    text = ("Card terminals at hundreds of cafés stopped working after the Tillcraft outage. "
            "\"We could not take a single card payment all evening,\" said Moira Flett, who "
            "runs a fish restaurant in Oban. \"It was chaos in the kitchen all night.\"")
    orgs = [org("Tillcraft", "victim")]
    quotes = run(nlp, quoter, text, orgs=orgs, persons=["Moira Flett"])
    q = find(quotes, "single card payment")
    assert q.speaker == "Moira Flett"
    assert q.role == "runs a fish restaurant in Oban"
    assert q.speaker_type == "other"   # a customer of the victim, not its representative
    assert find(quotes, "chaos in the kitchen").role == "runs a fish restaurant in Oban"


def test_quotes_claiming_responsibility_and_adding_to_a_leak_site_are_no_speech(nlp, quoter):
    text = ("A ransomware gang calling itself Korvak has claimed responsibility for the attack "
            "on Harbour Bank. The gang added Harbour Bank to its leak site on Tuesday, alleging "
            "that it had stolen 200 GB of customer files. The bank added that it was working "
            "with investigators.")
    orgs = [org("Korvak", "attacker"), org("Harbour Bank", "victim")]
    quotes = run(nlp, quoter, text, orgs=orgs)
    assert not any(q.text.startswith(("responsibility", "Harbour Bank to")) for q in quotes)
    q = find(quotes, "stolen 200 GB")
    assert (q.speaker, q.speaker_type) == ("Korvak", "attacker")
    q = find(quotes, "working with investigators")
    assert (q.speaker, q.speaker_type) == ("Harbour Bank", "victim_representative")


def test_quotes_subject_with_a_relative_clause_listing_several_things(nlp, quoter):
    text = ("A hospital group has been hit by ransomware. Fernhill Health, which runs Fernhill "
            "General Hospital, the Oakvale Hospital and a network of clinics, said it detected "
            "unusual activity on its network on Monday. Priya Shah, who owns a pharmacy in "
            "Oakvale, told reporters that prescriptions had been delayed for two days.")
    orgs = [org("Fernhill Health", "victim"), org("Fernhill General Hospital", "other"),
            org("Oakvale Hospital", "other")]
    quotes = run(nlp, quoter, text, orgs=orgs, persons=["Priya Shah"])
    q = find(quotes, "unusual activity")
    assert q.text.startswith("it detected")
    assert (q.speaker, q.speaker_mention) == ("Fernhill Health", None)
    q = find(quotes, "prescriptions had been delayed")
    assert (q.speaker, q.role) == ("Priya Shah", "owns a pharmacy in Oakvale")


def test_quotes_told_a_named_outlet_is_not_part_of_the_reported_clause(nlp, quoter):
    text = ("Fernhill Health was hit by ransomware. Staff at Oakvale told the Courier they had "
            "gone back to paper forms for admissions.")
    quotes = run(nlp, quoter, text, orgs=[org("Fernhill Health", "victim")])
    assert find(quotes, "paper forms").text.startswith("they had gone back")


def test_quotes_the_group_after_a_named_attacker_group_is_the_attacker(nlp, quoter):
    text = ("A ransomware group calling itself Korvak has claimed responsibility for the attack "
            "on the Harbour hospital group. The group added Harbour Health to its leak site late "
            "on Wednesday, alleging that it had stolen 200 GB of patient files.")
    orgs = [org("Korvak", "attacker"), org("Harbour Health", "victim")]
    q = find(run(nlp, quoter, text, orgs=orgs), "stolen 200 GB")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == ("Korvak", "The group", "attacker")


# ---------------------------------------------------------------- forms found in team-written
# articles that the dev-tuned rules missed (session 3)
def test_quotes_staff_in_a_background_passage_speak_for_that_organisation(nlp, quoter):
    text = ("Harrow Valley Water said on Tuesday that a ransomware attack had shut down its "
            "billing portal. Elsewhere, ransomware hit the town of Ostrey in March. The town has "
            "not published an update since. Asked whether Ostrey had restored its payment "
            "systems, spokesman Pieter Lang said: \"We are still rebuilding servers one by one "
            "and expect that to take weeks.\" Harrow Valley Water chief executive Dana Whitcombe "
            "said the company would not pay the attackers.")
    quotes = run(nlp, quoter, text,
                 orgs=[org("Harrow Valley Water", "victim"), org("town of Ostrey", "other", "Ostrey")],
                 persons=["Pieter Lang", "Dana Whitcombe"])
    lang = find(quotes, "rebuilding servers")
    assert (lang.speaker, lang.role, lang.affiliation, lang.speaker_type) == (
        "Pieter Lang", "spokesman", "town of Ostrey", "victim_representative")
    ceo = find(quotes, "would not pay")
    assert (ceo.speaker, ceo.affiliation) == ("Dana Whitcombe", "Harrow Valley Water")


def test_quotes_background_passage_ends_where_the_victim_is_named_again(nlp, quoter):
    text = ("Elsewhere, ransomware hit the town of Ostrey in March. Harrow Valley Water, "
            "meanwhile, is still restoring its billing portal. \"Every server is checked twice "
            "before it goes back online,\" spokesman Pieter Lang said.")
    quotes = run(nlp, quoter, text,
                 orgs=[org("Harrow Valley Water", "victim"), org("town of Ostrey", "other", "Ostrey")],
                 persons=["Pieter Lang"])
    assert find(quotes, "checked twice").affiliation == "Harrow Valley Water"


@pytest.mark.parametrize("persons", [["Lena Brooks"], []])
def test_quotes_plural_possessive_affiliation_and_an_age_after_the_name(nlp, quoter, persons):
    text = ("Mira Sato found the flaw in January. Quarry Labs' Lena Brooks said the fake login "
            "pages were registered the night before the texts went out. Sato, 41, said the bug "
            "had existed since 2019.")
    quotes = run(nlp, quoter, text, orgs=[org("Quarry Labs", "security_firm")],
                 persons=persons + ["Mira Sato"])
    brooks = find(quotes, "fake login pages")
    assert (brooks.speaker, brooks.affiliation, brooks.speaker_type) == (
        "Lena Brooks", "Quarry Labs", "expert")
    assert find(quotes, "existed since 2019").speaker == "Mira Sato"


def test_quotes_dash_and_name_after_the_closing_mark(nlp, quoter):
    text = ("Researchers found a flaw in the Velora router firmware. “Anyone on the same network "
            "can become the administrator in seconds.” — Mira Sato, principal researcher at Kelp "
            "Analytics. The vendor has not replied.")
    quotes = run(nlp, quoter, text, orgs=[org("Kelp Analytics", "security_firm")],
                 persons=["Mira Sato"])
    q = find(quotes, "administrator in seconds")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Mira Sato", "principal researcher", "Kelp Analytics", "expert")


def test_quotes_title_after_a_possessive_noun_names_the_organisation_referred_to(nlp, quoter):
    text = ("The attack on Corlan Health encrypted scheduling systems at three clinics. Tom "
            "Ashby, the hospital group's chief information officer, said that appointments were "
            "being booked on paper.")
    quotes = run(nlp, quoter, text, orgs=[org("Corlan Health", "victim")], persons=["Tom Ashby"])
    q = find(quotes, "booked on paper")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Tom Ashby", "chief information officer", "Corlan Health", "victim_representative")


def test_quotes_title_before_an_honorific_and_name(nlp, quoter):
    text = ("Fenwick University has confirmed that hackers stole research data. The university's "
            "chief information security officer, Dr. Alan Pike, said in a statement that the "
            "server had been isolated.")
    quotes = run(nlp, quoter, text, orgs=[org("Fenwick University", "victim")],
                 persons=["Alan Pike"])
    q = find(quotes, "server had been isolated")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Alan Pike", "chief information security officer", "Fenwick University",
        "victim_representative")


def test_quotes_unnamed_staff_member_with_a_relative_clause(nlp, quoter):
    text = ("A cyberattack hit Marnford City Council on Friday. One council employee, who asked "
            "not to be named, said the attack began in the evening.")
    quotes = run(nlp, quoter, text, orgs=[org("Marnford City Council", "victim")])
    q = find(quotes, "attack began in the evening")
    assert (q.speaker, q.speaker_mention, q.affiliation, q.speaker_type) == (
        None, "One council employee", "Marnford City Council", "victim_representative")


def test_quotes_title_then_name_between_commas_after_the_quote(nlp, quoter):
    text = ("Pinecrest Grocers confirmed on Monday that its online shop had been compromised. "
            "\"We moved as fast as we could,\" Pinecrest's chief executive, Laura Voss, said in a "
            "video message to customers.")
    quotes = run(nlp, quoter, text, orgs=[org("Pinecrest Grocers", "victim", "Pinecrest")],
                 persons=["Laura Voss"])
    q = find(quotes, "fast as we could")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Laura Voss", "chief executive", "Pinecrest Grocers", "victim_representative")


def test_quotes_self_named_group_speaks_as_the_attacker_and_a_claimed_attack_is_no_speech(
        nlp, quoter):
    text = ("The hacking group calling itself NightShelf has claimed the attack on Orin "
            "Logistics. In a post on its leak site, the group wrote that it had taken 400 "
            "gigabytes of files. \"Pay or everything goes public on Friday,\" the post said.")
    quotes = run(nlp, quoter, text, orgs=[org("Orin Logistics", "victim")])
    assert not any("attack on Orin" in q.text for q in quotes)
    wrote = find(quotes, "400 gigabytes")
    assert (wrote.speaker, wrote.speaker_type) == ("NightShelf", "attacker")
    assert find(quotes, "goes public").speaker_type == "attacker"


def test_quotes_told_an_audience_somewhere_and_a_possessive_pronoun_title(nlp, quoter):
    text = ("\"We are not going to pay,\" Mayor Tom Reilly of Brackton told residents at a town "
            "hall meeting on Tuesday, a day after ransomware locked the town's computers. "
            "Lakeside University's cluster was hit by cryptomining malware. Its head of IT, "
            "Grace Liu, wrote in an email to staff: \"The cluster will stay offline until every "
            "node has been rebuilt.\"")
    quotes = run(nlp, quoter, text,
                 orgs=[org("Brackton", "victim"), org("Lakeside University", "victim")],
                 persons=["Tom Reilly", "Grace Liu"])
    assert not any(q.text.startswith(("residents", "a day after")) for q in quotes)
    assert not any(q.text.startswith("Its head") for q in quotes)
    liu = find(quotes, "every node")
    assert (liu.speaker, liu.role, liu.affiliation) == (
        "Grace Liu", "head of IT", "Lakeside University")


def test_quotes_told_members_that_starts_the_clause_after_that(nlp, quoter):
    text = ("The finance director, Mark Ellison, told members that the authority would need to "
            "find further savings next year.")
    quotes = run(nlp, quoter, text, persons=["Mark Ellison"])
    q = find(quotes, "further savings")
    assert q.text.startswith("the authority would need") and not q.direct


def test_quotes_former_employer_is_not_the_affiliation_of_who_runs_a_firm_now(nlp, quoter):
    text = ("John Abbot, a former FBI agent who now runs the consultancy Abbot Risk, said towns "
            "are targeted because they pay.")
    quotes = run(nlp, quoter, text,
                 orgs=[org("FBI", "authority"), org("Abbot Risk", "security_firm")],
                 persons=["John Abbot"])
    q = find(quotes, "targeted because")
    assert (q.speaker, q.affiliation, q.speaker_type) == ("John Abbot", "Abbot Risk", "expert")


def test_speaker_never_introduced_speaks_for_the_organisation_named_as_we(nlp, quoter):
    # the text never says whom Okafor works for; his own words do ("Brightwell … we")
    text = ("Brightwell Transit shut its ticket machines on Monday after a ransomware attack. "
            "\"Brightwell operated buses for decades before computers, so we will use paper "
            "tickets for now,\" Okafor said. \"We are not taking any chances this week,\" Okafor added. "
            "Independent analyst Rosa Kim said the outage could last days.")
    orgs = [org("Brightwell Transit", "victim", "Brightwell")]
    quotes = run(nlp, quoter, text, orgs=orgs, persons=["Okafor", "Rosa Kim"])
    for frag in ("operated buses", "not taking any chances"):
        q = find(quotes, frag)
        assert q.speaker == "Okafor"
        assert q.affiliation == "Brightwell Transit"
        assert q.speaker_type == "victim_representative"
    # a quote without "we", or one where the organisation does not act, gives no employer
    text = ("\"Brightwell should have had offline backups ready for this,\" Okafor said.")
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Okafor"]), "offline backups")
    assert q.affiliation is None
    text = ("\"We are really angry at Brightwell about the late warning,\" Okafor said.")
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Okafor"]), "late warning")
    assert q.affiliation is None


def test_security_lab_named_in_own_quotes_makes_an_expert(nlp, quoter):
    text = ("\"The Norrland Threat Lab has found a rise in open storage buckets this year,\" "
            "Lindqvist said. \"We have reported hundreds of them to their owners.\"")
    orgs = [org("Norrland Threat Lab", "security_firm")]
    quotes = run(nlp, quoter, text, orgs=orgs, persons=["Lindqvist"])
    q = find(quotes, "open storage buckets")
    assert (q.affiliation, q.speaker_type) == ("Norrland Threat Lab", "expert")


def test_colleague_inherits_the_affiliation(nlp, quoter):
    text = ("\"The loader hides in a fake invoice,\" said Mara Holt, a researcher at Quillfeather "
            "Labs. Her colleague, Dr Ines Varga, said the same gang was active last year. "
            "Tom Reed, a colleague of Holt, said the fake invoices were written in flawless "
            "legal English.")
    orgs = [org("Quillfeather Labs", "security_firm")]
    quotes = run(nlp, quoter, text, orgs=orgs, persons=["Mara Holt", "Ines Varga", "Tom Reed"])
    q = find(quotes, "same gang")
    assert q.speaker == "Ines Varga"
    assert (q.affiliation, q.speaker_type) == ("Quillfeather Labs", "expert")
    q = find(quotes, "flawless")
    assert (q.affiliation, q.speaker_type) == ("Quillfeather Labs", "expert")


def test_policy_area_adviser_is_a_title_and_a_briefing_gives_the_employer(nlp, quoter):
    text = ("\"This campaign was reckless and costly,\" national security adviser Dana Pruitt "
            "said at a Government House briefing on Monday.")
    orgs = [org("Government House", "authority"), org("National Security", "authority")]
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Dana Pruitt"]), "reckless")
    assert q.speaker == "Dana Pruitt"
    assert q.affiliation == "Government House"
    assert q.speaker_type == "authority"
    assert "adviser" in q.role


def test_parent_company_statement_speaks_for_the_victim(nlp, quoter):
    text = ("Card data at the Pellow Mart chain was skimmed, parent company Ardent Retail Group "
            "confirmed on Friday. \"We removed the malicious code within hours,\" Ardent Retail "
            "Group said.")
    orgs = [org("Pellow Mart", "victim"), org("Ardent Retail Group", "other")]
    q = find(run(nlp, quoter, text, orgs=orgs), "removed the malicious code")
    assert q.speaker == "Ardent Retail Group"
    assert q.speaker_type == "victim_representative"


def test_title_after_an_article_and_an_acronym_is_the_role(nlp, quoter):
    text = ("Kara Lind, an NCSB spokeswoman, said the board has taken over the investigation "
            "of the intrusion at the depot.")
    orgs = [org("National Cyber Safety Board", "authority", "NCSB")]
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Kara Lind"]), "taken over")
    assert (q.role, q.affiliation) == ("spokeswoman", "National Cyber Safety Board")


def test_described_speaker_is_the_one_person_named_with_that_title(nlp, quoter):
    text = ("Fernvale Clinic paid the ransom to get its records back, the clinic's chief "
            "executive said on Tuesday. The attack began on a Sunday, said Chief Executive "
            "Irene Solberg.")
    orgs = [org("Fernvale Clinic", "victim")]
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Irene Solberg"]), "paid the ransom")
    assert q.speaker == "Irene Solberg"
    assert q.speaker_mention == "the clinic's chief executive"
    assert q.role == "chief executive"
    assert q.affiliation == "Fernvale Clinic"
    # two people with that title: the description stays unnamed
    text = ("Fernvale Clinic paid the ransom, the clinic's chief executive said on Tuesday. "
            "Chief Executive Irene Solberg joined in May; Chief Executive Tom Hale left in "
            "April.")
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Irene Solberg", "Tom Hale"]),
             "paid the ransom")
    assert q.speaker is None


def test_quotation_left_open_at_the_end_of_the_text(nlp, quoter):
    # a truncated page: the closing mark is missing and the text ends inside the quote
    text = ("Board members said they were recorded during the visit. A spokesman for Harlow "
            "Outfitters said: \"We cannot comment on operational matters for obvious reasons.")
    quotes = run(nlp, quoter, text, orgs=[org("Harlow Outfitters", "victim")])
    q = find(quotes, "cannot comment")
    assert q.speaker_mention == "A spokesman for Harlow Outfitters"
    assert q.end_char <= len(text)


def test_officials_of_a_place_speak_for_no_named_organisation(nlp, quoter):
    text = ("Pinecrest Water Authority was hit by ransomware on Monday. Oregon officials said "
            "they never paid the attackers any money at all. A spokesman said the billing "
            "system was back.")
    orgs = [org("Pinecrest Water Authority", "victim")]
    quotes = run(nlp, quoter, text, orgs=orgs, ents_by_label=[("Oregon", "GPE")])
    q = find(quotes, "never paid")
    assert q.affiliation is None
    assert q.speaker_type == "victim_representative"
    # an unqualified spokesman still speaks for the organisation named before
    assert find(quotes, "billing system").affiliation == "Pinecrest Water Authority"


def test_a_one_word_organisation_that_says_i_is_a_person(nlp, quoter):
    # the entity recogniser took the surname for the car maker
    text = ("Brightwell Transit shut its ticket machines on Monday. \"The message I'm giving "
            "staff is that Brightwell operated for decades without computers, so we will use "
            "paper tickets,\" Ford said.")
    orgs = [org("Brightwell Transit", "victim", "Brightwell"), org("Ford", "other")]
    q = find(run(nlp, quoter, text, orgs=orgs), "paper tickets")
    assert q.speaker == "Ford"
    assert q.affiliation == "Brightwell Transit"
    assert q.speaker_type == "victim_representative"
    # a company statement in the first person plural stays the company's, and so does a
    # victim's statement quoting its chief in the first person singular
    text = "\"We have recalled the affected cars,\" Ford said."
    q = find(run(nlp, quoter, text, orgs=[org("Ford", "vendor")]), "recalled")
    assert (q.speaker, q.affiliation) == ("Ford", "Ford")
    text = ("\"I am sorry that Brightwell customers were affected and we are working hard,\" "
            "Brightwell said.")
    q = find(run(nlp, quoter, text, orgs=[org("Brightwell", "victim")]), "sorry")
    assert (q.speaker, q.affiliation, q.speaker_type) == (
        "Brightwell", "Brightwell", "victim_representative")


def test_token_lookup_gives_what_scanning_the_slice_gives():
    # quote_rules.tokens scans a text once and makes token objects as ranges ask for them;
    # any range (cutting a token or not), after another text was looked at, is the same as
    # scanning the slice itself
    from pipeline.nlp.quote_rules import _scan, tokens
    first = ("“We’re restoring the click-and-collect service,” said Dr. Emma O’Neil, the "
             "firm’s CTO. Systems were back at 09.30 on 2024-05-01.")
    second = "Acme Corp. said: “nothing was lost.”"
    for text in (first, second, first):
        for s in range(0, len(text), 3):
            for e in range(s, len(text) + 1, 7):
                assert tokens(text, s, e) == _scan(text, s, e), (s, e)
            assert tokens(second, 0, 4) == _scan(second, 0, 4)   # another text between


def test_title_then_name_search_starts_late_with_the_same_match():
    from pipeline.nlp.quotes import _TITLE_THEN_NAME, _title_then_name
    segs = ["Pinecrest's chief executive, Laura Voss,",
            "x" * 150 + " chief executive, Laura Voss, ", "Its head of IT, Grace Liu,\n", "a, b, Grace Liu,", "no commas here", "one, Laura Voss",
            "A. Bell, the head, Ann Lee,", ",,", ", Ann Lee,"]
    for seg in segs:
        plain, fast = _TITLE_THEN_NAME.search(seg), _title_then_name(seg)
        assert (plain and (plain.span(), plain.groups())) == (fast and (fast.span(), fast.groups()))
    assert _title_then_name(segs[1]).group(2) == "Laura Voss"


def test_span_cover_answers_like_a_scan_of_every_span():
    """speaker_orgs.Cover (used for 'is this name inside a quotation' and 'does a place or
    malware entity overlap it' on long texts) gives the answer of checking every span, for
    overlapping, nested and empty spans."""
    import random
    from pipeline.nlp.speaker_orgs import Cover
    rnd = random.Random(7)
    for _ in range(400):
        spans = [(a, a + rnd.randint(0, 12)) for a in (rnd.randint(0, 60)
                                                       for _ in range(rnd.randint(0, 9)))]
        cover = Cover(spans)
        for p in range(-2, 75):
            assert (p in cover) == any(a <= p < b for a, b in spans)
            for q in range(p, p + 14, 3):
                assert cover.overlaps(p, q) == any(a < q and p < b for a, b in spans)


# --------------------------------------------------------------- generalisation fixes (CASIE silver review)
def test_quotes_title_of_department_before_name_is_role_not_name(nlp, quoter):
    # the organisation component took "Threat Intelligence Mara Lindqvist" for an organisation
    # and the NER found only the surname
    text = ("Skyforge Labs found the flaw. “Vendors patched quickly and the fix is already "
            "rolling out,” Skyforge Labs Head of Threat Intelligence Mara Lindqvist said.")
    quotes = run(nlp, quoter, text, persons=["Lindqvist"],
                 orgs=[org("Skyforge Labs", "security_firm"),
                       org("Threat Intelligence Mara Lindqvist", "security_firm")])
    q = find(quotes, "Vendors patched quickly")
    assert q.speaker == "Mara Lindqvist"
    assert q.role == "Head of Threat Intelligence"
    assert q.affiliation == "Skyforge Labs" and q.speaker_type == "expert"


def test_quotes_described_subject_with_relative_clause_holding_commas(nlp, quoter):
    text = ("Harbourline Resorts confirmed a breach on Monday. The resort chain, which runs 40 "
            "hotels, 12 spas and 3 casinos in nine countries, said Bookwell, its reservations "
            "provider, was the source of the leak.")
    quotes = run(nlp, quoter, text, orgs=[org("Harbourline Resorts", "victim"),
                                          org("Bookwell", "other")])
    q = find(quotes, "was the source of the leak")
    assert q.text.startswith("Bookwell")
    assert q.speaker == "Harbourline Resorts" and q.speaker_type == "victim_representative"
    assert not any(q.text.startswith("The resort chain") for q in quotes)


def test_quotes_organisation_as_modifier_is_not_the_speaker(nlp, quoter):
    text = ("Trippr said attackers may have accessed its booking platform. \"We found evidence "
            "that an attacker may have viewed customer records on the platform,\" the "
            "Globetrek-owned site said in a statement.")
    quotes = run(nlp, quoter, text, orgs=[org("Trippr", "victim"), org("Globetrek", "other")])
    q = find(quotes, "We found evidence")
    # "the Globetrek-owned site" is Trippr, the site the article is about
    assert (q.speaker, q.affiliation, q.speaker_type) == ("Trippr", "Trippr",
                                                          "victim_representative")


@pytest.mark.parametrize("text", [
    "The subject of the email is “Your parcel could not be delivered today” followed by a "
    "tracking number.",
    "Researchers found a new phishing wave. One convincing looking email claims: “To keep your "
    "account safe, Lakeside Bank has moved to a new login page. Click below to confirm.”",
])
def test_quotes_lure_subjects_and_texts_are_not_speech(nlp, quoter, text):
    assert run(nlp, quoter, text, orgs=[org("Lakeside Bank", "other")]) == []


def test_quotes_ransom_email_text_stays_attacker_speech(nlp, quoter):
    text = ("The hackers sent a ransom demand to the council. The ransom email reads: “Pay five "
            "bitcoin within three days or every file will be published online.”")
    quotes = run(nlp, quoter, text, orgs=[org("Brackley Council", "victim")])
    assert len(quotes) == 1 and quotes[0].text.startswith("Pay five bitcoin")


def test_quotes_role_before_organisation_drops_preposition_and_article(nlp, quoter):
    text = ("\"The unpatched server could have been exploited,\" Ada Brennan, Deputy Chief "
            "Information Officer for the Ministry of Transport, said on a call.")
    quotes = run(nlp, quoter, text, persons=["Ada Brennan"],
                 orgs=[org("Ministry of Transport", "victim")])
    q = find(quotes, "unpatched server")
    assert q.role == "Deputy Chief Information Officer"
    assert q.affiliation == "Ministry of Transport"


def test_quotes_unnamed_prosecutors_are_an_authority_description(nlp, quoter):
    text = ("The gang tried to file fake tax returns, but prosecutors said fraud controls put in "
            "place by the agency “caused most, if not all, such fraudulent returns to be "
            "rejected”. Prosecutors said the scheme ran for two years.")
    quotes = run(nlp, quoter, text, orgs=[org("Revenue Agency", "victim")])
    frag = find([q for q in quotes if q.direct], "caused most, if not all")
    assert frag.speaker is None
    assert frag.speaker_mention == "prosecutors" and frag.speaker_type == "authority"
    later = find(quotes, "the scheme ran for two years")
    assert later.speaker is None and later.speaker_type == "authority"


def test_quotes_participle_with_a_noun_object_is_no_reported_speech(nlp, quoter):
    text = ("\"This is a risk that every maker should plan for,\" says Kai Fenwick, explaining "
            "findings of a study run by two universities.")
    quotes = run(nlp, quoter, text, persons=["Kai Fenwick"])
    assert [q.text for q in quotes] == ["This is a risk that every maker should plan for"]


def test_quotes_surname_entity_is_not_extended_over_a_sentence_adverb(nlp, quoter):
    text = ("Tomas Reyes joined the firm in May. Even Reyes says the breach “cost the company "
            "years of customer trust and goodwill”.")
    quotes = run(nlp, quoter, text, persons=["Tomas Reyes", "Reyes"])
    assert quotes and all(q.speaker == "Tomas Reyes" for q in quotes)


def test_quotes_general_ends_a_title_before_the_name(nlp, quoter):
    text = ("“There are no free passes for criminal behaviour online,” Assistant Attorney "
            "General Hollis told reporters.")
    quotes = run(nlp, quoter, text, persons=["Hollis"])
    assert quotes[0].speaker == "Hollis"
    assert quotes[0].role == "Assistant Attorney General"


def test_quotes_person_looking_workplace_after_at_is_no_speaker(nlp, quoter):
    # the NER takes law firms named after people for PERSON entities
    text = ("Nora Vance, a data security lawyer at Hale Whitcombe that represents retailers, "
            "said she doubted a flood of lawsuits would follow. She noted there was no sign of "
            "a large disclosure of personal data.")
    quotes = run(nlp, quoter, text, persons=["Nora Vance", "Hale Whitcombe"])
    assert len(quotes) == 2
    for q in quotes:
        assert q.speaker == "Nora Vance" and q.role == "data security lawyer"
        assert q.affiliation == "Hale Whitcombe"


def test_quotes_a_lawyer_speaking_about_privacy_law_is_no_authority(nlp, quoter):
    text = ("\"Running unsupported software is a risk,\" said Owen Pratt, a lawyer specialising "
            "in privacy law.")
    quotes = run(nlp, quoter, text, persons=["Owen Pratt"])
    assert quotes[0].speaker == "Owen Pratt" and quotes[0].speaker_type != "authority"


def test_quotes_platform_named_before_unnamed_users_is_not_the_speaker(nlp, quoter):
    text = ("Admins were hit by the bug. On Threadly, other users also recommended that site "
            "owners \"create a dummy host that catches every request with unknown headers.\"")
    quotes = run(nlp, quoter, text, orgs=[org("Threadly", "other")])
    q = find(quotes, "create a dummy host")
    assert q.speaker is None and q.speaker_mention == "other users"
    assert q.speaker_type == "other"


def test_quotes_name_with_descriptive_apposition_before_said_in_a_statement(nlp, quoter):
    text = ("Codeward researchers found two flaws in Shopmint. “We are investigating the root "
            "cause of the reported issue and know of no attacks in the wild,” Shopmint, the "
            "company that oversees development of the platform, said in an emailed statement.")
    # (the organisation component missed Shopmint, as it may)
    quotes = run(nlp, quoter, text, orgs=[org("Codeward", "security_firm")])
    q = find(quotes, "We are investigating")
    assert q.speaker == "Shopmint" and q.speaker_type != "expert"


def test_quotes_participial_adjunct_after_the_tag_is_no_reported_clause(nlp, quoter):
    text = ("\"Many targets get the same message in the hope that one of them pays,\" Netguard "
            "said in a report today, echoing Smith's advice not to pay the ransom.")
    quotes = run(nlp, quoter, text, orgs=[org("Netguard", "security_firm")])
    assert [q.text for q in quotes] == [
        "Many targets get the same message in the hope that one of them pays"]


def test_quotes_warning_somebody_about_something_is_no_speech(nlp, quoter):
    text = ("Ivo Hart worked with a journalist from Daily Wire to try and warn the company about "
            "the exposed database.")
    assert run(nlp, quoter, text, persons=["Ivo Hart"], orgs=[org("Daily Wire", "other")]) == []


def test_quotes_the_group_after_a_self_named_hacking_group_is_the_attacker(nlp, quoter):
    text = ("A group calling itself the Harbor Wolves claims to hold 300 million Cloudbox "
            "logins. Cloudbox said its systems were not breached. In a message posted online, "
            "the group said it will wipe the accounts unless it is paid by Friday.")
    quotes = run(nlp, quoter, text, orgs=[org("Cloudbox", "victim")])
    q = find(quotes, "will wipe the accounts")
    assert q.speaker == "Harbor Wolves" and q.speaker_type == "attacker"


def test_quotes_an_unnamed_hacking_group_and_a_hacker_are_the_attacker(nlp, quoter):
    text = ("A hacking group breached Fernway Travel last month. Fernway Travel said card data "
            "was not stored on the server. Speaking to reporters, the group said it had copied "
            "two million customer records. \"We only wanted to show how weak their security "
            "was,\" the hacker told Motherboard.")
    quotes = run(nlp, quoter, text, orgs=[org("Fernway Travel", "victim")])
    q = find(quotes, "two million customer records")
    assert q.speaker is None and q.speaker_type == "attacker"
    q = find(quotes, "We only wanted to show")
    assert q.speaker is None and q.speaker_mention == "the hacker"
    assert q.speaker_type == "attacker"


@pytest.mark.parametrize("text,speaker,mention,clause", [
    ("Hostwell agreed to pay the ransom in three parts, and said Saturday it has already paid "
     "two of them.", "Hostwell", None, "it has already paid two of them"),
    ("Routeco rated the flaw as a denial of service, but said it is possible that a device "
     "keeps running.", "Routeco", None, "it is possible that a device keeps running"),
    ("Brightwall, a cybersecurity consultancy, said the attacks resembled an earlier wave of "
     "extortion attempts.", "Brightwall", None, "the attacks resembled an earlier wave"),
    ("The agency did not comment, although a staffer said they were aware of the break-in.",
     None, "a staffer", "they were aware of the break-in"),
])
def test_quotes_more_subject_forms_of_reported_speech(nlp, quoter, text, speaker, mention,
                                                      clause):
    quotes = run(nlp, quoter, text, orgs=[org("Brightwall", "security_firm"),
                                          org("Hostwell", "victim"), org("Routeco", "vendor")])
    q = find(quotes, clause)
    assert q.speaker == speaker and not q.direct
    if mention:
        assert q.speaker_mention == mention


# ---------------------------------------------------------------- regressions found in review
# (session 6): each case ran right before this session's rules and went wrong with them
@pytest.mark.parametrize("text,orgs,speaker,speaker_type", [
    # a vendor's threat-intelligence team is no hacking group
    ("Google's Threat Analysis Group said the campaign targeted journalists. \"We blocked the "
     "attempts quickly,\" the group said.",
     [org("Google", "vendor"), org("Threat Analysis Group", "security_firm")],
     "Threat Analysis Group", "expert"),
    # "the group" is the hospital group named last, not the ransomware group of the lead
    ("A ransomware group attacked Sunrise Health, a hospital group in Ohio, on Monday. "
     "\"Patient care was not affected,\" the group said in a statement.",
     [org("Sunrise Health", "victim")], "Sunrise Health", "victim_representative"),
])
def test_quotes_the_group_is_the_nearest_group_phrase(nlp, quoter, text, orgs, speaker,
                                                      speaker_type):
    q = find(run(nlp, quoter, text, orgs=orgs), text.split("\"")[1][:20])
    assert (q.speaker, q.speaker_type) == (speaker, speaker_type)


def test_quotes_tell_verb_object_then_a_quantifier_opens_a_clause(nlp, quoter):
    text = ("The bank's chief executive told reporters most of the systems were back online. "
            "Jane Smith told Reuters none of the customer data had been accessed.")
    quotes = run(nlp, quoter, text, persons=["Jane Smith"], orgs=[org("Reuters", "media")])
    assert find(quotes, "most of the systems").text == "most of the systems were back online"
    q = find(quotes, "none of the customer data")
    assert q.text == "none of the customer data had been accessed" and q.speaker == "Jane Smith"
    # the rule the check was written for still holds after a recognised object
    assert run(nlp, quoter, "Jane Smith told Reuters about the breach on Monday.",
               persons=["Jane Smith"], orgs=[org("Reuters", "media")]) == []


@pytest.mark.parametrize("text,orgs,speaker", [
    ("Acme Credit Union said staff fell for a phishing email last week. A statement on its "
     "website said: \"We deeply regret this incident and are contacting affected members.\"",
     [org("Acme Credit Union", "victim")], "Acme Credit Union"),
    ("Fraudsters sent fake invoices to customers. A message on the Acme Energy website says: "
     "\"We will never ask you to pay by gift card.\"", [org("Acme Energy", "victim")],
     "Acme Energy"),
])
def test_quotes_an_organisations_own_website_text_in_a_scam_story_is_speech(nlp, quoter, text,
                                                                            orgs, speaker):
    quotes = run(nlp, quoter, text, orgs=orgs)
    assert len(quotes) >= 1
    assert quotes[-1].text.startswith("We ") and quotes[-1].speaker == speaker


@pytest.mark.parametrize("text", [
    "Fraudsters sent fake invoices to customers of Acme Energy. One fake text message reads: "
    "\"Your account is overdue, pay now at the link below.\"",
    "Customers of Acme Energy should be aware of a new scam. The full message reads, \"Your "
    "latest bill is now overdue. Pay it today to avoid a service interruption.\"",
])
def test_quotes_a_lure_named_as_such_is_still_no_speech(nlp, quoter, text):
    assert run(nlp, quoter, text, orgs=[org("Acme Energy", "victim")]) == []


@pytest.mark.parametrize("text,clause", [
    ("Partner Jane Smith told the Press Association the extent of the campaign was still "
     "unclear.", "the extent of the campaign was still unclear"),
    ("Jane Smith told the BBC that two of the phishing domains were linked to the group.",
     "two of the phishing domains were linked"),
])
def test_quotes_tell_verb_object_then_a_noun_phrase_with_of_is_a_clause(nlp, quoter, text,
                                                                        clause):
    q = find(run(nlp, quoter, text, persons=["Jane Smith"], orgs=[org("BBC", "media")]), clause)
    assert q.speaker == "Jane Smith" and not q.direct


def test_quotes_the_group_is_not_a_group_word_used_as_a_modifier_or_the_mention_itself(
        nlp, quoter):
    text = ("A group calling itself Korvak claims to hold 300 million logins. The hackers want "
            "$700,000 -- $100,000 per group member. The group claims that it built the list "
            "from older leaks.")
    q = find(run(nlp, quoter, text, orgs=[org("Cloudbox", "victim")]), "built the list")
    assert (q.speaker, q.speaker_type) == ("Korvak", "attacker")
    text = ("Oakhill Pediatrics said names and addresses were exposed. In addition to the credit "
            "monitoring services from Creditwatch, the pediatrics group recommended that "
            "patients place a fraud alert on their credit files.")
    q = find(run(nlp, quoter, text, orgs=[org("Oakhill Pediatrics", "victim"),
                                          org("Creditwatch", "other")]), "fraud alert")
    assert q.speaker == "Oakhill Pediatrics"


@pytest.mark.parametrize("text,victim", [
    ("Hackers stole data from Quayline, the company said.", "Quayline"),
    ("Fraudsters used stolen passwords to take over customer accounts at the online bank "
     "Kovra, the bank said on Friday.", "Kovra"),
    ("Hackers stole $35 million from the crypto exchange CoinHarbor, the company said in a "
     "statement on Sunday.", "CoinHarbor"),
])
def test_quotes_a_name_before_the_company_said_ends_the_reported_clause(nlp, quoter, text,
                                                                       victim):
    # wire style: the subject is "the company"; the name before the comma belongs to the
    # reported clause, which is the quote (an apposition needs its closing comma)
    quotes = run(nlp, quoter, text, orgs=[org(victim, "victim")])
    q = find(quotes, "stole" if "stole" in text else "stolen passwords")
    assert q.text.endswith(victim) and not q.direct
    assert (q.speaker, q.speaker_type) == (victim, "victim_representative")


@pytest.mark.parametrize("tag", ["said Dr. Alan Pike", "said Prof. Alan Pike",
                                 "said Alan F. Pike"])
def test_quotes_an_honorific_or_initial_after_the_verb_keeps_the_speaker(nlp, quoter, tag):
    # the full stop of "Dr." or of an initial does not end the speaker phrase
    name = "Alan F. Pike" if "F." in tag else "Alan Pike"
    text = ("Ransomware hit Lakeview Hospital on Monday. \"We are treating patients safely,\" "
            f"{tag}, the hospital's chief medical officer.")
    quotes = run(nlp, quoter, text, orgs=[org("Lakeview Hospital", "victim")], persons=[name])
    q = find(quotes, "treating patients")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        name, "chief medical officer", "Lakeview Hospital", "victim_representative")


def _long_pronoun_article(n: int) -> tuple[str, list[str]]:
    """n paragraphs, each naming a new person, then a quote of theirs tagged "he said"."""
    firsts = ["Arlo", "Bram", "Cosmo", "Dario", "Emil", "Felix", "Gustav", "Hugo", "Ivo", "Joris"]
    people = [f"{firsts[i % 10]} Vel{chr(97 + i % 26)}{chr(97 + i // 26)}ton" for i in range(n)]
    text = " ".join(f"{p} reviewed the outage logs at the depot. \"The backup servers at the "
                    f"depot were never tested properly,\" he said." for p in people)
    return text, people


def test_quotes_he_said_on_a_long_text_costs_linear_name_work(nlp, quoter, monkeypatch):
    # "he" goes back to the last person named; that look-back must not re-read every earlier
    # name at every pronoun (it made quoted_experts superlinear on long texts)
    from pipeline.nlp import speakers

    calls = {"n": 0}
    orig = speakers.SpeakerResolver._split_person

    def counting(self, a, b):
        calls["n"] += 1
        return orig(self, a, b)

    monkeypatch.setattr(speakers.SpeakerResolver, "_split_person", counting)
    n = 120
    text, people = _long_pronoun_article(n)
    quotes = run(nlp, quoter, text, persons=people)
    assert [q.speaker for q in quotes] == people   # each quote goes to its own paragraph's name
    assert calls["n"] <= 8 * n, calls["n"]          # the old look-back made ~n*n/2 calls


# --------------------------------------------------------------------------- session 7 review
@pytest.mark.parametrize("text,orgs,person,role,aff", [
    # "Name, Title, Organisation" after an inverted tag
    ('Hackers hit Brindle Foods. "Paying the ransom never guarantees the files come back," '
     'said Tom Varga, CMO, Orrin Data Security.',
     [("Brindle Foods", "victim"), ("Orrin Data Security", "security_firm")], "Tom Varga", "CMO",
     "Orrin Data Security"),
    # a title the organisation component took for an organisation is the title
    ('Hackers hit Brindle Foods. "This may be a new family of point-of-sale malware," said '
     'Lena Ruiz, Global Threat Strategist, Quellbit, via email.',
     [("Brindle Foods", "victim"), ("Global Threat Strategist", "security_firm"),
      ("Quellbit", "security_firm")], "Lena Ruiz", "Global Threat Strategist", "Quellbit"),
    # an apposition ends at a spaced dash that opens a remark about the firm
    ('Hackers hit Brindle Foods. Pat Moreau, security director of Calder Networks in Leeds – '
     'one of the first firms in the county to be certified under the government’s new cyber '
     'essentials scheme – said: "Never pay a ransom to these criminals."', [("Brindle Foods", "victim"), ("Calder Networks", "security_firm")],
     "Pat Moreau", "security director", "Calder Networks"),
    # an apposition between spaced dashes; the firm's lower-case description is no title
    ('Tomas Rell − owner of audio-visual specialist Rell Video Studios − was targeted by '
     'ransomware. "I had no idea how the malware got in," he said.',
     [("Rell Video Studios", "victim")], "Tomas Rell", "owner", "Rell Video Studios"),
])
def test_quotes_title_and_organisation_after_the_name(nlp, quoter, text, orgs, person, role,
                                                       aff):
    quotes = run(nlp, quoter, text, orgs=[org(n, r) for n, r in orgs], persons=[person])
    q = [q for q in quotes if q.direct][0]
    assert (q.speaker, q.role, q.affiliation) == (person, role, aff)
    roles = dict(orgs)
    assert q.speaker_type == ("victim_representative" if roles[aff] == "victim" else "expert")


def test_quotes_a_dash_remark_without_a_title_gives_no_role(nlp, quoter):
    text = ('Tomas Rell − a father of three from Leeds − was targeted by ransomware. "I had no '
            'idea how the malware got in," he said.')
    q = find(run(nlp, quoter, text, orgs=[org("Rell Video Studios", "victim")],
                 persons=["Tomas Rell"]), "no idea")
    assert (q.speaker, q.role) == ("Tomas Rell", None)


def test_quotes_a_dotted_acronym_does_not_end_the_tag(nlp, quoter):
    text = ('Thieves used the tool to file false returns. “Fortunately we caught this at the '
            'front end,” John Marsh, the I.R.S. commissioner, said Thursday at a Senate hearing.')
    quotes = run(nlp, quoter, text, orgs=[org("Internal Revenue Service", "victim")],
                 persons=["John Marsh"])
    q = find(quotes, "caught this")
    assert (q.speaker, q.role, q.speaker_type) == ("John Marsh", "I.R.S. commissioner",
                                                  "authority")
    # "Thursday at a Senate hearing" is when and where, not what was said
    assert [x.text for x in quotes] == [q.text]


def test_quotes_a_sentence_after_a_dotted_acronym_stays_apart(nlp, quoter):
    text = ('“We caught it at the front end,” said John Marsh of the I.R.S. The agency will '
            'reopen the tool in October.')
    q = find(run(nlp, quoter, text, persons=["John Marsh"]), "front end")
    assert q.speaker == "John Marsh" and q.role is None


@pytest.mark.parametrize("tail", [
    "Raman Iyer said, without disclosing the names of the banks to prevent misuse.",
    "Raman Iyer said Thursday at a press conference in Mumbai.",
])
def test_quotes_an_adverbial_after_a_quote_tag_is_no_reported_speech(nlp, quoter, tail):
    text = f"“We have informed the banks about the flaws,” {tail}"
    quotes = run(nlp, quoter, text, persons=["Raman Iyer"])
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We have informed the banks about the flaws", "Raman Iyer")]


@pytest.mark.parametrize("tail", ["said Thursday that hackers had stolen card numbers.",
                                  "said Thursday the hackers had stolen card numbers."])
def test_quotes_a_day_then_a_clause_is_still_reported_speech(nlp, quoter, tail):
    q = find(run(nlp, quoter, f"Raman Iyer {tail}", persons=["Raman Iyer"]), "stolen card")
    assert q.speaker == "Raman Iyer" and not q.direct


@pytest.mark.parametrize("text", [
    "Ransomware hit Marlow General. Hospital president Joan Ferris said patients were moved "
    "to other sites.",
    "Ransomware hit Marlow General. \"We moved patients to other sites,\" hospital president "
    "Joan Ferris said.",
])
def test_quotes_an_org_noun_before_a_lower_case_title_keeps_the_role(nlp, quoter, text):
    q = find(run(nlp, quoter, text, orgs=[org("Marlow General", "victim")],
                 persons=["Joan Ferris"]), "patients")
    assert q.speaker == "Joan Ferris" and q.role.lower() == "hospital president"
    assert (q.affiliation, q.speaker_type) == ("Marlow General", "victim_representative")


@pytest.mark.parametrize("text,speaker", [
    ('Ransomware hit Marlow General, according to the security firm Brackwater. "The gang '
     'reused an old exploit," said Ivo Stam of Brackwater.', "Ivo Stam"),
    ("Ransomware hit Marlow General. Researchers at Brackwater said the gang reused an old "
     "exploit.", None),
    ("Ransomware hit Marlow General. Brackwater, a threat intelligence provider, said the gang "
     "reused an old exploit.", "Brackwater"),
])
def test_quotes_a_firm_the_text_calls_a_security_firm_speaks_as_expert(nlp, quoter, text,
                                                                       speaker):
    # the organisation component left the firm "other": the text's own description decides
    quotes = run(nlp, quoter, text, orgs=[org("Marlow General", "victim"),
                                          org("Brackwater", "other")], persons=["Ivo Stam"])
    q = find(quotes, "old exploit")
    assert (q.speaker, q.affiliation, q.speaker_type) == (speaker, "Brackwater", "expert")


@pytest.mark.parametrize("desc", ["the retail firm Brackwater", "customers at Brackwater"])
def test_quotes_a_firm_described_otherwise_is_no_expert(nlp, quoter, desc):
    text = (f"Ransomware hit Marlow General, whose supplies come from {desc}. \"The delays "
            f"will last for weeks,\" said Ivo Stam of Brackwater.")
    q = find(run(nlp, quoter, text, orgs=[org("Marlow General", "victim"),
                                          org("Brackwater", "other")], persons=["Ivo Stam"]),
             "delays")
    assert q.speaker == "Ivo Stam" and q.speaker_type == "other"


@pytest.mark.parametrize("name,stype", [("FDA", "authority"),
                                        ("Social Security Administration", "authority"),
                                        ("Orrin Data Security", "expert")])
def test_quotes_an_agency_name_gives_authority(nlp, quoter, name, stype):
    text = f"Hackers hit the pump maker. {name} said patients can keep using the pumps."
    q = find(run(nlp, quoter, text, orgs=[org(name, "other")]), "pumps")
    assert (q.speaker, q.speaker_type) == (name, stype)


def test_quotes_academics_are_experts_whatever_role_their_university_got(nlp, quoter):
    text = ("Dana Kell, a PhD student at Corvin Institute of Technology, showed how the "
            "controllers can be hacked. \"An attacker could ruin the pumps,\" Kell said.")
    q = find(run(nlp, quoter, text, orgs=[org("Corvin Institute of Technology", "vendor")],
                 persons=["Dana Kell"]), "ruin the pumps")
    assert (q.speaker, q.role, q.speaker_type) == ("Dana Kell", "PhD student", "expert")


@pytest.mark.parametrize("victim,stype", [(None, "victim_representative"),
                                          ("Harlow Schools", "other")])
def test_quotes_university_staff_speak_for_it_not_as_experts(nlp, quoter, victim, stype):
    text = ("Keyloggers were found on classroom computers at Tarnby University. \"No personal "
            "information was taken,\" said Bea Holm, manager of public affairs at Tarnby "
            "University.")
    orgs = [org("Tarnby University", "other")] + ([org(victim, "victim")] if victim else [])
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Bea Holm"]), "personal information")
    assert (q.affiliation, q.speaker_type) == ("Tarnby University", stype)


@pytest.mark.parametrize("noun,stype", [("research team", "expert"), ("support team", "other")])
def test_quotes_a_research_team_is_expert(nlp, quoter, noun, stype):
    text = f"The password apps were tested last year. The {noun} says the flaws were severe and patched quickly."
    q = find(run(nlp, quoter, text), "flaws were severe")
    assert q.speaker_mention == f"The {noun}" and q.speaker_type == stype


def test_quotes_a_name_a_group_calls_itself_is_no_quote(nlp, quoter):
    text = ('A gang stole data from Cloudora. The gang calls themselves the "Quiet Harbor '
            'Crew," and they demand $75,000. Mira Sato calls the breach "a failure of basic '
            'hygiene at every level" in her report.')
    quotes = run(nlp, quoter, text, orgs=[org("Cloudora", "victim")], persons=["Mira Sato"])
    assert [q.text for q in quotes] == ["a failure of basic hygiene at every level"]


def test_quotes_it_reads_after_a_fake_email_is_a_lure(nlp, quoter):
    text = ('Fraudsters are sending fake emails posing as the licensing agency. It reads: "Our '
            'records show that you are not up to date with your vehicle tax."')
    assert run(nlp, quoter, text) == []
    text = ('Cloudora posted a notice about the phishing outage. It reads: "We are restoring our '
            'systems and expect to be back online soon."')
    q = find(run(nlp, quoter, text, orgs=[org("Cloudora", "victim")]), "restoring")
    assert q.speaker == "Cloudora"


def test_quotes_a_lure_message_telling_recipients_is_no_reported_speech(nlp, quoter):
    text = ("Scammers are sending fake tax texts. One such message tells recipients that there "
            "is a pending law enforcement action against them.")
    assert run(nlp, quoter, text) == []
    text = ("Ransomware hit Cloudora. A ransom message tells victims that their files will be "
            "deleted within three days.")
    q = find(run(nlp, quoter, text, orgs=[org("Cloudora", "victim")]), "deleted")
    assert q.speaker_type == "attacker"


@pytest.mark.parametrize("text,speaker,role,aff", [
    ("The flaws were found by a security researcher who goes by the name of Quillfax. "
     "Quillfax says he found 85 security issues in the drives.", "Quillfax",
     "security researcher", None),
    ('Rival hackers broke into the Cinderforum site. "It was a mess," a Cinderforum staff '
     'member who used the handle Pellets told reporters.', "Pellets", "staff member",
     "Cinderforum"),
])
def test_quotes_a_handle_takes_the_description_it_is_introduced_with(nlp, quoter, text, speaker,
                                                                     role, aff):
    q = run(nlp, quoter, text, orgs=[org("Cinderforum", "victim")], persons=[speaker])[0]
    assert (q.speaker, q.role, q.affiliation) == (speaker, role, aff)


def test_quotes_a_handle_without_a_title_gives_no_role(nlp, quoter):
    text = ("The car was sold by a dealer known by the name of Quillfax. Quillfax says he found "
            "the engine in good shape.")
    q = find(run(nlp, quoter, text, persons=["Quillfax"]), "engine")
    assert (q.speaker, q.role) == ("Quillfax", None)


def test_quotes_a_list_of_products_before_an_inverted_tag_is_the_reported_clause(nlp, quoter):
    text = ("Notably, the one tool flagged by the scanner avoided detection from Orbix, Pandor, "
            "Cometa and Fortis products, said Harrow Infosec founder Jake Pellam.")
    orgs = [org(n, "vendor") for n in ("Orbix", "Pandor", "Cometa", "Fortis")] + [
        org("Harrow Infosec", "security_firm")]
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Jake Pellam"]), "avoided detection")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Jake Pellam", "founder", "Harrow Infosec", "expert")


def test_quotes_a_firm_tagged_as_a_person_before_a_title_is_the_affiliation(nlp, quoter):
    # the NER took "Harrow Infosec" for a person: the name after the title speaks for it
    text = ("The tool avoided detection from Orbix and Fortis products,\xa0said Harrow Infosec "
            "founder Jake Pellam.")
    q = find(run(nlp, quoter, text, orgs=[org("Orbix", "vendor"), org("Fortis", "vendor")],
                 persons=["Harrow Infosec", "Jake Pellam"]), "avoided detection")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Jake Pellam", "founder", "Harrow Infosec", "expert")


def test_quotes_a_long_time_and_place_adverbial_before_that(nlp, quoter):
    text = ("Julian Marr claimed Thursday during a press conference about the release of the "
            "alleged agency hacking documents that the agency is trying to cover up the loss "
            "of its tools.")
    q = find(run(nlp, quoter, text, persons=["Julian Marr"]), "cover up")
    assert q.text.startswith("the agency is trying") and q.speaker == "Julian Marr"


def test_quotes_despite_after_said_still_opens_a_clause(nlp, quoter):
    # unlike "said, without disclosing …", "said despite X, it believed Y" is speech
    text = ("Kestrel studied both groups. However, it said despite some similarities in the "
            "tactics of the two groups, it believed the two were separate.")
    q = find(run(nlp, quoter, text, orgs=[org("Kestrel", "security_firm")]), "believed")
    assert q.speaker == "Kestrel" and q.speaker_type == "expert"


def test_quotes_a_policy_area_title_is_no_firm_before_the_title(nlp, quoter):
    # "Homeland Security adviser": a title named after a policy area, not "<firm> adviser"
    text = ('"North Korea has acted badly for a decade," Homeland Security adviser Tom Bossert '
            'said at a White House briefing.')
    q = find(run(nlp, quoter, text, orgs=[org("White House", "authority")],
                 persons=["Tom Bossert"]), "North Korea")
    assert (q.role, q.affiliation) == ("Homeland Security adviser", "White House")


@pytest.mark.parametrize("text,fragment,mention", [
    ("The flaw was fixed in a week. The researcher said this is a pretty good turnaround for "
     "the vendor.", "this is a pretty good turnaround", "The researcher"),
    ("The flaw was fixed in a week. A spokesperson told us this was handled within days of the "
     "report.", "this was handled", "A spokesperson"),
])
def test_quotes_this_opening_the_clause_is_no_time_adverbial(nlp, quoter, text, fragment,
                                                             mention):
    q = find(run(nlp, quoter, text), fragment)
    assert q.text.startswith(fragment) and q.speaker_mention == mention


def test_quotes_this_week_after_said_is_still_an_adverbial(nlp, quoter):
    text = '"We restored every system," Ada Muller said this week.'
    quotes = run(nlp, quoter, text, persons=["Ada Muller"])
    assert [(q.text, q.speaker) for q in quotes] == [("We restored every system", "Ada Muller")]


@pytest.mark.parametrize("tail", ["said a state official.",
                                  "said a state official who declined to be identified."])
def test_quotes_an_unnamed_official_after_an_inverted_verb(nlp, quoter, tail):
    text = ("The senators are on their own network and there is no sign other agencies were "
            f"affected, {tail}")
    q = find(run(nlp, quoter, text), "own network")
    assert q.speaker is None and q.speaker_mention == "a state official"


@pytest.mark.parametrize("text,start", [
    ("He said, when one hacker would leave a ransom note, another hacker would delete it and "
     "leave their own.", "when one hacker"),
    ("Ada Muller said with correct shellcode and return address, the vulnerability could be "
     "used for remote code execution.", "with correct shellcode"),
])
def test_quotes_an_adverbial_clause_then_the_main_clause_is_speech(nlp, quoter, text, start):
    q = find(run(nlp, quoter, text, persons=["Ada Muller"]), "another hacker"
             if "another" in text else "remote code")
    assert q.text.startswith(start) and not q.direct


def test_quotes_an_adverbial_without_a_main_clause_after_said_is_no_speech(nlp, quoter):
    text = '"We restored every system," Ada Muller said with a smile.'
    quotes = run(nlp, quoter, text, persons=["Ada Muller"])
    assert [q.text for q in quotes] == ["We restored every system"]


def test_quotes_as_the_researchers_explained_then_the_clause(nlp, quoter):
    text = ("As the researchers who discovered the flaws explained, this avenue of attack can be "
            "abused by crooks to hold devices for ransom.")
    q = find(run(nlp, quoter, text), "avenue of attack")
    assert q.text.startswith("this avenue") and q.speaker_mention == "the researchers"
    assert q.speaker_type == "expert"


def test_quotes_as_expected_is_no_speaker(nlp, quoter):
    text = "As expected, the patch fixed the flaw, the vendor said on Monday in its advisory."
    quotes = run(nlp, quoter, text, orgs=[org("Kestrel", "vendor")])
    assert all(q.speaker_mention != "expected" for q in quotes)


def test_quotes_a_former_employer_in_the_apposition_is_no_affiliation(nlp, quoter):
    text = ('"I should have been notified in April," said shop customer Rhys Dunn, a former '
            'network engineer at U.S. Cyber Command.')
    q = find(run(nlp, quoter, text, orgs=[org("U.S. Cyber Command", "authority")],
                 persons=["Rhys Dunn"]), "notified")
    assert q.speaker == "Rhys Dunn" and q.affiliation is None and q.speaker_type != "authority"


def test_quotes_fragments_later_in_the_sentence_continue_its_first_quote(nlp, quoter):
    text = ('Kestrel published a blog about the flaw. "Disabling the service prevents '
            'exploitation of this flaw," notes the Orvex advisory, although "administrators '
            'should not disable the service" until they have defined "which actions are allowed '
            'per privilege level".')
    quotes = run(nlp, quoter, text, orgs=[org("Kestrel", "security_firm"),
                                          org("Orvex", "vendor")])
    assert [q.speaker for q in quotes] == ["Orvex"] * 3


def test_quotes_an_untagged_quote_in_a_new_sentence_still_continues_the_last(nlp, quoter):
    # the look-back inside the sentence must not take a quote of an earlier sentence over it
    text = ('"We found the flaw in May," said Ivo Stam of Kestrel. "It was fixed in June," '
            'said Orvex. "Customers should update now."')
    quotes = run(nlp, quoter, text, orgs=[org("Kestrel", "security_firm"),
                                          org("Orvex", "vendor")], persons=["Ivo Stam"])
    assert [q.speaker for q in quotes] == ["Ivo Stam", "Orvex", "Orvex"]


def test_quotes_a_report_on_a_subject_is_the_speaker_phrase(nlp, quoter):
    text = ('Outbreaks hit Ukraine, according to cybersecurity firm Kestrel Lab. "While the '
            'target visits a legitimate website, a dropper is downloaded," a report on the '
            'ransomware released Tuesday explains. "No exploits were used, so the victim would '
            'have to run the dropper."')
    quotes = run(nlp, quoter, text, orgs=[org("Kestrel Lab", "security_firm")])
    assert [(q.speaker, q.speaker_type) for q in quotes] == [("Kestrel Lab", "expert")] * 2


@pytest.mark.parametrize("source,speaker,mention,stype", [
    ("the Lorne Gazette news website", "Lorne Gazette", "the Lorne Gazette news website",
     "other"),
    ("officials", None, "officials", "victim_representative"),
])
def test_quotes_according_to_right_after_a_multi_sentence_quote(nlp, quoter, source, speaker,
                                                                mention, stype):
    text = ('Ransomware hit Lorne County on Monday. "Ada Muller runs the county IT office," the '
            'county said. "All county offices remain open, but online access is not available. '
            f'The shutdown is expected to last the week," according to {source}.')
    quotes = run(nlp, quoter, text, orgs=[org("Lorne County", "victim"),
                                          org("Lorne Gazette", "other")])
    q = find(quotes, "offices remain open")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (speaker, mention, stype)


def test_quotes_a_newspaper_that_is_the_victim_speaks_for_itself(nlp, quoter):
    text = ('Ransomware hit the Lorne Gazette on Monday. "Our printing presses are down," the '
            'Lorne Gazette said.')
    q = find(run(nlp, quoter, text, orgs=[org("Lorne Gazette", "victim")]), "presses")
    assert (q.speaker, q.speaker_type) == ("Lorne Gazette", "victim_representative")


def test_quotes_a_place_after_in_is_where_the_post_is_not_the_employer(nlp, quoter):
    text = ("Ransomware hit Atlanta in March. Byung Pak, the U.S. attorney in Atlanta, said in a "
            "news release that the indictment seeks to ensure that those responsible face "
            "justice here.")
    q = find(run(nlp, quoter, text, orgs=[org("city of Atlanta", "victim", "Atlanta")],
                 persons=["Byung Pak"], ents_by_label=[("Atlanta", "GPE")]), "indictment")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Byung Pak", "U.S. attorney", None, "authority")


def test_quotes_an_employer_after_at_stays_the_affiliation(nlp, quoter):
    text = ("Ransomware hit Atlanta in March. Rita Moss, a network engineer at Atlanta, said the "
            "city restored its payment portal within two days.")
    q = find(run(nlp, quoter, text, orgs=[org("city of Atlanta", "victim", "Atlanta")],
                 persons=["Rita Moss"], ents_by_label=[("Atlanta", "GPE")]), "portal")
    assert q.affiliation == "city of Atlanta" and q.speaker_type == "victim_representative"


def test_quotes_according_to_a_statement_from_a_long_title_and_name(nlp, quoter):
    text = ('The attack was described as "malicious cyber activity targeting Harlow Valley '
            'College," according to a statement from Harlow Community College District '
            'Chancellor Frank Rodin. "This attack is serious."')
    quotes = run(nlp, quoter, text, orgs=[org("Harlow Valley College", "victim")],
                 persons=["Frank Rodin"])
    assert [(q.speaker, q.speaker_type) for q in quotes] == [
        ("Frank Rodin", "victim_representative")] * 2
    assert quotes[0].role.endswith("Chancellor")


def test_quotes_a_lawyer_of_an_institute_is_no_staff_voice(nlp, quoter):
    # the institute's staff titles speak for it; its lawyers and fellows comment as experts
    text = ('The app leaked data. "Users should not have to read a privacy policy to stay '
            'safe," said Alex Abel, a staff attorney at the Knight Freedom Institute.')
    q = find(run(nlp, quoter, text, orgs=[org("Knight Freedom Institute", "other")],
                 persons=["Alex Abel"]), "privacy policy")
    assert (q.role, q.affiliation, q.speaker_type) == ("staff attorney",
                                                      "Knight Freedom Institute", "expert")


def test_quotes_a_place_ending_the_title_is_cut_with_its_participle(nlp, quoter):
    text = ('"The forum sells stolen logins," said Chris Mont, a cybercrime researcher based in '
            'the U.K.')
    q = find(run(nlp, quoter, text, persons=["Chris Mont"]), "forum")
    assert (q.role, q.speaker_type) == ("cybercrime researcher", "expert")


@pytest.mark.parametrize("desc,speaker", [("The New Jersey-based company", "Lorne Pharma"),
                                          ("The Dutch consumer association", None)])
def test_quotes_a_place_as_the_seat_still_refers_back(nlp, quoter, desc, speaker):
    text = f"Ransomware hit Lorne Pharma. {desc} said it was investigating the attack on Monday."
    q = find(run(nlp, quoter, text, orgs=[org("Lorne Pharma", "victim")],
                 ents_by_label=[("New Jersey", "GPE"), ("Dutch", "NORP")]), "investigating")
    assert (q.speaker, q.speaker_mention) == (speaker, desc)


def test_quotes_a_participle_after_a_statement_tags_no_earlier_clause(nlp, quoter):
    text = ("Ransomware hit Hollis Health. By Monday, all systems were up and running, and the "
            "hospital released a short statement on its site admitting to the incident.")
    assert run(nlp, quoter, text, orgs=[org("Hollis Health", "victim")]) == []
    text = ("Lantern Games released a short statement on its twitter feed today claiming that "
            "early work from its next title has been compromised.")
    q = find(run(nlp, quoter, text, orgs=[org("Lantern Games", "victim")]), "early work")
    assert q.speaker == "Lantern Games"


def test_quotes_as_follows_opens_the_clause_after_the_colon(nlp, quoter):
    text = ("Orvex shipped a fix. They explain this revelation as follows: the update brought a "
            "modified binary that still holds the flaw.")
    q = find(run(nlp, quoter, text, orgs=[org("Orvex", "vendor")]), "modified binary")
    assert q.text.startswith("the update brought")


def test_quotes_a_possessive_day_is_the_clause_not_an_adverbial(nlp, quoter):
    text = ("Security experts said Tuesday's phishing attack probably wasn't from Grey Bear, a "
            "shadowy group that many experts suspect works for a foreign government.")
    q = find(run(nlp, quoter, text), "phishing attack")
    assert q.text.startswith("Tuesday's phishing attack")


@pytest.mark.parametrize("verb", ["urged officials to", "called on regulators to",
                                  "asked the agency to"])
def test_quotes_a_directive_quote_is_the_urging_subjects(nlp, quoter, verb):
    # the quoted words complete "urged X to": the senator speaks, not the previous speaker
    text = ('The tax office said data of 50,000 people was exposed. Agency chief Paul Renner '
            'said 12,000 people had been notified. The office came under fire and Senator Ruth '
            f'Calloway of Ohio, {verb} “bring the filing portal back online quickly with proper '
            'protection for users’ data”.')
    q = find(run(nlp, quoter, text, persons=["Paul Renner", "Ruth Calloway"],
                 ents_by_label=[("Ohio", "GPE")]), "filing portal")
    assert (q.speaker, q.speaker_type) == ("Ruth Calloway", "authority")


@pytest.mark.parametrize("verb", ["explained", "clarified"])
def test_quotes_a_second_tag_naming_the_outlet_is_a_citation(nlp, quoter, verb):
    text = ('Agency chief Paul Renner said 12,000 people had been notified. “Closing it without '
            'clear evidence of fraud seemed to us an unnecessary burden on millions of people,” '
            f'Renner {verb}, says The Daily Ledger.')
    quotes = run(nlp, quoter, text, persons=["Paul Renner", "Renner"],
                 orgs=[org("Daily Ledger", "media")])
    q = find(quotes, "unnecessary burden")
    assert q.speaker == "Paul Renner"
    assert not [q for q in quotes if "Daily Ledger" in q.text]


@pytest.mark.parametrize("tag, mention", [
    ("the extortionists wrote in a note left on the servers", "the extortionists"),
    ("the ransom note read", "the ransom note"),
    ("the ransom note said", "the ransom note"),
    ("the ransomware tells users", "the ransomware"),
    ("the blackmailers told the clinic", "the blackmailers"),
])
def test_quotes_a_blackmail_message_is_attacker_speech(nlp, quoter, tag, mention):
    text = ('Hackers encrypted the servers of Orlin Dental. "Pay 5 bitcoin within 72 hours or '
            f'your patients\' records will be published online," {tag}. Practice manager Dana '
            'Wills said the clinic would not pay.')
    quotes = run(nlp, quoter, text, orgs=[org("Orlin Dental", "victim")], persons=["Dana Wills"])
    q = find(quotes, "Pay 5 bitcoin")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (None, mention, "attacker")
    assert find(quotes, "would not pay").speaker_type == "victim_representative"


def test_quotes_a_ransomware_researcher_after_the_verb_is_no_ransomware_speaking(nlp, quoter):
    text = ('"The gang reuses old keys," said a ransomware researcher who asked not to be named.')
    q = find(run(nlp, quoter, text), "old keys")
    assert (q.speaker_mention, q.speaker_type) == ("a ransomware researcher", "expert")


def test_quotes_a_ransomware_note_is_a_noun(nlp, quoter):
    text = ("The city did not disclose the ransomware note discovered in the investigation. A "
            "screenshot shows the hackers' demands.")
    assert run(nlp, quoter, text) == []


@pytest.mark.parametrize("text, role", [
    ("Many blamed Orvane CEO Lise Hartog for the delay. Hartog later acknowledged the error and "
     "gave up her annual bonus as a result.", "CEO"),
    ("The decision not to pay came just hours after County Manager Dena Pryor said the county "
     "would restore its files from backups.", "County Manager"),
    ('"You lose your computers, the world changes a little bit," remarked county commissioner '
     'Tom Brack.', "county commissioner"),
])
def test_quotes_a_title_read_back_from_a_name_stops_at_a_verb_or_a_clause(nlp, quoter, text,
                                                                          role):
    persons = ["Lise Hartog", "Hartog", "Dena Pryor", "Tom Brack"]
    quotes = run(nlp, quoter, text, persons=persons, orgs=[org("Orvane", "victim")])
    assert quotes and quotes[0].role == role


def test_quotes_adding_without_a_comma_is_no_speech(nlp, quoter):
    text = ("No such incident has been reported yet, but the probability of cyber criminals "
            "adding fake apps on app stores remains high.")
    assert run(nlp, quoter, text) == []


@pytest.mark.parametrize("intro, pronoun, speaker", [
    # the usual gender of the first name (Census lists) when the text says nothing
    ("Mayor Anna Berg said the city would restore its systems.", "she", "Anna Berg"),
    ("Mayor Anna Berg said the city would restore its systems.", "he", "Tom Ferrer"),
    # what the text says wins over the list: an honorific, a gendered title, a pronoun
    ("Ms Robin Berg said the city would restore its systems.", "she", "Robin Berg"),
    ("City spokeswoman Sandy Berg said the city would restore its systems.", "she",
     "Sandy Berg"),
    ("Mayor Kim Berg said her office would restore the systems.", "she", "Kim Berg"),
])
def test_quotes_she_said_goes_back_past_the_man_named_last(nlp, quoter, intro, pronoun,
                                                          speaker):
    text = (f"Ransomware hit the City of Arnhold. {intro} IT director Tom Ferrer said the backups "
            f'were intact. "We will not pay the criminals anything at all," {pronoun} said.')
    persons = ["Anna Berg", "Robin Berg", "Sandy Berg", "Kim Berg", "Tom Ferrer"]
    q = find(run(nlp, quoter, text, orgs=[org("City of Arnhold", "victim")], persons=persons),
             "not pay")
    assert q.speaker == speaker


def test_quotes_she_said_with_no_woman_named_stays_with_the_last_person(nlp, quoter):
    text = ('IT director Tom Ferrer said the backups were intact. "We will not pay the criminals '
            'anything at all," she said.')
    q = find(run(nlp, quoter, text, persons=["Tom Ferrer"]), "not pay")
    assert q.speaker == "Tom Ferrer"


def test_quotes_a_participle_after_an_opening_adverbial_clause_is_the_subjects(nlp, quoter):
    text = ("Without revealing the scope of the flaw, Quarnet has downplayed the severity of the "
            'issue, saying: "Our platform is the only one with a commitment to investigate '
            'reported security issues quickly."')
    q = find(run(nlp, quoter, text, orgs=[org("Quarnet", "vendor")]), "Our platform")
    assert q.speaker == "Quarnet"


def test_quotes_a_description_does_not_take_the_conjunction_before_it(nlp, quoter):
    text = ("A former school worker stole data on 80,000 staff. Though police say they don't "
            "believe anyone else had the data, they hope to learn more.")
    q = find(run(nlp, quoter, text), "anyone else")
    assert (q.speaker_mention, q.speaker_type) == ("police", "authority")


def test_quotes_said_about_and_a_reflexive_object_are_no_clause(nlp, quoter):
    text = ('"The status of the balance of the funds is unknown at this time," a Kelwick '
            "statement said about the other $400,000. Quarnet has declared itself in the clear "
            "after the audit of its update servers.")
    quotes = run(nlp, quoter, text, orgs=[org("Kelwick College", "victim"),
                                          org("Quarnet", "vendor")])
    assert [q.text for q in quotes] == [
        "The status of the balance of the funds is unknown at this time"]


def test_quotes_according_to_opening_the_sentence_beats_the_quote_before(nlp, quoter):
    text = ('Researchers at Kromfield found the open bucket. "The data was left open for anyone '
            'to download for months," Kromfield said. According to Amazon\'s guidance, "only '
            'the bucket and object owners originally have access to the resources they '
            'created."')
    q = find(run(nlp, quoter, text, orgs=[org("Kromfield", "security_firm"),
                                          org("Amazon", "vendor")]), "bucket and object")
    assert q.speaker == "Amazon"


def test_quotes_a_title_in_title_case_is_no_quote(nlp, quoter):
    text = ("The hackers released the first ten episodes of season 5 of \"Orange Is The New "
            "Black.\" The company said it would not pay the ransom to the group.")
    quotes = run(nlp, quoter, text)
    assert not [q for q in quotes if "Orange" in q.text]
    # shouting in capitals is still speech
    text = '"WE HAVE ALL YOUR FILES NOW," the hackers wrote in the message.'
    assert find(run(nlp, quoter, text), "ALL YOUR FILES").speaker_type == "attacker"


def test_quotes_a_participle_after_a_new_subject_does_not_continue_the_quote(nlp, quoter):
    text = ("“The money they made from these customers hasn’t expired; neither has their "
            "responsibility to fix defects,” Zeynep Tufekci wrote. But security experts "
            "challenged that argument, saying that Microsoft could not be expected to keep "
            "updating old software products indefinitely.")
    q = find(run(nlp, quoter, text, persons=["Zeynep Tufekci"]), "Microsoft could not")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (None, "security experts",
                                                              "expert")


def test_quotes_what_experts_have_said_is_no_speech(nlp, quoter):
    text = ("Pelly Toys, the parent company behind CloudPals, sent a breach notification that "
            "contradicts what experts have said about a database breach that exposed voice "
            "messages.")
    assert run(nlp, quoter, text, orgs=[org("Pelly Toys", "victim")]) == []


def test_quotes_a_subject_with_a_passive_relative_clause_is_no_reported_clause(nlp, quoter):
    text = ("Hackers broke into the chat service. The service, which is owned by Tallwise, said "
            "it detected the security incident last weekend.")
    quotes = run(nlp, quoter, text, orgs=[org("Tallwise", "vendor")])
    assert [q.text for q in quotes] == ["it detected the security incident last weekend"]


def test_quotes_a_located_subject_before_an_inverted_tag_stays_the_clause(nlp, quoter):
    text = ("The data comes from Alder Direct Lending, which is based in Orange, California, "
            "writes Bob Dimmick, who works with the research team at Kromfield.")
    q = find(run(nlp, quoter, text, persons=["Bob Dimmick"],
                 orgs=[org("Alder Direct Lending", "victim"), org("Kromfield", "security_firm")]),
             "The data comes from")
    assert q.speaker == "Bob Dimmick"


def test_quotes_a_message_left_by_the_hacker_is_the_hackers(nlp, quoter):
    text = ("Before Tallwise took down its websites, the hacker left a taunting message across "
            'the service\'s website: "Your security is down, I am not sorry. Next time I will '
            'publish the database."')
    q = find(run(nlp, quoter, text, orgs=[org("Tallwise", "victim")]), "Your security")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (None, "the hacker", "attacker")


def test_quotes_a_passive_warning_names_no_speaker(nlp, quoter):
    text = ('Students and staff were warned that "ransomware damages files on your computer and '
            'on shared drives" and were told not to open attachments.')
    q = find(run(nlp, quoter, text), "ransomware damages")
    assert (q.speaker, q.speaker_mention) == (None, None)


def test_quotes_a_participle_after_an_opening_ing_phrase_is_the_subjects(nlp, quoter):
    text = ("Researchers criticised Tallwise for the stunt. Following this criticism, the company "
            "ended up apologizing, saying it forgot to mention it was only a proof of concept.")
    q = find(run(nlp, quoter, text, orgs=[org("Tallwise", "vendor")]), "forgot to mention")
    assert (q.speaker, q.speaker_mention) == ("Tallwise", "the company")


def test_quotes_a_quoted_name_before_its_kind_is_no_quote(nlp, quoter):
    text = ('None of the torrents were confirmed to contain the "Harbour of the Lost Kings" movie, '
            'the studio said.')
    assert not [q for q in run(nlp, quoter, text) if "Harbour" in q.text]


def test_quotes_the_agency_is_the_public_body_not_its_breached_tool(nlp, quoter):
    text = ("The Tax Revenue Service said a breach of its Student Aid Portal exposed data of "
            "100,000 taxpayers. The agency admits it was warned last year that the portal "
            "could be misused by hackers.")
    orgs = [org("Tax Revenue Service", "authority"), org("Student Aid Portal", "victim")]
    q = find(run(nlp, quoter, text, orgs=orgs), "warned last year")
    assert (q.speaker, q.speaker_type) == ("Tax Revenue Service", "authority")


def test_quotes_according_to_then_a_few_words_before_the_quote(nlp, quoter):
    text = ('Kromfield found the flaw. "It was trivial to exploit," Kromfield said. According to '
            'Sabrelink, an "unauthorized party gained access to account credentials" for a '
            'subset of reservations.')
    q = find(run(nlp, quoter, text, orgs=[org("Kromfield", "security_firm"),
                                          org("Sabrelink", "victim")]), "unauthorized party")
    assert q.speaker == "Sabrelink"


def test_quotes_described_officials_after_the_last_comma_speak(nlp, quoter):
    text = "Karim Baratov was arrested yesterday in Canada, Department of Justice officials say."
    q = find(run(nlp, quoter, text, persons=["Karim Baratov"],
                 ents_by_label=[("Canada", "GPE")],
                 orgs=[org("Department of Justice", "authority")]), "arrested")
    assert (q.speaker_mention, q.speaker_type) == ("Department of Justice officials",
                                                  "authority")


def test_quotes_claim_before_a_pronoun_is_the_verb(nlp, quoter):
    text = "The hackers claim they hold a cache of stolen accounts and want $75,000 in Bitcoin."
    q = find(run(nlp, quoter, text), "cache of stolen")
    assert (q.speaker_mention, q.speaker_type) == ("The hackers", "attacker")
    assert run(nlp, quoter, "The claim they made was false and nobody believed it.") == []


def test_quotes_a_who_clause_in_the_subject_is_not_the_speaker(nlp, quoter):
    text = ("Another user who reached out to the Daily Ledger said that it still felt creepy to "
            "see the data lifted from the dating site.")
    q = find(run(nlp, quoter, text, orgs=[org("Daily Ledger", "media")]), "felt creepy")
    assert (q.speaker, q.speaker_mention) == (None, "Another user")


def test_quotes_told_analysts_on_the_call_is_no_clause(nlp, quoter):
    text = ("“We immediately launched an investigation and engaged a security firm to assist us,” "
            "Tim Boyd told analysts on the call, according to a transcript.")
    quotes = run(nlp, quoter, text, persons=["Tim Boyd"])
    assert [q.text for q in quotes] == [
        "We immediately launched an investigation and engaged a security firm to assist us"]
    # analysts as the addressee before "that" or a clause
    text = ("Tim Boyd told analysts on the company's fourth quarter earnings call that there was "
            "no evidence of card data theft. Boyd also told analysts the company made $220 "
            "million in online sales.")
    quotes = run(nlp, quoter, text, persons=["Tim Boyd", "Boyd"])
    assert [q.text for q in quotes] == ["there was no evidence of card data theft",
                                        "the company made $220 million in online sales"]


def test_quotes_a_message_greeting_the_victims_is_attacker_speech(nlp, quoter):
    text = ("Last month, employees at the Carrow County Council were greeted by a message on their "
            'screens: "All your files are encrypted with RSA-2048 encryption. Pay the ransom."')
    q = find(run(nlp, quoter, text, orgs=[org("Carrow County Council", "victim")]),
             "All your files")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (None, "a message", "attacker")


def test_quotes_a_contracted_pronoun_mention_loses_the_contraction(nlp, quoter):
    text = ("The gang wiped the servers. They’ve done so by erasing the data, and then saying "
            "they can restore it, but only if victims pay a ransom fee.")
    q = find(run(nlp, quoter, text), "restore it")
    assert q.speaker_mention == "They"


def test_quotes_as_described_in_a_document_names_its_owner(nlp, quoter):
    text = ('Tallwise is shutting down its document service. As described in a Tallwise support '
            'document, "with the service, you can create an online portfolio of your work and '
            'share it with others."')
    q = find(run(nlp, quoter, text, orgs=[org("Tallwise", "vendor")]), "online portfolio")
    assert q.speaker == "Tallwise"


def test_quotes_a_relative_clause_in_the_subject_does_not_make_its_object_the_speaker(nlp, quoter):
    # the gang that hit the victim left the note, not the victim
    text = ("A ransomware gang that crippled Brackley Water left a note on the utility's file "
            'servers warning staff: "Every customer record is ours now. Pay within a week or '
            'the whole town reads them."')
    q = find(run(nlp, quoter, text, orgs=[org("Brackley Water", "victim")]), "customer record")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (None, "A ransomware gang",
                                                               "attacker")
    text = ("The hackers who breached Linden Dental Group posted a message on its website: "
            '"Pay or we publish every X-ray."')
    q = find(run(nlp, quoter, text, orgs=[org("Linden Dental Group", "victim")]), "every X-ray")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (None, "The hackers", "attacker")
    # after an opening phrase
    text = ("By Monday the ransomware gang that crippled Brackley Water had left a note on the "
            'servers: "Pay within a week or lose everything."')
    q = find(run(nlp, quoter, text, orgs=[org("Brackley Water", "victim")]), "lose everything")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (None, "the ransomware gang",
                                                               "attacker")


def test_quotes_a_title_before_a_name_taken_for_an_organisation_is_no_description(nlp, quoter):
    # 'student' is a description noun ('a student said'), but before a name it is a title
    text = ("Engineers at Harrowgate Polytechnic found the flaw in the Quillon door locks. "
            '"Anyone within radio range could open the lock with a laptop," said doctoral '
            "student Tomas Verlaine, who found the flaw. Quillon has released a fix.")
    orgs = [org("Harrowgate Polytechnic", "other"), org("Quillon", "vendor"),
            org("Tomas Verlaine", "other")]
    q = find(run(nlp, quoter, text, orgs=orgs), "radio range")
    assert q.speaker == "Tomas Verlaine"
    # with the name tagged as a person the same
    q = find(run(nlp, quoter, text, orgs=orgs[:2], persons=["Tomas Verlaine"]), "radio range")
    assert (q.speaker, q.role) == ("Tomas Verlaine", "doctoral student")


@pytest.mark.parametrize("text, person, expected", [
    ('"Always phone your supplier before paying a changed invoice," said Detective Constable '
     "Priya Malhotra of the Westmarch Police.", "Constable Priya Malhotra",
     ("Priya Malhotra", "Detective Constable", "authority")),
    ('Chief Constable Angela Pike said: "We are working with the national agency on this '
     'attack."', "Constable Angela Pike", ("Angela Pike", "Chief Constable", "authority")),
])
def test_quotes_a_police_rank_before_a_name_is_the_role_not_the_name(nlp, quoter, text, person,
                                                                     expected):
    # the NER often keeps the rank inside the PERSON span ("Constable Priya Malhotra")
    q = run(nlp, quoter, text, orgs=[org("Westmarch Police", "authority")],
            persons=[person])[0]
    assert (q.speaker, q.role, q.speaker_type) == expected


@pytest.mark.parametrize("text, persons", [
    # the organisation opens the next sentence
    ('"The bank itself was never breached, but its customers are," said Corvane analyst '
     "Lukas Brandt. Tallowby said it had asked app stores to remove the copies.",
     ["Lukas Brandt"]),
    # … or the next paragraph, after the title-then-name apposition
    ('"Every customer will be refunded," said Tallowby\'s customer director, Maeve '
     "Donnelly.\n\nTallowby, which has 200 branches, said it had asked app stores to remove "
     "the copies.", ["Maeve Donnelly"]),
])
def test_quotes_a_name_after_a_title_ends_with_its_sentence(nlp, quoter, text, persons):
    # "Brandt. Tallowby" was read as one name, so the bank became a person
    orgs = [org("Tallowby", "victim"), org("Corvane Security", "security_firm", "Corvane")]
    q = find(run(nlp, quoter, text, orgs=orgs, persons=persons), "app stores")
    assert (q.speaker, q.speaker_type) == ("Tallowby", "victim_representative")
    first = run(nlp, quoter, text, orgs=orgs, persons=persons)[0]
    assert first.speaker == persons[0]


@pytest.mark.parametrize("text, persons, expected", [
    # an only/sole before the title is no part of it
    ('"I saw the note on every screen," said Brockley Primary School\'s only IT technician, '
     "Marcus Lyle.", ["Marcus Lyle"], ("Marcus Lyle", "IT technician", "Brockley Primary School",
                                       "victim_representative")),
    # a school head's title, the name untagged
    ('Headteacher Owen Marsh said: "We are very sorry and we are reviewing how the laptop '
     'was lost."', [], ("Owen Marsh", "Headteacher", "Brockley Primary School",
                        "victim_representative")),
    # the NER keeps the title inside the PERSON span
    ("Organiser Petra Lindqvist said the prize money would go to the lifeboat station this "
     "year.", ["Organiser Petra Lindqvist"], ("Petra Lindqvist", "Organiser", None, "other")),
    ("Privacy campaigner Tomasz Wren said the school should have encrypted every laptop it "
     "owns.", ["Privacy campaigner Tomasz Wren"],
     ("Tomasz Wren", "Privacy campaigner", None, "other")),
])
def test_quotes_an_occupational_title_before_a_name_is_the_role(nlp, quoter, text, persons,
                                                                 expected):
    q = run(nlp, quoter, text, orgs=[org("Brockley Primary School", "victim")],
            persons=persons)[0]
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == expected


def test_quotes_a_councillors_style_is_no_role_and_the_short_mention_keeps_the_title(nlp, quoter):
    text = ("Wendlebury District Council was hit by ransomware last week.\n\n"
            "Council leader Cllr Ruth Okonedo said staff had rebuilt the servers from backups.\n\n"
            '"If anyone calls claiming to be from the council and asks for your bank details, '
            'hang up," Cllr Okonedo said.')
    quotes = run(nlp, quoter, text, orgs=[org("Wendlebury District Council", "victim")],
                 persons=["Okonedo"])
    assert [(q.speaker, q.role, q.affiliation, q.speaker_type) for q in quotes] == [
        ("Ruth Okonedo", "Council leader", "Wendlebury District Council",
         "victim_representative")] * 2


def test_quotes_a_place_modifier_of_the_employer_is_no_part_of_the_role(nlp, quoter):
    text = ('"Nobody is immune, not even an insurer," said Orla Finnegan, an analyst at '
            "Cork-based Bramwell Research.")
    q = run(nlp, quoter, text, orgs=[org("Bramwell Research", "security_firm")],
            persons=["Orla Finnegan"])[0]
    assert (q.role, q.affiliation, q.speaker_type) == ("analyst", "Bramwell Research", "expert")


def test_quotes_a_count_of_people_before_a_title_is_no_part_of_the_role(nlp, quoter):
    # the NER takes the agency for a person; its title is the trade, not an FBI agent's
    text = ("Bank statements of more than 2,500 prospective tenants of letting agent Harcourt "
            "Vane were left in an open folder. Harcourt Vane said it had closed access within "
            "hours.")
    q = run(nlp, quoter, text, persons=["Harcourt Vane"])[0]
    assert (q.speaker, q.role, q.speaker_type) == ("Harcourt Vane", "letting agent", "other")


@pytest.mark.parametrize("victim_known", [True, False])
def test_quotes_the_company_is_no_public_body_quoted_before(nlp, quoter, victim_known):
    # (without the victim, as when the organisation component misses it, nobody)
    text = ("Kessler Dairy, a cheese maker in Vermont, has halted production after a "
            "cyberattack.\n\nThe Federal Bureau of Investigation said it was aware of the "
            "incident.\n\nThe company said its office staff were working from paper records.")
    orgs = [org("Federal Bureau of Investigation", "authority")]
    if victim_known:
        orgs.append(org("Kessler Dairy", "victim"))
    q = find(run(nlp, quoter, text, orgs=orgs), "paper records")
    assert q.speaker == ("Kessler Dairy" if victim_known else None)
    assert q.speaker_type != "authority"


@pytest.mark.parametrize("opening, expected", [
    ("Halloway Foods employs about 400 people at its factory near Irvine.", "Halloway Foods"),
    ("The health board serves about 250,000 people across the region.", "Halloway Health Board"),
])
def test_quotes_it_is_the_organisation_the_sentence_before_is_about(nlp, quoter, opening,
                                                                    expected):
    text = ("Halloway Foods and Halloway Health Board were both hit by ransomware on Monday.\n\n"
            "Police Scotland said its cybercrime unit was investigating both attacks.\n\n"
            + opening + " It said it had restored the most important systems from backups.")
    orgs = [org("Halloway Foods", "victim"), org("Halloway Health Board", "victim"),
            org("Police Scotland", "authority")]
    q = find(run(nlp, quoter, text, orgs=orgs), "restored")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (expected, "It",
                                                               "victim_representative")


def test_quotes_a_note_introduced_with_a_colon_is_the_attackers_not_the_last_speaker(nlp, quoter):
    text = ('"I came in thinking it was a power cut," Tom Keel said. "Then I saw the ransom '
            'note on every screen."\n\nThe note, left by a group calling itself Grey Lantern, '
            'was blunt: "Your servers belong to us now. We have copied your files."')
    quotes = run(nlp, quoter, text, orgs=[org("Barnford County Council", "victim")],
                 persons=["Tom Keel"])
    note = find(quotes, "belong to us")
    assert (note.speaker, note.speaker_mention, note.speaker_type) == (None, "The note",
                                                                       "attacker")
    assert find(quotes, "power cut").speaker == "Tom Keel"


def test_quotes_the_gangs_negotiator_is_the_attacker(nlp, quoter):
    text = ('"The code is new, but the playbook is familiar," said Quarrel Labs\' head of '
            "research, Ines Marlow.\n\nThe Slate Owl gang's negotiators are known for being "
            'patient. In one chat log, a negotiator told a victim: "We are not in a hurry. '
            'Your files will be worth the same next month."')
    quotes = run(nlp, quoter, text, orgs=[org("Quarrel Labs", "security_firm"),
                                          org("Slate Owl", "attacker")], persons=["Ines Marlow"])
    q = find(quotes, "not in a hurry")
    assert (q.speaker, q.speaker_mention, q.speaker_type) == (None, "a negotiator", "attacker")


def test_quotes_she_goes_back_to_a_surname_alone_of_a_person_named_in_full(nlp, quoter):
    text = ('Margaret Osei, who runs a print shop in Derby, nearly paid a fake invoice. "It '
            'looked exactly like the real one," she said.\n\nDetective Sergeant Helen Crabtree '
            'said a phone call is the best defence. "Never use the number in the email," she '
            'said.\n\nFor Osei, the episode changed how she runs her business. "It costs me '
            'five minutes," she said.')
    quotes = run(nlp, quoter, text, persons=["Margaret Osei", "Helen Crabtree", "Osei"])
    assert find(quotes, "five minutes").speaker == "Margaret Osei"
    assert find(quotes, "Never use").speaker == "Helen Crabtree"


def test_quotes_a_name_before_of_the_police_is_the_speaker_not_the_police(nlp, quoter):
    text = ("Detective Sergeant Helen Crabtree of the county police said that a phone call is "
            "the best defence against invoice fraud.")
    q = run(nlp, quoter, text, persons=["Helen Crabtree"])[0]
    assert (q.speaker, q.role, q.speaker_type) == ("Helen Crabtree", "Detective Sergeant",
                                                   "authority")


@pytest.mark.parametrize("text, named", [
    ("Harwick Clinics was hit by ransomware in May. The extortion group that hit Harwick "
     "Clinics said it had stolen 400 gigabytes of patient records.", None),
    ("Harwick Clinics was hit by ransomware in May. Greyfin, the extortion group that hit "
     "Harwick Clinics, posted samples. The extortion group said it had stolen 400 gigabytes of "
     "patient records.", "Greyfin"),
])
def test_quotes_an_extortion_group_is_the_attacker_not_the_victim_it_hit(nlp, quoter, text,
                                                                          named):
    orgs = [org("Harwick Clinics", "victim")] + ([org(named, "attacker")] if named else [])
    q = find(run(nlp, quoter, text, orgs=orgs), "400 gigabytes")
    assert (q.speaker, q.speaker_type) == (named, "attacker")


def test_quotes_an_outlet_ending_an_opening_phrase_is_no_speaker(nlp, quoter):
    text = ("Lockfield was hit by ransomware. In an interview with Yahoo Finance, Lockfield's "
            "CEO said the company would not pay the ransom.")
    q = run(nlp, quoter, text, orgs=[org("Lockfield", "victim"), org("Yahoo Finance", "other")])[0]
    assert (q.affiliation, q.speaker_type) == ("Lockfield", "victim_representative")
    # … and the opening phrase is no reported clause of an inverted tag
    text = ("Lockfield was hit by ransomware. In an email to the Hollis News Service, the "
            "hacker explained how the breach came about.")
    assert run(nlp, quoter, text, orgs=[org("Hollis News Service", "other")]) == []


def test_quotes_the_company_is_the_organisation_the_paragraph_before_opens_with(nlp, quoter):
    # (even when the organisation component takes the investor for the victim; a bystander
    # opening the sentence before, such as an outlet, is not "the company")
    text = ("Ferrowatch, a London start-up that spots ransomware early, has raised $40 million "
            "in a round led by Greyline Ventures.\n\nThe company says its software watches for "
            "the early signs of an attack.")
    orgs = [org("Greyline Ventures", "victim"), org("Ferrowatch", "vendor")]
    q = find(run(nlp, quoter, text, orgs=orgs), "early signs")
    assert (q.speaker, q.speaker_mention) == ("Ferrowatch", "The company")
    orgs = [org("Greyline Ventures", "victim"), org("Ferrowatch", "other")]
    q = find(run(nlp, quoter, text, orgs=orgs), "early signs")
    assert q.speaker == "Greyline Ventures"


def test_quotes_a_name_before_of_a_based_firm_taken_for_a_person_speaks(nlp, quoter):
    # the NER tags the one-word firm as a person too
    text = ("Web security researcher Ilse Marten of Graz-based Korvanta said the code was "
            "hidden inside a fake analytics script.")
    q = run(nlp, quoter, text, orgs=[org("Harrow Lamps", "victim")],
            persons=["Ilse Marten", "Korvanta"])[0]
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Ilse Marten", "Web security researcher", "Korvanta", "expert")


def test_quotes_the_company_follows_the_subject_of_the_sentence_before_not_the_last_speaker(
        nlp, quoter):
    text = ("Penhale Freight says attackers breached its network through a tampered update "
            "supplied by Morrow Software.\n\nMorrow Software said in a statement that its build "
            "server had been compromised.\n\nPenhale Freight handles around 9,000 containers a "
            "month. The company said it had told its customers about the delays.\n\nMorrow's "
            "planning software is used by about 400 hauliers. The company said it had asked all "
            "customers to check which version they were running.")
    quotes = run(nlp, quoter, text, orgs=[org("Penhale Freight", "victim"),
                                          org("Morrow Software", "vendor")])
    assert find(quotes, "told its customers").speaker == "Penhale Freight"
    assert find(quotes, "which version").speaker == "Morrow Software"


def test_quotes_answering_questions_is_no_speech(nlp, quoter):
    o = [org("Dunlop Bakeries", "victim")]
    text = "Dunlop Bakeries was hacked. Neither company answered further questions on Monday."
    assert run(nlp, quoter, text, orgs=o) == []
    text = "Dunlop Bakeries was hacked. The company answered that it would not pay the gang."
    assert run(nlp, quoter, text, orgs=o)[0].text == "it would not pay the gang"


def test_quotes_a_message_from_the_victim_is_no_attackers_note(nlp, quoter):
    o = [org("Barnford Council", "victim")]
    text = ("Barnford Council was hit by ransomware. The message from the council to residents "
            'was simple: "Please be patient with our staff this week."')
    q = run(nlp, quoter, text, orgs=o)[0]
    assert (q.affiliation, q.speaker_type) == ("Barnford Council", "victim_representative")
    text = ("Barnford Council was hit by ransomware. The message from the hackers was simple: "
            '"Pay us or we publish everything we took."')
    assert run(nlp, quoter, text, orgs=o)[0].speaker_type == "attacker"
    # "a group of <people>" is no attacking group; "a group calling itself X" is
    text = ("Barnford Council was hit by ransomware. The letter, sent by a group of parents, "
            'was blunt: "We want to know whether our children\'s records were taken."')
    assert run(nlp, quoter, text, orgs=o)[0].speaker_type != "attacker"
    text = ("Barnford Council was hit by ransomware. The note, left by a group calling itself "
            'Sable Hand, was blunt: "Pay us or we publish everything we took."')
    assert run(nlp, quoter, text, orgs=o)[0].speaker_type == "attacker"


def test_quotes_firm_name_before_a_lower_case_title_is_the_employer(nlp, quoter):
    # "<Firm> <title> <Name>": the firm is the affiliation, not part of the role, and the
    # victim named before does not take the speaker over
    text = ('Harlow Dental Group said patient records had been stolen in a ransomware attack. '
            'Patients were referred to Safeline, a fraud support charity.\n\n'
            '"People should treat unexpected calls with suspicion," said Safeline chief '
            'executive Oren Vasquez.\n\n'
            'Brightmoor Analytics head of research Ines Calder said: "This data will be sold '
            'on."\n\n'
            'Former chief executive Dora Kell said the company had ignored warnings.\n\n'
            'Opposition leader Sam Tully said the board had questions to answer.')
    quotes = run(nlp, quoter, text, orgs=[org("Harlow Dental Group", "victim")],
                 persons=["Oren Vasquez", "Ines Calder", "Dora Kell", "Sam Tully"])
    q = find(quotes, "unexpected calls")
    assert (q.speaker, q.role, q.affiliation, q.speaker_type) == (
        "Oren Vasquez", "chief executive", "Safeline", "expert")
    q = find(quotes, "sold on")
    assert (q.speaker, q.role, q.affiliation) == ("Ines Calder", "head of research",
                                                  "Brightmoor Analytics")
    # a capitalised modifier or a body noun at the sentence start is no employer, nor is
    # one ordinary word the text never capitalises mid-sentence
    q = find(quotes, "ignored warnings")
    assert q.affiliation != "Former" and q.role == "chief executive"
    q = find(quotes, "questions to answer")
    assert q.affiliation != "Opposition" and q.role == "Opposition leader"
    quotes = run(nlp, quoter, "Orlin Dental was hit by ransomware. Practice manager Lou Harte "
                 "said the clinic would not pay.",
                 orgs=[org("Orlin Dental", "victim")], persons=["Lou Harte"])
    assert (quotes[0].role, quotes[0].affiliation) == ("Practice manager", "Orlin Dental")


def test_quotes_a_title_naming_a_kind_of_organisation_ties_the_speaker_to_it(nlp, quoter):
    # "council leader X", "County Commissioner Y": the victim of that kind is the employer,
    # and its officer speaks for it (not as an authority)
    text = ('Pellworth City Council has confirmed a ransomware attack on its payment systems.\n\n'
            'The council leader, Mira Okon, said: "We will not pay criminals."\n\n'
            'Deputy council leader Sian Marr said residents would be told more on Friday.')
    quotes = run(nlp, quoter, text, orgs=[org("Pellworth City Council", "victim")],
                 persons=["Mira Okon", "Sian Marr"])
    for frag in ("pay criminals", "told more"):
        q = find(quotes, frag)
        assert (q.affiliation, q.speaker_type) == ("Pellworth City Council",
                                                   "victim_representative")
    text = ('Ardley County said its property tax portal was taken offline after a breach.\n\n'
            'County Commissioner Reuben Hale said the delay was needed to find everyone affected.')
    q = find(run(nlp, quoter, text, orgs=[org("Ardley County", "victim")],
                 persons=["Reuben Hale"]), "delay was needed")
    assert (q.affiliation, q.speaker_type) == ("Ardley County", "victim_representative")
    # "Managing partner X" of a firm hit runs it
    text = ('Holm & Vesey LLP said client files were copied by hackers.\n\n'
            'Managing partner Irene Dowd said: "We deeply regret what has happened."')
    q = find(run(nlp, quoter, text, orgs=[org("Holm & Vesey LLP", "victim")],
                 persons=["Irene Dowd"]), "deeply regret")
    assert (q.affiliation, q.speaker_type) == ("Holm & Vesey LLP", "victim_representative")
    # the council named is another one than the victim: no tie to the victim
    text = ('Hackers hit Dunmore Water on Monday. Orrin Borough Council, a customer, said bills '
            'were safe.\n\nCouncil leader Pat Ives said the council would review its contract.')
    q = find(run(nlp, quoter, text, orgs=[org("Dunmore Water", "victim"),
                                           org("Orrin Borough Council", "other")],
                 persons=["Pat Ives"]), "review its contract")
    assert q.affiliation == "Orrin Borough Council"


def test_quotes_junk_speakers_and_pleas_are_left_out(nlp, quoter):
    # a defendant's admitted offences are no speech
    text = ('Defending, Ann Lowe said Kerr had been led astray by older gamers. He admitted '
            'offences under the Computer Misuse Act and will be sentenced in May.')
    quotes = run(nlp, quoter, text, persons=["Ann Lowe", "Kerr"])
    assert not [q for q in quotes if "Computer Misuse" in q.text]
    # a sentence-opening "Former" / "Industry" is no one-word name
    text = ('Former employees of the City of Pell, Ohio, have filed a class action lawsuit in '
            'federal court, claiming the city failed to protect their Social Security numbers.')
    for orgs in ([org("City of Pell", "victim")],
                 [org("Former", "other"), org("City of Pell", "victim")]):
        assert not [q for q in run(nlp, quoter, text, orgs=orgs) if q.speaker == "Former"]
    # the outlet spoken to is no speaker ("explained a company spokeswoman towards the X")
    text = ('"We have taken all systems offline as a precaution," explained a company '
            'spokeswoman towards the Hamburger Abendblatt. Trucks were dispatched.')
    q = find(run(nlp, quoter, text, orgs=[org("Hansetrans", "victim"),
                                           org("Hamburger Abendblatt", "other")]), "offline")
    assert (q.speaker, q.speaker_mention, q.affiliation) == (None, "a company spokeswoman",
                                                            "Hansetrans")
    # the words before a colon introduce the speaker; they are not what she said
    text = ('Opposition leader Karen Bell was scathing: the council had, she said, '
            '"sleepwalked into this". According to Bell, auditors had flagged it.')
    quotes = run(nlp, quoter, text, persons=["Karen Bell"])
    assert not [q for q in quotes if "scathing" in q.text]
    # ... and the quotation that completes her interrupted clause is hers, however short
    q = find(quotes, "sleepwalked into this")
    assert (q.text, q.speaker, q.direct) == ("sleepwalked into this", "Karen Bell", True)


@pytest.mark.xfail(strict=True, reason="a participle's claim ('…, claiming the city failed …') "
                   "goes to the sentence's subject only when it opens with a capitalised name; "
                   "a description subject ('Former employees of X') is not resolved yet, so the "
                   "claim is dropped (it went to 'Former' before 6e568a6)")
def test_quotes_a_claim_in_a_lawsuit_is_the_described_plaintiffs(nlp, quoter):
    text = ('Former employees of the City of Pell, Ohio, have filed a class action lawsuit in '
            'federal court, claiming the city failed to protect their Social Security numbers.')
    q = find(run(nlp, quoter, text, orgs=[org("City of Pell", "victim")]), "failed to protect")
    assert q.speaker is None and (q.speaker_mention or "").startswith("Former employees")


def test_quotes_translated_tags_and_given_names_taken_alone(nlp, quoter):
    # "…," indicated the mayor, X (translated copy)
    text = ('Brevent town hall was hit by ransomware. "We have filed a complaint with the '
            'police," indicated the mayor, Paul Garnier.')
    q = find(run(nlp, quoter, text, orgs=[org("Brevent", "victim")], persons=["Paul Garnier"]),
             "filed a complaint")
    assert (q.speaker, q.role) == ("Paul Garnier", "mayor")
    # the NER took only the given name: the surname after it belongs to the name
    text = ('"The numbers are a wake-up call, especially for medium-sized firms," said Jamie '
            'MacColl, a research fellow at RUSI.')
    q = find(run(nlp, quoter, text, persons=["Jamie"]), "wake-up call")
    assert (q.speaker, q.role, q.affiliation) == ("Jamie MacColl", "research fellow", "RUSI")
    # a colon before a quotation that the tag follows keeps the clause before the colon
    text = ('Due to the bug being unpatched, Lena Holt said she has not yet released her proof '
            'of concept: "Anyone with decent knowledge of JavaScript can make it work," she '
            'told us.')
    quotes = run(nlp, quoter, text, persons=["Lena Holt"])
    assert [q for q in quotes if "not yet released" in q.text]


@pytest.mark.parametrize("text, persons, role", [
    ("Hollin Homes was hit by ransomware. Professor Ben Arkwright of Eastgate University said "
     "charities were particularly exposed.", ["Ben Arkwright"], "Professor"),
    ('Hollin Homes was hit by ransomware. "You can be secure and still be breached," said Prof '
     "Ann Lee of the University of Dunmore.", ["Ann Lee"], "Prof"),
    ('The film leaked online. "We will not be blackmailed by anyone," said producer Ravi Menon.',
     ["Ravi Menon"], "producer"),
    ("Kerr, 19, appeared at Leeds Crown Court.\n\nDefending, Ann Lowe said Kerr had been led "
     "astray by older gamers.", ["Ann Lowe", "Kerr"], "defence counsel"),
    ("Kerr, 19, appeared at Leeds Crown Court.\n\nProsecuting, Tom Reade said the attacks had "
     "cost schools thousands of pounds.", ["Tom Reade", "Kerr"], "prosecutor"),
])
def test_quotes_academic_honorifics_trades_and_counsel_sides_are_roles(nlp, quoter, text,
                                                                        persons, role):
    quotes = run(nlp, quoter, text, persons=persons)
    assert [q.role for q in quotes if q.speaker == persons[0]] == [role]


def test_quotes_name_boundaries_after_titles_of_and_for_and_organisation_noun_surnames(nlp,
                                                                                        quoter):
    # a PERSON entity that swallowed the end of "Minister for Digitalisation": the name runs
    # from the known first name
    text = ('Government sites were down. "It is an attack on the websites, not on our systems," '
            'Minister for Digitalisation Karen Lund Berg told broadcaster DR.')
    q = find(run(nlp, quoter, text, persons=["Digitalisation Karen Lund Berg"]), "websites")
    assert (q.speaker, q.role) == ("Karen Lund Berg", "Minister for Digitalisation")
    # a plural possessive before a title leaves no apostrophe in the role
    text = "Harlow Bank was breached. Arctos' CTO, Mina Dahl, said the firm had found no backdoor."
    q = find(run(nlp, quoter, text, orgs=[org("Harlow Bank", "victim"), org("Arctos", "vendor")],
                 persons=["Mina Dahl"]), "no backdoor")
    assert (q.role, q.affiliation) == ("CTO", "Arctos")
    # a surname that is an organisation noun, after a first name, in a PERSON entity
    text = ("Harlow Bank was breached. Privacy campaigner Jo Brand said the bank should have "
            "encrypted the data.")
    q = find(run(nlp, quoter, text, orgs=[org("Harlow Bank", "victim")], persons=["Jo Brand"]),
             "encrypted")
    assert (q.speaker, q.role) == ("Jo Brand", "Privacy campaigner")


def test_quotes_an_officer_speaking_as_we_belongs_to_the_organisation_opening_the_sentence_before(
        nlp, quoter):
    text = ('Dutch shoe retailer Velmode has cut its sales forecast, blaming delivery delays '
            'caused by the ransomware attack on its logistics partner Brantrans.\n\n'
            '"Around 30% of our online orders were shipped late," chief financial officer Ria Vos '
            'said on an earnings call.')
    q = find(run(nlp, quoter, text, orgs=[org("Velmode", "other"), org("Brantrans", "victim")],
                 persons=["Ria Vos"]), "online orders")
    assert (q.affiliation, q.speaker_type) == ("Velmode", "other")
    # an example named in passing opens no sentence: the victim's officer speaks
    text = ('Brantrans was hit by ransomware. Customers such as Velmode said deliveries were '
            'late.\n\n"We are restoring from backups," chief executive Ria Vos said.')
    q = find(run(nlp, quoter, text, orgs=[org("Velmode", "other"), org("Brantrans", "victim")],
                 persons=["Ria Vos"]), "backups")
    assert (q.affiliation, q.speaker_type) == ("Brantrans", "victim_representative")


def test_quotes_a_description_ending_the_sentence_before_introduces_the_speaker(nlp, quoter):
    text = ('A Russian-speaking gang is behind the ransomware attack on lab firm Clarion, the '
            'former head of the National Cyber Defence Centre has said.\n\n'
            'Ian Marsh told the BBC the gang was "looking for money" and had not targeted '
            'hospitals deliberately.')
    q = find(run(nlp, quoter, text, orgs=[org("Clarion", "victim"),
                                           org("National Cyber Defence Centre", "authority")],
                 persons=["Ian Marsh"]), "targeted hospitals")
    assert (q.speaker, q.role, q.affiliation) == ("Ian Marsh", "former head",
                                                  "National Cyber Defence Centre")
    # a former head of an agency comments as an expert; he speaks for no agency
    assert q.speaker_type == "expert"


@pytest.mark.parametrize("text, fragment, speaker", [
    # signed by the victim's chief executive: hers, not the attackers'
    ('Hackers broke into the systems of Wrenfield Council last week. The letter, signed by '
     'chief executive Jane Hollis, was clear: "We will not pay the criminals who did this."',
     "will not pay", "Jane Hollis"),
    # sent by the council: the council's message
    ('Wrenfield Council was hit by a cyber attack last week. The email, sent by the council to '
     'all staff, was short: "Do not log in to any council system until told to."',
     "Do not log in", None),
    # "ransomware" is no ransom, and a note from the hospital is the hospital's
    ('St Aldric Hospital was hit by ransomware on Monday. The note from the hospital to '
     'patients was brief: "Please bring your medication list to every appointment."',
     "medication list", None),
    # the gang named in a clause after the letter's writer did not write it
    ('Wrenfield Council was hit by a cyber attack last week. The letter from the headteacher, '
     'sent to parents after the gang struck, was clear: "We will not pay and we are working '
     'with police."', "working with police", None),
])
def test_quotes_a_note_is_the_attackers_only_when_its_subject_phrase_says_so(nlp, quoter, text,
                                                                            fragment, speaker):
    quotes = run(nlp, quoter, text, orgs=[org("Wrenfield Council", "victim"),
                                          org("St Aldric Hospital", "victim")],
                 persons=["Jane Hollis"])
    q = find(quotes, fragment)
    assert q.speaker_type != "attacker"
    if speaker:
        assert q.speaker == speaker
    # and a note left by a gang, or a ransom note, still is theirs; the mention is the
    # subject phrase, not the predicate
    text = ('Wrenfield Council was hit by a cyber attack last week. The message, sent by the '
            'ransomware gang to staff, was blunt: "Your servers belong to us now."\n\n'
            'The ransom note was short: "Pay within three days."')
    quotes = run(nlp, quoter, text, orgs=[org("Wrenfield Council", "victim")])
    assert [(q.speaker_mention, q.speaker_type) for q in quotes] == [
        ("The message", "attacker"), ("The ransom note", "attacker")]


# --------------------------------------------------------------------------- session 10


def test_quotes_a_paragraph_break_ends_the_sentence_the_model_ran_on(nlp, quoter):
    # a statistical sentence splitter may run a tag ending in an initial ("on X.") into the
    # next paragraph; the paragraph break still ends the sentence, so the quote keeps its tag
    text = ('Vaultline paused withdrawals.\n\n"Every customer will be repaid in full from our '
            'reserves," co-founder Maya Lindholm posted on X.\n\n"The keys were probably taken '
            'in a phishing campaign," said Tomas Reyes, an analyst at Chainward.')
    doc = nlp.make_doc(text)
    doc._.language = "en"
    for t in doc:
        t.is_sent_start = t.i == 0 or doc[t.i - 1].text == "withdrawals."
    doc.ents = [doc.char_span(m.start(), m.end(), label="PERSON")
                for m in re.finditer(r"Maya Lindholm|Tomas Reyes", text)]
    doc._.organisations = [org("Vaultline", "victim"), org("Chainward", "security_firm")]
    quotes = quoter(doc)._.quotes
    first, second = find(quotes, "repaid"), find(quotes, "phishing")
    assert (first.speaker, first.role, first.cue) == ("Maya Lindholm", "co-founder", "posted")
    assert second.speaker == "Tomas Reyes"


@pytest.mark.parametrize("tag, speaker, role", [
    # initials and dotted acronyms before a capital end no tag that has no verb yet
    ('U.S. Attorney Dana K. Whitcombe said in a news release.', "Dana K. Whitcombe",
     "U.S. Attorney"),
    # nor does an abbreviated title
    ('Harbourview president and CEO Dr. Omar Haddad said in a video statement.', "Omar Haddad",
     "CEO"),
])
def test_quotes_a_tag_runs_past_initials_and_titles_to_its_verb(nlp, quoter, tag, speaker,
                                                                  role):
    text = ('Harbourview Clinics confirmed that patient files were stolen.\n\n"Anyone who '
            'abuses trusted access to patient records will answer for it," ' + tag)
    quotes = run(nlp, quoter, text, orgs=[org("Harbourview Clinics", "victim", "Harbourview")],
                 persons=["Dana K. Whitcombe", "Omar Haddad"])
    q = find(quotes, "trusted access")
    assert q.speaker == speaker and role in (q.role or "")


def test_quotes_a_us_attorney_is_an_authority(nlp, quoter):
    text = ('A former IT manager at Quillfield Bolts was charged with wiping its servers. '
            '"Insiders who abuse their access will be held to account," U.S. Attorney Dana K. '
            'Whitcombe said.')
    q = find(run(nlp, quoter, text, orgs=[org("Quillfield Bolts", "victim")],
                 persons=["Dana K. Whitcombe"]), "held to account")
    assert (q.speaker, q.role, q.speaker_type) == ("Dana K. Whitcombe", "U.S. Attorney",
                                                  "authority")


def test_quotes_two_lower_case_titles_joined_by_and_name_one_speaker(nlp, quoter):
    text = ('Mailgarde raised $40 million. "Attackers use AI to write better phishing emails, and '
            'defenders need it too," said co-founder and CEO Ines Varga. Mailgarde plans to '
            'hire 50 staff.')
    q = find(run(nlp, quoter, text, orgs=[org("Mailgarde", "other")], persons=["Ines Varga"]),
             "phishing")
    assert q.speaker == "Ines Varga" and q.role and "CEO" in q.role


def test_quotes_an_affiliation_after_the_name_does_not_make_the_phrase_too_long(nlp, quoter):
    text = ('Kestrelwood said 9,000 accounts were accessed. "Reusing a password turns every '
            'breach into your breach," said Associate Professor Lena Park from the Northgate '
            'Institute for Cyber Security Research.')
    q = find(run(nlp, quoter, text,
                 orgs=[org("Kestrelwood", "victim"),
                       org("Northgate Institute for Cyber Security Research", "other")],
                 persons=["Lena Park"]), "Reusing")
    assert q.speaker == "Lena Park"
    assert q.affiliation == "Northgate Institute for Cyber Security Research"
    assert q.speaker_type == "expert"


def test_quotes_a_courtesy_title_and_name_tagged_as_an_organisation_is_a_person(nlp, quoter):
    # translated French: the verb before its subject, "Mme" before the name
    text = ('The hospital of Valmont was hit by ransomware. "Patient care is assured, the '
            'emergency rooms are working on paper," indicated the director general, Mme Claire '
            'Dubreuil, in a press conference.')
    q = find(run(nlp, quoter, text, orgs=[org("Mme Claire Dubreuil", "other")]), "Patient care")
    assert (q.speaker, q.role) == ("Claire Dubreuil", "director general")


@pytest.mark.parametrize("tag, orgs", [
    ('Brindle chief digital officer Anika Rao said.',
     [org("Brindle Outdoor Supply", "security_firm", "Brindle")]),
    ('said Anika Rao, president of Brindle Outdoor Supply.', []),
])
def test_quotes_an_executive_speaking_as_the_victim_is_no_expert(nlp, quoter, tag, orgs):
    # the organisation component took the retailer for a security firm, or missed it: the
    # executive's own words ("our systems", "we refused to pay") speak for the victim
    text = ('Brindle Outdoor Supply said 8,000 customer accounts were accessed in a credential '
            'stuffing attack. "Our systems were not breached, and we refused to pay anyone," '
            + tag)
    q = find(run(nlp, quoter, text, orgs=orgs, persons=["Anika Rao"]), "Our systems")
    assert q.speaker == "Anika Rao" and q.speaker_type == "victim_representative"


def test_quotes_an_analyst_speaking_as_we_stays_an_expert(nlp, quoter):
    text = ('Brindle Outdoor Supply said 8,000 customer accounts were accessed. "We have seen '
            'this crew hit retailers before, and our systems flagged the logins," said Anika Rao, '
            'a threat analyst at Corvid Labs.')
    q = find(run(nlp, quoter, text, orgs=[org("Brindle Outdoor Supply", "victim"),
                                          org("Corvid Labs", "security_firm")],
                 persons=["Anika Rao"]), "this crew")
    assert q.speaker_type == "expert"


def test_quotes_a_partner_at_an_unmarked_firm_in_a_place_speaks_for_it(nlp, quoter):
    text = ('A small architecture practice lost a decade of drawings to ransomware. "We refused '
            'to pay, and I would make the same call again," said Jo Marlow, a founding partner '
            'at Marlow Pike Architects in Stokes Croft.')
    q = find(run(nlp, quoter, text, orgs=[], persons=["Jo Marlow"]), "refused")
    assert q.affiliation == "Marlow Pike Architects"
    assert q.speaker_type == "victim_representative"


def test_quotes_a_union_officer_is_no_authority(nlp, quoter):
    text = ('Staff records of Tallow Creek Council were stolen. Union secretary Gareth Bevan '
            'said: "The council had a duty to protect this information."')
    q = find(run(nlp, quoter, text, orgs=[org("Tallow Creek Council", "victim")],
                 persons=["Gareth Bevan"]), "duty to protect")
    assert (q.speaker, q.speaker_type) == ("Gareth Bevan", "other")


def test_quotes_a_police_force_spokesperson_is_an_authority(nlp, quoter):
    # the force's name is no "police": the Sûreté, the Carabinieri, a constabulary
    text = ('A former contractor of Pixelmoor Games was arrested. "It was a door that was never '
            'closed," Sûreté du Québec spokesperson Lt. Anne Gagnon said.')
    q = find(run(nlp, quoter, text, orgs=[org("Pixelmoor Games", "victim"),
                                          org("Sûreté du Québec", "other")],
                 persons=["Anne Gagnon"]), "never closed")
    assert (q.speaker, q.affiliation, q.speaker_type) == ("Anne Gagnon", "Sûreté du Québec",
                                                         "authority")


def test_quotes_a_superintendent_heads_the_school_district_not_the_vendor(nlp, quoter):
    text = ('The Alder Creek School District said student records were exposed in a breach at '
            'ClassLedger, the vendor that runs its gradebook. Superintendent Dr. Rosa Imbert '
            'said the district\'s own network had not been compromised.')
    q = find(run(nlp, quoter, text, orgs=[org("Alder Creek School District", "victim"),
                                          org("ClassLedger", "victim")],
                 persons=["Rosa Imbert"]), "own network")
    assert (q.speaker, q.affiliation) == ("Rosa Imbert", "Alder Creek School District")


def test_quotes_the_banks_chief_executive_is_no_central_banks(nlp, quoter):
    text = ('Fraudsters drained Rs 30 crore from Kaveri Urban Co-operative Bank. The Reserve Bank '
            'of India said the curbs would stay for six months. "We are confident of coming out '
            'of this stronger," the bank\'s chief executive, Nalini Rao, said.')
    quotes = run(nlp, quoter, text, orgs=[org("Reserve Bank of India", "other", "RBI")],
                 persons=["Nalini Rao"])
    q = find(quotes, "coming out")
    assert q.speaker == "Nalini Rao" and q.affiliation != "Reserve Bank of India"
    assert find(quotes, "curbs").speaker_type == "authority"


def test_quotes_a_company_spokeswoman_after_a_hacktivist_claim_is_no_groups(nlp, quoter):
    text = ('The timetable app of Alpenweg Railways was down for hours. The pro-Russian '
            'hacktivist group NoName Crew claimed the attack. "We are used to this by now, '
            'unfortunately," said company spokeswoman Lea Brunner.')
    q = find(run(nlp, quoter, text, orgs=[org("Alpenweg Railways", "victim"),
                                          org("NoName Crew", "other")],
                 persons=["Lea Brunner"]), "used to this")
    assert (q.speaker, q.affiliation) == ("Lea Brunner", "Alpenweg Railways")


@pytest.mark.parametrize("sentence", [
    # an object, then the list it joins: no speech
    "The Cyber Defence Agency has added a critical authentication bypass in Norvane Systems' "
    "EdgeGate firewalls to its Known Exploited Vulnerabilities catalog, ordering agencies to "
    "patch by May 2.",
    "The Lockfang ransomware group has added Stadtwerke Ellerbach, a municipal utility in the "
    "state of Hesse, to its leak site, claiming to hold 80 GB of data.",
    # an order to someone: no speech
    "Norvane Systems has released an update and told hospitals to segment the pumps from other "
    "networks until it is installed.",
])
def test_quotes_added_to_a_list_or_told_to_act_is_no_speech(nlp, quoter, sentence):
    quotes = run(nlp, quoter, sentence, orgs=[org("Norvane Systems", "vendor"),
                                              org("Cyber Defence Agency", "authority"),
                                              org("Lockfang", "attacker")])
    assert quotes == []


def test_quotes_after_told_comes_the_listener_not_an_inverted_speaker(nlp, quoter):
    text = ('Depots stayed shut on Monday. One haulage customer, who asked not to be named, told '
            'Freight Weekly: "We have thirty pallets of yoghurt sitting in a yard."')
    quotes = run(nlp, quoter, text, orgs=[org("Freight Weekly", "other")])
    assert [q.text for q in quotes] == ["We have thirty pallets of yoghurt sitting in a yard."]
    assert quotes[0].speaker is None and quotes[0].speaker_mention == "One haulage customer"


def test_quotes_a_filing_with_an_exchange_is_the_filers(nlp, quoter):
    text = ('Intruders tricked the help desk of Kavera Tech. According to the company\'s filing '
            'with the Bombay Stock Exchange, the attackers accessed "a limited number of client '
            'project files".')
    q = find(run(nlp, quoter, text, orgs=[org("Kavera Tech", "victim"),
                                          org("Bombay Stock Exchange", "other")]), "client")
    assert q.speaker == "Kavera Tech"


def test_quotes_the_utility_is_no_region_tagged_as_an_organisation(nlp, quoter):
    text = ('The Lockfang gang listed Stadtwerke Ellerbach, a utility in the state of Hesse, on its '
            'leak site. The utility disclosed a cyberattack last week, saying energy supply was '
            'not affected.')
    q = find(run(nlp, quoter, text, orgs=[org("state of Hesse", "authority"),
                                          org("Lockfang", "attacker")]), "energy supply")
    assert q.speaker != "state of Hesse"


def test_quotes_a_description_with_a_who_clause_before_told_speaks(nlp, quoter):
    text = ('The forum\'s database was dumped online. "Your admins have terrible security," one '
            'of the hackers behind the breach, who asked not to be named, told Motherboard.')
    q = find(run(nlp, quoter, text, orgs=[org("Motherboard", "other")]), "terrible")
    assert q.speaker is None and q.speaker_mention and "hackers" in q.speaker_mention
    assert q.speaker_type == "attacker"



def test_quotes_telling_people_what_they_need_to_do_is_still_speech(nlp, quoter):
    text = ('Ardent Savings told customers they need to reset their passwords before Friday, '
            'after a breach of its online banking platform.')
    quotes = run(nlp, quoter, text, orgs=[org("Ardent Savings", "victim")])
    assert any("reset their passwords" in q.text and q.speaker == "Ardent Savings"
               for q in quotes)


def test_quotes_the_universitys_officer_is_the_universitys_not_a_federation_of_its_staff(nlp,
                                                                                       quoter):
    # "university" also appears inside the teachers' federation's name: the name the noun
    # heads is the one meant; the federation's officer is a union's, no authority
    text = ('Criminals diverted the salaries of 41 staff at the University of Ballinrue. '
            '"Members could not pay their rent," IFUT general secretary Ciaran Dunne said, '
            'for the Irish Federation of University Teachers. The university\'s vice-president '
            'for operations, Dr Niamh Kelleher, said MFA was being rolled out to all staff.')
    quotes = run(nlp, quoter, text,
                 orgs=[org("Irish Federation of University Teachers", "other", "IFUT"),
                       org("University of Ballinrue", "victim")],
                 persons=["Ciaran Dunne", "Niamh Kelleher"])
    q = find(quotes, "MFA")
    assert (q.speaker, q.affiliation) == ("Niamh Kelleher", "University of Ballinrue")
    q = find(quotes, "rent")
    assert (q.speaker, q.speaker_type) == ("Ciaran Dunne", "other")


def test_quotes_a_spokesperson_titled_with_a_police_forces_name_is_an_authority(nlp, quoter):
    # the organisation component kept only the place of "Sûreté du Québec"
    text = ('A former contractor of Pixelmoor Games was arrested. "It was a door that was never '
            'closed," Sûreté du Québec spokesperson Lt. Anne Gagnon said.')
    q = find(run(nlp, quoter, text, orgs=[org("Pixelmoor Games", "victim"),
                                          org("Québec", "other")],
                 persons=["Anne Gagnon"]), "never closed")
    assert (q.speaker, q.speaker_type) == ("Anne Gagnon", "authority")


@pytest.mark.parametrize("title", ["CAO", "CDO"])
def test_quotes_a_chief_administrative_or_digital_officer_is_a_staff_title(nlp, quoter, title):
    text = ('The town of Fenwick Harbour was hit by ransomware. "We will not pay a ransom," '
            + title + ' Moira Callan said at a special council meeting.')
    q = find(run(nlp, quoter, text, orgs=[org("Town of Fenwick Harbour", "victim")],
                 persons=["Moira Callan"]), "ransom")
    assert (q.speaker, q.role) == ("Moira Callan", title)
    assert q.speaker_type == "victim_representative"


@pytest.mark.parametrize("quote, tag", [
    # a supplier's officer speaks of his own customers, not as the victim
    ('"Attacks like this hit our customers every month, and it is always the same crew," ',
     'said Hana Ito, chief executive of Tessellate, which sells backup software to dairies.'),
    ('"Our clients have been hit by this gang twice this year," ',
     'said Omar Reyes, a director at Fenwick Advisory.'),
    # ... nor does one beside the named victim who says "we were hit"
    ('"We were hit by the same gang last spring," ',
     'said Omar Reyes, a director at Fenwick Advisory.'),
])
def test_quotes_another_firms_officer_speaking_as_we_is_no_victim_representative(
        nlp, quoter, quote, tag):
    # (the organisation component missed the officer's firm)
    text = ('Millbrook Dairy, a cheese maker in Somerset, was hit by ransomware on Friday. '
            + quote + tag)
    q = find(run(nlp, quoter, text, orgs=[org("Millbrook Dairy", "victim")],
                 persons=["Hana Ito", "Omar Reyes"]), "hit")
    assert q.affiliation in {"Tessellate", "Fenwick Advisory"}
    assert q.speaker_type == "expert"


def test_quotes_an_officer_of_a_cyber_hit_firm_opening_the_sentence_before_is_its_own(
        nlp, quoter):
    # "ransomware-hit" describes the retailer: it is no hacking group
    text = ('Ransomware-hit grocer Lindqvist has lowered its outlook, blaming the outage on its '
            'warehouse contractor Norrfrakt.\n\n"Our shelves were half empty for a fortnight," '
            'chief operating officer Elin Berg said.')
    q = find(run(nlp, quoter, text, orgs=[org("Lindqvist", "other"), org("Norrfrakt", "victim")],
                 persons=["Elin Berg"]), "shelves")
    assert q.affiliation == "Lindqvist"
    # a gang named right before the name is no employer
    text = ('Norrfrakt was hit by ransomware. The ransomware gang Lindqvist has claimed the '
            'attack.\n\n"Our shelves were half empty for a fortnight," chief operating officer '
            'Elin Berg said.')
    q = find(run(nlp, quoter, text, orgs=[org("Lindqvist", "other"), org("Norrfrakt", "victim")],
                 persons=["Elin Berg"]), "shelves")
    assert q.affiliation == "Norrfrakt"


@pytest.mark.parametrize("lead, force", [
    ("according to the Varanpur cyber police.", "Varanpur cyber police"),
    ("Varanpur police said on Tuesday.", "Varanpur police"),
])
def test_quotes_a_police_title_with_a_qualifier_before_the_name(nlp, quoter, lead, force):
    # "(Cyber)" is part of the title, and the force is the one the text named
    text = ('Residents lost Rs 2 crore to a fake loan app, ' + lead + ' "We have frozen 14 bank '
            'accounts," Deputy Commissioner of Police (Cyber) Anil Mehra said.')
    q = find(run(nlp, quoter, text, persons=["Anil Mehra"]), "frozen")
    assert (q.speaker, q.role) == ("Anil Mehra", "Deputy Commissioner of Police (Cyber)")
    assert (q.affiliation, q.speaker_type) == (force, "authority")
