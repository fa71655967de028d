"""navtrain.ipc against values counted by hand from datasets/sample/patents_sample.csv.

Main IPC (ipc_main) of the 21 sample documents, by subclass (row numbers = source_row):
  C23C: rows 6, 7, 9                 -> 3   (row 7 is the US member of family F0006)
  C30B: rows 1, 16, 20               -> 3
  E21B: rows 5, 12, 13               -> 3   (rows 12/13 are the WO/CN members of F0011)
  B24B: rows 14, 15 -> 2;  B28D: rows 8, 17 -> 2
  B07B, C04B, B01J, B24D, B30B, C01B, G01B: one each -> 7
  row 18 is the design (no IPC: designs use Locarno)  -> 20 documents counted.
All IPCs (ipc lists), subclass C30B: rows 1 (C30B;B01J), 6 and 7 (C23C;C30B), 16 (C30B twice),
20 (C30B;H01L) -> 5 documents (whole); fractional 1/2 + 1/2 + 1/2 + 1 + 1/2 = 3.0.
Families (项): F0006 and F0011 collapse, so C23C 2 and E21B 2 families, 18 families in all.
"""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import navtrain as nt
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.ipc import (
    LEVELS,
    _label_table,
    ipc_by_year,
    ipc_cooccurrence,
    ipc_counts,
    ipc_label,
    parse_ipc,
    plot_ipc_composition,
    plot_ipc_heatmap,
)
from tests.helpers import missing_glyphs

PARTS = ["symbol", "section", "class", "subclass", "main_group", "group"]


def as_dict(table: pd.DataFrame, key: str, value: str = "count") -> dict:
    return dict(zip(table[key].tolist(), table[value].tolist(), strict=True))


# --------------------------------------------------------------------------- parse_ipc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C30B29/04", ("C30B29/04", "C", "C30", "C30B", "C30B29/00", "C30B29/04")),
        ("C30B 29/04", ("C30B29/04", "C", "C30", "C30B", "C30B29/00", "C30B29/04")),
        ("C30B0029040000", ("C30B29/04", "C", "C30", "C30B", "C30B29/00", "C30B29/04")),
        ("C04B0035583100", ("C04B35/5831", "C", "C04", "C04B", "C04B35/00", "C04B35/5831")),
        ("H01L0021000000", ("H01L21/00", "H", "H01", "H01L", "H01L21/00", "H01L21/00")),
        ("A61K0031100000", ("A61K31/10", "A", "A61", "A61K", "A61K31/00", "A61K31/10")),
        ("H01L 21/02 (2006.01)", ("H01L21/02", "H", "H01", "H01L", "H01L21/00", "H01L21/02")),
        ("H01L21/02(2006.01)I", ("H01L21/02", "H", "H01", "H01L", "H01L21/00", "H01L21/02")),
        ("h01l 21/02", ("H01L21/02", "H", "H01", "H01L", "H01L21/00", "H01L21/02")),
        ("Ｃ３０Ｂ　２９／０４", ("C30B29/04", "C", "C30", "C30B", "C30B29/00", "C30B29/04")),  # full width
        ("  C30B  29 / 04  ", ("C30B29/04", "C", "C30", "C30B", "C30B29/00", "C30B29/04")),
        ("E21B10/567", ("E21B10/567", "E", "E21", "E21B", "E21B10/00", "E21B10/567")),
        ("C30B", ("C30B", "C", "C30", "C30B", None, None)),  # subclass only
        ("C30B 29", ("C30B29/00", "C", "C30", "C30B", "C30B29/00", "C30B29/00")),  # main group only
        ("C30B29/040", ("C30B29/04", "C", "C30", "C30B", "C30B29/00", "C30B29/04")),  # trailing zero
        ("C30B 29/4", (None,) * 6),  # one-digit subgroup: not an IPC symbol
        ("Y02E10/50", (None,) * 6),  # CPC Y section is not IPC
        ("C30B29/04;B01J3/06", (None,) * 6),  # two symbols in one cell: split first
        ("", (None,) * 6),
        ("金刚石", (None,) * 6),
    ],
)
def test_parse_ipc_export_forms(text, expected):
    row = parse_ipc(pd.Series([text])).iloc[0]
    got = tuple(None if pd.isna(row[c]) else row[c] for c in PARTS)
    assert got == expected


