"""Step 3 of ``incident_orgs``: the role of each organisation.

``assign_roles(doc, clusters, gazetteer, cues)`` sets ``Cluster.role`` (attacker | vendor |
authority | security_firm | other; victims are picked afterwards by
:mod:`pipeline.nlp.victims`) from the role gazetteer, the name itself ("Police", "Labs",
universities: ``_name_role``), the language cue files' descriptors and the sentence around
every mention ("researchers at X", "a flaw in X's software", "told X", "working with the FBI,
Microsoft and Cisco", "vendors, including A, B and C").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.org_clusters import Cluster, _STAFF_OF_LEFT
from pipeline.nlp.org_context import (
    _ACCORDING_LEFT, _contexts, _maker_context, _mention_lure, _reports_incident, _sentence_flag,
    _vuln_article,
)
from pipeline.nlp.org_doc import Candidate, sentence_at
from pipeline.nlp.org_lexicon import (
    AUTHORITY_WORDS, LanguageCues, MEDIA_LEFT, MEDIA_RIGHT, MEDIA_WORDS, ORG_HEADS,
    PRODUCT_NOUN_RIGHT, PRODUCT_VENDOR_LEFT, PRODUCT_VENDOR_RIGHT, RESPONSE_HELP, RESPONSE_HELP_END,
    SECURITY_LEFT, SECURITY_LIST, SECURITY_RIGHT, SECURITY_WORDS, SOFTWARE_LIST_LEFT,
    SOFTWARE_LIST_RIGHT, SOURCE_LEFT, SOURCE_RIGHT, TOOL_LEFT, TOOL_RIGHT, VENDOR_LEFT, VENDOR_LIST,
    VENDOR_RIGHT, VICTIM_LEFT,
)
from pipeline.nlp.org_names import _NATIONAL, org_key, RoleGazetteer, word_spans
from pipeline.nlp.org_persons import _AFFILIATION_LEFT, _AFFILIATION_RIGHT


_PUBLIC_BODY = frozenset("""centre center agency office service council guard directorate
institute administration""".split())
_PRODUCT_MAKER = frozenset("""robotics software technologies technology electronics devices
systems networks semiconductor semiconductors""".split())
_TECH_HEADS = frozenset("""security labs lab systems technologies technology networks network
software solutions research consulting partners intelligence""".split())
_SPEECH = re.compile(r"\b(?:said|says|told|commented|explained|added|noted|wrote|warned|"
                     r"according to)\b|[\"\u201c\u201d]", re.I)
EXPERT_LEFT = re.compile(r"\b(?!(?:In|On|At|By|For|From|Since|After|Before|During|Last|This|"
                         r"Next|Earlier|Later|Until|Through|Like|Unlike)\b)"
                         r"[A-Z][a-z]+ [A-Z][\w'-]+,\s+(?:[\w-]+,?\s+){0,6}?"
                         r"(?:(?:at|of|from|with)\s+(?:the\s+)?)?(?<!\sin\s)(?<!\snear\s)$")
# (not "X, a security provider in Tallinn": a place follows)


# an organisation speaking through its spokespeople or staff is a party, not a commentator
_PARTY_RIGHT = re.compile(r"^(?:['\u2019]s)?\s+(?:spokes\w+|officials?|executives?|employees|"
                          r"staff|CEO|chief executive|president|chairman|founder|owner|boss|"
                          # "X chief digital officer Y said" (not its security or research chief)
                          r"chief\s+(?!security|information|technology|research|threat|"
                          r"scien)[\w-]+\s+officer|COO|CFO|managing director|general manager)\b",
                          re.I)


# a name used for a kind of installation: "thousands of X databases", "unpatched X servers",
# "ransomware targeting X and Y systems": the product, not the organisation attacked
_PRODUCT_USE_LEFT = re.compile(
    r"(?:\b(?:thousands|hundreds|millions|dozens|tens|scores|many|several|unpatched|vulnerable|"
    r"exposed|unsecured|misconfigured|insecure|unprotected|(?:publicly|openly) accessible|open|"
    r"targeting|"
    r"targets|infecting|infects|against|public[- ]facing|internet[- ]facing)|\d)\s+(?:of\s+)?"
    r"(?:the\s+)?(?:[A-Z][\w.-]*\s*(?:,|and|or)\s+){0,4}$", re.I)
# "development platforms such as X", "databases like X": a kind of software
_PRODUCT_KIND_LEFT = re.compile(
    r"\b(?:platforms?|databases?|software|products?|frameworks?|applications?|apps|"
    r"browsers?|operating systems?|CMS|content management systems?|libraries|search engines?)\s*,?"
    r"\s+(?:such as|like|including)\s+(?:[A-Z][\w.-]*\s*(?:,|and|or)\s+){0,4}$", re.I)
_PRODUCT_USE_RIGHT = re.compile(
    r"^(?:\s+(?:and|or|,)\s+[A-Z][\w.-]*)*\s+(?:[\w.-]+\s+)?(?:servers|databases|devices|"
    r"installations|instances|systems|machines|computers|routers|clusters|deployments|"
    r"builds|versions|endpoints|hosts)\b")
# a professional adviser named as such: "a partner at the law firm X" (it speaks for a client)
_ADVISER_LEFT = re.compile(
    r"\b(?:law|legal|accounting|audit|consulting|PR|public relations)\s+firm\s+(?:of\s+)?$", re.I)
# one person's account at a platform: "his account at X was taken over" (a platform, not attacked)
_PERSONAL_ACCOUNT_LEFT = re.compile(
    r"\b(?:his|her|my|your)\s+(?:[\w-]+\s+){0,2}?accounts?\s+(?:at|with|on)\s+$", re.I)
# a name used for a piece of software: "the PureVPN Windows client", "webmail software X"
_PRODUCT_NAME_RIGHT = re.compile(
    r"^\s+(?:\([A-Z][\w&.-]*\)\s+)?(?:[A-Z][\w.-]*\s+)?(?:client|app|application|software|plugin|plug-in|extension|"
    r"platform|library|framework|browser|firmware|tool|package|module|server software|"
    r"player|gamer)s?\b")  # (a game: "World of Warcraft players are being targeted")
# a product named through its maker: "a breach of the Clash of Clans creator", "the X maker"
_MAKER_OF_RIGHT = re.compile(
    r"^(?:['\u2019]s)?\s+(?:creator|maker|developer|publisher)s?\b(?!\s+(?:of|conference|"
    r"summit|program)\b)", re.I)
_PRODUCT_NAME_LEFT = re.compile(
    r"\b(?:software|app|application|client|plugin|plug-in|extension|library|framework|browser|"
    r"firmware|tool|package|module|webmail)\s+$")
# a named flaw or malware: "the Heartbleed flaw", "vulnerable to X", "a new strain of
# ransomware, X,"
_THREAT_NAME_RIGHT = re.compile(
    r"^['\u2019\"\u201d]?\s+(?:bug|flaw|vulnerabilit(?:y|ies)|exploit|strain|variant|"
    r"ransomware|malware|trojan|worm|botnet|backdoor|cryptovirus|wiper)\b", re.I)
_THREAT_NAME_LEFT = re.compile(
    r"\b(?:vulnerable\s+to|(?:strain|variant|family|version)\s+of\s+(?:the\s+)?"
    r"(?:ransomware|malware|trojan|virus|worm|cryptovirus)\s*,?)\s+[\"\u201c'\u2018]?$", re.I)


_CRIME_UNIT = re.compile(r"\b(?:[Cc]rime|[Ff]raud|[Cc]ybercrime)\s+(?:[Uu]nit|[Ss]quad|[Cc]ommand|"
                         r"[Tt]ask [Ff]orce|[Dd]ivision)\b")  # police units
_SECURITY_PREFIX = re.compile(r"(?:cyber|secur|threat)(?!it(?:y|ies)\b)[a-z]")


_ACADEMIC = frozenset("""university universities college school universität université
università universidad universiteit""".split())


_GANG_TAIL = frozenset("gang crew mafia syndicate squad".split())
_GANG_TAIL2 = {("crime", "family"), ("hacking", "group"), ("hacker", "group"), ("hacking", "crew"),
               ("hacker", "crew")}


def _name_role(name: str) -> str | None:
    words = org_key(name).split()
    if len(words) >= 2 and (words[-1] in _GANG_TAIL or tuple(words[-2:]) in _GANG_TAIL2) and \
            not _CRIME_UNIT.search(name):
        return "attacker"  # "Turkish Crime Family", "Lizard Squad", "XMR Squad"
    if set(words) & AUTHORITY_WORDS or re.search(r"\b(?:Office|Department) of\b", name) or \
            _CRIME_UNIT.search(name) or (
            words and words[0] in _NATIONAL and words[:2] != ["new", "jersey"] and not (
                words[0] == "new" and words[1:2] != ["zealand"])  # "New Jersey Spine Center"
            and set(words[1:]) & _PUBLIC_BODY) or re.match(
            r"(?:[Ss]tate|[Cc]ity|[Cc]ounty|[Tt]own) of ", name) and words[0] == "state":
        return "authority"
    if words and (words[-1] == "media" or words[-2:] == ["media", "group"]):
        return "media"  # "Information Security Media Group", "Vice Media"
    words = set(words)
    if words & _ACADEMIC:
        return "other"  # universities and their schools, whatever their researchers study
    if words & MEDIA_WORDS and not words & {"security", "cyber"}:
        return "media"
    if words & SECURITY_WORDS or any(_SECURITY_PREFIX.match(w) for w in words):
        return "security_firm"  # "SecuriTeam", "CyberScout", "ThreatConnect"
    return None


def _hint_role(hint: str) -> str | None:
    h = hint.lower()
    return {"agency": "authority", "authority": "authority", "police": "authority",
            "vendor": "vendor", "security_firm": "security_firm", "media": "media",
            "attacker": "attacker", "threat_actor": "attacker"}.get(h)


def _lang_role(name: str, cues: LanguageCues | None) -> str | None:
    """A role from the first words of a name in another language ("Polizia Postale",
    "Hochschule Lindenau")."""
    if cues is None:
        return None
    for role, pat in cues.role_heads:
        if pat.match(name):
            return role
    return None


# review fixes (session 7): "X, Y and Z servers" is a software list only when the names look
# like products -- no organisation head ("Vantor Bank and Colbry Insurance servers", "Tarvin
# Stores, Oldcastle Pharmacy and Greenway Market point-of-sale installations") and no bare name
# that speaks as an organisation elsewhere ("the Ashcombe, Treloar and Pinnington databases
# ... Ashcombe said"); "MongoDB, Elasticsearch and Hadoop servers" stays software
_LIST_ORG_HEADS = (ORG_HEADS - _TECH_HEADS - {"service", "services", "media", "team", "unit",
                                              "division", "campaign", "party", "center", "centre",
                                              "server"}) | {
    "market", "markets", "supermarket", "supermarkets", "travel", "ticketing", "pharmacies"}
_LIST_NAMES = re.compile(r"(?<![\w.&'\u2019-])[A-Z][\w.&'\u2019-]*(?:\s+(?:of\s+(?:the\s+)?)?"
                         r"[A-Z0-9][\w.&'\u2019-]*)*")
_ORG_SPEAKS = (r"(?![\w-])(?:\s+(?:has|have|had)(?:\s+also)?)?\s+(?:said|says|confirmed|"
               r"told|announced|disclosed|admitted|notified|informed|apologi[sz]ed)\b")


def _org_list(doc: Doc, left: str, name: str, right: str, gazetteer: RoleGazetteer) -> bool:
    """The names of a "X, Y and Z <product noun>" list are organisations (see above)."""
    after = SOFTWARE_LIST_RIGHT.match(right) or PRODUCT_NOUN_RIGHT.match(right)
    listed = [after.group(0) if after else ""]
    while (before := SOFTWARE_LIST_LEFT.search(left)) is not None:  # the earlier items
        listed.append(before.group(0))
        left = left[:before.start()]
    names = [name] + _LIST_NAMES.findall(" ".join(listed))
    text = doc_text(doc)
    for n in names:
        if set(org_key(n).split()) & _LIST_ORG_HEADS:
            return True
        if gazetteer.role(org_key(n)) not in {"vendor", "security_firm"} and re.search(
                r"(?<![\w-])" + re.escape(n) + _ORG_SPEAKS, text):
            return True
    return False


def assign_roles(doc: Doc, clusters: list[Cluster], gazetteer: RoleGazetteer,
                 cues: LanguageCues | None = None) -> None:
    """Set ``cluster.role`` (never "victim": see :func:`pick_victims`) and its evidence."""
    vendor_lists = _list_after(doc, VENDOR_LIST)
    security_lists = _list_after(doc, SECURITY_LIST)
    helpers = _list_after(doc, RESPONSE_HELP, _HELPERS_AS_SUBJECT)
    if helpers and not _reports_incident(doc, doc._.title):
        helpers = []
    ends = {m.end for cl in clusters for m in cl.mentions}
    title = getattr(doc._, "title", None) or ""
    for cl in clusters:
        ev = {"security_firm": 0.0, "vendor": 0.0, "media": 0.0, "authority": 0.0, "lure": 0.0}
        prior = None
        # the longest (most specific) name first, then alphabetical: cl.keys is a set, whose
        # order follows the hash seed ("AFP" is media, "Australian Federal Police" authority)
        for k in sorted(cl.keys, key=lambda k: (-len(k), k)):
            prior = prior or gazetteer.role(k)
        for m in cl.mentions:
            prior = prior or _hint_role(m.hint)
        name = cl.name
        named = _lang_role(name, cues) or _name_role(name)
        # the headline's subject: its managers speak for it (see _own_staff_left)
        titled = bool(title) and any(len(f) >= 2 and word_spans(title, f) for f in cl.forms)
        for m in cl.mentions:
            left, right, _sent, s_start = _contexts(doc, m)
            if SECURITY_LEFT.search(left) or SECURITY_RIGHT.match(right) or (
                    "ccording" in left and _ACCORDING_LEFT.search(left)
                    and _REPORT_RIGHT.match(right)):
                ev["security_firm"] += 1
                if "ccording" in left and _SURVEY_BY_LEFT.search(left):
                    ev["survey_by"] = ev.get("survey_by", 0.0) + 1
            if (VENDOR_LEFT.search(left) and not _TRADE_SUPPLIER_LEFT.search(left)
                    and not _attacked_maker(left, _sent)) or (
                    VENDOR_RIGHT.match(right) and not _own_thing_attacked(left, right, _sent)):
                ev["vendor"] += 1
            if _AUTHORITY_LEFT.search(left) or _AUTHORITY_RIGHT.match(right):
                ev["authority"] += 1  # "energy regulator X", "X, the data watchdog,"
            if PRODUCT_VENDOR_RIGHT.match(right) or PRODUCT_VENDOR_LEFT.search(left):
                ev["product_vendor"] = ev.get("product_vendor", 0.0) + 1
                ev["vendor"] += 1
            if MEDIA_LEFT.search(left) or MEDIA_RIGHT.match(right):
                ev["media"] += 1
            if TOOL_LEFT.search(left) or TOOL_RIGHT.match(right):
                ev["tool"] = ev.get("tool", 0.0) + 1  # "a search with Shodan revealed"
            if _mention_lure(doc, m, left, right):
                ev["lure"] += 1
            if (_PRODUCT_USE_RIGHT.match(right) and _PRODUCT_USE_LEFT.search(left)) or (
                    ("such as" in left or "like" in left or "including" in left)
                    and _PRODUCT_KIND_LEFT.search(left)):
                ev["product_use"] = ev.get("product_use", 0.0) + 1  # "thousands of X servers"
            elif (SOFTWARE_LIST_RIGHT.match(right) or (PRODUCT_NOUN_RIGHT.match(right) and
                                                       SOFTWARE_LIST_LEFT.search(left))) and \
                    not _org_list(doc, left, doc_text(doc)[m.start:m.end], right, gazetteer):
                ev["product_use"] = ev.get("product_use", 0.0) + 1  # "X, Y and Z servers"
            if "firm" in left and _ADVISER_LEFT.search(left):
                ev["adviser"] = ev.get("adviser", 0.0) + 1  # "a partner at the law firm X"
            if SOURCE_LEFT.search(left) or SOURCE_RIGHT.match(right):
                ev["source"] = ev.get("source", 0.0) + 1  # "a report from X", "an X scholar"
            if "account" in left and _PERSONAL_ACCOUNT_LEFT.search(left):
                ev["personal_account"] = ev.get("personal_account", 0.0) + 1
            if _PRODUCT_NAME_RIGHT.match(right) or _PRODUCT_NAME_LEFT.search(left):
                ev["product_name"] = ev.get("product_name", 0.0) + 1  # "the X Windows client"
            if _MAKER_OF_RIGHT.match(right):
                ev["product_of"] = ev.get("product_of", 0.0) + 1  # "the X creator"
            if _THREAT_NAME_RIGHT.match(right) or _THREAT_NAME_LEFT.search(left):
                ev["threat_name"] = ev.get("threat_name", 0.0) + 1  # "the X flaw"
            if m.label == "GPE" and _PLACE_STAFF_RIGHT.match(right):
                ev["acts"] = ev.get("acts", 0.0) + 1  # "Newark's safety director": a city body
            if any(a <= m.start < b for a, b in vendor_lists) or _maker_context(left):
                ev["vendor"] += 1
            if any(a <= m.start < b for a, b in helpers):
                ev["security_firm"] += 1  # IT companies helping the response
            if any(a <= m.start < b for a, b in security_lists):
                ev["security_firm"] += 1  # "security researchers X, Y and Z"
            if _sentence_flag(doc, "speech", s_start, _sent, _SPEECH.search) and (
                    _AFFILIATION_LEFT.search(left) or ((_expert_left(m, left, ends) or
                                                        _AFFILIATION_RIGHT.match(right))
                                                       and not _PARTY_RIGHT.match(right))) \
                    and not _STAFF_OF_LEFT.search(left) and not (
                        titled and _own_staff_left(left)):
                ev["expert"] = ev.get("expert", 0.0) + 1
                if _own_staff_left(left):  # ("a founding partner at X": maybe its own staff)
                    ev["staff_expert"] = ev.get("staff_expert", 0.0) + 1
        cl.evidence = {**ev, "prior": prior or "", "named": named or ""}
        if "THREAT_ACTOR" in cl.labels or prior == "attacker" or (
                named == "attacker" and prior is None):
            cl.role = "attacker"
            continue
        base = prior or named
        if base == "vendor" and not ev["vendor"] and not _vuln_article(doc):
            base = None  # a big vendor merely mentioned (Google as a platform) is "other"
        if ev.get("product_vendor") and base in {None, "security_firm", "vendor", "other"}:
            role = "vendor"  # the victim's security-product vendor
        elif base in {"authority", "security_firm", "media", "other"}:
            role = base
        elif ev["authority"] and not ev["vendor"]:
            role = "authority"  # described as a regulator or agency, whatever its staff say
        elif ev["security_firm"] >= max(1, ev["vendor"]) and not (
                ev["security_firm"] <= ev.get("survey_by", 0)
                and set(org_key(cl.name).split()) & (ORG_HEADS - _TECH_HEADS)):
            role = "security_firm"
        elif ev["vendor"] or base == "vendor":
            role = "vendor"
        elif ev["media"]:
            role = "media"  # "said in a statement to X", "X reporter"
        elif ev.get("expert") and "GPE" not in cl.labels and not (
                set(org_key(cl.name).split()) & (ORG_HEADS - _TECH_HEADS)):
            role = "security_firm"  # the employer of a commenting expert
        elif _vuln_article(doc) and set(org_key(cl.name).split()) & _PRODUCT_MAKER:
            role = "vendor"
        else:
            role = "other"
        cl.role = "other" if role == "media" else role


# "according to a survey by the X Trust": the publisher of a survey; with a head word that is
# no security or technology word ("Trust", "Federation", "Association") it is a source, not a
# security firm
_SURVEY_BY_LEFT = re.compile(r"\baccording to (?:a |the |new |an? \w+ )?(?:report|research|"
                             r"analysis|study|survey|poll)\s+(?:by|from)\s+(?:the\s+)?"
                             r"(?:[\w'\u2019-]+\s+)?$", re.I)


# a supplier of a consumer trade ("energy supplier X", "the food supplier X") is no maker of
# software or devices: no vendor evidence
_TRADE_SUPPLIER_LEFT = re.compile(
    r"\b(?:energy|gas|electricity|power|water|food|fuel|oil|insurance|mortgage|pension|"
    r"broadband|holiday|travel|grocery|drinks?|meat|dairy|bakery|fashion|clothing|furniture|"
    r"building|construction|medical|pharmacy|care|catering|cleaning|staffing|recruitment)\s+"
    r"(?:supplier|provider|retailer)\s+$", re.I)
# "ransomware knocked X's app offline", "X's website was hacked", "X's app is working again"
# (after an attack): the organisation's own
# system hit, not the product of a vendor (unless a flaw is named: "X's app had a bug")
_FLAW_WORD = re.compile(r"\b(?:flaws?|vulnerabilit(?:y|ies)|bugs?|exploit\w*|patch\w*|"
                        r"zero-days?|CVE-|weakness(?:es)?|security hole)", re.I)
_HIT_THING_LEFT = re.compile(
    r"\b(?:knock\w*|took|taken|takes|taking|hit|hits|hacked|crippled|cripples|disrupted|"
    r"affected|affects|impacted|impacts|"
    r"disrupts|shut|shuts|encrypted|encrypts|compromised|breached|infected|infects|defaced|"
    r"attacked|paralysed|paralyzed)\s+(?:down\s+|out\s+)?(?:the\s+)?$", re.I)
_HIT_THING_RIGHT = re.compile(
    r"^['\u2019]s?\s+(?:[\w-]+\s+){1,4}?(?:(?:was|were|has been|have been|had been|is|are)\s+"
    r"(?:\w+\s+)?(?:hacked|breached|compromised|hit|infected|defaced|encrypted|knocked|taken|"
    r"down|offline|disrupted|crippled)|(?:went|go|goes|going)\s+(?:down|offline)|"
    # back after the attack: "X's app is working again, nine days after a ransomware attack"
    r"(?:is|are|was|were)\s+(?:\w+\s+)?(?:working again|running again|back online|back up|"
    r"restored))\b", re.I)


# what a firm makes, said just before its name ("chip equipment supplier X", "video game
# developer X"): a description, no evidence of a flawed product when the sentence reports the
# firm itself attacked ("broke into the network of chip equipment supplier X", "a leak of
# source code from video game developer X") and names no flaw
_MAKER_WORD = r"(?:vendor|maker|manufacturer|developer|provider|supplier)\s+(?:of\s+[\w-]+\s+)?$"
_MAKER_WORD_LEFT = re.compile(r"\b" + _MAKER_WORD, re.I)
_MAKER_DESCRIPTION_LEFT = re.compile(r"(?:[\w'\u2019-]+\s+){0,3}" + _MAKER_WORD, re.I)


def _attacked_maker(left: str, sent: str) -> bool:
    """``VENDOR_LEFT`` matched only a maker word before the name, and a victim pattern ends
    where that description starts (see above)."""
    maker = _MAKER_WORD_LEFT.search(left)
    if not maker or _FLAW_WORD.search(sent) or VENDOR_LEFT.search(left[:maker.start()] + " x "):
        return False
    desc = _MAKER_DESCRIPTION_LEFT.search(left)
    return any(p.search(left[:k]) for k in {desc.start(), len(left)} for p, _w in VICTIM_LEFT)


# (a service the organisation runs for its customers; "X's operating system", "X's routers"
# are products it sells)
_OWN_SERVICE_RIGHT = re.compile(r"^['\u2019]s?\s+(?:[\w-]+\s+){0,2}?(?:app|apps|platform|"
                                r"cloud)\b", re.I)


def _own_thing_attacked(left: str, right: str, sent: str) -> bool:
    """``VENDOR_RIGHT`` matched a possessive ("X's app") that the sentence reports hit and
    names no flaw: the organisation's own system, no vendor evidence."""
    return bool(_OWN_SERVICE_RIGHT.match(right)) and not _FLAW_WORD.search(sent) and bool(
        _HIT_THING_LEFT.search(left) or _HIT_THING_RIGHT.match(right))


