"""Read patent database exports into the canonical table (数据采集与数据处理).

``read_patents(path)`` detects the file kind and text encoding, finds the header row
below any title rows, recognises the source from its headers, maps its columns with a
mapping *data file* (``navtrain/data/sources/<source>.toml``, or the caller's own YAML or
TOML mapping), normalizes every field into the schema of ``docs/schema.md`` and returns
a new DataFrame whose ``attrs["import_report"]`` (an :class:`ImportReport`) says what
happened: source, encoding, rows read, kept and dropped with reasons, fields the source
lacks, and where stated values disagree with derived ones. No source column is lost:
unmapped columns are kept as ``raw_<header>``.

Sources: GB/T 39551.1 (information collection and data processing steps, paraphrased);
WIPO *Manual on Open Source Patent Analytics* (keep the raw export, record the query,
split then count).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import tomllib
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from navtrain.errors import InputFileError, SchemaError, UnknownNameError
from navtrain.schema import BY_NAME, COLUMNS, header_key

__all__ = ["ImportReport", "decode_bytes", "detect_source", "family_view", "load_mapping", "read_patents",
           "read_table", "source_names", "write_table"]

SOURCES_DIR = Path(__file__).resolve().parent / "data" / "sources"
#: fields a mapping may fill besides the canonical columns
VIRTUAL_FIELDS = {
    "priority_raw": "priority field with number, office and date (parsed into priority_country/priority_date)",
    "type_label": "document type label (发明/实用新型/Patent Application ...)",
    "status_raw": "legal status or legal events text",
    "address": "applicant address (parsed into province/city)",
    "region_code": "administrative code or province name of the applicant",
}
_LIST_FIELDS = {c.name for c in COLUMNS if c.kind == "list"}
_DATE_FIELDS = {c.name for c in COLUMNS if c.kind == "date"}
_INT_FIELDS = {c.name for c in COLUMNS if c.kind == "int"}
_HEADER_SCAN_ROWS = 30


# --------------------------------------------------------------------------- report
@dataclass
class ImportReport:
    """What an import did. ``str(report)`` is the text the CLI prints."""

    path: str
    source: str = ""
    source_label: str = ""
    file_kind: str = ""
    encoding: str = ""
    header_row: int = 0
    title_rows: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    bad_lines: list[str] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)
    lacking: list[str] = field(default_factory=list)
    raw_columns: list[str] = field(default_factory=list)
    duplicated_headers: list[str] = field(default_factory=list)
    unparsed: dict[str, int] = field(default_factory=dict)
    disagreements: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def __str__(self) -> str:
        lines = [
            f"import report · 导入报告: {self.path}",
            f"  source      : {self.source} ({self.source_label})",
            f"  file        : {self.file_kind}, encoding {self.encoding}, header on line {self.header_row + 1}"
            + (f" below {len(self.title_rows)} title row(s)" if self.title_rows else ""),
            f"  rows        : {self.rows_read} read, {self.rows_kept} kept, "
            f"{sum(self.dropped.values())} dropped",
        ]
        for reason, n in self.dropped.items():
            lines.append(f"    dropped   : {n} × {reason}")
        for text in self.bad_lines[:3]:
            lines.append(f"    e.g.      : {text[:100]}")
        if self.lacking:
            lines.append(f"  lacking     : {', '.join(self.lacking)}")
        if self.unparsed:
            lines.append("  unparsed    : " + ", ".join(f"{k} {v}" for k, v in self.unparsed.items()))
        if self.disagreements:
            lines.append("  stated≠derived: " + ", ".join(f"{k} {v}" for k, v in self.disagreements.items()))
        if self.duplicated_headers:
            lines.append(f"  duplicated headers: {', '.join(self.duplicated_headers)}")
        if self.raw_columns:
            lines.append(f"  kept as raw_: {len(self.raw_columns)} column(s)")
        lines += [f"  note        : {n}" for n in self.notes]
        return "\n".join(lines)


# --------------------------------------------------------------------------- sources
@dataclass(frozen=True)
class SourceSpec:
    name: str
    label: str
    separator: str
    empty: tuple[str, ...]
    dayfirst: bool | None
    signature: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]


def _spec_from_mapping(data: Mapping[str, Any], origin: str) -> SourceSpec:
    try:
        cols = data["columns"]
        if not isinstance(cols, Mapping) or not cols:
            raise KeyError("columns")
    except (KeyError, TypeError):
        raise SchemaError(f"mapping {origin} has no [columns] table",
                          fix="write 'columns: {canonical_name: source header}' (see docs/import.md)",
                          hint="映射文件缺少 columns 部分") from None
    columns: dict[str, tuple[str, ...]] = {}
    for target, headers in cols.items():
        if target not in BY_NAME and target not in VIRTUAL_FIELDS:
            known = sorted([*BY_NAME, *VIRTUAL_FIELDS])
            raise SchemaError(f"mapping {origin} names unknown field {target!r}",
                              fix=f"use canonical names from docs/schema.md ({', '.join(known[:8])}, ...)",
                              hint="映射文件中的字段名不是标准字段名")
        columns[target] = (headers,) if isinstance(headers, str) else tuple(str(h) for h in headers)
    sep = data.get("separator", ";")
    return SourceSpec(
        name=str(data.get("name", Path(origin).stem)),
        label=str(data.get("label", "user mapping")),
        separator=str(sep),
        empty=tuple(str(e) for e in data.get("empty", ["", "-"])),
        dayfirst=data.get("dayfirst"),
        signature=tuple(str(s) for s in data.get("signature", [h for hs in columns.values() for h in hs])),
        columns=columns,
    )


def _builtin_specs() -> dict[str, SourceSpec]:
    specs = {}
    for path in sorted(SOURCES_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            specs[path.stem] = _spec_from_mapping(tomllib.load(fh), path.name)
    return specs


def source_names() -> list[str]:
    """Sources that ``read_patents`` recognises (plus ``canonical``).

    >>> source_names()
    ['canonical', 'espacenet', 'incopat', 'lens', 'patentscope', 'patsnap', 'wipo_landscape']
    """
    return sorted(["canonical", *_builtin_specs()])


def load_mapping(path: str | Path) -> SourceSpec:
    """Read a user mapping file (YAML or TOML) into a source spec."""
    p = Path(path)
    if not p.is_file():
        raise InputFileError(f"mapping file {str(p)!r} not found", fix="check the path", hint="找不到映射文件")
    try:
        if p.suffix.lower() == ".toml":
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        elif p.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        else:
            raise InputFileError(f"mapping file {p.name} must be .yaml, .yml or .toml",
                                 fix="save the mapping as YAML or TOML", hint="映射文件需为 YAML 或 TOML")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as exc:
        raise SchemaError(f"mapping file {p.name} is not valid: {str(exc).splitlines()[0]}",
                          fix="check its syntax (see docs/import.md for an example)",
                          hint="映射文件格式错误") from None
    except ImportError:  # pragma: no cover
        raise
    except Exception as exc:  # yaml.YAMLError and friends
        if exc.__class__.__module__.startswith("yaml"):
            raise SchemaError(f"mapping file {p.name} is not valid YAML: {str(exc).splitlines()[0]}",
                              fix="check its syntax (see docs/import.md for an example)",
                              hint="映射文件格式错误") from None
        raise
    if not isinstance(data, Mapping):
        raise SchemaError(f"mapping file {p.name} is not a table of settings",
                          fix="see docs/import.md for an example", hint="映射文件格式错误")
    return _spec_from_mapping(data, p.name)


# --------------------------------------------------------------------------- decoding
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _gb_plausible(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only when the CJK characters it
    yields are common ones (GB2312), as real Chinese text is, and not the rare ones that
    latin-1 bytes turn into."""
    cjk = _CJK.findall(text[:200_000])
    if not cjk:
        return False
    common = sum(1 for ch in cjk if _in_gb2312(ch))
    return common / len(cjk) >= 0.9


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode export bytes; return (text, encoding name). UTF-8 (with or without BOM),
    UTF-16 with BOM, GB18030/GBK (when its CJK is plausible), else cp1252/latin-1; a file
    mixing UTF-8 and latin-1 lines is decoded line by line."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
        if _gb_plausible(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    lines = raw.splitlines(keepends=True)
    utf8_lines = 0
    out = []
    for line in lines:  # only for files that are neither UTF-8 nor GB18030
        try:
            out.append(line.decode("utf-8"))
            if any(b > 0x7F for b in line):
                utf8_lines += 1
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="strict") if _cp1252_ok(line) else line.decode("latin-1"))
    return "".join(out), ("mixed utf-8/cp1252" if utf8_lines else "cp1252")


