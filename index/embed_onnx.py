"""The sentence-transformers encoder on onnxruntime: exported once from the local weights.

``OnnxEmbedder`` gives the same vectors as ``SentenceTransformer.encode`` (mean pooling over the
attention mask, L2-normalised; max |difference| ~1e-6 on MiniLM) without importing torch at query
time: the tokenizer is the model's own ``tokenizer.json`` read by ``tokenizers``, the network is an
ONNX graph run by ``onnxruntime``. The graph is exported once per model folder with
``torch.onnx.export`` from the installed weights (no download) into
``$FACTQA_CACHE/onnx/<model>-<weights sha256[:12]>/`` (default ``~/.cache/factqa``), under a file
lock, written to a temp folder and renamed, so an interrupted export never leaves half a model.
``runtime="onnx-int8"`` additionally quantises the graph's weights to int8 (onnxruntime's dynamic
quantisation) into the same folder.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import threading
from pathlib import Path

import numpy as np

from index.errors import StoreError
from index.types import file_sha256

log = logging.getLogger(__name__)

_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# A batch holds at most batch_size * TOKENS_PER_TEXT padded tokens, so a batch of 256-token texts
# is a quarter of batch_size: attention buffers grow with batch x length^2 and onnxruntime's arena
# keeps the largest (peak RSS; measured in docs/PERFORMANCE.md).
TOKENS_PER_TEXT = 64


def cache_root() -> Path:
    return Path(os.environ.get("FACTQA_CACHE", Path.home() / ".cache" / "factqa")) / "onnx"


def _weights_file(model_dir: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (model_dir / name).is_file():
            return model_dir / name
    raise StoreError(f"no model weights (model.safetensors or pytorch_model.bin) in {model_dir}")


def weights_digest(weights: Path) -> str:
    """sha256 of the weights file, remembered per (path, size, mtime) in the cache: hashing 90 MB
    on every cold start cost a quarter of a second of a one-shot ``factqa ask``."""
    st = weights.stat()
    stamp = {"path": str(weights.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    memo = cache_root() / "digests" / (hashlib.sha256(stamp["path"].encode()).hexdigest()[:16] + ".json")
    try:
        known = json.loads(memo.read_text(encoding="utf-8"))
        if {k: known.get(k) for k in stamp} == stamp and isinstance(known.get("sha256"), str):
            return known["sha256"]
    except (OSError, ValueError):
        pass  # not remembered yet, or an unreadable memo: hash again
    digest = file_sha256(weights)
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(f".{memo.name}.{secrets.token_hex(4)}.tmp")
        tmp.write_text(json.dumps({**stamp, "sha256": digest}), encoding="utf-8")
        os.replace(tmp, memo)
    except OSError as exc:  # a read-only cache only costs the hash next time
        log.debug("cannot remember the weights digest in %s: %s", memo, exc)
    return digest


def export_dir(model_dir: Path) -> Path:
    """Where the ONNX export of ``model_dir`` lives (keyed by the weights' sha256)."""
    digest = weights_digest(_weights_file(model_dir))[:12]
    return cache_root() / f"{model_dir.name}-{digest}"


def _export(model_dir: Path, out: Path) -> None:
    """``torch.onnx.export`` of the transformer (last hidden state), dynamic batch and length."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir)).eval()

    class Body(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    dummy = tuple(torch.ones(2, 8, dtype=torch.long) if n != "token_type_ids" else torch.zeros(2, 8, dtype=torch.long)
                  for n in _INPUTS)
    axes = {n: {0: "batch", 1: "tokens"} for n in (*_INPUTS, "last_hidden_state")}
    with torch.no_grad():
        torch.onnx.export(Body(model), dummy, str(out), input_names=list(_INPUTS), output_names=["last_hidden_state"],
                          dynamic_axes=axes, opset_version=17, dynamo=False)


def ensure_onnx(model_dir: Path, quantized: bool = False) -> Path:
    """The exported (and optionally int8-quantised) graph of ``model_dir``, made on first use."""
    from filelock import FileLock

    final = export_dir(model_dir)
    name = "model-int8.onnx" if quantized else "model.onnx"
    if (final / name).is_file():
        return final / name
    final.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(final) + ".lock", timeout=900):
        if (final / name).is_file():
            return final / name
        tmp = final.parent / f".{final.name}.{secrets.token_hex(4)}.tmp"
        tmp.mkdir()
        try:
            if (final / "model.onnx").is_file():
                shutil.copy(final / "model.onnx", tmp / "model.onnx")
            else:
                log.info("exporting %s to ONNX (once) into %s", model_dir, final)
                _export(model_dir, tmp / "model.onnx")
            if quantized:
                from onnxruntime.quantization import QuantType, quantize_dynamic

                quantize_dynamic(str(tmp / "model.onnx"), str(tmp / "model-int8.onnx"), weight_type=QuantType.QInt8)
            for f in tmp.iterdir():  # the folder may exist with one of the two graphs: move file by file
                final.mkdir(exist_ok=True)
                os.replace(f, final / f.name)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return final / name


class OnnxEmbedder:
    """A mean-pooling sentence-transformers model run by onnxruntime; L2-normalised float32 vectors."""

    def __init__(self, name: str, path_fn, dimension: int, quantized: bool = False) -> None:
        self.name = name
        self.dimension = dimension
        self.runtime = "onnx-int8" if quantized else "onnx"
        self._path_fn = path_fn
        self._quantized = quantized
        self._session = None
        self._tokenizer = None
        self._counter = None
        self._lock = threading.Lock()
        self.calls = 0  # encode calls that reached the model (tests count them)

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            from tokenizers import Tokenizer

            model_dir = Path(self._path_fn())
            pooling = model_dir / "1_Pooling" / "config.json"
            if pooling.is_file() and not json.loads(pooling.read_text()).get("pooling_mode_mean_tokens", True):
                raise StoreError(f"{model_dir} does not use mean pooling; use --runtime torch for it")
            cfg = model_dir / "sentence_bert_config.json"
            max_len = json.loads(cfg.read_text()).get("max_seq_length", 256) if cfg.is_file() else 256
            tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            tok.enable_truncation(max_length=max_len)
            tok.no_padding()  # padded per batch in encode()
            self._pad_id = tok.token_to_id("[PAD]") or 0
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = int(os.environ.get("FACTQA_THREADS", os.cpu_count() or 1))
            opts.inter_op_num_threads = 1
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # shared cores: no busy-wait
            graph = ensure_onnx(model_dir, self._quantized)
            log.info("loading %s (%s) from %s", self.name, self.runtime, graph)
            self._tokenizer = tok
            session = ort.InferenceSession(str(graph), opts, providers=["CPUExecutionProvider"])
            self._input_names = {i.name for i in session.get_inputs()}
            self._session = session  # last: other threads check it

    def warm(self) -> None:
        self._load()

    def known_words(self) -> frozenset[str]:
        """The whole words of the model's WordPiece vocabulary (``index.embed.wordpiece_words``)."""
        from index.embed import wordpiece_words

        return wordpiece_words(Path(self._path_fn()))

    def encode(self, texts: list[str], *, progress: bool = False, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._session is None:
            self._load()
        self.calls += 1
        enc = self._tokenizer.encode_batch(list(texts))  # truncated to the model's limit, not padded
        order = sorted(range(len(texts)), key=lambda i: -len(enc[i].ids))  # similar lengths share a batch
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(texts), desc="embedding", unit="text")
        budget = batch_size * TOKENS_PER_TEXT  # padded tokens per batch: long texts go in smaller batches
        b = 0
        while b < len(order):
            width = len(enc[order[b]].ids)  # the longest of this batch
            n = max(1, min(batch_size, budget // max(1, width)))
            idx = order[b:b + n]
            b += n
            ids = np.full((len(idx), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                k = len(enc[i].ids)
                ids[r, :k] = enc[i].ids
                mask[r, :k] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._input_names})[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[idx] = pooled
            if bar is not None:
                bar.update(len(idx))
        if bar is not None:
            bar.close()
        return out

    def count_tokens(self, text: str) -> int:
        """Word pieces in ``text`` (no truncation), as ``AutoTokenizer.tokenize`` counts them."""
        if self._counter is None:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(Path(self._path_fn()) / "tokenizer.json"))
            tok.no_truncation()
            tok.no_padding()
            self._counter = tok
        return len(self._counter.encode(text, add_special_tokens=False).ids)
