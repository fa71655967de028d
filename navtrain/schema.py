"""The canonical patent table: one row per published document.

Every reader (bundled datasets now, database exports later) produces this table and
every method reads it, so a lesson written on a bundled dataset also runs on a
trainee's own export. ``docs/schema.md`` is the human-readable version of
:data:`COLUMNS`; a test keeps the two in step.

Column kinds:

``str``      text (pandas ``string`` dtype or object of str)
``date``     ``datetime64`` (day precision; missing = ``NaT``)
``int``      integer counts (nullable ``Int64`` allowed)
``float``    real numbers
``list``     multi-valued field: each cell a list of strings (empty list when none)
``category`` text restricted to listed values
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from navtrain.basis import DATE_BASES, filing_year
from navtrain.errors import SchemaError

__all__ = [
    "COLUMNS",
    "Column",
    "as_lists",
    "check_columns",
    "header_key",
    "standardize_columns",
    "to_patent_table",
    "validate_patents",
]


@dataclass(frozen=True)
class Column:
    """One column of the canonical table."""

    name: str
    kind: str
    zh: str
    meaning: str
    values: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=())


PATENT_TYPES = ("invention", "utility_model", "design")
LEGAL_STATUSES = ("valid", "pending", "lapsed")
APPLICANT_TYPES = ("enterprise", "university", "institute", "individual", "government_other")

COLUMNS: tuple[Column, ...] = (
    # identity
    Column("pub_no", "str", "公开(公告)号", "Publication number with office and kind code",
           aliases=("公开（公告）号", "公开号", "公告号", "publication number", "publication_number",
                    "display key", "lens id")),
    Column("app_no", "str", "申请号", "Application number as the office writes it",
           aliases=("application number", "application_number")),
    Column("office", "str", "受理局", "Two-letter office code: CN, US, EP, WO, ...",
           aliases=("jurisdiction", "country", "受理局代码", "publication office")),
    Column("kind", "str", "文献类型代码", "Kind code: A, B, U, S, A1, B2, ...",
           aliases=("kind code", "kind_code")),
    Column("patent_type", "category", "专利类型", "invention / utility_model / design",
           values=PATENT_TYPES, aliases=("type", "document type")),
    Column("family_id", "str", "同族ID", "Simple-family identifier shared by family members",
           aliases=("family id", "simple family id", "简单同族id", "同族号")),
    Column("family_size", "int", "同族数量", "Number of documents in the simple family",
           aliases=("family size", "简单同族专利申请数量", "同族专利数量")),
    # dates
    Column("app_date", "date", "申请日", "Filing date of the application",
           aliases=("application date", "filing date", "申请日期")),
    Column("pub_date", "date", "公开(公告)日", "Publication date of this document",
           aliases=("公开（公告）日", "公开日", "publication date")),
    Column("grant_date", "date", "授权公告日", "Date the grant was published",
           aliases=("授权日", "grant date")),
    Column("priority_date", "date", "最早优先权日", "Earliest priority date (the filing date when none)",
           aliases=("优先权日", "earliest priority date", "priority date")),
    Column("priority_country", "str", "优先权国家", "Office of the earliest priority filing",
           aliases=("优先权国家/地区", "priority country")),
    Column("app_year", "int", "申请年", "Filing year as the source states it (else derived)",
           aliases=("申请年份", "application year")),
    Column("pub_year", "int", "公开年", "Publication year as the source states it (else derived)",
           aliases=("公开年份", "publication year")),
    Column("priority_year", "int", "优先权年", "Earliest priority year as stated (else derived)",
           aliases=("优先权年份", "priority year")),
    # text
    Column("title", "str", "标题", "Title", aliases=("发明名称", "名称", "标题(中文)")),
    Column("abstract", "str", "摘要", "Abstract", aliases=("摘要(中文)",)),
    Column("claims_count", "int", "权利要求数量", "Number of claims",
           aliases=("权利要求数", "claims count", "number of claims")),
    # parties
    Column("applicants", "list", "申请人", "Applicants as written in the source (list)",
           aliases=("申请(专利权)人", "申请（专利权）人", "当前申请(专利权)人", "applicant",
                    "applicant(s)", "applicants name")),
    Column("inventors", "list", "发明人", "Inventors as written in the source (list)",
           aliases=("发明(设计)人", "发明（设计）人", "inventor", "inventor(s)")),
    Column("applicants_std", "list", "申请人(标准化)", "Harmonised applicant names (list)",
           aliases=("标准化申请人", "[标]当前申请(专利权)人", "applicants standardized")),
    Column("applicant_type", "category", "申请人类型", "Type of the first applicant",
           values=APPLICANT_TYPES, aliases=("applicant type",)),
    Column("applicant_address", "str", "申请人地址", "Address of the first applicant",
           aliases=("地址", "applicant address")),
    Column("province", "str", "省份", "Province of the first applicant (Chinese name)",
           aliases=("省", "申请人省份", "省市")),
    Column("city", "str", "城市", "Prefecture-level city of the first applicant",
           aliases=("地市", "申请人城市", "市")),
    Column("province_code", "str", "省级行政区划代码", "6-digit administrative code of the province",
           aliases=("省代码",)),
    Column("city_code", "str", "地级行政区划代码", "6-digit administrative code of the city",
           aliases=("市代码", "行政区划代码")),
    # classification
    Column("ipc", "list", "IPC分类号", "All IPC symbols (list), e.g. C30B29/04",
           aliases=("ipc分类号", "ipc classification", "classification ipc")),
    Column("ipc_main", "str", "IPC主分类号", "Main (first) IPC symbol",
           aliases=("ipc主分类", "main ipc")),
    Column("cpc", "list", "CPC分类号", "All CPC symbols (list)",
           aliases=("cpc classification", "classification cpc")),
    # legal
    Column("legal_status", "category", "法律状态", "valid / pending / lapsed, as of the data cut-off",
           values=LEGAL_STATUSES, aliases=("当前法律状态", "简单法律状态", "legal status")),
    Column("legal_events", "list", "法律事件", "Raw legal events in time order (list)",
           aliases=("法律状态/事件", "法律事件", "legal events")),
    Column("expiry_date", "date", "失效日/届满日", "Date protection ends or ended",
           aliases=("失效日", "届满日", "expiry date")),
    # impact
    Column("cited_by_count", "int", "被引用次数", "Forward citations as the source counts them",
           aliases=("被引用专利数量", "被引次数", "cited by patent count", "cited by count")),
    Column("cites", "list", "引用专利", "Documents this document cites (list)",
           aliases=("引用专利", "cited patents")),
    # provenance
    Column("source", "str", "数据来源", "Where the row came from: 'synthetic', 'lens', 'incopat', ...",
           aliases=("数据源",)),
    Column("source_row", "int", "来源行号", "Row number in the source file (1-based)",
           aliases=("序号", "row")),
)

BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
LIST_SEP = ";"


def header_key(text: str) -> str:
    """The comparison key of a column header: NFKC, lower case, no spaces, underscores or dashes.

    Two headers with the same key name the same column (full- and half-width brackets,
    ``App_Date`` / ``app date``): :func:`standardize_columns` and the importer
    (``navtrain.io``) match headers by it.

    >>> header_key("公开（公告）号") == header_key("公开(公告)号")
    True
    >>> header_key("App_Date")
    'appdate'
    """
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\s_\-]+", "", text)


_ALIAS_INDEX: dict[str, str] = {}
for _col in COLUMNS:
    for _name in (_col.name, _col.zh, *_col.aliases):
        _ALIAS_INDEX.setdefault(header_key(_name), _col.name)


def standardize_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose recognised headers are renamed to canonical names.

    Matching ignores case, spaces, underscores and full-/half-width differences, and
    knows the Chinese labels in ``docs/schema.md`` (申请日 → ``app_date``). Unknown
    columns are kept unchanged; a header that would duplicate an existing canonical
    column is left alone.

    >>> standardize_columns(pd.DataFrame({"申请日": ["2020-01-02"], "Title": ["x"]})).columns.tolist()
    ['app_date', 'title']
    """
    rename: dict[str, str] = {}
    taken = set(df.columns)
    for col in df.columns:
        target = _ALIAS_INDEX.get(header_key(col))
        if target and target != col and target not in taken and target not in rename.values():
            rename[col] = target
    return df.rename(columns=rename)


