"""`learnpath check-links` against local HTTP servers started by each test; no internet."""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from learnpath.linkcheck import (
    CheckSettings,
    LinkCache,
    LinkChecker,
    LinkResult,
    LinkStatus,
    add_arguments,
    check_links,
    parse_max_age,
    run,
)
from learnpath.linkcheck.checker import ERROR_MAX_CHARS

SLOW_SECONDS = 2.0


class ServerThread:
    """A server on its own thread and loop, so the code under test can own the main one."""

    def __init__(self) -> None:
        self.methods: defaultdict[str, list[str]] = defaultdict(list)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=5)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    async def _serve(self) -> None:
        raise NotImplementedError

    async def _shutdown(self) -> None:
        raise NotImplementedError


class LocalSite(ServerThread):
    """An aiohttp server: well-behaved HTTP, whatever status or redirect a test needs."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: Counter[str] = Counter()
        self.in_flight: Counter[str] = Counter()
        self.most_in_flight: Counter[str] = Counter()
        self._runner: web.AppRunner | None = None

    async def _shutdown(self) -> None:
        assert self._runner is not None
        await self._runner.cleanup()

    async def _serve(self) -> None:
        app = web.Application(middlewares=[self._count])
        app.router.add_route("*", "/ok", self._ok)
        app.router.add_route("*", "/missing", self._status(404))
        app.router.add_route("*", "/always-500", self._status(500))
        app.router.add_route("*", "/old", self._redirect(301, "/older"))
        app.router.add_route("*", "/older", self._redirect(308, "/ok"))
        app.router.add_route("*", "/temporary", self._redirect(302, "/ok"))
        app.router.add_route("*", "/docs/start", self._redirect(301, "intro"))
        app.router.add_route("*", "/docs/intro", self._ok)
        app.router.add_route("*", "/loop/a", self._redirect(301, "/loop/b"))
        app.router.add_route("*", "/loop/b", self._redirect(301, "/loop/a"))
        app.router.add_route("*", "/endless/{n}", self._endless)
        app.router.add_route("*", "/slow", self._slow)
        app.router.add_route("*", "/pause/{n}", self._pause)
        app.router.add_route("*", "/busy/{retry_after}", self._busy)
        app.router.add_route("*", "/flaky", self._flaky)
        app.router.add_route("*", "/no-head", self._no_head)
        app.router.add_route("*", "/head-not-found", self._head_not_found)
        # Handlers are cancelled when the client gives up, so /slow does not delay teardown.
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    @web.middleware
    async def _count(self, request: web.Request, handler: web.Handler) -> web.StreamResponse:
        self.hits[request.path] += 1
        self.methods[request.path].append(request.method)
        return await handler(request)

    async def _ok(self, request: web.Request) -> web.Response:
        return web.Response(text="a page worth reading")

    @staticmethod
    def _status(status: int) -> web.Handler:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=status)

        return handler

    @staticmethod
    def _redirect(status: int, location: str) -> web.Handler:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=status, headers={"Location": location})

        return handler

    async def _endless(self, request: web.Request) -> web.Response:
        following = int(request.match_info["n"]) + 1
        return web.Response(status=302, headers={"Location": f"/endless/{following}"})

    async def _slow(self, request: web.Request) -> web.Response:
        await asyncio.sleep(SLOW_SECONDS)
        return web.Response(text="too late")

    async def _pause(self, request: web.Request) -> web.Response:
        host = request.headers["Host"].split(":")[0]
        for key in (host, "all"):
            self.in_flight[key] += 1
            self.most_in_flight[key] = max(self.most_in_flight[key], self.in_flight[key])
        try:
            await asyncio.sleep(0.15)
        finally:
            for key in (host, "all"):
                self.in_flight[key] -= 1
        return web.Response(text="paused")

    async def _busy(self, request: web.Request) -> web.Response:
        if self.hits[request.path] == 1:
            retry_after = request.match_info["retry_after"]
            return web.Response(status=429, headers={"Retry-After": retry_after})
        return web.Response(text="thanks for waiting")

    async def _flaky(self, request: web.Request) -> web.Response:
        return web.Response(status=503 if self.hits["/flaky"] <= 2 else 200)

    async def _no_head(self, request: web.Request) -> web.Response:
        return web.Response(status=405 if request.method == "HEAD" else 200)

    async def _head_not_found(self, request: web.Request) -> web.Response:
        return web.Response(status=404 if request.method == "HEAD" else 200)


OK_ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
ENDLESS_ANSWER = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"


class RawSite(ServerThread):
    """A hand-written HTTP server for what aiohttp's server never does: answer HEAD with a
    body, garble an answer, or hang up. Each path names what HEAD gets, then what GET gets."""

    def __init__(self) -> None:
        super().__init__()
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    async def _serve(self) -> None:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in self._connections:
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while True:  # keep-alive: one request after another on the same connection
                request_line = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")[0]
                method, path, _ = request_line.decode().split(" ")
                self.methods[path].append(method)
                if not await self._answer(method, path, writer):
                    break
        except (OSError, asyncio.IncompleteReadError):
            pass  # the checker hung up, as it does when it has seen enough
        finally:
            writer.close()
            self._connections.discard(task)

    async def _answer(self, method: str, path: str, writer: asyncio.StreamWriter) -> bool:
        """Write the answer `path` asks for; False when the connection is to be closed."""
        if method == "HEAD" and path == "/head-body-after-empty-answer":
            # One write, so the stray bytes arrive with the answer and are always seen.
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nsurprise body")
        elif method == "HEAD" and path == "/head-body-after-connection-close":
            writer.write(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nsurprise body")
            await writer.drain()
            return False
        elif method == "HEAD" and path == "/head-hangs-up":
            return False
        elif path == "/endless" or (method == "HEAD" and path == "/endless-head-garbage-get"):
            await self._endless(writer)
        elif path == "/endless-head-garbage-get":
            writer.write(b"not http at all " * 2_000 + b"\r\n" * 40 + b"\r\n")
            await writer.drain()
            return False
        else:
            writer.write(OK_ANSWER)
        await writer.drain()
        return True

    @staticmethod
    async def _endless(writer: asyncio.StreamWriter) -> None:
        # The answer and the first of the body in one write, so HEAD's body is always seen.
        chunk = b"x" * 65_536 + b"\n" * 64
        writer.write(ENDLESS_ANSWER + chunk)
        while True:  # until the checker hangs up
            await writer.drain()
            writer.write(chunk)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    server = LocalSite()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def raw_site() -> Iterator[RawSite]:
    server = RawSite()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def refused_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/nobody-home"


def check(urls: list[str], **settings: float) -> list[LinkResult]:
    options = {"timeout": 2.0, "backoff": 0.05, **settings}
    return asyncio.run(check_links(urls, CheckSettings(**options)))  # type: ignore[arg-type]


def check_one(url: str, **settings: float) -> LinkResult:
    return check([url], **settings)[0]


def parse_options(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="learnpath check-links")
    add_arguments(parser)
    return parser.parse_args(list(argv))


def check_links_command(
    capsys: pytest.CaptureFixture[str], links: list[tuple[str, str]], *argv: str
) -> tuple[int, str, str]:
    code = run(parse_options(*argv), links)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_command(
    capsys: pytest.CaptureFixture[str], links: list[tuple[str, str]], cache: Path, *argv: str
) -> tuple[int, dict]:
    code, out, _ = check_links_command(
        capsys, links, "--format", "json", "--cache", str(cache), "--timeout", "0.5", *argv
    )
    return code, json.loads(out)


# The engine


def test_reachable_page_is_ok(site: LocalSite) -> None:
    result = check_one(site.url("/ok"))
    assert result.status is LinkStatus.OK
    assert result.http_status == 200
    assert result.final_url == site.url("/ok")
    assert result.redirects == ()
    assert site.methods["/ok"] == ["HEAD"]


def test_missing_page_is_broken_with_its_status(site: LocalSite) -> None:
    result = check_one(site.url("/missing"))
    assert result.status is LinkStatus.BROKEN
    assert result.http_status == 404
    assert result.error == "404 Not Found"


def test_redirect_chain_reports_every_hop_and_the_page_it_ends_on(site: LocalSite) -> None:
    result = check_one(site.url("/old"))
    assert result.status is LinkStatus.REDIRECTED
    assert result.http_status == 200
    assert result.final_url == site.url("/ok")
    assert [(hop.url, hop.status) for hop in result.redirects] == [
        (site.url("/old"), 301),
        (site.url("/older"), 308),
    ]
    assert result.is_permanent_move


def test_temporary_redirect_is_not_a_permanent_move(site: LocalSite) -> None:
    result = check_one(site.url("/temporary"))
    assert result.status is LinkStatus.REDIRECTED
    assert not result.is_permanent_move


def test_relative_location_is_resolved_against_the_page(site: LocalSite) -> None:
    result = check_one(site.url("/docs/start"))
    assert result.final_url == site.url("/docs/intro")
    assert result.status is LinkStatus.REDIRECTED


def test_redirect_loop_is_broken_instead_of_endless(site: LocalSite) -> None:
    result = check_one(site.url("/loop/a"))
    assert result.status is LinkStatus.BROKEN
    assert result.error == "redirect loop"
    assert [hop.url for hop in result.redirects] == [site.url("/loop/a"), site.url("/loop/b")]
    assert site.hits["/loop/a"] == 1


def test_redirects_stop_after_the_maximum_number_of_hops(site: LocalSite) -> None:
    result = check_one(site.url("/endless/0"), max_redirects=5)
    assert result.status is LinkStatus.BROKEN
    assert result.error == "more than 5 redirects"
    assert len(result.redirects) == 5


def test_slow_server_past_the_timeout_is_unreachable(site: LocalSite) -> None:
    started = time.monotonic()
    result = check_one(site.url("/slow"), timeout=0.3)
    assert time.monotonic() - started < SLOW_SECONDS
    assert result.status is LinkStatus.UNREACHABLE
    assert result.http_status is None
    assert result.error == "timed out after 0.3 s"


def test_rate_limited_link_waits_for_retry_after_then_succeeds(site: LocalSite) -> None:
    started = time.monotonic()
    result = check_one(site.url("/busy/1"))
    assert time.monotonic() - started >= 0.95
    assert result.status is LinkStatus.OK
    assert site.hits["/busy/1"] == 2


def test_long_retry_after_is_capped(site: LocalSite) -> None:
    started = time.monotonic()
    result = check_one(site.url("/busy/3600"), max_retry_after=0.1)
    assert time.monotonic() - started < 2
    assert result.status is LinkStatus.OK


def test_server_errors_are_retried_with_backoff(site: LocalSite) -> None:
    result = check_one(site.url("/flaky"), retries=2)
    assert result.status is LinkStatus.OK
    assert site.hits["/flaky"] == 3


def test_persistent_server_error_is_broken_after_the_last_retry(site: LocalSite) -> None:
    result = check_one(site.url("/always-500"), retries=2)
    assert result.status is LinkStatus.BROKEN
    assert result.http_status == 500
    assert site.hits["/always-500"] == 3


def test_connection_refused_is_unreachable(refused_url: str) -> None:
    result = check_one(refused_url)
    assert result.status is LinkStatus.UNREACHABLE
    assert result.error is not None
    assert result.error.startswith("cannot connect to 127.0.0.1:")
    assert result.error.endswith(": Connection refused")


def test_link_that_is_not_http_is_unreachable() -> None:
    result = check_one("mailto:someone@example.org")
    assert result.status is LinkStatus.UNREACHABLE
    assert result.error == "not an http(s) URL: mailto:someone@example.org"


def test_head_refused_falls_back_to_get(site: LocalSite) -> None:
    result = check_one(site.url("/no-head"))
    assert result.status is LinkStatus.OK
    assert site.methods["/no-head"] == ["HEAD", "GET"]


def test_not_found_to_head_alone_is_confirmed_with_get(site: LocalSite) -> None:
    result = check_one(site.url("/head-not-found"))
    assert result.status is LinkStatus.OK
    assert site.methods["/head-not-found"] == ["HEAD", "GET"]


def test_missing_page_is_only_called_broken_once_get_agrees(site: LocalSite) -> None:
    assert check_one(site.url("/missing")).status is LinkStatus.BROKEN
    assert site.methods["/missing"] == ["HEAD", "GET"]


@pytest.mark.parametrize(
    "path",
    [
        "/head-body-after-empty-answer",
        "/head-body-after-connection-close",
        "/head-hangs-up",
    ],
)
def test_server_that_mishandles_head_is_asked_again_with_get(raw_site: RawSite, path: str) -> None:
    result = check_one(raw_site.url(path))
    assert result.status is LinkStatus.OK
    assert (result.http_status, result.error) == (200, None)
    # HEAD may be sent twice: aiohttp itself tries an idempotent request again on a hang-up.
    *heads, last = raw_site.methods[path]
    assert (set(heads), last) == ({"HEAD"}, "GET")


def test_endless_bodies_are_never_read(raw_site: RawSite) -> None:
    started = time.monotonic()
    result = check_one(raw_site.url("/endless"), timeout=5.0)
    assert time.monotonic() - started < 2
    assert result.status is LinkStatus.OK
    assert raw_site.methods["/endless"] == ["HEAD", "GET"]


def test_garbled_answers_are_reported_in_one_short_line(raw_site: RawSite) -> None:
    started = time.monotonic()
    result = check_one(raw_site.url("/endless-head-garbage-get"), timeout=5.0)
    assert time.monotonic() - started < 2
    assert result.status is LinkStatus.UNREACHABLE
    assert raw_site.methods["/endless-head-garbage-get"] == ["HEAD", "GET"]
    assert result.error is not None
    assert result.error.startswith("malformed response: Bad status line")
    assert "\n" not in result.error
    assert len(result.error) <= ERROR_MAX_CHARS
    assert result.error.endswith("…")


@pytest.mark.parametrize(
    "failure",
    [
        aiohttp.ClientPayloadError("Response payload is not completed:\n" + "chunk\n" * 50_000),
        ValueError("\n".join(f"line {n} of a parser's complaint" for n in range(5_000))),
    ],
)
def test_huge_multi_line_error_is_reported_in_one_short_line(
    site: LocalSite, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    async def failing_exchange(self: LinkChecker, method: str, url: object) -> None:
        raise failure

    monkeypatch.setattr(LinkChecker, "_exchange", failing_exchange)
    result = check_one(site.url("/ok"))
    assert result.status is LinkStatus.UNREACHABLE
    assert result.error is not None
    assert result.error.startswith(type(failure).__name__ + ": ")
    assert "\n" not in result.error
    assert len(result.error) <= ERROR_MAX_CHARS
    assert result.error.endswith("…")


def test_cached_error_from_an_older_run_is_shown_in_one_short_line() -> None:
    url = "https://example.org/guide"
    stored = LinkResult(url, LinkStatus.BROKEN, 500, url, (), None).to_dict()
    stored["error"] = "first line\n" + "x" * 100_000
    error = LinkResult.from_dict(stored, from_cache=True).error
    assert error is not None
    assert error.startswith("first line xxx")
    assert len(error) == ERROR_MAX_CHARS
    assert "\n" not in error


def test_requests_to_one_host_stay_within_the_per_host_bound(site: LocalSite) -> None:
    urls = [site.url(f"/pause/{n}") for n in range(8)]
    results = check(urls, concurrency=10, per_host=2)
    assert all(result.status is LinkStatus.OK for result in results)
    assert site.most_in_flight["127.0.0.1"] == 2


def test_requests_across_hosts_stay_within_the_overall_bound(site: LocalSite) -> None:
    urls = [site.url(f"/pause/{n}", host) for n in range(6) for host in ("127.0.0.1", "localhost")]
    check(urls, concurrency=3, per_host=2)
    assert site.most_in_flight["all"] == 3
    assert site.most_in_flight["127.0.0.1"] <= 2
    assert site.most_in_flight["localhost"] <= 2


# The command


def test_json_report_names_resources_and_exit_code_flags_dead_links(
    site: LocalSite, refused_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = [
        ("python-tutorial", site.url("/ok")),
        ("python-docs", site.url("/ok")),
        ("old-guide", site.url("/old")),
        ("lost-book", site.url("/missing")),
        ("gone-site", refused_url),
    ]
    code, report = json_command(capsys, links, tmp_path / "cache.json")
    assert code == 1
    assert report["summary"] == {
        "ok": 1,
        "redirected": 1,
        "broken": 1,
        "unreachable": 1,
        "total": 4,
        "from_cache": 0,
    }
    by_url = {link["url"]: link for link in report["links"]}
    assert list(by_url) == [site.url("/ok"), site.url("/old"), site.url("/missing"), refused_url]
    assert site.hits["/ok"] == 2  # once for /ok itself, once as the end of /old's chain
    ok = by_url[site.url("/ok")]
    assert set(ok) == {
        "resources",
        "url",
        "status",
        "http_status",
        "final_url",
        "redirects",
        "error",
        "checked_at",
        "from_cache",
    }
    assert ok["resources"] == ["python-tutorial", "python-docs"]
    assert (ok["status"], ok["http_status"], ok["from_cache"]) == ("ok", 200, False)
    assert datetime.fromisoformat(ok["checked_at"]).tzinfo is not None
    moved = by_url[site.url("/old")]
    assert moved["status"] == "redirected"
    assert moved["final_url"] == site.url("/ok")
    assert moved["redirects"] == [
        {"url": site.url("/old"), "status": 301},
        {"url": site.url("/older"), "status": 308},
    ]
    assert by_url[site.url("/missing")]["http_status"] == 404
    assert by_url[refused_url]["status"] == "unreachable"
    assert by_url[refused_url]["error"].startswith("cannot connect")


def test_all_links_fine_exits_zero(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = [("intro", site.url("/ok")), ("moved", site.url("/temporary"))]
    code, report = json_command(capsys, links, tmp_path / "cache.json")
    assert code == 0
    assert [link["status"] for link in report["links"]] == ["ok", "redirected"]


def test_table_puts_dead_links_first_and_suggests_the_new_url(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = [
        ("intro", site.url("/ok")),
        ("guide", site.url("/old")),
        ("book", site.url("/missing")),
        ("login", site.url("/temporary")),
    ]
    code, out, _ = check_links_command(capsys, links, "--cache", str(tmp_path / "c.json"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split() == ["STATUS", "HTTP", "URL", "RESOURCES"]
    assert lines[1].split() == ["broken", "404", site.url("/missing"), "book"]
    assert f"moved to {site.url('/ok')}  (permanent: update the roadmap)" in out
    assert f"redirects to {site.url('/ok')}  (temporary: keep the URL)" in out
    assert lines[-1] == "4 links: 1 ok, 2 redirected, 1 broken, 0 unreachable (0 from cache)"


def test_archive_hint_is_printed_for_dead_links_only(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = [("intro", site.url("/ok")), ("book", site.url("/missing"))]
    argv = ("--cache", str(tmp_path / "c.json"), "--archive")
    _, out, _ = check_links_command(capsys, links, *argv)
    assert f"try the archive: https://web.archive.org/web/*/{site.url('/missing')}" in out
    assert f"web/*/{site.url('/ok')}" not in out
    _, report = json_command(capsys, links, tmp_path / "c.json", "--archive", "--max-age", "0")
    archive_urls = [link["archive_url"] for link in report["links"]]
    assert archive_urls == [None, f"https://web.archive.org/web/*/{site.url('/missing')}"]


def test_second_run_reuses_recent_verdicts_without_asking_the_server(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = [("intro", site.url("/ok")), ("book", site.url("/missing"))]
    cache = tmp_path / "cache.json"
    first_code, first = json_command(capsys, links, cache)
    hits_after_first_run = sum(site.hits.values())
    second_code, second = json_command(capsys, links, cache)
    assert sum(site.hits.values()) == hits_after_first_run
    assert second_code == first_code == 1
    assert [link["from_cache"] for link in second["links"]] == [True, True]
    assert [link["checked_at"] for link in second["links"]] == [
        link["checked_at"] for link in first["links"]
    ]
    assert second["summary"]["from_cache"] == 2


def test_max_age_zero_checks_every_url_again(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = [("intro", site.url("/ok"))]
    json_command(capsys, links, tmp_path / "cache.json")
    _, report = json_command(capsys, links, tmp_path / "cache.json", "--max-age", "0")
    assert site.hits["/ok"] == 2
    assert report["links"][0]["from_cache"] is False


def test_verdicts_older_than_max_age_are_checked_again(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache.json"
    two_days_ago = datetime.now(UTC) - timedelta(days=2)
    stale = LinkResult(site.url("/ok"), LinkStatus.BROKEN, 500, site.url("/ok"), (), None)
    cache.write_text(json.dumps({**stale.to_dict(), "checked_at": two_days_ago.isoformat()}))
    _, report = json_command(capsys, [("intro", site.url("/ok"))], cache, "--max-age", "1d")
    assert report["links"][0]["status"] == "ok"
    assert site.hits["/ok"] == 1


def test_unreachable_verdicts_are_not_reused(
    refused_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = [("gone", refused_url)]
    json_command(capsys, links, tmp_path / "cache.json")
    _, report = json_command(capsys, links, tmp_path / "cache.json")
    assert report["links"][0]["from_cache"] is False


def test_interrupted_run_keeps_finished_verdicts_and_resumes(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_path = tmp_path / "cache.json"
    quick = [site.url(f"/ok?copy={n}") for n in range(3)]
    cache = LinkCache(cache_path)

    async def interrupted_run() -> None:
        checking = check_links([*quick, site.url("/slow")], CheckSettings(), cache.record)
        await asyncio.wait_for(checking, timeout=0.5)

    with pytest.raises(TimeoutError):
        asyncio.run(interrupted_run())
    # Read before close(): a killed process never gets to compact the file.
    saved = [json.loads(line)["url"] for line in cache_path.read_text().splitlines()]
    cache.close()
    assert sorted(saved) == sorted(quick)

    links = [(f"copy-{n}", url) for n, url in enumerate(quick)] + [("slow", site.url("/slow"))]
    code, report = json_command(capsys, links, cache_path, "--timeout", "0.3")
    assert site.hits["/ok"] == 3
    assert [link["from_cache"] for link in report["links"]] == [True, True, True, False]
    assert code == 1


def test_ctrl_c_says_where_the_verdicts_are_kept(
    site: LocalSite,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def first_then_ctrl_c(
        urls: list[str], settings: CheckSettings, on_result: Callable[[LinkResult], None]
    ) -> list[LinkResult]:
        async with LinkChecker(settings) as checker:
            on_result(await checker.check(urls[0]))
        raise KeyboardInterrupt

    monkeypatch.setattr("learnpath.linkcheck.command.check_links", first_then_ctrl_c)
    cache = tmp_path / "cache.json"
    links = [("intro", site.url("/ok")), ("book", site.url("/missing"))]
    code, out, err = check_links_command(capsys, links, "--cache", str(cache))
    assert code == 130
    assert out == ""
    assert err == f"interrupted; verdicts so far are kept in {cache}, run again to resume\n"
    assert [json.loads(line)["url"] for line in cache.read_text().splitlines()] == [site.url("/ok")]


def test_torn_last_line_of_the_cache_is_ignored(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache.json"
    links = [("intro", site.url("/ok")), ("book", site.url("/missing"))]
    json_command(capsys, links[:1], cache)
    with cache.open("a") as stream:
        stream.write('{"url": "' + site.url("/missing") + '", "sta')
    code, report = json_command(capsys, links, cache)
    assert [link["from_cache"] for link in report["links"]] == [True, False]
    assert code == 1


def test_cache_file_keeps_one_line_per_url(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache.json"
    links = [("intro", site.url("/ok")), ("book", site.url("/missing"))]
    for _ in range(3):
        json_command(capsys, links, cache, "--max-age", "0")
    assert len(cache.read_text().splitlines()) == 2


def test_no_cache_neither_reads_nor_writes_the_file(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache.json"
    links = [("intro", site.url("/ok"))]
    json_command(capsys, links, cache, "--no-cache")
    json_command(capsys, links, cache, "--no-cache")
    assert not cache.exists()
    assert site.hits["/ok"] == 2


def test_long_run_reports_progress_on_stderr_only(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = [(f"page-{n}", site.url(f"/ok?page={n}")) for n in range(40)]
    argv = ("--format", "json", "--cache", str(tmp_path / "c.json"), "--concurrency", "40")
    code, out, err = check_links_command(capsys, links, *argv)
    assert code == 0
    assert json.loads(out)["summary"]["ok"] == 40
    assert "checked 4/40" in err.splitlines()
    assert err.splitlines()[-1] == "checked 40/40"


def test_options_have_the_documented_defaults() -> None:
    args = parse_options()
    assert (args.format, args.concurrency, args.per_host, args.timeout, args.retries) == (
        "table",
        20,
        4,
        10.0,
        2,
    )
    assert args.cache == Path(".learnpath-linkcache.json")
    assert args.max_age == timedelta(hours=24)
    assert (args.no_cache, args.archive) == (False, False)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("0", timedelta(0)),
        ("3600", timedelta(hours=1)),
        ("90s", timedelta(seconds=90)),
        ("30m", timedelta(minutes=30)),
        ("24h", timedelta(days=1)),
        ("7d", timedelta(weeks=1)),
    ],
)
def test_max_age_reads_plain_seconds_and_units(text: str, age: timedelta) -> None:
    assert parse_max_age(text) == age


@pytest.mark.parametrize("argv", [["--max-age", "soon"], ["--concurrency", "0"]])
def test_bad_option_values_are_usage_errors(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse_options(*argv)


# The whole command, from a roadmap folder


def test_check_links_command_reads_the_roadmap_and_flags_the_dead_link(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from learnpath.cli import main

    roadmap = tmp_path / "roadmap"
    (roadmap / "stages").mkdir(parents=True)
    (roadmap / "resources").mkdir()
    (roadmap / "roadmap.yml").write_text("title: Links\nstages: [only]\n")
    (roadmap / "stages" / "only.yml").write_text(
        "title: Only\nsummary: One stage.\n"
        "topics:\n  - title: T\n    resources: [alive, moved, dead]\n"
    )
    (roadmap / "resources" / "web.yml").write_text(
        "title: Web\nresources:\n"
        f"  - {{id: alive, title: Alive, type: article, url: '{site.url('/ok')}'}}\n"
        f"  - {{id: moved, title: Moved, type: article, url: '{site.url('/old')}'}}\n"
        f"  - {{id: dead, title: Dead, type: article, url: '{site.url('/missing')}'}}\n"
    )
    code = main(["check-links", str(roadmap), "--format", "json", "--no-cache", "--archive"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    verdicts = {tuple(link["resources"]): link["status"] for link in report["links"]}
    assert verdicts == {("alive",): "ok", ("moved",): "redirected", ("dead",): "broken"}
    dead = next(link for link in report["links"] if link["resources"] == ["dead"])
    assert dead["archive_url"] == f"https://web.archive.org/web/*/{site.url('/missing')}"
