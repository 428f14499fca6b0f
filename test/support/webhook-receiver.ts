import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How the receiver answers one request: a status, a body, and optionally a delay before it answers. */
export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * A real HTTP server on loopback that records every request and answers as the test says (200 by default), so
 * deliveries travel through a socket exactly as they would to an integrator.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly answers = new Map<string, (request: ReceivedWebhook) => Answer>();

  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = { path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.received.push(received);
      const answer = this.answers.get(received.path) ?? ((): Answer => ({ status: 200, body: 'ok' }));
      const { status, body = '', headers = {}, delayMs = 0 } = answer(received);
      const timer = setTimeout(() => response.writeHead(status, headers).end(body), delayMs);
      response.on('close', () => clearTimeout(timer));
    });
  });

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((listening) => receiver.server.listen(0, '127.0.0.1', listening));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  /** What was POSTed to `path`, in order. */
  at(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  /** How requests to `path` are answered from now on (200 "ok" until told). */
  answerAt(path: string, answer: (request: ReceivedWebhook) => Answer): void {
    this.answers.set(path, answer);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((closed) => this.server.close(() => closed()));
  }
}

/**
 * Verifies a received webhook with the reference implementation of Standard Webhooks (npm `standardwebhooks`):
 * throws unless one of its signatures is `secret`'s over its id, timestamp and body, with a fresh timestamp.
 */
export function verifiedPayload(secret: string, webhook: ReceivedWebhook): { type: string; timestamp: string; data: Record<string, any> } {
  const headers = Object.fromEntries(Object.entries(webhook.headers).map(([name, value]) => [name, String(value)]));
  return new Webhook(secret).verify(webhook.body, headers) as { type: string; timestamp: string; data: Record<string, any> };
}
