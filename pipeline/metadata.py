"""Metadata of a parsed page: head tags, JSON-LD, dates, authors, canonical URL, language.

``_metadata(tree, url)`` reads the page head (JSON-LD, OpenGraph, meta tags,
``<link rel=canonical>``); ``_fallback_metadata`` fills a missing date (htmldate, quick mode),
missing authors (``itemprop=author`` markup, the visible byline) and a missing site name
(the host name). ``parse_date`` reads the common date notations; ``detect_language`` is a
light offline detector (script + function words). Used by :mod:`pipeline.extract`, which
re-exports the public names.
"""
from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any, Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from lxml import etree

__all__ = ["detect_language", "parse_date"]

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w+")


_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report",
                  "techarticle", "scholarlyarticle", "liveblogposting", "posting",
                  "socialmediaposting", "webpage", "creativework"}
_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title"),
    "site": ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site"),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "published": ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued",
                  "dcterms.created", "sailthru.date", "parsely-pub-date", "date", "article.published",
                  "citation_publication_date", "og:published_time", "published_time"),
    "modified": ("article:modified_time", "og:updated_time", "datemodified", "last-modified",
                 "dcterms.modified", "article.updated", "og:modified_time", "modified_time"),
    "author": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
               "byl", "citation_author", "twitter:creator"),
    "language": ("og:locale", "content-language", "dc.language", "language", "inlanguage"),
}
_KEY_OF = {k: field for field, keys in _META_KEYS.items() for k in keys}
_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january", "enero", "januar", "janvier", "gennaio", "janeiro", "января", "январь"),
    ("feb", "february", "febrero", "februar", "février", "febbraio", "fevereiro", "февраля"),
    ("mar", "march", "marzo", "märz", "mars", "março", "марта"),
    ("apr", "april", "abril", "avril", "aprile", "апреля"),
    ("may", "mayo", "mai", "maggio", "maio", "мая"),
    ("jun", "june", "junio", "juni", "juin", "giugno", "junho", "июня"),
    ("jul", "july", "julio", "juli", "juillet", "luglio", "julho", "июля"),
    ("aug", "august", "agosto", "août", "августа"),
    ("sep", "sept", "september", "septiembre", "septembre", "settembre", "setembro", "сентября"),
    ("oct", "october", "octubre", "oktober", "octobre", "ottobre", "outubro", "октября"),
    ("nov", "november", "noviembre", "novembre", "novembro", "ноября"),
    ("dec", "december", "diciembre", "dezember", "décembre", "dicembre", "dezembro", "декабря"),
), 1) for m in names}
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})\b")
_CJK_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MDY_WORDS = re.compile(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")
_DMY_WORDS = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,10})\.?,?\s+(?:de\s+)?((?:19|20)\d{2})\b")
_COMPACT_DATE = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:T|\b)")


def parse_date(value: Any) -> date | None:
    """A ``date`` from the common date notations of meta tags and JSON-LD, else ``None``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    candidates: list[tuple[int, int, int]] = []
    m = _ISO_DATE.search(s) or _COMPACT_DATE.match(s)
    if m:
        candidates.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    m = _CJK_DATE.search(s)
    if m:
        candidates.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    m = _MDY_WORDS.search(s)
    if m and m.group(1).lower() in _MONTHS:
        candidates.append((int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))))
    m = _DMY_WORDS.search(s)
    if m and m.group(2).lower() in _MONTHS:
        candidates.append((int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))))
    m = _DMY_DATE.search(s)
    if m:
        candidates.append((int(m.group(3)), int(m.group(2)), int(m.group(1))))
        candidates.append((int(m.group(3)), int(m.group(1)), int(m.group(2))))   # US order
    for y, mo, d in candidates:
        try:
            out = date(y, mo, d)
        except ValueError:
            continue
        if date(1995, 1, 1) <= out <= date.today().replace(year=date.today().year + 1):
            return out
    return None


def _iter_jsonld(root: etree._Element) -> Iterable[dict]:
    for s in root.iter("script"):
        if (s.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (s.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        stack = [data]
        while stack:
            d = stack.pop()
            if isinstance(d, list):
                stack.extend(d)
            elif isinstance(d, dict):
                if "@graph" in d:
                    stack.append(d["@graph"])
                yield d


def _ld_types(d: dict) -> set[str]:
    t = d.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in items if x}


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (str, dict, list)."""
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for it in items:
        if isinstance(it, dict):
            it = it.get("name")
        if isinstance(it, list):
            out.extend(_names(it))
        elif isinstance(it, str):
            out.append(it)
    return out


