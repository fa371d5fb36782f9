"""extract() on what published decisions and dossiers by other hands print (issue 11, second round).

Each test is written from what the document type defines, not from one text:
- 行政处罚法 art. 59: a decision states the party, facts and evidence, the kind and grounds of the
  penalty, how to perform it and the remedies — a file without a title line that says this of itself
  ("自收到本处罚决定书之日起") is a decision, even when it recounts the 告知书 ("拟…，陈述、申辩");
- a quoted article ("…并处十万元以上一百万元以下的罚款") is the law's range, not the penalty decided;
- 行政处罚法 chapter 4 (arts. 22-38: 责令改正 art. 28 para. 1, 不予处罚 art. 33 …) grounds no penalty;
- legal provisions are 法律、法规、规章 (立法法): a GB 标准 or a 通知 is no provision;
- 执法人员 (art. 42) with transliterated names (艾力·沙吾提, 热合曼 阿布都热依木) and their 执法证号 listed
  after 分别为; a 当场 decision (art. 52) names its officers itself;
- a web page's publication record (发布时间, 索引号 …) belongs to the page, not the document.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.unit.test_extract_variants import Dossier, Line, Page, Path, decision, extract, fields


def record(line: str) -> str:
    return f"某市市场监督管理局\n现场检查笔录\n检查时间：2024年5月1日\n{line}\n被检查人：某某有限公司\n"


def names(f: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(o["name"], o["cert_no"]) for o in f["officers"]]


def test_certificates_listed_after_fenbiewei_pair_in_order() -> None:
    f = fields(record("检查人员：古丽娜尔•艾买尔、白敏，证号分别为哈伊780240、哈伊143190"))
    assert names(f) == [("古丽娜尔·艾买尔", "哈伊780240"), ("白敏", "哈伊143190")]


def test_names_written_with_a_space_in_a_list_are_one_name_each() -> None:
    f = fields(record("检查人员：帕提古丽 肉孜、热合曼 阿布都热依木，证号分别为新D017850、新D023385"))
    assert names(f) == [("帕提古丽·肉孜", "新D017850"), ("热合曼·阿布都热依木", "新D023385")]


def test_a_spaced_name_without_number_is_not_split_when_the_dossier_prints_it_whole() -> None:
    f = fields(record("检查人员：阿依古丽 居来提（执法证号：65239772649）\n承办人：阿依古丽 居来提"))
    assert names(f) == [("阿依古丽·居来提", "65239772649")]


_PART = st.text(alphabet="艾力沙吾提阿迪买热合曼依木古丽娜尔肉孜帕布都", min_size=2, max_size=6)


@settings(max_examples=25, deadline=None)
@given(
    first=st.tuples(_PART, _PART),
    second=st.tuples(_PART, _PART),
    sep=st.sampled_from(["·", "•", "・", " "]),
    certs=st.tuples(st.integers(10**10, 10**11 - 1), st.integers(10**10, 10**11 - 1)),
)
def test_any_two_transliterated_names_with_any_separator(
    first: tuple[str, str], second: tuple[str, str], sep: str, certs: tuple[int, int]
) -> None:
    assume(first != second)
    line = f"执法人员：{sep.join(first)}、{sep.join(second)}，执法证号分别为{certs[0]}、{certs[1]}"
    got = names(fields(record(line)))
    assert got == [("·".join(first), str(certs[0])), ("·".join(second), str(certs[1]))]


SIMPLE = """某县城市管理综合行政执法局
当场行政处罚决定书
某县城管当罚〔2024〕12号
当事人：张某某，男，公民身份号码：650102198503120019
违法事实：2024年6月11日，执法人员巡查时发现当事人占道经营。
执法人员：艾尔肯 艾买尔、白远兰，执法证件号分别为65906830916、65904088978
依据《城市市容和环境卫生管理条例》第三十六条第（一）项的规定，决定给予警告。
如不服本决定，可在收到本决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。
某县城市管理综合行政执法局
2024年6月11日"""


def test_a_simple_procedure_decision_names_its_officers() -> None:
    assert names(fields(SIMPLE)) == [("艾尔肯·艾买尔", "65906830916"), ("白远兰", "65904088978")]


def test_the_range_of_a_quoted_article_is_not_the_fine() -> None:
    body = (
        "依据《中华人民共和国大气污染防治法》第九十九条第（二）项“由县级以上人民政府生态环境主管部门责令改正或者"
        "限制生产、停产整治，并处十万元以上一百万元以下的罚款”的规定，本局决定对当事人作出如下行政处罚：1.罚款128000元；"
        "2.责令停产停业三十日。"
    )
    f = fields(decision(body))
    assert f["fine_amount"] == 128000.0
    assert set(f["penalty_types"]) == {"罚款", "责令停产停业"}


def test_a_quoted_article_alone_states_no_penalty() -> None:
    body = (
        "根据《中华人民共和国噪声污染防治法》第七十五条的规定“违反本法规定，超过噪声排放标准排放工业噪声的，"
        "由生态环境主管部门责令改正或者限制生产、停产整治，并处二万元以上二十万元以下的罚款；情节严重的，"
        "报经有批准权的人民政府批准，责令停业、关闭。”参考《湖南省生态环境保护行政处罚裁量权基准规定》，责令你公司立即改正"
    )
    f = fields(decision(body))
    assert f["fine_amount"] is None
    assert f["penalty_types"] == []


def test_a_table_label_with_decision_date_does_not_start_the_penalty() -> None:
    body = (
        "处罚决定日期\t2024-10-09\n处罚类别\t罚款\n当事人\t某某有限公司\n"
        "依据《城市道路管理条例》第四十二条的规定，本局决定对当事人作出如下行政处罚：罚款人民币伍仟玖佰元整（¥5,900.00）。"
    )
    assert fields(decision(body))["fine_amount"] == 5900.0


def test_the_order_to_correct_is_no_penalty_provision() -> None:
    body = (
        "依据《中华人民共和国安全生产法》第九十七条第（三）项和《中华人民共和国行政处罚法》第二十八条第一款的规定，"
        "本局决定：责令当事人改正，并处罚款人民币贰万元。"
    )
    f = fields(decision(body))
    assert f["penalty_provisions"] == [
        {"law": "中华人民共和国安全生产法", "article": 97, "paragraph": None, "item": 3}
    ]


def test_a_standard_or_a_notice_is_no_provision() -> None:
    body = (
        "检测结果超过了《工业企业厂界环境噪声排放标准》的限值，违反了《中华人民共和国噪声污染防治法》第二十二条第一款的规定。"
        "根据《关于印发2021年全市农业投入品执法抽检实施方案的通知》和《中华人民共和国噪声污染防治法》第七十五条的规定，"
        "本局决定：罚款人民币叁万元。"
    )
    f = fields(decision(body))
    assert f["penalty_provisions"] == [
        {"law": "中华人民共和国噪声污染防治法", "article": 75, "paragraph": None, "item": None}
    ]


UNTITLED = """丽环(青)罚[2021]4号
当事人:浙江青田某某机械有限公司
地 址:浙江青田县东源镇第一工业园区A15号
2021年3月29日,执法人员对该公司开展执法检查,发现部分焙烧废气无组织排放。
该公司的上述行为违反了《中华人民共和国大气污染防治法》第二十条第二款的规定。
上述违法行为有调查询问笔录、现场(勘察)笔录、现场照片等证据为凭。
2021年5月10日,我局依法向该公司送达了《行政处罚告知书》,拟对其处以罚款,该公司逾期未提出陈述、申辩意见。
根据《中华人民共和国大气污染防治法》第九十九条第三项的规定,作出以下行政处罚:
罚款人民币壹拾万元整。
当事人在接到本处罚决定书之日起十五日内将罚款缴至指定账户。"""


def test_an_untitled_decision_recounting_its_notice_is_a_decision() -> None:

    page = Page(1, UNTITLED, tuple(Line(x) for x in UNTITLED.split("\n")))
    out = extract(Dossier(Path("d.pdf"), "d.pdf", "0" * 64, "pdf", (page,))).to_contract()
    assert [d["type"] for d in out["documents"]] == ["penalty_decision"]
    f = out["fields"]
    assert (f["party_name"], f["fine_amount"], f["penalty_types"]) == ("浙江青田某某机械有限公司", 100000.0, ["罚款"])


WEB_PAGE = """当前位置:首页 > 政府信息公开 > 行政处罚公示
索引号:tjlcdz/2025-2089373 发布机构:某某镇 发文日期:2025-08-21
信息类别:综合政务 公开范围:全部公开 公开方式:政府网站
索引号 tjlcdz/2025-2089373
发布机构 某某镇
- 发布时间:2025-08-21
公开范围 全部公开
公开方式 政府网站
行政处罚决定书（某某农业发展有限公司）
某自资罚决〔2025〕4号
某某农业发展有限公司
统一社会信用代码:91430102MA4L16XX0X
地址:某县某镇
经查,你单位未经批准占用耕地,违反了《中华人民共和国土地管理法》第四十四条第一款的规定。"""


def test_a_published_page_the_title_below_its_record_and_the_party_before_its_code() -> None:

    page = Page(1, WEB_PAGE, tuple(Line(x) for x in WEB_PAGE.split("\n")))
    out = extract(Dossier(Path("w.pdf"), "w.pdf", "0" * 64, "pdf", (page,))).to_contract()
    assert [d["type"] for d in out["documents"]] == ["penalty_decision"]
    f = out["fields"]
    assert (f["party_name"], f["party_type"], f["decision_date"]) == ("某某农业发展有限公司", "organization", None)


def test_party_labels_without_colon_and_the_next_label_on_the_line() -> None:
    assert fields(decision("被处罚人姓名:李某成 性别:男 民族:汉族\n经查……"))["party_name"] == "李某成"
    assert fields(decision("被处罚单位名称 巴蜀某某农业发展(重庆)专业合作社\n经查……"))["party_name"] == (
        "巴蜀某某农业发展(重庆)专业合作社"
    )
    assert (
        fields(decision("当事人\n姓名或名称\n三河市某某网吧\n法定代表人\n刘某\n经查……"))["party_name"]
        == "三河市某某网吧"
    )


def test_a_blank_name_cell_is_no_name() -> None:
    text = "被处罚人姓名 ——性别 ——出生日期 ——\n身份证号码 ——\n被处罚单位名称 某某专业合作社\n经查……"
    assert fields(decision(text))["party_name"] == "某某专业合作社"


def test_an_article_named_inside_a_quoted_article_is_not_cited() -> None:
    body = (
        "依据《中华人民共和国环境影响评价法》第三十一条第一项“建设单位未依法报批建设项目环境影响报告书、报告表，"
        "或者未依照本法第二十四条的规定重新报批或者报请重新审核环境影响报告书、报告表，擅自开工建设的，处罚款”的规定，"
        "本局决定：罚款人民币壹万玖仟元。"
    )
    assert fields(decision(body))["penalty_provisions"] == [
        {"law": "中华人民共和国环境影响评价法", "article": 31, "paragraph": None, "item": 1}
    ]


def test_a_rate_per_unit_is_not_the_fine() -> None:
    body = (
        "依据《中华人民共和国土地管理法》第七十七条第一款的规定，本局决定："
        "对非法占用的494平方米土地处以每平方米20元的罚款，罚款金额为人民币9880元整。"
    )
    assert fields(decision(body))["fine_amount"] == 9880.0


def test_a_decision_worded_like_its_notice_states_its_penalty() -> None:
    body = (
        "依据《中华人民共和国环境影响评价法》第三十一条第一项的规定，我局拟对你公司作出如下行政处罚：\n"
        "1. 责令你公司立即停止建设；\n2. 罚款人民币：19000.00 元（大写：壹万玖仟圆整）。\n"
        "限于接到本处罚决定之日起15日内缴至指定银行。"
    )
    f = fields(decision(body))
    assert (f["penalty_types"], f["fine_amount"]) == (["罚款"], 19000.0)


def test_a_summary_table_flattened_with_bars_states_the_penalty() -> None:
    text = (
        "行政处罚信息公示\n行政相对人名称 | 某某医药有限公司 |\n行政处罚决定书文号 | 粤药监药罚〔2023〕5001号 |\n"
        "处罚依据 | 《中华人民共和国药品管理法》第一百二十九条 |\n处罚类别 | 警告、罚款、没收非法财物 |\n"
        "处罚内容 | 1、警告; 2、处违法购进药品货值金额两倍即100000元的罚款; 3、没收药品30支。 |"
    )
    f = fields(text)
    assert (sorted(f["penalty_types"]), f["fine_amount"]) == (sorted(["警告", "罚款", "没收非法财物"]), 100000.0)


def test_a_masked_addressee_is_the_party() -> None:
    body = "XX局：\n你局于2016年未经批准占用土地，违反了《中华人民共和国土地管理法》第四十四条第一款的规定。"
    f = fields(decision(body, head="某市自然资源局\n行政处罚决定书"))
    assert (f["party_name"], f["party_type"]) == ("XX局", "organization")


def test_a_summary_with_only_kinds_and_a_case_name() -> None:
    text = (
        "案件基本信息\n案名: 某某农资店经营超过农药质量保证期的农药案\n行政处罚决定书文号: 罗农(农药)罚〔2025〕5号\n"
        "处罚信息\n处罚种类: 没收违法所得、没收非法财物  罚款\n处罚依据: 依"
    )
    f = fields(text)
    assert f["case_title"] == "某某农资店经营超过农药质量保证期的农药案"
    assert sorted(f["penalty_types"]) == sorted(["没收违法所得", "没收非法财物", "罚款"])


def test_the_party_row_of_a_closing_form_is_not_its_sign_off() -> None:
    closing = (
        "行政处罚结案审批表\n案件名称\t某某货运部出租道路运输许可证件案\n当事人\t伊宁市某某货运部\n立案日期\t2024年6月3日\n"
        "处罚内容\t警告\n承办人意见\t建议结案。 张某、李某\n负责人审批意见\t同意结案。 袁某 2024年7月26日"
    )
    assert fields(closing)["closing_date"] == "2024-07-26"


def test_the_party_code_printed_in_another_document_of_the_file() -> None:
    notice = (
        "某区卫生健康委员会\n行政处罚事先告知书\n某卫告字〔2024〕155号\n乌鲁木齐市天山区某某美容院：\n"
        "经查，你单位违反了《公共场所卫生管理条例》第七条的规定，本局拟对你单位作出如下行政处罚：罚款2900元。"
        "你单位可以在收到本告知书之日起五个工作日内提出陈述、申辩。\n某区卫生健康委员会\n2024年11月20日"
    )
    inquiry = (
        "询问笔录\n询问时间：2024年11月5日\n被询问人：王某\n当事人：乌鲁木齐市天山区某某美容院\n"
        "统一社会信用代码：92650102MAG8WAEM89\n问：你是否看清楚？\n答：看清楚了。"
    )
    f = fields(notice, inquiry)
    assert (f["party_name"], f["party_id"], f["party_type"]) == (
        "乌鲁木齐市天山区某某美容院",
        "92650102MAG8WAEM89",
        "person",
    )


def test_a_filing_form_is_dated_by_its_approval_not_by_a_table_row() -> None:
    filing = (
        "行政处罚案件立案审批表\n立案号：某立〔2024〕111号\n案由\t接纳未成年人进入互联网上网服务营业场所\n"
        "当事人\t某某网吧\n案件来源\t上级交办\n简要案情\t2024年7月19日，执法人员检查发现场内有未成年人上网。\n"
        "承办人：张某、李某 执法证号：乌天381930、乌天476160\n2024年07月19日\n"
        "负责人审批意见\t同意立案。\n签名：蔡某某 2024年07月22日"
    )
    assert fields(filing)["filing_date"] == "2024-07-22"


def test_a_receipt_signed_after_a_long_label() -> None:
    decision_text = decision("当事人：某某公司\n依据《城市道路管理条例》第四十二条的规定，本局决定：罚款人民币伍仟元。")
    receipt = (
        "送达回证\n受送达单位（人）：努尔兰・叶尔肯\n送达文书名称及文书编号：\n《行政处罚决定书》某罚〔2025〕149号\n"
        "送达方式：邮寄送达\n受送达单位（人）签收：努尔兰・叶尔肯 2025.2.24"
    )
    assert fields(decision_text, receipt)["service_date"] == "2025-02-24"


INSPECTION_FILE = (
    "行政检查案卷\n案卷名称\t某某食品有限公司行政检查案卷\n办理机关\t呼图壁县市场监督管理局\n保管期限\t长期",
    "呼图壁县市场监督管理局\n行政检查通知书\n呼县市监检通〔2025〕265号\n某某食品有限公司：\n"
    "本机关定于2025年8月18日对你（单位）进行现场检查。\n呼图壁县市场监督管理局\n二○二五年八月十八日",
    "现场检查笔录\n检查时间：2025年8月18日\n被检查人：呼图壁县某某食品有限公司\n统一社会信用代码：91652323MAEDTN8ULX\n"
    "检查人员：张某、李某，执法证号分别为65010012345、65010012346\n检查情况：未发现问题。",
)


def test_an_inspection_file_names_its_organ_and_the_inspected_party() -> None:
    pages = tuple(Page(n, t, tuple(Line(x) for x in t.split("\n"))) for n, t in enumerate(INSPECTION_FILE, 1))
    out = extract(Dossier(Path("i.pdf"), "i.pdf", "0" * 64, "pdf", pages)).to_contract()
    assert [d["type"] for d in out["documents"]] == ["cover", "other", "inspection_record"]
    f = out["fields"]
    assert (f["agency"], f["party_name"], f["party_id"]) == (
        "呼图壁县市场监督管理局",
        "呼图壁县某某食品有限公司",
        "91652323MAEDTN8ULX",
    )


def test_officers_told_in_a_decision_with_their_numbers() -> None:
    body = (
        "（违法事实）：2019年8月21日三河市文化广电和旅游局执法人员刘某国(R200400178)、解某旭(R280400162)在出示执法证件后"
        "对某某网吧进行检查。依据《互联网上网服务营业场所管理条例》第三十一条的规定，决定：警告。"
    )
    assert names(fields(decision(body))) == [("刘某国", "R200400178"), ("解某旭", "R280400162")]


def test_a_number_inside_a_sentence_of_the_head_is_not_the_decisions() -> None:
    text = (
        "行政处罚决定书\nXX局：\n你局占用土地的行为，违反了《中华人民共和国土地管理法》第四十四条第一款的规定。\n"
        "文山市自然资源局于2024年9月5日向你局送达了《行政处罚告知书》（文市自然资告字〔2024〕第44号），你局未提出陈述申辩。\n"
        "依照《中华人民共和国土地管理法》第七十六条的规定，决定：罚款人民币叁万元。"
    )
    assert fields(text)["case_number"] is None


def test_naming_the_version_that_applies_cites_no_provision() -> None:
    body = (
        "根据《中华人民共和国行政处罚法》第三十七条的规定，你局的行为发生于2017年，适用于2004年修正的《中华人民共和国土地管理法》"
        "和《中华人民共和国土地管理法实施条例》。依照《中华人民共和国土地管理法》第七十六条的规定，决定：罚款人民币叁万元。"
    )
    assert fields(decision(body))["penalty_provisions"] == [
        {"law": "中华人民共和国土地管理法", "article": 76, "paragraph": None, "item": None}
    ]


TRUNCATED = """岳环罚决字〔2022〕87号
某某建筑材料有限公司:
统一社会信用代码:91430681MA4L16XX0X
法定代表人:胡某
住所:湖南省岳阳市汨罗市某镇
某某建筑材料有限公司环境违法一案,经调查,现已审查终结。
一、环境违法事实和证据
2022年6月23日,监测站对你公司生产时的噪声进行了监测,检测结果超过了排放限值。
以上事实,有《现场监察记录》、《调查询问笔录》等证据为凭。
你公司上述行为违反了《中华人民共和国噪声污染防治法》第二十二条第一款的规定。"""


def test_a_decision_cut_before_its_penalty_is_known_by_its_number_series() -> None:
    page = Page(1, TRUNCATED, tuple(Line(x) for x in TRUNCATED.split("\n")))
    out = extract(Dossier(Path("t.pdf"), "t.pdf", "0" * 64, "pdf", (page,))).to_contract()
    assert [d["type"] for d in out["documents"]] == ["penalty_decision"]
    assert out["fields"]["case_number"] == "岳环罚决字〔2022〕87号"
    notice = TRUNCATED.replace("岳环罚决字", "岳环罚告字")
    page = Page(1, notice, tuple(Line(x) for x in notice.split("\n")))
    out = extract(Dossier(Path("n.pdf"), "n.pdf", "0" * 64, "pdf", (page,))).to_contract()
    assert [d["type"] for d in out["documents"]] == ["other"]


def test_a_decision_handed_over_on_the_spot_is_served_when_signed_for() -> None:
    text = SIMPLE.replace(
        "某县城市管理综合行政执法局\n2024年6月11日",
        "当事人签收：张某某 2024年6月12日\n某县城市管理综合行政执法局\n2024年6月11日",
    )
    f = fields(text)
    assert (f["decision_date"], f["service_date"]) == ("2024-06-11", "2024-06-12")
