// Scene: a picture as a list of shapes in pixel coordinates (rectangles, lines, circles, text,
// pixel images), laid out once and then written as SVG or drawn for PNG, so both files show the
// same picture. Decision-boundary maps and network diagrams are scenes.

/// An 8-bit RGB pixel image inside a scene (a region map, one pixel per grid cell).
public struct SceneImage: Equatable, Sendable {
    /// The size in pixels.
    public let width: Int
    public let height: Int
    /// r, g, b bytes of each pixel, row-major, top row first.
    public var bytes: [UInt8]

    /// An image of one colour.
    public init(width: Int, height: Int, fill: RGB = .white) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        bytes = [UInt8](repeating: 0, count: 3 * self.width * self.height)
        for i in 0..<(self.width * self.height) {
            bytes[3 * i] = fill.r
            bytes[3 * i + 1] = fill.g
            bytes[3 * i + 2] = fill.b
        }
    }

    /// Sets pixel (x, y); outside the image nothing happens.
    public mutating func set(_ x: Int, _ y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = 3 * (y * width + x)
        bytes[i] = c.r
        bytes[i + 1] = c.g
        bytes[i + 2] = c.b
    }

    /// The colour of pixel (x, y); callers stay inside the image.
    public func pixel(_ x: Int, _ y: Int) -> RGB {
        let i = 3 * (y * width + x)
        return RGB(bytes[i], bytes[i + 1], bytes[i + 2])
    }
}

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
    case image(SceneImage, x: Double, y: Double, w: Double, h: Double)
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
