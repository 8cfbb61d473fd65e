"""Bodies' signing certificates: kept encrypted, read back to sign.

The PKCS#12 file and its passphrase are encrypted (Fernet: AES-128-CBC with an
HMAC) with a key derived from DJANGO_CERTIFICATE_KEY, so a copy of the database
alone signs nothing. Without that variable a development or test run derives
the key from the secret key; a production run refuses to store or read one.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

from parties.models import SigningCertificate


def _fernet():
    key = settings.CERTIFICATE_KEY
    if not key:
        if not settings.DEBUG:
            raise ImproperlyConfigured("Set DJANGO_CERTIFICATE_KEY to keep signing certificates.")
        key = "development:" + settings.SECRET_KEY
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode("utf-8")).digest()))


def read_pkcs12(data, passphrase):
    """The key, certificate and chain of a PKCS#12 file, or a message at the field."""
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, passphrase.encode("utf-8") if passphrase else None
        )
    except ValueError:
        raise ValidationError(
            {
                "pkcs12": _(
                    "This file could not be opened as a PKCS#12 certificate with this "
                    "passphrase. Check the file (.p12 or .pfx) and the passphrase."
                )
            }
        ) from None
    if key is None or certificate is None:
        raise ValidationError(
            {"pkcs12": _("The file holds no private key with its certificate; it cannot sign.")}
        )
    return key, certificate, chain


def certificate_store(*, body, data, passphrase, note=""):
    """Keep the body's certificate (replacing any it held), encrypted."""
    _key, certificate, _chain = read_pkcs12(data, passphrase)
    fernet = _fernet()
    record, _created = SigningCertificate.objects.update_or_create(
        body=body,
        defaults={
            "encrypted_pkcs12": fernet.encrypt(data),
            "encrypted_passphrase": fernet.encrypt(passphrase.encode("utf-8")),
            "subject": certificate.subject.rfc4514_string()[:500],
            "issuer": certificate.issuer.rfc4514_string()[:500],
            "serial_number": format(certificate.serial_number, "x")[:100],
            "valid_from": certificate.not_valid_before_utc,
            "valid_until": certificate.not_valid_after_utc,
            "fingerprint": certificate.fingerprint(hashes.SHA256()).hex(),
            "note": note,
        },
    )
    return record


def certificate_open(record):
    """(PKCS#12 bytes, passphrase bytes) of a stored certificate."""
    fernet = _fernet()
    try:
        return (
            fernet.decrypt(bytes(record.encrypted_pkcs12)),
            fernet.decrypt(bytes(record.encrypted_passphrase)),
        )
    except InvalidToken:
        raise ImproperlyConfigured(
            "A signing certificate cannot be decrypted: DJANGO_CERTIFICATE_KEY has changed."
        ) from None
