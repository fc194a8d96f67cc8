"""The layout engine: text measure, layered flows, trees, and the geometry every writer trusts."""

from __future__ import annotations

import random
import time

import pytest

from prdkit.diagrams.graph import Edge, Graph, Node
from prdkit.diagrams.layout import layout
from prdkit.diagrams.measure import _units, columns, em, text_width, wrap
from prdkit.diagrams.placed import FONT, PAD_X, Box, Placed, clipped, size
from tests.fonts import PRINTABLE, installed, widest

# ---- geometry helpers -------------------------------------------------------------------


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """True when two (x, y, w, h) rectangles share more than an edge."""
    return (
        a[0] < b[0] + b[2] - 0.01
        and b[0] < a[0] + a[2] - 0.01
        and a[1] < b[1] + b[3] - 0.01
        and b[1] < a[1] + a[3] - 0.01
    )


def rect(box: Box) -> tuple[float, float, float, float]:
    return (box.x, box.y, box.width, box.height)


def on_border(point: tuple[float, float], box: Box) -> bool:
    """True when `point` is on the outline of `box` (its rectangle; a diamond's vertices)."""
    x, y = point
    inside_x = box.x - 0.02 <= x <= box.x + box.width + 0.02
    inside_y = box.y - 0.02 <= y <= box.y + box.height + 0.02
    on_x = min(abs(x - box.x), abs(x - box.x - box.width)) < 0.02
    on_y = min(abs(y - box.y), abs(y - box.y - box.height)) < 0.02
    if box.node.shape == "decision":  # lines meet a diamond at its top or bottom vertex
        return abs(x - box.center[0]) < 0.02 and on_y
    return (inside_x and on_y) or (inside_y and on_x)


def segments(placed: Placed) -> list[tuple[int, tuple[float, float, float, float]]]:
    out = []
    for n, route in enumerate(placed.routes):
        for (x1, y1), (x2, y2) in zip(route.points, route.points[1:], strict=False):
            out.append((n, (x1, y1, x2, y2)))
    return out


def crossings(placed: Placed) -> int:
    """Proper crossings of a horizontal and a vertical segment of two different edges."""
    segs = segments(placed)
    horizontal = [(n, s) for n, s in segs if s[1] == s[3]]
    vertical = [(n, s) for n, s in segs if s[0] == s[2]]
    count = 0
    for n, (hx1, hy, hx2, _) in horizontal:
        for m, (vx, vy1, _, vy2) in vertical:
            if n == m:
                continue
            if (
                min(hx1, hx2) + 0.01 < vx < max(hx1, hx2) - 0.01
                and min(vy1, vy2) + 0.01 < hy < max(vy1, vy2) - 0.01
            ):
                count += 1
    return count


def check_geometry(placed: Placed) -> None:
    """No two boxes overlap; every edge starts on its source and ends on its target; every
    segment is horizontal or vertical; no label covers a box; all within the picture."""
    boxes = {b.node.id: b for b in placed.boxes}
    for i, a in enumerate(placed.boxes):
        for b in placed.boxes[i + 1 :]:
            assert not overlaps(rect(a), rect(b)), (a.node.id, b.node.id)
        assert a.x >= 0 and a.y >= 0
        assert a.x + a.width <= placed.width + 0.01 and a.y + a.height <= placed.height + 0.01
    for route in placed.routes:
        assert len(route.points) >= 2
        assert on_border(route.points[0], boxes[route.edge.source]), route
        assert on_border(route.points[-1], boxes[route.edge.target]), route
        for (x1, y1), (x2, y2) in zip(route.points, route.points[1:], strict=False):
            assert x1 == x2 or y1 == y2, route
            for x, y in ((x1, y1), (x2, y2)):
                assert 0 <= x <= placed.width + 0.01 and 0 <= y <= placed.height + 0.01
        if route.label:
            area = (route.label.x, route.label.y, route.label.width, route.label.height)
            for box in placed.boxes:
                assert not overlaps(area, rect(box)), (route.label, box.node.id)


def flow(*edges: tuple[str, str] | tuple[str, str, str], decisions: str = "") -> Graph:
    ids: list[str] = []
    for e in edges:
        for end in e[:2]:
            if end not in ids:
                ids.append(end)
    nodes = tuple(
        Node(i, f"step {i}", "decision" if i in decisions.split() else "box") for i in ids
    )
    return Graph(nodes, tuple(Edge(*e) for e in edges))


