"""The address a request came from, as the sign-in lockout counts it.

Behind a reverse proxy every request shows the proxy's address, so the lockout would count
failures per username alone. With ``LMS_TRUSTED_PROXY_COUNT`` proxies in front, each appends
the address it saw to X-Forwarded-For, so the client is that many entries from the right;
anything further left was sent by the client and cannot be trusted.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "LMS_TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
