"""One page, many users: each simulated user requests BENCH_URL, then thinks 1-5 s (make bench starts it)."""

import os

from locust import HttpUser, between, task


class PageVisitor(HttpUser):
    wait_time = between(float(os.environ.get("BENCH_WAIT_MIN", "1")), float(os.environ.get("BENCH_WAIT_MAX", "5")))

    def on_start(self):
        cookie = os.environ.get("BENCH_COOKIE", "")
        if cookie:
            name, _sep, value = cookie.partition("=")
            self.client.cookies.set(name, value)

    @task
    def page(self):
        with self.client.get(os.environ["BENCH_URL"], name="page", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