# ---- measure -----------------------------------------------------------------------------


def test_cjk_characters_are_a_whole_em_and_two_columns():
    assert em("中") == 1.0 and em("，") == 1.0 and em("Ａ") == 1.0
    assert columns("中") == 2 and columns("a") == 1
    assert text_width("下单") == 2.0
    assert text_width("abc") < text_width("中文")  # three Latin letters fit where two hanzi do
    assert text_width("WWW") > text_width("iii")


def test_every_printable_ascii_is_measured_at_least_as_wide_as_the_fonts_draw_it():
    narrow = []
    for family, advance in installed().items():
        for char in PRINTABLE:
            real = advance(char)
            if real is not None and em(char) < real:
                narrow.append((family, char, em(char), round(real, 3)))
    assert narrow == []


def test_accented_letters_are_as_wide_as_their_base_letter():
    assert em("é") == em("e") and em("Ö") == em("O")


@pytest.mark.parametrize("text", ["库存>=0 && 价格<=原价", "#A+B ~ C^2 <= D && E >= F"])
def test_a_decision_holds_comparisons_at_the_width_the_fonts_draw_them(text):
    width, _, lines, _ = size(Node("d", text, "decision"))
    assert lines == (text,)
    # A diamond shows its text in the centred rectangle of half its width.
    assert (width - PAD_X) / 2 >= widest(text) * FONT


def test_wrap_breaks_between_cjk_characters_and_at_spaces_only():
    lines = wrap("用户在结算页选择使用积分抵扣，并确认支付金额", 8, em)
    assert all(text_width(line, em) <= 8 for line in lines)
    assert "".join(lines) == "用户在结算页选择使用积分抵扣，并确认支付金额"
    assert not any(line.startswith("，") for line in lines)  # a comma stays with its phrase
    words = wrap("Member chooses how many points to apply", 10, em)
    assert " ".join(words) == "Member chooses how many points to apply"
    assert len(words) > 1 and all(text_width(line, em) <= 10 for line in words)


def test_a_word_longer_than_the_line_keeps_its_own_line():
    assert wrap("x supercalifragilisticexpialidocious y", 6, em) == [
        "x",
        "supercalifragilisticexpialidocious",
        "y",
    ]


def test_box_width_follows_the_text():
    short = layout(Graph((Node("a", "下单"),), ())).boxes[0]
    long = layout(Graph((Node("a", "用户提交订单并完成支付"),), ())).boxes[0]
    latin = layout(Graph((Node("a", "Place order and pay"),), ())).boxes[0]
    assert long.width > short.width
    assert long.lines == ("用户提交订单并完成支付",)
    # eleven Chinese characters take about as much room as twenty Latin ones
    assert latin.width < long.width


# ---- layered layout ----------------------------------------------------------------------


BRANCHY = flow(
    ("start", "a"),
    ("a", "b"),
    ("b", "c", "yes"),
    ("b", "d", "no"),
    ("c", "e"),
    ("d", "a", "try again"),
    decisions="b",
)


def test_same_graph_same_coordinates():
    assert layout(BRANCHY) == layout(BRANCHY)
    again = Graph(tuple(BRANCHY.nodes), tuple(BRANCHY.edges))
    assert layout(again) == layout(BRANCHY)


def test_branch_successors_sit_on_the_next_layer_side_by_side():
    placed = layout(BRANCHY)
    check_geometry(placed)
    boxes = {b.node.id: b for b in placed.boxes}
    assert [boxes[i].layer for i in ("start", "a", "b", "c", "d", "e")] == [0, 1, 2, 3, 3, 4]
    assert boxes["c"].y == boxes["d"].y or abs(boxes["c"].center[1] - boxes["d"].center[1]) < 0.01
    assert boxes["c"].x + boxes["c"].width <= boxes["d"].x  # "yes" left of "no", as written
    assert boxes["b"].node.shape == "decision"


