"""The jurisdiction rules screens: the read-only list (rules.py), the content editor's drafts
(drafts.py) and files in and out (files.py)."""
