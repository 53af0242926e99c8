export { heatmapOption, overlayOption, windowShareOption } from './charts';
export { featureFacts } from './facts';
export { cellSeverity, describeCell, HEAT_NOTE, HEAT_PIECES, heatPiece, type HeatPiece } from './severity';
