"""pipeline.fetch against real HTTP servers on loopback addresses (127.0.0.x only).

The server simulates what the web does to a fetcher: slow answers, resets, 5xx then success,
429 with Retry-After, redirect chains and loops, oversized and gzip-bomb bodies, pages in
cp1252 and Shift_JIS with a wrong or missing charset, non-HTML types, robots.txt rules and a
consent wall. Every test passes ``allow_private=True`` except the one that checks the refusal.
"""
from __future__ import annotations

import dataclasses
import gzip
import http.server
import socket
import sqlite3
import ssl
import struct
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline import fetch as fetch_mod
from pipeline import transport
from pipeline.decode import canonical_link, decode_html
from pipeline.fetch import fetch_many, fetch_url
from pipeline.inputs import InputItem, clean_url, iter_inputs
from pipeline.records import FetchStatus
from pipeline.settings import load_settings

pytestmark = pytest.mark.network

ARTICLE = ("<p>The regional water utility confirmed on Tuesday that attackers had encrypted "
           "billing servers, and that customer payment data may have been copied before the "
           "systems were taken offline. Engineers restored the main portal by Thursday.</p>") * 3


def page(title: str, body: str = ARTICLE, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


CONSENT = ("<html><head><title>Before you continue</title></head><body>"
           "<div class='consent-wall'><h1>We value your privacy</h1><p>We and our partners use "
           "cookies to store and access information on your device. Accept all cookies to "
           "continue to the site, or manage your preferences.</p><button>Accept all</button>"
           "<button>Manage options</button></div></body></html>")
BOMB = gzip.compress(b"\0" * 30_000_000, compresslevel=9)   # ~30 KB on the wire
JAPANESE = "サイバー攻撃により病院のシステムが停止し、患者の個人情報が流出した可能性がある。" * 4


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True   # headers and body go out in separate writes

    def log_message(self, *args):  # quiet
        pass

    def send(self, code=200, body=b"", ctype="text/html; charset=utf-8", headers=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: C901 - one route table
        srv = self.server
        path = self.path
        with srv.lock:
            srv.hits[path] += 1
            n = srv.hits[path]
            srv.log.append((time.monotonic(), path))
            srv.active += 1
            srv.max_active = max(srv.max_active, srv.active)
        try:
            self.route(path, n)
        finally:
            with srv.lock:
                srv.active -= 1

    def route(self, path, n):
        srv = self.server
        if srv.latency:
            time.sleep(srv.latency)
        if path == "/robots.txt":
            if srv.robots is None:
                return self.send(404, "no robots", "text/plain")
            return self.send(200, srv.robots, "text/plain")
        if path.startswith("/ok/") or path.startswith("/p/"):
            return self.send(200, page(f"Page {path}"))
        if path == "/slow":
            time.sleep(1.5)
            return self.send(200, page("slow"))
        if path.startswith("/hold/"):
            time.sleep(0.15)
            return self.send(200, page(f"hold {n}"))
        if path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if path == "/flaky":
            if n == 1:
                return self.send(500, "oops", "text/plain")
            if n == 2:
                return self.send(503, "busy", "text/plain")
            return self.send(200, page("flaky, then fine"))
        if path == "/busy":
            if n == 1:
                return self.send(503, "busy", "text/plain")
            return self.send(200, page("busy, then fine"))
        if path == "/always500":
            return self.send(500, "down", "text/plain")
        if path == "/rate":
            if n == 1:
                return self.send(429, "slow down", "text/plain", [("Retry-After", "1")])
            return self.send(200, page("rate limited, then fine"))
        if path == "/404":
            return self.send(404, "nope", "text/html")
        if path.startswith("/chain/"):
            k = int(path.rsplit("/", 1)[1])
            if k == 0:
                return self.send(200, page("end of chain"))
            return self.send(302, "", None, [("Location", f"/chain/{k - 1}")])
        if path == "/loop/a":
            return self.send(301, "", None, [("Location", "/loop/b")])
        if path == "/loop/b":
            return self.send(301, "", None, [("Location", "/loop/a")])
        if path == "/big":
            return self.send(200, b"<html>" + b"x" * 300_000)
        if path == "/big-unknown-length":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            for _ in range(40):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            return
        if path == "/bomb":
            return self.send(200, BOMB, "text/html", [("Content-Encoding", "gzip")])
        if path == "/gzip":
            return self.send(200, gzip.compress(page("compressed").encode()), "text/html",
                             [("Content-Encoding", "gzip")])
        if path == "/cp1252-wrong-header":
            body = page("Café sécurité", "<p>Le coût de l’attaque: 5 000 € selon l’équipe de "
                        "réponse à incident; les données ont été chiffrées.</p>" * 3)
            return self.send(200, body.encode("cp1252"), "text/html; charset=utf-8")
        if path == "/sjis-no-charset":
            return self.send(200, page("病院", f"<p>{JAPANESE}</p>").encode("shift_jis"),
                             "text/html")
        if path == "/sjis-wrong-meta":
            head = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            return self.send(200, page("病院", f"<p>{JAPANESE}</p>", head).encode("shift_jis"),
                             "text/html")
        if path == "/pdf":
            return self.send(200, b"%PDF-1.4 ...", "application/pdf")
        if path == "/no-type":
            return self.send(200, page("sniffed"), None)
        if path == "/no-type-binary":
            return self.send(200, b"\x89PNG\r\n\x1a\n....", None)
        if path == "/private/secret":
            return self.send(200, page("secret"))
        if path == "/consent":
            return self.send(200, CONSENT)
        if path.startswith("/dup/"):
            head = '<link rel="canonical" href="/article/same-story">'
            return self.send(200, page("same story", head=head))
        if path == "/bad-location":
            return self.send(302, "", None, [("Location", "http://[::1")])
        if path == "/ftp-location":
            return self.send(301, "", None, [("Location", "ftp://127.0.0.1/file.pdf")])
        if path == "/pdf-as-html":
            return self.send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type/Catalog>>\n"
                             + bytes(range(256)), "text/html; charset=utf-8")
        if path.startswith("/to-other-host"):
            return self.send(302, "", None, [("Location", srv.other_url)])
        return self.send(404, "unknown route", "text/plain")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address: str, robots: str | None = None, latency: float = 0.0):
        super().__init__((address, 0), Handler)
        self.lock = threading.Lock()
        self.hits: Counter = Counter()
        self.log: list[tuple[float, str]] = []
        self.active = self.max_active = 0
        self.robots = robots
        self.latency = latency
        self.other_url = ""

    def handle_error(self, request, client_address):
        pass   # the client hanging up on /slow, /big, /bomb is part of the test

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{path}"


