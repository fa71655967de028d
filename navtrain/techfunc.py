"""Technology-function matrix (技术功效矩阵): rule-based tagging, the matrix, hot and blank cells.

Each patent is tagged (标引) with the technical means (技术手段) it uses and the technical
effects (技术功效) it claims, by transparent keyword and regular-expression rules kept in a
TOML file that a trainee can copy and edit (``navtrain/data/tagging/template.toml``). The
means × effect cross-tabulation counts the patents in each cell; cells far above the count
expected under independence are hot spots (热点), cells with (almost) nothing although their
row and column are both well filled are **candidate** blanks (空白点候选) — candidates to
check by a targeted search, never conclusions.

Sources: 杨铁军《专利分析实务手册》(2012) and 马天旗 主编《专利分析——方法、图表解读与情报
挖掘》(2015) for the matrix and its bubble chart; the JPO 課題-解決手段マップ; GB/T 39551.1
(analysis methods of patent navigation) and 39551.3–.5 (uses in planning and R&D decisions);
the standardised residual (o − e)/√e of a contingency table (Haberman 1973, *Biometrics*
29:205–220). See ``docs/methods/techfunc.md``.
"""

from __future__ import annotations

import logging
import re
import tomllib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from navtrain import basis
from navtrain.errors import InputFileError, NavtrainError, NavtrainWarning, SchemaError, UnknownNameError
from navtrain.schema import check_columns, standardize_columns

__all__ = ["BLANK_NOTE", "TagRule", "TagRules", "blank_cells", "function_matrix", "hot_cells", "load_tag_rules",
           "matrix_cells", "plot_function_matrix", "segment", "tag_rule_names", "tag_text"]

TAGGING_DIR = Path(__file__).parent / "data" / "tagging"
KINDS = ("means", "effects")
KIND_ZH = {"means": "技术手段", "effects": "技术功效"}
MATCH_MODES = ("substring", "token")
TOTAL = "合计"
#: The caveat printed under every chart and stored in every result (see docs/methods/techfunc.md).
BLANK_NOTE = ("空白候选仅表示“行、列都不少而该格几乎为零”的组合，须经定向检索核实后才能下结论；"
              "也可能是技术上不可行或商业上无意义的组合。")
BLANK_NOTE_EN = ("blank cells are candidates to check by a targeted search, not conclusions: an empty cell "
                 "may also be technically infeasible or commercially irrelevant")
KIND_LABELS = {"hot": "热点", "blank": "空白候选（待检索核实）", "other": ""}

_TOP_KEYS = {"name", "title", "source", "description", "match", "ignore_case", "context", "means", "effects"}
_RULE_KEYS = {"name", "en", "keywords", "patterns", "match", "note"}
_SEP = "\x1f"  # token separator used in token-mode matching (never in patent text)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class TagRule:
    """One technical means or effect: its name, English gloss and the texts that signal it."""

    kind: str
    name: str
    en: str = ""
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    match: str = "substring"


@dataclass(frozen=True)
class TagRules:
    """A validated rule set, as returned by :func:`load_tag_rules`.

    ``context[kind]`` holds regex templates in which ``{kw}`` stands for the keywords of a
    rule: a keyword counts only where one of the templates matches (none: anywhere).
    """

    name: str
    means: tuple[TagRule, ...]
    effects: tuple[TagRule, ...]
    context: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ignore_case: bool = True
    title: str = ""
    source: str = ""
    path: str = ""

    def rules(self, kind: str) -> tuple[TagRule, ...]:
        return self.means if kind == "means" else self.effects

    def names(self, kind: str) -> list[str]:
        """Rule names of one kind, in file order.

        >>> load_tag_rules("superhard").names("effects")[:3]
        ['耐磨性', '导热性能', '纯度']
        """
        return [r.name for r in self.rules(kind)]

    def regex(self, rule: TagRule) -> str:
        """The one regular expression that decides whether ``rule`` applies to a text."""
        parts = []
        if rule.keywords:
            alt = "(?:" + "|".join(re.escape(k) for k in sorted(rule.keywords, key=len, reverse=True)) + ")"
            templates = self.context.get(rule.kind) or ("{kw}",)
            parts += ["(?:" + t.replace("{kw}", alt) + ")" for t in templates]
        parts += [_scoped(p) for p in rule.patterns]
        body = "|".join(parts)
        return f"(?i:{body})" if self.ignore_case else body

    def to_frame(self) -> pd.DataFrame:
        """The rules as a table (one row per means or effect), for display.

        >>> load_tag_rules("superhard").to_frame().columns.tolist()
        ['kind', 'name', 'en', 'keywords', 'patterns', 'match']
        """
        rows = [dict(kind=r.kind, name=r.name, en=r.en, keywords="、".join(r.keywords),
                     patterns=" | ".join(r.patterns), match=r.match) for k in KINDS for r in self.rules(k)]
        return pd.DataFrame(rows, columns=["kind", "name", "en", "keywords", "patterns", "match"])

    def __repr__(self) -> str:
        return f"TagRules({self.name!r}: {len(self.means)} means, {len(self.effects)} effects)"


def _scoped(pattern: str) -> str:
    """Wrap a pattern in a group; a leading global flag ``(?i)`` becomes a scoped one."""
    m = re.match(r"^\(\?([aiLmsux]+)\)(.*)$", pattern, re.S)
    return f"(?{m.group(1)}:{m.group(2)})" if m else f"(?:{pattern})"


def _rule_error(path: str, where: str, problem: str, fix: str, hint: str) -> NavtrainError:
    return NavtrainError(f"tagging rules {path}: {where}: {problem}", fix=fix, hint=hint)


