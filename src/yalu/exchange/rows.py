"""What a check of a file finds: errors by row (numbered as a spreadsheet shows them) and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}

    def line(self) -> str:
        if self.row == 0:
            return f"file: {self.message}"
        return f"row {self.row}: {self.column or '-'}: {self.message}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RowError:
        return cls(int(data["row"]), str(data["column"]), str(data["code"]), str(data["message"]))


class ValueProblem(Exception):
    """One value of a row is wrong; the column is added by whoever knows it."""

    def __init__(self, code: str, message: str, column: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.column = column


class RowProblems(Exception):
    """Everything wrong with one row."""

    def __init__(self, problems: list[ValueProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class FileRefused(Exception):
    """The file as a whole cannot be read (format, encoding, header): nothing of it is written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(error.line() for error in errors))
        self.errors = errors
