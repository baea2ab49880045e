"""Organisation mention candidates for ``incident_orgs`` (see :mod:`pipeline.nlp.organisations`).

``find_candidates(doc, gazetteer)`` returns every organisation mention of an article: the ORG /
GPE / THREAT_ACTOR entities, the names of the role gazetteer (``data/gazetteers/org_roles.json``)
and, so that NER misses do not lose a victim, token rules over capitalised sequences: a name with
an organisation head ("Bank", "Hospital", "Ltd"), an acronym defined in parentheses or acting
like an organisation, "payday lender X", "X, a security firm", "an attack on X", "X's network",
"researchers at X", coordinated lists ("Uber, Fitbit and OKCupid"), names the headline presents
as attacked, short forms of longer names ("Lloyds" for "Lloyds Banking Group") and named threat
groups ("the FIN7 hacking group"). Job titles, people next to speech verbs, products, countries
and domains are kept out.

The normalisation (``org_key``), aliases and the role gazetteer are in
:mod:`pipeline.nlp.org_names`, the per-Doc caches in :mod:`pipeline.nlp.org_doc`, the people
in :mod:`pipeline.nlp.org_persons`; the word lists and context patterns are in
:mod:`pipeline.nlp.org_lexicon`.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.entity_words import common_word, MONTHS, WEEKDAYS
from pipeline.nlp.org_doc import (
    Candidate, doc_ents, doc_tokens, _headed, _lower_elsewhere, pattern_matches, sentence_at,
    _trimmed_runs,
)
from pipeline.nlp.org_lexicon import (
    ACRONYM_STOP, COMMON_FIRST, CONNECTORS, CONTEXT_ROLE_WORDS, DEMONYMS, DEPARTMENT_WORDS,
    DESCRIPTORS, FIELD_WORDS, FUNCTION_WORDS, GEO_NAMES, is_place, LanguageCues, LURE_LEFT,
    MEDIA_LEFT, NOT_NAMES, NOUN_MODIFIER_HIT, OFFICIALS_RIGHT, ORG_HEADS, ROLE_WORDS,
    SECURITY_LEFT, SECURITY_RIGHT, TECH_TAILS,
    TITLE_MODIFIERS, VENDOR_LEFT, VENDOR_RIGHT, VICTIM_LEFT, VICTIM_RIGHT,
)
from pipeline.nlp.org_names import (
    _acronym_head, _acronym_of, clean_surface, _is_acronym, _is_unit_tail, _KNOWN_AS, org_key,
    PARENS_AFTER, _POSSESSIVE, RoleGazetteer, _word_initials, word_spans,
)
from pipeline.nlp.org_persons import (
    _AFFILIATION_LEFT, _AFFILIATION_RIGHT, _one_word_persons, person_names, _person_runs,
    _person_shaped, _person_surnames, _surnames,
)
from pipeline.nlp.org_threats import _actor_candidates, MALWARE_PATTERNS
from pipeline.regex_prefix import fast

# re-exported: the names of __all__ stay importable from here
from pipeline.nlp.org_doc import clear_doc_cache, sentence_bounds  # noqa: E402,F401
from pipeline.nlp.org_names import KNOWN_AS_ALIAS, LEGAL_SUFFIXES  # noqa: E402,F401


def find_candidates(doc: Doc, gazetteer: RoleGazetteer, use_rules: bool = True,
                    cues: LanguageCues | None = None) -> list[Candidate]:
    """Organisation mentions from entities, the gazetteer and (``use_rules``) token rules.

    ``cues``: the article's language cues when it is not English: the English NER's
    organisations are then kept only when they look like organisations in that language
    (an acronym, a known name, a head word or legal form), places are dropped, and the
    English capitalised-run rules give way to the language's rules (head words, legal forms,
    descriptors, acronyms defined in parentheses)."""
    cands: list[Candidate] = []
    blocked: list[tuple[int, int]] = []  # PERSON, MALWARE, CVE, countries
    org_texts = {e.text for e in doc_ents(doc) if e.label_ == "ORG"}
    for ent in doc_ents(doc):
        label = ent.label_
        if label in {"MALWARE", "CVE"} or (label == "PERSON" and len(ent) > 1 and not any(
                t.lower_ in ORG_HEADS for t in ent)):  # "Henry Jones Art Hotel" is no person
            blocked.append((ent.start_char, ent.end_char))
            continue
        if label == "PERSON":  # one word: a surname, or a company the NER took for a person
            continue
        if label == "NORP":
            continue
        if doc_text(doc).startswith("-based", ent.end_char):
            blocked.append((ent.start_char, ent.end_char))
            continue  # "the London-based security firm X": a place, whatever the NER says
        if label == "THREAT_ACTOR":
            cands.append(Candidate(ent.start_char, ent.end_char, clean_surface(ent.text), label,
                                   ent.ent_id_, "ent"))
            continue
        span = _trim_entity(ent)
        if span is None:
            continue
        text = clean_surface(span.text)
        if not text or not org_key(text) or org_key(text) in ACRONYM_STOP:
            continue
        if cues is not None and not _foreign_org_ok(text, cues, gazetteer):
            continue  # the English model on another language: capitalised nouns, places
        if label == "ORG":
            cands.append(Candidate(span.start_char, span.end_char, text, label, ent.ent_id_,
                                   "ent"))
        elif label in {"GPE", "LOC", "FAC"}:
            # places are organisations only as councils / cities named as actors or targets;
            # kept as GPE candidates, filtered after role assignment
            if all(w in GEO_NAMES for w in org_key(text).split()):
                blocked.append((ent.start_char, ent.end_char))
                continue
            cands.append(Candidate(ent.start_char, ent.end_char, text, "GPE", ent.ent_id_, "ent"))
    cands.extend(_gazetteer_candidates(doc, gazetteer))
    text = doc_text(doc)
    people = person_names(doc, gazetteer, cues)
    if people:  # "explains analyst Sanne Verhoeven": a person wherever the name occurs
        for name in people:
            blocked.extend(word_spans(text, name))
    if cues is None and (" named " in text or " called " in text):
        for m in _NAMED_PERSON.finditer(text):  # "one GhostAdmin user named Jarad"
            blocked.extend(word_spans(text, m.group(1)))
    if use_rules:
        if cues is None:
            cands.extend(_rule_candidates(doc, cands, blocked))
        else:
            cands.extend(_language_candidates(doc, cues))
        cands.extend(_actor_candidates(doc, gazetteer))
    products = [(m.start(), m.end()) for m in gazetteer.find_products(text)]
    # the abbreviation of a product: "Internet Explorer (IE)"
    product_forms = {org_key(am.group(1)) for a, b in products
                     if (am := PARENS_AFTER.match(text[b:b + 16]))}
    # a term spelled out before a technical acronym: "Transport Layer Security (TLS)"
    for cand in cands:
        am = PARENS_AFTER.match(text[cand.end:cand.end + 16])
        if am and org_key(am.group(1)) in ACRONYM_STOP:
            product_forms.add(org_key(cand.text))
        elif am and cues is None and _threat_first(org_key(cand.text)):
            product_forms.add(org_key(am.group(1)))  # "Ransomware of Things (RoT)"
    # the abbreviation of a thing named with a product, document or event tail: "Security
    # Analyst Summit (SAS)", "Software Guard Extensions (SGX)"
    # ... or of a job title: "Deputy Commissioner of Police (DCP)"
    for m in (_ACRONYM_DEF.finditer(text) if "(" in text else ()):
        before = text[max(0, m.start() - 60):m.start()].split()
        if before and before[-1].lower() in TECH_TAILS and before[-1][:1].isupper():
            product_forms.add(org_key(m.group(1)))
        elif any(before[-n].lower() in _TITLE_FIRST and _acronym_of(
                m.group(1), " ".join(before[-n:])) for n in range(2, min(6, len(before)) + 1)):
            product_forms.add(org_key(m.group(1)))
    if " Act" in text:  # every match holds " Act"
        product_forms |= {org_key(m.group(0)) for m in _LAW.finditer(text)}  # laws

    def organisation(c: Candidate) -> bool:  # not a product, nor inside one ("Apache Struts")
        key = org_key(c.text)
        if cues is None and c.label != "THREAT_ACTOR" and _threat_first(key):
            return False  # "Ransomware Actors Shift Gears" (a report's title), "Ransomware of
            # Things" (a trend): a name opening with a kind of threat is no organisation
        if cues is None and _PORTFOLIO_LEFT.search(text[max(0, c.start - 50):c.start]) and \
                not set(key.split()) & ORG_HEADS - {"energy", "health", "security", "transport"}:
            return False  # "the Minister for Energy": a minister's portfolio, no organisation
        return gazetteer.role(key) != "product" and key not in product_forms and not any(
            a <= c.start and c.end <= b for a, b in products)

    cands = _plausible_entities(doc, cands, gazetteer)
    rule_spans = {(c.start, c.end) for c in cands if c.source.startswith("rule:")}
    kept = [c for c in _dedupe(cands, blocked) if organisation(c)]
    for c in kept:  # a place the rules also found as an organisation ("Atlanta's network")
        if c.label == "GPE" and (c.start, c.end) in rule_spans:
            c.label = "ORG"
    if use_rules:
        kept = [c for c in _dedupe(kept + _short_forms(doc, kept, cues), blocked)
                if organisation(c)]
    return kept


# a minister's or secretary's portfolio: "Minister for Energy", "Secretary of State for Health"
# (not "Ministry of Energy", a body)
_PORTFOLIO_LEFT = re.compile(r"\b(?-i:Minister|Secretary|Commissioner|Spokesperson|Minister of "
                             r"State|Secretary of State)\s+(?:for|of)\s+(?:the\s+)?$")


# a person introduced by a noun for people: "one user named Jarad", "a man called Ken Reyes"
_NAMED_PERSON = re.compile(
    r"\b(?:user|man|woman|person|individual|guy|boy|girl|teen|teenager|student|customer|"
    r"employee)\s+(?:named|called)\s+((?-i:[A-Z])[\w'\u2019-]+(?:\s+(?-i:[A-Z])[\w'\u2019-]+)?)",
    re.I)


_THREAT_FIRST = frozenset("ransomware malware phishing spyware botnet trojan adware "
                          "cryptojacking hackers cybercriminals scammers fraudsters".split())


def _threat_first(key: str) -> bool:
    """The name opens with a kind of threat and no organisation word closes it; alone, the
    word is no name either ("Ransomware shut down the city of X's systems")."""
    words = key.split()
    return bool(words) and words[0] in _THREAT_FIRST and (
        len(words) == 1 or words[-1] not in ORG_HEADS)


# ----------------------------------------------------------------------------- other languages
def _foreign_org_ok(text: str, cues: LanguageCues, gazetteer: RoleGazetteer) -> bool:
    words = [w.lower() for w in re.split(r"[\s'\u2019]+", text) if w]
    return bool(words) and (_is_acronym(text) or bool(gazetteer.role(org_key(text))) or any(
        w in cues.name_words for w in words) or (len(words) > 1 and _headed(words)))


def _common_nouns(doc: Doc, cues: LanguageCues) -> set[str]:
    """Capitalised words the text also uses after a determiner ("die Ermittlungen", "des
    Unternehmens"): common nouns in German, not names."""
    dets = [w for w in cues.determiners if w.isalpha() and len(w) > 1]
    if not dets:
        return set()
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, dets)) +
                     r")\s+([A-Z\u00c0-\u00de][\w-]+)")
    return {m.group(1) for m in pat.finditer(doc_text(doc))}