def _str_list(value: object, path: str, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise _rule_error(path, where, f"'{key}' must be a list of strings", fix=f'write {key} = ["…", "…"]',
                          hint=f"{key} 应为字符串列表")
    out = tuple(v.strip() for v in value)
    if any(not v for v in out):
        raise _rule_error(path, where, f"'{key}' holds an empty string", fix="delete the empty entry",
                          hint=f"{key} 中有空字符串")
    return out


def _check_regex(pattern: str, path: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise _rule_error(path, where, f"invalid regular expression {pattern!r} ({exc})",
                          fix="correct the pattern (Python re syntax; escape ( ) [ ] . + * ? with a backslash)",
                          hint="正则表达式写法有误") from None


def _parse_rules(data: Mapping[str, object], path: str, default_name: str) -> TagRules:
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise _rule_error(path, "top level", f"unknown key(s) {', '.join(map(repr, unknown))}",
                          fix=f"use only {', '.join(sorted(_TOP_KEYS))}", hint="规则文件中有无法识别的键")
    match = str(data.get("match", "substring"))
    if match not in MATCH_MODES:
        raise _rule_error(path, "top level", f"unknown match mode {match!r}", fix="use 'substring' or 'token'",
                          hint="match 只能是 substring（子串）或 token（分词）")
    ctx_raw = data.get("context", {}) or {}
    if not isinstance(ctx_raw, Mapping):
        raise _rule_error(path, "[context]", "must be a table", fix="write [context] with means = [...]",
                          hint="context 应为表")
    bad = sorted(set(ctx_raw) - set(KINDS))
    if bad:
        raise _rule_error(path, "[context]", f"unknown key(s) {', '.join(map(repr, bad))}",
                          fix="use only means and effects", hint="context 只能含 means 与 effects")
    context: dict[str, tuple[str, ...]] = {}
    for kind in KINDS:
        templates = _str_list(ctx_raw.get(kind), path, f"context.{kind}", kind)
        for t in templates:
            if "{kw}" not in t:
                raise _rule_error(path, f"context.{kind}", f"template {t!r} lacks the placeholder {{kw}}",
                                  fix="write {kw} where the keyword must stand, e.g. '通过[^。，]{0,20}{kw}'",
                                  hint="语境模板须含 {kw} 占位符")
            _check_regex(t.replace("{kw}", "(?:x)"), path, f"context.{kind}")
        context[kind] = templates
    parsed: dict[str, tuple[TagRule, ...]] = {}
    for kind in KINDS:
        items = data.get(kind)
        if not isinstance(items, list) or not items:
            raise _rule_error(path, f"[[{kind}]]", f"no {kind} rules", fix=f"add at least one [[{kind}]] table",
                              hint=f"缺少{KIND_ZH[kind]}规则")
        seen: set[str] = set()
        rules = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, Mapping):
                raise _rule_error(path, f"{kind} #{i}", "is not a table", fix=f"write [[{kind}]] tables",
                                  hint="规则应为 [[...]] 表")
            name = str(item.get("name", "")).strip()
            where = f"{kind} rule {name!r}" if name else f"{kind} rule #{i}"
            extra = sorted(set(item) - _RULE_KEYS)
            if extra:
                raise _rule_error(path, where, f"unknown key(s) {', '.join(map(repr, extra))}",
                                  fix=f"use only {', '.join(sorted(_RULE_KEYS))}", hint="规则中有无法识别的键")
            if not name:
                raise _rule_error(path, where, "has no name", fix='add name = "…"', hint="规则缺少名称")
            if name in seen:
                raise _rule_error(path, where, "is defined twice", fix="merge the two rules",
                                  hint="同一名称的规则重复")
            seen.add(name)
            keywords = _str_list(item.get("keywords"), path, where, "keywords")
            patterns = _str_list(item.get("patterns"), path, where, "patterns")
            if not keywords and not patterns:
                raise _rule_error(path, where, "has no keywords and no patterns (an empty rule)",
                                  fix="add keywords = [...] or patterns = [...]", hint="规则既无关键词也无正则")
            for p in patterns:
                _check_regex(p, path, where)
            rmatch = str(item.get("match", match))
            if rmatch not in MATCH_MODES:
                raise _rule_error(path, where, f"unknown match mode {rmatch!r}", fix="use 'substring' or 'token'",
                                  hint="match 只能是 substring 或 token")
            rules.append(TagRule(kind=kind, name=name, en=str(item.get("en", "")), keywords=keywords,
                                 patterns=patterns, match=rmatch))
        parsed[kind] = tuple(rules)
    out = TagRules(name=str(data.get("name", default_name)), means=parsed["means"], effects=parsed["effects"],
                   context=context, ignore_case=bool(data.get("ignore_case", True)),
                   title=str(data.get("title", "")), source=str(data.get("source", "")), path=path)
    for kind in KINDS:
        for r in out.rules(kind):
            _check_regex(out.regex(r), path, f"{kind} rule {r.name!r}")
    return out


def tag_rule_names() -> list[str]:
    """Names of the rule files shipped in ``navtrain/data/tagging/``.

    >>> "superhard" in tag_rule_names()
    True
    """
    return sorted(p.stem for p in TAGGING_DIR.glob("*.toml"))


def load_tag_rules(source: str | Path | Mapping[str, object] | TagRules) -> TagRules:
    """Load and validate a tagging-rule file (标引规则) for :func:`tag_text`.

    ``source`` is the name of a shipped rule file (``superhard``, ``tbm_drive``,
    ``changyuan_cranes``, ``pingdingshan_nylon``, ``luoyang_bearings``, ``template``), a path
    to a ``.toml`` file of the same format (copy ``navtrain/data/tagging/template.toml``), an
    already parsed mapping, or a :class:`TagRules` (returned unchanged).

    Format: ``[[means]]`` and ``[[effects]]`` tables, each with ``name`` (中文), optional
    ``en``, ``keywords`` (literal text) and/or ``patterns`` (Python regular expressions on the
    raw text); optional ``[context]`` templates (``{kw}`` = the keywords) that restrict where
    keywords count; optional ``match = "token"`` (keyword must be whole jieba tokens).
    Problems — an unknown key, an empty rule, an invalid regex, a duplicate name — raise a
    one-line :class:`NavtrainError` naming the file and the rule.

    >>> rules = load_tag_rules("superhard")
    >>> rules
    TagRules('superhard': 46 means, 8 effects)
    >>> load_tag_rules({"means": [{"name": "正极材料", "keywords": ["正极"]}],
    ...                 "effects": [{"name": "成本", "patterns": ["(成本"]}]})
    Traceback (most recent call last):
    ...
    navtrain.errors.NavtrainError: tagging rules (mapping): effects rule '成本': invalid regular expression ...
    """
    if isinstance(source, TagRules):
        return source
    if isinstance(source, Mapping):
        return _parse_rules(source, "(mapping)", "custom")
    text = str(source)
    path = Path(text)
    if path.suffix.lower() != ".toml" and "/" not in text and "\\" not in text:
        candidate = TAGGING_DIR / f"{text.strip()}.toml"
        if not candidate.is_file():
            raise UnknownNameError(f"unknown tagging rule set {text!r}",
                                   fix=f"use one of {', '.join(tag_rule_names())} or a path to a .toml file",
                                   hint="没有这个标引规则集，请检查名称或给出 TOML 文件路径")
        path = candidate
    if not path.is_file():
        raise InputFileError(f"tagging rule file {path} not found", fix="check the path",
                             hint="找不到标引规则文件")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise NavtrainError(f"tagging rules {path}: not valid TOML ({exc})",
                            fix="fix the line named (quotes, brackets, commas)",
                            hint="规则文件不是有效的 TOML") from None
    return _parse_rules(data, str(path), path.stem)


# --------------------------------------------------------------------------- tagging

_TOKENIZERS: dict[int, object] = {}


def _tokenizer(rules: TagRules) -> object:
    """A private jieba tokenizer whose user dictionary holds every keyword of ``rules``.

    jieba is imported here, not when navtrain is imported, and its 'Building prefix dict'
    log lines are silenced.
    """
    key = id(rules)
    if key not in _TOKENIZERS:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        for kind in KINDS:
            for r in rules.rules(kind):
                for kw in r.keywords:
                    tok.add_word(kw)
        _TOKENIZERS.clear()
        _TOKENIZERS[key] = (rules, tok)
    return _TOKENIZERS[key][1]  # type: ignore[index]


def segment(texts: pd.Series | Sequence[str], rules: TagRules | str | Path) -> pd.Series:
    """Segment Chinese texts with jieba and a user dictionary built from the rule keywords.

    Without the user dictionary jieba splits 正极材料 into 正极/材料; with it, a rule term
    stays one token. Returns a Series of token lists (one jieba call per distinct text).

    >>> rules = load_tag_rules({"means": [{"name": "正极材料", "keywords": ["正极材料"]}],
    ...                         "effects": [{"name": "循环寿命", "keywords": ["循环寿命"]}]})
    >>> segment(["正极材料提高循环寿命"], rules).iloc[0]
    ['正极材料', '提高', '循环寿命']
    """
    rules = load_tag_rules(rules)
    tok = _tokenizer(rules)
    s = pd.Series(texts, dtype=object).fillna("").astype(str)
    codes, uniq = pd.factorize(s)
    seg = [tok.lcut(t, HMM=False) for t in uniq]  # type: ignore[attr-defined]
    out = np.empty(len(seg), dtype=object)
    out[:] = seg
    return pd.Series(out[codes] if len(codes) else [], index=s.index, dtype=object)


def _token_hits(texts: pd.Series, rules: TagRules, token_rules: Sequence[TagRule]) -> dict[str, np.ndarray]:
    """For token-mode rules: does a keyword occur as whole jieba tokens in each text?

    Each text is segmented once (jieba, user dictionary = all rule keywords), whatever the
    number of token rules; tokens are joined with an invisible separator and every keyword's
    own segmentation is searched between separators.
    """
    if not len(texts) or not token_rules:
        return {r.name: np.zeros(len(texts), dtype=bool) for r in token_rules}
    tok = _tokenizer(rules)
    joined = texts.astype(object).map(lambda t: _SEP + _SEP.join(tok.lcut(t, HMM=False)) + _SEP)  # type: ignore
    joined = joined.astype("str")
    out = {}
    for rule in token_rules:
        forms = [_SEP + _SEP.join(tok.lcut(k, HMM=False)) + _SEP for k in rule.keywords]  # type: ignore
        rx = "|".join(re.escape(f) for f in forms)
        out[rule.name] = joined.str.contains(f"(?i:{rx})" if rules.ignore_case else rx,
                                             regex=True).fillna(False).to_numpy(dtype=bool)
    return out


def _cased(text: str) -> bool:
    """Does ``text`` hold a letter with case (so that ignoring case can change a match)?"""
    return text.lower() != text.upper()


def _contains(texts: pd.Series, pattern: str, ignore_case: bool) -> np.ndarray:
    rx = f"(?i:{pattern})" if ignore_case and _cased(pattern) else pattern
    return texts.str.contains(rx, regex=True).fillna(False).to_numpy(dtype=bool)


def _overlaps(term: str, keyword: str) -> bool:
    """Does a proper suffix of ``term`` equal a prefix of ``keyword``?"""
    return any(term.endswith(keyword[:i]) for i in range(1, len(keyword)))


def _keyword_candidates(texts: pd.Series, rules: TagRules) -> dict[tuple[str, int], np.ndarray]:
    """Texts (positions) that may contain a keyword of each rule: ONE scan for all rules.

    A single alternation of all keywords of both kinds (longest first) is scanned with
    ``str.findall``; a found term t makes a rule a candidate when one of its keywords is a
    substring of t or overlaps t's end — which covers every occurrence, including keywords
    hidden inside a longer match. Candidates are verified rule by rule afterwards.
    Returns {(kind, rule index): sorted positions}.
    """
    fold = str.lower if rules.ignore_case else (lambda x: x)
    by_kw: dict[str, set[tuple[str, int]]] = {}
    for kind in KINDS:
        for j, r in enumerate(rules.rules(kind)):
            for k in r.keywords:
                by_kw.setdefault(fold(k), set()).add((kind, j))
    if not by_kw or not len(texts):
        return {}
    kws = sorted(by_kw, key=len, reverse=True)
    flags = re.IGNORECASE if rules.ignore_case and any(map(_cased, kws)) else 0  # Chinese only: no folding
    rx = re.compile("|".join(re.escape(k) for k in kws), flags)
    found = texts.str.findall(rx) if texts.dtype == object else texts.astype(object).str.findall(rx)
    ex = found.explode().dropna()
    if ex.empty:
        return {}
    implied = pd.DataFrame([(t, kind, j) for t in kws for k in kws if k in t or _overlaps(t, k)
                            for kind, j in by_kw[k]], columns=["term", "kind", "rule"]).drop_duplicates()
    hits = pd.DataFrame({"pos": ex.index.to_numpy(), "term": ex.astype(object).map(fold).to_numpy()})
    pairs = hits.merge(implied, on="term").drop_duplicates(["pos", "kind", "rule"])
    return {(str(kind), int(j)): np.sort(g.to_numpy()) for (kind, j), g in pairs.groupby(["kind", "rule"])["pos"]}


def _rule_masks(texts: pd.Series, rules: TagRules, kind: str,
                cands: Mapping[tuple[str, int], np.ndarray] | None = None) -> np.ndarray:
    """Boolean matrix (distinct texts × rules of one kind): does the rule apply?

    One scan finds the keyword candidates of all rules; each rule then checks its context
    templates on its own candidates only, runs its patterns (one vectorised pass each) and,
    in token mode, checks whole jieba tokens on its remaining hits. Never a loop over rows.
    """
    rule_list = rules.rules(kind)
    masks = np.zeros((len(texts), len(rule_list)), dtype=bool)
    if not len(texts):
        return masks
    if cands is None:
        cands = _keyword_candidates(texts, rules)
    kw_hits: dict[int, np.ndarray] = {}
    templates = rules.context.get(kind) or ("{kw}",)
    for j, rule in enumerate(rule_list):
        hit = np.zeros(len(texts), dtype=bool)
        cand = cands.get((kind, j), np.zeros(0, dtype=np.int64))
        if rule.keywords and len(cand):
            alt = "(?:" + "|".join(re.escape(k) for k in sorted(rule.keywords, key=len, reverse=True)) + ")"
            ctx = "|".join("(?:" + t.replace("{kw}", alt) + ")" for t in templates)
            cand = cand[_contains(texts.iloc[cand], ctx, rules.ignore_case)]
            kw_hits[j] = cand
            if rule.match == "substring":
                hit[cand] = True
        if rule.patterns:
            hit |= _contains(texts, "|".join(_scoped(p) for p in rule.patterns), rules.ignore_case)
        masks[:, j] = hit
    token_rules = [(j, r) for j, r in enumerate(rule_list) if r.match == "token" and len(kw_hits.get(j, ()))]
    if token_rules:
        need = np.unique(np.concatenate([kw_hits[j] for j, _ in token_rules]))
        found = _token_hits(texts.iloc[need], rules, [r for _, r in token_rules])
        for j, r in token_rules:
            ok = need[found[r.name]]
            masks[np.intersect1d(ok, kw_hits[j]), j] = True
    return masks


def _lists_from_mask(mask: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """One list of names per row of a boolean matrix (rule order kept).

    Rows are grouped by their tag combination (a few hundred distinct ones) and each
    combination's list is built once; rows of one combination share that list object.
    """
    n, width = mask.shape
    out = np.empty(n, dtype=object)
    if n == 0:
        return out
    arr = np.asarray(list(names), dtype=object)
    packed = np.packbits(mask, axis=1) if width else np.zeros((n, 1), dtype=np.uint8)
    keys = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1]))).ravel()
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    combos = np.empty(len(uniq), dtype=object)
    combos[:] = [arr[mask[i]].tolist() for i in first]
    out[:] = combos[inverse.ravel()]
    return out


