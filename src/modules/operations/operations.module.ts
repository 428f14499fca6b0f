import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ListParkedEvents } from '../../application/events/list-parked-events';
import { ReplayParkedEvent } from '../../application/events/replay-parked-event';
import { Draining } from '../../infrastructure/http/draining';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ParkedEventsController } from './parked-events.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController, ParkedEventsController],
  providers: [Draining, ListParkedEvents, ReplayParkedEvent],
})
export class OperationsModule {}
