"""Qt models over frozen DTOs."""
