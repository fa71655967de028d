"""navtrain.techfunc: tagging rules, the technology-function matrix, hot and blank cells, the chart.

Oracles:
- the worked example of docs/methods/techfunc.md: 4 abstracts tagged by regex/keyword
  rules give the 3 × 4 matrix below and 7 candidate blank cells (every zero cell, since no
  row or column is thin);
- the synthetic case datasets: the analyst tags ``tag_means``/``tag_effects`` (per document)
  and ``truth_matrix.csv`` (planted blank and hot cells with their observed counts, margins
  and expected values, computed by the generator from those tags).
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import navtrain as nt
from navtrain.errors import NavtrainError, SchemaError, UnknownNameError
from navtrain.techfunc import (
    BLANK_NOTE,
    blank_cells,
    function_matrix,
    hot_cells,
    load_tag_rules,
    matrix_cells,
    plot_function_matrix,
    segment,
    tag_rule_names,
    tag_text,
)

CASES = ["superhard", "tbm_drive", "changyuan_cranes", "pingdingshan_nylon", "luoyang_bearings"]

# docs/methods/techfunc.md worked example: four abstracts, rules = navtrain/data/tagging/template.toml
WORKED = pd.DataFrame({
    "pub_no": ["CN1A", "CN2A", "CN3A", "CN4A"],
    "title": ["一种正极材料", "一种电解液", "一种电池管理方法", "一种正极材料的制备方法"],
    "abstract": ["通过正极材料包覆，提高能量密度和循环寿命。", "采用新型电解液，提高安全性。",
                 "通过电池管理系统的均衡控制，延长循环寿命。", "以磷酸铁锂为正极材料，降低成本。"],
})
# hand tags: doc1 正极材料 × {能量密度, 循环寿命}; doc2 电解液 × 安全性; doc3 电池管理 × 循环寿命;
# doc4 正极材料 × 成本  →  5 triples
WORKED_MATRIX = pd.DataFrame([[1, 0, 1, 1], [0, 1, 0, 0], [1, 0, 0, 0]],
                             index=["正极材料", "电解液", "电池管理"],
                             columns=["循环寿命", "安全性", "能量密度", "成本"])


@cache
def _dataset(case: str) -> pd.DataFrame:
    return nt.load_dataset(case)


@cache
def _tagged(case: str) -> pd.DataFrame:
    return tag_text(_dataset(case), case)


def _chinese(df: pd.DataFrame) -> pd.Series:
    """Chinese-language records: English family members carry the tags of their Chinese first
    filing, but their English abstract names neither means nor effects, so no text rule can
    recover them (they are left out of the precision/recall, not out of the matrix)."""
    return df["title"].fillna("").str.contains(r"[\u4e00-\u9fff]")


def _pr(pred: pd.Series, true: pd.Series) -> tuple[float, float]:
    """Micro-averaged per-document precision and recall of tag sets."""
    inter = sum(len(set(a) & set(b)) for a, b in zip(pred, true, strict=True))
    n_pred = int(pred.map(len).sum())
    n_true = int(true.map(len).sum())
    return inter / n_pred, inter / n_true


# --------------------------------------------------------------------------- worked example


def test_worked_example_matrix_and_seven_blanks():
    rules = load_tag_rules("template")
    tagged = tag_text(WORKED, rules)
    assert tagged["means"].tolist() == [["正极材料"], ["电解液"], ["电池管理"], ["正极材料"]]
    assert tagged["effects"].tolist() == [["循环寿命", "能量密度"], ["安全性"], ["循环寿命"], ["成本"]]
    m = function_matrix(tagged, rules=None)
    # ties keep the rule-file order: rows 3, 1, 1 (正极材料, 电解液, 电池管理); columns 2, 1, 1, 1
    pd.testing.assert_frame_equal(m, WORKED_MATRIX, check_names=False, check_dtype=False)
    assert m.attrs["total"] == 5 and m.attrs["unit_zh"] == "件"
    b = blank_cells(m)
    assert len(b) == 7
    # expected e = r·c/N: 正极材料 × 安全性 = 3·1/5 = 0.6, the most "expected" blank comes first
    assert b.iloc[0][["means", "effect"]].tolist() == ["正极材料", "安全性"]
    assert b.iloc[0]["expected"] == pytest.approx(0.6)
    assert b.iloc[0]["residual"] == pytest.approx(-0.6 / np.sqrt(0.6))
    assert "not conclusions" in b.attrs["note"] and "定向检索" in b.attrs["note_zh"]
    assert not b["checked"].any()  # every candidate starts unchecked
    # passing the rules straight to function_matrix gives the same matrix
    pd.testing.assert_frame_equal(function_matrix(WORKED, rules="template"), m)


def test_matrix_cells_columns_and_values():
    cells = matrix_cells(WORKED_MATRIX)
    assert cells.columns.tolist() == ["means", "effect", "observed", "row_total", "column_total", "expected",
                                      "residual", "ratio", "recent_share", "kind", "kind_zh"]
    assert len(cells) == 12
    c = cells.set_index(["means", "effect"]).loc[("正极材料", "循环寿命")]
    # r = 3, c = 2, N = 5: e = 1.2, residual = (1 − 1.2)/√1.2
    assert (c["row_total"], c["column_total"]) == (3, 2)
    assert c["expected"] == pytest.approx(1.2)
    assert c["residual"] == pytest.approx(-0.2 / np.sqrt(1.2))
    assert c["ratio"] == pytest.approx(1 / 1.2)
    assert set(cells["kind"]) <= {"hot", "blank", "other"}
    assert cells.loc[cells["kind"] == "blank", "kind_zh"].eq("空白候选（待检索核实）").all()


def test_blank_margin_filters_use_row_and_column():
    # min_row = 2 keeps only the 正极材料 row (total 3): one zero cell, 安全性
    b = blank_cells(WORKED_MATRIX, min_row=2)
    assert b[["means", "effect"]].values.tolist() == [["正极材料", "安全性"]]
    # min_col = 2 keeps only 循环寿命 (total 2): its zero is 电解液
    b = blank_cells(WORKED_MATRIX, min_col=2)
    assert b[["means", "effect"]].values.tolist() == [["电解液", "循环寿命"]]
    # max_count = 1 turns every cell with at most one document into a candidate
    assert len(blank_cells(WORKED_MATRIX, max_count=1)) == 12


def test_hot_cells_hand_computed():
    m = pd.DataFrame([[40, 2, 2], [2, 30, 2], [2, 2, 3]], index=["A", "B", "C"], columns=["x", "y", "z"])
    # N = 85; B·y: r = c = 34, e = 13.6, residual = 16.4/√13.6 = 4.447, ratio 2.206 → hot
    # A·x: e = 44·44/85 = 22.78, ratio 1.756 < 2 → not hot; C·z: o = 3 < min_count 5
    h = hot_cells(m)
    assert h[["means", "effect"]].values.tolist() == [["B", "y"]]
    assert h.iloc[0]["residual"] == pytest.approx(16.4 / np.sqrt(13.6))
    assert hot_cells(m, min_ratio=1.5)[["means", "effect"]].values.tolist()[:2] == [["B", "y"], ["A", "x"]]
    assert len(hot_cells(m, min_count=1)) == 2
    assert len(hot_cells(m, top=0)) == 0


def test_margins_and_sorting():
    m = function_matrix(WORKED, rules="template", margins=True)
    assert m.index[-1] == "合计" and m.columns[-1] == "合计"
    assert m.loc["合计", "合计"] == 5
    assert m.loc["正极材料", "合计"] == 3 and m.loc["合计", "循环寿命"] == 2
    # margins are ignored by the cell functions
    assert len(matrix_cells(m)) == 12
    assert len(blank_cells(m)) == 7


# --------------------------------------------------------------------------- recent share, units


def _dated() -> pd.DataFrame:
    return pd.DataFrame({
        "pub_no": ["A", "B", "C", "D", "E"],
        "family_id": ["F1", "F1", "F2", "F3", "F4"],
        "app_date": pd.to_datetime(["2015-03-01", "2021-05-01", "2022-06-01", "2019-01-01", "2024-01-01"]),
        "pub_date": pd.to_datetime(["2016-09-01", "2022-11-01", "2023-12-01", "2020-07-01", "2024-12-31"]),
        "means": [["M1"], ["M1"], ["M1", "M2"], ["M2"], ["M1"]],
        "effects": [["E1"], ["E1"], ["E1"], ["E1", "E2"], ["E1"]],
    })


def test_recent_share_uses_complete_years():
    # cut-off 2024-12-31 (max pub_date), lag 18 months: 2023 and 2024 incomplete, so the last
    # complete year is 2022 and the window is 2020–2022.
    m = function_matrix(_dated(), recent=3)
    assert m.attrs["recent_years"] == [2020, 2022] and m.attrs["cutoff"] == pd.Timestamp("2024-12-31")
    assert function_matrix(_dated()).attrs["recent_years"] == [2018, 2022]  # the default window: 5 years
    # M1 × E1: documents A (2015), B (2021), C (2022), E (2024, incomplete → left out of the ratio)
    # recent_share = |{B, C}| / |{A, B, C}| = 2/3
    assert m.loc["M1", "E1"] == 4
    assert m.attrs["recent_share"]["M1"]["E1"] == pytest.approx(2 / 3)
    # M2 × E2: only D (2019): 0 / 1
    assert m.attrs["recent_share"]["M2"]["E2"] == 0.0
    cells = matrix_cells(m).set_index(["means", "effect"])
    assert cells.loc[("M2", "E1"), "recent_share"] == pytest.approx(1 / 2)  # C (2022) of C, D
    # a later cut-off moves the window: cut-off 2026-12-31 → last complete year 2024
    assert function_matrix(_dated(), recent=3, cutoff="2026-12-31").attrs["recent_years"] == [2022, 2024]
    assert function_matrix(_dated(), recent=5).attrs["recent_years"] == [2018, 2022]


def test_families_count_once_per_cell():
    # F1 = A + B, both M1 × E1 → one family; cells: M1E1 = F1, F2, F4 → 3
    m = function_matrix(_dated(), unit="项")
    assert m.attrs["unit"] == "families" and m.attrs["unit_zh"] == "项"
    assert m.loc["M1", "E1"] == 3
    # M2 × E1: F2 (C) and F3 (D) → 2; M2 × E2: F3 → 1; total 3 + 2 + 1
    assert m.loc["M2", "E1"] == 2 and m.loc["M2", "E2"] == 1
    assert m.attrs["total"] == 6
    # the family of A and B is dated 2015 (earliest member), so M1 × E1 recent = F2 only: 1 / 2
    assert m.attrs["recent_share"]["M1"]["E1"] == pytest.approx(1 / 2)
    with pytest.raises(UnknownNameError, match="unknown unit"):
        function_matrix(_dated(), unit="patents")


def test_missing_year_warns_and_is_recorded():
    df = _dated()
    df.loc[0, "app_date"] = pd.NaT
    with pytest.warns(nt.NavtrainWarning, match="1 of 7"):
        m = function_matrix(df)
    assert m.loc["M1", "E1"] == 4  # still counted in the matrix
    assert m.attrs["dropped"] == {"no year (recent share only)": 1}


def test_analyst_tag_columns_reproduce_truth_matrix(repo):
    """The generator's truth_matrix.csv counts the analyst tags: our counting must agree."""
    case = "superhard"
    truth = pd.read_csv(repo / "datasets" / case / "truth_matrix.csv")
    m = function_matrix(_dataset(case), columns=("tag_means", "tag_effects"))
    cells = matrix_cells(m).set_index(["means", "effect"])
    for row in truth.itertuples():
        c = cells.loc[(row.means, row.effect)]
        assert (c["observed"], c["row_total"], c["column_total"]) == (row.observed, row.row_total,
                                                                      row.column_total)
        assert c["expected"] == pytest.approx(row.expected, abs=0.006)
    # ';'-joined strings are accepted as well as lists
    joined = _dataset(case)[["tag_means", "tag_effects", "app_date", "pub_date"]].copy()
    joined["tag_means"] = joined["tag_means"].map(";".join)
    joined["tag_effects"] = joined["tag_effects"].map(";".join)
    pd.testing.assert_frame_equal(function_matrix(joined, columns=("tag_means", "tag_effects")), m,
                                  check_like=False, obj="joined")


