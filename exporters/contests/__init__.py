"""Documents of contests and honours: score sheets for the judges (score_sheet.py, read first:
.xlsx and PDF, codes and titles only, never names) and the results notice 公示 (results.py: names
masked, stroke order within a level, the posting period and how to object) and certificates
(certificates.py: the certificate layout, the mm-grid test page, the register of those issued).
"""
