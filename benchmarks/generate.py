"""Synthetic valid catalogs: N papers spread over a taxonomy, with realistic field lengths.

The generator knows nothing of any field of research: it reads the dimensions, nodes and
attributes of the taxonomy it is given and invents records that use them, with tags skewed
towards a few popular nodes as in real catalogs. Every record goes through the model and the
canonical writer, so a generated catalog validates with no problem (given at least as many
papers as the taxonomy has nodes; fewer would leave nodes unused, which is a warning).

    python -m benchmarks.generate OUT --papers 1000 [--taxonomy FILE] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

from litcat.core.catalog import PAPERS_DIR, TAXONOMY_FILE, Catalog
from litcat.core.ids import slug, title_key
from litcat.core.loader import load_taxonomy
from litcat.core.models import Paper
from litcat.core.taxonomy import Attribute, Dimension, Taxonomy
from litcat.store.writer import record_text

HERE = Path(__file__).parent
REPO = HERE.parent
# Bump when the records change, so that cached catalogs are made again.
VERSION = 2
STAMP = "GENERATED"


def words(text: str) -> list[str]:
    return text.split()


FIRST = words(
    "Ana Bo Chen Dara Elif Farid Greta Hana Ivan Jun Kofi Lena Mateo Nadia Omar Priya Quinn "
    "Rosa Sven Tariq Uma Viktor Wen Ximena Yusuf Zofia Aiko Bruno Carmen Dmitri Esther Felix "
    "Gabriel Ingrid Jonas Kavya Lucas Maren Nikolai Olga"
)
LAST = words(
    "Abe Bauer Castillo Dubois Eriksen Fischer Garcia Haddad Ito Jensen Kowalski Larsen "
    "Moreau Nakamura Okafor Petrov Quispe Rossi Schmidt Tanaka Usman Varga Weber Xu Yamada "
    "Zhang Alvarez Becker Costa Da Silva Evans Fernandes Gupta Horvath Ivanova Jovanovic Kim "
    "Lindqvist Mensah Novak Oliveira Park Ramos Santos Takahashi Ueda Van Dijk Wang Yilmaz "
    "Ziegler"
)
ADJECTIVES = words(
    "scalable robust efficient generalizable hierarchical sample-efficient interpretable "
    "multi-task adaptive grounded compositional safe long-horizon zero-shot few-shot "
    "self-supervised contrastive structured"
)
NOUNS = words(
    "learning control planning representations policies rewards agents priors skills feedback "
    "models objectives trajectories demonstrations embeddings guidance"
)
VENUES = (
    "International Conference on Learning Representations",
    "Conference on Neural Information Processing Systems",
    "International Conference on Machine Learning",
    "Transactions on Machine Learning Research",
    "Journal of Machine Learning Research",
    "Annual Conference on Learning Theory and Applications",
    "Workshop on Foundation Models for Decision Making",
    "Letters on Intelligent Systems",
)
SYLLABLES = words("ka ro mi tu ze na vo li qu ex ar ion tra sy pho neo gen dex mo ra")


def choose_taxonomy(repo: Path = REPO) -> Path:
    """The repository's own taxonomy once it has one, else the benchmarks' stand-in."""
    real = repo / TAXONOMY_FILE
    return real if real.is_file() else HERE / TAXONOMY_FILE


def generate(out: Path, papers: int, taxonomy_file: Path, seed: int = 0) -> Path:
    """Write a catalog of ``papers`` records into ``out``; reuse it if it is already there."""
    stamp = f"{VERSION} {papers} {seed}\n{taxonomy_file.read_text(encoding='utf-8')}"
    if (out / STAMP).is_file() and (out / STAMP).read_text(encoding="utf-8") == stamp:
        return out
    if out.exists():
        shutil.rmtree(out)
    (out / PAPERS_DIR).mkdir(parents=True)
    shutil.copyfile(taxonomy_file, out / TAXONOMY_FILE)
    taxonomy, doc = load_taxonomy(out)
    if taxonomy is None:
        raise SystemExit("\n".join(str(p) for p in doc.problems))
    catalog = Catalog(out, taxonomy)
    maker = RecordMaker(taxonomy, random.Random(seed))
    for i in range(papers):
        paper = maker.paper(i)
        # A fresh scratch folder holds nothing to lose, so plain writes (no fsync) will do.
        path = out / PAPERS_DIR / f"{paper.id}.yaml"
        path.write_text(record_text(paper, catalog.taxonomy), encoding="utf-8")
    (out / STAMP).write_text(stamp, encoding="utf-8")
    return out


class RecordMaker:
    """Invents one record at a time; ids, titles, arXiv ids and DOIs never repeat."""

    def __init__(self, taxonomy: Taxonomy, rng: random.Random) -> None:
        self.taxonomy = taxonomy
        self.rng = rng
        self.titles: set[str] = set()
        self.arxiv: set[str] = set()
        # Record i < len(every_node) is tagged with node i, so every node has a paper.
        self.every_node = list(taxonomy.all_nodes())

    def paper(self, i: int) -> Paper:
        rng = self.rng
        year = min(2025, 2015 + int(rng.betavariate(4, 1.5) * 11))
        authors = [self.name() for _ in range(rng.choice((1, 2, 3, 3, 4, 4, 5, 6, 8, 12)))]
        tags = self.tags(i)
        labels = [self.taxonomy.node(d, v).node.label for d, vs in tags.items() for v in vs]  # type: ignore[union-attr]
        framework = self.framework()
        title = self.title(framework, labels)
        data: dict[str, Any] = {
            "id": f"{slug(authors[0].split()[-1])}{year}{slug(title.split()[1])}-{i:x}",
            "title": title,
            "short_name": framework,
            "authors": authors,
            "year": year,
            "tags": tags,
            "attributes": self.attributes(framework),
            "summary": self.summary(labels),
            "added": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700)),
        }
        data.update(self.identifiers(i, year))
        data.update(self.venue_and_links(framework, year))
        # Every record rests on a primary page, as the catalog's expectations ask.
        primary = f"https://arxiv.org/abs/{data['arxiv']}" if "arxiv" in data else None
        primary = primary or f"https://doi.org/10.5555/bench.{i}"
        data["sources"] = [primary, *data.get("sources", [])]
        return Paper.model_validate(data)

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def framework(self) -> str:
        parts = self.rng.sample(SYLLABLES, self.rng.choice((2, 3)))
        return "".join(parts).capitalize() + self.rng.choice(("", "", "-2", "++", "X"))

    def title(self, framework: str, labels: list[str]) -> str:
        rng = self.rng
        while True:
            topic = " and ".join(label.lower() for label in rng.sample(labels, min(2, len(labels))))
            title = (
                f"{framework}: {rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} "
                f"with {topic or rng.choice(NOUNS)} for {rng.choice(ADJECTIVES)} "
                f"{rng.choice(NOUNS)}"
            )
            if title_key(title) not in self.titles:
                self.titles.add(title_key(title))
                return title
            framework = self.framework()

    def tags(self, i: int) -> dict[str, list[str]]:
        tags: dict[str, list[str]] = {}
        for dim in self.taxonomy.dimensions:
            if self.rng.random() < 0.85:
                tags[dim.id] = self.nodes_for(dim)
        if i < len(self.every_node):
            info = self.every_node[i]
            tags[info.dimension] = [info.id]
        return {d.id: tags[d.id] for d in self.taxonomy.dimensions if d.id in tags}

    def nodes_for(self, dim: Dimension) -> list[str]:
        """1 to 3 nodes, the first ones of the tree the most popular; never a node and its
        ancestor together (the child implies the ancestor)."""
        infos = list(self.taxonomy.nodes(dim.id).values())
        weights = [1 / (rank + 1) for rank in range(len(infos))]
        wanted = 1 if not dim.multiple else self.rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 2, 3))
        chosen: list[str] = []
        for info in self.rng.choices(infos, weights, k=wanted * 2):
            related = any(info.id in self.taxonomy.node(dim.id, c).path for c in chosen)  # type: ignore[union-attr]
            if not related and not any(c in info.path for c in chosen) and len(chosen) < wanted:
                chosen.append(info.id)
        return chosen

    def attributes(self, framework: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for attr in self.taxonomy.attributes:
            if self.rng.random() < 0.8:
                values[attr.id] = self.attribute(attr, framework)
        return values

    def attribute(self, attr: Attribute, framework: str) -> Any:
        rng = self.rng
        if attr.type == "choice":
            return rng.choice(attr.choices).id
        if attr.type == "bool":
            return rng.random() < 0.5
        if attr.type == "int":
            return rng.randrange(1, 60)
        if attr.type == "list":
            return [
                f"{self.framework()}-{rng.choice(('S', 'B', 'L', '7B', '13B', 'v2'))}"
                for _ in range(rng.choice((1, 1, 2, 3, 4)))
            ]
        if attr.id == "framework":
            return framework
        return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}, {rng.choice(NOUNS)}"

    def summary(self, labels: list[str]) -> str:
        rng = self.rng
        topic = labels[0].lower() if labels else rng.choice(NOUNS)
        return (
            f"Uses {topic} to make {rng.choice(NOUNS)} more {rng.choice(ADJECTIVES)}, and "
            f"shows {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} on {rng.randrange(2, 40)} tasks "
            f"against {rng.randrange(2, 9)} baselines."
        )

    def identifiers(self, i: int, year: int) -> dict[str, Any]:
        rng = self.rng
        out: dict[str, Any] = {}
        if rng.random() < 0.85:
            while True:
                arxiv = f"{year % 100:02d}{rng.randrange(1, 13):02d}.{rng.randrange(10000, 99999)}"
                if arxiv not in self.arxiv:
                    self.arxiv.add(arxiv)
                    out["arxiv"] = arxiv
                    break
        if rng.random() < 0.3:
            out["doi"] = f"10.{rng.randrange(1000, 99999)}/bench.{year}.{i:06d}"
        return out

    def venue_and_links(self, framework: str, year: int) -> dict[str, Any]:
        rng = self.rng
        name = framework.lower().replace("+", "p")
        out: dict[str, Any] = {}
        if rng.random() < 0.7:
            out["venue"] = rng.choice(VENUES)
            out["venue_year"] = year + rng.choice((0, 0, 1))
            out["venue_confirmed"] = rng.random() < 0.9
        links: dict[str, str] = {}
        if rng.random() < 0.4:
            links["paper"] = f"https://proceedings.example.org/paper/{rng.randrange(10**6)}.pdf"
        if rng.random() < 0.5:
            links["code"] = f"https://git.example.org/{slug(self.name())}/{name}"
        if rng.random() < 0.3:
            links["project"] = f"https://{name}.example.io/"
        out["links"] = links
        if rng.random() < 0.6:
            out["sources"] = [f"https://index.example.org/record/{rng.randrange(10**8)}"]
        if rng.random() < 0.05:
            out["notes"] = "The venue is given by the authors' page only; check it again."
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--taxonomy", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.out, args.papers, args.taxonomy or choose_taxonomy(), args.seed)


if __name__ == "__main__":
    main()
