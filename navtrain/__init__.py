"""navtrain: learn and practise patent navigation (专利导航, GB/T 39551-2020).

The learner-facing API is small and flat; every function returns a new object and
never changes its input::

    import navtrain as nt
    nt.use_theme()                      # Chinese charts
    df = nt.load_sample()               # tiny synthetic table (fictitious names)
    t = nt.trend(df, cutoff="2024-12-31")
    nt.plot_trend(t, title="申请趋势")
    nt.overview()                       # every function, by analysis topic (专题)

The functions are grouped by analysis topic in :data:`navtrain.api.GROUPS` (each topic:
its methods, then its charts). ``import navtrain`` loads none of them: a name is imported
from its module the first time it is used (PEP 562), so pandas, matplotlib, seaborn,
networkx, scipy, jieba, nbgrader and papermill load only when a function needs them.
Charts register the Chinese font when :mod:`navtrain.plots` is first imported (every
``plot_*`` function lives behind it) and again in :func:`use_theme`.
"""

from __future__ import annotations

import importlib
import sys
import types

from navtrain.api import MODULE_OF

__version__ = "0.1.0"

__all__ = ["__version__", *sorted(MODULE_OF)]

#: Public names that are also submodule names: importing the submodule must not hide the
#: function (``nt.trend`` is the function, as ``from navtrain.trend import trend`` made it).
_SHADOWED = frozenset(name for name, module in MODULE_OF.items() if module == f"{__name__}.{name}")


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use and keep it (PEP 562)."""
    module = MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The navtrain package: a submodule import never replaces a public function of the
    same name (``import navtrain.trend`` leaves ``navtrain.trend`` the function)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
