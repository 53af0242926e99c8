// Charts of hand-over reports, drawn on this machine by ECharts' server-side SVG renderer: the same
// library as the screen, no canvas, no DOM, no script in the output — just inline <svg>. Loaded on
// first use, so commands that draw nothing do not pay for evaluating ECharts.

/** Light-theme colours that print well in grey too. */
export const PALETTE = ['#1f6feb', '#d1451b', '#2da44e', '#8250df', '#bf8700', '#0a7f8c', '#cf222e', '#57606a'];

export type Svg = (option: Record<string, unknown>, width: number, height: number) => string;

let loaded: Promise<Svg> | null = null;

export function chartRenderer(): Promise<Svg> {
  loaded ??= (async () => {
    const [echarts, charts, components, renderers] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
    ]);
    echarts.use([
      charts.BarChart,
      charts.HeatmapChart,
      charts.LineChart,
      charts.ScatterChart,
      components.GridComponent,
      components.LegendComponent,
      components.TitleComponent,
      components.VisualMapComponent,
      renderers.SVGRenderer,
    ]);
    return (option, width, height) => {
      const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
      try {
        chart.setOption({
          animation: false,
          color: PALETTE,
          textStyle: { fontFamily: 'system-ui, sans-serif' },
          ...option,
        });
        return chart.renderToSVGString();
      } finally {
        chart.dispose();
      }
    };
  })();
  return loaded;
}
