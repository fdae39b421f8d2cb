/// How the phases of the gait cycle change with walking speed. One definition, shared by the
/// analysis (the double support that the pendulum model of step length does not see) and the
/// simulator (the double support its walkers take), so the two cannot drift apart.
public enum GaitPhases {
    /// Stance shortens by this fraction of the gait cycle per m/s faster, and with it each of the
    /// cycle's two double supports: 3.5 % (Kirtley C, Whittle MW, Jefferson RJ. Influence of
    /// walking speed on gait parameters. J Biomed Eng 1985;7(4):282–288.
    /// doi:10.1016/0141-5425(85)90055-X: stance = 64.2 − 3.5 × speed % of the cycle, r = 0.71).
    /// The Voisard reference events, against the speeds `gait analyze` measures, give 3.2 %.
    public static let stanceSlopePerMps = 0.035
    /// The walking speed at which the double supports below were measured: the mean speed of the
    /// 80 Voisard trials as `gait analyze` measured it (with a constant double support), m/s.
    public static let referenceSpeedMps = 1.2325
}
