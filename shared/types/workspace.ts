export interface WorkspaceInfo {
  dir: string;
  file: string;
  schemaVersion: number;
  appVersion: string;
  counts: { models: number; modelVersions: number };
}
