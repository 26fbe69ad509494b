"""Reading Markdown paper lists: the styles lists use, merges, and every bullet accounted for."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litcat.intake.lists.entry import Listed, NotAPaper, papers_in
from litcat.intake.lists.links import arxiv_year, classify
from litcat.intake.lists.read import ListReading, read_list
from litcat.intake.lists.structure import parse_markdown
from litcat.intake.lists.taxonomy import heading_label, list_taxonomy, node_id

from .conftest import TESTS

LISTS = TESTS / "lists"
REVIEW = LISTS / "review-list.md"


def one(markdown: str) -> Listed | NotAPaper:
    items = parse_markdown(markdown).items
    assert len(items) == 1
    found = papers_in(items[0])
    assert len(found) == 1, found
    return found[0]


def paper(markdown: str) -> Listed:
    found = one(markdown)
    assert isinstance(found, Listed), found
    return found


def roles(listed: Listed) -> list[tuple[str, str | None]]:
    return [(link.role, link.ident) for link in listed.links]


def test_a_title_link() -> None:
    found = paper("- [Diffusion Policy](https://arxiv.org/abs/2303.04137v4)\n")
    assert found.title == "Diffusion Policy"
    assert roles(found) == [("arxiv", "2303.04137")]
    assert found.first_year() == 2023


def test_the_review_s_style_text_then_a_labelled_link() -> None:
    found = paper("- DrEureka: Sim-To-Real [[paper]](https://eureka-research.github.io/dr-eureka/)")
    assert found.title == "DrEureka: Sim-To-Real"
    # Labelled "paper", but a github.io page is a project page.
    assert roles(found) == [("project", None)]
    assert found.short_name is None


def test_bold_name_quoted_title_venue_and_labelled_links() -> None:
    found = paper(
        '- **DPPO**: "Diffusion Policy Policy Optimization", *CoRL, November 2024*. '
        "[[Paper](https://arxiv.org/pdf/2409.00588)] [[Code](https://github.com/irom/dppo)]"
    )
    assert (found.short_name, found.title) == ("DPPO", "Diffusion Policy Policy Optimization")
    assert (found.venue, found.venue_year) == ("CoRL", 2024)
    assert roles(found) == [("arxiv", "2409.00588"), ("code", None)]


def test_a_quoted_word_inside_a_title_is_not_the_title() -> None:
    found = paper(
        '- Learning from "In-The-Wild" Videos [[paper]](https://arxiv.org/abs/2103.16817)'
    )
    assert found.title == 'Learning from "In-The-Wild" Videos'


def test_nested_author_and_keyword_lines() -> None:
    found = paper(
        "- Solar Loggers on Small Passerines\n"
        "  - Authors: Ada Case, Bo Lindqvist and Cy Moreau\n"
        "  - Keywords: loggers\n"
        "  - [arXiv](https://arxiv.org/abs/2203.04567) [Video](https://youtu.be/abc)\n"
    )
    assert found.title == "Solar Loggers on Small Passerines"
    assert found.authors == ["Ada Case", "Bo Lindqvist", "Cy Moreau"]
    assert roles(found) == [("arxiv", "2203.04567"), ("video", None)]


def test_authors_on_the_next_line_and_et_al() -> None:
    found = paper(
        "- Light-Level Geolocation of Swifts (2019)\n"
        "  *Carla Mendes, Tom Ruiz et al.*\n"
        "  [paper](https://doi.org/10.5555/Swift.2019.4)\n"
    )
    assert (found.title, found.year) == ("Light-Level Geolocation of Swifts", 2019)
    assert found.authors == ["Carla Mendes", "Tom Ruiz"]
    assert found.authors_incomplete
    assert roles(found) == [("doi", "10.5555/swift.2019.4")]


def test_a_table_with_title_venue_and_code_columns() -> None:
    table = (
        "| Paper | Conference | Code |\n|---|---|---|\n"
        "| [Radar Counts](https://openreview.net/pdf?id=AbC-12) | ICLR 2024 "
        "| [link](https://x.org/r) |\n"
    )
    found = paper(table)
    assert (found.title, found.venue, found.first_year()) == ("Radar Counts", "ICLR 2024", 2024)
    assert [(link.role, link.url) for link in found.links] == [
        ("openreview", "https://openreview.net/forum?id=AbC-12"),
        ("code", "https://x.org/r"),
    ]


def test_columns_are_known_by_the_words_of_their_names() -> None:
    """Heads as lists write them (Diffusion-Model-Leiden/awesome-diffusion-models-for-tabular-
    data: "Abbr. | Title | Venue & Year"; hoonerg/Awesome-Diffusion-Models-for-Weather-
    Forecasting: "(***Model Name***) - Paper Title | ... | Date (&darr;)"); a column of the
    first author's organization is no list of authors."""
    tabular = (
        "|  Abbr.  |   Title  |   Venue & Year |   Code   |\n|:--|:--:|:--:|:--:|\n"
        "SOS | [**Sos: Score-based oversampling**](https://arxiv.org/abs/2206.08555) | KDD 2022 "
        "| [code](https://github.com/a/sos) |\n"
    )
    found = paper(tabular)
    assert (found.title, found.short_name, found.venue, found.first_year()) == (
        "Sos: Score-based oversampling",
        "SOS",
        "KDD 2022",
        2022,
    )
    weather = (
        "| (***Model Name***) - Paper Title | Topic | Publication | Date (&darr;) | Links |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| ***GDE*** - Precipitation nowcasting with diffusion | Nowcasting | - | 2023.08 "
        "| [[paper]](https://arxiv.org/pdf/2308.06733.pdf) |\n"
    )
    found = paper(weather)
    assert (found.title, found.short_name, found.venue, found.first_year()) == (
        "Precipitation nowcasting with diffusion",
        "GDE",
        None,
        2023,
    )
    # juntaic7/Awesome-Single-Cell-Foundation-Models: the "Paper" column links the paper
    # by where it is read ("[Nature](...)"); the model's name is the title.
    models = (
        "| Model | Date | Paper | Code |\n| --- | --- | --- | --- |\n"
        "| Universal Cell Embeddings (UCE) | 2026-07-08 | [Nature](https://www.nature.com/"
        "articles/s41586-026-10689-z), [bioRxiv](https://www.biorxiv.org/content/10.1101/"
        "2023.11.28.568918v1) | [GitHub](https://github.com/snap-stanford/UCE) |\n"
    )
    found = paper(models)
    assert (found.title, found.short_name, found.first_year()) == (
        "Universal Cell Embeddings",
        "UCE",
        2026,
    )
    # A journal's name for the link: the model names the paper, and the link is its page.
    journal = (
        "| Model | Date | Paper | Code |\n| --- | --- | --- | --- |\n"
        "| scGPT | 2024-02-26 | [Nature Methods](https://www.nature.com/articles/s41592-024-"
        "02201-0) | [GitHub](https://github.com/bowang-lab/scGPT) |\n"
    )
    found = paper(journal)
    assert found.title == "scGPT"
    assert [link.role for link in found.links] == ["paper", "code"]
    datasets = (
        "| Dataset | Year | Venue | Organization (first author) |\n|---|---|---|---|\n"
        "| [Breakfast](https://arxiv.org/abs/1401.00001) | 2014 | CVPR | Fraunhofer FKIE |\n"
    )
    found = paper(datasets)
    assert (found.title, found.authors, found.venue) == ("Breakfast", [], "CVPR")


