#!/usr/bin/env bash
# `make test-distributed`: distributed A3C over Open MPI on this machine (issue #13).
#   1. local:  3 ranks (rank 0 server only, 2 worker ranks x 1 thread) train CartPole-v1 to 475,
#              confirmed by rank 0's deterministic evaluation of the global parameters;
#              rank 0 writes the TensorBoard events.
#   1b. confirm-every: 2 ranks, a scheduled confirming evaluation every 100k steps of a 300k-step run.
#   2. netns:  2 ranks in two network namespaces joined by a veth pair, their messages over TCP
#              between the namespaces' own addresses; CartPole-v1 to 475. Needs root (ip netns).
#   3. kill:   a worker rank killed with SIGKILL mid-run: the job ends within 10 s, rank 0 having named
#              the intact checkpoint (on SIGTERM, or at its last periodic save if mpirun did not
#              forward that line), and that checkpoint loads.
# Every process and namespace it starts is removed when it exits, also when a test fails.
# `test-distributed.sh --kill-only N` runs only the kill case, N times in a row (it must pass every time).
# Open MPI refuses to run as root unless both OMPI_ALLOW_RUN_AS_ROOT variables are set: they are.
set -u
cd "$(dirname "$0")/.."
kill_runs=""
if [ "${1:-}" = "--kill-only" ]; then
    kill_runs=${2:-}
    [[ "$kill_runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [--kill-only RUNS]"; exit 2; }
fi
A3C="$PWD/.build/release/a3c"
[ -x "$A3C" ] || { echo "build a3c first: swift build -c release --product a3c"; exit 2; }
command -v mpirun >/dev/null || { echo "mpirun is missing: make setup installs openmpi-bin"; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Shared memory between local ranks without single-copy (CMA needs ptrace rights that containers often lack).
LOCAL_MCA=(--oversubscribe --mca btl self,vader --mca btl_vader_single_copy_mechanism none)
TRAIN=(train CartPole-v1 --distributed --workers 1 --seed 1 --progress-interval 1)
NS_A=a3c-mpi-a NS_B=a3c-mpi-b SUBNET=10.213.7
work=$(mktemp -d /tmp/a3c-distributed.XXXXXX)
launched=()

cleanup() {
    for pid in "${launched[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${launched[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null
    done
    # Ranks started in this run (each carries A3C_TEST_RUN=$work), and whatever runs in the namespaces.
    for pid in $(pgrep -x a3c); do
        tr '\0' '\n' 2>/dev/null < "/proc/$pid/environ" | grep -qx "A3C_TEST_RUN=$work" && kill -KILL "$pid" 2>/dev/null
    done
    for ns in $NS_A $NS_B; do
        if ip netns list 2>/dev/null | grep -qw "$ns"; then
            for pid in $(ip netns pids "$ns"); do kill -KILL "$pid" 2>/dev/null; done
            ip netns del "$ns"
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export A3C_TEST_RUN="$work"

passed=0 failed=0
report() {  # NAME STATUS [WHY]
    if [ "$2" = ok ]; then passed=$((passed + 1)); echo "PASS $1"; else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}
solved() {  # OUTPUT_FILE: rank 0 printed a solved run
    grep -q '^done (solved)' "$1" && grep -q '^solved at' "$1"
}

if [ -z "$kill_runs" ]; then
# 1. Three ranks on one machine.
echo "== 1. local: mpirun -np 3, rank 0 server only, 2 worker ranks x 1 thread, CartPole-v1 to 475"
timeout 300 mpirun -np 3 "${LOCAL_MCA[@]}" "$A3C" "${TRAIN[@]}" --server-only --max-steps 20000000 \
    --tensorboard "$work/events" >"$work/local.out" 2>&1
status=$?
tail -n 5 "$work/local.out"
event_files=$(ls "$work/events" 2>/dev/null | grep -c '^events\.out\.tfevents\.')
if [ $status -ne 0 ] || ! solved "$work/local.out"; then report local fail "exit $status, not solved"
elif ! grep -q '^confirming evaluation at .* over 100 episodes.* ≥ 475: confirmed$' "$work/local.out" \
    || ! grep -q '^confirmed by a deterministic evaluation' "$work/local.out"; then
    report local fail "solved without rank 0's confirming evaluation"
elif [ "$event_files" != 1 ] || [ ! -s "$work/events/$(ls "$work/events")" ]; then
    report local fail "expected one non-empty TensorBoard event file from rank 0, found $event_files"
else report local ok; fi

# 1b. Scheduled confirming evaluations: --confirm-every works across ranks too.
echo "== 1b. confirm-every: mpirun -np 2, a confirming evaluation every 100000 steps, 300000 steps"
timeout 120 mpirun -np 2 "${LOCAL_MCA[@]}" "$A3C" "${TRAIN[@]}" --max-steps 300000 --confirm-every 100000 \
    --confirm-episodes 5 >"$work/scheduled.out" 2>&1
status=$?
grep '^scheduled\|^final evaluation\|^done' "$work/scheduled.out"
scheduled=$(grep -c '^scheduled confirming evaluation at [0-9]* steps' "$work/scheduled.out")
if [ $status -ne 0 ]; then report confirm-every fail "exit $status"
elif [ "$scheduled" -lt 2 ]; then report confirm-every fail "$scheduled scheduled confirming evaluations, expected at least 2"
else report confirm-every ok; fi

# 2. Two hosts: a rank in each of two network namespaces, over TCP across a veth pair.
echo "== 2. netns: 2 ranks in namespaces $NS_A ($SUBNET.1) and $NS_B ($SUBNET.2), TCP over a veth pair"
netns_test() {
    ip netns add $NS_A && ip netns add $NS_B || return 1
    ip link add a3c-veth-a type veth peer name a3c-veth-b || return 1
    ip link set a3c-veth-a netns $NS_A && ip link set a3c-veth-b netns $NS_B || return 1
    ip -n $NS_A addr add $SUBNET.1/24 dev a3c-veth-a && ip -n $NS_B addr add $SUBNET.2/24 dev a3c-veth-b || return 1
    for pair in "$NS_A a3c-veth-a" "$NS_B a3c-veth-b"; do
        set -- $pair
        ip -n "$1" link set lo up && ip -n "$1" link set "$2" up || return 1
    done
    # Open MPI's rsh launcher calls `AGENT HOST COMMAND...`: run COMMAND in the namespace that owns HOST.
    cat >"$work/agent" <<AGENT
#!/bin/sh
host=\$1; shift
case \$host in
    $SUBNET.1) ns=$NS_A ;;
    $SUBNET.2) ns=$NS_B ;;
    *) echo "agent: unknown host \$host" >&2; exit 1 ;;
esac
echo "\$ns" >>"$work/agent.log"
exec ip netns exec "\$ns" env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 A3C_TEST_RUN="$work" sh -c "\$*"
AGENT
    chmod +x "$work/agent"
    ip netns exec $NS_A timeout 300 mpirun -np 2 --host $SUBNET.1,$SUBNET.2 --mca plm_rsh_agent "$work/agent" \
        --mca btl self,tcp --mca btl_tcp_if_include $SUBNET.0/24 --mca oob_tcp_if_include $SUBNET.0/24 \
        "$A3C" "${TRAIN[@]}" --max-steps 20000000 >"$work/netns.out" 2>&1
}
netns_test
status=$?
tail -n 4 "$work/netns.out" 2>/dev/null
rx=$(ip -n $NS_B -s -j link show a3c-veth-b 2>/dev/null | grep -o '"rx":{"bytes":[0-9]*' | grep -o '[0-9]*$')
echo "bytes received by $NS_B's end of the veth pair: ${rx:-unknown}; agent ran in: $(sort -u "$work/agent.log" 2>/dev/null | tr '\n' ' ')"
if [ $status -ne 0 ]; then report netns fail "exit $status (see above)"
elif ! solved "$work/netns.out"; then report netns fail "not solved"
elif ! grep -qx "$NS_B" "$work/agent.log"; then report netns fail "no rank was started in $NS_B"
elif [ "${rx:-0}" -lt 100000 ]; then report netns fail "only ${rx:-0} bytes crossed the veth link"
else report netns ok; fi

