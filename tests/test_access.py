"""Every page needs sign-in, found by walking the URL patterns so a new page cannot be forgotten."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

PUBLIC = {"login", "healthz", "accessibility"}
POST_ONLY = {"action-progress"}


def project_patterns(patterns=None, prefix=""):
    """(route, name) of every URL pattern outside the admin, which guards itself."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue
            yield from project_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


def concrete(route, action):
    """A real URL for a route, naming objects that exist."""
    slug = action.review.slug
    if route.startswith("themes/"):
        slug = action.themes.first().slug
    elif route.startswith("agencies/"):
        slug = action.lead_agency.slug
    return "/" + route.replace("<slug:slug>", slug).replace("<int:pk>", str(action.pk))


def test_the_walk_finds_the_pages():
    names = {name for _, name in project_patterns()}
    assert {"dashboard", "action-list", "action-detail", "review-detail", "theme-detail",
            "agency-detail", "login", "accessibility"} <= names  # fmt: skip


def test_anonymous_requests_go_to_sign_in(client):
    action = ActionFactory()
    for route, name in project_patterns():
        if name in PUBLIC:
            continue
        url = concrete(route, action)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"] == f"{reverse('login')}?next={url}", url


def test_signed_in_users_outside_the_groups_are_refused(client, outsider):
    action = ActionFactory()
    client.force_login(outsider)
    for route, name in project_patterns():
        if name in PUBLIC | {"logout"}:
            continue
        method = client.post if name in POST_ONLY else client.get
        assert method(concrete(route, action)).status_code == 403, route


def test_committee_pages_refuse_post(committee_client):
    action = ActionFactory()
    for route, name in project_patterns():
        if name in PUBLIC | {"logout"}:
            continue
        if name in POST_ONLY:  # a committee member may not record progress
            assert committee_client.post(concrete(route, action)).status_code == 403, route
            assert committee_client.get(concrete(route, action)).status_code == 405, route
            continue
        assert committee_client.post(concrete(route, action)).status_code == 405, route


def test_admin_sends_anonymous_users_to_its_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_healthz_answers_without_sign_in_and_shows_no_data(client):
    ActionFactory(description="Confidential-looking action text")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert client.head("/healthz").status_code == 200


def test_login_page_is_public_and_sign_out_is_post_only(client, committee_member):
    assert client.get(reverse("login")).status_code == 200
    client.force_login(committee_member)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()
    assert client.get("/").status_code == 302


def test_sign_in_with_wrong_password_says_so(client, committee_member):
    response = client.post(reverse("login"), {"username": "councillor", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert "There is a problem" in page
