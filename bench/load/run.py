"""Load run: start ``assist serve`` with the demo shop on loopback, drive it with locust headless, and
print throughput, latency percentiles, errors and server memory.

    .venv/bin/python bench/load/run.py --rate 20 --duration 60                 # 40 agents, 1 worker
    .venv/bin/python bench/load/run.py --rate 20 --duration 60 --client agents # the same, asyncio client
    .venv/bin/python bench/load/run.py --sweep 10,15,20,25 --duration 30 --workers 1,2   # highest rate, p95 < 250 ms
    .venv/bin/python bench/load/run.py --rate 20 --client locust,agents --arrivals lockstep,poisson  # 4 rows
    .venv/bin/python bench/load/run.py --rate 8 --workers 2 --duration 120

``--client`` picks the load client: locust (``locustfile.py``), ``agents.py`` (asyncio + httpx), or
both in turn against the same server (``locust,agents``). ``--new-share`` of the cards are for a
conversation the server has not seen (default 0.2); the rest are re-sent ones (the warm-up shows the
server each demo conversation once).

``--arrivals`` is when agents send (``traffic.Pacer``): ``poisson`` (default; independent agents,
exponential gaps, a Poisson stream with its natural bursts), ``phased`` (a fixed period from a random
phase each) or ``lockstep`` (all agents at once, every period: what this bench's locust client sent
until 2026-11, when locust's ``constant_throughput`` undid the random start delay; 40 requests in one
100 ms every 2 s). Each row shows the burstiness it got (``burst``: the most sends in one 100 ms).

Each row splits the client's latency: ``srv`` percentiles are the server's own time per request (its
``Server-Timing`` header, from the request reaching the app to the answer starting), ``client lag``
is how late the load client's own scheduler woke a 10 ms sleep (p99), ``conns`` the most TCP
connections the server held open at once.

``--rate`` is the offered load in requests per second, sent by simulated agents (locust users), each
at ``--agent-rate`` requests per second (default 0.5: a card and a draft check every 4 s, a busy agent),
so 20 req/s is 40 agents; ``--users`` sets the count directly. The tail depends on how many clients
are in flight, not on the rate alone: a few fast clients at 20 req/s is not a support team. Memory is
the resident set of the server and its worker processes, after warm-up and at the end. Locust runs
on the same machine and takes CPU from the server: on 2 cores that lowers the rate the server holds.
No LLM is configured (offline engines), unless ``--llm-base-url`` is given.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from traffic import ARRIVALS, burstiness  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
AGENTS = Path(__file__).with_name("agents.py")
NEW_SHARE = [0.2]  # --new-share


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children (uvicorn workers), in MiB."""
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs if p.is_running()) / 2**20
    except psutil.NoSuchProcess:
        return float("nan")


def cpu_seconds(pid: int) -> float:
    proc = psutil.Process(pid)
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        times = p.cpu_times()
        total += times.user + times.system
    return total


def code_snapshot(code: str) -> Path:
    """Where the server's code comes from: the working tree (``tree``), or a snapshot of the last commit
    (``head``: ``git archive HEAD``, beside a link to the repo's ``../shared``). In a tree that others
    edit while the bench runs, a snapshot keeps their saved files out of the server mid-measurement."""
    if code == "tree":
        return ROOT
    base = Path(tempfile.mkdtemp(prefix="assist-code-"))
    (base / "shared").symlink_to(ROOT.parent / "shared")
    target = base / ROOT.name
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    # Compiled once here, not by each worker at start (compiling holds the interpreter's lock).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target)], check=False, stdout=subprocess.DEVNULL)
    return target


def code_label(code: str) -> str:
    if code == "tree":
        return "the working tree"
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return f"a snapshot of HEAD ({commit.stdout.strip()})"


