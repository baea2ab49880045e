from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline.group import group_incidents
from pipeline.records import (AnnotatedArticle, Article, ExtractStatus, IncidentKind, LabelScore,
                              Organisation, Quote, Service)
from pipeline.settings import load_settings

org_key = pytest.importorskip("pipeline.nlp.organisations").org_key


def _pair(aid, victim, aliases=(), labels=("ransomware",), day=None, kind=IncidentKind.INCIDENT,
          services=(), quotes=(), url=None, also=(), text="...", actors=(), malware=()):
    article = Article(article_id=aid, url=url or f"https://news{aid}.example/a",
                      status=ExtractStatus.OK, text=text, title=f"title {aid}",
                      published=day)
    orgs = ()
    if victim:
        orgs = (Organisation(name=victim, key=org_key(victim), role="victim",
                             aliases=tuple(aliases)),
                *(Organisation(name=n, key=org_key(n), role="victim") for n in also),
                Organisation(name="Acme Security", key=org_key("Acme Security"),
                             role="security_firm"))
    rec = AnnotatedArticle(article_id=aid, kind=kind, organisations=orgs,
                           attack_types=tuple(LabelScore(lb, 0.9) for lb in labels),
                           services=tuple(Service(s, 0, 1, "disrupted") for s in services),
                           quotes=tuple(quotes), threat_actors=tuple(actors),
                           malware=tuple(malware))
    return article, rec


@pytest.fixture()
def settings_():
    return load_settings()


def test_group_same_victim_close_dates_is_one_incident(settings_):
    q = Quote("We are working around the clock", 0, 10, True, "Dana Holt", None,
              "spokesperson", "Northbridge Health", "victim_representative")
    pairs = [
        _pair("a", "Northbridge Health", day=date(2025, 3, 3), services=("patient portal",),
              quotes=[q]),
        _pair("b", "Northbridge Health", labels=("ransomware", "data_breach"),
              day=date(2025, 3, 5), services=("appointment booking system",)),
    ]
    incidents = group_incidents(pairs, settings_)
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc.victim == "Northbridge Health"
    assert inc.article_ids == ("a", "b")
    assert inc.attack_types == ("data_breach", "ransomware")
    assert inc.services == ("appointment booking system", "patient portal")
    assert inc.first_reported == date(2025, 3, 3) and inc.last_reported == date(2025, 3, 5)
    assert [e.name for e in inc.experts] == ["Dana Holt"]


def test_group_experts_are_people_not_organisation_statements(settings_):
    statement = Quote("We take security seriously", 0, 10, True, "Acme Bank", None, None,
                      "Acme Bank", "victim_representative")
    ransom = Quote("Pay or we publish everything", 0, 10, True, "Vexlock", None, None, None,
                   "attacker")
    expert = Quote("Banks are a favourite target", 0, 10, True, "Leah Morrison", None,
                   "researcher", "Acme Security", "expert")
    pairs = [_pair("a", "Acme Bank", day=date(2025, 1, 1), quotes=[statement, ransom, expert])]
    (inc,) = group_incidents(pairs, settings_)
    assert [(e.name, e.role, e.affiliation) for e in inc.experts] == [
        ("Leah Morrison", "researcher", "Acme Security")]


def test_group_a_surname_quoted_in_a_later_article_is_the_same_expert(settings_):
    full = Quote("Rebuilding takes weeks", 0, 10, True, "Marcus Feld", None, "CTO",
                 "Ostrava Cyber Labs", "expert")
    short = Quote("Proving it to the regulator is harder", 0, 10, True, "Feld", None, None,
                  None, "other")
    pairs = [_pair("a", "Acme Bank", day=date(2025, 1, 1), quotes=[full]),
             _pair("b", "Acme Bank", day=date(2025, 1, 2), quotes=[short])]
    (inc,) = group_incidents(pairs, settings_)
    assert [e.name for e in inc.experts] == ["Marcus Feld"]


def test_group_alias_in_one_article_matches_name_in_another(settings_):
    pairs = [_pair("a", "Marks & Spencer", aliases=("M&S",), day=date(2025, 8, 20)),
             _pair("b", "M&S", day=date(2025, 8, 21))]
    incidents = group_incidents(pairs, settings_)
    assert len(incidents) == 1
    assert incidents[0].victim == "Marks & Spencer"
    assert "M&S" in incidents[0].victim_aliases


def test_group_a_corporate_form_word_or_an_undefined_acronym_is_the_same_victim(settings_):
    """Articles that never spell the name the same way: "Marks & Spencer Group" and "M&S"
    with no alias defined, "NHS" and "National Health Service"."""
    pairs = [_pair("a", "Marks & Spencer Group", day=date(2025, 4, 25)),
             _pair("b", "Marks and Spencer", day=date(2025, 4, 26)),
             _pair("c", "M&S", day=date(2025, 4, 28)),
             _pair("d", "National Health Service", day=date(2025, 6, 3)),
             _pair("e", "NHS", day=date(2025, 6, 4))]
    incidents = group_incidents(pairs, settings_)
    assert sorted(i.article_ids for i in incidents) == [("a", "b", "c"), ("d", "e")]


