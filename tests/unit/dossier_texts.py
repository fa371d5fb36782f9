"""Page texts of a small 行政处罚 dossier written for issue 11's cases, with look-alike clean variants.

One case (a shop selling food past its date in 库尔勒), printed the way realistic dossiers print it:
the filing approval has a 立案 number of its own, officers are Uyghur names written with "·", "•",
"・" or a space, the 调查终结报告 and the 结案报告 tell earlier dates in their body, the decision cites a
second law after a long quotation, a procedural 根据 for the 立案, the payment article, a 裁量基准, and
carries an OCR-like stray dot in one article number. `Variant` adds what a look-alike clean case has:
an approved extension, a written waiver, a hearing held, a warning only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

D = dt.date
AGENCY = "库尔勒市市场监督管理局"
PARTY = "库尔勒市某某副食品商店有限公司"
USCC = "91652801MA78ABCDEX"
DECISION_NO = "库市监处罚〔2024〕15号"
FILING_NO = "库市监立〔2024〕3号"
NOTICE_NO = "库市监罚告〔2024〕11号"
OFFICERS = [("艾力·沙吾提", "65010012345"), ("阿迪力·买买提", "65010012346")]


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


FILED, NOTIFIED, DECIDED, SERVED, CLOSED = D(2024, 3, 4), D(2024, 4, 10), D(2024, 4, 22), D(2024, 4, 23), D(2024, 5, 20)


@dataclass(frozen=True)
class Variant:
    filing: dt.date = FILED
    notice: dt.date = NOTIFIED
    decision: dt.date = DECIDED
    served: dt.date = SERVED
    closing: dt.date = CLOSED
    # below 食品安全法 第一百二十四条第一款's floor (五万元): the decision records 减轻处罚 (行政处罚法 第三十二条)
    fine: str = "罚款人民币伍仟元整"  # what the decision imposes after 作出如下行政处罚：
    notice_fine: str = "罚款人民币伍仟元"
    extension: dt.date | None = None  # an approved extension of the 办案期限, on that day
    waiver: dt.date | None = None  # a written waiver of 陈述、申辩 and 听证, on that day
    hearing: dt.date | None = None  # a hearing requested and held, on that day
    toc: bool = True


def cover(v: Variant) -> str:
    return f"""行政处罚案卷
案件名称\t{PARTY}销售超过保质期食品案
当事人\t{PARTY}
立案号\t{FILING_NO}
处罚决定书文号\t{DECISION_NO}
立案日期\t{cn(v.filing)}
结案日期\t{cn(v.closing)}
保管期限\t长期"""


def filing(v: Variant) -> str:
    return f"""立案审批表
{FILING_NO}
案件来源\t日常检查
当事人\t{PARTY}
统一社会信用代码\t{USCC}
案情摘要\t{cn(v.filing - dt.timedelta(days=3))}，执法人员在检查中发现当事人销售超过保质期的食品。
承办人意见\t建议立案调查。承办人：艾力·沙吾提、阿迪力·买买提
负责人意见\t同意立案。 张建国 {cn(v.filing)}"""


def inspection(v: Variant) -> str:
    return f"""现场检查笔录
检查时间：{cn(v.filing - dt.timedelta(days=3))}10时至11时
检查地点：库尔勒市人民东路18号
被检查人：{PARTY}
执法人员：艾力·沙吾提（执法证号：65010012345）、阿迪力•买买提（执法证号：65010012346）
记录人：王丽
执法人员向当事人出示了执法证件，并告知当事人有申请执法人员回避的权利，当事人不申请回避。
检查情况：当事人货架上摆放超过保质期的饮料12瓶。
被检查人签名：李某 {cn(v.filing - dt.timedelta(days=3))}"""


def inquiry(v: Variant) -> str:
    return f"""询问笔录