class Server:
    def __init__(self, data_dir: Path, workers: int, llm_base_url: str | None, code_dir: Path = ROOT) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "ASSIST_DATA_DIR": str(data_dir),
            "ASSIST_RATE_LIMIT_PER_MINUTE": "0",
            "ASSIST_LOAD_DEMO": "1",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "PYTHONFAULTHANDLER": "1",  # a native crash leaves its stack in server.log
        }
        if code_dir != ROOT:  # the snapshot's packages before the editable install's
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(code_dir), os.environ.get("PYTHONPATH")) if p)
        if llm_base_url:
            env.update(ASSIST_LLM_BASE_URL=llm_base_url, ASSIST_LLM_MODEL="stub", ASSIST_LLM_API_KEY="unused")
        self.log = (data_dir / "server.log").open("w")
        self.proc = subprocess.Popen(
            [str(BIN / "assist"), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers)],
            cwd=code_dir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.key = self._wait(data_dir)

    def _wait(self, data_dir: Path, timeout_s: float = 600) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited; see {self.log.name}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)
                return (data_dir / "demo-shop.key").read_text().strip()
            except OSError:
                time.sleep(0.5)
        raise SystemExit("server did not come up")

    def post(self, path: str, body: dict) -> float:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"},
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
        return time.perf_counter() - started

    def warm_up(self, workers: int) -> None:
        """Load every model in every worker (each call may land on any worker), and show the server each
        demo conversation once: what the agents then send is re-sent conversations, plus the
        ``--new-share`` of cards for conversations not seen before."""
        sys.path.insert(0, str(LOCUSTFILE.parent))
        from traffic import CONVERSATION_POOL, DRAFTS, TRANSLATE

        for i in range(len(CONVERSATION_POOL) * workers):  # each call lands on any worker
            conversation = CONVERSATION_POOL[i % len(CONVERSATION_POOL)]
            self.post("/v1/assist", {"conversation": conversation, "agent_language": "en"})
            self.post("/v1/qa/check", {"conversation": conversation, "draft": DRAFTS["en"]})
            text, target = TRANSLATE[i % len(TRANSLATE)]
            self.post("/v1/translate", {"text": text, "target_language": target})

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def run_load(client: str, arrivals: str, server: Server, rate: float, users: int, duration_s: int, out: Path) -> dict:
    """Run the load client as its own process; its CPU and the server's are measured alongside."""
    records = out / f"{client}-{arrivals}-{rate:g}rps.jsonl"
    records.unlink(missing_ok=True)
    if client == "agents":
        cmd = [sys.executable, str(AGENTS), "--host", server.url, "--key", server.key, "--rate", str(rate)]
        cmd += ["--users", str(users), "--duration", str(duration_s), "--new-share", str(NEW_SHARE[0])]
        cmd += ["--arrivals", arrivals, "--out", str(records)]
        return {**_measured(cmd, os.environ, server, rate, out), **read_records(records)}
    env = {
        **os.environ,
        "ASSIST_LOAD_KEY": server.key,
        "ASSIST_LOAD_RATE": str(rate / users),
        "ASSIST_LOAD_NEW_SHARE": str(NEW_SHARE[0]),
        "ASSIST_LOAD_ARRIVALS": arrivals,
        "ASSIST_LOAD_RECORDS": str(records),
    }
    cmd = [
        str(BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{duration_s}s",
        "--host",
        server.url,
        "--only-summary",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
    ]
    return {**_measured(cmd, env, server, rate, out), **read_records(records)}


def _measured(cmd: list[str], env: Mapping[str, str], server: Server, rate: float, out: Path) -> dict:
    locust = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=(out / "client.log").open("a"))
    load = psutil.Process(locust.pid)
    locust_cpu = 0.0
    connections = 0
    server_cpu0 = cpu_seconds(server.proc.pid)
    while locust.poll() is None:
        try:
            times = load.cpu_times()
            locust_cpu = times.user + times.system
        except psutil.NoSuchProcess:
            break
        connections = max(connections, open_connections(server))
        time.sleep(1)
    if server.proc.poll() is not None:
        raise SystemExit(
            f"the server died during the {rate:g} req/s step (exit {server.proc.returncode}); see {server.log.name}"
        )
    server_cpu = cpu_seconds(server.proc.pid) - server_cpu0
    return {"locust_cpu_s": locust_cpu, "server_cpu_s": server_cpu, "connections": connections}


