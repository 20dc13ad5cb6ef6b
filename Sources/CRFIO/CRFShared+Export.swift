/// The file access, value syntax and VOC colours the formats are built on live in `CRFShared`
/// (which the viewer uses without linking the image libraries); every user of `CRFIO` sees
/// them as before.
@_exported import CRFShared