询问时间：{cn(v.filing + dt.timedelta(days=2))}9时至10时
询问地点：库尔勒市市场监督管理局
执法人员：艾力 沙吾提 65010012345，阿迪力・买买提 65010012346
被询问人：李某（{PARTY}负责人）
问：我们是库尔勒市市场监督管理局的执法人员，这是我们的执法证件，请你过目。你有申请我们回避的权利，是否申请回避？
答：看清楚了，不申请回避。
问：超过保质期的饮料是从哪里购进的？
答：是去年从批发市场购进的，一共12瓶。
被询问人签名：李某 {cn(v.filing + dt.timedelta(days=2))}"""


def report(v: Variant) -> str:
    return f"""案件调查终结报告
本局于{cn(v.filing)}对{PARTY}涉嫌销售超过保质期食品一案立案调查。\
经查，当事人于{cn(v.filing - dt.timedelta(days=40))}购进饮料12瓶，至检查时已超过保质期。
承办人建议：依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，给予当事人罚款的行政处罚。
承办人：艾力·沙吾提、阿迪力·买买提
{cn(v.notice - dt.timedelta(days=8))}"""


def notice(v: Variant) -> str:
    hearing = "你单位有权要求举行听证。" if v.hearing else ""
    return f"""{AGENCY}
行政处罚告知书
{NOTICE_NO}
{PARTY}：
经查，你单位销售超过保质期的饮料12瓶。你单位的行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局拟对你单位作出如下行政处罚：{v.notice_fine}。
你单位可在收到本告知书之日起五个工作日内向本局提出陈述、申辩。{hearing}逾期未提出的，视为放弃上述权利。
{AGENCY}
{cn(v.notice)}"""


def receipt(title: str, number: str, day: dt.date) -> str:
    return f"""送达回证
送达文书名称及文号\t《{title}》{number}
受送达人\t{PARTY}
送达地点\t库尔勒市人民东路18号
送达方式\t直接送达
受送达人签名\t李某
送达时间\t{cn(day)}"""


QUOTATION = (
    "“禁止生产经营下列食品、食品添加剂、食品相关产品：……（十）标注虚假生产日期、保质期或者超过保质期的食品、"
    "食品添加剂。”"
)


def decision(v: Variant) -> str:
    heard = (
        f"当事人于{cn(v.waiver)}书面放弃陈述、申辩和听证的权利。"
        if v.waiver
        else f"应当事人要求，本局于{cn(v.hearing)}依法举行了听证。"
        if v.hearing
        else "当事人在法定期限内未提出陈述、申辩意见。"
    )
    return f"""{AGENCY}
行政处罚决定书
{DECISION_NO}
当事人：{PARTY}
统一社会信用代码：{USCC}
住所：库尔勒市人民东路18号
法定代表人：李某
根据《市场监督管理行政处罚程序规定》第十八条的规定，本局于{cn(v.filing)}对当事人涉嫌销售超过保质期食品一案立案调查。
经查，当事人销售超过保质期的饮料12瓶，货值金额60元。上述事实，有现场检查笔录、询问笔录、现场照片等证据证明。
本局于{cn(v.notice)}向当事人送达了《行政处罚告知书》（{NOTICE_NO}），{heard}
本局认为，当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项{QUOTATION}和《中华人民共和国食品安全法实施条例》第二十二条的规定。本局责令当事人立即改正上述违法行为。鉴于当事人货值金额较小并主动消除违法行为危害后果，本局对当事人予以减轻处罚。依据《中华人民共和国食品安全法》第一百.二十四条第一款第（五）项和《新疆维吾尔自治区市场监管行政处罚裁量基准》的规定，本局决定对当事人作出如下行政处罚：{v.fine}。
当事人应当自收到本决定书之日起十五日内，依据《中华人民共和国行政处罚法》第六十七条第三款的规定，将罚款缴至指定银行。逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。
当事人如不服本决定，可以在收到本决定书之日起六十日内向库尔勒市人民政府申请行政复议，也可以在六个月内依法向库尔勒市人民法院提起行政诉讼。
{AGENCY}
{cn(v.decision)}"""


def closing(v: Variant) -> str:
    return f"""结案报告
