"""Services named by a clause, for the ``affected_services`` component
(:mod:`pipeline.nlp.services`): the subject of an outage predicate ("its rent payment portal
and repairs reporting line were unavailable", "Withdrawals resumed on Friday") or the object of
a disruption verb ("suspended most deliveries", "took out repairs booking, rent accounts and
the tenant portal"), read as a list around the predicate, each item checked as a service
(no person, body, procedure, abstract thing, attackers' thing, data or money).

``clause_services(doc, text, cache)`` finds the candidates with the status of their predicate;
``add_clause_service(...)`` keeps one unless its sentence is background or about companies in
general, or its own clause is hypothetical, habitual, negated, a fallback or an organisation's
name. Plain functions: the component passes its word cache; imports only
:mod:`pipeline.nlp.services_lexicon` of the services modules."""
from __future__ import annotations

import re
from bisect import bisect_right

import numpy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.tokens import Doc

from pipeline.nlp.quote_rules import ROLE_HEADS
from pipeline.nlp.speaker_patterns import STAFF_TYPE_WORDS
from pipeline.nlp.services_lexicon import (
    ED_OK, FALLBACK_BEFORE, FUTURE_RESTORE, GENERIC_ATTACKERS, GENERIC_SENT, GENERIC_STATE,
    HABITUAL, HEADS, HYPOTHETICAL, IF_BEFORE, ING_OK, NO_BEFORE, RESTORED_BACKREF, STOP, VERBISH,
    attacker_owned, clause_start, norm)

# head nouns that name a service only with a modifier ("repairs reporting line", "contact
# centre", "patient management software", "online ticket shop", "hot wallet", "staff email
# account", "development environment", "bin collections", "information screens")
_NEW_HEADS = {"line", "hotline", "hotlines", "helpline", "helplines", "software", "shop",
              "centre", "center", "environment", "environments", "workstation", "workstations",
              "account", "accounts", "wallet", "wallets", "bucket", "buckets", "appliance",
              "appliances", "repository", "repositories", "widget", "widgets", "screens",
              "collections", "page", "pages"}
# modifiers that make such a head somebody else's or no service ("bank accounts" a fraud
# moved money to, "a Bitcoin wallet" the ransom went to, "remote-access software" the
# attackers installed, "the threat environment", "the city centre", "the front line")
_BAD_MODIFIERS = {
    **dict.fromkeys(("account", "accounts"), {
        "bank", "banking", "savings", "current", "checking", "mule", "offshore", "escrow",
        "fake", "fraudulent", "criminal", "shell", "crypto", "cryptocurrency", "other",
        "personal", "new"}),
    **dict.fromkeys(("wallet", "wallets"), {
        "bitcoin", "btc", "crypto", "cryptocurrency", "monero", "ethereum", "ransom",
        "attacker", "attackers", "digital", "other"}),
    **dict.fromkeys(("line", "hotline", "hotlines", "helpline", "helplines"), {
        "front", "bottom", "finish", "time", "subject", "product", "party", "hard", "fine",
        "picket", "tag", "head", "dead", "credit", "fraud", "support", "dedicated", "advice",
        "emergency", "new", "special"}),
    **dict.fromkeys(("centre", "center"), {
        "city", "town", "shopping", "village", "research", "community", "visitor",
        "leisure", "excellence", "cyber", "fusion", "coordination", "response", "command"}),
    "software": {"remote-access", "remote", "access", "antivirus", "anti-virus",
                 "legitimate", "pirated", "cracked", "mining", "hacking", "spy", "spying",
                 "encryption", "ransomware", "desktop", "management-software", "wiper",
                 "monitoring", "tracking", "surveillance", "other", "unlicensed"},
    **dict.fromkeys(("environment", "environments"), {
        "threat", "regulatory", "business", "work", "working", "economic", "political",
        "geopolitical", "risk", "operating", "natural", "other"}),
    "screens": {"error", "login", "lock", "splash", "blue", "black", "ransom"},
    "shop": {"coffee", "repair", "print", "barber", "body", "one-stop"},
    "collections": {"data", "art", "museum", "library", "debt"},
    **dict.fromkeys(("page", "pages"), {"front", "back", "first", "title", "opinion", "fan",
                                        "facebook", "instagram", "phishing", "fake", "spoofed",
                                        "lookalike", "fraudulent", "leak", "ransom", "other"}),
}
# words after such a head that make it part of something else ("account numbers")
_NEW_HEAD_AFTER = {"number", "numbers", "details", "holder", "holders", "information", "data",
                   "credentials", "balance", "balances", "name", "names", "of", "takeover",
                   "takeovers", "manager", "managers", "address", "addresses"}
# a line or centre set up for the victims, not one that was hit
_SET_UP_BEFORE = re.compile(r"(?:set up|sets up|setting up|opened|opens|launched|launches|"
                            r"established|created|dedicated|call|calling|contact|ring|via|"
                            r"through|using|use)\s+(?:\w+\s+){0,3}$", re.I)


# ---------------------------------------------------------------- services named by a clause
# A service is often the subject of an outage predicate ("its rent payment portal and repairs
# reporting line were unavailable", "Withdrawals resumed on Friday") or the object of a
# disruption verb ("suspended most deliveries", "took out repairs booking, rent accounts and
# the tenant portal"), whatever its head noun. The phrase is read from the words around the
# predicate: a list of one to five content words per item.
_PRED_ADV = (r"(?:\s+(?:also|currently|still|temporarily|briefly|now|completely|fully|partially|"
             r"largely|partly|all|both|then|again|subsequently|intermittently|repeatedly|"
             r"effectively|reportedly|mostly|initially|quickly|entirely|totally|widely))*")
