import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PreflightError } from '../../../shared/contract/errors';
import { startServer } from '../../server/server';
import { isLoopback } from '../../server/security';
import { int, parse } from '../args';
import type { Command } from '../command';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the UI on 127.0.0.1 with a per-launch token (for SSH tunnels and headless tests)',
  usage: `preflight serve [--port N] [--host 127.0.0.1] [--allow-host NAME …] [--no-open] [--workspace DIR]
    --host 0.0.0.0 listens on every interface; requests must still carry the token and name this
    machine (its host name or one of its addresses, or a name given with --allow-host)`,
  async run(argv, { openCore, out, signal, workspaceDir }) {
    const { values } = parse(
      argv,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        'no-open': { type: 'boolean' },
      },
      'serve',
    );
    const host = values.host ?? '127.0.0.1';
    const port = int(values.port, 'port', 0) ?? 7860;
    if (port > 65535)
      throw new PreflightError('BAD_ARGUMENTS', `--port: ${port} is not a TCP port (0–65535; 0 picks a free one)`);
    const staticDir = rendererDir();
    const allowHosts = (values['allow-host'] as string[] | undefined) ?? [];
    const server = await startServer({
      core: openCore(),
      host,
      port,
      staticDir,
      allowHosts,
      uploadDir: path.join(workspaceDir, 'tmp', `uploads-${process.pid}`),
    });
    if (!isLoopback(host)) {
      out.log(
        `warning: listening on ${host}: other machines on your networks can reach this server. It still refuses requests without the token and requests ` +
          `that do not name this machine (Host check: ${os.hostname()}, its addresses${allowHosts.length ? `, ${allowHosts.join(', ')}` : ''}). ` +
          'Traffic is plain HTTP: anyone on the network path can read the token and your data. Prefer 127.0.0.1 and an SSH tunnel ' +
          `(ssh -L ${server.port}:127.0.0.1:${server.port} this-host).`,
      );
    }
    const others = server.launchUrls.slice(1);
    out.result({ url: server.launchUrl, urls: server.launchUrls, port: server.port, workspace: workspaceDir }, () =>
      [
        `Preflight is serving ${workspaceDir}`,
        `open: ${server.launchUrl}`,
        ...others.map((u) => `  or: ${u}`),
        '(press Ctrl-C to stop)',
      ].join('\n'),
    );
    if (!values['no-open'] && process.stdout.isTTY) openBrowser(server.launchUrl);
    await new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
      process.once('SIGTERM', () => resolve());
    });
    await server.close();
  },
};

function rendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    path.join(here, '..', 'renderer'),
    path.join(here, '..', '..', 'dist', 'renderer'),
    path.join(here, '..', '..', '..', 'dist', 'renderer'),
  ]) {
    if (fs.existsSync(path.join(candidate, 'index.html'))) return path.resolve(candidate);
  }
  throw new PreflightError('BAD_ARGUMENTS', 'the UI build is missing (dist/renderer): run `npm run build`');
}

function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(opener, [url], { stdio: 'ignore', detached: true })
      .on('error', () => {})
      .unref();
  } catch {
    /* no browser on this machine: the URL is printed */
  }
}
