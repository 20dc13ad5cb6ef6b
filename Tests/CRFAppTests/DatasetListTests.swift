@testable import CRFApp
import CRFTestSupport
import Foundation
import Testing

@Suite struct DatasetListTests {
    @Test func listLinesResolveAgainstTheListsFolder() throws {
        let tmp = try TemporaryFolder()
        _ = try tmp.mkdir("lists")
        let list = try tmp.write("lists/val.txt", """
        # image  unary  truth
        ../img/a.png ../maps/a.npy ../truth/a.png

        /data/b.jpg\t/maps/b.npz:probs
        """)
        let items = try DatasetList.list(list, kind: .logits)
        #expect(items == [
            DatasetItem(index: 0, name: "a", image: tmp.file("img/a.png"), unary: .map(path: tmp.file("maps/a.npy"), kind: .logits), truth: .file(tmp.file("truth/a.png"))),
            DatasetItem(index: 1, name: "b", image: "/data/b.jpg", unary: .map(path: "/maps/b.npz:probs", kind: .logits),
                        truth: .missing(subject: list, message: "line 4 has no TRUTH (a third field) to score against")),
        ])
        #expect(throws: CLIFailure(list, "line 4 has no TRUTH (a third field) to score against")) { try items[1].truthPath() }
    }

    @Test func badListsAreRefusedNamingTheLine() throws {
        let tmp = try TemporaryFolder()
        let one = try tmp.write("one.txt", "a.png a.npy\nb.png\n")
        #expect(throws: CLIFailure(one, "line 2: expected IMAGE UNARY_FILE [TRUTH], got 1 field")) { try DatasetList.list(one, kind: .probs) }
        let empty = try tmp.write("empty.txt", "# nothing\n\n")
        #expect(throws: CLIFailure(empty, "no IMAGE UNARY_FILE lines")) { try DatasetList.list(empty, kind: .probs) }
        let twice = try tmp.write("twice.txt", "x/a.png a.npy\ny/a.jpg b.npy\n")
        let items = try DatasetList.list(twice, kind: .probs)
        #expect(throws: CLIFailure(twice, "two inputs are named 'a' (\(tmp.file("x/a.png")) and \(tmp.file("y/a.jpg"))); outputs are written to OUT/NAME, so names must differ")) {
            try DatasetList.requireUniqueNames(items, source: twice)
        }
    }

    @Test func vocLayout() throws {
        let tmp = try TemporaryFolder()
        _ = try tmp.mkdir("VOC/ImageSets/Segmentation")
        _ = try tmp.write("VOC/ImageSets/Segmentation/val.txt", "2007_000033\n2007_000042\n\n")
        let items = try DatasetList.voc(root: tmp.file("VOC"), split: "val", mapsDir: "/maps", kind: .probs)
        #expect(items.map(\.name) == ["2007_000033", "2007_000042"])
        #expect(items[1] == DatasetItem(index: 1, name: "2007_000042", image: tmp.file("VOC/JPEGImages/2007_000042.jpg"),
                                        unary: .map(path: "/maps/2007_000042.npy", kind: .probs),
                                        truth: .file(tmp.file("VOC/SegmentationClass/2007_000042.png"))))
        let missing = tmp.file("VOC/ImageSets/Segmentation/test.txt")
        #expect(throws: CLIFailure(missing, "no such file: --voc ROOT must hold ImageSets/Segmentation/test.txt (is ROOT the VOC2012 folder?)")) {
            try DatasetList.voc(root: tmp.file("VOC"), split: "test", mapsDir: "/maps", kind: .probs)
        }
    }

    @Test func shardsPartitionTheListRoundRobin() throws {
        let items = (0..<10).map { DatasetItem(index: $0, name: "\($0)", image: "", unary: .kmeans(clusters: 2, seed: 0), truth: .file("")) }
        let parts = try (1...3).map { k in try items.filter(Shard("\(k)/3").contains).map(\.index) }
        #expect(parts == [[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]])
        for bad in ["0/3", "4/3", "1/0", "a/b", "2", "1/2/3", ""] {
            #expect(throws: CLIFailure("--shard", "expected K/N with 1 <= K <= N (e.g. 2/8), got '\(bad)'")) { try Shard(bad) }
        }
    }
}
