"""Development tooling, never imported by a request in production.

- ``localdb``: the private PostgreSQL under ``var/pg`` used whenever no DATABASE_URL is set;
  started by ``manage.py``, the test run and ``make db``, never by importing the settings.
- ``backup``: ``make backup`` / ``make restore`` (pg_dump and pg_restore).
- ``bench_floor``: the benchmark's floor page, routed only under ``ethicsdesk.settings_bench``.
"""
