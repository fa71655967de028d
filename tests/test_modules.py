"""Module hygiene (issue 10): no module imports another module's private helper, and the
counting basis is written once (navtrain.basis)."""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import REPO

MODULES = sorted(p for p in (REPO / "navtrain").rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("navtrain"):
            yield node


def _package_of(path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_private_name_is_imported_across_modules(path):
    """`from navtrain.x import _y` is allowed only inside one package (navtrain.synth's submodules)."""
    own = _package_of(path)
    bad = [f"{node.module}.{a.name}" for node in _imports(path) for a in node.names
           if a.name.startswith("_") and not a.name.startswith("__")
           and not (own != "navtrain" and node.module.startswith(own + "."))]
    assert bad == [], f"{path.name} imports private names: {bad}; make them public or move them"


RULES = {
    "the family key (family_id, else the document)": r"\"pub:\"\s*\+",
    "the filing-year rule (stated year, else the year of the date)": r"stated\.fillna\(|\.fillna\(derived\)",
    "a private date-basis table": r"_BASIS_ALIASES\s*=",
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_the_basis_rules_are_written_once(rule):
    """The family key, the filing-year rule and the date-basis aliases live in navtrain/basis.py only."""
    pattern = re.compile(RULES[rule])
    hits = [str(p.relative_to(REPO)) for p in MODULES
            if p.name != "basis.py" and "synth" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))]
    assert hits == [], f"{rule} is written again in {hits}; use navtrain.basis"
