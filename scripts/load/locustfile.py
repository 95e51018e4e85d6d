"""Load test: committee members read, managers read and update, against a local server only.

Run by scripts/load/run.sh, which starts gunicorn on 127.0.0.1 with a database of its own. The
managers' updates go through the progress form, carrying the version of the action they read; an
update refused because someone changed the action first (409) is the service working, not an
error. At the end the counts are written to the file named by LOAD_RESULTS, so that the script can
check that every saved update is in the history: no update lost.
"""

import json
import os
import random
import re
import threading
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

PASSWORD = os.environ["LOAD_PASSWORD"]
OPEN_ACTIONS = [int(pk) for pk in os.environ["LOAD_OPEN_ACTIONS"].split(",")]
REVIEWS = ["frankie", "sam-and-kyle", "leo", "partnership-peer-review"]
VERSION = re.compile(r'name="version" value="([^"]+)"')
TALLY = {"saved": 0, "refused_as_stale": 0}
LOCK = threading.Lock()
_numbers = {"committee": iter(range(1, 1000)), "manager": iter(range(1, 1000))}


def allowed(host):
    """Never send load anywhere but this machine."""
    return urlparse(host).hostname in {"127.0.0.1", "localhost", "::1"}


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(0.2, 1.0)
    role = ""

    def on_start(self):
        if not allowed(self.host):
            raise RuntimeError(f"Refusing to load {self.host}: only 127.0.0.1 is allowed.")
        with LOCK:
            number = next(_numbers[self.role])
        self.client.get("/accounts/login/", name="sign in page")
        token = self.client.cookies.get("csrftoken")
        self.client.post(
            "/accounts/login/",
            {
                "username": f"load-{self.role}{number}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },  # fmt: skip
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="sign in",
        )

    @task(5)
    def dashboard(self):
        self.client.get("/", name="dashboard")

    @task(3)
    def actions(self):
        self.client.get("/actions/?status=amber", name="actions (amber)")

    @task(2)
    def review(self):
        self.client.get(f"/reviews/{random.choice(REVIEWS)}/", name="review")

    @task(2)
    def action(self):
        self.client.get(f"/actions/{random.choice(OPEN_ACTIONS)}/", name="action")

    @task(1)
    def report(self):
        self.client.get("/report/", name="report")


class CommitteeMember(SignedIn):
    weight = 3
    role = "committee"


class Manager(SignedIn):
    weight = 1
    role = "manager"

    @task(4)
    def update(self):
        pk = random.choice(OPEN_ACTIONS)
        page = self.client.get(f"/actions/{pk}/", name="action (to update)")
        found = VERSION.search(page.text)
        if not found:
            return
        status = random.choice(["amber", "red"])
        with self.client.post(
            f"/actions/{pk}/progress/",
            {
                "status": status,
                "progress_note": f"Load test update: set to {status}",
                "evidence": "",
                "target_date": re.search(r'id="id_target_date"[^>]*value="([^"]*)"', page.text)[1],
                "target_date_change_reason": "",
                "version": found[1],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken"),
            },
            headers={"Referer": f"{self.host}/actions/{pk}/"},
            name="progress update",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                with LOCK:
                    TALLY["saved"] += 1
                response.success()
            elif response.status_code == 409:  # someone changed it first: refused, as designed
                with LOCK:
                    TALLY["refused_as_stale"] += 1
                response.success()
            else:
                response.failure(f"unexpected {response.status_code}")


@events.test_stop.add_listener
def write_tally(environment, **kwargs):
    with open(os.environ["LOAD_RESULTS"], "w") as out:
        json.dump(TALLY, out)
