"""Every environment variable the settings read is in the README's Configuration table: an
operator has no other place to learn that it exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_from_the_environment_is_documented():
    settings = (ROOT / "portal" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', settings))
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Configuration") : readme.index("### With real servers")]
    undocumented = sorted(name for name in read if f"`{name}`" not in table)
    assert len(read) > 20, "the pattern no longer finds the settings' environment variables"
    assert undocumented == [], f"add to the README's Configuration table: {undocumented}"