_STATE_DISRUPTED = (r"offline|off-line|down(?!\s+(?:\d|by\b|from\b|to\b|on\b))|unavailable|"
                    r"unreachable|inaccessible|unusable|out of (?:action|service|order|use)|"
                    r"(?:not|no longer) (?:reachable|available|accessible|working|functioning|"
                    r"operational|operating|running|usable|possible)|suspended|paused|halted|"
                    r"disrupted|disabled|interrupted|knocked (?:out|offline)|"
                    r"taken (?:offline|off-line|down|out(?! of))|shut down|switched off|crippled|"
                    r"paraly[sz]ed|frozen|blank|affected|impacted")
_STATE_RESTORED = (r"restored|reinstated|back online|back up(?: and running)?|"
                   r"up and running(?: again)?|running again|available again|working again|"
                   r"online again|operational again|reopened|resumed|back to normal")
_STATE_COMPROMISED = (r"compromised|breached|hacked|hijacked|accessed|encrypted|infected|"
                      r"defaced|taken over|wiped")
_SUBJECT_PRED = re.compile(
    r"\b(?:(?:was|were|is|are|has been|have been|had been|remain(?:s|ed)?|stay(?:s|ed)?|"
    r"went|go(?:es)?)" + _PRED_ADV + r"\s+(?:(?P<d>" + _STATE_DISRUPTED + r")|(?P<r>"
    + _STATE_RESTORED + r")|(?P<c>" + _STATE_COMPROMISED + r"))"
    r"|(?P<r2>resumed|reopened|returned|came back(?: online)?)(?=\s+(?:on|in|at|last|this|"
    r"after|within|by|from|for|accepting|taking|operating|working|running|normally|"
    r"yesterday|today|earlier|late|early|\w+day|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|\d+)\b|\s*[.,;])"
    r"|(?P<d2>went (?:down|offline|dark)|crashed))\b", re.I)
_OBJECT_VERB = re.compile(
    r"\b(?:(?P<d>suspend(?:ed|s|ing)?|paus(?:ed|es|ing)|halt(?:ed|s|ing)?|disrupt(?:ed|s|ing)?|"
    r"knock(?:ed|s|ing)? out|t(?:ook|ake|akes|aking|aken) (?:out|down|offline)|"
    r"shut(?:s|ting)? down|crippl(?:ed|es|ing)|paraly[sz](?:ed|es|ing)|disabl(?:ed|es|ing)|"
    r"interrupt(?:ed|s|ing)?)"
    r"|(?P<r>restor(?:ed|es|ing)|resum(?:ed|es|ing)|reopen(?:ed|s|ing)|reinstat(?:ed|es|ing))"
    r"|(?P<c>breach(?:ed|es|ing)|compromis(?:ed|es|ing)|hijack(?:ed|s|ing)|hack(?:ed|s|ing) into|"
    r"br(?:oke|eak|eaks|eaking) into|encrypt(?:ed|s|ing)|wip(?:ed|es|ing)|defac(?:ed|es|ing)|"
    r"infect(?:ed|s|ing)|gain(?:ed|s|ing)? access to|accessed|t(?:ook|ake|akes|aking|aken) over|"
    r"exploit(?:ed|s|ing)|str(?:uck|ikes)|hits?|(?:cyber-?)?attack on|"
    # a theft from a system, a hack or a breach of one, code planted in one
    r"(?:drain|steal|siphon|exfiltrat|tak)(?:ed|en|s|ing|e)? from|stole from|stolen from|"
    r"(?:hack|breach|compromise)(?:es|s)? (?:of|into|at)|"
    r"(?:unauthori[sz]ed|illegal|remote) access to|"
    r"(?:inject|insert|plant|install|embedd?)(?:ed|ing|s)? (?:[\w\-]+ ){0,3}?(?:code|scripts?|"
    r"javascript|malware|skimmers?|backdoors?|shells?|iframes?|ransomware|trojans?|implants?|"
    r"miners?|keyloggers?|spyware) (?:in|into|on|onto))"
    r"|(?P<d3>outages? (?:of|at|to|on|in|affecting)|disruptions? (?:of|to|at)))\s+", re.I)
# words of a clause item: a word (with a possessive) or one punctuation mark
_ITEM_WORD = re.compile(r"[A-Za-z0-9][\w\-]*(?:['’]s)?|[^\w\s]")
_DETERMINERS = {"the", "a", "an", "its", "their", "our", "his", "her", "all", "most", "some",
                "another",
                "both", "many", "several", "any", "every", "each", "much", "part", "half"}
