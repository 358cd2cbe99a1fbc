// An image grid as a picture: each image pixel becomes a `scale × scale` square (sharp, not
// interpolated), images are separated by a 1-pixel mid-grey gap, and rows of blocks by a wider one.

extension ImageGrid {
    /// The grey value of the gaps and border.
    static let gapGrey: UInt8 = 128

    /// The grid drawn on a canvas: `columns` images per block row, each pixel `scale` pixels wide.
    public func canvas(columns: Int, scale: Int = 8) throws -> Canvas {
        let scale = min(max(scale, 1), 64)
        let blocks = blocks(columns: columns)
        let columns = max(1, min(columns, longestBand))
        let bandRows = blocks.reduce(0) { $0 + $1.count }
        let blockGap = max(2, scale)
        // Width: 1-px border + columns × (image + 1-px gap); height alike, plus the block gaps.
        let (imgW, o1) = width.multipliedReportingOverflow(by: scale)
        let (imgH, o2) = height.multipliedReportingOverflow(by: scale)
        let (w, o3) = columns.multipliedReportingOverflow(by: imgW + 1)
        let (h, o4) = bandRows.multipliedReportingOverflow(by: imgH + 1)
        guard !(o1 || o2 || o3 || o4) else { throw PlotError("show: picture too large") }
        let totalW = w + 1, totalH = h + 1 + max(0, blocks.count - 1) * blockGap
        guard totalW <= maximumPictureSide, totalH <= maximumPictureSide,
              totalW * totalH <= maximumPicturePixels else {
            throw PlotError("show: a \(totalW)×\(totalH) picture is too large (at most \(maximumPictureSide) pixels a side); use a smaller scale: or fewer images")
        }
        let gap = ImageGrid.gapGrey
        let canvas = try Canvas(width: totalW, height: totalH, background: RGB(gap, gap, gap))
        var top = 1
        for (b, block) in blocks.enumerated() {
            if b > 0 { top += blockGap }
            for row in block {
                for (k, img) in row.enumerated() {
                    var pixels = RGBImage(width: width, height: height)
                    for y in 0..<height {
                        for x in 0..<width { pixels.set(x, y, RGB(grey: img.at(x, y))) }
                    }
                    try canvas.image(pixels, x: Double(1 + k * (imgW + 1)), y: Double(top),
                                     w: Double(imgW), h: Double(imgH))
                }
                top += imgH + 1
            }
        }
        return canvas
    }

    /// The grid as a PNG file's bytes.
    public func png(columns: Int, scale: Int = 8) throws -> [UInt8] {
        try canvas(columns: columns, scale: scale).png()
    }
}
