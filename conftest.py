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
