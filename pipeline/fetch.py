"""Fetching: every input becomes exactly one :class:`~pipeline.records.FetchResult`.

``fetch_many(items, settings, skip=...)`` is a plain generator: it yields one result per input
item as soon as that item is finished, so the caller can store each result at once (the store
is the state; a rerun skips what is stored). URLs are fetched by an asyncio loop in a background
thread; saved pages and WARC records are decoded in the caller's thread, without network.

Politeness and robustness, all from ``[fetch]`` settings:

* a global concurrency limit, a per-host concurrency limit and a minimum per-host delay that
  grows on 429/503 (and honours ``Retry-After``) and on robots.txt ``Crawl-delay``;
* robots.txt fetched once per origin and obeyed (unless ``obey_robots = false``);
* retries with exponential backoff and jitter for connection errors (including resets),
  timeouts, 408, 429 and 5xx, and nothing else;
* connect/read timeouts per request and a total timeout per attempt;
* redirects followed by hand (at most ``max_redirects``), each hop checked against robots.txt
  and the private-address rule, the chain recorded, loops detected;
* the body streamed with a size cap, content-encodings decoded by us in bounded steps (so a
  gzip bomb stops at ``max_bytes`` of output), only HTML/XHTML accepted;
* addresses checked *after* DNS resolution, at connect time: private, loopback, link-local and
  other non-global addresses are refused unless ``allow_private``;
* TLS verified unless ``verify_tls = false``; no proxy or netrc from the environment.

Status of one input (``FetchStatus``)::

    ok                  HTML fetched (or read) and decoded
    invalid_url         not an http(s) URL (or a redirect to one)
    dns_error           the host name does not resolve
    private_address     the host resolves to a private/loopback/link-local address
    connect_error       refused or reset connection (after retries)
    read_error          the connection broke while the body was read, or it cannot be decoded
    timeout             connect, read or total timeout (after retries)
    tls_error           certificate or handshake failure
    http_4xx, http_5xx  the final HTTP status (``http_status`` has the code)
    too_large           body (or its decompressed form) above ``max_bytes``
    unsupported_type    not text/html or application/xhtml+xml
    robots_denied       robots.txt disallows the URL (or a redirect target)
    redirect_loop       a redirect cycle, or more than ``max_redirects`` hops
    blocked             a captcha, consent wall or paywall page (``error`` names which)
    duplicate           same final URL or canonical link as an earlier input of the run

Decoding: a BOM, then the charset of the Content-Type header, then ``<meta charset>``, then
detection (charset-normalizer); a declared charset is used only if the bytes decode with it
and look plausible. The raw bytes are kept in ``FetchResult.raw``.
"""
from __future__ import annotations

import asyncio
import codecs
import hashlib
import ipaddress
import queue
import random
import re
import socket
import ssl
import threading
import time
import urllib.robotparser
import zlib
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import anyio
import httpcore
import httpx

from .errors import InputError
from .inputs import InputItem, clean_url
from .records import FetchResult, FetchStatus
from .settings import FetchSettings, Settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
RETRY_STATUSES = frozenset({408, 429}) | frozenset(range(500, 600))
ROBOTS_MAX_BYTES = 512 * 1024
_SNIFF_TYPES = frozenset({"", "application/octet-stream", "text/plain", "application/unknown"})
_MAX_PENDING = 20_000          # network items handed to the loop before we wait for results
_SUBMIT_BATCH = 256

_STATUS_FOR_ROBOTS_FAILURE = "robots.txt: "


# ----------------------------------------------------------------------------- results in flight
@dataclass(slots=True)
class _Outcome:
    """What the network side (or a local item) produced, before decoding and checks.

    ``status`` is None when a body was obtained; ``_finish`` then decodes and checks it."""

    source: str
    url: str
    status: FetchStatus | None = None
    final_url: str | None = None
    http_status: int | None = None
    error: str | None = None
    content_type: str | None = None
    body: bytes | None = None
    redirects: tuple[str, ...] = ()
    attempts: int = 0
    elapsed_s: float = 0.0
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


