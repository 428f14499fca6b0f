import { refusalOf } from './refused-addresses';

describe('the addresses a webhook may not reach', () => {
  it.each([
    '127.0.0.1', '127.5.5.5', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '::ffff:a9fe:a9fe', '64:ff9b::a00:1', '2001:db8::1', '::7f00:1', '::127.0.0.1', '::808:808', 'fec0::1', 'feff::1', '64:ff9b:1::a00:1',
    '64:ff9b:1:ffff::808:808', '::ffff:0:7f00:1', '::ffff:0:808:808', '2002:7f00:1::1', '2002:808:808::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    // the same prefixes spelled out or shortened otherwise, and the NAT64 addresses of 0.0.0.0/16
    '0:0:0:0:0:ffff:7f00:1', '0:0:0:0:0:FFFF:127.0.0.1', '64:ff9b:0:0:0:0:a00:1', '64:ff9b::1', '64:ff9b::', '64:FF9B::A9FE:A9FE', '::ffff:7f00:1%eth0',
  ])('refuses %s', (address) => {
    expect(refusalOf(address)).toMatch(/not a public address/);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::6810:84e5', '::ffff:8.8.8.8', '64:ff9b::808:808', '64:ff9b:2::1', '64:ff9b:0:0:0:0:808:808', '0:0:0:0:0:ffff:808:808'])('allows the public address %s', (address) => {
    expect(refusalOf(address)).toBeNull();
  });

  it('refuses what is not an IP address', () => {
    expect(refusalOf('localhost')).toMatch(/not an IP address/);
  });
});
