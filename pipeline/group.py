"""Group annotated articles about the same incident. Pure: no I/O.

Two incident articles belong together when they share a victim (by normalised key, aliases
included, a trailing "Group"/"Holdings" ignored, an acronym matching the full name it
abbreviates: "M&S", "Marks & Spencer Group"; a short form the longer name only adds
industry or kind words to, when no other name of the batch starts with it: "Kestrel",
"Kestrel Mobile"; a descriptor the annotator took in dropped: "Yorkshire utility Harrowgate
Water"), their attack types are compatible and their dates are close
(``settings.group.max_days_apart``; ``followup_days`` when the later article's headline tells
a follow-up: a class action, a fine, a police raid, a recovery months after; not a court, a
"charges" or a recovery with no time since, which first reports tell too, nor a raid, a trial,
an inquiry or compensation outside a case: "hackers raid accounts", "clinical trial"; or when
its headline or first two sentences refer back to the attack by its capitalised month, "The
February ransomware attack on the town has cost ...", "in mid-March", "last month's breach"
(not the modal "may"), and an earlier article of that month's attack is the other one).
Grouping is transitive (union-find, closest dates first), except that two groups whose articles
name different attackers, and never mention the other's, stay apart (one victim's two
incidents within days: a wire fraud by one man and a phishing worm). Malware is no such sign:
a loader and the ransomware it delivered are one incident ("Emotet", then "Ryuk"). An
incident's identity is derived from its victim key and first report date, so a rerun yields
the same ids.

An article joins through its main victim: the first victim its headline names, else the first
one its text names. An article reports its victims' incident when its headline names one of
them (or the organisation the text names most), describes one organisation ("Hospital pays
ransom", "Auto lender exposes loan data") or gives a count ("$55K", "270,000 customers"), or
when it has no English headline. A feature or trend story whose headline does none of these
("Inside the profitable underworld of ransomware", "Ransomware ... give firms the shivers")
only uses the victim as background: when a report of that victim's incident is within the
window, the feature joins no incident; otherwise it stands on its own as before. A headline
that tells a disruption after an attack ("Blood tests delayed ... after pathology supplier
cyber attack"), or a quote from the victim's representative, makes a report all the same;
a headline that tells a case over another matter ("Water firm fined over 2019 pollution": a
cause of its own, the environment, safety, staff, customers misled; not a product, supplier or
malware name, "sued over MOVEit") or sets the story apart from the attack ("..., separate from
cyber attack") makes none.

Two articles with different main victims join when they tell one breach at two victims: a
hospital and the trust that runs it, a customer and the supplier whose breach exposed its data
(``_co_victim_pairs``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from .records import (AnnotatedArticle, Article, Expert, Incident, IncidentKind, Organisation,
                      stable_id)
from .settings import Settings

# labels that are often reported together for one incident, or are one incident told two
# ways: a ransomware attack is also a data breach, often through an exploited flaw, a
# supplier, or malware; a crypto theft is a fraud in one report and a phished developer's
# infected laptop in the next; a skimmer is malware; an insider's theft a breach. Kinds left
# out are plainly other incidents unless a label is shared: a DDoS or a defacement, a
# misconfigured database, a stolen laptop
_CO_OCCURRING = frozenset({"ransomware", "data_breach", "malware", "supply_chain",
                           "vulnerability_exploitation", "account_takeover",
                           "phishing_social_engineering", "fraud_scam", "card_skimming",
                           "insider_misuse"})


# a local government named with its kind: "the city of Marlow" is the victim "Marlow" names
_MUNICIPAL = re.compile(r"^(?:city|town|borough|village|county|municipality) of (?=\w)")


# a kind of organisation that opens a name as a descriptor the annotator took in with it
# ("telco Kestrel Mobile", "Telco Kestrel Mobile"); capitalised, it may be the name's own
# first word ("Giant Eagle", "Utility Warehouse"): then two words must be left
_DESCRIPTOR_FIRST = frozenset("""
telco utility retailer lender insurer firm giant maker manufacturer operator chain provider
startup start-up contractor developer vendor supplier carrier outfit subsidiary conglomerate
shipbuilder consultancy processor isp
""".split())


@lru_cache(maxsize=1 << 16)
def _undescribed(name: str) -> str | None:
    """The name without a descriptor the annotator absorbed: a lower-case kind word inside a
    capitalised name, with the words before it ("Yorkshire utility Harrowgate Water" ->
    "Harrowgate Water"), or a kind word that opens it ("Telco Kestrel Mobile")."""
    from .nlp.org_lexicon import DESCRIPTORS
    words = name.split()
    cut = 0
    for k, w in enumerate(words[:-1]):
        if w.islower() and w in DESCRIPTORS and words[k + 1][:1].isupper():
            cut = k + 1
    if not cut and len(words) >= 2 and words[0].casefold() in _DESCRIPTOR_FIRST \
            and words[1][:1].isupper() and (words[0].islower() or _two_words(words[1:])):
        cut = 1
    return " ".join(words[cut:]) if cut else None


def _two_words(words: list[str]) -> bool:
    """Whether a capitalised kind word that opens a name leaves a name of two words or more
    (corporate-form and function words not counted): "Telco Veltra Mobile" is Veltra Mobile,
    but "Giant Eagle" and "Utility Warehouse" are names of their own, not Eagle Bank's
    "Eagle" or The Warehouse Group's "Warehouse" (the case that tells a descriptor, "telco
    Kestrel Mobile", is lost at the start of a sentence)."""
    from .nlp.organisations import org_key
    form_words, skip = _shared_words()
    rest = org_key(" ".join(words)).split()
    while rest and (rest[-1] in form_words or rest[-1] in skip):
        rest.pop()
    return len(rest) >= 2


def _keys(org: Organisation) -> set[str]:
    """The organisation's key and the keys of its aliases (normalised the same way), each also
    without a leading "city of" / "town of" ("city of marlow springs" -> "marlow springs") and
    without a descriptor the annotator took in ("Yorkshire utility Harrowgate Water")."""
    from .nlp.organisations import org_key  # the annotator's own normalisation
    keys = {org.key} | {org_key(a) for a in org.aliases}
    keys |= {org_key(u) for n in (org.name, *org.aliases) if (u := _undescribed(n))}
    keys |= {_MUNICIPAL.sub("", k) for k in keys}
    return {k for k in keys if k}


