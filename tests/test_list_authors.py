"""Authors as lists write them: a plain list of names after the title or on the next line,
``Surname et al.`` (kept as written, the list marked incomplete), BibTeX's ``Surname, Given
and ...`` order, footnote marks after names; never a venue or a note read as a name."""

from __future__ import annotations

import pytest

from litcat.intake.lists.read import read_list

# (entry, authors, authors incomplete, venue, year)
AUTHORS = [
    # awesome-NeRF (commit f2631543), its Survey section.
    (
        "- [Semantically-aware Neural Radiance Fields for Visual Scene Understanding: A "
        "Comprehensive Review](https://arxiv.org/abs/2402.11141), Thang-Anh-Quan Nguyen*, Amine "
        "Bourki*, Màtyàs Macudzinski, Anthony Brunel, and Mohammed Bennamoun (*: Equal "
        "contribution), Arxiv 2024 | [github](https://github.com/abourki/SoTA-Semantically-aware-"
        "NeRFs) | [bibtex](citations/survey_semantically-awareNeRFs.txt)",
        [
            "Thang-Anh-Quan Nguyen",
            "Amine Bourki",
            "Màtyàs Macudzinski",
            "Anthony Brunel",
            "Mohammed Bennamoun",
        ],
        False,
        None,
        2024,
    ),
    (
        "- [BeyondPixels: A Comprehensive Review of the Evolution of Neural Radiance Fields]"
        "(https://arxiv.org/abs/2306.03000), AKM Shahariar Azad Rabby and Chengcui Zhang, Arxiv "
        "2023 | [bibtex](citations/BeyondPixels.txt)",
        ["AKM Shahariar Azad Rabby", "Chengcui Zhang"],
        False,
        None,
        2023,
    ),
    (
        "- [NeRF: Neural Radiance Field in 3D Vision, Introduction and Review](https://arxiv.org/"
        "abs/2210.00379), Kyle Gao, Yina Gao, Hongjie He, Dening Lu, Linlin Xu, Jonathan Li",
        ["Kyle Gao", "Yina Gao", "Hongjie He", "Dening Lu", "Linlin Xu", "Jonathan Li"],
        False,
        None,
        None,
    ),
    (
        "- [CAMPARI: Camera-Aware Decomposed Generative Neural Radiance Fields](https://arxiv.org/"
        "pdf/2103.17269.pdf), Niemeyer & Geiger, Arxiv 2021 | [bibtex](./citations/CAMPARI.txt)",
        ["Niemeyer", "Geiger"],
        False,
        None,
        2021,
    ),
    (
        "- [Neural Sparse Voxel Fields](https://lingjie0206.github.io/papers/NSVF/), Liu et al., "
        "NeurIPS 2020 | [github](https://github.com/facebookresearch/NSVF)",
        ["Liu"],
        True,
        "NeurIPS 2020",
        2020,
    ),
    # The styles the issue quotes.
    (
        "- [A Linked Title](https://arxiv.org/abs/2101.00001). Alice Smith, Bob Jones, Carol Wu. "
        "CVPR 2021.",
        ["Alice Smith", "Bob Jones", "Carol Wu"],
        False,
        "CVPR 2021",
        2021,
    ),
    (
        "- **A Bold Title**<br>A. Smith, B. Jones<br>[paper](https://arxiv.org/abs/2101.00001)",
        ["A. Smith", "B. Jones"],
        False,
        None,
        None,
    ),
    (
        "- [A Linked Title](https://arxiv.org/abs/2101.00001)\n"
        "  Alice Smith, J.-P. Dupont. CoRL, 2024.",
        ["Alice Smith", "J.-P. Dupont"],
        False,
        "CoRL",
        2024,
    ),
    # thunlp/GNNPapers (commit fece1c61): BibTeX's order, and a footnote's number after a name.
    (
        "1. **Relational inductive biases, deep learning, and graph networks.** arXiv 2018. "
        "[paper](https://arxiv.org/pdf/1806.01261.pdf)\n\n"
        "    *Battaglia, Peter W and Hamrick, Jessica B and Bapst, Victor.*",
        ["Peter W Battaglia", "Jessica B Hamrick", "Victor Bapst"],
        False,
        None,
        2018,
    ),
    # A reference's order, a surname and its initials (Jiaaqiliu/Awesome-VLA-Robotics's
    # datasets: "DROID [[Project](...)] - Manuelli, L., et al."); the record's order is theirs.
    (
        "- **DROID** [[Project](https://droid-dataset.github.io/)]  - Manuelli, L., et al.",
        ["L. Manuelli"],
        True,
        None,
        None,
    ),
    (
        "- [A Linked Title](https://arxiv.org/abs/2101.00001) - Lee, A. B., Dupont, J.-P., & "
        "van Berg, C. (CoRL 2021)",
        ["A. B. Lee", "J.-P. Dupont", "C. van Berg"],
        False,
        "CoRL 2021",
        2021,
    ),
    # ChanganVR/awesome-embodied-vision: "/*" after a name marks equal contribution.
    (
        "* **Rearrange Indoor Scenes** <br>\n"
        "*Weiqi Wang/*, Zihang Zhao/*, Yixin Zhu* <br>\n"
        "ICRA, 2023. [[Paper]](https://arxiv.org/pdf/2303.05676.pdf)",
        ["Weiqi Wang", "Zihang Zhao", "Yixin Zhu"],
        False,
        "ICRA",
        2023,
    ),
    # zchoi/Awesome-Embodied-Agent-with-LLMs: a footnote's mark in superscript ends a name,
    # commas between names or not; names broken over lines after a comma, or before one,
    # are one list; and the line of affiliations after them is none.
    (
        "* [**Eureka**](https://arxiv.org/abs/2310.12931) [**ICLR 2024**]<br>\n"
        "Jason Ma<sup>1,2</sup>, William Liang<sup>2</sup>,\n"
        "Osbert Bastani<sup>2</sup>, Yuke Zhu<sup>1,4</sup>,<br>\n"
        "<sup>1</sup>NVIDIA, <sup>2</sup>University of Pennsylvania",
        ["Jason Ma", "William Liang", "Osbert Bastani", "Yuke Zhu"],
        False,
        "ICLR 2024",
        2024,
    ),
    (
        "* [**Large Multimodal Agents**](https://arxiv.org/pdf/2402.15116) [**arXiv 2024.02**]"
        "<br>\nJunlin Xie<sup>♣♡</sup> Zhihong Chen<sup>♣♡</sup> Guanbin Li<sup>♠</sup><br>",
        ["Junlin Xie", "Zhihong Chen", "Guanbin Li"],
        False,
        None,
        2024,
    ),
    (
        "* [**SPRING**](https://arxiv.org/abs/2305.15486) [**arXiv 2023**]<br>\n"
        "Yue Wu<sup>1,4*</sup>\n, Shrimai Prabhumoye<sup>2</sup>\n,Amos Azaria<sup>3</sup><br>",
        ["Yue Wu", "Shrimai Prabhumoye", "Amos Azaria"],
        False,
        None,
        2023,
    ),
    # A list of names broken after a footnote's mark, with no comma; a spacing accent set
    # apart from a name is no part of it; a note of how the paper was presented inside the
    # venue's brackets, and a workshop's name after the year, as zchoi's list writes them.
    (
        "* [**ALFRED**](https://arxiv.org/pdf/1912.01734.pdf) [**CVPR 2020 (oral)**] "
        "[[**Github**](https://github.com/askforalfred/alfred)] <br>\n"
        "Mohit Shridhar<sup>1</sup>\n"
        "Jesse Thomason<sup>1</sup> Cedric Colas \u00b4<sup>3,4</sup><br>\n"
        "<sup>1</sup>Paul G. Allen School of Computer Sci. & Eng., Univ. of Washington",
        ["Mohit Shridhar", "Jesse Thomason", "Cedric Colas"],
        False,
        "CVPR 2020",
        2020,
    ),
    (
        "* [**Mobile-Agent**](https://arxiv.org/pdf/2406.01014) [**ICLR 2024 Workshop LLM "
        "Agents**]<br>\nGoogle Research, Brain Team",
        [],
        False,
        "ICLR 2024 Workshop LLM Agents",
        2024,
    ),
    (
        "* [**UniSim**](https://openreview.net/attachment?id=sFyTZEqmUY&name=pdf) "
        "[**ICLR 2024 (Outstanding Papers)**]<br>\n"
        "Byeonghwi Kim Jinyeon Kim<sup>1,*</sup> Cheolhong Min Jonghyun Choi<sup>†</sup><br>",
        [],
        False,
        "ICLR 2024",
        2024,
    ),
    # jason718/awesome-self-supervised-learning: names, then the venue and how the paper was
    # presented, on a nested line.
    (
        " - Self-Supervised Relational Reasoning\n"
        "    [[pdf]](https://arxiv.org/pdf/2006.05849.pdf)\n"
        "    - Massimiliano Patacchiola, Amos Storkey. *NeurIPS 2020, Spotlight*",
        ["Massimiliano Patacchiola", "Amos Storkey"],
        False,
        "NeurIPS 2020",
        2020,
    ),
    (
        "- BERT: Pre-training of Deep Bidirectional Transformers.\n"
        "  [[pdf]](https://arxiv.org/abs/1810.04805)\n"
        "  - Jacob Devlin, Ming-Wei Chang, Kenton Lee. *NAACL 2019 Best Long Paper*",
        ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee"],
        False,
        "NAACL 2019",
        2019,
    ),
    # Xnhyacinth/Awesome-LLM-Long-Context-Modeling: names copied from arXiv, in emphasis,
    # then the venue: a particle of a Catalan name; arXiv's "(N additional authors not
    # shown)"; a name in lower case, which leaves the authors unknown but the venue its own.
    (
        "11. [**L2M: Mutual Information Scaling.**](https://arxiv.org/abs/2503.04725) "
        "_Zhuo Chen, Oriol Mayné i Comas, Zhuotao Jin._ Arxiv 2025.",
        ["Zhuo Chen", "Oriol Mayné i Comas", "Zhuotao Jin"],
        False,
        None,
        2025,
    ),
    (
        "18. [**DeepSeek-V3 Technical Report.**](https://arxiv.org/abs/2412.19437) "
        "_DeepSeek-AI, Aixin Liu, Bei Feng (100 additional authors not shown)._ Arxiv 2025.",
        ["DeepSeek-AI", "Aixin Liu", "Bei Feng"],
        True,
        None,
        2025,
    ),
    (
        "3. [**Generating Long-form Story.**](https://arxiv.org/abs/2412.13575) "
        "_Qianyue Wang, Jinwu Hu, daiyuan li, Mingkui Tan._ ICLR 2025.",
        [],
        False,
        "ICLR 2025",
        2025,
    ),
    # zchoi/Awesome-Embodied-Agent-with-LLMs: where the authors work, on the line below the
    # title, is no list of names; a preprint's month dates the paper.
    (
        "* [**Agent AI: Surveying the Horizons**](https://arxiv.org/pdf/2401.03568.pdf) "
        "[**arXiv 2024.01**]<br>\n"
        "Stanford University, Microsoft Research, Redmond, University of Washington",
        [],
        False,
        None,
        2024,
    ),
    # A line the list labels as its authors says what it is: a team or a lab named there is
    # an author (found by the export's round-trip test: a name "LAb" was left out).
    (
        "- [A Shared Robot Dataset](https://example.org/dataset)\\\n"
        "    Authors: Robot Data Collaboration, Robotics Lab\\\n    Year: 2023",
        ["Robot Data Collaboration", "Robotics Lab"],
        False,
        None,
        2023,
    ),
    (
        "| Title | Authors | Year |\n|---|---|---|\n"
        "| [A Robot Foundation Model](https://example.org/model) | Robot Learning Lab | 2025 |",
        ["Robot Learning Lab"],
        False,
        None,
        2025,
    ),
    (
        "1. **Joint Type Inference on Entities and Relations via Graph Convolutional Networks.** "
        "ACL 2019. [paper](http://www.czsun.site/publications/joint_entrel_gcn.pdf)\n\n"
        "    *Changzhi Sun, Man Lan, Shiliang Sun1, Nan Duan.*",
        ["Changzhi Sun", "Man Lan", "Shiliang Sun", "Nan Duan"],
        False,
        "ACL 2019",
        2019,
    ),
]