def start(server: Server) -> Server:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    return server


@pytest.fixture()
def server():
    srv = start(Server("127.0.0.1", robots="User-agent: *\nDisallow: /private/\n"))
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture()
def fs():
    return dataclasses.replace(
        load_settings().fetch, allow_private=True, concurrency=32, per_host_concurrency=16,
        retries=2, backoff_base=0.01, backoff_max=0.05, connect_timeout=1.0,
        read_timeout=0.5, total_timeout=3.0, max_bytes=200_000)


def run(urls, fs, **kw):
    items = list(iter_inputs(urls))
    results = list(fetch_many(items, fs, **kw))
    return items, {r.url: r for r in results}, results


# ----------------------------------------------------------------------------- statuses
def test_every_simulated_failure_gets_its_status_and_every_url_one_row(server, fs):
    routes = {
        "/ok/1": FetchStatus.OK, "/slow": FetchStatus.TIMEOUT, "/reset": None,
        "/flaky": FetchStatus.OK, "/always500": FetchStatus.HTTP_5XX,
        "/rate": FetchStatus.OK, "/404": FetchStatus.HTTP_4XX,
        "/chain/3": FetchStatus.OK, "/chain/7": FetchStatus.REDIRECT_LOOP,
        "/loop/a": FetchStatus.REDIRECT_LOOP, "/big": FetchStatus.TOO_LARGE,
        "/big-unknown-length": FetchStatus.TOO_LARGE, "/bomb": FetchStatus.TOO_LARGE,
        "/gzip": FetchStatus.OK, "/cp1252-wrong-header": FetchStatus.OK,
        "/sjis-no-charset": FetchStatus.OK, "/sjis-wrong-meta": FetchStatus.OK,
        "/pdf": FetchStatus.UNSUPPORTED_TYPE, "/no-type": FetchStatus.OK,
        "/no-type-binary": FetchStatus.UNSUPPORTED_TYPE,
        "/private/secret": FetchStatus.ROBOTS_DENIED, "/consent": FetchStatus.BLOCKED,
    }
    urls = [server.url(p) for p in routes] + ["not a url at all", "ftp://example.org/x"]
    items, by_url, results = run(urls, fs)

    # every input accounted for exactly once
    assert len(results) == len(items) == len(urls)
    assert Counter(r.url for r in results) == Counter(i.url for i in items)

    got = {p: by_url[clean_url(server.url(p))] for p in routes}
    for path, expected in routes.items():
        if expected is not None:
            assert got[path].status is expected, (path, got[path].status, got[path].error)
    assert got["/reset"].status in (FetchStatus.CONNECT_ERROR, FetchStatus.READ_ERROR)
    assert got["/reset"].attempts == fs.retries + 1
    assert got["/flaky"].attempts == 3 and got["/flaky"].http_status == 200
    assert got["/always500"].attempts == fs.retries + 1
    assert got["/always500"].http_status == 500
    assert got["/rate"].attempts == 2 and got["/rate"].elapsed_s >= 0.9   # waited Retry-After
    assert got["/404"].http_status == 404 and got["/404"].attempts == 1  # 4xx not retried
    assert got["/slow"].attempts == fs.retries + 1
    chain = got["/chain/3"]
    assert chain.redirects == tuple(server.url(f"/chain/{k}") for k in (3, 2, 1))
    assert chain.final_url == server.url("/chain/0")
    assert "more than 5 redirects" in got["/chain/7"].error
    assert "loop" in got["/loop/a"].error
    assert "Content-Length" in got["/big"].error
    assert "decompressed" in got["/bomb"].error
    assert got["/gzip"].html.count("compressed") >= 2
    cp = got["/cp1252-wrong-header"]
    assert "Café sécurité" in cp.html and "5 000 €" in cp.html and "’" in cp.html
    assert cp.raw.decode("cp1252") == cp.html
    for path in ("/sjis-no-charset", "/sjis-wrong-meta"):
        assert JAPANESE in got[path].html, (path, got[path].charset)
    assert got["/consent"].error == "consent_wall"
    assert got["/private/secret"].attempts == 0 and server.hits["/private/secret"] == 0
    assert by_url["not a url at all"].status is FetchStatus.INVALID_URL
    assert by_url["ftp://example.org/x"].status is FetchStatus.INVALID_URL
    ok = got["/ok/1"]
    assert ok.http_status == 200 and ok.content_type.startswith("text/html")
    assert ok.raw_sha256 and ok.fetched_at is not None and ok.charset == "utf_8"
    assert server.hits["/robots.txt"] == 1   # cached per host


