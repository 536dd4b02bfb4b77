"""Issue 4: assignment requests and requirements, ratings and supplier comments; supplier consultants,
offers and answers; partner contacts, documents and communication preferences; service requests and
messages; the erasure queue for former representatives.

Revision ID: 927c416b1a6f
Revises: eddab09fe085
Create Date: 2026-11-25 17:36:21.413291

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '927c416b1a6f'
down_revision = 'eddab09fe085'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('contact_person_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=120), nullable=False),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('location', sa.String(length=120), nullable=False),
    sa.Column('remote', sa.String(length=20), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('extent', sa.Integer(), nullable=False),
    sa.Column('rate_ceiling', sa.Integer(), nullable=True),
    sa.Column('consultants_wanted', sa.Integer(), nullable=False),
    sa.Column('answer_deadline', sa.Date(), nullable=False),
    sa.Column('show_buyer', sa.Boolean(), nullable=False),
    sa.Column('procurement_reference', sa.String(length=80), nullable=True),
    sa.Column('framework_agreement', sa.String(length=200), nullable=True),
    sa.Column('call_off_type', sa.String(length=40), nullable=True),
    sa.Column('evaluation_model', sa.String(length=40), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('consultants_wanted >= 1', name=op.f('ck_assignments_consultants_wanted_positive')),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_assignments_date_order')),
    sa.CheckConstraint('extent >= 1 AND extent <= 100', name=op.f('ck_assignments_extent_range')),
    sa.ForeignKeyConstraint(['contact_person_id'], ['users.id'], name=op.f('fk_assignments_contact_person_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_assignments_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_assignments_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignments_state'), ['state'], unique=False)

    op.create_table('communication_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('newsletters', sa.Boolean(), nullable=False),
    sa.Column('events', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_communication_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_communication_preferences'))
    )
    op.create_table('erasure_queue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_erasure_queue_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_erasure_queue_requested_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_erasure_queue_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_queue'))
    )
    with op.batch_alter_table('erasure_queue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_queue_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_erasure_queue_user_id'), ['user_id'], unique=False)

    op.create_table('partner_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('staff_user_id', sa.Integer(), nullable=False),
    sa.Column('responsibility', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_partner_contacts_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['staff_user_id'], ['users.id'], name=op.f('fk_partner_contacts_staff_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_contacts')),
    sa.UniqueConstraint('organisation_id', 'staff_user_id', name='uq_partner_contacts_pair')
    )
    with op.batch_alter_table('partner_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_contacts_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('partner_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_partner_documents_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_partner_documents_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_documents')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_partner_documents_stored_name'))
    )
    with op.batch_alter_table('partner_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_documents_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('service_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_service_requests_owner_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_service_requests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_requests'))
    )
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_requests_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_requests_user_id'), ['user_id'], unique=False)

    op.create_table('supplier_consultants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('invited_at', sa.DateTime(), nullable=False),
    sa.Column('claimed_by_user_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['claimed_by_user_id'], ['users.id'], name=op.f('fk_supplier_consultants_claimed_by_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_supplier_consultants_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_supplier_consultants_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supplier_consultants')),
    sa.UniqueConstraint('organisation_id', 'email', name='uq_supplier_consultants_org_email')
    )
    with op.batch_alter_table('supplier_consultants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supplier_consultants_claimed_by_user_id'), ['claimed_by_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supplier_consultants_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('assignment_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_assignment_comments_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_assignment_comments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_assignment_comments_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment_comments'))
    )
    with op.batch_alter_table('assignment_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_comments_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_comments_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('assignment_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('supplier_consultant_id', sa.Integer(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('rated_by_id', sa.Integer(), nullable=True),
    sa.Column('rated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('score >= 1 AND score <= 5', name=op.f('ck_assignment_ratings_score_range')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_assignment_ratings_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rated_by_id'], ['users.id'], name=op.f('fk_assignment_ratings_rated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supplier_consultant_id'], ['supplier_consultants.id'], name=op.f('fk_assignment_ratings_supplier_consultant_id_supplier_consultants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment_ratings'))
    )
    with op.batch_alter_table('assignment_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_ratings_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_ratings_supplier_consultant_id'), ['supplier_consultant_id'], unique=False)

    op.create_table('assignment_requirements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("(kind = 'must' AND weight IS NULL) OR (kind = 'should' AND weight >= 1 AND weight <= 5)", name=op.f('ck_assignment_requirements_kind_weight')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_assignment_requirements_assignment_id_assignments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment_requirements'))
    )
    with op.batch_alter_table('assignment_requirements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_requirements_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('supplier_consultant_id', sa.Integer(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('rate', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('rate > 0', name=op.f('ck_offers_rate_positive')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_offers_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_offers_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_offers_submitted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supplier_consultant_id'], ['supplier_consultants.id'], name=op.f('fk_offers_supplier_consultant_id_supplier_consultants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers')),
    sa.UniqueConstraint('assignment_id', 'supplier_consultant_id', name='uq_offers_assignment_consultant')
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offers_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_supplier_consultant_id'), ['supplier_consultant_id'], unique=False)

    op.create_table('service_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('from_staff', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_service_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['service_requests.id'], name=op.f('fk_service_messages_request_id_service_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requester_id'], ['users.id'], name=op.f('fk_service_messages_requester_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_messages'))
    )
    with op.batch_alter_table('service_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_messages_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_messages_requester_id'), ['requester_id'], unique=False)

    op.create_table('offer_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.Integer(), nullable=False),
    sa.Column('meets', sa.Boolean(), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_answers_offer_id_offers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['assignment_requirements.id'], name=op.f('fk_offer_answers_requirement_id_assignment_requirements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_answers'))
    )
    with op.batch_alter_table('offer_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_answers_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offer_answers_requirement_id'), ['requirement_id'], unique=False)



def downgrade():
    with op.batch_alter_table('offer_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_answers_requirement_id'))
        batch_op.drop_index(batch_op.f('ix_offer_answers_offer_id'))

    op.drop_table('offer_answers')
    with op.batch_alter_table('service_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_messages_requester_id'))
        batch_op.drop_index(batch_op.f('ix_service_messages_request_id'))

    op.drop_table('service_messages')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offers_supplier_consultant_id'))
        batch_op.drop_index(batch_op.f('ix_offers_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_offers_assignment_id'))

    op.drop_table('offers')
    with op.batch_alter_table('assignment_requirements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_requirements_assignment_id'))

    op.drop_table('assignment_requirements')
    with op.batch_alter_table('assignment_ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_ratings_supplier_consultant_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_ratings_assignment_id'))

    op.drop_table('assignment_ratings')
    with op.batch_alter_table('assignment_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_comments_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_comments_author_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_comments_assignment_id'))

    op.drop_table('assignment_comments')
    with op.batch_alter_table('supplier_consultants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supplier_consultants_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_supplier_consultants_claimed_by_user_id'))

    op.drop_table('supplier_consultants')
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_requests_user_id'))
        batch_op.drop_index(batch_op.f('ix_service_requests_state'))

    op.drop_table('service_requests')
    with op.batch_alter_table('partner_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_documents_organisation_id'))

    op.drop_table('partner_documents')
    with op.batch_alter_table('partner_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_contacts_organisation_id'))

    op.drop_table('partner_contacts')
    with op.batch_alter_table('erasure_queue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_queue_user_id'))
        batch_op.drop_index(batch_op.f('ix_erasure_queue_state'))

    op.drop_table('erasure_queue')
    op.drop_table('communication_preferences')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_state'))
        batch_op.drop_index(batch_op.f('ix_assignments_organisation_id'))

    op.drop_table('assignments')
