"""Does an English text report a cyber incident, or only use computer vocabulary?

The attack-type model is trained on incident summaries and cyber news, so on news about
something else (a plague case, a prison scandal, a gadget review) it can still give a
confident label. An article that never names a computer-security term reports no cyber
incident, whatever the model says: :func:`names_cyber_terms` is that check, applied by
:func:`pipeline.classifier.classify` to full-length English articles (``CHECK_MIN_CHARS``)
the model calls incidents or advisories. Naming technology is not reporting an incident,
though: a gift guide names laptops and USB sticks, a hospital's press release patient data
and software, a court story one "… hit by ransomware attack" teaser line. A full-length
article the model calls an incident must also pass :func:`reports_cyber_event`: a security
term (``SECURITY_TERMS``) or an event (``EVENT_TERMS``) in the title, security terms in two
different phrases, or one sentence telling something happening to information or equipment
(``PLAIN_OBJECTS``: "the laptop was stolen", "records were viewed", "statements were mailed
to the wrong members"). Shorter articles (``ASSET_MIN_CHARS`` up to ``CHECK_MIN_CHARS``)
may tell a data incident in everyday words, but when they name no cyber term they still name
the information or equipment it happened to — records, files, data, a laptop, an email, a
system — and something happening (stolen, sent to, viewed, in error …):
:func:`tells_asset_event` is that weaker check (a blackmailer who threatens by post to publish
private letters names neither; a bird count names "results" and "records" and no event).
Words with a cyber sense count only in it: a "stomach bug in" a town, a "Trojan horse" cargo,
"spoofing" a futures market are not security terms; a "key" (adjective) or "a statement"
(press) is no information asset.
Terms are chosen to be rare outside computing ("ransom" alone is kidnapping news, "breach"
alone is contract news, "attack" alone is war or medicine); :func:`names_cyber_terms` looks for
the security terms and the technology objects (``OBJECT_TERMS``). The three lists of
information and equipment (``OBJECT_TERMS``, ``PLAIN_OBJECTS``, ``INFORMATION_ASSETS``) are
composed from shared word lists.
"""
from __future__ import annotations

import re

from pipeline.sentences import split_sentences

# full-length articles only: shorter incident summaries (VCDB's misdelivered letters, an
# employee photographing a patient) report data incidents in everyday words
CHECK_MIN_CHARS = 1500
# articles from this length up to CHECK_MIN_CHARS must at least name an information asset
# (of VCDB's 638 summaries of 600-1,499 characters, 68 name no computer-security term and
# every one of them names such an asset; below 600 characters some do not)
ASSET_MIN_CHARS = 600
# a full-length article the model calls an incident must name security terms in
# REPEAT_MIN_PHRASES different phrases, unless its title names one or a sentence tells an
# event on information or equipment (see reports_cyber_event)
REPEAT_MIN_PHRASES = 2

