"""affected_services: services with their latest status, and compromised data types, on short
articles written by the team (blank English + sentencizer; no trained model needed)."""
from __future__ import annotations

import pytest
import spacy
from nlp_testkit import run_services as services, services_pipeline


@pytest.fixture(scope="module")
def nlp():
    return services_pipeline()


def test_services_component_declares_its_contract(nlp):
    meta = nlp.get_pipe_meta("affected_services")
    assert meta.requires == ["doc.sents"]
    assert set(meta.assigns) == {"doc._.services", "doc._.compromised_data"}


def test_services_restored_and_disrupted_from_cue_verbs(nlp):
    text = ("Hartley's Department Stores has reinstated its click-and-collect service six weeks "
            "after a cyberattack crippled its digital operations. The retailer was forced to "
            "suspend online ordering while investigators worked.")
    got = services(nlp, text)
    assert got["click-and-collect service"] == "restored"
    assert got["digital operations"] == "disrupted"
    assert got["online ordering"] == "disrupted"


def test_services_latest_state_wins(nlp):
    text = ("Customers of Parkway Building Society could not use internet banking on Monday "
            "after a denial-of-service attack. By Wednesday internet banking was restored, the "
            "society said.")
    got = services(nlp, text)
    assert got == {"internet banking": "restored"}


def test_services_compromised_systems_and_named_systems(nlp):
    text = ("Investigators found that the store payment data systems were infected with "
            "malicious code. The intruder accessed records held in the Pathology Results "
            "System over several months.")
    got = services(nlp, text)
    assert got.get("store payment data systems") == "compromised"
    assert got.get("Pathology Results System") == "compromised"


def test_services_not_affected_are_left_out(nlp):
    text = ("The ransomware encrypted the county's billing system. The county said its "
            "emergency phone lines were not affected and its website remains accessible.")
    got = services(nlp, text)
    assert got == {"billing system": "compromised"}


def test_services_none_without_incident_cue(nlp):
    text = "The bank launched a new mobile banking platform with a redesigned patient portal."
    assert services(nlp, text) == {}


def test_compromised_data_types_are_exact_substrings(nlp):
    text = ("The attackers stole customer names, email addresses and Social Security numbers "
            "of 40,000 members. The company said no credit card numbers were accessed.")
    doc = nlp(text)
    data = doc._.compromised_data
    assert "customer names" in data
    assert "email addresses" in data
    assert "Social Security numbers" in data
    assert all(d in text for d in data)
    assert not any("credit card" in d for d in data)


def test_services_gazetteer_travels_with_the_pipeline(nlp, tmp_path):
    nlp.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "affected_services" / "services.jsonl").exists()
    loaded = spacy.load(tmp_path / "nlp")
    doc = loaded("The outage took the patient portal offline for two days.")
    assert [(s.text, s.status) for s in doc._.services] == [("patient portal", "disrupted")]


def test_services_listed_after_a_service_word_or_before_manual_processes(nlp):
    text = ("The water board disabled two features of its website; online bill pay and "
            "meter reading uploads, as investigators examined the malware. "
            "Billing, new connections, permit review and payroll will use manual processes "
            "until the servers are rebuilt.")
    got = services(nlp, text)
    assert got.get("online bill pay") == "disrupted"
    assert got.get("meter reading uploads") == "disrupted"
    for item in ("Billing", "new connections", "permit review", "payroll"):
        assert got.get(item) == "disrupted"


def test_compromised_data_lists_carry_on_and_keep_acronyms(nlp):
    text = ("The data accessed by the intruders includes the name, e-mail address, home address "
            "and phone number of about 90,000 members of the club in Wales and in Scotland, as "
            "well as their bank account number and sort code. Criminals also targeted "
            "protected health information (PHI) held by the clinic, which was stolen.")
    data = nlp(text)._.compromised_data
    for item in ("name", "e-mail address", "home address", "phone number",
                 "bank account number", "sort code", "protected health information (PHI)"):
        assert item in data


