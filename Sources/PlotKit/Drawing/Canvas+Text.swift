// Text on a canvas: a label cut into runs of one font each (FontLibrary), measured with the
// fonts' own advances and drawn in the case it was written, optionally rotated (a y-axis title).
import Foundation
import CCairo
import TensorKit

/// How wide a label is and how far its font reaches above and below the baseline, in pixels.
public struct TextExtent: Equatable, Sendable {
    /// The advance of the whole label.
    public var width: Double
    /// The font's ascent and descent (the same for every label of one size).
    public var ascent: Double
    public var descent: Double
}

extension Canvas {
    /// Draws `text` at (x, y): `anchor` says where along the text that point is, `baseline`
    /// where across it; `angle` turns it about that point (radians, −π/2 reads upwards).
    public func text(_ text: String, x: Double, y: Double, size: Double = 12, color: RGB = .black,
                     anchor: TextAnchor = .start, baseline: TextBaseline = .alphabetic, angle: Double = 0,
                     bold: Bool = false) {
        let (lo, hi) = safeBox
        guard !text.isEmpty, x >= lo, x <= hi, y >= lo, y <= hi, size.isFinite, size > 0 else { return }
        let library = FontLibrary.of(bold: bold)
        let (runs, missing) = library.runs(text)
        noteText(missing: missing, leftOut: runs.isEmpty)
        guard !runs.isEmpty else { return }
        let extent = Canvas.measure(runs, size: size, library)
        let dx: Double
        switch anchor {
        case .start: dx = 0
        case .middle: dx = -extent.width / 2
        case .end: dx = -extent.width
        }
        let dy: Double
        switch baseline {
        case .top: dy = extent.ascent
        case .middle: dy = (extent.ascent - extent.descent) / 2
        case .alphabetic: dy = 0
        case .bottom: dy = -extent.descent
        }
        cairo_save(cr)
        cairo_translate(cr, x, y)
        if angle != 0, angle.isFinite { cairo_rotate(cr, angle) }
        setColor(color)
        cairo_new_path(cr)
        cairo_move_to(cr, dx, dy)
        for run in runs {
            guard let face = library.face(run.font) else { continue }
            cairo_set_font_face(cr, face)
            cairo_set_font_size(cr, size)
            // cairo_show_text moves the current point to the end of the run.
            cairo_show_text(cr, run.text)
        }
        cairo_restore(cr)
    }

    /// The extent of `text` at `size` pixels, as `text(_:)` would draw it. Without any font the
    /// width is estimated from the display width (a column ≈ 0.6 em).
    public static func measure(_ text: String, size: Double = 12, bold: Bool = false) -> TextExtent {
        let library = FontLibrary.of(bold: bold)
        let (runs, _) = library.runs(text)
        guard !runs.isEmpty else {
            return TextExtent(width: Double(text.displayWidth) * 0.6 * size, ascent: 0.8 * size, descent: 0.2 * size)
        }
        return measure(runs, size: size, library)
    }

    /// The width of runs (the sum of their advances) and the first font's vertical extent.
    static func measure(_ runs: [FontRun], size: Double, _ library: FontLibrary) -> TextExtent {
        var extent = TextExtent(width: 0, ascent: 0.8 * size, descent: 0.2 * size)
        if let face = library.face(0), let font = library.scaledFont(face, size: size) {
            defer { cairo_scaled_font_destroy(font) }
            var fe = cairo_font_extents_t()
            cairo_scaled_font_extents(font, &fe)
            extent.ascent = fe.ascent
            extent.descent = fe.descent
        }
        for run in runs {
            guard let face = library.face(run.font), let font = library.scaledFont(face, size: size) else { continue }
            defer { cairo_scaled_font_destroy(font) }
            var te = cairo_text_extents_t()
            cairo_scaled_font_text_extents(font, run.text, &te)
            extent.width += te.x_advance
        }
        return extent
    }
}
