"""The path diagram's layout: on any roadmap's prerequisites (random DAGs of up to 40 stages),
no edge runs behind a stage's box, every edge points down to the stage that needs it, and no
two boxes overlap."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from learnpath.roadmap.validate import load_roadmap
from learnpath.site.diagram import SIZES, path_diagram
from learnpath.site.layout import Box, Layout, layered_layout
from sitebuild import REPO

SAMPLES = 40  # points checked along each curve between two layers


@st.composite
def prerequisite_graphs(draw: st.DrawFn) -> tuple[list[str], dict[str, list[str]]]:
    """Stages in roadmap order, each needing some of the stages before it (so, no cycle)."""
    count = draw(st.integers(min_value=1, max_value=40))
    order = [f"s{index}" for index in range(count)]
    prerequisites = {
        stage: draw(st.lists(st.sampled_from(order[:index]), unique=True, max_size=4))
        if index
        else []
        for index, stage in enumerate(order)
    }
    return order, prerequisites


def inside(box: Box, x: float, y: float) -> bool:
    """Strictly inside: touching a border (where an edge starts or ends) is fine."""
    return box.x + 0.5 < x < box.x + box.width - 0.5 and box.y + 0.5 < y < box.y + box.height - 0.5


def edge_points(points: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    """Points along the drawn edge: the diagram draws a cubic curve between layers whose
    control points sit half-way down, and a straight line through a slot."""
    sampled = []
    for (x1, y1), (x2, y2) in pairwise(points):
        middle = (y1 + y2) / 2
        for step in range(SAMPLES + 1):
            t = step / SAMPLES
            u = 1 - t
            x = u**3 * x1 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x2
            y = u**3 * y1 + 3 * u * u * t * middle + 3 * u * t * t * middle + t**3 * y2
            sampled.append((x, y))
    return sampled


def check(layout: Layout, prerequisites: dict[str, list[str]]) -> None:
    boxes = list(layout.boxes.items())
    for index, (name, box) in enumerate(boxes):
        for other_name, other in boxes[index + 1 :]:
            apart = (
                box.x + box.width <= other.x
                or other.x + other.width <= box.x
                or box.y + box.height <= other.y
                or other.y + other.height <= box.y
            )
            assert apart, (name, other_name)
    assert len(layout.edges) == sum(len(needs) for needs in prerequisites.values())
    for edge in layout.edges:
        assert layout.boxes[edge.source].y < layout.boxes[edge.target].y, edge
        assert all(y1 <= y2 for (_, y1), (_, y2) in pairwise(edge.points))
        for x, y in edge_points(edge.points):
            for name, box in boxes:
                assert not inside(box, x, y), (edge.source, edge.target, name)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(prerequisite_graphs())
def test_no_edge_runs_behind_a_stage_on_any_graph(
    graph: tuple[list[str], dict[str, list[str]]],
) -> None:
    order, prerequisites = graph
    check(layered_layout(order, prerequisites, SIZES), prerequisites)


def test_the_shipped_path_is_drawn_with_arrows_and_a_legend() -> None:
    roadmap = load_roadmap(REPO / "roadmap")
    prerequisites = {stage.id: list(stage.prerequisites) for stage in roadmap.stages}
    check(layered_layout([s.id for s in roadmap.stages], prerequisites, SIZES), prerequisites)
    svg = path_diagram(roadmap, lambda path: path)
    edges = sum(len(needs) for needs in prerequisites.values())
    assert svg.count('marker-end="url(#lp-arrow)"') == edges + 1  # and the legend's arrow
    assert "leads to" in svg


def test_an_edge_that_skips_a_layer_goes_around_the_stage_between() -> None:
    """The old diagram drew a -> c straight through b's box."""
    layout = layered_layout(["a", "b", "c"], {"b": ["a"], "c": ["a", "b"]}, SIZES)
    skipping = next(edge for edge in layout.edges if (edge.source, edge.target) == ("a", "c"))
    assert len(skipping.points) == 4  # down into its own slot beside b, through it, and on
    b = layout.boxes["b"]
    assert not b.x <= skipping.points[1][0] <= b.x + b.width
