"""The data file itself: opening and checking it (opening.py first), the schema and its
migrations, backups and restore, the lock that keeps one writer per file, where files live.
"""
