"""Shapes of a list that lost papers or links without a word (issue 20): nested lines of links
under a paper, tables with two columns of one name, bullets nested deeper than the parser
goes, and paper links inside HTML blocks."""

from __future__ import annotations

import pytest

from litcat.intake.lists.entry import Listed, NotAPaper, papers_in
from litcat.intake.lists.structure import parse_markdown


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