@lru_cache(maxsize=1)
def _shared_words() -> tuple[frozenset[str], frozenset[str]]:
    from .nlp.org_names import LEGAL_SUFFIXES
    from .nlp.org_lexicon import FUNCTION_WORDS
    # a trailing word that names the corporate form, not the organisation: "Marks & Spencer
    # Group" and "Marks & Spencer" are one victim; words an acronym skips: "M&S" is Marks and
    # Spencer, "NHS" the National Health Service (the annotator's acronym rule uses the same)
    return (LEGAL_SUFFIXES | {"group", "holding", "holdings", "companies", "international",
                              "worldwide"},
            FUNCTION_WORDS | {"des", "der", "die", "und", "et", "y"})


def _name_and_acronym(key: str, form_words: frozenset[str],
                      skip: frozenset[str]) -> tuple[str, str | None, str | None]:
    """(the name without trailing corporate-form words, the acronym it abbreviates to, the
    acronym it is when it looks like one: "m and s" -> "ms", "nhs")."""
    words = key.split()
    while len(words) > 1 and words[-1] in form_words:
        words = words[:-1]
    letters = [w for w in words if w not in skip]
    if all(len(w) == 1 for w in letters) and len(letters) >= 2:
        return " ".join(words), None, "".join(letters)
    if len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isalpha():
        return words[0], None, words[0]
    if len(letters) >= 2:
        return " ".join(words), "".join(w[0] for w in letters), None
    return " ".join(words), None, None


_Variants = tuple[set[str], set[str], set[str], set[str]]

# words that end a name by saying what the organisation does, as the short form leaves them
# out ("Kestrel" for Kestrel Mobile, "Hansetrans" for Hansetrans Logistik GmbH, "Ashford
# Falls" for Ashford Falls City Council): kinds of organisation, and industries in the
# languages we read
_INDUSTRY_TAIL = frozenset("""
mobile wireless water waters gas power pharma telecom telecommunications broadband cable
rail bus buses ferries freight cargo logistik logistique logistica logística logistiek
gruppe groep groupe grupo gruppo konzern verlag versicherung versicherungen bankhaus
stadtwerke werke klinik kliniken krankenhaus hôpital hopital ospedale hospital city town
""".split())
# words a short form cannot be by itself: they open many unrelated names ("National Grid",
# "National Bank"; "Royal Mail", "Royal Bank")
_GENERIC_FIRST = frozenset("""
national royal city first united general american british international global new central
state public federal regional european northern southern eastern western north south east
west great metropolitan capital community citizens peoples standard premier universal
pacific atlantic county district town village borough
""".split())


@lru_cache(maxsize=1 << 16)
def _stem(name: str) -> str | None:
    """The name without the words that end it by saying what the organisation does
    ("kestrel mobile" -> "kestrel", "ashford falls city council" -> "ashford falls"), when
    what is left still tells which organisation it is (not "national" of "National Bank")."""
    tail_words = _tail_words()
    words = name.split()
    while len(words) > 1 and words[-1] in tail_words:
        words = words[:-1]
    if words[-1] in tail_words or words[-1] in _shared_words()[1]:
        return None
    distinctive = [w for w in words if w not in _GENERIC_FIRST and w not in tail_words
                   and w not in _shared_words()[1] and len(w) >= 3 and not w.isdigit()]
    if not distinctive or len(" ".join(words)) < 4:
        return None
    return " ".join(words)


class _Matcher:
    """Victim matching across the articles of one batch: names match names; an acronym only
    matches a short form, and only when one name of the batch abbreviates to it ("BA" joins
    nothing when both British Airways and Bank of America are victims in the batch)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.form_words, self.skip = _shared_words()
        names_of: dict[str, set[str]] = {}
        longer_of: dict[str, set[str]] = {}
        for key in set(keys):
            name, acronym, _ = _name_and_acronym(key, self.form_words, self.skip)
            if acronym:
                names_of.setdefault(acronym, set()).add(name)
            stem = _stem(name)
            if stem:  # (a corporate-form word kept when nothing else follows the short form:
                # "Lazarus Holdings" is not the short form of Lazarus Foods)
                longer_of.setdefault(stem, set()).add(key if name == stem else name)
        self.ambiguous = {a for a, names in names_of.items() if len(names) > 1}
        # a short form is one organisation only while one longer name of the batch starts
        # with it: "Kestrel" is not Kestrel Mobile when Kestrel Bank is a victim too
        self.ambiguous_stems = {s for s, names in longer_of.items() if len(names - {s}) > 1}

    def variants(self, keys: set[str]) -> _Variants:
        names, acronyms, shorts, stems = set(), set(), set(), set()
        for key in keys:
            name, acronym, short = _name_and_acronym(key, self.form_words, self.skip)
            names.add(name)
            if acronym and acronym not in self.ambiguous:
                acronyms.add(acronym)
            if short:
                shorts.add(short)
            stem = _stem(name)
            if stem and stem not in self.ambiguous_stems:
                stems.add(stem)
        return names, acronyms, shorts, stems


@lru_cache(maxsize=1)
def _tail_words() -> frozenset[str]:
    from .nlp.org_lexicon import ORG_HEADS
    return ORG_HEADS | _INDUSTRY_TAIL | _shared_words()[0]


def _same_victim(a: _Variants, b: _Variants) -> bool:
    return bool(a[0] & b[0] or a[1] & b[2] or a[2] & b[1] or a[3] & b[3])


def _index_keys(variants: _Variants) -> set[tuple[str, str]]:
    """The keys an index of victims files a victim under: its names, its acronyms and short
    forms together (an acronym matches a short form), its stems. Two victims that share a
    name or a stem are the same; two that share an "a" key may be (``_same_victim``)."""
    names, acronyms, shorts, stems = variants
    return ({("n", n) for n in names} | {("a", a) for a in acronyms | shorts}
            | {("s", s) for s in stems})


def _candidate_pairs(index: Sequence[set[tuple[str, str]]], days: Sequence[date | None],
                     max_days: int, followup: Sequence[bool] = (),
                     followup_days: int = 0) -> list[tuple[int, int]]:
    """The pairs (i < j) that share a name, or an acronym/short form either way, and whose
    dates are close (up to ``followup_days`` when j is a follow-up): the only pairs the
    grouping can accept, found through an index instead of comparing all pairs (a batch of
    50,000 articles is 1.25 billion pairs). ``days`` is in ascending order with the undated
    last, as the grouping sorts its items."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, keys in enumerate(index):
        for key in keys:
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        dated = [m for m in members if days[m] is not None]
        undated = [m for m in members if days[m] is None]
        for k, a in enumerate(dated):
            for b in dated[k + 1:]:
                if (days[b] - days[a]).days > max_days:
                    break  # the later ones are further still
                pairs.add((a, b))
        # a follow-up looks further back (follow-ups are few: the walk stays short)
        for k, b in enumerate(dated):
            if followup and followup[b]:
                for back in range(k - 1, -1, -1):  # (no copy of the prefix per follow-up)
                    a = dated[back]
                    if (days[b] - days[a]).days > followup_days:
                        break
                    pairs.add((a, b))
        # an undated article may be any date: it is a candidate for every member
        pairs.update((min(a, b), max(a, b)) for a in undated for b in members if a != b)
    return sorted(pairs)


