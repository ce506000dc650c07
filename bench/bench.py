#!/usr/bin/env python3
"""Helpers for bench/run.sh: seed tokens, parse wrk reports, write docs/performance.md."""
import json, os, re, sqlite3, sys, time

TICKS_AT_UNIX_EPOCH = 621355968000000000  # .NET ticks of 1970-01-01T00:00:00Z


def ticks(unix_seconds):
    return TICKS_AT_UNIX_EPOCH + int(unix_seconds * 10_000_000)


def seed(db, count):
    """Insert `count` past OTP tokens straight into OtpTokens (one transaction), like months of traffic."""
    count = int(count)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    cols = [r[1] for r in con.execute("PRAGMA table_info(OtpTokens)")]
    if not cols:
        sys.exit("no OtpTokens table in %s: were the migrations applied?" % db)
    now = time.time()
    start = now - 86400 * 30              # spread over the last 30 days, oldest first
    step = (86400 * 30 - 3600) / max(count, 1)
    statuses = ["Verified", "Expired", "Superseded", "SendFailed"]  # OtpStatus names
    code_hash = bytes(range(32))

    def rows():
        for i in range(count):
            created = start + i * step
            status = statuses[i % 4] if i % 10 else "Sent"
            yield {
                "PhoneNumber": "+98901%07d" % (i % 10_000_000),
                "CodeHash": code_hash,
                "CreatedAt": ticks(created),
                "ExpiresAt": ticks(created + 300),
                "Status": status,
                "FailedAttempts": i % 3 if status != "Verified" else 0,
                "VerifiedAt": ticks(created + 30) if status == "Verified" else None,
                "ClientIp": "10.%d.%d.%d" % ((i >> 16) & 255, (i >> 8) & 255, i & 255),
                "DeliveryProvider": "Log",
                "ProviderMessageId": str(i),
                "SentAt": ticks(created + 1),
                "Version": 0,
            }

    names = [c for c in ["PhoneNumber", "CodeHash", "CreatedAt", "ExpiresAt", "Status", "FailedAttempts",
                         "VerifiedAt", "ClientIp", "DeliveryProvider", "ProviderMessageId", "SentAt", "Version"]
             if c in cols]
    sql = "INSERT INTO OtpTokens (%s) VALUES (%s)" % (",".join(names), ",".join("?" * len(names)))
    with con:
        con.executemany(sql, (tuple(r[n] for n in names) for r in rows()))
    con.close()


def seed_pg(count):
    """Print the SQL that inserts `count` past tokens into PostgreSQL's OtpTokens: the rows seed() writes to SQLite."""
    count = int(count)
    now = time.time()
    start = now - 86400 * 30
    step = (86400 * 30 - 3600) / max(count, 1)
    print("""INSERT INTO "OtpTokens" ("PhoneNumber", "CodeHash", "CreatedAt", "ExpiresAt", "Status", "FailedAttempts",
  "FailedAttemptsWithoutId", "VerifiedAt", "ClientIp", "DeliveryProvider", "ProviderMessageId", "SentAt", "Version")
SELECT '+98901' || lpad((i %% 10000000)::text, 7, '0'), decode('%s', 'hex'), created, created + 3000000000, status,
  CASE WHEN status = 'Verified' THEN 0 ELSE i %% 3 END, 0,
  CASE WHEN status = 'Verified' THEN created + 300000000 END,
  '10.' || ((i >> 16) & 255) || '.' || ((i >> 8) & 255) || '.' || (i & 255), 'Log', i::text, created + 10000000, 0
FROM (SELECT i, %d + (i * %r)::bigint AS created,
        CASE WHEN i %% 10 = 0 THEN 'Sent' ELSE (ARRAY['Verified', 'Expired', 'Superseded', 'SendFailed'])[i %% 4 + 1] END AS status
      FROM generate_series(0, %d) AS i) AS t;""" % (bytes(range(32)).hex(), ticks(start), step * 10_000_000, count - 1))


