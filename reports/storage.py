"""Where generated reports are kept: a folder no URL maps to.

Report files are confidential to the bodies that may see them, so they are
never placed under MEDIA_ROOT (which a web server may publish); the download
views in reports/views.py read them after checking visibility.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at settings.PRIVATE_MEDIA_ROOT, read on each use."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Report files have no public URL; use the download views.")


def private_storage():
    return PrivateStorage()
