// learnpath: "Copy study prompt" on every topic of a stage page. The prompt is written at build
// time from the roadmap's own data (or the author's `prompt`) into a hidden <pre data-lp-prompt>;
// this script only copies it. No network call, no key, no model: the learner pastes it into the
// assistant they use. Where the browser refuses the clipboard, the text is shown, selected.
(() => {
  "use strict";

  const all = (selector) => [...document.querySelectorAll(selector)];

  function addButton(source) {
    const { h } = window.learnpath;
    const button = h("button", { type: "button", class: "md-button lp-prompt__copy" }, "Copy study prompt");
    const status = h("span", { class: "lp-prompt__status", role: "status" });
    const row = h("p", { class: "lp-prompt__row" }, button, " ", status);
    source.before(row);
    button.addEventListener("click", async () => {
      // Where the clipboard is refused (an insecure origin, a permission), the text is shown.
      status.textContent = (await window.learnpath.copy(source.textContent, source, "Study prompt"))
        ? "Copied. Paste it into your AI assistant."
        : "Your browser did not let the site copy: the prompt is selected below, copy it with Ctrl+C (or ⌘C).";
    });
  }

  function enhance() {
    const marker = document.querySelector("[data-lp-site]");
    if (!window.learnpath || !marker || "lpPrompted" in marker.dataset) return;
    marker.dataset.lpPrompted = "";
    for (const source of all("pre[data-lp-prompt]")) addButton(source);
  }

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState !== "loading") enhance();
  else document.addEventListener("DOMContentLoaded", enhance);
})();
