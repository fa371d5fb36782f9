"""Held-out yardsticks: generators and data the extractor's authors do not read."""
