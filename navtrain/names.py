"""Name harmonisation (名称归一 / 申请人清洗): match keys, fuzzy grouping and overrides.

One applicant appears in a patent database under many spellings: 中原晶钻科技有限公司 and
中原晶钻科技股份有限公司, "SONY CORP" and "Sony Corporation". Counting applicants (top
applicants, concentration, the number of applicants per year) needs one name per entity
first. The method follows the deterministic-then-approximate recipe of Magerman, Van Looy
& Song (2006, Eurostat / KU Leuven EEE-PPAT): normalise characters, remove legal forms,
group identical keys, then merge near-identical keys, and let an analyst correct the
result with an editable table. See ``docs/names.md`` for the method, the parameters and
the precision and recall measured on a real analyst-cleaned truth set.

Steps (each reversible: the raw name is always kept):

1. :func:`name_key` — a rule-based match key (NFKC, case, accents, brackets,
   punctuation, legal forms from ``navtrain/data/legal_forms.toml``).
2. :func:`harmonize_names` — identical keys form a group; keys whose similarity is at
   least ``threshold`` inside a block (same first or last characters) are merged;
   an override table (:func:`load_overrides`: alias → canonical, subsidiary → parent)
   is applied first. The display name of a group is its most frequent raw form.
3. :func:`harmonize` — the same on a list column of the canonical table
   (``applicants`` → ``applicants_std``).
4. :func:`pairwise_pr` — pairwise precision and recall against a truth labelling.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from navtrain.errors import InputFileError, NavtrainWarning, SchemaError, UnknownNameError
from navtrain.schema import check_columns, standardize_columns

__all__ = [
    "DEFAULT_BLOCK_CHARS",
    "DEFAULT_CJK_THRESHOLD",
    "DEFAULT_SCORER",
    "DEFAULT_THRESHOLD",
    "LEGAL_FORMS_PATH",
    "close_trivial_variants",
    "evaluate_cleaning",
    "harmonize",
    "harmonize_names",
    "load_overrides",
    "name_key",
    "pairwise_pr",
]

LEGAL_FORMS_PATH = Path(__file__).resolve().parent / "data" / "legal_forms.toml"

#: Similarity (0-100) at or above which two applicant keys in one block are merged.
DEFAULT_THRESHOLD = 90.0
#: The same for keys that contain Chinese, Japanese or Korean characters: one character
#: changes a CJK name (中岳理工大学 ≠ 中原理工大学, ratio 83), so the bar is higher.
DEFAULT_CJK_THRESHOLD = 95.0
#: rapidfuzz scorer used for fuzzy grouping (see ``_SCORERS``).
DEFAULT_SCORER = "ratio"
#: Keys are compared only with keys that share their first (or last) characters.
DEFAULT_BLOCK_CHARS = 3
_MAX_BLOCK = 1500  # a larger block is split by one more character

_KINDS = {
    "applicant": "applicant", "applicants": "applicant", "assignee": "applicant",
    "申请人": "applicant", "专利权人": "applicant", "organisation": "applicant",
    "organization": "applicant", "company": "applicant",
    "inventor": "inventor", "inventors": "inventor", "发明人": "inventor", "person": "inventor",
    "individual": "inventor", "设计人": "inventor",
}

_CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_RE = f"[{_CJK}]"
_COMBINING = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                          "ı": "i", "ß": "ss", "ħ": "h", "ŧ": "t"})
_BRACKETS = str.maketrans({c: "(" for c in "[{<【〔〈《「『〖"} | {c: ")" for c in "]}>】〕〉》」』〗"})
_APOSTROPHES = "['’‘`´ʼ]"
_PERSON_WORDS = ("jr", "sr", "ii", "iii", "iv", "dr", "prof", "phd", "md", "mr", "mrs", "ms", "esq")


# --------------------------------------------------------------------------- rules


@functools.lru_cache(maxsize=4)
def _rules(path: str = str(LEGAL_FORMS_PATH)) -> dict[str, Any]:
    """Compiled regular expressions from the legal-forms file."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    latin, cjk = data["latin"], data["cjk"]

    def words(items: Iterable[str]) -> str:
        items = sorted({" ".join(str(i).split()) for i in items if str(i).strip()}, key=len, reverse=True)
        return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in items)

    abbrev = {str(k): str(v) for k, v in latin.get("abbreviations", {}).items()}
    edge = words(latin.get("edge", []))
    return {
        "anywhere": re.compile(rf"\b(?:{words(latin.get('anywhere', []))})\b"),
        "edge_start": re.compile(rf"^\s*(?:(?:{edge})(?:\s+|$))+"),
        "edge_end": re.compile(rf"(?:(?:^|\s+)(?:{edge}))+\s*$"),
        "patterns": [re.compile(p) for p in latin.get("patterns", [])],
        "replace": [(re.compile(p), r) for p, r in latin.get("replace", [])],
        "abbrev_re": re.compile(rf"\b(?:{words(abbrev)})\b") if abbrev else None,
        "abbrev_sub": lambda m: abbrev[" ".join(m.group(0).split())],
        "cjk_suffix": re.compile(rf"(?:{words(cjk.get('suffixes', []))})+$"),
        "cjk_prefix": re.compile(rf"^(?:{words(cjk.get('prefixes', []))})+"),
    }


def _kind(kind: str) -> str:
    key = str(kind).strip().lower()
    if key not in _KINDS:
        raise UnknownNameError(f"unknown name kind {kind!r}",
                               fix="use kind='applicant' (申请人) or kind='inventor' (发明人)",
                               hint="kind 只能是 applicant（申请人）或 inventor（发明人）")
    return _KINDS[key]


_COMBINING_RE = re.compile(_COMBINING)
_APOSTROPHE_RE = re.compile(_APOSTROPHES)
_ENTITY_RE = re.compile(r"&#?\w+;")  # HTML entities (&ldquo;)
_AND_RE = re.compile(r"[&+]")
_DOTTED_RE = re.compile(r"\b(\w)\.(?=\w\b)")  # dotted initials: l.p. → lp.
_PUNCT_RE = re.compile(r"[^\w\s]|_")
_SINGLE_RE = re.compile(r"\b(\w) (?=\w\b)")  # s a s → sas
_TRAILING_RE = re.compile(r"^(.*?\S)\s*\(([^()]*)\)?\s*$")
_CJK_SEARCH = re.compile(_CJK_RE).search
_PERSON_RE = re.compile(rf"\b(?:{'|'.join(_PERSON_WORDS)})\b")


