#!/usr/bin/env bash
# Links one libFuzzer target (Fuzz/NAME.swift) against the package's modules that `make fuzz` built
# with -sanitize=fuzzer,address -enable-testing in .build/fuzz: A3CCommands and everything it
# depends on (the checkpoint fuzzer needs only Agents' part, and the linker keeps only what is used).
# Usage: Fuzz/link.sh SOURCE OUTPUT
set -euo pipefail
cd "$(dirname "$0")/.."
source=$1 output=$2
build=.build/fuzz/release
yams_include=.build/fuzz/checkouts/Yams/Sources/CYaml/include
swift_modules="SeededRandom FileOutput Engine Environments MuJoCoEnvironments Agents Plotting TensorBoard Distributed Rendering MuJoCoRendering Export A3CCommands ArgumentParser ArgumentParserToolInfo Yams SwiftProtobuf"
c_modules="CKernels CBox2D CMuJoCo CMuJoCoRender CYaml"
flags=(-I "$build/Modules" -Xcc -I -Xcc "$yams_include" -Xcc "-fmodule-map-file=$yams_include/module.modulemap")
for m in CKernels CBox2D CMuJoCo CMuJoCoRender; do flags+=(-Xcc "-fmodule-map-file=$build/$m.build/module.modulemap" -Xcc -I -Xcc "Sources/$m/include"); done
for m in CBLAS CMPI CCairo CGIF; do flags+=(-Xcc "-fmodule-map-file=Sources/$m/module.modulemap"); done
for f in $(pkg-config --cflags ompi-c cairo); do flags+=(-Xcc "$f"); done
objects=()
for m in $swift_modules $c_modules; do
    while IFS= read -r o; do objects+=("$o"); done < <(find "$build/$m.build" -name '*.o')
done
log="$output.link.log"
if ! swiftc -O -parse-as-library -sanitize=fuzzer,address "$source" "${flags[@]}" "${objects[@]}" \
    $(pkg-config --libs ompi-c cairo) -lgif -lopenblas -llapacke -lbox2d -lmujoco -lEGL -lstdc++ -o "$output" >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
