/** Why the server could not listen, said in the settings an operator changes (PORT or HOST, not a socket's errno); undefined when no setting explains it. */
export function listenFailure(error: unknown, host: string, port: number): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `PORT ${port}: another process already listens there (HOST ${host}).`;
    case 'EACCES':
      return `PORT ${port}: this process may not listen on it (ports below 1024 need privileges).`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host}: not an address of this machine.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST ${host}: the name does not resolve to an address.`;
    default:
      return undefined;
  }
}
