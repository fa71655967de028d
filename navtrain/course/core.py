"""Instructor side: run the graded exercises with nbgrader, in-process.

A course directory is an ordinary nbgrader course (``exercises/`` in this repository)::

    exercises/
      nbgrader_config.py            course id and options (also read by formgrader)
      source/<assignment>/*.ipynb   instructor versions with solutions and hidden tests
      release/                      student versions            (built, not committed)
      submitted/<trainee>/<assignment>/   collected work        (not committed)
      autograded/ feedback/ gradebook.db                        (not committed)

The functions here wrap nbgrader's in-process ``NbGraderAPI`` (about 3x faster than
the nbgrader CLI, whose start-up costs ~4 s a call) and turn its failures into one-line
:class:`~navtrain.errors.NavtrainError` messages. ``nbgrader validate`` exits 0 even
when tests fail, so :func:`validate` uses ``nbgrader.validator.Validator`` instead.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from navtrain.errors import InputFileError, NavtrainError, UnknownNameError

__all__ = ["Course", "default_course_dir", "feedback_preprocessors", "validate"]

GRADE_COLUMNS = [
    "assignment", "student_id", "first_name", "last_name", "timestamp", "score",
    "max_score", "auto_score", "manual_score", "needs_manual_grade",
]


def _feedback_preprocessor():  # type: ignore[no-untyped-def]
    from nbgrader.preprocessors import ClearHiddenTests

    class HideHiddenTests(ClearHiddenTests):
        """Feedback preprocessor: drop hidden-test code *and* the tracebacks that would
        quote it (nbgrader otherwise shows hidden tests in feedback).

        A failing test cell keeps only ``AssertionError: <learner message>`` — the
        visible tests carry Chinese messages; a hidden assert has none, so the trainee
        reads 「未通过隐藏测试」 instead of the hidden code.
        """

        def preprocess_cell(self, cell, resources, cell_index):  # type: ignore[no-untyped-def]
            removed = self._remove_hidden_test_region(cell)
            if removed and cell.cell_type == "code":
                for out in cell.get("outputs", []):
                    if out.get("output_type") == "error":
                        message = str(out.get("evalue", "")).strip()
                        text = f"{out.get('ename', 'Error')}: {message}" if message else (
                            "未通过隐藏测试（a hidden test failed）：请对照题目要求检查边界情况。")
                        out["traceback"] = [text]
            return cell, resources

    return HideHiddenTests


def feedback_preprocessors() -> list:
    """Preprocessors for ``GenerateFeedback`` (used in ``exercises/nbgrader_config.py``)."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades

    return [GetGrades, _feedback_preprocessor(), CSSHTMLHeaderPreprocessor]


def default_course_dir() -> Path:
    """The repository's ``exercises/`` folder (where ``nbgrader_config.py`` lives)."""
    return Path(__file__).resolve().parent.parent.parent / "exercises"


@contextlib.contextmanager
def _venv_on_path() -> Iterator[None]:
    """nbgrader runs ``alembic`` as a subprocess to create a gradebook: make the
    interpreter's own bin directory visible even when the venv is not activated."""
    old = os.environ.get("PATH", "")
    bindir = os.path.dirname(sys.executable)
    os.environ["PATH"] = bindir + os.pathsep + old
    try:
        yield
    finally:
        os.environ["PATH"] = old


