"""Talent (人才): inventor disambiguation, inventor metrics, co-inventor network, teams,
the talent list (人才清单) and the candidate evaluation table (候选人评价表).

GB/T 39551 asks a navigation project to say *whom* to recruit or cultivate for the gap
segments of a chain (人才引进 / 人才培养 in the planning and operation parts, GB/T 39551.3
and .4; talent management in GB/T 39551.6, cited by part). The steps here:

1. :func:`disambiguate_inventors` — one row per inventor *mention* (document × slot) with a
   person id: block on the normalised name, link mentions inside a block by evidence
   (shared co-inventors, same applicant, IPC overlap, years), link the romanised names of
   overseas family members, then join the clusters of a person who moved between
   applicants (Raffo & Lhuillery 2009, "How to play the 'Names Game'", *Research Policy*
   38:1617–1627; Li et al. 2014, *Research Policy* 43:941–955). Evaluate with
   :func:`navtrain.names.pairwise_pr`.
2. :func:`inventor_metrics` — documents, fractional counts, grants, core patents,
   first-inventor share, forward citations, :func:`h_index` (Hirsch 2005), active span,
   moves between applicants and the Price core threshold m = 0.749·√n_max.
3. :func:`coinventor_network`, :func:`inventor_teams` — the co-inventor network (built by
   :func:`navtrain.applicants.collaboration_network`, measured by
   :func:`navtrain.applicants.network_metrics`) and its Louvain communities as teams.
4. :func:`talent_list`, :func:`candidate_table` — a ranked, evidence-itemised list for the
   gap segments (quantity × quality, after Ernst, Leptien & Vitt 2000, "Inventors are not
   alike", *IEEE Trans. Eng. Mgmt* 47:184–199) and a table for the analyst to complete.
5. :func:`plot_inventor_network`, :func:`plot_talent_radar` — charts.

Everything here produces *candidates*, not conclusions: a name match is evidence, not
proof of identity, and a talent list is a starting point for interviews. See
``docs/methods/talent.md``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from navtrain import basis
from navtrain.errors import NavtrainError, NavtrainWarning, SchemaError, UnknownNameError
from navtrain.schema import as_lists, check_columns, standardize_columns

__all__ = [
    "DEFAULT_TALENT_WEIGHTS",
    "candidate_table",
    "coinventor_network",
    "disambiguate_inventors",
    "h_index",
    "inventor_metrics",
    "inventor_teams",
    "plot_inventor_network",
    "plot_talent_radar",
    "talent_list",
]

_IMPORT_STEP = ("the 发明人 (inventors) list that the import step fills "
                "(navtrain.read_patents / to_patent_table / load_dataset)")
_CJK = re.compile(r"[\u3400-\u9fff]")
#: two-character Chinese surnames (复姓) tried when a name is romanised
_COMPOUND_SURNAMES = frozenset("欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 端木 "
                               "轩辕 独孤 南宫 西门 百里 呼延 闻人 申屠 太史 澹台".split())
#: the rules that can link two mentions, in the order of ``linked_by``
LINK_RULES = ("co-inventor", "applicant", "family", "pinyin", "mover")

#: default weights of the talent score (:func:`talent_list`); each component is scaled to [0, 1]
DEFAULT_TALENT_WEIGHTS: dict[str, float] = {
    "segment_documents": 0.30,  # documents in the gap segments (quantity)
    "core_patents": 0.20,  # core patents in the gap segments (quality)
    "h_index": 0.15,  # citation impact of the whole portfolio
    "recency": 0.15,  # share of the gap-segment documents filed in the last `recent` complete years or later
    "centrality": 0.10,  # betweenness in the co-inventor network (brokers between teams)
    "team_size": 0.10,  # distinct co-inventors (ability to bring a team)
}
_WEIGHT_ALIASES = {"segment_documents": "segment_documents", "documents": "segment_documents",
                   "core_patents": "core_patents", "core": "core_patents", "h_index": "h_index", "h": "h_index",
                   "citations": "h_index", "recency": "recency", "recent": "recency", "centrality": "centrality",
                   "betweenness": "centrality", "team_size": "team_size", "coinventors": "team_size"}
METRIC_ZH = {
    "documents": "申请量", "fractional": "分数计数", "grants": "授权量", "core_patents": "核心专利",
    "first_inventor_share": "第一发明人占比", "forward_citations": "被引次数", "h_index": "h指数",
    "active_span": "活跃年数", "moves": "单位变动次数", "segment_documents": "目标环节申请量",
    "recency": "近期活跃度", "centrality": "中介中心性", "team_size": "合作者数", "betweenness": "中介中心性",
    "coinventors": "合作者数", "talent_score": "人才得分",
}


# --------------------------------------------------------------------------- helpers


def _lists(values: pd.Series) -> pd.Series:
    """List cells (a text cell is split on ';'; missing → []): :func:`navtrain.schema.as_lists`."""
    return as_lists(values)


def _doc_ids(table: pd.DataFrame) -> np.ndarray:
    if "pub_no" in table.columns:
        return table["pub_no"].astype(object).to_numpy()
    return np.asarray([f"row{i}" for i in range(len(table))], dtype=object)


def _years(table: pd.DataFrame) -> np.ndarray:
    """Filing year per row (:func:`navtrain.basis.filing_year`; the priority year where the
    filing year is unknown), float with NaN."""
    out = basis.filing_year(table, "application")
    if out.isna().any():
        out = out.fillna(basis.filing_year(table, "priority"))
    return out.to_numpy(dtype="float64", na_value=np.nan)


def _disambiguation_options(options: Mapping[str, object] | None, purpose: str) -> dict[str, object]:
    """``options`` checked against the keywords of :func:`disambiguate_inventors`."""
    opts = dict(options or {})
    unknown = [k for k in opts if k not in DISAMBIGUATION_OPTIONS]
    if unknown:
        raise UnknownNameError(f"{purpose}: unknown option(s) {unknown}",
                               fix=f"use some of {list(DISAMBIGUATION_OPTIONS)} (the keywords of "
                               "disambiguate_inventors)", hint="options 只能包含 disambiguate_inventors 的参数")
    return opts


def _long(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(row position, value) of every non-empty value of a list column (order kept)."""
    flat = pd.Series(_lists(cells).to_numpy(dtype=object), index=np.arange(len(cells))).explode()
    ok = flat.notna().to_numpy()
    vals = flat[ok].astype(str).str.strip()
    keep = (vals != "").to_numpy()
    return flat.index.to_numpy()[ok][keep], vals[keep].to_numpy(dtype=object)


def _subclasses(table: pd.DataFrame, level: str = "subclass") -> tuple[np.ndarray, np.ndarray]:
    """(row position, IPC subclass code) pairs, duplicates within a row dropped."""
    if "ipc" not in table.columns:
        return np.array([], dtype=np.int64), np.array([], dtype=object)
    from navtrain.ipc import parse_ipc

    rows, sym = _long(table["ipc"])
    if not len(rows):
        return rows, sym
    parsed = parse_ipc(pd.Series(sym, dtype=object))[level].to_numpy(dtype=object)
    ok = pd.notna(parsed)
    frame = pd.DataFrame({"r": rows[ok], "s": parsed[ok]}).drop_duplicates()
    return frame["r"].to_numpy(), frame["s"].to_numpy(dtype=object)


def _star_edges(group_codes: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edges linking every member of a group to the group's first member (O(n))."""
    if not len(members):
        return members, members
    frame = pd.DataFrame({"g": group_codes, "m": members})
    first = frame.groupby("g", sort=False)["m"].transform("first").to_numpy()
    keep = first != frame["m"].to_numpy()
    return first[keep], frame["m"].to_numpy()[keep]


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    from navtrain.names import components as comps

    return comps(n, np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64))


def _pinyin_keys(names: np.ndarray) -> pd.DataFrame:
    """(CJK name key, romanised key) pairs: the name_key a romanised form would get.

    Surname first or last does not matter (``name_key`` sorts Latin words); a compound
    surname (欧阳) and a one-character surname are both tried. Needs ``pypinyin``.
    """
    try:
        from pypinyin import lazy_pinyin
    except ImportError as exc:  # pragma: no cover - optional dependency
        raise NavtrainError("pinyin=True needs the optional package pypinyin",
                            fix="pip install pypinyin, or keep pinyin=False (the family-position rule "
                                "links most romanised names)",
                            hint="拼音匹配需要安装 pypinyin") from exc
    rows: list[tuple[str, str]] = []
    for name in names.tolist():  # once per distinct CJK name
        chars = [c for c in name if _CJK.match(c)]
        if len(chars) < 2 or len(chars) != len(name):
            continue
        syl = [s.lower().replace("ü", "v") for s in lazy_pinyin(name)]
        cuts = [1] + ([2] if name[:2] in _COMPOUND_SURNAMES and len(syl) > 2 else [])
        for cut in cuts:
            rows.append((name, "".join(sorted(["".join(syl[:cut]), "".join(syl[cut:])]))))
    return pd.DataFrame(rows, columns=["cjk", "latin"]).drop_duplicates()


# --------------------------------------------------------------------------- disambiguation


