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
team notes ``methods.md`` §1.2 (logistic), §5 (technology–function matrix), §8.3 (lag),
§9 (legal status and terms); CNIPA application-number standard (check digit, see
:func:`check_digit`); CNIPA annual reports for the calibration bands (approximate).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import math
import tomllib
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from navtrain.errors import NavtrainError, UnknownNameError
from navtrain.schema import COLUMNS

__all__ = [
    "CALIBRATION",
    "DIAGNOSIS_RULE",
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
    "load_chain",
    "logistic_cumulative",
    "read_case",
    "stage_of",
    "to_raw",
]

GENERATOR_VERSION = "1"
CHAINS_DIR = Path(__file__).resolve().parent / "data" / "chains"
LAYERS: tuple[str, ...] = ("region", "domestic", "foreign")
LAYER_ZH = {"region": "本地区", "domestic": "国内其他省份", "foreign": "国外申请人"}
TIERS = ("upstream", "midstream", "downstream")
TIER_ZH = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}
DIAGNOSES = ("强链", "补链", "延链", "—")
STAGE_BOUNDS = ((0.1, "萌芽期"), (0.5, "成长期"), (0.9, "成熟期"), (math.inf, "衰退期"))
LN81 = math.log(81.0)
DAY = np.timedelta64(1, "D")
EXTRA_COLUMNS = ("tag_means", "tag_effects")
CANONICAL = tuple(c.name for c in COLUMNS)


class SynthParameterError(NavtrainError, ValueError):
    """An invalid generator parameter; the message names it and the allowed range."""


def _bad(name: str, value: object, allowed: str) -> SynthParameterError:
    return SynthParameterError(f"invalid generator parameter {name} = {value!r}; allowed: {allowed}",
                               fix=f"set {name} within {allowed}", hint=f"生成参数 {name} 超出允许范围：{allowed}")


# =========================================================================== calibration
#: Marginal → (low, high, source). "approximate" marks public figures quoted as rough bands;
#: "assumption" marks stated modelling assumptions. Tests assert the generated values fall
#: inside; ``docs/datasets.md`` lists the measured values.
CALIBRATION: dict[str, tuple[float, float, str]] = {
    "invention_grant_rate": (0.40, 0.68, "CNIPA annual reports: invention grant rate of decided "
                             "examinations roughly 45–60 % in 2015–2023 (approximate)"),
    "foreign_grant_rate": (0.55, 0.85, "assumption: foreign applicants' Chinese inventions are granted "
                           "more often than domestic ones (CNIPA reports, approximate)"),
    "invention_pub_lag_median_months": (10.0, 19.5, "Patent Law Art. 34: publication 18 months from "
                                        "priority, earlier on request; Chinese applicants often request "
                                        "early publication (assumption for the mix)"),
    "um_pub_lag_median_months": (4.0, 10.0, "CNIPA annual reports: utility-model pendency of several "
                                 "months (approximate); published at grant"),
    "invention_grant_lag_median_months": (20.0, 40.0, "CNIPA annual reports: invention pendency about "
                                          "20–22 months (2021–2023) and longer before (approximate)"),
    "top10_share": (0.12, 0.50, "assumption: a mid-sized Chinese industrial field, documents with a top-10 "
                    "applicant (whole counting)"),
    "coapplication_share": (0.04, 0.20, "assumption: share of domestic documents with ≥ 2 applicants"),
    "university_invention_share": (0.05, 0.35, "CNIPA annual reports: universities file roughly a fifth "
                                   "to a quarter of domestic invention applications (approximate)"),
    "overseas_family_share": (0.005, 0.08, "CNIPA/WIPO: PCT filings are a few per cent of Chinese "
                              "invention applications (approximate)"),
    "valid_share_granted_10y": (0.15, 0.60, "assumption: share of domestic inventions granted and filed "
                                "10–15 years before the cut-off that are still in force"),
}


# =========================================================================== name pools
def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for token in text.split():
        zh = "".join(ch for ch in token if ord(ch) > 0x2E80)
        py = "".join(ch for ch in token if ord(ch) < 0x2E80)
        out.append((zh, py))
    return tuple(out)


_BRAND_A = _pairs("钧Jun 锐Rui 沁Qin 砺Li 澄Cheng 昱Yu 朗Lang 峻Jun 铖Cheng 璟Jing 珩Heng 澜Lan 骁Xiao 湛Zhan "
                  "崇Chong 栎Li 煜Yu 隽Juan 翊Yi 镕Rong 钜Ju 晟Sheng 楷Kai 砥Di 桓Huan 屹Yi 弈Yi 琮Cong "
                  "曜Yao 珈Jia 岷Min 淞Song")
_BRAND_B = _pairs("岩Yan 拓Tuo 川Chuan 衡Heng 晶Jing 锋Feng 岳Yue 源Yuan 启Qi 诚Cheng 峰Feng 越Yue 泽Ze 硕Shuo "
                  "祥Xiang 坤Kun 瑞Rui 驰Chi 远Yuan 铭Ming 翔Xiang 韬Tao 杉Shan 钛Tai 嵘Rong")
#: brand combinations that are words, places or well-known companies: never generated
_BRAND_BLOCK = frozenset({"朗源", "沁源", "晟源", "昱源", "楷岳", "澄泽", "淞源", "岷源", "岷川", "湛川", "澜沧",
                          "弈衡", "晟祥", "铭源", "澄源", "崇源"})
#: fictitious university / institute prefixes (checked against lists of real names)
_UNI_PREFIX = _pairs("中岳Zhongyue 伊洛Yiluo 嵩阳Songyang 鹰城Yingcheng 豫川Yuchuan 汝水Rushui 淇河Qihe 丹江Danjiang "
                     "沧澜Canglan 临川Linchuan 衡川Hengchuan 青崖Qingya 鹿鸣Luming 长汀Changting 远山Yuanshan "
                     "清溪Qingxi 白鹭Bailu 秋浦Qiupu 枫桥Fengqiao 澄江Chengjiang 碧溪Bixi 灵台Lingtai 云溪Yunxi "
                     "松林Songlin 星海Xinghai 明湖Minghu 朝阳岭Zhaoyangling 东篱Dongli 北辰岭Beichenling 南屏Nanping "
                     "西岭Xiling 望川Wangchuan 翠湖Cuihu 金川岭Jinchuanling 银滩Yintan 栖霞岭Qixialing 鸣沙Mingsha "
                     "玉泉山Yuquanshan 雁荡岭Yandangling 天目岭Tianmuling")
_UNI_SUFFIX = (("理工大学", "University of Technology"), ("工业大学", "University of Industry"),
               ("科技大学", "University of Science and Technology"), ("工程学院", "Institute of Engineering"),
               ("大学", "University"))
_SURNAMES = _pairs("王Wang 李Li 张Zhang 刘Liu 陈Chen 杨Yang 黄Huang 赵Zhao 吴Wu 周Zhou 徐Xu 孙Sun 马Ma 朱Zhu "
                   "胡Hu 郭Guo 何He 高Gao 林Lin 罗Luo 郑Zheng 梁Liang 谢Xie 宋Song 唐Tang 许Xu 韩Han 冯Feng "
                   "邓Deng 曹Cao 彭Peng 曾Zeng 肖Xiao 田Tian 董Dong 袁Yuan 潘Pan 于Yu 蒋Jiang 蔡Cai 余Yu "
                   "杜Du 叶Ye 程Cheng 苏Su 魏Wei 吕Lv 丁Ding 任Ren 沈Shen 姚Yao 卢Lu 崔Cui 范Fan 常Chang")
_SURNAME_W = np.array([7.4, 7.2, 7.1, 5.5, 4.6, 3.1, 2.3, 2.2, 2.0, 1.9, 1.8, 1.5, 1.5, 1.3, 1.3, 1.2, 1.2, 1.2,
                       1.1, 1.1, 1.0, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6,
                       0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4,
                       0.4, 0.4, 0.4])
_GIVEN = _pairs("伟Wei 芳Fang 娜Na 敏Min 静Jing 丽Li 强Qiang 磊Lei 军Jun 洋Yang 勇Yong 艳Yan 杰Jie 娟Juan "
                "涛Tao 明Ming 超Chao 霞Xia 平Ping 刚Gang 辉Hui 鹏Peng 华Hua 飞Fei 斌Bin 宇Yu 浩Hao 凯Kai "
                "健Jian 俊Jun 帆Fan 帅Shuai 旭Xu 宁Ning 龙Long 林Lin 欣Xin 波Bo 鑫Xin 晨Chen 亮Liang 琳Lin "
                "颖Ying 倩Qian 博Bo 志Zhi 国Guo 建Jian 文Wen 海Hai 红Hong 永Yong 春Chun 晓Xiao 振Zhen 立Li "
                "新Xin 成Cheng 光Guang 天Tian 金Jin 德De 学Xue 秀Xiu 玉Yu 云Yun 雪Xue 峰Feng 宏Hong 涵Han "
                "思Si 佳Jia 嘉Jia 子Zi 一Yi 梓Zi 睿Rui 轩Xuan 铭Ming 瑶Yao 悦Yue 泽Ze 雨Yu 安An 庆Qing")
_WEST_FIRST = _pairs("托马斯Thomas 安娜Anna 卢卡斯Lukas 玛丽亚Maria 约翰John 艾玛Emma 马库斯Markus 索菲Sophie "
                     "丹尼尔Daniel 劳拉Laura 彼得Peter 朱莉娅Julia 迈克尔Michael 克拉拉Clara 埃里克Erik "
                     "莉娜Lina 亨里克Henrik 伊娃Eva 尼尔斯Nils 萨拉Sara 保罗Paul 露西Lucie 大卫David 汉娜Hannah")
_WEST_LAST = _pairs("克劳泽Krause 林德奎斯特Lindqvist 莫罗Moreau 韦伯Weber 哈特曼Hartmann 贝格伦Berglund "
                    "杜邦特Dupontel 费舍尔Fischer 诺瓦克Novak 布伦纳Brenner 奥尔森Olsen 斯特林Sterling "
                    "霍夫曼Hoffmann 卡佩罗Capello 维斯特Wester 阿尔滕Alten 罗斯纳Rosner 哈林Haring "
                    "梅尔茨Merz 沃格特Vogt 桑德斯Sanders 昆特Kunte 巴尔托Barto 埃克伦Ekelund")
_JP_LAST = _pairs("高桥Takahashi 山本Yamamoto 中村Nakamura 小林Kobayashi 加藤Kato 吉田Yoshida 山田Yamada "
                  "佐佐木Sasaki 松本Matsumoto 井上Inoue 木村Kimura 清水Shimizu 森Mori 池田Ikeda 桥本Hashimoto")
_JP_FIRST = _pairs("健一Kenichi 大辅Daisuke 直树Naoki 和也Kazuya 拓也Takuya 翔太Shota 阳子Yoko 美穗Miho "
                   "诚Makoto 浩二Koji 真一Shinichi 裕子Yuko")
_KR_LAST = _pairs("金Kim 李Lee 朴Park 崔Choi 郑Jung 姜Kang 赵Cho 尹Yoon")
_KR_FIRST = _pairs("民俊Minjun 智勋Jihoon 秀妍Suyeon 东贤Donghyun 英浩Youngho 恩静Eunjung 成宇Sungwoo 惠珍Hyejin")
_WEST_STEM = _pairs("诺维克Norvik 凯斯特Kester 阿尔特马克Altmark 贝隆Belon 索尔贝Solbe 维斯塔Vesta 奥兰托Oranto "
                    "卡尔德Kalder 特雷文Treven 马尔科Marko 伊斯伯格Isberg 赫尔曼斯Helmans 布拉维Bravi "
                    "洛伦茨Lorentz 瑟伦Soren 达尔文特Dalvent 费尔登Felden 格拉诺Grano 里奥斯Rios 埃尔文Elven")
_JP_STEM = _pairs("高濑Takase 东滨Higashihama 松冈Matsuoka 泽井Sawai 若叶Wakaba 三轮Miwa 野泽Nozawa 朝仓Asakura "
                  "丸冈Maruoka 北斗Hokuto")
_KR_STEM = _pairs("汉江Hangang 东冠Donggwan 新罗Silla 大成Daesung 瑞晖Seohwi 恩成Eunsung")
#: country → (Chinese name for addresses, region, home office, legal forms [(zh, en)])
_COUNTRIES: dict[str, tuple[str, str, str, tuple[tuple[str, str], ...]]] = {
    "US": ("美国", "俄亥俄州", "US", (("公司", "Inc."), ("有限责任公司", "LLC"))),
    "JP": ("日本", "大阪府", "JP", (("株式会社", "Co., Ltd."),)),
    "DE": ("德国", "巴伐利亚州", "DE", (("股份公司", "AG"), ("有限责任公司", "GmbH"))),
    "KR": ("韩国", "京畿道", "KR", (("株式会社", "Co., Ltd."),)),
    "SE": ("瑞典", "斯德哥尔摩", "EP", (("公司", "AB"),)),
    "FR": ("法国", "罗讷省", "EP", (("简化股份公司", "SAS"),)),
    "CH": ("瑞士", "苏黎世州", "EP", (("股份公司", "AG"),)),
    "IT": ("意大利", "伦巴第大区", "EP", (("股份公司", "S.p.A."),)),
    "GB": ("英国", "英格兰", "EP", (("有限公司", "Ltd"),)),
}
_STREETS = ("工业路", "创业路", "科技路", "产业大道", "兴业路", "发展大道", "园区纬二路", "建设路", "长兴路",
            "开元大道", "锦程路", "经三路", "纬五路", "学府路", "明理路", "新材料大道", "装备路", "智造街")
_LEGAL_FORMS = (("有限公司", "Co., Ltd.", 0.66), ("股份有限公司", "Co., Ltd.", 0.24),
                ("有限责任公司", "Co., Ltd.", 0.10))

