import { Injectable } from '@nestjs/common';
import { Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { StoreCurrency } from '../../application/shared/store-currency';

/**
 * The store's currency, from configuration; a Nest provider, which the validation pipe's container hands to
 * class-validator. The use case still refuses any other (storeMoney); this names it beside the other bad fields.
 */
@Injectable()
@ValidatorConstraint({ name: 'isStoreCurrency' })
export class StoreCurrencyConstraint implements ValidatorConstraintInterface {
  constructor(private readonly store: StoreCurrency) {}

  validate(value: unknown): boolean {
    return value === this.store.code;
  }

  defaultMessage(): string {
    return `$property must be ${this.store.code}, the store's currency`;
  }
}

export const IsStoreCurrency = () => Validate(StoreCurrencyConstraint);
