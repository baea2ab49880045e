"""Patterns and word lists of the speaker resolver (``speakers.py``): titles, name breaks,
organisation kinds and the regular expressions the resolver reads text with. Pure data and
pure functions of strings; no state."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.nlp.quote_rules import ORG_WORDS, ROLE_HEADS

__all__ = [
    "PUBLIC_BODY", "FEMALE_TITLES", "MALE_TITLES", "CAP_WORD", "PERSONAL_PRONOUN", "TAG_AFTER",
    "NOT_IN_TITLE", "TITLE_PLURALS", "TRADE_AGENT", "TITLE_PARTICIPLES", "AREA_ADVISER",
    "HANDLE_BEFORE", "HANDLE_WORD", "COLLEAGUE_BEFORE", "COLLEAGUE_AFTER", "DESCRIBED_TITLE",
    "ORG_ACTS", "FIRST_PERSON_SINGULAR", "FIRST_PERSON_PLURAL", "BRIEFING", "PARENT_ANY",
    "PARENT_BEFORE", "PARENT_AFTER", "alternation", "HEADS_ALT", "APPOSITION_HEAD", "ROLE_WORD",
    "CAPS_AFTER", "RUNS_CLAUSE", "LEADING_RELATIVE", "INITIALS_NAME", "word_re",
    "after_capitals_re", "literal_spans", "DOT_WORDS", "NAME_BREAK", "name_break", "surname_of",
    "NOUN_POSSESSOR", "DESCRIBED_LEAD", "TITLE_OF_BEFORE", "ORG_MODIFIER_AFTER",
    "HONORIFIC_BEFORE", "SELF_NAMED_GROUP", "HACKER_GROUP", "GROUP_MODIFIES", "inside_name",
    "NOW_RUNS", "SPOKES", "OPENING_NOUNS", "COUNSEL_SIDE", "COUNSEL_ROLE", "KIND_NOUNS",
    "KIND_STAFF_WORDS", "TITLE_MODIFIERS", "BODY_TITLE_WORDS", "ORG_DESC_NOUNS",
    "STAFF_TYPE_WORDS", "ATTACKER_MODIFIERS", "COMPANY_NOUNS", "IT_OR_THE_COMPANY", "VICTIM_NOUNS",
    "IT_AGENCY", "AUTHORITY_NAME", "CENTRAL_BANK", "SITE_WORDS", "PLACE_BASED", "MEDIA_WORDS",
    "INSTITUTION_STAFF", "ACADEMIC_WORDS", "ACADEMIC_NAME", "SECURITY_NAME", "GENERIC_NAME_WORDS",
    "OWNER_WORDS", "PLACE_AFTER_NAME", "VICTIM_VOICE", "VICTIM_PEOPLE", "ATTACKER_HEAD",
    "TITLE_KINDS", "REGION_OF", "TRADE_UNION", "POLICE_FORCE", "GENERIC_FORCE",
]



# a name that says it is a public body
PUBLIC_BODY = re.compile(r"\b(?:Agency|Department|Dept|Bureau|Ministry|Administration|Service|"
                          r"Office|Commission|Authority|Council|Board|Police|Government|"
                          r"Directorate|Inspectorate)\b")
# gendered titles, and the pronouns that tell a named person's gender
FEMALE_TITLES = frozenset({"spokeswoman", "chairwoman", "businesswoman", "congresswoman",
                            "councilwoman", "assemblywoman", "alderwoman", "saleswoman",
                            "policewoman", "headmistress", "mother", "daughter", "wife",
                            "sister", "grandmother"})
MALE_TITLES = frozenset({"spokesman", "chairman", "businessman", "congressman", "councilman",
                          "assemblyman", "alderman", "salesman", "policeman", "headmaster",
                          "father", "son", "husband", "brother", "grandfather"})
CAP_WORD = re.compile(r"\b[A-Z][\w\-]*\b")
PERSONAL_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
TAG_AFTER = re.compile(r"\s+(?:also\s+)?(?:said|says|added|adds|told|tells|wrote|writes|"
                        r"explained|noted|warned|continued|stated)\b")

# words that end a title read backwards from a name: conjunctions and time words
NOT_IN_TITLE = frozenset({"after", "before", "when", "while", "since", "because", "until",
                           "though", "although", "if", "hours", "days", "minutes", "weeks",
                           "then", "but", "or"})
# plural words that do stand before "of" inside a title ("Minister of State for Affairs" has
# none; "Department of Homeland Security's Director of Operations" neither)
TITLE_PLURALS = frozenset({"affairs", "operations", "sales", "communications", "arms",
                            "studies", "services", "systems", "relations", "programs",
                            "programmes", "products", "analytics", "solutions", "economics",
                            "governors", "directors", "trustees", "commissioners", "regents",
                            "supervisors", "selectmen", "aldermen", "representatives", "lords",
                            "commons", "arts", "sciences", "letters", "ops"})
# "estate agent X" is a trade, not a law-enforcement agent
TRADE_AGENT = frozenset({"estate", "travel", "letting", "lettings", "insurance", "booking",
                          "talent", "sports", "shipping", "patent", "press", "literary"})
# past participles that do belong to titles ("retired police chief", "elected mayor")
TITLE_PARTICIPLES = frozenset({"retired", "appointed", "elected", "acting", "licensed",
                                "certified", "chartered", "registered", "qualified", "renowned",
                                "respected", "based", "unnamed", "named", "designated",
                                "incorporated", "detailed", "advanced", "applied", "integrated",
                                "managed", "distributed", "embedded", "automated", "connected",
                                "regulated", "specialized", "specialised", "interested"})



# "Homeland Security adviser", "national security advisor": a title named after a policy
# area, not an employer
AREA_ADVISER = re.compile(r"(?i:(?:national|homeland|cyber|internal|economic|energy|foreign|"
                           r"domestic|public)\s+)?(?i:security|cybersecurity|cyber-security|"
                           r"policy|intelligence)\s+(?i:advis[eo]r|adviser)\b")
# a description, then the handle it introduces: "a security researcher who goes by the name of",
# "a Darkode staff member who used the handle", "an IT worker using the alias"
HANDLE_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+((?:[\w’'.\-]+\s+){0,5}?[\w’'.\-]+)\s*,?\s+(?:who\s+(?:goes|went|"
    r"go|is\s+going)\s+by|who\s+(?:uses|used|use)|using|under|known\s+(?:only\s+)?by|with)\s+"
    r"(?:the\s+)?(?:(?:online|user|screen|Twitter)\s+)?(?:name|handle|moniker|alias|nickname|"
    r"pseudonym|username|nom de guerre)(?:\s+of)?\s*[\"“'‘]?$")
HANDLE_WORD = re.compile(r"\b(?:name|handle|moniker|alias|nickname|pseudonym|username|"
                          r"nom de guerre)\b")
# "Her colleague, Dr", "his fellow researcher colleague"
COLLEAGUE_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:fellow\s+)?colleagues?\s*,?\s*"
                               r"(?:(?:Dr|Prof|Professor|Mr|Ms|Mrs)\.?\s+)?$")
COLLEAGUE_AFTER = re.compile(r"\s*,\s*(?:a|an|the)\s+(?:fellow\s+)?colleague\s+of\s+"
                              r"(?:(?:Dr|Prof|Professor|Mr|Ms|Mrs)\.?\s+)?"
                              r"([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})")
# a title after a determiner or a possessor: "the hospital's chief executive", "its CEO"
DESCRIBED_TITLE = re.compile(r"(?:the|its|their|this|that)\s+(?:[a-z]+['’]s\s+)?"
                              r"((?:[a-z\-]+\s+){0,3}[a-z\-]+)$", re.I)
# an organisation as a clause's subject: its name followed by a verb
ORG_ACTS = re.compile(r"\s+(?:has|have|had|is|was|were|are|will|would|can|could|did|does|do|"
                       r"[a-z]+ed)\b")
# first-person singular inside a quotation
FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|[Mm]y|me)\b")
# first-person plural inside a quotation
FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Ww]e|[Ww]e['’](?:re|ve|ll|d)|[Oo]ur|[Oo]urs|us)\b")
# "said at a White House briefing", "told a Europol press conference"
BRIEFING = re.compile(r"\b(?:at|during|to)\s+(?:an?|the)\s+((?:[A-Z][\w&.’'\-]*\s+){1,5}?)"
                       r"(?:press\s+|news\s+|media\s+)?(?:briefing|press conference|"
                       r"news conference)\b")
PARENT_ANY = re.compile(r"parent|\bowns\b|\bowner\b", re.I)
PARENT_BEFORE = re.compile(r"\bparent(?:\s+(?:company|firm|group|organi[sz]ation))?\s*,?\s*"
                            r"(?:the\s+)?$", re.I)
PARENT_AFTER = re.compile(r"\s*,?\s*(?:the\s+|its\s+|which\s+is\s+the\s+)?(?:parent\s+"
                           r"(?:company\s+|firm\s+|group\s+)?of|which\s+owns|owner\s+of)\s+",
                           re.I)


def alternation(words: set[str]) -> str:
    """``a|b|…`` of literal words grouped by first letter (``c(?:eo|hief|…)|d(?:…)``), longest
    first within a group: the regex engine tests one branch per letter, not every word."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(re.escape(c) + "(?:" + "|".join(re.escape(r) for r in sorted(
        rest, key=lambda r: (-len(r), r))) + ")" for c, rest in sorted(groups.items()))


