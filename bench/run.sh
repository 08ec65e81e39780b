#!/usr/bin/env bash
# sms-bridge benchmark, loopback only, bounded in time. Results: target/bench/<stamp>/results.tsv
#
#   bench/run.sh            full run: H2, Kannel (durable spool), PostgreSQL, interleaved
#   bench/run.sh --smoke    ~10 s of load: H2 only, open loop, no Kannel (what .ci/run runs)
#   bench/run.sh --startup  time to ready, 3 starts each without and with an AppCDS class archive
#   bench/run.sh --sustained  H2 only: after WARM_SECONDS of closed-loop outbound, outbound open loop at
#                           RATE for SUSTAINED_SECONDS (900); latency per minute (per-minute.tsv) and
#                           every 30 s the H2 file's size and the writer's meters (h2-file.tsv): how the
#                           tail and the file move as the database grows, which a 20 s cell does not show
#
# Knobs (environment): SECONDS_PER_CELL (20), RATE (1000, open loop), CONC (16, closed loop),
# DBS ("h2 pg"), KANNEL (1: run the Kannel peer between the databases; needs root), KANNEL_PEER
# (the peer harness's run.sh, default bench/peers/kannel/run.sh; skipped when it is not there),
# SOAK_SECONDS (120: RSS over a sustained open-loop run; 0 skips), SOAK_RATE (150/s), XMX (256m),
# WARM_SECONDS (60 per leg, before the measured cells), WRK (1: also drive outbound and inbound with
# wrk against an nginx sink, the Kannel peer's harness; needs wrk and nginx, skipped without them),
# CELLS (leg:mode pairs measured after the warm-up; the default is every leg closed, then open),
# LEAD_IN (3 s: an open-loop cell first sends this long at its rate, unrecorded, so that its window
# measures the bridge's steady state and not the load generator's own cold start).
set -uo pipefail
cd "$(dirname "$0")/.."

SMOKE=0
STARTUP_ONLY=0
SUSTAINED=0
[[ "${1:-}" == "--smoke" ]] && SMOKE=1
[[ "${1:-}" == "--startup" ]] && STARTUP_ONLY=1
[[ "${1:-}" == "--sustained" ]] && SUSTAINED=1
SECS=${SECONDS_PER_CELL:-20}
RATE=${RATE:-1000}
CONC=${CONC:-16}
DBS=${DBS:-"h2 pg"}
KANNEL=${KANNEL:-1}
SOAK=${SOAK_SECONDS:-120}
SOAK_RATE=${SOAK_RATE:-150}
XMX=${XMX:-256m}
WARM=${WARM_SECONDS:-60}
WRK=${WRK:-1}
LEAD_IN=${LEAD_IN:-3}
CELLS=${CELLS:-"ceiling:closed outbound:closed inbound:closed callbacks:closed outbound:open inbound:open"}
command -v wrk >/dev/null && command -v nginx >/dev/null || WRK=0
if (( SMOKE )); then SECS=3; RATE=200; DBS=h2; KANNEL=0; SOAK=0; WRK=0; LEAD_IN=1; fi

PORT=18181
SINK_PORT=18182
STAMP=$(date +%Y%m%d-%H%M%S)
OUT=target/bench/$STAMP
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
BRIDGE_PID=

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
cleanup() { [[ -n "$BRIDGE_PID" ]] && kill "$BRIDGE_PID" 2>/dev/null || true; }
trap 'cleanup; stop_nginx' EXIT

[[ -f target/sms-bridge.jar ]] || mvn -B -ntp -DskipTests package

