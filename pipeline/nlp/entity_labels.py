"""``entity_labels``, the last component of the entity layer: our label set, and the span
fixes that must see every other component's entities (:class:`EntityLabels`)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import entity_spans
from .entity_words import ATTACK_NOUNS, MONTHS, NAME_WORD, ORG_WORDS, TITLES, WEEKDAYS,\
    common_word

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "THREAT_ACTOR", "MALWARE", "CVE")
# OntoNotes labels of the official pipelines that we keep under another name
LABEL_MAP = {"PER": "PERSON", "FAC": "LOC"}


@Language.factory("entity_labels", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={"labels": list(LABELS), "label_map": dict(LABEL_MAP)})
def make_entity_labels(nlp: Language, name: str, labels: list[str], label_map: dict[str, str]):
    return EntityLabels(labels, label_map)


# words that may stand next to an attack noun (entity_words.ATTACK_NOUNS) in such a span
# ("Ransomware Attack", "Hackers Stole")
_ATTACK_COMPANIONS = frozenset({"attack", "attacks", "gang", "gangs", "attackers", "operators",
                                "actors", "crooks", "cyber", "strikes", "hits", "hit",
                                "stole", "steal", "steals", "-", "’s", "'s"})


def _attack_words_only(ent: Span) -> bool:
    """``ent`` is an attack/threat common noun ("Ransomware", "Hackers", "Cyberattack Hits"),
    not a name."""
    words = [t.lower_ for t in ent]
    return any(w in ATTACK_NOUNS for w in words) and all(
        w in ATTACK_NOUNS or w in _ATTACK_COMPANIONS for w in words)


class EntityLabels:
    """Map official labels to ours and drop the rest (DATE, CARDINAL, PRODUCT, …); an
    ORG/PERSON/GPE/LOC that is only an attack common noun ("Ransomware", "Hackers") is no
    entity. Span fixes last: "the city of X" is a place, "<place> city council" one ORG, an
    ORG loses a capitalised people tail ("ABTA Members" -> "ABTA", :func:`_people_tail`),
    and names with a possessive or "the" inside are made whole ("Children's Hospital Los
    Angeles", "Save the Children Foundation", :func:`_inner_words`)."""

    def __init__(self, labels, label_map):
        self.labels = set(labels)
        self.label_map = dict(label_map)
        self.foreign_heads: frozenset[str] = frozenset()   # see add_foreign_heads
        self.foreign_phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._heads_raw: frozenset[str] = frozenset()

    def add_foreign_heads(self, heads: dict[str, tuple[list[str], list[str]]]) -> None:
        """Organisation heads of other languages (:func:`~pipeline.nlp.entity_data.
        load_org_heads`); one-word ones that are no English word and name no settlement
        ("Hôpital", "Klinikum"; not "Office", "Police", "Ville", "Stadt") make a place or
        person that opens with them an ORG (:func:`entity_spans.foreign_heads`)."""
        self._heads_raw = frozenset(w for words, _articles in heads.values() for w in words
                                    if w and " " not in w and w not in _SETTLEMENT_HEADS)
        self.foreign_heads = frozenset()
        phrases: dict[str, set[tuple[str, ...]]] = {}
        for words, _articles in heads.values():
            for w in words:
                parts = w.split()
                if len(parts) > 1 and parts[0][:1].isupper():
                    phrases.setdefault(parts[0], set()).add(
                        (parts[0], *(x.lower() for x in parts[1:])))
        # longest first: "Cassa di Risparmio" before a shorter phrase of the same first word
        self.foreign_phrases = {k: tuple(sorted(v, key=len, reverse=True))
                                for k, v in phrases.items()}

    def __call__(self, doc: Doc) -> Doc:
        ents, changed = [], False
        for ent in doc.ents:
            label = self.label_map.get(ent.label_, ent.label_)
            if label not in self.labels:
                changed = True
                continue
            if label in ("ORG", "PERSON", "GPE", "LOC") and _attack_words_only(ent):
                changed = True
                continue
            if label != ent.label_:
                changed = True
                ent = Span(doc, ent.start, ent.end, label=label, kb_id=ent.kb_id,
                           span_id=ent.id)
            ents.append(ent)
        for k, ent in enumerate(ents):
            if ent.label_ == "PERSON" and not ent.ent_id_ and ent.start >= 2 \
                    and doc[ent.start - 1].lower_ == "of" \
                    and doc[ent.start - 2].lower_ in _SETTLEMENTS:
                # "the city of Harrowgate('s)": a place, never a person
                ents[k] = ent = Span(doc, ent.start, ent.end, label="GPE")
                changed = True
            end = _council_end(doc, ent)
            if end and not any(e.start < end and ent.end <= e.start for e in ents):
                ents[k] = Span(doc, ent.start, end, label="ORG")
                changed = True
            elif _people_tail(doc, ents[k]):
                # "ABTA Members", "Kestrel Bank Customers": the organisation, not its people
                ent = ents[k]
                ents[k] = Span(doc, ent.start, ent.end - 1, label=ent.label_,
                               kb_id=ent.kb_id, span_id=ent.id)
                changed = True
        changed |= _inner_words(doc, ents)
        changed |= _saint_names(doc, ents)
        if self._heads_raw and not self.foreign_heads:
            self.foreign_heads = frozenset(h for h in self._heads_raw
                                           if not common_word(doc, h.lower()))
        for fix in (entity_spans.no_letters, entity_spans.name_tail, entity_spans.listed_heads,
                    entity_spans.web_names, entity_spans.numbered_names,
                    entity_spans.descriptor_first, entity_spans.hyphen_places,
                    entity_spans.home_places):
            changed |= fix(doc, ents)
        changed |= entity_spans.foreign_heads(doc, ents, self.foreign_heads)
        changed |= entity_spans.foreign_names(doc, ents, self.foreign_heads,
                                              self.foreign_phrases)
        changed |= entity_spans.trade_names(doc, ents)
        changed |= entity_spans.common_nouns(doc, ents)
        changed |= entity_spans.hyphen_compounds(doc, ents)
        changed |= entity_spans.place_lists(doc, ents)
        if changed:
            doc.set_ents(filter_spans(ents), default="outside")
        return doc


# people of an organisation written capitalised after its name ("ABTA Members")
_PEOPLE_TAILS = frozenset({"Members", "Customers", "Clients", "Users", "Employees", "Staff",
                           "Shoppers", "Subscribers", "Staffers", "Account-holders",
                           "Accountholders", "Policyholders", "Cardholders"})


def _people_tail(doc: Doc, ent: Span) -> bool:
    """An ORG whose last word is its people ("ABTA Members", "Kestrel Bank Customers"), not
    a name that ends in them ("National Union of Students", "Friends of the Members"); never
    a gazetteer name."""
    return ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].text in _PEOPLE_TAILS \
        and (not ent.ent_id_ or ent.ent_id_.startswith("rule:")) \
        and not any(t.lower_ in ("of", "for", "and", "&") for t in ent[:-1]) \
        and (ent[-2].is_title or ent[-2].is_upper)


