"""Datasets: bundled synthetic teaching sets and a registry of public real ones.

Bundled sets sit in the repository's top-level ``datasets/`` folder (a built wheel
carries them as ``navtrain/_datasets``). Every bundled dataset is **synthetic**: firm,
institute and person names are fictitious and the figures are not facts about any real
organisation.

Public real datasets (the WIPO Manual's pizza and ritonavir sets, the Lens drones set)
are not shipped: :func:`fetch` downloads each from its public address on first use into
a cache, verifying its SHA-256 (with ``pooch``). Set ``NAVTRAIN_DATA_DIR`` to a folder that
already holds the files (same names and bytes) to work offline.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from navtrain.errors import InputFileError, NavtrainWarning, UnknownNameError
from navtrain.schema import to_patent_table

__all__ = ["REGISTRY", "SYNTHETIC_NOTICE", "cache_dir", "dataset_names", "dataset_path", "fetch", "load_dataset",
           "load_sample"]

CACHE_ENV = "NAVTRAIN_DATA_DIR"
_WIPO_REPO = "https://github.com/poldham/opensource-patent-analytics/raw/master/2_datasets"


@dataclass(frozen=True)
class RemoteDataset:
    """A public real dataset fetched on first use."""

    name: str
    filename: str
    url: str
    sha256: str
    source: str  # importer source name (navtrain.io)
    licence: str
    description: str


#: Public real datasets: fetched by :func:`fetch`, read with :func:`navtrain.io.read_patents`.
REGISTRY: dict[str, RemoteDataset] = {d.name: d for d in (
    RemoteDataset("pizza_lens", "pizza_lens_1000_raw.csv", f"{_WIPO_REPO}/pizza_lens/pizza_lens_1000_raw.csv",
                  "46b250fc16ff0a867ca4b07111e4273ac72da843e6f2908cdafa192a027fc879", "lens",
                  "training data made available with the WIPO Manual on Open Source Patent Analytics",
                  "Lens.org export, 1,000 'pizza' documents (raw: latin-1, CR line ends, ';;' lists)"),
    RemoteDataset("pizza_medium", "pizza_medium.csv", f"{_WIPO_REPO}/pizza_medium/pizza_medium.csv",
                  "31a3a20045bb0f178cbc7b18fade307bcc74403beb8985fc5b5f0083a0e179a4", "patentscope",
                  "training data made available with the WIPO Manual on Open Source Patent Analytics",
                  "WIPO PATENTSCOPE export, first 10,000 results for 'pizza' (5 March 2015)"),
    RemoteDataset("ritonavir", "ritonavir.csv", f"{_WIPO_REPO}/ritonavir/ritonavir.csv",
                  "a4faa318f472744f63e0b618df30a3843eda19f04f934210aa729499ee92d3e7", "wipo_landscape",
                  "training data made available with the WIPO Manual on Open Source Patent Analytics",
                  "WIPO patent landscape table on ritonavir, 804 documents"),
    RemoteDataset("drones", "lens_drones.rda", "https://github.com/poldham/drones/raw/master/data/lens_drones.rda",
                  "db7fe39354d7d9e4aea893daab514e6068f6183dfba65faf0feeac10dd1c8779", "lens",
                  "MIT (Paul Oldham, R package 'drones')",
                  "Lens.org first filings on drones to the end of 2017, 9,071 documents (R data file)"),
)}

SYNTHETIC_NOTICE = (
    "本数据为教学用合成数据（synthetic data）：企业、机构与人员名称均为虚构，"
    "数字不反映任何真实主体的情况。"
)

_FILES = {
    "sample": "sample/patents_sample.csv",
    # synthetic Henan industry cases (navtrain.synth; data cards in datasets/<name>/README.md)
    "superhard": "superhard/patents.csv.gz",
    "tbm_drive": "tbm_drive/patents.csv.gz",
    "changyuan_cranes": "changyuan_cranes/patents.csv.gz",
    "pingdingshan_nylon": "pingdingshan_nylon/patents.csv.gz",
    "luoyang_bearings": "luoyang_bearings/patents.csv.gz",
}


def _root() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_datasets", here.parent / "datasets"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("navtrain's datasets folder is missing; reinstall navtrain")  # pragma: no cover


def dataset_names(kind: str = "all") -> list[str]:
    """Names accepted by :func:`load_dataset`: ``kind`` = "bundled", "remote" or "all".

    >>> dataset_names("remote")
    ['drones', 'pizza_lens', 'pizza_medium', 'ritonavir']
    >>> dataset_names("bundled")[:3]
    ['changyuan_cranes', 'luoyang_bearings', 'pingdingshan_nylon']
    """
    bundled, remote = sorted(_FILES), sorted(REGISTRY)
    return {"bundled": bundled, "remote": remote}.get(kind, bundled + remote)


def cache_dir() -> Path:
    """Where fetched datasets live: ``$NAVTRAIN_DATA_DIR`` or the user cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    import pooch

    return Path(pooch.os_cache("navtrain"))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(name: str) -> Path:
    """Path of a public dataset, downloading and verifying it on first use.

    A cached copy whose SHA-256 differs from the registry is refused (never silently
    used or replaced); with no copy and no network the error says where to get it.
    """
    if name not in REGISTRY:
        raise UnknownNameError(f"unknown dataset {name!r}", fix=f"use one of: {', '.join(dataset_names())}",
                               hint="数据集名称不存在")
    entry = REGISTRY[name]
    folder = cache_dir()
    path = folder / entry.filename
    if path.is_file():
        digest = _sha256(path)
        if digest != entry.sha256:
            raise InputFileError(
                f"checksum mismatch for {path}: sha256 {digest[:12]}... is not the registered {entry.sha256[:12]}...",
                fix=f"delete the file and fetch it again (navtrain datasets fetch {name}), or download {entry.url}",
                hint="文件校验失败，可能已损坏或被修改")
        return path
    import pooch
    import requests

    try:
        folder.mkdir(parents=True, exist_ok=True)
        got = pooch.retrieve(entry.url, known_hash=f"sha256:{entry.sha256}", fname=entry.filename,
                             path=folder, progressbar=False,
                             downloader=pooch.HTTPDownloader(timeout=30, progressbar=False))
    except (requests.RequestException, OSError) as exc:
        raise InputFileError(
            f"cannot download dataset {name!r} ({type(exc).__name__}) and there is no copy in {folder}",
            fix=f"download {entry.url} by hand into {folder}, or set {CACHE_ENV} to a folder that holds "
            f"{entry.filename}",
            hint="无法下载数据集：请手动下载后放入缓存目录") from None
    except ValueError as exc:  # pooch: hash mismatch of the download
        raise InputFileError(f"downloaded {entry.filename} does not match its checksum: {exc}",
                             fix="try again later; if it persists the public file has changed",
                             hint="下载的文件校验失败") from None
    return Path(got)


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
    """Load a dataset as a canonical patent table (a new DataFrame).

    Bundled (synthetic) sets load from the package; public real sets are fetched on
    first use (:func:`fetch`) and imported with :func:`navtrain.io.read_patents`.

    >>> load_dataset("sample")["source"].unique().tolist()
    ['synthetic']
    """
    if name in REGISTRY:
        return _load_remote(name)
    path = dataset_path(name)
    if name != "sample":
        from navtrain.synth import read_case

        table = read_case(name, "patents", root=path.parent.parent)
    else:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
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


def _load_remote(name: str) -> pd.DataFrame:
    from navtrain.io import read_patents

    entry = REGISTRY[name]
    path = fetch(name)
    data: object = path
    if path.suffix == ".rda":
        import pyreadr

        frames = pyreadr.read_r(str(path))
        data = next(iter(frames.values())).astype("string").astype(object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        table = read_patents(data, source=entry.source)
    table.attrs["dataset"] = name
    table.attrs["notice"] = f"{entry.description}; licence: {entry.licence}"
    return table
