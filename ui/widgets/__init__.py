"""Widgets of the workstation window."""
