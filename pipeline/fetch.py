"""Fetching: every input becomes exactly one :class:`~pipeline.records.FetchResult`.

``fetch_many(items, settings, skip=...)`` is a plain generator: it yields one result per input
item as soon as that item is finished, so the caller can store each result at once (the store
is the state; a rerun skips what is stored). Scheduling (politeness, robots.txt, retries,
redirects) runs on ``threads`` asyncio loops in background threads, each owning a share of the
hosts; each HTTP exchange runs on a pool of I/O threads (as many as the global limit) with
httpcore, httpx's transport. Saved pages and WARC records are decoded in the caller's thread.

Politeness and robustness, all from ``[fetch]`` settings:

* a global concurrency limit, a per-host concurrency limit and a minimum per-host delay that
  grows on 429/503 (and honours ``Retry-After``) and on robots.txt ``Crawl-delay``;
* robots.txt fetched once per origin and obeyed (unless ``obey_robots = false``);
* retries with exponential backoff and jitter for connection errors (including resets),
  timeouts, 408, 429 and 5xx, and nothing else;
* connect and read timeouts per request, and a total time limit per attempt, checked while
  the body streams (a server dripping bytes is cut off);
* redirects followed by hand (at most ``max_redirects``), each hop checked against robots.txt
  and the private-address rule, the chain recorded, loops detected;
* the body streamed with a size cap, content-encodings decoded by us in bounded steps (so a
  gzip bomb stops at ``max_bytes`` of output), only HTML/XHTML accepted;
* addresses checked *after* DNS resolution, at connect time (:mod:`pipeline.transport`):
  private, loopback, link-local and other non-global addresses are refused unless
  ``allow_private``;
* TLS verified unless ``verify_tls = false``; no proxy or netrc from the environment.

Status of one input (``FetchStatus``)::

    ok                  HTML fetched (or read) and decoded
    invalid_url         not an http(s) URL (or a redirect to one)
    dns_error           the host name does not resolve
    private_address     the host resolves to a private/loopback/link-local address
    connect_error       refused or reset connection (after retries)
    read_error          the connection broke while the body was read, or it cannot be decoded
                        (a saved page or WARC part: it cannot be read, it is empty or corrupt)
    timeout             connect, read or total timeout (after retries)
    tls_error           certificate or handshake failure
    http_4xx, http_5xx  the final HTTP status (``http_status`` has the code)
    too_large           body (or its decompressed form) above ``max_bytes``
    unsupported_type    not text/html or application/xhtml+xml (a saved page: binary data)
    robots_denied       robots.txt disallows the URL (or a redirect target)
    redirect_loop       a redirect cycle, or more than ``max_redirects`` hops
    blocked             a captcha, consent wall or paywall page (``error`` names which)
    duplicate           same final URL or canonical link as an earlier input of the run

Bodies are decoded by :mod:`pipeline.decode` (header charset, then meta, then detection); the
raw bytes are kept in ``FetchResult.raw`` and hashed in ``raw_sha256``.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import queue
import random
import threading
import time
import urllib.robotparser
import zlib
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .decode import (HTML_TYPES, SNIFF_TYPES, BadEncoding, BodyDecoder, TooLarge,
                     canonical_link, charset_param, decode_html, looks_like_html, media_type)
from .errors import InputError
from .inputs import InputItem, clean_url
from .records import TRANSIENT_4XX, FetchResult, FetchStatus
from .settings import FetchSettings, Settings
from .transport import classify, make_pool

RETRY_STATUSES = TRANSIENT_4XX | frozenset(range(500, 600))
ROBOTS_MAX_BYTES = 512 * 1024
_MAX_PENDING = 20_000          # network items handed to the loop before we wait for results
_SUBMIT_BATCH = 256


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
def _read_body(response: httpcore.Response, content_encoding: str | None, limit: int,
               deadline: float, *, truncate: bool = False) -> bytes:
    """The decoded body, at most ``limit`` bytes (compressed and decompressed), read before
    ``deadline`` (a server dripping bytes slower than the read timeout still times out)."""
    decoder = BodyDecoder(content_encoding, limit)
    parts: list[bytes] = []
    raw = 0
    try:
        for chunk in response.iter_stream():
            raw += len(chunk)
            if raw > limit:
                raise TooLarge
            if time.monotonic() > deadline:
                raise TimeoutError("total timeout")
            parts.append(decoder.feed(chunk))
        parts.append(decoder.flush())
    except TooLarge:
        if not truncate:
            raise
    return b"".join(parts)[:limit] if truncate else b"".join(parts)


# ----------------------------------------------------------------------------- dedup
class _Dedup:
    """Second dedup pass of a run: by final URL and by canonical link (first ok wins)."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def check(self, url: str, final_url: str | None, html: str) -> str | None:
        keys = {url}
        if final_url and final_url != url and not final_url.startswith("file:"):
            keys.add(clean_url(final_url) or final_url)
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
        media = media_type(o.content_type)
        if media not in HTML_TYPES and not (media in SNIFF_TYPES and looks_like_html(body)):
            status = FetchStatus.UNSUPPORTED_TYPE
            error = f"content type {media or 'missing'!r} is not HTML"
        elif _is_binary(body):   # a PDF or image served as text/html
            status = FetchStatus.UNSUPPORTED_TYPE
            error = f"the body holds binary data, not HTML (content type {media!r})"
        else:
            raw = body
            html, charset = decode_html(body, charset_param(o.content_type))
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