def _cp1252_ok(line: bytes) -> bool:
    try:
        line.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


# --------------------------------------------------------------------------- raw table
def _file_kind(raw: bytes, path: Path) -> str:
    if not raw.strip():
        raise InputFileError(f"{path.name} is empty", fix="export the search results again",
                             hint="文件是空的")
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    head = raw[:4096]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputFileError(f"{path.name} is a binary file, not a table",
                             fix="export the results as CSV or Excel (.csv, .xls, .xlsx)",
                             hint="这不是表格文件，请导出为 CSV 或 Excel")
    if head.lstrip().lower().startswith((b"%pdf", b"<!doctype html", b"<html")):
        raise InputFileError(f"{path.name} is not a table (PDF or HTML)",
                             fix="export the results as CSV or Excel", hint="这不是表格文件")
    return "csv"


def _header_score(cells: list[str], known: set[str]) -> int:
    return sum(1 for c in cells if c and header_key(c) in known)


def _known_headers(specs: Mapping[str, SourceSpec]) -> set[str]:
    known = {header_key(h) for s in specs.values() for hs in s.columns.values() for h in hs}
    known |= {header_key(h) for s in specs.values() for h in s.signature}
    known |= {header_key(n) for c in COLUMNS for n in (c.name, c.zh, *c.aliases)}
    return known


