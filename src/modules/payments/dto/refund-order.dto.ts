import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { MoneyDto } from '../../shared/money.dto';

export class RefundOrderDto {
  @ApiProperty({ type: MoneyDto, example: { amount: 500, currency: 'USD' } })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount: MoneyDto;

  @ApiProperty({ example: 'Damaged in transit', minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
