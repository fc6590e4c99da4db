// learnpath: accessible names and states that Material's defaults leave out, added on every page.
// Material's instant navigation swaps the page without re-running scripts, so the fixes run on
// each page it emits on document$; without it (Zensical's look-alike theme, or no instant
// navigation) they run once the page is parsed. Each fix is safe to run twice.
(() => {
  "use strict";

  // Give `label` to the elements matching `selector` that have no accessible name of their own.
  function name(selector, label) {
    for (const element of document.querySelectorAll(selector)) {
      if (!element.hasAttribute("aria-label") && !element.hasAttribute("aria-labelledby")) {
        element.setAttribute("aria-label", label);
      }
    }
  }

  function fix() {
    // The search is a role="dialog" with no name: a screen reader announces only "dialog".
    // It takes the name of its own field, which Material translates ("Search").
    const field = document.querySelector(".md-search__input");
    const search = field && (field.getAttribute("aria-label") || field.placeholder);
    name('.md-search[role="dialog"]', search || "Search");
    // navigation.instant.progress: the bar across the top is a role="progressbar" with no name.
    name('.md-progress[role="progressbar"]', "Loading the page");
  }

  if (window.document$) window.document$.subscribe(fix);
  else if (document.readyState !== "loading") fix();
  else document.addEventListener("DOMContentLoaded", fix);
})();