def test_a_redirect_to_a_url_that_cannot_be_parsed_or_followed_is_invalid_url(server, fs):
    # 'http://[::1' made urllib raise ValueError: the row said "internal error: ValueError"
    _, by_url, results = run([server.url("/bad-location"), server.url("/ftp-location")], fs)
    assert len(results) == 2
    bad = by_url[server.url("/bad-location")]
    assert bad.status is FetchStatus.INVALID_URL and bad.http_status == 302
    assert bad.error == "HTTP 302 redirect to 'http://[::1', not an http(s) URL"
    assert bad.redirects == (server.url("/bad-location"),)
    ftp = by_url[server.url("/ftp-location")]
    assert ftp.status is FetchStatus.INVALID_URL
    assert ftp.error == "HTTP 301 redirect to 'ftp://127.0.0.1/file.pdf', not an http(s) URL"


def test_a_binary_body_served_as_html_is_unsupported_type(server, fs):
    # a PDF sent as text/html was stored as an ok page of mojibake (then extracted as empty)
    _, by_url, _ = run([server.url("/pdf-as-html")], fs)
    r = by_url[server.url("/pdf-as-html")]
    assert r.status is FetchStatus.UNSUPPORTED_TYPE and r.html is None
    assert r.error == "the body holds binary data, not HTML (content type 'text/html')"