# The operator's site file, changed only where this machine differs from a server, exactly as the tests' NginxProxy
# (tests/Pilito.Web.Tests/Support/NginxProxy.cs) changes it: upstream ports, listen addresses, certificate paths.
def nginx_site(site, folder, port1, port2, https_port, http_port):
    text = open(site).read()
    changes = [
        ("server 127.0.0.1:5001 ", "server 127.0.0.1:%s " % port1),
        ("server 127.0.0.1:5002 ", "server 127.0.0.1:%s " % port2),
        ("listen 443 ssl http2;", "listen 127.0.0.1:%s ssl http2;" % https_port),
        ("listen [::]:443 ssl http2;\n", ""),
        ("listen 80;", "listen 127.0.0.1:%s;" % http_port),
        ("listen [::]:80;\n", ""),
        ("/etc/letsencrypt/live/auth.example.ir/fullchain.pem", os.path.join(folder, "certificate.pem")),
        ("/etc/letsencrypt/live/auth.example.ir/privkey.pem", os.path.join(folder, "key.pem")),
    ]
    for old, new in changes:
        if old not in text:
            sys.exit('%s no longer has "%s": update bench/bench.py (nginx_site) and the tests\' NginxProxy with it'
                     % (site, old.strip()))
        text = text.replace(old, new)
    open(os.path.join(folder, "pilito.conf"), "w").write(text)


def pg_stats(results, label, phase, secs, *counters):
    """The database's side of a PostgreSQL measurement: the counters (run.sh pg_counters) before and after it."""
    c0, r0, _, s0, d0, c1, r1, n1, s1, d1 = (int(x) for x in counters)
    data = json.load(open(results))
    data[label][phase]["pg"] = {"commits_per_s": (c1 - c0) / float(secs), "rollbacks": r1 - r0,
                                "serialization_failures": s1 - s0, "deadlocks": d1 - d0, "connections": n1}
    json.dump(data, open(results, "w"), indent=1)
    p = data[label][phase]["pg"]
    print("  %-12s %-12s %9.0f commits/s  %d rolled back  %d serialization failures  %d deadlocks  %d connections" % (
        "", "(database)", p["commits_per_s"], p["rollbacks"], p["serialization_failures"], p["deadlocks"], n1))


CPU_GROUPS = ("pilito", "postgres", "nginx")


def cpu_sample(*server_pids):
    """One line of jiffies so far: the machine's total and idle (/proc/stat), then Pilito's instances, PostgreSQL's
    processes and nginx's (utime + stime). wrk's own share is in the rest: it has exited when the second sample runs."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    used = dict.fromkeys(CPU_GROUPS, 0)
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = open("/proc/%s/stat" % pid).read()
        except OSError:
            continue   # it exited since the listing
        comm, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        group = "pilito" if pid in server_pids else comm if comm in ("postgres", "nginx") else None
        if group:
            used[group] += int(rest[11]) + int(rest[12])
    print(" ".join(str(v) for v in [sum(fields[:8]), fields[3] + fields[4]] + [used[g] for g in CPU_GROUPS]))


def cpu_stats(results, label, phase, *samples):
    """Where the machine's cores went during a measurement: cores busy in each group, the rest and idle."""
    half = len(samples) // 2
    delta = [int(b) - int(a) for a, b in zip(samples[:half], samples[half:])]
    total, idle, groups = delta[0], delta[1], delta[2:]
    cores = os.cpu_count()
    share = {g: cores * v / float(total) for g, v in zip(CPU_GROUPS, groups)}
    share["idle"] = cores * idle / float(total)
    share["rest"] = cores - share["idle"] - sum(share[g] for g in CPU_GROUPS)
    data = json.load(open(results))
    data[label][phase]["cpu"] = share
    json.dump(data, open(results, "w"), indent=1)
    print("  %-12s %-12s %s (cores)" % ("", "(cpu)", "  ".join("%s %.2f" % kv for kv in share.items())))


def upstreams(results, label, access_log):
    """Which instance answered the proxied requests (nginx's log: status, upstream address), and the statuses."""
    by_upstream, statuses = {}, {}
    for line in open(access_log):
        status, _, upstream = line.strip().partition(" ")
        upstream = upstream.split(",")[-1].strip()   # "a, b": a was tried first, b answered
        if upstream in ("", "-"):
            continue   # answered by nginx itself: run.sh's probe of /health/ (404)
        if status.startswith("2"):   # a starved instance shows as few 2xx, though nginx sends it half the requests
            by_upstream[upstream] = by_upstream.get(upstream, 0) + 1
        statuses[status] = statuses.get(status, 0) + 1
    data = json.load(open(results))
    data[label]["upstreams"] = by_upstream
    data[label]["statuses"] = statuses
    json.dump(data, open(results, "w"), indent=1)
    print("   answered by: %s; statuses: %s" % (by_upstream, statuses))


