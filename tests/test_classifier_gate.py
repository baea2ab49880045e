"""The cyber-vocabulary check that keeps general news from becoming an incident."""
from __future__ import annotations

import pytest

from pipeline.classifier_gate import names_cyber_terms


@pytest.mark.parametrize("text", [
    "The council said hackers had got into its network overnight.",
    "Files on the school's servers were encrypted and a note demanded payment.",
    "Customers' card numbers were skimmed at the pumps.",
    "A phishing email impersonating the bank asked for passwords.",
    "The ransomware gang listed the hospital on its leak site.",
    "Researchers found a flaw in the router firmware (CVE-2024-1234).",
    "The DDoS attack took the ticketing site offline for six hours.",
    "Patient records were viewed without authorisation after a data breach at the clinic.",
])
def test_security_news_names_cyber_terms(text):
    assert names_cyber_terms(text)


@pytest.mark.parametrize("text", [
    "The kidnappers demanded a ransom before police freed the girl on Tuesday.",
    "A hunter was diagnosed with bubonic plague after eating a rabbit he had caught.",
    "The club said the player's breach of contract would be settled in court.",
    "Two guards were charged with falsifying records on the night of the death.",
    "A heart attack forced the senator to cancel the rally.",
    "The opposition attacked the budget as a betrayal of working families.",
    # words with a cyber sense used in their everyday one
    "Norovirus is the most common stomach bug in the country.",
    "Prosecutors called the lorry's cargo a Trojan horse meant to fool customs.",
    "The trader was fined for spoofing the copper futures market with fake orders.",
])
def test_general_news_names_no_cyber_terms(text):
    assert not names_cyber_terms(text)


@pytest.mark.parametrize("text", [
    "The invoices came from a spoofed email address that looked like the supplier's.",
    "Callers saw a spoofed number and believed it was the bank.",
    "A Trojan horse program hidden in the attachment recorded keystrokes.",
    "A bug in the router firmware let anyone log in.",
])
def test_cyber_senses_still_name_cyber_terms(text):
    assert names_cyber_terms(text)


@pytest.mark.parametrize("text,tells", [
    ("Swift numbers have halved, the society's report says.", False),
    ("The contractor failed to deliver key drainage works, it said in a statement.", False),
    ("Patient A received Patient B's lab results in error.", True),
    ("The progress report was sent to his supervisor, an inappropriate disclosure.", True),
    ("The laptop holding payroll files was stolen from a car.", True),
])
def test_asset_and_event(text, tells):
    from pipeline.classifier_gate import tells_asset_event
    assert tells_asset_event(text) is tells


_GUARDS = (
    "Two prison guards were charged on Tuesday with falsifying records on the night a "
    "high-profile inmate died in his cell. Prosecutors said the officers were supposed to check "
    "on the man every thirty minutes but instead sat at their desks, browsed the internet and "
    "walked around the common area. They then signed forms saying the checks had been made. The "
    "guards, who had worked sixteen-hour shifts, pleaded not guilty and were released on bail. "
    "Their lawyers said the officers were being made scapegoats for failures at a chronically "
    "understaffed jail. The prison agency's director was removed last month and an internal "
    "review found serious irregularities. The charges carry up to five years in prison. "
    "The case has renewed questions about staffing across the federal prison system, where "
    "officers routinely work double shifts and some units run with half the staff they are "
    "supposed to have. A union representative said guards had warned managers for years that "
    "the checks could not be done properly with so few people on duty. Lawmakers from both "
    "parties have asked for hearings, and the justice department said it would publish the "
    "findings of a separate inquiry into the death early next year. The inmate's family, who "
    "have filed a civil suit, said they wanted to know why warnings about his state were "
    "ignored in the weeks before he died. Their lawyer said the family would attend every day "
    "of the trial, and that the guards were only the last link in a long chain of failures "
    "that began with the decision to take the man off a watch list.")
