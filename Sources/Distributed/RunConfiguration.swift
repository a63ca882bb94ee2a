import Agents
import Foundation

/// What every rank must share with rank 0 to take part in a run: the build (a hash of the running
/// executable), the environment, the network's parameter count, every hyperparameter and the
/// distributed options. Compared item by item at start, so that a mismatch is named.
struct RunConfiguration: Equatable {
    /// "name=value" items in a fixed order.
    let items: [(name: String, value: String)]

    static func == (a: RunConfiguration, b: RunConfiguration) -> Bool {
        a.items.map(\.name) == b.items.map(\.name) && a.items.map(\.value) == b.items.map(\.value)
    }

    init(build: String, envID: String, parameterCount: Int, hyperparameters: Hyperparameters, options: DistributedOptions,
         resumed: TrainedModel? = nil) {
        var items: [(String, String)] = [("protocol", "1"), ("build", build), ("environment", envID),
                                         ("parameter count", String(parameterCount)),
                                         ("--sync-every", String(options.syncEvery)),
                                         ("--server-only", String(options.serverOnly)),
                                         ("resumed checkpoint", resumed.map(Self.fingerprint) ?? "none")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(hyperparameters),
           let fields = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            for key in fields.keys.sorted() {
                let value = fields[key].flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.fragmentsAllowed, .sortedKeys]) }
                items.append(("hyperparameter " + key, value.map { String(decoding: $0, as: UTF8.self) } ?? "?"))
            }
        }
        self.items = items
    }

    private init(items: [(name: String, value: String)]) { self.items = items }

    /// One line per item, as sent to rank 0.
    var encoded: [UInt8] { Array(items.map { "\($0.name)=\($0.value)" }.joined(separator: "\n").utf8) }

    /// Reads `encoded` bytes (zero padding after them is ignored).
    init(decoding bytes: [UInt8]) {
        let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        items = text.split(separator: "\n").map { line in
            let parts = line.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// How `other` differs from `self` (rank 0's), one readable item per difference.
    func differences(from other: RunConfiguration) -> [String] {
        let mine = Dictionary(items.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let theirs = Dictionary(other.items.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        var result: [String] = []
        for (name, value) in items where theirs[name] != value {
            result.append("\(name) is \(theirs[name] ?? "missing") (rank 0: \(value))")
        }
        for (name, value) in other.items where mine[name] == nil {
            result.append("\(name) is \(value) (rank 0: missing)")
        }
        return result
    }

    /// A checkpoint's steps and a hash of its parameters: "the same checkpoint" on every rank.
    static func fingerprint(_ model: TrainedModel) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in model.parameters { hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01b3 }
        return "\(model.steps) steps, parameters \(String(hash, radix: 16))"
    }

    /// A 64-bit FNV-1a hash of this executable's bytes, in hex: "the same build" on every rank.
    static func buildHash() -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/self/exe") else { return "unknown" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }
}