def _find_header(rows: list[list[str]], known: set[str]) -> int:
    scores = [_header_score(r, known) for r in rows[:_HEADER_SCAN_ROWS]]
    if not scores or max(scores) == 0:
        return 0
    return int(np.argmax(scores))


def _dedupe_headers(headers: list[str]) -> tuple[list[str], list[str]]:
    seen: dict[str, int] = {}
    out, dups = [], []
    for h in headers:
        h = str(h).strip() if h is not None and str(h) != "nan" else ""
        h = h or "unnamed"
        if h in seen:
            seen[h] += 1
            dups.append(h)
            out.append(f"{h} ({seen[h]})")
        else:
            seen[h] = 1
            out.append(h)
    return out, sorted(set(dups))


def read_table(path: str | Path, report: ImportReport | None = None,
               specs: Mapping[str, SourceSpec] | None = None) -> pd.DataFrame:
    """Read a CSV/TSV/XLS/XLSX export as strings, header row found below title rows.

    All cells are strings (``None`` where empty); duplicated headers get a numbered
    suffix; rows whose field count does not fit are dropped and counted in ``report``.
    """
    p = Path(path)
    report = report or ImportReport(path=str(p))
    if not p.is_file():
        raise InputFileError(f"file {str(p)!r} not found", fix="check the path and file name",
                             hint="找不到文件，请检查路径")
    raw = p.read_bytes()
    kind = _file_kind(raw, p)
    report.file_kind = kind
    known = _known_headers(specs if specs is not None else _builtin_specs())
    if kind in ("xlsx", "xls"):
        report.encoding = "binary (Excel)"
        try:
            grid = pd.read_excel(io.BytesIO(raw), header=None, dtype=str, engine="calamine")
        except Exception as exc:  # calamine raises its own error types
            raise InputFileError(f"cannot read {p.name} as Excel: {str(exc).splitlines()[0][:120]}",
                                 fix="open it in Excel and save it again as .xlsx, or export as CSV",
                                 hint="Excel 文件无法读取，可能已损坏") from None
        grid = grid.dropna(how="all")
        rows = grid.head(_HEADER_SCAN_ROWS).fillna("").astype(str).to_numpy().tolist()
        h = _find_header(rows, known)
        report.header_row = int(grid.index[h]) if len(grid) else 0
        report.title_rows = [" ".join(x for x in r if x).strip() for r in rows[:h]]
        headers, dups = _dedupe_headers(grid.iloc[h].tolist() if len(grid) else [])
        table = grid.iloc[h + 1:].copy()
        table.columns = headers
        table = table.loc[:, [c != "unnamed" or table[c].notna().any() for c in table.columns]]
        report.duplicated_headers = dups
        table = table.reset_index(drop=True)
        report.rows_read = len(table)
        return table.astype(object).where(table.notna(), None)
    text, encoding = decode_bytes(raw)
    report.encoding = encoding
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head_lines = text.split("\n", _HEADER_SCAN_ROWS + 1)[:_HEADER_SCAN_ROWS]
    delimiter = _sniff_delimiter(head_lines)
    rows = list(csv.reader(head_lines, delimiter=delimiter))
    h = _find_header(rows, known)
    report.header_row = h
    report.title_rows = [delimiter.join(r).strip(delimiter + " ") for r in rows[:h]]
    body = text.split("\n", h)[h] if h else text
    table, bad = _parse_csv(body, delimiter)
    headers, dups = _dedupe_headers(list(table.columns))
    table.columns = headers
    report.duplicated_headers = dups
    report.rows_read = len(table) + len(bad)
    if bad:
        report.dropped["malformed line (wrong number of fields)"] = len(bad)
        report.bad_lines = bad[:5]
    return table


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the sample lines into the most *consistent* number of
    fields (then the most fields): a list separator such as ';' inside cells gives
    varying counts, the real delimiter a steady one."""
    sample = [ln for ln in lines if ln.strip()][:20]
    best, best_score = ",", (-1.0, 0)
    for d in (",", "\t", ";", "|"):
        counts = [len(next(csv.reader([ln], delimiter=d))) for ln in sample]
        if not counts:
            continue
        values, freq = np.unique(counts, return_counts=True)
        mode = int(values[np.argmax(freq)])
        if mode < 2:
            continue
        score = (float(freq.max()) / len(counts), mode)
        if score > best_score:
            best, best_score = d, score
    return best


def _parse_csv(body: str, delimiter: str) -> tuple[pd.DataFrame, list[str]]:
    import pyarrow as pa
    from pyarrow import csv as pacsv

    bad: list[str] = []

    def on_bad(row: Any) -> str:
        bad.append(f"line {row.number}: {row.text}" if row.number is not None else str(row.text))
        return "skip"

    first_line = body.split("\n", 1)[0]
    headers = next(csv.reader([first_line], delimiter=delimiter), [])
    names = [f"c{i}" for i in range(len(headers))]
    try:
        tbl = pacsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                             invalid_row_handler=on_bad),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False),
        )
    except pa.ArrowInvalid as exc:
        raise InputFileError(f"cannot parse the table: {str(exc).splitlines()[0][:160]}",
                             fix="check that the file is a complete CSV export (quotes balanced)",
                             hint="表格无法解析，请检查文件是否完整") from None
    # arrow-backed strings: a million-row export stays in compact arrow buffers
    df = tbl.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    df.columns = headers
    return df, bad


# --------------------------------------------------------------------------- detection
def _match_columns(table_cols: list[str], spec: SourceSpec) -> dict[str, str]:
    by_key: dict[str, str] = {}
    for c in table_cols:
        by_key.setdefault(header_key(c), c)
    mapped = {}
    for target, candidates in spec.columns.items():
        for cand in candidates:
            if header_key(cand) in by_key:
                mapped[target] = by_key[header_key(cand)]
                break
    return mapped


def _signature_score(table_cols: list[str], spec: SourceSpec) -> float:
    keys = {header_key(c) for c in table_cols}
    sig = [header_key(s) for s in spec.signature]
    return sum(k in keys for k in sig) / max(len(sig), 1)


def _canonical_spec() -> SourceSpec:
    columns = {c.name: (c.name, c.zh, *c.aliases) for c in COLUMNS}
    return SourceSpec("canonical", "canonical navtrain table (docs/schema.md)", ";", ("", "-"), None,
                      tuple(c.name for c in COLUMNS), columns)


def detect_source(columns: list[str], specs: Mapping[str, SourceSpec] | None = None) -> tuple[str, float]:
    """Best-matching source for a list of headers and its score (share of the source's
    signature headers present).

    >>> detect_source(["#", "Jurisdiction", "Kind", "Publication Number", "IPCR Classifications"])[0]
    'lens'
    """
    specs = dict(specs if specs is not None else _builtin_specs())
    scores = {name: _signature_score(columns, spec) for name, spec in specs.items()}
    canon = _canonical_spec()
    keys = {header_key(c) for c in columns}
    scores["canonical"] = sum(header_key(c.name) in keys for c in COLUMNS) / 6  # 6 canonical names is enough
    name = max(scores, key=lambda k: scores[k])
    del canon
    return name, scores[name]


# --------------------------------------------------------------------------- normalising
def _clean_text(s: pd.Series, empty: tuple[str, ...]) -> pd.Series:
    t = s.astype("string").str.strip()
    t = t.mask(t.isin(list(empty)) | t.isna())
    return t


def _split_lists(s: pd.Series, sep: str, empty: tuple[str, ...],
                 normalize: Callable[[pd.Series], pd.Series] | None = None) -> pd.Series:
    """Split multi-valued cells into lists of clean strings (vectorised with pyarrow).

    Values are stripped, empty markers dropped, and, with ``normalize`` (a function from a
    Series of values to a Series of normalized values, NaN = keep the raw value), each value
    is normalized and repeats within a cell are dropped. NA cells become empty lists.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    seps = "|".join(re.escape(x) for x in _separators(sep))
    t = _clean_text(s, empty)
    arr = pa.array(t.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    lists = pc.split_pattern_regex(arr, r"\s*(?:" + seps + r")\s*")
    parent = pc.list_parent_indices(lists).to_numpy()
    flat = pd.Series(pc.utf8_trim_whitespace(pc.list_flatten(lists)).to_numpy(zero_copy_only=False))
    if normalize is not None and len(flat):
        normed = normalize(flat)
        flat = normed.where(normed.notna(), flat)
    keep = flat.notna() & (flat != "") & ~flat.isin(list(empty))
    if normalize is not None:
        keep &= ~pd.DataFrame({"p": parent, "v": flat}).duplicated().to_numpy()
    keep_arr = keep.to_numpy()
    counts = np.bincount(parent[keep_arr], minlength=len(s)) if len(parent) else np.zeros(len(s), dtype=int)
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))
    values = pa.array(flat[keep_arr].to_numpy(dtype=object), type=pa.string())
    rebuilt = pa.ListArray.from_arrays(offsets, values).to_pylist()
    return pd.Series(rebuilt, index=s.index, dtype=object)