_KIDNAP = (
    "Police freed a nine-year-old girl on Saturday, two days after she was snatched from a "
    "street near her home. Officers stormed a motel room after a tip from a clerk who recognised "
    "the suspect from an alert, and the girl was found unharmed. The man, 51, had demanded a "
    "ransom from the family by telephone and threatened to hurt the child if they contacted the "
    "authorities. He was arrested at the scene and charged with kidnapping and extortion. "
    "Relatives thanked the public for sharing the alert, which they said had saved her life. "
    "Investigators are now trying to establish whether the suspect had accomplices and how he "
    "chose the family. Neighbours described the girl's street as quiet and said children often "
    "played outside until dark. Several said they had seen a grey van parked near the school "
    "in the days before the abduction but had not thought to report it. The police chief "
    "praised the officers who carried out the rescue and said the case showed how quickly the "
    "community responds when an alert goes out. The suspect is due in court on Monday, where "
    "prosecutors will ask for him to be held without bail. The girl was taken to hospital for "
    "a check-up and was later reunited with her parents and her two brothers. Her school said "
    "counsellors would be available to pupils this week, and the mayor thanked the motel "
    "clerk, who said she had only done what anyone would do. Officers are asking anyone who "
    "saw the grey van to come forward, and the family asked for privacy while the girl "
    "recovers at home.")


def test_general_news_the_model_reads_as_an_incident_reports_none():
    """The shipped model labels these team-written general-news stories (full-length, over
    CHECK_MIN_CHARS) when the check is off; with it, they report no incident."""
    from pipeline.classifier_gate import CHECK_MIN_CHARS
    assert min(len(_GUARDS), len(_KIDNAP)) >= CHECK_MIN_CHARS
    from pipeline.classifier import classify, load_model
    from pipeline.records import IncidentKind

    model = load_model("models/attack_types")
    texts = [_GUARDS, _KIDNAP]
    off = classify(model, texts, languages=["de", "de"])   # no lexicon: the model, no check
    assert [c.kind for c in off] == [IncidentKind.INCIDENT] * 2 and all(c.labels for c in off)
    on = classify(model, texts, languages=["en", None])
    assert [c.kind for c in on] == [IncidentKind.NONE] * 2 and not any(c.labels for c in on)
    # one computer-security sentence and the model decides again
    hacked = _KIDNAP + " Police said the suspect had hacked the family's email account."
    assert classify(model, [hacked])[0].kind is IncidentKind.INCIDENT


# Full-length texts the model reads as incidents although they only name technology (a gadget
# guide: laptops, USB, software) or name one teaser headline of another story.
_GADGETS = (
    'Still looking for a present for the person who already owns every gadget? Our annual '
    'gift guide has ideas at every price. Start small: a braided USB-C cable that survives '
    'being shut in a car door, a pocket-sized USB charger that tops up a laptop and a phone'
    ' at the same time, or a tiny USB stick that holds a whole photo library. For the '
    'traveller, a slim power bank will keep a laptop running through a long flight, and a '
    'tracker tag clipped to a suitcase tells you whether your bag made it onto the plane. '
    'Keyboard lovers will enjoy a mechanical keyboard with swappable keys that connects to '
    'three laptops and switches between them at the press of a button. Photographers might '
    'prefer a portable drive that copies the pictures from a camera card without a '
    "computer, or a year's subscription to editing software. If you want to splurge, the "
    'new noise-cancelling headphones are the best we have tested, and a 27-inch monitor '
    'with a single USB-C cable turns any laptop into a desktop. For the gamer, a controller'
    ' that clips onto a phone makes streaming games far more comfortable than tapping the '
    'screen. Smart home fans will like a video doorbell that keeps its recordings on a '
    "local card instead of the maker's servers, and a set of smart plugs that switch off "
    'the lamps at bedtime. Finally, stocking fillers: a laptop sleeve made from recycled '
    'felt, a screen-cleaning kit, a webcam cover and a multi-port USB hub small enough to '
    'live in a coat pocket. Prices were checked on Monday and may change; many shops cut '
    'them further on the weekend after Thanksgiving, so it may pay to wait a few days '
    'before you buy.')
