"""Word lists, quotation-mark pairing, tokens and the organisation index of ``quoted_experts``.

Pure text helpers without spaCy state, kept apart from :mod:`pipeline.nlp.quotes` (the
component) so that each module stays readable. Nothing here is public API.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from pipeline.records import Organisation

__all__ = [
    "SPEECH_VERBS", "TAG_ONLY_VERBS", "NOUN_LIKE", "TELL_VERBS", "STRICT_VERBS",
    "INFINITIVE_VERBS", "PRONOUNS_PERSON", "PRONOUNS_ORG", "PRONOUNS_PLURAL", "HONORIFICS",
    "ROLE_HEADS", "EXPERT_WORDS", "AUTHORITY_WORDS", "ATTACKER_WORDS", "DESCRIPTOR_NOUNS",
    "ORG_NOUNS", "ORG_WORDS", "STOP_CAPS", "ADVERBS_BEFORE_VERB", "NEGATORS", "AUX_BEFORE_VERB",
    "WH_WORDS", "DQ", "SQ", "WORD_RE", "TOKEN_RE", "skippable", "n_words", "norm", "Orgs",
    "is_open_ctx", "is_close_ctx", "double_quote_spans", "single_quote_spans", "clean_span", "Tok",
    "tokens", "CAP_RUN", "TAG_VERB", "ORG_APPOSITION", "SECURITY_BEFORE", "SECURITY_AFTER",
    "STAFF_WORDS", "ORG_TO_TYPE", "doc_text",
]

# --------------------------------------------------------------------------- lexicons
SPEECH_VERBS = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling",
    "explain", "explains", "explained", "explaining", "add", "adds", "added", "adding",
    "state", "states", "stated", "stating", "write", "writes", "wrote", "writing",
    "note", "notes", "noted", "noting", "warn", "warns", "warned", "warning",
    "comment", "comments", "commented", "commenting", "claim", "claims", "claimed", "claiming",
    "argue", "argues", "argued", "arguing", "insist", "insists", "insisted", "insisting",
    "acknowledge", "acknowledges", "acknowledged", "acknowledging",
    "admit", "admits", "admitted", "admitting", "allege", "alleges", "alleged", "alleging",
    "declare", "declares", "declared", "declaring", "stress", "stresses", "stressed", "stressing",
    "emphasise", "emphasises", "emphasised", "emphasize", "emphasizes", "emphasized",
    "emphasising", "emphasizing", "suggest", "suggests", "suggested", "suggesting",
    "remind", "reminds", "reminded", "highlight", "highlights", "highlighted",
    "recommend", "recommends", "recommended", "answer", "answers", "answered",
    "point", "points", "pointed",  # only with "out"
}
# verbs that only tag a direct quote ("… ," he continues) and never introduce reported speech
TAG_ONLY_VERBS = {"continue", "continues", "continued", "asked", "asks", "tweeted", "posted",
                  "concluded", "concludes", "advised", "confirmed", "announced", "revealed",
                  "replied", "responded", "found", "reported", "observed", "cautioned",
                  "clarified", "remarked", "recalled", "conceded", "quipped",
                  # translated copy: "« … », indicated the mayor" / "specified the prefecture"
                  "indicated", "indicates", "specified", "specifies"}
# forms that are usually nouns when a determiner precedes them
NOUN_LIKE = {"note", "notes", "warning", "claims", "claim", "comment", "comments", "states",
             "state", "answer", "answers", "point", "points", "stress", "writing", "highlights",
             "highlight", "suggest"}
TELL_VERBS = {"tell", "tells", "told", "telling", "remind", "reminds", "reminded", "warn",
              "warns", "warned", "warning", "answer", "answered"}
# ambiguous with nouns/adjectives: speech only with "that", ":" or as an inverted tag
STRICT_VERBS = {"state", "states", "claims", "claim", "comment", "comments", "answer", "answers",
                "point", "points", "stress", "stresses", "highlight", "highlights", "warning",
                "writing", "suggest", "suggests", "stating", "commenting"}
INFINITIVE_VERBS = TELL_VERBS | {"recommend", "recommends", "recommended"}

PRONOUNS_PERSON = {"he", "she"}
PRONOUNS_ORG = {"it"}
PRONOUNS_PLURAL = {"they", "we"}

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
              "lt", "sgt", "capt", "col", "gen", "det", "insp", "rep", "sen", "gov", "president",
              "mme", "mlle", "madame", "monsieur"}
# an "organisation" that is a courtesy title and a name is a person ("Mme Valérie Roux")
_COURTESY_NAME = re.compile(r"(?:Mr|Mrs|Ms|Mme|Mlle|Madame|Monsieur)\.?\s+[A-Z][\w\-’']+"
                            r"(?:\s+[A-Z][\w\-’']+){0,2}")

ROLE_HEADS = {
    "officer", "director", "president", "vice-president", "ceo", "cto", "ciso", "cio", "cfo",
    "coo", "cso", "cmo", "cao", "cdo", "vp", "svp", "evp", "founder", "co-founder", "cofounder",
    "chairman",
    "chairwoman", "chair", "manager", "head", "spokesperson", "spokesman", "spokeswoman",
    "researcher", "analyst", "consultant", "professor", "engineer", "adviser", "advisor",
    "partner", "counsel", "editor", "principal", "superintendent", "mayor", "minister",
    "secretary", "commissioner", "chief", "lead", "scientist", "expert", "member", "architect",
    "strategist", "attorney", "lawyer", "reporter", "correspondent", "fellow", "executive",
    "coordinator", "specialist", "investigator", "agent", "inspector", "lieutenant", "sergeant",
    "detective", "governor", "senator", "official", "owner", "administrator", "evangelist",
    "technologist", "hacker", "developer", "journalist", "leader", "treasurer", "clerk",
    "supervisor", "deputy", "marshal", "sheriff", "prosecutor", "judge", "dean", "lecturer",
    "student", "representative", "trustee", "auditor", "sheriff", "captain", "commander",
    "chancellor", "provost", "constable",
    # school heads, organisers, campaigners and trades ("Headteacher Rachel Obi", "Organiser
    # Dave Trelawny", "privacy campaigner Jo Brand", "IT technician Marcus Lyle")
    "headteacher", "headmaster", "headmistress", "organiser", "organizer", "campaigner",
    "activist", "technician", "teacher", "economist",
    # the arts and sport ("producer Kabir Rao", "singer Tess Lane")
    "producer", "singer", "actor", "actress", "novelist", "footballer",
    # elected officials
    "mp", "mep", "msp", "councillor", "councilor", "cllr", "councilman", "councilwoman",
    "alderman", "lawmaker", "legislator", "congressman", "congresswoman", "assemblyman", "assemblywoman",
    "assemblymember", "politician",
}
EXPERT_WORDS = {"researcher", "researchers", "analyst", "analysts", "professor", "consultant",
                "consultants", "expert", "experts", "scientist", "scientists", "academic",
                "academics", "advocates", "advocate", "lecturer", "specialist", "specialists",
                "evangelist", "strategist", "technologist", "hacker", "observers"}
AUTHORITY_WORDS = {"police", "minister", "ministry", "commissioner", "prosecutor", "prosecutors",
                   "sheriff", "detective", "inspector", "sergeant", "lieutenant", "lt",
                   "constable", "cllr",
                   "government", "governor", "senator", "congressman", "regulator", "regulators",
                   "enforcement", "fbi", "agent", "agents", "marshal", "authorities",
                   "adviser", "advisor", "secretary", "judge", "officials",
                   # elected officials speak for the public side
                   "mp", "mps", "mep", "meps", "msp", "councillor", "councilor", "councilman",
                   "councilwoman", "alderman", "lawmaker", "lawmakers", "legislator",
                   "legislators", "congresswoman", "assemblyman", "assemblywoman",
                   "assemblymember", "politician", "senators"}
ATTACKER_WORDS = {"attacker", "attackers", "hacker", "hackers", "message", "note", "ransom",
                  "scammer", "scammers", "criminals", "fraudsters", "extortionists",
                  # blackmailers and their messages ("the extortionists wrote in a note")
                  "extortionist", "blackmailer", "blackmailers", "cybercriminal",
                  "cybercriminals", "crooks", "perpetrators", "thieves", "ransomware"}
# nouns that make an unnamed-speaker description ("a spokesperson for the company")
DESCRIPTOR_NOUNS = {
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "representative", "official",
    "officials", "researcher", "researchers", "expert", "experts", "analyst", "analysts",
    "source", "sources", "advocates", "police", "investigators", "observers", "employee",
    "staff", "executives", "executive", "insiders", "attacker", "attackers", "hackers",
    "message", "note", "consultants", "scientists", "authorities", "officers", "team", "hacker",
    "engineers", "specialists", "professionals", "critics", "academics",
    # unnamed officials of justice and regulation ("prosecutors said", "regulators warned")
    "prosecutors", "prosecutor", "regulators", "regulator", "detectives", "agents", "lawyers",
    "attorneys",
    # the attacking side and its messages ("the blackmailers wrote", "the ransomware tells")
    "extortionist", "extortionists", "blackmailer", "blackmailers", "scammer", "scammers",
    "criminals", "cybercriminals", "crooks", "fraudsters", "perpetrators", "ransomware",
    "negotiator", "negotiators",
    # unnamed people on the affected or bystander side ("other users recommended that …")
    "users", "customers", "residents", "victims", "readers", "commenters", "workers",
    "person", "staffer", "staffers",
    "students", "parents", "patients", "shoppers", "passengers", "travellers", "travelers",
    "user", "customer", "resident", "victim", "reader", "patient", "student", "parent",
}
# nouns that stand for an organisation ("the company said")
ORG_NOUNS = {
    "company", "firm", "hospital", "city", "utility", "bank", "retailer", "chain", "group",
    "agency", "bureau", "department", "school", "district", "university", "organisation",
    "organization", "lender", "insurer", "operator", "business", "party", "campaign",
    "statement", "report", "notification", "advisory", "faq", "center", "centre", "council",
    "authority", "board", "county", "state", "government", "website", "blog", "post",
    "post", "announcement", "letter", "notice", "vendor", "provider", "giant", "startup",
    "service", "platform", "network", "office", "ministry", "commission", "institute", "lab",
    "labs", "foundation", "association", "club", "store", "brand", "carrier", "maker",
    "manufacturer", "developer", "team", "account", "gang",
}
ORG_WORDS = {
    "inc", "corp", "corporation", "group", "security", "labs", "lab", "systems", "technologies",
    "technology", "bank", "university", "department", "office", "police", "agency", "center",
    "centre", "council", "authority", "foundation", "association", "institute", "team",
    "hospital", "services", "news", "times", "post", "journal", "media", "research", "network",
    "networks", "software", "solutions", "partners", "holdings", "ltd", "llc", "co", "company",
    "commission", "committee", "bureau", "ministry", "government", "service", "unit",
    "division", "board", "county", "project", "international", "global", "microsoft", "google",
    "apple", "amazon", "facebook", "twitter", "cisco", "labs", "medical", "health", "trust",
    "school", "district", "college", "house", "ventures", "capital", "plc", "gmbh", "ag",
    "airlines", "airways", "bank", "insurance", "financial", "energy", "motors", "electric",
    "communications", "telecom", "wireless", "cyber", "cybersecurity", "intelligence",
}
STOP_CAPS = {
    "the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "but", "and", "however",
    "according", "as", "if", "when", "while", "this", "that", "these", "those", "there", "his",
    "her", "their", "our", "its", "for", "of", "to", "by", "with", "from", "after", "before",
    "i", "you", "so", "also", "meanwhile", "still", "yet", "since", "although", "though", "mr",
    "mrs", "ms", "dr", "update", "some", "many", "most", "all", "both", "no", "not", "one", "two",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "last", "next", "other", "what", "why", "how",
    "where", "who", "which", "be", "is", "was", "said", "says", "told", "added", "furthermore",
    "moreover", "additionally", "meanwhile", "separately", "finally", "now", "here", "today",
    "instead", "indeed", "similarly", "likewise", "therefore", "thus", "then", "later",
    # sentence adverbs in front of a surname ("Even Reyes says")
    "even", "only", "just", "perhaps", "maybe", "sadly", "unfortunately", "fortunately",
    "ironically", "notably", "apparently", "clearly", "obviously",
}
ADVERBS_BEFORE_VERB = {"also", "further", "previously", "later", "recently", "then", "has", "have",
                       "had", "once", "again", "publicly", "separately", "simply", "only", "first",
                       "already", "earlier", "repeatedly", "subsequently", "would", "will",
                       "clearly", "explicitly", "specifically", "now", "just", "even", "both",
                       "reportedly", "apparently", "originally", "initially", "quickly", "told"}
NEGATORS = {"not", "n't", "never", "to", "declined", "refused", "no"}
AUX_BEFORE_VERB = {"is", "are", "was", "were", "be", "been", "being", "did", "does", "do"}
WH_WORDS = {"how", "whether", "what", "why", "when", "where", "which", "who", "if"}

DQ = "\"“”„«»"
SQ = "'‘’‚"
_DQ_CHAR = re.compile("[" + re.escape(DQ) + "]")
_SQ_OPEN = re.compile("[‘']")
_SQ_CLOSE_OR_DQ = re.compile("[’'" + re.escape(DQ) + "]")
WORD_RE = re.compile(r"\w+", re.UNICODE)
TOKEN_RE = re.compile(r"[\w’'\-&]+(?:\.[\w’'\-&]+)*|[^\w\s]", re.UNICODE)


_SKIP_PREP = {"in", "on", "at", "during", "to", "via", "through", "last", "this", "late", "early",
              "earlier", "later", "also", "previously", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday", "today", "yesterday", "again",
              "further", "recently", "then", "now", "publicly", "for"}


# who is told: "told reporters that", "told residents that"
_ADDRESSEES = {"us", "me", "him", "her", "them", "reporters", "journalists", "residents",
               "customers", "staff", "employees", "members", "parents", "students", "investors",
               "shareholders", "patients", "users", "listeners", "viewers", "councillors",
               "lawmakers", "legislators", "officials", "analysts", "subscribers", "clients"}


def skippable(seg: str, tell: bool) -> bool:
    """Words between a speech verb and "that" that are adverbials or an addressee, not a
    clause of their own ('said on Thursday, March 22, that', 'told SC Media UK that')."""
    words = WORD_RE.findall(seg)
    if not words:
        return True
    if re.search(r"\b(is|was|are|were|has|have|had|will|would|can|could)\b", seg):
        return False
    first = words[0]
    if first.lower() in _SKIP_PREP:
        return True
    if tell and (first[:1].isupper() or first.lower() in _ADDRESSEES or (
            first.lower() == "the" and len(words) > 1 and words[1].lower() in _ADDRESSEES)):
        return True
    return False


def n_words(s: str) -> int:
    return len(WORD_RE.findall(s))


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold().replace("&", " and ")
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"[^\w]+", " ", s)
    toks = s.split()
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    return " ".join(toks)


# --------------------------------------------------------------------------- the Doc's text
from pipeline.nlp.doc_cache import doc_text  # noqa: E402,F401 (quotes, services read it here)


def _is_word_char(ch: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return ch.isalnum() or ch == "_"


# --------------------------------------------------------------------------- org index
class Orgs:
    """Surface forms of the article's organisations -> canonical name and role."""

    def __init__(self, text: str, orgs: list[Organisation] | None, doc: Doc):
        self.text = text
        self.forms: list[tuple[str, str, str]] = []   # (surface, canonical, role)
        self.by_norm: dict[str, tuple[str, str]] = {}
        for o in orgs or []:
            names = [o.name, *o.aliases] + [m.text for m in (o.mentions or ())]
            for n in names:
                if n and len(n) > 1:
                    self.forms.append((n, o.name, o.role))
                    self.by_norm.setdefault(norm(n), (o.name, o.role))
        if not self.forms:   # no organisation component: fall back to ORG entities
            for ent in doc.ents:
                if ent.label_ == "ORG":
                    self.forms.append((ent.text, ent.text, _hint_role(ent.ent_id_)))
                    self.by_norm.setdefault(norm(ent.text), (ent.text, _hint_role(ent.ent_id_)))
        # (a courtesy title and a name tagged as an organisation is a person: "Mme X Y")
        self.forms = [f for f in self.forms if not _COURTESY_NAME.fullmatch(f[0])]
        self.by_norm = {k: v for k, v in self.by_norm.items()
                        if not _COURTESY_NAME.fullmatch(v[0])}
        self.forms.sort(key=lambda f: -len(f[0]))
        self._occ: list[tuple[int, int, str, str]] | None = None

    def occurrences(self) -> list[tuple[int, int, str, str]]:
        """(start, end, canonical, role) of every organisation mention in text order; longer
        surface forms are placed first, a mention never overlaps another."""
        if self._occ is None:
            text, n = self.text, len(self.text)
            taken: list[tuple[int, int, str, str]] = []
            used = bytearray(n)   # 1 where a mention was placed
            seen: set[str] = set()
            for surface, canon, role in self.forms:
                if surface in seen:
                    continue   # the same form again finds the same, already placed, spans
                seen.add(surface)
                # every whole-word occurrence, scanning on as re.finditer does
                size = len(surface)
                s = text.find(surface)
                while s >= 0:
                    e = s + size
                    if (s and _is_word_char(text[s - 1])) or (e < n and _is_word_char(text[e])):
                        s = text.find(surface, s + 1)
                        continue
                    if used.find(1, s, e) < 0:
                        taken.append((s, e, canon, role))
                        used[s:e] = b"\x01" * size
                    s = text.find(surface, e)
            self._occ = sorted(taken)
            self._occ_starts = [o[0] for o in self._occ]
            self._occ_ends = [o[1] for o in self._occ]
        return self._occ

    def overlapping(self, s: int, e: int) -> list[tuple[int, int, str, str]]:
        """The mentions that overlap [s, e) (s < e), in text order."""
        occ = self.occurrences()
        i = bisect_right(self._occ_ends, s)   # mentions never overlap: ends are sorted too
        out = []
        while i < len(occ) and occ[i][0] < e:
            out.append(occ[i])
            i += 1
        return out

    def drop(self, bad: set[str]) -> None:
        """Forget surface forms (normalised) that are people, not organisations."""
        if not bad:
            return
        self.forms = [f for f in self.forms if norm(f[0]) not in bad]
        kept = {f[1] for f in self.forms}
        self.by_norm = {k: v for k, v in self.by_norm.items() if k not in bad and v[0] in kept}
        self._occ = None

    def in_span(self, s: int, e: int) -> list[tuple[int, int, str, str]]:
        occ = self.occurrences()
        i = j = bisect_left(self._occ_starts, s)
        while j < len(occ) and occ[j][1] <= e:
            j += 1
        return occ[i:j]

    def lookup(self, surface: str) -> tuple[str, str] | None:
        n = norm(surface)
        if not n:
            return None
        if n in self.by_norm:
            return self.by_norm[n]
        return None

    def last_before(self, pos: int, roles: tuple[str, ...] | None = None,
                    exclude_roles: tuple[str, ...] = ()) -> tuple[str, str] | None:
        occ = self.occurrences()
        # the mentions never overlap, so their ends are in order too: walk back from the
        # last one that ends by pos (the same as a forward scan keeping the last match)
        for k in range(bisect_right(self._occ_ends, pos) - 1, -1, -1):
            _, _, canon, role = occ[k]
            if roles and role not in roles:
                continue
            if role in exclude_roles:
                continue
            return canon, role
        return None

    def victim(self) -> tuple[str, str] | None:
        for _, canon, role in self.forms:
            if role == "victim":
                return canon, role
        return None