HEADS_ALT = alternation(ROLE_HEADS)
APPOSITION_HEAD = re.compile(r",\s*(?:the |a |an )?[\w’'\- ]{0,60}?\b(" + HEADS_ALT + r")\b",
                              re.I)
# a role word (the whole word, one of ROLE_HEADS up to case; a word inside a hyphenated one
# ends where it ends) and the capitalised words after it
ROLE_WORD = re.compile(r"\b(?=[A-Za-z])((?i:" + HEADS_ALT + r"))(?![\w\-])")
CAPS_AFTER = re.compile(r",?\s+((?:[A-Z][\w’'.\-]*\s+){0,2}[A-Z][\w’'.\-]+)")
# a relative clause that says what a person runs ("who runs two cafés", "who owns the shop")
RUNS_CLAUSE = re.compile(
    r"who\s+(?:now\s+|also\s+|still\s+)?((?:runs|owns|co-owns|manages|heads|leads|founded|"
    r"co-founded|chairs|directs|oversees)\s+[^,;]{3,80})$")
LEADING_RELATIVE = re.compile(r"\s*([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}|(?:The|Its|This)\s+"
                               r"(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*),\s+(?:which|who)\s")
INITIALS_NAME = re.compile(r"^(?:[A-Z]\.){1,3}\s?[A-Z][\w’'\-]+$")


