"""The renderer needs no Django settings (a worker, the benchmark or a verifier may have none)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from registry.filings.canonical import canonical_json
from registry.filings.pdf import render_filing_pdf
from registry.filings.samples import sample_snapshot
from registry.filings.verify import verify_filing_pdf
rendered = render_filing_pdf(canonical_json(sample_snapshot()))
print(verify_filing_pdf(rendered.content).ok, rendered.page_count)
"""


def test_renders_and_verifies_without_django_settings() -> None:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    ok, pages = completed.stdout.split()
    assert ok == "True"
    assert int(pages) >= 3