@dataclass(slots=True)
class _Try:
    """One HTTP request: a body, a redirect, or a failure (maybe worth retrying)."""

    status: FetchStatus | None = None
    http_status: int | None = None
    error: str | None = None
    content_type: str | None = None
    body: bytes | None = None
    location: str | None = None
    retryable: bool = False
    retry_after: float | None = None


# ----------------------------------------------------------------------------- addresses
class _DNSFailure(httpcore.ConnectError):
    pass


class _PrivateAddress(httpcore.ConnectError):
    pass


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    ip = getattr(ip, "ipv4_mapped", None) or ip
    return ip.is_global and not ip.is_multicast


async def _resolve(host: str, port: int) -> list[str]:
    """Addresses of ``host`` (the system resolver, off the loop). Tests replace this."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves host names itself and connects to a checked address, so the private-address
    rule holds after DNS resolution and on every redirect hop (no DNS-rebinding gap)."""

    def __init__(self, allow_private: bool) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._allow_private = allow_private

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None
                          ) -> httpcore.AsyncNetworkStream:
        try:
            with anyio.fail_after(timeout):
                addresses = await _resolve(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"DNS lookup of {host} timed out") from None
        except (OSError, UnicodeError) as exc:
            raise _DNSFailure(f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise _DNSFailure(f"cannot resolve {host}: no address")
        if not self._allow_private:
            refused = [a for a in addresses
                       if not _is_public(ipaddress.ip_address(a.split("%", 1)[0]))]
            if refused:
                raise _PrivateAddress(f"{host} resolves to non-public address {refused[0]} "
                                      "(use --allow-private to fetch it)")
        last: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout=timeout,
                                                     local_address=local_address,
                                                     socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last  # type: ignore[misc]

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> Any:
        raise httpcore.ConnectError("unix sockets are not used")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _make_client(fs: FetchSettings) -> httpx.AsyncClient:
    transport = httpx.AsyncHTTPTransport(verify=fs.verify_tls, trust_env=False)
    # the same pool httpx builds, with our resolving, address-checking network backend
    # (httpx 0.28 has no public hook for it; tests check the rule holds)
    pool = transport._pool
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=pool._ssl_context, max_connections=None,
        max_keepalive_connections=max(64, 2 * fs.concurrency), keepalive_expiry=5.0,
        http1=True, http2=False, network_backend=_GuardedBackend(fs.allow_private))
    timeout = httpx.Timeout(connect=fs.connect_timeout, read=fs.read_timeout,
                            write=fs.read_timeout, pool=fs.total_timeout)
    headers = {"User-Agent": fs.user_agent,
               "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
               "Accept-Encoding": "gzip, deflate"}
    return httpx.AsyncClient(transport=transport, timeout=timeout, headers=headers,
                             follow_redirects=False, trust_env=False)


# ----------------------------------------------------------------------------- errors -> statuses
def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen = 0
    while exc is not None and seen < 10:
        yield exc
        exc = exc.__cause__ or exc.__context__
        seen += 1


def _classify(exc: BaseException, body_started: bool) -> tuple[FetchStatus, str, bool]:
    """(status, error text, retryable) for an exception raised by one request."""
    chain = list(_causes(exc))
    text = str(exc) or type(exc).__name__
    if any(isinstance(e, _PrivateAddress) for e in chain):
        return FetchStatus.PRIVATE_ADDRESS, next(str(e) for e in chain
                                                 if isinstance(e, _PrivateAddress)), False
    if any(isinstance(e, _DNSFailure) for e in chain):
        return FetchStatus.DNS_ERROR, next(str(e) for e in chain
                                           if isinstance(e, _DNSFailure)), False
    if isinstance(exc, (httpx.TimeoutException, TimeoutError)):
        kind = {httpx.ConnectTimeout: "connect", httpx.ReadTimeout: "read",
                httpx.WriteTimeout: "write", httpx.PoolTimeout: "pool"}.get(type(exc), "total")
        return FetchStatus.TIMEOUT, f"{kind} timeout", True
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return FetchStatus.TLS_ERROR, text, False
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return FetchStatus.INVALID_URL, text, False
    if isinstance(exc, httpx.TransportError):
        if body_started:
            return FetchStatus.READ_ERROR, f"connection broken while reading the body: {text}", True
        return FetchStatus.CONNECT_ERROR, text, True
    return FetchStatus.READ_ERROR, f"{type(exc).__name__}: {text}", False


