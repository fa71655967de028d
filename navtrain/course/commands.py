"""The ``navtrain course ...`` command line: one function per action.

Every action takes ``--course DIR`` (default: the repository's ``exercises/``). Expected
problems raise :class:`~navtrain.errors.NavtrainError`; ``navtrain.cli.main`` prints them as
one line and exits with status 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from navtrain.errors import NavtrainError

__all__ = ["add_parser"]


def _course(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from navtrain.course.core import Course, default_course_dir

    return Course(Path(args.course) if args.course else default_course_dir())


def _need_name(args: argparse.Namespace, course) -> str:  # type: ignore[no-untyped-def]
    if not getattr(args, "name", None):
        raise NavtrainError(f"'navtrain course {args.action}' needs an assignment name",
                            fix=f"use one of: {', '.join(course.assignments())}",
                            hint="请给出作业名称")
    return str(args.name)


# ---------------------------------------------------------------------- list / validate
def _list(args: argparse.Namespace) -> int:
    for name in _course(args).assignments():
        print(name)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from navtrain.course.core import validate

    if not args.name:
        raise NavtrainError("'navtrain course validate' needs a notebook path",
                            fix="pass the notebook to check, e.g. exercises/release/e1_trend/e1_trend.ipynb",
                            hint="请给出要检查的 notebook 路径")
    failed = validate(args.name)
    if failed:
        print(f"{args.name}: {len(failed)} test cell(s) fail (测试未通过):")
        for line in failed:
            print(f"  - {line}")
        return 1
    print(f"{args.name}: all tests pass (全部测试通过)")
    return 0


# ---------------------------------------------------------------------- release
def _release(args: argparse.Namespace) -> int:
    course = _course(args)
    path = course.release(_need_name(args, course))
    print(f"student version of {args.name} written to {path}")
    return 0


# ---------------------------------------------------------------------- autograde
def _autograde(args: argparse.Namespace) -> int:
    course = _course(args)
    done = course.autograde(_need_name(args, course), args.student or None)
    print(f"autograded {args.name} for {len(done)} trainee(s): {', '.join(done)}")
    return 0


# ---------------------------------------------------------------------- feedback
def _feedback(args: argparse.Namespace) -> int:
    course = _course(args)
    path = course.feedback(_need_name(args, course))
    print(f"feedback for {args.name} written under {path}")
    return 0


# ---------------------------------------------------------------------- export
def _export(args: argparse.Namespace) -> int:
    out = _course(args).export(args.out)
    print(f"grades written to {out}")
    return 0


ACTIONS = {
    "list": (_list, "list the assignments under source/"),
    "validate": (_validate, "run a notebook's tests and print each failing test's message"),
    "release": (_release, "build the student version of an assignment"),
    "autograde": (_autograde, "autograde the collected submissions of an assignment"),
    "feedback": (_feedback, "write the feedback pages of an assignment"),
    "export": (_export, "export the grades with the roster's names"),
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``course`` and its actions to the ``navtrain`` parser."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--course", help="course directory (default: the repository's exercises/)")
    p = sub.add_parser("course", help="instructor commands (wrap nbgrader's API)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, (func, help_text) in ACTIONS.items():
        a = actions.add_parser(name, help=help_text, parents=[common])
        a.set_defaults(func=func)
        if name in ("release", "autograde", "feedback", "validate"):
            a.add_argument("name", nargs="?",
                           help="assignment name" if name != "validate" else "notebook path")
        if name == "autograde":
            a.add_argument("--student", action="append", help="autograde only this trainee (repeatable)")
        if name == "export":
            a.add_argument("--out", default="grades.csv", help="CSV file to write (default grades.csv)")
