"""Main text and metadata of a fetched page: ``extract_article(fetched, settings) -> Article``.

The stage is an ensemble of two extractors with a residue filter:

1. Parse the page once (the steps and parser options of trafilatura's tolerant loader, with
   element classes chosen in C, from the page's UTF-8 bytes) and check for soft blocks
   (:mod:`pipeline.softblock`): consent walls, captcha, paywalls and "enable JavaScript"
   pages become status ``blocked``. Metadata
   and soft-block checks read this tree; the extractors get it too (never a re-parse).
2. Drop ``<script>`` (except JSON-LD) and ``<style>`` elements, which both extractors delete
   anyway, then prune widget containers by structure: elements whose class/id *tokens* say
   comment, newsletter, share, related, teaser, cookie banner … (see ``_PRUNE_TOKENS``), unless
   they hold the article itself.
3. trafilatura (comments off, precision per settings, its slow internal fallback off, options
   built once) gives the first candidate. For these options we run its cascade ourselves
   (``_trafilatura_fast``): one tree copy instead of three, and its XPath searches, whose
   ``re:test()`` calls back into Python for every element, as Python tests in one walk per
   step; the same text as ``bare_extraction``, used only while trafilatura's code and
   expressions are those the copy was made from (``_TRAF_DIGEST``).
   When that candidate is short, much shorter than the prose paragraphs on
   the page (truncated), or reads like a notice (reprint / copyright / cookie text),
   readability-lxml gives a second candidate (only then: it costs as much as trafilatura) and
   the two vote (``_vote``): the second wins when it is clearly longer and contains the first,
   or when the first is a notice or tiny.
4. A residue filter removes widget lines: comment counters and prompts, newsletter and
   subscription boxes, share bars, "read more" teasers, cookie notices, "related articles"
   lists. It works on structure and position (short lines, at the end of the text, runs of
   short lines) with cue words in many languages; see :mod:`pipeline.residue`.
5. Metadata comes from the page head (JSON-LD, OpenGraph, meta tags, ``<link rel=canonical>``),
   with htmldate (quick mode) for a missing date, the visible byline for missing authors and
   the host name for a missing site name. The language is detected from the extracted text
   (script + function words), falling back to ``<html lang>`` / meta tags; see
   :mod:`pipeline.metadata`.

Per-item problems are statuses, never exceptions.
"""
from __future__ import annotations

import copy
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from .metadata import _SPACES, _fallback_metadata, _metadata, detect_language, parse_date
from .records import Article, ExtractStatus, FetchResult, FetchStatus, stable_id
from .residue import (_DATE_LIKE, _WORD, _norm, _rx, _title_like, _words, is_residue_line,
                      strip_residue)
from .softblock import soft_block_from_tree

__all__ = ["extract_article", "extract_html", "extractor_name", "html_to_text",
           "is_residue_line", "strip_residue", "parse_date", "detect_language"]

ENSEMBLE_VERSION = "ensemble-1"


def _pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - both are dependencies
        return "unknown"


def extractor_name(settings: Any | None = None) -> str:
    """Producer and versions, e.g. ``trafilatura-2.3.1+readability-0.9/ensemble-1``."""
    second = getattr(getattr(settings, "extract", None), "second_extractor", True)
    return _extractor_name(bool(second))


@lru_cache(maxsize=4)
def _extractor_name(second: bool) -> str:
    name = f"trafilatura-{_pkg_version('trafilatura')}"
    if second:
        name += f"+readability-{_pkg_version('readability-lxml')}"
    return f"{name}/{ENSEMBLE_VERSION}"


# --------------------------------------------------------------------------- html -> text

_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure",
    "figcaption", "br", "hr", "address", "center", "form", "fieldset", "caption", "tbody", "thead",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select",
                        "textarea", "iframe", "object", "embed", "head", "title", "meta", "link"})


