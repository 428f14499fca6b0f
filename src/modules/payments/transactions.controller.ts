import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetTransaction } from '../../application/payments/get-transaction';
import { ListTransactions } from '../../application/payments/list-transactions';
import type { Actor } from '../../application/shared/actor';
import { Authenticated } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { CurrentActor } from '../shared/current-actor.decorator';
import { decodeCursor, isUuid, pageDto } from '../shared/cursor';
import { PathId } from '../shared/path-id.decorator';
import { Query } from '../shared/validated-input';
import { TransactionListQueryDto } from './dto/transaction-list-query.dto';
import { TransactionDto, TransactionPageDto } from './dto/transaction.dto';

@ApiTags('payments')
@Authenticated()
@Controller('transactions')
export class TransactionsController {
  constructor(
    private readonly listTransactions: ListTransactions,
    private readonly getTransaction: GetTransaction,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listTransactions',
    summary: 'Money movements, newest first: one\'s own, or all for admins',
    description: 'Payments and refunds with their status. Customers see their own, admins all. Keyset pagination with `cursor`.',
  })
  @ApiOkResponse({ type: TransactionPageDto })
  @ApiProblems(400)
  async list(@CurrentActor() actor: Actor, @Query() query: TransactionListQueryDto): Promise<TransactionPageDto> {
    const page = await this.listTransactions.execute(actor, {
      limit: query.limit,
      after: decodeCursor(query.cursor, isUuid),
      orderId: query.orderId,
      type: query.type,
      status: query.status,
    });
    return pageDto(page, TransactionDto.from);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getTransaction',
    summary: 'One transaction (its customer or an admin)',
    description: 'One payment or refund: amount, status, gateway reference, failure code. Someone else\'s is a 404.',
  })
  @ApiOkResponse({ type: TransactionDto })
  @ApiProblems(400, 404)
  async get(@CurrentActor() actor: Actor, @PathId() id: string): Promise<TransactionDto> {
    return TransactionDto.from(await this.getTransaction.execute(actor, id));
  }
}
