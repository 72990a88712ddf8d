#!/usr/bin/env bash
# Gateway throughput, measured in one run and interleaved (this machine's absolute speed drifts):
#   direct   - wrk -> nginx "return 200" with a 1 KiB body (the upstream itself)
#   nginx    - wrk -> nginx proxy_pass (keepalive) -> upstream      (the reference)
#   public   - wrk -> Gatehouse public route -> upstream
#   basic    - wrk -> Gatehouse route with an HTTP Basic tenant key -> upstream
# Prints requests/s, p99 latency and errors per round, and the gateway's ratio to nginx; never fails on numbers.
# Needs: nginx, wrk (apt-get install -y nginx-light wrk), a built jar (mvn -B -q package -DskipTests).
# JAVA_OPTS is passed to the Gatehouse JVM (e.g. -XX:StartFlightRecording=... to profile a run).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
WORK=$(mktemp -d /tmp/gatehouse-bench.XXXX)
JAR=${JAR:-platform-ui/target/platform.jar}
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests"; exit 1; }
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "install nginx and wrk first"; exit 1; }

source bench/nginx.sh
start_nginx
cleanup() { stop_nginx; [ -n "${GH_PID:-}" ] && kill "$GH_PID" 2>/dev/null || true; }
trap cleanup EXIT

PASS=bench-admin-password
PLATFORM_DATA_DIR="$WORK/data" PLATFORM_ADMIN_PASSWORD=$PASS PLATFORM_UPSTREAM_ALLOWLIST=127.0.0.0/8 \
  SERVER_PORT=18100 PLATFORM_GATEWAY_PORT=18101 java -Xmx512m ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/gatehouse.log" 2>&1 &
GH_PID=$!
for _ in $(seq 1 90); do curl -sf localhost:18100/actuator/health >/dev/null && break; sleep 1; done
API="curl -sf -u admin:$PASS -H Content-Type:application/json http://127.0.0.1:18100/api/v1"
# Retry briefly in case the console answers before it is ready for API calls.
for _ in $(seq 1 30); do $API/tenants -d '{"slug":"bench","name":"Bench"}' >/dev/null && break; sleep 1; done
$API/tenants/bench/providers -d '{"name":"origin","targets":[{"url":"http://127.0.0.1:18080"}]}' >/dev/null
$API/tenants/bench/routes -d '{"name":"pub","pathPrefix":"/pub","provider":"origin","public":true}' >/dev/null
$API/tenants/bench/routes -d '{"name":"sec","pathPrefix":"/sec","provider":"origin","auth":["BASIC"]}' >/dev/null
KEY=$($API/tenants/bench/credentials -d '{"type":"BASIC","name":"bench"}')
USERPASS=$(python3 -c 'import json,sys; k=json.loads(sys.argv[1]); print(k["username"]+":"+k["password"])' "$KEY")
AUTH="Authorization: Basic $(printf '%s' "$USERPASS" | base64 -w0)"

declare -A URLS=([direct]="http://127.0.0.1:18080/x" [nginx]="http://127.0.0.1:18090/x"
                 [public]="http://127.0.0.1:18101/bench/pub/x" [basic]="http://127.0.0.1:18101/bench/sec/x")
run() { # name
  local extra=()
  [ "$1" = basic ] && extra=(-H "$AUTH")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${extra[@]}" "${URLS[$1]}" > "$WORK/wrk-$1.txt"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk-$1.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$WORK/wrk-$1.txt" | tr '\n' ' ' || true)
  printf '%-7s %10s req/s   p99 %8s   %s\n' "$1" "$rps" "$p99" "${errors:-no errors}"
  RPS[$1]=$rps
}
declare -A RPS
# Warm-up until the JIT is done: on a slow 2-core machine C2 keeps compiling for minutes after start, and a server
# measured before that is measured cold. Runs 10 s rounds, at least WARMUP_MIN of them, until one is within 5 % of
# the one before (at most WARMUP_MAX): a plateau early on is often only a pause between two compilation bursts.
echo "warm-up (JIT) ..."
previous=0
for warm in $(seq 1 "${WARMUP_MAX:-15}"); do
  wrk -t2 -c16 -d5s -H "$AUTH" "${URLS[basic]}" >/dev/null
  rps=$(wrk -t2 -c16 -d5s "${URLS[public]}" | awk '/Requests\/sec/ {printf "%d", $2}')
  echo "  public $rps req/s"
  [ "$warm" -ge "${WARMUP_MIN:-6}" ] && [ $((rps * 100)) -ge $((previous * 95)) ] \
    && [ $((rps * 100)) -le $((previous * 105)) ] && break
  previous=$rps
done
RATIOS_PUBLIC=(); RATIOS_BASIC=()
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (c=$CONNECTIONS, $DURATION each)"
  for name in direct nginx public basic; do run "$name"; done
  awk -v n="${RPS[nginx]}" -v p="${RPS[public]}" -v b="${RPS[basic]}" \
    'BEGIN { printf "ratio   public %.2fx  basic %.2fx  of nginx proxy_pass (target 0.75x)\n", p / n, b / n }'
  RATIOS_PUBLIC+=("$(awk -v n="${RPS[nginx]}" -v p="${RPS[public]}" 'BEGIN { printf "%.4f", p / n }')")
  RATIOS_BASIC+=("$(awk -v n="${RPS[nginx]}" -v b="${RPS[basic]}" 'BEGIN { printf "%.4f", b / n }')")
done
# Single rounds swing by 10-15 % on a shared 2-core machine: the median over the rounds is the number to compare.
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median over $ROUNDS rounds: public $(median "${RATIOS_PUBLIC[@]}")x  basic $(median "${RATIOS_BASIC[@]}")x of nginx proxy_pass"
# The request log kept up (or says what it dropped): accepted = persisted + dropped + queued.
curl -sf -u "admin:$PASS" http://127.0.0.1:18100/actuator/prometheus \
  | awk '/^gatehouse_requestlog_/ {sub(/^gatehouse_requestlog_/, ""); printf "%s ", $0} END {print ""}' \
  | sed 's/^/request log: /'
echo "raw wrk output and logs: $WORK"
