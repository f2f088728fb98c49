#!/usr/bin/env bash
# Memory of the real bot (issue 14): starts launcher/target/bandura.jar as the README does (console + web, H2 file,
# Lucene index, no chat tokens) on a copy of a database seeded by SearchBenchmark, types 1,000 mixed commands into
# its console (/search, /ask, /unanswered, /top, as SearchBenchmark's last phase), then leaves it idle and prints
# RSS (with its anonymous / file-backed parts), thread count and the process's CPU time per command.
#
#   benchmarks/bot-idle-rss.sh <seeded dir> [JVM flags…]
#
# <seeded dir>: SearchBenchmark's -Dbandura.bench.keep=<dir>/<size>, holding bandura.mv.db and (after a run) search/.
# JVM flags: default the README start command's. Add -XX:NativeMemoryTracking=summary to get jcmd's breakdown.
# Environment: IDLE (seconds idle before the "idle" reading, default 75), WORK (scratch dir, default
# /tmp/bandura-bot-rss), JAR (default launcher/target/bandura.jar), COMMANDS (default 1000), HISTO (a file to write
# the heap's class histogram to after the forced GC).
# The copy's workspace is renamed to the console's, so the console's commands run against all seeded questions, and
# its job queue is emptied: the benchmark's own /ask rounds left escalations due, which would make "idle" busy.
set -euo pipefail
SEEDED=${1:?usage: $0 <seeded dir> [JVM flags...]}
shift
if [ $# -eq 0 ]; then
    set -- -Xmx256m -Xms16m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=15 -XX:G1PeriodicGCInterval=30000 \
        -XX:-G1PeriodicGCInvokesConcurrent -XX:TrimNativeHeapInterval=10000
fi
JAR=$(realpath "${JAR:-launcher/target/bandura.jar}")
WORK=${WORK:-/tmp/bandura-bot-rss}
IDLE=${IDLE:-75}
COMMANDS=${COMMANDS:-1000}

rss() { awk '/^(VmRSS|RssAnon|RssFile|Threads):/ {printf "%s %s  ", $1, ($1=="Threads:") ? $2 : int($2/1024) " MiB"}' \
    "/proc/$1/status"; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
# Types a marker command and waits for its answer: the console answers in order, so all before it is done.
settle() {
    local marker="marker-$RANDOM$RANDOM"
    echo "/as $marker" >&3
    until grep -q "You are now $marker" "$WORK/out.log"; do sleep 0.2; done
}

rm -rf "$WORK" && mkdir -p "$WORK/data"
cp "$SEEDED/bandura.mv.db" "$WORK/data/"
[ -d "$SEEDED/search" ] && cp -r "$SEEDED/search" "$WORK/data/search"
java -cp "$JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/bandura" \
    -sql "UPDATE workspace SET external_id = 'console', name = 'Console' WHERE external_id = 'bench'; DELETE FROM job" \
    >/dev/null

cd "$WORK"
mkfifo in
BANDURA_HTTP_PORT=0 java "$@" -jar "$JAR" <in >out.log 2>err.log &
PID=$!
exec 3>in
echo "flags: $*   load: $(cut -d' ' -f1-3 /proc/loadavg)   $(date -u +%FT%TZ)"
until grep -q 'Knowledge base:' out.log 2>/dev/null; do sleep 1; done
PORT=$(grep -o 'http://127.0.0.1:[0-9]*' out.log | head -1)
settle
echo "started:                $(rss $PID)"

awk -v n="$COMMANDS" 'BEGIN {
    srand(7)
    split("java jvm heap gc thread pool connection database postgres index query cache redis kafka docker container " \
          "kubernetes node cluster deploy service nginx proxy tls dns timeout latency memory cpu disk log metric build " \
          "maven react python go rust api rest json schema migration test ci git merge release error exception crash " \
          "leak slow retry queue worker job batch stream file upload auth token session user login config", tech, " ")
    split("after before when while with without every again still never always random weird big small", filler, " ")
    for (i = 0; i < n; i++) {
        if (i % 4 == 0) { print "/search " words(3) }
        else if (i % 4 == 1) { print "/ask " words(12) " #tag" int(rand() * 20) }
        else if (i % 4 == 2) { print "/unanswered" }
        else { print "/top" }
    }
}
function words(k,   s, j, r) {
    s = ""
    for (j = 0; j < k; j++) {
        r = rand()
        s = s (j ? " " : "") (r < 0.6 ? tech[1 + int(rand() * length(tech))] : r < 0.8 ? filler[1 + int(rand() * length(filler))] : "zq" int(rand() * 20000))
    }
    return s
}' >commands.txt
CPU0=$(cpu_ms $PID)
T0=$(date +%s%N)
(echo '/as bench-user'; cat commands.txt) >&3
for i in $(seq 20); do curl -s -o /dev/null "$PORT/healthz"; curl -s -o /dev/null "$PORT/metrics"; done
settle
CPU1=$(cpu_ms $PID)
T1=$(date +%s%N)
echo "after $COMMANDS commands:   $(rss $PID)  (process CPU $(( (CPU1 - CPU0) * 1000 / COMMANDS )) µs/command," \
    "wall $(( (T1 - T0) / 1000000 / COMMANDS )) ms/command)"
for t in $(seq 15 15 "$IDLE"); do
    sleep 15
    echo "idle ${t} s:             $(rss $PID)"
done
jcmd $PID GC.run >/dev/null
[ -n "${HISTO:-}" ] && jcmd $PID GC.class_histogram > "$HISTO" || true
sleep 3
echo "after a forced GC:      $(rss $PID)"
if jcmd $PID VM.native_memory summary >nmt.txt 2>&1 && grep -q committed nmt.txt; then
    grep -E '^(Total|-)' nmt.txt | sed -E 's/\(reserved=[0-9]+KB, //; s/KB\)/ KB/'
fi
jcmd $PID GC.heap_info | grep -E 'garbage-first|def new|tenured|Metaspace|region size' || true
echo '/quit' >&3
exec 3>&-
wait $PID || true
echo "errors in the bot's output: $(grep -ci 'exception\|error' err.log || true) (see $WORK/err.log)"
