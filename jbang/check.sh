#!/usr/bin/env bash
# Runs the bridge with Camel JBang exactly as the README documents (through jbang/camel), sends one
# message through the sandbox, waits for its delivery and the sandbox's echo reply, and stops it.
# Needs the project installed in the local Maven repository (mvn -DskipTests install).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${JBANG_CHECK_PORT:-18191}
WORK=$(mktemp -d)
LOG=target/jbang-check.log
KEY=dev-acme-api-key-change-me
mkdir -p target
log() { printf '[jbang-check] %s\n' "$*" >&2; }

# its own process group (setsid), so stopping the group stops what this script started and nothing else
setsid jbang/camel run application.properties jbang/jbang.properties routes/*.camel.yaml \
    --dep=io.smsbridge:sms-bridge:0.1.0-SNAPSHOT \
    --property=camel.server.host=127.0.0.1 --property=camel.server.port=$PORT \
    --property=camel.management.port=$PORT --property=demo=true \
    --property="db.url=jdbc:h2:file:$WORK/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" >"$LOG" 2>&1 &
PID=$!
stop() {
    kill -TERM -- "-$PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap stop EXIT

for _ in $(seq 1 240); do   # the first run downloads Camel JBang's own dependencies
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/observe/health") == 200 ]] && break
    kill -0 "$PID" 2>/dev/null || { tail -40 "$LOG"; log "camel run exited"; exit 1; }
    sleep 0.5
done
log "ready: $(grep -ao 'Apache Camel [0-9.]* (sms-bridge) started in [^ ]*' "$LOG" | head -1)"

answer=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/messages" -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' \
    -d '{"from":"+15550100001","to":"+12025550143","extension":"102","domain":"acme.example","content":"Hi from JBang"}')
id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$answer")
[[ -n "$id" && "$id" != "$answer" ]] || { log "send refused: $answer"; exit 1; }
for _ in $(seq 1 40); do
    list=$(curl -s "http://127.0.0.1:$PORT/api/v1/messages?number=%2B15550100001&contact=%2B12025550143" \
        -H "Authorization: Bearer $KEY")
    if grep -q '"content":"Echo: Hi from JBang"' <<<"$list" && grep -q "\"id\":\"$id\",\"direction\":\"outbound\",\"status\":\"delivered\"" <<<"$list"; then
        log "message $id delivered through the sandbox, echo reply stored: OK"
        # the bridge's own meters reach the metrics endpoint under JBang too (its own class loader)
        # read it whole first: grep -q stops at the first match, and under pipefail curl's broken pipe failed the test
        metrics=$(curl -s "http://127.0.0.1:$PORT/observe/metrics")
        if ! grep -q '^smsbridge_db_commits_total' <<<"$metrics"; then
            log "no smsbridge_db_* meters on /observe/metrics"
            exit 1
        fi
        log "database meters on /observe/metrics: OK"
        exit 0
    fi
    sleep 0.5
done
log "no delivery within 20 s: $list"
exit 1