def _trim_name(words: list[tuple[int, int, str]], common: set[str], cues: LanguageCues,
               keep_first: int = 0) -> list[tuple[int, int, str]]:
    """Drop leading determiners and common nouns, and trailing connectors and common nouns
    (the first ``keep_first`` words, a head, stay)."""
    lead, rest = words[:keep_first], words[keep_first:]
    while rest and not keep_first and (rest[0][2].lower() in cues.function_words
                                       or rest[0][2] in common or rest[0][2].lower() in NOT_NAMES):
        rest = rest[1:]
    while rest and (rest[-1][2].lower() in cues.function_words or rest[-1][2] in common):
        rest = rest[:-1]
    return lead + rest if rest else []


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group(0))
            for m in re.finditer(r"[^\s,]+", text[start:end])]


def _language_candidates(doc: Doc, cues: LanguageCues) -> list[Candidate]:
    """Organisation names by the rules of a non-English language: a head word and a name
    ("Stadtwerke Hohenbrück", "Cooperativa Agricola Valdarno"), a name and a tail head or a
    legal form ("Torre Cyber", "Müller GmbH"), a descriptor and a name ("du cabinet Sentinelle
    Conseil", hinting the role) and long forms of acronyms defined in parentheses
    ("Transports de l'agglomération de Vaubrun (TAV)")."""
    text = doc_text(doc)
    common = _common_nouns(doc, cues)
    out: list[Candidate] = []

    def add(words, reason: str, hint: str = "") -> None:
        if words and any(w[2][:1].isupper() for w in words):
            a, b = words[0][0], words[-1][1]
            surface = clean_surface(text[a:b])
            if surface and org_key(surface) and org_key(surface) not in ACRONYM_STOP:
                out.append(Candidate(a, a + len(surface), surface, "ORG", hint, "rule:" + reason))

    for role, pat in cues.descriptors:
        for m in pat.finditer(text):
            words = _trim_name(_words(text, m.start(1), m.end(1)), common, cues)
            add(words, "lang-descriptor", "" if role == "other" else role)
    for m in cues.head_name.finditer(text):
        words = _words(text, m.start(), m.end())
        head_len = 1
        while head_len < len(words) and " ".join(w[2] for w in words[:head_len + 1]) in cues.heads:
            head_len += 1
        trimmed = _trim_name(words, common, cues, keep_first=head_len)
        if len(trimmed) > head_len:
            add(trimmed, "lang-head")
    if cues.name_tail is not None:
        for m in cues.name_tail.finditer(text):
            words = _words(text, m.start(), m.end())
            while len(words) > 1 and (words[0][2] in common or words[0][2].lower() in
                                      cues.function_words or words[0][2].lower() in NOT_NAMES
                                      or words[0][2].lower() in cues.descriptor_words):
                words = words[1:]
            if len(words) >= 2:
                add(words, "lang-tail")
    out.extend(acronym_definitions(doc, cues.function_words))
    return out