#: Real administrative divisions used for addresses (GB/T 2260; verified against the NBS 2023
#: table): province, prefecture-level city, county-level division, province code, city code, county code.
PLACES: tuple[tuple[str, str, str, str, str, str], ...] = tuple(tuple(r.split(",")) for r in """\
北京市,北京市,海淀区,110000,110100,110108
北京市,北京市,昌平区,110000,110100,110114
天津市,天津市,滨海新区,120000,120100,120116
上海市,上海市,嘉定区,310000,310100,310114
上海市,上海市,闵行区,310000,310100,310112
重庆市,重庆市,渝北区,500000,500100,500112
河北省,石家庄市,裕华区,130000,130100,130108
河北省,邢台市,襄都区,130000,130500,130502
山西省,太原市,小店区,140000,140100,140105
山西省,阳泉市,城区,140000,140300,140302
辽宁省,大连市,瓦房店市,210000,210200,210281
辽宁省,沈阳市,浑南区,210000,210100,210112
辽宁省,辽阳市,宏伟区,210000,211000,211004
吉林省,长春市,朝阳区,220000,220100,220104
黑龙江省,哈尔滨市,南岗区,230000,230100,230103
江苏省,苏州市,吴中区,320000,320500,320506
江苏省,无锡市,新吴区,320000,320200,320214
江苏省,南京市,江宁区,320000,320100,320115
江苏省,常州市,武进区,320000,320400,320412
江苏省,泰州市,靖江市,320000,321200,321282
浙江省,杭州市,余杭区,330000,330100,330110
浙江省,宁波市,北仑区,330000,330200,330206
浙江省,绍兴市,新昌县,330000,330600,330624
安徽省,合肥市,蜀山区,340000,340100,340104
福建省,厦门市,集美区,350000,350200,350211
江西省,南昌市,青山湖区,360000,360100,360111
山东省,济南市,历下区,370000,370100,370102
山东省,青岛市,黄岛区,370000,370200,370211
山东省,聊城市,临清市,370000,371500,371581
山东省,烟台市,福山区,370000,370600,370611
湖北省,武汉市,洪山区,420000,420100,420111
湖北省,襄阳市,襄州区,420000,420600,420607
湖南省,长沙市,岳麓区,430000,430100,430104
湖南省,株洲市,天元区,430000,430200,430211
广东省,深圳市,南山区,440000,440300,440305
广东省,广州市,黄埔区,440000,440100,440112
广东省,佛山市,顺德区,440000,440600,440606
四川省,成都市,双流区,510000,510100,510116
四川省,德阳市,旌阳区,510000,510600,510603
贵州省,贵阳市,白云区,520000,520100,520113
陕西省,西安市,雁塔区,610000,610100,610113
甘肃省,兰州市,七里河区,620000,620100,620103
河南省,郑州市,郑州高新技术产业开发区,410000,410100,410172
河南省,郑州市,中原区,410000,410100,410102
河南省,郑州市,二七区,410000,410100,410103
河南省,郑州市,金水区,410000,410100,410105
河南省,郑州市,新密市,410000,410100,410183
河南省,郑州市,荥阳市,410000,410100,410182
河南省,郑州市,登封市,410000,410100,410185
河南省,郑州市,郑州经济技术开发区,410000,410100,410171
河南省,郑州市,上街区,410000,410100,410106
河南省,郑州市,巩义市,410000,410100,410181
河南省,洛阳市,涧西区,410000,410300,410305
河南省,洛阳市,洛龙区,410000,410300,410311
河南省,洛阳市,西工区,410000,410300,410303
河南省,洛阳市,偃师区,410000,410300,410307
河南省,洛阳市,洛阳高新技术产业开发区,410000,410300,410371
河南省,洛阳市,伊川县,410000,410300,410329
河南省,平顶山市,新华区,410000,410400,410402
河南省,平顶山市,卫东区,410000,410400,410403
河南省,平顶山市,湛河区,410000,410400,410411
河南省,平顶山市,叶县,410000,410400,410422
河南省,平顶山市,平顶山高新技术产业开发区,410000,410400,410471
河南省,平顶山市,舞钢市,410000,410400,410481
河南省,平顶山市,宝丰县,410000,410400,410421
河南省,新乡市,长垣市,410000,410700,410783
河南省,新乡市,红旗区,410000,410700,410702
河南省,新乡市,新乡高新技术产业开发区,410000,410700,410771
河南省,许昌市,长葛市,410000,411000,411082
河南省,许昌市,魏都区,410000,411000,411002
河南省,许昌市,禹州市,410000,411000,411081
河南省,南阳市,方城县,410000,411300,411322
河南省,南阳市,卧龙区,410000,411300,411303
河南省,南阳市,镇平县,410000,411300,411324
河南省,商丘市,柘城县,410000,411400,411424
河南省,商丘市,睢阳区,410000,411400,411403
河南省,焦作市,山阳区,410000,410800,410811
河南省,开封市,祥符区,410000,410200,410212
河南省,安阳市,文峰区,410000,410500,410502
河南省,濮阳市,华龙区,410000,410900,410902
河南省,济源市,济源市,410000,419001,419001
河南省,三门峡市,湖滨区,410000,411200,411202
河南省,驻马店市,驿城区,410000,411700,411702
河南省,信阳市,浉河区,410000,411500,411502
河南省,周口市,川汇区,410000,411600,411602""".splitlines())
_PLACE_INDEX = {(p[0], p[1], p[2]): i for i, p in enumerate(PLACES)}
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

#: legal-event names: canonical (CNIPA wording) → incoPat-style → PatSnap-style
EVENTS = {
    "exam": ("实质审查", "实质审查", "实质审查"),
    "grant": ("授权", "授权", "授权"),
    "reject": ("驳回", "驳回", "驳回"),
    "withdraw": ("视为撤回", "撤回", "撤回-视为撤回"),
    "transfer": ("专利权转让", "权利转移", "权利转移"),
    "licence": ("专利实施许可", "许可", "许可"),
    "pledge": ("专利权质押", "质押", "质押"),
    "lapse": ("未缴年费专利权终止", "未缴年费", "未缴年费"),
    "expire": ("期限届满", "期限届满", "期限届满"),
}


# =========================================================================== spec
@dataclass(frozen=True)
class Growth:
    """Logistic (Loglet) parameters: saturation K (documents or families), midpoint t_m
    (year, N(t_m) = K/2) and growth time Δt (years from 10 % to 90 % of K)."""

    K: float
    t_m: float
    dt: float


@dataclass(frozen=True)
class Segment:
    """One node of the industry chain (产业链环节) with its search elements and parameters."""

    id: str
    name: str
    name_en: str
    tier: str
    ipc: tuple[str, ...]
    keywords: tuple[str, ...]
    products: tuple[str, ...]
    devices: tuple[str, ...]
    means: tuple[str, ...]
    titles_en: tuple[str, ...]
    ipc_extra: tuple[str, ...]
    invention_share: float
    design_share: float
    quality: float
    growth: Mapping[str, Growth]
    diagnosis: str
    note: str = ""
    extension: bool = False


@dataclass(frozen=True)
class ChainSpec:
    """A case: its chain, places, actors and narrative (read from a TOML file)."""

    case: str
    code: str
    title: str
    title_en: str
    scenario: str
    scenario_en: str
    standard_part: str
    seed: int
    start_year: int
    cutoff: pd.Timestamp
    raw_layout: str
    region: Mapping[str, Any]
    domestic: Mapping[str, Any]
    foreign: Mapping[str, Any]
    actors: Mapping[str, Mapping[str, int]]
    anchors: tuple[Mapping[str, Any], ...]
    segments: tuple[Segment, ...]
    effects: tuple[tuple[str, str], ...]
    blank_cells: tuple[tuple[str, str], ...]
    hot_cells: tuple[tuple[str, str], ...]
    firm_words: tuple[tuple[str, str], ...]
    narrative: str
    narrative_en: str
    params: Mapping[str, Any] = field(default_factory=dict)
    calibration: Mapping[str, Any] = field(default_factory=dict)
    path: str = ""

    @property
    def segment_ids(self) -> list[str]:
        return [s.id for s in self.segments]

    def segment(self, seg_id: str) -> Segment:
        for s in self.segments:
            if s.id == seg_id:
                return s
        raise UnknownNameError(f"unknown segment {seg_id!r} in case {self.case!r}",
                               fix=f"use one of: {', '.join(self.segment_ids)}", hint="产业链环节名称不存在")


#: default model parameters (a spec's [params] table may override any of them)
DEFAULT_PARAMS: dict[str, float] = {
    "p_early_publication": 0.40,      # domestic inventions published early on request
    "p_exam_request": 0.90,           # inventions whose substantive examination is requested
    "grant_logit": 0.25,              # base logit of grant for a decided domestic invention
    "foreign_grant_logit": 0.90,
    "p_foreign_cn": 0.65,             # foreign families with a Chinese member
    "overseas_base": 0.018,           # base share of domestic inventions with an overseas family
    "coapp_enterprise": 0.08,
    "coapp_university": 0.16,
    "coapp_institute": 0.14,
    "coapp_individual": 0.04,
    "typo_rate": 0.03,                # share of an affected applicant's documents carrying a typo
    "maintenance_years_invention": 12.0,
    "maintenance_years_um": 5.5,
    "maintenance_shape": 1.6,
}


def chain_names() -> list[str]:
    """Names of the bundled chain specs (``navtrain/data/chains/*.toml``).

    >>> chain_names()
    ['changyuan_cranes', 'luoyang_bearings', 'pingdingshan_nylon', 'superhard', 'tbm_drive']
    """
    return sorted(p.stem for p in CHAINS_DIR.glob("*.toml") if not p.stem.startswith("_"))