def _separators(sep: str) -> list[str]:
    if sep == "\n":
        return ["\n"]
    if sep.strip() == "|":
        return ["|"]
    return [sep.strip() or sep]


_COUNTRY_NAMES = {
    "china": "CN", "canada": "CA", "united states": "US", "united states of america": "US", "usa": "US",
    "japan": "JP", "korea": "KR", "republic of korea": "KR", "germany": "DE", "france": "FR",
    "united kingdom": "GB", "australia": "AU", "european patent office": "EP", "wipo": "WO",
    "india": "IN", "italy": "IT", "spain": "ES", "switzerland": "CH", "netherlands": "NL",
    "sweden": "SE", "brazil": "BR", "mexico": "MX", "russian federation": "RU", "russia": "RU",
    "israel": "IL", "taiwan": "TW", "hong kong": "HK", "austria": "AT", "belgium": "BE",
    "denmark": "DK", "finland": "FI", "norway": "NO", "singapore": "SG", "south africa": "ZA",
    "new zealand": "NZ", "argentina": "AR", "portugal": "PT", "poland": "PL", "ireland": "IE",
    "中国": "CN", "美国": "US", "日本": "JP", "韩国": "KR", "德国": "DE", "法国": "FR", "英国": "GB",
    "欧洲专利局": "EP", "世界知识产权组织": "WO", "澳大利亚": "AU", "加拿大": "CA", "俄罗斯": "RU",
    "印度": "IN", "中国台湾": "TW", "中国香港": "HK", "波兰": "PL", "意大利": "IT", "西班牙": "ES",
}


