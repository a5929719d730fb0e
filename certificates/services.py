"""Issuing, revoking and reinstating certificates. Views, the admin and courses call these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from certificates.models import Certificate, CertificateTemplate, generate_code


def learner_name_for(user) -> str:
    """The name printed on a certificate. Never the username: the page is public."""
    return user.display_name.strip() or f"{user.first_name} {user.last_name}".strip()


def _existing(*, user, course) -> Certificate | None:
    return Certificate.objects.filter(user=user, course=course).first()


@transaction.atomic
def certificate_issue(*, enrolment=None, user=None, course=None) -> Certificate:
    """The learner's certificate for a completed course, created on the first call.

    Idempotent and safe under concurrency: the unique constraint on (user, course) lets
    exactly one insert win; a losing call returns the winner's certificate.
    """
    from courses.models import Enrolment

    if enrolment is None:
        if user is None or course is None:
            raise TypeError("certificate_issue needs an enrolment, or a user and a course.")
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None or enrolment.completed_at is None:
        raise ValidationError(_("A certificate is issued only when the course is completed."))
    user, course = enrolment.user, enrolment.course

    if existing := _existing(user=user, course=course):
        return existing

    template = CertificateTemplate.for_course(course)
    certificate = Certificate(
        user=user,
        course=course,
        learner_name=learner_name_for(user),
        course_title=course.title,
        community_name=user.community.name if user.community_id else "",
        issued_on=timezone.localdate(enrolment.completed_at),
        signatory_name=template.signatory_name if template else "",
        signatory_title=template.signatory_title if template else "",
        signatory_title_en=template.signatory_title_en if template else "",
        template=template,
    )
    while Certificate.objects.filter(code=certificate.code).exists():
        certificate.code = generate_code()
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        # Another request issued it between our check and our insert.
        return Certificate.objects.get(user=user, course=course)
    return certificate


def _check_manager(certificate: Certificate, by) -> None:
    if not certificate.can_be_managed_by(by):
        raise PermissionDenied(_("Only staff and the learner's coordinators can do this."))


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Mark a certificate as no longer valid; its verification page then says so."""
    _check_manager(certificate, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for revoking this certificate.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        return certificate
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated_at"])
    log(certificate, "certificates.revoke", user=by, data={"reason": reason})
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, by) -> Certificate:
    """Make a revoked certificate valid again."""
    _check_manager(certificate, by)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not certificate.is_revoked:
        return certificate
    certificate.revoked_at = None
    certificate.revoked_by = None
    certificate.revoke_reason = ""
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated_at"])
    log(certificate, "certificates.reinstate", user=by)
    return certificate
