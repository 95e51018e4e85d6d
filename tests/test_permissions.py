"""The permission matrix, proven: every URL pattern × every role × GET and POST.

The URL patterns are walked from the resolver, the admin's included, and each is filled with a real
object (a review, theme, agency, action, meeting, priority, challenge, history record...). A
pattern the walk cannot fill, or a page missing from the table below, fails the test: a new page
cannot be forgotten. At the time of writing that is 184 URLs (the site's, the admin's and
django-axes's; the history pages of reviews, actions, agencies, themes, meetings, indicators,
figures, learning sessions and their agencies' places, audits and grades, delivery plans and
priorities, challenges and yearly reports among them) × 7 roles × 2 methods = 2576 answers, each
compared with the table; and the database (every table's row count, the history tables'
included, the action's fields, themes and history) is compared after every one of them: no
request in the matrix (an empty POST, for the refusals) writes anything. Then the progress form
with valid answers, for each role: saved for the lead of the action's agency and for the
manager, refused with nothing written for the others; the challenge log's forms with valid
answers, for each role, as challenges.rules says; and a confirmed deletion of the theme and the
agency the action uses, refused for everyone (a merge of them, for everyone but the manager).

Roles: anonymous; signed in but in no group (refused everything but signing out); a committee
member (reads); a lead of another agency; a lead of the action's agency (records progress on it,
and the response to the walk's challenge, put to that agency); a safeguarding manager (staff,
keeps the plans in the admin); an independent scrutineer (reads every committee page, not staff
so refused the admin, puts and closes challenges and writes the yearly report's assessment).
"""

import datetime
import re
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern

from audits.vocabulary import FindingKind
from challenges import selectors as challenge_selectors
from challenges import services as challenge_services
from challenges.models import Challenge
from learning.models import LearningSession
from priorities.models import Priority
from reviews import services
from reviews.models import Action, Status
from tests.dataset.helpers import make_indicator
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    CommitteeMeetingFactory,
    ReviewFactory,
    ThemeFactory,
    UserFactory,
)
from tests.learning.helpers import make_session
from yearly import services as yearly_services
from yearly.models import YearlyReport

pytestmark = pytest.mark.django_db

ANONYMOUS, OUTSIDER, COMMITTEE, OTHER_LEAD, OWN_LEAD, MANAGER, SCRUTINEER = ROLES = (
    "anonymous",
    "signed in, in no group",
    "committee member",
    "lead of another agency",
    "lead of the action's agency",
    "manager",
    "independent scrutineer",
)
SIGNED_IN = ROLES[1:]
NOT_STAFF = (OUTSIDER, COMMITTEE, OTHER_LEAD, OWN_LEAD, SCRUTINEER)
METHODS = ("GET", "POST")

# Where a refusal or a finished step sends people. Kept symbolic: the URL depends on the request.
SIGN_IN = "302 to the sign-in page, coming back here"
ADMIN_SIGN_IN = "302 to the admin's sign-in page, coming back here"
HOME = "302 to the dashboard"
LEAD_HOME = "302 to the lead's list of actions"
ADMIN_HOME = "302 to the admin's index"
ACTION_PAGE = "302 to the action's page"
ACTION_ON_SITE = "302 to the action's page, with the site's address"
CHANGE_PAGE = "302 to the object's change page"
CHALLENGE_PAGE = "302 to the challenge's page"
NEW_CHALLENGE_PAGE = "302 to the new challenge's page"


def each(roles, answer):
    return dict.fromkeys(roles, answer)


# The committee's pages: read-only, for everyone signed in who is in a group.
COMMITTEE_PAGES = {
    "reviews:dashboard",
    "reviews:review-detail",
    "reviews:timeline",
    "reviews:action-list",
    "reviews:action-detail",
    "reviews:theme-detail",
    "reviews:agency-detail",
    "reports:meeting-list",
    "reports:meeting-detail",
    "reports:report",
    "reports:report-pdf",
    "reviews:my-actions",  # an empty list for those who lead no agency
    "dataset:scorecard",
    "dataset:indicator-detail",
    "learning:programme",
    "learning:session-detail",
    "audits:audit-list",
    "priorities:priority-list",
    "priorities:priority-detail",
    "challenges:challenge-list",
    "challenges:challenge-detail",
    "yearly:report",
    "yearly:report-pdf",
}

