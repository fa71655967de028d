"""Applicants and inventors: legal entities with their names, places, groups and name
variants; research teams and persons; the inventors of each filing, with planted movers
(same person, new applicant) and homonyms (two persons, one name).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from navtrain.synth.core import join_nonempty as _join
from navtrain.synth.core import weighted_choice as _choice
from navtrain.synth.pools import BRAND_A as _BRAND_A
from navtrain.synth.pools import BRAND_B as _BRAND_B
from navtrain.synth.pools import BRAND_BLOCK as _BRAND_BLOCK
from navtrain.synth.pools import COUNTRIES as _COUNTRIES
from navtrain.synth.pools import GIVEN as _GIVEN
from navtrain.synth.pools import JP_FIRST as _JP_FIRST
from navtrain.synth.pools import JP_LAST as _JP_LAST
from navtrain.synth.pools import JP_STEM as _JP_STEM
from navtrain.synth.pools import KR_FIRST as _KR_FIRST
from navtrain.synth.pools import KR_LAST as _KR_LAST
from navtrain.synth.pools import KR_STEM as _KR_STEM
from navtrain.synth.pools import LEGAL_FORMS as _LEGAL_FORMS
from navtrain.synth.pools import PLACE_INDEX as _PLACE_INDEX
from navtrain.synth.pools import PLACES
from navtrain.synth.pools import STREETS as _STREETS
from navtrain.synth.pools import SURNAME_W as _SURNAME_W
from navtrain.synth.pools import SURNAMES as _SURNAMES
from navtrain.synth.pools import UNI_PREFIX as _UNI_PREFIX
from navtrain.synth.pools import UNI_SUFFIX as _UNI_SUFFIX
from navtrain.synth.pools import WEST_FIRST as _WEST_FIRST
from navtrain.synth.pools import WEST_LAST as _WEST_LAST
from navtrain.synth.pools import WEST_STEM as _WEST_STEM
from navtrain.synth.pools import pairs as _pairs
from navtrain.synth.spec import LAYERS
from navtrain.synth.spec import checked_number as _num
from navtrain.synth.spec import parameter_error as _bad

if TYPE_CHECKING:
    from navtrain.synth.spec import ChainSpec

__all__ = ["Actors", "People", "assign_inventors", "make_actors", "make_people"]


# =========================================================================== actors
@dataclass
class Actors:
    """The applicants of a case (one row per legal entity), their segment affinities and name variants."""

    table: pd.DataFrame          # one row per legal entity
    aff: np.ndarray              # (n_actors, n_segments) affinity
    variants: pd.DataFrame       # planted raw-name variants


def _brand_pool(rng: np.random.Generator) -> list[tuple[str, str]]:
    pool = [(a + b, pa + pb.lower()) for a, pa in _BRAND_A for b, pb in _BRAND_B
            if a + b not in _BRAND_BLOCK and a != b]
    order = rng.permutation(len(pool))
    return [pool[i] for i in order]


def _short(place: tuple[str, ...]) -> tuple[str, str]:
    prov, city, dist = place[0], place[1], place[2]
    city_s = city[:-1] if city.endswith("市") else city
    if dist.endswith(("市", "县")) and dist != city and len(dist) <= 4:
        city_s = dist[:-1]
    prov_s = prov[:-1] if prov.endswith(("省", "市")) else prov
    return city_s, prov_s


def _address(place: tuple[str, ...], street: str, number: int) -> str:
    prov, city, dist = place[0], place[1], place[2]
    head = prov if prov == city else prov + city
    if dist != city:
        head += dist
    return f"{head}{street}{number}号"


def make_actors(spec: ChainSpec, rng: np.random.Generator) -> Actors:
    """The applicants of a case: anchors, generated firms, universities, institutes and individuals per
    layer, with places, sizes, segment affinities, groups and planted raw-name variants."""
    segs = spec.segments
    n_seg = len(segs)
    brands = _brand_pool(rng)
    brand_i = 0
    uni_order = rng.permutation(len(_UNI_PREFIX))
    uni_i = 0
    rows: list[dict[str, Any]] = []
    aff_rows: list[np.ndarray] = []
    variants: list[dict[str, Any]] = []
    used_names: set[str] = set()
    seg_index = {s.id: i for i, s in enumerate(segs)}

    def layer_seg_weights(layer: str) -> np.ndarray:
        k = np.array([s.growth[layer].K for s in segs], dtype=float)
        return np.sqrt(k + 1.0)

    # ---- anchors (named key players, their subsidiaries and variants)
    for a in spec.anchors:
        layer = str(a.get("layer", "region"))
        if layer not in LAYERS:
            raise _bad(f"anchors[{a.get('name')}].layer", layer, " / ".join(LAYERS))
        aff = np.zeros(n_seg)
        for sid, w in a.get("segments", {}).items():
            if sid not in seg_index:
                raise _bad(f"anchors[{a.get('name')}].segments", sid, ", ".join(seg_index))
            aff[seg_index[sid]] = _num(w, f"anchors[{a.get('name')}].segments.{sid}", 0, 10)
        members = [a, *[{**sub, "layer": layer, "kind": sub.get("kind", "enterprise"),
                         "group": a.get("group", a["name"])} for sub in a.get("subsidiaries", [])]]
        for m_i, m in enumerate(members):
            m_aff = aff.copy()
            if m_i > 0 and m.get("segments"):
                m_aff = np.zeros(n_seg)
                for sid, w in m["segments"].items():
                    m_aff[seg_index[sid]] = float(w)
            place = -1
            country = "CN"
            if layer == "foreign":
                country = str(m.get("country", a.get("country", "US")))
            else:
                key = (str(m.get("province", a.get("province", spec.region.get("province", "河南省")))),
                       str(m["city"]), str(m["district"]))
                if key not in _PLACE_INDEX:
                    raise _bad(f"anchors[{m['name']}].place", key, "a place listed in navtrain.synth.PLACES")
                place = _PLACE_INDEX[key]
            rows.append(dict(
                name=m["name"], name_en=m.get("name_en", ""), kind=m.get("kind", a.get("kind", "enterprise")),
                layer=layer, group=m.get("group", a.get("group", a["name"])), place=place, country=country,
                size=float(m.get("size", a.get("size", 20.0) * (0.35 if m_i else 1.0))),
                entry=int(m.get("entry", a.get("entry", spec.start_year))), exit=int(m.get("exit", 9999)),
                quality=float(m.get("quality", a.get("quality", 1.5))),
                inv_shift=float(m.get("inv_shift", a.get("inv_shift", 0.6))),
                overseas=float(m.get("overseas", a.get("overseas", 3.0))), anchor=True))
            aff_rows.append(m_aff)
            used_names.add(m["name"])
            for v in m.get("variants", []):
                variants.append(dict(actor=len(rows) - 1, variant=v["name"], kind=v.get("kind", "variant"),
                                     from_year=int(v.get("from_year", 0)), to_year=int(v.get("to_year", 9999)),
                                     prob=float(v.get("prob", 1.0))))

    # ---- generated pools
    words = spec.firm_words
    for layer in LAYERS:
        counts = spec.actors[layer]
        seg_w = layer_seg_weights(layer)
        if layer == "region":
            places = spec.region.get("places", [])
        elif layer == "domestic":
            places = spec.domestic.get("places", [])
        else:
            places = []
        pl_idx = np.array([_PLACE_INDEX[(p[0], p[1], p[2])] for p in places], dtype=int)
        pl_w = np.array([float(p[3]) for p in places]) if places else np.zeros(0)
        pl_focus = [set(p[4]) if len(p) > 4 else set() for p in places]
        countries = list(spec.foreign.get("countries", {"US": 1.0}).items())
        for kind in ("enterprise", "university", "institute", "individual"):
            n = counts[kind]
            if n == 0:
                continue
            seg1 = _choice(rng, n, seg_w)
            seg2 = np.where(rng.random(n) < 0.55, _choice(rng, n, seg_w), -1)
            ranks = rng.permutation(n) + 1
            zipf = {"enterprise": 1.0, "university": 0.8, "institute": 0.8, "individual": 0.6}[kind]
            size = (10.0 / ranks ** zipf) * {"enterprise": 1.0, "university": 0.4, "institute": 0.35,
                                               "individual": 0.12}[kind]
            quality = np.exp(rng.normal(0.0, 0.35, n)) * {"enterprise": 1.0, "university": 1.1,
                                                          "institute": 1.1, "individual": 0.45}[kind]
            inv_shift = {"enterprise": rng.normal(0.0, 0.5, n), "university": np.full(n, 2.8),
                         "institute": np.full(n, 1.6), "individual": np.full(n, -1.3)}[kind]
            overseas = {"enterprise": np.exp(rng.normal(0, 0.8, n)), "university": np.full(n, 0.5),
                        "institute": np.full(n, 0.5), "individual": np.full(n, 0.05)}[kind]
            # entry: around the take-off of the primary segment; exits for small firms and individuals
            tm = np.array([segs[s].growth[layer].t_m for s in seg1])
            dt = np.array([segs[s].growth[layer].dt for s in seg1])
            entry = np.round(tm - dt * 0.55 + rng.normal(0, 1, n) * dt / 3).astype(int)
            entry = np.clip(entry, spec.start_year - 5, spec.cutoff.year - 1)
            if kind in ("university", "institute"):
                entry = np.minimum(entry, spec.start_year + rng.integers(0, 6, n))
            exit_ = np.full(n, 9999)
            if kind == "enterprise":
                leaves = (ranks > max(5, n // 8)) & (rng.random(n) < 0.45)
                exit_ = np.where(leaves, entry + rng.integers(4, 16, n), 9999)
            elif kind == "individual":
                exit_ = entry + rng.integers(2, 9, n)
            if layer == "region" and spec.region.get("um_shift"):
                inv_shift = inv_shift + np.where(kind in ("enterprise", "individual"), 1, 0) * \
                    float(spec.region["um_shift"]) * (rng.random(n) < float(spec.region.get("um_shift_share", 1.0)))
            place = np.full(n, -1)
            country = np.full(n, "CN", dtype=object)
            if layer != "foreign":
                for i in range(n):  # small loop over actors (not rows): place weights depend on focus
                    w = pl_w * np.array([6.0 if segs[seg1[i]].id in f else 1.0 for f in pl_focus])
                    if kind in ("university", "institute"):  # urban districts of the larger cities
                        w = pl_w * np.array([PLACES[k][2].endswith("区") for k in pl_idx], dtype=float)
                        w = w if w.sum() > 0 else pl_w
                    place[i] = pl_idx[_choice(rng, 1, w)[0]]
            else:
                cw = np.array([float(c[1]) for c in countries])
                country = np.array([countries[j][0] for j in _choice(rng, n, cw)], dtype=object)
            for i in range(n):
                name, name_en = _gen_name(kind, layer, place[i], country[i], words, brands, brand_i,
                                          uni_order, uni_i, rng)
                if kind in ("enterprise", "institute") or layer == "foreign":
                    brand_i += 1
                if kind == "university" and layer != "foreign":
                    uni_i += 1
                tries = 0
                while name in used_names and tries < 50:
                    name, name_en = _gen_name(kind, layer, place[i], country[i], words, brands, brand_i,
                                              uni_order, uni_i, rng)
                    brand_i += 1
                    uni_i += 1
                    tries += 1
                used_names.add(name)
                rows.append(dict(name=name, name_en=name_en, kind=kind, layer=layer, group=name,
                                 place=int(place[i]), country=str(country[i]), size=float(size[i]),
                                 entry=int(entry[i]), exit=int(exit_[i]), quality=float(quality[i]),
                                 inv_shift=float(inv_shift[i]), overseas=float(overseas[i]), anchor=False))
                a = np.zeros(n_seg)
                a[seg1[i]] = 1.0
                if seg2[i] >= 0 and seg2[i] != seg1[i]:
                    a[seg2[i]] = 0.35
                aff_rows.append(a)
    table = pd.DataFrame(rows)
    table["aid"] = np.arange(len(table))
    aff = np.vstack(aff_rows)
    # universities and institutes are generalists at a low level: they can appear in any segment
    generalist = table["kind"].isin(["university", "institute"]).to_numpy()
    aff[generalist] = np.maximum(aff[generalist], 0.03)
    # addresses
    streets = rng.integers(0, len(_STREETS), len(table))
    numbers = rng.integers(1, 300, len(table))
    addr = []
    for i, r in enumerate(table.itertuples(index=False)):  # one per actor, not per document
        if r.layer == "foreign":
            c = _COUNTRIES[r.country]
            addr.append(f"{c[0]}{c[1]}")
        else:
            addr.append(_address(PLACES[r.place], _STREETS[streets[i]], int(numbers[i])))
    table["address"] = addr
    # planted variants for the largest generated firms: legal-form change and typos
    gen = table[(~table["anchor"]) & (table["kind"] == "enterprise") & (table["layer"] != "foreign")]
    top = gen.sort_values("size", ascending=False, kind="stable").head(24)
    pick = rng.random(len(top))
    for j, (aid, name) in enumerate(zip(top["aid"], top["name"], strict=True)):
        if pick[j] < 0.35 and name.endswith("股份有限公司"):
            year = int(rng.integers(2010, 2021))
            variants.append(dict(actor=int(aid), variant=name.replace("股份有限公司", "有限公司"),
                                 kind="legal_form", from_year=0, to_year=year - 1, prob=1.0))
        elif pick[j] < 0.70:
            variants.append(dict(actor=int(aid), variant=_typo(name, rng), kind="typo", from_year=0,
                                 to_year=9999, prob=float(spec.params["typo_rate"]) * 3))
    var = pd.DataFrame(variants, columns=["actor", "variant", "kind", "from_year", "to_year", "prob"])
    return Actors(table=table, aff=aff, variants=var)


_TYPO_MAP = {"钧": "均", "锐": "瑞", "砺": "励", "澄": "橙", "昱": "煜", "峻": "骏", "璟": "景", "澜": "兰",
             "湛": "战", "崇": "祟", "煜": "昱", "晟": "盛", "楷": "凯", "岩": "炎", "拓": "托", "衡": "恒",
             "晶": "精", "锋": "峰", "源": "原", "诚": "城", "泽": "择", "祥": "翔", "瑞": "锐", "铭": "明",
             "翔": "祥", "韬": "涛", "钛": "泰", "嵘": "荣", "沁": "泌", "珩": "衍", "骁": "晓", "翊": "诩"}


def _typo(name: str, rng: np.random.Generator) -> str:
    """One character replaced by a homophone or look-alike (a planted data-entry error)."""
    spots = [i for i, ch in enumerate(name) if ch in _TYPO_MAP]
    if not spots:
        return name.replace("有限公司", "有限责任公司")
    i = spots[int(rng.integers(0, len(spots)))]
    return name[:i] + _TYPO_MAP[name[i]] + name[i + 1:]


def _gen_name(kind: str, layer: str, place: int, country: str, words: tuple[tuple[str, str], ...],
              brands: list[tuple[str, str]], brand_i: int, uni_order: np.ndarray, uni_i: int,
              rng: np.random.Generator) -> tuple[str, str]:
    if layer == "foreign":
        word_zh, word_en = words[int(rng.integers(0, len(words)))]
        c = _COUNTRIES[country]
        if country in ("JP", "KR"):
            stems = _JP_STEM if country == "JP" else _KR_STEM
            stem = stems[brand_i % len(stems)]
            turn = (brand_i // len(stems)) % 4
            sfx = (["", "精机", "工业", "产业"] if country == "JP" else ["", "精密", "产业", "技研"])[turn]
            sfx_en = (["", " Seiki", " Kogyo", " Sangyo"] if country == "JP" else ["", " Precision", " Industrial",
                                                                                    " Tech"])[turn]
            return f"{stem[0]}{sfx}{word_zh}株式会社", f"{stem[1]}{sfx_en} {word_en} Co., Ltd."
        stem = _WEST_STEM[brand_i % len(_WEST_STEM)]
        suffix = ["", "特", "恩", "斯"][(brand_i // len(_WEST_STEM)) % 4]
        legal = c[3][int(rng.integers(0, len(c[3])))]
        en_suffix = ["", "t", "n", "s"][(brand_i // len(_WEST_STEM)) % 4]
        return f"{stem[0]}{suffix}{word_zh}{legal[0]}", f"{stem[1]}{en_suffix} {word_en} {legal[1]}"
    pl = PLACES[place]
    city_s, prov_s = _short(pl)
    if kind == "individual":
        return _person_names(rng, 1)[0]
    if kind == "university":
        pre = _UNI_PREFIX[int(uni_order[uni_i % len(uni_order)])]
        suf = _UNI_SUFFIX[int(rng.integers(0, len(_UNI_SUFFIX)))]
        if uni_i >= len(uni_order):
            pre = (city_s + pre[0], city_s + " " + pre[1])
        return f"{pre[0]}{suf[0]}", f"{pre[1]} {suf[1]}"
    brand = brands[brand_i % len(brands)]
    word_zh, word_en = words[int(rng.integers(0, len(words)))]
    if kind == "institute":
        form = ["研究院", "研究所", "研究院有限公司"][int(rng.integers(0, 3))]
        return f"{city_s}{brand[0]}{word_zh}{form}", f"{city_s} {brand[1].title()} {word_en} Research Institute"
    legal_zh, legal_en, _ = _LEGAL_FORMS[_choice(rng, 1, np.array([f[2] for f in _LEGAL_FORMS]))[0]]
    pattern = _choice(rng, 1, np.array([0.5, 0.25, 0.15, 0.10]))[0]
    if pattern == 0:
        zh = f"{city_s}{brand[0]}{word_zh}{legal_zh}"
    elif pattern == 1:
        zh = f"{prov_s}{brand[0]}{word_zh}{legal_zh}"
    elif pattern == 2:
        zh = f"{brand[0]}{word_zh}（{city_s}）{legal_zh}"
    else:
        zh = f"{brand[0]}{word_zh}{legal_zh}"
    return zh, f"{brand[1].title()} {word_en} {legal_en}"


_GIVEN_FIRST = _pairs("建Jian 志Zhi 国Guo 晓Xiao 海Hai 永Yong 春Chun 立Li 新Xin 振Zhen 德De 学Xue 文Wen 玉Yu 秀Xiu "
                      "思Si 佳Jia 子Zi 雨Yu 俊Jun 浩Hao 宏Hong 天Tian 光Guang 云Yun 明Ming 嘉Jia 金Jin 博Bo 家Jia")
_GIVEN_SECOND = _pairs("明Ming 华Hua 伟Wei 强Qiang 军Jun 平Ping 辉Hui 杰Jie 涛Tao 林Lin 峰Feng 宇Yu 鹏Peng 东Dong "
                       "亮Liang 红Hong 艳Yan 丽Li 娟Juan 静Jing 敏Min 玲Ling 燕Yan 波Bo 刚Gang 斌Bin 磊Lei 勇Yong "
                       "成Cheng 超Chao 飞Fei 阳Yang 涵Han 琳Lin 颖Ying")


def _person_names(rng: np.random.Generator, n: int) -> list[tuple[str, str]]:
    s = _choice(rng, n, _SURNAME_W)
    two = rng.random(n) < 0.62
    g1 = rng.integers(0, len(_GIVEN), n)
    f1 = rng.integers(0, len(_GIVEN_FIRST), n)
    f2 = rng.integers(0, len(_GIVEN_SECOND), n)
    out = []
    for i in range(n):  # names for a person pool (thousands), not for documents
        sz, sp = _SURNAMES[s[i]]
        if two[i]:
            gz = _GIVEN_FIRST[f1[i]][0] + _GIVEN_SECOND[f2[i]][0]
            gp = _GIVEN_FIRST[f1[i]][1] + _GIVEN_SECOND[f2[i]][1].lower()
        else:
            gz, gp = _GIVEN[g1[i]]
        out.append((sz + gz, f"{sp.upper()} {gp}"))
    return out


def _foreign_person_names(rng: np.random.Generator, countries: np.ndarray) -> list[tuple[str, str]]:
    out = []
    for c in countries:
        if c == "JP":
            a, b = _JP_LAST[int(rng.integers(0, len(_JP_LAST)))], _JP_FIRST[int(rng.integers(0, len(_JP_FIRST)))]
            out.append((a[0] + b[0], f"{a[1].upper()} {b[1]}"))
        elif c == "KR":
            a, b = _KR_LAST[int(rng.integers(0, len(_KR_LAST)))], _KR_FIRST[int(rng.integers(0, len(_KR_FIRST)))]
            out.append((a[0] + b[0], f"{a[1].upper()} {b[1]}"))
        else:
            f = _WEST_FIRST[int(rng.integers(0, len(_WEST_FIRST)))]
            la = _WEST_LAST[int(rng.integers(0, len(_WEST_LAST)))]
            out.append((f"{f[0]}·{la[0]}", f"{f[1]} {la[1].upper()}"))
    return out


# =========================================================================== people
@dataclass
class People:
    """Persons as (person, team) spells and the team membership matrix."""

    members: pd.DataFrame   # one row per (person, team) spell
    matrix: np.ndarray      # (n_teams, slots) member-row indices, -1 padded
    team_actor: np.ndarray
    team_key: np.ndarray


def make_people(spec: ChainSpec, actors: Actors, rng: np.random.Generator) -> People:
    """Research teams of each applicant and their members (persons with names and active years)."""
    T = actors.table
    kinds = T["kind"].to_numpy()
    size = T["size"].to_numpy()
    n_teams = np.where(kinds == "individual", 1, np.clip(1 + np.floor(np.sqrt(size) * 0.9), 1, 8)).astype(int)
    team_actor = np.repeat(np.arange(len(T)), n_teams)
    n_team = len(team_actor)
    team_w = rng.gamma(2.0, 1.0, n_team)
    csum = np.cumsum(team_w)
    first = np.r_[0, np.cumsum(n_teams)[:-1]]
    before = np.repeat(np.r_[0.0, csum][first], n_teams)
    total = np.repeat(csum[np.cumsum(n_teams) - 1], n_teams) - before
    team_key = team_actor + (csum - before) / total
    m = np.where(kinds[team_actor] == "individual", 1, np.clip(3 + rng.poisson(2.5, n_team), 2, 10))
    mem_team = np.repeat(np.arange(n_team), m)
    slot = np.arange(len(mem_team)) - np.repeat(np.r_[0, np.cumsum(m)[:-1]], m)
    mem_actor = team_actor[mem_team]
    entry = T["entry"].to_numpy()[mem_actor]
    start = np.where(slot == 0, entry - 3, entry + rng.integers(-3, 14, len(mem_team)))
    end = np.where(slot == 0, 9999, start + rng.integers(5, 24, len(mem_team)))
    layer = T["layer"].to_numpy()[mem_actor]
    names = np.empty(len(mem_team), dtype=object)
    names_en = np.empty(len(mem_team), dtype=object)
    dom = (layer != "foreign") & (kinds[mem_actor] != "individual")
    pairs = _person_names(rng, int(dom.sum()))
    names[dom] = [p[0] for p in pairs]
    names_en[dom] = [p[1] for p in pairs]
    ind = kinds[mem_actor] == "individual"
    names[ind] = T["name"].to_numpy()[mem_actor[ind]]
    names_en[ind] = T["name_en"].to_numpy()[mem_actor[ind]]
    frn = layer == "foreign"
    fp = _foreign_person_names(rng, T["country"].to_numpy()[mem_actor[frn]])
    names[frn] = [p[0] for p in fp]
    names_en[frn] = [p[1] for p in fp]
    members = pd.DataFrame({"person": np.arange(len(mem_team)), "team": mem_team, "actor": mem_actor,
                            "slot": slot, "start": start, "end": end, "name": names, "name_en": names_en,
                            "mover": False})
    members["lead"] = slot == 0
    members["homonym_group"] = ""
    # ---- team membership matrix
    order = np.lexsort((members["slot"].to_numpy(), members["team"].to_numpy()))
    mt = members["team"].to_numpy()[order]
    counts = np.bincount(mt, minlength=n_team)
    slots = int(counts.max())
    pos = np.arange(len(order)) - np.repeat(np.r_[0, np.cumsum(counts)[:-1]], counts)
    matrix = np.full((n_team, slots), -1, dtype=np.int64)
    matrix[mt, pos] = order
    return People(members=members, matrix=matrix, team_actor=team_actor, team_key=team_key)



def assign_inventors(spec: ChainSpec, actors: Actors, f: pd.DataFrame, people: People,
               rng: np.random.Generator) -> pd.DataFrame:
    """Inventors of each first filing: a team of the first applicant, members active that year
    (team leads first); then planted homonyms among researchers who do appear."""
    n = len(f)
    a = f["actor"].to_numpy()
    y = f["year"].to_numpy()
    team = np.searchsorted(people.team_key, a + rng.random(n), side="left")
    team = np.clip(team, 0, len(people.team_key) - 1)
    bad = people.team_actor[team] != a
    if bad.any():  # numerical edge: fall back to the actor's first team
        team[bad] = np.searchsorted(people.team_actor, a[bad], side="left")
    G = people.matrix[team]
    valid = G >= 0
    mem = people.members
    g0 = np.maximum(G, 0)
    st = mem["start"].to_numpy()[g0]
    en = mem["end"].to_numpy()[g0]
    lead = mem["lead"].to_numpy()[g0]
    active = valid & (st <= y[:, None]) & (en >= y[:, None])
    none = ~active.any(axis=1)
    active[none] = valid[none]
    U = rng.random(G.shape) - 0.45 * lead
    U[~active] = 9.0
    order = np.argsort(U, axis=1, kind="stable")
    n_act = active.sum(axis=1)
    k = np.clip(1 + rng.poisson(1.9, n), 1, np.minimum(n_act, 7))
    picked = np.take_along_axis(G, order, axis=1)[:, : int(k.max())]
    picked = np.where(np.arange(picked.shape[1])[None, :] < k[:, None], picked, -1)
    picked = _plant_movers(spec, actors, f, people, picked, rng)
    _plant_homonyms(spec, actors, people, picked, rng)
    mem = people.members
    names = mem["name"].to_numpy()
    names_en = mem["name_en"].to_numpy()
    person = mem["person"].to_numpy()
    cols_zh, cols_en, cols_id = [], [], []
    for c in range(picked.shape[1]):
        use = picked[:, c] >= 0
        r = np.maximum(picked[:, c], 0)
        cols_zh.append(np.where(use, names[r], ""))
        cols_en.append(np.where(use, names_en[r], ""))
        cols_id.append(np.where(use, np.char.add("P", np.char.zfill(person[r].astype(str), 5)).astype(object), ""))
    return f.assign(team=team, inventors=_join(cols_zh, ";"), inventors_en=_join(cols_en, ";"),
                    inventor_ids=_join(cols_id, ";"))


def _plant_movers(spec: ChainSpec, actors: Actors, f: pd.DataFrame, people: People, picked: np.ndarray,
                  rng: np.random.Generator) -> np.ndarray:
    """Move productive researchers of the region to another applicant of the region in a middle year of
    their career: later documents of the old applicant lose them, some of the new one's gain them."""
    mem = people.members
    T = actors.table
    n_move = int(spec.region.get("movers", 10))
    year = f["year"].to_numpy()
    actor_f = f["actor"].to_numpy()
    r_doc, r_col = np.nonzero(picked >= 0)
    slots = pd.DataFrame({"m": picked[r_doc, r_col], "doc": r_doc, "year": year[r_doc]})
    stats = slots.groupby("m")["year"].agg(["size", "min", "max"])
    m_actor = mem["actor"].to_numpy()
    region_actor = (T["layer"].to_numpy() == "region") & (T["kind"].to_numpy() != "individual")
    ok = (stats["size"] >= 6) & (stats["max"] - stats["min"] >= 6) & region_actor[m_actor[stats.index]]
    cand = stats.index[ok.to_numpy()].to_numpy()
    if not n_move or not len(cand):
        return picked
    chosen = np.unique(cand[_choice(rng, 4 * n_move, np.sqrt(stats.loc[cand, "size"].to_numpy()))])
    chosen = chosen[rng.permutation(len(chosen))][:n_move]
    firms = np.nonzero((T["layer"].to_numpy() == "region") & (T["kind"].to_numpy() == "enterprise"))[0]
    new_rows = []
    for r in np.sort(chosen):  # a handful of planted moves
        src = int(m_actor[r])
        yrs = np.sort(slots.loc[slots["m"] == r, "year"].to_numpy())
        move = int(yrs[len(yrs) // 2]) + 1
        seg_src = actors.aff[src] > 0
        later = np.bincount(actor_f[year >= move], minlength=len(T))
        tg = np.array([t for t in firms if t != src and later[t] >= 4 and (actors.aff[t][seg_src] > 0).any()])
        if not len(tg):
            continue
        tgt = int(tg[_choice(rng, 1, later[tg].astype(float))[0]])
        # leave the old applicant: drop from its documents filed from the move year on
        mine = (picked == r) & (year >= move)[:, None]
        picked[mine] = -1
        empty = (picked < 0).all(axis=1)
        if empty.any():  # keep at least one inventor: the team's lead or first member
            lead_rows = people.matrix[np.searchsorted(people.team_actor, actor_f[empty], side="left"), 0]
            picked[empty, 0] = lead_rows
        # join the new applicant: named on part of its documents from the move year on
        docs_t = np.nonzero((actor_f == tgt) & (year >= move))[0]
        docs_t = docs_t[rng.random(len(docs_t)) < min(0.6, 25.0 / max(len(docs_t), 1))]
        new_id = len(mem) + len(new_rows)
        teams_t = np.nonzero(people.team_actor == tgt)[0]
        new_rows.append(dict(person=int(mem.at[r, "person"]), team=int(teams_t[0]), actor=tgt, slot=99, start=move,
                             end=9999, name=mem.at[r, "name"], name_en=mem.at[r, "name_en"], mover=True, lead=True,
                             homonym_group=""))
        for dd in docs_t:  # a few dozen documents per move
            free = np.nonzero(picked[dd] < 0)[0]
            picked[dd, free[0] if len(free) else picked.shape[1] - 1] = new_id
        mem.at[r, "end"] = move - 1
        mem.at[r, "mover"] = True
    if new_rows:
        people.members = pd.concat([mem, pd.DataFrame(new_rows)], ignore_index=True)
    return picked


def _plant_homonyms(spec: ChainSpec, actors: Actors, people: People, picked: np.ndarray,
                    rng: np.random.Generator) -> None:
    """Give pairs of different researchers of the same field (different applicants) one name."""
    mem = people.members
    n_hom = int(spec.region.get("homonyms", 6))
    used = picked[picked >= 0]
    docs = np.bincount(used, minlength=len(mem))
    person = mem["person"].to_numpy()
    per_person = np.bincount(person, weights=docs, minlength=person.max() + 1)
    actor = mem["actor"].to_numpy()
    layer = actors.table["layer"].to_numpy()[actor]
    field_ = actors.aff.argmax(axis=1)[actor]
    cand = np.nonzero((per_person[person] >= 3) & (layer != "foreign") & ~mem["mover"].to_numpy()
                      & (actors.table["kind"].to_numpy()[actor] != "individual"))[0]
    group = np.full(len(mem), "", dtype=object)
    taken: set[int] = set()
    for j in range(n_hom):  # a handful of planted pairs
        free = np.array([c for c in cand if person[c] not in taken])
        if len(free) < 2:
            break
        a = int(free[int(rng.integers(0, len(free)))])
        mates = free[(field_[free] == field_[a]) & (actor[free] != actor[a])]
        if not len(mates):
            continue
        b = int(mates[int(rng.integers(0, len(mates)))])
        same_b = person == person[b]
        mem.loc[same_b, "name"] = mem.at[a, "name"]
        mem.loc[same_b, "name_en"] = mem.at[a, "name_en"]
        group[(person == person[a]) | same_b] = f"H{j + 1:02d}"
        taken.update((int(person[a]), int(person[b])))
    mem["homonym_group"] = group
