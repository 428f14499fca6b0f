import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { type WebhookRequest, type WebhookResponse, WebhookSender } from '../../application/webhooks/webhook-sender';
import { KEPT_RESPONSE_BYTES } from '../../domain/webhooks/webhook-delivery';
import type { DestinationGuard } from './destination-guard';
import { signatureHeader } from './standard-webhooks-signature';

const MAX_ERROR_LENGTH = 300;

/**
 * POSTs a delivery with node:http(s): no connection reuse, no redirect followed (a 3xx is an answer like any other
 * non-2xx, retried), one deadline for the whole attempt (DNS, connect, TLS, answer), the receiver's body read up to
 * KEPT_RESPONSE_BYTES and the connection then dropped, and every address connected to judged by the guard.
 */
export class HttpWebhookSender extends WebhookSender {
  constructor(
    private readonly guard: DestinationGuard,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  async send(request: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const url = new URL(request.url);
      this.guard.checkLiteral(url.hostname);
      const timestamp = Math.floor(request.timestamp.getTime() / 1000);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'commerce-backend-webhooks/1',
        'webhook-id': request.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(request.id, timestamp, request.body, request.secrets),
      };
      const { status, body } = await this.post(url, headers, request.body);
      return { status, body, error: null, durationMs: elapsed() };
    } catch (error) {
      return { status: null, body: null, error: this.describe(error), durationMs: elapsed() };
    }
  }

  private post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = send(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: false,
          lookup: this.guard.lookup,
          signal: AbortSignal.timeout(this.timeoutMs),
        },
        (response) => readCapped(response).then((text) => resolve({ status: response.statusCode ?? 0, body: text })),
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  private describe(error: unknown): string {
    const { name, code, message } = error as { name?: string; code?: string; message?: string };
    if (name === 'AbortError' || name === 'TimeoutError') return `No answer within ${this.timeoutMs} ms`;
    if (code === 'ECONNREFUSED') return 'Connection refused';
    if (code === 'ENOTFOUND') return 'Host not found';
    return (code && !message?.includes(code) ? `${code}: ${message}` : (message ?? String(error))).slice(0, MAX_ERROR_LENGTH);
  }
}

/**
 * The first KEPT_RESPONSE_BYTES of the answer, then the connection is dropped: a receiver that streams without end,
 * or breaks off, still leaves its status and what it sent. NUL characters, which PostgreSQL's text refuses, become
 * U+FFFD like any invalid UTF-8.
 */
function readCapped(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, KEPT_RESPONSE_BYTES).toString('utf8').replaceAll('\u0000', '\uFFFD'));
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= KEPT_RESPONSE_BYTES) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  });
}