_ACRONYM_DEF = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&.-]{1,9})\s*\)")


def acronym_definitions(doc: Doc, function_words) -> list[Candidate]:
    """Long forms defined with an acronym in parentheses, and the acronym itself:
    "Transports de l'agglomération de Vaubrun (TAV)", "Agence nationale de la sécurité des
    systèmes d'information (Anssi)". The long form starts with a capitalised word, and the
    initials of its content words (elided articles dropped) spell the acronym."""
    text = doc_text(doc)
    skip = {w.strip("'\u2019") for w in function_words} | FUNCTION_WORDS
    out: list[Candidate] = []
    for m in _ACRONYM_DEF.finditer(text):
        acr = m.group(1)
        letters = re.sub(r"[^A-Za-z0-9]", "", acr)
        if not (sum(c.isupper() for c in letters) >= 2
                or (acr[:1].isupper() and 3 <= len(letters) <= 6)):
            continue
        if acr.lower() in ACRONYM_STOP:
            continue
        s_start, _ = sentence_at(doc, m.start())
        before = _words(text, max(s_start, m.start() - 160), m.start())
        target = letters.upper()
        best = None
        for k in range(len(before) - 1, -1, -1):
            span = before[k:]
            first = re.sub(r"^[ldLD]['\u2019]", "", span[0][2])
            initials = ""
            for _, _, w in span:
                w = re.sub(r"^(?:[ldcsnLDCSN]|qu|Qu)['\u2019]", "", w)
                core = w.strip(".,;:'\u2019\"()")
                if not core or core.lower() in skip:
                    continue
                initials += core[0].upper()
            if initials == target and first[:1].isupper():
                best = span
            if len(initials) > len(target) + 2:
                break
        if best is None:
            continue
        while len(best) > 1 and best[0][2].lower() in skip:
            best = best[1:]  # "La Régie des eaux ...": the article is no part of the name
        a, b = best[0][0], best[-1][1]
        elided = re.match(r"[lLdD]['\u2019]", text[a:b])
        a += elided.end() if elided else 0
        out.append(Candidate(a, b, clean_surface(text[a:b]), "ORG", "", "rule:defines-acronym"))
        out.append(Candidate(m.start(1), m.end(1), acr, "ORG", "", "rule:acronym"))
    return out


# people after a name are no part of it: "Pen Test Researchers decided" -> "Pen Test"
_PEOPLE_NOUNS = frozenset("""researchers analysts experts officials employees staffers engineers
investigators scientists""".split())


def _trim_entity(ent: Span) -> Span | None:
    """An entity without leading lower-case words ("liberal Center for American Progress")
    and trailing connectors or punctuation ("Hall 7 of")."""
    s, e = ent.start, ent.end
    doc = ent.doc
    tt = doc_tokens(doc)
    lower = tt.lower
    while s < e and not tt.cap[s] and not doc[s].like_num:
        s += 1
    while e > s and (lower[e - 1] in CONNECTORS or doc[e - 1].is_punct
                     or lower[e - 1] in ROLE_WORDS or lower[e - 1] in CONTEXT_ROLE_WORDS
                     or (e - s > 1 and lower[e - 1] in _PEOPLE_NOUNS)):
        e -= 1  # "IRS Commissioner": the organisation is "IRS"
    if e < len(lower) and (lower[e] in ROLE_WORDS or lower[e] in CONTEXT_ROLE_WORDS):
        while e > s + 1 and lower[e - 1] in DEPARTMENT_WORDS:
            e -= 1  # "Cloquet School District Technology Director"
    return doc[s:e] if e > s else None