def disambiguate_inventors(
    df: pd.DataFrame,
    coinventors: bool = True,
    applicant: bool = True,
    family: bool = True,
    movers: bool = True,
    pinyin: bool = False,
    coinventor_scope: str = "applicant_or_field",
    team_min: int = 5,
    applicant_scope: str = "all",
    mover_ipc_min: float = 0.5,
    mover_max_overlap: int = 1,
    mover_max_gap: int = 2,
    mover_min_mentions: int = 3,
    max_name_clusters: int = 4,
    ipc_level: str = "subclass",
) -> pd.DataFrame:
    """Give every inventor mention (document × slot of ``inventors``) a person id.

    Returns a NEW long table, one row per mention, in document then slot order:
    ``pub_no``, ``position`` (1 = first inventor), ``name`` (as written), ``key``
    (:func:`navtrain.names.name_key` with ``kind='inventor'``), ``inventor_id``
    (``INV00001`` ...), ``inventor_name`` (the most frequent Chinese spelling of the
    person, else the most frequent spelling), ``family_id``, ``year`` (filing year),
    ``applicant`` (first harmonised applicant), ``n_inventors`` (slots on the document)
    and the evidence: ``linked_by`` (the rules that linked the mention, ``;``-joined, or
    ``name only`` for a mention no evidence linked) and ``mentions`` (mentions of its id).

    Method (Raffo & Lhuillery 2009: parse → match → filter; Li et al. 2014). Every rule
    is a vectorised group-by; links are joined transitively (connected components):

    1. **Block** on the name key (NFKC, case, spaces; Latin words sorted, so
       "Wang Jingyi" = "WANG Jingyi"): only mentions of one key can be linked by rules
       2, 4 and 5. A key written twice on one document names two people; such mentions
       are linked by the family rule only.
    2. **Co-inventor** (``coinventors=True``): same key and a co-inventor of the same key,
       on documents that also share an applicant or an IPC subclass
       (``coinventor_scope='applicant_or_field'``; or 'applicant', 'field', 'any').
    3. **Family** (``family=True``): members of one family (``family_id``) with the same
       number of inventors list them in the same order, so the mentions at one position
       are linked when their keys agree or one is romanised (Latin script) and the other
       Chinese: "Wang Jingyi" on the US member ↔ 王静怡 on the CN member, "Nils OLSEN" ↔
       尼尔斯·奥尔森. ``pinyin=True`` (needs the optional ``pypinyin``) also links, inside a
       family, a romanised name to the Chinese name whose pinyin it is, at any position.
    4. **Applicant** (``applicant=True``): the clusters of rules 2–3 that share a key and
       a harmonised applicant (``applicants_std``, else the name key of ``applicants``;
       ``applicant_scope='all'`` any of the document's applicants, 'first' the first) are
       joined — except two *teams* (clusters of at least ``team_min`` mentions, each
       with its own co-inventors) active in overlapping years (more than
       ``mover_max_overlap`` years in common): two people of one name at one employer.
       Smaller clusters join the largest team.
    5. **Movers** (``movers=True``): clusters of one name at different employers are
       joined when they look like one person who moved: both with at least
       ``mover_min_mentions`` mentions, active spans (first–last filing year)
       overlapping by at most ``mover_max_overlap`` years and apart by at most
       ``mover_max_gap``, IPC profiles with cosine similarity ≥ ``mover_ipc_min``, no
       document in common, and a name carried by at most ``max_name_clusters``
       clusters (common names are never joined this way).

    A rule is switched off by its flag (``coinventors=False`` ...); with all off the
    result is the name-only baseline (one id per key). ``attrs`` records the
    parameters, the number of links per rule, mentions, persons and dropped documents.

    Evaluate against a truth labelling with :func:`navtrain.names.pairwise_pr`
    (``pairwise_pr(truth_ids, result["inventor_id"])``); ``docs/methods/talent.md``
    gives the figures on the synthetic cases.

    >>> from navtrain import load_sample
    >>> m = disambiguate_inventors(load_sample())
    >>> len(m), m["key"].nunique(), m["inventor_id"].nunique()  # 34 mentions, 17 spellings, 16 people
    (34, 17, 16)
    >>> wang = m[m["inventor_name"] == "王静怡"]
    >>> sorted(wang["name"].unique()), wang["inventor_id"].nunique()
    (['Wang Jingyi', '王静怡'], 1)
    """
    table = standardize_columns(df)
    check_columns(table, ["inventors"], f"disambiguate_inventors (needs {_IMPORT_STEP})")
    if ipc_level not in ("subclass", "main_group", "class"):
        raise UnknownNameError(f"unknown ipc_level {ipc_level!r}", fix="use 'subclass', 'main_group' or 'class'",
                               hint="ipc_level 只能是 subclass（小类）、main_group（大组）或 class（大类）")
    from navtrain.names import name_key

    n_docs = len(table)
    doc_ids = _doc_ids(table)
    years = _years(table)
    fam = (table["family_id"].astype(object).to_numpy() if "family_id" in table.columns
           else np.full(n_docs, None, dtype=object))
    # ---- mentions: every slot (a name repeated on a document is two people)
    cells = pd.Series(_lists(table["inventors"]).to_numpy(dtype=object), index=np.arange(n_docs))
    flat = cells.explode()
    doc_all = flat.index.to_numpy()
    pos_all = pd.Series(doc_all).groupby(doc_all).cumcount().to_numpy() + 1
    names_all = flat.astype("string").str.strip()
    ok = (names_all.notna() & (names_all != "")).to_numpy()
    doc = doc_all[ok].astype(np.int64)
    pos = pos_all[ok].astype(np.int64)
    names = names_all[ok].astype(object).to_numpy()
    n = len(doc)
    keys = name_key(pd.Series(names, dtype=object), kind="inventor").to_numpy(dtype=object)
    kcode, kuniq = pd.factorize(keys)
    kuniq = np.asarray(kuniq, dtype=object)
    per_doc = np.bincount(doc, minlength=n_docs)
    no_inv = int((per_doc == 0).sum())
    dropped = {"no inventors": no_inv} if no_inv else {}
    if no_inv and n_docs:
        warnings.warn(f"disambiguate_inventors: {no_inv} of {n_docs} documents have no inventors "
                      "(无发明人的记录未计入)", NavtrainWarning, stacklevel=2)
    latin = np.array([_CJK.search(x) is None for x in kuniq.tolist()], dtype=bool)[kcode] if n else np.zeros(0, bool)
    # nth mention of the same key on the same document (0 for the usual single one)
    dup = pd.DataFrame({"d": doc, "k": kcode}).groupby(["d", "k"]).cumcount().to_numpy()
    kdup = kcode.astype(np.int64) * (int(dup.max(initial=0)) + 1) + dup  # key × duplicate rank
    edges: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    mid = np.arange(n)

    # ---- applicants and IPC per document
    app_col = "applicants_std" if "applicants_std" in table.columns else (
        "applicants" if "applicants" in table.columns else None)
    if app_col is not None:
        a_rows, a_vals = _long(table[app_col])
        if app_col == "applicants" and len(a_vals):
            a_vals = name_key(pd.Series(a_vals, dtype=object)).to_numpy(dtype=object)
    else:
        a_rows, a_vals = np.array([], dtype=np.int64), np.array([], dtype=object)
    first_app = pd.Series(a_vals).groupby(a_rows).first() if len(a_rows) else pd.Series(dtype=object)
    applicant_of_doc = first_app.reindex(np.arange(n_docs)).to_numpy(dtype=object)
    acode, _ = pd.factorize(pd.Series(a_vals, dtype=object)) if len(a_vals) else (np.array([], np.int64), None)
    i_rows, i_vals = _subclasses(table, ipc_level)
    icode, iuniq = pd.factorize(pd.Series(i_vals, dtype=object)) if len(i_vals) else (np.array([], np.int64), [])

    # a key written twice on one document names two people: only the family rule links them
    key_count_doc = pd.DataFrame({"d": doc, "k": kcode}).groupby(["d", "k"])["k"].transform("size").to_numpy()
    solo = key_count_doc == 1
    base = pd.DataFrame({"d": doc, "m": mid, "k": kcode.astype(np.int64)})[solo]
    n_app = int(acode.max()) + 1 if len(acode) else 1
    n_ipc = len(iuniq) + 1
    doc_app = pd.DataFrame({"d": a_rows, "a": acode})
    doc_ipc = pd.DataFrame({"d": i_rows, "s": icode})

    # ---- rule: shared co-inventor (within the same applicant and/or IPC field)
    if coinventors and n:
        if coinventor_scope not in ("any", "applicant", "field", "applicant_or_field"):
            raise UnknownNameError(f"unknown coinventor_scope {coinventor_scope!r}",
                                   fix="use 'any', 'applicant', 'field' or 'applicant_or_field'",
                                   hint="coinventor_scope 只能是 any、applicant、field 或 applicant_or_field")
        pairs = base.merge(pd.DataFrame({"d": doc, "c": kcode}), on="d")
        pairs = pairs[pairs["c"].to_numpy() != pairs["k"].to_numpy()]
        kc = pairs["k"].to_numpy() * (len(kuniq) + 1) + pairs["c"].to_numpy()
        ei, ej = [], []
        if coinventor_scope == "any":
            a, b = _star_edges(kc, pairs["m"].to_numpy())
            ei.append(a)
            ej.append(b)
        if coinventor_scope in ("applicant", "applicant_or_field"):
            pa = pairs.assign(kc=kc).merge(doc_app, on="d")
            a, b = _star_edges(pa["kc"].to_numpy() * n_app + pa["a"].to_numpy(), pa["m"].to_numpy())
            ei.append(a)
            ej.append(b)
        if coinventor_scope in ("field", "applicant_or_field"):
            pf = pairs.assign(kc=kc).merge(doc_ipc, on="d")
            a, b = _star_edges(pf["kc"].to_numpy() * n_ipc + pf["s"].to_numpy(), pf["m"].to_numpy())
            ei.append(a)
            ej.append(b)
        edges["co-inventor"] = (np.concatenate(ei), np.concatenate(ej))

    # ---- rule: family members (same position, same list length; or pinyin)
    fam_ok = pd.notna(fam)
    fcode = pd.factorize(pd.Series(fam, dtype=object))[0] if n_docs else np.array([], dtype=np.int64)
    if family and n and fam_ok.any():
        # a mention whose key is repeated on its document links only to such mentions
        mf = pd.DataFrame({"m": mid, "f": fcode[doc], "p": pos, "n": per_doc[doc], "k": kcode, "lat": latin,
                           "s": solo})
        mf = mf[fam_ok[doc]].sort_values(["f", "p", "n", "s", "lat", "m"], kind="stable")  # Chinese spelling first
        grp = mf.groupby(["f", "p", "n", "s"], sort=False)
        anchor = grp["m"].transform("first").to_numpy()
        ok_link = (kcode[anchor] == mf["k"].to_numpy()) | (latin[anchor] != mf["lat"].to_numpy())
        ok_link &= anchor != mf["m"].to_numpy()
        edges["family"] = (anchor[ok_link], mf["m"].to_numpy()[ok_link])
        if pinyin:
            py = _pinyin_keys(kuniq[~np.array([_CJK.search(x) is None for x in kuniq.tolist()], dtype=bool)])
            if len(py):
                kindex = pd.Series(np.arange(len(kuniq)), index=kuniq)
                py = py[py["latin"].isin(kindex.index)]
                code_map = pd.DataFrame({"c": kindex.loc[py["cjk"]].to_numpy(),
                                         "l": kindex.loc[py["latin"]].to_numpy()})
                fb = pd.DataFrame({"m": mid, "f": fcode[doc], "k": kcode})[fam_ok[doc] & solo]
                cj = fb.merge(code_map, left_on="k", right_on="c")
                la = fb.rename(columns={"m": "m2", "k": "l"}).merge(code_map[["l"]].drop_duplicates(), on="l")
                both = cj.merge(la, on=["f", "l"])
                edges["pinyin"] = (both["m"].to_numpy(), both["m2"].to_numpy())

    # ---- stage 1: clusters of the co-inventor, family and pinyin links, then the applicant rule
    if applicant_scope not in ("first", "all"):
        raise UnknownNameError(f"unknown applicant_scope {applicant_scope!r}", fix="use 'first' or 'all'",
                               hint="applicant_scope 只能是 first（第一申请人）或 all（全部申请人）")
    rules_on = any((coinventors, applicant, family))

    def cluster() -> np.ndarray:
        if edges:
            c = _components(n, np.concatenate([e[0] for e in edges.values()]),
                            np.concatenate([e[1] for e in edges.values()]))
        else:
            c = mid.copy()
        edges.pop("applicant", None)
        if applicant and n and len(a_rows):  # same name and applicant, unless two teams
            first_only = doc_app[~doc_app["d"].duplicated()] if applicant_scope == "first" else doc_app
            ma = base.merge(first_only, on="d")
            ma["c"] = c[ma["m"].to_numpy()]
            ai, aj = _applicant_links(ma, c, years[doc], n_app, team_min, mover_max_overlap)
            edges["applicant"] = (ai, aj)
            if len(ai):
                c = _components(int(c.max()) + 1, c[ai], c[aj])[c]  # join stage-1 clusters
        return c

    if not rules_on:  # the name-only baseline: one id per key (a repeat on a document apart)
        comp = pd.factorize(kdup)[0] if n else mid
    else:
        comp = cluster() if n else mid
        # a person is on a document once: cross-script family links of a member listing its
        # inventors in another order can break that; drop them in the clashing clusters and redo
        for rule in ("family", "pinyin"):  # position links first; pinyin links only if still needed
            while rule in edges:
                clash = pd.DataFrame({"d": doc, "c": comp}).duplicated().to_numpy()
                i, j = edges[rule]
                drop = np.isin(comp[i], np.unique(comp[clash])) & ((latin[i] != latin[j]) | (rule == "pinyin"))
                if not drop.any():
                    break
                edges[rule] = (i[~drop], j[~drop])
                comp = cluster()

    # ---- stage 2: movers (cluster level)
    mover_pairs = 0
    if movers and rules_on and n:
        comp, mover_pairs, mover_members = _join_movers(
            comp, kcode, latin, doc, years, i_rows, icode, mover_ipc_min, mover_max_overlap, mover_max_gap,
            max_name_clusters, mover_min_mentions)
    else:
        mover_members = np.zeros(n, dtype=bool)

    # ---- ids, display names, evidence
    out = pd.DataFrame({
        "pub_no": doc_ids[doc], "position": pos, "name": names, "key": keys,
        "family_id": fam[doc], "year": pd.array(np.where(np.isnan(years[doc]), np.nan, years[doc]), dtype="Int64")
        if n else pd.array([], dtype="Int64"),
        "applicant": applicant_of_doc[doc] if n else np.array([], dtype=object),
        "n_inventors": per_doc[doc].astype(np.int64),
    })
    cc, _ = pd.factorize(comp) if n else (np.array([], np.int64), None)
    # display name: most frequent Chinese spelling, else most frequent spelling
    disp = pd.DataFrame({"c": cc, "name": names, "lat": latin})
    disp = (disp.groupby(["c", "lat", "name"]).size().rename("n").reset_index()
            .sort_values(["c", "lat", "n", "name"], ascending=[True, True, False, True]).drop_duplicates("c"))
    disp_name = disp.set_index("c")["name"]
    first_seen = pd.DataFrame({"c": cc, "y": years[doc] if n else []}).groupby("c")["y"].min()
    order = pd.DataFrame({"c": disp_name.index, "name": disp_name.to_numpy(),
                          "y": first_seen.reindex(disp_name.index).to_numpy()})
    order = order.sort_values(["name", "y", "c"], kind="stable", na_position="last")
    width = max(5, len(str(len(order))))
    ids = pd.Series([f"INV{i + 1:0{width}d}" for i in range(len(order))], index=order["c"].to_numpy())
    out.insert(4, "inventor_id", ids.reindex(cc).to_numpy(dtype=object) if n else np.array([], dtype=object))
    out.insert(5, "inventor_name", disp_name.reindex(cc).to_numpy(dtype=object) if n else np.array([], dtype=object))
    flags = {}
    for rule in LINK_RULES[:-1]:
        f = np.zeros(n, dtype=bool)
        if rule in edges and len(edges[rule][0]):
            f[edges[rule][0]] = True
            f[edges[rule][1]] = True
        flags[rule] = f
    flags["mover"] = mover_members
    linked = pd.Series("", index=np.arange(n), dtype=object)
    for rule in LINK_RULES:
        linked = linked.where(~flags[rule], linked + np.where(linked == "", "", ";") + rule)
    out["linked_by"] = linked.where(linked != "", "name only").to_numpy(dtype=object)
    out["mentions"] = np.bincount(cc, minlength=len(order))[cc].astype(np.int64) if n else np.array([], np.int64)
    out.attrs.update(
        params=dict(coinventors=coinventors, applicant=applicant, family=family, movers=movers, pinyin=pinyin,
                    coinventor_scope=coinventor_scope, team_min=team_min, applicant_scope=applicant_scope,
                    mover_min_mentions=mover_min_mentions, mover_ipc_min=mover_ipc_min,
                    mover_max_overlap=mover_max_overlap, mover_max_gap=mover_max_gap,
                    max_name_clusters=max_name_clusters, ipc_level=ipc_level),
        links={r: len(e[0]) for r, e in edges.items()} | {"mover": int(mover_pairs)},
        mentions=int(n), inventors=len(order), names=len(kuniq), applicant_column=app_col,
        dropped=dropped,
    )
    return out


