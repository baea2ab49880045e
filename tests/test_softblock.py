"""Soft-block detection: walls are blocked, real articles with banners are not."""
from __future__ import annotations

import pytest

from pipeline.softblock import REASONS, detect_soft_block

ARTICLE = "".join(
    f"<p>Paragraph {i}: the regional water utility confirmed on Tuesday that a ransomware attack "
    f"had disrupted its billing systems, and engineers restored service after two days of work.</p>"
    for i in range(8)
)


def page(body: str, title: str = "News", head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


COOKIE_BANNER = (
    '<div id="cookie-consent" class="cmp-banner"><p>We value your privacy. We and our partners use '
    'cookies to personalise content and ads.</p><button>Accept all cookies</button>'
    '<button>Reject all</button></div>'
)

BLOCKED = {
    "consent_google_style": (page(
        '<div class="consent-dialog"><h1>Before you continue</h1><p>We use cookies and data to '
        'deliver and maintain services.</p><button>Reject all</button><button>Accept all</button>'
        '</div>', title="Before you continue"), "consent_wall"),
    "consent_german": (page(
        '<div id="sp_message_container"><p>Wir und unsere Partner verwenden Cookies. Mit Klick auf '
        '„Alle akzeptieren" erteilen Sie Ihre Einwilligung.</p><button>Alle akzeptieren</button>'
        '</div><nav><a href="/">Start</a></nav>'), "consent_wall"),
    "consent_by_url": (page("<div><button>OK</button></div>"), "consent_wall"),
    "captcha_cloudflare": (page(
        '<div id="cf-wrapper"><h1>Checking your browser before accessing example.org.</h1>'
        '<div class="cf-browser-verification"></div></div>', title="Just a moment..."), "captcha"),
    "captcha_recaptcha_only": (page(
        '<form action="/verify"><p>Please verify you are a human to continue.</p>'
        '<div class="g-recaptcha" data-sitekey="x"></div></form>', title="Security check"),
        "captcha"),
    "captcha_russian": (page(
        '<div><p>Подтвердите, что вы не робот.</p><div class="smart-captcha"></div></div>',
        title="Проверка"), "captcha"),
    "paywall_en": (page(
        '<article><h1>Breach at the port</h1><p>The port authority said on Monday that attackers '
        'had reached its cargo systems.</p><div class="paywall"><p>Subscribe to continue reading.'
        '</p><p>Already a subscriber? Log in</p></div></article>'), "paywall"),
    "paywall_fr": (page(
        '<article><h1>Cyberattaque</h1><p>La mairie a confirmé une intrusion dans son réseau '
        'informatique ce lundi.</p><div class="abo"><p>Cet article est réservé aux abonnés.</p>'
        '<p>Déjà abonné ? Connectez-vous</p></div></article>'), "paywall"),
    "paywall_de": (page(
        '<article><h1>Angriff</h1><p>Die Stadtwerke melden einen Ausfall der IT-Systeme.</p>'
        '<div><p>Dieser Artikel ist exklusiv für Abonnenten.</p><a>Jetzt abonnieren</a></div>'
        '</article>'), "paywall"),
    "js_noscript": (page(
        '<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>'
        '<script src="/static/main.js"></script>'), "javascript_required"),
    "js_japanese": (page(
        '<div><p>このサイトを表示するにはJavaScriptを有効にしてください。</p></div>'),
        "javascript_required"),
    "js_spa_shell": (page(
        '<div id="__next"></div><script src="/a.js"></script><script src="/b.js"></script>'),
        "javascript_required"),
}

NOT_BLOCKED = {
    "plain_article": page(f"<article><h1>Water utility hit</h1>{ARTICLE}</article>"),
    "article_with_cookie_banner": page(
        f"{COOKIE_BANNER}<article><h1>Water utility hit</h1>{ARTICLE}</article>"),
    "article_body_marked_paywall": page(
        f'<article><div class="paywall">{ARTICLE}</div><p>Already a subscriber? Sign in</p>'
        "</article>"),
    "article_with_recaptcha_comment_form": page(
        f'<article>{ARTICLE}</article><form class="comment-form"><textarea></textarea>'
        '<div class="g-recaptcha" data-sitekey="x"></div><p>Please verify you are a human.</p>'
        "</form>"),
    "article_with_noscript_notice": page(
        f"<noscript>Please enable JavaScript to view the comments.</noscript>"
        f"<article>{ARTICLE}</article>"),
    "article_with_newsletter_box": page(
        f"<article>{ARTICLE}</article><div class='newsletter'><p>Subscribe to our newsletter"
        "</p></div>"),
}


@pytest.mark.parametrize("name", sorted(BLOCKED))
def test_walls_are_detected(name):
    html, reason = BLOCKED[name]
    url = "https://consent.example.org/?continue=x" if name == "consent_by_url" else None
    assert detect_soft_block(html, url=url) == reason


@pytest.mark.parametrize("name", sorted(NOT_BLOCKED))
def test_real_articles_are_not_blocked(name):
    assert detect_soft_block(NOT_BLOCKED[name], url="https://news.example.org/a") is None


def test_reasons_are_the_documented_ones():
    assert set(REASONS) == {"captcha", "consent_wall", "paywall", "javascript_required"}
    assert {reason for _, reason in BLOCKED.values()} == set(REASONS)


@pytest.mark.parametrize("html", ["", "   ", "<<<>>>", "\x00\x01", "<html></html>"])
def test_garbage_never_raises(html):
    assert detect_soft_block(html) in (None, *REASONS)


def test_benchmark_articles_are_not_blocked(shared_dir):
    """No page of the extraction dev split (all real articles) is reported as a wall."""
    pages = sorted((shared_dir / "corpora" / "extraction" / "dev" / "html").glob("*.html"))
    assert pages
    flagged = [p.name[:12] for p in pages
               if detect_soft_block(p.read_text("utf-8", errors="replace")) is not None]
    assert flagged == []


def test_cjk_article_with_consent_banner_is_not_blocked():
    # a Japanese article is short in characters; the cookie notice must not outweigh it
    body = ('<div class="cookie-consent"><p>当サイトではクッキーを使用しています。</p>'
            "<button>同意する</button></div><article>"
            + "".join(f"<p>学園は{i}日、校内のサーバーがランサムウェアに感染し、成績管理システムが"
                      "使えなくなったと発表した。</p>" for i in range(1, 6))
            + "</article>")
    assert detect_soft_block(page(body, title="ニュース")) is None


def test_cjk_consent_wall_is_blocked():
    body = ('<div class="consent-modal"><p>当サイトではクッキーを使用しています。'
            "続行するには同意してください。</p><button>すべて同意</button></div>")
    assert detect_soft_block(page(body, title="プライバシー設定")) == "consent_wall"


def test_short_brief_with_subscriber_link_in_header_is_not_a_paywall():
    brief = ("<p>The county council said on Monday that its website had been taken offline "
             "after a denial-of-service attack and would be restored within hours.</p>")
    html = page('<header class="masthead"><a href="/login">Already a subscriber? Log in</a> '
                '<a href="/subscribe">Subscribe now to continue reading our journalism</a></header>'
                f"<article><h1>Council website down</h1>{brief}</article>"
                "<footer><p>Subscribers only: e-paper archive</p></footer>")
    assert detect_soft_block(html) is None


def test_short_news_item_under_a_cookie_banner_is_not_a_wall():
    brief = ("<p>The county council said on Monday that its website had been taken offline "
             "after a denial-of-service attack.</p><p>Phone lines and offices are open as usual, "
             "a spokesperson said, and no personal data was affected.</p>")
    html = page('<div class="cookie-banner"><p>We use cookies.</p><button>Accept all cookies'
                f"</button></div><article><h1>Council website down</h1>{brief}</article>")
    assert detect_soft_block(html) is None


def test_cue_lists_keep_their_meaning_when_split_into_branches():
    """The wall cue regexes run as per-literal branches (pipeline.residue._cues): the same
    texts match as with the one alternation they are written as."""
    import re

    from pipeline.residue import _branches, _cues

    pattern = (r"subscribe (now )?to (continue|keep) reading|already a subscriber\??|"
               r"(this|the) (article|story) is (reserved|exclusive)|[|]pipe|weiterlesen mit")
    assert len(_branches(pattern)) == 5
    whole, cues = re.compile(pattern, re.I), _cues(pattern)
    for text in ("Subscribe now to keep reading", "ALREADY A SUBSCRIBER?", "This story is reserved",
                 "a |pipe here", "Weiterlesen mit Abo", "Subscribers read more", "the article is",
                 "", "reserved exclusive subscribe"):
        assert bool(whole.search(text)) == bool(cues.search(text)), text
