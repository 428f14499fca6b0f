import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { requireTls, SmtpMailer } from './smtp-mailer';

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

/** What an authenticating SMTP server saw: each login (and whether it came over TLS) and each mail's sender. */
interface Seen {
  logins: { username: string; password: string; secure: boolean }[];
  mails: string[];
}

/**
 * An SMTP server that takes logins, over STARTTLS (smtp-server's own self-signed certificate) or, with `offerTls`
 * false, only in clear.
 */
async function authenticatingServer(offerTls: boolean): Promise<{ server: SMTPServer; port: number; seen: Seen }> {
  const seen: Seen = { logins: [], mails: [] };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: offerTls ? [] : ['STARTTLS'],
    allowInsecureAuth: !offerTls,
    onAuth: (auth, session, callback) => {
      seen.logins.push({ username: auth.username ?? '', password: auth.password ?? '', secure: session.secure });
      callback(null, { user: auth.username });
    },
    onData: (stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        seen.mails.push(session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as { port: number }).port, seen };
}

const MAIL = { to: 'a@test.example', subject: 'Reset your password', text: 'https://shop.example/reset#token', html: '<p>Reset</p>' };

describe('SmtpMailer', () => {
  it('never sends credentials to a server that offers no STARTTLS', async () => {
    const { server, port, seen } = await authenticatingServer(false);
    try {
      const mailer = new SmtpMailer(`smtp://shop:secret@127.0.0.1:${port}`, 'shop@test.example');
      await expect(mailer.send(MAIL, new AbortController().signal)).rejects.toThrow(/STARTTLS/);
      expect(seen).toEqual({ logins: [], mails: [] });
    } finally {
      server.close();
    }
  });

  it('upgrades to TLS before it logs in, when the server offers it', async () => {
    const { server, port, seen } = await authenticatingServer(true);
    try {
      // The test server's certificate is self-signed; a production URL leaves verification on.
      const mailer = new SmtpMailer(`smtp://shop:secret@127.0.0.1:${port}?tls.rejectUnauthorized=false`, 'shop@test.example');
      await mailer.send(MAIL, new AbortController().signal);
      expect(seen).toEqual({ logins: [{ username: 'shop', password: 'secret', secure: true }], mails: ['shop@test.example'] });
    } finally {
      server.close();
    }
  });

  it("logs in without TLS only when the URL says requireTLS=false", async () => {
    const { server, port, seen } = await authenticatingServer(false);
    try {
      const mailer = new SmtpMailer(`smtp://shop:secret@127.0.0.1:${port}?requireTLS=false`, 'shop@test.example');
      await mailer.send(MAIL, new AbortController().signal);
      expect(seen).toEqual({ logins: [{ username: 'shop', password: 'secret', secure: false }], mails: ['shop@test.example'] });
    } finally {
      server.close();
    }
  });

  it('requires TLS over smtp:// with credentials, unless the URL says how to use TLS', () => {
    expect(requireTls('smtp://shop:secret@mail.example.com:587')).toBe(true);
    expect(requireTls('smtp://:secret@mail.example.com:587')).toBe(true);
    expect(requireTls('smtp://shop@mail.example.com:587')).toBe(true);
    expect(requireTls('smtp://relay.internal:25')).toBe(false);
    // Implicit TLS: the connection is encrypted before anything is said.
    expect(requireTls('smtps://shop:secret@mail.example.com:465')).toBe(false);
    // The URL's own choice stands (nodemailer reads it after the mailer's options; requireTLS would override ignoreTLS).
    expect(requireTls('smtp://shop:secret@relay.internal:25?ignoreTLS=true')).toBe(false);
    expect(requireTls('smtp://shop:secret@relay.internal:25?requireTLS=false')).toBe(false);
  });

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
