// Drift numbers are written the one way every surface writes them (shared/format): p-values can be
// 1e-300, distances 0.0042, shares 0.37.
export { formatNumber as num, formatShare as pct } from '../../shared/format/numbers';

export { EFFECT_LABEL, TEST_LABEL } from '../../shared/naming/drift-labels';
