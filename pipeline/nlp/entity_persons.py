"""``person_rules``: label fixes between PERSON and ORG/GPE/LOC after the statistical NER
(:class:`PersonRules`), and the edges of personal names. The organisation side of the same
component — a one-word name its context calls a company, one-word members of an organisation
list — is in :mod:`pipeline.nlp.entity_companies`."""
from __future__ import annotations

import re

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .entity_companies import ProductNames, company_names, list_orgs
from .entity_data import place_names
from .entity_words import FOREIGN_HONORIFICS, NAME_WORD, TITLES, WEEKDAYS, SpanIndex, \
    common_word

_INITIAL = re.compile(r"^[A-Z]\.$")
_MC_NAME = re.compile(r"^(?:Mc|Mac|O'|O’)[A-Z][a-z]+$")   # McAfee, MacDonald, O'Brien
# names with a capital inside, which NAME_WORD refuses: "McAllister", "MacKenzie", "O'Neill",
# "D'Souza", "DeVries", "LeBlanc", "DiMaggio", "FitzGerald", "VanDyke"
_PREFIXED_NAME = re.compile(
    r"^(?:Mc|Mac|O['’]|D['’]|De|Di|Da|Du|La|Le|Van|Von|Fitz)[A-Z][a-z]+$")
_SPEECH_VERBS = frozenset({"said", "says", "told", "added", "explained", "explains", "warned",
                           "warns", "wrote", "writes", "noted", "notes", "argued", "argues",
                           "recalled", "recalls", "insisted", "insists"})
# honorifics of other languages that are English abbreviations too ("Sr." senior, a suffix,
# "Sig." signature): a person's only before name words that are no role, not after a name
_AMBIGUOUS_HONORIFICS = frozenset({"Sr", "Sra", "Srta", "Sig"})
_RANK_WORDS = frozenset({"director", "manager", "officer", "vice", "president", "executive",
                         "researcher", "analyst", "engineer", "consultant", "partner",
                         "editor", "fellow", "adviser", "advisor", "counsel", "associate",
                         "architect", "scientist", "specialist", "head", "chief", "vp",
                         "lecturer", "developer", "administrator", "staff"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "from", "across", "of"})
_PARTICLES = frozenset({"van", "de", "der", "den", "von", "al", "bin", "da", "di", "du", "la",
                        "le", "ter", "ten", "dos", "das", "del"})
# first words of organisation and place names too ("General Mills", "Major League Baseball",
# "King County", "Mr. Cooper", "Dr. Martens"): an ORG/GPE/LOC starting with one of these is
# never turned into a person
_ORG_FIRST_TITLES = frozenset({"General", "Gen.", "Major", "King", "Queen", "Prince",
                               "Saint", "Secretary", "President", "Premier", "Capt.",
                               "Captain", "Father", "Lord", "Lady", "Mr", "Mr.", "Dr", "Dr."})
# capitalised titles of office that precede a person's name in running text
_CAP_TITLES = frozenset({"Sheriff", "Senator", "Sen.", "Rep.", "Representative", "Governor",
                         "Gov.", "Mayor", "Judge", "Detective", "Inspector", "Sergeant", "Sgt.",
                         "Officer", "Chancellor", "Ambassador", "Commissioner", "Councillor",
                         "Councilman", "Councilwoman", "Congressman", "Congresswoman",
                         "Superintendent", "Constable"})
_NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
# "the daughter of Ric Hale": a kinship noun + "of" before a name is a person cue
_KIN_NOUNS = frozenset({"daughter", "son", "wife", "husband", "widow", "widower", "father",
                        "mother", "brother", "sister", "niece", "nephew", "grandson",
                        "granddaughter", "cousin", "fiancée", "fiancee", "girlfriend",
                        "boyfriend", "partner"})
_NAME_BREAKS = frozenset({"-", "–", "—", ":", "|", "/"})


# gazetteer ids of companies named after people ("Kaspersky", "Bloomberg", "McAfee")
_BRAND_IDS = frozenset({"company", "media", "vendor", "security_firm"})
# given names that are also words opening a sentence ("Will Microsoft patch it?")
_WORD_NAMES = frozenset({"Will", "Can", "May", "June", "April", "August", "Mark", "Bill",
                         "Grant", "Hope", "Rich", "Chase", "Pat", "Sue", "Frank", "Drew",
                         "Miles", "Guy", "Don", "Art", "Rob", "Jack", "Ray", "Joy", "Faith",
                         "Summer", "Dawn", "Sunny", "Christian", "Justice", "Page", "Price",
                         "Young", "Long", "King", "Major", "Lane", "Dean", "Glen", "Wade",
                         "Buck", "Earl", "Duke", "Prince", "Sterling", "Star", "Angel"})
# "<Name>'s <noun>": shops, restaurants and military units named after a person
_BUSINESS_NOUNS = frozenset({
    "pizza", "pizzeria", "restaurant", "cafe", "café", "grill", "bar", "pub", "inn", "tavern",
    "bakery", "deli", "diner", "kitchen", "bistro", "steakhouse", "burgers", "brewery",
    "karate", "garage", "auto", "salon", "barbershop", "shop", "store", "market", "pharmacy",
    "hardware", "furniture", "jewelers", "jewellers", "farm", "farms", "nursery", "florist",
    "brigade", "division", "regiment", "battalion", "corps"})
