"""`make bench`: measure the platform at scale and write bench/results/<date>-<preset>.{md,json}.

Steps: create (or reuse) the database kudequa_bench_<preset> and fill it with `seed_scale`; start a
private Redis, gunicorn with 2 workers (bench.settings: the platform plus a bare baseline page) and, for
the reports, a real Celery worker with 2 processes; then per page
  1. SQL queries per request, counted in this process through django.test.Client,
  2. saturation: wrk with 8 connections (requests per second),
  3. latency: locust with 100 users thinking 1-5 s between requests (p50/p95/p99, errors),
and the report throughput; finally bench/bench_matching.py. Every load loop is bounded in time and
sends traffic only to 127.0.0.1.

    .venv/bin/python bench/run.py --preset city
"""

# The commands below are fixed argument lists of tools this harness starts (no shell, no outside input).
# ruff: noqa: S603, S607

import argparse
import csv
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.findings import CHANGES, FINDINGS, FIRST_RUN  # noqa: E402
from devdata.scale.presets import PRESETS  # noqa: E402

RESULTS = ROOT / "bench" / "results"
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

# Seconds per page: saturation (wrk) and latency (locust); reports rendered for the throughput.
DURATIONS = {
    "tiny": {"saturation": 5, "latency": 15, "reports": 4},
    "city": {"saturation": 8, "latency": 20, "reports": 12},
    "state": {"saturation": 15, "latency": 60, "reports": 20},
}
USERS = 100
CONNECTIONS = 8
# Targets of the issue (on the state preset).
P95_TARGET_MS = 150
P95_SEARCH_TARGET_MS = 300
BASELINE_RATIO_TARGET = 0.40


def log(message: str):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.3):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def stop_group(process: subprocess.Popen | None, timeout: float = 20, sig: int = signal.SIGTERM):
    """Stop a process we started (in its own session) and its children."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# --- environment -------------------------------------------------------------------------------


def bench_env(database_url: str, broker_url: str, private_root: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "KUDEQUA_TESTING"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": broker_url,
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": "bench",
            "PRIVATE_MEDIA_ROOT": private_root,
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def ensure_database(database_url: str):
    """Create the bench database if it does not exist (connecting to the server's `postgres` database)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def seeded_counts(database_url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(database_url) as conn:
        try:
            municipalities = conn.execute("SELECT count(*) FROM quarters_municipality").fetchone()[0]
            needs = conn.execute("SELECT count(*) FROM needs_need").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0, 0
    return municipalities, needs


def prepare_database(env: dict, preset: str, seed: int, *, reseed: bool = False) -> dict:
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    expected = PRESETS[preset]
    marker = VAR / f"seed-{preset}.json"
    from devdata.scale.version import VERSION

    previous = json.loads(marker.read_text()) if marker.exists() else {}
    same = previous.get("version") == VERSION and previous.get("seed") == seed
    if not reseed and same and seeded_counts(env["DATABASE_URL"]) == (expected.municipalities, expected.needs):
        log(f"reusing the {preset} data set in {urlsplit(env['DATABASE_URL']).path.lstrip('/')}")
        return {**previous, "reused": True}
    log(f"building the {preset} data set (seed_scale --preset {preset}) …")
    began = time.monotonic()
    output = manage(env, "seed_scale", "--preset", preset, "--seed", str(seed), "--replace", "--json", capture=True)
    summary = json.loads(output[output.index("{") :])  # anything a command printed before the summary is noise
    summary["wall_seconds"] = round(time.monotonic() - began, 1)
    VAR.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(summary, indent=2))
    log(f"data set built in {summary['seconds']} s")
    return {**summary, "reused": False}


# --- the pages -----------------------------------------------------------------------------------


def setup_django(env: dict):
    os.environ.update(env)
    import django

    django.setup()


