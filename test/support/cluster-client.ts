import { someClientIp } from './service-processes';

export interface ClusterReply {
  status: number;
  body: any;
  instance: number;
}

export interface ClusterRequest {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Which instance answers; by default the next one, round robin. */
  instance?: number;
  /** The client address the instances see (they trust X-Forwarded-For); a new one per request by default. */
  ip?: string;
}

/** Real HTTP across several instances, as a load balancer would spread it: round robin unless told. */
export class ClusterClient {
  private next = 0;

  constructor(private readonly baseUrls: readonly string[]) {}

  async request(method: string, path: string, options: ClusterRequest = {}): Promise<ClusterReply> {
    const instance = options.instance ?? this.next++ % this.baseUrls.length;
    const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? someClientIp(), ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrls[instance]}/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, instance };
  }

  post = (path: string, body: unknown, options: Omit<ClusterRequest, 'body'> = {}) => this.request('POST', path, { ...options, body });
  get = (path: string, options: ClusterRequest = {}) => this.request('GET', path, options);

  async logIn(email: string, password: string): Promise<string> {
    const reply = await this.post('/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`login of ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.accessToken;
  }
}
