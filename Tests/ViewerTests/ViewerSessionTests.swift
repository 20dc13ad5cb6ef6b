import DenseCRF
import Testing
@testable import Viewer

/// Key handling as pure state transitions, with inference under explicit control.
@Suite struct ViewerSessionTests {
    let t0 = ViewerFixture.start

    @Test func startsAtStepZeroAndStepsWithNAndP() throws {
        let (s, scheduler) = try ViewerFixture.session()
        #expect(s.displayedFrame == nil)
        scheduler.runNext()
        s.tick(now: t0)
        #expect(s.history.count == 6)
        #expect(s.displayedStep == 0)
        s.handle(ViewerFixture.key("n"), now: t0)
        #expect(s.displayedStep == 1)
        s.handle(ViewerFixture.key("n"), now: t0)
        s.handle(ViewerFixture.key("p"), now: t0)
        #expect(s.displayedStep == 1)
        s.handle(ViewerFixture.key("G"), now: t0)
        #expect(s.displayedStep == 5)
        s.handle(ViewerFixture.key("n"), now: t0)
        #expect(s.displayedStep == 5)
        s.handle(ViewerFixture.key("g"), now: t0)
        #expect(s.displayedStep == 0)
    }

    @Test func stepsNotYetComputedAreShownWhenTheyArrive() throws {
        let (s, scheduler) = try ViewerFixture.session()
        s.handle(ViewerFixture.key("G"), now: t0)
        #expect(s.displayedFrame == nil)
        scheduler.runNext()
        s.tick(now: t0)
        #expect(s.displayedStep == 5)
    }

    @Test func playAdvancesOneStepPerIntervalAndStopsAtTheEnd() throws {
        let (s, scheduler) = try ViewerFixture.session()
        scheduler.runNext()
        s.tick(now: t0)
        s.handle(ViewerFixture.key(" "), now: t0)
        #expect(s.playback.playing)
        let intervalMs = s.playback.interval
        let interval = Duration.milliseconds(intervalMs)
        s.tick(now: t0 + interval / 2)
        #expect(s.displayedStep == 0)
        s.tick(now: t0 + interval)
        #expect(s.displayedStep == 1)
        s.handle(ViewerFixture.key(">"), now: t0 + interval)
        #expect(s.playback.interval < intervalMs)
        var now = t0 + interval
        for _ in 0..<10 {
            now += .milliseconds(s.playback.interval)
            s.tick(now: now)
        }
        #expect(s.displayedStep == 5)
        #expect(!s.playback.playing)
        s.handle(ViewerFixture.key("<"), now: now)
        s.handle(ViewerFixture.key("<"), now: now)
        #expect(s.playback.interval > PlaybackSpeed.intervals[PlaybackSpeed.defaultIndex])
    }

    @Test func viewsClassesThemesHelpAndQuit() throws {
        let (s, _) = try ViewerFixture.session()
        #expect(s.views.contains(.truth) && s.views.contains(.errors))
        let first = s.currentView
        s.handle(ViewerFixture.key("v"), now: t0)
        #expect(s.currentView != first)
        for _ in 1..<s.views.count { s.handle(ViewerFixture.key("v"), now: t0) }
        #expect(s.currentView == first)
        let c = s.selectedClass
        s.handle(ViewerFixture.key("c"), now: t0)
        #expect(s.selectedClass == (c + 1) % 3)
        let theme = s.theme.name
        s.handle(ViewerFixture.key("t"), now: t0)
        #expect(s.theme.name != theme)
        s.handle(ViewerFixture.key("?"), now: t0)
        #expect(s.showHelp)
        s.handle(ViewerFixture.key("x"), now: t0)
        #expect(!s.showHelp)
        s.handle(ViewerFixture.key("q"), now: t0)
        #expect(s.quitRequested)
    }

    @Test func withoutTruthThereAreNoTruthViews() throws {
        let (s, _) = try ViewerFixture.session(truth: false)
        #expect(!s.views.contains(.truth) && !s.views.contains(.errors))
    }

    @Test func cursorMovesAndIsClampedToTheImage() throws {
        let (s, _) = try ViewerFixture.session()
        #expect(s.cursor == Point(x: 8, y: 6))
        s.handle(.key(.shiftRight), now: t0)
        #expect(s.cursor == Point(x: 15, y: 6))
        s.handle(.key(.left), now: t0)
        #expect(s.cursor == Point(x: 14, y: 6))
        s.handle(.key(.character("K")), now: t0)
        #expect(s.cursor == Point(x: 14, y: 0))
    }
}