@lru_cache(maxsize=1024)
def word_re(word: str) -> re.Pattern:
    """``word`` between word boundaries, any case (compiled once per word)."""
    return re.compile(r"\b" + re.escape(word) + r"\b", re.I)


@lru_cache(maxsize=1024)
def after_capitals_re(name: str) -> re.Pattern:
    """One to three capitalised words, then ``name`` ("Allen " + "Stefanek")."""
    return re.compile(r"((?:[A-Z][\w’'.\-]*\s+){1,3})" + re.escape(name) + r"\b")


def literal_spans(needle: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``needle`` in ``text``, left to right without overlap (as ``re.finditer`` of
    the escaped string finds them)."""
    if not needle:
        return [m.span() for m in re.finditer("", text)]
    out = []
    pos = text.find(needle)
    while pos >= 0:
        out.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + len(needle))
    return out


# a word whose full stop is no sentence end inside a name: titles and suffixes ("Dr.",
# "Jr.", "St."), company suffixes ("Inc.") and initials or dotted acronyms ("J.", "U.S.")
DOT_WORDS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "mt", "ft", "rev",
                        "gen", "col", "capt", "cpt", "lt", "sgt", "det", "supt", "insp", "hon",
                        "sen", "rep", "gov", "pres", "inc", "co", "corp", "ltd", "bros", "no"})
NAME_BREAK = re.compile(r"(?<![\w.])([A-Za-z][\w’'\-]+)\.(?=[ \t\xa0]*[\r\n]|[ \t\xa0]+[A-Z])|"
                         r"[\r\n]")


def name_break(text: str, a: int, b: int) -> int | None:
    """The end of the first sentence inside the capitalised run [a, b): "Dmitri Vasquez.
    Ovalbank said", "Gail Preston.\n\nFenmoor, which …" (None when the run is one sentence)."""
    for m in NAME_BREAK.finditer(text, a, b):
        if m.group(1) is None:
            return m.start()
        w = m.group(1)
        if w.lower() in DOT_WORDS or "." in w or (w.isupper() and len(w) <= 2):
            continue
        return m.end(1)
    return None


def surname_of(full: str) -> str:
    """Last word of a full name ("T.J.Smith" -> "Smith")."""
    return re.split(r"[\s.]+", full.strip())[-1]


# a lower-case possessor before a title: "hospital group's", "company's", "city’s"
NOUN_POSSESSOR = re.compile(r"((?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)['’]s\s+")

# "<title> of " right before a capitalised run: "Head of Product Vulnerability Oded Vanunu"
# a sentence ending in a description of the speaker the next sentence names: "…, the former
# head of the National Cyber Security Centre has said.\n\n"
DESCRIBED_LEAD = re.compile(r"\b(?:the|a|an)\s+((?:former\s+)?(?:[a-z][\w\-]*\s+){0,3}?(?:"
                             + HEADS_ALT + r"))\s+(?:of|at|for)\s+(?:the\s+)?"
                             r"([A-Z][\w&’'\-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?"
                             r"[A-Z][\w&’'\-]*){0,6})\s+(?:has\s+|have\s+)?(?:said|says|"
                             r"warned|warns|told\s+[\w ]{2,30})\.\s*$")
TITLE_OF_BEFORE = re.compile(r"\b(?i:head|director|vice president|vp|chief|manager|lead|"
                              r"officer|president|minister|secretary|commissioner|"
                              r"spokesperson)\s+(?:of|for)\s+$")
# an organisation name used as a modifier: "the Expedia-owned site", "a Google-backed lab"
ORG_MODIFIER_AFTER = re.compile(r"-(?:owned|based|backed|linked|run|operated|affiliated|"
                                 r"funded|sponsored|controlled|led)\s+[a-z]")
# an honorific right before a name ("Dr. ", "Prof ")
HONORIFIC_BEFORE = re.compile(r"\b([A-Za-z]+)\.?[ \xa0]+$")

# a group that names itself or is named: "the hacking group calling itself NightShelf",
# "hackers known as X", "a gang dubbed X" (broader than org_lexicon.SELF_NAMED_GROUP, which
# only lists self-named groups as threat actors: here any such name is the attacker speaking)
SELF_NAMED_GROUP = re.compile(
    r"\b(?:group|gang|crew|collective|hackers|outfit)\s+(?:calling\s+(?:itself|themselves)|"
    r"known\s+as|dubbed|that\s+calls\s+itself|who\s+call\s+themselves)\s+(?:the\s+)?"
    r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})")
