"""Word lists, patterns and small helpers of the ``affected_services`` component, shared by
:mod:`pipeline.nlp.services` (the component: gazetteer matches, status cues, negation, lists,
data types) and :mod:`pipeline.nlp.services_clauses` (services named by a clause): service
heads and the words kept or stopped around them, status cues and negation, inability and
manual-fallback patterns, hypothetical, future-restore, background and generic-sentence
patterns, data-type cues, clause bounds (``clause_start``, ``clause_text``), ``attacker_owned``
and ``norm`` (the key that makes two mentions one service). Imports nothing from either."""
from __future__ import annotations

import re

from spacy.strings import hash_string
from spacy.tokens import Doc

from pipeline.nlp.speaker_patterns import ATTACKER_MODIFIERS
from pipeline.regex_prefix import fast


# head nouns of a service phrase ("the city's network system", "payment data systems")
HEADS = {
    "service", "services", "system", "systems", "network", "networks", "portal", "portals",
    "platform", "platforms", "operations", "server", "servers", "computers", "computer",
    "applications", "application", "apps", "database", "databases", "website", "websites",
    "site", "sites", "infrastructure", "functions", "drives", "terminals", "devices", "kiosks",
    "files", "email", "e-mail", "lines", "phones", "banking", "ordering", "payments",
    "booking", "bookings", "check-in", "tills", "machines", "equipment", "services", "app",
}
HEAD_IDS = {hash_string(h) for h in HEADS}   # LOWER attribute values of the heads
# words that may modify a head inside a service phrase although they are function-like
KEEP_MODIFIERS = {"back-end", "backend", "front-end", "internal", "online", "digital", "critical",
                  "customer-facing", "customer", "facing", "employee", "payment", "data", "it",
                  "computer", "phone", "email", "e-mail", "web-based", "web", "city", "shared",
                  "network", "internet", "affected"}
STOP = {
    "the", "a", "an", "its", "their", "our", "his", "her", "of", "to", "and", "or", "for", "in",
    "on", "at", "by", "with", "from", "that", "which", "who", "this", "these", "those", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "it", "they", "we", "not", "no",
    "as", "into", "than", "through", "via", "across", "all", "any", "some", "many", "several", "other", "such", "more",
    "most", "also", "but", "if", "so", "up", "out", "down", "off", "over", "after", "before",
    "while", "when", "where", "how", "what", "can", "could", "would", "will", "may", "might",
    "said", "says", "about", "both", "each", "every", "own", "new", "said", "security",
    "malicious", "vulnerable", "infected", "compromised", "affected", "attacked", "hacked",
    "unaffected", "same", "similar", "various", "multiple", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "june", "july", "august", "september", "october", "november", "december", "week",
    "weekend", "today", "yesterday", "morning", "afternoon", "evening", "night",
    # prepositions: "records were among files leaked by the gang"
    "among", "amongst", "between", "within", "including", "like", "per", "onto", "upon",
    "inside", "outside", "behind", "beyond", "during", "against", "towards", "toward", "under",
    "near", "your", "my",
}
PARTICIPLE_STATUS = {"seized": "compromised", "infected": "compromised",
                     "compromised": "compromised", "encrypted": "compromised",
                     "hacked": "compromised", "breached": "compromised",
                     "affected": "compromised", "disrupted": "disrupted",
                     "crippled": "disrupted", "downed": "disrupted", "restored": "restored"}
AFTER_HEAD_STOP = {"virus", "viruses", "worm", "malware", "security", "scam", "scams", "address",
                   "addresses", "account", "accounts", "administrator", "administrators",
                   "code", "attack", "attacks", "crime", "criminals", "experts", "professionals",
                   "staff", "team", "teams", "provider", "providers", "vendor", "vendors", "user",
                   "users", "owner", "owners", "operator", "operators", "firm", "firms",
                   "company", "companies", "science", "scientist", "scientists", "researchers",
                   "hygiene", "policy", "policies", "breach", "breaches", "intrusion",
                   # the trade of a firm named after it ("chip equipment supplier X")
                   "supplier", "suppliers", "maker", "makers", "manufacturer",
                   "manufacturers", "distributor", "distributors"}
