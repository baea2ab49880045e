"""affected_services: services named by a clause — the subject of an outage predicate or the
object of a disruption verb, whatever their head noun — and head nouns that need a modifier
(invented texts; blank English + sentencizer, no trained model)."""
from __future__ import annotations

import pytest
from nlp_testkit import run_services as services, services_pipeline


@pytest.fixture(scope="module")
def nlp():
    return services_pipeline()


@pytest.mark.parametrize("text, expected", [
    # a list as the subject of an outage predicate, in a sentence with a modal elsewhere
    ("The housing trust said its tenancy payment portal and boiler repairs line were "
     "unavailable and that residents should phone the office instead.",
     {"tenancy payment portal": "disrupted", "boiler repairs line": "disrupted"}),
    # "as well as" joins two items after an opening clause
    ("As the insurer announced on Friday, the claims portal as well as the telephone hotline "
     "are currently not reachable.",
     {"claims portal": "disrupted", "telephone hotline": "disrupted"}),
    # a three-item list, one item with "of the"
    ("Parking permits, the library reservations and the booking of the sports halls are no "
     "longer accessible.",
     {"Parking permits": "disrupted", "library reservations": "disrupted",
      "booking of the sports halls": "disrupted"}),
    # an owner after "of" is skipped; a modifier shared with the next item stays with it
    ("Card and contactless services of the credit union were suspended on Monday. "
     "Withdrawals resumed on Thursday.",
     {"Card and contactless services": "disrupted", "Withdrawals": "restored"}),
    # a possessive owner makes a bare "app" and "website" concrete
    ("Harbourview's app and website were down for most of the weekend.",
     {"app": "disrupted", "website": "disrupted"}),
    # any head noun as the object of a disruption verb, a list with "and the"
    ("The courier suspended most parcel collections after the attack, which also took out its "
     "depot scanning, driver rota planning and the customer returns portal.",
     {"parcel collections": "disrupted", "depot scanning": "disrupted",
      "driver rota planning": "disrupted", "customer returns portal": "disrupted"}),
    ("A ransomware attack halted production at the bakery and disrupted pallet handling at "
     "its depot.",
     {"production": "disrupted", "pallet handling": "disrupted"}),
    # "outage of", "took over", an owner's possessive after the verb, -ing words before a head
    ("The two-day outage of the utility's prepaid metering platform was caused by ransomware.",
     {"prepaid metering platform": "disrupted"}),
    # a participle after the service starts a relative clause ("… platform used by …")
    ("The two-day outage of the prepaid metering platform used by the utility was caused by "
     "ransomware.", {"prepaid metering platform": "disrupted"}),
    ("Scammers took over the charity's donations email account last month.",
     {"donations email account": "compromised"}),
    ("Ransomware encrypted the surgery's appointment scheduling software and its brewing and "
     "bottling systems.",
     {"appointment scheduling software": "compromised",
      "brewing and bottling systems": "compromised"}),
    # a restoration still to come is no restoration
    ("Rent accounts were offline on Monday and will stay so until they are restored.",
     {"Rent accounts": "disrupted"}),
    # a clause after "though" is no list item
    ("The attack disabled its payroll systems, though trams and buses are running normally.",
     {"payroll systems": "disrupted"}),
    # a theft from, a hack or breach of, unauthorised access to or code planted in a system
    ("About $12 million in tokens was drained from one of its hot wallets, the exchange said.",
     {"hot wallets": "compromised"}),
    ("The airline confirmed unauthorised access to a small number of loyalty accounts.",
     {"loyalty accounts": "compromised"}),
    ("A pupil has been arrested over the hack of the grading system at the academy.",
     {"grading system": "compromised"}),
    ("The attackers injected a script into a third-party chat widget last spring.",
     {"third-party chat widget": "compromised"}),
    # a plural owner before the service
    ("The borough says it has restored departments’ phone servers.",
     {"phone servers": "restored"}),
    # an attack on a service tells less than the state given after it
    ("An attack on the council's planning portal took it offline.",
     {"planning portal": "disrupted"}),
])
def test_services_named_by_a_clause(nlp, text, expected):
    assert services(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "There was no evidence that customer environments had been accessed.",
    "The disruption lasted three days, and engineers worked on halting the disruption.",
    "Sales were down 4% in the quarter and the chief executive was suspended.",
    "The stolen laptops were taken out of their bags in the storeroom.",
    "Later the payloads were no longer available and the samples were taken offline.",
    "The systems were offline and operations were suspended.",
    "The council set up a helpline for residents affected by the outage.",
    "The fraudsters moved the money to other bank accounts after the breach.",
    "About an hour later the firm disabled three features of the tool.",
    "The staff were told to restart normal operations once the attack was over.",
    "The records were never disabled after the contractor left.",
    "If the booking portal were suspended, customers would phone instead.",
    "The breach of the company was reported to the regulator.",
    "Pickpockets stole from tourists in the old town.",
    "Engineers blocked the traffic, halting the disruption at least temporarily.",
    # a failure, a purpose, an ability, a denial of others, a flaw's reach, the attackers' own
    "Only one of the victims had backups when the ransom payment failed.",
    "Attackers are using the flaw to break into Windows computers.",
    "A script exploit made it possible to take down active nodes on the network.",
    "No other Harbour systems were affected, the company said.",
    "Tablets and routers were also affected by the processor flaws.",
    "The provider disabled offending accounts and took down fraudulent domains.",
    "Police said the Command & Control panel has been taken down.",
    "Police shut down servers hosting some of the phishing sites.",
    "Apple said it is monitoring to prevent unauthorized access to user accounts.",
    "The script inserts the details in a template email.",
    "National Health Service were impacted by the worm.",
    "The home side's defence had breached the visitors' line four times.",
    "The gang built a fake login page and stole from the victims.",
])
def test_services_named_by_a_clause_no_junk(nlp, text):
    assert services(nlp, text) == {}


