"""``factqa index build --ray [ADDRESS]``: the encoder mapped over batches by Ray Data, the
result written into the Milvus store.

The driver loads and splits the articles (cheap), Ray Data runs the embedding model in one
actor per CPU (on a cluster: across its nodes) and streams the vectors back, and the build then
goes through :func:`index.milvus_build.update_milvus` with those vectors, so the rules are the
usual ones: only new or changed articles are embedded, and the new generation goes live with
one alias switch. Every Ray node needs factqa and the model package installed (same versions).
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np

from index.backends import is_milvus, parse_milvus
from index.errors import StoreError, StoreMissingError

log = logging.getLogger(__name__)

LOCAL = "local"
BATCH_SIZE = 256  # texts per Ray Data batch (one encode call in one actor)


class _Encode:
    """The Ray Data UDF: one model per actor, loaded once, then one ``encode`` per batch."""

    def __init__(self, model: str, threads: int) -> None:
        import torch

        from index.embed import get_embedder

        torch.set_num_threads(max(1, threads))
        self.emb = get_embedder(model)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vecs = self.emb.encode([str(t) for t in batch["text"]])
        return {"i": batch["i"], "vec": vecs}


class PrecomputedEmbedder:
    """An embedder whose vectors were computed elsewhere (looked up by text); anything missing is
    encoded locally, with a warning."""

    def __init__(self, base, vectors: dict[str, np.ndarray]) -> None:
        self.base = base
        self.name = base.name
        self.dimension = base.dimension
        self.runtime = getattr(base, "runtime", "torch")
        self.vectors = vectors

    def count_tokens(self, text: str) -> int:
        return self.base.count_tokens(text)

    def encode(self, texts: list[str], *, progress: bool = False, batch_size: int = 64) -> np.ndarray:
        missing = [t for t in texts if t not in self.vectors]
        if missing:
            log.warning("%d texts had no precomputed vector; encoding them here", len(missing))
            for t, v in zip(missing, self.base.encode(missing, batch_size=batch_size)):
                self.vectors[t] = v
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32, copy=False)


def check_address(address: str) -> str:
    """``local``, ``auto`` or a cluster address; a path here means ``--ray`` swallowed the paths."""
    if address in (LOCAL, "auto") or address.startswith("ray://") or ":" in address:
        return address
    if Path(address).exists():
        raise ValueError(f"--ray took {address!r} as the cluster address; put --ray after the paths "
                         "or write --ray=ADDRESS")
    raise ValueError(f"--ray needs no value (a local Ray), 'auto', ray://HOST:10001 or HOST:6379; got {address!r}")


def embed_with_ray(texts: list[str], model: str, address: str = LOCAL, actors: int | None = None,
                   batch_size: int = BATCH_SIZE) -> tuple[np.ndarray, dict]:
    """Vectors for ``texts`` (in order) computed by Ray Data actors; plus run facts for the report."""
    import ray

    started = False
    if not ray.is_initialized():
        if address == LOCAL:
            ray.init(num_cpus=actors or os.cpu_count() or 1, include_dashboard=False, log_to_driver=False,
                     object_store_memory=256 * 1024 * 1024, configure_logging=False)
        else:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
        started = True
    try:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        n = actors or max(1, cpus)
        t = time.perf_counter()
        ds = ray.data.from_items([{"i": i, "text": s} for i, s in enumerate(texts)])
        ds = ds.map_batches(_Encode, fn_constructor_kwargs={"model": model, "threads": max(1, cpus // n)},
                            batch_size=batch_size, batch_format="numpy", concurrency=n, num_cpus=1)
        out = np.zeros((len(texts), 0), np.float32)
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            if out.shape[1] == 0:
                out = np.zeros((len(texts), batch["vec"].shape[1]), np.float32)
            out[batch["i"]] = batch["vec"]  # Ray does not keep the order; the index does
        return out, {"ray_actors": n, "ray_cpus": cpus, "ray_seconds": time.perf_counter() - t}
    finally:
        if started:
            ray.shutdown()


def build_with_ray(store: str, paths: list, *, address: str = LOCAL, model: str | None = None, max_tokens: int,
                   overlap: int, progress: bool = True, actors: int | None = None, skip_bad: bool = True):
    """``index build`` into a Milvus store with the embeddings computed on Ray; returns a BuildReport."""
    from index.build import segment_article
    from index.embed import get_embedder
    from index.loaders import load_paths
    from index.milvus_build import update_milvus
    from index.milvus_store import disconnect, load_milvus_generation

    if not is_milvus(store):
        raise StoreError(f"--ray writes into a Milvus store; use --store milvus:PATH.db or "
                         f"--store milvus+http://HOST:19530/NAME (got {store})")
    t0 = time.perf_counter()
    spec = parse_milvus(store)
    address = check_address(address)
    loaded = load_paths(list(paths))
    try:
        old = load_milvus_generation(spec)[1].manifest
    except StoreMissingError:
        old = None
    disconnect(spec)  # not idle through the Ray run
    emb = get_embedder(model or (old["model"] if old else None))
    same = (old is not None and old["model"] == emb.name and old["chunking"]["max_tokens"] == max_tokens
            and old["chunking"]["overlap_sentences"] == overlap)
    known = old["articles"] if same else {}
    todo = [a for a in loaded.articles if known.get(a.id) != a.hash]  # the incremental rule, as in _apply
    if loaded.errors and not skip_bad:  # all or nothing: bad input leaves the store as it was
        from index.build import BuildReport

        report = BuildReport(errors=list(loaded.errors), warnings=list(loaded.warnings))
        report.reject()
        report.articles = len(old["articles"]) if old else 0
        return report
    texts: list[str] = []
    for a in todo:
        chunks, sentences = segment_article(a, emb.count_tokens, max_tokens, overlap)
        texts += [c.text for c in chunks] + [s.text for s in sentences]
    texts = list(dict.fromkeys(texts))
    facts: dict = {"ray_actors": 0, "ray_seconds": 0.0}
    vectors: dict[str, np.ndarray] = {}
    if texts:
        log.info("embedding %d texts of %d articles on Ray (%s)", len(texts), len(todo), address)
        vecs, facts = embed_with_ray(texts, emb.name, address, actors)
        vectors = dict(zip(texts, vecs))
    report = update_milvus(store, None, mode="build", model=model, max_tokens=max_tokens, overlap=overlap,
                           progress=progress, articles=loaded.articles, embedder=PrecomputedEmbedder(emb, vectors),
                           examples=loaded.examples)
    report.errors[:0] = loaded.errors
    report.warnings[:0] = loaded.warnings
    report.encode_seconds = facts["ray_seconds"]
    report.seconds = time.perf_counter() - t0
    return report
