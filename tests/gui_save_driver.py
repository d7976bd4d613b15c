"""Driven by tests/test_crash_kill_gui.py: the real plan editor, offscreen, editing a large plan
through its widgets and saving the way Ctrl+S does (PlanEditor.save), over and over until the
test SIGKILLs it. Each save writes version g<n> into the title, every agenda slot and every
budget line, so a half-written save would show as a mix of versions.

    python tests/gui_save_driver.py DATA_FILE PLAN_ID FIRST_VERSION
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from models.datafile.db import open_database
from ui.plans.editor import PlanEditor


def main() -> None:
    db, plan_id, gen = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    app = QApplication(sys.argv[:1])
    open_database(db)
    editor = PlanEditor(plan_id)
    editor.resize(1280, 800)
    editor.show()
    title = editor.field_widget("title")
    grids = [editor.grid("agenda").model, editor.grid("budget").model]
    columns = [m.column_of(name) for m, name in zip(grids, ("what", "item"), strict=True)]
    app.processEvents()
    print("ready", flush=True)
    while True:
        gen += 1
        g = f"g{gen}"
        title.setText(g)  # type: ignore[attr-defined]
        for model, col in zip(grids, columns, strict=True):
            for row in range(model.rowCount()):
                model.setData(model.index(row, col), f"{g}-{row}")
        app.processEvents()
        print("begin", gen, flush=True)
        if not editor.save():
            print("refused", gen, flush=True)
            sys.exit(3)
        print("end", gen, flush=True)


if __name__ == "__main__":
    main()