# --------------------------------------------------------------------------- synthetic cases


@pytest.mark.parametrize("case", CASES)
def test_tags_match_analyst_indexing(case):
    d = _dataset(case)
    t = _tagged(case)
    cn = _chinese(d)
    for kind, col in (("means", "tag_means"), ("effects", "tag_effects")):
        p, r = _pr(t.loc[cn, kind], d.loc[cn, col])
        # measured on all five cases: P = R = 1.000 for means and effects (2026-11-26)
        assert p >= 0.99 and r >= 0.99, (case, kind, p, r)
    assert t.attrs["tagging"]["rules"] == case
    assert t.attrs["untagged"]["means"] >= int((~cn).sum())  # English records stay untagged


@pytest.mark.parametrize("case", CASES)
def test_tags_survive_phrasing_variants(case):
    """Rewrite the generator's verbs (提高 → 提升, 降低 → 减少, 通过 → 采用, 延长 → 提升) and the
    clause punctuation: the rules must still find the same tags."""
    d = _dataset(case)
    cn = _chinese(d)
    sub = d.loc[cn, ["title", "abstract", "tag_means", "tag_effects"]].copy()
    ab = sub["abstract"]
    for old, new in (("提高", "提升"), ("降低", "减少"), ("通过", "采用"), ("延长", "提升"), ("，并", "，同时")):
        ab = ab.str.replace(old, new, regex=False)
    sub["abstract"] = ab
    t = tag_text(sub, case)
    for kind, col in (("means", "tag_means"), ("effects", "tag_effects")):
        p, r = _pr(t[kind], sub[col])
        assert p >= 0.99 and r >= 0.99, (case, kind, p, r)


