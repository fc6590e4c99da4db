"""Check resource URLs concurrently and say, for each, what a reader clicking it would get."""

from __future__ import annotations

import asyncio
import email.utils
import os
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from http import HTTPStatus
from typing import Any

import aiohttp
from yarl import URL

USER_AGENT = "Mozilla/5.0 (compatible; learnpath-linkcheck/0.1)"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECT_STATUSES = frozenset({301, 308})

# An error is a note under a table row: a parser quoting a whole response body must not
# turn it into a page of text.
ERROR_MAX_CHARS = 200

# How a server that mishandles HEAD fails once connected: it sends a body after its answer
# (which aiohttp reads as a garbled next response), garbles the answer itself, or hangs up.
_HEAD_MISHANDLED = (
    aiohttp.ClientResponseError,
    aiohttp.ClientPayloadError,
    aiohttp.ClientConnectionError,
)


def _confirm_with_get(head_status: int) -> bool:
    """Servers that do not implement HEAD, or mishandle it (CDNs and bot filters answer 403,
    404 or 405 to HEAD alone), are common: a client error from HEAD is only believed once GET
    says the same. 429 is a request to wait, and server errors are retried instead."""
    return head_status == 501 or (400 <= head_status < 500 and head_status != 429)


def one_line(text: str, limit: int = ERROR_MAX_CHARS) -> str:
    """`text` on one line of at most `limit` characters, ending in an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"


class LinkStatus(StrEnum):
    """What a reader would get by following the link."""

    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    UNREACHABLE = "unreachable"

    @property
    def is_dead(self) -> bool:
        return self in (LinkStatus.BROKEN, LinkStatus.UNREACHABLE)


@dataclass(frozen=True)
class Hop:
    """One redirect answer: the URL asked for and the 3xx status it gave."""

    url: str
    status: int


@dataclass(frozen=True)
class LinkResult:
    """The verdict on one URL, with enough detail to fix the roadmap by hand."""

    url: str
    status: LinkStatus
    http_status: int | None
    final_url: str | None
    redirects: tuple[Hop, ...] = ()
    error: str | None = None
    checked_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    from_cache: bool = False

    def __post_init__(self) -> None:
        # Here rather than where errors are worded, so no path (the checker, an old cache
        # file) can put a multi-line or endless error into a report.
        if self.error is not None:
            object.__setattr__(self, "error", one_line(self.error))

    @property
    def is_permanent_move(self) -> bool:
        """True when every hop is permanent, so the final URL is safe to put in the roadmap."""
        return bool(self.redirects) and all(
            hop.status in PERMANENT_REDIRECT_STATUSES for hop in self.redirects
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "status": self.status.value,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "redirects": [{"url": hop.url, "status": hop.status} for hop in self.redirects],
            "error": self.error,
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, from_cache: bool = False) -> LinkResult:
        checked_at = datetime.fromisoformat(data["checked_at"])
        if checked_at.tzinfo is None:
            checked_at = checked_at.replace(tzinfo=UTC)
        return cls(
            url=data["url"],
            status=LinkStatus(data["status"]),
            http_status=data.get("http_status"),
            final_url=data.get("final_url"),
            redirects=tuple(Hop(hop["url"], hop["status"]) for hop in data.get("redirects", [])),
            error=data.get("error"),
            checked_at=checked_at,
            from_cache=from_cache,
        )


@dataclass(frozen=True)
class CheckSettings:
    """How hard to push the servers we check, and how long to wait for them."""

    concurrency: int = 20
    per_host: int = 4
    timeout: float = 10.0
    retries: int = 2
    max_redirects: int = 10
    backoff: float = 0.5
    # A server may ask for an hour's pause; a link check should not hang that long.
    max_retry_after: float = 30.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class _Answer:
    status: int
    location: str | None


class LinkChecker:
    """An HTTP client session that checks URLs within per-host and overall limits."""

    def __init__(self, settings: CheckSettings) -> None:
        self.settings = settings
        self._overall = asyncio.Semaphore(settings.concurrency)
        self._per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(settings.per_host)
        )
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> LinkChecker:
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=self.settings.concurrency),
            timeout=aiohttp.ClientTimeout(total=self.settings.timeout),
            headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"},
            # Some sites send headers (CSP, cookies) larger than aiohttp's 8 KiB default.
            max_line_size=32768,
            max_field_size=32768,
            trust_env=True,
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def check_all(
        self, urls: Iterable[str], on_result: Callable[[LinkResult], None] | None = None
    ) -> list[LinkResult]:
        """Check every URL at once; `on_result` sees each verdict as soon as it is known."""

        async def check_one(url: str) -> LinkResult:
            result = await self.check(url)
            if on_result is not None:
                on_result(result)
            return result

        return list(await asyncio.gather(*(check_one(url) for url in urls)))

    async def check(self, url: str) -> LinkResult:
        """Follow `url` hop by hop, so every redirect can be reported, not just the last page."""
        try:
            target = URL(url)
        except (ValueError, TypeError) as exc:
            return _unreachable(url, f"invalid URL: {exc}")
        hops: list[Hop] = []
        seen = {str(target)}
        try:
            while True:
                if target.scheme not in ("http", "https") or not target.host:
                    return _unreachable(url, f"not an http(s) URL: {target}", target, hops)
                answer = await self._request(target)
                if answer.status not in REDIRECT_STATUSES or not answer.location:
                    return _answered(url, answer.status, target, hops)
                hops.append(Hop(str(target), answer.status))
                target = target.join(URL(answer.location))
                if str(target) in seen:
                    return _broken(url, answer.status, target, hops, "redirect loop")
                if len(hops) >= self.settings.max_redirects:
                    error = f"more than {self.settings.max_redirects} redirects"
                    return _broken(url, answer.status, target, hops, error)
                seen.add(str(target))
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            return _unreachable(url, self._describe(exc), target, hops)

    async def _request(self, url: URL) -> _Answer:
        """Ask once, then again with backoff while the server says it is busy or failing."""
        attempt = 0
        while True:
            answer, retry_after = await self._send(url)
            if not _worth_retrying(answer.status) or attempt >= self.settings.retries:
                return answer
            await asyncio.sleep(self._delay(attempt, retry_after))
            attempt += 1

    async def _send(self, url: URL) -> tuple[_Answer, float | None]:
        async with self._slot(url.host or ""):
            head = await self._head(url)
            if head is None or _confirm_with_get(head[0]):
                status, headers = await self._exchange("GET", url)
            else:
                status, headers = head
        answer = _Answer(status, headers.get("Location"))
        return answer, _parse_retry_after(headers.get("Retry-After"))

    async def _head(self, url: URL) -> tuple[int, Any] | None:
        """HEAD's answer, or None when the server mishandled HEAD and only GET can tell."""
        try:
            return await self._exchange("HEAD", url)
        except (aiohttp.ClientConnectorError, TimeoutError):
            raise  # no connection, or no answer in time: GET would fail the same way, slower
        except _HEAD_MISHANDLED:
            return None

    async def _exchange(self, method: str, url: URL) -> tuple[int, Any]:
        assert self._session is not None, "use LinkChecker as an async context manager"
        # The body is never read, so an endless one costs nothing: leaving the block early
        # closes the connection instead.
        async with self._session.request(method, url, allow_redirects=False) as response:
            return response.status, response.headers

    @asynccontextmanager
    async def _slot(self, host: str) -> AsyncIterator[None]:
        # Host first: a task waiting for a busy host must not hold an overall slot
        # that a request to another host could use.
        async with self._per_host[host.lower()], self._overall:
            yield

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.settings.max_retry_after)
        return self.settings.backoff * 2**attempt

    def _describe(self, exc: BaseException) -> str:
        """Say what went wrong in the reader's terms; LinkResult keeps it to one line."""
        if isinstance(exc, TimeoutError):
            return f"timed out after {self.settings.timeout:g} s"
        if isinstance(exc, aiohttp.ClientConnectorCertificateError):
            return f"TLS certificate error: {exc.certificate_error}"
        if isinstance(exc, aiohttp.ClientConnectorError):
            return f"cannot connect to {exc.host}:{exc.port}: {_os_reason(exc.os_error)}"
        if isinstance(exc, aiohttp.ClientResponseError):
            # aiohttp's parser failed: its status (400) is its own, not the server's, and
            # the caret it draws under the bad byte means nothing once on one line.
            lines = [line for line in exc.message.splitlines() if line.strip() != "^"]
            return "malformed response: " + " ".join(lines)
        return f"{type(exc).__name__}: {exc}".rstrip(": ")


