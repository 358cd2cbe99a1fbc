// Access: reading and writing parts of values — `x[i]`, `x[a:b]`, `x.f`, iteration by `for`,
// bracket literals (tensor or list) and `a..b` as a value. Tensors go through TensorKit's
// `indexed`/`assign`; lists and strings use the same 0-based, negative-from-the-end rules.
import TensorKit

/// One evaluated entry of an index expression.
enum IndexValue {
    case at(Value)
    case slice(Value?, Value?, Value?)
}

enum Access {
    // MARK: reading

    /// `base[indices]`.
    static func index(_ base: Value, _ indices: [IndexValue], context: ScriptContext) throws(ScriptError) -> Value {
        switch base {
        case .tensor(let t):
            if t.rank == 1, indices.count == 1, case .at(.number(let x)) = indices[0] {
                // Fast path for v[i] on a vector.
                let n = t.count
                if x == x.rounded(), x > -Double(n) - 1, x < Double(n) {
                    let i = Int(x)
                    if i >= 0 && i < n { return .number(t.storage[i]) }
                    if i < 0 && i + n >= 0 { return .number(t.storage[i + n]) }
                }
            }
            let ix = try tensorIndices(indices)
            do { return Operators.wrap(try t.indexed(ix)) } catch { throw Interpreter.scriptError(error) }
        case .list(let l):
            guard indices.count == 1 else { throw ScriptError.runtime("a list takes one index, got \(indices.count)") }
            switch indices[0] {
            case .at(let v):
                return l.items[try position(v, count: l.items.count, what: "list")]
            case .slice(let a, let b, let c):
                return .list(ListBox(try sliced(l.items.count, a, b, c).map { l.items[$0] }))
            }
        case .string(let s):
            guard indices.count == 1 else { throw ScriptError.runtime("a string takes one index, got \(indices.count)") }
            let chars = Array(s)
            switch indices[0] {
            case .at(let v):
                return .string(String(chars[try position(v, count: chars.count, what: "string")]))
            case .slice(let a, let b, let c):
                return .string(String(try sliced(chars.count, a, b, c).map { chars[$0] }))
            }
        case .record(let r):
            guard indices.count == 1, case .at(.string(let key)) = indices[0] else {
                throw ScriptError.runtime("a record is indexed by a field name string (r[\"lr\"]) or read as r.lr")
            }
            guard let v = r[key] else { throw noField(r, key) }
            return v
        case .number, .bool, .none, .function, .object:
            throw ScriptError.runtime("a \(base.kindName) cannot be indexed")
        }
    }

    /// `base.name`.
    static func member(_ base: Value, _ name: String, context: ScriptContext) throws(ScriptError) -> Value {
        switch base {
        case .record(let r):
            guard let v = r[name] else { throw noField(r, name) }
            return v
        case .object(let o):
            do { return fieldValue(try o.field(name, context: context), of: o, name) } catch { throw Interpreter.scriptError(error) }
        case .tensor(let t):
            switch name {
            case "shape": return .list(ListBox(t.shape.map { .number(Double($0)) }, readOnly: ReadOnlyList.shape))
            case "T":
                // A transpose is a new copy (a vector or number comes back as it is).
                if t.rank >= 2 { do { try Tensor.checkRoom(forCopyOf: t) } catch { throw Interpreter.scriptError(error) } }
                return .tensor(t.reversedAxes())
            case "size": return .number(Double(t.count))
            case "rank": return .number(Double(t.rank))
            default: throw ScriptError.runtime("a tensor has no field '\(name)' (fields: shape, T, size, rank)")
            }
        case .list(let l):
            if name == "length" { return .number(Double(l.items.count)) }
            throw ScriptError.runtime("a list has no field '\(name)' (len(x) gives its length)")
        case .number, .bool, .string, .none, .function:
            throw ScriptError.runtime("a \(base.kindName) has no field '\(name)'")
        }
    }

    static func noField(_ r: RecordBox, _ name: String) -> ScriptError {
        let known = r.keys.isEmpty ? "it has none" : "fields: \(r.keys.joined(separator: ", "))"
        return .runtime("record has no field '\(name)' (\(known))")
    }

