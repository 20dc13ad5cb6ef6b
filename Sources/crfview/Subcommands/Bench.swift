import ArgumentParser
import CRFApp
import CRFLearning
import DenseCRF
import Foundation
import Terminal
import Viewer

/// `crfview bench`: timings to compare with pydensecrf (`Scripts/bench-peer.py` runs both)
/// in the same sitting, and the viewer's drawing and response times.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time inference (as pydensecrf_ref.py prints it), screen composition, or viewer latency.")

    @Argument(help: ArgumentHelp("A case or sample folder (image + unary.npy/probs.npy/labels.png, optional params.json), or an image with unary flags.", valueName: "folder|image"))
    var path: String

    @OptionGroup(title: "Unaries") var unary: UnaryOptions
    @OptionGroup(title: "Model") var model: ModelOptions

    @Option(name: .customLong("repeat"), help: "Report the fastest of this many runs.")
    var repetitions: Int = 3
    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?
    @Flag(help: "Time composing a 200x60 viewer screen and quantising it to 256 colours.")
    var screen = false
    @Flag(help: "Time the viewer's answer to a key press while inference runs (and while learning runs, for a folder with truth.png), and from a parameter change to the first new label view.")
    var latency = false
    @Flag(help: "Time one CRF-RNN training pass (T=5 forward, loss, backward) against the forward pass alone.")
    var learning = false

    func run() throws {
        guard repetitions >= 1 else { throw CLIFailure("--repeat", "must be at least 1, got \(repetitions)") }
        if let threads {
            try Environment.checkThreads(threads, "\(threads)", subject: "--threads")
            Parallelism.setWorkerCount(threads)
        }
        // A case folder's own params.json is its model, as the peer script reads it.
        let problem = try ProblemFiles.open(path, unary: try unary.given(), mapOptions: try unary.mapOptions(), model: model.flags).problem
        if screen {
            try benchScreen(problem)
        } else if latency {
            try benchLatency(problem)
        } else if learning {
            try benchLearning(problem)
        } else {
            try benchEngine(problem)
        }
    }

    /// Build and iterate times, fastest of `repeat`, in the peer script's format, and the
    /// lattice points per kernel (a smooth image makes few, which flatters the timings).
    private func benchEngine(_ problem: Problem) throws {
        let unaryEnergies = try problem.unaryEnergies()
        let clock = ContinuousClock()
        var best: (Double, Double)?
        var points: [String] = []
        for _ in 0..<repetitions {
            let t0 = clock.now
            let crf = try DenseCRF(image: problem.image, unary: unaryEnergies, parameters: problem.parameters)
            let t1 = clock.now
            points = crf.terms.map { "\($0.name):\($0.kernel.lattice.pointCount)" }
            MeanFieldInference(model: crf, tracksEnergy: false, oneShot: true).run(problem.parameters.iterations)
            let t2 = clock.now
            let r = ((t1 - t0).milliseconds, (t2 - t1).milliseconds)
            if best == nil || r.0 + r.1 < best!.0 + best!.1 { best = r }
        }
        let (build, iterate) = best!
        print(String(format: "crfview: build=%.1f iterate=%.1f total=%.1f labels=%d size=%dx%d iterations=%d threads=%d",
                     build, iterate, build + iterate, problem.labelCount, problem.image.width, problem.image.height,
                     problem.parameters.iterations, Parallelism.workerCount)
              + " simd=\(InstructionSet.loopsBuild) points=" + points.joined(separator: ","))
    }

    /// One training pass over the image (CRF-RNN's T = 5 forward keeping every step, the
    /// cross-entropy, the reverse pass) against the plain forward pass of inference, on one
    /// built model (the lattices are built once per image when learning). The truth is the
    /// folder's truth.png when there is one, else the unary argmax (the cost does not depend on
    /// it).
    private func benchLearning(_ problem: Problem) throws {
        let unaryEnergies = try problem.unaryEnergies()
        let truth = problem.truth ?? unaryEnergies.labels().map { UInt8($0) }
        let example = try TrainingExample(name: "bench", image: problem.image, unary: unaryEnergies, truth: truth)
        let layout = ParameterLayout(base: problem.parameters, spec: LearningSpec(), labels: problem.labelCount)
        let trainer = try Trainer(layout: layout, training: [example], options: TrainingOptions())
        let steps = layout.spec.trainSteps
        let model = try example.model(layout.parameters(layout.initial, iterations: steps))
        let clock = ContinuousClock()
        var forward = Double.infinity, trace = Double.infinity, pass = Double.infinity
        for _ in 0..<max(1, repetitions) {
            let t0 = clock.now
            MeanFieldInference(model: model, tracksEnergy: false, oneShot: true).run(steps)
            let t1 = clock.now
            _ = MeanFieldTrace(model: model, steps: steps)
            let t2 = clock.now
            _ = try trainer.lossAndGradient(example, theta: layout.initial)
            let t3 = clock.now
            forward = min(forward, (t1 - t0).milliseconds)
            trace = min(trace, (t2 - t1).milliseconds)
            pass = min(pass, (t3 - t2).milliseconds)
        }
        let backward = pass - trace
        print(String(format: "learning: forward(T=%d)=%.1f training pass=%.1f (forward kept %.1f + loss and backward %.1f) pass/forward=%.2f backward/forward=%.2f labels=%d size=%dx%d threads=%d",
                     steps, forward, pass, trace, backward, pass / forward, backward / forward, problem.labelCount,
                     problem.image.width, problem.image.height, Parallelism.workerCount))
    }

    private func session(_ problem: Problem, scheduler: Scheduler, truth: [UInt8]? = nil) throws -> ViewerSession {
        let themes = ThemeLoader(userThemeDirectory: nil)
        // The truth only where a bench asks for it (learning), as the timed screens had none.
        var shown = problem
        shown.truth = truth
        return ViewerSession(problem: shown, runner: InferenceRunner(scheduler: scheduler), themes: themes,
                             theme: try themes.theme(named: ThemeLoader.defaultName), workSize: 512)
    }

    /// Composing a full 200×60 screen (two image panes, panel, inspector, chart) and mapping
    /// every cell to the 256-colour palette, as the ncurses backend does before drawing.
    private func benchScreen(_ problem: Problem) throws {
        let scheduler = ManualScheduler()
        let s = try session(problem, scheduler: scheduler)
        scheduler.runNext()
        s.tick(now: ContinuousClock().now)
        let screen = ViewerScreen(session: s)
        let quantizer = ColorQuantizer(mode: .palette256)
        let size = Size(width: 200, height: 60)
        let clock = ContinuousClock()
        var compose: [Double] = [], quantize: [Double] = []
        for step in 0..<max(20, repetitions) {
            s.handle(.key(.character(step % 2 == 0 ? "n" : "l")), now: clock.now)
            let t0 = clock.now
            let canvas = screen.render(size: size)
            let t1 = clock.now
            let styles = Set(canvas.cells.map { quantizer.terminalStyle(for: $0) })
            let t2 = clock.now
            compose.append((t1 - t0).milliseconds)
            quantize.append((t2 - t1).milliseconds)
            precondition(!styles.isEmpty)
        }
        // The first frames fill caches (image resampling, colour table); report the rest too.
        func summary(_ v: [Double]) -> String {
            let warm = Array(v.dropFirst(2)).sorted()
            return String(format: "first=%.2f median=%.2f max=%.2f", v[0], warm[warm.count / 2], warm.last!)
        }
        print("screen 200x60: compose \(summary(compose)) ms; quantise-256 \(summary(quantize)) ms")
    }

    /// Key press → redrawn screen while the first run is computing, and a parameter change →
    /// the first label view of the new run drawn, with the real background runner.
    private func benchLatency(_ problem: Problem) throws {
        let s = try session(problem, scheduler: BackgroundScheduler())
        let screen = ViewerScreen(session: s)
        let clock = ContinuousClock()
        let size = Size(width: 160, height: 48)
        var keyTimes: [Double] = []
        while s.history.count < 2 { s.tick(now: clock.now); usleep(1000) }
        for i in 0..<20 where s.isComputing || i < 5 {
            let t0 = clock.now
            s.handle(.key(.character(i % 2 == 0 ? "v" : "c")), now: t0)
            s.tick(now: clock.now)
            _ = screen.render(size: size)
            keyTimes.append((clock.now - t0).milliseconds)
            usleep(15_000)
        }
        while s.isComputing { s.tick(now: clock.now); usleep(1000) }
        // Times to the new run's step 0 (its unary labels), step 1 (the first labels the
        // changed kernels shape) and its last step on screen: first for a kernel width (its
        // lattice is rebuilt), then for a compatibility (every lattice is reused).
        func timeChanges(_ what: String) {
            var toStep0: [Double] = [], toStep1: [Double] = [], toLast: [Double] = []
            for i in 0..<6 {
                let t0 = clock.now
                s.handle(.key(.character(i % 2 == 0 ? "+" : "-")), now: t0)
                while s.history.isEmpty { s.tick(now: clock.now); usleep(500) }
                _ = screen.render(size: size)
                toStep0.append((clock.now - t0).milliseconds)
                while s.history.count < 2 { s.tick(now: clock.now); usleep(500) }
                _ = screen.render(size: size)
                toStep1.append((clock.now - t0).milliseconds)
                while s.history.count <= s.iterations { s.tick(now: clock.now); usleep(500) }
                _ = screen.render(size: size)
                toLast.append((clock.now - t0).milliseconds)
                while s.isComputing { s.tick(now: clock.now); usleep(1000) }
            }
            print(String(format: "%@ change to the new run on screen: step 0 median=%.1f max=%.1f ms, step 1 median=%.1f max=%.1f ms, last step (%d) median=%.1f max=%.1f ms",
                         what, median(toStep0), toStep0.max()!, median(toStep1), toStep1.max()!, s.iterations, median(toLast), toLast.max()!))
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        print(String(format: "key press while computing: median=%.1f max=%.1f ms (%d presses)", median(keyTimes), keyTimes.max()!, keyTimes.count))
        timeChanges("width (\(s.parameterList[s.selectedParameter].name))")
        if let compat = s.parameterList.firstIndex(where: { if case .compat = $0 { true } else { false } }) {
            for _ in 0..<compat { s.handle(.key(.character("]")), now: clock.now) }
            timeChanges("weight (\(s.parameterList[s.selectedParameter].name))")
        }
        if let truth = problem.truth {
            try benchLearningLatency(problem, truth: truth)
        }
    }

    /// Key press → redrawn screen while learning (`L`) runs in the background, through the
    /// first epochs and the inference runs each epoch's parameters start.
    private func benchLearningLatency(_ problem: Problem, truth: [UInt8]) throws {
        let s = try session(problem, scheduler: BackgroundScheduler(), truth: truth)
        let screen = ViewerScreen(session: s)
        let clock = ContinuousClock()
        let size = Size(width: 160, height: 48)
        while s.isComputing { s.tick(now: clock.now); usleep(1000) }
        s.handle(.key(.character("L")), now: clock.now)
        var times: [Double] = []
        let started = clock.now
        while s.learning.epochs.count < 2, s.learning.isRunning, clock.now - started < .seconds(120) {
            let t0 = clock.now
            s.handle(.key(.character(times.count % 2 == 0 ? "v" : "c")), now: t0)
            s.tick(now: clock.now)
            _ = screen.render(size: size)
            times.append((clock.now - t0).milliseconds)
            usleep(15_000)
        }
        let epochs = s.learning.epochs.count
        s.handle(.key(.escape), now: clock.now)
        guard !times.isEmpty else { return }
        let sorted = times.sorted()
        print(String(format: "key press while learning: median=%.1f max=%.1f ms (%d presses over %d epochs)",
                     sorted[sorted.count / 2], sorted.last!, times.count, epochs))
    }
}
