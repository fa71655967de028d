"""Importing database exports: detection, decoding, normalisation, report, real files."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pandas as pd
import pytest

import navtrain as nt
from navtrain.errors import InputFileError, SchemaError, UnknownNameError
from navtrain.io import decode_bytes, detect_source, family_view, read_patents, write_table

# An incoPat/CNIPA-style export of three documents, written by hand.
INCOPAT = (
    "公开（公告）号,公开（公告）日,申请号,申请日,标题,申请人,申请人地址,发明人,IPC主分类,IPC,法律状态,被引证次数\n"
    "CN104651001B,2017-06-20,CN201510108321.8,2015-03-12,一种高温高压合成金刚石单晶的方法,"
    "中原晶钻科技有限公司,河南省郑州市高新技术产业开发区翠竹街1号,李明远; 王静怡,C30B 29/04,"
    "C30B 29/04; B01J 3/06,有效,12\n"
    "CN205398001U,2016-09-14,CN201620456712.9,2016-05-20,一种金刚石微粉分级装置,豫东微粉科技有限公司,"
    "河南省商丘市柘城县产业集聚区,赵国栋,B07B 7/00,B07B 7/00; B24D 3/00,未缴年费专利权终止,-\n"
    "CN106187001A,2016-12-07,CN201610789015.X,2016-09-01,一种立方氮化硼复合片及其制备方法,"
    "中岳理工大学,河南省郑州市中原区科学大道100号,陈思远; 刘佳宁,C04B 35/5831,C04B 35/5831,视为撤回,0\n"
)


def write(tmp_path, name, text, encoding="utf-8", newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def quiet_read(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nt.NavtrainWarning)
        return read_patents(*args, **kwargs)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_chinese_export_in_every_encoding_and_line_ending(tmp_path, encoding, newline):
    t = read_patents(write(tmp_path, "x.csv", INCOPAT, encoding, newline))
    rep = t.attrs["import_report"]
    assert rep.source == "incopat"
    assert rep.rows_read == rep.rows_kept == 3
    assert t["title"].tolist()[0] == "一种高温高压合成金刚石单晶的方法", "CJK must never be mangled"
    assert t.loc[0, "inventors"] == ["李明远", "王静怡"]
    assert t.loc[0, "ipc"] == ["C30B29/04", "B01J3/06"] and t.loc[0, "ipc_main"] == "C30B29/04"
    assert t["patent_type"].tolist() == ["invention", "utility_model", "invention"]
    assert t["legal_status"].tolist() == ["valid", "lapsed", "lapsed"]
    assert t["app_date"].dt.year.tolist() == [2015, 2016, 2016]
    assert t["province"].tolist() == ["河南省"] * 3
    assert t["city"].tolist() == ["郑州市", "商丘市", "郑州市"]
    assert t.loc[1, "cited_by_count"] is pd.NA and t.loc[0, "cited_by_count"] == 12
    assert t["applicant_type"].tolist() == ["enterprise", "enterprise", "university"]
    nt.validate_patents(t)


def test_gb18030_is_detected_and_reported(tmp_path):
    t = read_patents(write(tmp_path, "x.csv", INCOPAT, "gb18030"))
    assert t.attrs["import_report"].encoding == "gb18030"


def test_latin1_text_is_not_mistaken_for_chinese():
    text, enc = decode_bytes("Publication Number,Title\nUS1,Crème brûlée à la pizza\n".encode("cp1252"))
    assert enc == "cp1252" and "Crème brûlée" in text


def test_mixed_utf8_and_latin1_lines():
    raw = "a,b\n1,Café\n".encode() + "2,Crème\n".encode("latin-1")
    text, enc = decode_bytes(raw)
    assert "Café" in text and "Crème" in text and enc.startswith("mixed")


def test_title_rows_above_header_are_skipped_and_reported(tmp_path):
    text = "检索式: TI=(金刚石),,\n导出日期 2024-12-31,,\n" + INCOPAT
    t = read_patents(write(tmp_path, "x.csv", text))
    rep = t.attrs["import_report"]
    assert rep.header_row == 2 and len(rep.title_rows) == 2 and "检索式" in rep.title_rows[0]
    assert len(t) == 3


def test_unmapped_columns_are_kept_as_raw(tmp_path):
    text = INCOPAT.replace("被引证次数\n", "被引证次数,备注\n", 1)
    lines = text.splitlines()
    text = "\n".join([lines[0]] + [ln + ",备注" + str(i) for i, ln in enumerate(lines[1:])]) + "\n"
    t = read_patents(write(tmp_path, "x.csv", text))
    assert t["raw_备注"].tolist() == ["备注0", "备注1", "备注2"]
    assert "备注" in t.attrs["import_report"].raw_columns


def test_duplicated_headers_and_repeated_documents(tmp_path):
    lines = INCOPAT.splitlines()
    text = lines[0] + ",标题\n" + "\n".join(ln + ",重复列" for ln in lines[1:] + lines[1:2]) + "\n"
    with pytest.warns(nt.NavtrainWarning, match="1 repeated document"):
        t = read_patents(write(tmp_path, "x.csv", text))
    rep = t.attrs["import_report"]
    assert rep.duplicated_headers == ["标题"] and len(t) == 3 and rep.rows_read == 4
    assert rep.dropped == {"repeated document (same publication number)": 1}
    assert t["title"].iloc[0].startswith("一种") and t["raw_标题 (2)"].iloc[0] == "重复列"


def test_malformed_rows_are_counted_not_silently_dropped(tmp_path):
    text = INCOPAT + "CN999,2020-01-01,only,three,fields,too,many,,,,,,,,,,,\n"
    with pytest.warns(nt.NavtrainWarning, match="malformed line"):
        t = read_patents(write(tmp_path, "x.csv", text))
    rep = t.attrs["import_report"]
    assert rep.rows_read == 4 and rep.rows_kept == 3
    assert rep.dropped == {"malformed line (wrong number of fields)": 1}
    assert "CN999" in rep.bad_lines[0]
    assert "1 × malformed line" in str(rep)


def test_report_names_lacking_fields(tmp_path):
    rep = read_patents(write(tmp_path, "x.csv", INCOPAT)).attrs["import_report"]
    assert "family_id" in rep.lacking and "grant_date" in rep.lacking
    assert "app_date" not in rep.lacking


def test_canonical_sample_round_trip(tmp_path):
    sample = nt.load_sample()
    for suffix in (".csv", ".xlsx", ".parquet"):
        out = write_table(sample, tmp_path / f"s{suffix}")
        if suffix == ".parquet":
            back = pd.read_parquet(out)
            assert back["applicants"].iloc[8].tolist() == ["豫东微粉科技有限公司", "中岳理工大学"]
            continue
        t = quiet_read(out)
        assert t.attrs["import_report"].source == "canonical"
        assert len(t) == 21
        assert t["applicants"].tolist() == sample["applicants"].tolist()
        assert t["app_date"].tolist() == sample["app_date"].tolist()
        assert t["family_id"].tolist() == sample["family_id"].tolist()


def test_user_mapping_file(tmp_path):
    csv = "编号,日期,名称,权利人\nCN1A,2020/03/01,甲,甲公司|乙大学\nCN2U,2021/04/02,乙,丙公司\n"
    mapping = tmp_path / "m.yaml"
    mapping.write_text("name: mine\nseparator: '|'\ncolumns:\n  pub_no: 编号\n  app_date: 日期\n"
                       "  title: 名称\n  applicants: 权利人\n", encoding="utf-8")
    t = read_patents(write(tmp_path, "x.csv", csv), mapping=mapping)
    assert t.loc[0, "applicants"] == ["甲公司", "乙大学"]
    assert t["app_date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-03-01", "2021-04-02"]
    assert t["patent_type"].tolist() == ["invention", "utility_model"]


# --- bad input ------------------------------------------------------------------------

def test_unknown_headers_list_columns_and_closest_source(tmp_path):
    with pytest.raises(UnknownNameError, match=r"unrecognised headers in x.csv: found foo, bar, baz; "
                                               r"closest known source: \w+"):
        read_patents(write(tmp_path, "x.csv", "foo,bar,baz\n1,2,3\n"))


def test_binary_empty_and_missing_files(tmp_path):
    binary = tmp_path / "x.csv"
    binary.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputFileError, match="binary file, not a table"):
        read_patents(binary)
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError, match="is empty"):
        read_patents(empty)
    with pytest.raises(InputFileError, match="not found"):
        read_patents(tmp_path / "nope.csv")


def test_wrong_mapping_files(tmp_path):
    data = write(tmp_path, "x.csv", "a,b\n1,2\n")
    bad_yaml = tmp_path / "m.yaml"
    bad_yaml.write_text("columns: [unclosed\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="not valid"):
        read_patents(data, mapping=bad_yaml)
    unknown = tmp_path / "u.toml"
    unknown.write_text('[columns]\npublication = "a"\n', encoding="utf-8")
    with pytest.raises(SchemaError, match="unknown field 'publication'"):
        read_patents(data, mapping=unknown)
    no_cols = tmp_path / "n.toml"
    no_cols.write_text('name = "x"\n', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"has no \[columns\] table"):
        read_patents(data, mapping=no_cols)


def test_cli_import_prints_report_and_writes(tmp_path):
    src = write(tmp_path, "x.csv", INCOPAT, "gb18030")
    out = tmp_path / "out.parquet"
    r = subprocess.run([sys.executable, "-m", "navtrain", "import", str(src), "--out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "source      : incopat" in r.stdout and "gb18030" in r.stdout and "3 kept" in r.stdout
    assert len(pd.read_parquet(out)) == 3
    bad = subprocess.run([sys.executable, "-m", "navtrain", "import", str(tmp_path / "none.csv"), "--out",
                          str(out)], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "not found" in bad.stderr


def test_detect_source_scores():
    assert detect_source(["公开(公告)号", "法律状态/事件", "[标]当前申请(专利权)人", "申请日"])[0] == "patsnap"
    assert detect_source(["Publication Number", "Publication Date", "Priority Data", "FP Image"])[0] == "patentscope"


def test_family_view_one_row_per_family():
    fam = family_view(nt.load_sample())
    assert len(fam) == 19
    row = fam.set_index("family_id").loc["F0011"]
    assert row["pub_no"] == "CN111500001B" and row["family_members"] == ["CN111500001B", "WO2021200001A1"]


def test_family_view_uses_the_basis_earliest_member():
    """The representative row of each family is the one every unit="families" count keeps."""
    from navtrain.basis import collapse

    sample = nt.load_sample()
    for date in ("application", "priority", "publication"):
        fam = family_view(sample, date=date)
        kept = collapse(sample, "families", date)
        assert sorted(fam["pub_no"]) == sorted(kept["pub_no"]), date
        assert fam.attrs["unit"] == "families" and fam.attrs["date"] == date
        assert (fam["family_members"].str[0] == fam["pub_no"]).all()  # the earliest member is listed first
    # by publication date the WO member (published 2021-10-14) precedes the CN grant (2022-09-30)
    by_pub = family_view(sample, date="publication").set_index("family_id").loc["F0011"]
    assert by_pub["pub_no"] == "WO2021200001A1"
    assert by_pub["family_members"] == ["WO2021200001A1", "CN111500001B"]
    # a table read from an export (arrow strings) works too, and the input keeps its index
    read = quiet_read(nt.datasets.dataset_path("sample")).set_index(pd.RangeIndex(100, 121))
    fam = family_view(read)
    assert len(fam) == 19 and fam["family_size_in_data"].sum() == 21
    assert fam.set_index("family_id").loc["F0006", "offices"] == ["CN", "US"]
    with pytest.raises(UnknownNameError, match="date basis"):
        family_view(sample, date="grant")
    # rows: earliest family first on the date basis (A claims a 2019 priority, filed 2021)
    two = pd.DataFrame({"pub_no": ["A1", "B1", "B2"], "family_id": ["A", "B", "B"], "office": ["US", "CN", "CN"],
                        "app_date": pd.to_datetime(["2021-01-05", "2020-03-01", "2020-03-01"]),
                        "priority_date": pd.to_datetime(["2019-01-05", "2020-03-01", "2020-03-01"]),
                        "pub_date": pd.to_datetime(["2022-07-01", "2021-09-01", "2020-09-01"])})
    assert family_view(two)["family_id"].tolist() == ["B", "A"]
    assert family_view(two, date="priority")["family_id"].tolist() == ["A", "B"]
    assert family_view(two).loc[0, "family_members"] == ["B2", "B1"]  # tie on filing: published first


def test_harmonize_option(tmp_path):
    src = write(tmp_path, "x.csv", INCOPAT)
    assert "applicants_std" in quiet_read(src).columns
    assert "applicants_std" not in quiet_read(src, harmonize=False).columns
    with pytest.raises(TypeError, match="harmonise"):
        read_patents(src, harmonise=False)  # the 0.1 spelling is gone: no silent catch-all
    out = tmp_path / "out.csv"
    r = subprocess.run([sys.executable, "-m", "navtrain", "import", str(src), "--no-harmonize", "--out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "applicants_std" not in pd.read_csv(out).columns


def test_io_imports_no_analysis_or_charting_code():
    """Reading an export needs the parsers, never the analysis or chart modules (issue 10).

    Run in a fresh interpreter with the package's ``__init__`` bypassed, so the check is on
    what ``navtrain.io`` itself pulls in (importing it, reading a file, writing one).
    """
    code = """
