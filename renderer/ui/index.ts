// Shared widgets every domain screen uses, so the app looks and behaves the same everywhere.
export { Page, Section } from './Page';
export { Table, type Column } from './Table';
export { ErrorBox, errorMessage } from './ErrorBox';
export { ProgressBar } from './ProgressBar';
export { DropTarget } from './DropTarget';
export { EmptyState } from './EmptyState';
export { FilePickerButton } from './FilePickerButton';
export { NotYetAvailable } from './NotYetAvailable';
export { CopyButton } from './CopyButton';
export { Loading } from './Loading';
export { formatBytes, formatCount, formatDate, formatNumber, formatShare, plural, shortHash } from './format';
export { FilterBox, noMatch, useFilter } from './Filter';
export { byTime, sortRows, type SortValue } from './sort';
