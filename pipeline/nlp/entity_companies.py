"""The organisation side of ``person_rules``: names the text treats as companies.

* :func:`company_names`: a model PERSON with no known given name that its context calls a
  company ("security firm Versprite", "X, a software company"), a name written like a
  person's used as a business ("the Ashley Madison site"), a one-word name with a corporate
  office or possession after it ("X chief executive …", "X's shareholders") or that ships a
  fix / speaks of "its" … ("Tillwise said hackers broke into its network") is an ORG in
  every mention;
* :func:`list_orgs`: one-word members of a list anchored by a gazetteer or rule-shape
  organisation ("the NHS, FedEx and PetroChina") are organisations.

Both take the person name lists (``people.first_names``, ``people.surnames``: a
:class:`~pipeline.nlp.entity_persons.PersonRules`) and a :class:`ProductNames` of the Doc,
and change the entity list ``out`` in place.
"""
from __future__ import annotations

import re
from typing import Protocol

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from .entity_data import place_names
from .entity_words import (ATTACK_NOUNS, CAMEL, COMPANY_NOUNS, COMPANY_VERBS, FOREIGN_HONORIFICS,
                           MONTHS, NAME_WORD, TITLES, WEEKDAYS, common_word)


class NameLists(Protocol):
    """Known given names, surnames and role nouns (:class:`~pipeline.nlp.entity_persons.
    PersonRules`)."""
    first_names: frozenset[str]
    surnames: frozenset[str]
    roles: frozenset[str]


def _named_person(doc: Doc, ent: Span, roles: frozenset[str]) -> bool:
    """The text says ``ent`` is a person: an honorific of another language right before it
    ("Mme", "Sra" + ".", "M.") or a role noun heading an appositive after it ("Gérard
    Lemaire, the plant manager, confirmed the attack")."""
    i = ent.start
    if i and (doc[i - 1].text in FOREIGN_HONORIFICS or doc[i - 1].text == "M."
              or i > 1 and doc[i - 1].text == "." and doc[i - 2].text in FOREIGN_HONORIFICS):
        return True
    j = ent.end
    if j + 2 < len(doc) and doc[j].text == ",":
        j += 1
        if doc[j].lower_ in ("a", "an", "the", "its", "their"):
            j += 1
        for tok in doc[j:min(len(doc), j + 4)]:
            if not (tok.is_lower and tok.is_alpha or tok.text == "-"):
                break
            if tok.lower_ in roles:
                return True
    return False


# one-word names that only companies have around them: "<X> chief executive Fiona Garrity",
# "<X>'s shareholders" (a person has a spokesperson, staff, clients, investors, shares,
# products, a website or a network too, so those nouns are not here)
_CORPORATE_ROLES = frozenset({"ceo", "cto", "cfo", "ciso", "coo", "cio", "cso", "founder",
                              "co-founder", "cofounder", "chairman", "chairwoman"})
_CHIEF_OF = frozenset({"executive", "technology", "information", "security", "operating",
                       "financial", "product", "privacy", "risk", "data", "digital"})
_CORPORATE_POSSESSIONS = frozenset({"customers", "shareholders", "subsidiary", "subsidiaries",
                                    "headquarters", "servers", "systems"})
# the people of a company, named right after it ("GameStop shoppers", "OneLogin staff")
_CORPORATE_PEOPLE = frozenset({"customers", "shoppers", "employees", "staff", "staffers",
                               "spokesperson", "spokesman", "spokeswoman", "shareholders",
                               "subscribers", "stores", "customer", "shopper", "employee"})
# what a brand written like a person's name runs: "the Ashley Madison site", "users of the
# Ashley Madison service"
_BRAND_NOUNS = frozenset({"site", "website", "service", "platform", "app", "customers",
                          "users", "members", "subscribers", "user", "userbase", "database",
                          "servers", "brand", "store", "stores", "shoppers", "network"})
# nouns after a list of names that make its members products ("Drupal and Joomla sites")
_LIST_PRODUCT_NOUNS = frozenset({"sites", "websites", "servers", "installations", "users",
                                 "accounts", "plugins", "platforms", "systems", "devices",
                                 "products", "apps", "browsers", "databases", "instances",
                                 "versions", "software", "clients", "extensions", "games"})


