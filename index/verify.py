"""``factqa index verify``: what is wrong with a store, file by file, without changing it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index import integrity
from index.errors import StoreError
from index.integrity import FileCheck
from index.formats import old_format_version, outdated
from index.store import check_compatible, current_generation, rebuild_hint


@dataclass(frozen=True)
class StoreHealth:
    """The verdict on one store: a store-level problem (no store, bad pointer, old format) or per-file checks."""

    root: Path
    generation: str | None
    files: tuple[FileCheck, ...] = ()
    problem: str | None = None  # a one-line message when the store cannot be checked file by file
    set_aside: tuple[str, ...] = ()  # earlier corrupt generations kept beside the live one

    @property
    def ok(self) -> bool:
        return self.problem is None and all(f.ok for f in self.files)

    @property
    def hint(self) -> str | None:
        return None if self.ok else rebuild_hint(self.root)


def verify_store(root: str | Path) -> StoreHealth:
    """Check the live generation's manifest and every file it lists (sha256 and size)."""
    root = Path(root)
    try:
        gen = current_generation(root)
    except StoreError as exc:
        return StoreHealth(root, None, problem=str(exc))
    aside = tuple(sorted(p.name for p in root.iterdir() if integrity.CORRUPT_MARK in p.name))
    manifest, mcheck = integrity.manifest_check(gen)
    if manifest is None:  # without a trusted manifest the other files cannot be checked
        old = old_format_version(gen) if mcheck.name == integrity.MANIFEST_SUM else None
        if old is not None:  # format 1 had no manifest.sha256: old, not corrupt
            return StoreHealth(root, gen.name, problem=str(outdated(root, old)), set_aside=aside)
        return StoreHealth(root, gen.name, (mcheck,), set_aside=aside)
    try:
        check_compatible(manifest, root)
    except StoreError as exc:
        return StoreHealth(root, gen.name, (mcheck,), problem=str(exc), set_aside=aside)
    files = (mcheck, FileCheck(integrity.MANIFEST_SUM, integrity.FileStatus.OK),
             *integrity.check_files(gen, manifest.get("files", {})))
    return StoreHealth(root, gen.name, files, set_aside=aside)
