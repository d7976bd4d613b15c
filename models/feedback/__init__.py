"""Feedback forms and the activity summary (活动反馈与活动总结): a form per activity made of
questions (single choice, multiple choice, satisfaction 1-5, free text), responses keyed in from the
paper forms, the tally, and the summary document built from what the app knows.

Read service.py first (questions, responses, the tally); records.py holds the kinds, the ready
question sets and the answer rules (pure, no database); tables.py the tables (schema step
models/datafile/migrations/v7.py); summary.py builds the summary's content (sections of
paragraphs, tables, charts and photos) with no drawing in it; photos.py reads a JPEG's size and
EXIF orientation.
"""
