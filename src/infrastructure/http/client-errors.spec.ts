import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import { answerClientError } from './client-errors';

/** A socket that records what is written to it. */
const socket = (state: { destroyed?: boolean; writable?: boolean } = {}) => {
  const written: string[] = [];
  const fake = { destroyed: false, writable: true, ...state, write: (text: string) => written.push(text), destroy: jest.fn() };
  return { fake: fake as unknown as Socket & { destroy: jest.Mock }, written };
};

const clientError = (code: string, rawPacket?: Buffer) => Object.assign(new Error(code), { code, bytesParsed: 0, rawPacket }) as unknown as ConnectionError;

/** The status line, headers and problem document of what was written. */
const parsed = (written: string[]) => {
  const [head, body] = written.join('').split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  return { statusLine, headers: Object.fromEntries(lines.map((line) => line.split(': '))), problem: JSON.parse(body) };
};

describe('answerClientError', () => {
  it('answers a request that did not arrive in time with a 408 problem and closes the connection', () => {
    const { fake, written } = socket();
    answerClientError(clientError('ERR_HTTP_REQUEST_TIMEOUT'), fake);
    const { statusLine, headers, problem } = parsed(written);
    expect(statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(headers).toMatchObject({ 'content-type': 'application/problem+json; charset=utf-8', connection: 'close', 'x-content-type-options': 'nosniff' });
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Request Timeout',
      status: 408,
      detail: 'The request did not arrive in time.',
      instance: '/',
      traceId: headers['x-request-id'],
    });
    expect(Number(headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(problem)));
    expect(fake.destroy).toHaveBeenCalled();
  });

  it('names the path of the request line it could read', () => {
    const { fake, written } = socket();
    answerClientError(clientError('HPE_HEADER_OVERFLOW', Buffer.from('GET /api/v1/products?search=x HTTP/1.1\r\nX-Big: aaaa')), fake);
    expect(parsed(written).problem).toMatchObject({ status: 431, instance: '/api/v1/products' });
  });

  it('answers anything else the parser refuses with a 400 problem', () => {
    const { fake, written } = socket();
    answerClientError(clientError('HPE_INVALID_METHOD', Buffer.from('NOT HTTP')), fake);
    expect(parsed(written).problem).toMatchObject({ status: 400, title: 'Bad Request', detail: 'The request is invalid.', instance: '/' });
  });

  it('writes nothing on a connection that is gone', () => {
    const reset = socket();
    answerClientError(clientError('ECONNRESET'), reset.fake);
    const closed = socket({ writable: false });
    answerClientError(clientError('ERR_HTTP_REQUEST_TIMEOUT'), closed.fake);
    expect([...reset.written, ...closed.written]).toEqual([]);
    expect(closed.fake.destroy).toHaveBeenCalled();
  });
});