import importlib.util, pathlib, sys, tempfile, warnings
spec = importlib.util.find_spec("navtrain")  # finds the package without running its __init__
sys.modules["navtrain"] = importlib.util.module_from_spec(spec)
import navtrain.io as nio
from navtrain.datasets import dataset_path
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    table = nio.read_patents(dataset_path("sample"))
nio.family_view(table)
nio.write_table(table, pathlib.Path(tempfile.mkdtemp()) / "t.csv")
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in ("navtrain", "seaborn", "matplotlib"))))
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    loaded = set(r.stdout.split())
    allowed = {"navtrain", "navtrain.io", "navtrain.errors", "navtrain.schema", "navtrain.basis",
               "navtrain.normalize", "navtrain.names", "navtrain.datasets"}
    assert loaded <= allowed, f"navtrain.io pulled in {sorted(loaded - allowed)}"
    assert {"navtrain.io", "navtrain.normalize"} <= loaded


# --- real exports (team machines and CI; skipped on a user's clone) --------------------

def test_lens_pizza_imports_all_records(shared_data):
    t = quiet_read(shared_data / "real" / "pizza_lens_1000_raw.csv")
    rep = t.attrs["import_report"]
    assert rep.source == "lens" and rep.rows_read == 1000 and len(t) == 1000
    assert t["pub_date"].notna().all()
    assert t["app_date"].notna().sum() == 991, "9 Canadian documents have no application date in the export"
    assert "app_date" not in rep.unparsed and "pub_date" not in rep.unparsed
    # every value the export has arrives (51 records have no applicant, 151 no IPCR class)
    assert (t["applicants"].str.len() > 0).sum() == 949
    assert (t["ipc"].str.len() > 0).sum() == 849
    assert t["cited_by_count"].notna().all()
    assert t["family_size"].notna().all()
    assert set(t["patent_type"].dropna()) <= {"invention", "utility_model", "design"}


