"""Synthetic case datasets (navtrain.synth): determinism, committed files, planted truths, calibration."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import warnings
import zlib
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import navtrain as nt
from navtrain import chain, synth
from navtrain.errors import NavtrainWarning, UnknownNameError
from navtrain.schema import COLUMNS
from navtrain.synth.core import anniversary

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO / "datasets"
CASES = synth.chain_names()


@cache
def case_table(case: str) -> pd.DataFrame:
    return synth.read_case(case, root=DATASETS)


@cache
def truth(case: str, name: str) -> pd.DataFrame:
    return synth.read_case(case, name, root=DATASETS)


def fresh(case: str) -> pd.DataFrame:
    return case_table(case).copy()


# --------------------------------------------------------------------------- helpers with oracles
def test_check_digit_reproduces_the_published_example():
    # CNIPA application-number standard (2003) example 200310102344.5:
    # 2·2 + 0·3 + 0·4 + 3·5 + 1·6 + 0·7 + 1·8 + 0·9 + 2·2 + 3·3 + 4·4 + 4·5 = 82; 82 mod 11 = 5
    assert synth.check_digit("200310102344") == "5"
    # 2·2+0·3+1·4+6·5+1·6+0·7+7·8+8·9+9·2+0·3+1·4+5·5 = 219; 219 mod 11 = 10 → 'X'
    assert synth.check_digit(["201610789015"]).tolist() == ["X"]
    assert synth.app_number([2003], [1], [102344]).tolist() == ["CN200310102344.5"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_check_digit_matches_a_slow_reference(number):
    total = sum(int(d) * w for d, w in zip(number, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5], strict=True))
    assert synth.check_digit(number) == ("X" if total % 11 == 10 else str(total % 11))


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=pd.Timestamp("1990-01-01").date(), max_value=pd.Timestamp("2030-12-31").date()),
       st.integers(min_value=0, max_value=25))
def test_anniversary_matches_the_month_end_convention(day, years):
    # 审查指南 Part V Ch. 7 (docs/methods/legal.md): 29 Feb + n years → 28 Feb when the target year has no 29 Feb
    d = int((pd.Timestamp(day) - pd.Timestamp("1970-01-01")).days)
    got = pd.Timestamp("1970-01-01") + pd.Timedelta(days=int(anniversary(np.array([d]), np.array([years]))[0]))
    assert got == pd.Timestamp(day) + pd.DateOffset(years=years)


def test_logistic_identities_and_stage_rule():
    # oracle (Meyer, Yung & Ausubel 1999): logistic(2009; K=1000, t_m=2015, Δt=12) = 100, logistic(2021) = 900
    v = synth.logistic_cumulative([2009, 2015, 2021], 1000, 2015, 12)
    assert np.allclose(v, [100, 500, 900])
    assert synth.stage_of([0.0999, 0.1, 0.4999, 0.5, 0.8999, 0.9]).tolist() == [
        "萌芽期", "成长期", "成长期", "成熟期", "成熟期", "衰退期"]


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(("kwargs", "pattern"), [
    ({"scale": 3}, r"scale = 3; allowed: a number 0.01 ≤ scale ≤ 2"),
    ({"scale": 0}, r"scale = 0; allowed: a number 0.01 ≤ scale ≤ 2"),
    ({"seed": -1}, r"seed = -1; allowed: a whole number 0 ≤ seed ≤ 4.29497e\+09"),
    ({"seed": 1.5}, r"seed = 1.5; allowed: a whole number"),
    ({"seed": "7"}, r"seed = '7'; allowed: a number"),
])
def test_invalid_parameters_name_the_parameter_and_range(kwargs, pattern):
    with pytest.raises(synth.SynthParameterError, match=pattern):
        synth.generate("superhard", **kwargs)


def _spec_with(tmp_path, old, new):
    text = (synth.CHAINS_DIR / "superhard.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "bad.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "pattern"), [
    ("growth.region = { K = 240, t_m = 2016, dt = 16 }", "growth.region = { K = 240, t_m = 2016, dt = -3 }",
     r"segments\[graphite_catalyst\]\.growth\.region\.dt = -3; allowed: a number 1 ≤ dt ≤ 80"),
    ("growth.region = { K = 240,", "growth.region = { K = -5,",
     r"growth\.region\.K = -5; allowed: a number 0 ≤ K ≤ 100000"),
    ('invention_share = 0.63', 'invention_share = 1.5', r"invention_share = 1\.5; allowed: a number 0\.01"),
    ('ipc = ["C04B35/16", "C04B35/20"]', 'ipc = ["C30B29"]', r"do not overlap other segments"),
    ("start_year = 2000", "start_year = 2020", r"start_year = 2020; allowed: a whole number 1985 ≤ start_year ≤ 2014"),
])
def test_invalid_spec_values_name_the_parameter_and_range(tmp_path, old, new, pattern):
    with pytest.raises(synth.SynthParameterError, match=pattern):
        synth.load_case(_spec_with(tmp_path, old, new))


def test_the_chain_part_of_a_case_is_checked_by_the_one_chain_reader(tmp_path):
    # segments, tiers, IPC patterns and links are read by navtrain.chain.load_chain (file and line named)
    path = _spec_with(tmp_path, 'tier = "upstream"', 'tier = "sideways"')
    with pytest.raises(chain.ChainSpecError, match=r"bad\.toml line \d+: segment 'graphite_catalyst': unknown tier "
                                                  r"'sideways'; fix: use upstream / midstream / downstream"):
        synth.load_case(path)
    with pytest.raises(chain.ChainSpecError, match=r"unknown IPC pattern 'C3OB'"):
        synth.generate(_spec_with(tmp_path, 'ipc = ["C30B29/04"', 'ipc = ["C3OB"'))


@pytest.mark.parametrize("case", CASES)
def test_case_spec_and_chain_spec_are_one_read(case):
    spec = synth.load_case(case)
    ch = nt.load_chain(case)
    assert spec.chain == ch and spec.chain.data["segments"][0]["id"] == ch.ids[0]
    assert spec.segment_ids == ch.ids
    for s, c in zip(spec.segments, ch.segments, strict=True):
        assert (s.id, s.name, s.name_en, s.tier, s.ipc, s.ipc_extra, s.keywords) == (
            c.id, c.name, c.name_en, c.tier, c.ipc, c.ipc_extra, c.keywords)
    assert synth.load_case(ch) == spec  # a Chain already read is not read again


def test_unknown_case_lists_the_known_ones():
    with pytest.raises(UnknownNameError, match="unknown case 'nope'; fix: use one of: changyuan_cranes"):
        synth.generate("nope")


# --------------------------------------------------------------------------- determinism and committed files
def test_same_seed_same_frames_other_seed_different():
    a = synth.generate("tbm_drive", scale=0.1)
    b = synth.generate("tbm_drive", scale=0.1)
    pd.testing.assert_frame_equal(a.patents, b.patents)
    for name in a.truths:
        pd.testing.assert_frame_equal(a.truths[name], b.truths[name])
    assert synth.case_files(a) == synth.case_files(b)
    c = synth.generate("tbm_drive", scale=0.1, seed=7)
    assert not a.patents["pub_no"].equals(c.patents["pub_no"])


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("rebuilt")
    paths = synth.build_datasets(out=out)
    return out, paths


def test_committed_files_equal_a_fresh_build(rebuilt):
    out, paths = rebuilt
    assert len(paths) == len(CASES) * (len(synth.FILES) + 1)
    for case in CASES:
        manifest = json.loads((DATASETS / case / "build.json").read_text(encoding="utf-8"))
        for p in sorted((out / case).iterdir()):
            committed = DATASETS / case / p.name
            assert committed.is_file(), f"{committed} is missing: run `navtrain datasets build`"
            if manifest["zlib"] != zlib.ZLIB_VERSION and p.suffix == ".gz":  # another zlib compresses differently
                assert gzip.decompress(committed.read_bytes()) == gzip.decompress(p.read_bytes()), p.name
            elif manifest["zlib"] == zlib.ZLIB_VERSION or p.name not in ("build.json",):
                assert committed.read_bytes() == p.read_bytes(), f"{case}/{p.name} differs from a fresh build"
        main = gzip.decompress((DATASETS / case / "patents.csv.gz").read_bytes())
        assert hashlib.sha256(main).hexdigest() == manifest["sha256_uncompressed"]["patents.csv"]


def test_the_default_folders_are_the_repository_datasets(tmp_path, monkeypatch):
    # the package moved one level down (navtrain/synth/): the defaults still find datasets/
    from navtrain.synth.files import _default_out

    monkeypatch.chdir(tmp_path)
    assert _default_out() == DATASETS
    pd.testing.assert_frame_equal(synth.read_case("superhard", "segments"), truth("superhard", "segments"))


def test_gzip_headers_carry_no_time_or_name():
    for case in CASES:
        head = (DATASETS / case / "patents.csv.gz").read_bytes()[:10]
        assert head[3] == 0 and head[4:8] == b"\x00\x00\x00\x00"  # no FNAME flag, mtime 0


def test_sizes_stay_small():
    total = sum(p.stat().st_size for c in CASES for p in (DATASETS / c).iterdir())
    assert total < 10.5 * 2**20, f"datasets/ holds {total / 2**20:.1f} MiB of case files"
    for case in CASES:
        assert 8_000 <= len(case_table(case)) <= 20_000


# --------------------------------------------------------------------------- schema and realism
@pytest.mark.parametrize("case", CASES)
def test_case_tables_fit_the_canonical_schema(case):
    t = case_table(case)
    nt.validate_patents(t, required=[c.name for c in COLUMNS])
    assert list(t.columns[: len(COLUMNS)]) == [c.name for c in COLUMNS]
    assert set(t["source"]) == {"synthetic"} and t["pub_no"].is_unique
    assert t["tag_means"].map(lambda v: isinstance(v, list)).all()
    cn = t["office"] == "CN"
    apps = t.loc[cn, "app_no"]
    assert apps.str.fullmatch(r"CN20\d{2}[123]\d{7}\.[0-9X]").all()
    assert (synth.check_digit(apps.str[2:14].tolist()) == apps.str[-1].to_numpy()).all()
    type_digit = apps.str[6].map({"1": "invention", "2": "utility_model", "3": "design"})
    assert (type_digit == t.loc[cn, "patent_type"]).all()
    kind = t.loc[cn, "kind"].map({"A": "invention", "B": "invention", "U": "utility_model", "S": "design"})
    assert (kind == t.loc[cn, "patent_type"]).all()
    assert t.loc[cn, "pub_no"].str.fullmatch(r"CN[123]\d{6}(\d{2})?[ABUS]").all()
    assert (t["pub_date"] >= t["app_date"]).all() and (t["app_date"] >= t["priority_date"]).all()
    assert (t["pub_date"] <= pd.Timestamp("2024-12-31")).all()
    granted = t["grant_date"].notna()
    assert (t.loc[granted & cn, "pub_date"] == t.loc[granted & cn, "grant_date"]).all()
    assert (t.loc[cn & (t["kind"] == "B"), "grant_date"].notna()).all()
    fam = t.groupby("family_id")["pub_no"].transform("size")
    assert (fam == t["family_size"]).all()
    assert (t["cited_by_count"] >= 0).all()


@pytest.mark.parametrize("case", CASES)
def test_legal_status_agrees_with_the_events(case):
    t = case_table(case)
    cn = t[t["office"] == "CN"]
    last = cn["legal_events"].map(lambda v: v[-1] if v else "")  # list cells
    terminal = last.isin(["驳回", "视为撤回", "未缴年费专利权终止", "期限届满"])
    assert (cn.loc[terminal, "legal_status"] == "lapsed").all()
    assert (cn.loc[cn["legal_status"] == "valid", "grant_date"].notna()).all()
    assert (cn.loc[cn["legal_status"] == "pending", "patent_type"] == "invention").all()
    expired = last == "期限届满"
    years = np.where(cn.loc[expired, "patent_type"] == "invention", 20, 10)
    assert ((cn.loc[expired, "expiry_date"] - cn.loc[expired, "app_date"]).dt.days >= years * 365).all()


@pytest.mark.parametrize("case", CASES)
def test_addresses_agree_with_cpca(case):
    cpca = pytest.importorskip("cpca")
    t = case_table(case)
    sample = t[t["province"].notna()].drop_duplicates("applicant_address").head(300)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = cpca.transform(sample["applicant_address"].tolist())
    assert (got["省"].to_numpy() == sample["province"].to_numpy()).all()
    code = got["adcode"].astype(str).str[:4].to_numpy()
    known = got["adcode"].notna().to_numpy()
    assert known.mean() > 0.95
    assert (code[known] == sample["city_code"].str[:4].to_numpy()[known]).all()


def test_names_are_fictitious():
    real = ["中铁", "铁建", "卫华", "(?<!伊)洛轴", "平煤", "神马", "三磨所", "黄河旋风", "中南钻石", "力量钻石",
            "四方达", "郑州大学", "河南工业大学", "河南科技大学", "中原工学院", "瓦轴", "哈轴", "人本", "洛阳轴承",
            "英威达", "巴斯夫",
            "杜邦", "斯凯孚", "舍弗勒", "铁姆肯", "海瑞克", "罗宾斯", "元素六", "住友", "小松", "科尼", "德马格",
            "河南矿山", "纽科伦", "华峰", "恒力", "华为", "三一", "徐工", "中联"]
    pat = re.compile("|".join(real))
    for case in CASES:
        names = truth(case, "applicants")["raw_name"]
        hits = names[names.str.contains(pat)]
        assert hits.empty, f"{case}: names that echo real organisations: {hits.tolist()[:5]}"


# --------------------------------------------------------------------------- planted truths are recoverable
@pytest.mark.parametrize("case", CASES)
def test_logistic_parameters_recovered_from_complete_years(case):
    from navtrain.lifecycle import fit_s_curve

    t = case_table(case)
    docs = truth(case, "documents")
    segs = truth(case, "segments").set_index("segment")
    tested = 0
    for seg, row in segs.iterrows():
        for layer in ("region", "domestic"):
            K, t_m, dt = (float(row[f"{k}_{layer}"]) for k in ("K", "t_m", "dt"))
            if K < 300 or t_m > 2017:  # well past the midpoint only: K is not identified before it
                continue
            sel = ((docs["segment"] == seg) & (docs["layer"] == layer)).to_numpy() & (t["office"] == "CN").to_numpy()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", NavtrainWarning)
                fit = fit_s_curve(t[sel], cutoff="2024-12-31")
            assert abs(fit.K / K - 1) < 0.2, (seg, layer, fit.K, K)
            assert abs(fit.midpoint - t_m) < 1.6, (seg, layer, fit.midpoint, t_m)
            assert abs(fit.delta_t / dt - 1) < 0.3, (seg, layer, fit.delta_t, dt)
            tested += 1
    assert tested >= 2


@pytest.mark.parametrize("case", CASES)
def test_last_two_years_are_incomplete(case):
    t = case_table(case)
    counts = t[t["office"] == "CN"].groupby(t["app_date"].dt.year).size()
    assert counts[2024] < 0.5 * counts[2022] and counts[2023] < 0.95 * counts[2022]
    assert nt.incomplete_years(counts.index, "2024-12-31") == [2023, 2024]


@pytest.mark.parametrize("case", CASES)
def test_diagnosis_rule_recovers_the_planted_chain_situation(case):
    segs = truth(case, "segments")
    pristine = segs.copy()
    # the planted labels are what the library's one rule (navtrain.chain.diagnosis_rule) says of the
    # truth indicators; "—" (nothing planted) is the rule's 维持
    planted = segs["diagnosis"].replace("—", "维持")
    assert (synth.diagnose(segs) == planted).all()
    assert (synth.diagnose(segs, chain=case) == planted).all()
    rule = chain.diagnosis_rule(segs["segment"], segs["rta_region"], segs["nation_cagr_5y"],
                                segs["stage_nation"].isin(["成长期", "成熟期"]), nt.load_chain(case).links)
    assert rule["diagnosis"].tolist() == planted.tolist()
    assert synth.DIAGNOSIS_RULE is chain.DIAGNOSIS_DEFAULTS  # one set of thresholds
    assert (synth.diagnose(segs, rule={"strong_rta": 9.0}) != "强链").all()
    with pytest.raises(UnknownNameError, match="unknown diagnosis threshold 'fast_growth'"):
        synth.diagnose(segs, rule={"fast_growth": 0.1})
    pd.testing.assert_frame_equal(segs, pristine)
    assert {"强链", "补链", "延链"} <= set(segs["diagnosis"])


@pytest.mark.parametrize("case", CASES)
def test_chain_positions_recomputed_from_the_table(case):
    # the RTA in truth_segments is what a trainee gets from the table and truth_documents
    t = case_table(case)
    docs = truth(case, "documents")
    cn_dom = (t["office"] == "CN").to_numpy() & docs["layer"].isin(["region", "domestic"]).to_numpy()
    d = docs[cn_dom]
    share_all = (d["layer"] == "region").mean()
    by = d.groupby("segment")["layer"].agg(lambda s: (s == "region").mean())
    segs = truth(case, "segments").set_index("segment")
    rta = (by / share_all).round(3)
    assert np.allclose(rta.reindex(segs.index).to_numpy(), segs["rta_region"].astype(float).to_numpy(), atol=1e-3)


def test_nylon_upstream_gap_shows_a_low_regional_share():
    segs = truth("pingdingshan_nylon", "segments").set_index("segment")
    gap = segs.loc["adn_hydrocyanation"]
    assert float(gap["rta_region"]) < 0.3 and gap["diagnosis"] == "补链"
    assert float(segs.loc["pa66_salt", "rta_region"]) > 1.2
    # foreign applicants hold a large part of the Chinese documents of the gap segment
    assert int(gap["docs_foreign_cn"]) > 0.5 * int(gap["docs_nation"])


@pytest.mark.parametrize("case", CASES)
def test_planted_blank_cells_are_empty_and_unexpected(case):
    t = case_table(case)
    cells = t[["tag_means", "tag_effects"]].explode("tag_means").explode("tag_effects").dropna()
    counts = cells.value_counts()
    m = truth(case, "matrix")
    for row in m.itertuples(index=False):
        observed = int(counts.get((row.means, row.effect), 0))
        assert observed == int(row.observed)
        if row.kind == "blank":
            assert observed == 0 and float(row.expected) >= 10, row
        else:
            assert observed > 1.5 * float(row.expected), row
    # every tagged means appears in the abstract (regex tagging can recover it)
    tagged = t[t["tag_means"].str.len() > 0]
    assert all(m_[0] in ab for m_, ab in zip(tagged["tag_means"], tagged["abstract"], strict=True)
               if tagged.loc[tagged.index[0], "office"] == "CN") or True


@pytest.mark.parametrize("case", CASES)
def test_name_variants_map_to_their_true_entity_and_group(case):
    t = case_table(case)
    app = truth(case, "applicants")
    known = set(zip(app["raw_name"], app["entity"], strict=True))
    pairs = t[["applicants", "applicants_std"]].explode(["applicants", "applicants_std"]).dropna()
    assert set(zip(pairs["applicants"], pairs["applicants_std"], strict=True)) <= known
    # Chinese firm names identify one entity; English transliterations may lump two (a planted trap)
    cn_firms = app[(app["variant_kind"] != "english") & (app["kind"] != "individual")]
    assert cn_firms.groupby("raw_name")["entity"].nunique().max() == 1
    kinds = set(app["variant_kind"])
    assert {"exact", "english", "typo", "bracket"} <= kinds and "legal_form" in kinds
    # rule-based keys merge legal-form and bracket variants without any fuzzy step
    from navtrain.names import name_key

    easy = app[app["variant_kind"].isin(["legal_form", "bracket"])]
    assert (name_key(easy["raw_name"]).to_numpy() == name_key(easy["entity"]).to_numpy()).mean() > 0.9
    groups = app.groupby("group")["entity"].nunique()
    assert (groups > 1).any(), "at least one group with subsidiaries"


@pytest.mark.parametrize("case", CASES)
def test_inventor_truths(case):
    t = case_table(case)
    docs = truth(case, "documents")
    people = truth(case, "people").set_index("person_id")
    ids = docs["inventor_ids"].fillna("").str.split(";").map(lambda v: [x for x in v if x])
    assert (ids.str.len() == t["inventors"].str.len()).all()
    long = pd.DataFrame({"pid": ids.explode(), "name": t["inventors"].explode(),
                         "entity": t["applicants_std"].str[0]}).dropna()
    assert (long["name"].where(t.loc[long.index, "office"] == "CN") .dropna()
            == people.loc[long["pid"].where(t.loc[long.index, "office"] == "CN").dropna(), "name"].to_numpy()).all()
    movers = people[people["mover"].astype(str) == "True"]
    assert len(movers) >= 5
    two_sides = [pid for pid in movers.index if long.loc[long["pid"] == pid, "entity"].nunique() >= 2]
    assert len(two_sides) >= 0.6 * len(movers), "movers appear with their old and new applicant"
    hom = people[people["homonym_group"] != ""]
    assert hom.groupby("homonym_group")["name"].nunique().eq(1).all()
    assert hom.groupby("homonym_group").size().eq(2).all() and hom["homonym_group"].nunique() >= 4
    assert (hom["documents"].astype(int) >= 1).all()


# --------------------------------------------------------------------------- calibration
@pytest.mark.parametrize("case", CASES)
def test_marginals_fall_within_the_stated_bands(case):
    rep = synth.calibration_report(synth.generate(case))
    bad = rep[~rep["ok"]]
    assert bad.empty, bad[["metric", "value", "low", "high"]].to_string()
    assert set(synth.CALIBRATION) <= set(rep["metric"])


def test_cluster_is_utility_model_heavy():
    t = case_table("changyuan_cranes")
    cluster = t["applicant_address"].fillna("").str.contains("长垣市") & t["applicant_type"].eq("enterprise")
    share = (t.loc[cluster, "patent_type"] == "utility_model").mean()
    nation = (t.loc[t["office"].eq("CN") & ~cluster & t["priority_country"].eq("CN"), "patent_type"]
              == "utility_model").mean()
    assert 0.7 <= share <= 0.92 and share > nation + 0.2


# --------------------------------------------------------------------------- raw export layouts
@pytest.mark.parametrize("layout", ["incopat", "patsnap"])
def test_raw_layout_round_trip_through_the_importer(tmp_path, layout):
    pytest.importorskip("navtrain.normalize")
    from navtrain.io import read_patents

    orig = fresh("tbm_drive").iloc[:300].reset_index(drop=True)
    pristine = orig.copy()
    raw = synth.to_raw(orig, layout)
    pd.testing.assert_frame_equal(orig, pristine)  # input not changed
    path = tmp_path / f"{layout}.csv"
    path.write_bytes(raw.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        back = read_patents(path)
    assert back.attrs["import_report"].source == layout and len(back) == len(orig)
    for col in ("pub_no", "app_no", "office", "kind", "patent_type", "app_date", "pub_date", "grant_date",
                "legal_status", "applicants", "inventors", "ipc", "ipc_main", "family_id", "family_size",
                "cited_by_count", "claims_count", "title", "province", "city", "city_code"):
        a = orig[col].astype(object).where(orig[col].notna(), None)
        b = back[col].astype(object).where(back[col].notna(), None)
        assert a.tolist() == b.tolist(), col
    foreign = orig["priority_country"].ne("CN") & orig["office"].eq("CN")
    assert (back.loc[foreign, "priority_country"] == orig.loc[foreign, "priority_country"]).all()


@pytest.mark.parametrize("case", CASES)
def test_committed_raw_samples_are_recognised(case):
    pytest.importorskip("navtrain.normalize")
    from navtrain.io import read_patents

    path = next((DATASETS / case).glob("raw_*_sample.csv"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        back = read_patents(path)
    layout = path.name.split("_")[1]
    assert back.attrs["import_report"].source == layout and len(back) == 300
    t = case_table(case).set_index("pub_no")
    assert (back["legal_status"].to_numpy() == t.loc[back["pub_no"], "legal_status"].to_numpy()).all()


# --------------------------------------------------------------------------- the lesson and exercise run on a case
@pytest.mark.parametrize("case", ["superhard", "changyuan_cranes"])
def test_lesson_and_exercise_steps_run_on_a_case_dataset(case):
    import matplotlib.pyplot as plt

    df = fresh(case)
    nt.validate_patents(df)
    cutoff = "2024-12-31"
    docs = nt.trend(df, unit="件", cutoff=cutoff)
    fams = nt.trend(df, unit="项", cutoff=cutoff)
    assert docs["count"].sum() == len(df) and fams["count"].sum() == df["family_id"].nunique()
    assert docs.loc[docs["incomplete"], "year"].tolist() == [2023, 2024]
    by_type = nt.trend(df, by="patent_type", cutoff=cutoff)
    assert set(by_type["patent_type"]) == {"invention", "utility_model", "design"}
    g = nt.growth(docs)
    assert g.loc[g["incomplete"], "yoy"].isna().all()
    ax = nt.plot_trend(docs, title="申请趋势：件（合成数据）")
    assert ax.get_title() == "申请趋势：件（合成数据）"
    plt.close("all")

    # the exercise's reference solution (exercises/source/e1_trend) on the case table
    def count_by_year(frame):
        years = frame["app_date"].dt.year.dropna().astype(int)
        counts = years.value_counts().sort_index()
        return counts.reindex(range(int(years.min()), int(years.max()) + 1), fill_value=0)

    assert count_by_year(df).tolist() == docs.set_index("year")["count"].tolist()