_OWNING = {"its", "their", "our", "his", "her"}
# heads that are people, organisations, data, money or happenings, not a service
_NOT_SERVICE_HEADS = {
    "customer", "customers", "resident", "residents", "tenant", "tenants", "patient", "patients",
    "staff", "employee", "employees", "user", "users", "member", "members", "passenger",
    "passengers", "student", "students", "people", "worker", "workers", "client", "clients",
    "family", "families", "parent", "parents", "traveller", "travellers", "traveler",
    "travelers", "driver", "drivers", "official", "officials", "police", "officer", "officers",
    "investigator", "investigators", "hacker", "hackers", "attacker", "attackers", "criminal",
    "criminals", "gang", "gangs", "group", "groups", "company", "companies", "firm", "firms",
    "council", "councils", "bank", "banks", "hospital", "hospitals", "school", "schools", "city",
    "cities", "town", "towns", "business", "businesses", "organisation", "organisations",
    "organization", "organizations", "authority", "authorities", "agency", "agencies",
    "government", "governments", "data", "information", "details", "record", "records", "file",
    "files", "document", "documents", "attack", "attacks", "incident", "incidents", "breach",
    "breaches", "investigation", "investigations", "money", "funds", "ransom", "cash", "amount",
    "amounts", "it", "they", "them", "this", "that", "which", "who", "report", "reports",
    "statement", "problem", "problems", "issue", "issues", "work", "activity", "activities",
    "trading", "share", "shares", "stock", "stocks", "talks", "negotiations", "case", "cases",
    "meeting", "meetings", "event", "events", "match", "matches", "game", "games", "season",
    "vote", "votes", "election", "elections", "person", "man", "woman", "men", "women",
    "child", "children", "life", "lives", "loss", "losses", "damage", "cost", "costs", "price",
    "prices", "claim", "claims", "password", "passwords", "credentials", "name", "names",
    "address", "addresses", "number", "numbers", "owner", "owners", "revenue", "revenues",
    "profit", "profits", "sales", "earnings", "income", "traffic", "home", "homes", "house",
    "houses", "malware", "ransomware", "virus", "code", "key", "keys", "account-holders",
    "one", "ones", "everything", "nothing", "something", "all", "none", "number",
    "employer", "supplier", "suppliers", "vendor", "vendors", "provider", "providers",
    "partner", "partners", "contractor", "contractors", "team", "teams", "unit", "units",
    "division", "ministry", "office", "offices", "spokesperson",
    "spokesman", "spokeswoman", "director", "manager", "chief", "head", "leader", "mayor",
    "week", "weeks", "day", "days", "month", "months", "year", "years", "hours", "time",
    "attempt", "attempts", "effort", "efforts", "plan", "plans", "project",
    "projects", "message", "messages", "emails", "note", "notice", "letter",
    "letters", "deal", "contract", "contracts", "portion", "portions", "part", "parts",
    "copy", "copies", "ransomware-as-a-service",
    # places and firms of a kind, not a service ("disrupted car dealerships and hospitals")
    "dealership", "dealerships", "dealers", "retailers", "stores", "shops", "branches",
    "restaurants", "pharmacies", "clinics", "surgeries", "practices", "factories", "hotels",
    "airports", "stations", "universities", "colleges", "libraries", "facilities",
    "grades", "results", "backups", "emails",
    # the incident itself, or the attackers' tools ("halting the disruption", "the payloads
    # are no longer available")
    "disruption", "disruptions", "outage", "outages", "downtime", "interruption",
    "interruptions", "payload", "payloads", "bag", "bags", "sample", "samples",
    # what a vendor, a researcher or the police stop, or no thing at all ("halt the leak",
    # "paused updates", "crippling its ability", "restoring control", "disabled support")
    "domain", "domains", "leak", "leaks", "supply", "update", "updates", "control",
    "controls", "ability", "abilities", "movement", "movements", "version", "versions",
    "content", "support", "scam", "scams", "world", "developer", "developers", "factory",
    "factories", "payout", "payouts", "patch", "patches", "fix", "fixes", "feature"}
# people by their post ("suspended its chief executive", "the firm's chairman was suspended"),
# with their plurals ("two directors")
_ROLE_NOUNS = frozenset(ROLE_HEADS | STAFF_TYPE_WORDS) - {"lead"}
# bodies, procedures, dealings and abstract things a clause may stop or restore, no service
# ("suspended the planning committee", "the hearing was halted", "Police suspended the
# search", "suspended the company's licence", "restored confidence among investors")
_NOT_SERVICE_OTHER = frozenset({
    "committee", "committees", "board", "boards", "panel", "panels", "commission",
    "commissions", "tribunal", "tribunals", "jury", "cabinet", "parliament",
    "senate", "assembly", "hearing", "hearings", "search", "searches", "inquiry",
    "inquiries", "probe", "probes", "trial", "trials", "audit", "audits", "review", "reviews",
    "consultation", "consultations", "proceedings", "licence", "licences", "license",
    "licenses", "merger", "mergers", "takeover", "loan", "loans",
    "agreement", "agreements", "partnership", "partnerships", "confidence", "trust",
    "reputation", "momentum", "morale", "credibility", "faith", "stability", "growth",
    "progress", "relations", "relationship", "relationships", "image", "standing",
    "headlines", "attention", "focus", "peace", "calm", "normality",
    "normalcy", "hope", "hopes", "career", "careers", "job", "jobs", "role",
    "roles", "party", "parties", "bonus", "bonuses", "dividend",
    "dividends", "hiring", "recruitment"})


def _role_noun(lw: str) -> bool:
    """A person's post ("executive", "directors", "chairwoman")."""
    return lw in _ROLE_NOUNS or (lw.endswith("s") and lw[:-1] in _ROLE_NOUNS)


# a bare head that says nothing concrete ("systems were offline", "disrupted operations")
_VAGUE_HEADS = {"system", "systems", "service", "services", "operations", "operation",
                "network", "networks", "server", "servers", "computer", "computers",
                "infrastructure", "platform", "platforms", "environment", "it", "technology",
                "devices", "equipment", "machines", "business", "functions", "applications",
                "application", "tools", "databases", "database", "backup",
                "channels", "features", "facilities", "them", "parts", "areas", "tool", "tools",
                "firmware", "pages", "page", "access", "internet", "web", "line",
                "backups", "accounts", "account", "wallets", "wallet", "software", "lines"}
