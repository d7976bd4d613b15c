"""Sign-ups for an activity: the service API (service.py, read first), seats and the waitlist
(rules.py), check-in at the door, figures, the clean-up of old personal data.
"""
