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

  @ApiProperty({ example: 400, minimum: 400, maximum: 599 })
  status: number;

  @ApiProperty({ example: 'The request is invalid; see errors for each field.', maxLength: 1000 })
  detail: string;

  @ApiProperty({ example: '/api/v1/orders', format: 'uri-reference', maxLength: 2048 })
  instance: string;

  @ApiProperty({ example: '01937c5e-8a4b-7cde-9f01-23456789abcd', pattern: '^[A-Za-z0-9._:-]{1,128}$', maxLength: 128, description: 'The request id; also in the x-request-id header and every log line.' })
  traceId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], maxItems: 1000, description: 'One entry per invalid field (validation errors only).' })
  errors?: FieldErrorDto[];
}