_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|&|\|)\s*", re.I)
_AUTHOR_PREFIX = re.compile(r"^(by|von|par|por|di|door|от|автор:?)\s+", re.I)


_ROLE_WORDS = re.compile(
    r"\b(writer|correspondent|reporter|editor|editors|staff|contributor|columnist|news desk|"
    r"newsroom|redacción|redaktion|rédaction|redazione|redação|associated press|reuters|afp|"
    r"dpa|efe|ansa)\b", re.I)


def _clean_authors(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        v = _SPACES.sub(" ", html_lib.unescape(v or "")).strip()
        if not v or v.startswith(("http://", "https://", "@", "/")):
            continue
        v = _AUTHOR_PREFIX.sub("", v)
        for part in _AUTHOR_SPLIT.split(v):
            part = part.strip(" .,-–—")
            if 2 <= len(part) <= 60 and _WORD.search(part) and part not in out \
                    and not re.search(r"\d{3,}|@|www\.", part) \
                    and not (out and _ROLE_WORDS.search(part)):
                out.append(part)
    return tuple(out[:10])


_LANG_CODE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    m = _LANG_CODE.match(value.split(",")[0])
    if not m:
        return None
    code = m.group(1).lower()
    return code if len(code) == 2 else None


@dataclass
class _Meta:
    title: str | None = None
    site: str | None = None
    description: str | None = None
    published: date | None = None
    modified: date | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    canonical: str | None = None


def _metadata(root: etree._Element, url: str | None) -> _Meta:
    meta = _Meta()
    found: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv")
               or "").strip().lower()
        content = m.get("content")
        if not key or not content or not content.strip():
            continue
        field = _KEY_OF.get(key)
        if field is None:
            continue
        if field == "author" and field in found:
            found[field] += "; " + content.strip()
        elif field not in found or (_META_KEYS[field].index(key) <
                                    _META_KEYS[field].index(found[field + "#key"])):
            found[field] = content.strip()
            found[field + "#key"] = key

    ld_authors: list[str] = []
    for d in _iter_jsonld(root):
        types = _ld_types(d)
        if not types & _ARTICLE_TYPES:
            continue
        main = bool(types - {"webpage", "creativework"})
        def take(field: str, value: Any) -> None:
            if isinstance(value, str) and value.strip() and (main or field not in found):
                found.setdefault("ld_" + field, value.strip())
        take("title", d.get("headline") or d.get("name"))
        take("published", d.get("datePublished") or d.get("dateCreated"))
        take("modified", d.get("dateModified"))
        take("description", d.get("description"))
        lang = d.get("inLanguage")
        take("language", lang if isinstance(lang, str) else None)
        pub = d.get("publisher")
        if isinstance(pub, dict):
            take("site", pub.get("name"))
        if main and d.get("author") and not ld_authors:
            ld_authors = _names(d.get("author"))

    title_el = root.find(".//title")
    html_title = _SPACES.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    h1 = root.find(".//h1")
    h1_text = _SPACES.sub(" ", h1.text_content()).strip() if h1 is not None else ""

    meta.site = found.get("site") or found.get("ld_site")
    if meta.site and meta.site.startswith("@"):
        meta.site = meta.site[1:]
    title = found.get("ld_title") or found.get("title") or h1_text or html_title or None
    if title and meta.site:
        # "Headline | Site" / "Headline - Site"
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
            if title.endswith(sep + meta.site):
                title = title[: -len(sep + meta.site)]
    meta.title = _SPACES.sub(" ", html_lib.unescape(title)).strip() if title else None
    meta.description = found.get("description") or found.get("ld_description")
    if meta.description:
        meta.description = _SPACES.sub(" ", html_lib.unescape(meta.description)).strip()
    if meta.site:
        meta.site = _SPACES.sub(" ", html_lib.unescape(meta.site)).strip()
    meta.published = parse_date(found.get("ld_published")) or parse_date(found.get("published"))
    meta.modified = parse_date(found.get("ld_modified")) or parse_date(found.get("modified"))
    if meta.modified and meta.published and meta.modified < meta.published:
        meta.modified = None
    if meta.published is None:
        for t in root.iter("time"):
            meta.published = parse_date(t.get("datetime") or t.text_content())
            if meta.published:
                break
    meta.authors = _clean_authors(ld_authors or ([found["author"]] if "author" in found else []))
    meta.language = (_lang_code(root.get("lang") or root.get("xml:lang"))
                     or _lang_code(found.get("ld_language")) or _lang_code(found.get("language")))
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            meta.canonical = _good_canonical(link.get("href"), url)
            break
    if meta.canonical is None and found.get("og:url#key") is None:
        for m in root.iter("meta"):
            if (m.get("property") or "").lower() == "og:url" and m.get("content"):
                meta.canonical = _good_canonical(m.get("content"), url)
                break
    return meta