SPECIAL_HEADS = {"email", "e-mail", "lines", "banking", "ordering", "payments", "booking",
                 "bookings", "files", "phones", "devices", "equipment", "machines"}
BARE_GENERIC = {"computers", "servers", "databases", "networks", "network", "systems",
                "website", "files", "devices", "computer", "server", "database", "system",
                "app", "apps"}
# verbs and verb-like words never start a service phrase ("infect systems", "check networks")
VERBISH = {
    "infect", "infects", "check", "checks", "seize", "seizes", "lock", "locks", "hit", "hits",
    "disable", "disables", "prevent", "prevents", "utilize", "utilise", "steal", "steals",
    "unlock", "unlocks", "include", "includes", "continue", "continues", "use", "uses", "run",
    "runs", "target", "targets", "attack", "attacks", "access", "accesses", "protect", "protects",
    "secure", "secures", "restore", "restores", "encrypt", "encrypts", "block", "blocks", "hack",
    "hacks", "scan", "scans", "shut", "take", "takes", "took", "bring", "brought", "keep",
    "keeps", "left", "leave", "leaves", "put", "puts", "set", "get", "gets", "got", "make",
    "makes", "made", "reach", "hold", "holds", "held", "lost", "lose", "without", "within",
    "across", "against", "between", "via", "like", "unlike", "including", "few", "only", "just",
    "even", "still", "there", "here", "where", "whose", "whether", "because", "since",
    # verbs that take a service as their object ("designed to release computers", "forced to
    # abandon electronic services", "renders files … inaccessible")
    "release", "releases", "abandon", "abandons", "render", "renders",
    "wipe", "wipes", "rebuild", "rebuilds", "reboot", "reboots", "replace", "replaces",
    "cripple", "cripples", "disrupt", "disrupts", "affect", "affects", "damage", "damages",
    "destroy", "destroys", "corrupt", "corrupts", "exploit", "exploits", "isolate", "isolates",
    "compromise", "compromises", "penetrate", "penetrates", "breach", "breaches", "scan",
    "recover", "recovers", "reimage", "shutting",
    # verbs of a firm's trade or a fraud, not of an outage ("they provide services people
    # can't do without", "hijacked accounts to redirect payments")
    "provide", "provides", "provided", "offer", "offers", "offered", "deliver", "delivers",
    "redirect", "redirects", "redirected", "divert", "diverts", "diverted",
}
ING_OK = {"banking", "ordering", "booking", "facing", "processing", "billing", "shipping",
          "trading", "manufacturing", "messaging", "streaming", "accounting", "parking",
          "ticketing", "scheduling", "computing", "networking", "operating", "hosting",
          "sharing", "building", "learning", "training", "marketing", "planning", "printing",
          "monitoring", "recording", "routing", "imaging", "pricing", "rating", "polling",
          "tracking", "reporting", "logging", "dispatching", "invoicing", "boarding", "lending",
          "handling", "filing", "voting", "ordering", "queueing", "paging", "testing"}
ED_OK = {"shared", "managed", "automated", "integrated", "connected", "hosted", "based",
         "distributed", "embedded", "networked", "centralised", "centralized", "web-based",
         "cloud-based", "internet-connected", "customer-facing", "affected"}
# "encrypted messaging app", "encrypted email service": encryption as a feature
SECURE_KINDS = {"messaging", "chat", "communication", "communications", "messages", "message",
                "connection", "connections", "channel", "channels", "traffic", "email",
                "e-mail", "phone", "phones", "storage", "backup", "backups", "messenger", "vpn"}
# first words that make a state, not a service ("restoring normal operations")
GENERIC_STATE = {"normal", "day-to-day", "day", "daily", "everyday", "usual", "regular", "routine"}
# things people submit: "job applications" are documents, not software
SUBMITTED = {"job", "loan", "visa", "mortgage", "grant", "college", "university", "benefit",
             "benefits", "passport", "planning", "patent", "insurance", "credit", "membership",
             "scholarship", "asylum"}
