// The JSON header of a safetensors file: what each tensor's entry says (dtype, shape,
// data_offsets) and the optional `__metadata__` strings, with every check a hostile file could
// need — duplicate keys, unknown dtypes, shapes whose byte count disagrees with the offsets,
// offsets that overlap, leave holes or run past the data — before anything is allocated.

/// The element types nns reads and writes in safetensors files.
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    /// IEEE-754 single precision; read widened to Float64 exactly.
    case f32 = "F32"
    /// IEEE-754 double precision: what nns computes in, kept bit for bit.
    case f64 = "F64"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .f32: return 4
        case .f64: return 8
        }
    }

    /// The format's other dtypes: files holding them are valid, but nns does not read them.
    static let others: Set<String> = ["BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32", "U32", "I64", "U64",
                                      "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64"]
}

/// A parsed and checked safetensors header.
struct SafeTensorsHeader {
    /// One tensor's entry: where its bytes are, relative to the start of the data.
    struct Entry {
        var name: String
        var dtype: SafeTensorsDType
        var shape: [Int]
        var begin: Int
        var end: Int
        /// The number of elements (the product of the shape).
        var count: Int
    }

    /// The entries in the order of their data.
    var entries: [Entry]
    /// The `__metadata__` pairs, in the file's order.
    var metadata: [(key: String, value: String)]

    /// The format's limit on the header's length, which keeps a lying length from costing memory.
    static let maxLength = 100_000_000
    /// The most dimensions a tensor may have.
    static let maxRank = 64
    /// How deep the values of fields nns does not read may nest.
    static let maxSkippedDepth = 32

    /// Parses `json` (the header's bytes) and checks it against the `dataSize` bytes after it.
    static func parse(_ json: [UInt8], dataSize: Int, file: String) throws -> SafeTensorsHeader {
        func bad(_ detail: String) -> TensorError { TensorError.safetensors(file, detail) }
        if let at = JSONScanner.firstInvalidUTF8(json) { throw bad(SafeTensorsText.notUTF8(at: at)) }
        var scan = JSONScanner(json, maxDepth: maxSkippedDepth)
        var header = SafeTensorsHeader(entries: [], metadata: [])
        do {
            try scan.expect(UInt8(ascii: "{"), "'{' at the start of the header")
            var seen = Set<String>()
            var first = true
            while let key = try scan.nextKey(first: &first) {
                guard seen.insert(key).inserted else { throw bad(SafeTensorsText.duplicate(key, in: "the header")) }
                if key == "__metadata__" {
                    header.metadata = try metadata(&scan, bad)
                } else {
                    header.entries.append(try entry(key, &scan, file: file))
                }
            }
            try scan.expectEnd()
        } catch let failure as JSONSyntaxError {
            throw bad(SafeTensorsText.json(failure.what, at: failure.offset))
        }
        try header.checkLayout(dataSize: dataSize, bad)
        return header
    }

    /// `__metadata__`: an object whose values are all strings.
    private static func metadata(_ scan: inout JSONScanner, _ bad: (String) -> TensorError) throws -> [(key: String, value: String)] {
        try scan.requireValue()
        guard scan.peek() == UInt8(ascii: "{") else { throw bad(SafeTensorsText.badMetadata("it is not an object")) }
        try scan.expect(UInt8(ascii: "{"), "'{'")
        var pairs: [(key: String, value: String)] = []
        var seen = Set<String>()
        var first = true
        while let key = try scan.nextKey(first: &first) {
            guard seen.insert(key).inserted else { throw bad(SafeTensorsText.duplicate(key, in: "'__metadata__'")) }
            guard scan.peek() == UInt8(ascii: "\"") else {
                throw bad(SafeTensorsText.badMetadata("the value of \(SafeTensorsText.quoted(key)) is not a string"))
            }
            pairs.append((key, try scan.string()))
        }
        return pairs
    }