# bare heads that count when owned ("Northshore's app and website were down", "its email")
_OWNED_BARE = {"app", "apps", "website", "portal", "email", "e-mail", "intranet", "helpline",
               "hotline", "switchboard", "checkout", "phones", "payroll", "billing", "site",
               "websites", "sites"}
# where a subject list may begin: the sentence start, a reporting verb, a clause word
_SUBJECT_OPENERS = {"said", "says", "say", "that", "which", "while", "but", "after", "when",
                    "because", "as", "since", "though", "although", "whereas", "confirmed",
                    "announced", "reported", "added", "warned", "noted", "explained", "stated",
                    "admitted", "acknowledged", "revealed", "disclosed", "meanwhile", "and",
                    "so", "where", "until", "once", "if", "also", "however"}
# words of a clause after "and" that start a new clause, not a list item
_COMMON_VERBS = {"sent", "told", "asked", "said", "began", "made", "took", "gave", "put", "kept",
                 "left", "brought", "called", "urged", "warned", "hit", "met", "found", "went",
                 "came", "saw", "paid", "set", "got", "let", "ran", "led", "built", "spent",
                 "says", "told", "is", "are", "was", "were", "has", "have", "had", "will",
                 "would", "can", "could", "may", "might", "must", "should", "do", "does", "did",
                 "used", "owed", "run", "runs", "operated", "owned", "hosted", "provided"}
# words that open a clause or qualify one, never part of a service's name
_CLAUSE_WORDS = {"though", "although", "while", "whereas", "which", "who", "whom", "whose",
                 "because", "since", "yet", "so", "meaning", "leaving", "forcing", "causing",
                 "never", "already", "again", "too", "either", "neither", "nor", "however",
                 "meanwhile", "instead", "whether", "unless", "once", "until", "then", "now",
                 # time words end a service's name ("took over its email account last month")
                 "last", "next", "earlier", "later", "ago", "overnight", "tonight", "month",
                 "least", "most", "temporarily",
                 "months", "year", "years", "weeks", "days", "hours", "minutes"}
_PREPOSITIONS = {"of", "for", "in", "at", "on", "with", "from", "by", "to", "into", "through",
                 "via", "about", "over", "under", "among", "across", "during", "since", "until",
                 "after", "before", "within", "without", "following", "amid", "between",
                 "against", "per", "behind", "like", "including", "than", "due", "despite"}
_BAD_ENTS = {"PERSON", "GPE", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "LOC",
             "QUANTITY", "ORDINAL"}
# a denial of what follows: "there was no evidence that customer environments had been accessed"
_NO_EVIDENCE = re.compile(r"\b(?:no|not any|nor any|without)\s+(?:\w+\s+)?(?:evidence|indication|"
                          r"sign|signs|suggestion|reason to believe)\b[^.;:]*$", re.I)
# a flaw as the cause: an exposed product, not a disrupted service
_BY_FLAW = re.compile(r"\s+by\s+(?:the\s+|a\s+|an\s+|this\s+|these\s+)?(?:[\w\-]+\s+){0,3}?"
                      r"(?:flaws?|vulnerabilit\w+|bugs?|weakness\w*|exploits?)\b", re.I)
# a count before "of" in front of an object: "a small number of", "one of its", "dozens of"
_COUNT_OF = re.compile(r"(?:an?\s+)?(?:(?:small|large|limited|growing|unknown|handful|few)\s+)?"
                       r"(?:number|handful|few|dozens|hundreds|thousands|millions|one|two|three|"
                       r"some|several|many|most|all|parts?|portions?|\d[\d,]*)\s+of\s+", re.I)
# counts before "of" that open a subject: "thousands of customer accounts were compromised"
_QUANTITIES = {"thousands", "hundreds", "dozens", "millions", "some", "all", "many", "most",
               "number", "one", "two", "three", "four", "five", "several", "each", "none",
               "both", "half", "scores", "tens"}
# owners after a service ("ATM and UPI services of the bank", "tracking for customers")
_OWNER_WORDS = {"customers", "residents", "users", "members", "tenants", "clients", "patients",
                "students", "passengers", "bank", "company", "council", "city", "town", "firm",
                "hospital", "university", "school", "district", "airline", "retailer",
                "railway", "utility", "insurer", "society", "trust", "group", "county", "state",
                "municipality", "municipalities", "ministry", "agency", "port", "club", "union",
                "association", "board", "corporation", "institute", "college", "operator",
                "exchange", "practice", "surgery", "authority", "organisation", "organization"}


def _hyphen_in_word(doc: Doc, i: int) -> bool:
    """A hyphen inside a word ("third-party", "point-of-sale"): no space on either side."""
    return doc[i].text in {"-", "–"} and 0 < i < len(doc) - 1 and \
        not doc[i - 1].whitespace_ and not doc[i].whitespace_ and doc[i + 1].is_alpha


# modifiers that make a thing the attackers' or a fraud's ("offending accounts", "fraudulent
# domains", "the Command & Control server", "phishing sites")
_ATTACKER_WORDS = {"offending", "fraudulent", "malicious", "phishing", "fake", "rogue", "bogus",
                   "spoofed", "command", "c2", "botnet", "attacker", "attackers", "criminal",
                   "pirate", "piracy", "ransom", "dead", "lookalike", "scam", "hacker",
                   "hackers"}


