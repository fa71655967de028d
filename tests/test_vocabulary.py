"""One vocabulary for the learner API (docs/vocabulary.md), read off the signatures of
``navtrain.__all__``: one name per concept, one spelling, no catch-all keywords, a
concrete return type on every public function, every chart returning its Axes."""

from __future__ import annotations

import inspect

import pytest

import navtrain as nt

PUBLIC = sorted(n for n in nt.__all__ if callable(getattr(nt, n)) and not inspect.isclass(getattr(nt, n)))

#: names that say a concept another way → the one name the library uses
RENAMED = {
    "recent_years": "recent", "years": "recent", "recent_window": "recent",
    "harmonise": "harmonize", "normalise": "normalize", "standardise": "standardize",
    "as_of_year": "as_of", "date_basis": "date", "basis_date": "date",
    "counting_unit": "unit", "units": "unit", "lag": "lag_months", "cut_off": "cutoff",
    "data_cutoff": "cutoff", "column": "col", "applicant_column": "applicant_col",
}
UNIT_WORDS = {"applications", "documents", "families", "件", "项", "篇"}
DATE_WORDS = {"application", "priority", "publication"}


def _params(name: str) -> list[inspect.Parameter]:
    return list(inspect.signature(getattr(nt, name)).parameters.values())


def _hints(name: str) -> dict[str, str]:
    """Annotations as written (strings): resolving them would import what the module defers."""
    sig = inspect.signature(getattr(nt, name))
    out = {p.name: _text(p.annotation) for p in sig.parameters.values() if p.annotation is not p.empty}
    if sig.return_annotation is not sig.empty:
        out["return"] = _text(sig.return_annotation)
    return out


def _text(annotation: object) -> str:
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))


@pytest.mark.parametrize("name", PUBLIC)
def test_one_name_per_concept(name):
    """A parameter never uses a name the vocabulary replaced."""
    bad = {p.name: RENAMED[p.name] for p in _params(name) if p.name in RENAMED}
    assert not bad, f"{name}: rename {bad} (docs/vocabulary.md)"


@pytest.mark.parametrize("name", PUBLIC)
def test_no_catch_all_keywords(name):
    """No **kwargs: a mistyped keyword must raise, not vanish."""
    var = [p.name for p in _params(name) if p.kind is inspect.Parameter.VAR_KEYWORD]
    assert not var, f"{name} accepts **{var[0]}: a mistyped keyword is silently accepted"


@pytest.mark.parametrize("name", PUBLIC)
def test_unit_and_level(name):
    """``unit=`` is the counting unit (default 'applications'); ``level=`` is a hierarchy level, never a unit."""
    for p in _params(name):
        if p.name == "unit":
            assert p.default == "applications", f"{name}: unit defaults to {p.default!r}, not 'applications' (件)"
        if p.name == "level":
            assert p.default not in UNIT_WORDS, f"{name}: level={p.default!r} is a counting unit; call it unit="
        if p.name in {"start", "basis"} and isinstance(p.default, str):
            assert p.default not in DATE_WORDS, f"{name}: {p.name}={p.default!r} is a date basis; call it date="


@pytest.mark.parametrize("name", PUBLIC)
def test_dates_and_windows(name):
    """``lag_months`` defaults to None (the basis default); ``recent`` is a whole number of years;
    ``cutoff`` and ``as_of`` default to None (resolved by navtrain.basis) and are dates, never years."""
    hints = _hints(name)
    for p in _params(name):
        if p.name == "lag_months":
            assert p.default is None, f"{name}: lag_months defaults to {p.default!r}; use None (per date basis)"
        if p.name == "recent":
            assert isinstance(p.default, int), f"{name}: recent defaults to {p.default!r}"
        if p.name in {"cutoff", "as_of"}:
            hint = hints.get(p.name, "")
            assert "int" not in hint.split(" | "), f"{name}: {p.name} is typed {hint}: a date, never a year"


@pytest.mark.parametrize("name", PUBLIC)
def test_top_default(name):
    """``top`` is 10 (rankings and charts) or None (deliverable lists: every row)."""
    for p in _params(name):
        if p.name == "top":
            assert p.default in (10, None), f"{name}: top defaults to {p.default!r}; use 10, or None for a list"


@pytest.mark.parametrize("name", PUBLIC)
def test_concrete_return_type(name):
    """Every public function states what it returns, and not as object or Any."""
    ret = _hints(name).get("return")
    assert ret, f"{name} has no return annotation"
    assert ret not in {"object", "Any", "typing.Any"}, f"{name} returns {ret}: say what it returns"


@pytest.mark.parametrize("name", [n for n in PUBLIC if n.startswith("plot_")])
def test_charts_return_axes(name):
    """Every chart returns its matplotlib Axes (exercises grade charts through them)."""
    ret = _hints(name).get("return", "")
    assert ret.split(".")[-1] == "Axes", f"{name} returns {ret!r}, not matplotlib.axes.Axes"
