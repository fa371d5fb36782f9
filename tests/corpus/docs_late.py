"""Documents of the decision stage: notice, statement, hearing, decision, service, payment, closing, 备考表."""

from __future__ import annotations

import datetime as dt

from tests.corpus import cal
from tests.corpus.blocks import (
    Citer,
    Doc,
    Hand,
    Para,
    Table,
    Title,
    d,
    dt_,
    facts,
    formal_head,
    money,
    numbered,
    officer_text,
    party_lines,
    penalty_items,
    title_block,
)
from tests.corpus.docs_early import lead_officers, sign
from tests.corpus.plan import HEARING_FINE, Plan


def _you(plan: Plan) -> str:
    return "你" if plan.party.kind == "person" else "你单位"


def notice(plan: Plan, cite: Citer, *, name: str, signed_receipt: bool) -> Doc:
    v = plan.violation
    you = _you(plan)
    hearing = plan.notice_fine >= HEARING_FINE
    title = plan.style["notice_title"] if not hearing or plan.seed % 4 else "行政处罚听证告知书"
    rights = "陈述、申辩和要求听证" if hearing else "陈述、申辩"
    laws = "第四十四条、第四十五条、第六十三条、第六十四条" if hearing else "第四十四条、第四十五条"
    body = [
        f"{name}：",
        f"经调查，{facts(plan).replace('当事人', you)}。",
        f"{you}的上述行为违反了{cite.cite(v.violated, vague=plan.vague('violated'))}的规定。"
        f"依据{cite.cite(v.penalty, vague=plan.vague('penalty'))}的规定，"
        f"本局拟对{you}作出如下行政处罚：{numbered(penalty_items(plan, plan.notice_fine))}",
        f"根据{cite.law('中华人民共和国行政处罚法', '行政处罚法')}{laws}的规定，{you}享有{rights}的权利。"
        f"{you}如要求陈述、申辩，应当自收到本告知书之日起五个工作日内向本局提出，逾期未提出的，视为放弃上述权利。",
    ]
    if hearing:
        body.append(f"{you}如要求听证，应当自收到本告知书之日起五个工作日内向本局提出书面申请。")
    body.append(f"联系人：{plan.officers[0].name}    联系电话：0993-{2000000 + plan.seed % 999999}")
    blocks: list = [
        *formal_head(plan, title),
        Para(plan.notice_number, align="right", indent=False),
        Para(body[0], indent=False),
        *[Para(t) for t in body[1:]],
        sign(plan, plan.dates.notice, seal=plan.sealed("notice")),
    ]
    if signed_receipt:
        who = plan.party.rep.name if plan.party.rep else name
        blocks.append(Hand("当事人签收：", f"{who}  {d(plan, plan.dates.notice_service, 'hand_date')}"))
    return Doc("penalty_notice", title, blocks, officers=[0], party_name=name)


def receipt(plan: Plan, *, doc_name: str, number: str, day: dt.date) -> Doc:
    who = plan.party.rep.name if plan.party.rep else plan.party.name
    idx = lead_officers(plan)
    way = plan.style["service_way"]
    rows = [
        ["送达文书名称及文号", f"《{doc_name}》{number}"],
        ["受送达人", plan.party.name],
        ["送达地点", plan.party.address],
    ]
    if way == "post":
        rows += [
            ["送达方式", f"邮寄送达（EMS {1100000000000 + plan.seed * 7919}）"],
            ["签收日期", d(plan, day)],
            ["收件人签名", f"{who}\n{d(plan, day, 'hand_date')}"],
        ]
    elif way == "left":
        rows += [
            ["送达方式", "留置送达"],
            ["送达时间", f"{dt_(plan, day, '10时20分')}"],
            ["受送达人签名或盖章", "拒绝签收"],
            ["见证人", f"{plan.attendees[0].name}（社区工作人员）"],
        ]
    else:
        rows += [
            ["送达方式", "直接送达"],
            ["送达时间", f"{dt_(plan, day, '10时20分')}"],
            ["受送达人签名或盖章", f"{who}\n{d(plan, day, 'hand_date')}"],
        ]
    rows += [["送达人", officer_text(plan, idx, with_cert=False)], ["备注", ""]]
    title = "送达回证" if plan.seed % 3 else "行政处罚文书送达回证"
    return Doc("service_receipt", title, [title_block(plan, title), Table(rows, [0.3, 0.7], size=11.0)], officers=idx)


