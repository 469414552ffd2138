"""Schema 3, plan editions: amended editions of the plan loaded beside the published one, and coordinators'
reviews of indicators an edition brought in (desired direction, translations).

Only new tables and an index: every stored row of schema 2 stays as it was (approved actuals belong to the indicator id,
which no edition changes).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "plan_editions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.String(80), nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("basis", sa.Text, nullable=False, server_default=""),
        sa.Column("effective_year", sa.Integer, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("source_file", sa.String(255), nullable=False, server_default=""),
        sa.Column("source_sha256", sa.String(64), nullable=False, server_default=""),
        sa.Column("tables_json", sa.Text, nullable=False),
        sa.Column("matching_json", sa.Text, nullable=False),
        sa.Column("loaded_by", sa.String(100), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdraw_reason", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "indicator_reviews",
        sa.Column("plan_id", sa.String(80), primary_key=True),
        sa.Column("indicator_id", sa.String(40), primary_key=True),
        sa.Column("desired", sa.String(12), nullable=False, server_default=""),
        sa.Column("measure", sa.String(12), nullable=False, server_default=""),
        sa.Column("name_ru", sa.Text, nullable=False, server_default=""),
        sa.Column("name_en", sa.Text, nullable=False, server_default=""),
        sa.Column("unit_ru", sa.String(200), nullable=False, server_default=""),
        sa.Column("unit_en", sa.String(200), nullable=False, server_default=""),
        sa.Column("set_by", sa.String(100), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )
    # The plan in force is cached by the latest edition or review in the log: found by an index, not a scan.
    op.create_index("ix_audit_log_entity_id", "audit_log", ["entity", "id"])
    op.execute("DELETE FROM schema_version")
    op.execute("INSERT INTO schema_version (version) VALUES (3)")


def downgrade() -> None:
    raise NotImplementedError("a store is never downgraded: restore a backup instead")
