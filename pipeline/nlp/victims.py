"""Step 4 of ``incident_orgs``: which organisations the article reports as attacked.

``pick_victims(doc, clusters, title, threshold, ratio, max_victims, cues)`` scores every
cluster (``victim_score``) on attack contexts around its mentions ("X was hit by", "attack on
X", "X's systems"), the headline, first-sentence prominence and frequency, minus the evidence
for the other roles and for background incidents ("the 2014 breach at ..."); organisations
above the threshold (and close to the best one) get the role ``victim``. A vendor whose own
systems the text says were broken into ("an attacker had gained access to part of its build
environment") is a victim, not a vendor; clients named as affected by a supplier's breach and
the members of a round-up list that names a victim are victims too.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from spacy.tokens import Doc

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.org_clusters import Cluster
from pipeline.nlp.org_context import (
    _ACCORDING_LEFT, _attack_in, _contexts, _is_lure, _maker_context, _mention_lure,
    _reports_incident, _sent_attack, _sentence_flag, _vuln_article,
)
from pipeline.nlp.org_doc import Candidate, doc_ents, doc_memo, sentence_at, sentence_bounds
from pipeline.nlp.org_lexicon import (
    AMONG_RIGHT, _ATTACK_WORD, ATTRIBUTION_LEFT, _BACKGROUND, BACKGROUND_AT_LEFT,
    BACKGROUND_AT_RIGHT, BACKGROUND_STRONG, COMMON_FIRST, DATA_TAKEN_RIGHT, DEMAND_LEFT, FAMED_LEFT,
    DESCRIPTORS, GEO_NAMES, HYPOTHETICAL_LEFT, INCIDENTS_RIGHT, LanguageCues, LIST_CLOSE_LEFT,
    LIST_CLOSE_RIGHT, LIST_SOFTWARE_RIGHT, LIST_VERB_LEFT, LIST_VERBS, LISTED_LEFT,
    NOUN_MODIFIER_HIT, ORG_HEADS, PAY_RIGHT,
    RELATIVE_HIT, ROUNDUP_AMONG_LEFT, ROUNDUP_LEFT, SYSTEMS_SUBJECT_HIT,
    TITLE_VICTIM_RIGHT, VICTIM_LEFT, VICTIM_RIGHT,
)
from pipeline.nlp.org_names import _is_acronym, _NATIONAL, org_key, word_spans
from pipeline.nlp.org_places import (
    _description_only, _known_place, _place_mention, _PLACE_MODIFIER_RIGHT, _PLACE_OF_LEFT,
    _PUBLIC_BODY_NAME,
)
from pipeline.regex_prefix import fast


# list separators for sharing evidence: also "WPP and a shipping company, APM Terminals"
_LIST_SEP_LOOSE = re.compile(r"^\s*(?:\([^()]{1,60}\)\s*)?"  # "Norfolk County (norfolkcounty.ca),"
                             # "X in the UK,"
                             r"(?:in\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*)?"
                             r"(?:,\s*(?:and|or)?|and|or|&|/)\s*(?:(?:a|an|the)\s+"
                             r"[\w -]{1,40}?,\s*|the\s+|(?:its|their)\s+(?:unit|subsidiary|sister "
                             r"(?:company|airline|brand)|division|brand|affiliate)\s+)?$")


# ----------------------------------------------------------------------------- step 4: victims
def _title_forms(forms: Iterable[str]) -> list[str]:
    """Forms a headline may use: the names and the first one or two words of long names
    ("Western Albemarle" for "Western Albemarle High School")."""
    out = list(forms)
    for f in list(out):
        words = f.split()
        # the name of "University of X", "Town of X", "Diocese of X" ("Carrowmore payroll fraud")
        if len(words) >= 3 and words[1] == "of" and words[0].lower() in _OF_HEADS and all(
                w[:1].isupper() for w in words[2:]) and words[2].lower() not in GEO_NAMES:
            out.append(" ".join(words[2:]))
        for n in (2, 1):
            head = words[:n]
            if len(words) > n and head and all(w.lower() not in GEO_NAMES and w.lower() not in
                                               COMMON_FIRST and w.lower() not in _NATIONAL
                                               for w in head):
                # (not a nationality: "Welsh council" in a headline is no "Welsh Government")
                out.append(" ".join(head))
    return out


# bodies named "<head> of <name>" that a headline may call by the name alone
_OF_HEADS = frozenset("""university college school academy institute town city county borough
village municipality district diocese parish council hospital""".split())


# the rest of a coordinated list of names in a headline: "(Google), Facebook hit by" -- each
# item must be a known form of an organisation of the article (in a Title Case headline any
# capitalised words would do: "Microsoft, Google Say Hackers Targeted ...")
_TITLE_LIST_SEP = re.compile(r"\s*(?:,|and\b|&)\s*", re.I)  # ("Google And Facebook Hit By")


def _title_list_rest(rest: str, others: Iterable[str]) -> str:
    """``rest`` (the headline after a name) without a following list of other known names."""
    out = rest
    while (sep := _TITLE_LIST_SEP.match(out)) and sep.end() > 0:
        tail = out[sep.end():]
        form = next((f for f in others if tail[:len(f)].lower() == f.lower() and
                     (len(tail) == len(f) or not (tail[len(f)].isalnum() or tail[len(f)] == "-"))),
                    None)
        if form is None:
            break
        out = tail[len(form):]
    return out if out is rest or out[:1].isspace() else rest


def _title_lure(title: str | None, forms: Iterable[str]) -> bool:
    """The headline names the organisation as bait: "Fake X emails target business owners",
    "Phishers spoof X login page" (:func:`_is_lure` on the headline around the name)."""
    if not title:
        return False
    for f in forms:
        if len(f) < 2:
            continue
        for a, b in word_spans(title, f, ignore_case=not _is_acronym(f)):
            if _is_lure(title[:a], title[b:]):
                return True
    return False


def _in_title(title: str | None, forms: Iterable[str]) -> bool:
    if not title:
        return False
    for f in _title_forms(forms):
        if len(f) < 2:
            continue
        if word_spans(title, f, ignore_case=not _is_acronym(f)):
            return True
    return False


def _english_title_hit(title: str | None, forms: Iterable[str],
                       others: Iterable[str] = ()) -> float:
    """Attack evidence from an English headline that names the organisation as the target
    ("Data breach at X after staff accessed records", "Ransomware attack on X"); ``others``:
    the headline forms of the article's other organisations (a list "X, Y hit by")."""
    if not title or not _ATTACK_WORD.search(title):
        return 0.0
    forms = list(forms)
    others = sorted(others, key=len, reverse=True)
    # a first word another organisation of the article goes by is that one's name in the
    # headline ("breach at Cathay": Cathay Pacific, named "Cathay" in the text, not Cathay City)
    taken = {o.casefold() for o in others} - {f.casefold() for f in forms}
    for f in _title_forms(forms):
        if len(f) < 2 or f not in forms and f.casefold() in taken:
            continue
        for a, b in word_spans(title, f, ignore_case=not _is_acronym(f)):
            rest = _title_list_rest(title[b:], others)
            if f in forms and TITLE_VICTIM_RIGHT.match(rest):
                return 3.0  # the headline's subject, hit: "Google, Facebook hit by ..."
            if any(p.search(title[:a]) for p, _w in VICTIM_LEFT[:1]) or \
                    NOUN_MODIFIER_HIT.match(title[b:]):
                return 2.0
    return 0.0


