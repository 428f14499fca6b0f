import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'items[0].quantity', maxLength: 200 })
  field: string;

  @ApiProperty({ example: 'items[0].quantity must not be less than 1', maxLength: 500 })
  message: string;
}

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDto {
  @ApiProperty({ example: 'https://commerce-backend.dev/problems/validation-failed', format: 'uri-reference', maxLength: 200, description: 'A URI identifying the problem type; `about:blank` for plain HTTP statuses.' })
  type: string;

  @ApiProperty({ example: 'Validation failed', maxLength: 200 })
  title: string;

  @ApiProperty({ type: 'integer', example: 400, minimum: 400, maximum: 599 })
  status: number;

  @ApiProperty({ example: 'The request is invalid; see errors for each field.', maxLength: 1000 })
  detail: string;

  @ApiProperty({ example: '/api/v1/orders', format: 'uri-reference', maxLength: 2048 })
  instance: string;

  @ApiProperty({ example: '01937c5e-8a4b-7cde-9f01-23456789abcd', pattern: '^[A-Za-z0-9._:-]{1,128}$', maxLength: 128, description: 'The request id; also in the x-request-id header and every log line.' })
  traceId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], maxItems: 1000, description: 'One entry per invalid field (validation errors only).' })
  errors?: FieldErrorDto[];

  // The members a client acts on, beside the standard ones, each on the problems named.
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'The transaction concerned: the declined payment (402), the failed call (502), the one left pending (504).' })
  transactionId?: string;

  @ApiPropertyOptional({ example: 'card_declined', maxLength: 64, pattern: '^[a-z_]{1,64}$', description: 'Why the processor declined the payment (402).' })
  failureCode?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'uuid', maxLength: 36 }, maxItems: 50, description: 'The products short of stock (409 out-of-stock) or not on sale (422).' })
  productIds?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, type: 'integer', description: 'Minor units still refundable (409 refund-exceeds-paid-amount).' })
  refundableAmount?: number;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'The order whose status refuses the transition (409 illegal-order-transition).' })
  orderId?: string;

  @ApiPropertyOptional({ example: 'paid', maxLength: 32, pattern: '^[a-z_]{1,32}$', description: 'Its status now (409 illegal-order-transition).' })
  currentStatus?: string;

  @ApiPropertyOptional({ example: 'cancelled', maxLength: 32, pattern: '^[a-z_]{1,32}$', description: 'The status asked for (409 illegal-order-transition).' })
  requestedStatus?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 86_400, type: 'integer', description: 'Seconds to wait, as Retry-After says (429 account-locked and the like).' })
  retryAfterSeconds?: number;
}
