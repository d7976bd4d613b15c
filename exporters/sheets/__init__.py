"""Shared pieces of every printed workbook: page set-up, title, borders (layout.py), fast rows.
"""
