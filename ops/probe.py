"""``python -m ops.probe /ready/``: the container's health check (no curl in the image).

Asks this container's gunicorn on 127.0.0.1:$PORT (8000) with the first of ALLOWED_HOSTS as
the Host (Django refuses other hosts); exits 0 on a 200 answer, 1 otherwise."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def host_to_ask(allowed_hosts: str) -> str:
    """A Host header Django accepts: the first allowed name (".example.org" allows
    "example.org"); "localhost" when it lists none or only "*"."""
    first = allowed_hosts.split(",")[0].strip().lstrip(".")
    return first if first and first != "*" else "localhost"


def main(path: str = "/health/") -> int:
    host = host_to_ask(os.environ.get("ALLOWED_HOSTS", ""))
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed URL
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError):
        return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
