"""spaCy component "attack_type_classifier" on blank English + sentencizer."""
from __future__ import annotations

import pytest
import spacy

from pipeline import classifier as C
from pipeline.errors import ModelError
from pipeline.records import LabelScore

import pipeline.nlp.attack_types  # noqa: F401  (registers the factory)

SHIPPED = C.DEFAULT_MODEL_DIR

RANSOM_ARTICLE = (
    "The city of Northfield said on Tuesday that its computer systems were hit overnight. "
    "Ransomware encrypted servers used for billing and permits, and the attackers demanded "
    "a ransom in bitcoin. Officials said emergency services were not affected. "
    "The mayor thanked staff for working with paper forms while systems are restored.")
VULN_ARTICLE = (
    "The router maker has released a firmware update that fixes a critical vulnerability. "
    "Security researchers who discovered the flaw said it allowed remote code execution "
    "without authentication. The vendor said it was not aware of any exploitation and urged "
    "customers to install the patch.")
# team-written: a ransomware report whose last sentences give generic phishing advice and
# recall another city's old breach (a stolen laptop) — side mentions, not this incident
SIDE_MENTIONS_ARTICLE = (
    "Ransomware has shut down the computer systems of Holloway County, officials said on "
    "Wednesday. The attackers encrypted servers that run the county's property tax, court "
    "and permit systems and demanded a ransom in bitcoin. The county has not paid and is "
    "restoring systems from backups, a spokesperson said. Emergency dispatch was not "
    "affected and residents can still call 911. The county administrator said staff were "
    "working with paper forms and that offices would stay open. Security experts said local "
    "governments are frequent targets. Employees everywhere should be trained to spot "
    "phishing emails, they said, and organisations should keep offline backups. Two years "
    "ago a neighbouring city reported a data breach after a contractor's laptop was stolen.")
NONE_ARTICLE = (
    "The bakery on Main Street opened a second shop this week. The owners said the new "
    "location will sell bread, cakes and coffee, and will employ twelve people. Opening "
    "hours are from seven in the morning until six in the evening.")


