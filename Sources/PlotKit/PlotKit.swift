// PlotKit: pictures of tensors — function plots, scatter plots and image grids — drawn in the
// terminal (Unicode, optional 24-bit colour) or written as PNG / SVG files.
import TensorKit

/// A picture that cannot be drawn as asked (nothing finite to plot, a wrong image shape, a size
/// beyond the limits); the message says what was expected and what was found.
public struct PlotError: DescribedError, Equatable {
    /// What went wrong, for the user.
    public let message: String
    /// An error with this message.
    public init(_ message: String) { self.message = message }
}

/// The largest picture PlotKit draws, in pixels per side, so `shape: [1e9, 1e9]` is an error
/// instead of an allocation that takes the machine down.
public let maximumPictureSide = 16_384
/// The largest number of pixels in one raster picture (64 Mpx).
public let maximumPicturePixels = 1 << 26

/// A pixel or dot coordinate as an Int that never traps: rounded, clamped to ±2³⁰, nan → 0.
@inlinable func safeInt(_ v: Double) -> Int {
    guard v.isFinite else { return v.isNaN ? 0 : (v > 0 ? 1 << 30 : -(1 << 30)) }
    return Int(min(max(v.rounded(), -1_073_741_824), 1_073_741_824))
}
