#!/usr/bin/env bash
# Pilito benchmark: builds Release, runs the server on fresh SQLite files (10k and BENCH_LARGE seeded tokens),
# drives it with wrk and writes docs/performance.md. The OTP path is also measured while one phone is flooded from
# BENCH_FLOOD_CONNECTIONS (512) connections at once (bench/flood.lua). Then a PostgreSQL pass: the two POST paths
# on a throwaway PostgreSQL 15 cluster, with one instance, then one and two instances behind nginx (TLS, the
# operator's deploy/nginx/pilito.conf). Usage (from the repository root):
#   bash bench/run.sh                          # full run (~12 minutes): 10s per measurement, 10k vs 1,000,000 tokens
#   BENCH_DURATION=3s BENCH_LARGE=100000 BENCH_PASSES=1 bash bench/run.sh   # smoke run (~3 minutes)
# Optional: BENCH_SMALL (10000), BENCH_PASSES (2: the sizes twice, alternating), BENCH_WARMUP (5s of unmeasured
# load before each measurement), BENCH_OUT (docs/performance.md), BENCH_NOTE (a line printed atop the report),
# BENCH_SYNCHRONOUS (Full: the server's Database:SqliteSynchronous; Normal measures the power-cut trade-off),
# BENCH_POSTGRESQL (1; 0 skips the PostgreSQL pass and its installs), BENCH_PG_HEAVY_CONNECTIONS (128: the
# PostgreSQL configurations' second load, see measure_configuration).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
DURATION="${BENCH_DURATION:-10s}"
SMALL="${BENCH_SMALL:-10000}"
LARGE="${BENCH_LARGE:-1000000}"
OUT="${BENCH_OUT:-$ROOT/docs/performance.md}"
PASSES="${BENCH_PASSES:-2}"             # 1: each size once; 2: small, large, large, small
SYNCHRONOUS="${BENCH_SYNCHRONOUS:-Full}"
export BENCH_SYNCHRONOUS="$SYNCHRONOUS"
THREADS=2
CONNS=32
HEAVY_CONNS="${BENCH_PG_HEAVY_CONNECTIONS:-128}"
export BENCH_DURATION="$DURATION" BENCH_WARMUP="${BENCH_WARMUP:-5s}" WRK_THREADS="$THREADS"
COMMAND="BENCH_DURATION=$DURATION BENCH_SMALL=$SMALL BENCH_LARGE=$LARGE BENCH_WARMUP=${BENCH_WARMUP:-5s} BENCH_PASSES=${BENCH_PASSES:-2}"
[[ "$SYNCHRONOUS" != Full ]] && COMMAND="$COMMAND BENCH_SYNCHRONOUS=$SYNCHRONOUS"
POSTGRESQL="${BENCH_POSTGRESQL:-1}"
[[ "$POSTGRESQL" != 1 ]] && COMMAND="$COMMAND BENCH_POSTGRESQL=$POSTGRESQL"
[[ "$HEAVY_CONNS" != 128 ]] && COMMAND="$COMMAND BENCH_PG_HEAVY_CONNECTIONS=$HEAVY_CONNS"
export BENCH_PG_HEAVY_CONNECTIONS="$HEAVY_CONNS"
COMMAND="$COMMAND bash bench/run.sh"
if [[ -z "${BENCH_NOTE:-}" && ( "$DURATION" != "10s" || "$LARGE" != "1000000" || "$SMALL" != "10000" || "$PASSES" != 2 || "$SYNCHRONOUS" != Full || "$POSTGRESQL" != 1 || "$HEAVY_CONNS" != 128 ) ]]; then
  BENCH_NOTE="Smoke run with non-default parameters ($COMMAND); not the reference figures."
fi

