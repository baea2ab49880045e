"""Names of organisations for ``incident_orgs``: normalisation, aliases and the role gazetteer.

``org_key(name)`` is the stable key of an organisation name, the same across articles
(casefolded, "&" -> "and", no legal suffixes, possessives or punctuation; ``group`` uses it to
join articles); ``clean_surface`` turns a mention into a display name. Aliases: acronyms by
initials (``_acronym_of``: "NCSC" ~ "National Cyber Security Centre"), an acronym in
parentheses after a name (``PARENS_AFTER``: "Marks & Spencer (M&S)") and "known as" names
(``_KNOWN_AS``, ``KNOWN_AS_ALIAS``). ``RoleGazetteer`` loads ``data/gazetteers/org_roles.json``
(well-known organisations, their usual role and aliases) and finds its names in a text.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.nlp.org_lexicon import FUNCTION_WORDS, UNIT_TAILS
from pipeline.regex_prefix import fast


# ----------------------------------------------------------------------------- normalisation
LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "plc", "llc", "llp", "lp", "corp", "corporation",
    "co", "company", "gmbh", "ag", "sa", "nv", "bv", "pty", "pte", "srl", "spa", "ab", "oy", "kk",
})
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_APOSTROPHE_S = re.compile(r"['\u2019]s\b")
_NON_WORD = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=1 << 16)
def org_key(name: str) -> str:
    """Stable key of an organisation name, the same across articles.

    Casefold, ``&`` -> ``and``, drop possessives, punctuation, a leading "the" and trailing legal
    suffixes: ``"The Marks & Spencer plc's"`` -> ``"marks and spencer"``.
    """
    s = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    s = _APOSTROPHE_S.sub("", s)
    s = _NON_WORD.sub(" ", s).replace("_", " ")
    toks = s.split()
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    while len(toks) > 1 and toks[-1] in LEGAL_SUFFIXES:
        toks = toks[:-1]
    return " ".join(toks)


@functools.lru_cache(maxsize=1 << 16)
def clean_surface(text: str) -> str:
    """A mention as a display name: no possessive, no leading "the", no trailing punctuation."""
    s = " ".join(text.replace("\u00a0", " ").split())
    s = _POSSESSIVE.sub("", s) if re.search(r"\w['\u2019]s?$", s) else s
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    return s.strip(" ,;:-\u2013\u2014")


# ----------------------------------------------------------------------------- gazetteer
@dataclass(frozen=True)
class RoleGazetteer:
    """Well-known organisations and their usual role, keyed by ``org_key``.

    ``groups`` maps a key to the index of its alias group (aliases of one organisation);
    ``forms`` are the surface forms; ``pattern`` finds the forms that are organisations (not
    products) in a text, case-sensitively, longest first.
    """

    roles: dict[str, str]
    groups: dict[str, int]
    forms: tuple[str, ...]
    pattern: re.Pattern | None = None
    product_pattern: re.Pattern | None = None
    scanner: "FormScanner | None" = None          # ``pattern``'s matches, found faster
    product_scanner: "FormScanner | None" = None  # ``product_pattern``'s matches

    @functools.cached_property
    def product_keys(self) -> frozenset[str]:
        return frozenset(k for k, r in self.roles.items() if r == "product")

    @functools.cached_property
    def non_attacker_keys(self) -> frozenset[str]:
        return frozenset(k for k, r in self.roles.items() if r not in {"attacker"})

    def find_orgs(self, text: str) -> list[re.Match]:
        """The matches of ``pattern`` in ``text`` (organisation forms, longest first)."""
        if self.scanner is not None:
            return self.scanner.matches(text)
        return list(self.pattern.finditer(text)) if self.pattern is not None else []

    def find_products(self, text: str) -> list[re.Match]:
        """The matches of ``product_pattern`` in ``text``."""
        if self.product_scanner is not None:
            return self.product_scanner.matches(text)
        return list(self.product_pattern.finditer(text)) if self.product_pattern is not None \
            else []

    @classmethod
    def from_dict(cls, data: dict) -> "RoleGazetteer":
        roles: dict[str, str] = {}
        groups: dict[str, int] = {}
        forms: list[str] = []
        gid = 0
        for role, entries in data.items():
            if role.startswith("_"):
                continue
            for entry in entries:
                names = [entry] if isinstance(entry, str) else list(entry)
                for n in names:
                    k = org_key(n)
                    roles.setdefault(k, role)
                    groups.setdefault(k, gid)
                    forms.append(n)
                gid += 1
        forms = list(dict.fromkeys(forms))

        def alternation(names: list[str]) -> re.Pattern | None:
            names = sorted(names, key=len, reverse=True)
            return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) +
                              r")(?![\w-])") if names else None

        orgs = [f for f in forms if roles.get(org_key(f)) != "product"]
        products = [f for f in forms if roles.get(org_key(f)) == "product"]
        return cls(roles, groups, tuple(forms), alternation(orgs), alternation(products),
                   FormScanner(orgs) if orgs else None,
                   FormScanner(products) if products else None)

    @classmethod
    def from_path(cls, path: str | Path) -> "RoleGazetteer":
        with open(path, encoding="utf-8") as fh:
            return cls.from_dict(json.load(fh))

    def role(self, key: str) -> str | None:
        role = self.roles.get(key)
        return role if role is not None else self._variant_role(key)

    def _variant_role(self, key: str) -> str | None:
        """The role of a gazetteer name written without spaces ("TheDarkOverlord") or in the
        plural ("Fancy Bears")."""
        if " " not in key:
            return self.roles.get(self.compact_keys.get(key, "")) if len(key) >= 8 else None
        if key.endswith("s") and not key.endswith("ss"):
            return self.roles.get(key[:-1])
        return None

    def group(self, key: str) -> int | None:
        """The alias group of ``key`` (also of its spaceless form: "TheDarkOverlord")."""
        g = self.groups.get(key)
        if g is None and " " not in key and len(key) >= 8 and key in self.compact_keys:
            g = self.groups.get(self.compact_keys[key])
        return g

    @functools.cached_property
    def compact_keys(self) -> dict[str, str]:
        """Multi-word keys written without spaces (with and without a leading "the") ->
        the key."""
        out: dict[str, str] = {}
        for k in self.roles:
            if " " in k:
                c = k.replace(" ", "")
                out.setdefault(c, k)
                out.setdefault("the" + c, k)
        return out


class FormScanner:
    """The matches of ``(?<![\\w-])(?:form1|form2|...)(?![\\w-])`` (forms longest first), the
    same matches in the same order as ``finditer`` of that one big alternation, found faster:
    only at word starts whose first character begins some form, and there only the forms
    beginning with that character are tried, in the alternation's order."""

    def __init__(self, names: list[str]) -> None:
        names = sorted(names, key=len, reverse=True)
        by_first: dict[str, list[str]] = {}
        for n in names:
            by_first.setdefault(n[0], []).append(n)
        self.by_first = {c: re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ns)) +
                                       r")(?![\w-])") for c, ns in by_first.items()}
        # a first character not preceded by a word character or a hyphen (the lookbehind
        # comes after the character class so that the search skips ahead by character set)
        self.starts = re.compile(r"(?s)[" + "".join(re.escape(c) for c in by_first) +
                                 r"](?<![\w-].)")

    def matches(self, text: str) -> list[re.Match]:
        out = []
        end = 0
        by_first = self.by_first
        for s in self.starts.finditer(text):
            p = s.start()
            if p < end:
                continue
            m = by_first[text[p]].match(text, p)
            if m is not None:
                out.append(m)
                end = m.end()
        return out


