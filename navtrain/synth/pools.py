"""Name pools and places the generator draws from (all firm and person names are fictitious).

Brand syllables, fictitious university prefixes, Chinese surnames (with approximate
frequency weights) and given names, foreign first and last names and company stems, the
foreign countries of applicants, and the real Chinese administrative divisions used for
addresses (:data:`PLACES`, GB/T 2260; street numbers are invented).
"""

from __future__ import annotations

import numpy as np

__all__ = ["COUNTRIES", "PLACES", "PLACE_INDEX", "pairs"]


# =========================================================================== name pools
def pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Split "钧Jun 锐Rui" into (('钧', 'Jun'), ('锐', 'Rui')): Chinese characters and their romanisation.

    >>> pairs("钧Jun 锐Rui")
    (('钧', 'Jun'), ('锐', 'Rui'))
    """
    out = []
    for token in text.split():
        zh = "".join(ch for ch in token if ord(ch) > 0x2E80)
        py = "".join(ch for ch in token if ord(ch) < 0x2E80)
        out.append((zh, py))
    return tuple(out)


BRAND_A = pairs("钧Jun 锐Rui 沁Qin 砺Li 澄Cheng 昱Yu 朗Lang 峻Jun 铖Cheng 璟Jing 珩Heng 澜Lan 骁Xiao 湛Zhan "
                  "崇Chong 栎Li 煜Yu 隽Juan 翊Yi 镕Rong 钜Ju 晟Sheng 楷Kai 砥Di 桓Huan 屹Yi 弈Yi 琮Cong "
                  "曜Yao 珈Jia 岷Min 淞Song")
BRAND_B = pairs("岩Yan 拓Tuo 川Chuan 衡Heng 晶Jing 锋Feng 岳Yue 源Yuan 启Qi 诚Cheng 峰Feng 越Yue 泽Ze 硕Shuo "
                  "祥Xiang 坤Kun 瑞Rui 驰Chi 远Yuan 铭Ming 翔Xiang 韬Tao 杉Shan 钛Tai 嵘Rong")
#: brand combinations that are words, places or well-known companies: never generated
BRAND_BLOCK = frozenset({"朗源", "沁源", "晟源", "昱源", "楷岳", "澄泽", "淞源", "岷源", "岷川", "湛川", "澜沧",
                          "弈衡", "晟祥", "铭源", "澄源", "崇源"})
#: fictitious university / institute prefixes (checked against lists of real names)
UNI_PREFIX = pairs("中岳Zhongyue 伊洛Yiluo 嵩阳Songyang 鹰城Yingcheng 豫川Yuchuan 汝水Rushui 淇河Qihe 丹江Danjiang "
                     "沧澜Canglan 临川Linchuan 衡川Hengchuan 青崖Qingya 鹿鸣Luming 长汀Changting 远山Yuanshan "
                     "清溪Qingxi 白鹭Bailu 秋浦Qiupu 枫桥Fengqiao 澄江Chengjiang 碧溪Bixi 灵台Lingtai 云溪Yunxi "
                     "松林Songlin 星海Xinghai 明湖Minghu 朝阳岭Zhaoyangling 东篱Dongli 北辰岭Beichenling 南屏Nanping "
                     "西岭Xiling 望川Wangchuan 翠湖Cuihu 金川岭Jinchuanling 银滩Yintan 栖霞岭Qixialing 鸣沙Mingsha "
                     "玉泉山Yuquanshan 雁荡岭Yandangling 天目岭Tianmuling")
UNI_SUFFIX = (("理工大学", "University of Technology"), ("工业大学", "University of Industry"),
               ("科技大学", "University of Science and Technology"), ("工程学院", "Institute of Engineering"),
               ("大学", "University"))
SURNAMES = pairs("王Wang 李Li 张Zhang 刘Liu 陈Chen 杨Yang 黄Huang 赵Zhao 吴Wu 周Zhou 徐Xu 孙Sun 马Ma 朱Zhu "
                   "胡Hu 郭Guo 何He 高Gao 林Lin 罗Luo 郑Zheng 梁Liang 谢Xie 宋Song 唐Tang 许Xu 韩Han 冯Feng "
                   "邓Deng 曹Cao 彭Peng 曾Zeng 肖Xiao 田Tian 董Dong 袁Yuan 潘Pan 于Yu 蒋Jiang 蔡Cai 余Yu "
                   "杜Du 叶Ye 程Cheng 苏Su 魏Wei 吕Lv 丁Ding 任Ren 沈Shen 姚Yao 卢Lu 崔Cui 范Fan 常Chang")
SURNAME_W = np.array([7.4, 7.2, 7.1, 5.5, 4.6, 3.1, 2.3, 2.2, 2.0, 1.9, 1.8, 1.5, 1.5, 1.3, 1.3, 1.2, 1.2, 1.2,
                       1.1, 1.1, 1.0, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6,
                       0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4,
                       0.4, 0.4, 0.4])
GIVEN = pairs("伟Wei 芳Fang 娜Na 敏Min 静Jing 丽Li 强Qiang 磊Lei 军Jun 洋Yang 勇Yong 艳Yan 杰Jie 娟Juan "
                "涛Tao 明Ming 超Chao 霞Xia 平Ping 刚Gang 辉Hui 鹏Peng 华Hua 飞Fei 斌Bin 宇Yu 浩Hao 凯Kai "
                "健Jian 俊Jun 帆Fan 帅Shuai 旭Xu 宁Ning 龙Long 林Lin 欣Xin 波Bo 鑫Xin 晨Chen 亮Liang 琳Lin "
                "颖Ying 倩Qian 博Bo 志Zhi 国Guo 建Jian 文Wen 海Hai 红Hong 永Yong 春Chun 晓Xiao 振Zhen 立Li "
                "新Xin 成Cheng 光Guang 天Tian 金Jin 德De 学Xue 秀Xiu 玉Yu 云Yun 雪Xue 峰Feng 宏Hong 涵Han "
                "思Si 佳Jia 嘉Jia 子Zi 一Yi 梓Zi 睿Rui 轩Xuan 铭Ming 瑶Yao 悦Yue 泽Ze 雨Yu 安An 庆Qing")
WEST_FIRST = pairs("托马斯Thomas 安娜Anna 卢卡斯Lukas 玛丽亚Maria 约翰John 艾玛Emma 马库斯Markus 索菲Sophie "
                     "丹尼尔Daniel 劳拉Laura 彼得Peter 朱莉娅Julia 迈克尔Michael 克拉拉Clara 埃里克Erik "
                     "莉娜Lina 亨里克Henrik 伊娃Eva 尼尔斯Nils 萨拉Sara 保罗Paul 露西Lucie 大卫David 汉娜Hannah")
WEST_LAST = pairs("克劳泽Krause 林德奎斯特Lindqvist 莫罗Moreau 韦伯Weber 哈特曼Hartmann 贝格伦Berglund "
                    "杜邦特Dupontel 费舍尔Fischer 诺瓦克Novak 布伦纳Brenner 奥尔森Olsen 斯特林Sterling "
                    "霍夫曼Hoffmann 卡佩罗Capello 维斯特Wester 阿尔滕Alten 罗斯纳Rosner 哈林Haring "
                    "梅尔茨Merz 沃格特Vogt 桑德斯Sanders 昆特Kunte 巴尔托Barto 埃克伦Ekelund")
JP_LAST = pairs("高桥Takahashi 山本Yamamoto 中村Nakamura 小林Kobayashi 加藤Kato 吉田Yoshida 山田Yamada "
                  "佐佐木Sasaki 松本Matsumoto 井上Inoue 木村Kimura 清水Shimizu 森Mori 池田Ikeda 桥本Hashimoto")
JP_FIRST = pairs("健一Kenichi 大辅Daisuke 直树Naoki 和也Kazuya 拓也Takuya 翔太Shota 阳子Yoko 美穗Miho "
                   "诚Makoto 浩二Koji 真一Shinichi 裕子Yuko")
KR_LAST = pairs("金Kim 李Lee 朴Park 崔Choi 郑Jung 姜Kang 赵Cho 尹Yoon")
KR_FIRST = pairs("民俊Minjun 智勋Jihoon 秀妍Suyeon 东贤Donghyun 英浩Youngho 恩静Eunjung 成宇Sungwoo 惠珍Hyejin")
WEST_STEM = pairs("诺维克Norvik 凯斯特Kester 阿尔特马克Altmark 贝隆Belon 索尔贝Solbe 维斯塔Vesta 奥兰托Oranto "
                    "卡尔德Kalder 特雷文Treven 马尔科Marko 伊斯伯格Isberg 赫尔曼斯Helmans 布拉维Bravi "
                    "洛伦茨Lorentz 瑟伦Soren 达尔文特Dalvent 费尔登Felden 格拉诺Grano 里奥斯Rios 埃尔文Elven")
JP_STEM = pairs("高濑Takase 东滨Higashihama 松冈Matsuoka 泽井Sawai 若叶Wakaba 三轮Miwa 野泽Nozawa 朝仓Asakura "
                  "丸冈Maruoka 北斗Hokuto")
KR_STEM = pairs("汉江Hangang 东冠Donggwan 新罗Silla 大成Daesung 瑞晖Seohwi 恩成Eunsung")
#: country → (Chinese name for addresses, region, home office, legal forms [(zh, en)])
COUNTRIES: dict[str, tuple[str, str, str, tuple[tuple[str, str], ...]]] = {
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
STREETS = ("工业路", "创业路", "科技路", "产业大道", "兴业路", "发展大道", "园区纬二路", "建设路", "长兴路",
            "开元大道", "锦程路", "经三路", "纬五路", "学府路", "明理路", "新材料大道", "装备路", "智造街")
LEGAL_FORMS = (("有限公司", "Co., Ltd.", 0.66), ("股份有限公司", "Co., Ltd.", 0.24),
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
PLACE_INDEX = {(p[0], p[1], p[2]): i for i, p in enumerate(PLACES)}
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