# a group introduced as attackers: "a hacking group", "a group of hackers", "a group calling
# itself …" (then "the group said" is the attacker, not the last organisation named)
HACKER_GROUP = re.compile(
    r"\b(?:hack\w*|cyber-?criminals?|criminal|extortion|ransomware|apt|hacktivists?|"
    r"cybercrime|attackers?)\s+(?:\w+\s+)?group\b|\bgroup\s+(?:of\s+(?:\w+\s+)?hackers|"
    r"calling\s+(?:itself|themselves)|known\s+as|dubbed|that\s+calls\s+itself|behind\s+the\s+"
    r"(?:attack|hack|breach|leak))", re.I)


# "group" modifying a noun is no group phrase: "group member", "group chat", "group policy"
GROUP_MODIFIES = re.compile(
    r"['’]?\s+(?:members?|membership|chats?|leaders?|leadership|policy|policies|insurance|"
    r"plans?|pages?|accounts?|admins?|administrators?|names?|size|sessions?|projects?|work|"
    r"settings?|video|calls?|texts?|messages?|e-?mails?|discussions?|photos?|level|"
    r"spokes(?:person|man|woman)|representatives?|executives?|chief|ceo|cfo|cio|cto|ciso|"
    r"head|chairman|chair|director|manager|officials?)\b")