def _item_word(t, ing: bool = False) -> bool:
    """A word that may be part of a service named by a clause ("repairs reporting line",
    "point-of-sale"): no function word, verb, adverb, number or name of a person or place."""
    lw = t.lower_
    if not (t.is_alpha or re.fullmatch(r"[A-Za-z][A-Za-z\-]*[A-Za-z]", t.text)):
        return False
    if lw in STOP or lw in VERBISH or lw in _COMMON_VERBS or lw in _PREPOSITIONS or \
            lw in _CLAUSE_WORDS or \
            lw in _DETERMINERS or lw in {"and", "or", "nor", "but"}:
        return False
    if t.ent_type_ in _BAD_ENTS or (t.like_num and not (
            t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-")):   # ("third-party")
        return False   # "three features": a count
    if lw.endswith("ly") and lw not in {"family", "supply", "assembly"}:
        return False
    if lw.endswith("ed") and lw not in ED_OK and len(lw) > 4:
        return False
    if lw.endswith("ing") and lw not in ING_OK and len(lw) > 5 and not ing:
        return False
    return True


# the first words of the two patterns: a token whose lower-case form matches one is where a
# match may start (both patterns start at a word start), so they are tried only there
_SUBJECT_FIRST = re.compile(r"was|were|is|are|has|have|had|remain\w*|stay\w*|went|go|goes|"
                            r"resumed|reopened|returned|came|crashed|failed")
_OBJECT_FIRST = re.compile(
    r"suspend\w*|paus\w*|halt\w*|disrupt\w*|knock\w*|took|take[ns]?|taking|shut\w*|"
    r"crippl\w*|paraly\w*|disabl\w*|interrupt\w*|restor\w*|resum\w*|reopen\w*|"
    r"reinstat\w*|breach\w*|compromis\w*|hijack\w*|hack\w*|broke|break\w*|encrypt\w*|"
    r"wip\w*|defac\w*|infect\w*|gain\w*|accessed|exploit\w*|str(?:uck|ik\w*)|hit\w*|"
    r"(?:cyber-?)?attacks?|cyber|outages?|disruptions?|drain\w*|steal\w*|stole|stolen|"
    r"siphon\w*|exfiltrat\w*|unauthori[sz]ed|illegal|remote|"
    r"inject\w*|insert\w*|plant\w*|install\w*|embed\w*")


def add_clause_service(doc: Doc, text: str, sents: list, sent_chars: list[int],
                       background: set[int], org_spans: list[tuple[int, int]],
                       item: tuple[int, int, str, int, int, bool], add) -> None:
    """A service named by a clause (``clause_services``), with the status of its
    predicate, unless its sentence is about another incident or companies in general, or
    its own clause is hypothetical, a fallback or an organisation's name."""
    a, b, status, ca, cb, weak = item
    if getattr(doc._, "incident_kind", None) == "vulnerability":
        return   # an advisory's mitigations ("disabling the WebDAV service") are no outage
    sent = sents[bisect_right(sent_chars, a) - 1]
    if sent.start in background or GENERIC_SENT.match(text, sent.start_char, sent.end_char):
        return
    ss = sent.start_char
    lo, hi = min(a, ca), max(b, cb)
    if HYPOTHETICAL.search(text, max(ss, clause_start(text[ss:lo], lo - ss) + ss,
                                     lo - 60), hi) or \
            IF_BEFORE.search(text, max(ss, lo - 60), lo):
        return   # "customers could find the portal unavailable", "if X were suspended"
    if FALLBACK_BEFORE.search(text[max(ss, a - 60):a]):
        return   # "reverted to cash and card machines"
    cs = max(ss, clause_start(text[ss:lo], lo - ss) + ss)
    if HABITUAL.search(text, cs, hi) or GENERIC_ATTACKERS.match(text, cs):
        return   # "The phishers start by compromising a Gmail account": a habit, no event
    if NO_BEFORE.search(text, max(ss, a - 40), a) or \
            re.search(r"\b(?:no|none of)\s+(?:\w+\s+){0,2}$", text[max(ss, a - 40):a], re.I) or \
            _NO_EVIDENCE.search(text, max(ss, a - 100), a):
        return   # "no emergency systems had been affected", "no evidence that X was …"
    if status == "restored" and FUTURE_RESTORE.search(text[max(ss, lo - 80):lo]):
        return   # "until the computer systems are restored": still to come
    if _BY_FLAW.match(text, hi):
        return   # "Chrome OS and Android devices were also affected by the processor flaws"
    back = RESTORED_BACKREF.search(text, hi, sent.end_char)
    if status == "disrupted" and back and not FUTURE_RESTORE.search(
            text[max(hi, back.start() - 80):back.start()]):
        status = "restored"   # "… were taken offline, and both are available again"
    if any(x <= b - 1 < y for x, y in org_spans) and doc.char_span(
            a, b, alignment_mode="expand")[-1].lower_ not in HEADS | _NEW_HEADS:
        return   # "Harrowgate Water was offline": an organisation, not its service
    item_text = text[a:b]
    key = re.sub(r" (service|system|servic)$", "", norm(item_text))
    if key:
        add(key, a, b, item_text, status, not weak)


def clause_services(doc: Doc, text: str, cache: dict[tuple[str, int], bool],
                    ) -> list[tuple[int, int, str, int, int, bool]]:
    """Services named as the subject of an outage predicate ("its rent payment portal and
    repairs reporting line were unavailable", "Withdrawals resumed on Friday") or as the
    object of a disruption verb ("suspended most deliveries", "took out repairs booking,
    rent accounts and the tenant portal"): (start, end, status, context start, context
    end) in characters, the context being the words from the service to the predicate, and
    whether the predicate is weak (an attack on it, a hit: a state given elsewhere wins)."""
    out: list[tuple[int, int, str, int, int, bool]] = []
    if not len(doc):
        return out
    arr = doc.to_array([LOWER, IDX, SENT_START])
    uniq, inverse = numpy.unique(arr[:, 0], return_inverse=True)
    ids = uniq.tolist()
    strings = doc.vocab.strings

    if len(cache) > 400_000:
        cache.clear()   # (bounded: a long run meets ever new words)

    def starts(rx: re.Pattern) -> list[int]:
        tag = rx is _OBJECT_FIRST
        ok = numpy.zeros(len(ids), dtype=bool)
        for n, i in enumerate(ids):
            hit = cache.get((tag, i))
            if hit is None:
                hit = cache[(tag, i)] = rx.fullmatch(strings[i]) is not None
            ok[n] = hit
        return arr[ok[inverse.ravel()], 1].tolist()

    idx = arr[:, 1].tolist()
    # sentence start tokens (SENT_START 1), for the bounds of each clause
    sent_starts = numpy.flatnonzero(arr[:, 2] == 1).tolist() or [0]
    if sent_starts[0] != 0:
        sent_starts.insert(0, 0)

    def bounds(k: int) -> tuple[int, int]:
        n = bisect_right(sent_starts, k) - 1
        return sent_starts[n], sent_starts[n + 1] if n + 1 < len(sent_starts) else len(doc)

    def matches(rx: re.Pattern, first: re.Pattern) -> list[re.Match]:
        found, end = [], 0
        for p in starts(first):
            if p >= end:
                m = rx.match(text, p)
                if m is not None:
                    found.append(m)
                    end = m.end()
        return found

    for m in matches(_SUBJECT_PRED, _SUBJECT_FIRST):
        k = bisect_right(idx, m.start()) - 1   # the predicate's first token
        if k <= 0:
            continue
        status = "restored" if (m.group("r") or m.group("r2")) else \
            "compromised" if m.group("c") else "disrupted"
        word = (m.group("d") or "").lower()
        for a, b in _chain_before(doc, k - 1, status, word in {"affected", "impacted"},
                                       bounds(k - 1)[0]):
            out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), status,
                        doc[a].idx, m.end(), False))
    for m in matches(_OBJECT_VERB, _OBJECT_FIRST):
        k = bisect_right(idx, m.end() - 1)   # the first token after the verb
        if k >= len(doc) or idx[k] < m.end():
            continue
        status = "restored" if m.group("r") else \
            "compromised" if m.group("c") else "disrupted"
        if m.group("c") and m.group("c").lower().startswith(("hit", "struck", "strik")) and \
                re.search(r"\b(?:was|were|been|be|is|are)\s+$", text[max(0, m.start() - 12):
                                                                     m.start()], re.I):
            continue   # "was hit by": the passive names the attacker next
        before = text[max(0, m.start() - 40):m.start()]
        if re.search(r"\b(?:not|never|no|n['’]t|will|plans?|planned|intends?|expects?|"
                     r"threaten\w*|aim\w*|designed|able|bid|attempt\w*|tr(?:y|ied|ying))"
                     r"\s+(?:\w+\s+)?(?:to\s+)?$", before, re.I):
            continue   # denied, or still to come
        if re.search(r"\b(?:prevent\w*|stop\w*|block\w*|avoid\w*|against)\s+$", before, re.I):
            continue   # "monitoring to prevent unauthorized access to user accounts"
        if re.search(r"\bto\s+$", before) and not re.search(
                r"\b(?:forc\w*|had|has|have|having|decided|chose|opted|moved|was|were)\s+"
                r"(?:[\w’']+\s+){0,3}?to\s+$", before, re.I):
            continue   # "used to break into Windows computers", "to halt the leak": a purpose
        if m.group().split()[0].lower().endswith("ed") and \
                re.search(r"\b(?:a|an|the|its|their|our|his|her)\s+$", before, re.I):
            continue   # "an encrypted messaging app": an adjective, not a verb
        # an attack on a service, or a hit, tells less than a state given elsewhere
        weak = m.group("c") is not None and m.group("c").lower().startswith(
            ("hit", "struck", "strik", "attack", "cyber"))
        for a, b in _chain_after(doc, k, status, bounds(k)[1], text):
            out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), status,
                        m.start(), doc[b - 1].idx + len(doc[b - 1].text), weak))
    return out


