"""The learner API by analysis topic: one list, :data:`GROUPS`, that makes the README table,
``docs/methods/README.md``, :func:`overview` and the lazy top level of ``navtrain``.

Each topic lists its methods, then its charts, each with the module that defines it and a
short Chinese purpose (用途). Names not listed here are building blocks: they stay
reachable under their modules (``navtrain.citations.path_weights``) but are not part of
``navtrain.__all__``. This module imports nothing heavy, so ``import navtrain`` stays fast.

>>> [t.en for t in GROUPS][:3]
['start and data in', 'schema and cleaning', 'trend']
>>> MODULE_OF["plot_trend"]
'navtrain.plots'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["BUILDING_BLOCKS", "GROUPS", "MODULE_OF", "OTHER_NAMES", "Entry", "Topic", "methods_index", "overview",
           "public_names", "readme_table"]


@dataclass(frozen=True)
class Entry:
    """One public function: its name, the module that defines it, and its purpose in Chinese."""

    name: str
    module: str
    zh: str


@dataclass(frozen=True)
class Topic:
    """One analysis topic: Chinese and English names, its methods, then its charts, and the
    method note (a path under ``docs/``) that explains it, if any."""

    zh: str
    en: str
    methods: tuple[Entry, ...]
    charts: tuple[Entry, ...] = ()
    note: str = ""

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.methods + self.charts


def _e(module: str, *pairs: tuple[str, str]) -> tuple[Entry, ...]:
    return tuple(Entry(name, f"navtrain.{module}", zh) for name, zh in pairs)


GROUPS: tuple[Topic, ...] = (
    Topic("开始与数据进入", "start and data in", _e("api", ("overview", "本表：按专题列出全部函数"))
          + _e("datasets", ("load_sample", "21 行教学样例（合成数据）"),
               ("load_dataset", "加载内置合成案例或公开数据集"),
               ("dataset_names", "可加载的数据集名称"))
          + _e("io", ("read_patents", "读入数据库导出文件（incoPat、智慧芽、Lens 等）"),
               ("write_table", "把标准专利表写成 parquet / csv / xlsx"),
               ("family_view", "每个同族一行（最早成员）")),
          note="import.md"),
    Topic("数据处理", "schema and cleaning",
          _e("schema", ("validate_patents", "检查表是否符合标准字段"),
             ("to_patent_table", "转换为标准专利表"),
             ("standardize_columns", "把中文或数据库列名改成标准列名"))
          + _e("clean", ("explode", "列表列展开为一行一值（整数或分数计数）"),)
          + _e("names", ("harmonize", "申请人名称归一（新增显示名称列）"),
               ("harmonize_names", "名称变体分组表，供人工核对"))
          + _e("normalize", ("parse_ipc", "把 IPC 分类号拆成部、大类、小类、大组、小组"),),
          note="schema.md"),
    Topic("申请趋势", "trend",
          _e("trend", ("trend", "逐年申请量（件）或专利族数（项），标出不完整年份"),)
          + _e("basis", ("incomplete_years", "因公开滞后尚不完整的年份"),)
          + _e("trend", ("growth", "同比增长率"), ("cagr", "复合年均增长率"),
               ("grant_rate", "按申请年的授权率")),
          _e("plots", ("plot_trend", "申请趋势图（不完整年份灰色）"),
             ("plot_type_mix", "专利类型构成堆积图")),
          note="methods/trend.md"),
    Topic("技术生命周期", "life cycle",
          _e("lifecycle", ("lifecycle_table", "生命周期表：申请量、申请人数、阶段、专利指标法"),
             ("fit_s_curve", "拟合 S 曲线（Logistic / Gompertz）")),
          _e("lifecycle", ("plot_lifecycle", "申请人数—申请量生命周期图"),
             ("plot_s_curve", "S 曲线拟合图")),
          note="methods/lifecycle.md"),
    Topic("集中度", "concentration",
          _e("concentration", ("shares", "份额"), ("cr_n", "集中度 CR_n"),
             ("hhi", "赫芬达尔—赫希曼指数 HHI"), ("rta", "显示性技术优势 RTA"),
             ("matrix", "主体 × 领域计数矩阵"), ("flow_matrix", "技术来源国—目标市场国流向矩阵"),
             ("overseas_ratio", "海外布局率")),
          _e("applicants", ("plot_flow_matrix", "技术流向热力图"),),
          note="methods/applicants.md"),
    Topic("申请人", "applicants",
          _e("applicants", ("applicant_ranking", "申请人排名及组合画像"),
             ("applicant_matrix", "申请人 × 领域或年份矩阵"),
             ("applicant_type_mix", "申请人类型构成"),
             ("collaboration_network", "申请人合作网络"),
             ("network_metrics", "网络中心性与社团")),
          _e("applicants", ("plot_top_applicants", "申请人排名条形图"),
             ("plot_applicants_over_time", "主要申请人逐年申请热力图"),
             ("plot_portfolio_bubble", "申请人组合气泡图"),
             ("plot_network", "合作网络图")),
          note="methods/applicants.md"),
    Topic("技术构成（IPC）", "technology (IPC)",
          _e("ipc", ("ipc_counts", "IPC 技术构成"), ("ipc_by_year", "IPC × 年份矩阵"),
             ("ipc_cooccurrence", "IPC 共现（技术融合）"), ("ipc_label", "IPC 小类的中文或英文简称")),
          _e("ipc", ("plot_ipc_composition", "技术构成条形图"), ("plot_ipc_heatmap", "IPC 年度热力图")),
          note="methods/ipc.md"),
    Topic("区域", "regions",
          _e("regions", ("region_counts", "按省份或城市计数"),
             ("per_capita", "每万人口发明专利拥有量等人均指标"),
             ("ipc_to_industry", "经 IPC 对照表按技术领域或产业计数"),
             ("load_concordance", "IPC—产业对照表"),
             ("matching_degree", "产业结构与专利结构的匹配度"),
             ("peer_benchmark", "与对标地区比较")),
          _e("regions", ("plot_region_ranking", "地区排名条形图"),),
          note="methods/regions.md"),
    Topic("技术功效矩阵", "technology-function matrix",
          _e("techfunc", ("tag_text", "按关键词 / 正则规则标引技术手段与功效"),
             ("function_matrix", "技术功效矩阵"), ("blank_cells", "空白点候选（待核实）"),
             ("hot_cells", "热点单元格")),
          _e("techfunc", ("plot_function_matrix", "技术功效气泡图"),),
          note="methods/techfunc.md"),
    Topic("产业链", "industry chain",
          _e("chain", ("load_chain", "读入产业链结构（环节、IPC、关键词）"),
             ("map_segments", "专利—产业链环节对应"), ("segment_table", "各环节的区域、全国、全球定位"),
             ("diagnose_chain", "强链 / 补链 / 延链 / 维持诊断"), ("attraction_list", "重点企业（招引）清单")),
          _e("chain", ("plot_chain_map", "产业链图谱"),),
          note="methods/chain.md"),
    Topic("专利价值", "patent value",
          _e("value", ("forward_citations", "固定窗口内的被引次数"), ("value_indicators", "专利价值指标"),
             ("value_score", "专利价值综合评分"), ("core_patents", "核心专利清单"),
             ("high_value_flags", "高价值发明专利标记")),
          _e("value", ("plot_core_timeline", "核心专利技术路线图"),),
          note="methods/value.md"),
    Topic("法律状态与风险", "legal status and risk",
          _e("legal", ("term_end", "保护期限与期满终止日"), ("legal_event_table", "法律事件表"),
             ("status_as_of", "某日的法律状态"), ("remaining_life", "剩余保护期"),
             ("fto_screen", "自由实施（FTO）初筛漏斗（教学用，非法律意见）"),
             ("claim_chart", "权利要求特征比对表"), ("watch_changes", "专利监控：两次快照的变化")),
          _e("legal", ("plot_legal_profile", "法律状态构成图"), ("plot_expiry_profile", "到期分布图")),
          note="methods/legal.md"),
    Topic("人才", "talent",
          _e("talent", ("disambiguate_inventors", "发明人消歧（每次署名一个人员编号）"),
             ("inventor_metrics", "发明人画像指标"), ("coinventor_network", "发明人合作网络"),
             ("inventor_teams", "研发团队"), ("talent_list", "人才清单"),
             ("candidate_table", "候选人评价表")),
          _e("talent", ("plot_inventor_network", "发明人合作网络图"), ("plot_talent_radar", "人才雷达图")),
          note="methods/talent.md"),
    Topic("引证", "citations",
          _e("citations", ("citation_graph", "引证网络"), ("main_path", "引证主路径"),
             ("citation_pagerank", "引证 PageRank")),
          _e("citations", ("plot_main_path", "主路径图"),),
          note="methods/citations.md"),
    Topic("图表设置", "chart setup", (),
          _e("plots", ("use_theme", "中文图表主题（先调用一次）"), ("save_chart", "保存图表为 png / svg"))),
)

#: Public names that are not functions (classes, errors, constants) → their module.
OTHER_NAMES: dict[str, str] = {
    "DEFAULT_VALUE_WEIGHTS": "navtrain.value",
    "SYNTHETIC_NOTICE": "navtrain.datasets",
    "ChainSpecError": "navtrain.chain",
    "NavtrainError": "navtrain.errors",
    "NavtrainWarning": "navtrain.errors",
    "SCurveFit": "navtrain.lifecycle",
    "SchemaError": "navtrain.errors",
}

#: Building blocks that left the top level in 0.2: reachable under their modules only.
BUILDING_BLOCKS: dict[str, str] = {
    "path_weights": "navtrain.citations",
    "matrix_cells": "navtrain.techfunc",
    "load_tag_rules": "navtrain.techfunc",
    "entropy_weights": "navtrain.value",
    "name_key": "navtrain.names",
    "h_index": "navtrain.talent",
}

#: Every public name of ``navtrain`` → the module it is loaded from.
MODULE_OF: dict[str, str] = {e.name: e.module for t in GROUPS for e in t.entries} | OTHER_NAMES


def public_names() -> list[str]:
    """The names of ``navtrain.__all__`` (without ``__version__``), sorted.

    >>> "trend" in public_names() and "path_weights" not in public_names()
    True
    """
    return sorted(MODULE_OF)


def _topic_matches(topic: Topic, wanted: str) -> bool:
    return wanted.lower() in (topic.zh.lower(), topic.en.lower()) or wanted in topic.zh or \
        wanted.lower() in topic.en.lower()


def overview(topic: str | None = None) -> pd.DataFrame:
    """The learner API as a table (函数总览): one row per function, by analysis topic.

    Columns (Chinese labels, for a notebook): 专题 (topic), 类别 (方法 = a method, 图表 =
    a chart), 函数 (how to call it), 用途 (what it is for), 模块 (where it is defined),
    Topic (the English topic name). Within a topic the methods come first, then the
    charts that draw their results. ``topic`` keeps one topic, by its Chinese or English
    name (or part of it, e.g. ``"区域"`` or ``"value"``).

    >>> import navtrain as nt
    >>> t = nt.overview()
    >>> t.columns.tolist()
    ['专题', '类别', '函数', '用途', '模块', 'Topic']
    >>> t.loc[t["函数"] == "nt.trend", "用途"].item()
    '逐年申请量（件）或专利族数（项），标出不完整年份'
    >>> nt.overview("区域")["函数"].tolist()[:2]
    ['nt.region_counts', 'nt.per_capita']
    """
    import pandas as pd

    from navtrain.errors import UnknownNameError

    topics = GROUPS
    if topic is not None:
        topics = tuple(t for t in GROUPS if _topic_matches(t, str(topic)))
        if not topics:
            names = ", ".join(f"{t.zh} ({t.en})" for t in GROUPS)
            raise UnknownNameError(f"no topic {topic!r}", fix=f"use one of: {names}",
                                   hint="没有这个专题，请从列出的专题中选择")
    rows = [(t.zh, kind, f"nt.{e.name}", e.zh, e.module, t.en)
            for t in topics
            for kind, entries in (("方法", t.methods), ("图表", t.charts))
            for e in entries]
    return pd.DataFrame(rows, columns=["专题", "类别", "函数", "用途", "模块", "Topic"])


def readme_table() -> str:
    """The API table of ``README.md`` (Markdown): one row per topic, methods then charts.

    >>> readme_table().splitlines()[0]
    '| topic · 专题 | methods | charts (return the Axes) |'
    """
    lines = ["| topic · 专题 | methods | charts (return the Axes) |", "|---|---|---|"]
    for t in GROUPS:
        methods = ", ".join(f"`{e.name}`" for e in t.methods) or "—"
        charts = ", ".join(f"`{e.name}`" for e in t.charts) or "—"
        lines.append(f"| {t.en} · {t.zh} | {methods} | {charts} |")
    return "\n".join(lines)


def _first_paragraph(obj: object) -> str:
    import inspect

    text = (inspect.getdoc(obj) or "").strip().split("\n\n")[0]
    return " ".join(text.split()).replace("|", "/")


def methods_index() -> str:
    """The text of ``docs/methods/README.md``: per topic, every function with its module,
    Chinese purpose and the first paragraph of its docstring (imports every module).

    >>> methods_index().startswith("# Methods · 方法索引")
    True
    """
    import importlib

    notes = sorted({t.note for t in GROUPS if t.note.startswith("methods/")})
    links = ", ".join(f"[{n.removeprefix('methods/').removesuffix('.md')}]({n.removeprefix('methods/')})"
                      for n in notes)
    lines = [
        "# Methods · 方法索引", "",
        "Every public function documents, in its docstring, what it computes, the formula, the source",
        "(standard part, paper or manual) and an example on the 21-row sample; `help(nt.trend)` in a",
        "notebook shows it, and `nt.overview()` prints this list as a table with Chinese labels.",
        "This page is generated from `navtrain.api.GROUPS` and the docstrings by",
        "`python tools/make_methods_index.py` (a test keeps it in step).", "",
        f"Method notes: {links}; also [import](../import.md), [names](../names.md),",
        "[datasets](../datasets.md), [schema](../schema.md), [vocabulary](../vocabulary.md).",
        "Counts are in 件 (applications, the default), 项 (families) or 篇 (documents);",
        "see [vocabulary](../vocabulary.md).", "",
        "Building blocks that are not part of `navtrain.__all__` (call them by their module): "
        + ", ".join(f"`{m}.{n}`" for n, m in BUILDING_BLOCKS.items()) + ".", "",
    ]
    for t in GROUPS:
        lines += [f"## {t.zh} · {t.en}", ""]
        if t.note:
            target = t.note.removeprefix("methods/") if t.note.startswith("methods/") else f"../{t.note}"
            lines += [f"Note: [{t.note.rsplit('/', 1)[-1]}]({target})", ""]
        lines += ["| function | kind | module | 用途 | what it does |", "|---|---|---|---|---|"]
        for kind, entries in (("method", t.methods), ("chart", t.charts)):
            for e in entries:
                obj = getattr(importlib.import_module(e.module), e.name)
                lines.append(f"| `nt.{e.name}` | {kind} | `{e.module}` | {e.zh} | {_first_paragraph(obj)} |")
        lines.append("")
    return "\n".join(lines)
