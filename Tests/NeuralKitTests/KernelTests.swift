// The C kernels behind sigmoid layers, Adam and bias gradients: each instruction-set build gives
// the same bits as the baseline build, and the values are those of the scalar formulas.
import CTensorKernels
import Foundation
import NeuralKit
import XCTest

final class KernelTests: XCTestCase {
    /// Inputs over the whole range, tails, zeros and the values the vector loop hands to libm.
    private var inputs: [Double] {
        var u: [Double] = [0, -0.0, 1e-300, -1e-300, 708, 708.5, -708, -708.5, -709, -745, -746, 745,
                           1000, -1000, .infinity, -.infinity, .nan, 36.7, -36.7]
        var x = -750.0
        while x < 750 { u.append(x); x += 0.173 }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { u.append(Double.random(in: -20...20, using: &rng)) }
        return u
    }

    /// Runs `body` once per instruction set the processor has, lowest first, restoring the best.
    private func eachLevel(_ body: (Int) -> Void) {
        let best = Int(nns_set_kernel_level(2))
        defer { _ = nns_set_kernel_level(Int32(best)) }
        for level in 0...best {
            _ = nns_set_kernel_level(Int32(level))
            body(level)
        }
    }

    /// An elementwise kernel's output on `u` at every level; all must have the same bits.
    private func sameOnEveryLevel(_ u: [Double],
                                  _ kernel: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void) -> [Double] {
        var results: [[Double]] = []
        eachLevel { _ in
            var out = [Double](repeating: 0, count: u.count)
            kernel(u, &out, u.count)
            results.append(out)
        }
        for (level, out) in results.enumerated() {
            XCTAssertEqual(out.map(\.bitPattern), results[0].map(\.bitPattern), "level \(level)")
        }
        return results[0]
    }

    func testSigmoidMatchesTheScalarFormulaOnEveryLevel() {
        let u = inputs
        let results = [sameOnEveryLevel(u) { nns_sigmoid($0, $1, $2) }]
        for (x, s) in zip(u, results[0]) {
            let want = Activation.sigmoid(x)
            if want.isNaN { XCTAssertTrue(s.isNaN); continue }
            XCTAssertEqual(s, want, accuracy: 4 * Swift.max(want.ulp, Double.leastNonzeroMagnitude), "σ(\(x))")
        }
        // In place, as the layers call it, and across the kernel's 512-element blocks.
        var inPlace = u
        inPlace.withUnsafeMutableBufferPointer { p in nns_sigmoid(p.baseAddress!, p.baseAddress!, p.count) }
        XCTAssertEqual(inPlace.map(\.bitPattern), results[0].map(\.bitPattern))
    }

    func testExpIsTheSameOnEveryLevel() {
        let u = inputs
        let results = [sameOnEveryLevel(u) { nns_exp($0, $1, $2) }]
        for (x, e) in zip(u, results[0]) where x.isFinite && abs(x) < 700 {
            XCTAssertEqual(e, Foundation.exp(x), accuracy: 2 * Foundation.exp(x).ulp, "exp(\(x))")
        }
    }

    func testLogIsTheSameOnEveryLevelAndWithinAnUlp() {
        var u = inputs.map { abs($0) }                       // 0, subnormals, inf and nan included
        u += [-1, -0.0, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
              0.7071067811865476, 0.7071067811865475, 1, 2, 0.5]
        var x = 1e-300
        while x < 1e300 { u.append(x); x *= 1.37 }
        for k in 0..<2_000 { u.append(0.5 + Double(k) / 1_000) }
        let results = sameOnEveryLevel(u) { nns_log($0, $1, $2) }
        for (x, l) in zip(u, results) {
            let want = Foundation.log(x)
            if want.isNaN { XCTAssertTrue(l.isNaN, "log(\(x))"); continue }
            if !want.isFinite { XCTAssertEqual(l, want, "log(\(x))"); continue }
            XCTAssertEqual(l, want, accuracy: Swift.max(want.ulp, Double.leastNonzeroMagnitude), "log(\(x))")
        }
    }

    func testSigmoidBackwardAndColumnSums() {
        let n = 1_003
        let a = (0..<n).map { Activation.sigmoid(Double($0 % 97) / 7 - 7) }
        let g = (0..<n).map { sin(Double($0)) }
        eachLevel { level in
            var d = g
            nns_sigmoid_backward(a, &d, n)
            for i in 0..<n { XCTAssertEqual(d[i], g[i] * a[i] * (1 - a[i]), "level \(level)") }
            let rows = 17, cols = 59
            var sums = [Double](repeating: .nan, count: cols)
            nns_column_sums(g, rows, cols, &sums, 0)
            for j in 0..<cols {
                var want = g[j]
                for r in 1..<rows { want += g[r * cols + j] }
                XCTAssertEqual(sums[j], want, "level \(level) column \(j)")
            }
            var more = sums
            nns_column_sums(g, rows, cols, &more, 1)        // accumulate: added onto what is there
            for j in 0..<cols {
                var want = sums[j]
                for r in 0..<rows { want += g[r * cols + j] }
                XCTAssertEqual(more[j], want, "level \(level) column \(j), accumulated")
            }
            var zeros = [Double](repeating: 1, count: 2)
            nns_column_sums([-0.0, -0.0], 1, 2, &zeros, 0)   // a single row is copied, −0 kept
            XCTAssertEqual(zeros.map { $0.sign }, [.minus, .minus])
        }
    }

