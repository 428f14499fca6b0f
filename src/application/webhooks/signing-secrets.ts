/** New signing secrets: `whsec_` + base64 of random bytes (Standard Webhooks). */
export abstract class SigningSecrets {
  abstract generate(): string;
}
