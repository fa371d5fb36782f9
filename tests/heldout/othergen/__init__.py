"""A second dossier generator, written from the extraction and check contracts only (issue 11)."""
