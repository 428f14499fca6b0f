import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class PayOrderDto {
  @ApiProperty({
    example: 'pm_card_visa',
    maxLength: 64,
    pattern: '^[A-Za-z0-9_]{1,64}$',
    description:
      'A payment method token. Test methods: pm_card_visa, pm_card_mastercard (succeed), pm_card_chargeDeclined, ' +
      'pm_card_insufficientFunds (declined: 402), pm_card_processingError (gateway error: 502).',
  })
  @IsString()
  @MaxCharacters(64)
  @Matches(/^[A-Za-z0-9_]{1,64}$/)
  paymentMethod: string;
}
