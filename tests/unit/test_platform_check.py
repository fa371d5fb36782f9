"""The X11 pre-flight check names the missing system packages instead of letting Qt abort."""

from __future__ import annotations

import ctypes.util

import pytest

from ui import platform_check


def test_missing_cursor_library_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else real(name) or name)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    message = platform_check.check_xcb()
    assert message is not None
    assert "sudo apt install libxcb-cursor0\n" in message


def test_wayland_session_and_explicit_platform_skip_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert platform_check.check_xcb() is None
    monkeypatch.delenv("WAYLAND_DISPLAY")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_check.check_xcb() is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert "libxcb-cursor0 libxcb-icccm4" in (platform_check.check_xcb() or "")