def _prepare(text: str) -> str:
    """NFKC, case fold, accents off (é → e), special letters (ø → o), brackets unified."""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
        text = unicodedata.normalize("NFKC", _COMBINING_RE.sub("", text)).translate(_LETTERS)
    return _APOSTROPHE_RE.sub("", text.translate(_BRACKETS))


def _words(text: str) -> str:
    """Punctuation to spaces, whitespace collapsed, runs of single letters joined (s a → sa)."""
    text = _DOTTED_RE.sub(r"\1", _ENTITY_RE.sub(" ", text))
    return _SINGLE_RE.sub(r"\1", " ".join(_PUNCT_RE.sub(" ", text).split()))


def _trailing_bracket(text: str) -> str:
    """Drop a final bracketed note: "X (Y)" → "X"; but "ACRONYM (long name)" → long name.

    A final bracket usually holds a place, an acronym or a remark (中原晶钻科技有限公司（郑州）,
    "... (CNRS)", "(A subsidiary of ...)"); it is kept inside a name (腾讯科技（深圳）有限公司).
    When the part before it is one short word and the bracket holds three words or more,
    the bracket is the spelled-out name ("ONERA (Office National d'Etudes ...)").
    """
    if "(" not in text:
        return text
    m = _TRAILING_RE.match(text)
    if m is None:
        return text
    head, note = m.group(1), m.group(2)
    if len(head.split()) == 1 and len(head) <= 6 and len(note.split()) >= 3:
        return note
    return head


def _applicant_one(text: str) -> tuple[str, str]:
    """(key, spaced key) of one applicant name."""
    r = _rules()
    t = _prepare(text)
    t = _AND_RE.sub(" and ", _ENTITY_RE.sub(" ", t.replace("(주)", " ")))
    base = _words(_trailing_bracket(t))
    w = base
    if r["abbrev_re"] is not None:
        w = r["abbrev_re"].sub(r["abbrev_sub"], w)
    for pat, repl in r["replace"]:
        w = pat.sub(repl, w)
    for pat in r["patterns"]:
        w = pat.sub(" ", w)
    w = r["edge_end"].sub(" ", r["edge_start"].sub(" ", r["anywhere"].sub(" ", w)))
    w = " ".join(w.split())
    if _CJK_SEARCH(w):
        w = r["cjk_suffix"].sub("", r["cjk_prefix"].sub("", w)).strip()
    if not w:
        w = base
    return _finish(text, w)


def _inventor_one(text: str) -> tuple[str, str]:
    """(key, spaced key) of one person name: honorifics off, Latin words sorted."""
    base = _words(_prepare(text).replace("(", " ").replace(")", " "))
    w = " ".join(_PERSON_RE.sub(" ", base).split()) or base
    if not _CJK_SEARCH(w):
        w = " ".join(sorted(w.split()))
    return _finish(text, w)


def _finish(text: str, words: str) -> tuple[str, str]:
    key = words.replace(" ", "")
    if key:
        return key, words
    fallback = "".join(unicodedata.normalize("NFKC", text).casefold().split())
    return fallback, fallback