# plural nouns for people whose possessive opens an institution's name ("Children's Hospital
# Los Angeles", "Women's Aid", "People's Bank"); regular plurals take a bare apostrophe
# ("Veterans' Affairs"), handled by shape
_POSSESSIVE_PEOPLE = frozenset({"Children", "Women", "Men", "People", "Peoples"})
# capitalised words before "the" that open a sentence and name no organisation ("Yesterday
# the X Foundation said"): stop words, weekdays, months, -ly adverbs and these
_NOT_NAME_OPENERS = frozenset({"Yesterday", "Today", "Tonight", "Tomorrow", "Earlier", "Later",
                               "Last", "Next", "Meanwhile", "Previously", "Recently", "Then",
                               "Contact", "Call", "Visit", "Ask", "Read", "See", "Watch",
                               "Follow", "Join", "Like", "Unlike", "Despite", "Including"})


def _inner_words(doc: Doc, ents: list[Span]) -> bool:
    """Organisation names with a possessive or "the" inside, which the model and the
    organisation shapes cut at that word:

    * "Children's" / "Women's" / "Veterans'" (a plural noun for people in the possessive)
      before an ORG ("Children's" + "Hospital Los Angeles Medical Group"), or before a
      capitalised run without an entity that holds an organisation word ("Children's
      Hospital Los Angeles learned …") is part of the name;
    * "<Word> the" before an ORG ("Save the" + "Children Foundation") is part of it when
      the word is capitalised and no entity, stop word, weekday, month, -ly adverb or
      sentence-opening adverb/imperative ("Yesterday the X Foundation said").

    Gazetteer names (an ``ent_id_`` not starting with "rule:") are left alone. ``ents`` is
    changed in place; returns whether anything changed."""
    changed = False
    ents.sort(key=lambda e: e.start)
    taken = {i for e in ents for i in range(e.start, e.end)}
    by_start = {e.start: k for k, e in enumerate(ents)}
    # a possessive before a capitalised run the model left alone
    for tok in doc:
        i = tok.i
        if tok.text not in _POSSESSIVE_PEOPLE or i in taken or i + 2 >= len(doc) \
                or doc[i + 1].text not in ("'s", "’s") or i + 2 in taken:
            continue
        end = i + 2
        while end < len(doc) and end not in taken and doc[end].is_alpha \
                and (doc[end].is_title or doc[end].is_upper) and end - i < 8:
            end += 1
        if any(doc[j].text in ORG_WORDS or doc[j].text in _ORG_HEADS_EXTRA
               for j in range(i + 2, end)):
            ents.append(Span(doc, i, end, label="ORG"))
            taken.update(range(i, end))
            changed = True
    for k, ent in enumerate(list(ents)):
        if ent.label_ != "ORG" or ent.ent_id_ and not ent.ent_id_.startswith("rule:"):
            continue
        s = ent.start
        start = None
        if s >= 2 and doc[s - 1].text in ("'s", "’s", "'", "’") \
                and not doc[s - 2].whitespace_ and s - 2 not in taken \
                and (doc[s - 2].text in _POSSESSIVE_PEOPLE or doc[s - 1].text in ("'", "’")
                     and NAME_WORD.match(doc[s - 2].text) and doc[s - 2].text.endswith("s")):
            start = s - 2
        elif s >= 2 and doc[s - 1].text == "the" and s - 2 not in taken:
            w = doc[s - 2]
            if NAME_WORD.match(w.text) and not w.is_stop and w.text not in WEEKDAYS \
                    and w.text not in MONTHS and w.text not in _NOT_NAME_OPENERS \
                    and not w.lower_.endswith("ly") and not w.text in TITLES \
                    and (w.i == 0 or not (doc[w.i - 1].is_title and doc[w.i - 1].is_alpha)):
                start = s - 2
        if start is not None:
            idx = ents.index(ent)
            ents[idx] = Span(doc, start, ent.end, label="ORG", kb_id=ent.kb_id,
                             span_id=ent.id)
            taken.update(range(start, s))
            changed = True
    return changed