def test_robots_is_ignored_when_told(server, fs):
    fs = dataclasses.replace(fs, obey_robots=False)
    _, by_url, _ = run([server.url("/private/secret")], fs)
    assert by_url[server.url("/private/secret")].status is FetchStatus.OK
    assert server.hits["/robots.txt"] == 0


def test_user_agent_names_the_tool(server, fs):
    seen = []
    orig = Handler.route

    def spy(self, path, n):
        seen.append(self.headers.get("User-Agent"))
        return orig(self, path, n)

    Handler.route = spy
    try:
        fetch_url(server.url("/ok/ua"), fs)
    finally:
        Handler.route = orig
    assert seen and all(ua.startswith("cyber-incident-pipeline/") for ua in seen)


def test_duplicates_by_final_url_and_canonical_link(server, fs):
    urls = [server.url("/dup/a"), server.url("/dup/b?utm_source=x"), server.url("/chain/1"),
            server.url("/chain/0")]
    _, by_url, results = run(urls, fs)
    assert len(results) == 4
    dups = [r for r in results if r.status is FetchStatus.DUPLICATE]
    assert len(dups) == 2, [(r.url, r.status) for r in results]
    assert {r.status for r in results} == {FetchStatus.OK, FetchStatus.DUPLICATE}
    assert all(r.error.startswith("duplicate of ") and r.html is None for r in dups)
    assert canonical_link('<link href="/x/y" rel="canonical">', "http://a.org/z") == \
        "http://a.org/x/y"


def test_skip_fetches_only_what_is_not_done(server, fs):
    urls = [server.url(f"/p/{i}") for i in range(6)]
    items = list(iter_inputs(urls))
    skip = {items[0].url, items[3].url}
    results = list(fetch_many(items, fs, skip=skip))
    assert sorted(r.url for r in results) == sorted(i.url for i in items if i.url not in skip)
    assert server.hits["/p/0"] == server.hits["/p/3"] == 0


def test_on_progress_sees_every_result(server, fs):
    seen = []
    results = list(fetch_many(iter_inputs([server.url(f"/p/{i}") for i in range(5)]), fs,
                              on_progress=seen.append))
    assert seen == results


# ----------------------------------------------------------------------------- politeness
def test_per_host_and_global_limits_hold(fs):
    servers = [start(Server(f"127.0.0.{k}")) for k in (1, 2, 3)]
    try:
        fs = dataclasses.replace(fs, per_host_concurrency=2, concurrency=4)
        urls = [s.url(f"/hold/{i}") for i in range(8) for s in servers]
        t0 = time.monotonic()
        _, _, results = run(urls, fs)
        elapsed = time.monotonic() - t0
        assert all(r.status is FetchStatus.OK for r in results)
        assert all(s.max_active <= 2 for s in servers)
        assert sum(s.max_active for s in servers) >= 4
        # 24 requests of 0.15 s, at most 4 at once -> at least 0.9 s
        assert elapsed >= 0.85
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()


def test_crawl_delay_spaces_requests_to_a_host(fs):
    srv = start(Server("127.0.0.4", robots="User-agent: *\nCrawl-delay: 0.2\n"))
    try:
        run([srv.url(f"/p/{i}") for i in range(4)], fs)
        times = [t for t, p in srv.log if p.startswith("/p/")]
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert len(times) == 4 and min(gaps) >= 0.18, gaps
    finally:
        srv.shutdown()
        srv.server_close()


