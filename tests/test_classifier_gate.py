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
])
def test_general_news_names_no_cyber_terms(text):
    assert not names_cyber_terms(text)


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
