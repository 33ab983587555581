# Sourced by the bench/*.sh wrappers of the Java benchmarks (gateway test sources, package
# dev.easel.gateway.bench): builds what is missing or older than its sources, prints the
# machine, runs one benchmark class with -Dbench.* settings, and prints the load average
# before and after. Run the wrappers from anywhere; they cd to the repository root.

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"
}

# Newer than $1 (a file): any main source, the catalog or a pom.
stale() {
  [ ! -f "$1" ] || [ -n "$(find pom.xml model-catalog.yaml ./*/pom.xml ./*/src/main -newer "$1" -print -quit)" ]
}

build() {
  if stale gateway/target/easel-gateway.jar; then
    echo "building gateway/target/easel-gateway.jar"
    ./mvnw -B -q -DskipTests package
  fi
  if stale gateway/target/test-classpath.txt \
     || [ -n "$(find gateway/src/test -newer gateway/target/test-classpath.txt -print -quit)" ]; then
    echo "compiling the benchmarks and writing the test classpath"
    ./mvnw -B -q -pl gateway -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
    touch gateway/target/test-classpath.txt
  fi
}

# run_benchmark CLASS -Dbench.x=y ...  (CLIENT_HEAP: the benchmark JVM's -Xmx, default 1g)
run_benchmark() {
  local class=$1; shift
  build
  machine
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd gateway && java "-Xmx${CLIENT_HEAP:-1g}" \
    -Dbench.jar="$PWD/target/easel-gateway.jar" -Deasel.catalog="$PWD/../model-catalog.yaml" \
    -Dbench.easelJvmArgs="${GATEWAY_JVM_ARGS:-}" "$@" \
    -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "dev.easel.gateway.bench.$class")
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
