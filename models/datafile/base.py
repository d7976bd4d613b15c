"""What every table of the data file is built on: the database handle (a peewee DatabaseProxy,
bound by models.datafile.db.open_database), the base model class and the date field types.

Imports no wing: each wing's tables.py builds on this module, and models.datafile.schema gathers
those tables, so nothing here may import back.
"""
from __future__ import annotations

from datetime import date, datetime

import peewee as pw

database = pw.DatabaseProxy()


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class DateTimeField(pw.DateTimeField):
    """peewee's DateTimeField, read with datetime.fromisoformat: peewee tries strptime formats in
    turn (the first always fails on what it writes, and strptime's first call alone costs some
    10 ms). Anything fromisoformat does not take goes the peewee way."""

    def python_value(self, value: object) -> object:
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)


class DateField(pw.DateField):
    """peewee's DateField, read with date.fromisoformat (see DateTimeField)."""

    def python_value(self, value: object) -> object:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)