def html_to_text(el: etree._Element) -> str:
    """Visible text of an element, one line per block (paragraph, heading, list item)."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:
            if node.tail:
                out.append(node.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            out.append("\n")
        if tag == "td" or tag == "th":
            out.append(" ")
        if node.text:
            out.append(node.text)
        for child in node:
            walk(child)
        if block:
            out.append("\n")
        if node.tail:
            out.append(node.tail)

    tail = el.tail
    el.tail = None
    try:
        walk(el)
    finally:
        el.tail = tail
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- structural pruning

_ATTR_SPLIT = re.compile(r"[\s_\-:.]+")
# class/id tokens of widget containers (whole tokens: "share", not "shared-content")
_PRUNE_TOKENS = frozenset({
    "comment", "comments", "commentlist", "disqus", "respond", "replies",
    "newsletter", "newsletters", "subscribe", "subscription", "signup", "optin",
    "share", "shares", "sharing", "sharebar", "sharetools", "social", "socials", "sociallinks",
    "related", "relatedposts", "recommended", "recommendations", "recirc", "recirculation",
    "readmore", "readnext", "outbrain", "taboola", "zergnet", "promo", "promotion",
    "cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "didomi",
    "breadcrumb", "breadcrumbs", "tags", "tagcloud", "taglist", "trending", "popular", "mostread",
    "advert", "advertisement", "ads", "adslot", "sponsored",
    # the same widgets named in other languages
    "kommentar", "kommentare", "leserkommentare", "commentaire", "commentaires", "comentario",
    "comentarios", "comentarios", "comentários", "commenti", "commento", "reacties", "reactie",
    "komentarze", "komentar", "kommentarer", "teilen", "partager", "partage", "compartir",
    "condividi", "delen", "relacionados", "relacionadas", "correlati", "similaires",
    "gerelateerd", "verwandte", "empfehlungen", "abonnement", "suscripcion", "iscrizione",
})
_PRUNE_PAIRS = frozenset({("read", "more"), ("more", "stories"), ("most", "read"),
                          ("also", "read"), ("more", "from"), ("you", "may"), ("read", "next"),
                          ("post", "tags"), ("author", "box")})
_KEEP_TAGS = frozenset({"html", "body", "main"})


# a widget token (or token pair) as a whole token of a value: between separators (those of
# _ATTR_SPLIT), the ends of the value, or the NUL that joins two values
_WIDGET_VALUE = re.compile(
    r"(?<![^\s_\-:.\x00])(?:"
    + "|".join(sorted((re.escape(t) for t in _PRUNE_TOKENS), key=len, reverse=True))
    + "|" + "|".join(rf"{re.escape(a)}[\s_\-:.]+{re.escape(b)}" for a, b in sorted(_PRUNE_PAIRS))
    + r")(?![^\s_\-:.\x00])")


_NUL = re.compile("\x00")


def _widget_values(values: list[str]) -> set[str]:
    """The class/id values that hold a widget token or token pair (whole tokens, any case):
    one regex pass over all values of the page joined by NUL (no value contains one)."""
    low = "\x00".join(values).lower()
    out: set[str] = set()
    ends: list[int] | None = None
    for m in _WIDGET_VALUE.finditer(low):
        if ends is None:    # where each value ends (lower() may change lengths: count NULs)
            ends = [j.start() for j in _NUL.finditer(low)]
        out.add(values[bisect_right(ends, m.start())])
    return out


def _prune_widgets(root: etree._Element, prose: int) -> int:
    """Drop widget containers (by class/id tokens) that hold little of the page's prose.

    Class and id values are matched by whole tokens ("share-bar" but not "shared"), so a
    layout class such as "l-article-body" never matches. Returns the number of elements
    removed; ``prose`` is the page's prose char count (:func:`pipeline.softblock.prose_chars`).
    """
    items = []      # (element, class, id) of the elements with either, in document order
    seen: set[str] = set()
    for el in root.iter(etree.Element):
        cls, ident = el.get("class"), el.get("id")
        if cls is None and ident is None:
            continue
        items.append((el, cls, ident))
        if cls is not None:
            seen.add(cls)
        if ident is not None:
            seen.add(ident)
    values = _widget_values([v for v in seen if "|" not in v])
    if not values:
        return 0
    victims = [el for el, cls, ident in items
               if (cls in values or ident in values) and el.tag not in _KEEP_TAGS]
    removed = 0
    limit = max(200, 0.25 * prose)
    protected: set[etree._Element] | None = None
    dropped = None      # the last element dropped
    for el in victims:
        if el.getparent() is None:
            continue
        if dropped is not None and _inside(el, dropped):
            continue      # already gone with a dropped ancestor (victims are in document
            #               order, so only the last one dropped can hold it)
        # never drop a container that holds much of the page's prose
        if len(_STRING(el)) > limit and sum(len(p.text_content()) for p in el.iter("p")) > limit:
            continue
        # never drop the page's first itemprop=articleBody element (the marked article body) or
        # a container of it; found once, by the first victim that gets here, before any drop
        if protected is None:
            body = _FIRST_BODY(root)
            protected = set(body[0].iterancestors()) | {body[0]} if body else set()
        if el in protected:
            continue
        el.drop_tree()
        dropped = el
        removed += 1
    return removed


def _inside(el: etree._Element, container: etree._Element) -> bool:
    """Is ``el`` a descendant of ``container``? (A dropped element keeps its subtree but no
    parent, and its descendants still report the page's root as their tree's root.)"""
    parent = el.getparent()
    while parent is not None:
        if parent is container:
            return True
        parent = parent.getparent()
    return False


_STRING = etree.XPath("string(.)", smart_strings=False)
_FIRST_BODY = etree.XPath("(descendant::*[@itemprop='articleBody'])[1]")


def _drop_scripts(root: etree._Element) -> int:
    """Drop ``<script>`` (except JSON-LD, which trafilatura reads) and ``<style>`` elements.

    Both extractors delete them as well (trafilatura when it cleans its copy of the tree,
    readability's cleaner likewise; the tail text stays either way), so the text is the same;
    but they are about half of a page's bytes, and trafilatura copies the tree twice before it
    cleans it. Returns the number of elements dropped."""
    dropped = 0
    for el in list(root.iter("script", "style")):
        if el.tag == "script" and (el.get("type") or "").strip().lower() == "application/ld+json":
            continue
        if el.getparent() is not None:
            el.drop_tree()
            dropped += 1
    return dropped


# --------------------------------------------------------------------------- extractors

# Element proxies of our trees are plain HtmlElements chosen in C (ElementDefaultClassLookup)
# instead of lxml.html's per-tag Python callback (HtmlElementClassLookup.lookup), which ran once
# for every element proxy that trafilatura, readability and our own passes create (a tenth of
# the stage's CPU time). Nothing downstream uses the form-specific classes (FormElement ...).
_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)
_PARSERS = threading.local()


def _html_parser() -> lxml.html.HTMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        # the options of trafilatura's own HTML_PARSER, so the tree is the one it would build
        parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                      remove_comments=True, remove_pis=True)
        parser.set_element_class_lookup(_LOOKUP)
        _PARSERS.parser = parser
    return parser


def _parse(html: str) -> etree._Element | None:
    """The page's tree, parsed once for every pass of the stage (the steps of
    ``trafilatura.utils.load_html`` for a string, with our parser)."""
    from trafilatura.utils import is_dubious_html

    parser = _html_parser()
    beginning = html[:50].lower()
    html, raw = _repair(html, beginning)
    tree = None
    if raw is not None:
        # the page's UTF-8 bytes (the parser decodes them as UTF-8 whatever the page declares):
        # the tree of the str, parsed a fifth faster (libxml2 need not convert the str's
        # UCS-2/UCS-4 buffer); any failure falls back to load_html's steps below
        try:
            tree = lxml.html.fromstring(raw, parser=parser)
        except Exception:  # noqa: BLE001 - retried below as load_html would parse it
            tree = None
        if tree is not None and len(tree) < 1:
            tree = None
    if tree is None:
        # load_html's bytes parse of the page: not again when its bytes were parsed above (the
        # same bytes, the same empty or failed parse)
        fallback = raw is not None
        try:
            tree = lxml.html.fromstring(html, parser=parser)
        except ValueError:      # a str with an encoding declaration: parse bytes
            tree, fallback = None if fallback else _fromstring_bytes(html, parser), True
        except Exception:  # noqa: BLE001 - as load_html: any lxml failure is an unparseable page
            tree = None
        if (tree is None or len(tree) < 1) and not fallback:
            tree = _fromstring_bytes(html, parser)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        tree = None         # not (well-formed) HTML at all
    if tree is None or len(tree) == 0:
        return None
    return tree


_INVALID_XML_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


def _repair(html: str, beginning: str) -> tuple[str, bytes | None]:
    """``trafilatura.utils.repair_faulty_html``; its regex pass over the whole page for
    characters invalid in XML runs only when a byte scan finds one (a fraction of the cost).
    Also returns the page's UTF-8 bytes when the repair left it as it was and it has no lone
    surrogates (else ``None``)."""
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, repair_faulty_html

    try:
        raw: bytes | None = html.encode("utf-8")
    except UnicodeEncodeError:      # lone surrogates: the str is parsed, as load_html does
        return repair_faulty_html(html, beginning), None
    if (len(raw.translate(None, _INVALID_XML_BYTES)) != len(raw)
            or b"\xef\xbf\xbe" in raw or b"\xef\xbf\xbf" in raw):    # U+FFFE, U+FFFF
        return repair_faulty_html(html, beginning), None
    # the rest of repair_faulty_html, unchanged
    if "doctype" in beginning:
        firstline, sep, rest = html.partition("\n")
        fixed = DOCTYPE_TAG.sub("", firstline, count=1)
        if fixed != firstline or not sep:       # (no newline: repair_faulty_html adds one)
            html, raw = fixed + "\n" + rest, None
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html, raw = FAULTY_HTML.sub(r"\1>", html, count=1), None
            break
    return html, raw


def _fromstring_bytes(html: str, parser: lxml.html.HTMLParser) -> etree._Element | None:
    try:
        return lxml.html.fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except Exception:  # noqa: BLE001 - as load_html: any lxml failure is an unparseable page
        return None


@lru_cache(maxsize=8)
def _trafilatura_options(comments: bool, precision: bool) -> Any:
    """trafilatura's options object, built once (building it reads its config every time)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", fast=True, comments=comments, precision=precision,
                     tables=True, with_metadata=False)


