"""A view's model and selection model, both made in Python and held by a Python reference.

PySide finds the wrapper of an object Qt hands back (view.selectionModel()) by its address. A
wrapper that outlived its object (a QStandardItem Qt deleted without PySide knowing) could be
handed out for the selection model Qt later made at the same address: "'QStandardItem' object
has no attribute 'currentRowChanged'", now and then under load. A selection model made here is
Python's own object, and the code keeps it and uses it instead of asking the view for it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QAbstractItemView


def set_model(view: QAbstractItemView, model: QAbstractItemModel) -> QItemSelectionModel:
    """view.setModel(model) with a selection model of Python's own; keep what this returns and
    use it rather than view.selectionModel()."""
    view.setModel(model)
    # setModel made one of its own first; Qt leaves it as a child of the view (freed with it).
    selection = QItemSelectionModel(model, view)
    view.setSelectionModel(selection)
    return selection
