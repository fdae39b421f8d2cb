import Foundation
import GaitCore

/// The Voisard et al. 2023 healthy-gait reference set (IPOL, https://www.ipol.im/pub/art/2023/497/),
/// read from a folder laid out as ../shared/datasets/voisard-healthy: `<code>_lb.txt` (lower
/// back, Xsens export) and `<code>.json` (hand-checked events as PacketCounter values); the foot
/// sensors' `<code>_lf.txt` and `<code>_rf.txt`, where present, give `FootStrideReference`.
/// The dataset is not part of the project; nothing here copies it.
public struct VoisardTrial: Sendable {
    public var code: String
    public var lowerBackPath: String
    /// The lower-back file's first PacketCounter: time 0 of every time here. The foot files count
    /// packets on the same counter.
    public var lowerBackFirstCounter: Double
    public var heightM: Double?
    public var ageYears: Double?
    public var sex: String?
    /// Reference times in seconds from the file's first sample: t = (counter − first)/100.
    public var leftHeelStrikes: [Double]
    public var rightHeelStrikes: [Double]
    public var leftToeOffs: [Double]
    public var rightToeOffs: [Double]
    public var trialStartS: Double
    public var trialEndS: Double
    public var turnStartS: Double
    public var turnEndS: Double

    /// The foot sensor's file (`<code>_lf.txt` or `<code>_rf.txt`) beside the lower-back one.
    public func footPath(_ side: Side) -> String {
        String(lowerBackPath.dropLast("_lb.txt".count)) + (side == .left ? "_lf.txt" : "_rf.txt")
    }

    /// The reference U-turn ± 0.2 s: the events scored as "in the turn".
    public var turnWithMargin: ClosedRange<Double> { (turnStartS - 0.2)...(turnEndS + 0.2) }

    public var heelStrikes: [(time: Double, side: Side)] {
        (leftHeelStrikes.map { ($0, Side.left) } + rightHeelStrikes.map { ($0, Side.right) }).sorted { $0.0 < $1.0 }
    }
}

public enum VoisardDataset {
    /// Sampling rate of every file in the set (Xsens MTw Awinda).
    public static let rateHz = 100.0

    /// Trials whose left- and right-foot sensors appear to have been swapped, so that their
    /// reference `side` is the opposite foot. Two independent observations, neither from our
    /// analysis's output:
    /// - Foot sensors: in 78 of 80 trials the standing mean of Acc_Y of the `_lf` sensor exceeds
    ///   that of the `_rf` sensor (the two feet tilt the strapped sensors opposite ways); only in
    ///   4-1 and 4-2 is it the other way round.
    /// - Lower back: at the reference heel strikes, the sign of yaw or of roll rate (band-passed
    ///   0.5–2 Hz, body frame as in `BodyFrame`), whichever agrees better, agrees with the labelled
    ///   foot in 0.68–1.0 of contacts in each of the other 78 trials and in 0.08–0.09 in these two;
    ///   pitch and mediolateral acceleration are inverted there too.
    /// Side accuracy is reported over all trials as published, and also without these two.
    public static let footSensorsSwapped: Set<String> = ["4-1", "4-2"]

    public static func trials(in directory: String) throws(GaitError) -> [VoisardTrial] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw GaitError(.invalidInput, "cannot list the dataset folder", file: directory)
        }
        let codes = names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
            .filter { names.contains("\($0)_lb.txt") }
            .sorted { a, b in a.split(separator: "-").compactMap { Int($0) }.lexicographicallyPrecedes(b.split(separator: "-").compactMap { Int($0) }) }
        var out = [VoisardTrial]()
        for code in codes { out.append(try trial(code, in: directory)) }
        return out
    }

    public static func trial(_ code: String, in directory: String) throws(GaitError) -> VoisardTrial {
        let jsonPath = "\(directory)/\(code).json", dataPath = "\(directory)/\(code)_lb.txt"
        // The files write a missing weight as a bare NaN, which strict JSON rejects: read it as null.
        guard let raw = FileManager.default.contents(atPath: jsonPath),
              let data = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "NaN", with: "null").data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw GaitError(.invalidInput, "cannot read the reference JSON", file: jsonPath)
        }
        let first = try firstCounter(dataPath)
        func seconds(_ v: Any?) -> Double? { (v as? NSNumber).map { ($0.doubleValue - first) / rateHz } }
        func events(_ key: String) -> [[Double]] {
            ((object[key] as? [[Any]]) ?? []).map { $0.compactMap { seconds($0) } }.filter { $0.count == 2 }
        }
        let left = events("LeftFootEvents"), right = events("RightFootEvents")
        let bounds = (object["TrialBoundaries"] as? [Any] ?? []).compactMap { seconds($0) }
        let turn = (object["UTurnBoundaries"] as? [Any] ?? []).compactMap { seconds($0) }
        guard bounds.count == 2, turn.count == 2 else {
            throw GaitError(.invalidInput, "reference lacks TrialBoundaries or UTurnBoundaries", file: jsonPath)
        }
        return VoisardTrial(
            code: code, lowerBackPath: dataPath, lowerBackFirstCounter: first,
            heightM: (object["Height"] as? NSNumber).map { $0.doubleValue / 100 },
            ageYears: (object["Age"] as? NSNumber)?.doubleValue, sex: object["Gender"] as? String,
            leftHeelStrikes: left.map { $0[1] }, rightHeelStrikes: right.map { $0[1] },
            leftToeOffs: left.map { $0[0] }, rightToeOffs: right.map { $0[0] },
            trialStartS: bounds[0], trialEndS: bounds[1], turnStartS: turn[0], turnEndS: turn[1])
    }

    /// The first PacketCounter of a lower-back file (first field of the first numeric row).
    static func firstCounter(_ path: String) throws(GaitError) -> Double {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GaitError(.invalidInput, "cannot open", file: path)
        }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        for line in head.split(whereSeparator: \.isNewline) {
            if let field = line.split(whereSeparator: { $0 == "\t" || $0 == "," }).first, let v = Double(field) { return v }
        }
        throw GaitError(.invalidInput, "no numeric row in the first 4 KiB", file: path)
    }
}