def check_columns(df: pd.DataFrame, needed: Iterable[str], purpose: str) -> None:
    """Raise :class:`SchemaError` naming every needed column that ``df`` lacks.

    >>> check_columns(pd.DataFrame({"app_date": []}), ["app_date", "pub_no"], "trend")
    Traceback (most recent call last):
    ...
    navtrain.errors.SchemaError: trend needs column 'pub_no' (公开(公告)号), which the table lacks; ...
    """
    missing = [c for c in needed if c not in df.columns]
    if missing:
        names = ", ".join(f"'{c}' ({BY_NAME[c].zh})" if c in BY_NAME else f"'{c}'" for c in missing)
        plural = "columns" if len(missing) > 1 else "column"
        raise SchemaError(
            f"{purpose} needs {plural} {names}, which the table lacks",
            fix="rename your headers (navtrain.standardize_columns does common ones) "
            "or load the data with navtrain.load_dataset / read_patents",
            hint="表中缺少所需的列，请检查列名（可用 standardize_columns 统一列名）",
        )


def _kind_ok(series: pd.Series, col: Column) -> bool:
    s = series.dropna()
    if col.kind == "date":
        return pd.api.types.is_datetime64_any_dtype(series) or s.empty
    if col.kind == "int":
        if pd.api.types.is_integer_dtype(series) or s.empty:
            return True
        return pd.api.types.is_float_dtype(series) and bool((s == s.round()).all())
    if col.kind == "float":
        return pd.api.types.is_numeric_dtype(series) or s.empty
    if col.kind == "list":
        return bool(s.map(lambda v: isinstance(v, list | tuple)).all())
    if col.kind in ("str", "category"):
        if not (pd.api.types.is_string_dtype(series) or isinstance(series.dtype, pd.CategoricalDtype)
                or series.dtype == object):
            return False
        ok = bool(s.map(lambda v: isinstance(v, str)).all())
        if ok and col.values:
            return bool(s.isin(col.values).all())
        return ok
    raise AssertionError(col.kind)  # pragma: no cover


