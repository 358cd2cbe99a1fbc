// The kernel's pieces that need no Jupyter: completion, inspection and completeness answered from
// a session (cursors in Unicode scalars), the `.ipynb` writer's layout, and the pictures a
// notebook sink receives beside their text form. The kernel itself runs in Tests/jupyter.
import XCTest
import NNScript
@testable import NNSFrontEnd
import TensorKit

final class JupyterKernelTests: XCTestCase {
    func session(_ setup: String = "") throws -> Session {
        let session = Session(context: ScriptContext(write: { _ in }, writeError: { _ in }))
        if !setup.isEmpty { _ = try session.run(setup, file: "<setup>") }
        return session
    }

    func testCompletionRangesCountUnicodeScalars() throws {
        let q = KernelQueries(session: try session("θlong = 1\nnet = mlp([2, 3, 1])"))
        let c = q.complete("y = θl + 1", cursor: 6)
        XCTAssertEqual(c.matches, ["θlong"])
        XCTAssertEqual(c.start, 4)
        XCTAssertEqual(c.end, 6)
        XCTAssertEqual(q.complete("sigm", cursor: 4).matches, ["sigmoid"])
        XCTAssertEqual(q.complete("train(net, X, Y, ep", cursor: 19).matches.first, "epochs:")
        let field = q.complete("🙂 = 1\nnet.la", cursor: 12)
        XCTAssertEqual(field.matches, ["layers"])
        XCTAssertEqual(field.start, 10)
        // The cursor in the middle of the code: only the text left of it counts.
        XCTAssertEqual(q.complete("sigm + 1", cursor: 4).matches, ["sigmoid"])
    }

    func testInspectFindsTheNameAtTheCursor() throws {
        let q = KernelQueries(session: try session("net = mlp([2, 3, 1])"))
        XCTAssertTrue(q.inspect("sigmoid(x)", cursor: 3)?.hasPrefix("sigmoid(u)") == true)
        XCTAssertTrue(q.inspect("y = relu", cursor: 8)?.hasPrefix("relu(u)") == true, "just left of the cursor")
        XCTAssertTrue(q.inspect("train(net, ", cursor: 11)?.hasPrefix("train(") == true, "the open call's function")
        XCTAssertTrue(q.inspect("net.layers", cursor: 8)?.hasPrefix("net: network") == true, "a field: its value's help")
        XCTAssertNil(q.inspect("no_such_name", cursor: 3))
        XCTAssertNil(q.inspect("1 + 2", cursor: 1))
    }

    func testCompletenessFromTheParsersFlag() throws {
        let q = KernelQueries(session: try session())
        XCTAssertEqual(q.completeness("1 + 1"), .complete)
        XCTAssertEqual(q.completeness(""), .complete)
        XCTAssertEqual(q.completeness(":vars"), .complete)
        XCTAssertEqual(q.completeness("?sigmoid"), .complete)
        XCTAssertEqual(q.completeness("fn f(x) {"), .incomplete(indent: "    "))
        XCTAssertEqual(q.completeness("fn f(x) {\n    y = ["), .incomplete(indent: "        "))
        XCTAssertEqual(q.completeness("fn f(x) {\n    y = [1,"), .incomplete(indent: "    "))
        XCTAssertEqual(q.completeness("x = 1 +"), .incomplete(indent: ""))
        XCTAssertEqual(q.completeness("1 +* 2"), .invalid)
        XCTAssertEqual(q.completeness("x = )"), .invalid)
    }