@pytest.mark.parametrize("case", CASES)
def test_planted_blank_and_hot_cells_recovered(case, repo):
    truth = pd.read_csv(repo / "datasets" / case / "truth_matrix.csv")
    m = function_matrix(_tagged(case))
    blanks = {tuple(x) for x in blank_cells(m)[["means", "effect"]].values.tolist()}
    hots = {tuple(x) for x in hot_cells(m)[["means", "effect"]].values.tolist()}
    for row in truth.itertuples():
        cell = (row.means, row.effect)
        assert cell in (blanks if row.kind == "blank" else hots), (case, row.kind, cell)
    # few candidates: the planted ones and at most a couple of others
    assert len(blanks) <= 5


# --------------------------------------------------------------------------- tagging details


def test_tag_text_returns_new_table_and_does_not_mutate():
    df = WORKED.copy()
    before = df.copy()
    out = tag_text(df, "template")
    pd.testing.assert_frame_equal(df, before)
    assert out is not df and "means" not in df.columns
    assert out.attrs["untagged"] == {"means": 0, "effects": 0, "either": 0, "both": 0, "no_text": 0}


def test_tag_text_empty_and_missing_text():
    empty = tag_text(WORKED.iloc[:0], "template")
    assert empty.empty and {"means", "effects"} <= set(empty.columns)
    m = function_matrix(empty)
    assert m.to_numpy().sum() == 0
    assert blank_cells(m).empty and hot_cells(m).empty
    df = WORKED.copy()
    df.loc[1, ["title", "abstract"]] = None
    t = tag_text(df, "template")
    assert t.loc[1, "means"] == [] and t.attrs["untagged"]["no_text"] == 1


