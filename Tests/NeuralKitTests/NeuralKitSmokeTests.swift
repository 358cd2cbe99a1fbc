import XCTest
@testable import NeuralKit

final class NeuralKitSmokeTests: XCTestCase {
    func testModuleLoads() {
        XCTAssertTrue(true)
    }
}
