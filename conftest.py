"""Repository-wide pytest configuration: collection rules, the chart backend, and the one
figure closer (for tests and doctests alike; doctests do not see tests/conftest.py)."""

import sys

import matplotlib
import pytest

matplotlib.use("Agg")  # this process only: charts render off-screen (notebook kernels keep their own)

# Built or collected artefacts are not sources: student releases fail by design
# (raise NotImplementedError), and submissions belong to trainees.
collect_ignore_glob = [
    "exercises/release/*",
    "exercises/submitted/*",
    "exercises/autograded/*",
    "exercises/feedback/*",
    "site/*",
    "**/.ipynb_checkpoints/*",
    "benchmarks/*",
    ".venv/*",
    "navtrain/__main__.py",
]


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure after each test, doctest and notebook cell check."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