def test_context_restricts_keywords_and_fields_do_not_run_together():
    rules = load_tag_rules("template")
    df = pd.DataFrame({"title": ["正极材料", "一种电池"], "abstract": ["提高了安全性", "安全性较差"]})
    t = tag_text(df, rules)
    # 正极材料 in the title without 通过/采用 → no means; 安全性 after 提高 → effect;
    # 安全性较差 has no effect verb → no effect
    assert t["means"].tolist() == [[], []]
    assert t["effects"].tolist() == [["安全性"], []]
    # a clause never runs from the title into the abstract: title ends with 通过, abstract starts with the means
    t2 = tag_text(pd.DataFrame({"title": ["一种方法通过"], "abstract": ["正极材料"]}), rules)
    assert t2.loc[0, "means"] == []


def test_patterns_and_token_mode():
    rules = load_tag_rules({
        "means": [{"name": "电解", "keywords": ["电解"], "match": "token"},
                  {"name": "均衡", "patterns": ["均衡(?:控制|策略)"]}],
        "effects": [{"name": "成本", "keywords": ["成本"]}],
    })
    df = pd.DataFrame({"title": ["一种方法", "一种方法", "一种装置"],
                       "abstract": ["采用电解液，降低成本", "通过电解制备，降低成本", "采用均衡策略"]})
    t = tag_text(df, rules)
    # jieba keeps 电解液 as one token, so the token rule 电解 does not fire inside it
    assert t["means"].tolist() == [[], ["电解"], ["均衡"]]
    assert t["effects"].tolist() == [["成本"], ["成本"], []]
    assert segment(["电解液"], rules).iloc[0] == ["电解液"]