def test_a_loop_back_leaves_below_rises_beside_every_box_and_enters_from_above():
    placed = layout(BRANCHY)
    back = [r for r in placed.routes if r.back]
    assert [(r.edge.source, r.edge.target) for r in back] == [("d", "a")]
    route = back[0]
    rightmost = max(b.x + b.width for b in placed.boxes)
    lane = max(x for x, _ in route.points)
    assert lane > rightmost  # the rising part passes no box
    boxes = {b.node.id: b for b in placed.boxes}
    assert route.points[-1] == (boxes["a"].center[0], boxes["a"].y)  # into a's top
    assert route.label is not None and route.label.x > lane  # "try again" beside the lane
    assert route.arrow


def test_labels_sit_beside_the_line_they_name_and_clear_of_boxes():
    placed = layout(BRANCHY)
    check_geometry(placed)
    boxes = {b.node.id: b for b in placed.boxes}
    for route in placed.routes:
        if route.label and not route.back:
            target = boxes[route.edge.target]
            assert route.label.y + route.label.height <= target.y
            assert route.label.x > route.points[-1][0]  # right of the incoming line
            assert route.label.x - route.points[-1][0] < 6


def test_long_edges_are_routed_around_the_layers_they_cross():
    graph = flow(("a", "b"), ("b", "c"), ("c", "d"), ("a", "d", "skip"))
    placed = layout(graph)
    check_geometry(placed)
    skip = next(r for r in placed.routes if r.edge.label == "skip")
    boxes = {b.node.id: b for b in placed.boxes}
    xs = {x for x, _ in skip.points[1:-1]}
    for middle in ("b", "c"):  # the skip line passes beside b and c, not through them
        box = boxes[middle]
        assert all(not box.x <= x <= box.x + box.width for x in xs)