def _country_code(s: pd.Series) -> pd.Series:
    t = s.astype("string").str.strip()
    upper = t.str.upper()
    is_code = upper.str.fullmatch(r"[A-Z]{2}").fillna(False)
    named = t.str.lower().map(_COUNTRY_NAMES)
    return upper.where(is_code, named).astype(object).where(lambda x: x.notna(), None)


def _normalize(table: pd.DataFrame, spec: SourceSpec, mapped: dict[str, str], report: ImportReport,
               harmonize: bool) -> pd.DataFrame:
    from navtrain import normalize as nz
    from navtrain.basis import filing_year

    n = len(table)
    out = pd.DataFrame(index=table.index)
    src = {t: table[c] for t, c in mapped.items()}

    def text(field_: str) -> pd.Series | None:
        return _clean_text(src[field_], spec.empty) if field_ in src else None

    def count_unparsed(name: str, before: pd.Series | None, after: pd.Series) -> None:
        if before is None:
            return
        bad = int((before.notna() & after.isna()).sum())
        if bad:
            report.unparsed[name] = bad

    # identity
    pub_raw = text("pub_no")
    if pub_raw is not None:
        parts = nz.split_number(pub_raw)
        out["pub_no"] = _join_number(parts, pub_raw)
        out["office"] = parts["office"]
        out["kind"] = parts["kind"]
    for f in ("office", "kind"):
        t = text(f)
        if t is not None:
            out[f] = _country_code(t) if f == "office" else t.str.upper()
    app_raw = text("app_no")
    if app_raw is not None:
        out["app_no"] = app_raw
    # dates
    for f in sorted(_DATE_FIELDS):
        t = text(f)
        if t is not None:
            parsed = nz.parse_dates(t, dayfirst=spec.dayfirst)
            out[f] = parsed
            count_unparsed(f, t, parsed)
    if "priority_raw" in src:
        pr = nz.parse_priority(text("priority_raw"))
        if "priority_date" not in out or out["priority_date"].isna().all():
            out["priority_date"] = pr["priority_date"]
        elif "priority_date" in out:
            out["priority_date"] = out["priority_date"].fillna(pr["priority_date"])
        out["priority_country"] = pr["priority_country"]
    if "priority_country" in src:
        out["priority_country"] = _country_code(text("priority_country"))
    if "priority_date" in out and "app_date" in out:
        out["priority_date"] = out["priority_date"].fillna(out["app_date"])
    elif "app_date" in out:
        out["priority_date"] = out["app_date"]
        report.notes.append("no priority field: earliest priority date taken as the filing date")
    # text and counts
    for f in ("title", "abstract", "applicant_address"):
        t = text(f)
        if t is not None:
            out[f] = t
    if "address" in src:
        out["applicant_address"] = text("address")
    for f in sorted(_INT_FIELDS - {"source_row"}):
        t = text(f)
        if t is not None:
            num = pd.to_numeric(t.str.replace(",", "", regex=False), errors="coerce")
            out[f] = num.round().astype("Int64")
            count_unparsed(f, t, num)
    # lists
    for f in sorted(_LIST_FIELDS):
        if f in src:
            out[f] = _split_lists(src[f], spec.separator, spec.empty,
                                  normalize=_ipc_group if f == "ipc" else None)
    if "ipc_main" in src:
        out["ipc_main"] = nz.parse_ipc(text("ipc_main"))["group"]
    elif "ipc" in out:
        out["ipc_main"] = out["ipc"].str[0]
    # patent type (a canonical `patent_type` column is a label too)
    label = text("type_label")
    if label is None:
        label = text("patent_type")
    if label is not None or "kind" in out or "app_no" in out:
        out["patent_type"] = nz.patent_type(kind=out.get("kind"), office=out.get("office"), label=label,
                                            app_no=out.get("app_no"))
    # legal status
    if "status_raw" in src:
        st = nz.legal_status(text("status_raw"))
        out["legal_status"] = st["legal_status"]
        out["legal_events"] = _split_lists(src["status_raw"], spec.separator, spec.empty)
    elif "legal_status" in src:
        out["legal_status"] = nz.legal_status(text("legal_status"))["legal_status"]
    # parties
    if "applicants" not in out and "applicants_std" in out:
        out["applicants"] = out["applicants_std"]
    if "applicants" in out:
        first = out["applicants"].str[0]
        out["applicant_type"] = nz.applicant_type(first)
    if "applicant_address" in out or "region_code" in src:
        reg = None
        if "applicant_address" in out:
            reg = nz.region_from_address(out["applicant_address"])
        if "region_code" in src:
            by_code = nz.region_from_code(text("region_code"))
            reg = by_code if reg is None else reg.fillna(by_code) if hasattr(reg, "fillna") else by_code
        if reg is not None:
            for col in ("province", "city", "province_code", "city_code"):
                if col in reg:
                    out[col] = reg[col]
    # remaining canonical text fields, as stated by the source
    for f in mapped:
        if f in BY_NAME and f not in out.columns and BY_NAME[f].kind in ("str", "category"):
            out[f] = text(f)
    if harmonize and "applicants" in out and "applicants_std" not in out:
        from navtrain.names import harmonize as harmonize_applicants

        out = harmonize_applicants(out, col="applicants", out="applicants_std")
    # years: stated values win (the basis rule, navtrain.basis.filing_year), disagreements counted
    for basis, year_col, date_col in (("application", "app_year", "app_date"), ("publication", "pub_year", "pub_date"),
                                      ("priority", "priority_year", "priority_date")):
        if date_col in out:
            if year_col in out:
                derived = out[date_col].dt.year.astype("Int64")
                both = out[year_col].notna() & derived.notna()
                diff = int((out[year_col][both] != derived[both]).sum())
                if diff:
                    report.disagreements[f"{year_col} vs {date_col}"] = diff
            out[year_col] = filing_year(out, basis)
    if "patent_type" in out and label is not None and "kind" in out:
        conflicts = nz.patent_type_conflicts(kind=out.get("kind"), office=out.get("office"), label=label,
                                             app_no=out.get("app_no"))
        k = int(conflicts.sum())
        if k:
            report.disagreements["patent_type label vs kind/number"] = k
    assert len(out) == n
    return out


