import { describe, expect, it } from 'vitest';
import { toApiGateway } from '../../../src/entrypoints/lambda/api-gateway.ts';

describe('toApiGateway', () => {
  it('sends a plain-text answer (Meta\u2019s hub.challenge) as it is, and everything else as JSON', () => {
    expect(toApiGateway({ status: 200, body: '1158201444', headers: { 'content-type': 'text/plain; charset=utf-8' } })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: '1158201444',
    });
    expect(toApiGateway({ status: 403, body: { error: 'forbidden' } })).toEqual({
      statusCode: 403,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"error":"forbidden"}',
    });
    expect(toApiGateway({ status: 200, body: 'a string' }).body).toBe('"a string"');
  });
});