# the vocabulary of attacks, attackers, their tools and security work: rare outside computing
SECURITY_TERMS = re.compile(r"""\b(?:
    cyber\w* | hack(?:ed|er|ers|ing|s)? | hacktivis\w* | infosec | identity\s+theft
  | (?:data|security|privacy)\s+breach\w* | breach\w*\s+(?:of\s+)?(?:its|their|the)?\s*(?:it\s+)?
        (?:systems?|networks?|servers?|databases?|computers?)
  | ransomware | ransom\s+(?:attacks?|demands?|notes?|payments?) | extortion\s+gang\w*
  | malware | malicious | phish\w* | smishing | vishing
  | spoof(?:ed|ing|s)?\s+(?:\w+\s+)?(?:e-?mails?|domains?|web\s?sites?|sites?|callers?|calls?
        |(?:phone\s+)?numbers?|senders?|address\w*|identit\w*|pages?|apps?|texts?|sms|messages?
        |logins?|ip|gps|dns|certificates?|accounts?)
  | (?:e-?mails?|domains?|web\s?sites?|caller\s+id|numbers?|address\w*|pages?|accounts?)
        \s+(?:was\s+|were\s+|had\s+been\s+)?spoofed
  | ddos | denial[- ]of[- ]service | spyware | stalkerware | botnets? | backdoors?
  | trojans?(?!\s+horses?\b) | trojan\s+horses?\s+(?:programs?|malware|virus\w*|software|apps?|files?)
  | keyloggers? | rootkits? | wipers? | info-?stealers? | zero[- ]days? | cve-\d+
  | vulnerabilit(?:y|ies) | exploit(?:ed|ing|s)?\s+(?:a\s+|the\s+)?(?:flaw|bug|vulnerabilit\w*)
  | (?:security\s+)?(?<!stomach\s)(?<!tummy\s)(?<!winter\s)(?:flaws?|bugs?)\s+in | unauthori[sz]ed\s+access | threat\s+actors?
  | skimm(?:er|ers|ing) | credential\w* | passwords? | encrypt\w* | decrypt\w*
  | firewalls? | antivirus | security\s+(?:researchers?|firms?|experts?|patch\w*|updates?|incidents?)
  | data\s+(?:leak\w*|theft|exposure) | compromis\w*\s+(?:accounts?|systems?|servers?|networks?|data|emails?)
  | intrusions? | doxx?\w* | two-factor | 2fa | sim[- ]swap\w* | jailbreak\w*
  | (?:sql|code|script|html|xfbml)\s+injection | publi(?:c|ca)lly\s+accessible
  | breach\w*\s+of\s+(?:security|privacy|data|confidentiality)
  | security\s+(?:flaws?|bugs?|holes?|loopholes?|loop|settings?|teams?|issues?|bypass\w*|protocols?)
  | bypass\w*\s+(?:the\s+)?(?:security|authentication|lock\w*|login)
  | (?:releas\w*|issu\w*|push\w*|rolls?\s+out|rolled\s+out)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:patch|fix)(?:es)?
  | (?:is|are|was|were|being|been)\s+(?:actively\s+)?exploited
  | misdeliver\w* | mis-?mailed | (?:sent|mailed|faxed|e-?mailed)\s+to\s+the\s+wrong
  | look-?alike\s+(?:e-?mail\s+)?(?:domains?|addresses|address|web\s?sites?|sites?)
  | (?:ceo|invoice|mandate|payment[- ]diversion|bec)\s+(?:fraud|scam)s? | business\s+e-?mail\s+compromise
)\b""", re.I | re.X)

def _words(*parts: str) -> "re.Pattern[str]":
    """One case-insensitive verbose pattern: any of the alternatives ``parts`` as whole words."""
    return re.compile(r"\b(?:" + "\n  | ".join(parts) + "\n" + r")\b", re.I | re.X)


# the words for information and equipment that the lists below share
_DEVICE_WORDS = r"servers? | databases? | laptops? | usb"
_CARD_DATA = r"card\s+(?:numbers?|details|data)"
_ASSET_WORDS = r"""data | information | records? | files? | documents? | paperwork | details
  | computers? | notebooks? | tablets? | (?:smart|mobile|cell)?phones? | devices?
  | disks? | tapes? | backups? | """ + _DEVICE_WORDS + r"""
  | e-?mails? | inbox\w* | accounts? | logins? | passwords? | credentials? | ssns?
  | charts? | x-rays? | prescriptions? | spreadsheets? | payroll | websites? | web\s?sites?"""

# technology and information an incident can happen to; common in any technology, health or
# finance story (a gadget review names laptops and USB sticks, a hospital press release
# patient data and software), so on their own they report nothing
OBJECT_TERMS = _words(
    _DEVICE_WORDS, _CARD_DATA,
    r"""personal\s+(?:data|information|details) | (?:computer|it|network)\s+systems?
  | (?:email|e-mail|online|user)\s+accounts?
  | software | browsers? | vpns? | bitcoin | cryptocurrenc\w* | blockchain
  | dates?\s+of\s+birth | social\s+security\s+(?:numbers?|nos?\.?) | hipaa | gdpr | pii
  | (?:personally\s+identifiable|protected\s+health)\s+information | names\s+and\s+addresses
  | (?:medical|health|tax|confidential|sensitive|private|financial|bank|payroll)\s+(?:\w+\s+)?
        (?:documents?|records?|information|data|details|files)
  | lab\s+results | (?:paper|hard)\s+cop(?:y|ies)
  | patients?['\u2019]?s?\s+(?:\w+\s+)?(?:information|records?|data|details|results|files|charts?)
  | hard\s+drives? | (?:patient|medical|health|customer|client|employee|staff
        |student|voter)\s+(?:records|files|data|information)""")

