/// Published comfortable walking speeds of healthy adults, shared by the classifier (is this
/// subject slow for their age and sex?) and the simulator (how fast does a simulated subject
/// walk?), so the two cannot drift apart. Taken from ../shared/references/gait-reference-values.md.
public enum ReferenceSpeeds {
    /// Comfortable gait speed by decade and sex, m/s: one row per decade from `minAge` (20–29,
    /// 30–39, …, 80–99). Bohannon RW, Andrews AW. Normal walking speed: a descriptive
    /// meta-analysis. Physiotherapy 2011;97(3):182–189. doi:10.1016/j.physio.2010.12.004
    /// (stratum means; secondary in the reference table).
    public static let comfortableByDecade: [(minAge: Double, male: Double, female: Double)] = [
        (20, 1.36, 1.34), (30, 1.43, 1.34), (40, 1.43, 1.39), (50, 1.43, 1.31),
        (60, 1.34, 1.24), (70, 1.26, 1.13), (80, 0.97, 0.94),
    ]
    public static let comfortableSource = "Bohannon & Andrews 2011, doi:10.1016/j.physio.2010.12.004"

    /// Standard deviation of comfortable speed, m/s (Kasović et al. 2021, age ≥ 60,
    /// doi:10.2147/CIA.S290071, verified): the only stratum SD in the reference table, used for
    /// every age.
    public static let comfortableSD = 0.28
    public static let comfortableSDSource = "Kasović et al. 2021, doi:10.2147/CIA.S290071"

    /// The stratum mean for an age (years) and sex ("F" or "M"), m/s. Ages under 20 take the
    /// 20–29 row; any sex other than "M" takes the female column (callers validate sex first).
    public static func comfortable(ageYears: Double, sex: String) -> Double {
        let row = comfortableByDecade.last { ageYears >= $0.minAge } ?? comfortableByDecade[0]
        return sex == "M" ? row.male : row.female
    }
}