def test_services_vulnerability_advisories_keep_only_services_taken_offline(nlp):
    text = ("Researchers found that the vendor's cloud portal was exposed to attackers and that "
            "user names and passwords were exposed. The vendor took its remote management portal offline "
            "while it prepared a patch.")
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "affected_services":
            doc._.incident_kind = "vulnerability"
        doc = proc(doc)
    assert [(s.text, s.status) for s in doc._.services] == [
        ("remote management portal", "disrupted")]
    assert doc._.compromised_data == []
    plain = nlp(text)
    assert ("cloud portal", "compromised") in [(s.text, s.status) for s in plain._.services]
    assert "passwords" in plain._.compromised_data


def test_services_status_verb_is_not_part_of_the_service(nlp):
    # "restored X" after a subject or "and" is a verb: the service is X, restored
    text = ("Dozens of takeaways had to switch off online ordering and card payments after an "
            "update for Larkspur tills was found to carry malware. By Tuesday Larkspur said "
            "most shops had reconnected and restored online ordering.")
    got = services(nlp, text)
    assert got.get("online ordering") == "restored"
    assert got.get("card payments") == "disrupted"
    assert not any(t.lower().startswith(("restored", "reconnected")) for t in got)
    # a participle after a determiner still modifies the service and gives its state
    assert services(nlp, "Investigators recovered the firm's encrypted file servers.") == {
        "encrypted file servers": "compromised"}
    # encryption as a feature of an app is no status
    assert services(nlp, "The insider sold the records over an encrypted messaging app.") == {}


def test_services_fallback_is_no_affected_service_and_one_entry_per_service(nlp):
    text = ("Diners lost table ordering via QR codes and integrated card payments for the "
            "whole weekend. Some cafés reverted to cash and old card readers, others simply "
            "closed. Card payments were restored on Monday.")
    got = services(nlp, text)
    assert got.get("table ordering") == "disrupted"
    # "integrated card payments" and "Card payments" are one service, in its latest state
    assert [t for t in got if "card payments" in t.lower()] == ["integrated card payments"]
    assert got["integrated card payments"] == "restored"
    assert not any("readers" in t for t in got)


def test_services_of_other_sites_and_a_later_all_clear(nlp):
    text = ("Criminals tried passwords stolen from other websites against the credit union's "
            "internet banking. Internet banking and the mobile app were taken offline on "
            "Sunday while passwords were reset, and both are available again.")
    got = services(nlp, text)
    assert "other websites" not in got
    assert {t.lower(): v for t, v in got.items()} == {"internet banking": "restored",
                                                       "mobile app": "restored"}


def test_services_future_restoration_and_generic_states_are_not_restored(nlp):
    text = ("Permit requests at Alderbank council will be handled on paper until the "
            "computer systems are restored. The council is working to restore normal "
            "operations.")
    got = services(nlp, text)
    assert got.get("computer systems") != "restored"
    assert "normal operations" not in got
    # a bare "our systems" is the same service as the fuller mention, latest state wins
    text = ("Hackers seized the clinic's computers on Friday. The fastest way to restore our "
            "systems was to pay, the director said. By Monday the clinic had regained control "
            "of all its computer systems.")
    assert services(nlp, text) == {"computers": "restored"}


def test_services_nouns_that_look_like_cues_and_documents(nlp):
    # "resumes" (CVs) and "hackers" are no status cues; job applications are documents
    text = ("Thousands of resumes and job applications were found on an open server. "
            "State hackers have access to global networks, the report said.")
    assert services(nlp, text) == {}


def test_services_flaws_generic_statements_and_earlier_incidents_are_left_out(nlp):
    from spacy.tokens import Span
    from pipeline.records import Mention, Organisation
    text = ("A ransomware attack crippled the booking system of Ferrow Clinics on Monday. "
            "A flaw affecting the Brava web server was also disclosed this week. "
            "Companies are increasingly extorted after their networks have been breached. "
            "In March, the town of Dunmore was attacked by ransomware that crippled its court "
            "system. Last month a logistics supplier spent weeks restoring its servers.")
    doc = nlp.make_doc(text)
    a = text.index("Ferrow Clinics")
    doc._.organisations = [Organisation(name="Ferrow Clinics", key="ferrow clinics",
                                        role="victim", mentions=(Mention(
                                            "Ferrow Clinics", "ORG", a, a + 14),))]
    d = text.index("Dunmore")
    doc.ents = [doc.char_span(a, a + 14, label="ORG"), doc.char_span(d, d + 7, label="GPE")]
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    assert {s.text: s.status for s in doc._.services} == {"booking system": "disrupted"}