def test_a_method_column_linking_the_paper_beside_its_title_is_the_short_name() -> None:
    """OpenHelix-Team/Awesome-VLA-RL: "Method | Title | Venue | Date", the method's name
    linking the paper; a "Method" cell in plain words says what kind of method it is
    (YuanaHao/Awesome-Diffusion-RL: "Reward Model, GRPO") and names nothing."""
    head = "| Method | Title | Venue | Date |\n| --- | --- | --- | --- |\n"
    linked = head + (
        "| [MoRE](https://arxiv.org/abs/2503.08007) | MoRE: Scaling RL for Quadruped VLAs "
        "| ICRA2025 | 11/3/2025 |\n"
    )
    found = paper(linked)
    assert (found.title, found.short_name, found.venue) == (
        "MoRE: Scaling RL for Quadruped VLAs",
        "MoRE",
        "ICRA2025",
    )
    assert [(link.role, link.ident) for link in found.links] == [("arxiv", "2503.08007")]
    kinds = head + (
        "| Reward Model, GRPO | [VideoScore2: Think before You Score](https://arxiv.org/abs/"
        "2509.22799) | NeurIPS | 2025 |\n"
    )
    found = paper(kinds)
    assert (found.title, found.short_name) == ("VideoScore2: Think before You Score", None)


