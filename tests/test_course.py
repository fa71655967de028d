"""The graded exercise and the instructor flow, proven end to end with nbgrader.

Two simulated trainees in a temporary course directory: alice answers correctly, bob
gets question 1 right and makes the classic boundary mistake in question 2 (``>=``
instead of ``>``), which passes the visible test but not the hidden one.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest

from navtrain.course import Course, validate

ASSIGNMENT = "e1_trend"

CORRECT = {
    "q1_solution": '''def count_by_year(df):
    y = df["app_date"].dt.year
    c = y.value_counts().sort_index()
    return c.reindex(range(int(y.min()), int(y.max()) + 1), fill_value=0)''',
    "q2_solution": '''def incomplete_years_of(years, cutoff, lag_months=18):
    cut = pd.Timestamp(cutoff)
    return sorted({int(y) for y in years
                   if pd.Timestamp(int(y), 12, 31) + pd.DateOffset(months=lag_months) > cut})''',
}
Q3_ANSWER = "不成立：公开滞后约 18 个月，2023–2024 年数据不完整，应在图中标注并待数据补齐后复核。"

# Typical wrong answers, each with the questions it must lose.
WRONG = {
    "drops_empty_years": ({"q1_solution": '''def count_by_year(df):
    return df["app_date"].dt.year.value_counts().sort_index()'''}, {"q1_tests"}),
    "uses_publication_date": ({"q1_solution": '''def count_by_year(df):
    y = df["pub_date"].dt.year
    return y.value_counts().sort_index().reindex(range(y.min(), y.max() + 1), fill_value=0)'''},
                              {"q1_tests"}),
    "mutates_input": ({"q1_solution": '''def count_by_year(df):
    df["year"] = df["app_date"].dt.year
    c = df["year"].value_counts().sort_index()
    return c.reindex(range(int(c.index.min()), int(c.index.max()) + 1), fill_value=0)'''},
                      {"q1_tests"}),
    "boundary_ge": ({"q2_solution": '''def incomplete_years_of(years, cutoff, lag_months=18):
    cut = pd.Timestamp(cutoff)
    return sorted(int(y) for y in set(years)
                  if pd.Timestamp(int(y), 12, 31) + pd.DateOffset(months=lag_months) >= cut)'''},
                    {"q2_tests"}),
    "always_last_two_years": ({"q2_solution": '''def incomplete_years_of(years, cutoff, lag_months=18):
    ys = sorted(set(int(y) for y in years))
    return ys[-2:]'''}, {"q2_tests"}),
    "ignores_lag_argument": ({"q2_solution": '''def incomplete_years_of(years, cutoff, lag_months=18):
    cut = pd.Timestamp(cutoff)
    return sorted(int(y) for y in set(years)
                  if pd.Timestamp(int(y), 12, 31) + pd.DateOffset(months=18) > cut)'''},
                             {"q2_tests"}),
}


@pytest.fixture
def course(tmp_path, repo) -> Course:
    root = tmp_path / "course"
    shutil.copytree(repo / "exercises" / "source", root / "source")
    shutil.copy(repo / "exercises" / "nbgrader_config.py", root)
    return Course(root)


def _fill(release_nb: Path, answers: dict[str, str], out: Path, q3: str | None = None) -> None:
    nb = nbformat.read(release_nb, as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
        if gid == "q3_answer" and q3 is not None:
            cell.source = q3
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)


def _cells(nb_path: Path) -> dict[str, str]:
    nb = nbformat.read(nb_path, as_version=4)
    return {c.metadata.get("nbgrader", {}).get("grade_id", f"cell{i}"): c.source
            for i, c in enumerate(nb.cells)}


def test_source_notebook_structure(repo):
    nb = nbformat.read(repo / "exercises/source/e1_trend/e1_trend.ipynb", as_version=4)
    meta = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"] for c in nb.cells}
    assert meta["q1_solution"]["solution"] and not meta["q1_solution"]["locked"]
    assert meta["q1_tests"]["grade"] and meta["q1_tests"]["locked"] and meta["q1_tests"]["points"] == 3
    assert meta["q2_tests"]["points"] == 2
    assert meta["q3_answer"]["solution"] and meta["q3_answer"]["grade"] and meta["q3_answer"]["points"] == 2
    assert meta["setup"]["locked"] and meta["intro"]["locked"]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    tests = [c.source for c in nb.cells if c.metadata["nbgrader"].get("grade")
             and c.cell_type == "code"]
    assert all("### BEGIN HIDDEN TESTS" in t for t in tests)
    assert all(t.startswith('"""') for t in tests), "test cells open with a one-line docstring"
    assert "合成数据" in nb.cells[0].source


