import XCTest
@testable import PlotKit

final class PlotKitSmokeTests: XCTestCase {
    func testModuleLoads() {
        XCTAssertTrue(true)
    }
}
