"""The common ways awesome-lists write a paper entry, read as the list means them: a bold
title followed by its venue, authors up to "et al." and a venue after a linked title, a year
in emphasis, a bold title too long to be a short name, a nickname in parentheses, a
year in parentheses after a linked title, authors then a venue in brackets, a plain title
then authors up to "et al." or a venue, a reference as a bibliography writes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from litcat.core.loader import load_catalog
from litcat.intake.lists.entry import _without_labels
from litcat.intake.lists.links import is_generic
from litcat.intake.lists.read import read_list
from litcat.intake.lists.text import EDGES

from .conftest import REPO, Cli

# (entry, title, short name, authors, authors incomplete, venue, year)
STYLES = [
    (
        "- [Neural Sparse Voxel Fields](https://lingjie0206.github.io/papers/NSVF/), Liu et al., "
        "NeurIPS 2020 | [github](https://github.com/facebookresearch/NSVF) | [bibtex](./x.bib)",
        "Neural Sparse Voxel Fields",
        None,
        ["Liu"],
        True,
        "NeurIPS 2020",
        2020,
    ),
    (
        "- [DeRF: Decomposed Radiance Fields](https://arxiv.org/abs/2011.12490), Rebain et al. "
        "Arxiv 2020 | [bibtex](./x.bib)",
        "DeRF: Decomposed Radiance Fields",
        None,
        ["Rebain"],
        True,
        None,
        2020,
    ),
    (
        "- [Neural Transmittance](https://example.org/x.html), Mohammad Shafiei et al., BMVC 2021",
        "Neural Transmittance",
        None,
        ["Mohammad Shafiei"],
        True,
        "BMVC 2021",
        2021,
    ),
    (
        "1. **Graph U-Nets.** ICML 2019. [paper](https://arxiv.org/pdf/1905.05178.pdf)\n\n"
        "    *Hongyang Gao, Shuiwang Ji.*",
        "Graph U-Nets",
        None,
        ["Hongyang Gao", "Shuiwang Ji"],
        False,
        "ICML 2019",
        2019,
    ),
    (
        "- **Planning with Diffusion for Flexible Behavior Synthesis** *arXiv, Mar 2022* "
        "[paper](https://arxiv.org/abs/2205.09991)",
        "Planning with Diffusion for Flexible Behavior Synthesis",
        None,
        [],
        False,
        None,
        2022,
    ),
    (
        "- **A Very Long Bold Title That Is The Whole Title Of This Paper Here Indeed**: "
        "[arXiv](https://arxiv.org/abs/2303.04137)",
        "A Very Long Bold Title That Is The Whole Title Of This Paper Here Indeed",
        None,
        [],
        False,
        None,
        None,
    ),
    (
        "- **Bold Title**: [arXiv](https://arxiv.org/abs/2303.04138)",
        "Bold Title",
        None,
        [],
        False,
        None,
        None,
    ),
    (
        "- [Diffusion Policy Policy Optimization (DPPO)](https://arxiv.org/abs/2409.00588) *2024*",
        "Diffusion Policy Policy Optimization",
        "DPPO",
        [],
        False,
        None,
        2024,
    ),
    (
        # A year in parentheses is the year, not a name the paper goes by.
        "- [Attention Is All You Need (2017)](https://arxiv.org/abs/1706.03762)",
        "Attention Is All You Need",
        None,
        [],
        False,
        None,
        2017,
    ),
    (
        "- [Denoising Survey (Oral)](https://arxiv.org/abs/2409.00590)",
        "Denoising Survey (Oral)",
        None,
        [],
        False,
        None,
        None,
    ),
    # The venue in brackets after the authors ends them (its name was read as "Bo Chen (CoRL").
    (
        "- [Agile Skills](https://arxiv.org/abs/2101.00004) - Ann Lee, Bo Chen (CoRL 2021)",
        "Agile Skills",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "CoRL 2021",
        2021,
    ),
    (
        "- [Skills at Scale](https://arxiv.org/abs/2101.00012), Ann Lee and Bo Chen [NeurIPS'22]",
        "Skills at Scale",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "NeurIPS",
        2022,
    ),
    # A quoted title, its authors and venue, then links in double brackets: the brackets left
    # when the link is taken out ("... CoRL 2021. []") hid the venue and the authors.
    (
        '- "Agile Skills", Ann Lee, Bo Chen, CoRL 2021. [[paper](https://arxiv.org/abs/2101.00007)]',
        "Agile Skills",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "CoRL 2021",
        2021,
    ),
    # A reference as a bibliography writes it: authors, the title in quotes, where and when.
    (
        '1. Ann Lee, Bo Chen. "Agile Skills." CoRL 2021. [pdf](https://arxiv.org/abs/2101.00005)',
        "Agile Skills",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "CoRL 2021",
        2021,
    ),
    (
        "- A. Lee and B. Chen, \u201cAgile Skills,\u201d in CoRL, 2021. "
        "[[pdf](https://arxiv.org/abs/2101.00009)]",
        "Agile Skills",
        None,
        ["A. Lee", "B. Chen"],
        False,
        "CoRL",
        2021,
    ),
    (
        '- Lee et al. "Agile Skills." arXiv 2023. [paper](https://arxiv.org/abs/2101.00006)',
        "Agile Skills",
        None,
        ["Lee"],
        True,
        None,
        2023,
    ),
    # A venue and its year in parentheses before a linked title (it was read as the title).
    (
        "- (CoRL 2021) [Agile Skills](https://arxiv.org/abs/2101.00008)",
        "Agile Skills",
        None,
        [],
        False,
        "CoRL 2021",
        2021,
    ),
    # Quotes inside a plain title are not a reference's.
    (
        '- Learning the "Right" Skills Fast [pdf](https://arxiv.org/abs/2101.00012)',
        'Learning the "Right" Skills Fast',
        None,
        [],
        False,
        None,
        None,
    ),
    # "by" the authors, then where and when (the year made the names unreadable).
    (
        "- [Agile Skills](https://arxiv.org/abs/2101.00014) by Ann Lee and Bo Chen, CoRL 2021",
        "Agile Skills",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "CoRL 2021",
        2021,
    ),
    # A year before a "|" opens the line (it was read as the title).
    (
        "- 2021 | [Agile Skills](https://arxiv.org/abs/2101.00005) | CoRL",
        "Agile Skills",
        None,
        [],
        False,
        None,
        2021,
    ),
    # A venue that one word names and its year end a plain title after its last comma; words
    # that name no venue stay in the title.
    (
        "- Agile Skills, ICRA'22 [[paper](https://arxiv.org/abs/2101.00011)]",
        "Agile Skills",
        None,
        [],
        False,
        "ICRA",
        2022,
    ),
    (
        "- Robots, Summer School 2021 [[paper](https://arxiv.org/abs/2101.00013)]",
        "Robots, Summer School 2021",
        None,
        [],
        False,
        None,
        None,
    ),
    # A venue in emphasis ends a plain title (it was read as the venue and kept in the title).
    (
        "- Agile Skills *CoRL 2021* [paper](https://arxiv.org/abs/2101.00004)",
        "Agile Skills",
        None,
        [],
        False,
        "CoRL 2021",
        2021,
    ),
    # One author, then a venue, after a plain title (the venue was read, the name kept).
    (
        "- Agile Skills. Cy Dunn, CoRL 2021. [[project page](https://lab.github.io/x)]",
        "Agile Skills",
        None,
        ["Cy Dunn"],
        False,
        "CoRL 2021",
        2021,
    ),
    # A title in emphasis with a year in it is no venue.
    (
        "- *Agile Skills 2021 Edition* [paper](https://arxiv.org/abs/2101.00011)",
        "Agile Skills 2021 Edition",
        None,
        [],
        False,
        None,
        None,
    ),
    # A plain title ends where the names up to "et al." begin (commas in it or not).
    (
        "- Learning Agile Skills, Lee et al., ICRA 2021 [[pdf](https://arxiv.org/abs/2101.00003)]",
        "Learning Agile Skills",
        None,
        ["Lee"],
        True,
        "ICRA 2021",
        2021,
    ),
    (
        "- Learning, Planning, and Acting, Ann Lee et al. [[pdf](https://arxiv.org/abs/2101.00013)]",
        "Learning, Planning, and Acting",
        None,
        ["Ann Lee"],
        True,
        None,
        None,
    ),
    # "In" before a venue is not the venue's, in emphasis or not.
    (
        "- [Grasping in Clutter](https://arxiv.org/abs/2103.00001). In *CoRL*, 2021.",
        "Grasping in Clutter",
        None,
        [],
        False,
        "CoRL",
        2021,
    ),
    (
        "- [Pouring Water](https://arxiv.org/abs/2103.00002). In Proceedings of CoRL, 2021.",
        "Pouring Water",
        None,
        [],
        False,
        "Proceedings of CoRL",
        2021,
    ),
    # A venue in emphasis, its year after it.
    (
        "- [Folding Cloth](https://arxiv.org/abs/2103.00003), Ann Lee, Bo Chen, *CoRL*, 2021",
        "Folding Cloth",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "CoRL",
        2021,
    ),
    (
        "- **Opening Doors**, *Conference on Robot Learning*, 2021. "
        "[paper](https://arxiv.org/abs/2103.00004)",
        "Opening Doors",
        None,
        [],
        False,
        "Conference on Robot Learning",
        2021,
    ),
    # Names in emphasis before the venue.
    (
        "- [Stacking Blocks](https://arxiv.org/abs/2103.00005), *Ann Lee, Bo Chen*, CoRL 2021",
        "Stacking Blocks",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "CoRL 2021",
        2021,
    ),
    # How the paper was presented, in brackets after the venue.
    (
        "- [Wiping Tables](https://arxiv.org/abs/2103.00006), Ann Lee, Bo Chen, CoRL 2021 (oral)",
        "Wiping Tables",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "CoRL 2021",
        2021,
    ),
    (
        "- [Sorting Parcels](https://arxiv.org/abs/2103.00007), Lee et al., NeurIPS 2023 "
        "(**Spotlight**)",
        "Sorting Parcels",
        None,
        ["Lee"],
        True,
        "NeurIPS 2023",
        2023,
    ),
    # ... or in words after the venue's year (awesome-NeRF: "Li et al., CoRL 2021 Oral").
    (
        "- [Folding Towels](https://arxiv.org/abs/2103.00014), Li et al., CoRL 2021 Oral | "
        "[bibtex](./x.bib)",
        "Folding Towels",
        None,
        ["Li"],
        True,
        "CoRL 2021",
        2021,
    ),
    (
        "- [Closing Drawers](https://arxiv.org/abs/2103.00015), Ann Lee, Bo Chen, ICRA 2022, "
        "Best Paper Award",
        "Closing Drawers",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "ICRA 2022",
        2022,
    ),
    # A journal's volume and number after the year (awesome-NeRF), or before it as references
    # give them; a publisher's letters before a venue's name and its year apart.
    (
        "- [Mapping Rooms](https://arxiv.org/abs/2103.00016), Adamkiewicz et al., RA-L 2022 "
        "Vol.7 No.2 | [bibtex](./x.bib)",
        "Mapping Rooms",
        None,
        ["Adamkiewicz"],
        True,
        "RA-L 2022",
        2022,
    ),
    (
        "- [Carrying Trays](https://arxiv.org/abs/2103.00017), Ann Lee, Bo Chen, IEEE RA-L, "
        "vol. 7, no. 2, pp. 100-108, 2022",
        "Carrying Trays",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "IEEE RA-L",
        2022,
    ),
    # A workshop or a track after the venue's year (thunlp/GNNPapers: "ICML 2018 Workshop.").
    (
        "1. **Stirring Soup.** ICML 2018 Workshop. [paper](https://arxiv.org/abs/1805.00018)",
        "Stirring Soup",
        None,
        [],
        False,
        "ICML 2018 Workshop",
        2018,
    ),
    (
        "- [Counting Cells](https://arxiv.org/abs/2103.00019), Ann Lee, Bo Chen, NeurIPS 2021 "
        "Datasets and Benchmarks Track",
        "Counting Cells",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "NeurIPS 2021 Datasets and Benchmarks Track",
        2021,
    ),
    # A link in brackets before the title is a tag: the venue or a preprint's date, or what
    # the link is (IRMVLab/awesome-robot-learning-from-human-videos); unlinked labels after
    # the title stand for links the paper does not have.
    (
        "- 🤖 [[CoRL](https://arxiv.org/abs/2509.00001)] Wringing Cloths: Learning from Human "
        "Videos [[Code](https://github.com/a/wring)] [[Page](https://a.github.io/wring/)] "
        "[`Visual embeddings`]",
        "Wringing Cloths: Learning from Human Videos",
        None,
        [],
        False,
        "CoRL",
        None,
    ),
    (
        "- [[ICASSP](https://ieeexplore.ieee.org/document/10000001)] Sorting Socks [Code] "
        "[[Page]] [`Task structures`]",
        "Sorting Socks",
        None,
        [],
        False,
        "ICASSP",
        None,
    ),
    (
        "- 🌟 [[arXiv 2025.12](https://arxiv.org/abs/2512.00002)] Ironing Shirts [Code] [Page]",
        "Ironing Shirts",
        None,
        [],
        False,
        None,
        2025,
    ),
    (
        "- [[Paper](https://arxiv.org/abs/2401.00003)] Washing Dishes [[Code](https://github.com/a/w)]",
        "Washing Dishes",
        None,
        [],
        False,
        None,
        None,
    ),
    # The name a paper goes by, before its linked title (showlab/Awesome-Robotics-Diffusion:
    # "AVDC: [Title](...)"; Shuijing725/awesome-robot-social-navigation: "(DWA) [Title](...)").
    (
        "+ AVDC: [Learning to Sweep from Videos](https://arxiv.org/abs/2310.00020) (ICLR 2024)",
        "Learning to Sweep from Videos",
        "AVDC",
        [],
        False,
        "ICLR 2024",
        2024,
    ),
    (
        "- (DWA) [The Dynamic Mopping Approach](https://example.org/dwa.pdf), Robotics and "
        "Automation Magazine 1997.",
        "The Dynamic Mopping Approach",
        "DWA",
        [],
        False,
        "Robotics and Automation Magazine 1997",
        1997,
    ),
    # Words before the link that are no name stay the title, as before.
    (
        "- Overview: [A Survey of Mops](https://arxiv.org/abs/2001.00021)",
        "Overview",
        None,
        [],
        False,
        None,
        None,
    ),
    # Nested lines (opendilab/awesome-diffusion-model-in-rl, opendilab/awesome-RLHF): the
    # publisher's line gives the venue without how the paper was presented, and a line of the
    # task it serves names no venue for a year it mentions.
    (
        "- [Planning Picnics](https://arxiv.org/abs/2205.00022)\n"
        "  - Ann Lee, Bo Chen\n"
        "  - Publisher:  ICML 2022 (long talk)\n"
        "  - Task: Collected from Flan 2021, P3 and more",
        "Planning Picnics",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "ICML 2022",
        2022,
    ),
    (
        "- [Packing Lunches](https://arxiv.org/abs/2205.00023)\n"
        "  - Cy Dunn\n"
        "  - Task: Collected from Flan 2021, P3 and more",
        "Packing Lunches",
        None,
        ["Cy Dunn"],
        False,
        None,
        None,
    ),
    # GT-RIPL/Awesome-LLM-Robotics: a journal's or conference's name before the date is no
    # author ("*Nature Machine Intelligence, Mar 2025*", "Humanoids, Nov. 2024."), and how the
    # paper was presented, before the year, is no part of the venue ("*ICCV Highlight, 2025*").
    (
        '* **ELLMER**: "Robots Completing Long Tasks", *Nature Machine Intelligence, Mar 2025*. '
        "[[Paper](https://www.nature.com/articles/s42256-025-01005-x)]",
        "Robots Completing Long Tasks",
        "ELLMER",
        [],
        False,
        "Nature Machine Intelligence",
        2025,
    ),
    (
        '* **LABOR Agent**: "Orchestrating Bimanual Robots", Humanoids, Nov. 2024. '
        "[[Paper](https://arxiv.org/abs/2404.02018)]",
        "Orchestrating Bimanual Robots",
        "LABOR Agent",
        [],
        False,
        "Humanoids",
        2024,
    ),
    (
        '* **UnrealZoo**: "Enriching Virtual Worlds", *ICCV Highlight, 2025*. '
        "[[Paper](https://arxiv.org/abs/2412.20977)]",
        "Enriching Virtual Worlds",
        "UnrealZoo",
        [],
        False,
        "ICCV",
        2025,
    ),
    # A venue and its year in brackets at a title's end, plain or linked.
    (
        "- Sweeping Floors (CoRL 2021) [paper](https://arxiv.org/abs/2103.00008)",
        "Sweeping Floors",
        None,
        [],
        False,
        "CoRL 2021",
        2021,
    ),
    (
        "- [Tying Knots (ICRA'22)](https://arxiv.org/abs/2103.00009), Ann Lee, Bo Chen",
        "Tying Knots",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        "ICRA",
        2022,
    ),
    # What brackets took off a linked title's end: the link still names the title, and the
    # names and venue after it are read.
    (
        "- [Robot Learning from Play (RLfP)](https://arxiv.org/abs/2103.00010), Ann Lee, Bo Chen, "
        "CoRL 2021",
        "Robot Learning from Play",
        "RLfP",
        ["Ann Lee", "Bo Chen"],
        False,
        "CoRL 2021",
        2021,
    ),
    (
        "- [Peeling Fruit (2021)](https://arxiv.org/abs/2103.00011), Ann Lee, Bo Chen",
        "Peeling Fruit",
        None,
        ["Ann Lee", "Bo Chen"],
        False,
        None,
        2021,
    ),
    # A plural abbreviation of the title's last words is the title's (XiaoxinHe/Awesome-Graph-
    # LLM); a method's name is singular ("Contrastive Predictive Coding (CPC)").
    (
        "- [Graph Learning in the Era of Large Language Models (LLMs)](https://arxiv.org/abs/"
        "2404.14928)",
        "Graph Learning in the Era of Large Language Models (LLMs)",
        None,
        [],
        False,
        None,
        None,
    ),
    (
        "- [Learning with Contrastive Predictive Coding (CPC)](https://arxiv.org/abs/1807.03748)",
        "Learning with Contrastive Predictive Coding",
        "CPC",
        [],
        False,
        None,
        None,
    ),
    # A preprint server in brackets names no venue but dates the paper.
    (
        "- [Lifting Boxes (arXiv 2021)](https://arxiv.org/abs/2103.00013)",
        "Lifting Boxes",
        None,
        [],
        False,
        None,
        2021,
    ),
    # A word with a year in brackets that names no venue stays in the title.
    (
        "- [Walking Robots (Walking 2021)](https://arxiv.org/abs/2103.00012)",
        "Walking Robots (Walking 2021)",
        None,
        [],
        False,
        None,
        None,
    ),
]


@pytest.mark.parametrize("case", STYLES, ids=[s[1][:30] for s in STYLES])
def test_each_style_reads_as_the_list_means_it(case: tuple[object, ...]) -> None:
    entry, title, short, authors, incomplete, venue, year = case
    reading = read_list(f"# List\n\n## Topic\n\n{entry}\n", "list.md")
    assert len(reading.papers) == 1, reading.not_papers
    found = reading.papers[0].first
    assert (found.title, found.short_name, found.authors, found.authors_incomplete) == (
        title,
        short,
        authors,
        incomplete,
    )
    assert (found.venue, found.year) == (venue, year)


LISTS = REPO.parent / "shared" / "corpora" / "lists"
GLUED = re.compile(r"[.,]?\s*(?:[A-Z][A-Za-z]+\s+)+(?:19|20)\d\d\.?$")


@pytest.mark.parametrize("name", ["thunlp__GNNPapers.md", "awesome-NeRF__awesome-NeRF.md"])
def test_real_lists_keep_venues_out_of_titles(cli: Cli, tmp_path: Path, name: str) -> None:
    source = LISTS / name
    if not source.is_file():
        pytest.skip(f"the shared lists corpus is not at {LISTS}")
    root = tmp_path / "c"
    assert cli(None, "init", str(root), "--from-markdown", str(source)).exit_code == 0
    papers = list(load_catalog(root).papers.values())
    assert len(papers) > 100
    glued = [p.title for p in papers if GLUED.search(p.title)]
    assert not glued, glued[:5]
    with_year_or_venue = [p for p in papers if p.venue or p.year]
    assert len(with_year_or_venue) >= 0.95 * len(papers)
    named = [p for p in papers if p.authors]
    assert len(named) >= 0.9 * len(papers)
    assert cli(root, "validate", "--strict").exit_code == 0


def test_headings_that_name_a_venue_and_year_date_their_bullets() -> None:
    text = (
        "# L\n\n## ICML 2022\n\n- [A Paper](https://example.org/a.pdf)\n"
        "- [B Paper](https://example.org/b.pdf), CVPR 2021\n\n"
        "## 2021\n\n### Robots\n\n- [C Paper](https://example.org/c.pdf)\n\n"
        "## Papers accepted in 2023\n\n- [D Paper](https://example.org/d.pdf)\n"
        "## ICRA 2024\n\n- [[CoRL](https://example.org/e.pdf)] E Paper\n\n"
        "## 2025\n\n- [[CoRL](https://example.org/f.pdf)] F Paper\n"
        "## Year 2023\n\n- [G Paper](https://example.org/g.pdf)\n"
    )
    found = {p.first.title: (p.first.venue, p.first.year) for p in read_list(text, "x").papers}
    assert found == {
        "A Paper": ("ICML 2022", 2022),
        "B Paper": ("CVPR 2021", 2021),  # the bullet's own venue wins
        "C Paper": (None, 2021),  # a year heading two levels up
        "D Paper": (None, None),  # a topic that ends with a year is not a venue
        "E Paper": ("CoRL", None),  # another venue's year is not the bullet's
        "F Paper": ("CoRL", 2025),  # a year alone dates a venue without its year
        "G Paper": (None, 2023),  # "Year 2023" (ChandlerBang/awesome-self-supervised-gnn)
    }


@pytest.mark.slow
def test_a_bullet_with_thousands_of_links_is_read_in_linear_time() -> None:
    """Checked by the work, not the clock: 16,000 arXiv links make one report line that
    names three of them, and the ids are gathered once."""
    links = "".join(f" [l{i}](https://arxiv.org/abs/2303.{i:05d})" for i in range(16000))
    reading = read_list(f"# L\n\n- [Title](https://arxiv.org/abs/2303.99999){links}\n", "x")
    assert not reading.papers and len(reading.not_papers) == 1
    message = reading.not_papers[0].message
    assert message.startswith("its links name 16001 papers (arXiv ids 2303.99999, 2303.00000")
    assert len(message) < 200


# The unlinked labels after a title, as the rule reads them one at a time from the end: the
# expression of a bracketed label that ends the text, searched again after each cut (the
# reader's own loop reads each character once; this one took 21 s on 8,000 labels).
_LABEL_AT_END = re.compile(r"\s*\[{1,2}([^\[\]]{1,30})\]{1,2}\s*$")


def plain_without_labels(text: str) -> str:
    text = text.strip(EDGES)
    found = _LABEL_AT_END.search(text)
    while found and is_generic(found.group(1)) and text[: found.start()].strip(EDGES):
        text = text[: found.start()].strip(EDGES)
        found = _LABEL_AT_END.search(text)
    return text


LABEL_BITS = st.sampled_from(
    ["Title", "t", "Code", "Page", "Survey", "[", "]", "[[", "]]", "(", *" \t\n\xa0,.;|-"]
)


@settings(max_examples=300)
@given(st.lists(st.lists(LABEL_BITS, max_size=12).map("".join), min_size=1, max_size=8))
# Found by hypothesis: labels parted by punctuation, which the rule trims as it trims the end,
# and a line break before a label, which the rule's expression takes with it.
@example(["Title[(][[[(]"])
@example(["Title [Code], [Page]", "Title [Code]. [Page]", "Title\n[Code]", "\n[(]"])
def test_labels_after_a_title_are_taken_off_as_the_plain_rule_takes_them(texts: list[str]) -> None:
    for text in texts:
        assert _without_labels(text) == plain_without_labels(text), text


PARAGRAPHS = """\
# Paper List

