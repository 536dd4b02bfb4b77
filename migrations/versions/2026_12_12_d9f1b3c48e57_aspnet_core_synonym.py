"""ASP.NET Core spelled as a .NET synonym in databases seeded before it was a default (#17)

The skill vocabulary's defaults now count "ASP.NET Core" as a spelling of .NET; a database seeded earlier
gets the row here. A fresh database gets it from the seed. The key is the skill key of the alias
(portal/services/matching/skills.key, frozen here: migrations import no application code).

Revision ID: d9f1b3c48e57
Revises: c5e8a2d97f46
Create Date: 2026-12-12 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd9f1b3c48e57'
down_revision = 'c5e8a2d97f46'
branch_labels = None
depends_on = None


ALIAS_KEY, ALIAS, CANONICAL = "aspnetcore", "ASP.NET Core", ".NET"


def upgrade():
    bind = op.get_bind()
    seeded = bind.execute(sa.text("SELECT count(*) FROM skill_synonyms WHERE canonical = :c"),
                          {"c": CANONICAL}).scalar()
    taken = bind.execute(sa.text("SELECT count(*) FROM skill_synonyms WHERE alias_key = :k"), {"k": ALIAS_KEY}).scalar()
    if seeded and not taken:
        bind.execute(sa.text("INSERT INTO skill_synonyms (alias_key, alias, canonical, created_at) "
                             "VALUES (:k, :a, :c, CURRENT_TIMESTAMP)"), {"k": ALIAS_KEY, "a": ALIAS, "c": CANONICAL})


def downgrade():
    op.get_bind().execute(sa.text("DELETE FROM skill_synonyms WHERE alias_key = :k AND canonical = :c"),
                          {"k": ALIAS_KEY, "c": CANONICAL})