def _join_number(parts: pd.DataFrame, raw: pd.Series) -> pd.Series:
    joined = parts["office"].astype("string") + parts["serial"].astype("string") + \
        parts["kind"].astype("string").fillna("")
    return joined.where(parts["office"].notna() & parts["serial"].notna(), raw.str.replace(" ", "", regex=False))


def _ipc_group(values: pd.Series) -> pd.Series:
    from navtrain.normalize import parse_ipc

    return parse_ipc(values)["group"]


# --------------------------------------------------------------------------- public API
def read_patents(path: str | Path | pd.DataFrame, source: str = "auto",
                 mapping: str | Path | Mapping[str, Any] | None = None,
                 dedupe: bool = True, harmonize: bool = True) -> pd.DataFrame:
    """Read a database export (a file, or a DataFrame of its cells) into the canonical
    patent table (a new DataFrame).

    ``source``: ``"auto"`` (detect from the headers) or one of :func:`source_names`.
    ``mapping``: a YAML/TOML file or a dict ``{"columns": {canonical: header}, "separator": ";"}``
    for any other table. ``dedupe`` drops repeated documents (same publication number),
    counting them in the report. ``harmonize`` fills ``applicants_std`` by name
    harmonization (:func:`navtrain.names.harmonize`) when the source does not provide
    standardized names.

    The report is in ``table.attrs["import_report"]`` (see :class:`ImportReport`).

    >>> from navtrain.datasets import dataset_path
    >>> t = read_patents(dataset_path("sample"))
    >>> t.attrs["import_report"].source, len(t)
    ('canonical', 21)
    """
    if isinstance(path, pd.DataFrame):
        p = Path("<DataFrame>")
        report = ImportReport(path="<DataFrame>", file_kind="DataFrame", encoding="(in memory)")
    else:
        p = Path(path)
        report = ImportReport(path=str(p))
    specs = _builtin_specs()
    if mapping is not None:
        spec = load_mapping(mapping) if not isinstance(mapping, Mapping) else _spec_from_mapping(mapping, "mapping")
        specs_for_header = {**specs, spec.name: spec}
    else:
        spec = None
        specs_for_header = specs
    if isinstance(path, pd.DataFrame):
        table = path.astype("string").astype(object)
        table = table.where(table.notna(), None)
        table.columns, report.duplicated_headers = _dedupe_headers([str(c) for c in path.columns])
        report.rows_read = len(table)
    else:
        table = read_table(p, report, specs_for_header)
    if table.empty and not len(table.columns):
        raise InputFileError(f"{p.name} has no table", fix="export the search results again",
                             hint="文件中没有表格")
    cols = list(table.columns)
    if spec is None:
        if source == "auto":
            name, score = detect_source(cols, specs)
            if score < 0.34:
                closest = name
                raise UnknownNameError(
                    f"unrecognised headers in {p.name}: found {', '.join(cols[:12])}"
                    + (" ..." if len(cols) > 12 else "")
                    + f"; closest known source: {closest} ({score:.0%} of its headers)",
                    fix="pass source=... or a mapping file (--mapping) naming the columns; see docs/import.md",
                    hint="无法识别表头，请指定数据源或提供列映射文件",
                )
        else:
            name = source
            if name != "canonical" and name not in specs:
                raise UnknownNameError(f"unknown source {source!r}", fix=f"use one of: {', '.join(source_names())}",
                                       hint="数据源名称不存在")
        spec = _canonical_spec() if name == "canonical" else specs[name]
    report.source, report.source_label = spec.name, spec.label
    mapped = _match_columns(cols, spec)
    if "pub_no" not in mapped and "app_no" not in mapped:
        raise SchemaError(
            f"{p.name}: no publication or application number column among {', '.join(cols[:12])}",
            fix="map one with a mapping file (columns: {pub_no: <your header>})",
            hint="找不到公开号或申请号列，无法识别文献")
    report.mapped = {t: c for t, c in mapped.items()}
    out = _normalize(table, spec, mapped, report, harmonize)
    # rows with no identity at all
    ident = out["pub_no"] if "pub_no" in out else out["app_no"]
    no_id = ident.isna()
    if no_id.any():
        report.dropped["no publication or application number"] = int(no_id.sum())
    out["source"] = spec.name
    out["source_row"] = pd.array(np.arange(1, len(out) + 1), dtype="Int64")
    used = set(mapped.values())
    raw_cols = [c for c in cols if c not in used]
    for c in raw_cols:
        out[f"raw_{c}"] = table[c].to_numpy(dtype=object, na_value=None)
    report.raw_columns = raw_cols
    out = out[~no_id.to_numpy()]
    if dedupe and "pub_no" in out:
        dup = out["pub_no"].duplicated(keep="first")
        if dup.any():
            report.dropped["repeated document (same publication number)"] = int(dup.sum())
            out = out[~dup.to_numpy()]
    canon_order = [c.name for c in COLUMNS if c.name in out.columns]
    out = out[canon_order + [c for c in out.columns if c not in canon_order]].reset_index(drop=True)
    report.rows_kept = len(out)
    report.lacking = [c.name for c in COLUMNS if c.name not in out.columns]
    out.attrs["import_report"] = report
    if report.dropped:
        warnings.warn(f"read_patents: {sum(report.dropped.values())} row(s) dropped: "
                      + "; ".join(f"{v} {k}" for k, v in report.dropped.items()), _import_warning(), stacklevel=2)
    return out


