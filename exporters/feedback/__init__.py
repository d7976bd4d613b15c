"""Printed output of the feedback wing: the blank feedback form (form_pdf), the tally with its bar
charts (tally_pdf, charts), and the activity summary (summary_pdf draws what
models.feedback.summary builds; summary_docx turns it into an exporters.doc document for Word,
photos turned upright and charts as pictures)."""