def _hint_role(hint: str) -> str:
    hint = (hint or "").lower()
    if hint in {"agency", "authority", "government", "police"}:
        return "authority"
    if hint in {"security_firm", "vendor", "attacker", "victim"}:
        return hint
    return "other"


# --------------------------------------------------------------------------- direct quotes
def is_open_ctx(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([{—–-/:;,>" or i == 0) and not nxt.isspace()


def is_close_ctx(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and (nxt.isspace() or not (nxt.isalnum()) or i + 1 == len(text))


def double_quote_spans(text: str) -> list[tuple[int, int]]:
    """Inner spans of double-quoted passages (straight and curly, mixed allowed)."""
    spans: list[tuple[int, int]] = []
    # curly pairs first: straight marks nested inside “…” belong to the quote
    curly: list[tuple[int, int]] = []
    for m in re.finditer("“", text):
        a = m.start()
        if any(cs <= a < ce for cs, ce in curly):
            continue
        limit = len(text)
        for x in (text.find("“", a + 1), text.find("\n", a + 1)):
            if x >= 0:
                limit = min(limit, x)
        close = text.find("”", a + 1, limit)
        if close >= 0 and '"' in text[a + 1:close]:
            curly.append((a, close + 1))
    spans.extend((a + 1, b - 1) for a, b in curly)
    if "«" in text or "„" in text or "»" in text:
        paired = [(a, b) for a, b in _guillemet_spans(text)
                  if not any(cs <= a < ce for cs, ce in curly)]
        curly.extend(paired)
        spans.extend((a + 1, b - 1) for a, b in paired)
    open_at: int | None = None
    skip_until = -1
    for mark in _DQ_CHAR.finditer(text):   # only the marks: every other character is skipped
        i, ch = mark.start(), mark.group()
        if ch not in DQ or any(cs <= i < ce for cs, ce in curly) or i <= skip_until:
            continue
        opener = is_open_ctx(text, i)
        closer = is_close_ctx(text, i)
        if ch in "“„«" and opener:
            closer = False
        if ch in "”»" and closer:
            opener = False
        if open_at is None:
            if opener:
                open_at = i
            continue
        if "\n" in text[open_at:i] and not text[open_at:i].strip().endswith((".", "?", "!")):
            # a paragraph broke without a closing mark: end the quote at the paragraph end
            nl = text.index("\n", open_at)
            spans.append((open_at + 1, nl))
            open_at = i if opener else None
            continue
        if closer and not opener:
            spans.append((open_at + 1, i))
            open_at = None
        elif opener and not closer:
            inner = text[open_at + 1:i].rstrip()
            nested = _nested_close(text, i)
            if nested is not None and not inner.endswith((".", "?", "!", ".)", "…")):
                skip_until = nested     # a quotation inside the quotation
                continue
            if inner.endswith((".", "?", "!", ".)", "…")):
                # a new paragraph (or sentence) reopens the quotation: two quotes
                spans.append((open_at + 1, open_at + 1 + len(inner)))
            else:
                cut = _sentence_cut(text, open_at + 1, i)
                if cut:
                    spans.append((open_at + 1, cut))
            open_at = i
        else:  # ambiguous (e.g. '"' between two non-spaces): treat as closing
            spans.append((open_at + 1, i))
            open_at = None
    if open_at is not None:
        end = text.find("\n", open_at)
        end = len(text) if end < 0 else end
        cut = _sentence_cut(text, open_at + 1, end) or end
        spans.append((open_at + 1, cut))
    return spans


def _guillemet_spans(text: str) -> list[tuple[int, int]]:
    """Outer spans (marks included) of « … » / «…» (French, Italian, Spanish), » … «
    (German books) and „ … “ / „ … " (German, Dutch) within one paragraph; spaces inside
    the marks are allowed, one level of nesting is skipped."""
    out: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "«" or ch == "„" or (ch == "»" and i + 1 < n and not text[i + 1].isspace()
                                      and "«" in text[i + 1:text.find("\n", i) % (n + 1)]):
            closers = {"«": "»", "»": "«", "„": "“”\""}[ch]
            para_end = text.find("\n", i)
            para_end = n if para_end < 0 else para_end
            depth, j = 0, i + 1
            while j < para_end:
                c = text[j]
                if c == ch and ch != "„":
                    depth += 1
                elif c in closers:
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            if j < para_end:
                out.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return out


def _nested_close(text: str, i: int) -> int | None:
    """Position of the closing mark of a short quotation nested at i, when the outer
    quotation still closes later in the same paragraph."""
    para_end = text.find("\n", i)
    para_end = len(text) if para_end < 0 else para_end
    marks = [k for k in range(i + 1, para_end) if text[k] in DQ]
    if len(marks) < 2:
        return None
    first = marks[0]
    if first - i > 80 or not is_close_ctx(text, first):
        return None
    if not any(is_close_ctx(text, k) for k in marks[1:]):
        return None
    return first


def _sentence_cut(text: str, s: int, e: int) -> int | None:
    """End of an unterminated quote: before a narrative sentence such as 'According to …'."""
    seg = text[s:e]
    m = re.search(r"(?<=[.!?])\s+(?=(According to|Update:|In a statement|The company|It is|"
                  r"However,|Meanwhile,)\b)", seg)
    if m:
        return s + m.start()
    m = None
    for m in re.finditer(r"[.!?](?=\s)", seg):
        pass
    return s + m.end() if m else None


def single_quote_spans(text: str, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """‘…’ / '…' pairs outside double quotes; apostrophes (wasn't, customers’) are skipped."""
    spans = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] not in "‘'":   # go straight to the next possible opening mark
            nxt = _SQ_OPEN.search(text, i)
            if nxt is None:
                break
            i = nxt.start()
        ch = text[i]
        if ch in "‘'" and is_open_ctx(text, i) and i + 1 < n and text[i + 1].isalnum() \
                and not any(s - 1 <= i < e + 1 for s, e in blocked):
            # a leading apostrophe of an elided year/word ('90s, 'em) is not an opening mark
            if re.match(r"'(\d0s|em\b|tis\b|twas\b)", text[i:i + 5]):
                i += 1
                continue
            para_end = text.find("\n", i)
            para_end = n if para_end < 0 else para_end
            limit = min(para_end, i + 1500)
            j = i + 1
            found = None
            while j < limit:
                c = text[j]
                if c not in "’'" and c not in DQ:   # straight to the next mark
                    nxt = _SQ_CLOSE_OR_DQ.search(text, j, limit)
                    if nxt is None:
                        break
                    j = nxt.start()
                    c = text[j]
                if c in "’'" and is_close_ctx(text, j):
                    after = text[j + 1:j + 3]
                    prev = text[j - 1]
                    if prev == "s" and re.match(r" [a-z]", after) and text[j + 2:j + 3].islower():
                        j += 1   # plural possessive (customers’ data)
                        continue
                    found = j
                    break
                if c in DQ:
                    break
                j += 1
            if found is not None:
                spans.append((i + 1, found))
                i = found + 1
                continue
        i += 1
    return spans


def clean_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


# --------------------------------------------------------------------------- tokens
class Tok:
    """A word or punctuation mark of the text: ``text``, ``start``, ``end`` (offsets) and
    ``lower`` (lower case, curly apostrophes straight; computed once)."""

    __slots__ = ("text", "start", "end", "_lower")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end, self._lower = text, start, end, None

    @property
    def lower(self) -> str:
        lw = self._lower
        if lw is None:
            lw = self._lower = self.text.lower().replace("’", "'")
        return lw

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tok(text={self.text!r}, start={self.start!r}, end={self.end!r})"


def _scan(text: str, s: int, e: int) -> list[Tok]:
    return [Tok(m.group(), s + m.start(), s + m.end()) for m in TOKEN_RE.finditer(text[s:e])]


# the tokens of the last text seen: (text, token starts, token ends, the tokens made so far),
# replaced as a whole so that a reader always sees one consistent entry. Callers look at a few
# sentences of a text: a token object is made the first time a range asks for it.
_TEXT_TOKENS: list[tuple] = [(None, [], [], [])]


def tokens(text: str, s: int, e: int) -> list[Tok]:
    """The tokens of ``text[s:e]`` (offsets into ``text``). The whole text is scanned once and
    the tokens inside [s, e) are looked up; a token cut by ``s`` or ``e`` is re-scanned as a
    piece, so the result is the same as scanning the slice itself. The tokens in the list may
    be shared with other calls: callers must not change them."""
    if s < 0 or e < 0:
        return _scan(text, s, e)
    entry = _TEXT_TOKENS[0]
    if entry[0] is not text:
        spans = [m.span() for m in TOKEN_RE.finditer(text)]
        entry = (text, [a for a, _ in spans], [b for _, b in spans], [None] * len(spans))
        _TEXT_TOKENS[0] = entry
    _, starts, ends, made = entry
    i = bisect_left(starts, s)
    if i > 0 and ends[i - 1] > s:
        return _scan(text, s, e)   # s cuts a token
    k = bisect_right(ends, e, lo=i)   # tokens i … k-1 end by e
    for j in range(i, k):
        if made[j] is None:
            made[j] = Tok(text[starts[j]:ends[j]], starts[j], ends[j])
    out = made[i:k]
    if k < len(starts) and starts[k] < e:
        out += _scan(text, starts[k], e)   # the last token runs past e
    return out



CAP_RUN = re.compile(r"(?:[A-Z][\w’'.\-]*)(?:(?:\s|\xa0)+(?:(?:de|van|von|da|bin|al|le|del|der)"
                      r"(?:\s|\xa0)+)?(?:[A-Z][\w’'.\-]*))*")
TAG_VERB = re.compile(r"\b(" + "|".join(sorted(
    SPEECH_VERBS | {"continue", "continues", "continued", "asked", "tweeted", "posted",
                    "concluded", "advised", "confirmed", "announced", "revealed", "replied",
                    "responded", "reported", "issued", "released", "provided", "providing",
                    "published", "saying", "reads", "read", "demanded", "threatened", "stating"},
    key=len, reverse=True)) + r")\b")


# an organisation-type apposition: "FireEye, a cybersecurity consultancy, said"
ORG_APPOSITION = re.compile(
    r"(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?(?:company|firm|consultancy|vendor|maker|developer|"
    r"provider|agency|organi[sz]ation|group|outfit|startup|giant|manufacturer|retailer|bank|"
    r"insurer|lender|operator|publisher|specialist|business|charity|non-?profit)\b")
# a security firm as the text describes it: before its name ("the security firm X",
# "researchers at X") or in an apposition after it ("X, a threat intelligence provider")
_SECURITY_KIND = (r"(?:(?:cyber|computer|network|internet|it|information|data|web|mobile|cloud|"
                  r"endpoint|email|application)[ \-]?)?secur\w*|cyber[ \-]?secur\w*|infosec|"
                  r"threat[ \-](?:intelligence|intel|research|hunting)|anti-?virus|anti-?malware|"
                  r"incident[ \-]response|(?:digital\s+)?forensics?|penetration[ \-]testing|"
                  r"vulnerability[ \-]research")
_SECURITY_NOUN = (r"(?:firm|company|companies|vendor|provider|specialist|consultancy|outfit|"
                  r"start-?up|group|giant|maker|researchers?|experts?|team|lab|labs|business|"
                  r"house|shop|contractor|consultants?)")
SECURITY_BEFORE = re.compile(r"(?i:\b(?:" + _SECURITY_KIND + r")\s+(?:[\w\-]+\s+)?" +
                             _SECURITY_NOUN + r"|\bresearchers?\s+(?:at|from|with)|"
                             r"\bexperts?\s+(?:at|from))\s+(?:the\s+)?$")
SECURITY_AFTER = re.compile(r"['’]?s?\s*,?\s+(?:(?:is\s+|was\s+)?(?:a|an|the)\s+)(?:[\w\-]+\s+){0,3}?"
                            r"(?i:" + _SECURITY_KIND + r")\s+(?:[\w\-]+\s+)?" + _SECURITY_NOUN +
                            r"\b")

STAFF_WORDS = {"chief", "executive", "ceo", "cto", "cio", "ciso", "coo", "cfo", "president",
                "director", "superintendent", "principal", "manager", "officer", "chairman",
                "chairwoman", "spokesperson", "spokesman", "spokeswoman", "mayor", "founder",
                "owner", "administrator", "head", "headteacher", "headmaster", "headmistress"}
ORG_TO_TYPE = {"victim": "victim_representative", "security_firm": "expert",
             "authority": "authority", "attacker": "attacker", "vendor": "other",
             "other": "other"}
