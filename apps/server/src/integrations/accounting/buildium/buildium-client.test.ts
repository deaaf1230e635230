import { describe, expect, it } from 'vitest';
import { createBuildiumClient, errorMessageOf, retryWaitMs } from './buildium-client.ts';

describe('retryWaitMs', () => {
  it('reads seconds or a date and caps the wait', () => {
    const now = Date.parse('2026-05-01T12:00:00Z');
    expect(retryWaitMs('2', 10_000, now)).toBe(2_000);
    expect(retryWaitMs('120', 10_000, now)).toBe(10_000);
    expect(retryWaitMs('Fri, 01 May 2026 12:00:03 GMT', 10_000, now)).toBe(3_000);
    expect(retryWaitMs('Fri, 01 May 2026 11:00:00 GMT', 10_000, now)).toBe(0);
    expect(retryWaitMs(null, 10_000, now)).toBe(1_000);
    expect(retryWaitMs('soon', 500, now)).toBe(500);
  });
});

describe('errorMessageOf', () => {
  it('joins the user message and the field errors', () => {
    expect(errorMessageOf('{"UserMessage":"Bad request.","Errors":[{"Key":"Date","Value":"Date is required"},{"Message":"Lines are required"}]}')).toBe(
      'Bad request. (Date: Date is required; Lines are required)',
    );
    expect(errorMessageOf('{"Errors":[{"Key":"limit","Value":"too big"}]}')).toBe('limit: too big');
    expect(errorMessageOf('{"Message":"Gateway says no"}')).toBe('Gateway says no');
    expect(errorMessageOf('<html>Bad Gateway</html>')).toBe('<html>Bad Gateway</html>');
    expect(errorMessageOf('')).toBeNull();
  });
});

describe('createBuildiumClient', () => {
  it('sends the key headers, joins the base URL and pages with offset and limit', async () => {
    const seen: { url: string; headers: Headers }[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), headers: new Headers(init?.headers) });
      const offset = Number(new URL(String(input)).searchParams.get('offset'));
      return Response.json(offset < 4 ? [offset + 1, offset + 2] : [offset + 1]);
    };
    const client = createBuildiumClient({ baseUrl: 'https://api.example.test/', clientId: 'id', clientSecret: 'secret', pageSize: 2 }, fakeFetch);
    expect(await client.getAll('/v1/rentals')).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((request) => request.url)).toEqual([
      'https://api.example.test/v1/rentals?offset=0&limit=2',
      'https://api.example.test/v1/rentals?offset=2&limit=2',
      'https://api.example.test/v1/rentals?offset=4&limit=2',
    ]);
    expect(seen[0]?.headers.get('x-buildium-client-id')).toBe('id');
    expect(seen[0]?.headers.get('x-buildium-client-secret')).toBe('secret');
  });

  it('never asks for more than 1000 items a page', async () => {
    const urls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      urls.push(String(input));
      return Response.json([]);
    };
    await createBuildiumClient({ baseUrl: 'https://api.example.test', clientId: 'id', clientSecret: 's', pageSize: 5000 }, fakeFetch).getAll('/v1/leases');
    expect(urls).toEqual(['https://api.example.test/v1/leases?offset=0&limit=1000']);
  });

  it('does not repeat a payment answered 503, which may have been recorded', async () => {
    let calls = 0;
    const fakeFetch: typeof fetch = async () => {
      calls += 1;
      return new Response('{"UserMessage":"Busy"}', { status: 503, headers: { 'retry-after': '0' } });
    };
    const client = createBuildiumClient({ baseUrl: 'https://api.example.test', clientId: 'id', clientSecret: 's' }, fakeFetch);
    await expect(client.post('/v1/leases/1/payments', {})).rejects.toMatchObject({ message: 'Buildium answered HTTP 503: Busy', retryable: true });
    expect(calls).toBe(1);
  });

  it('turns a refused connection into a retryable error', async () => {
    const fakeFetch: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const client = createBuildiumClient({ baseUrl: 'https://api.example.test', clientId: 'id', clientSecret: 's' }, fakeFetch);
    await expect(client.get('/v1/rentals')).rejects.toMatchObject({ message: 'Could not reach Buildium: fetch failed', retryable: true });
  });
});
