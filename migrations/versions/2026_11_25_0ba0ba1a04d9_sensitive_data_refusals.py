"""Sensitive-data refusals: kind and field of each refused save, no text, no person (R-CON-8).

Revision ID: 0ba0ba1a04d9
Revises: fee3bfa89b24
Create Date: 2026-11-25 17:39:07.278128

"""
from alembic import op
import sqlalchemy as sa


revision = '0ba0ba1a04d9'
down_revision = 'fee3bfa89b24'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sensitive_data_refusals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('field', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sensitive_data_refusals')),
    )
    with op.batch_alter_table('sensitive_data_refusals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sensitive_data_refusals_at'), ['at'], unique=False)


def downgrade():
    with op.batch_alter_table('sensitive_data_refusals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sensitive_data_refusals_at'))
    op.drop_table('sensitive_data_refusals')