    /// Σ (p − t)² in eight interleaved partial sums, the same on every level, with its gradient.
    func testSquaredError() {
        for n in [0, 1, 7, 8, 9, 64, 1_001] {
            let p = (0..<n).map { sin(Double($0)) }, t = (0..<n).map { cos(Double($0) * 0.5) }
            var sums: [Double] = []
            eachLevel { level in
                var g = [Double](repeating: .nan, count: n)
                let total = nns_squared_error(p, t, &g, 0.25, n)
                sums.append(total)
                for i in 0..<n { XCTAssertEqual(g[i], 0.25 * (p[i] - t[i]), "level \(level)") }
                XCTAssertEqual(nns_squared_error(p, t, nil, 0.25, n), total)
            }
            let plain = zip(p, t).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            XCTAssertEqual(sums[0], plain, accuracy: 1e-12 * Swift.max(plain, 1), "n = \(n)")
            XCTAssertTrue(sums.allSatisfy { $0.bitPattern == sums[0].bitPattern }, "n = \(n)")
        }
    }

    func testRowCopies() {
        let width = 13, source = (0..<(20 * width)).map(Double.init)
        let rows = [19, 0, 7, 7, 3]
        eachLevel { level in
            var out = [Double](repeating: .nan, count: rows.count * width)
            nns_gather_rows(source, width, rows, rows.count, &out)
            for (r, row) in rows.enumerated() {
                XCTAssertEqual(Array(out[(r * width)..<((r + 1) * width)]),
                               Array(source[(row * width)..<((row + 1) * width)]), "level \(level)")
            }
            var tiled = [Double](repeating: .nan, count: 4 * width)
            nns_broadcast_row(source, width, 4, &tiled)
            XCTAssertEqual(tiled, Array((0..<4).map { _ in source[0..<width] }.joined()))
        }
    }

    /// The kernel's Adam step is torch.optim.Adam's formula evaluated in the same order.
    func testAdamUpdateMatchesTheFormula() {
        let n = 777
        let g0 = (0..<n).map { cos(Double($0) * 0.3) }
        let w0 = (0..<n).map { sin(Double($0) * 0.7) }
        eachLevel { level in
            var w = w0, m = [Double](repeating: 0.01, count: n), v = [Double](repeating: 0.02, count: n)
            let b1 = 0.9, b2 = 0.999, step = 0.01 / (1 - pow(b1, 3)), c2 = (1 - pow(b2, 3)).squareRoot()
            nns_adam_update(&w, g0, &m, &v, n, b1, b2, step, c2, 1e-8, 0.05)
            for i in 0..<n {
                let gi = g0[i] + 0.05 * w0[i]
                let mi = 0.01 + (1 - b1) * (gi - 0.01)
                let vi = 0.02 * b2 + (1 - b2) * gi * gi
                XCTAssertEqual(m[i], mi, "level \(level)")
                XCTAssertEqual(v[i], vi)
                XCTAssertEqual(w[i], w0[i] - step * (mi / (vi.squareRoot() / c2 + 1e-8)))
            }
        }
    }

