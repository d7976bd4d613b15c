"""The 评比表彰 tab: contests of an activity or standalone (categories, judges, entries, keyboard
score entry, results recomputed from the scores) and honour lists (nominations, review). Read
area.py first; one module per editor or dialog."""