def inside_name(text: str, s: int, gs: int) -> bool:
    """A group phrase [s, gs + 5) that is part of a capitalised name ("Google's Threat Analysis
    Group", "the Ransomware Task Group"), not a description."""
    if text[gs:gs + 1] == "G":
        return True
    if text[s:s + 1].isupper():
        return not re.search(r"(?:^|[.!?:\n][\"”’']?\s*)$", text[max(0, s - 4):s])
    return False


# "… who now runs / heads / founded <organisation>" inside an apposition
NOW_RUNS = re.compile(r",?\s+who\s+(?:now\s+|today\s+|currently\s+)?(?:runs|heads|leads|founded|"
                       r"co-founded|directs|owns|manages|works\s+(?:for|at))\s+(.{2,80})$")

SPOKES = {"spokesperson", "spokesman", "spokeswoman", "spokespeople"}
# capitalised nouns opening a description at a sentence start ("Industry body X", "Trade group
# Y"), never a one-word name
OPENING_NOUNS = frozenset({"industry", "trade", "sector", "consumer", "campaign", "union",
                            "lobby", "business", "privacy", "security", "opposition", "staff",
                            "customers", "employees", "residents", "parents", "patients",
                            "victims", "users", "critics", "experts", "officials", "sources"})
# "Defending, X said" / "Prosecuting, Y told the court": counsel named by the side they argue
COUNSEL_SIDE = re.compile(r"\b(Defending|Prosecuting|Mitigating)\s*,\s*$")
COUNSEL_ROLE = {"defending": "defence counsel", "mitigating": "defence counsel",
                 "prosecuting": "prosecutor"}
# kinds of organisation a title can name ("council leader", "City Manager", "Airport manager")
KIND_NOUNS = frozenset({"council", "city", "county", "town", "trust", "hospital", "airport",
                         "school", "schools", "district", "university", "college", "port",
                         "borough", "parish", "clinic", "library", "museum", "airline"})
# titles that, with a kind of organisation, make a person its staff or officer
KIND_STAFF_WORDS = frozenset({"leader", "commissioner", "member", "clerk", "treasurer",
                               "secretary", "solicitor", "attorney", "engineer", "official",
                               "officials", "supervisor", "deputy", "chair", "trustee"})
# capitalised words that modify a title at a sentence start, never an employer's name
TITLE_MODIFIERS = frozenset({"former", "acting", "interim", "senior", "junior", "deputy",
                              "assistant", "associate", "veteran", "longtime", "local", "new",
                              "then", "retired", "independent", "outgoing", "incoming", "lead",
                              "executive", "managing", "general", "principal", "chief",
                              "top", "leading", "prominent", "fellow", "another", "one"})
# bodies whose name is part of a title ("Opposition leader", "Cabinet member for finance")
BODY_TITLE_WORDS = frozenset({"opposition", "cabinet", "council", "board", "committee",
                               "government", "finance", "parliament", "house", "senate",
                               "assembly", "city", "county", "town", "party", "union",
                               "shadow", "majority", "minority", "select", "health",
                               "education", "security", "defence", "defense", "justice",
                               "it", "technology", "communications", "media", "press"})
# nouns that describe an organisation before its name ("audio-visual specialist X")
ORG_DESC_NOUNS = {"specialist", "consultancy", "outfit", "firm", "company", "agency",
                   "publisher", "studio", "practice", "charity", "nonprofit", "non-profit"}
STAFF_TYPE_WORDS = SPOKES | {
    "employee", "staff", "executive", "executives", "representative", "ceo", "chief",
    "president", "officials", "official", "director", "manager", "officer", "principal",
    "superintendent", "mayor", "chairman", "chairwoman", "founder", "board", "member",
    "trustee", "administrator", "coordinator", "treasurer", "clerk", "cio", "cto", "ciso",
    "chancellor", "provost",
    "coo", "cfo", "cmo", "cao", "cdo", "vp", "head"}
# nouns of an unnamed organisation speaking ("the hospital said"): the affected side
# words that make a group the attackers ("the extortion group", "the ransomware gang")
ATTACKER_MODIFIERS = frozenset({"extortion", "ransomware", "hacking", "hacker", "hackers",
                                 "cybercrime", "cybercriminal", "criminal", "hacktivist",
                                 "extortionist", "ransom", "threat", "apt", "espionage",
                                 "phishing", "scam", "fraud"})