def _texts(table: pd.DataFrame, fields: Sequence[str]) -> pd.Series:
    """The fields joined with '。' so that no clause runs from the title into the abstract."""
    parts = [table[f].astype("str").fillna("") if table[f].notna().any() else
             pd.Series("", index=table.index, dtype="str") for f in fields]
    text = parts[0]
    for p in parts[1:]:
        text = text + "。" + p
    return text.astype("str")


def tag_text(df: pd.DataFrame, rules: TagRules | str | Path | Mapping[str, object],
             fields: Sequence[str] = ("title", "abstract")) -> pd.DataFrame:
    """Tag each document with its technical means and effects (标引) by keyword/regex rules.

    The fields are joined with '。' (so a clause never spans the title and the abstract) and
    every rule is tested on the whole text:

    - **keywords** are literal text (case-insensitive by default). With ``[context]``
      templates for the kind, a keyword counts only inside a matching template, e.g. a means
      after 通过/采用/基于, an effect after 提高/降低/延长 (or before 得到提高);
      with ``match = "token"`` it must also be one or more whole jieba tokens (user
      dictionary = all rule keywords), so a token rule 电解 does not fire inside 电解液.
    - **patterns** are Python regular expressions searched anywhere in the raw text (no
      context applied: write the context into the pattern).

    Multi-label: a document gets every means and every effect whose rule applies, in file
    order. Documents with the same tags share one list object: copy a cell before changing
    it in place. Each distinct text is tagged once (duplicates share the result); one
    ``findall`` scan over all keywords finds each rule's candidates, then each rule checks its
    context on its candidates only — never a loop over rows (``docs/benchmarks/techfunc.md``).

    A field missing from the table (e.g. an export without abstracts) is skipped with a
    :class:`~navtrain.errors.NavtrainWarning`; with none of the fields present it is an error.

    Returns a NEW table: the input (columns standardised) plus list columns ``means`` and
    ``effects``. ``attrs["untagged"]`` counts documents without a means, without an effect,
    without either, and without any text.

    >>> from navtrain import load_sample
    >>> t = tag_text(load_sample(), "superhard")
    >>> t.loc[13, ["abstract", "means", "effects"]].tolist()
    ['采用化学机械抛光降低金刚石散热片表面粗糙度。', ['表面抛光'], ['表面质量']]
    >>> t.loc[8, "means"], t.attrs["untagged"]["effects"], t.attrs["untagged"]["no_text"]
    (['表面镀覆'], 19, 0)
    """
    rules = load_tag_rules(rules)
    table = standardize_columns(df)
    fields = [fields] if isinstance(fields, str) else list(fields)
    if not fields:
        raise SchemaError("tag_text needs at least one text field", fix="pass fields=('title', 'abstract')",
                          hint="请指定用于标引的文本列")
    present = [f for f in fields if f in table.columns]
    absent = [f for f in fields if f not in table.columns]
    if not present:  # no text at all: name every field asked for
        check_columns(table, fields, "tag_text (title and abstract are filled from the export's 标题/摘要 columns "
                                     "by the import step navtrain.read_patents)")
    if absent:  # e.g. an export without abstracts: tag what there is, and say so
        warnings.warn(f"tag_text: column(s) {absent} missing, tagging on {present} only "
                      "(export the 摘要/abstract field for better recall)", NavtrainWarning, stacklevel=2)
    fields = present
    text = _texts(table, fields)
    codes, uniq = pd.factorize(text)
    uniq_s = pd.Series(uniq, dtype="str").reset_index(drop=True)  # Arrow-backed: regexes run in RE2
    cands = _keyword_candidates(uniq_s.astype(object), rules)  # one findall scan for both kinds
    out = table.copy()
    result: dict[str, np.ndarray] = {}
    counts: dict[str, np.ndarray] = {}
    for kind in KINDS:
        mask = _rule_masks(uniq_s, rules, kind, cands)
        counts[kind] = mask.sum(axis=1)
        lists = _lists_from_mask(mask, rules.names(kind))
        result[kind] = lists[codes] if len(codes) else np.empty(0, dtype=object)
        out[kind] = pd.Series(result[kind], index=out.index, dtype=object)
    n_means = counts["means"][codes] if len(codes) else np.zeros(0, int)
    n_eff = counts["effects"][codes] if len(codes) else np.zeros(0, int)
    no_text = int((text.str.replace("。", "", regex=False).str.strip() == "").sum())
    out.attrs.update(dict(table.attrs))
    out.attrs.update(
        tagging=dict(rules=rules.name, path=rules.path, fields=list(fields), distinct_texts=len(uniq),
                     means=rules.names("means"), effects=rules.names("effects")),
        untagged=dict(means=int((n_means == 0).sum()), effects=int((n_eff == 0).sum()),
                      either=int(((n_means == 0) | (n_eff == 0)).sum()),
                      both=int(((n_means == 0) & (n_eff == 0)).sum()), no_text=no_text),
        n_documents=len(out))
    return out


