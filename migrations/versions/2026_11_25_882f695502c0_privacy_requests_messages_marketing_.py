"""privacy requests, messages, marketing objections, policy notices (issue 6)

Revision ID: 882f695502c0
Revises: 094cf3464490
Create Date: 2026-11-25 17:54:38.866420

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '882f695502c0'
down_revision = '094cf3464490'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('marketing_objections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('objected_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_marketing_objections_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marketing_objections')),
    sa.UniqueConstraint('user_id', name=op.f('uq_marketing_objections_user_id'))
    )
    op.create_table('policy_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Date(), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_policy_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_notices')),
    sa.UniqueConstraint('user_id', 'version', name='uq_policy_notices_user_version')
    )
    with op.batch_alter_table('policy_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_notices_user_id'), ['user_id'], unique=False)

    op.create_table('privacy_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('extended_at', sa.DateTime(), nullable=True),
    sa.Column('extension_reason', sa.Text(), nullable=True),
    sa.Column('refusal_ground', sa.String(length=40), nullable=True),
    sa.Column('refusal_text', sa.Text(), nullable=True),
    sa.Column('prepared_answer', sa.Text(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_privacy_requests_owner_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_privacy_requests_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_requests'))
    )
    with op.batch_alter_table('privacy_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_requests_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_privacy_requests_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_privacy_requests_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_privacy_requests_user_id'), ['user_id'], unique=False)

    op.create_table('privacy_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('from_staff', sa.Boolean(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_privacy_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['privacy_requests.id'], name=op.f('fk_privacy_messages_request_id_privacy_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_privacy_messages_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_messages'))
    )
    with op.batch_alter_table('privacy_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_messages_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_privacy_messages_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('privacy_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_messages_user_id'))
        batch_op.drop_index(batch_op.f('ix_privacy_messages_request_id'))

    op.drop_table('privacy_messages')
    with op.batch_alter_table('privacy_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_requests_user_id'))
        batch_op.drop_index(batch_op.f('ix_privacy_requests_state'))
        batch_op.drop_index(batch_op.f('ix_privacy_requests_owner_id'))
        batch_op.drop_index(batch_op.f('ix_privacy_requests_kind'))

    op.drop_table('privacy_requests')
    with op.batch_alter_table('policy_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_notices_user_id'))

    op.drop_table('policy_notices')
    op.drop_table('marketing_objections')
