"""Sentence-level decision rules of the attack-type classifier: which sentences cannot anchor
a label (denials, data taken elsewhere, hypotheticals, ransomware denied or compared, a fake
site taken down), which report an exploitation as having happened, and whether a title tells
an intrusion. Pure functions of lower-cased sentence text (no model): the focus rule and the
advisory check in :mod:`pipeline.classifier` apply them."""
from __future__ import annotations

import re
from typing import Sequence

# A sentence that denies an event ("no customer data was accessed", "not aware of any
# exploitation") supports neither a data breach nor exploitation, the two events articles
# about other incidents and advisories routinely deny.
_DENIAL_RE = re.compile(
    r"\b(?:no|not|never|nor|without)\b(?:\W+\w+){0,6}?\W+(?:exploit\w*|in the wild|breach\w*|"
    r"accessed|stolen|taken|exfiltrat\w*|compromised|leaked|copied|viewed|obtained)\b"
    r"|n't\b(?:\W+\w+){0,6}?\W+(?:exploit\w*|breach\w*|accessed|stolen|taken|compromised)\b"
    r"|\bno (?:evidence|indication|sign)s?\b")
_DENIABLE = ("data_breach", "vulnerability_exploitation")


def denial_rows(lows: Sequence[str]) -> set[int]:
    """Rows of the lower-cased sentences ``lows`` that deny a breach or an exploitation."""
    return {r for r, low in enumerate(lows) if _DENIAL_RE.search(low)}


# A denial of the exploitation itself ("no evidence that it has been exploited", "not known to
# be used in attacks"); "no personal data was accessed" denies a breach, not the exploitation.
_EXPLOIT_DENIAL_RE = re.compile(
    r"\b(?:no|not|never|nor|without)\b(?:\W+\w+){0,8}?\W+(?:exploit\w*|in the wild|abused|"
    r"weaponi[sz]ed|used (?:\w+ ){0,2}(?:in|for) attacks)\b"
    r"|n't\b(?:\W+\w+){0,8}?\W+(?:exploit\w*|abused|in the wild)\b")


# A sentence about data taken *elsewhere* does not report a breach of the victim: password
# lists stolen from other websites and replayed against a login page (credential stuffing),
# credentials from earlier or unrelated breaches, reused passwords.
_ELSEWHERE_RE = re.compile(
    r"\b(?:from|at|in|during|by|of) (?:other|unrelated|earlier|previous|prior|past|older|old|"
    r"separate|third-party|other companies'?) (?:\w+ ){0,2}(?:websites?|sites|services|"
    r"platforms|companies|firms|breach(?:es)?|leaks?|incidents)\b"
    r"|\bfrom elsewhere\b|\b(?:reused|re-used|recycled|reusing|re-using) (?:\w+ )?passwords?\b"
    r"|\bpassword re-?use\b|\bcredential[- ]stuffing\b|\bcombo ?lists?\b"
    r"|\b(?:did not|didn't|does not|doesn't|do not|don't) (?:\w+ )?(?:come|originate) from\b")
# A sentence about what could happen (a flaw that *could* let attackers steal data, malware
# *capable of* exfiltrating files) reports neither a breach nor an exploitation.
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:could|can|might|would|may) (?:\w+ ){0,2}?(?:allow|let|enable|permit|be used|"
    r"be abused|be exploited|be leveraged|be weaponi[sz]ed|expose|steal|leak|lead|result|exploit|"
    r"give|grant)\b"
    r"|\b(?:capable of|designed to|able to|abilit(?:y|ies) to|used to|aims? to|aiming to|"
    r"seeks? to|seeking to|tries to|trying to|attempts? to|opportunity (?:\w+ ){0,4}?to|"
    r"in order to) (?:\w+ ){0,2}?"
    r"(?:steal|harvest|collect|exfiltrat\w*|captur\w*|siphon|grab|exploit\w*)\b"
    r"|\ballow(?:s|ing)? (?:an? |the )?(?:remote |unauthenticated |local )?(?:attackers?|"
    r"hackers?|threat actors?|adversar(?:y|ies)|malicious actors?) to\b"
    r"|\bif (?:\w+ ){0,4}(?:exploited|successful)\b")


# ... unless the sentence also reports data actually taken ("the stolen records could be used
# for fraud"): a taking word that no modal ("could have been", "can") governs
_TAKEN_RE = re.compile(r"\b(?:stolen|stole|accessed|exposed|leaked|copied|exfiltrated|taken|"
                       r"obtained|downloaded|posted|dumped|breached)\b")
_MODAL_TAIL_RE = re.compile(r"\b(?:could|can|might|would|may|to|able|allow\w*)\W+(?:\w+\W+){0,2}$")


def _hypothetical(low: str) -> bool:
    """A sentence about what could happen that reports nothing actually taken."""
    if not _HYPOTHETICAL_RE.search(low):
        return False
    return not any(not _MODAL_TAIL_RE.search(low[max(0, m.start() - 40):m.start()])
                   for m in _TAKEN_RE.finditer(low))