# words before a status participle that make it a verb ("the virus even downed systems",
# "… had reconnected and restored online ordering"), not a modifier ("its seized computers")
VERB_BEFORE = {"and", "or", "even", "also", "then", "had", "has", "have", "was", "were", "is",
               "are", "been", "be", "it", "they", "which", "that", "who", "virus", "worm",
               "malware", "ransomware", "attack", "attacks", "attackers", "hackers", "hacker",
               "criminals", "intruders", "intruder", "gang", "group", "company", "firm"}
# subjects of a seizure or an infection told as a verb ("Officers seized servers")
AGENTS = {"officers", "police", "investigators", "agents", "authorities", "detectives",
          "prosecutors", "officials", "fbi", "europol", "interpol", "agency", "court"}
# modifiers kept although they are in STOP ("multiple digital services", "other digital …")
QUANT_OK = {"multiple", "various", "other", "affected"}

CUES = {
    "disrupted": [
        r"disrupt\w*", r"offline", r"off-line", r"down", r"outages?", r"suspend\w*", r"crippl\w*",
        r"shut\w*", r"disabl\w*", r"unavailable", r"inaccessible", r"knock\w* out",
        r"halt\w*", r"froze|frozen|freez\w*", r"paraly[sz]\w*", r"standstill", r"interrupt\w*",
        r"locked", r"unable", r"could not", r"couldn't", r"cannot", r"can't",
        r"pen and paper", r"manual\w*", r"took \w+ down", r"service issues", r"disruptions?",
        r"affects", r"affecting",
        r"(?:were|was|are|is|been|be)\s+(?:also\s+|badly\s+|severely\s+)?affected",
        r"cash[- ]only",
        r"brought down", r"went dark", r"stopped", r"closed", r"downed",
        r"switch\w* off", r"turn\w* off", r"disconnect\w*", r"without", r"lost",
    ],
    "restored": [
        r"restor\w*", r"reinstat\w*", r"back online", r"back up", r"resum(?:ed|ing|ption)",
        r"recover\w*", r"(?:available|working|online|operational|running|safe to use) again",
        r"regain\w*", r"return of", r"returned to", r"reopen\w*", r"up and running",
        r"brought back", r"back to normal",
    ],
    "compromised": [
        r"compromis\w*", r"accessed", r"breach\w*", r"infect\w*", r"hack(?!ers?\b)\w*", r"hijack\w*",
        r"exposed", r"seiz\w*", r"encrypt\w*", r"attacked", r"leak\w*", r"unauthori[sz]ed access",
        r"booby-trapped", r"unprotected", r"insecure", r"misconfigur\w*", r"intrusion",
        r"penetrat\w*", r"infiltrat\w*", r"taken over", r"exploited", r"tampered", r"targeted", r"malware",
        r"ransomware", r"scrap\w*", r"stolen", r"steal\w*", r"stole", r"skimm(?:er|ers|ing)",
        r"injected", r"planted",
    ],
}
NEGATION = re.compile(
    r"\b(not|never|no longer|unaffected|remains? (?:accessible|online|operational|available|"
    r"unaffected|up)|still (?:online|operational|available|working)|were not|wasn['’]t|"
    r"weren['’]t|isn['’]t|aren['’]t|was not|has not|have not|hasn['’]t|haven['’]t|didn['’]t|"
    r"did not|doesn['’]t|does not|don['’]t)\b", re.I)

# the tasks of an inability phrase ("could not check email", "unable to pay bills")
_TASK_VERBS = (r"access|check|use|send|receive|process|pay|book|log into|make|take|place|view|"
               r"print|submit|download")
# the object of an inability phrase: one or two words, neither a determiner, a conjunction or a
# preposition ("could not use click-and-collect or gift cards": two services, not "use
# click-and-collect or"); a possessive after it is the owner, not the service ("could not log
# into the trust's patient portal")
_NOT_OBJECT = (r"(?!(?:the|a|an|and|or|but|nor|to|for|in|on|at|from|with|by|of|since|after|"
               r"until|while|because|as|their|its|our|your)\b)")