start_bridge() { # $1 = label, $2 = db url, $3 = db user
    for _ in $(seq 1 100); do ss -ltn "sport = :$PORT" | grep -q LISTEN || break; sleep 0.2; done
    ss -ltn "sport = :$PORT" | grep -q LISTEN && { log "port $PORT is taken by another process"; exit 1; }
    log "starting the bridge ($1, -Xmx$XMX)"
    local t0; t0=$(date +%s%N)
    BENCH_SINK=http://127.0.0.1:$SINK_PORT CAMEL_SERVER_HOST=127.0.0.1 CAMEL_SERVER_PORT=$PORT \
        DIRECTORY_FILE=bench/directory.yaml ROUTES_CUSTOM_DIR=bench/routes DB_URL="$2" DB_USER="$3" \
        java -Xmx"$XMX" ${JAVA_EXTRA:-} -jar target/sms-bridge.jar >"$OUT/bridge-$1.log" 2>&1 &
    BRIDGE_PID=$!
    for _ in $(seq 1 600); do
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/observe/health/ready") == 200 ]]; then
            local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
            log "ready after $ms ms"
            printf '%s\tready_ms\t%s\n' "$1" "$ms" >>"$OUT/startup.tsv"
            return
        fi
        kill -0 "$BRIDGE_PID" 2>/dev/null || { tail -20 "$OUT/bridge-$1.log"; exit 1; }
        sleep 0.05
    done
    log "the bridge did not become ready in 30 s"; exit 1
}

stop_bridge() { # graceful: SIGTERM, in-flight work finishes or stays in the outbox
    local t0; t0=$(date +%s%N)
    kill -TERM "$BRIDGE_PID"
    timeout 60 tail --pid="$BRIDGE_PID" -f /dev/null || kill -9 "$BRIDGE_PID"
    log "stopped in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
    BRIDGE_PID=
}

# Each Bench process brings its own sinks, so the bridge's pooled connections to the last one are closed.
# Its HTTP client checks a pooled connection only after 2 s idle (HttpClient's validateAfterInactivity):
# sooner, a send on a closed one fails (NoHttpResponseException), and five such failures open the
# carrier's circuit for 10 s, which a measured window must not hold. So each Bench starts 2.5 s after the last.
sink_gap() { sleep 2.5; }

cell() { # label leg mode [extra args]
    local label=$1 leg=$2 mode=$3; shift 3
    sink_gap
    log "cell $label $leg $mode"
    timeout $(( SECS * 3 + 240 )) java bench/Bench.java --leg "$leg" --mode "$mode" --rate "$RATE" --conc "$CONC" \
        --seconds "$SECS" --bridge "http://127.0.0.1:$PORT" --sink-port "$SINK_PORT" --pid "$BRIDGE_PID" \
        --label "$label" --out "$RESULTS" --timeline "$OUT/timeline-$label-$leg-$mode.tsv" --lead-in "$LEAD_IN" \
        ${WRITES_CMD:+--writes-cmd "$WRITES_CMD"} "$@" >/dev/null
}