# nouns for a business ("the company said"), never a public body
COMPANY_NOUNS = frozenset({"company", "firm", "business", "retailer", "lender", "insurer",
                            "chain", "maker", "manufacturer", "provider", "supplier", "startup",
                            "bank", "giant", "brand"})
IT_OR_THE_COMPANY = re.compile(r"[\s\"“‘']*(?:(It)\b|The\s+(?:[a-z][\w\-]*\s+)??("
                                + "|".join(sorted(COMPANY_NOUNS)) + r")\b)")
VICTIM_NOUNS = {"company", "party", "campaign", "hospital", "city", "school", "district",
                 "bank", "retailer", "council", "university", "business", "organisation",
                 "organization", "utility", "county", "lender", "insurer", "chain", "operator"}
IT_AGENCY = re.compile(r"\b(?:(?i:information technology|technology services|information services)|"
                        r"IT (?i:department|office|services|agency|division)|OIT|DoIT)\b")
AUTHORITY_NAME = re.compile(
    r"\b(?:police|polizei|policía|polizia|gendarmerie|ministry|ministère|ministerium|ministero|"
    r"department of|government|agency|bureau|commission|commissioner|regulator|FBI|CISA|NCSC|"
    r"BSI|ANSSI|Anssi|CERT|CSIRT|national guard|homeland|court|prosecutor|attorney general|"
    r"administration|inspector general|FDA|FTC|SEC|DHS|DOJ|NSA|GCHQ|OIG|"
    r"white house|parliament|congress|senate|europol|interpol|landeskriminalamt|"
    r"staatsanwaltschaft|procura|parquet|sûreté|carabinieri|guardia civil|constabulary|"
    r"garda|reserve bank|central bank|federal reserve|bundesbank)\b", re.I)
# central banks: regulators, never "the bank" whose chief executive speaks
CENTRAL_BANK = re.compile(r"\b(?:reserve bank|central bank|federal reserve|bundesbank|"
                           r"bank of (?:england|japan|canada|france|italy|spain))\b", re.I)
# where a statement is posted ("a statement on its website")
SITE_WORDS = {"site", "website", "web", "blog", "page", "webpage", "feed", "twitter", "facebook",
               "account", "portal", "homepage", "forum", "channel", "x"}
# a place as the seat of an organisation: "New Jersey-based", "Paris-headquartered"
PLACE_BASED = re.compile(r"[\-‐](?:based|headquartered|born)\b")
# the press: "… news website", "… Gazette", "the Daily …"
MEDIA_WORDS = re.compile(r"\b(?i:news(?:paper)?s?|news\s+(?:site|website|agency|outlet)|"
                          r"newspaper|magazine|broadcaster|tabloid)\b|\b(?:Gazette|Herald|Tribune|"
                          r"Journal|Times|Chronicle|Advocate|Observer|Daily|Weekly)\b")
# staff who speak for a university or institute (not its academics, lawyers or fellows)
INSTITUTION_STAFF = {"affairs", "communications", "media", "relations", "spokesperson",
                      "chancellor", "provost", "registrar", "cio", "ciso", "cto", "it",
                      "information", "technology", "president", "administrator", "officer"}
# the titles of academics and students
ACADEMIC_WORDS = {"professor", "student", "students", "researcher", "researchers", "lecturer",
                   "scientist", "scientists", "fellow", "phd", "postdoc", "postdoctoral",
                   "doctoral", "academic", "research", "reader", "candidate", "graduate"}
ACADEMIC_NAME = re.compile(r"universit|college|institut|hochschule|polytechn|academy|académie",
                            re.I)
SECURITY_NAME = re.compile(
    r"secur|cyber|\blabs?\b|research|threat|intelligence|forensic|pen ?test|anti-?virus|"
    r"malware|infosec|sicurezza|sécurité|sicherheit", re.I)
GENERIC_NAME_WORDS = ORG_WORDS | {
    "city", "town", "village", "state", "of", "and", "the", "for", "new", "north", "south",
    "east", "west", "united", "national", "american", "us", "uk", "public", "general",
    "community", "regional", "central", "first", "saint", "st", "de", "la", "le", "der",
    "die", "das", "di", "del", "des", "du"}