案件名称\t{PARTY}销售超过保质期食品案
处罚决定书文号\t{DECISION_NO}
执行情况\t当事人已于{cn(v.served + dt.timedelta(days=5))}履行完毕。
承办人意见\t建议结案。艾力·沙吾提、阿迪力·买买提
负责人意见\t同意结案。 张建国 {cn(v.closing)}"""


def extension(day: dt.date) -> str:
    return f"""延长办案期限审批表
当事人\t{PARTY}
延期理由\t案情复杂，需进一步调查取证，申请延长办案期限三十日。
负责人意见\t同意延长办案期限三十日。 张建国 {cn(day)}"""


def waiver(day: dt.date) -> str:
    return f"""放弃陈述申辩权利声明书
本单位已收到《行政处罚告知书》（{NOTICE_NO}），对拟作出的行政处罚无异议，自愿放弃陈述、申辩和听证的权利。
声明人：{PARTY}
{cn(day)}"""


def hearing_docs(day: dt.date) -> list[str]:
    request = f"""听证申请书
本单位对《行政处罚告知书》（{NOTICE_NO}）拟作出的处罚有异议，现要求举行听证。
申请人：{PARTY}
{cn(day - dt.timedelta(days=6))}"""
    record = f"""听证笔录
听证时间：{cn(day)}9时至11时
听证主持人：刘明 记录人：王丽
案件调查人员：艾力·沙吾提、阿迪力·买买提
当事人委托代理人陈述了意见。
听证结束。
{cn(day)}"""
    review = f"""法制审核意见书
经审核，本案事实清楚，证据确凿，适用依据正确，程序合法，同意处罚意见。
审核人：赵法
{cn(day + dt.timedelta(days=1))}"""
    discussion = f"""集体讨论记录
讨论时间：{cn(day + dt.timedelta(days=2))}
主持人：局长 李建国
参加人员：李建国、赵红、孙立新、周敏（法制审核机构负责人）
讨论意见：同意对当事人作出罚款的行政处罚。
记录人：王丽
{cn(day + dt.timedelta(days=2))}"""
    return [request, record, review, discussion]


def licence_copy() -> str:
    """The party's identity: a copy of its 营业执照, certified by the party (行政处罚法 第四十六条: 书证 copies)."""
    return f"""营业执照（副本）复印件
统一社会信用代码  91652801MA78XQ2P4H
名称  {PARTY}
类型  有限责任公司（自然人独资）
法定代表人  王某某
此复印件与原件核对一致。
提供人（签章）：{PARTY}"""


def pages(v: Variant) -> tuple[list[str], set[int]]:
    """(page texts, pages with a seal) of the dossier, with the 卷内目录 listing what it holds."""
    body: list[tuple[str, str]] = [
        ("立案审批表", filing(v)),
        ("现场检查笔录", inspection(v)),
        ("询问笔录", inquiry(v)),
        ("营业执照复印件", licence_copy()),
    ]
    if v.extension:
        body.append(("延长办案期限审批表", extension(v.extension)))
    body += [
        ("案件调查终结报告", report(v)),
        ("行政处罚告知书", notice(v)),
        ("送达回证", receipt("行政处罚告知书", NOTICE_NO, v.notice)),
    ]
    if v.waiver:
        body.append(("放弃陈述申辩权利声明书", waiver(v.waiver)))
    if v.hearing:
        body += list(
            zip(("听证申请书", "听证笔录", "法制审核意见书", "集体讨论记录"), hearing_docs(v.hearing), strict=True)
        )
    body += [
        ("行政处罚决定书", decision(v)),
        ("送达回证", receipt("行政处罚决定书", DECISION_NO, v.served)),
        ("结案报告", closing(v)),
    ]
    first = 3 if v.toc else 2
    toc = "卷内文件目录\n序号\t题名  页号\n" + "\n".join(
        f"{i}\t{title}  {first + i - 1}" for i, (title, _) in enumerate(body, start=1)
    )
    texts = [cover(v), *([toc] if v.toc else []), *(text for _, text in body)]
    sealed = {n for n, t in enumerate(texts, start=1) if t.startswith(AGENCY)}
    return texts, sealed