# institutions named after a saint: "St Bride's Church", "St Aldric's Hospital", "St Mary's
# Catholic Primary School" (the model stops at the possessive: "St Bride")
_SAINTS = frozenset({"St", "St.", "Saint", "Ste", "Ste."})
_SAINT_HEADS = frozenset({"Church", "Cathedral", "Chapel", "Abbey", "Priory", "Minster",
                          "Hospice", "Infirmary", "Primary", "Surgery", "Practice", "Parish",
                          "Home", "Centre", "Center"})


def _saint_names(doc: Doc, ents: list[Span]) -> bool:
    """"St Bride" + "'s Church": an entity naming a saint ("St"/"Saint" + capitalised words)
    with a possessive inside or right after it, then a capitalised run holding an
    institution word (a church, hospital, school, …), is that institution: one ORG up to the
    end of the first institution words in a row ("St Bride's Church Loses Roof Fund" in a
    headline ends at "Church"; "St Aldric's Hospital" read as a place is an ORG). Gazetteer names are left
    alone. ``ents`` is changed in place; returns whether anything changed."""
    changed = False
    for k, ent in enumerate(ents):
        if ent.text.split(" ", 1)[0] not in _SAINTS or len(ent) < 2 \
                or ent.label_ not in ("ORG", "PERSON", "GPE", "LOC") \
                or ent.ent_id_ and not ent.ent_id_.startswith("rule:"):
            continue
        # the possessive: inside the entity ("St Aldric's Hospital" as LOC, "St Mary's") or
        # right after it ("St Bride")
        i = next((q for q in range(ent.start + 2, min(ent.end + 1, len(doc)))
                  if doc[q].text in ("'s", "’s", "'", "’") and not doc[q - 1].whitespace_),
                 None)
        if i is None:
            continue
        last, j = None, i + 1
        while j < len(doc) and j < i + 7 and doc[j].is_alpha \
                and (doc[j].is_title or doc[j].is_upper):
            head = doc[j].text in _SAINT_HEADS or doc[j].text in ORG_WORDS \
                or doc[j].text in _ORG_HEADS_EXTRA
            if head and (last is None or last == j - 1):
                last = j   # "Primary School", "Hospital Trust": heads in a row
            elif last is not None:
                break
            j += 1
        if last is not None and (last + 1, "ORG") != (ent.end, ent.label_):
            ents[k] = Span(doc, ent.start, last + 1, label="ORG", kb_id=ent.kb_id,
                           span_id=ent.id)
            changed = True
    return changed


