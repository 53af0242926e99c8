// Export report and Print for a screen that has a hand-over report (drift report, benchmark run,
// comparison). Both use the one page the core builds (reports/*): Export saves it the way every
// produced file leaves (download in web mode, save dialog on the desktop); Print lays out those same
// bytes in a hidden frame and prints that frame — so the printout is the file, not the screen.
import { useRef, useState } from 'react';
import type { ArgsOf } from '../../shared/contract/methods';
import { client, host } from '../api/client';
import { saveProducedFile } from '../api/save-file';
import { ErrorBox } from '../ui/index';

type ReportMethod = 'reports/drift' | 'reports/bench' | 'reports/bench-compare';
type State =
  | { state: 'idle' }
  | { state: 'busy'; what: 'export' | 'print' }
  | { state: 'saved'; where: string }
  | { state: 'cancelled' }
  | { state: 'failed'; error: unknown };

export function ReportActions<M extends ReportMethod>({
  method,
  args,
  what,
}: {
  method: M;
  args: ArgsOf<M>;
  what: string;
}) {
  const [status, setStatus] = useState<State>({ state: 'idle' });
  const frame = useRef<HTMLIFrameElement | null>(null);

  const exportReport = async () => {
    setStatus({ state: 'busy', what: 'export' });
    try {
      const file = await client.call(method, { ...args, inline: false } as ArgsOf<M>);
      if (!file.fileId) throw new Error('the report was not kept as a file');
      const where = await saveProducedFile(file.fileId, file.name);
      setStatus(where === null ? { state: 'cancelled' } : { state: 'saved', where });
    } catch (error) {
      setStatus({ state: 'failed', error });
    }
  };

  const print = async () => {
    setStatus({ state: 'busy', what: 'print' });
    try {
      const file = await client.call(method, { ...args, inline: true } as ArgsOf<M>);
      frame.current?.remove();
      const f = document.createElement('iframe');
      f.title = `${what} (print layout)`;
      f.dataset.testid = 'report-print-frame';
      // Off screen, not display:none: a frame that is not laid out prints blank in some engines.
      Object.assign(f.style, {
        position: 'fixed',
        right: '0',
        bottom: '0',
        width: '1px',
        height: '1px',
        border: '0',
        opacity: '0',
      });
      f.setAttribute('aria-hidden', 'true');
      frame.current = f;
      await new Promise<void>((resolve) => {
        f.addEventListener('load', () => resolve(), { once: true });
        f.srcdoc = file.html ?? '';
        document.body.appendChild(f);
      });
      f.contentWindow?.focus();
      f.contentWindow?.print();
      setStatus({ state: 'idle' });
    } catch (error) {
      setStatus({ state: 'failed', error });
    }
  };

  const busy = status.state === 'busy';
  return (
    <div className="report-actions" data-testid="report-actions">
      <button
        type="button"
        onClick={() => void exportReport()}
        disabled={busy}
        title={`One self-contained HTML file of this ${what}: every number, the charts, what was measured where`}
      >
        {busy && status.what === 'export' ? 'Exporting…' : 'Export report'}
      </button>
      <button
        type="button"
        onClick={() => void print()}
        disabled={busy}
        title="Print the exported report's layout (light theme, one section per page)"
      >
        {busy && status.what === 'print' ? 'Preparing…' : 'Print'}
      </button>
      <span role="status" className="muted report-actions-status">
        {status.state === 'saved' && (host === 'web' ? `Downloading ${status.where}` : `Saved to ${status.where}`)}
        {status.state === 'cancelled' && 'Not saved.'}
      </span>
      {status.state === 'failed' && <ErrorBox title="The report could not be produced" error={status.error} />}
    </div>
  );
}
