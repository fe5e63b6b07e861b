"""Message catalogues, one module per language with a `MESSAGES` dict of the same keys."""