_OBJECT_WORDS = _NOT_OBJECT + r"[a-z\-]+(?:\s+" + _NOT_OBJECT + r"[a-z\-]+)?"
# "… or gift cards" after an inability phrase: a second object of the same verb (not data:
# "could not view X-rays or test results" lists records, not a second service)
DATA_OBJECTS = {"data", "files", "information", "documents", "records", "results", "x-rays",
                "scans", "details", "notes"}
INABILITY_MORE = re.compile(r",?\s+(?:or|and)\s+(?:(?:their|its|the)\s+)?((?:" + _TASK_VERBS
                            + r")\s+(?:their\s+|its\s+|the\s+)?" + _OBJECT_WORDS + "|"
                            + _OBJECT_WORDS + r")(?![\w'’\-])", re.I)
# a task verb starting a second object after "and"/"or" ("… and pay bills"); without one the
# words must be a service (ServiceComponent._bare_object): a clause ends there, or a new one
# starts with a verb ("and police are investigating", "and officials said")
TASK_START = re.compile(r"(?:(?:their|its|the)\s+)?(?:" + _TASK_VERBS + r")\s", re.I)
CLAUSE_END = re.compile(r"\s*(?:[.;:!?)\]]|,|$|\s+(?:for|since|after|until|on|at|in|during|"
                        r"because|as|while|when|from|online|either)\b)", re.I)
CLAUSE_VERBS = {"said", "says", "say", "are", "is", "was", "were", "has", "have", "had", "will",
                "would", "can", "could", "told", "added", "warned", "confirmed", "reported",
                "began", "started", "stayed", "went", "got", "did", "do", "does", "must",
                "should", "may", "might", "turned", "used", "took", "made"}
# "staff could not check email", "forcing scientists to monitor radiation levels manually"
INABILITY = re.compile(
    r"\b(?:could not|couldn't|unable to|can't|cannot|prevent(?:ed|ing)? \w+ from)\s+"
    r"((?:" + _TASK_VERBS + r")"
    r"\s+(?:their\s+|its\s+|the\s+)?" + _OBJECT_WORDS + r")(?![\w'’\-])"
    r"|\bforc\w+ \w+ to ((?:monitor|process|record|handle|take)\s+[a-z\-]+\s+[a-z\-]+)"
    r"\s+(?:manually|by hand|on paper)", re.I)
_LIST_PAT = (
    r"(features|services|functions|applications|systems|operations|servers|platforms)\b"
    r"[^;:.]{0,40}?(?:;|:|,?[”\"]?,?\s+such as|,\s+including)\s+")
# an inability phrase right before a service span taken from INABILITY, and its verb with an
# object that is no data ("could not access the data" is lost data, not a service)
UNABLE_BEFORE = re.compile(r"\b(?:could not|couldn't|unable to|can't|cannot)\s+$", re.I)
INABILITY_VERB = re.compile(r"(?:" + _TASK_VERBS + r")\s+(?!(?:(?:their|its|the)\s+)?"
                            r"(?:data|files|information|documents|records)\b)", re.I)
# an inability phrase and its verb right before the service: "could not use internet banking",
# "unable to log into online banking or the mobile app" (the "not" is the outage)
UNABLE_TASK_BEFORE = re.compile(
    r"\b(?:could not|couldn't|unable to|can't|cannot)\s+(?:"
    + _TASK_VERBS.replace("log into", r"log\s*(?:in)?\s*(?:to|into)") + r"|reach|redeem)"
    r"\s+(?:(?:their|its|the|any)\s+)?"
    r"(?:[\w\-]+(?:\s+[\w\-]+)?,?\s+(?:or|and)\s+(?:(?:their|its|the)\s+)?)?$", re.I)
# an "if" clause just before an inability phrase makes it hypothetical ("what they would do if
# they couldn't take payments for a week"); a modifier shared with the next service ("access
# online and mobile banking")
IF_BEFORE = re.compile(r"\b(?:if|unless|whether)\b[^.;:!?]{0,60}$", re.I)
SHARED_MODIFIER_AFTER = re.compile(r"\s+(?:and|or)\s+[a-z\-]+\s+([a-z\-]+)", re.I)
# "no" right before the service denies it: "no critical infrastructure had been affected"
NO_BEFORE = re.compile(r"\b(?:no\s+|none\s+of\s+(?:(?:the|its|their|our)\s+)?"
                       r"(?:[\w\-]+(?:['’]s?|s['’])\s+)?)$", re.I)
