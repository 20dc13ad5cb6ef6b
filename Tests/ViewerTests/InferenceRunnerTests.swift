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

    /// A weight-only change (compatibility, iterations) rebuilds no lattice; a width change
    /// rebuilds only its kernel; and the reused run gives the frames a fresh model gives.
    @Test func weightChangesReuseTheLattices() throws {
        let scheduler = ManualScheduler()
        let runner = InferenceRunner(scheduler: scheduler)
        func rebuilt(_ job: InferenceRunner.Job) -> (Int, [Int32]) {
            runner.start(job)
            scheduler.runNext()
            var count = -1, labels: [Int32] = []
            for e in runner.drain() {
                if case .built(_, _, let r) = e { count = r }
                if case .finished(_, _, let result) = e { labels = result.labels }
            }
            return (count, labels)
        }
        var job = Self.job(iterations: 3)
        #expect(rebuilt(job).0 == 2)
        job.parameters.bilateral?.compat = .diagonal([-6, -9, -3])
        job.parameters.iterations = 4
        let (count, labels) = rebuilt(job)
        #expect(count == 0)
        #expect(labels == rebuilt(job).1)
        let fresh = InferenceRunner(scheduler: scheduler)
        fresh.start(job)
        scheduler.runNext()
        let freshLabels = fresh.drain().compactMap { if case .finished(_, _, let r) = $0 { r.labels } else { nil } }
        #expect(freshLabels == [labels])
        job.parameters.bilateral?.srgb *= 2
        #expect(rebuilt(job).0 == 1)
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
