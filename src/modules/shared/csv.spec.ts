import { csvField, wantsCsv } from './csv';

describe('csvField', () => {
  it('writes plain text and numbers as they are', () => {
    expect(csvField('Blue mug')).toBe('Blue mug');
    expect(csvField(1999)).toBe('1999');
    expect(csvField(0)).toBe('0');
  });

  it('quotes fields with a comma, quote or line break, doubling quotes (RFC 4180)', () => {
    expect(csvField('Mug, blue')).toBe('"Mug, blue"');
    expect(csvField('The "best" mug')).toBe('"The ""best"" mug"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+cmd|calc', `"'+1+cmd|calc"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['\uFF1DHYPERLINK("http://evil.example")', `"'\uFF1DHYPERLINK(""http://evil.example"")"`],
    ['\uFF0B1+1', `"'\uFF0B1+1"`],
    ['\uFF0D1+1', `"'\uFF0D1+1"`],
    ['\uFF20SUM(A1:A2)', `"'\uFF20SUM(A1:A2)"`],
  ])('neutralises text a spreadsheet would run as a formula: %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('keeps numbers numbers, a negative one included', () => {
    expect(csvField(-500)).toBe('-500');
    expect(csvField(-0.5)).toBe('-0.5');
  });

  it('leaves a formula character that does not start the text alone', () => {
    expect(csvField('A=B')).toBe('A=B');
    expect(csvField('MUG-1')).toBe('MUG-1');
  });
});

describe('wantsCsv', () => {
  it.each([
    ['text/csv', true],
    ['text/csv, application/json;q=0.5', true],
    ['application/json;q=0.1, text/csv', true],
    ['text/*', true],
    ['text/csv; charset=utf-8', true],
    ['text/csv;header=present;q=0.9, application/json;q=0.5', true],
    ['text/csv; charset=utf-8; q=0', false],
    ['application/json', false],
    ['text/csv;q=0', false],
    ['text/csv;q=0.2, application/json', false],
    ['*/*', false],
    ['text/html', false],
  ])('weighs Accept: %s', (accept, csv) => {
    expect(wantsCsv(accept)).toBe(csv);
  });

  it('answers JSON when nothing is asked for', () => {
    expect(wantsCsv(undefined)).toBe(false);
  });
});