def test_group_two_names_with_the_same_initials_stay_apart(settings_):
    pairs = [_pair("a", "British Airways", day=date(2025, 4, 25)),
             _pair("b", "Bank of America", day=date(2025, 4, 25)),
             _pair("c", "Lazarus Holdings", day=date(2025, 4, 25)),
             _pair("d", "Lazarus Foods", day=date(2025, 4, 25))]
    assert len(group_incidents(pairs, settings_)) == 4
    # an acronym that two names of the batch abbreviate to joins neither
    pairs.append(_pair("e", "BA", day=date(2025, 4, 26)))
    incidents = group_incidents(pairs, settings_)
    assert sorted(i.article_ids for i in incidents) == [("a",), ("b",), ("c",), ("d",), ("e",)]
    assert all(not i.victim_aliases for i in incidents)


def test_group_far_apart_dates_are_two_incidents(settings_):
    pairs = [_pair("a", "Acme Bank", day=date(2025, 1, 1)),
             _pair("b", "Acme Bank", day=date(2025, 9, 1))]
    assert len(group_incidents(pairs, settings_)) == 2


def test_group_incompatible_attack_types_are_two_incidents(settings_):
    pairs = [_pair("a", "Acme Bank", labels=("ddos",), day=date(2025, 1, 1)),
             _pair("b", "Acme Bank", labels=("card_skimming",), day=date(2025, 1, 2))]
    assert len(group_incidents(pairs, settings_)) == 2


def test_group_non_incidents_and_victimless_articles_make_no_incident(settings_):
    pairs = [_pair("a", "Acme Bank", kind=IncidentKind.NONE, day=date(2025, 1, 1)),
             _pair("b", "Acme Bank", kind=IncidentKind.VULNERABILITY, day=date(2025, 1, 1)),
             _pair("c", None, day=date(2025, 1, 1))]
    assert group_incidents(pairs, settings_) == []


def test_group_ids_are_stable_and_order_independent(settings_):
    pairs = [_pair("a", "Acme Bank", day=date(2025, 1, 1)),
             _pair("b", "Acme Bank", day=date(2025, 1, 3)),
             _pair("c", "Other Co", day=date(2025, 1, 2))]
    first = group_incidents(pairs, settings_)
    second = group_incidents(list(reversed(pairs)), settings_)
    assert [i.incident_id for i in first] == [i.incident_id for i in second]
    assert len(first) == 2


def test_group_transitive_chain(settings_):
    # a~b (10 days), b~c (10 days): one incident even though a and c are 60 days apart
    s = settings_.replace("group", max_days_apart=40)
    pairs = [_pair("a", "Acme Bank", day=date(2025, 1, 1)),
             _pair("b", "Acme Bank", day=date(2025, 2, 5)),
             _pair("c", "Acme Bank", day=date(2025, 3, 2))]
    assert len(group_incidents(pairs, s)) == 1


def test_group_a_victim_named_second_does_not_chain_two_incidents(settings_):
    # a round-up names Apple after Yahoo; a story about Apple names LinkedIn in passing: the
    # combo-list round-up, the Apple story and the LinkedIn story stay three incidents
    pairs = [_pair("a", "Yahoo", also=("LinkedIn", "Apple"), labels=("data_breach",),
                   day=date(2025, 5, 8)),
             _pair("b", "Apple", also=("LinkedIn",), labels=("data_breach",),
                   day=date(2025, 5, 1)),
             _pair("c", "LinkedIn", labels=("data_breach",), day=date(2025, 5, 3)),
             _pair("d", "Apple", labels=("data_breach",), day=date(2025, 5, 2))]
    incidents = group_incidents(pairs, settings_)
    assert sorted(i.article_ids for i in incidents) == [("a",), ("b", "d"), ("c",)]
    (apple,) = [i for i in incidents if i.victim == "Apple"]
    assert apple.other_victims == ("LinkedIn",)


def test_group_an_undated_article_joins_dated_ones_far_apart(settings_):
    # articles 200 days apart stay apart; an undated one could be either date and joins both
    pairs = [_pair("a", "Acme Bank", day=date(2025, 1, 1)),
             _pair("b", "Acme Bank", day=date(2025, 7, 20)),
             _pair("c", "Acme Bank")]
    assert len(group_incidents(pairs[:2], settings_)) == 2
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b", "c")]


