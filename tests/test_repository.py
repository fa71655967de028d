"""Repository rules: two commands, CI, clean notebooks, lesson structure, synthetic notices."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

NOTEBOOKS = sorted(p for d in ("courses", "cases", "exercises/source")
                   for p in (REPO / d).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
LESSONS = sorted((REPO / "courses").rglob("*.ipynb"))


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_notebooks_of_each_kind():
    kinds = {p.relative_to(REPO).parts[0] for p in NOTEBOOKS}
    assert kinds == {"courses", "cases", "exercises"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_notebooks_are_committed_without_outputs(path):
    nb = _nb(path)
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count"))]
    assert dirty == [], f"strip outputs of cells {dirty}"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(REPO)))
def test_lessons_open_with_objectives_and_end_with_key_points(path):
    cells = [c for c in _nb(path)["cells"]]
    md = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    assert md[0].startswith("# ") and "## 学习目标" in md[0]
    assert md[-1].lstrip().startswith("## 要点")
    assert cells[-1]["cell_type"] == "markdown"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_page_with_data_says_it_is_synthetic(path):
    text = "".join("".join(c["source"]) for c in _nb(path)["cells"])
    assert "合成数据" in text and "虚构" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_notebooks_use_the_library_not_reimplementations(path):
    """Lessons and cases call navtrain; only exercise solutions compute by hand."""
    text = "".join("".join(c["source"]) for c in _nb(path)["cells"] if c["cell_type"] == "code")
    assert "import navtrain as nt" in text


def test_readme_shows_the_two_commands_first():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block
    assert "简体中文" in readme


def test_ci_runs_exactly_the_readme_test_command():
    lines = [ln.strip() for ln in (REPO / ".ci" / "run").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert lines[-1] == "make test"
    assert not any("pytest" in ln or "-k " in ln for ln in lines)


def test_case_templates_have_a_parameters_cell():
    for path in (REPO / "cases").glob("*.ipynb"):
        tags = [c.get("metadata", {}).get("tags", []) for c in _nb(path)["cells"]]
        assert sum("parameters" in t for t in tags) == 1, path


def test_no_file_copied_from_shared_data(shared_data):
    import hashlib
    import subprocess

    sums = {line.split()[0] for line in (shared_data / "SHA256SUMS").read_text().splitlines()
            if line.strip()}
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                             check=False).stdout.split(b"\0")
    for name in filter(None, tracked):
        path = REPO / name.decode()
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in sums, name


def test_standard_text_is_cited_not_copied():
    """Notebooks cite parts/clauses of GB/T 39551 by number."""
    for path in NOTEBOOKS:
        text = "".join("".join(c["source"]) for c in _nb(path)["cells"])
        assert re.search(r"GB/T 39551\.\d", text), path


def test_public_api_is_flat_and_every_name_has_a_doctest():
    """Every function re-exported from navtrain documents itself with an example."""
    import inspect

    import navtrain as nt

    missing = []
    for name in nt.__all__:
        obj = getattr(nt, name)
        if inspect.isfunction(obj):
            doc = inspect.getdoc(obj) or ""
            if ">>>" not in doc:
                missing.append(name)
    assert missing == [], f"public functions without a doctest: {missing}"


def test_methods_index_is_up_to_date():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_methods_index", REPO / "tools" / "make_methods_index.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (REPO / "docs" / "methods" / "README.md").read_text(encoding="utf-8") == module.render(), (
        "docs/methods/README.md is stale: run python tools/make_methods_index.py")


def test_docs_index_lists_every_page():
    """docs/README.md links every page under docs/ (one line each)."""
    index = (REPO / "docs" / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#]+\.md)\)", index))
    pages = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")} - {"README.md"}
    assert sorted(pages - linked) == [], "add these pages to docs/README.md"
    assert sorted(linked - pages) == [], "docs/README.md links pages that do not exist"


def _text_lines(path: Path) -> list[str]:
    """Lines of a text file, or of every cell source of a notebook."""
    if path.suffix == ".ipynb":
        return [line for c in _nb(path)["cells"] for line in "".join(c["source"]).splitlines()]
    return path.read_text(encoding="utf-8").splitlines()


def test_no_reference_to_notes_outside_the_repository():
    """Sources are public citations, never the team's private notes (shared/guide, methods.md §).

    Docs, code (navtrain, its data files, tests, benchmarks) and the notebooks' sources cite
    GB/T 39551 by part, the literature, or a page of this repository (docs/methods/<x>.md).
    """
    pattern = re.compile(r"shared/guide|\.\./shared|methods\.md`*\s*§|standard\.md|team notes|team's notes"
                         r"|methods notes|research notes|notes §")
    docs = [REPO / "README.md", *(REPO / "docs").rglob("*.md")]
    code = [*(REPO / "navtrain").rglob("*.py"), *(REPO / "navtrain" / "data").rglob("*.toml"),
            *(REPO / "navtrain" / "data").rglob("*.csv"), *(REPO / "benchmarks").glob("*.py"),
            *(p for p in (REPO / "tests").glob("*.py") if p.name != "test_repository.py"), *NOTEBOOKS]
    hits = [f"{p.relative_to(REPO)}:{i}" for p in docs + code for i, line in enumerate(_text_lines(p), 1)
            if pattern.search(line)]
    assert hits == [], f"replace with public citations: {hits}"
