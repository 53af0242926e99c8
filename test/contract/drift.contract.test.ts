// Drift through every host: a stored report with per-feature verdicts, the model's predictions and
// weekly windows; reference profiles; the saved column → input mapping; errors with their codes.
import { beforeAll, expect, it } from 'vitest';
import { describeThroughEveryHost, lacksForm, type Host, type Intent } from './hosts';
import { addDataset, addModel, driftRun, FEATURES, MAPPING, scorableRows, useFiles } from './fixtures';

const files = useFiles();
const CATEGORICAL = ['region', 'employment', 'has_mortgage'];
const list: Intent = { method: 'drift/list', args: {}, job: false, cli: ['drift', 'list'] };
const show = (id: number): Intent => ({
  method: 'drift/show',
  args: { id },
  job: false,
  cli: ['drift', 'show', String(id)],
});
const NO_MAPPING_COMMAND = /the CLI saves a mapping with `drift --model M --map INPUT=cols`/;
const verdicts = (r: { features: { name: string; drifted: boolean }[] }) =>
  Object.fromEntries(r.features.map((f) => [f.name, f.drifted]));

describeThroughEveryHost(
  'drift',
  (current) => {
    let host: Host;
    let first: { id: number; features: { name: string; drifted: boolean }[] };
    beforeAll(() => {
      host = current();
    });

    it("compares production with training feature by feature, with the model's predictions and weekly windows", async () => {
      const out = await host.perform(
        driftRun({ timeColumn: 'event_time', window: 'week', columns: [...FEATURES, ...CATEGORICAL] }, [
          '--time-column',
          'event_time',
          '--window',
          'week',
          '--columns',
          [...FEATURES, ...CATEGORICAL].join(','),
        ]),
      );
      expect(out.error).toBeUndefined();
      expect(out.progress!.length).toBeGreaterThan(0);
      const r = out.result;
      expect(r.features.map((f: { name: string }) => f.name).sort()).toEqual([...FEATURES, ...CATEGORICAL].sort());
      // Planted: utilization moves as the weeks go by; age and credit score do not.
      expect(verdicts(r)).toMatchObject({ utilization: true, age: false, credit_score: false });
      expect(r.predictions).toMatchObject({
        model: 'risk@1',
        mapping: { how: 'given' },
        rows: { reference: scorableRows(files.training), current: scorableRows(files.production) },
      });
      expect(r.windows.windows.map((w: { label: string }) => w.label)).toHaveLength(4);
      first = r;
      const listed = await host.perform(list);
      expect(listed.result).toEqual([
        expect.objectContaining({ id: r.id, reference: 'training', current: 'production', model: 'risk@1' }),
      ]);
      const shown = await host.perform(show(r.id));
      expect(verdicts(shown.result)).toEqual(verdicts(r));
      expect(shown.result.dataset).toEqual(r.dataset);
    });

    it('uses the mapping the last run saved for the model, and shows it', async () => {
      const noMap: Intent = {
        method: 'drift/run',
        args: { reference: 'training', current: 'production', model: 'risk', columns: FEATURES, store: true },
        job: true,
        cli: [
          'drift',
          '--reference',
          'training',
          '--current',
          'production',
          '--model',
          'risk',
          '--columns',
          FEATURES.join(','),
        ],
      };
      const out = await host.perform(noMap);
      expect(out.result.predictions.mapping).toMatchObject({ how: 'saved', inputs: MAPPING });
      expect(verdicts(out.result)).toEqual(Object.fromEntries(FEATURES.map((f) => [f, verdicts(first)[f]])));

      const mapping = await host.perform({
        method: 'drift/mapping',
        args: { model: 'risk', dataset: 'production' },
        job: false,
        cli: { none: 'the CLI saves a mapping with `drift --model M --map INPUT=cols` and uses it on the next run' },
      });
      if (lacksForm(mapping, NO_MAPPING_COMMAND)) return;
      expect(mapping.result).toMatchObject({ mapping: { inputs: MAPPING }, problem: null });
      expect(mapping.result.inputs[0]).toMatchObject({ name: 'features' });
      const set = await host.perform({
        method: 'drift/set-mapping',
        args: { model: 'risk', inputs: MAPPING },
        job: false,
        cli: { none: 'the CLI saves a mapping with `drift --model M --map INPUT=cols` and uses it on the next run' },
      });
      expect(set.result).toMatchObject({ inputs: MAPPING });
    });

    it('builds a reference profile, lists it, and drift against it gives the verdicts of the exact comparison', async () => {
      const built = await host.perform({
        method: 'drift/profile',
        args: { dataset: 'training', gridSize: 1000 },
        job: true,
        cli: ['drift', 'profile', 'training', '--grid', '1000'],
      });
      expect(built.result).toMatchObject({ dataset: 'training', rows: 300, gridSize: 1000 });
      const profiles = await host.perform({
        method: 'drift/profiles',
        args: {},
        job: false,
        cli: ['drift', 'profiles'],
      });
      expect(profiles.result).toEqual([expect.objectContaining({ dataset: 'training', rows: 300 })]);
      const out = await host.perform(
        driftRun({ mode: 'profile', columns: FEATURES }, ['--mode', 'profile', '--columns', FEATURES.join(',')]),
      );
      expect(out.result.mode).toBe('profile');
      expect(verdicts(out.result)).toEqual(Object.fromEntries(FEATURES.map((f) => [f, verdicts(first)[f]])));
    });

    it.each([
      [driftRun({ window: 'week' }, ['--window', 'week']), 'BAD_ARGUMENTS', /window needs a time column/],
      [
        {
          ...driftRun(),
          args: { reference: 'nope', current: 'production' },
          cli: ['drift', '--reference', 'nope', '--current', 'production'],
        },
        'NOT_FOUND',
        /reference "nope" is neither a dataset nor a file \(datasets: .*training/,
      ],
      [show(99), 'NOT_FOUND', /no drift report 99/],
      [
        { method: 'drift/profile', args: { dataset: 'nope' }, job: true, cli: ['drift', 'profile', 'nope'] },
        'NOT_FOUND',
        /^dataset "nope" is neither a dataset nor a file/,
      ],
    ] as [Intent, string, RegExp][])('refuses %#: the error and its code', async (intent, code, message) => {
      const out = await host.perform(intent);
      expect(out.error).toMatchObject({ code, message: expect.stringMatching(message) });
    });

    it('stored the three reports asked for, and nothing for the refusals', async () => {
      const listed = (await host.perform(list)).result;
      // Newest first: profile mode and the saved-mapping run over the five features, the first over eight.
      expect(listed.map((r: { dataset: { total: number } }) => r.dataset.total)).toEqual([5, 5, 8]);
    });
  },
  [addModel(files.model, 'risk'), addDataset(files.training, 'training'), addDataset(files.production, 'production')],
);
