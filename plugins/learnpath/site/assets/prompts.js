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
      const text = source.textContent;
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = "Copied. Paste it into your AI assistant.";
      } catch {
        showForCopying(source, status, text);
      }
    });
  }

  // The clipboard was refused (an insecure origin, a permission): show the text, selected.
  function showForCopying(source, status, text) {
    const { h } = window.learnpath;
    let box = source.nextElementSibling;
    if (!(box instanceof HTMLTextAreaElement)) {
      box = h("textarea", { class: "lp-prompt__text", rows: "10", readonly: "", "aria-label": "Study prompt" });
      source.after(box);
    }
    box.value = text;
    box.focus();
    box.select();
    status.textContent = "Your browser did not let the site copy: the prompt is selected below, copy it with Ctrl+C (or ⌘C).";
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