def _import_warning() -> type[Warning]:
    from navtrain.errors import NavtrainWarning

    return NavtrainWarning


def family_view(df: pd.DataFrame, date: str = "application") -> pd.DataFrame:
    """One row per family (项): its earliest member, with ``family_members`` (publication
    numbers, the earliest member first, then the others by date), ``offices`` (distinct
    offices, in the same order) and ``family_size_in_data`` (members in this table).

    The family is :func:`navtrain.basis.family_key` (``family_id``; a row without one is its
    own family) and the earliest member the one every count uses
    (:func:`navtrain.basis.earliest_members`: earliest on the date basis ``date``, ties by
    filing, priority, then publication date, then table order), so a family-level table and
    ``unit="families"`` counts always pick the same document. Rows come earliest family first.
    A new table; ``attrs`` carry the unit (项) and the date basis.

    Source: OECD *Patent Statistics Manual* (2009), ch. 4 (families and their earliest member).

    >>> from navtrain import load_sample
    >>> fam = family_view(load_sample())
    >>> len(fam), fam.loc[fam["family_id"] == "F0006", "offices"].item()
    (19, ['CN', 'US'])
    >>> fam.loc[fam["family_id"] == "F0011", "family_members"].item(), fam.attrs["unit_zh"]
    (['CN111500001B', 'WO2021200001A1'], '项')
    """
    from navtrain.basis import date_basis, earliest_members, family_key, unit_attrs
    from navtrain.schema import check_columns

    check_columns(df, ["pub_no"], "family_view")
    basis = date_basis(date)
    t = df.reset_index(drop=True)
    t["family_id"] = family_key(t)
    n = len(t)
    first = earliest_members(t, t["family_id"], basis)
    is_first = np.zeros(n, dtype=bool)
    is_first[first] = True
    rank = _date_rank(t, basis)  # the order earliest_members uses, as a full ranking
    codes = pd.factorize(t["family_id"])[0]
    family_rank = np.zeros(codes.max(initial=-1) + 1, dtype="int64")
    family_rank[codes[first]] = rank[first]
    order = np.lexsort((rank, ~is_first, family_rank[codes]))
    t = t.iloc[order]
    groups = t.assign(pub_no=t["pub_no"].astype(object)).groupby("family_id", sort=False)
    members = groups["pub_no"].agg(list)
    offices = (groups["office"].agg(lambda s: list(dict.fromkeys(s.dropna().astype(object))))
               if "office" in t else None)  # one call per family
    out = t[is_first[order]].set_index("family_id")
    out["family_members"] = members
    if offices is not None:
        out["offices"] = offices
    out["family_size_in_data"] = groups.size()
    out = out.reset_index()
    out.attrs = {**dict(df.attrs), **unit_attrs("families"), "date": basis}
    return out