# Every other page outside the admin: name -> role -> (answer to GET, answer to an empty POST).
SITE = {
    # A signed-in lead goes to their agencies' actions, everyone else to the dashboard.
    "login": {
        ANONYMOUS: (200, 200),
        **each(SIGNED_IN, (HOME, HOME)),
        **each((OTHER_LEAD, OWN_LEAD), (LEAD_HOME, LEAD_HOME)),
    },
    "logout": {ANONYMOUS: (SIGN_IN, SIGN_IN), **each(SIGNED_IN, (405, 200))},
    "healthz": each(ROLES, (200, 405)),
    "accessibility": each(ROLES, (200, 405)),
    # POST only; 403 unless the user may update this action; 400 for an empty form.
    "reviews:action-progress": {
        ANONYMOUS: (SIGN_IN, SIGN_IN),
        OUTSIDER: (403, 403),
        COMMITTEE: (405, 403),
        OTHER_LEAD: (405, 403),
        OWN_LEAD: (405, 400),
        MANAGER: (405, 400),
        SCRUTINEER: (405, 403),
    },
    # The challenge log's forms (challenges.rules): the scrutineer (and a manager, as in the
    # admin) puts and closes challenges; a lead of the agency asked (the walk's challenge is put
    # to the action's agency) or a manager records the response. An empty POST is a form with
    # errors, 400; the change addresses take only a POST.
    "challenges:challenge-add": {
        ANONYMOUS: (SIGN_IN, SIGN_IN),
        **each(SIGNED_IN, (403, 403)),
        **each((SCRUTINEER, MANAGER), (200, 400)),
    },
    "challenges:challenge-respond": {
        ANONYMOUS: (SIGN_IN, SIGN_IN),
        **each(SIGNED_IN, (403, 403)),
        OTHER_LEAD: (405, 403),
        **each((OWN_LEAD, MANAGER), (405, 400)),
    },
    **{
        name: {
            ANONYMOUS: (SIGN_IN, SIGN_IN),
            **each(SIGNED_IN, (403, 403)),
            **each((SCRUTINEER, MANAGER), (405, 400)),
        }
        for name in ("challenges:challenge-close", "challenges:challenge-reopen")
    },
    # Recording a review's next stage is the manager's: an empty POST is the form with errors.
    "reviews:review-stage": {
        ANONYMOUS: (SIGN_IN, SIGN_IN),
        **each(SIGNED_IN, (403, 403)),
        MANAGER: (200, 400),
    },
    # The scrutineer's own words in the yearly report; not the manager's.
    "yearly:assessment": {
        ANONYMOUS: (SIGN_IN, SIGN_IN),
        **each(SIGNED_IN, (403, 403)),
        SCRUTINEER: (200, 400),
    },
    **{
        name: {ANONYMOUS: (SIGN_IN, SIGN_IN), **each(SIGNED_IN, (200, 405)), OUTSIDER: (403, 405)}
        for name in COMMITTEE_PAGES
    },
}
# The actions list (a class-based view) checks the permission before the method.
SITE["reviews:action-list"][OUTSIDER] = (403, 403)

