export { formatDateTime } from './dates';
export { formatBytes, formatCount, formatNumber, formatSeconds, formatShare } from './numbers';
export { formatTimings, type Timings } from './timings';
