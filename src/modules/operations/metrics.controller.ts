import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../shared/public.decorator';

@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string', maxLength: 10_000_000 } } } })
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics: requests by route and status, pool, process',
    description: 'Prometheus text format: request counts and durations by route and status, database pool use, process and event-loop figures.',
  })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
