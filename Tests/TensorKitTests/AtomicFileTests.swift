// AtomicFile: a write replaces the target whole or not at all, leaves no temporary file, keeps
// the target's mode, says why it failed, and clears the named temporaries of killed processes.
import XCTest
@testable import TensorKit

final class AtomicFileTests: XCTestCase {
    var folder: String = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "nns-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    func testWritesNewAndReplacesOldLeavingNothingElse() throws {
        let path = folder + "/a.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), [1, 2, 3])
        try AtomicFile.write(text: "second", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        try AtomicFile.write([], to: path)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)).count, 0)
        XCTAssertEqual(try names(), ["a.bin"])
    }

    func testKeepsTheModeOrSetsTheOneAskedFor() throws {
        let path = folder + "/h"
        try AtomicFile.write([1], to: path, permissions: 0o600)
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        try AtomicFile.write([2], to: path)  // no mode given: the existing one stays
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
    }

    func testFailuresSayWhyAndLeaveTheTargetAlone() throws {
        XCTAssertThrowsError(try AtomicFile.write([1], to: folder + "/no/such/x")) { e in
            XCTAssertEqual((e as? AtomicFile.Failure)?.reason, "the folder '\(folder)/no/such' does not exist")
        }
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write([1], to: folder + "/sub")) { e in
            XCTAssertEqual((e as? AtomicFile.Failure)?.reason, "it is a folder")
        }
        XCTAssertEqual(AtomicFile.describe(ENOSPC), "the disk is full")
        XCTAssertEqual(AtomicFile.describe(EFBIG), "it passes the file-size limit set by ulimit -f")
        XCTAssertEqual(try names(), ["sub"])
    }

    func testTheNamedFallbackReplacesAndCleansUp() throws {
        let path = folder + "/b.npy"
        try AtomicFile.write([9], to: path)
        try AtomicFile.writeThroughNamedTemporary([7, 7], folder: folder, name: "b.npy", path: path, mode: nil)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), [7, 7])
        XCTAssertEqual(try names(), ["b.npy"])
    }

    func testStaleTemporariesOfDeadProcessesAreCleared() throws {
        // A process id that is not running (kill(pid, 0) says ESRCH), as a killed save leaves.
        var dead: Int32 = 4_000_000
        while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
        let stale = ".m.nnm.tmp-\(dead)-12345"
        let live = ".m.nnm.tmp-1-777"  // pid 1 runs: a save under way elsewhere is not touched
        let other = ".n.nnm.tmp-\(dead)-1"  // another target's temporary waits for that target
        for name in [stale, live, other] { FileManager.default.createFile(atPath: folder + "/" + name, contents: Data([0])) }
        try AtomicFile.write([1], to: folder + "/m.nnm")
        XCTAssertEqual(try names(), [live, other, "m.nnm"].sorted())
    }
}
