import { connect } from 'node:net';

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * Writes bytes to the server's socket as they are and reads until the server closes the connection, for requests
 * that Node's HTTP parser refuses before Fastify (or `inject`) sees a request.
 */
export function rawExchange(port: number, request: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let failure: Error | undefined;
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may reset the connection after answering, when it did not read all that was sent.
    socket.on('error', (error) => (failure = error));
    socket.on('close', () => {
      if (chunks.length === 0) return reject(failure ?? new Error('the server closed the connection without answering'));
      resolve(parseRawReply(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

/** One HTTP/1.1 response as it came over the wire. */
export function parseRawReply(text: string): RawReply {
  const [head, ...rest] = text.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') };
}
