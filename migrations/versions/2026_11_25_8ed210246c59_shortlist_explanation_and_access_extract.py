"""Shortlist entries keep the ranking explanation (R-MATCH-3); access requests keep their extract (R-RIGHTS-2)

Revision ID: 8ed210246c59
Revises: 57f8672bc4a6
Create Date: 2026-11-25 19:17:05.855538

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8ed210246c59'
down_revision = '57f8672bc4a6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('privacy_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extract_json', sa.Text(), nullable=True))

    with op.batch_alter_table('shortlist_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('explanation_json', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('shortlist_entries', schema=None) as batch_op:
        batch_op.drop_column('explanation_json')

    with op.batch_alter_table('privacy_requests', schema=None) as batch_op:
        batch_op.drop_column('extract_json')
