import Foundation
import GaitCore
import GaitTestSupport
import GaitValidation
import XCTest

/// Accuracy on the real recordings with a reference system (hand-checked heel strikes). These
/// floors sit just below the latest figures (docs/validation.md); a change that
/// falls below them is a regression. The issue-4 targets are higher.
final class VoisardAccuracyTests: XCTestCase {
    /// One evaluation of the 80 trials, shared by the tests that score it (it analyses every trial
    /// and integrates every foot stride); nil when the dataset is absent.
    private static let evaluation: Result<EvaluationReport, GaitError>? = TestPaths.voisardDataset.map { dir in
        Result { () throws(GaitError) in try VoisardEvaluation.run(directory: dir.path) }
    }

    /// The shared evaluation, or a skip naming what is skipped when the dataset is absent.
    private func report(skipping what: String) throws -> EvaluationReport {
        guard let evaluation = Self.evaluation else {
            throw XCTSkip("../shared/datasets/voisard-healthy is absent: \(what) skipped")
        }
        return try evaluation.get()
    }

    func testAllTrialsMeetTheFloors() throws {
        let report = try report(skipping: "real-data accuracy test")
        XCTAssertEqual(report.trials.count, 80)
        XCTAssertGreaterThanOrEqual(report.contacts.f1, 0.959)
        XCTAssertLessThanOrEqual(report.medianAbsoluteErrorS, 0.010 + 1e-9)
        XCTAssertGreaterThanOrEqual(report.sideAccuracy, 0.96)
        XCTAssertGreaterThanOrEqual(report.finalContacts.f1, 0.915)
        XCTAssertLessThanOrEqual(report.cadenceMAE, 1.44)
        // 4.87 % since the double support follows the walking speed (docs/algorithms/step-length.md;
        // 5.70 % with a constant one).
        XCTAssertLessThanOrEqual(report.distanceMAEPct, 5.0)
        XCTAssertGreaterThanOrEqual(report.sideAccuracyExcludingSwapped, 0.99)
        // Every bout of these healthy walks is walking: none may be noted as vibration.
        let noted = NotedBouts(summing: report.trials.map(\.noted))
        XCTAssertEqual(noted.bouts, 96)
        XCTAssertEqual(noted.unlikeWalking, 0)
    }

    /// Stride length against the foot sensors' strides (`FootStrideReference`). Measured: straight
    /// strides 7.74 cm (5.7 %) over 1819 strides since the double support follows the walking speed
    /// (8.74 cm, 6.5 %, with a constant one). The reference is checked against what it must
    /// give on its own: both feet travel the same path (left / right median stride 1.018, median
    /// over trials), and the whole walk is the protocol's 20 m plus the turn's path (mean 20.88 m
    /// over the 32 trials with every stride).
    func testStrideLengthAgainstTheFootSensors() throws {
        let report = try report(skipping: "stride-length accuracy test")
        let straight = report.strideAccuracy(straightOnly: true)
        XCTAssertGreaterThanOrEqual(straight.count, 1700)
        XCTAssertLessThanOrEqual(straight.meanAbsoluteErrorM, 0.080)
        XCTAssertEqual(report.medianFeetLeftRightRatio, 1, accuracy: 0.03)
        XCTAssertGreaterThanOrEqual(report.feetDistanceTrialCount, 30)
        XCTAssertGreaterThanOrEqual(report.meanFeetDistanceM, 20)
        XCTAssertLessThanOrEqual(report.meanFeetDistanceM, 21.5)
    }

    /// Step-time asymmetry and left/right contact timing against the reference heel strikes
    /// (docs/validation.md, "Left/right timing on real gait"). 4.06 pp and 10.1 ms measured since
    /// the body frame's forward axis is the one coupled to the vertical motion
    /// (algorithms/body-frame.md), which timed subject 5's contacts on the forward acceleration
    /// instead of the sideways one or a mixture (5.05 pp and 13.7 ms before). They were 4.81 pp and 12.7 ms
    /// before the window-edge rule of initial-contacts.md corrected one foot of subject 5 by
    /// 80–100 ms, which uncovered the other foot's constant lateness (5.14 pp). The floor stays at
    /// 5.3.
    func testStepTimeAsymmetryAgainstTheReference() throws {
        let report = try report(skipping: "real-data step-time asymmetry test")
        XCTAssertGreaterThanOrEqual(report.stepTimeAsymmetryTrialCount, 75)
        XCTAssertLessThanOrEqual(report.stepTimeAsymmetryMAEPct, 5.3)
        XCTAssertLessThanOrEqual(report.leftMinusRightTimingMeanAbsS, 0.0145)
    }

