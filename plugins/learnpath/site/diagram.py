"""The path at a glance: stages as an inline SVG graph with prerequisite edges.

Drawn at build time so it works without JavaScript and costs the reader nothing. `layout`
places the stages in layers so every edge points down and none runs behind a stage; this
module draws them, with arrowheads and a legend that says what an arrow means.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from html import escape

from learnpath.roadmap.model import Roadmap, Stage
from learnpath.site.layout import Sizes, layered_layout
from learnpath.site.pages import stage_path

NODE_WIDTH = 210
NODE_HEIGHT = 64
LEGEND_HEIGHT = 28
TEXT_PX = 13
"""The size of the diagram's text at its natural size; the CSS uses the same."""
WRAP = 22
"""Characters per line of a stage's title, leaving room for its status icon."""
SIZES = Sizes(node_width=NODE_WIDTH, node_height=NODE_HEIGHT)


def path_diagram(roadmap: Roadmap, link: Callable[[str], str]) -> str:
    layout = layered_layout(
        [stage.id for stage in roadmap.stages],
        {stage.id: stage.prerequisites for stage in roadmap.stages},
        SIZES,
    )
    height = layout.height + LEGEND_HEIGHT
    # A picture for sighted readers, hidden from screen readers and out of the tab order: the
    # list of stage cards under it says the same in words (number, prerequisites, status).
    # Never drawn smaller than 12/13 of its size, so no text falls under 12 px; a narrower
    # screen scrolls it sideways instead.
    parts = [
        f'<div class="lp-diagram-frame" role="group" aria-label="The path as a diagram">'
        f'<svg class="lp-diagram" viewBox="0 0 {layout.width:g} {height:g}" '
        f'style="min-width:{math.ceil(layout.width * 12 / TEXT_PX)}px;'
        f'max-width:{layout.width * 1.25:g}px" aria-hidden="true" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        # One arrowhead, drawn in the edge's own colour (context-stroke where supported).
        '<defs><marker id="lp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path class="lp-diagram__arrow" '
        'd="M0,0 L10,5 L0,10 z"/></marker></defs>',
        '<g class="lp-diagram__edges">',
    ]
    for edge in layout.edges:
        parts.append(
            f'<path d="{_edge_path(edge.points)}" marker-end="url(#lp-arrow)" '
            f'data-from="{escape(edge.source)}" data-to="{escape(edge.target)}"/>'
        )
    parts.append("</g>")
    for stage in roadmap.stages:
        box = layout.boxes[stage.id]
        parts.append(_node(stage, box.x, box.y, link(stage_path(stage.id))))
    parts.append(_legend(layout.height))
    parts.append("</svg></div>")
    return "".join(parts)


def _edge_path(points: tuple[tuple[float, float], ...]) -> str:
    """Curves across the gaps between layers, straight lines through a layer's slot: every
    piece stays in its gap or its slot, where no stage's box is."""
    (x, y), *rest = points
    path = f"M{x:g},{y:g}"
    for index, (x2, y2) in enumerate(rest):
        if x2 == x and index % 2 == 1:  # through a slot, straight down
            path += f" L{x2:g},{y2:g}"
        else:
            middle = (y + y2) / 2
            path += f" C{x:g},{middle:g} {x2:g},{middle:g} {x2:g},{y2:g}"
        x, y = x2, y2
    return path


def _legend(top: float) -> str:
    """What an arrow means, under the diagram."""
    y = top + LEGEND_HEIGHT / 2 + 4
    return (
        '<g class="lp-diagram__legend" aria-hidden="true">'
        f'<path class="lp-diagram__legend-arrow" d="M{SIZES.margin:g},{y - 4:g} '
        f'h36" marker-end="url(#lp-arrow)"/>'
        f'<text x="{SIZES.margin + 46:g}" y="{y:g}">leads to: a stage points to the stages '
        "that build on it</text></g>"
    )


def _node(stage: Stage, x: float, y: float, href: str) -> str:
    lines = textwrap.wrap(f"{stage.number}. {stage.title}", WRAP)[:2]
    if len(lines) == 2 and len(textwrap.wrap(f"{stage.number}. {stage.title}", WRAP)) > 2:
        lines[1] = lines[1][: WRAP - 2] + "…"
    details = " · ".join(
        part for part in (stage.level or "", f"{stage.hours:g} h" if stage.hours else "") if part
    )
    text_top = y + (22 if len(lines) == 1 else 16)
    label = "".join(
        f'<tspan x="{x + 12:g}" y="{text_top + index * 16:g}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return (
        f'<a class="lp-node" xlink:href="{escape(href)}" tabindex="-1" '
        f'data-lp-stage="{escape(stage.id)}">'
        f"<title>{escape(stage.title)}: {escape(stage.summary)}</title>"
        f'<rect class="lp-node__box" x="{x:g}" y="{y:g}" width="{NODE_WIDTH}" '
        f'height="{NODE_HEIGHT}" rx="8"/>'
        f'<text class="lp-node__title">{label}</text>'
        f'<text class="lp-node__details" x="{x + 12:g}" y="{y + NODE_HEIGHT - 12:g}">'
        f"{escape(details)}</text>"
        f'<rect class="lp-node__track" x="{x + 12:g}" y="{y + NODE_HEIGHT - 7:g}" '
        f'width="{NODE_WIDTH - 24}" height="3" rx="1.5"/>'
        f'<rect class="lp-node__bar" data-lp-progress-bar="{escape(stage.id)}" '
        f'x="{x + 12:g}" y="{y + NODE_HEIGHT - 7:g}" width="0" height="3" rx="1.5" '
        f'data-full-width="{NODE_WIDTH - 24}"/>'
        "</a>"
    )
