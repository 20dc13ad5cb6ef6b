import CRFLearning
import DenseCRF
import Foundation
import Testing
@testable import Viewer

/// Learning mode (`L`) as state: which parameters are current, shown and run, and that a
/// stopped learning run never reaches the screen. Inference and learning run only when the
/// test says so (`ManualScheduler`), except where a stop must land in the middle of a run.
@Suite struct LearningModeTests {
    let t0 = ViewerFixture.start

    @Test func finishedLearningMakesTheBestParametersCurrentAsOneUndoableChange() throws {
        let (s, inference, learning) = try ViewerFixture.learningSession(epochs: 3)
        inference.runNext()
        s.tick(now: t0)
        let handSet = s.tuning.current
        s.handle(ViewerFixture.key("L"), now: t0)
        #expect(s.learning.isRunning)
        #expect(LearningStatus(s)?.text == "learning epoch 0/3")
        try #require(learning).runNext()
        s.tick(now: t0)

        #expect(!s.learning.isRunning)
        #expect(s.learning.epochs.count == 3)
        let best = try #require(s.learning.best)
        #expect(s.tuning.current.parameters == best.parameters)
        #expect(s.tuning.current.parameters != handSet.parameters)
        #expect(s.runs.current.settings == s.tuning.current)
        let bestMIoU = try #require(best.validationMIoU), before = try #require(s.learning.startMIoU)
        #expect(bestMIoU >= before)
        #expect(LearningStatus(s)?.text == "learned mIoU \(LearningStatus.percent(before)) → \(LearningStatus.percent(bestMIoU))")

        s.handle(ViewerFixture.key("u"), now: t0)
        #expect(s.tuning.current == handSet)
        #expect(s.runs.current.settings == handSet)
        #expect(LearningStatus(s) == nil)
    }

    @Test func whileLearningEachEpochIsShownAndRunButNotMadeCurrent() throws {
        let (s, inference, learning) = try ViewerFixture.learningSession(epochs: 2)
        inference.runNext()
        s.tick(now: t0)
        let handSet = s.tuning.current
        s.handle(ViewerFixture.key("L"), now: t0)
        // Both epochs arrive before the session polls; each restarts the run with its settings.
        try #require(learning).runNext()
        s.tick(now: t0)
        // The run finished within that poll, so the best parameters are current now; what was
        // shown in between is checked on the runs the session started.
        #expect(s.tuning.current.parameters == s.learning.best?.parameters)
        #expect(s.tuning.start == handSet)
    }

    /// `Esc` in the middle of learning keeps the best epoch so far; whatever the stopped run
    /// computes afterwards never reaches the session.
    @Test func stoppingKeepsTheBestSoFarAndNothingLaterArrives() async throws {
        let background = BackgroundScheduler(label: "test.learning")
        // More epochs than can finish while the test waits: when the suite's other tests hold
        // the threads, 200 epochs of this tiny image were all done before the first poll.
        let (s, inference, _) = try ViewerFixture.learningSession(epochs: 100_000, learner: background)
        inference.runNext()
        s.tick(now: t0)
        let handSet = s.tuning.current
        s.handle(ViewerFixture.key("L"), now: t0)
        let deadline = Date().addingTimeInterval(60)
        while s.learning.best == nil, Date() < deadline {
            s.tick(now: t0)
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(s.learning.best != nil)
        #expect(s.learning.preview != nil)
        #expect(s.parameters == s.learning.epochs.last?.parameters)   // the panel shows the latest epoch
        s.handle(.key(.escape), now: t0)
        #expect(!s.learning.isRunning)
        let kept = try #require(s.learning.best)
        #expect(s.tuning.current.parameters == kept.parameters)
        let epochsSeen = s.learning.epochs.count
        let generation = s.runs.current.generation
        // Let the stopped run notice and end, then poll: nothing of it arrives.
        try await Task.sleep(for: .milliseconds(300))
        s.tick(now: t0)
        #expect(s.learning.epochs.count == epochsSeen)
        #expect(s.runs.current.generation == generation)
        #expect(s.tuning.current.parameters == kept.parameters)
        s.handle(ViewerFixture.key("u"), now: t0)
        #expect(s.tuning.current == handSet)
    }

    @Test func aParameterEditDuringLearningStopsItFirst() throws {
        let (s, inference, learning) = try ViewerFixture.learningSession(epochs: 3)
        inference.runNext()
        s.tick(now: t0)
        let handSet = s.tuning.current
        s.handle(ViewerFixture.key("L"), now: t0)
        s.handle(ViewerFixture.key("+"), now: t0)
        #expect(!s.learning.isRunning)
        #expect(s.message?.hasPrefix("learning stopped") == true)
        // The edit applied to the hand-set parameters (no epoch had arrived).
        #expect(s.tuning.current != handSet)
        let edited = s.tuning.current
        // The stopped learning job runs later: none of its epochs reach the session.
        try #require(learning).runNext()
        s.tick(now: t0)
        #expect(s.learning.epochs.isEmpty)
        #expect(s.tuning.current == edited)
        #expect(s.runs.current.settings == edited)
    }

    @Test func resultsOfAStoppedRunThatWerePostedBeforeTheStopAreDropped() throws {
        let (s, inference, learning) = try ViewerFixture.learningSession(epochs: 3)
        inference.runNext()
        s.tick(now: t0)
        let handSet = s.tuning.current
        s.handle(ViewerFixture.key("L"), now: t0)
        try #require(learning).runNext()   // every epoch is posted, none taken in yet
        s.handle(ViewerFixture.key("L"), now: t0)   // L again stops
        s.tick(now: t0)
        #expect(s.learning.epochs.isEmpty)
        #expect(s.tuning.current == handSet)
        #expect(s.runs.current.settings == handSet)
    }

    @Test func learningNeedsATruthMap() throws {
        let (s, _) = try ViewerFixture.session(truth: false)
        s.handle(ViewerFixture.key("L"), now: t0)
        #expect(!s.learning.isRunning)
        #expect(s.message == "learning needs a truth map (truth.png in the folder, or --truth)")
    }
}
