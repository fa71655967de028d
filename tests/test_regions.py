"""navtrain.regions against values counted by hand from datasets/sample/patents_sample.csv.

First applicant's city of the 21 sample documents (column `city`, rows = source_row):
  郑州市: rows 1, 3, 4, 5, 6, 10, 11, 13, 14, 16, 17, 20, 21      -> 13 documents
  商丘市: rows 2, 9 -> 2;  许昌市: rows 8, 18 -> 2;  南阳市: row 15 -> 1;  新乡市: row 19 -> 1
  no city: rows 7 (US) and 12 (WO), foreign members without a Chinese address -> 2
  13 + 2 + 2 + 1 + 1 + 2 = 21.  Province: 河南省 19, none 2.
Families (项): F0006 = rows 6 (郑州) + 7 (none) and F0011 = rows 12 (none) + 13 (郑州) each take
their CN member's city, so 郑州市 13 families, 19 families in all, none without a region.
Valid inventions (legal_status valid, patent_type invention), CN documents: rows 1, 5, 13 (郑州)
and 9 (商丘) -> 4.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import navtrain as nt
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.regions import (
    INDICATORS,
    ipc_to_industry,
    load_concordance,
    matching_degree,
    peer_benchmark,
    per_capita,
    plot_region_ranking,
    region_counts,
)

IMPORT_STEP = "the importer's address parsing (read_patents) fills province/city"


def as_dict(table: pd.DataFrame, key: str, value: str = "count") -> dict:
    return dict(zip(table[key].tolist(), table[value].tolist(), strict=True))


# --------------------------------------------------------------------------- region_counts


def test_city_counts_by_hand(sample):
    with pytest.warns(NavtrainWarning, match="2 of 21 applications have no first-applicant city"):
        t = region_counts(sample, level="city")
    assert t.columns.tolist() == ["city", "province", "count", "share", "rank"]
    assert as_dict(t, "city") == {"郑州市": 13, "商丘市": 2, "许昌市": 2, "南阳市": 1, "新乡市": 1}
    assert t["province"].unique().tolist() == ["河南省"]
    assert t["rank"].tolist() == [1, 2, 2, 4, 4]
    assert t.loc[0, "share"] == pytest.approx(13 / 19)
    assert t["share"].sum() == pytest.approx(1.0)
    assert t.attrs["dropped"] == {"no city": 2} and t.attrs["unit_zh"] == "件"


def test_province_and_families(sample):
    cn = sample[sample["office"] == "CN"]
    assert as_dict(region_counts(cn), "province") == {"河南省": 19}
    fam = region_counts(sample, level="市", unit="项")  # no warning: every family has a CN member
    assert as_dict(fam, "city")["郑州市"] == 13 and fam["count"].sum() == 19
    assert fam.attrs["dropped"] == {} and fam.attrs["unit_zh"] == "项"


def test_missing_regions_can_be_kept(sample):
    t = region_counts(sample, level="city", missing="keep")
    assert as_dict(t, "city")["（缺失）"] == 2 and t["count"].sum() == 21
    top = region_counts(sample, level="city", missing="keep", top=2)
    assert top["city"].tolist() == ["郑州市", "商丘市"] and top.loc[0, "share"] == pytest.approx(13 / 21)


def test_region_names_are_trimmed_and_blank_is_missing():
    df = pd.DataFrame({"pub_no": list("abcd"), "province": [" 河南省", "河南省 ", "", None]})
    with pytest.warns(NavtrainWarning, match="2 of 4"):
        t = region_counts(df)
    assert as_dict(t, "province") == {"河南省": 2}


def test_missing_province_column_names_the_import_step(sample):
    with pytest.raises(SchemaError, match=r"province.*importer's address parsing \(read_patents\)"):
        region_counts(sample.drop(columns="province"))
    with pytest.raises(SchemaError, match="read_patents"):
        per_capita(sample.drop(columns="city"), {"郑州": 1}, level="city")
    with pytest.raises(SchemaError, match="read_patents"):
        peer_benchmark(sample.drop(columns="city"), peers=["郑州市"])
    try:
        region_counts(sample.drop(columns="province"))
    except SchemaError as err:
        assert IMPORT_STEP in str(err) and "省份" in str(err)


def test_region_options_are_checked(sample):
    with pytest.raises(UnknownNameError, match="region level"):
        region_counts(sample, level="county")
    with pytest.raises(UnknownNameError, match="missing"):
        region_counts(sample, missing="zero")
    with pytest.raises(UnknownNameError, match="unit"):
        region_counts(sample, unit="pieces")


def test_empty_input(sample):
    t = region_counts(sample.iloc[0:0])
    assert len(t) == 0 and t.columns.tolist() == ["province", "count", "share", "rank"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["郑州市", "洛阳市", "许昌市", None, ""]), min_size=1, max_size=40),
       st.booleans())
def test_property_counts_conserve_records_and_shares_sum_to_one(cities, keep):
    df = pd.DataFrame({"pub_no": [f"d{i}" for i in range(len(cities))], "city": cities})
    before = df.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        t = region_counts(df, level="city", missing="keep" if keep else "drop")
    known = sum(bool(c) for c in cities)
    assert t["count"].sum() == (len(cities) if keep else known)
    if len(t):
        assert t["share"].sum() == pytest.approx(1.0)
    pd.testing.assert_frame_equal(df, before)


# --------------------------------------------------------------------------- per_capita


def test_per_capita_by_hand(sample):
    # Henan: 4 valid CN inventions (rows 1, 5, 9, 13); population 9,815万人 (a round teaching figure)
    t = per_capita(sample, pd.DataFrame({"province": ["河南省", "北京市"], "population": [98_150_000, 21_850_000]}))
    row = t.set_index("province").loc["河南省"]
    assert row["population_10k"] == pytest.approx(9815.0)
    assert row["valid_inventions"] == 4
    assert row["valid_inventions_per_10k"] == pytest.approx(4 / 9815)
    bj = t.set_index("province").loc["北京市"]
    assert bj["valid_inventions"] == 0 and bj["valid_inventions_per_10k"] == 0.0
    assert np.isnan(row["high_value_per_10k"]) and "high_value" in t.attrs["notes"][0]
    assert "high_value_flags" in t.attrs["notes"][0]  # the note points at the public criteria
    same = per_capita(sample, {"河南": 9815.0}, population_unit="万人")
    assert same.loc[0, "valid_inventions_per_10k"] == pytest.approx(4 / 9815)


def test_per_capita_high_value_and_rd(sample):
    # high-value flag on rows 1 (valid invention), 9 (valid invention) and 3 (lapsed: never counts)
    mask = sample["pub_no"].isin(["CN104651001B", "CN110560001B", "CN106187001A"])
    t = per_capita(sample, {"河南省": 100.0}, population_unit="万人", high_value=mask,
                   rd={"河南": 50_000_000}, rd_unit="万元")
    r = t.iloc[0]
    assert r["high_value_inventions"] == 2 and r["high_value_per_10k"] == pytest.approx(0.02)
    # R&D 5e7 万元 = 5,000 亿元; CN grants: rows 1,2,4,5,8,9,11,13,15,17,18,21 -> 12
    assert r["rd_100m_yuan"] == pytest.approx(5000.0) and r["grants"] == 12
    assert r["grants_per_100m_yuan"] == pytest.approx(12 / 5000)
    # grants published in 2021: rows 9 (2021-05-18) and 11 (2021-05-07)
    y = per_capita(sample, {"河南省": 100.0}, population_unit="万人", rd={"河南省": 10}, grant_year=2021)
    assert y.loc[0, "grants"] == 2 and y.loc[0, "grants_per_100m_yuan"] == pytest.approx(0.2)
    col = per_capita(sample.assign(high_value=mask), {"河南省": 100.0}, population_unit="万人")
    assert col.loc[0, "high_value_inventions"] == 2


def test_per_capita_undefined_is_nan_and_counts_table(sample):
    t = per_capita(sample, {"河南省": 0, "湖北省": None}, rd={"河南省": 0})
    assert t["valid_inventions_per_10k"].isna().all() and t["grants_per_100m_yuan"].isna().all()
    counts = pd.DataFrame({"city": ["郑州市", "洛阳市"], "valid_inventions": [100, 30]})
    c = per_capita(counts, {"郑州": 13_000_000, "洛阳市": 7_000_000}, level="city")
    assert c.set_index("city")["valid_inventions_per_10k"].round(6).to_dict() == {
        "郑州": round(100 / 1300, 6), "洛阳市": round(30 / 700, 6)}
    with pytest.raises(SchemaError, match="'is_hv'"):
        per_capita(sample, {"河南省": 1}, high_value="is_hv")
    with pytest.raises(UnknownNameError, match="population unit"):
        per_capita(sample, {"河南省": 1}, population_unit="千人")


# --------------------------------------------------------------------------- concordance


def test_bundled_concordance_shape():
    c = load_concordance()
    assert c.columns.tolist() == ["ipc_prefix", "field_id", "field_en", "field_zh", "sector_en", "sector_zh"]
    assert len(c) == 764 and c["ipc_prefix"].is_unique
    assert sorted(c["field_id"].unique()) == list(range(1, 36))
    assert c.groupby("field_id")["field_zh"].nunique().eq(1).all()
    assert set(c["sector_zh"]) == {"电气工程", "仪器", "化学", "机械工程", "其他领域"}
    assert c["ipc_prefix"].str.fullmatch(r"[A-H][0-9]{2}[A-Z]([0-9]{1,3}/)?").all()


def test_concordance_agrees_with_the_wipo_reference(shared_data):
    """Every prefix -> field of our file equals the WIPO table (PatentsView copy, IPC_code like 'H01M%')."""
    ref = pd.read_csv(shared_data / "ref" / "wipo_ipc_technology_concordance.csv", encoding="utf-8-sig")
    ref_map = dict(zip(ref["IPC_code"].str.replace(" ", "").str.rstrip("%"), ref["Field_number"].astype(int),
                       strict=True))
    ours = load_concordance()
    our_map = dict(zip(ours["ipc_prefix"], ours["field_id"], strict=True))
    assert our_map == ref_map
    names = ref.drop_duplicates("Field_number").set_index("Field_number")
    for fid, row in ours.drop_duplicates("field_id").set_index("field_id").iterrows():
        assert (row["field_en"], row["sector_en"]) == (names.loc[fid, "Field_en"], names.loc[fid, "Sector_en"])
    # our own layout, not a byte copy
    raw = (nt.ipc.DATA / "wipo_ipc_technology_35.csv").read_bytes()
    assert raw != (shared_data / "ref" / "wipo_ipc_technology_concordance.csv").read_bytes()


def test_concordance_file_names_its_source():
    head = (nt.ipc.DATA / "wipo_ipc_technology_35.csv").read_text(encoding="utf-8").split("ipc_prefix,")[0]
    assert "Schmoch" in head and "2008" in head and "2019" in head and "IPC-Technology Concordance" in head


def test_load_concordance_normalises_custom_tables(tmp_path):
    custom = pd.DataFrame({"ipc_prefix": ["C30B  29/%", "b24d*", "E21B"], "field_id": ["C3099", "C3099", "C3510"]})
    c = load_concordance(custom)
    assert c["ipc_prefix"].tolist() == ["C30B29/", "B24D", "E21B"]
    path = tmp_path / "c.csv"
    path.write_text("# my table\nipc_prefix,field_id\nC30B,X\n", encoding="utf-8")
    assert load_concordance(path)["field_id"].tolist() == ["X"]
    with pytest.raises(SchemaError, match="field_id"):
        load_concordance(pd.DataFrame({"ipc_prefix": ["C30B"]}))
    with pytest.raises(UnknownNameError, match="no concordance file"):
        load_concordance(tmp_path / "missing.csv")


# --------------------------------------------------------------------------- ipc_to_industry


def test_exclusive_fields_by_hand(sample):
    # main IPC -> field: C23C (3) and C30B (3) -> 21; B24B (2), B24D, B30B -> 26; E21B (3) -> 35;
    # C04B, C01B -> 20; B07B, B01J -> 23; B28D (2) -> 29; G01B -> 10; the design is excluded
    t = ipc_to_industry(sample)
    assert as_dict(t, "field_id") == {21: 6, 26: 4, 35: 3, 20: 2, 23: 2, 29: 2, 10: 1}
    assert t.loc[0, "field_zh"] == "表面技术、涂层" and t.loc[0, "sector_zh"] == "化学"
    assert t["share"].sum() == pytest.approx(1.0)
    assert t.attrs["n_units"] == 20 and t.attrs["unmapped"] == 0
    assert t.attrs["excluded"] == {"design patents (Locarno, no IPC)": 1}


def test_fractional_fields_by_hand(sample):
    # field 21: rows 1 (1/2), 6 (1), 7 (1), 9 (1/2), 16 (1), 20 (1/2) = 4.5
    # field 20: rows 3 (1), 5 (1/2), 12 (1/2), 13 (1/2), 19 (1/2) = 3.0
    # field 8 (H01L): rows 14 (1/2), 20 (1/2) = 1.0
    t = ipc_to_industry(sample, counting="fractional")
    got = as_dict(t, "field_id")
    assert got[21] == pytest.approx(4.5) and got[20] == pytest.approx(3.0) and got[8] == pytest.approx(1.0)
    assert t["count"].sum() == pytest.approx(20.0)
    whole = ipc_to_industry(sample, counting="whole")
    assert as_dict(whole, "field_id")[21] == 6 and whole["count"].sum() >= 20
    sectors = ipc_to_industry(sample, counting="fractional", level="sector")
    assert as_dict(sectors, "sector_zh") == pytest.approx(
        {"化学": 11.0, "机械工程": 5.5, "其他领域": 1.5, "仪器": 1.0, "电气工程": 1.0})


def test_families_in_fields(sample):
    fam = ipc_to_industry(sample, unit="families")
    assert as_dict(fam, "field_id")[21] == 5 and as_dict(fam, "field_id")[35] == 2
    assert fam["count"].sum() == 18


def test_longest_prefix_wins_and_unmapped_are_reported():
    df = pd.DataFrame({
        "pub_no": list("abcdef"),
        "ipc_main": ["A61K8/02", "A61K31/40", "G01N33/48", "G01N3/00", "H10K50/00", None],
        "ipc": [["A61K8/02"], ["A61K31/40"], ["G01N33/48"], ["G01N3/00", "H10K50/00"], ["H10K50/00"], []],
        "patent_type": ["invention"] * 5 + ["design"],
    })
    with pytest.warns(NavtrainWarning, match="1 of 6 applications were not counted"):
        t = ipc_to_industry(df)
    # A61K8/ -> 14 (not 16); G01N33/ -> 11 (not 10); H10K is newer than the 2019 table
    assert as_dict(t, "field_id") == {14: 1, 16: 1, 11: 1, 10: 1}
    assert t.attrs["unmapped"] == 1 and t.attrs["dropped"] == {"IPC not in the concordance": 1}
    with pytest.warns(NavtrainWarning):
        f = ipc_to_industry(df, counting="fractional")
    assert f["count"].sum() == pytest.approx(4.0)  # row d: G01N3 only (H10K unmapped) -> 10 gets 1


def test_custom_concordance_with_a_prefix_in_two_industries(sample):
    conc = pd.DataFrame({
        "ipc_prefix": ["C30B", "C23C", "C23C", "E21B", "B24"],
        "field_id": ["超硬材料", "超硬材料", "表面处理", "钻探装备", "磨具"],
        "field_zh": ["超硬材料", "超硬材料", "表面处理", "钻探装备", "磨具"],
    })
    with pytest.warns(NavtrainWarning, match="not in the concordance"):
        t = ipc_to_industry(sample, concordance=conc)
    # C30B 3 -> 超硬材料 3; C23C 3 split 1/2-1/2 -> 超硬材料 1.5, 表面处理 1.5; E21B 3; B24B 2 + B24D 1 -> 3
    assert as_dict(t, "field_id") == pytest.approx({"超硬材料": 4.5, "钻探装备": 3.0, "磨具": 3.0, "表面处理": 1.5})
    assert t["count"].sum() == pytest.approx(12.0) and t.attrs["unmapped"] == 8


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["C30B29/04", "B24D3/00", "H01L21/02", "H10K50/00", "G06F3/01",
                                          "A61K8/02", "A61K31/40"]), max_size=4), min_size=1, max_size=20))
def test_property_fractional_weights_sum_to_mapped_documents(lists):
    df = pd.DataFrame({"pub_no": [f"d{i}" for i in range(len(lists))], "ipc": lists})
    before = df.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        t = ipc_to_industry(df, counting="fractional")
    mapped = sum(any(s != "H10K50/00" for s in x) for x in lists)
    assert t["count"].sum() == pytest.approx(mapped)
    assert t.attrs["n_units"] == mapped
    if len(t):
        assert t["share"].sum() == pytest.approx(1.0)
    pd.testing.assert_frame_equal(df, before)


def test_ipc_to_industry_options(sample):
    with pytest.raises(UnknownNameError, match="counting"):
        ipc_to_industry(sample, counting="half")
    with pytest.raises(UnknownNameError, match="level"):
        ipc_to_industry(sample, level="group")
    with pytest.raises(SchemaError, match="sector"):
        ipc_to_industry(sample, concordance=pd.DataFrame({"ipc_prefix": ["C30B"], "field_id": [1]}), level="sector")


# --------------------------------------------------------------------------- matching degree


def test_matching_degree_by_hand():
    # E = (0.5, 0.3, 0.2), P = (0.2, 0.3, 0.5): cosine = (0.1 + 0.09 + 0.1) / 0.38 = 0.763158
    # M = 1 - (0.3 + 0 + 0.3) / 2 = 0.7; R = (0.4, 1.0, 2.5)
    m = matching_degree(pd.Series({"A": 50, "B": 30, "C": 20}), pd.Series({"A": 2, "B": 3, "C": 5}))
    assert m.attrs["cosine"] == pytest.approx(0.29 / 0.38)
    assert m.attrs["structural_similarity"] == pytest.approx(0.7)
    assert m.set_index("industry")["ratio"].round(6).to_dict() == {"A": 0.4, "B": 1.0, "C": 2.5}
    assert m["industry_share"].sum() == pytest.approx(1.0) and m["patent_share"].sum() == pytest.approx(1.0)
    assert m.attrs["source"].startswith("GB/T 39551.2")  # a public citation, not a private note


def test_matching_degree_edges(sample):
    same = matching_degree({"x": 1, "y": 3}, {"x": 10, "y": 30})
    assert same.attrs["cosine"] == pytest.approx(1.0) and same.attrs["structural_similarity"] == pytest.approx(1.0)
    # an industry with patents but no economic weight: ratio NaN; a structure summing to 0: all NaN
    m = matching_degree({"x": 1, "y": 0}, {"x": 1, "y": 1, "z": 2})
    assert np.isnan(m.set_index("industry").loc["y", "ratio"]) and np.isnan(m.set_index("industry").loc["z", "ratio"])
    zero = matching_degree({"x": 0}, {"x": 5})
    assert np.isnan(zero.attrs["cosine"]) and np.isnan(zero.attrs["structural_similarity"])
    # patent structure straight from ipc_to_industry, keyed by field_id
    fields = ipc_to_industry(sample)
    m2 = matching_degree(pd.DataFrame({"field_id": [21, 26, 35], "output": [5.0, 3.0, 2.0]}), fields, key="field_id")
    assert len(m2) == 7 and 0 < m2.attrs["cosine"] < 1
    with pytest.raises(SchemaError, match="negative"):
        matching_degree({"x": -1}, {"x": 1})


# --------------------------------------------------------------------------- peer benchmark


def test_peer_benchmark_by_hand(sample):
    b = peer_benchmark(sample, peers=["商丘市", "许昌市", "洛阳市"], focus="郑州市", cutoff="2024-12-31")
    assert b["city"].tolist() == ["郑州市", "商丘市", "许昌市", "洛阳市"]
    assert b["focus"].tolist() == [True, False, False, False]
    assert b["count"].tolist() == [13, 2, 2, 0]
    # 郑州市 inventions: rows 1, 3, 5, 6, 10, 13, 14, 16, 20 -> 9 of 13
    assert b.loc[0, "invention_share"] == pytest.approx(9 / 13)
    assert b["valid_inventions"].tolist() == [3, 1, 0, 0]
    # complete years end 2022 (2023, 2024 flagged): 郑州市 2017 rows 4, 5 -> 2; 2022 rows 16, 17 -> 2
    assert b.attrs["cagr_years"] == (2017, 2022) and b.loc[0, "cagr"] == pytest.approx(0.0)
    assert np.isnan(b.loc[1, "cagr"]) and np.isnan(b.loc[3, "invention_share"])
    assert b.loc[0, "national_share"] == pytest.approx(13 / 21)
    w3 = peer_benchmark(sample, peers=["郑州市"], recent=3, cutoff="2024-12-31", national_total=1000)
    # 2019: rows 6 -> 1 (row 9 is 商丘); 2022: 2 -> CAGR (2/1)^(1/3) - 1
    assert w3.attrs["cagr_years"] == (2019, 2022) and w3.loc[0, "cagr"] == pytest.approx(2 ** (1 / 3) - 1)
    assert w3.loc[0, "national_share"] == pytest.approx(0.013)


def test_peer_benchmark_indicators_and_defaults(sample):
    b = peer_benchmark(sample, region_col="province", indicators=["count", "valid_inventions"])
    assert b.columns.tolist() == ["province", "focus", "count", "valid_inventions"]
    assert b.to_dict("records") == [{"province": "河南省", "focus": False, "count": 19, "valid_inventions": 4}]
    fam = peer_benchmark(sample, peers=["郑州市"], unit="families", indicators=["count", "invention_share"])
    assert fam.loc[0, "count"] == 13 and fam.attrs["unit_zh"] == "项"
    with pytest.raises(UnknownNameError, match="indicator"):
        peer_benchmark(sample, indicators=["count", "h_index"])
    assert list(INDICATORS) == ["count", "invention_share", "valid_inventions", "cagr", "national_share"]


def test_inputs_are_not_mutated(sample):
    before = sample.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        region_counts(sample, level="city", unit="families")
        per_capita(sample, {"河南省": 1})
        ipc_to_industry(sample, counting="fractional", unit="families")
        peer_benchmark(sample, peers=["郑州市"])
    pd.testing.assert_frame_equal(sample, before)


# --------------------------------------------------------------------------- chart


def test_plot_region_ranking(sample, tmp_path):
    t = region_counts(sample[sample["office"] == "CN"], level="city")
    ax = plot_region_ranking(t, top=3, title="第一申请人城市分布", save=tmp_path / "r.png")
    assert len(ax.patches) == 3
    assert [x.get_text() for x in ax.get_yticklabels()] == ["许昌市", "商丘市", "郑州市"]
    assert [p.get_width() for p in ax.patches] == [2.0, 2.0, 13.0]
    assert ax.get_title() == "第一申请人城市分布" and ax.get_xlabel() == "申请量（件）" and ax.get_ylabel() == "城市"
    assert "13（68.4%）" in [x.get_text() for x in ax.texts]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "Glyph" in str(w.message)]
    fam = plot_region_ranking(region_counts(sample, unit="项"))
    assert fam.get_xlabel() == "专利族数（项）" and fam.get_title() == "第一申请人所在省份排名（前1位）"