# described as an authority: "energy regulator X", "the data watchdog X", "X, the regulator,"
_AUTHORITY_LEFT = re.compile(r"\b(?:regulator|watchdog|ombudsman|regulatory body|"
                             r"supervisory authority)\s+(?:the\s+)?$", re.I)
_AUTHORITY_RIGHT = re.compile(r"^\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:regulator|watchdog|"
                              r"ombudsman|regulatory body)\b", re.I)


# a manager or executive of the organisation the headline is about ("Morag Dunbar, operations
# manager at X"): its own staff speaking for it, not an expert commenting (the CEO of a firm
# the headline does not name comments as an expert) -- unless
# the job is in security or research ("director of threat intelligence at X" does not end
# in the job word; "security operations manager at X" is an expert)
_STAFF_JOB_LEFT = re.compile(
    r"\b(?:manager|director|chief executive|executive|owner|founder|co-founder|chairman|"
    r"chairwoman|chair|president|boss|proprietor|partner|officer|head|ceo|coo|cfo)\s+"
    r"(?:at|of|for|from)\s+(?:the\s+)?$", re.I)
_EXPERT_JOB_WORD = re.compile(r"\b(?:security|cyber\w*|threat|research\w*|intelligence|"
                              r"forensics?|risk|analy\w+|professor|lecturer|consult\w*|"
                              r"technology|technical|it|information|ciso|cto|cio)\b", re.I)


