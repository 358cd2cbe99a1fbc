// FileConfinement: with files confined (the fuzz targets' setting), a built-in may name only a
// plain file of the working folder; without it (every front end) paths are untouched.
import XCTest
import Foundation
@testable import NNScript

final class FileConfinementTests: XCTestCase {
    private func confinedError(_ source: String) -> String? {
        let context = ScriptContext(write: { _ in }, writeError: { _ in })
        context.confinesFiles = true
        let session = Session(context: context)
        do { _ = try session.run(source, file: "t.nns"); return nil } catch { return error.message }
    }

    func testPathsOutsideTheWorkingFolderAreRefused() {
        for source in [#"save([1], "/tmp/x.npy")"#, #"load("../x.nnm")"#, #"save_csv([[1]], "a/b.csv")"#,
                       #"plot([1, 2], file: "/tmp/p.svg")"#, #"load_idx(".hidden")"#, #"load_csv("")"#] {
            let message = confinedError(source)
            XCTAssertTrue(message?.contains("outside the working folder") ?? false, "\(source): \(message ?? "no error")")
        }
    }

    func testPlainNamesStillReachTheBuiltIn() throws {
        let folder = NSTemporaryDirectory() + "nns-confine-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        XCTAssertNil(confinedError(#"save([1, 2], "x.npy"); assert(len(load("x.npy")) == 2)"#))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/x.npy"))
    }

    func testUnconfinedSessionsKeepFullPaths() {
        XCTAssertFalse(ScriptContext(write: { _ in }, writeError: { _ in }).confinesFiles)
        XCTAssertTrue(FileConfinement.isPlainName("data.csv"))
        XCTAssertFalse(FileConfinement.isPlainName("/data.csv"))
        XCTAssertFalse(FileConfinement.isPlainName(".."))
    }
}
