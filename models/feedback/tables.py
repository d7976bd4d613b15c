"""Tables of the feedback wing (schema step models/datafile/migrations/v7.py).

A question belongs to an activity (a plan); its options are kept one a line, in order. A response
is one paper form keyed in, numbered per activity in the order it was entered; an answer holds
what the form said for one question as text: the option numbers ("2", or "1,3" for a multiple
choice), the satisfaction "1".."5", or the words written. A question left blank has no answer row.
"""
from __future__ import annotations

import peewee as pw

from models.datafile.base import BaseModel, DateTimeField
from models.plans.tables import Plan


class FeedbackQuestion(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan_id: int
    plan = pw.ForeignKeyField(Plan, on_delete="CASCADE", backref="feedback_questions")
    position = pw.IntegerField(default=0)
    text = pw.TextField(default="")
    kind = pw.CharField(default="single")  # models.feedback.records.KINDS
    options = pw.TextField(default="")  # one option a line (choices only)


class FeedbackResponse(BaseModel):
    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan_id: int
    plan = pw.ForeignKeyField(Plan, on_delete="CASCADE", backref="feedback_responses")
    number = pw.IntegerField()  # 第 N 份, per activity
    entered = DateTimeField()

    class Meta:
        indexes = ((("plan", "number"), True),)


class FeedbackAnswer(BaseModel):
    response_id: int
    question_id: int
    response = pw.ForeignKeyField(FeedbackResponse, on_delete="CASCADE", backref="answers")
    question = pw.ForeignKeyField(FeedbackQuestion, on_delete="CASCADE", backref="answers")
    value = pw.TextField()

    class Meta:
        primary_key = pw.CompositeKey("response", "question")


class SummaryPhoto(BaseModel):
    """A photo the clerk picked for the activity's summary: the JPEG itself, so the summary still
    prints when the camera's folder is gone."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan_id: int
    plan = pw.ForeignKeyField(Plan, on_delete="CASCADE", backref="summary_photos")
    position = pw.IntegerField(default=0)
    caption = pw.TextField(default="")
    data = pw.BlobField()


class SummarySection(BaseModel):
    """One section of the summary's outline (models.feedback.summary): a block the app fills
    (key) or the clerk's own text (key "")."""

    id: pw.AutoField[int]  # peewee's implicit primary key, declared for the type checker
    plan_id: int
    plan = pw.ForeignKeyField(Plan, on_delete="CASCADE", backref="summary_sections")
    position = pw.IntegerField(default=0)
    key = pw.CharField(default="")
    heading = pw.TextField(default="")
    level = pw.IntegerField(default=1)
    hidden = pw.BooleanField(default=False)
    form = pw.CharField(default="段落")  # 段落 / 列表, for the clerk's own text
    text = pw.TextField(default="")


FEEDBACK_MODELS: list[type[pw.Model]] = [
    FeedbackQuestion, FeedbackResponse, FeedbackAnswer, SummaryPhoto, SummarySection,
]
