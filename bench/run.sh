#!/usr/bin/env bash
# Pilito benchmark: builds Release, runs the server on fresh SQLite files (10k and BENCH_LARGE seeded tokens),
# drives it with wrk and writes docs/performance.md. The OTP path is also measured while one phone is flooded from
# BENCH_FLOOD_CONNECTIONS (512) connections at once (bench/flood.lua). Usage (from the repository root):
#   bash bench/run.sh                          # full run (~10 minutes): 10s per measurement, 10k vs 1,000,000 tokens
#   BENCH_DURATION=3s BENCH_LARGE=100000 BENCH_PASSES=1 bash bench/run.sh   # smoke run (~2 minutes)
# Optional: BENCH_SMALL (10000), BENCH_PASSES (2: the sizes twice, alternating), BENCH_WARMUP (5s of unmeasured
# load before each measurement), BENCH_OUT (docs/performance.md), BENCH_NOTE (a line printed atop the report),
# BENCH_SYNCHRONOUS (Full: the server's Database:SqliteSynchronous; Normal measures the power-cut trade-off).
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
export BENCH_DURATION="$DURATION" BENCH_WARMUP="${BENCH_WARMUP:-5s}" WRK_THREADS="$THREADS"
COMMAND="BENCH_DURATION=$DURATION BENCH_SMALL=$SMALL BENCH_LARGE=$LARGE BENCH_WARMUP=${BENCH_WARMUP:-5s} BENCH_PASSES=${BENCH_PASSES:-2}"
[[ "$SYNCHRONOUS" != Full ]] && COMMAND="$COMMAND BENCH_SYNCHRONOUS=$SYNCHRONOUS"
COMMAND="$COMMAND bash bench/run.sh"
if [[ -z "${BENCH_NOTE:-}" && ( "$DURATION" != "10s" || "$LARGE" != "1000000" || "$SMALL" != "10000" || "$PASSES" != 2 || "$SYNCHRONOUS" != Full ) ]]; then
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

WORK="$(mktemp -d /tmp/pilito-bench.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

