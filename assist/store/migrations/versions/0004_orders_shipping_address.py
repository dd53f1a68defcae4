"""orders keep where they ship: country, state, city and postcode (no street lines)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 22:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("shipping_country", 2),
    ("shipping_state", 128),
    ("shipping_city", 128),
    ("shipping_postcode", 16),
)


def upgrade() -> None:
    # Orders stored before this revision keep NULL: their region is read from the currency, carrier or tracking.
    with op.batch_alter_table("orders", schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