def test_group_one_victims_two_incidents_with_different_attackers_stay_apart(settings_):
    # a wire fraud by one man (28 Apr - 1 May) and a phishing worm blamed on a group (4 May),
    # both against Acme Cloud; the worm's first report names no attacker, and would chain the
    # two through date and victim alone
    fraud = "A Lithuanian man, Arvo Kestas, tricked Acme Cloud into wiring $50m."
    worm = "A phishing worm spread through Acme Cloud documents; some blamed Cobalt Wolf."
    pairs = [_pair("a", "Acme Cloud", labels=("phishing_social_engineering",), text=fraud,
                   actors=("Arvo Kestas",), day=date(2025, 4, 28)),
             _pair("b", "Acme Cloud", labels=("phishing_social_engineering",), text=fraud,
                   actors=("Arvo Kestas",), day=date(2025, 5, 1)),
             _pair("c", "Acme Cloud", labels=("phishing_social_engineering",),
                   text="A worm hit Acme Cloud.", day=date(2025, 5, 4)),
             _pair("d", "Acme Cloud", labels=("phishing_social_engineering",), text=worm,
                   actors=("Cobalt Wolf",), day=date(2025, 5, 4))]
    incidents = group_incidents(pairs, settings_)
    assert sorted(i.article_ids for i in incidents) == [("a", "b"), ("c", "d")]


def test_group_a_loader_and_the_ransomware_it_delivered_are_one_incident(settings_):
    # malware names are no sign of two incidents: the first report names the loader, a later
    # one the ransomware
    pairs = [_pair("a", "Corbridge Council", malware=("Emotet",), day=date(2025, 8, 9),
                   text="Corbridge Council found an Emotet infection."),
             _pair("b", "Corbridge Council", malware=("Ryuk",), day=date(2025, 8, 12),
                   text="Ryuk ransomware encrypted Corbridge Council's servers.")]
    assert len(group_incidents(pairs, settings_)) == 1


def test_group_aliases_of_one_attacker_are_one_name(settings_):
    # the gazetteer knows "HIDDEN COBRA" as the Lazarus Group; "Cl0p" is "Clop"
    for first, second in (("Lazarus Group", "HIDDEN COBRA"), ("Clop", "Cl0p")):
        pairs = [_pair("a", "Acme Bank", actors=(first,), day=date(2025, 3, 1),
                       text=f"{first} hit Acme Bank."),
                 _pair("b", "Acme Bank", actors=(second,), day=date(2025, 3, 4),
                       text=f"{second} claimed Acme Bank.")]
        assert len(group_incidents(pairs, settings_)) == 1, (first, second)


def test_group_attacker_spelled_apart_or_mentioned_in_the_other_article_is_one_incident(
        settings_):
    # "The Dark Overlord" and "TheDarkOverlord" are one name; an article that blames another
    # group but mentions the first one's claim is about the same incident
    pairs = [_pair("a", "Acme Films", actors=("The Dark Overlord",), day=date(2025, 5, 1),
                   text="The Dark Overlord leaked Acme Films episodes."),
             _pair("b", "Acme Films", actors=("TheDarkOverlord",), day=date(2025, 5, 1),
                   text="TheDarkOverlord demanded a ransom from Acme Films."),
             _pair("c", "Acme Films", actors=("Turkish Crew",), day=date(2025, 5, 3),
                   text="Turkish Crew, not the dark-overlord gang, says it hit Acme Films.")]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b", "c")]


def test_group_an_attack_of_unknown_kind_fits_any_kind(settings_):
    # one report says only "hackers stole $60m" (other_unknown), the next calls it a fraud:
    # one incident; two known, incompatible kinds stay apart
    pairs = [_pair("a", "Harwick Exchange", labels=("fraud_scam",), day=date(2026, 5, 1)),
             _pair("b", "Harwick Exchange", labels=("other_unknown",), day=date(2026, 5, 3))]
    assert len(group_incidents(pairs, settings_)) == 1
    pairs = [_pair("a", "Harwick Exchange", labels=("fraud_scam",), day=date(2026, 5, 1)),
             _pair("b", "Harwick Exchange", labels=("ddos",), day=date(2026, 5, 3))]
    assert len(group_incidents(pairs, settings_)) == 2


def _titled(aid, title, victims, day, labels=("ransomware",), mentions=None, others=(),
            language="en", text="..."):
    """An article with a headline; ``victims`` in order of first mention, ``mentions`` their
    mention counts, ``others`` (name, role, count) for the other organisations."""
    from pipeline.records import Mention

    def org(name, role, n):
        return Organisation(name=name, key=org_key(name), role=role,
                            mentions=tuple(Mention(name, "ORG", k, k + 1) for k in range(n)))

    counts = mentions or [2] * len(victims)
    article = Article(article_id=aid, url=f"https://news{aid}.example/a",
                      status=ExtractStatus.OK, text=text, title=title, published=day,
                      language=language)
    orgs = (*(org(v, "victim", n) for v, n in zip(victims, counts)),
            *(org(n, role, c) for n, role, c in others))
    rec = AnnotatedArticle(article_id=aid, kind=IncidentKind.INCIDENT, organisations=orgs,
                           attack_types=tuple(LabelScore(lb, 0.9) for lb in labels))
    return article, rec