def _applicant_links(ma: pd.DataFrame, comp: np.ndarray, years: np.ndarray, n_app: int, team_min: int,
                     max_overlap: int) -> tuple[np.ndarray, np.ndarray]:
    """Mention pairs joining the clusters that share a name key and an applicant.

    In a (key, applicant) group, clusters with at least ``team_min`` mentions are
    *teams*. With at most one team every cluster of the group is joined. With two or more
    (two people of one name at one employer, each with their own co-inventors) teams are
    joined only when their active years overlap by at most ``max_overlap`` (one person
    changing team), and every smaller cluster joins the largest team.
    """
    g = ma["k"].to_numpy() * n_app + ma["a"].to_numpy()
    cl = pd.DataFrame({"g": g, "c": ma["c"].to_numpy(), "m": ma["m"].to_numpy()}).drop_duplicates(["g", "c"])
    size = np.bincount(comp, minlength=int(comp.max()) + 1 if len(comp) else 0)
    y = pd.DataFrame({"c": comp, "y": years}).groupby("c")["y"].agg(["min", "max"])
    cl["size"] = size[cl["c"].to_numpy()]
    cl["team"] = cl["size"] >= team_min
    cl = cl.sort_values(["g", "size", "c"], ascending=[True, False, True], kind="stable")
    teams = cl.groupby("g")["team"].transform("sum").to_numpy()
    lead = cl.groupby("g")["m"].transform("first").to_numpy()  # a mention of the largest cluster
    simple = (teams <= 1) | ~cl["team"].to_numpy()
    ei, ej = [lead[simple]], [cl["m"].to_numpy()[simple]]
    multi = cl[~simple]
    if len(multi):
        pairs = multi.merge(multi, on="g", suffixes=("a", "b"))
        pairs = pairs[pairs["ca"] < pairs["cb"]]
        ca, cb = pairs["ca"].to_numpy(), pairs["cb"].to_numpy()
        lo = np.maximum(y["min"].reindex(ca).to_numpy(), y["min"].reindex(cb).to_numpy())
        hi = np.minimum(y["max"].reindex(ca).to_numpy(), y["max"].reindex(cb).to_numpy())
        ok = (hi - lo) <= max_overlap
        ei.append(pairs["ma"].to_numpy()[ok])
        ej.append(pairs["mb"].to_numpy()[ok])
    i, j = np.concatenate(ei), np.concatenate(ej)
    keep = i != j
    return i[keep], j[keep]


