"""One error type that carries the source file and line, so every message points at the input."""

from __future__ import annotations


class MakedocsError(Exception):
    """A problem with the user's input or environment, reported as ``path:line: message``.

    Raised anywhere below the CLI; the CLI prints ``str(error)`` on one line and exits 1.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None]]:
        """Pickle with path and line (an error raised in a worker process)."""
        return (type(self), (self.message, self.path, self.line))

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line:
            where = f"{self.path}:{self.line}"
        # Keep the message on one line whatever the cause said.
        text = " ".join(self.message.split())
        return f"{where}: {text}" if where else text


class Warned:
    """Collects non-fatal warnings (``path:line: warning: message``) during one build."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def warn(self, message: str, path: str | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}" if path and line else (path or "")
        text = " ".join(message.split())
        self.items.append(f"{where}: warning: {text}" if where else f"warning: {text}")


class UsageError(MakedocsError):
    """A command line that cannot mean what it says (two outputs to one file): exit 2."""