# --------------------------------------------------------------------------- the matrix


def _exploded(series: pd.Series) -> pd.Series:
    """One row per (row position, tag): list cells are exploded, ';'-joined text is split,
    blanks and missing values dropped. Index = row position in the table."""
    s = pd.Series(series.to_numpy(dtype=object), index=pd.RangeIndex(len(series)), dtype=object)
    ex = s.explode().dropna()
    if ex.empty:
        return pd.Series([], dtype=object)
    codes, labels = pd.factorize(ex.astype(object))  # clean the few distinct labels, not every cell
    labels = pd.Series(labels, dtype=object).astype(str)
    if labels.str.contains(r"[;；]", regex=True).any():  # ';'-joined text (the datasets' tag columns)
        ex = pd.Series(labels.to_numpy()[codes], index=ex.index, dtype=object)
        ex = ex.str.split(r"[;；]", regex=True).explode().str.strip()
        return ex[ex.str.len() > 0].astype(object)
    clean = labels.str.strip()
    keep = (clean.str.len() > 0).to_numpy()[codes]
    return pd.Series(clean.to_numpy()[codes][keep], index=ex.index[keep], dtype=object)


def _triples(means: pd.Series, effects: pd.Series) -> pd.DataFrame:
    """(row position, means, effect) for every combination of a document's tags."""
    left = pd.DataFrame({"row": means.index.to_numpy(), "means": means.to_numpy()})
    right = pd.DataFrame({"row": effects.index.to_numpy(), "effect": effects.to_numpy()})
    trip = left.merge(right, on="row", how="inner")
    return trip.drop_duplicates(["row", "means", "effect"]).reset_index(drop=True)