def word_spans(text: str, word: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Where ``word`` occurs in ``text`` as a whole word (not inside a longer word or a
    hyphenated compound): plain string search, no per-name regex (those would churn the
    ``re`` module's cache on every Doc)."""
    if not word:
        return []
    if ignore_case:
        hay, needle = text.lower(), word.lower()
        if len(hay) != len(text) or len(needle) != len(word):  # rare case-mapping changes
            return [m.span() for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])",
                                                  text, re.I)]
    else:
        hay, needle = text, word
    out = []
    n = len(needle)
    i = hay.find(needle)
    while i >= 0:
        j = i + n
        if (i == 0 or not (hay[i - 1].isalnum() or hay[i - 1] in "_-")) and (
                j >= len(hay) or not (hay[j].isalnum() or hay[j] in "_-")):
            out.append((i, j))
        i = hay.find(needle, i + 1)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (1 < len(letters) <= 8 and " " not in text.strip()
            and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1))


# ----------------------------------------------------------------------------- name forms
def _initials(tokens: list[str], skip_function: bool) -> str:
    return "".join(t[0] for t in tokens
                   if t and not (skip_function and t.lower() in FUNCTION_WORDS)).upper()


_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_SPACES_DASHES = re.compile(r"[\s-]+")


@functools.lru_cache(maxsize=1 << 16)
def _acronym_of(acr: str, name: str) -> bool:
    """"NCSC" ~ "National Cyber Security Centre", "CDOT" ~ "Colorado Department of
    Transportation", "DOJ" ~ "US Department of Justice" (a leading word may be left out)."""
    acr = _NOT_ALNUM.sub("", acr).upper()
    words = [w for w in _SPACES_DASHES.split(name.replace("&", " and ")) if w and w[0].isalnum()]
    if len(acr) < 2 or len(words) < 2:
        return False
    for drop in range(0, min(2, len(words) - 1) + 1):
        ws = words[drop:]
        if acr in {_initials(ws, True), _initials(ws, False)}:
            return True
    return len(acr) >= 4 and _prefix_acronym(acr, [w.upper() for w in words])


