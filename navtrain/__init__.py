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
from navtrain.trend import cagr, grant_rate, growth, incomplete_years, trend

__version__ = "0.1.0"

__all__ = [
    "SYNTHETIC_NOTICE",
    "NavtrainError",
    "NavtrainWarning",
    "SCurveFit",
    "SchemaError",
    "__version__",
    "applicant_matrix",
    "applicant_ranking",
    "applicant_type_mix",
    "cagr",
    "collaboration_network",
    "cr_n",
    "dataset_names",
    "explode",
    "family_view",
    "fit_s_curve",
    "flow_matrix",
    "grant_rate",
    "growth",
    "harmonize",
    "harmonize_names",
    "hhi",
    "incomplete_years",
    "ipc_by_year",
    "ipc_cooccurrence",
    "ipc_counts",
    "ipc_label",
    "ipc_to_industry",
    "lifecycle_table",
    "load_concordance",
    "load_dataset",
    "load_sample",
    "matching_degree",
    "matrix",
    "name_key",
    "network_metrics",
    "overseas_ratio",
    "parse_ipc",
    "peer_benchmark",
    "per_capita",
    "plot_applicants_over_time",
    "plot_flow_matrix",
    "plot_ipc_composition",
    "plot_ipc_heatmap",
    "plot_lifecycle",
    "plot_network",
    "plot_portfolio_bubble",
    "plot_region_ranking",
    "plot_s_curve",
    "plot_top_applicants",
    "plot_trend",
    "plot_type_mix",
    "read_patents",
    "region_counts",
    "rta",
    "save_chart",
    "shares",
    "standardize_columns",
    "to_patent_table",
    "trend",
    "use_theme",
    "validate_patents",
    "write_table",
]
