"""Raw export layouts: the same documents as an incoPat/CNIPA-style or a PatSnap export
(Chinese headers, list separators, type and legal-event wording of each database).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from navtrain.errors import UnknownNameError

__all__ = ["EVENTS", "to_raw"]


# =========================================================================== raw export layouts
#: legal-event names: canonical (CNIPA wording) → incoPat-style → PatSnap-style
EVENTS = {
    "exam": ("实质审查", "实质审查", "实质审查"),
    "grant": ("授权", "授权", "授权"),
    "reject": ("驳回", "驳回", "驳回"),
    "withdraw": ("视为撤回", "撤回", "撤回-视为撤回"),
    "transfer": ("专利权转让", "权利转移", "权利转移"),
    "licence": ("专利实施许可", "许可", "许可"),
    "pledge": ("专利权质押", "质押", "质押"),
    "lapse": ("未缴年费专利权终止", "未缴年费", "未缴年费"),
    "expire": ("期限届满", "期限届满", "期限届满"),
}

_TYPE_LABELS = {"incopat": {("invention", False): "发明申请", ("invention", True): "发明授权",
                            ("utility_model", False): "实用新型", ("utility_model", True): "实用新型",
                            ("design", False): "外观设计", ("design", True): "外观设计"},
                "patsnap": {("invention", False): "发明申请", ("invention", True): "授权发明",
                            ("utility_model", False): "实用新型", ("utility_model", True): "实用新型",
                            ("design", False): "外观设计", ("design", True): "外观设计"}}
_OFFICE_ZH = {"CN": "中国", "US": "美国", "EP": "欧洲专利局", "WO": "世界知识产权组织", "JP": "日本", "KR": "韩国",
              "DE": "德国"}
_VALIDITY_ZH = {"valid": "有效", "pending": "审中", "lapsed": "失效"}


def _fmt_date(s: pd.Series, empty: str) -> pd.Series:
    return s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), empty)


def _lists(s: pd.Series, sep: str, empty: str, transform: Mapping[str, str] | None = None) -> pd.Series:
    def one(v: list[str]) -> str:
        vals = [transform.get(x, x) for x in v] if transform else list(v)
        return sep.join(vals) if vals else empty

    return s.map(one)  # list cells: one call per cell


def to_raw(df: pd.DataFrame, layout: str = "incopat") -> pd.DataFrame:
    """The same documents in the raw layout of a Chinese database export (a new DataFrame of text).

    ``layout``: ``'incopat'`` (incoPat / CNIPA-style Chinese headers, lists joined with
    ``'; '``, IPC written ``C30B 29/04``, 专利类型 发明申请/发明授权/实用新型/外观设计, 法律状态
    events such as 实质审查; 授权; 权利转移; 未缴年费) or ``'patsnap'`` (PatSnap 智慧芽 headers,
    lists joined with ``' | '``, ``-`` for empty, 受理局 in Chinese). Header names follow
    ``navtrain/data/sources/incopat.toml`` and ``patsnap.toml``, which ``navtrain.io.read_patents``
    reads back.

    >>> from navtrain.synth import generate
    >>> raw = to_raw(generate("superhard", scale=0.05).patents.head(3), "patsnap")
    >>> raw.columns[:4].tolist()
    ['序号', '公开(公告)号', '申请号', '申请日']
    """
    if layout not in ("incopat", "patsnap"):
        raise UnknownNameError(f"unknown raw layout {layout!r}", fix="use 'incopat' or 'patsnap'",
                               hint="原始导出格式只能是 incopat 或 patsnap")
    t = df.reset_index(drop=True)
    n = len(t)
    j = 1 if layout == "incopat" else 2
    ev_map = {v[0]: v[j] for v in EVENTS.values()}
    granted = t["grant_date"].notna()
    ptype = [_TYPE_LABELS[layout][(p, bool(g))] for p, g in zip(t["patent_type"], granted, strict=True)]
    foreign_prio = t["priority_country"].fillna("CN") != t["office"].fillna("CN")
    foreign_prio = foreign_prio | (t["priority_date"] != t["app_date"])
    prio_no = (t["priority_country"].fillna("") + t["priority_year"].astype("string").fillna("") + "-"
               + t["family_id"].str[-6:])
    if layout == "incopat":
        sep, empty = "; ", ""
        ipc = t["ipc"].map(lambda v: "; ".join(f"{x[:4]} {x[4:]}" for x in v))
        out = pd.DataFrame({
            "序号": np.arange(1, n + 1),
            "公开（公告）号": t["pub_no"],
            "公开（公告）日": _fmt_date(t["pub_date"], empty),
            "申请号": t["app_no"],
            "申请日": _fmt_date(t["app_date"], empty),
            "授权公告日": _fmt_date(t["grant_date"], empty),
            "标题": t["title"],
            "摘要": t["abstract"],
            "申请人": _lists(t["applicants"], sep, empty),
            "申请人地址": t["applicant_address"].fillna(empty),
            "申请人省市代码": t["city_code"].fillna(empty),
            "发明人": _lists(t["inventors"], sep, empty),
            "专利类型": ptype,
            "IPC主分类": t["ipc_main"].map(lambda x: f"{x[:4]} {x[4:]}" if isinstance(x, str) else empty),
            "IPC": ipc,
            "法律状态": _lists(t["legal_events"], sep, empty, ev_map),
            "专利有效性": t["legal_status"].map(_VALIDITY_ZH).fillna(empty),
            "优先权信息": np.where(foreign_prio, prio_no + " " + _fmt_date(t["priority_date"], ""), empty),
            "简单同族": t["family_id"],
            "简单同族个数": t["family_size"].astype("string").fillna(empty),
            "被引证次数": t["cited_by_count"].astype("string").fillna(empty),
            "权利要求数量": t["claims_count"].astype("string").fillna(empty),
        })
    else:
        sep, empty = " | ", "-"
        out = pd.DataFrame({
            "序号": np.arange(1, n + 1),
            "公开(公告)号": t["pub_no"],
            "申请号": t["app_no"],
            "申请日": _fmt_date(t["app_date"], empty),
            "公开(公告)日": _fmt_date(t["pub_date"], empty),
            "授权日": _fmt_date(t["grant_date"], empty),
            "标题": t["title"],
            "摘要": t["abstract"],
            "当前申请(专利权)人": _lists(t["applicants"], sep, empty),
            "[标]当前申请(专利权)人": _lists(t["applicants_std"], sep, empty),
            "发明人": _lists(t["inventors"], sep, empty),
            "申请人地址": t["applicant_address"].fillna(empty),
            "专利类型": ptype,
            "受理局": t["office"].map(_OFFICE_ZH).fillna(t["office"]),
            "法律状态/事件": _lists(t["legal_events"], sep, empty, ev_map),
            "IPC分类号": _lists(t["ipc"], sep, empty),
            "IPC主分类号": t["ipc_main"].fillna(empty),
            "简单同族": t["family_id"],
            "简单同族专利申请数量": t["family_size"].astype("string").fillna(empty),
            "被引用专利数量": t["cited_by_count"].astype("string").fillna(empty),
            "优先权国家/地区": t["priority_country"].fillna(empty),
            "最早优先权日": _fmt_date(t["priority_date"], empty),
            "权利要求数量": t["claims_count"].astype("string").fillna(empty),
        })
    # non-CN rows carry no legal events in these exports, and a published application without an
    # examination request has none yet: show the simple status instead (公开 = published, pending)
    col = "法律状态" if layout == "incopat" else "法律状态/事件"
    no_ev = ((t["office"] != "CN") | (t["legal_events"].str.len() == 0)).to_numpy()
    out.loc[no_ev, col] = t.loc[no_ev, "legal_status"].map({"valid": "授权", "pending": "公开", "lapsed": "失效"})
    return out.astype(object)