def open_connections(server: Server) -> int:
    """TCP connections the server's processes hold open on its port now."""
    try:
        procs = [psutil.Process(server.proc.pid), *psutil.Process(server.proc.pid).children(recursive=True)]
        return sum(
            1
            for p in procs
            for c in p.net_connections("tcp")
            if c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == server.port
        )
    except psutil.Error:
        return 0


def read_records(path: Path) -> dict:
    """A client's per-request records grouped by route (and ``Aggregated``), and its scheduler lag."""
    if not path.exists():
        raise SystemExit(f"the load client wrote no records ({path}); see {path.parent / 'client.log'}")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups: dict[str, list[dict]] = {"Aggregated": records}
    for record in records:
        groups.setdefault(record["route"], []).append(record)
    for record in records:
        if not record["ok"]:
            print(f"  error on {record['route']} after {record['ms']:.0f} ms: {record.get('error', '?')}", flush=True)
    probe = Path(f"{path}.probe.json")
    lags = json.loads(probe.read_text(encoding="utf-8")) if probe.exists() else []
    return {"groups": groups, "client_lag_p99": percentile(lags, 0.99)}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def summarize(records: list[dict], duration_s: int) -> dict:
    ms = [r["ms"] for r in records]
    server = [r["server_ms"] for r in records if r.get("server_ms") is not None]
    return {
        "requests": len(records),
        "failures": sum(not r["ok"] for r in records),
        "rps": len(records) / duration_s,
        "p50": percentile(ms, 0.5),
        "p95": percentile(ms, 0.95),
        "p99": percentile(ms, 0.99),
        "srv_p50": percentile(server, 0.5),
        "srv_p95": percentile(server, 0.95),
        "burst": burstiness([r["t"] for r in records]),
    }


def held(results: list[dict], p95_ms: float) -> dict | None:
    """The highest offered rate whose p95 stayed under ``p95_ms`` with no errors."""
    ok = [r for r in results if r["total"]["p95"] < p95_ms and r["total"]["failures"] == 0 and r["total"]["requests"]]
    return max(ok, key=lambda r: r["rate"]) if ok else None


def run_workers(args: argparse.Namespace, workers: int, rates: list[float]) -> dict:
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="assist-load-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    server = Server(data_dir, workers, args.llm_base_url, args.code_dir)
    print(f"server up in {time.monotonic() - started:.0f} s ({workers} worker(s), data {data_dir})", flush=True)
    results = []
    try:
        server.warm_up(workers)
        rss_start = rss_mb(server.proc.pid)
        for rate in rates:
            for arrivals, client in itertools.product(args.arrivals.split(","), args.client.split(",")):
                users = args.users or max(1, math.ceil(rate / args.agent_rate))
                load_before = os.getloadavg()[0]
                outcome = run_load(client, arrivals, server, rate, users, args.duration, args.out)
                groups = outcome["groups"]
                results.append(
                    {
                        "client": client,
                        "arrivals": arrivals,
                        "rate": rate,
                        "users": users,
                        "total": summarize(groups["Aggregated"], args.duration),
                        "routes": {n: summarize(g, args.duration) for n, g in groups.items() if n != "Aggregated"},
                        "locust_cpu_pct": 100 * outcome["locust_cpu_s"] / args.duration,
                        "client_lag_p99": outcome["client_lag_p99"],
                        "connections": outcome["connections"],
                        "server_cpu_pct": 100 * outcome["server_cpu_s"] / args.duration,
                        "rss_mb": rss_mb(server.proc.pid),
                        "loadavg": (load_before, os.getloadavg()[0]),
                    }
                )
                print_row(results[-1], workers, args.duration)
        rss_end = rss_mb(server.proc.pid)
    finally:
        server.stop()
    return {"workers": workers, "results": results, "rss_start_mb": rss_start, "rss_end_mb": rss_end}