def test_services_cue_before_a_dash_belongs_to_its_own_clause(nlp):
    text = ("\"This was not just a website outage - it was a breakdown in core warehouse "
            "operations,\" said consultant Ivo Marsh. The outage - which began on Monday - "
            "knocked out the booking system.")
    assert services(nlp, text) == {"booking system": "disrupted"}


def test_services_card_skimming_checkout_and_payments_safe_again(nlp):
    text = ("Criminals planted a card skimmer on the checkout page of the Brookfield Garden "
            "online store, the retailer said. \"Card payments on our store are safe to use "
            "again,\" its chief executive said. The shop processes 2,000 card payments a week, "
            "so thousands of cards could be involved.")
    got = services(nlp, text)
    assert got.get("checkout page") == "compromised"
    assert got.get("Card payments") == "restored"


# --------------------------------------------------------------------------- other languages
def test_services_german_compounds_lists_negation_and_hypothetical(nlp):
    text = ("Seit dem Wochenende ist das Kundenportal der Stadtwerke Eichenau nicht mehr "
            "erreichbar. Auch Online-Zahlungen und die Anmeldung neuer Verträge funktionieren "
            "derzeit nicht. Die Versorgung mit Strom und Wasser ist nicht betroffen. Das "
            "Kundenzentrum bleibt geöffnet, die Telefon-Hotline ist jedoch stark überlastet. "
            "Das Kundenportal soll frühestens nächste Woche wieder erreichbar sein.")
    got = services(nlp, text, "de")
    assert got == {"Kundenportal": "disrupted", "Online-Zahlungen": "disrupted",
                   "Anmeldung neuer Verträge": "disrupted", "Telefon-Hotline": "disrupted"}


def test_services_french_latest_state_and_cue_of_the_nearer_service(nlp):
    text = ("Le site internet du réseau et son application mobile de billetterie sont devenus "
            "inaccessibles, rendant impossible la recharge des abonnements. Les distributeurs "
            "automatiques ont continué de fonctionner normalement. L'opérateur a activé un "
            "service de filtrage du trafic qui a permis de rétablir le site internet. "
            "L'application de billetterie a de nouveau fonctionné en début de soirée.")
    got = services(nlp, text, "fr")
    assert got == {"site internet du réseau": "restored",
                   "application mobile de billetterie": "restored",
                   "recharge des abonnements": "disrupted"}


def test_services_italian_spanish_dutch(nlp):
    it = ("La cooperativa ha fatto sapere che il servizio di posta elettronica e il portale "
          "riservato ai soci sono stati temporaneamente sospesi. La produzione e le consegne "
          "non hanno subito alcuna interruzione.")
    assert services(nlp, it, "it") == {"servizio di posta elettronica": "disrupted",
                                       "portale riservato ai soci": "disrupted"}
    es = ("La banca online estuvo fuera de servicio durante todo el lunes. Por la tarde la "
          "banca online fue restablecida, y los pagos con tarjeta funcionaron con normalidad.")
    assert services(nlp, es, "es") == {"banca online": "restored"}
    nl = ("Het patiëntenportaal van het ziekenhuis is sinds maandag niet bereikbaar. De "
          "servers werden versleuteld door de aanvallers.")
    assert services(nlp, nl, "nl") == {"patiëntenportaal": "disrupted", "servers": "compromised"}


def test_services_language_lexicons_travel_with_the_pipeline(nlp, tmp_path):
    nlp.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "affected_services" / "services_de.jsonl").exists()
    loaded = spacy.load(tmp_path / "nlp")
    doc = loaded.make_doc("Das Kundenportal ist nicht mehr erreichbar.")
    doc._.language = "de"
    for _, pipe in loaded.pipeline:
        doc = pipe(doc)
    assert [(s.text, s.status) for s in doc._.services] == [("Kundenportal", "disrupted")]


