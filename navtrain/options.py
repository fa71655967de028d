"""Shared option values: counting unit (件/项) and counting weight (whole/fractional).

One place for the aliases a trainee may type and for the one-line errors they get.
"""

from __future__ import annotations

from navtrain.errors import UnknownNameError

__all__ = ["UNITS", "UNIT_ZH", "WEIGHTS", "unit_key", "weight_key"]

UNITS = {"documents": "documents", "document": "documents", "件": "documents", "applications": "documents",
         "families": "families", "family": "families", "项": "families"}
UNIT_ZH = {"documents": "件", "families": "项"}
WEIGHTS = {"whole": "whole", "整数": "whole", "整数计数": "whole", "fractional": "fractional",
           "fraction": "fractional", "分数": "fractional", "分数计数": "fractional"}


def unit_key(unit: str) -> str:
    """Canonical counting unit: 'documents' (件) or 'families' (项).

    >>> unit_key("项"), unit_key("Documents")
    ('families', 'documents')
    """
    key = UNITS.get(str(unit).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown unit {unit!r}", fix="use 'documents' (件) or 'families' (项)",
                               hint="计数单位只能是件（documents）或项（families）")
    return key


def weight_key(weight: str) -> str:
    """Canonical counting weight: 'whole' (each value counts 1) or 'fractional' (1/k each).

    >>> weight_key("分数")
    'fractional'
    """
    key = WEIGHTS.get(str(weight).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown weight {weight!r}",
                               fix="use 'whole' (each co-applicant counts 1) or 'fractional' (1/k each)",
                               hint="weight 只能是 whole（整数计数）或 fractional（分数计数）")
    return key
