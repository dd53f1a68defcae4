"""policy facts per shop and source

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 08:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from assist.store.db import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "policy_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=512), nullable=False),
        sa.Column("slot", sa.String(length=64), nullable=False),
        sa.Column("fact", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shops.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("policy_facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_facts_shop_id"), ["shop_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("policy_facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_facts_shop_id"))
    op.drop_table("policy_facts")