# company nouns: entity_words.COMPANY_NOUNS; nouns that name people too, and the modifiers
# that make them a business
_MODIFIED_COMPANY_NOUNS = {
    "provider": frozenset({"web", "cloud", "hosting", "internet", "broadband", "telecom",
                           "telecoms", "telecommunications", "email", "vpn", "dns", "payment",
                           "payments", "software", "security", "cybersecurity", "it", "saas",
                           "service", "services", "technology", "tech", "data", "wireless",
                           "mobile", "satellite", "energy", "electricity", "outsourcing",
                           "payroll", "cable"}),
    "vendor": frozenset({"software", "security", "cybersecurity", "hardware", "technology",
                         "tech", "antivirus", "it", "saas", "cloud", "networking", "firewall",
                         "payment", "payments", "pos", "erp", "crm", "ehr"}),
    "operator": frozenset({"mobile", "telecom", "telecoms", "telecommunications", "wireless",
                           "cable", "satellite", "broadband", "port", "airport", "rail",
                           "railway", "pipeline", "grid", "casino", "ferry", "cruise"}),
    "maker": frozenset({"chip", "car", "phone", "smartphone", "device", "software", "drug",
                        "aircraft", "router", "printer", "camera", "toy", "hardware", "pc",
                        "laptop", "vehicle", "electronics", "equipment", "battery", "tyre",
                        "tire", "engine", "appliance", "semiconductor", "weapons", "arms"}),
    "carrier": frozenset({"wireless", "mobile", "cellular", "telecom", "phone", "regional",
                          "cost", "budget", "flag", "cargo", "freight", "national"}),
    "band": frozenset({"rock", "metal", "pop", "punk", "jazz", "indie", "folk", "boy", "girl",
                       "tribute", "cover", "country", "blues", "rap", "reggae", "grunge", "emo",
                       "ska", "soul", "funk", "dance", "electronic", "garage", "psychedelic"}),
    "label": frozenset({"record", "records", "music", "fashion", "clothing"}),
    "builder": frozenset({"boat", "ship", "yacht", "home", "house", "housing", "car", "bus",
                          "truck", "aircraft", "machine", "machinery"}),
    "processor": frozenset({"payment", "payments", "card", "credit-card", "transaction",
                            "food", "meat", "poultry", "dairy"}),
    "supplier": frozenset({"auto", "parts", "software", "food", "energy", "electricity",
                           "component", "components", "equipment", "chip", "medical"}),
    "producer": frozenset({"food", "steel", "oil", "gas", "chip", "meat", "dairy", "energy",
                           "electricity", "aluminium", "aluminum", "chemical", "chemicals"}),
}


def _company_noun(noun: str, before: str) -> bool:
    """``noun`` (lower case) names an organisation, given the lower-case word ``before`` it."""
    return noun in COMPANY_NOUNS or before in _MODIFIED_COMPANY_NOUNS.get(noun, ())


# after "<X> said/confirmed/has patched …" (entity_words.COMPANY_VERBS) only a possessive
# "its" counts (a person says "his"/"her"; "said it was" fits anyone)
_AUX = frozenset({"has", "have", "had"})
_PRONOUNS = frozenset({"we", "i", "you", "they", "it", "he", "she", "us", "them", "this",
                       "that", "these", "those", "who", "everyone", "someone", "nobody"})
_PERSONAL = frozenset({"he", "she", "his", "her", "him", "himself", "herself"})
# what a software maker ships: "X has released security updates", "X issued a fix"
_SHIP_VERBS = frozenset({"released", "issued", "shipped", "pushed", "rolled", "published"})
_PATCH_NOUNS = frozenset({"patch", "patches", "update", "updates", "fix", "fixes", "firmware",
                          "advisory", "hotfix", "hotfixes"})


# what follows a product's name, not a company's: "Thunderbird 52.9", "Quillmail email client"
_PRODUCT_AFTER = frozenset({"client", "app", "apps", "application", "browser", "software",
                            "product", "plugin", "plug-in", "extension", "version", "versions",
                            "edition", "release", "releases", "installation", "installations",
                            "installer", "build", "builds"})
_VERSION = re.compile(r"^v?\d+(?:\.\d+)*[a-z]?$")


