// learnpath: a progress link between devices, with no account and no server. "Copy progress
// link" puts the whole progress (ticks, statuses, notes, pace) into the #fragment of a link to
// this site, compressed in the browser (CompressionStream) and encoded for URLs; browsers never
// send a fragment to the server. Opening the link asks what to do with it, checks it as
// strictly as a file import, then takes the fragment out of the address bar.
(() => {
  "use strict";

  const PREFIX = "#progress=";
  const MAX_LINK = 32 * 1024; // what common apps and browsers carry without cutting a link
  const MAX_JSON = 4 * 1024 * 1024; // a link that inflates to more is not progress
  const core = () => window.learnpath;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  // ---- Encoding: JSON, deflated, base64url.

  async function pipe(bytes, transform) {
    const stream = new Blob([bytes]).stream().pipeThrough(transform);
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  async function encode(data) {
    const packed = await pipe(new TextEncoder().encode(JSON.stringify(data)), new CompressionStream("deflate-raw"));
    let binary = "";
    for (const byte of packed) binary += String.fromCharCode(byte);
    return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  }

  // The fragment's progress, or throws. Inflated in chunks, stopped past MAX_JSON.
  async function decode(text) {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_JSON) {
        await reader.cancel();
        throw new Error("too large");
      }
      chunks.push(value);
    }
    return JSON.parse(new TextDecoder().decode(await new Blob(chunks).arrayBuffer()));
  }

  // ---- Copying the link

  async function copyLink(button) {
    const { say, progress, root, site } = core();
    const link = `${root.href}${PREFIX}${await encode({ ...progress(), site })}`;
    if (link.length > MAX_LINK) {
      const size = Math.ceil(link.length / 1024);
      say(`Your progress makes a link of ${size} kB, too long for many apps (over 32 kB). Use "Export progress" instead and import the file on the other device.`, true);
      return;
    }
    const message = button.closest("[data-lp-progress-tools]").querySelector(".lp-tools__message");
    if (await core().copy(link, message, "Progress link")) {
      say("Progress link copied. Open it on your other device to bring your progress there; the link carries your notes too, so share it with care.");
    } else {
      say("Your browser did not let the site copy: the link is selected below, copy it with Ctrl+C (or ⌘C).");
    }
  }

  // ---- Opening a link

  // What became of a link, said at the top of the page the link opened, where the reader is.
  function tell(text, isError = false) {
    const message = core().h("p", { class: `lp-link-message${isError ? " lp-error" : ""}`, role: "status" }, text);
    for (const old of document.querySelectorAll(".lp-link-message")) old.remove();
    const top = document.querySelector("article h1") || document.querySelector("[data-lp-site]");
    if (top) top.after(message);
    else (document.querySelector("article, main") || document.body).prepend(message);
  }

  async function openLink() {
    if (!location.hash.startsWith(PREFIX)) return;
    const encoded = location.hash.slice(PREFIX.length);
    // The fragment leaves the address bar whatever happens, so a reload does not ask again.
    history.replaceState(history.state, "", location.pathname + location.search);
    let data = null;
    try {
      data = await decode(encoded);
    } catch {
      tell("This progress link is damaged or incomplete (was it cut when it was copied?). Your progress is unchanged.", true);
      return;
    }
    const choice = await ask(data);
    if (choice === "cancel") {
      tell("The progress from the link was not used. Your progress is unchanged.");
      return;
    }
    const problem = core().take(data, choice);
    if (problem) tell(`Could not use this progress link: ${problem} Your progress is unchanged.`, true);
    else tell(choice === "merge" ? "Progress from the link merged with yours." : "Your progress was replaced with the link's.");
  }

  // A modal dialog whose buttons say what they do. Resolves "replace", "merge" or "cancel".
  function ask(data) {
    const { h } = core();
    const count = (part) => (data && typeof data[part] === "object" && data[part] ? Object.values(data[part]).filter((v) => v === true).length : 0);
    const notes = data && data.notes && typeof data.notes === "object" ? Object.values(data.notes).reduce((n, kind) => n + (kind && typeof kind === "object" ? Object.keys(kind).length : 0), 0) : 0;
    const choices = [
      ["replace", "Replace my progress"],
      ["merge", "Merge"],
      ["cancel", "Cancel"],
    ];
    const buttons = choices.map(([value, text]) => h("button", { type: "submit", value, class: `md-button${value === "replace" ? " md-button--primary" : ""}` }, text));
    const dialog = h(
      "dialog",
      { class: "lp-dialog", "aria-labelledby": "lp-dialog-title" },
      h(
        "form",
        { method: "dialog" },
        h("h2", { id: "lp-dialog-title" }, "Progress from a link"),
        h("p", {}, `This link carries ${plural(count("resources") + count("outcomes"), "ticked item")} and ${plural(notes, "note")}. Replace the progress in this browser with it, or merge the two (ticks from both; where both have a status, note or pace, this browser's is kept)?`),
        h("p", { class: "lp-dialog__buttons" }, ...buttons),
      ),
    );
    document.body.append(dialog);
    return new Promise((resolve) => {
      dialog.addEventListener("close", () => {
        resolve(dialog.returnValue || "cancel"); // Escape closes with no value: cancel
        dialog.remove();
      });
      dialog.showModal();
    });
  }

  function enhance() {
    if (!core()) return;
    for (const holder of document.querySelectorAll("[data-lp-progress-tools] .lp-progress-tools__buttons")) {
      if (holder.querySelector("[data-lp-share]")) continue;
      const button = core().h("button", { type: "button", class: "md-button", "data-lp-share": "" }, "Copy progress link");
      button.addEventListener("click", () => copyLink(button));
      holder.lastElementChild.before(button); // before Reset, which stays last
    }
    openLink();
  }

  // A link pasted into a tab that already shows the site only changes the fragment.
  window.addEventListener("hashchange", () => core() && openLink());

  if (window.document$) window.document$.subscribe(enhance);
  else if (document.readyState !== "loading") enhance();
  else document.addEventListener("DOMContentLoaded", enhance);
})();