@pytest.mark.parametrize("case", AUTHORS, ids=[str(n) for n in range(len(AUTHORS))])
def test_authors_as_lists_write_them(case: tuple[object, ...]) -> None:
    entry, authors, incomplete, venue, year = case
    reading = read_list(f"# List\n\n## Topic\n\n{entry}\n", "list.md")
    assert len(reading.papers) == 1, reading.not_papers
    found = reading.papers[0].first
    assert (found.authors, found.authors_incomplete) == (authors, incomplete)
    assert (found.venue, found.year) == (venue, year)


@pytest.mark.parametrize(
    "tail",
    [
        ", Oral, CVPR 2021",
        ", Best Paper Award, CVPR 2021",
        ", Mildenhall, 2020",
        ", a method for learning fields, 2021",
        ", Code and Data",
        ", Tsinghua University, Shanghai AI Laboratory",
    ],
)
def test_what_is_not_a_list_of_names_gives_no_authors(tail: str) -> None:
    reading = read_list(f"# L\n\n- [A Title](https://arxiv.org/abs/2101.00001){tail}\n", "x")
    found = reading.papers[0].first
    assert found.authors == []


@pytest.mark.parametrize(
    ("tail", "venue", "year"),
    [
        # One word before the venue is a surname: neither the authors nor the venue's name.
        (", Mildenhall, 2020", None, 2020),
        (", Müller, SIGGRAPH 2022", "SIGGRAPH 2022", 2022),
        # Words that say how the paper was presented are not the venue's name either.
        (", Oral, CVPR 2022", "CVPR 2022", 2022),
        (", Best Paper Award, RSS 2023", "RSS 2023", 2023),
        (", **Spotlight**, ICLR 2024", "ICLR 2024", 2024),
        # A word that names a venue stays its name.
        (", CoRL, 2024", "CoRL", 2024),
        (", Liu et al., ICML 2024", "ICML 2024", 2024),
    ],
)
def test_a_surname_before_the_venue_is_not_the_venue(
    tail: str, venue: str | None, year: int
) -> None:
    reading = read_list(f"# L\n\n- [A Title](https://arxiv.org/abs/2101.00001){tail}\n", "x")
    found = reading.papers[0].first
    assert (found.venue, found.year) == (venue, year)


