import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeleteWebhookEndpoint } from '../../application/webhooks/delete-webhook-endpoint';
import { GetWebhookEndpoint } from '../../application/webhooks/get-webhook-endpoint';
import { ListWebhookDeliveries } from '../../application/webhooks/list-webhook-deliveries';
import { ListWebhookEndpoints } from '../../application/webhooks/list-webhook-endpoints';
import { RecoverFailedWebhookDeliveries } from '../../application/webhooks/recover-failed-webhook-deliveries';
import { RegisterWebhookEndpoint } from '../../application/webhooks/register-webhook-endpoint';
import { RetryWebhookDelivery } from '../../application/webhooks/retry-webhook-delivery';
import { RotateWebhookSecret } from '../../application/webhooks/rotate-webhook-secret';
import { SendTestWebhook } from '../../application/webhooks/send-test-webhook';
import { UpdateWebhookEndpoint } from '../../application/webhooks/update-webhook-endpoint';
import { AdminOnly } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { decodeCursor, isUuid, pageDto } from '../shared/cursor';
import { NoBody } from '../shared/no-body.decorator';
import { PageQueryDto } from '../shared/page-query.dto';
import { PathId } from '../shared/path-id.decorator';
import { Body, Query } from '../shared/validated-input';
import { CreateWebhookEndpointDto } from './dto/create-webhook-endpoint.dto';
import { RecoverWebhookDeliveriesDto, WebhookRecoveryDto } from './dto/recover-webhook-deliveries.dto';
import { UpdateWebhookEndpointDto } from './dto/update-webhook-endpoint.dto';
import { WebhookDeliveryDto, WebhookDeliveryPageDto } from './dto/webhook-delivery.dto';
import { WebhookEndpointDto, WebhookEndpointPageDto, WebhookEndpointWithSecretDto } from './dto/webhook-endpoint.dto';

