"""Make Material's instant navigation work against the test server."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Error, Route


def rebase_sitemap(context: BrowserContext, site_url: str) -> None:
    """Serve sitemap.xml with the test server's address in place of the configured site_url.

    Material's instant navigation only takes over links listed in sitemap.xml, matched on host
    and path, and the sitemap carries site_url from mkdocs.yml, not the address under test.
    """

    def fulfill(route: Route) -> None:
        try:
            response = route.fetch()
            body = response.text()
        except Error:
            # Material fetches the sitemap in the background: a test may close its page first,
            # and then there is nothing left to answer.
            return
        locs = re.findall(r"<loc>([^<]+)</loc>", body)
        base = min(locs, key=len) if locs else site_url
        route.fulfill(response=response, body=body.replace(f"<loc>{base}", f"<loc>{site_url}"))

    context.route(f"{site_url}sitemap.xml", fulfill)