_BINARY_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def _is_binary(body: bytes) -> bool:
    """Bytes no HTML page holds (the WHATWG sniffing rule: control characters other than
    tab, newlines, form feed and ESC) and no HTML start, unless a UTF-16 BOM explains them."""
    head = body[:1445]
    if head.startswith((b"\xfe\xff", b"\xff\xfe")):
        return False
    return len(head.translate(None, _BINARY_BYTES)) != len(head) and not looks_like_html(body)


def _local_outcome(item: InputItem) -> _Outcome:
    """A saved page, a WARC record, an invalid or unreadable input: no network."""
    if item.kind == "invalid":
        return _Outcome(source=item.source, url=item.url, status=FetchStatus.INVALID_URL,
                        error=item.error or "not an http(s) URL")
    if item.kind == "unreadable":
        return _Outcome(source=item.source, url=item.url, status=FetchStatus.READ_ERROR,
                        error=item.error or "cannot be read")
    o = _Outcome(source=item.source, url=item.url, final_url=item.url,
                 http_status=item.http_status, content_type=item.content_type,
                 body=item.html_bytes if item.html_bytes is not None else b"")
    if item.kind == "file":
        if not o.body:
            o.status, o.error = FetchStatus.READ_ERROR, "the file is empty (0 bytes)"
        elif _is_binary(o.body):
            o.status = FetchStatus.UNSUPPORTED_TYPE
            o.error = "the file holds binary data, not HTML"
        if o.status is not None:
            o.content_type = None
            o.body = None
        return o
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
    """Politeness state of one host name; lives on (and is used only by) one shard's loop.

    ``pool`` holds the host's keep-alive connections: httpcore scans every pooled connection
    on each request, so one small pool per host is much cheaper than one big pool."""

    sem: asyncio.Semaphore
    delay: float
    base_delay: float
    pool: httpcore.ConnectionPool
    next_at: float = 0.0
    queue: deque = field(default_factory=deque)
    workers: int = 0


@dataclass(slots=True)
class _Rules:
    """robots.txt of one origin: a parser, allow-all (None), or a failure to report."""

    parser: urllib.robotparser.RobotFileParser | None = None
    failure: _Outcome | None = None