# … and the predicate after it that the "no" denies: "no X was affected", "none of its Y were hit"
AFFECTED_AFTER = re.compile(
    r"\s+(?:[\w\-]+\s+){0,2}?(?:was|were|is|are|has|have|had|appears?\s+to\s+have)\s+"
    r"(?:been\s+)?(?:\w+ly\s+)?(?:affected|compromised|impacted|hit|disrupted|breached|"
    r"accessed|encrypted|targeted|touched|involved|harmed|damaged|taken\s+offline)\b", re.I)
LIST_TRIGGER = re.compile(r"\b" + _LIST_PAT, re.I)
# the same without the leading word boundary: every sentence's match is one in the whole text
_LIST_ANYWHERE = re.compile(_LIST_PAT, re.I)
MANUAL_LIST = re.compile(
    r"\s*(.+?)\s+(?:will|must|have to|had to|are|were|is|was)\s+(?:now\s+)?(?:utilize|utilise|use|"
    r"be handled|be processed|be done|rely on|revert to|go back to|handled|processed|done)\s+"
    r"(?:\w+\s+)?(?:manual\w*|by hand|on paper|with pen and paper)", re.I)
# every MANUAL_LIST match holds one of these (a cheap test before the lazy scan)
_MANUAL_WORDS = re.compile(r"manual|by hand|on paper|pen and paper", re.I)
# a restoration that has not happened yet: "until … are restored", "working to restore"
FUTURE_RESTORE = re.compile(
    r"\b(?:until|till|expect\w*|work\w* to|hop\w* to|plan\w* to|effort\w* to|tr(?:y|ying|ied) to|"
    r"aim\w* to|attempt\w* to|will be|to be|(?:to|will) bring)\b[^.;]{0,60}$", re.I)
# "a vulnerability affecting …": a product exposed by a flaw, not a service disrupted
FLAW_BEFORE = re.compile(r"\b(?:vulnerabilit\w*|flaws?|bugs?|weakness\w*|CVE-[\d\-]+)\b[^.;]{0,30}$",
                         re.I)
# a sentence about companies or attackers in general, not about this incident
GENERIC_SENT = re.compile(
    r"\W*(?:(?:instead|typically|often|usually|generally|increasingly|today|nowadays),?\s+)?"
    r"(?:companies|organi[sz]ations|businesses|firms|hospitals|retailers|banks|users|victims|"
    r"attackers|hackers|criminals|cybercriminals|gangs|ransomware gangs)\s+(?:are|often|"
    r"increasingly|typically|usually|generally|tend|find|use|have|will|may|must|should|need|"
    r"can)\b", re.I)
# the alternative people used while a service was down
FALLBACK_BEFORE = re.compile(
    r"\b(?:(?:revert\w*|resort\w*|switch\w*|f[ae]ll\w* back|went back|gone back|go(?:ing)? back|"
    r"turn\w*)\s+(?:to|on)|(?:work\w*|operat\w*|manag\w*|cop\w*|run\w*|ran)\s+(?:from|with|on|using))"
    r"\s+(?:[\w\-]+\s+){0,4}$", re.I)
# a later clause saying the services named before are back
RESTORED_BACKREF = re.compile(
    r"\b(?:both|all|they|it|each)\s+(?:are|is|were|was|have been|has been)\s+(?:now\s+)?"
    r"(?:available|online|operational|working|running|back|restored)\b", re.I)
# a sentence about another (earlier) incident
_BACKGROUND_PAT = (
    r"\W*(?:in (?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:19|20)\d\d)|(?:late |early )?last (?:week|month|year)|earlier this "
    r"(?:week|month|year)|elsewhere|previously|back in \w+|in a (?:similar|separate|related) "
    r"(?:incident|attack|case))\b")
