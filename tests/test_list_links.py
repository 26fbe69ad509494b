"""Nothing missed in silence: every link of a list to a paper's host (the arXiv, a DOI,
OpenReview, proceedings and publishers), wherever it stands, lands in a record or is a line of
the report; when most land nowhere, ``init --from-markdown`` and ``import-markdown`` say so and
fail. Links that do land in a record (as its id or its paper link) are not reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.intake.lists.links import paper_key

from .conftest import Cli, finished

LIST = """\
# A List

An introduction that cites [the survey](https://arxiv.org/abs/2401.00009) in passing.

## Methods

- [Diffusion Policy](https://arxiv.org/abs/2303.04137), Chi et al., RSS 2023 | [pdf](https://arxiv.org/pdf/2303.04137v2.pdf) | [github](https://github.com/real-stanford/diffusion_policy)
- [Ponder: Point Cloud Pre-training via Neural Rendering](https://openaccess.thecvf.com/content/ICCV2023/html/Huang_Ponder_ICCV_2023_paper.html), Huang et al., ICCV 2023 | [arXiv](https://arxiv.org/abs/2310.08586)
- [A Journal Paper](https://doi.org/10.1109/LRA.2023.1234567), Lee et al., RA-L 2023
- [Graph U-Nets](https://proceedings.mlr.press/v97/gao19a.html), Gao et al., ICML 2019
- [Graph U-Nets](https://proceedings.mlr.press/v97/gao19a/gao19a.pdf), Gao et al., ICML 2019
- [paper](https://openreview.net/forum?id=AbCdEf123)

## Related Lists
- [Another list's paper](https://arxiv.org/abs/2402.00001)
"""  # noqa: E501


def test_paper_links_in_no_record_are_report_lines(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "list.md"
    source.write_text(LIST, encoding="utf-8")
    code, output = finished(cli(None, "init", str(tmp_path / "c"), "--from-markdown", str(source)))
    assert code == 0, output
    name = source.as_posix()
    lines = [line for line in output.splitlines() if "in no record" in line or "not kept" in line]
    assert lines == [
        f"{name}:3: warning: https://arxiv.org/abs/2401.00009 links a paper that is in no record",
        f"{name}:11: warning: https://proceedings.mlr.press/v97/gao19a/gao19a.pdf is a second "
        "link to the paper of papers/gao2019graph.yaml; not kept",
        f"{name}:15: warning: https://arxiv.org/abs/2402.00001 links a paper that is in no record",
    ]
    # The bullet with no title is reported once, as not imported, not again for its link.
    assert f"{name}:12: warning: not imported: no title" in output
    assert "of the 9 papers it links, 5 are in records" in output


def test_most_paper_links_in_no_record_fail_the_import(
    cli: Cli, tmp_path: Path, catalog_dir: Path
) -> None:
    """A list whose entries are sentences litcat does not read: one bullet imported, three
    papers linked in prose."""
    text = (
        "# L\n\n## Topic\n\n- [A Paper](https://arxiv.org/abs/2101.00001), Liu et al.\n\n"
        "We read https://arxiv.org/abs/2101.00002, then [this one](https://doi.org/10.1000/xyz)\n"
        "and the [third](https://openreview.net/forum?id=Zz99) of them.\n"
    )
    source = tmp_path / "list.md"
    source.write_text(text, encoding="utf-8")
    code, output = finished(cli(None, "init", str(tmp_path / "c"), "--from-markdown", str(source)))
    assert code == 1
    assert (
        f"{source.as_posix()}:1: most of the list's paper links are in no record (3 of "
        "the 4 papers it links" in output
    )
    assert f"{source.as_posix()}:8: warning: https://openreview.net/forum?id=Zz99" in output
    # The catalog is made all the same, for the maintainer to look at.
    assert (tmp_path / "c" / "taxonomy.yaml").is_file()
    code, output = finished(cli(catalog_dir, "import-markdown", "--dry-run", str(source)))
    assert code == 1
    assert "most of the list's paper links are in no record" in output


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://arxiv.org/pdf/2107.02791v2.pdf", "arxiv:2107.02791"),
        ("https://openreview.net/pdf?id=HyePrhR5KX", "openreview:HyePrhR5KX"),
        ("https://dl.acm.org/doi/10.1145/3190000", "doi:10.1145/3190000"),
        ("http://papers.nips.cc/paper/7287-x.pdf", "page:papers.nips.cc/paper/7287-x.pdf?"),
        ("https://arxiv.org/list/cs.RO/recent", None),
        ("https://www.nature.com/", None),
        ("https://github.com/bmild/nerf", None),
        ("https://www.youtube.com/watch?v=LCTYRqW-ne8", None),
    ],
)
def test_what_a_paper_link_is_known_by(url: str, key: str | None) -> None:
    assert paper_key(url) == key
