#!/usr/bin/env bash
# Writes the bridge's class-data-sharing archive (AppCDS): ready in ~1.5 s instead of ~3 s.
#
#   deploy/make-cds.sh [jar] [archive]      defaults: target/sms-bridge.jar, <jar dir>/sms-bridge.jsa
#
# Run it from the directory the bridge runs in (application.properties, routes/, providers/,
# config/). It starts the jar once on a throwaway H2 database and a spare port, waits until
# /observe/health/ready answers 200, and stops it with SIGTERM; the JVM writes the archive as it
# exits. Then start the bridge with
#   java -XX:SharedArchiveFile=<archive> -Xshare:auto -jar <jar>
# Make it again after upgrading the jar or the JDK: a stale archive is ignored (-Xshare:auto), which
# costs only the speed-up.
set -euo pipefail
JAR=${1:-target/sms-bridge.jar}
ARCHIVE=${2:-$(dirname "$JAR")/sms-bridge.jsa}
PORT=${CDS_PORT:-18199}
[[ -f "$JAR" ]] || { echo "make-cds: no jar at $JAR (build it: mvn -B -ntp -DskipTests package)" >&2; exit 1; }
TMP=$(mktemp -d)
PID=
trap '{ [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; } || true; rm -rf "$TMP"' EXIT
ready() {
    if command -v curl >/dev/null; then
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/observe/health/ready") == 200 ]]
    else
        wget -q -O /dev/null "http://127.0.0.1:$PORT/observe/health/ready"
    fi
}
# a throwaway training run: demo mode lets the example directory's dev defaults stand in for keys
DEMO=true CAMEL_SERVER_HOST=127.0.0.1 CAMEL_SERVER_PORT=$PORT DB_URL="jdbc:h2:file:$TMP/cds;DB_CLOSE_ON_EXIT=FALSE" \
    DB_USER=sa DB_PASSWORD= java -XX:ArchiveClassesAtExit="$ARCHIVE" -Xmx256m -jar "$JAR" >"$TMP/bridge.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
    ready && break
    kill -0 "$PID" 2>/dev/null || { tail -20 "$TMP/bridge.log" >&2; echo "make-cds: the bridge did not start" >&2; exit 1; }
    sleep 0.1
done
ready || { echo "make-cds: the bridge was not ready after 60 s (log: $TMP/bridge.log)" >&2; exit 1; }
kill -TERM "$PID"
wait "$PID" || true
[[ -s "$ARCHIVE" ]] || { tail -20 "$TMP/bridge.log" >&2; echo "make-cds: no archive written" >&2; exit 1; }
echo "make-cds: wrote $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