Some words of introduction, with a [link](https://example.org/about) in them.

## Robots

**Diffusion Policy: Visuomotor Policy Learning via Action Diffusion**\\
Cheng Chi, Siyuan Feng, Yilun Du\\
[2023-03] [RSS, 2023]\\
[[Paper](https://arxiv.org/abs/2303.04137)] [[GitHub](https://github.com/real-stanford/dp)]

**Another Paper Title**\\
Ann Lee\\
[2024-01] [arXiv, 2024]\\
[[Paper](https://arxiv.org/abs/2401.00001)]

- [Bullet Paper](https://arxiv.org/abs/2402.00001), Liu et al., ICML 2024
"""


def test_a_list_of_paragraphs_is_read_entry_by_entry(cli: Cli, tmp_path: Path) -> None:
    """Entries that are paragraphs (a bold title, then lines of authors, dates and links,
    each ended by a backslash) are papers like bullets; prose paragraphs are not reported."""
    reading = read_list(PARAGRAPHS, "p.md")
    assert not reading.not_papers
    found = [(p.first.title, p.first.authors, p.first.venue, p.first.year) for p in reading.papers]
    assert found == [
        (
            "Diffusion Policy: Visuomotor Policy Learning via Action Diffusion",
            ["Cheng Chi", "Siyuan Feng", "Yilun Du"],
            "RSS",
            2023,
        ),
        ("Another Paper Title", ["Ann Lee"], None, 2024),
        ("Bullet Paper", ["Liu"], "ICML 2024", 2024),
    ]
    source = tmp_path / "p.md"
    source.write_text(PARAGRAPHS, encoding="utf-8")
    root = tmp_path / "c"
    code = cli(None, "init", str(root), "--from-markdown", str(source)).exit_code
    assert code == 0
    papers = load_catalog(root).papers
    assert len(papers) == 3
    dp = next(p for p in papers.values() if p.arxiv == "2303.04137")
    assert dp.links.code == "https://github.com/real-stanford/dp" and dp.venue_year == 2023


# diff-usion/Awesome-Diffusion-Models writes each paper as a paragraph: the title in bold,
# the authors in emphasis, the venue and the links, then the day it appeared (the medical
# imaging list, the day and the venue in brackets);
# smiles724/Awesome-Diffusion-Models-for-Science puts all but the title in a block quote.
DATED_PARAGRAPHS = """\
# Diffusion

## Papers

**Sweeping Floors with Diffusion** \\
*Ann Lee, Bo Chen* \\
NeurIPS 2023. [[Paper](https://arxiv.org/abs/2310.13545)] [[Github](https://github.com/a/sweep)] \\
20 Oct 2023

**Folding Shirts with Diffusion** \\
*Cy Dunn* \\
arXiv 2023. [[Paper](https://arxiv.org/abs/2306.17046)] \\
29 Jun 2023

**Designing Molecules with Diffusion**
> *Dee Evans, Eve Fox* \\
> ICLR 2022 oral. [[Paper](https://arxiv.org/abs/2210.13695)] [[Github](https://github.com/a/mol)]\\
> 24 Oct 2022

**Predicting Proteins with Diffusion**
> *Fay Gray* \\
> arXiv 2022. [[Paper](https://arxiv.org/abs/2209.15408)] \\
> 30 Sep 2022

**Tracing Orbits with Diffusion** \\
*Hal Ives* \\
NeurIPS 2022 (Oral). [[Paper](https://arxiv.org/abs/2206.00927)] \\
1 Jun 2022

**Healing Bones with Diffusion** \\
*Ida Jones* \\
[21st Jul., 2023] [MICCAI, 2023] \\
[[Paper](https://arxiv.org/abs/2307.00031)] [[GitHub](https://github.com/a/bones)]

**Growing Crystals with Diffusion**
> *Gil Hart* \\
> Nature 2023. [[Paper](https://www.nature.com/articles/s43588-023-00001-1)] \\
> 4 Feb 2023
"""


def test_paragraphs_dated_to_the_day_with_the_venue_before_their_links() -> None:
    """The day a paper appeared ("20 Oct 2023") dates it and names no venue (each of the
    2,934 papers of diff-usion's list had a day of the month for its venue); the venue is
    written before the links; a bold title's block quote is the rest of its entry."""
    reading = read_list(DATED_PARAGRAPHS, "list.md")
    found = [(p.first.title, p.first.authors, p.first.venue, p.first.year) for p in reading.papers]
    assert found == [
        ("Sweeping Floors with Diffusion", ["Ann Lee", "Bo Chen"], "NeurIPS 2023", 2023),
        ("Folding Shirts with Diffusion", ["Cy Dunn"], None, 2023),
        ("Designing Molecules with Diffusion", ["Dee Evans", "Eve Fox"], "ICLR 2022", 2022),
        ("Predicting Proteins with Diffusion", ["Fay Gray"], None, 2022),
        ("Tracing Orbits with Diffusion", ["Hal Ives"], "NeurIPS 2022", 2022),
        # amirhossein-kz/Awesome-Diffusion-Models-in-Medical-Imaging: "[26th Aug., 2024]".
        ("Healing Bones with Diffusion", ["Ida Jones"], "MICCAI", 2023),
        # A publisher's page, with authors and a year, is a paper's as an arXiv id is.
        ("Growing Crystals with Diffusion", ["Gil Hart"], "Nature 2023", 2023),
    ]
    assert not reading.not_papers


def test_prose_paragraphs_with_links_are_not_papers() -> None:
    text = (
        "# L\n\n[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
        "[Awesome Lists](https://awesome.re) is where this list is listed.\n\n"
        "**Note**: see [the survey page](https://example.org/survey) for more.\n"
    )
    reading = read_list(text, "x")
    assert not reading.papers and not reading.not_papers


DECORATED = {
    "- :fire: [Diffusion Policy A](https://arxiv.org/abs/2303.04137)": (None, None),
    "- \U0001f525 **[NEW]** [Diffusion Policy A](https://arxiv.org/abs/2303.04137)": (None, None),
    "- [CoRL 2023] [Diffusion Policy A](https://arxiv.org/abs/2303.04137)": ("CoRL 2023", 2023),
    "- 2023.05 [Diffusion Policy A](https://arxiv.org/abs/2303.04137)": (None, 2023),
    "- [x] [Diffusion Policy A](https://arxiv.org/abs/2303.04137)": (None, None),
    "- [2023] Diffusion Policy A [paper](https://arxiv.org/abs/2303.04137)": (None, 2023),
    # ChandlerBang/awesome-self-supervised-gnn: a journal's long name in the tag.
    "1. [Information Sciences 2022] **Diffusion Policy A** [[paper]](https://x.org/a.pdf)": (
        "Information Sciences 2022",
        2022,
    ),
    "1. [Nature Communications Chemistry] **Diffusion Policy A** [[paper]](https://x.org/a)": (
        None,
        None,
    ),
    # XiaoxinHe/Awesome-Graph-LLM: the tag in emphasis inside its brackets.
    "- (*arXiv 2024.02*) Diffusion Policy A [[paper](https://arxiv.org/abs/2402.11641)]": (
        None,
        2024,
    ),
    "- (*ICLR'25*) Diffusion Policy A [[paper](https://arxiv.org/abs/2410.05298v1)]": (
        "ICLR",
        2025,
    ),
    "- (*IEEE Intelligent Systems 2023*) Diffusion Policy A [[paper](https://x.org/a)]": (
        "IEEE Intelligent Systems 2023",
        2023,
    ),
}


@pytest.mark.parametrize("entry", sorted(DECORATED))
def test_decoration_before_a_title_is_not_the_title(entry: str) -> None:
    """An emoji, its :shortcode:, a task box, a tag in brackets or a date before the title is
    decoration; a bracketed venue with its year, or a date, still says where and when."""
    reading = read_list(f"# L\n\n{entry}\n", "x")
    found = reading.papers[0].first
    assert found.title == "Diffusion Policy A"
    assert (found.venue, found.year) == DECORATED[entry]


@pytest.mark.parametrize(
    ("entry", "title", "authors", "year"),
    [
        # awesome-deep-learning-papers: a bold or a plain title, its year in brackets, authors.
        (
            "- **Distilling the knowledge in a neural network** (2015), G. Hinton et al."
            " [[pdf]](http://arxiv.org/pdf/1503.02531)",
            "Distilling the knowledge in a neural network",
            ["G. Hinton"],
            2015,
        ),
        (
            "- Understanding the difficulty of training deep feedforward neural networks (2010),"
            " X. Glorot and Y. Bengio [[pdf]](http://example.org/glorot10a.pdf)",
            "Understanding the difficulty of training deep feedforward neural networks",
            ["X. Glorot", "Y. Bengio"],
            2010,
        ),
        (
            "- A Knowledge-Grounded Neural Conversation Model (2017), Marjan Ghazvininejad et al."
            " [[pdf]](https://arxiv.org/pdf/1702.01932)",
            "A Knowledge-Grounded Neural Conversation Model",
            ["Marjan Ghazvininejad"],
            2017,
        ),
        # awesome-NeRF: an emoji's code inside the title is GitHub's emoji, not the title's.
        (
            "- [Ha-NeRF:laughing:: Hallucinated Neural Radiance Fields in the Wild]"
            "(https://rover-xingyu.github.io/Ha-NeRF/), Chen et al., CVPR 2022",
            "Ha-NeRF: Hallucinated Neural Radiance Fields in the Wild",
            ["Chen"],
            2022,
        ),
    ],
)
def test_a_year_in_brackets_ends_the_title(
    entry: str, title: str, authors: list[str], year: int
) -> None:
    reading = read_list(entry + "\n", "list.md")
    [paper] = reading.papers
    assert (paper.first.title, paper.first.authors, paper.first.year) == (title, authors, year)


@pytest.mark.parametrize(
    ("entry", "venue", "venue_year", "authors"),
    [
        # A venue with its year in two digits (lists of legged robotics, of vision).
        (
            "- [Learning Robust Perceptive Locomotion](https://arxiv.org/abs/2201.08117),"
            " Miki et al., Science Robotics'22",
            "Science Robotics",
            2022,
            ["Miki"],
        ),
        (
            "- [Old Paper Title Here](https://example.org/p.pdf), Ann Old, NIPS\u201998",
            "NIPS",
            1998,
            ["Ann Old"],
        ),
        # A venue in brackets or parentheses after the title.
        ("- [Some Paper Title](https://arxiv.org/abs/2305.00002) [RSS, 2023]", "RSS", 2023, []),
        (
            "- [Some Paper Title](https://openreview.net/forum?id=abc123) (ICLR 2024)",
            "ICLR 2024",
            None,
            [],
        ),
    ],
)
def test_a_venue_after_the_title_in_the_common_forms(
    entry: str, venue: str, venue_year: int | None, authors: list[str]
) -> None:
    [paper] = read_list(entry + "\n", "list.md").papers
    listed = paper.first
    assert (listed.venue, listed.venue_year, listed.authors) == (venue, venue_year, authors)
