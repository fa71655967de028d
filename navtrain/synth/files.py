"""The files of a case folder (deterministic bytes), building them and reading them back."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from navtrain.errors import UnknownNameError
from navtrain.schema import COLUMNS
from navtrain.synth.cards import calibration_report
from navtrain.synth.cards import data_card as _card
from navtrain.synth.documents import SynthData, generate
from navtrain.synth.spec import GENERATOR_VERSION, chain_names

__all__ = ["EXTRA_COLUMNS", "FILES", "build_case", "build_datasets", "case_files", "read_case"]


#: the navtrain package folder (the wheel carries the datasets in navtrain/_datasets)
_PACKAGE = Path(__file__).resolve().parents[1]
EXTRA_COLUMNS = ("tag_means", "tag_effects")
CANONICAL = tuple(c.name for c in COLUMNS)

# =========================================================================== files
FILES = ("patents.csv.gz", "truth_segments.csv", "truth_applicants.csv.gz", "truth_people.csv.gz",
         "truth_documents.csv.gz", "truth_matrix.csv", "README.md", "build.json")


def _csv_bytes(df: pd.DataFrame) -> bytes:
    t = df.copy()
    for col in t.columns:
        s = t[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            t[col] = s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), "")
        elif s.dtype == object and len(s) and s.map(lambda v: isinstance(v, list)).any():
            t[col] = s.map(lambda v: ";".join(v) if isinstance(v, list) else ("" if v is None else v))
    text = t.to_csv(index=False, lineterminator="\n", float_format="%.6g")
    return text.encode("utf-8")


def _gzip(raw: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


def case_files(data: SynthData) -> dict[str, bytes]:
    """File name → bytes of everything a case folder holds (deterministic)."""
    cols = [*CANONICAL, *EXTRA_COLUMNS]
    raw_name = f"raw_{data.spec.raw_layout}_sample.csv"
    main_csv = _csv_bytes(data.patents[cols])
    files: dict[str, bytes] = {
        "patents.csv.gz": _gzip(main_csv),
        raw_name: data.raw_sample.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"),
        "truth_segments.csv": _csv_bytes(data.truths["segments"]),
        "truth_applicants.csv.gz": _gzip(_csv_bytes(data.truths["applicants"])),
        "truth_people.csv.gz": _gzip(_csv_bytes(data.truths["people"])),
        "truth_documents.csv.gz": _gzip(_csv_bytes(data.truths["documents"])),
        "truth_matrix.csv": _csv_bytes(data.truths["matrix"]),
    }
    calib = calibration_report(data)
    files["README.md"] = _card(data, files, calib).encode("utf-8")
    manifest = {
        "case": data.case, "generator": f"navtrain.synth {GENERATOR_VERSION}", "seed": data.seed,
        "scale": data.scale, "rows": len(data.patents), "zlib": zlib.ZLIB_VERSION,
        "sha256": {k: hashlib.sha256(v).hexdigest() for k, v in sorted(files.items())},
        "sha256_uncompressed": {"patents.csv": hashlib.sha256(main_csv).hexdigest()},
    }
    files["build.json"] = (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return files


def _default_out() -> Path:
    repo = _PACKAGE.parent / "datasets"
    return repo if repo.is_dir() else Path.cwd() / "datasets"


def build_case(case: str, out: str | Path | None = None, seed: int | None = None, scale: float = 1.0) -> list[Path]:
    """Generate one case and write its folder ``<out>/<case>/``; returns the paths written."""
    data = generate(case, seed=seed, scale=scale)
    folder = Path(out) if out is not None else _default_out()
    folder = folder / data.case
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, blob in case_files(data).items():
        p = folder / name
        p.write_bytes(blob)
        paths.append(p)
    return paths


def build_datasets(out: str | Path | None = None, cases: Iterable[str] | None = None) -> list[Path]:
    """Regenerate the bundled case datasets byte for byte (``navtrain datasets build``).

    ``out`` defaults to the repository's ``datasets/`` folder; ``cases`` to all of
    :func:`chain_names`. Each case is written with its spec's own seed at scale 1.
    Returns the paths written.
    """
    names = list(cases) if cases is not None else chain_names()
    paths: list[Path] = []
    for name in names:
        paths += build_case(name, out=out)
    return paths


def read_case(case: str, name: str = "patents", root: str | Path | None = None) -> pd.DataFrame:
    """Read a bundled case file: ``name='patents'`` gives the canonical table (lists split,
    dates parsed, ``tag_means``/``tag_effects`` as lists); ``'segments'``, ``'applicants'``,
    ``'people'``, ``'documents'``, ``'matrix'`` give the truth tables; ``'raw'`` the raw sample.
    ``root`` defaults to the repository's ``datasets/`` folder (or the copy a wheel carries).

    >>> segs = read_case("superhard", "segments")
    >>> segs.loc[segs["segment"] == "hpht_crystal", ["tier", "diagnosis"]].values.tolist()
    [['midstream', '强链']]
    """
    from navtrain.schema import to_patent_table

    if root is None:  # the repository's datasets/ folder, or the copy a wheel carries
        here = _PACKAGE
        root = next((p for p in (here / "_datasets", here.parent / "datasets") if (p / case).is_dir()),
                    _default_out())
    folder = Path(root) / case
    if name == "patents":
        raw = pd.read_csv(folder / "patents.csv.gz", dtype=str, keep_default_na=False, na_values=[""])
        table = to_patent_table(raw)
        for col in EXTRA_COLUMNS:
            table[col] = raw[col].map(lambda v: v.split(";") if isinstance(v, str) and v else [])
        table.attrs["dataset"] = case
        return table
    if name == "raw":
        hits = sorted(folder.glob("raw_*_sample.csv"))
        if not hits:
            raise UnknownNameError(f"no raw sample in {folder}", fix="run navtrain datasets build", hint="缺少原始样例")
        return pd.read_csv(hits[0], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    files = {"segments": "truth_segments.csv", "applicants": "truth_applicants.csv.gz",
             "people": "truth_people.csv.gz",
             "documents": "truth_documents.csv.gz", "matrix": "truth_matrix.csv"}
    if name not in files:
        raise UnknownNameError(f"unknown case file {name!r}", fix=f"use patents, raw or {', '.join(files)}",
                               hint="案例文件名称不存在")
    return pd.read_csv(folder / files[name], dtype=str, keep_default_na=False)
