"""Widgets every area shares: grids over row records (rows_grid.py, rows_model.py), their
cell editors, date edits, and one way to make an action.
"""
