"""The 通报 and the 意见书 as 公文 in DOCX, PDF and the print preview (one content, three writers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.reports import gongwen as gw
from app.reports.blocks import Block, Html, Table, esc
from app.reports.circular_text import circular_doc
from app.reports.gongwen_docx import docx_of
from app.reports.gongwen_pdf import render_gongwen_pdf
from app.reports.masking import Mask, plain
from app.reports.model import AgencyOpinion, Circular, DocSettings, Opinions
from app.reports.opinion_text import empty_opinion_doc, opinion_doc


def _opinion_docs(opinions: Sequence[AgencyOpinion], mask: Mask) -> list[gw.Doc]:
    if opinions:
        return [opinion_doc(o, mask) for o in opinions]
    if isinstance(opinions, Opinions):
        return [empty_opinion_doc(opinions.campaign, opinions.settings.organ, opinions.issued)]
    return [empty_opinion_doc("本评查活动", DocSettings().organ, dt.date.today())]


def circular_docx(c: Circular, mask: Mask = plain) -> bytes:
    return docx_of([circular_doc(c, mask)])


def circular_pdf(c: Circular, mask: Mask = plain) -> bytes:
    doc = circular_doc(c, mask)
    return render_gongwen_pdf([doc], title=doc.title)


def opinions_docx(opinions: Sequence[AgencyOpinion], mask: Mask = plain) -> bytes:
    return docx_of(_opinion_docs(opinions, mask))


def opinions_pdf(opinions: Sequence[AgencyOpinion], mask: Mask = plain) -> bytes:
    return render_gongwen_pdf(_opinion_docs(opinions, mask), title="行政执法监督意见书")


def _e(text: str) -> str:
    return esc(text)


def doc_blocks(docs: Sequence[gw.Doc]) -> list[Block]:
    """The documents as blocks for the print preview (the layout is the DOCX's and PDF's; this shows content)."""
    out: list[Block] = []
    for k, d in enumerate(docs):
        out.append(Html(f"<p class='center red' style='font-size:20pt'>{_e(d.head.mark or d.head.organ)}</p>"
                        f"<p class='center'>{_e(d.head.number)}</p><hr/><h1>{_e(d.title)}</h1>"
                        f"<p>{_e(d.to_line)}</p>", page_break_before=k > 0))
        for e in (*d.body, *(x for _, body in d.annexes for x in body)):
            out.append(_block(e))
        out.append(Html(f"<p class='right'>{_e(d.head.organ)}</p><p class='right'>{gw.gw_date(d.issued)}</p>"))
    return out


def _block(e: gw.Element) -> Block:
    if isinstance(e, gw.Heading):
        return Html(f"<p>　　<b>{_e(e.text)}</b>{_e(e.run_in)}</p>")
    if isinstance(e, gw.Para):
        return Html(f"<p>{'　　' if e.indent else ''}{_e(e.text)}</p>")
    if isinstance(e, gw.GTable):
        return Table(e.header, e.rows, e.widths, tuple(e.align))
    if isinstance(e, gw.Image):
        return Html(f"<p class='center'><img src='{e.name}'/></p><p class='center small'>{_e(e.caption)}</p>")
    return Html("<p>&#160;</p>")


def circular_blocks(c: Circular, mask: Mask = plain) -> list[Block]:
    return doc_blocks([circular_doc(c, mask)])


def opinion_blocks(opinions: Sequence[AgencyOpinion], mask: Mask = plain) -> list[Block]:
    return doc_blocks(_opinion_docs(opinions, mask))
