"""Relief campaign documents: the public notice (公示, masked), the hand-over sheet (发放签收表,
.xlsx and PDF, money and goods), the bureau's attachments (附件1 summary, 附件2 detail) and the
audit log. ruled.py draws the PDF tables straight on the canvas (fast at 5,000 households, page
totals known per page)."""
