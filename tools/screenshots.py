"""Screenshots of every main page (tests/ui/pages.py) at 1280 and 390 px, to look at.

    .venv/bin/python tools/screenshots.py           # then open test-artefacts/screenshots/*.png
    .venv/bin/python tools/screenshots.py --docs    # also refresh the README's docs/screenshots/

It runs the page-width browser test (tests/e2e/test_page_width.py) against the tests' live
server with PORTAL_SCREENSHOTS=1: that test already opens every main page, with sample data
(a classified system, a draft, a long Code of Practice URL), at both widths, logged in once per
person. `--docs` copies the pages of DOCS, scaled to DOCS_WIDTH and reduced to a 256-colour
palette, so each PNG stays well under 150 KB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artefacts" / "screenshots"
DOCS_DIR = ROOT / "docs" / "screenshots"
# The pages the README shows: (screenshot, name in docs/screenshots/).
DOCS = [
    ("dashboard-1280", "dashboard.png"),
    ("systems-1280", "systems.png"),
    ("evidence-detail-1280", "evidence-detail.png"),
    ("records-1280", "records.png"),
    ("register-entry-390", "register-entry-phone.png"),
]
DOCS_WIDTH = {1280: 960, 390: 390}
MAX_BYTES = 150_000
MAX_HEIGHT = 1400  # a long page is cut: the README shows its top


def take() -> int:
    env = {**os.environ, "PORTAL_SCREENSHOTS": "1"}
    args = ["tests/e2e/test_page_width.py", "-q", "-p", "no:cacheprovider", "-k", "fits_the_screen"]
    command = [sys.executable, "-m", "portal.devstack", "test", *args]
    env.setdefault("PORTAL_CHROMIUM", "/usr/bin/chromium")
    return subprocess.call(command, cwd=ROOT, env=env)


def optimise(source: Path, target: Path, width: int) -> int:
    from PIL import Image

    with Image.open(source) as image:
        image = image.convert("RGB")
        if image.width > width:
            image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        image = image.crop((0, 0, image.width, min(image.height, MAX_HEIGHT)))
        colours = 256
        while True:
            image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT).save(
                target, optimize=True
            )
            if target.stat().st_size <= MAX_BYTES or colours <= 16:
                return target.stat().st_size
            colours //= 2


def docs() -> None:
    DOCS_DIR.mkdir(parents=True, exist_ok=True)
    for shot, name in DOCS:
        width = int(shot.rsplit("-", 1)[1])
        size = optimise(SHOTS / f"{shot}.png", DOCS_DIR / name, DOCS_WIDTH[width])
        print(f"docs/screenshots/{name}: {size // 1000} kB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", action="store_true", help="refresh docs/screenshots/")
    parser.add_argument("--no-take", action="store_true", help="reuse the last screenshots")
    options = parser.parse_args()
    status = 0 if options.no_take else take()
    if options.docs:
        docs()
    print(f"Screenshots in {SHOTS.relative_to(ROOT)}/")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
