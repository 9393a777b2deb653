"""Error types. Every input error names the file, the field path and the allowed range."""

from __future__ import annotations


class ShutdownSimError(Exception):
    """Base class of all errors raised on purpose by shutdown-sim."""


class InputError(ShutdownSimError, ValueError):
    """Bad input: carries where it came from, which field, and what is allowed.

    The CLI prints ``str(err)`` as one line and exits with code 2.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        field: str | None = None,
        allowed: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.field = field
        self.allowed = allowed
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.field) if p)
        text = f"{where}: {self.message}" if where else self.message
        if self.allowed:
            text += f" (allowed: {self.allowed})"
        return text.replace("\n", " ")


class ParameterError(InputError):
    """A parameter file or parameter value is invalid."""


class ScenarioError(InputError):
    """A scenario file or scenario value is invalid."""
