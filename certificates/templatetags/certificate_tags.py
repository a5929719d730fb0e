from django import template

from certificates.models import Certificate

register = template.Library()


@register.simple_tag
def learner_certificates(user) -> dict[int, Certificate]:
    """The user's valid certificates by course id, in one query (for "My learning")."""
    if not user.is_authenticated:
        return {}
    return {
        certificate.course_id: certificate
        for certificate in Certificate.objects.valid().filter(user=user)
    }


@register.simple_tag
def certificate_for(user, course) -> Certificate | None:
    if not user.is_authenticated:
        return None
    return Certificate.objects.valid().filter(user=user, course=course).first()
