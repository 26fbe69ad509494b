"""Shapes of a list that lost papers or links without a word (issue 20): nested lines of links
under a paper, tables with two columns of one name, bullets nested deeper than the parser
goes, and paper links inside HTML blocks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litcat.intake.lists.entry import Listed, NotAPaper, papers_in
from litcat.intake.lists.read import read_list
from litcat.intake.lists.structure import parse_markdown

from .conftest import Cli, finished


def found_in(markdown: str) -> list[Listed | NotAPaper]:
    return [found for item in parse_markdown(markdown).items for found in papers_in(item)]


def links_of(found: Listed | NotAPaper) -> list[tuple[str, str]]:
    assert isinstance(found, Listed), found
    return [(link.role, link.url) for link in found.links]


@pytest.mark.parametrize(
    "nested",
    [
        "  - Code: [real-stanford/diffusion_policy](https://github.com/rs/dp)\n"
        "  - Project: [Diffusion Policy site](https://dp.example.org/)\n"
        "  - Video: [Talk at RSS](https://www.youtube.com/watch?v=abc)\n",
        "  - **Code**: [dp](https://github.com/rs/dp)\n"
        "  - *Project page*: [Diffusion Policy](https://dp.example.org/)\n"
        "  - 🎬 Video: [RSS talk](https://www.youtube.com/watch?v=abc)\n",
        "  * Code: https://github.com/rs/dp\n"
        "  * Website: [Diffusion Policy](https://dp.example.org/)\n"
        "  * Demo: [RSS talk](https://www.youtube.com/watch?v=abc)\n",
    ],
)
def test_nested_lines_of_links_are_the_links_of_the_paper_above(nested: str) -> None:
    found = found_in("- [Diffusion Policy](https://arxiv.org/abs/2303.04137)\n" + nested)
    assert len(found) == 1, found
    assert links_of(found[0]) == [
        ("arxiv", "https://arxiv.org/abs/2303.04137"),
        ("code", "https://github.com/rs/dp"),
        ("project", "https://dp.example.org/"),
        ("video", "https://www.youtube.com/watch?v=abc"),
    ]


def test_a_title_bullet_with_nested_paper_and_code_lines_is_one_paper() -> None:
    found = found_in(
        "- Diffusion Policy\n"
        "  - Paper: [arXiv](https://arxiv.org/abs/2303.04137)\n"
        "  - Code: [GitHub](https://github.com/rs/dp)\n"
    )
    assert len(found) == 1 and isinstance(found[0], Listed), found
    assert found[0].title == "Diffusion Policy"
    assert [link.role for link in found[0].links] == ["arxiv", "code"]


def test_two_columns_of_one_name_both_give_their_links() -> None:
    found = found_in(
        "| Paper | Code | Code |\n|---|---|---|\n"
        "| [Radar Counts](https://arxiv.org/abs/2305.11111) | [a/b](https://github.com/a/b) "
        "| [impl](https://example.org/impl) |\n"
    )
    assert len(found) == 1
    assert links_of(found[0]) == [
        ("arxiv", "https://arxiv.org/abs/2305.11111"),
        ("code", "https://github.com/a/b"),
        ("code", "https://example.org/impl"),
    ]


def test_of_two_paper_columns_the_one_with_the_title_gives_it() -> None:
    found = found_in(
        "| Paper | Paper | Code |\n|---|---|---|\n"
        "| [PDF](https://arxiv.org/abs/2305.11111) | Radar Counts "
        "| [a/b](https://github.com/a/b) |\n"
    )
    assert len(found) == 1 and isinstance(found[0], Listed), found
    assert found[0].title == "Radar Counts"
    assert [link.role for link in found[0].links] == ["arxiv", "code"]


def deep_list(depth: int) -> str:
    bullets = "".join(
        "  " * d + f"- [Paper {d}](https://arxiv.org/abs/2301.{d:05d})\n" for d in range(depth)
    )
    return f"# Deep\n\n{bullets}- [After](https://arxiv.org/abs/2302.00001)\n"


def test_bullets_nested_past_the_parser_s_limit_are_each_reported(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "deep.md"
    source.write_text(deep_list(14), encoding="utf-8")
    reading = read_list(source.read_text(encoding="utf-8"), "deep.md")
    read = {paper.first.title for paper in reading.papers}
    # Every bullet is read or reported, with its line: none vanishes.
    reported = set(reading.too_deep)
    assert all(f"Paper {d}" in read or d + 3 in reported for d in range(14))
    assert "After" in read or 17 in reported
    assert reported, "the parser's limit is no longer reached; deepen the list"
    code, output = finished(cli(catalog_dir, "import-markdown", str(source), "--dry-run"))
    assert code == 0, output
    name = source.as_posix()
    for line in reported:
        assert (
            f"{name}:{line}: warning: not read: the Markdown reader stops at bullets nested "
            in (output)
        )


def test_bullets_nested_within_the_limit_are_read() -> None:
    reading = read_list(deep_list(6), "deep.md")
    assert len(reading.papers) == 7 and reading.too_deep == []


def test_the_parser_made_once_starts_each_list_afresh() -> None:
    deep = read_list(deep_list(14), "deep.md").too_deep
    assert deep
    # The next list, on this thread's parser, reports nothing of the last one's depth.
    flat = "# Flat\n\n" + "".join(
        f"- [P{n}](https://arxiv.org/abs/2301.{n:05d})\n" for n in range(30)
    )
    assert read_list(flat, "flat.md").too_deep == []
    assert read_list(deep_list(14), "deep.md").too_deep == deep
    # Another thread has a parser of its own.
    found: list[list[int]] = []
    thread = threading.Thread(target=lambda: found.append(read_list(deep_list(14), "d").too_deep))
    thread.start()
    thread.join()
    assert found == [deep]


HTML = """\
# Papers in HTML

