"""Word lists and word shapes that several entity rule modules share.

Names and titles (:data:`NAME_WORD`, :data:`TITLES`), calendar words, the last words of
organisation names (:data:`ORG_WORDS`), company nouns and verbs (:data:`COMPANY_NOUNS`,
:data:`COMPANY_VERBS`), attack common nouns that are never a name
(:data:`ATTACK_NOUNS`) and :func:`common_word` (a frequent English word, from the model's
``brown_feats`` table). Only constants and pure functions: no spaCy component lives here.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.nlp import features

# letters of the Latin alphabets with diacritics (Latin-1 Supplement, Extended-A and -B:
# "Étienne", "Slezská", "Novotný", "Müller", "Łukasz"), by case
_LATIN = [chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()]
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())
NAME_WORD = re.compile(rf"^[{UPPER}][{LOWER}]+(?:[-'’][{UPPER}]?[{LOWER}]+)*$")
CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]+$")   # PetroChina, FedEx, WordPress

# titles written before a name; our corpora leave them out of PERSON spans
TITLES = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor",
    "Sir", "Dame", "Lord", "Lady", "King", "Queen", "Prince", "Princess", "Emperor", "Empress",
    "Pope", "Saint", "Prophet", "Sheikh", "Ayatollah", "Imam", "Rabbi", "Bishop", "Archbishop",
    "Cardinal", "Rev.", "Reverend", "Father", "Justice", "Judge", "President", "Senator",
    "Sen.", "Rep.", "Governor", "Gov.", "Mayor", "Minister", "Chancellor", "Premier",
    "Secretary", "Chairman", "Commissioner", "General", "Gen.", "Major", "Colonel", "Col.",
    "Captain", "Capt.", "Lieutenant", "Lt.", "Sergeant", "Sgt.", "Admiral", "Brigadier",
    "Inspector", "Detective", "Constable", "Superintendent", "Councillor", "Cllr", "Cllr.",
    "Aunt", "Uncle", "CEO"})
# honorifics of other languages ("Mme Valérie Delcourt", "Herr Torsten Wiegand", "Sra. Lucía
# Barrientos"; spaCy splits the dot off "Sra."/"Mme."): the name words after one are a
# person's, whatever the model said and whether or not the names are known. "M." (Monsieur)
# is also an initial ("John M. Smith"): only before two name words, not after a capitalised
# word.
FOREIGN_HONORIFICS = frozenset({"Mme", "Mmes", "Mlle", "Mlles", "Herr", "Frau", "Sr", "Sra",
                                 "Srta", "Sres", "Dott", "Dottssa", "Sig", "Signor", "Signora",
                                 "Doña"})
MONTHS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August",
                    "September", "October", "November", "December"})
WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday"})
# last words of organisation names that the model sometimes reads as a place
ORG_WORDS = frozenset({
    "University", "College", "School", "Schools", "Academy", "Institute", "Exchange", "Party",
    "Corporation", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "Company", "Co.",
    "Association", "Foundation", "Society", "Federation", "League", "Ministry", "Department",
    "Agency", "Bureau", "Commission", "Committee", "Council", "Police", "Army", "Navy",
    "Forces", "Times", "News", "Journal", "Herald", "Tribune", "Gazette", "Group", "Holdings",
    "Bank", "Airlines", "Airways", "Railways", "Systems", "Technologies", "Labs"})
# common nouns of attacks and attackers: capitalised at a sentence start or in a headline
# ("Ransomware disrupted production at X", "Hackers Hit X") the model reads them as a name;
# alone (or only with each other and "attack"-type words) they are never an ORG, PERSON, GPE
# or LOC. Named malware/groups come from the gazetteer as MALWARE/THREAT_ACTOR and stay.
ATTACK_NOUNS = frozenset({
    "ransomware", "malware", "phishing", "spear-phishing", "spearphishing", "smishing",
    "vishing", "hacker", "hackers", "hacking", "hack", "hacks", "cyberattack", "cyberattacks",
    "cyber-attack", "cyber-attacks", "cyberattackers", "spyware", "stalkerware", "adware",
    "scareware", "botnet", "botnets", "trojan", "trojans", "worm", "keylogger", "keyloggers",
    "rootkit", "rootkits", "wiper", "cryptojacking", "cryptominer", "cryptominers",
    "cybercriminals", "cybercriminal", "cybercrime", "cyber-criminals", "attackers",
    "scammers", "fraudsters", "extortionists", "ddos", "infostealer", "infostealers",
    "stealer", "backdoor", "backdoors", "exploit", "exploits", "breach", "breaches"})


# company nouns that name what an organisation is ("security firm X", "X, a software
# company"); not role nouns ("company spokesperson X")
# Only nouns that cannot describe a person: the rule fires on any model PERSON without a
# known given name, mostly non-Western names, so nouns that fit people too stay out —
# developer ("developer Jia Tan"), maker, operator, contractor, publisher, provider, vendor
# (a dark-web seller), supplier, distributor, carrier, lender, broadcaster, giant ("jazz
# giant X"), service, group, label, band (some count after a business modifier: see
# entity_companies._MODIFIED_COMPANY_NOUNS).
# entity_spans takes subsets of it, with nouns of its own, for domain names and
# sentence-opening nouns.
COMPANY_NOUNS = frozenset({
    "firm", "company", "startup", "start-up", "retailer", "manufacturer", "insurer", "chain",
    "platform", "app", "website", "outlet", "newspaper", "brand", "subsidiary", "airline",
    "hospital", "university", "charity", "nonprofit", "non-profit", "organisation",
    "organization", "exchange", "marketplace", "network", "studio", "utility", "consultancy",
    "conglomerate", "corporation", "business", "automaker", "carmaker", "chipmaker", "telco",
    "bank", "agency", "forwarder", "wholesaler", "pharmacy", "supermarket", "grocer",
    # industries named by what they make ("the Ostrava steelmaker X")
    "steelmaker", "drugmaker", "toymaker", "planemaker", "truckmaker", "shipbuilder",
    "automaker"})
# "<X> said/confirmed/has patched ... its ...": what an organisation does and says about
# itself (entity_companies); entity_spans takes a subset for domain names
COMPANY_VERBS = frozenset({"said", "says", "confirmed", "confirms", "announced", "disclosed",
                           "patched", "released", "issued", "fixed", "acknowledged", "stated",
                           "tweeted", "discovered", "notified", "told", "warned", "noted",
                           "published", "posted", "updated", "admitted", "revealed",
                           "explained", "added", "wrote", "reported", "urged", "advised",
                           "blamed", "shut", "took", "detected", "alerted", "informed",
                           "shipped", "pushed", "rolled"})


def common_word(doc: Doc, lower: str) -> bool:
    """A frequent English word (log-probability >= -13 in the model's ``brown_feats`` table:
    "yesterday" -10, "meanwhile" -12.6; "apache" -14.5, unknown names none); without the
    table, any word with a vector."""
    lookups = doc.vocab.lookups
    if lookups.has_table(features.PROB_TABLE):
        prob = lookups.get_table(features.PROB_TABLE).get(lower)
        return prob is not None and prob >= -13.0
    return bool(doc.vocab.vectors.shape[0]) and doc.vocab.has_vector(lower)


def known_word(doc: Doc, lower: str) -> bool:
    """A word of the model's ``brown_feats`` probability table at all ("fasteners" -15.4;
    unknown names none); without the table, any word with a vector."""
    lookups = doc.vocab.lookups
    if lookups.has_table(features.PROB_TABLE):
        return lookups.get_table(features.PROB_TABLE).get(lower) is not None
    return bool(doc.vocab.vectors.shape[0]) and doc.vocab.has_vector(lower)


class SpanIndex:
    """The entities of a list by the tokens they cover, for fixes that look at the entities
    around each of many hits: finding them by scanning the whole list at every hit was
    quadratic on long texts. Removals and additions are recorded and applied to the list
    in one go by :meth:`apply` (kept entities in their order, then the added ones)."""

    def __init__(self, ents: list) -> None:
        self.ents = ents
        self.by_token: dict[int, list] = {}
        self.removed: set[int] = set()
        self.added: list = []
        for ent in ents:
            self._put(ent)

    def _put(self, ent) -> None:
        for i in range(ent.start, ent.end):
            self.by_token.setdefault(i, []).append(ent)

    def at(self, i: int) -> list:
        """The entities covering token ``i``."""
        return self.by_token.get(i, [])

    def overlapping(self, start: int, end: int) -> list:
        """The entities covering any token of ``start`` … ``end - 1``, each once."""
        seen: dict[int, object] = {}
        for i in range(start, end):
            for ent in self.by_token.get(i, ()):
                seen.setdefault(id(ent), ent)
        return list(seen.values())

    def remove(self, ent) -> None:
        self.removed.add(id(ent))
        for i in range(ent.start, ent.end):
            self.by_token[i] = [e for e in self.by_token[i] if e is not ent]

    def add(self, ent) -> None:
        self.added.append(ent)
        self._put(ent)

    def apply(self) -> None:
        if self.removed or self.added:
            self.ents[:] = [e for e in self.ents + self.added if id(e) not in self.removed]


__all__ = ["ATTACK_NOUNS", "CAMEL", "COMPANY_NOUNS", "COMPANY_VERBS", "FOREIGN_HONORIFICS",
           "LOWER", "MONTHS", "NAME_WORD", "ORG_WORDS", "SpanIndex", "TITLES", "UPPER", "WEEKDAYS",
           "common_word", "known_word"]
