import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

export class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';
}

/** The dependencies a readiness check looked at, by name: only the database for now. */
export class DependenciesDto {
  @ApiProperty({ required: false, type: DependencyStatusDto })
  database?: DependencyStatusDto;
}

/** @nestjs/terminus's report: `details` names each dependency checked, `info` the healthy and `error` the failing ones. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ type: DependenciesDto })
  info: DependenciesDto;

  @ApiProperty({ type: DependenciesDto })
  error: DependenciesDto;

  @ApiProperty({ type: DependenciesDto })
  details: DependenciesDto;
}