# kinds of organisation a headline names its subject by ("Hospital pays ransom", "Auto lender
# exposes loan data", "Boss of hacked company warns"); singular only: "give firms the shivers",
# "Ohio cities face increasing ransomware" are trend stories
_SUBJECT_NOUNS = frozenset("""
company firm business corporation bank lender insurer retailer chain store shop hospital clinic
practice trust school college university district council city town county borough village
agency department ministry government police airline airport carrier host provider operator
maker manufacturer developer vendor supplier contractor shipbuilder utility hotel resort casino
restaurant brewery charity nonprofit church club league group giant startup telco publisher
newspaper broadcaster website site exchange marketplace forum board authority commission
party organisation organization institute foundation association society lab laboratory
studio office center centre system body suburb
""".split())
# a subject noun used as a modifier of the attack ("Bank fraud up", "hospital cyber attack
# reports") or followed by "of" ("the booming business of ransomware") describes no one
# organisation
_MODIFIED = re.compile(r"\s*(?:-\s*)?(?:of|fraud|scams?|cyber|cyber-?attacks?|attacks?|hacks?|"
                       r"hacking|hackers|breach(?:es)?|data|ransomware|phishing|malware|"
                       r"security|threats?|crime)\b", re.I)
_TITLE_WORD = re.compile(r"[\w&]+(?:['\u2019][\w]+)?")


def _folded_word(word: str) -> str:
    """A headline or name word in lower case without its possessive ending: "Council's",
    "Council\u2019s" -> "council" (the word itself, not a new one)."""
    return word.casefold().removesuffix("'s").removesuffix("\u2019s")


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Words of a name that do not tell which organisation it is."""
    from .nlp.org_lexicon import FUNCTION_WORDS, ORG_HEADS
    return FUNCTION_WORDS | _shared_words()[0] | ORG_HEADS | _SUBJECT_NOUNS


def _name_words(org: Organisation) -> set[str]:
    """The words of the organisation's names and aliases that can name it in a headline, and
    their initials ("Colorado Department of Transportation": colorado, transportation, cdot,
    cdt): not function words, corporate forms or kinds of organisation ("Tesco Bank": tesco)."""
    from .nlp.org_lexicon import FUNCTION_WORDS
    generic = _generic_words()
    out: set[str] = set()
    for name in (org.name, *org.aliases):
        words = [_folded_word(w) for w in _TITLE_WORD.findall(name)]
        out.update(w for w in words if len(w) >= 2 and w not in generic)
        if len(words) >= 2:
            out.add("".join(w[0] for w in words))
            out.add("".join(w[0] for w in words if w not in FUNCTION_WORDS))
    return out


def _title_position(title: str, org: Organisation) -> int | None:
    """Where the headline first names the organisation (a name word or its initials)."""
    folded = title.casefold()
    names = {w for w in _name_words(org) if w in folded}  # (most headlines name none: quick)
    if not names:
        return None
    return next((m.start() for m in _TITLE_WORD.finditer(title)
                 if _folded_word(m.group()) in names),
                None)


def _main_victim(article: Article, rec: AnnotatedArticle) -> Organisation:
    """The victim the article joins an incident through: the first one its headline names
    ("LinkedIn breach: weak passwords are the norm" opens its text with "the Yahoo and
    LinkedIn breaches"), else the first one its text names."""
    victims = rec.victims
    if article.title and len(victims) > 1:
        named = [(p, k) for k, v in enumerate(victims)
                 if (p := _title_position(article.title, v)) is not None]
        # (not a brand named in the headline less often than its owner in the text: "CloudPets
        # notifies the AG", a story about Spiral Toys, the parent company behind CloudPets)
        if named and len(victims[min(named)[1]].mentions) >= len(victims[0].mentions):
            return victims[min(named)[1]]
    return victims[0]


# a count or an amount in a headline ("33.7 million records", "pays $55K"): a report of one
# incident, not a trend story (years are no count)
_TITLE_COUNT = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)(?:[$\u00a3\u20ac]\s?)?\d[\d,.]*"
                          r"(?:\d{3}|\s*(?:k|m|bn|million|millions|billion)\b)", re.I)


# a headline telling that something was hit by, or is disrupted after, one attack ("Blood
# tests delayed at London hospitals after pathology supplier cyber attack", "Two councils hit
# by separate cyber incidents"): a report, though it names no victim
_TITLE_EVENT = re.compile(
    r"\b(?:after|following|amid|(?:hit|struck|crippled|disrupted|paralysed|paralyzed) by)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w'\u2019-]+\s+){0,4}?(?:cyber[- ]?attacks?|cyber[- ]incidents?"
    r"|security incidents?|hacks?|ransomware attacks?|(?:data )?breach(?:es)?)\b", re.I)