def test_group_a_feature_using_the_victim_as_background_joins_no_incident(settings_):
    # two reports on Marlow County's ransomware; a week later a feature on the ransomware
    # business opens with Marlow County's attack and a round-up names it among others: they
    # are not reports of the incident, and make no second Marlow County incident either
    pairs = [
        _titled("a", "Marlow County servers held for ransom", ["Marlow County"],
                date(2026, 2, 2)),
        _titled("b", "County pays no ransom as systems come back", ["Marlow County"],
                date(2026, 2, 4)),
        _titled("c", "Inside the booming business of ransomware", ["Marlow County"],
                date(2026, 2, 10), others=[("Hexwater Labs", "security_firm", 2)]),
        _titled("d", "Ransomware and fileless attacks give firms the shivers",
                ["Marlow County", "Teller Bay Port"], date(2026, 2, 12)),
    ]
    incidents = group_incidents(pairs, settings_)
    assert [i.article_ids for i in incidents] == [("a", "b")]
    # with no report of the incident in the batch, the feature stands on its own
    assert [i.article_ids for i in group_incidents(pairs[2:3], settings_)] == [("c",)]


@pytest.mark.parametrize("title", [
    "Hospital pays $40,000 ransom to get records back",   # describes one organisation
    "Regional hospital declines ransom demand",
    "270,000 patient files locked in weekend attack",      # a count
    "Quillfield computers still down after attack",        # names the victim
])
def test_group_a_report_whose_headline_describes_or_counts_joins(settings_, title):
    pairs = [_titled("a", "Quillfield Health hit by ransomware", ["Quillfield Health"],
                     date(2026, 3, 1)),
             _titled("b", title, ["Quillfield Health"], date(2026, 3, 3))]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b")]


def test_group_an_article_joins_through_the_victim_its_headline_names(settings_):
    # a password story opens with "the well-known Orvane and Kestrel Social breaches" but its
    # headline and text are about Kestrel Social: it does not join Orvane's incident
    pairs = [_titled("a", "Orvane board blames executives for breach response", ["Orvane"],
                     date(2026, 4, 1), labels=("data_breach",)),
             _titled("b", "Kestrel Social breach: weak passwords are the norm",
                     ["Orvane", "Kestrel Social"], date(2026, 4, 3), labels=("data_breach",),
                     mentions=[1, 6])]
    incidents = group_incidents(pairs, settings_)
    assert sorted(i.article_ids for i in incidents) == [("a",), ("b",)]
    assert {i.victim for i in incidents} == {"Orvane", "Kestrel Social"}


def test_group_a_brand_in_the_headline_named_less_than_its_owner_keeps_the_owner(settings_):
    # "PlushPals notifies the regulator" is a story about Tallow Toys, the company behind the
    # PlushPals brand, which the text names more often
    pairs = [_titled("a", "Smart toy maker faces scrutiny over breach", ["Tallow Toys"],
                     date(2026, 5, 1), labels=("data_breach",)),
             _titled("b", "PlushPals notifies regulator of data breach",
                     ["Tallow Toys", "PlushPals"], date(2026, 5, 2), labels=("data_breach",),
                     mentions=[5, 3])]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b")]


def test_group_the_incident_is_named_as_most_articles_name_its_victim(settings_):
    # one article's entity boundary glued a second name on ("Quorra Mail Reddit"): the incident
    # keeps the name the other articles use; a spelled-out name still beats an acronym
    pairs = [_pair("a", "Quorra Mail", day=date(2026, 6, 1)),
             _pair("b", "Quorra Mail", day=date(2026, 6, 1)),
             _pair("c", "Quorra Mail Reddit", aliases=("Quorra Mail",), day=date(2026, 6, 1))]
    (inc,) = group_incidents(pairs, settings_)
    assert inc.victim == "Quorra Mail"
    assert "Quorra Mail Reddit" in inc.victim_aliases
    pairs = [_pair("a", "Marks & Spencer", aliases=("M&S",), day=date(2026, 6, 1)),
             _pair("b", "M&S", day=date(2026, 6, 2)), _pair("c", "M&S", day=date(2026, 6, 2))]
    (inc,) = group_incidents(pairs, settings_)
    assert inc.victim == "Marks & Spencer"


def test_group_a_headline_in_another_language_is_not_read_as_a_feature(settings_):
    # "Klinik zahlt Lösegeld" describes one organisation in German: the English description
    # words do not apply, so the report joins the clinic's incident as before
    pairs = [_titled("a", "Cyberangriff auf das Klinikum Velden", ["Klinikum Velden"],
                     date(2026, 7, 1), language="de"),
             _titled("b", "Klinik zahlt Lösegeld nach Cyberangriff", ["Klinikum Velden"],
                     date(2026, 7, 2), language="de")]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b")]


