"""Dialogs of the workstation window."""
