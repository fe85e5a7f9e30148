#!/usr/bin/env bash
# Runs one of the Spark jobs on this machine without a Spark installation: Spark in local mode
# (N worker threads, loopback only, no UI) on the test class path, which holds Spark (a provided
# dependency of the project), with the module openings Spark needs on Java 17 (from pom.xml's
# spark.java.options, the same the tests use).
# Usage: eval/spark-local.sh N org.lmrescore.spark.SparkRescore [rescore options...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads=$1
shift
opens=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$root/pom.xml")
cp=$("$root/eval/test-classpath.sh")
export SPARK_LOCAL_IP=127.0.0.1  # loopback only, as the tests
# shellcheck disable=SC2086 # the options split into words on purpose
exec java ${LMRESCORE_JAVA_OPTS:--Xmx4g} -XX:+UseParallelGC --add-modules jdk.incubator.vector $opens \
  -Dspark.master="local[$threads]" -Dspark.ui.enabled=false -Dspark.driver.bindAddress=127.0.0.1 \
  -Dspark.driver.host=127.0.0.1 -cp "$cp" "$@"