def test_user_dictionary_keeps_rule_terms_whole():
    rules = load_tag_rules("template")
    assert segment(["正极材料提高循环寿命"], rules).iloc[0] == ["正极材料", "提高", "循环寿命"]


def test_jieba_is_lazy_and_quiet():
    code = ("import sys, navtrain, navtrain.techfunc as m; assert 'jieba' not in sys.modules; "
            "m.segment(['正极材料'], 'template'); assert 'jieba' in sys.modules")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert "prefix dict" not in res.stderr + res.stdout
    assert res.stderr.strip() == ""


def test_case_insensitive_latin_keywords():
    rules = load_tag_rules({"means": [{"name": "PDC", "keywords": ["PDC"]}],
                            "effects": [{"name": "寿命", "keywords": ["寿命"]}]})
    t = tag_text(pd.DataFrame({"title": ["x"], "abstract": ["pdc 延长寿命"]}), rules)
    assert t.loc[0, "means"] == ["PDC"]


# --------------------------------------------------------------------------- rule files


@pytest.mark.parametrize("name", [*CASES, "template"])
def test_shipped_rule_files_load(name):
    rules = load_tag_rules(name)
    assert rules.means and rules.effects and rules.path.endswith(f"{name}.toml")
    assert len(set(rules.names("means"))) == len(rules.means)
    assert set(rules.to_frame()["kind"]) == {"means", "effects"}


@pytest.mark.parametrize("case", CASES)
def test_rule_files_cover_the_chain_vocabulary(case, repo):
    import tomllib

    spec = tomllib.loads((repo / "navtrain" / "data" / "chains" / f"{case}.toml").read_text(encoding="utf-8"))
    means = {m for s in spec["segments"] for m in s["means"]}
    effects = {e[0] for e in spec["effects"]}
    rules = load_tag_rules(case)
    assert set(rules.names("means")) == means
    assert set(rules.names("effects")) == effects
    assert set(tag_rule_names()) >= {*CASES, "template"}


def _write(tmp_path, text: str):
    p = tmp_path / "rules.toml"
    p.write_text(text, encoding="utf-8")
    return p


