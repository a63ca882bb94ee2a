#!/usr/bin/env bash
# Regenerates Sources/Export/ONNX/onnx-subset.pb.swift from onnx-subset.proto (run after editing the
# schema; the generated file is committed, so builds need neither protoc nor the plugin).
# Needs protoc (here from pip's grpcio-tools: PROTOC="python -m grpc_tools.protoc") and swift-protobuf's
# plugin built at the version Package.swift names (PLUGIN=path/to/protoc-gen-swift).
set -euo pipefail
cd "$(dirname "$0")/../Sources/Export/ONNX"
: "${PLUGIN:?set PLUGIN to the protoc-gen-swift of swift-protobuf (swift build --product protoc-gen-swift in a checkout of its tag)}"
PROTOC=${PROTOC:-protoc}
$PROTOC --proto_path=. --plugin=protoc-gen-swift="$PLUGIN" --swift_out=. --swift_opt=Visibility=Internal onnx-subset.proto
echo "wrote $(pwd)/onnx-subset.pb.swift"
