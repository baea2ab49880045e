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
)""", re.I | re.X)


_OPEN_QUESTION_RE = re.compile(r"\b(?:whether|if)\b")


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


__all__ = ["denial_rows", "supplier_rows", "title_tells_intrusion", "unsupported_rows"]