GOOD = '[[means]]\nname = "A"\nkeywords = ["甲"]\n[[effects]]\nname = "B"\nkeywords = ["乙"]\n'


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace('keywords = ["乙"]', 'patterns = ["(乙"]'), r"rules.toml: effects rule 'B': invalid regular"),
    (GOOD.replace('keywords = ["乙"]', ""), r"effects rule 'B': has no keywords and no patterns"),
    ("colour = 1\n" + GOOD, r"top level: unknown key\(s\) 'colour'"),
    (GOOD.replace('name = "A"', 'name = "A"\nsynonyms = ["x"]'), r"means rule 'A': unknown key\(s\) 'synonyms'"),
    (GOOD + '[[means]]\nname = "A"\nkeywords = ["丙"]\n', r"means rule 'A': is defined twice"),
    ('[context]\nmeans = ["通过"]\n' + GOOD, r"context.means: template '通过' lacks the placeholder"),
    (GOOD.replace('keywords = ["甲"]', 'keywords = [""]'), r"means rule 'A': 'keywords' holds an empty string"),
    ('[[means]]\nname = "A"\nkeywords = ["甲"]\n', r"no effects rules"),
    (GOOD.replace('name = "A"', 'name = "A"\nmatch = "fuzzy"'), r"unknown match mode 'fuzzy'"),
    ("[[means]\n", r"not valid TOML"),
])
def test_bad_rule_files_give_one_line_errors(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(NavtrainError, match=message) as info:
        load_tag_rules(path)
    assert "\n" not in str(info.value) and "提示" in str(info.value)
    assert str(path) in str(info.value)


def test_unknown_rule_set_name():
    with pytest.raises(UnknownNameError, match="unknown tagging rule set 'superhardd'") as info:
        load_tag_rules("superhardd")
    assert "superhard" in str(info.value) and "提示" in str(info.value)
    with pytest.raises(nt.errors.InputFileError):
        load_tag_rules("/nonexistent/rules.toml")


# --------------------------------------------------------------------------- bad input


def test_missing_text_columns_name_the_import_step():
    with pytest.raises(SchemaError, match=r"tag_text .*read_patents.* needs columns 'title' \(标题\), 'abstract'"):
        tag_text(WORKED.drop(columns=["title", "abstract"]), "template")
    # an export without abstracts (common for Lens/PATENTSCOPE downloads): tag the titles, warn
    with pytest.warns(nt.NavtrainWarning, match=r"\['abstract'\] missing, tagging on \['title'\] only"):
        t = tag_text(WORKED.drop(columns="abstract"), "template")
    assert len(t) == len(WORKED) and t.attrs["tagging"]["fields"] == ["title"]
    # forgiving headers: Chinese column names are standardised first
    t = tag_text(WORKED.rename(columns={"title": "标题", "abstract": "摘要"}), "template")
    assert t["means"].map(len).sum() == 4


def test_missing_tag_columns_name_tag_text():
    with pytest.raises(SchemaError, match=r"run navtrain\.tag_text") as info:
        function_matrix(WORKED)
    assert "tag_means" in str(info.value) and "tag_text" in str(info.value)
    with pytest.raises(SchemaError, match="recent must be >= 1"):
        function_matrix(WORKED, rules="template", recent=0)


# --------------------------------------------------------------------------- properties

_tags = st.lists(st.sampled_from(["M1", "M2", "M3"]), max_size=3, unique=True)
_effs = st.lists(st.sampled_from(["E1", "E2", "E3", "E4"]), max_size=3, unique=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_tags, _effs, st.integers(2010, 2024)), max_size=25))
def test_properties_total_margins_no_mutation(rows):
    df = pd.DataFrame({"pub_no": [f"P{i}" for i in range(len(rows))],
                       "means": [r[0] for r in rows], "effects": [r[1] for r in rows],
                       "app_year": [r[2] for r in rows]})
    before = df.copy(deep=True)
    m = function_matrix(df, margins=True, cutoff="2024-12-31")
    pd.testing.assert_frame_equal(df, before)
    n_triples = sum(len(a) * len(b) for a, b, _ in rows)
    body = m.drop(index="合计", columns="合计")
    assert int(body.to_numpy().sum()) == n_triples == m.attrs["total"] == m.loc["合计", "合计"]
    assert (m["合计"].drop("合计") == body.sum(axis=1)).all()
    assert (m.loc["合计"].drop("合计") == body.sum(axis=0)).all()
    # rows and columns sorted by totals
    assert body.sum(axis=1).is_monotonic_decreasing and body.sum(axis=0).is_monotonic_decreasing
    cells = matrix_cells(m)
    assert len(cells) == body.size
    if n_triples:
        assert cells["expected"].sum() == pytest.approx(n_triples)
        share = cells["recent_share"].dropna()
        assert ((share >= 0) & (share <= 1)).all()