def _nlp(model_dir: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attack_type_classifier", config={"model_dir": model_dir})
    return nlp


@pytest.fixture(scope="module")
def shipped_nlp():
    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("models/attack_types is absent (run `incidents retrain`)")
    return _nlp(str(SHIPPED))


def test_attack_types_component_labels_a_ransomware_article(shipped_nlp):
    doc = shipped_nlp(RANSOM_ARTICLE)
    labels = doc._.attack_types
    assert labels and all(isinstance(ls, LabelScore) for ls in labels)
    assert labels[0].label == "ransomware"
    assert [ls.score for ls in labels] == sorted((ls.score for ls in labels), reverse=True)
    assert doc._.incident_kind == "incident"
    sent_spans = {(s.start_char, s.end_char) for s in doc.sents}
    for ls in labels:
        assert ls.evidence and set(ls.evidence) <= sent_spans
    assert any("Ransomware" in doc.text[s:e] for s, e in labels[0].evidence)


def test_attack_types_component_kinds_vulnerability_and_none(shipped_nlp):
    vuln, other = list(shipped_nlp.pipe([VULN_ARTICLE, NONE_ARTICLE]))
    assert vuln._.incident_kind == "vulnerability"
    assert "vulnerability_disclosure" in [ls.label for ls in vuln._.attack_types]
    assert other._.incident_kind == "none"
    assert other._.attack_types == []


def test_attack_types_component_empty_doc(shipped_nlp):
    doc = shipped_nlp("")
    assert doc._.attack_types == [] and doc._.incident_kind == "none"


def test_attack_types_component_missing_model_raises_model_error(tmp_path):
    nlp = _nlp(str(tmp_path / "absent"))
    with pytest.raises(ModelError, match="incidents retrain"):
        nlp("Ransomware hit the city.")


def test_attack_types_component_to_disk_from_disk(tmp_path):
    examples = [C.Example(text=t, labels=l, kind=k, group=t) for t, l, k in (
        [(f"Ransomware encrypted the servers of company {i} and a ransom was demanded.",
          ("ransomware",), "incident") for i in range(8)]
        + [(f"Shop {i} opened on the high street selling shoes.", (), "none") for i in range(8)])]
    model = C.train(examples, {"cv": 2, "augment": 0, "word_min_df": 1})
    C.save_model(model, tmp_path / "m")
    nlp = _nlp(str(tmp_path / "m"))
    doc = nlp("Ransomware encrypted the servers of the museum and a ransom was demanded.")
    assert [ls.label for ls in doc._.attack_types] == ["ransomware"]
    nlp.to_disk(tmp_path / "pipe")
    nlp2 = spacy.load(tmp_path / "pipe")
    doc2 = nlp2("Ransomware encrypted the servers of the museum and a ransom was demanded.")
    assert [ls.label for ls in doc2._.attack_types] == ["ransomware"]
    # the multilingual lexicon travels with the pipeline
    assert (tmp_path / "pipe" / "attack_type_classifier" / "lexicon_i18n.json").is_file()
    de = nlp2.make_doc(GERMAN_ARTICLE)
    de._.language = "de"
    for _, proc in nlp2.pipeline:
        de = proc(de)
    assert de._.incident_kind == "incident"
    assert [ls.label for ls in de._.attack_types] == ["ransomware"]


GERMAN_ARTICLE = (
    "Die Stadtwerke Lindenau sind Opfer eines Cyberangriffs geworden. Unbekannte haben Server "
    "der Verwaltung mit einem Erpressungstrojaner verschlüsselt und verlangen ein Lösegeld. "
    "Das Kundenportal ist seit Montag nicht erreichbar. Die Polizei ermittelt.")
GERMAN_NONE = ("Der Gemeinderat hat am Dienstag den Haushalt beschlossen. Mehr Geld fließt in "
               "Schulen und in die Sanierung der alten Brücke am Marktplatz.")


def test_attack_types_component_reads_non_english_articles(shipped_nlp):
    docs = [shipped_nlp.make_doc(t) for t in (GERMAN_ARTICLE, GERMAN_NONE)]
    for d in docs:
        d._.language = "de"
    inc, other = list(shipped_nlp.pipe(docs))
    assert inc._.incident_kind == "incident"
    assert [ls.label for ls in inc._.attack_types] == ["ransomware"]
    sent_spans = {(s.start_char, s.end_char) for s in inc.sents}
    assert inc._.attack_types[0].evidence and set(inc._.attack_types[0].evidence) <= sent_spans
    assert other._.incident_kind == "none" and other._.attack_types == []


def test_sentence_spans_match_doc_sents():
    from pipeline.nlp.attack_types import sentence_spans
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for text in ["Hello world. This is it!  Más? ", "one", "A. B. C.\n\nD e f", " "]:
        doc = nlp(text)
        assert sentence_spans(doc) == [(s.start_char, s.end_char) for s in doc.sents]
    with pytest.raises(ValueError):
        sentence_spans(spacy.blank("en")("no sentence boundaries here"))


def test_attack_types_component_ignores_side_mentions_in_a_long_article(shipped_nlp):
    doc = shipped_nlp(SIDE_MENTIONS_ARTICLE)
    assert doc._.incident_kind == "incident"
    assert [ls.label for ls in doc._.attack_types] == ["ransomware"]


# Team-written: a credential-stuffing story whose breach words are about other websites.
CREDENTIAL_STUFFING_ARTICLE = (
    "Larkspur Credit Union locked thousands of online banking profiles on Tuesday after "
    "criminals broke into member accounts in a credential stuffing attack. "
    "The union said the attackers tried long lists of email addresses and passwords that had "
    "been stolen from other websites years ago. "
    "About 800 logins worked because members had reused passwords from elsewhere, and in 90 "
    "accounts the intruders added new payees and moved money out. "
    "The credit union said its own systems were not breached and no member data was taken from "
    "its servers. "
    "\"These credentials came from breaches at unrelated companies,\" a spokesperson said. "
    "Members who lost money will be reimbursed, and two-step verification is now mandatory for "
    "every login. "
    "A researcher who follows such campaigns said the same addresses had hit three other small "
    "lenders in the region during the week.")


def test_attack_types_credential_stuffing_is_account_takeover_not_a_breach(shipped_nlp):
    doc = shipped_nlp(CREDENTIAL_STUFFING_ARTICLE)
    labels = [ls.label for ls in doc._.attack_types]
    assert doc._.incident_kind == "incident"
    assert "account_takeover" in labels
    assert "data_breach" not in labels


def test_attack_types_one_liners(shipped_nlp):
    cases = {
        "A phishing campaign impersonating a parcel courier tricks shoppers into typing their "
        "card details on a fake tracking page.": "phishing_social_engineering",
        "Pro-Russian hacktivists take down the websites of two regional airports with a wave of "
        "junk traffic.": "ddos",
        "Attackers exploit an unpatched flaw in a file-transfer server to break into the "
        "insurer's network.": "vulnerability_exploitation",
    }
    for text, want in cases.items():
        doc = shipped_nlp(text)
        assert want in [ls.label for ls in doc._.attack_types], (text, doc._.attack_types)


def test_attack_types_a_second_malware_told_by_its_kind_is_kept(shipped_nlp):
    """Review repro: "password-stealing malware" before the ransomware is a malware of its own
    (the shipped model's stored requires_with lists lack the wording; the taxonomy adds it);
    a ransomware story that calls the ransomware "the malware" still gets ransomware only."""
    doc = shipped_nlp("Attackers first infected the network of Acme Corp with password-stealing "
                      "malware in March, then deployed LockBit ransomware in May, encrypting "
                      "its servers.")
    assert {ls.label for ls in doc._.attack_types} == {"ransomware", "malware"}
    doc = shipped_nlp("Ransomware hit the county's computers on Monday. The malware encrypted "
                      "files on 200 machines and the attackers demanded a ransom.")
    assert [ls.label for ls in doc._.attack_types] == ["ransomware"]


# team-written (session 7): paper records as the fallback of a cyber attack are no physical
# loss; an extortion claim against a named victim reports an incident
WORM_PAPER = ("The worm infected devices from dozens of departments at Springfield General "
              "Hospital on Monday, forcing staff to use paper records. The hospital said it was "
              "investigating the attack.")
EXTORTION_CLAIMS = (
    "A gang claimed it had stolen 40GB from Oldmere Bank, demanding the bank pay within a week.",
    "The group claimed it had stolen files from Oldmere Bank, demanding the bank pay "
    "$5 million.",
)


def test_attack_types_paper_records_during_a_cyber_attack_are_no_physical_loss(shipped_nlp):
    doc = shipped_nlp(WORM_PAPER)
    labels = {ls.label for ls in doc._.attack_types}
    assert doc._.incident_kind == "incident"
    assert "loss_theft_physical" not in labels
    assert "malware" in labels
    # a real loss of paper records keeps the label
    doc = shipped_nlp("Boxes of paper patient records were stolen from the clinic's storage "
                      "unit over the weekend.")
    assert "loss_theft_physical" in {ls.label for ls in doc._.attack_types}


@pytest.mark.parametrize("text", EXTORTION_CLAIMS)
def test_attack_types_an_extortion_claim_against_a_named_victim_is_an_incident(shipped_nlp,
                                                                               text):
    doc = shipped_nlp(text)
    labels = {ls.label for ls in doc._.attack_types}
    assert doc._.incident_kind == "incident"
    # the taxonomy: claimed theft of data is a data breach, extortion without ransomware
    # is fraud_scam; stolen files are no lost laptop
    assert labels & {"data_breach", "fraud_scam"}
    assert "loss_theft_physical" not in labels


# team-written (session 8): review findings on invented articles. Vendor advisories that fix a
# flaw (no victim, no exploitation reported) are no exploitation, even when the flaw's class
# is named or the text says what attackers *can* do with it
PATCHED_FLAWS = (
    "Hackers could exploit a flaw in Quillon's smart thermostats to take over the devices, "
    "researchers warned. Quillon released a patch after being told about the vulnerability.",
    "Velt Software patched a cross-site scripting vulnerability in its ticketing platform. The "
    "bug, reported by a student through the company's bug bounty, let an attacker inject script "
    "into customer pages.",
    "Attackers can take control of Sorell industrial controllers through an authentication "
    "flaw, the national cyber agency warned in an advisory. Sorell has released patched "
    "firmware.",
)


@pytest.mark.parametrize("text", PATCHED_FLAWS)
def test_attack_types_a_patched_flaw_is_an_advisory_without_exploitation(shipped_nlp, text):
    doc = shipped_nlp(text)
    assert doc._.incident_kind == "vulnerability"
    assert [ls.label for ls in doc._.attack_types] == ["vulnerability_disclosure"]


def test_attack_types_an_advisory_that_reports_exploitation_keeps_it(shipped_nlp):
    doc = shipped_nlp("Velt Software patched a cross-site scripting vulnerability in its "
                      "ticketing platform after attackers exploited it to steal session "
                      "cookies from customers.")
    assert "vulnerability_exploitation" in {ls.label for ls in doc._.attack_types}


# a blackmail by post names no computer-security term and no information asset: no incident;
# a misdelivery told in everyday words names the results it sent: still an incident
BLACKMAIL_BY_POST = (
    "A 54-year-old man from Dunmore has been jailed for three years after he threatened to "
    "publish private letters written by a local businessman unless he was paid 20,000 pounds. "
    "The court heard that he sent a series of notes by post demanding the money in cash, "
    "saying he would hand the letters to a newspaper and to the businessman's wife. The victim "
    "went to the police, who arranged a fake handover in a car park and arrested the man as he "
    "collected an envelope. Detectives found copies of the letters at his home. The judge said "
    "the blackmail had caused the victim months of distress. The defendant had admitted the "
    "charge at an earlier hearing, and his lawyer said he had been in debt.")
MISDELIVERED_RESULTS = (
    "Harlow Community Clinic has apologised to 212 patients after letters with their blood "
    "test results were posted to the wrong addresses. A clerk matched the letters to an old "
    "mailing list, the clinic said, so each letter went to a former address of another "
    "patient. Several people who received the letters returned them to the clinic unopened, "
    "and others called to complain. The clinic said the error was found after a patient phoned "
    "to say she had been sent a stranger's results. It has written to everyone affected, "
    "reported the mistake to the regulator and changed how its staff prepare post. The "
    "clinic's manager said she was very sorry for the distress caused.")


def test_attack_types_a_blackmail_by_post_is_no_cyber_incident(shipped_nlp):
    assert 600 <= len(BLACKMAIL_BY_POST) < 1500 and 600 <= len(MISDELIVERED_RESULTS) < 1500
    doc = shipped_nlp(BLACKMAIL_BY_POST)
    assert doc._.incident_kind == "none"
    assert not doc._.attack_types
    doc = shipped_nlp(MISDELIVERED_RESULTS)
    assert doc._.incident_kind == "incident"
    assert doc._.attack_types


def test_attack_types_a_laptop_in_passing_is_no_physical_loss(shipped_nlp):
    """'stole patient names' is a data theft, and the laptop only where the intrusion was
    noticed; a laptop stolen from a car is a physical loss."""
    doc = shipped_nlp("Brantley Dental Group said hackers broke into its network in June and "
                      "stole patient names, dates of birth and insurance numbers. The intrusion "
                      "was discovered when an employee noticed unusual activity on her laptop. "
                      "The group has notified 14,000 patients and is offering credit "
                      "monitoring. It said it had hired a cybersecurity firm and reported the "
                      "breach to regulators.")
    labels = {ls.label for ls in doc._.attack_types}
    assert "data_breach" in labels
    assert "loss_theft_physical" not in labels
    doc = shipped_nlp("A laptop holding the names, addresses and exam grades of 900 pupils at "
                      "Merriton Academy was stolen from a teacher's car on Saturday, the school "
                      "said.")
    assert "loss_theft_physical" in {ls.label for ls in doc._.attack_types}


# fraud_scam beside ransomware or phishing needs a fraud of its own: a ransom paid is the
# ransomware's extortion, W-2 forms sent to a fake chief executive are a phishing data theft
RANSOM_PAID = (
    "The Wexford school district paid 250,000 dollars to the criminals behind a ransomware "
    "attack in March, according to records obtained by a local newspaper. The attack "
    "encrypted servers and forced schools to close for two days. The district's insurer "
    "covered most of the payment, which was sent in bitcoin. The gang had also threatened to "
    "leak student records online if the district did not pay. Board members said they had no "
    "choice. The FBI advises victims not to pay ransoms because payments encourage more "
    "attacks.")
W2_PHISHING = (
    "A phishing email that appeared to come from the chief executive tricked a payroll "
    "employee at Corwin Manufacturing into sending the W-2 forms of 900 workers to fraudsters. "
    "The forms include Social Security numbers and salaries. The company warned employees that "
    "criminals often use such data to file fake tax returns and claim refunds. Corwin is "
    "offering identity theft protection.")


@pytest.mark.parametrize("text,main", [(RANSOM_PAID, "ransomware"),
                                       (W2_PHISHING, "phishing_social_engineering")])
def test_attack_types_no_fraud_beside_a_ransom_or_a_phishing_data_theft(shipped_nlp, text,
                                                                         main):
    labels = {ls.label for ls in shipped_nlp(text)._.attack_types}
    assert main in labels
    assert "fraud_scam" not in labels


def test_attack_types_money_wired_to_a_fake_chief_executive_is_fraud_too(shipped_nlp):
    doc = shipped_nlp("A finance officer at Dunmere Council wired 310,000 euros to fraudsters "
                      "after receiving an email that appeared to come from the council's chief "
                      "executive, police said. The email asked for an urgent payment to a new "
                      "supplier.")
    assert {ls.label for ls in doc._.attack_types} >= {"fraud_scam",
                                                       "phishing_social_engineering"}


def test_attack_types_malware_looked_for_after_a_phishing_lure_is_no_malware(shipped_nlp):
    """A phishing story whose only malware is the check afterwards ("laptops were checked for
    malware") carries no malware label; malware the lure installed does."""
    doc = shipped_nlp("Employees at Dunmore County's finance office received an email posing "
                      "as the county's payroll provider and asking them to confirm their login "
                      "details. Three staff entered their passwords on the fake page before the "
                      "IT team blocked it. Staff laptops were checked for malware and all "
                      "affected passwords were reset.")
    labels = {ls.label for ls in doc._.attack_types}
    assert "phishing_social_engineering" in labels
    assert "malware" not in labels
    doc = shipped_nlp("A phishing email posing as a courier firm carried a malicious attachment "
                      "that installed malware on two office computers at Dunmore County, and "
                      "the attackers then used it to read staff email.")
    assert {ls.label for ls in doc._.attack_types} >= {"phishing_social_engineering",
                                                       "malware"}


def test_attack_types_a_password_stolen_from_a_laptop_is_no_physical_loss(shipped_nlp):
    doc = shipped_nlp("Attackers logged into the charity's donor database with a password "
                      "stolen from an employee's laptop and downloaded the names and addresses "
                      "of 12,000 donors.")
    assert doc._.incident_kind == "incident"
    assert "loss_theft_physical" not in {ls.label for ls in doc._.attack_types}


def test_attack_types_a_flaw_that_lets_attackers_in_is_no_accidental_exposure(shipped_nlp):
    doc = shipped_nlp("Researchers found a flaw in the school's student portal. The flaw lets "
                      "attackers in without a password, and the district said records of 3,000 "
                      "pupils were viewed.")
    assert "accidental_exposure" not in {ls.label for ls in doc._.attack_types}
    doc = shipped_nlp("An unsecured database holding 2 million customer records was left open "
                      "to the internet, researchers said; the company fixed the flaw.")
    assert "accidental_exposure" in {ls.label for ls in doc._.attack_types}