# information or equipment an incident told in plain words happens to (narrower than
# INFORMATION_ASSETS: "system", "online" or "apps" name anything in a technology story)
PLAIN_OBJECTS = _words(
    r"""(?:hard|flash|thumb|usb)\s?drives? | (?:credit|debit|bank)\s+cards?
  | social\s+security\s+numbers? | statements? | faxe?s?
  | phi | trade\s+secrets? | (?:client|customer|patient)\s+lists? | (?:confidential|proprietary)\s+\w+""",
    _CARD_DATA, _ASSET_WORDS)

# something happened to it: attacked, hacked, breached, stolen, leaked, exposed, encrypted,
# lost, misdelivered, scammed, phished, viewed or sent where it should not have been …
EVENT_TERMS = re.compile(r"""\b(?:
    attack(?:s|ed)? | hack(?:ed|ing)? | breach(?:ed|es)? | compromised
  | st(?:o|e)len | stole | steal(?:s|ing)? | theft | thie(?:f|ves) | burglar\w* | break-?ins? | br(?:oke|oken)\s+into
  | leak\w* | exposed | encrypted | locked\s+(?:up|out) | ransomed | extort\w*
  | lost | misplaced | (?:went|gone|go|goes|is|are|was|were)\s+missing
  | misdeliver\w* | mis-?mailed | (?:sent|mailed|faxed|e-?mailed|posted)\s+to
  | scam(?:s|med)? | phished | fraudulent(?:ly)? | infected | defaced | snoop\w*
  | accessed | accessing | to\s+access | look(?:ed|ing)\s+up | search(?:ed|ing) | viewed
  | e-?mailed | forwarded | uploaded | exfiltrat\w* | dumped | dumpsters? | discarded
  | disposed | abandon\w*
  | found\s+(?:in|inside|on|at|by|dumped|lying) | left\s+(?:behind|unattended|open|unlocked)
  | unaccounted | could\s+not\s+be\s+(?:located|found) | rob(?:bed|bery|beries|bers?)? | heist
  | retain(?:ed|ing) | downloaded | copied | took | taken | damag(?:ed|ing)
  | misus(?:ed|ing) | giv(?:e|es|ing|en)\s+away | gave\s+away | deleted | wiped | sabotag\w*
  | release\s+of | released | spilled | posted | published | disclosed | sold | selling | shared
  | inadvertent\w* | mistaken\w* | by\s+mistake | in\s+error | erroneous\w* | glitch\w* | blunder\w*
  | mix-?up | without\s+(?:permission|authori[sz]ation|consent) | unauthori[sz]ed | intrud\w*
  | (?:taken|knocked|forced)\s+offline | outage | spy(?:ing)?\s+(?:programs?|programmes?|tools?)
  | spying | spied | eavesdrop\w* | wiretap\w* | intercept(?:ed|ing) | harvest(?:ed|ing)
  | mistakes? | errors? | incorrect(?:ly)? | wrong(?:ly)? | intended\s+for | addressed\s+to
  | belong(?:ed|ing|s)?\s+to\s+(?:another|other|a\s+different|\d+\s+other)
  | included\s+(?:in|with) | violat\w* | record(?:ing|ed)\s+(?:photos?|videos?|images?|calls?)
  | listen(?:ed|ing)\s+to
  | (?:inappropriate|improper|unlawful|illegal)(?:ly)?\s+(?:access\w*|disclos\w*|us(?:e|ed)|view\w*|shar\w*)
)\b""", re.I | re.X)