KNOWN = {
    # graph, best possible crossings, the bound the engine must meet
    "tree-shaped": (flow(("a", "b"), ("a", "c"), ("b", "d"), ("b", "e"), ("c", "f")), 0),
    "diamond": (flow(("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")), 0),
    # written so that reading order alone would cross: c's child is listed before b's
    "swapped": (flow(("a", "b"), ("a", "c"), ("c", "x"), ("b", "y"), ("x", "z"), ("y", "z")), 0),
    "k23": (flow(("r", "a"), ("r", "b"), ("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")), 1),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_crossings_on_known_graphs_stay_within_bound(name):
    graph, bound = KNOWN[name]
    placed = layout(graph)
    check_geometry(placed)
    assert crossings(placed) <= bound


def test_branches_of_a_decision_cross_no_line_in_a_review_flow():
    # approve → next; reject → back to edit; a retry loop: the shape of most review flows
    graph = flow(
        ("submit", "check"),
        ("check", "review", "ok"),
        ("check", "fix", "invalid"),
        ("fix", "submit", "resubmit"),
        ("review", "publish", "approve"),
        ("review", "submit", "reject"),
        decisions="check review",
    )
    placed = layout(graph)
    check_geometry(placed)
    assert crossings(placed) == 0


def random_graph(seed: int, size: int, extra: int) -> Graph:
    rng = random.Random(seed)
    nodes = tuple(Node(f"n{i}", f"第{i}步 处理 step {i}") for i in range(size))
    edges = [Edge(f"n{i}", f"n{i + 1}") for i in range(size - 1)]
    for _ in range(extra):
        a, b = rng.randrange(size), rng.randrange(size)
        edges.append(Edge(f"n{a}", f"n{b}", rng.choice(["", "是", "retry"])))
    return Graph(nodes, tuple(edges))


@pytest.mark.parametrize("seed", range(12))
def test_random_graphs_keep_every_promise(seed):
    graph = random_graph(seed, 4 + seed * 2, seed + 2)
    placed = layout(graph)
    check_geometry(placed)
    assert {b.node.id for b in placed.boxes} == {n.id for n in graph.nodes}
    assert len(placed.routes) == len(graph.edges)
    assert layout(graph) == placed


def test_a_200_step_flow_with_50_loops_takes_under_a_second_of_cpu():
    rng = random.Random(7)
    nodes = tuple(Node(f"s{i}", f"第 {i} 步：核对订单与库存") for i in range(200))
    edges = [Edge(f"s{i}", f"s{i + 1}") for i in range(199)]
    for _ in range(50):
        a = rng.randrange(5, 200)
        edges.append(Edge(f"s{a}", f"s{rng.randrange(0, a)}", "重试"))
    graph = Graph(nodes, tuple(edges))
    began = time.process_time()
    placed = layout(graph)
    spent = time.process_time() - began
    assert spent < 1.0, spent
    assert sum(r.back for r in placed.routes) == 50
    check_geometry(placed)


def test_a_structure_of_4000_features_under_one_root_takes_under_a_second_of_cpu():
    # Whether the root lists its children was asked again for each of them (2.2 s here).
    nodes = (Node("root", "产品"), *(Node(f"f{i}", f"功能 {i}") for i in range(4000)))
    edges = tuple(Edge("root", f"f{i}") for i in range(4000))
    began = time.process_time()
    placed = layout(Graph(nodes, edges, kind="tree"), max_width=300)
    spent = time.process_time() - began
    assert spent < 1.0, spent
    assert len(placed.boxes) == 4001 and len(placed.routes) == 4000


def test_self_loop_duplicate_ids_and_dangling_edges():
    graph = Graph(
        (Node("a", "A"), Node("b", "B"), Node("a", "again")),
        (Edge("a", "b"), Edge("b", "b", "poll"), Edge("b", "ghost"), Edge("ghost", "a")),
    )
    placed = layout(graph)
    assert [b.node.text for b in placed.boxes] == ["A", "B"]  # the first of an id wins
    assert [(r.edge.source, r.edge.target, r.back) for r in placed.routes] == [
        ("a", "b", False),
        ("b", "b", True),
    ]
    check_geometry(placed)


def test_an_empty_graph_is_an_empty_picture():
    placed = layout(Graph((), ()))
    assert placed.boxes == () and placed.routes == () and placed.width == 0


def test_disconnected_parts_sit_side_by_side_without_overlap():
    graph = flow(("a", "b"), ("c", "d"), ("e", "f"))
    placed = layout(graph)
    check_geometry(placed)
    assert len({b.layer for b in placed.boxes}) == 2


# ---- trees -------------------------------------------------------------------------------


def product_tree(surfaces: int, features: int) -> Graph:
    nodes = [Node("p", "限时秒杀频道")]
    edges = []
    for s in range(surfaces):
        nodes.append(Node(f"s{s}", f"界面 {s}"))
        edges.append(Edge("p", f"s{s}"))
        for f in range(features):
            nodes.append(Node(f"f{s}.{f}", f"功能 {s}.{f} 商品报名与审核"))
            edges.append(Edge(f"s{s}", f"f{s}.{f}"))
    return Graph(tuple(nodes), tuple(edges), kind="tree")


def test_tree_lists_features_under_their_surface():
    placed = layout(product_tree(4, 5))
    check_geometry(placed)
    boxes = {b.node.id: b for b in placed.boxes}
    assert boxes["p"].layer == 0 and boxes["s0"].layer == 1 and boxes["f0.0"].layer == 2
    # surfaces in a row, in order, under the product; the product centred over them
    row = [boxes[f"s{s}"] for s in range(4)]
    assert [b.y for b in row] == [row[0].y] * 4
    assert [b.x for b in row] == sorted(b.x for b in row)
    middle = (row[0].center[0] + row[-1].center[0]) / 2
    assert abs(boxes["p"].center[0] - middle) < 0.01
    # features listed downwards under their surface, indented, in order
    column = [boxes[f"f1.{f}"] for f in range(5)]
    assert [b.x for b in column] == [column[0].x] * 5
    assert column[0].x > row[1].x and column[0].y > row[1].y + row[1].height
    assert [b.y for b in column] == sorted(b.y for b in column)
    # twenty features take the width of four surfaces, not of twenty boxes
    assert placed.width < 4 * max(b.width for b in column) + 130
    assert all(not r.arrow for r in placed.routes)


def test_tree_with_a_root_of_few_leaves_sets_them_in_a_row():
    graph = Graph(
        (Node("p", "P"), Node("a", "A"), Node("b", "B")),
        (Edge("p", "a"), Edge("p", "b")),
        kind="tree",
    )
    placed = layout(graph)
    boxes = {b.node.id: b for b in placed.boxes}
    assert boxes["a"].y == boxes["b"].y and boxes["a"].x < boxes["b"].x
    check_geometry(placed)


def test_a_tree_that_is_not_a_tree_falls_back_to_layers():
    graph = Graph(
        (Node("p", "P"), Node("a", "A"), Node("b", "B")),
        (Edge("p", "a"), Edge("p", "b"), Edge("a", "b")),  # b has two parents
        kind="tree",
    )
    placed = layout(graph)
    check_geometry(placed)
    assert {b.node.id: b.layer for b in placed.boxes} == {"p": 0, "a": 1, "b": 2}


def test_wrap_breaks_after_a_phrase_rather_than_inside_one():
    assert wrap("商家选择场次与 SKU，填写秒杀价和提报库存并提交", 28) == [
        "商家选择场次与 SKU，",
        "填写秒杀价和提报库存并提交",
    ]
    assert wrap("运营主管审核秒杀价、降幅与补贴来源", 13, em) == [
        "运营主管审核秒杀价、",
        "降幅与补贴来源",
    ]
    # no phrase boundary in reach: break between characters rather than overflow
    lines = wrap("系统生效新价格恢复售卖并写入审计日志", 8, em)
    assert len(lines) == 3 and all(text_width(line, em) <= 8 for line in lines)


def test_ascii_text_is_cut_into_the_units_the_general_path_makes():
    # ASCII text takes a shortcut (each word a unit); a wide character after it does not.
    for text in ("a  b,c (d) e.", "x", "", " lead and trail ", "a-b\tc\x1cd"):
        assert _units(text) == _units(text + " 中")[:-1], text


def test_wrapped_lines_may_be_changed_by_the_caller():
    # The lines of a text are remembered: a caller changing its list changes no other's.
    first = wrap("Member chooses how many points to apply", 10)
    first.append("x")
    assert wrap("Member chooses how many points to apply", 10) == first[:-1]
    assert wrap("", 10) == [] and wrap("   ", 10, em) == []


def test_a_tree_too_wide_for_the_page_becomes_an_indented_outline():
    graph = product_tree(6, 3)
    wide = layout(graph)
    outline = layout(graph, max_width=300)
    assert wide.width > 300 >= outline.width
    check_geometry(outline)
    boxes = {b.node.id: b for b in outline.boxes}
    order = [b.node.id for b in sorted(outline.boxes, key=lambda b: b.y)]
    assert order == [n.id for n in graph.nodes]  # reading order, top to bottom
    assert boxes["s0"].x > boxes["p"].x and boxes["f0.0"].x > boxes["s0"].x
    assert layout(graph, max_width=10_000) == wide


def test_a_long_text_shows_its_start_and_an_ellipsis():
    text = "用户在结算页选择使用积分抵扣并确认支付金额，" * 2000  # 44,000 characters
    began = time.process_time()
    placed = layout(Graph((Node("a", text), Node("b", "下一步")), (Edge("a", "b", text),)))
    assert time.process_time() - began < 1.0
    box = placed.boxes[0]
    assert len(box.lines) == 6 and box.lines[-1].endswith("…")
    assert "".join(box.lines)[:-1] in text.replace(" ", "")
    assert box.height < 120  # a phrase, not a wall of text: the table holds the rest
    label = placed.routes[0].label
    assert label is not None and len(label.lines) == 4 and label.lines[-1].endswith("…")
    check_geometry(placed)
    short = layout(Graph((Node("a", "下单"),), ())).boxes[0]
    assert short.lines == ("下单",)


@pytest.mark.parametrize("kind", ["flow", "tree"])
def test_one_word_longer_than_every_line_is_cut_with_an_ellipsis(kind):
    word = "A" * 3000  # no space to break at: the wrapped start is a single line
    nodes = (Node("a", word, note=word), Node("b", "next"))
    edges = (Edge("a", "b", word),)
    placed = layout(Graph(nodes, edges, kind=kind) if kind == "tree" else Graph(nodes, edges))
    box = next(b for b in placed.boxes if b.node.id == "a")
    assert len(box.lines) == 1 and box.lines[0].endswith("…")
    assert box.lines[0][:-1] == "A" * (len(box.lines[0]) - 1)
    assert box.width < 400  # the word is cut to the box, not the box stretched to the word
    check_geometry(placed)


def test_text_of_blanks_past_the_cut_off_is_an_ellipsis_alone():
    assert clipped(" " * 3000, 10, 6) == ("…",)
