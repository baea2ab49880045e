"""Soft-block detection: pages that came back "200 OK" but hold a wall instead of the article.

``detect_soft_block(html, url=...)`` returns one of

* ``"captcha"``              bot checks (reCAPTCHA / hCaptcha / Cloudflare "Just a moment…")
* ``"consent_wall"``         a cookie / privacy consent page that hides the content
* ``"paywall"``              "subscribe to continue reading" with only a teaser left
* ``"javascript_required"``  "please enable JavaScript" pages and empty single-page-app shells

or ``None`` for a normal page.

The rule is conservative: a wall signal alone is not enough. Almost every news page carries a
cookie banner, a "subscribe" box or a reCAPTCHA on its comment form; the page is blocked only when
the wall signal is present *and* little article text remains outside wall-like containers
(cookie/consent/paywall/modal/newsletter boxes, navigation, header, footer, forms).
Cue lists are multilingual (en, es, de, fr, it, pt, nl, ru, ja and a few more).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from .residue import _cues

__all__ = ["REASONS", "detect_soft_block", "prose_chars", "soft_block_from_tree"]

REASONS = ("captcha", "consent_wall", "paywall", "javascript_required")

# Article text (chars in body paragraphs outside wall containers) below which a wall cue blocks.
_CAPTCHA_MAX_TEXT = 300            # a bot check shows no article at all
_CONSENT_MAX_TEXT = 600            # ... and less article text than consent text
_PAYWALL_MAX_TEXT = 900
_PAYWALL_FLAGGED_MAX_TEXT = 1400   # JSON-LD isAccessibleForFree=false as well as a visible cue
_JS_MAX_TEXT = 250
_ENOUGH_PROSE = 1500               # this much paragraph text: a real page, no need to look further

_DROP_TAGS = {"script", "style", "template", "svg", "head", "noscript", "iframe", "button",
              "select", "option", "textarea"}
_CHROME_TAGS = {"nav", "header", "footer", "form", "aside", "dialog"}
_CAPTCHA_TITLE = re.compile(
    r"^\s*(just a moment|attention required|access denied|are you a (human|robot)|"
    r"verify(ing)? you are (a )?human|security check|robot check|captcha|"
    r"one more step|pardon our interruption|please verify|bot verification|"
    r"un instant|einen moment|checking your browser|ddos-guard)",
    re.I,
)
_CAPTCHA_MARKUP = _cues(
    r"g-recaptcha|h-captcha|hcaptcha\.com/1/api|cf-challenge|cf_chl_|challenge-platform|"
    r"cf-browser-verification|px-captcha|perimeterx|datadome|captcha-delivery\.com|"
    r"geo\.captcha|ddos-guard|sucuri_cloudproxy|/distil_r_captcha|awswaf|"
    r"please complete the security check|checking (if the site connection is secure|your browser)")
_CAPTCHA_TEXT = _cues(
    r"verify (that )?you are (a )?human|are you a robot|i'?m not a robot|unusual traffic|"
    r"complete the (security check|captcha)|prove you('| a)re (a )?human|press (&|and) hold|"
    r"bestätigen sie, dass sie (k)?ein (mensch|roboter)|vérifi\w+ que vous (êtes|n'êtes pas)|"
    r"compruebe que no es un robot|verifica que eres humano|"
    r"подтвердите, что вы не робот|вы не робот|ロボットではありません|"
    r"captcha")

_CAPTCHA_KEYS = ("captcha", "challenge", "cf-browser-verification", "perimeterx", "datadome",
                 "ddos-guard", "sucuri", "awswaf", "security check", "checking ")

_CONSENT_TEXT = _cues(
    r"before you continue|we value your privacy|your privacy choices|cookie (settings|preferences)|"
    r"accept (all )?cookies|reject all|manage (your )?(cookie|consent|preferences)|"
    r"we and our (\d+ )?partners|consent to (the use of|our use of)|personalised ads|"
    r"bevor sie fortfahren|zustimmen|einwilligung|alle akzeptieren|cookie-einstellungen|"
    r"avant de continuer|tout accepter|nous respectons votre vie privée|consentement|"
    r"antes de continuar|aceptar (todas|todo|cookies)|consentimiento|"
    r"prima di continuare|accetta tutti|acconsenti|"
    r"aceitar (todos|cookies)|consentimento|"
    r"alle cookies accepteren|toestemming|"
    r"принять все|согласие на (обработку|использование)|использование файлов cookie|"
    r"同意する|すべて同意|クッキー|"
    r"zaakceptuj wszystkie|hyväksy kaikki|godkänn alla|accepter alle")
_CONSENT_URL = re.compile(r"(^|\.)(consent|guce|privacy|cmp)\.|/consent|/cookie-?wall|/privacy-gate",
                          re.I)

_PAYWALL_TEXT = _cues(
    r"subscribe (now )?to (continue|keep) reading|to continue reading,? (please )?(subscribe|log ?in|sign ?in)|"
    r"(this|the) (article|story|content) is (only available|reserved|exclusive) (to|for) (subscribers|members)|"
    r"for subscribers only|subscribers only|already a subscriber\??|"
    r"you('ve| have) (reached|used) (your|all) .{0,20}free (articles|stories)|"
    r"sign in to (read|continue)|create a free account to (read|continue)|"
    r"unlock (this|the full) (article|story)|become a (member|subscriber) to read|"
    r"weiterlesen mit|jetzt abonnieren|exklusiv für abonnenten|nur für abonnenten|abo abschließen|"
    r"bereits abonnent|"
    r"réservé aux abonnés|abonnez-vous pour (lire|continuer)|déjà abonné|"
    r"(contenido|artículo) (exclusivo )?para suscriptores|suscríbete para (seguir leyendo|continuar)|"
    r"ya eres suscriptor|"
    r"riservato agli abbonati|abbonati per continuare|"
    r"exclusivo para assinantes|assine para continuar|"
    r"доступ(ен|но) только (для )?подписчик|оформите подписку, чтобы|"
    r"有料会員|会員限定|続きを読むには")

_JS_TEXT = _cues(
    r"(enable|activate|turn on|allow) javascript|javascript (is )?(required|disabled|must be enabled|"
    r"is not enabled|seems to be disabled)|requires javascript|you need to enable javascript|"
    r"browser (does not|doesn't) support javascript|"
    r"javascript (aktivieren|ist deaktiviert)|aktivieren sie javascript|"
    r"(activez|activer) (le )?javascript|javascript est désactivé|"
    r"(habilita|activa|habilitar|activar) (el )?javascript|"
    r"(abilita|attiva) javascript|(ative|habilite) o javascript|"
    r"включите javascript|javascript отключ|"
    r"javascriptを有効|javascript.{0,6}有効に")
_PRIVACY_WORD = _cues(r"cookie|consent|privacy|datenschutz|confidentialit|privacidad|privacit|"
                           r"privacidade|конфиденциальн|プライバシー|クッキー")
_SPA_ROOT = re.compile(r"^(root|app|__next|__nuxt|svelte|main-app|react-root|ember-app)$", re.I)


def _attr_blob(el: etree._Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"


def _tokens(el: etree._Element) -> frozenset[str]:
    cls, ident, role = el.get("class"), el.get("id"), el.get("role")
    if cls is None and ident is None and role is None:
        return _NO_TOKENS               # most elements: nothing to split
    return _token_set(f"{cls or ''} {ident or ''} {role or ''}")


_NO_TOKENS: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def _token_set(blob: str) -> frozenset[str]:
    """Tokens of class/id/role values (pages repeat the same class strings many times)."""
    return frozenset(_TOKEN_SPLIT.split(blob.lower())) - {""}


_TOKEN_SPLIT = re.compile(r"[\s\-_:]+")
# class/id tokens of containers whose text is not article text (exact tokens, not substrings:
# "l-sidebar-fixed l-article-body" must not hide the article)
_WALL_TOKENS = frozenset({
    "cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "didomi", "usercentrics",
    "cookiebot", "truste", "captcha", "recaptcha", "hcaptcha", "modal", "popup", "overlay",
    "dialog", "newsletter", "nav", "navbar", "navigation", "menu", "footer", "comments",
    "comment", "regwall", "banner",
})
_CONSENT_TOKENS = frozenset({
    "cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "didomi", "usercentrics",
    "cookiebot", "truste", "privacy", "modal", "popup", "overlay", "dialog", "qc", "sp",
})
_TEXT_XPATH = etree.XPath("//body//text()")
_NO_TEXT_PARENTS = frozenset({"script", "style", "noscript", "template", "svg", "path"})
_LONG_RUN = 30   # a text run of at least this many chars is prose, not a label or a button


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _weight(t: str) -> int:
    """Length of a text run, with CJK characters counted three times (a CJK character carries
    about as much as a short word, so a Japanese article is "shorter" in characters)."""
    n = len(t)
    return n if t.isascii() else n + 2 * len(_CJK.findall(t))


_PAGE_CHROME = frozenset({"nav", "header", "footer"})
_PAGE_CHROME_TOKENS = frozenset({"nav", "navbar", "navigation", "menu", "header", "masthead",
                                 "footer", "topbar", "toolbar"})


def _in_wall(el: etree._Element, cache: dict) -> tuple[bool, bool, bool]:
    """(inside a wall/chrome container, inside a consent container, inside the page's
    header/navigation/footer) for an element."""
    key = el
    if key in cache:
        return cache[key]
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("body", "html"):
        res = (False, False, False)
    else:
        toks = _tokens(el)
        wall = tag in _CHROME_TAGS or tag in _DROP_TAGS or bool(toks & _WALL_TOKENS)
        consent = tag == "dialog" or bool(toks & _CONSENT_TOKENS) or el.get("aria-modal") == "true"
        chrome = tag in _PAGE_CHROME or bool(toks & _PAGE_CHROME_TOKENS)
        parent = el.getparent()
        if parent is not None:
            pw, pc, ph = _in_wall(parent, cache)
            wall, consent, chrome = wall or pw, consent or pc, chrome or ph
        res = (wall, consent, chrome)
    cache[key] = res
    return res


def _text_stats(root: etree._Element) -> tuple[int, int, str, str, str, str]:
    """Text measures of a page.

    Returns (article chars, visible chars, visible text, wall text, consent text, main text):
    article chars count prose runs (>= _LONG_RUN chars) outside chrome and wall containers;
    visible text is all text outside script/style/noscript; main text leaves out the page's
    header, navigation and footer (where "Subscribe" / "Already a subscriber?" links live on
    every page of a site).
    """
    article = 0
    visible = 0
    parts: list[str] = []
    wall_parts: list[str] = []
    consent_parts: list[str] = []
    main_parts: list[str] = []
    cache: dict = {}
    for node in _TEXT_XPATH(root):
        t = node.strip()
        if not t:
            continue
        owner = node.getparent()
        if owner is None:
            continue
        if node.is_tail:
            owner = owner.getparent() if owner.getparent() is not None else owner
        elif owner.tag in _NO_TEXT_PARENTS:
            continue
        visible += len(t)
        parts.append(t)
        n = _weight(t)
        if n >= _LONG_RUN or visible < 6000 or len(wall_parts) < 200:
            wall, consent, chrome = _in_wall(owner, cache)
        else:
            continue
        if not chrome:
            main_parts.append(t)
        if wall:
            wall_parts.append(t)
        else:
            if n >= _LONG_RUN:
                article += n
        if consent:
            consent_parts.append(t)
    return (article, visible, " ".join(parts), " ".join(wall_parts), " ".join(consent_parts),
            " ".join(main_parts))


def prose_chars(root: etree._Element, stop_at: int | None = None) -> int:
    """Characters of prose paragraphs on the page (``<p>`` of >= 30 chars, mostly not links,
    outside navigation, footers, forms and cookie/newsletter/comment/modal containers).

    A cheap estimate of how much article text the page holds; counting stops at ``stop_at``.
    """
    total = 0
    cache: dict = {}
    for p in root.iter("p"):
        txt = p.text_content().strip()
        n = _weight(txt)
        if n < _LONG_RUN:
            continue
        if _in_wall(p, cache)[0]:
            continue
        links = sum(len(a.text_content()) for a in p.iter("a"))
        if links > 0.5 * n:
            continue
        total += n
        if stop_at is not None and total >= stop_at:
            break
    return total


def _json_ld_not_free(root: etree._Element) -> bool:
    for s in root.iter("script"):
        if (s.get("type") or "").lower() != "application/ld+json" or not s.text:
            continue
        if "isAccessibleForFree" not in s.text:
            continue
        if re.search(r'"isAccessibleForFree"\s*:\s*"?(false|False)"?', s.text):
            return True
        try:
            data = json.loads(s.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            d = stack.pop()
            if isinstance(d, dict):
                v = d.get("isAccessibleForFree")
                if v is False or (isinstance(v, str) and v.lower() == "false"):
                    return True
                stack.extend(d.values())
            elif isinstance(d, list):
                stack.extend(d)
    return False


def soft_block_from_tree(root: etree._Element, *, url: str | None = None,
                         raw: str = "", prose: int | None = None) -> str | None:
    """Like :func:`detect_soft_block` for an already parsed lxml tree (not modified).

    ``prose`` may pass a :func:`prose_chars` count already computed for this tree.
    """
    if prose is None:
        prose = prose_chars(root, stop_at=_ENOUGH_PROSE)
    if prose >= _ENOUGH_PROSE:
        return None
    if prose >= _PAYWALL_MAX_TEXT and not _json_ld_not_free(root):
        return None     # above every threshold but the flagged-paywall one
    title_el = root.find(".//title")
    title = (title_el.text or "").strip() if title_el is not None else ""
    article, visible, all_text, wall_text, consent_text, main_text = _text_stats(root)
    if article >= max(_CAPTCHA_MAX_TEXT, _CONSENT_MAX_TEXT, _PAYWALL_FLAGGED_MAX_TEXT, _JS_MAX_TEXT):
        return None
    all_text = re.sub(r"\s+", " ", all_text)
    head = raw[:200000] if raw else ""

    # captcha / bot check
    if article < _CAPTCHA_MAX_TEXT:
        if _CAPTCHA_TITLE.search(title):
            return "captcha"
        low = head.lower()
        markup = (any(k in low for k in _CAPTCHA_KEYS) and bool(_CAPTCHA_MARKUP.search(low, low))) \
            if head else any(
            _CAPTCHA_MARKUP.search(_attr_blob(el) + " " + (el.get("src") or ""))
            for el in root.iter("div", "script", "iframe", "form"))
        if markup and (article < 200 or _CAPTCHA_TEXT.search(all_text)):
            return "captcha"
        if _CAPTCHA_TEXT.search(all_text) and visible < 1500:
            return "captcha"

    # consent wall: the consent text outweighs what is left of the article (a short news item
    # under a cookie banner is not a wall)
    if article < min(_CONSENT_MAX_TEXT, max(200, _weight(consent_text))):
        host_hit = bool(url and _CONSENT_URL.search(urlsplit(url).netloc + urlsplit(url).path))
        if host_hit or _CONSENT_TEXT.search(consent_text) or (
                visible < 3000 and _CONSENT_TEXT.search(all_text)):
            if host_hit or _PRIVACY_WORD.search(consent_text + " " + all_text[:5000] + " " + title):
                return "consent_wall"

    # paywall
    limit = _PAYWALL_FLAGGED_MAX_TEXT if _json_ld_not_free(root) else _PAYWALL_MAX_TEXT
    if article < limit and _PAYWALL_TEXT.search(main_text):
        return "paywall"

    # JavaScript required
    if article < _JS_MAX_TEXT:
        noscript = " ".join(" ".join(n.itertext()) for n in root.iter("noscript"))
        if _JS_TEXT.search(all_text) or _JS_TEXT.search(noscript) or _JS_TEXT.search(title):
            return "javascript_required"
        if visible < 40:
            n_scripts = sum(1 for s in root.iter("script") if s.get("src") or (s.text or "").strip())
            spa_root = any(_SPA_ROOT.match(el.get("id", "")) for el in root.iter("div"))
            if n_scripts >= 1 and (spa_root or n_scripts >= 3):
                return "javascript_required"
    return None


def detect_soft_block(html: str, *, url: str | None = None) -> str | None:
    """The soft-block reason for a fetched page, or ``None`` for a normal page.

    Reasons: ``"captcha"``, ``"consent_wall"``, ``"paywall"``, ``"javascript_required"``.
    Never raises on malformed HTML (unparseable input gives ``None``).
    """
    if not html or not html.strip():
        return None
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        try:
            root = lxml.html.document_fromstring(html.encode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            return None
    return soft_block_from_tree(root, url=url, raw=html)
