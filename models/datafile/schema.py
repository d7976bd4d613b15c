"""The data file's schema: every table of every wing, in the order they are made, and the version
a new file is written at (older files climb models.datafile.db's migration ladder to it).

Each wing keeps its own tables (models.plans.tables, models.residents.tables,
models.signups.tables, models.volunteers.tables, models.contests.tables, models.feedback.tables,
models.relief.tables); this module only gathers them, and no wing imports it.
"""
from __future__ import annotations

import peewee as pw

from models.contests.tables import CONTEST_MODELS
from models.datafile.precheck import APPLICATION_ID
from models.feedback.tables import FEEDBACK_MODELS
from models.plans.tables import PLAN_PART_MODELS, PhaseTask, Plan
from models.relief.tables import RELIEF_MODELS
from models.residents.tables import RESIDENT_MODELS
from models.signups.tables import SIGNUP_MODELS
from models.volunteers.tables import VOLUNTEER_MODELS

SCHEMA_VERSION = 12


def all_models() -> list[type[pw.Model]]:
    """Every table, parents before children."""
    return [Plan, *PLAN_PART_MODELS, PhaseTask, *RESIDENT_MODELS, *SIGNUP_MODELS,
            *CONTEST_MODELS, *FEEDBACK_MODELS, *RELIEF_MODELS, *VOLUNTEER_MODELS]


def create(db: pw.SqliteDatabase) -> None:
    """Make every table in a new, empty file and mark the file as ours, at SCHEMA_VERSION."""
    with db.atomic():
        db.create_tables(all_models())
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
