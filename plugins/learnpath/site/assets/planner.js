// learnpath: the pace planner. Hours per week and a start date (the progress's `pace`) give each
// stage projected dates on its card, its page and its box in the diagram; the overview adds the
// whole path's finish and an iCalendar file. Without hours per week no date shows anywhere.
(() => {
  "use strict";

  const DAY = 86400000;
  // Past the year 9999 ISO dates get six digits, and later a Date stops being one: a pace that
  // slow gets a message instead of dates.
  const LAST_DAY = Date.UTC(9999, 11, 31) / DAY;
  // The diagram's details line starts 12 px into its 210-px box; keep 12 px on the right too.
  const NODE_TEXT = 186;

  const all = (selector) => [...document.querySelectorAll(selector)];
  // A date is a whole number of days since 1970-01-01, written in UTC: no time zone or daylight
  // saving change moves it by a day.
  const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
  const dateOf = (day) => new Date(day * DAY);
  const isoOf = (day) => dateOf(day).toISOString().slice(0, 10);
  // As the core checks a start date on import (YYYY-MM-DD, a real day): only such dates are
  // stored, or the stored progress would no longer load.
  const isDate = (iso) => window.learnpath.isDate(iso); // as the core checks an import
  const LONG = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
  const SHORT = { day: "numeric", month: "short", timeZone: "UTC" };
  const range = (options, from, to) =>
    new Intl.DateTimeFormat(undefined, options).formatRange(dateOf(from), dateOf(to));
  const long = (day) => new Intl.DateTimeFormat(undefined, LONG).format(dateOf(day));
  const hoursText = (hours) => `${hours.toLocaleString(undefined, { maximumFractionDigits: 1 })} h`;

  // Today in the reader's own calendar, not UTC's: near midnight they differ.
  function today() {
    const now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY;
  }

  // ---- The plan

  // Each stage's {status, left (hours), start, finish (its last day)} in path order, and the
  // path's; null without hours per week.
  function plan() {
    const { progress, stages, statusOf, countStage } = window.learnpath;
    const pace = progress().pace || {};
    if (!(pace.hours > 0 && pace.hours <= 168)) return null;
    const start = isDate(pace.start || "") ? dayOf(pace.start) : today();
    const entries = new Map();
    let day = start;
    let left = 0;
    for (const stage of stages) {
      const status = statusOf(stage.id);
      const [ticked, total] = countStage(stage.id);
      // Done and skipped stages are behind the reader; any other keeps the share of its hours
      // that its unticked items stand for.
      const share = ["done", "skipped"].includes(status) ? 0 : total ? 1 - ticked / total : 1;
      const entry = { status, left: (stage.hours || 0) * share };
      if (entry.left > 0) {
        // The margin keeps a float such as 7.000000000000001 from costing a day.
        const days = Math.max(1, Math.ceil((entry.left / pace.hours) * 7 - 1e-9));
        Object.assign(entry, { start: day, finish: day + days - 1 });
        day += days;
        left += entry.left;
      }
      entries.set(stage.id, entry);
    }
    const tooFar = day - 1 > LAST_DAY;
    return { hours: pace.hours, start, entries, left, finish: day - 1, tooFar };
  }

  function stageText(entry) {
    if (entry.start !== undefined) return `Planned: ${range(LONG, entry.start, entry.finish)}`;
    return { done: "Done", skipped: "Skipped" }[entry.status] || "Nothing left to plan";
  }

  function finishText(current) {
    if (!current) return "Enter your hours per week to see when each stage would start and finish.";
    if (current.tooFar) return "At this pace the path ends after the year 9999: plan more hours.";
    if (!current.left) return "Nothing left to plan: every stage is done or skipped.";
    return (
      `Projected finish of the whole path: ${long(current.finish)} (${hoursText(current.left)} ` +
      `left at ${hoursText(current.hours)} a week, from ${long(current.start)}).`
    );
  }

  // ---- The overview's planner

  // Hours per week as typed (a decimal comma too), or why they cannot be used.
  function hoursFrom(text) {
    const typed = text.trim().replace(",", ".");
    const hours = Number(typed);
    let problem = "";
    if (!typed) problem = "Enter how many hours a week you can give: more than 0, at most 168.";
    else if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(typed)) problem = "Enter a number, such as 6 or 7.5.";
    else if (hours <= 0) problem = "Enter more than 0 hours a week.";
    else if (hours > 168) problem = "A week has 168 hours: enter 168 or fewer.";
    return { hours, problem };
  }

  function addPlanner(holder) {
    const { h, change, progress } = window.learnpath;
    const site = window.learnpath.site || "learnpath";
    // A labelled field with its message next to it, which is also its accessible description.
    const field = (id, label, attributes) => {
      const input = h("input", { id, "aria-describedby": `${id}-message`, ...attributes });
      const message = h("p", { id: `${id}-message`, class: "lp-planner__message" });
      const box = h("div", { class: "lp-planner__field" }, h("label", { for: id }, label), input);
      box.append(message);
      return [input, box];
    };
    // Hours as text, not a number field: what was typed stays there to be explained.
    const [hours, hoursBox] = field("lp-pace-hours", "Hours per week", {
      type: "text",
      inputmode: "decimal",
      autocomplete: "off",
    });
    const [start, startBox] = field("lp-pace-start", "Start date", { type: "date" });
    const finish = h("p", { class: "lp-planner__finish", role: "status" });
    const button = h("button", { type: "button", class: "md-button" });
    button.textContent = "Download the plan as a calendar";
    holder.append(
      h("h2", { id: "plan-your-pace" }, "Plan your pace"),
      h("p", {}, "Say how many hours a week you have and when you start: each stage gets dates."),
      h("div", { class: "lp-planner__fields" }, hoursBox, startBox),
      finish,
      h("p", { class: "lp-planner__actions" }, button),
    );

    const explain = (input, problem) => {
      if (problem) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      document.getElementById(`${input.id}-message`).textContent = problem;
    };
    // The stored pace the fields last showed: a field is rewritten only when the stored value
    // changes under it (an import, a reset, another tab), never from what is being typed.
    let shown = null;
    const store = (name, value) => {
      shown = { ...shown, [name]: value };
      change((state) => {
        if (value === undefined) delete state.pace[name];
        else state.pace[name] = value;
      });
    };

    hours.addEventListener("input", () => {
      const { hours: value, problem } = hoursFrom(hours.value);
      const saved = progress().pace.hours;
      // An empty field takes the plan away; any other bad value leaves the last good one.
      if (problem && hours.value.trim()) {
        explain(hours, saved ? `${problem} The dates still use ${saved} h a week.` : problem);
      } else {
        explain(hours, problem);
        store("hours", problem ? undefined : value);
      }
    });
    start.addEventListener("input", () => {
      // "" is no date (the plan starts today), or one half typed (badInput).
      const bad = start.validity.badInput || (start.value && !isDate(start.value));
      explain(start, bad ? "Enter a whole date with a four-digit year, or none for today." : "");
      if (!bad) store("start", start.value || undefined);
    });
    button.addEventListener("click", () => {
      const current = plan();
      if (!current || current.tooFar) {
        if (!current) explain(hours, "Enter your hours per week first: the calendar needs them.");
        hours.focus();
      } else if (!current.left) {
        finish.textContent = "Nothing left to put in a calendar: every stage is done or skipped.";
      } else {
        window.learnpath.download(calendar(current, site), `${site}-plan.ics`, "text/calendar;charset=utf-8");
        finish.textContent = `${finishText(current)} Calendar downloaded.`;
      }
    });

    return () => {
      const pace = progress().pace || {};
      if ((!shown || pace.hours !== shown.hours) && document.activeElement !== hours) {
        hours.value = pace.hours === undefined ? "" : String(pace.hours);
        explain(hours, "");
      }
      if ((!shown || pace.start !== shown.start) && document.activeElement !== start) {
        start.value = pace.start || isoOf(today());
        explain(start, "");
      }
      shown = { hours: pace.hours, start: pace.start };
      finish.textContent = finishText(plan());
    };
  }

  // ---- The iCalendar file (RFC 5545)

  // TEXT values escape backslashes, semicolons, commas and newlines.
  const escaped = (text) => text.replace(/[\\;,]/g, "\\$&").replace(/\n/g, "\\n");
  const icsDate = (day) => isoOf(day).replace(/-/g, "");
  const encoder = new TextEncoder();

  // Lines of at most 75 octets, a longer one carried on by lines that start with a space; a
  // character is never cut in two.
  function folded(line) {
    let out = "";
    let size = 0;
    for (const char of line) {
      const octets = encoder.encode(char).length;
      if (size + octets > 75) {
        out += "\r\n ";
        size = 1;
      }
      out += char;
      size += octets;
    }
    return out;
  }

  function calendar(current, site) {
    const { stages, root } = window.learnpath;
    const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//learnpath//pace planner//EN"];
    for (const stage of stages) {
      const entry = current.entries.get(stage.id);
      if (entry.start === undefined) continue; // nothing left of it
      const url = new URL(stage.url, root).href;
      const left = `${hoursText(entry.left)} left, at ${hoursText(current.hours)} a week.`;
      lines.push(
        "BEGIN:VEVENT",
        // Stable for a stage of a site, so that importing a new plan updates its event.
        `UID:${stage.id}.${site}@${root.host || "learnpath"}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${icsDate(entry.start)}`,
        `DTEND;VALUE=DATE:${icsDate(entry.finish + 1)}`, // the day after the last: exclusive
        `SUMMARY:${escaped(`Stage ${stage.number}: ${stage.title}`)}`,
        `DESCRIPTION:${escaped(`${left}\n${url}`)}`,
        `URL:${url}`,
        "TRANSP:TRANSPARENT", // a plan, not a meeting: the reader's time stays free
        "END:VEVENT",
      );
    }
    lines.push("END:VCALENDAR");
    return `${lines.map(folded).join("\r\n")}\r\n`;
  }

  // ---- Showing the plan

  // A diagram box's details line ("beginner · 7 h") and the stage's dates, as much of it as fits
  // at 13 px; the year only when the dates leave the plan's first year.
  function showInNode(text, entry, current) {
    if (!("lpDetails" in text.dataset)) text.dataset.lpDetails = text.textContent;
    const original = text.dataset.lpDetails;
    text.textContent = original;
    if (!entry || entry.start === undefined) return;
    const year = (day) => dateOf(day).getUTCFullYear();
    const same = year(entry.finish) === year(current.start);
    const dates = range(same ? SHORT : { ...SHORT, year: "numeric" }, entry.start, entry.finish);
    const hours = original.split(" · ").filter((part) => /\d/.test(part));
    for (const candidate of [`${original} · ${dates}`, [...hours, dates].join(" · "), dates]) {
      text.textContent = candidate;
      if (text.getComputedTextLength() <= NODE_TEXT) return;
    }
  }

  function render() {
    const current = plan();
    const entries = current && !current.tooFar ? current.entries : new Map();
    for (const holder of all("[data-lp-plan]")) {
      const entry = entries.get(holder.dataset.lpPlan);
      holder.textContent = entry ? stageText(entry) : "";
    }
    for (const text of all("a.lp-node[data-lp-stage] text.lp-node__details")) {
      showInNode(text, entries.get(text.closest("a").dataset.lpStage), current);
    }
  }

  function enhance() {
    if (!window.learnpath || !document.querySelector("[data-lp-site]")) return;
    const holder = document.querySelector("[data-lp-planner]");
    const planner = holder && !holder.childElementCount ? addPlanner(holder) : () => {};
    const update = () => {
      planner();
      render();
    };
    window.learnpath.onUpdate(update); // the core forgets its listeners on each new page
    update();
  }

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState !== "loading") enhance();
  else document.addEventListener("DOMContentLoaded", enhance);
})();