# --- wrk cells: the Kannel peer's harness (wrk, one thread; nginx sink), for a like-with-like ratio.
# No per-message end-to-end latency (the sink cannot read the tags without a body-reading module):
# accepted/s and accept latency from wrk, delivered/s from the sink's log, as in Kannel's RESULTS.md.
NGINX_PID=
start_nginx() {
    local dir=$OUT/nginx; mkdir -p "$dir/tmp"
    nginx -p "$dir/" -c "$PWD/bench/wrk/nginx-sink.conf" >"$dir/nginx.out" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 1 100); do ss -ltn "sport = :$SINK_PORT" | grep -q LISTEN && return; sleep 0.1; done
    log "nginx sink did not start: $(cat "$dir/nginx.out" "$dir/error.log" 2>/dev/null)"; exit 1
}
stop_nginx() {
    [[ -n "$NGINX_PID" ]] || return 0
    kill -QUIT "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null; NGINX_PID=
    for _ in $(seq 1 50); do ss -ltn "sport = :$SINK_PORT" | grep -q LISTEN || return; sleep 0.1; done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# bytes written for the cell's messages: the bridge's own (H2 is in its process) or, when WRITES_CMD
# is set (the PostgreSQL runs, where the server writes: its WAL position), what that command prints;
# -1 when it cannot be read, so that the cell says "-" rather than a made-up 0
write_bytes() {
    local b
    if [[ -n "${WRITES_CMD:-}" ]]; then
        b=$(sh -c "$WRITES_CMD" 2>/dev/null | cut -d. -f1)
    else
        b=$(awk '/^write_bytes:/ {print $2}' "/proc/$1/io" 2>/dev/null)
    fi
    [[ $b =~ ^[0-9]+$ ]] && echo "$b" || echo -1
}
sink_count() { # uri since-epoch-seconds
    awk -v u="$1" -v t="$2" '$2 == u && $1 >= t { n++ } END { print n + 0 }' "$OUT/nginx/sink.log" 2>/dev/null || echo 0
}
wrk_cell() { # label leg: wrk -c$CONC for $SECS at the bridge, then drain at most 60 s
    local label=$1 leg=$2 uri; uri=$([[ $leg == outbound ]] && echo /didww/outbound_messages || echo /platform)
    log "cell $label $leg wrk c$CONC"
    local t0 c0 tick w0; t0=$(date +%s.%N); c0=$(cpu_ticks "$BRIDGE_PID"); tick=$(getconf CLK_TCK)
    w0=$(write_bytes "$BRIDGE_PID")
    local sum; sum=$(timeout $(( SECS + 30 )) wrk -t1 -c"$CONC" -d"${SECS}s" --timeout 10s -s bench/wrk/legs.lua \
        "http://127.0.0.1:$PORT" -- "$leg" "$label-$leg-$RANDOM" | grep WRKSUM)
    local c1 t1; c1=$(cpu_ticks "$BRIDGE_PID"); t1=$(date +%s.%N)
    local rss; rss=$(awk '/VmRSS/{printf "%d", $2/1024}' "/proc/$BRIDGE_PID/status")
    local req dur non2xx errs p50 p99
    read -r req dur non2xx errs p50 p99 < <(sed -E 's/[a-z0-9_]+=//g; s/WRKSUM //' <<<"$sum")
    local ok=$(( req - non2xx ))
    sleep 1.2 # nginx flushes its log buffer every second
    local in_window; in_window=$(awk -v u="$uri" -v a="$t0" -v b="$t1" '$2 == u && $1 >= a && $1 <= b { n++ } END { print n + 0 }' "$OUT/nginx/sink.log")
    local total last prev=-1 waited=0
    while :; do
        total=$(sink_count "$uri" "$t0")
        (( total >= ok || total == prev || waited >= 60 )) && break
        prev=$total; sleep 2; waited=$(( waited + 2 ))
    done
    last=$(awk -v u="$uri" -v a="$t0" '$2 == u && $1 >= a { l = $1 } END { printf "%.3f", l }' "$OUT/nginx/sink.log")
    local w1 wb=-1; w1=$(write_bytes "$BRIDGE_PID")
    (( w0 >= 0 && w1 >= 0 )) && wb=$(( w1 - w0 ))
    awk -v l="$label" -v g="$leg" -v c="$CONC" -v t1="$t1" -v ok="$ok" -v bad="$(( non2xx + errs ))" \
        -v win="$in_window" -v tot="$total" -v t0="$t0" -v last="$last" -v p50="$p50" -v p99="$p99" \
        -v cpu="$(( c1 - c0 ))" -v tick="$tick" -v rss="$rss" -v wb="$wb" 'BEGIN {
            w = t1 - t0; e2e = last > t0 ? tot / (last - t0) : 0
            printf "%s\t%s\twrk\t%d\t%.1f\t%d\t%.0f\t%.0f\t%.0f\t%d\t%d\t%.1f\t%.1f\t%.0f\t%d\t%s\n", l, g, c, w, ok, ok / w,
                win / w, e2e, bad, (ok > tot ? ok - tot : 0), p50 / 1000, p99 / 1000, cpu * 100 / tick / w, rss,
                (wb < 0 ? "-" : tot > 0 ? sprintf("%.1f", wb / 1024 / tot) : "0.0") }' >>"$OUT/wrk.tsv"
}

