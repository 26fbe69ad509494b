"""Measures of litcat discover (``python -m benchmarks.discover``), written to DISCOVER.md.

1. Tag suggestions, leaving each record of the repository's catalog out in turn
   (:func:`litcat.intake.discover.evaluate`).
2. Ranking: the catalog split in 5 folds by id; for each fold, the model learned from the other
   four ranks the fold's titles among off-topic titles (the HEPML living review's BibTeX and
   the two awesome-lists of ../shared/corpora). Titles only on both sides, since the off-topic
   entries have no abstracts.
3. Time: discover over a generated 10,000-record catalog and a 2,000-entry Atom answer, in
   process (loading the catalog apart) and as the command line runs it.
4. Related papers on the site (:mod:`litcat.render.related`, the same similarity in plain
   Python): on this catalog, how often a paper's closest paper by text (scikit-learn's cosine)
   is among its related papers, and how many related papers share a tag with the paper; and
   the CPU time of computing them for generated catalogs of 2,000 and 10,000 records.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

from litcat.core.loader import load_catalog
from litcat.intake import discover as finding

from .generate import generate

HERE = Path(__file__).parent
REPO = HERE.parent
CORPORA = REPO.parent / "shared" / "corpora"
OUT = HERE / "out"
REPORT = HERE / "DISCOVER.md"
FOLDS = 5


def off_topic_titles() -> list[str]:
    titles: list[str] = []
    bib = (CORPORA / "HEPML.bib").read_text(encoding="utf-8")
    titles += [t.strip("{} ") for t in re.findall(r'^\s*title\s*=\s*"(.+)",?\s*$', bib, re.M)]
    nerf = (CORPORA / "lists" / "awesome-NeRF__awesome-NeRF.md").read_text(encoding="utf-8")
    titles += re.findall(r"^\s*[-*] \[([^\]]{20,})\]\(http", nerf, re.M)
    gnn = (CORPORA / "lists" / "thunlp__GNNPapers.md").read_text(encoding="utf-8")
    titles += re.findall(r"^\d+\. \*\*(.+?)\.?\*\*", gnn, re.M)
    return list(dict.fromkeys(t for t in titles if t))


def ranking() -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    catalog = load_catalog(REPO)
    assert catalog.taxonomy is not None
    papers = sorted(catalog.papers.values(), key=lambda p: p.id)
    dims = [d.id for d in catalog.taxonomy.dimensions]
    negatives = off_topic_titles()
    hits_at_k = 0
    hits_at_20 = 0
    aucs = []
    for fold in range(FOLDS):
        test = [p for i, p in enumerate(papers) if i % FOLDS == fold]
        train = [p for i, p in enumerate(papers) if i % FOLDS != fold]
        model = finding.Model(train, dims)
        texts = [p.title for p in test] + negatives
        sims = model.similarities(texts)
        scores = [model.closeness(row, text) for row, text in zip(sims, texts, strict=True)]
        labels = [1] * len(test) + [0] * len(negatives)
        order = sorted(range(len(texts)), key=lambda i: -scores[i])
        hits_at_k += sum(labels[i] for i in order[: len(test)])
        hits_at_20 += sum(labels[i] for i in order[:20])
        aucs.append(float(roc_auc_score(labels, scores)))
    return {
        "catalog": len(papers),
        "off_topic": len(negatives),
        "precision_at_fold": hits_at_k / len(papers),
        "precision_at_20": hits_at_20 / (20 * FOLDS),
        "auc": sum(aucs) / len(aucs),
    }


def timing() -> dict[str, float]:
    root = generate(OUT / "n10000", 10_000, REPO / "taxonomy.yaml")
    titles = off_topic_titles()[:2000]
    entries = [
        f"<entry><id>http://arxiv.org/abs/2612.{i:05d}v1</id>"
        f"<published>2026-12-01T00:00:00Z</published><title>{escape(t)}</title>"
        f"<summary>{escape(t)}</summary><author><name>A. Author</name></author></entry>"
        for i, t in enumerate(titles)
    ]
    answer = OUT / "answer-2000.xml"
    answer.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom">' + "".join(entries) + "</feed>",
        encoding="utf-8",
    )
    catalog = load_catalog(root)
    start = time.perf_counter()
    cpu = time.process_time()
    candidates = finding.parse_candidates(answer.read_bytes())
    report = finding.discover(catalog, candidates, {})
    work = time.perf_counter() - start
    work_cpu = time.process_time() - cpu
    start = time.perf_counter()
    litcat = Path(sys.executable).parent / "litcat"
    subprocess.run(
        [str(litcat), "--root", str(root), "discover", "--from", str(answer), "--format", "json"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    return {
        "entries": len(candidates),
        "offered": len(report.found),
        "work": work,
        "work_cpu": work_cpu,
        "wall": wall,
        "load": os.getloadavg()[0],
    }


def related() -> dict[str, float]:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from litcat.core.similarity import paper_text
    from litcat.render.related import RELATED, related_papers

    catalog = load_catalog(REPO)
    dims = catalog.require_taxonomy().dimension_ids()
    order = sorted(catalog.papers)
    vectorizer = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1
    )
    matrix = vectorizer.fit_transform([paper_text(catalog.papers[p]) for p in order])
    sims = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sims, -1.0)
    found = related_papers(catalog, dims, RELATED)
    with_text = [i for i in range(len(order)) if sims[i].max() > 0]
    closest = sum(order[int(np.argmax(sims[i]))] in found[order[i]] for i in with_text)
    shown = [(p, q) for p in order for q in found[p]]
    tagged = sum(
        any(set(catalog.direct_nodes(p, d)) & set(catalog.direct_nodes(q, d)) for d in dims)
        for p, q in shown
    )
    out: dict[str, float] = {
        "papers": len(order),
        "with_text": len(with_text),
        "closest": closest,
        "shown": len(shown),
        "tagged": tagged,
    }
    for size in (2_000, 10_000):
        generated = load_catalog(generate(OUT / f"n{size}", size, REPO / "taxonomy.yaml"))
        runs = []
        for _ in range(3):
            start = time.process_time()
            related_papers(generated, generated.require_taxonomy().dimension_ids(), RELATED)
            runs.append(time.process_time() - start)
        out[f"cpu_{size}"] = sorted(runs)[1]
    return out


def main() -> None:
    catalog = load_catalog(REPO)
    scores = finding.evaluate(catalog)
    rank = ranking()
    times = timing()
    near = related()
    lines = [
        "# litcat discover: measures",
        "",
        "Written by `python -m benchmarks.discover` (see its docstring for the method).",
        "",
        f"## Tag suggestions, leave-one-out, on this catalog ({len(catalog.papers)} records)",
        "",
        "| dimension | records tagged | suggested | top-tag precision | precision, all "
        "suggested nodes |",
        "|---|---|---|---|---|",
    ]
    for s in scores:
        lines.append(
            f"| {s.dimension} | {s.records} | {s.suggested} | "
            f"{s.top_precision:.2f} ({s.top_right}/{s.suggested}) | "
            f"{s.precision:.2f} ({s.nodes_right}/{s.nodes_suggested}) |"
        )
    top = sum(s.top_right for s in scores) / max(1, sum(s.suggested for s in scores))
    lines += [
        "",
        f"All dimensions: top-tag precision {top:.2f}.",
        "",
        "## Ranking against off-topic papers",
        "",
        f"{rank['catalog']} catalog titles (5 folds) among {rank['off_topic']} off-topic titles.",
        "",
        f"- catalog papers among the top *n* (n = the fold's size): "
        f"{rank['precision_at_fold']:.2f}",
        f"- catalog papers among the top 20: {rank['precision_at_20']:.2f}",
        f"- ROC AUC (mean over folds): {rank['auc']:.3f}",
        "",
        "## Time",
        "",
        f"10,000 generated records, an answer of {times['entries']} entries "
        f"({times['offered']} offered): discover itself {times['work']:.1f} s "
        f"({times['work_cpu']:.1f} s CPU); the command line, start to end, "
        f"{times['wall']:.1f} s (load average {times['load']:.1f} on {os.cpu_count()} CPUs).",
        "",
        "## Related papers on the site",
        "",
        f"On this catalog ({near['papers']:.0f} records): for {near['closest']:.0f} of the "
        f"{near['with_text']:.0f} records that share a word with another, the closest record by "
        "text (scikit-learn's TF-IDF cosine) is among the related papers of its page; "
        f"{near['tagged']:.0f} of the {near['shown']:.0f} related papers listed share a tag "
        "with the paper.",
        "",
        f"CPU time of the related papers of every record (median of 3, in process): "
        f"2,000 generated records {near['cpu_2000']:.2f} s, 10,000 {near['cpu_10000']:.2f} s.",
        "",
    ]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
