"""What papers/ can hold besides records: each thing is named, never followed or waited on.

Symbolic links (to a record, to nowhere, in a loop), FIFOs, sockets, folders, an unreadable
folder, and the writer's own leftovers. ``validate``, ``fmt`` and the site build each say what
they found, with its path, and stop with exit 1 (or, for a leftover, warn and go on).
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from litcat.core.loader import load_catalog
from litcat.store.writer import write_atomic

from .conftest import Cli
from .sitebuild import make_docs, mkdocs_build, write_config

# A command that would block on a FIFO is stopped after this long; the commands take < 5 s.
HANG = 60


def symlink_loop(papers: Path) -> str:
    (papers / "loop-a.yaml").symlink_to("loop-b.yaml")
    (papers / "loop-b.yaml").symlink_to("loop-a.yaml")
    return "loop-a.yaml"


def self_loop(papers: Path) -> str:
    (papers / "self.yaml").symlink_to("self.yaml")
    return "self.yaml"


def dangling(papers: Path) -> str:
    (papers / "gone.yaml").symlink_to("/nonexistent/gone.yaml")
    return "gone.yaml"


def to_a_record(papers: Path) -> str:
    target = next(p for p in sorted(papers.glob("*.yaml")))
    (papers / "alias.yaml").symlink_to(target.name)
    return "alias.yaml"


def loop_folder(papers: Path) -> str:
    (papers / "sub").symlink_to(".")
    return "sub"


def fifo(papers: Path) -> str:
    os.mkfifo(papers / "pipe.yaml")
    return "pipe.yaml"


def fifo_no_suffix(papers: Path) -> str:
    os.mkfifo(papers / "pipe")
    return "pipe"


def unix_socket(papers: Path) -> str:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(papers / "sock.yaml"))
    sock.close()
    return "sock.yaml"


HOSTILE: dict[str, tuple[Callable[[Path], str], str]] = {
    "symlink loop": (symlink_loop, "symbolic link"),
    "self loop": (self_loop, "symbolic link"),
    "dangling link": (dangling, "symbolic link"),
    "link to a record": (to_a_record, "symbolic link"),
    "folder loop": (loop_folder, "symbolic link"),
    "FIFO": (fifo, "FIFO"),
    "FIFO without .yaml": (fifo_no_suffix, "FIFO"),
    "socket": (unix_socket, "socket"),
}


@contextmanager
def stopped_after(seconds: int) -> Iterator[None]:
    """A command that blocks (on a FIFO, say) is stopped by a signal after ``seconds``: the
    test fails instead of the run. Signals reach the main thread only, where tests run."""
    assert threading.current_thread() is threading.main_thread()

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(cli: Cli, root: Path, *args: str) -> Result:
    """``litcat`` on ``root`` in this process, stopped if it hangs; an exception it lets out (a
    hang's among them) fails the test whatever the exit status."""
    with stopped_after(HANG):
        result = cli(root, *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("command", [["validate"], ["fmt", "--check"], ["fmt"]])
def test_hostile_entries_are_named_not_read(
    cli: Cli, catalog_dir: Path, case: str, command: list[str]
) -> None:
    make, what = HOSTILE[case]
    name = make(catalog_dir / "papers")
    result = run(cli, catalog_dir, *command)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exit_code == 1, (result.stdout, result.stderr)
    if command == ["validate"]:
        line = next(x for x in result.stdout.splitlines() if x.startswith(f"papers/{name}:"))
        assert line.startswith(f"papers/{name}:1:1: is "), line
        assert what in line, line


@pytest.mark.parametrize("case", ["symlink loop", "FIFO"])
def test_the_site_build_names_them_too(catalog_dir: Path, tmp_path: Path, case: str) -> None:
    name = HOSTILE[case][0](catalog_dir / "papers")
    config = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    with stopped_after(HANG):
        build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output
    assert f"papers/{name}:1:1: is " in build.output


def test_a_fifo_taxonomy_is_reported_not_waited_on(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "taxonomy.yaml").unlink()
    os.mkfifo(catalog_dir / "taxonomy.yaml")
    result = run(cli, catalog_dir, "validate")
    assert result.exit_code == 1
    assert "taxonomy.yaml:1:1: " in result.stdout and "FIFO" in result.stdout


def test_an_unreadable_papers_folder_is_reported(
    cli: Cli, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root too, whom no folder mode stops: the refusal is made by hand.
    real = os.scandir

    def refuse(path: Any) -> Any:
        if Path(path).name == "papers":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert result.stdout == "papers:1:1: cannot read the folder: Permission denied\n"


# -- the writer's leftovers -----------------------------------------------------------------------

LEFTOVERS = [".example2024one.yaml.k2j4_x9a.tmp", ".gone2024paper.yaml.abcdefgh.tmp"]


def interrupted_write(papers: Path, name: str) -> None:
    """What write_atomic leaves when it is killed between writing and renaming."""
    (papers / name).write_text("title: Half\n", encoding="utf-8")


@pytest.mark.parametrize("name", LEFTOVERS)
def test_a_leftover_is_a_warning_with_what_to_do(cli: Cli, catalog_dir: Path, name: str) -> None:
    interrupted_write(catalog_dir / "papers", name)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 0, result.output
    record = name[1:].rsplit(".", 2)[0]
    assert result.stdout.startswith(
        f"papers/{name}:1:1: warning: left over from an interrupted write of papers/{record} "
        "(compare it with that record"
    ), result.stdout
    assert cli(catalog_dir, "validate", "--strict").exit_code == 1


def test_a_leftover_does_not_fail_a_strict_site_build(catalog_dir: Path, tmp_path: Path) -> None:
    interrupted_write(catalog_dir / "papers", LEFTOVERS[0])
    config = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_leftover_pattern_is_the_writers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pattern the loader knows is the name write_atomic really gives its temporary file."""
    papers = tmp_path / "papers"
    seen: list[str] = []

    def crash(fd: int) -> None:
        seen.extend(p.name for p in papers.iterdir())
        raise OSError("disk gone")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk gone"):
        write_atomic(papers / "x2024y.yaml", "title: X\n")
    from litcat.core.reading.files import LEFTOVER

    assert len(seen) == 1 and LEFTOVER.match(seen[0]), seen


@pytest.mark.parametrize("name", [".hidden.yaml", ".x.yaml.tmp", "x.yaml.abc.tmp", ".x.yml.ab.tmp"])
def test_other_dotfiles_are_not_taken_for_leftovers(catalog_dir: Path, name: str) -> None:
    (catalog_dir / "papers" / name).write_text("x: 1\n", encoding="utf-8")
    problems = [p for p in load_catalog(catalog_dir).problems if p.file == f"papers/{name}"]
    assert problems and all(p.is_error for p in problems), problems
