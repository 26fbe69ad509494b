"""The theme's frame, learned once and reused on the catalog's pages out of the nav."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

import litcat.plugin as plugin
from litcat.plugin.fragments import FragmentCache

from .sitebuild import HOSTILE_RECORD, make_docs, mkdocs_build, site_files, write_config

TODAY = dt.date(2024, 6, 1)


def test_the_site_is_the_same_byte_for_byte_with_the_frame_reused_or_not(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    papers = catalog_dir / "papers"
    (papers / "hostile2019.yaml").write_text(HOSTILE_RECORD, encoding="utf-8")
    # Enough pages of one frame for it to be learned, checked and reused.
    for n in range(8):
        text = HOSTILE_RECORD.replace("title: '", f"title: 'Copy {n} ", 1)
        (papers / f"copy{n}2019.yaml").write_text(text, encoding="utf-8")
    caches: list[FragmentCache] = []

    def kept() -> FragmentCache:
        caches.append(FragmentCache())
        return caches[-1]

    monkeypatch.setattr(plugin, "FragmentCache", kept)
    sites = {}
    for reuse in (True, False):
        folder = tmp_path / str(reuse)
        folder.mkdir()
        options: dict[str, object] = {"reuse_frame": reuse}
        config = write_config(folder, catalog_dir, make_docs(folder), options=options)
        build = mkdocs_build(config, folder / "site", today=TODAY)
        assert build.returncode == 0, build.output
        sites[reuse] = site_files(folder / "site")
    assert len(caches) == 1
    assert caches[0].reused > 0
    assert sites[True].keys() == sites[False].keys()
    differ = [path for path in sites[True] if sites[True][path] != sites[False][path]]
    assert differ == []


class _Page:
    def __init__(self, title: str) -> None:
        from litcat.plugin.pages import GeneratedFile

        self.title = title
        self.file: object = GeneratedFile.__new__(GeneratedFile)
        self.is_homepage = False
        self.parent = self.previous_page = self.next_page = None
        self.meta = {"title": title}
        self.url = f"papers/{title.lower()}/"
        self.toc: list[object] = []


def _render(cache: FragmentCache, source: str, **values: object) -> str:
    env = jinja2.Environment()
    env.globals["litcat_fragment"] = cache.jinja_global()
    block = '{% call litcat_fragment("b") %}' + source + "{% endcall %}"
    return env.from_string(block).render(**values)


def test_a_block_is_learned_from_two_pages_and_then_reused() -> None:
    cache = FragmentCache()
    source = "<header>{{ page.title }} of {{ site }}</header>"
    titles = [f"Paper{n}" for n in range(12)]
    out = [_render(cache, source, page=_Page(t), site="Atlas") for t in titles]
    assert out == [f"<header>{t} of Atlas</header>" for t in titles]
    assert cache.reused > 0
    assert not any(block.off for block in cache.blocks.values())


def test_a_block_that_depends_on_more_than_the_key_and_title_is_rendered_in_full() -> None:
    cache = FragmentCache()
    source = "<p>{{ page.title }} {{ extra }}</p>"
    pages = [(f"Paper{n}", "same" if n < 3 else f"other{n}") for n in range(12)]
    out = [_render(cache, source, page=_Page(t), extra=e) for t, e in pages]
    # Learned on the first two pages, caught on a check, and rendered in full from there.
    assert out[:3] == [f"<p>{t} {e}</p>" for t, e in pages[:3]]
    assert all(block.off for block in cache.blocks.values())
    assert out[4:] == [f"<p>{t} {e}</p>" for t, e in pages[4:]]


def test_pages_in_the_nav_or_written_by_hand_are_rendered_in_full() -> None:
    cache = FragmentCache()
    page = _Page("Paper")
    page.file = object()  # not a generated file
    for _ in range(4):
        assert _render(cache, "{{ page.title }}", page=page) == "Paper"
    assert cache.reused == 0 and cache.blocks == {}