def test_lens_drones_imports(shared_data):
    t = quiet_read(shared_data / "real" / "lens_drones_9071.csv")
    assert len(t) == t.attrs["import_report"].rows_read - sum(t.attrs["import_report"].dropped.values())
    assert t.attrs["import_report"].rows_read == 9071
    assert t["pub_date"].notna().mean() > 0.99 and t["priority_date"].notna().all()
    assert t["pub_date"].max() <= pd.Timestamp("2019-12-31"), "two-digit years must not land in the future"


def test_patsnap_keeps_legal_status_and_chinese_titles(shared_data):
    path = shared_data / "real" / "patsnap_export_sample_300.xlsx"
    t = quiet_read(path)
    raw = pd.read_excel(path, dtype=str, engine="calamine")
    assert t.attrs["import_report"].source == "patsnap" and len(t) == 300
    assert t["title"].tolist() == raw["标题(译)(简体中文)"].tolist()
    kept = t["legal_events"].map(lambda v: " | ".join(v))
    expected = raw["法律状态/事件"].where(raw["法律状态/事件"] != "-", "")
    assert kept.tolist() == expected.tolist(), "every legal-status value is kept"
    assert t["legal_status"].notna().sum() == (raw["法律状态/事件"] != "-").sum()
    assert t["applicants_std"].str.len().gt(0).all()