def _good_canonical(href: str, url: str | None) -> str | None:
    """An absolute http(s) canonical URL, or ``None`` when it is unusable (a site's home page
    given as the canonical of an article, a relative link without a base URL, junk)."""
    href = href.strip()
    if url and url.startswith(("http://", "https://")):
        href = urljoin(url, href)
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if url:
        up = urlsplit(url)
        if up.scheme in ("http", "https") and parts.path in ("", "/") and up.path not in ("", "/"):
            return None
    return href


# one walk (the union of three paths walked the tree three times; same nodes, document order)
_AUTHOR_XPATH = etree.XPath("//*[@itemprop='author' or @rel='author']")
_BYLINE_CLASSES = ("byline", "author", "autor", "auteur", "meta", "posted")


def _byline_elements(tree: etree._Element) -> Iterator[etree._Element]:
    """The elements of ``//body//*[contains(@class, 'byline') or ... 'posted')]`` (class
    substrings of _BYLINE_CLASSES) in document order, generated: the caller stops at the first
    byline, where the XPath tested every element of the page (a few ms on a large page)."""
    # libxml2 never opens a body inside an open one (a nested <body> tag is merged into it), so
    # no body holds another; but a page may have several (a <body> after </body>, or one in a
    # <noscript>/<svg>/<object> of the head, which then may hold the whole page): walk each
    for body in tree.getroottree().getroot().iter("body"):
        for el in body.iterdescendants(etree.Element):
            cls = el.get("class")
            if cls and any(word in cls for word in _BYLINE_CLASSES):
                yield el


_BYLINE_NAME = re.compile(
    r"(?:^|[\s|·•,])(?i:by|von|par|por|di|door|от|автор:?)\s+"
    r"([A-ZÀ-ÝА-Я][\w'’.-]+(?:\s+(?:van|von|de|der|den|da|di|del|la|le)?\s*[A-ZÀ-ÝА-Я][\w'’.-]+){0,3})")


def _byline_authors(tree: etree._Element) -> tuple[str, ...]:
    """Author names from a visible byline ("By Jane Doe", "Von Miriam Kessler")."""
    for el in islice(_byline_elements(tree), 20):
        text = _SPACES.sub(" ", el.text_content()).strip()
        if not text or len(text) > 200:
            continue
        m = _BYLINE_NAME.search(text)
        if m:
            return _clean_authors([m.group(1)])
    return ()


