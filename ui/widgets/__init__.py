"""Widgets every area shares: grids over row records (rows_grid.py, rows_model.py), their
cell editors, date edits, one way to make an action, and the resident picker (resident_picker.py:
a person found in the residents' register, used by relief, contest entries and volunteers), and
combos.py (a combo box choosing a record by its id: the activity, the campaign).
"""
