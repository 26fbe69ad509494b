"""End to end: a strict MkDocs build of the invented catalog, and what its pages say."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

import pytest

from .conftest import CATALOG, REPO, TODAY, Cli
from .sitebuild import (
    HOSTILE_DIMENSION,
    HOSTILE_LABEL,
    HOSTILE_RECORD,
    HOSTILE_TITLE,
    REPO_URL,
    SITE_URL,
    Build,
    copy_assets,
    links_of,
    make_docs,
    mkdocs_build,
    text_of,
    write_config,
)

ATOM = "{http://www.w3.org/2005/Atom}"
NEWEST_FIRST_TRACKING = ["lind2024lab", "okafor2023radar", "berg2021flyways", "tanaka2020global"]


def hostile_catalog(target: Path) -> Path:
    """The invented catalog plus one record and two taxonomy labels full of markup."""
    catalog = target / "catalog"
    shutil.copytree(CATALOG, catalog)
    (catalog / "papers" / "zz2019hostile.yaml").write_text(HOSTILE_RECORD, encoding="utf-8")
    taxonomy = catalog / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    text = text.replace("label: Global\n", f"label: '{HOSTILE_LABEL}'\n")
    text = text.replace("label: Scale\n", f"label: '{HOSTILE_DIMENSION}'\n")
    taxonomy.write_text(text, encoding="utf-8")
    return catalog


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, Path]]:
    folder = tmp_path_factory.mktemp("site")
    catalog = hostile_catalog(folder)
    config = write_config(folder, catalog, make_docs(folder))
    # The day the CLI's tests believe it is, so that the plugin's pages match `litcat render`'s.
    build = mkdocs_build(config, folder / "site", today=TODAY)
    assert build.returncode == 0, build.output
    yield build, catalog


@pytest.fixture(scope="module")
def site(built: tuple[Build, Path]) -> Build:
    return built[0]


def all_pages(site: Build) -> list[Path]:
    return sorted(site.site.rglob("*.html"))


def test_paper_page_has_its_facts_and_bibtex(site: Build) -> None:
    html = site.html("papers/okafor2023radar")
    text = text_of(html)
    assert "Chidi Okafor, Mei Tanaka et al." in text
    assert "(venue unconfirmed)" in text
    assert "@inproceedings{okafor2023radar," in text
    assert "author = {Chidi Okafor and Mei Tanaka and others}" in text
    assert 'href="https://arxiv.org/abs/2305.11111"' in html
    assert 'href="../../taxonomy/method/radar/"' in html
    assert '<th scope="row">Instrument</th><td>NEXRAD network</td>' in html


def test_paper_page_meta_tags_and_edit_link(site: Build) -> None:
    html = site.html("papers/berg2021flyways")
    metas = re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', html)
    assert ("citation_title", "Flyways Revisited: GPS Tracks of Arctic Geese") in metas
    authors = [v for k, v in metas if k == "citation_author"]
    assert authors == ["Anna Berg", "Jonas Lind", "Émile Durand"]
    assert ("citation_journal_title", "Journal of Avian Movement") in metas
    assert ("citation_doi", "10.5555/jam.2021.17") in metas
    assert ("citation_arxiv_id", "2101.01234") in metas
    # The catalog sits next to the docs folder, in catalog/.
    edit = f"{REPO_URL}/edit/main/catalog/papers/berg2021flyways.yaml"
    assert f'href="{edit}" title="Edit this page"' in html


def test_paper_page_tells_the_origins_filing_from_the_catalogs(site: Build) -> None:
    html = site.html("papers/berg2021flyways")
    text = text_of(html)
    assert '<p class="litcat-shortname"><strong>FlyTrack</strong></p>' in html
    assert "Listed by the migration atlas" in text
    assert "tags marked + are this catalog's additions to its filing" in text
    # The atlas filed it under GPS tags and geese; the catalog added the scale.
    chips = re.findall(r'<a class="litcat-chip([^"]*)"[^>]*>([^<]+)', html)
    assert chips == [("", "GPS tags"), ("", "Geese"), (" litcat-chip-added", "Continental")]
    # Reader notes are shown; curator notes never are.
    assert "The journal version adds a second season of tracks." in text
    assert "preprint title" not in html
    # The venue's year is the year cited.
    assert ("citation_publication_date", "2022") in re.findall(
        r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', html
    )
    assert "year = {2022}" in text and "origdate = {2021}" in text


def test_paper_page_says_what_is_not_known_yet(site: Build) -> None:
    html = site.html("papers/silva2022citizen")
    text = text_of(html)
    assert "Code announced, not released" in text
    assert "No source was found to write a summary from." in text
    assert 'id="summary"' not in html


def test_paper_pages_stay_out_of_the_navigation(site: Build) -> None:
    home = site.html("")
    assert "papers/berg2021flyways/" not in home.split('class="md-content"')[0]


def test_related_papers_share_tags(site: Build) -> None:
    html = site.html("papers/tanaka2020global")
    related = html.split(">Related papers<")[1]
    found = re.findall(r'href="\.\./([a-z0-9-]+)/"', related)
    # No word in common; by the cosine of the tag sets: silva2022citizen shares three of its
    # four tags, zz2019hostile its only one (citizen science), berg2021flyways one of three.
    assert found[:3] == ["silva2022citizen", "zz2019hostile", "berg2021flyways"]


def test_node_page_lists_its_papers_newest_first(site: Build) -> None:
    html = site.html("taxonomy/method/tracking")
    table = html.split('class="litcat-papers"')[1]
    found = re.findall(r'href="\.\./\.\./\.\./papers/([a-z0-9-]+)/"', table)
    assert found == NEWEST_FIRST_TRACKING
    assert 'href="../gps-tags/"' in html
    edit = f"{REPO_URL}/edit/main/catalog/taxonomy.yaml"
    assert f'href="{edit}"' in html


def test_matrix_cell_counts_and_links_to_the_explorer(site: Build) -> None:
    html = site.html("")
    cell = re.search(
        r'<a href="explorer/\?method=tracking&amp;taxon=waterbirds"[^>]*>(\d+)</a>', html
    )
    assert cell is not None
    assert cell.group(1) == "2"
    empty = re.search(r'href="explorer/\?method=radar&amp;taxon=waterbirds"', html)
    assert empty is None


def test_home_tree_counts(site: Build) -> None:
    html = site.html("")
    tracking = re.search(
        r'href="taxonomy/method/tracking/">Tracking</a> <span class="litcat-count"[^>]*>(\d+)', html
    )
    assert tracking is not None
    assert tracking.group(1) == "4"


def test_feeds_parse_as_atom(site: Build) -> None:
    feeds = sorted((site.site / "feeds").rglob("*.xml"))
    names = {f.relative_to(site.site / "feeds").as_posix() for f in feeds}
    assert names == {
        "catalog.xml",
        "method/tracking.xml",
        "method/citizen-science.xml",
        "taxon/songbirds.xml",
        "taxon/waterbirds.xml",
        "scale/continental.xml",
        "scale/global.xml",
    }
    for feed in feeds:
        assert ET.parse(feed).getroot().tag == f"{ATOM}feed"
    root = ET.parse(site.site / "feeds" / "catalog.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert len(titles) == 6
    assert HOSTILE_TITLE in titles
    first = root.find(f"{ATOM}entry/{ATOM}link")
    assert first is not None
    assert first.get("href", "").startswith(SITE_URL + "papers/")


def test_downloads_exist(site: Build) -> None:
    folder = site.site / "downloads"
    bib = (folder / "catalog.bib").read_text(encoding="utf-8")
    assert bib.count("@") == 6
    data = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    assert len(data["papers"]) == 6
    csl = json.loads((folder / "catalog.csl.json").read_text(encoding="utf-8"))
    assert {item["id"] for item in csl} >= {"berg2021flyways", "zz2019hostile"}
    assert (folder / "catalog.csv").read_text(encoding="utf-8").count("\n") == 7
    assert 'href="catalog.bib"' in site.html("downloads")


def test_search_indexes_each_paper_once_with_its_facts_apart(site: Build) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    paper = docs["papers/berg2021flyways/"]
    assert paper == {
        "location": "papers/berg2021flyways/",
        "title": "Flyways Revisited: GPS Tracks of Arctic Geese",
        "text": "<p>FlyTrack · Anna Berg et al. · Journal of Avian Movement · 2021</p>"
        "<p>GPS logs of two goose species show that spring routes shift east over ten years.</p>",
        "short_name": "FlyTrack",
        # Fields searched but not shown hold words only (see litcat.render.search._terms).
        "authors": "Anna Berg Jonas Lind Émile Durand",
        "venue": "Journal of Avian Movement",
        "year": "2021",
        "taxonomy": "GPS tags Geese Continental",
        # Text, list and choice attributes, as the page shows them; yes/no and counts are not.
        "attributes": "Solar GPS loggers Barnacle goose Greylag goose Field",
    }
    # One entry per paper page: its sections (BibTeX, related papers) are not indexed.
    assert not [loc for loc in docs if loc.startswith("papers/berg2021flyways/#")]
    node = docs["taxonomy/method/gps-tags/"]
    assert node["title"] == "GPS tags"
    assert node["taxonomy"] == "Method Tracking"
    for name in ("short_name", "authors", "venue", "year", "taxonomy", "attributes"):
        assert name in index["config"]["fields"], name


def test_trends_chart_is_inline_svg(site: Build) -> None:
    html = site.html("trends")
    # Four charts, each drawn for wide screens and for phones.
    assert html.count('<svg class="litcat-chart litcat-chart-wide"') == 4
    assert html.count('<svg class="litcat-chart litcat-chart-narrow"') == 4
    assert "Waterbirds, 2020: 1 paper" in html


def test_internal_links_resolve(site: Build) -> None:
    root = site.site
    broken = []
    for page in all_pages(site):
        base = "/" + page.relative_to(root).as_posix()
        if base == "/404.html":
            continue  # its links are absolute, from site_url
        for _tag, link in links_of(page.read_text(encoding="utf-8")):
            parts = urlsplit(urljoin(base, link))
            if parts.scheme or parts.netloc or link.startswith("#"):
                continue
            # The explorer is the explorer producer's page; the matrix links to it already.
            if parts.path == "/explorer/":
                continue
            target = root / unquote(parts.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{base}: {link}")
    assert broken == []


def test_record_and_taxonomy_text_stays_text(site: Build) -> None:
    for page in [*all_pages(site), site.site / "search" / "search_index.json"]:
        html = page.read_text(encoding="utf-8")
        for markup in (
            "<script>alert",
            "<img src=x",
            "<svg onload",
            "<iframe>",
            "<i>*y*",
            "<b>b</b>",
            "<b>bold</b>",
            "<em>bold</em>",
            "<strong>Venue</strong>",
            "<em>em</em>",
            "<em>Star</em>",
        ):
            assert markup not in html, f"{page}: {markup}"
        for _tag, link in links_of(html):
            assert not link.strip().lower().startswith("javascript"), f"{page}: {link}"


def test_hostile_text_reads_as_written(site: Build) -> None:
    html = site.html("papers/zz2019hostile")
    text = text_of(html)
    assert f"{HOSTILE_TITLE} - Bird migration catalog" in text  # the <title>
    assert text.count(HOSTILE_TITLE) >= 2  # <title>, header, heading
    assert "<img src=x onerror=alert(2)>, Ada *Star*" in text
    assert "**Venue** <b>bold</b>" in text
    assert "[click](javascript:alert(3)) _em_ <iframe>" in text
    assert "<script>alert(4)</script>" in text
    assert "<svg onload=alert(5)>" in text
    assert f'<meta name="citation_title" content="{escape_attr(HOSTILE_TITLE)}">' in html
    trends = site.html("trends")
    toc = trends.split('aria-label="Table of contents"')[1]
    assert HOSTILE_DIMENSION in text_of(toc)
    assert HOSTILE_LABEL in text_of(site.html("taxonomy/scale/global"))


def escape_attr(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


def test_render_cli_writes_the_pages_the_plugin_builds(
    cli: Cli, built: tuple[Build, Path], tmp_path: Path
) -> None:
    site, catalog = built
    out = tmp_path / "docs"
    result = cli(
        catalog,
        *[
            "render",
            "--out",
            str(out),
            "--templates",
            str(REPO / "templates"),
            "--site-name",
            "Bird migration catalog",
            "--site-description",
            "Invented papers on bird migration, for the tests.",
            "--site-url",
            SITE_URL,
            "--edit-base",
            f"{REPO_URL}/edit/main/catalog/",
        ],
    )
    assert result.exit_code == 0, result.output
    copy_assets(out)
    bare = mkdocs_build(write_config(tmp_path, None, out), tmp_path / "site")
    assert bare.returncode == 0, bare.output
    pages = [p.relative_to(site.site) for p in all_pages(site)]
    assert len(pages) > 20
    for page in pages:
        if page.parts[0] in ("search", "404.html"):
            continue
        mine = article(site.site / page)
        theirs = article(bare.site / page)
        assert mine == theirs, page


def article(page: Path) -> str:
    """A page's content without its edit buttons (whose target only the plugin knows)."""
    html = page.read_text(encoding="utf-8")
    body = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    body = re.sub(
        r'<a href="[^"]*" title="[^"]*" class="md-content__button.*?</a>', "", body, flags=re.S
    )
    return "\n".join(line.strip() for line in body.splitlines() if line.strip())


def test_the_served_schema_is_the_model_s_schema(built: tuple[Build, Path]) -> None:
    from litcat.core.loader import load_catalog
    from litcat.formats.schema import record_schema

    build, catalog = built
    served = json.loads((build.site / "schema" / "record.json").read_text(encoding="utf-8"))
    taxonomy = load_catalog(catalog).require_taxonomy()
    assert served == record_schema(taxonomy, f"{SITE_URL.rstrip('/')}/schema/record.json")
    assert served["$id"].endswith("/schema/record.json")