# the information or equipment a data incident happens to (deliberately broad: a misdelivered
# statement, a stolen phone, patient charts); "letters" and "post" are not in it, since a
# blackmail or a poison-pen letter is no data incident of its own
INFORMATION_ASSETS = _words(
    _ASSET_WORDS,
    r"""pcs? | drives? | thumb\s?drives? | media | systems? | networks? | web | online | internet
  | cards? | numbers? | pins? | keys | (?:encryption|private|public|api|access|security|licen[cs]e
        |product|door|car|office|master)\s+keys? | portals? | apps? | software
  | scans? | results | reports? | lists? | forms? | invoices? | statements
  | (?:bank|account|card|billing|financial|tax|benefits?|pension|credit|payment|medical)\s+statements?
  | faxe?[sd]? | cctv | cameras? | footage | photos? | photographs? | images? | videos?""")


# cue words in their everyday sense: a kidnapper's ransom, a flu virus, a sports team's
# "Trojans", a river that breached its banks, an oil or gas leak, "phishing for compliments".
# A text whose incident vocabulary is all of this kind (see everyday_sense_only) tells no
# cyber incident, whatever its length.
EVERYDAY_SENSES = re.compile(r"""\b(?:
    (?:kidnap\w*|abduct\w*|hostages?|gunmen|armed\s+men|captors?|pirates)\b[^.|]{0,200}?\bransom\w*
  | (?:hold\w*|held)\s+(?:him|her|them|the\s+\w+)\s+for\s+(?:a\s+)?ransom\w*
  | ransom\w*\b[^.|]{0,200}?\b(?:kidnap\w*|abduct\w*|hostages?|gunmen|captors?|for\s+(?:his|her|their)\s+release)
  | (?:flu|influenza|covid\w*|corona|norovirus|measles|mpox|zika|ebola|stomach|bird\s+flu)\W+(?:\w+\W+){0,3}?virus\w*
  | virus\w*\W+(?:\w+\W+){0,3}?(?:outbreak|symptoms?|infections?|vaccin\w*|patients?\s+with|spreads?|spreading)
  | (?:outbreak|symptoms?|vaccin\w*)\W+(?:\w+\W+){0,12}?virus\w*
  | breach(?:ed|es|ing)?\s+(?:its|their|the|river)?\s*(?:\w+\s+)?(?:banks?|levees?|dams?|defen[cs]es?|line|walls?|barriers?)
  | (?:oil|gas|crude|fuel|water|sewage|chemical|pipeline|methane|ammonia|radiation|roof)\s+(?:\w+\s+)?leak\w*
  | leak\w*\s+(?:of|from)\s+(?:a\s+|the\s+)?(?:\w+\s+){0,2}?(?:pipeline|oil|gas|crude|fuel|water|sewage|chemicals?|tank|pipe)s?
  | phishing\s+for\s+(?:compliments|praise|votes|likes|attention)
  | (?:[A-Z]\w+['’]s\s+)?Trojans(?=[^.|]{0,120}\b(?:beat|win|won|defeat\w*|game|season|coach|quarterback|score\w*|overtime|touchdowns?|league|fans|stadium|rivalry)\b)
  | (?:beat|defeat\w*|against|the|USC|Troy)\s+Trojans\b
  | (?i:breach(?:es|ed)?\s+of\s+(?:(?:the|an?|his|her|their|its)\s+)?(?:employment\s+|building\s+|planning\s+)?
        (?:contract|duty|statutory\s+duty|fiduciary\s+duty|trust|warranty|covenant|promise|peace
        |bail|undertakings?|rules|regulations|code\s+of\s+conduct|licen[cs]e\s+conditions?|planning\s+\w+))
  | (?i:(?:contract|bail|planning|licen[cs]e|rules?|covid|lockdown|curfew)\s+breach(?:es)?)
  | (?i:(?:kitchen|life|cooking|baking|cleaning|travel|money|garden\w*|beauty|parenting|household
        |home|hair|packing|budget|storage|christmas|holiday|lunchbox|laundry|fitness|study)\s+hacks?
        |(?:best|simple|easy|clever|handy|quick|top|favourite|favorite|genius|little|neat)\s+hacks?\s+(?:i|we|you|is|are|for)\b)
  | (?i:worm\s+farm\w*|earthworms?|(?:compost(?:ing)?|garden|red|tiger|fishing|bait)\s+worms
        |worms?\s+(?:will\s+)?(?:eat|eats|ate|farm|bins?|castings|compost))
)""", re.X)