@pytest.mark.parametrize("title", [
    "Hospital's patient letters delayed after ransomware",   # a possessive subject noun
    "Regional hospital\u2019s scans still offline, staff told",  # (typographic apostrophe)
    "Pet supplies chain's loyalty app back after attack",
])
def test_group_a_headline_describing_one_organisation_by_a_possessive_joins(settings_, title):
    # "Hospital's ..." describes one organisation as "Hospital pays ..." does: a report of
    # Quillfield Health's incident, not a feature using it as background
    pairs = [_titled("a", "Quillfield Health hit by ransomware", ["Quillfield Health"],
                     date(2026, 3, 1)),
             _titled("b", title, ["Quillfield Health"], date(2026, 3, 3))]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b")]


def test_group_a_city_named_with_its_kind_is_the_city_named_alone(settings_):
    # "the city of Ashby Vale" (one outlet), "Ashby Vale" (another) and the city's council
    # are one victim
    pairs = [_pair("a", "city of Ashby Vale", day=date(2026, 4, 6)),
             _pair("b", "Ashby Vale", day=date(2026, 4, 20)),
             _pair("c", "Ashby Vale City Council", day=date(2026, 4, 21))]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b", "c")]


@pytest.mark.parametrize("short, long", [
    ("Brackenholt", "Brackenholt Logistik GmbH"),        # a foreign industry word
    ("Veltra", "Telco Veltra Mobile"),                   # a descriptor taken in, an industry word
    ("Stonebeck Water", "Cumbrian utility Stonebeck Water"),
    ("Quorrel", "retailer Quorrel"),                      # a lower-case descriptor
    ("city of Penrose Vale", "Penrose Vale City Council"),
])
def test_group_a_short_form_of_the_name_is_the_same_victim(settings_, short, long):
    pairs = [_pair("a", long, day=date(2026, 3, 2)), _pair("b", short, day=date(2026, 3, 18))]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b")]


@pytest.mark.parametrize("first, second", [
    ("Giant Harrier", "Harrier Bank"),          # "Giant" opens the name, it is no descriptor
    ("Utility Lantern", "The Lantern Group"),
    ("Giant Harrier", "Harrier"),
])
def test_group_a_capitalised_kind_word_that_opens_a_short_name_is_part_of_it(settings_, first,
                                                                           second):
    pairs = [_pair("a", first, day=date(2026, 3, 2)), _pair("b", second, day=date(2026, 3, 4))]
    assert len(group_incidents(pairs, settings_)) == 2


def test_group_a_short_form_two_names_start_with_or_a_generic_word_joins_nothing(settings_):
    # "Veltra" could be Veltra Mobile or Veltra Bank: it joins neither, and they stay apart
    pairs = [_pair("a", "Veltra Mobile", day=date(2026, 3, 2)),
             _pair("b", "Veltra", day=date(2026, 3, 3)),
             _pair("c", "Veltra Bank", day=date(2026, 3, 4))]
    assert len(group_incidents(pairs, settings_)) == 3
    # ... but a corporate-form word makes no second name: "Veltra Mobile Group" is Veltra Mobile
    pairs = [_pair("a", "Veltra Mobile", day=date(2026, 3, 2)),
             _pair("b", "Veltra", day=date(2026, 3, 3)),
             _pair("c", "Veltra Mobile Group", day=date(2026, 3, 4))]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b", "c")]
    # "National" opens many names: National Water and National Bank are two victims
    pairs = [_pair("a", "National Water", day=date(2026, 3, 2)),
             _pair("b", "National Bank", day=date(2026, 3, 3))]
    assert len(group_incidents(pairs, settings_)) == 2


def test_group_one_theft_told_as_a_fraud_and_as_malware_is_one_incident(settings_):
    # the first report calls the exchange's loss a fraud, the second tells the infected,
    # phished developer laptop behind it; a DDoS at the same victim stays another incident
    pairs = [_pair("a", "Corvid Exchange", labels=("fraud_scam",), day=date(2026, 10, 1)),
             _pair("b", "Corvid Exchange", labels=("malware", "phishing_social_engineering"),
                   day=date(2026, 10, 10)),
             _pair("c", "Corvid Exchange", labels=("ddos",), day=date(2026, 10, 12))]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b"), ("c",)]


@pytest.mark.parametrize("title", [
    "Mirefield Housing faces class action over tenant data breach",
    "Police raid linked to Mirefield Housing ransomware gang",
    "Mirefield Housing fined \u00a3400,000 by regulator",
    "Mirefield Housing portal back online five months after attack",
    "New Hampshire tenants sue Mirefield Housing over data breach",  # a place, no new attack
    "Regulator fines Mirefield Housing \u00a3250,000 over breach",
    # words that name other things too, in the context of a case
    "Watchdog opens inquiry into Mirefield Housing data breach",
    "ICO inquiry finds Mirefield Housing ignored warnings",
    "Trial of hacker behind Mirefield Housing attack begins",
    "Mirefield Housing ransomware: man, 19, goes on trial",
    "Mirefield Housing tenants win compensation over breach",
    "Mirefield Housing tenants awarded \u00a31,200 compensation",
])
def test_group_a_follow_up_months_later_joins_the_incident(settings_, title):
    pairs = [_titled("a", "Mirefield Housing hit by ransomware", ["Mirefield Housing"],
                     date(2026, 1, 10)),
             _titled("b", title, ["Mirefield Housing"], date(2026, 6, 20))]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b")]