def pick_subjects() -> dict:
    """The objects the pages show: the biggest of each kind in the biggest municipality (the worst case)."""
    from django.db.models import Count, F, Q

    from advisory.models import Case
    from initiatives.models import Initiative
    from quarters.models import Municipality, Quarter, StaffRole

    municipality = Municipality.objects.annotate(n=Count("quarters")).order_by("-n", "pk").first()
    quarter = (
        Quarter.objects.filter(municipality=municipality)
        .annotate(n=Count("needs", filter=Q(needs__status="published")))
        .order_by("-n", "pk")
        .first()
    )
    initiatives = (
        Initiative.objects.filter(status="published")
        .annotate(n=Count("memberships", distinct=True) + Count("answered_needs", distinct=True))
        .order_by(F("concept").desc(nulls_last=True), "-n", "pk")
    )
    initiative = initiatives.filter(municipality=municipality).first() or initiatives.first()
    cases = Case.objects.annotate(n=Count("consultations")).order_by("-n", "pk").select_related("advisor")
    case = cases.filter(municipality=municipality).first() or cases.first()
    coordinator = StaffRole.objects.filter(municipality=municipality, role="coordinator").first().user
    advisor = case.advisor or StaffRole.objects.filter(municipality=case.municipality, role="advisor").first().user
    return {
        "municipality": municipality,
        "quarter": quarter,
        "initiative": initiative,
        "case": case,
        "coordinator": coordinator,
        "advisor": advisor,
    }


def session_for(user) -> str:
    """A signed-in session (as after login with the second factor) for the load generator's cookie."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def financing_check_url(initiative) -> str:
    """The financing check with the initiative's profile (its own page if the initiatives app has one)."""
    from django.urls import NoReverseMatch, reverse

    for name in ("initiatives:financing", "initiatives:financing_check", "initiatives:check"):
        try:
            return reverse(name, kwargs={"slug": initiative.slug})
        except NoReverseMatch:
            continue
    params = [
        ("legal_form", initiative.legal_form.slug if initiative.legal_form_id else "keine"),
        ("stage", initiative.stage),
        ("municipality", initiative.municipality.slug),
        *[("service_areas", area.slug) for area in initiative.service_areas.all()],
    ]
    if initiative.capital_need is not None:
        params.append(("capital_need", f"{initiative.capital_need:.0f}"))
    if initiative.own_funds is not None:
        params.append(("own_funds", f"{initiative.own_funds:.0f}"))
    return reverse("financing:check") + "?" + urlencode(params)


def build_pages(subjects: dict) -> list[dict]:
    from django.urls import reverse

    municipality, quarter = subjects["municipality"], subjects["quarter"]
    initiative, case = subjects["initiative"], subjects["case"]
    coordinator = session_for(subjects["coordinator"])
    advisor = session_for(subjects["advisor"])
    # A word of the shown initiative's name, in its town: the search finds something at every size.
    word = initiative.name.split()[0]
    search = urlencode({"q": word, "municipality": initiative.municipality.slug, "stage": "", "motive": ""})
    filters = urlencode({"municipality": municipality.slug, "quarter": quarter.slug})
    return [
        {"name": "baseline", "kind": "baseline", "url": reverse("bench_baseline"), "cookie": ""},
        {"name": "home", "kind": "list", "url": reverse("home"), "cookie": ""},
        {"name": "initiative_directory", "kind": "list", "url": reverse("initiatives:list"), "cookie": ""},
        {
            "name": "initiative_search",
            "kind": "search",
            "url": f"{reverse('initiatives:list')}?{search}",
            "cookie": "",
        },
        {
            "name": "initiative_filters",
            "kind": "search",
            "url": f"{reverse('initiatives:list')}?{filters}",
            "cookie": "",
        },
        {"name": "initiative_detail", "kind": "detail", "url": initiative.get_absolute_url(), "cookie": ""},
        {"name": "quarter_page", "kind": "detail", "url": reverse("needs:quarter", args=[quarter.slug]), "cookie": ""},
        {
            "name": "coordinator_dashboard",
            "kind": "dashboard",
            "url": reverse("needs:dashboard", args=[quarter.slug]),
            "cookie": coordinator,
        },
        {"name": "needs_list", "kind": "list", "url": reverse("needs:list"), "cookie": ""},
        {"name": "financing_check", "kind": "search", "url": financing_check_url(initiative), "cookie": advisor},
        {
            "name": "advisor_dashboard",
            "kind": "dashboard",
            "url": reverse("advisory:dashboard", args=[case.municipality.slug]),
            "cookie": advisor,
        },
        {"name": "case_detail", "kind": "detail", "url": reverse("advisory:case", args=[case.pk]), "cookie": advisor},
    ]