_KIND_WORDS = {
    "date": "dates (datetime64)",
    "int": "whole numbers",
    "float": "numbers",
    "list": "lists of strings",
    "str": "text",
    "category": "one of",
}


def validate_patents(df: pd.DataFrame, required: Iterable[str] = ("pub_no",)) -> pd.DataFrame:
    """Check a table against the canonical schema and return it unchanged.

    Checks that every ``required`` column is present and that every canonical column
    present has the documented kind (``docs/schema.md``). All problems are reported in
    one :class:`SchemaError`, naming each column, so a trainee fixes them in one go.
    Extra (non-canonical) columns are allowed.

    >>> from navtrain import load_sample
    >>> validate_patents(load_sample()).shape
    (21, 36)
    >>> validate_patents(pd.DataFrame({"pub_no": ["CN1A"], "app_date": ["2020-01-01"]}))
    Traceback (most recent call last):
    ...
    navtrain.errors.SchemaError: ill-typed column 'app_date' (申请日): expected dates (datetime64), found str; ...
    """
    problems: list[str] = []
    missing = [c for c in required if c not in df.columns]
    if missing:
        problems.append("missing column " + ", ".join(
            f"'{c}' ({BY_NAME[c].zh})" if c in BY_NAME else f"'{c}'" for c in missing))
    for col in COLUMNS:
        if col.name not in df.columns:
            continue
        series = df[col.name]
        if isinstance(series, pd.DataFrame):
            problems.append(f"duplicated column '{col.name}'")
            continue
        if not _kind_ok(series, col):
            want = _KIND_WORDS[col.kind]
            if col.values:
                want += " " + "/".join(col.values)
            sample = series.dropna()
            found = type(sample.iloc[0]).__name__ if len(sample) else str(series.dtype)
            if col.values and len(sample):
                bad = sample[~sample.isin(col.values)]
                if len(bad):
                    found = f"{bad.iloc[0]!r}"
            problems.append(f"ill-typed column '{col.name}' ({col.zh}): expected {want}, found {found}")
    if problems:
        raise SchemaError(
            "; ".join(problems),
            fix="convert with navtrain.to_patent_table(df) or see docs/schema.md",
            hint="列缺失或类型不对：日期列需转换为日期，多值字段需为列表",
        )
    return df


def _split_list(value: object, sep: str) -> list[str]:
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v).strip() for v in value if str(v).strip()]
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [part.strip() for part in str(value).split(sep) if part.strip() and part.strip() != "-"]


def as_lists(cells: pd.Series, sep: str = LIST_SEP) -> pd.Series:
    """A multi-valued column as lists, the one rule every module uses: a list (or tuple,
    array) keeps its non-blank items; text is split on ``sep`` (``;``), blank parts and the
    export placeholder ``-`` dropped; a missing cell becomes ``[]``. New Series, same index.

    >>> as_lists(pd.Series([["甲", " "], "乙; 丙", "-", None])).tolist()
    [['甲'], ['乙', '丙'], [], []]
    """
    return pd.Series([_split_list(v, sep) for v in cells.to_numpy(dtype=object)], index=cells.index, dtype=object)