# The admin's own pages, as the manager finds them. Anonymous users are sent to the admin's sign-in
# page and signed-in users who are not staff likewise, except for the two listed below.
ADMIN_SITE_FOR_MANAGER = {
    "admin:index": (200, 200),
    "admin:login": (ADMIN_HOME, 200),  # an empty POST is a form with errors
    "admin:logout": (405, 200),
    "admin:password_change": (200, 200),
    "admin:password_change_done": (200, 405),
    "admin:autocomplete": (200, 405),
    "admin:jsi18n": (200, 405),
    "admin:view_on_site": (ACTION_ON_SITE, ACTION_ON_SITE),
    "admin:app_list": (200, 200),
    "admin:catch-all": (404, 404),
    # Import a tracker: an empty POST is the upload form with its error; the template is GET only.
    "admin:reviews_action_import": (200, 200),
    "admin:reviews_action_import_template": (200, 405),
    "admin:dataset_indicator_import": (200, 200),  # an empty POST: the form with its error
    "admin:learning_learningsession_import": (200, 200),  # likewise
}
ADMIN_SITE_FOR_NOT_STAFF = {
    "admin:login": (200, 200),  # "you are signed in but may not use the admin"
    "admin:logout": (ADMIN_HOME, ADMIN_HOME),
}

# The models a manager keeps in the admin; every other registered model (users, groups, sign-in
# attempts...) is refused to them. Managers cannot delete actions.
MANAGED_MODELS = {
    "reviews.Agency",
    "reviews.Theme",
    "reviews.Review",
    "reviews.Action",
    "reviews.CommitteeMeeting",
    "dataset.Indicator",
    "dataset.Figure",
    "learning.LearningSession",
    "learning.SessionAgency",
    "audits.Grade",
    "audits.Audit",  # with its cases, grades by agency and findings on its page
    "priorities.DeliveryPlan",
    "priorities.Priority",
    "challenges.Challenge",
    "yearly.YearlyReport",  # with its sign-offs on its page
}
MANAGED_MODEL_VIEWS = {
    "changelist": (200, 200),
    "add": (200, 200),  # an empty POST is a form with errors
    "history": (200, 200),
    # An empty POST is the confirmation page again; for the action's theme and agency, which the
    # walk names, both are the page saying why they cannot be deleted (their admins' tests).
    "delete": (200, 200),
    "change": (200, 200),
    "redirect": (CHANGE_PAGE, CHANGE_PAGE),
    "simple_history": (200, 403),  # an earlier version can be looked at, never restored
}
# An indicator keeps its figures' history; an agency's places at a session are taken off on the
# session's page, where its responses are checked against the attendance left; the challenge log
# stays whole.
NOT_DELETABLE = {
    "reviews.Action",
    "dataset.Indicator",
    "learning.SessionAgency",
    "challenges.Challenge",
}
UNMANAGED_MODEL_VIEWS = dict.fromkeys(MANAGED_MODEL_VIEWS, (403, 403)) | {
    "redirect": (CHANGE_PAGE, CHANGE_PAGE)  # the bare /<id>/ address only points at the change page
}


# App bugs found by the matrix and reported, not yet fixed: (role, method, page) -> the bug. The
# matrix skips these answers (still checking that nothing was written); each has a strict xfail
# test below that passes (and so fails as XPASS) once the bug is fixed: then delete both.
KNOWN_BUGS = {}


def expected(page, role):
    """(answer to GET, answer to an empty POST) for a page and a role, from the tables above."""
    if not page.admin:
        if page.name not in SITE:
            pytest.fail(f"{page.url} ({page.name}) is not in the permission table: add it to SITE")
        return SITE[page.name][role]
    if role == ANONYMOUS:
        if page.name == "admin:login":
            return (200, 200)
        # Either sign-in page brings them back. The admin site tells the sign-in middleware to
        # use its own for its own pages; the models' pages (Django's ModelAdmin, the user's
        # password page and django-simple-history's version page) do not, so they get the site's.
        return (ADMIN_SIGN_IN,) * 2 if page.name in ADMIN_SITE_FOR_MANAGER else (SIGN_IN,) * 2
    if role in NOT_STAFF:
        return ADMIN_SITE_FOR_NOT_STAFF.get(page.name, (ADMIN_SIGN_IN, ADMIN_SIGN_IN))
    if page.name == "admin:auth_user_password_change":
        return (403, 403)  # managers do not manage users
    if page.model is None:
        if page.name not in ADMIN_SITE_FOR_MANAGER:
            pytest.fail(f"{page.url} ({page.name}) is not in the permission table")
        return ADMIN_SITE_FOR_MANAGER[page.name]
    label = page.model._meta.label
    if label in NOT_DELETABLE and page.kind == "delete":
        return (403, 403)
    views = MANAGED_MODEL_VIEWS if label in MANAGED_MODELS else UNMANAGED_MODEL_VIEWS
    return views[page.kind]


