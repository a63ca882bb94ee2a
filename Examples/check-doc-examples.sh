#!/usr/bin/env bash
# Fails unless each documentation page holds its example verbatim: the ```swift (or ```c) block after
# the marker (`<!-- readme-example -->` in the README, `<!-- example: NAME -->` in the DocC articles)
# must be the example package's Sources/NAME/main.swift, which `make example` builds and runs, or
# (`<!-- deploy-example -->`) Examples/Deploy/cartpole.c, which ExportTests compiles and runs.
set -euo pipefail
cd "$(dirname "$0")/.."
examples=Examples/CustomEnvironment/Sources
failed=0
check() {  # PAGE MARKER FILE [LANGUAGE]
    local page=$1 marker=$2 target=$3 language=${4:-swift} extracted
    extracted=$(awk -v marker="$marker" -v fence="\`\`\`$language" '$0 == marker { found = 1; next } found && $0 == fence { inside = 1; next } inside && /^```$/ { exit } inside { print }' "$page")
    if [ -z "$extracted" ]; then echo "$page has no $language block after $marker" >&2; failed=1; return; fi
    if ! diff -u <(printf '%s\n' "$extracted") "$target"; then
        echo "$page's example differs from $target: keep them identical" >&2
        failed=1
        return
    fi
    echo "$page: example matches $target"
}
check README.md '<!-- readme-example -->' "$examples/readme-example/main.swift"
check Sources/Agents/Agents.docc/YourOwnEnvironment.md '<!-- example: readme-example -->' "$examples/readme-example/main.swift"
check Sources/Agents/Agents.docc/TrainingFromCode.md '<!-- example: library-example -->' "$examples/library-example/main.swift"
check README.md '<!-- deploy-example -->' Examples/Deploy/cartpole.c c
exit $failed