# An exploitation told as something that happened: an exploit verb, "in the wild", a flaw
# used, abused or taken advantage of, an attack through or on a flaw. The label's cues also
# name flaw classes (SQL injection, cross-site scripting, buffer overflow, remote code
# execution, a zero-day, "unpatched"): an advisory names those for the flaw it fixes, which
# reports no exploitation.
_EXPLOITED_RE = re.compile(
    r"\bexploit(?:ed|ing|ation)\b|\bin the wild\b|\b(?:took|taking|take|takes) advantage of\b"
    r"|\b(?:used|using|abused|abusing|leveraged|leveraging|weaponi[sz]ed) "
    r"(?:\w+ ){0,3}?(?:flaws?|bugs?|vulnerabilit(?:y|ies)|zero[- ]days?|holes?)\b"
    r"|\b(?:flaws?|bugs?|vulnerabilit(?:y|ies)|zero[- ]days?|holes?) (?:\w+ ){0,4}?(?:is|are|was|"
    r"were|has been|have been|had been|being) (?:\w+ )?(?:used|abused|leveraged|targeted|"
    r"attacked)\b"
    r"|\b(?:via|through|by means of) (?:a |an |the )?(?:\w+ ){0,2}(?:vulnerability|flaw|bug|"
    r"zero[- ]day|hole)\b"
    r"|\bzero[- ]day attacks?\b|\bunder (?:active )?attack\b|\bactively (?:\w+ )?(?:attack|target)\w*")


# "an attacker exploiting the flaw could take over the device": a possibility too
_EXPLOITING_COULD_RE = re.compile(
    r"\b(?:attackers?|hackers?|adversar(?:y|ies)|actors?|someone|anyone|criminals?) "
    r"(?:\w+ )?exploiting\b(?:\W+\w+){0,12}?\W+(?:could|can|might|may|would)\b")


# ... and a sentence with a modal or a hypothetical ("attackers can take control through an
# authentication flaw", "a flaw that could allow attackers to ...") reports exploitation only
# in a form that says it happened ("has been exploited in the wild and could let ...")
# (the month is no modal: "hit by ransomware in May", "since May", "on May 5")
_MODAL_RE = re.compile(
    r"\b(?:can|could|might|would)\b|"
    + "".join(rf"(?<!\b{w} )" for w in ("in", "of", "by", "since", "until", "till", "early",
                                        "late", "last", "next", "from", "during", "on", "this",
                                        "mid", "end", "through"))
    + r"(?<!mid-)\bmay\b(?!\s+\d)")
_HAPPENED_RE = re.compile(
    r"\b(?:has|have|had|was|were) (?:\w+ ){0,2}?(?:exploited|used|abused|targeted|attacked|"
    r"leveraged)\b|\b(?:being|been) (?:actively )?(?:exploited|used|abused|targeted|attacked|"
    r"leveraged)\b|\b(?:attackers?|hackers?|criminals?|actors?|they|groups?|gangs?|someone|"
    r"adversar(?:y|ies)) (?:\w+ ){0,3}?(?:exploited|abused|used)\b|\bin the wild\b"
    r"|\b(?:took|taken) advantage\b")
_COULD_HAVE_RE = re.compile(r"\b(?:could|would|might) have been\b")


def _exploitation_rows(lows: Sequence[str]) -> set[int]:
    """Rows of the lower-cased sentences ``lows`` that report an exploitation as having
    happened (see ``_EXPLOITED_RE``): not denied (``_EXPLOIT_DENIAL_RE``: "exploited in the
    wild, but no customer data was accessed" denies a breach, not the exploitation), and not
    only possible — a sentence with a modal or a hypothetical counts only when it also says
    the exploitation happened."""
    out = set()
    for r, low in enumerate(lows):
        if not _EXPLOITED_RE.search(low) or _EXPLOITING_COULD_RE.search(low):
            continue
        if (_MODAL_RE.search(low) or _hypothetical(low)) and not (
                _HAPPENED_RE.search(low) and not _COULD_HAVE_RE.search(low)):
            continue
        if not _EXPLOIT_DENIAL_RE.search(low):
            out.add(r)
    return out


# A sentence that denies, questions or compares ransomware reports none: "there is no ransom
# note and no leak site", "it did not say whether a ransom had been demanded", "business email
# compromise caused more losses than ransomware".
# The negator must govern the ransomware noun ("no ransom note", "no files were encrypted",
# "not a ransomware attack", "did not involve ransomware", "whether a ransom was demanded"): a
# ransom not paid ("did not pay the ransom"), files that could not be opened ("could not access
# files encrypted by the ransomware") or a sum not told ("has not said how much ransom the
# gang demanded") affirm the attack.
_RW_NOUN = r"(?:ransom\w*|encrypt\w*|extort\w*|leak\s+sites?)\b"
_NOT_PAY = r"(?!(?:pay|paid|paying|pays|access|accessed|open|opened|said|say|says|disclose\w*|" \
    r"reveal\w*|confirm\w*|comment\w*|know|known|clear|how|much)\b)"
