"""Industry chain (产业链): segment mapping, the region × nation × world table, 强链/补链/延链.

The industrial-planning navigation of GB/T 39551.3 (and the regional indicators of
GB/T 39551.2) asks where a region stands along an industry chain and where it should
strengthen (强链), fill (补链) or extend (延链) it. This module does the patent side:

1. :func:`load_chain` reads a chain spec (``navtrain/data/chains/<case>.toml`` or the
   trainee's own copy of ``navtrain/data/chain_template.toml``): segments upstream →
   midstream → downstream, each with IPC patterns and keywords, plus optional links.
2. :func:`map_segments` maps documents to segments (multi-label, overlap reported).
3. :func:`segment_table` counts per segment for a region, the nation and the world,
   with shares, CAGR, RTA, core-patent share and local players.
4. :func:`diagnose_chain` applies one documented, parameterised rule (强链/补链/延链/维持).
5. :func:`attraction_list` ranks external holders of the gap segments (重点企业清单).
6. :func:`plot_chain_map` draws the chain map coloured by the region's RTA.

The diagnosis is a teaching heuristic that produces candidates for the analyst to check,
not conclusions. See ``docs/methods/chain.md``.
"""

from __future__ import annotations

import itertools
import re
import tomllib
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from navtrain import basis
from navtrain.errors import NavtrainError, NavtrainWarning, SchemaError, UnknownNameError
from navtrain.schema import BY_NAME, standardize_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "DIAGNOSES",
    "TIERS",
    "Chain",
    "ChainSegment",
    "ChainSpecError",
    "attraction_list",
    "diagnose_chain",
    "diagnosis_rule",
    "load_chain",
    "map_segments",
    "plot_chain_map",
    "segment_table",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
CHAINS_DIR = DATA_DIR / "chains"
TEMPLATE_PATH = DATA_DIR / "chain_template.toml"

TIERS: tuple[str, ...] = ("upstream", "midstream", "downstream")
TIER_ZH = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}
_TIER_ALIASES = {**{t: t for t in TIERS}, **{v: k for k, v in TIER_ZH.items()},
                 "up": "upstream", "mid": "midstream", "down": "downstream"}
#: the four labels of :func:`diagnose_chain`
DIAGNOSES: tuple[str, ...] = ("强链", "补链", "延链", "维持")
#: evidence order for the primary segment of a document (strongest first)
_EVIDENCE = ("ipc_main", "ipc", "keyword", "ipc_extra")
_BY_ALIASES = {"ipc": "ipc", "all_ipc": "ipc", "ipc_main": "ipc_main", "main": "ipc_main", "main_ipc": "ipc_main",
               "ipc_extra": "ipc_extra", "extra": "ipc_extra", "keywords": "keyword", "keyword": "keyword",
               "kw": "keyword", "关键词": "keyword", "分类号": "ipc"}
_LABELS = {"primary": "primary", "main": "primary", "主": "primary", "all": "all", "multi": "all", "全部": "all"}

#: which step of the workflow provides a column (named in missing-column errors)
_PROVIDED_BY = {
    "pub_no": "the import (navtrain.read_patents / load_dataset)",
    "office": "the import (navtrain.read_patents derives it from the publication number)",
    "ipc": "the import (navtrain.read_patents: the IPC分类号 field)",
    "ipc_main": "the import (navtrain.read_patents: the IPC主分类号 field)",
    "title": "the import (navtrain.read_patents: 标题)",
    "abstract": "the import (navtrain.read_patents: 摘要)",
    "province": "the import's region normalisation (navtrain.read_patents fills province from the "
                "applicant address or the administrative code)",
    "app_date": "the import's date parsing (navtrain.read_patents / to_patent_table)",
    "applicants_std": "applicant harmonisation (navtrain.harmonize)",
    "applicants": "the import (navtrain.read_patents: 申请人)",
    "family_id": "the import (navtrain.read_patents: 简单同族)",
}


class ChainSpecError(NavtrainError, ValueError):
    """A chain spec file that cannot be used; the message names the file and line."""


# =========================================================================== spec
@dataclass(frozen=True)
class ChainSegment:
    """One chain segment (环节) of a :class:`Chain`."""

    id: str
    name: str
    name_en: str
    tier: str
    ipc: tuple[str, ...]
    ipc_extra: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Chain:
    """An industry-chain spec: ordered segments and the links between them.

    ``links`` holds (source, target, kind) triples: kind ``tier`` for the default
    upstream → midstream → downstream links, ``feeds`` and ``extends`` for links
    written in the file. ``region`` is the spec's default region (``[region] province``).
    """

    case: str
    title: str
    segments: tuple[ChainSegment, ...]
    links: tuple[tuple[str, str, str], ...]
    region: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    #: the whole parsed file, so that other readers of the same spec (the dataset generator,
    #: :func:`navtrain.synth.load_case`) take their own tables from this one read
    data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.segments]

    def segment(self, sid: str) -> ChainSegment:
        for s in self.segments:
            if s.id == sid:
                return s
        raise UnknownNameError(f"unknown segment {sid!r} in chain {self.case!r}",
                               fix=f"use one of: {', '.join(self.ids)}", hint="产业链中没有这个环节")

    @property
    def frame(self) -> pd.DataFrame:
        """The segments as a DataFrame (one row per segment, in spec order)."""
        return pd.DataFrame({
            "segment": [s.id for s in self.segments],
            "segment_name": [s.name for s in self.segments],
            "name_en": [s.name_en for s in self.segments],
            "tier": [s.tier for s in self.segments],
            "tier_zh": [TIER_ZH[s.tier] for s in self.segments],
            "ipc": [list(s.ipc) for s in self.segments],
            "ipc_extra": [list(s.ipc_extra) for s in self.segments],
            "keywords": [list(s.keywords) for s in self.segments],
            "feeds": [list(s.feeds) for s in self.segments],
            "extends": [list(s.extends) for s in self.segments],
            "line": [s.line for s in self.segments],
        })


def _chain_names() -> list[str]:
    return sorted(p.stem for p in CHAINS_DIR.glob("*.toml") if not p.stem.startswith("_"))


def load_chain(source: str | Path | Chain | Mapping[str, Any]) -> Chain:
    """Read and check an industry-chain spec: a bundled case name, ``"template"`` or a path.

    The file is the chain spec the generator also reads (``navtrain/data/chains/<case>.toml``);
    this reader uses ``[[segments]]`` with ``id``, ``name``, ``name_en``, ``tier``
    (upstream / midstream / downstream, or 上游/中游/下游), ``ipc`` (IPC prefix patterns),
    ``ipc_extra``, ``keywords`` and the optional links ``feeds = [ids]`` (this segment
    supplies those) and ``extends = [ids]`` (this segment extends the chain from those: a
    new product, service or application built on them). Default links run tier by tier,
    upstream → midstream → downstream. Checks, each a one-line :class:`ChainSpecError`
    naming the file and line: TOML syntax, missing or duplicate segment id, unknown tier,
    an IPC pattern that is not an IPC symbol, a link to an unknown segment, and a cycle in
    the links. An IPC subclass absent from navtrain's label tables only warns.

    Pattern semantics (prefix on the normalised symbol): ``C30B`` a whole subclass,
    ``C30B29`` or ``C30B29/00`` a whole main group, ``C30B29/04`` that group and the
    symbols that extend it (``C30B29/045``).

    >>> chain = load_chain("superhard")
    >>> chain.segment("hpht_crystal").tier, len(chain.segments)
    ('midstream', 15)
    >>> chain.frame.loc[0, ["segment", "tier_zh"]].tolist()
    ['graphite_catalyst', '上游']
    """
    if isinstance(source, Chain):
        return source
    if isinstance(source, Mapping):
        return _chain_from_data(dict(source), [], Path("<dict>"))
    text_source = str(source)
    if text_source == "template":
        path = TEMPLATE_PATH
    elif text_source.endswith(".toml") or Path(text_source).is_file():
        path = Path(text_source)
    else:
        path = CHAINS_DIR / f"{text_source}.toml"
    if not path.is_file():
        raise UnknownNameError(f"unknown chain {text_source!r} (no such case or file)",
                               fix=f"use one of: {', '.join(_chain_names())}, 'template', or a path to a .toml file",
                               hint="找不到该产业链文件或案例名称")
    return _chain_from_text(path.read_text(encoding="utf-8"), path)


def _fail(path: Path, line: int, problem: str, fix: str, hint: str) -> ChainSpecError:
    where = f"{path.name} line {line}" if line else path.name
    return ChainSpecError(f"{where}: {problem}", fix=fix, hint=hint)


_HEADER_RX = re.compile(r"^\s*\[\[\s*segments\s*\]\]\s*(#.*)?$")


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) 0-based line ranges of each ``[[segments]]`` table."""
    starts = [i for i, ln in enumerate(lines) if _HEADER_RX.match(ln)]
    ends = []
    for k, s in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(lines)
        for j in range(s + 1, stop):  # a following [table] ends the block too
            if re.match(r"^\s*\[", lines[j]) and not re.match(r"^\s*\[\[\s*segments\s*\]\]", lines[j]):
                stop = j
                break
        ends.append(stop)
    return list(zip(starts, ends, strict=True))


def _find_line(lines: list[str], block: tuple[int, int], key: str, value: str | None = None) -> int:
    """1-based line of ``key = ...`` (and of ``"value"`` inside it) within a block; 0 if not found."""
    lo, hi = block
    if hi <= lo:
        return 0
    key_rx = re.compile(rf"^\s*{re.escape(key)}\s*=")
    key_line = next((i for i in range(lo, hi) if key_rx.match(lines[i])), None)
    if value is not None:
        needle_rx = re.compile(r"""["']""" + re.escape(value) + r"""["']""")
        start = key_line if key_line is not None else lo
        for i in range(start, hi):
            if needle_rx.search(lines[i]):
                return i + 1
    return key_line + 1 if key_line is not None else lo + 1