secs="${DURATION%s}"
[[ "$secs" =~ ^[0-9]+$ ]] || { echo "BENCH_DURATION must be whole seconds, like 10s" >&2; exit 2; }
WARMUP="${BENCH_WARMUP:-5s}"             # each endpoint runs this long, unmeasured, before its measurement (JIT tiering)
warm_secs="${WARMUP%s}"
[[ "$warm_secs" =~ ^[0-9]+$ ]] || { echo "BENCH_WARMUP must be whole seconds, like 5s" >&2; exit 2; }
SETUP_DURATION="$(( (secs + warm_secs) * 2 + 1 ))s"   # code-collecting phase: verify ran up to ~1.3x the send rate in trials; 2x leaves spare codes

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk; then
  echo "== installing wrk"
  apt-get update && apt-get install -y wrk
fi
need python3 || { echo "python3 is required" >&2; exit 2; }
need curl || { echo "curl is required" >&2; exit 2; }

PG_BIN=/usr/lib/postgresql/15/bin
if [[ "$POSTGRESQL" == 1 ]]; then
  # As .ci/run does: only the server binaries are wanted. Debian's package would also create and start a "main"
  # cluster on port 5432; createcluster.conf tells it not to (an existing file is the machine's setting and is kept).
  if [[ ! -x "$PG_BIN/initdb" ]]; then
    echo "== installing postgresql-15"
    mkdir -p /etc/postgresql-common
    [[ -e /etc/postgresql-common/createcluster.conf ]] || echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confold postgresql-15
  fi
  # The package's own nginx service must not start (it would take port 80): a policy-rc.d that refuses it is put in
  # place for the install only, unless the machine already has one.
  if [[ ! -x /usr/sbin/nginx ]]; then
    echo "== installing nginx"
    if [[ -e /usr/sbin/policy-rc.d ]]; then
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx
    else
      ( trap 'rm -f /usr/sbin/policy-rc.d' EXIT   # gone again when the install ends, however it ends
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx )
    fi
  fi
  need openssl || { echo "openssl is required (the proxy's self-signed certificate)" >&2; exit 2; }
fi

WORK="$(mktemp -d /tmp/pilito-bench.XXXXXX)"
SERVER_PIDS=()     # the Pilito instances running now
NGINX_PID=""
PG_DATA=""         # the throwaway cluster's data folder, once initdb has run
cleanup() {
  local pid
  for pid in "${SERVER_PIDS[@]}" $NGINX_PID; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  # pg_ctl runs the server detached from this shell: it is stopped by its data folder, not by a pid of ours.
  if [[ -n "$PG_DATA" && -e "$PG_DATA/postmaster.pid" ]]; then
    (cd / && as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w) >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
URL="$BASE"        # where wrk sends its load: this server, or later the PostgreSQL pass's instance or proxy

# PostgreSQL refuses to run as root: as root its tools run as the postgres user the package made (as the tests do).
as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

server_env() {  # $1 = connection string, $2 = provider (Sqlite when absent); fills SERVER_ENV
  SERVER_ENV=(ASPNETCORE_ENVIRONMENT=Testing DOTNET_ENVIRONMENT=Testing
    "ConnectionStrings__Pilito=$1"
    "Database__Provider=${2:-Sqlite}"
    "Database__MigrateOnStartup=$([[ "${2:-Sqlite}" == Sqlite ]] && echo true || echo false)"
    Sms__Provider=Log
    Otp__RevealCodes=true
    Auth__SigningKey=bench-signing-key-0123456789-abcdefghijklmnop
    Otp__HashKey=bench-hash-key-0123456789
    Otp__MaxSendsPerHour=100000000
    Otp__MaxSendsPerIpPerHour=10000000
    Otp__PurgeInBackground=false
    "Database__SqliteSynchronous=$SYNCHRONOUS"
    ForwardedHeaders__KnownProxies__0=127.0.0.1
    Logging__LogLevel__Default=Warning
    # admin_login signs in with the password only: the bench measures the token list, not enrolment. Testing would
    # otherwise require two-factor of the Admin that create-admin makes (Admin:RequireTwoFactor is on outside Development).
    Admin__RequireTwoFactor=false)
}

start_server() {  # $1 = database file or connection string, $2 = provider, $3 = base address (BASE when absent)
  local base="${3:-$BASE}" log pid
  server_env "$1" "${2:-}"
  log="$WORK/server-${base##*:}.log"
  # env execs dotnet, so $! is the server's own pid (for kill and /proc/<pid>/status)
  env "${SERVER_ENV[@]}" "Urls=$base" dotnet "$WORK/app/Pilito.Web.dll" >"$log" 2>&1 &
  pid=$!
  SERVER_PIDS+=("$pid")
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "$base/health/live"; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "server exited:" >&2; tail -50 "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "server did not come up in 120 s" >&2; tail -50 "$log" >&2; exit 1
}

stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
}

