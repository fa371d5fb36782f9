"""Shared terms, each defined once: review states, grades, units (师市/部门 paths).

Labels (Chinese words shown to people) are given here once and used only where text leaves the
program (CLI output, reports, the window); inside, code compares the enum values and the paths.
"""