## Policies

<table>
<tr><th>Paper</th><th>Venue</th><th>Code</th></tr>
<tr><td><a href="https://arxiv.org/abs/2303.04137">Diffusion Policy</a><br>Cheng Chi, Siyuan Feng
</td><td>RSS 2023</td><td><a href="https://github.com/rs/dp">code</a></td></tr>
<tr><td>Octo: An Open-Source Generalist Robot Policy</td><td>RSS 2024</td>
<td><a href="https://arxiv.org/pdf/2405.12213"><img src="arxiv.svg" alt="arXiv"></a></td></tr>
</table>

<p align="center"><a href="https://awesome.re"><img src="badge.svg" alt="Awesome"></a></p>

<ul>
<li><a href="https://openreview.net/forum?id=abc">A Paper on &lt;OpenReview&gt;</a></li>
<li><a href="https://doi.org/10.5555/x.1"><img src="doi.svg" alt="DOI"></a></li>
</ul>
"""


def test_paper_links_in_html_blocks_are_read_or_reported() -> None:
    reading = read_list(HTML, "html.md")
    papers = {paper.first.title: paper.first for paper in reading.papers}
    assert set(papers) == {
        "Diffusion Policy",
        "Octo: An Open-Source Generalist Robot Policy",
        "A Paper on <OpenReview>",
    }
    policy = papers["Diffusion Policy"]
    assert (policy.line, policy.venue, policy.authors) == (
        7,
        "RSS 2023",
        ["Cheng Chi", "Siyuan Feng"],
    )
    assert [link.role for link in policy.links] == ["arxiv", "code"]
    assert papers["Octo: An Open-Source Generalist Robot Policy"].line == 9
    assert (
        reading.headings[papers["Octo: An Open-Source Generalist Robot Policy"].heading or 0].text
        == "Policies"
    )
    # The badge links no paper: not an entry. The DOI link named by an image has no title:
    # reported with its line, not dropped.
    assert [(n.line, n.message) for n in reading.not_papers] == [(17, "no title")]


HTML_BITS = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<th>Paper</th>",
        "<td>",
        "</td>",
        "<ul><li>",
        "</li>",
        "<p>",
        "</p>",
        "<div>",
        '<a href="https://arxiv.org/abs/2101.00001">',
        '<a href="javascript:alert(1)">',
        '<a href="https://doi.org/10.1000/x">',
        "<a>",
        "</a>",
        '<img alt="arXiv">',
        "<b>T</b>",
        "<br>",
        "&amp;",
        "&#0;",
        "<script>",
        "Title",
        "\n",
        "\n\n",
        "  - ",
        "- ",
    ]
)


@given(st.lists(HTML_BITS, max_size=40).map("".join))
def test_any_html_reads_without_raising_and_adds_up(text: str) -> None:
    found = read_list(text, "x.md")
    listed = sum(len(p.listed) for p in found.papers)
    assert found.entries == listed + len(found.not_papers)
    for paper in found.papers:
        assert paper.first.title and "<" not in paper.first.title


def test_nested_paper_lines_that_name_their_papers_stay_papers() -> None:
    found = found_in(
        "- Diffusion models\n"
        "  - Paper: [Diffusion Policy](https://arxiv.org/abs/2303.04137)\n"
        "  - Paper: [Consistency Policy](https://arxiv.org/abs/2405.07503)\n"
    )
    titles = [f.title for f in found if isinstance(f, Listed)]
    assert titles == ["Diffusion Policy", "Consistency Policy"], found


def test_html_links_inside_markdown_bullets_are_links() -> None:
    found = found_in(
        '- <a href="https://arxiv.org/abs/2303.04137">Diffusion Policy</a>, RSS 2023 '
        "<a href='https://github.com/rs/dp'>code</a>\n"
        "- <b>Octo</b>: <a href=https://arxiv.org/abs/2405.12213>An Open-Source Policy</a>\n"
    )
    assert len(found) == 2
    first, second = found
    assert isinstance(first, Listed) and isinstance(second, Listed), found
    assert (first.title, first.venue) == ("Diffusion Policy", "RSS 2023")
    assert links_of(first) == [
        ("arxiv", "https://arxiv.org/abs/2303.04137"),
        ("code", "https://github.com/rs/dp"),
    ]
    assert (second.title, second.short_name) == ("An Open-Source Policy", "Octo")
