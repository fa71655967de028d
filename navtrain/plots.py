"""Standard charts with Chinese text that renders everywhere (never tofu).

:func:`use_theme` registers Noto Sans CJK from the pip-installed ``noto-cjk-sans-otc``
wheel (SIL OFL 1.1), falling back to a system Noto CJK font, and sets the seaborn
theme with the font list ``["DejaVu Sans", "Noto Sans CJK SC"]``: Latin text and the
minus sign come from DejaVu, Chinese glyphs fall back to Noto.

seaborn (and pyplot) are imported inside the functions that draw, so ``import navtrain``
stays fast; the font is registered at import (a cheap ``addfont``) so any figure renders
Chinese. Every chart labels its count axis with the unit of its table
(``attrs['unit_label']``: 申请量（件）, 专利族数（项） or 文献量（篇）).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from navtrain.basis import axis_label
from navtrain.errors import NavtrainError, SchemaError
from navtrain.schema import check_columns

__all__ = ["CJK_FAMILY", "PALETTE", "cjk_font_path", "new_axes", "plot_trend", "plot_type_mix", "save_chart",
           "use_theme"]

#: One palette for every navtrain chart (colour-blind safe, prints in grey).
PALETTE = "colorblind"
#: Default figure size in inches (width, height) for single charts.
FIGSIZE = (8, 4.2)

CJK_FAMILY = "Noto Sans CJK SC"
FONT_FAMILIES = ["DejaVu Sans", CJK_FAMILY]
INCOMPLETE_COLOR = "#d9d9d9"
_SYSTEM_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/Supplemental/NotoSansCJK-Regular.ttc",
)


def cjk_font_path() -> Path:
    """Path of a Noto Sans CJK font file: the pip wheel first, then system copies.

    >>> cjk_font_path().suffix
    '.ttc'
    """
    try:
        from noto_cjk_sans_otc import FONT_PATH

        path = Path(str(FONT_PATH))
        if path.is_file():
            return path
    except ImportError:  # pragma: no cover - the wheel is a declared dependency
        pass
    for candidate in _SYSTEM_FONTS:  # pragma: no cover - depends on the machine
        if Path(candidate).is_file():
            return Path(candidate)
    raise NavtrainError(  # pragma: no cover
        "no Chinese (CJK) font found for charts",
        fix="pip install noto-cjk-sans-otc (or install the system package fonts-noto-cjk)",
        hint="未找到中文字体，图表中的中文将无法显示",
    )


def _register_cjk_font() -> None:
    """Register Noto Sans CJK and put it in the font fallback list (no theme change).

    Done when navtrain is imported, so that even a figure created before
    :func:`use_theme` renders Chinese tick labels.
    """
    try:
        path = str(cjk_font_path())
    except NavtrainError:  # pragma: no cover - reported by use_theme()
        return
    if path not in {f.fname for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(path)
    family = list(mpl.rcParams["font.family"])
    if CJK_FAMILY not in family:
        mpl.rcParams["font.family"] = ["DejaVu Sans", CJK_FAMILY] if family == ["sans-serif"] else [*family, CJK_FAMILY]


def use_theme(style: str = "whitegrid", context: str = "notebook", font_scale: float = 1.0) -> None:
    """Set the seaborn theme with a CJK font so Chinese titles and labels render.

    Call once at the top of a notebook. seaborn's ``set_theme`` resets fonts, so the
    font is set in the same call; the font file is registered directly with
    ``font_manager.fontManager.addfont`` so a stale matplotlib font cache cannot hide it.

    >>> use_theme()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["font.family"]
    ['DejaVu Sans', 'Noto Sans CJK SC']
    """
    import seaborn as sns

    path = str(cjk_font_path())
    known = {f.fname for f in font_manager.fontManager.ttflist}
    if path not in known:
        font_manager.fontManager.addfont(path)
    sns.set_theme(
        style=style,
        context=context,
        font_scale=font_scale,
        font=FONT_FAMILIES,
        rc={"axes.unicode_minus": True, "font.sans-serif": [*FONT_FAMILIES, "sans-serif"],
            "figure.dpi": 100, "savefig.bbox": "tight"},
    )
    mpl.rcParams["font.family"] = FONT_FAMILIES


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = FIGSIZE) -> Axes:
    """Return ``ax`` or a new Axes, with the navtrain theme (CJK font) active.

    Every chart function starts with this, so a chart drawn without calling
    :func:`use_theme` first still renders Chinese.

    >>> new_axes().figure.get_size_inches().tolist()
    [8.0, 4.2]
    """
    if CJK_FAMILY not in mpl.rcParams["font.family"]:
        use_theme()
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=figsize)
    return ax


def save_chart(obj: Axes | mpl.figure.Figure, path: str | Path, dpi: int = 150) -> Path:
    """Save the figure of ``obj`` to ``path`` (.png or .svg, by the suffix); return the path.

    >>> import tempfile, pathlib
    >>> out = save_chart(new_axes(), pathlib.Path(tempfile.mkdtemp()) / "c.svg")
    >>> out.suffix, out.stat().st_size > 0
    ('.svg', True)
    """
    fig = obj.figure if isinstance(obj, Axes) else obj
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise SchemaError(f"cannot save a chart as {path.suffix or '(no suffix)'}",
                          fix="use a file name ending in .png or .svg", hint="图表只能保存为 PNG 或 SVG")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, bbox_inches="tight")
    return path


def unit_label(result: pd.DataFrame | Mapping[str, object]) -> str:
    """The count-axis label of a counting result (a table, or its ``attrs``/``G.graph``
    mapping): ``unit_label``, else the label of ``unit`` (applications when neither is
    recorded).

    >>> from navtrain import load_sample, trend
    >>> unit_label(trend(load_sample(), unit="项")), unit_label({})
    ('专利族数（项）', '申请量（件）')
    """
    attrs = result if isinstance(result, Mapping) else (getattr(result, "attrs", {}) or {})
    return str(attrs.get("unit_label") or axis_label(str(attrs.get("unit") or "applications")))


def plot_trend(
    trend_table: pd.DataFrame,
    ax: Axes | None = None,
    title: str | None = None,
    kind: str = "line",
    save: str | Path | None = None,
) -> Axes:
    """Chart a :func:`navtrain.trend` table, shading the incomplete years.

    One line (or bar series) per group when the table was split ``by`` a column. The
    incomplete years (publication lag) are shaded grey and labelled
    「数据不完整」, so nobody reads a decline into them. Returns the Axes.

    >>> from navtrain import load_sample, trend
    >>> ax = plot_trend(trend(load_sample(), cutoff="2024-12-31"), title="申请趋势")
    >>> ax.get_ylabel(), ax.get_xlabel()
    ('申请量（件）', '申请年')
    >>> [p.get_label() for p in ax.patches if p.get_label().startswith("数据")]
    ['数据不完整（2023–2024）']
    """
    check_columns(trend_table, ["year", "count", "incomplete"], "plot_trend")
    if kind not in ("line", "bar"):
        raise SchemaError(f"unknown chart kind {kind!r}", fix="use kind='line' or kind='bar'",
                          hint="kind 只能是 line 或 bar")
    by = trend_table.attrs.get("by")
    if by is None:
        extra = [c for c in trend_table.columns if c not in ("year", "count", "incomplete")]
        by = extra[0] if extra else None
    ax = new_axes(ax)
    import seaborn as sns

    data = trend_table.copy()
    if kind == "line":
        sns.lineplot(data=data, x="year", y="count", hue=by, marker="o", ax=ax,
                     palette=PALETTE if by else None)
    else:
        sns.barplot(data=data, x="year", y="count", hue=by, ax=ax, native_scale=True,
                    palette=PALETTE if by else None)
    years = data.loc[data["incomplete"], "year"]
    if len(years):
        lo, hi = int(years.min()), int(years.max())
        label = f"数据不完整（{lo}–{hi}）" if lo != hi else f"数据不完整（{lo}）"
        ax.axvspan(lo - 0.5, hi + 0.5, color=INCOMPLETE_COLOR, alpha=0.6, zorder=0, label=label,
                   hatch="//", linewidth=0)
    ax.set_xlabel(trend_table.attrs.get("year_label", "年份"))
    ax.set_ylabel(unit_label(trend_table))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    handles, _ = ax.get_legend_handles_labels()
    if len(years) and not any(isinstance(h, Patch) for h in handles):  # pragma: no cover
        handles.append(Patch(color=INCOMPLETE_COLOR, label=label))
    if handles:
        ax.legend(handles=handles, labels=[h.get_label() for h in handles], frameon=False,
                  title=None if by is None else by)
    elif ax.get_legend() is not None:
        ax.get_legend().remove()
    if title:
        ax.set_title(title)
    cut = trend_table.attrs.get("cutoff")
    if cut is not None and not pd.isna(cut):
        ax.annotate(f"检索截止日：{pd.Timestamp(cut):%Y-%m-%d}", xy=(1, -0.18),
                    xycoords="axes fraction", ha="right", fontsize="small", color="#555555")
    if save is not None:
        save_chart(ax, save)
    return ax


TYPE_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}


def plot_type_mix(trend_by_type: pd.DataFrame, ax: Axes | None = None, share: bool = False,
                  title: str | None = None, save: str | Path | None = None) -> Axes:
    """Stacked bars of filings per year by patent type (专利类型构成), from
    ``trend(df, by="patent_type")``; ``share=True`` stacks shares instead of counts.
    Incomplete years are shaded as in :func:`plot_trend`.

    >>> from navtrain import load_sample, trend
    >>> ax = plot_type_mix(trend(load_sample(), by="patent_type", cutoff="2024-12-31"))
    >>> len(ax.patches) - 1, [t.get_text() for t in ax.get_legend().get_texts()][:3]
    (30, ['发明', '实用新型', '外观设计'])
    """
    check_columns(trend_by_type, ["year", "patent_type", "count", "incomplete"], "plot_type_mix")
    ax = new_axes(ax)
    wide = trend_by_type.pivot_table(index="year", columns="patent_type", values="count", aggfunc="sum",
                                     fill_value=0)
    order = [t for t in TYPE_ZH if t in wide.columns] + [c for c in wide.columns if c not in TYPE_ZH]
    wide = wide[order]
    if share:
        wide = wide.div(wide.sum(axis=1).where(lambda s: s > 0), axis=0)
    import seaborn as sns

    colors = sns.color_palette(PALETTE, len(order))
    bottom = pd.Series(0.0, index=wide.index)
    for color, col in zip(colors, order, strict=True):
        ax.bar(wide.index, wide[col].fillna(0), bottom=bottom, color=color, label=TYPE_ZH.get(col, col),
               width=0.8)
        bottom = bottom + wide[col].fillna(0)
    years = trend_by_type.loc[trend_by_type["incomplete"], "year"]
    if len(years):
        lo, hi = int(years.min()), int(years.max())
        ax.axvspan(lo - 0.5, hi + 0.5, color=INCOMPLETE_COLOR, alpha=0.5, zorder=0, hatch="//", linewidth=0,
                   label=f"数据不完整（{lo}–{hi}）" if lo != hi else f"数据不完整（{lo}）")
    ax.set_xlabel(trend_by_type.attrs.get("year_label", "年份"))
    ax.set_ylabel("占比" if share else unit_label(trend_by_type))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    handles, labels = ax.get_legend_handles_labels()
    order_idx = sorted(range(len(labels)), key=lambda i: labels[i].startswith("数据不完整"))
    ax.legend([handles[i] for i in order_idx], [labels[i] for i in order_idx], frameon=False)
    ax.set_title(title or "专利类型构成")
    if save is not None:
        save_chart(ax, save)
    return ax


_register_cjk_font()
