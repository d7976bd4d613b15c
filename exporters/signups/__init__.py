"""Sheets of an activity's sign-ups: roster, sign-in, attendance, blank form (sheets.py),
and the sign-in sheet as a PDF (signin_pdf.py).
"""