_NOT_RANSOM_RE = re.compile(
    r"\b(?:no|never|nor|without)\s+(?:" + _NOT_PAY + r"[\w'’-]+\s+){0,3}?" + _RW_NOUN
    + r"|\bno\s+(?:sign|evidence|indication|suggestion)s?\s+(?:of|that)\b(?:\W+\w+){0,6}?\W+"
    + _RW_NOUN
    + r"|\bnot\s+(?:(?:been|be|yet|a|an|the|any|result\s+of|caused\s+by|due\s+to|hit\s+by|"
    r"affected\s+by|involv\w*|related\s+to|linked\s+to|believed\s+to\s+(?:be|have)|thought\s+to"
    r"\s+(?:be|have)|appear\s+to\s+(?:be|have)|seem\s+to\s+(?:be|have)|include|includ\w+)\s+)*"
    + _RW_NOUN
    + r"|\bwhether\b(?:\W+" + _NOT_PAY + r"\w+){0,6}?\W+" + _RW_NOUN
    + r"|\b(?:than|unlike|rather than|instead of)\s+(?:\w+\s+){0,2}?ransomware\b"
    # history: an earlier attack the sentence sets apart ("unrelated to the ransomware
    # incident it suffered in January", "separate from last year's ransomware attack")
    r"|\b(?:unrelated|not related|not connected|unconnected|separate from|distinct from"
    r"|earlier|previous|prior|last year's|a year after)\b(?:\W+\w+){0,4}?\W+ransom\w*")
# ... and ransomware told outright as a fact ("was hit by a ransomware attack", "that encrypted
# its servers") stands whatever else the sentence denies or asks ("although no ransom note has
# been found yet", "it is not yet known whether the gang has demanded a ransom")
_RANSOM_FACT_RE = re.compile(
    r"\b(?:hit|struck|crippled|disrupted|targeted|affected)\s+by\s+(?:an?\s+|the\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?"
    r"ransomware\b|\bransomware\s+attack\b|\b(?:encrypted|locked)\s+(?:\w+\s+){0,3}?(?:files?|"
    r"systems?|servers?|data|computers?|records?|networks?|machines?)\b")


def ransomware_denied_rows(lows: Sequence[str], cue: "re.Pattern[str]") -> set[int]:
    """Rows of the lower-cased sentences ``lows`` that deny, question, compare or set apart
    ransomware (``_NOT_RANSOM_RE``) in every one of its cue matches (``cue``: the label's cue
    pattern): "a ransomware attack, although no ransom note has been found yet" tells the
    attack and denies only the note. A sentence that tells the attack outright
    (``_RANSOM_FACT_RE``) outside the denied phrase is never denied."""
    out = set()
    for r, low in enumerate(lows):
        denied = [m.span() for m in _NOT_RANSOM_RE.finditer(low)]
        if not denied:
            continue
        inside = lambda m: any(s <= m.start() and m.end() <= e for s, e in denied)  # noqa: E731
        if any(not inside(m) for m in _RANSOM_FACT_RE.finditer(low)):
            continue
        if all(inside(m) for m in cue.finditer(low)):
            out.add(r)
    return out


# A sentence that asks or leaves open whether data was taken reports no breach: "we do not
# yet know whether residents' data was taken", "it is not clear if any records were copied".
_QUESTIONED_DATA_RE = re.compile(
    r"\b(?:whether|if)\b(?:\W+\w+){0,5}?\W+(?:data|information|records|details|files)\b"
    r"(?:\W+\w+){0,3}?\W+(?:was|were|had been|has been|have been|is|are)\s+(?:\w+\s+)?"
    r"(?:taken|stolen|accessed|copied|exfiltrated|compromised|leaked|exposed|viewed)\b")
# A fake site taken down is a takedown, not a denial of service: "asked the hosting company
# to take the fake site down".
_TAKEDOWN_RE = re.compile(
    r"\b(?:fake|phishing|scam|fraudulent|bogus|spoofed|copycat|look-?alike|cloned?)\s+"
    r"(?:\w+\s+)?(?:web\s?sites?|sites?|pages?|domains?)\b(?:\W+\w+){0,3}?\W+"
    r"(?:down|offline|removed|suspended)\b|\btake-?downs?\b")


# A title that tells an intrusion as having happened: "… says hackers stole its tools",
# "Council hit by ransomware", "Retailer's systems were hacked" (not "… could let hackers steal")
_TITLE_INTRUSION_RE = re.compile(
    r"\b(?:hackers?|attackers?|criminals?|cybercriminals?|intruders?|gang)\b(?:\W+\w+){0,3}?\W+"
    r"(?:stole|broke into|breached|accessed|hacked|hijacked|encrypted|leaked|raided)\b"
    r"|\b(?:was|were|has been|have been|got|gets|is|are)\s+(?:\w+\s+)?hacked\b"
    r"|\bhit by (?:an?\s+)?(?:cyber[- ]?attack|ransomware|hack\w*|data breach)\b", re.I)


