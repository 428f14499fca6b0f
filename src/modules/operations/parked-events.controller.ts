import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListParkedEvents } from '../../application/events/list-parked-events';
import { ReplayParkedEvent } from '../../application/events/replay-parked-event';
import { AdminOnly } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { decodeCursor, isUuid, pageDto } from '../shared/cursor';
import { NoBody } from '../shared/no-body.decorator';
import { PathId } from '../shared/path-id.decorator';
import { Query } from '../shared/validated-input';
import { ParkedEventDto, ParkedEventPageDto, ParkedEventQueryDto } from './parked-event.dto';

/** The events consumers gave up on (the audit log, mails, reports, webhooks), and their replay once mended. */
@ApiTags('operations')
@Controller('parked-events')
export class ParkedEventsController {
  constructor(
    private readonly listParked: ListParkedEvents,
    private readonly replayParked: ReplayParkedEvent,
  ) {}

  @Get()
  @AdminOnly()
  @ApiOperation({
    operationId: 'listParkedEvents',
    summary: 'Events a consumer gave up on, newest first',
    description:
      'A consumer that fails at an event is retried on EVENT_HANDLER_RETRY_SCHEDULE; after the last attempt the event is parked for ' +
      'that consumer alone (the others took it) and the events after it go on. Kept until replayed or EVENT_RETENTION_DAYS after. Keyset pagination.',
  })
  @ApiOkResponse({ type: ParkedEventPageDto })
  @ApiProblems(400)
  async list(@Query() query: ParkedEventQueryDto): Promise<ParkedEventPageDto> {
    const page = await this.listParked.execute({ limit: query.limit, after: decodeCursor(query.cursor, isUuid) }, query.consumer);
    return pageDto(page, ParkedEventDto.from);
  }

  @Post(':id/replay')
  @NoBody()
  @HttpCode(204)
  @AdminOnly()
  @ApiOperation({
    operationId: 'replayParkedEvent',
    summary: 'Hand a parked event to its consumer again, now',
    description:
      'One attempt, in this request, once whatever made the consumer fail is mended. 204: the consumer took it and it is no longer parked. ' +
      '409 `replay-failed`: it failed again and stays parked, its `lastError` updated; 409 `consumer-gone`: no such consumer is subscribed any more.',
  })
  @ApiNoContentResponse({ description: 'The consumer took the event.' })
  @ApiProblems(400, 404, 409)
  async replay(@PathId() id: string): Promise<void> {
    await this.replayParked.execute(id);
  }
}
