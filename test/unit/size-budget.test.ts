import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_COMMENT_MAX_LENGTH } from '../../functions/domain/client-link';
import {
  AGGREGATE_SHAPE,
  AGREEMENT_VERSION_SHAPE,
  ANALYSIS_VERSION_SHAPE,
  COUNTS,
  DYNAMODB_ITEM_LIMIT_BYTES,
  EVIDENCE_SHAPE,
  FOLLOW_UP_REPORT_SHAPE,
  ITEM_BUDGET_BYTES,
  itemShapeBytes,
  LINK_SHAPE,
  REPORTED_INCIDENT_SHAPE,
  shapeBytes,
  TECHNICIAN_SHAPE,
  TEXT_BOUNDS,
  TICKET_SHAPE,
  worstCaseItemSizes,
  WRITE_LIMIT_BYTES,
  type Shape,
} from '../../functions/domain/size-budget';
import { itemBytes, valueBytes } from '../../functions/adapters/dynamodb/item-size';
import { COMMENT_MAX_LENGTH, NAME_MAX_LENGTH } from '../../functions/templates/pages/agreement-form-messages';
import { LOCAL_STAGE, STAGE_DEFAULTS } from '../../infra/stage-config';
import { LIMITS_DOC_PATH, LIMITS_SECTION_NAMES, limitsSectionsIn, renderLimitsSections } from '../support/limits-doc';

/** A value of the shape at its largest: strings of exactly their bytes, numbers of exactly their digits, full lists. */
function exemplar(shape: Shape): unknown {
  switch (shape.kind) {
    case 'string':
      return '€'.repeat(Math.floor(shape.bytes / 3)) + 'a'.repeat(shape.bytes % 3);
    case 'binary':
      return new Uint8Array(shape.bytes);
    case 'number':
      return Number('1234567891234567'.slice(0, shape.digits));
    case 'boolean':
      return true;
    case 'map':
      return Object.fromEntries(Object.entries(shape.fields).map(([name, field]) => [name, exemplar(field)]));
    case 'list':
      return Array.from({ length: shape.max }, () => exemplar(shape.of));
  }
}

const ITEM_SHAPES = { AGGREGATE_SHAPE, ANALYSIS_VERSION_SHAPE, AGREEMENT_VERSION_SHAPE, TICKET_SHAPE, REPORTED_INCIDENT_SHAPE, FOLLOW_UP_REPORT_SHAPE, LINK_SHAPE, EVIDENCE_SHAPE, TECHNICIAN_SHAPE };

describe('size budget', () => {
  it.each(worstCaseItemSizes().map((w) => [w.item, w] as const))('the worst case of %s stays under the budget', (_item, { bytes }) => {
    expect(bytes).toBeGreaterThan(0);
    expect(bytes, 'a bound was raised without room for it: lower another, or split the item').toBeLessThanOrEqual(ITEM_BUDGET_BYTES);
  });

  it('the budget sits well under the write limit, and the write limit under DynamoDB’s 400 KB', () => {
    expect(ITEM_BUDGET_BYTES).toBeLessThan(WRITE_LIMIT_BYTES);
    expect(WRITE_LIMIT_BYTES).toBeLessThan(DYNAMODB_ITEM_LIMIT_BYTES);
    expect(DYNAMODB_ITEM_LIMIT_BYTES).toBe(409_600);
  });

  it('its arithmetic counts as the pre-write check measures (every shape, built at its largest)', () => {
    for (const [name, shape] of Object.entries(ITEM_SHAPES)) {
      const item = Object.fromEntries(Object.entries(shape).map(([attribute, value]) => [attribute, exemplar(value)]));
      expect(itemBytes(item), name).toBe(itemShapeBytes(shape));
      for (const [attribute, value] of Object.entries(shape)) expect(valueBytes(exemplar(value)), `${name}.${attribute}`).toBe(shapeBytes(value));
    }
  });

  it('raising a bound without room fails: 50 materials per item, as before, would not fit', () => {
    const aggregate = (sizes: ReturnType<typeof worstCaseItemSizes>) => sizes.find((w) => w.item === 'Onboarding aggregate')!.bytes;
    const before = worstCaseItemSizes({ materialsPerItem: 50, materialsPerAnalysis: 25 * 50 });
    expect(aggregate(before)).toBeGreaterThan(WRITE_LIMIT_BYTES);
    expect(aggregate(before)).toBeGreaterThan(aggregate(worstCaseItemSizes()));
  });

  it('every stage allows at most the change requests the aggregate has room for', () => {
    for (const stage of [...Object.values(STAGE_DEFAULTS), LOCAL_STAGE]) expect(stage.policy.maxRevisions).toBeLessThanOrEqual(COUNTS.changeRequests);
  });

  it('bounds checked outside the domain are the ones counted here', () => {
    expect(NAME_MAX_LENGTH).toBe(TEXT_BOUNDS.decisionName.chars);
    expect(COMMENT_MAX_LENGTH).toBe(TEXT_BOUNDS.decisionComment.chars);
    expect(FEEDBACK_COMMENT_MAX_LENGTH).toBe(TEXT_BOUNDS.feedbackComment.chars);
  });
});

/** docs/limits.md's generated tables, kept in step with size-budget.ts. */
describe('docs/limits.md', () => {
  const doc = readFileSync(LIMITS_DOC_PATH, 'utf8');
  const inDoc = limitsSectionsIn(doc);
  const rendered = renderLimitsSections();

  it('has each generated section once, and no other', () => {
    expect([...inDoc.keys()]).toEqual([...LIMITS_SECTION_NAMES]);
    expect(doc.match(/<!-- generated:/g)).toHaveLength(LIMITS_SECTION_NAMES.length);
  });

  it.each(LIMITS_SECTION_NAMES)('section "%s" is what size-budget.ts says now', (name) => {
    expect(inDoc.get(name), `docs/limits.md's generated section "${name}" is out of date: run \`npm run docs\``).toBe(rendered[name]);
  });

  it('is linked from the README', () => {
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain('](docs/limits.md)');
  });
});