def _mention_hits(doc: Doc, clusters: list[Cluster],
                  cues: LanguageCues | None = None) -> dict[int, float]:
    """Attack evidence of every mention (keyed by ``id(mention)``): the strongest victim
    pattern around it, discounted in background sentences and shared along coordinated lists
    ("hit Uber, Fitbit and OKCupid")."""
    hits: dict[int, float] = {}
    raw = doc_memo(doc)["raw_hits"] = {}  # before the background discount
    mentions = sorted((m for cl in clusters for m in cl.mentions), key=lambda m: m.start)
    owner = {id(m): cl for cl in clusters for m in cl.mentions}
    listed = doc_memo(doc)["listed"] = set()  # mentions in a list of attacked names
    place_ids = {id(m) for m in mentions if _place_mention(m)}
    org_ents = {(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ == "ORG"}
    hypothetical = doc_memo(doc)["hypothetical"] = set()  # mentions in a flaw's impact
    attributed = doc_memo(doc)["attributed"] = {}  # mentions in an attacker's record
    person_from = doc_memo(doc)["person_from"] = set()  # "an officer from X": a home
    sents = sentence_bounds(doc)
    lead_end = sents[0][1] if sents else 0
    title = doc_memo(doc).get("title_text")
    lead_attack = bool(title) and _attack_in(title, cues)
    for m in mentions:
        left, right, sent, s_start = _contexts(doc, m)
        attack_sent = _sent_attack(doc, s_start, sent, cues)
        hit = 0.0
        for i, (p, w) in enumerate(VICTIM_RIGHT):  # (a weight not above the hit changes nothing)
            if w > hit and (i in (0, 1) or attack_sent) and p.match(right):
                hit = w
        if hit < 2.0 and NOUN_MODIFIER_HIT.match(right):
            hit = 2.0  # "the Cathay Pacific data breach" (an attack sentence by itself)
        if hit < 3.0 and SYSTEMS_SUBJECT_HIT.match(right):
            hit = 3.0  # "some X computers were infected with ransomware"
        if hit < 2.0 and ("includ" in left or "such as" in left or " is" in left
                          or " are" in left or " was" in left or " were" in left) \
                and (attack_sent or _near_attack(doc, s_start, cues)) and ROUNDUP_LEFT.search(left):
            hit = 2.0  # "institutions hit include X, Y and Z" (shared along the list below)
            listed.add(id(m))
        if hit < 2.0 and attack_sent and any(v in left for v in LIST_VERBS) and \
                LIST_VERB_LEFT.search(left) and not LIST_SOFTWARE_RIGHT.match(right):
            listed.add(id(m))
            hit = 2.0  # "disrupting car factories, global shipper X and Y" (not "hitting
            # exposed Hadoop and X deployments": software)
        if hit < 3.0 and attack_sent and PAY_RIGHT.match(right) and DEMAND_LEFT.search(left):
            hit = 3.0  # "demanding X pay a ransom"
        if hit < 3.0 and RELATIVE_HIT.match(right):
            hit = 3.0  # "X, which confirmed that it was attacked"
        if hit < 3.0 and "among" in right and AMONG_RIGHT.match(right):
            hit = 3.0  # "X and Y were among the clients affected"
        if hit < 3.0 and " ha" in right[:90] and DATA_TAKEN_RIGHT.match(right):
            hit = 3.0  # "X and Y had staff data stolen"
        if hit < 3.0 and right[:1] in {",", "(", " "} and LIST_CLOSE_RIGHT.match(right) and \
                LIST_CLOSE_LEFT.search(left):
            hit = 3.0  # "its clients, including X and Y, were also affected"
        if hit < 2.0 and _SUPPLIER_LEAK_RIGHT.match(right):
            hit = 2.0  # "X was leaking customer HTTPS sessions for A, B and C": X leaked too
        if hit < 2.0 and "mong" in left and (attack_sent or _near_attack(doc, s_start, cues)) \
                and ROUNDUP_AMONG_LEFT.search(left):
            hit = 2.0  # "Among the clients affected were X, Y and Z" (shared along the list)
            listed.add(id(m))
        plain = hit >= 3.0  # a plain victim pattern at the name itself ("X was hit by")
        if attack_sent:
            for p, w in VICTIM_LEFT:
                if w > hit and p.search(left):
                    hit = w
        elif hit < 2.0 and lead_attack and m.start < lead_end and _LEAD_PEOPLE_OF_LEFT.search(
                left):
            hit = 2.0  # the lead of an attack headline: "Customers of carrier X complained that
            # their points were drained" ("Hackers target airline's loyalty programme")
        if hit and not plain and hit <= 1.5 and _REPORTING_TAG_RIGHT.match(right) and \
                _REPORTING_TAG_LEFT.search(left):
            hit = 0.0  # "The websites of ... were defaced, the regional IT agency X confirmed."
            # (the reporter of the sentence's news, not its subject)
        if hit and not plain and "ccording" in left and _ACCORDING_LEFT.search(left):
            hit = 0.0  # "phones that fell victim to X, according to Y's report": the source
        if cues is not None:  # "Die Stadtwerke X sind Opfer eines Cyberangriffs geworden"
            for i, p in enumerate(cues.victim_right):
                if (i < 2 or attack_sent) and p.match(right):
                    hit = max(hit, 3.0 if i < 2 else 2.0)
            if attack_sent and any(p.search(left) for p in cues.victim_left):
                hit = max(hit, 2.5)
        if hit and not plain and _VERSIONED_RIGHT.match(right):
            hit = 0.0  # "attacks against X 365 accounts": a product of X, not X
        if hit and _USED_PRODUCT_LEFT.search(left[-12:]) and _USED_PRODUCT_RIGHT.match(right):
            hit = 0.0  # "records stolen from its X instance": the customer's copy of X's product
        if _MODIFIER_HYPHEN.match(right) or (not plain and _maker_context(left)):
            hit = 0.0  # "Internet-exposed servers", "printers from X": not the target
        if hit > 1.0 and HYPOTHETICAL_LEFT.search(left):
            hit = 0.0  # "would enable remote attacks on all X nodes": a flaw's impact
            hypothetical.add(id(m))
        if hit and (cause := _NON_CYBER_CAUSE.match(right)) \
                and not _CYBER_WORD.search(right[:cause.end()]):
            hit = 0.0  # "X suffered a day-long outage due to a cut fiber": no attack on X
        raw[id(m)] = hit
        if _sentence_flag(doc, ("background", id(cues)), s_start, sent, lambda t: (
                _BACKGROUND.search(t) or (cues is not None and cues.background.search(t)))):
            hit *= 0.4
        if _mention_lure(doc, m, left, right):
            hit = 0.0
        elif hit and id(m) in place_ids and (_PLACE_OF_LEFT.search(left)
                                             or _PLACE_MODIFIER_RIGHT.match(right)):
            hit = 0.0  # "Midland in Ontario was hit", "data leaks at Long Island companies"
        elif _PERSON_FROM_LEFT.search(left) and (id(m) in place_ids or (
                len(owner[id(m)].name.split()) == 1 and not _is_acronym(owner[id(m)].name)
                and not org_ents.intersection((c.start, c.end) for c in owner[id(m)].mentions))):
            hit = 0.0  # "a retired bank officer from X was duped": the person's home, one word
            # (not an organisation: "an engineer from X was charged with extorting the company")
            person_from.add(id(m))
        elif hit and _CLAIMED_ON_LEFT.search(left) and _PLATFORM.match(owner[id(m)].name):
            hit = 0.0  # "the group claimed the attack on Telegram": where it was claimed (not
            # "claimed the attack on Uber": the target)
        elif hit and ATTRIBUTION_LEFT.search(left):
            attributed[id(m)] = hit  # (kept for a lead that names only these attacks)
            hit = 0.0  # "the group blamed for the attacks on X": the attacker's record

        hits[id(m)] = hit
    places = {id(m) for cl in clusters if cl.labels <= {"GPE"} or all(
        k in GEO_NAMES or k in _NATIONAL for k in cl.keys) for m in cl.mentions}
    group: list[Candidate] = []
    for m in mentions + [None]:
        if m is not None and group and _LIST_SEP_LOOSE.match(doc_text(doc)[group[-1].end:m.start]):
            group.append(m)
            continue
        if m is not None and group and id(m) in places and _IN_PLACE.match(
                doc_text(doc)[group[-1].end:m.start]):
            continue  # "the X in the UK, Y and Z": the place is part of the separator
        if len(group) >= 2:
            best = max(hits[id(g)] for g in group)
            for g in group:
                hits[id(g)] = best
                if best >= 2:
                    listed.add(id(g))
        group = [m] if m is not None else []
    return hits


# the people of an organisation in the lead of an attack headline ("Customers of carrier X
# complained ..."; not "Staff from the agency X are working with ...", "Data from X shows ...")
_LEAD_PEOPLE_OF_LEFT = re.compile(
    r"\b(?:customers|clients|patients|users|members|students|passengers|travell?ers|"
    r"subscribers|policyholders|shoppers|guests|account\s+holders)\s+(?:of|at)\s+(?:the\s+)?"
    r"(?:[\w'\u2019-]+\s+){0,4}$", re.I)
# a reporting tag closing the sentence: ", the regional IT agency X confirmed."
_REPORTING_TAG_RIGHT = re.compile(r"^\s+(?:said|says|confirmed|confirms|reported|reports|"
                                  r"stated|announced)\s*[.;]")
_REPORTING_TAG_LEFT = re.compile(r",\s+(?:the\s+|a\s+)?(?:[\w'\u2019-]+\s+){0,6}$")
# a person from a place: "a 68-year-old retired bank officer from X was duped of Rs 1.2 crore"
_PERSON_FROM_LEFT = re.compile(
    r"\b(?:man|woman|men|women|residents?|officer|pensioners?|retirees?|businessman|"
    r"businesswoman|teacher|doctor|student|engineer|person|people|couple|family|trader|worker|"
    r"\d+-year-old)\s+from\s+(?:the\s+)?$", re.I)
# the platform where an attack was claimed: "claimed the attack on Telegram", "claimed
# responsibility on its Telegram channel" (a platform the gazetteer knows)
_CLAIMED_ON_LEFT = re.compile(r"\bclaim(?:s|ed|ing)?\b[^.;:]{0,60}?\bon\s+(?:its\s+|their\s+|"
                              r"an?\s+|the\s+)?$", re.I)
# platforms where a group posts its claims: messaging and social networks, forums, leak sites
_PLATFORM = re.compile(r"(?:Telegram|X|Twitter|Facebook|Instagram|Discord|Reddit|VK|VKontakte|"
                       r"YouTube|TikTok|WhatsApp|Signal|Tor|Mastodon|Bluesky|Threads|Pastebin|"
                       r"GitHub|(?:[\w-]+\s+){0,3}(?:[\w-]*[Ff]orums?|[Cc]hannel|[Ll]eak\s+[Ss]ite|"
                       r"[Bb]log|[Dd]ark\s+[Ww]eb))$")


# a product named by its maker's name and a number: "X 365 accounts", "X 10 machines"
_VERSIONED_RIGHT = re.compile(r"^\s+\d{1,4}\s+(?-i:[a-z])")
# a customer's own copy of a product ("its Snowflake instance", "their X tenant")
_USED_PRODUCT_LEFT = re.compile(r"\b(?:its|their|his|her|our|your)\s+$", re.I)
_USED_PRODUCT_RIGHT = re.compile(r"^\s+(?:instances?|tenants?|accounts?|environments?|"
                                 r"workspaces?|deployments?|databases?|buckets?|subscriptions?)\b",
                                 re.I)
# a vendor denying that its own platform was breached ("X insists its platform was not
# breached", "X denied that its systems had been compromised"; not a plain "X said": a victim
# says which of its systems were spared, "X said its payment systems had not been compromised")
_DENIES_RIGHT = re.compile(
    r"^(?:['\u2019]s?\s+[\w-]+\s+)?\s*(?:,[^,]{0,60},\s*)?(?:insists?|insisted|denie[sd]|deny|"
    r"maintains?|maintained|stressed|stresses)\s+(?:that\s+)?(?:its|their)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:platform|systems?|network|infrastructure|servers?|products?|"
    r"services?)\s+(?:was|were|had|has|have)\s+(?:not|never)\s+(?:been\s+)?"
    r"(?:breached|compromised|hacked|accessed|attacked)\b", re.I)


# an outage with a cause that is no attack: "X suffered a day-long outage due to a cut fiber"
_NON_CYBER_CAUSE = re.compile(
    r"^[^.;!?]{0,80}?\b(?:outage|downtime|disruption|went (?:down|offline))[^.;!?]{0,30}?\b"
    r"(?:due to|caused by|because of|after|following)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:cut|severed|fib(?:er|re)s?|power|storm|weather|hurricane|flood(?:ing)?|fire|hardware|"
    r"technical|glitch|maintenance|configuration|construction)\b", re.I)
_CYBER_WORD = re.compile(r"(?:attack|breach|hack|ransom|malware|phish|virus|intrusion|ddos|"
                         r"denial[- ]of[- ]service)", re.I)


# (review fixes, session 7) the supplier leaking what it holds for its clients is a victim next
# to them (its clients are found by the supplier-leak pattern of VICTIM_LEFT)
_SUPPLIER_LEAK_RIGHT = re.compile(
    r"^\s+(?:(?:was|were|is|are|had been|has been|have been)\s+)?(?:leaking|leaked|exposing|"
    r"exposed|spilling|spilled)\s+(?:(?:the|their|its|some|private|sensitive|personal|customer|"
    r"client|user|HTTPS?|encrypted|unencrypted)\s+){0,3}(?:data|sessions|traffic|information|"
    r"details|records|passwords|credentials|cookies|tokens|files|e-?mails)\s+(?:of|for|from|"
    r"belonging to)\b", re.I)


def _near_attack(doc: Doc, s_start: int, cues: LanguageCues | None) -> bool:
    """The sentence before the one starting at ``s_start`` speaks of an attack: a round-up
    of affected clients may follow the sentence that reports the supplier's breach ("Movex was
    hit by ransomware. Its affected clients include X and Y")."""
    memo = doc_memo(doc)
    key = ("near_attack", id(cues), s_start)
    found = memo.get(key)
    if found is None:
        sents = sentence_bounds(doc)
        i = bisect.bisect_left(sents, (s_start, -1)) - 1
        found = False
        if i >= 0:
            a, b = sents[i]
            found = _sent_attack(doc, a, doc_text(doc)[a:b], cues)
        memo[key] = found
    return found


# a name as the first part of a compound modifier: "Internet-exposed", "Russia-linked"
_MODIFIER_HYPHEN = re.compile(r"^-\w")  # (also a fragment of one word: "Zero" of "Zero-Day")


_IN_PLACE = re.compile(r"^\s+in\s+(?:the\s+)?$")


_OWN_THING_WORDS = (r"systems?|networks?|servers?|environment|portals?|"
                    r"infrastructure|pipeline|databases?|accounts?|platform|source code|code|"
                    r"repositor(?:y|ies)|update (?:server|mechanism|system)|build \w+|"
                    r"back[- ]?end|cloud|IT|computers?")
_OWN_THING = r"(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:" + _OWN_THING_WORDS + r")\b"
# (what hackers broke into: its systems, or the accounts of its people)
_OWN_THING_OR_PEOPLE = (r"(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:" + _OWN_THING_WORDS +
                        r"|leadership|executives?|staff|employees)\b")
_OWN_BREACH = fast(re.compile(
    r"\b(?:attackers?|hackers?|intruders?|(?:cyber)?criminals?|threat actors?|someone|"
    r"an? (?:unknown|unauthori[sz]ed|malicious) (?:party|user|third party|actor))\s+"
    # ("hackers linked to Russia's foreign intelligence service had gained access to ...")
    r"(?:[\w'\u2019-]+\s+){0,8}?(?:(?:gained|gaining|obtained|had|got)\s+(?:unauthori[sz]ed\s+)?"
    r"access\s+to|broke\s+into|breached|compromised|hacked|infiltrated|penetrated|tampered\s+"
    r"with|locked|encrypted|crippled|"
    # "hackers took over its email server" (and used it to send fake invoices in its name)
    r"took\s+over|taken\s+over|taking\s+over|hijacked|seized\s+control\s+of)\s+"
    r"(?:(?:part|parts|some|one|all)\s+of\s+)?"
    # "the email accounts of some of its senior leadership team"
    r"(?:the\s+(?:[\w-]+\s+){0,2}?(?:accounts?|mailboxes|inboxes|e-?mails?|devices|laptops|"
    r"computers)\s+of\s+(?:(?:some|several|many|a few|one|two|three)\s+of\s+)?)?its\s+" +
    _OWN_THING_OR_PEOPLE +
    # (not "its platform was not breached": a denial)
    r"|\bits\s+" + _OWN_THING + r"\s+(?:had|has|have)?\s*(?:been\s+|was\s+|were\s+)"
    r"(?:(?!not\b|never\b)\w+\s+)?(?:compromised|breached|hacked|accessed|infiltrated|"
    r"tampered\s+with|taken\s+over|hijacked)\b"
    # "X shut down its dealer management system following a cyber attack"
    r"|\b(?:shut|shuts|shutting)\s+down\s+its\s+" + _OWN_THING + r"\s+(?:[\w-]+\s+){0,3}?"
    r"(?:following|after|due to|because of|in response to)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:cyber[- ]?attack|attack|breach|ransomware|intrusion|hack|incident)\b",
    re.I))


# the text between a name and one in its appositive: ", a Devon " (still open: no comma)
_APPOSITIVE_GAP = re.compile(r"\s*,\s+(?:a|an|the)\s+[^,;:.!?\n]*$", re.I)


# (review 10) more ways an article says an organisation's own systems were broken into; "the
# company's" / "the firm's" stands for "its"
_OWNER_NOUNS = (r"(?:company|firm|business|council|hospital|bank|lender|airline|carrier|retailer|"
                r"utility|district|agency|university|school|charity|trust|society|"
                r"organi[sz]ation|manufacturer|insurer|operator|provider|county|city|town|club|"
                r"practice|clinic|brewery|chain)")
_DEFINITE_OWNER = r"(?:its|the\s+" + _OWNER_NOUNS + r"['\u2019]s)"
# (not the things of its customers: "a DDoS attack on its customers' websites")
_PEOPLES = (r"(?:customers|clients|users|members|subscribers|patients|students|guests|"
            r"partners|suppliers|vendors|residents|employees|staff)['\u2019]?\s")
_NOT_PEOPLES = r"(?!" + _PEOPLES + r")"
_OWN_THING_MORE = (r"(?:own\s+)?(?:" + _NOT_PEOPLES + r"[\w'\u2019-]+\s+){0,3}?(?:" +
                   _OWN_THING_WORDS +
                   r"|switch(?:es)?|offices?|websites?|web\s?sites?|apps?|e-?mail|mail\s?servers?|"
                   r"payments?|phones?|telephones?|back-?ups?)\b")
_OWN_BREACH_MORE = fast(re.compile(
    # sabotage from inside: "charged with damaging the company's computer systems", "deleted
    # its backup servers"
    r"\b(?:damag|sabotag|wip|delet|destroy|disabl)(?:e|es|ed|ing)\s+" + _DEFINITE_OWNER +
    r"\s+" + _OWN_THING_MORE +
    # "a cyber attack on its ATM switch", "a phishing attack on its treasurer's office", "a
    # cyberattack that hit its information systems"
    r"|\b(?:cyber[- ]?)?(?:attacks?|breach(?:es)?|hacks?|hacking|intrusions?|compromises?|"
    r"cyberattacks?)\s+(?:on|of|against|into|(?:that|which)\s+(?:has\s+|had\s+)?(?:hit|struck|"
    r"crippled|disrupted|paralys[ez]d|paralyzed|encrypted|affected|targeted|knocked\s+out|"
    r"took\s+down|brought\s+down))\s+" + _DEFINITE_OWNER + r"\s+" + _OWN_THING_MORE +
    # "the firm's Microsoft 365 account was accessed"
    r"|\bthe\s+(?P<kind>" + _OWNER_NOUNS + r")['\u2019]s\s+" + _OWN_THING_MORE +
    r"\s+(?:had\s+|has\s+|have\s+)?(?:been\s+|was\s+|were\s+)"
    r"(?:(?!not\b|never\b)\w+\s+)?(?:compromised|breached|hacked|accessed|infiltrated|"
    r"tampered\s+with|taken\s+over|hijacked|encrypted|locked)\b"
    # ransomware as the subject: "said ransomware encrypted its brewing and distribution systems"
    r"|\b(?:ransomware|malware|a\s+virus|the\s+virus)\s+(?:had\s+|has\s+)?(?:encrypted|locked|"
    r"crippled|infected|disabled|shut\s+down|knocked\s+out)\s+" + _DEFINITE_OWNER + r"\s+" +
    _OWN_THING_MORE, re.I))
# the organisation tells of an intruder in its systems: "X says someone remotely accessed a
# computer that controls ...", "X said hackers had broken into" (no one else's network named:
# not "... accessed the network of Y")
_REPORTS_INTRUSION = fast(re.compile(
    r"\b(?:says|said|confirmed|confirms|disclosed|discloses|admitted|admits|reported|reports|"
    r"discovered|discovers|found|finds|believes|believed)\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    r"(?:someone|an?\s+(?:unknown|unauthori[sz]ed|malicious|outside)\s+(?:party|user|third party|"
    r"actor|person|individual)|hackers|attackers|intruders|an\s+intruder|a\s+hacker|"
    r"an\s+attacker|(?:cyber\s?)?criminals|threat\s+actors)\s+(?:had\s+|have\s+|has\s+)?"
    r"(?:\w+ly\s+)?(?:accessed|gained\s+access|got\s+into|broke\s+into|broken\s+into|"
    r"breached|hacked\s+into|infiltrated|compromised|took\s+over|hijacked|encrypted|locked)\b"
    # (not its customers' things: "X said attackers had compromised its users' phones")
    r"(?!\s+(?:its|their)\s+" + _PEOPLES + r")"
    r"(?![^.;]{0,80}?\b(?:of|at|belonging\s+to|from|on)\s+(?:the\s+)?(?-i:[A-Z]))", re.I))
# a denial before the claim: "X has denied that its infrastructure was breached"
_DENIAL_LEFT = re.compile(r"\b(?:denied|denies|deny|denying|insists?|insisted|maintains?|"
                          r"maintained|rejected\s+(?:claims|reports|suggestions)|disputes?|"
                          r"disputed)\s+(?:that\s+)?$", re.I)


def _own_breach(doc: Doc, clusters: list[Cluster]) -> dict[int, int]:
    """Organisations whose own systems the text says were broken into ("an attacker had
    gained access to part of its software build environment"): ``id(cluster)`` -> count.
    "its" refers to the last organisation named before it in the sentence, else to the first
    one named in the sentence before ("Tillwise ... . The company said an attacker ...")."""
    text = doc_text(doc)
    sents = sentence_bounds(doc)
    starts = [a for a, _ in sents]
    spans = sorted(((m.start, m.end, cl) for cl in clusters for m in cl.mentions
                    if cl.role != "attacker"), key=lambda x: x[0])
    # a name inside the appositive of the one before it describes that one: "Ostler Seeds,
    # a Devon garden supplier, says hackers took over its email server" (its: Ostler Seeds,
    # not Devon)
    mentions = [(s, cl) for k, (s, _, cl) in enumerate(spans)
                if not (k and _APPOSITIVE_GAP.match(text, spans[k - 1][1], s))]
    positions = [pos for pos, _ in mentions]
    out: dict[int, int] = {}
    counted = [(m.span(), False, None) for m in _OWN_BREACH.finditer(text)]
    more = [(m.span(), False, m.group("kind")) for m in _OWN_BREACH_MORE.finditer(text)]
    more += [(m.span(), True, None) for m in _REPORTS_INTRUSION.finditer(text)]
    # (a claim both patterns find counts once)
    found = counted + [(sp, told, kind) for sp, told, kind in more
                       if not any(sp[0] < e and s < sp[1] for (s, e), _, _ in counted)]
    plain_place: dict[int, bool] = {}  # per cluster (its name is built on each access)
    for (start, _end), told, kind in sorted(found, key=lambda f: f[0]):
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        a, b = sents[i] if sents else (0, len(text))
        if _DENIAL_LEFT.search(text[a:start]):
            continue  # "X has denied that its infrastructure was breached"
        before = [cl for _, cl in mentions[bisect.bisect_left(positions, a):
                                           bisect.bisect_left(positions, start)]]
        if kind:  # "the council's servers were encrypted": a council (of this sentence or the
            # one before), not the agency helping it
            before = [cl for cl in before if _of_kind(cl, kind.lower())]
        if not before and i > 0 and not told:
            pa, pb = sents[i - 1]
            before = [cl for _, cl in mentions[bisect.bisect_left(positions, pa):
                                               bisect.bisect_left(positions, pb)]
                      if not kind or _of_kind(cl, kind.lower())][:1]
        if not before and kind and kind.lower() in _NAMED_KINDS:
            # the only one of its kind in the article ("The council's servers had been
            # encrypted ... Services at X District Council remain offline")
            kinds = {id(cl): cl for _, cl in mentions if _of_kind(cl, kind.lower())}
            before = list(kinds.values()) if len(kinds) == 1 else []
        # "its" is rarely a place's: "Brewer X of Asheville, North Carolina, said ransomware
        # encrypted its systems" (a place named alone is kept)
        for cl in before:
            if id(cl) not in plain_place:
                plain_place[id(cl)] = _plain_place(cl, any_label=True)
        before = [cl for cl in before if not plain_place[id(cl)]] or before
        if told:
            # the one telling of the intrusion is the last name before the verb, and no agency,
            # firm or outlet reporting someone else's ("Police said hackers broke into ...")
            before = before[-1:] if before and before[-1].role not in {
                "authority", "security_firm", "attacker"} and not before[-1].evidence.get(
                "security_firm") else []
        if before:
            cl = before[-1]
            out[id(cl)] = out.get(id(cl), 0) + 1
    return out


_NAMED_KINDS = frozenset({"council", "hospital", "district", "university", "school", "clinic",
                          "county", "city", "town"})


def _of_kind(cl: Cluster, kind: str) -> bool:
    """``cl`` can be "the <kind>" of "the <kind>'s systems": a council, hospital, school ... by
    its name's word ("the council's": "X Borough Council"; a county, city or town also by a
    place's name), any other noun an organisation that is no authority, security firm or
    attacker ("the company's": not the agency or firm called in)."""
    if kind in _NAMED_KINDS:
        return kind in cl.name.lower() or (kind in {"county", "city", "town"}
                                           and cl.labels <= {"GPE", "LOC"})
    return cl.role not in {"authority", "security_firm", "attacker"} and not cl.evidence.get(
        "security_firm")


def _title_hit(title: str | None, forms: Iterable[str], cues: LanguageCues) -> float:
    """Attack evidence from a headline in another language ("Hackerangriff auf Stadtwerke X",
    "Truffa via email alla X", "X paralysés par une attaque")."""
    if not title or not cues.attack.search(title) and not _ATTACK_WORD.search(title):
        return 0.0
    for f in forms:
        if len(f) < 2:
            continue
        for a, b in word_spans(title, f):
            left, right = title[:a], title[b:]
            if any(p.search(left) for p in cues.victim_left) or any(
                    p.match(right) for p in cues.victim_right) or re.search(
                    r"\b(?:auf|gegen|contre|alla?|allo|ai|contro|contra|al|op|bij)\s+"
                    r"(?:die\s+|den\s+|das\s+|der\s+|la\s+|le\s+|les\s+|l['\u2019]|el\s+|"
                    r"het\s+|de\s+)?$", left, re.I):
                return 2.0
    return 0.0


def victim_score(doc: Doc, cl: Cluster, title: str | None,
                 hits: dict[int, float] | None = None,
                 cues: LanguageCues | None = None) -> float:
    """How strongly the article presents ``cl`` as the organisation its news happened to."""
    if cl.role == "attacker":
        return float("-inf")
    if hits is None:
        hits = _mention_hits(doc, [cl], cues)
    sents = sentence_bounds(doc)
    lead_end = sents[min(1, len(sents) - 1)][1] if sents else 0
    attack = min(sum(hits.get(id(m), 0.0) for m in cl.mentions), 6.0)
    cl.evidence["best_hit_pre"] = max((hits.get(id(m), 0.0) for m in cl.mentions), default=0.0)
    title_hit = _title_hit(title, cl.forms, cues) if cues is not None else _english_title_hit(
        title, cl.forms, doc_memo(doc).get("title_forms", ()))
    attack = min(attack + title_hit, 6.0)
    near = 0
    for m in cl.mentions:
        _, _, sent, s_start = _contexts(doc, m)
        near += _sent_attack(doc, s_start, sent, cues)
    score = attack + 0.75 * min(near, 4)
    if _in_title(title, cl.forms):
        score += 2.5
    if cl.first < lead_end:
        score += 1.5
    score += 0.3 * min(len(cl.mentions), 8)
    ev = cl.evidence
    own = ev.get("own_breach", 0)
    attack = min(attack + 3.0 * own, 6.0)
    score += 3.0 * min(own, 2)
    # a vendor whose own systems were broken into is the victim: no vendor penalty
    score -= 2.0 * min(ev.get("security_firm", 0), 3) + (0.0 if own else 2.0) * min(
        ev.get("vendor", 0), 3)
    score -= 2.0 * min(ev.get("media", 0), 2) + 1.5 * min(ev.get("lure", 0), 3)
    if ev.get("prior"):
        # (or listed among plainly attacked organisations: "disrupting car factories, global
        # shipper X and Britain's National Health Service")
        listed = doc_memo(doc).get("listed", ())
        plain_hit = cl.evidence.get("best_hit_pre", 0) >= 3 or (
            cl.evidence.get("best_hit_pre", 0) >= 2 and any(id(m) in listed and hits.get(
                id(m), 0.0) >= 2 for m in cl.mentions))
        score -= {"security_firm": 4.0,
                  # a broadcaster or publisher plainly named as hit ("clients including the
                  # BBC were affected") likewise; one that reports or is told stays out
                  "media": 1.0 if plain_hit else 5.0,
                  # an agency plainly named as the one hit ("The UK's National Health Service
                  # was particularly badly hit") keeps most of its score
                  "authority": 1.0 if plain_hit else 3.0,
                  "vendor": 0.0 if own else 3.0}.get(ev["prior"], 0.0)
    else:  # a role guessed from a word of the name ("Defense Point Security", "Free Press")
        score -= {"security_firm": 2.0, "media": 2.0, "authority": 2.0}.get(ev.get("named"), 0.0)
    if attack == 0:
        score -= 1.0
    cl.evidence["attack"] = attack
    cl.evidence["best_hit"] = max((hits.get(id(m), 0.0) for m in cl.mentions), default=0.0)
    cl.evidence["title_hit"] = title_hit
    return score


_PART_LEFT = re.compile(r"\b(?:its|their)\s+$", re.I)


_AS_LEFT = re.compile(r"\bas\s+(?:the\s+)?$", re.I)
_FOUND_RIGHT = re.compile(r"^(?:['\u2019]s\s+\w+)?\s+(?:(?:has|have|had)\s+)?(?:found|learned|"
                          r"discovered|experienced|can attest|knows)\b", re.I)


def _famed_or_listed(left: str, right: str) -> bool:
    """A famous past incident, or several named together, as a comparison: "the highly
    publicized Yahoo and LinkedIn breaches", "the infamous X hack", "the X and Y hacks"; "as
    the city of X found this year" (another's experience)."""
    if _AS_LEFT.search(left) and _FOUND_RIGHT.match(right):
        return True
    inc = INCIDENTS_RIGHT.match(right)
    if not inc:
        return False
    if FAMED_LEFT.search(left):
        return True
    listed = LISTED_LEFT.search(left)
    return bool(listed and inc.group(2) and (listed.group(1).strip() or inc.group(1).strip()))


def pick_victims(doc: Doc, clusters: list[Cluster], title: str | None, threshold: float,
                 ratio: float, max_victims: int,
                 cues: LanguageCues | None = None) -> list[Cluster]:
    """Mark the victims (role "victim") and return them.

    Victims are the organisations with attack evidence scoring at least ``threshold`` and at
    least ``ratio`` times the best score; when none reaches it but the article reports an
    incident, the most salient organisation that is not a known security firm, vendor,
    authority or media outlet is taken if it scores at least half the threshold."""
    doc_memo(doc)["title_text"] = title
    hits = _mention_hits(doc, clusters, cues)
    own = _own_breach(doc, clusters)
    doc_memo(doc)["title_forms"] = [f for c in clusters for f in c.forms if len(f) >= 2]
    sents = sentence_bounds(doc)
    lead_end = sents[min(1, len(sents) - 1)][1] if sents else 0
    for cl in clusters:
        cl.evidence["own_breach"] = own.get(id(cl), 0)
        longest = max(len(m.text.split()) for m in cl.mentions)  # its first full mention
        first = min((m for m in cl.mentions if len(m.text.split()) == longest),
                    key=lambda m: m.start)
        left, right, sent, _ = _contexts(doc, first)
        cl.evidence["background_first"] = float(not _in_title(title, cl.forms) and (
            (first.start >= lead_end and bool(BACKGROUND_STRONG.search(sent)))
            or bool(BACKGROUND_AT_RIGHT.match(right) or BACKGROUND_AT_LEFT.search(left))
            or (cues is None and _famed_or_listed(left, right))))
        # introduced with a possessive ("members of its Election Committee", "their IT
        # Department"): a part of an organisation named before, not a victim of its own
        earliest = min(cl.mentions, key=lambda m: m.start)
        cl.evidence["part"] = float(cues is None and bool(_PART_LEFT.search(
            _contexts(doc, earliest)[0])) and not _in_title(title, cl.forms))
        if cues is None and _title_lure(title, cl.forms):
            cl.evidence["lure"] = cl.evidence.get("lure", 0.0) + 1  # "Fake X receipt spreads"
        cl.victim_score = victim_score(doc, cl, title, hits, cues)
        raw = doc_memo(doc).get("raw_hits", {})
        cl.evidence["raw_hit"] = max((raw.get(id(m), 0.0) for m in cl.mentions), default=0.0)
        hypo = doc_memo(doc).get("hypothetical", ())
        cl.evidence["hypothetical"] = float(sum(id(m) in hypo for m in cl.mentions))
        # attacked only in background sentences ("Over the past few years, retailers such as X
        # have battled malware"), never in the headline or the lead: a comparison
        hit_sents = [_contexts(doc, m)[3:1:-1] for m in cl.mentions if raw.get(id(m), 0.0) >= 2]
        cl.evidence["background_only"] = float(
            bool(hit_sents) and all(_sentence_flag(doc, "background_strong", a, t,
                                                   BACKGROUND_STRONG.search)
                                    for a, t in hit_sents)
            and cl.first >= lead_end and not _in_title(title, cl.forms))
        # named only as the first part of a compound modifier ("Internet-exposed servers")
        cl.evidence["modifier_only"] = float(all(
            _MODIFIER_HYPHEN.match(doc_text(doc)[m.end:m.end + 2]) for m in cl.mentions))
    incident = _reports_incident(doc, title, cues)

    def eligible(c: Cluster) -> bool:
        ev = c.evidence
        if c.role == "attacker" or (ev.get("vendor") and ev.get("attack", 0) < 3
                                    and not ev.get("own_breach")):
            return False  # vendors of a flawed product are victims only with strong evidence
        if ev.get("background_first") or ev.get("background_only") or ev.get("modifier_only"):
            return False  # first named in a background incident ("Elsewhere, X was hit")
        if ev.get("personal_account") and ev.get("best_hit", 0) < 2 and not ev.get("own_breach"):
            return False  # "his account at X was taken over": the platform of one user
        if ev.get("part"):
            return False  # a part of another organisation ("its Election Committee")
        if ev.get("hypothetical") and ev.get("best_hit", 0) < 2 and not ev.get("own_breach"):
            return False  # attacked only in what a flaw would allow
        if _description_only(c.name):
            return False  # "a second UK university has been hit": a description
        if not ev.get("own_breach") and ev.get("best_hit", 0) < 2 and not ev.get(
                "title_hit") and any(_DENIES_RIGHT.match(_contexts(doc, m)[1])
                                     for m in c.mentions):
            return False  # a vendor denying that its platform was breached (its customers'
            # data taken with stolen credentials: the customers are the victims); not one
            # plainly hit in the text or the headline, whatever it says of its other systems
        if not _LETTER.search(c.name):
            return False  # a number ("up to 640,000 customers")
        if all(id(m) in doc_memo(doc).get("person_from", ()) for m in c.mentions):
            return False  # only a person's home ("a retired bank officer from X was duped")
        if _plain_place(c, any_label=True) and all(_locates(doc, m) for m in c.mentions) and (
                ev.get("best_hit", 0) < 3 or any(_describes_next(doc, m) for m in c.mentions)):
            return False  # a place that only locates ("In X, the school board said", "hospitals
            # across X", "X reservations software firm", "based in X")
        if ev.get("tool") and ev.get("best_hit", 0) < 3:
            return False  # a search engine used to find exposed systems, not one of them
        if (ev.get("product_use") or ev.get("threat_name", 0) >= max(1.0, len(c.mentions) / 2)
                or (_vuln_article(doc) and ev.get("product_name", 0) >= max(1.0, len(
                    c.mentions) / 2))) and not ev.get("own_breach"):
            return False  # "thousands of X databases", "the X flaw": a product or a threat
        if ev.get("product_of", 0) >= len(c.mentions) and not ev.get("own_breach"):
            return False  # a product named through its maker ("the Clash of Clans creator")
        if ev.get("lure") and ev.get("best_hit", 0) < 3 and not ev.get("own_breach"):
            return False  # a brand used as bait ("a fake X login page") is no victim
        strongest = max(ev.get("best_hit", 0), ev.get("title_hit", 0))
        if ev.get("prior") == "vendor" and not ev.get("own_breach") and (
                strongest < 3 if _vuln_article(doc) else strongest < 2 and ev.get("attack", 0) < 3):
            return False  # a big vendor: its product's flaw or a mere mention is no attack on it
        if ev.get("security_firm") and ev.get("best_hit", 0) < (
                3 if ev["security_firm"] >= 2 else 2) and not ev.get("own_breach"):
            return False  # a firm reporting or commenting ("according to a report by X")
        if c.labels <= {"GPE"} and not _PUBLIC_BODY_NAME.search(c.name) and not _org_head_name(
                c.name) and (
                ev.get("best_hit", 0) < 2 or _known_place(c)):
            return False  # a place ("Tasmania"), unless named as a body ("city of X"); a
            # name the NER took for a place but no place is, plainly attacked, is a victim
            # ("providers caught by the breach include Altel, Celcom, DiGi")
        if ev.get("prior") in {"authority", "security_firm", "media"} and ev.get(
                "best_hit", 0) < (2 if ev.get("prior") == "authority" else 3):
            return False  # a well-known agency or firm is a victim only when plainly attacked
        if not incident and ev.get("raw_hit", 0) < 2 and not ev.get("own_breach"):
            return False  # no incident reported: a victim needs a plain victim pattern
        # in a vulnerability story, the vendor and the researchers are not victims
        return incident or not (ev.get("prior") == "vendor" or ev.get("security_firm"))

    ranked = sorted((c for c in clusters if eligible(c)), key=lambda c: -c.victim_score)
    # (review fixes, session 7) the attacks a suspect is named for in the first sentence, with
    # no other organisation plainly hit, are this article's incident ("A Russian national who
    # is a suspect in attacks on X and Y was extradited"): every name of that list is a victim
    first_end = sents[0][1] if sents else 0
    attributed = {k: v for k, v in doc_memo(doc).get("attributed", {}).items()
                  if any(id(m) == k and m.start < first_end for c in clusters
                         for m in c.mentions)}
    if attributed and not any(c.victim_score >= threshold and c.evidence.get("attack")
                              for c in ranked):
        for k, v in attributed.items():
            hits[k] = max(hits.get(k, 0.0), v)
        for cl in clusters:
            if any(id(m) in attributed for m in cl.mentions):
                cl.victim_score = victim_score(doc, cl, title, hits, cues)
        ranked = sorted((c for c in clusters if eligible(c)), key=lambda c: -c.victim_score)
    if not ranked:
        return []
    chosen = [c for c in ranked if c.victim_score >= threshold and c.evidence.get("attack")]
    top = next((c for c in ranked if not _posted_on(doc, c)), ranked[0])
    # (a place named more often than the salience victim does not stand in its way)
    # (nor does a platform where the data was posted: "circulating on a Telegram channel")
    rivals = [c for c in clusters if not (
        c.evidence.get("background_first") or c.evidence.get("part") or _plain_place(c)
        or _posted_on(doc, c))]
    # the organisation the lead is about: the first one named that is neither a place nor
    # the attacker, named in the lead ("A Kent hospital trust has apologised after ... .
    # X NHS Trust said"); it needs less standing than one named further down
    firsts = sorted((c for c in clusters if c.role != "attacker" and not _plain_place(c)),
                    key=lambda c: c.first)
    lead_subject = (bool(firsts) and firsts[0] is top and top.first < lead_end
                    and (_title_describes(title, top.name, top.forms)
                         or _title_names_kind(title, _descriptors(doc, top))
                         or _indefinite_lead(doc, top, cues)))
    if chosen:
        best = chosen[0].victim_score
        chosen = [c for c in chosen if c.victim_score >= ratio * best
                  or c.evidence.get("best_hit", 0) >= 2][:max_victims]
        # the body that reports the attack on another at the end of the sentence ("hackers
        # broke into the network of X ..., the intelligence service Y said in its annual
        # report"), whose staff speak as experts, is no victim beside the one plainly hit
        if any(c.evidence.get("best_hit", 0) >= 2 for c in chosen):
            chosen = [c for c in chosen if not (
                c.evidence.get("expert") and c.evidence.get("best_hit", 0) < 2
                and not c.evidence.get("title_hit") and not c.evidence.get("own_breach")
                and _reports_attack_on_other(doc, c, chosen))]
        # the other eligible members of a round-up list that names a victim are victims too,
        # whatever their standing ("affected institutions including the Health Service
        # Executive, the National Health Service in the UK, FedEx and ...": the NHS, a public
        # body, scores low on its name alone)
        listed = doc_memo(doc).get("listed", set())
        lists = {sentence_at(doc, m.start)[0] for c in chosen for m in c.mentions
                 if id(m) in listed}
        if lists:
            chosen += [c for c in ranked if c not in chosen and c.evidence.get("best_hit", 0) >= 2
                       and any(id(m) in listed and sentence_at(doc, m.start)[0] in lists
                               for m in c.mentions)][:max(0, max_victims - len(chosen))]
    elif ((top.victim_score >= threshold / 3
           or (lead_subject and top.victim_score >= threshold / 4)) and incident
          # salient enough to be the story's subject: named in the headline or the lead (not
          # a tool, a malware family or a reporting site first named further down)
          and (top.first < lead_end or _in_title(title, top.forms))
          and _salience_role_ok(doc, top, title, lead_subject)
          # the most salient organisation of all: not when a better one was ruled out for its
          # role (an agency plainly named as the target, a vendor, a firm)
          and top.victim_score >= max((c.victim_score for c in rivals), default=0.0)
          and not any(c.evidence.get("lure") for c in clusters)
          # a headline about a kind of organisation in the plural that names none ("Councils
          # spent £12m recovering from cyber attacks, figures show"): a statistics or trend
          # piece, whose examples are no salience victim
          and not (cues is None and title and _PLURAL_SUBJECT_TITLE.match(title)
                   and not any(_in_title(title, c.forms) for c in clusters))):
        # (not in a brand-impersonation story: its victims are the people fooled)
        chosen = [top]
        top.evidence["fallback"] = 1.0
        chosen += _coordinated_with(doc, top, ranked)
    for c in chosen:
        c.role = "victim"
    return chosen


# a lead that describes the organisation before naming it: "A Glasgow homelessness charity was
# conned out of £86,000 ... . X Trust said ..."
_INDEFINITE_LEAD = re.compile(r"^\W*(?:An?|One)\s+(?:[\w'\u2019-]+\s+){0,4}?(?:" + "|".join(
    sorted(DESCRIPTORS | ORG_HEADS - {"group", "team", "unit", "campaign", "party", "division"}
           | {"practice", "business", "council", "district", "trust", "club"})) + r")\b")


_DESCRIPTOR_BEFORE = re.compile(r"\b([a-z][\w-]*)\s+$")


def _descriptors(doc: Doc, cl: Cluster) -> list[str]:
    """The lower-case words right before the mentions ("crypto exchange X": "exchange"); the
    headline may name the organisation by that kind ("Crypto exchange loses $4m")."""
    text = doc_text(doc)
    return [d.group(1) for m in cl.mentions
            if (d := _DESCRIPTOR_BEFORE.search(text, max(0, m.start - 30), m.start))]


def _title_names_kind(title: str | None, kinds: list[str]) -> bool:
    """The headline names one of ``kinds`` (words for a kind of organisation)."""
    kinds = [k for k in kinds if k in _KIND_WORDS]
    return bool(title and kinds) and any(word_spans(title, k, ignore_case=True) or word_spans(
        title, k + "s", ignore_case=True) for k in kinds)


def _indefinite_lead(doc: Doc, top: Cluster, cues: LanguageCues | None) -> bool:
    """The first sentence opens with "A <kind of organisation>" and names no organisation;
    ``top`` is the first one named (in the sentence after)."""
    sents = sentence_bounds(doc)
    if cues is not None or len(sents) < 2 or top.first < sents[0][1]:
        return False
    a, b = sents[0]
    return bool(_INDEFINITE_LEAD.match(doc_text(doc)[a:b]))


_TAIL_SOURCE_LEFT = re.compile(r",\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,5}$")
_TAIL_SOURCE_RIGHT = re.compile(r"\s+(?:said|says|reported|stated|found|revealed)\b")


def _reports_attack_on_other(doc: Doc, c: Cluster, chosen: list[Cluster]) -> bool:
    """A mention of ``c`` closes a sentence that names another chosen victim, as its source
    (", the agency X said ...")."""
    text = doc_text(doc)
    others = [m for o in chosen if o is not c and o.evidence.get("best_hit", 0) >= 2
              for m in o.mentions]
    for m in c.mentions:
        a, _b = sentence_at(doc, m.start)
        if _TAIL_SOURCE_RIGHT.match(text, m.end) and _TAIL_SOURCE_LEFT.search(
                text[a:m.start]) and any(a <= o.start < m.start for o in others):
            return True
    return False


def _salience_role_ok(doc: Doc, top: Cluster, title: str | None,
                      lead_subject: bool = False) -> bool:
    """``top`` may be the salience victim by its role: no known security firm, vendor,
    authority, media outlet or platform, no expert's employer, source or bait, no product.
    The subject of the lead (``lead_subject``) speaks through its managers and partners ("a
    founding partner at X"): no expert's employer."""
    ev = top.evidence
    if lead_subject and ev.get("expert") and ev.get("expert", 0) <= ev.get("staff_expert", 0):
        ev = {k: v for k, v in ev.items() if k != "expert"}
    return (top.evidence.get("prior") not in {"security_firm", "vendor", "authority", "media",
                                              "other"}
            and (top.evidence.get("named") not in {"authority", "security_firm", "media"}
                 # a public body named by its kind and its own name ("X Transit Authority", "X
                 # Constabulary"; not "Parliament") that the article never shows acting as one
                 # is the subject of its own news (not of a vulnerability story: it fixes a
                 # flaw)
                 or (top.evidence.get("named") == "authority" and len(top.name.split()) >= 2
                     and not _vuln_article(doc) and not _acts_as_authority(doc, top, title)
                     # (a cyber, security or police agency is one by trade: "the X National
                     # Cyber Directorate said the claims were exaggerated")
                     and not _AGENCY_TRADE.search(top.name)))
            # only the source a figure is cited from ("according to the ACCC's Scamwatch"); a
            # product named by its maker and a number ("attacks against X 365 accounts")
            and not all(_ACCORDING_LEFT.search(_contexts(doc, m)[0]) for m in top.mentions)
            and not any(_VERSIONED_RIGHT.match(_contexts(doc, m)[1]) for m in top.mentions)
            and not any(ev.get(k) for k in ("lure", "security_firm", "vendor", "media",
                                             "adviser", "expert", "source"))
            # not a product or a game ("Avid World of Warcraft players are being targeted")
            and top.evidence.get("product_name", 0) < max(1.0, len(top.mentions) / 2))


# the words that say what kind of organisation a name is ("X Public Schools", "X NHS Trust",
# "X Airport", "City of X"); not the words a threat group shares ("Hacker group ..." for
# "Lazarus Group")
_KIND_WORDS = (ORG_HEADS | DESCRIPTORS | {"district", "trust", "city", "town", "village",
                                          "municipality"}) - {
    "group", "team", "unit", "campaign", "party", "division"}


def _title_describes(title: str | None, name: str, forms: Iterable[str] = ()) -> bool:
    """The headline names the organisation or describes it by its kind ("School district loses
    $1.8m" for "Lakeview Public Schools", "NHS trust apologises" for "X NHS Trust", "Regional
    airport ..." for "X Airport"); any other shared word ("New ransomware ..." and "New Avenue
    Bank", "... hits data firm" and "Cyber Data Solutions") is no description."""
    if not title:
        return False
    if any(word_spans(title, f, ignore_case=not _is_acronym(f)) for f in forms or (name,)):
        return True  # (a whole form: "New" alone of "New Avenue Bank" is no name)
    def kinds(t: str) -> set[str]:  # (one form for "school" and "schools"; "news" stays)
        return {w[:-1] if w.endswith("s") and w[:-1] in _KIND_WORDS else w
                for w in re.findall(r"[^\W\d_]{3,}", t.casefold())} & _KIND_WORDS
    return bool(kinds(title) & kinds(name))


_ON_LEFT = re.compile(r"\b(?:on|onto|to)\s+(?:a|an|the|its|their)?\s*$", re.I)
_CHANNEL_RIGHT = re.compile(r"^\s+(?:channels?|groups?|forums?|accounts?|pages?|sites?|chats?|"
                            r"servers?|boards?)\b", re.I)


def _posted_on(doc: Doc, c: Cluster) -> bool:
    """A platform the gazetteer knows, named only as where something was posted ("on a
    Telegram channel")."""
    return c.evidence.get("prior") == "other" and all(
        _ON_LEFT.search(_contexts(doc, m)[0][-12:]) and _CHANNEL_RIGHT.match(_contexts(doc, m)[1])
        for m in c.mentions)


_AGENCY_TRADE = re.compile(r"\b(?:[Cc]yber\w*|[Ss]ecurity|[Pp]olice|[Ii]ntelligence|"
                           r"[Ii]nvestigation|[Cc]rime|CERT|CSIRT|[Ii]nfosec)\b")


def _plain_place(c: Cluster, any_label: bool = False) -> bool:
    """A place the gazetteer knows, named as a place ("Gillingham", "New Zealand"), not as a
    body ("city of X") nor with an organisation's head word; ``any_label``: whatever label
    the mentions got."""
    return ((any_label or c.labels <= {"GPE", "LOC"}) and not _PUBLIC_BODY_NAME.search(c.name)
            and not _org_head_name(c.name) and _known_place(c))


_LETTER = re.compile(r"[^\W\d_]")
_LOCATIVE_LEFT = re.compile(r"\b(?:in|across|throughout|around|near|outside|from|based in|"
                            r"(?:patients|people|residents|customers|users|homes|hospitals|"
                            r"schools|offices|sites|branches|stores) (?:in|across|of))\s+$",
                            re.I)
_MODIFIES_RIGHT = re.compile(r"^(?:[\u2013\u2014-][\w-]+|\s+(?:[a-z][\w-]*\s+){1,3}(?:firm|"
                             r"company|group|operator|provider|supplier|maker|developer|"
                             r"insurer|lender|bank|hospital|school|council|district|business|"
                             r"chain|retailer|start-up|startup|charity|agency)\b)")


def _locates(doc: Doc, m: Candidate) -> bool:
    """The place mention ``m`` locates or describes something else: after "in", "across",
    "from" ("patients in X", "In X, the board said") or before what it describes ("X
    reservations software firm", "X-based")."""
    text = doc_text(doc)
    return bool(_LOCATIVE_LEFT.search(text[max(0, m.start - 40):m.start])
                or _describes_next(doc, m))


def _describes_next(doc: Doc, m: Candidate) -> bool:
    """"X reservations software firm", "X-based": the place describes what follows (an
    attack on it is one on the firm named after)."""
    return bool(_MODIFIES_RIGHT.match(doc_text(doc)[m.end:m.end + 80]))


def _org_head_name(name: str) -> bool:
    """The name ends in an organisation's head word ("Nova Scotia Health", "X Telecom"): an
    organisation, whatever label the NER gave it."""
    words = org_key(name).split()
    return len(words) >= 2 and words[-1] in ORG_HEADS


_PLURAL_SUBJECT_TITLE = re.compile(
    r"^(?:[\w'\u2019-]+\s+){0,2}?(?:councils|firms|companies|businesses|hospitals|schools|"
    r"banks|retailers|charities|universities|organi[sz]ations|insurers|manufacturers|"
    r"employers|agencies|authorities|trusts|utilities|lenders)\b", re.I)


# an authority doing its job: "X is investigating", "X warned residents", "reported the
# breach to X", "working with X"
_AUTHORITY_ACTS_RIGHT = re.compile(
    r"^(?:['\u2019]s?\s+(?:[\w-]+\s+){0,2}?(?:officers?|detectives?|investigators?|staff|"
    r"officials?|team|unit)\b)?\s+(?:(?:said|says|confirmed)\s+(?:that\s+)?(?:it|they)\s+)?"
    r"(?:(?:is|are|was|were|has|have|had)\s+(?:been\s+)?(?:now\s+|also\s+)?)?"
    r"(?:investigat\w*|warn\w*|urg\w*|arrest\w*|charg\w*|fin(?:ed|es|ing)|"
    r"prosecut\w*|advis\w*|seiz\w*|alert\w*|recommend\w*|appeal\w*|launch\w*|rais\w* "
    r"awareness|issu\w*|publish\w* (?:a |an )?(?:warning|alert|advisory|guidance)|"
    r"called|contacted|notified|informed|took down|dismantl\w*|probe\w*)\b", re.I)
_AUTHORITY_ACTS_LEFT = re.compile(
    r"\b(?:reported|referred|notified|alerted|informed|told|contacted|working|worked|works|"
    r"helped|assisted|support(?:ed)?|investigated|with the help|probe|inquiry|investigation)"
    r"\s+(?:\w+\s+){0,3}?(?:to|with|by|from|of)\s+(?:the\s+)?$", re.I)


def _acts_as_authority(doc: Doc, cl: Cluster, title: str | None) -> bool:
    """``cl`` investigates, warns, advises or is told of the incident somewhere in the text
    or the headline: a public body doing its job, not the one the news happened to."""
    for m in cl.mentions:
        left, right, _, _ = _contexts(doc, m)
        if _AUTHORITY_ACTS_RIGHT.match(right) or _AUTHORITY_ACTS_LEFT.search(left):
            return True
    for f in cl.forms if title else ():
        for a, b in word_spans(title, f):
            if _AUTHORITY_ACTS_RIGHT.match(title[b:]) or _AUTHORITY_ACTS_LEFT.search(title[:a]):
                return True
    return False


_EXAMPLES_LEFT = re.compile(r"\b(?:such as|including|like|for)\s+(?:the\s+)?$", re.I)


def _coordinated_with(doc: Doc, top: Cluster, ranked: list[Cluster]) -> list[Cluster]:
    """(review fixes, session 7) The eligible organisations listed with the salience victim's
    first mention share its standing: "Ransomware encrypted Ashvale Council and Brindley
    Council servers" makes both victims, not the first one only."""
    text = doc_text(doc)
    owner = {id(m): c for c in ranked for m in c.mentions}
    ms = sorted((m for c in ranked for m in c.mentions), key=lambda m: m.start)
    i = next((k for k, m in enumerate(ms) if owner[id(m)] is top), None)
    if i is None:
        return []
    j = i
    while j > 0 and _LIST_SEP_LOOSE.match(text[ms[j - 1].end:ms[j].start]):
        j -= 1
    k = i
    while k + 1 < len(ms) and _LIST_SEP_LOOSE.match(text[ms[k].end:ms[k + 1].start]):
        k += 1
    a, b = sentence_at(doc, ms[i].start)
    if not _attack_in(text[a:ms[j].start] + " " + text[ms[k].end:b], None):
        return []  # "seen by observers such as X, Y and Z": no attack said of the list
    if _EXAMPLES_LEFT.search(text[max(a, ms[j].start - 40):ms[j].start]):
        return []  # "hosts email for clients such as X and Y": examples, not the ones hit
    found: list[Cluster] = []
    for m in ms[j:k + 1]:
        c = owner[id(m)]
        if c is not top and all(c is not f for f in found):
            found.append(c)
    return found


__all__ = ["pick_victims", "victim_score"]