# owners and partners of a business ("a founding partner at X", "the owner of Y")
OWNER_WORDS = frozenset({"owner", "co-owner", "partner", "founder", "co-founder", "cofounder",
                          "proprietor"})
# where an organisation is, after its name: "Marlow Pike Architects in Stokes Croft"
PLACE_AFTER_NAME = re.compile(r"\s+in\s+(?:the\s+)?[A-Z][\w\-’']*(?:\s+[A-Z][\w\-’']*){0,2}$")
# a speaker's own words as the victim of the incident: "our systems", "we refused to pay",
# "we have brought in external experts", "I am deeply sorry"
VICTIM_VOICE = re.compile(
    r"\b(?i:our\s+(?:own\s+)?(?:systems?|networks?|servers?|data|files|records|website|"
    r"operations|computers|backups)\b|"
    r"we\s+(?:were|have\s+been|had\s+been)\s+(?:hit|attacked|breached|targeted|hacked|"
    r"compromised)\b|we\s+(?:refused|will\s+not|won['’]t|did\s+not|didn['’]t|would\s+not)\s+"
    r"(?:to\s+)?pay\b|we(?:\s+have|['’]ve)\s+(?:brought|called)\s+in\b|"
    r"(?:we|I)\s+(?:sincerely\s+|deeply\s+)?(?:apologi[sz]e|regret)\b|"
    r"(?:I\s+am|I['’]m|we\s+are|we['’]re)\s+(?:deeply\s+|very\s+|truly\s+|so\s+)?sorry\b)")
# the people an organisation serves, in its own voice: the victim's, or a supplier's, a
# consultancy's or an association's ("attacks like this hit our customers every week")
VICTIM_PEOPLE = re.compile(r"\b(?i:our\s+(?:own\s+)?(?:customers|clients|patients|students|"
                           r"members)\b)")
# a group noun right before a name: "the hacktivist group X", "the ransomware gang X" (not
# "ransomware-hit retailer X")
ATTACKER_HEAD = re.compile(r"\b(?i:group|gang|crew|collective|outfit|syndicate|cartel|"
                           r"hackers?|hacktivists?|actor)\s+$")
# a place's police force in running text: "Bengaluru police", "the Pune cyber police"
POLICE_FORCE = re.compile(r"\b((?:[A-Z][\w\-]*\s+){1,3}(?:(?:cyber|city|state|district|rural|"
                          r"metropolitan|crime)\s+)?police)\b")
# words that name no place before "police" ("State police", "Local police")
GENERIC_FORCE = frozenset({"local", "state", "federal", "national", "city", "regional", "county",
                           "provincial", "municipal", "cyber", "traffic", "border", "military",
                           "secret", "transport", "railway", "district", "rural", "metropolitan",
                           "crime", "riot"})
# titles that name the head of a kind of organisation ("Superintendent X" runs a school
# district, "Mayor Y" a town), by the title's last word
TITLE_KINDS = {
    "superintendent": frozenset({"district", "school", "schools"}),
    "headteacher": frozenset({"school", "academy", "college"}),
    "headmaster": frozenset({"school", "academy", "college"}),
    "headmistress": frozenset({"school", "academy", "college"}),
    "mayor": frozenset({"city", "town", "borough", "village", "municipality"}),
    "dean": frozenset({"university", "college"}),
    "provost": frozenset({"university", "college"}),
}
# a region named as "<kind> of <Name>" ("state of Hesse"): a place, whatever tagged it
REGION_OF = re.compile(r"(?:the\s+)?(?:state|province|region|canton|county|land)\s+of\s+[A-Z]",
                        re.I)
# a trade union by its name ("Unite the Union", "Irish Federation of University Teachers"),
# not the European Union nor a credit union
TRADE_UNION = re.compile(r"\b(?<!European )(?<!Credit )(?<!credit )Unions?\b|\bFederation\s+of\s+"
                         r"(?:[A-Z][\w\-]*\s+){0,3}(?:Teachers|Workers|Employees|Nurses|Staff|"
                         r"Doctors|Unions|Journalists|Professionals)\b")
