// Number and date formatting shared by every screen, so units read the same everywhere.

import { formatCount } from '../../shared/format/numbers';

export { formatBytes, formatCount, formatNumber, formatShare } from '../../shared/format/numbers';

/** ISO 8601 with the local UTC offset, to the second (shared/format: the CLI and the reports write the same). */
export { formatDateTime as formatDate } from '../../shared/format/dates';

/** `plural(1, 'model')` → "1 model", `plural(2, 'model')` → "2 models". */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

export function shortHash(sha256: string, length = 12): string {
  return sha256.slice(0, length);
}
