import re

import pytest

from pipeline.regex_prefix import Anchored, fast, fast_pattern, first_chars, literal_anchors

_TEXTS = [
    "Hackers hit Acme Corp; cyber-criminals and a CYBERCRIMINAL said so. hackers\nsaid",
    "ransomware encrypted files on 3 servers; a data breach exposed customers' data.",
    "The long s \u017fpoof and the dotless \u0131 stay handled; \u0130stanbul bank hit.",
    "", "x", "aaa abcabc xyz 12-34 _b",
]


def _spans(it):
    return [m.span() for m in it]


def test_literal_anchors_are_read_from_the_pattern():
    assert literal_anchors(re.compile(r"\b(?:hackers?|(?:cyber)?criminals?)\s+", re.I)) == (
        "criminal", "cyber", "hacker")
    assert literal_anchors(re.compile(r"(?<![\w-])[A-Z]\w+ said")) is None  # a class first
    # an optional part: with it (its own text) or without it (what follows)
    assert literal_anchors(re.compile(r"(?:ab)?c")) == ("ab", "c")
    assert literal_anchors(re.compile(r"x*y")) == ("x", "y")
    assert literal_anchors(re.compile(r"a?")) is None  # may match the empty string anywhere


def test_first_chars_is_a_class_of_every_possible_first_character():
    fc = first_chars(r"\b(?:foo|[0-9]bar|\sbaz)")
    assert fc is not None and all(re.match(fc, c) for c in "f5 ") and not re.match(fc, "b")
    for pat in (r"(?i)abc", r"a?", r".x", r"[^a]b", r"(?i:ab)c", r"(?:x|y?)"):
        assert first_chars(pat) is None, pat
    assert first_chars("abc", re.I) is None


@pytest.mark.parametrize("pat, flags", [
    (r"\b(?:hackers?|(?:cyber)?criminals?)\b", re.I), (r"\b(?:ransomware|breach\w*)\b", 0),
    (r"[0-9]+-[0-9]+", 0), (r"(?<![\w-])[A-Z]\w+ said", 0), (r"a*", 0), (r"b?", 0),
    (r"(?:ab)?c", 0), (r"\bx", 0), (r"[a-c]{2}", re.I),
])
def test_fast_forms_find_what_the_plain_pattern_finds(pat, flags):
    plain = re.compile(pat, flags)
    for variant in (fast(plain), fast_pattern(plain), Anchored(plain)):
        for text in _TEXTS:
            for sub in (text, text[7:], text[:-5]):
                assert _spans(variant.finditer(sub)) == _spans(plain.finditer(sub)), (pat, sub)
                found, expected = variant.search(sub), plain.search(sub)
                assert (found and found.span()) == (expected and expected.span())


def test_fast_prefers_anchors_then_a_lookahead_then_the_pattern_itself():
    assert isinstance(fast(re.compile(r"\bhackers?\b", re.I)), Anchored)
    looked = fast(re.compile(r"[0-9]+-[0-9]+"))
    assert isinstance(looked, re.Pattern) and looked.pattern.startswith("(?=")
    odd = re.compile(r".x")   # (memoised: an equal pattern compiled elsewhere may come back)
    assert isinstance(fast(odd), re.Pattern) and fast(odd).pattern == odd.pattern
    # memoised per pattern and flags: the same text with other flags is another pattern
    assert fast_pattern(re.compile("ab")) is fast_pattern(re.compile("ab"))
    assert fast(re.compile("ab")) is fast(re.compile("ab"))
    assert fast_pattern(re.compile("ab", re.I)).flags & re.I
