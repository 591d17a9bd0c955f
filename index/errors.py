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