# a sports report: attack and defence, breaches and exploited gaps belong to the game (see
# everyday_sense_only). Words any club, surgery or company story uses (team, manager, match,
# penalty, fans, season, stadium …; SPORT_WORDS) count only beside words that belong to the
# game alone (SPORT_EVIDENCE: a score, a goalkeeper, a touchdown, half-time, a win over …);
# league and coach together count as such evidence. SPORT_MIN_WORDS different stems in all
# ("team" and "teams" are one), at least one of them evidence.
SPORT_EVIDENCE = re.compile(r"""\b(?:
    semi-?finals? | quarter-?finals? | referees? | goalkeepers? | strikers? | midfield\w*
  | forward\s+line | scored | goalscorers? | touchdowns? | wickets? | innings | hurl(?:ers?|ing)
  | footballers? | rugby | hockey | netball | half-?time | full-?time | first\s+half | second\s+half
  | extra\s+time | points?\s+(?:clear|behind|ahead) | quarterbacks? | cup\s+(?:tie|final)s?
  | \d{1,2}-\d{1,2}\s+(?:to\s+\d{1,2}-\d{1,2}\s+)?(?:win|victory|defeat|loss|draw)
  | (?:win|victory|defeat|draw)\s+(?:over|against)
)\b""", re.I | re.X)
SPORT_WORDS = re.compile(r"""\b(?:
    league | match(?:es)? | fixtures? | season | championship | derby | opener | manager | coach
  | captain | goals? | tries | penalt(?:y|ies) | teams? | squad | fans | stadium | pitch
)\b""", re.I | re.X)
SPORT_MIN_WORDS = 3
# the game's senses; a data, security or privacy breach, a cyber attack and hacked accounts
# are never the game's
SPORT_SENSES = re.compile(
    r"\b(?:(?<!cyber\s)(?<!cyber-)attack(?:s|ed|ing|ers?)?|defen[cs]es?"
    r"|(?<!data\s)(?<!security\s)(?<!privacy\s)breach(?:ed|es|ing)?"
    r"(?!\s+of\s+(?:data|security|privacy))"
    r"|exploit(?:ed|ing|s)?|target(?:ed|ing|s)?"
    r"|(?<!accounts\swere\s)(?<!account\swas\s)hack(?:ed|s)?(?!\s+(?:\w+\s+)?accounts?\b))\b", re.I)

# a cyber cause ruled out: "a faulty update, not a cyber attack", "no evidence of malicious
# activity", "the outage was not caused by a hack" (see negated_cyber_cause)
NEGATED_CAUSE = re.compile(r"""\b(?:
    not\s+(?:a\s+|an\s+|the\s+result\s+of\s+(?:a\s+|an\s+)?|caused\s+by\s+(?:a\s+|an\s+)?|due\s+to\s+(?:a\s+|an\s+)?)?
        _CAUSE(?:\s*,?\s*(?:or|nor)\s+(?:any\s+(?:other\s+)?|other\s+|an?\s+)?_CAUSE)*
  | no\s+(?:evidence|sign|indication|suggestion)s?\s+(?:of|that|to\s+suggest)\s+(?:any\s+|a\s+|an\s+)?
        (?:[^.|]{0,40}?)(?:cyber[- ]?\s*(?:attack|incident|activity)s?|hack\w*|_MAL|ransomware|foul\s+play)
  | ruled\s+out\s+(?:a\s+|any\s+)?(?:cyber[- ]?\s*(?:attack|incident)s?|hack\w*|_MAL|foul\s+play)
  | (?:cyber[- ]?\s*attack|hack)s?\s+(?:has|have|had)\s+been\s+ruled\s+out
)\b""".replace(
    "_CAUSE", r"(?:cyber[- ]?\s*(?:attack|incident|security\s+incident)s?|hack(?:ing|ers?)?|_MAL"
    r"|ransomware(?:\s+attack)?)").replace("_MAL", r"malicious(?:\s+(?:activity|attacks?|acts?|action|cause|intrusion|actors?|third\s+part(?:y|ies)))?(?!\s+intent)"),
    re.I | re.X)


