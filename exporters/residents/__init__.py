"""The residents' roster as .xlsx/.csv (roster.py) and the import report workbook.
"""
