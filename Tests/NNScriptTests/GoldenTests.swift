// Golden scripts. Convention:
//   - every `Tests/Golden/**/*.nns` runs in a fresh Session (fresh random stream, as after
//     `seed(0)`); what it prints, followed by its rendered error if it ends in one, must equal
//     the sibling file with `.out` appended to the name stem (`loops.nns` → `loops.out`);
//   - every `Scripts/**/*.nns` that has an expected-output file
//     `Tests/Golden/Scripts/<same relative path>.out` (e.g. `Scripts/lecture/xor.nns` →
//     `Tests/Golden/Scripts/lecture/xor.out`) is checked the same way; scripts without one are
//     only required to run without crashing the test process.
//   Scripts run with the repository root as working directory and `args` = [].
//   `NNS_UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites the .out files.
import XCTest
import Foundation
@testable import NNScript

final class GoldenTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// What a user sees when running the script: its output, then the error (if any).
    static func transcript(of url: URL, name: String) -> String {
        let (session, out) = makeSession()
        session.setGlobal("args", .list(ListBox([])))
        guard let source = try? String(contentsOf: url, encoding: .utf8) else { return "cannot read \(name)\n" }
        do {
            _ = try session.run(source, file: name)
        } catch {
            out.text += session.renderError(error) + "\n"
        }
        return out.text
    }

    static func files(under dir: URL, ext: String) -> [URL] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }
            .sorted { $0.path < $1.path }
    }

    private func check(_ script: URL, expected: URL, name: String) {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(GoldenTests.root.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let got = GoldenTests.transcript(of: script, name: name)
        if ProcessInfo.processInfo.environment["NNS_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: expected.deletingLastPathComponent(), withIntermediateDirectories: true)
            XCTAssertNoThrow(try got.write(to: expected, atomically: true, encoding: .utf8))
            return
        }
        guard let want = try? String(contentsOf: expected, encoding: .utf8) else {
            return XCTFail("\(name): missing expected output \(expected.path) (NNS_UPDATE_GOLDEN=1 writes it)")
        }
        XCTAssertEqual(got, want, "golden output of \(name) differs")
    }

    func testGoldenScripts() {
        let dir = GoldenTests.root.appendingPathComponent("Tests/Golden")
        let scripts = GoldenTests.files(under: dir, ext: "nns")
        XCTAssertGreaterThan(scripts.count, 5, "golden scripts not found under \(dir.path)")
        for script in scripts {
            let name = "Tests/Golden/" + script.path.dropFirst(dir.path.count + 1)
            check(script, expected: script.deletingPathExtension().appendingPathExtension("out"), name: name)
        }
    }

    func testScriptsWithExpectedOutput() {
        let dir = GoldenTests.root.appendingPathComponent("Scripts")
        for script in GoldenTests.files(under: dir, ext: "nns") {
            let relative = String(script.path.dropFirst(dir.path.count + 1))
            let expected = GoldenTests.root.appendingPathComponent("Tests/Golden/Scripts")
                .appendingPathComponent(relative).deletingPathExtension().appendingPathExtension("out")
            guard FileManager.default.fileExists(atPath: expected.path) else { continue }
            check(script, expected: expected, name: "Scripts/" + relative)
        }
    }
}
