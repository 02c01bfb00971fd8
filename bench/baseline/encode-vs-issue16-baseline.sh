#!/usr/bin/env bash
# Issue 16's encode goal ("encode >= 4x today's throughput on the finance and CRM tables, one thread"), measured
# against the encoder of the day the issue was filed: commit 6a1492b1's columnar module and this checkout's, each
# built here, the same harness (EncodeSameRun.java) compiled against each, run alternately in fresh JVMs
# (PAIRS pairs, 7 by default). Prints each run, then one RATIO line per table: the baseline's median thread CPU
# time over this checkout's (above 1 = faster than the baseline).
#
#   bench/baseline/encode-vs-issue16-baseline.sh            # needs the git history (not a shallow clone)
#   PAIRS=11 MVN_ARGS=-o bench/baseline/encode-vs-issue16-baseline.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
baseline=6a1492b141c9124802c6a250ac87be491f56a02e
pairs=${PAIRS:-7}
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/baseline-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$root" worktree add -q --detach "$work/baseline-tree" "$baseline"
declare -A classpath
for side in baseline current; do
    tree=$root
    [ "$side" = baseline ] && tree=$work/baseline-tree
    (cd "$tree" && mvn -B -q ${MVN_ARGS:-} -pl columnar -am package -DskipTests -Dspotless.check.skip=true \
        && mvn -B -q ${MVN_ARGS:-} -pl columnar dependency:build-classpath -Dmdep.outputFile="$work/$side.cp")
    mkdir "$work/$side"
    classpath[$side]="$work/$side:$tree/columnar/target/lakehouse-columnar-0.1.0-SNAPSHOT.jar:$(cat "$work/$side.cp")"
    javac -d "$work/$side" -cp "${classpath[$side]}" "$root/bench/baseline/EncodeSameRun.java"
done

for i in $(seq "$pairs"); do
    for side in baseline current; do
        echo "# $side run $i, load $(cut -d' ' -f1-3 /proc/loadavg)"
        java -Xmx2g -cp "${classpath[$side]}" EncodeSameRun crm,finance | sed "s/^/$side /" | tee -a "$work/runs.txt"
    done
done

for table in crm finance; do
    awk -v table="$table" '
        $2 == table { ms[$1, ++n[$1]] = $4 }
        function median(side,   i, j, t, k, a) {
            k = n[side]
            for (i = 1; i <= k; i++) a[i] = ms[side, i]
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        }
        END {
            printf "# %s: median encode CPU ms, baseline %.1f, current %.1f\n", table, median("baseline"), median("current")
            printf "RATIO %s.encode_cpu_vs_issue16_baseline %.3f\n", table, median("baseline") / median("current")
        }' "$work/runs.txt"
done
