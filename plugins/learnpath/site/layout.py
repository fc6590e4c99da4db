"""Where each stage and each prerequisite edge goes in the path diagram: a layered layout.

The Sugiyama recipe, small enough for a roadmap: each stage sits one layer below its deepest
prerequisite, so every edge points down; an edge that skips layers passes through a narrow
slot of its own in each layer it crosses, so it can never run behind a stage's box (the old
diagram drew 2 -> 5 straight through stage 3); and a few sweeps of the barycenter heuristic
order each layer to keep crossings few. Pure geometry: no SVG, no roadmap types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

SWEEPS = 8
"""Up-and-down ordering passes; the order stops changing after a few on any real roadmap."""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def top_center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y)

    @property
    def bottom_center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height)


@dataclass(frozen=True)
class Edge:
    """An edge as points from the prerequisite's bottom to the stage's top. Between two points
    it crosses a gap between layers, or runs straight down through its own slot in a layer."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]


@dataclass
class Layout:
    width: float
    height: float
    boxes: dict[str, Box] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)


@dataclass(frozen=True)
class Sizes:
    node_width: float = 210
    node_height: float = 64
    slot_width: float = 16  # what an edge passing through a layer takes of it
    gap: float = 24  # between neighbours in a layer
    layer_gap: float = 48  # between layers: where edges cross over
    margin: float = 12


def layered_layout(
    order: Sequence[str], prerequisites: Mapping[str, Sequence[str]], sizes: Sizes = Sizes()
) -> Layout:
    """Boxes for the stages (`order`: the roadmap's order, which breaks ties) and edges from
    each prerequisite to its stage. Prerequisites must form no cycle (validation sees to it)."""
    layer = _layers(order, prerequisites)
    # Each edge becomes a chain of items, one per layer it touches: stage, slots..., stage.
    rows: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for stage in order:
        rows[layer[stage]].append(stage)
    chains: list[tuple[str, str, list[str]]] = []
    for stage in order:
        for prerequisite in prerequisites.get(stage, ()):
            chain = [prerequisite]
            for depth in range(layer[prerequisite] + 1, layer[stage]):
                slot = f"\0{prerequisite}\0{stage}\0{depth}"
                rows[depth].append(slot)
                chain.append(slot)
            chain.append(stage)
            chains.append((prerequisite, stage, chain))
    above: dict[str, list[str]] = {}
    below: dict[str, list[str]] = {}
    for _, _, chain in chains:
        for upper, lower in pairwise(chain):
            below.setdefault(upper, []).append(lower)
            above.setdefault(lower, []).append(upper)
    _order_layers(rows, above, below)

    def width_of(item: str) -> float:
        return sizes.slot_width if item.startswith("\0") else sizes.node_width

    row_widths = [
        sum(width_of(item) for item in row) + sizes.gap * max(len(row) - 1, 0) for row in rows
    ]
    width = 2 * sizes.margin + max(row_widths, default=0)
    layout = Layout(width, 2 * sizes.margin)
    centers: dict[str, float] = {}
    for depth, row in enumerate(rows):
        x = (width - row_widths[depth]) / 2
        y = sizes.margin + depth * (sizes.node_height + sizes.layer_gap)
        for item in row:
            if item.startswith("\0"):
                centers[item] = x + sizes.slot_width / 2
            else:
                layout.boxes[item] = Box(x, y, sizes.node_width, sizes.node_height)
            x += width_of(item) + sizes.gap
    if rows:
        layout.height = 2 * sizes.margin + len(rows) * sizes.node_height
        layout.height += (len(rows) - 1) * sizes.layer_gap
    for source, target, chain in chains:
        points = [layout.boxes[source].bottom_center]
        for slot in chain[1:-1]:
            top = sizes.margin + int(slot.rsplit("\0", 1)[1]) * (
                sizes.node_height + sizes.layer_gap
            )
            points += [(centers[slot], top), (centers[slot], top + sizes.node_height)]
        points.append(layout.boxes[target].top_center)
        layout.edges.append(Edge(source, target, tuple(points)))
    return layout


def _layers(order: Sequence[str], prerequisites: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """0 for a stage without prerequisites, else one more than its deepest prerequisite."""
    layer: dict[str, int] = {}
    for stage in _topological(order, prerequisites):
        layer[stage] = 1 + max((layer[p] for p in prerequisites.get(stage, ())), default=-1)
    return layer


def _topological(order: Sequence[str], prerequisites: Mapping[str, Sequence[str]]) -> list[str]:
    """Stages after their prerequisites, iteratively (no recursion limit on long paths)."""
    placed: set[str] = set()
    result: list[str] = []
    for start in order:
        stack = [(start, iter(prerequisites.get(start, ())))]
        while stack:
            stage, pending = stack[-1]
            if stage in placed:
                stack.pop()
                continue
            following = next((p for p in pending if p not in placed), None)
            if following is None:
                placed.add(stage)
                result.append(stage)
                stack.pop()
            else:
                stack.append((following, iter(prerequisites.get(following, ()))))
    return result


def _order_layers(
    rows: list[list[str]], above: Mapping[str, list[str]], below: Mapping[str, list[str]]
) -> None:
    """Barycenter sweeps: each item moves towards the mean position of its neighbours in the
    layer just swept, keeping the best order seen (fewest crossings)."""
    best = [list(row) for row in rows]
    best_crossings = _crossings(rows, below)
    for sweep in range(SWEEPS):
        downwards = sweep % 2 == 0
        indices = range(1, len(rows)) if downwards else range(len(rows) - 2, -1, -1)
        for index in indices:
            reference = rows[index - 1] if downwards else rows[index + 1]
            position = {item: number for number, item in enumerate(reference)}
            neighbours = above if downwards else below
            keys = {}
            for number, item in enumerate(rows[index]):
                linked = [position[n] for n in neighbours.get(item, ()) if n in position]
                keys[item] = (sum(linked) / len(linked) if linked else number, number)
            rows[index].sort(key=keys.__getitem__)
        crossings = _crossings(rows, below)
        if crossings < best_crossings:
            best, best_crossings = [list(row) for row in rows], crossings
    rows[:] = best


def _crossings(rows: list[list[str]], below: Mapping[str, list[str]]) -> int:
    total = 0
    for upper, lower in pairwise(rows):
        position = {item: number for number, item in enumerate(lower)}
        pairs = [
            (number, position[child])
            for number, item in enumerate(upper)
            for child in below.get(item, ())
            if child in position
        ]
        total += sum(
            1
            for index, (a1, b1) in enumerate(pairs)
            for a2, b2 in pairs[index + 1 :]
            if (a1 - a2) * (b1 - b2) < 0
        )
    return total