# (entry, title, authors, venue, year): a title in plain text or quotes, then the names.
PLAIN_TITLES = [
    (
        "- Learning Robust Policies. Alice Smith, Bob Jones. CVPR 2021. "
        "[[paper]](https://arxiv.org/abs/2101.00001)",
        "Learning Robust Policies",
        ["Alice Smith", "Bob Jones"],
        "CVPR 2021",
        2021,
    ),
    (
        "- Learning Robust Policies. *Alice Smith, Bob Jones*. CVPR 2021. "
        "[[pdf]](https://arxiv.org/abs/2101.00001)",
        "Learning Robust Policies",
        ["Alice Smith", "Bob Jones"],
        "CVPR 2021",
        2021,
    ),
    (
        '- "Learning Robust Policies", Alice Smith, Bob Jones, CVPR 2021 '
        "[[pdf]](https://arxiv.org/abs/2101.00001)",
        "Learning Robust Policies",
        ["Alice Smith", "Bob Jones"],
        "CVPR 2021",
        2021,
    ),
    # A full stop inside a title, with no list of names after it: the title stays whole.
    (
        "- Attention. Is All You Need [[pdf]](https://arxiv.org/abs/2101.00001)",
        "Attention. Is All You Need",
        [],
        None,
        None,
    ),
]


@pytest.mark.parametrize("case", PLAIN_TITLES, ids=[str(n) for n in range(len(PLAIN_TITLES))])
def test_names_after_a_plain_title_are_authors_not_title(case: tuple[object, ...]) -> None:
    entry, title, authors, venue, year = case
    found = read_list(f"# L\n\n{entry}\n", "x").papers[0].first
    assert (found.title, found.authors, found.venue, found.year) == (title, authors, venue, year)
