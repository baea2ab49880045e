"""What a regular expression's matches start with, read from the parsed pattern, to run the
pattern only where a match can start (the same matches, found faster).

Python's ``re`` tries a pattern at every position of the text. This module reads the parsed
pattern (``re._parser``; ``sre_parse`` on Python 3.10) once and gives two exact shortcuts:

- :func:`literal_anchors`: literal strings one of which every match starts with
  (``\\b(?:hackers?|(?:cyber)?criminals?)\\s+`` -> "criminal", "cyber", "hacker").
  :class:`Anchored` finds them with ``str.find`` and tries the pattern only there.
- :func:`first_chars`: a character class of every character a match can start with.
  :func:`fast_pattern` puts it in front of the pattern as a lookahead.

:func:`fast` picks the first that applies: an :class:`Anchored` pattern when the pattern
has literal anchors, else the lookahead pattern when its first characters are known, else the
pattern itself. All three give ``finditer`` / ``search`` / ``match`` results identical to the
plain pattern's.
"""
from __future__ import annotations

import re

try:
    import re._constants as sre_c
    import re._parser as sre_p
except ImportError:  # Python 3.10: the same modules under their old names
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse as sre_p  # type: ignore[no-redef]

_REPEATS = tuple(r for r in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT,
                             getattr(sre_c, "POSSESSIVE_REPEAT", None)) if r is not None)
_ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)


def parse(pattern: str, flags: int = 0):
    """The parsed pattern (``re._parser.parse``)."""
    return sre_p.parse(pattern, flags)


# ----------------------------------------------------------------------------- literal anchors
class _Unanchored(Exception):
    pass