def test_a_503_slows_the_host_down(fs):
    srv = start(Server("127.0.0.8"))
    try:
        fs = dataclasses.replace(fs, per_host_concurrency=1, backoff_base=0.3, backoff_max=0.6,
                                 retries=0)   # no retry sleep: only the host's delay spaces
        _, by_url, _ = run([srv.url("/busy")] + [srv.url(f"/p/{i}") for i in range(3)], fs)
        assert by_url[srv.url("/busy")].status is FetchStatus.HTTP_5XX
        times = [t for t, p in srv.log if p != "/robots.txt"]
        first_503 = times[0]
        # after the 503 no request reaches the host before the raised per-host delay
        assert min(times[1:]) - first_503 >= 0.28, [round(t - first_503, 3) for t in times]
    finally:
        srv.shutdown()
        srv.server_close()


def test_private_addresses_are_refused_without_allow_private(server, fs):
    fs = dataclasses.replace(fs, allow_private=False)
    result = fetch_url(server.url("/ok/1"), fs)
    assert result.status is FetchStatus.PRIVATE_ADDRESS
    assert sum(server.hits.values()) == 0   # not even robots.txt


def test_redirect_to_a_private_address_is_refused(server, fs, monkeypatch):
    other = start(Server("127.0.0.5"))
    try:
        server.other_url = other.url("/ok/x")
        # pretend 127.0.0.1 is public so only the redirect target is private
        monkeypatch.setattr(transport, "is_public", lambda ip: str(ip) == "127.0.0.1")
        result = fetch_url(server.url("/to-other-host"),
                           dataclasses.replace(fs, allow_private=False))
        assert result.status is FetchStatus.PRIVATE_ADDRESS
        assert result.redirects == (server.url("/to-other-host"),)
        assert sum(other.hits.values()) == 0
    finally:
        other.shutdown()
        other.server_close()


def test_redirect_to_another_host_obeys_that_hosts_robots(server, fs):
    other = start(Server("127.0.0.7", robots="User-agent: *\nDisallow: /private/\n"))
    try:
        server.other_url = other.url("/ok/elsewhere")
        ok = fetch_url(server.url("/to-other-host"), fs)
        assert ok.status is FetchStatus.OK and ok.final_url == other.url("/ok/elsewhere")
        assert ok.redirects == (server.url("/to-other-host"),) and ok.attempts == 2
        server.other_url = other.url("/private/x")
        denied = fetch_url(server.url("/to-other-host") + "?again=1", fs)
        assert denied.status is FetchStatus.ROBOTS_DENIED
        assert other.hits["/private/x"] == 0
        assert other.hits["/robots.txt"] == 2   # once per run: the cache lives for a run
    finally:
        other.shutdown()
        other.server_close()


def test_a_retry_after_beyond_the_cap_is_not_waited_for(server, fs):
    result = fetch_url(server.url("/rate"), dataclasses.replace(fs, max_retry_after=0.5))
    assert result.status is FetchStatus.HTTP_4XX and result.http_status == 429
    assert result.attempts == 1 and "max_retry_after" in result.error
    assert result.elapsed_s < 0.9


