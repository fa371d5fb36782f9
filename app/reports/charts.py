"""Bar charts as PNG for the printed circular, drawn with Pillow (no Qt in app/)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from app.reports.pdf import font_path

W, H = 1400, 720
LEFT, RIGHT, TOP, BOTTOM = 110, 40, 90, 150
COLOURS = ("#2f6db5", "#3c9a5f", "#e0a030", "#c0392b", "#7f60a8", "#4aa3b5")


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size, index=0)


def _nice_max(value: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return float(step * 5)
    return float(value)


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    unit: str = "",
    y_max: float | None = None,
    colours: Sequence[str] = COLOURS,
) -> bytes:
    """A vertical bar chart with value labels; returns PNG bytes."""
    img = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(img)
    title_font, label_font, value_font = _font(40), _font(26), _font(26)
    tw = draw.textlength(title, font=title_font)
    draw.text(((W - tw) / 2, 20), title, fill="black", font=title_font)
    top = y_max if y_max is not None else _nice_max(max(values, default=0.0) or 1.0)
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    for i in range(6):
        y = TOP + plot_h - plot_h * i / 5
        draw.line((LEFT, y, W - RIGHT, y), fill="#dddddd", width=2)
        tick = f"{top * i / 5:g}"
        draw.text((LEFT - 12 - draw.textlength(tick, font=label_font), y - 15), tick, fill="#444", font=label_font)
    draw.line((LEFT, TOP, LEFT, TOP + plot_h), fill="#444", width=2)
    draw.line((LEFT, TOP + plot_h, W - RIGHT, TOP + plot_h), fill="#444", width=2)
    n = max(1, len(values))
    slot = plot_w / n
    bar = min(140.0, slot * 0.6)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x0 = LEFT + slot * i + (slot - bar) / 2
        h = plot_h * min(value, top) / top if top else 0
        draw.rectangle((x0, TOP + plot_h - h, x0 + bar, TOP + plot_h), fill=colours[i % len(colours)])
        text = f"{value:g}{unit}"
        draw.text(
            (x0 + (bar - draw.textlength(text, font=value_font)) / 2, TOP + plot_h - h - 34),
            text,
            fill="black",
            font=value_font,
        )
        _label(draw, label, x0 + bar / 2, TOP + plot_h + 12, slot, label_font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _label(
    draw: ImageDraw.ImageDraw, label: str, cx: float, y: float, slot: float, font: ImageFont.FreeTypeFont
) -> None:
    """Category label under a bar, wrapped onto up to three lines to fit its slot."""
    lines, line = [], ""
    for ch in label:
        if draw.textlength(line + ch, font=font) > slot - 8 and line:
            lines.append(line)
            line = ch
        else:
            line += ch
    lines.append(line)
    if len(lines) > 3:
        lines = [*lines[:2], lines[2][:-1] + "…"]
    for k, text in enumerate(lines):
        draw.text((cx - draw.textlength(text, font=font) / 2, y + k * 32), text, fill="#222", font=font)
