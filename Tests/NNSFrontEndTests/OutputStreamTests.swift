// The output stream in front of stdout: a failed write is reported once, with its errno, and
// later output is dropped instead of retried (the command-line behaviour is in Tests/e2e).
import XCTest
import Foundation
@testable import NNSFrontEnd

final class OutputStreamTests: XCTestCase {
    func testAFailedWriteIsReportedOnceAndLaterOutputIsDropped() throws {
        let fd = open("/dev/full", O_WRONLY)
        try XCTSkipIf(fd < 0, "no /dev/full on this system")
        defer { close(fd) }
        let stream = OutputStream(descriptor: fd, lineBuffered: true)
        var reported: [Int32] = []
        stream.onFailure = { reported.append($0) }
        stream.write("first line\n")
        XCTAssertEqual(stream.failure, ENOSPC)
        XCTAssertEqual(reported, [ENOSPC])
        stream.write("second line\n")
        stream.flush()
        XCTAssertEqual(reported, [ENOSPC])
    }

    func testAClosedPipeIsReportedAsEPIPE() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        close(ends[0])
        defer { close(ends[1]) }
        let previous = signal(SIGPIPE, SIG_IGN)    // as nns does; the default would end the test
        defer { signal(SIGPIPE, previous) }
        let stream = OutputStream(descriptor: ends[1], lineBuffered: false)
        var reported: [Int32] = []
        stream.onFailure = { reported.append($0) }
        stream.write("lost")
        XCTAssertEqual(reported, [])               // still buffered
        stream.flush()
        XCTAssertEqual(reported, [EPIPE])
    }
}
