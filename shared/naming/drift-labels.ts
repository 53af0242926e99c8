// How drift tests and effect sizes are named to people: the app's screens and the HTML reports say the same.

export const TEST_LABEL: Record<string, string> = {
  ks: 'KS p-value',
  wasserstein: 'Wasserstein (normed)',
  chisquare: 'chi-square p-value',
  ztest: 'z-test p-value',
  jensenshannon: 'Jensen–Shannon',
  psi: 'PSI',
};

export const EFFECT_LABEL: Record<string, string> = {
  ks_statistic: 'KS D',
  cramers_v: "Cramér's V",
  cohens_h: "Cohen's h",
  wasserstein_normed: 'W normed',
  jensen_shannon: 'JS',
  psi: 'PSI',
};
