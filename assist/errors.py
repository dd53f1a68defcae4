"""The errors the domain raises. Messages are for the user: what was wrong and how to fix it.

``api/errors.py`` maps them to HTTP status codes; the CLI prints them.
"""


class AssistError(Exception):
    """Base class. ``str(error)`` is a complete, user-facing message."""


class NotFound(AssistError):
    """A shop-scoped object does not exist (or belongs to another shop: same answer)."""


class InvalidInput(AssistError):
    """The caller sent something we cannot use; the message says what to change."""


class Conflict(AssistError):
    """The request clashes with stored state (e.g. a shop name already taken)."""


class Unauthorized(AssistError):
    """Missing or unknown API key."""


class RateLimited(AssistError):
    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ServiceUnavailable(AssistError):
    """A backing service (database, vector store) cannot be reached."""


class ModelError(AssistError):
    """An LLM call failed or returned output that does not validate (after one retry)."""
