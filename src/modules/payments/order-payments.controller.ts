import { Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PayOrder } from '../../application/payments/pay-order';
import { RefundOrder } from '../../application/payments/refund-order';
import type { Actor } from '../../application/shared/actor';
import { AdminOnly, RequiresRole } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { CurrentActor } from '../shared/current-actor.decorator';
import { Idempotent } from '../shared/idempotent.decorator';
import { PathId } from '../shared/path-id.decorator';
import { RequestKey } from '../shared/request-key.decorator';
import { Body } from '../shared/validated-input';
import { PayOrderDto } from './dto/pay-order.dto';
import { RefundOrderDto } from './dto/refund-order.dto';
import { TransactionDto } from './dto/transaction.dto';

@ApiTags('payments')
@Controller('orders/:id')
export class OrderPaymentsController {
  constructor(
    private readonly payOrder: PayOrder,
    private readonly refundOrder: RefundOrder,
  ) {}

  @Post('payments')
  @RequiresRole('customer')
  @Idempotent()
  @ApiOperation({
    operationId: 'payOrder',
    summary: 'Charge the order total through the payment gateway',
    description:
      'Declined: 402 with the failed transactionId; the order stays payable. Gateway error: 502, nothing charged. ' +
      'An order already paid or cancelled, or past its payment deadline (even before expiry has cancelled it): 409. ' +
      'No answer from the gateway in time: 504 with the transactionId, which stays pending until reconciliation settles it; the same 504 is replayed for the key.',
  })
  @ApiCreatedResponse({ type: TransactionDto, description: 'The succeeded payment; the order is now paid.' })
  @ApiProblems(402, 403, 404, 413, 415, 502, 504)
  async pay(@CurrentActor() actor: Actor, @PathId() orderId: string, @Body() body: PayOrderDto, @RequestKey() requestKey: string): Promise<TransactionDto> {
    return TransactionDto.from(await this.payOrder.execute(actor, { orderId, paymentMethod: body.paymentMethod, requestKey }));
  }

  @Post('refunds')
  @AdminOnly()
  @Idempotent()
  @ApiOperation({
    operationId: 'refundOrder',
    summary: 'Refund part or all of a paid order',
    description:
      'Refunds never add up to more than the paid amount (409). When they reach it, the order becomes refunded. ' +
      'Gateway error or refusal: 502, nothing refunded. No answer from the gateway in time: 504 with the transactionId, settled later by reconciliation; the same 504 is replayed for the key.',
  })
  @ApiCreatedResponse({ type: TransactionDto, description: 'The succeeded refund transaction.' })
  @ApiProblems(404, 413, 415, 502, 504)
  async refund(@PathId() orderId: string, @Body() body: RefundOrderDto, @RequestKey() requestKey: string): Promise<TransactionDto> {
    return TransactionDto.from(await this.refundOrder.execute({ orderId, amount: body.amount, reason: body.reason, requestKey }));
  }
}
