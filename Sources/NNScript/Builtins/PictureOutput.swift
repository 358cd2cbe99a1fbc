// Where a scene picture (boundary, diagram) goes: to `file:` (PNG or SVG), to the notebook's or
// the kernel's picture sink, and as text in the terminal — the same rules as plot and show, so
// notebook pages and Jupyter receive every picture.
import PlotKit

extension PlotLibrary {
    /// Draws a picture that has a scene (files, notebooks) and a text form (terminals, pipes).
    /// `scene` and `text` are only computed when needed; `text` gets the columns available.
    static func present(file: String?, alt: String, _ ctx: ScriptContext,
                        scene: () throws -> Scene, text: (_ width: Int) throws -> [String]) throws {
        if let path = file {
            let picture = try scene()
            switch try PictureFormat(path: path) {
            case .png:
                let png = try pngBytes(try picture.canvas(), ctx)
                try PictureFile.write(png, to: path)
                if !ctx.terminal.isTerminal { ctx.pictureSink?(png, alt, nil) }
            case .svg:
                try PictureFile.write(text: try picture.svg(), to: path)
                if !ctx.terminal.isTerminal, let sink = ctx.pictureSink { sink(try pngBytes(try picture.canvas(), ctx), alt, nil) }
            }
            return
        }
        let width = ctx.terminal.isTerminal ? max(ctx.terminal.width - 1, 20) : 72
        func printed() throws -> String { try text(width).map { $0 + "\n" }.joined() }
        if let sink = ctx.pictureSink {
            // The kernel shows what a script would print as the picture's text/plain.
            sink(try pngBytes(try scene().canvas(), ctx), alt, ctx.terminal.isTerminal ? nil : try printed())
        }
        // With a sink (a notebook page) the text is drawn only on a terminal (the REPL recording
        // its cells); a page being exported gets the PNG alone.
        if ctx.pictureSink == nil || ctx.terminal.isTerminal {
            ctx.write(try printed())
        }
    }
}
