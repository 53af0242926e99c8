import { PreflightError } from '../../../shared/contract/errors';
import { formatCount } from '../../../shared/format/index';
import type { Dim, ModelVersion, TensorInfo } from '../../../shared/types/models';
import { parse } from '../args';
import type { Command } from '../command';
import { describeRemoval, removeOptions } from './removal';

const usage = `preflight models add <file.onnx> [--name NAME [--duplicate]] [--allow-unloadable] [--workspace DIR] [--json]
    (a model onnxruntime cannot load is refused unless --allow-unloadable; bytes already registered under another
     name are not added again: that version is offered — --duplicate adds a second copy)
preflight models list [--workspace DIR] [--json]
preflight models show <NAME[@VERSION]> [--workspace DIR] [--json]
preflight models remove <NAME@VERSION> [--dry-run] [--force]   also removes its benchmark runs and drift reports;
  a version an exported bundle was made from is kept unless --force; --dry-run only says what would go`;

export const modelsCommand: Command = {
  name: 'models',
  summary: 'register and inspect ONNX models',
  usage,
  async run(argv, { client, out, signal }) {
    const [verb, ...rest] = argv;
    if (verb === 'add') {
      const { values, positionals } = parse(
        rest,
        {
          name: { type: 'string' },
          'allow-unloadable': { type: 'boolean' },
          duplicate: { type: 'boolean', default: false },
        },
        'models add',
      );
      if (positionals.length !== 1)
        throw new PreflightError('BAD_ARGUMENTS', 'models add: give exactly one .onnx file');
      const result = await client.run(
        'models/add',
        {
          path: positionals[0],
          name: values.name,
          duplicate: values.duplicate,
          ...(values['allow-unloadable'] ? { allowUnloadable: true } : {}),
        },
        { onProgress: out.progress, signal },
      );
      if (!result.loadCheck.loadable) out.log(`warning: onnxruntime cannot load this model: ${result.loadCheck.error}`);
      const same = result.sameBytesAs ?? [];
      if (!result.created && same.length) {
        out.log(
          `the same bytes are already registered as ${same.join(', ')}: nothing was added; use ${same[0]}${values.name ? `, or register them as ${values.name} too with --duplicate` : ' (or --name NAME --duplicate to keep a second copy under another name)'}`,
        );
      } else if (result.created && same.length) {
        out.log(
          `note: the same bytes are also registered as ${same.filter((r) => r !== `${result.name}@${result.version}`).join(', ')}`,
        );
      }
      out.result(
        result,
        () =>
          `${result.created ? 'registered' : 'already registered as'} ${result.name}@${result.version}  sha256:${result.sha256}\n${describe(result)}`,
      );
      return;
    }
    if (verb === 'remove') {
      const { values, positionals } = parse(rest, removeOptions, 'models remove');
      if (positionals.length !== 1)
        throw new PreflightError('BAD_ARGUMENTS', 'models remove: give one model version, NAME@VERSION');
      const r = await client.call('models/remove', {
        ref: positionals[0],
        force: values.force,
        dryRun: values['dry-run'],
      });
      out.result(r, () => describeRemoval(r));
      return;
    }
    if (verb === 'list') {
      parse(rest, {}, 'models list');
      const models = await client.call('models/list', {});
      out.result(models, () =>
        models.length === 0
          ? 'no models yet: preflight models add <file.onnx>'
          : table(
              ['NAME', 'LATEST', 'VERSIONS', 'INPUTS', 'OUTPUTS', 'LOADS', 'SHA256'],
              models.map((m) => [
                m.name,
                `@${m.latestVersion}`,
                String(m.versions),
                String(m.inputs),
                String(m.outputs),
                m.loadable ? 'yes' : 'NO',
                m.sha256.slice(0, 12),
              ]),
            ),
      );
      return;
    }
    if (verb === 'show') {
      const { positionals } = parse(rest, {}, 'models show');
      if (positionals.length !== 1)
        throw new PreflightError('BAD_ARGUMENTS', 'models show: give one NAME or NAME@VERSION');
      const model = await client.call('models/show', { ref: positionals[0] });
      out.result(
        model,
        () =>
          `${model.name}@${model.version}  sha256:${model.sha256}\nversions: ${model.versions.map((v) => v.version).join(', ')}\n${describe(model)}`,
      );
      return;
    }
    throw new PreflightError(
      'BAD_ARGUMENTS',
      verb && !verb.startsWith('-')
        ? `models: unknown subcommand "${verb}" (add, list, show or remove); see \`preflight models --help\``
        : 'models: add, list, show or remove? (see `preflight models --help`)',
    );
  },
};

export function formatDims(shape: Dim[] | null): string {
  if (shape === null) return '?';
  return `[${shape.map((d) => ('value' in d ? String(d.value) : 'param' in d ? (d.param === '' ? '""' : d.param) : '?')).join(', ')}]`;
}

function describe(m: ModelVersion): string {
  const meta = m.metadata;
  const io = (t: TensorInfo) =>
    `  ${t.name.padEnd(24)} ${t.kind === 'tensor' ? `${t.elemType} ${formatDims(t.shape)}` : t.type}`;
  const ops = Object.entries(meta.operators).sort((a, b) => b[1] - a[1]);
  return [
    `ir ${meta.irVersion}  opsets ${meta.opsetImports.map((o) => `${o.domain || 'ai.onnx'}:${o.version}`).join(' ')}  producer ${meta.producerName} ${meta.producerVersion}`.trim(),
    `parameters ${formatCount(meta.parameterCount)}  initializers ${meta.initializerCount}  nodes ${meta.nodeCount}  size ${formatCount(meta.fileSizeBytes)} bytes`,
    'inputs:',
    ...meta.inputs.map(io),
    'outputs:',
    ...meta.outputs.map(io),
    `operators: ${ops.map(([op, n]) => `${op}×${n}`).join(' ')}`,
    m.loadCheck.loadable
      ? `loads in onnxruntime ${m.loadCheck.ortVersion}`
      : `does NOT load in onnxruntime ${m.loadCheck.ortVersion}: ${m.loadCheck.error}`,
  ].join('\n');
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