# organisation words that open an institution's name after a possessive, besides ORG_WORDS
_ORG_HEADS_EXTRA = frozenset({"Hospital", "Hospitals", "Clinic", "Aid", "Fund", "Trust",
                              "Centre", "Center", "Museum", "Union", "Health", "Charity",
                              "Refuge", "Network", "Alliance", "Coalition", "Services"})


# heads of other languages that name a settlement or an area, not its administration
_SETTLEMENT_HEADS = frozenset({"Ville", "Commune", "Communauté", "Agglomération", "Métropole",
                               "Région", "Département", "Stadt", "Kreis", "Landkreis",
                               "Gemeinde", "Comune", "Provincia", "Regione", "Provincie",
                               "Gemeente"})
_SETTLEMENTS = frozenset({"city", "town", "village", "county", "borough", "municipality",
                          "township", "parish", "district", "province", "state", "region",
                          "commune", "prefecture"})
_COUNCIL_KINDS = frozenset({"city", "county", "borough", "district", "town", "parish",
                            "metropolitan", "regional", "municipal", "village", "shire"})


def _council_end(doc: Doc, ent: Span) -> int:
    """"Leicester city council", "Harrowgate borough council": a place (or a place read as an
    organisation) followed by a lower-case "[city/county/…] council" is that council (one
    ORG); returns the end token, or 0."""
    if ent.label_ not in ("GPE", "ORG", "LOC") or ent.ent_id_ and ent.label_ != "GPE":
        return 0
    i = ent.end
    if i < len(doc) and doc[i].lower_ in _COUNCIL_KINDS and doc[i].is_lower:
        i += 1
    if i < len(doc) and doc[i].lower_ in ("council", "councils") and doc[i].is_lower:
        return i + 1
    return 0


__all__ = ["EntityLabels", "LABELS", "LABEL_MAP", "make_entity_labels"]
