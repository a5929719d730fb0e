from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page, Site

from home.search.results import build_results
from home.search.thai import MAX_QUERY_LENGTH, clean, query_terms

RESULTS_PER_PAGE = 10


def search(request):
    """Live, public pages matching any of the words; pages matching more words come first.

    Empty, over-long and symbol-only queries get a page that says what to do instead.
    """
    # Cleaning is linear in the input, so bound it before anything else.
    typed = request.GET.get("q", "")[: MAX_QUERY_LENGTH * 4]
    query = " ".join(clean(typed).split())
    shortened = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    terms = query_terms(query)
    context = {
        "typed": bool(typed.strip()),
        "query": query,
        "terms": terms,
        "shortened": shortened,
        "max_length": MAX_QUERY_LENGTH,
    }
    if terms:
        pages = Page.objects.live().public()
        if site := Site.find_for_request(request):
            pages = pages.in_site(site)
        results = pages.specific().search(query, operator="or")
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context["page_obj"] = page_obj
        context["results"] = build_results(page_obj.object_list, terms=terms, request=request)
    return render(request, "home/search.html", context)
