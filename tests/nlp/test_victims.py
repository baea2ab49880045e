"""victims.pick_victims (through incident_orgs): victim cues and non-victims, on short
team-written texts (session 10 review fixes). Docs come from a blank English pipeline +
sentencizer with entities set by hand, as in test_organisations.py.
"""
from __future__ import annotations

import pytest
from nlp_testkit import orgs_pipeline, run_orgs, victims


@pytest.fixture(scope="module")
def nlp():
    return orgs_pipeline()


run = run_orgs


def roles(doc) -> dict[str, str]:
    return {o.name: o.role for o in doc._.organisations}


# ----------------------------------------------------------------------------- own systems hit
def test_victims_insider_sabotage_of_the_company_systems(nlp):
    text = ("A former systems administrator at Brackenfold Tiles has been charged with deleting "
            "the company's backup servers after he was dismissed, prosecutors said. Brackenfold "
            "Tiles declined to comment.")
    doc = run(nlp, text, [("Brackenfold Tiles", "ORG")],
              title="Ex-administrator charged over wiped backups at tile maker")
    assert victims(doc) == ["Brackenfold Tiles"]


def test_victims_attack_on_its_switch_not_the_regulator(nlp):
    text = ("The Harwick Reserve Bank has imposed restrictions on Lintmoor Savings Bank, "
            "including a cap on withdrawals, three weeks after the co-operative lender lost 3 "
            "million pounds in a cyber attack on its ATM switch. In a notice, the Harwick Reserve "
            "Bank said the restrictions would remain for six months.")
    doc = run(nlp, text, [("Harwick Reserve Bank", "ORG"), ("Lintmoor Savings Bank", "ORG")],
              title="Savings bank heist: regulator freezes payments, two arrested")
    assert victims(doc) == ["Lintmoor Savings Bank"]


def test_victims_the_firms_account_was_accessed(nlp):
    text = ("Clients of an accountancy practice lost their savings after criminals hijacked a "
            "partner's mailbox, a lawsuit says. The complaint alleges that Pellory Grant LLP "
            "ignored warnings from its IT adviser. The firm's Outlook 365 account was accessed "
            "for a month before anyone noticed.")
    doc = run(nlp, text, [("Pellory Grant LLP", "ORG")],
              title="Accountants' mailbox hijacked, clients lose savings")
    assert victims(doc) == ["Pellory Grant LLP"]


def test_victims_ransomware_encrypted_its_systems_not_the_place(nlp):
    text = ("Here is this week's round-up. Cider maker Aldwick Press, based in Taunton, Somerset, "
            "said ransomware encrypted its bottling and dispatch systems, delaying deliveries.")
    doc = run(nlp, text, [("Aldwick Press", "ORG"), ("Taunton", "GPE"), ("Somerset", "GPE")],
              title="This week: a cider maker and a bowling club")
    assert victims(doc) == ["Aldwick Press"]


def test_victims_phishing_attack_on_its_office(nlp):
    text = ("Here is the week's round-up. Kestrel Links Golf Club told members that a "
            "spreadsheet was emailed to the wrong list. And Marlow Parish, Louisiana, said a "
            "phishing attack on its treasurer's office led to a fraudulent payment of $90,000.")
    doc = run(nlp, text, [("Kestrel Links Golf Club", "ORG"), ("Marlow Parish", "ORG"),
                          ("Louisiana", "GPE")],
              title="Week in breaches: a golf club and a parish")
    assert "Marlow Parish" in victims(doc)
    assert "Louisiana" not in victims(doc)


def test_victims_body_says_someone_accessed_a_computer(nlp):
    text = ("The Quillan Creek Irrigation District says someone remotely accessed a pump "
            "controller at one of its stations before staff took manual control.")
    doc = run(nlp, text, [("Quillan Creek Irrigation District", "ORG")],
              title="Farm water supplier says intruder reached pump controls")
    assert victims(doc) == ["Quillan Creek Irrigation District"]


def test_victims_firm_telling_of_anothers_intrusion_is_not_hit(nlp):
    text = ("Analysts at Norvane Labs said hackers had accessed the network of Pelham Mills in "
            "March. Pelham Mills said it was investigating.")
    doc = run(nlp, text, [("Norvane Labs", "ORG"), ("Pelham Mills", "ORG")],
              title="Hackers accessed Pelham Mills network, researchers say")
    assert "Norvane Labs" not in victims(doc)


