"""Direct transfers of a person's data to another controller (R-RIGHTS-6)

Revision ID: a7c3e5f19d20
Revises: c6e173cb4790
Create Date: 2026-11-25 21:55:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e5f19d20'
down_revision = 'c6e173cb4790'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('destination', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('error', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_data_transfers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_transfers'))
    )
    with op.batch_alter_table('data_transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_transfers_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('data_transfers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_transfers_user_id'))

    op.drop_table('data_transfers')