@pytest.mark.parametrize("text", [
    # people by their post, and bodies
    "The trust suspended its chief executive and the audit committee after the ransomware "
    "attack.",
    "After the breach the insurer's deputy chairman was suspended by the board.",
    "The school suspended its finance executives after the hack.",
    "The college suspended the disciplinary panel after the hack.",
    # procedures and dealings
    "Detectives halted the search for the intruders on Tuesday.",
    "The regulator suspended the lender's banking licence.",
    "The disciplinary hearing was paused after the hack.",
    "The retailer suspended the public inquiry and the supplier contract.",
    # abstract things
    "The council restored public confidence within weeks.",
    "The airline restored trust among travellers after the breach.",
    # the attackers' own things, taken down by the police
    "The ransomware crew's negotiation portal was taken offline by investigators.",
    "Investigators took down the gang's payment portal on Friday.",
    "The ransomware operators' negotiation portal was taken offline by investigators.",
    "The hackers' file-sharing server was shut down on Friday.",
])
def test_services_named_by_a_clause_no_people_bodies_procedures_or_attackers_things(nlp, text):
    assert services(nlp, text) == {}


@pytest.mark.parametrize("text", [
    # attackers in general, in the present tense, and a frequency adverb: a habit, no event
    "The criminals begin by compromising the firm's email server, then they read the "
    "invoices.",
    "Criminals then use the stolen logins to take over payroll portals.",
    "In such schemes the email server is usually compromised, then the invoices are read.",
    "The firm said its email server is often compromised, then the invoices are read.",
])
def test_services_what_attackers_usually_do_is_no_affected_service(nlp, text):
    assert services(nlp, text) == {}


def test_services_named_by_a_clause_kept_beside_the_new_exclusions(nlp):
    # a service whose modifier is a post or an owner word stays a service
    assert services(nlp, "The council suspended its committee booking portal and the "
                         "director's expense system after the attack.") == \
        {"committee booking portal": "disrupted", "expense system": "disrupted"}
    # a court, and a victim's own system in a sentence that names the attackers
    assert services(nlp, "The municipal court reopened on Monday.") == \
        {"municipal court": "restored"}
    assert services(nlp, "The hackers compromised the firm's email server in March.") == \
        {"email server": "compromised"}
    # a headline's present tense is no habit
    assert services(nlp, "Hackers take down the council's payroll portal.") == \
        {"payroll portal": "disrupted"}


def test_services_clauses_plain_functions(nlp):
    """The clause rules are plain functions: the component's word cache is passed in."""
    from pipeline.nlp.services_clauses import clause_services

    text = "The council said its parking permit portal was offline on Monday."
    doc = nlp(text)
    cache: dict = {}
    found = {(text[a:b], status) for a, b, status, *_ in clause_services(doc, text, cache)}
    assert ("parking permit portal", "disrupted") in found
    assert cache   # the predicate words were read once and kept


@pytest.mark.parametrize("module, forbidden", [
    ("services_lexicon", {"pipeline.nlp.services", "pipeline.nlp.services_clauses"}),
    ("services_clauses", {"pipeline.nlp.services"}),
])
def test_services_modules_no_circular_import(module, forbidden):
    """The lexicon imports neither the component nor the clause rules; the clause rules import
    the lexicon, not the component."""
    import ast
    import importlib

    mod = importlib.import_module(f"pipeline.nlp.{module}")
    tree = ast.parse(open(mod.__file__, encoding="utf-8").read())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not imported & forbidden
    assert all(hasattr(mod, name) for name in mod.__all__)
