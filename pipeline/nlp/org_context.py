"""The text around a mention, read by both the role step (:mod:`pipeline.nlp.org_roles`) and
the victim step (:mod:`pipeline.nlp.victims`) of ``incident_orgs``.

``_contexts`` gives the left / right text of a mention inside its sentence; the sentence flags
(``_sentence_flag``, memoised per Doc) say whether a sentence reports an attack
(``_sent_attack``) or phishes with a brand (``_mention_lure``, ``_is_lure``); article flags say
whether the story is about a vulnerability (``_vuln_article``) or reports an incident
(``_reports_incident``); ``_maker_context`` finds a maker whose product was stolen or
tampered with.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.org_doc import Candidate, doc_memo, sentence_at, sentence_bounds
from pipeline.nlp.org_lexicon import (
    _ATTACK_WORD, CUSTOMERS_RIGHT, CUSTOMERS_TARGETED_LEFT, LanguageCues, LURE_CRED_RIGHT,
    LURE_LEFT, LURE_RIGHT, LURE_STEAL_LEFT, MAKER_LEFT, PHISH_WORD,
)
from pipeline.regex_prefix import fast


# ----------------------------------------------------------------------------- mention contexts
def _contexts(doc: Doc, m: Candidate, width_left: int = 90, width_right: int = 120):
    """Left and right context of a mention inside its sentence, the sentence and its start
    (computed once per Doc and mention span)."""
    memo = doc_memo(doc)
    key = ("contexts", m.start, m.end, width_left, width_right)
    found = memo.get(key)
    if found is None:
        s_start, s_end = sentence_at(doc, m.start)
        text = doc_text(doc)
        left = text[max(s_start, m.start - width_left):m.start]
        right = text[m.end:min(s_end, m.end + width_right)]
        sent = text[s_start:s_end]
        found = memo[key] = (left, right, sent, s_start)
    return found


def _mention_lure(doc: Doc, m: Candidate, left: str, right: str) -> bool:
    """:func:`_is_lure` of a mention's default contexts, computed once per Doc and span."""
    memo = doc_memo(doc)
    key = ("lure", m.start, m.end)
    found = memo.get(key)
    if found is None:
        found = _is_lure(left, right)
        if not found and CUSTOMERS_RIGHT.match(right) and CUSTOMERS_TARGETED_LEFT.search(left):
            _l, _r, sent, s_start = _contexts(doc, m)
            # "scammers are targeting X customers": X's customers are phished, X is the bait
            found = _sentence_flag(doc, "phish", s_start, sent, PHISH_WORD.search)
        memo[key] = found
    return found


def _sentence_flag(doc: Doc, kind: str, s_start: int, sent: str, test) -> bool:
    """``test(sent)`` for the sentence starting at ``s_start``, computed once per Doc."""
    memo = doc_memo(doc)
    key = (kind, s_start)
    value = memo.get(key)
    if value is None:
        value = memo[key] = bool(test(sent))
    return value


def _sent_attack(doc: Doc, s_start: int, sent: str, cues: LanguageCues | None) -> bool:
    return _sentence_flag(doc, ("attack", id(cues)), s_start, sent,
                          lambda t: _attack_in(t, cues))


def _attack_in(text: str, cues: LanguageCues | None) -> bool:
    return bool(_ATTACK_WORD.search(text) or (cues is not None and cues.attack.search(text)))


def _is_lure(left: str, right: str) -> bool:
    """A brand used as bait: "a fake Google login screen", "steal Netflix user credentials"."""
    return bool(LURE_LEFT.search(left) or LURE_RIGHT.match(right) or (
        LURE_STEAL_LEFT.search(left) and LURE_CRED_RIGHT.match(right))
        or (("from" in left or " as " in left) and _LURE_LIST_LEFT.search(left)))


# "emails purporting to be from companies we trust such as Apple and X", "fake
# correspondence from HMRC, X and ..."
_LURE_LIST_LEFT = re.compile(
    r"(?:\b(?:purport\w*|claim\w*|pretend\w*|appear\w*)\s+to\s+(?:be|come)\s+from\s+"
    r"(?:[\w'\u2019-]+\s+){0,5}?(?:such\s+as|like|including)|\b(?:fake|spoofed|bogus|phony|"
    r"fraudulent)\s+(?:[\w-]+\s+)?(?:correspondence|e-?mails?|messages?|texts?|letters?|"
    r"websites?|sites?|pages?|invoices?|calls?)\s+(?:from|by)|\b(?:posing|masquerading)\s+as)"
    r"\s+(?:the\s+)?(?:[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,2}\s*(?:,|and|or)\s+)"
    r"{0,5}$")


_VULN_WORD = fast(re.compile(r"\b(?:vulnerabilit|flaw|patch|zero-day|0-day|CVE-|exploit)", re.I))


def _vuln_article(doc: Doc) -> bool:
    memo = doc_memo(doc)
    if "vuln_article" not in memo:
        memo["vuln_article"] = bool(_VULN_WORD.search(doc_text(doc)))
    return memo["vuln_article"]
_THEFT = re.compile(r"\b(?:stole|stolen|steal\w*|took|taken|theft|thie(?:f|ves)|swiped|lost|"
                    r"missing)\b", re.I)


# a backdoor planted in the maker's products: the maker was compromised (a supply-chain attack)
_IMPLANT = re.compile(r"\b(?:backdoor\w*|trojani[sz]ed|tamper\w*|planted|implant\w*|injected|"
                      r"poison\w*|supply[- ]chain)\b", re.I)


def _maker_context(left: str) -> bool:
    """"printers from X", "routers made by X" (not "thieves took laptops from X", not "a
    backdoor planted in products from X")."""
    return (" from " in left or " by " in left) and bool(MAKER_LEFT.search(left)) and not \
        _THEFT.search(left) and not _IMPLANT.search(left)


_ACCORDING_LEFT = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)
_VULN_STORY = fast(re.compile(r"\b(?:vulnerabilit|flaws?\b|bugs?\b|patch|zero-day|0-day|CVE-|"
                         r"security hole|exploitable)", re.I))
_INCIDENT_STORY = fast(re.compile(r"\b(?:breach|hacked|hackers? (?:stole|hit|broke)|stole|stolen|"
                             r"ransom|leak|exposed|compromised|phish|scam|infected|intrusion|"
                             r"held hostage|attacks? (?:on|against)|targeted|hit by|victim|"
                             # "the personal information of 95,000 patients was taken when
                             # hackers exploited a flaw": data taken through the flaw
                             r"(?:was|were|been) (?:taken|accessed|copied|downloaded|viewed))",
                             re.I))


def _reports_incident(doc: Doc, title: str | None, cues: LanguageCues | None = None) -> bool:
    """The headline or the lead speaks of an attack, a breach or an exposure (and is not a
    vulnerability or patch story without one)."""
    sents = sentence_bounds(doc)[:3]
    lead = (title or "") + " " + " ".join(doc_text(doc)[a:b] for a, b in sents)
    if _VULN_STORY.search(lead) and not _INCIDENT_STORY.search(lead):
        return False
    return _attack_in(lead, cues) or bool(_CYBER_INCIDENT.search(lead))


# the euphemism companies use for an attack: "after what it described as a cyber incident"
_CYBER_INCIDENT = re.compile(r"\b(?:cyber[- ]?(?:security[- ])?|(?:IT|information) security |"
                             r"security |network |(?:IT|computer) systems? )incidents?\b", re.I)
