"""Schema 1, as the release before the monitoring cycle created it: recorded actuals, scenarios, points, the log.

A store written by that release has these tables and ``schema_version`` 1 but no ``alembic_version``:
``Store.migrate`` stamps it at this revision and upgrades from here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "actual_values",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("indicator_id", sa.String(20), nullable=False, index=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_file", sa.String(255), nullable=False),
        sa.UniqueConstraint("indicator_id", "year", name="uq_actual_indicator_year"),
    )
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("moves_json", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "project_points",
        sa.Column("project_id", sa.String(20), primary_key=True),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("precision", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("corrected_by", sa.String(100), nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("who", sa.String(100), nullable=False, index=True),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("entity", sa.String(30), nullable=False),
        sa.Column("entity_key", sa.String(200), nullable=False, index=True),
        sa.Column("before_json", sa.Text, nullable=False),
        sa.Column("after_json", sa.Text, nullable=False),
        sa.Column("batch", sa.String(40), nullable=False, index=True),
        sa.Column("source_file", sa.String(255), nullable=False),
    )
    op.create_table("schema_version", sa.Column("version", sa.Integer, primary_key=True))
    op.execute("INSERT INTO schema_version (version) VALUES (1)")


def downgrade() -> None:
    raise NotImplementedError("a store is never downgraded: restore a backup instead")
