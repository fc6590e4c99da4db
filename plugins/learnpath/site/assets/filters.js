// learnpath: the resource filters of the library and the list pages, and the cards' tags. Runs
// after learnpath.js (which adds the "Done" checkboxes and window.learnpath). Without this script
// every card is simply shown. The filters live in the URL (?type=video&tag=pytorch), so a
// filtered view can be shared; each stays one short key.
(() => {
  "use strict";

  const LEVELS = ["beginner", "intermediate", "advanced"];
  const textOf = (card, selector) => (card.querySelector(selector) || {}).textContent || "";
  const words = (text) => (text || "").split(/\s+/).filter(Boolean);
  const all = (selector) => [...document.querySelectorAll(selector)];
  const unique = (values) => [...new Set(values)];
  const lower = (text) => text.trim().toLowerCase();

  // Choices from a list: [URL key, label, "any" option, what the card says]. Facts are read off
  // the badges a reader sees: the library shows hundreds of cards, so each fact is written once
  // in the HTML, not again in data attributes. The text filter's key is "text", not "q":
  // Material opens its search box on a URL with ?q=.
  const CHOICES = [
    ["type", "Type", "Any type", (card) => words(textOf(card, ".lp-type"))],
    ["cost", "Cost", "Free or paid", (card) => words(textOf(card, ".lp-free, .lp-paid"))],
    ["level", "Level", "Any level", (card) => LEVELS.filter((l) => card.querySelector(`.lp-${l}`))],
    ["stage", "Used in stage", "Any stage", (card) => stagesOf(card.dataset.lpResource)],
  ];

  const h = (...parts) => window.learnpath.h(...parts);
  const learnpath = () => window.learnpath;

  // Resource id -> the ids of the stages that use it, from path.js.
  let usedIn = new Map();
  function stagesOf(resource) {
    return usedIn.get(resource) || [];
  }

  // Tag id -> title, from tags.yml when the roadmap has one; without it, tags show their ids.
  // A map without a prototype, so that a tag called "constructor" shows as itself.
  function tagTitles(holder) {
    try {
      return Object.assign(Object.create(null), JSON.parse(holder.dataset.lpTags || "{}"));
    } catch {
      return Object.create(null);
    }
  }

  // The words a card is found by: its own text, not the "Done" label the script added nor the
  // names of the stages that use it (a filter of its own).
  function searchText(card) {
    return [...card.childNodes]
      .filter((node) => !(node instanceof Element && node.matches(".lp-check, .lp-used")))
      .map((node) => node.textContent)
      .join(" ")
      .toLowerCase();
  }

  // A card's "#tag" line becomes buttons that filter by the tag; on pages without filters
  // (stage pages), links to the library filtered by it.
  function clickableTags(card, titles, filtering) {
    const line = card.querySelector(".lp-tags");
    if (!line || line.dataset.lpTagged !== undefined) return;
    line.dataset.lpTagged = "";
    const tags = words(line.textContent).map((tag) => tag.replace(/^#/, ""));
    const title = (tag) => titles[tag] || tag;
    line.replaceChildren(
      ...tags.map((tag) => {
        if (filtering) {
          return h(
            "button",
            { type: "button", class: "lp-tag", "data-lp-tag": tag, title: `Show only ${title(tag)}` },
            `#${tag}`,
          );
        }
        const url = new URL(learnpath().library);
        url.searchParams.set("tag", tag);
        return h("a", { class: "lp-tag", href: url.href, title: `All ${title(tag)} resources` }, `#${tag}`);
      }),
    );
  }

  function addFilters(holder, cards) {
    const query = new URLSearchParams(location.search);
    const titles = tagTitles(holder);
    const texts = new Map(cards.map((card) => [card, searchText(card)]));
    const tagsOf = new Map(
      cards.map((card) => [card, [...card.querySelectorAll("[data-lp-tag]")].map((b) => b.dataset.lpTag)]),
    );
    const facts = new Map(cards.map((card) => [card, CHOICES.map(([, , , read]) => read(card))]));
    const stageName = new Map(learnpath().stages.map((s) => [s.id, `${s.number}. ${s.title}`]));
    const form = h("form", { class: "lp-filters__form", "aria-label": "Filter resources" });
    const field = (label, control, extra = "") =>
      h("span", { class: `lp-filters__field ${extra}` }, h("label", { for: control.id }, label), control);

    // The text and the tag are typed, and stay in view on a phone; the rest fold away there.
    const text = h("input", { type: "search", id: "lp-filter-text", placeholder: "Title, author, tag…" });
    text.value = query.get("text") || "";

    // Tags are typed, with suggestions that say how many resources each has.
    const counts = new Map();
    for (const card of unique(cards)) {
      for (const tag of tagsOf.get(card)) counts.set(tag, (counts.get(tag) || new Set()).add(card.dataset.lpResource));
    }
    const tagIds = [...counts.keys()].sort((a, b) => (titles[a] || a).localeCompare(titles[b] || b));
    const suggestions = h(
      "datalist",
      { id: "lp-filter-tags" },
      ...tagIds.map((tag) => h("option", { value: titles[tag] || tag, label: `${counts.get(tag).size} resources` })),
    );
    const tag = h("input", {
      type: "text",
      id: "lp-filter-tag",
      list: suggestions.id,
      autocomplete: "off",
      placeholder: "Type a tag…",
      "aria-describedby": "lp-filter-tag-note",
    });
    const tagNote = h("span", { class: "lp-filters__note", id: "lp-filter-tag-note", "aria-live": "polite" });
    // The typed text's tag: its title or id, in any case; "" when it names none.
    const tagOf = (typed) => tagIds.find((id) => lower(typed) === id.toLowerCase() || lower(typed) === lower(titles[id] || id)) || "";
    if (counts.has(query.get("tag"))) tag.value = titles[query.get("tag")] || query.get("tag");

    const selects = CHOICES.map(([key, , any], i) => {
      const name = (value) => (key === "stage" ? stageName.get(value) : value) || value;
      const order = key === "stage" ? learnpath().stages.map((s) => s.id) : LEVELS;
      const values = unique(cards.flatMap((card) => facts.get(card)[i])).sort(
        (a, b) => order.indexOf(a) - order.indexOf(b) || name(a).localeCompare(name(b)),
      );
      const select = h("select", { id: `lp-filter-${key}` }, h("option", { value: "" }, any));
      select.append(...values.map((value) => h("option", { value }, name(value))));
      if (values.includes(query.get(key))) select.value = query.get(key);
      return select;
    });
    const hideDone = h("input", { type: "checkbox", id: "lp-filter-done" });
    hideDone.checked = query.get("hide") === "done";

    const more = h("div", { class: "lp-filters__more", id: "lp-filters-more" });
    more.append(
      ...selects.map((select, i) => field(CHOICES[i][1], select)),
      h("span", { class: "lp-filters__field lp-filters__field--check" }, h("label", { class: "lp-check" }, hideDone, " Hide what I have done")),
    );
    const toggle = h("button", { type: "button", class: "md-button lp-filters__toggle", "aria-expanded": "false", "aria-controls": more.id }, "More filters");
    const clear = h("button", { type: "reset", class: "md-button" }, "Clear filters");
    const tagField = field("Tag", tag, "lp-filters__field--tag");
    tagField.append(tagNote, suggestions);
    form.append(field("Text", text, "lp-filters__field--text"), tagField, toggle, more, clear);
    const count = h("p", { class: "lp-filters__count", role: "status", "aria-live": "polite" });
    holder.append(form, count);

    function apply() {
      const wanted = words(text.value.toLowerCase());
      const tagId = tagOf(tag.value);
      tagNote.textContent = tag.value.trim() && !tagId ? "No such tag: pick one from the suggestions." : "";
      const isDone = learnpath().isDone;
      const shown = cards.filter((card) => {
        card.hidden = !(
          selects.every(({ value }, i) => !value || facts.get(card)[i].includes(value)) &&
          (!tagId || tagsOf.get(card).includes(tagId)) &&
          !(hideDone.checked && isDone(card.dataset.lpResource)) &&
          wanted.every((word) => texts.get(card).includes(word))
        );
        return !card.hidden;
      });
      // The table of contents follows: a theme with nothing to show leaves it too. (Material
      // may rewrite its links to whole URLs: they are matched by their #fragment.)
      const contents = all(".md-nav--secondary a.md-nav__link[href*='#']");
      for (const section of all("section.lp-list")) {
        section.hidden = !section.querySelector("article[data-lp-resource]:not([hidden])");
        const heading = section.querySelector("h2[id]");
        for (const entry of contents.filter((a) => heading && a.hash === `#${heading.id}`)) {
          entry.parentElement.style.display = section.hidden ? "none" : ""; // Material styles [hidden]
        }
      }
      // A resource may sit in several lists: count it once.
      const total = unique(cards.map((card) => card.dataset.lpResource)).length;
      const showing = unique(shown.map((card) => card.dataset.lpResource)).length;
      count.textContent = `Showing ${showing} of ${total} resources${showing ? "." : ": none match these filters."}`;
      const folded = selects.filter((select) => select.value).length + Number(hideDone.checked);
      toggle.textContent = folded ? `More filters (${folded} on)` : "More filters";
      // Mirror the filters in the URL so that a filtered view can be shared.
      const params = new URLSearchParams(location.search);
      const values = { ...Object.fromEntries(CHOICES.map(([key], i) => [key, selects[i].value])), tag: tagId, text: text.value.trim(), hide: hideDone.checked ? "done" : "" };
      for (const [key, value] of Object.entries(values)) {
        if (value) params.set(key, value);
        else params.delete(key);
      }
      const search = params.toString() ? `?${params}` : "";
      // history.state holds Material's scroll position: keep it.
      history.replaceState(history.state, "", location.pathname + search + location.hash);
    }

    form.addEventListener("input", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => setTimeout(apply)); // once the form has cleared itself
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      form.classList.toggle("lp-filters__form--open", open);
    });
    holder.closest("article, .md-content, body").addEventListener("click", (event) => {
      const button = event.target instanceof Element && event.target.closest("button[data-lp-tag]");
      if (!button) return;
      tag.value = titles[button.dataset.lpTag] || button.dataset.lpTag;
      apply();
    });
    learnpath().onUpdate(apply); // "hide what I have done" follows the ticks
    apply();
  }

  function enhance() {
    const marker = document.querySelector("[data-lp-site]");
    if (!learnpath() || !marker || "lpFiltered" in marker.dataset) return; // once per page
    marker.dataset.lpFiltered = "";
    usedIn = new Map();
    for (const stage of learnpath().stages) {
      for (const resource of stage.resources) usedIn.set(resource, [...stagesOf(resource), stage.id]);
    }
    const holder = document.querySelector("[data-lp-filters]");
    const cards = all("article[data-lp-resource]");
    const titles = holder ? tagTitles(holder) : Object.create(null);
    for (const card of cards) clickableTags(card, titles, Boolean(holder));
    if (holder) addFilters(holder, cards);
  }

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState !== "loading") enhance();
  else document.addEventListener("DOMContentLoaded", enhance);
})();
