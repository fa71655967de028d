"""The model's formulas and vectorised helpers: logistic growth, life-cycle stage, CNIPA
application numbers and check digits, day-number dates, weighted draws.

Dates inside the generator are day numbers since 1970-01-01 (int64 arrays), converted to
``datetime64`` only when the table is assembled (:func:`to_datetime`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from navtrain.synth.spec import STAGE_BOUNDS
from navtrain.synth.spec import parameter_error as _bad

__all__ = [
    "anniversary",
    "app_number",
    "check_digit",
    "day_number",
    "join_nonempty",
    "logistic_cumulative",
    "logit",
    "sigmoid",
    "stage_of",
    "to_datetime",
    "weighted_choice",
    "year_of",
]


LN81 = math.log(81.0)
DAY = np.timedelta64(1, "D")

# =========================================================================== small helpers
def logistic_cumulative(t: object, K: float, t_m: float, dt: float) -> np.ndarray:
    """Loglet Lab logistic N(t) = K / (1 + exp(−(ln 81/Δt)(t − t_m))).

    N(t_m) = K/2 and N(t_m ± Δt/2) = 0.9 K / 0.1 K (Meyer, Yung & Ausubel 1999).

    >>> [round(float(v), 1) for v in logistic_cumulative([2009, 2015, 2021], 1000, 2015, 12)]
    [100.0, 500.0, 900.0]
    """
    x = np.asarray(t, dtype=float)
    return K / (1.0 + np.exp(-(LN81 / dt) * (x - t_m)))


def stage_of(share: object) -> np.ndarray:
    """Life-cycle stage from the cumulative share F = N(t)/K of a logistic (Loglet reading).

    F < 0.1 萌芽期 (introduction), F < 0.5 成长期 (growth, accelerating), F < 0.9 成熟期
    (maturity, decelerating), else 衰退期 (saturation/decline).

    >>> stage_of([0.05, 0.3, 0.7, 0.95]).tolist()
    ['萌芽期', '成长期', '成熟期', '衰退期']
    """
    f = np.asarray(share, dtype=float)
    out = np.full(f.shape, STAGE_BOUNDS[-1][1], dtype=object)
    for bound, name in reversed(STAGE_BOUNDS[:-1]):
        out[f < bound] = name
    return out


_WEIGHTS = np.array([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])


def check_digit(number: str | Sequence[str] | np.ndarray) -> str | np.ndarray:
    """CNIPA check digit of a 12-digit application number (yyyy + type + 7-digit serial).

    Digits are multiplied by the weights 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5 from the left;
    the sum mod 11 is the check digit, 10 written X (CNIPA application-number standard,
    2003). Verified on the standard's published example 200310102344.5.

    >>> check_digit("200310102344")
    '5'
    >>> check_digit(["201510108321", "201610789015"]).tolist()
    ['8', 'X']
    """
    scalar = isinstance(number, str)
    arr = np.asarray([number] if scalar else list(number), dtype="U12")
    if arr.size and not np.all(np.char.str_len(arr) == 12):
        raise _bad("number", number, "12-digit application numbers")
    digits = arr.view("U1").reshape(len(arr), 12).astype(np.int64)
    rem = (digits * _WEIGHTS).sum(axis=1) % 11
    out = np.where(rem == 10, "X", rem.astype(str))
    return str(out[0]) if scalar else out


def app_number(year: object, type_digit: object, serial: object) -> np.ndarray:
    """Chinese application numbers ``CNyyyyTnnnnnnn.C`` with their check digits.

    >>> app_number([2003], [1], [102344]).tolist()
    ['CN200310102344.5']
    """
    y = np.asarray(year, dtype=np.int64)
    t = np.asarray(type_digit, dtype=np.int64)
    s = np.asarray(serial, dtype=np.int64)
    body = np.char.add(np.char.add(y.astype("U4"), t.astype("U1")), np.char.zfill(s.astype("U7"), 7))
    return np.char.add(np.char.add(np.char.add("CN", body), "."), check_digit(body))


def logit(p: np.ndarray | float) -> np.ndarray:
    """log(p / (1 − p)), with p clipped to [1e-6, 1 − 1e-6]."""
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(−x)), the inverse of :func:`logit`."""
    return 1.0 / (1.0 + np.exp(-x))


def day_number(ts: pd.Timestamp | str) -> int:
    """Days since 1970-01-01 of a date (the generator's internal date unit)."""
    return int((pd.Timestamp(ts) - pd.Timestamp("1970-01-01")).days)


def to_datetime(days: np.ndarray) -> pd.Series:
    """Day numbers since 1970 (NaN/large = missing) → datetime64[ns] Series."""
    d = np.asarray(days, dtype=float)
    ok = np.isfinite(d)
    out = np.full(len(d), np.datetime64("NaT"), dtype="datetime64[ns]")
    out[ok] = (np.datetime64("1970-01-01", "D") + d[ok].astype(np.int64) * DAY).astype("datetime64[ns]")
    return pd.Series(out)


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = (np.datetime64("1970-01-01", "D") + np.asarray(days, dtype=np.int64) * DAY)
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = (d.astype("datetime64[M]").astype(np.int64) % 12) + 1
    dd = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    return y, m, dd


def anniversary(days: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Filing date + n years (same month and day; 29 Feb → 28 Feb), as day numbers."""
    y, m, d = _ymd(days)
    yy = y + np.asarray(years, dtype=np.int64)
    d = np.where((m == 2) & (d == 29), 28, d)
    months = (yy - 1970) * 12 + (m - 1)
    base = months.astype("datetime64[M]").astype("datetime64[D]")
    return (base + (d - 1) * DAY - np.datetime64("1970-01-01", "D")).astype(np.int64)


def year_of(days: np.ndarray) -> np.ndarray:
    """Calendar year of day numbers since 1970-01-01."""
    return _ymd(days)[0]


def weighted_choice(rng: np.random.Generator, n: int, weights: np.ndarray) -> np.ndarray:
    """n indices drawn with probability ∝ weights (vectorised inverse-CDF)."""
    c = np.cumsum(np.asarray(weights, dtype=float))
    return np.minimum(np.searchsorted(c, rng.random(n) * c[-1], side="right"), len(c) - 1)


def join_nonempty(parts: list[np.ndarray], sep: str) -> np.ndarray:
    """Join columns of strings row-wise, skipping empty strings."""
    out = np.full(len(parts[0]), "", dtype=object)
    for p in parts:
        p = np.asarray(p, dtype=object)
        add = p != ""
        both = add & (out != "")
        out = np.where(both, out + sep + p, np.where(add, p, out))
    return out
