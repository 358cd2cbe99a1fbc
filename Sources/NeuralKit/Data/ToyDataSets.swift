// The two-input toy data sets of TensorFlow Playground and the classic tutorials: spirals
// (CS231n), two circles and two moons (scikit-learn's recipes) and Gaussian blobs, drawn from the
// seeded stream in a documented order so a NumPy script can reproduce them draw for draw.
import Foundation
import TensorKit

extension DataSets {
    /// The largest toy set drawn (rows), so `spiral(n: 1e12)` is an error, not an allocation.
    public static let maximumToyRows = 10_000_000

    /// How many rows each of `classes` classes gets: n / classes each, the last the remainder.
    public static func classSizes(_ n: Int, classes k: Int) -> [Int] {
        let each = n / k
        return (0..<k).map { $0 == k - 1 ? n - each * (k - 1) : each }
    }

    /// m points from a to b inclusive (NumPy's `linspace(a, b, m)`); with `endpoint: false`, m
    /// points from a up to (not including) b (`linspace(a, b, m, endpoint=False)`).
    static func linspace(_ a: Double, _ b: Double, _ m: Int, endpoint: Bool = true) -> [Double] {
        guard m > 1 else { return m == 1 ? [a] : [] }
        let steps = Double(endpoint ? m - 1 : m)
        let step = (b - a) / steps
        return (0..<m).map { i in endpoint && i == m - 1 ? b : a + Double(i) * step }
    }

    /// Spirals (CS231n): for class c with m points, t = linspace(0, 1, m), r = t,
    /// angle = 4c + 4t + noise·N(0, 1), the point (r sin angle, r cos angle). The normals are
    /// nns's `randn` draws, one per point in row order.
    public static func spiral(n: Int, classes: Int, noise: Double, rng: RandomGenerator) throws -> DataSet {
        try checkToy("spiral", n: n, classes: classes, minimumClasses: 1)
        try checkSpread("spiral", "noise", noise)
        var x = [Double](), labels = [Double]()
        x.reserveCapacity(2 * n)
        labels.reserveCapacity(n)
        for (c, m) in classSizes(n, classes: classes).enumerated() {
            let t = linspace(0, 1, m)
            for i in 0..<m {
                let angle = 4 * Double(c) + 4 * t[i] + noise * rng.nextNormal()
                x.append(t[i] * sin(angle))
                x.append(t[i] * cos(angle))
                labels.append(Double(c))
            }
        }
        return labelled(x, labels, classes: classes)
    }

    /// Two circles (scikit-learn's `make_circles` without its shuffle): class 0 on the unit circle
    /// at angles linspace(0, 2π, m₀, endpoint=False), class 1 on the circle of radius `factor` at
    /// linspace(0, 2π, m₁, endpoint=False), then N(0, noise²) added to every coordinate (an n×2
    /// `randn` drawn row-major, drawn even when noise is 0 so later draws do not depend on it).
    public static func circles(n: Int, noise: Double, factor: Double, rng: RandomGenerator) throws -> DataSet {
        try checkToy("circles", n: n, classes: 2, minimumClasses: 2)
        try checkSpread("circles", "noise", noise)
        guard factor.isFinite, factor > 0, factor < 1 else {
            throw NeuralError.option("circles", "factor", "between 0 and 1 (the inner radius)", Tensor.numberText(factor))
        }
        var x = [Double](), labels = [Double]()
        for (c, m) in classSizes(n, classes: 2).enumerated() {
            let radius = c == 0 ? 1 : factor
            for angle in linspace(0, 2 * Double.pi, m, endpoint: false) {
                x.append(radius * cos(angle))
                x.append(radius * sin(angle))
                labels.append(Double(c))
            }
        }
        addNoise(&x, noise, rng)
        return labelled(x, labels, classes: 2)
    }