bridge_run() { # label db-url db-user
    start_bridge "$1" "$2" "$3"
    if (( SMOKE )); then
        cell "$1" outbound open
        cell "$1" inbound open
    else
        # warm-up, not reported: every leg's code paths through the JIT (C2 still took a third of the
        # CPU after 10 s; a gateway runs for days, the figures are for its steady state)
        for leg in outbound inbound callbacks; do
            sink_gap
            timeout $(( WARM + 120 )) java bench/Bench.java --leg $leg --mode closed --conc "$CONC" --seconds "$WARM" \
                --bridge "http://127.0.0.1:$PORT" --sink-port "$SINK_PORT" >/dev/null
        done
        for c in $CELLS; do cell "$1" "${c%:*}" "${c#*:}"; done
        if (( WRK )); then
            sink_gap
            start_nginx
            wrk_cell "$1" outbound
            wrk_cell "$1" inbound
            stop_nginx
        fi
        if (( SOAK > 0 )); then
            log "soak: outbound open loop at $SOAK_RATE/s for $SOAK s, RSS every 10 s"
            ( for _ in $(seq 1 $(( SOAK / 10 + 2 ))); do
                  printf '%s\t%s\t%s\n' "$1" "$(date +%s)" "$(awk '/VmRSS/{print $2}' /proc/$BRIDGE_PID/status)"
                  sleep 10
              done ) >>"$OUT/rss.tsv" &
            local sampler=$!
            SECS=$SOAK RATE=$SOAK_RATE cell "$1-soak" outbound open
            kill $sampler 2>/dev/null || true
        fi
    fi
    stop_bridge
}

kannel_run() {
    local peer="${KANNEL_PEER:-bench/peers/kannel/run.sh}"
    [[ -x "$peer" ]] || { log "no Kannel peer at $peer (set KANNEL_PEER to its run.sh)"; return; }
    log "Kannel 1.4.5, durable spool, c$CONC, ${SECS} s windows"
    MODES=spool CONCURRENCY=$CONC LEGS="mt mo" DURATION=$SECS WARMUP=5 BASELINE_SECS=0 KEEP_SINK_LOGS=0 \
        timeout 900 "$peer" >"$OUT/kannel.log" 2>&1 || log "Kannel run failed: see $OUT/kannel.log"
    cp "$(ls -t /tmp/kannel-peer/results/summary-*.tsv | head -1)" "$OUT/kannel-summary.tsv" 2>/dev/null || true
}

if (( STARTUP_ONLY )); then
    H2URL="jdbc:h2:file:./$OUT/h2/sms-bridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
    for i in 1 2 3; do start_bridge plain "$H2URL" sa; stop_bridge; done
    # the archive as deployments make it (deploy/make-cds.sh: one training start)
    deploy/make-cds.sh target/sms-bridge.jar "$OUT/sms-bridge.jsa" >&2
    for i in 1 2 3; do JAVA_EXTRA="-XX:SharedArchiveFile=$OUT/sms-bridge.jsa -Xshare:auto" start_bridge appcds "$H2URL" sa; stop_bridge; done
    cat "$OUT/startup.tsv"
    exit 0
fi

