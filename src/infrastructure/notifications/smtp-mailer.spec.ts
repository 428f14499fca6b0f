import { createServer, type Server, type Socket } from 'node:net';
import { SmtpMailer } from './smtp-mailer';

/**
 * An SMTP server that never finishes its greeting but is never silent either (a continuation line every 50 ms), so
 * none of nodemailer's idle timeouts ever fires: only the send's deadline ends it.
 */
async function dribblingServer(): Promise<{ server: Server; port: number; closed: Promise<void> }> {
  let closed!: () => void;
  const socketClosed = new Promise<void>((resolve) => (closed = resolve));
  const server = createServer((socket: Socket) => {
    const timer = setInterval(() => socket.write('220-still greeting\r\n'), 50);
    socket.on('close', () => {
      clearInterval(timer);
      closed();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, closed: socketClosed };
}

describe('SmtpMailer', () => {
  it('gives a send up at its deadline, dropping the connection, though the server never falls silent', async () => {
    const { server, port, closed } = await dribblingServer();
    try {
      const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'shop@test.example');
      const deadline = new AbortController();
      setTimeout(() => deadline.abort(new Error('Not sent within 0.3 s: abandoned')), 300);
      const started = Date.now();
      await expect(mailer.send({ to: 'a@test.example', subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' }, deadline.signal)).rejects.toThrow(
        'Not sent within 0.3 s: abandoned',
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      await closed;
    } finally {
      server.close();
    }
  });
});
