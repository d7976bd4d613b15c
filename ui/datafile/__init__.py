"""The data file from the window: opening it with every check explained (open_data.py), and
the backups dialog.
"""