def _status_for_code(code: int) -> FetchStatus:
    return FetchStatus.HTTP_5XX if code >= 500 else FetchStatus.HTTP_4XX


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


# ----------------------------------------------------------------------------- body
class _TooLarge(Exception):
    pass


class _BodyDecoder:
    """Undo gzip/deflate Content-Encoding in bounded steps: never more than ``limit`` bytes
    of output exist, however small the compressed input (decompression-bomb guard)."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        unknown = [c for c in codings if c not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise ValueError(f"unsupported Content-Encoding {unknown[0]!r}")
        self._codings = list(reversed(codings))  # applied last is undone first
        self._objs: list[Any] = [None] * len(self._codings)
        self._limit = limit
        self.size = 0

    def _new(self, coding: str, first: bytes) -> Any:
        if coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is zlib-wrapped by the standard, raw deflate by some servers
        is_zlib = len(first) >= 2 and (first[0] & 0x0F) == 8 and \
            ((first[0] << 8) | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS)

    def _stage(self, i: int, data: bytes, limit: int) -> bytes:
        out = bytearray()
        while data:
            obj = self._objs[i]
            if obj is None or obj.eof:
                if obj is not None and (self._codings[i] == "deflate"
                                        or not data.strip(b"\x00")):
                    break  # bytes after the end of the stream: ignored
                obj = self._objs[i] = self._new(self._codings[i], data)
            piece = obj.decompress(data, limit - len(out) + 1)
            out += piece
            if len(out) > limit:
                raise _TooLarge
            if obj.eof:
                data = obj.unused_data  # the next gzip member, if any
            else:
                data = obj.unconsumed_tail
                if not piece and not data:
                    break
        return bytes(out)

    def feed(self, chunk: bytes) -> bytes:
        data = chunk
        for i in range(len(self._codings)):
            data = self._stage(i, data, self._limit - self.size)
        self.size += len(data)
        if self.size > self._limit:
            raise _TooLarge
        return data

    def flush(self) -> bytes:
        data = b""
        for i in range(len(self._codings)):
            if data:
                data = self._stage(i, data, self._limit - self.size)
            obj = self._objs[i]
            if obj is not None and not obj.eof:
                data += obj.flush()
        self.size += len(data)
        if self.size > self._limit:
            raise _TooLarge
        return data


async def _read_body(response: httpx.Response, limit: int, *, truncate: bool = False) -> bytes:
    """The decoded body, at most ``limit`` bytes (compressed and decompressed)."""
    decoder = _BodyDecoder(response.headers.get("content-encoding"), limit)
    parts: list[bytes] = []
    raw = 0
    try:
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            if raw > limit:
                raise _TooLarge
            parts.append(decoder.feed(chunk))
        parts.append(decoder.flush())
    except _TooLarge:
        if not truncate:
            raise
    return b"".join(parts)[:limit] if truncate else b"".join(parts)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _charset_param(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|"
                         rb"body|meta|title|script|div|p|h1|article)[\s/>]", re.I | re.S)


def _looks_like_html(body: bytes) -> bool:
    return bool(_HTML_SNIFF.match(body[:2048].lstrip(b"\xef\xbb\xbf")))


# ----------------------------------------------------------------------------- charset
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# WHATWG encoding labels that browsers read as a superset
_WHATWG = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252",
           "shift_jis": "cp932", "euc_kr": "cp949", "gb2312": "gb18030", "gbk": "gb18030",
           "iso8859_9": "cp1254", "iso8859_11": "cp874", "tis_620": "cp874"}


@lru_cache(maxsize=256)
def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    if name in ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"):
        return None  # only meaningful with a BOM; a label alone is usually wrong
    return _WHATWG.get(name, name)


@lru_cache(maxsize=256)
def _single_byte(codec: str) -> bool:
    if codec.startswith("utf"):
        return False
    return len(b"\xb0\xa1".decode(codec, errors="replace")) == 2


# most common encodings on the web first: a tie between equally good guesses goes to these
_PREFERRED = ("utf_8", "cp1252", "cp1251", "cp932", "euc_jp", "gb18030", "big5", "cp949",
              "cp1250", "cp1256", "cp1253", "cp1254", "cp1255", "cp874", "koi8_r")


def _detect(body: bytes) -> str | None:
    """charset-normalizer's guess; near-ties (same mess, same coherence) go to the more common
    web encoding (it would otherwise read French cp1252 as cp1250)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(body[:200_000]))
    if not matches:
        return None
    best = matches[0]
    near = set()
    for m in matches:
        if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.02:
            near.update(filter(None, map(_codec, m.could_be_from_charset or [m.encoding])))
    for codec in _PREFERRED:
        if codec in near:
            return codec
    return _codec(best.encoding)


