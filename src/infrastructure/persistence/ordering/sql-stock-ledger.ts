import type { QueryResult } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { type StockLine, StockLedger } from '../../../application/ordering/stock-ledger';

/**
 * Each reservation is one conditional UPDATE (`stock >= quantity`): the row lock it takes makes concurrent
 * reservations queue, and the condition makes overselling impossible. Lines are taken in product-id order so
 * two multi-line orders never wait on each other in a cycle. The version bump tells an admin's concurrent edit.
 */
@Injectable()
export class SqlStockLedger extends StockLedger {
  constructor(private readonly em: SqlEntityManager) {
    super();
  }

  async reserve(lines: readonly StockLine[]): Promise<string[]> {
    const short: string[] = [];
    for (const line of byProduct(lines)) {
      const taken = await this.em.execute<QueryResult>(
        `update products set stock = stock - ?, version = version + 1
          where id = ? and status = 'active' and stock >= ?`,
        [line.quantity, line.productId, line.quantity],
        'run',
      );
      if (taken.affectedRows !== 1) short.push(line.productId);
    }
    return short;
  }

  async release(lines: readonly StockLine[]): Promise<void> {
    for (const line of byProduct(lines)) {
      await this.em.execute('update products set stock = stock + ?, version = version + 1 where id = ?', [line.quantity, line.productId], 'run');
    }
  }
}

const byProduct = (lines: readonly StockLine[]) => [...lines].sort((a, b) => a.productId.localeCompare(b.productId));
