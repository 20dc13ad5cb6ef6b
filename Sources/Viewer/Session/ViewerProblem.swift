import DenseCRF

/// The viewer opens the one `Problem` type the command line loads and the runners run.
public typealias ViewerProblem = Problem
