// Tests of notebook export: cutting sources into cells, the HTML and Markdown pages (structure,
// escaping, pictures), and — once a session runs code — a whole export end to end.
import XCTest
import Foundation
import NNScript
@testable import NNSFrontEnd

final class NotebookTests: XCTestCase {
    /// Brace counting stands in for the parser in the splitting tests.
    func unbalanced(_ code: String) -> Bool {
        code.filter { $0 == "{" }.count > code.filter { $0 == "}" }.count
    }

    func testMarkdownCellsAndProse() {
        let md = "# Title\n\nSome *prose*.\n\n```nns\nx = 1\nprint(x)\n```\n\n```python\nnot a cell\n```\ntail\n"
        XCTAssertEqual(NotebookSource.markdown(md), [
            .prose("# Title\n\nSome *prose*."),
            .code("x = 1\nprint(x)", line: 6),
            .prose("```python\nnot a cell\n```\ntail"),
        ])
        // An unclosed cell still runs.
        XCTAssertEqual(NotebookSource.markdown("```nns\ny = 2"), [.code("y = 2", line: 2)])
    }

    func testScriptSplitsAtBlankLinesBetweenCompleteStatements() {
        let script = "# A lecture script\n# about XOR\n\nx = 1\nprint(x)\n\nfn f(u) {\n  a = u\n\n  return a\n}\n\n\nf(2)\n"
        XCTAssertEqual(NotebookSource.script(script, isIncomplete: unbalanced), [
            .prose("A lecture script\nabout XOR"),
            .code("x = 1\nprint(x)", line: 4),
            .code("fn f(u) {\n  a = u\n\n  return a\n}", line: 7),
            .code("f(2)", line: 14),
        ])
    }

    func testScriptMarkers() {
        let script = "x = 1\n\ny = 2\n# %% Training\nz = 3\n# %% [markdown]\n# Some **notes**\n# %%\nw = 4\n"
        XCTAssertEqual(NotebookSource.script(script, isIncomplete: unbalanced), [
            .code("x = 1\n\ny = 2", line: 1),
            .prose("### Training"),
            .code("z = 3", line: 5),
            .prose("Some **notes**"),
            .code("w = 4", line: 9),
        ])
    }

    func testHTMLPageEscapesAndEmbedsPictures() {
        let cell = NotebookCell(number: 1, code: "print(\"<b>\") # hi\nfor i in 0..3 { }", outputs: [
            .text("<b>\n"), .picture(NotebookPicture(png: [0x89, 0x50, 0x4E, 0x47], alt: "a \"plot\"")),
            .diagnostic("error: \u{1B}[31mbad\u{1B}[0m\n"), .value("3"),
        ], failed: true)
        let page = Notebook(title: "T & <t>", items: [
            .prose("# Head\n\nText with `code`, **bold**, [link](JavaScript:void) and <script>.\n\n- a\n- b"),
            .cell(cell),
        ]).html()
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("<title>T &amp; &lt;t&gt;</title>"))
        XCTAssertTrue(page.contains("<h1>Head</h1>"))
        XCTAssertTrue(page.contains("<code>code</code>, <strong>bold</strong>, <a href=\"#\">link</a> and &lt;script&gt;."))
        XCTAssertTrue(page.contains("<ul>\n<li>a</li>\n<li>b</li>\n</ul>"))
        XCTAssertFalse(page.contains("<script"))
        XCTAssertTrue(page.contains("In [1]:"))
        XCTAssertTrue(page.contains("<span class=\"f\">print</span>(<span class=\"s\">&quot;&lt;b&gt;&quot;</span>) <span class=\"c\"># hi</span>"))
        XCTAssertTrue(page.contains("<span class=\"k\">for</span> i <span class=\"k\">in</span> <span class=\"n\">0</span>..<span class=\"n\">3</span>"))
        XCTAssertTrue(page.contains("<pre class=\"stdout\">&lt;b&gt;\n</pre>"))
        XCTAssertTrue(page.contains("<img src=\"data:image/png;base64,iVBORw==\" alt=\"a &quot;plot&quot;\">"))
        XCTAssertTrue(page.contains("<pre class=\"stderr\">error: bad\n</pre>"))
        XCTAssertTrue(page.contains("Out[1]:</div><pre class=\"value\">3</pre>"))
        XCTAssertTrue(page.contains("class=\"cell failed\""))
    }

    func testMarkdownPageWritesPicturesBesideIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nns-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let notebook = Notebook(title: "t", items: [
            .prose("Intro"),
            .cell(NotebookCell(number: 1, code: "show(X)", outputs: [
                .text("before\n"), .picture(NotebookPicture(png: [1, 2, 3], alt: "4 images")), .value("none?"),
            ])),
        ])
        let path = dir.appendingPathComponent("page.md").path
        try notebook.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, "Intro\n\n```nns\nshow(X)\n```\n\n```text\nbefore\n```\n\n![4 images](page_files/cell-1-1.png)\n\n```text\nOut[1]: none?\n```\n")
        XCTAssertEqual(Array(try Data(contentsOf: dir.appendingPathComponent("page_files/cell-1-1.png"))), [1, 2, 3])
        XCTAssertThrowsError(try notebook.write(to: dir.appendingPathComponent("page.pdf").path))
    }

    func testFencesOutgrowBackticksInOutput() {
        XCTAssertEqual(fenced("a ``` b\n"), "````text\na ``` b\n````")
    }

    func testExportRunsCellsInOneSession() throws {
        let context = ScriptContext(write: { _ in }, writeError: { _ in })
        let session = Session(context: context)
        do { _ = try session.run("1", file: "<probe>") } catch {
            throw XCTSkip("the interpreter is not available: \(error.message)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nns-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("lesson.md").path
        try """
        # Lesson

        ```nns
        x = 2
        print(x * 3)
        ```

        Then a picture:

        ```nns
        show([[0, 1], [1, 0]], shape: [1, 2])
        x + 1
        ```

        ```nns
        y = undefined_name
        ```
        """.write(toFile: source, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("lesson.html").path
        let notebook = try NotebookExporter(session: session).export(sourcePath: source, outputPath: out)
        XCTAssertEqual(notebook.title, "Lesson")
        XCTAssertEqual(notebook.failures, 1)
        XCTAssertEqual(notebook.errorMessages.count, 1)
        XCTAssertTrue(notebook.errorMessages[0].contains("undefined name 'undefined_name'"))
        let cells = notebook.items.compactMap { item -> NotebookCell? in
            if case .cell(let c) = item { return c } else { return nil }
        }
        XCTAssertEqual(cells.count, 3)
        XCTAssertEqual(cells[0].outputs, [.text("6\n")])
        XCTAssertEqual(cells[1].outputs.count, 2)
        if case .picture(let p) = cells[1].outputs[0] {
            XCTAssertEqual(Array(p.png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        } else {
            XCTFail("picture expected, got \(cells[1].outputs)")
        }
        XCTAssertEqual(cells[1].outputs[1], .value("3"))
        guard case .error(let failure)? = cells[2].outputs.last else { return XCTFail("error expected") }
        XCTAssertTrue(failure.text.hasPrefix("\(source):16:5: error:"), failure.text)
        XCTAssertEqual(failure.message, "undefined name 'undefined_name'")
        XCTAssertEqual(failure.traceback.first, "\(source):16:5: \u{1B}[1;31merror:\u{1B}[0m undefined name 'undefined_name'")
        let page = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(page.contains("data:image/png;base64,"))
        // The context is restored after the export.
        XCTAssertNil(context.pictureSink)
    }

}