def _keys_of_unique(raw: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Keys and spaced keys of distinct strings, iterated to a fixpoint (idempotent).

    The string rules run once per distinct name (a Python function over the distinct
    values, as pandas' own ``.str`` methods on text would). A key is fed through the rules
    again until it no longer changes, which makes :func:`name_key` idempotent; after the
    first round almost every key is already a fixpoint.
    """
    one = _applicant_one if kind == "applicant" else _inventor_one
    pairs = [one(x) for x in raw]
    keys = [k for k, _ in pairs]
    words = [w for _, w in pairs]
    final: dict[str, tuple[str, str]] = {}
    for k in set(keys):
        cur, cur_words = k, None
        for _ in range(8):
            nxt, nxt_words = one(cur)
            if nxt == cur:
                break
            cur, cur_words = nxt, nxt_words
        if cur != k:
            final[k] = (cur, cur_words or cur)
    if final:
        for pos, k in enumerate(keys):
            if k in final:
                keys[pos], words[pos] = final[k]
    return np.array(keys, dtype=object), np.array(words, dtype=object)


def _as_series(names: object) -> pd.Series:
    if isinstance(names, pd.Series):
        return names
    if isinstance(names, str):
        return pd.Series([names])
    if isinstance(names, pd.Index | np.ndarray | list | tuple):
        return pd.Series(list(names), dtype=object)
    try:
        return pd.Series(list(names), dtype=object)  # type: ignore[call-overload]
    except TypeError as exc:
        raise SchemaError(f"names must be a list or Series of strings, got {type(names).__name__}",
                          fix="pass a pandas Series or a list of names",
                          hint="请传入名称列表或 Series") from exc


def _strings(values: pd.Series) -> pd.Series:
    """Object Series: str for every present value, None for missing or blank."""
    obj = values.astype(object)
    present = obj.notna().to_numpy()
    out = obj.where(present, None)
    if present.any():
        text = obj[present].map(str) if not pd.api.types.is_string_dtype(values) else obj[present]
        text = text.where(text.str.strip().str.len() > 0, None)
        out = out.copy()
        out[present] = text
    return out


def name_key(names: object, kind: str = "applicant") -> pd.Series:
    """Rule-based match key of each name (same index; missing or blank → ``None``).

    Applicants (``kind="applicant"``): NFKC (full → half width), case fold, accents off
    (é → e, ø → o), brackets unified （）【】[] → (), a final bracketed note dropped
    (中原晶钻科技有限公司（郑州） → 中原晶钻科技有限公司), ``&``/``+`` → "and", apostrophes
    and punctuation removed, dotted abbreviations joined (S.A. → sa), common abbreviations
    expanded (TECH → technology), legal forms removed (有限公司, 股份有限公司, Co., Ltd.,
    Inc., GmbH, S.A., Kabushiki Kaisha ... from ``navtrain/data/legal_forms.toml``), then
    all spaces removed. Words that tell entities apart (大学, 研究院, 研究所, University,
    Institute) are kept. When nothing but legal forms is left, the key keeps them.

    Inventors (``kind="inventor"``): the same character rules, no legal forms; honorifics
    and generational suffixes (Dr., Jr., III) removed; a Latin-script name's words are
    sorted, so "Smith, John" and "John Smith" share a key; a CJK name only loses its
    spaces (张 伟 → 张伟). Initials are not expanded (J. Smith ≠ John Smith).

    The key is idempotent: ``name_key(name_key(x)) == name_key(x)``. It is computed once
    per distinct string, so a column of a million names with 100,000 distinct values
    costs the same as those 100,000.

    Source: Magerman, Van Looy & Song (2006), Eurostat/KU Leuven, the character-cleaning
    and legal-form steps; ``docs/names.md``.

    >>> name_key(["中原晶钻科技有限公司", "中原晶钻科技股份有限公司", "中原晶钻科技有限公司（郑州）"]).tolist()
    ['中原晶钻科技', '中原晶钻科技', '中原晶钻科技']
    >>> name_key(["Zhongyuan Jingzuan Technology Co., Ltd.", "ZHONGYUAN JINGZUAN TECH CO LTD"]).tolist()
    ['zhongyuanjingzuantechnology', 'zhongyuanjingzuantechnology']
    >>> name_key(["中岳理工大学", "Sony Corp", "Ｓｏｎｙ　Ｃｏｒｐｏｒａｔｉｏｎ"]).tolist()
    ['中岳理工大学', 'sony', 'sony']
    >>> name_key(["Smith, John", "JOHN SMITH Jr.", "张 伟"], kind="inventor").tolist()
    ['johnsmith', 'johnsmith', '张伟']
    """
    k = _kind(kind)
    s = _as_series(names)
    text = _strings(s)
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    out = np.full(len(text), None, dtype=object)
    if len(uniques):
        keys, _ = _keys_of_unique(np.asarray(uniques, dtype=object), k)
        ok = codes >= 0
        out[ok] = keys[codes[ok]]
    return pd.Series(out, index=s.index, name="key", dtype=object)


# --------------------------------------------------------------------------- fuzzy grouping


def _scorers() -> dict[str, tuple[Any, bool]]:
    """name → (rapidfuzz scorer, compares spaced words?)."""
    from rapidfuzz import distance, fuzz

    return {
        "ratio": (fuzz.ratio, False),
        "token_sort": (fuzz.token_sort_ratio, True),
        "token_sort_ratio": (fuzz.token_sort_ratio, True),
        "token_set": (fuzz.token_set_ratio, True),
        "wratio": (fuzz.WRatio, True),
        "jaro_winkler": (distance.JaroWinkler.normalized_similarity, False),
    }


def _blocks(keys: pd.Series, n_chars: int, from_end: bool) -> list[np.ndarray]:
    """Index arrays of keys sharing their first (or last) characters; big blocks split."""
    out: list[np.ndarray] = []
    idx = np.arange(len(keys))
    width = n_chars
    while len(idx) and width <= 64:
        sub = keys.iloc[idx]
        part = sub.str[-width:] if from_end else sub.str[:width]
        codes, _ = pd.factorize(part)
        order = np.argsort(codes, kind="stable")
        sizes = np.bincount(codes)
        groups = np.split(idx[order], np.cumsum(sizes)[:-1])
        big: list[np.ndarray] = []
        for g in groups:
            if len(g) < 2:
                continue
            (big if len(g) > _MAX_BLOCK else out).append(g)
        idx = np.concatenate(big) if big else np.array([], dtype=int)
        width += 1
    return out


def _typo_budget(text: str) -> int:
    """Edits tolerated between two spellings of one word.

    Latin: none below 6 letters (Qiang ≠ Qing), 1 up to 12 (Northwestern ≠ Northeastern
    needs 2), 2 up to 19, then 3. CJK: one per 10 characters.
    """
    if re.search(_CJK_RE, text):
        return len(text) // 10
    n = len(text)
    return 0 if n < 6 else 1 + (n - 6) // 7


def _same_words(a: str, b: str) -> bool:
    """Token guard: True unless one name has a word the other replaces by a different word.

    Shared words are removed; each leftover word is paired with a leftover word of the
    other name within the typo budget (digits must agree); what is still left must sit on
    one side only (an added word: "Brown Dennis" / "Brown Dennis M.", "Atlas Elektronik" /
    "Atlas Elektronik UK") or be the same letters split differently. "... Secretary of the
    Navy" / "... of the Army", "Johnson Mark L." / "Johnson Mark W." and 3D / 5D Robotics
    are rejected although their similarity is high.
    """
    from rapidfuzz.distance import Levenshtein

    left, right = a.split(), b.split()
    common = set(left) & set(right)
    rest_a = [w for w in left if w not in common]
    rest_b = [w for w in right if w not in common]
    if not rest_a or not rest_b:
        return True
    unpaired_a = []
    for w in rest_a:
        budget = _typo_budget(w)
        digits = re.sub(r"\D", "", w)
        match = next((i for i, v in enumerate(rest_b) if re.sub(r"\D", "", v) == digits
                      and Levenshtein.distance(w, v, score_cutoff=budget) <= min(budget, _typo_budget(v))), None)
        if match is None:
            unpaired_a.append(w)
        else:
            rest_b.pop(match)
    if not unpaired_a or not rest_b:
        return True
    joined_a, joined_b = "".join(unpaired_a), "".join(rest_b)
    if re.sub(r"\D", "", joined_a) != re.sub(r"\D", "", joined_b):
        return False
    budget = min(_typo_budget(joined_a), _typo_budget(joined_b))
    return Levenshtein.distance(joined_a, joined_b, score_cutoff=budget) <= budget


def _fuzzy_pairs(keys: np.ndarray, words: np.ndarray, threshold: float, cjk_threshold: float,
                 scorer: str, block_chars: int, guard: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j) of distinct keys whose similarity passes the threshold in some block."""
    from rapidfuzz import process

    table = _scorers()
    if scorer not in table:
        raise UnknownNameError(f"unknown scorer {scorer!r}", fix=f"use one of: {', '.join(sorted(table))}",
                               hint="相似度算法名称不存在")
    func, spaced = table[scorer]
    scale = 100.0 if scorer == "jaro_winkler" else 1.0
    strings = words if spaced else keys
    ks = pd.Series(keys, dtype=object)
    is_cjk = ks.str.contains(_CJK_RE, regex=True).to_numpy()
    low = min(threshold, cjk_threshold)
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    for from_end in (False, True):
        for block in _blocks(ks, block_chars, from_end):
            sub = strings[block].tolist()
            scores = process.cdist(sub, sub, scorer=func, score_cutoff=low / scale, dtype=np.float32, workers=-1)
            ii, jj = np.nonzero(np.triu(scores, 1) * scale >= low)
            if not len(ii):
                continue
            gi, gj = block[ii], block[jj]
            need = np.where(is_cjk[gi] | is_cjk[gj], cjk_threshold, threshold)
            keep = scores[ii, jj] * scale >= need
            found_i.append(gi[keep])
            found_j.append(gj[keep])
    if not found_i:
        return np.array([], dtype=int), np.array([], dtype=int)
    pairs = np.unique(np.column_stack([np.concatenate(found_i), np.concatenate(found_j)]), axis=0)
    i, j = pairs[:, 0], pairs[:, 1]
    if guard and len(i):
        ok = np.fromiter((_same_words(words[a], words[b]) for a, b in zip(i.tolist(), j.tolist(), strict=True)),
                         dtype=bool, count=len(i))
        i, j = i[ok], j[ok]
    return i, j


def _has_legal_form(raw: np.ndarray) -> np.ndarray:
    """True where the name carries a legal form or is written in CJK (an organisation)."""
    r = _rules()
    def legal(text: str) -> bool:
        base = _words(_AND_RE.sub(" and ", _prepare(text)))
        return bool(r["anywhere"].search(base) or r["edge_end"].search(base) or r["edge_start"].search(base)
                    or _CJK_SEARCH(base))

    return np.fromiter((legal(x) for x in raw), dtype=bool, count=len(raw))


def _order_free_pairs(words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of names of two words or more made of the same words in another order.

    "M Sheldon Hansen" / "Hansen M. Sheldon", "BOEING CO THE" / "The Boeing Company",
    "Societe Nationale Industrielle Aerospatiale" / "Aerospatiale Societe Nationale Industrielle".
    """
    toks = pd.Series(words, dtype=object).str.split()
    multi = (toks.str.len() >= 2).to_numpy()
    if multi.sum() < 2:
        return np.array([], dtype=int), np.array([], dtype=int)
    idx = np.flatnonzero(multi)
    order_free = toks.iloc[idx].map(lambda ws: " ".join(sorted(ws)))  # one call per distinct key
    codes, _ = pd.factorize(order_free)
    first = pd.Series(idx).groupby(codes).transform("first").to_numpy()
    linked = first != idx
    return first[linked], idx[linked]


def _extension_pairs(words: np.ndarray, max_words: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (shorter, longer) where the longer name only adds words at the end.

    The shorter name has at least two words and is a word-prefix of the longer one, its
    last word possibly an initial of the longer one's word at that place: "Kelly Edmund"
    / "Kelly Edmund Joseph", "Linden Craig L." / "Linden Craig Leigh", "Northrop Grumman"
    / "Northrop Grumman Systems". A shorter name that several diverging longer names
    extend ("Brown Robert" of "Brown Robert D." and "Brown Robert E.") is ambiguous and
    left alone, so a generic prefix ("National University") cannot chain entities.
    """
    s = pd.Series(words, dtype=object)
    toks = s.str.split()
    n_tok = toks.str.len().to_numpy()
    lookup = pd.Index(s)
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for k in range(2, max_words + 1):
        longer = np.flatnonzero(n_tok > k)
        if not len(longer):
            break
        head = toks.iloc[longer]
        prefix = head.str[:k].str.join(" ")
        initial = head.str[: k - 1].str.join(" ") + " " + head.str[k - 1].str[0]
        for variant in (prefix, initial):
            x = lookup.get_indexer(variant.to_numpy(dtype=object))
            hit = x >= 0
            xs.append(x[hit])
            ys.append(longer[hit])
    if not xs or not sum(len(a) for a in xs):
        return np.array([], dtype=int), np.array([], dtype=int)
    pairs = pd.DataFrame({"x": np.concatenate(xs), "y": np.concatenate(ys)}).drop_duplicates()
    pairs = pairs[pairs["x"] != pairs["y"]]
    # unambiguous: every longer name of x must itself extend to x's longest name
    pairs["n"] = n_tok[pairs["y"].to_numpy()]
    longest = pairs.sort_values(["x", "n", "y"], ascending=[True, False, True]).drop_duplicates("x")
    pairs = pairs.merge(longest[["x", "y"]].rename(columns={"y": "top"}), on="x")
    known = set(zip(pairs["x"].tolist(), pairs["y"].tolist(), strict=True))
    chained = np.fromiter(((y == top) or ((y, top) in known)
                           for y, top in zip(pairs["y"].tolist(), pairs["top"].tolist(), strict=True)),
                          dtype=bool, count=len(pairs))
    bad = set(pairs.loc[~chained, "x"].tolist())
    pairs = pairs[~pairs["x"].isin(bad)]
    return pairs["x"].to_numpy(dtype=int), pairs["y"].to_numpy(dtype=int)


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if not len(i):
        return np.arange(n)
    graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


# --------------------------------------------------------------------------- overrides

_OVERRIDE_ALIASES = {
    "alias": "alias", "别名": "alias", "原名": "alias", "raw": "alias", "name": "alias", "变体": "alias",
    "canonical": "canonical", "标准名": "canonical", "标准名称": "canonical", "std": "canonical",
    "standard": "canonical", "cleaned": "canonical",
    "parent": "parent", "母公司": "parent", "集团": "parent", "group": "parent", "上级": "parent",
}


def load_overrides(source: object = None) -> pd.DataFrame:
    """Read an override table: columns ``alias``, ``canonical`` and optional ``parent``.

    ``source`` may be a path (``.csv`` UTF-8, ``.yaml``/``.yml``, ``.xlsx``), a DataFrame,
    a dict ``{alias: canonical}``, or ``None`` (no overrides). A YAML file holds a list of
    ``{alias, canonical, parent}`` mappings or one ``{alias: canonical}`` mapping. Column
    names may be Chinese (别名, 标准名, 母公司). A row with a ``parent`` and no ``alias``
    only places ``canonical`` under that parent group. Lines whose alias starts with ``#``
    are comments.

    Meaning, applied before the rules (:func:`harmonize_names`):

    - alias → canonical: every name whose key equals the alias's key joins the group of
      ``canonical``, and that group is displayed as ``canonical`` (as written).
    - subsidiary → parent: the group of ``canonical`` gets ``parent`` in the ``group``
      column, so counts can be made by legal entity (``canonical``) or by group.

    >>> load_overrides({"Zhongyuan Jingzuan Technology Co. Ltd.": "中原晶钻科技有限公司"})
                                        alias   canonical parent
    0  Zhongyuan Jingzuan Technology Co. Ltd.  中原晶钻科技有限公司   None
    """
    cols = ["alias", "canonical", "parent"]
    if source is None:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    if isinstance(source, pd.DataFrame):
        table = source.copy()
    elif isinstance(source, Mapping):
        table = pd.DataFrame({"alias": list(source.keys()), "canonical": list(source.values())})
    elif isinstance(source, str | Path):
        table = _read_override_file(Path(source))
    else:
        raise SchemaError(f"cannot read overrides from a {type(source).__name__}",
                          fix="pass a CSV/YAML path, a DataFrame or a dict {alias: canonical}",
                          hint="对照表应为 CSV/YAML 文件、DataFrame 或字典")
    rename = {c: _OVERRIDE_ALIASES[str(c).strip().lower()] for c in table.columns
              if str(c).strip().lower() in _OVERRIDE_ALIASES}
    table = table.rename(columns=rename)
    if "canonical" not in table.columns:
        raise SchemaError("the override table needs a 'canonical' column (标准名)",
                          fix="give the columns alias, canonical[, parent]",
                          hint="对照表需包含 alias（别名）、canonical（标准名）列，可选 parent（母公司）")
    for c in cols:
        if c not in table.columns:
            table[c] = None
    table = table[cols].astype(object)
    table = table.where(table.notna(), None)
    for c in cols:
        text = table[c].map(lambda v: None if v is None else (str(v).strip() or None))
        table[c] = text.astype(object)
    comment = table["alias"].map(lambda v: isinstance(v, str) and v.startswith("#"))
    table = table[~comment & table["canonical"].notna()]
    bad = table["alias"].isna() & table["parent"].isna()
    table.loc[bad, "alias"] = table.loc[bad, "canonical"]
    return table.reset_index(drop=True)


def _read_override_file(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputFileError(f"override file not found: {path}", fix="check the path",
                             hint="找不到名称对照表文件")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return pd.read_csv(path, dtype=str, sep="\t" if suffix == ".tsv" else ",", comment=None,
                           keep_default_na=False, encoding="utf-8-sig")
    if suffix in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict) and not {"alias", "canonical"} & set(data):
            return pd.DataFrame({"alias": list(data.keys()), "canonical": list(data.values())})
        if isinstance(data, dict):
            data = [data]
        return pd.DataFrame(list(data))
    if suffix in (".xlsx", ".xls"):
        return pd.read_excel(path, dtype=str)
    raise InputFileError(f"unsupported override file type {suffix!r}",
                         fix="use .csv (alias,canonical,parent) or .yaml", hint="对照表请用 CSV 或 YAML")


# --------------------------------------------------------------------------- harmonisation


def _resolve_threshold(threshold: object, kind: str) -> float | None:
    if isinstance(threshold, str):
        if threshold.strip().lower() != "auto":
            raise UnknownNameError(f"unknown threshold {threshold!r}",
                                   fix="pass a number 0-100, 'auto' or None (no fuzzy merging)",
                                   hint="阈值应为 0-100 的数，或 'auto'，或 None（不做模糊合并）")
        return DEFAULT_THRESHOLD if kind == "applicant" else None
    if threshold is None:
        return None
    value = float(threshold)  # type: ignore[arg-type]
    if not 0 <= value <= 100:
        raise SchemaError(f"threshold must be between 0 and 100, got {value}",
                          fix="use e.g. 90 (a similarity in percent)", hint="相似度阈值应在 0 到 100 之间")
    return value


def _harmonize_unique(raw: np.ndarray, counts: np.ndarray, kind: str, threshold: float | None,
                      cjk_threshold: float, overrides: pd.DataFrame, scorer: str,
                      block_chars: int, word_rules: bool | None = None) -> pd.DataFrame:
    """The mapping table for distinct raw names with their occurrence counts."""
    keys, words = _keys_of_unique(raw, kind)
    match_keys = keys.copy()
    how = np.full(len(raw), "key", dtype=object)
    canon_text: dict[str, str] = {}
    parent_of: dict[str, str] = {}
    if len(overrides):
        alias_key = name_key(overrides["alias"], kind).to_numpy()
        canon_key = name_key(overrides["canonical"], kind).to_numpy()
        for ck, text, par in zip(canon_key, overrides["canonical"], overrides["parent"], strict=True):
            canon_text.setdefault(ck, text)
            if par is not None:
                parent_of.setdefault(ck, par)
        remap = {a: c for a, c in zip(alias_key, canon_key, strict=True) if a is not None}
        mapped = pd.Series(keys, dtype=object).map(remap).to_numpy(dtype=object)
        hit = pd.notna(mapped) & (mapped != keys)
        match_keys[hit] = mapped[hit]
        how[hit] = "override"
    kcodes, uniq = pd.factorize(pd.Series(match_keys, dtype=object))
    ukeys = np.asarray(uniq, dtype=object)
    n_keys = len(ukeys)
    labels = np.arange(n_keys)
    use_words = (kind == "applicant") if word_rules is None else bool(word_rules)
    if (threshold is not None or use_words) and n_keys > 1:
        first = np.zeros(n_keys, dtype=np.int64)
        first[kcodes[::-1]] = np.arange(len(kcodes))[::-1]  # first raw name of each key
        uwords = words[first].copy()
        if canon_text:  # an override target is compared through its canonical's own words
            targets = np.flatnonzero(pd.Series(ukeys).isin(set(canon_text)).to_numpy())
            if len(targets):
                one = _applicant_one if kind == "applicant" else _inventor_one
                uwords[targets] = [one(canon_text[k])[1] for k in ukeys[targets]]
        found = []
        if use_words:
            found.append(_order_free_pairs(uwords))
            xi, yi = _extension_pairs(uwords)
            if len(xi):  # middle names and initials: person names only (no legal form, no CJK)
                org = _has_legal_form(raw[first])
                keep = ~org[xi] & ~org[yi]
                found.append((xi[keep], yi[keep]))
        if threshold is not None:
            found.append(_fuzzy_pairs(ukeys, uwords, threshold, cjk_threshold, scorer, block_chars))
        i = np.concatenate([f[0] for f in found]).astype(int)
        j = np.concatenate([f[1] for f in found]).astype(int)
        if canon_text and len(i):  # never merge two different override targets directly
            is_target = pd.Series(ukeys).isin(set(canon_text)).to_numpy()
            keep = ~(is_target[i] & is_target[j])
            i, j = i[keep], j[keep]
        labels = _components(n_keys, i, j)
    table = pd.DataFrame({"raw": raw, "key": keys, "_match": match_keys, "_comp": labels[kcodes],
                          "n": counts.astype("int64"), "_len": pd.Series(raw, dtype=object).str.len().to_numpy()})
    # display name: most frequent raw form, ties → shortest, then alphabetical
    best = (table.sort_values(["_comp", "n", "_len", "raw"], ascending=[True, False, True, True], kind="stable")
            .drop_duplicates("_comp").set_index("_comp"))
    canonical = best["raw"].copy()
    rep_match = best["_match"]
    if canon_text:
        forced = table[table["_match"].isin(set(canon_text))]
        forced = (forced.sort_values(["_comp", "n"], ascending=[True, False], kind="stable")
                  .drop_duplicates("_comp").set_index("_comp"))
        canonical.loc[forced.index] = forced["_match"].map(canon_text)
        rep_match = rep_match.copy()
        rep_match.loc[forced.index] = forced["_match"]
    comp = table["_comp"]
    table["canonical"] = comp.map(canonical).to_numpy(dtype=object)
    parents = table.loc[table["_match"].isin(set(parent_of)), ["_comp", "_match"]].drop_duplicates("_comp")
    parent = comp.map(pd.Series(parents["_match"].map(parent_of).to_numpy(), index=parents["_comp"].to_numpy()))
    table["group"] = parent.where(parent.notna(), table["canonical"]).astype(object)
    fuzzy = (table["_match"] != comp.map(rep_match)).to_numpy()
    table["matched_by"] = np.where((how == "key") & fuzzy, "fuzzy", how)
    table["_size"] = table.groupby("_comp")["n"].transform("sum")
    table = table.sort_values(["_size", "canonical", "_comp", "n", "raw"],
                              ascending=[False, True, True, False, True], kind="stable")
    gid, _ = pd.factorize(table["_comp"])
    table["group_id"] = gid.astype("int64")
    return table[["raw", "key", "group_id", "canonical", "group", "n", "matched_by"]].reset_index(drop=True)


def harmonize_names(
    names: object,
    threshold: float | str | None = "auto",
    overrides: object = None,
    kind: str = "applicant",
    scorer: str = DEFAULT_SCORER,
    block_chars: int = DEFAULT_BLOCK_CHARS,
    cjk_threshold: float = DEFAULT_CJK_THRESHOLD,
    word_rules: bool | None = None,
) -> pd.DataFrame:
    """Group name variants; one row per distinct raw name with its group and display name.

    Steps: (1) overrides (:func:`load_overrides`) send an alias's key to its canonical's
    key; (2) names with the same :func:`name_key` form a group; (3) for applicants,
    groups whose keys are similar — rapidfuzz ``scorer`` ≥ ``threshold`` (CJK keys:
    ≥ ``cjk_threshold``) — are merged, comparing only keys that share their first or
    their last ``block_chars`` characters (blocking; a block larger than 1,500 keys is
    split by one more character), and merges are transitive (connected components);
    (4) the display name (``canonical``) of a group is its most frequent raw form, ties
    going to the shorter, then the alphabetically first — or the override's canonical.

    Parameters
    ----------
    names : list, array or Series of names (missing or blank entries are skipped, with a
        :class:`NavtrainWarning` giving the count).
    threshold : similarity 0–100 for fuzzy merging; ``"auto"`` (default) is
        ``DEFAULT_THRESHOLD`` (90) for applicants and *no* fuzzy merging for inventors
        (two people may share a name; telling them apart needs co-inventors or
        employers, not spelling); ``None`` switches fuzzy merging off.
    overrides : override table (path, DataFrame or dict; see :func:`load_overrides`).
    kind : ``"applicant"`` (申请人, default) or ``"inventor"`` (发明人).
    scorer : ``"ratio"`` (default: Indel similarity of the space-free keys),
        ``"token_sort"``, ``"token_set"``, ``"wratio"`` or ``"jaro_winkler"``.

    Returns a new DataFrame with columns ``raw``, ``key``, ``group_id`` (0 = the group
    with the most occurrences), ``canonical`` (legal-entity level display name), ``group``
    (the override's parent where given, else ``canonical``), ``n`` (occurrences of the raw
    name) and ``matched_by`` (``key``, ``fuzzy`` or ``override``). ``attrs`` report the
    number of distinct raw names and groups.

    >>> names = ["中原晶钻科技有限公司", "中原晶钻科技股份有限公司", "中原晶钻科技有限公司（郑州）",
    ...          "中原晶钻科技有限公司", "中原理工大学", "中岳理工大学", "Sony Corp", "SONY CORPORATION",
    ...          "Sonos Inc"]
    >>> h = harmonize_names(names)
    >>> h.groupby("group_id")["raw"].agg(list).tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['中原晶钻科技有限公司', '中原晶钻科技有限公司（郑州）', '中原晶钻科技股份有限公司'],
     ['SONY CORPORATION', 'Sony Corp'], ['Sonos Inc'], ['中原理工大学'], ['中岳理工大学']]
    >>> h.drop_duplicates("group_id")["canonical"].tolist()
    ['中原晶钻科技有限公司', 'Sony Corp', 'Sonos Inc', '中原理工大学', '中岳理工大学']
    >>> h.attrs["raw_names"], h.attrs["groups"]
    (8, 5)
    """
    k = _kind(kind)
    thr = _resolve_threshold(threshold, k)
    ov = load_overrides(overrides)
    s = _as_series(names)
    text = _strings(s)
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    dropped: dict[str, int] = {}
    missing = int((codes < 0).sum())
    if missing:
        dropped["missing or blank name"] = missing
        warnings.warn(f"harmonize_names: {missing} of {len(codes)} names are missing or blank and were "
                      "skipped (空白名称未参与归一)", NavtrainWarning, stacklevel=2)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    raw = np.asarray(uniques, dtype=object)
    out = _harmonize_unique(raw, counts, k, thr, cjk_threshold, ov, scorer, int(block_chars), word_rules)
    out.attrs.update(kind=k, threshold=thr, cjk_threshold=cjk_threshold, scorer=scorer,
                     block_chars=int(block_chars), raw_names=len(out),
                     groups=int(out["group_id"].nunique()), parent_groups=int(out["group"].nunique()),
                     dropped=dropped)
    return out


def harmonize(
    df: pd.DataFrame,
    col: str = "applicants",
    out: str = "applicants_std",
    overrides: object = None,
    kind: str | None = None,
    threshold: float | str | None = "auto",
    group_out: str | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Harmonise a list column: a new table whose ``out`` column holds display names.

    Every name of every cell of ``col`` (``applicants`` by default, or ``inventors``) is
    harmonised with :func:`harmonize_names` over the whole table (so the display name of
    a group is its most frequent spelling in *this* table), and each cell becomes the list
    of its groups' ``canonical`` names, without duplicates, in the original order. With
    ``group_out`` (e.g. ``"applicants_group"``), a second list column holds the parent
    groups from the override table. The input is not changed.

    ``kind`` defaults to ``"inventor"`` for a column named ``inventors`` and to
    ``"applicant"`` otherwise; ``threshold`` and ``options`` (``scorer``, ``block_chars``,
    ``cjk_threshold``) go to :func:`harmonize_names`.

    ``attrs["harmonize"]`` reports ``raw_names`` (distinct raw names), ``groups`` and
    ``collapsed`` (= raw_names − groups), plus ``fuzzy`` and ``override`` (raw names
    grouped by similarity and by the override table).

    >>> from navtrain import load_sample
    >>> sample = load_sample()
    >>> std = harmonize(sample, overrides={"Zhongyuan Jingzuan Technology Co. Ltd.": "中原晶钻科技有限公司",
    ...     "Huayuan Superhard Materials Research Institute": "华原超硬材料研究院"})
    >>> (std["applicants_std"] == sample["applicants_std"]).all()
    np.True_
    >>> std.attrs["harmonize"]["raw_names"], std.attrs["harmonize"]["groups"]
    (12, 9)
    """
    table = standardize_columns(df)
    check_columns(table, [col], f"harmonize({col!r})")
    k = _kind(kind) if kind is not None else ("inventor" if col == "inventors" else "applicant")
    cells = table[col].reset_index(drop=True)
    flat = cells.explode()
    rows = flat.index.to_numpy()
    text = _strings(flat.map(lambda v: v.strip() if isinstance(v, str) else v)
                    if len(flat) else flat.astype(object))
    present = text.notna().to_numpy()
    rows, text = rows[present], text[present]
    mapping = harmonize_names(text.to_numpy(dtype=object), threshold=threshold, overrides=overrides,
                              kind=k, **options) if len(text) else harmonize_names([], kind=k)
    lookup = mapping.set_index("raw")
    result = table.copy()
    targets = [(out, "canonical")] + ([(group_out, "group")] if group_out else [])
    for target, field in targets:
        values = lookup[field].reindex(text.to_numpy()).to_numpy(dtype=object)
        result[target] = _regroup(rows, values, len(table))
    result.index = table.index
    report = {"column": col, "out": out, "kind": k, "raw_names": int(mapping.attrs["raw_names"]),
              "groups": int(mapping.attrs["groups"]),
              "collapsed": int(mapping.attrs["raw_names"] - mapping.attrs["groups"]),
              "fuzzy": int((mapping["matched_by"] == "fuzzy").sum()),
              "override": int((mapping["matched_by"] == "override").sum())}
    if group_out:
        report["parent_groups"] = int(mapping.attrs["parent_groups"])
    result.attrs["harmonize"] = report
    return result


def _regroup(rows: np.ndarray, values: np.ndarray, n_rows: int) -> list[list[str]]:
    """Lists of values per row (order kept, duplicates within a row dropped)."""
    import pyarrow as pa

    pairs = pd.DataFrame({"r": rows, "v": values}).drop_duplicates()
    sizes = np.bincount(pairs["r"].to_numpy(dtype=np.int64), minlength=n_rows)
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    arr = pa.ListArray.from_arrays(pa.array(offsets), pa.array(pairs["v"].to_numpy(dtype=object), type=pa.string()))
    return arr.to_pylist()


# --------------------------------------------------------------------------- evaluation


def pairwise_pr(truth: object, predicted: object) -> dict[str, float | int]:
    """Pairwise precision, recall and F1 of a predicted grouping against a truth grouping.

    Over all unordered pairs of items: a pair is *predicted same* when both items have the
    same predicted label, *truly same* when they have the same truth label.
    TP = Σ_cells C(n_ij, 2) over the contingency table of (truth, predicted) labels,
    predicted pairs = Σ_i C(n_i·, 2), true pairs = Σ_j C(n_·j, 2);
    precision = TP / predicted pairs, recall = TP / true pairs, F1 their harmonic mean.
    Computed from group sizes, never by listing pairs. An undefined ratio (no predicted or
    no true pairs) is NaN. Items with a missing label in either input are dropped.

    Source: the pairwise cluster metrics of entity resolution (e.g. Binette et al. 2023,
    *The American Statistician*); worked example from the team's methods notes §4.4.

    >>> r = pairwise_pr(["X", "X", "X", "Y", "Y", "Z"], [1, 1, 2, 2, 2, 3])
    >>> r["precision"], r["recall"], r["f1"], r["tp"]
    (0.5, 0.5, 0.5, 2)
    """
    t = _as_series(truth).reset_index(drop=True)
    p = _as_series(predicted).reset_index(drop=True)
    if len(t) != len(p):
        raise SchemaError(f"truth has {len(t)} items but predicted has {len(p)}",
                          fix="pass two labellings of the same items, in the same order",
                          hint="两组标签的长度必须相同")
    ok = (t.notna() & p.notna()).to_numpy()
    tc, _ = pd.factorize(t[ok])
    pc, _ = pd.factorize(p[ok])

    def pairs(codes: np.ndarray) -> int:
        n = np.bincount(codes).astype(np.int64) if len(codes) else np.array([], dtype=np.int64)
        return int((n * (n - 1) // 2).sum())

    joint = tc.astype(np.int64) * (int(pc.max()) + 1 if len(pc) else 1) + pc
    _, joint_codes = np.unique(joint, return_inverse=True)
    tp, pred_pairs, true_pairs = pairs(joint_codes.ravel()), pairs(pc), pairs(tc)
    precision = tp / pred_pairs if pred_pairs else float("nan")
    recall = tp / true_pairs if true_pairs else float("nan")
    f1 = (2 * precision * recall / (precision + recall)
          if precision == precision and recall == recall and precision + recall > 0 else float("nan"))
    return {"precision": float(precision), "recall": float(recall), "f1": float(f1), "tp": tp,
            "predicted_pairs": pred_pairs, "true_pairs": true_pairs, "items": int(ok.sum())}


def close_trivial_variants(raw: object, labels: object, sep: str = ";") -> np.ndarray:
    """Truth labels merged wherever two raw cells differ only by case, accents or punctuation.

    An analyst's cleaning can leave "UNIVERSITÄT ZÜRICH" and "Universität Zürich" apart;
    any harmoniser that folds case (as the brief requires) then pays false positives that
    say nothing about it. This closure joins two truth labels when some raw cells under
    them have the same *trivial key*: the set of the cell's names, each case-folded,
    accent-free and stripped of everything but letters and digits (legal forms are NOT
    removed). Returns integer labels (connected components of labels ↔ trivial keys).

    >>> close_trivial_variants(["Dell Products LP", "Dell Products L.P.", "Dell Inc"], ["a", "b", "c"]).tolist()
    [0, 0, 1]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    cells = _as_series(raw).reset_index(drop=True).astype(object)
    parts = cells.map(lambda v: [] if not isinstance(v, str) else v.split(sep)).explode()
    text = pd.Series([re.sub(r"[\W_]+", "", _prepare(x)) if isinstance(x, str) else "" for x in parts],
                     index=parts.index, dtype=object)
    trivial = (pd.DataFrame({"cell": parts.index.to_numpy(), "t": text.to_numpy()})
               .query("t != ''").drop_duplicates().sort_values(["cell", "t"])
               .groupby("cell")["t"].agg("|".join).reindex(range(len(cells))).fillna(""))
    a, _ = pd.factorize(_as_series(labels).reset_index(drop=True).astype(object))
    b, _ = pd.factorize(trivial)
    n, m = int(a.max()) + 1 if len(a) else 0, int(b.max()) + 1 if len(b) else 0
    graph = coo_matrix((np.ones(len(a)), (a, n + b)), shape=(n + m, n + m))
    _, comp = connected_components(graph, directed=False)
    _, out = np.unique(comp[a], return_inverse=True)
    return out.ravel()


def evaluate_cleaning(raw: object, cleaned: object, sep: str = ";", **options: Any) -> dict[str, float | int]:
    """Pairwise P/R of :func:`harmonize_names` against an analyst's cleaning of applicant cells.

    Each item is one raw applicant cell (several names joined by ``sep``); the analyst's
    label is the cleaned cell, the predicted label the set of groups of the cell's names
    (all names of all cells are harmonised together). Two cells are predicted the same
    when their sets of groups are equal. ``options`` go to :func:`harmonize_names`.

    >>> r = evaluate_cleaning(["Sony Corp", "SONY CORPORATION", "Sonos Inc; Sony Corp"],
    ...                       ["Sony", "Sony", "Sonos; Sony"])
    >>> r["precision"], r["recall"]
    (1.0, 1.0)
    """
    cells = _as_series(raw).reset_index(drop=True).astype(object)
    parts = cells.map(lambda v: [] if not isinstance(v, str) else [x.strip() for x in v.split(sep)])
    flat = parts.explode()
    flat = flat[flat.notna() & (flat.astype(str).str.len() > 0)]
    mapping = harmonize_names(flat.to_numpy(dtype=object), **options)
    gid = mapping.set_index("raw")["group_id"].reindex(flat.to_numpy()).to_numpy()
    per_cell = (pd.DataFrame({"cell": flat.index.to_numpy(), "g": gid}).drop_duplicates()
                .sort_values(["cell", "g"]).groupby("cell")["g"].agg(lambda g: tuple(g.tolist())))
    predicted = per_cell.reindex(range(len(cells)))
    return pairwise_pr(_as_series(cleaned).reset_index(drop=True), predicted.astype(object))