    /// The `i`-th item a `for` loop visits, nil after the last: tensor rows, list items, characters.
    static func element(_ s: Value, _ i: Int, context: ScriptContext, at loc: SourceLocation) throws(ScriptError) -> Value? {
        switch s {
        case .tensor(let t):
            guard t.rank > 0 else {
                throw ScriptError(phase: .runtime, message: "cannot loop over a tensor with no axes", location: loc)
            }
            guard i < t.shape[0] else { return nil }
            if t.rank == 1 { return .number(t.storage[i]) }
            do { return Operators.wrap(try t.indexed([.at(i)])) }
            catch { throw located(Interpreter.scriptError(error), loc) }
        case .list(let l):
            return i < l.items.count ? l.items[i] : nil
        case .string(let str):
            let chars = Array(str)
            return i < chars.count ? .string(String(chars[i])) : nil
        case .number:
            throw ScriptError(phase: .runtime, message: "cannot loop over a number (write 'for i in 0..n' for a range)", location: loc)
        case .bool, .none, .record, .function, .object:
            throw ScriptError(phase: .runtime, message: "cannot loop over a \(s.kindName) (a range, tensor, list or string expected)", location: loc)
        }
    }

    /// `[a, b, ...]`: numbers give a 1-D tensor, equal-shaped tensors stack, anything else is a list.
    /// Numbers and tensors that do not line up are a ragged-literal error when the rows are written
    /// as bracket literals (`[[1, 2], [3]]`), and a list otherwise (`[Xv, Yv]` of two data sets).
    static func bracket(_ items: [Value], writtenRows: Bool = true) throws(ScriptError) -> Value {
        guard let first = items.first else { return .list(ListBox([])) }
        var numeric = true
        for v in items {
            switch v {
            case .number, .tensor: continue
            default: numeric = false
            }
        }
        guard numeric else { return .list(ListBox(items)) }
        if !writtenRows && !lineUp(items) { return .list(ListBox(items)) }
        if case .number = first {
            var xs: [Double] = []
            xs.reserveCapacity(items.count)
            for (i, v) in items.enumerated() {
                guard case .number(let x) = v else { throw ragged(i, v, first) }
                xs.append(x)
            }
            return .tensor(Tensor(xs))
        }
        guard case .tensor(let t0) = first else { return .list(ListBox(items)) }
        var storage: [Double] = []
        storage.reserveCapacity(t0.count * items.count)
        for (i, v) in items.enumerated() {
            guard case .tensor(let t) = v, t.shape == t0.shape else { throw ragged(i, v, first) }
            storage.append(contentsOf: t.storage)
        }
        do {
            return .tensor(try Tensor(shape: [items.count] + t0.shape, elements: storage))
        } catch { throw Interpreter.scriptError(error) }
    }

    /// True when the items are all numbers, or all tensors of one shape.
    private static func lineUp(_ items: [Value]) -> Bool {
        switch items.first {
        case .number?:
            return items.allSatisfy { if case .number = $0 { return true } else { return false } }
        case .tensor(let t0)?:
            return items.allSatisfy { if case .tensor(let t) = $0 { return t.shape == t0.shape } else { return false } }
        default:
            return false
        }
    }

    private static func ragged(_ row: Int, _ v: Value, _ first: Value) -> ScriptError {
        func shape(_ v: Value) -> String {
            if case .tensor(let t) = v { return "shape \(t.shape)" }
            return "a single number"
        }
        return .runtime("ragged tensor literal: row \(row) is \(shape(v)) but row 0 is \(shape(first))")
    }

