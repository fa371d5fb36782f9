"""Parsers for the values dossiers print: dates, money, numerals, case numbers, citations, IDs.

Each family has `parse_*(text) -> value | None` for a whole string and
`find_*(text) -> list[Match[...]]` for every occurrence in running text.

Conventions every caller may rely on:

* ``Match.raw == text[Match.start:Match.end]`` — offsets are into the text passed in (the
  parsers normalise a copy of the same length: full-width ASCII, Kangxi radicals / CJK
  compatibility ideographs, OCR spacing).
* No parser raises on any ``str``; impossible values (2月30日, an 18-character run with a bad
  shape) are left out, not guessed.
* ``find_amounts``: a number is money only with ¥/￥/人民币 before it or 元/万元 after it; an
  amount written twice in a row (伍仟元（¥5000.00）) is ONE match spanning both writings.
  ``parse_money`` alone also accepts a bare number (the caller knows the cell is money).
* ``find_case_numbers``: value = the 文号 as printed, whitespace removed; compare two with
  ``case_number_key``.
* ``find_citations``: one ``Provision`` per cited 条/款/项 with the law's catalogue full name
  (unknown laws: the printed name, without 《》 and a trailing version note such as
  （2021年修正））; a law named with no article in its sentence gives ``article=None``;
  ``Provision.raw`` is the printed citation; ``evidence`` is left for the caller.
* ``find_uscc`` / ``find_id_numbers`` return candidates whatever their check character;
  ``is_valid_uscc`` / ``is_valid_id_number`` decide.
"""