def _date_rank(t: pd.DataFrame, basis: str) -> np.ndarray:
    """Rank of each row (0 = earliest) on the date basis, ties by filing, priority and
    publication date, then position: the ordering of :func:`navtrain.basis.earliest_members`
    (whose first row per family is the representative), used here only to list members."""
    from navtrain.basis import DATE_BASES, filing_year

    def key(col: str) -> np.ndarray | None:
        if col not in t or not pd.api.types.is_datetime64_any_dtype(t[col]):
            return None
        v = t[col].to_numpy(dtype="datetime64[ns]").view("int64").copy()
        v[t[col].isna().to_numpy()] = np.iinfo("int64").max
        return v

    primary = DATE_BASES[basis][0]
    keys = [k for k in (np.arange(len(t)), key("pub_date"), key("priority_date"), key("app_date")) if k is not None]
    if primary not in t:
        keys.append(filing_year(t, basis).fillna(np.iinfo("int32").max).to_numpy(dtype="int64"))
    if (k := key(primary)) is not None:
        keys.append(k)
    rank = np.empty(len(t), dtype="int64")
    rank[np.lexsort(keys)] = np.arange(len(t))
    return rank


def write_table(df: pd.DataFrame, out: str | Path) -> Path:
    """Write a canonical table to .parquet, .csv (lists joined with ';') or .xlsx.

    The CSV and Excel forms read back with :func:`read_patents` (source ``canonical``).

    >>> import tempfile, pathlib
    >>> from navtrain import load_sample
    >>> out = write_table(load_sample(), pathlib.Path(tempfile.mkdtemp()) / "sample.csv")
    >>> out.read_text(encoding="utf-8-sig").splitlines()[9].split(",")[15]
    '豫东微粉科技有限公司;中岳理工大学'
    """
    out = Path(out)
    suffix = out.suffix.lower()
    table = df.copy()
    table.attrs = {}
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        table.to_parquet(out, index=False)
        return out
    for c in table.columns:
        first = table[c].dropna()
        if table[c].dtype == object and len(first) and isinstance(first.iloc[0], list | tuple):
            table[c] = table[c].str.join(";")
    if suffix == ".csv":
        table.to_csv(out, index=False, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        table.to_excel(out, index=False)
    else:
        raise InputFileError(f"cannot write {out.name}: unknown type {suffix or '(none)'}",
                             fix="use an output name ending in .parquet, .csv or .xlsx",
                             hint="输出文件需为 parquet、csv 或 xlsx")
    return out

