#!/usr/bin/env bash
# `make docs`: the DocC archives of the library modules (swift-docc-plugin), failing on any warning,
# whether DocC's (an unresolved link, a bad topic) or the compiler's; then the relative links of the
# Markdown pages and the examples the pages must hold verbatim.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package generate-documentation --target Engine --target Environments --target Agents --warnings-as-errors 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then echo "make docs: the documentation did not build (exit $status)" >&2; exit 1; fi
if grep -q 'warning:' "$log"; then
    echo "make docs: warnings while building the documentation:" >&2
    grep 'warning:' "$log" >&2
    exit 1
fi
bash Scripts/check-doc-links.sh || exit 1
bash Examples/check-doc-examples.sh || exit 1
echo "documentation archives in .build/plugins/Swift-DocC/outputs"