# a service disruption, the event an outage story ruled non-malicious tells ("the outage was
# caused by a faulty update, not a cyber attack"; "the update contained an error"): no data
# incident on its own ("sent in error" stays an event)
SERVICE_DISRUPTION = re.compile(
    r"\b(?:outages?|glitch\w*|downtime|(?:taken|knocked|forced|went|go|goes)\s+offline"
    r"|(?:an?|the)\s+(?:\w+\s+)?(?:errors?|faults?|bugs?|failures?))\b", re.I)
# ... unless it showed someone's information to others: "customers were shown other people's
# account balances", "users could see strangers' names and addresses" is a data incident,
# whatever its cause
SHOWN_TO_OTHERS = re.compile(r"""\b(?:
    (?:shown|showed|shows|show|saw|see|seen|sees|view\w*|displayed|displaying|exposed|exposing
        |visible|revealed|access\w*)\b[^.|]{0,60}?\b(?:other\s+(?:people|customers?|users?|members?
        |patients?|clients?|account\s+holders?|students?|employees?|staff)['’]?s?
        |another\s+(?:person|customer|user|member|patient|client)['’]s|strangers?['’]?s?
        |someone\s+else['’]s|the\s+wrong\s+(?:customers?|people|users?|accounts?))
  | (?:details|data|information|records?|balances?|accounts?|names|addresses|transactions)\s+
        (?:\w+\s+){0,3}?(?:belonging\s+to|of)\s+(?:other|another|strangers?)\b[^.|]{0,60}?
        \b(?:shown|displayed|visible|seen|exposed|viewed)
)""", re.I | re.X)


# titles of genres that are about cyber security without reporting an attack: a review, an
# op-ed, an explainer, a survey, company results, a funding round, a strategy launch
GENRE_TITLE = re.compile(r"""(?:
    ^\s*(?:(?:film|movie|book|tv|television|game|theatre|theater|album|product)\s+)?review\s*:
  | ^\s*(?:op-?ed|opinion|comment|editorial|explainer|annual\s+report|survey|poll|company\s+results
        |results|earnings|interview|podcast|letters?|obituary|quiz|q\s*&\s*a)\s*:
  | \braises\s+(?:[$£€]|us\$|eur\s*)\s?\d[\d.,]*\s*(?:million|m|mn|bn|billion)\b
  | \bseries\s+[a-f]\s+(?:round|funding)\b | \bfunding\s+round\b
  | \b(?:unveils|publishes|launches|sets\s+out)\s+(?:\w+\s+){0,3}?strategy\b
  | \b(?:profits?|revenues?|sales|earnings)\s+(?:up|down|rises?|falls?|jumps?|slumps?|beats?|misses)\b
  | \b(?:quarterly|q[1-4]|first-quarter|second-quarter|third-quarter|fourth-quarter|full-year)
        \s+(?:results|earnings|revenue|profits?)\b
)""", re.I | re.X)


def genre_title(title: str) -> bool:
    """Whether ``title`` names a genre that discusses cyber security without reporting an
    attack (``GENRE_TITLE``: "Film review: …", "Op-ed: …", "Explainer: …", "Annual report: …",
    "… raises $60 million Series B", "… profits up as …", "… unveils national cyber
    strategy"), unless it names one attack ("After the Clarion attack, …", ``NAMED_ATTACK``)."""
    return (GENRE_TITLE.search(title) is not None and not NAMED_ATTACK.search(title)
            and not ATTACK_TITLE.search(title))


# a title naming an attack, whatever else it tells: "M&S profits slump after cyber attack" is
# company results caused by a reported incident. Ransomware counts as an attack, not as a
# market ("profits up as ransomware fears grow"); "hacker" alone names a character or a trade
ATTACK_TITLE = re.compile(
    r"\b(?:cyber[- ]?\s*(?:attack|incident)s?|ransomware\s+(?:attack|incident|gang)s?"
    r"|(?:hit|struck|crippled|disrupted)\s+by\s+(?:a\s+)?ransomware|hack(?:s|ed)?"
    r"|(?:data\s+|security\s+)?breach(?:es|ed)?|data\s+leaks?)\b", re.I)


