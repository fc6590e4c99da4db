// learnpath: the learner's own notes, on every resource card and every stage page, and the "My
// notes" page that lists them. Notes live with the progress (learnpath.js keeps, exports and
// validates them), keyed by the roadmap's ids, and are only ever plain text: they are put in
// textareas and textContent, never parsed as HTML or Markdown.
(() => {
  "use strict";

  const SAVE_AFTER_MS = 400; // saved while typing, once the learner pauses
  const core = () => window.learnpath;
  const all = (selector) => [...document.querySelectorAll(selector)];
  const noteOf = (kind, id) => core().progress().notes[kind][id] || "";

  // One note: a button that opens it ("Add a note", or "Your note" with a marker once there is
  // one), and a textarea named "Notes on <title>", made when first opened.
  function addNote(where, kind, id, title, placement = "append") {
    const { h } = core();
    const panel = h("div", { class: "lp-note", hidden: "", id: `lp-note-${kind}-${id}` });
    const button = h("button", {
      type: "button",
      class: "lp-note__toggle",
      "aria-expanded": "false",
      "aria-controls": panel.id,
      "data-lp-note": `${kind}:${id}`,
    });
    const block = h("div", { class: "lp-note-block" }, button, panel);
    if (placement === "after") where.after(block);
    else where.append(block);
    label(button, kind, id);
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
      if (open && !panel.firstChild) fill(panel, kind, id, title);
      if (open) panel.querySelector("textarea").focus();
    });
  }

  function label(button, kind, id) {
    const has = noteOf(kind, id).trim() !== "";
    button.replaceChildren(has ? "Your note" : "Add a note");
    button.classList.toggle("lp-note__toggle--has", has);
  }

  function fill(panel, kind, id, title) {
    const { h, NOTE_LIMIT } = core();
    const box = h("textarea", { rows: "4", "aria-label": `Notes on ${title}` });
    const status = h("p", { class: "lp-note__status", "aria-live": "polite" });
    box.value = noteOf(kind, id);
    let timer = 0;
    box.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => keep(box, status, kind, id, NOTE_LIMIT), SAVE_AFTER_MS);
    });
    box.addEventListener("blur", () => {
      clearTimeout(timer);
      keep(box, status, kind, id, NOTE_LIMIT);
    });
    panel.append(box, status);
  }

  function keep(box, status, kind, id, limit) {
    const text = box.value.slice(0, limit);
    if (text === noteOf(kind, id)) return;
    core().change((progress) => {
      if (text.trim()) progress.notes[kind][id] = text;
      else delete progress.notes[kind][id];
    });
    const over = box.value.length - limit;
    status.classList.toggle("lp-error", over > 0);
    status.textContent =
      over > 0
        ? `Notes keep at most ${limit.toLocaleString()} characters: the last ` +
          `${over.toLocaleString()} are not saved. Shorten the note to keep all of it.`
        : "Saved in this browser.";
  }

  // ---- "My notes": every note, with a link to its stage or resource.

  async function showNotes(view) {
    const { h, stages, root } = core();
    const notes = core().progress().notes;
    const stageNotes = stages.filter((stage) => noteOf("stages", stage.id).trim());
    const resourceIds = Object.keys(notes.resources).filter((id) => notes.resources[id].trim());
    if (!stageNotes.length && !resourceIds.length) {
      view.replaceChildren(
        h("p", {}, 'No notes yet. Open "Add a note" under any resource or on any stage page.'),
      );
      return;
    }
    const text = (note) => h("p", { class: "lp-note__text" }, note);
    const parts = [];
    if (stageNotes.length) {
      const items = stageNotes.map((stage) =>
        h(
          "li",
          {},
          h("a", { href: new URL(stage.url, root).href }, `${stage.number}. ${stage.title}`),
          text(noteOf("stages", stage.id)),
        ),
      );
      parts.push(h("h2", { id: "stages" }, "Stages"), h("ul", { class: "lp-notes" }, ...items));
    }
    if (resourceIds.length) {
      const resources = await resourceIndex();
      const items = resourceIds.map((id) => {
        const known = resources.get(id);
        const link = known
          ? h("a", { href: known.href }, known.title)
          : h("span", {}, `${id} (no longer in the roadmap)`);
        return h("li", {}, link, text(notes.resources[id]));
      });
      parts.push(
        h("h2", { id: "resources" }, "Resources"),
        h("ul", { class: "lp-notes" }, ...items),
      );
    }
    view.replaceChildren(...parts);
  }

  // Each resource's title and its place on its list page, from the published roadmap.json
  // (fetched only here). Pages are folders (resources/x/) or files (resources/x.html) as the
  // library's own URL shows.
  async function resourceIndex() {
    const { root, library } = core();
    const index = new Map();
    try {
      const roadmap = await (await fetch(new URL("roadmap.json", root))).json();
      for (const list of roadmap.lists) {
        const page = library.pathname.endsWith("/")
          ? new URL(`${list.id}/`, library)
          : new URL(`${list.id}.html`, library);
        for (const resource of list.resources) {
          index.set(resource.id, { title: resource.title, href: `${page.href}#${resource.id}` });
        }
      }
    } catch {
      // Opened from disk, or offline: the notes show with their ids.
    }
    return index;
  }

  // ---- Wiring

  function enhance() {
    const marker = document.querySelector("[data-lp-site]");
    if (!core() || !marker || "lpNoted" in marker.dataset) return;
    marker.dataset.lpNoted = "";
    for (const card of all("article[data-lp-resource]")) {
      const title = (card.querySelector(".lp-title") || card).textContent.trim();
      addNote(card, "resources", card.dataset.lpResource, title);
    }
    for (const holder of all("[data-lp-stage-status]")) {
      const id = holder.dataset.lpStageStatus;
      const stage = core().stages.find((s) => s.id === id);
      const title = stage ? stage.title : document.querySelector("h1").textContent;
      const after = document.querySelector(`[data-lp-plan="${CSS.escape(id)}"]`) || holder;
      addNote(after, "stages", id, title, "after");
    }
    const view = document.querySelector("[data-lp-notes-view]");
    if (view) showNotes(view);
    // A note changed in another tab, or by an import: the buttons follow.
    core().onUpdate(() => {
      for (const button of all("button[data-lp-note]")) {
        const [kind, id] = button.dataset.lpNote.split(/:(.*)/s);
        label(button, kind, id);
        const box = document.querySelector(`#${CSS.escape(button.getAttribute("aria-controls"))} textarea`);
        if (box && document.activeElement !== box) box.value = noteOf(kind, id);
      }
    });
  }

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState !== "loading") enhance();
  else document.addEventListener("DOMContentLoaded", enhance);
})();
