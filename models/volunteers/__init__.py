"""Volunteers (志愿服务): teams, the register of volunteers (linked to residents where they are
ones), services and training with each person's minutes, the yearly minimums, assessments, star
levels and the register of service record certificates.

Read service.py first (the API the window, the command line and the exporters use); the rules
(minimums, stars, hours as text) are pure in rules.py, the year's figures in ledger.py.
"""