def log_check(results, label, *logs):
    """What the instances logged (Warning and up) during a PostgreSQL configuration, sorted into what it means."""
    found = {"conflicts": 0, "rounds_given_up": 0, "requests_in_them": 0, "refused_busy": 0, "other_errors": 0}
    kinds = {}   # other errors: logger and first exception named in the entry -> how many
    for log in logs:
        entries, entry = [], None
        for line in open(log, errors="replace"):
            if re.match(r"^(trce|dbug|info|warn|fail|crit): ", line):
                entry = [line]
                entries.append(entry)
            elif entry is not None:
                entry.append(line)
        for e in entries:
            text = "".join(e)
            level = e[0][:4]
            if "GroupCommitWriter" in e[0] and "round of" in text and "failed" in text:
                found["rounds_given_up"] += 1   # every retry lost: its requests were answered with an error
                m = re.search(r"round of (\d+) requests", text)
                found["requests_in_them"] += int(m.group(1)) if m else 0
            elif "refused as busy" in text:
                found["refused_busy"] += 1      # waited longer than Database:WriteQueueTimeout: answered 503
            elif level in ("fail", "crit") and ("40001" in text or "40P01" in text or "Command[20102]" in e[0]):
                found["conflicts"] += 1         # EF logs each failed statement; the round runs again
            elif level in ("fail", "crit"):
                found["other_errors"] += 1
                exception = re.search(r"([\w.]+(?:Exception|Error))\b", text)
                kind = "%s %s" % (e[0].split()[1], exception.group(1) if exception else "")
                kinds[kind] = kinds.get(kind, 0) + 1
    data = json.load(open(results))
    found["kinds"] = kinds
    data[label]["instance_logs"] = found
    json.dump(data, open(results, "w"), indent=1)
    print("   instance logs: %d error entries from serialization failures (rounds run again), %d rounds given up after "
          "their retries (%d requests), %d writes refused as busy, %d other errors" % (
              found["conflicts"], found["rounds_given_up"], found["requests_in_them"], found["refused_busy"],
              found["other_errors"]))
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print("     %d × %s" % (n, kind))