def _trafilatura_text(tree: etree._Element, url: str | None, settings: Any) -> str:
    ex = settings.extract
    options = copy.copy(_trafilatura_options(bool(ex.include_comments), bool(ex.favor_precision)))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    if _fast_sequence_ok(options):
        return _trafilatura_fast(tree, url, options)
    from trafilatura import bare_extraction

    doc = bare_extraction(tree, url=url, options=options)
    if doc is None or doc.body is None:
        return ""
    return doc.text or ""       # trafilatura's own text of doc.body (no formatting)


# trafilatura's cascade for our options (comments off, precision, fast), run by us: the steps of
# trafilatura.core.bare_extraction + trafilatura_sequence that these options reach, in the same
# order, minus two things that cost a fifth of trafilatura's time and change nothing here:
# - tree copies: bare_extraction copies our tree, _prepare_tree copies it again and once more as
#   a backup; with these options neither the raw tree nor the backup is read again (they feed
#   the comparison, baseline and recall stages, all off), so one copy does.
# - the comment/infinite-scroll XPaths run on the raw tree: their re:test() calls back into
#   Python once per element and attribute; the same tests as a Python loop (_py_prune) select
#   the same elements.
# All of it runs only while trafilatura's code and expressions are those it was copied from
# (_TRAF_DIGEST, see _traf_source_digest); else bare_extraction runs.
_C_ID = r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)"
_C_ID_LIST = r"^(?:[Cc]omment(?!ary)|comol)"
_C_CLASS = r"^[Cc]omment(?!ary)|(?:article|post)-comments"
_MVP = r"mvp-post-add-(?:box|wrap)"
_SCROLL = r"mvp-post-add-(?:box|wrap)|infinite-?scroll"
# trafilatura.xpaths prune list -> the _py_prune kind that selects what its expressions select
# (the expressions' text is part of _TRAF_DIGEST: another text takes the public API)
_PRUNE_KINDS: dict[str, str] = {
    "RAW_TREE_PRUNE_XPATH": "raw",
    "REMOVE_COMMENTS_AND_LISTS_XPATH": "comments_lists",
    "REMOVE_COMMENTS_XPATH": "comments",
}
_RX_C_ID, _RX_C_ID_LIST, _RX_C_CLASS = re.compile(_C_ID), re.compile(_C_ID_LIST), re.compile(_C_CLASS)
_RX_MVP, _RX_SCROLL = re.compile(_MVP), re.compile(_SCROLL)


@lru_cache(maxsize=1)
def _traf_internals() -> dict[str, Any] | None:
    """trafilatura's internal steps that the in-process cascade calls, with our copy of its main
    extractor; None when an internal is missing or the code the cascade re-implements differs
    from the copied one (another trafilatura version, :func:`_traf_source_digest`): then the
    public API runs."""
    try:
        from trafilatura.core import _forum_thread_page
        from trafilatura.htmlprocessing import convert_tags, tree_cleaning
        from trafilatura.xml import delete_element, xmltotxt
    except ImportError:
        return None
    if _traf_source_digest() != _TRAF_DIGEST:
        return None     # trafilatura's cascade is not the one copied here: its public API runs
    return dict(forum=_forum_thread_page, clean=tree_cleaning, convert=convert_tags,
                content=_make_extract_content(), delete=delete_element, totext=xmltotxt)


def _fast_sequence_ok(options: Any) -> bool:
    return (not options.comments and options.focus == "precision" and options.fast
            and options.format == "python" and not options.with_metadata and not options.dedup
            and not options.lang and not options.max_tree_size and not options.formatting
            and _traf_internals() is not None)