# The walk ---------------------------------------------------------------------------------------


class Page:
    def __init__(self, url, name, route, *, admin=False, model=None, kind=None):
        self.url, self.name, self.route = url, name, route
        self.admin, self.model, self.kind = admin, model, kind

    def __repr__(self):
        return self.url


def walk(patterns=None, prefix="", namespace=""):
    """(route, full name, pattern) of every URL pattern of the project, the admin's included."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = namespace + pattern.name if pattern.name else None
            yield route, name, pattern


# The project's own pages with parameters: name -> the reverse() kwargs, from the objects.
SITE_KWARGS = {
    "reviews:review-detail": lambda o: {"slug": o["action"].review.slug},
    "reviews:review-stage": lambda o: {"slug": o["action"].review.slug},
    "reviews:action-detail": lambda o: {"pk": o["action"].pk},
    "reviews:action-progress": lambda o: {"pk": o["action"].pk},
    "reviews:theme-detail": lambda o: {"slug": o["theme"].slug},
    "reviews:agency-detail": lambda o: {"slug": o["action"].lead_agency.slug},
    "reports:meeting-detail": lambda o: {"pk": o["meeting"].pk},
    "dataset:indicator-detail": lambda o: {"slug": o["indicator"].slug},
    "learning:session-detail": lambda o: {"pk": the_learning_session(o).pk},
    "priorities:priority-detail": lambda o: {"slug": the_first(o, "priority", Priority).slug},
    **{
        f"challenges:challenge-{name}": lambda o: {"pk": the_first(o, "challenge", Challenge).pk}
        for name in ("detail", "respond", "close", "reopen")
    },
}
MODEL_ADMIN_KINDS = ("changelist", "add", "history", "delete", "change", "simple_history")


def an_object_id(model):
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        pytest.fail(f"No {model._meta.label} to fill the admin's URLs with: add one to `objects`")
    return str(obj.pk)


def admin_page(route, name, pattern, objects):
    """A real URL for one of the admin's patterns."""
    model_admin = getattr(pattern.callback, "model_admin", None)
    model = model_admin.model if model_admin else None
    kind = None
    if name is None and route.endswith("(?P<url>.*)$"):
        name, url = "admin:catch-all", route.removesuffix("(?P<url>.*)$") + "no-such-page/"
    elif name == "admin:app_list":
        url = re.sub(r"\^\(\?P<app_label>[^)]*\)/\$$", "reviews/", route)
    elif name == "admin:autocomplete":
        query = urlencode({"app_label": "reviews", "model_name": "action", "field_name": "review"})
        url = f"{route}?{query}"
    elif name == "admin:view_on_site":
        action = objects["action"]
        content_type = ContentType.objects.get_for_model(action)
        url = route.replace("<path:content_type_id>", str(content_type.pk))
        url = url.replace("<path:object_id>", str(action.pk))
    elif name == "admin:auth_user_password_change":
        url = route.replace("<id>", str(objects["users"][MANAGER].pk))
    elif name and name.endswith("_simple_history"):
        # The regex pattern of an earlier version of a django-simple-history model.
        app_label, model_name = (
            name.removeprefix("admin:").removesuffix("_simple_history").split("_", 1)
        )
        model = apps.get_model(app_label, model_name)
        obj = model._default_manager.order_by("pk").first()
        version = obj.history.order_by("pk").first()
        url = route.replace("^([^/]+)/history/([^/]+)/$", f"{obj.pk}/history/{version.pk}/")
        kind = "simple_history"
    else:
        url = route
        if model is not None:
            url = url.replace("<path:object_id>", an_object_id(model))
            if name is None and route.endswith("<path:object_id>/"):
                kind = "redirect"
            elif name:
                kind = next(k for k in MODEL_ADMIN_KINDS if name.endswith(f"_{k}"))
    return Page("/" + url, name, route, admin=True, model=model, kind=kind)