@dataclass
class Course:
    """An nbgrader course directory driven in-process.

    >>> Course(default_course_dir()).assignments()
    ['e1_trend']
    """

    root: Path

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        if not (self.root / "source").is_dir():
            raise InputFileError(
                f"{self.root} is not an nbgrader course directory (no source/ folder)",
                fix="pass --course DIR pointing at the folder that holds nbgrader_config.py and source/",
                hint="课程目录应包含 nbgrader_config.py 与 source/ 文件夹",
            )

    # ------------------------------------------------------------------ helpers
    def _config(self):  # type: ignore[no-untyped-def]
        from traitlets.config import Config
        from traitlets.config.loader import PyFileConfigLoader

        cfg = Config()
        if (self.root / "nbgrader_config.py").is_file():
            cfg.merge(PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config())
        cfg.CourseDirectory.root = str(self.root)
        if "preprocessors" not in cfg.GenerateFeedback:
            cfg.GenerateFeedback.preprocessors = feedback_preprocessors()
        cfg.CourseDirectory.db_url = f"sqlite:///{self.root / 'gradebook.db'}"
        cfg.NbGraderAPI.log_level = "ERROR"
        cfg.Exchange.root = str(self.root / ".exchange")
        if not cfg.CourseDirectory.get("course_id"):
            cfg.CourseDirectory.course_id = "navtrain"
        return cfg

    def _api(self):  # type: ignore[no-untyped-def]
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        cfg = self._config()
        (self.root / ".exchange").mkdir(exist_ok=True)
        return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)

    def _check(self, result: dict, what: str) -> None:
        if not result.get("success"):
            detail = (result.get("error") or result.get("log") or "").strip().splitlines()
            last = detail[-1] if detail else "no details"
            raise NavtrainError(f"nbgrader {what} failed: {last}",
                                fix=f"run 'nbgrader {what.split()[0]}' in {self.root} for the full log",
                                hint="nbgrader 执行失败，请查看完整日志")

    def _require_assignment(self, name: str) -> None:
        known = self.assignments()
        if name not in known:
            raise UnknownNameError(
                f"unknown assignment {name!r}",
                fix=f"use one of: {', '.join(known) or '(none in source/)'}",
                hint="作业名称不存在，请检查 source/ 下的文件夹名",
            )

    # ------------------------------------------------------------------ queries
    def assignments(self) -> list[str]:
        """Assignment names: the folders under ``source/`` that hold notebooks."""
        return sorted(p.name for p in (self.root / "source").iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def submitted_students(self, assignment: str) -> list[str]:
        """Trainees with a submission of ``assignment`` under ``submitted/``."""
        base = self.root / "submitted"
        if not base.is_dir():
            return []
        return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir())

    # ------------------------------------------------------------------ actions
    def release(self, assignment: str) -> Path:
        """Build the student version in ``release/<assignment>/`` (no solutions, no
        hidden tests) and record the assignment in the gradebook."""
        self._require_assignment(assignment)
        with _venv_on_path():
            result = self._api().generate_assignment(assignment, force=True, create=True)
        self._check(result, f"generate_assignment {assignment}")
        return self.root / "release" / assignment

    def autograde(self, assignment: str, students: list[str] | None = None) -> list[str]:
        """Autograde submissions; returns the trainees graded."""
        self._require_assignment(assignment)
        if not (self.root / "release" / assignment).is_dir():
            self.release(assignment)
        todo = students or self.submitted_students(assignment)
        if not todo:
            raise InputFileError(
                f"no submissions of {assignment!r} under {self.root / 'submitted'}",
                fix="collect them first (nbgrader collect / zip_collect) into "
                "submitted/<trainee>/<assignment>/",
                hint="还没有收到学员提交的作业",
            )
        with _venv_on_path():
            api = self._api()
            for student in todo:
                if not (self.root / "submitted" / student / assignment).is_dir():
                    raise UnknownNameError(f"trainee {student!r} has no submission of {assignment!r}",
                                           fix="check the trainee id under submitted/",
                                           hint="该学员没有提交此作业")
                self._check(api.autograde(assignment, student, force=True, create=True),
                            f"autograde {assignment} for {student}")
        return todo

    def feedback(self, assignment: str) -> Path:
        """Write HTML feedback per trainee to ``feedback/<trainee>/<assignment>/``."""
        self._require_assignment(assignment)
        with _venv_on_path():
            self._check(self._api().generate_feedback(assignment, force=True),
                        f"generate_feedback {assignment}")
        return self.root / "feedback"

    def grades(self) -> list[dict[str, object]]:
        """One row per (assignment, trainee) with total, auto and manual scores."""
        from nbgrader.api import Gradebook, MissingEntry

        db = self.root / "gradebook.db"
        if not db.is_file():
            raise InputFileError(f"no gradebook at {db}",
                                 fix="release and autograde an assignment first",
                                 hint="还没有成绩库，请先发布并自动评分")
        rows: list[dict[str, object]] = []
        with Gradebook(f"sqlite:///{db}") as gb:
            for assignment in gb.assignments:
                for student in gb.students:
                    try:
                        sub = gb.find_submission(assignment.name, student.id)
                    except MissingEntry:
                        continue
                    grades = [g for nb in sub.notebooks for g in nb.grades]
                    # a manual score overrides the auto score of the same cell
                    manual = sum(g.manual_score for g in grades if g.manual_score is not None)
                    auto = sum(g.auto_score or 0.0 for g in grades if g.manual_score is None)
                    rows.append({
                        "assignment": assignment.name,
                        "student_id": student.id,
                        "first_name": student.first_name or "",
                        "last_name": student.last_name or "",
                        "timestamp": sub.timestamp.isoformat() if sub.timestamp else "",
                        "score": float(sub.score),
                        "max_score": float(sub.max_score),
                        "auto_score": float(auto),
                        "manual_score": float(manual),
                        "needs_manual_grade": bool(sub.needs_manual_grade),
                    })
        return sorted(rows, key=lambda r: (str(r["assignment"]), str(r["student_id"])))

    def export(self, out: Path | str) -> Path:
        """Write :meth:`grades` to a CSV file (UTF-8 with BOM, so Excel shows Chinese)."""
        out = Path(out)
        rows = self.grades()
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=GRADE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(buf.getvalue(), encoding="utf-8-sig")
        return out


def validate(notebook: Path | str) -> list[str]:
    """Run a notebook's nbgrader tests; return the failing test cells' grade ids.

    Unlike ``nbgrader validate`` (which exits 0 on failures) this returns what failed.
    """
    from nbgrader.validator import Validator

    path = Path(notebook)
    if not path.is_file():
        raise InputFileError(f"notebook {path} not found", fix="check the path",
                             hint="找不到该 notebook 文件")
    with _venv_on_path():
        result = Validator().validate(str(path))
    failed = result.get("failed", []) + result.get("errored", [])
    return [str(f.get("source", "")).splitlines()[0] if isinstance(f, dict) else str(f)
            for f in failed]
