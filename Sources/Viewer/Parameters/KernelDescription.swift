import DenseCRF

/// One kernel of a model seen the same way whatever its kind: its widths (the values its
/// features are divided by; `KernelID.widthName` names them) and its compatibilities. The side panel and the
/// editor work on these, so a model with learned matrices, per-step compatibilities or
/// feature kernels is listed and edited without a case per kernel kind.
struct KernelDescription {
    let id: KernelID
    /// The features' widths: sxy for the gaussian kernel; sxy and srgb for the bilateral one;
    /// one per feature dimension for a feature kernel.
    var widths: [Float]
    var compat: LabelCompatibility
    /// Per-step compatibilities; empty for a tied kernel.
    var compatSteps: [LabelCompatibility]

    /// The compatibilities inference uses: the tied one, or one per step when untied.
    var slots: [CompatibilitySlot] {
        compatSteps.isEmpty ? [CompatibilitySlot(kernel: id)] : compatSteps.indices.map { CompatibilitySlot(kernel: id, step: $0 + 1) }
    }

    subscript(slot slot: CompatibilitySlot) -> LabelCompatibility? {
        get {
            guard let step = slot.step else { return compat }
            return compatSteps.indices.contains(step - 1) ? compatSteps[step - 1] : nil
        }
        set {
            guard let newValue else { return }
            if let step = slot.step {
                if compatSteps.indices.contains(step - 1) { compatSteps[step - 1] = newValue }
            } else {
                compat = newValue
            }
        }
    }
}

extension CRFParameters {
    /// The model's kernels that are on, in panel order: gaussian, bilateral, feature kernels.
    var kernels: [KernelDescription] {
        var list: [KernelDescription] = []
        if let g = gaussian {
            list.append(KernelDescription(id: .gaussian, widths: [g.sxy], compat: g.compat, compatSteps: g.compatSteps))
        }
        if let b = bilateral {
            list.append(KernelDescription(id: .bilateral, widths: [b.sxy, b.srgb], compat: b.compat, compatSteps: b.compatSteps))
        }
        for (i, k) in featureKernels.enumerated() {
            list.append(KernelDescription(id: .feature(i), widths: k.widths, compat: k.compat, compatSteps: k.compatSteps))
        }
        return list
    }

    /// The kernel `id`, when it is on.
    func kernel(_ id: KernelID) -> KernelDescription? {
        kernels.first { $0.id == id }
    }

    /// Writes `kernel`'s widths and compatibilities back into the model.
    mutating func update(_ kernel: KernelDescription) {
        switch kernel.id {
        case .gaussian:
            gaussian?.sxy = kernel.widths[0]
            gaussian?.compat = kernel.compat
            gaussian?.compatSteps = kernel.compatSteps
        case .bilateral:
            bilateral?.sxy = kernel.widths[0]
            bilateral?.srgb = kernel.widths[1]
            bilateral?.compat = kernel.compat
            bilateral?.compatSteps = kernel.compatSteps
        case .feature(let i):
            guard featureKernels.indices.contains(i) else { return }
            featureKernels[i].widths = kernel.widths
            featureKernels[i].compat = kernel.compat
            featureKernels[i].compatSteps = kernel.compatSteps
        }
    }

    /// Changes kernel `id` with `change`; nothing when the kernel is off.
    mutating func change(_ id: KernelID, _ change: (inout KernelDescription) -> Void) {
        guard var k = kernel(id) else { return }
        change(&k)
        update(k)
    }

    /// The largest feature magnitude width `index` of kernel `id` divides, for
    /// `CRFParameters.checkWidth`: pixel coordinates for sxy, colour levels for srgb, the
    /// largest |value| of that dimension for a feature kernel.
    func largestFeature(_ id: KernelID, width index: Int) -> Float {
        switch id {
        case .gaussian: return Self.largestCoordinate
        case .bilateral: return index == 0 ? Self.largestCoordinate : Self.largestColourLevel
        case .feature(let i):
            let k = featureKernels[i]
            var largest: Float = 0
            for f in stride(from: index, to: k.features.count, by: max(1, k.dimension)) { largest = max(largest, abs(k.features[f])) }
            return largest
        }
    }
}