    /// One tensor's entry: {"dtype": "F64", "shape": [2, 3], "data_offsets": [0, 48]}; other
    /// fields are skipped, as the format's reference reader does.
    private static func entry(_ key: String, _ scan: inout JSONScanner, file: String) throws -> Entry {
        func bad(_ detail: String) -> TensorError { TensorError.safetensors(file, detail) }
        try scan.requireValue()
        guard scan.peek() == UInt8(ascii: "{") else { throw bad(SafeTensorsText.notAnObject(key)) }
        try scan.expect(UInt8(ascii: "{"), "'{'")
        var dtypeName: String?, shape: [Int]?, offsets: [Int]?
        var seen = Set<String>()
        var first = true
        while let field = try scan.nextKey(first: &first) {
            guard seen.insert(field).inserted else {
                throw bad(SafeTensorsText.duplicate(field, in: "the entry of \(SafeTensorsText.quoted(key))"))
            }
            switch field {
            case "dtype":
                try scan.requireValue()
                guard scan.peek() == UInt8(ascii: "\"") else { throw bad(SafeTensorsText.dtypeNotString(key)) }
                dtypeName = try scan.string()
            case "shape":
                do { shape = try scan.wholeNumbers(limit: maxRank) } catch {
                    throw bad(SafeTensorsText.badShape(key, "\(error.what) at header offset \(error.offset)"))
                }
            case "data_offsets":
                do { offsets = try scan.wholeNumbers(limit: 2) } catch {
                    throw bad(SafeTensorsText.badOffsets(key, "\(error.what) at header offset \(error.offset)"))
                }
            default:
                try scan.skipValue()
            }
        }
        guard let dtypeName else { throw bad(SafeTensorsText.missing("dtype", key)) }
        guard let shape else { throw bad(SafeTensorsText.missing("shape", key)) }
        guard let offsets else { throw bad(SafeTensorsText.missing("data_offsets", key)) }
        guard offsets.count == 2 else { throw bad(SafeTensorsText.badOffsets(key, "it has \(offsets.count) numbers")) }
        guard offsets[0] <= offsets[1] else { throw bad(SafeTensorsText.badOffsets(key, "\(offsets[0]) > \(offsets[1])")) }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            if SafeTensorsDType.others.contains(dtypeName) {
                throw TensorError.safetensorsDType(file, key: key, dtype: dtypeName)
            }
            throw bad(SafeTensorsText.unknownDType(key, dtypeName))
        }
        // The element count and byte count, refusing products past 2⁶³.
        var count = 1
        var overflow = false
        for d in shape {
            let (p, o) = count.multipliedReportingOverflow(by: d)
            overflow = overflow || o
            count = p
        }
        let (bytes, o) = count.multipliedReportingOverflow(by: dtype.size)
        let held = offsets[1] - offsets[0]
        guard !overflow, !o, bytes == held else {
            throw bad(SafeTensorsText.sizeMismatch(key, shape: shape, dtype: dtypeName,
                                                   needed: overflow || o ? "more than 2⁶³" : "\(bytes)", held: held))
        }
        return Entry(name: key, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1], count: count)
    }

    /// Sorts the entries by position and checks that they tile the data exactly: the first starts
    /// at 0, each starts where the one before ended (no overlap, no hole), the last ends at the
    /// end of the file (so no bytes hide after it).
    private mutating func checkLayout(dataSize: Int, _ bad: (String) -> TensorError) throws {
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var position = 0
        var previous: String?
        for e in entries {
            if e.begin < position, let previous { throw bad(SafeTensorsText.overlap(e.name, previous)) }
            if e.begin > position { throw bad(SafeTensorsText.gap(from: position, to: e.begin, before: e.name)) }
            guard e.end <= dataSize else { throw bad(SafeTensorsText.pastEnd(e.name, end: e.end, dataSize: dataSize)) }
            position = e.end
            previous = e.name
        }
        guard position == dataSize else { throw bad(SafeTensorsText.trailing(dataSize - position)) }
    }

    /// The header's bytes for `entries` (in order) and `metadata`, padded with spaces so that
    /// the data starts at a multiple of 8 bytes, as the format's reference writer does.
    static func encode(_ entries: [Entry], metadata: [(key: String, value: String)]) -> [UInt8] {
        var parts: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.map { "\(JSONValue.quoted($0.key)):\(JSONValue.quoted($0.value))" }
            parts.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        for e in entries {
            let shape = e.shape.map(String.init).joined(separator: ",")
            parts.append("\(JSONValue.quoted(e.name)):{\"dtype\":\"\(e.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(e.begin),\(e.end)]}")
        }
        var bytes = Array(("{" + parts.joined(separator: ",") + "}").utf8)
        bytes += [UInt8](repeating: 0x20, count: (8 - bytes.count % 8) % 8)
        return bytes
    }
}