def test_compromised_data_in_other_languages_unless_denied_or_doubted(nlp):
    def data(text, language):
        doc = nlp.make_doc(text)
        doc._.language = language
        for _, pipe in nlp.pipeline:
            doc = pipe(doc)
        return doc._.compromised_data

    assert data("Die Täter haben Namen, Adressen und Bankverbindungen von 20.000 Kunden "
                "gestohlen. Ob auch Passwörter kopiert wurden, ist noch unklar.", "de") == [
        "Namen", "Adressen", "Bankverbindungen"]
    assert data("Les pirates ont dérobé les noms et dates de naissance des clients. Aucune "
                "donnée de santé n'a été compromise.", "fr") == ["noms", "dates de naissance"]
    assert data("Sono stati sottratti nomi, codici fiscali e IBAN dei soci.", "it") == [
        "nomi", "codici fiscali", "IBAN"]
    assert data("Los atacantes no han accedido a datos bancarios.", "es") == []
    assert data("De hackers hebben e-mailadressen en wachtwoorden buitgemaakt.", "nl") == [
        "e-mailadressen", "wachtwoorden"]


# ---------------------------------------------------------------- forms found in team-written
# articles that the dev-tuned rules missed (session 3)
def _data(nlp, text):
    doc = nlp.make_doc(text)
    doc._.language = "en"
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    return doc._.compromised_data


def test_services_gerund_modifier_and_an_inability_to_do_a_task(nlp):
    text = ("A ransomware attack on Brindle Freight has taken its customer tracking portal "
            "offline. Drivers could not print delivery notes for two days. Staff could not "
            "access the data on the shared drive either.")
    got = services(nlp, text)
    assert got["customer tracking portal"] == "disrupted"
    assert got["print delivery notes"] == "disrupted"
    assert not any("data" in s for s in got)   # lost data is no service


def test_compromised_data_captured_and_a_modal_in_another_clause(nlp):
    text = ("Customers who paid by card between 3 and 10 May should check their statements, "
            "because card numbers, expiry dates and security codes were captured by the "
            "attackers.")
    assert _data(nlp, text) == ["card numbers", "expiry dates", "security codes"]
    # the modal in the data's own clause still makes it hypothetical
    assert _data(nlp, "Attackers could use stolen card numbers to buy gift cards.") == []


def test_compromised_data_passport_scans_and_payroll_records(nlp):
    text = ("The attackers claim to have stolen employee passport scans and payroll records "
            "from the logistics firm.")
    assert _data(nlp, text) == ["employee passport scans", "payroll records"]


def test_compromised_data_denied_in_its_clause_despite_a_modal_later(nlp):
    text = ("The vendor said there was no evidence that card numbers were captured, because "
            "payments run on separate terminals, but shops should update their tills as soon "
            "as a fixed version could be installed.")
    assert _data(nlp, text) == []


def test_services_later_sentences_refer_back_to_listed_services(nlp):
    text = ("Tallow Bank said its mobile banking app and internet banking had been unavailable "
            "for nine hours after a denial-of-service attack. ATMs were not affected. Both "
            "channels were fully restored by Saturday morning, the bank said.")
    assert services(nlp, text) == {"mobile banking app": "restored",
                                   "internet banking": "restored"}
    text = ("An intrusion at Marlow Pharmacy Group disrupted prescription ordering and the "
            "repeat-prescription app for three days. The company said the app was back up on "
            "Thursday, while online prescription ordering remains suspended.")
    got = services(nlp, text)
    assert got["repeat-prescription app"] == "restored"
    assert got["prescription ordering"] == "disrupted"


def test_services_restoration_planned_for_later_is_not_a_restoration(nlp):
    text = ("The ransomware attack forced Selwyn County to take its court records system "
            "offline. The county expects to bring the court records system back online next "
            "week.")
    assert services(nlp, text) == {"court records system": "disrupted"}


