"""The one place that names the version of the rules.

Bump it whenever a change to this package can change a classification result or a derived date,
so a stored result can always be traced to the rules that produced it.
"""

from __future__ import annotations

RULESET_VERSION: str = "2026.12.1"
