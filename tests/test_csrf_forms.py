"""Every POST form a page shows can be submitted by a browser: each page is fetched, each of its
POST forms is filled with the values the page gives it and submitted through a client that
enforces CSRF as a browser meets it. A partial included `with ... only` that drops the token
fails here, whatever the form's own tests say."""

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from reviews import services
from reviews.models import Action, CommitteeMeeting, Review
from tests.factories import ActionFactory, UserFactory

pytestmark = pytest.mark.django_db


class PostForms(HTMLParser):
    """The POST forms of a page: each one's action and the values a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms, self.form, self.textarea, self.select = [], None, None, None
        self.select_seen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if attrs.get("method", "get").lower() == "post":
                self.form = {"action": attrs.get("action") or "", "data": {}, "files": False}
                self.form["files"] = attrs.get("enctype") == "multipart/form-data"
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        if tag == "option" and self.select:
            # A browser sends the selected option, else the first.
            values = self.form["data"].setdefault(self.select, [])
            if "selected" in attrs or not self.select_seen:
                values[:] = [attrs.get("value", "")]
            self.select_seen = True
            return
        if "name" not in attrs:
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.form["data"].setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.form["data"].setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = name
            self.form["data"].setdefault(name, []).append("")
        elif tag == "select":
            self.select, self.select_seen = name, False

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            self.form["data"][self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def post_forms(html):
    parser = PostForms()
    parser.feed(html)
    return parser.forms


def pages(demo):
    """(username or None, path) of every kind of page that holds a POST form."""
    police = Action.objects.filter(lead_agency__slug="police").first()
    other = Action.objects.exclude(lead_agency__slug="police").first()
    review = Review.objects.filter(actions__isnull=False).first()
    meeting = CommitteeMeeting.objects.first()
    return [
        (None, "/accounts/login/"),
        ("committee", "/"),
        ("committee", f"/reviews/{review.slug}/"),
        ("committee", "/actions/"),
        ("committee", f"/actions/{police.pk}/"),
        ("committee", "/meetings/"),
        ("committee", f"/meetings/{meeting.pk}/"),
        ("committee", "/report/"),
        ("police-lead", "/my-actions/"),
        ("police-lead", f"/actions/{police.pk}/"),
        ("manager", f"/actions/{other.pk}/"),
        ("manager", "/admin/"),
        ("manager", "/admin/reviews/action/"),
        ("manager", f"/admin/reviews/action/{other.pk}/change/"),
        ("manager", "/admin/reviews/committeemeeting/add/"),
        ("manager", "/admin/reviews/action/import/"),
    ]


def submit_every_form(username, path):
    """Fetch the page as the user, then submit each of its POST forms from a fresh session;
    returns [(form action, response)]."""
    user = get_user_model().objects.get(username=username) if username else None
    answers = []
    for index in range(100):
        client = Client(enforce_csrf_checks=True)
        if user:
            client.force_login(user)
        response = client.get(path)
        assert response.status_code == 200, (username, path, response.status_code)
        forms = post_forms(response.content.decode())
        if index >= len(forms):
            return answers
        form = forms[index]
        target = urljoin(path, form["action"])
        data = {
            name: values if len(values) > 1 else values[0] for name, values in form["data"].items()
        }
        answers.append((target, client.post(target, data)))
    raise AssertionError(f"Too many forms on {path}")


def test_the_parser_reads_a_forms_values():
    html = """<form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken"
    value="t"><input type="radio" name="status" value="amber" checked><input type="radio"
    name="status" value="blue"><textarea name="note">Hello</textarea><select name="s"><option
    value="1">One</option><option value="2" selected>Two</option></select></form>
    <form method="get"><input name="q" value="ignored"></form>"""
    assert post_forms(html) == [
        {
            "action": "/x/",
            "files": False,
            "data": {
                "csrfmiddlewaretoken": ["t"],
                "status": ["amber"],
                "note": ["Hello"],
                "s": ["2"],
            },
        }
    ]


def test_every_post_form_carries_its_csrf_token(demo, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    submitted = 0
    for username, path in pages(demo):
        forms = submit_every_form(username, path)
        assert forms, f"{path} as {username} shows no POST form"
        for target, response in forms:
            refused = response.status_code == 403 and b"CSRF" in response.content
            assert not refused, f"The form on {path} ({username}) posting to {target} was refused"
            assert response.status_code < 500, (path, target, response.status_code)
            submitted += 1
    assert submitted >= len(pages(demo))


def test_a_form_without_its_token_is_refused():
    """The check above can fail: the same post without the token is refused."""
    lead = UserFactory(group=services.AGENCY_LEADS)
    action = ActionFactory()
    action.lead_agency.leads.add(lead)
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    response = client.post(f"/actions/{action.pk}/progress/", {"status": "amber"})
    assert response.status_code == 403