def test_compromised_data_list_items_between_known_types_and_no_catch_all(nlp):
    # an item the gazetteer does not know, inside a list of ones it does, is a data type too;
    # "other sensitive data" only closes the list
    text = ("The caching bug exposed API keys, webhook secrets, authentication tokens, and "
            "other sensitive data belonging to several shops.")
    assert _data(nlp, text) == ["API keys", "webhook secrets", "authentication tokens"]
    text = "Records stolen include the name, home address, and phone number of each member."
    assert _data(nlp, text) == ["name", "home address", "phone number"]


def test_compromised_data_unknown_first_and_last_items_of_a_known_list(nlp):
    text = "The leak exposed session tokens, API keys and passwords of the shop's staff."
    assert _data(nlp, text) == ["session tokens", "API keys", "passwords"]
    text = "Names, passwords and loyalty points were taken from the site."
    assert _data(nlp, text) == ["Names", "passwords", "loyalty points"]
    text = "Data taken included order references, card numbers and expiry dates."
    assert _data(nlp, text) == ["order references", "card numbers", "expiry dates"]
    # one known item is no list; an adverb or a catch-all closes the list
    assert _data(nlp, "The attackers accessed session tokens, passwords and more.") == [
        "passwords"]
    assert _data(nlp, "The thieves obtained card numbers, expiry dates and often your "
                      "loyalty points.") == ["card numbers", "expiry dates"]


def test_compromised_data_owner_phrase_and_a_long_list_going_on(nlp):
    text = ("Two tablets were stolen from the van, containing patient records along with the "
            "names of volunteers at the Eastfield food bank.")
    assert _data(nlp, text) == ["patient records", "names of volunteers"]
    text = ("Information taken includes the name, email address and phone number of about "
            "9,000 shoppers in Wales and 2,000 shoppers in Ireland, as well as the last four "
            "digits of their card number and their sort code.")
    assert _data(nlp, text) == ["name", "email address", "phone number", "card number",
                                "sort code"]


def test_compromised_data_advice_aims_and_open_questions_are_no_loss(nlp):
    assert _data(nlp, "Good habits include regularly updating account credentials and "
                      "using two-factor logins.") == []
    assert _data(nlp, "Retailers must ensure that all customer data is encrypted at rest.") == []
    assert _data(nlp, "The aim of the operation is the theft of payment card data from "
                      "tills.") == []
    assert _data(nlp, "The review will determine whether customer names or payroll records "
                      "have been compromised.") == []
    # a curly apostrophe denies as well as a straight one
    assert _data(nlp, "The insurer is still checking that policy numbers weren’t accessed.") == []
    # lure messages are no stolen data
    assert _data(nlp, "The bank's advice, which included: watch for phishing emails and calls "
                      "asking for your details.") == []


def test_compromised_data_denial_in_another_clause_and_one_entry_per_type(nlp):
    text = ("The e-mail wasn’t from the boss, but the clerk sent the forms, giving the "
            "scammer salary information for every worker.")
    assert _data(nlp, text) == ["salary information"]
    text = ("The firm said its W-2 tax data was sent to a scammer. Later the chief executive "
            "wrote that the W-2 forms had been released.")
    assert _data(nlp, text) == ["W-2 tax data"]


def test_compromised_data_lures_threats_and_names_kept_back_are_no_loss(nlp):
    assert _data(nlp, "The pop-ups lead to scams that trick shoppers into giving private "
                      "information such as bank details to fraudsters.") == []
    assert _data(nlp, "The gang is threatening to release patient records unless the clinic "
                      "pays.") == []
    assert _data(nlp, "The analyst said seven banks were hit, without disclosing the names of "
                      "the banks.") == []


def test_compromised_data_open_question_only_before_a_reported_loss(nlp):
    # "whether" asks about an eligibility check here; the loss after it is reported
    text = ("The database used to check whether claims are covered was accessed last year, "
            "exposing customer names, birthdates and phone numbers.")
    assert _data(nlp, text) == ["customer names", "birthdates", "phone numbers"]


def test_compromised_data_list_words_that_only_modify_the_next_item(nlp):
    text = ("The intruders copied usernames, home and business addresses, and easily cracked "
            "passwords from the forum.")
    got = _data(nlp, text)
    assert "home" not in got and "easily cracked" not in got
    assert "usernames" in got and "addresses" in got


