// The computations behind boundary and diagram, apart from any drawing: the level contour of a
// ramp lies on the true level line, class borders follow the cells, the ramp's colours and
// characters change side exactly at the level, a big layer keeps its strongest units, Hinton
// blocks grow with |w| and tell the sign, and the diagram's scene holds one edge per drawn weight.
import XCTest
@testable import PlotKit

final class RegionAndDiagramTests: XCTestCase {
    /// A ramp of the linear field v = x − y + 0.3 over [−1, 1]², level 0.
    private func plane(_ n: Int = 20) -> RegionMap {
        let box = GridBox(xMin: -1, xMax: 1, yMin: -1, yMax: 1, columns: n, rows: n)
        var values: [Double] = []
        for r in 0..<n { for c in 0..<n { values.append(box.x(column: c) - box.y(row: r) + 0.3) } }
        return RegionMap(box: box, shading: .ramp(values: values, low: -2.3, high: 2.3, level: 0))
    }

    func testTheLevelContourLiesOnTheLevelLine() {
        let map = plane()
        let segments = map.contour()
        XCTAssertGreaterThan(segments.count, 20)
        let b = map.box
        for s in segments {
            for (cx, cy) in [(s.x0, s.y0), (s.x1, s.y1)] {
                // Back from cell units to the plane: x = xMin + cx·dx, y = yMax − cy·dy.
                let x = b.xMin + cx * (b.xMax - b.xMin) / Double(b.columns)
                let y = b.yMax - cy * (b.yMax - b.yMin) / Double(b.rows)
                XCTAssertEqual(x - y + 0.3, 0, accuracy: 1e-9, "a linear field's crossing is exact")
            }
        }
    }

    func testRampSidesColoursAndCharactersChangeAtTheLevel() {
        let map = plane(8)
        for i in 0..<64 {
            guard case let .ramp(values, _, _, _) = map.shading else { return XCTFail() }
            let above = values[i] >= 0
            XCTAssertEqual(map.side(i), above ? 1 : 0)
            XCTAssertTrue((above ? "+*#%@" : " .:-=").contains(map.character(i)), "cell \(i) value \(values[i])")
            let c = map.color(i)
            // Class 1's tint (orange: more red than blue) above, class 0's (blue) below.
            XCTAssertEqual(c.r >= c.b, above || values[i] == 0, "cell \(i)")
        }
        XCTAssertEqual(RegionMap(box: map.box, shading: .ramp(values: [Double](repeating: 0, count: 64), low: -1, high: 1, level: 0)).color(0), .white)
    }

    func testClassBordersAndBoundaryCells() {
        // Left half class 0, right half class 2, on a 4×3 grid.
        let box = GridBox(xMin: 0, xMax: 4, yMin: 0, yMax: 3, columns: 4, rows: 3)
        let winners = [0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2]
        let map = RegionMap(box: box, shading: .classes(winners: winners, confidence: [Double](repeating: 1, count: 12), count: 3))
        XCTAssertEqual(map.contour(), [Segment(2, 0, 2, 3)], "one vertical run between columns 1 and 2")
        XCTAssertEqual(map.boundaryCells(), [false, false, true, false, false, false, true, false, false, false, true, false])
        XCTAssertEqual(map.character(0), ".")
        XCTAssertEqual(map.character(3), ":")
        // A sure cell is the strongest tint; a cell at probability 1/k the palest.
        let sure = map.color(0)
        let unsure = RegionMap(box: box, shading: .classes(winners: winners, confidence: [Double](repeating: 1.0 / 3, count: 12), count: 3)).color(0)
        XCTAssertLessThan(Int(sure.r), Int(unsure.r))
    }

    private func layer(_ inputs: Int, _ outputs: Int, _ w: (Int, Int) -> Double) -> DiagramLayer {
        var weights: [Double] = []
        for j in 0..<outputs { for i in 0..<inputs { weights.append(w(j, i)) } }
        return DiagramLayer(inputs: inputs, outputs: outputs, weights: weights, biases: [Double](repeating: 0.5, count: outputs), transfer: "relu")
    }

