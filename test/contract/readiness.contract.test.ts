// The production-ready checklist through every host: derived from the workspace, a CI gate on the CLI
// (exit 1 while an item is missing), settings per model, attestations that are never "proven".
import { beforeAll, expect, it } from 'vitest';
import { describeThroughEveryHost, lacksForm, type Host, type Intent } from './hosts';
import { addModel, useFiles } from './fixtures';

const files = useFiles();
const show = (ref: string): Intent => ({ method: 'ready/show', args: { ref }, job: false, cli: ['ready', ref] });
const state = (r: { items: { id: string; state: string }[] }, id: string) => r.items.find((i) => i.id === id)?.state;

describeThroughEveryHost(
  'readiness',
  (current) => {
    let host: Host;
    beforeAll(() => {
      host = current();
    });

    it('a model only registered: its load is proven, the rest is missing, each with what would prove it (exit 1)', async () => {
      const out = await host.perform(show('risk'));
      expect(out.result).toMatchObject({ model: { name: 'risk', version: 1 }, ready: false });
      expect(state(out.result, 'loads-pinned')).toBe('proven');
      expect(state(out.result, 'contracts')).toBe('missing');
      expect(out.result.counts.missing).toBe(
        out.result.items.filter((i: { state: string }) => i.state === 'missing').length,
      );
      for (const i of out.result.items.filter((x: { state: string }) => x.state === 'missing'))
        expect(i.action?.command, i.id).toMatch(/^preflight /);
      if (out.exit !== undefined) expect(out.exit).toBe(1);

      const listed = await host.perform({
        method: 'ready/list',
        args: {},
        job: false,
        cli: { none: '`preflight ready NAME[@V]` gates one model version in CI; the list of all is the app overview' },
      });
      if (lacksForm(listed, /gates one model version/)) return;
      expect(listed.result).toEqual([
        expect.objectContaining({ model: expect.objectContaining({ name: 'risk', version: 1 }), ready: false }),
      ]);
      expect(listed.result[0].states['loads-pinned']).toBe('proven');
    });

    it('keeps a target provider and an evidence age per model, and records an attestation as attested', async () => {
      const set = await host.perform({
        method: 'ready/settings',
        args: { model: 'risk', targetEp: 'cpu', maxAgeDays: 30 },
        job: false,
        cli: ['ready', 'risk', '--target-ep', 'cpu', '--max-age-days', '30'],
      });
      expect(set.result).toMatchObject({ targetEp: 'cpu', maxAgeDays: 30 });
      const attested = await host.perform({
        method: 'ready/attest',
        args: { ref: 'risk@1', item: 'retraining', by: 'ci-bot', link: 'https://ci.example/pipelines/7' },
        job: false,
        cli: [
          'ready',
          'risk@1',
          '--attest',
          'retraining',
          '--by',
          'ci-bot',
          '--link',
          'https://ci.example/pipelines/7',
        ],
      });
      expect(state(attested.result, 'retraining')).toBe('attested');
      const shown = await host.perform(show('risk@1'));
      expect(shown.result).toMatchObject({ targetEp: 'cpu', maxAgeDays: 30, counts: { attested: 1 } });
    });

    it.each([
      [show('nope'), 'NOT_FOUND', /nope/],
      [
        {
          method: 'ready/attest',
          args: { ref: 'risk', item: 'contracts', by: 'me' },
          job: false,
          cli: ['ready', 'risk', '--attest', 'contracts', '--by', 'me'],
        },
        'BAD_ARGUMENTS',
        /contracts|retraining/,
      ],
    ] as [Intent, string, RegExp][])('refuses %#: the error and its code', async (intent, code, message) => {
      const out = await host.perform(intent);
      expect(out.error).toMatchObject({ code, message: expect.stringMatching(message) });
    });
  },
  [addModel(files.model, 'risk')],
);
