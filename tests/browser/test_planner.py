"""A learner plans their pace: hours per week and a start date give every stage dates.

The expected dates are computed here, from path.js and the rules of the issue (#13), not read
back from the script: in path order, each stage takes its hours still to do (none if done or
skipped, its unticked share if in progress) at the hours per week, in whole days, from the
start date. The reader is in Los Angeles, where a date kept as UTC midnight but written in
local time would show the day before, and the plans cross a change of daylight saving time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from browsing import PALETTES, BrowserLog, Site, open_context, open_page
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from test_axe import AXE, BLOCKING, SETTLED, describe
from test_targets import CONTROLS, MIN_FONT, MIN_TARGET, SMALL_TEXT, TARGETS

pytestmark = pytest.mark.browser

ZONE = "America/Los_Angeles"
START = date(2027, 3, 1)  # US daylight saving time starts on 14 March 2027
MONTHS = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
NODE_TEXT = 186  # the diagram's details line: 210-px box, 12 px in from its left, 12 px spare
# The long form the issue asks for, in the reader's locale, of dates computed here.
LONG_RANGE = """([start, finish]) => new Intl.DateTimeFormat(undefined,
  {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"})
  .formatRange(new Date(start), new Date(finish))"""


@dataclass(frozen=True)
class Planned:
    start: date
    finish: date  # the last day, inclusive
    left: Fraction  # hours


def stages_of(site: Site) -> list[dict[str, Any]]:
    """The path's stages as the browser gets them, from assets/learnpath/path.js."""
    text = (site.root / "assets" / "learnpath" / "path.js").read_text(encoding="utf-8")
    return json.loads(text.split("=", 1)[1].strip().rstrip(";"))["stages"]


def expected_plan(
    site: Site,
    hours_per_week: float,
    start: date = START,
    *,
    finished: tuple[str, ...] = (),
    ticked: dict[str, int] | None = None,
) -> dict[str, Planned | None]:
    """Each stage's planned dates, or None when nothing is left of it (`finished`: done or
    skipped stages; `ticked`: how many items of a stage are ticked)."""
    plan: dict[str, Planned | None] = {}
    day = start
    for stage in stages_of(site):
        total = len(stage["resources"]) + len(stage["outcomes"])
        share = 1 - Fraction((ticked or {}).get(stage["id"], 0), total) if total else Fraction(1)
        left = Fraction(0) if stage["id"] in finished else Fraction(stage["hours"] or 0) * share
        if not left:
            plan[stage["id"]] = None
            continue
        days = max(1, math.ceil(left * 7 / Fraction(hours_per_week)))
        plan[stage["id"]] = Planned(day, day + timedelta(days=days - 1), left)
        day += timedelta(days=days)
    return plan


def written(day: date) -> str:
    """A date as en-GB writes it with the month's name: 9 March 2027."""
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def path_finish(plan: dict[str, Planned | None]) -> date:
    return max(planned.finish for planned in plan.values() if planned)


@pytest.fixture
def reader(browser: Browser, site: Site, log: BrowserLog) -> Iterator[BrowserContext]:
    """A fresh reader in Los Angeles whose browser writes British English."""
    context = open_context(browser, site, log, locale="en-GB", timezone_id=ZONE)
    yield context
    context.close()


@pytest.fixture
def page(reader: BrowserContext, log: BrowserLog) -> Page:
    return log.watch(reader.new_page())


@pytest.fixture(autouse=True)
def no_script_errors(log: BrowserLog) -> Iterator[None]:
    """Whatever a test checks, no page it opened logged an error or threw."""
    yield
    assert log.errors == []


def set_pace(page: Page, hours: str, start: date | None = START) -> None:
    """On the overview: fill in the planner's fields, by their labels."""
    page.get_by_label("Hours per week").fill(hours)
    if start is not None:
        page.get_by_label("Start date").fill(start.isoformat())


def plan_of(page: Page, stage: str, scope: str = "li.lp-path__stage") -> Locator:
    return page.locator(f'{scope}[data-lp-stage="{stage}"] [data-lp-plan="{stage}"]')


def finish_line(page: Page) -> Locator:
    return page.locator(".lp-planner").get_by_role("status")


def planned_text(page: Page, planned: Planned | None, status: str = "Done") -> str:
    """What a stage card or page says of a stage: its dates, or why it has none."""
    if planned is None:
        return status
    text = page.evaluate(LONG_RANGE, [planned.start.isoformat(), planned.finish.isoformat()])
    # The locale's range keeps the month's name and the finish in full.
    assert text.endswith(written(planned.finish)), text
    return f"Planned: {text}"


def expect_overview(page: Page, plan: dict[str, Planned | None], skipped: str = "") -> None:
    """Every stage card of the overview and the whole path's finish agree with `plan`."""
    for stage, planned in plan.items():
        status = "Skipped" if stage == skipped else "Done"
        expect(plan_of(page, stage)).to_have_text(planned_text(page, planned, status))
    expect(finish_line(page)).to_contain_text(
        f"Projected finish of the whole path: {written(path_finish(plan))} "
    )


def no_broken_dates(page: Page) -> None:
    """Nowhere on the page, SVG included, a date that went wrong."""
    text = page.evaluate("() => document.body.textContent")
    assert "NaN" not in text and "Invalid Date" not in text and "undefined" not in text


def test_without_hours_per_week_only_the_prompt_shows(page: Page, site: Site) -> None:
    """No dates anywhere until the reader says how many hours a week they have; the start date
    is today where the reader is, and a plan starts then when no other is given."""
    open_page(page, "")
    soup = BeautifulSoup((site.root / "index.html").read_text(encoding="utf-8"), "html.parser")
    details = [text.get_text() for text in soup.select("text.lp-node__details")]
    planner = page.get_by_role("region", name="Plan your pace")
    expect(planner.get_by_role("heading", name="Plan your pace")).to_be_visible()
    expect(finish_line(page)).to_have_text(
        "Enter your hours per week to see when each stage would start and finish."
    )
    expect(page.get_by_label("Hours per week")).to_have_value("")
    today = datetime.now(ZoneInfo(ZONE)).date()
    expect(page.get_by_label("Start date")).to_have_value(today.isoformat())
    for plan in page.locator("[data-lp-plan]").all():
        expect(plan).to_be_empty()
        expect(plan).to_be_hidden()
    assert page.locator("text.lp-node__details").all_text_contents() == details
    expect(planner.get_by_role("button", name="Download the plan as a calendar")).to_be_visible()

    set_pace(page, "6", start=None)
    plan = expected_plan(site, 6, today)
    expect_overview(page, plan)
    assert site.progress(page)["pace"] == {"hours": 6}  # type: ignore[index]
    no_broken_dates(page)


def test_every_card_stage_page_and_the_path_show_their_dates(page: Page, site: Site) -> None:
    open_page(page, "")
    set_pace(page, "6")
    plan = expected_plan(site, 6)
    expect_overview(page, plan)
    total = sum(planned.left for planned in plan.values() if planned)
    expect(finish_line(page)).to_have_text(
        f"Projected finish of the whole path: {written(path_finish(plan))} "
        f"({float(total):g} h left at 6 h a week, from {written(START)})."
    )
    stages = stages_of(site)
    # Stages run one after the other: each starts the day after the one before finishes.
    days = [planned for planned in plan.values() if planned]
    assert len(days) == len(stages)
    assert all(b.start == a.finish + timedelta(days=1) for a, b in pairwise(days))

    for stage in (stages[3], stages[-1]):
        open_page(page, stage["url"])
        expect(page.locator(f'p[data-lp-plan="{stage["id"]}"]')).to_have_text(
            planned_text(page, plan[stage["id"]])
        )
    open_page(page, "stages/")
    for stage in stages:
        expect(plan_of(page, stage["id"])).to_have_text(planned_text(page, plan[stage["id"]]))
    no_broken_dates(page)


def test_the_plan_follows_instant_navigation(page: Page, site: Site) -> None:
    """Material swaps pages without reloading the scripts: the planner and the dates come back
    on each page reached that way."""
    stage = stages_of(site)[1]
    plan = expected_plan(site, 6)
    open_page(page, "")
    set_pace(page, "6")
    # Material intercepts links once it has read sitemap.xml; a click before that is a page load.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.lpSamePage = true")
    page.locator(f'li[data-lp-stage="{stage["id"]}"] a.lp-card').click()
    page.wait_for_url(f"**/{stage['url']}")
    expect(page.locator(f'p[data-lp-plan="{stage["id"]}"]')).to_have_text(
        planned_text(page, plan[stage["id"]])
    )
    page.go_back()
    expect(page.get_by_label("Hours per week")).to_have_value("6")
    expect_overview(page, plan)
    assert page.evaluate("window.lpSamePage === true"), "the click reloaded the page"
    expect(page.locator("#plan-your-pace")).to_have_count(1)


def test_dates_move_with_the_pace_the_ticks_and_the_statuses(page: Page, site: Site) -> None:
    stages = [stage["id"] for stage in stages_of(site)]
    first, second, third = stages[:3]
    open_page(page, "")
    set_pace(page, "6")
    at_six = expected_plan(site, 6)
    expect_overview(page, at_six)
    set_pace(page, "12", start=None)
    at_twelve = expected_plan(site, 12)
    assert path_finish(at_twelve) < path_finish(at_six)
    expect_overview(page, at_twelve)

    # Ticking two of the first stage's items leaves it less to do, on its own page at once.
    open_page(page, stages_of(site)[0]["url"])
    outcomes = page.locator("ul.lp-outcomes input[type=checkbox]")
    outcomes.nth(0).check()
    outcomes.nth(1).check()
    ticked = expected_plan(site, 12, ticked={first: 2})
    assert ticked[first] != at_twelve[first]
    expect(page.locator(f'p[data-lp-plan="{first}"]')).to_have_text(
        planned_text(page, ticked[first])
    )

    # A stage marked done, or skipped, has nothing left: the next one moves up.
    open_page(page, stages_of(site)[1]["url"])
    page.get_by_label("Your status for this stage").select_option("done")
    expect(page.locator(f'p[data-lp-plan="{second}"]')).to_have_text("Done")
    open_page(page, stages_of(site)[2]["url"])
    page.get_by_label("Your status for this stage").select_option("skipped")
    expect(page.locator(f'p[data-lp-plan="{third}"]')).to_have_text("Skipped")

    open_page(page, "")
    moved = expected_plan(site, 12, finished=(second, third), ticked={first: 2})
    expect_overview(page, moved, skipped=third)
    assert path_finish(moved) < path_finish(ticked)
    # A stage in progress by choice still counts only what is left of it.
    open_page(page, stages_of(site)[0]["url"])
    page.get_by_label("Your status for this stage").select_option("in-progress")
    expect(page.locator(f'p[data-lp-plan="{first}"]')).to_have_text(
        planned_text(page, moved[first])
    )
    no_broken_dates(page)


def test_the_pace_survives_a_reload_and_goes_into_the_export(
    page: Page, site: Site, tmp_path: Path
) -> None:
    start = date(2027, 1, 4)
    open_page(page, "")
    set_pace(page, "7.5", start)
    plan = expected_plan(site, 7.5, start)
    expect_overview(page, plan)

    page.reload()
    page.wait_for_selector("[data-lp-ready]", state="attached")
    expect(page.get_by_label("Hours per week")).to_have_value("7.5")
    expect(page.get_by_label("Start date")).to_have_value(start.isoformat())
    expect_overview(page, plan)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["pace"] == {"hours": 7.5, "start": "2027-01-04"}


BAD_HOURS = {
    "": "Enter how many hours a week",
    "0": "more than 0",
    "-3": "more than 0",
    "169": "168 or fewer",
    "abc": "Enter a number",
}


def test_bad_hours_per_week_get_a_message_next_to_the_field(page: Page, site: Site) -> None:
    """The field keeps what was typed and says what is wrong; only a good value is stored, and
    no date anywhere turns into NaN."""
    open_page(page, "")
    field = page.get_by_label("Hours per week")
    set_pace(page, "6")
    plan = expected_plan(site, 6)
    first = next(iter(plan))
    for value, problem in BAD_HOURS.items():
        field.fill(value)
        expect(field).to_have_value(value)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(problem)))
        # Next to the field: the message is in the field's own box, right under it.
        message = page.locator(".lp-planner__field").filter(has=field).locator("p")
        expect(message).to_be_visible()
        expect(message).to_contain_text(problem)
        pace = site.progress(page)["pace"]  # type: ignore[index]
        if value:
            # The last good value stays in use, and the message says so.
            assert pace["hours"] == 6
            expect(message).to_contain_text("The dates still use 6 h a week.")
            expect(plan_of(page, first)).to_have_text(planned_text(page, plan[first]))
        else:
            # An empty field takes the plan away: back to the prompt, no dates.
            assert "hours" not in pace
            expect(plan_of(page, first)).to_be_empty()
            expect(finish_line(page)).to_contain_text("Enter your hours per week")
            field.fill("6")
        no_broken_dates(page)

    field.fill("8")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description("")
    expect_overview(page, expected_plan(site, 8))
    assert site.progress(page)["pace"]["hours"] == 8  # type: ignore[index]