die() { echo "$*" >&2; local log; for log in "$WORK"/server-*.log; do [[ -f "$log" ]] && tail -40 "$log" >&2; done; exit 1; }

# Memory is the instances' together: with two instances behind the proxy, both of them.
reset_peak() { local pid; for pid in "${SERVER_PIDS[@]}"; do echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true; done; }
peak_kb() { local pid; for pid in "${SERVER_PIDS[@]}"; do cat "/proc/$pid/status"; done | awk '/^VmHWM:/ {kb += $2} END {print kb}'; }

warm() {  # $1 lua script, $2 wrk path; env passed through. Not recorded: lets the JIT finish tiering the path.
  [[ "$warm_secs" == 0 ]] && return 0
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 10s -s "$BENCH/$1" "$URL$2" >/dev/null 2>&1
}

FLOOD_CONNS="${BENCH_FLOOD_CONNECTIONS:-512}"   # one phone from this many connections: more than a round's 256 places

measure_flooded() {  # $1 size label: POST /otp for new phones (measured as phase otp_flood) while one phone is flooded
  local size="$1" flood_secs=$(( secs + 2 ))
  FLOOD_PHONE=09170000000 wrk -t1 -c"$FLOOD_CONNS" -d"${flood_secs}s" --timeout 10s --latency -s "$BENCH/flood.lua" \
    "$URL/api/v1/usr/otp" >"$WORK/wrk-$size-flood.txt" 2>&1 &
  local flood=$!
  sleep 1   # the flood is under way (its phone already at its limit) before the measurement starts, and outlasts it
  PHONE_PREFIX=0914 FLOOD_OUT="$WORK/wrk-$size-flood.txt" FLOOD_PID="$flood" measure "$size" otp_flood otp.lua /api/v1/usr/otp
}

