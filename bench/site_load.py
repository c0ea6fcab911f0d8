"""Load test of the public site: gunicorn (2 workers) + wrk on loopback, with and without caching.

Three modes (``--modes``): ``cached`` (production settings: anonymous readers get whole pages
from the cache), ``uncached`` (the whole-page cache off, fragment caches on) and ``nocache``
(every cache off). Builds (once) an archive of 10,000 published stories with about 6 entities each, 100,000
confirmed mentions and one entity ("Bigland") in 5,000 stories, then measures requests per
second and p50/p99 latency for the story page, the big entity page, search, home and
``/healthz`` (the framework's ceiling on this machine), and prints a table with each page's
throughput as a ratio of ``/healthz``. Also reports non-2xx responses, socket errors/timeouts
and the workers' resident memory before and after the load.

    python bench/site_load.py                          # SQLite (bench/out/site_load.sqlite3)
    python bench/site_load.py --database postgres      # PostgreSQL (newsroom_site_bench)
    python bench/site_load.py --duration 60 --modes cached
    python bench/site_load.py --modes uncached --pages story   # one page (and /healthz) only

Needs wrk (apt-get install wrk). Traffic goes to 127.0.0.1 only, bounded by --duration.
"""

import argparse
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
STORIES = 10_000
BIG_STORIES = 5_000
MENTIONS_PER_STORY = 10
WORDS = [
    "trade",
    "sanctions",
    "summit",
    "election",
    "energy",
    "security",
    "pipeline",
    "border",
    "talks",
    "ministers",
    "agreement",
    "economy",
    "inflation",
    "tariffs",
    "grain",
    "corridor",
    "military",
    "exercise",
    "delegation",
    "treaty",
    "parliament",
    "vote",
    "investment",
    "railway",
    "port",
    "drought",
    "climate",
    "bank",
    "currency",
    "loan",
    "visit",
    "cooperation",
]


PAGES = {
    "healthz": "/healthz",
    "home": "/",
    "story": "/stories/story-7/",
    "big entity": "/countries/bigland/",
    "search": "/search/?q=Country017+pipeline",
}
MODES = {
    "cached": "pages and fragments cached (production settings)",
    "uncached": "whole-page cache off, fragment caches on (counts, charts, a story's derived parts)",
    "nocache": "every cache off: each request computes everything",
}


PG_SOCKET_DIR = Path("/var/run/postgresql")


def database_url(kind: str) -> str:
    """The benchmark's database. PostgreSQL on this host is reached through its Unix socket, as a
    site on the database's own host would be (TCP on loopback cost the story page about a tenth
    of its throughput); ``BENCH_PG_URL`` chooses another."""
    if kind == "postgres":
        socket = (PG_SOCKET_DIR / ".s.PGSQL.5432").exists()
        host = urllib.parse.quote(str(PG_SOCKET_DIR), safe="") if socket else "127.0.0.1:5432"
        return os.environ.get("BENCH_PG_URL", f"postgres://postgres@{host}/newsroom_site_bench")
    return f"sqlite:///{OUT / 'site_load.sqlite3'}"


def ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def build_archive(env: dict) -> None:
    """Create the archive with bulk inserts (no signals, no history rows: this is fixture data)."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article, Source
    from entities.models import Country, Entity, EntityLink, Leader, Membership, Mention, Office, Organization

    if Article.objects.count() >= STORIES:
        print(f"archive present: {Article.objects.count()} stories, {Mention.objects.count()} mentions")
        analyze()
        return
    rng = random.Random(42)
    started = time.monotonic()
    with transaction.atomic():
        source = Source.objects.create(name="Bench Wire", slug="bench-wire")
        countries = [
            Country(
                name="Bigland" if i == 0 else f"Country{i:03d}",
                slug="bigland" if i == 0 else f"country{i:03d}",
                iso_alpha2=f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}",
                iso_alpha3=f"Z{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}",
                capital=f"Capital{i}",
                region=["Africa", "Americas", "Asia", "Europe", "Oceania"][i % 5],
                kind=Entity.Kind.COUNTRY,
            )
            for i in range(200)
        ]
        for country in countries:
            country.save()  # multi-table inheritance: bulk_create does not support it
        leaders = []
        for i in range(100):
            leader = Leader(
                name=f"Leader Person{i:03d}", slug=f"leader-person{i:03d}", family_name=f"Person{i:03d}"
            )
            leader.save()
            leaders.append(leader)
            Office.objects.create(
                leader=leader,
                country=countries[i],
                title="President",
                start=timezone.now().date().replace(year=2015),
            )
        orgs = []
        for i in range(30):
            org = Organization(
                name=f"Organization{i:02d}", slug=f"organization{i:02d}", acronym=f"O{i:02d}", org_kind="bloc"
            )
            org.save()
            orgs.append(org)
            for country in rng.sample(countries, 12):
                Membership.objects.create(organization=org, country=country, status="member")
        pool = countries[1:] + leaders + orgs
        now = timezone.now()
        articles, plans = [], []
        for n in range(STORIES):
            chosen = rng.sample(pool, 6)
            if n < BIG_STORIES:
                chosen[0] = countries[0]
            # 10 mentions over 4 paragraphs: e0 e1 e2 | e0 e3 | e4 e5 e1 | e0 e2
            order = [[0, 1, 2], [0, 3], [4, 5, 1], [0, 2]]
            paragraphs, spans, offset = [], [], 0
            for group in order:
                parts = []
                cursor = offset
                for index in group:
                    filler = " ".join(rng.choices(WORDS, k=6)).capitalize() + " with "
                    parts.append(filler)
                    cursor += len(filler)
                    name = chosen[index].name
                    spans.append((index, cursor, cursor + len(name)))
                    parts.append(name)
                    cursor += len(name)
                    tail = " on " + " ".join(rng.choices(WORDS, k=5)) + ". "
                    parts.append(tail)
                    cursor += len(tail)
                text = "".join(parts).rstrip()
                paragraphs.append(text)
                offset += len(text) + 2
            body_text = "\n\n".join(paragraphs)
            articles.append(
                Article(
                    title=f"Story {n}: {' '.join(rng.choices(WORDS, k=4))}",
                    slug=f"story-{n}",
                    dek=" ".join(rng.choices(WORDS, k=10)),
                    body_text=body_text,
                    body_html="".join(f"<p>{p}</p>" for p in paragraphs),
                    byline="Bench Reporter",
                    source=source,
                    status=Article.Status.PUBLISHED,
                    published_at=now - timezone.timedelta(hours=n * 2),
                )
            )
            plans.append((chosen, spans, paragraphs))
        Article.objects.bulk_create(articles, batch_size=1000)
        ids = dict(Article.objects.values_list("slug", "pk"))
        mentions, links = [], []
        for article, (chosen, spans, paragraphs) in zip(articles, plans, strict=True):
            pk = ids[article.slug]
            counts = {}
            for index, start, end in spans:
                counts[index] = counts.get(index, 0) + 1
                mentions.append(
                    Mention(
                        article_id=pk,
                        entity_id=chosen[index].pk,
                        start=start,
                        end=end,
                        surface=chosen[index].name,
                        status=Mention.Status.CONFIRMED,
                        confidence=0.95,
                        method="bench",
                    )
                )
            for index, entity in enumerate(chosen):
                links.append(
                    EntityLink(
                        article_id=pk,
                        entity_id=entity.pk,
                        relevance="about" if index == 0 else "mentions",
                        score=1.0 - index * 0.1,
                        mention_count=counts.get(index, 0),
                        evidence=paragraphs[0][:200],
                    )
                )
        Mention.objects.bulk_create(mentions, batch_size=5000)
        EntityLink.objects.bulk_create(links, batch_size=5000)
    analyze()
    print(
        f"archive built in {time.monotonic() - started:.0f}s: {Article.objects.count()} stories, "
        f"{Mention.objects.count()} mentions, {EntityLink.objects.count()} links, "
        f"{EntityLink.objects.filter(entity__slug='bigland').count()} stories about Bigland"
    )


def analyze() -> None:
    """Fresh planner statistics, as autovacuum would have in production."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def worker_rss_mib(master_pid: int) -> list[float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    pids = children.read_text().split() if children.exists() else []
    sizes = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            if match:
                sizes.append(int(match.group(1)) / 1024)
    return sizes


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not come up at {url}")