_PARTNERSHIP = (
    "Northvale Health Systems and Caldera Medical today announced a strategic partnership to "
    "bring Caldera's bedside monitoring software to forty-two hospitals across the region. "
    "Under the agreement, Caldera will supply its monitoring platform, which collects patient "
    "data from infusion pumps, ventilators and heart monitors and shows it on nurses' mobile "
    "devices, while Northvale will provide clinical training and support. The software "
    "filters routine alarms so that nurses are interrupted only when a patient's condition "
    "changes, a problem that studies link to alarm fatigue on busy wards. \"Our nurses told us "
    "they were spending too much of every shift walking to machines that did not need them,\" "
    "said the chief nursing officer of Northvale. \"With this software, patient information "
    "reaches the right nurse at the right moment.\" The platform integrates with the "
    "electronic health record already used by Northvale, so that vital signs and alarm "
    "histories appear in the patient's chart without manual entry. Caldera said its servers "
    "and its hospital deployments meet the applicable regulatory standards and that the "
    "rollout will begin with intensive care units in the spring, followed by surgical and "
    "maternity wards later in the year. The companies expect to evaluate the results "
    "together, measuring response times, alarm volumes and staff satisfaction before and "
    "after the introduction. Financial terms were not disclosed. Caldera Medical develops "
    "clinical communication software for more than 900 hospitals in eleven countries. "
    "Northvale Health Systems operates hospitals, clinics and rehabilitation centres and "
    "employs about 18,000 people.")
_TEASER = (
    "A former city councillor was sentenced on Thursday to three years in prison for taking "
    "bribes from a developer who wanted to build a hotel on protected wetland. The judge said "
    "the councillor had betrayed the voters who elected him four times and had tried to hide "
    "the payments through a relative's landscaping company. Related: County hit by ransomware "
    "attack | Mayor opens new library | School board delays vote on uniforms. Prosecutors "
    "told the court that the developer paid more than 80,000 dollars over two years, in cash "
    "and in renovation work on the councillor's lake house, in exchange for votes on the "
    "zoning board and advance notice of planning objections. The developer, who pleaded "
    "guilty last spring and testified for the prosecution, is due to be sentenced next month. "
    "Defence lawyers asked for a suspended sentence, citing the councillor's age, his heart "
    "condition and decades of charity work in the town, and presented letters of support "
    "from a former mayor and two local pastors. The judge said the letters showed a man who "
    "had done good in his community but that public office was a trust, and that voters "
    "needed to know that selling it carried a real price. The hotel was never built: the "
    "state environmental agency refused a permit after residents collected signatures and "
    "hired a lawyer to challenge the zoning change. Outside the courthouse, one of the "
    "residents who led the campaign said she felt vindicated but not happy. \"Nobody wins "
    "when this happens,\" she said. \"We just want a council we can trust.\" The councillor's "
    "seat will be filled at a special election in March, and two candidates have already "
    "said they will run on a promise to publish every meeting between councillors and "
    "developers.")
# Incidents told in plain words: no security vocabulary beyond the objects it happened to.
_LAPTOP_STOLEN = (
    "A laptop holding the names, addresses and treatment notes of about 2,400 patients was "
    "stolen from a community nurse's car in a supermarket car park last week, the Eastmoor "
    "health trust said on Monday. The nurse had left the bag in the boot while she went "
    "shopping after her last home visit of the day, and returned to find the rear window "
    "smashed. Police are investigating and have asked anyone who saw the car being broken "
    "into to come forward. The trust said the machine was protected by a password but that "
    "it could not confirm whether the files on it were protected as well, because a recent "
    "update may not have been applied. Letters are being sent to every patient whose details "
    "were on the device, and a telephone helpline has been set up. \"We are very sorry,\" "
    "the trust's medical director said. \"Our staff work in the community every day, and "
    "we ask them to carry equipment with them; we are reviewing how we can make sure that "
    "nothing of this kind is ever left in a vehicle.\" The trust has reported the incident "
    "to the information regulator, which can fine organisations that fail to look after "
    "the records they hold. Patients' groups said the trust should offer people affected "
    "support in case their details are misused, and questioned why so much information "
    "was kept on a single machine rather than in the trust's central system. The trust "
    "said most community staff now use tablets that hold no records of their own, and that "
    "the remaining laptops would be replaced by the end of the year. The nurse, who has not "
    "been named, has been offered support and is not facing disciplinary action.")