def unescaped(text: str) -> str:
    """An iCalendar TEXT value as written (RFC 5545, 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def events_of(raw: bytes) -> list[dict[str, str]]:
    """The VEVENTs of an iCalendar file, checked line by line: CRLF line ends, lines of at most
    75 octets, long ones folded; each event as {property (with its parameters): value}."""
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical)
    assert max(len(line) for line in physical) <= 75
    assert any(line.startswith(b" ") for line in physical), "no long line was folded"
    lines = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    events: list[dict[str, str]] = []
    for line in lines[1:-1]:
        name, value = line.split(":", 1)
        if line == "BEGIN:VEVENT":
            events.append({})
        elif line != "END:VEVENT" and events:
            events[-1][name] = value
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(events)
    return events


def test_the_plan_downloads_as_a_calendar_of_the_stages_left(
    page: Page, site: Site, tmp_path: Path
) -> None:
    stages = stages_of(site)
    done = stages[0]["id"]
    open_page(page, "")
    set_pace(page, "6")
    open_page(page, stages[0]["url"])
    page.get_by_label("Your status for this stage").select_option("done")
    open_page(page, "")
    plan = expected_plan(site, 6, finished=(done,))

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the plan as a calendar").click()
    assert download.value.suggested_filename == f"{site.site_key}-plan.ics"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    events = events_of(saved.read_bytes())

    left = [stage for stage in stages if plan[stage["id"]]]
    assert len(events) == len(left) == len(stages) - 1
    assert len({event["UID"] for event in events}) == len(events)
    for event, stage in zip(events, left, strict=True):
        planned = plan[stage["id"]]
        assert planned is not None
        url = site.url + stage["url"]
        assert event["UID"].startswith(f"{stage['id']}.{site.site_key}@")
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
        assert event["DTSTART;VALUE=DATE"] == planned.start.strftime("%Y%m%d")
        # All-day events end on the day after their last day.
        assert event["DTEND;VALUE=DATE"] == (planned.finish + timedelta(days=1)).strftime("%Y%m%d")
        assert unescaped(event["SUMMARY"]) == f"Stage {stage['number']}: {stage['title']}"
        description = unescaped(event["DESCRIPTION"])
        assert description.startswith(f"{round(float(planned.left), 1):g} h left")
        assert description.endswith(f"\n{url}")
        assert event["URL"] == url
    # Commas in a TEXT value are escaped: the descriptions have one.
    assert all("\\," in event["DESCRIPTION"] for event in events)
    assert not any(event["UID"].startswith(f"{done}.") for event in events)


def test_the_diagram_shows_each_stage_s_dates_in_its_box(page: Page, site: Site) -> None:
    stages = stages_of(site)
    open_page(page, "")
    original = page.locator("text.lp-node__details").all_text_contents()
    set_pace(page, "6")
    open_page(page, stages[0]["url"])
    page.get_by_label("Your status for this stage").select_option("done")
    open_page(page, "")
    plan = expected_plan(site, 6, finished=(stages[0]["id"],))

    for index, stage in enumerate(stages):
        details = page.locator(f'a.lp-node[data-lp-stage="{stage["id"]}"] text.lp-node__details')
        planned = plan[stage["id"]]
        if planned is None:  # done: its box keeps its level and hours
            expect(details).to_have_text(original[index])
            continue
        # The short form: day and short month name of both ends.
        start, finish = planned.start, planned.finish
        expect(details).to_contain_text(f"{finish.day} {MONTHS[finish.month][:3]}")
        assert re.search(rf"\b{start.day}\b", details.text_content() or "")
        # Within the box: its text is 13 px and ends before the box's right edge.
        fits = details.evaluate(
            """text => {
              const box = text.parentElement.querySelector("rect.lp-node__box").getBBox();
              const own = text.getBBox();
              return [text.getComputedTextLength(), own.x + own.width <= box.x + box.width - 12,
                      getComputedStyle(text).fontSize];
            }"""
        )
        assert fits[0] <= NODE_TEXT and fits[1] and fits[2] == "13px", (stage["id"], fits)
    no_broken_dates(page)


# What a plan changes: the planner, the stage cards, the diagram, a stage page's dates line.
PLANNED_PARTS = {
    "overview": [".lp-planner", ".lp-path", ".lp-diagram-frame"],
    "stage": [".lp-plan"],
}


def planned_violations(page: Page, kind: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations in the parts of the page a plan changes."""
    page.wait_for_function(SETTLED)
    context = {"include": [[selector] for selector in PLANNED_PARTS[kind]]}
    results = AXE.run(page, context=context, options={"resultTypes": ["violations"]})
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_planned_overview_stays_accessible_in_both_palettes(
    browser: Browser, site: Site, log: BrowserLog, palette: str, width: int
) -> None:
    """What only a plan shows (dates on cards, pages and in the diagram, a field's message)
    passes axe-core, and the overview keeps targets of 24x24 px and no text under 12 px, on a
    desktop and a phone: the tests of every page kind see a reader without a plan."""
    context = open_context(
        browser,
        site,
        log,
        locale="en-GB",
        timezone_id=ZONE,
        color_scheme=PALETTES[palette][0],
        viewport={"width": width, "height": 844},
    )
    try:
        page = open_page(log.watch(context.new_page()), "")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES[palette][1])
        set_pace(page, "6")
        open_page(page, stages_of(site)[0]["url"])
        page.get_by_label("Your status for this stage").select_option("in-progress")
        expect(page.locator("p.lp-plan")).to_have_text(re.compile("^Planned: "))
        violations = {"stage page": planned_violations(page, "stage")}
        open_page(page, "")
        page.get_by_label("Hours per week").fill("abc")
        expect(page.locator(".lp-planner__message").first).to_be_visible()
        violations["overview"] = planned_violations(page, "overview")
        targets = page.evaluate(TARGETS, [CONTROLS, MIN_TARGET])
        small = page.evaluate(SMALL_TEXT, MIN_FONT)
    finally:
        context.close()
    for where, found in violations.items():
        assert found == [], describe(found, f"the {where} with a plan ({palette}, {width} px)")
    assert targets == [] and small == [], (targets, small)
