// KernelLogo: the picture Jupyter shows for the nns kernel (its launcher and notebook toolbar) —
// a 2-3-1 network as the lecture draws it, edges coloured by the sign of their weight — drawn at
// install time, with 4×4 samples a pixel for smooth edges.
import PlotKit

enum KernelLogo {
    /// The logo as a `size`×`size` PNG.
    static func png(size: Int) throws -> [UInt8] {
        let s = Double(size)
        // Node centres in units of the picture's side: inputs, hidden layer, output.
        let layers: [[(Double, Double)]] = [
            [(0.18, 0.33), (0.18, 0.67)],
            [(0.5, 0.2), (0.5, 0.5), (0.5, 0.8)],
            [(0.82, 0.5)],
        ]
        let excitatory = (0.13, 0.40, 0.75), inhibitory = (0.85, 0.37, 0.0), node = (0.12, 0.14, 0.18)
        var edges: [((Double, Double), (Double, Double), (Double, Double, Double))] = []
        for l in 0..<(layers.count - 1) {
            for (i, a) in layers[l].enumerated() {
                for (j, b) in layers[l + 1].enumerated() {
                    edges.append((a, b, (i + j) % 3 == 1 ? inhibitory : excitatory))
                }
            }
        }
        let edgeHalfWidth = 0.028, radius = 0.085
        var pixels = [UInt8](repeating: 255, count: size * size * 3)
        for py in 0..<size {
            for px in 0..<size {
                var sum = (0.0, 0.0, 0.0)
                for sy in 0..<4 {
                    for sx in 0..<4 {
                        let x = (Double(px) + (Double(sx) + 0.5) / 4) / s
                        let y = (Double(py) + (Double(sy) + 0.5) / 4) / s
                        var c = (1.0, 1.0, 1.0)
                        for (a, b, colour) in edges where distance(x, y, a, b) < edgeHalfWidth { c = colour }
                        for layer in layers {
                            for p in layer where (x - p.0) * (x - p.0) + (y - p.1) * (y - p.1) < radius * radius { c = node }
                        }
                        sum = (sum.0 + c.0, sum.1 + c.1, sum.2 + c.2)
                    }
                }
                let i = 3 * (py * size + px)
                pixels[i] = UInt8((sum.0 / 16 * 255).rounded())
                pixels[i + 1] = UInt8((sum.1 / 16 * 255).rounded())
                pixels[i + 2] = UInt8((sum.2 / 16 * 255).rounded())
            }
        }
        return try PNG.encode(width: size, height: size, colorType: .rgb, pixels: pixels)
    }

    /// The distance from (x, y) to the segment a–b.
    private static func distance(_ x: Double, _ y: Double, _ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let dx = b.0 - a.0, dy = b.1 - a.1
        let t = max(0, min(1, ((x - a.0) * dx + (y - a.1) * dy) / (dx * dx + dy * dy)))
        let ex = a.0 + t * dx - x, ey = a.1 + t * dy - y
        return (ex * ex + ey * ey).squareRoot()
    }
}
