import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from home.dates import format_date


def test_thai_dates_use_buddhist_era_years():
    assert format_date(datetime.date(2026, 11, 24), lang="th") == "24 พฤศจิกายน 2569"


def test_english_dates_use_gregorian_years():
    assert format_date(datetime.date(2026, 11, 24), lang="en") == "24 November 2026"


def test_certificate_style_era_prefix():
    assert format_date(datetime.date(2026, 1, 1), lang="th", era=True) == "1 มกราคม พ.ศ. 2569"


def test_datetimes_are_shown_in_bangkok_time():
    # 20:30 UTC on 31 December is already New Year's Day in Bangkok.
    value = datetime.datetime(2026, 12, 31, 20, 30, tzinfo=ZoneInfo("UTC"))
    assert format_date(value, lang="th") == "1 มกราคม 2570"
    assert format_date(value, lang="en", with_time=True) == "1 January 2027, 03:30"
    assert format_date(value, lang="th", with_time=True) == "1 มกราคม 2570 เวลา 03:30 น."


def test_template_filter_follows_the_active_language():
    template = Template("{{ day|display_date }}")
    context = Context({"day": datetime.date(2026, 11, 24)})
    with translation.override("th"):
        assert template.render(context) == "24 พฤศจิกายน 2569"
    with translation.override("en"):
        assert template.render(context) == "24 November 2026"


def test_empty_dates_render_nothing():
    assert format_date(None) == ""
