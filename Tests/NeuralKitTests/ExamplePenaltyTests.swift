// A new code penalty needs only its own type and one row of the penalty table: here an L2 penalty
// (λ/2N) Σ h² on the code, with ∂P/∂h = (λ/N) h, checked against central differences of the
// objective, and shown to leave the table's other rows as they were.
import XCTest
import TensorKit
@testable import NeuralKit

/// P = (λ/2N) Σ_nj h_nj², joining at the code: ∂P/∂h = (λ/N) h.
struct SquaredCodePenalty: CodePenalty {
    let lambda: Double
    var joins: PenaltyJoin { .code }

    func value(_ code: LayerCache, layer: Dense, rows: Int, gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        let h = code.a.storage, scale = lambda / Double(rows)
        var total = 0.0
        for i in h.indices {
            total += h[i] * h[i]
            gradient?[i] += scale * h[i]
        }
        return scale * total / 2
    }
}

final class ExamplePenaltyTests: XCTestCase {
    /// The one row: it reads its options (here a fixed λ; a real one would read an option).
    static let row: CodePenalties.Row = ("l2", { _ in SquaredCodePenalty(lambda: 0.3) })

    func testAPenaltyIsItsFileAndOneTableRow() throws {
        let x = Tensor(shape: [5, 6], storage: (0..<30).map { Double(($0 * 7) % 10) / 10 })
        let table = CodePenalties.table + [ExamplePenaltyTests.row]
        let ae = try Autoencoder(inputs: 6, codes: 3, options: AutoencoderOptions(), rng: RandomGenerator(seed: 2),
                                 penalties: table)
        let plain = try Autoencoder(inputs: 6, codes: 3, options: AutoencoderOptions(), rng: RandomGenerator(seed: 2))
        let h = try ae.encode(x).storage
        let expected = 0.3 / 5 * h.reduce(0) { $0 + $1 * $1 } / 2
        let t = try ae.terms(x)
        XCTAssertEqual(t.penalty, expected, accuracy: 1e-15)
        XCTAssertEqual(t.reconstruction, try plain.terms(x).reconstruction)

        // ∂(objective)/∂W against central differences: the row's gradient reaches W through h.
        _ = try ae.lossAndGradients(x, x, rng: RandomGenerator(seed: 0))
        let analytic = ae.w.grad.storage
        for i in stride(from: 0, to: analytic.count, by: 2) {
            let saved = ae.w.value.storage[i]
            ae.w.value.storage[i] = saved + 1e-6
            let plus = try ae.objective(x)
            ae.w.value.storage[i] = saved - 1e-6
            let minus = try ae.objective(x)
            ae.w.value.storage[i] = saved
            XCTAssertEqual(analytic[i], (plus - minus) / 2e-6, accuracy: 1e-7, "∂/∂W[\(i)]")
        }
    }
}
