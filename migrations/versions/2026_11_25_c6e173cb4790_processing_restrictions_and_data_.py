"""Processing restrictions and data disputes (R-RIGHTS-3, R-RIGHTS-5)

Revision ID: c6e173cb4790
Revises: 8ed210246c59
Create Date: 2026-11-25 21:41:32.145822

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c6e173cb4790'
down_revision = '8ed210246c59'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_disputes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('object_kind', sa.String(length=30), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('privacy_request_id', sa.Integer(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['privacy_request_id'], ['privacy_requests.id'], name=op.f('fk_data_disputes_privacy_request_id_privacy_requests'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_data_disputes_resolved_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_data_disputes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_disputes'))
    )
    with op.batch_alter_table('data_disputes', schema=None) as batch_op:
        batch_op.create_index('ix_data_disputes_object', ['object_kind', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_disputes_privacy_request_id'), ['privacy_request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_disputes_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_disputes_user_id'), ['user_id'], unique=False)

    op.create_table('processing_restrictions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('privacy_request_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('lifted_at', sa.DateTime(), nullable=True),
    sa.Column('lifted_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_processing_restrictions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lifted_by_id'], ['users.id'], name=op.f('fk_processing_restrictions_lifted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['privacy_request_id'], ['privacy_requests.id'], name=op.f('fk_processing_restrictions_privacy_request_id_privacy_requests'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_processing_restrictions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processing_restrictions'))
    )
    with op.batch_alter_table('processing_restrictions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processing_restrictions_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('processing_restrictions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processing_restrictions_user_id'))

    op.drop_table('processing_restrictions')
    with op.batch_alter_table('data_disputes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_disputes_user_id'))
        batch_op.drop_index(batch_op.f('ix_data_disputes_state'))
        batch_op.drop_index(batch_op.f('ix_data_disputes_privacy_request_id'))
        batch_op.drop_index('ix_data_disputes_object')

    op.drop_table('data_disputes')