def test_parse_ipc_keeps_index_and_handles_missing_and_non_text():
    s = pd.Series(["C30B29/04", None, 5, float("nan"), "B24D3/00"], index=[10, 11, 12, 13, 14])
    out = parse_ipc(s)
    assert out.index.tolist() == [10, 11, 12, 13, 14]
    assert out.columns.tolist() == PARTS
    assert out["subclass"].tolist()[0] == "C30B" and out["subclass"].tolist()[4] == "B24D"
    assert out.loc[[11, 12, 13]].isna().all().all()
    assert parse_ipc([]).shape == (0, 6)
    assert parse_ipc(["C30B29/04"])["group"].tolist() == ["C30B29/04"]


def test_parse_ipc_refuses_list_cells_with_advice(sample):
    with pytest.raises(SchemaError, match="explode"):
        parse_ipc(sample["ipc"])


ipc_like = st.builds(
    lambda sec, cls, sub, main, grp, sp, low, ver: (
        f"{sec}{cls:02d}{sub}{sp}{main}/{grp}{' (2006.01)' if ver else ''}".lower() if low
        else f"{sec}{cls:02d}{sub}{sp}{main}/{grp}{' (2006.01)' if ver else ''}"),
    st.sampled_from("ABCDEFGH"), st.integers(0, 99), st.sampled_from("ABCDEFGHJKLMNPQ"),
    st.integers(1, 999), st.from_regex(r"[0-9]{2,6}", fullmatch=True), st.sampled_from(["", " ", "  "]),
    st.booleans(), st.booleans(),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), ipc_like, st.none()), max_size=20))
def test_parse_ipc_never_raises_and_is_idempotent(values):
    first = parse_ipc(pd.Series(values, dtype=object))
    assert len(first) == len(values)
    ok = first["symbol"].notna()
    again = parse_ipc(first.loc[ok, "symbol"])
    pd.testing.assert_frame_equal(again, first[ok])
    # every part is consistent with the symbol
    parsed = first[ok]
    for sym, sub, cls, sec in zip(parsed["symbol"], parsed["subclass"], parsed["class"], parsed["section"],
                                  strict=True):
        assert sym.startswith(sub) and sub.startswith(cls) and cls.startswith(sec)


@settings(max_examples=40, deadline=None)
@given(ipc_like)
def test_generated_ipc_symbols_parse(text):
    row = parse_ipc(pd.Series([text])).iloc[0]
    assert pd.notna(row["group"])
    assert row["group"].split("/")[1] == row["group"].split("/")[1][:2] + row["group"].split("/")[1][2:].rstrip("0")


# --------------------------------------------------------------------------- labels


def test_label_table_is_complete_and_sourced():
    table = pd.read_csv(nt.ipc.DATA / "ipc_subclass_labels.csv", comment="#", dtype=str)
    assert table.columns.tolist() == ["subclass", "title_en", "title_zh", "source"]
    assert table["subclass"].is_unique
    assert table["subclass"].str.fullmatch(r"[A-H][0-9]{2}[A-Z]").all()
    assert table[["title_en", "title_zh", "source"]].notna().all().all()
    assert (table["source"] == "navtrain authors' short labels after the WIPO IPC scheme, version 2024.01").all()
    assert len(table) >= 300


def test_every_sample_subclass_has_a_label(sample):
    symbols = sample["ipc"].explode().dropna()
    subclasses = set(parse_ipc(symbols)["subclass"])
    missing = subclasses - set(_label_table().index)
    assert subclasses and not missing


CASE_SUBCLASSES = {
    "superhard": "C01B C04B C22C C23C C30B B24B B24D B22F B28D E21B B01J C09K B23B B23D C09G B07B B30B",
    "shield_tbm": "E21D F16C F16J F16H F16N B23P F16D F15B E02D G01M",
    "cranes": "B66C B66D B66F G05B G05D H04L B66B H02P G01L G08B",
    "nylon": "C07C C08G C08L C08K D01F B01J C07B C07D C08J D01D D02G D02J B29C C25B D07B B60C",
    "bearings": "F16C F03D C21D C22C B23P F16N B21H C23C G01M",
}
TOP_100 = (
    "G06F H04L H01L A61K G06Q H04N A61B G06T H04W G01N A61P H01M B65G G06K H02J C07D C12N G05B B01D F16H "
    "G01R A61F H05K B01J H04B C08L G06N G02B B32B G01S C07K A61M C02F B23K H02K B65D G09G C08K F24F H01R "
    "G01B G08G B60L C12Q E04B G06V H04M B29C G01M A01K C04B C22C A23L B08B F16K C08G B60R E21B H02M G01D "
    "H01Q G16H F16L B23P B21D A47J A01G B62D C09D C23C G02F H02H H01F A61L B01F B23Q G01L H04R G01K C01B "
    "H01G G10L F24H D06F A47L H05B F21V H01H B33Y F25D G08B A61H E02D B66C B65B E04F G01C B60W G01J G03F"
)


