#!/usr/bin/env bash
# Fails unless each documentation page holds its example verbatim: the ```swift block after the
# marker (`<!-- readme-example -->` in the README, `<!-- example: NAME -->` in the DocC articles) must
# be the example package's Sources/NAME/main.swift, which `make example` builds and runs.
set -euo pipefail
cd "$(dirname "$0")/.."
examples=Examples/CustomEnvironment/Sources
failed=0
check() {  # PAGE MARKER NAME
    local page=$1 marker=$2 target="$examples/$3/main.swift" extracted
    extracted=$(awk -v marker="$marker" '$0 == marker { found = 1; next } found && /^```swift$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' "$page")
    if [ -z "$extracted" ]; then echo "$page has no swift block after $marker" >&2; failed=1; return; fi
    if ! diff -u <(printf '%s\n' "$extracted") "$target"; then
        echo "$page's example differs from $target: keep them identical" >&2
        failed=1
        return
    fi
    echo "$page: example matches $target"
}
check README.md '<!-- readme-example -->' readme-example
check Sources/Agents/Agents.docc/YourOwnEnvironment.md '<!-- example: readme-example -->' readme-example
check Sources/Agents/Agents.docc/TrainingFromCode.md '<!-- example: library-example -->' library-example
exit $failed