HEADER = (
    f"{'arrivals':>8} {'client':>6} {'workers':>7} {'offered/s':>9} {'users':>5} {'burst':>5} {'done/s':>7} "
    f"{'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'srv p50':>7} {'srv p95':>7} "
    f"{'srv CPU':>7} {'CPU ms/req':>10} {'client CPU':>10} {'client lag':>10} {'conns':>5} {'RSS MiB':>8} "
    f"{'load avg':>9}"
)


def cpu_ms_per_request(r: dict, duration_s: int) -> float:
    """Server CPU time per request: holds under contention, where latency does not."""
    return r["server_cpu_pct"] / 100 * duration_s * 1000 / max(1, r["total"]["requests"])


def print_row(r: dict, workers: int, duration_s: int) -> None:
    t = r["total"]
    print(
        f"{r['arrivals']:>8} {r['client']:>6} {workers:>7} {r['rate']:>9g} {r['users']:>5} {t['burst']:>5} "
        f"{t['rps']:>7.1f} {t['requests']:>8} {t['failures']:>6} {t['p50']:>7.0f} {t['p95']:>7.0f} {t['p99']:>7.0f} "
        f"{t['srv_p50']:>7.0f} {t['srv_p95']:>7.0f} {r['server_cpu_pct']:>6.0f}% "
        f"{cpu_ms_per_request(r, duration_s):>10.1f} {r['locust_cpu_pct']:>9.0f}% {r['client_lag_p99']:>10.1f} "
        f"{r['connections']:>5} {r['rss_mb']:>8.0f} {r['loadavg'][0]:>4.1f}-{r['loadavg'][1]:<4.1f}",
        flush=True,
    )


