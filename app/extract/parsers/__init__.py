"""Parsers for the values dossiers print: dates, money, numerals, case numbers, citations, IDs.

Each family has `parse_*(text) -> value | None` for a whole string and
`find_*(text) -> list[Match[...]]` for every occurrence in running text.
"""
