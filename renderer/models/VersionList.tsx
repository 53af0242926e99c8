import { href } from '../router/index';
import { formatDate, Section, shortHash, Table } from '../ui/index';
import { modelRef } from './format';

type Version = { version: number; sha256: string; addedAt: string };

/** Every version of this model name; the one on screen is marked. */
export function VersionList({ name, current, versions }: { name: string; current: number; versions: Version[] }) {
  const rows = [...versions].sort((a, b) => b.version - a.version);
  return (
    <Section title={`Versions (${versions.length})`} id="versions">
      <Table
        caption="Versions"
        columns={[
          {
            key: 'v',
            header: 'Version',
            render: (v) =>
              v.version === current ? (
                <span>
                  <strong className="mono">@{v.version}</strong> <span className="badge badge-muted">shown</span>
                </span>
              ) : (
                <a className="mono" href={href('models', modelRef(name, v.version))}>
                  @{v.version}
                </a>
              ),
          },
          {
            key: 'sha',
            header: 'SHA-256',
            mono: true,
            render: (v) => <span title={v.sha256}>{shortHash(v.sha256)}</span>,
          },
          { key: 'added', header: 'Added', render: (v) => <span title={v.addedAt}>{formatDate(v.addedAt)}</span> },
        ]}
        rows={rows}
        rowKey={(v) => String(v.version)}
      />
    </Section>
  );
}
