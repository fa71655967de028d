"""Command line: ``navtrain course | cases | validate | lab | doctor``.

Expected problems (a missing file or column, an unknown name) print one line,
``navtrain: error: <problem>; fix: <fix> (提示：...)``, and exit with status 2;
no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from navtrain.errors import InputFileError, NavtrainError

EXIT_USAGE = 2


def _read_table(path: Path):  # type: ignore[no-untyped-def]
    import pandas as pd

    if not path.is_file():
        raise InputFileError(f"file {str(path)!r} not found", fix="check the path and file name",
                             hint="找不到文件，请检查路径")
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            sep = "\t" if suffix == ".tsv" else ","
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    return pd.read_csv(path, dtype=str, sep=sep, encoding=encoding,
                                       keep_default_na=False, na_values=[""])
                except UnicodeDecodeError:
                    continue
            raise InputFileError(f"cannot decode {path.name} as UTF-8 or GB18030",
                                 fix="save the file as UTF-8 CSV", hint="文件编码无法识别，请另存为 UTF-8")
        if suffix in (".xlsx", ".xlsm", ".xls"):
            return pd.read_excel(path, dtype=str)
    except (ValueError, OSError, ImportError) as exc:
        if isinstance(exc, NavtrainError):
            raise
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputFileError(f"cannot read {path.name}: {first}",
                             fix="check that the file is a complete CSV or Excel export",
                             hint="文件无法读取，可能已损坏或格式不对") from None
    raise InputFileError(f"unsupported file type {suffix or '(none)'} for {path.name}",
                         fix="use a .csv or .xlsx export", hint="仅支持 CSV 或 Excel 文件")


def _cmd_validate(args: argparse.Namespace) -> int:
    from navtrain.schema import to_patent_table, validate_patents

    table = to_patent_table(_read_table(Path(args.file)))
    validate_patents(table, required=args.require)
    print(f"{args.file}: {len(table)} rows, {table.shape[1]} columns; fits the canonical schema "
          "(符合标准专利表结构)")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    import warnings

    from navtrain.errors import NavtrainWarning
    from navtrain.io import read_patents, write_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)  # the report below says the same
        table = read_patents(args.file, source=args.source, mapping=args.mapping,
                             dedupe=not args.keep_duplicates, harmonize=not args.no_harmonize)
    print(table.attrs["import_report"])
    if args.out:
        out = write_table(table, args.out)
        print(f"written       : {out} ({len(table)} rows, {table.shape[1]} columns)")
    return 0


def _cmd_datasets(args: argparse.Namespace) -> int:
    from navtrain import datasets

    if args.action == "list":
        print("bundled (synthetic, fictitious names):")
        for name in datasets.dataset_names("bundled"):
            print(f"  {name}")
        print(f"public real datasets (fetched on first use into {datasets.cache_dir()}):")
        for name in datasets.dataset_names("remote"):
            entry = datasets.REGISTRY[name]
            cached = "cached" if (datasets.cache_dir() / entry.filename).is_file() else "not yet fetched"
            print(f"  {name:<13} {cached:<16} {entry.description} [{entry.licence}]")
        return 0
    if args.action == "fetch":
        names = args.names or datasets.dataset_names("remote")
        for name in names:
            print(f"{name}: {datasets.fetch(name)}")
        return 0
    if args.action == "build":
        from navtrain import synth

        for path in synth.build_datasets(out=args.out, cases=args.names or None):
            print(f"written {path}")
        return 0
    return 2  # pragma: no cover


def _cmd_cases(args: argparse.Namespace) -> int:
    from navtrain import cases

    if args.action == "list":
        for name in cases.case_names():
            print(name)
        return 0
    if not args.name:
        raise NavtrainError("'navtrain cases render' needs a case name",
                            fix=f"use one of: {', '.join(cases.case_names())}", hint="请给出案例名称")
    params = {}
    for key, value in args.param or []:
        params[key] = value
    paths = cases.render(args.name, out=args.out, parameters=params)
    print(f"case page     : {paths['html']}")
    print(f"record        : {paths['notebook']}")
    print(f"site index    : {paths['index']}")
    return 0


def lab_command(root: Path | None = None, extra: Sequence[str] = ()) -> list[str]:
    """The JupyterLab command line ``navtrain lab`` (and ``make lab``) runs."""
    if root is None:
        repo = Path(__file__).resolve().parent.parent
        root = repo if (repo / "courses").is_dir() else Path.cwd()  # a wheel install: cwd
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
           "--LabApp.news_url=None"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return [*cmd, *extra]


def _cmd_lab(args: argparse.Namespace) -> int:  # pragma: no cover - replaces the process
    cmd = lab_command(extra=args.lab_args)
    os.execv(cmd[0], cmd)
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    import importlib.metadata as md

    from navtrain.plots import cjk_font_path

    print(f"python      {sys.version.split()[0]} ({sys.executable})")
    for pkg in ("navtrain", "pandas", "seaborn", "matplotlib", "nbgrader", "jupyterlab",
                "notebook", "papermill", "nbconvert", "ipywidgets"):
        try:
            print(f"{pkg:<11} {md.version(pkg)}")
        except md.PackageNotFoundError:
            print(f"{pkg:<11} MISSING")
    print(f"CJK font    {cjk_font_path()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="navtrain",
        description="Patent navigation (专利导航, GB/T 39551-2020) training and typical cases.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a patent table file against the canonical schema")
    p.add_argument("file", help="CSV or Excel file with canonical (or recognised) headers")
    p.add_argument("--require", nargs="*", default=["pub_no"], metavar="COLUMN",
                   help="columns that must be present (default: pub_no)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("import", help="read a database export into the canonical table")
    p.add_argument("file", help="export file (.csv, .txt, .xls, .xlsx)")
    p.add_argument("--source", default="auto", help="source name (default: detect from the headers)")
    p.add_argument("--mapping", help="YAML or TOML file mapping canonical names to your headers")
    p.add_argument("--out", help="write the table to OUT.parquet, OUT.csv or OUT.xlsx")
    p.add_argument("--keep-duplicates", action="store_true", help="keep repeated documents")
    p.add_argument("--no-harmonize", action="store_true", help="skip applicant name harmonization")
    p.add_argument("--no-harmonise", dest="no_harmonize", action="store_true", help=argparse.SUPPRESS)  # 0.1 spelling
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("datasets", help="list, fetch or rebuild datasets")
    p.add_argument("action", choices=["list", "fetch", "build"])
    p.add_argument("names", nargs="*", help="fetch: dataset names (default: all public ones)")
    p.add_argument("--out", default=None, help="build: output folder (default: the repository's datasets/)")
    p.set_defaults(func=_cmd_datasets)

    from navtrain.course.commands import add_parser as add_course_parser

    add_course_parser(sub)

    p = sub.add_parser("cases", help="render typical cases with papermill into a static site")
    p.add_argument("action", choices=["list", "render"])
    p.add_argument("name", nargs="?", help="case name (a notebook in cases/)")
    p.add_argument("--out", default="site", help="output folder (default: site)")
    p.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="set a case parameter (a raw string; repeatable)")
    p.set_defaults(func=_cmd_cases)

    p = sub.add_parser("lab", help="start JupyterLab on the curriculum")
    p.add_argument("lab_args", nargs=argparse.REMAINDER, help="extra options for jupyter lab")
    p.set_defaults(func=_cmd_lab)

    p = sub.add_parser("doctor", help="show versions and the Chinese font in use")
    p.set_defaults(func=_cmd_doctor)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``navtrain`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except NavtrainError as exc:
        print(f"navtrain: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