_PATTERN_RX = re.compile(r"^(?P<sub>[A-H][0-9]{2}[A-Z])(?:(?P<fmain>[0-9]{4})(?P<fsub>[0-9]{6})"
                         r"|(?P<main>[0-9]{1,4})(?:/(?P<grp>[0-9]{2,6}))?)?$")


@lru_cache(maxsize=4096)
def _norm_pattern(pattern: str) -> str | None:
    """IPC pattern → the prefix matched against normalised symbols; None if not an IPC symbol.

    Same normalisation as :func:`navtrain.ipc.parse_ipc` (NFKC, upper case, no spaces,
    leading zeros of the main group and trailing zeros of the subgroup beyond two digits
    dropped); a main group alone or ``/00`` becomes the main-group prefix ``C30B29/``.

    >>> _norm_pattern("c30b 29/04"), _norm_pattern("C30B29/00"), _norm_pattern("C30B"), _norm_pattern("C3OB")
    ('C30B29/04', 'C30B29/', 'C30B', None)
    """
    raw = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(pattern)).upper())
    m = _PATTERN_RX.match(raw)
    if m is None:
        return None
    main = (m["fmain"] or m["main"] or "").lstrip("0")
    if not (m["fmain"] or m["main"]):
        return m["sub"]
    if not main:
        return None
    grp = (m["fsub"] or m["grp"] or "").rstrip("0").ljust(2, "0")
    if grp == "00":
        return f"{m['sub']}{main}/"
    return f"{m['sub']}{main}/{grp}"


@lru_cache(maxsize=1)
def _known_subclasses() -> frozenset[str]:
    known: set[str] = set()
    for name in ("ipc_subclass_labels.csv", "wipo_ipc_technology_35.csv"):
        path = DATA_DIR / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            known.update(m.group(0) for m in re.finditer(r"\b[A-H][0-9]{2}[A-Z]", text))
    return frozenset(known)


def _str_list(value: object) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    return None


def _chain_from_text(text: str, path: Path) -> Chain:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise _fail(path, int(m.group(1)) if m else 0, f"not valid TOML ({exc})",
                    fix="correct the syntax at that line (strings in quotes, lists in [ ])",
                    hint="TOML 语法错误，请检查该行的引号和括号") from None
    return _chain_from_data(data, text.splitlines(), path)


def _chain_from_data(data: dict[str, Any], lines: list[str], path: Path) -> Chain:
    blocks = _blocks(lines)
    raw_segments = data.get("segments")
    if not isinstance(raw_segments, list) or len(raw_segments) < 1:
        raise _fail(path, 0, "has no [[segments]] tables", fix="add one [[segments]] table per chain segment",
                    hint="产业链文件中没有定义任何环节（[[segments]]）")
    if len(blocks) != len(raw_segments):  # e.g. inline arrays of tables: fall back to no block positions
        blocks = [(0, len(lines))] * len(raw_segments)
    segments: list[ChainSegment] = []
    seen: dict[str, int] = {}
    for i, (sd, block) in enumerate(zip(raw_segments, blocks, strict=True)):
        header = block[0] + 1
        sid = sd.get("id")
        if not isinstance(sid, str) or not sid.strip():
            raise _fail(path, header, f"segment #{i + 1} has no id",
                        fix='add id = "short_name" (letters, digits, _) to that [[segments]] table',
                        hint="每个环节都需要 id")
        sid = sid.strip()
        id_line = _find_line(lines, block, "id", sid)
        if sid in seen:
            raise _fail(path, id_line, f"duplicate segment id {sid!r} (first at line {seen[sid]})",
                        fix="give every segment its own id", hint="环节 id 重复")
        seen[sid] = id_line
        tier_raw = str(sd.get("tier", "")).strip()
        tier = _TIER_ALIASES.get(tier_raw.lower(), _TIER_ALIASES.get(tier_raw))
        if tier is None:
            raise _fail(path, _find_line(lines, block, "tier"), f"segment {sid!r}: unknown tier {tier_raw!r}",
                        fix="use upstream / midstream / downstream (上游/中游/下游)",
                        hint="环节层级只能是上游、中游或下游")
        lists: dict[str, list[str]] = {}
        for key in ("ipc", "ipc_extra", "keywords", "feeds", "extends"):
            value = _str_list(sd.get(key))
            if value is None:
                raise _fail(path, _find_line(lines, block, key), f"segment {sid!r}: {key} must be a list of strings",
                            fix=f'write {key} = ["...", "..."]', hint=f"{key} 应为字符串列表")
            lists[key] = value
        if not lists["ipc"] and not lists["keywords"]:
            raise _fail(path, header, f"segment {sid!r} has neither ipc patterns nor keywords",
                        fix="add ipc = [...] and/or keywords = [...]", hint="环节至少需要分类号或关键词之一")
        for key in ("ipc", "ipc_extra"):
            for pat in lists[key]:
                norm = _norm_pattern(pat)
                line = _find_line(lines, block, key, pat)
                if norm is None:
                    raise _fail(path, line, f"segment {sid!r}: unknown IPC pattern {pat!r} in {key}",
                                fix="write an IPC symbol such as C30B, C30B29 or C30B29/04",
                                hint="分类号格式不正确")
                if norm[:4] not in _known_subclasses():
                    warnings.warn(f"{path.name} line {line}: segment {sid!r}: IPC subclass {norm[:4]} is not in "
                                  "navtrain's IPC tables; check for a typo (分类号小类不在已知列表中，请核对)",
                                  NavtrainWarning, stacklevel=3)
        segments.append(ChainSegment(
            id=sid, name=str(sd.get("name", sid)), name_en=str(sd.get("name_en", sd.get("name", sid))), tier=tier,
            ipc=tuple(lists["ipc"]), ipc_extra=tuple(lists["ipc_extra"]), keywords=tuple(lists["keywords"]),
            feeds=tuple(lists["feeds"]), extends=tuple(lists["extends"]), line=header))
    links = _links(segments, lines, blocks, path)
    region_section = data.get("region", {})
    region = {"province": region_section["province"]} if isinstance(region_section, Mapping) and \
        isinstance(region_section.get("province"), str) else {}
    label = region_section.get("label") if isinstance(region_section, Mapping) else None
    if region and isinstance(label, str):
        region["label"] = label
    return Chain(case=str(data.get("case", path.stem)), title=str(data.get("title", path.stem)),
                 segments=tuple(segments), links=tuple(links), region=region, path=str(path), data=data)


def _links(segments: list[ChainSegment], lines: list[str], blocks: list[tuple[int, int]],
           path: Path) -> list[tuple[str, str, str]]:
    """Default tier links plus the explicit ones; a cycle raises, naming the line."""
    import networkx as nx

    ids = {s.id: k for k, s in enumerate(segments)}
    explicit: dict[tuple[str, str], tuple[str, int]] = {}
    for s, block in zip(segments, blocks, strict=True):
        for key in ("feeds", "extends"):
            for other in getattr(s, key):
                line = _find_line(lines, block, key, other)
                if other not in ids:
                    raise _fail(path, line, f"segment {s.id!r}: {key} names unknown segment {other!r}",
                                fix=f"use one of: {', '.join(ids)}", hint="链接指向了不存在的环节")
                edge = (s.id, other) if key == "feeds" else (other, s.id)
                if edge[0] == edge[1]:
                    raise _fail(path, line, f"segment {s.id!r} links to itself (a cycle)",
                                fix="remove the self-link", hint="环节不能链接到自身（形成环）")
                explicit.setdefault(edge, (key, line))
    present = [t for t in TIERS if any(s.tier == t for s in segments)]
    default = [(a.id, b.id) for t0, t1 in itertools.pairwise(present)
               for a in segments if a.tier == t0 for b in segments if b.tier == t1]
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(default)
    links = [(a, b, "tier") for a, b in default if (a, b) not in explicit]
    for (a, b), (kind, line) in explicit.items():
        graph.add_edge(a, b)
        try:
            cycle = nx.find_cycle(graph, source=b)
        except nx.NetworkXNoCycle:
            cycle = []
        if cycle:
            loop = " → ".join([cycle[0][0], *[e[1] for e in cycle]])
            raise _fail(path, line, f"the chain links form a cycle: {loop}",
                        fix="links must run one way (upstream → downstream); remove or reverse this link",
                        hint="产业链环节之间的链接形成了环，请删除或调整该链接")
        links.append((a, b, kind))
    return links


# =========================================================================== helpers
def _need(table: pd.DataFrame, cols: Iterable[str], purpose: str) -> None:
    """Like check_columns, but names the workflow step that provides each missing column."""
    missing = [c for c in cols if c not in table.columns]
    if missing:
        parts = []
        for c in missing:
            zh = f" ({BY_NAME[c].zh})" if c in BY_NAME else ""
            step = _PROVIDED_BY.get(c)
            parts.append(f"'{c}'{zh}" + (f", provided by {step}" if step else ""))
        raise SchemaError(f"{purpose} needs {'columns' if len(missing) > 1 else 'column'} {'; '.join(parts)}, "
                          "which the table lacks",
                          fix="run that step first, or rename your headers (navtrain.standardize_columns)",
                          hint="表中缺少所需的列：" + "、".join(missing))