def _item_ok(doc: Doc, a: int, b: int, owned: bool, status: str,
             strict: bool = False) -> bool:
    """Whether tokens [a, b) name a service: one to five service words, no person,
    place, organisation (unless a service head ends it: "SmartHub app"), data, money or
    happening, no vague bare head ("systems"); a compromised one ends in a service head."""
    toks = [t for t in doc[a:b] if t.text not in {"-", "–"}]
    if toks and toks[0].lower_ in GENERIC_STATE:
        return False   # "restoring normal operations": a state, no service
    conj = [n for n, t in enumerate(toks) if t.lower_ in {"and", "or"}]
    if conj:   # "ATM and UPI services": the words before the conjunction modify the head
        if len(conj) > 1 or not all(_item_word(t, ing=True) for t in toks[:conj[0]]):
            return False
        toks = toks[conj[0] + 1:]
    if not 1 <= len(toks) <= 5:
        return False
    head = toks[-1].lower_
    if any(not _item_word(t, ing=head in HEADS or head in _NEW_HEADS)
           for t in toks[:-1] if t.lower_ not in {"of", "the"}) or \
            not _item_word(toks[-1], ing=True):
        return False   # ("route scheduling software", not "… accepting ambulances")
    if toks[0].lower_ in {"of", "the"} or head in {"of", "the"}:
        return False
    if head in _NOT_SERVICE_HEADS or any(t.lower_ in _ATTACKER_WORDS for t in toks):
        return False
    if (head in _NOT_SERVICE_OTHER or _role_noun(head)) and head not in HEADS | _NEW_HEADS:
        return False   # a person, a body, a procedure or an abstract thing
    if attacker_owned(doc, a):
        return False   # "the gang's leak site": the attackers' own, not a victim's
    if any(t.ent_type_ == "ORG" for t in toks) and head not in HEADS | _NEW_HEADS:
        return False
    if len(toks) == 1 and (head in _VAGUE_HEADS or
                           (head in _OWNED_BARE and not owned)):
        return False
    if len(toks) == 1 and toks[0].is_upper:
        return False   # an acronym alone: a name, not a service
    if len(toks) >= 2 and head in {"service", "services"} and all(t.is_title for t in toks):
        return False   # "National Health Service": an organisation
    bad = _BAD_MODIFIERS.get(head)
    if bad and any(t.lower_ in bad for t in toks[:-1]):
        return False
    if (status == "compromised" or strict) and head not in HEADS | _NEW_HEADS:
        return False   # "personal data was accessed": data, not a service
    return True


