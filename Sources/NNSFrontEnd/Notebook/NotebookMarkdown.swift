// NotebookMarkdown: a notebook as a Markdown page — prose as it was, each cell's code in an
// ```nns block, its output in a plain block, and its pictures as PNG files in a `NAME_files`
// folder beside the page (Markdown viewers often refuse data: URIs).
import Foundation

extension Notebook {
    /// The page as Markdown; picture `k` of cell `n` is linked as `folder/cell-n-k.png`.
    public func markdown(pictureFolder folder: String) -> String {
        var parts: [String] = []
        for item in items {
            switch item {
            case .prose(let text):
                parts.append(text)
            case .cell(let cell):
                var s = "```nns\n\(cell.code)\n```"
                var pictureIndex = 0
                var text = ""
                func flushText() {
                    if !text.isEmpty {
                        s += "\n\n" + fenced(text)
                        text = ""
                    }
                }
                for output in cell.outputs {
                    switch output {
                    case .text(let t), .diagnostic(let t):
                        text += stripEscapes(t)
                    case .error(let failure):
                        text += stripEscapes(failure.text)
                    case .value(let v):
                        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
                        text += "Out[\(cell.number)]: \(stripEscapes(v))\n"
                    case .picture(let p):
                        flushText()
                        pictureIndex += 1
                        let alt = p.alt.replacingOccurrences(of: "]", with: ")").replacingOccurrences(of: "[", with: "(")
                        let target = "\(folder)/cell-\(cell.number)-\(pictureIndex).png"
                        // Destinations with spaces need the <...> form.
                        s += "\n\n![\(alt)](\(target.contains(" ") ? "<\(target)>" : target))"
                    }
                }
                flushText()
                parts.append(s)
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// The pictures of every cell with the file names `markdown(pictureFolder:)` links to.
    public var pictureFiles: [(name: String, png: [UInt8])] {
        var files: [(String, [UInt8])] = []
        for case .cell(let cell) in items {
            var k = 0
            for case .picture(let p) in cell.outputs {
                k += 1
                files.append(("cell-\(cell.number)-\(k).png", p.png))
            }
        }
        return files
    }

    /// Writes the Markdown page and, when there are pictures, its `NAME_files` folder.
    func writeMarkdown(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folderName = url.deletingPathExtension().lastPathComponent + "_files"
        let files = pictureFiles
        if !files.isEmpty {
            let folder = url.deletingLastPathComponent().appendingPathComponent(folderName)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw NotebookError("cannot create '\(folder.path)': \(error.localizedDescription)")
            }
            for (name, png) in files {
                try NotebookExporter.atomicWrite(png, to: folder.appendingPathComponent(name).path)
            }
        }
        try NotebookExporter.atomicWrite(Array(markdown(pictureFolder: folderName).utf8), to: path)
    }
}

/// Output text in a fence long enough that backticks inside cannot close it.
func fenced(_ text: String) -> String {
    var longest = 0, run = 0
    for c in text {
        run = c == "`" ? run + 1 : 0
        longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
    return "\(fence)text\n\(body)\n\(fence)"
}
