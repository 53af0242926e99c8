// Charts of hand-over reports, drawn on this machine by ECharts' server-side SVG renderer: the same
// library as the screen, no canvas, no DOM, no script in the output — just inline <svg>.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, VisualMapComponent, SVGRenderer]);

/** Light-theme colours that print well in grey too. */
export const PALETTE = ['#1f6feb', '#d1451b', '#2da44e', '#8250df', '#bf8700', '#0a7f8c', '#cf222e', '#57606a'];

export function svg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