@pytest.mark.parametrize("title", [
    "Mirefield Housing hit by second cyber attack in a year",  # a new attack
    "Mirefield Housing systems down after ransomware attack",  # no follow-up: a new report
    # words a first report uses too: a court, a bare fine, a recovery with no time since
    "Mirefield Housing court payments hit by ransomware",
    "Hackers fine-tune phishing lures aimed at Mirefield Housing",
    "Mirefield Housing systems restored after ransomware attack",
    "Mirefield Housing recovering from ransomware attack",
    # a raid, a trial, an inquiry or compensation that is no case
    "Hackers raid Mirefield Housing tenant accounts",
    "Mirefield Housing tenant trial scheme halted by ransomware",
    "Mirefield Housing inquiry line down after ransomware attack",
    "Mirefield Housing compensation system hit by ransomware",
    "Payments settlement system at Mirefield Housing hit by ransomware",
])
def test_group_a_new_attack_months_later_is_another_incident(settings_, title):
    pairs = [_titled("a", "Mirefield Housing hit by ransomware", ["Mirefield Housing"],
                     date(2026, 1, 10)),
             _titled("b", title, ["Mirefield Housing"], date(2026, 6, 20))]
    assert len(group_incidents(pairs, settings_)) == 2
    # (beyond the follow-up window, a lawsuit is no longer attached)
    pairs[1] = _titled("b", "Mirefield Housing faces class action over breach",
                       ["Mirefield Housing"], date(2027, 6, 20))
    assert len(group_incidents(pairs, settings_)) == 2


@pytest.mark.parametrize("title, quote", [
    # the headline names no victim but tells a disruption after one attack
    ("Scans delayed at Leeds clinics after diagnostics supplier cyber attack", None),
    ("Two water firms hit by separate cyber incidents", None),
    # the victim's own spokesperson speaks
    ("Customers told to watch their accounts", "victim_representative"),
])
def test_group_a_first_report_whose_headline_names_no_victim_joins(settings_, title, quote):
    first = _titled("a", title, ["Pellworth Imaging"], date(2026, 6, 24))
    if quote:
        q = Quote("We are restoring systems", 0, 10, True, "Ana Ruiz", None, "spokesperson",
                  "Pellworth Imaging", quote)
        first = (first[0], AnnotatedArticle(article_id="a", kind=IncidentKind.INCIDENT,
                                            organisations=first[1].organisations,
                                            attack_types=first[1].attack_types, quotes=(q,)))
    pairs = [first, _titled("b", "Pellworth Imaging attack: gang named", ["Pellworth Imaging"],
                            date(2026, 6, 25))]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b")]


def _orgs_pair(aid, day, victims, others=()):
    article, rec = _pair(aid, victims[0], also=victims[1:], day=day)
    extra = tuple(Organisation(name=n, key=org_key(n), role="other") for n in others)
    return article, AnnotatedArticle(article_id=aid, kind=rec.kind,
                                     organisations=rec.organisations + extra,
                                     attack_types=rec.attack_types)


def test_group_a_hospital_and_the_trust_that_runs_it_are_one_incident(settings_):
    # one report names both as victims; the others name one as victim and the other in
    # passing: one incident. Two victims that merely name each other, with no report naming
    # both as victims, stay apart (negative)
    pairs = [_orgs_pair("a", date(2026, 5, 5), ["Elmfield Hospital"], ["Farrowdale NHS Trust"]),
             _orgs_pair("b", date(2026, 5, 9), ["Farrowdale NHS Trust", "Elmfield Hospital"]),
             _orgs_pair("c", date(2026, 5, 19), ["Farrowdale NHS Trust"], ["Elmfield Hospital"])]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a", "b", "c")]
    pairs = [_orgs_pair("a", date(2026, 5, 5), ["Elmfield Hospital"], ["Farrowdale NHS Trust"]),
             _orgs_pair("c", date(2026, 5, 19), ["Farrowdale NHS Trust"], ["Elmfield Hospital"])]
    assert [i.article_ids for i in group_incidents(pairs, settings_)] == [("a",), ("c",)]