measure() {  # $1 size label, $2 phase, $3 lua script, then wrk path; env passed through
  local size="$1" phase="$2" script="$3" path="$4" before=() after=() cpu_before=() cpu_after=()
  reset_peak
  [[ -z "${PG_DB:-}" ]] || read -ra before <<<"$(pg_counters)"
  [[ -z "${PG_DB:-}" ]] || read -ra cpu_before <<<"$(python3 "$BENCH/bench.py" cpu-sample "${SERVER_PIDS[@]}")"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency -s "$BENCH/$script" "$URL$path" \
    >"$WORK/wrk-$size-$phase.txt" 2>&1
  local peak
  peak="$(peak_kb)"
  [[ ${#cpu_before[@]} -eq 0 ]] || read -ra cpu_after <<<"$(python3 "$BENCH/bench.py" cpu-sample "${SERVER_PIDS[@]}")"
  [[ -z "${FLOOD_PID:-}" ]] || wait "$FLOOD_PID" || true   # the flood ends a second after the measurement
  python3 "$BENCH/bench.py" record "$WORK/results.json" "$size" "$phase" "$WORK/wrk-$size-$phase.txt" "$peak" ${FLOOD_OUT:+"$FLOOD_OUT"}
  if [[ ${#before[@]} -gt 0 ]]; then
    read -ra after <<<"$(pg_counters)"
    python3 "$BENCH/bench.py" pg-stats "$WORK/results.json" "$size" "$phase" "$secs" "${before[@]}" "${after[@]}"
    python3 "$BENCH/bench.py" cpu-stats "$WORK/results.json" "$size" "$phase" "${cpu_before[@]}" "${cpu_after[@]}"
  fi
}

echo "== building Release"
dotnet publish "$ROOT/src/Pilito.Web" -c Release -o "$WORK/app" --nologo -v quiet >"$WORK/publish.log" 2>&1 \
  || { cat "$WORK/publish.log" >&2; exit 1; }

echo "== preparing the template database (migrations + staff account)"
start_server "Data Source=$WORK/template.db"
stop_servers
server_env "Data Source=$WORK/template.db"
env "${SERVER_ENV[@]}" PILITO_ADMIN_PASSWORD=Bench-password-1 dotnet "$WORK/app/Pilito.Web.dll" create-admin \
  --email bench@pilito.test >"$WORK/create-admin.log" 2>&1 \
  || { cat "$WORK/create-admin.log" >&2; exit 1; }
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$WORK/template.db"

admin_login() {
  local h1="$WORK/login1.h" h2="$WORK/login2.h" page="$WORK/login.html" c1 token c2
  curl -s -D "$h1" -o "$page" -H 'X-Forwarded-Proto: https' "$BASE/admin/login"
  c1="$(sed -nE 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/p' "$h1" | paste -sd';' - | sed 's/;/; /g')"
  token="$(grep -oE 'name="__RequestVerificationToken"[^>]*value="[^"]+"' "$page" | head -1 | sed -E 's/.*value="([^"]+)"/\1/')"
  [[ -n "$token" ]] || { echo "no antiforgery token on /admin/login" >&2; exit 1; }
  curl -s -D "$h2" -o /dev/null -H 'X-Forwarded-Proto: https' -H "Cookie: $c1" \
    --data-urlencode "Email=bench@pilito.test" --data-urlencode "Password=Bench-password-1" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/admin/login"
  c2="$(sed -nE 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/p' "$h2" | paste -sd';' - | sed 's/;/; /g')"
  [[ -n "$c2" ]] || { echo "admin sign-in failed:" >&2; head -5 "$h2" >&2; exit 1; }
  ADMIN_COOKIE="$c1; $c2"
  local code
  code="$(curl -s -o "$WORK/list.html" -w '%{http_code}' -H 'X-Forwarded-Proto: https' -H "Cookie: $ADMIN_COOKIE" \
    "$BASE/admin/accounts/otptoken/")"
  [[ "$code" == 200 ]] || die "admin token list answered $code after sign-in"
}

collect_codes() {  # $1 size label, $2 how long: POST /otp load whose answers' codes are kept for verify (unmeasured)
  local size="$1"
  echo "   collecting codes for verify ($2, not measured)"
  PHONE_PREFIX=0935 CODES_OUT="$WORK/codes" \
    wrk -t"$THREADS" -c"$CONNS" -d"$2" --timeout 10s -s "$BENCH/otp.lua" "$URL/api/v1/usr/otp" \
    >"$WORK/wrk-$size-collect.txt" 2>&1
  cat "$WORK"/codes.* > "$WORK/codes-$size.csv"; rm -f "$WORK"/codes.*
  echo "   $(wc -l < "$WORK/codes-$size.csv") valid codes"
}

measure_verify() {  # $1 size label: collects valid codes (unmeasured) unless done already, then measures verify
  local size="$1"
  [[ -f "$WORK/codes-$size.csv" ]] || collect_codes "$size" "$SETUP_DURATION"
  python3 "$BENCH/bench.py" codes "$WORK/results.json" "$size" "$(( $(wc -l < "$WORK/codes-$size.csv") * 3 / 4 ))"
  local total warm_codes
  total="$(wc -l < "$WORK/codes-$size.csv")"
  warm_codes=$(( warm_secs == 0 ? 0 : total / 4 ))   # the first quarter warms the verify path up; the rest is measured
  head -n "$warm_codes" "$WORK/codes-$size.csv" > "$WORK/codes-warm.csv"
  tail -n +"$(( warm_codes + 1 ))" "$WORK/codes-$size.csv" > "$WORK/codes-measure.csv"
  if [[ "$warm_codes" -gt 0 ]]; then CODES_IN="$WORK/codes-warm.csv" warm verify.lua /api/v1/usr/otp/verify; fi
  CODES_IN="$WORK/codes-measure.csv" measure "$size" verify verify.lua /api/v1/usr/otp/verify
  rm -f "$WORK/codes-$size.csv"
}

run_size() {  # $1 = number of seeded tokens
  local size="$1" db="$WORK/bench-$1.db"
  echo "== $size existing tokens: seeding"
  cp "$WORK/template.db" "$db"
  local t0=$SECONDS
  python3 "$BENCH/bench.py" seed "$db" "$size"
  echo "   seeded in $((SECONDS - t0)) s"
  local deep
  deep="$(python3 "$BENCH/bench.py" deep-cursor "$db" 0.5)"
  start_server "Data Source=$db"
  admin_login

  warm health.lua /health/live
  measure "$size" health health.lua /health/live
  PHONE_PREFIX=0913 warm otp.lua /api/v1/usr/otp
  PHONE_PREFIX=0912 measure "$size" otp otp.lua /api/v1/usr/otp
  measure_flooded "$size"
  measure_verify "$size"

  ADMIN_PATH="/admin/accounts/otptoken/" ADMIN_COOKIE="$ADMIN_COOKIE" warm admin.lua /admin/accounts/otptoken/
  ADMIN_PATH="/admin/accounts/otptoken/" ADMIN_COOKIE="$ADMIN_COOKIE" \
    measure "$size" admin_first admin.lua /admin/accounts/otptoken/
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' -H "Cookie: $ADMIN_COOKIE" \
    "$BASE/admin/accounts/otptoken/?after=$deep")"
  [[ "$code" == 200 ]] || die "deep admin page answered $code"
  ADMIN_PATH="/admin/accounts/otptoken/?after=$deep" ADMIN_COOKIE="$ADMIN_COOKIE" \
    measure "$size" admin_deep admin.lua "/admin/accounts/otptoken/?after=$deep"
  stop_servers
  rm -f "$db" "$db-wal" "$db-shm"
}

# ---- The PostgreSQL pass: the two POST paths, one instance, then one and two behind nginx, on a throwaway cluster ----

PG_PORT=""
PG_DB=""           # the current configuration's database; while it is set, measure() also records its counters

psql_() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${PG_DB:-postgres}" -v ON_ERROR_STOP=1 -qAt "$@"; }

# Five words: the database's commits and rollbacks so far (pg_stat_database: busy backends report about once a
# second), the connections open to it now, and the serialization failures and deadlocks in the server's log so far
# (each one a round that an instance runs again from the start).
pg_counters() {
  local failures deadlocks
  failures="$(grep -c 'could not serialize access' "$WORK/pg/server.log" || true)"
  deadlocks="$(grep -c 'deadlock detected' "$WORK/pg/server.log" || true)"
  echo "$(psql_ -F ' ' -c "SELECT xact_commit, xact_rollback, numbackends FROM pg_stat_database WHERE datname = current_database()") $failures $deadlocks"
}

# As the tests' PostgreSqlCluster does: initdb as the postgres user into a folder it owns, trust authentication, a
# free port on 127.0.0.1 only. PostgreSQL's defaults otherwise (fsync and synchronous_commit on: every commit waits for
# the disk, as SQLite's synchronous=Full does), but for room for two instances' pools and this script's psql.
start_postgres() {
  local dir="$WORK/pg"
  mkdir -p "$dir"
  chmod 711 "$WORK"   # mktemp made it 700: the postgres user must pass through to its own folder
  [[ "$(id -u)" != 0 ]] || chown postgres:postgres "$dir"
  PG_PORT="$(free_port)"
  # from /: the postgres user may not be allowed into the directory the script was started from
  (cd / && as_postgres "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync) \
    >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }
  PG_DATA="$dir/data"   # from here on the cleanup stops the server
  (cd / && as_postgres "$PG_BIN/pg_ctl" start -w -D "$PG_DATA" -l "$dir/server.log" \
    -o "-k $dir -c listen_addresses=127.0.0.1 -p $PG_PORT -c max_connections=200") >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
}

stop_postgres() {
  (cd / && as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w) >/dev/null
  PG_DATA=""
}

pg_database() {  # $1 = name: a new database, migrated by the operator's command, with BENCH_SMALL past tokens
  PG_DB="$1"
  PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Database=$1;Username=postgres"
  server_env "$PG_CONN" PostgreSQL
  env "${SERVER_ENV[@]}" dotnet "$WORK/app/Pilito.Web.dll" migrate >"$WORK/migrate-$1.log" 2>&1 \
    || { cat "$WORK/migrate-$1.log" >&2; exit 1; }
  python3 "$BENCH/bench.py" seed-pg "$SMALL" | psql_
  psql_ -c "ANALYZE"
}

# deploy/nginx/pilito.conf with the tests' substitutions (bench.py nginx-site; BehindProxyTests' NginxProxy), in a
# main configuration like Debian's: one worker per core (the tests use one, to make the turns of the upstreams exact),
# temp paths in the folder, and a log of which instance answered each request.
start_nginx() {  # $1, $2 = the two upstreams' ports (the same port twice for one instance)
  local dir="$WORK/nginx" https http
  mkdir -p "$dir"
  chmod 711 "$WORK"; chmod 755 "$dir"   # nginx's workers do not run as root: they must reach the temp paths
  https="$(free_port)"; http="$(free_port)"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$dir/key.pem" -out "$dir/certificate.pem" \
    >"$dir/openssl.log" 2>&1 || { cat "$dir/openssl.log" >&2; exit 1; }
  rm -f "$dir/access.log"   # the answers of this configuration only (bench.py upstreams reads it)
  python3 "$BENCH/bench.py" nginx-site "$ROOT/deploy/nginx/pilito.conf" "$dir" "$1" "$2" "$https" "$http"
  cat >"$dir/nginx.conf" <<NGINX
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    log_format answers '\$status \$upstream_addr';
    access_log $dir/access.log answers buffer=64k flush=1s;
    include $dir/pilito.conf;
}
NGINX
  /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >"$dir/nginx.out" 2>&1 &
  NGINX_PID=$!
  # /health/ is answered 404 by nginx itself (deploy/nginx/pilito.conf): that answer proves TLS and the site are up.
  for _ in $(seq 1 100); do
    if [[ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$https/health/live")" == 404 ]]; then
      URL="https://127.0.0.1:$https"
      return 0
    fi
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "nginx did not come up:" >&2; cat "$dir/nginx.out" "$dir/error.log" >&2 2>/dev/null; exit 1
}

stop_nginx() {  # QUIT: a graceful stop, which writes out the buffered access log
  kill -QUIT "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}

# What the instances logged (Logging:LogLevel:Default is Warning): serialization failures, rounds given up after their
# retries, writes refused as busy. A request still waiting when wrk stops shows in no figure, but it is logged.
instance_log_check() {  # $1 label
  python3 "$BENCH/bench.py" log-check "$WORK/results.json" "$1" "$WORK"/server-*.log
}

measure_posts() {  # $1 label: POST /otp (a new phone every request), then POST /otp/verify, as in the SQLite pass
  # The code collection comes first here and is POST /otp's warm-up: at PostgreSQL's rates a 5 s warm-up leaves the
  # JIT far from done (a probe: Pilito's CPU per code request fell from 4.8 to 2.3-2.6 ms over its first 30 s).
  # And verify ran at up to 3.5 times the rate codes were collected at (smoke runs): so three times the measured
  # time, not SQLite's two, or the measurement runs out of codes (it would show as non-2xx).
  collect_codes "$1" "$(( (secs + warm_secs) * 3 + 1 ))s"
  PHONE_PREFIX=0912 measure "$1" otp otp.lua /api/v1/usr/otp
  measure_verify "$1"
}

# Each PostgreSQL configuration at two loads. At the SQLite pass's 32 connections each request waits for its rounds
# in turn, so the rate is 32 divided by the latency and part of a core stays idle: what a second instance adds to the
# latency (the turns, ADR 0009) shows, what it adds in capacity does not. The second load has four times the
# connections, so more requests wait in each round and the write side, not the wait, sets the rate.
measure_configuration() {  # $1 label
  local conns="$CONNS"
  measure_posts "$1"
  CONNS="$HEAVY_CONNS"
  measure_posts "$1_heavy"
  CONNS="$conns"
}

run_postgresql() {
  local t0=$SECONDS second
  echo "== PostgreSQL: a throwaway cluster"
  start_postgres
  # Each configuration on a new database with BENCH_SMALL past tokens, as the SQLite pass starts each size afresh.
  rm -f "$WORK"/server-*.log   # the SQLite pass's: the check below reads the PostgreSQL instances' only
  echo "== PostgreSQL, one instance"
  pg_database pilito_one
  start_server "$PG_CONN" PostgreSQL "$BASE"
  URL="$BASE"
  measure_configuration pg_one
  stop_servers
  instance_log_check pg_one
  rm -f "$WORK"/server-*.log
  # The same instance behind the same proxy (both of the site's upstreams are it): what a second instance adds is
  # read against this, with TLS and the extra hop on both sides.
  echo "== PostgreSQL, one instance behind nginx (TLS)"
  pg_database pilito_one_proxy
  start_server "$PG_CONN" PostgreSQL "$BASE"
  start_nginx "${BASE##*:}" "${BASE##*:}"
  measure_configuration pg_one_proxy
  stop_nginx
  stop_servers
  instance_log_check pg_one_proxy
  rm -f "$WORK"/server-*.log
  echo "== PostgreSQL, two instances behind nginx (TLS)"
  pg_database pilito_two
  second="http://127.0.0.1:$(free_port)"
  start_server "$PG_CONN" PostgreSQL "$BASE"
  start_server "$PG_CONN" PostgreSQL "$second"
  start_nginx "${BASE##*:}" "${second##*:}"
  measure_configuration pg_two
  stop_nginx
  stop_servers
  instance_log_check pg_two
  python3 "$BENCH/bench.py" upstreams "$WORK/results.json" pg_two "$WORK/nginx/access.log"
  PG_DB=""
  stop_postgres
  echo "   PostgreSQL pass: $((SECONDS - t0)) s"
}

echo "== timing a commit's sync on the database's filesystem"
python3 "$BENCH/bench.py" sync-probe "$WORK/results.json" "$WORK"

START=$SECONDS
# Small, large, large, small: a machine that speeds up or slows down during the run affects both sizes alike.
ORDER=("$SMALL" "$LARGE")
(( PASSES >= 2 )) && ORDER=("$SMALL" "$LARGE" "$LARGE" "$SMALL")
export BENCH_ORDER="${ORDER[*]}"
for size in "${ORDER[@]}"; do
  run_size "$size"
done
if [[ "$POSTGRESQL" == 1 ]]; then run_postgresql; fi

mkdir -p "$(dirname "$OUT")"
python3 "$BENCH/bench.py" report "$WORK/results.json" "$OUT" "$SMALL" "$LARGE" "$COMMAND" "${BENCH_NOTE:-}"
echo "== done in $((SECONDS - START)) s after the build; report: ${OUT#"$ROOT"/}"
