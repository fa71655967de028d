"""Dates flow (issue 10): every public function that takes a data cut-off (``cutoff=``) or an
evaluation date (``as_of=``) uses the one it is given — the result changes when it should
and records the date — and a bad date gives the house one-line error, never a raw traceback.

One recipe per date-taking public function; ``test_every_date_taking_function_has_a_recipe``
fails when a public function gains a date and no recipe, so the list cannot fall behind.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import navtrain as nt
from navtrain import techfunc
from navtrain.errors import NavtrainError

EARLY, LATE = "2021-06-30", "2024-12-31"


@pytest.fixture(scope="module")
def case() -> pd.DataFrame:
    """A slice of a bundled case (Henan applicants and their peers), for chain and talent functions."""
    df = nt.load_dataset("superhard")
    return df[df["app_date"] >= "2012-01-01"].reset_index(drop=True)


def _chain():
    return nt.load_chain("superhard")


# name → (table fixture, date keyword, call)
RECIPES: dict[str, tuple[str, str, Callable]] = {
    "trend": ("sample", "cutoff", lambda df, **d: nt.trend(df, **d)),
    "grant_rate": ("sample", "cutoff", lambda df, **d: nt.grant_rate(df, **d)),
    "incomplete_years": ("sample", "cutoff", lambda df, **d: pd.Series(nt.incomplete_years(range(2015, 2025), **d))),
    "applicant_ranking": ("sample", "cutoff", lambda df, **d: nt.applicant_ranking(df, **d)),
    "plot_applicants_over_time": ("sample", "cutoff", lambda df, **d: nt.plot_applicants_over_time(df, **d)),
    "ipc_by_year": ("sample", "cutoff",  # the cut-off shows in the incomplete years, marked as the heat map does
                    lambda df, **d: (lambda m: m.set_axis([f"{y}*" if y in m.attrs["incomplete_years"] else str(y)
                                                           for y in m.columns], axis=1))(nt.ipc_by_year(df, **d))),
    "lifecycle_table": ("sample", "cutoff", lambda df, **d: nt.lifecycle_table(df, **d)),
    "fit_s_curve": ("case", "cutoff", lambda df, **d: nt.fit_s_curve(df, **d)),
    "peer_benchmark": ("case", "cutoff", lambda df, **d: nt.peer_benchmark(df, **d)),
    # the cut-off moves the recent window, whose share the cell table shows (the matrix holds the counts)
    "function_matrix": ("case", "cutoff",
                        lambda df, **d: techfunc.matrix_cells(nt.function_matrix(df, rules="superhard", **d))),
    "segment_table": ("case", "cutoff", lambda df, **d: nt.segment_table(df, _chain(), **d)),
    "attraction_list": ("case", "cutoff",
                        lambda df, **d: nt.attraction_list(df, _chain(), segments=list(_chain().ids), **d)),
    "talent_list": ("case", "cutoff",
                    lambda df, **d: nt.talent_list(df, gap_segments=list(_chain().ids),
                                                   segments=nt.map_segments(df, _chain()), **d)),
    "forward_citations": ("sample", "cutoff", lambda df, **d: nt.forward_citations(df, **d)),
    "value_indicators": ("sample", "as_of", lambda df, **d: nt.value_indicators(df, **d)),
    "value_score": ("sample", "as_of", lambda df, **d: nt.value_score(df, **d)),
    "high_value_flags": ("sample", "as_of", lambda df, **d: nt.high_value_flags(df, **d)),
    "legal_event_table": ("sample", "cutoff", lambda df, **d: nt.legal_event_table(df, **d)),
    "status_as_of": ("sample", "as_of", lambda df, **d: nt.status_as_of(df, **d)),
    "remaining_life": ("sample", "as_of", lambda df, **d: nt.remaining_life(df, **d)),
    "fto_screen": ("sample", "as_of", lambda df, **d: nt.fto_screen(df, **d)),
    "plot_expiry_profile": ("sample", "as_of", lambda df, **d: nt.plot_expiry_profile(df, **d)),
    "plot_legal_profile": ("sample", "as_of", lambda df, **d: nt.plot_legal_profile(df, **d)),
    "citation_pagerank": ("sample", "as_of",
                          lambda df, **d: nt.citation_pagerank(nt.citation_graph(df), recency=0.2, **d)),
}


def _date_params(fn: Callable) -> set[str]:
    return {p for p in inspect.signature(fn).parameters if p in {"cutoff", "as_of"}}


def test_every_date_taking_function_has_a_recipe():
    """Each public function with a cutoff= or as_of= parameter is exercised below."""
    taking = {n for n in nt.__all__ if inspect.isfunction(getattr(nt, n)) and _date_params(getattr(nt, n))}
    assert taking - set(RECIPES) == set(), "add a recipe for these date-taking functions"
    assert set(RECIPES) - taking == set(), "these recipes name functions that take no date"


def _fingerprint(result: object) -> object:
    """Something comparable that captures what the result shows."""
    import matplotlib.axes

    if isinstance(result, matplotlib.axes.Axes):
        heights = [round(float(p.get_height()), 6) for p in result.patches]
        lines = [tuple(np.round(np.asarray(ln.get_ydata(), dtype=float), 6)) for ln in result.lines]
        texts = [t.get_text() for t in result.texts] + [result.get_title(), result.get_xlabel()]
        return (tuple(heights), tuple(lines), tuple(texts))
    if isinstance(result, pd.DataFrame | pd.Series):
        return result.to_csv()
    if hasattr(result, "params"):  # SCurveFit
        return repr(result.params) + repr(getattr(result, "table", None))
    return repr(result)


def _attrs(result: object) -> dict:
    return dict(result.attrs) if isinstance(result, pd.DataFrame | pd.Series) else {}


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_the_date_given_is_the_date_used(name, request):
    """Two different dates give different results, and the date is recorded where the result has attrs."""
    import matplotlib.pyplot as plt

    fixture, kw, call = RECIPES[name]
    df = request.getfixturevalue(fixture)
    early = call(df, **{kw: EARLY})
    a = _fingerprint(early)
    plt.close("all")
    late = call(df, **{kw: LATE})
    b = _fingerprint(late)
    plt.close("all")
    assert a != b, f"{name}({kw}=...) gives the same result for {EARLY} and {LATE}: the date is not used"
    attrs = _attrs(early)
    if attrs and name not in {"incomplete_years"}:
        assert pd.Timestamp(attrs.get(kw)) == pd.Timestamp(EARLY), f"{name} records {kw}={attrs.get(kw)!r}"


@pytest.mark.parametrize("bad", ["not-a-date", "2024-13-45", 2024])
@pytest.mark.parametrize("name", sorted(RECIPES))
def test_a_bad_date_is_one_house_line(name, bad, request):
    """A bad date (text that is no date, an impossible day, a bare year) raises one NavtrainError line."""
    fixture, kw, call = RECIPES[name]
    df = request.getfixturevalue(fixture)
    with pytest.raises(NavtrainError) as info:
        call(df, **{kw: bad})
    text = str(info.value)
    assert "\n" not in text and kw in text and "fix:" in text, text


def test_value_indicators_pass_the_date_to_forward_citations(sample):
    """as_of reaches the citation window (it was dropped before issue 10)."""
    a = nt.value_indicators(sample, as_of="2019-12-31")
    b = nt.forward_citations(sample, unit="families", cutoff="2019-12-31")  # value_indicators count families (OECD)
    assert pd.Timestamp(a.attrs["as_of"]) == pd.Timestamp("2019-12-31")
    merged = a.merge(b, on="pub_no", suffixes=("", "_fc"))
    for col in ("fwd_cits", "fwd_cits_to_cutoff"):  # the windowed count (NaN = incomplete) and all seen so far
        pd.testing.assert_series_equal(merged[col], merged[f"{col}_fc"], check_names=False)
    late = nt.value_indicators(sample, as_of="2024-07-30")
    assert merged["fwd_cits_to_cutoff"].sum() < late["fwd_cits_to_cutoff"].sum()


def test_segment_table_passes_the_cutoff_to_value_score(case):
    """The cut-off given to segment_table reaches the value score behind its core patents."""
    chain = _chain()
    early = nt.segment_table(case, chain, cutoff="2018-12-31")
    score = nt.value_score(case, as_of="2018-12-31")["value_score"]
    late = nt.segment_table(case, chain, cutoff="2018-12-31", score=score)
    pd.testing.assert_series_equal(early["core_patents"], late["core_patents"], check_names=False)