def _py_prune(tree: etree._Element, kind: str, delete: Any) -> None:
    """trafilatura's comment / infinite-scroll prune XPaths (see _PRUNE_KINDS) as one loop:
    the matches of each expression are collected in document order, then deleted (tails kept),
    as ``prune_unwanted_nodes`` does."""
    raw = kind in ("raw", "raw+comments_lists")
    comments = kind != "raw"
    lists = kind in ("comments_lists", "raw+comments_lists")
    tags = ["div", "list", "section", "details"] if comments else []
    tags += ["ol", "ul"] if lists else []
    tags += ["aside"] + ([] if comments else ["div", "section"]) if raw else []
    # one walk; a list of a later expression may hold elements that the deletions for an
    # earlier one cut off (with an ancestor): deleting them again touches only the cut-off part
    scroll: list[etree._Element] = []
    share: list[etree._Element] = []
    hits: list[etree._Element] = []
    for el in tree.iterdescendants(*tags):
        i, c = el.get("id") or "", el.get("class") or ""
        if not (i or c):
            continue
        tag = el.tag
        if raw and tag in ("div", "section", "aside"):
            if (_RX_SCROLL.search(i) or _RX_SCROLL.search(c)) and (
                    el.find(".//h1") is None or _RX_MVP.search(i) or _RX_MVP.search(c)):
                scroll.append(el)
            if "elementor-share-buttons" in c:
                share.append(el)
        if comments and tag != "aside" and (_RX_C_ID.search(i) or _RX_C_CLASS.search(c)):
            if (not lists or tag not in ("ol", "ul") or _RX_C_ID_LIST.search(i)
                    or _RX_C_CLASS.search(c)):
                hits.append(el)
    for el in scroll + share + hits:
        delete(el)


def _trafilatura_fast(tree: etree._Element, url: str | None, options: Any) -> str:
    """``bare_extraction(tree, options=options).text`` for the options of
    :func:`_fast_sequence_ok` (same text; see the comment above ``_PRUNE_KINDS``)."""
    steps = _traf_internals()
    delete = steps["delete"]

    def cleaned_tree() -> etree._Element:
        work = copy.copy(tree)          # the caller's tree stays as it is
        # RAW_TREE_PRUNE_XPATH, then REMOVE_COMMENTS_AND_LISTS_XPATH (comments off, precision),
        # in one walk
        _py_prune(work, "raw+comments_lists", delete)
        cleaned = steps["convert"](steps["clean"](work, options), options, url)
        if not is_forum:
            _py_prune(cleaned, "comments", delete)      # REMOVE_COMMENTS_XPATH
        return cleaned

    try:
        is_forum = steps["forum"](tree)
        # our copy of extract_content builds its backup of the cleaned tree only when its
        # recovery pass needs one (a few pages in a hundred): the same steps again
        body, text = steps["content"](cleaned_tree(), options, rebuild=cleaned_tree)
        if len(text) < options.min_output_size and options.min_output_comm_size > 0:
            return ""       # bare_extraction: "text and comments not long enough"
        return steps["totext"](body, options.formatting) or ""
    except (TypeError, ValueError):     # bare_extraction's "discarding data"
        return ""


# --------------------------------------------------------------------------- trafilatura's main extractor

# trafilatura.main_extractor.extract_content -> _extract -> prune_unwanted_sections, as written in
# trafilatura 2.3.1 (Apache-2.0, (c) Adrien Barbaresi and contributors), with its XPath searches
# (BODY_XPATH, OVERALL_DISCARD_XPATH, DISCARD_IMAGE_ELEMENTS, TEASER_DISCARD_XPATH,
# PRECISION_DISCARD_XPATH) written as Python tests on each element: their re:test() calls back
# into Python for every element and attribute, about a third of trafilatura's time on a page.
# The copy runs only while trafilatura's own functions and expressions are the ones it was
# taken from (_TRAF_DIGEST over their source and XPath text, with those of the cascade that
# _trafilatura_fast re-implements); otherwise bare_extraction runs.
# Modified by this project (the changes above); licence text: LICENSES/trafilatura-Apache-2.0.txt.
_TRAF_DIGEST = "0d1d43469f7bf6a5"
_T6 = frozenset({"div", "item", "list", "p", "section", "span"})
_BODY_TAGS = frozenset({"article", "div", "main", "section"})
_RX_OD_ID = re.compile(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|"
    "^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related|"
    "message-container|premium|^ad-")
_RX_OD_CLASS = re.compile(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|"
    "^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|(?:^| )ad-|"
    "dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline|Byline|share-|"
    "sociable|embedded|embed|tag-list|consent|modal-content|permission|elated|next-|-stories|"
    "most-popular|more-on|meta|rating|attachment|timestamp|user-info|user-profile|-icon|"
    "article-infos|message-container|slide|viewport|overlay|options|expand|obfuscated|blurred|"
    "mol-factbox|yin|zlylin|nfoline")
_RX_OD1_ID = re.compile("reader-comments|akismet")
_RX_OD1_CLASS = re.compile(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print|"
    " hidden| hide|noprint|notloaded")
_RX_BOTTOM = re.compile(r"(^|\s)bottom|bottom(\s|$)")
_RX_LINK = re.compile(r"(^|\s)link(\s|$)")
_RX_B0_ID = re.compile("(?:entry|article|art)-content|article__content|article(?:-|__)?body|"
                       "articleBody|body-text")
_RX_B0_CLASS = re.compile(
    "post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper|"
    "article-?text|articleText|(?:entry|page|text|article|art)-content|article__content|"
    "article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container")
_RX_B2_ID = re.compile("^primary|story-body")
_RX_B2_FULLTEXT = re.compile("fulltext", re.I)
_RX_B2_CLASS = re.compile(
    "^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post|"
    "main-column|wpb_text_column|story-body|field-body")
_RX_B3_ID = re.compile("content-main|content-body|contentBody")
_RX_B3_CLASS = re.compile("content[-_]main|content(?:-|__)body")
_CM = str.maketrans("CM", "cm")
_CP = str.maketrans("CP", "cp")


def _first_attr(el: etree._Element, a: str, va: str | None, b: str, vb: str | None) -> str:
    """XPath ``string(@a|@b)``: the value of whichever attribute comes first in the source."""
    if va is None:
        return vb or ""
    if vb is None:
        return va
    keys = el.keys()
    return va if keys.index(a) < keys.index(b) else vb