_MISMAILED = (
    "About 900 pension statements were mailed to the wrong members of the Harlow Valley "
    "Teachers' Pension Fund last month after a printing error matched each statement with "
    "the envelope meant for the next name on the list, the fund has admitted. The "
    "statements showed members' names, dates of birth, salary histories and the value of "
    "their pension pots. The fund learned of the problem when a retired headteacher rang to "
    "say she had received the statement of a former colleague. Staff checked the print run "
    "and found that a file sent to the printing contractor had been sorted in a different "
    "order from the address list. The fund said it had written to every affected member, "
    "asked those who received someone else's statement to return it in a prepaid envelope, "
    "and reported the mistake to the regulator. \"This should not have happened and we "
    "apologise to every member affected,\" the fund's chair said. \"We have changed the way "
    "files are checked before they leave our offices, so that a second member of staff now "
    "compares a sample of letters with the list before anything is posted.\" Members "
    "contacted by the local newspaper said they were upset that strangers had seen details "
    "of their savings. One, a former maths teacher, said he had been told by the fund that "
    "the information could not be used to take money from his pension, but that he would "
    "still like to know who had read it. The printing contractor said it had processed the "
    "file exactly as it was supplied. The fund sends statements to its 31,000 members every "
    "spring and said this was the first error of its kind in more than twenty years.")


def test_technology_words_and_one_teaser_report_no_cyber_event():
    from pipeline.classifier_gate import CHECK_MIN_CHARS, names_cyber_terms, reports_cyber_event
    for text in (_GADGETS, _PARTNERSHIP, _TEASER):
        assert len(text) >= CHECK_MIN_CHARS and names_cyber_terms(text)
        assert not reports_cyber_event(text)
    for text in (_LAPTOP_STOLEN, _MISMAILED):
        assert len(text) >= CHECK_MIN_CHARS and reports_cyber_event(text)


@pytest.mark.parametrize("text,title", [
    ("The council's planning portal went down on Monday.", "Council hit by ransomware"),
    ("Staff found the filing cabinet open.", "Patient records stolen from clinic"),
    ("Hackers got in. Investigators said the hackers had been inside for a month.", None),
    ("The clinic said files holding patient details were stolen in a burglary.", None),
    ("A spreadsheet of pupils' grades was e-mailed to every parent by mistake.", None),
])
def test_cyber_event_in_title_repeated_terms_or_an_event_on_an_object(text, title):
    from pipeline.classifier_gate import reports_cyber_event
    assert reports_cyber_event(text, title)


@pytest.mark.parametrize("text", [
    # technology named, nothing happens to it
    "The laptop ships with two USB ports and photo software. Its servers host the games.",
    # one security phrase, printed twice by a related-links block, counts once
    "Mayor opens library | County hit by ransomware attack. The mayor thanked volunteers. "
    "Read more: County hit by ransomware attack | School board delays vote.",
    # "missing features" and a found solution are no lost data
    "The app is missing features. A solution to money worries can be found in budgeting.",
])
def test_no_cyber_event(text):
    from pipeline.classifier_gate import reports_cyber_event
    assert not reports_cyber_event(text)


def test_technology_news_the_model_reads_as_an_incident_reports_none():
    """The shipped model labels the gadget guide (loss_theft_physical), the hospital software
    partnership (data_breach) and the court story with a ransomware teaser (ransomware); the
    session-8 check (one term from the list) let them through; they report no incident now,
    while the incidents told in plain words keep their kind and labels."""
    from pipeline.classifier import classify, load_model
    from pipeline.records import IncidentKind

    model = load_model("models/attack_types")
    texts = [_GADGETS, _PARTNERSHIP, _TEASER, _LAPTOP_STOLEN, _MISMAILED]
    off = classify(model, texts, languages=["de"] * len(texts))   # the model alone
    assert all(c.kind is IncidentKind.INCIDENT and c.labels for c in off)
    on = classify(model, texts)
    assert [c.kind for c in on] == [IncidentKind.NONE] * 3 + [IncidentKind.INCIDENT] * 2
    assert not any(c.labels for c in on[:3])
    assert [[l.label for l in c.labels] for c in on[3:]] \
        == [[l.label for l in c.labels] for c in off[3:]]