# A supplier as the way in: "a cyber attack on its pathology provider", "the leak originated at
# a third-party loan recovery agency", "attackers injected code into a third-party chat widget",
# "the film was stolen from the server of a post-production vendor"
_SUPPLIER_WAY_IN_RE = re.compile(r"""(?:
    \b(?:cyber[- ]?attacks?|attacks?|breach(?:es)?|hacks?|incidents?|compromises?|intrusions?)
        \s+(?:on|at|of|against|targeting)\s+(?:its|their|a|an|the)?\s*(?:[\w&.-]+\s+){0,3}?
        (?:suppliers?|vendors?|providers?|contractors?|third[- ]part(?:y|ies))\b
  | \b(?:originated|started|began)\s+(?:at|from|through|via|with)\s+(?:a|an|the|its|their)?\s*
        (?:[\w&.-]+\s+){0,3}?(?:suppliers?|vendors?|providers?|contractors?|agenc(?:y|ies)
        |third[- ]part(?:y|ies))\b
  | \bcame\s+(?:from|through|via)\s+(?:a|an|the|its|their)?\s*(?:compromised\s+|hacked\s+)?
        (?:[\w&.-]+\s+){0,2}?(?:suppliers?|vendors?|contractors?|third[- ]part(?:y|ies))\b
  | \b(?:through|via)\s+(?:a|an|the|its|their)\s+(?:compromised\s+|hacked\s+)?(?:[\w&.-]+\s+){0,2}?
        (?:third[- ]party|suppliers?|vendors?)\b
  | \b(?:stolen|taken|leaked|accessed|copied)\s+from\s+(?:the\s+)?(?:servers?|systems?|networks?)
        \s+of\s+(?:a|an|the|its|their)\s+(?:[\w&.-]+\s+){0,3}?(?:suppliers?|vendors?|providers?
        |contractors?)\b
  | \binject\w*\s+[^.]{0,40}?\binto\s+(?:a|the)\s+third[- ]party\b
  | \b(?:attack\w*|breach\w*|hack\w*|compromis\w*|hit)\b[^.]{0,60}?\b(?:systems?|software|services?
        |platforms?|tools?)\s+(?:supplied|provided|run|operated|managed|hosted|maintained)\s+by\s+
        (?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w&.-]+\s+){0,2}?(?:partners?|suppliers?|vendors?
        |providers?|contractors?|third[- ]part(?:y|ies))\b
)""", re.I | re.X)


_OPEN_QUESTION_RE = re.compile(r"\b(?:whether|if)\b")


# Money: a sum ($2.3 million, Rs 28.4 crore, 3,000 euros) or a word for money, funds, savings,
# balances, crypto-assets, loyalty points
_MONEY = r"""(?:(?:[$£€₹¥]|\b(?:rs\.?|inr|usd|eur|gbp|aud|cad|nzd|chf))\s?\d[\d.,]*(?!\d)(?:\s?(?:k|m|mn|bn
        |million|billion|crore|lakh)\b)?
    |\b\d[\d.,]*\s?(?:k|m|mn|bn|crore|lakh|million|billion)?\s?(?:euros?|dollars?|pounds?|rupees?
        |bitcoins?|btc|eth|ether|usdt|stablecoins?|yen|kronor|kroner|rand|francs?)\b
    |\b\d[\d.,]*\s?(?:crore|lakh)\b
    |\b(?:money|funds|cash|savings|deposits|(?:gift[- ]?card\s+|card\s+|account\s+)?balances?
        |crypto(?:currency|currencies|-assets?)?|bitcoin|ether|stablecoins
        |(?:reward|loyalty|bonus)\s+points|air\s?miles)\b)"""
