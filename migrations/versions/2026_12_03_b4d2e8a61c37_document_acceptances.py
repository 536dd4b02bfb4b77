"""Document acceptances: which privacy policy and consultant terms version a person accepted or was shown

document_acceptances: one row per person, document (privacy_policy, consultant_terms) and version, with
the publication date of that version, how the person met it (registration, invitation, sign-in notice,
accepted at sign-in) and when. Kept as proof for the agreement's lifetime; the account's erasure deletes it.

Revision ID: b4d2e8a61c37
Revises: 5e1f0c3a9b27
Create Date: 2026-12-03 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4d2e8a61c37'
down_revision = '5e1f0c3a9b27'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document_acceptances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published', sa.Date(), nullable=False),
    sa.Column('way', sa.String(length=40), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("document IN ('privacy_policy', 'consultant_terms')",
                       name=op.f('ck_document_acceptances_document_known')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_acceptances_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_acceptances')),
    sa.UniqueConstraint('user_id', 'document', 'version', name='uq_document_acceptances_user_document_version')
    )
    with op.batch_alter_table('document_acceptances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_acceptances_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('document_acceptances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_acceptances_user_id'))
    op.drop_table('document_acceptances')