# Mid-length general news (600-1,499 characters) the model reads as an incident: a count of
# birds that names results and records, a stomach bug at care homes, a "Trojan horse" cargo.
_SWIFTS = (
    "Swift numbers across the county have halved since the millennium, according to the "
    "annual bird count organised by the Fenland Wildlife Society.\n\n"
    "Volunteers counted the birds screaming over rooftops on three summer evenings. The "
    "results show the steepest fall in market towns, where old buildings with gaps under the "
    "eaves have been renovated.\n\n"
    "\"Swifts come back to the same nest every year, so when a roof is repaired they have "
    "nowhere to go,\" said the society's conservation officer, Dr Helen Marsh. She urged "
    "builders to fit nest bricks, which cost about twenty pounds each.\n\n"
    "The society's report recommends that councils make nest bricks a condition of planning "
    "permission for new homes. It plans to repeat the count next June and is asking for more "
    "volunteers to take part in villages, where records are patchy.")
_GASTRO = (
    "Two care homes in Lindwick have stopped admitting new residents after an outbreak of a "
    "stomach bug in both buildings, the county's health protection team said on Friday.\n\n"
    "Twenty-three residents and eleven staff have fallen ill with vomiting and diarrhoea over "
    "the past week. Visits have been restricted to essential carers, and staff who had symptoms "
    "have been told to stay at home for two days after they recover.\n\n"
    "\"The illness spreads quickly in closed settings, and older people can become dehydrated,\" "
    "said the team's lead nurse, Amira Shah. Cleaning has been increased in lounges and dining "
    "rooms, and hand gel stations have been added at every entrance.\n\n"
    "The homes' operator said families had been kept informed by telephone and that it expected "
    "to reopen to visitors next week if no new cases were reported.")
_CARGO = (
    "Two men have been jailed for smuggling cigarettes through the port of Hull inside "
    "a consignment of garden furniture.\n\n"
    "Prosecutors told the court that the furniture was a \"Trojan horse\" designed to get the "
    "shipment past customs officers, who found 3 million cigarettes hidden inside hollow table "
    "legs and benches.\n\n"
    "The men, aged 38 and 52, denied knowing what was in the containers, but the jury convicted "
    "them after hearing evidence from their phones. The judge said the scheme had cost the "
    "public purse more than a million pounds in unpaid duty.\n\n"
    "Border officials said smugglers increasingly hid goods in ordinary cargo and that they were "
    "using sniffer dogs and scanners at every major port.")


def test_mid_length_general_news_reports_none():
    """The shipped model alone labels these invented stories (data_breach, other_unknown,
    malware). Before, a mid-length text passed when it named any information asset (the
    bird count's "results", "records") or a cyber word in its everyday sense ("stomach bug
    in", "Trojan horse"); now it must name an asset *and* something happening, or a real
    cyber term."""
    from pipeline.classifier import _general_news, classify, load_model
    from pipeline.classifier_gate import ASSET_MIN_CHARS, CHECK_MIN_CHARS
    from pipeline.records import IncidentKind

    texts = [_SWIFTS, _GASTRO, _CARGO]
    assert all(ASSET_MIN_CHARS <= len(t) < CHECK_MIN_CHARS for t in texts)
    model = load_model("models/attack_types")
    off = classify(model, texts, languages=["de"] * len(texts))   # the model alone
    assert all(c.kind is IncidentKind.INCIDENT and c.labels for c in off)
    on = classify(model, texts)
    assert [c.kind for c in on] == [IncidentKind.NONE] * 3 and not any(c.labels for c in on)
    # the same count telling that its records were stolen is left to the model
    stolen = _SWIFTS + " The society said its laptop holding the records was stolen."
    assert not _general_news(stolen)


# Short stories whose cue words are in their everyday sense, and an outage ruled non-malicious
_HOSTAGE = (
    "Armed men seized a coffee exporter outside his farm near Tarvale on Tuesday night and "
    "are holding him for a ransom of two million shillings, the regional police said.")
_MEASLES = (
    "A school in Orrin Bay has closed for a week after an outbreak of measles; health officials "
    "said the virus had infected 14 pupils and urged parents to check their children's jabs.")
_LEVEE = (
    "The swollen Kell river breached its levee near Marrowby overnight, flooding forty homes "
    "and closing the main road to the coast, the county fire service said.")
