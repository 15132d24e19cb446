"""The GIN index for the initiative directory's full-text search, PostgreSQL only.

GinIndex in Meta.indexes would break SQLite (the embedded default), so the index is created here only when the
database is PostgreSQL; on SQLite the directory falls back to icontains and needs no index.
"""

from django.db import migrations

INDEX = "initiative_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON initiatives_initiative USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