def test_patentscope_excel_with_title_row(shared_data):
    t = quiet_read(shared_data / "real" / "patentscope_pizza_2012_2015_6177.xls")
    rep = t.attrs["import_report"]
    assert rep.source == "patentscope" and rep.rows_read == 6177
    assert any("Query" in r for r in rep.title_rows)
    assert t["pub_date"].dt.year.between(2012, 2015).all()


def test_ritonavir_landscape_with_duplicated_header(shared_data):
    t = quiet_read(shared_data / "real" / "ritonavir.csv")
    rep = t.attrs["import_report"]
    assert rep.rows_read == 804 and rep.duplicated_headers == ["family size"]
    assert t["priority_country"].notna().mean() > 0.9


def test_pizza_medium_reproduces_the_wipo_manual_tables(shared_data):
    t = quiet_read(shared_data / "real" / "pizza_medium.csv", dedupe=False)
    assert t.attrs["import_report"].rows_read == 10000
    years = t["pub_date"].dt.year
    published = pd.read_csv(shared_data / "published" / "pizza_total_1990_2012.csv").set_index("pubyear")
    mine = years.value_counts().reindex(published.index, fill_value=0)
    diff = (mine - published["publications"]).abs()
    assert (diff == 0).sum() >= 20 and diff.max() <= 2, diff[diff > 0].to_dict()

    pcy = pd.read_csv(shared_data / "published" / "pizza_pcy_country_year.csv")
    pcy = pcy[pcy["pubyear"].between(1990, 2012)]
    grid = pcy.pivot_table(index="pubcode", columns="pubyear", values="n", fill_value=0)
    grid = grid.reindex(columns=range(1990, 2013), fill_value=0)
    counted = (t.assign(year=years).groupby(["office", "year"]).size().unstack(fill_value=0)
               .reindex(index=grid.index, columns=grid.columns, fill_value=0))
    cells = (counted - grid).abs()
    assert (cells == 0).to_numpy().mean() >= 0.98 and cells.to_numpy().max() <= 2
