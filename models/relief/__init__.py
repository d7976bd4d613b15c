"""Relief campaigns (送温暖慰问): a campaign attached to a relief plan, its categories with their
aid standards, its phases with deadlines, its beneficiaries (from the register or typed in) moving
proposed -> verified -> posted -> approved -> handed over, objections during the posting, and the
audit log of every change.

Read service.py first (campaigns, categories, phases, the clerk), then beneficiaries.py (adding,
changing, statuses, locking: every write goes through audit.py), checks.py (duplicates and the
like, with reasons), figures.py (totals by category, the timeline). household.py holds the one
function that says which household a person belongs to. Tables in tables.py.
"""
