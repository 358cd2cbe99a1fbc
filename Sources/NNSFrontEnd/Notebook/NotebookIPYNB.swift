// NotebookIPYNB: a notebook as a Jupyter notebook file (nbformat 4.5) for the `nns` kernel — prose
// as Markdown cells, each nns cell a code cell with its outputs stored as the kernel sends them
// (`stream`, `display_data` with `image/png`, `execute_result`, `error`). Keys are written sorted
// and indented by one space, as Jupyter writes them, so a notebook saved again in JupyterLab
// changes only where its content changed.
import Foundation
import TensorKit

extension Notebook {
    /// nbformat's version written (4.5: cells have ids).
    static let nbformat = (major: 4, minor: 5)

    /// The notebook as `.ipynb` JSON text.
    public func ipynb() -> String {
        var cells: [JSONValue] = []
        for (index, item) in items.enumerated() {
            let id = JSONValue.string("cell-\(index + 1)")
            switch item {
            case .prose(let text):
                cells.append(.object(["cell_type": .string("markdown"), "id": id, "metadata": .object([]),
                                      "source": Notebook.lines(text)]))
            case .cell(let cell):
                cells.append(.object(["cell_type": .string("code"), "execution_count": .int(cell.number),
                                      "id": id, "metadata": .object([]),
                                      "outputs": .array(Notebook.outputs(of: cell)),
                                      "source": Notebook.lines(cell.code)]))
            }
        }
        let version = String(NNSVersion.text.drop { $0 != " " }.dropFirst())
        let notebook = JSONValue.object([
            "cells": .array(cells),
            "metadata": .object([
                "kernelspec": .object(["display_name": .string("nns"), "language": .string("nns"),
                                       "name": .string(KernelSpec.name)]),
                "language_info": KernelServer.languageInfo(version: version),
                "title": .string(title),
            ]),
            "nbformat": .int(Notebook.nbformat.major),
            "nbformat_minor": .int(Notebook.nbformat.minor),
        ])
        return notebook.text(indent: 1) + "\n"
    }

    /// A cell's outputs as Jupyter stores them: consecutive text of one stream as one output.
    static func outputs(of cell: NotebookCell) -> [JSONValue] {
        var result: [JSONValue] = []
        var stream: (name: String, text: String)?
        func flush() {
            guard let s = stream else { return }
            result.append(.object(["name": .string(s.name), "output_type": .string("stream"), "text": lines(s.text)]))
            stream = nil
        }
        func append(_ name: String, _ text: String) {
            if let s = stream, s.name == name { stream = (name, s.text + text); return }
            flush()
            stream = (name, text)
        }
        for output in cell.outputs {
            switch output {
            case .text(let t): append("stdout", stripEscapes(t))
            case .diagnostic(let t): append("stderr", stripEscapes(t))
            case .picture(let p):
                // text/plain: what a script prints for the picture, or its description when that
                // is nothing (a picture written to a file), as the kernel sends it.
                flush()
                result.append(.object(["data": .object(["image/png": .string(Data(p.png).base64EncodedString()),
                                                        "text/plain": lines(p.text ?? p.alt)]),
                                       "metadata": .object([]), "output_type": .string("display_data")]))
            case .value(let v):
                flush()
                result.append(.object(["data": .object(["text/plain": lines(stripEscapes(v))]),
                                       "execution_count": .int(cell.number), "metadata": .object([]),
                                       "output_type": .string("execute_result")]))
            case .error(let f):
                flush()
                result.append(.object(["ename": .string("error"), "evalue": .string(f.message),
                                       "output_type": .string("error"), "traceback": .strings(f.traceback)]))
            }
        }
        flush()
        return result
    }

    /// A text as nbformat's list of lines, each but the last keeping its newline.
    static func lines(_ text: String) -> JSONValue {
        var parts: [String] = []
        var current = ""
        for c in text {
            current.append(c)
            if c == "\n" {
                parts.append(current)
                current = ""
            }
        }
        if !current.isEmpty { parts.append(current) }
        return .strings(parts)
    }
}
