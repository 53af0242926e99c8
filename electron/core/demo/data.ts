import { createRng, rngBeta, rngNormal } from '../../../shared/math/latency/rng';

// The demo's "credit risk" data: a training sample and a production sample whose drift builds up
// week by week — utilization and income move, missing incomes grow, a new region appears in the last
// week — so every screen (profiles, drift per feature, the time heatmap, prediction drift) has
// something real to show. Seeded: every demo is the same.

export const DEMO_FEATURES = ['age', 'income_k', 'credit_score', 'utilization', 'open_accounts'] as const;
export const DEMO_MEANS = [40, 60, 680, 0.35, 5];
export const DEMO_STDS = [12, 30, 60, 0.18, 2.5];

const HEADER = ['customer_id', 'event_time', ...DEMO_FEATURES, 'region', 'employment', 'has_mortgage'];
const REGIONS = ['north', 'south', 'east', 'west'];
const EMPLOYMENT = ['salaried', 'self-employed', 'contractor', 'retired'];

interface Drift {
  /** 0 = like training, 1 = fully drifted. */
  level: number;
  newRegion: boolean;
}

function row(rng: () => number, id: number, time: Date, drift: Drift): string[] {
  const pick = <T>(items: T[], weights: number[]) => {
    let u = rng() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) if ((u -= weights[i]) <= 0) return items[i];
    return items[items.length - 1];
  };
  const age = Math.max(18, Math.round(40 + 12 * rngNormal(rng)));
  const missingIncome = rng() < 0.01 + 0.08 * drift.level;
  const income = Math.exp(Math.log(55 * (1 - 0.25 * drift.level)) + 0.45 * rngNormal(rng));
  const score = Math.min(850, Math.max(300, Math.round(680 + 60 * rngNormal(rng))));
  const utilization = Math.min(1, rngBeta(rng, 3.5, 6.5) + 0.25 * drift.level * rng());
  const accounts = Math.max(0, Math.round(5 + 2.5 * rngNormal(rng)));
  const region = drift.newRegion && rng() < 0.2 ? 'central' : pick(REGIONS, [4, 3, 2, 1]);
  const employment = pick(EMPLOYMENT, [6, 2, 1 + 3 * drift.level, 1]);
  return [
    `C${String(id).padStart(6, '0')}`,
    time.toISOString().slice(0, 19) + 'Z',
    String(age),
    missingIncome ? '' : income.toFixed(2),
    String(score),
    utilization.toFixed(4),
    String(accounts),
    region,
    employment,
    rng() < 0.35 ? 'true' : 'false',
  ];
}

const toCsv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n';

/** Training sample: autumn 2025, no drift. */
export function trainingCsv(rows = 4000, seed = 7): string {
  const rng = createRng(seed);
  const start = Date.UTC(2025, 8, 1);
  const span = 90 * 86_400_000;
  return toCsv(
    Array.from({ length: rows }, (_, i) =>
      row(rng, i, new Date(start + Math.floor((i / rows) * span)), { level: 0, newRegion: false }),
    ),
  );
}

/** Production sample: four weeks of January 2026, drift growing from nothing to strong. */
export function productionCsv(rows = 4000, seed = 11): string {
  const rng = createRng(seed);
  const start = Date.UTC(2026, 0, 5); // a Monday
  const span = 28 * 86_400_000;
  return toCsv(
    Array.from({ length: rows }, (_, i) => {
      const t = start + Math.floor((i / rows) * span);
      const week = Math.floor((t - start) / (7 * 86_400_000));
      return row(rng, 100_000 + i, new Date(t), { level: week / 3, newRegion: week === 3 });
    }),
  );
}
