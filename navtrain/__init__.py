"""navtrain: learn and practise patent navigation (专利导航, GB/T 39551-2020).

The learner-facing API is small and flat; every function returns a new object and
never changes its input::

    import navtrain as nt
    nt.use_theme()                      # Chinese charts
    df = nt.load_sample()               # tiny synthetic table (fictitious names)
    t = nt.trend(df, cutoff="2024-12-31")
    nt.plot_trend(t, title="申请趋势")

Groups: data in (``load_dataset``, ``read_patents``), cleaning (``explode``,
``harmonize``), trends and life cycle, concentration and applicants, technology (IPC),
regions, and charts (every ``plot_*`` returns the matplotlib Axes).
"""

from navtrain.applicants import (
    applicant_matrix,
    applicant_ranking,
    applicant_type_mix,
    collaboration_network,
    network_metrics,
    plot_applicants_over_time,
    plot_flow_matrix,
    plot_network,
    plot_portfolio_bubble,
    plot_top_applicants,
)
from navtrain.chain import (
    ChainSpecError,
    attraction_list,
    diagnose_chain,
    load_chain,
    map_segments,
    plot_chain_map,
    segment_table,
)
from navtrain.citations import (
    citation_graph,
    citation_pagerank,
    main_path,
    path_weights,
    plot_main_path,
)
from navtrain.clean import explode
from navtrain.concentration import cr_n, flow_matrix, hhi, matrix, overseas_ratio, rta, shares
from navtrain.datasets import SYNTHETIC_NOTICE, dataset_names, load_dataset, load_sample
from navtrain.errors import NavtrainError, NavtrainWarning, SchemaError
from navtrain.io import family_view, read_patents, write_table
from navtrain.ipc import (
    ipc_by_year,
    ipc_cooccurrence,
    ipc_counts,
    ipc_label,
    parse_ipc,
    plot_ipc_composition,
    plot_ipc_heatmap,
)
from navtrain.legal import (
    claim_chart,
    fto_screen,
    legal_event_table,
    plot_expiry_profile,
    plot_legal_profile,
    remaining_life,
    status_as_of,
    term_end,
    watch_changes,
)
from navtrain.lifecycle import SCurveFit, fit_s_curve, lifecycle_table, plot_lifecycle, plot_s_curve
from navtrain.names import harmonize, harmonize_names, name_key
from navtrain.plots import plot_trend, plot_type_mix, save_chart, use_theme
from navtrain.regions import (
    ipc_to_industry,
    load_concordance,
    matching_degree,
    peer_benchmark,
    per_capita,
    plot_region_ranking,
    region_counts,
)
from navtrain.schema import standardize_columns, to_patent_table, validate_patents
from navtrain.talent import (
    candidate_table,
    coinventor_network,
    disambiguate_inventors,
    h_index,
    inventor_metrics,
    inventor_teams,
    plot_inventor_network,
    plot_talent_radar,
    talent_list,
)
from navtrain.techfunc import (
    blank_cells,
    function_matrix,
    hot_cells,
    load_tag_rules,
    matrix_cells,
    plot_function_matrix,
    tag_text,
)
from navtrain.trend import cagr, grant_rate, growth, incomplete_years, trend
from navtrain.value import (
    DEFAULT_VALUE_WEIGHTS,
    core_patents,
    entropy_weights,
    forward_citations,
    high_value_flags,
    plot_core_timeline,
    value_indicators,
    value_score,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_VALUE_WEIGHTS",
    "SYNTHETIC_NOTICE",
    "ChainSpecError",
    "NavtrainError",
    "NavtrainWarning",
    "SCurveFit",
    "SchemaError",
    "__version__",
    "applicant_matrix",
    "applicant_ranking",
    "applicant_type_mix",
    "attraction_list",
    "blank_cells",
    "cagr",
    "candidate_table",
    "citation_graph",
    "citation_pagerank",
    "claim_chart",
    "coinventor_network",
    "collaboration_network",
    "core_patents",
    "cr_n",
    "dataset_names",
    "diagnose_chain",
    "disambiguate_inventors",
    "entropy_weights",
    "explode",
    "family_view",
    "fit_s_curve",
    "flow_matrix",
    "forward_citations",
    "fto_screen",
    "function_matrix",
    "grant_rate",
    "growth",
    "h_index",
    "harmonize",
    "harmonize_names",
    "hhi",
    "high_value_flags",
    "hot_cells",
    "incomplete_years",
    "inventor_metrics",
    "inventor_teams",
    "ipc_by_year",
    "ipc_cooccurrence",
    "ipc_counts",
    "ipc_label",
    "ipc_to_industry",
    "legal_event_table",
    "lifecycle_table",
    "load_chain",
    "load_concordance",
    "load_dataset",
    "load_sample",
    "load_tag_rules",
    "main_path",
    "map_segments",
    "matching_degree",
    "matrix",
    "matrix_cells",
    "name_key",
    "network_metrics",
    "overseas_ratio",
    "parse_ipc",
    "path_weights",
    "peer_benchmark",
    "per_capita",
    "plot_applicants_over_time",
    "plot_chain_map",
    "plot_core_timeline",
    "plot_expiry_profile",
    "plot_flow_matrix",
    "plot_function_matrix",
    "plot_inventor_network",
    "plot_ipc_composition",
    "plot_ipc_heatmap",
    "plot_legal_profile",
    "plot_lifecycle",
    "plot_main_path",
    "plot_network",
    "plot_portfolio_bubble",
    "plot_region_ranking",
    "plot_s_curve",
    "plot_talent_radar",
    "plot_top_applicants",
    "plot_trend",
    "plot_type_mix",
    "read_patents",
    "region_counts",
    "remaining_life",
    "rta",
    "save_chart",
    "segment_table",
    "shares",
    "standardize_columns",
    "status_as_of",
    "tag_text",
    "talent_list",
    "term_end",
    "to_patent_table",
    "trend",
    "use_theme",
    "validate_patents",
    "value_indicators",
    "value_score",
    "watch_changes",
    "write_table",
]
