// The application menu: standard roles plus File → Open Model… and Help → Show Workspace Folder.
// Returns a plain template (type-only Electron import) so it is checked without Electron.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openModel(): void;
  showWorkspaceFolder(): void;
}

export function menuTemplate(
  actions: MenuActions,
  options: { isMac: boolean; devTools: boolean },
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Model…', accelerator: 'CmdOrCtrl+O', click: () => actions.openModel() },
      { type: 'separator' },
      options.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(options.devTools
        ? ([{ role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'Show Workspace Folder', click: () => actions.showWorkspaceFolder() }],
  };
  return [
    ...(options.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}

/** Native open-dialog filters per kind of file the page asks for. */
export function dialogFilters(kind: 'model' | 'dataset' | 'any'): { name: string; extensions: string[] }[] {
  const model = { name: 'ONNX models', extensions: ['onnx'] };
  const dataset = { name: 'Datasets', extensions: ['csv', 'tsv', 'parquet'] };
  const all = { name: 'All files', extensions: ['*'] };
  if (kind === 'model') return [model, all];
  if (kind === 'dataset') return [dataset, all];
  return [model, dataset, all];
}
