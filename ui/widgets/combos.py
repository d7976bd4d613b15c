"""A combo box whose items carry a record's id as their data (the activity, the campaign): the id
chosen, and choosing one by id. The sign-ups, feedback and relief tabs pick their record so."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def chosen_id(combo: QComboBox) -> int | None:
    value = combo.currentData()
    return int(value) if value is not None else None


def choose_id(combo: QComboBox, record_id: int) -> bool:
    """Make the item carrying record_id current; False (and nothing changed) when there is none."""
    i = combo.findData(record_id)
    if i >= 0:
        combo.setCurrentIndex(i)
    return i >= 0
