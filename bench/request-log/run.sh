#!/usr/bin/env bash
# Request log benchmark on an embedded H2 file database: highest sustained write rate with zero drops, the writer's
# drain rate, then 1,000,000 seeded rows and the logs API's page query per filter. Prints numbers; never fails on them.
# Arguments pass through: rows=1000000 seconds=10 rates=5000,10000,20000 dir=/tmp/some-dir (keep the database),
# phase=queries (with the dir of an earlier run: time the queries again), phase=drain (only the writer's drain rate,
# twice).
# Builds in the reactor (package, never install), so the shared ~/.m2 is not touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE=$(mktemp)
source bench/classpath.sh
module_classpath bench/request-log "$CP_FILE"
CP="bench/request-log/target/classes:platform-gateway/target/classes:platform-auth/target/classes:db/target/classes:$(cat "$CP_FILE")"
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$CP" io.gatehouse.gateway.log.RequestLogBench "$@"