def project_pages(objects):
    """Every URL pattern of the project as a real URL naming objects that exist. Fails on a
    pattern it does not know how to fill."""
    pages = []
    for route, name, pattern in walk():
        if route.startswith("admin/"):
            page = admin_page(route, name, pattern, objects)
        elif name in SITE_KWARGS:
            page = Page(reverse(name, kwargs=SITE_KWARGS[name](objects)), name, route)
        elif name and isinstance(pattern.pattern, RoutePattern) and not pattern.pattern.converters:
            page = Page("/" + route, name, route)
        else:
            page = None
        if page is None or re.search(r"[<>^$()]", page.url):
            pytest.fail(f"The walk cannot fill the URL pattern {route!r} ({name}): teach it how")
        # The URL must lead back to the pattern it was made from.
        match = resolve(page.url.split("?")[0])
        if match.func is not pattern.callback:
            pytest.fail(f"{page.url} was made from {route!r} but resolves to {match.route!r}")
        pages.append(page)
    return pages


# The data and the people ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def objects(client):
    own, other = AgencyFactory(slug="police"), AgencyFactory(slug="council")
    theme = ThemeFactory()
    action = ActionFactory(review=ReviewFactory(), lead_agency=own, themes=[theme])
    users = {
        OUTSIDER: UserFactory(username="outsider"),
        COMMITTEE: UserFactory(username="councillor", group=services.COMMITTEE_MEMBERS),
        OTHER_LEAD: UserFactory(username="council-lead", group=services.AGENCY_LEADS),
        OWN_LEAD: UserFactory(username="police-lead", group=services.AGENCY_LEADS),
        MANAGER: UserFactory(
            username="lscp-manager", group=services.SAFEGUARDING_MANAGERS, is_staff=True
        ),
        SCRUTINEER: UserFactory(username="scrutineer", group=services.INDEPENDENT_SCRUTINEERS),
    }
    other.leads.add(users[OTHER_LEAD])
    own.leads.add(users[OWN_LEAD])
    session = make_session(places={own: (10, 8, 2)}, themes=[theme], reviews=[action.review])
    audit = an_audit(own, theme)
    fill_the_sign_in_records(client)
    indicator = make_indicator("D01", values=[50, 60], themes=[theme], source_agency=own)
    priority = a_priority(action, indicator, audit, session, theme)
    challenge = challenge_services.challenge_save(
        Challenge(
            raised_on=datetime.date(2025, 1, 6),
            question="How are referrals from schools followed up?",
            agency=own,
            raised_by=users[SCRUTINEER],
        ),
        user=users[SCRUTINEER],
        note="Challenge put",
    )
    yearly_services.report_save(
        YearlyReport(starts_on=datetime.date(2025, 4, 1)), note="Yearly report added"
    )
    return {
        "action": action,
        "theme": theme,
        "indicator": indicator,
        "session": session,
        "priority": priority,
        "challenge": challenge,
        "meeting": CommitteeMeetingFactory(),
        "users": users,
    }


def fill_the_sign_in_records(client):
    """A row in each of the admin's tables of sign-ins, for the walk to name: a refused sign-in
    (django-axes records the attempt), a failure and a sign-in."""
    client.post(reverse("login"), {"username": "someone-else", "password": "wrong"})
    if apps.is_installed("axes"):
        from axes.models import AccessFailureLog, AccessLog

        AccessFailureLog.objects.create(username="someone-else", ip_address="127.0.0.1")
        AccessLog.objects.create(username="someone", ip_address="127.0.0.1")


def an_audit(agency, theme):
    """An audit with a graded case, an agency's grade and a finding, for the walk to name."""
    from tests.audits.helpers import add_findings, grade_agencies, make_audit

    audit = make_audit(name="Audit for the walk", cases=2, grades=["Good"], agencies=[agency])
    grade_agencies(audit, [(1, agency, "Good")])
    add_findings(audit, [(FindingKind.STRENGTH, "Shared promptly.", theme, None, "")])
    return audit


