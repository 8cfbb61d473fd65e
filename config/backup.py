"""Backup archives: the database and every stored file, in one tar file.

    manifest.json            what is inside, with a SHA-256 for every part
    database.dump            pg_dump's custom format (database.sqlite3 on SQLite)
    files/<storage>/<name>   each file of the "private" and "default" storages

Files are read through Django's storages, so the same commands back up a
local folder or an S3-compatible bucket, and restore into either. The
database is dumped first: every file a row of the dump names is then in the
archive, unless it was deleted in between.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.db import connection

FORMAT = 1
STORAGE_ALIASES = ("private", "default")
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_names(storage, path=""):
    """Every file name in a storage, depth first; nothing for a folder not made yet."""
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for folder in sorted(folders):
        yield from stored_names(storage, f"{path}/{folder}" if path else folder)


def libpq_environment(settings_dict):
    """The connection as libpq's variables: no password on a command line."""
    env = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(target):
    """Write the database to `target`; returns the name it has in the archive."""
    if connection.vendor == "postgresql":
        run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={target}"],
            libpq_environment(connection.settings_dict),
        )
        return "database.dump"
    if connection.vendor == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        return "database.sqlite3"
    raise BackupError(f"No backup for a {connection.vendor} database.")


class HashingReader(io.RawIOBase):
    """Passes a file through once, computing its SHA-256 and size on the way."""

    def __init__(self, handle):
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def backup_write(*, output_dir, now=None):
    """Write a dated archive into output_dir; returns its path."""
    now = now or datetime.now(UTC)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / f"coordination-{now:%Y%m%d-%H%M%S}.tar"
    partial = archive.with_suffix(".tar.partial")
    manifest = {"format": FORMAT, "created": now.isoformat(), "files": []}
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(partial, "w") as tar:
        dump = Path(scratch) / "database"
        name = dump_database(dump)
        manifest["database"] = {
            "vendor": connection.vendor,
            "name": name,
            "sha256": sha256_of(dump),
        }
        tar.add(dump, arcname=name)
        for alias in STORAGE_ALIASES:
            storage = storages[alias]
            for stored in stored_names(storage):
                with storage.open(stored, "rb") as handle:
                    info = tarfile.TarInfo(f"files/{alias}/{stored}")
                    info.size = storage.size(stored)
                    info.mtime = int(now.timestamp())
                    reader = HashingReader(handle)
                    tar.addfile(info, reader)
                if reader.size != info.size:
                    raise BackupError(f"{alias}:{stored} changed while it was read.")
                manifest["files"].append(
                    {"storage": alias, "name": stored, "sha256": reader.digest.hexdigest()}
                )
        data = json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8")
        info = tarfile.TarInfo("manifest.json")
        info.size, info.mtime = len(data), int(now.timestamp())
        tar.addfile(info, io.BytesIO(data))
    partial.rename(archive)
    return archive


def database_is_empty():
    return not connection.introspection.table_names()


def restore_database(path, name):
    if name == "database.dump":
        if connection.vendor != "postgresql":
            raise BackupError("This archive holds a PostgreSQL dump; DATABASE_URL is not one.")
        run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
            libpq_environment(connection.settings_dict),
        )
    elif name == "database.sqlite3":
        if connection.vendor != "sqlite":
            raise BackupError("This archive holds a SQLite database; DATABASE_URL is not one.")
        connection.close()
        shutil.copyfile(path, connection.settings_dict["NAME"])
    else:
        raise BackupError(f"Unknown database part {name}.")


def archive_manifest(tar, archive):
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except KeyError:
        raise BackupError(f"{archive} is not a backup archive (no manifest).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown archive format {manifest.get('format')}.")
    return manifest


def member_sha256(tar, name):
    digest = hashlib.sha256()
    with tar.extractfile(name) as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def archive_verify(tar, manifest):
    """Every part of the archive against its checksum, before anything is written."""
    database = manifest["database"]
    if member_sha256(tar, database["name"]) != database["sha256"]:
        raise BackupError("The database dump in the archive is damaged.")
    for entry in manifest["files"]:
        if member_sha256(tar, f"files/{entry['storage']}/{entry['name']}") != entry["sha256"]:
            raise BackupError(f"{entry['storage']}:{entry['name']} is damaged in the archive.")


def storages_lack_the_files(manifest):
    for entry in manifest["files"]:
        if storages[entry["storage"]].exists(entry["name"]):
            raise BackupError(
                f"{entry['storage']}:{entry['name']} exists already: restore into an empty storage."
            )


def restore_files(tar, manifest):
    """Put every stored file back under its own name."""
    for entry in manifest["files"]:
        label = f"{entry['storage']}:{entry['name']}"
        checked = HashingReader(tar.extractfile(f"files/{entry['storage']}/{entry['name']}"))
        saved = storages[entry["storage"]].save(entry["name"], File(checked, entry["name"]))
        if saved != entry["name"]:
            raise BackupError(f"{label} was stored as {saved}.")
        if checked.digest.hexdigest() != entry["sha256"]:
            raise BackupError(f"{label} changed while it was restored.")


def backup_restore(*, archive):
    """Bring an archive back into the configured (empty) database and storages."""
    if not database_is_empty():
        raise BackupError("The database is not empty: restore into a fresh one.")
    with tarfile.open(archive, "r") as tar:
        manifest = archive_manifest(tar, archive)
        archive_verify(tar, manifest)
        storages_lack_the_files(manifest)
        database = manifest["database"]
        with tempfile.TemporaryDirectory() as scratch:
            dump = Path(scratch) / database["name"]
            with tar.extractfile(database["name"]) as source, open(dump, "wb") as target:
                shutil.copyfileobj(source, target, CHUNK)
            restore_database(dump, database["name"])
        restore_files(tar, manifest)
    return manifest
