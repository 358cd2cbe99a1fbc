// The show built-in: rows of tensors as grids of grey images — originals above reconstructions,
// a layer's weights as pictures — in the terminal, in PNG files and in notebook pages.
import TensorKit
import PlotKit

extension PlotLibrary {
    static var show: Builtin {
        Builtin(
            "show",
            [.variadic("images"), .named("shape"), .named("cols"), .named("norm", .string("auto")),
             .named("scale", .number(8)), .named("file")],
            help: """
            Draws images as a grid: each row of X is one image of `shape: [h, w]` (default: square rows, \
            so digits' 64 columns are 8×8; an N×h×w tensor gives its own shape). `show(A, B, shape: \
            [8, 8])` draws A's images in a row above B's (originals above reconstructions), wrapping \
            after `cols:` images. `show(ae.W, shape: [8, 8])` shows each hidden unit's weights. \
            Grey levels (`norm:`): "unit" maps 0…1 to black…white; "each" stretches every image to its \
            own min…max (as MATLAB's plotWeights does); "all" stretches by the min…max of all images; \
            "auto" (default) is "unit" when every value is in [0, 1], else "each". In the terminal \
            it uses half blocks in 24-bit grey, or the ramp " .:-=+*#%@" without colour; \
            `file: "x.png"` writes a greyscale PNG, each pixel `scale:` pixels wide.
            """,
            example: """
            X = rand(4, 16)
            show(X, shape: [4, 4])
            show(X, 1 - X, shape: [4, 4], file: "/tmp/nns-example-show.png")
            """
        ) { args, ctx in
            var tensors: [Tensor] = []
            for (k, v) in args.rest.enumerated() {
                guard let t = tensorValue(v) else {
                    throw ScriptError.badArgument(position: k + 1, to: "show", "tensor expected, got \(v.kindName)")
                }
                tensors.append(t)
            }
            guard let first = tensors.first else {
                throw ScriptError.runtime("show needs a tensor of images: show(X[0:8], shape: [8, 8])")
            }
            let (h, w) = try imageShape(args, first)
            let scale: GreyScale
            switch try args.string("norm") {
            case "unit": scale = .unit
            case "each": scale = .eachImage
            case "all": scale = .allImages
            case "auto":
                let inUnit = tensors.allSatisfy { $0.storage.allSatisfy { !$0.isFinite || (0...1).contains($0) } }
                scale = inUnit ? .unit : .eachImage
            case let other:
                throw ScriptError.badArgument("norm", to: "show", "\"auto\", \"unit\", \"each\" or \"all\" expected, got \"\(other)\"")
            }
            let grid = try ImageGrid(tensors, height: h, width: w, scale: scale)
            let userCols = args.isNone("cols") ? nil : try args.int("cols")
            if let c = userCols, c < 1 { throw ScriptError.badArgument("cols", to: "show", "a number at least 1 expected, got \(c)") }
            let pixelScale = try args.int("scale")
            guard (1...64).contains(pixelScale) else {
                throw ScriptError.badArgument("scale", to: "show", "a number from 1 to 64 expected, got \(pixelScale)")
            }
            let counts = grid.bands.map { String($0.count) }.joined(separator: " + ")
            let alt = "\(counts) grey image\(grid.longestBand == 1 && grid.bands.count == 1 ? "" : "s") of \(h)×\(w) pixels"
            // Files and notebooks: all images of a band in one row unless cols: says otherwise
            // (a single band of more than ten images wraps to a roughly square grid).
            let n = grid.longestBand
            let fileCols = userCols ?? (grid.bands.count > 1 || n <= 10 ? n : Int(Double(n).squareRoot().rounded(.up)))
            if !args.isNone("file") {
                let path = try args.string("file")
                guard try PictureFormat(path: path) == .png else {
                    throw ScriptError.badArgument("file", to: "show", "a file name ending in .png expected, got \"\(path)\"")
                }
                let png = try pngBytes(try grid.canvas(columns: fileCols, scale: pixelScale), ctx)
                try PictureFile.write(png, to: path)
                // A page being exported shows the file's picture; on a terminal (the REPL
                // recording its cells) a sink is only ever followed by the picture's text.
                if !ctx.terminal.isTerminal { ctx.pictureSink?(png, alt, nil) }
                return .none
            }
            func text() -> String {
                let width = ctx.terminal.isTerminal ? ctx.terminal.width : 72
                // An image wider than the terminal is shrunk (block means) until it fits.
                let textWidth = grid.textWidth(color: ctx.terminal.color)
                let shown = textWidth > width ? grid.downsampled(by: (textWidth + width - 1) / width) : grid
                let fit = shown.columnsThatFit(width, color: ctx.terminal.color)
                let cols = min(userCols ?? shown.longestBand, fit)
                return shown.renderText(columns: cols, color: ctx.terminal.color).map { $0 + "\n" }.joined()
            }
            if let sink = ctx.pictureSink {
                sink(try pngBytes(try grid.canvas(columns: fileCols, scale: pixelScale), ctx), alt,
                     ctx.terminal.isTerminal ? nil : text())
            }
            // With a sink (a notebook page) the text is drawn only on a terminal (the REPL
            // recording its cells); a page being exported gets the PNG (and the text beside it).
            if ctx.pictureSink == nil || ctx.terminal.isTerminal {
                ctx.write(text())
            }
            return .none
        }
    }

    /// The image shape from `shape:` ([h, w]), or from the data: an N×h×w tensor, square rows,
    /// or a single matrix.
    static func imageShape(_ args: Arguments, _ t: Tensor) throws -> (Int, Int) {
        if args.isNone("shape") {
            if t.rank == 3 { return (t.shape[1], t.shape[2]) }
            let row = t.rank == 2 ? t.shape[1] : t.count
            let side = Int(Double(row).squareRoot().rounded())
            if side * side == row, side > 0 { return (side, side) }
            if t.rank == 2 { return (t.shape[0], t.shape[1]) }
            throw ScriptError.runtime("show: cannot tell the image shape of a tensor of shape \(t.shape); give shape: [h, w]")
        }
        let dims: [Double]
        switch args["shape"] {
        case .tensor(let s): dims = s.storage
        case .list(let l): dims = l.items.compactMap { if case .number(let x) = $0 { return x } else { return nil } }
        default: throw args.bad("shape", "[height, width]")
        }
        guard dims.count == 2, dims.allSatisfy({ $0.isFinite && $0 == $0.rounded() && $0 >= 1 }) else {
            throw ScriptError.badArgument("shape", to: "show", "two whole numbers [height, width], each at least 1, expected, got [\(dims.map(briefNumber).joined(separator: ", "))]")
        }
        guard dims[0] <= Double(maximumPictureSide), dims[1] <= Double(maximumPictureSide) else {
            throw ScriptError.runtime("show: shape: [\(briefNumber(dims[0])), \(briefNumber(dims[1]))] is too large (at most \(maximumPictureSide) pixels a side)")
        }
        return (Int(dims[0]), Int(dims[1]))
    }
}
