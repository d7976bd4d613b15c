"""The 报名签到 area: an activity's sign-ups (area.py, read first), check-in at the door, details,
walk-ins, rule overrides, the clean-up of old personal data.
"""
