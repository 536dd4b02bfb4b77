"""Audit chain segments and legal-hold review dates (R-SEC-2, R-RIGHTS-4)

audit_segments: one row per closed stretch of the audit chain (a Stockholm calendar month of events),
with its closing hash; `flask audit anchor` closes the finished months and anchors them outside the
database, and retention deletes a whole segment once it has expired (deleted_at set, the row kept).
Existing events get no segment here: the first `flask audit anchor` after this revision closes every
finished month from the events themselves, after verifying the chain.

legal_holds: review_on (required; existing holds get six months after they were placed, or their end
date when that comes first), reminded_for (the review date a reminder went out for), renewed_at and
renewal_reason (the last renewal; who renewed is in the audit log).

Revision ID: b7d2f8a16c35
Revises: a3c9e1f04b21
Create Date: 2026-12-12 12:00:00.000000

"""
import calendar
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d2f8a16c35'
down_revision = 'a3c9e1f04b21'
branch_labels = None
depends_on = None


def _six_months_after(day: date) -> date:
    index = day.month - 1 + 6
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def upgrade():
    op.create_table('audit_segments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('first_seq', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('first_at', sa.DateTime(), nullable=False),
    sa.Column('last_at', sa.DateTime(), nullable=False),
    sa.Column('closing_hash', sa.String(length=64), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=False),
    sa.Column('anchored_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('last_seq >= first_seq', name=op.f('ck_audit_segments_seq_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_segments')),
    sa.UniqueConstraint('first_seq', name=op.f('uq_audit_segments_first_seq')),
    sa.UniqueConstraint('last_seq', name=op.f('uq_audit_segments_last_seq')),
    sa.UniqueConstraint('number', name=op.f('uq_audit_segments_number'))
    )
    with op.batch_alter_table('legal_holds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reminded_for', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('renewed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('renewal_reason', sa.Text(), nullable=True))
    holds = sa.table('legal_holds', sa.column('id', sa.Integer()), sa.column('placed_at', sa.DateTime()),
                     sa.column('until', sa.Date()), sa.column('review_on', sa.Date()))
    conn = op.get_bind()
    for hold_id, placed_at, until in conn.execute(sa.select(holds.c.id, holds.c.placed_at, holds.c.until)).all():
        review = _six_months_after(placed_at.date())
        if until is not None and until < review:
            review = until
        conn.execute(holds.update().where(holds.c.id == hold_id).values(review_on=review))
    with op.batch_alter_table('legal_holds', schema=None) as batch_op:
        batch_op.alter_column('review_on', existing_type=sa.Date(), nullable=False)


def downgrade():
    with op.batch_alter_table('legal_holds', schema=None) as batch_op:
        batch_op.drop_column('renewal_reason')
        batch_op.drop_column('renewed_at')
        batch_op.drop_column('reminded_for')
        batch_op.drop_column('review_on')
    op.drop_table('audit_segments')
