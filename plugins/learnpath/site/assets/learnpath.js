// learnpath: progress, with no account and no server. Pages work without this script; it only
// adds controls where the templates left data-lp-* markers, and marks each stage's status in
// the navigation of every page. Progress is one JSON object in localStorage under
// "learnpath:<site root's path>", keyed by the roadmap's stable ids, so editing the YAML never
// mixes it up; ids that leave the roadmap are kept. The path's stages and their items come from
// assets/learnpath/path.js (window.learnpathPath), published once per build.
(() => {
  "use strict";

  const STATUS = {
    "": "Not started",
    "in-progress": "In progress",
    done: "Done",
    skipped: "Skipped",
  };
  // What a stored stage status may be ("not started" is no entry). A list, because `value in
  // STATUS` would also accept names every object inherits, such as "constructor".
  const MARKS = ["in-progress", "done", "skipped"];
  // Each status has its own shape, so it is told apart without colour: an empty ring, a half
  // filled one, a filled one with a tick, a struck-through one. Drawn in a 16x16 box.
  const ICONS = {
    "": ['<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>'],
    "in-progress": [
      '<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>',
      '<path d="M8 2a6 6 0 0 1 0 12z" fill="currentColor"/>',
    ],
    done: [
      '<circle cx="8" cy="8" r="7" fill="currentColor"/>',
      '<path class="lp-icon__tick" d="M4.6 8.3l2.3 2.3 4.5-4.8" fill="none" stroke-width="2"/>',
    ],
    skipped: [
      '<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>',
      '<path d="M3.8 12.2l8.4-8.4" stroke="currentColor" stroke-width="2"/>',
    ],
  };

  // Progress belongs to the site, named by its root's path as Material names its own storage
  // (__md_scope): not by the roadmap's title, which a rename changes and which two sites on one
  // origin (user.github.io/a/, /b/) may share. Without Material's global, this script's own
  // address says where the root is: the plugin puts it in assets/learnpath/.
  const root =
    window.__md_scope instanceof URL
      ? window.__md_scope
      : new URL("../../", document.currentScript ? document.currentScript.src : location.origin);
  const KEY = `learnpath:${root.pathname}`;
  const PATH = (window.learnpathPath && window.learnpathPath.stages) || [];
  const STAGES = new Map(PATH.map((stage) => [stage.id, stage]));

  let site = ""; // the page's data-lp-site: "" on pages learnpath did not generate
  let state = fresh();
  let listeners = []; // this page's other scripts (filters), told after each change

  const all = (selector) => [...document.querySelectorAll(selector)];
  const unique = (values) => [...new Set(values)];
  const isMap = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const urlOf = (stage) => new URL(stage.url, root);

  // An element with attributes and children (nodes or strings).
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  }

  // A status's icon, as an <svg> that fits in HTML and, nested, in the diagram's SVG. Its text
  // is said elsewhere, so the icon itself is hidden from screen readers.
  function icon(status, attributes = {}) {
    const holder = document.createElement("span");
    // The HTML parser puts an <svg> in the SVG namespace. Constant markup, never from data.
    holder.innerHTML = `<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">${ICONS[status].join("")}</svg>`;
    const element = holder.firstChild;
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.classList.add("lp-icon", `lp-icon--${status || "not-started"}`);
    return element;
  }


  // ---- Stored progress

  // A map without a prototype, so that an id such as "constructor" never reads as ticked.
  function map(entries) {
    return Object.assign(Object.create(null), entries);
  }

  // Notes are plain text, at most this long each; kept per resource and per stage.
  const NOTE_LIMIT = 10000;
  const NOTE_KINDS = ["resources", "stages"];

  function fresh() {
    return {
      version: 1,
      resources: map(),
      outcomes: map(),
      stages: map(),
      notes: { resources: map(), stages: map() },
      pace: map(),
      updated: null,
    };
  }

  // The progress in a file that passed problemWith, and nothing else from it. Files from before
  // notes and the pace planner have neither: they start empty.
  function progressFrom({ resources, outcomes, stages, notes = {}, pace = {}, updated = null }) {
    return {
      version: 1,
      resources: map(resources),
      outcomes: map(outcomes),
      stages: map(stages),
      notes: { resources: map(notes.resources), stages: map(notes.stages) },
      pace: map(pace.hours === undefined && pace.start === undefined ? {} : pace),
      updated,
    };
  }

  // Why `data` is not a progress file, or "" if it is one. As strict for a file as for a link:
  // nothing from outside reaches the page unchecked.
  function problemWith(data) {
    if (!isMap(data) || data.version !== 1) return "it is not a learnpath progress file.";
    for (const part of ["resources", "outcomes", "stages"]) {
      if (!isMap(data[part])) return `"${part}" is missing or not an object.`;
      for (const [id, value] of Object.entries(data[part])) {
        if (part !== "stages" && typeof value !== "boolean") {
          return `${part} "${id}" is not true or false.`;
        }
        if (part === "stages" && !MARKS.includes(value)) {
          return `stage "${id}" has an unknown status.`;
        }
      }
    }
    if (data.notes !== undefined) {
      if (!isMap(data.notes)) return '"notes" is not an object.';
      for (const [kind, notes] of Object.entries(data.notes)) {
        if (!NOTE_KINDS.includes(kind)) return `notes of an unknown kind, "${kind}".`;
        if (!isMap(notes)) return `notes "${kind}" is not an object.`;
        for (const [id, text] of Object.entries(notes)) {
          if (typeof text !== "string") return `the note on "${id}" is not text.`;
          if (text.length > NOTE_LIMIT) {
            return `the note on "${id}" is longer than ${NOTE_LIMIT.toLocaleString("en")} characters.`;
          }
        }
      }
    }
    if (data.pace !== undefined) {
      if (!isMap(data.pace)) return '"pace" is not an object.';
      const { hours, start, ...rest } = data.pace;
      if (Object.keys(rest).length) return `"pace" has an unknown setting, "${Object.keys(rest)[0]}".`;
      if (hours !== undefined && !(typeof hours === "number" && hours > 0 && hours <= 168)) {
        return '"pace.hours" is not a number of hours per week from 0 to 168.';
      }
      if (start !== undefined && !(typeof start === "string" && isDate(start))) {
        return '"pace.start" is not a date (YYYY-MM-DD).';
      }
    }
    return "";
  }

  // A real calendar date written YYYY-MM-DD (not 2026-02-30).
  function isDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }

  function load() {
    let text = null;
    try {
      text = localStorage.getItem(KEY);
    } catch {
      return fresh(); // storage blocked: start afresh, as on a first visit
    }
    if (text === null) return carriedOver() || fresh();
    let saved = null;
    try {
      saved = JSON.parse(text);
    } catch {
      // not JSON: problemWith(null) says so
    }
    if (!problemWith(saved)) return progressFrom(saved);
    putAside(text);
    return fresh();
  }

  // Progress used to be kept under the roadmap title's slug: carry it over on the first visit.
  // The old copy stays, as another site on this origin with the same title may be reading it.
  function carriedOver() {
    if (!site) return null; // only learnpath's pages know the old key
    try {
      const old = JSON.parse(localStorage.getItem(`learnpath:${site}`));
      if (problemWith(old)) return null;
      const progress = progressFrom(old);
      localStorage.setItem(KEY, JSON.stringify(progress));
      return progress;
    } catch {
      return null;
    }
  }

  // Stored progress this script cannot read (edited by hand, or by a newer learnpath) is copied
  // aside before the next tick could overwrite it, and the reader is told where it went.
  function putAside(text) {
    const backup = `${KEY}:unreadable-${new Date().toISOString()}`;
    const unreadable = "Your saved progress could not be read, so it starts afresh.";
    try {
      localStorage.setItem(backup, text);
      localStorage.setItem(KEY, JSON.stringify(fresh())); // so that no other page copies it again
      say(`${unreadable} The old data is kept in this browser's storage as "${backup}".`, true);
    } catch {
      say(`${unreadable} This browser did not let the site keep a copy of the old data.`, true);
    }
  }

  function save() {
    state.updated = new Date().toISOString();
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      say("This browser does not let the site save progress (private mode or full storage).", true);
    }
    update();
  }

  // ---- Counting

  // [done, total] for one stage: its ticked items, from path.js (or, should a page be newer than
  // path.js in the browser's cache, from the page itself).
  function countStage(id) {
    const items = STAGES.get(id) || {
      resources: unique(all("[data-lp-resource]").map((card) => card.dataset.lpResource)),
      outcomes: all("[data-lp-outcome]").map((item) => item.dataset.lpOutcome),
    };
    const total = items.resources.length + items.outcomes.length;
    const ticked = items.resources.filter((resource) => state.resources[resource]).length;
    return [ticked + items.outcomes.filter((key) => state.outcomes[key]).length, total];
  }

  // One model for every view: a stage's status follows its items (none ticked: not started;
  // some: in progress; all: done) unless the learner chose one, which wins until cleared.
  // Returns [status, chosen]; counts always stay what was ticked.
  function statusOf(id) {
    const chosen = state.stages[id];
    return chosen ? [chosen, true] : [ticksStatus(id), false];
  }

  function ticksStatus(id) {
    const [done, total] = countStage(id);
    return done === 0 ? "" : done >= total ? "done" : "in-progress";
  }

  // [done, total] over the stages not skipped.
  function countAll() {
    return PATH.filter((stage) => statusOf(stage.id)[0] !== "skipped")
      .map((stage) => countStage(stage.id))
      .reduce(([done, total], [d, t]) => [done + d, total + t], [0, 0]);
  }

  // Where to go next: the first stage in path order that is neither done nor skipped. `started`
  // says whether the learner has done anything yet ("Start here" or "Continue").
  function nextStage() {
    const started = PATH.some((stage) => statusOf(stage.id)[0]);
    const next = PATH.find((stage) => !["done", "skipped"].includes(statusOf(stage.id)[0]));
    return { next, started };
  }

  // A stage's status in words, for every view: "In progress (your choice)".
  function statusText(id) {
    const [status, chosen] = statusOf(id);
    return `${STATUS[status]}${chosen ? " (your choice)" : ""}`;
  }

  // ---- Controls

  function addControls() {
    const check = (part, id) =>
      h("input", { type: "checkbox", "data-lp-check": part, "data-lp-id": id });
    for (const card of all("article[data-lp-resource]")) {
      const box = check("resources", card.dataset.lpResource);
      const title = card.querySelector(".lp-title") || card;
      box.setAttribute("aria-label", `Done: ${title.textContent.trim()}`);
      card.prepend(h("label", { class: "lp-check lp-check--resource" }, box, " Done"));
    }
    for (const item of all("li[data-lp-outcome]")) {
      item.parentElement.classList.add("lp-outcomes--checks");
      // The outcome's own text labels its checkbox.
      const box = check("outcomes", item.dataset.lpOutcome);
      item.append(h("label", { class: "lp-check" }, box, " ", ...item.childNodes));
    }
    for (const holder of all("[data-lp-stage-status]")) {
      const stage = holder.dataset.lpStageStatus;
      const options = Object.entries(STATUS).map(([value, label]) =>
        h("option", { value }, value ? label : "Follow my ticks"),
      );
      const select = h("select", { id: `lp-status-${stage}`, "data-lp-status": stage }, ...options);
      holder.append(h("label", { for: select.id }, "Your status for this stage"), " ", select);
    }
    for (const holder of all("[data-lp-progress]")) {
      const stage = holder.dataset.lpProgress;
      const name = stage === "all" ? "Overall progress" : `Progress of ${titleOf(stage)}`;
      const bar = h("progress", { max: "1", value: "0", "aria-label": name });
      holder.append(bar, h("span", { class: "lp-progress__text" }));
    }
    for (const frame of all(".lp-diagram-frame")) {
      // A diagram wider than the screen scrolls sideways: then the keyboard must reach it too.
      if (frame.scrollWidth > frame.clientWidth) frame.tabIndex = 0;
      frame.after(legend());
    }
    for (const holder of all("[data-lp-progress-tools]")) addTools(holder);
  }

  function titleOf(id) {
    const stage = STAGES.get(id);
    return stage ? `${stage.number}. ${stage.title}` : "this stage";
  }

  // What the diagram's status icons mean. The diagram is a picture (the stage list under it
  // says the same in words), so its legend is too.
  function legend() {
    const items = Object.entries(STATUS).map(([status, label]) =>
      h("li", { class: `lp-status-${status || "not-started"}` }, icon(status), label),
    );
    return h("ul", { class: "lp-legend", "aria-hidden": "true" }, ...items);
  }

  // The overview's "Your progress" area, below the path: it is kept in this browser only, so it
  // says how to keep a copy. Reset looks like what it does, and still asks first.
  function addTools(holder) {
    const button = (action, text, extra = "") =>
      h("button", { type: "button", class: `md-button ${extra}`, "data-lp-action": action }, text);
    const file = h("input", {
      type: "file",
      accept: ".json,application/json",
      hidden: "",
      "aria-label": "Progress file to import",
    });
    file.addEventListener("change", () => {
      if (file.files.length) importFile(file.files[0]);
      file.value = ""; // so that the same file can be chosen again
    });
    holder.append(
      h("h2", { id: "your-progress" }, "Your progress"),
      h(
        "p",
        {},
        "Your ticks and statuses stay in this browser, with no account. Export them to keep a " +
          "copy or to carry them to another browser or device, then import the file there.",
      ),
      h(
        "div",
        { class: "lp-progress-tools__buttons" },
        button("export", "Export progress"),
        button("import", "Import progress…"),
        button("reset", "Reset progress", "lp-button--danger"),
      ),
      file,
      h("p", { class: "lp-tools__message", role: "status", "aria-live": "polite" }),
    );
  }

  // A message under the tools, e.g. how an import went; on pages without them, at the top.
  function say(text, isError = false) {
    let message = document.querySelector(".lp-tools__message");
    if (!message) {
      message = h("p", { class: "lp-tools__message", role: "status", "aria-live": "polite" });
      const top = document.querySelector("[data-lp-site]");
      if (top) top.after(message);
      else (document.querySelector("article, main") || document.body).prepend(message);
    }
    message.textContent = text;
    message.classList.toggle("lp-error", isError);
  }

  // A file the reader's browser saves (the progress, the planner's calendar).
  function download(text, name, type) {
    const link = h("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    link.click(); // never attached, so instant navigation does not see the click
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  // Copies `text`; where the browser refuses the clipboard, shows it in a read-only box after
  // `place`, selected for the reader to copy. Resolves whether the clipboard took it.
  async function copy(text, place, label) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      let box = place.nextElementSibling;
      if (!(box instanceof HTMLTextAreaElement && box.classList.contains("lp-copy"))) {
        box = h("textarea", { class: "lp-copy", rows: "6", readonly: "", "aria-label": label });
        place.after(box);
      }
      box.value = text;
      box.focus();
      box.select();
      return false;
    }
  }

  function exportFile() {
    download(JSON.stringify({ ...state, site }, null, 2), `${site}-progress.json`, "application/json");
    say("Progress exported. Import the file to carry it to another browser or device.");
  }

  async function importFile(file) {
    let data = null;
    try {
      data = JSON.parse(await file.text());
    } catch {
      // not JSON: problemWith(null) says so
    }
    const problem = problemWith(data);
    if (problem) {
      say(`Could not import ${file.name}: ${problem} Your progress is unchanged.`, true);
      return;
    }
    state = progressFrom(data);
    save();
    const done = [state.resources, state.outcomes].flatMap(Object.values).filter(Boolean).length;
    say(`Imported ${file.name}: ${done} items done.`);
  }

  // ---- Showing the state

  function update() {
    for (const box of all("input[data-lp-check]")) {
      box.checked = Boolean(state[box.dataset.lpCheck][box.dataset.lpId]);
      box.closest("[data-lp-resource], [data-lp-outcome]").classList.toggle("lp-done", box.checked);
    }
    for (const select of all("select[data-lp-status]")) {
      const stage = select.dataset.lpStatus;
      select.value = state.stages[stage] || "";
      // The automatic choice says what it currently gives, so both choices read the same way.
      const automatic = select.querySelector('option[value=""]');
      automatic.textContent = `Follow my ticks (${STATUS[ticksStatus(stage)].toLowerCase()})`;
    }
    for (const holder of all("[data-lp-progress]")) {
      const stage = holder.dataset.lpProgress;
      const [done, total] = stage === "all" ? countAll() : countStage(stage);
      const bar = holder.querySelector("progress");
      bar.max = Math.max(total, 1);
      bar.value = done;
      let text = `${done} of ${total} done`;
      if (stage === "all") {
        text += ` (${total ? Math.round((100 * done) / total) : 0}%)`;
      } else {
        text = `${statusText(stage)} · ${text}`;
        replaceIcon(holder, icon(statusOf(stage)[0]), true);
      }
      holder.querySelector(".lp-progress__text").textContent = text;
    }
    // The stage cards and diagram nodes.
    for (const node of all("[data-lp-stage]")) {
      const [status, chosen] = statusOf(node.dataset.lpStage);
      for (const name of MARKS) node.classList.toggle(`lp-status-${name}`, status === name);
      node.classList.toggle("lp-status-chosen", chosen);
    }
    for (const node of all("a.lp-node")) {
      const box = node.querySelector("rect.lp-node__box");
      const x = Number(box.getAttribute("x")) + Number(box.getAttribute("width")) - 26;
      const y = Number(box.getAttribute("y")) + 8;
      replaceIcon(node, icon(statusOf(node.dataset.lpStage)[0], { x, y, width: 18, height: 18 }));
    }
    for (const bar of all("rect[data-lp-progress-bar]")) {
      const [done, total] = countStage(bar.dataset.lpProgressBar);
      bar.setAttribute("width", String((Number(bar.dataset.fullWidth) * done) / total || 0));
    }
    showNext();
    markNavigation();
    for (const listener of listeners) listener();
  }

  function replaceIcon(holder, element, first = false) {
    const old = holder.querySelector(":scope > .lp-icon");
    if (old) old.replaceWith(element);
    else if (first) holder.prepend(element);
    else holder.append(element);
  }

  // The overview's primary action: "Start here" before any progress, then "Continue: <stage>".
  function showNext() {
    const action = document.querySelector("a[data-lp-next]");
    if (!action || !PATH.length) return;
    const { next, started } = nextStage();
    if (!started) {
      action.textContent = "Start here";
      action.href = urlOf(PATH[0]).href;
    } else if (next) {
      action.textContent = `Continue: ${next.number}. ${next.title}`;
      action.href = urlOf(next).href;
    } else {
      action.textContent = "Path complete: review the stages";
      action.href = urlOf(PATH[0]).href;
    }
  }

  // Each stage's status in the site's navigation (sidebar, and the drawer on phones), on every
  // page: an icon, and the status in words for screen readers, after the stage's title.
  function markNavigation() {
    const stages = new Map(PATH.map((stage) => [urlOf(stage).pathname, stage.id]));
    for (const link of all(".md-nav a.md-nav__link[href]")) {
      const target = new URL(link.href, location.href);
      const id = !target.hash && stages.get(target.pathname); // not a table of contents entry
      const old = link.querySelector(":scope > .lp-nav-status");
      if (!id) continue;
      const status = statusOf(id)[0];
      const mark = h(
        "span",
        { class: `lp-nav-status lp-status-${status || "not-started"}`, title: statusText(id) },
        icon(status),
        h("span", { class: "lp-sr" }, `, ${statusText(id).toLowerCase()}`),
      );
      if (old) old.replaceWith(mark);
      else link.append(mark);
    }
  }

  // Progress from a link or file, merged into this browser's: a tick made on either device stays
  // ticked, and where both have something (a status, a note, a pace setting) this browser's is
  // kept; what only the other one has is added.
  function merged(local, incoming) {
    const result = progressFrom(local);
    for (const part of ["resources", "outcomes"]) {
      for (const [id, ticked] of Object.entries(incoming[part])) {
        result[part][id] = Boolean(result[part][id] || ticked);
      }
    }
    for (const [id, status] of Object.entries(incoming.stages)) result.stages[id] ||= status;
    for (const kind of NOTE_KINDS) {
      for (const [id, text] of Object.entries(incoming.notes[kind])) {
        if (!(result.notes[kind][id] || "").trim()) result.notes[kind][id] = text;
      }
    }
    for (const [name, value] of Object.entries(incoming.pace)) result.pace[name] ??= value;
    return result;
  }

  // ---- For the page's other scripts (filters, notes, planner, progress link)

  window.learnpath = {
    stages: PATH,
    // The page's site key (data-lp-site), for file names and ids; "" on pages not generated.
    get site() {
      return site;
    },
    root,
    // The library's address, for links to it filtered (a tag) and into it (a note's resource).
    library: new URL((window.learnpathPath || {}).library || "resources/", root),
    NOTE_LIMIT,
    isDate,
    download,
    copy,
    isDone: (resource) => Boolean(state.resources[resource]),
    statusOf: (stage) => statusOf(stage)[0],
    statusText,
    countStage,
    // The stored progress, read-only by convention; change it through `change`.
    progress: () => state,
    change(edit) {
      edit(state);
      save();
    },
    // A progress document from elsewhere (a link): "" if taken, or why it was refused.
    take(data, how) {
      const problem = problemWith(data);
      if (problem) return problem;
      const incoming = progressFrom(data);
      state = how === "merge" ? merged(state, incoming) : incoming;
      save();
      return "";
    },
    // Called after every change on this page; forgotten on the next page.
    onUpdate: (listener) => listeners.push(listener),
    icon,
    say,
    h,
  };

  // ---- Wiring

  // On every page: the first load and each of Material's instant navigations. Every page marks
  // the navigation; learnpath's own pages (with a data-lp-site marker) get their controls.
  function enhance() {
    listeners = [];
    const marker = document.querySelector("[data-lp-site]");
    site = marker ? marker.dataset.lpSite : "";
    if (marker && !("lpReady" in marker.dataset)) {
      marker.dataset.lpReady = ""; // once per page, even if called twice
      addControls();
    }
    state = load(); // once the tools are there to say if the stored progress was unreadable
    update();
  }

  // Listeners on document outlive instant navigation, so they are added once, here.
  document.addEventListener("change", ({ target }) => {
    if (site && target.matches("input[data-lp-check]")) {
      state[target.dataset.lpCheck][target.dataset.lpId] = target.checked;
      save();
    } else if (site && target.matches("select[data-lp-status]")) {
      state.stages[target.dataset.lpStatus] = target.value;
      if (!target.value) delete state.stages[target.dataset.lpStatus];
      save();
    }
  });

  document.addEventListener("click", ({ target }) => {
    const button = site && target instanceof Element && target.closest("[data-lp-action]");
    const action = button ? button.dataset.lpAction : "";
    const reset = "Clear all your progress on this site? Export it first to keep a copy.";
    if (action === "export") exportFile();
    if (action === "import") button.closest("[data-lp-progress-tools]").querySelector("input[type=file]").click();
    if (action === "reset" && confirm(reset)) {
      state = fresh();
      save();
      say("Progress cleared.");
    }
  });

  // Material's instant navigation ignores links in the SVG diagram (an SVG link's href is not a
  // string), so the browser would reload the whole page: hand Material an HTML link instead.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a.lp-node");
      if (!(link instanceof SVGElement) || event.button || event.metaKey || event.ctrlKey) return;
      event.preventDefault();
      event.stopPropagation();
      const proxy = h("a", { href: new URL(link.href.baseVal, location.href).href });
      document.body.append(proxy);
      proxy.click();
      proxy.remove();
    },
    true,
  );

  // Progress changed in another tab of the same site.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) {
      state = load();
      update();
    }
  });

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState !== "loading") enhance();
  else document.addEventListener("DOMContentLoaded", enhance);
})();
