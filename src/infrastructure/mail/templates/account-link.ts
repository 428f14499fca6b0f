/** A page of the frontend that takes a mailed token (`token=`, URL-safe characters only). */
export const tokenUrl = (publicAppUrl: string, page: 'reset-password' | 'verify-email', token: string) =>
  `${publicAppUrl}/${page}?token=${encodeURIComponent(token)}`;

/** When a link stops working, as a reader sees it (UTC). */
export const expiry = (expiresAt: string) => `${expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