if (( SUSTAINED )); then
    start_bridge h2 "jdbc:h2:file:./$OUT/h2/sms-bridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0${H2_EXTRA:-}" sa
    log "warm-up: outbound closed loop, $WARM s"
    timeout $(( WARM + 120 )) java bench/Bench.java --leg outbound --mode closed --conc "$CONC" --seconds "$WARM" \
        --bridge "http://127.0.0.1:$PORT" --sink-port "$SINK_PORT" >/dev/null
    # every 30 s: the file's size and the bridge's cumulative writer, compaction and GC meters
    ( t0=$(date +%s)
      while kill -0 "$BRIDGE_PID" 2>/dev/null; do
          printf '%s\t%s\t' $(( $(date +%s) - t0 )) $(( $(stat -c %s "$OUT/h2/sms-bridge.mv.db") >> 20 ))
          curl -s "http://127.0.0.1:$PORT/observe/metrics" | awk '
              { v[$1] += $2 } /^jvm_gc_pause_seconds_sum/ { gc += $NF }
              END { printf "%s\t%s\t%s\t%s\t%s\t%s\n", v["smsbridge_db_commits_total"] + 0,
                    v["smsbridge_db_transactions_total"] + 0, v["smsbridge_db_writer_busy_seconds_total"] + 0,
                    v["smsbridge_db_fsync_seconds_total"] + 0, v["smsbridge_h2_compaction_seconds_total"] + 0, gc + 0 }'
          sleep 30
      done ) >"$OUT/meters-raw.tsv" &
    sampler=$!
    SECS=${SUSTAINED_SECONDS:-900} cell h2-sustained outbound open --per-minute "$OUT/per-minute.tsv"
    kill $sampler 2>/dev/null
    stop_bridge
    # per interval: commits a second, transactions per commit, and the share of wall time the writer was
    # busy, forcing to disk, compacting (under H2's store lock) and in GC pauses
    awk -F'\t' 'BEGIN { OFS = "\t"; print "seconds", "file_mb", "commits_per_s", "tx_per_commit", "writer_busy_pct",
                         "fsync_pct", "compaction_pct", "gc_pause_pct" }
        NF == 8 { if (n++) { dt = $1 - t; dc = $3 - c
                      print $1, $2, sprintf("%.0f", dc / dt), dc ? sprintf("%.1f", ($4 - x) / dc) : "-",
                            sprintf("%.1f", ($5 - b) / dt * 100), sprintf("%.1f", ($6 - f) / dt * 100),
                            sprintf("%.1f", ($7 - k) / dt * 100), sprintf("%.1f", ($8 - g) / dt * 100) }
                  else print $1, $2, "-", "-", "-", "-", "-", "-"
                  t = $1; c = $3; x = $4; b = $5; f = $6; k = $7; g = $8 }' "$OUT/meters-raw.tsv" >"$OUT/h2-file.tsv"
    column -t -s $'\t' "$RESULTS"; column -t -s $'\t' "$OUT/per-minute.tsv"; column -t -s $'\t' "$OUT/h2-file.tsv"
    log "results in $OUT"
    exit 0
fi

first=1
for db in $DBS; do
    case $db in
        h2) bridge_run h2 "jdbc:h2:file:./$OUT/h2/sms-bridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0${H2_EXTRA:-}" sa ;;
        pg)
            pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 || \
                pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
            psql -h 127.0.0.1 -U postgres -d test -qc 'DROP DATABASE IF EXISTS sms_bridge_bench' \
                -c 'CREATE DATABASE sms_bridge_bench' >/dev/null
            WRITES_CMD="psql -h 127.0.0.1 -U postgres -d sms_bridge_bench -Atc \"SELECT pg_current_wal_lsn() - '0/0'\"" \
                bridge_run pg "jdbc:postgresql://127.0.0.1:5432/sms_bridge_bench" postgres ;;
    esac
    if (( first && KANNEL )); then kannel_run; fi
    first=0
done

log "results in $RESULTS"
column -t -s $'\t' "$RESULTS"
if [[ -f "$OUT/wrk.tsv" ]]; then
    printf 'label\tleg\tgenerator\tconc\twindow_s\taccepted\taccepted_per_s\tdelivered_in_window_per_s\tend_to_end_per_s\terrors\tnot_delivered\taccept_p50_ms\taccept_p99_ms\tbridge_cpu_pct\tbridge_rss_mb\twrite_kb_per_msg\n' \
        | cat - "$OUT/wrk.tsv" > "$OUT/wrk-results.tsv"
    column -t -s $'\t' "$OUT/wrk-results.tsv"
fi
[[ -f "$OUT/startup.tsv" ]] && cat "$OUT/startup.tsv"
[[ -f "$OUT/kannel-summary.tsv" ]] && column -t -s $'\t' "$OUT/kannel-summary.tsv"
if (( SMOKE )); then
    # the smoke run checks the harness and the bridge work, not speed: each leg accepted messages, answered
    # no request with an error, and every accepted message completed (columns accepted, errors, not_completed)
    awk -F'\t' 'NR > 1 && ($7 == 0 || $11 != 0 || $12 != 0) { bad = 1 } END { exit bad }' "$RESULTS" \
        || { log "smoke run: a leg accepted nothing, answered with errors or lost messages"; exit 1; }
fi
