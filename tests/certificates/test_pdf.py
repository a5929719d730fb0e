import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from certificates import pdf
from certificates.models import CertificatePartner, CertificateTemplate
from certificates.services import certificate_revoke
from tests.certificates.factories import certified_learner, complete_course, make_community
from tests.factories import make_course, make_superuser, make_user

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext, pdffonts) is not installed"
)
VERIFY_URL = "https://learn.example.org/certificates/verify/ABCDEFGHJKLM/"
# Words of a long title; a line may only break where two of them meet.
TITLE_WORDS = [
    "การ", "พัฒนา", "ผลิต", "ภัณฑ์", "ชุมชน", "และ", "บรรจุ", "ภัณฑ์", "ให้", "ทัน", "สมัย",
    "เพื่อ", "การ", "ขาย", "ออน", "ไลน์", "ผ่าน", "เพจ", "เฟซบุ๊ก", "และ", "ไลน์", "โอเอ",
    "ของ", "กลุ่ม", "แม่บ้าน", "เกษตรกร", "จังหวัด", "อุตรดิตถ์",
]  # fmt: skip


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    # -raw keeps the text in drawing order, so Thai marks stay with their letters.
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_tool(tool: str, data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


def certificate_issued_on(date, **fields):
    _, certificate = certified_learner(**fields)
    certificate.issued_on = date
    certificate.save()
    return certificate


@needs_poppler
def test_thai_certificate_reads_right(tmp_path):
    community = make_community(name="กลุ่มทอผ้าบ้านหาดสองแคว")
    certificate = certificate_issued_on(
        datetime.date(2026, 11, 24), display_name="นางสาวมาลี ศรีสุข", community=community
    )
    data = pdf.render_pdf(certificate, lang="th", verify_url=VERIFY_URL)
    text = pdf_text(data, tmp_path)
    assert "ประกาศนียบัตร" in text
    assert "นางสาวมาลี ศรีสุข" in text
    assert certificate.course_title in text
    assert "กลุ่มทอผ้าบ้านหาดสองแคว" in text
    assert "ให้ไว้ ณ วันที่ 24 พฤศจิกายน พ.ศ. 2569" in text
    assert certificate.display_code in text
    assert "2026" not in text

    info = pdf_tool("pdfinfo", data, tmp_path)
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    assert "841.89 x 595.276 pts (A4)" in info  # landscape


@needs_poppler
def test_english_certificate_has_the_gregorian_year(tmp_path):
    certificate = certificate_issued_on(datetime.date(2026, 11, 24))
    text = pdf_text(pdf.render_pdf(certificate, lang="en", verify_url=VERIFY_URL), tmp_path)
    assert "Certificate of Completion" in text
    assert "Given on 24 November 2026" in text
    assert "Project Director" in text
    assert certificate.learner_name in text
    assert "2569" not in text


@needs_poppler
def test_the_sarabun_font_is_embedded(tmp_path):
    _, certificate = certified_learner()
    data = pdf.render_pdf(certificate, lang="th", verify_url=VERIFY_URL)
    fonts = pdf_tool("pdffonts", data, tmp_path)
    sarabun = [line for line in fonts.splitlines() if "Sarabun" in line]
    assert sarabun
    # Columns: name type encoding emb sub uni ... every Sarabun face is embedded.
    assert all(line.split()[-5] == "yes" for line in sarabun)
    assert len(fonts.splitlines()) - 2 == len(sarabun)  # no other font was needed


@needs_poppler
def test_long_thai_titles_break_between_words(tmp_path):
    title = "".join(TITLE_WORDS)
    learner = make_user()
    certificate = complete_course(learner, make_course(lessons=1, title=title))
    text = pdf_text(pdf.render_pdf(certificate, lang="th", verify_url=VERIFY_URL), tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if title.startswith(line) and line)
    pieces, joined = [], ""
    for line in lines[start:]:
        if joined == title:
            break
        pieces.append(line)
        joined += line
    assert joined == title
    assert len(pieces) > 1, "the title should need more than one line"
    boundaries, position = set(), 0
    for word in TITLE_WORDS:
        position += len(word)
        boundaries.add(position)
    position = 0
    for piece in pieces[:-1]:
        position += len(piece)
        assert position in boundaries, f"broke inside a word after {title[:position]!r}"


@needs_poppler
def test_names_and_titles_are_text_not_markup(tmp_path):
    name = "<script>alert(1)</script> & ลูก"
    _, certificate = certified_learner(display_name=name)
    html = pdf.render_html(certificate, lang="th", verify_url=VERIFY_URL)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ลูก" in html
    text = pdf_text(pdf.render_pdf(certificate, lang="th", verify_url=VERIFY_URL), tmp_path)
    assert name in text


def test_the_fetcher_refuses_the_network_and_other_files():
    fetcher = pdf.ProjectFileFetcher()
    static_dir = Path(settings.STATICFILES_DIRS[0]).resolve()
    refused = [
        "http://example.org/logo.png",
        "https://127.0.0.1/static/css/site.css",
        "ftp://example.org/x",
        "data:text/plain,hello",
        "file:///etc/passwd",
        f"file://{static_dir}/../../../../etc/passwd",
        f"file://{static_dir}/css/missing.css",
        "file://remote-host/etc/passwd",
    ]
    for url in refused:
        with pytest.raises(pdf.URLRefused):
            fetcher.fetch(url)


def test_the_fetcher_serves_project_static_and_font_files():
    fetcher = pdf.ProjectFileFetcher()
    static_file = Path(settings.STATICFILES_DIRS[0]) / "css" / "site.css"
    response = fetcher.fetch(static_file.resolve().as_uri())
    assert response.read().startswith(b"/*")
    assert response.content_type == "text/css"
    font = fetcher.fetch(pdf.font_faces()[0]["url"])
    assert len(font.read()) > 10_000


def test_a_document_asking_for_forbidden_files_renders_without_them():
    """WeasyPrint goes on without a refused resource: no network call, nothing leaked."""
    from weasyprint import HTML

    asked = []

    class RecordingFetcher(pdf.ProjectFileFetcher):
        def fetch(self, url, headers=None):
            asked.append(url)
            return super().fetch(url, headers)

    html = (
        '<link rel="stylesheet" href="http://example.org/evil.css">'
        '<img src="file:///etc/passwd"><p>ok</p>'
    )
    data = HTML(string=html, url_fetcher=RecordingFetcher()).write_pdf()
    assert data.startswith(b"%PDF")
    assert b"root:" not in data
    assert "file:///etc/passwd" in asked


def test_signature_and_partner_logos_come_from_media(tmp_path):
    Image = get_image_model()
    signature = Image.objects.create(title="ลายเซ็น", file=get_test_image_file())
    logo = Image.objects.create(title="โลโก้", file=get_test_image_file(colour="blue"))
    course = make_course(lessons=1)
    template = CertificateTemplate.objects.create(
        name="มีโลโก้", course=course, signature_image=signature, accent_colour="#B5451B"
    )
    CertificatePartner.objects.create(template=template, name="Local Alike", logo=logo)
    certificate = complete_course(make_user(), course)
    html = pdf.render_html(certificate, lang="th", verify_url=VERIFY_URL)
    media_root = Path(settings.MEDIA_ROOT).resolve().as_uri()
    assert html.count(f'src="{media_root}/') == 2
    assert "#B5451B" in html
    data = pdf.render_pdf(certificate, lang="th", verify_url=VERIFY_URL)
    assert data.count(b"/Subtype /Image") >= 2  # each image, plus its transparency mask


class RenderCounter:
    def __init__(self):
        self.calls = 0

    def __call__(self, certificate, *, lang, verify_url):
        self.calls += 1
        return f"%PDF {certificate.pk} {lang} {self.calls}".encode()


def test_pdfs_are_cached_until_the_certificate_or_template_changes(monkeypatch):
    render = RenderCounter()
    monkeypatch.setattr(pdf, "render_pdf", render)
    _, certificate = certified_learner()

    first = pdf.certificate_pdf(certificate, lang="th", verify_url=VERIFY_URL)
    assert pdf.certificate_pdf(certificate, lang="th", verify_url=VERIFY_URL) == first
    assert render.calls == 1

    pdf.certificate_pdf(certificate, lang="en", verify_url=VERIFY_URL)
    assert render.calls == 2

    certificate_revoke(certificate=certificate, by=make_superuser(), reason="ทดสอบ")
    certificate.refresh_from_db()
    assert pdf.certificate_pdf(certificate, lang="th", verify_url=VERIFY_URL) != first
    assert render.calls == 3

    template = certificate.template
    template.accent_colour = "#000000"
    template.save()
    certificate.refresh_from_db()
    pdf.certificate_pdf(certificate, lang="th", verify_url=VERIFY_URL)
    assert render.calls == 4
    pdf.certificate_pdf(certificate, lang="th", verify_url=VERIFY_URL)
    assert render.calls == 4
