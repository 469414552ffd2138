"""Schema 2, the monitoring cycle: submissions and their review, reporting rounds, manual statuses.

Every recorded actual of schema 1 becomes version 1 of an indicator's submission for that year,
approved, entered and approved by its recorder (batch ``schema1-upgrade``), with a log entry saying
so; then ``actual_values`` goes (its rows live on as submissions, its history stays in the log).
"""

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

UPGRADE_BATCH = "schema1-upgrade"


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("comment", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("period", sa.String(10), nullable=False, unique=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("half", sa.Integer, nullable=True),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("opened_by", sa.String(100), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    submissions = op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject_id", sa.String(40), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("half", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("payload_json", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_comment", sa.Text, nullable=False, server_default=""),
        sa.Column("batch", sa.String(40), nullable=False, server_default="", index=True),
        sa.Column("source_file", sa.String(255), nullable=False, server_default=""),
        sa.UniqueConstraint("kind", "subject_id", "period", "version", name="uq_submission_version"),
    )
    op.create_index("ix_submissions_kind_period", "submissions", ["kind", "period"])
    op.create_index("ix_submissions_state", "submissions", ["state"])
    op.create_table(
        "manual_statuses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("indicator_id", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("set_by", sa.String(100), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("indicator_id", "year", name="uq_manual_status"),
    )

    bind = op.get_bind()
    actual_values = sa.table(
        "actual_values",
        sa.column("id", sa.Integer),
        sa.column("indicator_id", sa.String),
        sa.column("year", sa.Integer),
        sa.column("value", sa.Float),
        sa.column("note", sa.Text),
        sa.column("recorded_by", sa.String),
        sa.column("recorded_at", sa.DateTime(timezone=True)),
        sa.column("source_file", sa.String),
    )
    audit_log = sa.table(
        "audit_log",
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("who", sa.String),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_key", sa.String),
        sa.column("before_json", sa.Text),
        sa.column("after_json", sa.Text),
        sa.column("batch", sa.String),
        sa.column("source_file", sa.String),
        sa.column("comment", sa.Text),
    )
    now = dt.datetime.now(dt.UTC)
    for row in bind.execute(sa.select(actual_values).order_by(actual_values.c.id)).mappings().all():
        payload = {
            "value": row["value"],
            "no_data_reason": "",
            "deviation_reason": "",
            "measures": "",
            "source": "",
            "note": row["note"],
        }
        period = str(row["year"])
        inserted = bind.execute(
            submissions.insert().values(
                kind="indicator",
                subject_id=row["indicator_id"],
                period=period,
                year=row["year"],
                half=None,
                version=1,
                state="approved",
                payload_json=json.dumps(payload, ensure_ascii=False),
                created_by=row["recorded_by"],
                created_at=row["recorded_at"],
                updated_by=row["recorded_by"],
                updated_at=row["recorded_at"],
                submitted_by=row["recorded_by"],
                submitted_at=row["recorded_at"],
                reviewed_by=row["recorded_by"],
                reviewed_at=row["recorded_at"],
                review_comment="",
                batch=UPGRADE_BATCH,
                source_file=row["source_file"],
            )
        )
        before = {
            "value": row["value"],
            "note": row["note"],
            "recorded_by": row["recorded_by"],
            "recorded_at": str(row["recorded_at"]),
            "source_file": row["source_file"],
        }
        after = {
            "id": inserted.inserted_primary_key[0],  # type: ignore[index]  # an INSERT's key is there once it ran
            "kind": "indicator",
            "subject_id": row["indicator_id"],
            "period": period,
            "version": 1,
            "state": "approved",
            "payload": payload,
            "review_comment": "",
        }
        bind.execute(
            audit_log.insert().values(
                at=now,
                who=row["recorded_by"],
                action="migrate",
                entity="submission",
                entity_key=f"indicator:{row['indicator_id']}:{period}",
                before_json=json.dumps(before, ensure_ascii=False),
                after_json=json.dumps(after, ensure_ascii=False),
                batch=UPGRADE_BATCH,
                source_file=row["source_file"],
                comment="",  # the action "migrate" says it, in the reader's language
            )
        )
    op.drop_table("actual_values")
    op.execute("DELETE FROM schema_version")
    op.execute("INSERT INTO schema_version (version) VALUES (2)")


def downgrade() -> None:
    raise NotImplementedError("a store is never downgraded: restore a backup instead")