def _body_match(k: int, el: etree._Element) -> bool:
    """Does ``el`` pass the element test of ``BODY_XPATH[k]``?"""
    tag = el.tag
    if k == 1:
        return tag == "article"
    if k == 4:
        if tag == "main":
            return True
        if tag not in ("article", "div", "section"):
            return False
        return ((el.get("class") or "").startswith("main") or (el.get("id") or "").startswith("main")
                or (el.get("role") or "").startswith("main"))
    if tag not in _BODY_TAGS:
        return False
    i, c = el.get("id"), el.get("class")
    if k == 0:
        return (c == "post" or c == "entry" or el.get("itemprop") == "articleBody"
                or i == "articleContent" or bool(i and _RX_B0_ID.search(i))
                or bool(c and _RX_B0_CLASS.search(c)))
    if k == 2:
        return (el.get("role") == "article" or i == "article" or i == "story"
                or c in ("postarea", "art-postcontent", "text", "cell", "story")
                or bool(i and _RX_B2_ID.search(i)) or bool(c and _RX_B2_FULLTEXT.search(c))
                or bool(c and _RX_B2_CLASS.search(c)))
    # k == 3
    return (i == "content" or c == "content" or bool(i and _RX_B3_ID.search(i))
            or bool(c and _RX_B3_CLASS.search(c))
            or bool(i and "main-content" in i.translate(_CM))
            or bool(c and ("main-content" in c.translate(_CM) or "page-content" in c.translate(_CP))))


def _body_frame(k: int, tree: etree._Element) -> etree._Element | None:
    """``next(s for s in BODY_XPATH[k](tree) if s is not None)``: each expression's first
    element in document order (for [0], the first of each parent's first matches, the same)."""
    for el in tree.iterdescendants(etree.Element):
        if _body_match(k, el):
            return el
    return None


def _section_matches(tree: etree._Element) -> dict[str, list[etree._Element]]:
    """The elements of ``tree`` (not itself) that prune_unwanted_sections' XPaths select, per
    expression, in document order: one walk. Each list is the expression's result on the tree
    as it is now; prune_unwanted_sections deletes some of them before the later expressions
    run, and what those would select then is this list minus elements already cut off with a
    deleted ancestor (deleting those again touches only the detached subtree)."""
    out: dict[str, list[etree._Element]] = {
        "overall0": [], "overall1": [], "image": [], "teaser": [], "header": [], "precision1": []}
    o0, o1, img, teas, head, p1 = (out["overall0"], out["overall1"], out["image"], out["teaser"],
                                   out["header"], out["precision1"])
    for el in tree.iterdescendants(etree.Element):
        tag = el.tag
        if tag == "header":
            head.append(el)
        i, c, style = el.get("id"), el.get("class"), el.get("style")
        first = _first_attr(el, "id", i, "class", c)        # string(@id|@class)
        # OVERALL_DISCARD_XPATH[1] (any element)
        if (c == "comments-title" or first.startswith("reply-")
                or "hidden" in _first_attr(el, "id", i, "style", style)
                or (style and ("display:none" in style or "display: none" in style))
                or (i and _RX_OD1_ID.search(i)) or (c and _RX_OD1_CLASS.search(c))
                or el.get("aria-hidden") == "true"):
            o1.append(el)
        if tag not in _T6:
            continue
        if i is None and c is None and style is None and not el.attrib:
            continue
        role = el.get("role")
        dc = el.get("data-component")
        if (el.get("data-lp-replacement-content") is not None
                or (role and "nav" in role.replace("N", "n"))
                or (dc and "MostPopularStories" in dc)
                or "cookie" in first
                or (i and _RX_OD_ID.search(i)) or (c and _RX_OD_CLASS.search(c))):
            o0.append(el)
        if (i and "caption" in i) or (c and "caption" in c):
            img.append(el)
        if (i and "teaser" in i.replace("T", "t")) or (c and "teaser" in c.replace("T", "t")):
            teas.append(el)
        if _RX_BOTTOM.search(first) or _RX_LINK.search(first) or (style and "border" in style):
            p1.append(el)
    return out