server_env() {  # $1 = database file; fills SERVER_ENV
  SERVER_ENV=(ASPNETCORE_ENVIRONMENT=Testing DOTNET_ENVIRONMENT=Testing
    "Urls=$BASE"
    "ConnectionStrings__Pilito=Data Source=$1"
    Database__MigrateOnStartup=true
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

start_server() {  # $1 = database file
  server_env "$1"
  # env execs dotnet, so $! is the server's own pid (for kill and /proc/<pid>/status)
  env "${SERVER_ENV[@]}" dotnet "$WORK/app/Pilito.Web.dll" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "$BASE/health/live"; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; tail -50 "$WORK/server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "server did not come up in 120 s" >&2; tail -50 "$WORK/server.log" >&2; exit 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

die() { echo "$*" >&2; [[ -f "$WORK/server.log" ]] && tail -40 "$WORK/server.log" >&2; exit 1; }

reset_peak() { echo 5 > "/proc/$SERVER_PID/clear_refs" 2>/dev/null || true; }
peak_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status"; }

warm() {  # $1 lua script, $2 wrk path; env passed through. Not recorded: lets the JIT finish tiering the path.
  [[ "$warm_secs" == 0 ]] && return 0
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 10s -s "$BENCH/$1" "$BASE$2" >/dev/null 2>&1
}

FLOOD_CONNS="${BENCH_FLOOD_CONNECTIONS:-512}"   # one phone from this many connections: more than a round's 256 places

measure_flooded() {  # $1 size label: POST /otp for new phones (measured as phase otp_flood) while one phone is flooded
  local size="$1" flood_secs=$(( secs + 2 ))
  FLOOD_PHONE=09170000000 wrk -t1 -c"$FLOOD_CONNS" -d"${flood_secs}s" --timeout 10s --latency -s "$BENCH/flood.lua" \
    "$BASE/api/v1/usr/otp" >"$WORK/wrk-$size-flood.txt" 2>&1 &
  local flood=$!
  sleep 1   # the flood is under way (its phone already at its limit) before the measurement starts, and outlasts it
  PHONE_PREFIX=0914 FLOOD_OUT="$WORK/wrk-$size-flood.txt" FLOOD_PID="$flood" measure "$size" otp_flood otp.lua /api/v1/usr/otp
}

measure() {  # $1 size label, $2 phase, $3 lua script, then wrk path; env passed through
  local size="$1" phase="$2" script="$3" path="$4"
  reset_peak
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency -s "$BENCH/$script" "$BASE$path" \
    >"$WORK/wrk-$size-$phase.txt" 2>&1
  local peak
  peak="$(peak_kb)"
  [[ -z "${FLOOD_PID:-}" ]] || wait "$FLOOD_PID" || true   # the flood ends a second after the measurement
  python3 "$BENCH/bench.py" record "$WORK/results.json" "$size" "$phase" "$WORK/wrk-$size-$phase.txt" "$peak" ${FLOOD_OUT:+"$FLOOD_OUT"}
}

echo "== building Release"
dotnet publish "$ROOT/src/Pilito.Web" -c Release -o "$WORK/app" --nologo -v quiet >"$WORK/publish.log" 2>&1 \
  || { cat "$WORK/publish.log" >&2; exit 1; }

echo "== preparing the template database (migrations + staff account)"
start_server "$WORK/template.db"
stop_server
server_env "$WORK/template.db"
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

run_size() {  # $1 = number of seeded tokens
  local size="$1" db="$WORK/bench-$1.db"
  echo "== $size existing tokens: seeding"
  cp "$WORK/template.db" "$db"
  local t0=$SECONDS
  python3 "$BENCH/bench.py" seed "$db" "$size"
  echo "   seeded in $((SECONDS - t0)) s"
  local deep
  deep="$(python3 "$BENCH/bench.py" deep-cursor "$db" 0.5)"
  start_server "$db"
  admin_login

  warm health.lua /health/live
  measure "$size" health health.lua /health/live
  PHONE_PREFIX=0913 warm otp.lua /api/v1/usr/otp
  PHONE_PREFIX=0912 measure "$size" otp otp.lua /api/v1/usr/otp
  measure_flooded "$size"

  echo "   collecting codes for verify ($SETUP_DURATION, not measured)"
  PHONE_PREFIX=0935 CODES_OUT="$WORK/codes" \
    wrk -t"$THREADS" -c"$CONNS" -d"$SETUP_DURATION" --timeout 10s -s "$BENCH/otp.lua" "$BASE/api/v1/usr/otp" \
    >"$WORK/wrk-$size-collect.txt" 2>&1
  cat "$WORK"/codes.* > "$WORK/codes-$size.csv"; rm -f "$WORK"/codes.*
  echo "   $(wc -l < "$WORK/codes-$size.csv") valid codes"
  python3 "$BENCH/bench.py" codes "$WORK/results.json" "$size" "$(( $(wc -l < "$WORK/codes-$size.csv") * 3 / 4 ))"
  local total warm_codes
  total="$(wc -l < "$WORK/codes-$size.csv")"
  warm_codes=$(( warm_secs == 0 ? 0 : total / 4 ))   # the first quarter warms the verify path up; the rest is measured
  head -n "$warm_codes" "$WORK/codes-$size.csv" > "$WORK/codes-warm.csv"
  tail -n +"$(( warm_codes + 1 ))" "$WORK/codes-$size.csv" > "$WORK/codes-measure.csv"
  [[ "$warm_codes" -gt 0 ]] && CODES_IN="$WORK/codes-warm.csv" warm verify.lua /api/v1/usr/otp/verify
  CODES_IN="$WORK/codes-measure.csv" measure "$size" verify verify.lua /api/v1/usr/otp/verify

  ADMIN_PATH="/admin/accounts/otptoken/" ADMIN_COOKIE="$ADMIN_COOKIE" warm admin.lua /admin/accounts/otptoken/
  ADMIN_PATH="/admin/accounts/otptoken/" ADMIN_COOKIE="$ADMIN_COOKIE" \
    measure "$size" admin_first admin.lua /admin/accounts/otptoken/
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' -H "Cookie: $ADMIN_COOKIE" \
    "$BASE/admin/accounts/otptoken/?after=$deep")"
  [[ "$code" == 200 ]] || die "deep admin page answered $code"
  ADMIN_PATH="/admin/accounts/otptoken/?after=$deep" ADMIN_COOKIE="$ADMIN_COOKIE" \
    measure "$size" admin_deep admin.lua "/admin/accounts/otptoken/?after=$deep"
  stop_server
  rm -f "$db" "$db-wal" "$db-shm"
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

mkdir -p "$(dirname "$OUT")"
python3 "$BENCH/bench.py" report "$WORK/results.json" "$OUT" "$SMALL" "$LARGE" "$COMMAND" "${BENCH_NOTE:-}"
echo "== done in $((SECONDS - START)) s after the build; report: ${OUT#$ROOT/}"
