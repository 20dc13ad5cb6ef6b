/// The 21 classes of PASCAL VOC 2012 segmentation, numbered as VOC numbers them (0 =
/// background), so a sample whose label set is all 21 uses VOC's own indices and palette.
public enum VOCClass: Int, CaseIterable, Sendable, Comparable {
    case background, aeroplane, bicycle, bird, boat, bottle, bus, car, cat, chair, cow
    case diningtable, dog, horse, motorbike, person, pottedplant, sheep, sofa, train, tvmonitor

    /// VOC's spelling of the class name.
    public var name: String { String(describing: self) }

    /// Classes a segmentation network commonly mistakes this one for: animals of similar shape
    /// and fur, vehicles of similar boxiness, furniture of similar function. The simulated
    /// network draws its confusions from here, as the confusion matrices of FCN-8s and
    /// DeepLab on VOC show them.
    public var confusable: [VOCClass] {
        switch self {
        case .cat: [.dog]
        case .dog: [.cat, .sheep, .horse]
        case .cow: [.horse, .sheep]
        case .horse: [.cow, .dog]
        case .sheep: [.cow, .dog]
        case .bus: [.car, .train]
        case .car: [.bus]
        case .train: [.bus]
        case .bicycle: [.motorbike]
        case .motorbike: [.bicycle]
        case .chair: [.sofa, .diningtable]
        case .sofa: [.chair]
        case .diningtable: [.chair]
        case .bird: [.aeroplane]
        case .aeroplane: [.bird, .boat]
        case .boat: [.aeroplane]
        case .bottle: [.pottedplant]
        case .pottedplant: [.bottle]
        case .tvmonitor: [.chair]
        case .person, .background: []
        }
    }

    public static func < (a: VOCClass, b: VOCClass) -> Bool { a.rawValue < b.rawValue }
}
