"""What a list's link is, from real lists: a BibTeX file is a citation wherever it is hosted
and however it is labelled, a PDF on a code host is the paper, the rest of a code host is code."""

from __future__ import annotations

import pytest

from litcat.intake.lists.links import classify


@pytest.mark.parametrize(
    ("label", "url", "role"),
    [
        # awesome-NeRF: a BibTeX file labelled "github", and one on github.com labelled "bibtex".
        (
            "github",
            "https://raw.githubusercontent.com/yenchenlin/awesome-NeRF/main/NeRF-and-Beyond.bib",
            "citation",
        ),
        (
            "bibtex",
            "https://github.com/yenchenlin/awesome-NeRF/blob/main/citations/garf.txt",
            "citation",
        ),
        ("bibtext", "https://example.org/citations/dylin.txt", "citation"),
        ("BibTeX", "https://example.org/paper.bib", "citation"),
        ("pdf", "https://github.com/someone/papers/blob/main/paper.pdf", "paper"),
        ("github", "https://github.com/ActiveVisionLab/porf", "code"),
        ("code", "https://gitlab.com/group/project", "code"),
    ],
)
def test_link_roles(label: str, url: str, role: str) -> None:
    link = classify(label, url)
    assert link is not None
    assert link.role == role


def test_a_paper_whose_only_page_is_its_repository_is_read_when_cited_as_a_paper() -> None:
    from litcat.intake.lists.read import read_list

    text = (
        "## Papers\n\n"
        # awesome-NeRF: the title links the repository, with authors and a year like the rest.
        "- [Neural Articulated Radiance Field](https://github.com/nogu-atsu/NARF), Noguchi et al.,"
        " Arxiv 2021 | [github](https://github.com/nogu-atsu/NARF)\n"
        # An implementation listed by its name and its owner is not a paper.
        "- [Mip-NeRF](https://github.com/google/mipnerf), [@google](https://github.com/google),"
        " 2021\n"
    )
    reading = read_list(text, "list.md")
    assert [paper.first.title for paper in reading.papers] == ["Neural Articulated Radiance Field"]
    assert [n.line for n in reading.not_papers] == [4]