    /// Two interleaving half circles (scikit-learn's `make_moons` without its shuffle): class 0 at
    /// (cos θ, sin θ), class 1 at (1 − cos θ, 1 − sin θ − ½), θ = linspace(0, π, m) for each class,
    /// then N(0, noise²) added to every coordinate as for `circles`.
    public static func moons(n: Int, noise: Double, rng: RandomGenerator) throws -> DataSet {
        try checkToy("moons", n: n, classes: 2, minimumClasses: 2)
        try checkSpread("moons", "noise", noise)
        var x = [Double](), labels = [Double]()
        for (c, m) in classSizes(n, classes: 2).enumerated() {
            for theta in linspace(0, Double.pi, m) {
                if c == 0 {
                    x.append(cos(theta))
                    x.append(sin(theta))
                } else {
                    x.append(1 - cos(theta))
                    x.append(1 - sin(theta) - 0.5)
                }
                labels.append(Double(c))
            }
        }
        addNoise(&x, noise, rng)
        return labelled(x, labels, classes: 2)
    }

    /// Gaussian blobs: k centres drawn uniformly in [−5, 5]² first (−5 + 10u, row-major, a k×2
    /// `rand`), then each point centre + std·N(0, 1) per coordinate (an n×2 `randn`, row-major),
    /// class by class. The centres are returned too.
    public static func blobs(n: Int, centers k: Int, std: Double, rng: RandomGenerator) throws -> (DataSet, centers: Tensor) {
        try checkToy("blobs", n: n, classes: k, minimumClasses: 1)
        try checkSpread("blobs", "std", std)
        var centres = [Double](repeating: 0, count: 2 * k)
        for i in centres.indices { centres[i] = -5 + 10 * rng.nextDouble() }
        var x = [Double](), labels = [Double]()
        x.reserveCapacity(2 * n)
        for (c, m) in classSizes(n, classes: k).enumerated() {
            for _ in 0..<m {
                x.append(centres[2 * c] + std * rng.nextNormal())
                x.append(centres[2 * c + 1] + std * rng.nextNormal())
                labels.append(Double(c))
            }
        }
        return (labelled(x, labels, classes: k), Tensor(shape: [k, 2], storage: centres))
    }

    // MARK: - shared

    /// n rows and k classes within bounds, every class with at least one row.
    static func checkToy(_ op: String, n: Int, classes k: Int, minimumClasses: Int) throws {
        guard k >= minimumClasses, k <= 1000 else {
            throw NeuralError.option(op, "classes", "a whole number from \(minimumClasses) to 1000", "\(k)")
        }
        guard n >= k, n <= maximumToyRows else {
            throw NeuralError.option(op, "n", "a whole number from \(k) (one point per class) to \(maximumToyRows)", "\(n)")
        }
        // x, y and the one-hot rows must fit in memory (a clear error, not a failed allocation).
        _ = try Tensor.checkedCount([n, k + 3])
    }

    /// A noise level or spread: finite and ≥ 0.
    static func checkSpread(_ op: String, _ name: String, _ v: Double) throws {
        guard v.isFinite, v >= 0 else {
            throw NeuralError.option(op, name, "a finite number ≥ 0", Tensor.numberText(v))
        }
    }

    /// x += noise·z for an n×2 block of normals z drawn row-major.
    static func addNoise(_ x: inout [Double], _ noise: Double, _ rng: RandomGenerator) {
        for i in x.indices { x[i] += noise * rng.nextNormal() }
    }

    /// The record of a labelled set: x (n×2), y (labels [n]) and onehot (n×k).
    static func labelled(_ x: [Double], _ labels: [Double], classes k: Int) -> DataSet {
        let n = labels.count
        var onehot = [Double](repeating: 0, count: n * k)
        for (i, l) in labels.enumerated() { onehot[i * k + Int(l)] = 1 }
        return DataSet(x: Tensor(shape: [n, 2], storage: x), y: Tensor(labels),
                       onehot: Tensor(shape: [n, k], storage: onehot))
    }
}