def test_victims_vendor_denial_customer_confirms(nlp):
    text = ("Hosting provider Corvail has denied that its infrastructure was breached, after a "
            "seller offered records said to be taken from the company. At least one reseller, "
            "Tessaly Web, confirmed that its own customer database had been accessed through a "
            "stolen key.")
    doc = run(nlp, text, [("Corvail", "ORG"), ("Tessaly Web", "ORG")],
              title="Hosting provider Corvail denies breach as customer data goes on sale")
    assert victims(doc) == ["Tessaly Web"]


# ----------------------------------------------------------------------------- the lead
def test_victims_customers_of_in_the_lead_of_an_attack_headline(nlp):
    text = ("Customers of budget carrier FlyKestrel have complained that reward points were "
            "drained from their accounts overnight. Many said they had lost years of points.")
    doc = run(nlp, text, [("FlyKestrel", "ORG")],
              title="Hackers drain frequent-flyer points at budget airline")
    assert victims(doc) == ["FlyKestrel"]


def test_victims_customers_of_needs_an_attack_headline(nlp):
    text = ("Customers of budget carrier FlyKestrel have complained that their flights were "
            "delayed overnight. Many said they had waited for hours.")
    doc = run(nlp, text, [("FlyKestrel", "ORG")], title="Passengers fume at airline delays")
    assert victims(doc) == []


def test_victims_records_left_publicly_accessible(nlp):
    text = ("Scans of 40,000 patients of Orrin Vale Clinic were left publicly accessible on a "
            "storage bucket, a researcher said. The bucket was locked on Friday.")
    doc = run(nlp, text, [("Orrin Vale Clinic", "ORG")],
              title="Clinic's patient scans found on open server")
    assert victims(doc) == ["Orrin Vale Clinic"]


# ----------------------------------------------------------------------------- not victims
def test_victims_minister_portfolio_is_no_organisation(nlp):
    text = ("Ruritania's Minister for Energy said the outage at Ruritania Power Company was "
            "caused by a ransomware attack on its billing platform.")
    doc = run(nlp, text, [("Energy", "ORG"), ("Ruritania Power Company", "ORG")],
              title="Power outage was ransomware, minister says")
    assert "Energy" not in roles(doc)
    assert victims(doc) == ["Ruritania Power Company"]


def test_victims_nationality_in_headline_is_no_short_name(nlp):
    text = ("Residents have been told bin collections may be missed after a cyber attack on the "
            "council's systems. The Welsh Government said it was providing support.")
    doc = run(nlp, text, title="Cyber attack on Welsh council leaves bins uncollected")
    assert "Welsh Government" not in victims(doc)


def test_victims_reporting_agency_at_the_end_of_the_sentence(nlp):
    text = ("The websites of three towns were defaced on Sunday with a political message, the "
            "regional IT agency Datalink confirmed. \"The damage is limited,\" said Datalink "
            "director Joe Prinz.")
    doc = run(nlp, text, [("Datalink", "ORG"), ("Joe Prinz", "PERSON")],
              title="Hackers deface websites of three towns")
    assert "Datalink" not in victims(doc)


def test_victims_platform_where_the_attack_was_claimed(nlp):
    text = ("The ticket shop of Alpenbahn Tirol was unreachable for hours after a denial of "
            "service attack. The hacktivist group NoNameX claimed the attack on Telegram.")
    doc = run(nlp, text, [("Alpenbahn Tirol", "ORG"), ("NoNameX", "ORG"), ("Telegram", "ORG")],
              title="Rail operator hit by DDoS")
    assert "Telegram" not in victims(doc)


def test_victims_retailer_executive_speaks_for_the_victim(nlp):
    text = ("Outdoor retailer Fellmark Outfitters has forced a password reset after hackers used "
            "stolen passwords to log in to customer accounts. \"Our systems were not breached,\" "
            "Fellmark chief digital officer Ana Ruiz said.")
    doc = run(nlp, text, [("Fellmark Outfitters", "ORG"), ("Fellmark", "ORG"),
                          ("Ana Ruiz", "PERSON")],
              title="Fellmark Outfitters customers locked out after hackers raid accounts")
    assert roles(doc).get("Fellmark Outfitters") != "security_firm"
    assert victims(doc) == ["Fellmark Outfitters"]


# ----------------------------------------------------------------------------- more cues
def test_victims_attack_that_disrupted_work_at_the_operator(nlp):
    text = ("A ransomware gang has claimed responsibility for the cyber attack that disrupted "
            "container handling at Faro harbour operator Porto Brandal last week. Porto Brandal "
            "said the terminal was operating normally.")
    doc = run(nlp, text, [("Faro", "GPE"), ("Porto Brandal", "ORG")],
              title="Gang tells reporters it attacked Faro harbour operator")
    assert victims(doc) == ["Porto Brandal"]


