"""People, parties, agencies and identity numbers (valid ones made with python-stdnum)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from stdnum.cn import ric, uscc

HAN_SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
HAN_GIVEN = list("建国军伟磊静敏丽强勇杰涛明超辉芳娜秀英华平刚桂兰玉春红霞海燕鹏飞宇浩然志远晓东新民文博瑞雪梅")
UYGHUR_FIRST = [
    "艾力",
    "阿迪力",
    "买买提",
    "吐尔逊",
    "艾尔肯",
    "热合曼",
    "阿不都",
    "依明",
    "亚森",
    "麦麦提",
    "阿布来提",
    "努尔买买提",
    "古丽娜尔",
    "阿依古丽",
    "米日古丽",
    "帕提古丽",
    "迪丽努尔",
    "热依拉",
]
UYGHUR_FATHER = [
    "沙吾提",
    "买买提",
    "吐尔逊",
    "阿不都拉",
    "艾海提",
    "库尔班",
    "托合提",
    "肉孜",
    "伊力哈木",
    "居来提",
    "艾买尔",
    "阿布都热依木",
]
KAZAKH_FIRST = ["叶尔兰", "努尔兰", "别克", "加娜尔", "阿依达娜", "叶尔波拉提", "哈那提", "赛力克"]
KAZAKH_FATHER = ["哈孜别克", "努尔哈力", "吐尔洪", "叶尔肯", "阿合买提", "别克波拉提"]
SEPARATORS = ["·", "•", "・", " "]
FEMALE_FIRST = {"古丽娜尔", "阿依古丽", "米日古丽", "帕提古丽", "迪丽努尔", "热依拉", "加娜尔", "阿依达娜"}

BRANDS = [
    "恒盛源",
    "天润丰",
    "雪莲花",
    "金丝路",
    "绿洲",
    "鑫隆达",
    "博格达",
    "天山红",
    "瑞祥",
    "华凌",
    "丰泽",
    "昆仑",
    "庆丰",
    "众和",
    "亿佳",
    "美丰",
    "沙湾",
    "胡杨林",
    "乐家",
    "聚源",
]
INDUSTRY = {
    "market": ["商贸", "食品", "百货", "餐饮管理", "化妆品销售", "广告传媒"],
    "eco": ["建材", "化工", "混凝土", "印染", "塑料制品", "石材"],
    "safety": ["机械制造", "物流", "木业", "彩钢", "金属制品", "食品加工"],
    "transport": ["运输", "物流", "货运", "汽车服务"],
    "urban": ["建筑工程", "装饰工程", "市政工程", "商贸"],
    "agri": ["农资", "农业科技", "种业", "农药"],
    "health": ["美容美发", "洗浴服务", "酒店管理", "足浴"],
    "culture": ["网络科技", "文化娱乐", "网吧", "娱乐"],
}
SHOP_KINDS = {
    "market": ["便利店", "副食品商店", "日用品店", "牛肉面馆", "烤肉店"],
    "eco": ["汽车修理部", "洗车行", "石材加工部"],
    "safety": ["五金加工部", "木材加工厂", "修理部"],
    "transport": ["货运部", "搬家服务部"],
    "urban": ["建材商行", "装饰材料店"],
    "agri": ["农资经营部", "农资门市", "种子农药店"],
    "health": ["理发店", "美容院", "足浴店"],
    "culture": ["网吧", "电子游戏厅", "KTV"],
}


@dataclass(frozen=True)
class Region:
    key: str
    prefix: str  # how the region is written before an agency name
    short: str  # abbreviation for 文号
    area_code: str  # 6-digit administrative code for ids
    government: str  # 复议机关 for a 工作部门 since 2024 (行政复议法 2023 第二十四条)
    court: str
    streets: tuple[str, ...]
    bingtuan: bool = False
    birth_code: str = ""  # 身份证 place code in use when people were born (伊州区 was 哈密市 652201)


REGIONS = [
    Region(
        "shz",
        "第八师石河子市",
        "师市",
        "659001",
        "石河子市人民政府",
        "石河子市人民法院",
        ("北子午路", "东一路", "北四路", "天富路", "石河子开发区北八路"),
        True,
    ),
    Region(
        "ale",
        "第一师阿拉尔市",
        "师市",
        "659002",
        "阿拉尔市人民政府",
        "阿拉尔市人民法院",
        ("塔里木大道", "军垦大道", "幸福路"),
        True,
    ),
    Region(
        "urumqi",
        "乌鲁木齐市天山区",
        "乌天",
        "650102",
        "乌鲁木齐市天山区人民政府",
        "乌鲁木齐市天山区人民法院",
        ("解放南路", "新华北路", "光明路", "和平南路"),
        False,
    ),
    Region(
        "yining",
        "伊宁市",
        "伊市",
        "654002",
        "伊宁市人民政府",
        "伊宁市人民法院",
        ("斯大林街", "解放路", "新华西路", "飞机场路"),
        False,
    ),
    Region(
        "hami",
        "哈密市伊州区",
        "哈伊",
        "650502",
        "哈密市伊州区人民政府",
        "哈密市伊州区人民法院",
        ("天山北路", "建国南路", "融合路"),
        False,
        "652201",
    ),
    Region(
        "kashi",
        "喀什市",
        "喀市",
        "653101",
        "喀什市人民政府",
        "喀什市人民法院",
        ("人民东路", "解放北路", "色满路"),
        False,
    ),
    Region(
        "hutubi",
        "呼图壁县",
        "呼县",
        "652323",
        "呼图壁县人民政府",
        "呼图壁县人民法院",
        ("天山路", "二十里店工业园区友谊路", "园林路"),
        False,
    ),
    Region(
        "lanzhou",
        "兰州市城关区",
        "兰城",
        "620102",
        "兰州市城关区人民政府",
        "兰州市城关区人民法院",
        ("庆阳路", "张掖路", "雁滩路"),
        False,
    ),
    Region(
        "chongqing",
        "重庆市渝北区",
        "渝北",
        "500112",
        "重庆市渝北区人民政府",
        "重庆市渝北区人民法院",
        ("龙溪街道新南路", "双凤路", "金开大道"),
        False,
    ),
    Region(
        "hangzhou",
        "杭州市西湖区",
        "西湖",
        "330106",
        "杭州市西湖区人民政府",
        "杭州市西湖区人民法院",
        ("文三路", "天目山路", "古墩路"),
        False,
    ),
]

# sector -> (agency suffix, 文号 middle word, court of the party's 行政诉讼 is regional)
AGENCY_SUFFIX = {
    "market": ("市场监督管理局", "市监"),
    "eco": ("生态环境局", "环"),
    "safety": ("应急管理局", "应急"),
    "transport": ("交通运输局", "交"),
    "urban": ("城市管理综合行政执法局", "城管"),
    "agri": ("农业农村局", "农"),
    "health": ("卫生健康委员会", "卫"),
    "culture": ("文化体育广电和旅游局", "文旅"),
}


@dataclass
class Person:
    name: str
    male: bool
    ethnic: str = "汉族"


@dataclass
class Officer:
    name: str
    cert: str | None


@dataclass
class Agency:
    name: str
    region: Region
    sector: str
    word: str
    heads: list[str]
    legal_staff: list[str]
    clerks: list[str]
    officers: list[Officer]
    cert_style: str


@dataclass
class Party:
    kind: str  # company | shop | person
    name: str
    party_id: str  # as printed
    id_valid: bool
    address: str
    rep: Person | None = None  # 法定代表人 / 经营者
    rep_id: str | None = None
    person: Person | None = None  # the natural person
    birth: dt.date | None = None
    phone: str = ""
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def party_type(self) -> str:
        return "organization" if self.kind == "company" else "person"


def han_name(rng: random.Random) -> Person:
    given = "".join(rng.sample(HAN_GIVEN, rng.choice((1, 2, 2))))
    return Person(rng.choice(HAN_SURNAMES) + given, male=rng.random() < 0.6)


def minority_name(rng: random.Random, sep: str | None = None) -> Person:
    kazakh = rng.random() < 0.3
    first = rng.choice(KAZAKH_FIRST if kazakh else UYGHUR_FIRST)
    father = rng.choice(KAZAKH_FATHER if kazakh else UYGHUR_FATHER)
    sep = sep if sep is not None else rng.choice(SEPARATORS)
    return Person(f"{first}{sep}{father}", male=first not in FEMALE_FIRST, ethnic="哈萨克族" if kazakh else "维吾尔族")


def any_name(rng: random.Random, region: Region, sep: str | None = None) -> Person:
    xinjiang = region.area_code.startswith("65")
    return minority_name(rng, sep) if xinjiang and rng.random() < 0.35 else han_name(rng)


def uscc_for(rng: random.Random, area: str, kind: str, *, valid: bool = True) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    head = ("92" if kind == "shop" else "91") + area + "MA" + "".join(rng.choice(alphabet) for _ in range(7))
    check = uscc.calc_check_digit(head)
    if not valid:
        check = rng.choice([c for c in alphabet if c != check])
    return head + check


def ric_for(rng: random.Random, area: str, birth: dt.date, male: bool, *, valid: bool = True) -> str:
    seq = rng.randrange(10, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    head = f"{area}{birth:%Y%m%d}{seq:03d}"
    check = ric.calc_check_digit(head + "0")
    if not valid:
        check = rng.choice([c for c in "0123456789X" if c != check])
    return head + check


def cert_number(rng: random.Random, style: str, region: Region, serial: int) -> str:
    if style == "digits11":
        return f"{region.area_code[:4]}{rng.randrange(1000000, 9999999)}"
    if style == "xin":
        return f"新{rng.choice('ABCDE')}{serial:02d}{rng.randrange(1000, 9999)}"
    if style == "bt":
        return f"BT{region.area_code[-2:]}-{rng.randrange(1000, 9999)}"
    if style == "long":
        return f"{region.area_code}{rng.randrange(2018, 2024)}{rng.randrange(10000, 99999)}"
    return f"{region.short}{rng.randrange(100000, 999999)}"


def make_agency(rng: random.Random, region: Region, sector: str, *, minority_officer: bool) -> Agency:
    suffix, word = AGENCY_SUFFIX[sector]
    name = region.prefix + suffix
    if sector == "eco" and region.key in ("shz", "ale"):
        name = region.prefix.replace("第八师", "").replace("第一师", "") + "生态环境局"
    style = rng.choice(("digits11", "xin", "long", "plain") + (("bt",) if region.bingtuan else ()))
    names: set[str] = set()
    officers: list[Officer] = []
    while len(officers) < 4:
        person = minority_name(rng) if minority_officer and not officers else any_name(rng, region)
        if person.name not in names:
            names.add(person.name)
            officers.append(Officer(person.name, cert_number(rng, style, region, len(officers) + 1)))
    staff = []
    while len(staff) < 5:
        person = han_name(rng)
        if person.name not in names:
            names.add(person.name)
            staff.append(person.name)
    return Agency(
        name,
        region,
        sector,
        word,
        heads=staff[:2],
        legal_staff=staff[2:3],
        clerks=staff[3:5],
        officers=officers,
        cert_style=style,
    )


def make_party(rng: random.Random, region: Region, sector: str, kind: str, *, valid_id: bool = True) -> Party:
    street = rng.choice(region.streets)
    address = f"{region.prefix.replace('第八师', '新疆').replace('第一师', '新疆')}{street}{rng.randrange(1, 300)}号"
    if region.area_code.startswith("65") and not address.startswith("新疆"):
        address = "新疆" + address
    phone = f"1{rng.choice('35789')}{rng.randrange(100000000, 999999999)}"
    if kind == "company":
        rep = any_name(rng, region)
        name = (
            f"{region.prefix.replace('第八师', '').replace('第一师', '').replace('天山区', '')}"
            f"{rng.choice(BRANDS)}{rng.choice(INDUSTRY[sector])}有限{'责任' if rng.random() < 0.2 else ''}公司"
        )
        if rng.random() < 0.3:
            name = "新疆" + name[name.index("市") + 1 :] if "市" in name[:6] else name
        return Party(
            "company",
            name,
            uscc_for(rng, region.area_code, "company", valid=valid_id),
            valid_id,
            address,
            rep=rep,
            phone=phone,
        )
    person = any_name(rng, region)
    pid_valid = valid_id or kind == "shop"
    for _ in range(60):  # the place code must have existed in the birth year (GB/T 2260), as stdnum checks
        born = dt.date(rng.randrange(1965, 2004), rng.randrange(1, 13), rng.randrange(1, 28))
        pid = ric_for(rng, region.birth_code or region.area_code, born, person.male, valid=True)
        if ric.is_valid(pid):
            break
    if not pid_valid:
        pid = ric_for(rng, region.birth_code or region.area_code, born, person.male, valid=False)
    if kind == "shop":
        owner_tag = person.name.split("·")[0].split("•")[0].split("・")[0].split(" ")[0]
        shop = f"{region.prefix.replace('第八师', '').replace('第一师', '')}{owner_tag}{rng.choice(SHOP_KINDS[sector])}"
        code = uscc_for(rng, region.area_code, "shop", valid=valid_id)
        return Party("shop", shop, code, valid_id, address, rep=person, rep_id=pid, birth=born, phone=phone)
    return Party("person", person.name, pid, valid_id, address, person=person, birth=born, phone=phone)
