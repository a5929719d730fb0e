from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from certificates.forms import VerifyForm
from certificates.models import Certificate, is_well_formed_code, normalise_code


@never_cache
def download_pdf(request, code):
    """The certificate as a PDF, for its owner, their coordinators and staff.

    Everyone else gets the same 404 as for a code that does not exist, so this URL
    cannot be used to find out which codes are real.
    """
    certificate = (
        Certificate.objects.select_related("user__community", "template").filter(code=code).first()
    )
    if certificate is None or not certificate.can_be_downloaded_by(request.user):
        raise Http404
    # WeasyPrint (and Pango behind it) loads only when a PDF is asked for.
    from certificates.pdf import certificate_pdf

    pdf = certificate_pdf(
        certificate,
        lang=translation.get_language(),
        verify_url=request.build_absolute_uri(certificate.get_verify_url()),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response


@never_cache
def verify_form(request):
    """ "Verify another code": a typed code leads to its verification page."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(
        request,
        "certificates/verify_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@never_cache
def verify(request, code):
    """Public: is this certificate genuine? Name, course, community and date, nothing more."""
    normalised = normalise_code(code)
    if normalised != code and is_well_formed_code(normalised):
        return redirect("certificates:verify", code=normalised)
    certificate = None
    if is_well_formed_code(code):
        certificate = Certificate.objects.filter(code=code).first()
    if certificate is None:
        return render(
            request,
            "certificates/verify_not_found.html",
            {"code": code, "form": VerifyForm()},
            status=404,
        )
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "form": VerifyForm(),
            "verify_url": request.build_absolute_uri(certificate.get_verify_url()),
        },
    )