def _chain_before(doc: Doc, k: int, status: str, strict: bool,
                  lo: int) -> list[tuple[int, int]]:
    """The list of services ending at token ``k``, read leftwards: "its rent payment
    portal and repairs reporting line", "Civil status services, the canteen reservations
    and the payment of the nursery", "ATM and UPI services of the bank" (an owner after
    "of"/"for" is skipped), "The online ticket shop and timetable app of X, a regional
    railway," (an apposition is skipped)."""
    owned = False
    # an apposition right before the predicate: "…, a regional railway in X,"
    if doc[k].text == ",":
        j = k - 1
        while j > lo and doc[j].text != "," and k - j < 16:
            j -= 1
        if doc[j].text == "," and j + 1 < k and \
                doc[j + 1].lower_ in {"a", "an", "which", "who", "whose", "based",
                                      "headquartered", "one"}:
            k = j - 1
        else:
            return []
    # an owner after the service: "… of the bank", "… for customers", "… of X's Y"
    j, left_of = k, None
    last = doc[k]
    if last.is_title or last.is_upper or last.ent_type_ in {"ORG", "GPE", "PERSON"} or \
            last.lower_ in _OWNER_WORDS:
        while j > lo and k - j < 12:
            t = doc[j]
            if t.lower_ in {"of", "for"} and doc[j - 1].is_alpha and \
                    doc[j - 1].lower_ not in STOP and j < k and (
                        doc[j + 1].lower_ in {"the", "its", "their"} or doc[j + 1].is_title
                        or doc[j + 1].lower_ in _OWNER_WORDS):
                left_of = j
            elif not (t.is_alpha or t.text in {"'s", "’s"}) or t.lower_ in VERBISH or \
                    t.lower_ in _COMMON_VERBS:
                break
            j -= 1
    if left_of is not None:
        k, owned = left_of - 1, True
    items: list[tuple[int, int, bool]] = []   # (start, end, has determiner)
    seps: list[str] = []
    end, i, boundary = k + 1, k, None
    has_det = False
    while True:
        if i < lo:
            boundary = None
            break
        t = doc[i]
        lw = t.lower_
        if t.text == "," or lw in {"and", "or"} or (
                lw == "as" and i - 2 >= lo and doc[i - 1].lower_ == "well" and
                doc[i - 2].lower_ == "as"):
            if end > i + 1:
                items.append((i + 1, end, has_det))
            elif not has_det:
                boundary = t
                break
            seps.append("," if t.text == "," else "and")
            i -= 3 if lw == "as" else 1
            end, has_det = i + 1, False
            continue
        if lw in _DETERMINERS or lw in {"'s", "’s"} or \
                (t.text.endswith(("'s", "’s")) and len(t.text) > 2):
            if end <= i + 1 and lw not in {"'s", "’s"} and not t.text.endswith(
                    ("'s", "’s")):
                boundary = t
                break
            if end > i + 1:
                items.append((i + 1, end, True))
            if lw in _OWNING or lw in {"'s", "’s"} or t.text.endswith(("'s", "’s")):
                owned = True
                # skip the owner's name: "the trust's", "Denmark's"
                i -= 1
                while i >= lo and (doc[i].is_title or doc[i].lower_ in {"the"}) and \
                        doc[i].text not in {",", "and"} and lw not in _OWNING:
                    i -= 1
            else:
                i -= 1
            end, has_det = i + 1, True
            if i >= lo and (doc[i].text == "," or doc[i].lower_ in {"and", "or"} or (
                    doc[i].lower_ == "as" and i - 2 >= lo and
                    doc[i - 1].lower_ == "well" and doc[i - 2].lower_ == "as")):
                continue
            # "the payment of the nursery": "of the" inside an item
            if i >= lo + 1 and doc[i].lower_ == "of" and items and \
                    _item_word(doc[i - 1]) and i + 1 == items[-1][0] - 1 and \
                    items[-1][1] - items[-1][0] <= 2:
                s0, e0, _ = items.pop()
                end, i, has_det = e0, i - 1, False
                continue
            boundary = doc[i] if i >= lo else None
            break
        if (_item_word(t, ing=True) or _hyphen_in_word(doc, i)) and end - i <= 7:
            i -= 1
            continue
        boundary = t
        if end == i + 1 and seps and not has_det:
            # "…on Friday, the claims portal": the comma ends the list, no item before it
            seps.pop()
            boundary = doc[i + 1]
        break
    if end > i + 1:
        items.append((i + 1, end, has_det))
    if not items:
        return []
    if boundary is not None and boundary.text in {"&", "/", "-", "–", "+"}:
        return []   # "Command & Control server": the name goes on before the service
    opener = boundary is None or boundary.lower_ in _SUBJECT_OPENERS or \
        boundary.text in {",", ";", ":", '"', "“", "”", "(", ")", "—", "'", "‘", "’"}
    # a list reaching a word that is no opener belongs to another clause: "restored the
    # booking system and online payments were unavailable" keeps only "online payments"
    if boundary is not None and boundary.lower_ in _PREPOSITIONS and not (
            boundary.lower_ == "of" and boundary.i > lo and
            (doc[boundary.i - 1].like_num or doc[boundary.i - 1].lower_ in _QUANTITIES)):
        return []   # "Wi-Fi in all classrooms is down": the subject starts before
    if not opener:
        items = items[:1]
    elif "," in seps and "and" not in seps:
        items = items[:seps.index(",") + 1]
    dets = {a for a, _, det in items if det}
    out = []
    for a, b in _merge_shared(doc, [(a, b) for a, b, _ in items][::-1])[::-1]:
        if not _item_ok(doc, a, b, owned or a in dets, status, strict):
            break
        out.append((a, b))
    return out[::-1]


