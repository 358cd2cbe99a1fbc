// Scene: a picture as a list of shapes in pixel coordinates (rectangles, lines, circles, text,
// pixel images), laid out once and then written as SVG or drawn on a Canvas for PNG, so both
// files show the same picture. Decision-boundary maps and network diagrams are scenes.

/// A straight piece of a line from (x0, y0) to (x1, y1).
public struct Segment: Equatable, Sendable {
    public var x0, y0, x1, y1: Double
    public init(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }
}

/// Where a text's anchor point sits along it.
public enum SceneAnchor: Equatable, Sendable {
    case start, middle, end
}

/// One shape of a scene.
public enum SceneShape: Equatable, Sendable {
    /// A rectangle, filled and/or outlined.
    case rect(x: Double, y: Double, w: Double, h: Double, fill: RGB?, stroke: RGB?, strokeWidth: Double)
    /// A straight line with round ends; `opacity` below 1 lets crossing lines show through.
    case line(x0: Double, y0: Double, x1: Double, y1: Double, color: RGB, width: Double, opacity: Double)
    /// Many thin segments of one colour (a contour): drawn as one path.
    case segments([Segment], color: RGB, width: Double)
    /// A circle, filled and/or outlined.
    case circle(cx: Double, cy: Double, r: Double, fill: RGB?, stroke: RGB?, strokeWidth: Double)
    /// Text whose baseline passes through y; `anchor` says where x is along it.
    case text(String, x: Double, y: Double, size: Double, color: RGB, anchor: SceneAnchor, bold: Bool)
    /// A pixel image scaled to the box without smoothing (each grid cell a crisp square).
    case image(RGBImage, x: Double, y: Double, w: Double, h: Double)
}

/// A picture of `width × height` pixels on a white page: its shapes, drawn in order.
public struct Scene: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var shapes: [SceneShape] = []
    /// A short description for the picture's title (SVG `<title>`, notebook alt text).
    public var title: String

    public init(width: Int, height: Int, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// Adds a shape on top of the others.
    public mutating func add(_ shape: SceneShape) { shapes.append(shape) }

    /// Text helper with the usual defaults.
    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, color: RGB = .axis,
                              anchor: SceneAnchor = .start, bold: Bool = false) {
        add(.text(s, x: x, y: y, size: size, color: color, anchor: anchor, bold: bold))
    }

    /// The number of shapes of each kind, for tests and alt texts.
    public var circleCount: Int { shapes.filter { if case .circle = $0 { return true } else { return false } }.count }
    public var lineCount: Int { shapes.filter { if case .line = $0 { return true } else { return false } }.count }
}
