// `train(..., plot: true)`: the loss curve (and val_loss) redrawn in place on the terminal while
// the epochs run, at most ten times a second, instead of the progress bar; when training ends the
// last frame is erased and the final curve drawn as a picture (terminal, notebook page, Jupyter),
// the way plot(h) draws a history. Frames go to the program output, which is a terminal whenever
// they are drawn, so the erasing and the final picture arrive in order.
import PlotKit
import NeuralKit

/// The live curve of one training run.
final class LiveLossCurve {
    private let ctx: ScriptContext
    private let epochs: Int
    /// Rows of the frame's plot area.
    static let rows = 12
    /// The least time between two redraws, in seconds.
    static let interval = 0.1
    private var lastDraw = -Double.infinity
    /// Lines of the frame on the screen now (0: none drawn yet).
    private var linesShown = 0

    init(_ ctx: ScriptContext, epochs: Int) {
        self.ctx = ctx
        self.epochs = epochs
    }

    /// The chart of a history so far: loss (and val_loss) against the epoch, from 1.
    static func chart(_ h: TrainingHistory, title: String?) -> Chart {
        let xs = (0..<h.loss.count).map { Double($0 + 1) }
        var series = [Series(name: "loss", x: xs, y: h.loss)]
        if !h.validationLoss.isEmpty {
            series.append(Series(name: "val_loss", x: Array(xs.prefix(h.validationLoss.count)), y: h.validationLoss))
        }
        return Chart(series: series, kind: .lines, title: title)
    }

    /// Called after every epoch: redraws when the last frame is at least `interval` old. The
    /// history is not kept (holding it would make the trainer copy its loss array each epoch).
    func update(_ h: TrainingHistory) {
        let now = ProgressBar.now()
        guard now - lastDraw >= LiveLossCurve.interval else { return }
        lastDraw = now
        draw(h)
    }

    /// The frame: the curve with the epoch and the latest losses in its title.
    private func draw(_ h: TrainingHistory) {
        var title = "epoch \(h.loss.count)/\(epochs)"
        if let l = h.loss.last { title += "  loss \(shortNumber(l))" }
        if let v = h.validationLoss.last { title += "  val_loss \(shortNumber(v))" }
        let layout = TextLayout(width: max(ctx.terminal.width - 1, 30), height: LiveLossCurve.rows, color: ctx.terminal.color)
        guard let lines = try? LiveLossCurve.chart(h, title: title).renderText(layout) else { return }
        ctx.write(clear() + lines.map { $0 + "\n" }.joined())
        linesShown = lines.count
    }

    /// The escapes that move back over the frame shown and erase it (nothing before the first).
    private func clear() -> String {
        guard linesShown > 0 else { return "" }
        return "\u{1B}[\(linesShown)F\u{1B}[J"
    }

    /// Ends the live drawing: erases the last frame and draws the final curve as a picture.
    func finish(_ h: TrainingHistory) throws {
        if linesShown > 0 {
            ctx.write(clear())
            linesShown = 0
        }
        // Piped output without a notebook page gets nothing, as for the progress bar.
        guard !h.loss.isEmpty, ctx.terminal.isTerminal || ctx.pictureSink != nil else { return }
        var title = "loss over \(h.loss.count) epoch\(h.loss.count == 1 ? "" : "s")"
        if h.interrupted { title += " (interrupted)" }
        if h.stopped, let best = h.bestEpoch { title += " (stopped early; best epoch \(best))" }
        let chart = LiveLossCurve.chart(h, title: title)
        // A script run without a terminal prints nothing for the curve, so a notebook's or a
        // kernel's picture has no printed text (the kernel shows the alt text instead).
        if let sink = ctx.pictureSink {
            sink(try PlotLibrary.pngBytes(try chart.canvas(width: 640, height: 400), ctx),
                 "training loss curve over \(h.loss.count) epochs", nil)
        }
        if ctx.terminal.isTerminal {
            let layout = TextLayout(width: max(ctx.terminal.width - 1, 30), height: 20, color: ctx.terminal.color)
            ctx.write(try chart.renderText(layout).map { $0 + "\n" }.joined())
        }
    }
}
