// KernelLogo: the picture Jupyter shows for the nns kernel (its launcher and notebook toolbar) —
// a 2-3-1 network as the lecture draws it, edges coloured by the sign of their weight — drawn at
// install time on PlotKit's canvas.
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
        let excitatory = RGB(33, 102, 191), inhibitory = RGB(217, 95, 0), node = RGB(31, 36, 46)
        let canvas = try Canvas(width: size, height: size)
        for l in 0..<(layers.count - 1) {
            for (i, a) in layers[l].enumerated() {
                for (j, b) in layers[l + 1].enumerated() {
                    canvas.line(a.0 * s, a.1 * s, b.0 * s, b.1 * s,
                                color: (i + j) % 3 == 1 ? inhibitory : excitatory, width: 0.056 * s)
                }
            }
        }
        for layer in layers {
            for p in layer { canvas.circle(p.0 * s, p.1 * s, radius: 0.085 * s, fill: node) }
        }
        return try canvas.png()
    }
}
