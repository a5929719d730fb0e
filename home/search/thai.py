"""Thai word segmentation for the search index and for search queries.

Thai is written without spaces between words, so full-text engines see a whole phrase
("การขายสินค้าออนไลน์") as one token. Index text and query text both go through
PyThaiNLP's dictionary-based ``newmm`` tokenizer, which needs no download.
"""

import re
import unicodedata
from functools import lru_cache

from pythainlp.corpus import thai_stopwords
from pythainlp.corpus.tnc import word_freqs
from pythainlp.tokenize import word_dict_trie
from pythainlp.tokenize.newmm import segment
from pythainlp.util import normalize

THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")
# Format characters (zero-width space and joiners, direction marks, soft hyphens) are
# dropped: Thai writers use U+200B as an invisible word break, and segmentation finds
# those breaks again. Control characters and line separators become spaces.
DROPPED_CATEGORIES = {"Cf"}
SPACE_CATEGORIES = {"Cc", "Zl", "Zp"}
# Repetition and abbreviation marks (ดีๆ, กรุงเทพฯ) carry no meaning of their own.
THAI_MARKS = "ๆฯ"

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 10
# About the 900 most frequent words of the Thai National Corpus (ขาย, ยอด, ตลาด, ดี).
COMMON_WORD_COUNT = 5000


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words seen at least COMMON_WORD_COUNT times in the Thai National Corpus."""
    return frozenset(word for word, count in word_freqs() if count >= COMMON_WORD_COUNT)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(thai_stopwords())


def clean(text: str) -> str:
    """Normalise Unicode and Thai spelling; drop invisible characters."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(
        " " if category in SPACE_CATEGORIES else char
        for char in text
        if (category := unicodedata.category(char)) not in DROPPED_CATEGORIES
    )
    return normalize(text)


def _is_word(token: str) -> bool:
    """A token with at least one letter or digit (not only marks or symbols)."""
    return any(unicodedata.category(char)[0] in "LN" for char in token)


def plain_words(text: str) -> list[str]:
    """Words of non-Thai text: runs of letters, digits and combining marks."""
    words, current = [], []
    for char in f"{text} ":
        if unicodedata.category(char)[0] in "LNM":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    return [word for word in words if _is_word(word)]


@lru_cache(maxsize=4096)
def thai_words(run: str) -> tuple[str, ...]:
    """The words of a run of Thai characters, without repetition marks."""
    words = []
    for token in segment(run, custom_dict=word_dict_trie()):
        token = token.strip().strip(THAI_MARKS)
        if _is_word(token):
            words.append(token)
    return tuple(words)


@lru_cache(maxsize=16384)
def word_parts(word: str) -> tuple[str, ...]:
    """The common words a dictionary compound is made of ("ยอดขาย" -> ยอด, ขาย).

    The dictionary keeps many compounds whole (ขายของ, การตลาด, ผู้ขาย), so indexing
    their parts too lets a search for "ขาย" or "ตลาด" find them. Only splits into
    common words count, so ชุมชน, ออนไลน์ or บรรจุภัณฑ์ are not cut into syllables.
    """
    common = _common_words()
    # Fewest pieces that cover the whole word, each a common word other than itself.
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for start in range(len(word)):
        if best[start] is None:
            continue
        for prefix in word_dict_trie().prefixes(word, start):
            end = start + len(prefix)
            if prefix == word or prefix not in common:
                continue
            candidate = (*best[start], prefix)
            if best[end] is None or len(candidate) < len(best[end]):
                best[end] = candidate
    return best[len(word)] or ()


def index_text(text: str) -> str:
    """Text for the search index: Thai runs split into words, compounds' parts appended.

    Other scripts are left for the database's own tokenizer (stemming, hyphenation).
    The parts go at the end so phrases in the original order still match.
    """
    text = clean(text)
    parts: list[str] = []

    def split_run(match: re.Match) -> str:
        words = thai_words(match.group())
        for word in words:
            parts.extend(word_parts(word))
        return f" {' '.join(words)} "

    segmented = THAI_RUN.sub(split_run, text)
    extra = " ".join(dict.fromkeys(parts))
    return " ".join(f"{segmented} {extra}".split())


def words(text: str) -> list[str]:
    """Every word of ``text`` in order, lower-cased: Thai segmented, symbols dropped."""
    text = clean(text)
    found: list[str] = []
    position = 0
    for match in THAI_RUN.finditer(text):
        found += plain_words(text[position : match.start()])
        found += thai_words(match.group())
        position = match.end()
    found += plain_words(text[position:])
    return [word.lower() for word in found]


def query_terms(query: str) -> list[str]:
    """The words to look for, at most MAX_QUERY_TERMS of them, each once.

    Thai stop words (การ, ที่, และ) are dropped unless the query has nothing else.
    The result is safe in any backend's query syntax: letters, digits and marks only.
    """
    terms = words(query[:MAX_QUERY_LENGTH])
    content = [term for term in terms if term not in _stopwords()]
    return list(dict.fromkeys(content or terms))[:MAX_QUERY_TERMS]


def autocomplete_alternatives(query: str) -> list[list[str]]:
    """Term lists for a query still being typed; the last term of each is a prefix.

    A half-typed Thai word ("สินค") segments into pieces that begin no indexed word
    ("สิ", "นค"), so the last word as typed is tried as well as the segmented query.
    """
    query = query[:MAX_QUERY_LENGTH]
    head, _, last = clean(query).rstrip().rpartition(" ")
    typed = [word.strip(THAI_MARKS).lower() for word in plain_words(last)]
    as_typed = [*query_terms(head), *(word for word in typed if _is_word(word))]
    alternatives = [query_terms(query), as_typed[-MAX_QUERY_TERMS:]]
    unique = {tuple(terms): list(terms) for terms in alternatives if terms}
    return list(unique.values())