# --------------------------------------------------------------------------- chart


def test_chart_bubbles_annotations_blanks(tmp_path):
    m = function_matrix(WORKED, rules="template")
    ax = plot_function_matrix(m)
    bubbles = next(c for c in ax.collections if c.get_gid() == "bubbles")
    blanks = next(c for c in ax.collections if c.get_gid() == "blank_candidates")
    assert len(bubbles.get_offsets()) == 5  # non-zero cells
    assert len(blanks.get_offsets()) == 7
    counts = [t.get_text() for t in ax.texts if t.get_gid() == "count"]
    assert sorted(counts) == ["1"] * 5
    # marker area ∝ count: equal counts, equal areas
    assert len(set(np.round(bubbles.get_sizes(), 6))) == 1
    assert ax.get_title().startswith("技术功效矩阵")
    assert ax.get_xlabel().startswith("技术功效") and ax.get_ylabel().startswith("技术手段")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["正极材料（3）", "电解液（1）", "电池管理（1）"]
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "note"]
    assert notes and BLANK_NOTE in notes[0] and "定向检索" in notes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["空白候选（待检索核实）"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = plot_function_matrix(m, save=tmp_path / "m.png").figure
    assert (tmp_path / "m.png").stat().st_size > 0 and out is not None


def test_chart_area_proportional_and_recent_colour():
    m = function_matrix(_dated(), recent=3)
    ax = plot_function_matrix(m, max_size=1000)
    bubbles = next(c for c in ax.collections if c.get_gid() == "bubbles")
    sizes = sorted(bubbles.get_sizes().tolist())
    # counts M2·E2 = 1, M2·E1 = 2, M1·E1 = 4 (M1·E2 = 0: no bubble) → areas 250, 500, 1000
    # (area, not radius, ∝ count)
    assert sizes == pytest.approx([250, 500, 1000])
    assert bubbles.get_array() is not None  # coloured by the recent share
    assert any("近3年占比" in a.get_ylabel() for a in ax.figure.axes if a is not ax)
    ax2 = plot_function_matrix(m, color=None, blanks=False, title="测试")
    assert ax2.get_title() == "测试"
    assert len(next(c for c in ax2.collections if c.get_gid() == "blank_candidates").get_offsets()) == 0
    with pytest.raises(UnknownNameError):
        plot_function_matrix(m, color="quality")


def test_chart_on_a_case_dataset(tmp_path):
    m = function_matrix(_tagged("tbm_drive"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_function_matrix(m, save=tmp_path / "tbm.png")
    blanks = next(c for c in ax.collections if c.get_gid() == "blank_candidates")
    assert len(blanks.get_offsets()) == len(blank_cells(m))
    bubbles = next(c for c in ax.collections if c.get_gid() == "bubbles")
    assert len(bubbles.get_offsets()) == int((m.to_numpy() > 0).sum())


def test_an_application_with_two_documents_counts_once():
    """Issue 10: the default unit is the application (件): its A and B documents count once."""
    sample = nt.load_sample()
    # CN113020001A is the sample's one tagged document: give its application a granted B document too
    both = pd.concat([sample, sample.iloc[[13]].assign(pub_no="CN113020001B", kind="B")], ignore_index=True)
    apps = function_matrix(both, rules="superhard", cutoff="2024-12-31")
    docs = function_matrix(both, rules="superhard", cutoff="2024-12-31", unit="documents")
    one = function_matrix(sample, rules="superhard", cutoff="2024-12-31")
    assert apps.attrs["total"] == one.attrs["total"] and apps.attrs["unit_zh"] == "件"
    assert docs.attrs["total"] == 2 * apps.attrs["total"] == 2 and docs.attrs["unit_zh"] == "篇"