def a_priority(action, indicator, audit, session, theme):
    """A current plan with a priority linked to everything the walk names."""
    from tests.priorities.helpers import make_plan, make_priority

    return make_priority(
        make_plan(),
        1,
        "Information sharing across the partnership",
        themes=[theme],
        actions=[action],
        indicators=[indicator],
        audits=[audit],
        sessions=[session],
    )


def the_first(objects, name, model):
    """The walk's object of that name, else the database's first (tests/test_bad_input.py walks
    the demo, whose objects name only some)."""
    found = objects.get(name) or model._default_manager.order_by("pk").first()
    if found is None:
        pytest.fail(f"No {model._meta.label} to fill the URLs with: add one to `objects`")
    return found


def the_learning_session(objects):
    """The walk's session: the objects' own, else the first of the database's
    (tests/test_bad_input.py walks the demo, whose objects name none)."""
    return objects.get("session") or LearningSession.objects.order_by("pk").first()


def sign_in(client, objects, role):
    if role != ANONYMOUS:
        client.force_login(objects["users"][role])


def database_state(action):
    """What a refused request must leave alone: every table's row count (sessions aside: signing
    in and out is not a change to the data), the action's fields, themes and history."""
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }
    row = Action.objects.filter(pk=action.pk).values().get()
    themes = list(action.themes.order_by("pk").values_list("pk", flat=True))
    return counts, row, themes, action.history.count()


def location(answer, page, objects):
    """The Location a symbolic redirect stands for."""
    here = urlencode({"next": page.url}, safe="/", quote_via=quote)
    if answer in (CHALLENGE_PAGE, NEW_CHALLENGE_PAGE):
        challenge = (
            objects["challenge"]
            if answer == CHALLENGE_PAGE
            else Challenge.objects.order_by("pk").last()
        )
        return reverse("challenges:challenge-detail", args=[challenge.pk])
    action = objects["action"]
    return {
        SIGN_IN: f"{reverse('login')}?{here}",
        ADMIN_SIGN_IN: f"{reverse('admin:login')}?{here}",
        HOME: reverse("reviews:dashboard"),
        LEAD_HOME: reverse("reviews:my-actions"),
        ADMIN_HOME: reverse("admin:index"),
        ACTION_PAGE: action.get_absolute_url(),
        ACTION_ON_SITE: f"http://testserver{action.get_absolute_url()}",
        CHANGE_PAGE: page.url.removesuffix("/") + "/change/" if page.kind == "redirect" else None,
    }[answer]


def check(response, answer, page, objects):
    """The problem with a response, or '' when it is the answer the table expects."""
    if isinstance(answer, int):
        got = response.status_code
        return "" if got == answer else f"{got}, expected {answer}"
    want = location(answer, page, objects)
    got = (response.status_code, response.get("Location"))
    return "" if got == (302, want) else f"{got}, expected (302, {want!r})"


# The tests --------------------------------------------------------------------------------------


def test_the_walk_fills_every_pattern_of_the_project(objects):
    pages = project_pages(objects)
    names = {page.name for page in pages}
    assert COMMITTEE_PAGES | set(SITE) | set(ADMIN_SITE_FOR_MANAGER) <= names
    assert {"admin:reviews_action_change", "admin:reviews_action_simple_history"} <= names
    # Every model a manager keeps has its history pages, the audit trail.
    for label in MANAGED_MODELS:
        app_label, model = label.lower().split(".")
        assert {
            f"admin:{app_label}_{model}_history",
            f"admin:{app_label}_{model}_simple_history",
        } <= names
    size = len(pages) * len(ROLES) * len(METHODS)
    print(
        f"\npermission matrix: {len(pages)} URLs × {len(ROLES)} roles × {len(METHODS)} methods"
        f" = {size} answers"
    )