/** Admins register where the shop's events are POSTed, signed as Standard Webhooks says, and follow the deliveries. */
@ApiTags('webhooks')
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly registerEndpoint: RegisterWebhookEndpoint,
    private readonly listEndpoints: ListWebhookEndpoints,
    private readonly getEndpoint: GetWebhookEndpoint,
    private readonly updateEndpoint: UpdateWebhookEndpoint,
    private readonly deleteEndpoint: DeleteWebhookEndpoint,
    private readonly rotateSecret: RotateWebhookSecret,
    private readonly sendTest: SendTestWebhook,
    private readonly listDeliveries: ListWebhookDeliveries,
    private readonly retryDelivery: RetryWebhookDelivery,
    private readonly recoverDeliveries: RecoverFailedWebhookDeliveries,
  ) {}

  @Post()
  @AdminOnly()
  @ApiOperation({
    operationId: 'createWebhookEndpoint',
    summary: 'Register a webhook endpoint; its signing secret is shown once',
    description:
      'Each event of a subscribed type is POSTed to `url` as `{ type, timestamp, data }` with the Standard Webhooks headers ' +
      '`webhook-id`, `webhook-timestamp` and `webhook-signature`. The URL must be https (unless WEBHOOK_ALLOW_HTTP) and resolve ' +
      'to a public address (unless WEBHOOK_ALLOW_PRIVATE_NETWORKS). The reply carries the signing `secret`: it is never shown again.',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems(400, 413, 415)
  async create(@Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    return WebhookEndpointWithSecretDto.withSecret(await this.registerEndpoint.execute(body));
  }

  @Get()
  @AdminOnly()
  @ApiOperation({
    operationId: 'listWebhookEndpoints',
    summary: 'Every webhook endpoint, newest first',
    description: 'Keyset pagination: pass `nextCursor` from the previous page as `cursor`. Secrets are never listed.',
  })
  @ApiOkResponse({ type: WebhookEndpointPageDto })
  @ApiProblems(400)
  async list(@Query() query: PageQueryDto): Promise<WebhookEndpointPageDto> {
    const page = await this.listEndpoints.execute({ limit: query.limit, after: decodeCursor(query.cursor, isUuid) });
    return pageDto(page, WebhookEndpointDto.from);
  }

  @Get(':id')
  @AdminOnly()
  @ApiOperation({ operationId: 'getWebhookEndpoint', summary: 'One webhook endpoint', description: 'With why it is disabled, if it is.' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(400, 404)
  async get(@PathId() id: string): Promise<WebhookEndpointDto> {
    return WebhookEndpointDto.from(await this.getEndpoint.execute(id));
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({
    operationId: 'updateWebhookEndpoint',
    summary: 'Change an endpoint\'s URL, events or description, or disable and enable it',
    description: 'A new URL is checked like a new endpoint\'s. Enabling a disabled endpoint resumes its waiting deliveries.',
  })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(400, 404, 413, 415)
  async update(@PathId() id: string, @Body() body: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return WebhookEndpointDto.from(await this.updateEndpoint.execute(id, body));
  }

  @Delete(':id')
  @NoBody()
  @HttpCode(204)
  @AdminOnly()
  @ApiOperation({ operationId: 'deleteWebhookEndpoint', summary: 'Remove an endpoint and its deliveries', description: 'Nothing more is sent to it.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 404)
  async remove(@PathId() id: string): Promise<void> {
    await this.deleteEndpoint.execute(id);
  }

  @Post(':id/rotate-secret')
  @NoBody()
  @AdminOnly()
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret; the old one keeps signing for 24 hours',
    description:
      'Shown once, in this reply. Every secret rotated away keeps signing for 24 hours after its rotation (the newest four at most), so a ' +
      'delivery carries one signature per secret that signs (space-separated) and receivers can switch without losing one.',
  })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems(400, 404)
  @HttpCode(200)
  async rotate(@PathId() id: string): Promise<WebhookEndpointWithSecretDto> {
    return WebhookEndpointWithSecretDto.withSecret(await this.rotateSecret.execute(id));
  }

  @Post(':id/test')
  @NoBody()
  @HttpCode(202)
  @AdminOnly()
  @ApiOperation({
    operationId: 'sendTestWebhook',
    summary: 'Send a webhook.test event to the endpoint',
    description: 'Queued at once and delivered, signed and retried like any event; follow it in the endpoint\'s deliveries. A disabled endpoint: 409.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiProblems(400, 404, 409)
  async test(@PathId() id: string): Promise<WebhookDeliveryDto> {
    return WebhookDeliveryDto.from(await this.sendTest.execute(id));
  }

  @Get(':id/deliveries')
  @AdminOnly()
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: 'An endpoint\'s deliveries, newest first',
    description: 'Each with its event, attempts, the last status, latency and answer (first 1 KiB), and when the next attempt is due. Keyset pagination.',
  })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiProblems(400, 404)
  async deliveries(@PathId() id: string, @Query() query: PageQueryDto): Promise<WebhookDeliveryPageDto> {
    const page = await this.listDeliveries.execute(id, { limit: query.limit, after: decodeCursor(query.cursor, isUuid) });
    return pageDto(page, WebhookDeliveryDto.from);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @NoBody()
  @HttpCode(202)
  @AdminOnly()
  @ApiOperation({
    operationId: 'retryWebhookDelivery',
    summary: 'One more attempt of a delivery, now',
    description:
      'Whatever its state, with the same `webhook-id`. One attempt: a failed or delivered delivery it does not deliver stays failed or delivered, and a pending one keeps its schedule: its next scheduled attempt stays due, and retries do not count against the attempts of the schedule. While an attempt is under way, or the endpoint is disabled: 409.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiProblems(400, 404, 409)
  async retry(@PathId() id: string, @PathId('deliveryId') deliveryId: string): Promise<WebhookDeliveryDto> {
    return WebhookDeliveryDto.from(await this.retryDelivery.execute(id, deliveryId));
  }

  @Post(':id/recover')
  @HttpCode(202)
  @AdminOnly()
  @ApiOperation({
    operationId: 'recoverWebhookDeliveries',
    summary: 'One more attempt of every delivery given up since an instant, after the receiver\'s outage',
    description:
      'Each delivery of the endpoint given up (failed) at or after `since` is attempted once more, with its `webhook-id`, as a retry of it would be: ' +
      'by the delivery job, falling due 10 ms apart, oldest first, so that a delivery queued meanwhile waits only behind those due before it; one it does not deliver ' +
      'is failed again. Follow them in the endpoint\'s deliveries. A disabled endpoint: 409 (enable it first); `since` later than now: 400.',
  })
  @ApiAcceptedResponse({ type: WebhookRecoveryDto })
  @ApiProblems(400, 404, 409, 413, 415)
  async recover(@PathId() id: string, @Body() body: RecoverWebhookDeliveriesDto): Promise<WebhookRecoveryDto> {
    return { recovered: await this.recoverDeliveries.execute(id, new Date(body.since)) };
  }
}
