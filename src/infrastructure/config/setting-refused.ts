/**
 * A start stopped for a setting's sake, said in the setting's own words (`PORT 3000: ...`, `NATS_URL: ...`): its
 * message is all an operator needs, so serve() prints that line alone. Any other failure is printed with its stack.
 */
export class SettingRefused extends Error {
  override readonly name = 'SettingRefused';
}
