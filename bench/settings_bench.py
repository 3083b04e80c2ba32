"""Settings for the API read benchmark only: the portal's settings, plus a URLconf that adds the
bare comparison view (bench/bare_urls.py). Production URLconfs never contain benchmark views."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