def _plausible_entities(doc: Doc, cands: list[Candidate],
                        gazetteer: RoleGazetteer) -> list[Candidate]:
    """Statistical NER output, checked like the token rules: no common words ("Attackers"),
    surnames ("Cerrudo said"), places, technical acronyms without organisation context
    ("ISP", "HVAC"), malware names or version strings."""
    text = doc_text(doc)
    lower = _lower_elsewhere(doc)
    tokens = doc_tokens(doc).text
    surnames = _surnames(doc) | _one_word_persons(doc) | _person_surnames(doc) | {
        tokens[e - 1] for s, e in _person_runs(doc)}
    malware = {org_key(m.group(g)) for pat in MALWARE_PATTERNS for m in pattern_matches(doc, pat)
               for g in range(1, (m.lastindex or 0) + 1) if m.group(g)}
    malware |= {org_key(e.text) for e in doc_ents(doc) if e.label_ == "MALWARE"}
    names = [c.text for c in cands if not _is_acronym(c.text)]
    out = []
    for c in cands:
        if c.source != "ent" or c.label == "THREAT_ACTOR" or gazetteer.role(org_key(c.text)):
            out.append(c)
            continue
        key = org_key(c.text)
        words = key.split()
        right = text[c.end:c.end + 100]
        if not c.text[:1].isalnum() or is_place(words) or key in malware or \
                _VERSION.search(c.text) or words[-1] in ACRONYM_STOP | TECH_TAILS or \
                re.sub(r"[^a-z0-9]", "", key) in ACRONYM_STOP | GEO_NAMES or \
                words[0] in NOT_NAMES or _NOT_ORG_RIGHT.match(right) or \
                (len(words) == 1 and _MODIFIER_RIGHT.match(right)) or \
                words[-1] in {"number", "numbers"}:
            continue  # "U.K.", "Advanced Encryption Standard", "Social Security Number"
        if len(words) == 1:
            if (words[0] in lower or words[0] in NOT_NAMES or words[0] in TITLE_MODIFIERS
                    or c.text in surnames or _POSSESSIVE.sub("", c.text) in surnames
                    or _field_word(doc, c.start, c.end)):
                continue
            if c.text.endswith("s") and c.text[1:].islower() and all(
                    text[m.start() - 2:m.start()].strip() in {"", ".", "!", "?", "\u201d", '"'}
                    for m in re.finditer(r"\b" + re.escape(c.text) + r"\b", text)):
                continue  # "Attackers", "Cyberattacks": plural nouns opening sentences
            if _is_acronym(c.text):
                left = text[max(0, c.start - 80):c.start]
                right = text[c.end:c.end + 100]
                defined = re.match(r"\s*\(", right) or re.search(r"\(\s*$", left)
                if not (defined or _ORG_VERB_RIGHT.match(right) or _ORG_VERB_LEFT.search(left)
                        or any(_acronym_of(c.text, n) for n in names)):
                    continue
        out.append(c)
    return out


def _gazetteer_candidates(doc: Doc, gazetteer: RoleGazetteer) -> list[Candidate]:
    if gazetteer.pattern is None:
        return []
    return [Candidate(m.start(), m.end(), m.group(0), "ORG",
                      gazetteer.role(org_key(m.group(0))) or "", "gazetteer")
            for m in gazetteer.find_orgs(doc_text(doc))]


_DESCRIPTOR_LEFT = re.compile(r"\b(?:" + "|".join(sorted(DESCRIPTORS)) +
                              r")\s*[,\u2014\u2013-]?\s*$")  # lower case: "payday lender X"
_APPOSITION_RIGHT = re.compile(r"^\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}(?:" +
                               "|".join(sorted(DESCRIPTORS)) + r")\b", re.I)
_ORG_VERB_RIGHT = re.compile(
    r"^(?:['\u2019]s?(?=\s)|\s+(?:said|says|say|told|tells|has|have|had|is|was|were|will|"
    r"would|confirmed|reported|announced|stated|officials?|spokes\w+|statement|also|did|does|"
    r"declined|added|began|brought|warned|urged|issued|released|published|shut|notified|"
    r"apologi[sz]ed|admitted|acknowledged|revealed|disclosed|investigat\w+))\b")
_ORG_VERB_LEFT = re.compile(r"(?:according to|told|spokes\w+ (?:for|at)|officials (?:at|from)"
                            r"|reported by)\s+(?:the\s+)?$", re.I)
# rule reasons that outweigh a person reading of one word ("Austal" tagged PERSON by the NER)
STRONG_REASONS = frozenset({"title-victim", "attack-subject", "attack-context", "descriptor",
                            "apposition", "affiliation", "security-context", "vendor-context"})
_LOWER_HEAD = re.compile(
    r"(?<![\w-])((?:[A-Z][\w&'\u2019-]*\s+){1,3}?)(?:hospital|casino|hotel|police station|"
    r"(?:nuclear )?power (?:plant|station)|airport|clinic|prison|medical cent(?:er|re)|"
    r"health centre|water (?:utility|authority)|school district)(?![\w-])")
_STOP_IN_PARENS = re.compile(r"^\s*\(\s*(?:" + "|".join(sorted(ACRONYM_STOP)) + r")\s*\)", re.I)
_VERSION = re.compile(r"\b[Vv]?\d+(?:\.\d+)+\b")
_PRODUCT_RIGHT = re.compile(
    r"^\s+(?:parser|plugin|plug-in|library|framework|app|application|browser|extension|api|"
    r"protocol|firmware|driver|module|feature|button|tool|suite|client|editor|package|"
    r"component|engine|kernel|operating system|smartphones?|phones?|handsets?|model)s?\b", re.I)
# "the Delft consultancy Brugwerk Security": a place or adjective before a descriptor and a name
_MODIFIER_RIGHT = re.compile(r"^(?:-based)?\s+(?:" + "|".join(sorted(DESCRIPTORS)) +
                             r")\s+(?:[a-z-]+\s+){0,2}?[A-Z]")
_NOT_ORG_RIGHT = re.compile(r"^\s+(?:numbers?|cards?|benefits|payments?|numbers)\b", re.I)
_LIST_SEP = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|&|/)\s*$")


# (review fixes, session 7) the last item of a list of organisations the NER found ("for Orlan
# Bank, Pellucid Travel and Mistral Ticketing"): two ORG entities before it, list-separated
_LIST_SEP_END = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


