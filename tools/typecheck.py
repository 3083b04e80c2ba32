"""mypy over the packages in pyproject.toml's [tool.mypy], against a baseline that only shrinks.

mypy-baseline.txt lists the errors the code had when the type checker came in, one line each,
without line numbers (so editing a file above an old error does not make it new). `make lint`
fails when mypy reports an error the baseline does not hold: fix it (or, where the stubs are wrong,
`# type: ignore[code]` with a reason). `make typecheck-baseline` rewrites the baseline, keeping
only the entries mypy still reports: it never adds one, so the list can only get shorter.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "mypy-baseline.txt"
ERROR = re.compile(r"^(?P<path>[^:\s]+\.pyi?):\d+(?::\d+)?: error: (?P<message>.*)$")
HEADER = (
    "# mypy errors present when the type checker was introduced (tools/typecheck.py).\n"
    "# Only ever shrinks: `make typecheck-baseline` drops what is fixed and adds nothing.\n"
)


def _normalise(path: str, message: str) -> str:
    # Line numbers inside a message ("defined on line 40") move with every edit above them.
    return f"{path}: " + re.sub(r"line \d+", "line N", message)


def run_mypy() -> tuple[Counter[str], str]:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-pretty", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):  # 2: mypy itself failed (configuration, crash)
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(2)
    found: Counter[str] = Counter()
    for line in result.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            found[_normalise(match["path"], match["message"])] += 1
    return found, result.stdout


def read_baseline() -> Counter[str]:
    if not BASELINE.exists():
        return Counter()
    return Counter(
        line for line in BASELINE.read_text().splitlines() if line and not line.startswith("#")
    )


def write_baseline(entries: Counter[str]) -> None:
    BASELINE.write_text(HEADER + "".join(f"{entry}\n" for entry in sorted(entries.elements())))


def main(argv: list[str]) -> int:
    found, output = run_mypy()
    baseline = read_baseline()
    new, fixed = found - baseline, baseline - found
    if "--update" in argv:
        write_baseline(found & baseline)
        print(
            f"mypy-baseline.txt: {sum((found & baseline).values())} errors ({sum(fixed.values())} dropped)"
        )
        if new:
            print(f"{sum(new.values())} new errors are not added; fix them.")
        return 1 if new else 0
    if new:
        keys = set(new)
        print(
            "mypy: errors that are not in mypy-baseline.txt (fix them; the baseline only shrinks):"
        )
        for line in output.splitlines():
            match = ERROR.match(line)
            if match and _normalise(match["path"], match["message"]) in keys:
                print(f"  {line}")
        return 1
    summary = f"mypy: {sum(found.values())} known errors (mypy-baseline.txt), no new ones"
    if fixed:
        summary += (
            f"; {sum(fixed.values())} fixed since the baseline: run `make typecheck-baseline` "
            "to drop them"
        )
    print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