def _join_movers(comp: np.ndarray, kcode: np.ndarray, latin: np.ndarray, doc: np.ndarray, years: np.ndarray,
                 i_rows: np.ndarray, icode: np.ndarray, ipc_min: float, max_overlap: int, max_gap: int,
                 max_clusters: int, min_mentions: int) -> tuple[np.ndarray, int, np.ndarray]:
    """Join clusters of one name key that look like one person changing employer."""
    import scipy.sparse as sp

    n = len(comp)
    cc, _ = pd.factorize(comp)
    n_c = int(cc.max()) + 1
    # primary key of a cluster: its most frequent Chinese key, else its most frequent key
    kk = pd.DataFrame({"c": cc, "k": kcode, "lat": latin}).groupby(["c", "lat", "k"]).size().rename("n").reset_index()
    kk = kk.sort_values(["c", "lat", "n", "k"], ascending=[True, True, False, True]).drop_duplicates("c")
    ckey = kk.set_index("c")["k"].reindex(np.arange(n_c)).to_numpy()
    y = years[doc]
    span = pd.DataFrame({"c": cc, "y": y}).groupby("c")["y"].agg(["min", "max"]).reindex(np.arange(n_c))
    lo, hi = span["min"].to_numpy(), span["max"].to_numpy()
    blocks = pd.Series(ckey).value_counts()
    small = pd.Series(ckey).map(blocks).to_numpy() <= max_clusters
    size = np.bincount(cc, minlength=n_c)
    cl = pd.DataFrame({"c": np.arange(n_c), "k": ckey})[small & (pd.Series(ckey).map(blocks).to_numpy() > 1)
                                                         & (size >= min_mentions)]
    if cl.empty:
        return cc, 0, np.zeros(n, dtype=bool)
    pairs = cl.merge(cl, on="k", suffixes=("a", "b"))
    pairs = pairs[pairs["ca"] < pairs["cb"]]
    a, b = pairs["ca"].to_numpy(), pairs["cb"].to_numpy()
    overlap = np.minimum(hi[a], hi[b]) - np.maximum(lo[a], lo[b])
    keep = (overlap <= max_overlap) & (-overlap <= max_gap)
    a, b = a[keep], b[keep]
    if len(a):
        # IPC profile cosine (documents of the cluster × IPC code counts)
        cd = pd.DataFrame({"c": cc, "d": doc}).drop_duplicates()
        ci = cd.merge(pd.DataFrame({"d": i_rows, "s": icode}), on="d")
        if len(ci):
            X = sp.csr_array((np.ones(len(ci)), (ci["c"].to_numpy(), ci["s"].to_numpy())),
                             shape=(n_c, int(icode.max()) + 1))
            norm = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
            cos = np.asarray(X[a].multiply(X[b]).sum(axis=1)).ravel() / np.maximum(norm[a] * norm[b], 1e-12)
        else:
            cos = np.zeros(len(a))
        # cannot-link: a shared document means two people
        shared = pd.DataFrame({"c": a, "p": np.arange(len(a))}).merge(cd, on="c").merge(
            pd.DataFrame({"c2": b, "p": np.arange(len(b))}).merge(cd.rename(columns={"c": "c2"}), on="c2"),
            on=["p", "d"])["p"].unique()
        ok = cos >= ipc_min
        ok[shared] = False
        a, b = a[ok], b[ok]
    joined = _components(n_c, a, b)
    # joins are pairwise; a chain A–B–C must not put one person twice on a document
    clash = pd.DataFrame({"d": doc, "c": joined[cc]}).duplicated().to_numpy()
    if clash.any():
        keep = ~np.isin(joined[a], np.unique(joined[cc][clash]))
        a, b = a[keep], b[keep]
        joined = _components(n_c, a, b)
    members = np.zeros(n_c, dtype=bool)
    members[a] = True
    members[b] = True
    return joined[cc], len(a), members[cc]


# --------------------------------------------------------------------------- metrics


#: the keywords ``options=`` may pass on to :func:`disambiguate_inventors` (inventor_metrics,
#: coinventor_network, inventor_teams, talent_list)
DISAMBIGUATION_OPTIONS = ("coinventors", "applicant", "family", "movers", "pinyin", "coinventor_scope", "team_min",
                          "applicant_scope", "mover_ipc_min", "mover_max_overlap", "mover_max_gap",
                          "mover_min_mentions", "max_name_clusters", "ipc_level")


def h_index(citations: object) -> int:
    """The h-index: the largest h such that h items have at least h citations each.

    Formula: sort the counts c₁ ≥ c₂ ≥ …; h = max{i : cᵢ ≥ i} (0 when none). Missing
    counts are treated as 0. Source: Hirsch (2005), *PNAS* 102:16569–16572; for patents
    and inventors Guan & Gao (2009), *JASIST* 60:35–40.

    >>> h_index([10, 8, 5, 4, 3]), h_index([25, 8, 5, 3, 3]), h_index([0, 0]), h_index([])
    (4, 3, 0, 0)
    """
    c = pd.to_numeric(pd.Series(list(citations) if not isinstance(citations, pd.Series) else citations,
                                dtype=object), errors="coerce").fillna(0).to_numpy(dtype=float)
    c = np.sort(c)[::-1]
    return int(np.sum(c >= np.arange(1, len(c) + 1)))


def _h_by_group(groups: np.ndarray, cites: np.ndarray) -> pd.Series:
    """h-index per group, vectorised: rank within group by citations descending."""
    frame = pd.DataFrame({"g": groups, "c": cites}).sort_values(["g", "c"], ascending=[True, False])
    rank = frame.groupby("g").cumcount().to_numpy() + 1
    frame["hit"] = frame["c"].to_numpy() >= rank
    return frame.groupby("g")["hit"].sum().astype("int64")


def _resolve_score(table: pd.DataFrame, score: object) -> pd.Series | None:
    if score is None:
        return None
    if isinstance(score, str):
        check_columns(table, [score], "score=<column>")
        return pd.to_numeric(table[score], errors="coerce").astype(float)
    s = pd.Series(score) if not isinstance(score, pd.Series) else score
    if len(s) != len(table):
        raise SchemaError(f"score has {len(s)} values but the table has {len(table)} rows",
                          fix="pass a Series aligned with df (e.g. value_score(df)['value_score'])",
                          hint="score 必须与专利表逐行对应")
    return pd.Series(pd.to_numeric(s, errors="coerce").to_numpy(dtype=float), index=table.index)


def _core_flags(table: pd.DataFrame, score: object, core: object, quantile: float,
                segments: pd.DataFrame | None = None) -> tuple[np.ndarray, str]:
    """Boolean core-patent flag per row and how it was obtained.

    ``core`` (a list of pub_no, a core_patents table or a boolean column) wins; else
    :func:`navtrain.value.core_patents` with ``score`` (ranked within ``segments`` when
    given).
    """
    if core is not None:
        if isinstance(core, str) and core in table.columns:
            return table[core].fillna(False).astype(bool).to_numpy(), f"column {core!r}"
        core_set = set(core["pub_no"] if isinstance(core, pd.DataFrame) else [core] if isinstance(core, str)
                       else core)
        return table["pub_no"].isin(core_set).to_numpy(), "caller list"
    s = _resolve_score(table, score)
    from navtrain import value  # lazily: a sibling module

    kw = {"segments": segments} if segments is not None else {}
    cp = value.core_patents(table, quantile=quantile, score=s, **kw)
    how = f"navtrain.value.core_patents(quantile={quantile}{', per segment' if kw else ''})"
    return table["pub_no"].isin(set(cp["pub_no"])).to_numpy(), how


