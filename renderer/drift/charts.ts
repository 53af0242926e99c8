// The drift report's ECharts options live once in shared/drift-view: the HTML report draws the same.
export { heatmapOption, overlayOption, windowShareOption } from '../../shared/drift-view/charts';
