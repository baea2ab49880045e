"""entity_persons (``person_rules``): person names the model cut or mislabelled, on invented
texts; entities are preset as the statistical NER left them, on a blank pipeline."""
from __future__ import annotations

import pytest
import spacy

from nlp_testkit import preset_ents


def relabel(person_rules, text, preset):
    nlp, rules = person_rules
    doc = nlp.make_doc(text)
    preset_ents(doc, preset)
    return [(e.text, e.label_) for e in rules(doc).ents]


@pytest.mark.parametrize("text, name", [
    ("Head teacher Orla McGillivray said lessons would go on.", "Orla McGillivray"),
    ('"We reset every account," said spokesperson Declan O\'Rourke.', "Declan O'Rourke"),
    ("The flaw was confirmed by researcher Oona DeWitt yesterday.", "Oona DeWitt"),
    ("According to analyst Yara LeMaire, the gang is back.", "Yara LeMaire"),
])
def test_entity_persons_names_with_an_inner_capital_after_a_role(person_rules, text, name):
    # session 9: "McGillivray", "O'Rourke", "DeWitt" failed the name-word shape, so the run
    # after the role noun stopped at the given name and no person was found
    assert (name, "PERSON") in relabel(person_rules, text, [])


def test_entity_persons_given_name_before_a_one_word_person_after_a_title(person_rules):
    text = "Councillor Fenella LaRue said residents should change their passwords."
    assert relabel(person_rules, text, [("LaRue", "PERSON")]) == [("Fenella LaRue", "PERSON")]
    # a known given name joins too; a capitalised word that is no name does not
    assert relabel(person_rules, "Staff told Harriet Quayle about it.",
                   [("Quayle", "PERSON")]) == [("Harriet Quayle", "PERSON")]
    assert relabel(person_rules, "Staff told Ofcom Quayle about it.",
                   [("Quayle", "PERSON")]) == [("Quayle", "PERSON")]


def test_entity_persons_who_clause_makes_a_person(person_rules):
    text = "The audit was led by Teodora Ferrante, who found the flaw in March."
    assert relabel(person_rules, text, [("Teodora Ferrante", "ORG")]) == [
        ("Teodora Ferrante", "PERSON")]
    # no known given name or surname: an organisation may take "who" too
    text = "The contract went to Brackley Logistics, who won the tender."
    assert relabel(person_rules, text, [("Brackley Logistics", "ORG")]) == [
        ("Brackley Logistics", "ORG")]
    # nor a place
    text = "She was a rower from the United States, who won twice."
    assert relabel(person_rules, text, [("United States", "GPE")]) == [("United States", "GPE")]


def test_entity_persons_double_barrelled_surname_is_one_name(person_rules):
    text = "Aled Pritchard-Vaughan, the trust's IT director, said backups were intact."
    assert relabel(person_rules, text, [("Aled Pritchard", "PERSON"), ("Vaughan", "PERSON")]) \
        == [("Aled Pritchard-Vaughan", "PERSON")]
    # two people before a noun: "the Harriet Lowe-Carney rivalry"
    text = "The Harriet Lowe-Carney rivalry went on."
    assert relabel(person_rules, text, [("Harriet Lowe", "PERSON"), ("Carney", "PERSON")]) \
        == [("Harriet Lowe", "PERSON"), ("Carney", "PERSON")]


@pytest.mark.parametrize("text, preset, expected", [
    # a surname with an inner capital the model left out
    ('"It is bad," said Kathleen MacCready, a research fellow.', [("Kathleen", "PERSON")],
     [("Kathleen MacCready", "PERSON")]),
    ("Kevin O'Dowd said so.", [("Kevin", "PERSON")], [("Kevin O'Dowd", "PERSON")]),
    # not before another capitalised word, not after an unknown first word
    ("Kathleen McGill University staff met.", [("Kathleen", "PERSON")],
     [("Kathleen", "PERSON")]),
    ("Zorvath MacCready said so.", [("Zorvath", "PERSON")], [("Zorvath", "PERSON")]),
])
def test_entity_persons_prefixed_surname_after_a_given_name(person_rules, text, preset,
                                                            expected):
    got = relabel(person_rules, text, preset)
    assert [e for e in got if e[1] == "PERSON"] == expected


