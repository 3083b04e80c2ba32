"""The lock files pin what pyproject.toml pins (README, Dependencies): a pin edited without
`make lock` would otherwise install the old version silently, since make installs the lock only."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#\\]+)")


def _name(raw: str) -> str:
    return re.sub(r"[-_.]+", "-", raw).lower()


def _locked(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins[_name(match.group(1))] = match.group(2)
    return pins


def _declared(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        match = PIN.match(requirement.replace(" ", ""))
        assert match, (
            f"{requirement!r} in pyproject.toml is not pinned with == (README, Dependencies)"
        )
        pins[_name(match.group(1))] = match.group(2)
    return pins


def test_the_locks_hold_the_versions_pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    production = _declared(project["dependencies"])
    dev = production | _declared(extras["dev"])
    test = dev | _declared(extras["test"])
    for lock, wanted in (
        ("requirements.lock", production),
        ("requirements-dev.lock", dev),
        ("requirements-test.lock", test),
    ):
        locked = _locked(ROOT / lock)
        differing = {
            name: (version, locked.get(name))
            for name, version in wanted.items()
            if locked.get(name) != version
        }
        assert not differing, f"{lock} disagrees with pyproject.toml (run `make lock`): {differing}"
        assert len(locked) > len(wanted), f"{lock} pins only the direct dependencies"


def test_the_run_and_production_locks_agree_with_the_test_lock():
    test = _locked(ROOT / "requirements-test.lock")
    for lock in ("requirements.lock", "requirements-dev.lock"):
        pins = _locked(ROOT / lock)
        assert pins.keys() <= test.keys()
        assert {name: version for name, version in pins.items() if test[name] != version} == {}


def test_the_production_lock_holds_no_development_package():
    # Issue 14 item 10: the image installs requirements.lock only; embedded servers stay out of it.
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    production = _locked(ROOT / "requirements.lock")
    for name in _declared(extras["dev"]) | _declared(extras["test"]):
        assert name not in production, f"{name} is a development package in requirements.lock"
