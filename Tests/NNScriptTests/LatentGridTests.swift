// latent_grid's codes (NumPy's linspace, the second coordinate fastest) and a VAE's decode of
// them, checked against the decoder's layers applied by hand.
import XCTest
@testable import NNScript

final class LatentGridTests: XCTestCase {
    func testTheGridOfCodes() {
        XCTAssertEqual(value("latent_grid(3, span: 1)"), value("[[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 0], [0, 1], [1, -1], [1, 0], [1, 1]]"))
        XCTAssertEqual(value("latent_grid().shape"), "[121, 2]")
        // z = linspace(−span, span, n): the first column steps by rows of n, the second fastest.
        XCTAssertEqual(value("G = latent_grid(11, span: 2)\nall = G[::11, 0] == linspace(-2, 2, 11)\nsum(all)"), "11")
        XCTAssertEqual(value("G = latent_grid(11, span: 2)\nsum(G[0:11, 1] == linspace(-2, 2, 11))"), "11")
        XCTAssertEqual(value("latent_grid(1)"), value("[[-2, -2]]"))
        XCTAssertEqual(failure("latent_grid(0)")?.message, "bad argument 'n' to 'latent_grid' (a whole number from 1 to 1000 expected, got 0)")
        XCTAssertEqual(failure("latent_grid(5, span: -1)")?.message, "bad argument 'span' to 'latent_grid' (a finite number > 0 expected, got -1)")
    }

    func testDecodeRunsTheDecoderLayers() {
        XCTAssertEqual(output("""
            seed(3)
            v = vae(6, 2, hidden: 5)
            Z = latent_grid(4)
            by_hand = sigmoid(relu(Z @ v.dec.W.T + v.dec.b) @ v.out.W.T + v.out.b)
            print(v.decode(Z).shape, max(abs(v.decode(Z) - by_hand)) < 1e-15)
            """), "[16, 6] true\n")
        XCTAssertEqual(failure("v = vae(6, 2)\nv.decode(rand(3, 3))") != nil, true)
    }
}