BACKGROUND_START = re.compile(_BACKGROUND_PAT, re.I)
# the same marker at any sentence start of the text: a cheap test before walking sentences
BACKGROUND_ANY = re.compile(r"(?:^|[.!?\n][\"”’']?\s*)" + _BACKGROUND_PAT, re.I)
HYPOTHETICAL = re.compile(r"\b(can|could|would|should|might|if)\b", re.I)
DATA_CUES = re.compile(
    r"\b(stole|stolen|steal\w*|expos\w*|accessed|accessing|access to|compromis\w*|leak\w*|breach\w*|"
    r"obtain\w*|includ\w*|taken|snared|pilfer\w*|copied|copies|exfiltrat\w*|dump\w*|posted|"
    r"publish\w*|sold|lost|released|release of|disclos\w*|at risk|affected|involv\w*|"
    r"harvest\w*|scraped|grab\w*|handed|sent|collect\w*|viewed|downloaded|theft|contain\w*|"
    r"left|unprotected|insecure|revealed|hacked|encrypted|captur\w*|skimmed|intercept\w*|"
    r"siphon\w*|gave|giving)\b", re.I)
# data that is only aimed at, advised about or still undetermined: "designed to steal",
# "the goal of the campaign is … exfiltration of financial information", "best practices
# include updating account credentials", "must ensure that customer data is encrypted", "the
# investigation will determine whether personal information … has been compromised"
DATA_HYPOTHETICAL = re.compile(
    r"\b(can|could|would|should|might|must(?! have)|aims? to|designed to|in order to|to steal|"
    r"to obtain|to harvest|to collect|protect|safeguard|keep \w+ secure|be used to|if|"
    r"threat(?:en\w*)? to|attempt\w* to|tr(?:y|ies|ying) to|set up to|"
    r"(?:lur|trick|dup|fool|entic|convinc|persuad|scam)\w*\s+(?:[\w’']+\s+){1,3}?into|"
    r"ensure|best practices?|(?:goal|aim|purpose|objective|intent)s? (?:of|is|was|were)\b|"
    # advice: "customers need to be extra cautious when accessing … personal information"
    r"(?:be|remain|stay)\s+(?:\w+\s+)?(?:cautious|careful|vigilant|wary|alert))\b",
    re.I)
# the purposes among them: they say nothing of data named before them
PURPOSE = re.compile(r"in order to|aims? to|designed to|set up to|be used to|to (?:steal|obtain|"
                     r"harvest|collect)|(?:threat(?:en\w*)?|attempt\w*|tr(?:y|ies|ying)) to",
                     re.I)
# the advice among them: only advice before the data is about it ("need to be cautious when
# accessing … personal information"), not "stole passwords …, which urged users to stay vigilant"
ADVICE = re.compile(r"(?:be|remain|stay)\s+(?:\w+\s+)?(?:cautious|careful|vigilant|wary|alert)",
                    re.I)
# a verb of care right before the data: "regularly updating account credentials", "change
# your passwords", "monitor and protect personal information" (advice, not a loss)
DATA_CARE_BEFORE = re.compile(
    r"\b(?:updat\w*|chang\w*|reset\w*|rotat\w*|monitor\w*|protect\w*|guard\w*|secur(?:e|es|ing)|"
    r"review\w*|check\w*|verify\w*|strengthen\w*)\s+(?:(?:their|your|his|her|its|our|the|all|"
    r"any|and|regularly|\w+ly)\s+){0,3}$", re.I)
# catch-all words after a list: "…, HTTP POST bodies, and other sensitive data"
DATA_UMBRELLA = {"data", "information", "info", "details", "sensitive", "confidential",
                 "personal", "private", "customer", "user", "records"}
SINGLE_GENERIC = {"name", "address", "names", "addresses", "emails", "documents", "credentials",
                  "passwords", "photos", "cookies"}


# words that open a count, written in title case at the start of a sentence ("Some 300
# computers", "About 40 servers"): no product name before a version number
_COUNT_OPENERS = {"some", "about", "around", "nearly", "over", "almost", "roughly", "more",
                  "up", "at", "approximately", "only", "just", "all", "another", "under",
                  "fewer", "less", "than", "by", "of", "the", "these", "those", "its", "their",
                  "our", "and", "but", "while", "an", "a", "as", "exactly", "estimated",
                  "least", "most", "perhaps", "close", "well"}