def test_the_walk_refuses_a_pattern_it_cannot_fill(objects, monkeypatch):
    from django.urls import path

    def view(request, code):
        raise AssertionError

    patterns = [*get_resolver().url_patterns, path("new/<str:code>/", view, name="new")]
    monkeypatch.setattr(get_resolver(), "url_patterns", patterns)
    with pytest.raises(
        pytest.fail.Exception, match="cannot fill the URL pattern 'new/<str:code>/'"
    ):
        project_pages(objects)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_the_table_says_and_writes_nothing(client, objects, role):
    client.raise_request_exception = False  # a 500 is a wrong answer like any other
    sign_in(client, objects, role)
    action = objects["action"]
    before = database_state(action)
    wrong = []
    pages = project_pages(objects)
    for page in pages:
        for method, answer in zip(METHODS, expected(page, role), strict=True):
            response = client.post(page.url) if method == "POST" else client.get(page.url)
            problem = check(response, answer, page, objects)
            if problem and (role, method, page.name) not in KNOWN_BUGS:
                wrong.append(f"{method} {page.url} ({page.name or page.kind}): {problem}")
            if database_state(action) != before:
                wrong.append(f"{method} {page.url} changed the database")
                before = database_state(action)
            if page.name in ("logout", "admin:logout") and method == "POST":
                sign_in(client, objects, role)  # signed in again, which django-axes records
                before = database_state(action)
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
    print(f"\n{role}: {len(pages)} URLs × {len(METHODS)} methods as the table says")


def progress(action, **changes):
    return {
        "status": Status.GREEN,
        "progress_note": "Policy signed off by the partnership board.",
        "evidence": "",
        "target_date": f"{action.target_date:%Y-%m-%d}",
        "target_date_change_reason": "",
        "version": services.version_of(action),
    } | changes


@pytest.mark.parametrize(
    ("role", "answer"),
    [
        (ANONYMOUS, SIGN_IN),
        (COMMITTEE, 403),
        (OTHER_LEAD, 403),
        (OWN_LEAD, ACTION_PAGE),
        (MANAGER, ACTION_PAGE),
        (SCRUTINEER, 403),
    ],
)
def test_a_valid_progress_update_is_saved_only_for_those_who_may_update(
    client, objects, role, answer
):
    sign_in(client, objects, role)
    action = objects["action"]
    url = reverse("reviews:action-progress", args=[action.pk])
    page = Page(url, "reviews:action-progress", "")
    before = database_state(action)
    history = action.history.count()

    response = client.post(url, progress(action))

    problem = check(response, answer, page, objects)
    assert not problem, problem
    action.refresh_from_db()
    if answer == ACTION_PAGE:
        assert (action.status, action.progress_note) == (
            Status.GREEN,
            "Policy signed off by the partnership board.",
        )
        assert action.history.count() == history + 1
        record = action.history.latest()
        assert record.history_user == objects["users"][role]
        assert record.history_change_reason == "Policy signed off by the partnership board."
    else:
        assert action.status == Status.AMBER
        assert database_state(action) == before


def challenge_answers(challenge, form):
    version = challenge_selectors.version_of(challenge)
    return {
        "add": {
            "raised_on": "6 January 2025",
            "question": "How many strategy meetings include the school?",
            "agency": str(challenge.agency_id),
            "group": "",
        },
        "respond": {
            "response": "Every strategy meeting now invites the school.",
            "responded_on": "3 February 2025",
            "version": version,
        },
        "close": {"closing_note": "Satisfied.", "closed_on": "4 February 2025", "version": version},
    }[form]


# (role, form) -> the answer to valid answers: saved (a redirect) or refused.
CHALLENGE_FORMS = {
    "add": {
        ANONYMOUS: SIGN_IN,
        **each(SIGNED_IN, 403),
        **each((SCRUTINEER, MANAGER), NEW_CHALLENGE_PAGE),
    },
    "respond": {
        ANONYMOUS: SIGN_IN,
        **each(SIGNED_IN, 403),
        **each((OWN_LEAD, MANAGER), CHALLENGE_PAGE),
    },
    "close": {
        ANONYMOUS: SIGN_IN,
        **each(SIGNED_IN, 403),
        **each((SCRUTINEER, MANAGER), CHALLENGE_PAGE),
    },
}


