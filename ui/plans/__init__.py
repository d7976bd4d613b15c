"""The 活动方案 area: the plans list (area.py, read first), one editor tab per plan (editor.py),
its forms and grids, the template and copy dialogs.
"""
