import { useEffect, useState } from 'react';
import { client, host, onConnection, type ConnectionState } from '../api/client';
import { useCall } from '../api/hooks';
import { plural } from '../ui/format';
import { ThemeToggle } from './ThemeToggle';

const CONNECTION_TEXT: Record<ConnectionState, [string, string]> = {
  open: ['dot-ok', 'connected'],
  connecting: ['dot-wait', 'connecting…'],
  lost: ['dot-bad', 'disconnected: reload the page or restart `preflight serve`'],
};

/** Where the workspace is and whether the core is reachable — the two things to check when something looks off. */
export function StatusBar() {
  const info = useCall('workspace/info', {});
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  useEffect(() => onConnection(setConnection), []);
  // Counts change when a job finishes (a model added, a dataset imported): refresh then.
  const reload = info.reload;
  useEffect(() => client.subscribe((e) => e.type === 'job/finished' && reload()), [reload]);
  const [dotClass, text] = CONNECTION_TEXT[connection];
  return (
    <footer className="statusbar" aria-label="Status">
      <span>
        <span className={`dot ${dotClass}`} aria-hidden="true" />
        {host === 'web' ? 'web mode' : 'desktop'} · {text}
      </span>
      {info.data && (
        <span title={info.data.file}>
          workspace <span className="mono">{info.data.dir}</span>
        </span>
      )}
      <ThemeToggle />
      {info.data && (
        <span className="status-right">
          {plural(info.data.counts.models, 'model')} · {plural(info.data.counts.modelVersions, 'version')} · v
          {info.data.appVersion}
        </span>
      )}
    </footer>
  );
}