def to_patent_table(df: pd.DataFrame, list_sep: str = LIST_SEP) -> pd.DataFrame:
    """Return a new table coerced to the canonical schema (the input is not changed).

    Renames recognised headers (:func:`standardize_columns`), parses dates, splits
    multi-valued text on ``list_sep`` into lists, makes counts nullable integers and
    fills ``app_year``/``pub_year``/``priority_year`` from the dates where the source
    does not state them (:func:`navtrain.basis.filing_year`). Unparseable dates raise
    :class:`SchemaError` naming the column and the first bad value, so no row silently
    loses its date.

    >>> t = to_patent_table(pd.DataFrame({"公开号": ["CN1A"], "申请日": ["2020-03-01"],
    ...                                   "申请人": ["甲公司;乙大学"]}))
    >>> t.loc[0, "applicants"], int(t.loc[0, "app_year"])
    (['甲公司', '乙大学'], 2020)
    """
    out = standardize_columns(df.copy())
    for col in COLUMNS:
        if col.name not in out.columns:
            continue
        s = out[col.name]
        if col.kind == "date":
            parsed = pd.to_datetime(s, errors="coerce", format="mixed")
            bad = s.notna() & (s.astype("string").str.strip() != "") & parsed.isna()
            if bad.any():
                first = s[bad].iloc[0]
                raise SchemaError(
                    f"column '{col.name}' ({col.zh}) has {int(bad.sum())} value(s) that are not "
                    f"dates, first {first!r}",
                    fix="correct or blank those cells (dates like 2020-03-01)",
                    hint="日期格式无法识别，请修正或清空这些单元格",
                )
            out[col.name] = parsed.astype("datetime64[ns]")
        elif col.kind == "int":
            out[col.name] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif col.kind == "float":
            out[col.name] = pd.to_numeric(s, errors="coerce").astype("float64")
        elif col.kind == "list":
            out[col.name] = as_lists(s, list_sep)
        else:
            out[col.name] = s.astype("string").str.strip().replace({"": pd.NA, "-": pd.NA})
            out[col.name] = out[col.name].astype(object).where(out[col.name].notna(), None)
    for basis in ("application", "publication", "priority"):
        date_col, year_col, _, _ = DATE_BASES[basis]
        if date_col in out.columns:  # the stated year where the source states one, else the date's
            out[year_col] = filing_year(out, basis)
    return out


_GROUPS = (
    ("identity", "身份", ("pub_no", "app_no", "office", "kind", "patent_type", "family_id",
                          "family_size")),
    ("dates", "日期", ("app_date", "pub_date", "grant_date", "priority_date", "priority_country",
                       "app_year", "pub_year", "priority_year")),
    ("text", "文本", ("title", "abstract", "claims_count")),
    ("parties", "主体与地域", ("applicants", "inventors", "applicants_std", "applicant_type",
                               "applicant_address", "province", "city", "province_code",
                               "city_code")),
    ("classification", "分类", ("ipc", "ipc_main", "cpc")),
    ("legal", "法律", ("legal_status", "legal_events", "expiry_date")),
    ("impact", "影响力", ("cited_by_count", "cites")),
    ("provenance", "来源", ("source", "source_row")),
)


def schema_markdown() -> str:
    """The column tables of ``docs/schema.md`` (kept in step by a test).

    >>> "| `app_date` | date | 申请日 |" in schema_markdown()
    True
    """
    lines: list[str] = []
    for group, zh, names in _GROUPS:
        lines += [f"### {group} · {zh}", "", "| column | kind | 中文 | meaning |",
                  "|---|---|---|---|"]
        for name in names:
            col = BY_NAME[name]
            meaning = col.meaning + (f" ({' / '.join(col.values)})" if col.values and
                                     " / ".join(col.values) not in col.meaning else "")
            lines.append(f"| `{col.name}` | {col.kind} | {col.zh} | {meaning} |")
        lines.append("")
    assert sorted(n for _, _, ns in _GROUPS for n in ns) == sorted(BY_NAME)
    return "\n".join(lines).rstrip() + "\n"


def _sync_doc(path: str = "docs/schema.md") -> None:  # pragma: no cover - maintenance tool
    from pathlib import Path

    doc = Path(path)
    text = doc.read_text(encoding="utf-8")
    start, end = "<!-- BEGIN COLUMNS (generated by python -m navtrain.schema) -->", "<!-- END COLUMNS -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    doc.write_text(head + start + "\n" + schema_markdown() + end + tail, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    _sync_doc()