def _num(value: object, name: str, lo: float, hi: float, integer: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise _bad(name, value, f"a number {lo} to {hi}")
    v = float(value)
    if not (lo <= v <= hi) or math.isnan(v) or (integer and v != int(v)):
        kind = "a whole number" if integer else "a number"
        raise _bad(name, value, f"{kind} {lo:g} ≤ {name.rsplit('.', 1)[-1]} ≤ {hi:g}")
    return v


def _strs(value: object, name: str, min_len: int = 0) -> tuple[str, ...]:
    if value is None:
        value = []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(name, value, "a list of non-empty strings")
    if len(value) < min_len:
        raise _bad(name, value, f"a list of at least {min_len} string(s)")
    return tuple(v.strip() for v in value)


def load_chain(case: str | Path) -> ChainSpec:
    """Read and check a chain spec: a bundled case name (see :func:`chain_names`) or a path.

    The spec is the same file the industry-chain analysis reads (``segments[].ipc`` prefix
    patterns and ``segments[].keywords``). Every number is range-checked; a bad value raises
    :class:`SynthParameterError` naming the parameter and its allowed range.

    >>> spec = load_chain("superhard")
    >>> spec.segment("hpht_crystal").tier, spec.segment("hpht_crystal").ipc[0]
    ('midstream', 'C30B29/04')
    """
    path = Path(case) if str(case).endswith(".toml") else CHAINS_DIR / f"{case}.toml"
    if not path.is_file():
        raise UnknownNameError(f"unknown case {str(case)!r}", fix=f"use one of: {', '.join(chain_names())}",
                               hint="案例数据集名称不存在")
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return _spec_from_dict(data, str(path))


def _growth(d: object, name: str) -> Growth:
    if not isinstance(d, Mapping):
        raise _bad(name, d, "a table {K = ..., t_m = ..., dt = ...}")
    return Growth(K=_num(d.get("K"), f"{name}.K", 0, 100_000),
                  t_m=_num(d.get("t_m"), f"{name}.t_m", 1950, 2080),
                  dt=_num(d.get("dt"), f"{name}.dt", 1, 80))


def _spec_from_dict(d: Mapping[str, Any], origin: str) -> ChainSpec:
    case = str(d.get("case", Path(origin).stem))
    effects = tuple((str(e[0]), str(e[1])) for e in d.get("effects", []))
    if len(effects) < 3:
        raise _bad("effects", d.get("effects"), "a list of at least 3 [effect, verb] pairs")
    eff_names = [e[0] for e in effects]
    segs: list[Segment] = []
    seen_ipc: dict[str, str] = {}
    for i, sd in enumerate(d.get("segments", [])):
        sid = str(sd.get("id", f"segment{i}"))
        pre = f"segments[{sid}]"
        tier = str(sd.get("tier", ""))
        if tier not in TIERS:
            raise _bad(f"{pre}.tier", tier, " / ".join(TIERS))
        ipc = _strs(sd.get("ipc"), f"{pre}.ipc", 1)
        for pat in ipc:
            for other, owner in seen_ipc.items():
                if owner != sid and (pat.startswith(other) or other.startswith(pat)):
                    raise _bad(f"{pre}.ipc", pat, f"patterns that do not overlap other segments ({owner}: {other})")
            seen_ipc[pat] = sid
        growth = {}
        for layer in LAYERS:
            growth[layer] = _growth(sd.get("growth", {}).get(layer), f"{pre}.growth.{layer}")
        diag = str(sd.get("diagnosis", "—"))
        if diag not in DIAGNOSES:
            raise _bad(f"{pre}.diagnosis", diag, " / ".join(DIAGNOSES))
        segs.append(Segment(
            id=sid, name=str(sd.get("name", sid)), name_en=str(sd.get("name_en", sid)), tier=tier, ipc=ipc,
            keywords=_strs(sd.get("keywords"), f"{pre}.keywords", 1),
            products=_strs(sd.get("products"), f"{pre}.products", 1),
            devices=_strs(sd.get("devices", sd.get("products")), f"{pre}.devices", 1),
            means=_strs(sd.get("means"), f"{pre}.means", 2),
            titles_en=_strs(sd.get("titles_en", [sd.get("name_en", sid)]), f"{pre}.titles_en", 1),
            ipc_extra=_strs(sd.get("ipc_extra", []), f"{pre}.ipc_extra"),
            invention_share=_num(sd.get("invention_share", 0.6), f"{pre}.invention_share", 0.01, 0.99),
            design_share=_num(sd.get("design_share", 0.0), f"{pre}.design_share", 0.0, 0.5),
            quality=_num(sd.get("quality", 1.0), f"{pre}.quality", 0.1, 5.0),
            growth=growth, diagnosis=diag, note=str(sd.get("note", "")), extension=bool(sd.get("extension", False))))
    if len(segs) < 2:
        raise _bad("segments", len(segs), "at least 2 segments")
    if len({s.id for s in segs}) != len(segs):
        raise _bad("segments[].id", [s.id for s in segs], "unique ids")
    means_all = {m for s in segs for m in s.means}
    cells = []
    for key in ("blank_cells", "hot_cells"):
        pairs = []
        for c in d.get(key, []):
            if len(c) != 2 or c[0] not in means_all or c[1] not in eff_names:
                raise _bad(key, c, "[means, effect] pairs naming a segment means and a listed effect")
            pairs.append((str(c[0]), str(c[1])))
        cells.append(tuple(pairs))
    actors = {}
    for layer in LAYERS:
        row = d.get("actors", {}).get(layer, {})
        actors[layer] = {k: int(_num(row.get(k, 0), f"actors.{layer}.{k}", 0, 5000, integer=True))
                         for k in ("enterprise", "university", "institute", "individual")}
        if sum(actors[layer].values()) < 1:
            raise _bad(f"actors.{layer}", row, "at least one actor")
    params = dict(DEFAULT_PARAMS)
    for k, v in d.get("params", {}).items():
        if k not in DEFAULT_PARAMS:
            raise _bad(f"params.{k}", v, f"one of the known parameters ({', '.join(DEFAULT_PARAMS)})")
        hi = 20.0 if k.startswith("maintenance") else 5.0 if k.endswith("logit") else 1.0
        lo = -5.0 if k.endswith("logit") else 0.0
        params[k] = _num(v, f"params.{k}", lo, hi)
    cutoff = pd.Timestamp(str(d.get("cutoff", "2024-12-31")))
    start = int(_num(d.get("start_year", 2000), "start_year", 1985, cutoff.year - 10, integer=True))
    _num(cutoff.year, "cutoff", 2000, 2035, integer=True)
    layout = str(d.get("raw_layout", "incopat"))
    if layout not in ("incopat", "patsnap"):
        raise _bad("raw_layout", layout, "incopat / patsnap")
    for sec in ("region", "domestic", "foreign"):
        if sec not in d:
            raise _bad(sec, None, f"a [{sec}] table")
    for pl in d["region"].get("places", []) + d["domestic"].get("places", []):
        if (pl[0], pl[1], pl[2]) not in _PLACE_INDEX:
            raise _bad("places", pl, "a (province, city, district) listed in navtrain.synth.PLACES")
    for cc in d["foreign"].get("countries", {}):
        if cc not in _COUNTRIES:
            raise _bad("foreign.countries", cc, ", ".join(_COUNTRIES))
    return ChainSpec(
        case=case, code=str(d.get("code", case[:2].upper())), title=str(d.get("title", case)),
        title_en=str(d.get("title_en", case)), scenario=str(d.get("scenario", "")),
        scenario_en=str(d.get("scenario_en", "")), standard_part=str(d.get("standard_part", "")),
        seed=int(_num(d.get("seed", 0), "seed", 0, 2**32 - 1, integer=True)), start_year=start, cutoff=cutoff,
        raw_layout=layout, region=d["region"], domestic=d["domestic"], foreign=d["foreign"], actors=actors,
        anchors=tuple(d.get("anchors", [])), segments=tuple(segs), effects=effects,
        blank_cells=cells[0], hot_cells=cells[1],
        firm_words=tuple((str(w[0]), str(w[1])) for w in d.get("firm_words", [["科技", "Technology"]])),
        narrative=str(d.get("narrative", "")), narrative_en=str(d.get("narrative_en", "")), params=params,
        calibration=_calibration_spec(d.get("calibration", {})), path=origin)


def _calibration_spec(d: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, val in d.items():
        if key == "cluster_district":
            out[key] = str(val)
            continue
        if not isinstance(val, list | tuple) or len(val) != 3:
            raise _bad(f"calibration.{key}", val, "[low, high, 'source or assumption']")
        lo = _num(val[0], f"calibration.{key}[0]", 0, 1)
        hi = _num(val[1], f"calibration.{key}[1]", lo, 1)
        out[key] = (lo, hi, str(val[2]))
    return out


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


def _logit(p: np.ndarray | float) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _days(ts: pd.Timestamp | str) -> int:
    return int((pd.Timestamp(ts) - pd.Timestamp("1970-01-01")).days)


def _to_dt(days: np.ndarray) -> pd.Series:
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


def _anniversary(days: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Filing date + n years (same month and day; 29 Feb → 28 Feb), as day numbers."""
    y, m, d = _ymd(days)
    yy = y + np.asarray(years, dtype=np.int64)
    d = np.where((m == 2) & (d == 29), 28, d)
    months = (yy - 1970) * 12 + (m - 1)
    base = months.astype("datetime64[M]").astype("datetime64[D]")
    return (base + (d - 1) * DAY - np.datetime64("1970-01-01", "D")).astype(np.int64)


def _year_of(days: np.ndarray) -> np.ndarray:
    return _ymd(days)[0]


def _choice(rng: np.random.Generator, n: int, weights: np.ndarray) -> np.ndarray:
    """n indices drawn with probability ∝ weights (vectorised inverse-CDF)."""
    c = np.cumsum(np.asarray(weights, dtype=float))
    return np.minimum(np.searchsorted(c, rng.random(n) * c[-1], side="right"), len(c) - 1)


def _join(parts: list[np.ndarray], sep: str) -> np.ndarray:
    """Join columns of strings row-wise, skipping empty strings."""
    out = np.full(len(parts[0]), "", dtype=object)
    for p in parts:
        p = np.asarray(p, dtype=object)
        add = p != ""
        both = add & (out != "")
        out = np.where(both, out + sep + p, np.where(add, p, out))
    return out


# =========================================================================== actors
@dataclass
class _Actors:
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


def _make_actors(spec: ChainSpec, rng: np.random.Generator) -> _Actors:
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
    return _Actors(table=table, aff=aff, variants=var)


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
class _People:
    members: pd.DataFrame   # one row per (person, team) spell
    matrix: np.ndarray      # (n_teams, slots) member-row indices, -1 padded
    team_actor: np.ndarray
    team_key: np.ndarray


def _make_people(spec: ChainSpec, actors: _Actors, rng: np.random.Generator) -> _People:
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
    return _People(members=members, matrix=matrix, team_actor=team_actor, team_key=team_key)


# =========================================================================== filings (families)
def _make_filings(spec: ChainSpec, actors: _Actors, rng: np.random.Generator, scale: float) -> pd.DataFrame:
    T = actors.table
    years = np.arange(spec.start_year, spec.cutoff.year + 1)
    size = T["size"].to_numpy()
    entry = T["entry"].to_numpy()
    exit_ = T["exit"].to_numpy()
    layer_of = T["layer"].to_numpy()
    out_layer, out_seg, out_year, out_actor = [], [], [], []
    for li, layer in enumerate(LAYERS):
        in_layer = layer_of == layer
        for si, seg in enumerate(spec.segments):
            g = seg.growth[layer]
            if g.K <= 0:
                continue
            cum = logistic_cumulative(years, g.K, g.t_m, g.dt)
            counts = rng.poisson(np.diff(cum, prepend=0.0) * scale)
            share = cum / g.K
            aff = actors.aff[:, si] * in_layer
            cand = np.nonzero(aff > 0)[0]
            if len(cand) == 0:
                cand = np.nonzero(in_layer)[0]
                aff = np.where(in_layer, 0.05, 0.0)
            for yi, y in enumerate(years):  # (layer, segment, year) groups, not rows
                c = int(counts[yi])
                if c == 0:
                    continue
                active = (entry[cand] <= y) & (exit_[cand] >= y)
                w = size[cand] ** (0.8 + 0.6 * share[yi]) * aff[cand]
                if (w * active).sum() > 0:
                    w = w * active
                pick = cand[_choice(rng, c, w)]
                out_layer.append(np.full(c, li))
                out_seg.append(np.full(c, si))
                out_year.append(np.full(c, y))
                out_actor.append(pick)
    f = pd.DataFrame({"layer": np.concatenate(out_layer), "seg": np.concatenate(out_seg),
                      "year": np.concatenate(out_year), "actor": np.concatenate(out_actor)})
    n = len(f)
    leap = ((f["year"] % 4 == 0) & ((f["year"] % 100 != 0) | (f["year"] % 400 == 0))).to_numpy()
    doy = np.floor(rng.random(n) * np.where(leap, 366, 365)).astype(np.int64)
    jan1 = (f["year"].to_numpy() - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    f["prio"] = jan1 + doy
    f = f.sort_values(["prio", "layer", "seg", "actor"], kind="stable").reset_index(drop=True)
    f["fid"] = np.arange(len(f))
    return f


def _attributes(spec: ChainSpec, actors: _Actors, f: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Type, quality and co-applicant of each first filing."""
    T = actors.table
    n = len(f)
    P = spec.params
    segs = spec.segments
    a = f["actor"].to_numpy()
    kind = T["kind"].to_numpy()[a]
    seg = f["seg"].to_numpy()
    layer = f["layer"].to_numpy()
    inv_share = np.array([s.invention_share for s in segs])[seg]
    des_share = np.array([s.design_share for s in segs])[seg]
    domestic = layer < 2
    p_design = np.where(domestic & np.isin(kind, ["enterprise", "individual"]), des_share, 0.0)
    is_design = rng.random(n) < p_design
    p_inv = _sigmoid(_logit(inv_share) + T["inv_shift"].to_numpy()[a])
    is_inv = ~is_design & (rng.random(n) < p_inv)
    ptype = np.where(is_design, 2, np.where(is_inv, 0, 1))
    ptype = np.where(domestic, ptype, 0)
    f = f.assign(ptype=ptype)
    q = np.exp(rng.normal(0.0, 0.6, n)) * T["quality"].to_numpy()[a] * np.array([s.quality for s in segs])[seg]
    f["quality"] = q * np.array([1.0, 0.45, 0.2])[ptype]
    # co-applicants
    p_co = np.select([kind == "enterprise", kind == "university", kind == "institute"],
                     [P["coapp_enterprise"], P["coapp_university"], P["coapp_institute"]], P["coapp_individual"])
    p_co = np.where(domestic, p_co, 0.01)
    co = rng.random(n) < p_co
    want = np.where(kind == "enterprise", np.where(rng.random(n) < 0.65, "academic", "enterprise"),
                    np.where(kind == "individual", "enterprise", "enterprise"))
    group = T["group"].to_numpy()
    co_actor = np.full(n, -1)
    t_kind = T["kind"].to_numpy()
    t_layer = T["layer"].to_numpy()
    for li in range(3):
        for w_kind in ("academic", "enterprise"):
            sel = np.nonzero(co & (layer == li) & (want == w_kind))[0]
            if not len(sel):
                continue
            ok_kind = np.isin(t_kind, ["university", "institute"]) if w_kind == "academic" else t_kind == "enterprise"
            cand = np.nonzero(ok_kind & (t_layer == LAYERS[li]))[0]
            if not len(cand):
                continue
            for si in np.unique(seg[sel]):  # per segment: affinity-weighted partners
                rows = sel[seg[sel] == si]
                w = T["size"].to_numpy()[cand] * (actors.aff[cand, si] + 0.02)
                co_actor[rows] = cand[_choice(rng, len(rows), w)]
    # members of a group (parent + subsidiaries) co-file with each other
    grp_sizes = pd.Series(group).map(pd.Series(group).value_counts()).to_numpy()
    in_group = (grp_sizes[a] > 1) & (rng.random(n) < 0.2) & domestic
    for gname in np.unique(group[a[in_group]]):
        rows = np.nonzero(in_group & (group[a] == gname))[0]
        mates = np.nonzero(group == gname)[0]
        co_actor[rows] = mates[rng.integers(0, len(mates), len(rows))]
    co_actor[co_actor == a] = -1
    f["co_actor"] = co_actor
    return f


# =========================================================================== documents
_OVERSEAS = (("WO", 0.80), ("US", 0.45), ("EP", 0.25), ("JP", 0.12), ("KR", 0.06))


def _lognormal_days(rng: np.random.Generator, median_days: np.ndarray | float, sigma: float, n: int) -> np.ndarray:
    return np.asarray(median_days) * np.exp(rng.normal(0.0, sigma, n))


def _documents(spec: ChainSpec, actors: _Actors, f: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One row per document (all offices, visible or not), with dates and legal history."""
    T = actors.table
    P = spec.params
    n = len(f)
    layer = f["layer"].to_numpy()
    a = f["actor"].to_numpy()
    q = f["quality"].to_numpy()
    ptype = f["ptype"].to_numpy()
    country = T["country"].to_numpy()[a]
    home = np.array([_COUNTRIES[c][2] if c in _COUNTRIES else "CN" for c in country], dtype=object)
    domestic = layer < 2
    parts = []
    # domestic first filings: the Chinese application itself
    idx = np.nonzero(domestic)[0]
    parts.append(pd.DataFrame({"fid": idx, "office": "CN", "role": "root"}))
    # overseas members of domestic inventions
    p_ov = np.clip(P["overseas_base"] * T["overseas"].to_numpy()[a] * np.sqrt(q), 0, 0.7)
    ov = domestic & (ptype == 0) & (rng.random(n) < p_ov)
    for off, p in _OVERSEAS:
        sel = np.nonzero(ov & (rng.random(n) < p))[0]
        parts.append(pd.DataFrame({"fid": sel, "office": off, "role": "overseas"}))
    # foreign families: home first filing, Chinese member, others
    idx = np.nonzero(~domestic)[0]
    parts.append(pd.DataFrame({"fid": idx, "office": home[idx], "role": "root"}))
    cn = ~domestic & (rng.random(n) < P["p_foreign_cn"])
    parts.append(pd.DataFrame({"fid": np.nonzero(cn)[0], "office": "CN", "role": "foreign_cn"}))
    for off, p in (("US", 0.35), ("EP", 0.25), ("WO", 0.35), ("JP", 0.08), ("KR", 0.04)):
        sel = np.nonzero(~domestic & (home != off) & (rng.random(n) < p))[0]
        parts.append(pd.DataFrame({"fid": sel, "office": off, "role": "overseas"}))
    d = pd.concat(parts, ignore_index=True)
    d = d.sort_values(["fid", "role", "office"], kind="stable").reset_index(drop=True)
    m = len(d)
    fid = d["fid"].to_numpy()
    office = d["office"].to_numpy()
    role = d["role"].to_numpy()
    prio = f["prio"].to_numpy()[fid].astype(float)
    dq = q[fid]
    dtype_ = np.where(office == "CN", ptype[fid], 0)
    akind = T["kind"].to_numpy()[a[fid]]
    is_cn = office == "CN"
    cut = float(_days(spec.cutoff))
    # filing dates
    app = prio.copy()
    paris = (role == "foreign_cn") | ((role == "overseas") & (office == "WO"))
    app[paris] = prio[paris] + 365 - np.floor(rng.random(paris.sum()) * 40)
    national = (role == "overseas") & (office != "WO")
    app[national] = prio[national] + 913 - np.floor(rng.random(national.sum()) * 60)
    # first publication
    pub1 = prio + 548 + np.round(rng.normal(0, 12, m)) + np.floor(rng.random(m) * 25)
    early = is_cn & (role == "root") & (rng.random(m) < P["p_early_publication"])
    pub1[early] = app[early] + np.round(_lognormal_days(rng, 200, 0.45, int(early.sum())))
    pub1[national] = app[national] + 90 + np.floor(rng.random(national.sum()) * 200)
    # utility models and designs: published at grant
    um = is_cn & (dtype_ == 1)
    des = is_cn & (dtype_ == 2)
    trend = np.clip(1.0 - 0.015 * (_year_of(app.astype(np.int64)) - 2010), 0.8, 1.25)
    um_lag = np.clip(_lognormal_days(rng, 195 * trend, 0.33, m), 75, 540)
    des_lag = np.clip(_lognormal_days(rng, 150 * trend, 0.30, m), 60, 420)
    pub1[um] = app[um] + np.round(um_lag[um])
    pub1[des] = app[des] + np.round(des_lag[des])
    # invention examination and decision (CN); grant for other offices
    inv_cn = is_cn & (dtype_ == 0)
    exam = np.full(m, np.nan)
    decision = np.full(m, np.nan)
    outcome = np.zeros(m, dtype=np.int8)  # 0 none, 1 grant, 2 reject, 3 withdraw
    asked = inv_cn & (rng.random(m) < np.where(role == "foreign_cn", 0.97, P["p_exam_request"]))
    exam[asked] = np.maximum(app[asked] + 120 + np.floor(rng.random(asked.sum()) * 420), pub1[asked] - 30)
    yr = _year_of(app.astype(np.int64))
    med = np.clip(1050 - 25 * (yr - 2010), 640, 1180).astype(float)
    dec = app + np.round(_lognormal_days(rng, med, 0.28, m))
    decision[asked] = np.maximum(dec[asked], exam[asked] + 120)
    base = np.where(role == "foreign_cn", P["foreign_grant_logit"], P["grant_logit"])
    base = base + np.select([akind == "university", akind == "individual", akind == "institute"],
                            [0.35, -1.2, 0.2], 0.0)
    p_grant = _sigmoid(base + 0.8 * np.log(np.maximum(dq, 1e-3)))
    u = rng.random(m)
    outcome[asked] = np.where(u[asked] < p_grant[asked], 1, np.where(rng.random(asked.sum()) < 0.6, 2, 3))
    not_asked = inv_cn & ~asked
    decision[not_asked] = app[not_asked] + 3 * 365 + 60 + np.floor(rng.random(not_asked.sum()) * 90)
    outcome[not_asked] = 3
    decision[um] = pub1[um]
    decision[des] = pub1[des]
    outcome[um | des] = 1
    other = ~is_cn & (office != "WO")
    g_other = other & (rng.random(m) < 0.62)
    decision[g_other] = app[g_other] + np.round(_lognormal_days(rng, 1150, 0.3, int(g_other.sum())))
    outcome[g_other] = 1
    grant = np.where(outcome == 1, decision, np.nan)
    # terms, maintenance, transactions (granted CN documents)
    term_years = np.where(dtype_ == 0, 20, np.where(dtype_ == 1, 10, np.where(app >= _days("2021-06-01"), 15, 10)))
    app_i = app.astype(np.int64)
    term_end = _anniversary(app_i, term_years).astype(float)
    lam = np.where(dtype_ == 0, P["maintenance_years_invention"], P["maintenance_years_um"])
    lam = lam * np.select([akind == "university", akind == "individual", akind == "institute"], [0.6, 0.55, 0.8], 1.0)
    lam = lam * np.clip(dq, 0.2, 5) ** 0.25 * np.where(role == "foreign_cn", 1.4, 1.0)
    life = lam * rng.weibull(P["maintenance_shape"], m)
    g_age = np.where(np.isfinite(grant), (grant - app) / 365.25, 0)
    paid_years = np.maximum(np.ceil(life), np.floor(g_age) + 1).astype(np.int64)
    lapse = _anniversary(app_i, np.minimum(paid_years, term_years)).astype(float)
    ends_by_term = paid_years >= term_years
    granted_cn = is_cn & np.isfinite(grant)
    end_right = np.where(ends_by_term, term_end, lapse)
    ev = {}
    for name, base_p in (("transfer", 0.07), ("licence", 0.02), ("pledge", 0.03)):
        p = np.full(m, base_p)
        if name == "transfer":
            p = p * np.select([akind == "university", akind == "individual"], [1.6, 1.8], 1.0)
        if name == "licence":
            p = p * np.where(akind == "university", 2.0, 1.0)
        if name == "pledge":
            p = p * np.where(akind == "enterprise", 1.0, 0.1) * np.where(yr >= 2015, 2.0, 0.7)
        p = p * np.clip(dq, 0.3, 3) ** 0.5
        hit = granted_cn & (rng.random(m) < p)
        when = grant + rng.random(m) * (np.minimum(end_right, grant + 8 * 365) - grant)
        ev[name] = np.where(hit, np.round(when), np.nan)
    d = d.assign(app=app, prio=prio, pub1=pub1, exam=exam, decision=decision, outcome=outcome, grant=grant,
                 term_end=term_end, end_right=np.where(granted_cn, end_right, np.nan),
                 ends_by_term=ends_by_term, ptype=dtype_, quality=dq,
                 transfer=ev["transfer"], licence=ev["licence"], pledge=ev["pledge"])
    d["visible"] = d["pub1"] <= cut
    # statuses of non-CN documents
    lapsed_other = other & ~np.isfinite(grant) & (cut - app > 5 * 365) & (rng.random(m) < 0.5)
    d["other_lapsed"] = lapsed_other
    return d


def _legal(spec: ChainSpec, d: pd.DataFrame) -> pd.DataFrame:
    """Legal events up to the cut-off (canonical CNIPA names), status and expiry date."""
    cut = float(_days(spec.cutoff))
    is_cn = (d["office"] == "CN").to_numpy()
    dec = d["decision"].to_numpy()
    out = d["outcome"].to_numpy()
    decided = np.isfinite(dec) & (dec <= cut)
    grant = d["grant"].to_numpy()
    granted = np.isfinite(grant) & (grant <= cut)
    end_right = d["end_right"].to_numpy()
    ended = granted & np.isfinite(end_right) & (end_right <= cut)
    by_term = d["ends_by_term"].to_numpy()
    stamps = {
        "exam": np.where(is_cn & (d["exam"].to_numpy() <= cut), d["exam"].to_numpy(), np.nan),
        "grant": np.where(is_cn & granted, grant, np.nan),
        "reject": np.where(is_cn & decided & (out == 2), dec, np.nan),
        "withdraw": np.where(is_cn & decided & (out == 3), dec, np.nan),
    }
    for name in ("transfer", "licence", "pledge"):
        t = d[name].to_numpy()
        stamps[name] = np.where(is_cn & (t <= cut) & ~(ended & (t >= end_right)), t, np.nan)
    stamps["lapse"] = np.where(is_cn & ended & ~by_term, end_right, np.nan)
    stamps["expire"] = np.where(is_cn & ended & by_term, end_right, np.nan)
    names = list(stamps)
    mat = np.column_stack([stamps[k] for k in names])
    order = np.argsort(np.where(np.isnan(mat), np.inf, mat), axis=1, kind="stable")
    labels = {}
    for j in range(3):
        lab = np.array([EVENTS[k][j] for k in names], dtype=object)
        cols = []
        for c in range(len(names)):
            col = order[:, c]
            present = np.isfinite(mat[np.arange(len(d)), col])
            cols.append(np.where(present, lab[col], ""))
        labels[j] = _join(cols, ";")
    status = np.where(granted & ~ended, "valid", np.where((decided & (out > 1)) | ended, "lapsed", "pending"))
    status = np.where(is_cn, status, np.where(granted, "valid", np.where(d["other_lapsed"].to_numpy(), "lapsed",
                                                                       "pending")))
    expiry = np.where(granted & is_cn, np.where(ended, end_right, d["term_end"].to_numpy()), np.nan)
    return d.assign(legal_events=labels[0], events_incopat=labels[1], events_patsnap=labels[2],
                    legal_status=status, expiry=expiry, granted_now=granted)


# =========================================================================== numbers
#: (date, first number) anchors of publication-number series; numbers between anchors are
#: interpolated by date. Plausible ranges, not official ones (see docs/datasets.md).
_PUB_ANCHORS: dict[str, tuple[tuple[str, int], ...]] = {
    "CN-A7": (("2000-01-01", 1240000), ("2007-06-30", 1990000)),
    "CN-A9": (("2007-07-01", 101000000), ("2008-01-01", 101100000), ("2009-01-01", 101350000),
              ("2010-01-01", 101650000), ("2011-03-01", 102000000), ("2013-04-01", 103000000),
              ("2014-10-01", 104000000), ("2015-11-01", 105000000), ("2016-10-01", 106000000),
              ("2017-08-01", 107000000), ("2018-05-01", 108000000), ("2018-12-01", 109000000),
              ("2019-07-01", 110000000), ("2020-05-01", 111000000), ("2020-12-01", 112000000),
              ("2021-06-01", 113000000), ("2022-01-01", 114000000), ("2022-09-01", 115000000),
              ("2023-04-01", 116000000), ("2023-11-01", 117000000), ("2024-06-01", 118000000),
              ("2024-12-15", 119000000), ("2026-01-01", 120500000)),
    "CN-U7": (("2000-01-01", 2370000), ("2007-12-31", 2990000)),
    "CN-U9": (("2008-01-01", 201000000), ("2011-01-01", 202000000), ("2012-10-01", 203000000),
              ("2014-06-01", 204000000), ("2016-03-01", 205000000), ("2017-01-01", 206000000),
              ("2018-01-01", 207000000), ("2018-10-01", 208000000), ("2019-05-01", 209000000),
              ("2019-12-01", 210000000), ("2020-06-01", 211000000), ("2020-10-01", 212000000),
              ("2021-02-01", 213000000), ("2021-08-01", 214000000), ("2021-12-01", 215000000),
              ("2022-04-01", 216000000), ("2022-07-01", 217000000), ("2022-12-01", 218000000),
              ("2023-05-01", 219000000), ("2023-11-01", 220000000), ("2024-06-01", 221000000),
              ("2024-12-01", 222000000), ("2026-01-01", 224000000)),
    "CN-S7": (("2000-01-01", 3100000), ("2007-12-31", 3750000)),
    "CN-S9": (("2008-01-01", 300700000), ("2012-08-01", 302000000), ("2015-07-01", 303000000),
              ("2017-03-01", 304000000), ("2019-03-01", 305000000), ("2020-12-01", 306000000),
              ("2022-03-01", 307000000), ("2023-06-01", 308000000), ("2024-08-01", 309000000),
              ("2026-01-01", 310500000)),
    "US-B": (("2000-01-01", 6010000), ("2010-01-01", 7640000), ("2015-01-01", 8925000),
             ("2018-06-19", 10000000), ("2021-01-05", 10881000), ("2024-01-02", 11857000),
             ("2026-01-01", 12500000)),
    "EP": (("2000-01-01", 990000), ("2010-01-01", 2140000), ("2015-01-01", 2820000), ("2018-01-01", 3260000),
           ("2020-01-01", 3590000), ("2022-01-01", 3940000), ("2024-01-01", 4330000), ("2026-01-01", 4700000)),
    "JP-B": (("2000-01-01", 3000000), ("2010-01-01", 4420000), ("2015-01-01", 5680000),
             ("2020-01-01", 6640000), ("2024-01-01", 7420000), ("2026-01-01", 7800000)),
    "KR-B": (("2000-01-01", 250000), ("2010-01-01", 950000), ("2015-01-01", 1480000),
             ("2020-01-01", 2060000), ("2024-01-01", 2630000), ("2026-01-01", 2900000)),
}
#: approximate yearly application volumes at CNIPA (thousands) for plausible serial ranges
_CN_VOLUME = {1: ((2000, 170), (2005, 173), (2010, 391), (2015, 1102), (2020, 1497), (2024, 1800)),
              2: ((2000, 68), (2005, 139), (2010, 409), (2015, 1128), (2020, 2927), (2022, 2950),
                  (2023, 2090), (2024, 2100)),
              3: ((2000, 50), (2005, 163), (2010, 421), (2015, 569), (2020, 770), (2024, 900))}


def _interp_anchor(key: str, days: np.ndarray) -> np.ndarray:
    xs = np.array([_days(a[0]) for a in _PUB_ANCHORS[key]], dtype=float)
    ys = np.array([a[1] for a in _PUB_ANCHORS[key]], dtype=float)
    slope = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    out = np.interp(days, xs, ys)
    out = np.where(days > xs[-1], ys[-1] + (days - xs[-1]) * slope, out)
    return out


def _increasing(base: np.ndarray, order_by: np.ndarray, groups: np.ndarray, rng: np.random.Generator,
                jitter: int) -> np.ndarray:
    """Integers near ``base``, strictly increasing with ``order_by`` inside each group."""
    out = np.zeros(len(base), dtype=np.int64)
    if not len(base):
        return out
    order = np.lexsort((order_by, groups))
    x = np.floor(base[order] + rng.random(len(base)) * jitter).astype(np.int64)
    g = groups[order]
    starts = np.r_[True, g[1:] != g[:-1]]
    seg_id = np.cumsum(starts) - 1
    pos = np.arange(len(x)) - np.nonzero(starts)[0][seg_id]
    key = x - pos
    # running maximum restarted per group: add a large offset per group
    offset = seg_id.astype(np.int64) * (10**12)
    run = np.maximum.accumulate(key + offset) - offset
    out[order] = run + pos
    return out


def _numbers(spec: ChainSpec, d: pd.DataFrame, actors: _Actors, f: pd.DataFrame,
             rng: np.random.Generator) -> pd.DataFrame:
    m = len(d)
    office = d["office"].to_numpy()
    is_cn = office == "CN"
    ptype = d["ptype"].to_numpy()
    app = d["app"].to_numpy()
    app_i = app.astype(np.int64)
    pub1 = d["pub1"].to_numpy()
    granted = d["granted_now"].to_numpy()
    grant = d["grant"].to_numpy()
    year = _year_of(app_i)
    jan1 = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    frac = (app_i - jan1) / 366.0
    app_no = np.full(m, "", dtype=object)
    pub_no = np.full(m, "", dtype=object)
    kind = np.full(m, "", dtype=object)
    row_pub = np.where(granted, grant, pub1)
    # --- CN application numbers
    tdig = np.where(ptype == 0, 1, np.where(ptype == 1, 2, 3))
    vol = np.zeros(m)
    for t, pts in _CN_VOLUME.items():
        vol = np.where(tdig == t, np.interp(year, [p[0] for p in pts], [p[1] * 1000 for p in pts]), vol)
    serial = _increasing(frac * vol * 0.98 + 1, app, np.where(is_cn, year * 10 + tdig, -1), rng, 400)
    serial = np.clip(serial, 1, 9_999_999)
    sel = np.nonzero(is_cn)[0]
    app_no[sel] = app_number(year[sel], tdig[sel], serial[sel])
    # --- CN publication numbers (a granted invention keeps its A number with kind B)
    for t, letter in ((0, "A"), (1, "U"), (2, "S")):
        ser = {0: "A", 1: "U", 2: "S"}[t]
        s_idx = np.nonzero(is_cn & (ptype == t))[0]
        if not len(s_idx):
            continue
        days = pub1[s_idx]
        nine = days >= _days("2007-07-01" if t == 0 else "2008-01-01")
        base = np.where(nine, _interp_anchor(f"CN-{ser}9", days), _interp_anchor(f"CN-{ser}7", days))
        nums = _increasing(base, days, nine.astype(np.int64), rng, 600)
        text = nums.astype(str)
        k = np.where((t == 0) & granted[s_idx], "B", letter)
        pub_no[s_idx] = "CN" + text.astype(object) + k
        kind[s_idx] = k
    # --- other offices
    def put(mask: np.ndarray, fmt_no: np.ndarray, fmt_app: np.ndarray, k: np.ndarray) -> None:
        pub_no[mask] = fmt_no
        app_no[mask] = fmt_app
        kind[mask] = k

    pyear = _year_of(np.nan_to_num(pub1, nan=0).astype(np.int64))
    pjan = (pyear - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    pfrac = (pub1 - pjan) / 366.0
    fid = d["fid"].to_numpy()
    a_country = actors.table["country"].to_numpy()[f["actor"].to_numpy()[fid]]
    for off in ("US", "EP", "WO", "JP", "KR", "DE"):
        mask = office == off
        if not mask.any():
            continue
        idx = np.nonzero(mask)[0]
        g = granted[idx]
        if off == "US":
            pser = _increasing(pfrac[idx] * 420000 + 1, pub1[idx], pyear[idx], rng, 300)
            a_no = np.char.zfill(np.floor(rng.random(len(idx)) * 899999 + 100000).astype(np.int64).astype(str), 6)
            series = np.clip(13 + np.floor((year[idx] - 2011) * 0.45), 10, 19).astype(np.int64)
            gnum = _increasing(_interp_anchor("US-B", np.nan_to_num(grant[idx])), np.nan_to_num(grant[idx]),
                               np.zeros(len(idx), dtype=np.int64), rng, 2000)
            no = np.where(g, "US" + gnum.astype(str).astype(object) + "B2",
                          "US" + pyear[idx].astype(str).astype(object)
                          + np.char.zfill(pser.astype(str), 7).astype(object) + "A1")
            put(mask, no, "US" + series.astype(str).astype(object) + "/" + a_no.astype(object),
                np.where(g, "B2", "A1"))
        elif off == "EP":
            num = _increasing(_interp_anchor("EP", pub1[idx]), pub1[idx], np.zeros(len(idx), dtype=np.int64), rng, 900)
            chk = rng.integers(0, 10, len(idx)).astype(str)
            yy = np.char.zfill((year[idx] % 100).astype(str), 2)
            a_ser = np.char.zfill(np.floor(rng.random(len(idx)) * 899999 + 100000).astype(np.int64).astype(str), 6)
            put(mask, "EP" + num.astype(str).astype(object) + np.where(g, "B1", "A1").astype(object),
                "EP" + yy.astype(object) + a_ser.astype(object) + "." + chk.astype(object), np.where(g, "B1", "A1"))
        elif off == "WO":
            ser = _increasing(pfrac[idx] * 250000 + 1, pub1[idx], pyear[idx], rng, 200)
            cc = np.where(a_country[idx] == "CN", "CN", a_country[idx])
            a_ser = np.char.zfill(np.floor(rng.random(len(idx)) * 99999 + 10000).astype(np.int64).astype(str), 6)
            put(mask, "WO" + pyear[idx].astype(str).astype(object) + np.char.zfill(ser.astype(str), 6).astype(object)
                + "A1", "PCT/" + cc.astype(object) + year[idx].astype(str).astype(object) + "/" + a_ser.astype(object),
                np.full(len(idx), "A1", dtype=object))
        elif off in ("JP", "KR"):
            width = 6 if off == "JP" else 7
            ser = _increasing(pfrac[idx] * (90000 if off == "JP" else 150000) + 1, pub1[idx], pyear[idx], rng, 300)
            gnum = _increasing(_interp_anchor(f"{off}-B", np.nan_to_num(grant[idx])), np.nan_to_num(grant[idx]),
                               np.zeros(len(idx), dtype=np.int64), rng, 900)
            head = "KR10" if off == "KR" else "JP"
            pub_a = head + pyear[idx].astype(str).astype(object) + np.char.zfill(ser.astype(str), width).astype(object)
            pub_b = (("KR10" if off == "KR" else "JP") + gnum.astype(str).astype(object))
            app_s = np.char.zfill(np.floor(rng.random(len(idx)) * 89999 + 10000).astype(np.int64).astype(str), width)
            a_txt = (("KR10-" if off == "KR" else "JP") + year[idx].astype(str).astype(object) + "-"
                     + app_s.astype(object))
            put(mask, np.where(g, pub_b + ("B1" if off == "KR" else "B2"), pub_a + "A"),
                a_txt, np.where(g, "B1" if off == "KR" else "B2", "A"))
        else:  # DE
            ser = np.char.zfill(np.floor(rng.random(len(idx)) * 899999 + 100000).astype(np.int64).astype(str), 6)
            chk = rng.integers(0, 10, len(idx)).astype(str)
            base = "DE10" + year[idx].astype(str).astype(object) + ser.astype(object)
            put(mask, base + np.where(g, "B4", "A1").astype(object), base + "." + chk.astype(object),
                np.where(g, "B4", "A1"))
    return d.assign(app_no=app_no, pub_no=pub_no, kind=kind, row_pub=row_pub)


# =========================================================================== content
_INV_SUFFIX_MATERIAL = ("", "及其制备方法", "的制备方法", "及其应用", "的加工方法", "及其生产工艺")
_INV_SUFFIX_DEVICE = ("", "及其控制方法", "及其使用方法", "系统及方法", "的设计方法")
_DEVICE_END = ("装置", "系统", "机", "设备", "结构", "组件", "机构", "轴承", "钻头", "砂轮", "锯片", "刀具",
               "起重机", "葫芦", "减速机", "电机", "密封", "吊具", "吊钩", "机组", "掘进机", "盾构机")


def _pick(rng: np.random.Generator, choices: Sequence[str], n: int) -> np.ndarray:
    arr = np.array(list(choices), dtype=object)
    return arr[rng.integers(0, len(arr), n)]


def _content(spec: ChainSpec, f: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Titles, abstracts, IPC symbols and technology means × effect tags of each first filing."""
    n = len(f)
    segs = spec.segments
    seg = f["seg"].to_numpy()
    ptype = f["ptype"].to_numpy()
    title = np.full(n, "", dtype=object)
    title_en = np.full(n, "", dtype=object)
    abstract = np.full(n, "", dtype=object)
    ipc = np.full(n, "", dtype=object)
    means_t = np.full(n, "", dtype=object)
    effects_t = np.full(n, "", dtype=object)
    eff_names = np.array([e[0] for e in spec.effects], dtype=object)
    eff_verbs = np.array([e[1] for e in spec.effects], dtype=object)
    blank = set(spec.blank_cells)
    hot = set(spec.hot_cells)
    for si, s in enumerate(segs):  # per segment (a dozen groups)
        rows = np.nonzero(seg == si)[0]
        k = len(rows)
        if not k:
            continue
        pt = ptype[rows]
        kw = _pick(rng, s.keywords, k)
        prod = _pick(rng, s.products, k)
        dev = _pick(rng, s.devices, k)
        # means and effects (the analyst's 标引 tags)
        mw = rng.dirichlet(np.full(len(s.means), 3.0))
        mi = _choice(rng, k, mw)
        means = np.array(s.means, dtype=object)[mi]
        ew_seg = rng.dirichlet(np.full(len(eff_names), 2.5))
        e1 = np.zeros(k, dtype=np.int64)
        e2 = np.full(k, -1, dtype=np.int64)
        two = rng.random(k) < 0.35
        for j, mname in enumerate(s.means):
            r = np.nonzero(mi == j)[0]
            if not len(r):
                continue
            w = ew_seg.copy()
            for ei, en in enumerate(eff_names):
                if (mname, en) in blank:
                    w[ei] = 0.0
                if (mname, en) in hot:
                    w[ei] = max(w[ei] * 5.0, 2.0 * w.max())
            e1[r] = _choice(rng, len(r), w)
            second = _choice(rng, len(r), w)
            e2[r] = np.where(two[r] & (second != e1[r]), second, -1)
        eff_txt = np.where(e2 >= 0, eff_names[e1] + ";" + eff_names[np.maximum(e2, 0)], eff_names[e1])
        phrase = eff_verbs[e1] + eff_names[e1] + np.where(e2 >= 0, "，并" + eff_verbs[np.maximum(e2, 0)]
                                                          + eff_names[np.maximum(e2, 0)], "")
        # titles
        is_dev = np.array([any(str(p).endswith(e) for e in _DEVICE_END) for p in prod])
        suf = np.where(is_dev, _pick(rng, _INV_SUFFIX_DEVICE, k), _pick(rng, _INV_SUFFIX_MATERIAL, k))
        via = rng.random(k) < 0.25
        t_inv = np.where(via, "一种基于" + means + "的" + prod + suf, "一种" + prod + suf)
        t_um = "一种" + dev
        t_des = dev.copy()
        tt = np.where(pt == 0, t_inv, np.where(pt == 1, t_um, t_des))
        title[rows] = tt
        title_en[rows] = _pick(rng, s.titles_en, k)
        who = np.where(pt == 0, "发明", "实用新型")
        how = np.where(pt == 0, np.where(is_dev, "该装置", "该方法"), "该装置")
        core = np.where(pt == 0, np.where(via, prod + suf, prod + suf), dev)
        ab = ("本" + who + "涉及" + kw + "技术领域，公开了一种" + core + "。" + how + "通过" + means + "，"
              + phrase + "。")
        ab_des = "本外观设计产品的名称为" + dev + "；用于" + kw + "领域；设计要点在于产品的形状。"
        abstract[rows] = np.where(pt == 2, ab_des, ab)
        means_t[rows] = np.where(pt == 2, "", means)
        effects_t[rows] = np.where(pt == 2, "", eff_txt)
        # IPC: main symbol from the segment's own patterns; extra ones from the segment, its
        # extras, or (sometimes) a neighbouring segment in the chain
        w_ipc = 1.0 / np.arange(1, len(s.ipc) + 1) ** 0.8
        main = np.array(s.ipc, dtype=object)[_choice(rng, k, w_ipc)]
        pool = list(s.ipc) + list(s.ipc_extra)
        ex1 = _pick(rng, pool, k)
        nb = [x for x in (si + 1, si - 1) if 0 <= x < len(segs)]
        neigh = list(segs[nb[0]].ipc) if nb else pool
        ex2 = _pick(rng, neigh, k)
        use1 = rng.random(k) < 0.6
        use2 = rng.random(k) < 0.12
        sym = _join([main, np.where(use1 & (ex1 != main), ex1, ""),
                     np.where(use2 & (ex2 != main) & (ex2 != ex1), ex2, "")], ";")
        ipc[rows] = np.where(pt == 2, "", sym)
    claims = np.where(ptype == 0, 1 + rng.negative_binomial(3, 3 / (3 + 8.0), n),
                      np.where(ptype == 1, 1 + rng.poisson(5.5, n), 0))
    return f.assign(title=title, title_en=title_en, abstract=abstract, ipc=ipc, tag_means=means_t,
                    tag_effects=effects_t, claims=claims)


def _inventors(spec: ChainSpec, actors: _Actors, f: pd.DataFrame, people: _People,
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


def _plant_movers(spec: ChainSpec, actors: _Actors, f: pd.DataFrame, people: _People, picked: np.ndarray,
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


def _plant_homonyms(spec: ChainSpec, actors: _Actors, people: _People, picked: np.ndarray,
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


def _citations(spec: ChainSpec, rows: pd.DataFrame, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Backward citations within the data (``cites``) and forward-citation counts."""
    m = len(rows)
    cut = float(_days(spec.cutoff))
    office = rows["office"].to_numpy()
    ptype = rows["ptype"].to_numpy()
    q = rows["quality"].to_numpy()
    seg = rows["seg"].to_numpy()
    pub1 = rows["pub1"].to_numpy()
    app = rows["app"].to_numpy()
    fam = rows["fid"].to_numpy()
    lam = np.where(office == "CN", np.array([1.1, 0.5, 0.0])[ptype], np.where(office == "US", 2.6, 1.4))
    k = rng.poisson(lam)
    citing = np.repeat(np.arange(m), k)
    same = rng.random(len(citing)) < 0.8
    weight = q * np.array([1.0, 0.35, 0.05])[ptype]
    cited = np.full(len(citing), -1)
    for scope in ("segment", "all"):
        groups = np.unique(seg) if scope == "segment" else np.array([0])
        for gval in groups:
            pool = np.nonzero(seg == gval)[0] if scope == "segment" else np.arange(m)
            sel = np.nonzero((same if scope == "segment" else ~same)
                             & ((seg[citing] == gval) if scope == "segment" else True))[0]
            if not len(sel) or not len(pool):
                continue
            o = pool[np.argsort(pub1[pool], kind="stable")]
            cw = np.cumsum(weight[o])
            upto = np.searchsorted(pub1[o], app[citing[sel]], side="left")
            ok = upto > 0
            sel, upto = sel[ok], upto[ok]
            u = rng.random(len(sel)) * cw[upto - 1]
            cited[sel] = o[np.minimum(np.searchsorted(cw, u, side="right"), upto - 1)]
    pairs = pd.DataFrame({"citing": citing, "cited": cited})
    pairs = pairs[(pairs["cited"] >= 0)]
    pairs = pairs[fam[pairs["citing"].to_numpy()] != fam[pairs["cited"].to_numpy()]].drop_duplicates()
    pairs = pairs.sort_values(["citing", "cited"], kind="stable")
    pub_no = rows["pub_no"].to_numpy()
    by = pairs.assign(no=pub_no[pairs["cited"].to_numpy()]).groupby("citing", sort=True)["no"].agg(";".join)
    cites = np.full(m, "", dtype=object)
    cites[by.index.to_numpy()] = by.to_numpy()
    inside = np.bincount(pairs["cited"].to_numpy(), minlength=m)
    age = np.maximum(cut - pub1, 0) / 365.25
    ext_rate = np.where(office == "CN", np.array([1.6, 0.4, 0.05])[ptype], 2.5)
    external = rng.poisson(ext_rate * q * (1 - np.exp(-age / 5.0)))
    return cites, inside + external


# =========================================================================== assembly
@dataclass
class SynthData:
    """A generated case: the canonical table, its truths and how it was made."""

    case: str
    spec: ChainSpec
    seed: int
    scale: float
    patents: pd.DataFrame
    truths: dict[str, pd.DataFrame]
    raw_sample: pd.DataFrame
    frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)


def _split_cells(values: np.ndarray) -> list[list[str]]:
    return [v.split(";") if v else [] for v in values]  # list cells are Python lists by definition


def generate(case: str | Path | ChainSpec, seed: int | None = None, scale: float = 1.0) -> SynthData:
    """Generate a case dataset: canonical table (``docs/schema.md``) plus truths.

    Parameters
    ----------
    case : a bundled case name (:func:`chain_names`), a spec path or a :class:`ChainSpec`.
    seed : random seed (0 ≤ seed < 2³²); default the spec's own seed. The same seed gives
        identical output; ``numpy.random.default_rng(seed)`` is the only source of randomness.
    scale : multiplies every expected count K (0.01 ≤ scale ≤ 2); 1 gives the bundled size.

    Returns a :class:`SynthData` whose ``patents`` is a new canonical table (one row per
    document visible at the spec's cut-off, ``source == 'synthetic'``) with two extra list
    columns ``tag_means`` and ``tag_effects`` (technology means × effect indexing), and whose
    ``truths`` hold the answers (segments, applicants, people, documents, matrix cells).

    >>> data = generate("superhard", scale=0.05)
    >>> data.patents["source"].unique().tolist(), bool(data.patents["pub_no"].is_unique)
    (['synthetic'], True)
    >>> generate("superhard", scale=3)
    Traceback (most recent call last):
    ...
    navtrain.synth.SynthParameterError: invalid generator parameter scale = 3; allowed: a number 0.01 ≤ scale ≤ 2; ...
    """
    spec = case if isinstance(case, ChainSpec) else load_chain(case)
    seed_v = spec.seed if seed is None else int(_num(seed, "seed", 0, 2**32 - 1, integer=True))
    scale_v = _num(scale, "scale", 0.01, 2.0)
    rng = np.random.default_rng(seed_v)
    actors = _make_actors(spec, rng)
    people = _make_people(spec, actors, rng)
    f = _make_filings(spec, actors, rng, scale_v)
    f = _attributes(spec, actors, f, rng)
    f = _content(spec, f, rng)
    f = _inventors(spec, actors, f, people, rng)
    d = _documents(spec, actors, f, rng)
    d = _legal(spec, d)
    d = _numbers(spec, d, actors, f, rng)
    rows = d[d["visible"].to_numpy()].copy()
    rows = rows.join(f[["layer", "seg", "year", "actor", "co_actor", "title", "title_en", "abstract", "ipc",
                        "tag_means", "tag_effects", "claims", "inventors", "inventors_en", "inventor_ids"]],
                     on="fid")
    rows = rows.sort_values(["app", "fid", "office", "pub_no"], kind="stable").reset_index(drop=True)
    patents, extra = _assemble(spec, actors, rows, rng)
    cites, cited_by = _citations(spec, rows.assign(pub_no=patents["pub_no"].to_numpy()), rng)
    patents["cites"] = _split_cells(cites)
    patents["cited_by_count"] = pd.array(cited_by, dtype="Int64")
    truths = _truths(spec, actors, people, f, rows, patents, extra)
    raw_rng = np.random.default_rng(seed_v + 1)
    sample_idx = np.sort(raw_rng.choice(len(patents), size=min(300, len(patents)), replace=False))
    raw = to_raw(patents.iloc[sample_idx], spec.raw_layout)
    return SynthData(case=spec.case, spec=spec, seed=seed_v, scale=scale_v, patents=patents, truths=truths,
                     raw_sample=raw, frames={"rows": rows, "actors": actors.table, "members": people.members})


def _assemble(spec: ChainSpec, actors: _Actors, rows: pd.DataFrame,
              rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, Any]]:
    T = actors.table
    m = len(rows)
    office = rows["office"].to_numpy()
    is_cn = office == "CN"
    a = rows["actor"].to_numpy()
    c = rows["co_actor"].to_numpy()
    has_c = c >= 0
    cc = np.maximum(c, 0)
    name = T["name"].to_numpy()
    name_en = T["name_en"].to_numpy()
    year = _year_of(rows["app"].to_numpy().astype(np.int64))
    raw1 = np.where(is_cn, name[a], np.where(name_en[a] != "", name_en[a], name[a])).astype(object)
    raw2 = np.where(is_cn, name[cc], np.where(name_en[cc] != "", name_en[cc], name[cc])).astype(object)
    vkind1 = np.where(is_cn, "exact", "english").astype(object)
    vkind2 = vkind1.copy()
    for v in actors.variants.itertuples(index=False):  # planted variants: a few dozen
        for raw, col, vk in ((raw1, a, vkind1), (raw2, c, vkind2)):
            hit = is_cn & (col == v.actor) & (year >= v.from_year) & (year <= v.to_year) & (rng.random(m) < v.prob)
            raw[hit] = v.variant
            vk[hit] = v.kind
    for raw, vk in ((raw1, vkind1), (raw2, vkind2)):
        br = is_cn & np.array([("（" in x) for x in raw]) & (rng.random(m) < 0.15) & (vk == "exact")
        raw[br] = [x.replace("（", "(").replace("）", ")") for x in raw[br]]
        vk[br] = "bracket"
    applicants = np.where(has_c, raw1 + ";" + raw2, raw1)
    std = np.where(has_c, name[a] + ";" + name[cc], name[a])
    place = T["place"].to_numpy()[a]
    domestic_cn = is_cn & (place >= 0)
    pl = np.array(PLACES, dtype=object)
    get = lambda j: np.where(domestic_cn, pl[np.maximum(place, 0), j], None)  # noqa: E731
    addr = np.where(is_cn, T["address"].to_numpy()[a], None)
    country = T["country"].to_numpy()[a]
    prio_cc = np.array([("CN" if x == "CN" else _COUNTRIES[x][2] if _COUNTRIES[x][2] != "EP" else "EP")
                        for x in country], dtype=object)
    ptype = rows["ptype"].to_numpy()
    fam_id = np.char.add(spec.code, np.char.zfill(rows["fid"].to_numpy().astype(str), 6)).astype(object)
    fam_size = pd.Series(fam_id).map(pd.Series(fam_id).value_counts()).to_numpy()
    title = np.where(is_cn, rows["title"].to_numpy(), rows["title_en"].to_numpy())
    abstract = np.where(is_cn, rows["abstract"].to_numpy(),
                        rows["title_en"].to_numpy() + ". The invention relates to "
                        + np.array([spec.segments[s].name_en for s in rows["seg"].to_numpy()], dtype=object) + ".")
    inventors = np.where(is_cn, rows["inventors"].to_numpy(), rows["inventors_en"].to_numpy())
    ipc = rows["ipc"].to_numpy()
    ipc_main = np.array([x.split(";")[0] if x else None for x in ipc], dtype=object)
    claims = rows["claims"].to_numpy().astype(float)
    claims = np.where(is_cn & (ptype == 2), np.nan, claims + np.where(is_cn, 0, rng.integers(-2, 5, m)))
    claims = np.where(np.isnan(claims), np.nan, np.maximum(claims, 1))
    app_dt = _to_dt(rows["app"].to_numpy())
    pub_dt = _to_dt(rows["row_pub"].to_numpy())
    prio_dt = _to_dt(rows["prio"].to_numpy())
    grant_dt = _to_dt(np.where(rows["granted_now"].to_numpy(), rows["grant"].to_numpy(), np.nan))
    exp_dt = _to_dt(rows["expiry"].to_numpy())
    out = pd.DataFrame({
        "pub_no": rows["pub_no"].to_numpy(dtype=object),
        "app_no": rows["app_no"].to_numpy(dtype=object),
        "office": office.astype(object),
        "kind": rows["kind"].to_numpy(dtype=object),
        "patent_type": np.array(["invention", "utility_model", "design"], dtype=object)[ptype],
        "family_id": fam_id,
        "family_size": pd.array(fam_size, dtype="Int64"),
        "app_date": app_dt,
        "pub_date": pub_dt,
        "grant_date": grant_dt,
        "priority_date": prio_dt,
        "priority_country": prio_cc,
        "app_year": pd.array(app_dt.dt.year, dtype="Int64"),
        "pub_year": pd.array(pub_dt.dt.year, dtype="Int64"),
        "priority_year": pd.array(prio_dt.dt.year, dtype="Int64"),
        "title": title.astype(object),
        "abstract": abstract.astype(object),
        "claims_count": pd.array(np.where(np.isnan(claims), None, claims), dtype="Int64"),
        "applicants": _split_cells(applicants),
        "inventors": _split_cells(inventors),
        "applicants_std": _split_cells(std),
        "applicant_type": T["kind"].to_numpy()[a].astype(object),
        "applicant_address": addr,
        "province": get(0),
        "city": get(1),
        "province_code": get(3),
        "city_code": get(4),
        "ipc": _split_cells(ipc),
        "ipc_main": ipc_main,
        "cpc": [[] for _ in range(m)],
        "legal_status": rows["legal_status"].to_numpy(dtype=object),
        "legal_events": _split_cells(rows["legal_events"].to_numpy()),
        "expiry_date": exp_dt,
        "cited_by_count": pd.array(np.zeros(m, dtype=np.int64), dtype="Int64"),
        "cites": [[] for _ in range(m)],
        "source": "synthetic",
        "source_row": pd.array(np.arange(1, m + 1), dtype="Int64"),
        "tag_means": _split_cells(rows["tag_means"].to_numpy()),
        "tag_effects": _split_cells(rows["tag_effects"].to_numpy()),
    })
    for col in ("province", "city", "province_code", "city_code", "applicant_address", "ipc_main"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    extra = {"raw1": raw1, "raw2": raw2, "vkind1": vkind1, "vkind2": vkind2,
             "events_incopat": rows["events_incopat"].to_numpy(), "events_patsnap": rows["events_patsnap"].to_numpy()}
    return out, extra


# =========================================================================== diagnosis rule
#: thresholds of the teaching heuristic for 强链/补链/延链 (standard.md §2.7, a heuristic, not the standard)
DIAGNOSIS_RULE = {"strong_rta": 1.2, "weak_rta": 0.8, "absent_rta": 0.2, "fast_growth": 0.10}


def diagnose(segments: pd.DataFrame, rule: Mapping[str, float] | None = None) -> pd.Series:
    """强链/补链/延链 from a segment table (``rta_region``, ``nation_cagr_5y``, ``stage_nation``,
    ``extension``), by the teaching heuristic of standard.md §2.7 made explicit:

    * 强链 (strengthen): RTA ≥ 1.2 and the national stage is 成长期 or 成熟期 (still active);
    * 延链 (extend): a segment marked as an extension of the chain (a new adjacent application),
      RTA < 0.2 (absent locally) and national 5-year CAGR ≥ 10 %;
    * 补链 (fill): any other segment with RTA < 0.8 and national CAGR ≥ 10 %;
    * otherwise — .

    >>> diagnose(pd.DataFrame({"rta_region": [1.5, 0.3, 0.05, 1.0], "nation_cagr_5y": [0.0, 0.2, 0.3, 0.2],
    ...                        "stage_nation": ["成熟期", "成长期", "成长期", "成长期"],
    ...                        "extension": [False, False, True, False]})).tolist()
    ['强链', '补链', '延链', '—']
    """
    r = {**DIAGNOSIS_RULE, **(rule or {})}
    rta = pd.to_numeric(segments["rta_region"], errors="coerce")
    cagr = pd.to_numeric(segments["nation_cagr_5y"], errors="coerce")
    ext = segments["extension"].astype(str).str.lower().isin(["true", "1"])
    active = segments["stage_nation"].isin(["成长期", "成熟期"])
    out = np.select([(rta >= r["strong_rta"]) & active, ext & (rta < r["absent_rta"]) & (cagr >= r["fast_growth"]),
                     ~ext & (rta < r["weak_rta"]) & (cagr >= r["fast_growth"])], ["强链", "延链", "补链"], "—")
    return pd.Series(out, index=segments.index, name="diagnosis_rule")


# =========================================================================== truths
def _truths(spec: ChainSpec, actors: _Actors, people: _People, f: pd.DataFrame, rows: pd.DataFrame,
            patents: pd.DataFrame, extra: dict[str, Any]) -> dict[str, pd.DataFrame]:
    T = actors.table
    segs = spec.segments
    last = spec.cutoff.year - 2  # last complete filing year (18-month lag)
    years = np.arange(spec.start_year, spec.cutoff.year + 1)
    is_cn = (rows["office"] == "CN").to_numpy()
    layer = rows["layer"].to_numpy()
    seg = rows["seg"].to_numpy()
    yr = rows["year"].to_numpy()
    # ---- segments: parameters, stages, realised regional position
    cn_dom = is_cn & (layer < 2)
    region_total = (cn_dom & (layer == 0)).sum() / max(cn_dom.sum(), 1)
    recs = []
    for si, s in enumerate(segs):
        g = {ly: s.growth[ly] for ly in LAYERS}
        F = {ly: (logistic_cumulative(last, g[ly].K, g[ly].t_m, g[ly].dt) / g[ly].K if g[ly].K else np.nan)
             for ly in LAYERS}
        nat_cum = sum(logistic_cumulative(last, g[ly].K, g[ly].t_m, g[ly].dt) for ly in ("region", "domestic"))
        nat_K = g["region"].K + g["domestic"].K
        in_seg = cn_dom & (seg == si)
        n_reg = int((in_seg & (layer == 0)).sum())
        n_nat = int(in_seg.sum())
        counts = np.bincount(yr[in_seg] - spec.start_year, minlength=len(years))
        c_last, c_first = counts[last - spec.start_year], counts[last - 5 - spec.start_year]
        cagr = (c_last / c_first) ** 0.2 - 1 if c_first > 0 else np.nan
        share = n_reg / n_nat if n_nat else np.nan
        reg_names = {x for lst in patents.loc[in_seg & (layer == 0), "applicants_std"] for x in lst}
        frn = int((is_cn & (layer == 2) & (seg == si)).sum())
        fam_world = int(f.loc[f["seg"] == si, "fid"].isin(rows["fid"]).sum())
        recs.append(dict(
            segment=s.id, name=s.name, name_en=s.name_en, tier=s.tier, diagnosis=s.diagnosis,
            **{f"{k}_{ly}": getattr(g[ly], k) for ly in LAYERS for k in ("K", "t_m", "dt")},
            stage_region=stage_of(F["region"]).item() if g["region"].K else "",
            stage_nation=stage_of(nat_cum / nat_K).item() if nat_K else "",
            stage_foreign=stage_of(F["foreign"]).item() if g["foreign"].K else "",
            docs_region=n_reg, docs_nation=n_nat, docs_foreign_cn=frn, families_world=fam_world,
            region_share=round(share, 4), rta_region=round(share / region_total, 3) if n_nat else np.nan,
            nation_cagr_5y=round(float(cagr), 4), region_applicants=len(reg_names), extension=s.extension,
            note=s.note))
    seg_t = pd.DataFrame(recs)
    # ---- applicants: raw name → legal entity → group
    name = T["name"].to_numpy()
    group = T["group"].to_numpy()
    a = rows["actor"].to_numpy()
    c = rows["co_actor"].to_numpy()
    pairs = pd.DataFrame({
        "raw_name": np.r_[extra["raw1"], extra["raw2"][c >= 0]],
        "actor": np.r_[a, c[c >= 0]],
        "variant_kind": np.r_[extra["vkind1"], extra["vkind2"][c >= 0]],
    })
    app_t = (pairs.groupby(["raw_name", "actor", "variant_kind"], sort=True).size().rename("documents")
             .reset_index())
    app_t["entity"] = name[app_t["actor"]]
    app_t["group"] = group[app_t["actor"]]
    app_t["layer"] = T["layer"].to_numpy()[app_t["actor"]]
    app_t["kind"] = T["kind"].to_numpy()[app_t["actor"]]
    app_t["anchor"] = T["anchor"].to_numpy()[app_t["actor"]]
    app_t["actor_id"] = np.char.add("A", np.char.zfill(app_t["actor"].to_numpy().astype(str), 4))
    app_t = app_t[["raw_name", "entity", "group", "variant_kind", "layer", "kind", "anchor", "actor_id",
                   "documents"]].sort_values(["group", "entity", "raw_name"], kind="stable").reset_index(drop=True)
    # ---- people: true identities, movers, homonyms
    mem = people.members
    used = rows["inventor_ids"].str.split(";").explode()
    used = used[used.notna() & (used != "")]
    n_docs = used.value_counts()
    mem_sorted = mem.sort_values(["person", "start"], kind="stable")
    spells = mem_sorted.assign(entity=name[mem_sorted["actor"].to_numpy()],
                               span=lambda x: x["start"].astype(str) + "-" + x["end"].astype(str).str.replace(
                                   "9999", "", regex=False))
    per = spells.groupby("person", sort=True).agg(
        name=("name", "first"), name_en=("name_en", "first"), entities=("entity", ";".join),
        spans=("span", ";".join), mover=("mover", "max"), homonym_group=("homonym_group", "max"))
    per.index = "P" + pd.Index(per.index.astype(str)).str.zfill(5)
    per["documents"] = n_docs.reindex(per.index).fillna(0).astype(int)
    per = per[per["documents"] > 0].rename_axis("person_id").reset_index()
    # ---- documents
    doc_t = pd.DataFrame({
        "pub_no": patents["pub_no"], "family_id": patents["family_id"],
        "segment": np.array([s.id for s in segs], dtype=object)[seg],
        "layer": np.array(LAYERS, dtype=object)[layer],
        "applicant_groups": np.where(c >= 0, group[a] + ";" + group[np.maximum(c, 0)], group[a]),
        "inventor_ids": rows["inventor_ids"].to_numpy(),
        "quality": np.round(rows["quality"].to_numpy(), 3),
    })
    # ---- technology means × effect matrix: planted cells
    tags = pd.DataFrame({"means": patents["tag_means"], "effect": patents["tag_effects"],
                         "segment": doc_t["segment"]})
    tags = tags.explode("means").explode("effect").dropna()
    cell = tags.groupby(["means", "effect"]).size()
    rt = tags.groupby("means").size()
    ct = tags.groupby("effect").size()
    total = len(tags)
    mrecs = []
    for kind, cells in (("blank", spec.blank_cells), ("hot", spec.hot_cells)):
        for mn, ef in cells:
            owner = next(s.id for s in segs if mn in s.means)
            mrecs.append(dict(kind=kind, means=mn, effect=ef, segment=owner, observed=int(cell.get((mn, ef), 0)),
                              expected=round(float(rt.get(mn, 0) * ct.get(ef, 0) / max(total, 1)), 2),
                              row_total=int(rt.get(mn, 0)), column_total=int(ct.get(ef, 0))))
    mat_t = pd.DataFrame(mrecs, columns=["kind", "means", "effect", "segment", "observed", "expected", "row_total",
                                         "column_total"])
    return {"segments": seg_t, "applicants": app_t, "people": per, "documents": doc_t, "matrix": mat_t}


# =========================================================================== raw export layouts
_TYPE_LABELS = {"incopat": {("invention", False): "发明申请", ("invention", True): "发明授权",
                            ("utility_model", False): "实用新型", ("utility_model", True): "实用新型",
                            ("design", False): "外观设计", ("design", True): "外观设计"},
                "patsnap": {("invention", False): "发明申请", ("invention", True): "授权发明",
                            ("utility_model", False): "实用新型", ("utility_model", True): "实用新型",
                            ("design", False): "外观设计", ("design", True): "外观设计"}}
_OFFICE_ZH = {"CN": "中国", "US": "美国", "EP": "欧洲专利局", "WO": "世界知识产权组织", "JP": "日本", "KR": "韩国",
              "DE": "德国"}
_VALIDITY_ZH = {"valid": "有效", "pending": "审中", "lapsed": "失效"}


def _fmt_date(s: pd.Series, empty: str) -> pd.Series:
    return s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), empty)


def _lists(s: pd.Series, sep: str, empty: str, transform: Mapping[str, str] | None = None) -> pd.Series:
    def one(v: list[str]) -> str:
        vals = [transform.get(x, x) for x in v] if transform else list(v)
        return sep.join(vals) if vals else empty

    return s.map(one)  # list cells: one call per cell


def to_raw(df: pd.DataFrame, layout: str = "incopat") -> pd.DataFrame:
    """The same documents in the raw layout of a Chinese database export (a new DataFrame of text).

    ``layout``: ``'incopat'`` (incoPat / CNIPA-style Chinese headers, lists joined with
    ``'; '``, IPC written ``C30B 29/04``, 专利类型 发明申请/发明授权/实用新型/外观设计, 法律状态
    events such as 实质审查; 授权; 权利转移; 未缴年费) or ``'patsnap'`` (PatSnap 智慧芽 headers,
    lists joined with ``' | '``, ``-`` for empty, 受理局 in Chinese). Header names follow
    ``navtrain/data/sources/incopat.toml`` and ``patsnap.toml``, which ``navtrain.io.read_patents``
    reads back.

    >>> raw = to_raw(generate("superhard", scale=0.05).patents.head(3), "patsnap")
    >>> raw.columns[:4].tolist()
    ['序号', '公开(公告)号', '申请号', '申请日']
    """
    if layout not in ("incopat", "patsnap"):
        raise UnknownNameError(f"unknown raw layout {layout!r}", fix="use 'incopat' or 'patsnap'",
                               hint="原始导出格式只能是 incopat 或 patsnap")
    t = df.reset_index(drop=True)
    n = len(t)
    j = 1 if layout == "incopat" else 2
    ev_map = {v[0]: v[j] for v in EVENTS.values()}
    granted = t["grant_date"].notna()
    ptype = [_TYPE_LABELS[layout][(p, bool(g))] for p, g in zip(t["patent_type"], granted, strict=True)]
    foreign_prio = t["priority_country"].fillna("CN") != t["office"].fillna("CN")
    foreign_prio = foreign_prio | (t["priority_date"] != t["app_date"])
    prio_no = (t["priority_country"].fillna("") + t["priority_year"].astype("string").fillna("") + "-"
               + t["family_id"].str[-6:])
    if layout == "incopat":
        sep, empty = "; ", ""
        ipc = t["ipc"].map(lambda v: "; ".join(f"{x[:4]} {x[4:]}" for x in v))
        out = pd.DataFrame({
            "序号": np.arange(1, n + 1),
            "公开（公告）号": t["pub_no"],
            "公开（公告）日": _fmt_date(t["pub_date"], empty),
            "申请号": t["app_no"],
            "申请日": _fmt_date(t["app_date"], empty),
            "授权公告日": _fmt_date(t["grant_date"], empty),
            "标题": t["title"],
            "摘要": t["abstract"],
            "申请人": _lists(t["applicants"], sep, empty),
            "申请人地址": t["applicant_address"].fillna(empty),
            "申请人省市代码": t["city_code"].fillna(empty),
            "发明人": _lists(t["inventors"], sep, empty),
            "专利类型": ptype,
            "IPC主分类": t["ipc_main"].map(lambda x: f"{x[:4]} {x[4:]}" if isinstance(x, str) else empty),
            "IPC": ipc,
            "法律状态": _lists(t["legal_events"], sep, empty, ev_map),
            "专利有效性": t["legal_status"].map(_VALIDITY_ZH).fillna(empty),
            "优先权信息": np.where(foreign_prio, prio_no + " " + _fmt_date(t["priority_date"], ""), empty),
            "简单同族": t["family_id"],
            "简单同族个数": t["family_size"].astype("string").fillna(empty),
            "被引证次数": t["cited_by_count"].astype("string").fillna(empty),
            "权利要求数量": t["claims_count"].astype("string").fillna(empty),
        })
    else:
        sep, empty = " | ", "-"
        out = pd.DataFrame({
            "序号": np.arange(1, n + 1),
            "公开(公告)号": t["pub_no"],
            "申请号": t["app_no"],
            "申请日": _fmt_date(t["app_date"], empty),
            "公开(公告)日": _fmt_date(t["pub_date"], empty),
            "授权日": _fmt_date(t["grant_date"], empty),
            "标题": t["title"],
            "摘要": t["abstract"],
            "当前申请(专利权)人": _lists(t["applicants"], sep, empty),
            "[标]当前申请(专利权)人": _lists(t["applicants_std"], sep, empty),
            "发明人": _lists(t["inventors"], sep, empty),
            "申请人地址": t["applicant_address"].fillna(empty),
            "专利类型": ptype,
            "受理局": t["office"].map(_OFFICE_ZH).fillna(t["office"]),
            "法律状态/事件": _lists(t["legal_events"], sep, empty, ev_map),
            "IPC分类号": _lists(t["ipc"], sep, empty),
            "IPC主分类号": t["ipc_main"].fillna(empty),
            "简单同族": t["family_id"],
            "简单同族专利申请数量": t["family_size"].astype("string").fillna(empty),
            "被引用专利数量": t["cited_by_count"].astype("string").fillna(empty),
            "优先权国家/地区": t["priority_country"].fillna(empty),
            "最早优先权日": _fmt_date(t["priority_date"], empty),
            "权利要求数量": t["claims_count"].astype("string").fillna(empty),
        })
    # non-CN rows carry no legal events in these exports, and a published application without an
    # examination request has none yet: show the simple status instead (公开 = published, pending)
    col = "法律状态" if layout == "incopat" else "法律状态/事件"
    no_ev = ((t["office"] != "CN") | (t["legal_events"].str.len() == 0)).to_numpy()
    out.loc[no_ev, col] = t.loc[no_ev, "legal_status"].map({"valid": "授权", "pending": "公开", "lapsed": "失效"})
    return out.astype(object)


# =========================================================================== calibration
def _join_cells(s: pd.Series) -> pd.Series:
    return s.map(";".join)  # list cells: one call per cell


def calibration_report(data: SynthData) -> pd.DataFrame:
    """Measured marginals of a generated case next to their stated bands (:data:`CALIBRATION`
    plus the case's own ``[calibration]`` bands). Columns: metric, value, low, high, ok, source.

    >>> rep = calibration_report(generate("superhard", scale=0.2))
    >>> {"invention_grant_rate", "top10_share"} <= set(rep["metric"])
    True
    """
    t = data.patents
    rows = data.frames["rows"]
    cn = (t["office"] == "CN").to_numpy()
    dom = cn & (rows["layer"].to_numpy() < 2)
    frn = cn & (rows["layer"].to_numpy() == 2)
    inv = (t["patent_type"] == "invention").to_numpy()
    um = (t["patent_type"] == "utility_model").to_numpy()
    ev = _join_cells(t["legal_events"])
    g = ev.str.contains("授权").to_numpy()
    r = ev.str.contains("驳回|视为撤回").to_numpy()
    cut = data.spec.cutoff

    def rate(mask: np.ndarray) -> float:
        den = (mask & (g | r)).sum()
        return float((mask & g).sum() / den) if den else float("nan")

    months = 365.25 / 12
    pub1 = rows["pub1"].to_numpy()
    app = rows["app"].to_numpy()
    grant = rows["grant"].to_numpy()
    m: dict[str, float] = {
        "invention_grant_rate": rate(dom & inv),
        "foreign_grant_rate": rate(frn & inv),
        "invention_pub_lag_median_months": float(np.median((pub1 - app)[dom & inv]) / months),
        "um_pub_lag_median_months": float(np.median((pub1 - app)[dom & um]) / months) if (dom & um).any()
        else float("nan"),
        "invention_grant_lag_median_months": float(np.nanmedian((grant - app)[dom & inv & g]) / months),
    }
    std = t.loc[dom, "applicants_std"]
    long = std.explode()
    top = long.value_counts().head(10).index
    m["top10_share"] = float(long.isin(top).groupby(level=0).any().reindex(std.index, fill_value=False).mean())
    m["coapplication_share"] = float((std.str.len() >= 2).mean())
    m["university_invention_share"] = float((t.loc[dom & inv, "applicant_type"] == "university").mean())
    fam_off = (t["office"] != "CN").groupby(t["family_id"]).any()
    m["overseas_family_share"] = float(t.loc[dom & inv, "family_id"].map(fam_off).mean())
    y = t["app_date"].dt.year.to_numpy()
    old = dom & inv & g & (y >= cut.year - 15) & (y <= cut.year - 10)
    m["valid_share_granted_10y"] = float((t.loc[old, "legal_status"] == "valid").mean()) if old.any() else float("nan")
    bands: dict[str, tuple[float, float, str]] = dict(CALIBRATION)
    spec_cal = dict(data.spec.calibration)
    district = spec_cal.pop("cluster_district", None)
    for key, band in spec_cal.items():
        bands[key] = band
    if "invention_share" in bands:
        m["invention_share"] = float(inv[dom].mean())
    if "cluster_um_share" in bands and district:
        firm = (t["applicant_type"].isin(["enterprise", "individual"])).to_numpy()
        in_cl = dom & firm & t["applicant_address"].fillna("").str.contains(district).to_numpy() & (inv | um)
        m["cluster_um_share"] = float(um[in_cl].mean()) if in_cl.any() else float("nan")
    out = pd.DataFrame([dict(metric=k, value=round(v, 4), low=bands[k][0], high=bands[k][1],
                             ok=bool(bands[k][0] <= v <= bands[k][1]), source=bands[k][2]) for k, v in m.items()])
    return out


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
    repo = Path(__file__).resolve().parent.parent / "datasets"
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
    """
    from navtrain.schema import to_patent_table

    if root is None:  # the repository's datasets/ folder, or the copy a wheel carries
        here = Path(__file__).resolve().parent
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


# =========================================================================== data card
def _md_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.astype(object).itertuples(index=False):  # a small summary table
        cells = []
        for v in row:
            if isinstance(v, float):
                cells.append("" if math.isnan(v) else f"{v:.4g}")
            else:
                cells.append(str(v).replace("|", "/"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _card(data: SynthData, files: Mapping[str, bytes], calib: pd.DataFrame) -> str:
    spec = data.spec
    t = data.patents
    tr = data.truths
    seg = tr["segments"]
    last = spec.cutoff.year - 2
    cn = t["office"] == "CN"
    layer = data.frames["rows"]["layer"].to_numpy()
    n_fam = t["family_id"].nunique()
    lines = [
        f"# {spec.case} · {spec.title}（合成数据 / synthetic）",
        "",
        "> **合成数据声明**：本数据为教学用合成数据，企业、高校、机构与人员名称均为虚构，任何相似纯属巧合；"
        "数字不反映任何真实主体的情况。产业背景（地名、产业集群、技术路线）为真实语境，仅用于叙事。",
        "> **Synthetic data**: every firm, university, institute and person name is fictitious (any resemblance is "
        "coincidental) and no figure is a fact about a real organisation. The industrial context (places, clusters, "
        "technology routes) is real and serves the narrative only.",
        "",
        f"**Scenario · 导航类型**: {spec.scenario} — {spec.scenario_en} ({spec.standard_part}).",
        "",
        "## 背景 · Background",
        "",
        spec.narrative.strip(),
        "",
        spec.narrative_en.strip(),
        "",
        "## Files · 文件",
        "",
        _md_table(pd.DataFrame([
            ("patents.csv.gz", f"{len(t)} documents (件) in {n_fam} simple families (项)",
             "canonical table (docs/schema.md) + `tag_means`, `tag_effects`; lists joined with `;`"),
            (f"raw_{spec.raw_layout}_sample.csv", f"{len(data.raw_sample)} documents",
             f"the same kind of records in the raw {spec.raw_layout} export layout (UTF-8 with BOM)"),
            ("truth_segments.csv", f"{len(seg)} segments", "chain truths: growth parameters, stages, 强链/补链/延链"),
            ("truth_applicants.csv.gz", f"{len(tr['applicants'])} raw names", "raw name → legal entity → group"),
            ("truth_people.csv.gz", f"{len(tr['people'])} inventors", "true inventor identities, movers, homonyms"),
            ("truth_documents.csv.gz", f"{len(tr['documents'])} documents",
             "per document: true segment, layer, applicant groups, inventor ids (aligned with `inventors`)"),
            ("truth_matrix.csv", f"{len(tr['matrix'])} cells", "planted blank and hot means × effect cells"),
            ("build.json", "", "seed, generator version, checksums"),
        ], columns=["file", "rows", "content"])),
        "",
        f"Rows by office: {', '.join(f'{k} {v}' for k, v in t['office'].value_counts().sort_index().items())}. "
        f"Chinese documents by layer: 本地区 (region, {spec.region.get('label', spec.region.get('province'))}) "
        f"{int((cn & (layer == 0)).sum())}, 国内其他省份 {int((cn & (layer == 1)).sum())}, "
        f"国外申请人 {int((cn & (layer == 2)).sum())}. Types (CN): "
        + ", ".join(f"{k} {v}" for k, v in t.loc[cn, "patent_type"].value_counts().sort_index().items()) + ".",
        "",
        "## Generation parameters · 生成参数",
        "",
        f"- generator `navtrain.synth` version {GENERATOR_VERSION}; seed {data.seed}; scale {data.scale:g}; "
        f"filing years {spec.start_year}–{spec.cutoff.year}; data cut-off (检索截止日) {spec.cutoff.date()}.",
        f"- chain spec `navtrain/data/chains/{spec.case}.toml` (segments, IPC patterns, keywords, growth per layer).",
        "- model parameters: " + ", ".join(f"`{k}` = {v:g}" for k, v in spec.params.items()) + ".",
        "- rebuild: `navtrain datasets build` (byte-identical; `build.json` lists the checksums).",
        "- growth: cumulative eventually-published first filings N(t) = K / (1 + exp(−ln 81 · (t − t_m) / Δt)) "
        "per segment and layer (Loglet Lab form); yearly counts N(y) − N(y−1), Poisson noise. "
        "Documents not yet published at the cut-off are absent.",
        "",
        "## Schema · 字段",
        "",
        "All canonical columns of `docs/schema.md` (`source = synthetic`), one row per document: a Chinese "
        "application appears once, as its latest publication (B/U/S when granted, else A), with `pub_date` the "
        "date of that publication; overseas family members are their own rows (English titles and names, "
        "`applicants_std` in Chinese). Extra columns: `tag_means` (技术手段) and `tag_effects` (技术功效), the "
        "analyst's indexing (标引) for the technology–function matrix, lists joined with `;` (empty for designs). "
        "`applicants_std` holds the true legal entity (variants and typos merged; subsidiaries kept apart); the "
        "group level is only in `truth_applicants.csv.gz`. Harmonisation exercises should drop `applicants_std` "
        "and grade against `truth_applicants.csv.gz`.",
        "",
        "## Known truths · 标准答案",
        "",
        f"### Industry chain: life cycle and 强链/补链/延链 (stage at {last}, the last complete filing year)",
        "",
        "Stage rule (Loglet reading of the planted logistic): F = N(t)/K < 0.1 萌芽期, < 0.5 成长期, < 0.9 成熟期, "
        "else 衰退期. 本地区 = the region layer; nation = region + other provinces (Chinese applicants). "
        "RTA = region share of the segment ÷ region share of the whole chain (Chinese documents of Chinese "
        "applicants). 5-year CAGR over complete years "
        f"{last - 5}–{last}.",
        "",
        _md_table(seg[["segment", "name", "tier", "K_region", "t_m_region", "dt_region", "K_domestic", "t_m_domestic",
                       "dt_domestic", "stage_region", "stage_nation", "docs_region", "docs_nation", "region_share",
                       "rta_region", "nation_cagr_5y", "diagnosis"]]),
        "",
    ]
    notes = seg.loc[seg["note"] != "", ["segment", "diagnosis", "note"]]
    if len(notes):
        lines += ["Why each diagnosis holds (planted design):", ""]
        lines += [f"- **{r.segment}** ({r.diagnosis}): {r.note}" for r in notes.itertuples(index=False)]
        lines.append("")
    app = tr["applicants"]
    groups = app[(app["entity"] != app["group"]) | (app["variant_kind"] != "exact")]
    groups = groups[groups["layer"] != "foreign"]
    anchors = app[app["anchor"] & (app["layer"] != "foreign")].groupby("group")["entity"].agg(
        lambda s: "; ".join(sorted(set(s))))
    lines += [
        "### Applicants · 申请人",
        "",
        f"{app['entity'].nunique()} legal entities in {app['group'].nunique()} groups appear under "
        f"{app['raw_name'].nunique()} raw names. Planted variants: "
        + ", ".join(f"{k} {v}" for k, v in app.loc[app['variant_kind'] != 'exact', 'variant_kind']
                    .value_counts().sort_index().items())
        + " (`legal_form` = renamed after a restructuring, `typo` = one wrong character, `bracket` = half-width "
        "brackets, `english` = overseas members). Groups with subsidiaries (truth for group-level counting):",
        "",
    ]
    lines += [f"- {g}: {ents}" for g, ents in anchors.items() if ";" in ents]
    lines += ["", f"Non-exact names of Chinese applicants ({len(groups)}) are listed in `truth_applicants.csv.gz`.", ""]
    ppl = tr["people"]
    movers = ppl[ppl["mover"].astype(bool)]
    hom = ppl[ppl["homonym_group"] != ""].sort_values(["homonym_group", "person_id"])
    lines += [
        "### Inventors · 发明人",
        "",
        f"{len(ppl)} true persons behind {t['inventors'].explode().nunique()} distinct inventor names. "
        f"Planted **movers** (same person, new applicant; `spans` give the years): {len(movers)}; planted "
        f"**homonyms** (different persons, one name, same field): {hom['homonym_group'].nunique()} pairs. "
        "Common surnames and given names also produce natural homonyms; `truth_documents.csv.gz` gives the "
        "person id of every inventor slot.",
        "",
        _md_table(movers[["person_id", "name", "entities", "spans", "documents"]].head(15)),
        "",
        _md_table(hom[["homonym_group", "person_id", "name", "entities", "documents"]].head(16)),
        "",
        "### Technology means × effect matrix · 技术功效矩阵",
        "",
        "Planted **blank** cells are zero although their row and column totals are large (expected = row × "
        "column / total tags); **hot** cells are boosted five-fold. Other sparse cells are natural.",
        "",
        _md_table(tr["matrix"]),
        "",
        "## Calibration · 校准",
        "",
        "Measured on this dataset; bands and sources in `docs/datasets.md` (approximate public figures or stated "
        "assumptions).",
        "",
        _md_table(calib[["metric", "value", "low", "high", "ok"]]),
        "",
        "Licence: CC BY 4.0 (see `LICENSE-CONTENT.md`).",
        "",
    ]
    del files
    return "\n".join(lines)
