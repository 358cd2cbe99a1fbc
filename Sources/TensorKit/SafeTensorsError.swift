// Every message the safetensors reader and writer can give, built here so the wording lives in one
// place (and a test pins each). Names from a file are shown escaped and cut short: a hostile key
// cannot put control characters on the terminal or a megabyte into a message.

extension TensorError {
    /// A file that breaks the safetensors format: `load: 'm.safetensors' is not a valid safetensors file (...)`.
    static func safetensors(_ file: String, _ detail: String) -> TensorError {
        TensorError("load: '\(file)' is not a valid safetensors file (\(detail))")
    }

    /// A well-formed file holding a tensor whose element type nns does not read (F16, BF16, I64, ...).
    static func safetensorsDType(_ file: String, key: String, dtype: String) -> TensorError {
        TensorError("load: '\(file)': tensor \(SafeTensorsText.quoted(key)) has dtype \(SafeTensorsText.quoted(dtype)), which nns does not read (it reads F32 and F64; in PyTorch convert with .float() or .double() before saving)")
    }

    /// Writing a file whose tensors or metadata cannot be stored.
    static func safetensorsWrite(_ file: String, _ detail: String) -> TensorError {
        TensorError("save: cannot write '\(file)' as safetensors (\(detail))")
    }
}

/// Details of safetensors messages, one factory each.
enum SafeTensorsText {
    static func tooShort(size: Int) -> String {
        "it is \(size) bytes long, shorter than the 8-byte header length that starts every safetensors file"
    }
    static func headerTooLarge(_ n: UInt64) -> String {
        "the header length \(n) is over the 100 MB limit"
    }
    static func headerPastEnd(_ n: UInt64, fileSize: Int) -> String {
        "the header length \(n) runs past the end of the file (\(fileSize) bytes)"
    }
    static func notUTF8(at offset: Int) -> String {
        "the header is not UTF-8 text (bad byte at header offset \(offset))"
    }
    static func json(_ what: String, at offset: Int) -> String {
        "the header is not valid JSON: \(what) at header offset \(offset)"
    }
    static func duplicate(_ key: String, in place: String) -> String {
        "the key \(quoted(key)) appears twice in \(place)"
    }
    static func notAnObject(_ key: String) -> String {
        "the entry of \(quoted(key)) is not an object with dtype, shape and data_offsets"
    }
    static func missing(_ field: String, _ key: String) -> String {
        "tensor \(quoted(key)) has no '\(field)'"
    }
    static func badShape(_ key: String, _ why: String) -> String {
        "tensor \(quoted(key)): 'shape' must be a list of whole numbers ≥ 0 (\(why))"
    }
    static func badOffsets(_ key: String, _ why: String) -> String {
        "tensor \(quoted(key)): 'data_offsets' must be [begin, end] with 0 ≤ begin ≤ end (\(why))"
    }
    static func unknownDType(_ key: String, _ dtype: String) -> String {
        "tensor \(quoted(key)) has an unknown dtype \(quoted(dtype))"
    }
    static func dtypeNotString(_ key: String) -> String {
        "tensor \(quoted(key)): 'dtype' must be a string such as \"F64\""
    }
    static func sizeMismatch(_ key: String, shape: [Int], dtype: String, needed: String, held: Int) -> String {
        "tensor \(quoted(key)): shape \(shape) of \(dtype) needs \(needed) bytes, but its data_offsets hold \(held)"
    }
    static func overlap(_ key: String, _ previous: String) -> String {
        "the data of tensors \(quoted(previous)) and \(quoted(key)) overlap"
    }
    static func gap(from: Int, to: Int, before key: String) -> String {
        "bytes \(from)..<\(to) of the data, before tensor \(quoted(key)), belong to no tensor"
    }
    static func pastEnd(_ key: String, end: Int, dataSize: Int) -> String {
        "tensor \(quoted(key)) ends at byte \(end) of the data, but the file holds only \(dataSize) bytes of data (it is truncated or its header is wrong)"
    }
    static func trailing(_ count: Int) -> String {
        "\(count) bytes after the last tensor's data belong to no tensor"
    }
    static func badMetadata(_ why: String) -> String {
        "'__metadata__' must map names to strings (\(why))"
    }

    /// A name from a file as messages show it: in quotes, control characters escaped, at most 80
    /// characters (the rest elided).
    static func quoted(_ name: String) -> String {
        var out = ""
        var shown = 0
        for scalar in name.unicodeScalars {
            if shown == 80 { out += "…"; break }
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            case 0x27: out += "\\'"
            case 0x5C: out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
            shown += 1
        }
        return "'\(out)'"
    }
}
