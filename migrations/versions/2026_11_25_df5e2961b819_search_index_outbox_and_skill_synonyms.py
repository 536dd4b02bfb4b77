"""Search index outbox and skill synonyms (seeded with the common spelling variants)

Revision ID: df5e2961b819
Revises: 882f695502c0
Create Date: 2026-11-25 17:55:17.224906

"""
import re
from datetime import datetime

import sqlalchemy as sa
from alembic import op

# A frozen copy of the skill vocabulary's defaults and key() at the time of this revision: a migration
# must not change when the application's code does.
DEFAULT_SYNONYMS: dict[str, list[str]] = {
    "Kubernetes": ["k8s", "kube"],
    "JavaScript": ["JS", "ECMAScript", "ES6"],
    "TypeScript": ["TS"],
    "PostgreSQL": ["Postgres", "psql", "pgsql"],
    "C#": ["Visual C#"],
    ".NET": ["dotnet", ".NET Core", "ASP.NET"],
    "React": ["React.js"],
    "Node.js": ["Node"],
    "Google Cloud": ["GCP", "Google Cloud Platform"],
    "AWS": ["Amazon Web Services"],
    "Azure": ["Microsoft Azure"],
    "Machine learning": ["ML", "maskininlärning"],
    "Vue.js": ["Vue"],
    "Angular": ["AngularJS"],
    "Golang": ["Go"],
    "Python": ["py", "python3"],
    "Spring Boot": ["Spring"],
    "CI/CD": ["continuous delivery", "continuous integration"],
    "Terraform": ["TF", "HCL"],
    "Embedded C": ["embedded", "inbyggda system"],
    "Scrum": ["agile scrum"],
    "UX design": ["UX", "user experience", "användarupplevelse"],
    "Penetration testing": ["pentest", "pen testing", "penetrationstester"],
    "Test automation": ["automated testing", "automatiserad testning"],
    "SAP S/4HANA": ["S4HANA", "S/4", "SAP S4"],
    "Apache Kafka": ["Kafka"],
    "Apache Spark": ["Spark", "PySpark"],
    "Kotlin": ["kt"],
    "Project management": ["projektledning", "PM"],
}

_NOT_ALNUM = re.compile(r"[^0-9a-zåäöéü]+")


def key(name: str) -> str:
    lowered = name.strip().lower().replace("#", "sharp").replace("+", "plus")
    return _NOT_ALNUM.sub("", lowered)


# revision identifiers, used by Alembic.
revision = 'df5e2961b819'
down_revision = '882f695502c0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_index_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("op in ('upsert', 'delete')", name=op.f('ck_search_index_outbox_op')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_index_outbox'))
    )
    with op.batch_alter_table('search_index_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_index_outbox_consultant_id'), ['consultant_id'], unique=False)

    synonyms = op.create_table('skill_synonyms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alias_key', sa.String(length=80), nullable=False),
    sa.Column('alias', sa.String(length=80), nullable=False),
    sa.Column('canonical', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_synonyms')),
    sa.UniqueConstraint('alias_key', name=op.f('uq_skill_synonyms_alias_key'))
    )
    now = datetime(2026, 11, 25)
    op.bulk_insert(synonyms, [
        {"alias_key": key(alias), "alias": alias, "canonical": canonical, "created_at": now}
        for canonical, aliases in DEFAULT_SYNONYMS.items() for alias in aliases
    ])


def downgrade():
    op.drop_table('skill_synonyms')
    with op.batch_alter_table('search_index_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_index_outbox_consultant_id'))

    op.drop_table('search_index_outbox')
