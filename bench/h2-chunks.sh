#!/usr/bin/env bash
# What H2's commits write, from a bench database: pages and bytes per chunk (one chunk = one commit),
# by map, leaf against inner page. Usage: bench/h2-chunks.sh target/bench/<stamp>/h2/sms-bridge.mv.db
# Map 0 is the store's own directory (map roots and chunks); the others are tables and indexes,
# named by bench/H2MapNames.java (a table's rows are the map named <table>_data).
set -euo pipefail
db=${1:?usage: $0 path/to/sms-bridge.mv.db (the bridge must be stopped)}
h2=$(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | sort -V | tail -1)
read -r -d '' summarise <<'PY' || true
import re, sys, os, statistics, collections
names = dict(l.rstrip("\n").split("\t", 1) for l in open(os.environ["MAP_NAMES"]) if "\t" in l)
names["0"] = "(store directory)"
chunks = []
for line in sys.stdin:
    if "chunkHeader" in line:
        d = dict(kv.split(":", 1) for kv in line.split("chunkHeader ")[1].strip().split(","))
        chunks.append({"len": int(d["len"], 16) * 4096, "maps": collections.Counter(),
                       "bytes": collections.Counter(), "kind": collections.Counter()})
    elif chunks:
        m = re.match(r"\+\w+ (node|leaf), map (\w+), \d+ entries, (\d+) bytes", line)
        if m:
            c = chunks[-1]
            c["maps"][m.group(2)] += 1
            c["bytes"][m.group(2)] += int(m.group(3))
            c["kind"][m.group(1)] += int(m.group(3))
# compaction rewrites (large chunks) are not commits
commits = [c for c in chunks if c["len"] < 400_000]
if not commits:
    sys.exit("no chunks found")
n = len(commits)
total = sum(sum(c["bytes"].values()) for c in commits)
kind = sum((c["kind"] for c in commits), collections.Counter())
size = statistics.median(c["len"] for c in commits) / 1024
pages = statistics.median(sum(c["maps"].values()) for c in commits)
print("%d commit chunks (of %d); median %.0f KB on disk, %.0f pages" % (n, len(chunks), size, pages))
print("leaf %.0f %%, inner %.0f %%" % (100 * kind["leaf"] / total, 100 * kind["node"] / total))
per_map = sum((c["bytes"] for c in commits), collections.Counter())
count = sum((c["maps"] for c in commits), collections.Counter())
print("map\tbytes/commit\tpages/commit\tshare")
for m, b in per_map.most_common():
    print("%s\t%.0f\t%.1f\t%.0f %%" % (names.get(m, m), b / n, count[m] / n, 100 * b / total))
PY
MAP_NAMES=$(mktemp)
trap 'rm -f "$MAP_NAMES"' EXIT
export MAP_NAMES
java -cp "$h2" "$(dirname "$0")/H2MapNames.java" "$(realpath "${db%.mv.db}")" >"$MAP_NAMES"
timeout 600 java -cp "$h2" org.h2.mvstore.MVStoreTool -dump "$db" 2>&1 \
    | grep -E '^[0-9a-f]{8} chunkHeader|^\+[0-9a-f]{8} (node|leaf)' \
    | python3 -c "$summarise"