# a headline that tells a case over another matter than an attack ("Water firm fined over
# 2019 pollution", "Bank fined for money-laundering failures"), or sets itself apart from the
# attack ("..., separate from cyber attack"): the story names the victim's attack in passing
_CASE_OVER = re.compile(
    r"\b(?:fined|fines?|sued|sues|suing|charged|prosecuted|penalised|penalized|convicted"
    r"|censured|sanctioned|ordered to pay)\b[^,;:!?]{0,40}?\b(?:over|for)\s+"
    r"(?P<cause>[^,;:!?]+)", re.I)
_APART = re.compile(
    r"\b(?:separate from|unrelated to|not (?:linked|related|connected) to|no link to"
    r"|distinct from)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:cyber|attacks?|hacks?|hacking|breach"
    r"|ransomware|incident)", re.I)
# what a case over an attack, a leak or a lapse names as its cause (word beginnings)
_CYBER_CAUSE = re.compile(
    r"\b(?:cyber|hack|breach|attack|ransom|malware|virus|phish|leak|data|information|privacy"
    r"|gdpr|secur|password|account|record|file|document|e-?mail|laptop|device|usb|encrypt"
    r"|incident|outage|system|server|network|patch|protect|fraud|scam|theft|thie|stole"
    r"|expos|lost|losing|detail|card|payment|compromis|spy|surveil|identit|crypto|wallet"
    r"|bitcoin|online|website|app\b|software|computer|digital|tech)", re.I)
# ... and what names another matter (word beginnings): the environment, safety, staff, customers
# misled or overcharged, competition, money crimes, tax, accounts. A cause that names neither
# ("sued over MOVEit", "sued over Snowflake": a product, a supplier, a malware) is not known to
# be another matter: the article stays a report of the attack
_OTHER_CAUSE = re.compile(
    r"\b(?:pollut|emission|sewage|spill|discharg|contaminat|toxic|asbestos|waste|drought"
    r"|flood|environment|wildlife|deforest|safety|unsafe|injur|death|fatal|accident|crash"
    r"|derail|explosion|fire\b|blaze|pay\b|pay gap|wage|salar|overtime|pension|bonus"
    r"|discriminat|harass|racis|sexis|bully|dismiss|sacking|misleading|mislead|advertis"
    r"|greenwash|mis-?sell|overcharg|price-?fix|cartel|collusion|competition|antitrust|anti-trust"
    r"|monopol|launder|brib|corrupt|tax\b|taxes|evasion|insider trading|market abuse"
    r"|manipulat|accounting|false account|audit|labelling|labeling|hygiene|food|animal"
    r"|welfare|noise|planning|licen[cs]|doping|match-?fixing|negligen)", re.I)


def _another_matter(article: Article) -> bool:
    """Whether the headline tells a case over another matter than an attack (a cause with a
    word of that matter and no attack, data or security word), or sets the story apart from
    the attack: the article reports no incident of its victim."""
    title = article.title or ""
    if _APART.search(title):
        return True
    m = _CASE_OVER.search(title)
    return bool(m) and not _CYBER_CAUSE.search(m.group("cause")) \
        and bool(_OTHER_CAUSE.search(m.group("cause")))


def _about(article: Article, rec: AnnotatedArticle) -> bool:
    """Whether the article reports its victims' incident rather than use it as background:
    the headline names one of its victims or the organisation it names most ("Cloudflare
    server errors blamed for leaked customer data", with Uber and Fitbit as victims),
    describes one organisation or gives a count, or there is no headline (or it is not
    English: the descriptions are read in English only)."""
    title = (article.title or "").strip()
    if not title or (article.language or "en")[:2].lower() != "en":
        return True  # (the kinds of organisation below are English words)
    if _another_matter(article):
        return False
    most = max(len(o.mentions) for o in rec.organisations)
    if any(_title_position(title, o) is not None for o in rec.organisations
           if o.role == "victim" or len(o.mentions) == most):
        return True
    if _TITLE_COUNT.search(title):
        return True
    for m in _TITLE_WORD.finditer(title):
        # (a possessive too: "Council's housing records leaked", "Bakery chain's app back")
        if _folded_word(m.group()) in _SUBJECT_NOUNS and not _MODIFIED.match(title, m.end()):
            return True
    return False


def _reports(article: Article, rec: AnnotatedArticle) -> bool:
    """Whether an article whose headline is not ``_about`` its victims still reports their
    incident, so that it is no background: its headline tells of a disruption after an attack
    or of organisations hit ("Blood tests delayed at London hospitals after pathology supplier
    cyber attack", "Two councils hit by separate cyber incidents"), or a victim's own
    representative is quoted."""
    if _another_matter(article):
        return False
    if _TITLE_EVENT.search(article.title or ""):
        return True
    from .nlp.organisations import org_key
    victims = {k for v in rec.victims for k in _keys(v)}
    return any(q.speaker_type == "victim_representative" and q.affiliation
               and org_key(q.affiliation) in victims for q in rec.quotes)


def _compatible_types(a: set[str], b: set[str]) -> bool:
    # "other_unknown" says the article did not tell the kind of attack: it fits any other
    a, b = a - {"other_unknown"}, b - {"other_unknown"}
    if not a or not b or a & b:
        return True
    return bool(a & _CO_OCCURRING) and bool(b & _CO_OCCURRING)


