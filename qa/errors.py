"""Domain exceptions of the answer engine."""
from index.errors import FactqaIndexError


class FactqaError(FactqaIndexError):
    """A question or claim that cannot be processed as given (the message says why)."""


class BadQuestionError(FactqaError):
    pass
