import XCTest
@testable import NNSFrontEnd

final class NNSFrontEndSmokeTests: XCTestCase {
    func testModuleLoads() {
        XCTAssertTrue(true)
    }
}