def _order(totals: pd.Series, vocabulary: Sequence[str] | None) -> list[str]:
    """Sort labels by total (descending); ties in vocabulary (rule-file) order, else in order of
    first appearance."""
    labels = list(totals.index)
    rank = {n: i for i, n in enumerate(vocabulary)} if vocabulary is not None else {}
    first = {n: i for i, n in enumerate(labels)}
    return sorted(labels, key=lambda n: (-float(totals[n]), rank.get(n, len(rank)), first[n]))


def _nested(frame: pd.DataFrame) -> dict[str, dict[str, float]]:
    """{means: {effect: value}} — plain dicts, safe to keep in ``attrs``."""
    out = frame.astype(float)
    out.index = out.index.map(str)
    out.columns = out.columns.map(str)
    return out.to_dict(orient="index")


def function_matrix(
    df: pd.DataFrame,
    rules: TagRules | str | Path | Mapping[str, object] | None = None,
    unit: str = "applications",
    recent: int = 5,
    cutoff: object = None,
    date: str = "application",
    lag_months: int | None = None,
    columns: tuple[str, str] = ("means", "effects"),
    margins: bool = False,
) -> pd.DataFrame:
    """Means × effect count matrix (技术功效矩阵) with the share of the recent complete years.

    Parameters
    ----------
    rules : a rule set for :func:`tag_text`; given, the table is tagged first and every
        means/effect of the rules appears as a row/column (zero totals included). Without
        it the table must already carry list columns ``means`` and ``effects``.
    columns : the two tag columns; ``("tag_means", "tag_effects")`` uses the analyst's
        indexing that ships with the synthetic case datasets (lists or ';'-joined text).
    unit : what counts 1 in a cell (:mod:`navtrain.basis`): 'applications' (件, default)
        — an application counts once in a cell if any of its documents carries both tags —,
        'families' (项) — the same per family — or 'documents' (篇) — each (document,
        means, effect) triple counts 1. An application or family is dated by its earliest
        member carrying the tags.
    recent, cutoff, date, lag_months : the recent share. Year basis and incomplete years as
        in :mod:`navtrain.basis` (default application year; ``cutoff`` = the data cut-off,
        default :func:`navtrain.basis.resolve_cutoff`; ``lag_months=None`` = 18 months for
        application/priority dates, 0 for publication); years with 31 Dec + lag > cut-off
        are incomplete. The window is the last ``recent`` complete years (default 5, the
        library's one recent window; the planted hot and blank cells do not depend on it) and
        recent_share = count in the window / count in all complete years (documents of
        incomplete or unknown years are left out of this ratio only); NaN if 0/0.
    margins : add a row and a column ``合计`` (sum of the cells).

    Counting is whole and multi-label: a document with 2 means and 2 effects counts in 4
    cells, so the matrix total N = number of (document, means, effect) triples exceeds the
    number of documents. Rows and columns are sorted by their totals (descending).
    ``attrs`` holds unit, N, the recent window, ``recent_count``/``recent_share`` as nested
    dicts {means: {effect: value}}, untagged counts and the blank-cell caveat.

    Formula: o_ij = |{d : i ∈ means(d), j ∈ effects(d)}|; r_i = Σ_j o_ij; c_j = Σ_i o_ij.

    >>> from navtrain import load_sample
    >>> m = function_matrix(load_sample(), rules="superhard", cutoff="2024-12-31")
    >>> int(m.to_numpy().sum()), m.attrs["recent_years"], m.shape
    (1, [2018, 2022], (46, 8))
    >>> m.index[0], m.columns[0], m.loc["表面抛光", "表面质量"].item()
    ('表面抛光', '表面质量', 1)
    """
    unit_key = basis.unit_key(unit)
    table = standardize_columns(df)
    if rules is not None:
        rule_set = load_tag_rules(rules)
        table = tag_text(table, rule_set)
        columns = ("means", "effects")
        vocab: dict[str, list[str] | None] = {k: rule_set.names(k) for k in KINDS}
    else:
        rule_set = None
        tagging = df.attrs.get("tagging") or {}
        if tuple(columns) == ("means", "effects") and tagging.get("means"):  # vocabulary of tag_text's rules
            vocab = {"means": list(tagging["means"]), "effects": list(tagging.get("effects") or [])}
        else:
            vocab = {"means": None, "effects": None}
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise SchemaError(
                f"function_matrix needs tag column(s) {', '.join(map(repr, missing))}, which the table lacks",
                fix="run navtrain.tag_text(df, rules) first, pass rules=..., or use the analyst tags of a "
                "synthetic dataset with columns=('tag_means', 'tag_effects')",
                hint="请先用 tag_text 标引技术手段与功效（或指定 rules）")
    mcol, ecol = columns
    if unit_key == "families":
        check_columns(table, ["family_id"] if "pub_no" in table.columns else ["family_id", "pub_no"],
                      "function_matrix(unit='families')")
    means = _exploded(table[mcol])
    effects = _exploded(table[ecol])
    trip = _triples(means, effects)

    # years (navtrain.basis: the date basis and the incomplete-year rule)
    date_key = basis.date_basis(date)
    date_col, year_col, _, year_zh = basis.DATE_BASES[date_key]
    lag = basis.resolve_lag(lag_months, date_key)
    has_dates = date_col in table.columns or year_col in table.columns
    if has_dates:
        years = basis.filing_year(table, date_key).to_numpy(dtype="float64", na_value=np.nan)
    else:  # no date column at all: the matrix is still counted, the recent share is NaN
        years = np.full(len(table), np.nan)
    trip["year"] = years[trip["row"].to_numpy()] if len(trip) else np.zeros(0)
    if unit_key != "documents":
        key = basis.count_key(table, unit_key)
        trip["unit"] = key.to_numpy()[trip["row"].to_numpy()] if len(trip) else np.zeros(0, dtype=object)
        trip = (trip.groupby(["unit", "means", "effect"], sort=False, dropna=False)["year"].min().reset_index())
    cut = basis.resolve_cutoff(cutoff, table)
    if cutoff is None and cut == basis.resolve_cutoff(None) and np.isfinite(years).any():
        cut = pd.Timestamp(year=int(np.nanmax(years)), month=12, day=31)  # stated years only: the last one

    # the count matrix
    m_names = vocab["means"]
    e_names = vocab["effects"]
    if len(trip):
        counts = trip.groupby(["means", "effect"], sort=False).size().unstack(fill_value=0)
    else:
        counts = pd.DataFrame(dtype="int64")
    rows = list(counts.index) + [n for n in (m_names or []) if n not in counts.index]
    cols = list(counts.columns) + [n for n in (e_names or []) if n not in counts.columns]
    counts = counts.reindex(index=rows, columns=cols, fill_value=0).astype("int64")
    row_order = _order(counts.sum(axis=1), m_names)
    col_order = _order(counts.sum(axis=0), e_names)
    counts = counts.loc[row_order, col_order]
    counts.index.name = "means"
    counts.columns.name = "effect"

    # recent share
    no_year = int(np.isnan(trip["year"].to_numpy(dtype=float)).sum()) if len(trip) and has_dates else 0
    window: list[int] = []
    if recent < 1:
        raise SchemaError(f"recent must be >= 1, got {recent}", fix="pass the number of recent years, e.g. 3",
                          hint="近期年数至少为 1")
    yrs = trip["year"].dropna() if len(trip) else pd.Series([], dtype=float)
    if len(yrs) and not pd.isna(cut):
        lo, hi = int(yrs.min()), max(int(yrs.max()), int(cut.year))
        flagged = set(basis.incomplete_years(range(lo, hi + 1), cut, lag))
        complete = [y for y in range(lo, hi + 1) if y not in flagged and y <= cut.year]
        if complete:
            last = max(complete)
            window = [last - int(recent) + 1, last]
    if window:
        y = trip["year"]
        in_complete = y.notna() & (y <= window[1])
        in_window = in_complete & (y >= window[0])
        base = trip[in_complete].groupby(["means", "effect"]).size().unstack(fill_value=0)
        rec = trip[in_window].groupby(["means", "effect"]).size().unstack(fill_value=0)
        base = base.reindex(index=row_order, columns=col_order, fill_value=0)
        rec = rec.reindex(index=row_order, columns=col_order, fill_value=0)
        share = rec / base.where(base > 0)
    else:
        rec = counts * 0
        share = counts.astype(float) * np.nan
    if no_year:
        warnings.warn(f"function_matrix: {no_year} of {len(trip)} (document, means, effect) combinations have no "
                      f"{date_key} year and are left out of the recent share (counted in the matrix; "
                      "无年份记录未计入近期占比)",
                      NavtrainWarning, stacklevel=2)

    n_docs = len(table)
    has_m = np.zeros(n_docs, dtype=bool)
    has_e = np.zeros(n_docs, dtype=bool)
    has_m[means.index.to_numpy(dtype=np.int64)] = True
    has_e[effects.index.to_numpy(dtype=np.int64)] = True
    result = counts.copy()
    if margins:
        result[TOTAL] = result.sum(axis=1)
        result.loc[TOTAL] = result.sum(axis=0)
    result.attrs = {
        "navtrain": "function_matrix",
        **basis.unit_attrs(unit_key),
        "counting": "whole, multi-label: each (unit, means, effect) combination counts 1",
        "total": int(counts.to_numpy().sum()),
        "n_documents": int(n_docs),
        "n_in_matrix": int((has_m & has_e).sum()),
        "untagged": {"means": int((~has_m).sum()), "effects": int((~has_e).sum()),
                     "either": int((~(has_m & has_e)).sum())},
        "tags": "rules:" + rule_set.name if rule_set is not None else f"columns:{mcol},{ecol}",
        "date": date_key, "year_label": year_zh, "lag_months": lag,
        "cutoff": cut,
        "recent": int(recent), "recent_years": window,
        "recent_count": _nested(rec.astype(float)),
        "recent_share": _nested(share.astype(float)),
        "margins": bool(margins),
        "dropped": {"no year (recent share only)": no_year} if no_year else {},
        "note": BLANK_NOTE_EN,
    }
    return result


