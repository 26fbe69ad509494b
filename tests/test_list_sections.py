"""How a list's sections become topics: ``<details><summary>`` blocks are sections one level
below the heading they sit in (a "more" fold is not), and sections that hold no papers, or
that by their name list other things (implementations, news, licence...), are no topics and
give no records."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litcat.core.loader import load_catalog
from litcat.core.taxonomy import Taxonomy
from litcat.intake.lists.read import read_list
from litcat.intake.lists.taxonomy import list_taxonomy

from .conftest import Cli

# awesome-NeRF/awesome-NeRF (commit f2631543), two of its 19 topics, as written: the closing
# tag follows the last bullet with no blank line between.
NERF = """\
# Awesome Neural Radiance Fields

## Papers
- [NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis](https://www.matthewtancik.com/nerf), Mildenhall et al., ECCV 2020 | [github](https://github.com/bmild/nerf)  | [bibtex](./NeRF-and-Beyond.bib#L168-L173) <!---Mildenhall20eccv_nerf-->


<details open>
<summary>Faster Inference</summary>

- [DeRF: Decomposed Radiance Fields](https://arxiv.org/abs/2011.12490), Rebain et al. Arxiv 2020 | [bibtex](./NeRF-and-Beyond.bib#L222-L228) <!---Rebain20arxiv_derf-->
- [FastNeRF: High-Fidelity Neural Rendering at 200FPS](https://arxiv.org/abs/2103.10380), Garbin et al., Arxiv 2021 | [bibtex](./citations/fastnerf.txt) <!---Garbin21arxiv_FastNeRF-->
</details>


<details open>
<summary>Faster Training</summary>

- [Depth-supervised NeRF: Fewer Views and Faster Training for Free](https://arxiv.org/pdf/2107.02791.pdf), Deng et al., Arxiv 2021 | [github](https://github.com/dunbar12138/DSNeRF) | [bibtex](./citations/dsnerf.txt)
</details>

## Talks
- [Neural Radiance Fields for View Synthesis](https://www.youtube.com/watch?v=dPWLybp4LL0), Matthew Tancik
"""  # noqa: E501

# thunlp/GNNPapers (commit fece1c61): a "more" fold inside a section, closed from inside the
# last numbered item (indented), then the next section.
GNN = """\
# Must-read papers on GNN

### [Basic Models](#content)
1. **Structure-Aware Convolutional Neural Networks.** NeurIPS 2018. [paper](http://papers.nips.cc/paper/7287-structure-aware-convolutional-neural-networks.pdf)

    *Jianlong Chang, Jie Gu, Lingfeng Wang, Gaofeng Meng, Shiming Xiang, Chunhong Pan.*

<details><summary> more </summary>

21. **Bayesian Semi-supervised Learning with Graph Gaussian Processes.** NeurIPS 2018. [paper](https://arxiv.org/pdf/1809.04379)

    *Yin Cheng Ng, Nicolò Colombo, Ricardo Silva.*

1. **Adaptive Propagation Graph Convolutional Network.** IEEE TNNLS 2020. [paper](https://arxiv.org/abs/2002.10306)

	*Indro Spinelli, Simone Scardapane, Aurelio Uncini.*

     </details>

### [Graph Types](#content)
1. **DyRep: Learning Representations over Dynamic Graphs.** ICLR 2019. [paper](https://openreview.net/pdf?id=HyePrhR5KX)

    *Rakshit Trivedi, Mehrdad Farajtabar, Prasenjeet Biswal, Hongyuan Zha.*
"""


def _filed(text: str) -> dict[str, list[str]]:
    reading = read_list(text, "list.md")
    return {p.first.title: [reading.headings[h].text for h in p.headings()] for p in reading.papers}


def test_details_sections_are_topics_below_their_heading() -> None:
    reading = read_list(NERF, "list.md")
    assert _filed(NERF) == {
        "NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis": ["Papers"],
        "DeRF: Decomposed Radiance Fields": ["Faster Inference"],
        "FastNeRF: High-Fidelity Neural Rendering at 200FPS": ["Faster Inference"],
        "Depth-supervised NeRF: Fewer Views and Faster Training for Free": ["Faster Training"],
    }
    by_text = {h.text: h for h in reading.headings}
    assert by_text["Faster Inference"].line == 8
    assert by_text["Faster Inference"].parent == by_text["Papers"].index
    assert by_text["Faster Inference"].level == by_text["Papers"].level + 1
    # After </details>, the next heading is a section of its own again.
    assert by_text["Talks"].parent == by_text["Awesome Neural Radiance Fields"].index
    sections = list_taxonomy(reading, "list.md")
    (dim,) = sections.data["dimensions"]
    papers = next(n for n in dim["nodes"] if n["label"] == "Papers")
    assert [c["label"] for c in papers["children"]] == ["Faster Inference", "Faster Training"]


def test_a_more_fold_is_not_a_topic_and_a_close_inside_an_item_ends_it() -> None:
    assert _filed(GNN) == {
        "Structure-Aware Convolutional Neural Networks": ["Basic Models"],
        "Bayesian Semi-supervised Learning with Graph Gaussian Processes": ["Basic Models"],
        "Adaptive Propagation Graph Convolutional Network": ["Basic Models"],
        "DyRep: Learning Representations over Dynamic Graphs": ["Graph Types"],
    }


def test_headings_inside_details_stay_under_its_topic() -> None:
    text = (
        "# L\n\n## Methods\n\n<details>\n<summary><b>Diffusion &amp; Flow</b></summary>\n\n"
        "### Reward\n\n- [A Paper](https://arxiv.org/abs/2101.00001)\n\n</details>\n\n"
        "- [B Paper](https://arxiv.org/abs/2101.00002)\n"
    )
    reading = read_list(text, "x")
    assert _filed(text) == {"A Paper": ["Reward"], "B Paper": ["Methods"]}
    by_text = {h.text: h for h in reading.headings}
    assert by_text["Reward"].parent == by_text["Diffusion & Flow"].index


def test_a_list_of_details_topics_becomes_that_many_nodes(cli: Cli, tmp_path: Path) -> None:
    topics = [f"Topic {chr(65 + n)}" for n in range(19)]
    blocks = "".join(
        f"<details open>\n<summary>{name}</summary>\n\n"
        f"- [Paper {n}](https://arxiv.org/abs/2101.{n:05d}), Liu et al., CVPR 2021\n</details>\n\n"
        for n, name in enumerate(topics)
    )
    source = tmp_path / "list.md"
    source.write_text(f"# A List\n\n## Papers\n\n{blocks}", encoding="utf-8")
    root = tmp_path / "c"
    result = cli(None, "init", str(root), "--from-markdown", str(source))
    assert result.exit_code == 0, result.output
    catalog = load_catalog(root)
    assert catalog.taxonomy is not None
    nodes = {info.node.label for info in catalog.taxonomy.all_nodes()}
    assert set(topics) <= nodes
    # "Papers" holds only the topics, so it is the dimension and each topic one of its nodes.
    tagged = {tuple(p.tags["papers"]) for p in catalog.papers.values()}
    assert len(tagged) == 19


# awesome-NeRF's sections around its papers, as written (cut short), with the sections other
# lists keep beside theirs.
ASIDES = """\
# Awesome Neural Radiance Fields

## Table of Contents

- [Survey](#survey)
- [Implementations](#implementations)

## 🔥 News
- [2024-05] [A Paper In The News](https://arxiv.org/abs/2405.00001) is in the list.

## Survey
- [Neural Volume Rendering: NeRF And Beyond](https://arxiv.org/abs/2101.05204), Dellaert and Yen-Chen, Arxiv 2020 | [blog](https://dellaert.github.io/NeRF/)

## Video
- [Neural Scene Flow Fields for Space-Time View Synthesis of Dynamic Scenes](https://arxiv.org/abs/2011.13084), Li et al., CVPR 2021

## Datasets
- [A Dataset Repository](https://github.com/someone/data)

## Talks
- [Neural Radiance Fields for View Synthesis](https://www.youtube.com/watch?v=dPWLybp4LL0), Matthew Tancik

## Implementations
#### Tensorflow
- [Nerual-Radiance-Fields](https://www.kaggle.com/code/ritzraha/nerual-radiance-fields), [@ariG23498](https://twitter.com/ariG23498), [@ritwik_raha](https://twitter.com/ritwik_raha), 2022

#### Jax
- [[Jax + Flax] Minimal Implementation of NeRF](https://www.kaggle.com/code/sauravmaheshkar/jax-flax-minimal-implementation-of-nerf), [@soumikrakshit](https://www.kaggle.com/soumikrakshit), 2022

## Citation
- [The list's own paper](https://arxiv.org/abs/2402.11141)

## License
MIT
"""  # noqa: E501


def test_sections_of_other_things_are_neither_nodes_nor_records(cli: Cli, tmp_path: Path) -> None:
    reading = read_list(ASIDES, "list.md")
    assert [p.first.title for p in reading.papers] == [
        "Neural Volume Rendering: NeRF And Beyond",
        "Neural Scene Flow Fields for Space-Time View Synthesis of Dynamic Scenes",
    ]
    assert [(a.text, a.bullets) for a in reading.asides] == [
        ("Table of Contents", 2),
        ("🔥 News", 1),
        ("Talks", 1),
        ("Implementations", 2),
        ("Citation", 1),
    ]
    source = tmp_path / "list.md"
    source.write_text(ASIDES, encoding="utf-8")
    root = tmp_path / "c"
    result = cli(None, "init", str(root), "--from-markdown", str(source))
    assert result.exit_code == 0, result.output
    catalog = load_catalog(root)
    assert catalog.taxonomy is not None
    # Datasets holds no paper (its one bullet links none): no node either.
    labels = {info.node.label for info in catalog.taxonomy.all_nodes()}
    assert labels == {"Survey", "Video"}
    assert len(catalog.papers) == 2
    assert f"{source}:23: warning: not imported: 2 bullets under 'Implementations'" in (
        result.output
    )
    assert "7 more in sections of other things than papers" in result.output


def test_section_names_that_are_topics_of_papers_are_not_set_aside() -> None:
    from litcat.intake.lists.sections import is_aside

    for name in ("Video", "Others", "Tools", "Related Work", "Datasets", "Code Generation"):
        assert not is_aside(name), name
    for name in ("## 3. Implementations", "Updates", "How to Contribute", "Licence", "TOC"):
        assert is_aside(name), name
    for name in ("Acknowledgements", "Other Awesome Lists", "Star History", "Contents"):
        assert is_aside(name), name
    # Several such things in one heading (hanjuku-kaso/awesome-offline-rl); but not code
    # beside them, whose section lists the papers of libraries and benchmarks.
    for name in ("Tutorials/Talks/Lectures", "Blogs & Talks", "Courses and Tutorials"):
        assert is_aside(name), name
    for name in ("Open Source Software/Implementations", "Papers and Talks", "Robotics/Control"):
        assert not is_aside(name), name


SECTION_BITS = st.sampled_from(
    [
        "<details>\n",
        "<details open><summary>Topic</summary>\n",
        "<summary>more</summary>\n",
        "</details>\n",
        "     </details>\n",
        "## News\n",
        "## Topic\n",
        "### Sub\n",
        "# Title\n",
        "## 2021\n",
        "### ICML 2022\n",
        "**A Bold Title**\n",
        "> *Ann Lee* \\\n",
        "> arXiv 2022. [[Paper](https://arxiv.org/abs/2201.00002)]\n",
        "- [A Paper](https://arxiv.org/abs/2101.00001)\n",
        "1. **B Paper.** ICML 2019. [paper](https://doi.org/10.1000/b)\n",
        "    *Ann Lee, Bob Wu.*\n",
        "\n",
        "text https://openreview.net/forum?id=X1\n",
    ]
)


@given(st.lists(SECTION_BITS, max_size=30).map("".join))
def test_any_arrangement_of_sections_reads_into_a_sound_tree(text: str) -> None:
    found = read_list(text, "x.md")
    for heading in found.headings:
        assert heading.parent is None or heading.parent < heading.index
    listed = sum(len(p.listed) for p in found.papers)
    assert found.entries == listed + len(found.not_papers)
    assert all(line >= 1 for line, _ in found.links)
    # The taxonomy made from the sections is valid, and every paper's tags are its nodes.
    sections = list_taxonomy(found, "x.md")
    taxonomy = Taxonomy.model_validate(sections.data)
    for paper in found.papers:
        for dim, nodes in sections.tags_of(paper.headings()).items():
            assert set(nodes) <= set(taxonomy.nodes(dim)), (dim, nodes)


def test_a_list_written_under_its_table_of_contents_is_read() -> None:
    # awesome-deep-learning-papers: "## Contents" lists the sections, which follow as "###".
    text = (
        "# Most cited\n\n## Contents\n\n* [Optimization](#optimization)\n\n"
        "### Optimization\n"
        "- **Adam: A method for stochastic optimization** (2014), D. Kingma and J. Ba"
        " [[pdf]](http://arxiv.org/pdf/1412.6980)\n"
    )
    reading = read_list(text, "list.md")
    assert [p.first.title for p in reading.papers] == ["Adam: A method for stochastic optimization"]


def test_a_table_of_contents_under_any_heading_is_counted_not_reported() -> None:
    """zstsandy/Awesome-3D-Gaussian-Splatting-in-Robotics writes its contents under
    "## Overview", with names of groups between the links to its sections: none of those
    bullets is a paper that lacks a link; a bullet that links a paper beside a section is."""
    text = (
        "# 3DGS in Robotics\n\n## Overview\n\n"
        "- [Application](#application)\n"
        "  - Scene Understanding\n"
        "    - [Static Reconstruction](#static-reconstruction)\n"
        "    - [Dynamic Reconstruction](#dynamic-reconstruction)\n"
        "- [Datasets](#datasets)\n"
        "- [Splats](https://arxiv.org/abs/2308.04079) (see [Datasets](#datasets))\n\n"
        "## Application\n\n### Static Reconstruction\n\n"
        '* **GaussianPro**: "GaussianPro: Progressive Propagation", *ICML 2024*. '
        "[[Paper](https://arxiv.org/pdf/2402.14650)]\n"
    )
    reading = read_list(text, "list.md")
    assert [p.first.title for p in reading.papers] == [
        "Splats",
        "GaussianPro: Progressive Propagation",
    ]
    assert reading.not_papers == []
    assert [(a.line, a.text, a.bullets) for a in reading.asides] == [(5, "a table of contents", 5)]


@pytest.mark.parametrize("heading", ["Contents", "Intro"])
def test_a_table_of_contents_counts_its_nested_bullets_under_any_heading(heading: str) -> None:
    """A contents heading is set aside by its name, contents under another heading by their
    links; either way every bullet of it is counted, the nested ones too."""
    text = (
        f"# L\n\n## {heading}\n\n- [A](#a)\n  - [A1](#a1)\n  - [A2](#a2)\n- [B](#b)\n\n"
        "## A\n\n- [Paper One Title Here](https://arxiv.org/abs/2101.00001)\n"
    )
    reading = read_list(text, "list.md")
    assert [a.bullets for a in reading.asides] == [4]
    assert len(reading.papers) == 1


def test_the_sections_under_a_table_of_contents_are_the_taxonomy() -> None:
    text = (
        "# Most cited\n\n## Contents\n\n* [Optimization](#optimization)\n\n"
        "### Optimization\n"
        "- **Adam: A method for stochastic optimization** (2014), D. Kingma and J. Ba"
        " [[pdf]](http://arxiv.org/pdf/1412.6980)\n\n"
        "### Vision\n"
        "- **Deep residual learning for image recognition** (2016), K. He et al."
        " [[pdf]](http://arxiv.org/pdf/1512.03385)\n"
    )
    sections = list_taxonomy(read_list(text, "list.md"), "list.md")
    [dimension] = sections.data["dimensions"]
    assert dimension["id"] == "section"
    assert [node["id"] for node in dimension["nodes"]] == ["optimization", "vision"]


def test_headings_that_only_date_papers_are_no_nodes() -> None:
    """IRMVLab/awesome-robot-learning-from-human-videos files its papers by topic, then by
    year (``#### 2025``): the years are no nodes, and a topic written under several years, or
    under a venue and its year, is one node."""
    text = (
        "# L\n\n## Robots\n\n### 2021\n\n- [A Paper](https://arxiv.org/abs/2101.00001)\n\n"
        "### 2022\n\n- [B Paper](https://arxiv.org/abs/2201.00001)\n\n"
        "## 2023\n\n### Birds\n\n- [C Paper](https://arxiv.org/abs/2301.00001)\n\n"
        "## ICML 2024\n\n### Birds\n\n- [D Paper](https://arxiv.org/abs/2401.00001)\n"
    )
    reading = read_list(text, "x.md")
    sections = list_taxonomy(reading, "x.md")
    [dimension] = sections.data["dimensions"]
    nodes = [(n["id"], n["label"], n.get("children")) for n in dimension["nodes"]]
    assert nodes == [("robots", "Robots", None), ("birds", "Birds", None)]
    assert dimension["nodes"][1]["description"] == "Filed under “Birds” in the list."
    tags = {p.first.title: sections.tags_of(p.headings()) for p in reading.papers}
    assert tags == {
        "A Paper": {"section": ["robots"]},
        "B Paper": {"section": ["robots"]},
        "C Paper": {"section": ["birds"]},
        "D Paper": {"section": ["birds"]},
    }
