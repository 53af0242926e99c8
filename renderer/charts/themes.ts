// Chart colours matching the CSS variables in styles/theme.css (canvas cannot read CSS variables).
// Series colours: a colour-blind-safe palette, brighter in dark mode.

export const PALETTE = {
  light: ['#2f6feb', '#e8710a', '#1a7f37', '#cf222e', '#8250df', '#0e8a9e', '#9a6700', '#6e7781'],
  dark: ['#4c8dff', '#ff9f43', '#3fb950', '#ff6b6b', '#b388ff', '#39c5cf', '#d29922', '#9aa4b2'],
};

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

function theme(mode: 'light' | 'dark') {
  const text = mode === 'dark' ? '#c9d1d9' : '#3d444d';
  const muted = mode === 'dark' ? '#8b949e' : '#6e7781';
  const line = mode === 'dark' ? '#3a404b' : '#d0d7de';
  const grid = mode === 'dark' ? '#262b33' : '#eef1f4';
  const surface = mode === 'dark' ? '#1e2128' : '#ffffff';
  const axis = {
    axisLine: { lineStyle: { color: line } },
    axisTick: { lineStyle: { color: line } },
    axisLabel: { color: muted },
    splitLine: { lineStyle: { color: grid } },
    nameTextStyle: { color: muted },
  };
  return {
    color: PALETTE[mode],
    // Transparent background hides the mode from ECharts; say it, so labels outside bars get readable colours.
    darkMode: mode === 'dark',
    backgroundColor: 'transparent',
    // Canvas cannot inherit CSS fonts: the same system stack as styles/theme.css.
    textStyle: { color: text, fontFamily: FONT },
    title: { textStyle: { color: text, fontSize: 13, fontWeight: 600 }, subtextStyle: { color: muted } },
    legend: { textStyle: { color: text } },
    // Piecewise legends (the drift heatmap in other views) in the text colour, readable in dark mode.
    visualMap: { textStyle: { color: text } },
    categoryAxis: axis,
    valueAxis: axis,
    logAxis: axis,
    timeAxis: axis,
    tooltip: { backgroundColor: surface, borderColor: line, textStyle: { color: text } },
    dataZoom: { textStyle: { color: muted }, borderColor: line },
    // Value labels on bars and lines: plain text in the text colour, no halo.
    bar: { label: { color: text, textBorderColor: 'transparent' } },
    line: { label: { color: text, textBorderColor: 'transparent' } },
  };
}

export const THEMES = { 'preflight-light': theme('light'), 'preflight-dark': theme('dark') };