# lower-case words glued to a name by a hyphen that make a compound adjective, not a name part
# ("Trump-appointed", "Musk-era"); a short lower-case part otherwise belongs to the name
# ("Kim Dae-jung", "Yen Chia-kan", "al-Sadr")
_HYPHEN_NOT_NAME = frozenset({"era", "style", "like", "type", "era", "free", "wing", "born",
                              "made", "run", "led", "owned", "based", "backed", "linked",
                              "aligned", "funded", "proof", "less", "ish", "esque"})
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,5}s$")   # NGOs, ISPs, CEOs, MSPs


def _name_word(text: str) -> bool:
    """A capitalised name word: "Sanne", "Khoury-Haq", "O'Brien", "McAllister", "DeVries"."""
    return bool(NAME_WORD.match(text) or _PREFIXED_NAME.match(text))


def _hyphen_part(tok, covered: set[int]) -> bool:
    text = tok.text
    if tok.i in covered or not tok.is_alpha:
        return False
    if _name_word(text) or text.isupper() and len(text) > 1:
        return True
    return tok.is_lower and len(text) <= 4 and text not in _HYPHEN_NOT_NAME \
        and not text.endswith(("ed", "ing"))


def _double_barrelled(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
    """"Cormac McAllister" + "-" + "Byrne": a PERSON of two or more words glued by a hyphen
    to a one-word PERSON is one double-barrelled name when the sentence goes on after it
    with punctuation, a speech verb or "and"/"who"/"of" — not with a noun ("the Theresa
    May-Trump talks": two people)."""
    out, changed = [], False
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and ent.label_ == "PERSON" and prev.label_ == "PERSON" \
                and not ent.ent_id_ and not prev.ent_id_ and len(ent) == 1 \
                and len(prev) >= 2 and ent.start == prev.end + 1 \
                and doc[prev.end].text in ("-", "‐") and not doc[prev.end - 1].whitespace_ \
                and not doc[prev.end].whitespace_ and _name_word(ent.text):
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if nxt is None or nxt.is_punct or nxt.lower_ in _SPEECH_VERBS \
                    or nxt.lower_ in ("and", "who", "of"):
                out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
                changed = True
                continue
        out.append(ent)
    return out, changed


def _who_cue(doc: Doc, end: int) -> bool:
    """``NAME, who …``: a relative clause for a person."""
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who"


def _hyphen_parts(doc: Doc, start: int, end: int, covered: set[int]) -> tuple[int, int]:
    """Grow a name span over hyphenated parts written without spaces: "Little" + "-" +
    "Pengelly", "Khoury" + "-" + "Haq", "al" + "-" + "Sadr"; a span that ends on the hyphen
    ("Kim Dae-") takes the next part. Parts inside another entity are left alone."""
    if end - start > 1 and doc[end - 1].text in ("-", "‐") and not doc[end - 2].whitespace_ \
            and not doc[end - 1].whitespace_ and end < len(doc) \
            and _hyphen_part(doc[end], covered):
        end += 1
    while end + 1 < len(doc) and doc[end].text in ("-", "‐") \
            and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and _hyphen_part(doc[end + 1], covered) \
            and (end - start > 1 or doc[end + 1].is_lower):  # "Trump-Putin summit": two names
        end += 2
    while start >= 2 and doc[start - 1].text in ("-", "‐") \
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ \
            and (_hyphen_part(doc[start - 2], covered) or doc[start - 2].lower_ in
                 ("al", "el", "bin", "ibn", "abu", "ben", "ould")):
        start -= 2
    return start, end


@Language.factory("person_rules", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={})
def make_person_rules(nlp: Language, name: str) -> "PersonRules":
    from .extensions import register_extensions
    register_extensions()   # reads doc._.language (organisation heads of other languages)
    return PersonRules()


class PersonRules:
    """Label fixes between PERSON and ORG/GPE/LOC after the statistical NER.

    The model finds names far better than it labels them. A span the model (not the
    gazetteer: those carry an ``ent_id_``) labelled ORG/GPE/LOC becomes PERSON when it looks
    like a personal name — 2–4 capitalised words (initials and particles such as "van" allowed)
    whose last word is no organisation/place word — and either is a known first name + known
    surname, follows a role noun in running text ("analyst", "spokesperson") or an honorific
    ("Dr"), or has a first name or surname and is followed by a speech verb ("said") or an
    appositive role (", a spokesperson"). A run of 2–3 such words after a
    role noun that the model left out becomes PERSON as well. Within a document, the surname
    of a person named in full relabels a lone ORG/GPE/LOC mention of it and becomes a PERSON
    where the model found nothing ("Fratric developed"; not a word the document also uses in
    lower case), and so does one name word after an honorific ("Mr Price"); an age in commas
    ("Evaldas Rimasauskas, 48,") is a person cue too. A one-word ORG/LOC
    that is a known given name ("contact Vernon") or a known surname joined by "and"/"or" to a
    PERSON ("Hitzig and Fritsch") becomes PERSON, unless a locative preposition precedes it
    ("in Lawrence"); ``single_names = False`` switches this off (for measurement). A PERSON
    span whose last word is an organisation word ("Malcolm Smith Motorsports") becomes ORG.
    A one-word PERSON that is no known given name or surname (nor the surname of a person
    named in full in the document) and that only a company fits — "<X> chief executive
    Fiona Garrity", "<X>'s shareholders" — is an ORG, with its other mentions. In an article
    in another language (``doc._.language``), a PERSON that opens with an organisation head
    word of that language ("Die Stadtwerke Hohenbrück", "la Mairie de X") is an ORG without
    the article; a bare head ("Die Stadtwerke") is no entity. A weekday is never the first
    word of a name ("by Monday Tillwise said"). The name words after an honorific of another
    language ("Mme", "Herr", "Frau", "Sra.", "M." before two name words) are a PERSON without
    it, whatever the model read ("Mme Valérie Delcourt" as an organisation).
    Data: ``data/gazetteers/entities_person.jsonl`` (built by ``training/build_gazetteer.py``);
    the organisation heads and articles of other languages are read from the incident_orgs
    cue files ``data/gazetteers/org_cues_<lang>.json`` (:func:`load_org_heads`).
    """

    def __init__(self):
        self.first_names: frozenset[str] = frozenset()
        self.surnames: frozenset[str] = frozenset()
        self.roles: frozenset[str] = frozenset()
        self.org_last: frozenset[str] = frozenset()
        self.not_last: frozenset[str] = frozenset()
        self.single_names = True
        self.edges = True
        self.companies = True   # "security firm Versprite": a PERSON called a company
        self.bare_surnames = True   # "Fratric said": a surname of a person named in full
        self.lists = True   # "ExxonMobil, Sinopec and PetroChina": one-word list members
        # language -> (organisation head words, articles, longest head in words)
        self.org_heads: dict[str, tuple[frozenset[str], frozenset[str], int]] = {}
        self._role_key = None   # (vocab, roles) the cached role/title hash arrays are for

    def add_data(self, data: dict[str, frozenset[str]]) -> None:
        self.first_names = self.first_names | data.get("first_name", frozenset())
        self.surnames = self.surnames | data.get("surname", frozenset())
        self.roles = self.roles | data.get("role", frozenset())
        self.org_last = self.org_last | data.get("org_last", frozenset())
        self.not_last = self.not_last | self.org_last | data.get("not_person_last", frozenset())

    def add_org_heads(self, heads: dict[str, tuple[list[str], list[str]]]) -> None:
        """``{lang: (head words, articles)}``, e.g. from :func:`load_org_heads`."""
        for lang, (words, articles) in heads.items():
            words = frozenset(w for w in words if w)
            if words:
                self.org_heads[lang] = (words, frozenset(a.lower() for a in articles),
                                        max(len(w.split()) for w in words))

    @staticmethod
    def _plural_acronyms(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """"Employees of US NGOs Fight for the Future": a plural acronym ("NGOs", "ISPs") is a
        common noun, never inside a name, so a model span running through one is mis-cut —
        it keeps only the words before it ("US"), and what follows is left to the other
        components (the organisation stage finds "Fight for the Future" itself)."""
        out, changed = [], False
        for ent in ents:
            cut = None if ent.ent_id_ else next(
                (t.i for t in ent if _PLURAL_ACRONYM.match(t.text)), None)
            if cut is None or cut == ent.end - 1 and cut == ent.start:
                out.append(ent)
                continue
            changed = True
            if cut > ent.start:
                out.append(Span(doc, ent.start, cut, label=ent.label_))
        return out, changed

    def _foreign_heads(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """"Die Stadtwerke Hohenbrück" PERSON -> ORG "Stadtwerke Hohenbrück" in a German
        article: a name opening with an organisation head of the article's language (after an
        optional article) is no person's; a bare head (or one followed by lower-case words
        only) names no one and is dropped."""
        cues = self.org_heads.get(doc._.language or "en") if self.org_heads else None
        if cues is None:
            return ents, False
        heads, articles, longest = cues
        out, changed = [], False
        for ent in ents:
            if ent.label_ == "PERSON" and not ent.ent_id_:
                i = ent.start + (1 if ent.end - ent.start > 1
                                 and doc[ent.start].lower_ in articles else 0)
                n = next((k for k in range(min(longest, ent.end - i), 0, -1)
                          if doc[i:i + k].text in heads), 0)
                if n:
                    changed = True
                    end = ent.end
                    while end > i + n and not doc[end - 1].text[:1].isupper():
                        end -= 1   # a lower-case tail is the sentence ("… lehnen ab")
                    if end > i + n:
                        out.append(Span(doc, i, end, label="ORG"))
                    continue
            out.append(ent)
        return out, changed

    def _honorific_names(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """"Mme Valérie Delcourt" read as an organisation, "Frau Annegret Holtkamp" left
        out, "Sra" + "." + "Lucía Barrientos": one to three name words (particles and
        hyphenated parts allowed) right after an honorific of another language are a
        PERSON without the honorific; model entities inside the honorific and the name are
        replaced (not gazetteer names, nor a run ending in an organisation word)."""
        hits = self._honorific_positions(doc)
        if not hits:
            return ents, False
        covered = {i for e in ents for i in range(e.start, e.end)}
        index = SpanIndex(ents)
        changed = False
        for i in hits:
            start = i + 1
            if doc[i].text == "M." or doc[i].text in _AMBIGUOUS_HONORIFICS:
                if i and doc[i - 1].is_title and doc[i - 1].is_alpha:
                    continue   # "John M. Smith": an initial; "John Smith Sr.": a suffix
                if doc[i].text != "M." and i > 1 and doc[i - 1].text == "," \
                        and doc[i - 2].is_title and doc[i - 2].is_alpha:
                    continue   # "Tom Hughes, Sr." / "Tom Hughes, Sr. Director of …"
            if doc[i].text != "M." and start < len(doc) and doc[start].text == "." \
                    and not doc[i].whitespace_:
                start += 1
            end = start
            while end < len(doc) and end - start < 4 and self._word_ok(doc[end], end == start):
                end += 1
            if end == start or end - start == 4 or not _name_word(doc[end - 1].text) \
                    or doc[end - 1].text in self.not_last \
                    or doc[i].text == "M." and end - start < 2 \
                    or doc[i].text in _AMBIGUOUS_HONORIFICS and any(
                        t.lower_ in self.roles or t.lower_ in _RANK_WORDS
                        for t in doc[start:end]):
                continue   # "Sr. Director of …", "Sr. Threat Researcher": senior
            start, end = _hyphen_parts(doc, start, end, set())
            inside = [e for e in index.overlapping(i, end) if e.start >= i - 1]
            if any(e.end > end or e.start < i or e.ent_id_ and not e.ent_id_.startswith("rule:")
                   for e in inside) or not inside and covered.intersection(range(i, end)):
                continue
            if len(inside) == 1 and (inside[0].start, inside[0].end, inside[0].label_) == (
                    start, end, "PERSON"):
                continue
            for e in inside:
                index.remove(e)
            index.add(Span(doc, start, end, label="PERSON"))
            covered.update(range(i, end))
            changed = True
        if changed:
            ents = list(ents)
            index.ents = ents
            index.apply()
            ents.sort(key=lambda e: e.start)
        return ents, changed

    def _honorific_positions(self, doc: Doc) -> list[int]:
        """Indices of the tokens that are honorifics of other languages (or "M.")."""
        strings = doc.vocab.strings
        if getattr(self, "_honorific_vocab", None) is not doc.vocab:
            self._honorific_orths = np.array(
                sorted({strings.add(t) for t in FOREIGN_HONORIFICS | {"M."}}), dtype=np.uint64)
            self._honorific_vocab = doc.vocab
        if not len(doc):
            return []
        return np.flatnonzero(np.isin(doc.to_array([ORTH]), self._honorific_orths)).tolist()

    @staticmethod
    def _word_ok(tok, first: bool) -> bool:
        text = tok.text
        if _name_word(text):
            return True
        return not first and (bool(_INITIAL.match(text)) or text in _PARTICLES)

    def _name_like(self, toks) -> bool:
        if not 2 <= len(toks) <= 4 or toks[-1].text in self.not_last:
            return False
        if not _name_word(toks[-1].text):
            return False
        return all(self._word_ok(t, i == 0) for i, t in enumerate(toks))

    def _role_positions(self, doc: Doc) -> list[int]:
        """Indices of the tokens that may open a role run: role nouns (any case) and
        capitalised titles of office."""
        key = (id(doc.vocab), self.roles)
        if self._role_key != key:
            strings = doc.vocab.strings
            self._role_lowers = np.array(sorted({strings.add(r) for r in self.roles}),
                                         dtype=np.uint64)
            self._title_orths = np.array(sorted({strings.add(t) for t in _CAP_TITLES}),
                                         dtype=np.uint64)
            self._role_key = key
        if not len(doc):
            return []
        arr = doc.to_array([LOWER, ORTH])
        hit = np.isin(arr[:, 0], self._role_lowers) | np.isin(arr[:, 1], self._title_orths)
        return np.flatnonzero(hit).tolist()

    def _after_role(self, doc: Doc, start: int) -> bool:
        """A role noun in running text ("analyst", "chief executive") or an honorific."""
        if start == 0:
            return False
        prev = doc[start - 1]
        if prev.lower_ == "of" and start >= 2 and doc[start - 2].lower_ in _KIN_NOUNS:
            return True   # "the daughter of Ric Hale"
        # capitalised: a title of office ("County Sheriff Don Eslinger"), or any role noun
        # opening the sentence ("Researcher Artem Moskowsky found …") in running text, not
        # in a Title Case heading ("Analyst Team Participants: none")
        if prev.lower_ not in self.roles or prev.text in _CAP_TITLES:
            return prev.text in _CAP_TITLES
        if prev.is_lower or prev.lower_.rstrip(".") in _HONORIFICS:
            return True
        if not (prev.is_title and prev.is_sent_start):
            return False
        for tok in doc[start:start + 6]:
            if tok.text in (":", "|", "-", "–", "—"):
                return False
            if tok.is_lower and tok.is_alpha:
                return True
        return False

    def _known_name(self, toks) -> bool:
        return toks[0].text in self.first_names and toks[-1].text in self.surnames

    def _speaker_cue(self, doc: Doc, end: int) -> bool:
        """``NAME said`` / ``NAME, a spokesperson`` / ``NAME, chief executive``."""
        if end >= len(doc):
            return False
        nxt = doc[end].lower_
        if nxt in _SPEECH_VERBS:
            return True
        if nxt == "," and end + 1 < len(doc):
            word = doc[end + 1].lower_
            if word in ("a", "an", "the") and end + 2 < len(doc):
                word = doc[end + 2].lower_
            return word in self.roles
        return False

    def _appositive_role(self, doc: Doc, end: int) -> bool:
        """``NAME, a security researcher hailing from …``: an appositive whose first few
        lower-case words hold a role noun."""
        if end + 1 >= len(doc) or doc[end].text != ",":
            return False
        j = end + 1
        if doc[j].lower_ in ("a", "an", "the"):
            j += 1
        for tok in doc[j:min(len(doc), j + 4)]:
            if not (tok.is_lower and tok.is_alpha or tok.text == "-"):
                return False
            if tok.lower_ in self.roles:
                return True
        return False

    def _person_over_head(self, doc: Doc, ent: Span) -> bool:
        """"Tom Court, a security researcher", "said Emily Post": a known given name + a
        surname that also ends organisation names ("Court", "Post", "Bank", "Church") is a
        person's name when the text says so — a role noun before it, a speech verb before or
        after it, a role in an appositive, an age, or "said he/she". The known name alone
        is no cue ("Victoria Court" is a building, "Lincoln Bank" a bank)."""
        toks = list(ent)
        if not 2 <= len(toks) <= 3 or not self._known_name(toks) \
                or not all(NAME_WORD.match(t.text) for t in toks) \
                or toks[0].is_sent_start and toks[0].text in _WORD_NAMES:
            return False
        return self._after_role(doc, ent.start) or self._speaker_cue(doc, ent.end) \
            or self._appositive_role(doc, ent.end) or self._age_cue(doc, ent.end) \
            or self._personal_pronoun_cue(doc, ent) \
            or ent.start > 0 and doc[ent.start - 1].lower_ in _SPEECH_VERBS

    @staticmethod
    def _personal_pronoun_cue(doc: Doc, ent: Span) -> bool:
        """``NAME said he/she/his/her …``: a speech verb right after the name and a personal
        pronoun right after the verb — organisations say "it"/"its"/"they"."""
        i = ent.end
        return i + 1 < len(doc) and doc[i].lower_ in _SPEECH_VERBS and \
            doc[i + 1].lower_ in ("he", "she", "his", "her", "him")

    def _lone_name(self, doc: Doc, ent: Span) -> bool:
        """A one-word model ORG/LOC that is a known given name ("contact Vernon", "Traci,")
        or a known given name/surname joined by "and"/"or" to a PERSON ("Hitzig and
        Fritsch") — not after a locative preposition ("in Lawrence", "at Harrow")."""
        text = ent.text
        if not NAME_WORD.match(text) or text in self.not_last:
            return False
        if ent.start and doc[ent.start - 1].lower_ in _LOCATIVE:
            return False
        if text in self.first_names:
            return True
        if text not in self.surnames:
            return False
        for i, j in ((ent.start - 1, ent.start - 2), (ent.end, ent.end + 1)):
            if 0 <= min(i, j) and max(i, j) < len(doc) and doc[i].lower_ in ("and", "or") \
                    and doc[j].ent_type_ == "PERSON":
                return True
        return False

    def _edges(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """Person-name edges of model spans: titles are not part of a name ("Justice Thomas"
        -> "Thomas"; an ORG/GPE/LOC "Lord Diplock" -> PERSON "Diplock" when the rest is a
        known name), generational suffixes are ("Andrew J. Evans" + "Jr." -> "Andrew J. Evans
        Jr."), a PERSON ends before a spaced dash or colon ("Bryan Hull - Analyst") and takes
        in the parts of a hyphenated name that spaCy's tokeniser splits off ("Emma Little" +
        "-Pengelly", "Haq" -> "Khoury-Haq", "Kim Dae-" + "jung")."""
        out, changed = [], False
        starts = {e.start for e in ents}
        covered = {i for e in ents for i in range(e.start, e.end)}
        for ent in ents:
            if ent.ent_id_ or ent.label_ not in ("PERSON", "ORG", "GPE", "LOC"):
                out.append(ent)
                continue
            start, end, label = ent.start, ent.end, ent.label_
            if ent[-1].text in self.org_last:  # "Saint Mary Hospital" keeps its first word
                out.append(ent)
                continue
            while end - start > 1 and doc[start].text in TITLES and \
                    NAME_WORD.match(doc[start + 1].text):
                start += 1
            if label != "PERSON":
                if start == ent.start or doc[ent.start].text in _ORG_FIRST_TITLES:
                    out.append(ent)
                    continue
                rest = list(doc[start:end])
                if not self._name_like(rest) and not (
                        len(rest) == 1 and NAME_WORD.match(rest[0].text)) or not (
                        rest[0].text in self.first_names or rest[-1].text in self.surnames):
                    out.append(ent)
                    continue
                label = "PERSON"
            else:
                while end - start > 1 and doc[start].text in WEEKDAYS:
                    start += 1   # "by Monday Tillwise said": a date, then the name
                cut = next((i for i in range(start + 1, end) if doc[i].text in _NAME_BREAKS
                            and doc[i - 1].whitespace_), None)  # "al-Sadr" is one name
                if cut is not None and self._word_ok(doc[cut - 1], False):
                    end = cut
                if end < len(doc) and doc[end].text in _NAME_SUFFIXES and end not in starts:
                    end += 1
                elif self._third_part(doc, start, end, covered):
                    end += 1   # "Candace Steele" + "Flippin"
                elif self._prefixed_surname(doc, start, end, covered):
                    end += 1   # "Jamie" + "MacColl"
                if end - start == 1 and self._given_name_before(doc, start, covered):
                    start -= 1   # "Councillor Dervla" + "LeBlanc"
                start, end = _hyphen_parts(doc, start, end, covered)
            if (start, end, label) != (ent.start, ent.end, ent.label_):
                changed = True
                ent = Span(doc, start, end, label=label)
            out.append(ent)
        return out, changed

    def _third_part(self, doc: Doc, start: int, end: int, covered: set[int]) -> bool:
        """"Candace Steele Flippin said": a two-word PERSON (a known given name + a known
        given name or surname) directly followed by a capitalised known surname that no
        entity holds, that is no common English word and that ends the run of capitalised
        words, is cut short: the third word is part of the name."""
        if end - start != 2 or end >= len(doc) or end in covered \
                or doc[start].text not in self.first_names \
                or not (doc[start + 1].text in self.surnames
                        or doc[start + 1].text in self.first_names):
            return False
        tok = doc[end]
        if not doc[end - 1].whitespace_ or not NAME_WORD.match(tok.text) \
                or tok.text not in self.surnames or tok.text in self.not_last \
                or tok.text in WEEKDAYS or tok.text in TITLES or tok.is_sent_start \
                or common_word(doc, tok.lower_):
            return False
        nxt = doc[end + 1] if end + 1 < len(doc) else None
        return nxt is None or not (nxt.is_alpha and (nxt.is_title or nxt.is_upper))

    def _prefixed_surname(self, doc: Doc, start: int, end: int, covered: set[int]) -> bool:
        """"Jamie" + "MacColl", "Aoife" + "O'Dowd": a PERSON of one or two words that opens
        with a known given name, directly followed by a surname with an inner capital after
        Mc/Mac/O'/D'/De/Van/Fitz … that no entity holds and that ends the capitalised run,
        is cut short: the surname is part of the name."""
        if not 1 <= end - start <= 2 or end >= len(doc) or end in covered \
                or doc[start].text not in self.first_names or not doc[end - 1].whitespace_:
            return False
        tok = doc[end]
        if not _PREFIXED_NAME.match(tok.text) or NAME_WORD.match(tok.text):
            return False
        nxt = doc[end + 1] if end + 1 < len(doc) else None
        return nxt is None or not (nxt.is_alpha and (nxt.is_title or nxt.is_upper))

    def _given_name_before(self, doc: Doc, start: int, covered: set[int]) -> bool:
        """"Councillor Dervla" + PERSON "LeBlanc": the capitalised word before a one-word
        PERSON, in no entity, is its given name when it is a known given name (not a word
        opening the sentence: "Will …") or follows a role noun or title."""
        if start == 0 or start - 1 in covered:
            return False
        prev = doc[start - 1]
        if not prev.whitespace_ or not NAME_WORD.match(prev.text) or prev.text in TITLES \
                or prev.text in _CAP_TITLES or prev.text in WEEKDAYS \
                or prev.lower_ in self.roles or prev.text in self.not_last:
            return False
        if prev.text in self.first_names:
            return not (prev.is_sent_start and prev.text in _WORD_NAMES)
        return self._after_role(doc, start - 1)

    @staticmethod
    def _age_cue(doc: Doc, end: int) -> bool:
        """``NAME, 48,``: an age in commas right after the name."""
        return end + 2 < len(doc) and doc[end].text == "," and doc[end + 2].text in (",", ")") \
            and doc[end + 1].text.isdigit() and 1 <= int(doc[end + 1].text) <= 110

    def _person_cue(self, doc: Doc, toks, start: int, end: int, label: str) -> bool:
        if self._after_role(doc, start) or self._known_name(toks) or self._age_cue(doc, end):
            return True
        # ", who" only for a model ORG: "a boxer from the United States, who became …"
        return (self._speaker_cue(doc, end) or label == "ORG" and _who_cue(doc, end)) and (
            toks[0].text in self.first_names or toks[-1].text in self.surnames)

    def _named_brands(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """A one-word company/media/vendor name of the gazetteer right after a first name is
        the person's surname: "Eugene Kaspersky", "Michael Bloomberg", "John McAfee" (the
        gazetteer runs before the NER, so the model cannot take the name whole). The first
        name is a PERSON of the model or a known given name (not a sentence-initial word that
        is also a given name: "Will Microsoft ..."). Names the gazetteer lists whole ("Charles
        Schwab") are untouched."""
        out, changed = [], False
        for ent in ents:
            if ent.label_ == "ORG" and ent.ent_id_ in _BRAND_IDS and len(ent) == 1 \
                    and ent.start > 0 and (NAME_WORD.match(ent.text)
                                           or _MC_NAME.match(ent.text)):
                prev = doc[ent.start - 1]
                before = out[-1] if out and out[-1].end > ent.start - 1 else None
                if prev.whitespace_ and NAME_WORD.match(prev.text) and (
                        before is not None and before.label_ == "PERSON" and not
                        before.ent_id_ and len(before) <= 2 or
                        before is None and prev.text in self.first_names
                        and not (prev.is_sent_start and prev.text in _WORD_NAMES)):
                    start = before.start if before is not None else prev.i
                    if before is not None:
                        out.pop()
                    out.append(Span(doc, start, ent.end, label="PERSON"))
                    changed = True
                    continue
            out.append(ent)
        return out, changed

    def _business(self, doc: Doc, ent: Span, taken: set[int]) -> Span | None:
        """"Ray's Pizza", "Burch's Karate", "Howe's Brigade": a model PERSON + "'s" + a shop
        or unit noun is the name of a business or unit (ORG).

        The noun must be capitalised, as part of the name: "Rob Joyce's division at the NSA"
        is the man's department, and a lower-case noun would be trimmed off the ORG again
        (place_rules), leaving the person's name "Rob Joyce's" as an organisation. A name
        given in full with a known first name ("Rob Joyce's Division" in a title-case
        headline) is a person's possessive too."""
        i = ent.end
        if i + 1 < len(doc) and doc[i].lower_ in ("'s", "’s") and i + 1 not in taken \
                and doc[i + 1].lower_ in _BUSINESS_NOUNS and doc[i + 1].is_title \
                and not (len(ent) >= 2 and ent[0].text in self.first_names):
            return Span(doc, ent.start, i + 2, label="ORG")
        return None

    def __call__(self, doc: Doc) -> Doc:
        if not self.first_names:
            return doc
        ents, changed = self._edges(doc, list(doc.ents)) if self.edges else (list(doc.ents),
                                                                              False)
        ents, barrels = _double_barrelled(doc, ents)
        changed |= barrels
        ents, brands = self._named_brands(doc, ents)
        changed |= brands
        ents, heads = self._foreign_heads(doc, ents)
        changed |= heads
        ents, plural = self._plural_acronyms(doc, ents)
        changed |= plural
        ents, honorific = self._honorific_names(doc, ents)
        changed |= honorific
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        cleared = []   # spans whose rule id no longer applies (set_ents keeps token ids)
        for ent in ents:
            label = ent.label_
            if (ent.ent_id_ == "rule:industry_head" and self._industry_person(ent)
                    or ent.ent_id_.startswith("rule:") and label == "ORG"
                    and ent[-1].text in self.org_last and self._person_over_head(doc, ent)):
                changed = True
                cleared.append((ent.start, ent.end))
                out.append(Span(doc, ent.start, ent.end, label="PERSON"))
                continue
            if not ent.ent_id_ and label in ("ORG", "GPE", "LOC"):
                toks = list(ent)
                of = next((i for i, t in enumerate(toks) if t.lower_ == "of"), None)
                if self._name_like(toks) \
                        and self._person_cue(doc, toks, ent.start, ent.end, label) \
                        or toks[-1].text in self.org_last and self._person_over_head(doc, ent):
                    label = "PERSON"
                elif of is not None and of + 1 < len(toks) and self._name_like(toks[:of]) and (
                        self._known_name(toks[:of]) or self._after_role(doc, ent.start)):
                    # "Sanne Verhoeven of Fox-IT": the person, then the organisation
                    changed = True
                    out.append(Span(doc, ent.start, ent.start + of, label="PERSON"))
                    out.append(Span(doc, ent.start + of + 1, ent.end, label=ent.label_))
                    continue
                elif len(toks) == 1 and self._after_role(doc, ent.start) \
                        and NAME_WORD.match(toks[0].text) and toks[0].text not in self.not_last:
                    label = "PERSON"
                elif len(toks) == 1 and label != "GPE" and self.single_names \
                        and self._lone_name(doc, ent):
                    label = "PERSON"
                elif len(toks) <= 3 and self._personal_pronoun_cue(doc, ent) \
                        and all(NAME_WORD.match(t.text) or _MC_NAME.match(t.text)
                                for t in toks) and toks[-1].text not in self.not_last:
                    label = "PERSON"   # "Chahine said her family ...", "X told his staff"
            elif label == "PERSON" and len(ent) >= 2 and ent[-1].text in self.org_last \
                    and not self._person_over_head(doc, ent):
                label = "ORG"
            elif label == "PERSON" and not ent.ent_id_:
                business = self._business(doc, ent, taken)
                if business is not None:
                    changed = True
                    taken.update(range(business.start, business.end))
                    out.append(business)
                    continue
                split = self._person_of(ent)
                if split:
                    changed = True
                    out.extend(split)
                    continue
            if label != ent.label_:
                changed = True
                ent = Span(doc, ent.start, ent.end, label=label, kb_id=ent.kb_id,
                           span_id=ent.id)
            out.append(ent)
        # a role noun followed by a capitalised name the model missed (only the tokens that
        # are role nouns or titles are looked at: an array test instead of a Python loop)
        for i in self._role_positions(doc):
            tok = doc[i]
            if tok.i + 1 in taken or tok.i + 1 >= len(doc) \
                    or not self._after_role(doc, tok.i + 1):
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 3 and end not in taken \
                    and self._word_ok(doc[end], end == tok.i + 1):
                end += 1
            for stop in range(min(end, tok.i + 4), tok.i + 2, -1):
                toks = list(doc[tok.i + 1:stop])
                if self._name_like(toks) and (stop == len(doc) or not (
                        doc[stop].is_title and doc[stop].is_alpha)):
                    out.append(Span(doc, tok.i + 1, stop, label="PERSON"))
                    taken.update(range(tok.i + 1, stop))
                    changed = True
                    break
            else:
                # "Mr Price tweeted": one name word after an honorific
                nxt = doc[end] if end < len(doc) else None
                if end == tok.i + 2 and tok.lower_.rstrip(".") in _HONORIFICS \
                        and NAME_WORD.match(doc[tok.i + 1].text) \
                        and doc[tok.i + 1].text not in self.not_last \
                        and doc[tok.i + 1].text not in TITLES \
                        and doc[tok.i + 1].text not in _CAP_TITLES \
                        and (nxt is None or end not in taken and not nxt.is_title):
                    out.append(Span(doc, tok.i + 1, end, label="PERSON"))
                    taken.add(tok.i + 1)
                    changed = True
        # surnames of people named in full earlier in the document
        surnames = {e[-1].text for e in out if e.label_ == "PERSON" and len(e) >= 2}
        if surnames:
            for i, ent in enumerate(out):
                if ent.label_ in ("ORG", "GPE", "LOC") and not ent.ent_id_ and len(ent) == 1 \
                        and ent.text in surnames:
                    out[i] = Span(doc, ent.start, ent.end, label="PERSON", kb_id=ent.kb_id,
                                  span_id=ent.id)
                    changed = True
            if self.bare_surnames:
                bare = self._bare_surnames(doc, out, taken)
                if bare:
                    out.extend(bare)
                    changed = True
        products = ProductNames(doc)
        if self.companies:
            changed |= company_names(doc, out, self, products)
        if self.lists:
            changed |= list_orgs(doc, out, self, products)
        if changed:
            doc.set_ents(filter_spans(out), default="outside")
            for start, end in cleared:
                for tok in doc[start:end]:
                    tok.ent_id_ = ""
        return doc

    def _person_of(self, ent: Span) -> list[Span]:
        """"Pooja Iyer of Kolkata", "Dana Whitfield of Rostermark" as one model PERSON: a
        name of two or three words, "of", and one to three capitalised words is the person,
        then a place (a gazetteer place: GPE) or an organisation; [] when it is no such
        span ("Catherine of Aragon" has one word before "of")."""
        toks = list(ent)
        k = next((i for i, t in enumerate(toks) if t.lower_ == "of"), None)
        if k is None or not 2 <= k <= 3 or not 1 <= len(toks) - k - 1 <= 3 \
                or not self._name_like(toks[:k]) \
                or not all(t.is_title or t.is_upper for t in toks[k + 1:]):
            return []
        doc = ent.doc
        rest = doc[ent.start + k + 1:ent.end]
        label = "GPE" if rest.text.lower() in place_names()[0] else "ORG"
        return [Span(doc, ent.start, ent.start + k, label="PERSON"),
                Span(doc, rest.start, rest.end, label=label)]

    def _industry_person(self, ent: Span) -> bool:
        """"John Coffee", "Jean Marine": an industry-word name (rule:industry_head) that is a
        known given name + a known surname is a person; "Lindqvist Marine" is not."""
        return 2 <= len(ent) <= 3 and self._known_name(ent) \
            and all(NAME_WORD.match(t.text) or _MC_NAME.match(t.text) for t in ent)


    def _bare_surnames(self, doc: Doc, ents: list[Span], taken: set[int]) -> list[Span]:
        """"Ivan Fratric … Fratric developed an exploit": a lone surname of a person named in
        full in another sentence of the document that the model left without an entity is
        that person — unless it touches another capitalised word ("Fratric Labs") or "&"
        ("Brooks & Dunn"), is glued to a hyphen, or the same word appears in lower case in the
        document (a common word: "Price", "Baker"). Within the sentence of the full name a
        repeated surname is mostly a list or a title ("The Life of Goethe")."""
        full: dict[str, list[int]] = {}
        for e in ents:
            if e.label_ == "PERSON" and len(e) >= 2 and (NAME_WORD.match(e[-1].text)
                                                        or _MC_NAME.match(e[-1].text)):
                full.setdefault(e[-1].text, []).append(e.start)
        names = set(full)
        if not names or not len(doc):
            return []
        strings = doc.vocab.strings
        orths = np.array(sorted(strings.add(w) for w in names), dtype=np.uint64)
        hits = np.flatnonzero(np.isin(doc.to_array([ORTH]), orths)).tolist()
        if not hits:
            return []
        lowers = sent = None
        spans = []
        for i in hits:
            if i in taken:
                continue
            if sent is None:   # sentence number of every token
                if doc.has_annotation("SENT_START"):
                    starts = [bool(t.is_sent_start) for t in doc]
                else:
                    starts = [i == 0 or doc[i - 1].text in (".", "!", "?")
                              for i in range(len(doc))]
                sent = np.cumsum(starts)
            if any(sent[j] == sent[i] for j in full[doc[i].text]):
                continue
            prev = doc[i - 1] if i else None
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if prev is not None and (prev.is_title and prev.is_alpha and not prev.is_sent_end
                                     and prev.lower_.rstrip(".") not in _HONORIFICS
                                     or prev.text in ("-", "–") and not prev.whitespace_) \
                    or nxt is not None and (nxt.is_title and nxt.is_alpha or nxt.text == "&"
                                            or nxt.text in ("-", "–")
                                            and not doc[i].whitespace_):
                continue
            if lowers is None:
                lowers = {t.lower_ for t in doc if t.is_lower}
            if doc[i].lower_ in lowers:
                continue
            spans.append(Span(doc, i, i + 1, label="PERSON"))
            taken.add(i)
        return spans



__all__ = ["PersonRules", "make_person_rules"]
