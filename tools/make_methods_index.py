"""Write docs/methods/README.md: an index of the public API built from the docstrings.

Run: python tools/make_methods_index.py   (a test checks the file is up to date)
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import navtrain as nt

GROUPS = {
    "数据进入 · data in": ["load_sample", "load_dataset", "dataset_names", "read_patents", "write_table",
                         "family_view"],
    "数据处理 · schema and cleaning": ["validate_patents", "to_patent_table", "standardize_columns", "explode",
                                   "harmonize", "harmonize_names", "name_key", "parse_ipc"],
    "趋势与生命周期 · trend and life cycle": ["trend", "incomplete_years", "growth", "cagr", "grant_rate",
                                       "lifecycle_table", "fit_s_curve"],
    "集中度与申请人 · concentration and applicants": ["shares", "cr_n", "hhi", "rta", "matrix", "flow_matrix",
                                              "overseas_ratio", "applicant_ranking", "applicant_matrix",
                                              "applicant_type_mix", "collaboration_network", "network_metrics"],
    "技术构成与区域 · technology and regions": ["ipc_counts", "ipc_by_year", "ipc_cooccurrence", "ipc_label",
                                        "region_counts", "per_capita", "ipc_to_industry", "load_concordance",
                                        "matching_degree", "peer_benchmark"],
    "技术功效矩阵 · technology-function matrix": ["load_tag_rules", "tag_text", "function_matrix", "matrix_cells",
                                           "blank_cells", "hot_cells"],
    "产业链 · industry chain": ["load_chain", "map_segments", "segment_table", "diagnose_chain", "attraction_list"],
    "专利价值 · patent value": ["forward_citations", "value_indicators", "value_score", "entropy_weights",
                            "core_patents", "high_value_flags"],
    "法律状态与风险 · legal status and risk": ["term_end", "legal_event_table", "status_as_of", "remaining_life",
                                        "fto_screen", "claim_chart", "watch_changes"],
    "人才 · talent": ["disambiguate_inventors", "h_index", "inventor_metrics", "coinventor_network",
                    "inventor_teams", "talent_list", "candidate_table"],
    "引证 · citations": ["citation_graph", "path_weights", "main_path", "citation_pagerank"],
    "图表 · charts": ["use_theme", "save_chart", *sorted(n for n in nt.__all__ if n.startswith("plot_"))],
}
OUT = Path(__file__).resolve().parent.parent / "docs" / "methods" / "README.md"


def render() -> str:
    listed = {n for names in GROUPS.values() for n in names}
    missing = [n for n in nt.__all__ if inspect.isfunction(getattr(nt, n)) and n not in listed]
    if missing:
        raise SystemExit(f"add these public functions to a group: {missing}")
    lines = [
        "# Methods · 方法索引", "",
        "Every public function documents, in its docstring, what it computes, the formula, the source",
        "(standard part, paper or manual) and an example on the 21-row sample; `help(nt.trend)` in a",
        "notebook shows it. This index is generated from those docstrings by",
        "`python tools/make_methods_index.py`. Longer notes: [trend](trend.md),",
        "[technology-function matrix](techfunc.md), [industry chain](chain.md), [patent value](value.md),",
        "[legal status and risk](legal.md), [talent](talent.md), [citations](citations.md),",
        "[import](../import.md), [names](../names.md), [datasets](../datasets.md), [schema](../schema.md).", "",
    ]
    for group, names in GROUPS.items():
        lines += [f"## {group}", "", "| function | module | what it does |", "|---|---|---|"]
        for name in names:
            obj = getattr(nt, name)
            first = (inspect.getdoc(obj) or "").strip().split("\n\n")[0].replace("\n", " ")
            lines.append(f"| `nt.{name}` | `{obj.__module__}` | {first.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    sys.exit(0)
