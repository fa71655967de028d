"""Bundled teaching datasets (synthetic, fictitious names) and where they live.

The data files sit in the repository's top-level ``datasets/`` folder; a built wheel
carries the same files as ``navtrain/_datasets``. Every bundled dataset is
**synthetic**: firm, institute and person names are fictitious and the figures are
not facts about any real organisation.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from navtrain.errors import UnknownNameError
from navtrain.schema import to_patent_table

__all__ = ["SYNTHETIC_NOTICE", "dataset_names", "dataset_path", "load_dataset", "load_sample"]

SYNTHETIC_NOTICE = (
    "本数据为教学用合成数据（synthetic data）：企业、机构与人员名称均为虚构，"
    "数字不反映任何真实主体的情况。"
)

_FILES = {
    "sample": "sample/patents_sample.csv",
}


def _root() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_datasets", here.parent / "datasets"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("navtrain's datasets folder is missing; reinstall navtrain")  # pragma: no cover


def dataset_names() -> list[str]:
    """Names accepted by :func:`load_dataset`.

    >>> dataset_names()
    ['sample']
    """
    return sorted(_FILES)


def dataset_path(name: str) -> Path:
    """Path of a bundled dataset file.

    >>> dataset_path("sample").name
    'patents_sample.csv'
    """
    if name not in _FILES:
        raise UnknownNameError(
            f"unknown dataset {name!r}",
            fix=f"use one of: {', '.join(dataset_names())}",
            hint="数据集名称不存在",
        )
    return _root() / _FILES[name]


def load_dataset(name: str) -> pd.DataFrame:
    """Load a bundled dataset as a canonical patent table (a new DataFrame).

    >>> load_dataset("sample")["source"].unique().tolist()
    ['synthetic']
    """
    raw = pd.read_csv(dataset_path(name), dtype=str, keep_default_na=False, na_values=[""])
    table = to_patent_table(raw)
    table.attrs["dataset"] = name
    table.attrs["notice"] = SYNTHETIC_NOTICE
    return table


def load_sample() -> pd.DataFrame:
    """The tiny synthetic sample (21 documents, 19 families) used in every docstring.

    A fictitious superhard-materials (超硬材料) portfolio of Henan applicants, filed
    2015-2024, with two foreign family members (US, WO), inventions, utility models
    and a design. Names are invented; see :data:`SYNTHETIC_NOTICE`.

    >>> t = load_sample()
    >>> len(t), t["family_id"].nunique()
    (21, 19)
    >>> t.loc[0, "applicants"]
    ['中原晶钻科技有限公司']
    """
    return load_dataset("sample")
