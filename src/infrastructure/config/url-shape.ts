import { parse } from 'pg-connection-string';

/**
 * Whether `value` is a URL of one of `schemes` with a host, a port in range, and a user and password that decode:
 * what the drivers parse it with at start-up, so a mistake is named as the setting's here, not met as a stack trace
 * of the driver's (or as every mail failing later).
 */
export function isServiceUrl(value: unknown, schemes: readonly string[]): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    return schemes.includes(url.protocol.slice(0, -1)) && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL connection string as pg reads it (pg-connection-string, which also takes a socket directory as
 * `?host=`), naming a host and a database, its escapes well-formed (MikroORM decodes the user and password).
 */
export function isPostgresUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !/^postgres(ql)?:\/\//.test(value)) return false;
  try {
    decodeURIComponent(value);
    const { host, database } = parse(value);
    return Boolean(host) && Boolean(database);
  } catch {
    return false;
  }
}

/** A browser origin as the Origin header sends it: scheme, host and port, no path (`https://shop.example.com`). */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
