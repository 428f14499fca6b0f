import { MikroORM } from '@mikro-orm/core';
import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, MikroOrmHealthIndicator } from '@nestjs/terminus';
import { Draining } from '../../infrastructure/http/draining';
import { ApiProblems } from '../shared/api-problems.decorator';
import { Public } from '../shared/public.decorator';
import { LivenessDto, ReadinessDto } from './health.dto';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly orm: MikroORM,
    private readonly draining: Draining,
  ) {}

  @Get('live')
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'The process is up',
    description: 'Answers 200 as long as the process serves requests; it checks no dependency. For liveness probes.',
  })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Header('cache-control', 'no-cache, no-store, must-revalidate')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'The database answers; 503 when it does not, or the instance is shutting down',
    description:
      'Runs a query on the database: 200 when it answers, 503 when it does not, and 503 from the moment the instance is asked to stop (it still serves requests until it closes). For readiness probes and load balancers.',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiProblems(503)
  ready() {
    if (this.draining.active) throw new ServiceUnavailableException('The instance is shutting down.');
    // The connection is handed in: left to find it, the indicator imports @mikro-orm/core dynamically and looks
    // MikroORM up in the module graph on every check.
    const connection = this.orm.em.getConnection();
    return this.health.check([() => this.database.pingCheck('database', { connection, timeout: 1_500 })]);
  }
}