@pytest.mark.parametrize("text, preset, expected", [
    # an honorific of another language: the name after it is a person's, whatever the model
    ('"Care is assured," said the director, Mme Odette Varnier-Lacroix, on Friday.',
     [("Mme Odette Varnier", "ORG")], [("Odette Varnier-Lacroix", "PERSON")]),
    ("According to Herr Torben Wielandt, the backups were intact.",
     [("Herr Torben Wielandt", "PERSON")], [("Torben Wielandt", "PERSON")]),
    ("Frau Annegret Hollenkamp, head of IT, declined to comment.", [],
     [("Annegret Hollenkamp", "PERSON")]),
    ('"We are on it," said Sra. Lucía Barrientez, the spokesperson.',
     [("Sra", "PERSON"), ("Lucía Barrientez", "PERSON")], [("Lucía Barrientez", "PERSON")]),
    # "M." (Monsieur) before two name words; the attack it confirmed is no company's
    ("M. Gérald Lemarchand, the plant manager, confirmed the attack.",
     [("M. Gérald Lemarchand", "ORG")], [("Gérald Lemarchand", "PERSON")]),
])
def test_entity_persons_honorifics_of_other_languages_make_persons(person_rules, text, preset,
                                                                  expected):
    assert relabel(person_rules, text, preset) == expected


@pytest.mark.parametrize("text, preset", [
    # "Sr." for senior before a role, and a name's suffix: no honorific
    ("The memo came from Dara Quilty, Sr. Director of Security at Ormsby.",
     [("Dara Quilty", "PERSON"), ("Ormsby", "ORG")]),
    ("An Sr. Threat Analyst at Ormsby found it.", [("Ormsby", "ORG")]),
    ("The plant was run by Dara Quilty Sr. Nobody else knew.", [("Dara Quilty Sr", "PERSON")]),
])
def test_entity_persons_sr_before_a_role_or_after_a_name_is_no_honorific(person_rules, text,
                                                                         preset):
    assert relabel(person_rules, text, preset) == preset


def test_entity_spans_sentence_ends_after_a_name_suffix_sr():
    import pipeline.nlp.entity_spans  # noqa: F401  (registers abbreviation_sents)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_sents")
    doc = nlp("The letter was signed by Dara Quilty Sr. He ran the firm, said Sr. Lucía Pardo.")
    assert [s.text for s in doc.sents] == [
        "The letter was signed by Dara Quilty Sr.", "He ran the firm, said Sr. Lucía Pardo."]


def test_entity_persons_initial_m_is_no_honorific(person_rules):
    text = "John M. Hartigan said so."
    assert relabel(person_rules, text, [("John M. Hartigan", "PERSON")]) == [
        ("John M. Hartigan", "PERSON")]


@pytest.mark.parametrize("word", ["Étienne", "Slezská", "Novotný", "Müller", "Łukasz",
                                  "Atlântico", "Garnier-Roux"])
def test_entity_words_name_words_with_diacritics(word):
    from pipeline.nlp.entity_words import NAME_WORD
    assert NAME_WORD.match(word)
    assert not NAME_WORD.match(word.upper())


@pytest.mark.parametrize("text, preset, expected", [
    # a person "of" a place or an organisation read as one name
    ("Customers such as Pooja Raghavan of Kolkata lost miles.",
     [("Pooja Raghavan of Kolkata", "PERSON")],
     [("Pooja Raghavan", "PERSON"), ("Kolkata", "GPE")]),
    ("Dana Whitmore of Rostermark said so.", [("Dana Whitmore of Rostermark", "PERSON")],
     [("Dana Whitmore", "PERSON"), ("Rostermark", "ORG")]),
    # one word before "of": a name of its own
    ("Catherine of Aragon was queen.", [("Catherine of Aragon", "PERSON")],
     [("Catherine of Aragon", "PERSON")]),
])
def test_entity_persons_person_of_a_place_or_organisation(person_rules, text, preset, expected):
    assert relabel(person_rules, text, preset) == expected