def inventor_metrics(
    df: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    score: object = None,
    core: object = None,
    core_quantile: float = 0.9,
    citations: str = "cited_by_count",
    unit: str = "applications",
    segment: str | None = None,
    options: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """Per inventor (人才画像): productivity, quality, career and the Price core flag.

    ``mentions`` is the result of :func:`disambiguate_inventors` (computed when None, with
    ``options``: a dict of its keywords, see :data:`DISAMBIGUATION_OPTIONS`; an unknown key
    raises :class:`UnknownNameError`). Columns, one row per ``inventor_id``:

    - ``documents`` — the count in ``unit`` (:mod:`navtrain.basis`): applications (件,
      default), families (项) or documents (篇); an application or family counts once, by
      its earliest member, naming the inventor (whole counting);
    - ``fractional`` — Σ 1/n over them, n = inventors on the document; the fractional
      counts of all inventors add up to the number of documents with inventors;
    - ``grants`` — of them granted (``grant_date`` known); ``core_patents`` — of them core
      patents: ``core`` (a list of pub_no or a boolean column), else
      :func:`navtrain.value.core_patents` with ``score`` (a Series aligned with ``df`` or a
      column; default ``value_score(df)``), ``core_quantile`` the cut;
    - ``first_inventor_share`` — share where the inventor is listed first;
    - ``forward_citations`` — Σ ``citations`` (for families: summed over members);
      ``h_index`` — :func:`h_index` of those counts;
    - ``first_year``, ``last_year``, ``active_span`` = last − first + 1;
    - ``applicants`` (distinct), ``moves`` — changes of the inventor's main applicant
      between consecutive active years (the applicant of most of that year's documents),
      ``main_applicant`` (most documents), ``current_applicant`` (main applicant of the
      last active year), ``main_ipc`` (most frequent IPC subclass) and ``main_segment``
      (when ``segment`` names a column of ``df``);
    - ``price_core`` — documents ≥ m = 0.749·√n_max (Price's law, n_max = the largest
      count); ``attrs['price_threshold']`` gives m and ``attrs['price_core_share']`` the
      share of all inventor-document links held by the core (≈ 0.5 if the law holds).

    Sorted by documents, then citations. Sources: Lotka (1926), Price
    (1963), Hirsch (2005), Ernst et al. (2000); OECD *Patent Statistics Manual* (2009) on
    fractional counting.

    >>> from navtrain import load_sample
    >>> s = load_sample()
    >>> m = inventor_metrics(s, core=["CN104651001B", "CN107502001B"]).set_index("name")
    >>> # 王静怡: 4 documents (one a US family member), cited 12 + 7 + 3 + 2, first on 3
    >>> m.loc["王静怡", ["documents", "grants", "core_patents", "forward_citations", "h_index"]].tolist()
    [4, 1, 1, 24, 3]
    >>> float(m.loc["王静怡", "fractional"]), float(m.loc["王静怡", "first_inventor_share"])
    (2.0, 0.75)
    """
    uk = basis.unit_key(unit)
    table = standardize_columns(df)
    check_columns(table, ["inventors"], f"inventor_metrics (needs {_IMPORT_STEP})")
    opts = _disambiguation_options(options, "inventor_metrics")
    if mentions is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NavtrainWarning)
            mentions = disambiguate_inventors(table, **opts)  # type: ignore[arg-type]
    check_columns(mentions, ["pub_no", "inventor_id", "position", "n_inventors"],
                  "inventor_metrics(mentions=...) (the table of disambiguate_inventors)")
    if segment is not None:
        check_columns(table, [segment], "inventor_metrics(segment=...)")
    doc_ids = _doc_ids(table)
    row_of = pd.Series(np.arange(len(table)), index=doc_ids)
    row_of = row_of[~row_of.index.duplicated()]
    m = mentions[mentions["pub_no"].isin(row_of.index)]
    r = row_of.reindex(m["pub_no"]).to_numpy()
    cites = (pd.to_numeric(table[citations], errors="coerce").fillna(0).to_numpy(dtype=float)
             if citations in table.columns else np.zeros(len(table)))
    if citations not in table.columns:
        warnings.warn(f"inventor_metrics: no column {citations!r}; citations and h-index are 0 "
                      "(缺少被引次数列)", NavtrainWarning, stacklevel=2)
    granted = (table["grant_date"].notna().to_numpy() if "grant_date" in table.columns
               else np.zeros(len(table), dtype=bool))
    core_flag, core_how = (_core_flags(table, score, core, core_quantile) if len(table)
                           else (np.zeros(0, bool), "none"))
    years = _years(table)
    app_col = "applicants_std" if "applicants_std" in table.columns else "applicants"
    i_rows, i_vals = _subclasses(table)
    main_ipc_doc = pd.Series(i_vals).groupby(i_rows).first().reindex(np.arange(len(table))).to_numpy(dtype=object)
    long = pd.DataFrame({"id": m["inventor_id"].to_numpy(dtype=object), "r": r,
                         "first": (m["position"].to_numpy() == 1),
                         "frac": 1.0 / np.maximum(m["n_inventors"].to_numpy(dtype=float), 1)})
    long = long.drop_duplicates(["id", "r"])  # one person twice on a document counts once
    long["cites"] = cites[long["r"].to_numpy()]
    if uk != "documents":
        fkey = basis.count_key(table, uk).to_numpy(dtype=object)
        fam_cites = pd.Series(cites).groupby(fkey).sum()
        long["f"] = fkey[long["r"].to_numpy()]
        sort_y = np.nan_to_num(years[long["r"].to_numpy()], nan=np.inf)
        long = long.assign(_y=sort_y).sort_values(["_y", "r"], kind="stable").drop_duplicates(["id", "f"])
        long["cites"] = fam_cites.reindex(long["f"]).to_numpy()
        long = long.drop(columns=["_y", "f"])
    rr = long["r"].to_numpy()
    long["grant"] = granted[rr]
    long["core"] = core_flag[rr]
    long["year"] = years[rr]
    # the inventor's applicant on a document: of the document's applicants, the one on most
    # of the inventor's documents (a co-applied document keeps the inventor's home employer)
    if app_col in table.columns and len(long):
        a_rows, a_vals = _long(table[app_col])
        ia = long[["id", "r"]].merge(pd.DataFrame({"r": a_rows, "app": a_vals,
                                                   "o": pd.Series(a_rows).groupby(a_rows).cumcount().to_numpy()}),
                                     on="r")
        ia["n"] = ia.groupby(["id", "app"])["r"].transform("size")
        home = ia.sort_values(["id", "r", "n", "o"], ascending=[True, True, False, True]).drop_duplicates(["id", "r"])
        long = long.merge(home[["id", "r", "app"]], on=["id", "r"], how="left")
        n_apps = ia.groupby("id")["app"].nunique()
    else:
        long["app"] = None
        n_apps = pd.Series(dtype="int64")
    long["ipc"] = main_ipc_doc[rr]
    if segment is not None:
        seg = table[segment].map(lambda v: v[0] if isinstance(v, list | tuple) and v else v)
        long["seg"] = seg.to_numpy(dtype=object)[rr]
    g = long.groupby("id", sort=False)
    out = pd.DataFrame({
        "documents": g.size(),
        "fractional": g["frac"].sum(),
        "grants": g["grant"].sum().astype("int64"),
        "core_patents": g["core"].sum().astype("int64"),
        "first_inventor_share": g["first"].mean(),
        "forward_citations": g["cites"].sum(),
        "first_year": g["year"].min(),
        "last_year": g["year"].max(),
    })
    out["applicants"] = n_apps.reindex(out.index).fillna(0).astype("int64")
    out["h_index"] = _h_by_group(long["id"].to_numpy(dtype=object), long["cites"].to_numpy(dtype=float))
    out["active_span"] = out["last_year"] - out["first_year"] + 1

    def mode_of(col: str, keys: Sequence[str] = ("id",)) -> pd.Series:
        x = long.dropna(subset=[col]).groupby([*keys, col]).size().rename("n").reset_index()
        x = x.sort_values([*keys, "n", col], ascending=[True] * len(keys) + [False, True])
        return x.drop_duplicates(list(keys)).set_index(list(keys))[col]

    out["main_applicant"] = mode_of("app")
    yearly = mode_of("app", ("id", "year")).reset_index().sort_values(["id", "year"])
    change = (yearly["id"].to_numpy()[1:] == yearly["id"].to_numpy()[:-1]) & (
        yearly["app"].to_numpy()[1:] != yearly["app"].to_numpy()[:-1])
    moves = pd.Series(change, index=yearly["id"].to_numpy()[1:]).groupby(level=0).sum()
    out["moves"] = moves.reindex(out.index).fillna(0).astype("int64")
    out["current_applicant"] = yearly.drop_duplicates("id", keep="last").set_index("id")["app"]
    out["main_ipc"] = mode_of("ipc")
    if segment is not None:
        out["main_segment"] = mode_of("seg")
    names = mentions.drop_duplicates("inventor_id").set_index("inventor_id")["inventor_name"] \
        if "inventor_name" in mentions.columns else pd.Series(dtype=object)
    out.insert(0, "name", names.reindex(out.index))
    n_max = float(out["documents"].max()) if len(out) else float("nan")
    price = 0.749 * np.sqrt(n_max) if len(out) else float("nan")
    out["price_core"] = out["documents"] >= price
    for c in ("first_year", "last_year", "active_span"):
        out[c] = out[c].astype("Int64")
    out["forward_citations"] = out["forward_citations"].astype("int64")
    out.index.name = "inventor_id"
    out = out.reset_index().sort_values(["documents", "forward_citations", "inventor_id"],
                                        ascending=[False, False, True], kind="stable").reset_index(drop=True)
    total = float(out["documents"].sum())
    out.attrs.update(**basis.unit_attrs(uk), counting="whole (documents) and fractional (fractional)",
                     price_threshold=float(price), n_max=n_max,
                     price_core_share=float(out.loc[out["price_core"], "documents"].sum() / total) if total else
                     float("nan"), core_rule=core_how, dropped=dict(mentions.attrs.get("dropped", {})))
    return out


# --------------------------------------------------------------------------- network and teams


def _mentions_of(data: pd.DataFrame, options: Mapping[str, object] | None, purpose: str) -> pd.DataFrame:
    opts = _disambiguation_options(options, purpose)
    if "inventor_id" in data.columns and "pub_no" in data.columns:
        return data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        return disambiguate_inventors(data, **opts)  # type: ignore[arg-type]


