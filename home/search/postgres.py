"""The Thai-aware backend on PostgreSQL full-text search (see home.search.backend)."""

from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.utils import get_content_type_pk

from home.search.backend import ThaiIndexerMixin, ThaiQueryCompilerMixin

IndexEntry = postgres.IndexEntry


class ThaiPostgresObjectIndexer(ThaiIndexerMixin, postgres.ObjectIndexer):
    pass


class ThaiPostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        """PostgresIndex.add_items with the Thai-segmenting indexer: one upsert for all."""
        if not model.get_search_fields():
            return
        indexers = [ThaiPostgresObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows = []
        params = []
        for indexer in indexers:
            params += [content_type_pk, indexer.id]
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, vector_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params += vector_params
            params += [indexer.title_text, indexer.body_text]
            rows.append(f"(%s, %s, {', '.join(vectors)}, 1.0, %s, %s)")

        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()


class ThaiPostgresSearchQueryCompiler(ThaiQueryCompilerMixin, postgres.PostgresSearchQueryCompiler):
    pass


class ThaiPostgresAutocompleteQueryCompiler(
    ThaiQueryCompilerMixin, postgres.PostgresAutocompleteQueryCompiler
):
    pass


class ThaiPostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = ThaiPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ThaiPostgresAutocompleteQueryCompiler
    index_class = ThaiPostgresIndex
