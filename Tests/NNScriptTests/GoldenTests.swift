// Golden scripts. Convention:
//   - every `Tests/Golden/<feature>/*.nns` runs in a fresh Session (fresh random stream, as after
//     `seed(0)`). Where the output is long (lecture pages, pictures, error renderings with their
//     caret and call chain) it must equal the sibling `.out` file (`loops.nns` → `loops.out`);
//     otherwise the script states it in `# expect: ...` / `# expect error: ...` comments
//     (GoldenExpectations), and a script that states neither is a failure;
//   - every `Scripts/**/*.nns` runs too: against `Tests/Golden/Scripts/<same path>.out` when that
//     exists (`Scripts/lecture/xor.nns` → `Tests/Golden/Scripts/lecture/xor.out`), otherwise it must
//     end without an error. A slow script names a small size in a `# test args: small` line, which
//     becomes its `args` here (the benchmarks run at full size when given no arguments).
//   Scripts run with the repository root as working directory and `args` = [] unless stated.
//   `NNS_UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites the .out files.
import XCTest
import Foundation
@testable import NNScript

final class GoldenTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// What a user sees when running the script: its output, then the error (if any). With a
    /// `budget` in seconds, a watchdog interrupts the script when it runs longer.
    static func transcript(of source: String, name: String, args: [String] = [], budget: Double? = nil) -> String {
        let (session, out) = makeSession()
        session.setGlobal("args", .list(ListBox(args.map { .string($0) })))
        let done = DispatchSemaphore(value: 0)
        if let budget {
            let interrupt = session.context.interrupt
            // Raised again and again: an interrupted `train` ends quietly and the script goes on.
            DispatchQueue.global().async {
                var wait = budget
                while done.wait(timeout: .now() + wait) == .timedOut {
                    interrupt.raise()
                    wait = 0.05
                }
            }
        }
        do {
            _ = try session.run(source, file: name)
        } catch {
            out.text += session.renderError(error) + "\n"
        }
        done.signal()
        return out.text
    }

    /// How long a script without expected output may run here: the number scripts of
    /// Scripts/check (compared between two builds by Scripts/check/same-numbers) take tens of
    /// seconds in a debug build, so they run for this long and an interrupt then counts as a pass.
    static let budget = 1.0

    static func files(under dir: URL, ext: String) -> [URL] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }
            .sorted { $0.path < $1.path }
    }

    /// The `args` a script asks for in a `# test args: a b` line ([] without one).
    static func testArguments(_ source: String) -> [String] {
        for line in source.split(separator: "\n") {
            if let r = line.range(of: "# test args:") {
                return line[r.upperBound...].split(separator: " ").map(String.init)
            }
        }
        return []
    }

    /// Runs `script` from the repository root and checks it against `expected` (a .out file) when
    /// that exists, else against its `# expect` comments, else (`mustExpect` false) only that it
    /// ends without an error.
    private func check(_ script: URL, expected: URL, name: String, mustExpect: Bool) {
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(GoldenTests.root.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        guard let source = try? String(contentsOf: script, encoding: .utf8) else {
            return XCTFail("cannot read \(name)")
        }
        let started = Date()
        let hasOut = FileManager.default.fileExists(atPath: expected.path)
        let expectations = GoldenExpectations(source: source)
        let bounded = !hasOut && expectations.isEmpty && !mustExpect
        let got = GoldenTests.transcript(of: source, name: name, args: GoldenTests.testArguments(source),
                                         budget: bounded ? GoldenTests.budget : nil)
        let seconds = Date().timeIntervalSince(started)
        // NNS_GOLDEN_TIMES=1 lists every script's time (to see what the suite costs).
        if seconds > 5 || ProcessInfo.processInfo.environment["NNS_GOLDEN_TIMES"] == "1" {
            print("golden: \(name) took \(String(format: "%.2f", seconds)) s")
        }
        if hasOut, ProcessInfo.processInfo.environment["NNS_UPDATE_GOLDEN"] == "1" {
            XCTAssertNoThrow(try got.write(to: expected, atomically: true, encoding: .utf8))
            return
        }
        if hasOut {
            let want = (try? String(contentsOf: expected, encoding: .utf8)) ?? ""
            return XCTAssertEqual(got, want, "golden output of \(name) differs")
        }
        if expectations.isEmpty {
            if mustExpect { return XCTFail("\(name) states no expected output (# expect: ...) and has no .out file") }
            let failed = got.contains("\(name):") && got.contains(": error: ") && !got.contains(": error: interrupted\n")
            XCTAssertFalse(failed, "\(name) ended in an error:\n\(got)")
            return
        }
        if let why = expectations.mismatch(got, file: name) { XCTFail("\(name): \(why)") }
    }

    func testGoldenScripts() {
        let dir = GoldenTests.root.appendingPathComponent("Tests/Golden")
        let scripts = GoldenTests.files(under: dir, ext: "nns")
        XCTAssertGreaterThan(scripts.count, 5, "golden scripts not found under \(dir.path)")
        for script in scripts {
            let name = "Tests/Golden/" + script.path.dropFirst(dir.path.count + 1)
            check(script, expected: script.deletingPathExtension().appendingPathExtension("out"), name: name,
                  mustExpect: true)
        }
    }

    func testEveryScriptRuns() {
        let dir = GoldenTests.root.appendingPathComponent("Scripts")
        let scripts = GoldenTests.files(under: dir, ext: "nns")
        XCTAssertGreaterThan(scripts.count, 5, "scripts not found under \(dir.path)")
        for script in scripts {
            let relative = String(script.path.dropFirst(dir.path.count + 1))
            let expected = GoldenTests.root.appendingPathComponent("Tests/Golden/Scripts")
                .appendingPathComponent(relative).deletingPathExtension().appendingPathExtension("out")
            check(script, expected: expected, name: "Scripts/" + relative, mustExpect: false)
        }
    }

    func testExpectCommentsAreRead() {
        let e = GoldenExpectations(source: "print(1)  # expect: 1\n# expect: two\nx[nan]  # expect error: bad")
        XCTAssertEqual(e.lines, ["1", "two"])
        XCTAssertEqual(e.error?.line, 3)
        XCTAssertNil(e.mismatch("1\ntwo\nt.nns:3:2: error: bad\n    x[nan]\n     ^\n", file: "t.nns"))
        XCTAssertNotNil(e.mismatch("1\ntwo\nt.nns:2:2: error: bad\n", file: "t.nns"))
        XCTAssertNotNil(e.mismatch("1\nthree\nt.nns:3:2: error: bad\n", file: "t.nns"))
        XCTAssertNotNil(e.mismatch("1\ntwo\n", file: "t.nns"))
    }
}