def _close(a: date | None, b: date | None, max_days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= max_days


# a headline or lead that tells what came after an attack rather than a new one: legal
# action, a fine, an arrest or a raid, the recovery or the cost "months after". Words a first
# report uses too are not enough: "court" ("County court systems hit"), "charges", a bare
# "fine" ("fine-tune"), and a recovery or a cost without the time since the attack ("systems
# restored after ransomware attack" may be a new attack at the same victim); and words that
# also name other things need the context of a case: a raid by police, not "hackers raid
# accounts"; a trial in court, not a "free trial" or a "clinical trial"; an inquiry a
# regulator or a public body holds, or its findings, not a customer's inquiry; compensation
# claimed, awarded or counted, not a "compensation system"; a settlement, not a "settlement
# system"; a penalty, not a "penalty notice"
_FOLLOWUP = re.compile(
    r"\b(?:class[- ]action|lawsuits?|sue[ds]?|suing|fined"
    r"|settle(?:s|d)|settlement(?!\s+(?:systems?|platforms?|services?|banks?|networks?|days?))"
    r"|fines?\b[^.!?]{0,40}?[\u00a3$\u20ac]\s?\d+"
    r"|penalt(?:y|ies)(?!\s+(?:notices?|charges?|points|system|shoot))"
    r"|charged (?:with|over|in connection)|arrest(?:s|ed)?|sentenced|jailed|convicted"
    r"|pleads? guilty|indicted|extradited|in court|inquest"
    r"|(?:police|fbi|officers|agents|detectives|investigators|authorities|europol|nca|cops"
    r"|dawn)(?:\s+[\w'\u2019-]+)?\s+raid(?:s|ed)?|raided by"
    r"|(?:on|stands?|standing|stood|faces?|facing|goes on|went on|sent for) trial"
    r"|(?<!free )(?<!clinical )(?<!pilot )trial (?:over|begins|opens|starts|hears|heard|told"
    r"|date|judge|jury|continues|of (?:the |a |an |two |three )?(?:alleged |accused |suspected "
    r"|former |ex-)?(?:m[ae]n|wom[ae]n|teen\w*|hackers?|suspects?|accused|defendants?|gang"
    r"|employee|insider))|(?:criminal|jury|fraud|hacking) trial"
    r"|(?:public|independent|parliamentary|official|statutory|formal|government|ministerial"
    r"|senate|congressional|committee|regulator['\u2019]?s?|watchdog['\u2019]?s?"
    r"|commissioner['\u2019]?s?|(?-i:[A-Z]{2,5})(?:['\u2019]s)?)"
    r"(?:\s+(?:opens?|launch(?:es|ed)?|begins?|starts?|announces?))?(?:\s+an?)?\s+inquiry"
    r"|inquiry (?:finds|found|report|reports|concludes|criticises|criticizes|blames|hears"
    r"|heard|told)"
    r"|compensation (?:claims?|payouts?|scheme|fund|bill|order|award)"
    r"|(?:claim(?:s|ing|ed)?|seek(?:s|ing)?|sought|awarded|wins?|won|demand(?:s|ing|ed)?"
    r"|ordered to pay) (?:[\w'\u2019-]+ ){0,3}?compensation"
    r"|(?<=[\u00a3$\u20ac])\d[\d,.]*(?:\s*(?:[mk]|bn|million|billion)\b)?\s+(?:in\s+)?compensation"
    r"|(?:weeks|months|a year|years) (?:after|since|on from)|last year['\u2019]s"
    r"|anniversary)\b", re.I)
# ... unless it tells a new attack on the same victim ("hit by second cyber attack in a year";
# not the "New" of a place: "New York hospital sued over data breach")
_NEW_ATTACK = re.compile(
    r"\b(?:second|third|another|new(?!\s+(?:york|jersey|zealand|mexico|hampshire|south wales"
    r"|orleans|delhi|brunswick|haven|england|caledonia|territories)\b)|fresh|latest|renewed"
    r"|repeat(?:ed)?|again|once more|twice|re-?attacked|hit back-to-back)\b", re.I)
_FIRST_SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s)|\n|$)", re.S)


def _follow_up(article: Article) -> bool:
    """Whether the article reports what came after an attack (a class action, a fine, a police
    raid, services restored months after) rather than a new attack: its headline, or with no
    headline its first sentence, says so."""
    head = article.title
    if not head:
        m = _FIRST_SENTENCE.search(article.text[:400])
        head = m.group() if m else ""
    return bool(_FOLLOWUP.search(head)) and not _NEW_ATTACK.search(head)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# (capitalised, whatever the case of the rest: "may" is the modal verb, "Officials said that
# may indicate a cyber attack"; "march" a verb)
_MONTH = r"(?P<m>(?-i:" + "|".join(m.capitalize() for m in _MONTHS) + r"))"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"  # (a date written day first: "the 3 March attack")
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(_MONTHS) + r"|last month)\b", re.I)
_ATTACK_NOUN = (r"(?:cyber[- ]?attacks?|attacks?|cyber[- ]?incidents?|incident|hacks?|hacking"
                r"|(?:data |security )?breach(?:es)?|ransomware|intrusion|leak)")
# the lead of a later article that refers back to the attack by its month ("The February
# ransomware attack on the town has cost ...", "March's breach", "since the cyber attack in
# September", "the attack on 3 March", "last month's hack"); not "May" the modal verb (a
# month must open the reference and be capitalised: "the May attack", "in May")
_BACK_REFERENCES = tuple(re.compile(p, re.I) for p in (
    r"\b(?:the|its|this|that|their)\s+" + _DAY + _MONTH + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"(?:,?\s+" + _YEAR + r")?\s+(?:[\w-]+\s+){0,2}?" + _ATTACK_NOUN + r"\b",
    r"\b" + _MONTH + r"(?:\s+" + _YEAR + r")?['\u2019]s\s+(?:[\w-]+\s+){0,2}?" + _ATTACK_NOUN
    + r"\b",
    r"\b" + _ATTACK_NOUN + r"\s+(?:(?:on|against|at|of)\s+(?:[\w'\u2019&-]+\s+){1,6}?)?"
    r"(?:(?:in|on|since|back in)\s+(?:(?:early|mid|late)(?:-|\s+))?|(?:early|mid|late)(?:-|\s+))"
    + _DAY + _MONTH
    + r"(?:\s+" + _YEAR + r")?\b",
    r"\b(?P<last>last month['\u2019]s)\s+(?:[\w-]+\s+){0,2}?" + _ATTACK_NOUN + r"\b"))
