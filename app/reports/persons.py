"""Where a text names a natural person: labelled mentions (当事人 / 法定代表人 / 经营者 / 见证人…) and the
persons a dossier's own extraction found, checked to look like names.

Used by :mod:`app.reports.masking`. No campaign-wide word list: a name found in one dossier is looked
for only in that dossier's texts, and a "name" that is a common word (执法, 市场) or the start of a
place (张家口市) is never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

# The commonest single-character surnames (百家姓 and census lists; together well over 99 % of people)
# and the compound ones. A labelled mention must start with one of them to be taken as a Han name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿"
    "鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "钟离",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
        "呼延",
        "东郭",
        "闻人",
        "万俟",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "太叔",
        "申屠",
        "仲孙",
        "单于",
        "淳于",
        "赫连",
        "拓跋",
        "完颜",
        "爱新觉罗",
    ]
)

# Labels after which a person is named (the party, its legal representative, the operator, witnesses,
# persons questioned, officers). Longer labels first so that 法定代表人 wins over 代表人.
LABELS = (
    "法定代表人",
    "法人代表",
    "主要负责人",
    "实际经营者",
    "经营者",
    "负责人",
    "投资人",
    "户主",
    "业主",
    "店主",
    "当事人",
    "见证人",
    "证人",
    "被询问人",
    "被调查人",
    "被检查人",
    "被约谈人",
    "询问人",
    "检查人",
    "调查人",
    "委托代理人",
    "代理人",
    "联系人",
    "监护人",
    "陪同人员",
    "陪同人",
    "在场人",
    "驾驶人",
    "驾驶员",
    "车主",
    "投诉人",
    "举报人",
    "受害人",
    "签收人",
    "受送达人",
    "送达人",
    "记录人",
    "执法人员",
    "承办人",
    "翻译人员",
    "姓名",
)
_SEP = r"(?:（[^（）]{0,12}）|\([^()]{0,12}\))?\s*[:：]?\s*"
_DOT = "·•・．\u00b7\u2022\u30fb\uff65"
_HAN = "\u4e00-\u9fff"
UYGHUR = re.compile(f"[{_HAN}]{{1,10}}(?:[{_DOT}][{_HAN}]{{1,10}})+")
_LABELLED = re.compile(f"(?:{'|'.join(LABELS)}){_SEP}(?=[{_HAN}])")
_RUN = re.compile(f"[{_HAN}{_DOT}]+")
# A character that ends a name where nothing else does: "袁小明于…", "张三经营的…", "李四未签名".
_AFTER_NAME = set(
    "于在的系是称因等未已将对向与和及为所经并自从被把就也都又还曾现无持违拒涉擅销售购使利非承签提申到来去作进出有没不"
    "均即仅只亦该其本以由给让使要应须能会可"
    "驾开住居籍年男女性身民族电手联地户职务"
)
_AFTER_DOTTED = set("的未于在已等签称系是和与及被无向对将为因")  # transliterated names use 提, 买, 力 freely
# What follows a place or an organisation, never a person: 张家口市, 石河子市某某公司.
_PLACE_NEXT = set("市县区镇乡村旗州省盟路街道巷港口湾庄屯寨坊")
_ORG_END = re.compile(
    "(?:公司|商行|商店|超市|集团|合作社|经营部|门市部?|诊所|药房|药店|酒店|宾馆|饭店|餐厅|学校|医院|"
    "中心|工作室|厂|店|局|所|站|院|部|会|社|队|处|科|馆|场|园|行|铺|坊|吧|城)$"
)
_SHORT_TAIL = set("男女于在的系是称未已等")  # "张三男": a two-character name and what follows it
# Words a bad extraction may take for a name: never masked, whatever list they come from.
NOT_NAMES = frozenset(
    [
        "执法",
        "执法人员",
        "市场",
        "监管",
        "当事",
        "本人",
        "负责",
        "经营",
        "法定",
        "代表",
        "见证",
        "询问",
        "调查",
        "检查",
        "记录",
        "签名",
        "签字",
        "盖章",
        "无",
        "不详",
        "未知",
        "某某",
        "单位",
        "公司",
        "机关",
        "部门",
        "政府",
        "主任",
        "科长",
        "局长",
        "队长",
        "所长",
        "同志",
        "先生",
        "女士",
        "师傅",
        "老板",
        "员工",
        "职工",
        "工人",
        "司机",
        "个人",
        "其他",
        "我局",
        "我队",
        "你局",
        "该局",
        "该单位",
        "万元",
        "合计",
        "以上",
        "以下",
        "如下",
        "同上",
        "现场",
        "地址",
        "住所",
        "电话",
        "日期",
        "时间",
        "年龄",
        "性别",
        "民族",
        "职务",
    ]
)


def _surname_length(name: str) -> int:
    if name[:2] in COMPOUND_SURNAMES:
        return 2
    return 1 if name[:1] in SURNAMES else 0


def plausible_name(name: str) -> bool:
    """A Han name (a known surname + one to two given-name characters; three with a compound surname)
    or a name of the Uyghur or another ethnic group written with middle dots (阿不都·热合曼)."""
    name = name.strip()
    if not name or name in NOT_NAMES or "某" in name:
        return False
    if UYGHUR.fullmatch(name):
        return True
    if not re.fullmatch(f"[{_HAN}]{{2,5}}", name):
        return False
    surname = _surname_length(name)
    return surname > 0 and 1 <= len(name) - surname <= 2


def _take_name(run: str) -> str | None:
    """The name at the start of ``run`` (the Han characters after a label, up to a delimiter), or None."""
    dotted = UYGHUR.match(run)
    if dotted:  # the last part ends where a name cannot go on ("古丽・买买提的笔录"), at most 6 characters
        head, _, last = dotted.group(0).rpartition(_last_dot(dotted.group(0)))
        cut = next((i for i, ch in enumerate(last) if ch in _AFTER_DOTTED and i >= 1), len(last))
        return f"{head}{_last_dot(dotted.group(0))}{last[: min(cut, 6)]}"
    s = _surname_length(run)
    if s == 0 or len(run) <= s:
        return None
    if len(run) <= s + 2:  # the whole run up to a delimiter: "当事人：袁小明，"
        name = run[: s + 1] if len(run) == s + 2 and run[s + 1] in _SHORT_TAIL else run
    elif run[s + 1] in _AFTER_NAME:  # "经营者张三经营的超市", "李四未签名"
        name = run[: s + 1]
    elif _ORG_END.search(run):  # "当事人石河子市某某商贸有限公司": an organisation
        return None
    else:  # "当事人袁小明于2024年…": most given names have two characters
        name = run[: s + 2]
    if len(run) > len(name) and run[len(name)] in _PLACE_NEXT:
        return None  # "张家口市": a place
    return name if plausible_name(name) else None


def _last_dot(name: str) -> str:
    return next(ch for ch in reversed(name) if ch in _DOT)


def labelled_names(text: str) -> Iterator[tuple[int, int]]:
    """Spans of person names named after a label in ``text``."""
    for label in _LABELLED.finditer(text):
        run = _RUN.match(text, label.end())
        if run is None:
            continue
        name = _take_name(run.group(0))
        if name:
            yield run.start(), run.start() + len(name)


def known_name_spans(text: str, names: Iterable[str]) -> Iterator[tuple[int, int]]:
    """Where each of ``names`` stands in ``text`` as a name: not inside a longer run that makes it a
    place (张家口市) or when it is the tail of a longer word."""
    for name in sorted({n for n in names if plausible_name(n)}, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            after = text[m.end() : m.end() + 1]
            if after and after in _PLACE_NEXT:
                continue
            yield m.start(), m.end()


def dossier_persons(fields: dict[str, Any] | None, texts: Iterable[str] = ()) -> set[str]:
    """The natural persons one dossier names: its officers, a party that is a person, any other person
    field the extraction gives, and labelled mentions in ``texts`` (its findings and their evidence)."""
    found: set[str] = set()
    fields = fields or {}
    for key in ("officers", "legal_representative", "legal_rep", "operator", "witnesses", "persons"):
        value = fields.get(key)
        values = value if isinstance(value, list) else [value]
        for v in values:
            name = v.get("name") if isinstance(v, dict) else v
            if isinstance(name, str):
                found.add(name.strip())
    if fields.get("party_type") == "person" and isinstance(fields.get("party_name"), str):
        found.add(fields["party_name"].strip())
    for text in texts:
        found.update(text[a:b] for a, b in labelled_names(text))
    return {n for n in found if plausible_name(n)}
