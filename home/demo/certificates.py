"""Demo certificates: the default template, and a certificate for every finished course."""

from certificates.models import Certificate, CertificatePartner, CertificateTemplate
from certificates.services import certificate_issue
from courses.models import Enrolment
from home.demo import DEMO_USERS

DEMO_SIGNATORY = "นางสาวสุดา รักษ์ชุมชน"
PARTNERS = [
    "Local Alike",
    "มูลนิธิตลาดหลักทรัพย์แห่งประเทศไทย",
    "สมาคมห้องสมุดแห่งประเทศไทยฯ",
]


def _default_template() -> CertificateTemplate:
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        template = CertificateTemplate.objects.create(
            name="ประกาศนียบัตรมาตรฐาน",
            heading="ประกาศนียบัตร",
            heading_en="Certificate of Completion",
            signatory_title="ผู้อำนวยการโครงการ",
            signatory_title_en="Project Director",
            is_default=True,
        )
    if not template.partners.exists():
        for order, name in enumerate(PARTNERS):
            CertificatePartner.objects.create(template=template, name=name, sort_order=order)
    if not template.signatory_name:
        template.signatory_name = DEMO_SIGNATORY
        template.save(update_fields=["signatory_name", "updated_at"])
    return template


def load(ctx: dict) -> None:
    ctx["certificate_template"] = _default_template()
    finished = Enrolment.objects.filter(
        user__username__in=DEMO_USERS, completed_at__isnull=False
    ).select_related("user__community", "course")
    ctx["certificates"] = [certificate_issue(enrolment=enrolment) for enrolment in finished]


def reset() -> None:
    Certificate.objects.filter(user__username__in=DEMO_USERS).delete()
