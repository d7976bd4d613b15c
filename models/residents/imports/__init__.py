"""Importing residents from the office's own spreadsheets (.xlsx, .xls, .csv)."""
