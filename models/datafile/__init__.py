"""The data file itself: opening and checking it (opening.py first), the schema (schema.py gathers
each wing's tables, built on base.py) and its migrations (db.py), backups (backup.py) and
putting one back (restore.py), the lock that keeps one writer per file, where files live.
"""