@pytest.mark.parametrize("form", CHALLENGE_FORMS)
@pytest.mark.parametrize("role", ROLES)
def test_the_challenge_forms_save_valid_answers_only_for_those_the_rules_allow(
    client, objects, role, form
):
    sign_in(client, objects, role)
    challenge = objects["challenge"]
    answer = CHALLENGE_FORMS[form][role]
    url = (
        reverse("challenges:challenge-add")
        if form == "add"
        else reverse(f"challenges:challenge-{form}", args=[challenge.pk])
    )
    before = database_state(objects["action"]), list(Challenge.objects.values())

    response = client.post(url, challenge_answers(challenge, form))

    problem = check(response, answer, Page(url, f"challenges:challenge-{form}", ""), objects)
    assert not problem, problem
    if answer in (SIGN_IN, 403):
        assert (database_state(objects["action"]), list(Challenge.objects.values())) == before
        return
    changed = Challenge.objects.latest("pk") if form == "add" else Challenge.objects.get()
    record = changed.history.latest()
    assert record.history_user == objects["users"][role]
    if form == "add":
        assert Challenge.objects.count() == 2 and changed.raised_by == objects["users"][role]
        assert record.history_change_reason == "Challenge put"
    elif form == "respond":
        assert changed.response == "Every strategy meeting now invites the school."
        assert record.history_change_reason == "Response recorded"
    else:
        assert (changed.status, changed.closing_note) == ("closed", "Satisfied.")
        assert record.history_change_reason == "Challenge closed: Satisfied."


def test_adding_a_review_in_the_admin_answers_its_form(client, objects):
    sign_in(client, objects, MANAGER)
    theme = objects["theme"]
    new_review = {
        "name": "Alex",
        "slug": "alex",
        "kind": "cspr",
        "themes": [theme.pk],
        "stage": "in_progress",
        "started_on": "2025-01-10",
        **{
            f"actions{form}-{field}": "0"
            for form in ("", "-2")
            for field in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    assert client.post(reverse("admin:reviews_review_add")).status_code == 200
    response = client.post(reverse("admin:reviews_review_add"), new_review)
    assert response.status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_no_one_deletes_the_theme_or_agency_an_action_uses_and_only_a_manager_merges_them(
    client, objects, role
):
    """The delete pages confirmed, one by one and from the lists, and a merge of the action's
    theme and agency into others: what is in use stays, and nothing is written."""
    sign_in(client, objects, role)
    action = objects["action"]
    theme, agency = objects["theme"], action.lead_agency
    other_theme, other_agency = ThemeFactory(), AgencyFactory()
    before = database_state(action)
    refused = 200 if role == MANAGER else None  # the page saying why, for the manager

    for obj, model in ((theme, "theme"), (agency, "agency")):
        one = client.post(reverse(f"admin:reviews_{model}_delete", args=[obj.pk]), {"post": "yes"})
        listed = client.post(
            reverse(f"admin:reviews_{model}_changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert one.status_code == listed.status_code == (refused or 302)
        if refused:
            assert "cannot be deleted" in one.content.decode()
            assert "cannot be deleted" in listed.content.decode()
        # Merging is allowed to a manager (it moves the action with an entry in its history),
        # so the walk's objects are merged only by those who may not: they get nothing.
        if role != MANAGER:
            other = other_theme if model == "theme" else other_agency
            merge = client.post(
                reverse(f"admin:reviews_{model}_changelist"),
                {
                    "action": "merge_into_another",
                    "_selected_action": [obj.pk],
                    "apply": "1",
                    "into": other.pk,
                },
            )
            assert merge.status_code == 302
    assert database_state(action) == before


# The pages outside the matrix's reach: what they say --------------------------------------------


def test_healthz_answers_without_sign_in_and_shows_no_data(client):
    ActionFactory(description="Confidential-looking action text")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert client.head("/healthz").status_code == 200


def test_signing_out_says_so_and_signs_out(client, committee_member):
    client.force_login(committee_member)
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