def _own_staff_left(left: str) -> bool:
    """``left`` ends in a staff job of the organisation that follows (see above)."""
    staff = _STAFF_JOB_LEFT.search(left)
    if not staff:
        return False
    job = left[:staff.end()]
    job = job[max(job.rfind(","), job.rfind("("), job.rfind("\u201d"), job.rfind('"')) + 1:]
    return not _EXPERT_JOB_WORD.search(job[-60:])


def _expert_left(m: Candidate, left: str, ends: set[int]) -> bool:
    """``EXPERT_LEFT`` ("Jo Smith, analyst at X"), unless its "Jo Smith," is an organisation
    mention: "... include Holiday Inn, Holiday Inn Express and X" is a list of names."""
    em = EXPERT_LEFT.search(left)
    if not em:
        return False
    comma = left.find(",", em.start())
    return (m.start - len(left) + comma) not in ends


# the helpers are the subject ("Federal officials, Microsoft and Cisco are working with the city
# of X"): what follows "working with" is then the organisation helped, not a helper
_HELPERS_AS_SUBJECT = re.compile(
    r"\b(?:officials|investigators|experts|agents|authorities|police|partners|responders|"
    r"agencies|consultants|specialists|contractors|researchers|law enforcement)\b[^.;:]{0,40}"
    r"\b(?:is|are|were|was|have been|has been|had been)\s+(?:now\s+|currently\s+|closely\s+)?"
    r"working$", re.I)


