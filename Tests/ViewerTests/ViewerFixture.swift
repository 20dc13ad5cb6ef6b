import CRFLearning
import CRFTestSupport
import DenseCRF
import Foundation
@testable import Viewer

/// A tiny deterministic problem and a session on it whose inference runs only when the test
/// says so (`ManualScheduler`), so every assertion sees a known state.
enum ViewerFixture {
    static let width = 16, height = 12, labels = 3

    /// `margin` is what the true class's unary gets on top of uniform noise: 0.5 makes the
    /// unaries nearly right, 0.1 leaves much for the CRF (and for learning) to fix.
    static func problem(truth: Bool = true, margin: Float = 0.5) -> Problem {
        let scene = TwoRegions(width: width, height: height, left: (30, 90, 40), right: (200, 180, 90), leftLabel: 1, rightLabel: 2)
        var random = XorShift(state: 12345)
        let p = scene.probabilities(labels: labels, boost: margin, random: &random)
        return Problem(title: "fixture", image: scene.image,
                             source: .probabilities(labelMajor: p, labels: labels), unarySettings: UnarySettings(),
                             parameters: CRFParameters(gaussian: GaussianKernelParameters(sxy: 2, compat: .potts(3)),
                                                       bilateral: BilateralKernelParameters(sxy: 8, srgb: 20, compat: .potts(5)),
                                                       iterations: 5),
                             truth: truth ? scene.truth : nil, classNames: ["background", "grass", "sand"])
    }

    static func session(truth: Bool = true, workSize: Int? = nil) throws -> (ViewerSession, ManualScheduler) {
        let scheduler = ManualScheduler()
        let themes = ThemeLoader(userThemeDirectory: nil)
        let session = ViewerSession(problem: problem(truth: truth), runner: InferenceRunner(scheduler: scheduler), themes: themes,
                                    theme: try themes.theme(named: "dark"), workSize: workSize)
        return (session, scheduler)
    }

    /// A session whose learning runs on `learner` (a `ManualScheduler` when nil is given
    /// back), for `epochs` epochs with `crfview learn`'s other defaults.
    static func learningSession(epochs: Int = 3, learner: Scheduler? = nil) throws -> (ViewerSession, inference: ManualScheduler, learning: ManualScheduler?) {
        let scheduler = ManualScheduler()
        let manual = learner == nil ? ManualScheduler() : nil
        let themes = ThemeLoader(userThemeDirectory: nil)
        let session = ViewerSession(problem: problem(margin: 0.1), runner: InferenceRunner(scheduler: scheduler), themes: themes,
                                    theme: try themes.theme(named: "dark"), workSize: nil,
                                    learner: LearningRunner(scheduler: learner ?? manual!),
                                    learning: LearningSetup(options: TrainingOptions(epochs: epochs)))
        return (session, scheduler, manual)
    }

    static let start = ContinuousClock().now

    static func key(_ c: Character) -> InputEvent { .key(.character(c)) }
}