def statement(plan: Plan) -> Doc:
    who = plan.party.rep.name if plan.party.rep else plan.party.name
    day = plan.dates.notice_service
    if plan.waiver:
        title = "放弃陈述申辩权利声明"
        text = (
            f"本人/本单位已收到{plan.agency}《{plan.style['notice_title']}》（{plan.notice_number}），"
            "已知悉拟作出行政处罚的事实、理由、依据及享有的陈述、申辩权利，现明确表示放弃陈述、申辩的权利。"
        )
        blocks: list = [Title([title]), Para(text), Hand("声明人：", f"{who}  {d(plan, day, 'hand_date')}")]
        return Doc("statement_record", title, blocks)
    title = "陈述申辩笔录"
    lines = [
        f"时间：{d(plan, day)}",
        f"陈述申辩人：{who}",
        "陈述申辩内容：对调查认定的违法事实无异议，已经整改，请求从轻处罚。",
        f"记录人：{plan.hearing_clerk.name}",
    ]
    blocks = [
        title_block(plan, title),
        *[Para(t, indent=False) for t in lines],
        Hand("陈述申辩人签名：", f"{who}  {d(plan, day, 'hand_date')}"),
    ]
    return Doc("statement_record", title, blocks)


def hearing_docs(plan: Plan) -> list[Doc]:
    assert plan.dates.hearing is not None
    day = plan.dates.hearing
    you = _you(plan)
    note = [
        f"{plan.party.name}：",
        f"根据{you}的申请，本局定于{dt_(plan, day, '9时30分')}在{plan.agency}听证室"
        f"举行听证会，由{plan.hearing_host.name}担任主持人，{plan.hearing_clerk.name}担任书记员。",
    ]
    told = cal.add_workdays(day, -8)  # served at least 7 working days before the hearing (art. 64, 85)
    n1 = Doc(
        "hearing",
        "听证通知书",
        [title_block(plan, "听证通知书"), Para(note[0], indent=False), Para(note[1]), sign(plan, told)],
    )
    lines = [
        f"听证时间：{dt_(plan, day, '9时30分')}至11时00分",
        f"听证地点：{plan.agency}听证室",
        f"听证主持人：{plan.hearing_host.name}",
        f"书记员：{plan.hearing_clerk.name}",
        f"案件调查人员：{'、'.join(o.name for o in plan.officers[:2])}",
        f"当事人：{plan.party.name}",
        "案件调查人员提出了当事人违法的事实、证据和行政处罚建议，当事人进行了申辩和质证。",
    ]
    n2 = Doc(
        "hearing",
        "听证笔录",
        [
            title_block(plan, "听证笔录"),
            *[Para(t, indent=False) for t in lines],
            Hand("主持人签名：", plan.hearing_host.name),
        ],
        officers=[0, 1][: len(plan.officers)],
    )
    return [n1, n2]


def extension(plan: Plan) -> Doc:
    assert plan.dates.extension is not None
    day = plan.dates.extension
    rows = [
        ["案件名称", plan.case_title],
        ["当事人", plan.party.name],
        ["审批事项", "延长办案期限"],
        [
            "理由及依据",
            "本案案情复杂，需进一步调查取证，不能在立案之日起九十日内作出处理决定，"
            "根据市场监督管理行政处罚程序的有关规定，申请延长办案期限三十日。",
        ],
        ["承办人意见", f"建议延长办案期限三十日。\n{officer_text(plan, lead_officers(plan), with_cert=False)}"],
        ["负责人意见", f"同意延长三十日。\n{plan.head.name}  {d(plan, day)}"],
    ]
    title = "行政处罚案件有关事项审批表"
    return Doc("other", title, [title_block(plan, title), Table(rows, [0.22, 0.78])], officers=lead_officers(plan))


def decision_approval(plan: Plan) -> Doc:
    day = max(plan.dates.discussion, plan.dates.decision - dt.timedelta(days=plan.seed % 3))
    rows = [
        ["案件名称", plan.case_title],
        ["当事人", plan.party.name],
        ["拟处罚意见", numbered(penalty_items(plan, plan.fine))],
        ["负责人意见", f"同意。\n{plan.head.name}  {d(plan, day)}"],
    ]
    return Doc("other", "行政处罚决定审批表", [title_block(plan, "行政处罚决定审批表"), Table(rows, [0.22, 0.78])])