def _make_extract_content() -> Any:
    """trafilatura's ``extract_content`` (with ``_extract`` and ``prune_unwanted_sections``)
    over :func:`_body_frame` and :func:`_section_matches`; the rest of the code as theirs."""
    from copy import deepcopy

    from lxml.etree import Element, strip_elements, strip_tags
    from trafilatura.htmlprocessing import (delete_by_link_density, link_density_test_tables,
                                            process_node)
    from trafilatura.main_extractor import (NOT_AT_THE_END, REBUILT_BLOCKS, _elem_text,
                                            handle_textelem, recover_wild_text)
    from trafilatura.settings import INLINE_FORMATTABLE, MIN_DUPLICATE_LENGTH, TAG_CATALOG
    from trafilatura.utils import SPACING_PROTECTED, text_chars_test
    from trafilatura.xml import delete_element

    def prune_unwanted_sections(tree, potential_tags, options, keep_teasers=False):
        "Rule-based deletion of targeted document sections"
        favor_precision = options.focus == "precision"
        found = _section_matches(tree)
        # prune the rest (OVERALL_DISCARD_XPATH, with_backup=True)
        matches = dict.fromkeys(found["overall0"] + found["overall1"])
        outer = [elem for elem in matches if not any(a in matches for a in elem.iterancestors())]
        old_len = len(tree.text_content())
        if old_len - sum(len(elem.text_content()) for elem in outer) > old_len / 7:
            for elem in outer:
                delete_element(elem)
        # decide if images are preserved
        if "graphic" not in potential_tags:
            for elem in found["image"]:
                delete_element(elem)
        # balance precision/recall
        if options.focus != "recall":
            if not keep_teasers:
                for elem in found["teaser"]:
                    delete_element(elem)
            if favor_precision:
                for elem in found["header"]:
                    delete_element(elem)
                for elem in found["precision1"]:
                    delete_element(elem)
        # remove elements by link density, several passes
        for _ in range(2):
            tree = delete_by_link_density(tree, "div", backtracking=True, favor_precision=favor_precision)
            tree = delete_by_link_density(tree, "list", backtracking=False, favor_precision=favor_precision)
            tree = delete_by_link_density(tree, "p", backtracking=False, favor_precision=favor_precision)
        # tables
        if "table" in potential_tags or favor_precision:
            boilerplate_tables = [elem for elem in tree.iter("table") if link_density_test_tables(elem) is True]
            for elem in boilerplate_tables:
                delete_element(elem, keep_tail=False)
        if favor_precision:
            # delete trailing titles
            while len(tree) > 0 and (tree[-1].tag == "head"):
                delete_element(tree[-1], keep_tail=False)
            tree = delete_by_link_density(tree, "head", backtracking=False, favor_precision=True)
            tree = delete_by_link_density(tree, "quote", backtracking=False, favor_precision=True)
        # after the link density tests, which need the refs
        strip_tags(tree, "span", *(() if "ref" in potential_tags else ("ref",)))
        return tree

    def _extract(tree, options):
        # init
        potential_tags = set(TAG_CATALOG)
        if options.tables is True:
            potential_tags.update(["table", "td", "th", "tr"])
        if options.images is True:
            potential_tags.add("graphic")
        if options.links is True:
            potential_tags.add("ref")
        result_body = Element("body")
        # iterate
        for k in range(5):      # BODY_XPATH
            # select tree if the expression has been found
            subtree = _body_frame(k, tree)
            if subtree is None:
                continue
            # prune the subtree
            subtree = prune_unwanted_sections(subtree, potential_tags, options)
            # skip if empty tree
            if len(subtree) == 0:
                continue
            # no paragraphs containing text, or not enough
            ptest = subtree.xpath("//p//text()")
            factor = 1 if options.focus == "precision" else 3
            if not ptest or len("".join(ptest)) < options.min_extracted_size * factor:
                potential_tags.add("div")

            subelems = subtree.xpath(".//*")
            # a single text run (only lb or inline elements): process the frame itself
            tags = {e.tag for e in subelems}
            if tags == {"lb"} or (subtree.tag == "div" and "div" in potential_tags and tags <= INLINE_FORMATTABLE | {"lb"}):
                subelems = [subtree]
            # the frame's own text before its first child, kept if the frame is accepted
            lead, start = None, len(result_body)
            if subelems != [subtree] and text_chars_test(subtree.text):
                lead = Element("p")
                lead.text = subtree.text
                lead = process_node(lead, options)
            # extract content
            for elem in subelems:
                if elem.getroottree().getroot() is result_body:
                    continue
                # handlers may rename the element to "done", so read these first
                tag, tail = elem.tag, elem.tail
                processed_elem = handle_textelem(elem, potential_tags, options)
                if processed_elem is not None:
                    result_body.append(processed_elem)
                    # a copy leaves its source behind for a later, wider subtree
                    if elem.getroottree().getroot() is not result_body:
                        elem.tag = "done"
                # text right after a rebuilt block is a paragraph of its own, like an <lb> tail,
                # unless the handler already carried it over (a code block copied as a whole)
                if tag in REBUILT_BLOCKS and text_chars_test(tail) and (processed_elem is None or processed_elem.tail is None):
                    tail_elem = Element("p")
                    tail_elem.text = tail
                    if process_node(tail_elem, options) is not None:
                        result_body.append(tail_elem)
            # remove trailing titles
            while len(result_body) > 0 and (result_body[-1].tag in NOT_AT_THE_END):
                delete_element(result_body[-1], keep_tail=False)
            # exit once there is real content, not just a lone image
            if sum(e.tag != "graphic" for e in result_body) > 1:
                if lead is not None:
                    result_body.insert(start, lead)
                break
        temp_text = " ".join(result_body.itertext()).strip()
        return result_body, temp_text, potential_tags

    def extract_content(cleaned_tree, options, rebuild=None):
        # backup (``rebuild()``: the same tree built again, when the recovery below needs it)
        backup_tree = deepcopy(cleaned_tree) if rebuild is None else None
        # source order before the main pass moves elements, the backup keeps it
        order = list(cleaned_tree.iter())

        result_body, temp_text, potential_tags = _extract(cleaned_tree, options)

        # try parsing wild <p> elements if nothing found or text too short
        if len(result_body) == 0 or len(temp_text) < options.min_extracted_size:
            if backup_tree is None:
                backup_tree = rebuild()
            # copies of what the main pass consumed are not recovered again
            consumed = {twin for elem, twin in zip(order, backup_tree.iter(), strict=True) if elem.tag == "done"}
            result_body = recover_wild_text(backup_tree, result_body, options, potential_tags, consumed)
            temp_text = " ".join(result_body.itertext()).strip()
        # drop substantial elements repeating the previous one
        previous = None
        for el in list(result_body):
            current = _elem_text(el)
            if current and current == previous and len(current) > MIN_DUPLICATE_LENGTH:
                delete_element(el, keep_tail=False)
            else:
                previous = current
        # filter output
        strip_elements(result_body, "done")
        strip_tags(result_body, "div")
        # whitespace-only <lb> tails left by the stripped divs (not inside code/pre)
        for linebreak in result_body.iter("lb"):
            if (
                linebreak.tail
                and not text_chars_test(linebreak.tail)
                and not any(anc.tag in SPACING_PROTECTED for anc in linebreak.iterancestors())
            ):
                linebreak.tail = None
        return result_body, temp_text

    return extract_content