def _plausible(codec: str, body: bytes, text: str) -> bool:
    """Whether a declared charset fits bytes that decoded without error with it."""
    if codec == "utf_8" or body.isascii():
        return True
    if _single_byte(codec):
        try:
            body.decode("utf-8")
            return False  # non-ASCII bytes that are valid UTF-8 are UTF-8
        except UnicodeDecodeError:
            pass
        if re.search("[\x80-\x9f]", text):
            return False  # C1 controls: text in another encoding
        detected = _detect(body)
        return detected is None or _single_byte(detected)
    return True


def decode_html(body: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """(text, codec used): BOM, header charset, meta charset, then detection."""
    for bom, codec in ((codecs.BOM_UTF8, "utf_8"), (codecs.BOM_UTF16_LE, "utf_16_le"),
                       (codecs.BOM_UTF16_BE, "utf_16_be")):
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace"), codec
    meta = _META_CHARSET.search(body[:8192])
    for label in (header_charset, meta.group(1).decode("ascii") if meta else None):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(codec, body, text):
            return text, codec
    if body.isascii():
        return body.decode("ascii"), "ascii"
    try:
        return body.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    codec = _detect(body) or "cp1252"
    return body.decode(codec, errors="replace"), codec


# ----------------------------------------------------------------------------- dedup
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_REL_CANONICAL = re.compile(r"""\brel\s*=\s*["']?\s*canonical\b""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def canonical_link(html: str, base_url: str | None) -> str | None:
    """The cleaned ``<link rel="canonical">`` URL of a page, if any."""
    head = html[:100_000]
    for tag in _LINK_TAG.findall(head):
        if _REL_CANONICAL.search(tag):
            href = _HREF.search(tag)
            if href:
                value = next(g for g in href.groups() if g is not None).strip()
                return clean_url(urljoin(base_url or "", value)) if value else None
    return None


class _Dedup:
    """Second dedup pass of a run: by final URL and by canonical link (first ok wins)."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def check(self, url: str, final_url: str | None, html: str) -> str | None:
        keys = {url}
        final = clean_url(final_url) if final_url and not final_url.startswith("file:") else None
        if final:
            keys.add(final)
        canonical = canonical_link(html, final_url)
        if canonical and urlsplit(canonical).path not in ("", "/"):
            keys.add(canonical)  # a canonical pointing at a site root is a site misconfiguration
        for key in keys:
            first = self._first.get(key)
            if first is not None and first != url:
                return first
        for key in keys:
            self._first.setdefault(key, url)
        return None


# ----------------------------------------------------------------------------- finishing
def _soft_block(html: str, url: str | None) -> str | None:
    from .softblock import detect_soft_block

    return detect_soft_block(html, url=url)


def _finish(o: _Outcome, dedup: _Dedup) -> FetchResult:
    """Decode and check a body, or pass a failure through, as the stored record."""
    status, error, html, charset, raw = o.status, o.error, None, None, None
    if status is None:
        body = o.body or b""
        media = _media_type(o.content_type)
        if media not in HTML_TYPES and not (media in _SNIFF_TYPES and _looks_like_html(body)):
            status = FetchStatus.UNSUPPORTED_TYPE
            error = f"content type {media or 'missing'!r} is not HTML"
        else:
            raw = body
            html, charset = decode_html(body, _charset_param(o.content_type))
            reason = _soft_block(html, o.final_url or o.url)
            if reason:
                status, error = FetchStatus.BLOCKED, reason
            else:
                first = dedup.check(o.url, o.final_url, html)
                if first is None:
                    status = FetchStatus.OK
                else:
                    status, error, html, raw = (FetchStatus.DUPLICATE, f"duplicate of {first}",
                                                None, None)
    return FetchResult(
        source=o.source, url=o.url, status=status, final_url=o.final_url,
        http_status=o.http_status, error=error, fetched_at=o.fetched_at,
        content_type=o.content_type, charset=charset, html=html,
        raw_sha256=hashlib.sha256(o.body).hexdigest() if o.body is not None else None,
        redirects=o.redirects, attempts=o.attempts, elapsed_s=round(o.elapsed_s, 4), raw=raw)


def _local_outcome(item: InputItem) -> _Outcome:
    """A saved page, a WARC record or an invalid input: no network."""
    if item.kind == "invalid":
        return _Outcome(source=item.source, url=item.url, status=FetchStatus.INVALID_URL,
                        error=item.error or "not an http(s) URL")
    o = _Outcome(source=item.source, url=item.url, final_url=item.url,
                 http_status=item.http_status, content_type=item.content_type,
                 body=item.html_bytes if item.html_bytes is not None else b"")
    code = item.http_status
    if code is not None and not 200 <= code < 300:
        o.status = _status_for_code(code) if code >= 400 else FetchStatus.UNSUPPORTED_TYPE
        o.error = (f"WARC record is a redirect (HTTP {code}) to {item.header('location')}"
                   if code < 400 else f"WARC record has HTTP {code}")
        o.body = None
    return o


# ----------------------------------------------------------------------------- the crawler
@dataclass(slots=True)
class _Host:
    sem: asyncio.Semaphore
    delay: float
    base_delay: float
    next_at: float = 0.0
    queue: deque = field(default_factory=deque)
    workers: int = 0


@dataclass(slots=True)
class _Rules:
    """robots.txt of one origin: a parser, allow-all (None), or a failure to report."""

    parser: urllib.robotparser.RobotFileParser | None = None
    failure: _Outcome | None = None


class _Crawler:
    """The asyncio side: per-host queues and workers, one background thread, one client."""

    def __init__(self, fs: FetchSettings, out: queue.Queue) -> None:
        self.fs = fs
        self.out = out
        self.loop = asyncio.new_event_loop()
        self.hosts: dict[str, _Host] = {}
        self.robots: dict[str, asyncio.Future] = {}
        self.tasks: set[asyncio.Task] = set()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fetch-loop", daemon=True)
        self._closing: asyncio.Event | None = None
        self._error: BaseException | None = None

    # -- thread side
    def start(self) -> None:
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error

    def submit(self, items: list[InputItem]) -> None:
        self.loop.call_soon_threadsafe(self._accept, items)

    def close(self) -> None:
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._closing.set)  # type: ignore[union-attr]
            self._thread.join(timeout=10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._main())
        finally:
            self.loop.close()

    async def _main(self) -> None:
        try:
            self._closing = asyncio.Event()
            self.gsem = asyncio.Semaphore(max(1, self.fs.concurrency))
            self.client = _make_client(self.fs)
        except BaseException as exc:
            self._error = exc
            return
        finally:
            self._ready.set()
        try:
            await self._closing.wait()
        finally:
            for task in list(self.tasks):
                task.cancel()
            if self.tasks:
                await asyncio.gather(*self.tasks, return_exceptions=True)
            await self.client.aclose()

    # -- scheduling
    def _host(self, url: str) -> _Host:
        name = (urlsplit(url).hostname or "").lower()
        host = self.hosts.get(name)
        if host is None:
            delay = max(0.0, self.fs.per_host_delay)
            host = self.hosts[name] = _Host(
                sem=asyncio.Semaphore(max(1, self.fs.per_host_concurrency)),
                delay=delay, base_delay=delay)
        return host

    def _spawn(self, coro: Any) -> asyncio.Task:
        task = self.loop.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def _accept(self, items: list[InputItem]) -> None:
        for item in items:
            host = self._host(item.url)
            host.queue.append(item)
            while host.workers < max(1, self.fs.per_host_concurrency) and \
                    host.workers < len(host.queue):
                host.workers += 1
                self._spawn(self._worker(host))

    async def _worker(self, host: _Host) -> None:
        try:
            while host.queue:
                item = host.queue.popleft()
                start = time.monotonic()
                try:
                    o = await self._fetch_item(item)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # a bug must not lose the item
                    o = _Outcome(source=item.source, url=item.url,
                                 status=FetchStatus.READ_ERROR,
                                 error=f"internal error: {type(exc).__name__}: {exc}")
                o.elapsed_s = time.monotonic() - start
                o.fetched_at = datetime.now(timezone.utc)
                self.out.put(o)
        finally:
            host.workers -= 1

    class _Slot:
        """Hold a per-host slot (after the host's delay) and a global slot."""

        def __init__(self, crawler: "_Crawler", host: _Host) -> None:
            self.crawler, self.host = crawler, host

        async def __aenter__(self) -> None:
            host, loop = self.host, self.crawler.loop
            await host.sem.acquire()
            try:
                now = loop.time()
                start = max(now, host.next_at)
                host.next_at = start + host.delay
                if start > now:
                    await asyncio.sleep(start - now)
                await self.crawler.gsem.acquire()
            except BaseException:
                host.sem.release()
                raise

        async def __aexit__(self, *exc: Any) -> None:
            self.crawler.gsem.release()
            self.host.sem.release()

    def _penalize(self, host: _Host, retry_after: float | None) -> None:
        """429/503: slow this host down (delay doubles, Retry-After pauses it)."""
        fs = self.fs
        host.delay = min(fs.backoff_max, max(host.delay * 2, fs.backoff_base, host.base_delay))
        pause = retry_after if retry_after is not None else host.delay
        host.next_at = max(host.next_at, self.loop.time() + min(pause, fs.max_retry_after))

    def _relax(self, host: _Host) -> None:
        if host.delay > host.base_delay:
            host.delay = max(host.base_delay, host.delay * 0.75)
            if host.delay - host.base_delay < 0.01:
                host.delay = host.base_delay

    def _backoff(self, attempt: int) -> float:
        fs = self.fs
        return min(fs.backoff_max, fs.backoff_base * 2 ** (attempt - 1)) * random.uniform(0.5, 1)

    # -- one request
    async def _attempt(self, url: str, host: _Host, *, robots: bool) -> _Try:
        fs = self.fs
        limit = ROBOTS_MAX_BYTES if robots else fs.max_bytes
        t = _Try()
        async with self._Slot(self, host):
            body_started = False
            try:
                with anyio.fail_after(fs.total_timeout):
                    request = self.client.build_request("GET", url)
                    response = await self.client.send(request, stream=True)
                    try:
                        code = t.http_status = response.status_code
                        t.content_type = response.headers.get("content-type")
                        if code in (301, 302, 303, 307, 308):
                            t.location = response.headers.get("location")
                            if not t.location:
                                t.status, t.error = FetchStatus.HTTP_4XX, \
                                    f"HTTP {code} without a Location header"
                            return t
                        if code in RETRY_STATUSES:
                            t.retryable = True
                            t.retry_after = _retry_after(response.headers.get("retry-after"))
                            if code in (429, 503):
                                self._penalize(host, t.retry_after)
                        if not 200 <= code < 300:
                            t.status, t.error = _status_for_code(code), f"HTTP {code}"
                            if code < 400:
                                t.status = FetchStatus.HTTP_4XX
                            return t
                        self._relax(host)
                        media = _media_type(t.content_type)
                        if not robots and media not in HTML_TYPES and media not in _SNIFF_TYPES:
                            t.status = FetchStatus.UNSUPPORTED_TYPE
                            t.error = f"content type {media!r} is not HTML"
                            return t
                        length = response.headers.get("content-length", "")
                        if not robots and length.isdigit() and int(length) > limit:
                            t.status = FetchStatus.TOO_LARGE
                            t.error = f"Content-Length {length} exceeds max_bytes {limit}"
                            return t
                        body_started = True
                        t.body = await _read_body(response, limit, truncate=robots)
                    finally:
                        await response.aclose()
            except _TooLarge:
                t.status = FetchStatus.TOO_LARGE
                t.error = f"body exceeds max_bytes {limit} (decompressed)"
                t.body = None
            except ValueError as exc:  # unknown content-encoding
                t.status, t.error, t.body = FetchStatus.READ_ERROR, str(exc), None
            except zlib.error as exc:
                t.status, t.body = FetchStatus.READ_ERROR, None
                t.error = f"cannot decode the compressed body: {exc}"
            except (httpx.HTTPError, httpcore.TimeoutException, TimeoutError, OSError) as exc:
                t.status, t.error, t.retryable = _classify(exc, body_started)
                t.body = None
        return t

    async def _with_retries(self, url: str, *, robots: bool = False) -> tuple[_Try, int]:
        host = self._host(url)
        attempt = 0
        while True:
            attempt += 1
            t = await self._attempt(url, host, robots=robots)
            if not t.retryable or attempt > self.fs.retries:
                return t, attempt
            wait = t.retry_after if t.retry_after is not None else self._backoff(attempt)
            if wait > self.fs.max_retry_after:
                t.error = f"{t.error}; Retry-After {wait:.0f}s exceeds max_retry_after"
                return t, attempt
            await asyncio.sleep(wait)

    async def _chain(self, item_url: str, source: str, *, robots: bool = False) -> _Outcome:
        """Follow redirects by hand from ``item_url``; robots.txt checked on every hop."""
        o = _Outcome(source=source, url=item_url)
        current = item_url
        seen = {clean_url(item_url) or item_url}
        redirects: list[str] = []
        while True:
            o.final_url = current
            if not robots and self.fs.obey_robots:
                denied = await self._robots_check(current)
                if denied is not None:
                    o.status, o.error, o.http_status = denied.status, denied.error, \
                        denied.http_status
                    o.attempts += denied.attempts   # of the failed robots.txt fetch, if any
                    break
            t, n = await self._with_retries(current, robots=robots)
            o.attempts += n
            o.http_status, o.content_type = t.http_status, t.content_type
            if t.location is None or t.status is not None:
                o.status, o.error, o.body = t.status, t.error, t.body
                break
            redirects.append(current)
            target = urljoin(current, t.location.strip()).split("#", 1)[0]
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                o.status, o.error = FetchStatus.INVALID_URL, f"redirect to {target!r}"
                o.final_url = target
                break
            key = clean_url(target) or target
            if key in seen:
                o.status, o.error = FetchStatus.REDIRECT_LOOP, f"redirect loop back to {target}"
                o.final_url = target
                break
            if len(redirects) > self.fs.max_redirects:
                o.status = FetchStatus.REDIRECT_LOOP
                o.error = f"more than {self.fs.max_redirects} redirects"
                o.final_url = target
                break
            seen.add(key)
            current = target
        o.redirects = tuple(redirects)
        return o

    async def _fetch_item(self, item: InputItem) -> _Outcome:
        return await self._chain(item.url, item.source)

    # -- robots.txt
    async def _robots_check(self, url: str) -> _Outcome | None:
        """None when ``url`` may be fetched; else an outcome saying why not."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        future = self.robots.get(origin)
        if future is None:
            future = self.robots[origin] = self._spawn(self._load_robots(origin))
        rules: _Rules = await asyncio.shield(future)
        if rules.failure is not None:
            return rules.failure
        if rules.parser is not None and not rules.parser.can_fetch(self.fs.user_agent, url):
            return _Outcome(source="", url=url, status=FetchStatus.ROBOTS_DENIED,
                            error="disallowed by robots.txt")
        return None

    async def _load_robots(self, origin: str) -> _Rules:
        o = await self._chain(origin + "/robots.txt", "", robots=True)
        code = o.http_status
        if o.status is None:
            parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            text = (o.body or b"").decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            delay = crawl_delay(text, self.fs.user_agent)
            if delay:
                host = self._host(origin)
                host.base_delay = max(host.base_delay,
                                      min(float(delay), self.fs.max_crawl_delay))
                host.delay = max(host.delay, host.base_delay)
            return _Rules(parser=parser)
        if o.status is FetchStatus.HTTP_4XX and code is not None and code >= 400:
            return _Rules()  # no robots.txt (RFC 9309: 4xx means no restriction)
        if o.status in (FetchStatus.HTTP_5XX, FetchStatus.TIMEOUT, FetchStatus.CONNECT_ERROR,
                        FetchStatus.READ_ERROR, FetchStatus.DNS_ERROR, FetchStatus.TLS_ERROR,
                        FetchStatus.PRIVATE_ADDRESS):
            # unreachable robots.txt: RFC 9309 says assume full disallow; we report the
            # failure (transient ones are retried by --retry-failed)
            o.error = _STATUS_FOR_ROBOTS_FAILURE + (o.error or "unreachable")
            return _Rules(failure=o)
        return _Rules()  # redirect loops, odd types: treat as no robots.txt


def crawl_delay(robots_txt: str, user_agent: str) -> float | None:
    """The Crawl-delay (seconds, fractions allowed) of the group for ``user_agent``, else of
    ``*`` (urllib.robotparser only reads whole seconds)."""
    token = user_agent.split("/", 1)[0].strip().lower()
    delays: dict[str, float] = {}
    agents: list[str] = []
    in_rules = False
    for line in robots_txt.splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
        else:
            in_rules = True
            if key == "crawl-delay":
                try:
                    delay = float(value)
                except ValueError:
                    continue
                for agent in agents:
                    delays.setdefault(agent, delay)
    for agent, delay in delays.items():
        if agent != "*" and agent and agent in token:
            return delay
    return delays.get("*")


# ----------------------------------------------------------------------------- public API
def _fetch_settings(settings: Settings | FetchSettings) -> FetchSettings:
    return settings.fetch if isinstance(settings, Settings) else settings


def fetch_many(items: Iterable[InputItem], settings: Settings | FetchSettings, *,
               skip: Container[str] = frozenset(),
               on_progress: Callable[[FetchResult], Any] | None = None
               ) -> Iterator[FetchResult]:
    """One :class:`FetchResult` per item whose ``url`` is not in ``skip``, in completion order.

    Items repeating an earlier item's ``url`` are skipped. ``on_progress(result)`` is called
    before each result is yielded. Never raises per item; an
    :class:`~pipeline.errors.InputError` raised while reading ``items`` is re-raised after the
    results already in flight have been yielded. Closing the generator (Ctrl+C) stops the
    fetches in flight.
    """
    fs = _fetch_settings(settings)
    out: queue.Queue = queue.Queue()
    dedup = _Dedup()
    crawler: _Crawler | None = None
    batch: list[InputItem] = []
    pending = 0
    seen: set[str] = set()
    input_error: InputError | None = None

    def emit(o: _Outcome) -> FetchResult:
        result = _finish(o, dedup)
        if on_progress is not None:
            on_progress(result)
        return result

    def flush() -> None:
        nonlocal crawler, batch
        if batch:
            if crawler is None:
                crawler = _Crawler(fs, out)
                crawler.start()
            crawler.submit(batch)
            batch = []

    try:
        iterator = iter(items)
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                break
            except InputError as exc:
                input_error = exc
                break
            if item.url in skip or item.url in seen:
                continue
            seen.add(item.url)
            if item.kind == "url":
                batch.append(item)
                pending += 1
                if len(batch) >= _SUBMIT_BATCH:
                    flush()
            else:
                yield emit(_local_outcome(item))
            while pending:
                try:
                    o = out.get_nowait() if pending < _MAX_PENDING else out.get()
                except queue.Empty:
                    break
                pending -= 1
                yield emit(o)
        flush()
        while pending:
            o = out.get()
            pending -= 1
            yield emit(o)
        if input_error is not None:
            raise input_error
    finally:
        if crawler is not None:
            crawler.close()


def fetch_url(url: str, settings: Settings | FetchSettings) -> FetchResult:
    """Fetch one URL (cleaned first); never raises."""
    cleaned = clean_url(url)
    item = (InputItem(kind="url", source=url, url=cleaned) if cleaned else
            InputItem(kind="invalid", source=url, url=url.strip(), error="not an http(s) URL"))
    return next(iter(fetch_many([item], settings)))


__all__ = ["HTML_TYPES", "canonical_link", "crawl_delay", "decode_html", "fetch_many",
           "fetch_url"]