class _GlobalSlots:
    """The global concurrency limit, shared by the shards' event loops (thread-safe)."""

    def __init__(self, size: int) -> None:
        self._free = max(1, size)
        self._lock = threading.Lock()
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = deque()

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._free > 0 and not self._waiters:
                self._free -= 1
                return
            future = loop.create_future()
            self._waiters.append((loop, future))
        try:
            await future
        except asyncio.CancelledError:
            with self._lock:
                try:
                    self._waiters.remove((loop, future))
                    granted = False
                except ValueError:
                    granted = True
            if granted:  # the slot was handed over just as we were cancelled
                self.release()
            raise

    def release(self) -> None:
        with self._lock:
            while self._waiters:
                loop, future = self._waiters.popleft()
                try:
                    loop.call_soon_threadsafe(_grant, future)
                    return
                except RuntimeError:  # that loop is closed: try the next waiter
                    continue
            self._free += 1


def _grant(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


class _Shard:
    """One event loop in its own thread, owning a subset of the hosts: their queues, workers,
    politeness state, connection pools and robots.txt rules."""

    def __init__(self, crawler: "_Crawler", index: int) -> None:
        self.crawler = crawler
        self.fs = crawler.fs
        self.loop = asyncio.new_event_loop()
        self.hosts: dict[str, _Host] = {}
        self.robots: dict[str, asyncio.Task] = {}
        self.tasks: set[asyncio.Task] = set()
        self._ready = threading.Event()
        self._closing: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name=f"fetch-loop-{index}",
                                        daemon=True)

    # -- thread side
    def start(self) -> None:
        self._thread.start()
        self._ready.wait()

    def submit(self, items: list[InputItem]) -> None:
        self.loop.call_soon_threadsafe(self._accept, items)

    def close(self) -> None:
        if self._thread.is_alive():
            try:
                self.loop.call_soon_threadsafe(self._closing.set)  # type: ignore[union-attr]
            except RuntimeError:
                pass
            self._thread.join(timeout=10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._main())
        finally:
            self.loop.close()

    async def _main(self) -> None:
        self._closing = asyncio.Event()
        self._ready.set()
        try:
            await self._closing.wait()
        finally:
            for task in list(self.tasks):
                task.cancel()
            if self.tasks:
                await asyncio.gather(*self.tasks, return_exceptions=True)
            for host in self.hosts.values():
                host.pool.close()

    async def call(self, coro_fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``coro_fn(*args)`` on this shard's loop, from any shard's loop."""
        if asyncio.get_running_loop() is self.loop:
            return await coro_fn(*args)
        future = asyncio.run_coroutine_threadsafe(coro_fn(*args), self.loop)
        return await asyncio.wrap_future(future)

    # -- scheduling
    def _host(self, name: str) -> _Host:
        host = self.hosts.get(name)
        if host is None:
            delay = max(0.0, self.fs.per_host_delay)
            host = self.hosts[name] = _Host(
                sem=asyncio.Semaphore(max(1, self.fs.per_host_concurrency)),
                delay=delay, base_delay=delay, pool=make_pool(self.fs, self.crawler.ssl))
        return host

    def _spawn(self, coro: Any) -> asyncio.Task:
        task = self.loop.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def _accept(self, items: list[InputItem]) -> None:
        limit = max(1, self.fs.per_host_concurrency)
        for item in items:
            host = self._host(_host_name(item.url))
            host.queue.append(item)
            while host.workers < limit and host.workers < len(host.queue):
                host.workers += 1
                self._spawn(self._worker(host))

    async def _worker(self, host: _Host) -> None:
        try:
            while host.queue:
                item = host.queue.popleft()
                start = time.monotonic()
                try:
                    o = await self.crawler.chain(item.url, item.source)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # a bug must not lose the item
                    o = _Outcome(source=item.source, url=item.url,
                                 status=FetchStatus.READ_ERROR,
                                 error=f"internal error: {type(exc).__name__}: {exc}")
                o.elapsed_s = time.monotonic() - start
                o.fetched_at = datetime.now(timezone.utc)
                self.crawler.out.put(o)
        finally:
            host.workers -= 1

    async def _slot_enter(self, host: _Host) -> None:
        """Take a per-host slot (after the host's delay), then a global slot."""
        await host.sem.acquire()
        try:
            now = self.loop.time()
            start = max(now, host.next_at)
            host.next_at = start + host.delay
            if start > now:
                await asyncio.sleep(start - now)
            await self.crawler.slots.acquire()
        except BaseException:
            host.sem.release()
            raise

    def _slot_exit(self, host: _Host) -> None:
        self.crawler.slots.release()
        host.sem.release()

    def _penalize(self, host: _Host, retry_after: float | None) -> None:
        """429/503: slow this host down (delay doubles, Retry-After pauses it)."""
        fs = self.fs
        host.delay = min(fs.backoff_max, max(host.delay * 2, fs.backoff_base, host.base_delay))
        pause = retry_after if retry_after is not None else host.delay
        host.next_at = max(host.next_at, self.loop.time() + min(pause, fs.max_retry_after))

    @staticmethod
    def _relax(host: _Host) -> None:
        if host.delay > host.base_delay:
            host.delay = max(host.base_delay, host.delay * 0.75)
            if host.delay - host.base_delay < 0.01:
                host.delay = host.base_delay

    # -- one request
    async def _attempt(self, url: str, host: _Host, *, robots: bool) -> _Try:
        """One request, holding a host slot and a global slot; the blocking HTTP exchange
        runs on the crawler's I/O threads, the politeness bookkeeping here on the loop."""
        await self._slot_enter(host)
        try:
            t = await self.loop.run_in_executor(self.crawler.io, self.crawler.exchange,
                                                host.pool, url, robots)
        finally:
            self._slot_exit(host)
        if t.http_status in (429, 503):
            self._penalize(host, t.retry_after)
        elif t.http_status is not None and 200 <= t.http_status < 300:
            self._relax(host)
        return t

    async def hop(self, url: str, robots: bool) -> tuple[_Try, int] | _Outcome:
        """robots.txt check (unless ``robots``), then the request with its retries."""
        if not robots and self.fs.obey_robots:
            denied = await self._robots_check(url)
            if denied is not None:
                return denied
        host = self._host(_host_name(url))
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

    def _backoff(self, attempt: int) -> float:
        fs = self.fs
        return min(fs.backoff_max, fs.backoff_base * 2 ** (attempt - 1)) * random.uniform(0.5, 1)

    # -- robots.txt
    async def _robots_check(self, url: str) -> _Outcome | None:
        """None when ``url`` may be fetched; else an outcome saying why not."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        task = self.robots.get(origin)
        if task is None:
            task = self.robots[origin] = self._spawn(self._load_robots(origin))
        rules: _Rules = task.result() if task.done() else await asyncio.shield(task)
        if rules.failure is not None:
            return rules.failure
        if rules.parser is not None and not rules.parser.can_fetch(self.fs.user_agent, url):
            return _Outcome(source="", url=url, status=FetchStatus.ROBOTS_DENIED,
                            error="disallowed by robots.txt")
        return None

    async def _load_robots(self, origin: str) -> _Rules:
        o = await self.crawler.chain(origin + "/robots.txt", "", robots=True)
        if o.status is None:
            parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            text = (o.body or b"").decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            delay = crawl_delay(text, self.fs.user_agent)
            if delay:
                host = self._host(_host_name(origin))
                host.base_delay = max(host.base_delay, min(delay, self.fs.max_crawl_delay))
                host.delay = max(host.delay, host.base_delay)
            return _Rules(parser=parser)
        if o.status in _ROBOTS_UNREACHABLE:
            # RFC 9309: an unreachable robots.txt means "disallow all"; we report the failure
            # on each URL of the origin (transient ones are retried by --retry-failed)
            o.error = "robots.txt: " + (o.error or "unreachable")
            return _Rules(failure=o)
        return _Rules()  # 4xx (no robots.txt), redirect loops, odd answers: no restriction


_ROBOTS_UNREACHABLE = frozenset({
    FetchStatus.HTTP_5XX, FetchStatus.TIMEOUT, FetchStatus.CONNECT_ERROR,
    FetchStatus.READ_ERROR, FetchStatus.DNS_ERROR, FetchStatus.TLS_ERROR,
    FetchStatus.PRIVATE_ADDRESS})


def _host_name(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class _Headers:
    """Case-insensitive lookup in httpcore's raw (bytes, bytes) header list."""

    def __init__(self, raw: list[tuple[bytes, bytes]]) -> None:
        self._map: dict[str, str] = {}
        for key, value in raw:
            self._map.setdefault(key.decode("latin-1").lower(), value.decode("latin-1"))

    def get(self, name: str) -> str | None:
        return self._map.get(name)


class _Crawler:
    """The network side: ``threads`` event loops in their own threads (hosts spread over
    them, round-robin in order of first appearance) that schedule, a pool of I/O threads that
    do the blocking HTTP exchanges, one global concurrency limit, one out queue.

    Why blocking exchanges on threads: on a busy CPU one event loop that parses every response
    itself falls behind (with the bench's server, 20 hosts x 2 at 200 ms on our shared 2-core
    machine: ~0.85 of the bound for httpcore's async pool alone, ~0.93 for the same requests
    on threads); the loops keep the politeness logic, which is cheap."""

    def __init__(self, fs: FetchSettings, out: queue.Queue) -> None:
        self.fs = fs
        self.out = out
        self.ssl = httpx.create_ssl_context(verify=fs.verify_tls, trust_env=False)
        self.slots = _GlobalSlots(fs.concurrency)
        self.headers = [(b"User-Agent", fs.user_agent.encode("latin-1", "replace")),
                        (b"Accept", b"text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"),
                        (b"Accept-Encoding", b"gzip, deflate")]
        self.extensions = {"timeout": {"connect": fs.connect_timeout, "read": fs.read_timeout,
                                       "write": fs.read_timeout, "pool": fs.total_timeout}}
        n = max(1, min(fs.threads, fs.concurrency))
        self.shards = [_Shard(self, i) for i in range(n)]
        self.io = concurrent.futures.ThreadPoolExecutor(max(1, fs.concurrency),
                                                        thread_name_prefix="fetch-io")
        self._owner: dict[str, _Shard] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        for shard in self.shards:
            shard.start()

    def close(self) -> None:
        for shard in self.shards:  # closing the pools unblocks I/O threads mid-request
            for host in list(shard.hosts.values()):
                host.pool.close()
        for shard in self.shards:
            shard.close()
        self.io.shutdown(wait=False, cancel_futures=True)

    def shard_for(self, url: str) -> _Shard:
        name = _host_name(url)
        with self._lock:
            shard = self._owner.get(name)
            if shard is None:
                shard = self._owner[name] = self.shards[len(self._owner) % len(self.shards)]
            return shard

    def submit(self, items: list[InputItem]) -> None:
        groups: dict[int, list[InputItem]] = {}
        for item in items:
            groups.setdefault(id(self.shard_for(item.url)), []).append(item)
        for shard in self.shards:
            if id(shard) in groups:
                shard.submit(groups[id(shard)])

    def exchange(self, pool: httpcore.ConnectionPool, url: str, robots: bool) -> _Try:
        """One blocking GET on an I/O thread: status, headers, and the capped body."""
        fs = self.fs
        limit = ROBOTS_MAX_BYTES if robots else fs.max_bytes
        deadline = time.monotonic() + fs.total_timeout
        t = _Try()
        body_started = False
        try:
            with pool.stream("GET", url, headers=self.headers,
                             extensions=self.extensions) as response:
                code = t.http_status = response.status
                headers = _Headers(response.headers)
                t.content_type = headers.get("content-type")
                if code in (301, 302, 303, 307, 308):
                    t.location = headers.get("location")
                    if not t.location:
                        t.status = FetchStatus.HTTP_4XX
                        t.error = f"HTTP {code} without a Location header"
                    return t
                if code in RETRY_STATUSES:
                    t.retryable = True
                    t.retry_after = _retry_after(headers.get("retry-after"))
                if not 200 <= code < 300:
                    t.status = _status_for_code(code) if code >= 400 else FetchStatus.HTTP_4XX
                    t.error = f"HTTP {code}"
                    return t
                media = media_type(t.content_type)
                if not robots and media not in HTML_TYPES and media not in SNIFF_TYPES:
                    t.status = FetchStatus.UNSUPPORTED_TYPE
                    t.error = f"content type {media!r} is not HTML"
                    return t
                length = headers.get("content-length") or ""
                if not robots and length.isdigit() and int(length) > limit:
                    t.status = FetchStatus.TOO_LARGE
                    t.error = f"Content-Length {length} exceeds max_bytes {limit}"
                    return t
                body_started = True
                t.body = _read_body(response, headers.get("content-encoding"), limit,
                                    deadline, truncate=robots)
        except TooLarge:
            t.status, t.body = FetchStatus.TOO_LARGE, None
            t.error = f"body exceeds max_bytes {limit} (decompressed)"
        except BadEncoding as exc:
            t.status, t.error, t.body = FetchStatus.READ_ERROR, str(exc), None
        except zlib.error as exc:
            t.status, t.body = FetchStatus.READ_ERROR, None
            t.error = f"cannot decode the compressed body: {exc}"
        except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError,
                httpcore.UnsupportedProtocol, TimeoutError, OSError, ValueError) as exc:
            t.status, t.error, t.retryable = classify(exc, body_started)
            t.body = None
        return t

    async def chain(self, item_url: str, source: str, *, robots: bool = False) -> _Outcome:
        """Follow redirects by hand from ``item_url``; each hop runs on the shard owning its
        host, after a robots.txt check (not for robots.txt itself)."""
        o = _Outcome(source=source, url=item_url)
        current = item_url
        seen = {item_url}   # items arrive cleaned; redirect targets are cleaned below
        redirects: list[str] = []
        while True:
            o.final_url = current
            answer = await self.shard_for(current).call(self._hop, current, robots)
            if isinstance(answer, _Outcome):  # robots.txt said no, or could not be read
                o.status, o.error, o.http_status = answer.status, answer.error, \
                    answer.http_status
                o.attempts += answer.attempts
                break
            t, n = answer
            o.attempts += n
            o.http_status, o.content_type = t.http_status, t.content_type
            if t.location is None or t.status is not None:
                o.status, o.error, o.body = t.status, t.error, t.body
                break
            redirects.append(current)
            try:
                target = urljoin(current, t.location.strip()).split("#", 1)[0]
                if not target.isascii():
                    target = clean_url(target) or target
                key = clean_url(target) or target
                scheme = urlsplit(target).scheme.lower()
            except ValueError:   # 'http://[::1', a bad port: urllib cannot even split it
                target, key, scheme = t.location, t.location, ""
            if scheme not in ("http", "https"):
                o.status = FetchStatus.INVALID_URL
                o.error = f"HTTP {t.http_status} redirect to {target!r}, not an http(s) URL"
            elif key in seen:
                o.status, o.error = FetchStatus.REDIRECT_LOOP, f"redirect loop back to {target}"
            elif len(redirects) > self.fs.max_redirects:
                o.status = FetchStatus.REDIRECT_LOOP
                o.error = f"more than {self.fs.max_redirects} redirects"
            if o.status is not None:
                o.final_url = target
                break
            seen.add(key)
            current = target
        o.redirects = tuple(redirects)
        return o

    async def _hop(self, url: str, robots: bool) -> tuple[_Try, int] | _Outcome:
        return await self.shard_for(url).hop(url, robots)


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
        try:
            result = _finish(o, dedup)
        except Exception as exc:  # a decoding bug must not lose the item
            result = FetchResult(source=o.source, url=o.url, status=FetchStatus.READ_ERROR,
                                 final_url=o.final_url, http_status=o.http_status,
                                 error=f"cannot decode the page: {type(exc).__name__}: {exc}",
                                 fetched_at=o.fetched_at, content_type=o.content_type,
                                 redirects=o.redirects, attempts=o.attempts,
                                 elapsed_s=round(o.elapsed_s, 4))
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
                # hand items over in batches, but at once while few are in flight (a slow
                # input such as stdin still starts fetching from its first line)
                if len(batch) >= _SUBMIT_BATCH or pending - len(batch) < 2 * fs.concurrency:
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


__all__ = ["crawl_delay", "fetch_many", "fetch_url"]