def test_group_many_articles_on_one_victim_compare_only_pairs_of_close_dates(settings_,
                                                                              monkeypatch):
    # years of articles on one victim, and on two victims each naming the other: the co-victim
    # look-up compares only articles of one date window (it compared every pair: thousands of
    # articles took seconds), and the grouping is as before
    import pipeline.group as group
    calls = []
    real = group._same_victim
    monkeypatch.setattr(group, "_same_victim", lambda a, b: calls.append(1) or real(a, b))
    start = date(2020, 1, 6)
    one = [_pair(str(k), "Harlow Bank", day=start + timedelta(days=7 * k)) for k in range(240)]
    assert len(group_incidents(one, settings_)) == 1  # (one chain: a week apart each)
    assert len(calls) < 3 * 240 * 7  # pairs of the 45-day window only (30,338 before)
    calls.clear()
    two = [_pair(str(k), "Harlow Bank" if k % 2 else "Tarn Trust",
                 also=["Tarn Trust" if k % 2 else "Harlow Bank"],
                 day=start + timedelta(days=7 * k)) for k in range(240)]
    assert len(group_incidents(two, settings_)) == 1
    assert len(calls) < 3 * 240 * 7  # (30,106 before)


def test_group_a_supplier_named_by_a_short_form_is_one_incident_with_its_customer(settings_):
    # the customer's report names the breached supplier as a victim; the supplier's report
    # names the customer by a short form ("Millbrook Unified" for the school district): one
    # breach told from both sides (the co-victim rule matched full names only)
    customer = _titled("a", "Millbrook schools say pupil records exposed in vendor breach",
                       ["Millbrook Unified School District", "Tallyroll"], date(2026, 3, 10),
                       labels=("data_breach", "supply_chain"))
    supplier = _titled("b", "Tallyroll breach hits dozens of school districts", ["Tallyroll"],
                       date(2026, 3, 13), labels=("data_breach",),
                       others=[("Millbrook Unified", "other", 1)])
    assert [i.article_ids for i in group_incidents([customer, supplier], settings_)] == [
        ("a", "b")]
    # a customer that names the supplier as the maker of a flawed product, not as breached,
    # is another incident of the same product
    user = _titled("c", "Millbrook schools hit by attack on flawed roster software",
                   ["Millbrook Unified School District"], date(2026, 3, 10),
                   labels=("data_breach", "vulnerability_exploitation"),
                   others=[("Tallyroll", "vendor", 1)])
    assert len(group_incidents([user, supplier], settings_)) == 2


@pytest.mark.parametrize("title, lead", [
    ("Ferngate council tax records exposed in supplier breach", "..."),
    ("Ferngate council tax records exposed", "Ferngate Borough Council said names and "
     "addresses of 9,000 residents were taken in a cyber attack on its billing provider."),
])
def test_group_a_customer_naming_its_breached_supplier_joins_the_suppliers_report(
        settings_, title, lead):
    # the supplier's report does not name this customer (it has dozens): the customer's own
    # report, telling the breach was at a supplier it names as breached, joins it
    supplier = _titled("s", "Paylinx confirms breach of billing platform", ["Paylinx"],
                       date(2026, 5, 4), labels=("data_breach",))
    customer = _titled("c", title, ["Ferngate Borough Council", "Paylinx"], date(2026, 5, 8),
                       labels=("data_breach",), text=lead)
    assert [i.article_ids for i in group_incidents([supplier, customer], settings_)] == [
        ("s", "c")]


def test_group_a_customer_joins_no_supplier_without_a_supplier_breach_or_when_two_fit(
        settings_):
    supplier = _titled("s", "Paylinx confirms breach of billing platform", ["Paylinx"],
                       date(2026, 5, 4), labels=("data_breach",))
    # no word of a supplier's breach (a supply-chain label is not one): the two victims are
    # named in passing
    plain = _titled("c", "Ferngate council tax records exposed",
                    ["Ferngate Borough Council", "Paylinx"], date(2026, 5, 8),
                    labels=("data_breach", "supply_chain"))
    assert len(group_incidents([supplier, plain], settings_)) == 2
    # a round-up naming two breached suppliers with reports of their own chains neither
    other = _titled("t", "Rostrum Payroll hit by data breach", ["Rostrum Payroll"],
                    date(2026, 5, 5), labels=("data_breach",))
    roundup = _titled("c", "Ferngate records exposed in supplier breaches",
                      ["Ferngate Borough Council", "Paylinx", "Rostrum Payroll"],
                      date(2026, 5, 8), labels=("data_breach",))
    assert len(group_incidents([supplier, other, roundup], settings_)) == 3


@pytest.mark.parametrize("title, joins", [
    ("Tessory Water fined over 2019 sewage spill", False),
    ("Tessory Water sued for misleading drought claims", False),
    ("Tessory Water chief quits over bonus row, unrelated to cyber attack", False),
    ("Tessory Water fined \u00a32m over data breach", True),
    ("Tessory Water sued for failing to protect customer details", True),
    ("Tessory Water fined for safety failings at treatment works", False),
    ("Tessory Water boss sued for unfair dismissal", False),
])
def test_group_a_case_over_another_matter_joins_no_incident(settings_, title, joins):
    # a story about the victim's fine over something else, naming the attack in passing, is
    # no report of it: next to a report of the incident it joins none
    first = _titled("a", "Tessory Water hit by cyber attack", ["Tessory Water"],
                    date(2026, 9, 14))
    other = _titled("b", title, ["Tessory Water"], date(2026, 10, 2), labels=("other_unknown",))
    want = [("a", "b")] if joins else [("a",)]
    assert [i.article_ids for i in group_incidents([first, other], settings_)] == want


