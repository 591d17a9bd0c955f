"""Domain exceptions of the index. The CLI and UI turn them into one-line messages."""


class FactqaIndexError(Exception):
    """Base class: something the user can fix (a bad file, a missing or stale store)."""


class InputFileError(FactqaIndexError):
    """An input file cannot be used as an article (missing, empty, binary, too big...)."""


class StoreError(FactqaIndexError):
    """The store is missing, corrupt or was built incompatibly."""


class StoreMissingError(StoreError):
    pass


class StoreMismatchError(StoreError):
    """The store was built with another model, dimension or format version."""


class StoreOutdatedError(StoreMismatchError):
    """The store was written in an older format; ``factqa index upgrade`` brings it up to date."""

    def __init__(self, message: str, version: int) -> None:
        super().__init__(message)
        self.version = version  # the store's format version


class StoreCorruptError(StoreError):
    """A file of the live generation is missing, truncated or changed; ``index build`` repairs it."""

    def __init__(self, message: str, generation=None, reason: str = "") -> None:
        super().__init__(message)
        self.generation = generation  # the corrupt generation folder (a Path), if it exists
        self.reason = reason  # what is wrong, e.g. "chunks.faiss: 12 bytes, expected 7,725"


class StoreAccessError(StoreError):
    """The store path is a file, or the store cannot be read or written by this user."""