    func testABigLayerKeepsItsStrongestUnits() {
        // 40 inputs; inputs 3, 17 and 31 carry big weights, the rest small ones.
        let strong: Set<Int> = [3, 17, 31]
        let first = layer(40, 20) { j, i in strong.contains(i) ? 2 : 0.01 * Double((i + j) % 5) }
        let second = layer(20, 2) { _, i in i == 7 ? -3 : 0.1 }
        let d = NetworkDiagram(layers: [first, second], title: "network 40 → 20 → 2")
        let inputs = d.shownUnits(0), hidden = d.shownUnits(1)
        XCTAssertEqual(inputs.count, NetworkDiagram.keptUnits)
        XCTAssertTrue(strong.isSubset(of: Set(inputs)), "\(inputs)")
        XCTAssertEqual(inputs, inputs.sorted(), "drawn in index order")
        XCTAssertEqual(hidden.count, NetworkDiagram.keptUnits)
        XCTAssertTrue(hidden.contains(7), "the unit with the strongest outgoing weight")
        XCTAssertEqual(d.shownUnits(2), [0, 1], "a small column is drawn whole")
        XCTAssertEqual(d.columnLabel(0), "40 inputs (10 shown)")
        XCTAssertEqual(d.columnLabel(2), "2 · relu")
        let scene = d.scene()
        XCTAssertEqual(scene.lineCount, 10 * 10 + 10 * 2 + 2, "one edge per drawn weight, and two legend lines")
        XCTAssertEqual(scene.circleCount, 10 + 10 + 2)
        // The inhibitory weights (−3 from unit 7) are orange, the others blue.
        var orange = 0
        for case let .line(_, _, _, _, color, width, _) in scene.shapes where width > 1 && color == DiagramPalette.inhibitory { orange += 1 }
        XCTAssertEqual(orange, 2 + 1, "unit 7's two edges and the legend's line")
    }

    func testHintonBlocksGrowWithTheWeightAndTellTheSign() {
        XCTAssertEqual(NetworkDiagram.glyph(0, scale: 1, color: false), " ")
        XCTAssertEqual(NetworkDiagram.glyph(0.2, scale: 1, color: false), "+")
        XCTAssertEqual(NetworkDiagram.glyph(-0.2, scale: 1, color: false), "-")
        XCTAssertEqual(NetworkDiagram.glyph(0.4, scale: 1, color: false), "▪")
        XCTAssertEqual(NetworkDiagram.glyph(-0.7, scale: 1, color: false), "□")
        XCTAssertEqual(NetworkDiagram.glyph(1, scale: 1, color: false), "█")
        XCTAssertEqual(NetworkDiagram.glyph(-1, scale: 1, color: false), "▒")
        XCTAssertEqual(NetworkDiagram.glyph(-1, scale: 1, color: true), "█", "with colour the colour tells the sign")
        XCTAssertEqual(NetworkDiagram.glyph(.nan, scale: 1, color: false), "?")
        XCTAssertEqual(NetworkDiagram.glyph(-.infinity, scale: 1, color: false), "▒")
        let d = NetworkDiagram(layers: [layer(2, 2) { j, i in j == i ? 1 : -0.5 }], title: "layer 2 → 2")
        let text = d.renderText(color: false)
        XCTAssertTrue(text.contains(" 0 █ ▫ │ ▪"), text.joined(separator: "\n"))
        XCTAssertTrue(text.contains(" 1 ▫ █ │ ▪"))
        let colored = d.renderText(color: true).joined()
        XCTAssertTrue(colored.contains(DiagramPalette.inhibitory.foregroundEscape + "▪"))
        XCTAssertTrue(colored.contains(DiagramPalette.excitatory.foregroundEscape + "█"))
    }

    func testWideMatricesArePooled() {
        let d = NetworkDiagram(layers: [layer(300, 3) { _, i in i == 150 ? -9 : 0.1 }], title: "layer")
        let text = d.renderText(color: false, width: 80)
        XCTAssertEqual(text[0], "layer: 300 inputs → 3 · relu")
        XCTAssertEqual(text[3], "(each block the largest |w| of 1 × 5 weights)")
        XCTAssertTrue(text.allSatisfy { $0.count <= 72 }, "\(text.map(\.count))")
        XCTAssertTrue(text[4].contains("▒"), "the pooled block holds the −9")
    }
}