def test_victims_indefinite_lead_names_the_victim_after(nlp):
    text = ("A Leeds animal charity was conned out of 40,000 pounds after a clerk paid an "
            "invoice that appeared to come from a regular supplier. Wharfe Valley Animal Trust "
            "said the email had come from a lookalike domain.")
    doc = run(nlp, text, [("Leeds", "GPE"), ("Wharfe Valley Animal Trust", "ORG")],
              title="Leeds charity loses 40,000 pounds to invoice fraud email")
    assert victims(doc) == ["Wharfe Valley Animal Trust"]


def test_victims_partner_of_the_described_practice_speaks_for_it(nlp):
    text = ("A Leeds design practice says it lost years of drawings after ransomware struck its "
            "office server. \"It is all gone,\" said Ruth Amble, a founding partner at Amble "
            "Hurst Architects. The firm has informed the police.")
    doc = run(nlp, text, [("Leeds", "GPE"), ("Ruth Amble", "PERSON")],
              title="Leeds design practice hit by ransomware: 'We lost years of work'")
    assert victims(doc) == ["Amble Hurst Architects"]


@pytest.mark.parametrize("text, title, name", [
    ("Singapore-based crypto exchange Coinvara said that about $4 million was drained from one "
     "of its hot wallets, and it has paused withdrawals.",
     "Crypto exchange loses $4 million in hot wallet hack", "Coinvara"),
    ("The Ostrava steelmaker Hutnik Brandov was forced to halt production for 36 hours after a "
     "cyberattack on its planning system, the company said.",
     "Cyberattack forces Czech steelmaker to halt rolling mill", "Hutnik Brandov"),
])
def test_victims_descriptor_introduces_an_unlabelled_name(nlp, text, title, name):
    doc = run(nlp, text, title=title)
    assert victims(doc) == [name]


# ----------------------------------------------------------------------------- names kept
def test_victims_object_of_has_added_is_no_speaker(nlp):
    text = ("The Vexlock ransomware group has added Stadtwerke Halden, a municipal utility in "
            "the state of Bremen, to its leak site, claiming to have stolen 40 GB of data.")
    doc = run(nlp, text, [("Stadtwerke Halden", "ORG")],
              title="German municipal utility hit by Vexlock ransomware")
    assert victims(doc) == ["Stadtwerke Halden"]


def test_victims_railway_in_apposition_is_an_organisation(nlp):
    text = ("The ticket shop and timetable app of Bergbahn Kleinalp, a regional railway in the "
            "canton of Uri, were unreachable for hours on Sunday after a denial of service "
            "attack, the company said.")
    doc = run(nlp, text, title="Alpine rail operator hit by DDoS during ski season")
    assert victims(doc) == ["Bergbahn Kleinalp"]


def test_victims_name_opening_an_attack_headline(nlp):
    text = ("When Fernlow told customers this week that 9,000 of their accounts had been broken "
            "into, it said its own systems had not been hacked. Fernlow said it would add "
            "two-factor logins by September.")
    doc = run(nlp, text, [("Fernlow", "PERSON")],
              title="Fernlow hack: why reused passwords keep costing shoppers")
    assert victims(doc) == ["Fernlow"]


def test_victims_cyberattack_that_hit_its_systems_not_the_reporting_authority(nlp):
    text = ("The Clinique Saint-Maur in Lyon has cancelled non-urgent operations after a "
            "cyberattack that hit its information systems on Sunday night, the regional "
            "hospitals authority HCL-R said. The Clinique Saint-Maur is working in degraded mode.")
    doc = run(nlp, text, [("Clinique Saint-Maur", "ORG"), ("Lyon", "GPE"), ("HCL-R", "ORG")],
              title="Lyon clinic cancels operations after cyberattack, HCL-R says")
    assert victims(doc) == ["Clinique Saint-Maur"]


def test_victims_headline_names_the_university_by_its_own_name(nlp):
    text = ("The Irish Federation of Lecturers has called for an independent review of IT "
            "security at the University of Drumbeg after criminals diverted the salaries of 41 "
            "staff last month. The university said it was rolling out two-factor logins.")
    doc = run(nlp, text, [("Irish Federation of Lecturers", "ORG"),
                          ("University of Drumbeg", "ORG")],
              title="Drumbeg payroll fraud: union demands answers over security failings")
    assert victims(doc) == ["University of Drumbeg"]


