"""The Thai-aware backend on SQLite FTS5 (see home.search.backend)."""

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.utils import get_content_type_pk

from home.search.backend import ThaiIndexerMixin, ThaiQueryCompilerMixin


class ThaiSQLiteObjectIndexer(ThaiIndexerMixin, sqlite.ObjectIndexer):
    pass


class ThaiSQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        """SQLiteIndex.add_items with the Thai-segmenting indexer."""
        if not model.get_search_fields():
            return
        indexers = [ThaiSQLiteObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        values = {
            indexer.id: {
                "title": indexer.title,
                "autocomplete": indexer.autocomplete,
                "body": indexer.body,
            }
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = set(entries.filter(object_id__in=values).values_list("object_id", flat=True))
        for object_id in indexed_ids:
            entries.filter(object_id=object_id).update(**values[object_id])
        self.entries.bulk_create(
            sqlite.IndexEntry(content_type_id=content_type_pk, object_id=object_id, **fields)
            for object_id, fields in values.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


class ThaiSQLiteSearchQueryCompiler(ThaiQueryCompilerMixin, sqlite.SQLiteSearchQueryCompiler):
    pass


class ThaiSQLiteAutocompleteQueryCompiler(
    ThaiQueryCompilerMixin, sqlite.SQLiteAutocompleteQueryCompiler
):
    pass


class ThaiSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = ThaiSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ThaiSQLiteAutocompleteQueryCompiler
    index_class = ThaiSQLiteIndex