def test_compromised_data_purpose_after_the_data_belongs_to_a_later_deed(nlp):
    assert _data(nlp, "The gang stole payroll records in order to pressure the firm into "
                      "paying.") == ["payroll records"]
    text = ("The archive includes member email addresses and passwords hashed with a weak "
            "algorithm, meaning the gang will likely be able to obtain many of the logins.")
    assert _data(nlp, text) == ["member email addresses", "passwords"]
    # a purpose before the data still makes it an aim only
    assert _data(nlp, "The malware is designed to steal card numbers from tills.") == []


def test_services_denied_with_a_curly_apostrophe(nlp):
    text = ("The outage hit the booking site, but the ticket kiosks weren’t affected and kept "
            "working.")
    assert "ticket kiosks" not in services(nlp, text)


# --------------------------------------------------------------- generalisation fixes (CASIE silver review)
def compromised(nlp, text) -> list[str]:
    doc = nlp.make_doc(text)
    doc._.language = "en"
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    return list(doc._.compromised_data)


@pytest.mark.parametrize("text", [
    "The encryption worm renders files stored on infected computers inaccessible.",
    "Volunteers published free decryption tools designed to release computers of the infections.",
    "Ransomware-as-a-service kits are sold on forums for a share of the profits.",
    "This also allows a malicious add-on to execute arbitrary code without user interaction on "
    "Windows 10 systems.",
])
def test_services_verbs_products_and_business_models_are_not_services(nlp, text):
    assert services(nlp, text) == {}


def test_services_verb_before_service_is_not_part_of_it(nlp):
    got = services(nlp, "Clerks at Tollbridge were forced to abandon electronic services and "
                        "switch to pen and paper after the attack.")
    assert "electronic services" in got and not any(k.startswith("abandon") for k in got)


def test_services_list_stops_at_a_speech_tag(nlp):
    got = services(nlp, "The kit attacked applications such as Flashplay, Webview, or "
                        "Quickdraw to spread its payload, researchers said.")
    assert not any("said" in k for k in got)


def test_services_data_list_after_one_known_item_runs_to_its_last_item(nlp):
    got = compromised(nlp, "The spyware app was capable of accessing contact information, "
                           "SMS messages, call logs and Internet data.")
    assert got == ["contact information", "SMS messages", "call logs", "Internet data"]


def test_services_data_list_tail_with_acronym_and_no_speech_tag_items(nlp):
    got = compromised(nlp, "Hackers stole customers' card numbers, expiration dates, names and "
                           "the three-digit card verification values (CVV2).")
    assert "three-digit card verification values (CVV2)" in got
    got = compromised(nlp, "Apps are collecting personal data, say experts and privacy "
                           "advocates.")
    assert not any("experts" in t or "advocates" in t for t in got)


@pytest.mark.parametrize("text", [
    "Send a small Bitcoin payment to the listed address, or forever lose access to your files.",
    "Victims must send a small payment to the wallet address, or forever lose access to their "
    "files.",
])
def test_services_payment_addresses_are_not_compromised_data(nlp, text):
    assert compromised(nlp, text) == []


def test_services_advice_to_be_careful_with_data_is_no_loss(nlp):
    assert compromised(nlp, "Shoppers need to be extra cautious when accessing their order "
                            "history, personal information and messages stored online.") == []


# --------------------------------------------------------------- regressions found in review
@pytest.mark.parametrize("text", [
    "Hackers stole names, email addresses and passwords from Acme Games, which urged users to "
    "stay vigilant.",
    "Hackers stole names, email addresses and passwords from Acme Games, and the bank urged "
    "customers to remain vigilant.",
])
def test_services_advice_after_the_stolen_data_keeps_it(nlp, text):
    assert compromised(nlp, text) == ["names", "email addresses", "passwords"]


def test_services_a_count_opening_a_sentence_is_no_product_version(nlp):
    got = services(nlp, "Ransomware hit the city of Springfield on Monday. Some 300 computers "
                        "were encrypted, and the phone system was knocked offline.")
    assert "300 computers" in got and "phone system" in got
    # a product name opening a sentence still is one
    assert services(nlp, "Windows 10 systems were left without patches for a month.") == {}


