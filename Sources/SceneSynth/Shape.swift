import RealModule

/// A point or direction in pixel coordinates (x right, y down), pixel centres at +0.5.
typealias Vec2 = SIMD2<Float>

/// What shading needs at one pixel of a shape: the signed distance to its outline (negative
/// inside), a surface normal as if the 2-D shape were the silhouette of a solid (a sphere for
/// an ellipse, a cylinder for a capsule, a cushion for a box), and coordinates across the shape
/// in [−1, 1] for patterns that follow the object rather than the image.
struct ShapeSample {
    var distance: Float
    var normal: SIMD3<Float>
    var u: Float
    var v: Float
}

/// The primitive silhouettes objects are assembled from. Signed distances are exact for
/// capsules, rings, boxes and polygons and a first-order approximation for ellipses, which is
/// all anti-aliasing and edge blur need: accurate within a pixel or two of the outline.
enum Shape {
    case ellipse(center: Vec2, radii: Vec2, angle: Float = 0)
    /// A rectangle with rounded corners of radius `corner`.
    case box(center: Vec2, half: Vec2, angle: Float = 0, corner: Float = 0)
    /// A segment with round ends whose radius goes from `r0` at `a` to `r1` at `b`: limbs,
    /// poles, wires, masts, stems.
    case capsule(a: Vec2, b: Vec2, r0: Float, r1: Float)
    /// A closed polygon, any winding, not necessarily convex.
    case polygon([Vec2])
    /// A circular band of the given width: tyres and wheel rims, seen through in the middle.
    case ring(center: Vec2, radius: Float, width: Float)

    /// Bounding box (minX, minY, maxX, maxY) of the shape itself.
    var bounds: (Float, Float, Float, Float) {
        switch self {
        case .ellipse(let c, let r, _):
            let m = max(r.x, r.y)
            return (c.x - m, c.y - m, c.x + m, c.y + m)
        case .box(let c, let h, let angle, _):
            let cs = abs(Float.cos(angle)), sn = abs(Float.sin(angle))
            let ex = h.x * cs + h.y * sn, ey = h.x * sn + h.y * cs
            return (c.x - ex, c.y - ey, c.x + ex, c.y + ey)
        case .capsule(let a, let b, let r0, let r1):
            let r = max(r0, r1)
            return (min(a.x, b.x) - r, min(a.y, b.y) - r, max(a.x, b.x) + r, max(a.y, b.y) + r)
        case .polygon(let p):
            return (p.map(\.x).min()!, p.map(\.y).min()!, p.map(\.x).max()!, p.map(\.y).max()!)
        case .ring(let c, let radius, let width):
            let r = radius + width / 2
            return (c.x - r, c.y - r, c.x + r, c.y + r)
        }
    }

    /// Distance, normal and shape coordinates at point p.
    func sample(_ p: Vec2) -> ShapeSample {
        switch self {
        case .ellipse(let c, let r, let angle):
            let q = Self.rotate(p - c, -angle) / r
            let len = (q * q).sum().squareRoot()
            // d ≈ (|q| − 1)·|q| / |∇|q||, the usual first-order ellipse distance.
            let grad = Self.rotate(p - c, -angle) / (r * r)
            let g = max((grad * grad).sum().squareRoot(), 1e-6)
            let distance = len > 1e-6 ? (len - 1) * len / g : -min(r.x, r.y)
            let nz = max(0, 1 - len * len).squareRoot()
            let n2 = Self.rotate(q, angle)
            return ShapeSample(distance: distance, normal: SIMD3(n2.x, n2.y, nz), u: q.x, v: q.y)
        case .box(let c, let h, let angle, let corner):
            let local = Self.rotate(p - c, -angle)
            let q = Vec2(abs(local.x), abs(local.y)) - h + corner
            let positive = pointwiseMax(q, Vec2.zero)
            let outside = (positive * positive).sum().squareRoot()
            let distance = outside + min(max(q.x, q.y), 0) - corner
            let u = local.x / h.x, v = local.y / h.y
            // A cushion: flat in the middle, turning away near the edges.
            let bend = Self.rotate(Vec2(u * u * u, v * v * v) * 0.6, angle)
            let nz = max(0.2, 1 - (bend * bend).sum()).squareRoot()
            return ShapeSample(distance: distance, normal: SIMD3(bend.x, bend.y, nz), u: u, v: v)
        case .capsule(let a, let b, let r0, let r1):
            let ba = b - a, pa = p - a
            let len2 = max((ba * ba).sum(), 1e-6)
            let h = min(max((pa * ba).sum() / len2, 0), 1)
            let r = r0 + (r1 - r0) * h
            let offset = pa - ba * h
            let dist = (offset * offset).sum().squareRoot()
            let side = Vec2(-ba.y, ba.x) / len2.squareRoot()
            let across = min(max((offset * side).sum() / max(r, 1e-3), -1), 1)
            let nz = max(0, 1 - across * across).squareRoot()
            return ShapeSample(distance: dist - r, normal: SIMD3(side.x * across, side.y * across, nz), u: h * 2 - 1, v: across)
        case .polygon(let pts):
            let (minX, minY, maxX, maxY) = bounds
            let u = 2 * (p.x - minX) / max(maxX - minX, 1e-3) - 1
            let v = 2 * (p.y - minY) / max(maxY - minY, 1e-3) - 1
            return ShapeSample(distance: Self.polygonDistance(p, pts), normal: SIMD3(u * 0.25, v * 0.25, 0.94), u: u, v: v)
        case .ring(let c, let radius, let width):
            let d = p - c
            let len = (d * d).sum().squareRoot()
            let across = min(max((len - radius) / (width / 2), -1), 1)
            let dir = len > 1e-6 ? d / len : Vec2(0, 0)
            let nz = max(0, 1 - across * across).squareRoot()
            return ShapeSample(distance: abs(len - radius) - width / 2, normal: SIMD3(dir.x * across, dir.y * across, nz), u: across, v: 0)
        }
    }

    static func rotate(_ v: Vec2, _ angle: Float) -> Vec2 {
        if angle == 0 { return v }
        let c = Float.cos(angle), s = Float.sin(angle)
        return Vec2(c * v.x - s * v.y, s * v.x + c * v.y)
    }

    /// Exact signed distance to a polygon: the nearest edge gives the magnitude, the even-odd
    /// crossing count the sign.
    static func polygonDistance(_ p: Vec2, _ v: [Vec2]) -> Float {
        var best = Float.greatestFiniteMagnitude
        var inside = false
        var j = v.count - 1
        for i in 0..<v.count {
            let e = v[j] - v[i], w = p - v[i]
            let t = min(max((w * e).sum() / max((e * e).sum(), 1e-9), 0), 1)
            let d = w - e * t
            best = min(best, (d * d).sum())
            if (v[i].y > p.y) != (v[j].y > p.y), p.x < (v[j].x - v[i].x) * (p.y - v[i].y) / (v[j].y - v[i].y) + v[i].x {
                inside.toggle()
            }
            j = i
        }
        return inside ? -best.squareRoot() : best.squareRoot()
    }
}
