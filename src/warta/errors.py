"""One exception hierarchy for warta.

Every error carries the data needed to report it and a message that says what is wrong and,
where possible, how to fix it. The CLI turns these into one-line messages; the REST API maps
them to HTTP status codes in one place (``warta.api``).
"""

from __future__ import annotations

__all__ = [
    "AuthError",
    "BusyError",
    "ConfigError",
    "ConflictError",
    "InputError",
    "InputWarning",
    "LanguageError",
    "MissingDependencyError",
    "NotFoundError",
    "PipelineError",
    "ReadOnlyError",
    "RequestTooLargeError",
    "StoreError",
    "WartaError",
]


class WartaError(Exception):
    """Base class of every error warta raises on purpose."""

    #: HTTP status the API answers with for this error.
    status = 500

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(WartaError):
    """An input record cannot be analysed: empty, binary, not an article, malformed JSON."""

    status = 422

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        record_id: str | None = None,
    ) -> None:
        super().__init__(message, source=source)
        self.line = line
        self.record_id = record_id

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.record_id:
            where += f" [id={self.record_id}]"
        return f"{where}: {self.message}"


class InputWarning(UserWarning):
    """An input was read with a repair (lone surrogates replaced, an unreadable date dropped)."""


class LanguageError(InputError):
    """The article is not in Indonesian (use ``--force`` to analyse it anyway)."""


class ConfigError(WartaError):
    """A setting, settings file or command-line option is invalid."""

    status = 400


class PipelineError(WartaError):
    """The pipeline cannot be built: unknown stage, missing requirement."""

    status = 400


class MissingDependencyError(WartaError):
    """An optional extra is needed; the message names the ``pip install`` that provides it."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"this feature needs {package!r}: pip install 'warta[{extra}]'")
        self.package = package
        self.extra = extra


class StoreError(WartaError):
    """The corpus store cannot be opened, migrated or written."""


class NotFoundError(WartaError):
    """A requested article, entity or event does not exist in the store."""

    status = 404


class ConflictError(WartaError):
    """A create that clashes with what exists (a saved search of the same name)."""

    status = 409


class AuthError(WartaError):
    """A write or analysis request without the right ``Authorization: Bearer <token>``."""

    status = 401


class ReadOnlyError(WartaError):
    """A write to a server started without ``WARTA_TOKEN``: it serves read-only."""

    status = 403


class BusyError(WartaError):
    """The server has too many analyses in hand; the request may be sent again shortly."""

    status = 503


class RequestTooLargeError(WartaError):
    """A request body over ``max_request_bytes``."""

    status = 413