def decision(plan: Plan, cite: Citer) -> Doc:
    v = plan.violation
    label = plan.style["party_label"]
    heard = (
        "并依法举行了听证"
        if plan.hearing
        else (
            "当事人书面放弃陈述、申辩权利"
            if plan.waiver
            else "当事人提出了陈述、申辩意见，本局对其提出的事实、理由进行了复核，认为不足以改变拟作出的处理"
            if plan.statement
            else "当事人在法定期限内未提出陈述、申辩意见"
        )
    )
    body = [
        f"{plan.agency}于{d(plan, plan.dates.filing, 'formal_date')}对当事人涉嫌{v.act}一案立案调查。",
        f"经查，{facts(plan)}。",
        "上述事实，主要有以下证据证明：1.营业执照或身份证复印件；2.现场检查笔录及现场照片；3.询问笔录；4.其他相关证据材料。",
        f"本局于{d(plan, plan.dates.notice_service, 'formal_date')}向当事人送达了《{plan.style['notice_title']}》"
        f"（{plan.notice_number}），告知了拟作出行政处罚的事实、理由、依据及其依法享有的权利，{heard}。",
        f"本局认为，当事人的上述行为违反了{cite.cite(v.violated, vague=plan.vague('violated'))}的规定。"
        "本局责令当事人立即改正上述违法行为。"
        f"依据{cite.cite(v.penalty, vague=plan.vague('penalty'))}的规定，本局决定对当事人作出如下行政处罚：",
        numbered(penalty_items(plan, plan.fine)),
        "当事人应当自收到本决定书之日起十五日内，将罚没款缴至指定银行或者通过电子支付系统缴纳。"
        f"逾期不缴纳罚款的，依据{cite.law('中华人民共和国行政处罚法', '行政处罚法')}第七十二条第一款第（一）项的规定，"
        "每日按罚款数额的百分之三加处罚款。",
    ]
    if "no_remedy_notice" not in plan.defects:
        gov = plan.city.replace("第八师", "第八师") + "人民政府"
        body.append(
            f"当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向{gov}申请行政复议，"
            f"也可以在六个月内依法向{plan.city.replace('第八师', '')}人民法院提起行政诉讼。"
            "申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外。"
        )
    number = plan.case_number
    if plan.style["number_spaces"] == "yes":
        number = number.replace("〔", " 〔").replace("号", " 号")
    blocks: list = [*formal_head(plan, "行政处罚决定书"), Para(number, align="right", indent=False)]
    blocks += [Para(t, indent=False) for t in party_lines(plan, label=label)]
    blocks += [Para(t) for t in body]
    blocks.append(sign(plan, plan.dates.decision, seal=plan.sealed("decision")))
    blocks.append(Para("（本文书一式两份，一份送达当事人，一份归档）", align="center", indent=False, size=9.0))
    return Doc("penalty_decision", "行政处罚决定书", blocks, party_name=plan.party.name)


def payment(plan: Plan) -> Doc:
    total = plan.fine + (plan.confiscation or 0.0)
    rows = [
        ["缴款人", plan.party.name],
        ["执收单位", plan.agency],
        ["收入项目", "罚没收入"],
        ["金额（小写）", f"¥{total:.2f}"],
        ["决定书文号", plan.case_number],
        ["缴款日期", d(plan, plan.dates.payment)],
    ]
    title = "非税收入一般缴款书" if plan.seed % 2 else "罚没款缴款凭证"
    return Doc("payment_receipt", title, [Title([title], size=16.0), Table(rows, [0.3, 0.7])])


def closing(plan: Plan) -> Doc:
    idx = lead_officers(plan)
    rows = [
        ["案件名称", plan.case_title],
        ["当事人", plan.party.name],
        ["处罚决定书文号", plan.case_number],
        ["处罚内容", numbered(penalty_items(plan, plan.fine))],
        ["执行情况", f"当事人已于{d(plan, plan.dates.payment)}缴纳全部罚没款。"],
        ["承办人意见", f"本案已执行完毕，建议结案。\n{officer_text(plan, idx, with_cert=False)}"],
        ["负责人意见", f"同意结案。\n{plan.head.name}  {d(plan, plan.dates.closing)}"],
    ]
    title = "结案报告" if plan.seed % 2 else "行政处罚案件结案审批表"
    return Doc("closing_report", title, [title_block(plan, title), Table(rows, [0.22, 0.78])], officers=idx)


def remarks(plan: Plan, *, n_items: int, n_pages: int) -> Doc:
    lines = [
        f"本卷共{n_items}件，{n_pages}页，其中文字材料{n_pages}页。",
        "说明：卷内材料齐全，排列有序。",
        f"立卷人：{plan.officers[0].name}",
        f"检查人：{plan.head.name}",
        f"立卷时间：{d(plan, plan.dates.closing + dt.timedelta(days=3))}",
    ]
    return Doc(
        "remarks",
        "备考表",
        [Title(["卷内备考表"]), *[Para(t, indent=False) for t in lines]],
        officers=[0],
        numbered=False,
    )


def money_check(plan: Plan) -> str:
    return money(plan, plan.fine)
