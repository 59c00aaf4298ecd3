"""The static files' storage: whitenoise's (hashed names from the manifest, compressed copies),
with each file's address worked out once per process.

The manifest is read once, when the storage is made, and a deployment changes it only with
a restart, so a file's address never changes while the process runs. Working it out (the
manifest lookup, quoting, joining with ``STATIC_URL``) took 20-100 µs per ``{% static %}``,
and every page has seven or more.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        address = self._addresses.get(name)
        if address is None:
            address = self._addresses[name] = super().url(name)  # a missing file raises
        return address