# Money taken from the victim or its customers: fraudulent transactions or transfers, money
# siphoned, drained, stolen or conned out of someone, lost to a fraud or an attack, sent to
# fraudsters, balances spent, a cash-out on cloned cards
_MONEY_TAKEN_PATTERN = r"""(?:
    \b(?:fraudulent|unauthori[sz]ed|illicit|bogus)\s+(?:(?:wire|bank|card|money|cash|atm|online|credit
        |debit|electronic|international|cross-border)\s+){0,2}(?:transactions?|transfers?|withdrawals?
        |payments?|purchases?|charges?)\b(?!\s+card)
  | \b(?:siphoned|drained|stole|embezzled|looted|emptied|diverted|cleaned\s+out|cashed\s+out
        |swindled|defrauded|_PRESENT
        |con(?:ned)?\s+(?:\w+\s+){0,3}?out\s+of|cheat(?:ed|ing)\s+(?:\w+\s+){0,3}?(?:out\s+)?of
        |trick(?:ed|ing)\s+(?:\w+\s+){0,3}?out\s+of)
        \b(?:\W+[\w'’]+){0,5}?\W*_MONEY
  | \b(?:lost|_LOSES)\s+(?:[\w'’]+\s+){0,3}?_MONEY
        (?!(?:\s+[\w'’]+){0,3}?\s+(?:in|of|from)\s+(?:[\w'’-]+\s+)?_TRADE)
        \s+(?:(?!_TRADE)[\w'’]+\s+){0,2}?(?:to|in|through|via|after)
        \s+(?:an?\s+|the\s+|its\s+)?(?:[\w'’-]+\s+){0,3}?(?:fraud\w*|scam\w*|criminals?|hackers?|thieves
        |theft|heist|hack|cyber[- ]?(?:attack|heist|theft)|attack|phishing|con|swindle)\b
  | \bstolen\s+(?:\w+\s+)?(?:funds|money|cash|crypto\w*|savings)\b
  | _MONEY(?:\W+[\w'’]+){0,6}?\W+(?:was|were|had\s+been|has\s+been|have\s+been|being|got)\s+
        (?:\w+\s+)?(?:stolen|drained|siphoned|diverted|emptied|transferred|wired|withdrawn
        |cashed\s+out|redeemed|looted|laundered)\b
  | \b(?:sent|wired|transferred|paid|handed\s+over|redirect\w*|divert\w*|re-?rout\w*)\b(?:\W+[\w'’]+){0,6}?
        \W+(?:to|into)\s+(?:the\s+|a\s+|an\s+)?(?:fraudsters?|criminals?|scammers?|attackers?|hackers?
        |impost[eo]rs?|(?:fraudulent|fake|bogus|criminals?['’]?|scammers?['’]?|fraudsters?['’]?)
        \s+(?:bank\s+)?accounts?)\b
  | \bcash[- ]?outs?\b | \bcloned\s+(?:\w+\s+)?cards?\b
  | \bspen[dt]\s+(?:[\w'’]+\s+){0,4}?(?:balances?|points|(?:store|account|gift[- ]?card)\s+credit)\b
  | \bwallets?\s+(?:was\s+|were\s+|had\s+been\s+)?(?:drained|emptied)\b
)"""


# a sum lost in trade is a business loss, not money taken: "lost £30 million in sales after
# the cyber attack"
_TRADE = (r"(?:sales|revenues?|profits?|turnover|business|earnings|income|orders|trade|trading"
          r"|output|production)\b")


def _money_taken_re(headline: bool) -> "re.Pattern[str]":
    """``_MONEY_TAKEN_PATTERN`` compiled; a headline tells in the present ("Hackers siphon $2m
    from bank", "Exchange loses $41m in hack"), a sentence of the text does so only in a
    purpose or a habit ("malicious code to steal cryptocurrency", "an infostealer that steals
    credentials and cryptocurrency"), so the present forms count in headlines only."""
    present = r"siphons?|drains?|steals?|embezzles?|loots?|empties|diverts?|swindles?|defrauds?" \
        if headline else r"(?!)"
    loses = r"loses?" if headline else r"(?!)"
    return re.compile(_MONEY_TAKEN_PATTERN.replace("_PRESENT", present + "|(?!)")
                      .replace("_TRADE", _TRADE)
                      .replace("_LOSES", loses).replace("_MONEY", _MONEY), re.I | re.X)


_MONEY_TAKEN_RE = _money_taken_re(headline=False)
_MONEY_TAKEN_HEADLINE_RE = _money_taken_re(headline=True)
# A payment sent to a new, different or other account is money taken only in a sentence that
# names a fraud: "criminals hijacked their accounts and redirected payments to other bank
# accounts" ("customers were paid into a new account after the council changed banks" is not)
_REDIRECTED_RE = re.compile(
    r"\b(?:sent|wired|transferred|paid|handed\s+over|redirect\w*|divert\w*|re-?rout\w*)\b"
    r"(?:\W+[\w'’]+){0,6}?\W+(?:to|into)\s+(?:the\s+|a\s+|an\s+)?(?:new|different|other)\s+"
    r"(?:bank\s+)?accounts?\b", re.I)
_FRAUD_WORD_RE = re.compile(
    r"\b(?:fraud\w*|scam\w*|criminals?|hackers?|attackers?|impost[eo]rs?|impersonat\w*|posing"
    r"|fake|bogus|spoof\w*|compromised|hijack\w*|phish\w*)\b", re.I)
# A sentence that cannot tell money taken: a ransom (paid or not, the ransomware's
# extortion), a denial of any event ("no indication that criminals got their hands on cash"),
# the future ("nobody will lose money"), a modal or hypothetical, an open question
_NO_MONEY_SENTENCE_RE = re.compile(
    r"\bransom\w*|\b(?:will|won't|shall|should)\b|\bno\s+(?:evidence|indication|sign|suggestion)s?\b",
    re.I)
# In the clause before the match (from the last comma, colon, dash, 'but' or 'while'; its last
# _CLAUSE_WORDS words): a
# negator ("have not paid a cent to attackers", "haven't detected any unauthorized
# transactions"), advice or intent ("review their statements for fraudulent purchases",
# "emails designed to hijack their accounts", "tried to siphon"), a comparison ("in contrast
# to the hack of X, in which £2.5m was taken")
_CLAUSE_BLOCK_RE = re.compile(
    r"(?:\b(?:no|not|never|nor|without|nobody|none|neither)\b|n't\b"
    r"|\b(?:must|urg\w*|advis\w*|encourag\w*|remind\w*|review\w*|monitor\w*|watch\w*|look\s+out"
    r"|check\w*|alert|vigilant|designed|aim(?:s|ed|ing)?\s+to|attempt\w*|tr(?:y|ies|ied|ying)"
    r"|seek\w*|sought|plan\w*|intend\w*|going\s+to|in\s+order|want\w*|bid\s+to"
    r"|in\s+contrast|unlike|compared|similar\s+to))", re.I)
