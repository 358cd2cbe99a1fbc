// The colours of the series: one palette shared by the terminal, PNG and SVG pictures, so a
// legend reads the same everywhere (the ten "tab10" hues plotting libraries use).

/// An 8-bit-per-channel colour.
public struct RGB: Equatable, Sendable {
    /// The red, green and blue channels.
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    /// A colour from its three channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }
    /// A grey of brightness `v` in [0, 1] (clamped; non-finite counts as 0).
    public init(grey v: Double) {
        let c = v.isFinite ? min(max(v, 0), 1) : 0
        let byte = UInt8((c * 255).rounded())
        self.init(byte, byte, byte)
    }

    /// Page, text, axis and grid colours.
    public static let white = RGB(255, 255, 255)
    public static let black = RGB(0, 0, 0)
    public static let axis = RGB(60, 60, 60)
    public static let grid = RGB(225, 225, 225)

    /// `#rrggbb`, for SVG.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [r, g, b] {
            s.append(digits[Int(c >> 4)])
            s.append(digits[Int(c & 15)])
        }
        return s
    }

    /// The escape that sets this as the 24-bit foreground colour.
    public var foregroundEscape: String { "\u{1B}[38;2;\(r);\(g);\(b)m" }
    /// The escape that sets this as the 24-bit background colour.
    public var backgroundEscape: String { "\u{1B}[48;2;\(r);\(g);\(b)m" }
}

/// The escape that resets colours.
public let resetEscape = "\u{1B}[0m"

/// The series colours and, for pictures without colour, the marks that tell series apart.
public enum Palette {
    /// Series colours in order (tab10).
    public static let colors: [RGB] = [
        RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44), RGB(214, 39, 40),
        RGB(148, 103, 189), RGB(140, 86, 75), RGB(227, 119, 194), RGB(127, 127, 127),
        RGB(188, 189, 34), RGB(23, 190, 207),
    ]
    /// The colour of series `i` (the palette repeats).
    public static func color(_ i: Int) -> RGB { colors[abs(i) % colors.count] }

    /// Marks for series in a picture without colour: ASCII, one column wide everywhere.
    public static let marks: [Character] = ["*", "+", "o", "x", "#", "@", "%", "&", "=", "$"]
    /// The mark of series `i` (the marks repeat).
    public static func mark(_ i: Int) -> Character { marks[abs(i) % marks.count] }
}
