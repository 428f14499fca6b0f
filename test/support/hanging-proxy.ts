import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server that a test can make hang, as a database behind a failed network does: the
 * connections it had go silent and new ones are accepted and never answered.
 */
export class HangingProxy {
  private hanging = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static start(targetPort: number): Promise<HangingProxy> {
    let proxy: HangingProxy;
    const server = createServer((client) => {
      proxy.track(client);
      if (proxy.hanging) return;
      const upstream = proxy.track(connect(targetPort, '127.0.0.1'));
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        proxy = new HangingProxy(server, (server.address() as { port: number }).port);
        resolve(proxy);
      }),
    );
  }

  /** From now on nothing goes through: open connections stop forwarding, new ones are held unanswered. */
  hang(): void {
    this.hanging = true;
    for (const socket of this.sockets) socket.unpipe();
    for (const socket of this.sockets) socket.pause();
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => undefined).on('close', () => this.sockets.delete(socket));
    return socket;
  }
}