def test_dns_failure(fs, monkeypatch):
    def no_such_host(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(transport, "resolve", no_such_host)
    result = fetch_url("http://no-such-host.invalid/news", fs)
    assert result.status is FetchStatus.DNS_ERROR and "no-such-host.invalid" in result.error


def test_connection_refused(fs):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    result = fetch_url(f"http://127.0.0.1:{port}/x", fs)
    assert result.status is FetchStatus.CONNECT_ERROR
    assert result.attempts == fs.retries + 1
    assert result.error.startswith("robots.txt: ")   # the page is not tried without robots.txt
    result = fetch_url(f"http://127.0.0.1:{port}/x", dataclasses.replace(fs, obey_robots=False))
    assert result.status is FetchStatus.CONNECT_ERROR
    assert result.attempts == fs.retries + 1 and not result.error.startswith("robots")


@pytest.fixture()
def tls_server(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    done = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("openssl cannot make a test certificate")
    srv = Server("127.0.0.1", robots=None)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    start(srv)
    yield srv
    srv.shutdown()
    srv.server_close()


def test_tls_is_verified_unless_insecure(tls_server, fs):
    url = tls_server.url("/ok/tls").replace("http://", "https://")
    bad = fetch_url(url, fs)
    assert bad.status is FetchStatus.TLS_ERROR and "CERTIFICATE" in bad.error.upper()
    good = fetch_url(url, dataclasses.replace(fs, verify_tls=False))
    assert good.status is FetchStatus.OK


# ----------------------------------------------------------------------------- local inputs
def test_local_files_and_warc_records_are_decoded_without_network(tmp_path, fs):
    (tmp_path / "a.html").write_bytes(page("Café", "<p>Prix: 10 €</p>" + ARTICLE)
                                      .encode("cp1252"))
    (tmp_path / "wall.html").write_text(CONSENT, encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)]))
    items.append(InputItem(kind="warc_record", source="x.warc", url="https://example.org/jp",
                           html_bytes=page("病院", f"<p>{JAPANESE}</p>").encode("shift_jis"),
                           content_type="text/html", http_status=200))
    items.append(InputItem(kind="warc_record", source="x.warc", url="https://example.org/img",
                           html_bytes=b"\x89PNG", content_type="image/png", http_status=200))
    items.append(InputItem(kind="warc_record", source="x.warc", url="https://example.org/gone",
                           html_bytes=b"", content_type="text/html", http_status=404))
    by_url = {r.url: r for r in fetch_many(items, dataclasses.replace(fs, allow_private=False))}
    assert len(by_url) == 5
    a = by_url[(tmp_path / "a.html").resolve().as_uri()]
    assert a.status is FetchStatus.OK and "10 €" in a.html and a.attempts == 0
    assert by_url[(tmp_path / "wall.html").resolve().as_uri()].status is FetchStatus.BLOCKED
    assert JAPANESE in by_url["https://example.org/jp"].html
    assert by_url["https://example.org/img"].status is FetchStatus.UNSUPPORTED_TYPE
    gone = by_url["https://example.org/gone"]
    assert gone.status is FetchStatus.HTTP_4XX and gone.http_status == 404


def test_a_failing_page_check_is_a_status_not_an_exception(tmp_path, fs, monkeypatch):
    def broken(html, url):
        raise RuntimeError("bug in a checker")

    monkeypatch.setattr(fetch_mod, "_soft_block", broken)
    (tmp_path / "a.html").write_text(page("a"), encoding="utf-8")
    [result] = fetch_many(iter_inputs([str(tmp_path / "a.html")]), fs)
    assert result.status is FetchStatus.READ_ERROR and "bug in a checker" in result.error


def test_unreadable_empty_and_binary_saved_pages_each_get_a_status(tmp_path, fs):
    (tmp_path / "a.html").write_text(page("a"), encoding="utf-8")
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "utf16.html").write_bytes(page("Ünïcode").encode("utf-16"))   # BOM: text
    (tmp_path / "odd.html").write_bytes(page("odd").replace("<h1>", "<h1>\x01").encode())
    (tmp_path / "link.html").symlink_to(tmp_path / "moved-away.html")
    results = list(fetch_many(iter_inputs([str(tmp_path)]), fs))
    by_name = {Path(r.source).name: r for r in results}
    assert len(results) == 6
    assert {n: r.status for n, r in by_name.items()} == {
        "a.html": FetchStatus.OK, "empty.html": FetchStatus.READ_ERROR,
        "image.html": FetchStatus.UNSUPPORTED_TYPE, "utf16.html": FetchStatus.OK,
        "odd.html": FetchStatus.OK, "link.html": FetchStatus.READ_ERROR}
    assert by_name["empty.html"].error == "the file is empty (0 bytes)"
    assert by_name["image.html"].error == "the file holds binary data, not HTML"
    assert "broken symbolic link" in by_name["link.html"].error
    assert by_name["link.html"].url == (tmp_path / "moved-away.html").resolve().as_uri()
    assert "Ünïcode" in by_name["utf16.html"].html
    assert all(r.html is None and r.raw is None for r in results if not r.ok)
    assert FetchStatus.READ_ERROR.transient   # --retry-failed reads them again once fixed