class ProductNames:
    """Which names a Doc writes as a product somewhere: followed by a version number or a
    product noun ("Thunderbird 52.9", "the Quillmail email client"), after another owner's
    possessive ("Mozilla's Thunderbird", "its Thunderbird") or after "version(s) of".

    One per Doc and component call: the token ORTH array is read once, and each name is
    looked up once (``products(name) -> bool``)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._orths = None
        self._seen: dict[str, bool] = {}

    def __call__(self, name: str) -> bool:
        found = self._seen.get(name)
        if found is None:
            found = self._seen[name] = self._product(name)
        return found

    def _product(self, name: str) -> bool:
        doc = self.doc
        n = len(doc)
        if name not in doc.vocab.strings:
            return False
        if self._orths is None:
            self._orths = doc.to_array([ORTH])
        orth = doc.vocab.strings[name]
        for i in np.flatnonzero(self._orths == orth).tolist():
            nxt = doc[i + 1] if i + 1 < n else None
            if nxt is not None and (_VERSION.match(nxt.text) or nxt.lower_ in _PRODUCT_AFTER
                                    or i + 2 < n
                                    and nxt.lower_ in ("email", "mail", "web", "mobile")
                                    and doc[i + 2].lower_ in _PRODUCT_AFTER):
                return True
            if i and doc[i - 1].lower_ in ("its", "their") or i > 1 and doc[i - 1].text in (
                    "'s", "’s") and doc[i - 2].text != name:
                return True
            if i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in (
                    "version", "versions", "edition", "release"):
                return True
        return False


def _brand_use(doc: Doc, ent: Span) -> bool:
    """A name written like a person's that the text uses as a business: after "the" and
    before what a business runs ("the Ashley Madison site", "The Ashley Madison user base")."""
    return ent.start > 0 and doc[ent.start - 1].lower_ == "the" and ent.end < len(doc) and \
        doc[ent.end].lower_ in _BRAND_NOUNS and \
        (ent.end + 1 >= len(doc) or not doc[ent.end + 1].is_title)


def _its_subject(doc: Doc, i: int) -> bool:
    """The name ending before token ``i`` is the subject of a company verb and the clause goes
    on with "its" ("Cobaltline, a cybersecurity vendor, said hackers broke into its own
    network", "X has issued an update to its app", "X said in its advisory"), before any
    other name, person pronoun or new clause."""
    n = len(doc)
    if i < n and doc[i].text == ",":   # skip an appositive ", a cybersecurity vendor,"
        j = i + 1
        while j < n and j < i + 10 and doc[j].text != ",":
            j += 1
        if j >= n or doc[j].text != ",":
            return False
        i = j + 1
    if i < n and doc[i].lower_ in _AUX:
        i += 1
    if i < n and doc[i].lower_ in ("already", "now", "quietly", "since", "also"):
        i += 1
    if i >= n or doc[i].lower_ not in COMPANY_VERBS:
        return False
    rest = doc[i + 1:min(n, i + 14)]
    if any(t.lower_ in _PERSONAL for t in rest):
        return False   # "X released a patch he wrote"
    if doc[i].lower_ == "patched" or doc[i].lower_ in _SHIP_VERBS and any(
            t.lower_ in _PATCH_NOUNS for t in doc[i + 1:i + 5]):
        return True   # "X has patched …", "X has released security updates / a fix"
    for j in range(i + 1, min(n, i + 14)):
        t = doc[j]
        if t.lower_ in ("its", "itself"):
            return True
        if t.lower_ in ("he", "she", "his", "her", "him", "they", "their", "we", "our", "i",
                        "my", "who", "which", "but", "while", "and") \
                or t.text in (".", ";", ":", "!", "?", "“", '"') \
                or t.ent_type_ or t.is_title and t.is_alpha and not t.is_sent_start:
            return False
    return False


_IT_VERBS = frozenset({"said", "says", "confirmed", "confirms", "stated", "states", "added",
                       "announced", "announces", "acknowledged", "admitted", "insisted"})
# what may stand between such a verb and "that it": "in a statement", "on Thursday"
_IT_BETWEEN = frozenset({"in", "on", "a", "an", "its", "the", "statement", "statements",
                         "advisory", "blog", "post", "filing", "notice", "email", "letter",
                         "update", "last", "this", "week", "earlier", "later", "today",
                         "yesterday", "separately", "also", "publicly"} | {
                            w.lower() for w in WEEKDAYS})


# what an organisation says of itself as "it": "it would introduce", "it had notified"
_IT_ACTS = frozenset({"had", "has", "would", "will", "could", "can", "did", "does", "expected",
                      "expects", "planned", "plans", "intends", "intended", "continues",
                      "continued", "detected", "discovered", "found", "identified", "became",
                      "learned", "noticed", "immediately", "quickly", "also", "now", "then",
                      "took", "takes", "contacted", "notified", "informed", "engaged", "hired",
                      "shut", "paid", "refused", "declined", "remained", "remains", "regrets",
                      "apologised", "apologized", "believes", "believed", "may", "might"})
_IT_STATES = frozenset({"aware", "unaware", "confident", "committed", "satisfied", "working",
                        "cooperating", "co-operating", "investigating", "in", "taking",
                        "contacting", "notifying", "restoring", "able", "unable"})


def _it_subject(doc: Doc, i: int) -> bool:
    """The one-word name ending before token ``i`` says something of itself as "it": "X said
    it would introduce two-factor authentication", "X said in a statement that it was not
    aware of …", "X said on Thursday that it expected …" — an organisation speaking, not a
    person (the sentence has no "he"/"she"/"his"/"her")."""
    n = len(doc)
    if i >= n or doc[i].lower_ not in _IT_VERBS:
        return False
    j = i + 1
    while j < n and j < i + 6 and doc[j].lower_ in _IT_BETWEEN:
        j += 1
    if j < n and doc[j].lower_ == "that":
        j += 1
    if j + 2 >= n or doc[j].lower_ != "it" or not doc[j + 1].is_lower \
            or not doc[j + 1].is_alpha:
        return False
    verb, nxt = doc[j + 1].lower_, doc[j + 2]
    if verb in ("was", "is", "'s", "’s"):
        # "it was investigating", "it is not aware of" tell of the speaker; "it was a serious
        # breach", "it was too early to say" of something else
        k = j + 2
        while k + 1 < n and k < j + 4 and (nxt.lower_ == "not" or nxt.text in ('"', "“", "'")):
            k += 1
            nxt = doc[k]   # 'it was "not aware of any exploitation"'
        if not (nxt.lower_.endswith("ing") or nxt.lower_ in _IT_STATES):
            return False
    elif verb not in _IT_ACTS:
        return False
    sent = doc[i].sent if doc.has_annotation("SENT_START") else doc[max(0, i - 30):i + 30]
    return not any(t.lower_ in _PERSONAL for t in sent)


# "X has been hit by a cyber attack", "X says it was targeted by hackers", "X confirmed a
# ransomware attack": what is said of an organisation attacked (a person's account is
# "hacked" too, so names with a known given name stay out: see company_names)
_HIT_VERBS = frozenset({"hit", "targeted", "attacked", "breached", "hacked", "compromised",
                        "struck", "crippled", "paralysed", "paralyzed", "disrupted"})
_HIT_OWN = frozenset({"hacked", "breached", "compromised"})   # cyber words themselves
_REPORT_VERBS = frozenset({"says", "said", "confirmed", "confirms", "reported", "reports",
                           "disclosed", "discloses", "announced", "announces", "admitted",
                           "admits", "stated", "states"})
_SUFFER_VERBS = frozenset({"suffered", "suffers", "confirmed", "confirms", "disclosed",
                           "discloses", "reported", "reports", "detected", "experienced",
                           "experiences", "sustained"})
_INCIDENT_WORDS = frozenset({"cyber", "cyberattack", "cyber-attack", "cyberattacks",
                             "ransomware", "hack", "hackers", "hacker", "breach", "malware",
                             "intrusion", "ddos", "phishing", "incident", "attack", "attacks",
                             "criminals", "cybercriminals", "extortion", "encryption",
                             "cyberattaque", "cybersecurity"})


def _skip_clause(doc: Doc, i: int) -> int:
    """Past a comma-enclosed appositive or relative clause after a name (", which operates
    140 pharmacies across the Prairies,", ", based in La Spezia,"), or ``i``."""
    n = len(doc)
    if i < n and doc[i].text == ",":
        j = i + 1
        while j < n and j < i + 20 and doc[j].text not in (",", ".", ";", ":", '"', "“", "”"):
            j += 1
        if j < n and doc[j].text == ",":
            return j + 1
    return i


def incident_subject(doc: Doc, i: int) -> bool:
    """The name ending before token ``i`` is the subject of a cyber attack on it: "X has been
    hit by a cyber attack", "X says it has been hit by …", "X, which …, said it was
    targeted", "X has confirmed a ransomware attack", "X was hacked"."""
    n = len(doc)
    i = _skip_clause(doc, i)
    if i < n and doc[i].lower_ in _REPORT_VERBS:   # "says (that) it has been hit"
        j = i + 1
        if j < n and doc[j].lower_ == "that":
            j += 1
        if j < n and doc[j].lower_ == "it":
            i = j + 1
        elif doc[i].lower_ not in _SUFFER_VERBS:
            return False
    passive = False
    if i < n and doc[i].lower_ in ("has", "had", "have", "is", "was", "were"):
        passive = doc[i].lower_ in ("is", "was", "were")
        i += 1
    if i < n and doc[i].lower_ in ("been", "also", "now", "recently"):
        passive |= doc[i].lower_ == "been"
        i += 1
    if i < n and doc[i].lower_ == "been":
        passive = True
        i += 1
    if i + 1 < n and doc[i].lower_ == "the" and doc[i + 1].lower_ == "victim":
        i += 1   # "X is the victim of a computer attack"
    if i >= n:
        return False
    verb = doc[i].lower_
    near = {t.lower_ for t in doc[i + 1:min(n, i + 9)]}
    if verb in _HIT_VERBS and not passive:
        verb = ""   # "Russians hacked the committee": the attacker
    if verb in _HIT_OWN:
        return True
    if verb in _SUFFER_VERBS and verb not in _HIT_VERBS and (
            i + 1 >= n or doc[i + 1].lower_ not in ("a", "an", "the", "its", "another")):
        return False   # "X reported on a surge in attacks": a publisher, not a victim
    if verb in _HIT_VERBS or verb in _SUFFER_VERBS:
        return bool(near & _INCIDENT_WORDS) and not (
            verb in _HIT_VERBS and i + 1 < n and doc[i + 1].lower_ not in (
                "by", "with", "in", "over", "on", "last", "this", "earlier", "."))
    if verb == "fell" and i + 1 < n and doc[i + 1].lower_ == "victim":
        verb, near = "victim", {t.lower_ for t in doc[i + 2:min(n, i + 10)]}
    return verb == "victim" and bool(near & _INCIDENT_WORDS)


def _bare_name_before(doc: Doc, i: int, taken: set[int]) -> int | None:
    """The start of a capitalised name of 1–4 words ending before token ``i`` that no
    entity holds ("Harrowgate Water"), or None: name words, camel-case words or short
    acronyms; not only common words; not opening with a stop word, weekday, month or
    title."""
    j = i
    while j > 0 and i - j < 4 and j - 1 not in taken:
        tok = doc[j - 1]
        if not (NAME_WORD.match(tok.text) or CAMEL.match(tok.text)
                or tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 6):
            break
        j -= 1
        if tok.is_sent_start:
            break
    if j == i:
        return None
    words = doc[j:i]
    first = words[0]
    if first.is_stop or first.text in WEEKDAYS or first.text in MONTHS \
            or first.text in TITLES or first.lower_ in ATTACK_NOUNS \
            or all(common_word(doc, t.lower_) for t in words) \
            or j > 0 and (doc[j - 1].is_title or doc[j - 1].is_upper) \
            and doc[j - 1].is_alpha and not doc[j - 1].is_sent_start:
        return None
    return j


_APPOSITIVE_STOPS = frozenset({"based", "that", "which", "who", "whose", "with", "in", "of",
                               "for", "from", "at", "on", "and", "or", "to", "by", "headquartered",
                               "owned", "founded", "known", "run"})


# Places the gazetteer lists but that GeoNames/ISO name differently, and the usual short


def _glued(doc: Doc, j: int) -> bool:
    """Token ``j`` is the second part of a hyphenated compound written without spaces."""
    return j >= 2 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ \
        and not doc[j - 2].whitespace_ and doc[j - 2].is_alpha


def company_cue(doc: Doc, ent: Span) -> bool:
    """A company noun right before the name ("security firm Versprite", "the startup Chic")
    or heading an appositive after it ("Tillwise, a payroll software company based …").
    A noun that also names people (provider, vendor, operator, maker, carrier) or whose
    bare use is ambiguous (band, label) counts only after a modifier that makes it a
    business ("web provider Nayana", "mobile operator X", "nu metal band Korn"; not "care
    provider X", "dark-web vendor X")."""
    if ent.start and doc[ent.start - 1].is_lower and \
            _company_noun(doc[ent.start - 1].lower_,
                          doc[ent.start - 2].lower_ if ent.start > 1 else ""):
        return True
    i = ent.end
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in ("a", "an", "the"):
        head, before, j = None, "", i + 2
        while j < len(doc) and j < i + 8 and (doc[j].is_lower and doc[j].is_alpha
                                             or doc[j].text == "-"
                                             or head is None and doc[j].is_alpha
                                             and (doc[j].is_title or doc[j].is_upper)) \
                and (doc[j].lower_ not in _APPOSITIVE_STOPS or _glued(doc, j)):
            if doc[j].is_alpha:
                if _glued(doc, j):   # "start-up", "non-profit"; "London-based": a modifier
                    head = f"{doc[j - 2].lower_}-{doc[j].lower_}"
                    if doc[j].lower_ in _APPOSITIVE_STOPS:
                        before, head = head, None
                else:
                    before, head = head or "", doc[j].lower_
                if not doc[j].is_lower:   # "Swedish", "UK": a modifier, never the head
                    before, head = doc[j].lower_, None
            j += 1
        return head is not None and _company_noun(head, before)
    return False

def corporate_cue(doc: Doc, ent: Span) -> bool:
    """Words after a name that only a company takes: a corporate office ("<X> chief
    executive Fiona Garrity", "<X>'s CEO", "<X> founder") or a possession ("<X>'s
    shareholders", "<X>'s servers")."""
    i, possessive = ent.end, False
    if i < len(doc) and doc[i].lower_ in ("'s", "’s"):
        i, possessive = i + 1, True
    if i >= len(doc):
        return False
    word = doc[i].lower_
    if word in _CORPORATE_ROLES:
        return True
    if word == "chief" and i + 1 < len(doc) and doc[i + 1].lower_ in _CHIEF_OF:
        return True
    if not possessive and word in _CORPORATE_PEOPLE and doc[i].is_lower:
        return True   # "GameStop customers received letters", "OneLogin staff was alerted"
    return possessive and word in _CORPORATE_POSSESSIONS

def company_names(doc: Doc, out: list[Span], people: NameLists,
                  products: "ProductNames") -> bool:
    """A model PERSON that is no one's name — no known given name in it — and is called a
    company by its context (:func:`company_cue`) is an ORG, and so is every other model
    PERSON/GPE/LOC mention of the same name in the document ("Tillwise said …"). So is a
    one-word name that is no known given name or surname, nor the surname of a person
    named in full here, when one of its PERSON or ORG mentions is followed by a corporate
    office or possession (:func:`corporate_cue`: "Tillwise chief executive Fiona
    Garrity")."""
    names = set()
    full = {e[-1].text for e in out if e.label_ == "PERSON" and len(e) >= 2}
    added = _appositive_names(doc, out, people, products)
    added |= _attacked_names(doc, out, people)
    added |= _described_names(doc, out, people)
    names.update(added)
    fill = set(added)   # names whose mentions without an entity become ORG too
    places = place_names()[0]
    # first words of two-word organisation names ("Minterra" of "Minterra Health"; not of
    # longer ones, often named after a person or place: "Saha Institute of Nuclear Physics")
    heads = {e[0].text for e in out if e.label_ == "ORG" and len(e) == 2
             and (NAME_WORD.match(e[0].text) or CAMEL.match(e[0].text))
             and not common_word(doc, e[0].lower_)}
    for ent in out:
        if ent.label_ == "PERSON" and not ent.ent_id_ and len(ent) == 1 \
                and ent.text not in people.first_names and ent.text not in people.surnames \
                and ent.text not in full and ent.text.lower() not in places \
                and ent.text in heads:
            names.add(ent.text)   # "Minterra" beside "Minterra Health"
        elif ent.label_ in ("PERSON", "GPE", "LOC") and not ent.ent_id_ and len(ent) <= 4 \
                and ent[0].text[:1].isupper() \
                and not any(t.text in people.first_names for t in ent) \
                and (ent.label_ == "PERSON" or ent.text.lower() not in places
                     and not (ent.start and doc[ent.start - 1].lower_ == "of")) \
                and not (len(ent) == 1 and ent.text in people.surnames) \
                and ent.text not in full and incident_subject(doc, ent.end) \
                and not (ent.label_ == "PERSON" and _named_person(doc, ent, people.roles)):
            names.add(ent.text)   # "Hansetrans has been hit by a cyber attack"
            if len(ent) == 1:
                fill.add(ent.text)
        elif (ent.label_ == "PERSON" or ent.label_ in ("GPE", "LOC")
              and ent.text.lower() not in places) and not ent.ent_id_ and len(ent) <= 4 \
                and ent[0].text[:1].isupper() \
                and not any(t.text in people.first_names for t in ent) \
                and company_cue(doc, ent):
            names.add(ent.text)   # "security firm Versprite", "crypto exchange Meridex" (LOC)
        elif ent.label_ == "PERSON" and not ent.ent_id_ and len(ent) in (2, 3) \
                and _brand_use(doc, ent):
            names.add(ent.text)
        elif (ent.label_ in ("PERSON", "ORG", "LOC") or ent.label_ == "GPE"
              and ent.text.lower() not in place_names()[0]) \
                and not ent.ent_id_ and len(ent) == 1 \
                and NAME_WORD.match(ent.text) and ent.text not in people.first_names \
                and ent.text not in people.surnames and ent.text not in full:
            # "Tillwise said … its …" (not a product name): also its bare mentions
            subject = ent.label_ != "ORG" and (_its_subject(doc, ent.end)
                                               or _it_subject(doc, ent.end)) \
                and not products(ent.text)
            if subject or ent.label_ in ("PERSON", "ORG") and corporate_cue(doc, ent):
                names.add(ent.text)
                if subject:
                    fill.add(ent.text)
    # "Lindqvist Marine ... on Lindqvist's behalf": the first word of an industry-word
    # company name, alone, is that company unless a person of that surname is named here
    short = {e[0].text for e in out if e.label_ == "ORG" and len(e) == 2
             and e.ent_id_ == "rule:industry_head" and NAME_WORD.match(e[0].text)} - full
    names.update(n for n in short if n not in people.first_names)
    fill.update(n for n in short if n not in people.first_names)
    if not names:
        return bool(added)
    changed = bool(added)
    for i, ent in enumerate(out):
        if ent.text in names and not ent.ent_id_ and ent.label_ in ("PERSON", "GPE", "LOC"):
            out[i] = Span(doc, ent.start, ent.end, label="ORG", kb_id=ent.kb_id,
                          span_id=ent.id)
            changed = True
    single = {n for n in fill if " " not in n}
    if single:   # the other mentions the model left without an entity
        taken = {i for e in out for i in range(e.start, e.end)}
        for tok in doc:
            if tok.text in single and tok.i not in taken and (
                    tok.i + 1 >= len(doc) or not doc[tok.i + 1].is_title):
                out.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
                taken.add(tok.i)
                changed = True
    return changed



def _keep(span: Span, out: list[Span], taken: set[int], found: set[str]) -> None:
    """Add the name rules' ``span`` to ``out``, its tokens to ``taken`` and its text to
    ``found``."""
    out.append(span)
    taken.update(range(span.start, span.end))
    found.add(span.text)


def _described_names(doc: Doc, out: list[Span], people: NameLists) -> set[str]:
    """"files stolen from New Zealand insurer Tasman Mutual", "the retailer Corrig Home": a
    capitalised name of 1–3 words that no entity holds, right after a company noun
    (:func:`_company_noun`, lower case) and ending the capitalised run, is an ORG (added to
    ``out``) — not a known given name, weekday, month or title; returns the names."""
    taken = {i for e in out for i in range(e.start, e.end)}
    found: set[str] = set()
    n = len(doc)
    for tok in doc[:-1]:
        i = tok.i + 1
        if not tok.is_lower or i in taken or not _company_noun(
                tok.lower_, doc[tok.i - 1].lower_ if tok.i else ""):
            continue
        end = i
        while end < n and end - i < 3 and end not in taken and (
                NAME_WORD.match(doc[end].text) or CAMEL.match(doc[end].text)):
            end += 1
        if end == i or end < n and (doc[end].is_title or doc[end].is_upper) \
                and doc[end].is_alpha:
            continue
        first = doc[i]
        if first.text in people.first_names or first.text in WEEKDAYS \
                or first.text in MONTHS or first.text in TITLES or first.is_stop \
                or first.lower_ in ATTACK_NOUNS \
                or all(common_word(doc, t.lower_) for t in doc[i:end]):
            continue
        _keep(Span(doc, i, end, label="ORG"), out, taken, found)
    return found


def _attacked_names(doc: Doc, out: list[Span], people: NameLists) -> set[str]:
    """"Harrowgate Water has been hit by a cyber attack", "Prairie Apothecary, which runs 140
    pharmacies, says it has been hit …": a capitalised name of 1–4 words that no entity
    holds and that is the subject of an attack on it (:func:`incident_subject`) is an ORG
    (added to ``out``), unless it opens with a known given name; returns the names."""
    taken = {i for e in out for i in range(e.start, e.end)}
    found: set[str] = set()
    for tok in doc[1:]:
        i = tok.i
        prev = doc[i - 1]
        if i - 1 in taken or not prev.is_alpha or not (prev.is_title or prev.is_upper) \
                or not (tok.text == "," or tok.is_lower) \
                or not (tok.text == "," or tok.lower_ in _REPORT_VERBS or tok.lower_ in (
                    "has", "had", "have", "is", "was", "were") or tok.lower_ in _HIT_OWN
                    or tok.lower_ in _SUFFER_VERBS):
            continue
        start = _bare_name_before(doc, i, taken)
        if start is None or doc[start].text in people.first_names \
                or not incident_subject(doc, i):
            continue
        _keep(Span(doc, start, i, label="ORG"), out, taken, found)
    return found


def _list_member(doc: Doc, i: int, by_start: dict[int, Span],
                 taken: set[int]) -> tuple[int, Span | None] | None:
    """The list item starting at token ``i``: ``(end, entity)`` for an entity, ``(i + 1,
    None)`` for one capitalised word no entity holds, else ``None``."""
    if i >= len(doc):
        return None
    if i in by_start:
        return by_start[i].end, by_start[i]
    tok = doc[i]
    if i in taken or not (NAME_WORD.match(tok.text) or CAMEL.match(tok.text)) \
            or i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].is_alpha \
            or i and doc[i - 1].is_title and doc[i - 1].is_alpha \
            and not doc[i - 1].is_sent_start:
        return None   # one word of a longer name ("… Virtual Appliance, and …")
    return i + 1, None

def list_orgs(doc: Doc, out: list[Span], people: NameLists,
              products: "ProductNames") -> bool:
    """"… hit ExxonMobil, Sinopec and PetroChina": in a list of names joined by commas and
    a final "and"/"or" that holds an organisation of the gazetteer or of a rule shape (a
    model ORG is too weak an anchor: "Zay and Zayion", "Duke of Cumberland and
    Strathearn"), a one-word member that the model read
    as a person or place or left without an entity is an organisation too — when it is
    no known given name or surname, no gazetteer place, no common English word, no
    weekday or title, and the text never writes it as a product ("Drupal 8"); lists
    followed by a product noun ("Drupal and Joomla sites") are left alone."""
    if len(out) < 1 or not len(doc):
        return False
    out.sort(key=lambda e: e.start)
    by_start = {e.start: e for e in out}
    taken = {i for e in out for i in range(e.start, e.end)}
    places = place_names()[0]
    changed = False
    i = 0
    while i < len(doc):
        first = _list_member(doc, i, by_start, taken)
        if first is None:
            i += 1
            continue
        items, joined, end = [(i, *first)], False, first[0]
        while end < len(doc):
            j = end
            if doc[j].text == ",":
                j += 1
            conj = j < len(doc) and doc[j].lower_ in ("and", "or")
            if conj and joined:
                break   # "Microsoft and Apple and Baloch gave …": a new clause
            if conj:
                j += 1
            if j == end:
                break
            nxt = _list_member(doc, j, by_start, taken)
            if nxt is None:
                break
            items.append((j, *nxt))
            joined |= conj
            end = nxt[0]
        i = max(end, i + 1)
        if len(items) < 2 or not joined or not any(
                e is not None and e.label_ == "ORG" and e.ent_id_ for _s, _e, e in items):
            continue   # a listed or shaped organisation anchors it (not a model guess)
        if end < len(doc) and doc[end].lower_ in _LIST_PRODUCT_NOUNS:
            continue
        for start, stop, ent in items:
            if ent is not None and (ent.label_ not in ("PERSON", "GPE", "LOC")
                                    or ent.ent_id_ or len(ent) != 1):
                continue
            tok = doc[start]
            if not (NAME_WORD.match(tok.text) or CAMEL.match(tok.text)) \
                    or tok.text in people.first_names or tok.text in people.surnames \
                    or tok.lower_ in places or tok.text in WEEKDAYS \
                    or tok.text in TITLES or tok.text in MONTHS or tok.is_stop \
                    or common_word(doc, tok.lower_) or products(tok.text):
                continue
            span = Span(doc, start, stop, label="ORG")
            if ent is not None:
                out[out.index(ent)] = span
            else:
                out.append(span)
            changed = True
    return changed

def _appositive_names(doc: Doc, out: list[Span], people: NameLists,
                      products: "ProductNames") -> set[str]:
    """"Cobaltline, a cybersecurity vendor, said …": a one-word capitalised name that the
    model left without an entity and that an appositive calls a company
    (:func:`company_cue`) is an ORG (added to ``out``); returns the names. Not a known
    given name or surname, not a word the document also writes in lower case, and at a
    sentence start only a word the vocabulary does not know as a common word
    ("Yesterday, a security firm said")."""
    taken = {i for e in out for i in range(e.start, e.end)}
    found: set[str] = set()
    lowers = None
    for tok in doc:
        i = tok.i
        if i in taken or i + 2 >= len(doc) or not (
                doc[i + 1].text == "," and doc[i + 2].lower_ in ("a", "an")
                or doc[i + 1].lower_ in COMPANY_VERBS or doc[i + 1].lower_ in _AUX
                or doc[i + 1].lower_ in _CORPORATE_PEOPLE) \
                or not NAME_WORD.match(tok.text) \
                and not CAMEL.match(tok.text):
            continue
        if i and (doc[i - 1].is_title or doc[i - 1].is_upper) and doc[i - 1].is_alpha \
                and not doc[i - 1].is_sent_start:
            continue   # the end of a longer name the model did not find
        if tok.text in people.first_names or tok.text in people.surnames \
                or tok.text in TITLES or tok.text in WEEKDAYS \
                or tok.lower_ in ATTACK_NOUNS or tok.lower_ in _PRONOUNS:
            continue   # ('"We patched it," said …': a pronoun after a quote mark)
        if i and doc[i - 1].lower_ in ("the", "a", "an", "this", "our", "its",
                                        "their", "his", "her"):
            continue   # "the Company said its …": a common noun written capitalised
        if (tok.is_sent_start or i == 0) and (tok.is_stop or common_word(doc, tok.lower_)):
            continue   # "Yesterday, a security firm said …"
        if lowers is None:
            lowers = {t.lower_ for t in doc if t.is_lower}
        if tok.lower_ in lowers:
            continue
        span = Span(doc, i, i + 1, label="ORG")
        if (company_cue(doc, span) or (_its_subject(doc, i + 1) or _it_subject(doc, i + 1))
                and not products(tok.text)
                or doc[i + 1].lower_ in _CORPORATE_PEOPLE
                and corporate_cue(doc, span)) and not any(
                t.lower_ in _PERSONAL
                for t in doc[i:tok.sent.end if doc.has_annotation("SENT_START")
                             else min(len(doc), i + 30)]):
            if i >= 2 and doc[i - 1].text in _NAME_CONNECTORS and i - 2 not in taken \
                    and NAME_WORD.match(doc[i - 2].text) and not doc[i - 2].is_stop:
                span = Span(doc, i - 2, i + 1, label="ORG")   # "Sûreté du Québec"
            _keep(span, out, taken, found)
    return found


# lower-case words inside a name of another language: "Sûreté du Québec spokesperson X" is
# the organisation, not "Québec"
_NAME_CONNECTORS = frozenset({"du", "de", "des", "del", "della", "di", "da", "do", "dos",
                              "das", "der"})


__all__ = ["NameLists", "ProductNames", "company_names", "list_orgs"]