# a lead that tells a new attack ("hit again", "a second breach"), or one as news ("has been
# hit by a major cyber-attack ... such as last month's attack on ..."), whatever it refers
# back to
_NEW_ATTACK_LEAD = re.compile(
    r"\b(?:again|once more|(?:second|third|another|fresh|new|renewed|repeat(?:ed)?)\s+"
    r"(?:[\w-]+\s+){0,2}?" + _ATTACK_NOUN
    + r"|(?:has|have) been (?:hit|struck|attacked|breached|hacked|targeted|compromised"
    r"|infected|crippled|disrupted)|(?:is|are) (?:under|facing|battling|fighting|responding to)"
    r" (?:an? )?(?:[\w-]+ ){0,2}?" + _ATTACK_NOUN + r")\b", re.I)
# a headline that tells an attack as news ("Council hit by cyber attack")
_NEWS_TITLE = re.compile(r"\b(?:hit|struck|targeted|crippled|disrupted|paralysed|paralyzed) by"
                         r"|\bsuffers?\b|\bunder (?:[\w'-]+ )?attack|\bfalls? victim", re.I)


def _lead(article: Article) -> str:
    """The headline and the first two sentences of the text."""
    sentences = (m.group() for m, _ in zip(_FIRST_SENTENCE.finditer(article.text[:600]),
                                           range(2)))
    return f"{article.title or ''}\n" + " ".join(sentences)


