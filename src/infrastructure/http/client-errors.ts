import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemInstance } from './problem';
import { mapToProblem } from './problem-mapper';
import { API_HEADERS } from './security-headers';

const statusOfCode: Record<string, number> = {
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_OVERFLOW: 431,
};

/**
 * The request's path: from the request line when the bytes the parser refused (a Buffer, whatever the types say)
 * begin with one; for a request whose headers arrived but not its body in time, from the request Node made of them
 * (the response it attached to the socket; '/' should Node ever stop doing so).
 */
function pathOf(rawPacket: unknown, socket: Socket): string {
  const bytes = Buffer.isBuffer(rawPacket) ? rawPacket.subarray(0, 8192).toString('latin1') : '';
  const requestLine = /^[A-Z]+ (\/[^\s?#]*)/.exec(bytes);
  if (requestLine) return requestLine[1];
  const url = (socket as { _httpMessage?: { req?: { url?: string } } })._httpMessage?.req?.url;
  return url?.startsWith('/') ? url.split(/[?#]/)[0] : '/';
}

/**
 * Fastify's `clientErrorHandler`: Node refuses a request it cannot parse (400), whose request line and headers
 * exceed its limit (431) or that does not arrive in time (408) before Fastify sees a request. Fastify would write
 * a JSON body of its own on the socket; this writes the problem document every other error is.
 */
export function answerClientError(error: ConnectionError, socket: Socket): void {
  // A reset connection is gone: there is no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const traceId = randomUUID();
    const { problem } = mapToProblem({ statusCode: statusOfCode[error.code] ?? 400, code: error.code });
    const body = JSON.stringify({ ...problem, instance: problemInstance(pathOf(error.rawPacket, socket)), traceId });
    const headers = {
      ...API_HEADERS,
      'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
      'content-length': String(Buffer.byteLength(body)),
      'x-request-id': traceId,
      connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n${head}\r\n${body}`);
  }
  socket.destroy(error);
}