# --------------------------------------------------------------------------- cells


def _is_matrix(obj: pd.DataFrame) -> bool:
    if obj.attrs.get("navtrain") == "function_matrix":
        return True
    patent_cols = {"title", "abstract", "means", "effects", "tag_means", "tag_effects", "pub_no"}
    return not (patent_cols & set(map(str, obj.columns))) and all(
        pd.api.types.is_numeric_dtype(t) for t in obj.dtypes)


#: the keywords ``options=`` may pass on to :func:`function_matrix` (a patent table given to matrix_cells)
MATRIX_OPTIONS = ("rules", "unit", "recent", "cutoff", "date", "lag_months", "columns", "margins")


def _matrix_options(options: Mapping[str, object] | None, purpose: str) -> dict[str, object]:
    """``options`` checked against the keywords of :func:`function_matrix`."""
    opts = dict(options or {})
    unknown = [k for k in opts if k not in MATRIX_OPTIONS]
    if unknown:
        raise UnknownNameError(f"{purpose}: unknown option(s) {unknown}",
                               fix=f"use some of {list(MATRIX_OPTIONS)} (the keywords of function_matrix)",
                               hint="options 只能包含 function_matrix 的参数")
    return opts


def _counts_of(matrix: pd.DataFrame, options: Mapping[str, object] | None = None,
               purpose: str = "matrix_cells") -> pd.DataFrame:
    """The bare count matrix (margins removed); a patent table is turned into one first
    (with ``options``, the keywords of :func:`function_matrix`)."""
    opts = _matrix_options(options, purpose)
    if not isinstance(matrix, pd.DataFrame):
        raise SchemaError(f"expected a DataFrame, got {type(matrix).__name__}",
                          fix="pass the result of navtrain.function_matrix", hint="请传入技术功效矩阵")
    if not _is_matrix(matrix):
        matrix = function_matrix(matrix, **opts)  # type: ignore[arg-type]
    counts = matrix.drop(index=TOTAL, columns=TOTAL, errors="ignore")
    counts.attrs = dict(matrix.attrs)
    return counts


def _default_min(totals: pd.Series) -> float:
    """Default margin threshold: a quarter of the mean non-zero total, at least 1."""
    nz = totals[totals > 0]
    return max(1.0, 0.25 * float(nz.mean())) if len(nz) else 1.0