def _fallback_metadata(tree: etree._Element, url: str | None, meta: _Meta) -> None:
    """Fill what the head did not give: the date with htmldate (quick search: URL, time
    elements, visible date patterns), authors from ``itemprop=author`` / ``rel=author``
    markup, the site from the host name."""
    if meta.published is None:
        try:
            from htmldate import find_date

            found = find_date(tree, url=url, extensive_search=False, outputformat="%Y-%m-%d")
        except Exception:  # noqa: BLE001 - metadata is best-effort
            found = None
        meta.published = parse_date(found)
        if meta.modified and meta.published and meta.modified < meta.published:
            meta.modified = None
    if not meta.authors:
        names = []
        for el in _AUTHOR_XPATH(tree)[:6]:
            name_el = el.find(".//*[@itemprop='name']")
            value = (name_el.get("content") or name_el.text_content()) if name_el is not None \
                else (el.get("content") or el.text_content())
            if value and len(value.strip()) <= 80:
                names.append(value)
        meta.authors = _clean_authors(names) or _byline_authors(tree)
    if not meta.site and url:
        host = urlsplit(url).hostname or ""
        meta.site = host[4:] if host.startswith("www.") else (host or None)


# --------------------------------------------------------------------------- language

_STOPWORDS = {
    "en": "the and of to in is that for it with was on as are be by this have from at not",
    "es": "el la de que y en los se del las por un una para con no es al lo como más",
    "pt": "de que e o da do em um para com não uma os no se na por mais as dos",
    "fr": "le la de et les des est un une du en que qui dans pour pas au sur ce avec",
    "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch",
    "it": "il di che e la per un una del non della sono le con si alla gli anche",
    "nl": "de het een en van is dat op te in niet zijn met voor er maar ook aan",
    "id": "yang dan di dari ini itu dengan untuk dalam tidak akan pada adalah ke juga",
    "pl": "i w na nie z się to że do jest jak po przez ale tak od",
    "tr": "ve bir bu da de için ile olarak çok daha gibi ne ama olan",
    "sv": "och att det som en på är av för med till den har inte om",
}
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}


_SCRIPTS = {
    "kana": re.compile(r"[\u3040-\u30ff]"), "han": re.compile(r"[\u4e00-\u9fff]"),
    "hangul": re.compile(r"[\uac00-\ud7af]"), "cyr": re.compile(r"[\u0400-\u04ff]"),
    "arab": re.compile(r"[\u0600-\u06ff]"), "greek": re.compile(r"[\u0370-\u03ff]"),
    "hebr": re.compile(r"[\u0590-\u05ff]"), "thai": re.compile(r"[\u0e00-\u0e7f]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}


# any character of a script other than Latin (one search decides whether the counts matter)
_NON_LATIN = re.compile("[" + "".join(rx.pattern[1:-1] for name, rx in _SCRIPTS.items()
                                      if name != "latin") + "]")
# word -> the languages whose function words include it (in _STOPSETS order)
_STOP_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _stop in _STOPSETS.items():
    for _w in _stop:
        _STOP_LANGS[_w] = _STOP_LANGS.get(_w, ()) + (_lang,)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a text from its script and common words (a light, offline detector)."""
    sample = text[:1500]
    if not sample.strip():
        return None
    if _NON_LATIN.search(sample):       # else every non-Latin count is 0: no script decides
        counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPTS.items()}
        total = sum(counts.values()) or 1
        if counts["kana"] > 0.05 * total:
            return "ja"
        if counts["hangul"] > 0.2 * total:
            return "ko"
        if counts["han"] > 0.3 * total:
            return "zh"
        if counts["cyr"] > 0.4 * total:
            low = sample.lower()
            return "uk" if sum(low.count(c) for c in "їєґі") > 0.01 * counts["cyr"] else "ru"
        for script, code in (("arab", "ar"), ("greek", "el"), ("hebr", "he"), ("thai", "th")):
            if counts[script] > 0.4 * total:
                return code
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return None
    scores = dict.fromkeys(_STOPSETS, 0)
    for w in words:
        for lang in _STOP_LANGS.get(w, ()):
            scores[lang] += 1
    best = max(scores, key=scores.get)
    return best if scores[best] >= max(2, 0.08 * len(words)) else None
