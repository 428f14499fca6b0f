import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CancelOrder } from '../../application/ordering/cancel-order';
import { FulfilOrder } from '../../application/ordering/fulfil-order';
import { GetOrder } from '../../application/ordering/get-order';
import { ListOrders } from '../../application/ordering/list-orders';
import { orderView } from '../../application/ordering/order-views';
import { PlaceOrder } from '../../application/ordering/place-order';
import type { Actor } from '../../application/shared/actor';
import { AdminOnly, Authenticated, RequiresRole } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { CurrentActor } from '../shared/current-actor.decorator';
import { decodeCursor, isUuid, pageDto } from '../shared/cursor';
import { NoBody } from '../shared/no-body.decorator';
import { PathId } from '../shared/path-id.decorator';
import { Body, Query } from '../shared/validated-input';
import { OrderListQueryDto } from './dto/order-list-query.dto';
import { OrderDto, OrderPageDto } from './dto/order.dto';
import { PlaceOrderDto } from './dto/place-order.dto';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrder,
    private readonly listOrders: ListOrders,
    private readonly getOrder: GetOrder,
    private readonly cancelOrder: CancelOrder,
    private readonly fulfilOrder: FulfilOrder,
  ) {}

  @Post()
  @RequiresRole('customer')
  @ApiOperation({
    operationId: 'placeOrder',
    summary: 'Place an order; stock for every line is reserved at once, or none is',
    description:
      'Prices come from the catalogue. Unpaid orders are cancelled after the payment timeout and their stock released. ' +
      'A customer may hold MAX_OPEN_ORDERS orders awaiting payment within their deadline (409 beyond).',
  })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiProblems(400, 403, 409, 413, 415, 422)
  async place(@CurrentActor() actor: Actor, @Body() body: PlaceOrderDto): Promise<OrderDto> {
    return OrderDto.from(orderView(await this.placeOrder.execute(actor, body)));
  }

  @Get()
  @Authenticated()
  @ApiOperation({
    operationId: 'listOrders',
    summary: 'Orders, newest first: a customer\'s own, or all for admins',
    description: 'Customers see their own orders, admins every order. Filter by status; keyset pagination with `cursor`.',
  })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(400)
  async list(@CurrentActor() actor: Actor, @Query() query: OrderListQueryDto): Promise<OrderPageDto> {
    const page = await this.listOrders.execute(actor, {
      limit: query.limit,
      after: decodeCursor(query.cursor, isUuid),
      status: query.status,
      customerId: query.customerId,
    });
    return pageDto(page, OrderDto.from);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({
    operationId: 'getOrder',
    summary: 'One order (its owner or an admin)',
    description: 'Lines with the prices they were bought at, the total, the status and its timestamps. Someone else\'s order is a 404.',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 404)
  async get(@CurrentActor() actor: Actor, @PathId() id: string): Promise<OrderDto> {
    return OrderDto.from(orderView(await this.getOrder.execute(actor, id)));
  }

  @Post(':id/cancel')
  @NoBody()
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    operationId: 'cancelOrder',
    summary: 'Cancel an order awaiting payment; its stock is released',
    description: 'Only an order awaiting payment can be cancelled (409 otherwise), by its owner or an admin. Cancelling twice is a 409.',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 404, 409)
  async cancel(@CurrentActor() actor: Actor, @PathId() id: string): Promise<OrderDto> {
    return OrderDto.from(orderView(await this.cancelOrder.execute(actor, id)));
  }

  @Post(':id/fulfil')
  @NoBody()
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({
    operationId: 'fulfilOrder',
    summary: 'Mark a paid order as fulfilled',
    description: 'Admins only. Only a paid order can be fulfilled (409 otherwise).',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 404, 409)
  async fulfil(@PathId() id: string): Promise<OrderDto> {
    return OrderDto.from(orderView(await this.fulfilOrder.execute(id)));
  }
}
