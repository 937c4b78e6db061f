"""Error pages in the site's layout and language, the favicon, and the admin's title."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation


def test_an_unknown_page_is_a_translated_404_in_the_sites_layout(client, db) -> None:
    response = client.get("/sk/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Stránka sa nenašla" in html
    assert '<header class="site-header">' in html and '<html lang="sk">' in html


def test_the_500_page_renders_without_a_request_or_context_processors() -> None:
    # Django's server_error renders 500.html with an empty context: nothing may need more.
    with translation.override("hu"):
        html = render_to_string("500.html")
    assert "Hiba történt" in html and '<html lang="hu">' in html
    assert "favicon.svg" in html


def test_every_page_links_the_favicon(client, bundled_providers) -> None:
    html = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html


def test_the_admin_is_titled_reclamo(client, db) -> None:
    html = client.get("/admin/login/").content.decode()
    assert "Reclamo administration" in html
    assert "Django administration" not in html and "Django site admin" not in html