@pytest.mark.parametrize("text,expected", [
    # an inability phrase names the outage, with every service it lists, and no "or"
    ("Members of Fairholm Credit Union could not log into online banking or the mobile app "
     "on Tuesday after a denial-of-service attack.",
     {"online banking": "disrupted", "mobile app": "disrupted"}),
    ("The nurseries stay open, but customers cannot use click-and-collect or loyalty cards "
     "after the attack.",
     {"click-and-collect": "disrupted", "loyalty cards": "disrupted"}),
    ("Since the hack, surgeons could not view scans or lab results, the hospital said.",
     {"view scans": "disrupted"}),
    # a possessive after the object is its owner: the service is the portal
    ("Tenants have been unable to log into the association's tenant portal since Monday's "
     "cyber attack.", {"tenant portal": "disrupted"}),
    # a predicate "were affected" is an outage; "no …" and "none of …" deny it
    ("The school said its phone lines were also affected by the ransomware attack.",
     {"phone lines": "disrupted"}),
    ("Police said no emergency systems had been affected by the hack.", {}),
    ("None of the hospital's clinical systems were affected by the breach.", {}),
    ("After the attack, the canteen's lunch payments are cash only and Wi-Fi in all "
     "classrooms is down.", {"lunch payments": "disrupted", "Wi-Fi": "disrupted"}),
    # an owned app is a service
    ("The florist suspended online orders and its app after the cyber attack.",
     {"online orders": "disrupted", "app": "disrupted"}),
    # a modifier shared with the next service is no object of its own
    ("Customers of Redwater Building Society were unable to access online and telephone "
     "banking on Monday after a cyber attack.", {"telephone banking": "disrupted"}),
    # a trade or a fraud's verb starts no service; a firm's trade before its kind is no service
    ("After the cyber attack, criminals used the hijacked accounts to redirect payments "
     "to their own banks.", {}),
    ("Hackers breached Tilburg-based chip equipment supplier Veldmark, which said its "
     "systems were compromised.", {"systems": "compromised"}),
    # after "and"/"or", a new clause is no second object of an inability phrase
    ("Since the cyber attack, tenants could not pay rent and the housing trust said it had "
     "called in the police.", {"pay rent": "disrupted"}),
    ("After the ransomware attack, patients could not book scans and detectives are "
     "investigating.", {"book scans": "disrupted"}),
    ("After the attack, shoppers could not use contactless payments, and cashiers reverted to "
     "cash.", {"contactless payments": "disrupted"}),
    ("After the hack, teachers could not access email and governors said repairs would take "
     "a month.", {"access email": "disrupted"}),
    # an inability after "if" is hypothetical
    ("After the ransomware attack on a rival, the chief executive asked what the shop would "
     "do if it could not process orders for a week.", {}),
])
def test_services_inabilities_lists_and_denials(nlp, text, expected):
    assert services(nlp, text) == expected


@pytest.mark.parametrize("text", [
    # the attackers' note speaks to the victim: "your network", "we" are no services
    "The ransom note told the charity: \"Your network is encrypted. Your files are stolen.\"",
    "A gang that attacked the firm left a note on its servers telling staff: \"We have your "
    "customer files.\"",
    # a preposition is no modifier; police seizing the gang's servers is no victim's service
    "Pupils' exam records were among files leaked by the ransomware gang.",
    "Investigators seized servers and laptops belonging to the ransomware gang.",
    # the fallback staff used while the systems were down
    "Staff worked from paper forms and personal phones while the hacked network was offline.",
])
def test_services_no_junk_from_notes_prepositions_seizures_or_fallbacks(nlp, text):
    got = services(nlp, text)
    assert not any(k.lower().startswith(("your", "we", "among", "seized", "personal"))
                   for k in got), got



def test_services_had_no_service_is_the_outage_not_a_denial(nlp):
    """Only a predicate after "no" ("no X was affected") denies the service: "had no …" is the
    outage itself."""
    got = services(nlp, "After the ransomware attack, members had no online banking for four "
                        "days.")
    assert "online banking" in got
    assert services(nlp, "The society said no online banking systems were compromised.") == {}
