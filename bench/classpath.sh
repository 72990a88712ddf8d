# Sourced by the benches: module_classpath MODULE FILE packages MODULE with what it needs (in the reactor, never
# install) and writes its runtime dependency classpath to FILE. Offline first (fast); on a fresh machine the
# dependency plugin is not in ~/.m2 yet, so it is fetched once.
module_classpath() {
  local module=$1 file=$2
  build() { mvn -B -q "$@" -Pbench package dependency:build-classpath -DskipTests -pl "$module" -am \
      -Dmdep.outputFile="$file" -Dmdep.includeScope=runtime; }
  build -o >/dev/null 2>&1 || build >/dev/null \
    || { echo "build failed: mvn -B -Pbench package -DskipTests -pl $module -am shows why"; return 1; }
}
