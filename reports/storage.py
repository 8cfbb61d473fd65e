"""Generated reports are kept in the private storage (agreements/storage.py):
never under a URL, only read by the download views after checking visibility."""

from agreements.storage import private_storage

__all__ = ["private_storage"]