def _by_keys(by: str | Sequence[str]) -> list[str]:
    items = [by] if isinstance(by, str) else list(by)
    out = []
    for b in items:
        key = _BY_ALIASES.get(str(b).strip().lower())
        if key is None:
            raise UnknownNameError(f"unknown mapping basis {b!r}",
                                   fix="use 'ipc' (all IPC symbols), 'ipc_main', 'ipc_extra' or 'keywords'",
                                   hint="by 只能是 ipc、ipc_main、ipc_extra 或 keywords")
        out.append(key)
    if not out:
        raise UnknownNameError("empty mapping basis", fix="pass by=('ipc', 'keywords')", hint="by 不能为空")
    return out


def _symbol_hits(values: pd.Series, parent: np.ndarray,
                 prefixes: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(document position, segment index, length of the longest matching prefix) per hit."""
    from navtrain.ipc import parse_ipc

    if len(values) == 0:
        empty = np.array([], dtype=np.int64)
        return empty, empty, empty
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    norm = parse_ipc(pd.Series(np.asarray(uniques, dtype=object), dtype=object))["symbol"].fillna("")
    norm = norm.astype(str)
    best = np.zeros((len(uniques), len(prefixes)), dtype=np.int64)
    for k, pats in enumerate(prefixes):  # loop over segments and their few patterns, not rows
        for pat in pats:
            if pat:
                hit = norm.str.startswith(pat).to_numpy(dtype=bool)
                best[:, k] = np.where(hit, np.maximum(best[:, k], len(pat)), best[:, k])
    ok = codes >= 0
    sub = best[codes[ok]]
    rows, segs = np.nonzero(sub)
    return parent[ok][rows], segs, sub[rows, segs]


def _flat_ipc(table: pd.DataFrame) -> tuple[pd.Series, np.ndarray]:
    cells = pd.Series(table["ipc"].to_numpy(dtype=object), index=np.arange(len(table)))
    first = cells.dropna()
    if len(first) and not isinstance(first.iloc[0], list | tuple | np.ndarray):  # "A;B" text cells
        cells = cells.astype("string").str.split(r"\s*[;；|]\s*", regex=True)
    flat = cells.explode()
    flat = flat[flat.notna() & (flat.astype(str).str.strip() != "")]
    return flat.astype(str), flat.index.to_numpy(dtype=np.int64)


def _evidence_label(bits: int) -> str:
    """'ipc_main+keyword' ... from the evidence bits (1 ipc, 2 main IPC, 4 keyword, 8 ipc_extra)."""
    names = [name for bit, name in ((2, "ipc_main"), (1, "ipc"), (4, "keyword"), (8, "ipc_extra"))
             if bits & bit and not (bit == 1 and bits & 2)]  # the main IPC is also an IPC symbol: once
    return "+".join(names)


def map_segments(df: pd.DataFrame, chain: str | Path | Chain, by: str | Sequence[str] = ("ipc", "keywords"),
                 text: Sequence[str] = ("title", "abstract")) -> pd.DataFrame:
    """Map documents to chain segments (专利—产业链环节对应), multi-label.

    A document belongs to a segment when one of its IPC symbols starts with one of the
    segment's ``ipc`` patterns (``by`` contains ``'ipc'``; ``'ipc_main'`` uses only the
    main IPC), when the title or abstract contains one of its ``keywords``
    (``'keywords'``, case-insensitive), or — only if asked with ``'ipc_extra'`` — one of
    its secondary ``ipc_extra`` patterns. A document may match several segments (one row
    each: whole counting).

    Returns a new long table, one row per (document, segment): ``pub_no``, ``segment``,
    ``segment_name``, ``tier``, ``matched_by`` (the evidence, strongest first, joined with
    ``+``: ``ipc_main`` = the main IPC matched, ``ipc``, ``keyword``, ``ipc_extra``) and
    ``primary`` (True on one row per document: the segment with the strongest evidence,
    then the longest — most specific — matching IPC pattern, then the earlier segment in
    the spec) — counting only primary rows gives each
    document one segment, so segment counts add up to the mapped documents.
    ``attrs``: ``documents``, ``mapped``, ``unmapped``, ``labels`` (rows),
    ``labels_per_document`` and ``overlap`` = {``documents``: mapped to ≥ 2 segments,
    ``share``, ``pairs``: [(segment a, segment b, documents in both), ...] largest first}.

    Source: the 技术分解/检索要素 step of GB/T 39551.3 (segment ↔ patent matching by
    classification and keywords); counting rule as in the OECD Patent Statistics Manual
    (2009) — whole counts per label, so multi-labelled documents count in each segment.

    >>> from navtrain import load_sample
    >>> m = map_segments(load_sample(), "superhard")
    >>> m.loc[m["pub_no"] == "CN104651001B", ["segment", "matched_by", "primary"]].values.tolist()
    [['graphite_catalyst', 'keyword', False], ['cubic_press', 'ipc', False], ['hpht_crystal', 'ipc_main+keyword', True]]
    >>> m.attrs["mapped"], m.attrs["unmapped"], m.attrs["overlap"]["documents"]
    (20, 1, 6)
    """
    spec = load_chain(chain)
    keys = _by_keys(by)
    table = standardize_columns(df)
    needed = ["pub_no"]
    if "ipc" in keys or "ipc_extra" in keys:
        needed.append("ipc")
    if "ipc_main" in keys:
        needed.append("ipc_main")
    if "keyword" in keys and not any(c in table.columns for c in text):
        needed.append(text[0])
    _need(table, needed, "map_segments")
    n = len(table)
    n_seg = len(spec.segments)
    main_pfx = [[_norm_pattern(p) or "" for p in s.ipc] for s in spec.segments]
    extra_pfx = [[_norm_pattern(p) or "" for p in s.ipc_extra] for s in spec.segments]
    pieces: list[tuple[np.ndarray, np.ndarray, int, np.ndarray]] = []  # (doc, seg, evidence bit, specificity)
    if ("ipc" in keys or "ipc_extra" in keys) and n:
        flat, parent = _flat_ipc(table)
        if "ipc" in keys:
            d, s, w = _symbol_hits(flat, parent, main_pfx)
            pieces.append((d, s, 1, w))
        if "ipc_extra" in keys:
            d, s, w = _symbol_hits(flat, parent, extra_pfx)
            pieces.append((d, s, 8, np.zeros(len(d), dtype=np.int64)))
    if ("ipc_main" in keys or "ipc" in keys) and "ipc_main" in table.columns and n:
        main = pd.Series(table["ipc_main"].to_numpy(dtype=object))
        ok = (main.notna() & (main.astype(str).str.strip() != "")).to_numpy()
        d, s, w = _symbol_hits(main[ok].astype(str), np.flatnonzero(ok), main_pfx)
        pieces.append((d, s, 2, w + 100))  # the main IPC's pattern outranks any other symbol's
    if "keyword" in keys and n:
        cols = [c for c in text if c in table.columns]
        joined = table[cols[0]].astype("string").fillna("")
        for c in cols[1:]:
            joined = joined + " " + table[c].astype("string").fillna("")
        try:
            joined = joined.astype("string[pyarrow]")
        except (ImportError, TypeError):  # pragma: no cover - pyarrow is a dependency
            pass
        for k, seg in enumerate(spec.segments):  # loop over segments, not rows
            if not seg.keywords:
                continue
            rx = "|".join(re.escape(w) for w in sorted(seg.keywords, key=len, reverse=True))
            hit = joined.str.contains(rx, case=False, regex=True).fillna(False).to_numpy(dtype=bool)
            d = np.flatnonzero(hit)
            pieces.append((d, np.full(len(d), k, dtype=np.int64), 4, np.zeros(len(d), dtype=np.int64)))
    if pieces:
        doc = np.concatenate([p[0] for p in pieces]).astype(np.int64)
        seg = np.concatenate([p[1] for p in pieces]).astype(np.int64)
        bit = np.concatenate([np.full(len(p[0]), p[2], dtype=np.int64) for p in pieces])
        spec_len = np.concatenate([p[3] for p in pieces]).astype(np.int64)
    else:
        doc = seg = bit = spec_len = np.array([], dtype=np.int64)
    key = doc * max(n_seg, 1) + seg
    uniq, inv = np.unique(key, return_inverse=True)
    bits = np.zeros(len(uniq), dtype=np.int64)
    np.bitwise_or.at(bits, inv, bit)
    specific = np.zeros(len(uniq), dtype=np.int64)
    np.maximum.at(specific, inv, spec_len)
    doc_u, seg_u = uniq // max(n_seg, 1), uniq % max(n_seg, 1)
    # evidence label and rank: ipc_main(2) > ipc(1) > keyword(4) > ipc_extra(8)
    lut = np.array([_evidence_label(b) for b in range(16)], dtype=object)  # bit set → label
    labels = lut[bits]
    rank = np.select([(bits & 2) > 0, (bits & 1) > 0, (bits & 4) > 0], [0, 1, 2], 3)
    order = np.lexsort((seg_u, -specific, rank, doc_u))  # strongest evidence, then the most specific pattern
    first = np.ones(len(order), dtype=bool)
    first[1:] = doc_u[order][1:] != doc_u[order][:-1]
    primary = np.zeros(len(uniq), dtype=bool)
    primary[order[first]] = True
    frame = spec.frame
    out = pd.DataFrame({
        "pub_no": table["pub_no"].to_numpy(dtype=object)[doc_u],
        "segment": frame["segment"].to_numpy(dtype=object)[seg_u],
        "segment_name": frame["segment_name"].to_numpy(dtype=object)[seg_u],
        "tier": frame["tier"].to_numpy(dtype=object)[seg_u],
        "matched_by": labels,
        "primary": primary,
    })
    per_doc = np.bincount(doc_u, minlength=n) if n else np.array([], dtype=np.int64)
    mapped = int((per_doc > 0).sum())
    multi_docs = np.flatnonzero(per_doc >= 2)
    pairs: list[tuple[str, str, int]] = []
    if len(multi_docs):
        sub = pd.DataFrame({"d": doc_u, "s": seg_u})
        sub = sub[np.isin(doc_u, multi_docs)]
        both = sub.merge(sub, on="d")
        both = both[both["s_x"] < both["s_y"]]
        counts = both.groupby(["s_x", "s_y"]).size().sort_values(ascending=False, kind="stable")
        ids = frame["segment"].to_numpy()
        pairs = [(str(ids[a]), str(ids[b]), int(c)) for (a, b), c in counts.items()]
    out.attrs.update(
        chain=spec.case, by=tuple(keys), documents=n, mapped=mapped, unmapped=n - mapped,
        labels=len(out), labels_per_document=(len(out) / mapped) if mapped else float("nan"),
        overlap={"documents": len(multi_docs), "share": (len(multi_docs) / mapped) if mapped else float("nan"),
                 "pairs": pairs},
        **basis.unit_attrs("documents"), counting="whole (a document counts in each segment it matches)")
    return out


# =========================================================================== segment table
def _region_mask(table: pd.DataFrame, region: object, spec: Chain, purpose: str) -> tuple[np.ndarray, str]:
    if region is None:
        region = dict(spec.region) or None
        if region is None:
            raise UnknownNameError(f"{purpose} needs a region", fix="pass region={'province': '河南省'} or a boolean "
                                   "mask aligned with the table", hint="请指定本地区（如 province=河南省）")
    if isinstance(region, Mapping):
        mask = np.ones(len(table), dtype=bool)
        parts = []
        for col, value in region.items():
            if col == "label":
                continue
            _need(table, [col], f"{purpose}(region={{{col!r}: ...}})")
            values = [value] if isinstance(value, str) or not isinstance(value, Iterable) else list(value)
            mask &= table[col].isin(values).to_numpy()
            parts.append("/".join(map(str, values)))
        return mask, str(region["label"]) if region.get("label") else "·".join(parts)
    series = pd.Series(region) if not isinstance(region, pd.Series) else region
    if len(series) != len(table):
        raise SchemaError(f"{purpose}: the region mask has {len(series)} values for {len(table)} rows",
                          fix="pass a boolean Series aligned with the table (or a dict such as {'province': '河南省'})",
                          hint="本地区掩码的长度与数据表不一致")
    if isinstance(region, pd.Series) and not series.index.equals(table.index):
        series = series.reindex(table.index)
    return series.fillna(False).astype(bool).to_numpy(), "本地区"


def _scores(table: pd.DataFrame, score: object, purpose: str, as_of: pd.Timestamp | None = None) -> pd.Series:
    """Quality scores aligned with ``table`` (a column name, a Series, or value_score lazily,
    evaluated on ``as_of`` — the caller's data cut-off)."""
    if score is None:
        try:
            from navtrain import value
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise NavtrainError(f"{purpose} needs quality scores and navtrain.value is not available",
                                fix="pass score= (a Series aligned with the table or a column name)",
                                hint="请通过 score= 提供专利价值分") from exc
        return pd.Series(value.value_score(table, as_of=as_of)["value_score"].to_numpy(dtype=float), index=table.index)
    if isinstance(score, str):
        _need(table, [score], f"{purpose}(score={score!r})")
        return pd.to_numeric(table[score], errors="coerce").astype(float)
    s = pd.Series(score)
    if len(s) != len(table):
        raise SchemaError(f"{purpose}: score has {len(s)} values for {len(table)} rows",
                          fix="pass a Series aligned with the table", hint="价值分的长度与数据表不一致")
    if isinstance(score, pd.Series) and score.index.equals(table.index):
        return pd.to_numeric(score, errors="coerce").astype(float)
    return pd.Series(pd.to_numeric(s, errors="coerce").to_numpy(dtype=float), index=table.index)


def _long_for(table: pd.DataFrame, spec: Chain, segments: object, labels: str, purpose: str) -> pd.DataFrame:
    """(row position, segment) pairs from a long table, a ``segment`` column or map_segments."""
    mode = _LABELS.get(str(labels).strip().lower())
    if mode is None:
        raise UnknownNameError(f"unknown labels option {labels!r}", fix="use 'primary' (one segment per document) "
                               "or 'all' (every matched segment)", hint="labels 只能是 primary 或 all")
    if segments is None and "segment" in table.columns:
        seg = table["segment"]
        pos = np.arange(len(table))
        first = seg.dropna()
        if len(first) and isinstance(first.iloc[0], list | tuple):
            s = pd.Series(seg.to_numpy(dtype=object), index=pos).explode().dropna()
            return pd.DataFrame({"_pos": s.index.to_numpy(), "segment": s.to_numpy(dtype=object)})
        ok = seg.notna().to_numpy()
        return pd.DataFrame({"_pos": pos[ok], "segment": seg.to_numpy(dtype=object)[ok]})
    long = map_segments(table, spec) if segments is None else segments
    if not isinstance(long, pd.DataFrame) or not {"pub_no", "segment"} <= set(long.columns):
        raise SchemaError(f"{purpose}: segments= must be the long table of map_segments (pub_no, segment)",
                          fix="pass segments=map_segments(df, chain)", hint="segments 参数应为 map_segments 的结果")
    if mode == "primary" and "primary" in long.columns:
        long = long[long["primary"].astype(bool)]
    pos_of = pd.Series(np.arange(len(table)), index=table["pub_no"].to_numpy())
    pos_of = pos_of[~pos_of.index.duplicated()]
    pos = pos_of.reindex(long["pub_no"].to_numpy()).to_numpy()
    ok = ~np.isnan(pos.astype(float))
    out = pd.DataFrame({"_pos": pos[ok].astype(np.int64), "segment": long["segment"].to_numpy(dtype=object)[ok]})
    return out.drop_duplicates()


def _domestic(table: pd.DataFrame) -> np.ndarray:
    office = table["office"].astype("string").str.upper().str.strip()
    prov = table["province"].astype("string").str.strip()
    return ((office == "CN") & prov.notna() & (prov != "")).fillna(False).to_numpy(dtype=bool)


def _yearly(work: pd.DataFrame, seg_ids: list[str], cut: pd.Timestamp, lag: int) -> tuple[pd.DataFrame, list[int]]:
    """Segment × year counts and the complete years (:func:`navtrain.basis.incomplete_years`)."""
    if work.empty:
        return pd.DataFrame(index=pd.Index(seg_ids, name="segment")), []
    years = pd.RangeIndex(int(work["year"].min()), int(work["year"].max()) + 1)
    grid = (work.groupby(["segment", "year"]).size().unstack(fill_value=0)
            .reindex(index=seg_ids, columns=years, fill_value=0))
    bad = set(basis.incomplete_years(years, cut, lag))
    return grid, [int(y) for y in years if y not in bad]


def _cagr(grid: pd.DataFrame, complete: list[int], years: int) -> tuple[pd.Series, tuple[int, int] | None]:
    if not complete or grid.empty:
        return pd.Series(np.nan, index=grid.index), None
    end = max(complete)
    start = end - int(years)
    a = grid[start] if start in grid.columns else pd.Series(0, index=grid.index)
    b = grid[end]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (b / a.where(a > 0)) ** (1.0 / int(years)) - 1
    return out.astype(float), (start, end)


def _activity(grid: pd.DataFrame, complete: list[int], window: int = 3) -> pd.Series:
    """Mean of the last ``window`` complete years ÷ the highest ``window``-year mean (peak)."""
    cols = [y for y in grid.columns if y in set(complete)]
    if len(cols) < window:
        return pd.Series(np.nan, index=grid.index)
    roll = grid[cols].T.rolling(window).mean().T
    peak = roll.max(axis=1)
    return (roll[cols[-1]] / peak.where(peak > 0)).astype(float)


def _core_flags(seg_of_row: pd.DataFrame, scores: np.ndarray, quantile: float) -> np.ndarray:
    """Core patent flag per long row: score ≥ the segment's ``quantile`` score (NaN scores never core)."""
    from navtrain.value import core_mask

    return core_mask(scores[seg_of_row["_pos"].to_numpy()], seg_of_row["segment"].to_numpy(), quantile)


def segment_table(df: pd.DataFrame, chain: str | Path | Chain, region: object = None, segments: object = None,
                  score: object = None, recent: int = 5, cutoff: object = None, unit: str = "applications",
                  labels: str = "primary", core_quantile: float = 0.9, top_players: int = 3,
                  lag_months: int | None = None) -> pd.DataFrame:
    """Region × nation × world position of each chain segment (产业链各环节专利分布与定位).

    Scopes: **world** = every document (all offices); **nation** = documents filed in China
    (``office == 'CN'``) whose first applicant is Chinese (``province`` known — foreign
    applicants have none); **region** = nation documents in ``region`` (a dict such as
    ``{'province': '河南省'}`` or ``{'city': ['郑州市', '洛阳市']}``, a boolean mask aligned
    with ``df``, or by default the spec's ``[region] province``).

    Per segment: ``region``, ``nation``, ``world`` counts in ``unit`` (:mod:`navtrain.basis`:
    'applications' 件 = distinct application numbers, the default; 'families' 项 = distinct
    ``family_id``; 'documents' 篇 = rows), ``world_families`` (项); ``region_share`` = region / nation,
    ``nation_share`` = nation / world; ``rta`` = (region_s / region_total) ÷ (nation_s /
    nation_total) over the chain (:func:`navtrain.concentration.rta` on the region vs the
    rest of the nation; > 1 = the region is specialised in the segment); ``nation_cagr``
    and ``region_cagr`` = (n_end / n_start) ** (1/recent) − 1 with ``end`` the last complete
    filing year at the data cut-off ``cutoff`` (:func:`navtrain.basis.incomplete_years`;
    ``lag_months=None`` = 18 months on the application date) and ``start = end − recent``,
    NaN when n_start = 0 (an application or family counts in the filing year of its earliest
    member); ``nation_activity`` = nation filings of the last 3 complete
    years ÷ their highest 3-year level (1 = at peak; a logistic field in decline, cumulative
    share ≥ 90 %, is below 0.36); ``core_patents`` (Chinese-office documents of the segment
    whose quality score is in its top 1 − ``core_quantile``), ``region_core`` and
    ``core_share`` = region_core / core_patents; ``local_players`` (distinct harmonised
    applicants of region documents) and ``top_local_players`` (``name（n件）``).

    ``segments``: the long table of :func:`map_segments` (default: computed with its
    defaults), or use a ``segment`` column of ``df``. ``labels='primary'`` (default) counts
    each document in its primary segment only (counts add up; shares are shares of the
    chain); ``'all'`` counts every matched segment (whole counting). ``score``: a Series
    aligned with ``df`` or a column name; default :func:`navtrain.value.value_score` evaluated
    on the cut-off (``as_of=cutoff``). ``cutoff`` defaults to
    :func:`navtrain.basis.resolve_cutoff` (``attrs['cutoff']``, else the latest date of the
    table) and is recorded in ``attrs['cutoff']``, with the unit (``unit``, ``unit_zh``,
    ``unit_label``).
    Documents without a filing year are left out of the CAGR with a warning.

    Source: GB/T 39551.3 (industry-chain position analysis), GB/T 39551.2 (regional
    indicators: share, location quotient); RTA after Balassa (1965) and Soete & Wyatt (1983).

    >>> t = pd.DataFrame({"pub_no": ["a", "b", "c", "d", "e"], "office": ["CN"] * 4 + ["US"],
    ...     "province": ["河南省", "河南省", "江苏省", "江苏省", None], "family_id": list("abcde"),
    ...     "app_date": pd.to_datetime(["2015-01-01"] * 5), "applicants_std": [["甲"], ["乙"], ["丙"], ["丁"], ["X"]],
    ...     "segment": ["s1", "s1", "s1", "s2", "s2"]})
    >>> chain = {"segments": [{"id": "s1", "tier": "upstream", "ipc": ["C30B"]},
    ...                       {"id": "s2", "tier": "downstream", "ipc": ["B24D"]}]}
    >>> seg = segment_table(t, chain, region={"province": "河南省"}, score=[1, 2, 3, 4, 5], cutoff="2024-12-31")
    >>> s1 = seg.set_index("segment").loc["s1"]
    >>> int(s1["region"]), int(s1["nation"]), int(s1["world"]), round(float(s1["region_share"]), 4)  # 2/3
    (2, 3, 3, 0.6667)
    >>> round(float(seg.set_index("segment").loc["s1", "rta"]), 4)  # (2/2) / (3/4)
    1.3333
    """
    spec = load_chain(chain)
    unit_k = basis.unit_key(unit)
    lag = basis.resolve_lag(lag_months, "application")
    table = standardize_columns(df)
    cut = basis.resolve_cutoff(cutoff, table)
    _need(table, ["pub_no", "office", "province"], "segment_table")
    if "app_date" not in table.columns and "app_year" not in table.columns:
        _need(table, ["app_date"], "segment_table (CAGR)")
    app_col = "applicants_std" if "applicants_std" in table.columns else "applicants"
    _need(table, [app_col], "segment_table (local players)")
    if unit_k == "families":
        _need(table, ["family_id"], "segment_table(unit='families')")
    region_mask, region_label = _region_mask(table, region, spec, "segment_table")
    long = _long_for(table, spec, segments, labels, "segment_table")
    seg_ids = spec.ids
    extra = sorted(set(long["segment"].astype(str)) - set(seg_ids))
    if extra:
        raise UnknownNameError(f"segment_table: segments {extra[:3]} are not in chain {spec.case!r}",
                               fix="map with the same chain spec", hint="数据中的环节不在该产业链文件中")
    n = len(table)
    domestic = _domestic(table)
    in_region = domestic & region_mask
    pos = long["_pos"].to_numpy(dtype=np.int64)
    fam = basis.family_key(table).to_numpy(dtype=object)
    ckey = pd.factorize(basis.count_key(table, unit_k))[0] if n else np.array([], dtype=np.int64)
    long = long.assign(_fam=fam[pos] if n else np.array([], dtype=object),
                       _key=ckey[pos] if n else np.array([], dtype=np.int64),
                       _dom=domestic[pos] if n else np.array([], dtype=bool),
                       _reg=in_region[pos] if n else np.array([], dtype=bool))

    def count(mask: np.ndarray, col: str = "_key") -> pd.Series:
        sub = long[mask]
        c = sub.groupby("segment")[col].nunique()
        return c.reindex(seg_ids, fill_value=0).astype("int64")

    everything = np.ones(len(long), dtype=bool)
    out = spec.frame[["segment", "segment_name", "tier", "tier_zh"]].copy()
    out["region"] = count(long["_reg"].to_numpy(dtype=bool)).to_numpy()
    out["nation"] = count(long["_dom"].to_numpy(dtype=bool)).to_numpy()
    out["world"] = count(everything).to_numpy()
    out["world_families"] = count(everything, "_fam").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["region_share"] = out["region"] / out["nation"].where(out["nation"] > 0)
        out["nation_share"] = out["nation"] / out["world"].where(out["world"] > 0)
    from navtrain.concentration import rta as _rta

    m = pd.DataFrame([out["region"].to_numpy(), (out["nation"] - out["region"]).to_numpy()],
                     index=["region", "rest"], columns=seg_ids).astype(float)
    out["rta"] = _rta(m).loc["region"].to_numpy() if m.to_numpy().sum() > 0 else np.nan
    # ---- growth: yearly counts of the nation and the region (in the unit, by the filing year of
    # the earliest member of each application or family)
    year = basis.filing_year(table).to_numpy(dtype=float, na_value=np.nan)
    if unit_k != "documents" and n:
        rep = basis.earliest_members(table, pd.Series(ckey, index=table.index))
        rep_of = np.zeros(int(ckey.max()) + 1, dtype=np.int64)
        rep_of[ckey[rep]] = rep
        year = year[rep_of[ckey]]
    long_year = year[pos] if n else np.array([], dtype=float)
    no_year = np.isnan(long_year) & long["_dom"].to_numpy(dtype=bool)
    dropped: dict[str, int] = {}
    if no_year.any():
        k = int(np.unique(pos[no_year]).size)
        dropped["no filing year (CAGR)"] = k
        warnings.warn(f"segment_table: {k} Chinese documents have no filing year and are left out of the "
                      "CAGR (缺少申请年的记录未计入增长率)", NavtrainWarning, stacklevel=2)
    work = pd.DataFrame({"segment": long["segment"].to_numpy(), "year": long_year, "_key": long["_key"].to_numpy(),
                         "_dom": long["_dom"].to_numpy(dtype=bool), "_reg": long["_reg"].to_numpy(dtype=bool)})
    work = work[~np.isnan(work["year"].to_numpy(dtype=float))].astype({"year": "int64"})
    dom_w = work[work["_dom"]].drop_duplicates(["segment", "_key"])
    reg_w = work[work["_reg"]].drop_duplicates(["segment", "_key"])
    grid_n, complete = _yearly(dom_w, seg_ids, cut, lag)
    grid_r, _ = _yearly(reg_w, seg_ids, cut, lag)
    if not grid_n.empty and not grid_r.empty:
        grid_r = grid_r.reindex(columns=grid_n.columns, fill_value=0)
    nat_cagr, span = _cagr(grid_n, complete, recent)
    reg_cagr, _ = _cagr(grid_r, complete, recent) if not grid_r.empty else (pd.Series(np.nan, index=seg_ids), None)
    out["nation_cagr"] = nat_cagr.reindex(seg_ids).to_numpy()
    out["region_cagr"] = reg_cagr.reindex(seg_ids).to_numpy()
    out["nation_activity"] = _activity(grid_n, complete).reindex(seg_ids).to_numpy() if not grid_n.empty else np.nan
    # ---- core patents (Chinese-office documents, top of the segment's score distribution)
    scores = _scores(table, score, "segment_table", as_of=cut).to_numpy(dtype=float)
    office_cn = (table["office"].astype("string").str.upper() == "CN").fillna(False).to_numpy(dtype=bool)
    cn_long = long[office_cn[pos]] if n else long
    core = cn_long[_core_flags(cn_long, scores, core_quantile)] if len(cn_long) else cn_long
    out["core_patents"] = core.groupby("segment")["_key"].nunique().reindex(seg_ids, fill_value=0).to_numpy()
    out["region_core"] = core[core["_reg"].astype(bool)].groupby("segment")["_key"].nunique().reindex(
        seg_ids, fill_value=0).to_numpy()
    out["core_share"] = out["region_core"] / out["core_patents"].where(out["core_patents"] > 0)
    # ---- local players
    reg_long = long[long["_reg"].astype(bool)]
    apps = pd.Series(table[app_col].to_numpy(dtype=object)[reg_long["_pos"].to_numpy()], index=reg_long.index)
    first = apps.dropna()
    if len(first) and not isinstance(first.iloc[0], list | tuple | np.ndarray):
        apps = apps.astype("string").str.split(r"\s*[;；]\s*", regex=True)
    players = pd.DataFrame({"segment": reg_long["segment"].to_numpy(), "_key": reg_long["_key"].to_numpy(),
                            "_app": apps.to_numpy()}).explode("_app")
    players = players[players["_app"].notna() & (players["_app"].astype(str).str.strip() != "")]
    out["local_players"] = players.groupby("segment")["_app"].nunique().reindex(seg_ids, fill_value=0).to_numpy()
    top = players.groupby(["segment", "_app"])["_key"].nunique().rename("n").reset_index()
    top = top.sort_values(["segment", "n", "_app"], ascending=[True, False, True], kind="stable")
    top = top.groupby("segment").head(int(top_players))
    top["label"] = top["_app"].astype(str) + "（" + top["n"].astype(str) + basis.UNIT_ZH[unit_k] + "）"
    out["top_local_players"] = top.groupby("segment")["label"].agg("；".join).reindex(seg_ids).fillna("").to_numpy()
    out = out.reset_index(drop=True)
    out.attrs.update(
        chain=spec.case, region=region_label, **basis.unit_attrs(unit_k),
        labels=_LABELS[str(labels).strip().lower()], cutoff=cut, lag_months=lag, recent=int(recent),
        cagr_years=span, core_quantile=core_quantile, links=list(spec.links), dropped=dropped,
        scopes={"world": "all documents, all offices", "nation": "office CN, Chinese first applicant (province known)",
                "region": f"nation documents in {region_label}"},
        counting="whole counting per segment label; world_families in 项")
    return out


# =========================================================================== diagnosis
#: default thresholds of :func:`diagnose_chain` (a teaching heuristic, not the standard's: docs/methods/chain.md)
DIAGNOSIS_DEFAULTS = {"strong_rta": 1.2, "weak_rta": 0.8, "absent_rta": 0.2, "growth": 0.10, "active": 0.5}


def _fmt(s: pd.Series, spec: str) -> pd.Series:
    """Format a float Series (NaN → 'n/a'); a per-value map on a table of a few dozen segments."""
    return s.map(lambda v: "n/a" if pd.isna(v) else format(float(v), spec)).astype(object)


def diagnosis_rule(segment: Sequence[str] | pd.Series, rta: Sequence[float] | pd.Series,
                   nation_cagr: Sequence[float] | pd.Series, active: Sequence[bool] | pd.Series,
                   links: Iterable[Sequence[str]] = (), strong_rta: float = 1.2, weak_rta: float = 0.8,
                   absent_rta: float = 0.2, growth: float = 0.10) -> pd.DataFrame:
    """The 强链 / 补链 / 延链 / 维持 rule on per-segment indicators (one rule for the library).

    :func:`diagnose_chain` applies it to a :func:`segment_table`; the dataset generator
    (:func:`navtrain.synth.diagnose`) applies it to the truths it plants. Inputs, one value
    per segment: ``rta`` (the region's RTA), ``nation_cagr`` (national growth rate),
    ``active`` (True while the field is still active nationally, not in decline) and the
    chain ``links`` as (source, target[, kind]) pairs. With ``growing = nation_cagr ≥ growth``:

    1. 强链 = ``rta ≥ strong_rta`` and ``active``;
    2. 延链 = not 强链, ``rta < absent_rta``, growing, and a link runs into the segment from
       a 强链 segment;
    3. 补链 = not 强链 or 延链, ``rta < weak_rta`` and growing;
    4. 维持 = everything else (a missing RTA or CAGR never triggers a label).

    Returns a table aligned with the inputs: ``segment``, ``diagnosis`` and ``strong_sources``
    (the 强链 segments linked into each segment, in link order; empty unless 延链).

    Source: the 强链/补链/延链 planning language of GB/T 39551.3 with RTA (GB/T 39551.2) and
    CAGR as the evidence; thresholds are teaching defaults, not the standard's (docs/methods/chain.md).

    >>> r = diagnosis_rule(["a", "b", "c", "d"], rta=[0.5, 1.5, 0.05, 1.0], nation_cagr=[0.2, 0.0, 0.3, 0.2],
    ...                    active=[True] * 4, links=[("a", "b"), ("b", "c"), ("b", "d")])
    >>> r["diagnosis"].tolist(), r["strong_sources"].tolist()
    (['补链', '强链', '延链', '维持'], [(), (), ('b',), ()])
    """
    seg = pd.Series(np.asarray(segment, dtype=object))
    rta_v = pd.to_numeric(pd.Series(np.asarray(rta, dtype=object)), errors="coerce")
    cagr_v = pd.to_numeric(pd.Series(np.asarray(nation_cagr, dtype=object)), errors="coerce")
    act = pd.Series(np.asarray(active, dtype=bool))
    strong = (rta_v >= strong_rta) & act
    pairs = [(lk[0], lk[1]) for lk in links]
    link_df = pd.DataFrame(pairs, columns=["src", "dst"], dtype=object)
    link_df = link_df[link_df["src"].isin(set(seg[strong]))]
    sources = link_df.groupby("dst", sort=False)["src"].agg(tuple).to_dict()
    fed = seg.map(lambda s: sources.get(s, ()))  # a few dozen segments
    growing = cagr_v >= growth
    extend = ~strong & (rta_v < absent_rta) & growing & (fed.map(len) > 0)
    fill = ~strong & ~extend & (rta_v < weak_rta) & growing
    diagnosis = np.select([strong, extend, fill], ["强链", "延链", "补链"], "维持")
    none = pd.Series([()] * len(seg), dtype=object)
    return pd.DataFrame({"segment": seg, "diagnosis": diagnosis, "strong_sources": fed.where(extend, none)})


def diagnose_chain(table: pd.DataFrame, chain: str | Path | Chain | None = None, strong_rta: float = 1.2,
                   weak_rta: float = 0.8, absent_rta: float = 0.2, growth: float = 0.10,
                   active: float = 0.5) -> pd.DataFrame:
    """强链 / 补链 / 延链 / 维持 per segment, by one documented, parameterised rule.

    On a :func:`segment_table` (columns ``rta``, ``nation_cagr``, ``nation_activity``):

    1. **强链** (strengthen): ``rta ≥ strong_rta`` and ``nation_activity ≥ active`` — the
       region is specialised and the field is still active nationally (not in decline);
       a table without ``nation_activity`` (or NaN) skips the activity test.
    2. **延链** (extend): not 强链, ``rta < absent_rta`` (almost absent locally),
       ``nation_cagr ≥ growth`` and a link runs *into* the segment from a 强链 segment
       (the chain's links: default tier order upstream → midstream → downstream plus the
       spec's ``feeds``/``extends``) — a growing application next to the region's strength.
    3. **补链** (fill): not 强链 or 延链, ``rta < weak_rta`` and ``nation_cagr ≥ growth`` — a
       weak link in a field that grows nationally (an absent *supplier* of a strong segment
       is a gap to fill, not an extension).
    4. **维持** (maintain): everything else, including segments with no national filings.

    The labels come from :func:`diagnosis_rule` (the same function the dataset generator's
    planted truths are checked with), with ``active = nation_activity ≥ active``.

    Returns a new table with ``diagnosis``, ``reason`` (Chinese) and ``strong_sources``
    (the 强链 segments linked into a 延链 segment); ``attrs['rule']`` holds the thresholds.
    The labels are candidates for the analyst, not conclusions.

    Source: the 强链/补链/延链 planning language of GB/T 39551.3 (industrial-planning
    navigation) with RTA (location quotient, GB/T 39551.2) and CAGR as the evidence;
    thresholds are teaching defaults, not the standard's (see docs/methods/chain.md).

    >>> seg = pd.DataFrame({"segment": ["a", "b", "c", "d"], "segment_name": ["甲", "乙", "丙", "丁"],
    ...     "tier": ["upstream", "midstream", "downstream", "downstream"], "rta": [0.5, 1.5, 0.05, 1.0],
    ...     "nation_cagr": [0.2, 0.0, 0.3, 0.2], "nation_activity": [1.0, 0.9, 1.0, 1.0]})
    >>> diagnose_chain(seg)["diagnosis"].tolist()
    ['补链', '强链', '延链', '维持']
    """
    for name, v in (("strong_rta", strong_rta), ("weak_rta", weak_rta), ("absent_rta", absent_rta)):
        if not np.isfinite(v) or v < 0:
            raise SchemaError(f"diagnose_chain: {name} must be a number ≥ 0, got {v!r}", fix=f"pass e.g. {name}=1.0",
                              hint="阈值必须是非负数")
    if not absent_rta <= weak_rta <= strong_rta:
        raise SchemaError(f"diagnose_chain needs absent_rta ≤ weak_rta ≤ strong_rta, got {absent_rta}, {weak_rta}, "
                          f"{strong_rta}", fix="order the thresholds", hint="阈值大小顺序不对")
    _need(table, ["segment", "rta", "nation_cagr"], "diagnose_chain")
    out = table.copy()
    rta = pd.to_numeric(out["rta"], errors="coerce")
    cagr = pd.to_numeric(out["nation_cagr"], errors="coerce")
    act = (pd.to_numeric(out["nation_activity"], errors="coerce") if "nation_activity" in out.columns
           else pd.Series(np.nan, index=out.index))
    if chain is not None:
        links = list(load_chain(chain).links)
    elif table.attrs.get("links"):
        links = list(table.attrs["links"])
    elif "tier" in out.columns:
        tiers = out["tier"].astype(str).map(lambda t: _TIER_ALIASES.get(t, t))
        present = [t for t in TIERS if (tiers == t).any()]
        links = [(a, b, "tier") for t0, t1 in itertools.pairwise(present)
                 for a in out.loc[tiers == t0, "segment"] for b in out.loc[tiers == t1, "segment"]]
    else:
        links = []
    rule = diagnosis_rule(out["segment"], rta, cagr, (act.isna() | (act >= active)), links, strong_rta=strong_rta,
                          weak_rta=weak_rta, absent_rta=absent_rta, growth=growth).set_index(out.index)
    diagnosis = rule["diagnosis"]
    strong, extend, fill = diagnosis == "强链", diagnosis == "延链", diagnosis == "补链"
    names = dict(zip(out["segment"], out["segment_name"] if "segment_name" in out.columns else out["segment"],
                     strict=True))
    fed = rule["strong_sources"].map(lambda ids: "、".join(str(names[i]) for i in ids)).astype(object)
    out["diagnosis"] = diagnosis.to_numpy()
    r, c, a = _fmt(rta, ".2f"), _fmt(cagr, ".1%"), _fmt(act, ".0%")
    reason = pd.Series("", index=out.index, dtype=object)
    reason[strong] = ("本地区RTA=" + r + "≥" + f"{strong_rta:g}" + "，全国申请仍活跃（近3年为峰值的" + a
                      + "）：优势环节，宜巩固提升")[strong]
    reason[extend] = ("与本地区强链环节（" + fed + "）相连，全国CAGR=" + c + "≥" + f"{growth:.0%}"
                      + "，本地区几乎空白（RTA=" + r + "<" + f"{absent_rta:g}" + "）：宜向该环节延伸")[extend]
    reason[fill] = ("全国CAGR=" + c + "≥" + f"{growth:.0%}" + "，本地区薄弱（RTA=" + r + "<" + f"{weak_rta:g}"
                    + "）：短板环节，宜补齐")[fill]
    keep = ~(strong | extend | fill)
    why = np.select(
        [rta.isna(), (rta >= strong_rta) & ~strong, rta < weak_rta],
        ["全国无申请或数据不足，无法判断",
         "本地区RTA=" + r + "较高，但全国申请已过峰值（近3年为峰值的" + a + "），列为维持",
         "本地区RTA=" + r + "偏低，但全国增长不快（CAGR=" + c + "），列为维持"],
        "本地区RTA=" + r + "处于中等水平（全国CAGR=" + c + "），未触发强链/补链/延链条件")
    reason[keep] = pd.Series(why, index=out.index)[keep]
    out["reason"] = reason
    out["strong_sources"] = fed.where(extend, "")
    out.attrs = dict(table.attrs)
    out.attrs["rule"] = {"strong_rta": strong_rta, "weak_rta": weak_rta, "absent_rta": absent_rta, "growth": growth,
                         "active": active}
    return out


# =========================================================================== attraction list
def attraction_list(df: pd.DataFrame, chain: str | Path | Chain, segments: object, region: object = None,
                    score: object = None, top: int | None = None, recent: int = 5, cutoff: object = None,
                    mapping: pd.DataFrame | None = None, labels: str = "primary",
                    core_quantile: float = 0.9) -> pd.DataFrame:
    """重点企业清单: external holders of the gap segments ranked by a quality-weighted score.

    ``segments``: segment ids, or a :func:`diagnose_chain` table (its 补链 and 延链
    segments). For each segment, every harmonised applicant (``applicants_std``, else
    ``applicants``; whole counting: each co-applicant holds the document) of the segment's
    documents, all offices, except **local** holders — those with at least half of their
    documents in the table in ``region`` — is ranked by ``quality_score`` = Σ value scores
    of its segment documents (missing scores count 0), ties by documents.

    Evidence columns: ``documents`` (件), ``families`` (项), ``core_patents`` (its
    Chinese-office documents in the segment's top 1 − ``core_quantile`` scores),
    ``recent_documents`` (filed in the last ``recent`` complete filing years at the data
    cut-off ``cutoff`` or later — a year is complete when 31 Dec + 18 months is on or before
    the cut-off, :func:`navtrain.basis.incomplete_years`; ``cutoff`` defaults to
    :func:`navtrain.basis.resolve_cutoff`; ``attrs`` record it and ``recent_years``),
    ``mean_score``, ``first_year``/``last_year``, ``origin`` (国内 when most of the
    holder's documents have a Chinese first applicant, else 国外), ``location`` (most
    frequent province, or the priority country / office for foreign holders) and
    ``top_documents`` (its three best documents). ``top``: holders per segment (default
    None = every holder: the list is a deliverable). ``score`` default:
    :func:`navtrain.value.value_score` evaluated on the cut-off. The list is a starting point
    for investment promotion, to be checked against company information.

    Source: GB/T 39551.3 (招商引资/重点企业 recommendations of industrial-planning navigation).

    >>> t = pd.DataFrame({"pub_no": ["a", "b", "c", "d"], "office": ["CN", "CN", "CN", "US"],
    ...     "province": ["河南省", "江苏省", "江苏省", None], "family_id": ["a", "b", "c", "d"],
    ...     "app_date": pd.to_datetime(["2020-01-01"] * 4), "applicants_std": [["甲"], ["乙"], ["乙"], ["Y Inc"]],
    ...     "segment": ["s2", "s2", "s2", "s2"]})
    >>> chain = {"segments": [{"id": "s1", "tier": "upstream", "ipc": ["C30B"]},
    ...                       {"id": "s2", "tier": "downstream", "ipc": ["B24D"]}]}
    >>> a = attraction_list(t, chain, ["s2"], region={"province": "河南省"}, score=[0.9, 0.5, 0.4, 0.8])
    >>> a[["applicant", "documents", "quality_score", "origin"]].values.tolist()
    [['乙', 2, 0.9, '国内'], ['Y Inc', 1, 0.8, '国外']]
    """
    spec = load_chain(chain)
    table = standardize_columns(df)
    cut = basis.resolve_cutoff(cutoff, table)
    _need(table, ["pub_no", "office", "province"], "attraction_list")
    app_col = "applicants_std" if "applicants_std" in table.columns else "applicants"
    _need(table, [app_col], "attraction_list")
    if isinstance(segments, pd.DataFrame):
        _need(segments, ["segment", "diagnosis"], "attraction_list(segments=<diagnosis table>)")
        wanted = segments.loc[segments["diagnosis"].isin(["补链", "延链"]), "segment"].astype(str).tolist()
    elif isinstance(segments, str):
        wanted = [segments]
    else:
        wanted = [str(s) for s in (segments or [])]
    for s in wanted:
        spec.segment(s)  # unknown id → UnknownNameError
    cols = ["segment", "segment_name", "rank", "applicant", "origin", "location", "quality_score", "mean_score",
            "documents", "families", "core_patents", "recent_documents", "first_year", "last_year", "top_documents"]
    region_mask, region_label = _region_mask(table, region, spec, "attraction_list")
    long = _long_for(table, spec, mapping, labels, "attraction_list")
    if not wanted or long.empty:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
        empty.attrs.update(region=region_label, **basis.unit_attrs("documents"), cutoff=cut)
        return empty
    n = len(table)
    scores = _scores(table, score, "attraction_list", as_of=cut).to_numpy(dtype=float)
    domestic = _domestic(table)
    office_cn = (table["office"].astype("string").str.upper() == "CN").fillna(False).to_numpy(dtype=bool)
    cn_long = long[office_cn[long["_pos"].to_numpy()]]
    core_rows = cn_long.loc[_core_flags(cn_long, scores, core_quantile), ["_pos", "segment"]].assign(core=True)
    long = long[long["segment"].isin(wanted)].merge(core_rows, on=["_pos", "segment"], how="left")
    long["core"] = long["core"].astype("boolean").fillna(False).astype(bool)
    apps = pd.Series(table[app_col].to_numpy(dtype=object), index=np.arange(n))
    first = apps.dropna()
    if len(first) and not isinstance(first.iloc[0], list | tuple | np.ndarray):
        apps = apps.astype("string").str.split(r"\s*[;；]\s*", regex=True)
    holders_all = apps.explode().dropna()
    holders_all = holders_all[holders_all.astype(str).str.strip() != ""]
    h_pos = holders_all.index.to_numpy()
    h = pd.DataFrame({"applicant": holders_all.astype(str).to_numpy(), "_reg": (domestic & region_mask)[h_pos],
                      "_dom": domestic[h_pos]})
    per_holder = h.groupby("applicant").agg(reg=("_reg", "mean"), dom=("_dom", "mean"))
    local = set(per_holder.index[per_holder["reg"] >= 0.5])
    year = basis.filing_year(table).to_numpy(dtype=float, na_value=np.nan)
    lag = basis.resolve_lag(None, "application")
    span = range((cut - pd.DateOffset(months=lag)).year - 1, cut.year + 1)  # the first year is always complete
    flagged = set(basis.incomplete_years(span, cut, lag))
    last_complete = max(y for y in span if y not in flagged)
    window = [last_complete - int(recent) + 1, last_complete]
    fam = basis.family_key(table).to_numpy(dtype=object)
    prov = table["province"].to_numpy(dtype=object)
    abroad = (table["priority_country"] if "priority_country" in table.columns else table["office"])
    abroad = abroad.fillna(table["office"]).to_numpy(dtype=object)
    rows = long.merge(pd.DataFrame({"_pos": h_pos, "applicant": h["applicant"].to_numpy()}), on="_pos")
    rows = rows[~rows["applicant"].isin(local)]
    p = rows["_pos"].to_numpy()
    rows = rows.assign(
        score=scores[p], _sc0=np.nan_to_num(scores[p], nan=0.0), year=year[p], _fam=fam[p],
        recent=year[p] >= window[0], loc=np.where(domestic[p], prov[p], abroad[p]),
        pub_no=table["pub_no"].to_numpy(dtype=object)[p])
    g = rows.groupby(["segment", "applicant"])
    res = g.agg(quality_score=("_sc0", "sum"), mean_score=("score", "mean"), documents=("_pos", "nunique"),
                families=("_fam", "nunique"), core_patents=("core", "sum"), recent_documents=("recent", "sum"),
                first_year=("year", "min"), last_year=("year", "max")).reset_index()
    loc = (rows.dropna(subset=["loc"]).groupby(["segment", "applicant", "loc"]).size().rename("n").reset_index()
           .sort_values(["n", "loc"], ascending=[False, True], kind="stable")
           .drop_duplicates(["segment", "applicant"]).set_index(["segment", "applicant"])["loc"])
    best = rows.sort_values(["score"], ascending=False, kind="stable").groupby(["segment", "applicant"]).head(3)
    best = best.groupby(["segment", "applicant"])["pub_no"].agg("；".join)
    res["location"] = loc.reindex(pd.MultiIndex.from_frame(res[["segment", "applicant"]])).fillna("").to_numpy()
    res["top_documents"] = best.reindex(pd.MultiIndex.from_frame(res[["segment", "applicant"]])).to_numpy()
    res["origin"] = np.where(res["applicant"].map(per_holder["dom"]).fillna(0).to_numpy() >= 0.5, "国内", "国外")
    res = res.sort_values(["segment", "quality_score", "documents", "applicant"],
                          ascending=[True, False, False, True], kind="stable")
    res["rank"] = res.groupby("segment").cumcount() + 1
    if top is not None:
        res = res[res["rank"] <= int(top)]
    order = {s: k for k, s in enumerate(wanted)}
    res = res.sort_values(["segment", "rank"], key=lambda s: s.map(order) if s.name == "segment" else s,
                          kind="stable")
    res["segment_name"] = res["segment"].map(dict(zip(spec.ids, [s.name for s in spec.segments], strict=True)))
    for c in ("first_year", "last_year"):
        res[c] = res[c].astype("Int64")
    for c in ("documents", "families", "core_patents", "recent_documents"):
        res[c] = res[c].astype("int64")
    res["quality_score"] = res["quality_score"].round(6)
    out = res[cols].reset_index(drop=True)
    out.attrs.update(region=region_label, **basis.unit_attrs("documents"), local_holders_excluded=len(local),
                     counting="whole counting: every co-applicant holds the document", recent=int(recent),
                     recent_years=window, cutoff=cut)
    return out


# =========================================================================== chart
def plot_chain_map(table: pd.DataFrame, chain: str | Path | Chain | None = None, ax: Axes | None = None,
                   title: str | None = None, cmap: str = "RdBu", vmax: float | None = None,
                   save: str | Path | None = None) -> Axes:
    """Industry-chain map (产业链图谱): segments upstream → midstream → downstream, coloured by RTA.

    One box per segment in three columns (上游/中游/下游), filled by the region's RTA on a
    diverging colour map centred at 1 (blue > 1 = specialised, red < 1 = weak; grey = no
    data), with the 强链/补链/延链 label of a :func:`diagnose_chain` table on the box, a
    broad arrow between tiers for the default links and one arrow per explicit
    ``feeds``/``extends`` link. Boxes carry ``gid = 'segment:<id>'``; link arrows
    ``'link:<a>-><b>'``. Returns the Axes.

    >>> t = pd.DataFrame({"segment": ["s1", "s2", "s3"], "segment_name": ["原料", "制造", "应用"],
    ...                   "tier": ["upstream", "midstream", "downstream"], "rta": [1.5, 0.6, 1.0]})
    >>> ax = plot_chain_map(t)
    >>> sum(1 for p in ax.patches if str(p.get_gid()).startswith("segment:"))
    3
    """
    import matplotlib as mpl
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from navtrain.plots import new_axes, save_chart

    _need(table, ["segment", "tier", "rta"], "plot_chain_map")
    names = table["segment_name"] if "segment_name" in table.columns else table["segment"]
    tiers = table["tier"].astype(str).map(lambda t: _TIER_ALIASES.get(t, t))
    per_tier = tiers.value_counts()
    tallest = int(per_tier.max()) if len(per_tier) else 1
    ax = new_axes(ax, figsize=(12, max(4.5, 0.85 * tallest + 1.8)))
    rta = pd.to_numeric(table["rta"], errors="coerce")
    top_v = vmax if vmax is not None else max(2.0, float(np.nanmax(rta)) if rta.notna().any() else 2.0)
    norm = mpl.colors.TwoSlopeNorm(vmin=0.0, vcenter=1.0, vmax=top_v)
    colormap = mpl.colormaps[cmap]
    width, height, col_gap = 2.6, 0.62, 1.6
    xs = {t: k * (width + col_gap) for k, t in enumerate(TIERS)}
    slot = tiers.groupby(tiers).cumcount().to_numpy()
    x = tiers.map(xs).to_numpy(dtype=float)
    y = -slot.astype(float) * (height + 0.25)
    diag = table["diagnosis"].astype(str) if "diagnosis" in table.columns else pd.Series("", index=table.index)
    centres: dict[str, tuple[float, float]] = {}
    for k, (sid, nm, value, d) in enumerate(zip(table["segment"], names, rta, diag, strict=True)):  # boxes
        color = colormap(norm(min(value, top_v))) if pd.notna(value) else (0.85, 0.85, 0.85, 1.0)
        box = FancyBboxPatch((x[k], y[k]), width, height, boxstyle="round,pad=0.02,rounding_size=0.08",
                             facecolor=color, edgecolor="#333333", linewidth=1.6 if d in DIAGNOSES[:3] else 0.8,
                             gid=f"segment:{sid}")
        ax.add_patch(box)
        lum = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
        ink = "white" if lum < 0.5 else "black"
        label = f"{nm}\nRTA {value:.2f}" if pd.notna(value) else f"{nm}\nRTA —"
        ax.text(x[k] + width / 2, y[k] + height / 2, label, ha="center", va="center", fontsize=8.5, color=ink,
                gid=f"label:{sid}")
        if d in DIAGNOSES[:3]:
            ax.text(x[k] + width - 0.05, y[k] + height - 0.04, d, ha="right", va="top", fontsize=8,
                    color=ink, bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.75,
                                     "edgecolor": "none"}, gid=f"diagnosis:{sid}")
            ax.texts[-1].set_color("black")
        centres[str(sid)] = (x[k] + width / 2, y[k] + height / 2)
    low = float(y.min()) if len(y) else 0.0
    for t0, t1 in itertools.pairwise(TIERS):  # broad tier arrows
        if per_tier.get(t0, 0) and per_tier.get(t1, 0):
            arrow = FancyArrowPatch((xs[t0] + width + 0.15, height + 0.35), (xs[t1] - 0.15, height + 0.35),
                                    arrowstyle="simple,head_length=0.6,head_width=0.6,tail_width=0.25",
                                    mutation_scale=18, color="#9e9e9e", gid="tier-link")
            ax.add_patch(arrow)
    if chain is not None:
        links = list(load_chain(chain).links)
    else:
        links = list(table.attrs.get("links", []))
    for a, b, kind in links:
        if kind == "tier" or a not in centres or b not in centres:
            continue
        (xa, ya), (xb, yb) = centres[a], centres[b]
        if xa < xb:
            start, end = (xa + width / 2, ya), (xb - width / 2, yb)
        elif xa > xb:
            start, end = (xa - width / 2, ya), (xb + width / 2, yb)
        else:
            start, end = (xa + width / 2, ya), (xb + width / 2, yb)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, linewidth=1.2,
                                     linestyle="--" if kind == "extends" else "-", color="#555555",
                                     connectionstyle="arc3,rad=0.35" if xa == xb else "arc3,rad=0.1",
                                     gid=f"link:{a}->{b}"))
    for t in TIERS:
        ax.text(xs[t] + width / 2, height + 0.75, TIER_ZH[t], ha="center", va="bottom", fontsize=12)
    ax.set_xlim(-0.4, xs["downstream"] + width + 0.4)
    ax.set_ylim(low - 0.4, height + 1.3)
    ax.set_axis_off()
    sm = mpl.cm.ScalarMappable(norm=norm, cmap=colormap)
    bar = ax.figure.colorbar(sm, ax=ax, fraction=0.03, pad=0.01)
    bar.set_label("本地区 RTA（全国 = 1）")
    region = table.attrs.get("region", "本地区")
    ax.set_title(title or f"产业链图谱：{region}各环节专利优势（RTA）与强链/补链/延链")
    if save is not None:
        save_chart(ax, save)
    return ax
