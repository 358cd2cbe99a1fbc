// docs/language.md promises that its ```nns examples run: this test runs each block in a fresh
// session and fails with the block's line when one does not.
import XCTest
import Foundation
@testable import NNScript

final class LanguageGuideTests: XCTestCase {
    func testEveryExampleInTheGuideRuns() throws {
        let url = GoldenTests.root.appendingPathComponent("docs/language.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var blocks: [(line: Int, code: String)] = []
        var current: [String]? = nil
        var start = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```nns" {
                current = []
                start = i + 2
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append((start, (current ?? []).joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current?.append(String(line))
            }
        }
        XCTAssertGreaterThan(blocks.count, 15)
        for block in blocks {
            let (session, _) = makeSession()
            do {
                _ = try session.run(block.code, file: "docs/language.md block at line \(block.line)")
            } catch {
                XCTFail(session.renderError(error))
            }
        }
    }
}
