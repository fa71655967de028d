"""Synthetic Chinese-industry patent datasets with known right answers (合成教学数据).

No licensed CNIPA/incoPat/PatSnap export can be redistributed, so the case datasets are
generated: :func:`generate` turns an **industry-chain spec** (``navtrain/data/chains/<case>.toml``:
segments upstream → midstream → downstream, each with IPC patterns, keywords and logistic
growth parameters per regional layer) into a canonical patent table (``docs/schema.md``) that
looks and behaves like a real Chinese export, plus the *truths* exercises grade against.
:func:`to_raw` writes the same documents in the raw layout of an incoPat/CNIPA-style or a
PatSnap export, and :func:`build_datasets` (``navtrain datasets build``) regenerates the
bundled files byte for byte.

Everything is deterministic for a seed (``numpy.random.default_rng(seed)`` only, no clock,
no set ordering). All firm, institute and person names are **fictitious**; places are real
Chinese administrative divisions (GB/T 2260) with invented street numbers.

Model (each part a stated assumption; calibration bands in :data:`CALIBRATION` and
``docs/datasets.md``):

* **Filings.** For layer *L* (region, other provinces, foreign) and segment *s* the
  cumulative number of eventually published first filings follows the Loglet Lab logistic
  N(t) = K / (1 + exp(−(ln 81/Δt)(t − t_m))) (Meyer, Yung & Ausubel 1999); the expected
  count of year *y* is N(y) − N(y−1) (the first year takes N(y0)), realised as Poisson.
  Life-cycle truth at year *y*: F = N(y)/K < 0.1 萌芽期, < 0.5 成长期, < 0.9 成熟期, else 衰退期.
* **Applicants** are drawn per (layer, segment, year) with weight size^a × affinity ×
  activity, where a = 0.8 + 0.6·F rises with maturity (concentration: fewer distinct
  applicants per filing as a field matures, the 成熟期 signature of the 申请人数—申请量 chart).
* **Type mix** logit(P(invention)) = logit(segment share) + applicant shift (universities +,
  SME clusters and individuals −); designs only for firms and individuals.
* **Lags** invention publication 18 months from priority (lognormal noise) or early on
  request; utility models and designs publish at grant (lognormal, median ≈ 6 and 5 months);
  invention decisions lognormal around 2–3 years; documents not yet published at the
  cut-off are absent, so the last two filing years are incomplete.
* **Legal events** (CNIPA event names): 实质审查, 授权, 驳回, 视为撤回, 专利权转让, 专利实施许可,
  专利权质押, 未缴年费专利权终止 (Weibull maintenance), 期限届满 (20/10/15-year terms from 申请日).
* **Families** overseas members (WO, US, EP, JP, KR) for a quality-dependent share of
  inventions; foreign applicants' families with a home-office first filing.
* **Citations** ``cites`` within the data (same segment mostly, weighted by quality) and
  ``cited_by_count`` = in-data forward citations + external ones growing with age and quality.

Sources: GB/T 39551-2020 parts 1–6 (the analyses the truths serve; paraphrased);
Meyer, Yung & Ausubel (1999) (logistic); ``docs/methods/techfunc.md`` (technology–function
matrix); Patent Law of the PRC Art. 34 (publication after 18 months) and Art. 42 (terms),
``docs/methods/legal.md`` (legal status); CNIPA application-number standard (check digit, see
:func:`check_digit`); CNIPA annual reports for the calibration bands (approximate).


The package, by concern: :mod:`~navtrain.synth.spec` (the case spec, read through the one
chain-spec reader :func:`navtrain.chain.load_chain`), :mod:`~navtrain.synth.pools` (name pools
and places), :mod:`~navtrain.synth.core` (formulas, application numbers, day-number dates),
:mod:`~navtrain.synth.people` (applicants, inventors), :mod:`~navtrain.synth.documents`
(filings, documents, legal events, :func:`generate`), :mod:`~navtrain.synth.truths` (planted
answers and :func:`diagnose`, the library's one 强链/补链/延链 rule applied to them),
:mod:`~navtrain.synth.exports` (raw export layouts), :mod:`~navtrain.synth.cards` (calibration
report, data card) and :mod:`~navtrain.synth.files` (the case folder's files, build and read).
"""

from __future__ import annotations

from navtrain.synth.cards import calibration_report
from navtrain.synth.core import app_number, check_digit, logistic_cumulative, stage_of
from navtrain.synth.documents import SynthData, generate
from navtrain.synth.exports import EVENTS, to_raw
from navtrain.synth.files import EXTRA_COLUMNS, FILES, build_case, build_datasets, case_files, read_case
from navtrain.synth.pools import PLACES
from navtrain.synth.spec import (
    CALIBRATION,
    CHAINS_DIR,
    DEFAULT_PARAMS,
    DIAGNOSES,
    DIAGNOSIS_RULE,
    GENERATOR_VERSION,
    LAYERS,
    ChainSpec,
    Growth,
    Segment,
    SynthParameterError,
    chain_names,
    last_complete_year,
    load_case,
)
from navtrain.synth.truths import diagnose

__all__ = [
    "CALIBRATION",
    "CHAINS_DIR",
    "DEFAULT_PARAMS",
    "DIAGNOSES",
    "DIAGNOSIS_RULE",
    "EVENTS",
    "EXTRA_COLUMNS",
    "FILES",
    "GENERATOR_VERSION",
    "LAYERS",
    "PLACES",
    "ChainSpec",
    "Growth",
    "Segment",
    "SynthData",
    "SynthParameterError",
    "app_number",
    "build_case",
    "build_datasets",
    "calibration_report",
    "case_files",
    "chain_names",
    "check_digit",
    "diagnose",
    "generate",
    "last_complete_year",
    "load_case",
    "logistic_cumulative",
    "read_case",
    "stage_of",
    "to_raw",
]