def test_reference_solution_passes_every_test(repo):
    assert validate(repo / "exercises/source/e1_trend/e1_trend.ipynb") == []


def test_whole_nbgrader_flow_with_two_trainees(course):
    release = course.release(ASSIGNMENT)
    student_nb = release / f"{ASSIGNMENT}.ipynb"
    cells = _cells(student_nb)
    text = "\n".join(cells.values())
    # the student version has no solution and no hidden test
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "value_counts().sort_index()" not in cells["q1_solution"]
    assert "raise NotImplementedError()" in cells["q1_solution"]
    assert "_fresh" not in cells["q1_tests"] and "lag_months=12" not in cells["q2_tests"]
    assert "在此作答" in cells["q3_answer"] and "不成立" not in cells["q3_answer"]
    # an untouched release copy fails both test cells and flags the blank answer
    failed = validate(student_nb)
    assert len(failed) == 3 and failed[2].startswith("在此作答")

    sub = course.root / "submitted"
    _fill(student_nb, CORRECT, sub / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", q3=Q3_ANSWER)
    bob = {"q1_solution": CORRECT["q1_solution"], **WRONG["boundary_ge"][0]}
    _fill(student_nb, bob, sub / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    assert course.autograde(ASSIGNMENT) == ["alice", "bob"]

    grades = {r["student_id"]: r for r in course.grades()}
    assert grades["alice"]["auto_score"] == 5.0 and grades["alice"]["max_score"] == 7.0
    assert grades["bob"]["auto_score"] == 3.0, "bob's >= passes the visible test, fails the hidden one"
    assert grades["alice"]["needs_manual_grade"] is True

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}") as gb:
        grade = gb.find_grade("q3_answer", ASSIGNMENT, ASSIGNMENT, "alice")
        grade.manual_score = 2.0
        grade.needs_manual_grade = False
        gb.db.commit()

    feedback = course.feedback(ASSIGNMENT)
    alice_html = (feedback / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "7.0" in alice_html and "超硬材料" in alice_html
    bob_html = (feedback / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    for page in (alice_html, bob_html):
        assert "_fresh" not in page and "lag_months=12" not in page, "hidden tests leak into feedback"
        assert "HIDDEN TESTS" not in page
    assert "未通过隐藏测试" in bob_html and "未通过隐藏测试" not in alice_html

    out = course.export(course.root / "grades.csv")
    with out.open(encoding="utf-8-sig") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"alice", "bob"}
    assert float(rows["alice"]["score"]) == 7.0 and rows["alice"]["needs_manual_grade"] == "False"
    assert (float(rows["alice"]["auto_score"]), float(rows["alice"]["manual_score"])) == (5.0, 2.0)
    assert float(rows["bob"]["score"]) == 3.0
    assert rows["bob"]["assignment"] == ASSIGNMENT


def _run_cells(sources: list[str]) -> dict[str, bool]:
    """Execute notebook cells in one namespace; report which test cells pass."""
    import contextlib
    import io

    ns: dict[str, object] = {}
    passed: dict[str, bool] = {}
    for gid, src in sources:
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(src, gid, "exec"), ns)
            ok = True
        except Exception:  # a failing test cell is what we measure
            ok = False
        if gid.endswith("_tests"):
            passed[gid] = ok
    return passed


def _source_with(repo: Path, answers: dict[str, str]) -> list[tuple[str, str]]:
    nb = nbformat.read(repo / "exercises/source/e1_trend/e1_trend.ipynb", as_version=4)
    out = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        gid = c.metadata["nbgrader"]["grade_id"]
        if gid == "chart":
            continue
        out.append((gid, answers.get(gid, c.source)))
    return out


def test_correct_variant_passes_all_tests_including_hidden(repo):
    assert _run_cells(_source_with(repo, CORRECT)) == {"q1_tests": True, "q2_tests": True}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_typical_wrong_answers_lose_points(repo, name):
    answers, must_fail = WRONG[name]
    result = _run_cells(_source_with(repo, {**CORRECT, **answers}))
    failed = {gid for gid, ok in result.items() if not ok}
    assert failed == must_fail, f"{name}: failed {failed}, expected {must_fail}"


def test_unknown_assignment_is_named(course):
    from navtrain.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="unknown assignment 'e9'; fix: use one of: e1_trend"):
        course.release("e9")
