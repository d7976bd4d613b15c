"""The date fields read stored text with fromisoformat, to the same values peewee's own fields give
(peewee's way stays for anything fromisoformat refuses)."""
from __future__ import annotations

import peewee as pw
import pytest

from models.datafile.db import DateField, DateTimeField


@pytest.mark.parametrize("text", ["2026-03-05 09:00:00", "2026-03-05 09:00:00.123456",
                                  "2026-03-05", "2026-03-05 09:00", "not a date", ""])
def test_datetime_field_reads_as_peewee_does(text: str) -> None:
    assert DateTimeField().python_value(text) == pw.DateTimeField().python_value(text)


@pytest.mark.parametrize("text", ["2026-03-05", "2026-03-05 09:00:00",
                                  "2026-03-05 09:00:00.5", "not a date", ""])
def test_date_field_reads_as_peewee_does(text: str) -> None:
    assert DateField().python_value(text) == pw.DateField().python_value(text)


def test_none_and_values_pass_through() -> None:
    assert DateTimeField().python_value(None) is None
    assert DateField().python_value(None) is None
