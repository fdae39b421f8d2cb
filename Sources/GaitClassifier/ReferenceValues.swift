import GaitCore

/// Published reference values used by the rules, each with its source. Taken from
/// ../shared/references/gait-reference-values.md, rows marked verified (V) or secondary (S).
public enum ReferenceValues {
    /// Comfortable gait speed by decade and sex, m/s (Bohannon & Andrews 2011; stratum means, S).
    /// Defined in GaitCore (`ReferenceSpeeds`), which the simulator shares.
    public static let speedByDecade = ReferenceSpeeds.comfortableByDecade
    public static let speedSource = ReferenceSpeeds.comfortableSource
    /// SD of comfortable speed, m/s (Kasović et al. 2021, age ≥ 60, V): the only stratum SD in the
    /// reference table; used for every age, which the flag states.
    public static let speedSD = ReferenceSpeeds.comfortableSD
    public static let speedSDSource = ReferenceSpeeds.comfortableSDSource
    /// Real-world speed error of a lower-back sensor, m/s (Kirk et al. 2024, upper end, V).
    public static let speedMeasurementError = 0.13

    /// General 10 % asymmetry criterion (Hodt-Billington et al. 2012, doi:10.3109/09593985.2011.574783, V).
    public static let asymmetryCriterionPct = 10.0
    public static let asymmetrySource = "Hodt-Billington et al. 2012, doi:10.3109/09593985.2011.574783"

    /// Healthy median stride-time CV < 6 % (Gabell & Nayak 1984, doi:10.1093/geronj/39.6.662, V).
    public static let strideTimeCVUpperPct = 6.0
    public static let strideTimeCVSource = "Gabell & Nayak 1984, doi:10.1093/geronj/39.6.662"

    /// Expected comfortable speed for age and sex, with a note of what was assumed.
    public static func expectedSpeed(age: Double?, sex: String?) -> (speed: Double, assumption: String?) {
        guard let age, let sex, sex == "F" || sex == "M" else {
            // Without age and sex, the slowest stratum: flags only what is slow for anyone.
            let slowest = speedByDecade.map { Swift.min($0.male, $0.female) }.min()!
            return (slowest, "age or sex not given: compared with the slowest stratum (age 80+)")
        }
        return (ReferenceSpeeds.comfortable(ageYears: age, sex: sex),
                age < 20 ? "age under 20: compared with ages 20–29" : nil)
    }
}