_CLAUSE_WORDS = 6
_CLAUSE_START_RE = re.compile(r".*(?:[,;:—–(]|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b)", re.S)


def _told_in_clause(low: str, m: "re.Match[str]") -> bool:
    """Whether the match ``m`` in the sentence ``low`` is told outright: nothing in its clause
    before it (``_CLAUSE_BLOCK_RE``) denies, advises, intends or compares it."""
    before = low[max(0, m.start() - 120):m.start()]
    head = _CLAUSE_START_RE.match(before)
    clause = before[head.end():] if head else before
    # the last words only: "did not receive their salaries after criminals used a phishing
    # campaign to hijack their accounts" tells the hijack
    near = " ".join(re.findall(r"[\w'’]+", clause)[-_CLAUSE_WORDS:])
    return not _CLAUSE_BLOCK_RE.search(near)


def _told_rows(lows: Sequence[str], pattern: "re.Pattern[str]",
               sentence_block: "re.Pattern[str] | None" = None) -> set[int]:
    """Rows of ``lows`` in which ``pattern`` matches outright (:func:`_told_in_clause`) in a
    sentence with no modal, no hypothetical, no open question and no ``sentence_block``."""
    out = set()
    for r, low in enumerate(lows):
        matches = list(pattern.finditer(low))  # (first: most sentences tell nothing)
        if not matches:
            continue
        if sentence_block is not None and sentence_block.search(low):
            continue
        if _MODAL_RE.search(low) or _hypothetical(low) or _OPEN_QUESTION_RE.search(low):
            continue
        if any(_told_in_clause(low, m) for m in matches):
            out.add(r)
    return out


def money_taken_rows(lows: Sequence[str]) -> set[int]:
    """Rows of the lower-cased sentences ``lows`` that tell money taken from the victim or its
    customers as having happened (``_MONEY_TAKEN_RE``: fraudulent transfers, a crypto wallet
    drained, gift-card balances spent, money conned out of a charity, money lost in a cyber
    attack, a cash-out on cloned cards): a fraud, whatever else the incident was. Not a ransom,
    a denial, advice or intent, a comparison, a possibility or an open question."""
    return _told_rows(lows, _MONEY_TAKEN_RE, _NO_MONEY_SENTENCE_RE) | _redirected_rows(lows)


def _redirected_rows(lows: Sequence[str]) -> set[int]:
    """Rows of ``lows`` that tell a payment sent to a new or different account
    (``_REDIRECTED_RE``) in a sentence naming a fraud (``_FRAUD_WORD_RE``)."""
    return {r for r in _told_rows(lows, _REDIRECTED_RE, _NO_MONEY_SENTENCE_RE)
            if _FRAUD_WORD_RE.search(lows[r])}


def money_taken_headline(low_title: str) -> bool:
    """Whether a lower-cased headline tells money taken, the present tense included ("Hackers
    siphon Rs 28 crore from bank", "Charity loses £86,000 to CEO fraud email")."""
    return bool(_told_rows([low_title], _MONEY_TAKEN_HEADLINE_RE, _NO_MONEY_SENTENCE_RE)
                or _redirected_rows([low_title]))


# An account taken over: an account hijacked, taken over or broken into, a compromised or
# stolen credential, key, token or login used as the way in, a login or key "was compromised"
_ACCOUNT = r"(?:accounts?|mailbox(?:es)?|inbox(?:es)?|profiles?|pages?|handles?|channels?)"
_CREDENTIAL = (r"(?:credentials?|log-?ins?|passwords?|pass(?:codes|phrases?)|(?:api|access|private|"
               r"secret|ssh|signing)\s+keys?|tokens?|(?:session\s+)?cookies?|accounts?)")
