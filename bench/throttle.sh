#!/usr/bin/env bash
# How well a send rate holds: the bench directory's DIDWW trunk gets `rate: RATE_SET/s` (burst
# BURST), Throttle.java offers OFFER messages/s and counts what reaches the carrier sink over
# WINDOW seconds from the first arrival. H2 by default; DB_URL/DB_USER for PostgreSQL.
#   bench/throttle.sh                       RATE_SET=10 BURST=10 OFFER=20 WINDOW=30
set -euo pipefail
cd "$(dirname "$0")/.."
RATE_SET=${RATE_SET:-10}; BURST=${BURST:-10}; OFFER=${OFFER:-20}; WINDOW=${WINDOW:-30}
PORT=18181; SINK_PORT=18182
OUT=target/bench/throttle-$(date +%Y%m%d-%H%M%S); mkdir -p "$OUT"
[[ -f target/sms-bridge.jar ]] || mvn -B -ntp -DskipTests package
sed "s|^        base-url: \"{{env:BENCH_SINK}}/didww\"|&\n        rate: $RATE_SET/s\n        burst: $BURST|" \
    bench/directory.yaml >"$OUT/directory.yaml"
grep -q "rate: $RATE_SET/s" "$OUT/directory.yaml"
BRIDGE_PID=
trap '[[ -n "$BRIDGE_PID" ]] && kill "$BRIDGE_PID" 2>/dev/null; true' EXIT
BENCH_SINK=http://127.0.0.1:$SINK_PORT CAMEL_SERVER_HOST=127.0.0.1 CAMEL_SERVER_PORT=$PORT \
    DIRECTORY_FILE="$OUT/directory.yaml" DB_URL="${DB_URL:-jdbc:h2:file:./$OUT/db}" DB_USER="${DB_USER:-sa}" \
    java -Xmx256m -jar target/sms-bridge.jar >"$OUT/bridge.log" 2>&1 &
BRIDGE_PID=$!
for _ in $(seq 1 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/observe/health/ready") == 200 ]] && break
    kill -0 "$BRIDGE_PID" || { tail -20 "$OUT/bridge.log"; exit 1; }
    sleep 0.1
done
java bench/Throttle.java --offer "$OFFER" --window "$WINDOW" --bridge "http://127.0.0.1:$PORT" \
    --sink-port "$SINK_PORT" | tee "$OUT/throttle.tsv"
printf 'rate set: %s/s, burst %s; log %s\n' "$RATE_SET" "$BURST" "$OUT/bridge.log"
