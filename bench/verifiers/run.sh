#!/usr/bin/env bash
# JMH: time to verify one warm request per scheme (Basic, AWS SigV4, JWT HS256). Prints numbers; never fails on them.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -Pbench install -DskipTests -pl bench/verifiers -am
CP_FILE=$(mktemp)
mvn -B -q -Pbench -pl bench/verifiers dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
java -cp "bench/verifiers/target/classes:$(cat "$CP_FILE")" org.openjdk.jmh.Main "${@:-VerifierBenchmark}"
