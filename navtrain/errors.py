"""Errors and warnings that learners and instructors see.

Every expected problem raises a :class:`NavtrainError` whose message is one line:
what is wrong, then how to fix it, then a short Chinese hint for trainees. The CLI
prints that line (no traceback) and exits with status 2.
"""

from __future__ import annotations


class NavtrainError(Exception):
    """An expected, explainable problem (bad input, unknown name, missing file).

    >>> str(NavtrainError("column 'app_date' is missing", fix="add it", hint="缺少申请日列"))
    "column 'app_date' is missing; fix: add it (提示：缺少申请日列)"
    """

    def __init__(self, problem: str, *, fix: str = "", hint: str = "") -> None:
        self.problem = problem
        self.fix = fix
        self.hint = hint
        text = problem
        if fix:
            text += f"; fix: {fix}"
        if hint:
            text += f" (提示：{hint})"
        super().__init__(" ".join(text.split()))


class SchemaError(NavtrainError, ValueError):
    """The table does not fit the canonical patent schema (docs/schema.md)."""


class UnknownNameError(NavtrainError, KeyError):
    """An unknown dataset, case, assignment or option name."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.args[0]


class InputFileError(NavtrainError, OSError):
    """A file that is missing, unreadable or of an unsupported kind."""


class NavtrainWarning(UserWarning):
    """Something was dropped or assumed; the message says what and how many."""