# a word opening a sentence before a job noun and a name: "Retail analyst Hannah Greaves of X",
# "Web security researcher Jo Feld", "Operations director Keith Banerjee", "Blockchain
# analysts at X" -- the field of the job, capitalised only by its place (see _field_word)
_FIELD_JOB_RIGHT = re.compile(
    r"^\s+(?:(?-i:[a-z])[\w-]*\s+){0,2}?(?:analysts?|researchers?|directors?|managers?|"
    r"officers?|specialists?|experts?|engineers?|consultants?|economists?|strategists?|"
    r"editors?|correspondents?|lawyers?|advisers?|advisors?|scientists?|investigators?)\s+"
    r"(?:(?:at|of|from|with)\s+(?:the\s+)?)?(?-i:[A-Z])", re.I)
_CAP_WORD_END = re.compile(r"[A-Z][\w&'\u2019-]*\s$")  # (inside a longer name: "Marlowe Retail")
_SENT_OPEN = " \t\n\"'\u201c\u2018("


def _field_word(doc: Doc, start: int, end: int) -> bool:
    """A one-word "name" that opens its sentence before a job noun and a name ("Retail analyst
    Hannah Greaves said"), that is a field word (a known one, or one the text also writes in
    lower case) and that the text never capitalises inside a sentence: the field of the job,
    not an employer ("Sophos researcher Jo Bell ... Sophos said" stays a name, and so does an
    unknown word: "Kestrix researcher Jo Bell said" is no evidence of a common word)."""
    text = doc_text(doc)
    word = text[start:end].casefold()
    if text[sentence_at(doc, start)[0]:start].strip(_SENT_OPEN) or \
            not _FIELD_JOB_RIGHT.match(text[end:end + 120]) or \
            not (word in FIELD_WORDS or word in _lower_elsewhere(doc)):
        return False
    for m in re.finditer(r"(?<![\w&-])" + re.escape(text[start:end]) + r"(?![\w&-])(?! [A-Z])",
                         text):
        if m.start() != start and text[sentence_at(doc, m.start())[0]:m.start()].strip(
                _SENT_OPEN) and not _CAP_WORD_END.search(text, max(0, m.start() - 40), m.start()):
            return False  # written alone and capitalised inside a sentence: a name
    return True


def _list_after_orgs(text: str, start: int, ends: dict[int, int]) -> bool:
    """Two list-separated ORG entities right before ``start``; ``ends`` maps each entity's
    end offset to its start (built once per Doc by the caller)."""
    for _ in range(2):
        sep = _LIST_SEP_END.search(text[max(0, start - 12):start])
        if sep is None:
            return False
        start = ends.get(start - len(sep.group(0)), -1)
        if start < 0:
            return False
    return True