def _list_after(doc: Doc, intro: re.Pattern,
                not_after: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Character ranges of the lists that follow ``intro``: the organisations helping the
    response ("is working with", "with support from", "brought in", "hired") or the vendors
    of affected products ("vendors, including"); when the sentence up to the intro's first
    word matches ``not_after`` ("Federal officials, X and Y are working with the city"), the
    names before the intro instead."""
    text = doc_text(doc)
    out = []
    for m in intro.finditer(text):
        if not_after is not None:
            s_start = sentence_at(doc, m.start())[0]
            head = text[max(s_start, m.start() - 120):m.start() + len(m.group(0).split()[0])]
            if not_after.search(head):
                out.append((max(s_start, m.start() - 120), m.start()))
                continue  # (the subject's names are then the list)
        end = RESPONSE_HELP_END.search(text, m.end(), min(len(text), m.end() + 140))
        out.append((m.end(), end.start() if end else min(len(text), m.end() + 140)))
    return out
# "according to X's Global Security Report 2016": the firm that published the figures
_REPORT_RIGHT = re.compile(r"^['\u2019]s?\s+(?:[\w-]+\s+){0,7}?(?:report|survey|study|research|"
                           r"analysis|findings|data|index)\b", re.I)


_PLACE_STAFF_RIGHT = re.compile(
    r"^['\u2019]s\s+(?:[\w-]+\s+){0,2}?(?:director|officials?|spokes\w+|mayor|manager|"
    r"administrator|clerk|council|city council|IT department|staff|employees)\b", re.I)


__all__ = ["assign_roles"]
