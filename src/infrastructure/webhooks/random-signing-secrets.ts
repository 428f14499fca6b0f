import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SigningSecrets } from '../../application/webhooks/signing-secrets';
import { SIGNING_SECRET_PREFIX, type SigningSecret } from '../../domain/webhooks/webhook-endpoint';

/** 32 random bytes (the Standard Webhooks range is 24 to 64), as `whsec_` + base64. */
@Injectable()
export class RandomSigningSecrets extends SigningSecrets {
  generate(): SigningSecret {
    return `${SIGNING_SECRET_PREFIX}${randomBytes(32).toString('base64')}` as SigningSecret;
  }
}
