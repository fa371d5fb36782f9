"""Sector tables for the corpus: agencies, number prefixes, violations with the articles they break.

Our own wording; articles follow the laws as published (article numbers as in force in 2021–2025), and each fine
range lies within the range the cited article allows (道路运输条例 第六十三条: 2022 text 3万–10万, 2023 text up to
5万 for 普通货物; 安全生产法 第一百零二条: 五万元以下).
A provision is (law full name, short name, article, paragraph, item).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Prov = tuple[str, str, int, int | None, int | None]

SECTORS = ("市场监管", "综合执法", "生态环境", "交通运输", "应急管理", "卫健", "农业农村")

# City: (name, 6-digit division code used in USCC, short code for case numbers)
CITIES = [
    ("第八师石河子市", "659001", "师市"),
    ("昌吉市", "652301", "昌"),
    ("库尔勒市", "652801", "库"),
    ("奎屯市", "654003", "奎"),
    ("伊宁市", "654002", "伊"),
    ("哈密市", "650502", "哈"),
    ("株洲市", "430200", "株"),
    ("南阳市", "411300", "宛"),
    ("玛纳斯县", "652324", "玛"),
    ("乌鲁木齐市天山区", "650102", "天"),
    ("石河子市", "659001", "石"),
]

# Birth places for 身份证号 (codes present in the national division list).
RIC_AREAS = ["652801", "653101", "110101", "110102", "120101", "310101"]  # valid in stdnum for births 1960–2000


@dataclass(frozen=True)
class Violation:
    """One kind of illegal act a sector punishes."""

    act: str  # wording in the case title, e.g. 销售过期食品
    fact: str  # a sentence of facts with {party} and {amount}/{qty}
    violated: tuple[Prov, ...]
    penalty: tuple[Prov, ...]
    types: tuple[str, ...]  # penalty types besides the fine, in decision order
    fine_range: tuple[int, int]
    confiscate: bool = False
    party_kinds: tuple[str, ...] = ("organization", "individual_business", "person")
    remedy_order: str = "责令改正"


@dataclass(frozen=True)
class Sector:
    """Agency naming and document wording of one sector."""

    name: str
    agency_fmt: tuple[str, ...]  # formats with {city}
    number_fmt: tuple[str, ...]  # formats with {c} (city short), {y}, {n}, {l} {r} brackets
    notice_number_fmt: str
    investigators_unit: str
    violations: tuple[Violation, ...] = field(default_factory=tuple)
    cert_prefix: tuple[str, ...] = ("",)


FSL = ("中华人民共和国食品安全法", "食品安全法")
PQL = ("中华人民共和国产品质量法", "产品质量法")
ADL = ("中华人民共和国广告法", "广告法")
URB = ("城市市容和环境卫生管理条例", "城市市容和环境卫生管理条例")
CPL = ("中华人民共和国城乡规划法", "城乡规划法")
SEW = ("城镇排水与污水处理条例", "城镇排水与污水处理条例")
AIR = ("中华人民共和国大气污染防治法", "大气污染防治法")
WAT = ("中华人民共和国水污染防治法", "水污染防治法")
EIA = ("中华人民共和国环境影响评价法", "环境影响评价法")
ROAD = ("中华人民共和国道路运输条例", "道路运输条例")
HWY = ("中华人民共和国公路法", "公路法")
SAFE = ("中华人民共和国安全生产法", "安全生产法")
MED = ("医疗机构管理条例", "医疗机构管理条例")
PUB = ("公共场所卫生管理条例", "公共场所卫生管理条例")
PRAC = ("中华人民共和国医师法", "医师法")
PEST = ("农药管理条例", "农药管理条例")
SEED = ("中华人民共和国种子法", "种子法")
VET = ("兽药管理条例", "兽药管理条例")


def p(law: tuple[str, str], art: int, para: int | None = None, item: int | None = None) -> Prov:
    return (law[0], law[1], art, para, item)


_MARKET = (
    Violation("销售超过保质期的食品", "{party}在其经营场所销售超过保质期的{goods}共{qty}件，货值金额{value}",
              (p(FSL, 34, None, 10),), (p(FSL, 124, 1, 5),), ("没收违法所得",), (50000, 100000), confiscate=True),
    Violation("未取得食品经营许可从事食品经营", "{party}未取得食品经营许可证，擅自在经营场所从事{goods}经营活动",
              (p(FSL, 35, 1),), (p(FSL, 122, 1),), ("没收违法所得",), (50000, 100000), confiscate=True),
    Violation("发布违法广告", "{party}在其微信公众号发布的广告中使用“国家级”“最佳”等用语宣传{goods}",
              (p(ADL, 9, None, 3),), (p(ADL, 57, None, 1),), (), (200000, 300000),
              party_kinds=("organization",)),
    Violation("销售不合格产品", "{party}销售经抽样检验不合格的{goods}共{qty}件，货值金额{value}",
              (p(PQL, 32), p(PQL, 39)), (p(PQL, 50),), ("没收违法所得",), (3000, 30000), confiscate=True),
    Violation("未按规定查验食品进货凭证", "{party}采购{goods}时未查验供货者的许可证和产品合格证明文件",
              (p(FSL, 53, 1),), (p(FSL, 126, 1, 3),), ("警告",), (5000, 20000)),
)
_URBAN = (
    Violation(
        "擅自占道经营",
        "{party}未经批准在城市道路两侧摆摊设点经营{goods}，影响市容和环境卫生",
        (p(URB, 14),),
        (p(URB, 36, None, 2),),
        (),
        (200, 2000),
        party_kinds=("person", "individual_business"),
    ),
    Violation(
        "未取得建设工程规划许可证进行建设",
        "{party}未取得建设工程规划许可证，在{place}擅自搭建建筑物约{qty}平方米",
        (p(CPL, 40, 1),),
        (p(CPL, 64),),
        (),
        (20000, 120000),
    ),
    Violation(
        "未取得排水许可向城镇排水设施排放污水",
        "{party}未取得污水排入排水管网许可证，向城镇排水设施排放污水",
        (p(SEW, 21, 1),),
        (p(SEW, 50, 1),),
        ("警告",),
        (5000, 50000),
        party_kinds=("organization", "individual_business"),
    ),
)
_ECO = (
    Violation(
        "通过逃避监管的方式排放大气污染物",
        "{party}在生产过程中未开启废气处理设施，通过逃避监管的方式排放大气污染物",
        (p(AIR, 20, 2),),
        (p(AIR, 99, None, 3),),
        (),
        (100000, 500000),
        party_kinds=("organization",),
    ),
    Violation(
        "超标排放水污染物",
        "{party}废水总排口化学需氧量浓度超过国家规定的排放标准",
        (p(WAT, 10),),
        (p(WAT, 83, None, 2),),
        (),
        (100000, 400000),
        party_kinds=("organization",),
    ),
    Violation(
        "建设项目未依法报批环境影响评价文件擅自开工建设",
        "{party}的{goods}项目未依法报批环境影响评价文件即擅自开工建设",
        (p(EIA, 25),),
        (p(EIA, 31, 1),),
        (),
        (50000, 200000),
        party_kinds=("organization",),
    ),
)
_TRANS = (
    Violation(
        "未取得道路运输经营许可擅自从事道路货物运输经营",
        "{party}未取得道路运输经营许可，驾驶车辆擅自从事道路货物运输经营",
        (p(ROAD, 24),),
        (p(ROAD, 63, None, 1),),
        ("没收违法所得",),
        (30000, 50000),
        confiscate=True,
    ),
    Violation(
        "车辆超限运输",
        "{party}驾驶的货车车货总重超过公路承载标准，在公路上擅自超限行驶",
        (p(HWY, 50, 1),),
        (p(HWY, 76, None, 5),),
        (),
        (3000, 30000),
    ),
)
_SAFETY = (
    Violation(
        "未按规定对从业人员进行安全生产教育和培训",
        "{party}未按规定对从业人员进行安全生产教育和培训，{qty}名从业人员未经培训上岗作业",
        (p(SAFE, 28, 1),),
        (p(SAFE, 97, None, 3),),
        (),
        (20000, 90000),
        party_kinds=("organization",),
    ),
    Violation(
        "特种作业人员未取得相应资格上岗作业",
        "{party}的{qty}名特种作业人员未按照规定经专门的安全作业培训并取得相应资格即上岗作业",
        (p(SAFE, 30, 1),),
        (p(SAFE, 97, None, 7),),
        (),
        (20000, 90000),
        party_kinds=("organization",),
    ),
    Violation(
        "未采取措施消除事故隐患",
        "{party}对执法检查中发现的事故隐患未采取措施消除",
        (p(SAFE, 41, 2),),
        (p(SAFE, 102),),
        (),
        (10000, 50000),
        party_kinds=("organization",),
    ),
)
_HEALTH = (
    Violation(
        "未取得医疗机构执业许可证擅自执业",
        "{party}未取得《医疗机构执业许可证》擅自开展诊疗活动",
        (p(MED, 14),),
        (p(MED, 43),),
        ("没收违法所得",),
        (30000, 100000),
        confiscate=True,
        party_kinds=("person", "individual_business"),
    ),
    Violation(
        "公共场所未取得卫生许可证经营",
        "{party}未依法取得公共场所卫生许可证擅自营业",
        (p(PUB, 8),),
        (p(PUB, 14, 1, 4),),
        ("警告",),
        (500, 5000),
        party_kinds=("organization", "individual_business"),
    ),
    Violation(
        "医师超出注册的执业范围执业",
        "{party}聘用的医师超出注册的执业范围从事医疗活动",
        (p(PRAC, 13, 4),),
        (p(PRAC, 57),),
        ("警告",),
        (10000, 30000),
        party_kinds=("organization",),
    ),
)
_AGRI = (
    Violation(
        "经营劣质农药",
        "{party}经营的{goods}经检验有效成分含量不符合产品质量标准，属劣质农药",
        (p(PEST, 45, 1, 2),),
        (p(PEST, 56, 1),),
        ("没收违法所得",),
        (5000, 50000),
        confiscate=True,
    ),
    Violation(
        "销售未经审定的主要农作物种子",
        "{party}销售应当审定未经审定的{goods}种子共{qty}公斤",
        (p(SEED, 23, 1),),
        (p(SEED, 77, 1, 1),),
        ("没收违法所得",),
        (20000, 200000),
        confiscate=True,
    ),
    Violation(
        "经营假兽药",
        "{party}经营的{goods}经检验不含有标示的成分，依法按假兽药处理",
        (p(VET, 47, 2, 1),),
        (p(VET, 56, 1),),
        ("没收违法所得",),
        (10000, 80000),
        confiscate=True,
    ),
)

SECTOR_TABLE: dict[str, Sector] = {
    "市场监管": Sector(
        "市场监管",
        ("{city}市场监督管理局",),
        ("{c}市监处罚{l}{y}{r}{n}号", "{c}市监罚字{l}{y}{r}第{n}号", "{c}市监处{l}{y}{r}{n}号"),
        "{c}市监罚告{l}{y}{r}{n}号",
        "执法大队",
        _MARKET,
        ("", "A"),
    ),
    "综合执法": Sector(
        "综合执法",
        ("{city}综合行政执法局", "{city}城市管理综合行政执法局"),
        ("{c}综执罚决字{l}{y}{r}第{n}号", "{c}城管罚{l}{y}{r}{n}号"),
        "{c}综执罚告字{l}{y}{r}第{n}号",
        "执法中队",
        _URBAN,
    ),
    "生态环境": Sector(
        "生态环境",
        ("{city}生态环境局",),
        ("{c}环罚{l}{y}{r}{n}号", "{c}环罚字{l}{y}{r}{n}号"),
        "{c}环罚告{l}{y}{r}{n}号",
        "生态环境保护综合行政执法支队",
        _ECO,
    ),
    "交通运输": Sector(
        "交通运输",
        ("{city}交通运输局", "{city}交通运输综合行政执法支队"),
        ("{c}交执罚{l}{y}{r}{n}号", "{c}交罚决字{l}{y}{r}第{n}号"),
        "{c}交执罚告{l}{y}{r}{n}号",
        "交通运输综合行政执法支队",
        _TRANS,
        ("交", ""),
    ),
    "应急管理": Sector(
        "应急管理",
        ("{city}应急管理局",),
        ("{c}应急罚{l}{y}{r}{n}号", "({c})应急罚{l}{y}{r}{n}号"),
        "{c}应急罚告{l}{y}{r}{n}号",
        "安全生产执法监察大队",
        _SAFETY,
    ),
    "卫健": Sector(
        "卫健",
        ("{city}卫生健康委员会",),
        ("{c}卫医罚{l}{y}{r}{n}号", "{c}卫公罚{l}{y}{r}{n}号"),
        "{c}卫罚告{l}{y}{r}{n}号",
        "卫生监督所",
        _HEALTH,
        ("卫监", ""),
    ),
    "农业农村": Sector(
        "农业农村",
        ("{city}农业农村局",),
        ("{c}农罚{l}{y}{r}{n}号", "{c}农（农药）罚{l}{y}{r}{n}号"),
        "{c}农罚告{l}{y}{r}{n}号",
        "农业综合行政执法大队",
        _AGRI,
    ),
}

GOODS = {
    "市场监管": ["预包装饮料", "乳制品", "散装糕点", "保健食品", "电动自行车头盔", "儿童玩具"],
    "综合执法": ["水果", "烧烤食品", "日用百货"],
    "生态环境": ["年产五万吨建材", "金属表面处理"],
    "交通运输": ["建材"],
    "应急管理": [""],
    "卫健": ["口腔诊疗"],
    "农业农村": ["草甘膦水剂", "玉米", "阿莫西林可溶性粉"],
}

TRADE_NAMES = [
    "恒信",
    "鑫隆",
    "天润",
    "瑞丰",
    "佳和",
    "宏源",
    "金穗",
    "绿洲",
    "博达",
    "汇通",
    "正阳",
    "新禾",
    "丰泽",
    "兴旺",
    "众康",
    "华宇",
    "润康",
    "安达",
    "德顺",
    "明珠",
]
BUSINESS = {
    "市场监管": ["商贸有限公司", "食品有限责任公司", "超市有限公司", "电子商务有限公司"],
    "综合执法": ["餐饮管理有限公司", "物业服务有限公司", "建筑工程有限公司"],
    "生态环境": ["建材有限责任公司", "化工有限公司", "金属制品有限公司"],
    "交通运输": ["物流有限公司", "运输有限责任公司"],
    "应急管理": ["机械制造有限公司", "化工有限公司", "建筑安装工程有限公司"],
    "卫健": ["医疗管理有限公司", "健身服务有限公司", "酒店管理有限公司"],
    "农业农村": ["农资有限公司", "种业有限公司", "兽药经营有限公司"],
}
SHOPS = {
    "市场监管": ["便利店", "食品店", "副食品商行"],
    "综合执法": ["水果店", "烧烤店", "百货店"],
    "生态环境": ["汽车修理部"],
    "交通运输": ["货运部"],
    "应急管理": ["五金店"],
    "卫健": ["口腔诊所", "推拿店", "洗浴中心"],
    "农业农村": ["农资店", "种子经营部", "兽药店"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌志红玉兰海燕鹏飞宇辉宁新春晓东亮"
STREETS = ["北四路", "东一路", "红星路", "人民路", "解放路", "天山路", "建设路", "团结路", "幸福路", "迎宾大道"]
