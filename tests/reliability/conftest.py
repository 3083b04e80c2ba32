"""Reliability tests: faults provoked on purpose (issue 7). Every test in this folder is marked
`reliability` and gets a hard time limit (pytest-timeout), so a hang fails one test instead of
stalling `make test`. A module may set a longer limit with `pytest.mark.timeout(seconds)`.

Run them alone: make test ARGS="-m reliability -q -p no:logging"
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DEFAULT_TIMEOUT_SECONDS = 60


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees the whole session's items: mark only ours.
    for item in items:
        if HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.reliability)
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(DEFAULT_TIMEOUT_SECONDS))


# The API tests' fixtures (keys of any owner, objects named in endpoint paths) drive the
# bad-input matrix over tests/api/endpoints.py.
from tests.api.conftest import (  # noqa: E402, F401
    _fresh_rate_limits,
    _webhooks_to_test_hosts,
    api,
    lead_de,
    make_key,
    msa,
    targets,
)

# Webhook receivers on loopback and the socket-layer internet for the SSRF matrix (test_ssrf.py).
from tests.webhooks.conftest import queued, receiver, receivers, run_deliveries  # noqa: E402, F401
from tests.webhooks.network import internet  # noqa: E402, F401