_ACCOUNT_TAKEN_RE = re.compile(r"""(?:
    \b(?:(?:took|taken|take|takes|taking)\s+(?:over|control\s+of)|hijack(?:ed|ing|s)?
        |commandeer(?:ed|ing)?)\s+(?:[\w'’.,-]+\s+){0,3}?_ACCOUNT\b
  | \b_ACCOUNT(?:\W+[\w'’-]+){0,5}?\W+(?:was|were|had\s+been|has\s+been|have\s+been|got|get)\s+
        (?:\w+\s+)?(?:hijacked|taken\s+over|broken\s+into|commandeered)\b
  | \b(?:through|via|using|with|used|use|uses)\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}?
        (?:stolen|compromised|leaked|phished|hijacked|guessed|brute-?forced)
        \s+(?:[\w'’-]+\s+){0,2}?_CREDENTIAL\b
  | \b(?:credentials?|log-?ins?|(?:api|access|private|secret|ssh|signing)\s+keys?|tokens?)\b
        (?:\W+[\w'’-]+){0,5}?\W+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+\s+)?
        (?:compromised|hijacked|phished)\b
  | \b(?:got|gained|broke)\s+in(?:to\s+\w+)?\s+(?:through|via|using|with|by)\s+(?:[\w'’-]+\s+){0,4}?
        (?:accounts?|credentials?|passwords?|log-?ins?)\b
  | \b(?:got|get|gets|getting|broke|break|breaks|breaking)\s+into\s+(?:[\w'’.,-]+\s+){0,4}?_ACCOUNT\b
  | \bunauthori[sz]ed\s+access\s+to\s+(?:[\w'’-]+\s+){0,5}?(?:accounts?|mailbox(?:es)?)\b
)""".replace("_ACCOUNT", _ACCOUNT).replace("_CREDENTIAL", _CREDENTIAL), re.I | re.X)
_NO_EVENT_SENTENCE_RE = re.compile(r"\bno\s+(?:evidence|indication|sign|suggestion)s?\b", re.I)


def account_taken_rows(lows: Sequence[str]) -> set[int]:
    """Rows of the lower-cased sentences ``lows`` that tell an account taken over as having
    happened (``_ACCOUNT_TAKEN_RE``: "took over a lawyer's email account", "accessed through a
    compromised API key", "a login for the content management system was compromised", "got
    in through a remote access account"): not a denial, advice or intent ("emails designed to
    hijack their accounts"), a possibility or an open question."""
    return _told_rows(lows, _ACCOUNT_TAKEN_RE, _NO_EVENT_SENTENCE_RE)


# Code planted in a payment page is a web skimmer (card skimming), not malware of another kind:
# "malicious code was inserted in the payment page", "a script injected into the checkout"
_PAY_PAGE = (r"(?:(?:payment|checkout|check-out|billing|card|order)\s+(?:web\s?)?(?:pages?|forms?|fields?"
             r"|screens?)|checkout|check-out)")
_CODE = r"(?:code|scripts?|javascript|js)"
_SKIM_CODE_RE = re.compile(
    r"\b(?:malicious|rogue|skimming|injected|fake|hidden)\s+(?:\w+\s+)?(?:code|scripts?|javascript|"
    r"js|forms?)\b(?:\W+\w+){0,8}?\W+" + _PAY_PAGE + r"\b"
    r"|\b" + _PAY_PAGE + r"\b(?:\W+\w+){0,8}?\W+(?:tampered|skimm\w*|(?:malicious|rogue|injected"
    r"|hidden)\s+(?:\w+\s+)?" + _CODE + r")\b"
    r"|\b(?:inject\w*|insert\w*|plant\w*|hid|hidden|added)\s+(?:\w+\s+){0,3}?(?:code|scripts?|"
    r"javascript)\b(?:\W+\w+){0,4}?\W+(?:into|in|on)\s+(?:\w+\s+){0,3}?" + _PAY_PAGE + r"\b", re.I)


def skimming_code_rows(lows: Sequence[str]) -> set[int]:
    """Rows of the lower-cased sentences ``lows`` that tell code planted in a payment or
    checkout page (``_SKIM_CODE_RE``), not as a possibility."""
    return {r for r, low in enumerate(lows)
            if _SKIM_CODE_RE.search(low) and not _hypothetical(low) and not _MODAL_RE.search(low)}


def supplier_rows(lows: Sequence[str]) -> set[int]:
    """Rows of the sentences ``lows`` that tell a supplier, vendor, provider or third party as
    the way in (``_SUPPLIER_WAY_IN_RE``), not in a hypothetical ("could be attacked through a
    supplier") or an open question ("checking whether the data came from a third-party lab")."""
    return {r for r, low in enumerate(lows)
            if _SUPPLIER_WAY_IN_RE.search(low) and not _hypothetical(low)
            and not _MODAL_RE.search(low) and not _OPEN_QUESTION_RE.search(low)}


def title_tells_intrusion(title: str) -> bool:
    """Whether a title tells an intrusion as having happened, without a modal."""
    return bool(_TITLE_INTRUSION_RE.search(title)) and not _MODAL_RE.search(title.lower())


def unsupported_rows(lows: Sequence[str]) -> dict[str, set[int]]:
    """Per label, the rows of the lower-cased sentences ``lows`` that cannot support it:
    denials (data_breach, vulnerability_exploitation), data taken elsewhere or replayed
    credentials (data_breach) and hypotheticals, what a flaw or a tool *could* do or a
    campaign *aims* to do (data_breach, vulnerability_exploitation, account_takeover);
    data asked about ("whether residents' data was taken"; data_breach); ransomware denied,
    questioned, compared or set apart as history ("no ransom note", "whether a ransom had been
    demanded", "more losses than ransomware", "unrelated to the ransomware attack it suffered
    in January"; ransomware) and a fake site taken down (ddos)."""
    den = denial_rows(lows)
    hyp = {r for r, low in enumerate(lows) if _hypothetical(low)}
    away = {r for r, low in enumerate(lows) if _ELSEWHERE_RE.search(low)}
    asked = {r for r, low in enumerate(lows) if _QUESTIONED_DATA_RE.search(low)}
    return {"data_breach": den | hyp | away | asked, "vulnerability_exploitation": den | hyp,
            "account_takeover": hyp,
            "ransomware": {r for r, low in enumerate(lows) if _NOT_RANSOM_RE.search(low)},
            "ddos": {r for r, low in enumerate(lows) if _TAKEDOWN_RE.search(low)}}


