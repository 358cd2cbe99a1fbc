// ImageGrid: small grey images (rows of a data matrix, or a layer's weights) arranged in bands —
// originals above reconstructions — wrapped into columns, ready for the terminal or a PNG.
import TensorKit

/// How image values become grey levels.
public enum GreyScale: Equatable {
    /// Values in [0, 1] as they are (0 black, 1 white); outside values are clamped.
    case unit
    /// Each image stretched to its own min…max (MATLAB's plotWeights: a weight image shows its pattern).
    case eachImage
    /// Every image stretched by the min…max over all images (brightness comparable across images).
    case allImages
}

/// One grey image; pixel values in [0, 1], row-major, top row first.
public struct GreyImage: Equatable {
    /// The size in pixels.
    public let width: Int
    public let height: Int
    public var pixels: [Double]
    /// An image; `pixels` must have width × height values.
    public init(width: Int, height: Int, pixels: [Double]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }
    /// The grey level at (x, y).
    @inlinable public func at(_ x: Int, _ y: Int) -> Double { pixels[y * width + x] }
}

/// Images in bands (one band per data set shown), all of one size.
public struct ImageGrid {
    /// The most images one picture holds.
    public static let maximumImages = 4096
    /// The image size.
    public let width: Int
    public let height: Int
    /// `bands[b][i]` is image i of data set b.
    public let bands: [[GreyImage]]

    /// Cuts each tensor's rows into `height × width` images and maps them to grey levels.
    /// A tensor whose element count is not a multiple of the image size is an error.
    public init(_ tensors: [Tensor], height: Int, width: Int, scale: GreyScale) throws {
        guard height > 0, width > 0 else {
            throw PlotError("show: image shape [\(height), \(width)] must be positive")
        }
        let (size, overflow) = height.multipliedReportingOverflow(by: width)
        guard !overflow, height <= maximumPictureSide, width <= maximumPictureSide,
              size <= maximumPicturePixels else {
            throw PlotError("show: image shape [\(height), \(width)] is too large (at most \(maximumPictureSide) pixels a side "
                            + "and \(maximumPicturePixels) pixels in all)")
        }
        var bands: [[GreyImage]] = []
        for (b, t) in tensors.enumerated() {
            let which = tensors.count > 1 ? "argument \(b + 1)" : "the tensor"
            guard t.count > 0 else {
                throw PlotError("show: \(which) of shape \(t.shape) holds no images")
            }
            guard t.count % size == 0 else {
                throw PlotError("show: \(which) of shape \(t.shape) has \(t.count) values, not a whole number of \(height)×\(width) images (\(size) values each)")
            }
            let n = t.count / size
            guard n <= ImageGrid.maximumImages else {
                throw PlotError("show: \(n) images of \(height)×\(width) are too many to draw (at most \(ImageGrid.maximumImages)); show a slice such as X[0:64]")
            }
            var images: [GreyImage] = []
            images.reserveCapacity(n)
            t.storage.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    images.append(GreyImage(width: width, height: height,
                                            pixels: Array(p[(i * size)..<((i + 1) * size)])))
                }
            }
            bands.append(images)
        }
        self.width = width
        self.height = height
        self.bands = ImageGrid.normalised(bands, scale)
    }

    /// A grid of already normalised images (all `width × height`).
    init(width: Int, height: Int, bands: [[GreyImage]]) {
        self.width = width
        self.height = height
        self.bands = bands
    }

    /// Every image shrunk by `factor` in both directions, each new pixel the mean of a
    /// `factor × factor` block (partial blocks at the edges averaged over what they hold).
    public func downsampled(by factor: Int) -> ImageGrid {
        guard factor > 1 else { return self }
        let w = (width + factor - 1) / factor, h = (height + factor - 1) / factor
        let shrunk = bands.map { band in
            band.map { img -> GreyImage in
                var pixels = [Double](repeating: 0, count: w * h)
                for y in 0..<h {
                    for x in 0..<w {
                        var sum = 0.0, n = 0.0
                        for yy in (y * factor)..<min(height, (y + 1) * factor) {
                            for xx in (x * factor)..<min(width, (x + 1) * factor) {
                                sum += img.at(xx, yy)
                                n += 1
                            }
                        }
                        pixels[y * w + x] = n > 0 ? sum / n : 0
                    }
                }
                return GreyImage(width: w, height: h, pixels: pixels)
            }
        }
        return ImageGrid(width: w, height: h, bands: shrunk)
    }

    /// Maps raw values to [0, 1]; nan becomes 0, +inf the top, −inf the bottom.
    static func normalised(_ bands: [[GreyImage]], _ scale: GreyScale) -> [[GreyImage]] {
        func range(_ values: [Double]) -> (Double, Double) {
            var lo = Double.infinity, hi = -Double.infinity
            for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
            return lo <= hi ? (lo, hi) : (0, 1)
        }
        func apply(_ img: GreyImage, _ lo: Double, _ hi: Double) -> GreyImage {
            // Halves, so that hi − lo cannot overflow to inf (values near ±1.8e308).
            let span = hi / 2 - lo / 2
            var out = img
            for i in out.pixels.indices {
                let v = out.pixels[i]
                if v.isNaN { out.pixels[i] = 0; continue }
                // A constant image shows as mid grey when stretched, as itself when not.
                let g = span > 0 ? (v / 2 - lo / 2) / span : (scale == .unit ? v : 0.5)
                out.pixels[i] = g.isNaN ? 0 : min(max(g, 0), 1)
            }
            return out
        }
        switch scale {
        case .unit:
            return bands.map { $0.map { apply($0, 0, 1) } }
        case .eachImage:
            return bands.map { $0.map { img in let (lo, hi) = range(img.pixels); return apply(img, lo, hi) } }
        case .allImages:
            let (lo, hi) = range(bands.flatMap { $0.flatMap(\.pixels) })
            return bands.map { $0.map { apply($0, lo, hi) } }
        }
    }

    /// The largest number of images in one band.
    public var longestBand: Int { bands.map(\.count).max() ?? 0 }

    /// The grid cut into blocks of at most `columns` images; each block is a list of rows (one per
    /// band, the band's images `columns * k ..< columns * (k + 1)`).
    public func blocks(columns: Int) -> [[[GreyImage]]] {
        let columns = max(columns, 1)
        var out: [[[GreyImage]]] = []
        var start = 0
        while start < longestBand {
            var block: [[GreyImage]] = []
            for band in bands where start < band.count {
                block.append(Array(band[start..<min(band.count, start + columns)]))
            }
            out.append(block)
            start += columns
        }
        return out
    }
}
