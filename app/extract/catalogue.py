"""What segmentation matches: title variants (from the one table, scoring.doctypes), families of titles,
and content cues per type for pages that show no title.
"""

from __future__ import annotations

from scoring.doctypes import DOCUMENT_TYPES

# Title variants per document type: the one vocabulary (scoring.doctypes).
TITLES: dict[str, tuple[str, ...]] = {d.id: d.titles for d in DOCUMENT_TYPES}

# Families of titles with a fixed head or tail (regexes over the title without spaces/brackets).
TITLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("evidence", r"^[^：:]{2,16}复印件$"),
    ("statement_record", r"(?:放弃)?陈述申辩(?:权利)?(?:声明书?|意见书?|材料|情况说明)$"),
    ("hearing", r"(?:放弃)?听证(?:权利)?声明书?$"),
)

# Words a page body shows when it is a document of that type (used when no title is seen).
CONTENT_CUES: dict[str, tuple[tuple[str, ...], int]] = {
    # type: (cues, how many must appear)
    "cover": (("案件名称", "归档号", "保管期限", "全宗号", "立卷人", "卷内", "件数", "页数"), 3),
    "toc": (("序号", "页号", "题名", "文件名称", "责任者"), 3),
    "inquiry_record": (("问：", "答：", "被询问人"), 2),
    "service_receipt": (("受送达人", "送达方式", "送达地点", "签收"), 3),
    "payment_receipt": (
        ("缴款人", "收款人", "金额", "开户银行", "账号", "执收单位", "缴款日期", "罚没收入", "票据号码"),
        3,
    ),
    "remarks": (("立卷人", "检查人", "本卷"), 2),
    "evidence": (("与原件核对无误", "与原件一致", "经核对与原件相符"), 1),
}

# Words that tell a case's kind when its titles are not a penalty dossier's.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "license": ("行政许可", "许可申请", "受理通知书", "准予许可", "准予行政许可"),
    "enforcement": ("行政强制", "强制执行", "查封", "扣押", "催告书", "强制措施"),
    "inspection": ("行政检查", "监督检查", "检查记录", "现场检查", "责令整改"),
}

# A title line may carry the deciding organ before the title; these end an organ's name.
AGENCY_ENDINGS = (
    "局",
    "委员会",
    "委",
    "支队",
    "大队",
    "中队",
    "总队",
    "所",
    "中心",
    "政府",
    "办公室",
    "办",
    "管理处",
    "处",
    "站",
    "院",
    "厅",
    "分局",
    "管委会",
    "执法队",
    "队",
    "部",
)

# Sectors whose own rules name their forms with the sector first (林业行政处罚决定书, 交通运输行政处罚
# 决定书, 税务行政处罚决定书 …): a title may carry one before its 行政… head.
SECTOR_WORDS = (
    "林业", "林草", "草原", "水利", "水", "交通运输", "交通", "海事", "渔业", "农业农村", "农业", "公安", "税务",
    "生态环境", "环境保护", "环境", "环保", "卫生健康", "卫生", "文化市场", "文化和旅游", "文化", "旅游", "城市管理",
    "城管", "综合行政执法", "价格", "土地", "自然资源", "国土资源", "市场监督管理", "市场监管", "工商", "质量技术监督",
    "质监", "食品药品", "药品", "安全生产", "应急管理", "烟草专卖", "烟草", "气象", "人力资源社会保障", "劳动保障",
    "教育", "民政", "商务", "统计", "消防", "邮政", "能源", "电力", "住房城乡建设", "城乡建设", "建设", "规划",
    "知识产权", "版权", "广播电视", "体育", "海洋", "测绘", "地震", "粮食", "人防", "出版",
)  # fmt: skip