    /// `a..b` used as a value: the 1-D tensor a, a+1, ... below b.
    static func rangeTensor(_ lo: Double, _ hi: Double) throws(ScriptError) -> Tensor {
        guard lo.isFinite, hi.isFinite else { throw ScriptError.runtime("'..' needs finite bounds, got \(Tensor.numberText(lo))..\(Tensor.numberText(hi))") }
        let n = max(0, (hi - lo).rounded(.up))
        guard n <= Double(TensorError.defaultElementLimit) else {
            throw ScriptError.runtime("range \(Tensor.numberText(lo))..\(Tensor.numberText(hi)) is too long to hold as a tensor (loop over it with 'for' instead)")
        }
        let count = Int(n)
        return Tensor((0..<count).map { lo + Double($0) })
    }

    // MARK: index arithmetic

    /// A whole number usable as an index, or an error.
    static func whole(_ v: Value, _ what: String) throws(ScriptError) -> Int {
        guard let x = Operators.numeric(v) else {
            throw ScriptError.runtime("\(what) must be a whole number, got \(v.kindName)")
        }
        guard x == x.rounded(), abs(x) < 9.0e15 else {
            throw ScriptError.runtime("\(what) must be a whole number, got \(Tensor.numberText(x))")
        }
        return Int(x)
    }

    /// A position in 0..<count, negatives counting from the end.
    static func position(_ v: Value, count: Int, what: String) throws(ScriptError) -> Int {
        let i = try whole(v, "\(what) index")
        let j = i < 0 ? i + count : i
        guard j >= 0, j < count else {
            throw ScriptError.runtime("\(what) index \(i) out of range (length \(count))")
        }
        return j
    }

    /// The positions a Python-style slice `a:b:c` selects from `count` items.
    static func sliced(_ count: Int, _ a: Value?, _ b: Value?, _ c: Value?) throws(ScriptError) -> [Int] {
        func opt(_ v: Value?) throws(ScriptError) -> Int? {
            guard let v else { return nil }
            if case .none = v { return nil }
            return try whole(v, "slice bound")
        }
        let step = try opt(c) ?? 1
        guard step != 0 else { throw ScriptError.runtime("slice step cannot be 0") }
        func clamp(_ i: Int?, _ dflt: Int) -> Int {
            guard var i else { return dflt }
            if i < 0 { i += count }
            return step > 0 ? min(max(i, 0), count) : min(max(i, -1), count - 1)
        }
        let start = clamp(try opt(a), step > 0 ? 0 : count - 1)
        let stop = clamp(try opt(b), step > 0 ? count : -1)
        var out: [Int] = []
        var i = start
        while step > 0 ? i < stop : i > stop {
            out.append(i)
            i += step
        }
        return out
    }

    static func tensorIndices(_ indices: [IndexValue]) throws(ScriptError) -> [TensorIndex] {
        func opt(_ v: Value?) throws(ScriptError) -> Int? {
            guard let v else { return nil }
            if case .none = v { return nil }
            return try whole(v, "slice bound")
        }
        var out: [TensorIndex] = []
        for ix in indices {
            switch ix {
            case .at(let v): out.append(.at(try whole(v, "tensor index")))
            case .slice(let a, let b, let c): out.append(.slice(start: try opt(a), stop: try opt(b), step: try opt(c)))
            }
        }
        return out
    }
}

extension Tensor {
    /// The transpose with every axis reversed (`x.T`): a matrix's rows become columns.
    func reversedAxes() -> Tensor {
        guard rank >= 2 else { return self }
        let n = rank
        let newShape = Array(shape.reversed())
        var strides = Array(repeating: 1, count: n)
        for k in stride(from: n - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] }
        var out = [Double](repeating: 0, count: count)
        if n == 2 {
            let r = shape[0], c = shape[1]
            storage.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<r { for j in 0..<c { dst[j * r + i] = src[i * c + j] } }
                }
            }
            return Tensor(shape: newShape, storage: out)
        }
        var index = Array(repeating: 0, count: n)   // index into the new shape
        for k in 0..<count {
            var source = 0
            for a in 0..<n { source += index[a] * strides[n - 1 - a] }
            out[k] = storage[source]
            var a = n - 1
            while a >= 0 {
                index[a] += 1
                if index[a] < newShape[a] { break }
                index[a] = 0
                a -= 1
            }
        }
        return Tensor(shape: newShape, storage: out)
    }
}
