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

    /// The speed z-score at or below which walking is slow for age and sex
    /// (gait-reference-values.md §8: z ≤ −2 against the Bohannon stratum).
    public static let speedZ = -2.0
    /// Height-normalised comfortable speed, s⁻¹, mean and SD, age ≥ 60 (Kasović et al. 2021, V).
    public static let heightNormalisedSpeed = 0.75
    public static let heightNormalisedSpeedSD = 0.17
    /// LBP gait changes (speed SMD −0.59, stride SMD −0.38; no ROM difference), and the real-world
    /// stride-length error of a lower-back sensor (0.21 m).
    public static let lbpGaitSource = "Smith et al. 2022, doi:10.1016/j.jshs.2022.02.001; error: Micó-Amigo et al. 2023, doi:10.1186/s12984-023-01198-5"

    /// Normal temporal symmetry ratio 0.9–1.1 (Patterson et al. 2008, V).
    public static let symmetryRatioSource = "Patterson et al. 2008, doi:10.1016/j.apmr.2007.08.142"
    /// Vertical step regularity tracks walkway asymmetry best (Buckley et al. 2020, V).
    public static let stepRegularitySource = "Buckley et al. 2020, doi:10.3390/s20010037"
    /// Event-timing errors of a lower-back sensor in pathological gait (Trojaniello et al. 2015, V).
    public static let eventErrorSource = "Trojaniello et al. 2015, doi:10.1016/j.gaitpost.2015.06.008"
    /// Harmonic ratio (Menz et al. 2003; what it measures: Bellanca et al. 2013, V).
    public static let harmonicRatioSource = "Menz et al. 2003; Bellanca et al. 2013, doi:10.1016/j.jbiomech.2012.12.008"
    /// Knee buckling: definition (Felson et al. 2007, V); no lower-back detector exists (§5).
    public static let givingWaySource = "definition: Felson et al. 2007, doi:10.7326/0003-4819-147-8-200710160-00005; detector: GaitKit, experimental"

    /// General 10 % asymmetry criterion (Hodt-Billington et al. 2012, doi:10.3109/09593985.2011.574783, V).
    public static let asymmetryCriterionPct = 10.0
    public static let asymmetrySource = "Hodt-Billington et al. 2012, doi:10.3109/09593985.2011.574783"

    /// Healthy median stride-time CV < 6 % (Gabell & Nayak 1984, doi:10.1093/geronj/39.6.662, V).
    public static let strideTimeCVUpperPct = 6.0
    public static let strideTimeCVSource = "Gabell & Nayak 1984, doi:10.1093/geronj/39.6.662"

    /// Expected comfortable speed for age and sex, with a note of what was assumed.
    public static func expectedSpeed(age: Double?, sex: String?) -> (speed: Double, assumption: String?) {
        guard let age, let sex, Subject.isValidSex(sex) else {
            // Without age and sex, the slowest stratum: flags only what is slow for anyone.
            let slowest = speedByDecade.map { Swift.min($0.male, $0.female) }.min()!
            return (slowest, "age or sex not given: compared with the slowest stratum (age 80+)")
        }
        return (ReferenceSpeeds.comfortable(ageYears: age, sex: sex),
                age < 20 ? "age under 20: compared with ages 20–29" : nil)
    }
}