def _referred_month(article: Article) -> tuple[int, int] | None:
    """The (year, month) of an earlier attack that the headline or the first two sentences
    refer back to by its month ("The February ransomware attack on the Town of X has cost
    ...", "last month's breach"), before the article's own month; None when they refer to
    none, when they tell a new attack, or when the article is undated."""
    day = article.published
    if day is None:
        return None
    title = article.title or ""
    if not (_MONTH_WORD.search(title) or _MONTH_WORD.search(article.text, 0, 600)):
        return None  # (most articles: one quick look)
    lead = _lead(article)
    if _NEW_ATTACK_LEAD.search(lead) or _NEW_ATTACK.search(title) or _NEWS_TITLE.search(title):
        return None
    found = sorted((m.start(), k, m) for k, pattern in enumerate(_BACK_REFERENCES)
                   for m in pattern.finditer(lead))
    for _, _, m in found:
        if "last" in m.re.groupindex:
            return (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
        month = _MONTHS.index(m.group("m").casefold()) + 1
        year = int(m.group("y")) if m.group("y") else day.year - (month > day.month)
        if (year, month) < (day.year, day.month):
            return year, month
    return None


def _in_month(day: date | None, month: tuple[int, int] | None, max_days: int) -> bool:
    """Whether an article of ``day`` may report an attack of ``month``: from the month's first
    day to ``max_days`` after its last (reports follow the attack)."""
    if day is None or month is None:
        return False  # (an undated article is close to any: no need of a month)
    year, m = month
    end = date(year + (m == 12), m % 12 + 1, 1)
    return date(year, m, 1) <= day and (day - end).days < max_days


_NON_WORD = re.compile(r"[\W_]+")


def _spaced(text: str) -> str:
    """Lower case, every run of non-word characters one space, padded: " the dark overlord "."""
    return f" {_NON_WORD.sub(' ', text.casefold()).strip()} "


@lru_cache(maxsize=1)
def _canonical_ids() -> dict[str, str]:
    """Name -> MITRE ATT&CK id of the gazetteer's threat actors and malware, so aliases are
    one name: "Lazarus Group" and "HIDDEN COBRA", "REvil" and "Sodinokibi"."""
    from .nlp.entity_data import load_patterns
    return {_spaced(p["pattern"]): p["id"] for p in load_patterns("gazetteer_ruler")
            if isinstance(p["pattern"], str) and str(p.get("id", "")).startswith("mitre:")}


def _name_key(name: str) -> str:
    """The gazetteer id of a known name, else the name squashed: "The Dark Overlord",
    "TheDarkOverlord" -> "darkoverlord"; "Cl0p" -> "clop"."""
    known = _canonical_ids().get(_spaced(name))
    if known:
        return known
    words = _spaced(name).replace("0", "o").split()
    if len(words) == 1:
        return words[0].removeprefix("the")
    return "".join(words[1:] if words and words[0] == "the" else words)


class _Culprits:
    """The attackers each article names, and whether an article's text mentions a name
    (spelled with or without spaces: "TheDarkOverlord")."""

    def __init__(self, items: Sequence[tuple[Article, AnnotatedArticle]]) -> None:
        self.items = items
        self.names = [frozenset(r.threat_actors) for _, r in items]
        self._texts: dict[int, tuple[str, str]] = {}

    def _text(self, i: int) -> tuple[str, str]:
        if i not in self._texts:
            article = self.items[i][0]
            spaced = _spaced(f"{article.title or ''} {article.text}")
            self._texts[i] = (spaced, spaced.replace(" ", ""))
        return self._texts[i]

    def mentions(self, i: int, name: str) -> bool:
        spaced, squashed = self._text(i)
        key = _name_key(name)
        return _spaced(name) in spaced or (len(key) >= 6 and key in squashed)

    def conflict(self, a: Sequence[int], b: Sequence[int]) -> bool:
        """Two groups of articles name different attackers, and no article of one mentions
        a name the other gives."""
        names_a = {n for i in a for n in self.names[i]}
        names_b = {n for i in b for n in self.names[i]}
        if not names_a or not names_b:
            return False
        if {_name_key(n) for n in names_a} & {_name_key(n) for n in names_b}:
            return False
        return not (any(self.mentions(i, n) for i in b for n in names_a)
                    or any(self.mentions(i, n) for i in a for n in names_b))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members = [[i] for i in range(n)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            keep, gone = min(ri, rj), max(ri, rj)
            self.parent[gone] = keep
            self.members[keep].extend(self.members[gone])
            self.members[gone] = []


def _incident_services(records) -> tuple[str, ...]:
    """The services of an incident's articles, sorted case-blind, one per case-blind form
    ("Withdrawals" in one outlet, "withdrawals" in another: the first article's form), so
    the order does not hang on set iteration."""
    forms: dict[str, str] = {}
    for r in records:
        for s in r.services:
            forms.setdefault(s.text.casefold(), s.text)
    return tuple(forms[k] for k in sorted(forms))


def _experts(records: Sequence[AnnotatedArticle]) -> tuple[Expert, ...]:
    """The people quoted (not organisations speaking through statements, not attackers)."""
    from .nlp.organisations import org_key

    seen: dict[str, Expert] = {}
    for rec in records:
        org_names = {org_key(n) for o in rec.organisations for n in (o.name, *o.aliases)}
        for q in rec.quotes:
            if not q.speaker or q.speaker_type == "attacker" or org_key(q.speaker) in org_names:
                continue
            key = q.speaker.casefold()
            if key not in seen:
                seen[key] = Expert(name=q.speaker, role=q.role, affiliation=q.affiliation,
                                   speaker_type=q.speaker_type, quote=q.text)
    # a bare surname ("Feld") is the same person as a full name ending with it ("Marcus Feld")
    full = [k.split() for k in seen if " " in k]
    return tuple(e for k, e in seen.items()
                 if " " in k or not any(f[-1] == k for f in full))


def group_incidents(pairs: Iterable[tuple[Article, AnnotatedArticle]],
                    settings: Settings) -> list[Incident]:
    """Incidents from (article, annotation) pairs; non-incident articles and articles with no
    victim make none. Sorted by first report date, then id."""
    items = [(a, r) for a, r in pairs if r.kind is IncidentKind.INCIDENT and r.victims]
    items.sort(key=lambda p: (p[0].published or date.max, p[0].article_id))
    uf = _UnionFind(len(items))
    matcher = _Matcher(k for _, r in items for v in r.victims for k in _keys(v))
    # an article joins another through its main victim only (named first in the headline,
    # else in the text): a round-up that names several victims, or a victim named in passing,
    # must not chain two incidents into one ("LinkedIn" in a story about Apple and in one
    # about a combo list)
    main = [_main_victim(a, r) for a, r in items]
    main_keys = [matcher.variants(_keys(v)) for v in main]
    labels = [{ls.label for ls in r.attack_types} for _, r in items]
    days = [a.published for a, _ in items]
    culprits = _Culprits(items)
    # a follow-up (a lawsuit, a fine, a raid, the recovery months later) joins the victim's
    # incident over a longer window; only the later article of a pair can be one
    max_days, long_days = settings.group.max_days_apart, settings.group.followup_days
    # (or whose lead refers back to the attack by its month: "The February ransomware attack
    # on the town has cost ...", which joins only the articles of that month's attack)
    told = [long_days > max_days and _follow_up(a) for a, _ in items]
    month = [_referred_month(a) if long_days > max_days and not told[k] else None
             for k, (a, _) in enumerate(items)]
    followup = [t or m is not None for t, m in zip(told, month)]
    index = [_index_keys(v) for v in main_keys]
    pairs = [(i, j) for i, j in _candidate_pairs(index, days, max_days, followup, long_days)
             if _same_victim(main_keys[i], main_keys[j])
             and _compatible_types(labels[i], labels[j])
             and (_close(days[i], days[j], max_days)
                  or _close(days[i], days[j], long_days)
                  and (told[j] or _in_month(days[i], month[j], max_days)))]
    pairs += [(i, j) for i, j in _co_victim_pairs(items, main, main_keys, index, matcher, days,
                                                  max_days)
              if _compatible_types(labels[i], labels[j])]
    # a feature that uses the victim as background, next to a report of the victim's incident,
    # is no report of it: it joins no incident
    about = {k: _about(*items[k]) for k in {k for pair in pairs for k in pair}}
    # (a first report whose headline names no victim is no feature: "Blood tests delayed at
    # London hospitals after pathology supplier cyber attack")
    background = {k for i, j in pairs if about[i] != about[j] for k in (i, j)
                  if not about[k] and not _reports(*items[k])}
    # closest dates first: articles of one day form their group before a later one can join
    pairs.sort(key=lambda p: (abs((days[p[1]] - days[p[0]]).days)
                              if days[p[0]] and days[p[1]] else 1 << 20, p))
    for i, j in pairs:
        if i in background or j in background:
            continue
        ri, rj = uf.find(i), uf.find(j)
        if ri != rj and not culprits.conflict(uf.members[ri], uf.members[rj]):
            uf.union(i, j)

    incidents = [_make_incident([(*items[i], main[i]) for i in sorted(members)], matcher)
                 for members in uf.members if members and members[0] not in background]
    incidents.sort(key=lambda inc: (inc.first_reported or date.max, inc.incident_id))
    return incidents


def _co_victim_pairs(items: Sequence[tuple[Article, AnnotatedArticle]],
                     main: Sequence[Organisation], main_keys: Sequence[_Variants],
                     index: Sequence[set[tuple[str, str]]], matcher: _Matcher,
                     days: Sequence[date | None], max_days: int) -> list[tuple[int, int]]:
    """Pairs (i < j), up to ``max_days`` apart, whose main victims differ but are one
    incident's two victims: each names the other's main victim, and one of them names both as
    victims (a hospital and the trust that runs it: "St Aldric's Hospital ... Northmoor Health
    NHS Trust, which runs it"). Articles that only name one another's victim in passing stay
    apart (no chaining through a round-up). Names match as victims do (a short form: "Cedar
    Hollow Unified" names the Cedar Hollow Unified School District).

    A customer's report also joins its supplier's when it names the supplier as a victim, its
    headline or lead tells the breach was at a supplier ("records exposed in vendor breach",
    "a cyber attack on its billing provider"), and the supplier is the one other victim it
    names with a report in the window: one breach at a supplier is one incident, however many
    customers it exposed, though the supplier's report names few of them. Customers hit
    through the same flawed product, whose maker is a vendor and no victim, or through their
    own accounts at one platform, stay apart; a customer whose report only carries a
    supply-chain label, or names two breached suppliers, joins neither.

    ``days`` is in ascending order with the undated last; an article looks up only the
    articles of its date window, and never through a name of its own main victim (those share
    the victim: not this kind of pair), so thousands of articles about one victim stay
    near-linear."""
    by_main: dict[tuple[str, str], list[int]] = {}
    for k, keys in enumerate(index):
        for name in keys:
            by_main.setdefault(name, []).append(k)
    # per name: its dated articles' day numbers (ascending, as the items are sorted)
    ordinals = {name: [days[k].toordinal() for k in ks if days[k] is not None]
                for name, ks in by_main.items()}

    def window(name: tuple[str, str], day: date | None) -> Iterable[int]:
        members, ords = by_main.get(name, ()), ordinals.get(name, ())
        if day is None:  # an undated article may be any date
            return members
        lo = bisect_left(ords, day.toordinal() - max_days)
        hi = bisect_right(ords, day.toordinal() + max_days)
        return (*members[lo:hi], *members[len(ords):])  # (and the undated ones)

    named: list[set[int]] = []         # the articles whose main victim article k names
    as_victim: list[set[int]] = []     # ... names as a victim
    for k, (_, rec) in enumerate(items):
        own = index[k]
        mains: set[int] = set()
        victims: set[int] = set()
        for org in rec.organisations:
            if org is main[k]:
                continue  # (its own names: no co-victim)
            # (an acronym key is shared by names with the same initials: checked)
            variants = matcher.variants(_keys(org))
            hits = {m for name in _index_keys(variants) - own for m in window(name, days[k])
                    if name[0] != "a" or _same_victim(variants, main_keys[m])}
            mains |= hits
            if org.role == "victim":
                victims |= hits
        named.append(mains)
        as_victim.append(victims)
    pairs = {(i, j) for i in range(len(items)) for j in sorted(named[i])
             if j > i and i in named[j] and (j in as_victim[i] or i in as_victim[j])
             and not _same_victim(main_keys[i], main_keys[j])}
    for k, hits in enumerate(as_victim):
        if hits and _one_victim([main_keys[m] for m in hits]) \
                and _tells_supplier_breach(items[k][0]):
            pairs.update((min(k, m), max(k, m)) for m in hits
                         if not _same_victim(main_keys[k], main_keys[m]))
    return sorted(pairs)


def _one_victim(keys: Sequence[_Variants]) -> bool:
    return all(_same_victim(keys[0], other) for other in keys[1:])


# a breach at a supplier, as its customer's report tells it ("records exposed in vendor
# breach", "a cyber attack on its payroll provider", "hack at a third-party contractor")
_SUPPLIER = (r"(?:vendors?|suppliers?|providers?|contractors?|third[- ]part(?:y|ies)|processors?"
             r"|outsourcers?)")
_SUPPLIER_BREACH = re.compile(
    r"\b(?:in|at|through|via|from|by|after|following|amid)\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+)?" + _SUPPLIER + r"['\u2019]?s?\s+(?:[\w-]+\s+){0,2}?(?:breach|hack"
    r"|cyber[- ]?attack|attack"
    r"|incident|compromise|leak)"
    r"|\b(?:breach|hack|cyber[- ]?attack|attack|incident|compromise|leak)(?:es|s)?\s+(?:at|of|on"
    r"|against|affecting)\s+(?:an?|the|its|their|one of its)\s+(?:[\w-]+\s+){0,2}?" + _SUPPLIER
    + r"\b", re.I)


def _tells_supplier_breach(article: Article) -> bool:
    """Whether the article's headline or first two sentences tell its victim was hit through a
    breach at a supplier (a supply-chain label is not enough: "credentials obtained from third
    parties" names old breaches elsewhere, no supplier's)."""
    return bool(_SUPPLIER_BREACH.search(_lead(article)))


def _make_incident(members: list[tuple[Article, AnnotatedArticle, Organisation]],
                   matcher: _Matcher) -> Incident:
    """One incident from its member articles, each with its main victim (``_main_victim``)."""
    # victims of the member articles, clustered across articles by shared keys (aliases included)
    clusters: list[tuple[_Variants, list[Organisation], list[int]]] = []
    for _, rec, main in members:
        for org in rec.victims:
            keys = matcher.variants(_keys(org))
            for cluster in clusters:
                if _same_victim(cluster[0], keys):
                    for mine, theirs in zip(cluster[0], keys):
                        mine.update(theirs)
                    cluster[1].append(org)
                    cluster[2].append(2 if org is main else 1)
                    break
            else:
                clusters.append((keys, [org], [2 if org is main else 1]))
    # the main victim: named by most articles (each article's main victim counts double)
    keys, orgs, weights = max(clusters, key=lambda c: sum(c[2]))
    # its name: a spelled-out name before an acronym, then the one most articles use (a name
    # one article got wrong, "Google Reddit", does not win by its length), then the richest
    from .nlp.org_names import _is_acronym
    uses = Counter(o.name.casefold() for o in orgs)
    main = max(orgs, key=lambda o: (not _is_acronym(o.name), uses[o.name.casefold()],
                                    len(o.aliases), len(o.name)))
    aliases = sorted({n for o in orgs for n in (o.name, *o.aliases)} - {main.name})
    others = sorted({o.name for c in clusters if c[1] is not orgs for o in c[1]})
    dates = sorted(a.published for a, _, _ in members if a.published)
    first = dates[0] if dates else None
    group_key = f"{main.key}|{first.isoformat() if first else 'undated'}"
    records = [r for _, r, _ in members]
    return Incident(
        incident_id=stable_id(group_key),
        victim=main.name,
        victim_key=main.key,
        group_key=group_key,
        attack_types=tuple(sorted({ls.label for r in records for ls in r.attack_types})),
        services=_incident_services(records),
        experts=_experts(records),
        first_reported=first,
        last_reported=dates[-1] if dates else None,
        article_ids=tuple(a.article_id for a, _, _ in members),
        urls=tuple(a.canonical_url or a.url for a, _, _ in members),
        titles=tuple(a.title or "" for a, _, _ in members),
        victim_aliases=tuple(aliases),
        other_victims=tuple(others),
    )


__all__ = ["group_incidents"]