def test_decode_html_order_header_meta_detection():
    text = "Überfall auf die Stadtwerke: Lösegeld gefordert, Kundendaten betroffen. " * 5
    body = f"<html><head><meta charset='windows-1252'></head><body>{text}</body></html>"
    assert decode_html(body.encode("cp1252"), None) == (body, "cp1252")
    assert decode_html(body.encode("cp1252"), "utf-8")[0] == body   # wrong header, meta wins
    assert decode_html(body.encode("utf-8"), "iso-8859-1")[0] == body  # UTF-8 bytes win
    assert decode_html(b"\xef\xbb\xbf<p>\xc3\xa9</p>", "cp1252") == ("<p>é</p>", "utf_8")


# ----------------------------------------------------------------------------- kill -9 and resume
KILL_SCRIPT = textwrap.dedent("""
    import dataclasses, sys
    from pipeline import store
    from pipeline.fetch import fetch_many
    from pipeline.inputs import iter_inputs
    from pipeline.settings import load_settings
    fs = dataclasses.replace(load_settings().fetch, allow_private=True, concurrency=64,
                             per_host_concurrency=8, backoff_base=0.01, backoff_max=0.05)
    db = store.connect(sys.argv[1])
    skip = store.finished_urls(db)
    for result in fetch_many(iter_inputs([sys.argv[2]]), fs, skip=skip):
        store.upsert_fetch(db, result)
""")


def _stored(db_path: Path) -> list[str]:
    if not db_path.exists():
        return []
    try:
        con = sqlite3.connect(db_path, timeout=5)
        try:
            return [r[0] for r in con.execute("SELECT url FROM fetches")]
        finally:
            con.close()
    except sqlite3.OperationalError:   # schema not created yet
        return []


def test_sigkill_midway_then_rerun_fetches_each_url_exactly_once(tmp_path):
    pytest.importorskip("pipeline.store")
    servers = [start(Server(f"127.0.0.{k}", robots="User-agent: *\nAllow: /\n"))
               for k in range(6, 14)]
    try:
        urls = [servers[i % len(servers)].url(f"/p/{i}") for i in range(2000)]
        url_file = tmp_path / "urls.txt"
        url_file.write_text("\n".join(urls) + "\n")
        db_path = tmp_path / "store.db"
        cmd = [sys.executable, "-c", KILL_SCRIPT, str(db_path), str(url_file)]

        first = subprocess.Popen(cmd)
        deadline = time.monotonic() + 30
        while len(_stored(db_path)) < 200 and time.monotonic() < deadline:
            if first.poll() is not None:
                break
            time.sleep(0.02)
        first.kill()   # SIGKILL
        first.wait()
        before = set(_stored(db_path))
        assert 0 < len(before) < 2000, len(before)
        hits_before = [Counter(s.hits) for s in servers]

        second = subprocess.run(cmd, timeout=120)
        assert second.returncode == 0
        stored = _stored(db_path)
        assert len(stored) == 2000 and set(stored) == {clean_url(u) for u in urls}
        con = sqlite3.connect(db_path)
        statuses = Counter(r[0] for r in con.execute("SELECT status FROM fetches"))
        con.close()
        assert statuses == {"ok": 2000}
        # the rerun fetched nothing that was already stored, and no page was fetched more
        # than twice (once by the killed run while in flight, once by the rerun)
        for i, url in enumerate(urls):
            srv = servers[i % len(servers)]
            k = servers.index(srv)
            path = f"/p/{i}"
            rerun = srv.hits[path] - hits_before[k][path]
            if clean_url(url) in before:
                assert rerun == 0, url
            assert srv.hits[path] in (1, 2), (url, srv.hits[path])
    finally:
        for srv in servers:
            srv.shutdown()
            srv.server_close()
