// Every built-in documents itself: help text, a signature and a runnable example. This test runs
// every example of every library in a fresh session, so help can never drift from the code.
import XCTest
import Foundation
@testable import NNScript

final class BuiltinExampleTests: XCTestCase {
    func testEveryExampleRuns() {
        let previous = FileManager.default.currentDirectoryPath
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nns-examples-\(getpid())")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        FileManager.default.changeCurrentDirectoryPath(scratch.path)   // examples may write files
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: scratch)
        }
        var seen = Set<String>()
        for library in Libraries.all {
            for b in library.builtins {
                XCTAssertFalse(seen.contains(b.name), "built-in '\(b.name)' is defined twice")
                seen.insert(b.name)
                XCTAssertFalse(b.help.isEmpty, "\(b.name) has no help")
                XCTAssertFalse(b.example.isEmpty, "\(b.name) has no example")
                let (session, _) = makeSession()
                do {
                    _ = try session.run(b.example, file: "example of \(b.name)")
                } catch {
                    XCTFail("the example of '\(b.name)' (\(library.name)) fails: \(session.renderError(error))")
                }
            }
        }
    }

    func testHelpShowsSignatureAndExample() {
        XCTAssertEqual(output("help(str)"), """
            str(x)
              The printed text of x, as a string (str(0.5) is "0.5").
              example:
                print("epochs: " + str(10))

            """)
        XCTAssertTrue(output("help(\"append\")").hasPrefix("append(list, item)"))
        XCTAssertTrue(output("help()").contains("core: print str clock"))
        XCTAssertTrue(output("help(\"nothing_here\")").hasPrefix("no built-in named 'nothing_here'"))
    }
}
