import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

export class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';
}

/** @nestjs/terminus's report: `details` names each dependency checked. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' } })
  info: Record<string, DependencyStatusDto>;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' } })
  error: Record<string, DependencyStatusDto>;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' } })
  details: Record<string, DependencyStatusDto>;
}
