"""Keep Thai vowel and tone marks inside words in SQLite's full-text index.

FTS5's default unicode61 tokenizer treats combining marks as separators, so "สินค้า"
is indexed as "ส", "นค", "า". Counting marks (Unicode category M) as word characters
keeps each segmented Thai word whole; the porter stemmer lets "sell" find "selling"
as PostgreSQL's English configuration does. PostgreSQL needs no change.
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
THAI_TOKENIZER = "porter unicode61 categories 'L* N* Co M*'"
DEFAULT_TOKENIZER = "unicode61"


def rebuild_fts_table(schema_editor, tokenizer: str) -> None:
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE]
        )
        if cursor.fetchone() is None:
            return  # SQLite without FTS5: Wagtail falls back to substring search.
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5"
            f'(autocomplete, body, title, tokenize="{tokenizer}")'
        )
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, autocomplete) "
            "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
        )


def use_thai_tokenizer(apps, schema_editor):
    rebuild_fts_table(schema_editor, THAI_TOKENIZER)


def use_default_tokenizer(apps, schema_editor):
    rebuild_fts_table(schema_editor, DEFAULT_TOKENIZER)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(use_thai_tokenizer, use_default_tokenizer)]
