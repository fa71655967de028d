"""navtrain: learn and practise patent navigation (专利导航, GB/T 39551-2020).

The learner-facing API is small and flat; every function returns a new object and
never changes its input::

    import navtrain as nt
    nt.use_theme()                      # Chinese charts
    df = nt.load_sample()               # tiny synthetic table (fictitious names)
    t = nt.trend(df, cutoff="2024-12-31")
    nt.plot_trend(t, title="申请趋势")
"""

from navtrain.clean import explode
from navtrain.datasets import SYNTHETIC_NOTICE, dataset_names, load_dataset, load_sample
from navtrain.errors import NavtrainError, NavtrainWarning, SchemaError
from navtrain.io import family_view, read_patents, write_table
from navtrain.plots import plot_trend, plot_type_mix, save_chart, use_theme
from navtrain.schema import standardize_columns, to_patent_table, validate_patents
from navtrain.trend import cagr, grant_rate, growth, incomplete_years, trend

__version__ = "0.1.0"

__all__ = [
    "SYNTHETIC_NOTICE",
    "NavtrainError",
    "NavtrainWarning",
    "SchemaError",
    "__version__",
    "cagr",
    "dataset_names",
    "explode",
    "family_view",
    "grant_rate",
    "growth",
    "incomplete_years",
    "load_dataset",
    "load_sample",
    "plot_trend",
    "plot_type_mix",
    "read_patents",
    "save_chart",
    "standardize_columns",
    "to_patent_table",
    "trend",
    "use_theme",
    "validate_patents",
    "write_table",
]