def coinventor_network(data: pd.DataFrame, min_weight: int = 1, unit: str = "applications", seed: int = 0,
                       options: Mapping[str, object] | None = None) -> nx.Graph:
    """Co-inventor network (发明人合作网络) with centrality and communities on the nodes.

    ``data`` is the canonical table (disambiguated first, with ``options`` — a dict of
    :func:`disambiguate_inventors` keywords) or a mention
    table from :func:`disambiguate_inventors`. Nodes are ``inventor_id`` with attributes
    ``name``, ``documents``, ``degree``, ``weighted_degree``, ``betweenness``
    (normalised; shortest paths on distance = 1/weight) and ``community`` (Louvain,
    seeded); edges carry ``weight`` = co-invented applications (件, default; families 项
    with ``unit='families'``, documents 篇 with ``unit='documents'``) and ``distance`` =
    1/weight; lighter edges than ``min_weight`` are dropped. Built by
    :func:`navtrain.applicants.collaboration_network` on the per-document list of ids and
    measured by :func:`navtrain.applicants.network_metrics` (exact betweenness up to 1,000
    nodes per component, sampled beyond). Source: Newman (2001)
    co-authorship networks; Blondel et al. (2008).

    >>> from navtrain import load_sample
    >>> G = coinventor_network(load_sample())
    >>> G.number_of_nodes(), G.number_of_edges()
    (16, 11)
    >>> top = max(G.nodes, key=lambda v: G.nodes[v]["betweenness"])
    >>> # 陈思远 is on the shortest paths of 11 of the C(16, 2) pairs: 2·11 / (15·14)
    >>> G.nodes[top]["name"], G.nodes[top]["degree"], round(G.nodes[top]["betweenness"], 4)
    ('陈思远', 4, 0.1048)
    """
    from navtrain.applicants import collaboration_network, network_metrics

    m = _mentions_of(data, options, "coinventor_network")
    frame = _id_lists(m, data)
    G = collaboration_network(frame, col="inventor_id", unit=unit, min_weight=min_weight)
    metrics = network_metrics(G, seed=seed).set_index("applicant")
    names = m.drop_duplicates("inventor_id").set_index("inventor_id")["inventor_name"] \
        if "inventor_name" in m.columns else pd.Series(dtype=object)
    for col in ("degree", "weighted_degree", "betweenness", "community", "community_size"):
        nx.set_node_attributes(G, metrics[col].to_dict(), col)
    nx.set_node_attributes(G, names.reindex(list(G.nodes)).to_dict(), "name")
    G.graph["kind"] = "co-inventor"
    G.graph.update(basis.unit_attrs(unit))
    return G