@pytest.mark.parametrize("group", [*CASE_SUBCLASSES, "top_100"])
def test_case_industry_and_common_subclasses_have_labels(group):
    wanted = set((TOP_100 if group == "top_100" else CASE_SUBCLASSES[group]).split())
    assert wanted - set(_label_table().index) == set()
    if group == "top_100":
        assert len(wanted) == 100


def test_ipc_label_scalar_list_series_and_languages():
    assert ipc_label("C30B") == "晶体生长"
    assert ipc_label("c30b0029040000") == "晶体生长"
    assert ipc_label("C30B", lang="en") == "Single-crystal growth"
    assert ipc_label("H") == "电学" and ipc_label("h", lang="en") == "Electricity"
    assert pd.isna(ipc_label("C30")) and pd.isna(ipc_label("Z99Z")) and pd.isna(ipc_label("not ipc"))
    s = pd.Series(["E21B10/567", "B24D3/14"], index=[3, 7])
    out = ipc_label(s)
    assert out.index.tolist() == [3, 7] and out.tolist() == ["钻探与钻头", "磨具（砂轮等）"]
    with pytest.raises(UnknownNameError, match="lang"):
        ipc_label("C30B", lang="fr")


# --------------------------------------------------------------------------- ipc_counts


def test_main_ipc_subclass_counts_by_hand(sample):
    t = ipc_counts(sample)
    assert t.columns.tolist() == ["subclass", "label_zh", "label_en", "count", "share"]
    assert as_dict(t, "subclass") == {
        "C23C": 3, "C30B": 3, "E21B": 3, "B24B": 2, "B28D": 2,
        "B01J": 1, "B07B": 1, "B24D": 1, "B30B": 1, "C01B": 1, "C04B": 1, "G01B": 1,
    }
    assert t["subclass"].tolist()[:3] == ["C23C", "C30B", "E21B"]  # ties in code order
    assert t["count"].sum() == 20 and t.attrs["n_units"] == 20
    assert t["share"].sum() == pytest.approx(1.0)
    assert t.loc[0, "share"] == pytest.approx(3 / 20)
    assert t.attrs["excluded"] == {"design patents (Locarno, no IPC)": 1}
    assert t.attrs["dropped"] == {}
    assert t.attrs["weight"] == "exclusive" and "main IPC" in t.attrs["counting"]
    assert t.loc[t["subclass"] == "C30B", "label_zh"].item() == "晶体生长"


def test_all_ipcs_whole_and_fractional(sample):
    whole = ipc_counts(sample, basis="all")
    assert as_dict(whole, "subclass")["C30B"] == 5
    # whole counting: 17 distinct subclasses; a document with two subclasses counts in both
    assert whole["count"].sum() == 34 and whole.attrs["n_units"] == 20
    assert whole.set_index("subclass").loc["C30B", "share_of_units"] == pytest.approx(5 / 20)
    assert whole["share"].sum() == pytest.approx(1.0)
    frac = ipc_counts(sample, basis="all", weight="fractional")
    assert frac["count"].sum() == pytest.approx(20.0)
    assert as_dict(frac, "subclass")["C30B"] == pytest.approx(3.0)
    # B01J: rows 1 (1/2), 4 (1), 11 (1/2) -> 2.0
    assert as_dict(frac, "subclass")["B01J"] == pytest.approx(2.0)
    assert frac.attrs["weight"] == "fractional" and "fractional" in frac.attrs["counting"]


