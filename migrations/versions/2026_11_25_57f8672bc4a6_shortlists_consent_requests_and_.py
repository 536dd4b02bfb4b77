"""Shortlists, consent requests to consultants and the disclosure log (issue 5: R-STAFF-2, R-CON-9).

Revision ID: 57f8672bc4a6
Revises: df5e2961b819
Create Date: 2026-11-25 18:21:54.811667

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '57f8672bc4a6'
down_revision = 'df5e2961b819'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('shortlist_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('picked_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('picked_at', sa.DateTime(), nullable=False),
    sa.Column('removed_at', sa.DateTime(), nullable=True),
    sa.Column('removed_by_id', sa.Integer(), nullable=True),
    sa.Column('removal_reason', sa.Text(), nullable=True),
    sa.Column('pseudonym', sa.String(length=40), nullable=False),
    sa.Column('anonymized_card_json', sa.Text(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_shortlist_entries_reason_given')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_shortlist_entries_approved_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_shortlist_entries_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consultant_id'], ['users.id'], name=op.f('fk_shortlist_entries_consultant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['picked_by_id'], ['users.id'], name=op.f('fk_shortlist_entries_picked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['removed_by_id'], ['users.id'], name=op.f('fk_shortlist_entries_removed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shortlist_entries'))
    )
    with op.batch_alter_table('shortlist_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shortlist_entries_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shortlist_entries_consultant_id'), ['consultant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shortlist_entries_state'), ['state'], unique=False)

    op.create_table('consent_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('shortlist_entry_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('asked_at', sa.DateTime(), nullable=False),
    sa.Column('answer_by', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('answer', sa.Boolean(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answered_via', sa.String(length=10), nullable=True),
    sa.CheckConstraint("answered_via IS NULL OR answered_via IN ('portal', 'mail')", name=op.f('ck_consent_requests_via_known')),
    sa.CheckConstraint("kind IN ('interest', 'disclosure')", name=op.f('ck_consent_requests_kind_known')),
    sa.ForeignKeyConstraint(['asked_by_id'], ['users.id'], name=op.f('fk_consent_requests_asked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_consent_requests_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consultant_id'], ['users.id'], name=op.f('fk_consent_requests_consultant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shortlist_entry_id'], ['shortlist_entries.id'], name=op.f('fk_consent_requests_shortlist_entry_id_shortlist_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_requests'))
    )
    with op.batch_alter_table('consent_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_requests_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_requests_consultant_id'), ['consultant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_requests_shortlist_entry_id'), ['shortlist_entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_requests_status'), ['status'], unique=False)

    op.create_table('disclosures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('shortlist_entry_id', sa.Integer(), nullable=False),
    sa.Column('consent_request_id', sa.Integer(), nullable=False),
    sa.Column('fields_json', sa.Text(), nullable=False),
    sa.Column('released_json', sa.Text(), nullable=False),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.Column('released_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_disclosures_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consent_request_id'], ['consent_requests.id'], name=op.f('fk_disclosures_consent_request_id_consent_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consultant_id'], ['users.id'], name=op.f('fk_disclosures_consultant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_disclosures_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['released_by_id'], ['users.id'], name=op.f('fk_disclosures_released_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['shortlist_entry_id'], ['shortlist_entries.id'], name=op.f('fk_disclosures_shortlist_entry_id_shortlist_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosures'))
    )
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosures_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_consultant_id'), ['consultant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_shortlist_entry_id'), ['shortlist_entry_id'], unique=False)



def downgrade():
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosures_shortlist_entry_id'))
        batch_op.drop_index(batch_op.f('ix_disclosures_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_disclosures_consultant_id'))
        batch_op.drop_index(batch_op.f('ix_disclosures_assignment_id'))

    op.drop_table('disclosures')
    with op.batch_alter_table('consent_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_requests_status'))
        batch_op.drop_index(batch_op.f('ix_consent_requests_shortlist_entry_id'))
        batch_op.drop_index(batch_op.f('ix_consent_requests_consultant_id'))
        batch_op.drop_index(batch_op.f('ix_consent_requests_assignment_id'))

    op.drop_table('consent_requests')
    with op.batch_alter_table('shortlist_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shortlist_entries_state'))
        batch_op.drop_index(batch_op.f('ix_shortlist_entries_consultant_id'))
        batch_op.drop_index(batch_op.f('ix_shortlist_entries_assignment_id'))

    op.drop_table('shortlist_entries')