@pytest.mark.parametrize(
    ("written", "year"),
    [
        ("Github", None),  # OpenHelix-Team/Awesome-VLA-RL
        ("*Blog, Feb 2023*", 2023),  # GT-RIPL/Awesome-LLM-Robotics
        ("OpenReview 2024", 2024),  # Diffusion-Model-Leiden: a submission under review
        ("BioRXiv 2022", 2022),  # diff-usion/Awesome-Diffusion-Models
        ("medRxiv, 2021", 2021),
    ],
)
def test_where_a_paper_is_put_up_is_no_venue(written: str, year: int | None) -> None:
    table = f"| Title | Venue |\n| --- | --- |\n| [Counting Cells](https://x.org/p) | {written} |\n"
    assert (paper(table).venue, paper(table).first_year()) == (None, year)
    if year is not None:
        found = paper(
            f"- [Counting Cells](https://www.biorxiv.org/content/10.1101/2022.07.08.499262v1), "
            f"Ann Lee, Bo Chen, {written}"
        )
        assert (found.title, found.authors, found.venue, found.first_year()) == (
            "Counting Cells",
            ["Ann Lee", "Bo Chen"],
            None,
            year,
        )


@pytest.mark.parametrize(
    ("url", "role", "ident"),
    [
        ("https://doi.org/10.48550/arXiv.2402.08546", "arxiv", "2402.08546"),
        ("https://arxiv.org/html/2501.08259v1", "arxiv", "2501.08259"),
        ("https://link.springer.com/chapter/10.1007/978-981-96-0783-9_1", "paper", None),
        ("https://policyagnosticrl.github.io/#:~:text=We%20introduce", "project", None),
        ("https://ieeexplore.ieee.org/abstract/document/10611121", "paper", None),
        ("https://gitlab.com/a/b", "code", None),
    ],
)
def test_links_by_host_then_label(url: str, role: str, ident: str | None) -> None:
    link = classify("paper", url)
    assert link is not None
    assert link.role == role
    if ident is not None:
        assert link.ident == ident
    assert "#:~:" not in link.url


def test_a_report_is_the_paper() -> None:
    """Jiaaqiliu/Awesome-VLA-Robotics: a company's paper is its report."""
    found = paper(
        "- [2025] **Gemini Robotics On-Device** "
        "[[report](https://deepmind.google/discover/blog/gemini-robotics-on-device/)]"
    )
    assert (found.title, found.first_year()) == ("Gemini Robotics On-Device", 2025)
    assert [link.role for link in found.links] == ["paper"]


def test_a_publisher_page_gives_the_doi_and_stays_the_paper_link() -> None:
    found = paper("- Reward Shaping [[paper]](https://link.springer.com/chapter/10.1007/978-1_1)")
    assert found.dois() == ["10.1007/978-1_1"]


