import { escapeHtml, html } from './html';
import { formatMoney } from './money';
import { shopTemplates } from './shop-templates';

const context = { publicAppUrl: 'https://shop.example.com', tokenOf: (id: string) => `token-of-${id}` };
const orderId = '0190c0de-0000-7000-8000-000000000001';

describe('mail templates', () => {
  it('escape every character that could open markup or leave an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(html`<p title="${'"&'}">${'<b>'}</p>`.markup).toBe('<p title="&quot;&amp;">&lt;b&gt;</p>');
    expect(html`<ul>${['<i>', html`<li>${'&'}</li>`]}</ul>`.markup).toBe('<ul>&lt;i&gt;<li>&amp;</li></ul>');
  });

  it('format integer minor units with the currency', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
  });

  describe('the receipt', () => {
    const receipt = shopTemplates['order-receipt'](
      {
        orderId,
        lines: [
          { name: '<script>alert(1)</script>', quantity: 2, unitPrice: 1999, lineTotal: 3998 },
          { name: 'Salt "&" Pepper', quantity: 1, unitPrice: 500, lineTotal: 500 },
        ],
        totalAmount: 4498,
        currency: 'USD',
      },
      context,
    );

    it('lists every line with quantity, unit price and line total, and the order total, in text and HTML', () => {
      expect(receipt.subject).toBe(`Your order ${orderId}`);
      expect(receipt.text).toContain('2 x <script>alert(1)</script> at $19.99 = $39.98');
      expect(receipt.text).toContain('1 x Salt "&" Pepper at $5.00 = $5.00');
      expect(receipt.text).toContain('Total: $44.98');
      expect(receipt.html).toContain('>$39.98</td>');
      expect(receipt.html).toContain('>$44.98</th>');
    });

    it('escapes product names in the HTML part', () => {
      expect(receipt.html).not.toContain('<script>');
      expect(receipt.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(receipt.html).toContain('Salt &quot;&amp;&quot; Pepper');
    });

    it('links to the order in the frontend', () => {
      expect(receipt.text).toContain(`https://shop.example.com/orders/${orderId}`);
      expect(receipt.html).toContain(`<a href="https://shop.example.com/orders/${orderId}">`);
    });
  });

  it('say why a payment failed in words, and how much', () => {
    const failed = (failureCode: string) => shopTemplates['payment-failed']({ orderId, amount: 2500, currency: 'USD', failureCode }, context);
    expect(failed('card_declined').text).toContain(`Your payment of $25.00 for order ${orderId} failed. Your card was declined.`);
    expect(failed('insufficient_funds').html).toContain('Your card has insufficient funds.');
    expect(failed('something_new').text).toContain('Your payment was declined.');
  });

  it('give the amount of a payment and of a refund', () => {
    expect(shopTemplates['payment-succeeded']({ orderId, amount: 2500, currency: 'USD' }, context).text).toContain('payment of $25.00');
    const refund = shopTemplates['refund-issued']({ orderId, amount: 1000, currency: 'USD' }, context);
    expect(refund.subject).toBe(`Refund of $10.00 for order ${orderId}`);
    expect(refund.html).toContain('<strong>$10.00</strong>');
  });

  it('tell a customer their unpaid order was cancelled', () => {
    const expired = shopTemplates['order-expired']({ orderId }, context);
    expect(expired.subject).toBe(`Order ${orderId} was cancelled`);
    expect(expired.text).toContain('was not paid in time');
  });
});
