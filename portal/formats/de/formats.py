"""German dates: 27. November 2026, 14:30 (one format each, short = long; see formats/en)."""

DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j. F Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
