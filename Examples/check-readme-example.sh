#!/usr/bin/env bash
# Fails unless the README's "Train your own environment" code is, verbatim, the example package's
# readme-example/main.swift (which `make example` builds and runs).
set -euo pipefail
cd "$(dirname "$0")/.."
target=Examples/CustomEnvironment/Sources/readme-example/main.swift
extracted=$(awk '/<!-- readme-example -->/ { found = 1; next } found && /^```swift$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' README.md)
if [ -z "$extracted" ]; then echo "README.md has no block after <!-- readme-example -->" >&2; exit 1; fi
if ! diff -u <(printf '%s\n' "$extracted") "$target"; then
    echo "README.md's example differs from $target: keep them identical" >&2
    exit 1
fi
echo "README example matches $target"
