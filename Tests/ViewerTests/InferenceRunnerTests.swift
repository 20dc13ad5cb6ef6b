import DenseCRF
import Testing
@testable import Viewer

@Suite struct InferenceRunnerTests {
    static func job(iterations: Int) -> InferenceRunner.Job {
        let p = ViewerFixture.problem()
        var parameters = p.parameters
        parameters.iterations = iterations
        return InferenceRunner.Job(image: p.image, source: p.source, unarySettings: p.unarySettings, parameters: parameters)
    }

    @Test func publishesEveryStepInOrder() {
        let scheduler = ManualScheduler()
        let runner = InferenceRunner(scheduler: scheduler)
        let g = runner.start(Self.job(iterations: 3))
        scheduler.runNext()
        let events = runner.drain()
        let steps = events.compactMap { if case .step(_, let f) = $0 { f.iteration } else { nil } }
        #expect(steps == [0, 1, 2, 3])
        #expect(events.allSatisfy { $0.generation == g })
        if case .finished = events.last {} else { Issue.record("last event is not .finished") }
    }

    @Test func aNewStartCancelsTheRunningJob() {
        let scheduler = ManualScheduler()
        let runner = InferenceRunner(scheduler: scheduler)
        let first = runner.start(Self.job(iterations: 3))
        let second = runner.start(Self.job(iterations: 2))
        #expect(second > first)
        scheduler.runNext()   // the first job sees it is stale and posts nothing
        #expect(runner.drain().isEmpty)
        scheduler.runNext()
        let events = runner.drain()
        #expect(!events.isEmpty && events.allSatisfy { $0.generation == second })
    }

    @Test func resultsOfAnOldRunAreNeverDelivered() {
        let scheduler = ManualScheduler()
        let runner = InferenceRunner(scheduler: scheduler)
        runner.start(Self.job(iterations: 2))
        scheduler.runNext()              // the old run finishes, its events wait in the inbox
        runner.start(Self.job(iterations: 2))
        #expect(runner.drain().isEmpty)  // the change came first: nothing stale is drawn
        scheduler.runNext()
        // built, 3 frames, 3 free energies, 3 MAP energies, finished.
        #expect(runner.drain().count == 11)
    }

    @Test func framesComeBeforeTheirEnergies() {
        let scheduler = ManualScheduler()
        let runner = InferenceRunner(scheduler: scheduler)
        runner.start(Self.job(iterations: 2))
        scheduler.runNext()
        var seenFrames = Set<Int>()
        for event in runner.drain() {
            switch event {
            case .step(_, let frame): seenFrames.insert(frame.iteration)
            case .energy(_, let step, _, _): #expect(seenFrames.contains(step))
            default: break
            }
        }
        #expect(seenFrames == [0, 1, 2])
    }
}