def count_word_before(tok) -> bool:
    """``tok`` (title case, before a number) opens a count, not a product version ("Windows 10
    systems"): a quantifier or function word, or any non-name word opening a sentence."""
    if tok.lower_ in _COUNT_OPENERS:
        return True
    if tok.is_sent_start and (tok.is_stop or tok.pos_ not in {"PROPN", ""}):
        return True
    return False


def in_enumeration(doc: Doc, s: int, e: int) -> bool:
    """A generic data word counts only inside a list of data types ("names, addresses and
    dates of birth")."""
    left = doc[max(0, s - 1)].text if s > 0 else ""
    right = doc[e].text if e < len(doc) else ""
    return left in {",", "and", "or"} or right in {",", "and", "or"}


# "Both channels were fully restored", "All of them are back online"
BACKREF_ALL = re.compile(
    r"\W*(?:both|all)\s+(?:of\s+them|(?:the\s+|these\s+|those\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:channels|services|systems|platforms|sites|websites|apps|applications|portals|tools))\s+"
    r"(?:are|is|were|was|have been|has been)\s+(?:now\s+)?(?:fully\s+)?(?:restored|back online|"
    r"back up|available again|online again|working again|operational again|up and running)\b",
    re.I)
# "the app", "the portal": a bare head that refers back to a service listed before
BARE_REFERENCE = re.compile(r"\b[Tt]he\s+(app|portal|website|site|platform|system|network|"
                            r"service|database|server)\b")
# where one clause of a sentence ends: a causal or contrasting link, a semicolon, a dash
# ("such as" and "as well as" link list items, not clauses)
CLAUSE_LINK = re.compile(r";|\s[-–—]\s|(?<!such)(?<!as well),?\s+(?:because|but|"
                         r"as(?!\s+well\b)|since|after|although|though|while|whereas)\s")


def clause_start(sentence: str, s: int, links: re.Pattern = CLAUSE_LINK) -> int:
    start = 0
    for m in links.finditer(sentence, 0, s):
        start = m.end()
    return start


def clause_text(sentence: str, s: int, e: int, links: re.Pattern = CLAUSE_LINK) -> str:
    """The clause of ``sentence`` that holds [s, e): from the last link before it to the
    first link after it."""
    start = clause_start(sentence, s, links)
    after = links.search(sentence, e)
    return sentence[start:after.start() if after else len(sentence)]


# a data denial reaches to the clause's end: also "…, so the hackers …" and an ellipsis
DATA_CLAUSE_LINK = re.compile(CLAUSE_LINK.pattern + r"|,?\s+so\s|…|\.\.\.")
# a question still open about the data: "will determine whether personal information … has
# been compromised" (no loss reported between the question word and the data)
OPEN_QUESTION = re.compile(r"\bwhether\b", re.I)


DATA_NEG = re.compile(r"\b(no|not|never|nor|neither|wasn['’]t|weren['’]t|isn['’]t|aren['’]t|"
                      r"didn['’]t|hasn['’]t|haven['’]t|does not|did not|no evidence|"
                      r"without (?:disclosing|revealing|naming|giving|identifying))\b", re.I)


# patterns scanned over whole texts or sentences begin with literal words: they run only where
# those words occur (pipeline.regex_prefix.fast: the same matches as ``finditer`` / ``search``
# without a position, found without trying the pattern at every character)
SCAN_INABILITY, SCAN_LIST_ANYWHERE, SCAN_MANUAL_WORDS, SCAN_DATA_CUES = map(
    fast, (INABILITY, _LIST_ANYWHERE, _MANUAL_WORDS, DATA_CUES))


# owners whose things are no victim's service ("the gang's leak site was taken down",
# "the hackers' servers", "the FBI's"), and a group that an attacker word makes one
_ATTACKER_OWNERS = frozenset({
    "gang", "gangs", "hacker", "hackers", "attacker", "attackers", "criminal", "criminals",
    "cybercriminal", "cybercriminals", "crook", "crooks", "fraudster", "fraudsters",
    "scammer", "scammers", "extortionist", "extortionists", "thief", "thieves", "intruder",
    "intruders", "police", "investigators", "detectives", "fbi", "europol", "interpol"})


