"""Affected services and compromised data types: the ``affected_services`` component.

``doc._.services`` lists the services, systems or operations of the victim that the article
says were disrupted, compromised, taken offline or restored, one entry per distinct service,
with the **latest** state the article reports (disrupted then restored → ``restored``):

* candidates come from a gazetteer (``data/gazetteers/services.jsonl``: "click-and-collect",
  "online banking", "patient portal", "phone lines", …) matched case-insensitively with a
  ``PhraseMatcher``, and from token patterns "MODIFIER* HEAD" where HEAD is a service noun
  (service(s), system(s), network, portal, platform, operations, servers, computers,
  applications, database, …) and the modifiers are the content words right before it;
  (verbs, participles, dates and organisation names end the modifiers; a bare generic head
  counts only when owned: "its computers"); items listed after a service word ("disabled
  three features on its platform; A, B and C", "applications such as …"), items listed
  before "will use manual processes", and inability phrases ("staff could not check email");
* the status comes from cue words in the same sentence, nearest first within ``window``
  characters (disrupted / offline / down / suspended / crippled → ``disrupted``; restored /
  reinstated / back online / resumed → ``restored``; compromised / accessed / breached /
  infected / encrypted → ``compromised``); a participle before the head ("seized computers")
  gives the status itself, unless it is the clause's verb ("the virus even downed systems",
  "… had reconnected and restored online ordering": the service is "online ordering", its
  status restored); a candidate without any cue is not listed, nor one the article says was
  *not* affected ("remains accessible", "unaffected", "not compromised") or one in a
  hypothetical sentence ("could", "if");
* a cue does not count when it says nothing about the service: a restoration still to come
  ("until the systems are restored", "expects to restore"), a flaw "affecting" a product, a
  cue before a dash clause boundary; a later "both are available again" restores the
  services named before it;
* left out as no service of the victim: the fallback people used ("reverted to cash and card
  machines"), "other websites", states ("normal operations", "day-to-day operations"),
  documents ("job applications"), encryption as a feature ("encrypted messaging app"),
  sentences about companies in general ("Companies are increasingly …") and sentences about
  an earlier or another incident (opening with "In March", "Last month", "Elsewhere", naming no
  victim of the article but another organisation or an indefinite one);
* one entry per service: a mention whose words are a subset or superset of an earlier one's
  ("card payments" / "integrated card payments", "our systems" / "its computer systems")
  updates that entry's state.

``doc._.compromised_data`` lists exact substrings naming the data types stolen, exposed or
accessed (names, email addresses, Social Security numbers, card numbers, W-2 forms, …) from a
second gazetteer (``data/gazetteers/services_data.jsonl``), extended by owner modifiers
("customer names"), within ``data_window`` characters of a data-loss cue, and not in negated
("no customer information was obtained", "without disclosing the names of the banks"; a denial
counts in the data's own clause) or intent, lure, threat, advice and open-question sentences
("designed to steal", "the goal of the campaign is …", "trick people into giving private
information such as bank details", "threatening to release patient records", "best practices
include updating account credentials", "must ensure that customer data is encrypted", "will
determine whether … has been compromised" — unless a loss is reported between the question and
the data); generic words ("names",
"address") count only inside a list or with an owner ("the names of 114 car dealerships").
Lists carry on: an item the gazetteer does not know between two it knows ("HTTP cookies,
authentication tokens, HTTP POST bodies, and …"), or opening or closing a list of two known ones
("exposed session tokens, API keys and passwords", "names, passwords and loyalty points were
taken"), is a data type (one to four words, no adverb or participle), a catch-all ("and other
sensitive data") and lure messages ("phishing emails") are not, and a list goes on past a long
item ("…, as well as the last four digits of their card number"). One entry per data type:
mentions that differ only in a head word ("W-2 tax data" / "W-2 forms") are one.

When the attack-type classifier ran before this component and found a vulnerability advisory
(``doc._.incident_kind == "vulnerability"``), nothing was stolen from a victim: compromised
services and data types are dropped, services taken offline are kept.

Articles in another language with a lexicon ``data/gazetteers/services_<lang>.jsonl`` (de, fr,
it, es, nl; ``doc._.language``) use its terms ("Kundenportal", "application mobile de
billetterie", "portale riservato ai soci"), head patterns, status cues ("nicht mehr
erreichbar", "inaccessibles", "sospesi", "rétabli"), negations ("nicht betroffen", "a continué
de fonctionner") and hypothetical words instead of the English rules; negations count in the
candidate's own clause, a cue between two services goes to the nearer one, and a later mention
whose words are a subset of an earlier one's updates that service's state.

All gazetteers are component data: ``to_disk``/``from_disk`` save and load them with the
pipeline, ``initialize(gazetteer_dir=…)`` reloads them from another directory.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path

import numpy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.quote_rules import ROLE_HEADS, doc_text
from pipeline.nlp.speaker_patterns import ATTACKER_MODIFIERS, STAFF_TYPE_WORDS
from pipeline.records import Service
from pipeline.regex_prefix import fast

GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteers"
SERVICES_FILE = "services.jsonl"
DATA_FILE = "services_data.jsonl"
LANG_GLOB = "services_??.jsonl"    # services_de.jsonl, services_fr.jsonl, …

# head nouns of a service phrase ("the city's network system", "payment data systems")
HEADS = {
    "service", "services", "system", "systems", "network", "networks", "portal", "portals",
    "platform", "platforms", "operations", "server", "servers", "computers", "computer",
    "applications", "application", "apps", "database", "databases", "website", "websites",
    "site", "sites", "infrastructure", "functions", "drives", "terminals", "devices", "kiosks",
    "files", "email", "e-mail", "lines", "phones", "banking", "ordering", "payments",
    "booking", "bookings", "check-in", "tills", "machines", "equipment", "services", "app",
}
_HEAD_IDS = {hash_string(h) for h in HEADS}   # LOWER attribute values of the heads
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
_AGENTS = {"officers", "police", "investigators", "agents", "authorities", "detectives",
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
_DATA_OBJECTS = {"data", "files", "information", "documents", "records", "results", "x-rays",
                 "scans", "details", "notes"}
_INABILITY_MORE = re.compile(r",?\s+(?:or|and)\s+(?:(?:their|its|the)\s+)?((?:" + _TASK_VERBS
                             + r")\s+(?:their\s+|its\s+|the\s+)?" + _OBJECT_WORDS + "|"
                             + _OBJECT_WORDS + r")(?![\w'’\-])", re.I)
# a task verb starting a second object after "and"/"or" ("… and pay bills"); without one the
# words must be a service (ServiceComponent._bare_object): a clause ends there, or a new one
# starts with a verb ("and police are investigating", "and officials said")
_TASK_START = re.compile(r"(?:(?:their|its|the)\s+)?(?:" + _TASK_VERBS + r")\s", re.I)
_CLAUSE_END = re.compile(r"\s*(?:[.;:!?)\]]|,|$|\s+(?:for|since|after|until|on|at|in|during|"
                         r"because|as|while|when|from|online|either)\b)", re.I)
_CLAUSE_VERBS = {"said", "says", "say", "are", "is", "was", "were", "has", "have", "had", "will",
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
_UNABLE_BEFORE = re.compile(r"\b(?:could not|couldn't|unable to|can't|cannot)\s+$", re.I)
_INABILITY_VERB = re.compile(r"(?:" + _TASK_VERBS + r")\s+(?!(?:(?:their|its|the)\s+)?"
                             r"(?:data|files|information|documents|records)\b)", re.I)
# an inability phrase and its verb right before the service: "could not use internet banking",
# "unable to log into online banking or the mobile app" (the "not" is the outage)
_UNABLE_TASK_BEFORE = re.compile(
    r"\b(?:could not|couldn't|unable to|can't|cannot)\s+(?:"
    + _TASK_VERBS.replace("log into", r"log\s*(?:in)?\s*(?:to|into)") + r"|reach|redeem)"
    r"\s+(?:(?:their|its|the|any)\s+)?"
    r"(?:[\w\-]+(?:\s+[\w\-]+)?,?\s+(?:or|and)\s+(?:(?:their|its|the)\s+)?)?$", re.I)
# an "if" clause just before an inability phrase makes it hypothetical ("what they would do if
# they couldn't take payments for a week"); a modifier shared with the next service ("access
# online and mobile banking")
_IF_BEFORE = re.compile(r"\b(?:if|unless|whether)\b[^.;:!?]{0,60}$", re.I)
_SHARED_MODIFIER_AFTER = re.compile(r"\s+(?:and|or)\s+[a-z\-]+\s+([a-z\-]+)", re.I)
# "no" right before the service denies it: "no critical infrastructure had been affected"
_NO_BEFORE = re.compile(r"\b(?:no\s+|none\s+of\s+(?:(?:the|its|their|our)\s+)?"
                        r"(?:[\w\-]+(?:['’]s?|s['’])\s+)?)$", re.I)
# … and the predicate after it that the "no" denies: "no X was affected", "none of its Y were hit"
_AFFECTED_AFTER = re.compile(
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
_PURPOSE = re.compile(r"in order to|aims? to|designed to|set up to|be used to|to (?:steal|obtain|"
                      r"harvest|collect)|(?:threat(?:en\w*)?|attempt\w*|tr(?:y|ies|ying)) to",
                      re.I)
# the advice among them: only advice before the data is about it ("need to be cautious when
# accessing … personal information"), not "stole passwords …, which urged users to stay vigilant"
_ADVICE = re.compile(r"(?:be|remain|stay)\s+(?:\w+\s+)?(?:cautious|careful|vigilant|wary|alert)",
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


def _count_word_before(tok) -> bool:
    """``tok`` (title case, before a number) opens a count, not a product version ("Windows 10
    systems"): a quantifier or function word, or any non-name word opening a sentence."""
    if tok.lower_ in _COUNT_OPENERS:
        return True
    if tok.is_sent_start and (tok.is_stop or tok.pos_ not in {"PROPN", ""}):
        return True
    return False


def _in_enumeration(doc: Doc, s: int, e: int) -> bool:
    """A generic data word counts only inside a list of data types ("names, addresses and
    dates of birth")."""
    left = doc[max(0, s - 1)].text if s > 0 else ""
    right = doc[e].text if e < len(doc) else ""
    return left in {",", "and", "or"} or right in {",", "and", "or"}


# "Both channels were fully restored", "All of them are back online"
_BACKREF_ALL = re.compile(
    r"\W*(?:both|all)\s+(?:of\s+them|(?:the\s+|these\s+|those\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:channels|services|systems|platforms|sites|websites|apps|applications|portals|tools))\s+"
    r"(?:are|is|were|was|have been|has been)\s+(?:now\s+)?(?:fully\s+)?(?:restored|back online|"
    r"back up|available again|online again|working again|operational again|up and running)\b",
    re.I)
# "the app", "the portal": a bare head that refers back to a service listed before
_BARE_REFERENCE = re.compile(r"\b[Tt]he\s+(app|portal|website|site|platform|system|network|"
                             r"service|database|server)\b")
# where one clause of a sentence ends: a causal or contrasting link, a semicolon, a dash
# ("such as" and "as well as" link list items, not clauses)
_CLAUSE_LINK = re.compile(r";|\s[-–—]\s|(?<!such)(?<!as well),?\s+(?:because|but|"
                          r"as(?!\s+well\b)|since|after|although|though|while|whereas)\s")


def _clause_start(sentence: str, s: int, links: re.Pattern = _CLAUSE_LINK) -> int:
    start = 0
    for m in links.finditer(sentence, 0, s):
        start = m.end()
    return start


def _clause(sentence: str, s: int, e: int, links: re.Pattern = _CLAUSE_LINK) -> str:
    """The clause of ``sentence`` that holds [s, e): from the last link before it to the
    first link after it."""
    start = _clause_start(sentence, s, links)
    after = links.search(sentence, e)
    return sentence[start:after.start() if after else len(sentence)]


# a data denial reaches to the clause's end: also "…, so the hackers …" and an ellipsis
_DATA_CLAUSE_LINK = re.compile(_CLAUSE_LINK.pattern + r"|,?\s+so\s|…|\.\.\.")
# a question still open about the data: "will determine whether personal information … has
# been compromised" (no loss reported between the question word and the data)
_OPEN_QUESTION = re.compile(r"\bwhether\b", re.I)


DATA_NEG = re.compile(r"\b(no|not|never|nor|neither|wasn['’]t|weren['’]t|isn['’]t|aren['’]t|"
                      r"didn['’]t|hasn['’]t|haven['’]t|does not|did not|no evidence|"
                      r"without (?:disclosing|revealing|naming|giving|identifying))\b", re.I)


# patterns scanned over whole texts or sentences begin with literal words: they run only where
# those words occur (pipeline.regex_prefix.fast: the same matches as ``finditer`` / ``search``
# without a position, found without trying the pattern at every character)
_SCAN_INABILITY, _SCAN_LIST_ANYWHERE, _SCAN_MANUAL_WORDS, _SCAN_DATA_CUES = map(
    fast, (INABILITY, _LIST_ANYWHERE, _MANUAL_WORDS, DATA_CUES))


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
# owners whose things are no victim's service ("the gang's leak site was taken down",
# "the hackers' servers", "the FBI's"), and a group that an attacker word makes one
_ATTACKER_OWNERS = frozenset({
    "gang", "gangs", "hacker", "hackers", "attacker", "attackers", "criminal", "criminals",
    "cybercriminal", "cybercriminals", "crook", "crooks", "fraudster", "fraudsters",
    "scammer", "scammers", "extortionist", "extortionists", "thief", "thieves", "intruder",
    "intruders", "police", "investigators", "detectives", "fbi", "europol", "interpol"})


def _role_noun(lw: str) -> bool:
    """A person's post ("executive", "directors", "chairwoman")."""
    return lw in _ROLE_NOUNS or (lw.endswith("s") and lw[:-1] in _ROLE_NOUNS)


def _attacker_owned(doc: Doc, a: int) -> bool:
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
_HABITUAL = re.compile(r"\b(?:usually|typically|often|generally|commonly|normally|"
                       r"frequently|routinely|tend to|tends to)\b", re.I)
_GENERIC_ATTACKERS = re.compile(
    r"\W*(?:the\s+|some\s+|many\s+|most\s+)?(?:[a-z][\w\-]*\s+)?(?:phishers|attackers|"
    r"hackers|criminals|cybercriminals|cyber-criminals|crooks|scammers|fraudsters|"
    r"threat actors|extortionists|intruders|gangs|spammers)\s+(?:(?:then|first|next)\s+"
    r"(?!(?:was|were|had|has|have|did)\b)[a-z]+(?<!ed)|start|begin|tend)\b", re.I)
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


def _load_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _norm(s: str) -> str:
    toks = [t.lower() for t in re.findall(r"\w+", s)]
    toks = [t[:-1] if len(t) > 3 and t.endswith("s") else t for t in toks]
    return " ".join(t for t in toks if t not in {"the", "its", "their", "our", "of"})


class AffectedServices:
    def __init__(self, nlp: Language, name: str, window: int, max_modifiers: int,
                 data_window: int = 120):
        self.name = name
        self.window = window
        self.data_window = data_window
        self.max_modifiers = max_modifiers
        self.vocab = nlp.vocab
        self.service_terms: list[str] = []
        self.data_terms: list[str] = []
        self._cue_res = {k: re.compile(r"\b(?:" + "|".join(v) + r")\b", re.I)
                         for k, v in CUES.items()}
        self._cue_cache: dict[str, list] = {}
        # (object pattern?, lower-case string id) -> whether a clause pattern may start at that word
        self._first_cache: dict[tuple[str, int], bool] = {}
        self._build()

    # -------------------------------------------------------------- data
    def initialize(self, get_examples=None, *, nlp=None, gazetteer_dir: str | None = None):
        d = Path(gazetteer_dir) if gazetteer_dir else GAZETTEER_DIR
        self.service_terms = [r["pattern"] for r in _load_jsonl(d / SERVICES_FILE)]
        self.data_terms = [r["pattern"] for r in _load_jsonl(d / DATA_FILE)]
        self._load_languages(d)
        self._compile()

    def _build(self) -> None:
        self.service_terms = [r["pattern"] for r in _load_jsonl(GAZETTEER_DIR / SERVICES_FILE)]
        self.data_terms = [r["pattern"] for r in _load_jsonl(GAZETTEER_DIR / DATA_FILE)]
        self._load_languages(GAZETTEER_DIR)
        self._compile()

    def _load_languages(self, directory: Path) -> None:
        """Language lexicons (``services_<lang>.jsonl``): terms, regexes, status cues,
        negations and hypothetical words of one language each."""
        self.lang_rows: dict[str, list[dict]] = {}
        for path in sorted(Path(directory).glob(LANG_GLOB)):
            rows = _load_jsonl(path)
            lang = next((r["language"] for r in rows if r.get("kind") == "language"), None)
            if lang:
                self.lang_rows[lang] = rows
        self.lexicons = {lang: _ServiceLexicon(rows) for lang, rows in self.lang_rows.items()}

    def _compile(self) -> None:
        self.svc_matcher = PhraseMatcher(self.vocab, attr="LOWER")
        self.data_matcher = PhraseMatcher(self.vocab, attr="LOWER")
        # patterns are tokenised with the pipeline's own tokenizer-free make_doc equivalent
        from spacy.lang.en import English
        tok = English().tokenizer
        self.svc_matcher.add("SERVICE", [tok(t) for t in self.service_terms])
        self.data_matcher.add("DATA", [tok(t) for t in self.data_terms])

    def to_disk(self, path, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for fname, terms in ((SERVICES_FILE, self.service_terms), (DATA_FILE, self.data_terms)):
            with (path / fname).open("w", encoding="utf-8") as fh:
                for t in terms:
                    fh.write(json.dumps({"pattern": t}, ensure_ascii=False) + "\n")
        for lang, rows in self.lang_rows.items():
            with (path / LANG_GLOB.replace("??", lang)).open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    def from_disk(self, path, exclude=tuple()):
        path = Path(path)
        self.service_terms = [r["pattern"] for r in _load_jsonl(path / SERVICES_FILE)]
        self.data_terms = [r["pattern"] for r in _load_jsonl(path / DATA_FILE)]
        self._load_languages(path)
        self._compile()
        return self

    # -------------------------------------------------------------- call
    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicons.get((getattr(doc._, "language", None) or "en").lower()[:2])
        # doc.text and doc.sents are rebuilt from the tokens on every access (and Span.text
        # too): read them once per Doc and slice the text
        text = doc_text(doc)
        sents = list(doc.sents)
        self._cue_cache.clear()   # cue matches are kept for one Doc only
        if lex is not None:
            services = self._services_lexicon(doc, lex, text, sents)
            data = self._data_lexicon(doc, lex, text, sents)
        else:
            services = self._services(doc, text, sents)
            data = self._data(doc, text, sents)
        if getattr(doc._, "incident_kind", None) == "vulnerability":
            # an advisory has no victim: only features taken offline because of it count
            services = [s for s in services if s.status != "compromised"]
            data = []
        doc._.services = services
        doc._.compromised_data = data
        return doc

    def _services_lexicon(self, doc: Doc, lex: "_ServiceLexicon", text: str | None = None,
                          sents: list | None = None) -> list[Service]:
        """Services of an article in a lexicon language: gazetteer terms and head patterns,
        the status from the nearest cue of the sentence (negations and hypotheticals count
        in the candidate's own clause), one entry per service (a mention whose words are a
        subset of an earlier one's is the same service), the latest state."""
        text = doc.text if text is None else text
        cands = []
        for rx in lex.candidate_res:
            cands.extend(m.span() for m in rx.finditer(text))
        cands.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        kept: list[tuple[int, int]] = []
        for a, b in cands:
            if not any(a < kb and ka < b for ka, kb in kept):
                kept.append((a, b))
        sents = [(s.start_char, s.end_char) for s in (doc.sents if sents is None else sents)]
        found: list[list] = []   # [start, end, text, status, key]
        for a, b in sorted(kept):
            ss, se = next(((x, y) for x, y in sents if x <= a < y), (0, len(text)))
            st = text[ss:se]
            ra, rb = a - ss, b - ss
            # the candidate's clause: between the commas/semicolons around it
            cs = max(st.rfind(",", 0, ra), st.rfind(";", 0, ra)) + 1
            ce_c = [x for x in (st.find(",", rb), st.find(";", rb)) if x >= 0]
            ce = min(ce_c) if ce_c else len(st)
            clause = st[cs:ce]
            if lex.hypothetical and lex.hypothetical.search(st):
                continue
            others = [(x - ss, y - ss) for x, y in kept if (x, y) != (a, b) and ss <= x < se]
            status = self._lex_status(lex, st, ra, rb, cs, ce, others)
            if status is None:
                continue
            if status != "restored" and lex.negation and lex.negation.search(clause):
                continue
            key = {w.lower() for w in re.findall(r"\w+", text[a:b]) if len(w) > 3} or \
                {text[a:b].lower()}
            same = next((f for f in found if key <= f[4] or f[4] <= key), None)
            if same is None:
                found.append([a, b, text[a:b], status, key])
            else:
                same[3] = status   # the latest state wins
        return [Service(text=f[2], start_char=f[0], end_char=f[1], status=f[3]) for f in found]

    def _data_lexicon(self, doc: Doc, lex: "_ServiceLexicon", text: str | None = None,
                      sents: list | None = None) -> list[str]:
        """Data types of a lexicon language named in a sentence with a data-loss cue, not in
        one that denies or doubts it ("keine Kundendaten", "ob … kopiert haben, ist unklar")."""
        if lex.data_re is None or lex.data_cue is None:
            return []
        text = doc.text if text is None else text
        out: list[str] = []
        seen: set[str] = set()
        for sent in (doc.sents if sents is None else sents):
            st = text[sent.start_char:sent.end_char]
            if not lex.data_cue.search(st):
                continue
            if (lex.data_negation and lex.data_negation.search(st)) or \
                    (lex.hypothetical and lex.hypothetical.search(st)):
                continue
            for m in lex.data_re.finditer(text, sent.start_char, sent.end_char):
                if m.group().lower() not in seen:
                    seen.add(m.group().lower())
                    out.append(m.group())
        return out

    def _lex_status(self, lex: "_ServiceLexicon", st: str, ra: int, rb: int, cs: int,
                    ce: int, others: list[tuple[int, int]] = ()) -> str | None:
        """Nearest cue in the clause, else in the sentence within 3 windows; a cue nearer
        to another service on its far side is that service's ("a filtering service that
        restored the website")."""
        best = None
        for status, rx in lex.cues.items():
            for m in rx.finditer(st):
                if ra <= m.start() < rb:
                    continue
                d = m.start() - rb if m.start() >= rb else ra - m.end()
                if m.start() >= rb and any(0 <= x - m.end() < d and not re.search(
                        r"[,;:]", st[m.end():x]) for x, _ in others):
                    continue
                if m.start() < ra and any(0 <= m.start() - y < d and not re.search(
                        r"[,;:]", st[y:m.start()]) for _, y in others):
                    continue
                in_clause = cs <= m.start() < ce
                if not in_clause and d > 3 * self.window:
                    continue
                rank = (0 if in_clause else 1, d)
                if best is None or rank < best[0]:
                    best = (rank, status)
        return best[1] if best else None

    def _quote_spans(self, doc: Doc) -> list[tuple[int, int]]:
        return []

    def _candidates(self, doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
        """Token spans (start, end) of service mentions."""
        spans = [(s, e) for _, s, e in self.svc_matcher(doc)]
        gazetteer = list(spans)
        # only the head tokens are visited (one array test instead of a Token per word)
        for i in [k for k, x in enumerate(doc.to_array(LOWER).tolist()) if x in _HEAD_IDS]:
            low = doc[i].lower_
            if low not in HEADS:
                continue
            if low in {"email", "e-mail", "lines", "banking", "ordering", "payments", "booking",
                       "bookings", "files", "phones", "devices", "equipment", "machines"} and \
                    not (i > 0 and doc[i - 1].lower_ not in STOP and doc[i - 1].is_alpha):
                continue
            # walk left over modifiers
            j = i
            while j > 0 and i - j < self.max_modifiers:
                p = doc[j - 1]
                pl = p.lower_
                if p.text in {"-", "–"} and j >= 2 and not doc[j - 2].whitespace_ and \
                        not p.whitespace_:
                    j -= 2      # hyphenated compounds: "click-and-collect", "point-of-sale"
                    continue
                if p.is_punct or p.is_space:
                    break
                if pl in STOP and pl not in QUANT_OK:
                    break
                if pl in QUANT_OK:
                    j -= 1
                    break
                if p.like_num or (p.ent_type_ in {"PERSON", "GPE", "NORP", "DATE", "CARDINAL"}):
                    break
                if p.text.endswith(("'s", "’s")) or (j - 2 >= 0 and doc[j - 1].text in {"'s", "’s"}):
                    break
                if pl in {"'s", "’s"}:
                    break
                if p.is_title and not (pl in KEEP_MODIFIERS) and p.ent_type_ not in {"", "ORG"}:
                    break
                if pl.endswith("ly") and pl not in {"family", "supply"}:
                    break
                if pl in PARTICIPLE_STATUS:
                    if not self._verb_reading(doc, j - 1):
                        j -= 1  # "seized computers", "affected servers": status from the word
                    break   # "… had reconnected and restored online ordering": a verb
                if any(rx.fullmatch(pl) for rx in self._cue_res.values()):
                    break   # a status cue ("suspend online ordering") is not a modifier
                if pl in VERBISH or (pl.endswith("ing") and pl not in ING_OK) or (
                        pl.endswith("ed") and pl not in ED_OK) or p.text.startswith("-"):
                    break
                if p.ent_type_ in {"ORG", "PERSON", "GPE", "THREAT_ACTOR", "MALWARE"} and \
                        pl not in KEEP_MODIFIERS:
                    break
                j -= 1
            if j == i and i > 0 and doc[i - 1].like_num:
                # "more than 2,000 computers"
                j = i - 1
                if j >= 2 and doc[j - 2].lower_ in {"more", "over", "about", "nearly",
                                                    "almost", "some"} and \
                        doc[j - 1].lower_ in {"than", "of", "than"}:
                    j -= 2
                elif j >= 1 and doc[j - 1].lower_ in {"over", "about", "nearly", "almost", "all"}:
                    j -= 1
            if j < i and doc[j].lower_ == "encrypted" and doc[j + 1].lower_ in SECURE_KINDS:
                continue   # "an encrypted messaging app": a kind of app, not a ransomware victim
            if low in {"service", "services"} and i >= 3 and doc[i - 1].lower_ == "-" and \
                    doc[i - 2].lower_ == "a" and doc[i - 4 if i >= 4 else 0].lower_ == "as":
                continue   # "ransomware-as-a-service": a business model, no victim's service
            if j == i - 1 and doc[j].like_num and j > 0 and doc[j - 1].is_title and \
                    doc[j].text.isdigit() and len(doc[j].text) <= 4 and \
                    not _count_word_before(doc[j - 1]):
                j = i      # "Windows 10 systems": a product version, not a count
                if low in BARE_GENERIC:
                    continue
            if j < i and doc[j].lower_ in GENERIC_STATE:
                continue   # "normal operations", "day-to-day operations": a state, no service
            if j == i - 1 and doc[j].lower_ == "other" and low in BARE_GENERIC | {
                    "websites", "sites", "services", "platforms", "apps", "applications"}:
                continue   # "passwords stolen from other websites": somebody else's
            if low in {"applications", "application"} and j < i and \
                    doc[i - 1].lower_ in SUBMITTED:
                continue   # "job applications", "loan applications": documents, not software
            if j == i - 1 and doc[j].lower_ in PARTICIPLE_STATUS and low == "files":
                continue   # "encrypted files": data, not a service
            if j < i and doc[j].lower_ in PARTICIPLE_STATUS:
                if i + 1 < len(doc) and doc[i + 1].lower_ in HEADS:
                    spans.append((j, i + 2))
                else:
                    spans.append((j, i + 1))
                continue
            if j == i and low in BARE_GENERIC:
                # "its computers", "the city's network": a bare generic head counts only
                # when it belongs to someone
                p = doc[i - 1] if i > 0 else None
                if p is None or not (p.lower_ in {"its", "their", "our"} or
                                     p.text in {"'s", "’s"} or p.text.endswith(("'s", "’s"))):
                    continue
            if j == i and low in {"system", "systems", "service", "services", "network", "app",
                                  "networks", "operations", "functions", "site", "sites",
                                  "platform", "platforms", "applications", "application",
                                  "apps", "server", "servers", "infrastructure", "drives",
                                  "computer", "database", "databases", "devices",
                                  "terminals", "website", "websites"}:
                # a bare head is too vague, except plural infrastructure words
                if low not in {"computers", "servers", "databases", "networks", "network",
                               "systems", "website", "app", "apps"}:
                    continue
            if i + 1 < len(doc) and doc[i + 1].lower_ in AFTER_HEAD_STOP:
                continue   # "computer virus", "email address", "network security"
            of_end = self._of_name(doc, i)
            if of_end is not None:
                spans.append((j, of_end))
                continue
            if low in SPECIAL_HEADS and j == i:
                continue   # "email" / "files" alone is too vague
            # extend right: "system(s) supporting order management", "site of X"
            e = i + 1
            if e < len(doc) and doc[e].lower_ in HEADS and doc[e].lower_ not in {"email"}:
                e += 1
            if low in {"site", "website", "portal", "network", "systems", "servers"} and \
                    e + 1 < len(doc) and doc[e].lower_ == "of":
                # "the site of the Polish Financial Supervision Authority"
                k = e + 1
                if k < len(doc) and doc[k].lower_ == "the":
                    k += 1
                k0 = k
                while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and k - k0 < 6:
                    k += 1
                if k > k0:
                    e = k
            spans.append((j, e))
        for ent in doc.ents:
            # a named system the NER took for an organisation: "Radiology Information System"
            if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].is_title and \
                    ent[-1].lower_ in {"system", "portal", "platform", "database", "network"}:
                spans.append((ent.start, ent.end))
        full = doc.text if text is None else text
        for m in _SCAN_INABILITY.finditer(full):
            g = 1 if m.group(1) else 2
            if _IF_BEFORE.search(full, max(0, m.start() - 80), m.start()):
                continue  # "what would they do if they couldn't take payments": hypothetical
            span = doc.char_span(m.start(g), m.end(g), alignment_mode="contract")
            shared = _SHARED_MODIFIER_AFTER.match(full, m.end(g))
            if span is not None and span[-1].lower_ in KEEP_MODIFIERS and shared and \
                    shared.group(1).lower() in HEADS:
                # "unable to access online and mobile banking": "online" is a modifier of the
                # service after the conjunction, not the task's object (a head ends it: not
                # "could not access email and officials said …")
                span = None
            if span is not None and len(span) >= 2 and not any(
                    span.start < gs and ge <= span.end for gs, ge in gazetteer):
                # (a known service inside the task is that service: "could not use online
                # banking" -> online banking)
                spans.append((span.start, span.end))
            more = _INABILITY_MORE.match(full, m.end(g))
            if more and not _TASK_START.match(more.group(1)) and not self._bare_object(
                    doc, full, more.start(1), more.end(1), gazetteer):
                more = None
            if g == 1 and more and more.group(1).split()[-1].lower() not in _DATA_OBJECTS:
                span = doc.char_span(more.start(1), more.end(1), alignment_mode="contract")
                if span is not None:
                    spans.append((span.start, span.end))
        # keep the longest non-overlapping spans
        spans = sorted(set(spans), key=lambda x: (-(x[1] - x[0]), x[0]))
        kept: list[tuple[int, int]] = []
        for s, e in spans:
            if any(s < ke and ks < e for ks, ke in kept):
                continue
            kept.append((s, e))
        return sorted(kept)

    @staticmethod
    def _bare_object(doc: Doc, full: str, start: int, end: int,
                     gazetteer: list[tuple[int, int]]) -> bool:
        """Whether the words at ``full[start:end]`` after "and"/"or" that follow an inability
        phrase without a task verb are a second object of that phrase ("could not use
        click-and-collect or gift cards"), not the start of a new clause ("could not pay bills
        and the council said …", "… and police are investigating"): a service head word or a
        known service ends them, or they end the clause, and the second word is no verb."""
        words = full[start:end].split()
        last = words[-1].lower()
        if len(words) == 2 and last not in HEADS and (
                last in _CLAUSE_VERBS or (last.endswith("ed") and len(last) > 4)):
            return False
        if last in HEADS or last in SPECIAL_HEADS:
            return True
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and any(ge == span.end and gs < span.end for gs, ge in gazetteer):
            return True
        return _CLAUSE_END.match(full, end) is not None

    @staticmethod
    def _verb_reading(doc: Doc, k: int) -> bool:
        """The status participle at token ``k`` is the sentence's verb, not a modifier."""
        if k == 0 or doc[k].is_sent_start:
            return False
        p = doc[k - 1]
        return p.lower_ in VERB_BEFORE or (p.lower_.endswith("ly") and p.is_alpha and
                                            p.lower_ not in {"family", "supply"}) or \
            p.ent_type_ in {"ORG", "PERSON", "MALWARE", "THREAT_ACTOR"} or (
                # "Officers seized servers", "Police seized computers": a subject, not a
                # modifier of the service
                p.is_alpha and p.lower_ not in STOP and p.lower_ not in KEEP_MODIFIERS
                and p.lower_ not in QUANT_OK and (p.lower_ in _AGENTS or (
                    p.is_title and k - 1 > 0 and doc[k - 2].is_sent_start is False
                    and doc[k - 2].lower_ in {",", "and"})))

    def _of_name(self, doc: Doc, i: int) -> int | None:
        """'the site of the Polish Financial Supervision Authority': the head with its owner."""
        if doc[i].lower_ not in {"site", "website", "portal", "network", "systems", "servers",
                                 "database", "databases"}:
            return None
        k = i + 1
        if k + 1 >= len(doc) or doc[k].lower_ != "of":
            return None
        k += 1
        if doc[k].lower_ == "the":
            k += 1
        k0 = k
        while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and doc[k].is_alpha \
                and k - k0 < 6:
            k += 1
        return k if k - k0 >= 1 else None

    def _status(self, sent_text: str, rel_s: int, rel_e: int, named: bool = False) -> str | None:
        best = None
        window = 3 * self.window if named else self.window
        for status, m in self._cue_matches(sent_text):
            if rel_s <= m.start() < rel_e:
                continue   # the cue is part of the service phrase itself
            d = m.start() - rel_e if m.start() >= rel_e else rel_s - m.end()
            if d > window:
                continue
            if not self._cue_counts(sent_text, m, status, after=m.start() >= rel_e):
                continue
            if m.end() <= rel_s and self._across_dash(sent_text, m.end(), rel_s):
                continue
            # cue after the service weighs a little less than one right before it
            if best is None or d < best[0]:
                best = (d, status, m)
        return best[1] if best else None

    def _cue_matches(self, sent_text: str) -> list[tuple[str, re.Match]]:
        """Every status cue of a sentence, in status then text order (a sentence with several
        service candidates is scanned once)."""
        hit = self._cue_cache.get(sent_text)
        if hit is None:
            hit = [(status, m) for status, rx in self._cue_res.items()
                   for m in rx.finditer(sent_text)]
            self._cue_cache[sent_text] = hit
        return hit

    @staticmethod
    def _cue_counts(sent_text: str, m: re.Match, status: str, after: bool) -> bool:
        """A cue word that says nothing about this service's state: a restoration still to
        come ("until the systems are restored", "expects to restore"), a flaw "affecting" a
        product (exposure, not disruption), "without" after the service ("… without MFA")."""
        left = sent_text[max(0, m.start() - 80):m.start()]
        word = m.group().lower()
        if status == "restored" and FUTURE_RESTORE.search(left):
            return False
        if word.startswith("affect") and FLAW_BEFORE.search(left):
            return False
        if word == "without" and after:
            return False
        return True

    @staticmethod
    def _across_dash(sent_text: str, a: int, b: int) -> bool:
        """A dash clause boundary between a cue and the service after it ("not just a
        website outage - it was a breakdown in core retail operations")."""
        return bool(re.search(r"\s[-–—]\s", sent_text[a:b]))

    def _negated(self, sent_text: str, rel_s: int, rel_e: int) -> bool:
        window = sent_text[max(0, rel_s - 60):rel_e + 60]
        if re.match(r"\s+(?:remains?|continues?|is still|are still)\s*(?:[,.;]|$)",
                    sent_text[rel_e:rel_e + 20]):
            return True   # "While phone service remains, …"
        if _UNABLE_BEFORE.search(sent_text, 0, rel_s) and \
                _INABILITY_VERB.match(sent_text, rel_s):
            # "drivers could not print delivery notes", "could not log into online banking":
            # the "not" is the outage
            return False
        if _UNABLE_TASK_BEFORE.search(sent_text, 0, rel_s):
            return False   # "could not use internet banking or the mobile app"
        if _NO_BEFORE.search(sent_text, max(0, rel_s - 40), rel_s) and \
                _AFFECTED_AFTER.match(sent_text, rel_e):
            # "no critical infrastructure had been affected" (not "customers had no online
            # banking for three days": the outage itself)
            return True
        return bool(NEGATION.search(window))

    def _services(self, doc: Doc, text: str | None = None,
                  sents: list | None = None) -> list[Service]:
        found: dict[str, list] = {}
        order: list[str] = []
        org_spans = [(m.start_char, m.end_char) for o in (doc._.organisations or [])
                     for m in (o.mentions or ())]
        org_spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"]
        # doc.text and doc.sents are rebuilt from the tokens on every access: read them once
        text = doc.text if text is None else text
        sents = list(doc.sents) if sents is None else sents
        sent_starts = [x.start for x in sents]
        background = self._background_sentences(doc, sents, text)
        words: dict[str, set[str]] = {}    # key -> words of every mention merged into it
        last: dict[str, int] = {}          # key -> offset of the mention that set the state

        def add(key: str, start: int, end: int, text: str, status: str, latest: bool) -> None:
            """One entry per service: a mention whose words are a subset (or superset) of an
            earlier one's ("card payments" / "integrated card payments", "its systems" /
            "computer systems") is the same service and updates its state."""
            ws = set(_norm(text).split()) or {key}
            same = key if key in found else next(
                (k for k in order if ws <= words[k] or
                 (len(found[k][2].split()) >= 2 and set(_norm(found[k][2]).split()) <= ws)),
                None)
            if same is None:
                found[key] = [start, end, text, status]
                order.append(key)
                words[key] = ws
                last[key] = start
            else:
                words[same] |= ws
                if latest:
                    found[same][3] = status    # the latest state wins
                    last[same] = start

        sent_chars = [x.start_char for x in sents]
        clause = sorted(self._clause_services(doc, text))
        events = sorted([(doc[s].idx, 0, s, e) for s, e in self._candidates(doc, text)] +
                        [(a, 1, n, 0) for n, (a, *_rest) in enumerate(clause)])
        for _, is_clause, s, e in events:
            if is_clause:
                self._add_clause_service(doc, text, sents, sent_chars, background, org_spans,
                                         clause[s], add)
                continue
            span = doc[s:e]
            named_system = span[-1].lower_ in {"system", "portal", "platform", "database"} and \
                span[-1].is_title
            sc, ec = span.start_char, span.end_char
            if not named_system and any(a <= sc < b or a < ec <= b for a, b in org_spans):
                continue   # "Lloyds Banking Group", "Cisco Systems" are organisations
            if span.start > 0 and doc[span.start - 1].lower_ in {"this", "these", "that", "those",
                                                                "same"}:
                continue   # "this key customer service": a reference back, not a new service
            if _attacker_owned(doc, span.start):
                continue   # "the gang's payment portal was taken down": the attackers' own
            if span[0].text[:1] in "-–—":
                span = span[1:]
                if not len(span):
                    continue
                sc, ec = span.start_char, span.end_char
            sent = sents[bisect_right(sent_starts, span.start) - 1]
            if sent.start in background or \
                    GENERIC_SENT.match(text, sent.start_char, sent.end_char):
                continue   # "In March, the city of X was attacked …": another incident;
                # "Companies are increasingly …": no incident at all
            st = text[sent.start_char:sent.end_char]
            cs = sent.start_char + _clause_start(st, sc - sent.start_char)
            if _HABITUAL.search(_clause(st, sc - sent.start_char, ec - sent.start_char)) or \
                    _GENERIC_ATTACKERS.match(text, cs):
                continue   # "The criminals begin by compromising the firm's email server"
            span_text = text[sc:ec]
            if HYPOTHETICAL.search(st) and not re.search(r"\b(could not|couldn't|cannot|can't|"
                                                         r"would not|wouldn't)\b", st):
                continue
            rel_s, rel_e = sc - sent.start_char, ec - sent.start_char
            if FALLBACK_BEFORE.search(st[max(0, rel_s - 60):rel_s]) or \
                    re.match(r"\s+instead\b", st[rel_e:]):
                continue   # "reverted to cash and standalone card machines": the fallback
            if span[0].lower_ in PARTICIPLE_STATUS and len(span) >= 2:
                status = PARTICIPLE_STATUS[span[0].lower_]
                add(_norm(span_text), sc, ec, span_text, status, False)
                continue
            named = len(span) >= 2 and all(t.is_title or not t.is_alpha for t in span) and \
                span[-1].lower_ in {"system", "systems", "portal", "platform", "service",
                                    "network", "database", "application", "app", "survey"}
            status = self._status(st, rel_s, rel_e, named)
            if status is None:
                continue
            if self._negated(st, rel_s, rel_e) and status != "restored":
                continue
            if status == "disrupted" and RESTORED_BACKREF.search(st, rel_e):
                status = "restored"   # "… were taken offline, and both are available again"
            key = re.sub(r" (service|system|servic)$", "", _norm(span_text))
            if not key:
                continue
            add(key, sc, ec, span_text, status, True)
        # a list needs a trigger or a "manual" word somewhere in the text: most texts have none
        listing = bool(_SCAN_LIST_ANYWHERE.search(text) or _SCAN_MANUAL_WORDS.search(text))
        for sent in sents if listing else ():
            if sent.start in background:
                continue
            for start, end, status in self._listed(sent, text):
                item = text[start:end]
                key = re.sub(r" (service|system|servic)$", "", _norm(item))
                if key and key not in found:
                    found[key] = [start, end, item, status]
                    order.append(key)
                    words[key] = set(_norm(item).split())
                    last[key] = start
        if order:
            self._later_references(doc, text, sents, background, found, order, last)
        # a mention that came before the fuller one it belongs to ("restore our systems" …
        # "all its computer systems"): one entry, the state of the later mention
        for k in list(order):
            ws = set(_norm(found[k][2]).split())
            into = next((o for o in order if o != k and ws <= words[o] and
                         found[o][0] < found[k][0] and len(ws) < len(words[o])), None)
            if into is not None and len(ws) == 1:
                if last[k] > last[into]:
                    found[into][3], last[into] = found[k][3], last[k]
                words[into] |= words[k]
                order.remove(k)
        return [Service(text=found[k][2], start_char=found[k][0], end_char=found[k][1],
                        status=found[k][3]) for k in sorted(order, key=lambda k: found[k][0])]

    def _add_clause_service(self, doc: Doc, text: str, sents: list, sent_chars: list[int],
                            background: set[int], org_spans: list[tuple[int, int]],
                            item: tuple[int, int, str, int, int, bool], add) -> None:
        """A service named by a clause (``_clause_services``), with the status of its
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
        if HYPOTHETICAL.search(text, max(ss, _clause_start(text[ss:lo], lo - ss) + ss,
                                         lo - 60), hi) or \
                _IF_BEFORE.search(text, max(ss, lo - 60), lo):
            return   # "customers could find the portal unavailable", "if X were suspended"
        if FALLBACK_BEFORE.search(text[max(ss, a - 60):a]):
            return   # "reverted to cash and card machines"
        cs = max(ss, _clause_start(text[ss:lo], lo - ss) + ss)
        if _HABITUAL.search(text, cs, hi) or _GENERIC_ATTACKERS.match(text, cs):
            return   # "The phishers start by compromising a Gmail account": a habit, no event
        if _NO_BEFORE.search(text, max(ss, a - 40), a) or \
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
        key = re.sub(r" (service|system|servic)$", "", _norm(item_text))
        if key:
            add(key, a, b, item_text, status, not weak)

    def _later_references(self, doc: Doc, text: str, sents: list, background: set[int],
                          found: dict[str, list], order: list[str], last: dict[str, int]) -> None:
        """Later sentences that refer back to services already listed: "Both channels were
        fully restored" (every service of the two sentences before), "the app was back up"
        (the last listed service with that head word). The state they give is the latest."""
        for idx, sent in enumerate(sents):
            if sent.start in background:
                continue
            ss, se = sent.start_char, sent.end_char
            st = text[ss:se]
            if _BACKREF_ALL.match(st):
                since = sents[max(0, idx - 2)].start_char
                for k in order:
                    if since <= last[k] < ss:
                        found[k][3], last[k] = "restored", ss
                continue
            for m in _BARE_REFERENCE.finditer(st):
                a = ss + m.start(1)
                if any(f[0] <= a < f[1] for f in found.values()):
                    continue   # part of a listed mention
                head = m.group(1).lower()
                owner = [k for k in order if found[k][0] < a and
                         found[k][2].lower().split()[-1].rstrip("s") == head]
                if not owner:
                    continue
                status = self._status(st, m.start(1), m.end(1))
                if status is None or (self._negated(st, m.start(1), m.end(1)) and
                                      status != "restored"):
                    continue
                k = max(owner, key=lambda x: found[x][0])
                if a > last[k]:
                    found[k][3], last[k] = status, a

    @staticmethod
    def _background_sentences(doc: Doc, sents: list, text: str) -> set[int]:
        """Sentences about an earlier or another incident: they open with a time or
        "elsewhere" marker ("In March, …", "Last month …", "Elsewhere, …"), name no victim of
        the article, and name another organisation or an indefinite one ("a supplier")."""
        if not BACKGROUND_ANY.search(text):
            return set()    # most articles: no marker anywhere, nothing to check
        orgs = doc._.organisations or []
        victim_spans = [(m.start_char, m.end_char) for o in orgs if o.role == "victim"
                        for m in (o.mentions or ())]
        victim_forms = [f.lower() for o in orgs if o.role == "victim"
                        for f in (o.name, *o.aliases) if f]
        other_spans = [(m.start_char, m.end_char) for o in orgs if o.role != "victim"
                       for m in (o.mentions or ())]
        other_spans += [(e.start_char, e.end_char) for e in doc.ents
                        if e.label_ in {"ORG", "GPE"}]
        out = set()
        for sent in sents:
            m = BACKGROUND_START.match(text, sent.start_char, sent.end_char)
            if not m:
                continue
            a, b = sent.start_char, sent.end_char
            st = text[a:b]
            low = st.lower()
            if any(a <= x < b for x, _ in victim_spans) or any(f in low for f in victim_forms):
                continue
            if any(a <= x < b and not any(vx <= x < vy for vx, vy in victim_spans)
                   for x, _ in other_spans) or \
                    re.match(r"(?:[\w\-]+,?\s+){0,3}an?\s+[a-z]",
                             st[m.end() - a:].lstrip(" ,")):
                out.add(sent.start)
        return out

    def _listed(self, sent, text: str | None = None) -> list[tuple[int, int, str]]:
        """Items listed after a service word: "disabled three features on its platform;
        email obfuscation, Server-side Excludes and Automatic HTTPS Rewrites", "applications
        such as … paying bills", "all servers, including network shared drives"."""
        st = sent.text if text is None else text[sent.start_char:sent.end_char]
        out = []
        for m in LIST_TRIGGER.finditer(st):
            status = self._status(st, m.start(1), m.end(1), named=True)
            if status is None or HYPOTHETICAL.search(st[:m.start()]):
                continue
            tail = st[m.end():]
            if tail[:1] in "\"“‘'":
                continue   # 'left a note on the servers telling managers: "We have …"': speech
            stop = re.search(r",\s+(?:as|which|that|because|while|but|who|and the|so)\b|[.;!?](?:\s|$)|"
                             r"\s+(?:remain|remains|were|was|are|is|will|have|has)\b|"
                             # a speech tag ends the list: "…, or Microsoft Edge to
                             # distribute the ransomware, researchers said"
                             r",\s+(?:\w+\s+){0,3}?(?:said|says|told|noted|added|wrote|"
                             r"explained|according)\b", tail)
            seg = tail[:stop.start()] if stop else tail
            pos = m.end()
            for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", seg):
                off = st.find(part, pos - sent.start_char if False else pos)
                if off < 0:
                    continue
                pos = off + len(part)
                item = part.strip(" “”\"'’")
                item = re.sub(r"^(?:means for|the ability to|the|its|their)\s+", "", item)
                if not item or not 1 <= len(item.split()) <= 6:
                    continue
                a = sent.start_char + st.find(item, off)
                out.append((a, a + len(item), status))
        # "Service orders, account creation, … will utilize manual processes"
        m = MANUAL_LIST.match(st) if _SCAN_MANUAL_WORDS.search(st) else None
        if m and m.group(1).count(",") >= 2:
            pos = 0
            for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+", m.group(1)):
                item = part.strip()
                off = st.find(item, pos)
                if item and off >= 0 and 1 <= len(item.split()) <= 4:
                    pos = off + len(item)
                    a = sent.start_char + off
                    out.append((a, a + len(item), "disrupted"))
        return out

    # ------------------------------------------------------ services named by a clause
    def _clause_services(self, doc: Doc,
                         text: str) -> list[tuple[int, int, str, int, int, bool]]:
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
        cache = self._first_cache

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
            for a, b in self._chain_before(doc, k - 1, status, word in {"affected", "impacted"},
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
            for a, b in self._chain_after(doc, k, status, bounds(k)[1], text):
                out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), status,
                            m.start(), doc[b - 1].idx + len(doc[b - 1].text), weak))
        return out

    def _item_ok(self, doc: Doc, a: int, b: int, owned: bool, status: str,
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
        if _attacker_owned(doc, a):
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

    def _chain_before(self, doc: Doc, k: int, status: str, strict: bool,
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
        for a, b in self._merge_shared(doc, [(a, b) for a, b, _ in items][::-1])[::-1]:
            if not self._item_ok(doc, a, b, owned or a in dets, status, strict):
                break
            out.append((a, b))
        return out[::-1]

    def _chain_after(self, doc: Doc, k: int, status: str, hi: int,
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
        for a, b in self._merge_shared(doc, items):
            if not self._item_ok(doc, a, b, owned, status):
                break
            out.append((a, b))
        return out

    @staticmethod
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

    def _data(self, doc: Doc, text: str | None = None, sents: list | None = None) -> list[str]:
        text = doc.text if text is None else text
        sents = list(doc.sents) if sents is None else sents
        sent_starts = [x.start for x in sents]
        data_cues: dict[str, list] = {}   # sentence text -> its DATA_CUES matches
        hypothetical: dict[str, bool] = {}   # sentence text -> DATA_HYPOTHETICAL found
        out: list[str] = []
        seen: set[str] = set()
        matches = sorted(((s, e) for _, s, e in self.data_matcher(doc)),
                         key=lambda x: (-(x[1] - x[0]), x[0]))
        kept: list[tuple[int, int]] = []
        for s, e in matches:
            if any(s < ke and ks < e for ks, ke in kept):
                continue
            kept.append((s, e))
        kept += self._list_items(doc, text, sorted(kept))
        chain_end = -1      # end of the last kept item: lists carry on ("…, and sort code")
        chain_tok = 0
        for s, e in sorted(kept):
            if s < chain_tok:
                continue   # inside the previous item ("… information (PHI)")
            span = doc[s:e]
            # extend left over a data-owner modifier: "customer names", "staff email addresses"
            j = s
            while j > 0 and s - j < 3:
                p = doc[j - 1]
                if p.lower_ in {"customer", "customers", "customers'", "customers’", "employee",
                                "employees", "staff", "patient", "patients", "user", "users",
                                "member", "members", "student", "students", "voter", "client",
                                "clients", "partial", "full", "personal", "financial", "home",
                                "physical", "mobile", "payment", "bank", "sensitive",
                                "private", "account", "login", "health", "medical", "tax",
                                "2016", "2017", "2018", "last", "four", "digits"} or \
                        (p.text in {"'", "’"} and j - 2 >= 0):
                    j -= 1
                    continue
                break
            span = doc[j:e]
            sent = sents[bisect_right(sent_starts, j) - 1]
            if e > sent.end:
                sent = span.sent   # a span across a sentence boundary: spaCy's own rule
            st = text[sent.start_char:sent.end_char]
            rs, re_ = span.start_char - sent.start_char, span.end_char - sent.start_char
            if st not in data_cues:
                data_cues[st] = list(_SCAN_DATA_CUES.finditer(st))
            near = [m for m in data_cues[st]
                    if (0 <= m.start() - re_ <= self.data_window)
                    or (0 <= rs - m.end() <= self.data_window)]
            chained = sent.start_char <= chain_end <= span.start_char and (
                span.start_char - chain_end <= 100 or (
                    span.start_char - chain_end <= 200 and
                    _LIST_GOES_ON.search(text, chain_end, span.start_char)))
            if not near and not chained:
                continue
            before = text[max(sent.start_char, span.start_char - 60):span.start_char]
            if DATA_CARE_BEFORE.search(before):
                continue   # "regularly updating account credentials": advice, no loss
            oq = None
            for oq in _OPEN_QUESTION.finditer(st, max(0, rs - 120), rs):
                pass
            if oq is not None and not DATA_CUES.search(st, oq.end(), rs) and \
                    not re.search(r"[;.]", st[oq.end():rs]):
                continue   # "… will determine whether personal information … was accessed"
            if j > 0 and doc[j - 1].lower_ in _LURE_WORDS:
                continue   # "potential phishing emails": messages sent to victims, no data
            if doc[e - 1].lower_ in {"address", "addresses"} and any(
                    t.lower_ in _PAYMENT_ADDRESS for t in doc[max(0, j - 3):j]):
                continue   # "a wallet address", "the listed Bitcoin address": where to pay
            if j > 0 and doc[j - 1].lower_ == "other" and \
                    set(_norm(span.text).split()) <= DATA_UMBRELLA:
                # "…, HTTP POST bodies, and other sensitive data": the list's catch-all
                chain_end, chain_tok = span.end_char, e
                continue
            if st not in hypothetical:
                hypothetical[st] = DATA_HYPOTHETICAL.search(st) is not None
            if hypothetical[st] and self._hypothetical_data(st, rs, re_):
                continue   # "…, because card numbers were captured": the modal is elsewhere
            of_end = self._of_owner(doc, e, sent.end) if doc[e - 1].lower_ in _OWNED_DATA else e
            if text[span.start_char:span.end_char].lower() in SINGLE_GENERIC and \
                    of_end == e and not _in_enumeration(doc, j, e):
                continue
            neg = DATA_NEG.search(st)
            if neg:   # the denial must be in the data's own clause
                cs = _clause_start(st, rs, _DATA_CLAUSE_LINK)
                after = _DATA_CLAUSE_LINK.search(st, re_)
                neg = DATA_NEG.search(st, cs, after.start() if after else len(st))
            if neg and neg.start() < rs + 80:
                # (a denial in another clause says nothing of this data: "The e-mail wasn't
                # from the boss, but the clerk sent the forms, giving the scammer …")
                # "no customer information was obtained", "did not include names" (a modal
                # undoes the denial only in the data's own clause)
                if not re.search(r"\b(may|might|could|likely)\b", st) or \
                        not re.search(r"\b(may|might|could|likely)\b", _clause(st, rs, re_)):
                    continue
            # "protected health information (PHI)"
            end = span.end
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 1].is_upper and \
                    doc[end + 2].text == ")":
                end += 3
            else:
                end = of_end   # "the names of 114 car dealerships"
            whole = doc[j:end]
            t = text[whole.start_char:whole.end_char]
            # one entry per data type: "W-2 tax data" and "W-2 Forms" are the same
            k = " ".join(w for w in _norm(t).split() if w not in _DATA_HEADS) or _norm(t)
            chain_end = whole.end_char
            chain_tok = end
            if k in seen:
                continue
            seen.add(k)
            out.append(t)
        return out


    @staticmethod
    def _hypothetical_data(st: str, rs: int, re_: int) -> bool:
        """A modal, condition or advice anywhere in the data's clause, or a purpose before the
        data ("designed to steal card numbers"); a purpose after it belongs to a later deed
        ("… to access PHI and PII in order to blackmail the owners")."""
        cs = _clause_start(st, rs)
        after = _CLAUSE_LINK.search(st, re_)
        for m in DATA_HYPOTHETICAL.finditer(st, cs, after.start() if after else len(st)):
            if m.start() > rs and _ADVICE.fullmatch(m.group(0)):
                continue   # "stole names …, which urged users to stay vigilant": a later advice
            if m.start() < rs or not _PURPOSE.fullmatch(m.group(0)):
                return True
        return False

    @staticmethod
    def _of_owner(doc: Doc, end: int, limit: int) -> int:
        """The end of an "of" phrase naming whose data it is, after a name-like data word:
        "names of members of its Election Committee", "names of 114 car dealerships" (up to
        six words; a verb, a relative word, punctuation or a second preposition ends it)."""
        if end >= limit or doc[end].lower_ != "of":
            return end
        k, content = end + 1, 0
        while k < limit and k - end <= 7:
            t = doc[k]
            lw = t.lower_
            if t.is_punct or lw in _OF_STOP or (lw == "of" and content == 0):
                break
            if lw not in {"the", "its", "their", "his", "her", "our", "all", "of"}:
                content += 1
            k += 1
        while k > end + 1 and doc[k - 1].lower_ in {"the", "its", "their", "his", "her", "our",
                                                     "all", "of"}:
            k -= 1
        return k if content else end

    @staticmethod
    def _list_items(doc: Doc, text: str, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Items of a data list that the gazetteer does not know, between two items it does
        know: "HTTP cookies, authentication tokens, HTTP POST bodies, and other sensitive
        data" (one to four words, each item separated by a comma or "and"/"or")."""
        out: list[tuple[int, int]] = []
        for (s1, e1), (s2, e2) in zip(kept, kept[1:]):
            if s2 - e1 < 3 or s2 - e1 > 12 or doc[e1].text != ",":
                continue
            a, b = doc[e1].idx, doc[s2].idx
            gap = text[a:b]
            m = _LIST_GAP.fullmatch(gap)
            if not m:
                continue
            pos = a + m.start(1)
            for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(1)):
                off = text.find(part, pos, b)
                if off < 0:
                    break
                pos = off + len(part)
                words = part.split()
                if not 1 <= len(words) <= 4 or any(w.lower() in _LIST_ITEM_STOP or
                                                    w.lower().endswith("ly") for w in words) \
                        or not part[:1].isalpha() or words[-1].lower().endswith("ed"):
                    break
                span = doc.char_span(off, off + len(part))
                if span is None:
                    break
                out.append((span.start, span.end))
        # the ends of a list of at least two known items: "leaked session tokens, API keys
        # and passwords", "names, addresses and purchase histories were taken"
        items = sorted(set(kept) | set(out))
        runs: list[list[tuple[int, int]]] = []
        for it in items:
            if runs and _LIST_SEP.fullmatch(text, doc[runs[-1][-1][1] - 1].idx +
                                            len(doc[runs[-1][-1][1] - 1].text),
                                            doc[it[0]].idx):
                runs[-1].append(it)
            else:
                runs.append([it])
        for run in runs:
            if len(run) < 2:
                continue
            a = doc[run[0][0]].idx
            m = _LIST_HEAD.search(text, max(0, a - 80), a)
            while m and _LIST_HEAD.match(text, m.start(1), a):
                m = _LIST_HEAD.match(text, m.start(1), a)   # the opener nearest the list
            if m and _list_item_ok(m.group(1)):
                span = doc.char_span(m.start(1), m.end(1))
                if span is not None:
                    out.append((span.start, span.end))
            last = doc[run[-1][1] - 1]
            m = _LIST_TAIL.match(text, last.idx + len(last.text))
            if m and _list_item_ok(m.group(1)):
                span = doc.char_span(m.start(1), m.end(1))
                if span is not None:
                    out.append((span.start, span.end))
        for run in runs:
            if len(run) != 1:
                continue
            # one known item opening a list of unknown ones: every item up to "and <item>"
            last = doc[run[0][1] - 1]
            m = _LIST_AFTER_ONE.match(text, last.idx + len(last.text))
            if not m:
                continue
            parts = [(p.start() + m.start(1), p.end() + m.start(1)) for p in
                     re.finditer(r"[^,]+", m.group(1))] + [(m.start(2), m.end(2))]
            spans = []
            for a, b in parts:
                while a < b and text[a].isspace():
                    a += 1
                span = doc.char_span(a, b)
                if span is None or not _list_item_ok(text[a:b]) or \
                        set(text[a:b].lower().split()) & _SPEECH_WORDS:
                    spans = []   # "… collecting personal data, say experts and advocates."
                    break
                spans.append((span.start, span.end))
            out.extend(spans)
        return out


def _list_item_ok(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 4 and part[:1].isalpha() and \
        not words[-1].lower().endswith("ed") and \
        not any(w.lower() in _LIST_ITEM_STOP or w.lower().endswith("ly") for w in words)


# between two items of one list
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)")
# a list opened by a data-loss word, its first item unknown: "exposed session tokens, …"
_LIST_HEAD = re.compile(r"\b(?:includ\w+|such as|exposed|exposing|stole|stolen|leaked|"
                        r"accessed|obtained|contain\w*|copied|taken)\s*:?\s+(?:the\s+|their\s+|"
                        r"its\s+)?([A-Za-z][\w\-’']*(?:\s+[\w\-’']+){0,3}),\s*$", re.I)
# a list closed by an unknown item before its verb or the sentence end: "…, and purchase
# histories were taken"
_LIST_TAIL = re.compile(r",?\s+(?:and|or)\s+(?:(?:the|their|its|your|his|her)\s+)?([A-Za-z][\w\-’']*(?:\s+[\w\-’']+){0,3}?)"
                        r"(?=(?:\s*\([A-Z0-9]{2,10}\))?\s*[.;]|\s+(?:were|was|are|is|had|have|has|"
                        r"of|from|belonging|for|that|which)\b)", re.I)
# a list after ONE known item that runs to "and <item>" before the sentence end or a verb:
# "accessing contact information, SMS messages, call logs and Internet data."
_LIST_AFTER_ONE = re.compile(
    r"((?:,\s*[A-Za-z][\w\-’']*(?:\s+[\w\-’']+){0,3}?)+)" + _LIST_TAIL.pattern,
    re.I)


# a list carrying on past a long item: "…, as well as the last four digits of …"
_LIST_GOES_ON = re.compile(r"\b(?:as well as|along with|in addition to|together with|plus)\b",
                           re.I)
# the text between two known data items that holds more items
# (every item ends at a comma or "and"/"or": in ", home and business addresses" the words
# only modify the next item)
_LIST_GAP = re.compile(r",\s*(?:(?:and|or)\s+)?([^,.;:()\"“”]+?(?:,\s*(?:(?:and|or)\s+)?"
                       r"[^,.;:()\"“”]+?)*?)\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)"
                       r"(?:other\s+)?", re.I)
_LIST_ITEM_STOP = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "said", "says",
                   "that", "which", "who", "whom", "the", "a", "an", "of", "to", "in", "on",
                   "at", "for", "from", "by", "with", "it", "they", "we", "this", "these",
                   "those", "not", "no", "also", "may", "might", "could", "will", "would",
                   "other", "more", "such", "including", "like", "as", "and", "or", "often",
                   "sometimes", "even", "usually", "then", "your", "my", "our", "their", "its",
                   "his", "her", "all", "any", "some", "many", "much", "etc"}
# data words whose owner follows in an "of" phrase
# ("the names of 114 car dealerships"; "home addresses of 5 million adults" names the victims)
_OWNED_DATA = {"names"}
_OF_STOP = {"who", "whom", "which", "that", "were", "was", "is", "are", "has", "have", "had",
            "and", "or", "but", "from", "in", "on", "at", "to", "for", "with", "by", "listed",
            "stored", "held", "kept", "who", "as", "after", "before", "since", "when", "while"}
# words that make a message a lure, not stolen data ("phishing emails", "fake documents")
_LURE_WORDS = {"phishing", "spam", "spoofed", "fake", "bogus", "fraudulent", "malicious",
               "suspicious", "scam", "booby-trapped", "rigged"}
# a speech tag after a list is no list item
_SPEECH_WORDS = {"say", "says", "said", "tell", "tells", "told", "according", "warn", "warns",
                 "warned", "note", "notes", "noted", "add", "adds", "added", "explain",
                 "explains", "explained", "claim", "claims", "claimed", "report", "reports",
                 "reported", "write", "writes", "wrote"}
# words before "address" that make it where a ransom is paid, not a person's address
_PAYMENT_ADDRESS = {"bitcoin", "btc", "wallet", "cryptocurrency", "crypto", "monero", "ethereum",
                    "listed", "payment", "ransom"}
# head words that do not tell one data type from another ("W-2 forms" = "W-2 tax data")
_DATA_HEADS = {"form", "data", "information", "info", "detail", "tax"}


class _ServiceLexicon:
    """One language's service terms, head patterns and cues (``services_<lang>.jsonl`` rows
    of kind language | term | regex | cue | negation | hypothetical)."""

    def __init__(self, rows: list[dict]):
        terms = sorted((r["pattern"] for r in rows if r.get("kind") == "term"), key=len,
                       reverse=True)
        self.candidate_res = []
        if terms:
            self.candidate_res.append(re.compile(
                r"(?<![\w\-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w\-])",
                re.I))
        self.candidate_res += [re.compile(r["pattern"]) for r in rows if r.get("kind") == "regex"]
        self.cues = {}
        for status in ("disrupted", "restored", "compromised"):
            pats = [r["pattern"] for r in rows if r.get("kind") == "cue" and
                    r.get("status") == status]
            if pats:
                self.cues[status] = re.compile(r"(?<!\w)(?:" + "|".join(pats) + r")(?!\w)", re.I)

        def words(kind: str) -> re.Pattern | None:
            pats = [r["pattern"] for r in rows if r.get("kind") == kind]
            return re.compile(r"(?<![\w'’])(?:" + "|".join(pats) + r")(?!\w)", re.I) \
                if pats else None
        self.negation = words("negation")
        self.hypothetical = words("hypothetical")
        data = sorted((r["pattern"] for r in rows if r.get("kind") == "data"), key=len,
                      reverse=True)
        self.data_re = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(t) for t in data) +
                                  r")(?![\w\-])", re.I) if data else None
        self.data_cue = words("data_cue")
        self.data_negation = words("data_negation")


@Language.factory(
    "affected_services",
    requires=["doc.sents"],
    assigns=["doc._.services", "doc._.compromised_data"],
    default_config={"window": 40, "max_modifiers": 4, "data_window": 120},
)
def make_affected_services(nlp: Language, name: str, window: int, max_modifiers: int,
                           data_window: int) -> AffectedServices:
    register_extensions()
    return AffectedServices(nlp, name, window, max_modifiers, data_window)


__all__ = ["AffectedServices", "make_affected_services"]