@pytest.mark.parametrize("title", [
    "Quillmarsh Clinics sued over Ferrolink",        # the breached product
    "Quillmarsh Clinics sued over Veltrix Billing",   # the breached supplier
    "Quillmarsh Clinics fined over CrimsonLoader",     # the malware
])
def test_group_a_case_over_a_name_of_the_attack_is_its_follow_up(settings_, title):
    # a cause with neither a cyber word nor a word of another matter (the product, supplier or
    # malware the first report names) is not known to be another matter: the follow-up joins
    first = _titled("a", "Quillmarsh Clinics patient data stolen in Ferrolink attack",
                    ["Quillmarsh Clinics"], date(2026, 3, 3), labels=("data_breach",))
    later = _titled("b", title, ["Quillmarsh Clinics"], date(2026, 4, 20),
                    labels=("data_breach",))
    assert [i.article_ids for i in group_incidents([first, later], settings_)] == [("a", "b")]


_REVIEW = ("Hollins Bay ransomware bill passes $450K, review finds", ["Hollins Bay Council"])


@pytest.mark.parametrize("lead, day", [
    ("The February ransomware attack on Hollins Bay Council has cost more than $450,000. "
     "The review was presented on Monday.", date(2026, 4, 16)),
    ("Hollins Bay Council is still counting the cost of the cyber attack in February. It has "
     "spent $450,000.", date(2026, 4, 20)),
    ("Last month's ransomware attack has cost Hollins Bay Council $450,000. It has hired an "
     "IT security officer.", date(2026, 3, 30)),
    # a date written day first
    ("Costs of the cyber attack on Hollins Bay Council on 2 February have passed $450,000.",
     date(2026, 4, 16)),
    # a part of the month
    ("Hollins Bay Council has spent $450,000 since the cyber attack in mid-February.",
     date(2026, 4, 16)),
    ("Hollins Bay Council has spent $450,000 since the cyber attack in early February.",
     date(2026, 4, 16)),
])
def test_group_a_later_article_referring_back_to_the_attack_by_its_month_joins(settings_,
                                                                                lead, day):
    first = _titled("a", "Hollins Bay council systems down after cyber incident",
                    ["Hollins Bay Council"], date(2026, 2, 3), labels=("other_unknown",))
    later = _titled("b", *_REVIEW, day, text=lead)
    assert [i.article_ids for i in group_incidents([first, later], settings_)] == [("a", "b")]


@pytest.mark.parametrize("lead", [
    # no reference back: past the window, another incident as before
    "The council published a review of its IT spending on Monday.",
    # a reference to another month's attack than the earlier report's
    "The April ransomware attack on Hollins Bay Council has cost more than $450,000.",
    # a new attack, whatever it is compared with
    "Hollins Bay Council has been hit by a cyber attack, months after the February attack.",
    "Hollins Bay Council was hit again, weeks after the February ransomware attack.",
    # a month of the next sentence is no attack's
    "Councillors discussed the attack on their website on Monday. In February they approved "
    "a new budget.",
])
def test_group_a_later_article_not_referring_back_to_the_attack_stays_apart(settings_, lead):
    first = _titled("a", "Hollins Bay council systems down after cyber incident",
                    ["Hollins Bay Council"], date(2026, 2, 3), labels=("other_unknown",))
    later = _titled("b", *_REVIEW, date(2026, 6, 16), text=lead)
    assert len(group_incidents([first, later], settings_)) == 2


@pytest.mark.parametrize("lead", [
    # the modal verb, not the month of the earlier attack
    "The council's phone lines went offline on Tuesday. Officials said that may indicate a "
    "cyber attack but it was too early to say.",
    "Staff said this may mean a ransomware attack. It was too early to say.",
])
def test_group_a_modal_may_is_no_month_of_the_attack(settings_, lead):
    first = _titled("a", "Hollins Bay council hit by ransomware attack", ["Hollins Bay Council"],
                    date(2026, 5, 12))
    later = _titled("b", "Hollins Bay Council website offline", ["Hollins Bay Council"],
                    date(2026, 12, 2), text=lead)
    assert len(group_incidents([first, later], settings_)) == 2


def test_group_incident_services_are_one_per_case_blind_form_in_a_stable_order(settings_):
    # two outlets write one service in two cases: one entry, the first article's form, and an
    # order that does not hang on set iteration (it changed with PYTHONHASHSEED)
    pairs = [
        _pair("a", "Kowhai Exchange", day=date(2025, 3, 3), services=("Withdrawals", "hot wallet")),
        _pair("b", "Kowhai Exchange", day=date(2025, 3, 4), services=("withdrawals", "Deposits")),
    ]
    (inc,) = group_incidents(pairs, settings_)
    assert inc.services == ("Deposits", "hot wallet", "Withdrawals")