def attacker_owned(doc: Doc, a: int) -> bool:
    """Whether the item at token ``a`` is owned by the attackers or the police:
    "the gang's leak site", "the hackers' servers", "the ransomware group's blog"."""
    j = a - 1
    if j < 1 or doc[j].text not in {"'s", "’s", "'", "’"}:
        return False
    owner = doc[j - 1].lower_
    if owner in _ATTACKER_OWNERS:
        return True
    return owner in {"group", "groups", "crew", "outfit", "network", "actor", "actors",
                     "operator", "operators", "affiliate", "affiliates"} and j >= 2 and \
        doc[j - 2].lower_ in ATTACKER_MODIFIERS


# what attackers usually do, not what happened: a frequency adverb in the item's clause
# ("the email server is usually compromised"), or attackers in general, in the present
# tense, telling the steps of a scheme ("The phishers start by compromising a Gmail account",
# "Criminals then use the stolen logins to take over …"); a headline's present tense
# ("Hackers take down the council's website") is no habit and stays
HABITUAL = re.compile(r"\b(?:usually|typically|often|generally|commonly|normally|"
                      r"frequently|routinely|tend to|tends to)\b", re.I)
GENERIC_ATTACKERS = re.compile(
    r"\W*(?:the\s+|some\s+|many\s+|most\s+)?(?:[a-z][\w\-]*\s+)?(?:phishers|attackers|"
    r"hackers|criminals|cybercriminals|cyber-criminals|crooks|scammers|fraudsters|"
    r"threat actors|extortionists|intruders|gangs|spammers)\s+(?:(?:then|first|next)\s+"
    r"(?!(?:was|were|had|has|have|did)\b)[a-z]+(?<!ed)|start|begin|tend)\b", re.I)


def norm(s: str) -> str:
    toks = [t.lower() for t in re.findall(r"\w+", s)]
    toks = [t[:-1] if len(t) > 3 and t.endswith("s") else t for t in toks]
    return " ".join(t for t in toks if t not in {"the", "its", "their", "our", "of"})


__all__ = ["ADVICE", "AFFECTED_AFTER", "AFTER_HEAD_STOP", "AGENTS", "BACKGROUND_ANY",
           "BACKGROUND_START", "BACKREF_ALL", "BARE_GENERIC", "BARE_REFERENCE", "CLAUSE_END",
           "CLAUSE_LINK", "CLAUSE_VERBS", "CUES", "DATA_CARE_BEFORE", "DATA_CLAUSE_LINK",
           "DATA_CUES", "DATA_HYPOTHETICAL", "DATA_NEG", "DATA_OBJECTS", "DATA_UMBRELLA", "ED_OK",
           "FALLBACK_BEFORE", "FLAW_BEFORE", "FUTURE_RESTORE", "GENERIC_ATTACKERS", "GENERIC_SENT",
           "GENERIC_STATE", "HABITUAL", "HEADS", "HEAD_IDS", "HYPOTHETICAL", "IF_BEFORE",
           "INABILITY", "INABILITY_MORE", "INABILITY_VERB", "ING_OK", "KEEP_MODIFIERS",
           "LIST_TRIGGER", "MANUAL_LIST", "NEGATION", "NO_BEFORE", "OPEN_QUESTION",
           "PARTICIPLE_STATUS", "PURPOSE", "QUANT_OK", "RESTORED_BACKREF", "SCAN_DATA_CUES",
           "SCAN_INABILITY", "SCAN_LIST_ANYWHERE", "SCAN_MANUAL_WORDS", "SECURE_KINDS",
           "SHARED_MODIFIER_AFTER", "SINGLE_GENERIC", "SPECIAL_HEADS", "STOP", "SUBMITTED",
           "TASK_START", "UNABLE_BEFORE", "UNABLE_TASK_BEFORE", "VERBISH", "VERB_BEFORE",
           "attacker_owned", "clause_start", "clause_text", "count_word_before", "in_enumeration",
           "norm"]
