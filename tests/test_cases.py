"""Typical cases: papermill + nbconvert into a standalone page with no external request."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import pytest

from navtrain import cases
from navtrain.errors import NavtrainError, UnknownNameError


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "data", "poster", "srcset", "action") and value:
                self.refs.append((tag, name, value))


def _external(refs):
    return [r for r in refs if re.match(r"^\s*(https?:)?//", r[2], flags=re.I)]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    paths = cases.render("sample", out=out, parameters={"cutoff_date": "2024-12-31"})
    return out, paths


def test_page_is_standalone_with_no_external_reference(rendered):
    _, paths = rendered
    page = paths["html"].read_text(encoding="utf-8")
    parser = _Refs()
    parser.feed(page)
    assert _external(parser.refs) == []
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page), "CSS must not load remote files"
    assert not re.search(r"<script[^>]*\bsrc=", page), "no script is loaded from anywhere"
    for cdn in ("require.js", "mathjax", "unpkg", "jsdelivr", "cdnjs"):
        assert cdn not in page.lower(), cdn


def test_the_check_would_catch_a_cdn_script():
    parser = _Refs()
    parser.feed('<script src="https://cdn.example/require.js"></script><a href="//x.org/a">x</a>'
                '<img src="data:image/png;base64,AAA">')
    assert [r[2] for r in _external(parser.refs)] == ["https://cdn.example/require.js", "//x.org/a"]


def test_page_has_chinese_text_embedded_chart_and_no_code(rendered):
    _, paths = rendered
    page = paths["html"].read_text(encoding="utf-8")
    assert "<title>示例市超硬材料产业专利导航（演示案例）</title>" in page
    for heading in ("一、基本情况", "三、主要发现", "五、成果运用与成效", "七、数据说明"):
        assert heading in page
    assert "合成数据声明" in page and "虚构" in page
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', page)) >= 1
    assert "import navtrain" not in page and "nt.plot_trend" not in page
    body = page.split("<body", 1)[1]
    assert "jp-CodeMirrorEditor" not in body and "class=\"highlight" not in body
    assert "2023、2024 年受公开滞后影响数据不完整" in page


def test_executed_notebook_is_kept_as_the_record(rendered):
    _, paths = rendered
    nb = nbformat.read(paths["notebook"], as_version=4)
    assert nb.metadata["navtrain"]["case"] == "sample"
    assert nb.metadata["navtrain"]["parameters"] == {"cutoff_date": "2024-12-31"}
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert ["injected-parameters"] in tags
    assert all(c.get("execution_count") for c in nb.cells if c.cell_type == "code")


def test_index_lists_the_case(rendered):
    out, paths = rendered
    index = paths["index"].read_text(encoding="utf-8")
    assert paths["index"] == out / "index.html"
    assert '<a href="sample.html">示例市超硬材料产业专利导航（演示案例）</a>' in index
    parser = _Refs()
    parser.feed(index)
    assert _external(parser.refs) == []
    assert "合成数据声明" in index


def test_parameters_change_the_page(tmp_path):
    paths = cases.render("sample", out=tmp_path, parameters={
        "case_title": "参数化标题测试", "cutoff_date": "2030-12-31", "counting_unit": "项"})
    page = paths["html"].read_text(encoding="utf-8")
    assert "<title>参数化标题测试</title>" in page
    assert "无 年受公开滞后影响" in page
    assert "单位为「项」" in page


def test_unknown_case_and_parameter_are_named(tmp_path):
    with pytest.raises(UnknownNameError, match="unknown case 'nope'; fix: use one of: sample"):
        cases.render("nope", out=tmp_path)
    with pytest.raises(UnknownNameError, match="case 'sample' has no parameter 'colour'"):
        cases.render("sample", out=tmp_path, parameters={"colour": "red"})


def test_failing_case_names_the_cell_and_keeps_the_record(tmp_path):
    with pytest.raises(NavtrainError, match=r"case 'sample' failed in cell .*UnknownNameError"):
        cases.render("sample", out=tmp_path, parameters={"dataset": "no_such_dataset"})
    assert (tmp_path / "sample.ipynb").is_file()
