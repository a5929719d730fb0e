"""Wagtail's database search backend, taught to read Thai.

Set as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]``. Text is word-segmented
(see ``home.search.thai``) before it is indexed and before it is searched for, on
SQLite FTS5 and on PostgreSQL alike. Queries with the "or" operator list the pages
that match more of the words first.
"""

from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from modelsearch.backends import database
from modelsearch.index import RelatedFields
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from home.search.thai import autocomplete_alternatives, index_text, query_terms, words

NOTHING = Not(MatchAll())


# Capitalised like a class: Wagtail looks up ``SearchBackend`` in a backend module.
def SearchBackend(params):
    """The database backend for the default database, segmenting Thai where it can."""
    if connection.vendor == "postgresql":
        from home.search.postgres import ThaiPostgresSearchBackend

        return ThaiPostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from home.search.sqlite import ThaiSQLiteSearchBackend

        return ThaiSQLiteSearchBackend(params)
    # Without full-text search the fallback backend matches substrings, Thai included.
    return backend


def segment_query(query, *, autocomplete: bool = False):
    """The same query with its text split into words; NOTHING if no word is left."""
    if isinstance(query, PlainText):
        if autocomplete:
            alternatives = autocomplete_alternatives(query.query_string)
        else:
            alternatives = [terms] if (terms := query_terms(query.query_string)) else []
        texts = [
            PlainText(" ".join(terms), operator=query.operator, boost=query.boost)
            for terms in alternatives
        ]
        if not texts:
            return NOTHING
        return texts[0] if len(texts) == 1 else Or(texts)
    if isinstance(query, Phrase):
        found = words(query.query_string)
        return Phrase(" ".join(found)) if found else NOTHING
    if isinstance(query, Boost):
        subquery = segment_query(query.subquery, autocomplete=autocomplete)
        return NOTHING if subquery is NOTHING else Boost(subquery, query.boost)
    if isinstance(query, And):
        parts = [segment_query(part, autocomplete=autocomplete) for part in query.subqueries]
        return NOTHING if NOTHING in parts else And(parts)
    if isinstance(query, Or):
        parts = [segment_query(part, autocomplete=autocomplete) for part in query.subqueries]
        parts = [part for part in parts if part is not NOTHING]
        return Or(parts) if parts else NOTHING
    if isinstance(query, Not):
        subquery = segment_query(query.subquery, autocomplete=autocomplete)
        return MatchAll() if subquery is NOTHING else Not(subquery)
    return query


class ThaiIndexerMixin:
    """Segments the Thai in every value an ObjectIndexer reads from an object."""

    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            # The related object's own fields come back through this method.
            yield from super().prepare_field(obj, field)
            return
        for *field_and_weight, value in super().prepare_field(obj, field):
            yield (*field_and_weight, index_text(value))


class ThaiQueryCompilerMixin:
    """Segments the query, and ranks pages matching more of an "or" query's words first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = segment_query(self.query, autocomplete=self.LAST_TERM_IS_PREFIX)

    def search(self, config, start, stop, score_field=None, **kwargs):
        terms = self.coverage_terms()
        if len(terms) < 2:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        queryset = super().search(config, None, None, score_field=score_field, **kwargs)
        matched = sum(
            (
                Case(
                    When(pk__in=self.matches(term, config, **kwargs), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
                for term in terms
            ),
            start=Value(0),
        )
        ranked = queryset.annotate(_matched_words=matched)
        return ranked.order_by("-_matched_words", *queryset.query.order_by)[start:stop]

    def coverage_terms(self) -> list[str]:
        """The words of a plain "or" query ordered by relevance; else none."""
        query = self.query
        if (
            self.order_by_relevance
            and not self.LAST_TERM_IS_PREFIX
            and isinstance(query, PlainText)
            and query.operator == "or"
        ):
            return query.query_string.split()
        return []

    def matches(self, term: str, config, **kwargs):
        """Primary keys of the objects whose index entry holds ``term``."""
        compiler = type(self)(
            self.queryset.model._default_manager.all(),
            MatchAll(),
            fields=self.fields,
            order_by_relevance=False,
        )
        compiler.query = PlainText(term)
        return compiler.search(config, None, None, **kwargs).order_by().values("pk")