    /// The step-length index of the straight steps belongs to the walker: it repeats over each
    /// subject's trials (docs/algorithms/step-length.md, "Where the feet are"). Measured ICC(1)
    /// 0.56, within-subject SD 3.56 %, since each stride is split where the trunk passes over the
    /// feet; 0.14 with the trunk's travel between the contacts
    /// (`Benchmarks/step-asymmetry-repeatability.py`, whole files). The floor is just under.
    func testStepLengthAsymmetryRepeatsWithinEachWalker() throws {
        let report = try report(skipping: "real-data step-length repeatability test")
        let repeatability = try XCTUnwrap(report.stepLengthIndexRepeatability)
        XCTAssertEqual(report.trials.compactMap(\.stepLengthIndexPct).count, 80)
        XCTAssertGreaterThanOrEqual(repeatability.icc, 0.50)
        XCTAssertLessThanOrEqual(repeatability.withinSD, 3.8)
    }

    /// The same walks as a 50 Hz device would record them (`gait validate voisard --resample 50`):
    /// every parameter of the contact detector is a time, so the figures must not fall with the
    /// rate. Measured: IC F1 0.958 at 50 Hz against 0.959 at 100 Hz, median error 20 ms (one
    /// sample). While the window-edge rule of initial-contacts.md counted samples, it fired at 50 Hz
    /// on maxima at the vertical peak itself and put a dozen contacts (subjects 4 and 11) 110–150 ms
    /// early: F1 0.952.
    func testFiguresHoldAt50Hz() throws {
        let full = try report(skipping: "sampling-rate test")
        guard let dir = TestPaths.voisardDataset else { return }
        let half = try VoisardEvaluation.run(directory: dir.path, rewrite: RecordingRewrite(rateHz: 50))
        XCTAssertEqual(half.trials.count, 80)
        XCTAssertGreaterThanOrEqual(half.contacts.f1, 0.955)
        XCTAssertEqual(half.contacts.f1, full.contacts.f1, accuracy: 0.003)
        XCTAssertLessThanOrEqual(half.medianAbsoluteErrorS, 0.020 + 1e-9)
        XCTAssertGreaterThanOrEqual(half.finalContacts.f1, 0.915)
        XCTAssertGreaterThanOrEqual(half.sideAccuracyExcludingSwapped, 0.99)
        XCTAssertLessThanOrEqual(half.cadenceMAE, 1.5)
        XCTAssertLessThanOrEqual(half.distanceMAEPct, 5.0)
    }

    /// The same walks as an accelerometer-only device would record them (`gait validate voisard
    /// --accelerometer-only`, docs/algorithms/side.md, "Measured on real gait"). Contacts and step
    /// lengths come from the accelerometer alone, so they must not change; sides come from the
    /// trunk's sideways velocity and the loading impulse. Measured: side 0.954 (0.979 without 4-1,
    /// 4-2); 0.940 (0.964) before the body frame's forward axis became the one coupled to the
    /// vertical motion (subject 5's trials had the sideways axis for forward), 0.876 (0.886) with
    /// the velocity alone, 0.554 while the evidence was the lateral acceleration at the contact.
    func testFiguresWithoutTheGyroscope() throws {
        let full = try report(skipping: "accelerometer-only test")
        guard let dir = TestPaths.voisardDataset else { return }
        let accOnly = try VoisardEvaluation.run(directory: dir.path, rewrite: RecordingRewrite(accelerometerOnly: true))
        XCTAssertEqual(accOnly.trials.count, 80)
        XCTAssertEqual(accOnly.contacts.f1, full.contacts.f1, accuracy: 1e-9)
        XCTAssertEqual(accOnly.distanceMAEPct, full.distanceMAEPct, accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(accOnly.sideAccuracy, 0.95)
        XCTAssertGreaterThanOrEqual(accOnly.sideAccuracyExcludingSwapped, 0.975)
        XCTAssertEqual(accOnly.turnDetectionRate, 0, "without a gyroscope no turn is reported")
        // The trials whose sides are unreliable are the ones with the lowest confidence, on both
        // sides of the floor the analysis's note uses: measured over the matched contacts 0.65–0.70
        // (4 trials) against 0.81–1.00, and as the recording's summary reports it 0.64–0.70
        // against 0.78–1.00 (7 trials, 0.60–0.73, before the body frame's fix for subject 5).
        for median in [\TrialScore.medianSideConfidence, \TrialScore.summarySideConfidenceMedian] {
            let medians = accOnly.sideConfidenceMedians(median)
            XCTAssertEqual(medians.unreliable.count, 4, "\(median)")
            XCTAssertLessThan(try XCTUnwrap(medians.unreliable.max()), GaitMeasures.sideConfidenceMedianFloor, "\(median)")
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(medians.others.min()), GaitMeasures.sideConfidenceMedianFloor, "\(median)")
        }
    }