# a title naming one attack by its victim's or its own name: "Opinion: After the Clarion attack,
# the NHS must stop outsourcing its risk" is comment on a reported incident
NAMED_ATTACK = re.compile(
    r"\bthe\s+[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*\s+(?:cyber[- ]?)?"
    r"(?:attack|hack|breach|data\s+breach|ransomware\s+attack|cyber\s*attack|incident)s?\b")


def _blank(text: str, pattern: "re.Pattern[str]") -> tuple[str, bool]:
    """``text`` with every match of ``pattern`` replaced by spaces, and whether any matched."""
    found = False

    def sub(m):
        nonlocal found
        found = True
        return " " * len(m.group(0))
    return pattern.sub(sub, text), found


def everyday_sense_only(text: str) -> bool:
    """Whether ``text`` uses an incident cue word in its everyday sense (``EVERYDAY_SENSES``:
    a kidnapping's ransom, a flu virus, a river that breached its banks, an oil leak, a team
    called the Trojans, a breach of contract, kitchen hacks, a worm farm; in a sports report
    (``SPORT_WORDS``) also an attack, a defence breached, gaps exploited) and, with those uses
    left out, names no computer-security term or technology object: the story is about
    something else."""
    rest, found = _blank(text, EVERYDAY_SENSES)
    if _sports_report(rest):
        rest, in_sport = _blank(rest, SPORT_SENSES)
        found = found or in_sport
    return found and not names_cyber_terms(rest)


def _sport_stem(word: str) -> str:
    """A sports word's stem: lower-cased, digits as "0", a plural ending cut ("teams",
    "team"; "penalties", "penalty"; "matches", "match")."""
    word = re.sub(r"\d+", "0", re.sub(r"\s+", " ", word.lower()))
    for end, by in (("ies", "y"), ("ches", "ch"), ("s", "")):
        if word.endswith(end) and len(word) > len(end) + 2:
            return word[:-len(end)] + by
    return word


def _sports_report(text: str) -> bool:
    """Whether ``text`` reads as a sports report: ``SPORT_MIN_WORDS`` different sports words
    (counted by stem), at least one of them belonging to the game alone (``SPORT_EVIDENCE``:
    "a 2-24 to 0-19 win", a goalkeeper, a touchdown, half-time …), or league and coach
    together. Team, manager, match, penalty, fans, season and stadium alone are any club's,
    surgery's or company's words."""
    evidence = {_sport_stem(m.group(0)) for m in SPORT_EVIDENCE.finditer(text)}
    common = {_sport_stem(m.group(0)) for m in SPORT_WORDS.finditer(text)}
    if not evidence and not {"league", "coach"} <= common:
        return False
    return len(evidence | common) >= SPORT_MIN_WORDS


def negated_cyber_cause(text: str) -> bool:
    """Whether ``text`` rules out a cyber cause ("a faulty update, not a cyber attack", "no
    evidence of any malicious activity", NEGATED_CAUSE) and, with those phrases left out, names
    no computer-security term: an outage or glitch ruled non-malicious is no incident. Text
    that still names a security term elsewhere ("not ransomware, but hackers stole data")
    is not judged here, nor is one that still tells information or equipment with something
    happening to it ("a laptop of patient records was stolen … it was not a hack",
    :func:`tells_asset_event`): a lost device, a misdelivered letter or an insider's misuse is a
    data incident without a cyber cause. The outage or glitch the denial explains
    (``SERVICE_DISRUPTION``) is no such event: "customers could not log in to the app … the
    outage was caused by a faulty update to its servers, not a cyber attack or any malicious
    activity" is no incident; one that showed people information not theirs
    (``SHOWN_TO_OTHERS``: "customers were shown other people's account balances") is."""
    rest, found = _blank(text, NEGATED_CAUSE)
    if not found or SECURITY_TERMS.search(rest) is not None:
        return False
    if _shows_assets_to_others(rest):
        return False
    # the outage, glitch or downtime the denial explains is no event of its own
    return not tells_asset_event(_blank(rest, SERVICE_DISRUPTION)[0])


