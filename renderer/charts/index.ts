// Charts for every screen: `<Chart option={…} ariaLabel="…" />` with ECharts options. Memoise the
// option (useMemo) so the chart only redraws when the data changes.
export { Chart, type ChartProps } from './Chart';
export { PALETTE } from './themes';
export type { EChartsCoreOption } from './echarts';
