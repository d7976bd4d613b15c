"""The residents' register: the service API (service.py, read first), records, rules and checks,
search, figures, the demo residents and imports/ (the office's own spreadsheets).
"""
