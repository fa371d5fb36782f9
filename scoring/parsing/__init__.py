"""Text parsers shared by extraction and the rules: the one reader of dates, numerals, OCR clean-up.

They live in the bottom layer so that a rule reading a date in a page's text and the extractor reading
a field use the same code (`scoring.parsing.dates`). The other value parsers (money, 文号, citations,
IDs) are in ``app.extract.parsers``; all follow the conventions written there (``Match.raw ==
text[start:end]``, never raise, impossible values left out).
"""
