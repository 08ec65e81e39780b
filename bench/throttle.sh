#!/usr/bin/env bash
# How well a send rate holds: the bench directory's DIDWW trunk gets `rate: RATE_SET/s` (burst
# BURST), Throttle.java offers OFFER messages/s and counts what reaches the carrier sink over
# WINDOW seconds from the first arrival. DB=h2 (default) or DB=pg (a fresh database
# sms_bridge_throttle on 127.0.0.1:5432, user postgres).
#   bench/throttle.sh                       RATE_SET=10 BURST=10 OFFER=20 WINDOW=30 DB=h2
set -euo pipefail
cd "$(dirname "$0")/.."
RATE_SET=${RATE_SET:-10}; BURST=${BURST:-10}; OFFER=${OFFER:-20}; WINDOW=${WINDOW:-30}
PORT=18181; SINK_PORT=18182
OUT=target/bench/throttle-$(date +%Y%m%d-%H%M%S); mkdir -p "$OUT"
[[ -f target/sms-bridge.jar ]] || mvn -B -ntp -DskipTests package
sed "s|^        base-url: \"{{env:BENCH_SINK}}/didww\"|&\n        rate: $RATE_SET/s\n        burst: $BURST|" \
    bench/directory.yaml >"$OUT/directory.yaml"
grep -q "rate: $RATE_SET/s" "$OUT/directory.yaml"
DB=${DB:-h2}
if [[ $DB == pg ]]; then
    pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 || \
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    psql -h 127.0.0.1 -U postgres -d test -qc 'DROP DATABASE IF EXISTS sms_bridge_throttle' \
        -c 'CREATE DATABASE sms_bridge_throttle' >/dev/null
    DB_URL=jdbc:postgresql://127.0.0.1:5432/sms_bridge_throttle; DB_USER=postgres
else
    DB_URL="jdbc:h2:file:./$OUT/db"; DB_USER=sa
fi
BRIDGE_PID=
trap '[[ -n "$BRIDGE_PID" ]] && kill "$BRIDGE_PID" 2>/dev/null; true' EXIT
BENCH_SINK=http://127.0.0.1:$SINK_PORT CAMEL_SERVER_HOST=127.0.0.1 CAMEL_SERVER_PORT=$PORT \
    DIRECTORY_FILE="$OUT/directory.yaml" DB_URL="$DB_URL" DB_USER="$DB_USER" \
    java -Xmx256m -jar target/sms-bridge.jar >"$OUT/bridge.log" 2>&1 &
BRIDGE_PID=$!
for _ in $(seq 1 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/observe/health/ready") == 200 ]] && break
    kill -0 "$BRIDGE_PID" || { tail -20 "$OUT/bridge.log"; exit 1; }
    sleep 0.1
done
java bench/Throttle.java --offer "$OFFER" --window "$WINDOW" --bridge "http://127.0.0.1:$PORT" \
    --sink-port "$SINK_PORT" | tee "$OUT/throttle.tsv"
printf 'rate set: %s/s, burst %s, %s; log %s\n' "$RATE_SET" "$BURST" "$DB" "$OUT/bridge.log"
