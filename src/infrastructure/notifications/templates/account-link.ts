import type { TemplateContext } from './mail-template';

/**
 * The link a token mail carries, to a page of the frontend that takes the token (`token=`, URL-safe characters
 * only), and until when it works, as a reader sees it (UTC).
 */
export function tokenLink(
  page: 'reset-password' | 'verify-email',
  params: { tokenId: string; expiresAt: string },
  { publicAppUrl, tokenOf }: TemplateContext,
): { url: string; until: string } {
  return {
    url: `${publicAppUrl}/${page}?token=${encodeURIComponent(tokenOf(params.tokenId))}`,
    until: `${params.expiresAt.slice(0, 16).replace('T', ' ')} UTC`,
  };
}