def test_links_litcat_refuses_are_left_out_and_said() -> None:
    found = paper(
        "- A Title [[paper]](https://arxiv.org/abs/2303.04137) [[code]](https://user@evil.example/x)"
    )
    assert roles(found) == [("arxiv", "2303.04137")]
    assert "left out" in found.notes[0]


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("- [Contents](#contents)", "no link to a paper"),
        ("- A Tool [[code]](https://github.com/a/b)", "no link to a paper (only code)"),
        # A page's own navigation, pointing anywhere.
        ("- [Home](https://example.org)", "a link of the page's navigation (Home), no paper"),
        ("- [Back to top](https://example.org/#top)", "a link of the page's navigation"),
        ("- [**License**](https://example.org/LICENSE)", "a link of the page's navigation"),
        (
            "- [Two](https://arxiv.org/abs/2111.00001) and [more](https://arxiv.org/abs/2112.00002)",
            "its links name two papers (arXiv ids 2111.00001, 2112.00002)",
        ),
        (
            "- X [a](https://doi.org/10.1000/a) [b](https://doi.org/10.1000/b)",
            "its links name two papers (DOIs 10.1000/a, 10.1000/b)",
        ),
    ],
)
def test_bullets_that_name_no_paper_or_two(markdown: str, message: str) -> None:
    found = one(markdown)
    assert isinstance(found, NotAPaper)
    assert found.message.startswith(message)


def test_a_paper_titled_like_navigation_is_still_read_when_the_list_cites_it() -> None:
    for cited in (
        "[Home](https://example.org/home.pdf), Smith et al., 2023",
        "[Home](https://arxiv.org/abs/2303.04137)",
    ):
        found = one(f"- {cited}")
        assert isinstance(found, Listed) and found.title == "Home", cited


@pytest.mark.parametrize(
    "line",
    [
        "Read also https://openreview.net/forum?id=abc123",
        "see also https://example.org/other.pdf",
        "Follow-up: https://openreview.net/forum?id=def456",
        "cf. https://arxiv.org/abs/2101.00001",
    ],
)
def test_a_line_sending_the_reader_elsewhere_gives_the_paper_no_link(line: str) -> None:
    found = paper(f"- [Diffusion Policy](https://arxiv.org/abs/2303.04137)\n  {line}")
    assert roles(found) == [("arxiv", "2303.04137")]
    assert found.notes == [f"{line!r} points to other papers; its links left out"]


def test_a_bullet_heading_bullets_below_it() -> None:
    items = parse_markdown("- **Surveys**\n  - [A](https://arxiv.org/abs/2101.00001)\n").items
    found = papers_in(items[0])
    assert isinstance(found[0], NotAPaper)
    assert "heads the 1 bullets below it" in found[0].message
    assert isinstance(found[1], Listed) and found[1].title == "A"


def test_arxiv_years() -> None:
    assert [arxiv_year(a) for a in ("0704.0001", "2303.04137", "cs/9901001", "hep-th/0101001")] == [
        2007,
        2023,
        1999,
        2001,
    ]


def test_heading_labels_and_ids() -> None:
    assert heading_label("1.Large Language Models") == "Large Language Models"
    assert heading_label("2018 Papers") == "2018 Papers"
    assert node_id("Planning & Exploration") == "planning-exploration"
    assert node_id("Ünïcode ✨") == "unicode"


def reading(name: str) -> ListReading:
    path = LISTS / name
    return read_list(path.read_text(encoding="utf-8"), path.as_posix())


def test_every_bullet_of_the_review_s_list_is_one_paper_s() -> None:
    """tests/lists/review-entries.json is the seed catalog's reading of the review's list: 156
    entries, ten of which merge two bullets."""
    found = reading("review-list.md")
    assert found.entries == 166
    assert (len(found.papers), len(found.merged), len(found.not_papers)) == (156, 10, 0)
    entries: list[dict[str, Any]] = json.loads((LISTS / "review-entries.json").read_text())
    by_url: dict[str, set[int]] = {}
    for n, paper in enumerate(found.papers):
        for item in paper.listed:
            for link in item.links:
                by_url.setdefault(link.url, set()).add(n)
    owners = []
    for entry in entries:
        urls = [u.split("#:~:")[0].replace("pdf?id=", "forum?id=") for u in entry["urls"]]
        owner = set().union(*(by_url.get(u, set()) for u in urls))
        assert len(owner) == 1, (entry["n"], urls, owner)
        owners.append(owner.pop())
        paper = found.papers[owners[-1]]
        assert len(paper.listed) == len(entry["sections"]), entry["n"]
    assert sorted(owners) == list(range(156))


