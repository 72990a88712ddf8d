#!/usr/bin/env bash
# A/B of two Gatehouse builds on the same machine at the same time: both run side by side (each idle while the other
# is measured), and 10 s wrk rounds alternate A, B, B, A, ... on the public and the Basic-auth route, so the drift of
# a shared machine's speed hits both alike. Prints requests/s per round and B's median ratio to A; never fails on
# numbers. Use it to tell whether a change made the gateway faster: single bench/run.sh runs swing by 10-15 %.
#   bench/compare.sh OLD.jar NEW.jar        (ROUNDS=6 by default; build a jar of another commit in a git worktree)
# Needs: nginx, wrk (apt-get install -y nginx-light wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] && [ -f "$1" ] && [ -f "$2" ] || { echo "usage: bench/compare.sh A.jar B.jar"; exit 1; }
ROUNDS=${ROUNDS:-6}
WORK=$(mktemp -d /tmp/gatehouse-compare.XXXX)
source bench/nginx.sh
start_nginx
PIDS=()
cleanup() { stop_nginx; for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

PASS=bench-admin-password
declare -A AUTH
start_gatehouse() { # name jar console-port gateway-port
  PLATFORM_DATA_DIR="$WORK/data-$1" PLATFORM_ADMIN_PASSWORD=$PASS PLATFORM_UPSTREAM_ALLOWLIST=127.0.0.0/8 \
    SERVER_PORT=$3 PLATFORM_GATEWAY_PORT=$4 java -Xmx512m ${JAVA_OPTS:-} -jar "$2" > "$WORK/gatehouse-$1.log" 2>&1 &
  PIDS+=($!)
}
configure() { # name console-port
  for _ in $(seq 1 120); do curl -sf "localhost:$2/actuator/health" >/dev/null && break; sleep 1; done
  local api="curl -sf -u admin:$PASS -H Content-Type:application/json http://127.0.0.1:$2/api/v1"
  for _ in $(seq 1 30); do $api/tenants -d '{"slug":"bench","name":"Bench"}' >/dev/null && break; sleep 1; done
  $api/tenants/bench/providers -d '{"name":"origin","targets":[{"url":"http://127.0.0.1:18080"}]}' >/dev/null
  $api/tenants/bench/routes -d '{"name":"pub","pathPrefix":"/pub","provider":"origin","public":true}' >/dev/null
  $api/tenants/bench/routes -d '{"name":"sec","pathPrefix":"/sec","provider":"origin","auth":["BASIC"]}' >/dev/null
  local key userpass
  key=$($api/tenants/bench/credentials -d '{"type":"BASIC","name":"bench"}')
  userpass=$(python3 -c 'import json,sys; k=json.loads(sys.argv[1]); print(k["username"]+":"+k["password"])' "$key")
  AUTH[$1]="Authorization: Basic $(printf '%s' "$userpass" | base64 -w0)"
}
start_gatehouse A "$1" 18100 18101
start_gatehouse B "$2" 18200 18201
configure A 18100
configure B 18200
declare -A PORT=([A]=18101 [B]=18201)

rps() { # name route -> requests/s of one 10 s round at c=32
  local extra=()
  [ "$2" = sec ] && extra=(-H "${AUTH[$1]}")
  wrk -t2 -c32 -d"${DURATION:-10s}" "${extra[@]}" "http://127.0.0.1:${PORT[$1]}/bench/$2/x" \
    | awk '/Requests\/sec/ {printf "%d", $2}'
}
echo "warm-up (JIT): both builds, both routes, 8 x 5 s each ..."
for _ in $(seq 1 8); do
  for name in A B; do
    DURATION=5s rps "$name" pub >/dev/null
    DURATION=5s rps "$name" sec >/dev/null
  done
done
RATIOS_PUB=(); RATIOS_SEC=()
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order=(A B); else order=(B A); fi
  declare -A R=()
  for name in "${order[@]}"; do
    R[$name-pub]=$(rps "$name" pub)
    R[$name-sec]=$(rps "$name" sec)
  done
  printf 'round %d  public A %6d B %6d   basic A %6d B %6d req/s\n' "$round" "${R[A-pub]}" "${R[B-pub]}" \
    "${R[A-sec]}" "${R[B-sec]}"
  RATIOS_PUB+=("$(awk -v a="${R[A-pub]}" -v b="${R[B-pub]}" 'BEGIN { printf "%.4f", b / a }')")
  RATIOS_SEC+=("$(awk -v a="${R[A-sec]}" -v b="${R[B-sec]}" 'BEGIN { printf "%.4f", b / a }')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "B / A, median over $ROUNDS rounds: public $(median "${RATIOS_PUB[@]}")x  basic $(median "${RATIOS_SEC[@]}")x"
echo "per-round B / A: public ${RATIOS_PUB[*]}  basic ${RATIOS_SEC[*]}"
echo "logs: $WORK"