def test_families_count_once(sample):
    t = ipc_counts(sample, unit="项")
    c = as_dict(t, "subclass")
    assert c["C23C"] == 2 and c["E21B"] == 2 and c["C30B"] == 3
    assert t["count"].sum() == 18 and t.attrs["unit_zh"] == "项"
    frac = ipc_counts(sample, unit="families", basis="all", weight="fractional")
    assert frac["count"].sum() == pytest.approx(18.0)


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("section", {"B": 8, "C": 8, "E": 3, "G": 1}),
        ("class", {"C23": 3, "C30": 3, "E21": 3, "B24": 3, "B28": 2, "B01": 1, "B07": 1, "B30": 1,
                   "C01": 1, "C04": 1, "G01": 1}),
        ("大组", {"C23C16/00": 2, "C23C18/00": 1, "C30B29/00": 2, "C30B25/00": 1, "E21B10/00": 3}),
    ],
)
def test_other_levels(sample, level, expected):
    got = as_dict(ipc_counts(sample, level=level), ipc_counts(sample, level=level).attrs["level"])
    assert {k: got[k] for k in expected} == expected


def test_level_labels(sample):
    t = ipc_counts(sample, level="section")
    assert t.set_index("section").loc["C", "label_zh"] == "化学；冶金"
    g = ipc_counts(sample, level="group")
    assert g.set_index("group").loc["C30B29/04", "label_zh"] == "晶体生长"
    assert ipc_counts(sample, level="class")["label_zh"].isna().all()


def test_forgiving_headers_and_top(sample):
    renamed = sample.rename(columns={"ipc_main": "IPC主分类号", "ipc": "IPC分类号"})
    t = ipc_counts(renamed, top=2)
    assert len(t) == 2 and t["count"].tolist() == [3, 3]
    assert t["share"].tolist() == [0.15, 0.15]  # shares stay relative to all codes


def test_main_falls_back_to_first_ipc_when_ipc_main_is_absent(sample):
    # row 5 lists C04B41/53 first but states E21B10/567 as its main IPC: with ipc_main the
    # stated main wins (E21B 3, C04B 1); without it the first symbol is used (E21B 2, C04B 2)
    t = ipc_counts(sample.drop(columns="ipc_main"))
    expected = as_dict(ipc_counts(sample), "subclass") | {"E21B": 2, "C04B": 2}
    assert as_dict(t, "subclass") == expected
    assert t.attrs["main_ipc"] == "first symbol of ipc"
    assert ipc_counts(sample).attrs["main_ipc"] == "ipc_main"


def test_missing_ipc_rows_warn_and_are_recorded():
    df = pd.DataFrame({"pub_no": ["a", "b", "c", "d"], "patent_type": ["invention"] * 3 + ["design"],
                       "ipc_main": ["C30B29/04", None, "garbage", None]})
    with pytest.warns(NavtrainWarning) as caught:
        t = ipc_counts(df)
    messages = [str(w.message) for w in caught]
    assert any("1 of 4 applications" in m and "'garbage'" in m for m in messages)
    assert any("1 of 4 applications" in m and "无IPC分类号" in m for m in messages)
    assert t["count"].tolist() == [1]
    assert t.attrs["dropped"] == {"unparseable IPC": 1, "no IPC": 1}
    assert t.attrs["excluded"] == {"design patents (Locarno, no IPC)": 1}


def test_unparseable_symbols_in_lists_are_ignored_with_a_warning():
    df = pd.DataFrame({"pub_no": ["a", "b"], "ipc": [["C30B29/04", "??"], ["B24D3/00", "B24D3/14", " "]]})
    with pytest.warns(NavtrainWarning, match="could not be parsed"):
        t = ipc_counts(df, basis="all", weight="fractional")
    assert as_dict(t, "subclass") == {"B24D": 1.0, "C30B": 1.0}
    assert t.attrs["dropped"] == {"unparseable IPC symbols": 1}


