#!/usr/bin/env bash
# The Results table's measurements for one task: `a3c train ID --seed S --save …` with the task's
# defaults for each seed, one run after another, then each checkpoint evaluated again over 100
# deterministic episodes by us (`a3c eval`) and, when GYM_PYTHON names a Python with gymnasium 1.4.0
# (e.g. a venv: `python3 -m venv VENV && VENV/bin/pip install "gymnasium[box2d]==1.4.0"`), by
# gymnasium in its own environment (Benchmarks/gymnasium_check.py).
# Usage: Benchmarks/results.sh ID [SEEDS…] (default seeds 1–5); extra `a3c train` options in TRAIN_OPTIONS.
# Prints one line per seed and a summary; checkpoints and logs go to OUT (default .build/results/ID).
set -uo pipefail
cd "$(dirname "$0")/.."
id=$1; shift
seeds=("$@"); [ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3 4 5)
a3c=.build/release/a3c
[ -x "$a3c" ] || { echo "build first: swift build -c release --product a3c" >&2; exit 2; }
out=${OUT:-.build/results/$(echo "$id" | tr / _)}
mkdir -p "$out"
echo "$id: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo '+changes'), $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores"
solved=0 walls=() ours=() theirs=()
for seed in "${seeds[@]}"; do
    checkpoint="$out/seed$seed.json"
    # shellcheck disable=SC2086
    "$a3c" train "$id" --seed "$seed" --save "$checkpoint" --progress-interval 1000 ${TRAIN_OPTIONS:-} >"$out/seed$seed.log" 2>&1
    done_line=$(grep '^done' "$out/seed$seed.log")
    confirmations=$(grep -c 'confirming evaluation at' "$out/seed$seed.log")
    wall=$(sed -n 's/^done ([a-zA-Z]*): \([0-9.]*\) s wall, \([0-9]*\) steps.*/\1/p' <<<"$done_line")
    steps=$(sed -n 's/^done ([a-zA-Z]*): \([0-9.]*\) s wall, \([0-9]*\) steps.*/\2/p' <<<"$done_line")
    status=unsolved
    if grep -q '^done (solved)' <<<"$done_line"; then status=solved; solved=$((solved + 1)); walls+=("$wall"); fi
    our=$("$a3c" eval "$checkpoint" --episodes 100 --deterministic 2>&1 | sed -n 's/.*return \(-\{0,1\}[0-9.]*\) ± .*/\1/p' | tail -n 1)
    their=—
    if [ -n "${GYM_PYTHON:-}" ]; then
        their=$("$GYM_PYTHON" Benchmarks/gymnasium_check.py "$checkpoint" --episodes 100 2>&1 | sed -n 's/^return: \(-\{0,1\}[0-9.]*\) ± .*/\1/p')
    fi
    echo "seed $seed: $status, $wall s, $steps steps, $confirmations confirming evaluations; ours $our, gymnasium ${their:-failed}"
done
median=—
if [ ${#walls[@]} -gt 0 ]; then median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'); fi
echo "$id: $solved/${#seeds[@]} solved, median wall s of the solved $median"
