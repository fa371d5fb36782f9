"""A scanned (image-only) two-page PDF for the build's smoke test: OCR must read it."""

import sys
from pathlib import Path

import pymupdf

LINES = ["行政处罚决定书", "兵市监罚〔2026〕17号", "当事人：石河子市某某商贸有限公司",
         "统一社会信用代码：91659001MA775XXK3U", "罚款人民币伍仟元整（5000元）"]


def main(dest: Path) -> None:
    text = pymupdf.open()
    page = text.new_page()
    for i, line in enumerate(LINES):
        page.insert_text((72, 90 + 28 * i), line, fontname="china-s", fontsize=14)
    pix = page.get_pixmap(dpi=200)
    scan = pymupdf.open()
    for _ in range(2):
        out = scan.new_page()
        out.insert_image(out.rect, stream=pix.tobytes("png"))
    scan.save(dest)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