_GAS = (
    "Residents of three streets in Hollin were moved to a sports hall after a gas leak from a "
    "damaged main; engineers from the network operator capped the pipe by midnight.")
_TEAM = (
    "The Trojans beat the Wildcats 24-17 on Saturday, their third win of the season, after "
    "a late touchdown in front of a sold-out stadium.")
_GLITCH = (
    "Grenmoor Rail said its ticket machines went dark for three hours on Friday because of a "
    "faulty configuration change, not a cyber attack. \"There is no evidence of any malicious "
    "activity,\" a spokesman said, adding that the change had been reversed.")
# the same cue words in their cyber sense, or a cause ruled out next to a real attack
_CYBER_RANSOM = (
    "Hackers encrypted the files on the council's servers and demanded a ransom of two "
    "million pounds, the council said.")
_CYBER_NOT_ONLY = (
    "The retailer said the outage was not a ransomware attack, but hackers had stolen the "
    "card numbers of 4,000 customers from its payment servers.")


_NETBALL = (
    "Harbourside Hawks kept their unbeaten season going with a 58-41 win over Riverton in the "
    "league on Saturday. \"Our attack moved the ball beautifully,\" said coach Dana Reilly. "
    "Riverton's captain admitted their defence was breached far too often and the Hawks "
    "exploited every loose pass.")
_CONTRACT = (
    "A county court has ordered a landscaping firm to pay £62,000 to a garden centre for breach "
    "of contract after it abandoned a car park job halfway through. The firm said it would "
    "study the judgment.")
_TIPS = (
    "Short on time? These laundry hacks will help: soak stains in cold water first, and turn "
    "dark clothes inside out. \"The best hack I know is a cup of vinegar in the rinse,\" says "
    "cleaner Joy Pike.")
_WORMS = (
    "A primary school in Ashcombe has started a worm farm for its lunch scraps. \"The children "
    "check how much the worms eat every Friday,\" said teacher Ben Otieno.")


@pytest.mark.parametrize("text", [_HOSTAGE, _MEASLES, _LEVEE, _GAS, _TEAM, _NETBALL, _CONTRACT,
                                  _TIPS, _WORMS])
def test_cue_words_in_their_everyday_sense(text):
    from pipeline.classifier_gate import everyday_sense_only
    assert everyday_sense_only(text)


# a sports club as the victim of a cyber attack: the attack is not the game's
_CLUB_HACK = (
    "Hackers breached the ticketing systems of league club Harbourside Hawks before Saturday's "
    "match, and the coach said fans' card details may have been taken.")


@pytest.mark.parametrize("text", [_CYBER_RANSOM, _CYBER_NOT_ONLY, _GLITCH, _CLUB_HACK])
def test_cue_words_in_their_cyber_sense(text):
    from pipeline.classifier_gate import everyday_sense_only
    assert not everyday_sense_only(text)


def test_a_cyber_cause_ruled_out():
    from pipeline.classifier_gate import negated_cyber_cause
    assert negated_cyber_cause(_GLITCH)
    assert not negated_cyber_cause(_CYBER_NOT_ONLY)
    assert not negated_cyber_cause(_CYBER_RANSOM)
    # an insider's curiosity with no malicious intent is still a data incident
    assert not negated_cyber_cause(
        "A clerk looked up 300 patients' records; the clinic has no evidence of a malicious "
        "intent.")


# an outage ruled non-malicious in a list of causes, with the servers it happened on named
_OUTAGE = (
    "Customers of Fernlea Credit Union could not log in to its app or use their cards for six "
    "hours on Monday. The society said the outage followed a faulty change to its payment "
    "servers and was \"not caused by a cyber attack or any malicious activity\".")


def test_an_outage_ruled_out_as_any_of_several_causes():
    from pipeline.classifier import _general_news
    from pipeline.classifier_gate import negated_cyber_cause
    assert negated_cyber_cause(_OUTAGE)
    assert _general_news(_OUTAGE)
    # data taken is still an event, whatever the outage's cause
    assert not negated_cyber_cause(_OUTAGE + " Card records were stolen from a branch in March.")


