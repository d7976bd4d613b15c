"""The 居民 area: the lazy grid (area.py, read first, and model.py), the resident form, the import
dialog, the export and figures dialogs, the recycle bin.
"""