def choices(allowed: tuple[str, ...]) -> Callable[[str], str]:
    """An option taking one of ``allowed`` or a comma-separated list of them."""

    def parse(value: str) -> str:
        names = [v.strip() for v in value.split(",") if v.strip()]
        unknown = [n for n in names if n not in allowed]
        if not names or unknown:
            raise argparse.ArgumentTypeError(f"{value!r}: use {', '.join(allowed)}, or several, comma-separated")
        return ",".join(names)

    return parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=8, help="offered requests per second (all users)")
    parser.add_argument("--sweep", help="comma-separated rates to try in one server run, e.g. 4,8,12")
    parser.add_argument("--agent-rate", type=float, default=0.5, help="requests per second per simulated agent")
    parser.add_argument("--users", type=int, default=0, help="locust users (default: rate / --agent-rate agents)")
    parser.add_argument(
        "--new-share", type=float, default=0.2, help="share of cards for a conversation not seen before (0-1)"
    )
    parser.add_argument(
        "--client",
        type=choices(("locust", "agents")),
        default="locust",
        help="load client: locust, agents (agents.py: asyncio + httpx, one connection per agent), or both in turn "
        "against the same server (locust,agents)",
    )
    parser.add_argument(
        "--arrivals",
        type=choices(ARRIVALS),
        default="poisson",
        help=f"when agents send (see above): {', '.join(ARRIVALS)}, or several, comma-separated",
    )
    parser.add_argument("--duration", type=int, default=60, help="seconds per rate")
    parser.add_argument("--workers", default="1", help="uvicorn worker processes; a list (1,2) runs each in turn")
    parser.add_argument("--p95", type=float, default=250, help="latency target for the 'held' row (ms)")
    parser.add_argument("--data-dir", type=Path, help="server data dir (default: a fresh temp dir per server)")
    parser.add_argument("--llm-base-url", help="an OpenAI-compatible endpoint (e.g. an instant stub)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load")
    parser.add_argument(
        "--code",
        choices=("tree", "head"),
        default="tree",
        help="the server runs the working tree, or a snapshot of the last commit (immune to edits saved meanwhile)",
    )
    args = parser.parse_args()
    args.code_dir = code_snapshot(args.code)

    args.out.mkdir(parents=True, exist_ok=True)
    NEW_SHARE[0] = args.new_share
    rates = [float(r) for r in args.sweep.split(",")] if args.sweep else [args.rate]
    worker_counts = [int(w) for w in str(args.workers).split(",")]
    print(
        f"load: {args.duration} s per rate, {'LLM ' + args.llm_base_url if args.llm_base_url else 'offline engines'}"
        f", {os.cpu_count()} CPUs shared with the load client; /v1/assist : /v1/qa/check : /v1/translate = 3 : 2 : 1; "
        f"{args.new_share:.0%} of cards for a conversation not seen before (the rest re-sent), each agent "
        f"{args.agent_rate:g} req/s, {args.arrivals} arrivals; client: {args.client}; server code: "
        f"{code_label(args.code)}\n"
        "users: simulated agents; burst: most sends in one 100 ms; srv p50/p95: the server's own time per request "
        "(Server-Timing); srv CPU: the server's processes, in % of one core; client lag: p99 ms the client's "
        "scheduler woke a 10 ms sleep late; conns: most open connections; load avg: 1-minute load before-after"
    )
    print(HEADER)
    try:
        runs = [run_workers(args, workers, rates) for workers in worker_counts]
    finally:
        if args.code_dir != ROOT:
            shutil.rmtree(args.code_dir.parent, ignore_errors=True)

    last_rate = runs[-1]["results"][-1]["rate"]
    for last in (r for r in runs[-1]["results"] if r["rate"] == last_rate):
        print(
            f"\nper route ({last['client']}, {last['arrivals']} arrivals, {runs[-1]['workers']} worker(s), "
            f"{last_rate:g} req/s offered):"
        )
        for name, t in sorted(last["routes"].items()):
            print(
                f"  {name:16} {t['requests']:>6} req  {t['failures']:>4} err  p50 {t['p50']:>5.0f}  "
                f"p95 {t['p95']:>5.0f}  p99 {t['p99']:>5.0f} ms  (server p50 {t['srv_p50']:>5.0f}  "
                f"p95 {t['srv_p95']:>5.0f} ms)"
            )
    print(f"\nhighest offered rate with p95 < {args.p95:g} ms and no errors:")
    print(
        f"{'arrivals':>8} {'client':>6} {'workers':>7} {'req/s':>6} {'users':>5} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'srv CPU':>7} {'CPU ms/req':>10} {'RSS MiB':>8} {'load avg':>9}"
    )
    for run in runs:
        for arrivals, client in itertools.product(args.arrivals.split(","), args.client.split(",")):
            rows = [r for r in run["results"] if r["client"] == client and r["arrivals"] == arrivals]
            best = held(rows, args.p95)
            if best is None:
                print(
                    f"{arrivals:>8} {client:>6} {run['workers']:>7} {'none':>6}   "
                    f"(no rate in {args.sweep or args.rate} held)"
                )
                continue
            t = best["total"]
            print(
                f"{arrivals:>8} {client:>6} {run['workers']:>7} {best['rate']:>6g} {best['users']:>5} "
                f"{t['p50']:>7.0f} {t['p95']:>7.0f} {best['server_cpu_pct']:>6.0f}% "
                f"{cpu_ms_per_request(best, args.duration):>10.1f} {best['rss_mb']:>8.0f} "
                f"{best['loadavg'][0]:>4.1f}-{best['loadavg'][1]:<4.1f}"
            )
    for run in runs:
        print(
            f"server RSS, {run['workers']} worker(s): {run['rss_start_mb']:.0f} MiB after warm-up -> "
            f"{run['rss_end_mb']:.0f} MiB at the end ({run['rss_end_mb'] - run['rss_start_mb']:+.0f} MiB)"
        )
    (args.out / f"load-{args.workers.replace(',', '+')}w-{int(time.time())}.json").write_text(
        json.dumps({"duration_s": args.duration, "p95_target_ms": args.p95, "runs": runs}, indent=2)
    )


if __name__ == "__main__":
    main()
