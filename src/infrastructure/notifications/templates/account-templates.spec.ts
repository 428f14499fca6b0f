import { accountTemplates } from './account-templates';

const context = { publicAppUrl: 'https://shop.example.com', tokenOf: (id: string) => `derived-${id}` };
const expiresAt = '2026-12-05T10:30:00.000Z';

describe('account mail templates', () => {
  it('link to the frontend with the token derived from the queued id, in text and HTML', () => {
    const reset = accountTemplates['password-reset']({ tokenId: 'abc', expiresAt }, context);
    expect(reset.text).toContain('https://shop.example.com/reset-password?token=derived-abc');
    expect(reset.html).toContain('href="https://shop.example.com/reset-password?token=derived-abc"');
    expect(reset.text).toContain('until 2026-12-05 10:30 UTC');

    const verification = accountTemplates['email-verification']({ tokenId: 'xyz', expiresAt }, context);
    expect(verification.html).toContain('https://shop.example.com/verify-email?token=derived-xyz');
    const change = accountTemplates['email-change-confirmation']({ tokenId: 'xyz', expiresAt, previousEmail: 'old@example.com' }, context);
    expect(change.text).toContain('https://shop.example.com/verify-email?token=derived-xyz');
    expect(change.text).toContain('old@example.com');
  });

  it('escape every value in the HTML', () => {
    const notice = accountTemplates['email-change-notice']({ newEmail: '"<b>"&x@example.com' }, context);
    expect(notice.html).toContain('&quot;&lt;b&gt;&quot;&amp;x@example.com');
    expect(notice.html).not.toContain('<b>"');
    expect(notice.text).toContain('"<b>"&x@example.com');
  });

  it('carry no link in the notices', () => {
    const changed = accountTemplates['password-changed']({}, context);
    expect(changed.subject).toBe('Your password was changed');
    expect(changed.text).not.toContain('token=');
  });
});
