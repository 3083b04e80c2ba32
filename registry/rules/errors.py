"""Domain errors of the rules engine: values with a stable ``code`` and a human message."""

from __future__ import annotations

from collections.abc import Mapping


class FactsError(ValueError):
    """The facts given to ``classify`` contain unknown keys or bad values.

    ``errors`` maps every offending key to a message; the exception text names all of them, so
    the API can render a problem+json body and a form can attach each message to its field.
    """

    code = "invalid_facts"

    def __init__(self, errors: Mapping[str, str], *, combinations: frozenset[str] = frozenset()):
        self.errors: dict[str, str] = dict(sorted(errors.items()))
        # The keys whose answer is valid alone but not with the role given (Art 2(10), Art 25(1)),
        # so that a caller can say so in its reader's language.
        self.combinations = combinations
        detail = "; ".join(f"{key}: {message}" for key, message in self.errors.items())
        super().__init__(f"Invalid facts ({', '.join(self.errors)}): {detail}")


class CalendarError(ValueError):
    """A legal calendar name that is not shipped with the rules (or a broken calendar file)."""

    code = "unknown_calendar"
