// The confidence-gated fallback policy, measured on the reference sample the model scored.

import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import {
  confidenceHistogram,
  confidencesOf,
  gateCurve,
  labelIndices,
  measureGate,
  thresholdForRate,
  type Confidences,
} from '../../../shared/math/fallback';
import type { FallbackOutcome } from '../../../shared/types/bundles';
import type { OnnxMetadata } from '../../../shared/types/models';
import type { Scored } from './score';

type FallbackArgs = NonNullable<ParsedArgsOf<'bundles/export'>['fallback']>;

/** Float outputs a confidence can be read from (the policy's candidates). */
export function scoreOutputNames(metadata: OnnxMetadata): string[] {
  return metadata.outputs
    .filter(
      (o) => o.kind === 'tensor' && (o.elemType === 'float' || o.elemType === 'double' || o.elemType === 'float16'),
    )
    .map((o) => o.name);
}

/** A fallback suggestion for the preview when the user chose nothing yet: a 90% automation rate. */
export const SUGGESTED_AUTOMATION = 0.9;

export function fallbackPolicy(
  metadata: OnnxMetadata,
  scored: Scored | null,
  args: FallbackArgs | null | undefined,
  forPreview: boolean,
): FallbackOutcome {
  const candidates = scoreOutputNames(metadata);
  if (candidates.length === 0)
    return {
      policy: null,
      reason: `the model has no float output to read a confidence from (outputs: ${metadata.outputs.map((o) => `${o.name} ${o.type}`).join(', ')})`,
    };
  if (!scored)
    return {
      policy: null,
      reason:
        'the model could not be run on the reference rows (no column mapping to its inputs, or no complete row), so no confidence was measured',
    };
  if (args === null || (!args && !forPreview))
    return {
      policy: null,
      reason: 'no confidence threshold was chosen (export with --fallback "OUTPUT>=T" or a target automation rate)',
    };
  const name = args?.output ?? candidates[0];
  if (!candidates.includes(name))
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `fallback: the model has no float output "${name}" (float outputs: ${candidates.join(', ')})`,
    );
  const out = scored.sample.outputs.find((o) => o.name === name);
  if (!out?.numbers) return { policy: null, reason: `output ${name} produced no numbers on the reference rows` };
  const conf = confidencesOf(out.numbers, out.width);
  if ('reason' in conf) return { policy: null, reason: `output ${name} is not a probability: ${conf.reason}` };

  const labelColumn = args?.labelColumn ?? null;
  const classes = metadata.metadataProps.classes
    ? metadata.metadataProps.classes.split(',').map((s) => s.trim())
    : null;
  const labels = labelColumn && scored.sample.labels ? labelIndices(scored.sample.labels, classes) : null;
  const threshold = args?.threshold ?? thresholdForRate(conf.values, args?.automationRate ?? SUGGESTED_AUTOMATION);
  const m = measureGate(conf, threshold, labels);
  return {
    reason: null,
    policy: {
      output: name,
      confidence: conf.rule,
      threshold,
      fallback: args?.action ?? 'human review',
      measured: {
        rows: conf.values.length,
        automationRate: m.automationRate,
        accuracyAbove: m.accuracyAbove,
        accuracyBelow: m.accuracyBelow,
        labelColumn,
      },
      histogram: confidenceHistogram(conf.values),
      curve: gateCurve(conf as Confidences, labels),
    },
  };
}