def test_victims_the_home_of_a_duped_person_is_no_victim(nlp):
    text = ("A 70-year-old retired teacher from Kandivli was duped of Rs 90 lakh by fraudsters "
            "who posed as customs officers, police said on Tuesday.")
    doc = run(nlp, text, [("Kandivli", "GPE")],
              title="Pune: fraudsters dupe retired teacher of Rs 90 lakh in 'digital arrest' scam")
    assert victims(doc) == []


# ----------------------------------------------------------------------------- review fixes
def test_victims_holiday_opening_an_attack_headline_is_no_name(nlp):
    text = ("Services at Drumcliffe Borough Council remain offline after its systems were hit "
            "by ransomware over Easter. Staff are using paper, and Easter bin collections were "
            "cancelled.")
    doc = run(nlp, text, [("Drumcliffe Borough Council", "ORG")],
              title="Easter cyber attack: council services still down")
    assert victims(doc) == ["Drumcliffe Borough Council"]
    text = ("Hackers stole card details from shoppers over Christmas, Pellworth Stores said. "
            "Christmas orders were delayed.")
    doc = run(nlp, text, [("Pellworth Stores", "ORG")],
              title="Christmas data breach: what shoppers need to know")
    assert "Christmas" not in roles(doc)


def test_victims_organisation_of_a_charged_employee_stays_a_victim(nlp):
    text = ("A 39-year-old engineer from Quillmarsh was charged with stealing confidential data "
            "and extorting the company. Prosecutors said he downloaded gigabytes of files.")
    doc = run(nlp, text, [("Quillmarsh", "ORG")],
              title="Insider charged over data theft at software maker")
    assert victims(doc) == ["Quillmarsh"]


def test_victims_company_named_after_a_claimed_attack_on_is_the_target(nlp):
    text = ("The Vexlock group claimed the attack on Marriott on Friday, posting screenshots of "
            "booking systems. The company said it was investigating.")
    doc = run(nlp, text, [("Vexlock", "ORG"), ("Marriott", "ORG")],
              title="Ransomware gang claims attack on hotel chain")
    assert "Marriott" in victims(doc)


def test_victims_agency_helping_is_no_victim_of_an_attack_headline_lead(nlp):
    text = ("Staff from the Regional Crime Bureau are working with Ashcombe Council this week. "
            "The council's servers were encrypted by ransomware on Monday and residents' data "
            "was stolen.")
    doc = run(nlp, text, [("Regional Crime Bureau", "ORG"), ("Ashcombe Council", "ORG")],
              title="Hackers target Ashcombe council systems")
    assert victims(doc) == ["Ashcombe Council"]
    text = ("Data from Kestrelmark Analytics shows that more than 400 schools reported incidents "
            "to officials in 2025. Officials said many were hit by ransomware.")
    doc = run(nlp, text, [("Kestrelmark Analytics", "ORG")],
              title="Ransomware attacks on schools doubled last year")
    assert victims(doc) == []


def test_victims_attack_on_its_customers_sites_is_not_its_own():
    from pipeline.nlp.victims import _OWN_BREACH_MORE
    assert not _OWN_BREACH_MORE.search("Brindlecast said it had mitigated a record DDoS attack "
                                       "on its customers' websites on Tuesday.")
    assert not _OWN_BREACH_MORE.search("a phishing attack on its clients’ email accounts")
    assert _OWN_BREACH_MORE.search("Brindlecast said a DDoS attack on its websites had ended.")
    from pipeline.nlp.victims import _REPORTS_INTRUSION
    assert not _REPORTS_INTRUSION.search("Brindlecast said attackers had compromised its users' "
                                         "phones through a fake app.")
    assert _REPORTS_INTRUSION.search("Brindlecast said attackers had compromised its systems.")


def test_victims_the_councils_systems_are_a_councils(nlp):
    text = ("Investigators from the Regional Crime Bureau and Ashcombe Council met on Monday. "
            "The council's servers had been encrypted, officials said.")
    doc = run(nlp, text, [("Regional Crime Bureau", "ORG"), ("Ashcombe Council", "ORG")],
              title="Ransomware: investigators called in")
    assert victims(doc) == ["Ashcombe Council"]


def test_victims_the_councils_systems_the_only_council_named_later(nlp):
    text = ("Incident responders from Brackwater Cyber were called in on Monday. The council's "
            "servers had been encrypted by ransomware, officials said. Services at Ashcombe "
            "District Council remain offline.")
    doc = run(nlp, text, [("Brackwater Cyber", "ORG"), ("Ashcombe District Council", "ORG")],
              title="Ransomware: responders called in")
    assert "Ashcombe District Council" in victims(doc)
