"""Quoted and reported speech with speaker attribution: the ``quoted_experts`` component.

What counts (shared gold rules, see README "Quotes"):

* direct quotes: the words inside ``"…"``, ``“…”``, ``‘…’`` or ``'…'`` (apostrophes such as
  *wasn't* / *customers’* are not closing marks); a trailing comma is dropped; a paragraph that
  reopens the quotation, or a speech tag that interrupts it (``"…," said X. "…"``), gives two
  quotes; a block statement introduced by a colon without marks is one direct quote;
* reported speech: the clause after (or before) a speech verb (said, told, explained, warned,
  added, …) with an identifiable speaker; infinitive complements, passives ("is said to"),
  negative non-statements ("declined to say") and media citations are not speech;
* partial quotes of ≥ 3 words inside reported speech are their own direct quotes; the
  enclosing reported clause is kept as well when it says more than the fragment.

Speakers are resolved by name (PERSON entities, or a capitalised-name fallback when the NER
misses), by description ("a spokesperson for the company" → speaker ``None``, mention set),
from pronouns and short names back to the full name given earlier, and to organisations
("Equifax said", "the company said").  Role and affiliation come from the speaker's apposition
or pre-name title; the speaker type from the affiliation's role in ``doc._.organisations``
(victim → victim_representative, security_firm → expert, authority → authority, attacker →
attacker) or from role words (researcher → expert, police → authority).

Articles in other languages (``doc._.language`` with a lexicon ``data/gazetteers/
quotes_<lang>.json``: de, fr, it, es, nl) are handled by the lexicon rules of
:mod:`pipeline.nlp.quote_lexicons` („…“, « … », «…», speech verbs such as *sagte*, *a déclaré*,
*ha spiegato*, *dijo*, *zei*); the lexicons are component data (``to_disk``/``from_disk``,
``initialize(gazetteer_dir=…)``).

The component is rule-based: it needs only sentence boundaries and (optionally) entities.
This module finds the quotes and reported clauses; who speaks (names, descriptions, pronouns,
role, affiliation, speaker type) is resolved in :mod:`pipeline.nlp.speakers`.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.quote_rules import (
    ADVERBS_BEFORE_VERB, AUX_BEFORE_VERB, DQ, INFINITIVE_VERBS, NEGATORS, ORG_APPOSITION,
    ORG_NOUNS, ROLE_HEADS, SPEECH_VERBS, SQ, STRICT_VERBS, TAG_ONLY_VERBS, TAG_VERB, TELL_VERBS,
    WH_WORDS, WORD_RE, Orgs, Tok, clean_span, doc_text, double_quote_spans, is_close_ctx,
    is_open_ctx, n_words, norm, single_quote_spans, skippable, tokens,
)
from pipeline.nlp.quote_lexicons import (
    GENDER_FILE, LEXICON_GLOB, LexiconQuotes, QuoteLexicon, load_genders, load_lexicons,
)
from pipeline.nlp.speakers import Speaker, SpeakerResolver
from pipeline.records import Quote


# --------------------------------------------------------------------------- data
@dataclass
class _Q:
    start: int
    end: int
    direct: bool
    speaker: str | None = None
    mention: str | None = None
    role: str | None = None
    affiliation: str | None = None
    stype: str | None = None
    cue: str | None = None
    kind: str = "person"  # person | org | desc | none
    resolved: bool = False
    inherit_ok: bool = True
    parent: int | None = None   # index of the enclosing reported clause (for fragments)


# --------------------------------------------------------------------------- the component
class QuotedExperts:
    def __init__(self, nlp: Language, name: str, min_direct_words: int, min_fragment_words: int,
                 min_reported_words: int, inherit_chars: int):
        self.name = name
        self.min_direct_words = min_direct_words
        self.min_fragment_words = min_fragment_words
        self.min_reported_words = min_reported_words
        self.inherit_chars = inherit_chars
        self._set_lexicons(load_lexicons(GAZETTEER_DIR))
        self.genders = load_genders(GAZETTEER_DIR)

    def _set_lexicons(self, data: dict[str, dict]) -> None:
        self.lexicon_data = data
        self.lexicons = {lang: QuoteLexicon(d) for lang, d in data.items()}

    def __call__(self, doc: Doc) -> Doc:
        lang = (getattr(doc._, "language", None) or "en").lower()[:2]
        doc._.quotes = _Extractor(doc, self, self.lexicons.get(lang)).run()
        return doc

    # language lexicons (data/gazetteers/quotes_<lang>.json) and the usual gender of first
    # names (data/gazetteers/person_gender.jsonl) are component data
    def initialize(self, get_examples=None, *, nlp=None, gazetteer_dir: str | None = None):
        directory = Path(gazetteer_dir) if gazetteer_dir else GAZETTEER_DIR
        self._set_lexicons(load_lexicons(directory))
        self.genders = load_genders(directory)

    def to_disk(self, path, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for lang, data in self.lexicon_data.items():
            (path / LEXICON_GLOB.replace("*", lang)).write_text(
                json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (path / GENDER_FILE).write_text(
            "".join(json.dumps({"first_name": n, "gender": g}) + "\n"
                    for n, g in sorted(self.genders.items())), encoding="utf-8")

    def from_disk(self, path, exclude=tuple()):
        self._set_lexicons(load_lexicons(Path(path)))
        self.genders = load_genders(Path(path))
        return self


GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteers"


# a subject with a relative clause that holds commas: "Fernhill Health, which runs A, B and
# a network of clinics, said"
# (or a described one: "The hotel chain, which operates 176 cafes, 24 hotels and 11 casinos,
# said")
_RELATIVE_SUBJECT = re.compile(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}|(?:The|Its|This)\s+"
                               r"(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*),\s+(?:which|who)\s"
                               r"(?:(?!\b(?:is|are|was|were)\b(?!\s+(?:owned|operated|run|"
                               r"managed|backed|funded)\b)|"
                               r"\b(?:has|have|had|will|would|do|does|did|nor|but)\b)"
                               r"[^\"“”;:.—–]){2,200}?,\s*$")
# a quote that completes a directive: 'Senator X urged officials to "bring the portal back …"'
# (the quoted words are the subject's; the addressee is at most four words)
_DIRECTIVE_TAG = re.compile(r"\b(urged|urges|urging|called\s+on|calls\s+on|asked|asks|"
                            r"encouraged|encourages|implored|implores|pleaded\s+with|begged|"
                            r"advised|advises|told|tells|warned|warns|reminded|reminds|"
                            r"instructed|instructs|challenged|challenges)\s+"
                            r"(?:[\w’'\-]+\s+){1,4}?to\s*$")
# a speech tag closed by a comma, then a second tag naming the outlet that reported it:
# '"…," Renner explained, says The Daily Ledger.' (the second tag is a citation, no speaker)
_TAGGED_BEFORE = re.compile(
    r"(?:[A-Z][\w’'.\-]*|\b(?:he|she|they|it))\s+(?:also\s+)?(?:" + "|".join(sorted(
        v for v in SPEECH_VERBS | TAG_ONLY_VERBS if v.endswith(("ed", "s", "id", "ote", "old")))) +
    r")\s*,\s*$")
_CITATION_VERB = re.compile(r"\s*(?:says|said|reports|reported|writes|wrote|according\s+to)\s+"
                            r"(?:the\s+|The\s+)?[A-Z]")
# what a text "reads" as its tag: '"All your files are encrypted," the ransom note read.'
# a note or message as the subject of the sentence that introduces a quote with a colon
# ("The note, left by a group calling itself X, was blunt:"), and what says it is the
# attackers' ("left by", "from the hackers")
_NOTE_SUBJECT = re.compile(r"\s*(?:The|A|An|This|That|Their|Its|One)\s+(?:([\w\-]+)\s+)??"
                           r"(notes?|messages?|demands?|letters?|e-?mails?|threats?)\b"
                           r"[^\"“”:;]{0,160}:\s*$")
# who made the note, named in its subject phrase: "left/sent/signed/written/posted by" or
# "from" an attacking agent ("The note, left by a group calling itself X,", "The message from
# the hackers"), or an attacker word before the noun ("The hackers' note", "The gang's letter");
# "group" only when no "of" follows ("a group of parents" is no attacker, "a group of hackers" is)
_ATTACKER_NOUN = (r"(?:hackers?|attackers?|gangs?|group(?!\s+of\b)|criminals?|cybercriminals?|crooks|"
                  r"extortionists?|blackmailers?|scammers?|crew|perpetrators?|intruders?|"
                  r"threat\s+actors?)")
_NOTE_AGENT = re.compile(r"\b(?:(?:left|sent|signed|written|posted|delivered|dropped)\s+by|"
                         r"from)\s+((?:(?:the|a|an|its|their|one|another)\s+)?"
                         r"(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+)", re.I)
_ATTACKER_AGENT = re.compile(r"^(?:(?:the|a|an|its|their|one|another)\s+)?(?:[\w’'\-]+\s+){0,3}?"
                             + _ATTACKER_NOUN + r"\b", re.I)
_ATTACKER_PREMOD = re.compile(r"\b(?:" + _ATTACKER_NOUN + r"|ransom|extortion|blackmail)(?:’s?|'s?)?"
                              r"\s+(?:[\w\-]+\s+)?$", re.I)
# the verb that ends a note's subject phrase ("The note from the hospital to patients | was")
_NOTE_VERB = re.compile(r"\s(?:was|were|is|are|read|reads|said|says|ran|runs|went|goes|began|"
                        r"begins|stated|states|warned|warns|added|adds|included|includes|"
                        r"contained|contains|had|has|came|comes)\b")
# an opening phrase naming the medium or outlet of the speech ("In an interview with Yahoo
# Finance,", "Speaking to the BBC,")
_MEDIUM_OPENING = re.compile(
    r"\s*(?:(?:In|During)\s+(?:an?|the|his|her|its|their|one)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:interview|e-?mail|statement|post|message|letter|call|briefing|conversation|tweet|"
    r"video|podcast|blog\s+post|comments?)(?:\s+(?:with|to|on|from|posted)\s+[^,;:\"“”]*)?|"
    r"(?:Speaking|Talking|Writing)\s+(?:to|with|on|in)\s+[^,;:\"“”]*)\s*")
_NOTE_NOUNS = frozenset({"note", "notes", "message", "messages", "letter", "demand", "notice",
                         "screen", "email", "e-mail", "text", "warning", "pop-up", "popup"})
_RANSOM_CONTEXT = re.compile(r"(?i:ransom|extort|blackmail)")
# a ransom note's own words (not "ransomware": any attack story names it)
_RANSOM_WORD = re.compile(r"(?i:\bransom\b|\bextort|\bblackmail)")
_NOTE_MODIFIERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "this", "that",
                             "ransom", "extortion", "blackmail"})
# a dash right after a closing quotation mark, then a capitalised name
_DASH_TAG = re.compile(r"[ \t\xa0]*(?:[—–]|--?)[ \t\xa0]*(?=[A-Z])")
# the end of a speech tag after a closing mark: a full stop, "!" or "?" before a space, or
# a line break; not the full stop of an abbreviated title ("Dr.") nor the one of an initial or
# a dotted acronym before a lower-case word ("the I.R.S. commissioner"); group 1 is the full
# stop of an initial before a capital ("John F. Smith", "U.S. Attorney", "of the I.R.S. The"),
# a tag end only when the tag has its verb by then
_TAG_END = re.compile(r"(?:(?<![\s.][A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)"
                      r"(?<!\bSt)(?<!\bRev)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bSgt)"
                      r"(?<!\bLt)(?<!\bCol)(?<!\bCapt)(?<!\bDet)\.|((?<=[\s.][A-Z])\.)(?!\s+[a-z])|"
                      r"[!?])(?=\s)|\n")
# a short subject phrase, then a "who …" clause between commas right before the verb
# lower-case titles joined by "and" before a capitalised title: "co-founder and CEO X"
_JOINT_TITLE = re.compile(r"\s*(?:[a-z][\w\-]*\s+){0,2}([a-z][\w\-]*)\s+and\s+"
                          r"([A-Z]{2,5}|[A-Z][a-z]+)\b")
# a document and the body it went to: "filing with the exchange", "letter to the regulator"
_SENT_TO = re.compile(r"\b(?:filing|statement|letter|notice|submission|disclosure|"
                      r"notification|report)s?(\s+(?:with|to)\s)")
# a source who keeps his or her name out of the story
_ANONYMOUS = re.compile(r"\bwho\s+(?:asked|requested|wished|declined)\s+(?:not\s+)?to\s+be\s+"
                        r"(?:named|identified)|\bon\s+condition\s+of\s+anonymity")
_DESC_RELATIVE = re.compile(r"(?:^\s*|[,;:]\s+|\.\s+)((?:[\w’'\-]+\s+){0,4}[\w’'\-]+),\s+who\s+"
                            r"[^,;:.\"“”]{2,80},\s*$")
# "<title>, <Name>," right before a speech verb
_TITLE_THEN_NAME = re.compile(r"([^,\"“”.;:]{2,80}),\s+([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){1,3}),"
                              r"\s*$")


def _unnamed_source(mention: str) -> Speaker:
    """The described speaker of "<description>, who asked not to be named, said": whoever
    asks not to be named is a person, whatever the noun."""
    mention = mention.strip()
    return Speaker(mention=mention, kind="desc",
                    desc_words={w.lower() for w in WORD_RE.findall(mention)})


def _title_then_name(seg: str) -> re.Match | None:
    """``_TITLE_THEN_NAME.search(seg)``, tried only where a match can start: its commas are
    the last two of ``seg`` (a name holds no comma and only spaces follow the last one), so
    the title before them starts at most 80 characters before the second-last comma (the
    pattern has no ``^``, ``\\b`` or lookbehind: a search from there finds the same match)."""
    last = seg.rfind(",")
    second = seg.rfind(",", 0, last) if last > 0 else -1
    if second < 0:
        return None
    return _TITLE_THEN_NAME.search(seg, max(0, second - 80))


# a place or time adverbial after an addressee ("told residents at a meeting on Tuesday")
_PLACE_OR_TIME = re.compile(r"\s*(?:at|in|on|during|via|through|after|before|outside|inside|"
                            r"over|by)\s")
ATTACKER_GROUP = {"gang", "hackers", "attackers", "crew", "criminals"}
_TIME_NOUN = re.compile(r"\s*(?:week|weekend|month|year|morning|afternoon|evening|spring|summer|"
                        r"autumn|fall|winter|time|past|quarter)\b", re.I)
# an adverbial clause or phrase, then the main clause: "when one hacker left a note, another …",
# "with the right shellcode, the flaw could …"
_ADVERBIAL_THEN_CLAUSE = re.compile(
    r"(?:when|if|while|with|once|although|though|because|since)\s+[^.;:\"“”,]{3,120},\s+"
    r"(?=(?:the|a|an|it|he|she|they|we|you|i|this|there|these|those|its|their|our|his|her|"
    r"another|other|some|many|most|no|one|all|each|every|any|such|[A-Z][\w’'\-]*\s+"
    r"(?:is|was|are|were|has|have|had|could|would|can|will|may|might)\b)\b)", re.I)
# "As <speaker> (who …) explained, CLAUSE": the speaker phrase without its relative clause
_AS_SPEAKER = re.compile(r"\s*As\s+((?:the\s+|an?\s+)?[^,;:\"“”]{2,80}?)(?:,?\s+who\s+[^,;:\"“”]{2,80}?)?"
                         r"\s+(?:also\s+|previously\s+|recently\s+)?$")
_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "today", "yesterday", "tonight"}
# words that make ", <words>," after a name an apposition ("Tom Reed, a colleague of Holt,")
_APPOSITION_HEADS = frozenset(ROLE_HEADS | {"colleague"})
# a speech verb with a plain object is no speech: "claimed responsibility for the attack",
# "the gang added Harbour Bank to its leak site"
_CLAIM_OBJECT = re.compile(r"\s*(?:(?:full\s+|sole\s+)?(?:responsibility|credit)\b|(?:the|an?|this|that)\s+"
                           r"(?:[\w\-]+\s+){0,2}?(?:attack|attacks|cyberattack|hack|breach|"
                           r"intrusion|incident|operation)\b)", re.I)
_ADD_OBJECT = re.compile(
    r"\s*(?:(?:[A-Z][\w&’'.\-]*\s+){0,4}[A-Z][\w&’'.\-]*|(?:the|a|an)\s+[\w\-]+(?:\s+[\w\-]+)?)"
    r"\s+to\s+(?:its|their|his|her|the|a|an)\b|"
    # (a longer object, then the list it joins: "added a critical flaw in X's firewalls to its
    # Known Exploited Vulnerabilities catalog", "added X, a utility in Hesse, to its leak site")
    r"\s*(?!that\b)[^\s,:\"“”][^.;:\"“”]{0,200}?\bto\s+(?:its|their|the|a|an)\s+(?:[\w\-]+\s+){0,4}"
    r"(?:leak\s+site|site|catalog(?:ue)?|list|database|blog|register|portal)\b")
# an order, not speech: "told hospitals to segment the pumps", "telling staff to stay home"
_ORDER_OBJECT = re.compile(r"\s*(?:(?!(?:that|they|he|she|we|it|i|you|there)\b)[\w\-’']+\s+){1,4}?"
                           r"to\s+(?!(?:the|a|an|his|her|their|"
                           r"its|our|my|your|this|that|these|those|date)\b)[a-z]+\b")
# what is answered when no words are given ("Neither company answered further questions")
_ANSWER_OBJECT = re.compile(r"\s*(?:(?:the|any|no|further|more|our|their|his|her|its|these|"
                            r"those|several|written|detailed|follow-up|emailed)\s+){0,2}"
                            r"(?:questions?|quer(?:y|ies)|calls?|requests?|e-?mails?|messages?|"
                            r"the\s+phone|the\s+door)\b", re.I)
# what a defendant admits or denies in court is no speech ("He admitted offences under the
# Computer Misuse Act", "pleaded guilty and admitted two counts of fraud")
_PLEA_OBJECT = re.compile(r"\s*(?:(?:the|all|both|two|three|four|five|six|several|multiple|\d+|"
                          r"[a-z]+-?related|further|other|a|an)\s+){0,2}(?:offen[cs]es?|charges?|"
                          r"counts?|crimes?|guilt|wrongdoing|manslaughter|fraud|theft|"
                          r"conspiracy|possession)\b", re.I)
_NOT_SPEECH_OBJECT = {"admitted": _PLEA_OBJECT, "admits": _PLEA_OBJECT, "admit": _PLEA_OBJECT,
                      "admitting": _PLEA_OBJECT, "claimed": _CLAIM_OBJECT, "claims": _CLAIM_OBJECT, "claim": _CLAIM_OBJECT,
                      "claiming": _CLAIM_OBJECT, "added": _ADD_OBJECT, "adds": _ADD_OBJECT,
                      "adding": _ADD_OBJECT, "answered": _ANSWER_OBJECT,
                      "answers": _ANSWER_OBJECT, "answer": _ANSWER_OBJECT,
                      "answering": _ANSWER_OBJECT, "told": _ORDER_OBJECT,
                      "tells": _ORDER_OBJECT, "tell": _ORDER_OBJECT, "telling": _ORDER_OBJECT}


# a noun phrase object after a participle tag: "explaining findings of a recent study",
# "noting details about the flaw" (quantifiers open clauses: "noting some of the files were …")
_NOUN_OBJECT = re.compile(r"\s*(?:the\s+|its\s+|his\s+|her\s+|their\s+)?(?!(?:some|many|most|"
                          r"all|none|one|two|three|each|any|several|much|few|part|half|"
                          r"majority|rest|both|either|neither|none)\b)[a-z][\w\-]*\s+(?:of|about|"
                          r"behind|on)\b")
# an object of a tell verb the object pattern does not know, then about/of: "warn the company
# about the breach" (a quantifier opens the reported clause: "told most of the staff …")
_ABOUT_OBJECT = re.compile(r"\s*(?:(?:the|a|an|its|their|his|her|our)\s+)?(?!(?:some|many|most|"
                           r"all|none|one|two|three|each|any|several|much|few|part|half|"
                           r"majority|rest|both|either|neither|\d[\d,.]*)\b)(?:[\w\-]+\s+){0,2}?"
                           r"(?:about|of|against)\b")
_AT_BEFORE = re.compile(r"\bat\s+$")
# a name, then a descriptive apposition, right before the speech verb
_NAME_APPOSITION = re.compile(r"\s*([A-Z][\w&.’'\-]*(?:\s+[A-Z][\w&.’'\-]*){0,3}),\s+(?:the|a|an)\s+"
                              r"[^,\"“”]{2,120},\s*$")
# a speech verb coordinated with an earlier verb of the same subject ("…, and said …")
_COORDINATED = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:also\s+|later\s+|then\s+)?$")
# sentence openers that are no subject
# what a quoted name can be ('the "Pirates of the Caribbean" movie', 'a "Fix Now" button')
_TITLE_NOUN_AFTER = re.compile(r"[\"”’']?\s+(?:movie|film|series|show|episode|book|novel|song|"
                               r"album|game|app|campaign|button|feature|tool|option|setting|"
                               r"programme|program|initiative|report|policy|label|brand)s?\b")
# the small words a Title Case name leaves in lower case ("Pirates of the Caribbean")
_TITLE_SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "for", "to", "with",
                                "at", "or", "by", "from", "vs"})
# who left a message: 'the hacker left a taunting message across the website: "…"'
# a message that greets the victim: 'employees were greeted by a message on their screens: "…"'
_GREETED_BY = re.compile(r"\b(?:greeted|met|confronted|presented)\s+(?:by|with)\s+((?:a|an|the)\s+"
                         r"(?:[\w’'\-]+\s+){0,2}?(?:message|note|screen|warning|demand))\b"
                         r"[^.:;\"“”]{0,80}:\s*$")
_LEFT_MESSAGE = re.compile(r"\b(left|posted|displayed|sent|published)\s+(?:a|an|the|this)\s+"
                           r"(?:[\w’'\-]+\s+){0,3}?(?:message|note|warning|statement|"
                           r"demand)\b[^.:;\"“”]{0,80}:\s*$")
# a subject with its relative clause: 'A ransomware gang that attacked X (left …)', 'the
# hackers who breached X' (a past or present verb after the pronoun, not 'that the …')
_RELATIVE_AFTER_SUBJECT = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Oo]ne|[Aa]nother)\s+(?:[a-z][\w\-]*\s+){0,3}?[a-z][\w\-]*\s+"
    r"(?:that|who|which)\s+(?!(?:its|this|his|was|has|is|us|as)\b)"
    r"(?:[a-z]+(?:ed|s)|hit|stole|broke|took|ran|struck|sent|left|held|got|shut|crippled)\b"
    r"[^,;:\"“”—–]{0,120}$")
# a conjunction opening a sentence before its subject ("But security experts …")
_OPENING_CONJUNCTIONS = frozenset({"but", "and", "so", "yet", "still", "however"})
_FINITE_AUX = frozenset({"has", "have", "had", "is", "are", "was", "were", "will", "would",
                         "can", "could", "did", "does", "do", "also", "say", "says", "said"})
# words opening a sentence's adverbial clause, before its subject
_OPENING_ADVERBIALS = {"without", "despite", "by", "for", "with", "unlike", "like", "instead",
                       "because", "whether", "once", "until", "upon", "to", "given"}
STOP_CAPS_SUBJECT = {"in", "on", "at", "after", "before", "as", "when", "while", "however",
                     "but", "and", "so", "if", "although", "though", "since", "during",
                     "meanwhile", "earlier", "later", "last", "this", "on"}
# lure texts: 'the subject (line) of the email is "…"', 'one email claims: "…"' (in a story
# about phishing or scams; see _is_title_or_lure)
_SUBJECT_IS = re.compile(r"\bsubject(?:\s+lines?)?(?:\s+of\s+(?:the|this|that|these|those|an?|"
                         r"each)\s+(?:\w+\s+)?(?:e-?mails?|messages?|texts?))?\s+(?:is|was|are|"
                         r"were|reads?|said|says)\W*$")
_LURE_SPEAKS = re.compile(r"\b(?:[Ee]-?mails?|[Mm]essages?|[Tt]exts?|SMS|[Pp]op-?ups?|[Ww]eb\s?pages?|"
                          r"[Ll]anding pages?|[Ww]ebsites?)\s+(?:\w+\s+)?(?:claims?|claimed|reads?|"
                          r"states?|stated|says?|said|warns?|warned|tells?|told|informs?|"
                          r"informed)\s*[:,]?\s*[\"“'‘]?$")
_LURE_CONTEXT = re.compile(r"phish|scam|fake|fraudulent|bogus|spoof|\blures?\b|malicious|"
                           r"convincing", re.I)
# a bare message in a phishing/scam story is the lure the story is about ('The full message
# reads, "…"', 'An email … The email reads: …'; not a website, which has an owner)
_BARE_MESSAGE = re.compile(
    r"\s*(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]his|[Tt]hat|[Ee]ach|[Aa]nother)\s+(?:(?:full|whole|entire|"
    r"latest|new|first|second|same|following|typical|actual)\s+)?(?:[Ee]-?mails?|[Mm]essages?|"
    r"(?:[Tt]ext\s+)?[Mm]essages?|[Tt]exts?|SMS|[Pp]op-?ups?)\s+(?:\w+\s+)?\w+\s*")
# "It reads:" before a quotation (the lure just described reads so)
_IT_READS = re.compile(r"\b[Ii]t\s+(?:reads|read|says|said)\s*[:,]\s*[\"“'‘]?\s*$")
_LURE_NOUN = re.compile(r"\b(?:e-?mails?|messages?|texts?|SMS|pop-?ups?)\b", re.I)
# a lure as the speaker of reported speech: "One such message tells recipients that …"
_LURE_MENTION = re.compile(r"(?:(?:the|a|an|one|this|that|each|another|such|fake|phishing|"
                           r"scam|fraudulent|bogus)\s+)*(?:[\w\-]+\s+)?(?:e-?mails?|messages?|"
                           r"texts?|SMS|pop-?ups?)", re.I)
# where the noun phrase of a lure's text opens (the clause it is in)
_LURE_CLAUSE_START = re.compile(r"[.!?;:\n\"“”]|,\s|\b(?:and|but|while|whereas)\s")
# an organisation's own text, not a lure: "a statement on its website", "a notice on the Acme
# website", "the bank's fraud warning message"
_OWNED_TEXT = re.compile(
    r"\b(?i:statements?|notices?|announcements?|advisory|advisories|press release|"
    r"update|blog post|FAQ)\b|\b(?:its|their|our|his|her)\s+(?:official\s+|own\s+|main\s+)?"
    r"(?i:web\s?sites?|web\s?pages?|site)\b|"
    r"(?:\b[Tt]he\s+[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)*|[A-Z][\w&.\-]*['’]s)\s+"
    r"(?:official\s+)?(?i:web\s?sites?|web\s?pages?|site)\b")


class _Extractor(SpeakerResolver, LexiconQuotes):
    def __init__(self, doc: Doc, cfg: QuotedExperts, lex: QuoteLexicon | None = None):
        self.doc = doc
        self.cfg = cfg
        self.lex = lex
        self.text = doc_text(doc)
        self.orgs = Orgs(self.text, doc._.organisations or [], doc)
        self.sents = self._sentences(doc)
        # a "person" right after "at" is a workplace named after people ("a data security
        # lawyer at Fox Rothschild"), not somebody who speaks
        self.persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"
                        and not _AT_BEFORE.search(self.text, max(0, e.start_char - 4),
                                                  e.start_char)]
        self.not_people = [(e.start_char, e.end_char) for e in doc.ents
                           if e.label_ in {"MALWARE", "CVE", "GPE", "LOC", "NORP"}]
        self.lower_words = set(w for w in WORD_RE.findall(self.text) if w.islower())
        self.registry: dict[str, dict] = {}    # full person name -> {"role", "affiliation"}
        self.mentions: list[tuple[int, str]] = []   # (position, full name) of people named
        self.done: list[_Q] = []
        self.directs: list[_Q] = []
        self._build_registry()
        # an organisation component may take a surname for an organisation ("Cerrudo said")
        people = set()
        for full in self.registry:
            people.add(norm(full))
            people.add(norm(full.split()[-1]))
        # … or a title with a name ("Head of Product Vulnerability Oded Vanunu"): a form of
        # three or more words that ends in a PERSON entity's words is a person
        person_ends = {norm(self.text[s:e]) for s, e in self.persons}
        person_ends.discard("")
        titled = set()
        for n in self.orgs.by_norm:
            ws = n.split()
            if len(ws) >= 3 and any(" ".join(ws[-k:]) in person_ends
                                    for k in range(1, min(4, len(ws)))):
                titled.add(n)
        people |= titled
        if people & set(self.orgs.by_norm):
            self.orgs.drop(people)
            self.registry, self.mentions = {}, []
            self._build_registry()

    def _sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """Sentence spans; an opening quotation mark left at the end of a sentence by the
        sentencizer is moved to the next one."""
        text = self.text
        out = []
        merged: list[tuple[int, int]] = []
        for sent in doc.sents:
            # (a paragraph ends a sentence the model ran on: '"…," X posted on X.\n\n"…"')
            pieces, a = [], sent.start_char
            for m in re.finditer(r"\n\s*", text[sent.start_char:sent.end_char]):
                b = sent.start_char + m.start()
                if text[a:b].strip():
                    pieces.append((a, b, a == sent.start_char))
                a = sent.start_char + m.end()
            if text[a:sent.end_char].strip() or not pieces:
                pieces.append((a, sent.end_char, a == sent.start_char))
            else:   # (trailing line breaks stay with the sentence, as before)
                pieces[-1] = (pieces[-1][0], sent.end_char, pieces[-1][2])
            for s, e, may_join in pieces:
                first = text[s:e].lstrip(" \"“”'‘’")[:1]
                if merged and first.islower() and may_join:
                    merged[-1] = (merged[-1][0], e)
                else:
                    merged.append((s, e))
        for s, e in merged:
            while e > s and (text[e - 1].isspace() or (text[e - 1] in DQ + SQ and
                                                        is_open_ctx(text, e - 1) and
                                                        not is_close_ctx(text, e - 1))):
                e -= 1
            if out and out[-1][1] < s:
                out[-1] = (out[-1][0], out[-1][1])
            out.append((s, e))
        # give the trimmed characters to the next sentence
        fixed = []
        for k, (s, e) in enumerate(out):
            if k + 1 < len(out):
                fixed.append((s, e))
                nxt_s = e
                out[k + 1] = (min(out[k + 1][0], nxt_s), out[k + 1][1])
            else:
                fixed.append((s, e))
        return fixed

    # ----------------------------------------------------------------- main
    def run(self) -> list[Quote]:
        if self.lex is not None:
            return self._run_lexicon()
        text = self.text
        dspans = [clean_span(text, s, e) for s, e in double_quote_spans(text)]
        sspans = [clean_span(text, s, e)
                  for s, e in single_quote_spans(text, [(s - 1, e + 1) for s, e in dspans])]
        raw = sorted(set(sp for sp in dspans + sspans if sp[1] > sp[0]))
        directs = [_Q(s, e, True) for s, e in raw if n_words(text[s:e]) >= 2]
        directs += self._block_quotes(raw)
        directs.sort(key=lambda q: q.start)
        self.directs = directs
        reported: list[_Q] = []
        # sentence by sentence, so that pronouns and "the company" can look back
        starts = [q.start for q in directs]
        for ss, se in self.sents:
            new: list[_Q] = []
            self._reported_in(ss, se, new)
            in_sent = directs[bisect_left(starts, ss):bisect_left(starts, se)]
            for q in in_sent:
                if not q.resolved:
                    self._attribute_direct(q)
            here = in_sent + new
            self.done.extend(sorted(here, key=lambda q: q.start))
            reported.extend(new)
        all_q = sorted(directs + reported, key=lambda q: (q.start, -q.end))
        out = []
        self._lure_prev = None
        for q in all_q:
            nw = n_words(text[q.start:q.end])
            if not q.direct and q.kind == "desc" and q.mention and \
                    _LURE_MENTION.fullmatch(q.mention.strip()) and \
                    _LURE_CONTEXT.search(text, max(0, q.start - 400), q.start) and \
                    not re.search(r"ransom", text[max(0, q.start - 400):q.end], re.I):
                continue   # "One such message tells recipients that …": the lure's text
            if q.direct:
                if nw < self.cfg.min_fragment_words:
                    continue
                if nw < self.cfg.min_direct_words and q.parent is None and not re.search(
                        r"\b(called|calling|calls|described|describes|describing|termed|"
                        r"branded|labelled|labeled|dubbed)\b[^.]{0,60}$",
                        text[max(0, q.start - 90):q.start]):
                    continue
                if self._is_title_or_lure(q, out):
                    self._lure_prev = q.end
                    continue
                self._lure_prev = None
            out.append(q)
        self._name_described_people(out)
        self._affiliation_from_own_words(out)
        self._victim_voice(out)
        return [self._to_record(q) for q in out]

    def _is_title_or_lure(self, q: _Q, kept: list[_Q]) -> bool:
        """Subject lines, titles, file and button names are not speech."""
        words = WORD_RE.findall(self.text[q.start:q.end])
        if 3 <= len(words) <= 10 and not self.text[q.start:q.end].isupper() and all(
                w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL_WORDS for w in words) \
                and sum(w[:1].isupper() for w in words) >= 3:
            return True   # 'season 5 of "Orange Is The New Black."': a title in Title Case
        if _TITLE_NOUN_AFTER.match(self.text, min(len(self.text), q.end + 1)) and re.search(
                r"\b(?:the|a|an|its|their|his|her)\s+[\"“‘']?$",
                self.text[max(0, q.start - 8):q.start]):
            return True   # 'the "Pirates of the Caribbean" movie': a name before its kind
        before = self.text[max(0, q.start - 40):q.start].lower()
        if re.search(r"\b(subject line|subject lines|subject|subject like|subject lines like|titled|entitled|headlined|"
                     r"button|file named|filename|renamed them|labelled|labeled)\W*$", before):
            return True
        if re.search(r"\b(called|named|dubbed|known as|reading)\W*$", before) and not q.cue:
            return True
        if re.search(r"\b(?:calls?|called|calling)\s+(?:itself|themselves|himself|herself)"
                     r"(?:\s+the)?\W*$", before):
            return True   # 'The gang calls themselves the "Turkish Crime Family"': a name
        if _SUBJECT_IS.search(before):
            return True   # 'The subject of the email is "…"'
        if _IT_READS.search(self.text, max(0, q.start - 30), q.start):
            # 'It reads: "Our records show …"' right after a fake email or text is described
            ctx = self.text[max(0, q.start - 400):q.start]
            if _LURE_CONTEXT.search(ctx) and _LURE_NOUN.search(ctx) and \
                    not re.search(r"ransom", ctx, re.I):
                return True
        m = _LURE_SPEAKS.search(self.text, max(0, q.start - 60), q.start)
        if m and not re.search(r"ransom|extort", m.group(0), re.I):
            # 'One convincing looking email claims: "…"', 'a fake text reads: "…"' in a story
            # about a phishing or scam campaign: the lure's text, not anybody's speech (a ransom
            # note is speech). The lure word must be in the speaking noun phrase itself: 'A
            # statement on its website said: "…"' is the victim speaking in a phishing story
            ctx = self.text[max(0, q.start - 400):q.start]
            verb_end = m.start() + len(m.group(0).rstrip(" \t\n:,\"“'‘"))
            np = _LURE_CLAUSE_START.split(self.text[max(0, m.start() - 120):verb_end])[-1]
            if (_LURE_CONTEXT.search(np) or (_BARE_MESSAGE.fullmatch(np) and
                                             _LURE_CONTEXT.search(ctx))) and \
                    not _OWNED_TEXT.search(np) and not re.search(r"ransom", ctx, re.I):
                return True
        # the second of a list of lures: 'subject line "A," or "B,"'
        if self._lure_prev is not None and re.fullmatch(r"[\s,\"“”'’]*(or|and)?[\s\"“”'‘]*",
                                                        self.text[self._lure_prev:q.start]):
            self._lure_prev = q.end
            return True
        return False

    def _to_record(self, q: _Q) -> Quote:
        return Quote(text=self.text[q.start:q.end], start_char=q.start, end_char=q.end,
                     direct=q.direct, speaker=q.speaker, speaker_mention=q.mention, role=q.role,
                     affiliation=q.affiliation, speaker_type=q.stype or "other", cue=q.cue)

    def _attackers_note(self, before: str, nm: re.Match, bs: int, qstart: int) -> str | None:
        """The mention of a note, message, demand or letter that is the subject of the sentence
        introducing a quote with a colon, when the note is the attackers' (``None`` otherwise):
        a ransom/extortion/blackmail note, one left, sent or signed by or from an attacking
        agent (an attacker word or an organisation with the attacker role), or a plain note or
        demand in a text that speaks of a ransom. Only the subject phrase counts: 'The letter,
        signed by chief executive Jane Hollis,' and 'The note from the hospital to patients'
        are the victim's, whatever the rest of the sentence says."""
        vm = _NOTE_VERB.search(before, nm.end(2))
        subj = before[:vm.start()] if vm else before.rstrip().rstrip(":")
        mention = subj.strip(" ,").split(",")[0].strip()
        if "\n" in subj.strip() or not mention:
            return None
        head = before[:nm.start(2)]
        if (nm.group(1) or "").lower() in {"ransom", "extortion", "blackmail"} or \
                _ATTACKER_PREMOD.search(head):
            return mention
        agents = list(_NOTE_AGENT.finditer(subj, nm.end(2)))
        for am in agents:
            # the agent: up to five words after "by"/"from", within its clause
            agent = re.match(r"[^,;:()]{0,60}", subj[am.start(1):]).group(0)
            agent = " ".join(agent.split()[:5])
            a_s = bs + am.start(1)
            if _ATTACKER_AGENT.match(agent) or \
                    any(o[3] == "attacker" for o in self.orgs.overlapping(a_s, a_s + len(agent))):
                return mention
        if agents:
            return None   # made by someone named, not an attacker ('from the council')
        if nm.group(2).lower() in {"note", "notes", "demand", "demands"} and \
                _RANSOM_WORD.search(self.text, max(0, qstart - 400), qstart):
            return mention
        return None

    def _apply(self, q: _Q, sp: Speaker | None, cue: str | None) -> None:
        q.resolved = True
        q.cue = cue
        if sp is None:
            q.stype = "other"
            q.kind = "none"
            return
        sp = self._staff_affiliation(sp, q.start)
        q.speaker = sp.name
        q.mention = None if sp.kind == "person" else sp.mention
        q.role = sp.role
        q.affiliation = sp.affiliation
        q.kind = sp.kind
        q.stype = self._stype(sp)

    def _copy(self, q: _Q, p: _Q) -> None:
        q.speaker, q.mention, q.role, q.affiliation = p.speaker, p.mention, p.role, p.affiliation
        q.stype, q.kind, q.cue, q.resolved = p.stype, p.kind, p.cue, True

    # ----------------------------------------------------------------- sentences
    def _sent_of(self, pos: int) -> tuple[int, int]:
        sents = self.sents
        cached = getattr(self, "_sent_index", None)
        if cached is None or cached[0] is not sents or cached[1] != len(sents):
            # by bisection when the sentences follow each other without overlap (they do:
            # see _sentences); else the first sentence holding pos, by a scan
            ordered = all(sents[k][1] <= sents[k + 1][0] and sents[k][0] <= sents[k][1]
                          for k in range(len(sents) - 1))
            cached = (sents, len(sents), [s for s, _ in sents] if ordered else None)
            self._sent_index = cached
        if cached[2] is not None:
            k = bisect_right(cached[2], pos) - 1
            while k >= 0 and sents[k][0] == sents[k][1]:
                k -= 1   # (an empty sentence holds nothing)
            if k >= 0 and sents[k][0] <= pos < sents[k][1]:
                return sents[k]
            return 0, len(self.text)
        for s, e in sents:
            if s <= pos < e:
                return s, e
        return 0, len(self.text)

    def _direct_index(self) -> tuple[list[int], list[int], list[int]]:
        """Of ``directs`` (sorted by start): their starts, the running maximum of their ends
        and their ends sorted; rebuilt when the list changes."""
        directs = self.directs
        cached = getattr(self, "_dindex", None)
        if cached is None or cached[0] is not directs or cached[1] != len(directs):
            reach, far = [], -1
            for q in directs:
                far = max(far, q.end)
                reach.append(far)
            cached = (directs, len(directs), [q.start for q in directs], reach,
                      sorted(q.end for q in directs))
            self._dindex = cached
        return cached[2], cached[3], cached[4]

    def _first_reaching(self, pos: int) -> int:
        """Index of the first direct quote whose end is >= pos (len(directs) if none): all
        the quotes before it end before pos."""
        _, reach, _ = self._direct_index()
        return bisect_left(reach, pos)

    def _in_direct(self, pos: int) -> _Q | None:
        """The first quote (by start) with start - 1 <= pos < end + 1: the first quote that
        reaches past pos, if it starts early enough (those after it start later still)."""
        k = self._first_reaching(pos)   # the first with end + 1 > pos, i.e. end >= pos
        if k < len(self.directs) and self.directs[k].start - 1 <= pos:
            return self.directs[k]
        return None

    # ----------------------------------------------------------------- reported speech
    def _reported_in(self, ss: int, se: int, out: list[_Q]) -> None:
        text = self.text
        toks = tokens(text, ss, se)
        for i, t in enumerate(toks):
            lw = t.lower
            if lw not in SPEECH_VERBS or not t.text.islower():
                continue
            if self._in_direct(t.start):
                continue
            if lw in {"point", "points", "pointed"}:
                if i + 1 >= len(toks) or toks[i + 1].lower != "out":
                    continue
                vend, cue, nxt = toks[i + 1].end, t.text + " out", i + 2
            else:
                vend, cue, nxt = t.end, t.text, i + 1
            prev = toks[i - 1].lower if i > 0 else ""
            prev2 = toks[i - 2].lower if i > 1 else ""
            if prev in {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that",
                        "ransom", "of", "no", "these", "those", "any", "every", "ransomware",
                        "extortion", "blackmail"}:
                continue   # a noun or an adjective: "a warning", "an alleged $100m"
            if prev in AUX_BEFORE_VERB or prev in NEGATORS or prev2 in {"not", "n't"} \
                    or (prev in ADVERBS_BEFORE_VERB and prev2 in AUX_BEFORE_VERB | NEGATORS):
                continue
            if lw in STRICT_VERBS and not re.match(r"\s*(that\b|:)", text[vend:se]) and not (
                    lw in {"claim", "claims"} and prev not in AUX_BEFORE_VERB and
                    re.match(r"\s*(?:they|he|she|we)\s", text[vend:se])):
                continue   # ("The hackers claim they hold …": a verb before its clause's subject)
            if nxt < len(toks) and toks[nxt].lower == "to" and lw not in TELL_VERBS:
                after_to = toks[nxt + 1] if nxt + 1 < len(toks) else None
                if after_to is None or (after_to.text.islower() and after_to.lower not in {
                        "the", "a", "an", "his", "her", "their", "its", "reporters", "us", "me",
                        "him", "them", "journalists", "members", "staff", "employees"}):
                    continue  # "said to be"
            if prev == "as" or "what" in {x.lower for x in toks[max(0, i - 3):i]} or (
                    nxt < len(toks) and toks[nxt].lower in {"back", "questions", "calls"}):
                continue   # "was quoted as saying", "what officials say"
            if lw.endswith("ing") and prev == ",":
                self._participle(t, vend, cue, ss, se, out)
                continue
            if lw == "adding" and prev not in {"and", "while"} and \
                    not re.match(r"\s*(?:that\b|:|[\"“])", text[vend:se]):
                continue   # "the probability of criminals adding fake apps": no speech
            self._one_verb(t, vend, cue, ss, se, out)

    def _participle(self, t: Tok, vend: int, cue: str, ss: int, se: int, out) -> None:
        """'…, said Likarish, adding there's also no guarantee …': the tag's speaker."""
        starts, _, _ = self._direct_index()
        for d in self.directs[bisect_left(starts, ss - 2):bisect_left(starts, t.start)]:
            if not d.resolved:   # '"…," she said, adding …': the quote's tag comes first
                self._attribute_direct(d)
        prev = [q for q in self.done + out if ss <= q.start < t.start and q.resolved
                and q.kind != "none"]
        prev += [q for q in self.directs[self._first_reaching(ss - 1):
                                         bisect_left(starts, t.start)]
                 if q.end > ss - 2 and q.resolved and q.kind != "none"]
        if prev and all(q.start < ss for q in prev):
            # "“…,” Tufekci said. But security experts challenged that argument, saying …":
            # a sentence with a subject of its own does not continue the quote before it
            sp = self._own_subject(ss, t.start)
            cs = self._complement_start(t, vend, se)
            if sp is not None and cs is not None:
                self._emit(cs, self._clause_end(cs, self._quote_end_extend(se)), sp, cue, out)
                return
        if not prev:
            # "He advocated the second option, noting that …": the sentence's subject
            # (after an opening adverbial clause: "Without revealing the scope, Microsoft
            # played the issue down, saying: …")
            head = tokens(self.text, ss, t.start)
            if head and head[0].lower in _OPENING_CONJUNCTIONS:
                ss = head[0].end
            elif head and (head[0].lower in STOP_CAPS_SUBJECT | _OPENING_ADVERBIALS or
                           head[0].lower.endswith("ing") and head[0].text[:1].isupper()):
                # ("Following this criticism, the company apologized, saying …")
                comma = next((w for w in head if w.text == ","), None)
                if comma is None:
                    return
                ss = comma.end
            words = [w for w in tokens(self.text, ss, t.start) if w.text[0].isalnum()]
            k = 0
            if len(words) >= 2 and words[0].lower in {"the", "this"} and \
                    words[1].text.islower() and words[1].lower in ORG_NOUNS | ATTACKER_GROUP:
                k = 2   # "The gang added X to its leak site, alleging that …"
            while k < len(words) and k < 4 and (words[k].text[:1].isupper()):
                k += 1
            if k == 0:
                sp = self._own_subject(ss, t.start)   # "But security experts challenged …"
            else:
                sp = self._speaker_from(ss, words[k - 1].end, "pre", t.start)
            cs = self._complement_start(t, vend, se)
            if sp and (sp.name or sp.mention) and cs is not None:
                self._emit(cs, self._clause_end(cs, self._quote_end_extend(se)), sp, cue, out)
            return
        p = max(prev, key=lambda q: q.start)
        cs = self._complement_start(t, vend, se)
        if cs is None or _NOUN_OBJECT.match(self.text, cs, se):
            return   # "…, says Fu, explaining findings of a study": an object, no clause
        sp = Speaker(name=p.speaker, mention=p.mention, role=p.role, affiliation=p.affiliation,
                      kind=p.kind, org_role=self._role_of(p.affiliation))
        ce = self._clause_end(cs, self._quote_end_extend(se))
        q = self._emit(cs, ce, sp, cue, out)
        if q is not None:
            q.stype = p.stype

    def _own_subject(self, ss: int, e: int) -> Speaker | None:
        """The description or name that opens the sentence [ss, e) as the subject of a
        finite verb ("But security experts challenged …", "Quarnet has …"), or None."""
        toks = [w for w in tokens(self.text, ss, e) if w.text[0].isalnum()]
        if toks and toks[0].lower in _OPENING_CONJUNCTIONS:
            toks = toks[1:]
        if not toks or toks[0].lower in STOP_CAPS_SUBJECT | _OPENING_ADVERBIALS:
            return None
        for k, w in enumerate(toks[1:6], 1):
            if w.text.islower() and (w.lower in _FINITE_AUX or w.lower.endswith("ed")):
                sp = self._speaker_from(toks[0].start, toks[k - 1].end, "pre", w.start)
                return sp if sp and (sp.name or sp.mention) else None
        return None

    def _quote_end_extend(self, e: int) -> int:
        # the first quote with start < e <= end + 1: the first one reaching e - 1, if it
        # starts before e (those after it start later still)
        k = self._first_reaching(e - 1)
        for q in self.directs[k:k + 1]:
            if q.start < e <= q.end + 1:
                # (a quotation left open at the end of the text ends with the text)
                return min(max(e, q.end + 1), len(self.text))
        return e

    def _one_verb(self, t: Tok, vend: int, cue: str, ss: int, se: int, out) -> None:
        text = self.text
        se = self._quote_end_extend(se)
        pre_s, pre_e = ss, t.start
        post_s, post_e = vend, se
        pre_txt = text[pre_s:pre_e]
        # --- inverted tag: "CLAUSE, said X, ROLE." / '"…," said X'
        if t.lower in {"says", "said", "writes", "wrote"} and _TAGGED_BEFORE.search(pre_txt) and \
                re.match(r"\s*(?:the\s+|The\s+)?[A-Z]", text[post_s:post_e]):
            return   # '"…," Renner explained, says The Daily Ledger': a citation
        if re.search(r"[,\"”’']\s*$", pre_txt) and not re.search(r"^\s*(that\b|:)", text[post_s:]) \
                and not self._ends_with_apposition(pre_s, pre_e) and \
                t.lower not in {"told", "tells", "tell", "telling"}:
            # ("One supplier, who asked not to be named, told The Loadstar:" -- after "told"
            # comes the listener, never an inverted speaker)
            spk_end = self._speaker_phrase_end(post_s, post_e)
            sp = self._speaker_from(post_s, spk_end, "post", t.start) if spk_end else None
            if sp and (sp.name or sp.mention):
                clause_e = pre_s + len(pre_txt.rstrip().rstrip(",").rstrip())
                self._emit(pre_s, clause_e, sp, cue, out)
                return
        # --- "As the researchers who found the flaws explained, CLAUSE"
        am = _AS_SPEAKER.match(pre_txt)
        cm = re.match(r"\s*,\s*", text[vend:post_e])
        if am and cm:
            sp = self._speaker_from(pre_s + am.start(1), pre_s + am.end(1), "pre", t.start)
            cs = vend + cm.end()
            if sp and (sp.name or sp.mention) and n_words(text[cs:post_e]) >= 4:
                self._emit(cs, self._clause_end(cs, post_e), sp, cue, out)
                return
        # --- normal order: "X said (that) CLAUSE"
        ka = re.search(r",\s+(?:also\s+)?(?:known|called|dubbed|named|referred to) as\b[^,]*,\s*$",
                       pre_txt)
        subj_e = pre_s + ka.start() if ka else pre_e
        sub_s = self._subject_start(pre_s, subj_e)
        sp = self._speaker_from(sub_s, subj_e, "pre", t.start) if sub_s is not None else None
        if (not sp or not (sp.name or sp.mention)) and _COORDINATED.search(pre_txt):
            # "Nayana agreed to pay …, and said Saturday …": the sentence's subject speaks
            sp = self._sentence_subject(pre_s, t.start)
        if not sp or not (sp.name or sp.mention):
            # a description with a relative clause: "One council employee, who asked not to
            # be named, said"
            rel = _DESC_RELATIVE.search(pre_txt)
            if rel is None:
                return
            sp = self._speaker_from(pre_s + rel.start(1), pre_s + rel.end(1), "pre", t.start)
            if not sp or not (sp.name or sp.mention):
                return
            sub_s = pre_s + rel.start(1)   # (the words before its commas are the subject)
        cs = self._complement_start(t, vend, post_e)
        if cs is not None and _CITATION_VERB.match(text, cs, post_e):
            cs = None   # '"…," Renner explained, says The Daily Ledger': no clause
        middle = re.match(r"\s*,\s*(?:and|but)\s+", text[vend:post_e])
        if cs is not None and not middle and n_words(self._outside_quotes(cs, post_e)) >= 2:
            self._emit(cs, self._clause_end(cs, post_e), sp, cue, out)
            return
        # the complement is a direct quote, or empty: "CLAUSE, X said."
        comma = text.rfind(",", pre_s, sub_s + 1)
        if _title_then_name(pre_txt) and self._ends_with_apposition(pre_s, pre_e):
            comma = -1   # "Its head of IT, Grace Liu, wrote": the title is no clause
        if t.lower.endswith("ing"):
            comma = -1   # "By Monday, all was up, and the hospital released a statement
            # admitting to the incident": a participle tags no clause before its subject
        # "Opposition leader X was scathing: the council had, she said, …": the clause starts
        # after the colon, the words before it introduce the speaker
        # (only when the tag interrupts that clause: in "X said Y: “…,” he told us" the
        # comma is inside the quotation and the words before the colon are the clause)
        colon = text.rfind(": ", pre_s, comma) if comma > pre_s else -1
        cl_s = colon + 2 if colon >= 0 and n_words(self._outside_quotes(colon + 2, comma)) \
            else pre_s
        if comma > pre_s and n_words(self._outside_quotes(cl_s, comma)) >= \
                self.cfg.min_reported_words and not re.match(
                    r"\s*(?:when |after being |upon being )?asked\b", text[cl_s:comma], re.I) \
                and not _MEDIUM_OPENING.fullmatch(text, pre_s, comma):
            # ("In an email to the IDG News Service, the hacker explained …": where it was
            # said, not what)
            self._emit(cl_s, comma, sp, cue, out)
        if cs is not None and not middle and comma > pre_s and \
                n_words(self._outside_quotes(cl_s, comma)):
            # 'the council had, she said, "sleepwalked into this"': the tag interrupts a
            # clause the quotation completes -- a fragment of her sentence, however short
            starts, _, _ = self._direct_index()
            for d in self.directs[bisect_left(starts, cs):bisect_right(starts, cs + 1)]:
                if d.parent is None and self.text[d.start:d.start + 1].islower():
                    d.parent = -1
        if middle:   # "CLAUSE1, the DOJ alleged, and CLAUSE2"
            ms = vend + middle.end()
            self._emit(ms, self._clause_end(ms, post_e), sp, cue, out)
        elif cs is not None:
            self._emit(cs, post_e, sp, cue, out, reported=False)

    def _sentence_subject(self, ss: int, anchor: int) -> Speaker | None:
        """The speaker named at the start of the sentence: its first capitalised words
        ("Nayana", "Cisco"), or "The <organisation noun>"."""
        words = [w for w in tokens(self.text, ss, anchor) if w.text[0].isalnum()]
        k = 0
        if len(words) >= 2 and words[0].lower in {"the", "this"} and \
                words[1].text.islower() and words[1].lower in ORG_NOUNS | ATTACKER_GROUP:
            k = 2
        while k < len(words) and k < 4 and words[k].text[:1].isupper() and \
                words[k].lower not in STOP_CAPS_SUBJECT:
            k += 1
        if k == 0:
            return None
        return self._speaker_from(ss, words[k - 1].end, "pre", anchor)

    def _ends_with_apposition(self, s: int, e: int) -> bool:
        """'Cesar Cerrudo, CTO of IOActive Labs,' -- a subject with its apposition."""
        seg = self.text[s:e]
        if _RELATIVE_SUBJECT.search(seg):
            return True   # "Fernhill Health, which runs A, B and C,"
        m = re.search(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}),\s+([^,\"“”]{2,120}),\s*$",
                      seg)
        if m:
            app = m.group(2)
            words = set(w.lower() for w in WORD_RE.findall(app))
            if words & ROLE_HEADS:
                return True
            if self.orgs.in_span(s + m.start(2), s + m.end(2)) and not (
                    re.search(r"\b(?:and|or)\b", app) and seg[:m.start(1)].rstrip().endswith(",")):
                return True   # (not the end of a list: "from A, B, C and D products, said X")
            if ORG_APPOSITION.match(app):
                return True   # "Magento, the company that oversees the platform,"
        # a title, then the name between commas: "Pinecrest's chief executive, Laura Voss,"
        t = _title_then_name(seg)
        if t is None:
            return False
        words = set(w.lower() for w in WORD_RE.findall(t.group(1)))
        return bool(words & ROLE_HEADS and self._names_in(s + t.start(2), s + t.end(2)))

    def _outside_quotes(self, s: int, e: int) -> str:
        """text[s:e] with every direct quote (and its marks) blanked out; only the quotes
        that can reach [s, e) are visited (the quotes are sorted by start)."""
        e = min(e, len(self.text))
        key = (id(self.directs), len(self.directs))
        if getattr(self, "_dq_key", None) != key:
            self._dq_key = key
            self._dq_starts = [q.start for q in self.directs]
            self._dq_maxlen = max((q.end - q.start for q in self.directs), default=0)
        text, out, pos = self.text, [], s
        i = bisect_left(self._dq_starts, s - self._dq_maxlen - 2)
        hi = bisect_left(self._dq_starts, e + 1)
        for q in self.directs[i:hi]:
            a, b = max(q.start - 1, s), min(q.end + 1, e)
            if b <= a or b <= pos:
                continue
            a = max(a, pos)
            out.append(text[pos:a])
            out.append(" " * (b - a))
            pos = b
        out.append(text[pos:e])
        return "".join(out)

    def _subject_speaker(self, bs: int, vs: int) -> Speaker | None:
        """The speaker named by the subject of the clause whose verb starts at ``vs``."""
        sub_s = self._subject_start(bs, vs)
        return self._speaker_from(sub_s, vs, "pre", vs) if sub_s is not None else None

    def _subject_start(self, s: int, e: int) -> int | None:
        """Start of the subject phrase that ends at e (the speech verb)."""
        seg = self.text[s:e]
        if not seg.strip():
            return None
        m = _RELATIVE_SUBJECT.search(seg)
        if m:
            # "Northbridge Health, which runs A, B and a network of clinics, said"
            return s + m.start()
        # "Laura Eimiller, an FBI spokeswoman, said" / "Dr Alison Graham, Medical Director for
        # the NHS said": keep the apposition with its name
        m = re.search(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}),\s+([^,\"“”]{2,120}?),?\s*$",
                      seg)
        if m and not seg.rstrip().endswith(",") and re.search(r"\b[a-z]+s\s*$", m.group(2)) \
                and not re.match(r"(?:a|an|the|its|his|her|their)\s", m.group(2)):
            m = None   # "… arrested in Canada, Department of Justice officials say": the
            # subject after the last comma, not an apposition of "Canada"
        if m and re.match(r"\s*(?:In|At|During|Speaking|Talking|Writing|Asked|Interviewed)\b"
                          r"[^,;:\"“”]*\b(?:with|to|from|by|on|in)\s+(?:the\s+)?$",
                          seg[:m.start()]):
            m = None   # "In an interview with Yahoo Finance, Lockfield's CEO said": the name
            # ends an opening phrase, the subject is after the comma
        if m:
            app = m.group(2)
            words = set(w.lower() for w in WORD_RE.findall(app))
            # an organisation-type apposition is the subject's only when it is closed by a
            # comma ("Magento, the company that runs X, said") or its name opens the clause:
            # in "Hackers stole data from Quayline, the company said" the subject is "the
            # company", and what comes before is the reported clause
            org_app = ORG_APPOSITION.match(app) and (
                seg.rstrip().endswith(",") or not seg[:m.start()].strip())
            if (words & _APPOSITION_HEADS or org_app or
                    self.orgs.in_span(s + m.start(2), s + m.end(2))) and \
                    not re.search(r"\b(is|are|was|were|has|have|had|will|would)\b", app):
                return s + m.start()
            if re.match(r"(who|which)\b", app) or re.fullmatch(r"\d{1,3}", app.strip()):
                return s + m.start()   # a relative clause, or an age: "Sato, 41, said"
        if re.search(r",\s+[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){1,3},\s*$", seg):
            seg = seg.rstrip(" ,")   # "The company's CEO, Jane Doe, said": cut before the name
        dash = re.search(r"\s[—–]\s[^—–\"“”]{2,120}\s[—–]\s*$", seg)
        if dash:
            seg = seg[:dash.start()]   # "the site — which charges £32 a month — said"
        if seg.rstrip().endswith(",") and not re.search(r"[,;:—–\"“”]", seg.rstrip()[:-1]) and \
                re.search(r"\b[A-Z][\w’'.\-]*\s*,\s*$", seg):
            seg = seg.rstrip(" ,")   # a stray comma before the verb: "Senator X of Ohio, urged"
        cut = max(seg.rfind(", "), seg.rfind("; "), seg.rfind(": "), seg.rfind("— "),
                  seg.rfind("– "), seg.rfind("\""), seg.rfind("”"), seg.rfind("“"))
        sub = s + cut + 1 if cut >= 0 else s
        rel = _RELATIVE_AFTER_SUBJECT.search(self.text, sub, e)
        if rel:
            # "A ransomware gang that attacked X left a note", "By Monday the gang that hit X
            # had left": the gang's clause, not one of X
            return rel.start() if n_words(self.text[rel.start():e]) <= 12 else None
        m2 = None
        for m2 in re.finditer(r"\b(while|but|and|although|though|because|after|as|since|that|"
                              r"when|where|however|which|so|if)\s+", self.text[sub:e]):
            pass
        if m2 and n_words(self.text[sub + m2.end():e]) >= 1:
            sub = sub + m2.end()
        if n_words(self.text[sub:e]) > 12:
            return None
        return sub

    def _source_end(self, s: int, e: int) -> int:
        """The end of a cited source before the body it was sent to: "the company's filing
        with the National Stock Exchange" is the company's ("a letter to the regulator")."""
        m = _SENT_TO.search(self.text, s, e)
        return m.start(1) if m else e

    def _speaker_phrase_end(self, s: int, e: int) -> int | None:
        """End of the speaker phrase after an inverted verb ('said Bill Wright, senior policy
        counsel for Symantec, the world's largest firm.')."""
        seg = self.text[s:e]
        # (a full stop ends it, not the one of an honorific or an initial: "said Dr. Alan
        # Pike, …", "said John F. Smith")
        m = re.match(r"\s*(.*?)(?=(?:(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bSt)"
                     r"(?<!\bRev)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<![\s.][A-Z])\.|[;!?])(?:\s|$)|"
                     r"\s+in an? (?:statement|email|interview|"
                     r"blog post|press release|report|letter|news release)|\s+(?:on|last|this) "
                     r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week)|"
                     r",\s+(?:adding|noting|saying|explaining|warning|who|which|according|"
                     r"because|but|and)\b|\s+(?:to|in|towards|toward|opposite|against|vis-à-vis) (?:a|an|the)\s|"
                     r"\s+and\s+(?=[A-Z])|$)",
                     seg, re.S)
        jm = _JOINT_TITLE.match(seg)
        if m and jm and jm.group(1).lower() in ROLE_HEADS and \
                jm.group(2).lower() in ROLE_HEADS and re.match(r"\s+and\s", seg[m.end(1):]):
            # "said co-founder and CEO Sofia Lind": one person with two titles, not two people
            m = re.match(r"(\s*(?:[a-z][\w\-]*\s+){1,3}and\s+\S+)", seg)
            rest = self._speaker_phrase_end(s + m.end(1), e)
            return rest if rest is not None else s + m.end(1)
        if not m:
            return None
        phrase = m.group(1)
        nw = n_words(phrase)
        if nw == 0 or nw > 25:
            return None
        first_part = phrase.split(",")[0]
        # (an affiliation after the name does not count: "said Associate Professor Helen
        # Tran from the Kestrel Institute for Cyber Security Research")
        if n_words(re.split(r"\s(?:from|at|of|with)\s+(?=(?:the\s+)?[A-Z])", first_part)[0]) > 10:
            return None
        first = phrase.split()[0].lower() if phrase.split() else ""
        if first in {"that", "in", "on", "at", "during", "via", "through", "after", "before"}:
            return None   # "…, said in an emailed statement": an adverbial, no speaker
        if re.search(r"\b(is|are|was|were|has|have|had|will|would|can|could)\b", first_part):
            return None
        return s + m.start(1) + len(phrase)

    def _complement_start(self, t: Tok, vend: int, post_e: int) -> int | None:
        """Start of the reported clause after the verb: skips 'that', objects of 'told',
        and adverbials ('in a statement', 'on Thursday, March 22,')."""
        text = self.text
        rest = text[vend:post_e]
        lw = t.lower
        if _NOT_SPEECH_OBJECT.get(lw) and _NOT_SPEECH_OBJECT[lw].match(rest):
            return None   # "claimed responsibility for …", "added the bank to its leak site"
        m = re.match(r"\s*:\s*", rest)
        if m:
            return vend + m.end()
        m = re.match(r"[^.;:\"“”]{0,80}?\bas follows\s*:\s*", rest)
        if m:
            return vend + m.end()   # "They explain this revelation as follows: …"
        m = re.match(r"([^\"“”.;:]{0,90}?)\bthat\b\s*", rest)
        if m and n_words(m.group(1)) <= 10 and skippable(m.group(1), lw in TELL_VERBS):
            return vend + m.end()
        # a longer adverbial of time and place before "that": "claimed Thursday during a
        # press conference about the release of the documents that …"
        m = re.match(r"\s*((?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
                     r"yesterday)(?=\s)[^\"“”.;:]{0,150}?)\bthat\b\s*", rest)
        if m and n_words(m.group(1)) <= 24 and skippable(m.group(1), False) and not re.search(
                r"\b(?:said|says|say|told|tells|added|wrote|noted|warned|explained)\b", m.group(1)):
            return vend + m.end()
        pos = vend
        if lw in TELL_VERBS:
            m = re.match(r"\s*(?:us|me|him|her|them|reporters|journalists|the press|"
                         r"(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:conference|briefing|audience|"
                         r"crowd|meeting|reporters?|newspaper|outlet|committee)|"
                         r"the\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}|"
                         r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}|"
                         r"(?:the\s+)?(?:residents|customers|staff|employees|members|parents|"
                         r"students|investors|shareholders|patients|users|listeners|viewers|"
                         r"councillors|lawmakers|legislators|officials|analysts|"
                         r"subscribers|clients))\b\s*,?", rest)
            if m:
                pos = vend + m.end()
                if _PLACE_OR_TIME.match(text, pos, post_e):
                    return None   # "told residents at a town hall meeting": no clause follows
            if re.match(r"\s*(to|not to)\b", text[pos:post_e]):
                return None   # infinitive complement: "told users to …"
            if (re.match(r"\s*(?:about|of|against)\b", text[pos:post_e]) if pos > vend else
                    _ABOUT_OBJECT.match(text, vend, post_e)):
                # "warned customers about the scam", "warn the company about the breach": no
                # clause follows (but "told reporters most of the systems were …", "told the
                # BBC that two of …", "told the Press Association the extent of …" are clauses)
                return None
        elif lw in INFINITIVE_VERBS and re.match(r"\s*\w+\s+(\w+\s+)?to\s+\w+", rest):
            return None
        m = re.match(r"\s*,?\s*(?:(?:in|on|during|at|via|through|last|this|late|early|earlier)"
                     r"\s+(?:an?\s+|the\s+|its\s+|his\s+|her\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,3}?"
                     r"(?:\s+(?:on|last|this)\s+\w+)?\s*,\s*)", text[pos:post_e])
        if m and n_words(m.group()) <= 6:
            pos += m.end()
        m = re.match(r"\s*(?:(?:on|last|this|late|early|earlier)\s+(?:\w+\s+){0,2}?|"
                     r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
                     r"yesterday|tonight)\s+)"
                     r"(?=(?:it|he|she|they|we|the|its|their|his|her|there)\b)", text[pos:post_e])
        if m:
            pos += m.end()
        m = re.match(r"\s*,\s*", text[pos:post_e])
        if m:
            pos += m.end()
        nx = text[pos:post_e].lstrip()
        first = nx.split()[0].lower().strip(",.") if nx.split() else ""
        if _ADVERBIAL_THEN_CLAUSE.match(nx) and \
                n_words(nx[_ADVERBIAL_THEN_CLAUSE.match(nx).end():]) >= 4:
            return pos   # "He said, when one hacker left a note, another would …"
        if first in WH_WORDS or first in {"to", "so", "nothing", "no", "yes", "and", "but",
                                          "because", "adding", "noting"}:
            return None
        if first.endswith("ing") and first.isalpha() and \
                re.search(r",\s*$", text[vend:pos + len(text[pos:post_e]) - len(nx)]):
            return None   # "… said in a report, echoing Smith's advice": a participial adjunct
        if first in {"in", "at", "during", "on", "via", "through", "with", "from", "by",
                     "after", "before", "for", "while", "earlier", "later",
                     "recently", "previously", "again", "today", "yesterday", "as", "without",
                     "about", "itself", "himself", "herself", "themselves", "ourselves"}:
            # only adverbials follow: the verb tags a neighbouring direct quote ('a statement
            # said about the other $400,000'); a reflexive object is no clause ('Microsoft has
            # declared itself in the clear')
            return None
        if first in {"last", "this"} and (first == "last" or _TIME_NOUN.match(nx, 5)):
            return None   # "this week", "last month" (but "said this is …" is a clause)
        if first in _DAY_WORDS and re.match(r"\s*\S+\s+(?:at|in|during|on|before|after|while|"
                                            r"as|to|without)\b", nx):
            return None   # '"…," the commissioner said Thursday at a Senate hearing.'
        return pos

    def _clause_end(self, s: int, e: int) -> int:
        seg = self.text[s:e]
        m = re.search(r",?\s+(?:but|and)\s+(?:declined|refused|did not|didn't|would not|wouldn't|"
                      r"asked|urged|added|noted|said|called|warned)\b|,\s+(?:according to|"
                      r"adding|noting|saying|but given|leading)\b|,\s+(?:he|she|they|it) "
                      r"(?:said|says|added|noted)\b", seg)
        if m:
            e = s + m.start()
        seg = self.text[s:e].rstrip()
        seg = re.sub(r"[.;:]+$", "", seg).rstrip()
        return s + len(seg)

    def _emit(self, s: int, e: int, sp: Speaker, cue: str, out: list[_Q],
              reported: bool = True) -> _Q | None:
        s, e = clean_span(self.text, s, e)
        while s < e and not (self.text[s].isalnum() or self.text[s] in DQ + SQ + "[("):
            s += 1   # a clause never starts with stray punctuation
        while e > s and self.text[e - 1] in ".;:":
            e -= 1
        starts, _, _ = self._direct_index()
        inside = [q for q in self.directs[bisect_left(starts, s - 1):bisect_right(starts, e + 1)]
                  if q.end <= e + 1]
        for q in inside:
            if not q.resolved:
                self._apply(q, sp, cue)
        if not reported:
            return None
        outside = self._outside_quotes(s, e)
        if n_words(outside) < self.cfg.min_reported_words:
            return None
        if inside and inside[0].start <= s + 1:
            return None   # 'tells X that "…" and that …': the quotes carry the speech
        if len(inside) == 1 and inside[0].end >= e - 1 and \
                n_words(self.text[s:inside[0].start]) <= 6 and \
                self.text[inside[0].start:inside[0].start + 1].islower():
            return None   # 'that the survey “asks students …”': only a subject before the quote
        q = _Q(s, e, False)
        self._apply(q, sp, cue)
        for d in inside:
            d.parent = len(out)
        out.append(q)
        return q

    # ----------------------------------------------------------------- direct attribution
    def _attribute_direct(self, q: _Q) -> None:
        text = self.text
        close = q.end
        while close < len(text) and text[close] in DQ + SQ + ",. ":
            if text[close] in DQ + SQ:
                close += 1
                break
            close += 1
        inner_end = text[q.start:q.end].rstrip()
        ends_sentence = inner_end.endswith((".", "…"))
        # after-tag: '"…," said X' / '"…," X said' / '"…," says the notification'
        starts, _, ends = self._direct_index()
        k = bisect_right(starts, q.end)
        nxt_q = self.directs[k].start - 1 if k < len(self.directs) else len(text)
        # (the full stop of an initial, a dotted acronym or an abbreviated title ends no tag
        # inside its line: '"…," John Koskinen, the I.R.S. commissioner, said', '"…," U.S.
        # Attorney Kenneth L. Parker said', '"…," CEO Dr. Naveen Rao said')
        m = _TAG_END.search(text, close, nxt_q)
        tag_end = m.end() if m else nxt_q
        toks = tokens(text, close, tag_end)
        while m and m.group(1) and not any(t.lower in SPEECH_VERBS | TAG_ONLY_VERBS
                                           for t in toks):
            # an initial that ends no tag: '"…," U.S. Attorney Kenneth L. Parker said'
            m = _TAG_END.search(text, tag_end, nxt_q)
            tag_end = m.end() if m else nxt_q
            toks = tokens(text, close, tag_end)
        if toks and not ends_sentence:
            for j, t in enumerate(toks[:30]):
                if t.lower in _NOTE_NOUNS and j and toks[j - 1].lower in _NOTE_MODIFIERS and \
                        _RANSOM_CONTEXT.search(text, max(0, q.start - 400), tag_end):
                    continue   # '"…," the ransom note read': a noun, not the verb "note"
                if j and toks[j - 1].lower == "who" and t.lower in {"asked", "declined",
                                                                    "requested", "wished"}:
                    continue   # '"…," one of the hackers, who asked not to be named, told X'
                if t.lower in SPEECH_VERBS | TAG_ONLY_VERBS and t.text.islower() or (
                        t.lower in {"read", "reads"} and j and toks[j - 1].lower in _NOTE_NOUNS):
                    if n_words(text[close:t.start]) == 0:   # "…," said X
                        end = self._speaker_phrase_end(t.end, tag_end)
                        sp = self._speaker_from(t.end, end, "post", t.start) if end else None
                    else:   # "…," X said
                        sp = None
                        app = _NAME_APPOSITION.match(text, close, t.start)
                        if app:   # '"…," Magento, the company that runs the platform, said'
                            sp = self._speaker_from(app.start(1), app.end(1), "pre", t.start)
                        if not sp or not (sp.name or sp.mention):
                            sp = self._speaker_from(close, t.start, "pre", t.start)
                        wm = re.search(r",\s+who\s+[^,;:\"“”]{2,80},\s*$", text[close:t.start])
                        if (not sp or not (sp.name or sp.mention)) and wm:
                            # '"…," one of the hackers, who used the moniker X, told Motherboard'
                            sp = self._speaker_from(close, close + wm.start(), "pre", t.start)
                            if (not sp or not (sp.name or sp.mention)) and \
                                    _ANONYMOUS.search(wm.group(0)):
                                sp = _unnamed_source(text[close:close + wm.start()])
                    if sp and (sp.name or sp.mention):
                        self._apply(q, sp, t.text)
                        return
                    break
        # a dash and the speaker after the closing mark: '"…" — Mira Sato, researcher at X.'
        dash = _DASH_TAG.match(text, close)
        if dash:
            m = re.search(r"[.!?](?=\s)|\n|$", text[dash.end():])
            end = dash.end() + m.start()
            sp = self._speaker_from(dash.end(), end, "post", q.start)
            if sp and sp.kind == "person" and sp.name:
                self._apply(q, sp, None)
                return
        # before-tag: 'X said: "…"' / 'X issued the following statement: "…"'
        ss, _ = self._sent_of(max(0, q.start - 2))
        k = bisect_left(ends, q.start - 1)
        prev_q = ends[k - 1] if k else -1
        bs = max(ss, prev_q + 1)
        before = text[bs:max(bs, q.start - 1)]
        qm = re.search(r"([^.;:]*?),?\s+(?:was|were|is|are|has been|had been)\s+quoted\b"
                       r"[^.;:]*\bas\s+saying\s*,?\s*$", before) if "quoted" in before else None
        if qm:   # "X, the city's attorney, was quoted by the AP as saying "…""
            sub_s = self._subject_start(bs, bs + qm.end(1))
            sp = self._speaker_from(sub_s, bs + qm.end(1), "pre", q.start) \
                if sub_s is not None else None
            if sp and (sp.name or sp.mention):
                self._apply(q, sp, "saying")
                return
        vm = None
        for vm in TAG_VERB.finditer(before):
            pass
        if vm and re.search(r"\b(?:was|were|is|are|been|be|being)\s+$", before[:vm.start()]):
            vm = None   # 'Students were warned that "…"': a passive names no speaker
        gm = _GREETED_BY.search(before)
        if gm:
            words = {w.lower() for w in WORD_RE.findall(gm.group(1))}
            if _RANSOM_CONTEXT.search(text, max(0, q.start - 600), min(len(text), q.end + 300)):
                words.add("ransom")
            self._apply(q, Speaker(mention=gm.group(1), kind="desc", desc_words=words), None)
            return
        lm = _LEFT_MESSAGE.search(before)
        if lm:
            # 'the hacker left a taunting message across the site: "…"': who left it
            vs = bs + lm.start()
            sp = self._subject_speaker(bs, vs)
            if sp and (sp.name or sp.mention):
                self._apply(q, sp, lm.group(1))
                return
        if vm and (before.rstrip().endswith((":", ",")) or n_words(before[vm.end():]) <= 6):
            vs = bs + vm.start()
            sp = self._subject_speaker(bs, vs)
            rel = _DESC_RELATIVE.search(before[:vm.start()]) \
                if not sp or not (sp.name or sp.mention) else None
            if rel:   # "One supplier, who asked not to be named, told The Loadstar:"
                sp = self._speaker_from(bs + rel.start(1), bs + rel.end(1), "pre", vs)
                if (not sp or not (sp.name or sp.mention)) and _ANONYMOUS.search(rel.group(0)):
                    sp = _unnamed_source(rel.group(1))
            if not sp:
                # "An ICO spokesperson did not respond …, providing this statement instead:"
                sp = self._speaker_from(bs, min(vs, bs + 80), "post", vs, strict=False)
            if sp and (sp.name or sp.mention):
                self._apply(q, sp, vm.group(1))
                return
        dm = _DIRECTIVE_TAG.search(before)
        if dm:
            vs = bs + dm.start()
            sp = self._subject_speaker(bs, vs)
            if sp and (sp.name or sp.mention):
                self._apply(q, sp, dm.group(1).split()[0])
                return
        nm = _NOTE_SUBJECT.match(before)
        note_mention = self._attackers_note(before, nm, bs, q.start) if nm else None
        if note_mention:
            # 'The note, left by a group calling itself X, was blunt: "…"': the attackers'
            # message, not the words of whoever spoke last
            words = {nm.group(2).lower(), "ransom"}
            self._apply(q, Speaker(mention=note_mention, kind="desc", desc_words=words), None)
            return
        if before.rstrip().endswith(":") and not vm:
            # "The threat report mentions the following: …"
            sp = self._speaker_from(bs, min(q.start, bs + 80), "post", q.start, strict=False)
            if sp and (sp.name or sp.mention):
                self._apply(q, sp, None)
                return
        # '"…," according to the Newark Advocate.': the source right after the closing mark
        # (before any inheritance; the quote may span sentences, so not only its first one)
        m = re.match(r"[\s,.\"“”’']*according to (\w[^,;:\"“”]{1,140}?)(?=[.!?](?:\s|$)|[,;:\"“”]|$)",
                     text[q.end:q.end + 180])
        if m:
            sp = self._speaker_from(q.end + m.start(1), q.end + m.end(1), "post", q.start)
            if sp and (sp.name or sp.mention):
                self._apply(q, sp, "according to")
                return
        # 'According to Amazon's guidance, "…"': the source opening the quote's own sentence
        # comes before any inheritance from the quote before
        qs, _ = self._sent_of(q.start)
        m = re.search(r"\b(?:[Aa]ccording to|[Aa]s (?:described|explained|stated|noted|"
                      r"detailed|outlined|put) (?:in|by))\s+([^,;:\"“”]{2,80}),\s*"
                      r"(?:[a-z][\w’'\-]*\s+){0,3}[\"“‘']?\s*$", text[qs:q.start])
        if m:
            src_e = self._source_end(qs + m.start(1), qs + m.end(1))
            sp = self._speaker_from(qs + m.start(1), src_e, "post", q.start)
            if sp and (sp.name or sp.mention):
                self._apply(q, sp, "according to")
                return
        # continuation: an untagged quote right after another quote
        last = next((d for d in reversed(self.done)
                     if d.end <= q.start and d.resolved and d.kind != "none"), None)
        # (a quote earlier in this sentence is not in ``done`` yet: '"A," notes the Cisco
        # advisory, although "B" until they have defined "C"' -- B and C are the advisory's)
        starts, _, _ = self._direct_index()
        for d in reversed(self.directs[bisect_left(starts, ss):bisect_left(starts, q.start)]):
            if d.end <= q.start and d.resolved and d.kind != "none":
                if last is None or d.end > last.end:
                    last = d
                break
        if last is not None and q.start - last.end <= self.cfg.inherit_chars:
            self._copy(q, last)
            return
        # "according to X" in the same sentence
        ss, se = self._sent_of(q.start)
        m = re.search(r"according to ([^,.;]+)", text[ss:se], re.I)
        if m:
            sp = self._speaker_from(ss + m.start(1), ss + m.end(1), "post", q.start)
            if sp:
                self._apply(q, sp, "according to")
                return
        self._apply(q, None, None)
        q.resolved = False

    # ----------------------------------------------------------------- block quotes
    def _block_quotes(self, raw: list[tuple[int, int]]) -> list[_Q]:
        out = []
        for m in re.finditer(r"(?:statement|said|says|wrote|writes|letter|email|told \w+|"
                             r"explained|added|announcement|reads?|following|revealing|continued)[^.:\n\"“”]{0,160}:"
                             r"[ \t\xa0]+(?=[A-Z])", self.text):
            s = m.end()
            if any(a - 1 <= s <= b for a, b in raw):
                continue
            end = self.text.find("\n", s)
            end = len(self.text) if end < 0 else end
            nxt = min([a - 1 for a, b in raw if a > s] + [end])
            seg = self.text[s:nxt]
            sents = list(re.finditer(r"[^.!?]+[.!?]+(?=\s|$)", seg))
            if len(sents) < 2:
                continue
            e = s + sents[:3][-1].end()
            out.append(_Q(s, e, True))
        return out


@Language.factory(
    "quoted_experts",
    requires=["doc.ents", "doc.sents", "doc._.organisations"],
    assigns=["doc._.quotes"],
    default_config={"min_direct_words": 4, "min_fragment_words": 3, "min_reported_words": 4,
                    "inherit_chars": 400},
)
def make_quoted_experts(nlp: Language, name: str, min_direct_words: int, min_fragment_words: int,
                        min_reported_words: int, inherit_chars: int) -> QuotedExperts:
    register_extensions()
    return QuotedExperts(nlp, name, min_direct_words, min_fragment_words, min_reported_words,
                         inherit_chars)


__all__ = ["QuotedExperts", "make_quoted_experts"]