def _traf_source_digest() -> str:
    """A digest of the trafilatura code and expressions that the in-process cascade re-implements
    (:func:`_trafilatura_fast`: ``bare_extraction``, ``trafilatura_sequence``, ``_prepare_tree``,
    ``_extract_and_compare``; :func:`_py_prune`: ``prune_unwanted_nodes`` and its three prune
    lists; :func:`_make_extract_content`: ``extract_content``, ``_extract``,
    ``prune_unwanted_sections`` and their XPath lists); empty when the source cannot be read."""
    import hashlib
    import inspect

    try:
        from trafilatura import core, htmlprocessing, main_extractor, xpaths

        parts = [inspect.getsource(f) for f in (
            core.bare_extraction, core.trafilatura_sequence, core._prepare_tree,
            core._extract_and_compare,
            main_extractor.extract_content, main_extractor._extract,
            main_extractor.prune_unwanted_sections, htmlprocessing.prune_unwanted_nodes)]
        for name in ("BODY_XPATH", "OVERALL_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS",
                     "TEASER_DISCARD_XPATH", "PRECISION_DISCARD_XPATH", *_PRUNE_KINDS):
            parts += [x.path for x in getattr(xpaths, name)]
    except (ImportError, AttributeError, OSError, TypeError):
        return ""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _readability_text(tree: etree._Element, url: str | None) -> str:
    from readability import Document

    if url:
        _absolute_iframe_src(tree, url)
    try:
        # no url: readability would rewrite every link of the page to an absolute URL (a third
        # of its time); the text needs none of them but the video iframes made absolute above
        summary = Document(tree).summary(html_partial=True)   # modifies tree
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd pages
        return ""
    if not summary or not summary.strip():
        return ""
    try:
        frag = lxml.html.fragment_fromstring(summary)
    except (etree.ParserError, ValueError):
        return ""
    return html_to_text(frag)


def _absolute_iframe_src(tree: etree._Element, url: str) -> None:
    """Make iframe ``src`` absolute (against ``<base href>`` when the page has one): the one
    link readability reads, to keep embedded videos ("//www.youtube.com/embed/...")."""
    iframes = [el for el in tree.iter("iframe") if el.get("src")]
    if not iframes:
        return
    base = url
    base_el = tree.find(".//base[@href]")
    if base_el is not None:
        try:
            base = urljoin(url, base_el.get("href").strip())
        except ValueError:
            pass
    for el in iframes:
        try:
            el.set("src", urljoin(base, el.get("src").strip()))
        except ValueError:
            del el.attrib["src"]     # as readability's link rewrite does ("discard")


_NOTICE = _rx(
    r"for your personal,? non-commercial use", r"presentation-ready copies", r"reprints?\b",
    r"all rights reserved", r"\bcookies?\b", r"enable javascript", r"subscribe", r"sign in",
    r"log in", r"page (not|could not be) found", r"\b404\b", r"access denied",
)


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    toks = _WORD.findall(text)
    return {tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1))} if toks else set()


@dataclass(frozen=True)
class _Choice:
    text: str
    producer: str
    reason: str


def _looks_like_notice(text: str) -> bool:
    return len(text) < 600 and bool(_NOTICE.search(text))


def _needs_second(first: str, prose: int, min_chars: int) -> bool:
    """Is the first candidate short, truncated against the page's prose, or a notice?"""
    n = len(first)
    if n < max(min_chars, 500):
        return True
    if prose > 1500 and n < 0.6 * prose:
        return True
    return _looks_like_notice(first)


def _vote(first: str, second: str, *, prose: int, min_chars: int) -> _Choice:
    """Pick between trafilatura's text (``first``) and readability's (``second``)."""
    if not second.strip():
        return _Choice(first, "trafilatura", "second empty")
    if not first.strip():
        return _Choice(second, "readability", "first empty")
    a, b = _shingles(first), _shingles(second)
    contained = len(a & b) / max(1, len(a))     # share of the first text found in the second
    if len(second) >= 1.3 * len(first):
        if contained >= 0.6:
            return _Choice(second, "readability", "first truncated")
        if len(first) < min_chars or _looks_like_notice(first):
            return _Choice(second, "readability", "first short or a notice")
    return _Choice(first, "trafilatura", "first kept")


def _edge_line(line: str) -> bool:
    """A heading-like line that may be a teaser title when it sits at an edge of the text."""
    return (_title_like(line) and 3 <= _words(line) <= 15 and not line.startswith("- ")
            and not _DATE_LIKE.fullmatch(line))


def _edge_runs(text: str) -> tuple[int, int]:
    """How many heading-like lines open and close the text, counted only when there are at
    least two of them in a row (one heading alone is normal)."""
    lines = text.split("\n")
    if len(lines) < 5:
        return 0, 0
    lead = 0
    while lead < min(4, len(lines) - 2) and _edge_line(lines[lead]):
        lead += 1
    tail = 0
    while tail < min(8, len(lines) - 2) and _edge_line(lines[len(lines) - 1 - tail]):
        tail += 1
    return (lead if lead >= 2 else 0), (tail if tail >= 2 else 0)


def _confirm_edges(text: str, second: str) -> str:
    """Drop edge runs of heading-like lines that the second extractor's text lacks, provided
    the second extractor found the same article (most of the text's shingles)."""
    lead, tail = _edge_runs(text)
    if not second or not (lead or tail):
        return text
    a, b = _shingles(text), _shingles(second)
    if len(a & b) < 0.6 * len(a):
        return text
    other = " " + _norm(second) + " "
    lines = text.split("\n")
    keep = [True] * len(lines)
    for i in list(range(lead)) + list(range(len(lines) - tail, len(lines))):
        if " " + _norm(lines[i]) + " " not in other:
            keep[i] = False
    return "\n".join(ln for ln, k in zip(lines, keep) if k)


# --------------------------------------------------------------------------- public API

# a "not found" page served with HTTP 200 (a soft 404): its title or first heading says so
_NOT_FOUND = re.compile(
    r"\b(page|article|content|story|url)\s+(was\s+)?not\s+(be\s+)?found\b|^\W*not\s+found\W*$"
    r"|\b(error|fehler|erreur|errore|erro|fout|błąd|ошибка)\s*:?\s*404\b|\b404\s*(error|-|–|:|\|)"
    r"|^\W*404\W*$|(can[’']t|cannot|can not|couldn[’']t|could not)\s+find\s+(that|this|the)\s+page"
    r"|\b(page|story)\s+(does\s+not|doesn[’']t|no\s+longer)\s+exists?\b|\bseite\s+nicht\s+gefunden"
    r"|seite\s+(gibt\s+es|existiert)\s+(leider\s+)?nicht|page\s+(introuvable|non\s+trouvée)"
    r"|página\s+no\s+encontrada|no\s+se\s+(ha\s+)?encontr[óo]\s+la\s+página|página\s+não\s+encontrada"
    r"|pagina\s+non\s+(trovata|esiste)|pagina\s+niet\s+gevonden|nie\s+znaleziono\s+strony"
    r"|strona\s+nie\s+istnieje|sidan\s+(hittades\s+inte|finns\s+inte)|siden\s+(blev\s+ikke\s+fundet|finnes\s+ikke)"
    r"|страница\s+не\s+найдена|ページが見つかりません|页面不存在|找不到页面",
    re.I)
