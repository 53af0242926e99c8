import { useEffect, useRef } from 'react';
import { useColorScheme } from '../ui/useColorScheme';
import { echarts, type EChartsCoreOption, type EChartsType } from './echarts';

export interface ChartProps {
  option: EChartsCoreOption;
  /** Describes the chart for screen readers; also the accessible name of the canvas. */
  ariaLabel: string;
  height?: number | string;
  /** Called with ECharts' click params (e.g. to drill into a bar). */
  onClick?: (params: unknown) => void;
}

/**
 * An ECharts chart that follows the OS theme and its container's size. Pass a new `option` object
 * to redraw (memoise it); everything else — init, resize, theme switch, dispose — is handled here.
 */
export function Chart({ option, ariaLabel, height = 240, onClick }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const scheme = useColorScheme();

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    // A theme is fixed at init in ECharts, so a scheme change re-creates the chart.
    const instance = echarts.init(el, `preflight-${scheme}`, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [scheme]);

  useEffect(() => {
    // Honour reduced motion (an OS setting, also used by the e2e screenshots to catch final frames).
    const animation = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    // ECharts' aria writes the container's aria-label: give it ours, or it replaces it with a generic text.
    chart.current?.setOption(
      { aria: { enabled: true, label: { description: ariaLabel } }, animation, animationDuration: 300, ...option },
      { notMerge: true },
    );
  }, [option, scheme, ariaLabel]);

  return <div ref={element} className="chart" role="img" aria-label={ariaLabel} style={{ height, width: '100%' }} />;
}
