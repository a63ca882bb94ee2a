#!/usr/bin/env bash
# `make tsan`: builds a3c with ThreadSanitizer (its own scratch path, .build-tsan) and runs short
# trainings that exercise every shared type: A3C with locked updates and A2C on CartPole-v1 and
# LunarLanderContinuous-v3 (observation statistics shared), and A3C Hogwild on CartPole-v1, whose
# races by design are excluded by name in Tools/tsan-suppressions.txt, and a 3-rank distributed
# training over Open MPI. Fails on any report.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --sanitize=thread --scratch-path .build-tsan --product a3c
binary=.build-tsan/release/a3c
export TSAN_OPTIONS="suppressions=$PWD/Tools/tsan-suppressions.txt halt_on_error=0 exitcode=66"
output=$(mktemp)
trap 'rm -f "$output"' EXIT
failed=0
run() {
    echo "tsan: a3c train $*"
    local status=0
    "$binary" train "$@" --seed 1 --progress-interval 5 >"$output" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then echo "tsan: FAILED (exit status $status)"; failed=1; fi
    if grep -q "ThreadSanitizer" "$output"; then
        cat "$output"; echo "tsan: FAILED, ThreadSanitizer reported the above"; failed=1
    else
        tail -n 1 "$output"
    fi
}
run CartPole-v1 --algo a3c --workers 2 --update-mode locked --max-steps 100000
run CartPole-v1 --algo a3c --workers 2 --update-mode hogwild --max-steps 50000
run CartPole-v1 --algo a2c --workers 4 --max-steps 50000
run LunarLanderContinuous-v3 --algo a3c --workers 2 --update-mode locked --max-steps 30000
run LunarLanderContinuous-v3 --algo a2c --workers 2 --max-steps 30000
# Distributed: 3 local ranks (rank 0 serving, 2 worker ranks of 2 threads each) under the sanitizer.
# Open MPI itself is not instrumented: what the sanitizer sees is our code around it.
if command -v mpirun >/dev/null; then
    echo "tsan: mpirun -np 3 a3c train CartPole-v1 --distributed"
    status=0
    OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 timeout 300 mpirun -np 3 --oversubscribe --mca btl self,vader \
        --mca btl_vader_single_copy_mechanism none -x TSAN_OPTIONS "$binary" train CartPole-v1 --distributed --server-only \
        --workers 2 --max-steps 60000 --target 100000 --seed 1 --progress-interval 5 >"$output" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then cat "$output"; echo "tsan: FAILED (exit status $status)"; failed=1
    elif grep -q "ThreadSanitizer" "$output"; then cat "$output"; echo "tsan: FAILED, ThreadSanitizer reported the above"; failed=1
    else tail -n 1 "$output"; fi
else
    echo "tsan: mpirun is missing (make setup installs openmpi-bin): the distributed run is skipped"
fi
if [ "$failed" -ne 0 ]; then exit 1; fi
echo "tsan: no warnings"
