#!/usr/bin/env bash
# Installs the two Temporal servers from package registries only (Go module
# proxy, Maven Central) into a cache outside the repository, once. The SDK's own
# download from the internet is never used: party networks are air-gapped.
set -euo pipefail

CACHE="${PIPELINE_CACHE_DIR:-$HOME/.cache/party-pipeline}"
CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"            # newest tag whose go.mod has no replace directive
TEST_SERVER_VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.38.0}"
BIN="$CACHE/bin"
mkdir -p "$BIN"

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup-servers: '$1' is required ($2)" >&2; exit 1; }; }

# --- Temporal CLI (dev server) ------------------------------------------------
cli="$BIN/temporal"
if [ -x "$cli" ] && [ "$(cat "$BIN/temporal.version" 2>/dev/null)" = "$CLI_VERSION" ]; then
  echo "setup-servers: temporal CLI $CLI_VERSION cached at $cli"
else
  need go "install Go 1.22+ to build the Temporal CLI from its module"
  echo "setup-servers: building temporal CLI $CLI_VERSION from its Go module (first time only, a few minutes)"
  CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$BIN" go install "github.com/temporalio/cli/cmd/temporal@$CLI_VERSION"
  echo "$CLI_VERSION" > "$BIN/temporal.version"
fi

# --- Java time-skipping test server ------------------------------------------
ts_dir="$CACHE/test-server/$TEST_SERVER_VERSION"
wrapper="$BIN/temporal-test-server"
if [ -f "$ts_dir/.complete" ] && [ -x "$wrapper" ] && grep -q "$ts_dir" "$wrapper"; then
  echo "setup-servers: java test server $TEST_SERVER_VERSION cached at $ts_dir"
else
  need java "install a JDK 11+ to run Temporal's time-skipping test server"
  need mvn "install Maven to fetch io.temporal:temporal-test-server"
  echo "setup-servers: fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION with Maven"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.pipeline</groupId><artifactId>test-server-deps</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEST_SERVER_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
POM
  rm -rf "$ts_dir"; mkdir -p "$ts_dir/lib"
  mvn -q -B -f "$work/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$ts_dir/lib"
  # A class-data-sharing archive cuts the JVM's start on a 2-core machine, well inside the SDK's ~5 s wait.
  java -XX:ArchiveClassesAtExit="$ts_dir/app.jsa" -cp "$ts_dir/lib/*" io.temporal.testserver.TestServer 0 >/dev/null 2>&1 &
  pid=$!; sleep 6; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  cat > "$wrapper" <<WRAP
#!/bin/sh
# Temporal's Java time-skipping test server; arguments as the native binary's (port first).
cds=""
[ -f "$ts_dir/app.jsa" ] && cds="-XX:SharedArchiveFile=$ts_dir/app.jsa -Xshare:auto"
exec java \$cds -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$ts_dir/lib/*" io.temporal.testserver.TestServer "\$@"
WRAP
  chmod +x "$wrapper"
  touch "$ts_dir/.complete"
fi
echo "setup-servers: ready in $BIN"
