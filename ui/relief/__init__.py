"""The 慰问 tab: a campaign's timeline, its beneficiaries (a lazy list), one beneficiary's log, and
the writes (add, next status, refuse or withdraw, amount, correction, objection, clerk) through
ui.operations onto models/relief. Read area.py first."""