def count_queries(pages: list[dict]):
    """SQL queries per request, through django.test.Client against the same database (second request: warm)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for page in pages:
        client = Client()
        if page["cookie"]:
            name, _sep, value = page["cookie"].partition("=")
            client.cookies[name] = value
        try:
            client.get(page["url"])
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page["url"])
        except Exception as error:  # another app's code in the middle of a change: report, go on
            page["broken"] = f"{type(error).__name__}: {error}"[:300]
            page["queries"] = None
            log(f"{page['name']}: BROKEN {page['broken']}")
            continue
        page["status"] = response.status_code
        page["queries"] = len(captured)
        page["bytes"] = len(response.content)
        if response.status_code != 200:
            page["broken"] = f"answered {response.status_code}"
            log(f"{page['name']}: BROKEN {page['broken']} for {page['url']}")
            continue
        log(f"{page['name']}: {page['queries']} queries, {page['bytes'] // 1024} KiB")


# --- servers -------------------------------------------------------------------------------------


def start_redis(workdir: Path) -> tuple[subprocess.Popen | None, str]:
    if not shutil.which("redis-server"):
        url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        log(f"redis-server not found: using {url}")
        return None, url
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", workdir],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not wait_for_port(port, 10):
        raise SystemExit("redis-server did not start")
    return process, f"redis://{HOST}:{port}/0"


def start_gunicorn(env: dict, port: int, log_path: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "kudequa.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--error-logfile",
            str(log_path),
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    if not wait_for_port(port, 30):
        stop_group(process)
        raise SystemExit(f"gunicorn did not start, see {log_path}")
    return process


def fetch(port: int, page: dict) -> int:
    request = urllib.request.Request(f"http://{HOST}:{port}{page['url']}")
    if page["cookie"]:
        request.add_header("Cookie", page["cookie"])
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def warm_up(port: int, pages: list[dict], rounds: int = 3):
    for page in pages:
        for _ in range(rounds):
            status = fetch(port, page)
            if status != 200:
                raise SystemExit(f"{page['name']} answered {status} through gunicorn")


# --- load generators -----------------------------------------------------------------------------


def saturation(port: int, page: dict, seconds: int) -> dict:
    url = f"http://{HOST}:{port}{page['url']}"
    if shutil.which("wrk"):
        command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s"]
        if page["cookie"]:
            command += ["-H", f"Cookie: {page['cookie']}"]
        output = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
        sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
        errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
        return {"rps": rps, "errors": errors, "tool": "wrk"}
    # Without wrk: locust with 8 users and no think time (slower generator; say so in the results).
    stats = run_locust(port, page, users=CONNECTIONS, seconds=seconds, wait=(0, 0))
    return {"rps": stats["rps"], "errors": stats["errors"], "tool": "locust (wrk missing)"}


def run_locust(port: int, page: dict, *, users: int, seconds: int, wait=(1, 5)) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "stats"
        env = {
            **os.environ,
            "BENCH_URL": page["url"],
            "BENCH_COOKIE": page["cookie"],
            "BENCH_WAIT_MIN": str(wait[0]),
            "BENCH_WAIT_MAX": str(wait[1]),
        }
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(max(1, users // 5)),
                "--run-time",
                f"{seconds}s",
                "--host",
                f"http://{HOST}:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "ERROR",
                "--stop-timeout",
                "10",
                "--exit-code-on-error",
                "0",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=seconds + 120,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv", newline="") as handle:
            row = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")

    def number(key):
        value = row.get(key) or "0"
        return float(value) if value != "N/A" else None

    return {
        "requests": int(number("Request Count")),
        "errors": int(number("Failure Count")),
        "rps": round(number("Requests/s"), 2),
        "p50_ms": number("50%"),
        "p95_ms": number("95%"),
        "p99_ms": number("99%"),
        "max_ms": number("100%"),
    }


# --- reports -------------------------------------------------------------------------------------


def start_worker(env: dict, log_path: Path) -> subprocess.Popen:
    handle = open(log_path, "ab")  # noqa: SIM115 - lives as long as the worker
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "kudequa",
            "worker",
            "-Q",
            env["CELERY_TASK_DEFAULT_QUEUE"],
            "--concurrency",
            "2",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
            "--hostname",
            f"bench-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def measure_reports(env: dict, workdir: Path, subjects: dict, count: int) -> dict:
    import psutil
    from django.db.models import Q

    from initiatives.models import Initiative
    from reports.models import ReportJob
    from reports.services import report_request

    if hasattr(ReportJob.Kind, "INITIATIVE_CONCEPT"):
        kind = ReportJob.Kind.INITIATIVE_CONCEPT
        subjects_query = (
            Initiative.objects.filter(Q(municipality=subjects["municipality"]), status="published")
            .exclude(concept__isnull=True)
            .order_by("pk")
        )
    else:
        from quarters.models import Quarter

        kind = ReportJob.Kind.QUARTER
        subjects_query = Quarter.objects.filter(municipality=subjects["municipality"]).order_by("pk")
    items = list(subjects_query[: count + 2])
    if len(items) < 3:
        return {"kind": str(kind), "error": "not enough subjects"}
    worker = start_worker(env, workdir / "celery.log")
    peak_single = peak_total = 0

    def sample():
        nonlocal peak_single, peak_total
        try:
            parent = psutil.Process(worker.pid)
            processes = [parent, *parent.children(recursive=True)]
            sizes = [process.memory_info().rss for process in processes]
        except psutil.Error:
            return
        peak_single = max(peak_single, max(sizes))
        peak_total = max(peak_total, sum(sizes))

    def wait(jobs, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            sample()
            states = set(ReportJob.objects.filter(pk__in=[job.pk for job in jobs]).values_list("status", flat=True))
            if states <= {ReportJob.Status.DONE, ReportJob.Status.FAILED}:
                return True
            time.sleep(0.1)
        return False

    requester = subjects["coordinator"]
    try:
        # Two warm-up jobs (imports, fonts) are not counted.
        warm = [report_request(kind=kind, subject=item, language="de", by=requester) for item in items[:2]]
        if not wait(warm, 180):
            return {"kind": str(kind), "error": "warm-up jobs did not finish"}
        jobs = [report_request(kind=kind, subject=item, language="de", by=requester) for item in items[2:]]
        finished = wait(jobs, 60 + 30 * len(jobs))
    finally:
        stop_group(worker)
    rows = list(ReportJob.objects.filter(pk__in=[job.pk for job in jobs]))
    done = [row for row in rows if row.status == ReportJob.Status.DONE]
    if not done:
        return {"kind": str(kind), "error": "no report finished", "finished": finished}
    began = min(row.started_at for row in done)
    ended = max(row.finished_at for row in done)
    minutes = max((ended - began).total_seconds(), 0.001) / 60
    return {
        "kind": str(kind),
        "jobs": len(rows),
        "done": len(done),
        "failed": sum(row.status == ReportJob.Status.FAILED for row in rows),
        "per_minute": round(len(done) / minutes, 1),
        "median_s": round(statistics.median(row.render_seconds for row in done if row.render_seconds), 2),
        "peak_rss_mb": round(peak_single / 2**20, 1),
        "peak_rss_total_mb": round(peak_total / 2**20, 1),
        "pages_median": statistics.median(row.pages or 0 for row in done),
    }


# --- facts and results ---------------------------------------------------------------------------


def machine_facts() -> dict:
    from importlib.metadata import version

    from django.db import connection

    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]

    def tool_version(command):
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=10)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return None

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 2**20, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
        "locust": version("locust"),
        "postgresql": postgres,
        "redis": tool_version(["redis-server", "--version"]),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "wrk": tool_version(["wrk", "--version"]) if shutil.which("wrk") else None,
    }


def evaluate(page: dict, baseline_rps: float) -> list[str]:
    """The targets this page misses (empty: met)."""
    misses = []
    limit = P95_SEARCH_TARGET_MS if page["kind"] == "search" else P95_TARGET_MS
    if page["p95_ms"] is None or page["p95_ms"] > limit:
        misses.append(f"p95 {page['p95_ms']} ms > {limit} ms")
    if page["errors"]:
        misses.append(f"{page['errors']} errors")
    if page["kind"] in ("list", "detail") and page["baseline_ratio"] < BASELINE_RATIO_TARGET:
        misses.append(f"throughput {page['baseline_ratio']:.0%} of the baseline < {BASELINE_RATIO_TARGET:.0%}")
    return misses


def write_results(result: dict) -> tuple[Path, Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"{result['date']}-{result['preset']}"
    json_path = RESULTS / f"{stem}.json"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    md_path = RESULTS / f"{stem}.md"
    md_path.write_text(render_markdown(result))
    return json_path, md_path


def _ms(value):
    return "–" if value is None else f"{value:.0f}"


def render_markdown(result: dict) -> str:
    machine = result["machine"]
    seed = result["seed"]
    lines = [
        f"# Benchmark {result['preset']} — {result['date']}",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB; "
        f"PostgreSQL {machine['postgresql']}; {machine['redis'] or 'Redis'}; Python {machine['python']}, "
        f"Django {machine['django']}, gunicorn {machine['gunicorn']} (2 sync workers), locust {machine['locust']}, "
        f"{machine['wrk'] or 'no wrk'}.",
        "",
        f"Data set: `seed_scale --preset {result['preset']}` "
        + (
            f"built in {seed['seconds']} s"
            if seed.get("seconds") is not None and not seed.get("reused")
            else f"reused (built earlier in {seed.get('seconds')} s)"
        )
        + ": "
        + ", ".join(f"{label} {count:,}" for label, count in result["data"].items())
        + ".",
        "",
        f"Saturation: {result['settings']['saturation_tool']}, {CONNECTIONS} connections, "
        f"{result['settings']['saturation_s']} s per page. Latency: locust, {USERS} users with 1–5 s think time, "
        f"{result['settings']['latency_s']} s per page. Queries: django.test.Client, second request.",
        "",
        f"Baseline (a small template, no database): **{result['baseline_rps']:.0f} requests/s**.",
        "",
        "The machine is shared: `load avg.` is the 1-minute load average before each page's runs; above 2 (the "
        "number of cores) other processes competed with the server and the numbers are pessimistic.",
        "",
        "| page | kind | req/s (8 conn.) | ratio to baseline | p50 ms | p95 ms | p99 ms | errors | queries "
        "| load avg. | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in result["pages"]:
        verdict = "met" if not page["misses"] else "missed: " + "; ".join(page["misses"])
        if page.get("broken"):
            lines.append(f"| {page['name']} | {page['kind']} | – | – | – | – | – | – | – | – | {verdict} |")
            continue
        lines.append(
            f"| {page['name']} | {page['kind']} | {page['rps']:.1f} | {page['baseline_ratio']:.0%} | "
            f"{_ms(page['p50_ms'])} | {_ms(page['p95_ms'])} | {_ms(page['p99_ms'])} | {page['errors']} | "
            f"{page['queries']} | {page.get('load_average_before')} | {verdict} |"
        )
    lines += ["", "URLs: " + "; ".join(f"{page['name']} `{page['url']}`" for page in result["pages"]), ""]
    reports = result["reports"]
    lines += ["## Reports", ""]
    if "error" in reports:
        lines.append(f"Not measured: {reports['error']}.")
    else:
        lines.append(
            f"{reports['kind']} reports through a real Celery worker (`--concurrency 2`): "
            f"**{reports['per_minute']} per minute**, median render {reports['median_s']} s "
            f"({reports['done']} of {reports['jobs']} done, {reports['failed']} failed), peak RSS of one worker "
            f"process {reports['peak_rss_mb']} MiB, of the whole worker {reports['peak_rss_total_mb']} MiB."
        )
    matching = result.get("matching") or {}
    if matching:
        lines += [
            "",
            "## Financing matcher",
            "",
            f"bench/bench_matching.py: {json.dumps(matching, ensure_ascii=False)}",
        ]
    if result["preset"] == "state":
        lines += ["", "## Before and after the changes", ""]
        lines += [
            f"The first run's baseline reached {FIRST_RUN['baseline_rps']:.0f} requests/s on a busier machine, "
            f"this run's {result['baseline_rps']:.0f}: compare the pages with each other, not across runs alone.",
            "",
            "| page | req/s before | req/s now | p95 ms before | p95 ms now | queries before | queries now |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for page in result["pages"]:
            first = FIRST_RUN["pages"].get(page["name"])
            if first:
                lines.append(
                    f"| {page['name']} | {first['rps']} | {page['rps']} | {_ms(first['p95_ms'])} | "
                    f"{_ms(page['p95_ms'])} | {first['queries']} | {page['queries']} |"
                )
    lines += ["", "## What was changed after the first run", "", CHANGES["_general"], ""]
    lines += [f"- **{page['name']}**: {CHANGES[page['name']]}" for page in result["pages"] if page["name"] in CHANGES]
    lines += ["", "## Targets and findings", ""]
    if result["preset"] != "state":
        lines.append(
            "The targets of the issue apply to the `state` preset; on this preset they are shown for orientation."
        )
        lines.append("")
    missed = [page for page in result["pages"] if page["misses"]]
    if not missed:
        lines.append("Every page met its targets.")
    else:
        lines += [FINDINGS["_general"], ""]
    for page in missed:
        finding = FINDINGS.get(page["name"], "No analysis yet.")
        lines.append(f"- **{page['name']}** ({'; '.join(page['misses'])}): {finding}")
    lines.append("")
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=sorted(DURATIONS), default=os.environ.get("PRESET", "city"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--pages", default="", help="Comma-separated page names (default: all).")
    parser.add_argument("--skip-reports", action="store_true")
    parser.add_argument("--reseed", action="store_true", help="Build the data set again even if it is current.")
    parser.add_argument(
        "--render", metavar="JSON", help="Only write the .md of an existing result again (e.g. after new findings)."
    )
    args = parser.parse_args(argv)
    if args.render:
        result = json.loads(Path(args.render).read_text())
        Path(args.render).with_suffix(".md").write_text(render_markdown(result))
        return
    # Stopped from outside: leave through `finally`, so the servers this run started stop too.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    durations = DURATIONS[args.preset]
    database_url = args.database_url or f"postgres://postgres@127.0.0.1:5432/kudequa_bench_{args.preset}"
    workdir = Path(tempfile.mkdtemp(prefix="kudequa-bench-"))
    redis = gunicorn = None
    started = time.monotonic()
    try:
        redis, broker_url = start_redis(workdir)
        env = bench_env(database_url, broker_url, str(workdir / "private"))
        seed = prepare_database(env, args.preset, args.seed, reseed=args.reseed)
        log("collecting static files")
        manage(env, "collectstatic", "--noinput", "-v0")
        setup_django(env)
        subjects = pick_subjects()
        pages = build_pages(subjects)
        if args.pages:
            wanted = {"baseline", *args.pages.split(",")}
            pages = [page for page in pages if page["name"] in wanted]
        count_queries(pages)
        # A fresh server for every run: a page far over capacity leaves a queue behind that would slow the next.
        for page in pages:
            if page.get("broken"):
                continue
            page["load_before"] = round(os.getloadavg()[0], 2)
            port = free_port()
            gunicorn = start_gunicorn(env, port, workdir / "gunicorn.log")
            warm_up(port, [page])
            log(f"{page['name']}: saturation ({durations['saturation']} s)")
            page["saturation"] = saturation(port, page, durations["saturation"])
            stop_group(gunicorn, sig=signal.SIGQUIT)  # quick shutdown: drop the queue
            port = free_port()
            gunicorn = start_gunicorn(env, port, workdir / "gunicorn.log")
            warm_up(port, [page])
            log(f"{page['name']}: {page['saturation']['rps']:.1f} req/s; latency ({durations['latency']} s)")
            page["latency"] = run_locust(port, page, users=USERS, seconds=durations["latency"])
            log(f"{page['name']}: p95 {page['latency']['p95_ms']} ms, {page['latency']['errors']} errors")
            stop_group(gunicorn, sig=signal.SIGQUIT)
            gunicorn = None
        if args.skip_reports:
            reports = {"error": "skipped"}
        else:
            try:
                reports = measure_reports(env, workdir, subjects, durations["reports"])
            except Exception as error:  # the reports (or what they read) in the middle of a change
                reports = {"error": f"{type(error).__name__}: {error}"[:300]}
        log(f"reports: {reports}")
        matching_run = subprocess.run(
            [PYTHON, str(ROOT / "bench" / "bench_matching.py")], cwd=ROOT, capture_output=True, text=True
        )
        matching_file = RESULTS / "matching.json"
        matching = json.loads(matching_file.read_text()) if matching_file.exists() else {}
        if matching_run.returncode:
            matching["error"] = matching_run.stderr[-500:]
        result = assemble(args, durations, seed, pages, reports, matching, started)
        json_path, md_path = write_results(result)
        log(f"results: {json_path.relative_to(ROOT)}, {md_path.relative_to(ROOT)}")
    finally:
        stop_group(gunicorn)
        stop_group(redis)
        shutil.rmtree(workdir, ignore_errors=True)


def data_counts() -> dict:
    from advisory.models import Consultation
    from financing.models import Programme
    from initiatives.models import Initiative
    from needs.models import Need, Support
    from quarters.models import Municipality, Quarter

    return {
        "municipalities": Municipality.objects.count(),
        "quarters": Quarter.objects.count(),
        "needs": Need.objects.count(),
        "supports": Support.objects.count(),
        "initiatives": Initiative.objects.count(),
        "consultations": Consultation.objects.count(),
        "programmes": Programme.objects.count(),
    }


def assemble(args, durations, seed, pages, reports, matching, started) -> dict:
    baseline = next(page for page in pages if page["name"] == "baseline")
    baseline_rps = baseline["saturation"]["rps"]
    rows = []
    for page in pages:
        if page["name"] == "baseline":
            continue
        if page.get("broken"):
            rows.append(
                {
                    "name": page["name"],
                    "kind": page["kind"],
                    "url": page["url"],
                    "signed_in": bool(page["cookie"]),
                    "rps": None,
                    "p50_ms": None,
                    "p95_ms": None,
                    "p99_ms": None,
                    "errors": None,
                    "queries": page.get("queries"),
                    "baseline_ratio": None,
                    "broken": page["broken"],
                    "misses": [f"not measured: {page['broken']}"],
                }
            )
            continue
        latency = page["latency"]
        row = {
            "name": page["name"],
            "kind": page["kind"],
            "url": page["url"],
            "signed_in": bool(page["cookie"]),
            "rps": page["saturation"]["rps"],
            "p50_ms": latency["p50_ms"],
            "p95_ms": latency["p95_ms"],
            "p99_ms": latency["p99_ms"],
            "errors": latency["errors"] + page["saturation"]["errors"],
            "queries": page["queries"],
            "baseline_ratio": round(page["saturation"]["rps"] / baseline_rps, 3) if baseline_rps else 0,
            "latency_requests": latency["requests"],
            "latency_rps": latency["rps"],
            "response_kib": round(page["bytes"] / 1024, 1),
            "load_average_before": page.get("load_before"),
        }
        row["misses"] = evaluate(row, baseline_rps)
        rows.append(row)
    return {
        "preset": args.preset,
        "date": datetime.date.today().isoformat(),
        "machine": machine_facts(),
        "seed": seed,
        "data": data_counts(),
        "settings": {
            "saturation_s": durations["saturation"],
            "latency_s": durations["latency"],
            "connections": CONNECTIONS,
            "users": USERS,
            "think_time_s": [1, 5],
            "saturation_tool": baseline["saturation"]["tool"],
            "gunicorn_workers": 2,
        },
        "baseline_rps": baseline_rps,
        "baseline_latency": baseline["latency"],
        "pages": rows,
        "reports": reports,
        "matching": matching,
        "targets_met": not any(row["misses"] for row in rows),
        "duration_s": round(time.monotonic() - started, 1),
    }


if __name__ == "__main__":
    main()
