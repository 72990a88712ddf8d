#!/usr/bin/env bash
# The JVM floor for bench/run.sh: wrk against nginx proxy_pass and against a bare Netty proxy (BareNettyProxy.java,
# no Gatehouse features, same Netty version as the gateway) in front of the same nginx upstream, interleaved.
# Shows how much of the gap between Gatehouse and nginx is the JVM and Netty themselves. Never fails on numbers.
# Needs: nginx, wrk (apt-get install -y nginx-light wrk). Builds the gateway module (package, never install) for its
# classpath.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
LOOPS=${LOOPS:-2}
WORK=$(mktemp -d /tmp/gatehouse-netty-floor.XXXX)
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "install nginx and wrk first"; exit 1; }
source bench/classpath.sh
module_classpath platform-gateway "$WORK/cp"
CP=$(tr ':' '\n' < "$WORK/cp" | grep '/io/netty/' | paste -sd:)   # the gateway's own Netty jars, nothing else
javac -cp "$CP" -d "$WORK/classes" bench/netty-floor/BareNettyProxy.java

source bench/nginx.sh
start_nginx
java -cp "$WORK/classes:$CP" BareNettyProxy 18102 127.0.0.1 18080 "$LOOPS" > "$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
trap 'stop_nginx; kill $PROXY_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -sf http://127.0.0.1:18102/x >/dev/null && break; sleep 1; done

echo "warm-up (JIT) ..."
wrk -t2 -c32 -d20s http://127.0.0.1:18102/x >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (c=32, 10s each)"
  for target in nginx:18090 netty:18102; do
    wrk -t2 -c32 -d10s --latency "http://127.0.0.1:${target#*:}/x" | awk -v name="${target%%:*}" '
      /Requests\/sec/ {rps=$2} $1=="99%" {p99=$2} /Non-2xx|Socket errors/ {errors=errors $0 " "}
      END {printf "%-6s %10s req/s   p99 %8s   %s\n", name, rps, p99, errors == "" ? "no errors" : errors}'
  done
done
