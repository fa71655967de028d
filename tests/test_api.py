"""The findable API (navtrain.api.GROUPS) and the lazy top level (fast ``import navtrain``)."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import os
import subprocess
import sys
import textwrap

import pytest

import navtrain as nt
from navtrain.api import BUILDING_BLOCKS, GROUPS, MODULE_OF, OTHER_NAMES, overview, readme_table
from navtrain.errors import UnknownNameError
from tests.conftest import REPO

#: Packages that ``import navtrain`` and ``navtrain --help`` must not load.
HEAVY = ("seaborn", "matplotlib", "nbgrader", "papermill", "networkx", "scipy", "jieba", "rapidfuzz",
         "nbconvert", "nbformat", "jupyter_client")


def _fresh(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120, check=False)


def _loaded_after(code: str) -> list[str]:
    result = _fresh(textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n")
    assert result.returncode == 0, result.stderr[-2000:]
    modules = set(json.loads(result.stdout.strip().splitlines()[-1]))
    return sorted(m for m in HEAVY if m in modules)


# --------------------------------------------------------------------------- GROUPS


def test_groups_cover_exactly_the_public_functions_each_once():
    listed = [e.name for t in GROUPS for e in t.entries]
    functions = sorted(n for n in nt.__all__ if inspect.isfunction(getattr(nt, n)))
    assert sorted(listed) == functions
    assert len(listed) == len(set(listed)), "a function is listed in two topics"


def test_other_public_names_are_not_functions():
    for name in OTHER_NAMES:
        assert name in nt.__all__ and not inspect.isfunction(getattr(nt, name)), name
    assert sorted(nt.__all__) == sorted(["__version__", *MODULE_OF])


def test_every_name_lives_in_the_module_groups_says():
    for name, module in MODULE_OF.items():
        assert getattr(importlib.import_module(module), name) is getattr(nt, name), name


def test_each_topic_lists_methods_then_charts():
    for t in GROUPS:
        assert t.zh and t.en
        assert not any(e.name.startswith("plot_") for e in t.methods), t.en
        assert all(e.name.startswith("plot_") or e.name in {"use_theme", "save_chart"} for e in t.charts), t.en
        assert all(e.zh for e in t.entries), t.en
        if t.note:
            assert (REPO / "docs" / t.note).is_file(), t.note


def test_building_blocks_left_the_top_level_but_stay_under_their_modules():
    for name, module in BUILDING_BLOCKS.items():
        assert name not in nt.__all__
        with pytest.raises(AttributeError):
            getattr(nt, name)
        assert callable(getattr(importlib.import_module(module), name))


def test_readme_table_is_generated_from_groups():
    spec = importlib.util.spec_from_file_location("make_methods_index", REPO / "tools" / "make_methods_index.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme
    assert module.render_readme(readme) == readme, "README.md is stale: run python tools/make_methods_index.py"


def test_overview_is_a_chinese_table_in_group_order():
    t = overview()
    assert t.columns.tolist() == ["专题", "类别", "函数", "用途", "模块", "Topic"]
    assert t["函数"].tolist() == [f"nt.{e.name}" for g in GROUPS for e in g.methods + g.charts]
    assert set(t["类别"]) == {"方法", "图表"}
    assert t["用途"].str.len().min() > 0
    assert nt.overview is overview
    lifecycle = nt.overview("life cycle")
    assert lifecycle["函数"].tolist() == ["nt.lifecycle_table", "nt.fit_s_curve", "nt.plot_lifecycle",
                                        "nt.plot_s_curve"]
    assert nt.overview("技术生命周期").equals(lifecycle)


def test_overview_unknown_topic_is_one_house_line():
    with pytest.raises(UnknownNameError, match="no topic 'nonsense'; fix: use one of: 开始与数据进入"):
        nt.overview("nonsense")


# --------------------------------------------------------------------------- lazy top level


def test_import_navtrain_loads_no_heavy_package():
    assert _loaded_after("import navtrain") == []


def test_import_navtrain_does_not_load_pandas_or_any_analysis_module():
    result = _fresh("""
        import sys, navtrain
        print(sorted(m for m in sys.modules if m == "pandas" or m.startswith("navtrain.")))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['navtrain.api']"


def test_navtrain_help_exits_0_without_heavy_packages():
    assert _loaded_after("""
        from navtrain.cli import main
        try:
            main(["--help"])
        except SystemExit as exc:
            assert exc.code == 0, exc.code
    """) == []
    result = subprocess.run([sys.executable, "-m", "navtrain", "--help"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "usage: navtrain" in result.stdout


def test_a_name_loads_only_its_own_module():
    assert "matplotlib" not in _loaded_after("import navtrain as nt; nt.hhi")


def test_lazy_names_behave_like_eager_ones():
    result = _fresh("""
        import inspect
        import navtrain as nt
        from navtrain import load_sample, trend
        import navtrain.trend                       # a submodule import never hides the function
        import navtrain.lifecycle                   # (which imports navtrain.trend again)
        assert nt.trend is trend and inspect.isfunction(nt.trend), nt.trend
        assert set(nt.__all__) <= set(dir(nt))
        assert len(trend(load_sample(), cutoff="2024-12-31")) > 0
        assert nt.NavtrainError.__module__ == "navtrain.errors"
        try:
            nt.no_such_name
        except AttributeError as exc:
            assert "no_such_name" in str(exc)
        else:
            raise AssertionError("nt.no_such_name did not raise")
        print("ok")
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


def test_star_import_gives_every_public_name():
    namespace: dict[str, object] = {}
    exec("from navtrain import *", namespace)
    assert set(nt.__all__) <= set(namespace)


def test_a_chart_before_use_theme_still_renders_chinese():
    """The CJK font is registered when navtrain.plots is first imported (every chart goes through
    it), not at ``import navtrain``: a chart drawn before use_theme has no missing glyph."""
    result = _fresh("""
        import io, sys, warnings
        import navtrain as nt
        assert "matplotlib" not in sys.modules
        t = nt.trend(nt.load_sample(), cutoff="2024-12-31")
        ax = nt.plot_trend(t, title="申请趋势（未调用 use_theme）")
        ax.set_xlabel("申请年")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ax.figure.savefig(io.BytesIO(), format="png")
        print("ok")
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")
