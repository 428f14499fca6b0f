import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { Draining } from '../../infrastructure/http/draining';
import { MetricsController } from './metrics.controller';

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController, MetricsController], providers: [Draining] })
export class OperationsModule {}