# a soft 404 has little text; an article about broken links is longer
_SOFT_404_MAX_CHARS = 1500


def _soft_404(tree: Any, title: str | None) -> bool:
    """Whether the page's title or first heading says that the page was not found."""
    heads = [title or ""] + [" ".join(h.text_content().split())
                             for h in tree.iter("h1")][:1]
    return any(_NOT_FOUND.search(h) for h in heads if h and len(h) <= 200)


def _article(url: str, status: ExtractStatus, settings: Any, *, error: str | None = None,
             **fields: Any) -> Article:
    ident = fields.get("canonical_url") or url
    return Article(article_id=stable_id(ident), url=url, status=status,
                   extractor=extractor_name(settings), error=error, **fields)


def extract_html(html: str, *, url: str | None = None, settings: Any) -> Article:
    """Extract the main text and metadata of one HTML page (never raises per page).

    ``url`` is the page's address (used for the article id, relative canonical links and
    trafilatura's URL-based rules). Without one, the article's ``url`` is the page's canonical
    URL if it declares one, else ``html:<sha256 prefix of the page>``.
    """
    ex = settings.extract
    ident_url = url or ("html:" + stable_id(html or ""))
    try:
        return _extract(html, url, ident_url, settings, ex)
    except Exception as err:  # noqa: BLE001 - per-item failures are statuses, not exceptions
        return _article(ident_url, ExtractStatus.EMPTY, settings,
                        error=f"extraction failed: {type(err).__name__}: {err}"[:500])


def _extract(html: str, url: str | None, ident_url: str, settings: Any, ex: Any) -> Article:
    if not html or not html.strip():
        return _article(ident_url, ExtractStatus.EMPTY, settings, error="empty page")
    tree = _parse(html)
    if tree is None:
        return _article(ident_url, ExtractStatus.EMPTY, settings, error="unparseable HTML")

    from .softblock import prose_chars
    prose = prose_chars(tree)
    meta = _metadata(tree, url)
    if not meta.published or not meta.authors or not meta.site:
        _fallback_metadata(tree, url, meta)
    if url is None and meta.canonical:
        ident_url = meta.canonical      # a saved page without a URL: its declared address
    fields: dict[str, Any] = dict(
        canonical_url=meta.canonical, title=meta.title, authors=meta.authors,
        published=meta.published, modified=meta.modified, site=meta.site,
        description=meta.description, language=meta.language,
    )
    reason = soft_block_from_tree(tree, url=url, raw=html, prose=prose)
    if reason is not None:
        return _article(ident_url, ExtractStatus.BLOCKED, settings, error=reason, **fields)

    not_found = _soft_404(tree, meta.title)
    work = tree   # metadata and soft-block checks are done: prune in place
    _drop_scripts(work)
    _prune_widgets(work, prose)
    first = _trafilatura_text(work, url, settings)
    choice = _Choice(first, "trafilatura", "single")
    second: str | None = None
    if ex.second_extractor and _needs_second(first, prose, ex.min_text_chars):
        second = _readability_text(work, url)
        choice = _vote(first, second, prose=prose, min_chars=ex.min_text_chars)
    text = strip_residue(choice.text, title=meta.title)
    if ex.second_extractor and choice.producer == "trafilatura" and _edge_runs(text) != (0, 0):
        # short heading-like lines at the edges (related-article titles, teasers): keep only
        # those the second extractor also has
        if second is None:
            second = _readability_text(work, url)
        text = _confirm_edges(text, second)
    # the language of the article text: a site in one language may carry articles in another
    fields["language"] = (detect_language(text) if text else None) or fields["language"]
    if not text.strip():
        return _article(ident_url, ExtractStatus.EMPTY, settings, error="no main text", **fields)
    if not_found and len(text) < _SOFT_404_MAX_CHARS:
        return _article(ident_url, ExtractStatus.NOT_ARTICLE, settings, text=text,
                        error="soft_404: the page says it was not found", **fields)
    if len(text) < ex.min_text_chars:
        return _article(ident_url, ExtractStatus.TOO_SHORT, settings, text=text,
                        error=f"{len(text)} chars < min_text_chars={ex.min_text_chars}", **fields)
    return _article(ident_url, ExtractStatus.OK, settings, text=text, **fields)


def extract_article(fetched: FetchResult, settings: Any) -> Article:
    """The article of one fetch result: status ``skipped_fetch_failed`` when the fetch did not
    succeed, ``blocked`` for walls (found here or already by the fetch stage; ``error`` holds
    the reason), ``empty`` / ``too_short`` when no usable text was found."""
    url = fetched.final_url or fetched.url
    if fetched.status is FetchStatus.BLOCKED:
        # the fetch stage already saw a wall (it runs pipeline.softblock too)
        return Article(article_id=stable_id(url), url=url, status=ExtractStatus.BLOCKED,
                       extractor=extractor_name(settings), error=fetched.error or "blocked")
    if not fetched.ok:
        return Article(article_id=stable_id(url), url=url,
                       status=ExtractStatus.SKIPPED_FETCH_FAILED, extractor=extractor_name(settings),
                       error=f"fetch {fetched.status.value}" + (f": {fetched.error}"
                                                                 if fetched.error else ""))
    if not fetched.html:
        return Article(article_id=stable_id(url), url=url, status=ExtractStatus.EMPTY,
                       extractor=extractor_name(settings), error="fetch returned no HTML")
    page_url = url if url.startswith(("http://", "https://")) else None
    art = extract_html(fetched.html, url=page_url, settings=settings)
    if art.url != url:
        # keep the fetch URL as the article's URL (file:// inputs have no page URL)
        ident = art.canonical_url or url
        import dataclasses
        art = dataclasses.replace(art, url=url, article_id=stable_id(ident))
    return art
