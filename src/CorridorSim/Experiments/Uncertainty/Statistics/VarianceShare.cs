namespace CorridorSim.Experiments;

/// <summary>
/// An output's variance split by the law of total variance, Var(Y) = Var(E[Y | θ]) + E[Var(Y | θ)]: the epistemic part
/// (from the uncertain inputs θ, across samples) and the aleatory part (operational noise, within a sample).
/// </summary>
/// <param name="Total">Epistemic + Aleatory; with one replication per sample, the variance across samples.</param>
/// <param name="Epistemic">The between-sample component, floored at 0; with one replication, the variance across samples (which then also holds the noise).</param>
/// <param name="Aleatory">The mean within-sample variance; NaN with one replication per sample.</param>
/// <param name="EpistemicShare">Epistemic / Total; NaN with one replication or when Total is 0.</param>
internal sealed record VarianceShare(double Total, double Epistemic, double Aleatory, double EpistemicShare);
