"""The app's settings (config/settings.py) with collected static files hashed but not
compressed: the same names and manifest, which a page's {% static %} needs with DEBUG
off, without WhiteNoise's gzip and Brotli copies, which take most of collectstatic's
time and which no page reads. Only tests/demo's collectstatic uses it."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
