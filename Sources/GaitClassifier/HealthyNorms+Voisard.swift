extension HealthyNorms {
    /// Norms from the 80 trials of 14 healthy adults (age 26–79) of the Voisard et al. 2023
    /// reference set (IPOL, https://www.ipol.im/pub/art/2023/497/; Xsens MTw at L5), analysed by
    /// this pipeline with each subject's height, age and sex. Regenerate with
    /// `gait validate voisard DIR --norms`; `HealthyNormsTests` checks these against a fresh fit.
    /// Summary statistics only: no recording is copied into the project.
    public static let voisard = HealthyNorms(
        lateralExcursionAsymmetryPct: HealthyNorm(mean: 0.005, sd: 3.903),
        impactAsymmetryPct: HealthyNorm(mean: -5.858, sd: 32.492),
        trunkRotationRangeDeg: HealthyNorm(mean: 16.482, sd: 4.521, slopePerMps: 8.824, referenceSpeedMps: 1.227),
        stepAsymmetryRegularity: HealthyNorm(mean: -0.066, sd: 0.058),
        source: "GaitKit healthy norms (Voisard et al. 2023 data, 14 adults, 80 trials)")
}
