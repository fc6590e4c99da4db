"""Controls big enough to hit and text big enough to read, on a desktop and on a phone.

WCAG 2.2's 2.5.8 (Target Size, Minimum) asks 24 by 24 CSS px for what a reader clicks or taps;
a control's target includes its label when clicking the label works the control, as for a
checkbox inside a <label> or one named by <label for>. Text under 12 px is hard to read for
many, and is what a phone shows when a size is set in em of an already small parent. Both are
checked on every kind of page, for what learnpath renders or adds and for Material's own
elements in the page's content (code copy buttons, collapsible admonitions).
"""

from __future__ import annotations

from typing import Any

import pytest
from browsing import PAGE_KINDS, BrowserLog, Site, example_page, open_context, open_enhanced
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
MIN_TARGET = 24  # CSS px, WCAG 2.2 SC 2.5.8
MIN_FONT = 12  # CSS px

# Each visible control of the page's content with the box that a click on it hits: the control
# with its labels (HTMLInputElement.labels: the <label> around it and every <label for>), or for
# a label the label with its control. Hidden ones (display: none, visibility: hidden, a closed
# <details>, a filtered-out card) are not targets.
TARGETS = """([selector, minimum]) => {
  const described = (e) => e.tagName.toLowerCase() + [...e.classList].map((c) => "." + c).join("")
    + (e.type && e.tagName !== "BUTTON" ? `[type=${e.type}]` : "")
    + (e.dataset.lpAction ? `[data-lp-action=${e.dataset.lpAction}]` : "");
  const boxes = [];
  for (const control of document.querySelector(".md-content").querySelectorAll(selector)) {
    if (!control.checkVisibility({ visibilityProperty: true })) continue;
    const parts = [control, ...(control.labels || []), control.control].filter(Boolean);
    const rects = parts.filter((e) => e.checkVisibility({ visibilityProperty: true }))
      .map((e) => e.getBoundingClientRect()).filter((r) => r.width || r.height);
    if (!rects.length) continue;
    const edge = (side, pick) => pick(...rects.map((r) => r[side]));
    const width = edge("right", Math.max) - edge("left", Math.min);
    const height = edge("bottom", Math.max) - edge("top", Math.min);
    if (width >= minimum - 0.01 && height >= minimum - 0.01) continue;
    const text = (control.innerText || control.getAttribute("aria-label") || control.title
      || control.value || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    boxes.push({ element: described(control), text, width: Math.round(width * 10) / 10,
                 height: Math.round(height * 10) / 10 });
  }
  return boxes;
}"""

# Every text node of the page's content that a reader sees, with its rendered font size: SVG
# text is scaled with its drawing, so its computed size times the drawing's scale. Skipped: text
# that is hidden, of no size, transparent (opacity 0, as Material's permalinks until hovered),
# or clipped to nothing (text for screen readers only). Then the text of fields and selects.
SMALL_TEXT = """(minimum) => {
  const content = document.querySelector(".md-content");
  const described = (e) => e.tagName.toLowerCase() + [...e.classList].map((c) => "." + c).join("");
  const clipped = (element) => {
    for (let e = element; e && e !== content; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.clip !== "auto" || style.clipPath !== "none") return true;
      if (style.overflow !== "visible" && (e.clientWidth <= 1 || e.clientHeight <= 1)) return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const small = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.data.trim() || !element) continue;
    if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (!box.width || !box.height || clipped(element)) continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    if (element instanceof SVGElement) {
      const matrix = element.getScreenCTM();
      size *= Math.hypot(matrix.a, matrix.b);
    }
    if (size >= minimum - 0.01) continue;
    small.push({ element: described(element), text: node.data.trim().slice(0, 40),
                 size: Math.round(size * 10) / 10 });
  }
  // A field shows its value or placeholder, and a select its choice, without a text node.
  const fields = "input:not([type=checkbox], [type=radio], [type=hidden]), select, textarea";
  for (const field of content.querySelectorAll(fields)) {
    if (!field.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const size = parseFloat(getComputedStyle(field).fontSize);
    if (size >= minimum - 0.01) continue;
    const text = field.value || field.placeholder || field.getAttribute("aria-label") || "";
    small.push({ element: described(field), text: text.slice(0, 40),
                 size: Math.round(size * 10) / 10 });
  }
  return small;
}"""

CONTROLS = "input, select, button, textarea, summary, [role=button], .lp-card, label.lp-check"


def kind_site(request: pytest.FixtureRequest, kind: str) -> Site:
    """The site with a page of that kind: the shipped one, or for progress the fixture roadmap's
    (the shipped roadmap has no progress.yml)."""
    return request.getfixturevalue("hostile_site" if kind == "progress" else "site")


def grouped(findings: list[dict[str, Any]], measure: str) -> list[str]:
    """One line per kind of element and measure: a library page has hundreds of each card."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for finding in findings:
        groups.setdefault((finding["element"], measure.format(**finding)), []).append(finding)
    return [
        f"{element}: {size} ({len(found)}x, e.g. {found[0]['text']!r})"
        for (element, size), found in groups.items()
    ]


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_targets_and_text_are_big_enough(
    browser: Browser, request: pytest.FixtureRequest, log: BrowserLog, kind: str, viewport: str
) -> None:
    """Every visible control in the content is at least 24x24 px with its label, and no visible
    text in it is under 12 px."""
    site = kind_site(request, kind)
    path = example_page(site, kind)
    context = open_context(browser, site, log, viewport=VIEWPORTS[viewport])
    try:
        page = open_enhanced(log.watch(context.new_page()), path, kind)
        targets = page.evaluate(TARGETS, [CONTROLS, MIN_TARGET])
        small = page.evaluate(SMALL_TEXT, MIN_FONT)
    finally:
        context.close()
    problems = [
        f"under {MIN_TARGET}x{MIN_TARGET} px: {line}"
        for line in grouped(targets, "{width}x{height} px")
    ] + [f"text under {MIN_FONT} px: {line}" for line in grouped(small, "{size} px")]
    where = f"{kind} page /{path} on a {viewport} ({VIEWPORTS[viewport]['width']} px wide)"
    assert problems == [], f"{where}:\n" + "\n".join(problems)