fi

# 3. A worker rank killed mid-run (and, unless --kill-only, the resume of its checkpoint).
kill_test() {
    echo "== 3. kill: rank 2 of 3 killed with SIGKILL once a periodic checkpoint exists"
    checkpoint="$work/killed.json"
    mpirun -np 3 "${LOCAL_MCA[@]}" "$A3C" "${TRAIN[@]}" --server-only --target 100000 --max-steps 1000000000 \
        --max-seconds 200 --save "$checkpoint" --save-every 1 >"$work/kill.out" 2>&1 &
    job=$!
    launched+=("$job")
    for _ in $(seq 1 240); do [ -s "$checkpoint" ] && break; sleep 0.5; done
    victim=""
    for pid in $(pgrep -x a3c); do
        environment=$(tr '\0' '\n' 2>/dev/null < "/proc/$pid/environ")
        if grep -qx "A3C_TEST_RUN=$work" <<<"$environment" && grep -qx 'OMPI_COMM_WORLD_RANK=2' <<<"$environment"; then victim=$pid; fi
    done
    if [ ! -s "$checkpoint" ] || [ -z "$victim" ]; then
        report kill fail "no checkpoint within 120 s or rank 2 not found"
    else
        start=$(date +%s%N)
        kill -KILL "$victim"
        ended=no
        for _ in $(seq 1 100); do kill -0 "$job" 2>/dev/null || { ended=yes; break; }; sleep 0.1; done
        elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
        wait "$job" 2>/dev/null
        grep -v '^ *[0-9.]*s \|^checkpoint' "$work/kill.out" | grep -v '^-*$' | head -n 12
        echo "the job ended $elapsed ms after the kill"
        if [ $ended != yes ]; then report kill fail "still running 10 s after the kill"
        elif ! account=$(grep -o '^a3c: rank 0: .*the checkpoint [^ ]* from step [0-9]* is intact' "$work/kill.out" | tail -n 1
                         grep -o '^checkpoint [^ ]* saved at step [0-9]*' "$work/kill.out" | tail -n 1) \
            || ! account=$(head -n 1 <<<"$account") || [ -z "$account" ]; then
            report kill fail "rank 0 named no intact checkpoint (neither on SIGTERM nor at a periodic save)"
        elif ! "$A3C" eval "$checkpoint" --episodes 3 --seed 1 >"$work/eval.out" 2>&1; then
            report kill fail "the checkpoint does not load: $(cat "$work/eval.out")"
        else
            # mpirun may stop forwarding output before rank 0's SIGTERM line arrives: the line printed
            # at each periodic save is then the account, and it was printed before the kill.
            if grep -q '^a3c: rank 0: ' <<<"$account"; then echo "rank 0 on SIGTERM: ${account#a3c: rank 0: }"
            else echo "rank 0's SIGTERM line was not forwarded; its last periodic save: $account"; fi
            tail -n 1 "$work/eval.out"
            report kill ok
            [ -n "$kill_runs" ] && return
            # The same checkpoint continues the run on 3 ranks.
            echo "== 3b. resume: the killed run continues from its checkpoint"
            timeout 120 mpirun -np 3 "${LOCAL_MCA[@]}" "$A3C" train --resume "$checkpoint" --distributed --server-only --workers 1 \
                --max-seconds 2 --progress-interval 1 >"$work/resume.out" 2>&1
            status=$?
            grep '^resuming\|^done' "$work/resume.out"
            saved=$(grep -o 'step [0-9]*' <<<"$account" | grep -o '[0-9]*')
            final=$(grep -o '^done ([a-zA-Z]*): [0-9.]* s wall, [0-9]* steps' "$work/resume.out" | grep -o '[0-9]* steps' | grep -o '[0-9]*')
            if [ $status -eq 0 ] && grep -q "^resuming $checkpoint at $saved steps" "$work/resume.out" && [ "${final:-0}" -gt "${saved:-0}" ]; then
                report resume ok
            else
                report resume fail "exit $status; checkpoint at ${saved:-?} steps, resumed run ended at ${final:-?}"
            fi
        fi
    fi
}
if [ -n "$kill_runs" ]; then
    for run in $(seq 1 "$kill_runs"); do echo "-- kill run $run of $kill_runs"; kill_test; rm -f "$work/killed.json"; done
else
    kill_test
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
