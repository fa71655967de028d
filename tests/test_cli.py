"""The command line: expected problems give one line, no traceback, exit status 2."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from navtrain.cli import main

NAVTRAIN = [sys.executable, "-m", "navtrain.cli"]


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*NAVTRAIN, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def assert_one_line_error(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("navtrain: error:")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    assert "fix:" in lines[0]


def test_unknown_case(tmp_path):
    r = run("cases", "render", "no_such_case", "--out", str(tmp_path))
    assert_one_line_error(r, "unknown case 'no_such_case'", "sample")


def test_unknown_assignment(tmp_path, repo):
    course = tmp_path / "course"
    shutil.copytree(repo / "exercises" / "source", course / "source")
    r = run("course", "release", "e99", "--course", str(course))
    assert_one_line_error(r, "unknown assignment 'e99'", "e1_trend")


def test_not_a_course_directory(tmp_path):
    r = run("course", "list", "--course", str(tmp_path))
    assert_one_line_error(r, "is not an nbgrader course directory")


def test_missing_file():
    r = run("validate", "no/such/file.csv")
    assert_one_line_error(r, "file 'no/such/file.csv' not found")


def test_unreadable_file(tmp_path):
    bad = tmp_path / "export.xlsx"
    bad.write_bytes(b"this is not a spreadsheet")
    r = run("validate", str(bad))
    assert_one_line_error(r, "cannot read export.xlsx")


def test_unsupported_file_type(tmp_path):
    bad = tmp_path / "export.pdf"
    bad.write_bytes(b"%PDF-1.4")
    assert_one_line_error(run("validate", str(bad)), "unsupported file type .pdf")


def test_missing_column(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("申请日,标题\n2020-01-01,一种方法\n", encoding="utf-8")
    r = run("validate", str(f))
    assert_one_line_error(r, "missing column 'pub_no' (公开(公告)号)")


def test_bad_date_names_the_column_and_value(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("公开号,申请日\nCN1A,2020-01-01\nCN2A,not a date\n", encoding="utf-8")
    assert_one_line_error(run("validate", str(f)), "'app_date' (申请日)", "'not a date'")


def test_valid_gb18030_file_passes(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes("公开（公告）号,申请日,申请人\nCN1A,2020-01-01,甲公司;乙大学\n".encode("gb18030"))
    r = run("validate", str(f))
    assert r.returncode == 0, r.stderr
    assert "1 rows" in r.stdout


def test_usage_error_exits_non_zero():
    r = run("cases", "paint")
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_in_process_main_returns_status(capsys):
    assert main(["cases", "list"]) == 0
    assert "sample" in capsys.readouterr().out
    assert main(["course", "list"]) == 0
    assert capsys.readouterr().out.split() == ["e1_trend"]


def test_doctor_names_the_font(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "NotoSansCJK" in out and "nbgrader" in out


@pytest.mark.parametrize("action", ["release", "autograde", "feedback"])
def test_course_action_needs_a_name(action, capsys):
    assert main(["course", action]) == 2
    assert "needs an assignment name" in capsys.readouterr().err
