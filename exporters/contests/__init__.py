"""Documents of contests and honours: score sheets for the judges (score_sheet.py, read first:
.xlsx and PDF, codes and titles only, never names), the results notice 公示 (results.py: names
masked, stroke order within a level, the posting period and how to object), the honour roll
notice (honour_roll.py, the same way) and certificates (certificates.py: the certificate layout,
the mm-grid test page, numbering in the register and the register as .xlsx).
"""
