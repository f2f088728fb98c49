#!/usr/bin/env bash
# SearchBenchmark at 1M questions on fresh copies of a saved database and search index, so that runs compare like
# with like: every run's own /ask phase adds 750 questions and their expert mentions, which makes the next run's
# routing read more (docs/benchmarks.md, "Night run").
#
#   benchmarks/search-from-snapshot.sh save <seeded dir> <snapshot dir>     # once, after seeding and one run
#   benchmarks/search-from-snapshot.sh run <snapshot dir> <label> [JVM flags…]
#
# <seeded dir>: SearchBenchmark's -Dbandura.bench.keep=<dir>/1000000 (bandura.mv.db and search/).
# JVM flags: default the README start command's. Each run works in <snapshot dir>/run-<label>, deleted after the
# run unless KEEP_RUN=1.
set -euo pipefail
case "${1:-}" in
    save)
        SEEDED=${2:?usage: $0 save <seeded dir> <snapshot dir>}
        SNAPSHOT=${3:?usage: $0 save <seeded dir> <snapshot dir>}
        mkdir -p "$SNAPSHOT"
        cp "$SEEDED/bandura.mv.db" "$SNAPSHOT/bandura.mv.db"
        rm -rf "$SNAPSHOT/search" && cp -r "$SEEDED/search" "$SNAPSHOT/search"
        ;;
    run)
        SNAPSHOT=${2:?usage: $0 run <snapshot dir> <label> [JVM flags...]}
        LABEL=${3:?usage: $0 run <snapshot dir> <label> [JVM flags...]}
        shift 3
        if [ $# -eq 0 ]; then
            set -- -Xmx256m -Xms16m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=15 -XX:G1PeriodicGCInterval=30000 \
                -XX:-G1PeriodicGCInvokesConcurrent -XX:TrimNativeHeapInterval=10000
        fi
        RUN="$SNAPSHOT/run-$LABEL"
        rm -rf "$RUN" && mkdir -p "$RUN/1000000"
        cp "$SNAPSHOT/bandura.mv.db" "$RUN/1000000/bandura.mv.db"
        cp -r "$SNAPSHOT/search" "$RUN/1000000/search"
        echo "$LABEL: load $(cut -d' ' -f1-3 /proc/loadavg)   $(date -u +%FT%TZ)"
        java "$@" -Dbandura.bench.keep="$RUN" -Dbandura.bench.reuseIndex=true \
            -cp benchmarks/target/benchmarks.jar org.bandura.benchmarks.SearchBenchmark 1000000 2>&1 \
            | grep -v ' INFO ' | sed "s/^/$LABEL /"
        # Each copy is the size of the database and index (1.9 GB at 1M): kept only when asked (KEEP_RUN=1).
        [ "${KEEP_RUN:-0}" = 1 ] || rm -rf "$RUN"
        ;;
    *)
        echo "usage: $0 save <seeded dir> <snapshot dir> | run <snapshot dir> <label> [JVM flags...]" >&2
        exit 2
        ;;
esac
