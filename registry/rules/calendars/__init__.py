"""Data package: one JSON file per legal calendar (loaded by ``registry.rules.legal_calendar``)."""
