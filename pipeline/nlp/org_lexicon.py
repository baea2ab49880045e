"""Word lists and context patterns of ``incident_orgs`` (used by
:mod:`pipeline.nlp.org_candidates` to find organisations, by :mod:`pipeline.nlp.org_roles`
to weigh roles and by :mod:`pipeline.nlp.victims` to weigh victims).

Everything here is general English / news vocabulary written for the project: organisation
heads ("Bank", "Hospital"), descriptors ("payday lender X"), words that are no names, place and
nationality words, job titles, and the sentence patterns around a mention that signal a victim
("X was hit by", "an attack on X", "X's network"), a security firm ("researchers at X"), a
vendor ("a flaw in X's software"), media ("told X") or a brand used as bait ("a fake X login
page").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.regex_prefix import fast

# ----------------------------------------------------------------------------- word lists
# heads that make a capitalised sequence an organisation name
ORG_HEADS = frozenset("""
inc incorporated ltd limited plc llc llp corp corporation co company gmbh ag sa nv bv pty
group holdings holding bank bancorp banking financial insurance partners associates
hospital hospitals clinic health healthcare medical physicians pharmacy pharmaceuticals nhs
university college school schools academy district board county borough township institute institution foundation
association society council committee commission commissioner authority agency department
ministry office bureau police sheriff court government guard navy army force
centre center labs lab laboratory laboratories security systems technologies technology
networks network software solutions services service communications telecom telecoms media
news times post journal herald tribune gazette magazine press broadcasting radio tv
airlines airways airport motors energy electric utilities utility railways transport
productions studios entertainment games hotels hotel resorts resort casino brewhouse brewery
stores retail restaurants foods campaign party team unit division cert isac csirt
robotics analytics electronics industries enterprises ventures capital consulting expo
terminals shipping logistics
club church cathedral diocese parish trust charity federation
architects solicitors accountants surveyors dental pharmacies
""".split())
# organisation descriptors that introduce a name: "payday lender Wonga", "security firm X"
DESCRIPTORS = frozenset("""multinational corporation retailer lab laboratory school
hospital
firm company lender retailer bank provider giant maker manufacturer operator chain insurer
insurance hospital agency developer vendor startup start-up contractor organisation
organization platform outlet newspaper broadcaster publication charity utility university
nonprofit non-profit ngo ngos conglomerate shipbuilder supplier carrier airline telco isp
outfit subsidiary brand group network service website site app producer publisher
consultancy consultants processor
exchange steelmaker carmaker automaker chipmaker drugmaker brewer distiller grocer wholesaler
exporter housebuilder railway railroad
""".split())
AUTHORITY_WORDS = frozenset("""
police policing sheriff agency department ministry commission commissioner cert csirt bureau
government court regulator authority fbi directorate gendarmerie prosecutor prosecutors
guard parliament senate congress constabulary
""".split())
SECURITY_WORDS = frozenset("""security labs lab threat intelligence cyber cybersecurity
research researchers forensics antivirus""".split())
# the field of a job, said before the job noun ("Retail analyst X", "Payments researchers at
# X", "Web security researcher X", "Operations director X"; see org_candidates._field_word)
FIELD_WORDS = frozenset("""retail logistics payments payment operations operational blockchain
crypto cryptocurrency web network networks cloud threat threats malware security cyber
cybersecurity intelligence research data privacy compliance risk fraud finance financial banking
insurance energy health healthcare policy industry market markets technology tech software
hardware systems infrastructure communications marketing sales product legal regulatory
investment equity defence defense military political economic foreign aviation transport
shipping maritime automotive telecoms telecom media digital online mobile information incident
forensic forensics vulnerability application applications identity email antivirus consumer
supply procurement strategy strategic technical senior chief lead principal independent
""".split())
MEDIA_WORDS = frozenset("""news times post journal herald tribune gazette magazine press
radio tv television broadcasting daily weekly""".split())
# units listed separately from their parent ("Atlanta Information Management", "Unit 42")
UNIT_TAILS = (("team",), ("division",), ("unit",), ("management",), ("research", "labs"),
              ("research", "lab"))
CONNECTORS = frozenset({"of", "and", "for", "&", "de", "du", "la", "del", "on", "upon"})
FUNCTION_WORDS = frozenset({"of", "and", "for", "the", "&", "de", "du", "la", "del", "on", "in"})
NOT_NAMES = frozenset("""
a an the this that these those it its he she they we i you our their his her my your
mr mrs ms dr prof sir monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december however but
and or if when while after before since because although as at in on of for to by with from
ceo cto cio ciso cfo coo cso vp president chairman director manager officer spokesman
spokeswoman spokesperson chief head senior executive minister secretary mayor governor
according also meanwhile still now today yesterday tomorrow last next first second third
there here what which who how why where all some many most more several other both each
one two three four five six seven eight nine ten no not yes please note update updated
read related share click subscribe advertisement image photo credit source sources
jan feb mar apr jun jul aug sep sept oct nov dec initially additionally finally once ngo ngos
like unlike authorities officials researchers experts investigators analysts
instead elsewhere earlier later
everything everyone everybody nothing nobody something someone somebody anything anyone anybody
""".split())
# last words of product and standard names ("Firebase Cloud Messaging", "Advanced Encryption
# Standard", "Integrated Cyber Defense Platform")
TECH_TAILS = frozenset("""standard standards platform protocol framework messaging suite engine
edition toolkit kit sdk api apis act compromise appliance appliances console extensions
notifications advisory bulletin report map summit conference week strategist
evangelist things exemption exemptions chat""".split())  # (and products, documents, events, job titles: "Security Summit")
# first words of names that are no short form on their own ("National", "Federal")
COMMON_FIRST = frozenset("""national federal international global american british united general
first royal new old great big little central state city county district public private
digital data cyber security information technology advanced total premier""".split())
ACRONYM_STOP = frozenset("""
ceo cto cio ciso cfo coo cso vp svp evp it us uk eu usa u.s u.k u.s. u.k. ok ngo ngos pdf html http https tls
ssl sms ssn atm dns sql api id ids pc pcs am pm faq gdpr pii phi vpn ddos dos iot ai ml cve
ftp ip url urls usb os ios tv cctv gps nfc rfid smb rdp ssh xml json csv exe dll png jpg
gif mb gb tb kb ghz mhz hd pin pins pos et est gmt utc bst pdt pst edt cet hr pr ps
rss pdfs bbc2 ii iii iv vi vii viii ix xi xii diy fyi asap aka etc tba tbd nb ps qr un
mp mps mep meps dna bc ad lol omg dm dms ceos cfos cios cisos oem oems saas b2b b2c
hipaa bec cvss cvs aes rsa xss csrf rce sso mfa 2fa otp led leds lcd tvs w-2 w2 oauth saml
ldap smtp imap irc
""".split())
GEO_NAMES = frozenset("""
afghanistan albania algeria america americas argentina armenia asia australia austria
azerbaijan bahrain bangladesh belarus belgium bolivia brazil britain bulgaria cambodia
cameroon canada chile china colombia croatia cuba cyprus czech denmark ecuador egypt england
estonia ethiopia europe finland france georgia germany ghana greece hungary iceland india
indonesia iran iraq ireland israel italy japan jordan kazakhstan kenya korea kuwait latvia
lebanon libya lithuania luxembourg malaysia mexico moldova morocco netherlands nigeria norway
pakistan palestine peru philippines poland portugal qatar romania russia scotland serbia
singapore slovakia slovenia somalia spain sweden switzerland syria taiwan thailand tunisia
turkey uganda ukraine uae vietnam wales yemen zimbabwe africa antarctica oceania
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
tennessee texas utah vermont virginia washington wisconsin wyoming
north south east west northern southern eastern western central new united states kingdom
republic people federation emirates region special administrative province island islands
hong kong
""".split())

DEMONYMS = frozenset("""american british english scottish welsh irish chinese russian indian
french german israeli iranian korean japanese ukrainian polish dutch spanish italian canadian
australian brazilian turkish vietnamese pakistani european asian african arab mexican swedish
norwegian danish finnish belgian swiss austrian czech romanian hungarian greek portuguese
lithuanian latvian estonian georgian saudi emirati egyptian nigerian kenyan syrian iraqi
afghan taiwanese thai malaysian singaporean indonesian filipino""".split())


def is_place(words: list[str]) -> bool:
    """Country, region or nationality words only ("North Korea", "Russian and Ukrainian")."""
    content = [w for w in words if w not in FUNCTION_WORDS]
    return bool(content) and all(w in GEO_NAMES or w in DEMONYMS for w in content)


# ----------------------------------------------------------------------------- context patterns
_ATTACK_NOUN = (r"(?:cyber[- ]?)?(?:attacks?|breach(?:es)?|hacks?|hacking|intrusions?|compromises?|"
                r"infections?|incidents?|cyberattacks?|cyber-attacks?|ransomware|phishing|scams?|"
                r"thefts?|leaks?|outages?|extortion|malware|heists?|fraud|spear-phishing)")
_ATTACK_VERB_PAST = (r"(?:hit|struck|targeted|attacked|breached|hacked|compromised|infected|"
                     r"crippled|disrupted|paralys[ez]d|paralyzed|victimi[sz]ed|duped|scammed|"
                     r"defrauded|phished|extorted|blackmailed|hijacked|locked out|knocked offline|"
                     r"taken offline|held to ransom|held hostage|affected|impacted|exposed|leaked|"
                     r"spoofed|encrypted|penetrated|infiltrated|booby-trapped|defaced)")
_ATTACK_WORD = re.compile(
    r"(?:\b|(?<=cyber))(?:attack|breach|hack|intrusion|intruder|thie(?:f|ves)\b|compromis|infect|ransom|phish|scam|theft|stole|stolen|"
    r"leak|outage|malware|virus|encrypt|extort|exposed|exposing|unauthori[sz]ed|cybercrim|fraud|"
    r"skimm|spoof|hijack|offline|disrupt|victim|downed\b|booby-trap|defac|without authori[sz]ation|"
    r"publicly accessible|misconfigur|"
    r"(?:inappropriate|improper|unlawful|illegal)"
    r"(?:ly)? access)", re.I)
_BACKGROUND = re.compile(
    r"\b(?:last year|earlier this year|previous(?:ly)?|in the past|years? ago|similar|like the|"
    r"(?:over|in|during) the (?:past|last) (?:few |several |two |three |\d+ )?(?:years|decade)|"
    r"in recent years|"
    r"comparison|reminiscent|recent(?:ly)? (?:attacks|breaches)|other (?:victims|companies)|"
    # "other incidents, including the hacking of X", "other attacks on X" (a name as the object:
    # not "the FBI is checking whether other attacks are linked")
    r"other (?:incidents|attacks|breaches|hacks),?\s+(?:(?:including|such as|like)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:of|on|at|against)\s+|on\s+|against\s+|at\s+|targeting\s+|"
    r"involving\s+|affecting\s+)(?:[\w-]+\s+){0,3}?(?=(?-i:[A-Z]))|"
    r"elsewhere|last month|same (?:ransomware|malware|virus|strain|attack|group)|also (?:hit|struck|"
    r"attacked|infected|targeted)|in (?:19|20)\d\d|since (?:19|20)\d\d|in (?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)|back in)\b", re.I)

# an incident told as background or comparison, not as the article's news: "Elsewhere,
# SamSam attacked the city of X", "the 2018 ransomware attack on X", "like the attack on X
# last year", "the X hacks committed last year" (stricter than _BACKGROUND: no "in March")
BACKGROUND_STRONG = re.compile(
    r"\b(?:elsewhere|last year|years? ago|earlier this year|in the past|like the|similar to|"
    r"(?:over|in|during) the (?:past|last) (?:few |several |two |three |\d+ )?(?:years|decade)|"
    r"in recent years|on the scale of|"
    r"reminiscent|back in|previous(?:ly)?|(?:the|a|an) (?:19|20)\d\d (?:[\w-]+ ){0,2}?"
    r"(?:attacks?|breach(?:es)?|hacks?|incidents?|infections?|outbreak)|"
    r"last year['\u2019]s)\b", re.I)

# the same, told at the name itself (anywhere, even in the lead): "the X hacks committed
# last year", "X's 2016 breach"; "the 2018 ransomware attack on X"
BACKGROUND_AT_RIGHT = re.compile(
    r"^(?:['\u2019]s?)?\s+(?:(?:19|20)\d\d\s+)?(?:[\w-]+\s+){0,2}?(?:hacks?|breach(?:es)?|"
    r"attacks?|hacking|leaks?|intrusions?)\s+(?:(?:committed|carried out|that|which|"
    r"happened|took place|was|were)\s+){0,2}(?:last year|(?:in|back in) (?:19|20)\d\d|"
    r"years? ago)\b|^(?:['\u2019]s)\s+(?:19|20)\d\d\s+(?:[\w-]+\s+)?(?:hacks?|breach(?:es)?|"
    r"attacks?)\b", re.I)
BACKGROUND_AT_LEFT = re.compile(
    r"\b(?:the|a|an)\s+(?:19|20)\d\d\s+(?:[\w-]+\s+){0,2}?(?:hacks?|breach(?:es)?|attacks?|"
    r"hacking|intrusions?)\s+(?:on|of|at|against)\s+(?:the\s+)?(?:city\s+of\s+)?$"
    # "data leaked in a past breach at X", "an earlier hack of X"
    r"|\b(?:an?|the|its|their)\s+(?:past|previous|prior|earlier|older|old|separate|unrelated)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:hacks?|breach(?:es)?|attacks?|hacking|intrusions?|leaks?|incidents?)"
    r"\s+(?:on|of|at|against)\s+(?:the\s+)?$"
    # a yardstick: "one of the largest health data breaches since X", "the worst since X"
    r"|\b(?:largest|biggest|worst|most\s+\w+|first)\b[^.;:!?]{0,60}?\bsince\s+(?:the\s+)?$", re.I)
# a famous past incident or several incidents named together, as a comparison: "the highly
# publicized Yahoo and LinkedIn breaches", "the infamous X hack", "the X and Y breaches" (with
# FAMED_LEFT, one name and a singular head will do; without it, a list and a plural head)
FAMED_LEFT = re.compile(
    r"\b[Tt]he\s+(?:(?:[Hh]ighly|[Ww]idely|[Mm]uch|[Ww]ell)[- ])?(?:publici[sz]ed|reported|"
    r"known|infamous|notorious|high[- ]profile|headline[- ]grabbing|famous|mega)\s+"
    r"(?:(?-i:[A-Z])[\w.&'\u2019-]*(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+|\s+))*$")
LISTED_LEFT = re.compile(
    r"\b[Tt]he\s+((?:(?-i:[A-Z])[\w.&'\u2019-]*(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+|"
    r"\s+))*)$")
INCIDENTS_RIGHT = re.compile(
    r"^(?:['\u2019]s)?((?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+)(?-i:[A-Z])[\w.&'\u2019-]*"
    r"(?:\s+(?-i:[A-Z])[\w.&'\u2019-]*){0,3})*)\s+(?:(?:data|security|cyber|password|credential)"
    r"\s+)?(?:(breaches|hacks|attacks|leaks|incidents|compromises)|breach|hack|attack|leak|"
    r"incident|compromise)\b")

# an attacker's record, not this article's incident: "the group that is a suspect in attacks on
# X", "also said to be behind the hack of X", "blamed for the hacking of X", "the attribution
# of hacker attacks on X"
ATTRIBUTION_LEFT = re.compile(
    r"\b(?:(?:said|believed|thought|suspected|alleged|known|reported|understood)\s+to\s+(?:be|"
    r"have\s+been)\s+behind|(?:blamed|suspected|accused|responsible|a\s+suspect|the\s+suspect|"
    r"suspects|culprits?|credited)\s+(?:for|of|in|with)|attribution\s+of|(?:has|have|had)\s+"
    r"(?:also\s+|previously\s+)?been\s+(?:linked|tied|connected)\s+to)\s+(?:the\s+|its\s+|"
    r"their\s+|a\s+string\s+of\s+|a\s+series\s+of\s+)?(?:[\w-]+\s+){0,3}?(?:attacks?|hacks?|"
    r"hacking|breach(?:es)?|intrusions?|leaks?|compromises?)\s+(?:(?:on|of|against|into|at|"
    r"targeting)\s+)?(?:the\s+)?(?:[\w'\u2019.-]+\s+){0,3}?$", re.I)
# an attack that could happen, not one that did: "would enable remote attacks on all X nodes",
# "allows an unauthenticated attacker ... to compromise X" (a flaw's impact)
HYPOTHETICAL_LEFT = re.compile(
    r"\b(?:would|could|can|might|may|allows?|allowing|enables?|enabling|lets?|letting|"
    r"permits?|permitting)\s+(?:[\w'\u2019-]+\s+){0,10}?(?:to\s+)?(?:launch\s+|carry\s+out\s+|"
    r"conduct\s+|mount\s+|perform\s+)?(?:remote\s+|targeted\s+)?(?:attacks?|compromise|hack|"
    r"hijack|breach|take\s+over|takeover|(?:gain\s+)?(?:remote\s+)?access)\s+(?:(?:of|on|"
    r"against|into|to)\s+)?(?:the\s+|all\s+|any\s+)?(?:[\w'\u2019-]+\s+){0,3}?$", re.I)
# the publisher of figures or research ("according to a report from X", "research co-authored
# by an X scholar", "a survey commissioned by X"): a source, not the organisation attacked
SOURCE_LEFT = re.compile(
    r"\b(?:(?:report|study|research|analysis|paper|whitepaper|white paper)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:by|from)|(?:report|survey|study|research|analysis|poll|paper|whitepaper|white paper|"
    r"index)\s+(?:[\w-]+\s+){0,2}?(?:commissioned|co-?authored|conducted|published|released)"
    r"\s+by|according\s+to\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:firm|company|"
    # "according to blockchain analysis firm X": a firm named as the source of figures
    r"consultancy|researchers?|analysts?))\s+(?:the\s+|an?\s+)?$", re.I)
# (not "a survey administered by X": the school whose survey results were exposed)
SOURCE_RIGHT = re.compile(r"^(?:['\u2019]s)?\s+(?:calculated|estimated|surveyed|polled|"
                          r"(?:[\w-]+\s+)?(?:scholars?|professors?|economists?|statisticians?|"
                          r"academics?))\b", re.I)
# customers of a brand phished or scammed ("scammers are targeting X customers"): the brand is
# the bait, its customers the victims (in a phishing/scam sentence; not "X employees")
CUSTOMERS_TARGETED_LEFT = re.compile(
    r"\b(?:target\w*|aim\w*\s+at|prey\w*\s+on|dup\w*|trick\w*|fool\w*|con\w*)\s+(?:at\s+)?"
    r"(?:the\s+)?(?:(?-i:[A-Z])[\w.&'\u2019-]*(?:\s+(?:of\s+)?(?-i:[A-Z])[\w.&'\u2019-]*){0,3}"
    r"\s*(?:and|or|,)\s+){0,3}$", re.I)
CUSTOMERS_RIGHT = re.compile(r"^(?:['\u2019]s?)?(?:\s*(?:,|and|or)\s+(?-i:[A-Z])[\w.&'\u2019-]*"
                             r"(?:\s+(?:of\s+)?(?-i:[A-Z])[\w.&'\u2019-]*){0,3}){0,3}"
                             r"\s+(?:[\w-]+\s+)?(?:customers|users|clients|"
                             r"account\s*holders|cardholders|subscribers|shoppers|members|"
                             r"account\s+owners)\b", re.I)
PHISH_WORD = re.compile(r"\b(?:phish|scam|fraudster|smish|vish|spoof|fake|con\s+artists|"
                        r"conmen|swindl)", re.I)

_POSS = r"(?:['\u2019]s?)?"
# the organisation as subject ("X", "X's", "X, which runs …,"), then an optional perfect auxiliary
_SUBJECT = rf"^{_POSS}\s*(?:,[^,;]{{0,80}},\s*)?"
_PERFECT = r"(?:(?:has|have|had)\s+)?"
_NO_PREP = r"(?:(?!(?:in|at|from|of|for|on|with|by|to|as|near|over)\s)[\w'\u2019-]+\s+)"
# an adverb between the auxiliary and the attack verb ("was particularly badly hit", "had also
# been breached"): a closed list, never "not"/"never"/"rarely" ("it was not hacked")
_HIT_ADVERB = (r"(?:also|reportedly|apparently|allegedly|badly|hard|first|then|again|even|"
               r"particularly|especially|severely|seriously|heavily|hardest|worst|most|"
               r"recently|previously|initially|originally|successfully|partially|partly|"
               r"briefly|temporarily|repeatedly|directly|indeed|itself|themselves|already|"
               r"subsequently|later|eventually|ultimately|actually|likely|probably|possibly|"
               r"certainly|definitely|clearly|simultaneously|similarly|likewise|too)")
# the name as the modifier of the incident noun: "the Cathay Pacific data breach", "this
# Cellebrite breach", "the OPM hack", "Netflix extortion attempt" (a victim cue of its own, not
# in VICTIM_RIGHT: candidate rules index that list)
NOUN_MODIFIER_HIT = re.compile(
    r"^\s+(?:(?:data|security|cyber[- ]?security|cyber|e-?mail|network|ransomware|computer|"
    r"system|payment|card)\s+)?(?:breach(?:es)?|hacks?|hacking|leaks?|cyber[- ]?attacks?|"
    r"intrusions?|extortion(?:\s+(?:attempt|plot|scheme))?|ransomware\s+attacks?|data\s+theft|"
    r"compromise)\b"
    # not a name before a report/event noun: "the Verizon data breach report", "the X hacking
    # contest", "the X breach investigations team", "a Y cyber insurance"
    r"(?!\s+(?:(?:investigations?|response|notification)\s+)?(?:reports?|surveys?|stud(?:y|ies)|"
    r"index|conferences?|contests?|competitions?|challenge|laws?|bills?|legislation|"
    r"notifications?|insurance|teams?|units?|statistics|database|tracker)\b)", re.I)
# headline grammar after the name: "X hit by ransomware", "X confirms hit by data leak", "X
# suffers data breach", "X discloses breach"
TITLE_VICTIM_RIGHT = re.compile(
    r"^(?:['\u2019]s)?\s+(?:(?:confirms|admits|says(?: it was)?|reportedly)\s+)?(?:hit|struck|targeted|"
    r"(?:falls|fell|has fallen) (?:victim|prey)|"
    r"attacked|breached|hacked|compromised|infected|crippled|disrupted|paralysed|paralyzed|"
    r"extorted|held (?:to|for) ransom)\b|^\s+(?:suffers|suffered|reports|confirms|discloses|"
    r"admits|reveals|notifies [\w,\s]{1,40}? of|hit by)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:breach|attack|cyberattack|cyber-attack|hack|leak|incident|ransomware|intrusion)"
    # the one reporting or investigating an attack on someone else is not its victim
    # ("Microsoft reveals attack on Riverside Hospital"; "investigates" never names the victim)
    r"(?![\w-]*\s+(?:on|at|against|targeting|hitting|affecting|of)\s+(?:the\s+)?(?-i:[A-Z]))",
    re.I)
# an attack verb opening a list of what it hit: "disrupting car factories, global shipper X and
# Y", "hitting the town of X". Between the verb and the mention only a list: names ("FedEx Corp
# and Britain's National Health Service"), plain noun items closed by a comma ("car factories,"),
# and right before the mention a short description of it ("global shipper", "the town of"); not
# any words ("affecting the way users of X", "hitting openly accessible Hadoop and X" is caught
# by LIST_SOFTWARE_RIGHT: a name before a product noun is software)
_LIST_STOP = (r"(?!(?:the|an?|of|at|in|on|for|with|from|by|to|that|which|who|whose|and|or|but|"
              r"its|their|his|her|our|this|these|those|is|are|was|were|be|been|has|have|had|it|"
              r"they|than|as|over|into|about|some|many|more|most|all|several|other|users|"
              r"customers|clients|millions|thousands|hundreds|dozens|including|such|like|running|"
              r"using|via|through|across|during|after|before|since|while|when|where|against|"
              r"between|among|under|within|without|made|owned|built|sold|operated|[\w-]+ly)\b)")
_LIST_NAME = (r"(?-i:[A-Z])[\w.&'\u2019-]*(?:\s+(?:of\s+(?:the\s+)?)?(?-i:[A-Z0-9])"
              r"[\w.&'\u2019-]*){0,3}")
_LIST_SEP = r"(?:\s*,\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?|\s+(?:and|or|as\s+well\s+as)\s+)"
_LIST_DESCR = (r"(?:(?:the|its|their|an?)\s+)?(?:" + _LIST_STOP + r"[\w'\u2019-]+\s+){0,3}"
               r"(?:of\s+(?:the\s+)?)?")
LIST_VERB_LEFT = re.compile(
    r"\b(?:disrupting|affecting|hitting|crippling|infecting|striking|paralysing|paralyzing)\s+"
    r"(?:(?:(?:the|its|their)\s+)?(?:" + _LIST_STOP + r"(?-i:[a-z])[\w-]*\s+){0,2}"
    + _LIST_STOP + r"(?-i:[a-z])[\w-]*" + _LIST_SEP + r"|"
    + _LIST_DESCR + _LIST_NAME + _LIST_SEP + r"){0,6}" + _LIST_DESCR + r"$", re.I)
# the list ends in a product noun: "hitting openly accessible Hadoop and X deployments" (software)
LIST_SOFTWARE_RIGHT = re.compile(
    r"^(?:" + _LIST_SEP + _LIST_NAME + r")*\s+(?:(?-i:[a-z])[\w-]*\s+)?(?:deployments?|"
    r"servers?|databases?|installations?|instances?|clusters?|installs?)\b", re.I)
# several names sharing one product noun are software: "attacks hitting Quarrydb, Mongrel and
# Hadoop servers" (the first items: more names, then the noun; the last: names before it and
# the noun right after). One name before the noun may be its owner ("Harrow Bank servers").
_PRODUCT_NOUN = (r"(?:deployments?|servers?|databases?|installations?|instances?|clusters?|"
                 r"installs?)\b")
SOFTWARE_LIST_RIGHT = re.compile(
    r"^(?:" + _LIST_SEP + _LIST_NAME + r")+\s+(?:(?-i:[a-z])[\w-]*\s+)?" + _PRODUCT_NOUN, re.I)
SOFTWARE_LIST_LEFT = re.compile(r"(?<![\w.&'\u2019-])" + _LIST_NAME + _LIST_SEP + r"$", re.I)
PRODUCT_NOUN_RIGHT = re.compile(r"^\s+(?:(?-i:[a-z])[\w-]*\s+)?" + _PRODUCT_NOUN, re.I)
LIST_VERBS = ("disrupting", "affecting", "hitting", "crippling", "infecting", "striking",
              "paralysing", "paralyzing")
# an extortion target: "demanding X pay a ransom", "demanded that X hand over"
DEMAND_LEFT = re.compile(r"\b(?:demand(?:s|ed|ing)?|forc(?:e|es|ed|ing)|pressur(?:e|es|ed|ing)|"
                         r"blackmail(?:s|ed|ing)?)\s+(?:that\s+)?(?:the\s+)?$", re.I)
PAY_RIGHT = re.compile(r"^(?:['\u2019]s\s+\w+)?\s+(?:to\s+)?(?:pay|hand over|transfer|send)\b"
                       # a ransom near ("hand over encryption keys" is ordinary legal language)
                       r"(?=[^.;]{0,60}?(?:\bransom|\bbitcoin|\bBTC\b|\bmonero|cryptocurrenc|"
                       r"[$\u20ac\u00a3]|\bextortion))", re.I)
# the organisation's systems as the subject: "some X computers were infected with ransomware",
# "X's email system has been compromised"
SYSTEMS_SUBJECT_HIT = re.compile(
    r"^(?:['\u2019]s?)?\s+(?:[\w-]+\s+){0,2}?(?:computers|systems|servers|networks?|"
    r"databases?|websites?|e-?mail (?:system|accounts|servers)|IT systems|phone systems?|"
    r"customers|clients|patients|records|data)\s+"
    r"(?:(?:has|have|had)\s+)?(?:(?:also|reportedly|apparently|allegedly|first)\s+)?"
    r"(?:been|were|was|are|is|got)\s+(?:(?:also|reportedly|apparently|allegedly|first)\s+)?"
    r"(?:hit|struck|targeted|attacked|breached|hacked|compromised|infected|crippled|disrupted|"
    r"encrypted|locked|held (?:for|to) ransom|held hostage|knocked offline|taken offline|"
    r"infiltrated|penetrated|accessed)\b", re.I)
# "X in the UK, which has publicly confirmed that it was attacked by", "X, which said it had
# been hit"
RELATIVE_HIT = re.compile(
    r"^(?:\s+in\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*,?\s+(?:which|who)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:(?:publicly|also|later|since|now)\s+)?(?:said|says|confirmed|"
    r"admitted|announced|disclosed|revealed|acknowledged)\s+(?:that\s+)?(?:it|they)\s+"
    rf"(?:was|were|had been|has been|have been)\s+(?:{_HIT_ADVERB}\s+)?{_ATTACK_VERB_PAST}\b", re.I)
# a round-up's list of victims: "institutions hit include", "firms affected by the leak
# include", "affected institutions include", "victims such as" (in an attack sentence; the hit
# is shared along the list). The head must be said to be attacked (an attack participle, or
# "victims"/"targets"): "security firms such as X said" lists commenters, not victims; a head
# qualified as security/cyber/research ("cyber firms including X") never opens a round-up.
_ROUNDUP_HEADS = (r"(?<!security )(?<!cybersecurity )(?<!cyber-security )(?<!cyber )"
                  r"(?<!research )(?<!antivirus )(?<!intelligence )(?<!infosec )"
                  r"\b(?:organi[sz]ations|institutions|companies|firms|businesses|hospitals|banks|"
                  r"providers|customers|clients|subsidiaries|agencies|retailers|operators|"
                  r"carriers|universities|schools|councils|brands|hotels|chains|insurers|"
                  r"utilities|entities|locations|properties|stores|studios|broadcasters|"
                  r"airlines|manufacturers|clinics|practices|municipalities|districts|"
                  r"partners|employers|tenants|merchants|suppliers)")
_ROUNDUP_PART = (r"\b(?:hit|affected|impacted|caught|targeted|attacked|breached|hacked|"
                 r"compromised|infected|struck|crippled|disrupted|exposed|victimi[sz]ed|"
                 r"extorted|encrypted)\b")
ROUNDUP_LEFT = re.compile(
    r"(?:"
    # "affected institutions include", "other hard-hit hospitals such as"
    rf"{_ROUNDUP_PART}\s+(?:[\w-]+\s+){{0,2}}?{_ROUNDUP_HEADS}\s+(?:[\w-]+,?\s+){{0,3}}?"
    # "institutions hit include", "firms that were affected by the leak, including"
    rf"|{_ROUNDUP_HEADS}\s+(?:(?:that|which|who)\s+)?(?:(?:were|was|are|is|have been|has been|"
    rf"had been|to be|being)\s+)?(?:{_HIT_ADVERB}\s+)?{_ROUNDUP_PART}\s+(?:[\w-]+,?\s+){{0,6}}?"
    # "(data) stolen from franchised locations that include", "attacks on hospitals such as"
    rf"|\b(?:stole|stolen|taken|exfiltrated|leaked|accessed|skimmed)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"from\s+(?:[\w-]+\s+){{0,2}}?{_ROUNDUP_HEADS},?\s+(?:(?:that|which)\s+)?"
    rf"|\b{_ATTACK_NOUN}\s+(?:on|against|at|targeting|hitting|affecting)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"{_ROUNDUP_HEADS}\s+(?:[\w-]+,?\s+){{0,2}}?"
    # "breached the networks of at least three telecommunications companies, including"
    rf"|\b(?:breached|hacked|compromised|infiltrated|penetrated|attacked|hit)\s+(?:the\s+"
    rf"(?:networks?|systems?|servers?)\s+of\s+)?(?:[\w.-]+\s+){{0,5}}?{_ROUNDUP_HEADS},?\s+"
    # "victims such as", "targets of the campaign include"
    rf"|(?<!security )(?<!research )\b(?:victims|targets)\s+(?:[\w-]+,?\s+){{0,3}}?"
    r")(?:including|include[sd]?|such as)\s+(?:(?:at least|a|an|one|two|three|several)\s+"
    r"(?:[\w-]+\s+){0,2}?[\w-]+,\s+)?(?:the\s+)?$"
    # "among the first organizations to be impacted by WannaCry is the X"
    r"|\b(?:impacted|hit|affected|struck|infected|targeted|breached|compromised)\s+(?:by\s+"
    r"(?:the\s+)?[\w-]+\s+)?(?:is|are|was|were)\s+(?:the\s+)?$", re.I)
# the clients of a breached supplier named as affected too (a supplier's breach reaches them):
# "Among the clients affected were A, B and C", "among those hit are", "among the victims
# were" (an attack participle after the head, or "victims"/"targets": "among its customers are
# A and B" describes a supplier and names no victim)
ROUNDUP_AMONG_LEFT = re.compile(
    rf"\bamong\s+(?:the\s+|its\s+|their\s+)?(?:(?:[\w-]+\s+){{0,2}}?(?:{_ROUNDUP_HEADS}|"
    rf"those|ones|others)\s+(?:(?:that|which|who)\s+(?:were|was|have been|had been|are)\s+)?"
    rf"(?:{_HIT_ADVERB}\s+)?{_ROUNDUP_PART}(?:\s+(?:[\w-]+,?\s+){{0,6}}?)?|(?:[\w-]+\s+){{0,2}}?"
    rf"(?<!security )(?<!research )(?:victims|targets)(?:\s+(?:[\w-]+,?\s+){{0,6}}?)?)"
    rf"\s*,?\s+(?:were|are|was|is|included|include|have been|had been)\s+(?:the\s+)?$", re.I)
# the name as one of them: "A and B were among the clients affected", "X is among the victims"
AMONG_RIGHT = re.compile(
    rf"^{_POSS}\s*(?:,[^,;]{{0,80}},\s*)?(?:(?:were|was|are|is|have been|has been|had been)\s+"
    rf"(?:also\s+|reportedly\s+)?)?among\s+(?:the\s+)?(?:(?:[\w-]+\s+){{0,2}}?"
    rf"(?<!security )(?<!research )(?:victims|targets)\b|(?:[\w-]+\s+){{0,2}}?(?:{_ROUNDUP_HEADS}|"
    rf"those|ones|others)\s+(?:(?:that|which|who)\s+(?:were|was|have been|had been|are)\s+)?"
    rf"(?:{_HIT_ADVERB}\s+)?{_ROUNDUP_PART})", re.I)
# the name had something of its own stolen or exposed: "A and B had staff data stolen in the
# breach", "X has had customer records exposed"
DATA_TAKEN_RIGHT = re.compile(
    rf"{_SUBJECT}(?:also\s+)?(?:had|have had|has had|have|has)\s+(?:also\s+)?(?:(?:some|all|"
    rf"their|its|the)\s+)?(?:(?:of\s+)?[\w-]+\s+){{0,2}}?(?:data|information|details|records|"
    rf"files|e-?mails|documents|content|footage|episodes|credentials|passwords)\s+"
    rf"(?:stolen|exposed|compromised|leaked|accessed|encrypted|taken|copied|published)\b", re.I)
# the clause after a parenthetical list of clients: "Its clients, including A and B, were also
# affected" (the list opens with ", including"/", such as" after a plural head; the verb after
# the closing comma is said of the head and of every listed name)
LIST_CLOSE_LEFT = re.compile(
    rf"{_ROUNDUP_HEADS}\s*,\s+(?:including|such as|among them)\s+(?:the\s+)?(?:(?-i:[A-Z])"
    r"[\w.&'\u2019-]*(?:\s+(?:of\s+(?:the\s+)?)?(?-i:[A-Z0-9])[\w.&'\u2019-]*){0,4}\s*"
    r"(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?){0,8}$", re.I)
LIST_CLOSE_RIGHT = re.compile(
    rf"^\s*(?:\([^()]{{1,40}}\)\s*)?,\s+(?:(?:have|has|had)\s+)?(?:were|was|are|is|been)\s+"
    rf"(?:(?:{_HIT_ADVERB}|all|both|among those)\s+)?{_ATTACK_VERB_PAST}\b", re.I)
# (review fixes, session 7) a ransom paid for someone else: "Beazley agreed to pay the ransom
# on the town's behalf" (an insurer or a negotiator, not the victim)
_PAID_FOR_OTHERS = (r"(?![^.;]{0,40}?\b(?:on\s+behalf\s+of|on\s+(?:[\w'\u2019-]+\s+){1,3}?behalf|"
                    r"for\s+(?:the|its|their)\s+(?:[\w-]+\s+)?(?:clients?|customers?|"
                    r"policyholders?|insured|town|city|county|council|hospital|school|district|"
                    r"victims?)\b))")
VICTIM_RIGHT = [
    # "X was hit by", "X has been breached", "X, which ..., was hacked"
    (re.compile(rf"{_SUBJECT}{_PERFECT}(?:(?:also|now|"
                rf"reportedly|apparently|allegedly)\s+)?(?:been\s+|was\s+|were\s+|is\s+|are\s+|"
                rf"got\s+|became\s+)(?:{_HIT_ADVERB}\s+){{0,2}}{_ATTACK_VERB_PAST}\b", re.I), 3.0),
    # "X suffered / fell victim / paid the ransom"
    (re.compile(rf"{_SUBJECT}{_PERFECT}(?:suffered|suffers|"
                rf"experienced|(?:sustained|endured|weathered)\s+(?:[\w-]+\s+){{0,3}}?{_ATTACK_NOUN}|"
                rf"fell victim|falls victim|paid (?:a |the )?(?:[\w$,.-]+\s+){{0,3}}?"
                rf"ransom(?![\w-]){_PAID_FOR_OTHERS}|(?:agreed|decided|chose|opted|offered) to pay "
                rf"(?:a |the )?(?:[\w$,.-]+\s+){{0,3}}?(?:ransom|ransomware|extortion|attackers|"
                rf"hackers)\b{_PAID_FOR_OTHERS}|refused to pay|(?:did not|didn['\u2019]t|would not|won['\u2019]t|"
                # "didn't want to pay the hackers' demand" (a ransom near: not "won't pay bounties")
                rf"declined to)\s+(?:want to\s+)?pay(?=[^.;]{{0,40}}?\b(?:ransom|demand|extort))|"
                rf"(?:was|were|is|are|became) (?:the |a )?(?:latest )?victims?|"
                rf"is recovering|was forced|shut down|took (?:its|their) \w+ offline)\b", re.I), 3.0),
    # "X confirmed / disclosed / announced / notified ... " (needs an attack word in the sentence)
    (re.compile(rf"{_SUBJECT}{_PERFECT}(?:confirmed|"
                rf"disclosed|announced|admitted|revealed|reported|notified|alerted|warned|"
                rf"apologi[sz]ed|acknowledged|is investigating|was investigating|discovered|"
                rf"detected|learned|became aware|(?:was|were|has been|have been) made aware|is notifying|began notifying|informed|"
                rf"(?:is|are|began|has begun|started) (?:informing|contacting|alerting)|"
                rf"said (?:it|that it)|says (?:it|that it))\b", re.I), 1.5),
    # "X and its subsidiaries were the victims of ..."
    (re.compile(r"^[^.;:]{0,70}?\b(?:was|were) (?:the |a )?(?:latest )?(?:victims?|target)\b",
                re.I), 2.0),
    # "X said ..." in a sentence about an attack (weak)
    (re.compile(rf"{_SUBJECT}(?:(?:spokes\w+|officials?|"
                rf"representatives?|executives?|CEO|chief executive)\s+)?(?:said|says|stated|"
                rf"told|confirmed)\b", re.I), 1.0),
    # its count in a leak's tally (needs an attack word in the sentence): "the Department of
    # Defense, with 101,013 personnel records exposed", "followed by X with 88,153 leaked
    # employee records and Y with 67,382", "Z (ZZ) with 5,000 records"
    (re.compile(r"^(?:\s*\([A-Z][\w&.-]*\))?\s*,?\s+with\s+(?:more than\s+|over\s+|nearly\s+|"
                r"almost\s+|about\s+|"
                r"some\s+|around\s+)?\d[\d,.]*(?:\s*(?:million|m|k|billion|bn)\b)?(?:\s+"
                r"(?:[\w-]+\s+){0,3}?(?:records|accounts|files|entries|rows|customers|users|"
                r"employees|patients)\b|(?=\s*(?:[,.;]|and\b)))", re.I), 2.0),
    # "X's network / systems / customers" (needs an attack word in the sentence; last:
    # org_candidates reads it as VICTIM_RIGHT[-1])
    (re.compile(r"^['\u2019]s?\s+(?:[\w-]+\s+){0,2}?(?:networks?|(?<!operating )systems?|"
                r"servers?|computers?|website|web site|sites?|databases?|data|customers?|"
                r"clients?|employees?|staff|patients?|users|members|guests?|students?|records|"
                r"email|e-mail|accounts?|infrastructure|files|operations|payment|stores?|"
                r"point-of-sale|POS|IT|back-end|database|applications|laptops?)\b", re.I), 2.0),
]
# the people, data or systems of X (a victim cue in an attack sentence, and in the lead of an
# attack headline: "Customers of carrier X have complained that points were drained")
PEOPLE_OF_LEFT = re.compile(
    r"\b(?:customers|clients|employees|staff|patients|users|members|guests|students|"
    r"data|systems|network|servers|computers|records|details|information|accounts|"
    r"files|passengers|travell?ers|subscribers|policyholders|shoppers|donors|"
    r"websites?|web ?sites?|portals?|e-?mail servers|e-?mail accounts)\s+"
    r"(?:of|at|from|held by)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,4}$", re.I)
VICTIM_LEFT = [
    # (not "to": "reported the breach to X", "compared the breach to X", "attributed the
    # attack to X" name a regulator, a comparison or an attacker)
    (re.compile(rf"\b{_ATTACK_NOUN}\s+(?:on|against|at|of|targeting|hitting|affecting|"
                rf"involving|into)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){{0,3}}$", re.I), 3.0),
    (re.compile(rf"\b(?:hit|hits|targeted|targeting|targets|attacked|attacking|breached|"
                rf"seize|seizes|strikes|breaches|hacks|cripples|disrupts|infects|"
                rf"hacked|compromised|infected|struck|crippled|seized|hijacked|paralysed|"
                rf"paralyzed|extorted|duped|defrauded|hitting|affecting|affected|impacting|"
                rf"impacted|broke into|breaking into)\s+(?:the\s+)?{_NO_PREP}{{0,3}}$", re.I), 2.0),
    (re.compile(r"\b(?:forced|forcing|caused|causing|prompted|prompting|left)\s+(?:the\s+)?$",
                re.I), 2.0),
    # what the attack stopped at X: "the attack that disrupted container handling at port
    # operator X", "halted production at X" (in an attack sentence)
    (re.compile(rf"\b(?:disrupt(?:ed|ing|s)?|halt(?:ed|ing|s)?|paralys(?:ed|ing|es)|"
                rf"paralyz(?:ed|ing|es)|crippl(?:ed|ing|es)|stopp(?:ed|ing)|knock(?:ed|ing)\s+out|"
                rf"shut(?:ting)?\s+down|took\s+down|taking\s+down)\s+(?:the\s+)?"
                rf"(?:[\w-]+\s+){{1,3}}?at\s+(?:the\s+)?{_NO_PREP}{{0,3}}$", re.I), 2.0),
    # "a database belonging to the marketing company X": the owner of what was exposed
    (re.compile(rf"\b(?:databases?|servers?|buckets?|data|records|files|systems?|networks?|"
                rf"accounts?|websites?)\s+(?:belonging to|owned by|operated by|run by)\s+"
                rf"(?:the\s+)?{_NO_PREP}{{0,3}}$", re.I), 2.0),
    # a gang naming its victims: "has listed Brenwick Dental, ... on its leak site"
    (re.compile(rf"\b(?:listed|named|added|posted|published)\s+(?:the\s+)?{_NO_PREP}{{0,1}}$",
                re.I), 2.0),
    (re.compile(rf"\b(?:stole|stolen|steal|steals|took|taken|exfiltrated|leaked|demands?|"
                rf"demanded|demanding|extort\w*|ransom)\s+{_NO_PREP}{{0,4}}from\s+(?:the\s+)?"
                rf"{_NO_PREP}{{0,3}}$", re.I), 2.0),  # ("stolen from New Zealand insurer X")
    # what was taken, named before its owner: "a leak of source code from games developer X",
    # "patient records from Delhi's X Hospital" (in an attack sentence)
    (re.compile(rf"\b(?:leaks?|theft|exfiltration|records|files|data|documents|details|"
                rf"source code)\s+(?:of\s+{_NO_PREP}{{1,2}})?from\s+(?:the\s+)?{_NO_PREP}{{0,3}}$",
                re.I), 2.0),
    # (in an attack sentence: "defaced the website of X", "took down the websites of X")
    (PEOPLE_OF_LEFT, 2.0),
    # a supplier leaking what it holds for its clients: "was leaking customer HTTPS sessions for
    # A, B and C", "exposed the data of clients such as A" (shared along the list)
    (re.compile(r"\b(?:leak\w*|expos\w*|stole|stolen|steal\w*|spill\w*|dump\w*)\s+"
                r"(?:(?:the|their|its|some|private|sensitive|personal|customer|client|user|"
                r"HTTPS?|encrypted|unencrypted)\s+){0,3}(?:data|sessions|traffic|information|"
                r"details|records|passwords|credentials|cookies|tokens|files|e-?mails)\s+"
                r"(?:of|for|from|belonging to)\s+(?:(?:customers|clients|sites|websites|"
                r"companies|firms)\s+(?:such as|including|like)\s+)?(?:the\s+)?$", re.I), 2.0),
    (re.compile(r"\b(?:victims?|targets?)\s+(?:was|were|is|are|include|included|including|"
                r"being)?\s*(?:the\s+)?(?:[\w'\u2019-]+,?\s+){0,6}$", re.I), 2.0),
]
SECURITY_LEFT = re.compile(
    r"\b(?:(?:researchers?|analysts?|experts?|scientists?|investigators|specialists?|team)\s+"
    r"(?:at|from|with)|(?:security|cybersecurity|cyber-security|cyber security|antivirus|"
    r"anti-virus|anti-malware|research|threat intelligence|forensics?|"
    r"infosec)\s+(?:consulting\s+|research\s+|intelligence\s+)?(?:firm|company|vendor|"
    r"provider|researchers?|specialists?|outfit|giant|"
    r"experts?|group|consultancy|consultants|team|lab)|according to (?:a |the |new )?"
    r"(?:report|research|analysis|study|survey|blog post|researchers?)\s+(?:by|from))"
    r"\s+(?:the\s+)?(?:(?!(?:in|at|on|of|near|from|based)\s)[\w'\u2019-]+\s+){0,1}$", re.I)
SECURITY_RIGHT = re.compile(
    r"^(?:['\u2019]s?)?\s*(?:(?:security |threat |malware |cybersecurity |cyber-security |"
    r"incident response )(?:officials)\b|(?:security |threat |malware |cybersecurity |"
    r"cyber-security |incident response )?(?:researchers?|analysts?|specialists|engineers|"
    r"experts?|labs?)\b|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:security|cybersecurity|"
    r"research|antivirus|anti-virus|threat[- ]intelligence|forensics?|consulting)\b|\s+"
    r"(?:(?:has |have |had )?(?:discovered|found|spotted|observed|uncovered|identified|"
    r"analy[sz]ed|tracked|(?:revealed|detailed)(?!\s+that\b))|has been tracking|researchers)\s+"
    # (not the victim finding its own incident: "X discovered the attack three months later")
    r"(?!(?:the|this|its|their)\s+(?:[\w-]+\s+){0,2}?(?:attack|breach|intrusion|hack|incident|"
    # (review fixes, session 7: but "found the attack on Gorsedale University" is a responder
    # finding another organisation's incident)
    r"compromise)\b(?!\s+(?:on|at|against|into)\s+(?:the\s+)?(?-i:[A-Z])))"
    r"(?:today\s+|the existence of\s+)*(?:a |an |the |that |several |multiple |new |[\d,]+ )?"
    r"(?:[\w-]+\s+){0,4}?(?:vulnerabilit|flaw|bug|malware|campaign|threat|variant|"
    r"attacks?|samples?|ransomware|botnet|apps?|that)|['\u2019]s?\s+(?:report|research|"
    r"analysis|study|survey|blog|researchers?|team|findings|data shows))", re.I)
# a search engine or scanner used as a tool ("a simple search with Shodan", "a Censys scan",
# "querying Google"): the one searched with is no victim of what it finds
TOOL_LEFT = re.compile(r"\b(?:(?:search(?:es|ed|ing)?|scan(?:s|ned|ning)?|quer(?:y|ies|ied|ying))"
                       r"\s+(?:with|using|via)|searching|querying)\s+(?:the\s+)?$", re.I)
TOOL_RIGHT = re.compile(r"^\s+(?:search(?:es)?|scans?|quer(?:y|ies))\s+(?:revealed|found|showed|"
                        r"shows|turned up|returned|lists?|listed|for)\b", re.I)
# "X officials": any organisation speaking (a city, a company, an agency) -- a name, but no
# sign of a security firm ("Atlanta Information Management officials were made aware")
OFFICIALS_RIGHT = re.compile(r"^(?:['\u2019]s?)?\s*officials\b", re.I)
VENDOR_LEFT = re.compile(
    r"\b(?:flaws?|vulnerabilit(?:y|ies)|bugs?|weakness(?:es)?|holes?|exploits?|zero-days?|"
    r"0-days?|patch(?:es)?|updates?|fix(?:es)?|issues?|errors?)\s+(?:in|affecting|of|for|from|"
    r"found in)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,1}$|\b(?:made|manufactured|developed|"
    r"sold|produced|built|provided|supplied|created|designed|fixed|patched"
    # (a time between: "disclosed and immediately fixed last month by X")
    r"|(?:fixed|patched)(?:\s+[\w-]+){1,3}?) by\s+(?:the\s+)?(?:(?:a|an)\s+"
    r"(?:[\w-]+\s+)?(?:company|firm|vendor|manufacturer|maker|supplier|developer)\s+"
    r"(?:called|named)\s+)?$|\b(?:vendor|maker|"
    r"manufacturer|developer|provider|supplier)\s+(?:of\s+[\w-]+\s+)?$", re.I)
VENDOR_RIGHT = re.compile(
    r"^(?:['\u2019]s?)?\s+(?:has\s+|have\s+|had\s+)?(?:since\s+|quickly\s+|already\s+)?"
    r"(?:patched|fixed|(?:released|issued|published|pushed|pushes|releases|issues|shipped)"
    r" (?:a |an |out |the )?(?:[\w-]+ ){0,2}(?:patch|fix|update|security|advisory|firmware)|"
    r"rolled out|addressed|"
    r"resolved|mitigated|plugged)\b|"
    # "X has had two vulnerabilities which would allow hackers to ..." (its product's flaws)
    r"^\s+(?:has|have|had)\s+(?:had\s+)?(?:a|an|one|two|three|four|several|multiple|\d+)\s+"
    r"(?:[\w-]+\s+){0,2}?vulnerabilit(?:y|ies)\b|"
    r"^['\u2019]s?\s+(?:[\w-]+\s+){0,2}?(?:software|"
    r"products?|app|apps|devices?|routers?|cameras?|operating system|platform|firmware|"
    r"browser|code|chips?|processors?|robots?|ovens?|hardware|servers? software|cloud)\b|"
    r"^\s+(?:products?|software|devices?|routers?|cameras?|firmware)\b|"
    # "EmbedThis - the company that develops GoAhead", "X, the maker of"
    r"^\s*(?:,|[\u2013\u2014-])\s+(?:the\s+|a\s+)?(?:company|firm|vendor|maker|manufacturer|"
    r"developer)\s+(?:that|which|who)\s+(?:develops|developed|makes|made|builds|produces|"
    r"sells|maintains)\b", re.I)
# the victim's own security-product vendor (a vendor, not a commenting security firm):
# "X, the security software used by the agency's computers", "its antivirus provider, X"
PRODUCT_VENDOR_RIGHT = re.compile(
    r"^['\u2019]?\s*,\s+(?:the|a|an|whose)\s+(?:[\w-]+\s+){0,2}?(?:security|antivirus|anti-virus|"
    r"anti-malware|endpoint(?: protection)?|firewall)\s+(?:software|products?|suite|solution|"
    r"tools?|programs?)\s+(?:(?:that\s+)?(?:was|is|were|are)\s+)?(?:used|deployed|installed|"
    r"running|run|in use|protecting)\b", re.I)
PRODUCT_VENDOR_LEFT = re.compile(
    r"\b(?:its|their|the\s+(?:[\w-]+\s+){0,2}?[\w-]+['\u2019]s?)\s+(?:antivirus|anti-virus|"
    r"anti-malware|security(?: software)?|endpoint(?: protection)?|firewall)\s+(?:vendor|"
    r"provider|supplier)\s*,?\s*$", re.I)
# the maker of devices or products: "tested the attack on printers from Brother, Konica Minolta
# and Lexmark", "routers made by X" (a vendor; the attack verb before is about the devices)
MAKER_LEFT = re.compile(
    r"\b(?:printers|routers|modems|cameras|webcams|phones|smartphones|handsets|devices|products|"
    r"models|chips|processors|appliances|firmware|equipment|drives|laptops|tablets|TVs|"
    r"televisions|cars|vehicles|toys|thermostats|switches|controllers|PLCs)\s+(?:from|made by|"
    r"built by|manufactured by|sold by|by)\s+(?:(?:the|its|their)\s+)?(?:likes\s+of\s+)?"
    # ("discontinued models from networking firm X")
    r"(?:(?:[a-z][\w-]*\s+){0,2}?(?:firm|company|maker|vendor|manufacturer|giant|supplier)\s+)?"
    # only names between the head and the mention ("printers from Brother, Konica Minolta and
    # X", "devices manufactured by the likes of ASUS, D-Link, X"), not any words ("devices
    # from dozens of departments at X")
    r"(?:(?-i:[A-Z])[\w.&'\u2019-]*(?:\s+(?-i:[A-Z0-9])[\w.&'\u2019-]*){0,3}\s*"
    r"(?:,\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?|\s+(?:and|or|as\s+well\s+as)\s+)){0,8}$",
    re.I)
# "devices from over 300 vendors, including D-Link, Foscam and Netcam": the list that follows
# researchers and firms listed after their kind: "security firms Avast and Check Point, and
# security researchers Kevin Beaumont, MalwareTech, MalwareHunterTeam"
SECURITY_LIST = re.compile(
    r"\b(?:[Ss]ecurity|[Cc]ybersecurity|[Aa]ntivirus|[Mm]alware|[Tt]hreat intelligence)\s+"
    r"(?:researchers|firms|companies|vendors|experts|outfits)\s*,?\s+(?:(?:such as|including|"
    r"like)\s+)?(?=[A-Z])")
VENDOR_LIST = re.compile(r"\b(?:vendors|manufacturers|makers|suppliers)\s*,?\s+(?:including|"
                         r"such as|like|among them)\s+", re.I)
# brands used as bait: "a fake Google login screen", "Netflix user credentials"
LURE_LEFT = re.compile(r"\b(?:fake|spoofed|bogus|phony|fraudulent|counterfeit|posing as|"
                       r"impersonat\w+|pretend\w* to be(?: from)?|purport\w* to (?:be|come) from|"
                       r"claim\w* to (?:be|come) from|(?:look|appear|seem)\w* to (?:be|come) from|"
                       # (not a bare "looks like": "It looks like X has suffered a breach")
                       r"(?:designed |made )?to look like|"
                       r"masquerad\w+ as|disguised as|mimick?\w*|phish|lookalike|look-alike|"
                       r"copycat|cloned)\s+(?:(?:version|copy|clone|imitation)s?\s+of\s+|"
                       r"(?:those|that)\s+of\s+)?"
                       r"(?:the\s+|an?\s+)?$"
                       # an impersonated body with its description: "impersonating the tax
                       # authority X", "posing as the delivery firm X" (lower-case words only)
                       r"|\b(?:posing as|impersonat\w+|pretend\w* to be|masquerad\w+ as|"
                       r"disguised as)\s+(?:the\s+|an?\s+)?(?:(?!(?:at|on|in|of|from|to|for|by|"
                       r"with|and|or)\s)[a-z][\w-]*\s+){1,3}$"
                       # the sender a message pretends to come from: "spam disguised as a payment
                       # confirmation email from X", "texts posing as a delivery notice from X"
                       r"|\b(?:posing as|masquerad\w+ as|disguised as|(?:designed |made )?to look "
                       r"like)\s+(?:the\s+|an?\s+)?(?:(?!(?:at|on|in|of|from|to|for|by|with|and|"
                       r"or)\s)[a-z][\w-]*\s+){1,4}(?:from|by)\s+(?:the\s+)?$", re.I)
LURE_RIGHT = re.compile(r"^(?:-themed|-branded|(?:,\s*[\w ]+?,?)*\s+(?:(?:user |account )?(?:login|"
                        r"log-in|sign-in)\s+(?:pages?|screens?|forms?|portals?|sites?)|lures?)\b)",
                        re.I)
# "steal Netflix user credentials", "phish Google, Dropbox, and LinkedIn credentials"
LURE_STEAL_LEFT = re.compile(r"\b(?:steal|stealing|harvest\w*|phish\w*|enter|capture\w*)\s+(?:the\s+)?$",
                             re.I)
LURE_CRED_RIGHT = re.compile(r"^(?:,\s*[\w ]+?,?)*\s+(?:user |account )?(?:credentials|"
                             r"logins?|passwords?)\b", re.I)
# organisations helping the incident response ("working with the FBI, Microsoft and Cisco",
# "with support from Microsoft", "brought in Mandiant"): the list that follows
RESPONSE_HELP = re.compile(
    r"\bworking(?:(?<=\bis working)|(?<=\bare working)|(?<=\bwas working)|(?<=\bwere working)|"
    r"(?<=\bbeen working)|(?<=\bcurrently working)|(?<=\bnow working))\s+(?:closely\s+)?with\s+|"
    r"\bwith\s+(?:the\s+)?(?:help|support|assistance)\s+(?:of|from)\s+|"
    r"\b(?:(?:brought|called)\s+in|hired|engaged|retained|enlisted)\s+(?!by\b)", re.I)
# (not "was hired by X": X is the client that hired the responders)
RESPONSE_HELP_END = re.compile(r"[.;:!?\n]|\s(?:to|in order|on|after|since|which|who)\s")
MEDIA_LEFT = re.compile(
    r"\b(?:told|telling|reported by|report(?:ed)? in|interview with|speaking to|"
    r"speaking with|wrote in|writing in|published by|first reported by|quoted by|"
    r"partners at|statements? to|in an e-?mail to|comments? to|we at|we here at)\s+(?:the\s+)?$",
    re.I)  # ("We at X can not confirm": the outlet writing)
MEDIA_RIGHT = re.compile(r"^(?:['\u2019]s?)?\s+(?:reporter|journalist|correspondent|editor|"
                         r"columnist|(?:has\s+|had\s+)?(?:exclusively|first)\s+reported)\b", re.I)
# a group that names itself: "the attack was claimed by a group calling itself Tidecall"
# (group 1: the name). A plain pattern (callers may pass pos/endpos to ``finditer``);
# org_threats scans it with the other threat-actor patterns.
SELF_NAMED_GROUP = re.compile(
    r"\b(?:group|gang|crew|collective|outfit)\s*,?\s+(?:calling|that calls|which calls|who call)"
    r"\s+(?:itself|themselves)\s+[\"'\u2018\u201c]?([A-Z][\w-]*(?:[ _][A-Z0-9][\w-]*){0,2})")

# the left-context and scan patterns begin with literal words: they run only where those words
# occur (pipeline.regex_prefix.fast: the same matches, without trying every character)
(SECURITY_LEFT, VENDOR_LEFT, PRODUCT_VENDOR_LEFT, MEDIA_LEFT, LURE_LEFT, LURE_STEAL_LEFT,
 _ATTACK_WORD, _BACKGROUND, BACKGROUND_STRONG, RESPONSE_HELP, VENDOR_LIST, TOOL_LEFT) = map(fast, (
    SECURITY_LEFT, VENDOR_LEFT, PRODUCT_VENDOR_LEFT, MEDIA_LEFT, LURE_LEFT, LURE_STEAL_LEFT,
    _ATTACK_WORD, _BACKGROUND, BACKGROUND_STRONG, RESPONSE_HELP, VENDOR_LIST, TOOL_LEFT))
# (ROUNDUP_LEFT and MAKER_LEFT only ever search a mention's ~90-character left context: plain
# patterns are faster there than the prefix scan of ``fast``)
VICTIM_LEFT = [(fast(p), w) for p, w in VICTIM_LEFT]


# words that start job titles or groups of people ("Medical Director", "Cyber researchers")
TITLE_MODIFIERS = frozenset("""service medical vice executive managing technical technology
security information privacy cyber deputy assistant general associate regional global senior
principal lead research marketing communications financial operating product outside legal
independent external internal industry academic government federal state local freelance
veteran renowned intelligence""".split())
DEPARTMENT_WORDS = frozenset("""technology information it security communications marketing
finance operations hr human resources public relations media press legal""".split())
# "CEO of X": the organisation follows ("Minister of State for Security" is no organisation)
CORPORATE_TITLES = frozenset("""ceo cto cio ciso cfo coo cso vp president chairman chairwoman
director manager officer spokesman spokeswoman spokesperson founder analyst researcher
chief head""".split())
# job titles only when a name follows ("County Clerk Kim Muir", not "Information
# Commissioner's Office")
CONTEXT_ROLE_WORDS = frozenset("""commissioner clerk sheriff superintendent treasurer attorney
inspector chancellor administrator coordinator supervisor engineer specialist auditor
constable detective sergeant lieutenant captain chief""".split())
ROLE_WORDS = frozenset("""ceo cto cio ciso cfo coo cso vp president chairman chairwoman director
manager officer spokesman spokeswoman spokesperson chief head founder minister secretary mayor
governor analyst researcher professor dr mr mrs ms adviser advisor""".split())


# ----------------------------------------------------------------------------- other languages
_CAP = r"[A-Z\u00c0-\u00d6\u00d8-\u00de]"
_NAME_TOKEN = _CAP + r"[\w'\u2019&-]*"


def _alternation(words, flags: str = "") -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@dataclass(frozen=True)
class LanguageCues:
    """Organisation cues of one language (``data/gazetteers/org_cues_<lang>.json``), compiled.

    ``head_name``: "Stadtwerke Hohenbrück", "Comune di Arezzo" (head, optional connector, one to
    three capitalised words); ``name_tail``: "Torre Cyber", "Rheinland Versicherung AG";
    ``descriptor``: "der Sicherheitsfirma X" (group ``role`` names the descriptor's role);
    ``victim_right`` / ``victim_left``: victim patterns around a mention; ``attack``: attack
    vocabulary; ``person_left`` / ``person_right``: contexts of people's names."""

    language: str
    heads: frozenset[str]
    name_words: frozenset[str]       # lower-case heads, tails and legal forms
    function_words: frozenset[str]   # connectors and determiners (lower case)
    determiners: frozenset[str]
    descriptor_words: frozenset[str]  # one-word descriptors, lower case ("sicherheitsfirma")
    head_name: re.Pattern
    name_tail: re.Pattern | None
    descriptors: tuple[tuple[str, re.Pattern], ...]
    role_heads: tuple[tuple[str, re.Pattern], ...]
    victim_right: tuple[re.Pattern, ...]
    victim_left: tuple[re.Pattern, ...]
    attack: re.Pattern
    background: re.Pattern
    person_left: tuple[re.Pattern, ...]
    person_right: re.Pattern | None

    @classmethod
    def from_dict(cls, data: dict) -> "LanguageCues":
        heads = list(data.get("heads", []))
        tails = list(data.get("tail_heads", []))
        legal = list(data.get("legal_forms", []))
        connectors = list(data.get("connectors", []))
        determiners = list(data.get("determiners", []))
        name = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}"
        conn = _alternation(connectors)
        head_name = re.compile(
            rf"(?<![\w-]){_alternation(heads)}(?:\s+{conn})?\s*(?<=[\s'\u2019]){name}")
        name_tail = re.compile(
            rf"(?<![\w-]){_NAME_TOKEN}(?:\s+(?:{conn}\s+)?{_NAME_TOKEN}){{0,2}}\s*,?\s+"
            rf"{_alternation(tails + legal)}(?![\w-])") if tails or legal else None
        descriptors = tuple(
            (role, re.compile(rf"(?<![\w-]){_alternation(words, 'i')}\s+(?:{conn}\s+)?({name})"))
            for role, words in data.get("descriptors", {}).items() if words)
        role_heads = tuple(
            (role, re.compile(rf"^(?:{_alternation(determiners, 'i')}\s+)?{_alternation(words, 'i')}"
                              r"(?![\w-])"))
            for role, words in data.get("role_heads", {}).items() if words)
        titles = data.get("person_titles", [])
        person_right = re.compile(rf"^\s*,\s+(?:[\w'\u2019-]+\s+){{0,2}}?{_alternation(titles, 'i')}"
                                  r"(?![\w-])") if titles else None
        person_left = tuple(re.compile(p, re.I) for p in data.get("person_cues", []))
        if titles:
            person_left += (re.compile(rf"(?<![\w-]){_alternation(titles, 'i')}\s*,?\s+$"),)
        lower = {w.lower() for w in heads + tails + legal}
        return cls(
            language=data.get("language", ""),
            heads=frozenset(heads),
            name_words=frozenset(lower | {p for w in lower for p in w.split()}),
            function_words=frozenset(w.lower() for w in connectors + determiners),
            determiners=frozenset(w.lower() for w in determiners),
            descriptor_words=frozenset(w.lower() for ws in data.get("descriptors", {}).values()
                                       for w in ws if " " not in w),
            head_name=head_name, name_tail=name_tail, descriptors=descriptors,
            role_heads=role_heads,
            victim_right=tuple(re.compile(p, re.I) for p in data.get("victim_right", [])),
            victim_left=tuple(re.compile(p, re.I) for p in data.get("victim_left", [])),
            attack=re.compile(data.get("attack_words") or r"(?!)", re.I),
            background=re.compile(data.get("background") or r"(?!)", re.I),
            person_left=person_left, person_right=person_right,
        )


def load_language_cues(directory) -> dict[str, LanguageCues]:
    """Every ``org_cues_<lang>.json`` in ``directory``, by language code."""
    out: dict[str, LanguageCues] = {}
    for path in sorted(Path(directory).glob("org_cues_*.json")):
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        lang = data.get("language") or path.stem.rsplit("_", 1)[-1]
        out[lang] = LanguageCues.from_dict({**data, "language": lang})
    return out