@pytest.mark.parametrize(
    "cells",
    [
        [["C30B29/04", "B24D3/00"], ["C30B25/02"]],  # lists of text: the pyarrow path
        ["C30B29/04", ("C30B25/02",)],  # a text cell and a tuple: the pandas path
        [np.array(["C30B29/04", "B24D3/00"], dtype=object), None],
    ],
)
def test_list_column_cell_kinds(cells):
    df = pd.DataFrame({"pub_no": ["a", "b"], "ipc": pd.Series(cells, dtype=object)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        t = ipc_counts(df, basis="all")
    counts = as_dict(t, "subclass")
    assert counts.get("C30B") == (2 if cells[1] is not None else 1)
    assert set(counts) <= {"C30B", "B24D"}  # a text cell is one symbol, never split into characters


def test_bad_options_and_missing_columns(sample):
    with pytest.raises(UnknownNameError, match="IPC level"):
        ipc_counts(sample, level="subgroupx")
    with pytest.raises(UnknownNameError, match="basis"):
        ipc_counts(sample, basis="some")
    with pytest.raises(UnknownNameError, match="unit"):
        ipc_counts(sample, unit="docs?")
    with pytest.raises(UnknownNameError, match="weight"):
        ipc_counts(sample, basis="all", weight="half")
    with pytest.raises(SchemaError, match=r"read_patents"):
        ipc_counts(sample.drop(columns=["ipc", "ipc_main"]))
    with pytest.raises(SchemaError, match="family_id"):
        ipc_counts(sample.drop(columns="family_id"), unit="families")


def test_empty_input_gives_empty_results(sample):
    empty = sample.iloc[0:0]
    assert len(ipc_counts(empty)) == 0
    assert len(ipc_counts(empty, basis="all", weight="fractional")) == 0
    assert ipc_by_year(empty).shape == (0, 0)
    assert ipc_cooccurrence(empty).shape == (0, 0)


def test_inputs_are_not_mutated(sample):
    before = sample.copy(deep=True)
    ipc_counts(sample, basis="all", unit="families")
    ipc_by_year(sample, unit="families")
    ipc_cooccurrence(sample)
    pd.testing.assert_frame_equal(sample, before)


symbol_lists = st.lists(st.lists(st.sampled_from(
    ["C30B29/04", "C30B25/02", "B24D3/00", "H01L21/02", "E21B10/567", "G06F3/01", "xx"]), max_size=4),
    min_size=1, max_size=25)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(symbol_lists)
def test_property_fractional_counts_add_up_to_documents(lists):
    df = pd.DataFrame({"pub_no": [f"d{i}" for i in range(len(lists))], "ipc": lists,
                       "ipc_main": [x[0] if x else None for x in lists]})
    before = df.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        frac = ipc_counts(df, basis="all", weight="fractional")
        whole = ipc_counts(df, basis="all")
        main = ipc_counts(df)
    with_ipc = sum(any(s != "xx" for s in x) for x in lists)
    assert frac["count"].sum() == pytest.approx(with_ipc)
    assert frac.attrs["n_units"] == whole.attrs["n_units"] == with_ipc
    for t in (frac, whole, main):
        if len(t):
            assert t["share"].sum() == pytest.approx(1.0)
    assert main["count"].sum() == sum(bool(x) and x[0] != "xx" for x in lists)
    assert (whole["count"] >= frac["count"].reindex(whole.index)).all() or len(whole) == 0
    pd.testing.assert_frame_equal(df, before)


# --------------------------------------------------------------------------- by year, co-occurrence


def test_ipc_by_year_zero_fills_and_flags(sample):
    m = ipc_by_year(sample, top=None, cutoff="2024-12-31")
    assert m.columns.tolist() == list(range(2015, 2025))
    assert m.index.name == "subclass" and len(m) == 12
    # row sums equal the main-IPC counts (each document in its filing year)
    assert m.sum(axis=1).to_dict() == as_dict(ipc_counts(sample), "subclass")
    # C30B: rows 1 (2015), 16 (2022), 20 (2023)
    assert m.loc["C30B"].to_dict() == {2015: 1, 2016: 0, 2017: 0, 2018: 0, 2019: 0, 2020: 0, 2021: 0,
                                       2022: 1, 2023: 1, 2024: 0}
    assert m.loc[:, 2018].sum() == 0
    assert m.attrs["incomplete_years"] == [2023, 2024]
    assert m.attrs["cutoff"] == pd.Timestamp("2024-12-31")
    top3 = ipc_by_year(sample, top=3)
    assert top3.index.tolist() == ["C23C", "C30B", "E21B"]


def test_ipc_by_year_families_and_fractional(sample):
    fam = ipc_by_year(sample, unit="families", top=None, cutoff="2024-12-31")
    # F0006: CN 2019 + US 2020 -> C23C in 2019 once; F0011: CN 2020 + WO 2021 -> E21B in 2020 once
    # C23C by documents: 2019 rows 6, 9 and 2020 row 7 (US member of F0006); by families 2019: 2, 2020: 0
    assert ipc_by_year(sample, top=None).loc["C23C", [2019, 2020]].tolist() == [2, 1]
    assert fam.loc["C23C", 2019] == 2 and fam.loc["C23C", 2020] == 0
    assert fam.loc["E21B", 2020] == 1 and fam.loc["E21B", 2021] == 0
    frac = ipc_by_year(sample, basis="all", weight="fractional", top=None)
    assert frac.to_numpy().sum() == pytest.approx(20.0)
    pub = ipc_by_year(sample, date="publication", cutoff="2024-06-30")
    assert pub.attrs["incomplete_years"] == [2024] and pub.attrs["year_label"] == "公开年"


def test_ipc_cooccurrence_matrix(sample):
    c = ipc_cooccurrence(sample)
    assert (c.to_numpy() == c.to_numpy().T).all()
    whole = as_dict(ipc_counts(sample, basis="all"), "subclass")
    assert {k: int(c.loc[k, k]) for k in c.index} == whole
    # C23C & C09K: row 9; C22C & E21B: rows 12, 13
    assert c.loc["C23C", "C09K"] == 1 and c.loc["E21B", "C22C"] == 2 and c.loc["C30B", "E21B"] == 0
    assert c.index.tolist()[0] == "C30B"
    # families: C30B in F0001, F0006, F0014, F0018 -> 4; E21B in F0005, F0011 -> 2
    fam = ipc_cooccurrence(sample, unit="families")
    assert fam.loc["C30B", "C30B"] == 4 and fam.loc["E21B", "E21B"] == 2 and fam.loc["E21B", "C22C"] == 1
    top3 = ipc_cooccurrence(sample, unit="families", top=3)
    assert top3.index.tolist() == ["C30B", "B01J", "B24B"] and top3.shape == (3, 3)


# --------------------------------------------------------------------------- charts


def test_plot_ipc_composition(sample, tmp_path):
    counts = ipc_counts(sample, basis="all", weight="fractional")
    ax = plot_ipc_composition(counts, top=5, title="超硬材料技术构成", save=tmp_path / "c.png")
    assert len(ax.patches) == 5
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "C30B 晶体生长"  # the largest bar is on top
    assert [p.get_width() for p in ax.patches][::-1] == counts["count"].head(5).tolist()
    assert ax.get_xlabel() == "申请量（件，全部分类号，分数计数）" and ax.get_ylabel() == "IPC小类"
    assert ax.get_title() == "超硬材料技术构成"
    assert "（15.0%）" in " ".join(t.get_text() for t in ax.texts)
    assert (tmp_path / "c.png").stat().st_size > 0
    assert missing_glyphs(ax) == []
    plt.close("all")
    ax = plot_ipc_composition(ipc_counts(sample, unit="项"))
    assert len(ax.patches) == 10 and ax.get_xlabel() == "专利族数（项，主分类号）"


def test_plot_ipc_heatmap(sample):
    m = ipc_by_year(sample, top=5, cutoff="2024-12-31")
    ax = plot_ipc_heatmap(m, title="IPC年度分布")
    xt = [t.get_text() for t in ax.get_xticklabels()]
    assert xt == [str(y) for y in range(2015, 2023)] + ["2023*", "2024*"]
    yt = [t.get_text() for t in ax.get_yticklabels()]
    assert yt[:3] == ["C23C 镀覆与气相沉积", "C30B 晶体生长", "E21B 钻探与钻头"]
    hatched = [p for p in ax.patches if p.get_hatch() == "//"]
    assert len(hatched) == 2
    assert ax.get_legend().get_texts()[0].get_text() == "数据不完整（2023–2024）"
    quad = ax.collections[0]
    assert quad.get_array().reshape(m.shape).tolist() == m.to_numpy(dtype=float).tolist()
    assert ax.get_title() == "IPC年度分布" and ax.get_xlabel() == "申请年"
    assert missing_glyphs(ax) == []


def test_levels_constant():
    assert list(LEVELS) == ["section", "class", "subclass", "main_group", "group"]
