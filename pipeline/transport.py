"""The network layer of :mod:`pipeline.fetch`: guarded httpcore connection pools, and
httpcore's exceptions (httpx's taxonomy) turned into fetch statuses.

The guard resolves host names itself and connects only to a checked address, so private,
loopback, link-local and other non-global addresses are refused *after* DNS resolution and on
every redirect hop, with no DNS-rebinding gap (unless ``allow_private``). No proxy or netrc is
read from the environment.
"""
from __future__ import annotations

import ipaddress
import select
import socket
import ssl
import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore

from .records import FetchStatus
from .settings import FetchSettings


class DNSFailure(httpcore.ConnectError):
    """The host name does not resolve."""


class PrivateAddress(httpcore.ConnectError):
    """The host resolves to an address we may not connect to."""


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    ip = getattr(ip, "ipv4_mapped", None) or ip
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Addresses of ``host`` (the system resolver, on an I/O thread). Tests replace this."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


class _Stream(httpcore.NetworkStream):
    """A network stream that answers httpcore's per-request questions cheaply.

    On every request httpcore asks each pooled connection whether the server closed it
    (``is_readable``), one system call per connection per request. A connection that did
    I/O in the last quarter second is taken as open (servers keep idle connections for
    seconds); older ones are really checked."""

    _FRESH = 0.25

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner
        self._socket = inner.get_extra_info("socket")
        self._last_io = time.monotonic()

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data = self._inner.read(max_bytes, timeout)
        self._last_io = time.monotonic()
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)
        self._last_io = time.monotonic()

    def close(self) -> None:
        if self._socket is not None:  # wakes an I/O thread blocked on it (close alone does not)
            try:
                self._socket.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "socket":
            return self._socket
        if info == "is_readable":  # an idle keep-alive connection the server has closed
            sock = self._socket
            if sock is None or sock.fileno() < 0:
                return True
            if time.monotonic() - self._last_io < self._FRESH:
                return False
            return bool(select.select([sock], [], [], 0)[0])
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves host names itself and connects to a checked address, so the private-address
    rule holds after DNS resolution and on every redirect hop (no DNS-rebinding gap)."""

    def __init__(self, allow_private: bool) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise DNSFailure(f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise DNSFailure(f"cannot resolve {host}: no address")
        if not self._allow_private:
            refused = [a for a in addresses
                       if not is_public(ipaddress.ip_address(a.split("%", 1)[0]))]
            if refused:
                raise PrivateAddress(f"{host} resolves to non-public address {refused[0]} "
                                      "(use --allow-private to fetch it)")
        last: Exception | None = None
        for address in addresses:
            try:
                return _Stream(self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options))
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last  # type: ignore[misc]

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> Any:
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def make_pool(fs: FetchSettings, ssl_context: ssl.SSLContext) -> httpcore.ConnectionPool:
    """httpx's transport core, with our resolving, address-checking network backend and no
    proxy or netrc from the environment."""
    return httpcore.ConnectionPool(
        ssl_context=ssl_context, max_connections=None,
        max_keepalive_connections=max(4, 2 * fs.per_host_concurrency), keepalive_expiry=5.0,
        http1=True, http2=False, network_backend=GuardedBackend(fs.allow_private))


# ----------------------------------------------------------------------------- errors -> statuses
def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen = 0
    while exc is not None and seen < 10:
        yield exc
        exc = exc.__cause__ or exc.__context__
        seen += 1


def classify(exc: BaseException, body_started: bool) -> tuple[FetchStatus, str, bool]:
    """(status, error text, retryable) for an exception raised by one request (httpcore's
    exceptions: the same taxonomy as httpx's)."""
    chain = list(_causes(exc))
    text = str(exc) or type(exc).__name__
    for kind, status in ((PrivateAddress, FetchStatus.PRIVATE_ADDRESS),
                         (DNSFailure, FetchStatus.DNS_ERROR)):
        found = next((e for e in chain if isinstance(e, kind)), None)
        if found is not None:
            return status, str(found), False
    if isinstance(exc, (httpcore.TimeoutException, TimeoutError)):
        kind = {httpcore.ConnectTimeout: "connect", httpcore.ReadTimeout: "read",
                httpcore.WriteTimeout: "write", httpcore.PoolTimeout: "pool"}
        return FetchStatus.TIMEOUT, f"{kind.get(type(exc), 'total')} timeout", True
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return FetchStatus.TLS_ERROR, text, False
    if isinstance(exc, (httpcore.UnsupportedProtocol, ValueError)):
        return FetchStatus.INVALID_URL, text, False
    if isinstance(exc, (httpcore.NetworkError, httpcore.ProtocolError, OSError)):
        if body_started:
            return FetchStatus.READ_ERROR, f"connection broken while reading the body: {text}", True
        return FetchStatus.CONNECT_ERROR, text, True
    return FetchStatus.READ_ERROR, f"{type(exc).__name__}: {text}", False


__all__ = ["DNSFailure", "GuardedBackend", "PrivateAddress", "classify", "is_public",
           "make_pool", "resolve"]