async def check_links(
    urls: Iterable[str],
    settings: CheckSettings | None = None,
    on_result: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check `urls` with one shared session; results come back in the order given."""
    async with LinkChecker(settings or CheckSettings()) as checker:
        return await checker.check_all(urls, on_result)


def _worth_retrying(status: int) -> bool:
    # 501 means "never implemented", not "try later".
    return status == 429 or (status >= 500 and status != 501)


def _parse_retry_after(value: str | None) -> float | None:
    """Read Retry-After as seconds, whether given as a number or as an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _os_reason(error: OSError) -> str:
    # asyncio words a refused connection as "Connect call failed (...)"; the errno says more.
    if error.errno and error.errno > 0:
        return os.strerror(error.errno)
    return error.strerror or str(error)


def _answered(url: str, status: int, final: URL, hops: list[Hop]) -> LinkResult:
    if status >= 400:
        return _broken(url, status, final, hops, _phrase(status))
    verdict = LinkStatus.REDIRECTED if hops else LinkStatus.OK
    return LinkResult(url, verdict, status, str(final), tuple(hops))


def _broken(url: str, status: int, final: URL, hops: list[Hop], error: str) -> LinkResult:
    return LinkResult(url, LinkStatus.BROKEN, status, str(final), tuple(hops), error)


def _unreachable(
    url: str, error: str, final: URL | None = None, hops: list[Hop] | None = None
) -> LinkResult:
    final_url = str(final) if final is not None else None
    return LinkResult(url, LinkStatus.UNREACHABLE, None, final_url, tuple(hops or ()), error)


def _phrase(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"