def _acronym_head(acr: str) -> str:
    """The first letter of an acronym as ``_acronym_of`` reads it ("" when none)."""
    return _NOT_ALNUM.sub("", acr).upper()[:1]


def _word_initials(name: str) -> set[str]:
    """The first letters (upper case) of the words of ``name`` as ``_acronym_of`` splits it:
    an acronym whose ``_acronym_head`` is not among them is never ``_acronym_of`` the name
    (every way it matches starts the acronym at the start of one of these words)."""
    words = [w for w in _SPACES_DASHES.split(name.replace("&", " and ")) if w and w[0].isalnum()]
    return {w[0].upper()[:1] for w in words}


def _prefix_acronym(acr: str, words: list[str]) -> bool:
    """"ONWASA" ~ "Onslow Water and Sewer Authority": every content word gives a prefix of
    itself (function words may give nothing), in order, covering the acronym exactly."""
    if not words:
        return not acr
    w, rest = words[0], words[1:]
    if w.lower() in FUNCTION_WORDS and _prefix_acronym(acr, rest):
        return True
    for n in range(min(len(w), len(acr), 3), 0, -1):
        if acr[:n] == w[:n] and _prefix_acronym(acr[n:], rest):
            return True
    return False


def _is_unit_tail(extra: list[str]) -> bool:
    return any(tuple(extra[-len(t):]) == t for t in UNIT_TAILS)
_QUOTED_NAME = r"[\"\u201c\u2018']([A-Z][^\"\u201d\u2019'\n]{1,40}?)[\"\u201d\u2019']"
_KNOWN_AS = re.compile(
    r"\b(?:party|campaign|movement|company|firm|organi[sz]ation|charity|group|association|"
    r"union|foundation|coalition|platform|start-?up|brand|agency|network),?\s+(?:(?:which|that)\s+"
    r"is\s+)?(?:also\s+)?(?:known\s+as|called|named|dubbed)\s+" + _QUOTED_NAME +
    r"(?:\s*,?\s+or\s+" + _QUOTED_NAME + r")?")
KNOWN_AS_ALIAS = re.compile(r"^[\"\u201d\u2019']?\s*,?\s+or\s+" + _QUOTED_NAME)
PARENS_AFTER = re.compile(r"\s*\(\s*([^()]{1,12}?)\s*\)")  # "Marks & Spencer (M&S)"


# ----------------------------------------------------------------------------- national words
_NATIONAL = frozenset("""national federal state royal australian american british canadian
european french german irish scottish welsh indian japanese dutch israeli us u.s. uk u.k.
new zealand""".split())


# the alias pattern begins with literal words: it runs only where they occur
_KNOWN_AS = fast(_KNOWN_AS)


__all__ = ["FormScanner", "KNOWN_AS_ALIAS", "LEGAL_SUFFIXES", "PARENS_AFTER", "RoleGazetteer",
           "clean_surface", "org_key", "word_spans"]