# An attack told on computers without a label's cue word: "an IT attack", "the attack hit a
# system supplied by an external partner", "it is not our own systems that were attacked"
_ATTACK_ON_SYSTEMS_RE = re.compile(
    r"\b(?:it|computer|network|system|systems|digital|online|cyber)[- ]attacks?\b"
    r"|\battack(?:s|ed)?\b(?:\W+\w+){0,4}?\W+(?:(?:it|computer|booking|check-in|payment|"
    r"ticketing|email|phone|core)\s+)?(?:systems?|servers?|networks?|computers?)\b"
    r"|\b(?:systems?|servers?|networks?|computers?)\b(?:\W+\w+){0,3}?\W+(?:was|were|been|being)"
    r"\s+attacked\b", re.I)


def attack_on_systems(text: str) -> bool:
    """Whether ``text`` tells an attack on computers (``_ATTACK_ON_SYSTEMS_RE``) in a sentence
    with no modal and no hypothetical ("hackers could attack the system")."""
    return any(_ATTACK_ON_SYSTEMS_RE.search(low) and not _MODAL_RE.search(low)
               and not _hypothetical(low)
               for low in (text[m.start():m.end()].lower()
                           for m in re.finditer(r"[^\n.!?]+", text)))


# A malware kind other than a web skimmer: the code planted in a payment page is card skimming
_OTHER_MALWARE_RE = re.compile(
    r"\b(?:trojan\w*|spyware|info-?stealers?|stealers?|rats?|remote access (?:trojan|tool)s?|"
    r"backdoor\w*|botnet\w*|wipers?|crypto-?(?:miner|jack\w*)|coin-?miners?|keylogg\w+|"
    r"rootkits?|loaders?|droppers?|web ?shells?|implants?|worms?|ransomware|(?:ram|memory)[- ]"
    r"scrap\w+|(?:pos|point-of-sale) malware|emotet|trickbot|qakbot|qbot|dridex|zeus|icedid|"
    r"redline|raccoon|lumma|cobalt strike|plugx)\b", re.I)


def other_malware_named(low: str) -> bool:
    """Whether the lower-cased text names a malware kind or family other than skimming code."""
    return _OTHER_MALWARE_RE.search(low) is not None


def possibility_rows(lows: Sequence[str]) -> set[int]:
    """Rows of the lower-cased sentences ``lows`` that only tell what could happen (a modal, a
    hypothetical: "could allow an attacker to install malicious software") or deny an event
    ("no evidence of exploitation"), and report nothing taken."""
    return {r for r, low in enumerate(lows)
            if _hypothetical(low) or (_MODAL_RE.search(low) and not (
                _HAPPENED_RE.search(low) and not _COULD_HAVE_RE.search(low)))} | denial_rows(lows)


# Ransomware named only as a kind of attacker: "a favourite of ransomware affiliates for
# years", "classic post-compromise tools for ransomware operators" (an advisory's commentary)
_RANSOM_WORD_RE = re.compile(r"\bransom\w*")
_RANSOM_ACTOR_RE = re.compile(
    r"\bransomware\s+(?:operators?|affiliates?|gangs?|groups?|actors?|crews?|criminals?)\b")
_RANSOM_ACT_RE = re.compile(
    r"\b(?:encrypt\w*|hit|struck|attack(?:ed|ing)|demand\w*|paid|pay|locked|deploy\w*|infect\w*|"
    r"claim\w*|leak\w*|stole|stolen)\b")


def ransomware_actor_rows(lows: Sequence[str]) -> set[int]:
    """Rows of the lower-cased sentences ``lows`` that name ransomware only as a kind of
    attacker (every ransom word is "ransomware operators/affiliates/gangs …") and tell no
    attack (nothing encrypted, hit, demanded, paid, deployed, claimed or stolen)."""
    return {r for r, low in enumerate(lows)
            if _RANSOM_WORD_RE.search(low)
            and len(_RANSOM_WORD_RE.findall(low)) == len(_RANSOM_ACTOR_RE.findall(low))
            and not _RANSOM_ACT_RE.search(low)}


__all__ = ["account_taken_rows", "attack_on_systems", "denial_rows", "money_taken_headline",
           "money_taken_rows",
           "other_malware_named", "possibility_rows", "ransomware_actor_rows",
           "ransomware_denied_rows",
           "skimming_code_rows", "supplier_rows",
           "title_tells_intrusion", "unsupported_rows"]