def _id_lists(m: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """One row per document: pub_no, family_id, app_date (for families), list of inventor ids."""
    from navtrain.names import regroup

    rows, docs = pd.factorize(m["pub_no"])
    codes, uniq = pd.factorize(m["inventor_id"])
    lists = regroup(np.asarray(rows, dtype=np.int64), np.asarray(codes, dtype=np.int64),
                     np.asarray(uniq, dtype=object), len(docs))  # ids per document, order kept, no repeats
    frame = pd.DataFrame({"pub_no": np.asarray(docs, dtype=object), "inventor_id": pd.Series(lists, dtype=object)})
    src = standardize_columns(data)
    if "family_id" in m.columns:
        fam = m.drop_duplicates("pub_no").set_index("pub_no")["family_id"]
        frame["family_id"] = fam.reindex(frame["pub_no"]).to_numpy()
    if "app_date" in src.columns and "pub_no" in src.columns and "inventors" in src.columns:
        d = src.drop_duplicates("pub_no").set_index("pub_no")
        for col in ("app_date", "app_no", "office"):  # what the unit needs (application numbers for 件)
            if col in d.columns:
                frame[col] = d[col].reindex(frame["pub_no"]).to_numpy()
    elif "year" in m.columns:
        y = m.drop_duplicates("pub_no").set_index("pub_no")["year"]
        frame["app_date"] = pd.to_datetime({"year": y.reindex(frame["pub_no"]).fillna(1900).astype(int).to_numpy(),
                                            "month": 1, "day": 1})
    return frame


def inventor_teams(data: pd.DataFrame, mentions: pd.DataFrame | None = None, G: nx.Graph | None = None,
                   min_size: int = 2, top_fields: int = 3,
                   options: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Teams (研发团队): the communities of the co-inventor network, described.

    One row per community with at least ``min_size`` members: ``team`` (0 = largest),
    ``size`` (members), ``leader`` / ``leader_id`` (the member with most documents,
    ties by weighted degree), ``members`` (names, most productive first),
    ``documents`` (distinct documents naming any member, 件), ``applicants`` (the main
    applicants of the team's documents, most frequent first, ``;``-joined),
    ``main_fields`` (the ``top_fields`` most frequent IPC subclasses), ``first_year``,
    ``last_year``. ``data`` is the canonical table (needed for the IPC fields);
    ``mentions`` and ``G`` are computed when not given (``options``: a dict of
    :func:`disambiguate_inventors` keywords).

    >>> from navtrain import load_sample
    >>> t = inventor_teams(load_sample())
    >>> t[["size", "leader"]].head(2).values.tolist()
    [[4, '陈思远'], [3, '王静怡']]
    """
    table = standardize_columns(data)
    m = mentions if mentions is not None else _mentions_of(table, options, "inventor_teams")
    G = G if G is not None else coinventor_network(m)
    check_columns(m, ["pub_no", "inventor_id"], "inventor_teams(mentions=...)")
    attrs = pd.DataFrame({
        "inventor_id": list(G.nodes),
        "community": [G.nodes[v].get("community") for v in G.nodes],
        "documents": [G.nodes[v].get("documents", 0) for v in G.nodes],
        "weighted_degree": [G.nodes[v].get("weighted_degree", 0) for v in G.nodes],
        "name": [G.nodes[v].get("name", v) for v in G.nodes],
    })
    if attrs["community"].isna().any():
        from navtrain.applicants import network_metrics

        com = network_metrics(G).set_index("applicant")["community"]
        attrs["community"] = com.reindex(attrs["inventor_id"]).to_numpy()
    attrs = attrs.sort_values(["community", "documents", "weighted_degree", "inventor_id"],
                              ascending=[True, False, False, True])
    size = attrs.groupby("community").size()
    attrs = attrs[attrs["community"].map(size) >= int(min_size)]
    cols = ["team", "size", "leader", "leader_id", "members", "documents", "applicants", "main_fields",
            "first_year", "last_year"]
    if attrs.empty:
        return pd.DataFrame(columns=cols)
    g = attrs.groupby("community", sort=True)
    out = pd.DataFrame({"size": g.size(), "leader": g["name"].first(), "leader_id": g["inventor_id"].first(),
                        "members": g["name"].agg(lambda s: ";".join(map(str, s)))})
    mc = m[["pub_no", "inventor_id"]].merge(attrs[["inventor_id", "community"]], on="inventor_id")
    dc = mc.drop_duplicates(["community", "pub_no"])
    out["documents"] = dc.groupby("community").size()
    doc_ids = _doc_ids(table)
    if "applicant" in m.columns:
        app = m.drop_duplicates("pub_no").set_index("pub_no")["applicant"]
        dc = dc.assign(app=app.reindex(dc["pub_no"]).to_numpy())
        out["applicants"] = (dc.dropna(subset=["app"]).groupby(["community", "app"]).size().rename("n")
                             .reset_index().sort_values(["community", "n", "app"], ascending=[True, False, True])
                             .groupby("community")["app"].agg(lambda s: ";".join(s.head(3))))
    i_rows, i_vals = _subclasses(table)
    ipc = pd.DataFrame({"pub_no": doc_ids[i_rows], "s": i_vals})
    f = dc[["community", "pub_no"]].merge(ipc, on="pub_no")
    out["main_fields"] = (f.groupby(["community", "s"]).size().rename("n").reset_index()
                          .sort_values(["community", "n", "s"], ascending=[True, False, True])
                          .groupby("community")["s"].agg(lambda s: ";".join(s.head(int(top_fields)))))
    if "year" in m.columns:
        y = m.drop_duplicates("pub_no").set_index("pub_no")["year"]
        dy = dc.assign(y=pd.to_numeric(y.reindex(dc["pub_no"]).to_numpy(), errors="coerce"))
        out["first_year"] = dy.groupby("community")["y"].min().astype("Int64")
        out["last_year"] = dy.groupby("community")["y"].max().astype("Int64")
    out = out.sort_values(["size", "documents"], ascending=[False, False], kind="stable").reset_index(drop=True)
    out.insert(0, "team", np.arange(len(out)))
    out = out.reindex(columns=cols)
    out.attrs.update(basis.unit_attrs("documents"))  # documents: distinct documents naming a member
    return out


# --------------------------------------------------------------------------- talent list


def _segments_long(table: pd.DataFrame, segments: pd.DataFrame | None) -> pd.DataFrame:
    """(pub_no, segment) rows from a long table or a ``segment`` column of ``table``."""
    if segments is not None:
        seg = standardize_columns(segments)
        check_columns(seg, ["pub_no", "segment"], "talent_list(segments=...) (the table of map_segments)")
        return seg[["pub_no", "segment"]].dropna().drop_duplicates()
    check_columns(table, ["segment"], "talent_list (a 'segment' column, or segments=map_segments(df, chain))")
    cells = table["segment"]
    frame = pd.DataFrame({"pub_no": _doc_ids(table), "segment": cells.to_numpy(dtype=object)})
    frame = frame.explode("segment") if cells.map(lambda v: isinstance(v, list | tuple)).any() else frame
    return frame.dropna().drop_duplicates()


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    if weights is None:
        return dict(DEFAULT_TALENT_WEIGHTS)
    out: dict[str, float] = {}
    for k, v in weights.items():
        key = _WEIGHT_ALIASES.get(str(k).strip().lower())
        if key is None:
            raise UnknownNameError(f"unknown talent weight {k!r}",
                                   fix=f"use some of {', '.join(DEFAULT_TALENT_WEIGHTS)}",
                                   hint="权重名称不对，可用：目标环节申请量、核心专利、h指数、近期活跃度、中介中心性、合作者数")
        out[key] = float(v)
    total = sum(out.values())
    if total <= 0:
        raise SchemaError("talent weights must add up to more than 0", fix="pass positive weights",
                          hint="权重之和必须大于 0")
    return {k: v / total for k, v in out.items()}


def talent_list(
    df: pd.DataFrame,
    gap_segments: Iterable[str] | str,
    segments: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    metrics: pd.DataFrame | None = None,
    G: nx.Graph | None = None,
    score: object = None,
    core: object = None,
    core_quantile: float = 0.9,
    weights: Mapping[str, float] | None = None,
    region: str | None = None,
    scope: str = "all",
    recent: int = 5,
    cutoff: object = None,
    lag_months: int | None = None,
    min_documents: int = 2,
    top: int | None = None,
    options: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """The talent list (人才清单) for gap segments, with an evidence breakdown.

    Candidates: inventors with at least ``min_documents`` documents in the
    ``gap_segments`` (segment codes; from ``segments`` — a long (pub_no, segment) table
    such as ``map_segments`` returns — or a ``segment`` column of ``df``).
    Evidence columns per candidate: ``segment_documents`` (documents in the gap
    segments, 件), ``segments`` (which ones), ``core_patents`` (core patents among
    them; see :func:`inventor_metrics` for ``score``/``core``), ``documents`` (all),
    ``forward_citations``, ``h_index``, ``recency`` (share of the gap-segment documents
    filed in the recent window or later: the window is the last ``recent`` complete filing
    years at the data cut-off ``cutoff`` — default :func:`navtrain.basis.resolve_cutoff`;
    a year is incomplete while 31 Dec + ``lag_months`` (None: 18) is after the cut-off,
    :func:`navtrain.basis.incomplete_years` — and filings of the incomplete years after it
    count as recent too; ``attrs['recent_years']`` gives the window), ``last_year``,
    ``centrality`` (betweenness in the co-inventor network),
    ``team_size`` (distinct co-inventors), ``current_applicant``, ``province`` (of the
    current applicant's documents) and ``local`` (province equals ``region``; a
    missing province — a foreign applicant — is not local; NaN when ``region`` is None).

    Score: ``talent_score`` = Σ_k w_k · x_k / max(x_k) over the candidates, each
    component scaled to [0, 1] by its maximum (0 when the maximum is 0), weights
    ``DEFAULT_TALENT_WEIGHTS`` (documents 0.30, core patents 0.20, h-index 0.15, recency
    0.15, centrality 0.10, team size 0.10) or ``weights`` (renormalised to sum 1). The
    ``score_*`` columns give each weighted term, so the total is explained. Quantity ×
    quality after Ernst, Leptien & Vitt (2000). ``scope``: 'all', 'external' (not
    ``local``: candidates to attract, 引进) or 'local' (to cultivate, 培养). Ranked by
    score; ``rank`` starts at 1; ``top`` rows kept (default None: every candidate, the list
    is a deliverable). ``mentions`` are computed when not given, with ``options`` (a dict
    of :func:`disambiguate_inventors` keywords). ``attrs`` record ``cutoff``, ``recent``,
    ``recent_years`` and the unit (segment documents are counted per document, 篇).

    A ranking of candidates for interviews, not a judgement of people.

    >>> from navtrain import load_sample
    >>> s = load_sample().assign(segment=lambda d: d["ipc"].map(lambda v: "crystal" if any(
    ...     x.startswith("C30B") for x in v) else "tools"))
    >>> t = talent_list(s, ["crystal"], core=["CN104651001B"], region="河南省")
    >>> t[["name", "segment_documents", "core_patents", "recency"]].values.tolist()
    [['王静怡', 4, 1, 0.75], ['黄子轩', 3, 0, 1.0], ['李明远', 2, 1, 0.5]]
    >>> t.attrs["recent_years"]  # cut-off 2024-07-30: 2023 and 2024 are still incomplete
    [2018, 2022]
    """
    table = standardize_columns(df)
    cut = basis.resolve_cutoff(cutoff, table)
    lag = basis.resolve_lag(lag_months, "application")
    check_columns(table, ["inventors"], f"talent_list (needs {_IMPORT_STEP})")
    gaps = [gap_segments] if isinstance(gap_segments, str) else list(gap_segments)
    scope_key = {"all": "all", "全部": "all", "external": "external", "外部": "external", "引进": "external",
                 "local": "local", "本地": "local", "培养": "local"}.get(str(scope).strip().lower())
    if scope_key is None:
        raise UnknownNameError(f"unknown scope {scope!r}", fix="use 'all', 'external' or 'local'",
                               hint="scope 只能是 all（全部）、external（外部引进）或 local（本地培养）")
    if scope_key != "all" and region is None:
        raise SchemaError(f"scope={scope!r} needs region=", fix="pass region='河南省' (a province name)",
                          hint="按本地/外部筛选时需指定地区")
    w = _weights(weights)
    seg_long = _segments_long(table, segments)
    if int(recent) < 1:
        raise SchemaError(f"recent must be >= 1, got {recent}", fix="pass the number of recent years, e.g. 5",
                          hint="近期年数至少为 1")
    m = mentions if mentions is not None else _mentions_of(table, options, "talent_list")
    if metrics is None:
        metrics = inventor_metrics(table, mentions=m, score=score, core=core)
    G = G if G is not None else coinventor_network(m)
    doc_ids = _doc_ids(table)
    in_gap = seg_long[seg_long["segment"].isin(gaps)]
    mg = m[["pub_no", "inventor_id", "year"]].drop_duplicates(["pub_no", "inventor_id"]).merge(
        in_gap, on="pub_no")
    cols = ["rank", "inventor_id", "name", "talent_score", "segment_documents", "segments", "core_patents",
            "documents", "forward_citations", "h_index", "recency", "last_year", "centrality", "team_size",
            "current_applicant", "province", "local"]
    if cutoff is None and cut == basis.resolve_cutoff(None) and np.isfinite(_years(table)).any():
        cut = pd.Timestamp(year=int(np.nanmax(_years(table))), month=12, day=31)  # stated years only
    span = range((cut - pd.DateOffset(months=lag)).year - 1, cut.year + 1)  # the first year is always complete
    flagged = set(basis.incomplete_years(span, cut, lag))
    last_complete = max(y for y in span if y not in flagged)
    window = [last_complete - int(recent) + 1, last_complete]
    info = dict(cutoff=cut, recent=int(recent), recent_years=window, lag_months=lag, **basis.unit_attrs("documents"))
    if mg.empty:
        out = pd.DataFrame(columns=cols)
        out.attrs.update(weights=w, gap_segments=gaps, **info)
        return out
    g = mg.drop_duplicates(["pub_no", "inventor_id"]).groupby("inventor_id")
    ev = pd.DataFrame({"segment_documents": g.size()})
    ev["segments"] = mg.groupby("inventor_id")["segment"].agg(lambda s: ";".join(sorted(set(s))))
    core_flag, core_how = _core_flags(table, score, core, core_quantile, segments=in_gap)
    core_docs = set(doc_ids[core_flag])
    ev["core_patents"] = (mg.drop_duplicates(["pub_no", "inventor_id"]).assign(c=lambda d: d["pub_no"].isin(core_docs))
                          .groupby("inventor_id")["c"].sum().astype("int64"))
    recent_docs = mg.drop_duplicates(["pub_no", "inventor_id"]).assign(
        r=lambda d: pd.to_numeric(d["year"], errors="coerce").to_numpy(dtype=float) >= window[0])
    ev["recency"] = recent_docs.groupby("inventor_id")["r"].mean()
    ev = ev[ev["segment_documents"] >= int(min_documents)]
    met = metrics.set_index("inventor_id")
    for c in ("name", "documents", "forward_citations", "h_index", "last_year", "current_applicant"):
        ev[c] = met[c].reindex(ev.index)
    ev["centrality"] = pd.Series(nx.get_node_attributes(G, "betweenness")).reindex(ev.index).fillna(0.0)
    ev["team_size"] = pd.Series(dict(G.degree())).reindex(ev.index).fillna(0).astype("int64")
    if "province" in table.columns:
        prov = pd.DataFrame({"pub_no": doc_ids, "province": table["province"].to_numpy(dtype=object)})
        pa = m[["pub_no", "inventor_id", "applicant"]].merge(prov, on="pub_no").dropna(subset=["province"])
        pa = pa.merge(ev[["current_applicant"]], left_on="inventor_id", right_index=True)
        pa = pa[pa["applicant"] == pa["current_applicant"]]
        pv = (pa.groupby(["inventor_id", "province"]).size().rename("n").reset_index()
              .sort_values(["inventor_id", "n"], ascending=[True, False]).drop_duplicates("inventor_id"))
        ev["province"] = pv.set_index("inventor_id")["province"].reindex(ev.index)
    else:
        ev["province"] = None
    # no province (a foreign applicant, or no address) counts as not local
    ev["local"] = (ev["province"] == region).astype(bool) if region else np.nan
    if scope_key == "external":
        ev = ev[~ev["local"].astype(bool)]
    elif scope_key == "local":
        ev = ev[ev["local"].astype(bool)]
    total = pd.Series(0.0, index=ev.index)
    for k, wk in w.items():
        x = pd.to_numeric(ev[k], errors="coerce").astype(float).fillna(0.0)
        mx = float(x.max()) if len(x) else 0.0
        part = wk * (x / mx if mx > 0 else 0.0)
        ev[f"score_{k}"] = part
        total = total + part
    ev["talent_score"] = total
    ev = ev.reset_index().rename(columns={"index": "inventor_id"})
    ev = ev.sort_values(["talent_score", "segment_documents", "inventor_id"], ascending=[False, False, True],
                        kind="stable").reset_index(drop=True)
    ev.insert(0, "rank", np.arange(1, len(ev) + 1))
    ev = ev[cols + [c for c in ev.columns if c.startswith("score_")]]
    if top is not None:
        ev = ev.head(int(top))
    ev.attrs.update(weights=w, gap_segments=gaps, core_rule=core_how, region=region, scope=scope_key,
                    **info, note="candidates for interviews, not conclusions (候选名单，需访谈核实)")
    return ev


def candidate_table(talent: pd.DataFrame, top: int | None = None, stale_years: int = 3) -> pd.DataFrame:
    """The candidate evaluation table (候选人评价表): computed evidence + columns to fill.

    Keeps the ``top`` candidates of :func:`talent_list` (default None: all) and their
    evidence, adds ``risk_flags`` computed from it (``近年无申请`` when the last filing is
    more than ``stale_years`` before the year of the list's data cut-off, ``attrs['cutoff']``;
    ``单位变动`` when the current
    applicant differs from the main one is not known here, so only ``非本地`` when
    ``local`` is False and ``同名需核实`` when the name appears under two ids), and
    empty columns for the analyst: ``contact_status`` (联系状态), ``fit`` (匹配度),
    ``risk_notes`` (风险提示), ``notes`` (备注). Headers are Chinese (英文名 in
    ``attrs['columns']``).

    >>> from navtrain import load_sample
    >>> s = load_sample().assign(segment="tools")
    >>> c = candidate_table(talent_list(s, "tools", core=[]), top=2)
    >>> list(c.columns[:3]), c.columns[-4:].tolist(), len(c)
    (['排名', '发明人编号', '姓名'], ['联系状态', '匹配度', '风险提示', '备注'], 2)
    """
    check_columns(talent, ["rank", "inventor_id", "name"], "candidate_table (the table of talent_list)")
    t = talent.head(int(top)) if top is not None else talent
    t = t.copy()
    ref = pd.Timestamp(talent.attrs["cutoff"]).year if talent.attrs.get("cutoff") is not None else None
    flags = pd.Series([[] for _ in range(len(t))], index=t.index, dtype=object)
    if ref is not None and "last_year" in t.columns:
        stale = pd.to_numeric(t["last_year"], errors="coerce") < int(ref) - int(stale_years)
        flags = flags.where(~stale.fillna(False), flags.map(lambda v: [*v, "近年无申请"]))
    if "local" in t.columns:
        far = t["local"].map(lambda v: v is False or v is np.False_)
        flags = flags.where(~far, flags.map(lambda v: [*v, "非本地"]))
    dup = t["name"].duplicated(keep=False)
    flags = flags.where(~dup, flags.map(lambda v: [*v, "同名需核实"]))
    t["risk_flags"] = flags.map(";".join)
    for c in ("contact_status", "fit", "risk_notes", "notes"):
        t[c] = ""
    zh = {"rank": "排名", "inventor_id": "发明人编号", "name": "姓名", "talent_score": "人才得分",
          "segment_documents": "目标环节申请量", "segments": "所属环节", "core_patents": "核心专利数",
          "documents": "申请总量", "forward_citations": "被引次数", "h_index": "h指数", "recency": "近期活跃度",
          "last_year": "最近申请年", "centrality": "中介中心性", "team_size": "合作者数",
          "current_applicant": "现任单位", "province": "所在省份", "local": "是否本地", "risk_flags": "风险标记",
          "contact_status": "联系状态", "fit": "匹配度", "risk_notes": "风险提示", "notes": "备注"}
    keep = [c for c in zh if c in t.columns]
    out = t[keep].rename(columns=zh).reset_index(drop=True)
    out.attrs.update(talent.attrs, columns={zh[c]: c for c in keep})
    return out


# --------------------------------------------------------------------------- charts


def plot_inventor_network(G: nx.Graph, top: int = 10, max_nodes: int = 150, seed: int = 0, ax: Axes | None = None,
                          title: str | None = None, save: str | Path | None = None) -> Axes:
    """Draw the co-inventor network: node size = documents, colour = community.

    Uses :func:`navtrain.applicants.plot_network` on a copy whose nodes are labelled by
    the inventor's name (``name (id)`` where two ids share a name); the ``top``
    inventors by documents are labelled, the ``max_nodes`` most productive inventors
    with a co-inventor are drawn.

    >>> from navtrain import load_sample
    >>> ax = plot_inventor_network(coinventor_network(load_sample()), top=2)
    >>> ax.get_title(), len(ax.collections[0].get_offsets())  # 16 people, 3 without co-inventors
    ('发明人合作网络', 13)
    """
    from navtrain.applicants import plot_network

    if not isinstance(G, nx.Graph):
        raise SchemaError("plot_inventor_network needs a networkx Graph",
                          fix="build one with navtrain.coinventor_network(df)",
                          hint="请先用 coinventor_network 生成发明人合作网络")
    names = {v: str(G.nodes[v].get("name") or v) for v in G.nodes}
    counts = pd.Series(list(names.values())).value_counts()
    label = {v: (f"{n} ({v})" if counts[n] > 1 else n) for v, n in names.items()}
    H = nx.relabel_nodes(G, label, copy=True)
    return plot_network(H, top=top, max_nodes=max_nodes, seed=seed, ax=ax,
                        title="发明人合作网络" if title is None else title, save=save)


RADAR_METRICS = ("documents", "fractional", "core_patents", "h_index", "first_inventor_share", "active_span")


def plot_talent_radar(metrics: pd.DataFrame, inventors: Sequence[str], columns: Sequence[str] = RADAR_METRICS,
                      ax: Axes | None = None, title: str | None = None, save: str | Path | None = None) -> Axes:
    """Radar chart (人才雷达图) comparing inventors on normalised metrics.

    ``metrics`` is :func:`inventor_metrics` or :func:`talent_list`; ``inventors`` are
    ids or names. Each metric is divided by its maximum over the whole table (so 1 =
    the best in the field, not only among the drawn inventors). Polar axes, one
    polygon per inventor, Chinese axis labels. Returns the polar Axes.

    >>> from navtrain import load_sample
    >>> m = inventor_metrics(load_sample(), core=[])
    >>> ax = plot_talent_radar(m, ["王静怡", "黄子轩"])
    >>> ax.name, len(ax.lines), ax.get_title()
    ('polar', 2, '发明人雷达图')
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from navtrain.plots import PALETTE, new_axes, save_chart

    check_columns(metrics, ["inventor_id", "name"], "plot_talent_radar (the table of inventor_metrics)")
    cols = [c for c in columns if c in metrics.columns]
    if len(cols) < 3:
        raise SchemaError(f"a radar chart needs at least 3 metric columns, found {cols}",
                          fix=f"pass columns= with 3 or more of {', '.join(metrics.columns)}",
                          hint="雷达图至少需要三个指标")
    wanted = list(inventors)
    pick = metrics[metrics["inventor_id"].isin(wanted) | metrics["name"].isin(wanted)]
    missing = [x for x in wanted if x not in set(pick["inventor_id"]) | set(pick["name"])]
    if missing:
        raise UnknownNameError(f"unknown inventors {missing}", fix="pass inventor_id or names of the metrics table",
                               hint="发明人不在指标表中")
    if ax is None or ax.name != "polar":
        new_axes(None)
        plt.close(plt.gcf())
        fig = plt.figure(figsize=(6, 6))
        ax = fig.add_subplot(projection="polar")
    values = metrics[cols].apply(pd.to_numeric, errors="coerce").astype(float)
    scaled = values / values.max().where(values.max() > 0)
    angles = np.linspace(0, 2 * np.pi, len(cols), endpoint=False)
    colors = sns.color_palette(PALETTE, n_colors=max(len(pick), 1))
    dup = pick["name"].duplicated(keep=False)
    labels = np.where(dup.to_numpy(), pick["name"].astype(str) + " (" + pick["inventor_id"].astype(str) + ")",
                      pick["name"].astype(str))
    for i, (idx, lab) in enumerate(zip(pick.index, labels, strict=True)):
        v = scaled.loc[idx].fillna(0.0).to_numpy()
        ax.plot(np.r_[angles, angles[0]], np.r_[v, v[0]], color=colors[i], linewidth=1.8, label=lab)
        ax.fill(np.r_[angles, angles[0]], np.r_[v, v[0]], color=colors[i], alpha=0.15)
    ax.set_xticks(angles)
    ax.set_xticklabels([METRIC_ZH.get(c, c) for c in cols])
    ax.set_ylim(0, 1)
    ax.set_yticks([0.25, 0.5, 0.75, 1.0])
    ax.set_yticklabels(["", "0.5", "", "1"], fontsize="small")
    ax.legend(loc="upper right", bbox_to_anchor=(1.3, 1.1), fontsize="small")
    ax.set_title("发明人雷达图" if title is None else title, pad=20)
    if save is not None:
        save_chart(ax, save)
    return ax