def test_a_software_error_ruled_non_malicious_is_no_event():
    """The error an outage story blames is the outage's cause, not a data incident; a letter
    sent in error still is one."""
    from pipeline.classifier import _general_news
    from pipeline.classifier_gate import negated_cyber_cause
    text = ("Ferry operator Calloway Lines said a routine update to its booking system contained "
            "an error, not a cyber attack, and check-in was down for four hours on Saturday.")
    assert negated_cyber_cause(text)
    assert _general_news(text)
    misdelivery = ("A clinic posted 40 patients' test results to the wrong address in error; "
                   "it was not a cyber attack, the clinic said.")
    assert not negated_cyber_cause(misdelivery)


def test_short_everyday_and_ruled_out_stories_are_no_incident():
    """Short texts (under ASSET_MIN_CHARS) are not judged by the vocabulary checks, so these
    were incidents whenever the model read the cue word as one."""
    from pipeline.classifier import _general_news
    for text in (_HOSTAGE, _MEASLES, _LEVEE, _GAS, _TEAM, _GLITCH):
        assert _general_news(text)
    assert not _general_news(_CYBER_RANSOM)
    assert not _general_news(_CYBER_NOT_ONLY)


@pytest.mark.parametrize("title,genre", [
    ("Book review: 'The Dark Net Diaries' is a gripping tour of cyber crime", True),
    ("Opinion: Multi-factor login should be the law", True),
    ("Explainer: what is credential stuffing?", True),
    ("Survey: one in three small firms suffered a phishing attack", True),
    ("Security start-up Brightwall raises $25 million Series A", True),
    ("Antivirus maker Kestrel profits up as ransomware fears grow", True),
    ("Government unveils new national cyber strategy", True),
    ("Opinion: After the Lakeside Water attack, utilities must patch faster", False),
    ("Explainer: how hackers stole 2 million customer records from a retailer", False),
    ("Council hit by ransomware attack, services down", False),
    # company results told as the cost of an attack report the attack
    ("Brackenfield Stores profits slump after cyber attack", False),
    ("Harlow Foods sales fall after data breach", False),
])
def test_genre_titles(title, genre):
    from pipeline.classifier_gate import genre_title
    from pipeline.classifier_rules import title_tells_intrusion
    assert (genre_title(title) and not title_tells_intrusion(title)) is genre


def test_genre_article_the_model_reads_as_an_incident_is_none():
    """An invented review of a hacker novel: the model reads its plot as an incident."""
    from pipeline.classifier import _general_news
    text = ("In 'Cold Boot', a burned-out analyst is blackmailed into breaking into a bank's "
            "servers and stealing a ransomware gang's bitcoin. The hacking scenes are "
            "plausible, the romance less so. Three stars.")
    assert _general_news(text, "Book review: 'Cold Boot' is a hacker thriller with heart")
    assert not _general_news(text, "Bank says hackers broke into its servers")


def test_results_title_naming_an_attack_is_no_genre_article():
    from pipeline.classifier import _general_news
    text = ("Brackenfield Stores said on Tuesday that a cyber attack in March had forced it to stop "
            "online orders for five weeks, and hackers stole some customer data. The retailer "
            "expects the incident to cost it about 90 million pounds. ") * 3
    assert not _general_news(text, "Brackenfield Stores profits slump after cyber attack")


_LAPTOP = (
    "A laptop holding the names, addresses and test results of 2,300 clinic patients was taken "
    "from a physiotherapist's car in Norwick on Sunday. The clinic has written to the patients "
    "and reported the theft to the regulator. Police said it was not a hack. ")


@pytest.mark.parametrize("n", [1, 3, 6])
def test_a_data_incident_with_the_cyber_cause_ruled_out_is_still_news_of_an_incident(n):
    """A stolen laptop, a misdelivered letter or an insider's misuse is a data incident even
    when a cyber cause is ruled out: at any length, the gate leaves it to the model."""
    from pipeline.classifier import _general_news
    from pipeline.classifier_gate import negated_cyber_cause
    text = _LAPTOP * n
    assert not negated_cyber_cause(text)
    assert not _general_news(text, "Patient records on stolen laptop")