    /// The same walks as the same sensor would have recorded them turned on the body (`gait
    /// validate voisard --remount`, docs/validation.md, "Other mountings"): the body frame comes
    /// from the data (docs/algorithms/body-frame.md), so every contact, side and step length must
    /// be the one found as mounted. Measured: every report byte-identical to the as-recorded one,
    /// for all four turns, with and without the gyroscope. Checked here on the oblique turn, which
    /// mixes all three axes, and upside down without the gyroscope, where the sides rest on the
    /// accelerometer's signs alone.
    func testFiguresWhateverTheMounting() throws {
        let full = try report(skipping: "sensor-mounting test")
        guard let dir = TestPaths.voisardDataset else { return }
        let accOnly = try VoisardEvaluation.run(directory: dir.path, rewrite: RecordingRewrite(accelerometerOnly: true))
        for (rewrite, reference) in [(RecordingRewrite(remount: .oblique), full),
                                     (RecordingRewrite(accelerometerOnly: true, remount: .upsideDown), accOnly)] {
            let turned = try VoisardEvaluation.run(directory: dir.path, rewrite: rewrite)
            XCTAssertEqual(turned.trials.count, 80)
            for (a, b) in zip(turned.trials, reference.trials) {
                let what = "\(a.code), \(rewrite)"
                XCTAssertEqual(a.code, b.code)
                XCTAssertEqual(a.contacts.truePositives, b.contacts.truePositives, what)
                XCTAssertEqual(a.contacts.falsePositives, b.contacts.falsePositives, what)
                XCTAssertEqual(a.finalContacts.truePositives, b.finalContacts.truePositives, what)
                XCTAssertEqual(a.sideTotal, b.sideTotal, what)
                XCTAssertEqual(a.sideCorrect, b.sideCorrect, what)
                // The rewritten file holds 6 decimals: a step length may move by a rounding.
                XCTAssertEqual(a.distanceM, b.distanceM, accuracy: 0.005, what)
            }
        }
    }

    /// The trials set aside in one side-accuracy row are exactly those whose foot sensors look
    /// swapped on the foot sensors' own data: standing Acc_Y of `_lf` not above that of `_rf`.
    func testSwappedFootSensorsAreTheOnesListed() throws {
        guard let dir = TestPaths.voisardDataset else {
            throw XCTSkip("../shared/datasets/voisard-healthy is absent: foot-sensor check skipped")
        }
        /// Mean Acc_Y of the file's first 100 rows (the subject stands still).
        func standingAccY(_ path: String) throws -> Double {
            let foot = try FootStrideReference.read(path)
            let rows = foot.acc.indices.lazy.filter { foot.present[$0] }.prefix(100).map { foot.acc[$0].y }
            XCTAssertEqual(rows.count, 100, path)
            return rows.reduce(0, +) / Double(rows.count)
        }
        var odd = Set<String>()
        for trial in try VoisardDataset.trials(in: dir.path) {
            if try standingAccY(trial.footPath(.left)) <= standingAccY(trial.footPath(.right)) { odd.insert(trial.code) }
        }
        XCTAssertEqual(odd, VoisardDataset.footSensorsSwapped)
    }

    /// Turns against the reference U-turn of every trial (docs/algorithms/turns.md). Measured: 80 of
    /// 80 U-turns found as one turn of 135–225°, 10 extra turns (all where subjects turn as they
    /// stop at the end of the walk), median |start error| 205 ms, |end error| 430 ms, median
    /// |angle| 185.9°.
    func testTurnsMeetTheFloors() throws {
        let report = try report(skipping: "real-data turn accuracy test")
        XCTAssertEqual(report.trials.count, 80)
        XCTAssertGreaterThanOrEqual(report.turnDetectionRate, 0.98)
        XCTAssertLessThanOrEqual(report.extraTurns, 11)
        XCTAssertLessThanOrEqual(report.turnMedianAbsoluteStartErrorS, 0.22)
        XCTAssertLessThanOrEqual(report.turnMedianAbsoluteEndErrorS, 0.45)
        XCTAssertEqual(report.turnMedianAbsoluteAngleDeg, 180, accuracy: 7.5)
    }
}
