"""Where stored files live: scans of signed programmes and generated reports.

Both are confidential to the bodies that may see them, so they go to the
"private" storage of settings.STORAGES (a local folder outside MEDIA_ROOT, or
a private S3-compatible bucket) and have no URL: the views that check who may
see a file read it from the storage and stream it. Scans get random names, so
a name says nothing about the programme and cannot be guessed.
"""

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

PRIVATE = "private"


class NoPublicURL:
    def url(self, name):
        raise ValueError("Private files have no URL; they are served by the checked views.")


class PrivateFileSystemStorage(NoPublicURL, FileSystemStorage):
    """The local private storage: settings.PRIVATE_MEDIA_ROOT, read on each use."""

    def __init__(self, **options):
        options.setdefault("base_url", None)
        super().__init__(**options)

    @property
    def base_location(self):
        return str(self._location or settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


class PrivateStorage(LazyObject):
    """settings.STORAGES["private"], looked up again whenever STORAGES changes."""

    def _setup(self):
        self._wrapped = storages[PRIVATE]


private = PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        private._wrapped = empty


def private_storage():
    """The storage of file fields that must never be served by URL."""
    return private


def scan_file_name(instance, filename):
    return f"scans/{secrets.token_hex(16)}.pdf"
