import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenApiContract } from './openapi-contract';

export interface Reply<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: T;
  text: string;
}

/** A problem's body without what differs per request (its traceId), to compare two refusals. */
export const withoutTrace = ({ traceId, ...rest }: Record<string, unknown>) => rest;

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A raw payload instead of JSON (malformed bodies, other content types). */
  payload?: string | Buffer;
}

/** Requests through Fastify's inject: the whole HTTP pipeline without a socket, each reply checked against the contract. */
export class HttpClient {
  constructor(
    private readonly app: NestFastifyApplication,
    /** Also for replies that came another way (a raw connection). */
    readonly contract: OpenApiContract,
  ) {}

  get<T = any>(url: string, options: RequestOptions = {}) {
    return this.request<T>('GET', url, undefined, options);
  }

  post<T = any>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', url, body, options);
  }

  patch<T = any>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', url, body, options);
  }

  delete<T = any>(url: string, options: RequestOptions = {}) {
    return this.request<T>('DELETE', url, undefined, options);
  }

  /** A `fetch` over the same pipeline, checked the same way, for fetch-based clients such as the generated one. */
  readonly fetch = async (request: Request): Promise<Response> => {
    const { pathname, search } = new URL(request.url);
    const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const method = request.method as 'GET' | 'POST' | 'PATCH' | 'DELETE';
    const response = await this.app.inject({ method, url: pathname + search, headers: Object.fromEntries(request.headers), payload });
    this.contract.check(method, pathname + search, response.statusCode, response.headers['content-type'] as string | undefined, response.body);
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(name, String(value));
    return new Response(response.statusCode === 204 ? null : response.rawPayload, { status: response.statusCode, headers });
  };

  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body: unknown, options: RequestOptions): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload = options.payload;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await this.app.inject({ method, url, headers, payload });
    const contentType = response.headers['content-type'] as string | undefined;
    this.contract.check(method, url, response.statusCode, contentType, response.body);
    const isJson = /json/.test(contentType ?? '') && response.body.length > 0;
    return { status: response.statusCode, headers: response.headers, body: isJson ? JSON.parse(response.body) : undefined, text: response.body };
  }
}
