"""How close does the link checker get to perfect concurrency?

Starts a local server (in its own process, so it does not share the checker's CPU) whose
every answer is delayed, checks N distinct URLs, and compares the elapsed time with the
ideal `N x delay / concurrency`. A ratio near 1.0 means the checker keeps every slot busy.

    .venv/bin/python bench/link_check.py [--urls 2000] [--delay 0.1] [--concurrency 50]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing
import sys
import time
from multiprocessing.connection import Connection

from aiohttp import web

from learnpath.linkcheck import CheckSettings, LinkStatus, check_links


def serve(hosts: list[str], delay: float, ports: Connection) -> None:
    """Answer every request on every host after `delay` seconds; send back the ports."""

    async def slow_page(request: web.Request) -> web.Response:
        await asyncio.sleep(delay)
        return web.Response(text="ok")

    async def main() -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", slow_page)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        bound = []
        for host in hosts:
            site = web.TCPSite(runner, host, 0, backlog=1024)
            await site.start()
            bound.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        ports.send(bound)
        await asyncio.Event().wait()

    asyncio.run(main())


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=2000, help="distinct URLs to check")
    parser.add_argument("--delay", type=float, default=0.1, help="seconds each answer waits")
    parser.add_argument("--concurrency", type=int, default=50, help="overall bound")
    parser.add_argument("--per-host", type=int, default=4, help="bound per host")
    parser.add_argument(
        "--hosts",
        type=int,
        default=None,
        help="loopback addresses to spread URLs over (default: enough that "
        "hosts x per-host reaches the overall bound)",
    )
    return parser.parse_args()


# "Close to" the ideal: within a quarter of it, for connection set-up and scheduling.
TARGET = 1.25


def main() -> int:
    options = parse_options()
    host_count = options.hosts or math.ceil(options.concurrency / options.per_host)
    # Every 127.0.0.x is the loopback interface on Linux, so each acts as a separate host.
    hosts = [f"127.0.0.{n}" for n in range(1, host_count + 1)]

    receiver, sender = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=serve, args=(hosts, options.delay, sender), daemon=True)
    server.start()
    try:
        ports = receiver.recv()
        addresses = [f"http://{host}:{port}" for host, port in zip(hosts, ports, strict=True)]
        urls = [f"{addresses[n % len(addresses)]}/page/{n}" for n in range(options.urls)]
        settings = CheckSettings(
            concurrency=options.concurrency, per_host=options.per_host, timeout=30, retries=0
        )
        started = time.perf_counter()
        results = asyncio.run(check_links(urls, settings))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.join()

    ok = sum(result.status is LinkStatus.OK for result in results)
    ideal = options.urls * options.delay / options.concurrency
    usable = min(options.concurrency, host_count * options.per_host)
    print(f"URLs checked:        {options.urls} ({ok} ok), each answer delayed {options.delay} s")
    print(
        f"Bounds:              {options.concurrency} overall, {options.per_host} per host, "
        f"URLs spread over {host_count} loopback host(s)"
    )
    print(
        f"                     ({host_count} hosts x {options.per_host} per host = "
        f"{host_count * options.per_host} slots, so the overall bound of "
        f"{options.concurrency} is the one that limits)"
        if usable == options.concurrency
        else f"                     (only {usable} slots usable: the per-host bound limits)"
    )
    print(f"Elapsed:             {elapsed:.2f} s")
    print(
        f"Ideal:               {ideal:.2f} s  "
        f"({options.urls} x {options.delay} s / {options.concurrency})"
    )
    print(f"Ratio elapsed/ideal: {elapsed / ideal:.2f}  (1.00 is perfect)")
    ratio = elapsed / ideal
    if usable < options.concurrency:
        usable_ideal = options.urls * options.delay / usable
        ratio = elapsed / usable_ideal
        print(f"Against {usable} usable slots: ideal {usable_ideal:.2f} s, ratio {ratio:.2f}")
    print(f"Throughput:          {options.urls / elapsed:.0f} URLs/s")
    all_ok = ok == options.urls
    print(
        f"Ratio against the usable ideal: {ratio:.2f} (target <= {TARGET:.2f}), "
        f"{ok} of {options.urls} ok: {'PASS' if ratio <= TARGET and all_ok else 'FAIL'}"
    )
    return 0 if ratio <= TARGET and all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
