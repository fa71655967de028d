"""Shared test helpers (fixtures live in tests/conftest.py)."""

from __future__ import annotations

import io
import warnings

from matplotlib.axes import Axes


def missing_glyphs(ax: Axes) -> list[str]:
    """The missing-glyph (tofu) warnings raised while the figure of ``ax`` renders to PNG.

    An empty list means every character of the chart (Chinese labels, the minus sign) had a
    glyph in the fonts the theme chose. Usage: ``assert missing_glyphs(ax) == []``.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing" in str(w.message)]
