"""The benchmark (`make bench`): seed data, load scenarios, the floor, results.

Installed as an app only by ``ethicsdesk.settings_bench``; it never ships in the normal app.
"""