@pytest.mark.parametrize("text", [
    "The email had been sent from a lookalike domain with one letter changed.",
    "The firm lost £40,000 to a CEO fraud last month.",
    "Police said the trust was the victim of invoice fraud.",
    "It was a textbook case of business email compromise.",
])
def test_payment_frauds_by_email_name_cyber_terms(text):
    assert names_cyber_terms(text)


def test_a_mid_length_ceo_fraud_story_is_news_of_an_incident():
    """A payment fraud by an impersonating email names no hacker, malware or data: its words
    ('lookalike domain', 'CEO fraud') are the cyber vocabulary of such stories."""
    from pipeline.classifier import _general_news
    text = ("A Dunmore animal rescue charity was tricked out of £52,000 after its treasurer received "
            "an email that seemed to come from the chair, asking for an urgent transfer to a new "
            "supplier.\n\nFernhill Animal Rescue said the message came from a lookalike domain "
            "with two letters swapped.\n\n\"We are volunteers and it looked completely real,\" the "
            "chair, Ailsa Grant, said. \"We have told the police and our bank, and every new "
            "supplier is now confirmed by phone.\"\n\nA regional charities body said it had "
            "heard of several similar attempts this year, most of them against small organisations "
            "whose finance work is done by one or two people, and urged them to check any change "
            "of payee by calling a known number.")
    assert 600 <= len(text) < 1500
    assert not _general_news(text, "Rescue charity loses £52,000 to CEO fraud email")


# a club, a surgery or a firm using words any organisation uses (team, manager, fans, season,
# match, penalty, stadium) is no sports report: its breach is a data breach
_CLUB_BREACH = (
    "Westmoor Athletic has told fans that a data breach exposed the email addresses of its "
    "season pass holders. The club's commercial manager said the team behind the online shop "
    "found the breach before Sunday's match, and the stadium shop stays open.")
_PRACTICE_BREACH = (
    "A dental practice in Corby has written to patients after a breach of its booking system. "
    "The practice manager said the team had contacted the regulator, which can impose a "
    "penalty, and that the attack had been contained.")
_TEAMS_HACKED = (
    "Three Bramford teams had their accounts hacked over the weekend; the team managers said "
    "fans should ignore messages sent from them before Saturday's matches.")


@pytest.mark.parametrize("text", [_CLUB_BREACH, _PRACTICE_BREACH, _TEAMS_HACKED])
def test_organisation_words_make_no_sports_report(text):
    from pipeline.classifier import _general_news
    from pipeline.classifier_gate import everyday_sense_only
    assert not everyday_sense_only(text)
    assert not _general_news(text, "Data breach")


def test_sports_report_needs_words_of_the_game_alone_counted_by_stem():
    from pipeline.classifier_gate import _sports_report
    assert not _sports_report("The team and the teams met the manager.")
    assert not _sports_report("Fans, the squad and the manager were at the stadium for the match.")
    assert _sports_report("The goalkeeper kept the team in the match until half-time.")
    assert _sports_report("The coach said the league season was over.")


def test_a_data_or_security_breach_in_a_sports_report_is_not_the_games():
    from pipeline.classifier_gate import everyday_sense_only
    text = ("Harbourside Hawks beat Riverton 58-41 in the league; the coach said the club's "
            "data breach had exposed fans' card details.")
    assert not everyday_sense_only(text)


# a glitch ruled non-malicious that showed customers other people's information is a data
# incident, not an outage
_SHOWN_GLITCH = (
    "Members of Larchfield Building Society who opened its app on Monday were shown other "
    "members' names, account numbers and balances because of a glitch. The society said the "
    "fault came from a faulty update to its servers, not a cyber attack or any malicious "
    "activity, and had been fixed within two hours.")


def test_a_glitch_that_showed_others_information_is_still_an_incident():
    from pipeline.classifier import _general_news
    from pipeline.classifier_gate import negated_cyber_cause
    assert not negated_cyber_cause(_SHOWN_GLITCH)
    assert not _general_news(_SHOWN_GLITCH, "App glitch shows members other accounts")
    # the same outage without anyone's information shown stays no incident
    assert negated_cyber_cause(
        "Members of Larchfield Building Society could not open its app on Monday because of a "
        "glitch. The society said the fault came from a faulty update to its servers, not a "
        "cyber attack or any malicious activity, and had been fixed within two hours.")
