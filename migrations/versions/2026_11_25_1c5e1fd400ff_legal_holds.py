"""Legal holds: the privacy officer keeps one person's data from erasure (R-RIGHTS-4)

Revision ID: 1c5e1fd400ff
Revises: a7c3e5f19d20
Create Date: 2026-11-25 21:42:07.865290

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1c5e1fd400ff'
down_revision = 'a7c3e5f19d20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('legal_holds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('placed_by_id', sa.Integer(), nullable=True),
    sa.Column('placed_at', sa.DateTime(), nullable=False),
    sa.Column('lifted_by_id', sa.Integer(), nullable=True),
    sa.Column('lifted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_legal_holds_reason_given')),
    sa.ForeignKeyConstraint(['lifted_by_id'], ['users.id'], name=op.f('fk_legal_holds_lifted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['placed_by_id'], ['users.id'], name=op.f('fk_legal_holds_placed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_legal_holds_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_holds'))
    )
    with op.batch_alter_table('legal_holds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_legal_holds_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('legal_holds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_legal_holds_user_id'))

    op.drop_table('legal_holds')
