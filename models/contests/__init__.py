"""Contests and honours (评比表彰): contests with categories, entries under anonymous codes, judges
and their scores, prizes computed from the scores; honour lists with nominations, review and
approval, and a person's honours across the years; the register of certificates issued.

Read service.py first (the API the window, the command line and the exporters use); changes made
after the fact (an entry corrected, full marks, a category added) are in corrections.py, the
register in register.py, the scoring rules in scoring.py (pure, no database), the tables in
tables.py.
"""
