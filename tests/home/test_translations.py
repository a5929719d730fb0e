"""The committed .mo files match their .po sources, and every string is translated."""

import polib
import pytest

from home.translations import po_files

PO_FILES = po_files()


def test_catalogues_exist_for_both_languages():
    languages = {path.parts[-3] for path in PO_FILES}
    assert {"th", "en"} <= languages


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: "/".join(p.parts[-5:]))
def test_mo_matches_po(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run 'make messages'"
    po = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(path))
        if e.translated() and not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(mo_path))
        if e.msgid
    }
    assert po == mo, f"{mo_path.name} is out of date with {path.name}: run 'make messages'"


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: "/".join(p.parts[-5:]))
def test_every_string_is_translated(path):
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"
