"""Chinese charts: no missing glyph (tofu), on a fresh font cache, from the pip font."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

import navtrain as nt
from navtrain.plots import CJK_FAMILY, cjk_font_path
from tests.helpers import missing_glyphs


def _render_chinese_chart() -> list[str]:
    """Draw a chart with a Chinese title, tick labels and a negative value; return the
    missing-glyph warnings raised while rendering it to PNG."""
    _, ax = plt.subplots()
    ax.bar(["发明", "实用新型", "外观设计"], [5, -3, 2])
    ax.set_title("超硬材料专利申请（件）：同比 −12.5%")
    ax.set_ylabel("申请量增减")
    return missing_glyphs(ax)


def test_theme_renders_chinese_and_minus_without_missing_glyphs():
    nt.use_theme()
    assert mpl.rcParams["font.family"] == ["DejaVu Sans", CJK_FAMILY]
    assert _render_chinese_chart() == []


def test_without_the_theme_the_same_chart_has_tofu():
    """Proves the check above can fail: DejaVu alone lacks CJK glyphs."""
    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        missing = _render_chinese_chart()
    assert missing, "expected missing-glyph warnings with DejaVu Sans only"


def test_font_comes_from_the_pip_wheel():
    path = cjk_font_path()
    assert "noto_cjk_sans_otc" in str(path), f"expected the PyPI font wheel, got {path}"
    assert path.stat().st_size > 10_000_000


def test_fresh_font_cache_in_a_new_process(tmp_path):
    """A new user has an empty matplotlib cache; the theme must still find the font."""
    code = textwrap.dedent("""
        import io, warnings
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import navtrain as nt
        nt.use_theme()
        t = nt.trend(nt.load_sample(), by="patent_type", cutoff="2024-12-31")
        ax = nt.plot_trend(t, title="申请趋势（按专利类型）")
        ax.text(2016, 1, "负值 −1")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ax.figure.savefig(io.BytesIO(), format="png")
        print("ok")
    """)
    env = {"MPLCONFIGDIR": str(tmp_path / "mpl"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")


def test_plot_trend_shades_incomplete_years_and_labels_units():
    t = nt.trend(nt.load_sample(), unit="families", cutoff="2024-12-31")
    ax = nt.plot_trend(t, title="申请趋势")
    assert ax.get_title() == "申请趋势"
    assert ax.get_ylabel() == "专利族数（项）"
    spans = [p for p in ax.patches if p.get_label().startswith("数据不完整")]
    assert len(spans) == 1
    x0, x1 = spans[0].get_x(), spans[0].get_x() + spans[0].get_width()
    assert (x0, x1) == (2022.5, 2024.5)
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == list(range(2015, 2025))
    assert list(line.get_ydata()) == t["count"].tolist()


def test_plot_trend_without_incomplete_years_has_no_band():
    t = nt.trend(nt.load_sample(), cutoff="2030-12-31")
    ax = nt.plot_trend(t, kind="bar")
    assert not [p for p in ax.patches if p.get_label().startswith("数据不完整")]


def test_plot_trend_one_line_per_group():
    t = nt.trend(nt.load_sample(), by="patent_type", cutoff="2024-12-31")
    ax = nt.plot_trend(t)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert {"invention", "utility_model", "design"} <= set(labels)


def test_plot_trend_rejects_a_table_that_is_not_a_trend():
    with pytest.raises(nt.SchemaError, match="plot_trend needs column 'incomplete'"):
        nt.plot_trend(nt.load_sample().assign(year=1, count=1))


def test_type_mix_stacks_counts_and_shares():
    t = nt.trend(nt.load_sample(), by="patent_type", cutoff="2024-12-31")
    ax = nt.plot_type_mix(t)
    bars = [p for p in ax.patches if not p.get_label().startswith("数据")]
    assert len(bars) == 30
    heights = {}
    for p in bars:
        heights.setdefault(round(p.get_x() + p.get_width() / 2), []).append(p.get_height())
    assert sum(heights[2022]) == 4
    ax2 = nt.plot_type_mix(t, share=True)
    tops = {}
    for p in ax2.patches:
        if not p.get_label().startswith("数据"):
            x = round(p.get_x() + p.get_width() / 2)
            tops[x] = max(tops.get(x, 0), p.get_y() + p.get_height())
    assert tops[2022] == pytest.approx(1.0)
    assert ax2.get_ylabel() == "占比"


def test_save_chart_png_and_svg_without_missing_glyphs(tmp_path):
    t = nt.trend(nt.load_sample(), cutoff="2024-12-31")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = nt.plot_trend(t, title="申请趋势", save=tmp_path / "t.png")
    assert (tmp_path / "t.png").stat().st_size > 1000 and png.get_title() == "申请趋势"
    from navtrain.plots import save_chart

    assert save_chart(png, tmp_path / "t.svg").read_text(encoding="utf-8").startswith("<?xml")
    with pytest.raises(nt.SchemaError, match=r"cannot save a chart as \.jpg"):
        save_chart(png, tmp_path / "t.jpg")


def test_every_unit_labels_the_count_axis():
    """Issue 10: the count axis names the unit of the table (件 applications, 项 families, 篇 documents)."""
    sample = nt.load_sample()
    labels = {unit: nt.plot_trend(nt.trend(sample, unit=unit, cutoff="2024-12-31")).get_ylabel()
              for unit in ("applications", "families", "documents")}
    assert labels == {"applications": "申请量（件）", "families": "专利族数（项）", "documents": "文献量（篇）"}
    ax = nt.plot_type_mix(nt.trend(sample, by="patent_type", unit="篇", cutoff="2024-12-31"))
    assert ax.get_ylabel() == "文献量（篇）"
