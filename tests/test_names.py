"""Tests for navtrain.names: match keys, harmonisation, overrides and pairwise P/R."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import navtrain
from navtrain.errors import InputFileError, NavtrainWarning, SchemaError, UnknownNameError
from navtrain.names import (
    close_trivial_variants,
    evaluate_cleaning,
    harmonize,
    harmonize_names,
    load_overrides,
    name_key,
    pairwise_pr,
)

# --------------------------------------------------------------------------- name_key


def test_chinese_legal_forms_and_trailing_region_share_a_key():
    keys = name_key(["中原晶钻科技有限公司", "中原晶钻科技股份有限公司", "中原晶钻科技有限公司（郑州）",
                     "中原晶钻科技有限责任公司", "中原晶钻科技有限公司(郑州)"])
    assert set(keys) == {"中原晶钻科技"}


def test_english_variants_share_a_key():
    a, b = name_key(["Zhongyuan Jingzuan Technology Co., Ltd.", "ZHONGYUAN JINGZUAN TECH CO LTD"])
    assert a == b == "zhongyuanjingzuantechnology"


@pytest.mark.parametrize("raw", [
    "Sony Corp", "Sony Corp.", "SONY CORPORATION", "Sony Inc.", "Sony Incorporated", "Sony Co., Ltd.",
    "Sony Limited", "Sony LLC", "Sony GmbH", "Sony AG", "Sony S.A.", "Sony SA", "Sony SAS", "Sony S.p.A.",
    "Sony B.V.", "Sony N.V.", "Sony K.K.", "Sony Kabushiki Kaisha", "Kabushiki Kaisha Sony", "Sony PLC",
    "Sony Pty Ltd", "The Sony Company", "ＳＯＮＹ　ＣＯＲＰ", "Sony GmbH & Co. KG", "株式会社ソニー",
])
def test_legal_forms_are_removed(raw):
    expected = "ソニー" if "ソニー" in raw else "sony"
    assert name_key([raw]).iloc[0] == expected


def test_meaningful_words_are_kept():
    keys = name_key(["中岳理工大学", "华原超硬材料研究院", "中科院超硬材料研究所", "Tsinghua University",
                     "Huayuan Superhard Materials Research Institute"]).tolist()
    assert keys == ["中岳理工大学", "华原超硬材料研究院", "中科院超硬材料研究所", "tsinghuauniversity",
                    "huayuansuperhardmaterialsresearchinstitute"]


def test_brackets_and_width_are_unified_but_an_inner_region_is_kept():
    keys = name_key(["腾讯科技（深圳）有限公司", "腾讯科技(深圳)有限公司", "腾讯科技【深圳】有限公司",
                     "腾讯科技[深圳]有限公司", "腾讯科技有限公司"]).tolist()
    assert keys[:4] == ["腾讯科技深圳"] * 4  # the region inside the name is part of the legal name
    assert keys[4] == "腾讯科技"


def test_accents_case_punctuation_and_abbreviations():
    keys = name_key(["Universität Zürich", "UNIVERSITAT ZURICH", "Dell Products L.P.", "DELL PRODUCTS LP",
                     "AT&T Intellectual Property I L.P.", "AT&T INTELLECTUAL PROPERTY I LP",
                     "TOHOKU UNIV", "Tohoku University"])
    assert keys[0] == keys[1] == "universitatzurich"
    assert keys[2] == keys[3] == "dellproducts"
    assert keys[4] == keys[5] == "atandtintellectualpropertyi"  # the Roman numeral I survives "L.P."
    assert keys[6] == keys[7] == "tohokuuniversity"


def test_missing_and_blank_names_have_no_key_and_index_is_kept():
    s = pd.Series(["Sony Corp", None, "  ", np.nan, 42], index=[10, 11, 12, 13, 14])
    keys = name_key(s)
    assert keys.index.tolist() == [10, 11, 12, 13, 14]
    assert keys.tolist() == ["sony", None, None, None, "42"]


def test_a_name_made_only_of_legal_forms_keeps_them():
    assert name_key(["Company Limited", "有限公司"]).tolist() == ["companylimited", "有限公司"]


def test_inventor_keys_ignore_order_honorifics_and_spacing():
    keys = name_key(["Smith, John", "John Smith", "SMITH John Jr.", "Dr. John Smith", "张 伟", "张伟",
                     "J. Smith"], kind="inventor").tolist()
    assert keys[:4] == ["johnsmith"] * 4
    assert keys[4] == keys[5] == "张伟"
    assert keys[6] == "jsmith"  # initials are not expanded: J. Smith may be someone else


def test_unknown_kind_is_an_error():
    with pytest.raises(UnknownNameError, match="unknown name kind"):
        name_key(["x"], kind="patent")


# --------------------------------------------------------------------------- harmonize_names


def test_hand_example_groups():
    names = ["中原晶钻科技有限公司", "中原晶钻科技股份有限公司", "中原晶钻科技有限公司（郑州）",
             "中原晶钻科技有限公司", "中原理工大学", "中岳理工大学", "Sony Corp", "SONY CORPORATION",
             "Sonos Inc", "Zhongyuan Jingzuan Technology Co., Ltd.", "ZHONGYUAN JINGZUAN TECH CO LTD"]
    h = harmonize_names(names).set_index("raw")
    gid = h["group_id"]
    assert gid["中原晶钻科技有限公司"] == gid["中原晶钻科技股份有限公司"] == gid["中原晶钻科技有限公司（郑州）"]
    assert gid["Zhongyuan Jingzuan Technology Co., Ltd."] == gid["ZHONGYUAN JINGZUAN TECH CO LTD"]
    assert gid["中岳理工大学"] != gid["中原理工大学"]  # one character apart (ratio 83): two universities
    assert gid["Sony Corp"] == gid["SONY CORPORATION"] != gid["Sonos Inc"]
    # the most frequent raw form names the group: 中原晶钻科技有限公司 occurs twice
    assert h.loc["中原晶钻科技股份有限公司", "canonical"] == "中原晶钻科技有限公司"
    # group 0 is the largest group (4 occurrences)
    assert gid["中原晶钻科技有限公司"] == 0
    assert int(h["n"].sum()) == len(names)
    assert h.attrs["raw_names"] == 10 and h.attrs["groups"] == 6


def test_fuzzy_merges_typos_but_not_different_words():
    names = ["Samsung Electronics Co. Ltd.", "Sumsung Electronics Co. Ltd.",
             "United States of America as represented by the Secretary of the Navy",
             "United States of America as represented by the Secretary of the Army",
             "Johnson Mark L.", "Johnson Mark W.", "3D Robotics Inc.", "5D Robotics Inc.",
             "Northwestern University", "Northeastern University"]
    h = harmonize_names(names).set_index("raw")["group_id"]
    assert h[names[0]] == h[names[1]]  # a one-letter typo
    for a, b in [(2, 3), (4, 5), (6, 7), (8, 9)]:  # a different word: navy/army, L/W, 3/5, west/east
        assert h[names[a]] != h[names[b]], (names[a], names[b])


def test_word_rules_order_and_person_extensions():
    names = ["Hansen M. Sheldon", "M Sheldon Hansen", "Kelly Edmund", "Kelly Edmund Joseph",
             "Brown Robert", "Brown Robert D.", "Brown Robert E."]
    h = harmonize_names(names).set_index("raw")["group_id"]
    assert h["Hansen M. Sheldon"] == h["M Sheldon Hansen"]
    assert h["Kelly Edmund"] == h["Kelly Edmund Joseph"]
    # "Brown Robert" could be either Robert D. or Robert E.: left alone, and D. ≠ E.
    assert len({h["Brown Robert"], h["Brown Robert D."], h["Brown Robert E."]}) == 3


def test_canonical_ties_go_to_the_shorter_name():
    h = harmonize_names(["ACME Robotics Corporation", "Acme Robotics Corp"])
    assert set(h["canonical"]) == {"Acme Robotics Corp"}


def test_threshold_none_uses_keys_only():
    h = harmonize_names(["Samsung Electronics", "Sumsung Electronics"], threshold=None)
    assert h["group_id"].nunique() == 2


def test_inventors_are_not_fuzzy_merged_by_default():
    h = harmonize_names(["Zhang Wei", "Wei Zhang", "Zhang Wie", "张伟", "张 伟"], kind="inventor")
    gid = h.set_index("raw")["group_id"]
    assert gid["Zhang Wei"] == gid["Wei Zhang"] and gid["张伟"] == gid["张 伟"]
    assert gid["Zhang Wie"] != gid["Zhang Wei"]


def test_missing_names_warn_and_are_counted():
    with pytest.warns(NavtrainWarning, match="2 of 4 names"):
        h = harmonize_names(["Sony Corp", None, "", "Sony Corp"])
    assert h.attrs["dropped"] == {"missing or blank name": 2}
    assert h["n"].tolist() == [2]


def test_empty_input_gives_an_empty_table():
    h = harmonize_names([])
    assert list(h.columns) == ["raw", "key", "group_id", "canonical", "group", "n", "matched_by"]
    assert len(h) == 0 and h.attrs["groups"] == 0


def test_bad_options_raise():
    with pytest.raises(UnknownNameError, match="unknown scorer"):
        harmonize_names(["Sony Corp", "Sony Corporation", "Sony Corpp"], scorer="soundex")
    with pytest.raises(SchemaError, match="between 0 and 100"):
        harmonize_names(["x"], threshold=150)
    with pytest.raises(UnknownNameError, match="unknown threshold"):
        harmonize_names(["x"], threshold="high")


@pytest.mark.parametrize("scorer", ["ratio", "token_sort", "token_set", "wratio", "jaro_winkler"])
def test_every_scorer_runs(scorer):
    h = harmonize_names(["Samsung Electronics Co", "Sumsung Electronics Co", "Sonos Inc"], scorer=scorer)
    assert h.set_index("raw").loc["Sonos Inc", "group_id"] != h.set_index("raw").loc["Samsung Electronics Co",
                                                                                       "group_id"]


# --------------------------------------------------------------------------- overrides


def test_overrides_alias_and_parent():
    ov = pd.DataFrame({"alias": ["Zhongyuan Jingzuan Technology Co., Ltd.", None],
                       "canonical": ["中原晶钻科技有限公司", "中原晶钻科技有限公司"],
                       "parent": [None, "中原超硬集团"]})
    h = harmonize_names(["中原晶钻科技股份有限公司", "ZHONGYUAN JINGZUAN TECH CO LTD", "中原理工大学"], overrides=ov)
    h = h.set_index("raw")
    assert h.loc["ZHONGYUAN JINGZUAN TECH CO LTD", "matched_by"] == "override"
    assert h.loc["ZHONGYUAN JINGZUAN TECH CO LTD", "canonical"] == "中原晶钻科技有限公司"
    assert h.loc["中原晶钻科技股份有限公司", "canonical"] == "中原晶钻科技有限公司"  # the override's spelling wins
    assert h.loc["中原晶钻科技股份有限公司", "group"] == "中原超硬集团"
    assert h.loc["中原理工大学", "group"] == "中原理工大学"


def test_load_overrides_from_csv_yaml_dict_and_chinese_headers(tmp_path):
    csv = tmp_path / "ov.csv"
    csv.write_text("别名,标准名,母公司\nSONY CORP,Sony Corporation,Sony Group\n# note,ignored,\n", encoding="utf-8")
    t = load_overrides(csv)
    assert t.to_dict("records") == [{"alias": "SONY CORP", "canonical": "Sony Corporation", "parent": "Sony Group"}]
    yml = tmp_path / "ov.yaml"
    yml.write_text("- {alias: SONY CORP, canonical: Sony Corporation}\n", encoding="utf-8")
    assert load_overrides(yml).loc[0, "canonical"] == "Sony Corporation"
    mapping = tmp_path / "map.yml"
    mapping.write_text("SONY CORP: Sony Corporation\n", encoding="utf-8")
    assert load_overrides(mapping).loc[0, "alias"] == "SONY CORP"
    assert len(load_overrides({"a": "b"})) == 1 and len(load_overrides(None)) == 0


def test_load_overrides_errors(tmp_path):
    with pytest.raises(InputFileError, match="not found"):
        load_overrides(tmp_path / "missing.csv")
    bad = tmp_path / "ov.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(InputFileError, match="unsupported"):
        load_overrides(bad)
    with pytest.raises(SchemaError, match="canonical"):
        load_overrides(pd.DataFrame({"alias": ["x"]}))
    with pytest.raises(SchemaError, match="cannot read overrides"):
        load_overrides(42)


# --------------------------------------------------------------------------- harmonize (table)


def test_harmonize_rebuilds_the_sample_standard_names_without_mutating():
    sample = navtrain.load_sample()
    before = sample.copy(deep=True)
    std = harmonize(sample, overrides={"Zhongyuan Jingzuan Technology Co. Ltd.": "中原晶钻科技有限公司",
                                       "Huayuan Superhard Materials Research Institute": "华原超硬材料研究院"})
    assert std["applicants_std"].tolist() == sample["applicants_std"].tolist()
    pd.testing.assert_frame_equal(sample, before)
    # 12 distinct raw names → 9 groups: 华砺 (2 forms) and the two English names join their Chinese groups
    assert std.attrs["harmonize"] == {"column": "applicants", "out": "applicants_std", "kind": "applicant",
                                      "raw_names": 12, "groups": 9, "collapsed": 3, "fuzzy": 0, "override": 2}


def test_harmonize_group_column_and_inventors():
    sample = navtrain.load_sample()
    ov = pd.DataFrame({"alias": [None], "canonical": ["豫东微粉科技有限公司"], "parent": ["豫东集团"]})
    std = harmonize(sample, overrides=ov, group_out="applicants_group")
    row = std.loc[std["pub_no"] == "CN110560001B"].iloc[0]
    assert row["applicants_std"] == ["豫东微粉科技有限公司", "中岳理工大学"]
    assert row["applicants_group"] == ["豫东集团", "中岳理工大学"]
    inv = harmonize(sample, col="inventors", out="inventors_std")
    assert inv.attrs["harmonize"]["kind"] == "inventor"
    # Wang Jingyi (pinyin) and 王静怡 are different strings: no cross-script merge without an override
    assert inv.attrs["harmonize"]["fuzzy"] == 0


def test_harmonize_drops_duplicates_within_a_cell_and_keeps_empty_lists():
    df = pd.DataFrame({"pub_no": ["A", "B", "C"],
                       "applicants": [["Sony Corp", "SONY CORPORATION", "Sonos Inc"], [], None]})
    out = harmonize(df)
    assert out["applicants_std"].tolist() == [["Sony Corp", "Sonos Inc"], [], []]


def test_harmonize_errors_and_empty_table():
    with pytest.raises(SchemaError, match="申请人"):
        harmonize(pd.DataFrame({"pub_no": ["A"]}))
    empty = harmonize(pd.DataFrame({"pub_no": pd.Series([], dtype=object),
                                    "applicants": pd.Series([], dtype=object)}))
    assert len(empty) == 0 and empty.attrs["harmonize"]["groups"] == 0
    with pytest.raises(TypeError, match="colour"):  # explicit keywords: a typo is Python's own error
        harmonize(navtrain.load_sample(), colour="red")
    with pytest.raises(TypeError, match="treshold"):
        evaluate_cleaning(["Sony Corp"], ["Sony"], treshold=90)
    with pytest.raises(UnknownNameError, match="soundex"):
        harmonize(navtrain.load_sample(), scorer="soundex")
    blocked = harmonize(navtrain.load_sample(), threshold=None, block_chars=2, word_rules=False)
    assert blocked.attrs["harmonize"]["fuzzy"] == 0


# --------------------------------------------------------------------------- evaluation


def test_pairwise_pr_worked_example():
    # truth {1,2,3}=X {4,5}=Y {6}=Z; predicted {1,2} {3,4,5} {6}
    # true pairs 3 + 1 = 4; predicted pairs 1 + 3 = 4; shared: (1,2) and (4,5) → TP = 2
    r = pairwise_pr(list("XXXYYZ"), [1, 1, 2, 2, 2, 3])
    assert (r["tp"], r["true_pairs"], r["predicted_pairs"]) == (2, 4, 4)
    assert r["precision"] == r["recall"] == r["f1"] == 0.5


def test_pairwise_pr_undefined_ratios_are_nan():
    r = pairwise_pr(["a", "a", "b"], [1, 2, 3])  # no predicted pair → precision undefined
    assert math.isnan(r["precision"]) and r["recall"] == 0.0 and math.isnan(r["f1"])
    with pytest.raises(SchemaError, match="items"):
        pairwise_pr([1, 2], [1])


def test_close_trivial_variants_and_evaluate_cleaning():
    raw = ["Universität Zürich", "UNIVERSITÄT ZÜRICH", "ETH Zurich"]
    assert close_trivial_variants(raw, ["u1", "u2", "e"]).tolist() == [0, 0, 1]
    r = evaluate_cleaning(raw, ["u1", "u2", "e"])
    assert r["predicted_pairs"] == 1 and r["tp"] == 0  # the analyst left a case variant apart


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from([
    "Co.", "Ltd", "LIMITED", "Inc", "S.A.", "GmbH", "&", "+", "(", ")", "（", "）", "【", "】", " ", ",", ".",
    "'", "univ", "tech", "the", "有限公司", "股份", "公司", "株式会社", "大学", "中原", "Sony", "é", "Ø", "ß", "ǰ",
    "ﬁ", "Ⅻ", "a", "b", "1", "-", "/", "united states", "represented by", "dba", "&amp;", "\u0301", "\u3000",
])
_NAMES = st.one_of(st.text(max_size=40), st.lists(_PIECES, max_size=12).map("".join))
_FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(st.lists(_NAMES, max_size=8), st.sampled_from(["applicant", "inventor"]))
def test_name_key_never_crashes_and_is_idempotent(names, kind):
    keys = name_key(names, kind=kind)
    assert len(keys) == len(names)
    present = [k for k in keys if k is not None]
    assert all(isinstance(k, str) and k for k in present)
    assert name_key(present, kind=kind).tolist() == present


@_SLOW
@given(st.lists(_NAMES, max_size=12))
def test_harmonize_names_conserves_names(names):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        h = harmonize_names(names)
    present = [x for x in names if x.strip()]
    assert int(h["n"].sum()) == len(present)
    assert h["raw"].is_unique
    assert sorted(h["group_id"].unique().tolist()) == list(range(h["group_id"].nunique()))
    # every group has one display name, and it is one of its raw names unless an override says otherwise
    assert (h.groupby("group_id")["canonical"].nunique() == 1).all()
    assert h["canonical"].isin(set(h["raw"])).all()


@_SLOW
@given(st.lists(st.lists(_NAMES, max_size=3), min_size=1, max_size=6))
def test_harmonize_never_mutates_and_keeps_rows(cells):
    df = pd.DataFrame({"pub_no": [f"CN{i}" for i in range(len(cells))], "applicants": cells})
    before = df.copy(deep=True)
    out = harmonize(df)
    pd.testing.assert_frame_equal(df, before)
    assert len(out) == len(df)
    assert all(len(std) <= len([x for x in raw if x.strip()]) for std, raw in zip(out["applicants_std"], cells,
                                                                                 strict=True))


# --------------------------------------------------------------------------- truth set (team data)

TRUTH = "real/drones_applicant_cleaning_pairs.csv"


@pytest.fixture(scope="module")
def truth(request):
    shared = request.getfixturevalue("shared_data")
    d = pd.read_csv(shared / TRUTH)
    assert list(d.columns) == ["applicant", "applicant_cleaned"] and len(d) == 5661
    return d


@pytest.fixture(scope="module")
def measured(truth):
    raw = evaluate_cleaning(truth["applicant"], truth["applicant_cleaned"])
    closed = evaluate_cleaning(truth["applicant"], close_trivial_variants(truth["applicant"],
                                                                          truth["applicant_cleaned"]))
    return raw, closed


def test_truth_set_precision_ceiling(truth):
    """45 pairs of cells equal up to case/accents/punctuation carry different analyst labels.

    779 true pairs; any harmoniser that folds case predicts those 45 pairs too, so even at
    perfect recall P ≤ 779 / (779 + 45) = 0.945 < 0.95 (docs/names.md).
    """
    from navtrain.names import _trivial_cell_keys

    t_raw = pairwise_pr(truth["applicant_cleaned"], truth["applicant_cleaned"])["true_pairs"]
    trivial = pairwise_pr(truth["applicant_cleaned"], _trivial_cell_keys(truth["applicant"]))
    forced_fp = trivial["predicted_pairs"] - trivial["tp"]
    assert (t_raw, forced_fp) == (779, 45)
    assert t_raw / (t_raw + forced_fp) == pytest.approx(0.945, abs=5e-4) and t_raw / (t_raw + forced_fp) < 0.95


@pytest.mark.xfail(strict=True, reason="unattainable on the raw analyst labels (precision ceiling 0.945, "
                   "see test_truth_set_precision_ceiling and docs/names.md); strict, so reaching it fails loudly")
def test_truth_set_reaches_the_issue_target(measured):
    raw, _ = measured
    assert raw["precision"] >= 0.95 and raw["recall"] >= 0.90


def test_truth_set_measured_figures_do_not_regress(measured):
    raw, closed = measured
    # measured (docs/names.md): raw P 0.810 R 0.796; closed P 0.876 R 0.805
    assert raw["precision"] >= 0.80 and raw["recall"] >= 0.79
    assert closed["precision"] >= 0.86 and closed["recall"] >= 0.80


def test_components_and_regroup_are_public():
    from navtrain import names

    assert names.components(4, np.array([2]), np.array([3])).tolist() == [0, 1, 2, 2]
    assert names.components(2, np.array([], dtype=int), np.array([], dtype=int)).tolist() == [0, 1]
    lists = names.regroup(np.array([0, 0, 1]), np.array([0, 0, 1]), np.array(["甲", "乙"], dtype=object), 3)
    assert lists == [["甲"], ["乙"], []]