def literal_anchors(pattern: re.Pattern, max_len: int = 12,
                    max_count: int = 80) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``pattern`` starts with (read from the
    parsed pattern: zero-width assertions are skipped, groups, alternatives and optional
    parts are followed), lower-cased for a case-insensitive pattern; None when a match may
    start otherwise (a character class, a repeat of one) or there would be too many."""
    flags = pattern.flags
    out: set[str] = set()

    def walk(items: list, acc: str) -> None:
        i = 0
        while i < len(items):
            if len(acc) >= max_len:
                break
            op, av = items[i]
            if op in _ZERO_WIDTH:
                i += 1
                continue
            if op is sre_c.LITERAL:
                acc += chr(av)
                i += 1
                continue
            if op is sre_c.SUBPATTERN and not av[1] and not av[2]:
                walk(list(av[3]) + items[i + 1:], acc)
                return
            if op is sre_c.BRANCH:
                for alt in av[1]:
                    walk(list(alt) + items[i + 1:], acc)
                return
            if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
                low, _high, body = av
                if low == 0:
                    walk(items[i + 1:], acc)  # the repeated part left out
                walk(list(body), acc)  # or present: the match starts with it
                return
            break
        if not acc:
            raise _Unanchored
        out.add(acc)
        if len(out) > max_count:
            raise _Unanchored

    try:
        walk(list(parse(pattern.pattern, flags)), "")
    except (_Unanchored, RecursionError):
        return None
    if flags & re.IGNORECASE:
        out = {a.lower() for a in out}
    # an anchor that begins with another one adds no start positions
    kept = sorted(out, key=len)
    kept = [a for i, a in enumerate(kept) if not any(a.startswith(b) for b in kept[:i])]
    return tuple(sorted(kept))


class Anchored:
    """``pattern`` run only where one of its :func:`literal_anchors` occurs (found with
    ``str.find``): ``finditer`` and ``search`` give what the pattern's own give, without
    trying the pattern at every character. Case-insensitive patterns look for the anchors in
    the lower-cased text; texts where lower-casing changes the length or with characters that
    match ASCII letters case-insensitively but do not lower-case to them (dotless i, long s)
    use the plain pattern."""

    __slots__ = ("pattern", "anchors", "ignore_case")

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.anchors = literal_anchors(pattern)
        self.ignore_case = bool(pattern.flags & re.IGNORECASE)

    def starts(self, text: str) -> list[int] | None:
        """Sorted positions where a match may start; None: try everywhere."""
        if self.anchors is None:
            return None
        hay = text
        if self.ignore_case:
            hay = text.lower()
            if len(hay) != len(text) or "\u0131" in text or "\u017f" in text:
                return None
        found: set[int] = set()
        for a in self.anchors:
            i = hay.find(a)
            while i >= 0:
                found.add(i)
                i = hay.find(a, i + 1)
        return sorted(found)

    def finditer(self, text: str) -> list[re.Match]:
        starts = self.starts(text)
        if starts is None:
            return list(self.pattern.finditer(text))
        out, end, match = [], 0, self.pattern.match
        for p in starts:
            if p < end:
                continue
            m = match(text, p)
            if m is not None:
                out.append(m)
                end = m.end() if m.end() > p else p + 1
        return out

    def match(self, text: str, *args) -> re.Match | None:
        return self.pattern.match(text, *args)

    def search(self, text: str) -> re.Match | None:
        starts = self.starts(text)
        if starts is None:
            return self.pattern.search(text)
        match = self.pattern.match
        for p in starts:
            m = match(text, p)
            if m is not None:
                return m
        return None


# ----------------------------------------------------------------------------- first characters
_FC_CAT = {sre_c.CATEGORY_WORD: r"\w", sre_c.CATEGORY_DIGIT: r"\d",
           sre_c.CATEGORY_SPACE: r"\s", sre_c.CATEGORY_NOT_WORD: r"\W",
           sre_c.CATEGORY_NOT_DIGIT: r"\D", sre_c.CATEGORY_NOT_SPACE: r"\S"}


def _fc_esc(cp: int) -> str:
    return f"\\U{cp:08x}"


def _fc_seq(items) -> tuple[list[str] | None, bool]:
    """Class items for the first character of a sequence, and whether it may be empty."""
    out = []
    for op, av in items:
        f, nullable = _fc_op(op, av)
        if f is None:
            return None, False
        out += f
        if not nullable:
            return out, False
    return out, True


def _fc_op(op, av) -> tuple[list[str] | None, bool]:
    if op is sre_c.LITERAL:
        return [_fc_esc(av)], False
    if op is sre_c.IN:
        out = []
        for o, a in av:
            if o is sre_c.LITERAL:
                out.append(_fc_esc(a))
            elif o is sre_c.RANGE:
                out.append(_fc_esc(a[0]) + "-" + _fc_esc(a[1]))
            elif o is sre_c.CATEGORY and a in _FC_CAT:
                out.append(_FC_CAT[a])
            else:
                return None, False
        return out, False
    if op is sre_c.SUBPATTERN:
        _group, add, rm, p = av
        if add or rm:
            return None, False
        return _fc_seq(p.data)
    if op is sre_c.BRANCH:
        out, nullable = [], False
        for p in av[1]:
            f, n = _fc_seq(p.data)
            if f is None:
                return None, False
            out += f
            nullable |= n
        return out, nullable
    if op in _REPEATS:
        lo, _hi, p = av
        f, n = _fc_seq(p.data)
        if f is None:
            return None, False
        return f, n or lo == 0
    if op in _ZERO_WIDTH:
        return [], True  # zero-width: only narrows where a match can start
    return None, False


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class matching every character a match of ``pattern`` can start with,
    or None when unknown (flags, or the pattern can match the empty string)."""
    if flags:
        return None
    try:
        parsed = parse(pattern, flags)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):  # inline (?i): literals vary
            return None
        f, nullable = _fc_seq(parsed.data)
    except Exception:  # noqa: BLE001 - an unparsable or unknown construct: no lookahead
        return None
    if f is None or nullable or not f:
        return None
    return "[" + "".join(dict.fromkeys(f)) + "]"


_FAST_PATTERNS: dict[tuple[str, int], re.Pattern] = {}


def fast_pattern(pat: re.Pattern) -> re.Pattern:
    """``pat`` with a first-character lookahead in front (same matches), or ``pat`` itself
    (memoised per pattern and flags)."""
    key = (pat.pattern, pat.flags)
    found = _FAST_PATTERNS.get(key)
    if found is None:
        fc = first_chars(pat.pattern, pat.flags & ~re.UNICODE)
        found = re.compile(f"(?={fc})(?:{pat.pattern})", pat.flags) if fc else pat
        _FAST_PATTERNS[key] = found
    return found


_FAST: dict[tuple[str, int], "Anchored | re.Pattern"] = {}


def fast(pattern: re.Pattern) -> "Anchored | re.Pattern":
    """An :class:`Anchored` pattern when ``pattern`` has literal anchors, else
    :func:`fast_pattern` (a first-character lookahead, or the pattern itself); memoised per
    pattern and flags."""
    key = (pattern.pattern, pattern.flags)
    found = _FAST.get(key)
    if found is None:
        anchored = Anchored(pattern)
        found = _FAST[key] = anchored if anchored.anchors is not None else fast_pattern(pattern)
    return found


__all__ = ["Anchored", "fast", "fast_pattern", "first_chars", "literal_anchors", "parse"]
