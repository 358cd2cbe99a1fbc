import XCTest
@testable import NNScript

final class NNScriptSmokeTests: XCTestCase {
    func testModuleLoads() {
        XCTAssertTrue(true)
    }
}
