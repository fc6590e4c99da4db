// learnpath: progress and resource filters, with no account and no server. Pages work without
// this script; it only adds controls where the templates left data-lp-* markers. Progress is one
// JSON object in localStorage under "learnpath:<site root's path>", keyed by the roadmap's stable
// ids, so editing the YAML never mixes it up; ids that leave the roadmap are kept.
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
  const LEVELS = ["beginner", "intermediate", "advanced"];
  const textOf = (card, selector) => (card.querySelector(selector) || {}).textContent || "";
  // [URL key, label, "any" option, what the card says]. Facts are read off the badges and tags
  // a reader sees: the library shows thousands of cards, so each fact is written once, not
  // again in data attributes. The text filter's key is "text", not "q": Material opens its
  // search box on a URL with ?q=.
  const FILTERS = [
    ["type", "Type", "Any type", (card) => textOf(card, ".lp-type")],
    ["cost", "Cost", "Free or paid", (card) => textOf(card, ".lp-free, .lp-paid")],
    ["level", "Level", "Any level", (card) => LEVELS.find((l) => card.querySelector(`.lp-${l}`))],
    ["tag", "Tag", "Any tag", (card) => textOf(card, ".lp-tags").replaceAll("#", "")],
  ];

  // Progress belongs to the site, named by its root's path as Material names its own storage
  // (__md_scope): not by the roadmap's title, which a rename changes and which two sites on one
  // origin (user.github.io/a/, /b/) may share. Without Material's global, this script's own
  // address says where the root is: the plugin puts it in assets/learnpath/.
  const root =
    window.__md_scope instanceof URL
      ? window.__md_scope
      : new URL("../../", document.currentScript ? document.currentScript.src : location.origin);
  const KEY = `learnpath:${root.pathname}`;

  let site = ""; // the page's data-lp-site: "" on pages learnpath did not generate
  let index = null; // every stage's items, on the overview only
  let state = fresh();

  const all = (selector) => [...document.querySelectorAll(selector)];
  const unique = (values) => [...new Set(values)];
  const isMap = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const words = (text) => (text || "").split(/\s+/).filter(Boolean);

  // An element with attributes and children (nodes or strings).
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  }

  // ---- Stored progress

  // A map without a prototype, so that an id such as "constructor" never reads as ticked.
  function map(entries) {
    return Object.assign(Object.create(null), entries);
  }

  function fresh() {
    return { version: 1, resources: map(), outcomes: map(), stages: map(), updated: null };
  }

  // The progress in a file that passed problemWith, and nothing else from it.
  function progressFrom({ resources, outcomes, stages, updated = null }) {
    return {
      version: 1,
      resources: map(resources),
      outcomes: map(outcomes),
      stages: map(stages),
      updated,
    };
  }

  // Why `data` is not a progress file, or "" if it is one.
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
    return "";
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

  // [done, total] for one stage: its ticked items. They come from the overview's index or, on a
  // stage page, from the page itself.
  function countStage(stage) {
    const items = (index && index.stages[stage]) || {
      resources: unique(all("[data-lp-resource]").map((card) => card.dataset.lpResource)),
      outcomes: all("[data-lp-outcome]").map((item) => item.dataset.lpOutcome),
    };
    const total = items.resources.length + items.outcomes.length;
    const ticked = items.resources.filter((id) => state.resources[id]).length;
    return [ticked + items.outcomes.filter((key) => state.outcomes[key]).length, total];
  }

  // One model for every view: a stage's status follows its items (none ticked: not started;
  // some: in progress; all: done) unless the learner chose one, which wins until cleared.
  // Returns [status, chosen]; counts always stay what was ticked.
  function statusOf(stage) {
    const chosen = state.stages[stage];
    return chosen ? [chosen, true] : [ticksStatus(stage), false];
  }

  function ticksStatus(stage) {
    const [done, total] = countStage(stage);
    return done === 0 ? "" : done >= total ? "done" : "in-progress";
  }

  // [done, total] over the stages not skipped.
  function countAll() {
    return Object.keys(index ? index.stages : {})
      .filter((stage) => statusOf(stage)[0] !== "skipped")
      .map(countStage)
      .reduce(([done, total], [d, t]) => [done + d, total + t], [0, 0]);
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
      const name = holder.dataset.lpProgress === "all" ? "Overall progress" : "Stage progress";
      const bar = h("progress", { max: "1", value: "0", "aria-label": name });
      holder.append(bar, h("span", { class: "lp-progress__text" }));
    }
    for (const holder of all("[data-lp-progress-tools]")) {
      const button = (action, text) =>
        h("button", { type: "button", class: "md-button", "data-lp-action": action }, text);
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
        button("export", "Export progress"),
        button("import", "Import progress…"),
        button("reset", "Reset progress"),
        file,
        h("p", { class: "lp-tools__message", role: "status", "aria-live": "polite" }),
      );
    }
  }

  // A message under the tools, e.g. how an import went; on pages without them, at the top.
  function say(text, isError = false) {
    let message = document.querySelector(".lp-tools__message");
    if (!message) {
      message = h("p", { class: "lp-tools__message", role: "status", "aria-live": "polite" });
      document.querySelector("[data-lp-site]").after(message);
    }
    message.textContent = text;
    message.classList.toggle("lp-error", isError);
  }

  function exportFile() {
    const data = JSON.stringify({ ...state, site }, null, 2);
    const link = h("a", {
      href: URL.createObjectURL(new Blob([data], { type: "application/json" })),
      download: `${site}-progress.json`,
    });
    link.click(); // never attached, so instant navigation does not see the click
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
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
        const [status, chosen] = statusOf(stage);
        text = `${STATUS[status]}${chosen ? " (your choice)" : ""} · ${text}`;
      }
      holder.querySelector(".lp-progress__text").textContent = text;
    }
    // The overview's stage cards and diagram nodes.
    for (const node of all("[data-lp-stage]")) {
      const [status, chosen] = statusOf(node.dataset.lpStage);
      for (const name of MARKS) node.classList.toggle(`lp-status-${name}`, status === name);
      node.classList.toggle("lp-status-chosen", chosen);
    }
    for (const bar of all("rect[data-lp-progress-bar]")) {
      const [done, total] = countStage(bar.dataset.lpProgressBar);
      bar.setAttribute("width", String((Number(bar.dataset.fullWidth) * done) / total || 0));
    }
  }

  // ---- Filters (library and list pages)

  // Tag id -> title, from tags.yml when the roadmap has one; without it, tags show their ids.
  // A map without a prototype, so that a tag called "constructor" shows as itself.
  function tagTitles(holder) {
    try {
      return map(JSON.parse(holder.dataset.lpTags || "{}"));
    } catch {
      return map();
    }
  }

  function addFilters(holder) {
    const cards = all("article[data-lp-resource]");
    // Read before the "Done" checkboxes join the cards' text.
    const texts = new Map(cards.map((card) => [card, card.textContent.toLowerCase()]));
    const query = new URLSearchParams(location.search);
    const form = h("form", { class: "lp-filters__form", "aria-label": "Filter resources" });
    const field = (label, control) =>
      h("span", { class: "lp-filters__field" }, h("label", { for: control.id }, label), control);
    const facts = new Map(cards.map((card) => [card, FILTERS.map(([, , , read]) => words(read(card)))]));
    const titles = tagTitles(holder);
    const selects = FILTERS.map(([key, label, any], i) => {
      const name = (value) => (key === "tag" && titles[value]) || value; // what the option says
      const values = unique(cards.flatMap((card) => facts.get(card)[i]))
        .sort((a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b) || name(a).localeCompare(name(b)));
      const options = values.map((value) => h("option", { value }, name(value)));
      const select = h("select", { id: `lp-filter-${key}` }, h("option", { value: "" }, any));
      select.append(...options);
      if (values.includes(query.get(key))) select.value = query.get(key);
      form.append(field(label, select));
      return select;
    });
    const text = h("input", { type: "search", id: "lp-filter-text", placeholder: "Title, tag…" });
    text.value = query.get("text") || "";
    const clear = h("button", { type: "reset", class: "md-button" }, "Clear filters");
    form.append(field("Text", text), clear);
    text.parentElement.classList.add("lp-filters__field--text");
    const count = h("p", { class: "lp-filters__count", "aria-live": "polite" });
    holder.append(form, count);

    function apply() {
      const wanted = words(text.value.toLowerCase());
      const shown = cards.filter((card) => {
        card.hidden = !(
          selects.every(({ value }, i) => !value || facts.get(card)[i].includes(value)) && wanted.every((word) => texts.get(card).includes(word))
        );
        return !card.hidden;
      });
      for (const section of all("section.lp-list")) {
        section.hidden = !section.querySelector("article[data-lp-resource]:not([hidden])");
      }
      // A resource may sit in several lists: count it once.
      const total = unique(cards.map((card) => card.dataset.lpResource)).length;
      const showing = unique(shown.map((card) => card.dataset.lpResource)).length;
      count.textContent = `Showing ${showing} of ${total} resources`;
      count.textContent += showing ? "." : ": none match these filters.";
      // Mirror the filters in the URL so that a filtered view can be shared.
      const params = new URLSearchParams(location.search);
      const values = [...selects.map((select) => select.value), text.value.trim()];
      [...FILTERS, ["text"]].forEach(([key], i) => {
        if (values[i]) params.set(key, values[i]);
        else params.delete(key);
      });
      const search = params.toString() ? `?${params}` : "";
      // history.state holds Material's scroll position: keep it.
      history.replaceState(history.state, "", location.pathname + search + location.hash);
    }

    form.addEventListener("input", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => setTimeout(apply)); // once the form has cleared itself
    apply();
  }

  // ---- Wiring

  // On every page: the first load and each of Material's instant navigations.
  function enhance() {
    const marker = document.querySelector("[data-lp-site]");
    site = marker ? marker.dataset.lpSite : "";
    if (!site || "lpReady" in marker.dataset) return; // once per page, even if called twice
    marker.dataset.lpReady = "";
    // An attribute, not a JSON <script>: instant navigation re-runs a page's scripts untyped.
    const data = document.getElementById("lp-roadmap");
    try {
      index = data ? JSON.parse(data.dataset.lpRoadmap || data.textContent) : null;
    } catch {
      index = null;
    }
    const filters = document.querySelector("[data-lp-filters]");
    if (filters) addFilters(filters); // before the checkboxes join the cards' text
    addControls();
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
    if (action === "import") button.parentElement.querySelector("input[type=file]").click();
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
    if (site && event.key === KEY) {
      state = load();
      update();
    }
  });

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState !== "loading") enhance();
  else document.addEventListener("DOMContentLoaded", enhance);
})();