def _chain_after(doc: Doc, k: int, status: str, hi: int,
                 text: str = "") -> list[tuple[int, int]]:
    """The list of services starting at token ``k`` after a verb: "most deliveries",
    "its email, phone lines and online payment systems", "access to online banking"."""
    i, owned = k, False
    seps: list[str] = []
    if i + 1 < hi and doc[i].lower_ == "access" and doc[i + 1].lower_ == "to":
        i += 2
    items: list[tuple[int, int]] = []
    while i < hi:
        start, det = i, False
        q = _COUNT_OF.match(text, doc[i].idx) if i < hi else None
        if q:   # "a small number of loyalty accounts", "one of its hot wallets"
            while i < hi and doc[i].idx < q.end():
                i += 1
        # quantifiers and determiners: "most", "some of its", "all the", "Northshore's"
        while i < hi and (doc[i].lower_ in _DETERMINERS or doc[i].text.endswith(
                ("'s", "’s")) or (doc[i].lower_ == "of" and i > start and
                                  doc[i - 1].lower_ in _QUANTITIES)):
            if doc[i].lower_ in _OWNING or doc[i].text.endswith(("'s", "’s")):
                owned = True
            det = True
            i += 1
        if i + 1 < hi and doc[i].is_alpha and doc[i + 1].text in {"'s", "’s"}:
            owned, i = True, i + 2   # "the practice's patient management software"
        a = i
        while i < hi and (_item_word(doc[i], ing=True) or _hyphen_in_word(doc, i)) and \
                i - a < 7:
            i += 1
        if i == a:
            break
        nx = doc[i] if i < hi else None
        if nx is not None and nx.is_alpha and not _item_word(nx) and (
                nx.lower_.endswith("ing") and nx.lower_ not in _PREPOSITIONS):
            break   # "crippled blood testing": the phrase goes on in a word of unknown kind
        if nx is not None and nx.text in {"'", "’"} and i + 1 < hi:
            owned, i = True, i + 1   # "departments’ phone servers": the owner, then the item
            continue
        if nx is not None and nx.lower_ in _DETERMINERS and \
                doc[i - 1].lower_.endswith("ing") and i - 1 > a:
            break   # "servers hosting some of the phishing sites": a verb with its object
        items.append((a, i))
        seps.append(nx.text if nx is not None else "")
        if i < hi and (doc[i].text == "," or doc[i].lower_ in {"and", "or"}):
            nxt = i + 1
            if doc[i].text == "," and nxt < hi and doc[nxt].lower_ in {"and", "or"}:
                nxt += 1
            if nxt < hi and (doc[nxt].lower_ in _COMMON_VERBS or
                             doc[nxt].lower_ in _PREPOSITIONS):
                break
            i = nxt
            continue
        if i < hi and doc[i].lower_ == "as" and i + 2 < hi and \
                doc[i + 1].lower_ == "well" and doc[i + 2].lower_ == "as":
            i += 3
            continue
        break
    if "," in seps[:-1] and not any(x.lower() in {"and", "or", "as"} for x in seps[:-1]):
        items = items[:seps.index(",") + 1]   # a comma without "and": no list
    out = []
    for a, b in _merge_shared(doc, items):
        if not _item_ok(doc, a, b, owned, status):
            break
        out.append((a, b))
    return out


def _merge_shared(doc: Doc, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A modifier shared with the next item is one service with it: "ATM and UPI
    services", "its warehouse management and route planning systems"."""
    out: list[tuple[int, int]] = []
    for a, b in items:
        if out:
            pa, pb = out[-1]
            if b - a >= 2 and pb - pa <= 2 and doc[pb - 1].lower_ not in HEADS | _NEW_HEADS \
                    and doc[b - 1].lower_ in HEADS | _NEW_HEADS and \
                    doc[b - 1].lower_.endswith("s") and \
                    doc[pb].lower_ in {"and", "or"} and pb + 1 == a:
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


__all__ = ["add_clause_service", "clause_services"]
