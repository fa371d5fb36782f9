"""Generated-corpus fixtures (filled in by the corpus work)."""