def test_the_same_paper_under_two_headings_is_one_paper_with_both() -> None:
    found = reading("review-list.md")
    idql = next(p for p in found.papers if p.ident("arxiv") == "2304.10573")
    assert [found.headings[h].text for h in idql.headings()] == [
        "3.Diffusion models",
        "2.Diffusion Policy",
    ]


SHARED_PAGE = """\
# Lab papers

## Grasping

- [Robot Learning One](https://lab.github.io/), Ann Lee, CoRL 2022

## Walking

- **Robot Learning Two**, Bo Chen, ICRA 2023. [[project](https://lab.github.io/)]
- **Robot Learning One: With a Subtitle**, Ann Lee. [[project](https://lab.github.io)]
- **Robot Learning Oneshot**, Cy Dunn. [[project](https://lab.github.io)]
- [Sensing Terrain](https://www.cs.uni.edu/~lee/), Ann Lee, RSS 2021
- [Sensing Slopes](https://www.cs.uni.edu/~lee), Ann Lee, RSS 2022
"""


def test_a_page_shared_by_papers_of_other_titles_merges_none_of_them() -> None:
    """A lab's site, a project page or an author's home page serving several papers is no sign
    of one paper: bullets that share only a page are one paper when their titles agree (the
    same words, or one the other's opening), two papers otherwise. Merged, the second paper
    was lost."""
    found = read_list(SHARED_PAGE, "lab.md")
    titles = [[item.title for item in paper.listed] for paper in found.papers]
    assert titles == [
        ["Robot Learning One", "Robot Learning One: With a Subtitle"],
        ["Robot Learning Two"],
        ["Robot Learning Oneshot"],
        ["Sensing Terrain"],
        ["Sensing Slopes"],
    ]
    assert [(m.line, m.into, m.by) for m in found.merged] == [(10, 5, "link")]


def test_the_review_s_headings_become_two_dimensions() -> None:
    sections = list_taxonomy(reading("review-list.md"), "review-list.md")
    dims = sections.data["dimensions"]
    assert [d["id"] for d in dims] == ["generative-tools-for-rl", "rl-for-generative-policies"]
    assert [n["id"] for n in dims[0]["nodes"]] == ["base-model", "task"]
    assert [n["id"] for n in dims[1]["nodes"]] == [
        "rl-pre-training",
        "generative-policy-rl-fine-tuning",
        "policy-distillation",
    ]
    # "Research Trends", "Abstract", "Modality" and "Citation" hold no paper.
    labels = json.dumps(sections.data)
    assert "Modality" not in labels and "Citation" not in labels


def test_an_invented_list_in_other_styles(tmp_path: Path) -> None:
    found = reading("birds.md")
    assert found.title == "Awesome Bird Migration"
    assert (len(found.papers), len(found.merged), len(found.not_papers)) == (6, 1, 1)
    assert [n.line for n in found.not_papers] == [35]
    # The table of contents is a section of other things than papers.
    assert [(a.line, a.text, a.bullets) for a in found.asides] == [(7, "Contents", 2)]
    assert found.entries == 8


MARKDOWN_BITS = st.sampled_from(
    [
        "- ",
        "  - ",
        "# ",
        "### ",
        "| a | b |\n|---|---|\n| ",
        "[x](https://arxiv.org/abs/2101.00001)",
        "[[paper]](https://doi.org/10.1000/x)",
        "[c](https://github.com/a/b)",
        "[bad](javascript:alert(1))",
        "**N**: ",
        '"T"',
        "*V, 2020*",
        "Authors: A B, C D",
        "\n",
        "\n\n",
        " ",
        "text",
        "<br>",
        "`code`",
        "![i](https://x.org/i.png)",
        "\\",
    ]
)


@given(st.lists(MARKDOWN_BITS, max_size=40).map("".join))
def test_any_markdown_reads_without_raising_and_adds_up(text: str) -> None:
    found = read_list(text, "x.md")
    listed = sum(len(p.listed) for p in found.papers)
    assert found.entries == listed + len(found.not_papers)
    assert len(found.merged) == listed - len(found.papers)
    for paper in found.papers:
        assert paper.first.title