    func testNotebookFileLayout() throws {
        let notebook = Notebook(title: "T", items: [
            .prose("# T\n\ntext"),
            .cell(NotebookCell(number: 1, code: "print(1)\nprint(2)\nplot(x)", outputs: [
                .text("1\n"), .text("2\n"), .diagnostic("warning\n"),
                .picture(NotebookPicture(png: [0x89, 0x50], alt: "a plot", text: "***\n* *\n")),
                .picture(NotebookPicture(png: [1], alt: "written to a file")),
                .value("3"),
            ])),
            .cell(NotebookCell(number: 2, code: "nope", outputs: [
                .error(NotebookFailure(message: "undefined name 'nope'", text: "x\n", traceback: ["a", "b"])),
            ], failed: true)),
        ])
        let json = try JSONValue.read(Array(notebook.ipynb().utf8)).get()
        XCTAssertEqual(json["nbformat"], .int(4))
        XCTAssertEqual(json["nbformat_minor"], .int(5))
        XCTAssertEqual(json["metadata"]?["kernelspec"], .object(["display_name": .string("nns"), "language": .string("nns"), "name": .string("nns")]))
        XCTAssertEqual(json["metadata"]?["language_info"]?["file_extension"], .string(".nns"))
        guard case .array(let cells)? = json["cells"], cells.count == 3 else { return XCTFail("three cells expected") }
        XCTAssertEqual(cells[0]["cell_type"], .string("markdown"))
        XCTAssertEqual(cells[0]["source"], .strings(["# T\n", "\n", "text"]))
        XCTAssertEqual(cells[1]["id"], .string("cell-2"))
        XCTAssertEqual(cells[1]["execution_count"], .int(1))
        XCTAssertEqual(cells[1]["source"], .strings(["print(1)\n", "print(2)\n", "plot(x)"]))
        XCTAssertEqual(cells[1]["outputs"], .array([
            .object(["name": .string("stdout"), "output_type": .string("stream"), "text": .strings(["1\n", "2\n"])]),
            .object(["name": .string("stderr"), "output_type": .string("stream"), "text": .strings(["warning\n"])]),
            .object(["data": .object(["image/png": .string("iVA="), "text/plain": .strings(["***\n", "* *\n"])]),
                     "metadata": .object([]), "output_type": .string("display_data")]),
            .object(["data": .object(["image/png": .string("AQ=="), "text/plain": .strings(["written to a file"])]),
                     "metadata": .object([]), "output_type": .string("display_data")]),
            .object(["data": .object(["text/plain": .strings(["3"])]), "execution_count": .int(1),
                     "metadata": .object([]), "output_type": .string("execute_result")]),
        ]), "streams joined, keys sorted")
        XCTAssertEqual(cells[2]["outputs"], .array([
            .object(["ename": .string("error"), "evalue": .string("undefined name 'nope'"),
                     "output_type": .string("error"), "traceback": .strings(["a", "b"])]),
        ]))
        XCTAssertTrue(notebook.ipynb().hasPrefix("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\","), "Jupyter's layout")
    }

    func testPicturesReachASinkWithTheTextAScriptPrints() throws {
        var printed = ""
        let plain = Session(context: ScriptContext(write: { printed += $0 }, writeError: { _ in }))
        _ = try plain.run("plot(sigmoid)\nshow(eye(3))", file: "<t>")
        var texts: [String?] = []
        let sinking = Session(context: ScriptContext(write: { _ in XCTFail("text printed beside the picture") }, writeError: { _ in }))
        sinking.context.pictureSink = { png, _, text in
            XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
            texts.append(text)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nns-sink-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try sinking.run("plot(sigmoid)\nshow(eye(3))\nplot(relu, file: \"\(file)\")", file: "<t>")
        XCTAssertEqual(texts.count, 3)
        XCTAssertEqual((texts[0] ?? "") + (texts[1] ?? ""), printed)
        XCTAssertNil(texts[2], "a picture written to a file has no text form")
    }

    func testTrainingProgressGoesToAProgressSink() throws {
        let context = ScriptContext(write: { _ in }, writeError: { _ in XCTFail("a bar on stderr") })
        var lines: [(String, Bool)] = []
        context.progressSink = { lines.append(($0, $1)) }
        _ = try Session(context: context).run("d = xor()\nh = train(mlp([2, 3, 1]), d.x, d.y, epochs: 50)", file: "<t>")
        XCTAssertGreaterThanOrEqual(lines.count, 2)
        XCTAssertEqual(lines.filter(\.1).count, 1, "one last update")
        XCTAssertTrue(lines.last?.1 == true && lines.last?.0.contains("epoch 50/50") == true, "\(lines)")
        XCTAssertFalse(lines.contains { $0.0.contains("\u{1B}") }, "no escapes for a front end")
        // Without a sink and without a terminal there is no bar at all.
        let quiet = ScriptContext(write: { _ in }, writeError: { _ in XCTFail("a bar without a terminal") })
        _ = try Session(context: quiet).run("d = xor()\nh = train(mlp([2, 3, 1]), d.x, d.y, epochs: 50)", file: "<t>")
    }
}
