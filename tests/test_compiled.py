"""Templates compiled once per process: each environment gets code compiled for its own
settings, and an edited template is compiled again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2.bccache import Bucket

from litcat.render.compiled import COMPILED, CompiledTemplates, environment_key, keep_compiled

from .sitebuild import make_docs, mkdocs_build, write_config


def env_of(folder: Path, cache: CompiledTemplates, **settings: object) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=cache,
        auto_reload=True,
        **settings,  # type: ignore[arg-type]
    )


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    cache = CompiledTemplates()
    (tmp_path / "t.html").write_text("one {{ x }}", encoding="utf-8")
    assert env_of(tmp_path, cache).get_template("t.html").render(x=1) == "one 1"
    assert len(cache.compiled) == 1
    (tmp_path / "t.html").write_text("two {{ x }}", encoding="utf-8")
    assert env_of(tmp_path, cache).get_template("t.html").render(x=1) == "two 1"


@pytest.mark.parametrize(
    ("source", "settings", "pages"),
    [
        ("{{ x }}", {"autoescape": True}, ("&lt;b&gt;", "<b>")),
        ("{% if 1 %}\n{{ x }}{% endif %}", {"trim_blocks": True}, ("<b>", "\n<b>")),
        ("{{ x }}\n", {"keep_trailing_newline": True}, ("<b>\n", "<b>")),
        (
            "[[ x ]]",
            {"variable_start_string": "[[", "variable_end_string": "]]"},
            ("<b>", "[[ x ]]"),
        ),
    ],
)
def test_environments_of_other_settings_get_their_own_code(
    tmp_path: Path, source: str, settings: dict[str, object], pages: tuple[str, str]
) -> None:
    (tmp_path / "t.html").write_text(source, encoding="utf-8")
    cache = CompiledTemplates()
    for these, page in zip((settings, {}), pages, strict=True):
        for _ in range(2):  # the second time from the cache
            assert env_of(tmp_path, cache, **these).get_template("t.html").render(x="<b>") == page
    assert len(cache.compiled) == 2


def test_a_filter_that_takes_the_context_is_compiled_as_such(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ 'a' | f }}", encoding="utf-8")
    cache = CompiledTemplates()

    def plain(value: str) -> str:
        return value + "!"

    @jinja2.pass_context
    def with_context(context: jinja2.runtime.Context, value: str) -> str:
        return value + str(context.get("mark"))

    first, second = env_of(tmp_path, cache), env_of(tmp_path, cache)
    first.filters["f"] = plain
    second.filters["f"] = with_context
    assert environment_key(first, "t.html") != environment_key(second, "t.html")
    assert first.get_template("t.html").render() == "a!"
    assert second.get_template("t.html").render(mark="?") == "a?"


def test_the_cache_is_the_theme_s_only_where_it_had_none(tmp_path: Path) -> None:
    env = jinja2.Environment()
    keep_compiled(env)
    assert isinstance(env.bytecode_cache, CompiledTemplates)
    own = jinja2.FileSystemBytecodeCache(str(tmp_path))
    env = jinja2.Environment(bytecode_cache=own)
    keep_compiled(env)
    assert env.bytecode_cache is own


def test_a_second_build_in_one_process_is_the_same_site(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme's templates come from the cache the second time, and make the same pages."""
    loaded: list[tuple[str, bool]] = []
    get_bucket = COMPILED.get_bucket

    def spy(
        environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        bucket = get_bucket(environment, name, filename, source)
        loaded.append((name, bucket.code is not None))
        return bucket

    monkeypatch.setattr(COMPILED, "get_bucket", spy)
    compiled: list[str | None] = []
    compile_source = jinja2.Environment.compile

    def compile_spy(env: jinja2.Environment, source: Any, name: str | None = None, *a: Any) -> Any:
        compiled.append(name)
        return compile_source(env, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_spy)
    config = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    sites = []
    for name in ("first", "second"):
        loaded.clear()
        compiled.clear()
        build = mkdocs_build(config, tmp_path / name)
        assert build.returncode == 0, build.output
        sites.append(
            {
                str(p.relative_to(build.site)): p.read_bytes()
                for p in sorted(build.site.rglob("*"))
                if p.is_file() and p.suffix != ".gz"
            }
        )
    # Material's main.html (and the catalog's paper template) came compiled the second time,
    # and nothing was compiled again: not even the language template the search plugin reads
    # in environments of its own.
    assert ("main.html", True) in loaded and ("paper.md.j2", True) in loaded
    assert compiled == [], compiled
    assert sites[0] == sites[1]
