"""Write the two pages made from ``navtrain.api.GROUPS``: docs/methods/README.md (an index of
the public API built from the docstrings) and the API table of README.md (between the
``<!-- api-table -->`` markers).

Run: python tools/make_methods_index.py   (tests/test_repository.py and tests/test_api.py
check both are up to date)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from navtrain.api import methods_index, readme_table

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "methods" / "README.md"
README = REPO / "README.md"
START, END = "<!-- api-table: generated from navtrain.api.GROUPS by tools/make_methods_index.py -->", \
    "<!-- /api-table -->"


def render() -> str:
    """The text of docs/methods/README.md."""
    return methods_index()


def render_readme(text: str) -> str:
    """``text`` (README.md) with the block between the markers replaced by the API table."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no API-table markers ({START} ... {END})")
    return pattern.sub(lambda _: f"{START}\n{readme_table()}\n{END}", text)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    README.write_text(render_readme(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
