"""The 居民 area: the lazy grid (area.py, read first, and model.py), the resident form, the
household and status dialog (household_dialog.py), the import dialog (import_dialog.py with
import_pages.py and import_changes.py: the preview's changes, households and missing people),
the export and figures dialogs, the recycle bin.
"""