def deep_cursor(db, fraction):
    """The `after=` cursor of a page `fraction` of the way down the newest-first token list (key_id)."""
    con = sqlite3.connect(db)
    n = con.execute("SELECT COUNT(*) FROM OtpTokens").fetchone()[0]
    row = con.execute("SELECT CreatedAt, Id FROM OtpTokens ORDER BY CreatedAt DESC, Id DESC LIMIT 1 OFFSET ?",
                      (int(n * float(fraction)),)).fetchone()
    print("%d_%d" % row)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(path):
    text = open(path).read()
    out = {"rps": None, "p50": None, "p99": None, "non2xx": 0, "requests": None, "errors": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m: out["rps"] = float(m.group(1))
    for pct, key in (("50", "p50"), ("99", "p99")):
        m = re.search(r"^\s+%s(?:\.000)?%%\s+([\d.]+)(us|ms|s|m)\s*$" % pct, text, re.M)
        if m: out[key] = float(m.group(1)) * UNITS[m.group(2)]
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m: out["non2xx"] = int(m.group(1))
    m = re.search(r"(\d+) requests in", text)
    if m: out["requests"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m: out["errors"] = sum(int(x) for x in m.groups())
    m = re.search(r"flood statuses: 200=(\d+) 429=(\d+) 503=(\d+) other=(\d+)", text)  # bench/flood.lua's done()
    if m: out["statuses"] = dict(zip(("200", "429", "503", "other"), (int(x) for x in m.groups())))
    return out


def record(results, size, phase, wrk_out, hwm_kb, flood_out=None):
    data = json.load(open(results)) if os.path.exists(results) else {}
    r = parse_wrk(wrk_out)
    r["peak_mb"] = round(int(hwm_kb) / 1024, 1) if hwm_kb else None
    if flood_out:  # the load that ran beside this measurement (one phone, many connections): kept with its pass
        r["flood"] = parse_wrk(flood_out)
    # Each size is measured in more than one pass, far apart in time (run.sh alternates the sizes): a shared machine
    # drifts by tens of per cent between minutes, so the report keeps each measurement's least disturbed pass.
    # The targets table is judged on every pass (the slowest one), so each pass's figures are kept as well.
    earlier = data.setdefault(size, {}).get(phase)
    every = (earlier or {}).get("every", []) + [{k: r[k] for k in ("rps", "p99", "non2xx", "errors", "peak_mb")}]
    if earlier is None or (r["rps"] or 0) > (earlier["rps"] or 0):
        data[size][phase] = r
    data[size][phase]["every"] = every
    data[size][phase]["passes"] = len(every)
    json.dump(data, open(results, "w"), indent=1)
    print("  %-12s %-12s %9.0f req/s  p50 %8.2f ms  p99 %8.2f ms  non-2xx %d  errors %d  peak %s MB" % (
        size, phase, r["rps"] or 0, r["p50"] or 0, r["p99"] or 0, r["non2xx"], r["errors"], r["peak_mb"]))
    if flood_out:
        f = r["flood"]
        print("  %-12s %-12s %9.0f req/s  p50 %8.2f ms  p99 %8.2f ms  %s  errors %d" % (
            size, "(the flood)", f["rps"] or 0, f["p50"] or 0, f["p99"] or 0,
            " ".join("%s: %d" % kv for kv in (f.get("statuses") or {}).items()), f["errors"]))


def codes(results, size, count):
    """Remember how many valid codes the setup phase collected for the verify run (the fewest over the passes)."""
    data = json.load(open(results)) if os.path.exists(results) else {}
    known = data.setdefault("codes", {}).get(size)
    data["codes"][size] = int(count) if known is None else min(known, int(count))
    json.dump(data, open(results, "w"), indent=1)


def sync_probe(results, directory, count="200"):
    """Time a 4 KiB write + fdatasync on the database's filesystem: what one synchronous=FULL commit waits for."""
    path = os.path.join(directory, "sync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        block = b"\0" * 4096
        took = []
        for _ in range(int(count)):
            started = time.perf_counter()
            os.write(fd, block)
            os.fdatasync(fd)
            took.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(fd)
        os.unlink(path)
    took.sort()
    data = json.load(open(results)) if os.path.exists(results) else {}
    data["sync_ms"] = {"p50": took[len(took) // 2], "p99": took[int(len(took) * 0.99) - 1]}
    json.dump(data, open(results, "w"), indent=1)
    print("   write + fdatasync: p50 %.2f ms, p99 %.2f ms" % (data["sync_ms"]["p50"], data["sync_ms"]["p99"]))


def ratio(a, b):
    if a is None or not b:
        return "n/a"
    r = a / b
    return "%.2f" % r if r >= 0.1 else "%.2g" % r  # OTP / ceiling can be ~0.01: keep two significant digits


def fmt(v, nd=0):
    return "n/a" if v is None else ("{:,.%df}" % nd).format(v)


def report(results, out, small, large, command, note):
    data = json.load(open(results))
    s, l = data[small], data[large]
    cpu = "unknown"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip(); break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
    lines = []
    w = lines.append
    w("# Performance")
    w("")
    if note:
        w("> **%s**" % note)
        w("")
    w("- Date: %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    w("- Machine: %s, %d cores, %.1f GiB RAM (%s)" % (cpu, os.cpu_count(), mem_kb / 1048576, os.uname().sysname + " " + os.uname().release))
    w("- Command: `%s`" % command)
    w("- Load: wrk, 2 threads, 32 connections, %s per measurement; server = Release build, SQLite, SMS to the log, "
      "environment Testing, `Database:SqliteSynchronous=%s`, send limits raised out of the way; each measurement "
      "follows %s of the same load, unmeasured, so the JIT has finished tiering the path." % (
          os.environ.get("BENCH_DURATION", "10s"), os.environ.get("BENCH_SYNCHRONOUS", "Full"), os.environ.get("BENCH_WARMUP", "5s")))
    w("- Scale: `%s` and `%s` existing tokens seeded into `OtpTokens` before the server starts." % (small, large))
    w("- Passes: the sizes are measured in the order %s, each on a fresh database and server; every figure is the "
      "pass with the most requests per second (a shared machine drifts by tens of per cent from one minute to the next)."
      % os.environ.get("BENCH_ORDER", "?"))
    sync = data.get("sync_ms")
    if sync:
        w("- Storage: a 4 KiB write + `fdatasync` in the database's directory took %.2f ms (p50), %.2f ms (p99) at the "
          "start of the run. With `Full`, each write round commits with one such sync, so both POST paths follow "
          "this figure from one machine to the next." % (sync["p50"], sync["p99"]))
    got = data.get("codes", {})
    w("- Valid codes collected for the verify runs: %s at %s tokens, %s at %s tokens." % (
        got.get(small, "n/a"), small, got.get(large, "n/a"), large))
    w("")
    w("## Headline ratios")
    w("")
    w("| Ratio | at %s tokens | at %s tokens |" % (small, large))
    w("|---|---|---|")
    for phase, label in (("otp", "`POST /otp` req/s ÷ ceiling (`/health/live`)"),
                         ("verify", "`POST /otp/verify` req/s ÷ ceiling")):
        w("| %s | %s | %s |" % (label, ratio(s[phase]["rps"], s["health"]["rps"]), ratio(l[phase]["rps"], l["health"]["rps"])))
    w("")
    w("| %s ÷ %s tokens | req/s | p50 | p99 | peak memory |" % (large, small))
    w("|---|---|---|---|---|")
    for phase in ("health", "otp", "otp_flood", "verify", "admin_first", "admin_deep"):
        if phase in s and phase in l:
            w("| %s | %s | %s | %s | %s |" % (LABELS[phase], ratio(l[phase]["rps"], s[phase]["rps"]),
                ratio(l[phase]["p50"], s[phase]["p50"]), ratio(l[phase]["p99"], s[phase]["p99"]),
                ratio(l[phase]["peak_mb"], s[phase]["peak_mb"])))
    w("")
    w("## Absolute numbers")
    w("")
    w("| Endpoint | Tokens | req/s | p50 ms | p99 ms | non-2xx | socket errors | server peak MB |")
    w("|---|---|---|---|---|---|---|---|")
    for phase in ("health", "otp", "otp_flood", "verify", "admin_first", "admin_deep"):
        for size in (small, large):
            r = data[size].get(phase)
            if r:
                w("| %s | %s | %s | %s | %s | %s | %s | %s |" % (LABELS[phase], size, fmt(r["rps"]), fmt(r["p50"], 2),
                    fmt(r["p99"], 2), r["non2xx"], r["errors"], fmt(r["peak_mb"], 1)))
    w("")
    lines.extend(flooded(data, small, large))
    lines.extend(targets(data, small, large))
    lines.extend(postgresql(data, small))
    w("## How to read this")
    w("")
    w("- **Ceiling**: `/health/live` does no database work, so its rate is what this machine, Kestrel and wrk manage "
      "together. `OTP ÷ ceiling` is the share of that the sign-in path keeps; it transfers between machines better "
      "than the absolute rates do.")
    w("- **1M ÷ 10k** (or the sizes above): 1.00 means the endpoint does not slow down as the token table grows. "
      "For req/s lower is worse; for latency and memory higher is worse.")
    w("- Every `POST /otp` uses a phone never seen before; every verify posts a valid, unused code obtained in a setup "
      "phase (codes revealed by `Otp:RevealCodes` outside Production). Non-2xx should be 0; a verify non-2xx count "
      "means the setup phase produced too few codes for the run.")
    w("- *One phone flooded*: the OTP path again, for new phones, while a second wrk hammers one phone number from "
      "many connections (see that section). Its req/s and latency are the normal requests'; the flood's own are "
      "in the section.")
    w("- Admin pages: the token list's first page, and a page about halfway down the list (keyset `after=` cursor), "
      "signed in as staff.")
    w("- Peak memory is the server's VmHWM, reset before each measurement where the kernel allows it "
      "(`/proc/<pid>/clear_refs`).")
    w("- wrk and the server share the machine's cores, so absolute numbers are lower bounds; compare ratios.")
    w("")
    analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
    if os.path.exists(analysis):  # the profile and what was tried: written by hand, kept with the figures
        w(open(analysis).read().rstrip())
        w("")
    open(out, "w").write("\n".join(lines))


def flooded(data, small, large):
    """Normal OTP requests alone and while one phone is flooded (issue #14, floods bounded), with the flood's own answers."""
    rows = []
    for size in (small, large):
        alone, under = data[size].get("otp"), data[size].get("otp_flood")
        if not alone or not under:
            continue
        f = under.get("flood") or {}
        st = f.get("statuses") or {}
        answered = sum(st.values()) or None
        share = lambda code: "n/a" if not answered else "%.1f%%" % (100.0 * st.get(code, 0) / answered)
        rows.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            size, fmt(alone["rps"]), fmt(alone["p99"], 2), fmt(under["rps"]), fmt(under["p50"], 2), fmt(under["p99"], 2),
            under["non2xx"] + under["errors"], fmt(f.get("rps")), "%s / %s" % (share("429"), share("503")), fmt(f.get("p99"), 2)))
    if not rows:
        return []
    conns = os.environ.get("BENCH_FLOOD_CONNECTIONS", "512")
    return ["## One phone flooded", "",
            "`POST /otp` for new phones (wrk, 2 threads, 32 connections) while another wrk sends `POST /otp` for one and "
            "the same phone from %s connections (`bench/flood.lua`), started a second before the measurement and "
            "ending after it. Past its first codes that phone is refused with 429 (or, waiting too long behind its own "
            "earlier writes, 503); the figure to watch is the normal requests' p99 beside the same path measured "
            "alone just before, in the same pass." % conns, "",
            "| Tokens | alone req/s | alone p99 ms | flooded req/s | flooded p50 ms | flooded p99 ms | flooded non-2xx "
            "| flood req/s | flood 429 / 503 | flood p99 ms |",
            "|---|---|---|---|---|---|---|---|---|---|"] + rows + [""]


MIN_RPS, MAX_P99_MS, MAX_SCALE, MAX_PEAK_MB = 6000, 25, 1.3, 300


def targets(data, small, large):
    """The issue's targets, judged on the slowest pass of every measurement (not the best pass shown above)."""
    def passes(phase):
        return [p for size in (small, large) for p in data[size].get(phase, {}).get("every", [])]

    def verdict(ok):
        return "Met" if ok else "**Not met**"

    rows = []
    for phase, label in (("otp", "`POST /otp`"), ("verify", "`POST /otp/verify`")):
        every = passes(phase)
        slowest = min(p["rps"] or 0 for p in every)
        fastest = max(p["rps"] or 0 for p in every)
        worst_p99 = max(p["p99"] or float("inf") for p in every)
        failed = sum(p["non2xx"] + p["errors"] for p in every)
        rows.append("| %s ≥ %s req/s | %s: %s–%s req/s over %d measurements (every pass of both sizes) |" % (
            label, fmt(MIN_RPS), verdict(slowest >= MIN_RPS), fmt(slowest), fmt(fastest), len(every)))
        rows.append("| %s p99 ≤ %d ms, zero non-2xx | %s: p99 at most %.2f ms, %d non-2xx or socket errors |" % (
            label, MAX_P99_MS, verdict(worst_p99 <= MAX_P99_MS and failed == 0), worst_p99, failed))
    worst = []
    for phase in ("otp", "verify", "admin_first", "admin_deep"):
        s, l = data[small].get(phase), data[large].get(phase)
        if s and l and s["rps"] and l["rps"] and s["p99"] and l["p99"] and s["p50"] and l["p50"]:
            worst.append((max(s["rps"] / l["rps"], l["p50"] / s["p50"], l["p99"] / s["p99"]), LABELS[phase]))
    factor, where = max(worst)
    rows.append("| %s tokens within %.1f× of %s (OTP path, admin list: req/s, p50, p99) | %s: at most %.2f× (%s) |" % (
        fmt(int(large)), MAX_SCALE, fmt(int(small)), verdict(factor <= MAX_SCALE), factor, where))
    peak = max(p["peak_mb"] or 0 for size in (small, large) for r in data[size].values() for p in r.get("every", []))
    rows.append("| Peak memory under load ≤ %d MB | %s: %.1f MB at most |" % (MAX_PEAK_MB, verdict(peak <= MAX_PEAK_MB), peak))
    rows.append("| Answered requests survive `kill -9` (codes and sign-ins) | Shown by the tests, not here: nothing is "
                "answered before its commit, in either sync mode (`Hardening/CrashTests`) |")
    if os.environ.get("BENCH_SYNCHRONOUS", "Full") != "Full":
        rows.append("| Answered requests survive a power cut | **Not in this run**: `Database:SqliteSynchronous=%s` "
                    "(see Durability below) |" % os.environ["BENCH_SYNCHRONOUS"])
    return ["## Against the targets", "",
            "Judged on every pass of every size (the slowest pass, the highest p99), not only the best passes above.", "",
            "| Target (SQLite, 2 cores, wrk on the same box) | Status |", "|---|---|"] + rows + [""]


NOISE = 0.10      # a PostgreSQL configuration is measured once: two figures closer than this are not told apart
HEAVY = "_heavy"   # run.sh measure_configuration: the same configuration at BENCH_PG_HEAVY_CONNECTIONS


def postgresql(data, small):
    """The PostgreSQL pass (issue #16): one instance against SQLite, two instances behind nginx against one behind it."""
    one, two, lite = data.get("pg_one"), data.get("pg_two"), data[small]
    if not one or not two:
        return []
    heavy_conns = os.environ.get("BENCH_PG_HEAVY_CONNECTIONS", "128")
    loads = (("", "32 connections"), (HEAVY, "%s connections" % heavy_conns))
    phases = (("otp", "`POST /api/v1/usr/otp`"), ("verify", "`POST /api/v1/usr/otp/verify`"))
    configurations = (("one instance", "pg_one"), ("one behind nginx", "pg_one_proxy"), ("two behind nginx", "pg_two"))
    rows, db_rows, cpu_rows, aims = [], [], [], []

    def good(r):
        # answers that succeeded, per second: a fast failure (a used code, a 503) must not count as throughput
        if not r or not r["rps"] or not r["requests"]:
            return None
        return r["rps"] * max(r["requests"] - r["non2xx"], 0) / r["requests"]

    def cell(r):
        return "n/a" if not r else "%s (%s / %s)" % (fmt(good(r)), fmt(r["p50"], 2), fmt(r["p99"], 2))

    for suffix, load in loads:
        for phase, label in phases:
            s = lite.get(phase) if not suffix else None   # SQLite is measured at 32 connections only
            o, p1, t = ((data.get(key + suffix) or {}).get(phase) for _, key in configurations)
            if not (o or p1 or t):
                continue
            rows.append("| %s, %s | %s | %s | %s | %s | %s | %s | %s |" % (
                label, load, cell(s) if s else "–", cell(o), cell(p1), cell(t), ratio(good(o), good(s)) if s else "–",
                ratio(good(t), good(p1)), " / ".join("%d" % (r["non2xx"] + r["errors"]) if r else "n/a" for r in (o, p1, t))))
            for (name, _), r in zip(configurations, (o, p1, t)):
                p = (r or {}).get("pg")
                if p:
                    db_rows.append("| %s, %s, %s | %s | %s | %d | %d | %d |" % (label, name, load, fmt(p["commits_per_s"]),
                        fmt(p["rollbacks"]), p["serialization_failures"], p["deadlocks"], p["connections"]))
                c = (r or {}).get("cpu")
                if c:
                    cpu_rows.append("| %s, %s, %s | %s |" % (label, name, load, " | ".join(
                        "%.2f" % c[k] for k in CPU_GROUPS + ("rest", "idle"))))
            if s and good(s) and good(o):
                half = good(o) / good(s)
                aims.append("| %s: one instance on PostgreSQL ≥ 0.5 × SQLite (%s) | %s: %.2f× (%s against %s req/s) |" % (
                    label, load, "Met" if half >= 0.5 else "**Not met**", half, fmt(good(o)), fmt(good(s))))
            if good(t) and (good(p1) or good(o)):
                # Through the same proxy on both sides: what the second instance adds, not what TLS and the hop cost.
                base, against = (good(p1), "one behind nginx") if good(p1) else (good(o), "one instance, no proxy")
                more = good(t) / base
                verdict = "Met" if more > 1 + NOISE else "**Not met** (even, within noise)" if more >= 1 - NOISE \
                    else "**Not met**"
                aims.append("| %s: two instances faster than one (%s) | %s: %.2f× (%s against %s req/s, %s%s) |" % (
                    label, load, verdict, more, fmt(good(t)), fmt(base), against,
                    "; %.2f× one without the proxy" % (good(t) / good(o)) if good(o) else ""))
    split = two.get("upstreams") or {}
    answered = sum(split.values()) or 1
    shares = ", ".join("%s %.0f%%" % (k, 100.0 * v / answered) for k, v in sorted(split.items()))
    statuses = two.get("statuses") or {}
    cut = statuses.get("499", 0)
    others = ", ".join("%s × %d" % kv for kv in sorted(statuses.items()) if not kv[0].startswith("2") and kv[0] != "499")
    lines = ["## PostgreSQL: one instance, and two behind nginx", "",
             "The same two paths, the same scripts and code collection, on a throwaway PostgreSQL 15 cluster on this "
             "machine (`bench/run.sh` starts it as the tests do: PostgreSQL's defaults, `fsync` and "
             "`synchronous_commit` on, so every commit waits for the disk as SQLite's `Full` does; `max_connections` "
             "200). Each configuration runs on a new database, migrated with `pilito migrate` and seeded with %s past "
             "tokens. The code collection (three times the measured time, unmeasured) runs first and is `POST /otp`'s "
             "warm-up: at these rates the JIT needs tens of seconds, not the SQLite pass's 5. Each configuration is "
             "measured **once** (one pass, after the SQLite passes), so its figures carry the "
             "machine's drift that the SQLite passes average out; the SQLite figure beside them is the best pass at "
             "%s tokens, which makes the ratio the stricter one. *Two behind nginx*: two instances on one database, "
             "wrk sending https to nginx (`deploy/nginx/pilito.conf`, TLS, round robin, one worker per core), with "
             "nginx, both instances, PostgreSQL and wrk on the same two cores. *One behind nginx*: the same with one "
             "instance (both of the site's upstreams are it), so that *two ÷ one* compares the same path with one "
             "instance and with two. Each configuration is measured at two loads: the SQLite pass's 32 connections, "
             "then (after a code collection of its own) %s connections. At 32, each request's time is mostly waiting "
             "for its write rounds, so the rate is 32 divided by that latency; the heavier load puts more requests in "
             "each round, and shows what the configuration can carry rather than how long one request waits." % (
                 small, small, heavy_conns), "",
             "Rates here are 2xx answers per second (a verify that runs out of collected codes, or a request answered "
             "503, is fast and would otherwise count).", "",
             "| Endpoint, load | SQLite 2xx/s (p50 / p99 ms) | PostgreSQL, one instance | one behind nginx "
             "| two behind nginx | one ÷ SQLite | two ÷ one (behind nginx) | non-2xx + socket errors (one / one "
             "behind nginx / two) |",
             "|---|---|---|---|---|---|---|---|"] + rows + [""]
    if split:
        lines += ["Through nginx (every request of that configuration, warm-up and code collection included), the "
                  "2xx answers came from: %s (nginx sends each instance half the requests: a lopsided share means one "
                  "instance was starved). Other answers: %s; and %d requests still waiting when a wrk run ended and "
                  "closed its connections (logged 499): a request that waits past the end of a run shows in no "
                  "figure above." % (shares, others or "none", cut), ""]
    logs = [(name, (data.get(key) or {}).get("instance_logs")) for name, key in configurations]
    if any(found for _, found in logs):
        lines += ["What the instances logged over each configuration (Warning and up): EF's error entries for "
                  "statements that failed with a serialization failure (the round then runs again), rounds given up "
                  "after `PostgreSqlRetries.MaxRetryCount` tries (their requests answered with an error), writes "
                  "refused as busy after `Database:WriteQueueTimeout` (503), and any other error.", "",
                  "| Configuration | serialization-failure entries | rounds given up (requests) | writes refused as busy "
                  "| other errors |", "|---|---|---|---|---|"]
        lines += ["| %s | %d | %d (%d) | %d | %d |" % (name, f["conflicts"], f["rounds_given_up"], f["requests_in_them"],
                  f["refused_busy"], f["other_errors"]) for name, f in logs if f] + [""]
    lines += ["The database during each measurement: transactions committed per second (reads included; "
              "`pg_stat_database`, which busy connections report about once a second), transactions rolled back, "
              "serialization failures and deadlocks in the server's log (each a round of writes that the instance "
              "runs again from its start), and connections open to the database at the end.", "",
              "| Measurement | commits/s | rolled back | serialization failures | deadlocks | connections |",
              "|---|---|---|---|---|---|"] + db_rows + [""]
    if cpu_rows:
        lines += ["Where the machine's %d cores went during each measurement, in cores (`/proc`: the Pilito instances "
                  "together, PostgreSQL's processes, nginx's workers; *rest* is wrk and anything else on the machine)."
                  " Idle time means the configuration was not short of CPU: its limit was a wait (a round's trips to "
                  "the database and its commit, one round at a time)." % os.cpu_count(), "",
                  "| Measurement | Pilito | PostgreSQL | nginx | rest | idle |", "|---|---|---|---|---|---|"]
        lines += cpu_rows + [""]
    lines += ["| Aim (issue #16), judged on this run's figures | Status |", "|---|---|"] + aims + ["",
              "How throughput grows with instances, where the database becomes the limit and what an operator does "
              "then: *PostgreSQL and more than one instance*, below.", ""]
    return lines


LABELS = {"health": "`GET /health/live` (ceiling)", "otp": "`POST /api/v1/usr/otp`",
          "otp_flood": "`POST /api/v1/usr/otp`, one phone flooded meanwhile",
          "verify": "`POST /api/v1/usr/otp/verify`", "admin_first": "admin token list, first page",
          "admin_deep": "admin token list, deep page"}

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"seed": seed, "codes": codes, "sync-probe": sync_probe, "deep-cursor": deep_cursor, "record": record, "report": report,
     "seed-pg": seed_pg, "nginx-site": nginx_site, "pg-stats": pg_stats, "upstreams": upstreams,
     "log-check": log_check, "cpu-sample": cpu_sample, "cpu-stats": cpu_stats}[cmd](*args)
