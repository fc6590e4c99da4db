"""`learnpath check-links`: options, and the run that ties checker, cache and report together.

This is the only place the project touches the network; building the site never does.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from .cache import DEFAULT_CACHE_FILE, LinkCache, LinkCacheError, parse_max_age
from .checker import CheckSettings, LinkResult, check_links
from .report import LinkReport, Progress, render_json, render_table

EXIT_OK = 0
EXIT_DEAD_LINKS = 1
EXIT_CACHE_ERROR = 2
EXIT_INTERRUPTED = 130


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the check-links options to `parser` (the roadmap folder argument is the CLI's)."""
    defaults = CheckSettings()
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    parser.add_argument(
        "--concurrency",
        metavar="N",
        type=_at_least(1, int),
        default=defaults.concurrency,
        help="requests in flight at once, overall (default: %(default)s)",
    )
    parser.add_argument(
        "--per-host",
        metavar="N",
        type=_at_least(1, int),
        default=defaults.per_host,
        help="requests in flight at once to any one host (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_at_least(0.001, float),
        default=defaults.timeout,
        help="seconds to wait for each answer (default: %(default)s)",
    )
    parser.add_argument(
        "--retries",
        metavar="N",
        type=_at_least(0, int),
        default=defaults.retries,
        help="extra tries after a 429 or 5xx answer, with backoff (default: %(default)s)",
    )
    parser.add_argument(
        "--cache",
        metavar="PATH",
        type=Path,
        default=Path(DEFAULT_CACHE_FILE),
        help="file that keeps verdicts between runs (default: %(default)s)",
    )
    parser.add_argument(
        "--max-age",
        metavar="AGE",
        type=_max_age,
        default="24h",
        help="reuse cached verdicts younger than this: seconds or 30m, 24h, 7d; "
        "0 checks every URL again (default: 24h)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the cache file"
    )
    parser.add_argument(
        "--archive",
        action="store_true",
        help="for dead links, print the Wayback Machine lookup URL to try",
    )


def run(args: argparse.Namespace, links: list[tuple[str, str]]) -> int:
    """Check the (resource id, url) pairs; 0 when all resolve, 1 when any is dead."""
    resources_by_url: dict[str, list[str]] = {}
    for resource_id, url in links:
        # str(): a validated model may hand over URL objects rather than plain strings.
        resources_by_url.setdefault(str(url), []).append(str(resource_id))

    try:
        cache = None if args.no_cache else LinkCache(args.cache)
    except LinkCacheError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CACHE_ERROR

    known: dict[str, LinkResult] = {}
    if cache is not None:
        for url in resources_by_url:
            if (cached := cache.fresh(url, args.max_age)) is not None:
                known[url] = cached
    to_check = [url for url in resources_by_url if url not in known]

    try:
        known.update(_check(to_check, _settings(args), cache))
    except KeyboardInterrupt:
        kept = (
            f"; verdicts so far are kept in {args.cache}, run again to resume"
            if cache is not None
            else ""
        )
        print(f"interrupted{kept}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except LinkCacheError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CACHE_ERROR

    reports = [LinkReport(known[url], tuple(ids)) for url, ids in resources_by_url.items()]
    render = render_json if args.format == "json" else render_table
    print(render(reports, archive=args.archive))
    dead = any(report.result.status.is_dead for report in reports)
    return EXIT_DEAD_LINKS if dead else EXIT_OK


def _check(
    urls: list[str], settings: CheckSettings, cache: LinkCache | None
) -> dict[str, LinkResult]:
    progress = Progress(len(urls))

    def on_result(result: LinkResult) -> None:
        if cache is not None:
            cache.record(result)
        progress.advance()

    try:
        results = asyncio.run(check_links(urls, settings, on_result)) if urls else []
    finally:
        progress.finish()
        if cache is not None:
            cache.close()
    return {result.url: result for result in results}


def _settings(args: argparse.Namespace) -> CheckSettings:
    return CheckSettings(
        concurrency=args.concurrency,
        per_host=args.per_host,
        timeout=args.timeout,
        retries=args.retries,
    )


def _at_least(minimum: float, kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum:g}, got {text}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


def _max_age(text: str) -> timedelta:
    try:
        return parse_max_age(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
