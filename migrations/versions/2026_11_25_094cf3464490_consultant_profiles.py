"""Consultant profiles (R-CON-1, R-CON-6): the profile, its child tables, the shared skill
vocabulary with seeded aliases, attachments' metadata and LinkedIn import drafts.

Revision ID: 094cf3464490
Revises: 927c416b1a6f
Create Date: 2026-11-25 17:41:54.039624

"""
from alembic import op
import sqlalchemy as sa


revision = '094cf3464490'
down_revision = '927c416b1a6f'
branch_labels = None
depends_on = None


def upgrade():
    skills = op.create_table('skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skills')),
    sa.UniqueConstraint('key', name=op.f('uq_skills_key'))
    )
    op.create_table('consultant_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=True),
    sa.Column('postal_code', sa.String(length=20), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('pending_email', sa.String(length=254), nullable=True),
    sa.Column('personnummer_encrypted', sa.Text(), nullable=True),
    sa.Column('national_id', sa.String(length=40), nullable=True),
    sa.Column('national_id_country', sa.String(length=2), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('gender', sa.String(length=20), nullable=True),
    sa.Column('citizenship', sa.String(length=2), nullable=True),
    sa.Column('work_permit', sa.String(length=20), nullable=True),
    sa.Column('work_permit_expires', sa.Date(), nullable=True),
    sa.Column('bankgiro_encrypted', sa.Text(), nullable=True),
    sa.Column('f_tax', sa.String(length=10), nullable=True),
    sa.Column('company_name', sa.String(length=200), nullable=True),
    sa.Column('company_org_number', sa.String(length=10), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('extent', sa.Integer(), nullable=True),
    sa.Column('remote', sa.String(length=10), nullable=True),
    sa.Column('region', sa.String(length=100), nullable=True),
    sa.Column('hourly_rate', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('extent IS NULL OR (extent >= 0 AND extent <= 100)', name=op.f('ck_consultant_profiles_extent_range')),
    sa.CheckConstraint('hourly_rate IS NULL OR hourly_rate >= 0', name=op.f('ck_consultant_profiles_rate_positive')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_consultant_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultant_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_consultant_profiles_user_id'))
    )
    op.create_table('skill_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_skill_aliases_skill_id_skills'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_aliases')),
    sa.UniqueConstraint('key', name=op.f('uq_skill_aliases_key'))
    )
    with op.batch_alter_table('skill_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skill_aliases_skill_id'), ['skill_id'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_attachments_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_attachments_storage_key'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_profile_id'), ['profile_id'], unique=False)

    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_certificates_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates'))
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_profile_id'), ['profile_id'], unique=False)

    op.create_table('education_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('school', sa.String(length=200), nullable=False),
    sa.Column('degree', sa.String(length=200), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.CheckConstraint('"end" IS NULL OR start IS NULL OR "end" >= start', name=op.f('ck_education_entries_date_order')),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_education_entries_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_education_entries'))
    )
    with op.batch_alter_table('education_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_education_entries_profile_id'), ['profile_id'], unique=False)

    op.create_table('employment_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('employer', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.CheckConstraint('"end" IS NULL OR start IS NULL OR "end" >= start', name=op.f('ck_employment_entries_date_order')),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_employment_entries_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employment_entries'))
    )
    with op.batch_alter_table('employment_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employment_entries_profile_id'), ['profile_id'], unique=False)

    op.create_table('excluded_organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_excluded_organisations_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_excluded_organisations_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_excluded_organisations'))
    )
    with op.batch_alter_table('excluded_organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_excluded_organisations_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_excluded_organisations_profile_id'), ['profile_id'], unique=False)

    op.create_table('profile_import_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_profile_import_drafts_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_import_drafts'))
    )
    with op.batch_alter_table('profile_import_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_import_drafts_profile_id'), ['profile_id'], unique=False)

    op.create_table('profile_industries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_profile_industries_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_industries'))
    )
    with op.batch_alter_table('profile_industries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_industries_profile_id'), ['profile_id'], unique=False)

    op.create_table('profile_interests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_profile_interests_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_interests'))
    )
    with op.batch_alter_table('profile_interests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_interests_profile_id'), ['profile_id'], unique=False)

    op.create_table('profile_languages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('level', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_profile_languages_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_languages'))
    )
    with op.batch_alter_table('profile_languages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_languages_profile_id'), ['profile_id'], unique=False)

    op.create_table('profile_references',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('referee_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=120), nullable=True),
    sa.Column('company', sa.String(length=200), nullable=True),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.Column('relation', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_profile_references_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_references'))
    )
    with op.batch_alter_table('profile_references', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_references_profile_id'), ['profile_id'], unique=False)

    op.create_table('profile_skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('years', sa.Integer(), nullable=False),
    sa.CheckConstraint('level BETWEEN 1 AND 5', name=op.f('ck_profile_skills_level_range')),
    sa.CheckConstraint('years >= 0', name=op.f('ck_profile_skills_years_positive')),
    sa.ForeignKeyConstraint(['profile_id'], ['consultant_profiles.id'], name=op.f('fk_profile_skills_profile_id_consultant_profiles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_profile_skills_skill_id_skills')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_skills')),
    sa.UniqueConstraint('profile_id', 'skill_id', name='uq_profile_skills_profile_skill')
    )
    with op.batch_alter_table('profile_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_skills_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_skills_skill_id'), ['skill_id'], unique=False)

    op.create_table('reference_statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=120), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_reference_statements_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reference_id'], ['profile_references.id'], name=op.f('fk_reference_statements_reference_id_profile_references'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_statements'))
    )
    with op.batch_alter_table('reference_statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_statements_reference_id'), ['reference_id'], unique=False)

    _seed_skill_aliases(skills)


# A frozen copy of portal.services.skills.COMMON_ALIASES at the time of this revision.
SKILL_ALIASES = {
    "PostgreSQL": ["Postgres", "psql", "pgsql"], "JavaScript": ["JS", "ECMAScript"], "TypeScript": ["TS"],
    "Kubernetes": ["k8s", "kube"], "C#": ["csharp", "c sharp"], "Microsoft Azure": ["Azure"],
    "Amazon Web Services": ["AWS"], "Google Cloud Platform": ["GCP", "Google Cloud"],
    "React": ["React.js", "ReactJS"], "Vue.js": ["Vue", "VueJS"], "Node.js": ["Node", "NodeJS"],
    "Machine learning": ["ML"], "Continuous integration": ["CI", "CI/CD"], ".NET": ["dotnet", "dot net"],
    "Microsoft SQL Server": ["MSSQL", "SQL Server"],
}


def _seed_skill_aliases(skills):
    op.bulk_insert(skills, [{"name": name, "key": name.casefold()} for name in SKILL_ALIASES])
    bind = op.get_bind()
    for name, aliases in SKILL_ALIASES.items():
        for alias in aliases:
            bind.execute(sa.text("INSERT INTO skill_aliases (key, skill_id) SELECT :alias, id FROM skills "
                                 "WHERE key = :key"), {"alias": alias.casefold(), "key": name.casefold()})

def downgrade():
    with op.batch_alter_table('reference_statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_statements_reference_id'))

    op.drop_table('reference_statements')
    with op.batch_alter_table('profile_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_skills_skill_id'))
        batch_op.drop_index(batch_op.f('ix_profile_skills_profile_id'))

    op.drop_table('profile_skills')
    with op.batch_alter_table('profile_references', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_references_profile_id'))

    op.drop_table('profile_references')
    with op.batch_alter_table('profile_languages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_languages_profile_id'))

    op.drop_table('profile_languages')
    with op.batch_alter_table('profile_interests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_interests_profile_id'))

    op.drop_table('profile_interests')
    with op.batch_alter_table('profile_industries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_industries_profile_id'))

    op.drop_table('profile_industries')
    with op.batch_alter_table('profile_import_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_import_drafts_profile_id'))

    op.drop_table('profile_import_drafts')
    with op.batch_alter_table('excluded_organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_excluded_organisations_profile_id'))
        batch_op.drop_index(batch_op.f('ix_excluded_organisations_organisation_id'))

    op.drop_table('excluded_organisations')
    with op.batch_alter_table('employment_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employment_entries_profile_id'))

    op.drop_table('employment_entries')
    with op.batch_alter_table('education_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_education_entries_profile_id'))

    op.drop_table('education_entries')
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_profile_id'))

    op.drop_table('certificates')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_profile_id'))

    op.drop_table('attachments')
    with op.batch_alter_table('skill_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skill_aliases_skill_id'))

    op.drop_table('skill_aliases')
    op.drop_table('consultant_profiles')
    op.drop_table('skills')
