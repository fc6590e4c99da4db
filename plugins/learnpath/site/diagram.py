"""The path at a glance: stages as an inline SVG graph with prerequisite edges.

Drawn at build time so it works without JavaScript and costs the reader nothing. Stages are
placed in rows by how many prerequisites lead to them (the longest chain), so every edge points
downwards; within a row they keep the roadmap's order.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from html import escape

from learnpath.roadmap.model import Roadmap, Stage
from learnpath.site.pages import stage_path

NODE_WIDTH = 210
NODE_HEIGHT = 64
COLUMN_GAP = 30
ROW_GAP = 46
MARGIN = 12


def stage_depths(roadmap: Roadmap) -> dict[str, int]:
    """Row of each stage: 0 for no prerequisites, else one more than its deepest prerequisite."""
    depths: dict[str, int] = {}

    def depth(stage: Stage) -> int:
        if stage.id not in depths:
            depths[stage.id] = 0  # validation guarantees no cycles; this guards recursion anyway
            depths[stage.id] = 1 + max(
                (depth(roadmap.stage(p)) for p in stage.prerequisites), default=-1
            )
        return depths[stage.id]

    for stage in roadmap.stages:
        depth(stage)
    return depths


def path_diagram(roadmap: Roadmap, link: Callable[[str], str]) -> str:
    depths = stage_depths(roadmap)
    rows: dict[int, list[Stage]] = {}
    for stage in roadmap.stages:
        rows.setdefault(depths[stage.id], []).append(stage)
    widest = max(len(row) for row in rows.values())
    width = 2 * MARGIN + widest * NODE_WIDTH + (widest - 1) * COLUMN_GAP
    height = 2 * MARGIN + len(rows) * NODE_HEIGHT + (len(rows) - 1) * ROW_GAP

    boxes: dict[str, tuple[float, float]] = {}
    for row_number, row in enumerate(sorted(rows)):
        stages = rows[row]
        row_width = len(stages) * NODE_WIDTH + (len(stages) - 1) * COLUMN_GAP
        left = (width - row_width) / 2
        top = MARGIN + row_number * (NODE_HEIGHT + ROW_GAP)
        for column, stage in enumerate(stages):
            boxes[stage.id] = (left + column * (NODE_WIDTH + COLUMN_GAP), top)

    parts = [
        f'<svg class="lp-diagram" viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-labelledby="lp-diagram-title" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">',
        '<title id="lp-diagram-title">The stages of the path and the prerequisites between them'
        "</title>",
        '<g class="lp-diagram__edges">',
    ]
    for stage in roadmap.stages:
        x, y = boxes[stage.id]
        for prerequisite in stage.prerequisites:
            px, py = boxes[prerequisite]
            x1, y1 = px + NODE_WIDTH / 2, py + NODE_HEIGHT
            x2, y2 = x + NODE_WIDTH / 2, y
            middle = (y1 + y2) / 2
            parts.append(
                f'<path d="M{x1:g},{y1:g} C{x1:g},{middle:g} {x2:g},{middle:g} {x2:g},{y2:g}" '
                f'data-from="{escape(prerequisite)}" data-to="{escape(stage.id)}"/>'
            )
    parts.append("</g>")
    for stage in roadmap.stages:
        parts.append(_node(stage, *boxes[stage.id], link(stage_path(stage.id))))
    parts.append("</svg>")
    return "".join(parts)


def _node(stage: Stage, x: float, y: float, href: str) -> str:
    lines = textwrap.wrap(f"{stage.number}. {stage.title}", 24)[:2]
    if len(lines) == 2 and len(textwrap.wrap(f"{stage.number}. {stage.title}", 24)) > 2:
        lines[1] = lines[1][:22] + "…"
    details = " · ".join(
        part for part in (stage.level or "", f"{stage.hours:g} h" if stage.hours else "") if part
    )
    text_top = y + (22 if len(lines) == 1 else 16)
    label = "".join(
        f'<tspan x="{x + 12:g}" y="{text_top + index * 16:g}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return (
        f'<a class="lp-node" xlink:href="{escape(href)}" data-lp-stage="{escape(stage.id)}">'
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
