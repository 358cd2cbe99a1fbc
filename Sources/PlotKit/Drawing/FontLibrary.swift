// FontLibrary: which installed font draws each character of a label, found through fontconfig.
// Labels mix scripts ("激活函数 sigmoid"), and no single font need cover them all, so text is cut
// into runs, each drawn by the first font of fontconfig's sans-serif fallback list that has it.
import Foundation
import CCairo

/// A stretch of text drawn with one font.
struct FontRun {
    /// The characters of the run, control characters already replaced by spaces.
    var text: String
    /// Index into the library's fonts.
    var font: Int
}

/// The fonts fontconfig offers for sans-serif text of one weight, loaded once per process, and
/// the choice of font for each character. Thread-safe: pictures may be drawn from any thread.
final class FontLibrary: @unchecked Sendable {
    /// The process's regular and bold libraries (fontconfig's configuration is process-wide too).
    static let shared = FontLibrary(bold: false)
    static let bold = FontLibrary(bold: true)

    /// The library for text of this weight.
    static func of(bold: Bool) -> FontLibrary { bold ? FontLibrary.bold : shared }

    /// One font of the fallback list: the characters it covers and its Cairo face.
    private struct Font {
        let charset: OpaquePointer
        let face: OpaquePointer
        let family: String
    }

    private let lock = NSLock()
    private var loaded = false
    private var fonts: [Font] = []
    /// The sorted set, kept for the life of the process: it owns the charsets read from it.
    private var fontSet: UnsafeMutablePointer<FcFontSet>?
    /// The font chosen for each character seen so far (nil: no font has it).
    private var choice: [Character: Int?] = [:]

    /// The rendering options every canvas and every measurement uses (see `load`).
    private(set) var options: OpaquePointer?

    /// Bold text: fontconfig picks bold faces, and for a font without one (WenQuanYi Micro Hei)
    /// asks FreeType to embolden the regular face.
    private let isBold: Bool

    private init(bold: Bool) {
        isBold = bold
        _ = nns_picture_libraries_load()
        options = cairo_font_options_create()
        if let options {
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_DEFAULT)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON)
        }
    }

    /// `face` at `size` pixels with the shared options; the caller destroys it.
    func scaledFont(_ face: OpaquePointer, size: Double) -> OpaquePointer? {
        var matrix = cairo_matrix_t(), identity = cairo_matrix_t()
        cairo_matrix_init_scale(&matrix, size, size)
        cairo_matrix_init_identity(&identity)
        guard let font = cairo_scaled_font_create(face, &matrix, &identity, options) else { return nil }
        guard cairo_scaled_font_status(font) == CAIRO_STATUS_SUCCESS else {
            cairo_scaled_font_destroy(font)
            return nil
        }
        return font
    }

    /// The families of the fallback list, in order (for messages and the documentation).
    var families: [String] {
        withLoaded { $0.fonts.map(\.family) }
    }

    /// True when fontconfig found no font at all: labels cannot be drawn.
    var isEmpty: Bool {
        withLoaded { $0.fonts.isEmpty }
    }

    /// The Cairo font face of font `index`.
    func face(_ index: Int) -> OpaquePointer? {
        withLoaded { index >= 0 && index < $0.fonts.count ? $0.fonts[index].face : nil }
    }

    /// `text` cut into runs of one font each, and the characters no installed font covers (they
    /// are drawn by the first font, which shows its "missing glyph" box). Control characters
    /// (a tab, a newline in a title) become spaces.
    func runs(_ text: String) -> (runs: [FontRun], missing: [Character]) {
        withLoaded { library in
            var runs: [FontRun] = []
            var missing: [Character] = []
            guard !library.fonts.isEmpty else { return ([], []) }
            for raw in text {
                let c: Character = raw.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : raw
                let found = library.font(for: c)
                if found == nil, !missing.contains(c) { missing.append(c) }
                let index = found ?? 0
                if let last = runs.last, last.font == index {
                    runs[runs.count - 1].text.append(c)
                } else {
                    runs.append(FontRun(text: String(c), font: index))
                }
            }
            return (runs, missing)
        }
    }

    /// The first font covering every scalar of `c`, else the first covering its base scalar
    /// (a combining mark no font has is a small loss); nil when none covers the base.
    private func font(for c: Character) -> Int? {
        if let known = choice[c] { return known }
        let scalars = Array(c.unicodeScalars)
        var found: Int? = nil
        if let whole = fonts.firstIndex(where: { f in scalars.allSatisfy { FcCharSetHasChar(f.charset, $0.value) != 0 } }) {
            found = whole
        } else if let base = scalars.first {
            found = fonts.firstIndex { FcCharSetHasChar($0.charset, base.value) != 0 }
        }
        // Spaces and other blanks draw as nothing in any font: no need to report them.
        if found == nil, scalars.allSatisfy(\.properties.isWhitespace) { found = 0 }
        if choice.count < 65_536 { choice[c] = .some(found) }
        return found
    }

    /// Runs `body` with the fonts loaded, under the lock.
    private func withLoaded<T>(_ body: (FontLibrary) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if !loaded {
            loaded = true
            load()
        }
        return body(self)
    }

    /// Asks fontconfig for the sans-serif list: the best match first, then each font that adds
    /// characters the ones before lack (FcFontSort with trimming).
    private func load() {
        guard FcInit() != 0, let config = FcConfigGetCurrent() else { return }
        guard let pattern = FcNameParse(isBold ? "sans-serif:bold" : "sans-serif") else { return }
        defer { FcPatternDestroy(pattern) }
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultMatch
        guard let set = FcFontSort(config, pattern, 1, nil, &result) else { return }
        fontSet = set
        let count = Int(set.pointee.nfont)
        for i in 0..<count {
            guard let font = set.pointee.fonts[i] else { continue }
            var charset: OpaquePointer? = nil
            guard FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) == FcResultMatch, let charset,
                  let prepared = FcFontRenderPrepare(config, pattern, font) else { continue }
            // The same rendering wherever nns runs, whatever the desktop's settings: greyscale
            // antialiasing (no colour fringes in a PNG), light hinting.
            for key in [FC_ANTIALIAS, FC_RGBA, FC_HINTING, FC_HINT_STYLE] { FcPatternDel(prepared, key) }
            if !isBold { FcPatternDel(prepared, FC_EMBOLDEN) }
            FcPatternAddBool(prepared, FC_ANTIALIAS, 1)
            FcPatternAddBool(prepared, FC_HINTING, 1)
            FcPatternAddInteger(prepared, FC_RGBA, Int32(FC_RGBA_NONE))
            FcPatternAddInteger(prepared, FC_HINT_STYLE, Int32(FC_HINT_SLIGHT))
            let face = cairo_ft_font_face_create_for_pattern(prepared)
            FcPatternDestroy(prepared)
            guard let face, cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS else { continue }
            var name: UnsafeMutablePointer<FcChar8>? = nil
            var family = "?"
            if FcPatternGetString(font, FC_FAMILY, 0, &name) == FcResultMatch, let name {
                family = String(cString: UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
            }
            fonts.append(Font(charset: charset, face: face, family: family))
        }
    }
}