def _rule_candidates(doc: Doc, found: list[Candidate],
                     blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Capitalised sequences that look like organisations, for when the NER misses them."""
    lower = _lower_elsewhere(doc)
    text = doc_text(doc)
    tt = doc_tokens(doc)
    runs = _trimmed_runs(doc)
    org_ents = [(c.start, c.end) for c in found if c.source == "ent" and c.label == "ORG"]
    # places inside a headed name: "Kettle Point" in "Kettle Point Security"
    place_ents = [(c.start, c.end) for c in found if c.source == "ent" and c.label == "GPE"]
    # org_ents by start, for the ones inside a run (an entity inside ends after it starts)
    org_order = sorted(range(len(org_ents)), key=lambda j: org_ents[j])
    org_sorted = [org_ents[j] for j in org_order]
    org_starts = [a for a, _ in org_sorted]
    persons = _person_runs(doc)
    surnames = _surnames(doc) | {tt.text[e - 1] for s, e in persons} | _person_surnames(doc)
    weak_persons = _one_word_persons(doc)
    known_spans = {(c.start, c.end) for c in found}
    ent_ends = {b: a for a, b in org_ents}
    runs = [r for run in runs for r in _split_known(doc, run, known_spans, ent_ends)]
    title_names = _title_victim_names(doc)
    accepted: dict[tuple[int, int], str] = {}
    pending_acronyms = []
    for s, e in runs:
        start_c, end_c = tt.char_span(s, e)
        surface = text[start_c:end_c]
        words = [tt.lower[i] for i in range(s, e) if any(ch.isalpha() for ch in tt.text[i])]
        if not words or is_place(words) or words[0] in NOT_NAMES or words[-1] in ACRONYM_STOP \
                or words[-1] in TECH_TAILS or _VERSION.search(surface):
            continue  # places and nationalities; "REST API"; "V4.0.1"
        sent_start, sent_end = sentence_at(doc, start_c)
        left = text[max(sent_start, start_c - 80):start_c]
        right = text[end_c:min(sent_end, end_c + 100)]
        if _NOT_ORG_RIGHT.match(right) or words[-1] in {"number", "numbers"} or (
                len(words) == 1 and _MODIFIER_RIGHT.match(right)):
            continue
        if surface.casefold() in ACRONYM_STOP or re.sub(r"[^a-z]", "", surface.casefold()) in \
                ACRONYM_STOP:
            continue
        single = e - s == 1 or (e - s == 3 and tt.text[s + 1] == "-")
        inside = [org_ents[j] for j in sorted(
            org_order[k] for k in range(bisect.bisect_left(org_starts, start_c),
                                        bisect.bisect_left(org_starts, end_c))
            if org_sorted[k][1] <= end_c)]
        reason = ""
        if len(inside) == 1 and inside[0][0] == start_c and \
                text[inside[0][1]:end_c].strip().lower() in _REGION_TAILS:
            reason = "contains-ent"  # "ViaSat Europe", "Samsung UK": a regional company
        elif len(inside) >= 2 and inside[0][0] == start_c and inside[-1][1] == end_c and \
                " and " not in surface and "," not in surface:
            reason = "joins-ents"
        elif _headed(words):
            reason = "contains-ent" if inside and (inside[0][0], inside[-1][1]) != (
                start_c, end_c) or any(start_c <= a and b < end_c for a, b in place_ents) \
                else "head"
        elif org_key(surface) in title_names:
            reason = "title-victim"
        elif re.match(r"^\s*\(\s*[A-Z][\w&.-]{1,9}\s*\)", right) and \
                not _STOP_IN_PARENS.match(right):
            reason = "defines-acronym"
        elif re.match(r"^\s*,?\s+(?:Inc|Ltd|LLC|plc|PLC|Corp|GmbH|Co)\b", right):
            reason = "legal"
        elif _DESCRIPTOR_LEFT.search(left):
            reason = "descriptor"
        elif _APPOSITION_RIGHT.match(right):
            reason = "apposition"
        elif (s, e) in persons or _DOMAIN.search(surface):
            continue
        elif _is_acronym(surface):
            pending_acronyms.append((s, e, left, right))
            continue
        elif SECURITY_LEFT.search(left) or SECURITY_RIGHT.match(right) or \
                OFFICIALS_RIGHT.match(right):
            reason = "security-context"  # (a name speaking through officials: a candidate)
        elif VENDOR_LEFT.search(left) or VENDOR_RIGHT.match(right):
            reason = "vendor-context"
        elif _AFFILIATION_LEFT.search(left) or _AFFILIATION_RIGHT.match(right) or \
                MEDIA_LEFT.search(left):
            reason = "affiliation"
        elif VICTIM_LEFT[0][0].search(left) or (re.match(r"^['\u2019]s?\s", right)
                                                 and VICTIM_RIGHT[-1][0].match(right)):
            reason = "attack-context"
        elif e - s >= 2 and LURE_LEFT.search(left):
            reason = "lure-context"  # "a counterfeit version of the Harbour Mutual app"
        elif e - s >= 2 and _HELPER_LEFT.search(left) and (
                e - s >= 3 or not _person_shaped(doc, s, e)):
            reason = "security-context"  # "has engaged Northgate Incident Response"
        elif single and any(p.match(right) for p, _ in VICTIM_RIGHT[:2]):
            reason = "attack-subject"
        elif e - s >= 2 and (start_c, end_c) not in known_spans and _list_after_orgs(
                text, start_c, ent_ends):
            reason = "list-member"  # (review fixes, session 7) "A, B and Mistral Ticketing"
        if not reason:
            continue
        if reason not in {"head", "contains-ent", "joins-ents", "legal", "defines-acronym"} and \
                _PRODUCT_RIGHT.match(right):
            continue  # "the Jakarta Multipart parser": a product
        if reason in {"security-context", "vendor-context", "affiliation"} and re.match(
                r"^['\u2019]s\s+[A-Z]", right):
            continue  # "Denver's Regis University": a place qualifying a name
        if len(words) == 1:
            w_lower, w_text = tt.lower[s], tt.text[s]
            if (w_lower in NOT_NAMES or w_lower in GEO_NAMES or w_lower in TITLE_MODIFIERS
                    or w_lower in DEMONYMS
                    or (tt.sent_start[s] and (w_lower in lower or right.startswith(",")))
                    or w_text in surnames
                    or (w_text in weak_persons and reason not in STRONG_REASONS)
                    or _field_word(doc, start_c, end_c)):
                continue
        accepted[(s, e)] = reason
    # acronyms: defined or spelled out elsewhere, or acting like an organisation
    def span_text(s: int, e: int) -> str:
        a, b = tt.char_span(s, e)
        return text[a:b]

    # (each distinct name once, each distinct acronym once: a long text repeats both)
    long_names = list(dict.fromkeys(
        [span_text(s, e) for (s, e) in accepted] + [c.text for c in found]))
    spelled_out: dict[str, bool] = {}
    names_by_initial: dict[str, list[str]] = {}   # (only these can spell an acronym out)
    for n in long_names:
        for c in _word_initials(n):
            names_by_initial.setdefault(c, []).append(n)
    for s, e, left, right in pending_acronyms:
        surface = span_text(s, e)
        if tt.sent_start[s] and len(surface) >= 5 and re.match(r"^\s+[a-z]", right):
            continue  # "MOSCOW — ..." / "POLICE have ..." (capitalised words, not acronyms)
        if _ORG_VERB_RIGHT.match(right) or _ORG_VERB_LEFT.search(left):
            accepted[(s, e)] = "acronym"
            continue
        if surface not in spelled_out:
            spelled_out[surface] = any(_acronym_of(surface, n)
                                       for n in names_by_initial.get(_acronym_head(surface), ()))
        if spelled_out[surface]:
            accepted[(s, e)] = "acronym"
    # lists: "big brands like Uber, Fitbit, 1Password, and OKCupid"
    known = set(accepted) | {(sp.start, sp.end) for sp in (
        doc.char_span(c.start, c.end, alignment_mode="expand") for c in found)}
    for group in _lists(doc, runs):
        intro = text[max(0, tt.idx[group[0][0]] - 40):tt.idx[group[0][0]]]
        people = [g for g in group if g not in known and _person_shaped(doc, *g)]
        if len(group) >= 3 and 2 * len(people) >= len(group):
            continue  # "Bruno Zanelato, Cesar Anjos and Ben Martin": people
        if len(group) == 2 and not (any(g in known for g in group) and all(
                e - s >= 2 or g in known for g in group for s, e in [g])):
            continue  # "A and B": only two multi-word names, one of them known
        if any(g in known for g in group) or re.search(
                r"\b(?:like|such as|including|included|include|companies|brands|firms|"
                r"organi[sz]ations|victims)\s*:?\s*$", intro, re.I):
            for g in group:
                words = [tt.lower[i] for i in range(g[0], g[1])
                         if any(ch.isalpha() for ch in tt.text[i])]
                if g not in known and words and g not in persons and not any(
                        (w in GEO_NAMES or w in NOT_NAMES) and (i == 0 or w not in FUNCTION_WORDS)
                        for i, w in enumerate(words)) and \
                        span_text(*g) not in surnames:
                    accepted[g] = "list"
    out = [Candidate(*tt.char_span(s, e), clean_surface(span_text(s, e)), "ORG", "",
                     "rule:" + reason)
           for (s, e), reason in accepted.items()]
    # "Wrest Point casino", "Bhoiwada police station": a name and a lower-case head noun
    places = {e.text for e in doc_ents(doc) if e.label_ in {"GPE", "LOC"}}
    for m in _LOWER_HEAD.finditer(text):
        words = m.group(1).split()
        if words[0].lower() in NOT_NAMES or words[0].lower() in DEMONYMS or is_place(
                [w.lower() for w in words]) or any(w.lower() in ROLE_WORDS for w in words):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="strict")
        # "the former Chernobyl nuclear power plant": a place names its one plant or airport
        facility = re.match(r"(?:nuclear )?power |airport", text[m.end(1):m.end()]) and \
            re.search(r"\bthe\s+(?:former\s+)?$", text[max(0, m.start() - 12):m.start()])
        if span is None or words[0].lower() in lower or (
                m.group(1).strip() in places and not facility) or (
                len(words) == 1 and span[0].is_sent_start):
            continue  # "Top hospital officials", "a Navi Mumbai hospital": no name
        out.append(Candidate(m.start(), m.end(), m.group(0), "ORG", "", "rule:lower-head"))
    # 'Macron's party, known as "En Marche!" or "Onwards"': every mention of the names
    for m in pattern_matches(doc, _KNOWN_AS):
        for g in (1, 2):
            name = m.group(g) and m.group(g).strip()
            if name and org_key(name) and org_key(name) not in ACRONYM_STOP and not is_place(
                    org_key(name).split()):
                out.extend(Candidate(a, b, name, "ORG", "", "rule:known-as")
                           for a, b in word_spans(text, name))
    for m in (_CITY_OF.finditer(text) if any(w in text for w in _CITY_OF_NEEDLES) else ()):
        name = m.group(1).rstrip()
        stop = _SENTENCE_END.search(name)  # "the state of North Rhine-Westphalia. The attack"
        name_end = m.start(1) + (stop.start() if stop else len(name))
        out.append(Candidate(m.start(), name_end, text[m.start():name_end], "GPE", "", "rule:city"))
    return out


# words that open a job title ("Deputy Commissioner of Police")
_TITLE_FIRST = ROLE_WORDS | CONTEXT_ROLE_WORDS | {"deputy", "assistant", "associate", "vice",
                                                  "acting"}
# regions after a company name that make it the regional company ("ViaSat Europe")
_REGION_TAILS = frozenset({"europe", "uk", "emea", "apac", "asia", "asia pacific", "americas",
                           "north america", "latin america"})
_HELPER_LEFT = re.compile(r"\b(?:engaged|hired|retained|enlisted|(?:brought|called)\s+in|"
                          r"with\s+(?:the\s+)?(?:help|support|assistance)\s+(?:of|from))\s+"
                          r"(?:the\s+)?$", re.I)
_LAW = re.compile(r"\b[A-Z][\w-]*(?: [A-Z][\w-]*| and| of)* Act(?: of \d{4})?\b")
_CITY_OF = re.compile(r"\b(?:[Cc]ity|[Tt]own|[Ss]tate|[Cc]ounty) of ((?:[A-Z][\w.-]+\s?){1,3})")
_CITY_OF_NEEDLES = ("ity of ", "own of ", "tate of ", "ounty of ")  # one is in every match
_SENTENCE_END = re.compile(r"(?<=[a-z]{3})\.(?=\s|$)")  # a full stop, not "St."
_DOMAIN = re.compile(r"\w\.(?:com|gov|org|net|io|co|uk|edu)\b", re.I)


def _short_forms(doc: Doc, cands: list[Candidate],
                 cues: LanguageCues | None = None) -> list[Candidate]:
    """Mentions of the first one or two words of a longer name ("Lloyds" for "Lloyds Banking
    Group", "Hollywood Presbyterian" for "Hollywood Presbyterian Medical Center")."""
    lower = _lower_elsewhere(doc)
    surnames = _surnames(doc)
    out = []
    text = doc_text(doc)
    people = _person_surnames(doc)
    repeated = set()
    for c in cands:  # every occurrence of a one-word name found once by the rules (or the NER:
        # "Tillwise" tagged ORG once and PERSON elsewhere)
        if " " not in c.text and c.label == "ORG" and c.text not in repeated and (
                c.source.startswith("rule:") or (c.source == "ent" and c.text not in surnames
                                                 and c.text not in people)):
            repeated.add(c.text)
            for a, b in word_spans(text, c.text):
                out.append(Candidate(a, b, c.text, "ORG", "", "rule:repeat"))
    for c in cands:
        words = c.text.split()
        if c.label != "ORG" or len(words) < 2:
            continue
        for n in (2, 1):
            head = words[:n]
            if len(words) <= n or any(
                    w.lower() in GEO_NAMES or w.lower() in COMMON_FIRST or w.lower() in lower
                    or w.lower() in DEMONYMS
                    or w.lower() in NOT_NAMES or w.lower() in FUNCTION_WORDS
                    or w.lower() in ORG_HEADS
                    or (cues is not None and (w.lower() in cues.name_words
                                              or w.lower() in cues.function_words))
                    for w in head):
                continue
            if _is_unit_tail(org_key(" ".join(words[n:])).split()) or (
                    n == 1 and _POSSESSIVE.sub("", head[0]) in surnames) or _is_acronym(head[0]):
                continue
            short = _POSSESSIVE.sub("", " ".join(head)) if n == 1 else " ".join(head)
            for a, b in word_spans(text, short):
                out.append(Candidate(a, b, short, "ORG", "", "rule:short"))
    return out


def _split_known(doc: Doc, run: tuple[int, int], known: set[tuple[int, int]],
                 ent_ends: dict[int, int]) -> list[tuple[int, int]]:
    """Split "Google and Facebook" / "Fight for the Future and Free Press" at "and" when a
    side is an organisation found already (entity or gazetteer); ``ent_ends`` maps the ORG
    entities' end offsets to their starts (the list rule of :func:`_list_after_orgs`)."""
    s, e = run
    tt = doc_tokens(doc)
    lower = tt.lower
    for k in range(s + 1, e - 1):
        if lower[k] != "and":
            continue
        left, right = tt.char_span(s, k), tt.char_span(k + 1, e)
        headed = [_headed(lower[a:b]) for a, b in ((s, k), (k + 1, e))]
        # "Fight for the Future and Free Press": a name with an inner connector that does not
        # open with a head ("Department of Health and Human Services" stays whole)
        phrase = k - s >= 3 and lower[s] not in ORG_HEADS and any(
            w in CONNECTORS for w in lower[s + 1:k - 1])
        if (left in known or headed[0] or phrase) and (right in known or headed[1]):
            return [(s, k)] + _split_known(doc, (k + 1, e), known, ent_ends)
        if ent_ends.get(left[1]) == left[0] and e - k > 2 and _list_after_orgs(
                doc_text(doc), right[0], ent_ends):
            return [(s, k), (k + 1, e)]  # (review fixes, session 7) "A, B and Mistral Ticketing"
    return [run]


def _title_victim_names(doc: Doc) -> set[str]:
    """Keys of capitalised names the headline presents as attacked ("Hackers seize Atlanta's
    network", "Data breach at Crosshouse"): such names are organisations in the body too."""
    title = doc._.title if Doc.has_extension("title") else None
    if not title:
        return set()
    out = set()
    for m in re.finditer(r"(?:[A-Z][\w&.\u2019'-]*\s?){1,4}", title):
        name = clean_surface(m.group(0))
        if not name or org_key(name) in GEO_NAMES:
            continue
        left, right = title[:m.start()], title[m.start() + len(name):]
        if any(p.search(left) for p, _ in VICTIM_LEFT[:2]) or any(
                p.match(right) for p, _ in VICTIM_RIGHT) or (
                m.start() == 0 and NOUN_MODIFIER_HIT.match(right)
                and _name_shaped(doc, name)):
            out.add(org_key(name))  # (also opening the headline: "X hack: why ...")
    return out


# days that open a headline before an incident noun ("Easter cyber attack: ...")
_DAY_WORDS = MONTHS | WEEKDAYS | frozenset({
    "Easter", "Christmas", "Xmas", "Halloween", "Thanksgiving", "Ramadan", "Eid", "Diwali",
    "Hanukkah", "Passover", "Advent", "Pentecost", "Whitsun", "Holiday", "Holidays", "Weekend"})
_DAY_PHRASE = re.compile(r"\b(?:New\s+Year|Boxing\s+Day|Independence\s+Day|Election\s+Day)\b")


def _name_shaped(doc: Doc, name: str) -> bool:
    """A headline-opening word group that can be a name ("Fernlow hack: ..."): no day, month
    or holiday ("Easter cyber attack", "Black Friday data breach") and not only frequent
    English words ("Budget leak: ...") unless it ends in an organisation's head word."""
    words = list(re.findall(r"[^\W\d_][\w&'\u2019-]*", name))
    if not words or any(w in _DAY_WORDS for w in words) or _DAY_PHRASE.search(name):
        return False
    return not all(common_word(doc, w.lower()) for w in words) or words[-1].lower() in ORG_HEADS


def _lists(doc: Doc, runs: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Coordinated capitalised names: ``A, B, C and D`` (at least three, or two with "and")."""
    groups: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    tt = doc_tokens(doc)
    idx, text = tt.idx, doc_text(doc)
    for run in runs:
        if cur:
            gap = text[tt.char_span(*cur[-1])[1]:idx[run[0]]]
            if _LIST_SEP.match(gap) and sentence_at(doc, idx[cur[-1][0]]) == sentence_at(
                    doc, idx[run[0]]):
                cur.append(run)
                continue
            if len(cur) >= 2:
                groups.append(cur)
        cur = [run]
    if len(cur) >= 2:
        groups.append(cur)
    return groups


def _dedupe(cands: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Keep one candidate per text region: names joining entities first, then entities,
    the gazetteer, and the longest rule match."""
    rank = {"rule:joins-ents": 0, "rule:contains-ent": 0, "ent": 1, "gazetteer": 2,
            "rule:actor": 2, "rule:city": 1, "rule:lower-head": 0}
    # a name the text calls a threat group ("a ransomware group calling itself Vexlock") is
    # an attacker even when the NER tagged it ORG
    actor_spans = {(c.start, c.end) for c in cands if c.source == "rule:actor"}
    for c in cands:
        if c.source == "ent" and c.label == "ORG" and (c.start, c.end) in actor_spans:
            c.label = "THREAT_ACTOR"
    # overlap tests against occupied positions, not against every kept span: a long page has
    # 10^5 candidates (the pairwise test took 36 s on a 60,000-character text)
    size = max([c.end for c in cands] + [be for _, be in blocked] + [0]) + 1
    taken, points = bytearray(size), bytearray(size)
    for bs, be in blocked:
        _occupy(taken, points, bs, be)
    cands = [c for c in cands if not _overlaps(taken, points, c, blocked)]
    # a known organisation beats a place reading of the same words ("White House" as LOC)
    cands.sort(key=lambda c: (2.5 if c.source == "ent" and c.label == "GPE" else
                              rank.get(c.source, 3), -(c.end - c.start), c.start))
    taken, points = bytearray(size), bytearray(size)
    kept: list[Candidate] = []
    for c in cands:
        if _overlaps(taken, points, c, [(k.start, k.end) for k in kept]
                     if c.end <= c.start else ()):
            continue
        kept.append(c)
        _occupy(taken, points, c.start, c.end)
    kept.sort(key=lambda c: c.start)
    return kept


def _occupy(taken: bytearray, points: bytearray, start: int, end: int) -> None:
    if end > start:
        taken[start:end] = b"\1" * (end - start)
    elif 0 <= start < len(points):
        points[start] = 1      # an empty span overlaps what strictly contains its position


def _overlaps(taken: bytearray, points: bytearray, c: Candidate, spans) -> bool:
    """Whether ``c`` overlaps an occupied span (the test ``c.start < e and s < c.end``);
    ``spans`` (the occupied spans) is read only for an empty candidate."""
    if c.end <= c.start:
        return any(c.start < e and s < c.end for s, e in spans)
    return 1 in taken[c.start:c.end] or 1 in points[c.start + 1:c.end]


# this module's context patterns that begin with literal words run only where those words
# occur (the same matches, found without trying the pattern at every character; the lexicon's
# patterns come so from org_lexicon)
_ORG_VERB_LEFT = fast(_ORG_VERB_LEFT)


__all__ = ["Candidate", "KNOWN_AS_ALIAS", "RoleGazetteer", "clean_surface", "find_candidates",
           "org_key", "clear_doc_cache", "doc_ents", "doc_text", "sentence_at", "sentence_bounds"]
