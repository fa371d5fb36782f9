"""Before Qt starts on Linux/X11: the system libraries Qt's xcb plugin needs, named with their package.

Qt ≥ 6.5 needs libxcb-cursor0, which neither a stock Debian 12 GNOME nor an Ubuntu 24.04 desktop
installs (checked with `apt-get -s install task-gnome-desktop` / `ubuntu-desktop`). Without it Qt
aborts with an English message; here a Wayland session falls back to Qt's Wayland plugin, and an
X11 session gets the one command that fixes it.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

# library (as ctypes.util.find_library names it) -> Debian / Ubuntu / UOS / Kylin package
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0", "xcb-render-util": "libxcb-render-util0", "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-shape": "libxcb-shape0", "xcb-randr": "libxcb-randr0", "xcb-xkb": "libxcb-xkb1",
}


def _bundled(name: str) -> bool:
    """A frozen build may carry the library itself."""
    base = getattr(sys, "_MEIPASS", None)
    return base is not None and any(Path(base).rglob(f"lib{name}.so*"))


def missing_packages() -> list[str]:
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None and not _bundled(lib)]


def check_xcb() -> str | None:
    """None when Qt can start (or is not going to use xcb); else the Chinese message to print."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None  # Qt 6 uses its Wayland plugin in a Wayland session
    missing = missing_packages()
    if not missing:
        return None
    return ("casereview: 无法打开窗口：缺少 Qt 的 X11 显示插件所需的系统库。请安装后重试：\n"
            f"    sudo apt install {' '.join(missing)}\n"
            "（Debian、Ubuntu、统信 UOS、银河麒麟的软件包同名；命令行功能不需要这些库。）")
