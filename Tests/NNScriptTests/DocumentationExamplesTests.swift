// The README and every guide in docs/ promise that their ```nns examples run. Each file's blocks
// run in order in one fresh session (a guide builds on its earlier blocks); a failing block fails
// the test with the file and line. Files are written into a temporary directory, not the tree.
import XCTest
import Foundation
@testable import NNScript

final class DocumentationExamplesTests: XCTestCase {
    /// The ```nns blocks of a Markdown text, with the line each starts on.
    static func blocks(of text: String) -> [(line: Int, code: String)] {
        var blocks: [(line: Int, code: String)] = []
        var current: [String]? = nil
        var start = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```nns" {
                current = []
                start = i + 2
            } else if current != nil, trimmed == "```" {
                blocks.append((start, (current ?? []).joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current?.append(String(line))
            }
        }
        return blocks
    }

    func testReadmeAndGuidesRun() throws {
        let root = GoldenTests.root
        let docs = root.appendingPathComponent("docs")
        var files = ["README.md"]
        for name in try FileManager.default.contentsOfDirectory(atPath: docs.path).sorted()
        where name.hasSuffix(".md") && name != "language.md" {   // language.md has its own test
            files.append("docs/" + name)
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nns-doc-examples-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(scratch.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        var ran = 0
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let (session, _) = makeSession()
            for block in Self.blocks(of: text) {
                ran += 1
                do {
                    _ = try session.run(block.code, file: "\(file) block at line \(block.line)")
                } catch {
                    XCTFail(session.renderError(error))
                }
            }
        }
        // 24 blocks when this was written (README 1, tensors 6, networks 8, pictures 5, notebook 2,
        // model-file 1, autoencoders 1); a few may merge or move, but not silently vanish.
        XCTAssertGreaterThanOrEqual(ran, 21, "the README and guides should carry runnable examples")
    }
}
