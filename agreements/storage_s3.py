"""The private storage on an S3-compatible bucket (settings.STORAGES when
STORAGE_S3_BUCKET is set): objects are read with the server's credentials
and never linked to, not even by a signed URL."""

from storages.backends.s3 import S3Storage

from agreements.storage import NoPublicURL


class PrivateS3Storage(NoPublicURL, S3Storage):
    pass