_SHOWN_DETAILS = re.compile(r"\b(?:balances?|transactions?|names|addresses)\b", re.I)


def _shows_assets_to_others(text: str) -> bool:
    """Whether a sentence of ``text`` tells information shown to people it does not belong to
    (``SHOWN_TO_OTHERS``) and names an information asset or a balance: a glitch that showed
    customers each other's accounts is a data incident, not an outage."""
    return any(SHOWN_TO_OTHERS.search(part) and (
        INFORMATION_ASSETS.search(part) or _SHOWN_DETAILS.search(part))
        for s, e in split_sentences(text) for part in text[s:e].split("|"))



_WORD_RE = re.compile(r"\w+")


def _phrases(text: str, matches) -> set[str]:
    """Each match with the two words before and the word after it, lower-cased: the same
    phrase printed twice (a related-links block repeated on the page) counts once."""
    out = set()
    for m in matches:
        before = _WORD_RE.findall(text[max(0, m.start() - 60):m.start()])[-2:]
        after = _WORD_RE.findall(text[m.end():m.end() + 40])[:1]
        out.add(" ".join([*before, m.group(0), *after]).lower())
    return out


def reports_cyber_event(text: str, title: str | None = None) -> bool:
    """Whether a full-length English article reports a cyber incident rather than only
    naming technology: its title names a computer-security term or an event ("… hit by
    attack", "records stolen"); or security terms come
    back (in ``REPEAT_MIN_PHRASES`` different phrases); or one sentence tells something
    happening to information or equipment in plain words ("the laptop was stolen", "patient
    records were viewed", "the letters were mailed to the wrong address"). A gadget review
    naming laptops and USB sticks, or a press release naming patient data and software, does
    neither; nor does a long story whose only security phrase is a teaser line."""
    if title and (SECURITY_TERMS.search(title) or EVENT_TERMS.search(title)):
        return True
    if len(_phrases(text, SECURITY_TERMS.finditer(text))) >= REPEAT_MIN_PHRASES:
        return True
    return any(PLAIN_OBJECTS.search(part) and EVENT_TERMS.search(part)
               for s, e in split_sentences(text) for part in text[s:e].split("|"))


def names_cyber_terms(text: str) -> bool:
    """Whether ``text`` names at least one computer-security term or technology object."""
    return SECURITY_TERMS.search(text) is not None or OBJECT_TERMS.search(text) is not None


def names_information_assets(text: str) -> bool:
    """Whether ``text`` names any information or equipment a data incident could concern."""
    return INFORMATION_ASSETS.search(text) is not None


def tells_asset_event(text: str) -> bool:
    """Whether ``text`` names information or equipment (``INFORMATION_ASSETS``) and something
    happening (``EVENT_TERMS``: stolen, lost, sent to, viewed, in error …) anywhere: the least
    an incident summary told in everyday words does. A story that only counts things
    ("earthworm numbers have fallen") or quotes a statement names an asset and no event."""
    return INFORMATION_ASSETS.search(text) is not None and EVENT_TERMS.search(text) is not None


__all__ = ["ASSET_MIN_CHARS", "ATTACK_TITLE", "CHECK_MIN_CHARS", "EVENT_TERMS",
           "EVERYDAY_SENSES", "GENRE_TITLE", "NAMED_ATTACK", "NEGATED_CAUSE",
           "SERVICE_DISRUPTION", "SHOWN_TO_OTHERS", "SPORT_EVIDENCE", "SPORT_MIN_WORDS",
           "SPORT_SENSES", "SPORT_WORDS", "everyday_sense_only", "genre_title",
           "negated_cyber_cause", "INFORMATION_ASSETS", "OBJECT_TERMS", "PLAIN_OBJECTS",
           "REPEAT_MIN_PHRASES", "SECURITY_TERMS", "names_cyber_terms",
           "names_information_assets", "reports_cyber_event", "tells_asset_event"]
