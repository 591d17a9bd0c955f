"""Integrity of a store: per-file checksums, verification, access checks, setting a corrupt generation aside.

Every file of a generation (BM25 files included) is listed in ``manifest.json`` with its
sha256 and size; ``manifest.sha256`` holds the manifest's own sha256. A file that is missing,
truncated, zeroed or changed is found by ``check_files`` and named in the error.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from index.errors import StoreAccessError, StoreCorruptError
from index.types import file_sha256

MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
CORRUPT_MARK = ".corrupt-"
_HEX64 = re.compile(r"[0-9a-f]{64}")


class FileStatus(Enum):
    OK = "ok"
    MISSING = "missing"
    SIZE_MISMATCH = "size mismatch"
    CHECKSUM_MISMATCH = "checksum mismatch"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class FileCheck:
    """The state of one file of a generation against what the manifest recorded."""

    name: str  # path relative to the generation folder
    status: FileStatus
    expected_bytes: int | None = None
    actual_bytes: int | None = None
    detail: str | None = None  # the OS error, for UNREADABLE

    @property
    def ok(self) -> bool:
        return self.status is FileStatus.OK

    def describe(self) -> str:
        if self.status is FileStatus.SIZE_MISMATCH:
            return f"{self.name}: {self.actual_bytes:,} bytes, expected {self.expected_bytes:,}"
        if self.status is FileStatus.UNREADABLE:
            return f"{self.name}: unreadable ({self.detail})"
        return f"{self.name}: {self.status.value}"


def record_files(gen: Path) -> dict[str, dict]:
    """sha256 and size of every file under ``gen`` except the manifest and its checksum."""
    out = {}
    for p in sorted(gen.rglob("*")):
        rel = p.relative_to(gen).as_posix()
        if p.is_file() and rel not in {MANIFEST, MANIFEST_SUM}:
            out[rel] = {"sha256": file_sha256(p), "bytes": p.stat().st_size}
    return out


def check_file(gen: Path, name: str, sha256: str, size: int | None) -> FileCheck:
    p = gen / name
    try:
        actual = p.stat().st_size
        if not p.is_file():
            return FileCheck(name, FileStatus.MISSING, size)
        if size is not None and actual != size:
            return FileCheck(name, FileStatus.SIZE_MISMATCH, size, actual)
        if file_sha256(p) != sha256:
            return FileCheck(name, FileStatus.CHECKSUM_MISMATCH, size, actual)
    except FileNotFoundError:
        return FileCheck(name, FileStatus.MISSING, size)
    except OSError as exc:
        return FileCheck(name, FileStatus.UNREADABLE, size, detail=exc.strerror or str(exc))
    return FileCheck(name, FileStatus.OK, size, actual)


def check_files(gen: Path, files: dict[str, dict]) -> list[FileCheck]:
    """One ``FileCheck`` per file recorded in the manifest, in manifest order."""
    return [check_file(gen, name, rec["sha256"], rec.get("bytes")) for name, rec in files.items()]


def write_manifest(gen: Path, manifest: dict) -> None:
    """``manifest.json`` then ``manifest.sha256``, both flushed to disk."""
    data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
    for name, payload in ((MANIFEST, data), (MANIFEST_SUM, (hashlib.sha256(data).hexdigest() + "\n").encode())):
        with open(gen / name, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())


def manifest_check(gen: Path) -> tuple[dict | None, FileCheck]:
    """The manifest if it is intact, and the check of ``manifest.json`` against ``manifest.sha256``."""
    try:
        data = (gen / MANIFEST).read_bytes()
    except FileNotFoundError:
        return None, FileCheck(MANIFEST, FileStatus.MISSING)
    except OSError as exc:
        return None, FileCheck(MANIFEST, FileStatus.UNREADABLE, detail=exc.strerror or str(exc))
    try:
        recorded = (gen / MANIFEST_SUM).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None, FileCheck(MANIFEST_SUM, FileStatus.MISSING)
    except (OSError, UnicodeDecodeError) as exc:
        return None, FileCheck(MANIFEST_SUM, FileStatus.UNREADABLE, detail=getattr(exc, "strerror", None) or str(exc))
    if not _HEX64.fullmatch(recorded):  # the checksum file itself is damaged
        return None, FileCheck(MANIFEST_SUM, FileStatus.CHECKSUM_MISMATCH)
    if hashlib.sha256(data).hexdigest() != recorded:
        return None, FileCheck(MANIFEST, FileStatus.CHECKSUM_MISMATCH, actual_bytes=len(data))
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, FileCheck(MANIFEST, FileStatus.CHECKSUM_MISMATCH, actual_bytes=len(data))
    return manifest, FileCheck(MANIFEST, FileStatus.OK, len(data), len(data))


def check_store_path(root: Path) -> None:
    """A store path must be a folder (or not exist yet)."""
    try:
        if root.exists() and not root.is_dir():
            raise StoreAccessError(f"{root} is a file, not a store folder; give --store a folder path (it is created "
                                   "if it does not exist)")
    except PermissionError as exc:
        raise StoreAccessError(f"cannot read the store at {root} ({exc.strerror}); check its permissions") from exc


def ensure_writable(root: Path) -> None:
    """Create the store folder if needed; a clear error when it cannot be written."""
    check_store_path(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise StoreAccessError(f"cannot create the store folder {root}: a parent is a file ({exc.filename})") from exc
    except OSError as exc:
        raise access_error(root, exc) from exc
    try:  # a real write, not os.access: root ignores permission bits but not read-only mounts or chattr +i
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=root)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise access_error(root, exc) from exc


def access_error(root: Path, exc: OSError) -> StoreAccessError:
    """A one-line error for an OS error met while writing the store."""
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreAccessError(f"the store at {root} is read-only for this user{where}: {exc.strerror}; "
                                "make it writable or choose another --store")
    return StoreAccessError(f"cannot write the store at {root}{where}: {exc.strerror or exc}")


def set_aside(root: Path, gen: Path) -> Path:
    """Rename a corrupt generation to ``<name>.corrupt-<UTC time>`` (kept for inspection, never deleted)."""
    target = root / f"{gen.name}{CORRUPT_MARK}{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"
    k = 1
    while target.exists():
        target = target.with_name(f"{target.name.split('~')[0]}~{k}")
        k += 1
    try:
        os.replace(gen, target)
    except OSError as exc:
        raise access_error(root, exc) from exc
    return target


def corrupt(root: Path, gen: Path | None, what: str, hint: str) -> StoreCorruptError:
    return StoreCorruptError(f"the store at {root} is corrupt ({what}); {hint}", generation=gen, reason=what)
