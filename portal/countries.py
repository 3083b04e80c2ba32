"""Member states. The AI Act applies in the EU; EEA states follow once it is incorporated into the
EEA Agreement, which is why jurisdictions are stored as codes and not as a closed enum."""

from __future__ import annotations

EU_MEMBER_STATES: tuple[str, ...] = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip
