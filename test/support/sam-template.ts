import { readFileSync } from 'node:fs';
import { parse, type ScalarTag } from 'yaml';

/** CloudFormation's short-form functions, read as plain values (`!Ref X` as `{ Ref: 'X' }`) so that the template can be read offline. */
const CLOUDFORMATION_TAGS: ScalarTag[] = [
  'Ref',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Equals',
  'Select',
  'Split',
  'ImportValue',
  'FindInMap',
].map((name) => ({
  tag: `!${name}`,
  resolve: (value: string) => ({ [name]: value }),
}));

export interface SamResource {
  Type: string;
  Properties: Record<string, unknown>;
}

export interface SamTemplate {
  Globals: { Function: Record<string, unknown> };
  Resources: Record<string, SamResource>;
  Parameters: Record<string, { NoEcho?: boolean; Default?: unknown; AllowedValues?: string[] }>;
}

/** deploy/template.yaml as data. */
export function readSamTemplate(): SamTemplate {
  return parse(readFileSync('deploy/template.yaml', 'utf8'), { customTags: CLOUDFORMATION_TAGS }) as SamTemplate;
}
