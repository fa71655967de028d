"""Repository-wide pytest configuration (collection rules for notebooks)."""

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


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_doctest_figures(request):
    """Close figures after every test, doctests included (they do not see tests/conftest.py)."""
    yield
    if "matplotlib.pyplot" in __import__("sys").modules:
        import matplotlib.pyplot as plt

        plt.close("all")
