import Foundation
import GaitCore
import GaitTestSupport
import XCTest

/// Every serialized field name is documented in docs/output.md, so the docs cannot fall behind
/// the one list of names in ResultFields.swift.
final class FieldDocumentationTests: XCTestCase {
    func testEveryFieldIsDocumented() throws {
        let doc = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/output.md"), encoding: .utf8)
        let names = Step.fields.map(\.name) + Stride.fields.map(\.name) + Bout.fields.map(\.name)
            + Summary.fields.map(\.name) + Flag.fields.map(\.name) + Evidence.fields.map(\.name)
            + Gap.fields.map(\.name) + InputInfo.fields.map(\.name) + Subject.fields.map(\.name)
            + Turn.fields.map(\.name)
        for name in Set(names) {
            XCTAssertTrue(doc.contains("`\(name)`"), "docs/output.md does not document `\(name)`")
        }
    }

    /// Unit suffixes: names that hold a physical quantity end with their unit.
    func testUnitSuffixes() {
        let m = GaitMeasures.fields.map(\.name)
        XCTAssertTrue(m.contains("cadence_spm"))
        XCTAssertTrue(m.contains("speed_mps"))
        XCTAssertTrue(Step.fields.map(\.name).allSatisfy { !$0.hasSuffix("_time") && !$0.hasSuffix("_length") })
    }
}
