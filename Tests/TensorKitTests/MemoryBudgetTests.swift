// A tensor the free memory cannot hold is refused with a message, before allocation.
import Foundation
@testable import TensorKit
import XCTest

final class MemoryBudgetTests: XCTestCase {
    func testALimitRefusesLargeTensorsWithAMessage() throws {
        setenv("NNS_MEMORY_LIMIT", "100M", 1)
        defer { unsetenv("NNS_MEMORY_LIMIT") }
        // 128 MiB of doubles: over the limit, so refused before any memory is taken.
        XCTAssertThrowsError(try Tensor(shape: [4096, 4096], repeating: 0)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("needs 128 MiB") && text.contains("is free"), text)
        }
        // Small tensors are not checked at all.
        XCTAssertNoThrow(try Tensor(shape: [1000, 1000], repeating: 1))
    }

    func testTheSystemsFreeMemoryIsKnownAndBoundsHugeTensors() throws {
        #if os(Linux)
        let free = try XCTUnwrap(MemoryBudget.available())
        XCTAssertGreaterThan(free, 0)
        // More than the machine has (but under the element limit's 8 GiB when memory is small).
        let rows = free / 8 / 1000 + 1000
        if rows * 1000 <= Tensor.elementLimit {
            XCTAssertThrowsError(try Tensor(shape: [rows, 1000], repeating: 0))
        }
        #endif
    }

    func testSizesParse() {
        XCTAssertEqual(MemoryBudget.parseSize("2G"), 2 << 30)
        XCTAssertEqual(MemoryBudget.parseSize(" 512m "), 512 << 20)
        XCTAssertEqual(MemoryBudget.parseSize("1500000"), 1_500_000)
        XCTAssertNil(MemoryBudget.parseSize("lots"))
        XCTAssertNil(MemoryBudget.parseSize("-1G"))
        XCTAssertEqual(MemoryBudget.gib(3 << 29), "1.5 GiB")
    }
}
