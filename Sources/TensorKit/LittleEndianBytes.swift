// Elements as the little-endian IEEE-754 bytes that binary tensor files hold (safetensors, ONNX's
// raw_data): one copy of the storage on little-endian machines, a byte swap elsewhere.

extension Tensor {
    /// `values` as little-endian bytes: 8 a Float64, or 4 a Float32 (each rounded to nearest).
    public static func littleEndianBytes(_ values: [Double], float32: Bool = false) -> [UInt8] {
        let size = float32 ? 4 : 8
        return [UInt8](unsafeUninitializedCapacity: values.count * size) { out, initialized in
            guard let base = out.baseAddress else { initialized = 0; return }
            let raw = UnsafeMutableRawPointer(base)
            values.withUnsafeBufferPointer { v in
                if float32 {
                    let f = raw.bindMemory(to: UInt32.self, capacity: v.count)
                    for i in 0..<v.count { f[i] = Float(v[i]).bitPattern.littleEndian }
                } else {
                    let d = raw.bindMemory(to: UInt64.self, capacity: v.count)
                    for i in 0..<v.count { d[i] = v[i].bitPattern.littleEndian }
                }
            }
            initialized = values.count * size
        }
    }
}