def matrix_cells(
    matrix: pd.DataFrame,
    max_count: int = 0,
    min_row: float | None = None,
    min_col: float | None = None,
    min_residual: float = 3.0,
    min_ratio: float = 2.0,
    min_count: int = 5,
    options: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """One row per cell of a :func:`function_matrix`: observed, margins, expected, residual, kind.

    Columns: ``means``, ``effect``, ``observed`` o, ``row_total`` r, ``column_total`` c,
    ``expected`` e = r·c/N (N = matrix total), ``residual`` = (o − e)/√e (the standardised
    / Pearson residual; NaN when e = 0), ``ratio`` = o/e, ``recent_share`` (from the
    matrix), ``kind`` and ``kind_zh``:

    - ``hot`` (热点): residual ≥ ``min_residual`` (3), o/e ≥ ``min_ratio`` (2) and
      o ≥ ``min_count`` (5: a hot spot needs some documents);
    - ``blank`` (空白候选（待检索核实）): o ≤ ``max_count`` while r ≥ ``min_row`` AND
      c ≥ ``min_col`` (defaults: a quarter of the mean non-zero row / column total, at least 1)
      and e > 0 — an "expected but absent" combination;
    - ``other``.

    A blank is a **candidate to check by a targeted search**, not a conclusion: the empty
    cell may be a tagging miss, technically infeasible or commercially irrelevant
    (see docs/methods/techfunc.md). A patent table may be passed instead of a matrix: ``options`` (a dict
    of :func:`function_matrix` keywords, e.g. ``{"rules": "superhard", "cutoff": "2024-12-31"}``;
    see :data:`MATRIX_OPTIONS`, an unknown key raises :class:`UnknownNameError`) builds it.

    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 0, 1, 1], [0, 1, 0, 0], [1, 0, 0, 0]],
    ...                  index=["正极材料", "电解液", "电池管理"], columns=["循环寿命", "安全性", "能量密度", "成本"])
    >>> cells = matrix_cells(m)
    >>> int((cells["kind"] == "blank").sum())
    7
    >>> round(float(cells.iloc[0]["expected"]), 3)  # 3 · 2 / 5
    1.2
    """
    counts = _counts_of(matrix, options, "matrix_cells")
    r = counts.sum(axis=1)
    c = counts.sum(axis=0)
    n = float(counts.to_numpy().sum())
    long = counts.stack().rename("observed").reset_index()
    long.columns = ["means", "effect", "observed"]
    long["observed"] = long["observed"].astype("int64")
    long["row_total"] = long["means"].map(r).astype("int64")
    long["column_total"] = long["effect"].map(c).astype("int64")
    e = (long["row_total"] * long["column_total"] / n) if n > 0 else long["observed"] * np.nan
    long["expected"] = e.astype(float)
    pos = long["expected"] > 0
    long["residual"] = ((long["observed"] - long["expected"]) / np.sqrt(long["expected"])).where(pos)
    long["ratio"] = (long["observed"] / long["expected"]).where(pos)
    share = counts.attrs.get("recent_share") or {}
    long["recent_share"] = pd.Series(
        [share.get(str(a), {}).get(str(b), np.nan) for a, b in zip(long["means"], long["effect"], strict=True)],
        index=long.index, dtype=float) if share else np.nan
    lo_r = _default_min(r) if min_row is None else float(min_row)
    lo_c = _default_min(c) if min_col is None else float(min_col)
    hot = (long["residual"] >= min_residual) & (long["ratio"] >= min_ratio) & (long["observed"] >= min_count)
    blank = (long["observed"] <= max_count) & (long["row_total"] >= lo_r) & (long["column_total"] >= lo_c) & pos
    long["kind"] = np.where(hot, "hot", np.where(blank, "blank", "other"))
    long["kind_zh"] = long["kind"].map(KIND_LABELS)
    long.attrs = {k: v for k, v in counts.attrs.items() if k not in ("recent_count", "recent_share")}
    long.attrs.update(total=int(n), max_count=int(max_count), min_row=lo_r, min_col=lo_c,
                      min_residual=float(min_residual), min_ratio=float(min_ratio), min_count=int(min_count),
                      note=BLANK_NOTE_EN,
                      note_zh=BLANK_NOTE)
    return long


def blank_cells(
    matrix: pd.DataFrame,
    max_count: int = 0,
    min_row: float | None = None,
    min_col: float | None = None,
    options: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """Candidate blank cells (空白点候选): count ≤ ``max_count`` with large row AND column totals.

    Filters :func:`matrix_cells` (row total ≥ ``min_row`` and column total ≥ ``min_col``;
    defaults: a quarter of the mean non-zero total, at least 1), most negative residual
    (most "expected but absent") first. Each row is a **candidate to check by a targeted
    search** (定向检索核实), not a conclusion: a zero may be a tagging miss, technically
    infeasible or commercially irrelevant. ``attrs["note"]`` repeats the caveat, and a
    ``checked`` column (all ``False``) is there to record which candidates a targeted search
    has confirmed — never call an unchecked cell 空白. ``options``: as in :func:`matrix_cells`.

    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 0, 1, 1], [0, 1, 0, 0], [1, 0, 0, 0]],
    ...                  index=["正极材料", "电解液", "电池管理"], columns=["循环寿命", "安全性", "能量密度", "成本"])
    >>> b = blank_cells(m)
    >>> len(b), b.iloc[0][["means", "effect"]].tolist()
    (7, ['正极材料', '安全性'])
    >>> len(blank_cells(m, min_row=2))
    1
    """
    cells = matrix_cells(matrix, max_count=max_count, min_row=min_row, min_col=min_col,
                         options=_matrix_options(options, "blank_cells"))
    out = cells[cells["kind"] == "blank"].sort_values(["residual", "expected"], ascending=[True, False],
                                                        kind="stable").reset_index(drop=True)
    out["checked"] = False  # to fill in after the targeted search (已核实 / 未核实)
    out.attrs = dict(cells.attrs)
    return out


def hot_cells(
    matrix: pd.DataFrame,
    min_residual: float = 3.0,
    min_ratio: float = 2.0,
    min_count: int = 5,
    top: int | None = None,
    options: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """Hot cells (热点): residual ≥ ``min_residual`` (3), o/e ≥ ``min_ratio`` (2), o ≥ ``min_count`` (5).

    Sorted by residual, largest first; ``top`` keeps the first n. The residual
    (o − e)/√e with e = r·c/N says how many "standard errors" a cell exceeds what its row
    and column totals alone predict; the ratio guards against tiny but significant
    excesses in a very large matrix. ``options``: as in :func:`matrix_cells`.

    >>> import pandas as pd
    >>> m = pd.DataFrame([[40, 2, 2], [2, 30, 2], [2, 2, 3]], index=["A", "B", "C"], columns=["x", "y", "z"])
    >>> h = hot_cells(m)  # A·x: e = 44 · 44 / 85 = 22.8, o/e = 1.76 < 2; C·z: only 3 documents
    >>> h[["means", "effect", "observed"]].values.tolist(), round(float(h["residual"].iloc[0]), 2)
    ([['B', 'y', 30]], 4.45)
    """
    cells = matrix_cells(matrix, min_residual=min_residual, min_ratio=min_ratio, min_count=min_count,
                         options=_matrix_options(options, "hot_cells"))
    out = cells[cells["kind"] == "hot"].sort_values("residual", ascending=False, kind="stable")
    if top is not None:
        out = out.head(int(top))
    out = out.reset_index(drop=True)
    out.attrs = dict(cells.attrs)
    return out


# --------------------------------------------------------------------------- chart


def plot_function_matrix(
    matrix: pd.DataFrame,
    ax: Axes | None = None,
    title: str | None = None,
    color: str | None = "recent_share",
    blanks: bool = True,
    max_count: int = 0,
    min_row: float | None = None,
    min_col: float | None = None,
    annotate: bool = True,
    max_size: float = 1500.0,
    note: bool = True,
    save: str | Path | None = None,
) -> Axes:
    """Bubble chart of a :func:`function_matrix` (技术功效气泡图), blank candidates marked.

    x = effects, y = means (largest totals at the top left); bubble AREA ∝ count (matplotlib
    ``s`` is an area), each count written in its bubble; ``color="recent_share"`` colours
    bubbles by the share of the recent complete years (colour bar), ``None`` uses one
    palette colour. Candidate blanks (:func:`blank_cells` with the given thresholds) are
    hollow red squares; a Chinese note under the chart says they must be checked by a
    targeted search. Margins are shown in the tick labels (名称（合计）). Returns the Axes.

    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 0, 1, 1], [0, 1, 0, 0], [1, 0, 0, 0]],
    ...                  index=["正极材料", "电解液", "电池管理"], columns=["循环寿命", "安全性", "能量密度", "成本"])
    >>> ax = plot_function_matrix(m)
    >>> len(ax.collections[0].get_offsets()), len(ax.collections[1].get_offsets())
    (5, 7)
    """
    import matplotlib.pyplot as plt

    from navtrain.plots import PALETTE, new_axes, save_chart

    counts = _counts_of(matrix)
    attrs = counts.attrs
    unit_zh = attrs.get("unit_zh", "件")
    n_rows, n_cols = counts.shape
    fig_size = (max(6.0, 1.0 + 0.9 * n_cols), max(3.5, 1.2 + 0.45 * n_rows))
    ax = new_axes(ax, figsize=fig_size)
    import seaborn as sns

    xs, ys = np.meshgrid(np.arange(n_cols), np.arange(n_rows))
    vals = counts.to_numpy(dtype=float)
    nz = vals > 0
    vmax = float(vals.max()) if vals.size and vals.max() > 0 else 1.0
    sizes = vals[nz] / vmax * max_size  # scatter ``s`` is the marker area in points²
    share_map = attrs.get("recent_share") or {}
    use_color = color == "recent_share" and bool(share_map)
    if color not in (None, "recent_share"):
        raise UnknownNameError(f"unknown color option {color!r}", fix="use color='recent_share' or color=None",
                               hint="color 只能是 recent_share 或 None")
    base_color = sns.color_palette(PALETTE, 1)[0]
    if use_color:
        share = np.array([[share_map.get(str(i), {}).get(str(c), np.nan) for c in counts.columns]
                          for i in counts.index], dtype=float)
        cvals = share[nz]
        sc = ax.scatter(xs[nz], ys[nz], s=sizes, c=cvals, cmap="viridis", vmin=0.0,
                        vmax=max(0.01, float(np.nanmax(cvals))) if np.isfinite(cvals).any() else 1.0,
                        alpha=0.75, edgecolors="white", linewidths=0.6, plotnonfinite=True, zorder=2)
        years = attrs.get("recent_years") or []
        label = (f"近{attrs.get('recent', 3)}年占比（{years[0]}–{years[1]}）" if years
                 else f"近{attrs.get('recent', 3)}年占比")
        cb = plt.colorbar(sc, ax=ax, fraction=0.04, pad=0.02)
        cb.set_label(label)
    else:
        sc = ax.scatter(xs[nz], ys[nz], s=sizes, color=base_color, alpha=0.75, edgecolors="white",
                        linewidths=0.6, zorder=2)
    sc.set_gid("bubbles")
    if annotate:
        for x, y, v in zip(xs[nz], ys[nz], vals[nz], strict=True):
            ax.annotate(f"{int(v)}", (x, y), ha="center", va="center", fontsize="small", zorder=4,
                        gid="count")
    b_x: list[int] = []
    b_y: list[int] = []
    if blanks and n_rows and n_cols:
        b = blank_cells(counts, max_count=max_count, min_row=min_row, min_col=min_col)
        col_pos = {c: i for i, c in enumerate(counts.columns)}
        row_pos = {r: i for i, r in enumerate(counts.index)}
        b_x = [col_pos[e] for e in b["effect"]]
        b_y = [row_pos[m] for m in b["means"]]
    bl = ax.scatter(b_x, b_y, s=180, marker="s", facecolors="none", edgecolors="#d62728", linewidths=1.6,
                    zorder=3, label="空白候选（待检索核实）")
    bl.set_gid("blank_candidates")
    r_tot = counts.sum(axis=1)
    c_tot = counts.sum(axis=0)
    ax.set_xticks(range(n_cols))
    ax.set_xticklabels([f"{c}（{int(c_tot[c])}）" for c in counts.columns], rotation=35, ha="right")
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels([f"{r}（{int(r_tot[r])}）" for r in counts.index])
    ax.set_xlim(-0.6, n_cols - 0.4)
    ax.set_ylim(n_rows - 0.4, -0.6)
    ax.set_xlabel(f"技术功效（括号内为合计，{unit_zh}）")
    ax.set_ylabel(f"技术手段（括号内为合计，{unit_zh}）")
    ax.grid(True, linestyle=":", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title(title or f"技术功效矩阵（气泡面积∝申请量，{unit_zh}）")
    if len(b_x):
        ax.legend(loc="upper left", bbox_to_anchor=(1.0 if not use_color else 1.18, 1.0), frameon=False,
                  fontsize="small")
    if note:
        longest = max((len(str(c)) for c in counts.columns), default=2) + 6  # rotated tick labels
        ax.annotate("注：" + BLANK_NOTE, xy=(0.5, 0), xycoords="axes fraction",
                    xytext=(0, -(28 + 6.5 * longest)), textcoords="offset points", ha="center", va="top",
                    fontsize="x-small", color="#555555", gid="note")
    if save is not None:
        save_chart(ax, save)
    return ax

