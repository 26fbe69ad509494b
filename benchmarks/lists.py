r"""Reading a Markdown list grows linearly with the file: ``read_list`` timed on generated lists
of 1, 2, 4 and 8 MB, in the two shapes that once were quadratic (many bullets of a few links, and
one bullet that links thousands of papers), one whose text after its title is a long run of
spaces and commas (a venue reader that searched it with ``[\s,]+`` took 7.9 s at 40 kB), and
one whose title is followed by thousands of labels without links (``[Code]``: a reader that
searched for the last label again after each cut took 21 s at 56 kB).

    python -m benchmarks.lists [--sizes 1 2 4 8] [--runs 3]

Prints, per shape and size, the best of the runs in seconds and the seconds per MB: a linear
reader keeps the second figure flat as the size doubles.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from litcat.intake.lists.read import read_list

MB = 1_000_000


def bullets(size: int) -> str:
    """Bullets in awesome-list style, each with a title link, authors, a venue and two links."""
    out = ["# A generated list", "", "## Papers", ""]
    n = 0
    total = 0
    while total < size:
        n += 1
        line = (
            f"- [Paper number {n} on learning things](https://arxiv.org/abs/{2001 + n % 900}."
            f"{n % 100000:05d}), Author{n} et al., ICML {2000 + n % 25} |"
            f" [github](https://github.com/owner{n}/repo{n}) | [project](https://p{n}.github.io/)"
        )
        out.append(line)
        total += len(line) + 1
    return "\n".join(out) + "\n"


def one_bullet(size: int) -> str:
    """One bullet that links many papers (a list's 'see also' line)."""
    parts = ["- Related: "]
    n = 0
    total = 0
    while total < size:
        n += 1
        link = f"[{n}](https://arxiv.org/abs/{2001 + n % 900}.{n % 100000:05d}) "
        parts.append(link)
        total += len(link)
    return "".join(parts) + "\n"


def long_tail(size: int) -> str:
    """One bullet whose text after the title is a long run of spaces, then of commas."""
    half = size // 2
    return f"- [A title](https://arxiv.org/abs/2001.00001){' ' * half}{', ' * (half // 2)}x\n"


def labels(size: int) -> str:
    """One bullet whose title is followed by labels without links ("[Code] [Page]")."""
    return f"- [[CoRL](https://arxiv.org/abs/2001.00001)] A title{' [Code]' * (size // 7)}\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "bullets": bullets,
    "one bullet": one_bullet,
    "long tail": long_tail,
    "labels": labels,
}


def best_of(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_list(text, "list.md")
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4, 8], help="MB")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| shape | size | best of runs | seconds per MB |")
    print("|---|---|---|---|")
    for shape, make in SHAPES.items():
        for size in args.sizes:
            text = make(size * MB)
            seconds = best_of(text, args.runs)
            print(
                f"| {shape} | {len(text.encode()) / MB:.1f} MB | {seconds:.2f} s |"
                f" {seconds / (len(text.encode()) / MB):.2f} |"
            )


if __name__ == "__main__":
    main()
