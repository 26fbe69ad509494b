"""Published preprints in a real answer of the arXiv API (``arxiv:journal_ref`` and
``arxiv:doi``, recorded by another project: tests/recorded/README.md): ``enrich --from`` takes
the venue and the DOI and changes nothing else, reports a venue that disagrees, and
``discover --from`` leaves out a paper the catalog holds under the DOI the answer gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from litcat.core.loader import load_catalog
from litcat.intake import fetch

from .conftest import REPO, TESTS, Cli, finished

ELECTRON = TESTS / "recorded" / "arxiv-api-all-electron.xml"

RECORDS = {
    # In the answer with a journal reference and a DOI.
    "prendergast2001impact": """\
title: Impact of Electron-Electron Cusp on Configuration Interaction Energies
authors:
  - David Prendergast
  - M. Nolan
  - Claudia Filippi
  - Stephen Fahy
  - J. C. Greer
year: 2001
arxiv: cond-mat/0102536
summary: The electron-electron cusp barely limits configuration interaction energies.
added: 2024-07-01
""",
    # A venue of its own, which the answer's journal reference does not match.
    "shternin2006electron": """\
title: Electron thermal conductivity owing to collisions between degenerate electrons
authors:
  - P. S. Shternin
  - D. G. Yakovlev
year: 2006
venue: Physical Review D
arxiv: astro-ph/0608371
added: 2024-07-01
""",
    # A DOI in the answer, no journal reference.
    "hai2018electron": """\
title: 'Electron pairing: from metastable electron pair to bipolaron'
authors:
  - Guo-Qiang Hai
  - Ladir Cândido
  - Braulio G. A. Brito
  - François M. Peeters
year: 2018
arxiv: '1802.06593'
added: 2024-07-01
""",
    # Neither: nothing to take.
    "khokhlov1999improved": """\
title: Improved scenario of baryogenesis
authors:
  - D. L. Khokhlov
year: 1999
arxiv: astro-ph/9904306
added: 2024-07-01
""",
}


def test_the_recording_holds_published_preprints() -> None:
    entries = fetch.parse_arxiv_feed(ELECTRON.read_bytes())
    assert len(entries) == 10
    cusp = entries["cond-mat/0102536"]
    assert cusp.journal_ref == "J. Chem. Phys. 115, 1626 (2001)"
    assert cusp.doi == "10.1063/1.1383585"
    assert entries["1802.06593"].doi == "10.1088/2399-6528/aaaee0"
    assert entries["1802.06593"].journal_ref is None
    assert sum(e.journal_ref is not None for e in entries.values()) == 4
    assert sum(e.doi is not None for e in entries.values()) == 7


def test_enrich_from_a_real_answer_takes_venue_and_doi_and_nothing_else(
    cli: Cli, catalog_dir: Path
) -> None:
    papers = catalog_dir / "papers"
    before: dict[str, Any] = {}
    for pid, text in RECORDS.items():
        (papers / f"{pid}.yaml").write_text(text, encoding="utf-8")
        before[pid] = yaml.safe_load(text)
    untouched = (papers / "khokhlov1999improved.yaml").read_bytes()
    code, output = finished(cli(catalog_dir, "enrich", "--from", str(ELECTRON)))
    assert code == 0, output
    assert cli.transport.requests == []
    after = {
        pid: yaml.safe_load((papers / f"{pid}.yaml").read_text(encoding="utf-8")) for pid in RECORDS
    }
    source = "https://arxiv.org/abs/"
    assert after["prendergast2001impact"] == {
        **before["prendergast2001impact"],
        "venue": "J. Chem. Phys. 115, 1626 (2001)",
        # The year the journal reference names is the venue's year.
        "venue_year": 2001,
        "doi": "10.1063/1.1383585",
        "sources": [source + "cond-mat/0102536"],
    }
    # The record's venue stays; the DOI it lacked is taken (in lower case, as litcat keeps
    # DOIs); the disagreement is reported.
    assert after["shternin2006electron"] == {
        **before["shternin2006electron"],
        "doi": "10.1103/physrevd.74.043004",
        "sources": [source + "astro-ph/0608371"],
    }
    assert "kept venue 'Physical Review D'; the arXiv gives 'Phys.Rev. D74 (2006) 043004'" in (
        output
    )
    assert after["hai2018electron"] == {
        **before["hai2018electron"],
        "doi": "10.1088/2399-6528/aaaee0",
        "sources": [source + "1802.06593"],
    }
    assert (papers / "khokhlov1999improved.yaml").read_bytes() == untouched
    assert load_catalog(catalog_dir).ok
    # A second run finds nothing more to take.
    code, output = finished(cli(catalog_dir, "enrich", "--from", str(ELECTRON)))
    assert code == 0, output
    assert load_catalog(catalog_dir).papers["prendergast2001impact"].doi == "10.1063/1.1383585"


@pytest.mark.sklearn
def test_discover_from_a_real_answer_leaves_out_a_paper_held_by_its_doi(
    cli: Cli, tmp_path: Path
) -> None:
    root = tmp_path / "cat"
    shutil.copytree(REPO / "papers", root / "papers")
    shutil.copy(REPO / "taxonomy.yaml", root / "taxonomy.yaml")
    # The catalog holds the published version only (no arXiv id): the answer's DOI finds it.
    (root / "papers" / "prendergast2001impact.yaml").write_text(
        RECORDS["prendergast2001impact"].replace(
            "arxiv: cond-mat/0102536\n", "doi: 10.1063/1.1383585\n"
        ),
        encoding="utf-8",
    )
    result = cli(root, "discover", "--from", str(ELECTRON), "--format", "json")
    code, output = finished(result)
    assert code == 0, output
    candidates = json.loads(result.stdout)["candidates"]
    offered = [c["arxiv"] for c in candidates]
    assert "cond-mat/0102536" not in offered
    assert len(offered) == 9
    # The one physics record of this robotics catalog is the nearest of every other paper of
    # the answer (all about electrons), the reason shown for each.
    assert all(c["nearest"][0] == "prendergast2001impact" for c in candidates)
    assert (
        "Left out: 1 the catalog holds"
        in finished(cli(root, "discover", "--from", str(ELECTRON)))[1]
    )
