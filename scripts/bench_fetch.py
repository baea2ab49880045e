"""Fetch benchmark: 2,000 URLs over 20 loopback hosts with 200 ms latency per response.

    .venv/bin/python scripts/bench_fetch.py [--urls 2000] [--hosts 20] [--latency 0.2]
                                            [--per-host 2] [--skip-trafilatura]

A local asyncio HTTP server (a child process) listens on 127.0.0.1 ... 127.0.0.<hosts>, same
port, and answers every request after ``latency`` seconds (keep-alive, ~3 KB HTML pages, a
permissive robots.txt). Nothing leaves the machine.

The bound is hosts x per-host limit / latency (200 pages/s with the defaults): no polite
fetcher can go faster. We print, in the same run:

* ``pipeline.fetch.fetch_many`` with ``per_host_concurrency = --per-host`` and
  ``concurrency = hosts x per-host`` (robots.txt obeyed: one extra request per host);
* trafilatura's own fetching, ``trafilatura.downloads.buffered_downloads`` (a thread pool
  over ``fetch_url``) with the same number of threads and the same URLs, interleaved by host
  so its load per host stays near the limit (it has no per-host limit of its own).

For each: pages fetched OK, wall time, pages/s, ratio to the bound, and the highest number of
requests the server saw in flight at once on one host.
"""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import socket
import subprocess
import sys
import time

BODY = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        "</head><body><header><nav><a href='/'>Home</a></nav></header><article><h1>{title}</h1>"
        + "<p>Attackers encrypted the billing servers of the regional water utility, which "
          "restored its customer portal two days later, a spokesperson said on Thursday.</p>"
        * 12 + "</article><footer>Contact</footer></body></html>")
ROBOTS = b"User-agent: *\nAllow: /\n"


# ----------------------------------------------------------------------------- server (child)
class _Stats:
    def __init__(self) -> None:
        self.active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}
        self.requests = 0

    def reset(self) -> None:
        self.active.clear()
        self.max_active.clear()
        self.requests = 0


async def _handle(reader, writer, latency: float, stats: _Stats) -> None:
    host = writer.get_extra_info("sockname")[0]
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ", 2)[1].decode()
            if path == "/__stats":
                body = json.dumps({"max_active": stats.max_active,
                                   "requests": stats.requests}).encode()
                stats.reset()
                ctype = "application/json"
            else:
                stats.requests += 1
                stats.active[host] = stats.active.get(host, 0) + 1
                stats.max_active[host] = max(stats.max_active.get(host, 0), stats.active[host])
                try:
                    await asyncio.sleep(latency)
                finally:
                    stats.active[host] -= 1
                if path == "/robots.txt":
                    body, ctype = ROBOTS, "text/plain"
                else:
                    body = BODY.format(title=f"Incident report {path}").encode()
                    ctype = "text/html; charset=utf-8"
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode()
                         + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def _serve(hosts: int, latency: float) -> None:
    stats = _Stats()
    for _ in range(20):  # find a port free on every address
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        servers = []
        try:
            for k in range(1, hosts + 1):
                servers.append(await asyncio.start_server(
                    lambda r, w: _handle(r, w, latency, stats), f"127.0.0.{k}", port,
                    backlog=1024))
            break
        except OSError:
            for s in servers:
                s.close()
    else:
        raise SystemExit("no free port")
    print(port, flush=True)
    # exit when the parent closes our stdin (at once: open keep-alive connections are moot)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    sys.stdout.flush()
    os._exit(0)


# ----------------------------------------------------------------------------- runs (parent)
def _stats(port: int) -> dict:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__stats", timeout=10) as r:
        return json.loads(r.read())


def run_ours(urls: list[str], hosts: int, per_host: int) -> tuple[int, float]:
    from pipeline.fetch import fetch_many
    from pipeline.inputs import iter_inputs
    from pipeline.settings import load_settings

    fs = dataclasses.replace(load_settings().fetch, allow_private=True,
                             per_host_concurrency=per_host, concurrency=hosts * per_host)
    start = time.perf_counter()
    ok = sum(r.ok for r in fetch_many(iter_inputs(urls), fs))
    return ok, time.perf_counter() - start


def run_trafilatura(urls: list[str], threads: int) -> tuple[int, float]:
    from copy import deepcopy

    from trafilatura.downloads import buffered_downloads
    from trafilatura.settings import DEFAULT_CONFIG, Extractor

    config = deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["SSRF_PROTECTION"] = "off"   # the benchmark server is on loopback
    config["DEFAULT"]["MAX_REDIRECTS"] = "5"
    config["DEFAULT"]["DOWNLOAD_TIMEOUT"] = "20"
    options = Extractor(config=config)
    start = time.perf_counter()
    ok = sum(1 for _, html in buffered_downloads(urls, threads, options=options) if html)
    return ok, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--skip-trafilatura", action="store_true")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.hosts <= 254:
        parser.error("--hosts must be between 1 and 254")
    if args.serve:
        asyncio.run(_serve(args.hosts, args.latency))
        return 0

    server = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve",
                               "--hosts", str(args.hosts), "--latency", str(args.latency)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        # URL i on host i % hosts: consecutive URLs spread over all hosts
        def urls(tag: str) -> list[str]:
            return [f"http://127.0.0.{i % args.hosts + 1}:{port}/{tag}/{i}"
                    for i in range(args.urls)]

        bound = args.hosts * args.per_host / args.latency
        load_start = os.getloadavg()[0]
        rows = []
        ok, secs = run_ours(urls("news"), args.hosts, args.per_host)
        rows.append(("pipeline.fetch.fetch_many", ok, secs, _stats(port)))
        if not args.skip_trafilatura:
            ok, secs = run_trafilatura(urls("news"), args.hosts * args.per_host)
            rows.append(("trafilatura buffered_downloads", ok, secs, _stats(port)))
    finally:
        server.stdin.close()
        server.wait(timeout=10)

    print(f"\nmachine: {os.cpu_count()} CPUs, load average {load_start:.1f} at start "
          f"(other processes share the CPUs; throughput drops as the load rises)")
    print(f"{args.urls} URLs over {args.hosts} loopback hosts, {args.latency * 1000:.0f} ms "
          f"per response, per-host limit {args.per_host}, {args.hosts * args.per_host} "
          f"workers; bound = {args.hosts} x {args.per_host} / {args.latency:g} s = "
          f"{bound:.0f} pages/s\n")
    header = f"{'fetcher':<32} {'ok':>6} {'seconds':>8} {'pages/s':>8} {'x bound':>8} " \
             f"{'requests':>9} {'max/host':>8}"
    print(header)
    print("-" * len(header))
    for name, ok, secs, stats in rows:
        rate = ok / secs if secs else 0.0
        peak = max(stats["max_active"].values(), default=0)
        print(f"{name:<32} {ok:>6} {secs:>8.2f} {rate:>8.1f} {rate / bound:>8.2f} "
              f"{stats['requests']:>9} {peak:>8}")
    print("\n'requests' counts robots.txt fetches; 'max/host' is the most requests the server "
          "had in flight on one host at once.")
    ours_ok = rows[0][1]
    return 0 if ours_ok == args.urls else 1


if __name__ == "__main__":
    sys.exit(main())