def parse_wrk(output: str) -> dict:
    def duration_ms(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    for pct in ("50", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", output, re.M)
        result[f"p{pct}"] = duration_ms(match.group(1)) if match else float("nan")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["errors"] = sum(map(int, errors.groups())) if errors else 0
    return result


def run_mode(mode: str, env: dict, args, port: int) -> list[dict]:
    server_env = {
        **os.environ,
        **env,
        "NEWSROOM_PAGE_CACHE_SECONDS": "300" if mode == "cached" else "0",
        "NEWSROOM_FRAGMENT_CACHE_SECONDS": "0" if mode == "nocache" else "300",
    }
    if mode != "nocache" and args.redis:
        server_env["REDIS_URL"] = args.redis
    else:
        server_env.pop("REDIS_URL", None)
    log = open(OUT / f"gunicorn-{mode}.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            GUNICORN,
            "newsroom.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz")
        pages = {name: path for name, path in PAGES.items() if name == "healthz" or name in args.pages}
        for path in pages.values():  # warm up: imports, connections, first cache fill
            for _ in range(3):
                urllib.request.urlopen(base + path, timeout=60).read()  # loopback only
        memory_before = worker_rss_mib(server.pid)
        # Pages take turns in short slices so a noisy neighbour on the machine hits them all alike.
        results = {name: [] for name in pages}
        slice_seconds = max(1, args.duration // args.rounds)
        for round_number in range(args.rounds):
            for name, path in pages.items():
                output = subprocess.run(
                    [
                        "wrk",
                        "-t2",
                        f"-c{args.connections}",
                        f"-d{slice_seconds}s",
                        "--timeout",
                        "10s",
                        "--latency",
                        base + path,
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                (OUT / f"wrk-{mode}-{name.replace(' ', '-')}-{round_number}.txt").write_text(output)
                time.sleep(1)  # let requests still queued from this slice drain before the next page
                results[name].append(parse_wrk(output))
        rows = []
        for name, parts in results.items():
            rows.append(
                {
                    "mode": mode,
                    "page": name,
                    "rps": sum(p["requests"] for p in parts) / (slice_seconds * len(parts)),
                    "p50": statistics.median(p["p50"] for p in parts),
                    "p99": max(p["p99"] for p in parts),
                    "non2xx": sum(p["non2xx"] for p in parts),
                    "errors": sum(p["errors"] for p in parts),
                    "requests": sum(p["requests"] for p in parts),
                }
            )
        memory_after = worker_rss_mib(server.pid)
        for row in rows:
            row["mem_before"], row["mem_after"] = memory_before, memory_after
        return rows
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--duration", type=int, default=60, help="seconds of load per page and mode (default 60)"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5, help="slices per page, taken in turns (default 5)")
    parser.add_argument(
        "--modes",
        nargs="+",
        default=list(MODES),
        choices=list(MODES),
        help="; ".join(f"{mode}: {what}" for mode, what in MODES.items()),
    )
    parser.add_argument(
        "--redis", default=os.environ.get("REDIS_URL", ""), help="REDIS_URL for the cached run"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--pages",
        nargs="+",
        default=list(PAGES),
        choices=list(PAGES),
        help="pages to load (healthz is always measured)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    OUT.mkdir(parents=True, exist_ok=True)
    url = database_url(args.database)
    if args.database == "postgres":
        ensure_postgres_database(url)
    env = {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
    }
    run_env = {**os.environ, **env}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=run_env, check=True)
    subprocess.run([PYTHON, "manage.py", "createcachetable"], cwd=ROOT, env=run_env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=run_env, check=True
    )
    subprocess.run([PYTHON, __file__, "--build-only"], cwd=ROOT, env=run_env, check=True)

    rows = []
    for mode in args.modes:
        rows += run_mode(mode, env, args, args.port)

    print(
        f"\nDatabase: {args.database}; {args.duration}s per page in {args.rounds} slices, "
        f"{args.connections} connections, gunicorn 2 workers; load average now {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'mode':<9} {'page':<11} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'x healthz':>9} {'non-2xx':>8} {'errors':>7}"
    )
    for mode in args.modes:
        mode_rows = [r for r in rows if r["mode"] == mode]
        ceiling = next(r["rps"] for r in mode_rows if r["page"] == "healthz")
        for r in mode_rows:
            print(
                f"{r['mode']:<9} {r['page']:<11} {r['requests']:>9} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
                f"{r['rps'] / ceiling:>9.2f} {r['non2xx']:>8} {r['errors']:>7}"
            )
        before, after = mode_rows[0]["mem_before"], mode_rows[0]["mem_after"]
        print(
            f"{mode:<9} worker RSS MiB before: {', '.join(f'{m:.0f}' for m in before)}; "
            f"after: {', '.join(f'{m:.0f}' for m in after)}"
        )


if __name__ == "__main__":
    if "--build-only" in sys.argv:
        sys.path.insert(0, str(ROOT))
        build_archive({})
    else:
        main()