    /// Adam's AVX-512 build divides with fused multiply-adds (fma_division.h): with β₁ = 0,
    /// β₂ = 1, c₂ = 1, m = 0 and w = 0 its update leaves w = g / √v exactly, so denominators with an
    /// all-ones significand (where the reciprocal iteration lands an ulp low), power-of-two
    /// numerators, zeros and values outside the fast path's range can be checked against `/`.
    func testAdamDivisionsRoundAsSlashOnEveryLevel() {
        var rng = SystemRandomNumberGenerator()
        var numerators: [Double] = [0, 1, -1, 0x1p-300, -0x1p200, 1e-310, 0x1p-401, 1e300, .infinity, .nan, 3]
        // √v + ε is √v itself while ε = 2⁻¹⁰⁰ is below half its ulp (√v ≥ 2⁻⁴⁶); the largest √v
        // here goes past the fast path's 2⁴⁰⁰.
        var denominators: [Double] = [1, 0x1.fffffffffffffp0, 0x1.fffffffffffffp-30, 0x1.fffffffffffffp+99,
                                      0x1.ffffffffffffep0, 0x1p-46, 1e250, 0x1.8p401]
        for _ in 0..<3_000 {
            let e = Int.random(in: -300...300, using: &rng)
            numerators.append(Double(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: e,
                                     significand: Bool.random(using: &rng) ? 1 : Double.random(in: 1..<2, using: &rng)))
            let f = Int.random(in: -46...200, using: &rng)
            let allOnes = Double(sign: .plus, exponent: f, significand: 0x1.fffffffffffffp0)
            denominators.append(Bool.random(using: &rng) ? allOnes : Double(sign: .plus, exponent: f,
                                significand: Double.random(in: 1..<2, using: &rng)))
        }
        // Every numerator against a few denominators, so each vector mixes fast and slow lanes.
        var g: [Double] = [], v: [Double] = [], want: [Double] = []
        for (i, a) in numerators.enumerated() {
            for k in 0..<3 {
                let t = denominators[(i * 3 + k) % denominators.count]
                let square = t * t
                guard square.squareRoot() == t else { continue }   // √v must give t back exactly
                g.append(a)
                v.append(square)
                want.append(a / t)
            }
        }
        let n = g.count
        var results: [[Double]] = []
        eachLevel { _ in
            var w = [Double](repeating: 0, count: n), m = [Double](repeating: 0, count: n), vv = v
            nns_adam_update(&w, g, &m, &vv, n, 0, 1, -1, 1, 0x1p-100, 0)
            results.append(w)
        }
        for (level, w) in results.enumerated() {
            XCTAssertEqual(w.map(\.bitPattern), results[0].map(\.bitPattern), "level \(level)")
        }
        // 0 + q is q, except that −0 becomes +0 (an infinite g makes v nan: (1 − β₂)·g² = 0·∞).
        for i in 0..<n where g[i].isFinite {
            XCTAssertEqual(results[0][i], want[i] + 0, "\(g[i]) / \(v[i].squareRoot())")
        }
        XCTAssertGreaterThan(n, 6_000)
    }

    /// The fused sigmoid layer (bias added, then σ) gives the bits of the two separate steps, on
    /// every level, tails included.
    func testBiasSigmoidEqualsBiasThenSigmoid() {
        let u = inputs
        for cols in [16, 7, 64] {
            let rows = u.count / cols
            let n = rows * cols
            let bias = (0..<cols).map { Double($0) * 0.37 - 2 }
            var expected = [Double](repeating: 0, count: n), shifted = [Double](repeating: 0, count: n)
            for r in 0..<rows { for c in 0..<cols { shifted[r * cols + c] = u[r * cols + c] + bias[c] } }
            nns_sigmoid(shifted, &expected, n)
            eachLevel { level in
                var z = Array(u[0..<n]), a = [Double](repeating: 0, count: n)
                nns_bias_sigmoid(&z, bias, rows, cols, &a)
                XCTAssertEqual(z.map(\.bitPattern), shifted.map(\.bitPattern), "z, level \(level), \(cols) columns")
                XCTAssertEqual(a.map(\.bitPattern), expected.map(\.bitPattern), "a, level \(level), \(cols) columns")
            }
        }
    }

    /// The fused output step of a sigmoid autoencoder under a squared error gives the bits of the
    /// three separate passes (loss and gradient, σ′, column sums), for widths that are and are not
    /// multiples of 32.
    func testSigmoidSquaredErrorEqualsTheThreePasses() {
        var rng = SystemRandomNumberGenerator()
        for (rows, cols) in [(64, 64), (5, 64), (13, 784), (7, 10), (1, 32)] {
            let n = rows * cols
            let y = (0..<n).map { _ in Double.random(in: 0...1, using: &rng) }
            let t = (0..<n).map { _ in Double.random(in: 0...1, using: &rng) }
            let scale = 2 / Double(n)
            var g = [Double](repeating: 0, count: n), bias = [Double](repeating: 0, count: cols)
            let total = nns_squared_error(y, t, &g, scale, n)
            nns_sigmoid_backward(y, &g, n)
            nns_column_sums(g, rows, cols, &bias, 0)
            eachLevel { level in
                var d = [Double](repeating: .nan, count: n), b = [Double](repeating: .nan, count: cols)
                let sum = nns_sigmoid_squared_error(y, t, rows, cols, scale, &d, &b)
                XCTAssertEqual(sum.bitPattern, total.bitPattern, "\(rows)×\(cols), level \(level)")
                XCTAssertEqual(d.map(\.bitPattern), g.map(\.bitPattern), "\(rows)×\(cols), level \(level)")
                XCTAssertEqual(b.map(\.bitPattern), bias.map(\.bitPattern), "\(rows)×\(cols), level \(level)")
            }
        }
    }

    /// Odd shapes take the plain loop, multiples of 8 the AVX-512 build's 8×8 blocks.
    func testTransposeOnEveryLevel() {
        for (rows, cols) in [(5, 19), (16, 64), (64, 16), (24, 8), (8, 40)] {
            let src = (0..<rows * cols).map(Double.init)
            eachLevel { level in
                var dst = [Double](repeating: 0, count: rows * cols)
                nns_transpose(src, rows, cols, &dst)
                for r in 0..<rows {
                    for c in 0..<cols { XCTAssertEqual(dst[c * rows + r], src[r * cols + c], "\(rows)×\(cols), level \(level)") }
                }
            }
        }
    }
}
